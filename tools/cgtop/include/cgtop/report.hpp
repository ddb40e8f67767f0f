// Turning samples into output: the tree-ordered table (batch mode and the live view share the ordering), the
// cgtop/1 JSON documents (live feed, --record/--replay), and the plain-words explanation at the end of `cgtop run`.
#pragma once

#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cgtop/sampler.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"
#include "virtlab/table.hpp"

namespace virtlab::cgtop {

enum class SortKey { path, cpu, memory, io, tasks };
std::optional<SortKey> parse_sort_key(std::string_view text);  // "path|cpu|memory|io|tasks"
std::string_view to_string(SortKey key) noexcept;

struct ViewOptions {
  SortKey sort = SortKey::cpu;
  int max_depth = 3;                // rows deeper than this are hidden (-1 = all)
  std::set<std::string> collapsed;  // paths whose children are hidden
  bool raw = false;                 // raw numbers (bytes, not KiB/MiB)
};

// Rows in display order: the tree is kept (children right after their parent, siblings sorted by `sort`,
// descending for numbers), rows below max_depth or under a collapsed path left out.
std::vector<const CgroupSample*> order_rows(const Snapshot& snap, const ViewOptions& view);
bool has_children(const Snapshot& snap, const CgroupSample& row);

// Column texts for one row (shared by the table and the ncurses view). "-" = not available here.
struct RowText {
  std::string path, name, tasks, cpu, quota, throttled, memory, limit, working_set, peak, oom, swap, io_read, io_write,
      psi;
};
RowText format_row(const CgroupSample& s, bool raw);

void render_table(std::ostream& out, const Snapshot& snap, const ViewOptions& view, const virtlab::Terminal& term);

// One cgtop/1 document ("kind": "snapshot") for the JSON Lines feed and --record.
virtlab::Json snapshot_to_json(const Snapshot& snap, const kernel::Hierarchy& h);
// Back from a recorded document (for --replay). Throws virtlab::Error(usage) on a document that is not cgtop/1.
Snapshot snapshot_from_json(const virtlab::Json& doc);
// Reads a --record file (JSON Lines; run reports in it are skipped). Throws usage on junk or no snapshots.
std::vector<Snapshot> load_recording(const std::string& path);

// What happened during `cgtop run`, for the final explanation.
struct RunOutcome {
  std::vector<std::string> command;
  std::string cgroup_path;  // "/virtlab/demo"
  kernel::Layout layout = kernel::Layout::none;
  std::vector<kernel::LimitWrite> applied;
  double wall_seconds = 0;
  std::optional<int> exit_status;     // normal exit
  std::optional<int> term_signal;     // killed by this signal
  std::optional<int> interrupted_by;  // we stopped it (SIGINT/SIGTERM to cgtop)
  CgroupSample first, last;           // cumulative counters at start and end
  std::uint64_t cpu_usage_ns = 0;     // used during the run
  std::vector<std::string> events;    // "12:00:01.234 memory.events oom_kill 1" as they arrived
  std::uint64_t pids_max_events = 0;  // increase in pids.events max during the run
  bool pids_events_seen = false;
};
// Plain sentences with the numbers: "throttled 412 times, 8.2 s in total, because cpu.max = 50000 100000".
std::vector<std::string> explain_run(const RunOutcome& run);
virtlab::Json run_to_json(const RunOutcome& run, const std::vector<std::string>& sentences, const kernel::Hierarchy& h);

}  // namespace virtlab::cgtop
