#include "cgtop/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
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
#include "virtlab/signals.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace cgtop {

namespace {

// The command's process: killed and reaped if we unwind before it exited.
class Child {
 public:
  Child() = default;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  pid_t pid() const { return pid_; }
  void set(pid_t p) { pid_ = p; }
  void reaped() { pid_ = -1; }

 private:
  pid_t pid_ = -1;
};

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

}  // namespace

int run_command(const RunOptions& options, std::ostream& out) {
  if (options.command.empty())
    throw virtlab::Error(virtlab::ExitCode::usage, "no command given",
                         "put it after --, e.g. cgtop run --cpu 0.5 -- yes");
  // The default name carries our pid and start time, so whoever finds it after a SIGKILL can tell we are gone.
  std::string name = options.name.empty() ? "run-" + virtlab::owner_tag(virtlab::self_owner()) : options.name;
  validate_cgroup_name(name);
  Hierarchy h = discover();
  virtlab::InterruptGuard guard;
  if (::geteuid() == 0) reap_stale_cgroups(h);
  ScopedCgroup cg = ScopedCgroup::create(h, name, options.limits);
  EventWatcher events(cg);
  for (const auto& w : events.watched()) virtlab::Explain::instance().note("watching " + w);

  SamplerOptions sopt;
  sopt.root = cg.relative_path();
  sopt.max_depth = 0;
  sopt.root_from_proc = false;
  Sampler sampler(h, sopt);
  const CgroupSample* r0 = find_row(sampler.refresh());
  CgroupSample first = r0 ? *r0 : CgroupSample{};

  // Start CMD: the child waits until the parent has put it into the cgroup, then execs. An exec failure comes
  // back through a close-on-exec pipe.
  int go[2], err_pipe[2];
  if (::pipe2(go, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2");
  virtlab::UniqueFd go_r(go[0]), go_w(go[1]), err_r(err_pipe[0]), err_w(err_pipe[1]);
  std::vector<char*> argv;
  for (const auto& a : options.command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Child child;
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) virtlab::throw_errno("fork for the command");
  if (pid == 0) {
    // Child: dies with us even when we are SIGKILLed (getppid closes the race with a parent dead before prctl);
    // default signal dispositions (the guard's handlers must not survive into CMD).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
    char c = 0;
    ssize_t got;
    while ((got = ::read(go[0], &c, 1)) < 0 && errno == EINTR) {
    }
    if (got != 1) ::_exit(127);  // the parent died before it put us in the cgroup: run nothing
    ::execvp(argv[0], argv.data());
    int e = errno;
    (void)!::write(err_pipe[1], &e, sizeof e);
    ::_exit(127);
  }
  child.set(pid);
  virtlab::explain("fork", options.command.front(), "pid " + std::to_string(pid),
                   "the child waits on a pipe; PR_SET_PDEATHSIG(SIGKILL): it dies with cgtop");
  go_r.reset();
  err_w.reset();
  cg.add_process(pid);
  if (::write(go_w.get(), "g", 1) != 1) virtlab::throw_errno("write to the start pipe");
  go_w.reset();
  int exec_errno = 0;
  ssize_t n;
  while ((n = ::read(err_r.get(), &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR) {
  }
  if (n == sizeof exec_errno) {
    throw virtlab::Error(exec_errno == ENOENT ? virtlab::ExitCode::not_found : virtlab::ExitCode::failure,
                         "cannot run '" + options.command.front() + "'", "check the command name and PATH", exec_errno);
  }
  virtlab::explain("execve", options.command.front(), "0", "CMD runs inside " + cg.relative_path());
  auto start = std::chrono::steady_clock::now();
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  virtlab::UniqueFd pidfd_owner(pidfd);
  virtlab::explain("pidfd_open", std::to_string(pid),
                   pidfd >= 0 ? "fd " + std::to_string(pidfd) : virtlab::errno_result(errno),
                   "readable when CMD exits, so the loop sleeps in poll()");

  RunOutcome outcome;
  outcome.command = options.command;
  outcome.cgroup_path = cg.relative_path();
  outcome.layout = h.layout;
  outcome.applied = cg.applied();
  outcome.first = first;
  CgroupSample last = first;
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  auto emit_sample = [&](const Snapshot& snap) {
    const CgroupSample* row = find_row(snap);
    if (!row) return;
    last = *row;
    if (options.json)
      virtlab::emit_json_line(out, snapshot_to_json(snap, h));
    else
      out << live_line(elapsed(), *row, first) << '\n' << std::flush;
  };
  if (!options.json) {
    out << "cgtop run: " << cg.relative_path() << " on a " << to_string(h.layout) << " hierarchy";
    for (const auto& w : cg.applied()) out << "; " << w.file << " = " << w.value;
    out << "\n" << std::flush;
  }

  // Event lines: the first counter bump of a limit is the teaching moment; an identical line again is dropped.
  auto add_event = [&](const std::string& what) {
    std::string line = clock_text() + " event: " + what;
    bool repeat = !outcome.events.empty() && outcome.events.back().substr(outcome.events.back().find(" event:")) ==
                                                 line.substr(line.find(" event:"));
    if (repeat || outcome.events.size() >= 1000) return;
    outcome.events.push_back(line);
    if (!options.json) out << line << '\n' << std::flush;
  };
  // v1 signals the eventfd when the group is out of memory, before the kernel has picked and counted a victim;
  // oom_kill is then re-read every few milliseconds until it moves (or for at most 200 ms).
  std::uint64_t oom_kills_reported = first.oom_kills.value_or(0);
  bool oom_pending = false;
  auto oom_pending_until = std::chrono::steady_clock::now();
  auto report_oom_kill = [&](const CgroupSample& row, const std::string& file) {
    if (row.oom_kills.value_or(0) <= oom_kills_reported) return false;
    oom_kills_reported = *row.oom_kills;
    oom_pending = false;
    add_event(file + " oom_kill " + std::to_string(oom_kills_reported) +
              (row.memory_max_events ? ", max " + std::to_string(*row.memory_max_events) : ""));
    return true;
  };
  auto report_changes = [&](const std::vector<std::string>& changed, const CgroupSample& row) {
    for (const auto& file : changed) {
      if (file == "memory.oom_control") {
        if (report_oom_kill(row, file)) continue;
        oom_pending = true;
        oom_pending_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
        add_event(
            "memory.oom_control under_oom (the group is out of memory; the kernel is choosing a process to kill)");
      } else if (file == "memory.events") {
        if (!report_oom_kill(row, file) && row.memory_max_events)
          add_event(file + " oom_kill " + std::to_string(row.oom_kills.value_or(0)) + ", max " +
                    std::to_string(*row.memory_max_events));
      } else if (file == "pids.events") {
        add_event(file + " max " + std::to_string(row.pids_max_events.value_or(0)));
      } else if (file == "cgroup.events") {
        auto text = virtlab::try_read_file(cg.unified_directory() + "/cgroup.events");
        auto populated = text ? lookup(parse_flat_keyed(*text), "populated") : std::nullopt;
        add_event(file + (populated ? " populated " + std::to_string(*populated) +
                                          (*populated ? " (a task is inside)" : " (the last task left)")
                                    : std::string(" changed")));
      } else {
        add_event(file);
      }
    }
    if (oom_pending) report_oom_kill(row, "memory.oom_control");
  };

  std::optional<int> status;
  int interval_ms = std::max(50, static_cast<int>(options.interval_s * 1000));
  auto next_tick = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms);
  while (!status) {
    std::vector<pollfd> fds;
    fds.push_back({virtlab::InterruptGuard::poll_fd(), POLLIN, 0});
    if (pidfd >= 0) fds.push_back({pidfd, POLLIN, 0});
    for (int fd : events.fds()) fds.push_back({fd, POLLIN, 0});
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - std::chrono::steady_clock::now());
    int timeout = pidfd >= 0 ? static_cast<int>(std::max<long long>(0, wait.count())) : std::min(100, interval_ms);
    if (oom_pending) timeout = std::min(timeout, 2);
    int rc = ::poll(fds.data(), fds.size(), timeout);
    if (rc < 0 && errno != EINTR) virtlab::throw_errno("poll");
    if (virtlab::InterruptGuard::requested()) {
      outcome.interrupted_by = virtlab::InterruptGuard::signal_number();
      break;
    }
    // One read of the counters serves both the notifications and a kill still to be counted.
    if (auto changed = events.drain(); !changed.empty() || oom_pending) {
      if (const CgroupSample* row = find_row(sampler.refresh())) {
        last = *row;
        report_changes(changed, *row);
      }
      if (oom_pending && std::chrono::steady_clock::now() > oom_pending_until) oom_pending = false;
    }
    int wst = 0;
    pid_t w = ::waitpid(pid, &wst, WNOHANG);
    if (w == pid) {
      child.reaped();
      status = wst;
      break;
    }
    if (std::chrono::steady_clock::now() >= next_tick) {
      emit_sample(sampler.refresh());
      next_tick += std::chrono::milliseconds(interval_ms);
    }
  }
  outcome.wall_seconds = elapsed();
  if (!status) {
    // Interrupted: stop CMD (and everything it started) before the final numbers.
    ::kill(pid, SIGKILL);
    int wst = 0;
    while (::waitpid(pid, &wst, 0) < 0 && errno == EINTR) {
    }
    child.reaped();
  } else if (WIFEXITED(*status)) {
    outcome.exit_status = WEXITSTATUS(*status);
  } else if (WIFSIGNALED(*status)) {
    outcome.term_signal = WTERMSIG(*status);
  }
  // Final counters, read before the cgroup is removed.
  if (const CgroupSample* row = find_row(sampler.refresh())) last = *row;
  // Notifications queued between the last poll and the exit, and a kill counted after its notification.
  report_changes(events.drain(), last);
  outcome.last = last;
  outcome.cpu_usage_ns =
      last.cpu_usage_ns.value_or(0) - std::min(last.cpu_usage_ns.value_or(0), first.cpu_usage_ns.value_or(0));
  if (last.pids_max_events) {
    outcome.pids_events_seen = true;
    outcome.pids_max_events =
        *last.pids_max_events - std::min(*last.pids_max_events, first.pids_max_events.value_or(0));
  }
  cg.remove();  // throws if something is left; the destructor would retry quietly
  auto sentences = explain_run(outcome);
  if (options.json) {
    virtlab::Json doc = run_to_json(outcome, sentences, h);
    if (virtlab::explaining()) doc["explain"] = virtlab::Explain::instance().to_json();
    virtlab::emit_json_line(out, doc);
  } else {
    out << "\nWhat happened:\n";
    for (const auto& s : sentences) out << "  " << s << '\n';
    out << std::flush;
  }
  if (outcome.interrupted_by) return 128 + *outcome.interrupted_by;
  if (outcome.term_signal) return 128 + *outcome.term_signal;
  return outcome.exit_status.value_or(1);
}

}  // namespace cgtop
