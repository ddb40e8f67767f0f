// Cgroup hierarchy discovery on fixtures copied from real machines: hybrid (this host), pure v2 and pure v1;
// /proc/self/mountinfo and /proc/PID/cgroup lines.
#include <gtest/gtest.h>

#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"

namespace {

namespace kernel = virtlab::kernel;

std::string fixture(const std::string& name) {
  return virtlab::read_file(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
}

kernel::Hierarchy load(const std::string& layout) {
  return kernel::build_hierarchy(fixture(layout + "/mountinfo"), fixture(layout + "/cgroups"),
                                 fixture(layout + "/cgroup.controllers"));
}

TEST(Hierarchy, HybridHostHasV1ControllersAndSmallUnified) {
  auto h = load("hybrid");
  EXPECT_EQ(h.layout, kernel::Layout::hybrid);
  ASSERT_NE(h.unified(), nullptr);
  EXPECT_EQ(h.unified()->mount_point, "/sys/fs/cgroup/unified");
  EXPECT_EQ(h.unified()->controllers, std::vector<std::string>{"hugetlb"});
  ASSERT_NE(h.mount_for("memory"), nullptr);
  EXPECT_EQ(h.mount_for("memory")->mount_point, "/sys/fs/cgroup/memory");
  EXPECT_EQ(h.mount_for("memory")->version, kernel::Version::v1);
  EXPECT_EQ(h.mount_for("cpuacct")->mount_point, "/sys/fs/cgroup/cpuacct");
  EXPECT_EQ(h.mount_for("hugetlb")->version, kernel::Version::v2);
  EXPECT_EQ(h.mount_for("io"), nullptr);
  EXPECT_EQ(h.mount_for("blkio")->mount_point, "/sys/fs/cgroup/blkio");
  // name=systemd is a hierarchy without controllers
  bool named = false;
  for (const auto& m : h.mounts)
    if (m.name == "systemd") named = m.controllers.empty();
  EXPECT_TRUE(named);
}

TEST(Hierarchy, PureV2) {
  auto h = load("v2");
  EXPECT_EQ(h.layout, kernel::Layout::v2);
  ASSERT_EQ(h.mounts.size(), 1u);
  EXPECT_EQ(h.mounts[0].mount_point, "/sys/fs/cgroup");
  for (const char* c : {"cpu", "memory", "io", "pids"}) {
    ASSERT_NE(h.mount_for(c), nullptr) << c;
    EXPECT_EQ(h.mount_for(c)->version, kernel::Version::v2);
  }
  EXPECT_EQ(h.mount_for("cpuacct"), nullptr);  // v2 has no cpuacct: usage comes from cpu.stat
  EXPECT_EQ(h.mount_for("blkio"), nullptr);
}

TEST(Hierarchy, PureV1WithCoMountedCpuCpuacct) {
  auto h = load("v1");
  EXPECT_EQ(h.layout, kernel::Layout::v1);
  EXPECT_EQ(h.unified(), nullptr);
  ASSERT_NE(h.mount_for("cpu"), nullptr);
  EXPECT_EQ(h.mount_for("cpu"), h.mount_for("cpuacct"));
  EXPECT_EQ(h.mount_for("cpu")->mount_point, "/sys/fs/cgroup/cpu,cpuacct");
  EXPECT_EQ(h.mount_for("net_prio")->mount_point, "/sys/fs/cgroup/net_cls,net_prio");
  EXPECT_TRUE(h.kernel_has("memory"));
  EXPECT_TRUE(h.kernel_has("io"));  // /proc/cgroups calls it blkio
  EXPECT_FALSE(h.kernel_has("rdma"));
}

TEST(Hierarchy, NoCgroupsMounted) {
  auto h = kernel::build_hierarchy("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", "", "");
  EXPECT_EQ(h.layout, kernel::Layout::none);
  EXPECT_TRUE(h.mounts.empty());
}

TEST(Mountinfo, EscapesAndOptionalFields) {
  auto e = kernel::parse_mountinfo(
      "36 35 98:0 /mnt1 /mnt\\040point rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].mount_point, "/mnt point");
  EXPECT_EQ(e[0].root, "/mnt1");
  EXPECT_EQ(e[0].fs_type, "ext3");
  EXPECT_EQ(e[0].super_options, (std::vector<std::string>{"rw", "errors=continue"}));
  EXPECT_TRUE(kernel::parse_mountinfo("garbage line\n").empty());
}

TEST(ProcCgroup, Membership) {
  auto rows = kernel::parse_proc_pid_cgroup(fixture("v1/self.cgroup"));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[6].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_EQ(rows[6].path, "/user.slice");
  auto v2 = kernel::parse_proc_pid_cgroup(fixture("v2/self.cgroup"));
  ASSERT_EQ(v2.size(), 1u);
  EXPECT_EQ(v2[0].hierarchy, 0);
  EXPECT_TRUE(v2[0].controllers.empty());
  EXPECT_EQ(v2[0].path, "/user.slice/user-1000.slice/session-2.scope");
}

}  // namespace
