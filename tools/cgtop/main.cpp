// cgtop — every control group live (v1, v2, hybrid), and `cgtop run` to run a command under limits and explain.
#include <poll.h>
#include <unistd.h>
#include <fstream>
#include <iostream>

#include "cgtop/gc.hpp"
#include "cgtop/report.hpp"
#include "cgtop/run.hpp"
#include "cgtop/sampler.hpp"
#include "cgtop/tui.hpp"
#include "virtlab/cli.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"
#include "virtlab/signals.hpp"

namespace {

// Sleeps up to `seconds`, returning early (and throwing) on SIGINT/SIGTERM.
void pause_for(double seconds) {
  pollfd p{virtlab::InterruptGuard::poll_fd(), POLLIN, 0};
  ::poll(&p, 1, static_cast<int>(seconds * 1000));
  virtlab::InterruptGuard::throw_if_requested();
}

}  // namespace

int main(int argc, char** argv) {
  virtlab::ToolApp app(
      {"cgtop",
       "see every control group live, and run a command under limits that it then explains",
       "cgtop shows the cgroup tree with CPU % (Δusage/Δt; 100 % = one CPU) and quota, throttling, memory (current, "
       "limit, working set = usage − inactive_file, peak, OOM kills, swap), I/O rates, tasks and pressure (PSI) on "
       "cgroup v1, v2 and hybrid machines. Without -b on a terminal it is a full-screen live view; otherwise it "
       "prints plain tables (or JSON Lines with --json).\n\n"
       "'cgtop run --cpu 0.5 --memory 64M --pids 32 -- CMD' creates a cgroup, runs CMD in it, shows its usage live "
       "and explains afterwards which limit was hit and how often. The cgroup is always removed.",
       {{"EXAMPLES",
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
         "memory.max_usage_in_bytes, memory.oom_control, blkio.throttle.io_service_bytes_recursive, pids.*"}}});
  auto& cli = app.cli();
  bool batch = false, one = false, raw = false;
  int iterations = -1, depth = 3;
  double delay = 1.0;
  std::string order = "cpu", group = "/", record_path, replay_path;
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

  auto* run = cli.add_subcommand("run", "Run CMD in a new cgroup with limits, watch it, explain what happened");
  std::string cpu_text, mem_text, pids_text, name;
  std::vector<std::string> io_read, io_write, command;
  double run_interval = 1.0;
  run->add_option("--cpu", cpu_text, "CPU limit in CPUs: 0.5 = half a CPU (cpu.max / cpu.cfs_quota_us)");
  run->add_option("--memory", mem_text, "Memory limit: 64M, 1G (memory.max / memory.limit_in_bytes)");
  run->add_option("--pids", pids_text, "Maximum number of tasks (pids.max)");
  run->add_option("--io-read", io_read, "Read limit RATE:DEVICE, e.g. 10M:/dev/sda (io.max / blkio.throttle)");
  run->add_option("--io-write", io_write, "Write limit RATE:DEVICE, e.g. 10M:/dev/sda");
  run->add_option("--name", name, "Cgroup name under virtlab/ (default run-<pid>)");
  run->add_option("-d,--interval", run_interval, "Seconds between live samples")->check(CLI::Range(0.05, 3600.0));
  run->add_option("command", command, "CMD and its arguments (after --)")->required();

  auto* gc = cli.add_subcommand("gc",
                                "List what virtlab tools left behind (cgroups, state dirs) with each owner's pid and "
                                "state; remove the objects whose owner is dead");
  bool gc_dry_run = false;
  gc->add_flag("--dry-run", gc_dry_run, "Only list and say what would be removed");

  return app.run(argc, argv, [&]() -> int {
    if (*gc) {
      virtlab::cgtop::GcOptions opt;
      opt.dry_run = gc_dry_run;
      opt.json = app.common().json;
      return virtlab::cgtop::gc_command(opt, std::cout, app.terminal());
    }
    if (*run) {
      virtlab::cgtop::RunOptions opt;
      if (!cpu_text.empty()) opt.limits.cpu_cores = virtlab::kernel::parse_cpu_cores(cpu_text);
      if (!mem_text.empty()) opt.limits.memory_bytes = virtlab::kernel::parse_memory_bytes(mem_text);
      if (!pids_text.empty()) opt.limits.pids_max = virtlab::kernel::parse_pids_max(pids_text);
      for (const auto& r : io_read) opt.limits.io.push_back(virtlab::kernel::parse_io_limit(r, false));
      for (const auto& w : io_write) opt.limits.io.push_back(virtlab::kernel::parse_io_limit(w, true));
      opt.name = name;
      opt.command = command;
      opt.interval_s = run_interval;
      opt.json = app.common().json;
      opt.color = app.terminal().color;
      return virtlab::cgtop::run_command(opt, std::cout);
    }

    if (one) iterations = 1;
    virtlab::cgtop::ViewOptions view;
    view.sort = *virtlab::cgtop::parse_sort_key(order);
    view.max_depth = depth;
    view.raw = raw;
    const bool json = app.common().json;
    const bool interactive = !batch && !json && ::isatty(STDOUT_FILENO) && ::isatty(STDIN_FILENO);
    virtlab::InterruptGuard guard;

    if (!replay_path.empty()) {
      auto frames = virtlab::cgtop::load_recording(replay_path);
      if (interactive) {
        virtlab::cgtop::TuiOptions t;
        t.view = view;
        t.interval_s = delay;
        t.color = app.terminal().color;
        virtlab::cgtop::replay_tui(frames, t);
        return 0;
      }
      int shown = 0;
      for (const auto& f : frames) {
        if (iterations > 0 && shown++ >= iterations) break;
        if (json) {
          // Re-emit as recorded: the replayed numbers are the recorded ones.
          virtlab::kernel::Hierarchy h;
          h.layout = f.layout;
          virtlab::emit_json_line(std::cout, virtlab::cgtop::snapshot_to_json(f, h));
        } else {
          std::cout << "replay " << replay_path << " #" << f.refresh << " (" << virtlab::kernel::to_string(f.layout)
                    << ", interval " << f.interval_s << " s)\n";
          virtlab::cgtop::render_table(std::cout, f, view, app.terminal());
          std::cout << '\n';
        }
      }
      return 0;
    }

    virtlab::kernel::Hierarchy h = virtlab::kernel::discover();
    if (::geteuid() != 0)
      std::cerr << "cgtop: note: not root — this read-only view works; 'cgtop run' (creating cgroups) needs root\n";
    virtlab::cgtop::SamplerOptions sopt;
    sopt.root = group;
    virtlab::cgtop::Sampler sampler(h, sopt);
    std::ofstream record;
    if (!record_path.empty()) {
      record.open(record_path, std::ios::app);
      if (!record) virtlab::throw_errno("cannot open " + record_path + " for --record", "check the directory exists");
      virtlab::explain("open", record_path, "ok", "snapshots are appended as JSON lines");
    }
    if (interactive) {
      virtlab::cgtop::TuiOptions t;
      t.view = view;
      t.interval_s = delay;
      t.iterations = iterations;
      t.record = record_path.empty() ? nullptr : &record;
      t.color = app.terminal().color;
      virtlab::cgtop::run_tui(sampler, h, t);
      return 0;
    }
    sampler.refresh();  // the baseline: rates need two samples
    for (int i = 0; iterations < 0 || i < iterations; ++i) {
      pause_for(delay);
      const virtlab::cgtop::Snapshot& snap = sampler.refresh();
      if (record.is_open()) virtlab::emit_json_line(record, virtlab::cgtop::snapshot_to_json(snap, h));
      if (json) {
        virtlab::Json doc = virtlab::cgtop::snapshot_to_json(snap, h);
        if (virtlab::explaining() && i == 0) doc["explain"] = virtlab::Explain::instance().to_json();
        virtlab::emit_json_line(std::cout, doc);
      } else {
        if (i > 0) std::cout << '\n';
        virtlab::cgtop::render_table(std::cout, snap, view, app.terminal());
        std::cout << std::flush;
      }
    }
    return 0;
  });
}
