// The child process a demo watches. pagewalk forks it, then drives it one action at a time over a pipe, so the
// parent can look at the child's page tables between steps ("before" and "after" a touch, a write, a fork…).
//
//   DemoChild child("pw-fault", {{"mmap", [] { return map_anonymous(1); }}, {"write", [&] { ...; return 0; }}});
//   std::uint64_t va = child.run(0);   // the child mapped a page; now walk it: not present
//   child.run(1);                      // the child wrote to it; walk again: present, a PFN
//
// The child dies with us (PR_SET_PDEATHSIG) and is killed and reaped by the destructor, also on Ctrl-C unwinding.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "virtlab/fd.hpp"

namespace virtlab::pagewalk {

// One thing the child can be asked to do. `body` runs in the child and returns a number for the parent (an
// address, a count); it reports failure by throwing virtlab::Error or by returning after setting `errno` through
// DemoChild::fail().
struct DemoAction {
  std::string name;  // "mmap 1 page", "write 1 byte" — shown in --explain
  std::function<std::uint64_t()> body;
};

class DemoChild {
 public:
  // Forks the child (named `name`, at most 15 characters, visible in ps and in pagewalk's output).
  DemoChild(std::string name, std::vector<DemoAction> actions);
  ~DemoChild();
  DemoChild(const DemoChild&) = delete;
  DemoChild& operator=(const DemoChild&) = delete;

  pid_t pid() const noexcept { return pid_; }
  const std::string& name() const noexcept { return name_; }
  // Asks the child to run action `index` and waits (at most 30 s, interruptible by Ctrl-C) for its result.
  // Throws Error naming the action when the child reports a failure or dies.
  std::uint64_t run(std::size_t index);
  // Ends the child now: closes its command pipe (it exits), waits; SIGKILL after 2 s.
  void stop() noexcept;

  // For action bodies (in the child): fail with errno and a message.
  [[noreturn]] static void fail(const std::string& what);

 private:
  std::string name_;
  std::vector<DemoAction> actions_;
  pid_t pid_ = -1;
  UniqueFd commands_;  // parent → child: one 4-byte action index per request
  UniqueFd replies_;   // child → parent: {int32 errno, uint64 value, message}
};

}  // namespace virtlab::pagewalk
