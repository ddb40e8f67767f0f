#include "cgtop/naming.hpp"

#include <algorithm>
#include <cctype>

namespace virtlab::cgtop {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool begins_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_hex_id(std::string_view s) {
  return s.size() >= 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string short_id(std::string_view id) {
  return std::string(id.substr(0, 12));
}

std::string_view last_component(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The QoS class of a kubepods path component: "kubepods-burstable.slice" / "burstable" → "burstable".
std::string qos_of(std::string_view path) {
  if (path.find("besteffort") != std::string_view::npos) return "besteffort";
  if (path.find("burstable") != std::string_view::npos) return "burstable";
  return "guaranteed";
}

}  // namespace

CgroupName name_cgroup(std::string_view path) {
  std::string_view leaf = last_component(path);
  std::string_view base = leaf;
  for (std::string_view suffix : {".scope", ".service", ".slice"})
    if (ends_with(base, suffix)) base.remove_suffix(suffix.size());
  const bool in_kubepods = path.find("kubepods") != std::string_view::npos;

  // Container runtimes: systemd driver "<runtime>-<id>.scope", cgroupfs driver "/docker/<id>", kubepods "/<id>".
  struct Runtime {
    std::string_view prefix, kind;
  };
  static constexpr Runtime runtimes[] = {{"docker-", "docker"},
                                         {"cri-containerd-", "containerd"},
                                         {"containerd-", "containerd"},
                                         {"libpod-conmon-", "podman"},
                                         {"libpod-", "podman"},
                                         {"crio-conmon-", "crio"},
                                         {"crio-", "crio"}};
  for (const auto& rt : runtimes) {
    if (begins_with(base, rt.prefix) && is_hex_id(base.substr(rt.prefix.size()))) {
      std::string id = short_id(base.substr(rt.prefix.size()));
      std::string label = std::string(rt.kind) + " " + id;
      if (rt.prefix.find("conmon") != std::string_view::npos) label += " (conmon)";
      return {std::string(rt.kind), label};
    }
  }
  if (is_hex_id(leaf) && leaf.size() == 64) {  // full container ids are 64 hex digits
    std::string_view parent = path.substr(0, path.size() - leaf.size());
    std::string kind = parent.find("/docker") != std::string_view::npos  ? "docker"
                       : parent.find("libpod") != std::string_view::npos ? "podman"
                                                                         : "container";
    return {kind, kind + " " + short_id(leaf)};
  }
  // Kubernetes pods: "kubepods-burstable-pod1b2c3d4e_…slice" (systemd) or "pod1b2c3d4e-…" (cgroupfs).
  if (in_kubepods) {
    std::string_view p = base;
    auto pos = p.rfind("pod");
    if (pos != std::string_view::npos && (pos == 0 || p[pos - 1] == '-') && p.size() > pos + 3 + 8) {
      std::string uid(p.substr(pos + 3));
      std::replace(uid.begin(), uid.end(), '_', '-');
      return {"pod", "pod " + uid + " (" + qos_of(path) + ")"};
    }
    if (base == "kubepods") return {"qos", "kubepods"};
    if (base == "kubepods-burstable" || base == "burstable" || base == "kubepods-besteffort" || base == "besteffort")
      return {"qos", "QoS " + qos_of(base)};
  }
  if (ends_with(leaf, ".service")) return {"service", "service " + std::string(base)};
  if (begins_with(leaf, "user-") && ends_with(leaf, ".slice")) return {"user", "user " + std::string(base.substr(5))};
  if (begins_with(leaf, "session-") && ends_with(leaf, ".scope"))
    return {"session", "session " + std::string(base.substr(8))};
  if (ends_with(leaf, ".slice")) return {"slice", ""};
  if (ends_with(leaf, ".scope")) return {"scope", ""};
  return {"", ""};
}

CgroupName name_cgroup(std::string_view path, virtlab::engines::StateReader& engines) {
  CgroupName name = name_cgroup(path);
  auto ref = engines.ref_for_cgroup_path(path);
  // Only the container's own cgroup: one a container made below its own keeps its plain name.
  if (!ref || last_component(path).find(ref->id) == std::string_view::npos) return name;
  std::string monitor = ref->monitor ? " (conmon)" : "";
  auto container = engines.find(*ref);
  name.kind = container && container->pod ? "pod" : std::string(virtlab::engines::engine_name(ref->engine));
  name.label = (container ? virtlab::engines::label_of(*container) : virtlab::engines::label_of(*ref)) + monitor;
  if (!ref->monitor) name.container = std::move(container);
  return name;
}

}  // namespace virtlab::cgtop
