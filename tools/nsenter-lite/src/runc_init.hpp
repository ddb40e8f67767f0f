// virtlab-runc's init: the container's pid 1 before exec, made by `create` (runc_create.cpp). It runs the steps of
// nsenter-lite's child (child_setup.hpp) where config.json asks for the same thing, its own where the OCI bundle
// says more (mounts, user, capability sets, rlimits, masked paths), then blocks on the exec fifo until `start`.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "child_setup.hpp"
#include "nsenter_lite/oci_spec.hpp"
#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

// A v1 hierarchy's `tasks` file of the container's cgroup, opened by `create` (runc_cgroup.hpp).
struct TasksJoin {
  int fd = -1;
  std::string path;
};

struct InitPlan {
  ChildPlan base;  // sock, explain, root, hostname, keep_caps (bounding set), seccomp
  const OciSpec* spec = nullptr;
  int fifo_fd = -1;        // O_PATH fd of <state dir>/exec.fifo, reopened for writing through /proc/self/fd
  int console_fd = -1;     // connected --console-socket (process.terminal), else -1
  int preserve_fds = 0;    // --preserve-fds: fds 3 … 3+N-1 stay open across execve, every higher one closes
  std::string hook_state;  // the state JSON (status, pid: the init sets them) for createContainer/startContainer
  std::vector<TasksJoin> v1_tasks;  // the init writes "0" to each, then tells `create` "joined"
  bool new_mount_ns = false, new_user_ns = false, new_cgroup_ns = false, new_time_ns = false;
};

// The parent's side, shared by `create` and `exec`:
// --console-socket connected (the init sends the pty master there), explained; usage error for a path too long.
virtlab::UniqueFd connect_console_socket(const std::string& path);
// --pid-file: the pid written to a temporary file and renamed over `path`, so the engine never reads half of it.
void write_pid_file(const std::string& path, pid_t pid, const std::string& meaning);

// Never returns: a failed step is reported over the socket and the init exits 127.
[[noreturn]] void runc_init_main(const InitPlan& plan) noexcept;

// `exec`'s process, already in the container's namespaces and cgroup: the process part of the init's steps
// (rlimits, cwd, pty, user, capabilities, no_new_privs, seccomp), then execve. Never returns.
[[noreturn]] void runc_exec_main(const InitPlan& plan) noexcept;

}  // namespace virtlab::nsenter_lite
