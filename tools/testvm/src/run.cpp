#include "testvm/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "testvm/cpio.hpp"
#include "testvm/debversion.hpp"
#include "testvm/guest.hpp"
#include "testvm/host.hpp"
#include "testvm/image.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"

namespace fs = std::filesystem;

namespace testvm {

using virtlab::Error;
using virtlab::ExitCode;
using Clock = std::chrono::steady_clock;

void StreamSink::guest_stdout(std::string_view data) {
  write_all(out_, data);
}

void StreamSink::guest_stderr(std::string_view data) {
  write_all(err_, data);
}

namespace {

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// QEMU in its own process group, killed (SIGKILL to the whole group) and reaped when this object goes away;
// PR_SET_PDEATHSIG kills it even if we are SIGKILLed ourselves.
class QemuProcess {
 public:
  explicit QemuProcess(const std::vector<std::string>& argv) {
    int pipefd[2];
    if (::pipe2(pipefd, O_CLOEXEC | O_NONBLOCK) != 0) virtlab::throw_errno("pipe2 for QEMU's messages");
    virtlab::UniqueFd read_end(pipefd[0]), write_end(pipefd[1]);
    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) virtlab::throw_errno("fork for QEMU");
    if (pid_ == 0) {
      ::setpgid(0, 0);
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) _exit(1);  // the parent died before prctl took effect
      sigset_t none;
      sigemptyset(&none);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);
      int devnull = ::open("/dev/null", O_RDONLY);
      if (devnull >= 0) ::dup2(devnull, 0);
      ::dup2(pipefd[1], 1);
      ::dup2(pipefd[1], 2);
      ::execv(cargv[0], cargv.data());
      _exit(127);
    }
    ::setpgid(pid_, pid_);  // also from here, so the group exists before we might kill it
    messages_ = std::move(read_end);
    pidfd_.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
    virtlab::explain("fork+execv", argv[0], "pid " + std::to_string(pid_),
                     "QEMU leads its own process group; PR_SET_PDEATHSIG=SIGKILL ties it to us");
  }
  ~QemuProcess() { kill(); }
  QemuProcess(const QemuProcess&) = delete;
  QemuProcess& operator=(const QemuProcess&) = delete;

  pid_t pid() const { return pid_; }
  int pidfd() const { return pidfd_.get(); }
  int messages_fd() const { return messages_.get(); }
  bool running() const { return !reaped_; }

  // Non-blocking: true once QEMU has exited (and been reaped).
  bool poll_exit() {
    if (reaped_) return true;
    int wstatus = 0;
    pid_t r = ::waitpid(pid_, &wstatus, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      status_ = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
      virtlab::explain("waitpid", "QEMU pid " + std::to_string(pid_), "exit status " + std::to_string(status_));
    }
    return reaped_;
  }
  int status() const { return status_; }

  void kill() {
    if (reaped_ || pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    int wstatus = 0;
    while (::waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    status_ = 128 + SIGKILL;
    virtlab::explain("kill(SIGKILL)+waitpid", "QEMU process group " + std::to_string(pid_), "reaped",
                     "nothing is left behind");
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;
  virtlab::UniqueFd messages_;
  virtlab::UniqueFd pidfd_;
};

void append_file(std::ofstream& out, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) virtlab::throw_errno("cannot read " + path.string(), "clear the cache (testvm clean) and retry");
  out << in.rdbuf();
}

std::string tail_lines(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  for (std::size_t n = 0; n <= lines && pos > 0; ++n) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos + 1);
}

// Strips terminal escape sequences and carriage returns (SeaBIOS clears the screen) for error messages.
std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\x1b') {
      ++i;
      if (i < text.size() && text[i] == '[') {
        while (i + 1 < text.size() && !std::isalpha(static_cast<unsigned char>(text[i + 1]))) ++i;
        ++i;
      }
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out;
}

// A run killed with SIGKILL cannot clean up (QEMU still dies, by PR_SET_PDEATHSIG); its directory
// "testvm.<pid>.XXXXXX" is removed by the next run once that pid is gone.
void remove_stale_run_dirs(const fs::path& tmp_root) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(tmp_root, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("testvm.")) continue;
    auto dot = name.find('.', 7);
    if (dot == std::string::npos) continue;
    auto pid = virtlab::parse_i64(std::string_view(name).substr(7, dot - 7));
    struct stat st {};
    if (!pid || *pid <= 0 || ::lstat(entry.path().c_str(), &st) != 0 || st.st_uid != ::getuid()) continue;
    if (::kill(static_cast<pid_t>(*pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    fs::remove_all(entry.path(), rm);
    virtlab::explain("remove_all", entry.path().string(), rm ? rm.message() : "0",
                     "left behind by a testvm that was SIGKILLed (pid " + std::to_string(*pid) + " is gone)");
  }
}

}  // namespace

Availability check_availability(const RunOptions& options) {
  Availability a;
  if (auto qemu = find_qemu()) {
    a.qemu = true;
    a.qemu_path = qemu->string();
  } else {
    a.reason = "QEMU is not installed (no qemu-system-x86_64 on PATH); hint: apt-get install qemu-system-x86";
    return a;
  }
  fs::path cache = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL");
  if (auto base = find_cached_base(cache, pinned ? pinned : "")) {
    a.kernel = true;
    a.kernel_cached = true;
    a.kernel_release = base->kernel_release;
    return a;
  }
  if (!find_program("apt-get") || !find_program("apt-cache") || !find_program("dpkg-deb")) {
    a.reason = "no cached kernel and no apt-get/dpkg-deb to fetch one; hint: run on Debian/Ubuntu or fill " +
               cache.string() + " with testvm build on a Debian machine";
    return a;
  }
  auto names = run_command({"apt-cache", "pkgnames", "linux-image-"});
  auto releases = cloud_kernel_releases_newest_first(names.output);
  if (releases.empty()) {
    a.reason = "apt knows no linux-image-*-cloud-amd64 package; hint: apt-get update (Debian archive in sources.list)";
    return a;
  }
  a.kernel = true;
  a.kernel_release = releases.front();
  return a;
}

namespace {
RunResult run_once(const RunSpec& spec_in, OutputSink& sink, const RunOptions& options);
}  // namespace

// The guest kernel under QEMU TCG very rarely panics in an interrupt handler (seen about once in a few hundred
// boots). That says nothing about the command, so one such boot is retried, saying so on stderr; a second panic,
// and every other failure, is reported as it is.
RunResult run(const RunSpec& spec, OutputSink& sink, const RunOptions& options) {
  try {
    return run_once(spec, sink, options);
  } catch (const Error& e) {
    bool panicked = std::string_view(e.what()).find("the guest stopped before the command finished") == 0 &&
                    e.hint().find("Kernel panic") != std::string::npos;
    if (!panicked) throw;
    std::fprintf(stderr, "testvm: the guest kernel panicked before the command finished; booting once more\n");
    return run_once(spec, sink, options);
  }
}

namespace {
RunResult run_once(const RunSpec& spec_in, OutputSink& sink, const RunOptions& options) {
  auto started = Clock::now();
  RunSpec spec = spec_in;
  validate(spec);
  auto qemu = find_qemu();
  if (!qemu) {
    throw Error(ExitCode::unsupported, "QEMU is not installed (no qemu-system-x86_64 on PATH)",
                "apt-get install qemu-system-x86", ENOENT);
  }
  virtlab::explain("execvp lookup", "qemu-system-x86_64", qemu->string());

  RunResult result;
  CacheOptions cache;
  cache.dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  cache.refresh = options.refresh;
  if (const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL")) cache.pinned_release = pinned;
  virtlab::Explain::instance().note("1. the base initramfs (kernel, KVM modules, busybox) from " + cache.dir.string());
  BaseImage base = ensure_base_image(cache);
  result.kernel_release = base.kernel_release;
  result.base_built = base.built_now;

  virtlab::Explain::instance().note("2. the payload: the command's binary, --file entries and their libraries");
  std::vector<FileSpec> files = spec.files;
  if (auto own = command_file(spec.command.front(), base.applets)) {
    if (spec.command.front().find('/') != std::string::npos) spec.command.front() = own->dest;
    files.push_back(*own);
  }
  Payload payload = ensure_payload(cache.dir, files);
  result.payload_built = payload.built_now;
  result.payload_key = payload.key;

  virtlab::Explain::instance().note("3. this run's /init and the initrd (base + payload + init, concatenated cpio)");
  GuestPlan plan;
  plan.command = spec.command;
  plan.boot_modules = base.boot_modules;
  plan.kvm_modules = base.kvm_modules;
  plan.swap_modules = base.swap_modules;
  plan.network_modules = base.network_modules;
  plan.swap = spec.swap_bytes > 0;
  plan.cgroup = spec.cgroup;
  plan.env = spec.env;
  plan.workdir = spec.workdir.empty() ? "/" : spec.workdir;
  plan.library_dirs = payload.library_dirs;
  CpioWriter run_cpio;
  run_cpio.add_file("init", generate_init_script(plan), 0755);
  std::string run_archive = run_cpio.finish();

  const char* tmp = std::getenv("TMPDIR");
  fs::path tmp_root = tmp != nullptr && *tmp == '/' ? tmp : "/tmp";
  remove_stale_run_dirs(tmp_root);
  // FIFOs, initrd and swap image of this run; our pid in the name lets a later run sweep it if we were SIGKILLed.
  TempDir dir(tmp_root, "testvm." + std::to_string(::getpid()) + ".");
  fs::path initrd = dir / "initrd.cpio";
  {
    std::ofstream out(initrd, std::ios::binary);
    append_file(out, base.cpio);
    if (!payload.cpio.empty()) append_file(out, payload.cpio);
    out.write(run_archive.data(), static_cast<std::streamsize>(run_archive.size()));
    out.close();
    if (!out) virtlab::throw_errno("cannot write " + initrd.string(), "check free space in TMPDIR");
  }
  result.initrd_bytes = fs::file_size(initrd);
  virtlab::explain("write", initrd.string(), std::to_string(result.initrd_bytes) + " bytes",
                   "Linux unpacks concatenated cpio archives in order: base, payload (" +
                       std::to_string(payload.entries.size()) + " files), /init");

  QemuPlan qplan;
  qplan.qemu = qemu->string();
  qplan.kernel = base.kernel.string();
  qplan.initrd = initrd.string();
  qplan.append = kernel_command_line(spec.cgroup, !spec.kernel_log.empty());
  qplan.memory_mib = spec.memory_mib;
  qplan.cpus = spec.cpus;
  if (spec.swap_bytes > 0) {
    qplan.swap_image = (dir / "swap.img").string();
    virtlab::UniqueFd img = virtlab::open_or_throw(qplan.swap_image, O_RDWR | O_CREAT | O_TRUNC, "check TMPDIR");
    if (::ftruncate(img.get(), static_cast<off_t>(spec.swap_bytes)) != 0) {
      virtlab::throw_errno("ftruncate " + qplan.swap_image);
    }
    virtlab::explain("ftruncate", qplan.swap_image, virtlab::human_bytes(spec.swap_bytes) + " (sparse)",
                     "the guest's swap disk: pages swapped out leave guest RAM for this host file");
  }
  std::array<std::string, 4> names = {"console", "status", "stdout", "stderr"};
  std::array<virtlab::UniqueFd, 4> fifo;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string path = (dir / names[i]).string();
    if (::mkfifo(path.c_str(), 0600) != 0) virtlab::throw_errno("mkfifo " + path);
    // Opened for reading first (non-blocking), so QEMU's write-only open succeeds at once.
    fifo[i] = virtlab::open_or_throw(path, O_RDONLY | O_NONBLOCK);
  }
  qplan.console_fifo = (dir / "console").string();
  qplan.status_fifo = (dir / "status").string();
  qplan.stdout_fifo = (dir / "stdout").string();
  qplan.stderr_fifo = (dir / "stderr").string();
  result.qemu_argv = qemu_argv(qplan);
  if (virtlab::explaining()) {
    std::string shown;
    for (const auto& a : result.qemu_argv) shown += (shown.empty() ? "" : " ") + a;
    virtlab::Explain::instance().note("4. boot: " + shown);
  }

  std::ofstream kernel_log;
  if (!spec.kernel_log.empty()) {
    kernel_log.open(spec.kernel_log, std::ios::binary | std::ios::trunc);
    if (!kernel_log) virtlab::throw_errno("cannot write --keep-kernel-log " + spec.kernel_log.string());
  }
  result.prepare_seconds = since(started);

  auto boot_started = Clock::now();
  auto deadline = boot_started + spec.timeout;  // preparing the cache (cold: a download) does not count
  QemuProcess vm(result.qemu_argv);
  std::string console, status_buffer, qemu_messages;
  bool ready = false, exited = false;
  std::string guest_error;
  auto handle_status = [&](std::string_view data) {
    status_buffer.append(data);
    for (auto nl = status_buffer.find('\n'); nl != std::string::npos; nl = status_buffer.find('\n')) {
      std::string line = status_buffer.substr(0, nl);
      status_buffer.erase(0, nl + 1);
      if (line.starts_with("ready")) {
        ready = true;
        result.boot_seconds = since(boot_started);
        auto words = virtlab::split_whitespace(line);
        if (words.size() >= 2) result.guest_uptime_at_ready = virtlab::parse_double(words[1]).value_or(0);
        virtlab::explain("read", "virtlab.status port", line,
                         "guest set up in " + virtlab::human_duration(result.boot_seconds) + " after QEMU started");
      } else if (line.starts_with("exit ")) {
        exited = true;
        result.exit_code = static_cast<int>(virtlab::parse_i64(virtlab::trim(line.substr(5))).value_or(255));
        virtlab::explain("read", "virtlab.status port", line, "the command's exit status");
      } else if (line.starts_with("error ")) {
        guest_error = line.substr(6);
      }
    }
  };
  auto consume = [&](std::size_t index, std::string_view data) {
    if (index == 0) {
      console.append(data);
      if (console.size() > (1u << 20)) console.erase(0, console.size() - (512u << 10));
      if (kernel_log.is_open()) kernel_log.write(data.data(), static_cast<std::streamsize>(data.size())).flush();
      sink.kernel_console(data);
    } else if (index == 1) {
      handle_status(data);
    } else {
      if (result.first_output_seconds < 0) result.first_output_seconds = since(boot_started);
      if (index == 2) {
        sink.guest_stdout(data);
      } else {
        sink.guest_stderr(data);
      }
    }
  };
  // Reads what is there now; false at EOF (QEMU closed its end).
  auto drain = [&](std::size_t index) {
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fifo[index].get(), buf, sizeof buf);
      if (n > 0) {
        consume(index, std::string_view(buf, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n != 0;
    }
  };
  auto drain_messages = [&] {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(vm.messages_fd(), buf, sizeof buf)) > 0) qemu_messages.append(buf, static_cast<std::size_t>(n));
  };

  std::array<bool, 4> open = {true, true, true, true};
  while (true) {
    std::vector<pollfd> fds;
    for (std::size_t i = 0; i < 4; ++i) fds.push_back({open[i] ? fifo[i].get() : -1, POLLIN, 0});
    fds.push_back({vm.messages_fd(), POLLIN, 0});
    fds.push_back({vm.pidfd(), POLLIN, 0});
    fds.push_back({virtlab::InterruptGuard::poll_fd(), POLLIN, 0});
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    // Without a pidfd (old kernels) fall back to checking waitpid every 100 ms.
    int wait_ms = static_cast<int>(std::clamp<long long>(remaining, 0, vm.pidfd() >= 0 ? 60000 : 100));
    int n = ::poll(fds.data(), fds.size(), wait_ms);
    if (n < 0 && errno != EINTR) virtlab::throw_errno("poll on the guest's ports");
    for (std::size_t i = 0; i < 4; ++i) {
      if (open[i] && (fds[i].revents & (POLLIN | POLLHUP))) open[i] = drain(i);
    }
    drain_messages();
    if (virtlab::InterruptGuard::requested()) {
      vm.kill();
      virtlab::InterruptGuard::throw_if_requested();
    }
    if (vm.poll_exit()) {
      for (std::size_t i = 0; i < 4; ++i) {
        if (open[i]) drain(i);
      }
      drain_messages();
      break;
    }
    if (Clock::now() >= deadline) {
      pid_t pid = vm.pid();
      vm.kill();
      for (std::size_t i = 0; i < 4; ++i) {
        if (open[i]) drain(i);
      }
      result.kernel_log_tail = tail_lines(printable(console), 5);
      throw Error(static_cast<ExitCode>(kTimeoutExitCode),
                  "the guest did not finish within " + std::to_string(spec.timeout.count()) + " s (" +
                      (ready ? "the command hung" : "boot did not complete") + "); QEMU pid " + std::to_string(pid) +
                      " was killed",
                  "raise --timeout, or look for the hang with --keep-kernel-log FILE");
    }
  }
  result.total_seconds = since(started);
  result.kernel_log_tail = tail_lines(printable(console), 8);
  if (exited) {
    virtlab::Explain::instance().note("5. done: exit " + std::to_string(result.exit_code) + ", boot " +
                                      virtlab::human_duration(result.boot_seconds) + ", total " +
                                      virtlab::human_duration(result.total_seconds));
    return result;
  }
  std::string last = result.kernel_log_tail;
  for (char& c : last) {
    if (c == '\n') c = '|';
  }
  if (!guest_error.empty()) {
    throw Error(ExitCode::failure, "the guest's set-up failed: " + guest_error,
                "kernel log ends: " + std::string(virtlab::trim(last)));
  }
  std::string qemu_said = std::string(virtlab::trim(qemu_messages));
  throw Error(ExitCode::failure,
              "the guest stopped before the command finished (QEMU exit status " + std::to_string(vm.status()) +
                  (qemu_said.empty() ? "" : ", QEMU said: " + qemu_said) + ")",
              "kernel log ends: " + std::string(virtlab::trim(last)) + " — rerun with --keep-kernel-log FILE");
}
}  // namespace

}  // namespace testvm
