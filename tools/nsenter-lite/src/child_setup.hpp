// The child of `run` (the container's pid 1 before exec) and how it is started: its plan, its failure record and the
// setup steps it runs in crun's order [runc init].
#pragma once

#include <seccomp.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "netns_ahead.hpp"
#include "virtlab/error.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

class ChildFailure {
 public:
  ChildFailure(std::string what, std::string hint, int err, std::optional<virtlab::ExitCode> code = std::nullopt)
      : what(std::move(what)), hint(std::move(hint)), err(err), code(code) {}
  std::string what, hint;
  int err;
  std::optional<virtlab::ExitCode> code;  // else derived from err (only the vfork path carries it)
};

// What a child that shares our memory (CLONE_VM|CLONE_VFORK) reports: it writes straight into this struct, which
// the parent reads once the clone returns (the child has exec'd or died by then, so nobody writes concurrently).
struct SharedChildReport {
  std::vector<std::array<std::string, 4>> steps;  // call, target, result, meaning
  std::optional<ChildFailure> failure;
  virtlab::Json namespaces = nullptr;  // {"mnt": inode, …} when asked for
};

struct ChildPlan {
  int sock = -1;                        // fork path: the sync socket (go, steps, errors, notify fd)
  SharedChildReport* shared = nullptr;  // vfork path: report here instead, no socket and no "go"
  NetnsAhead* netns_ahead = nullptr;    // the network namespace to join (else clone made one)
  int parent_pidfd = -1;                // readable once nsenter-lite has exited (getppid is 0 in a new pid ns)
  bool explain = false;
  bool json = false;
  bool rootless = false;
  bool use_chroot = false;
  std::string root;                 // host path of the root (merged overlay or the rootfs)
  std::vector<std::string> layers;  // bottom-up; empty when no overlay
  std::string upper, work;
  std::string hostname;
  std::string timens_offsets;  // "" = no time namespace
  std::vector<int> keep_caps;
  scmp_filter_ctx seccomp = nullptr;  // nullptr = --seccomp none
  bool seccomp_notify = false;
  std::string exec_path;
  std::vector<std::string> argv;
};

// The plan plus the two ways a step's outcome reaches the parent: the shared report (vfork) or the socket (fork).
class ChildContext {
 public:
  explicit ChildContext(const ChildPlan& plan) : p(plan) {}
  const ChildPlan& p;

  void report(const std::string& call, const std::string& target, const std::string& result,
              const std::string& meaning) const;
  // Logs one syscall (rc, errno) and throws ChildFailure when it failed.
  void step(const std::string& call, const std::string& target, int rc, const std::string& meaning,
            const std::string& hint = {}) const;
  void fail(ChildFailure f) const;
};

// Steps of child_main that virtlab-runc's init (runc_init.cpp) runs too, with the same --explain lines.
// PR_SET_PDEATHSIG(SIGKILL), then _exit(1) if the parent (plan.parent_pidfd) is already gone.
void die_with_parent(const ChildContext& c);
void wait_for_go(const ChildContext& c);
void unshare_cgroup(const ChildContext& c);
void make_mounts_private(const ChildContext& c);
void bind_root(const ChildContext& c);
void create_device_nodes(const ChildContext& c, const std::string& dev);
void set_hostname(const ChildContext& c);
void drop_bounding_set(const ChildContext& c);  // keeps plan.keep_caps
void switch_root(const ChildContext& c);
void set_no_new_privs(const ChildContext& c);
void load_seccomp(const ChildContext& c);

// Runs a child's steps (a callable taking no arguments) and never returns: a failed step (ChildFailure, or any other
// exception) is reported through `c` and the child exits 127, as it does when the steps return without exec'ing.
// A template, so the vfork child (child_main) allocates nothing to call it.
template <typename Steps>
[[noreturn]] void run_child_steps(const ChildContext& c, Steps&& steps) noexcept {
  try {
    steps();
  } catch (const ChildFailure& f) {
    c.fail(f);
  } catch (const std::exception& e) {
    c.fail(ChildFailure(e.what(), "", 0));
  } catch (...) {
  }
  _exit(127);
}

// A namespace refused at creation (clone, or the helper's unshare): ENOSPC is a namespace limit (a sysctl), not a
// full disk, so it is a policy refusal like EPERM (docs: exit 4).
virtlab::ExitCode namespace_refusal_code(int err);

// The child's whole life: wait for the parent, build the root, drop privileges, load seccomp, exec. Never returns:
// a failed step is reported (socket or SharedChildReport) and the child exits 127.
[[noreturn]] void child_main(const ChildPlan& plan) noexcept;

// clone(CLONE_VM|CLONE_VFORK) running child_main: returns once the child has exec'd or died (pid, or -1 + errno).
long clone_vfork(const ChildPlan& plan, int flags, int* pidfd);

}  // namespace virtlab::nsenter_lite
