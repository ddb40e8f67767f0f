#include "nsenter_lite/enter.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

namespace {
// util-linux nsenter's namespace_files[] order: user, cgroup, ipc, uts, net, pid, mnt, time.
constexpr NsType kNsenterOrder[] = {NsType::user, NsType::cgroup, NsType::ipc, NsType::uts,
                                    NsType::net,  NsType::pid,    NsType::mnt, NsType::time};

std::uint64_t inode_of_fd(int fd) {
  struct stat st {};
  return fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_ino) : 0;
}

std::uint64_t inode_at(int procfd, const std::string& rel) {
  struct stat st {};
  return fstatat(procfd, rel.c_str(), &st, 0) == 0 ? static_cast<std::uint64_t>(st.st_ino) : 0;
}
}  // namespace

std::vector<SetnsPlanStep> setns_order(const std::vector<NsType>& wanted) {
  std::vector<SetnsPlanStep> out;
  auto has = [&](NsType t) { return std::find(wanted.begin(), wanted.end(), t) != wanted.end(); };
  for (NsType t : kNsenterOrder)
    if (t != NsType::user && has(t)) out.push_back({t, 0});
  for (NsType t : kNsenterOrder)
    if (has(t)) out.push_back({t, 1});  // user first, then retries of anything that failed in pass 0
  return out;
}

namespace {
// Everything opened before the first setns: after entering the mount namespace, /proc may be a different one.
struct OpenedNamespaces {
  virtlab::UniqueFd procfd;
  std::map<NsType, virtlab::UniqueFd> fds;
  std::map<NsType, std::uint64_t> before, target;
  virtlab::UniqueFd root_fd, cwd_fd;
};

void require_target_exists(pid_t target) {
  if (kill(target, 0) != 0 && errno == ESRCH)
    throw virtlab::Error(virtlab::ExitCode::not_found, "no process with pid " + std::to_string(target),
                         "find one with `nsenter-lite ls` (PID column) or ps -e", ESRCH);
}

std::vector<NsType> wanted_types(const EnterOptions& o) {
  std::vector<NsType> wanted = o.types;
  if (wanted.empty()) wanted.assign(std::begin(kAllNsTypes), std::end(kAllNsTypes));
  return wanted;
}

// Step 1: open the target's namespace files (and its root and cwd when the mount namespace is joined).
OpenedNamespaces open_target_namespaces(pid_t target, const std::string& base, const std::vector<NsType>& wanted) {
  OpenedNamespaces ns;
  ns.procfd = virtlab::open_or_throw("/proc", O_PATH | O_DIRECTORY);
  for (NsType t : wanted) {
    std::string name(ns_type_name(t));
    ns.before[t] = inode_at(ns.procfd.get(), "thread-self/ns/" + name);
    virtlab::UniqueFd fd(::open((base + "/ns/" + name).c_str(), O_RDONLY | O_CLOEXEC));
    int err = errno;
    virtlab::explain("openat", base + "/ns/" + name,
                     fd ? "fd " + std::to_string(fd.get()) : virtlab::errno_result(err));
    if (!fd) {
      if (err == ENOENT && kill(target, 0) != 0)
        throw virtlab::Error(virtlab::ExitCode::not_found, "process " + std::to_string(target) + " exited", "", ESRCH);
      throw virtlab::Error(virtlab::exit_code_for_errno(err), "cannot open " + base + "/ns/" + name,
                           err == EACCES || err == EPERM ? "needs ptrace access to the target: run as root" : "", err);
    }
    ns.target[t] = inode_of_fd(fd.get());
    ns.fds.emplace(t, std::move(fd));
  }
  if (ns.fds.count(NsType::mnt)) {
    ns.root_fd.reset(::open((base + "/root").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    ns.cwd_fd.reset(::open((base + "/cwd").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  }
  // Joining our own user namespace again is EINVAL; nsenter skips it the same way.
  if (ns.fds.count(NsType::user) && ns.target[NsType::user] == ns.before[NsType::user]) ns.fds.erase(NsType::user);
  return ns;
}

// Step 2: setns in nsenter's two-pass order; a failure in the second pass is fatal.
void join_namespaces(pid_t target, const std::vector<NsType>& wanted, const OpenedNamespaces& ns) {
  std::map<NsType, bool> done;
  for (const auto& step : setns_order(wanted)) {
    auto it = ns.fds.find(step.type);
    if (it == ns.fds.end() || done[step.type]) continue;
    int rc = setns(it->second.get(), ns_clone_flag(step.type));
    int err = errno;
    virtlab::explain("setns", std::string(ns_type_name(step.type)) + " (pass " + std::to_string(step.pass + 1) + ")",
                     rc == 0 ? "0" : virtlab::errno_result(err),
                     step.type == NsType::user  ? "user namespace: joined after the others unless they needed it first"
                     : step.type == NsType::pid ? "pid: only our CHILDREN will be in it; we fork below"
                                                : "");
    if (rc == 0) {
      done[step.type] = true;
    } else if (step.pass == 1) {
      throw virtlab::Error(
          virtlab::exit_code_for_errno(err),
          "setns(" + std::string(ns_type_name(step.type)) + ") into pid " + std::to_string(target) + " failed",
          err == EPERM ? "needs CAP_SYS_ADMIN in the target's owning user namespace: run as root" : "", err);
    }
  }
}

// Step 3: use the target's root and working directory, like nsenter -r -w.
void enter_target_root(const std::string& base, const OpenedNamespaces& ns) {
  if (!ns.root_fd) return;
  if (fchdir(ns.root_fd.get()) == 0 && chroot(".") == 0)
    virtlab::explain("fchdir + chroot", base + "/root", "0", "use the target's root directory, like nsenter -r");
  if (ns.cwd_fd && fchdir(ns.cwd_fd.get()) == 0) virtlab::explain("fchdir", base + "/cwd", "0");
}

std::vector<std::string> command_argv(const EnterOptions& o) {
  std::vector<std::string> argv = o.argv;
  if (argv.empty()) {
    const char* shell = getenv("SHELL");
    argv.push_back(shell && *shell ? shell : "/bin/sh");
  }
  return argv;
}

// One row per namespace: inode before, the target's, and after (read under `ns_dir`, e.g. "thread-self/ns/").
virtlab::Json inode_rows(const std::vector<NsType>& wanted, OpenedNamespaces& ns, const std::string& ns_dir) {
  virtlab::Json rows = virtlab::Json::array();
  for (NsType t : wanted) {
    std::uint64_t after = inode_at(ns.procfd.get(), ns_dir + std::string(ns_type_name(t)));
    rows.push_back(virtlab::Json{{"type", ns_type_name(t)},
                                 {"before", ns.before[t]},
                                 {"target", ns.target[t]},
                                 {"after", after},
                                 {"joined", after == ns.target[t]}});
  }
  return rows;
}

void print_inode_table(std::ostream& out, const virtlab::Json& rows) {
  out << "TYPE     BEFORE      TARGET      AFTER\n";
  for (const auto& r : rows) {
    std::string type = r["type"];
    type.resize(8, ' ');
    out << type << " " << r["before"].get<std::uint64_t>() << "  " << r["target"].get<std::uint64_t>() << "  "
        << r["after"].get<std::uint64_t>() << (r["joined"].get<bool>() ? "  joined" : "  NOT joined") << "\n";
  }
  out.flush();
}

// In the child (now inside the pid namespace too): show the inodes it sees, then exec the command.
// Waits until the parent has read our /proc/PID/ns links (it closes the gate): a command that exits at once would
// otherwise be a zombie by then, whose links are gone, and the JSON would say "not joined".
[[noreturn]] void exec_in_child(const EnterOptions& o, const std::vector<NsType>& wanted, OpenedNamespaces& ns,
                                std::vector<std::string>& argv, virtlab::UniqueFd gate) {
  char byte = 0;
  while (read(gate.get(), &byte, 1) < 0 && errno == EINTR) {
  }
  gate.reset();
  virtlab::Json rows = inode_rows(wanted, ns, "thread-self/ns/");
  // with --json the parent reads the same inodes from our /proc entry and reports them
  if (!o.json) print_inode_table(std::cout, rows);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  if (o.json) dup2(2, 1);
  execvp(args[0], args.data());
  std::cerr << "nsenter-lite: error: cannot execute " << argv[0] << ": " << strerror(errno)
            << "; hint: the command must exist in the target's mount namespace\n";
  _exit(127);
}

int wait_exit_code(pid_t child) {
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
}  // namespace

EnterResult enter_namespaces(const EnterOptions& o) {
  const std::string base = "/proc/" + std::to_string(o.target);
  require_target_exists(o.target);
  const std::vector<NsType> wanted = wanted_types(o);
  OpenedNamespaces ns = open_target_namespaces(o.target, base, wanted);
  join_namespaces(o.target, wanted, ns);
  enter_target_root(base, ns);
  std::vector<std::string> argv = command_argv(o);
  // A pid namespace applies to children only: fork so the command is inside (nsenter --fork).
  int gate[2];
  if (pipe2(gate, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2");
  virtlab::UniqueFd gate_read(gate[0]), gate_write(gate[1]);
  pid_t child = fork();
  if (child < 0) virtlab::throw_errno("fork");
  if (child == 0) {
    gate_write.reset();
    exec_in_child(o, wanted, ns, argv, std::move(gate_read));
  }
  gate_read.reset();
  virtlab::explain("fork", "", "pid " + std::to_string(child), "the child runs " + argv[0] + " inside");
  virtlab::Json rows = inode_rows(wanted, ns, std::to_string(child) + "/ns/");
  gate_write.reset();  // the links are read: the child may exec
  EnterResult result;
  result.exit_code = wait_exit_code(child);
  result.report = {{"target_pid", o.target}, {"argv", argv}, {"namespaces", rows}, {"exit_code", result.exit_code}};
  return result;
}

}  // namespace virtlab::nsenter_lite
