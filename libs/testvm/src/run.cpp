#include "virtlab/testvm/run.hpp"

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

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/testvm/cpio.hpp"
#include "virtlab/testvm/debversion.hpp"
#include "virtlab/testvm/guest.hpp"
#include "virtlab/testvm/host.hpp"
#include "virtlab/testvm/image.hpp"
#include "virtlab/text.hpp"

namespace fs = std::filesystem;

namespace virtlab::testvm {

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

void note(const std::string& text) {
  virtlab::Explain::instance().note(text);
}

fs::path find_qemu_or_throw() {
  auto qemu = find_qemu();
  if (!qemu)
    throw Error(ExitCode::unsupported, "QEMU is not installed (no qemu-system-x86_64 on PATH)",
                "apt-get install qemu-system-x86", ENOENT);
  virtlab::explain("execvp lookup", "qemu-system-x86_64", qemu->string());
  return *qemu;
}

CacheOptions cache_options(const RunOptions& options) {
  CacheOptions cache;
  cache.dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  cache.refresh = options.refresh;
  if (const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL")) cache.pinned_release = pinned;
  return cache;
}

// Step 1: the cached (or freshly built) base initramfs.
BaseImage prepare_base(const CacheOptions& cache, RunResult& result) {
  note("1. the base initramfs (kernel, KVM modules, busybox) from " + cache.dir.string());
  BaseImage base = ensure_base_image(cache);
  result.kernel_release = base.kernel_release;
  result.base_built = base.built_now;
  return base;
}

// Step 2: the command's own binary joins the --file entries; a path command is rewritten to its place inside.
Payload prepare_payload(RunSpec& spec, const BaseImage& base, const fs::path& cache_dir, RunResult& result) {
  note("2. the payload: the command's binary, --file entries and their libraries");
  std::vector<FileSpec> files = spec.files;
  if (auto own = command_file(spec.command.front(), base.applets)) {
    if (spec.command.front().find('/') != std::string::npos) spec.command.front() = own->dest;
    files.push_back(*own);
  }
  Payload payload = ensure_payload(cache_dir, files);
  result.payload_built = payload.built_now;
  result.payload_key = payload.key;
  return payload;
}

// Step 3: this run's /init, as the last cpio archive of the initrd.
std::string make_init_archive(const RunSpec& spec, const BaseImage& base, const Payload& payload) {
  note("3. this run's /init and the initrd (base + payload + init, concatenated cpio)");
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
  return run_cpio.finish();
}

// FIFOs, initrd and swap image of this run; our pid in the name lets a later run sweep it if we were SIGKILLed.
TempDir make_run_dir() {
  const char* tmp = std::getenv("TMPDIR");
  fs::path tmp_root = tmp != nullptr && *tmp == '/' ? tmp : "/tmp";
  remove_stale_run_dirs(tmp_root);
  return TempDir(tmp_root, "testvm." + std::to_string(::getpid()) + ".");
}

fs::path write_initrd(const TempDir& dir, const BaseImage& base, const Payload& payload,
                      const std::string& init_archive, RunResult& result) {
  fs::path initrd = dir / "initrd.cpio";
  std::ofstream out(initrd, std::ios::binary);
  append_file(out, base.cpio);
  if (!payload.cpio.empty()) append_file(out, payload.cpio);
  out.write(init_archive.data(), static_cast<std::streamsize>(init_archive.size()));
  out.close();
  if (!out) virtlab::throw_errno("cannot write " + initrd.string(), "check free space in TMPDIR");
  result.initrd_bytes = fs::file_size(initrd);
  virtlab::explain("write", initrd.string(), std::to_string(result.initrd_bytes) + " bytes",
                   "Linux unpacks concatenated cpio archives in order: base, payload (" +
                       std::to_string(payload.entries.size()) + " files), /init");
  return initrd;
}

// A sparse file for the guest's swap disk; empty when the run has no swap.
std::string create_swap_image(const TempDir& dir, std::uint64_t bytes) {
  if (bytes == 0) return {};
  std::string path = (dir / "swap.img").string();
  virtlab::UniqueFd img = virtlab::open_or_throw(path, O_RDWR | O_CREAT | O_TRUNC, "check TMPDIR");
  if (::ftruncate(img.get(), static_cast<off_t>(bytes)) != 0) virtlab::throw_errno("ftruncate " + path);
  virtlab::explain("ftruncate", path, virtlab::human_bytes(bytes) + " (sparse)",
                   "the guest's swap disk: pages swapped out leave guest RAM for this host file");
  return path;
}

// The guest's four ports, in the order GuestSession reads them.
enum Port : std::size_t { console_port, status_port, stdout_port, stderr_port, port_count };
constexpr std::array<const char*, port_count> kPortNames = {"console", "status", "stdout", "stderr"};
using Ports = std::array<virtlab::UniqueFd, port_count>;

// Opened for reading first (non-blocking), so QEMU's write-only opens succeed at once.
Ports open_ports(const TempDir& dir) {
  Ports ports;
  for (std::size_t i = 0; i < port_count; ++i) {
    std::string path = (dir / kPortNames[i]).string();
    if (::mkfifo(path.c_str(), 0600) != 0) virtlab::throw_errno("mkfifo " + path);
    ports[i] = virtlab::open_or_throw(path, O_RDONLY | O_NONBLOCK);
  }
  return ports;
}

// Step 4: QEMU's command line for this run.
std::vector<std::string> plan_boot(const RunSpec& spec, const fs::path& qemu, const BaseImage& base,
                                   const fs::path& initrd, const TempDir& dir) {
  QemuPlan plan;
  plan.qemu = qemu.string();
  plan.kernel = base.kernel.string();
  plan.initrd = initrd.string();
  plan.append = kernel_command_line(spec.cgroup, !spec.kernel_log.empty());
  plan.memory_mib = spec.memory_mib;
  plan.cpus = spec.cpus;
  plan.swap_image = create_swap_image(dir, spec.swap_bytes);
  plan.console_fifo = (dir / "console").string();
  plan.status_fifo = (dir / "status").string();
  plan.stdout_fifo = (dir / "stdout").string();
  plan.stderr_fifo = (dir / "stderr").string();
  std::vector<std::string> argv = qemu_argv(plan);
  if (virtlab::explaining()) {
    std::string shown;
    for (const auto& a : argv) shown += (shown.empty() ? "" : " ") + a;
    note("4. boot: " + shown);
  }
  return argv;
}

std::ofstream open_kernel_log(const RunSpec& spec) {
  std::ofstream kernel_log;
  if (spec.kernel_log.empty()) return kernel_log;
  kernel_log.open(spec.kernel_log, std::ios::binary | std::ios::trunc);
  if (!kernel_log) virtlab::throw_errno("cannot write --keep-kernel-log " + spec.kernel_log.string());
  return kernel_log;
}

// How a watched guest ended.
enum class GuestEnd {
  command_exited,  // /init reported the command's exit status
  setup_failed,    // /init reported an error before it could run the command
  stopped_early,   // QEMU exited without a status (panic, QEMU error)
};

// One boot, watched: reads the four ports and QEMU's own messages until QEMU exits, the deadline passes (QEMU
// killed, exit 124) or SIGINT/SIGTERM arrives (QEMU killed, interrupted).
class GuestSession {
 public:
  GuestSession(Ports ports, OutputSink& sink, std::ofstream& kernel_log, RunResult& result)
      : ports_(std::move(ports)), sink_(sink), kernel_log_(kernel_log), result_(result) {}

  GuestEnd watch(const RunSpec& spec) {
    const auto boot_started = Clock::now();
    boot_started_ = boot_started;
    const auto deadline = boot_started + spec.timeout;  // preparing the cache (cold: a download) does not count
    QemuProcess vm(result_.qemu_argv);
    while (!vm.poll_exit()) {
      wait_and_read(vm, deadline);
      if (virtlab::InterruptGuard::requested()) {
        vm.kill();
        virtlab::InterruptGuard::throw_if_requested();
      }
      if (Clock::now() >= deadline && !vm.poll_exit()) throw_timeout(vm, spec);
    }
    drain_all(vm);
    result_.kernel_log_tail = tail_lines(printable(console_), 8);
    qemu_status_ = vm.status();
    if (exited_) return GuestEnd::command_exited;
    return guest_error_.empty() ? GuestEnd::stopped_early : GuestEnd::setup_failed;
  }

  const std::string& guest_error() const { return guest_error_; }
  const std::string& qemu_messages() const { return qemu_messages_; }
  int qemu_status() const { return qemu_status_; }

 private:
  void wait_and_read(QemuProcess& vm, Clock::time_point deadline) {
    std::vector<pollfd> fds;
    for (std::size_t i = 0; i < port_count; ++i) fds.push_back({open_[i] ? ports_[i].get() : -1, POLLIN, 0});
    fds.push_back({vm.messages_fd(), POLLIN, 0});
    fds.push_back({vm.pidfd(), POLLIN, 0});
    fds.push_back({virtlab::InterruptGuard::poll_fd(), POLLIN, 0});
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    // Without a pidfd (old kernels) fall back to checking waitpid every 100 ms.
    int wait_ms = static_cast<int>(std::clamp<long long>(remaining, 0, vm.pidfd() >= 0 ? 60000 : 100));
    int n = ::poll(fds.data(), fds.size(), wait_ms);
    if (n < 0 && errno != EINTR) virtlab::throw_errno("poll on the guest's ports");
    for (std::size_t i = 0; i < port_count; ++i) {
      if (open_[i] && (fds[i].revents & (POLLIN | POLLHUP))) open_[i] = drain(i);
    }
    drain_messages(vm);
  }

  void drain_all(QemuProcess& vm) {
    for (std::size_t i = 0; i < port_count; ++i) {
      if (open_[i]) drain(i);
    }
    drain_messages(vm);
  }

  [[noreturn]] void throw_timeout(QemuProcess& vm, const RunSpec& spec) {
    pid_t pid = vm.pid();
    vm.kill();
    drain_all(vm);
    result_.kernel_log_tail = tail_lines(printable(console_), 5);
    throw Error(static_cast<ExitCode>(kTimeoutExitCode),
                "the guest did not finish within " + std::to_string(spec.timeout.count()) + " s (" +
                    (ready_ ? "the command hung" : "boot did not complete") + "); QEMU pid " + std::to_string(pid) +
                    " was killed",
                "raise --timeout, or look for the hang with --keep-kernel-log FILE");
  }

  // Reads what is there now; false at EOF (QEMU closed its end).
  bool drain(std::size_t index) {
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(ports_[index].get(), buf, sizeof buf);
      if (n > 0) {
        consume(index, std::string_view(buf, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n != 0;
    }
  }

  void drain_messages(QemuProcess& vm) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(vm.messages_fd(), buf, sizeof buf)) > 0) qemu_messages_.append(buf, static_cast<std::size_t>(n));
  }

  void consume(std::size_t index, std::string_view data) {
    if (index == console_port) {
      console_.append(data);
      if (console_.size() > (1u << 20)) console_.erase(0, console_.size() - (512u << 10));
      if (kernel_log_.is_open()) kernel_log_.write(data.data(), static_cast<std::streamsize>(data.size())).flush();
      sink_.kernel_console(data);
    } else if (index == status_port) {
      status_buffer_.append(data);
      for (auto nl = status_buffer_.find('\n'); nl != std::string::npos; nl = status_buffer_.find('\n')) {
        status_line(status_buffer_.substr(0, nl));
        status_buffer_.erase(0, nl + 1);
      }
    } else {
      if (result_.first_output_seconds < 0) result_.first_output_seconds = since(boot_started_);
      if (index == stdout_port)
        sink_.guest_stdout(data);
      else
        sink_.guest_stderr(data);
    }
  }

  // /init's protocol on the status port: "ready UPTIME", "exit STATUS", "error TEXT".
  void status_line(const std::string& line) {
    if (line.starts_with("ready")) {
      ready_ = true;
      result_.boot_seconds = since(boot_started_);
      auto words = virtlab::split_whitespace(line);
      if (words.size() >= 2) result_.guest_uptime_at_ready = virtlab::parse_double(words[1]).value_or(0);
      virtlab::explain("read", "virtlab.status port", line,
                       "guest set up in " + virtlab::human_duration(result_.boot_seconds) + " after QEMU started");
    } else if (line.starts_with("exit ")) {
      exited_ = true;
      result_.exit_code = static_cast<int>(virtlab::parse_i64(virtlab::trim(line.substr(5))).value_or(255));
      virtlab::explain("read", "virtlab.status port", line, "the command's exit status");
    } else if (line.starts_with("error ")) {
      guest_error_ = line.substr(6);
    }
  }

  Ports ports_;
  std::array<bool, port_count> open_ = {true, true, true, true};
  OutputSink& sink_;
  std::ofstream& kernel_log_;
  RunResult& result_;
  Clock::time_point boot_started_;
  std::string console_, status_buffer_, qemu_messages_, guest_error_;
  bool ready_ = false, exited_ = false;
  int qemu_status_ = -1;
};

// Step 5: the command's exit status, or an error naming why the guest stopped and how its kernel log ends.
RunResult finish(const GuestSession& session, GuestEnd end, RunResult result) {
  if (end == GuestEnd::command_exited) {
    note("5. done: exit " + std::to_string(result.exit_code) + ", boot " +
         virtlab::human_duration(result.boot_seconds) + ", total " + virtlab::human_duration(result.total_seconds));
    return result;
  }
  std::string last = result.kernel_log_tail;
  for (char& c : last) {
    if (c == '\n') c = '|';
  }
  if (end == GuestEnd::setup_failed)
    throw Error(ExitCode::failure, "the guest's set-up failed: " + session.guest_error(),
                "kernel log ends: " + std::string(virtlab::trim(last)));
  std::string qemu_said = std::string(virtlab::trim(session.qemu_messages()));
  throw Error(ExitCode::failure,
              "the guest stopped before the command finished (QEMU exit status " +
                  std::to_string(session.qemu_status()) + (qemu_said.empty() ? "" : ", QEMU said: " + qemu_said) + ")",
              "kernel log ends: " + std::string(virtlab::trim(last)) + " — rerun with --keep-kernel-log FILE");
}

RunResult run_once(const RunSpec& spec_in, OutputSink& sink, const RunOptions& options) {
  const auto started = Clock::now();
  RunSpec spec = spec_in;
  validate(spec);
  const fs::path qemu = find_qemu_or_throw();
  RunResult result;
  const CacheOptions cache = cache_options(options);
  const BaseImage base = prepare_base(cache, result);
  const Payload payload = prepare_payload(spec, base, cache.dir, result);
  const std::string init_archive = make_init_archive(spec, base, payload);
  const TempDir dir = make_run_dir();
  const fs::path initrd = write_initrd(dir, base, payload, init_archive, result);
  Ports ports = open_ports(dir);
  result.qemu_argv = plan_boot(spec, qemu, base, initrd, dir);
  std::ofstream kernel_log = open_kernel_log(spec);
  result.prepare_seconds = since(started);
  GuestSession session(std::move(ports), sink, kernel_log, result);
  const GuestEnd end = session.watch(spec);
  result.total_seconds = since(started);
  return finish(session, end, std::move(result));
}

}  // namespace

}  // namespace virtlab::testvm
