// Which engine's container a cgroup path belongs to, from the path alone (pure). The engines name their cgroups:
//   Docker     cgroupfs "/docker/<id>"                     systemd "/system.slice/docker-<id>.scope"
//   Podman     cgroupfs "/libpod_parent/libpod-<id>"       systemd "/machine.slice/libpod-<id>.scope"
//              (its monitor: "libpod-conmon-<id>")
//   containerd CRI "…/kubepods…/cri-containerd-<id>.scope" or "/kubepods/<qos>/pod<uid>/<id>";
//              plain containerd ("ctr run") "/<namespace>/<id>" — only its task directory tells (StateReader)
//   CRI-O      "crio-<id>.scope", monitor "crio-conmon-<id>.scope"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace virtlab::engines {

enum class Engine { docker, podman, containerd, crio };

std::string_view engine_name(Engine engine);  // "docker", "podman", "containerd", "crio"

struct ContainerRef {
  Engine engine = Engine::docker;
  std::string id;                    // as the path spells it: 64 hex digits, or containerd's container id
  std::string containerd_namespace;  // containerd only: "moby", "k8s.io", "default", …; "" when unknown
  bool monitor = false;              // podman's / CRI-O's conmon cgroup, not the container itself
  bool kubernetes = false;           // below a kubepods cgroup
};

// `path` is relative to the hierarchy root ("/docker/<64 hex>"). nullopt when the path names no container.
std::optional<ContainerRef> container_in_cgroup_path(std::string_view path);

// The container a process is in, from /proc/PID/cgroup's text: the first line whose path names one
// (on hybrid hosts every controller line carries the same path).
std::optional<ContainerRef> container_in_proc_cgroup(std::string_view proc_pid_cgroup);

// The cgroup path of a /proc/PID/cgroup text: the v2 "0::" line, else the memory controller's, else the first.
std::string cgroup_path_of(std::string_view proc_pid_cgroup);

}  // namespace virtlab::engines
