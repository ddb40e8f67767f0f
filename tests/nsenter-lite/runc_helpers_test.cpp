// virtlab-runc's pure helpers (runc.hpp): signal names, where linux.cgroupsPath lands, which linux.resources become
// kernel limits, the clone flags of config.json's namespaces and the executable's PATH candidates.
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

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

TEST(RuncExecExtras, CapsJoinThreeSetsAmbientOnlyWithInheritableGidsAppend) {
  OciProcess p;
  p.capabilities.bounding = p.capabilities.effective = p.capabilities.permitted = {0};
  add_exec_extras(p, {"CAP_SYS_ADMIN", "net_admin", "CAP_CHOWN"}, {1234, 0});
  EXPECT_EQ(p.capabilities.bounding, (std::vector<int>{0, 21, 12}));  // CAP_CHOWN not twice
  EXPECT_EQ(p.capabilities.effective, p.capabilities.bounding);
  EXPECT_EQ(p.capabilities.permitted, p.capabilities.bounding);
  EXPECT_TRUE(p.capabilities.ambient.empty());  // no inheritable set: runc adds no ambient capability
  EXPECT_EQ(p.additional_gids, (std::vector<std::uint32_t>{1234, 0}));
  p.capabilities.inheritable = {0};
  add_exec_extras(p, {"CAP_KILL"}, {});
  EXPECT_EQ(p.capabilities.ambient, std::vector<int>{5});
  EXPECT_THROW(add_exec_extras(p, {"CAP_BOGUS"}, {}), virtlab::Error);
  EXPECT_THROW(add_exec_extras(p, {}, {-1}), virtlab::Error);
  EXPECT_THROW(add_exec_extras(p, {}, {std::int64_t{1} << 32}), virtlab::Error);
}

TEST(RuncPreserveFds, OpenFdsPassMissingOnesAreNamed) {
  EXPECT_NO_THROW(check_preserved_fds(0));
  EXPECT_THROW(check_preserved_fds(-1), virtlab::Error);
  int first_free = dup(0);  // the lowest free fd: a count reaching it names it
  ASSERT_GE(first_free, 3);
  close(first_free);
  try {
    check_preserved_fds(first_free - 2);
    FAIL() << "fd " << first_free << " is not open";
  } catch (const virtlab::Error& e) {
    EXPECT_NE(std::string(e.what()).find("fd " + std::to_string(first_free) + " is not open"), std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(check_preserved_fds(first_free - 3));
}

TEST(RuncFeatures, NamesWhatIsImplemented) {
  const virtlab::Json f = runc_features();
  EXPECT_EQ(f["ociVersionMax"], "1.1.0");
  EXPECT_TRUE(f["linux"]["cgroup"]["v1"].get<bool>());
  // Every hook of the runtime spec is run (the lifecycle test runs createContainer and startContainer).
  EXPECT_EQ(f["hooks"],
            virtlab::Json({"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"}));
}
