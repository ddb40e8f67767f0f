// Human names for cgroup paths: docker/containerd/podman/CRI-O scopes, Kubernetes kubepods (QoS class, pod uid,
// short container id) and systemd units. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "virtlab/engines/state.hpp"

namespace virtlab::cgtop {

struct CgroupName {
  std::string kind;   // "docker", "containerd", "podman", "crio", "pod", "qos", "service", "slice", "scope",
                      // "user", "session", "" (plain directory)
  std::string label;  // "docker 3f2a9c1b7d0e", "pod 1b2c… (burstable)", "service sshd", "" when nothing to add
  // The engine's own record of the container whose cgroup this is (name, image, pid, the limits it was asked for);
  // only from name_cgroup(path, engines), and not for a conmon monitor's cgroup.
  std::optional<virtlab::engines::Container> container = std::nullopt;
};

// `path` is the cgroup path relative to the hierarchy root ("/system.slice/docker-<64 hex>.scope").
CgroupName name_cgroup(std::string_view path);
// The same, with a container's cgroup named by its engine's state files: "docker vl-test-web", "podman web",
// "containerd default/redis", "pod kube-system/coredns-… coredns"; the short id when the files are gone.
CgroupName name_cgroup(std::string_view path, virtlab::engines::StateReader& engines);

}  // namespace virtlab::cgtop
