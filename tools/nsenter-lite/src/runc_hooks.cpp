// OCI hooks (runc_hooks.hpp): fork + execve with the state on a pipe as stdin and stderr kept for the error line.
#include "runc_hooks.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace {

struct HookProcess {
  pid_t pid = -1;
  virtlab::UniqueFd pidfd, stdin_w, stderr_r;
};

HookProcess spawn_hook(const OciHook& hook) {
  int in[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2 for a hook");
  HookProcess p;
  p.stdin_w.reset(in[1]);
  p.stderr_r.reset(err[0]);
  std::vector<char*> argv, envp;
  for (const auto& a : hook.args) argv.push_back(const_cast<char*>(a.c_str()));
  if (argv.empty()) argv.push_back(const_cast<char*>(hook.path.c_str()));
  for (const auto& e : hook.env) envp.push_back(const_cast<char*>(e.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  p.pid = fork();
  if (p.pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(in[0], 0);
    dup2(devnull, 1);
    dup2(err[1], 2);
    execve(hook.path.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(in[0]);
  close(err[1]);
  if (p.pid < 0) virtlab::throw_errno("fork for the hook " + hook.path);
  p.pidfd.reset(static_cast<int>(syscall(SYS_pidfd_open, p.pid, 0)));
  return p;
}

// Waits for the hook (killed at its timeout); returns the wait status.
int wait_hook(HookProcess& p, const OciHook& hook) {
  pollfd pfd{p.pidfd.get(), POLLIN, 0};
  const int timeout_ms = hook.timeout ? *hook.timeout * 1000 : -1;
  int ready;
  while ((ready = poll(&pfd, 1, timeout_ms)) < 0 && errno == EINTR) {
  }
  if (ready == 0) kill(p.pid, SIGKILL);
  int status = 0;
  while (waitpid(p.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (ready == 0)
    throw virtlab::Error(
        virtlab::ExitCode::failure,
        "hook " + hook.path + " did not end within its timeout of " + std::to_string(*hook.timeout) + " s",
        "the engine's hook is stuck; see what it waits for", ETIMEDOUT);
  return status;
}

std::string last_line(int fd) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  const auto lines = virtlab::split_lines(text);
  return lines.empty() ? std::string() : std::string(virtlab::trim(lines.back()));
}

// A hook that exits without reading its stdin must not kill us with SIGPIPE; the old disposition comes back after
// (the init passes it on to the container's process at execve).
class SigpipeIgnored {
 public:
  SigpipeIgnored() : old_(signal(SIGPIPE, SIG_IGN)) {}
  ~SigpipeIgnored() { signal(SIGPIPE, old_); }
  SigpipeIgnored(const SigpipeIgnored&) = delete;
  SigpipeIgnored& operator=(const SigpipeIgnored&) = delete;

 private:
  sighandler_t old_;
};

}  // namespace

void run_hooks(const std::vector<OciHook>& hooks, std::string_view phase, const virtlab::Json& state,
               const HookReport& report) {
  if (hooks.empty()) return;
  const SigpipeIgnored sigpipe_ignored;
  const std::string state_text = state.dump();
  for (const OciHook& hook : hooks) {
    HookProcess p = spawn_hook(hook);
    (void)!write(p.stdin_w.get(), state_text.data(), state_text.size());  // a hook may not read it
    p.stdin_w.reset();
    const int status = wait_hook(p, hook);
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const std::string shown = hook.args.empty() ? hook.path : hook.path + " (" + hook.args[0] + ")";
    const std::string call = "fork + execve (" + std::string(phase) + " hook)";
    const std::string result = ok ? "exit 0" : "status " + std::to_string(status);
    const std::string meaning = "config.json hooks." + std::string(phase) + ", the state JSON on stdin [runc: hooks]";
    if (report)
      report(call, shown, result, meaning);
    else
      virtlab::explain(call, shown, result, meaning);
    if (!ok)
      throw virtlab::Error(virtlab::ExitCode::failure,
                           std::string(phase) + " hook " + shown + " failed (" +
                               (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                                  : "signal " + std::to_string(WTERMSIG(status))) +
                               "): " + last_line(p.stderr_r.get()),
                           "the engine's hook refused the container; its message is above");
  }
}

namespace {

virtlab::Json hooks_json(const std::vector<OciHook>& hooks) {
  virtlab::Json list = virtlab::Json::array();
  for (const OciHook& h : hooks) {
    virtlab::Json one = {{"path", h.path}, {"args", h.args}, {"env", h.env}};
    if (h.timeout) one["timeout"] = *h.timeout;
    list.push_back(std::move(one));
  }
  return list;
}

}  // namespace

void save_later_hooks(const OciHooks& hooks, const std::string& state_dir) {
  if (hooks.poststart.empty() && hooks.poststop.empty()) return;
  const virtlab::Json doc = {{"poststart", hooks_json(hooks.poststart)}, {"poststop", hooks_json(hooks.poststop)}};
  virtlab::UniqueFd fd(open((state_dir + "/hooks.json").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  const std::string text = doc.dump();
  if (fd.get() < 0 || write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    virtlab::throw_errno("write " + state_dir + "/hooks.json");
}

void run_later_hooks(const std::string& state_dir, std::string_view phase, const virtlab::Json& state) {
  auto text = virtlab::try_read_file(state_dir + "/hooks.json");
  if (!text) return;
  std::vector<OciHook> hooks;
  try {
    for (const auto& h : virtlab::Json::parse(*text).at(std::string(phase))) {
      OciHook hook{h.at("path").get<std::string>(), h.at("args").get<std::vector<std::string>>(),
                   h.at("env").get<std::vector<std::string>>(), std::nullopt};
      if (h.contains("timeout")) hook.timeout = h["timeout"].get<int>();
      hooks.push_back(std::move(hook));
    }
    run_hooks(hooks, phase, state);
  } catch (const std::exception& e) {
    virtlab::explain("(" + std::string(phase) + " hook)", state_dir + "/hooks.json", "failed", e.what());
  }
}

}  // namespace virtlab::nsenter_lite
