#include "virtlab/engines/cgroup_path.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "virtlab/text.hpp"

namespace virtlab::engines {

namespace {

bool is_full_id(std::string_view s) {  // the engines' container ids are 64 hex digits
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string_view without_unit_suffix(std::string_view component) {
  for (std::string_view suffix : {".scope", ".slice"})
    if (component.size() > suffix.size() && component.substr(component.size() - suffix.size()) == suffix)
      return component.substr(0, component.size() - suffix.size());
  return component;
}

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start < path.size();) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

struct Prefix {
  std::string_view text;
  Engine engine;
  bool monitor;
};
constexpr Prefix prefixes[] = {{"docker-", Engine::docker, false},   {"libpod-conmon-", Engine::podman, true},
                               {"libpod-", Engine::podman, false},   {"cri-containerd-", Engine::containerd, false},
                               {"crio-conmon-", Engine::crio, true}, {"crio-", Engine::crio, false}};

// One path component → a container, given its parent component (the cgroupfs drivers name the id bare).
std::optional<ContainerRef> container_in_component(std::string_view component, std::string_view parent,
                                                   bool in_kubepods) {
  std::string_view base = without_unit_suffix(component);
  for (const auto& p : prefixes) {
    if (virtlab::starts_with(base, p.text) && is_full_id(base.substr(p.text.size()))) {
      ContainerRef ref{p.engine, std::string(base.substr(p.text.size())), "", p.monitor, in_kubepods};
      if (p.engine == Engine::containerd) ref.containerd_namespace = "k8s.io";  // the CRI plugin's namespace
      return ref;
    }
  }
  if (!is_full_id(base)) return std::nullopt;
  if (parent == "docker") return ContainerRef{Engine::docker, std::string(base), "", false, in_kubepods};
  // kubelet's cgroupfs driver: "/kubepods/<qos>/pod<uid>/<id>"; containerd is the runtime Debian packages
  if (in_kubepods && virtlab::starts_with(parent, "pod"))
    return ContainerRef{Engine::containerd, std::string(base), "k8s.io", false, true};
  return std::nullopt;
}

}  // namespace

std::string_view engine_name(Engine engine) {
  switch (engine) {
    case Engine::docker:
      return "docker";
    case Engine::podman:
      return "podman";
    case Engine::containerd:
      return "containerd";
    case Engine::crio:
      return "crio";
  }
  return "?";
}

std::optional<ContainerRef> container_in_cgroup_path(std::string_view path) {
  auto parts = components(path);
  const bool in_kubepods = path.find("kubepods") != std::string_view::npos;
  // From the leaf up: a cgroup a container made below its own ("/docker/<id>/init.scope") is still that container's.
  for (std::size_t i = parts.size(); i-- > 0;) {
    std::string_view parent = i > 0 ? parts[i - 1] : std::string_view{};
    if (auto ref = container_in_component(parts[i], parent, in_kubepods)) return ref;
  }
  return std::nullopt;
}

std::string cgroup_path_of(std::string_view proc_pid_cgroup) {
  std::string_view v2, memory, first;
  for (auto line : virtlab::split_lines(proc_pid_cgroup)) {
    // "hierarchy-id:controllers:path"; the path may itself contain ':'
    auto c1 = line.find(':');
    if (c1 == std::string_view::npos) continue;
    auto c2 = line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    std::string_view controllers = line.substr(c1 + 1, c2 - c1 - 1), path = line.substr(c2 + 1);
    if (first.empty()) first = path;
    if (line.substr(0, c1) == "0" && controllers.empty()) v2 = path;
    if (controllers == "memory" || controllers.find("memory,") == 0) memory = path;
  }
  return std::string(!v2.empty() && v2 != "/" ? v2 : !memory.empty() ? memory : first);
}

std::optional<ContainerRef> container_in_proc_cgroup(std::string_view proc_pid_cgroup) {
  for (auto line : virtlab::split_lines(proc_pid_cgroup)) {
    auto c1 = line.find(':');
    auto c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    if (auto ref = container_in_cgroup_path(line.substr(c2 + 1))) return ref;
  }
  return std::nullopt;
}

}  // namespace virtlab::engines
