// virtlab-runc's pure helpers (runc.hpp): signal names, where linux.cgroupsPath lands, which linux.resources become
// kernel limits, the clone flags of config.json's namespaces and the executable's PATH candidates.
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>

#include <functional>

#include "nsenter_lite/oci_spec.hpp"
#include "nsenter_lite/runc.hpp"
#include "virtlab/error.hpp"

using namespace virtlab::nsenter_lite;

namespace {

virtlab::ExitCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const virtlab::Error& e) {
    return e.code();
  }
  return virtlab::ExitCode::ok;
}

}  // namespace

TEST(RuncSignal, NamesNumbersAndJunk) {
  EXPECT_EQ(parse_signal("SIGTERM"), SIGTERM);
  EXPECT_EQ(parse_signal("TERM"), SIGTERM);
  EXPECT_EQ(parse_signal("kill"), SIGKILL);
  EXPECT_EQ(parse_signal("9"), SIGKILL);
  EXPECT_EQ(parse_signal("SIGWINCH"), SIGWINCH);
  EXPECT_EQ(code_of([] { parse_signal("SIGNOPE"); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { parse_signal("0"); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { parse_signal(""); }), virtlab::ExitCode::usage);
}

TEST(RuncCgroupPath, PlainRelativeDefaultAndSystemd) {
  EXPECT_EQ(cgroup_path_for("/libpod_parent/libpod-abc", "abc", false), "/libpod_parent/libpod-abc");
  EXPECT_EQ(cgroup_path_for("docker/abc/", "abc", false), "/docker/abc");
  EXPECT_EQ(cgroup_path_for("", "demo", false), "/virtlab-runc/demo");
  EXPECT_EQ(cgroup_path_for("machine.slice:libpod:abc", "abc", true), "/machine.slice/libpod-abc.scope");
  EXPECT_EQ(cgroup_path_for(":docker:abc", "abc", true), "/system.slice/docker-abc.scope");
  EXPECT_EQ(code_of([] { cgroup_path_for("/a/../../etc", "x", false); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { cgroup_path_for("/", "x", false); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { cgroup_path_for("slice:only", "x", true); }), virtlab::ExitCode::usage);
}

TEST(RuncLimits, MemoryCpuPidsBecomeKernelLimitsTheRestIsNamed) {
  OciResources r;
  r.memory_limit = 64 << 20;
  r.memory_swap = 128 << 20;
  r.cpu_quota = 50000;
  r.cpu_period = 100000;
  r.pids_limit = 50;
  r.cpu_shares = 1024;
  std::vector<std::string> not_applied;
  const virtlab::kernel::Limits limits = limits_from_resources(r, not_applied);
  ASSERT_TRUE(limits.memory_bytes && limits.cpu_cores && limits.pids_max);
  EXPECT_EQ(*limits.memory_bytes, 64u << 20);
  EXPECT_DOUBLE_EQ(*limits.cpu_cores, 0.5);
  EXPECT_EQ(limits.cpu_period_us, 100000u);
  EXPECT_EQ(*limits.pids_max, 50u);
  ASSERT_EQ(not_applied.size(), 2u);
  EXPECT_EQ(not_applied[0].rfind("linux.resources.memory.swap:", 0), 0u);
  EXPECT_EQ(not_applied[1].rfind("linux.resources.cpu.shares:", 0), 0u);
}

TEST(RuncLimits, UnlimitedValuesSetNothing) {
  OciResources r;
  r.memory_limit = -1;  // docker's "no limit"
  r.pids_limit = 0;
  std::vector<std::string> not_applied;
  EXPECT_TRUE(limits_from_resources(r, not_applied).empty());
  EXPECT_TRUE(not_applied.empty());
}

TEST(RuncCloneFlags, NewNamespacesOnlyCgroupAndTimeLeftToTheInit) {
  const std::vector<OciNamespace> ns = {{OciNamespaceType::pid, ""},   {OciNamespaceType::network, "/run/netns/pod"},
                                        {OciNamespaceType::mount, ""}, {OciNamespaceType::ipc, ""},
                                        {OciNamespaceType::uts, ""},   {OciNamespaceType::cgroup, ""},
                                        {OciNamespaceType::user, ""}};
  EXPECT_EQ(clone_flags_for(ns), CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWUSER);
  EXPECT_EQ(clone_flags_for({}), 0);
}

TEST(RuncCloneFlags, EachConfigJsonNamespaceTypeHasItsCloneFlag) {
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::pid), CLONE_NEWPID);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::network), CLONE_NEWNET);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::mount), CLONE_NEWNS);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::ipc), CLONE_NEWIPC);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::uts), CLONE_NEWUTS);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::user), CLONE_NEWUSER);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::cgroup), CLONE_NEWCGROUP);
  EXPECT_EQ(oci_namespace_clone_flag(OciNamespaceType::time), CLONE_NEWTIME);
}

TEST(RuncExecCandidates, PathFromEnvOrDefault) {
  EXPECT_EQ(exec_candidates("/bin/sh", {"PATH=/x"}), std::vector<std::string>{"/bin/sh"});
  EXPECT_EQ(exec_candidates("sh", {"HOME=/", "PATH=/usr/bin:/bin"}),
            (std::vector<std::string>{"/usr/bin/sh", "/bin/sh"}));
  const auto fallback = exec_candidates("sh", {});
  ASSERT_FALSE(fallback.empty());
  EXPECT_EQ(fallback.back(), "/bin/sh");
  EXPECT_EQ(exec_candidates("./run", {"PATH=/x"}), std::vector<std::string>{"./run"});
}

TEST(RuncFeatures, NamesWhatIsImplemented) {
  const virtlab::Json f = runc_features();
  EXPECT_EQ(f["ociVersionMax"], "1.1.0");
  EXPECT_TRUE(f["linux"]["cgroup"]["v1"].get<bool>());
  // Every hook of the runtime spec is run (the lifecycle test runs createContainer and startContainer).
  EXPECT_EQ(f["hooks"],
            virtlab::Json({"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"}));
}
