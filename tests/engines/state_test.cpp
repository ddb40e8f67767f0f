// The engines' own state files, recorded from docker.io 20.10, podman 4.3 and containerd 1.6 (fixtures/README.md).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "virtlab/engines/state.hpp"

namespace {

using namespace virtlab::engines;

const std::string docker_id = "83efded06b21fabc566d6b33f5e15b47c7e00aefd5f488195a9724f057942737";
const std::string podman_id = "5dac9988175d33f7b2347a2555fdb47244981cf9d7cf612cf8e88f8dfe8f7b88";
const std::string state_dir = std::string(VIRTLAB_FIXTURES_DIR) + "/state";

std::string fixture(const std::string& rel) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/" + rel);
  EXPECT_TRUE(in) << rel;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(DockerState, ConfigAndHostconfig) {
  std::string dir = "state/var/lib/docker/containers/" + docker_id + "/";
  auto c = parse_docker_config(fixture(dir + "config.v2.json"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, docker_id);
  EXPECT_EQ(c->name, "vl-test-web");  // stored as "/vl-test-web"
  EXPECT_EQ(c->image, "vl-busybox:test");
  EXPECT_EQ(c->pid, 6832);
  EXPECT_EQ(label_of(*c), "docker vl-test-web");
  auto l = parse_docker_hostconfig(fixture(dir + "hostconfig.json"));
  EXPECT_EQ(l.memory_bytes, 64u << 20);       // --memory 64m
  EXPECT_DOUBLE_EQ(l.cpus.value_or(0), 0.5);  // --cpus 0.5 (NanoCpus)
  EXPECT_EQ(l.pids, 50);                      // --pids-limit 50
}

TEST(DockerState, NotDockerFiles) {
  EXPECT_FALSE(parse_docker_config(""));
  EXPECT_FALSE(parse_docker_config("[1,2]"));
  EXPECT_FALSE(parse_docker_config("{\"Name\":\"/x\"}"));  // no ID
  auto none = parse_docker_hostconfig(R"({"Memory":0,"NanoCpus":0,"CpuQuota":0,"PidsLimit":null})");
  EXPECT_FALSE(none.memory_bytes);
  EXPECT_FALSE(none.cpus);
  EXPECT_FALSE(none.pids);
  auto quota = parse_docker_hostconfig(R"({"CpuQuota":150000,"CpuPeriod":100000,"PidsLimit":-1})");
  EXPECT_DOUBLE_EQ(quota.cpus.value_or(0), 1.5);
  EXPECT_FALSE(quota.pids);
}

TEST(PodmanState, ContainersJsonAndSpec) {
  auto entries =
      parse_podman_containers(fixture("state/var/lib/containers/storage/overlay-containers/containers.json"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, podman_id);
  EXPECT_EQ(entries[0].name, "vl-test-pod");
  EXPECT_EQ(entries[0].image, "localhost/vl-busybox:test");  // from the metadata string, not the image id
  auto spec = parse_oci_spec(
      fixture("state/var/lib/containers/storage/overlay-containers/" + podman_id + "/userdata/config.json"));
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->limits.memory_bytes, 32u << 20);
  EXPECT_EQ(spec->limits.pids, 40);
  EXPECT_FALSE(spec->limits.cpus);
  EXPECT_FALSE(spec->pod);
  EXPECT_TRUE(parse_podman_containers("{}").empty());
  EXPECT_FALSE(parse_oci_spec("{\"not\":\"a spec\"}"));
}

TEST(ContainerdState, CriAnnotationsNameThePod) {
  auto spec = parse_oci_spec(fixture("cri-containerd-pod-config.json"));
  ASSERT_TRUE(spec);
  ASSERT_TRUE(spec->pod);
  EXPECT_EQ(spec->pod->ns, "default");
  EXPECT_EQ(spec->pod->name, "web-7d4b9c8f6-x2k9p");
  EXPECT_EQ(spec->pod->container, "web");
  EXPECT_DOUBLE_EQ(spec->limits.cpus.value_or(0), 0.5);
  EXPECT_EQ(spec->limits.memory_bytes, 128u << 20);
  Container c{Engine::containerd, "9c2d", "9c2d", "", "k8s.io", std::nullopt, spec->limits, spec->pod};
  EXPECT_EQ(label_of(c), "pod default/web-7d4b9c8f6-x2k9p web");
}

TEST(PidFile, Parse) {
  EXPECT_EQ(parse_pid_file(fixture("state/run/containerd/io.containerd.runtime.v2.task/vl-test/vl-ctr/init.pid")),
            8281);
  EXPECT_EQ(parse_pid_file("42\n"), 42);
  EXPECT_FALSE(parse_pid_file(""));
  EXPECT_FALSE(parse_pid_file("-1"));
  EXPECT_FALSE(parse_pid_file("x"));
}

TEST(StateReader, FindsEachEngineFromAPidInTheFixtureTree) {
  StateReader reader(StateRoots::under(state_dir));
  auto docker = reader.find_by_pid(6832);
  ASSERT_TRUE(docker);
  EXPECT_EQ(label_of(*docker), "docker vl-test-web");
  EXPECT_EQ(docker->limits.pids, 50);

  auto podman = reader.find_by_pid(7755);
  ASSERT_TRUE(podman);
  EXPECT_EQ(label_of(*podman), "podman vl-test-pod");
  EXPECT_EQ(podman->image, "localhost/vl-busybox:test");
  EXPECT_EQ(podman->pid, 7755);  // the pidfile's process is alive in the tree's proc/
  EXPECT_EQ(podman->limits.memory_bytes, 32u << 20);

  auto containerd = reader.find_by_pid(8281);
  ASSERT_TRUE(containerd);
  EXPECT_EQ(label_of(*containerd), "containerd vl-test/vl-ctr");
  EXPECT_EQ(containerd->pid, 8281);

  EXPECT_FALSE(reader.find_by_pid(1));  // no such process in the tree
}

// Podman with the vfs storage driver (no overlayfs: a busybox initramfs, the test VM) keeps its state in
// vfs-containers/: the fixture tree copied with overlay-containers renamed.
TEST(StateReader, FindsPodmanWithTheVfsStorageDriver) {
  namespace fs = std::filesystem;
  const fs::path tree = fs::temp_directory_path() / ("vl-engines-vfs-" + std::to_string(::getpid()));
  fs::copy(state_dir, tree, fs::copy_options::recursive);
  for (const char* root : {"var/lib/containers/storage", "run/containers/storage"})
    fs::rename(tree / root / "overlay-containers", tree / root / "vfs-containers");
  StateReader reader(StateRoots::under(tree.string()));
  auto podman = reader.find_by_pid(7755);
  fs::remove_all(tree);
  ASSERT_TRUE(podman);
  EXPECT_EQ(label_of(*podman), "podman vl-test-pod");
  EXPECT_EQ(podman->pid, 7755);                       // run root's vfs-containers/<id>/userdata/pidfile
  EXPECT_EQ(podman->limits.memory_bytes, 32u << 20);  // storage root's vfs-containers/<id>/userdata/config.json
}

TEST(StateReader, UnknownIdsFallBackToShortIds) {
  StateReader reader(StateRoots::under(state_dir));
  std::string gone(64, 'a');
  auto ref = reader.ref_for_cgroup_path("/docker/" + gone);
  ASSERT_TRUE(ref);
  EXPECT_FALSE(reader.find(*ref));
  EXPECT_EQ(label_of(*ref), "docker aaaaaaaaaaaa");
  EXPECT_FALSE(reader.ref_for_cgroup_path("/vl-test/not-a-task"));
  EXPECT_FALSE(reader.ref_for_cgroup_path("/vl-test"));
}

}  // namespace
