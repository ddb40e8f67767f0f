#include <cmath>

#include "virtlab/engines/state.hpp"
#include "virtlab/json.hpp"
#include "virtlab/text.hpp"

namespace virtlab::engines {

namespace {

// nlohmann's parse without exceptions: a discarded value for text that is not JSON.
std::optional<Json> parse_json_object(std::string_view text) {
  Json doc = Json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

std::string string_at(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// A number the engine wrote, or nullopt for absent / null / not a number.
std::optional<double> number_at(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

const Json& object_at(const Json& obj, const char* key) {
  static const Json empty = Json::object();
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : empty;
}

// Docker and the OCI spec write "no limit" as 0, -1 or null: only a positive value is a limit.
std::optional<std::uint64_t> positive_bytes(std::optional<double> v) {
  return v && *v > 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(*v)) : std::nullopt;
}
std::optional<std::int64_t> positive_count(std::optional<double> v) {
  return v && *v > 0 ? std::optional<std::int64_t>(static_cast<std::int64_t>(*v)) : std::nullopt;
}
std::optional<double> cpus_of(std::optional<double> quota_us, std::optional<double> period_us) {
  if (!quota_us || *quota_us <= 0) return std::nullopt;
  double period = period_us && *period_us > 0 ? *period_us : 100000.0;  // the kernel's default cfs period
  return *quota_us / period;
}

std::optional<Pod> pod_from_annotations(const Json& annotations) {
  // containerd's CRI plugin
  std::string ns = string_at(annotations, "io.kubernetes.cri.sandbox-namespace");
  if (!ns.empty())
    return Pod{ns, string_at(annotations, "io.kubernetes.cri.sandbox-name"),
               string_at(annotations, "io.kubernetes.cri.sandbox-uid"),
               string_at(annotations, "io.kubernetes.cri.container-name")};
  // CRI-O
  ns = string_at(annotations, "io.kubernetes.pod.namespace");
  if (!ns.empty()) {
    std::string container = string_at(annotations, "io.kubernetes.container.name");
    if (container == "POD") container.clear();  // CRI-O names the sandbox "POD"
    return Pod{ns, string_at(annotations, "io.kubernetes.pod.name"), string_at(annotations, "io.kubernetes.pod.uid"),
               container};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Container> parse_docker_config(std::string_view config_v2_json) {
  auto doc = parse_json_object(config_v2_json);
  if (!doc) return std::nullopt;
  Container c;
  c.engine = Engine::docker;
  c.id = string_at(*doc, "ID");
  if (c.id.empty()) return std::nullopt;
  c.name = string_at(*doc, "Name");
  if (!c.name.empty() && c.name.front() == '/') c.name.erase(0, 1);  // Docker stores "/vl-test-web"
  c.image = string_at(object_at(*doc, "Config"), "Image");
  const Json& state = object_at(*doc, "State");
  auto pid = number_at(state, "Pid");
  if (pid && *pid > 0 && state.value("Running", false)) c.pid = static_cast<pid_t>(*pid);
  c.containerd_namespace = "moby";  // dockerd's containerd namespace
  return c;
}

Limits parse_docker_hostconfig(std::string_view hostconfig_json) {
  Limits l;
  auto doc = parse_json_object(hostconfig_json);
  if (!doc) return l;
  l.memory_bytes = positive_bytes(number_at(*doc, "Memory"));
  l.pids = positive_count(number_at(*doc, "PidsLimit"));
  if (auto nano = number_at(*doc, "NanoCpus"); nano && *nano > 0)
    l.cpus = *nano / 1e9;  // --cpus
  else
    l.cpus = cpus_of(number_at(*doc, "CpuQuota"), number_at(*doc, "CpuPeriod"));  // --cpu-quota/--cpu-period
  return l;
}

std::vector<PodmanEntry> parse_podman_containers(std::string_view containers_json) {
  std::vector<PodmanEntry> out;
  Json doc = Json::parse(containers_json.begin(), containers_json.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) return out;
  for (const auto& entry : doc) {
    if (!entry.is_object()) continue;
    PodmanEntry e;
    e.id = string_at(entry, "id");
    if (auto names = entry.find("names");
        names != entry.end() && names->is_array() && !names->empty() && names->front().is_string())
      e.name = names->front().get<std::string>();
    // "metadata" is JSON inside a string: {"image-name":"localhost/vl-busybox:test",…}
    if (auto meta = parse_json_object(string_at(entry, "metadata"))) e.image = string_at(*meta, "image-name");
    if (e.image.empty()) e.image = string_at(entry, "image");
    if (!e.id.empty()) out.push_back(std::move(e));
  }
  return out;
}

std::optional<OciSpecFacts> parse_oci_spec(std::string_view config_json) {
  auto doc = parse_json_object(config_json);
  if (!doc || !doc->contains("ociVersion")) return std::nullopt;
  OciSpecFacts f;
  const Json& resources = object_at(object_at(*doc, "linux"), "resources");
  f.limits.memory_bytes = positive_bytes(number_at(object_at(resources, "memory"), "limit"));
  f.limits.pids = positive_count(number_at(object_at(resources, "pids"), "limit"));
  const Json& cpu = object_at(resources, "cpu");
  f.limits.cpus = cpus_of(number_at(cpu, "quota"), number_at(cpu, "period"));
  f.pod = pod_from_annotations(object_at(*doc, "annotations"));
  return f;
}

std::optional<pid_t> parse_pid_file(std::string_view text) {
  auto v = virtlab::parse_i64(virtlab::trim(text));
  return v && *v > 0 ? std::optional<pid_t>(static_cast<pid_t>(*v)) : std::nullopt;
}

std::string label_of(const Container& c) {
  if (c.pod) {
    std::string label = "pod " + c.pod->ns + "/" + c.pod->name;
    return c.pod->container.empty() ? label + " (sandbox)" : label + " " + c.pod->container;
  }
  if (c.engine == Engine::containerd) return "containerd " + c.containerd_namespace + "/" + c.name;
  return std::string(engine_name(c.engine)) + " " + (c.name.empty() ? c.id.substr(0, 12) : c.name);
}

std::string label_of(const ContainerRef& ref) {
  std::string id = ref.id.size() == 64 ? ref.id.substr(0, 12) : ref.id;
  if (ref.engine == Engine::containerd && !ref.containerd_namespace.empty())
    return "containerd " + ref.containerd_namespace + "/" + id;
  return std::string(engine_name(ref.engine)) + " " + id;
}

}  // namespace virtlab::engines
