// cgtop's command line (commands.hpp): the help text, each mode's options and the procedures that need no terminal.
#include "cgtop/commands.hpp"

#include <poll.h>
#include <unistd.h>

#include <iostream>

#include "cgtop/gc.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"

namespace virtlab::cgtop {

namespace {

// Sleeps up to `seconds`, returning early (and throwing) on SIGINT/SIGTERM.
void pause_for(double seconds) {
  pollfd p{virtlab::InterruptGuard::poll_fd(), POLLIN, 0};
  ::poll(&p, 1, static_cast<int>(seconds * 1000));
  virtlab::InterruptGuard::throw_if_requested();
}

}  // namespace

virtlab::ToolInfo tool_info() {
  virtlab::ToolInfo info;
  info.name = "cgtop";
  info.summary = "see every control group live, and run a command under limits that it then explains";
  info.description =
      "cgtop shows the cgroup tree with CPU % (Δusage/Δt; 100 % = one CPU) and quota, throttling, memory (current, "
      "limit, working set = usage − inactive_file, peak, OOM kills, swap), I/O rates, tasks and pressure (PSI) on "
      "cgroup v1, v2 and hybrid machines. Without -b on a terminal it is a full-screen live view; otherwise it "
      "prints plain tables (or JSON Lines with --json).\n\n"
      "'cgtop run --cpu 0.5 --memory 64M --pids 32 -- CMD' creates a cgroup, runs CMD in it, shows its usage live "
      "and explains afterwards which limit was hit and how often. The cgroup is always removed.";
  info.man_sections = {
      {"EXAMPLES",
       "cgtop -b -n 1 --depth 2\n    one table of the top two levels\n\n"
       "cgtop --json -b -n 5 -d 0.5 | jq .cgroups[0]\n    five JSON documents, one per line\n\n"
       "sudo cgtop run --cpu 0.2 -- sh -c 'while :; do :; done'\n    see CFS throttling hold a busy loop to 20 %\n\n"
       "sudo cgtop run --memory 32M -- python3 -c 'b=bytearray(1<<30)'\n    see the OOM killer\n\n"
       "cgtop -b -n 10 --record /tmp/cg.jsonl; cgtop --replay /tmp/cg.jsonl\n    record and replay\n\n"
       "sudo cgtop gc --dry-run\n    what SIGKILLed virtlab runs left behind, and whose it is"},
      {"KEYS",
       "q quit; c/m/i/t/p sort by CPU, memory, I/O, tasks, path; arrows or j/k move; space or enter collapse/expand; "
       "f focus the selected subtree, u back to the whole tree; + and - depth; < and > interval; r raw numbers"},
      {"FILES",
       "/proc/self/mountinfo, /proc/cgroups (discovery); per cgroup v2: cpu.stat, cpu.max, memory.current, "
       "memory.max, memory.stat, memory.peak, memory.events, memory.swap.current, io.stat, pids.*, *.pressure; "
       "v1: cpuacct.usage, cpu.stat, cpu.cfs_*, memory.usage_in_bytes, memory.limit_in_bytes, memory.stat, "
       "memory.max_usage_in_bytes, memory.oom_control, blkio.throttle.io_service_bytes_recursive, pids.*"}};
  return info;
}

void ViewCommand::declare(CLI::App& cli) {
  cli.add_flag("-b,--batch", batch, "Batch mode: plain text (or --json), no keys");
  cli.add_option("-n,--iterations", iterations, "Stop after N refreshes")->check(CLI::PositiveNumber);
  cli.add_flag("-1", one, "Shortcut for -n 1");
  cli.add_option("-d,--delay", delay, "Seconds between refreshes (default 1)")->check(CLI::Range(0.01, 3600.0));
  cli.add_option("--depth", depth, "Maximum tree depth shown (default 3; -1 = all)")->check(CLI::Range(-1, 1000));
  cli.add_option("-o,--order", order, "Sort siblings by: cpu, memory, io, tasks, path")
      ->check(CLI::IsMember({"cpu", "memory", "mem", "io", "tasks", "path"}));
  cli.add_flag("-r,--raw", raw, "Raw numbers (bytes, not KiB/MiB)");
  cli.add_option("--record", record_path, "Append every snapshot as a cgtop/1 JSON line to FILE");
  cli.add_option("--replay", replay_path, "Show snapshots recorded with --record instead of the live kernel");
  cli.add_option("group", group, "Show only this cgroup subtree (path relative to the hierarchy roots)");
}

ViewOptions ViewCommand::view_options() const {
  ViewOptions view;
  view.sort = *parse_sort_key(order);  // --order's IsMember check admits only known keys
  view.max_depth = depth;
  view.raw = raw;
  return view;
}

bool ViewCommand::interactive(const virtlab::ToolApp& app) const {
  return !batch && !app.common().json && ::isatty(STDOUT_FILENO) && ::isatty(STDIN_FILENO);
}

int replay_batch(const std::vector<Snapshot>& frames, const ViewCommand& command, const virtlab::ToolApp& app) {
  const ViewOptions view = command.view_options();
  const int limit = command.refresh_limit();
  int shown = 0;
  for (const auto& f : frames) {
    if (limit > 0 && shown++ >= limit) break;
    if (app.common().json) {
      // Re-emit as recorded: the replayed numbers are the recorded ones.
      kernel::Hierarchy h;
      h.layout = f.layout;
      virtlab::emit_json_line(std::cout, snapshot_to_json(f, h));
    } else {
      std::cout << "replay " << command.replay_path << " #" << f.refresh << " (" << kernel::to_string(f.layout)
                << ", interval " << f.interval_s << " s)\n";
      render_table(std::cout, f, view, app.terminal());
      std::cout << '\n';
    }
  }
  return 0;
}

std::ofstream open_record(const std::string& path) {
  std::ofstream record;
  if (path.empty()) return record;
  record.open(path, std::ios::app);
  if (!record) virtlab::throw_errno("cannot open " + path + " for --record", "check the directory exists");
  virtlab::explain("open", path, "ok", "snapshots are appended as JSON lines");
  return record;
}

int watch_batch(Sampler& sampler, const kernel::Hierarchy& h, std::ofstream& record, const ViewCommand& command,
                const virtlab::ToolApp& app) {
  const ViewOptions view = command.view_options();
  const int limit = command.refresh_limit();
  const bool json = app.common().json;
  sampler.refresh();  // the baseline: rates need two samples
  for (int i = 0; limit < 0 || i < limit; ++i) {
    pause_for(command.delay);
    const Snapshot& snap = sampler.refresh();
    if (record.is_open()) virtlab::emit_json_line(record, snapshot_to_json(snap, h));
    if (json) {
      virtlab::Json doc = snapshot_to_json(snap, h);
      if (virtlab::explaining() && i == 0) doc["explain"] = virtlab::Explain::instance().to_json();
      virtlab::emit_json_line(std::cout, doc);
    } else {
      if (i > 0) std::cout << '\n';
      render_table(std::cout, snap, view, app.terminal());
      std::cout << std::flush;
    }
  }
  return 0;
}

void RunCommand::declare(CLI::App& cli) {
  sub = cli.add_subcommand("run", kDescription);
  sub->add_option("--cpu", cpu_text, "CPU limit in CPUs: 0.5 = half a CPU (cpu.max / cpu.cfs_quota_us)");
  sub->add_option("--memory", memory_text, "Memory limit: 64M, 1G (memory.max / memory.limit_in_bytes)");
  sub->add_option("--pids", pids_text, "Maximum number of tasks (pids.max)");
  sub->add_option("--io-read", io_read, "Read limit RATE:DEVICE, e.g. 10M:/dev/sda (io.max / blkio.throttle)");
  sub->add_option("--io-write", io_write, "Write limit RATE:DEVICE, e.g. 10M:/dev/sda");
  sub->add_option("--name", name, "Cgroup name under virtlab/ (default run-<pid>)");
  sub->add_option("-d,--interval", interval_s, "Seconds between live samples")->check(CLI::Range(0.05, 3600.0));
  sub->add_option("command", command, "CMD and its arguments (after --)")->required();
}

RunOptions RunCommand::run_options(const virtlab::ToolApp& app) const {
  RunOptions options;
  if (!cpu_text.empty()) options.limits.cpu_cores = kernel::parse_cpu_cores(cpu_text);
  if (!memory_text.empty()) options.limits.memory_bytes = kernel::parse_memory_bytes(memory_text);
  if (!pids_text.empty()) options.limits.pids_max = kernel::parse_pids_max(pids_text);
  for (const auto& r : io_read) options.limits.io.push_back(kernel::parse_io_limit(r, false));
  for (const auto& w : io_write) options.limits.io.push_back(kernel::parse_io_limit(w, true));
  options.name = name;
  options.command = command;
  options.interval_s = interval_s;
  options.json = app.common().json;
  options.color = app.terminal().color;
  return options;
}

int RunCommand::execute(const virtlab::ToolApp& app) const {
  return run_command(run_options(app), std::cout);
}

void GcCommand::declare(CLI::App& cli) {
  sub = cli.add_subcommand("gc", kDescription);
  sub->add_flag("--dry-run", dry_run, "Only list and say what would be removed");
}

int GcCommand::execute(const virtlab::ToolApp& app) const {
  GcOptions options;
  options.dry_run = dry_run;
  options.json = app.common().json;
  return gc_command(options, std::cout, app.terminal());
}

}  // namespace virtlab::cgtop
