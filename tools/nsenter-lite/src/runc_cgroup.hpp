// virtlab-runc's cgroup: at linux.cgroupsPath in every hierarchy libs/kernel makes its cgroups in (v1, v2 or
// hybrid), with the limits libs/kernel plans. Unlike ScopedCgroup it outlives `create`: `delete` removes it from the
// directory list kept in state.json.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

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

  void add_process(pid_t pid) const;  // cgroup.procs in every leaf
  // Every directory made, parents first (what state.json keeps).
  const std::vector<std::string>& made() const noexcept { return made_; }
  void release() noexcept { made_.clear(); }  // the cgroup now outlives this object (`delete` removes it)

 private:
  std::vector<std::string> made_;    // parents first
  std::vector<std::string> leaves_;  // one per hierarchy
};

// Kills what is still inside each directory and removes them in reverse order; parents still holding other
// cgroups are left alone. Returns the directories that could not be removed.
std::vector<std::string> remove_runc_cgroup(const std::vector<std::string>& made);

}  // namespace virtlab::nsenter_lite
