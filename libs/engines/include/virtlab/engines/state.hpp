// Container engines' state read from the engines' own files, never by running `docker` or `podman`:
//   Docker      <docker root>/containers/<id>/config.v2.json (name, image, pid) + hostconfig.json (limits)
//   Podman      <storage root>/<driver>-containers/containers.json (names, image) +
//               <storage root>/<driver>-containers/<id>/userdata/config.json (the OCI spec: limits) +
//               <run root>/<driver>-containers/<id>/userdata/pidfile   (driver: overlay, vfs, btrfs or zfs)
//   containerd  <state>/io.containerd.runtime.v2.task/<namespace>/<id>/{config.json,init.pid}; Kubernetes pods
//               from the CRI annotations in that config.json (io.kubernetes.cri.sandbox-namespace, …)
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/engines/cgroup_path.hpp"

namespace virtlab::engines {

// What the engine was asked for (docker run --memory --cpus --pids-limit); nullopt = no limit set.
struct Limits {
  std::optional<std::uint64_t> memory_bytes;
  std::optional<double> cpus;
  std::optional<std::int64_t> pids;
};

// A Kubernetes container's pod, from the CRI annotations.
struct Pod {
  std::string ns, name, uid;
  std::string container;  // container name; "" for the pod's sandbox (pause) container
};

struct Container {
  Engine engine = Engine::docker;
  std::string id;
  std::string name;                  // docker/podman name; containerd: its id
  std::string image;                 // "vl-busybox:test"; "" when the engine's files do not say
  std::string containerd_namespace;  // containerd only
  std::optional<pid_t> pid;          // the container's pid 1 as the engine recorded it
  Limits limits;
  std::optional<Pod> pod;
};

// "docker vl-test-web", "podman web", "containerd default/redis", "pod kube-system/coredns-5d78c9869d-4xj7p".
std::string label_of(const Container& c);
// "docker 83efded06b21" when the engine's files were not found (the container is gone or the state unreadable).
std::string label_of(const ContainerRef& ref);

// Pure parsers of the engines' files; nullopt / empty for text that is not such a file.
std::optional<Container> parse_docker_config(std::string_view config_v2_json);
Limits parse_docker_hostconfig(std::string_view hostconfig_json);
struct PodmanEntry {
  std::string id, name, image;
};
std::vector<PodmanEntry> parse_podman_containers(std::string_view containers_json);
struct OciSpecFacts {
  Limits limits;
  std::optional<Pod> pod;  // when the spec carries Kubernetes annotations (containerd CRI or CRI-O)
};
std::optional<OciSpecFacts> parse_oci_spec(std::string_view config_json);
std::optional<pid_t> parse_pid_file(std::string_view text);

// Where the engines keep their state; `under(prefix)` moves every root below a directory (fixture trees).
struct StateRoots {
  std::string docker = "/var/lib/docker";
  std::string podman_storage = "/var/lib/containers/storage";
  std::string podman_run = "/run/containers/storage";
  std::string containerd_state = "/run/containerd";
  std::string proc = "/proc";
  static StateRoots under(const std::string& prefix);
};

// Reads and caches the engines' files. Not thread safe.
class StateReader {
 public:
  explicit StateReader(StateRoots roots = {});

  std::optional<Container> find(const ContainerRef& ref);
  // The container whose cgroup `path` is (or a monitor/child cgroup of it), including plain containerd's
  // "/<namespace>/<id>", recognised by its task directory.
  std::optional<ContainerRef> ref_for_cgroup_path(std::string_view path);
  std::optional<Container> find_by_cgroup_path(std::string_view path);
  // /proc/PID/cgroup of a live process → its container; nullopt when not in one or the process is gone.
  std::optional<Container> find_by_pid(pid_t pid);

 private:
  std::optional<Container> read_docker(const ContainerRef& ref);
  std::optional<Container> read_podman(const ContainerRef& ref);
  std::optional<Container> read_containerd(const ContainerRef& ref);
  std::optional<Container> read_crio(const ContainerRef& ref);
  const std::vector<PodmanEntry>& podman_entries();

  StateRoots roots_;
  std::map<std::string, std::optional<Container>> cache_;  // key: engine + id
  std::optional<std::vector<PodmanEntry>> podman_entries_;
};

}  // namespace virtlab::engines
