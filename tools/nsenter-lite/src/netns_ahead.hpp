// The network namespace of `run`, made ahead on another CPU.
// Creating a network namespace is the largest single kernel cost of a start (loopback device, sysctl tables, sysfs
// entries: about 0.5 ms here). When the parent has nothing to do between clone and exec (the vfork path) and a
// second CPU is free, a helper process unshares CLONE_NEWNET there while we finish our checks and the child builds
// its mounts; the child joins that namespace with setns before it mounts /sys. It is how a Kubernetes pod's network
// namespace is made first (by CNI) and the container's runc joins it: the same namespace, the work just overlaps.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>

#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

class NetnsAhead {
 public:
  // nullptr when it would not help (one CPU) or cannot run (architecture, kernel, clone refused): then the child's
  // clone makes the network namespace itself.
  static std::unique_ptr<NetnsAhead> start();
  // Lets the helper go and reaps it. If it cannot be reaped, its stack and the words it writes at exit are leaked
  // rather than freed under it.
  ~NetnsAhead();
  NetnsAhead(const NetnsAhead&) = delete;
  NetnsAhead& operator=(const NetnsAhead&) = delete;
  pid_t pid() const noexcept { return pid_; }
  int pidfd() const noexcept { return pidfd_.get(); }  // readable once the helper has ended
  // Reaps the helper if it has ended (without waiting); true once it is reaped.
  bool try_reap() noexcept;

  // In the child: wait until the helper's unshare is done. 0, or -1 + errno (its unshare's error, or ESRCH if the
  // helper ended without making the namespace).
  int wait_made() noexcept;
  // In the child, after wait_made: setns into the helper's namespace, then let the helper exit.
  int enter() noexcept;

 private:
  static constexpr std::size_t kStackSize = 16 * 1024;
  static constexpr int kWorking = 1, kReady = 2;  // `state`; 0 = the helper has ended (CLONE_CHILD_CLEARTID)
  struct Shared {
    int state = kWorking;  // futex (shared: the kernel's exit wake is a shared one)
    int release = 0;       // futex: the helper may exit (the child joined, or we gave up)
    long unshare_result = 0;
    pid_t parent = 0;
  };
  struct Block {  // what the helper uses, in one allocation we can leak if the helper cannot be reaped
    Shared shared;
    alignas(16) char stack[kStackSize];
  };
  NetnsAhead();
  void release() noexcept;
  static int helper_entry(void* arg);
  std::unique_ptr<Block> block_;
  pid_t pid_ = -1;
  virtlab::UniqueFd pidfd_;
  bool reaped_ = false;
};

}  // namespace virtlab::nsenter_lite
