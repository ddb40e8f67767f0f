#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "virtlab/engines/state.hpp"
#include "virtlab/text.hpp"

namespace virtlab::engines {

namespace {

// The whole file, or nullopt when it cannot be read (the container is gone, or the engine is not installed).
std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string containerd_task_dir(const StateRoots& roots, std::string_view ns, std::string_view id) {
  return roots.containerd_state + "/io.containerd.runtime.v2.task/" + std::string(ns) + "/" + std::string(id);
}

// A pid file's process, only while it is alive: the engines leave the file behind a stopped container.
std::optional<pid_t> live_pid_from_file(const StateRoots& roots, const std::string& path) {
  auto text = read_file(path);
  auto pid = text ? parse_pid_file(*text) : std::nullopt;
  if (pid && !is_directory(roots.proc + "/" + std::to_string(*pid))) return std::nullopt;
  return pid;
}

// containers/storage names its directories after the storage driver: overlay on most hosts, vfs where the kernel has
// no overlayfs (podman in a busybox initramfs such as the test VM), btrfs or zfs on those file systems.
constexpr std::string_view storage_drivers[] = {"overlay", "vfs", "btrfs", "zfs"};

// "/<driver>-containers/<id>/userdata/" of the driver that holds the container (overlay's when none does).
std::string userdata_dir(const StateRoots& roots, std::string_view id) {
  for (std::string_view driver : storage_drivers) {
    std::string dir = "/" + std::string(driver) + "-containers/" + std::string(id);
    if (is_directory(roots.podman_storage + dir)) return dir + "/userdata/";
  }
  return "/overlay-containers/" + std::string(id) + "/userdata/";
}

}  // namespace

StateRoots StateRoots::under(const std::string& prefix) {
  StateRoots r;
  for (std::string* root : {&r.docker, &r.podman_storage, &r.podman_run, &r.containerd_state, &r.proc})
    *root = prefix + *root;
  return r;
}

StateReader::StateReader(StateRoots roots) : roots_(std::move(roots)) {}

std::optional<Container> StateReader::find(const ContainerRef& ref) {
  std::string key = std::string(engine_name(ref.engine)) + "/" + ref.containerd_namespace + "/" + ref.id;
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  std::optional<Container> found;
  switch (ref.engine) {
    case Engine::docker:
      found = read_docker(ref);
      break;
    case Engine::podman:
      found = read_podman(ref);
      break;
    case Engine::containerd:
      found = read_containerd(ref);
      break;
    case Engine::crio:
      found = read_crio(ref);
      break;
  }
  cache_.emplace(key, found);
  return found;
}

std::optional<Container> StateReader::read_docker(const ContainerRef& ref) {
  std::string dir = roots_.docker + "/containers/" + ref.id;
  auto config = read_file(dir + "/config.v2.json");
  auto c = config ? parse_docker_config(*config) : std::nullopt;
  if (!c) return std::nullopt;
  if (auto host = read_file(dir + "/hostconfig.json")) c->limits = parse_docker_hostconfig(*host);
  return c;
}

const std::vector<PodmanEntry>& StateReader::podman_entries() {
  if (!podman_entries_) {
    podman_entries_.emplace();
    for (std::string_view driver : storage_drivers) {
      auto text = read_file(roots_.podman_storage + "/" + std::string(driver) + "-containers/containers.json");
      if (!text) continue;
      auto entries = parse_podman_containers(*text);
      podman_entries_->insert(podman_entries_->end(), entries.begin(), entries.end());
    }
  }
  return *podman_entries_;
}

std::optional<Container> StateReader::read_podman(const ContainerRef& ref) {
  for (const auto& e : podman_entries()) {
    if (e.id != ref.id) continue;
    Container c{Engine::podman, e.id, e.name, e.image, "", std::nullopt, {}, std::nullopt};
    std::string userdata = userdata_dir(roots_, ref.id);
    if (auto spec = read_file(roots_.podman_storage + userdata + "config.json"))
      if (auto facts = parse_oci_spec(*spec)) c.limits = facts->limits;
    c.pid = live_pid_from_file(roots_, roots_.podman_run + userdata + "pidfile");
    return c;
  }
  return std::nullopt;
}

std::optional<Container> StateReader::read_containerd(const ContainerRef& ref) {
  if (ref.containerd_namespace.empty()) return std::nullopt;
  std::string dir = containerd_task_dir(roots_, ref.containerd_namespace, ref.id);
  auto spec = read_file(dir + "/config.json");
  auto facts = spec ? parse_oci_spec(*spec) : std::nullopt;
  if (!facts) return std::nullopt;
  Container c{Engine::containerd,       ref.id,       ref.id,        "",
              ref.containerd_namespace, std::nullopt, facts->limits, facts->pod};
  c.pid = live_pid_from_file(roots_, dir + "/init.pid");
  return c;
}

std::optional<Container> StateReader::read_crio(const ContainerRef& ref) {
  // CRI-O keeps containers/storage's layout, like podman; its spec carries the pod annotations.
  std::string userdata = userdata_dir(roots_, ref.id);
  auto spec = read_file(roots_.podman_storage + userdata + "config.json");
  auto facts = spec ? parse_oci_spec(*spec) : std::nullopt;
  if (!facts) return std::nullopt;
  Container c{Engine::crio, ref.id, ref.id.substr(0, 12), "", "", std::nullopt, facts->limits, facts->pod};
  c.pid = live_pid_from_file(roots_, roots_.podman_run + userdata + "pidfile");
  return c;
}

std::optional<ContainerRef> StateReader::ref_for_cgroup_path(std::string_view path) {
  if (auto ref = container_in_cgroup_path(path)) return ref;
  // `ctr run` puts a container in "/<namespace>/<id>": a path of two components naming a live task directory.
  auto trimmed =
      path.substr(path.find_first_not_of('/') == std::string_view::npos ? path.size() : path.find_first_not_of('/'));
  auto slash = trimmed.find('/');
  if (slash == std::string_view::npos || slash == 0 || trimmed.find('/', slash + 1) != std::string_view::npos)
    return std::nullopt;
  std::string_view ns = trimmed.substr(0, slash), id = trimmed.substr(slash + 1);
  if (id.empty() || !is_directory(containerd_task_dir(roots_, ns, id))) return std::nullopt;
  return ContainerRef{Engine::containerd, std::string(id), std::string(ns), false, false};
}

std::optional<Container> StateReader::find_by_cgroup_path(std::string_view path) {
  auto ref = ref_for_cgroup_path(path);
  return ref ? find(*ref) : std::nullopt;
}

std::optional<Container> StateReader::find_by_pid(pid_t pid) {
  auto text = read_file(roots_.proc + "/" + std::to_string(pid) + "/cgroup");
  if (!text) return std::nullopt;
  if (auto ref = container_in_proc_cgroup(*text)) return find(*ref);
  return find_by_cgroup_path(cgroup_path_of(*text));
}

}  // namespace virtlab::engines
