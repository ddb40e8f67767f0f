// cgtop's command line: the tool's help text, the view's options and the `run` and `gc` subcommands, each declared
// on the ToolApp and run once parsed. main.cpp wires them; the view's dispatch between the full-screen view and the
// batch procedures below is run_view_command (view_command.hpp, in cgtop_tui because the full-screen view needs
// ncurses).
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "cgtop/report.hpp"
#include "cgtop/run.hpp"
#include "cgtop/sampler.hpp"
#include "virtlab/cli.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::cgtop {

// Name, summary, description and the EXAMPLES, KEYS and FILES sections of --help and the man page.
virtlab::ToolInfo tool_info();

// `cgtop [options] [group]`: the cgroup tree live, as tables or JSON Lines, recorded with --record or replayed.
struct ViewCommand {
  void declare(CLI::App& cli);                                // the top-level options and the `group` argument
  int refresh_limit() const { return one ? 1 : iterations; }  // -1 = until stopped
  ViewOptions view_options() const;
  // The full-screen view: only on a terminal (stdin and stdout), without -b and --json.
  bool interactive(const virtlab::ToolApp& app) const;

  bool batch = false, one = false, raw = false;
  int iterations = -1, depth = 3;
  double delay = 1.0;
  std::string order = "cpu", group = "/", record_path, replay_path;
};

// --replay without a terminal: each recorded snapshot (up to the refresh limit) as a table, or re-emitted as the
// recorded JSON line with --json.
int replay_batch(const std::vector<Snapshot>& frames, const ViewCommand& command, const virtlab::ToolApp& app);
// The --record file, opened for appending (not open when `path` is empty). Throws when it cannot be opened.
std::ofstream open_record(const std::string& path);
// The live view without a terminal: a baseline sample, then after each delay one table or JSON line (the first
// carries the --explain log), also appended to `record` when it is open.
int watch_batch(Sampler& sampler, const kernel::Hierarchy& h, std::ofstream& record, const ViewCommand& command,
                const virtlab::ToolApp& app);

// `cgtop run [limits] -- CMD` (run.hpp).
struct RunCommand {
  static constexpr const char* kDescription = "Run CMD in a new cgroup with limits, watch it, explain what happened";
  void declare(CLI::App& cli);  // adds the subcommand
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  // The limits parsed from their text; throws virtlab::Error(usage) naming a malformed one.
  RunOptions run_options(const virtlab::ToolApp& app) const;
  int execute(const virtlab::ToolApp& app) const;

  CLI::App* sub = nullptr;
  std::string cpu_text, memory_text, pids_text, name;
  std::vector<std::string> io_read, io_write, command;
  double interval_s = 1.0;
};

// `cgtop gc [--dry-run]` (gc.hpp).
struct GcCommand {
  static constexpr const char* kDescription =
      "List what virtlab tools left behind (cgroups, state dirs) with each owner's pid and state; remove the objects "
      "whose owner is dead";
  void declare(CLI::App& cli);  // adds the subcommand
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  int execute(const virtlab::ToolApp& app) const;

  CLI::App* sub = nullptr;
  bool dry_run = false;
};

}  // namespace virtlab::cgtop
