// virtlab-runc's cgroup: at linux.cgroupsPath in every hierarchy libs/kernel makes its cgroups in (v1, v2 or
// hybrid), with the limits libs/kernel plans. Unlike ScopedCgroup it outlives `create`: `delete` removes it from the
// directory list kept in state.json.
//
// Joining without waiting: writing a pid into cgroup.procs takes cgroup_threadgroup_rwsem for writing, and that
// percpu rwsem waits for an RCU grace period (measured here: 5–13 ms, most of a start). The init instead is born
// in its cgroup2 directory (clone3 CLONE_INTO_CGROUP: the fork path takes the rwsem for reading only) and moves
// itself in each v1 hierarchy by writing "0" to `tasks` (one thread, the writer itself: the kernel skips the rwsem,
// cgroup_procs_write_start). Both fds are opened here, before the clone; the init inherits the `tasks` fds.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::nsenter_lite {

class RuncCgroup {
 public:
  // mkdir -p <mount>/<path> in each hierarchy (the cgroup2 controllers enabled on the way on pure v2), then the
  // limits. On failure what was made is removed again.
  static RuncCgroup create(const virtlab::kernel::Hierarchy& h, const std::string& path,
                           const virtlab::kernel::Limits& limits);
  RuncCgroup() = default;
  RuncCgroup(RuncCgroup&& other) noexcept;
  RuncCgroup& operator=(RuncCgroup&& other) noexcept;
  ~RuncCgroup();  // removes what it made unless released

  // The cgroup2 leaf (O_PATH directory) for clone3's CLONE_INTO_CGROUP, or -1 on a pure v1 host.
  int unified_fd() const noexcept { return unified_.get(); }
  // One per v1 leaf: `tasks` (write-only) and its path, for the init's own "0" (empty on pure v2).
  struct TasksFile {
    virtlab::UniqueFd fd;
    std::string path;
  };
  const std::vector<TasksFile>& v1_tasks() const noexcept { return v1_tasks_; }
  // The slow way, for a kernel without CLONE_INTO_CGROUP: `pid` written into the cgroup2 leaf's cgroup.procs.
  void add_to_unified(pid_t pid) const;
  void close_join_fds() noexcept;  // once the init has joined
  // Every directory made, parents first (what state.json keeps).
  const std::vector<std::string>& made() const noexcept { return made_; }
  void release() noexcept { made_.clear(); }  // the cgroup now outlives this object (`delete` removes it)

 private:
  void open_join_fds(const virtlab::kernel::Hierarchy& h, const std::string& path);

  std::vector<std::string> made_;  // parents first
  std::string unified_leaf_;       // "" on pure v1
  virtlab::UniqueFd unified_;
  std::vector<TasksFile> v1_tasks_;
};

// Kills what is still inside each directory and removes them in reverse order; parents still holding other
// cgroups are left alone. Returns the directories that could not be removed.
std::vector<std::string> remove_runc_cgroup(const std::vector<std::string>& made);

}  // namespace virtlab::nsenter_lite
