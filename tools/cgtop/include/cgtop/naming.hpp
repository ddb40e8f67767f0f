// Human names for cgroup paths: docker/containerd/podman/CRI-O scopes, Kubernetes kubepods (QoS class, pod uid,
// short container id) and systemd units. Pure.
#pragma once

#include <string>
#include <string_view>

namespace cgtop {

struct CgroupName {
  std::string kind;   // "docker", "containerd", "podman", "crio", "pod", "qos", "service", "slice", "scope",
                      // "user", "session", "" (plain directory)
  std::string label;  // "docker 3f2a9c1b7d0e", "pod 1b2c… (burstable)", "service sshd", "" when nothing to add
};

// `path` is the cgroup path relative to the hierarchy root ("/system.slice/docker-<64 hex>.scope").
CgroupName name_cgroup(std::string_view path);

}  // namespace cgtop
