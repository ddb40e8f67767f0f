// The parent's side of `run` (nsenter-lite = runc + shim): what one run owns, in the order it is made, so that it
// is released in reverse (veth before the container is killed, the cgroup after it is reaped, the overlay
// directories last), also when a step throws or a signal arrives. Made and used by container.cpp (the setup steps),
// supervisor.cpp (the wait for the child) and container_report.cpp (the JSON report).
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_setup.hpp"
#include "netns_ahead.hpp"
#include "nsenter_lite/container.hpp"
#include "nsenter_lite/netlink.hpp"
#include "nsenter_lite/security.hpp"
#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"
#include "virtlab/signals.hpp"

namespace virtlab::nsenter_lite {

// A directory tree we made (overlay upper/work/merged); removed recursively at the end.
class ScopedTree {
 public:
  ScopedTree() = default;
  explicit ScopedTree(std::string path) : path_(std::move(path)) {}
  ScopedTree(ScopedTree&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  ScopedTree& operator=(ScopedTree&& o) noexcept {
    std::swap(path_, o.path_);
    return *this;
  }
  ~ScopedTree();

 private:
  std::string path_;
};

// The container process: killed and reaped on unwind unless it already exited.
class ChildGuard {
 public:
  ChildGuard(pid_t pid, int pidfd) : pid_(pid), pidfd_(pidfd) {}
  ~ChildGuard();
  ChildGuard(const ChildGuard&) = delete;
  ChildGuard& operator=(const ChildGuard&) = delete;
  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }
  void mark_reaped() noexcept { reaped_ = true; }

 private:
  pid_t pid_;
  virtlab::UniqueFd pidfd_;
  bool reaped_ = false;
};

struct ContainerRun {
  explicit ContainerRun(const RunOptions& options);
  ContainerRun(const ContainerRun&) = delete;
  ContainerRun& operator=(const ContainerRun&) = delete;

  const RunOptions& o;
  const bool as_root;
  const SeccompSpec spec;
  const bool wants_limits;  // --cpu/--memory/--pids: a cgroup of our own
  const bool parent_acts;   // the parent has work between clone and exec: fork + sync socket, else vfork
  RunResult result;
  std::unique_ptr<NetnsAhead> netns_ahead;
  bool netns_made_ahead = false;
  std::string rootfs;
  std::vector<std::string> layers;  // bottom → top
  std::string exec_path;            // the command as execve sees it inside the root
  std::unique_ptr<SeccompFilter> filter;
  std::vector<int> keep_caps;
  std::optional<virtlab::InterruptGuard> interrupts;
  uid_t host_id = 0;  // what root inside maps to with --rootless
  gid_t host_gid = 0;
  ScopedTree scratch;
  ScopedTree upper_work_tree;
  ChildPlan plan;
  std::optional<virtlab::kernel::ScopedCgroup> cgroup;
  SharedChildReport shared;  // the vfork child's report
  virtlab::UniqueFd parent_sock, child_sock, self_pidfd;
  double clone_time = 0;  // CLOCK_MONOTONIC seconds at clone (with --json)
  std::optional<ChildGuard> child;
  virtlab::Json namespaces = nullptr;  // {"mnt": inode, …} as the child read them
  ScopedLink veth;
  virtlab::Json network = nullptr;
  std::optional<virtlab::Error> child_error;
  virtlab::UniqueFd notify_fd;  // SCMP_ACT_NOTIFY, received from the child
  siginfo_t exit_info{};
};

// A setup step inside the child failed: one error with the step, errno and a fix.
virtlab::Error container_error(const ChildFailure& f, bool rootless);

double now_seconds();

// The shim's part [containerd-shim]: relay the child's records, answer seccomp notifications, wait for the exit
// (or a signal: then the guards kill and clean up), set result.exit_code / signal / seconds.
void supervise(ContainerRun& run);

// The "container" object of the JSON document (with --json).
virtlab::Json container_report(const ContainerRun& run);

}  // namespace virtlab::nsenter_lite
