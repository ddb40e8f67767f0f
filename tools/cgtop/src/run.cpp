#include "cgtop/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <ostream>

#include "cgtop/events.hpp"
#include "cgtop/report.hpp"
#include "cgtop/sampler.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/process.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace virtlab::cgtop {

namespace {

using Clock = std::chrono::steady_clock;

std::string clock_text() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  tm t{};
  ::localtime_r(&ts.tv_sec, &t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03ld", t.tm_hour, t.tm_min, t.tm_sec, ts.tv_nsec / 1000000);
  return buf;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string live_line(double t, const CgroupSample& s, const CgroupSample& first) {
  std::string line = "[" + fixed(t, 1) + " s] cpu " + (s.cpu_percent ? fixed(*s.cpu_percent, 1) + "%" : "-");
  if (s.nr_throttled)
    line += " throttled " +
            std::to_string(*s.nr_throttled - std::min(*s.nr_throttled, first.nr_throttled.value_or(0))) + "x";
  line += "  mem " + (s.memory_current ? virtlab::human_bytes(*s.memory_current) : std::string("-"));
  if (s.memory_limited && s.memory_limit) line += " / " + virtlab::human_bytes(*s.memory_limit);
  if (s.working_set) line += " (working set " + virtlab::human_bytes(*s.working_set) + ")";
  if (s.oom_kills && *s.oom_kills) line += "  OOM kills " + std::to_string(*s.oom_kills);
  line += "  tasks " + (s.tasks ? std::to_string(*s.tasks) : std::string("-"));
  if (s.pids_max) line += "/" + std::to_string(*s.pids_max);
  if (s.pids_max_events && *s.pids_max_events) line += " (fork refused " + std::to_string(*s.pids_max_events) + "x)";
  if (s.io_read_bps || s.io_write_bps)
    line += "  io r " + virtlab::human_bytes(static_cast<std::uint64_t>(s.io_read_bps.value_or(0))) + "/s w " +
            virtlab::human_bytes(static_cast<std::uint64_t>(s.io_write_bps.value_or(0))) + "/s";
  return line;
}

const CgroupSample* find_row(const Snapshot& snap) {
  return snap.rows.empty() ? nullptr : &snap.rows.front();
}

void explain_step(const std::string& step) {
  virtlab::Explain::instance().note("cgtop run " + step);
}

// The child side of fork: dies with us even when we are SIGKILLed (getppid closes the race with a parent dead before
// prctl), default signal dispositions (the guard's handlers must not survive into CMD), waits until the parent has
// put it into the cgroup, then execs; an exec failure goes back through the close-on-exec pipe.
[[noreturn]] void exec_when_told(pid_t parent, int go_fd, int error_fd, const std::vector<char*>& argv) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::signal(SIGHUP, SIG_DFL);
  char c = 0;
  ssize_t got;
  while ((got = ::read(go_fd, &c, 1)) < 0 && errno == EINTR) {
  }
  if (got != 1) ::_exit(127);  // the parent died before it put us in the cgroup: run nothing
  ::execvp(argv[0], argv.data());
  int e = errno;
  (void)!::write(error_fd, &e, sizeof e);
  ::_exit(127);
}

// Event lines while CMD runs: the first counter bump of a limit is the teaching moment; an identical line again is
// dropped. v1 signals the eventfd when the group is out of memory, before the kernel has picked and counted a
// victim; oom_kill is then re-read every few milliseconds until it moves (or for at most 200 ms).
class EventReporter {
 public:
  EventReporter(RunOutcome& outcome, std::ostream& out, bool json, std::string unified_dir)
      : outcome_(outcome),
        out_(out),
        json_(json),
        unified_dir_(std::move(unified_dir)),
        oom_kills_reported_(outcome.first.oom_kills.value_or(0)) {}

  bool oom_pending() const noexcept { return oom_pending_; }
  void expire_oom_wait() {
    if (oom_pending_ && Clock::now() > oom_pending_until_) oom_pending_ = false;
  }

  void report(const std::vector<std::string>& changed, const CgroupSample& row) {
    for (const auto& file : changed) report_file(file, row);
    if (oom_pending_) report_oom_kill(row, "memory.oom_control");
  }

 private:
  void add(const std::string& what) {
    std::string line = clock_text() + " event: " + what;
    auto& events = outcome_.events;
    bool repeat =
        !events.empty() && events.back().substr(events.back().find(" event:")) == line.substr(line.find(" event:"));
    if (repeat || events.size() >= 1000) return;
    events.push_back(line);
    if (!json_) out_ << line << '\n' << std::flush;
  }

  bool report_oom_kill(const CgroupSample& row, const std::string& file) {
    if (row.oom_kills.value_or(0) <= oom_kills_reported_) return false;
    oom_kills_reported_ = *row.oom_kills;
    oom_pending_ = false;
    add(file + " oom_kill " + std::to_string(oom_kills_reported_) +
        (row.memory_max_events ? ", max " + std::to_string(*row.memory_max_events) : ""));
    return true;
  }

  void report_file(const std::string& file, const CgroupSample& row) {
    if (file == "memory.oom_control") {
      if (report_oom_kill(row, file)) return;
      oom_pending_ = true;
      oom_pending_until_ = Clock::now() + std::chrono::milliseconds(200);
      add("memory.oom_control under_oom (the group is out of memory; the kernel is choosing a process to kill)");
    } else if (file == "memory.events") {
      if (!report_oom_kill(row, file) && row.memory_max_events)
        add(file + " oom_kill " + std::to_string(row.oom_kills.value_or(0)) + ", max " +
            std::to_string(*row.memory_max_events));
    } else if (file == "pids.events") {
      add(file + " max " + std::to_string(row.pids_max_events.value_or(0)));
    } else if (file == "cgroup.events") {
      auto text = virtlab::try_read_file(unified_dir_ + "/cgroup.events");
      auto populated = text ? lookup(parse_flat_keyed(*text), "populated") : std::nullopt;
      add(file + (populated ? " populated " + std::to_string(*populated) +
                                  (*populated ? " (a task is inside)" : " (the last task left)")
                            : std::string(" changed")));
    } else {
      add(file);
    }
  }

  RunOutcome& outcome_;
  std::ostream& out_;
  bool json_;
  std::string unified_dir_;
  std::uint64_t oom_kills_reported_;
  bool oom_pending_ = false;
  Clock::time_point oom_pending_until_ = Clock::now();
};

// One `cgtop run`: a short sequence of steps (run()), each introduced by its own --explain line.
class CommandRun {
 public:
  CommandRun(const RunOptions& options, std::ostream& out) : options_(options), out_(out) {}

  int run() {
    kernel::ScopedCgroup cgroup = create_cgroup();
    EventWatcher events = watch_events(cgroup);
    Sampler sampler = open_counters(cgroup);
    take_baseline(sampler);
    kernel::ChildProcess child = start_command(cgroup);
    EventReporter reporter(outcome_, out_, options_.json, cgroup.unified_directory());
    std::optional<int> status = watch_until_exit(child, events, sampler, reporter);
    collect_final_counters(child, status, events, sampler, reporter);
    remove_cgroup(cgroup);
    return report();
  }

 private:
  // 1. The cgroup with the limits, in every hierarchy that holds one of its controllers.
  kernel::ScopedCgroup create_cgroup() {
    explain_step("1. cgroup: discover the hierarchies, reap what SIGKILLed runs left, create the cgroup, limits");
    // The default name carries our pid and start time, so whoever finds it after a SIGKILL can tell we are gone.
    std::string name = options_.name.empty() ? "run-" + virtlab::owner_tag(virtlab::self_owner()) : options_.name;
    kernel::validate_cgroup_name(name);
    hierarchy_ = kernel::discover();
    if (::geteuid() == 0) kernel::reap_stale_cgroups(hierarchy_);
    kernel::ScopedCgroup cgroup = kernel::ScopedCgroup::create(hierarchy_, name, options_.limits);
    outcome_.command = options_.command;
    outcome_.cgroup_path = cgroup.relative_path();
    outcome_.layout = hierarchy_.layout;
    outcome_.applied = cgroup.applied();
    return cgroup;
  }

  // 2. Notifications for limit hits (inotify on v2 *.events, an eventfd on v1 memory.oom_control).
  EventWatcher watch_events(const kernel::ScopedCgroup& cgroup) {
    explain_step("2. events: watch the files the kernel changes when a limit is hit");
    return EventWatcher(cgroup);
  }

  // 3. The counters before CMD runs: what the final report subtracts.
  Sampler open_counters(const kernel::ScopedCgroup& cgroup) {
    explain_step("3. baseline: open the cgroup's counter files and read them once");
    SamplerOptions sopt;
    sopt.root = cgroup.relative_path();
    sopt.max_depth = 0;
    sopt.root_from_proc = false;
    return Sampler(hierarchy_, sopt);
  }

  void take_baseline(Sampler& sampler) {
    const CgroupSample* row = find_row(sampler.refresh());
    outcome_.first = row ? *row : CgroupSample{};
    last_ = outcome_.first;
  }

  // 4. CMD: forked, put into the cgroup while it waits on a pipe, then exec'd.
  kernel::ChildProcess start_command(kernel::ScopedCgroup& cgroup) {
    explain_step("4. command: fork, move the child into the cgroup, let it exec CMD");
    int go[2], err_pipe[2];
    if (::pipe2(go, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2");
    virtlab::UniqueFd go_r(go[0]), go_w(go[1]), err_r(err_pipe[0]), err_w(err_pipe[1]);
    const std::vector<char*> argv = kernel::exec_argv(options_.command);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) virtlab::throw_errno("fork for the command");
    if (pid == 0) exec_when_told(parent, go[0], err_pipe[1], argv);
    kernel::ChildProcess child(pid);
    virtlab::explain("fork", options_.command.front(), "pid " + std::to_string(pid),
                     "the child waits on a pipe; PR_SET_PDEATHSIG(SIGKILL): it dies with cgtop");
    go_r.reset();
    err_w.reset();
    cgroup.add_process(pid);
    if (::write(go_w.get(), "g", 1) != 1) virtlab::throw_errno("write to the start pipe");
    go_w.reset();
    throw_if_exec_failed(err_r.get());
    virtlab::explain("execve", options_.command.front(), "0", "CMD runs inside " + cgroup.relative_path());
    start_ = Clock::now();
    open_pidfd(pid);
    return child;
  }

  void throw_if_exec_failed(int error_fd) {
    int exec_errno = 0;
    ssize_t n;
    while ((n = ::read(error_fd, &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR) {
    }
    if (n == sizeof exec_errno)
      throw virtlab::Error(exec_errno == ENOENT ? virtlab::ExitCode::not_found : virtlab::ExitCode::failure,
                           "cannot run '" + options_.command.front() + "'", "check the command name and PATH",
                           exec_errno);
  }

  void open_pidfd(pid_t pid) {
    int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    int err = errno;
    pidfd_.reset(fd);
    virtlab::explain("pidfd_open", std::to_string(pid),
                     fd >= 0 ? "fd " + std::to_string(fd) : virtlab::errno_result(err),
                     "readable when CMD exits, so the loop sleeps in poll()");
  }

  // 5. Until CMD exits or we are interrupted: a live line per interval, an event line per limit hit.
  std::optional<int> watch_until_exit(kernel::ChildProcess& child, EventWatcher& events, Sampler& sampler,
                                      EventReporter& reporter) {
    explain_step("5. watch: poll the pidfd, the event files and Ctrl-C; sample every interval");
    print_header();
    const int interval_ms = std::max(50, static_cast<int>(options_.interval_s * 1000));
    auto next_tick = Clock::now() + std::chrono::milliseconds(interval_ms);
    while (true) {
      wait_for_activity(events, reporter, next_tick, interval_ms);
      if (virtlab::InterruptGuard::requested()) {
        outcome_.interrupted_by = virtlab::InterruptGuard::signal_number();
        return std::nullopt;
      }
      // One read of the counters serves both the notifications and a kill still to be counted.
      if (auto changed = events.drain(); !changed.empty() || reporter.oom_pending()) {
        if (const CgroupSample* row = find_row(sampler.refresh())) {
          last_ = *row;
          reporter.report(changed, *row);
        }
        reporter.expire_oom_wait();
      }
      if (auto status = child.try_reap()) return status;
      if (Clock::now() >= next_tick) {
        emit_sample(sampler.refresh());
        next_tick += std::chrono::milliseconds(interval_ms);
      }
    }
  }

  void wait_for_activity(const EventWatcher& events, const EventReporter& reporter, Clock::time_point next_tick,
                         int interval_ms) {
    std::vector<pollfd> fds;
    fds.push_back({virtlab::InterruptGuard::poll_fd(), POLLIN, 0});
    if (pidfd_) fds.push_back({pidfd_.get(), POLLIN, 0});
    for (int fd : events.fds()) fds.push_back({fd, POLLIN, 0});
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now());
    int timeout = pidfd_ ? static_cast<int>(std::max<long long>(0, wait.count())) : std::min(100, interval_ms);
    if (reporter.oom_pending()) timeout = std::min(timeout, 2);
    if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) virtlab::throw_errno("poll");
  }

  void print_header() {
    if (options_.json) return;
    out_ << "cgtop run: " << outcome_.cgroup_path << " on a " << to_string(hierarchy_.layout) << " hierarchy";
    for (const auto& w : outcome_.applied) out_ << "; " << w.file << " = " << w.value;
    out_ << "\n" << std::flush;
  }

  void emit_sample(const Snapshot& snap) {
    const CgroupSample* row = find_row(snap);
    if (!row) return;
    last_ = *row;
    if (options_.json)
      virtlab::emit_json_line(out_, snapshot_to_json(snap, hierarchy_));
    else
      out_ << live_line(elapsed(), *row, outcome_.first) << '\n' << std::flush;
  }

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // 6. How CMD ended, and the counters read before the cgroup goes.
  void collect_final_counters(kernel::ChildProcess& child, std::optional<int> status, EventWatcher& events,
                              Sampler& sampler, EventReporter& reporter) {
    explain_step("6. final counters: how CMD ended, the last reading of the cgroup's files");
    outcome_.wall_seconds = elapsed();
    if (!status) {
      child.kill_and_reap();  // interrupted: stop CMD (and everything it started) before the final numbers
    } else if (WIFEXITED(*status)) {
      outcome_.exit_status = WEXITSTATUS(*status);
    } else if (WIFSIGNALED(*status)) {
      outcome_.term_signal = WTERMSIG(*status);
    }
    if (const CgroupSample* row = find_row(sampler.refresh())) last_ = *row;
    // Notifications queued between the last poll and the exit, and a kill counted after its notification.
    reporter.report(events.drain(), last_);
    const CgroupSample& first = outcome_.first;
    outcome_.last = last_;
    outcome_.cpu_usage_ns =
        last_.cpu_usage_ns.value_or(0) - std::min(last_.cpu_usage_ns.value_or(0), first.cpu_usage_ns.value_or(0));
    if (last_.pids_max_events) {
      outcome_.pids_events_seen = true;
      outcome_.pids_max_events =
          *last_.pids_max_events - std::min(*last_.pids_max_events, first.pids_max_events.value_or(0));
    }
  }

  // 7. Nothing left behind: kill what is still inside, rmdir in every hierarchy.
  void remove_cgroup(kernel::ScopedCgroup& cgroup) {
    explain_step("7. remove: kill what is left in the cgroup, remove its directories");
    cgroup.remove();  // throws if something is left; the destructor would retry quietly
  }

  // 8. What happened, in sentences with the numbers; the exit code follows CMD's.
  int report() {
    explain_step("8. report: which limit was hit and how often");
    auto sentences = explain_run(outcome_);
    if (options_.json) {
      virtlab::Json doc = run_to_json(outcome_, sentences, hierarchy_);
      if (virtlab::explaining()) doc["explain"] = virtlab::Explain::instance().to_json();
      virtlab::emit_json_line(out_, doc);
    } else {
      out_ << "\nWhat happened:\n";
      for (const auto& s : sentences) out_ << "  " << s << '\n';
      out_ << std::flush;
    }
    if (outcome_.interrupted_by) return 128 + *outcome_.interrupted_by;
    if (outcome_.term_signal) return 128 + *outcome_.term_signal;
    return outcome_.exit_status.value_or(1);
  }

  const RunOptions& options_;
  std::ostream& out_;
  kernel::Hierarchy hierarchy_;
  RunOutcome outcome_;
  CgroupSample last_;
  Clock::time_point start_ = Clock::now();
  virtlab::UniqueFd pidfd_;
};

}  // namespace

int run_command(const RunOptions& options, std::ostream& out) {
  if (options.command.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "no command given",
                         "put it after --, e.g. cgtop run --cpu 0.5 -- yes");
  virtlab::InterruptGuard guard;
  return CommandRun(options, out).run();
}

}  // namespace virtlab::cgtop
