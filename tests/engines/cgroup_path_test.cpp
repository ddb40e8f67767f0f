// Container ids in the cgroup paths the engines make (recorded /proc/PID/cgroup and the engines' documented forms).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "virtlab/engines/cgroup_path.hpp"

namespace {

using virtlab::engines::cgroup_path_of;
using virtlab::engines::container_in_cgroup_path;
using virtlab::engines::container_in_proc_cgroup;
using virtlab::engines::Engine;

const std::string docker_id = "83efded06b21fabc566d6b33f5e15b47c7e00aefd5f488195a9724f057942737";
const std::string podman_id = "5dac9988175d33f7b2347a2555fdb47244981cf9d7cf612cf8e88f8dfe8f7b88";

std::string fixture(const std::string& rel) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/" + rel);
  EXPECT_TRUE(in) << rel;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CgroupPath, RecordedDockerProcCgroup) {
  auto ref = container_in_proc_cgroup(fixture("state/proc/6832/cgroup"));
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->engine, Engine::docker);
  EXPECT_EQ(ref->id, docker_id);
  EXPECT_FALSE(ref->monitor);
  EXPECT_EQ(cgroup_path_of(fixture("state/proc/6832/cgroup")), "/docker/" + docker_id);
}

TEST(CgroupPath, RecordedPodmanProcCgroup) {
  auto ref = container_in_proc_cgroup(fixture("state/proc/7755/cgroup"));
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->engine, Engine::podman);
  EXPECT_EQ(ref->id, podman_id);
}

TEST(CgroupPath, PlainContainerdNeedsItsStateDirectory) {
  // "/vl-test/vl-ctr" could be any cgroup: only containerd's task directory tells (StateReader's test)
  EXPECT_FALSE(container_in_proc_cgroup(fixture("state/proc/8281/cgroup")));
  EXPECT_EQ(cgroup_path_of(fixture("state/proc/8281/cgroup")), "/vl-test/vl-ctr");
}

TEST(CgroupPath, SystemdDriverScopesAndMonitors) {
  auto docker = container_in_cgroup_path("/system.slice/docker-" + docker_id + ".scope");
  ASSERT_TRUE(docker);
  EXPECT_EQ(docker->engine, Engine::docker);
  auto conmon = container_in_cgroup_path("/machine.slice/libpod-conmon-" + podman_id + ".scope");
  ASSERT_TRUE(conmon);
  EXPECT_EQ(conmon->engine, Engine::podman);
  EXPECT_TRUE(conmon->monitor);
  auto crio = container_in_cgroup_path("/kubepods.slice/kubepods-pod1.slice/crio-" + podman_id + ".scope");
  ASSERT_TRUE(crio);
  EXPECT_EQ(crio->engine, Engine::crio);
  EXPECT_TRUE(crio->kubernetes);
}

TEST(CgroupPath, KubepodsContainersAreContainerdK8sNamespace) {
  auto systemd = container_in_cgroup_path(
      "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1b2c3d4e_5f60.slice/cri-containerd-" + docker_id +
      ".scope");
  ASSERT_TRUE(systemd);
  EXPECT_EQ(systemd->engine, Engine::containerd);
  EXPECT_EQ(systemd->containerd_namespace, "k8s.io");
  EXPECT_TRUE(systemd->kubernetes);
  auto cgroupfs = container_in_cgroup_path("/kubepods/burstable/pod1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d/" + docker_id);
  ASSERT_TRUE(cgroupfs);
  EXPECT_EQ(cgroupfs->engine, Engine::containerd);
  EXPECT_FALSE(container_in_cgroup_path("/kubepods/burstable/pod1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d"));
}

TEST(CgroupPath, ChildCgroupsBelongToTheirContainer) {
  auto ref = container_in_cgroup_path("/docker/" + docker_id + "/init.scope");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->id, docker_id);
}

TEST(CgroupPath, OtherPathsNameNoContainer) {
  EXPECT_FALSE(container_in_cgroup_path("/"));
  EXPECT_FALSE(container_in_cgroup_path("/system.slice/ssh.service"));
  EXPECT_FALSE(container_in_cgroup_path("/docker"));
  EXPECT_FALSE(container_in_cgroup_path("/docker/83efded06b21"));     // short ids are not in paths
  EXPECT_FALSE(container_in_cgroup_path("/elsewhere/" + docker_id));  // a bare id needs its engine's parent
  EXPECT_FALSE(container_in_cgroup_path("/system.slice/docker-xyz.scope"));
  EXPECT_EQ(cgroup_path_of("not a cgroup file"), "");
}

}  // namespace
