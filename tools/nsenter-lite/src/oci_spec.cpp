// config.json → OciSpec. Each object of the spec is read by one function that first checks its keys against the
// fields it knows, so a typo or a newer field is refused by name instead of being ignored (runc ignores them).
#include "nsenter_lite/oci_spec.hpp"

#include <sys/mount.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <initializer_list>

#include "nsenter_lite/security.hpp"
#include "virtlab/error.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

namespace {

using virtlab::Json;

const char* const kSpecHint =
    "see docs/nsenter-lite.md (virtlab-runc: config.json fields), or run this bundle with runc";

[[noreturn]] void refuse(virtlab::ExitCode code, const std::string& what, const std::string& hint = kSpecHint) {
  throw virtlab::Error(code, "config.json: " + what, hint, code == virtlab::ExitCode::usage ? EINVAL : EOPNOTSUPP);
}

std::string join_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// The object at `path`, with every key one of `known`.
const Json& object_at(const Json& value, const std::string& path, std::initializer_list<std::string_view> known) {
  if (!value.is_object())
    refuse(virtlab::ExitCode::usage, (path.empty() ? "the document" : path) + " must be an object");
  for (const auto& item : value.items())
    if (std::find(known.begin(), known.end(), item.key()) == known.end())
      refuse(virtlab::ExitCode::usage, "unknown field '" + join_path(path, item.key()) + "'");
  return value;
}

std::string text(const Json& obj, std::string_view key, const std::string& path, std::string fallback = {}) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (!it->is_string()) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be a string");
  return it->get<std::string>();
}

bool flag(const Json& obj, std::string_view key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return false;
  if (!it->is_boolean()) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be true or false");
  return it->get<bool>();
}

template <typename Int>
std::optional<Int> number(const Json& obj, std::string_view key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  const bool fits = std::is_signed_v<Int> ? it->is_number_integer() : it->is_number_unsigned();
  if (!fits) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be a whole number");
  if constexpr (std::is_signed_v<Int>) {
    const auto v = it->get<std::int64_t>();
    if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max())
      refuse(virtlab::ExitCode::usage, join_path(path, key) + " is out of range");
    return static_cast<Int>(v);
  } else {
    const auto v = it->get<std::uint64_t>();
    if (v > std::numeric_limits<Int>::max())
      refuse(virtlab::ExitCode::usage, join_path(path, key) + " is out of range");
    return static_cast<Int>(v);
  }
}

std::vector<std::string> strings(const Json& obj, std::string_view key, const std::string& path) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string()) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

const Json* child(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

// An array at `path` (missing = empty): each element passed to `read` with its own path "key[i]".
template <typename Read>
void each(const Json& obj, std::string_view key, const std::string& path, Read read) {
  const Json* arr = child(obj, key);
  if (!arr) return;
  if (!arr->is_array()) refuse(virtlab::ExitCode::usage, join_path(path, key) + " must be an array");
  for (std::size_t i = 0; i < arr->size(); ++i) read((*arr)[i], join_path(path, key) + "[" + std::to_string(i) + "]");
}

// Nothing asked: null, false, 0, "" or an object/array of only such values (docker.io writes "blockIO":
// {"weight": 0} into every config.json).
bool asks_nothing(const Json& v) {
  if (v.is_object() || v.is_array())
    return std::all_of(v.begin(), v.end(), [](const Json& item) { return asks_nothing(item); });
  return v.is_null() || v == false || v == 0 || (v.is_string() && v.get_ref<const std::string&>().empty());
}

// A field this runtime does not implement: refused when it asks for something, accepted when empty.
void refuse_if_set(const Json& obj, std::string_view key, const std::string& path, const std::string& why) {
  const Json* v = child(obj, key);
  if (v && !asks_nothing(*v))
    refuse(virtlab::ExitCode::unsupported, join_path(path, key) + " is not supported by virtlab-runc (" + why + ")",
           "remove it from the bundle, or run this container with runc");
}

std::vector<int> capability_set(const Json& caps, std::string_view key, const std::string& path) {
  std::vector<int> out;
  for (const auto& name : strings(caps, key, path)) {
    const int cap = parse_cap_name(name);
    if (cap < 0 || name.rfind("CAP_", 0) != 0)
      refuse(virtlab::ExitCode::usage, "unknown capability '" + name + "' in " + join_path(path, key),
             "use a name from capabilities(7) such as CAP_NET_RAW");
    out.push_back(cap);
  }
  return out;
}

OciCapabilities read_capabilities(const Json& value, const std::string& path) {
  const Json& caps = object_at(value, path, {"bounding", "effective", "inheritable", "permitted", "ambient"});
  return {capability_set(caps, "bounding", path), capability_set(caps, "effective", path),
          capability_set(caps, "inheritable", path), capability_set(caps, "permitted", path),
          capability_set(caps, "ambient", path)};
}

OciRlimit read_rlimit(const Json& value, const std::string& path) {
  const Json& r = object_at(value, path, {"type", "hard", "soft"});
  OciRlimit limit;
  limit.name = text(r, "type", path);
  limit.resource = rlimit_resource(limit.name);
  if (limit.resource < 0)
    refuse(virtlab::ExitCode::usage, "unknown rlimit type '" + limit.name + "' in " + path,
           "use a name from getrlimit(2) such as RLIMIT_NOFILE");
  limit.soft = number<std::uint64_t>(r, "soft", path).value_or(0);
  limit.hard = number<std::uint64_t>(r, "hard", path).value_or(0);
  if (limit.soft > limit.hard)
    refuse(
        virtlab::ExitCode::usage,
        path + ": soft limit " + std::to_string(limit.soft) + " is above the hard limit " + std::to_string(limit.hard),
        "make soft ≤ hard");
  return limit;
}

void read_user(const Json& value, const std::string& path, OciProcess& p) {
  const Json& u = object_at(value, path, {"uid", "gid", "umask", "additionalGids", "username"});
  p.uid = number<std::uint32_t>(u, "uid", path).value_or(0);
  p.gid = number<std::uint32_t>(u, "gid", path).value_or(0);
  p.umask = number<std::uint32_t>(u, "umask", path);
  each(u, "additionalGids", path, [&](const Json& g, const std::string& at) {
    if (!g.is_number_unsigned() || g.get<std::uint64_t>() > UINT32_MAX)
      refuse(virtlab::ExitCode::usage, at + " must be a gid (a whole number)");
    p.additional_gids.push_back(g.get<std::uint32_t>());
  });
}

OciProcess read_process(const Json& value, std::vector<std::string>& not_applied) {
  const std::string path = "process";
  const Json& proc =
      object_at(value, path,
                {"terminal", "consoleSize", "user", "args", "commandLine", "env", "cwd", "capabilities", "rlimits",
                 "noNewPrivileges", "apparmorProfile", "oomScoreAdj", "selinuxLabel", "scheduler", "ioPriority"});
  OciProcess p;
  p.terminal = flag(proc, "terminal", path);
  if (const Json* user = child(proc, "user")) read_user(*user, "process.user", p);
  p.args = strings(proc, "args", path);
  if (p.args.empty()) refuse(virtlab::ExitCode::usage, "process.args is empty", "give the command to run");
  p.env = strings(proc, "env", path);
  p.cwd = text(proc, "cwd", path, "/");
  if (p.cwd.empty() || p.cwd[0] != '/')
    refuse(virtlab::ExitCode::usage, "process.cwd '" + p.cwd + "' is not an absolute path", "start it with /");
  if (const Json* caps = child(proc, "capabilities")) p.capabilities = read_capabilities(*caps, "process.capabilities");
  each(proc, "rlimits", path, [&](const Json& r, const std::string& at) { p.rlimits.push_back(read_rlimit(r, at)); });
  p.no_new_privileges = flag(proc, "noNewPrivileges", path);
  p.oom_score_adj = number<int>(proc, "oomScoreAdj", path);
  refuse_if_set(proc, "commandLine", path, "Windows only");
  refuse_if_set(proc, "scheduler", path, "no sched_setattr policy yet");
  refuse_if_set(proc, "ioPriority", path, "no ioprio_set yet");
  for (std::string_view label : {"apparmorProfile", "selinuxLabel"})
    if (!text(proc, label, path).empty())
      not_applied.push_back("process." + std::string(label) +
                            ": no LSM profile is applied; the container keeps the label of the process that starts "
                            "it, as with nsenter-lite run");
  if (child(proc, "consoleSize") && !p.terminal)
    refuse(virtlab::ExitCode::usage, "process.consoleSize is given but process.terminal is false",
           "remove consoleSize or set terminal to true");
  return p;
}

OciNamespaceType namespace_type(const std::string& name, const std::string& path) {
  for (auto t : {OciNamespaceType::pid, OciNamespaceType::network, OciNamespaceType::mount, OciNamespaceType::ipc,
                 OciNamespaceType::uts, OciNamespaceType::user, OciNamespaceType::cgroup, OciNamespaceType::time})
    if (oci_namespace_name(t) == name) return t;
  refuse(virtlab::ExitCode::usage, "unknown namespace type '" + name + "' in " + path,
         "use pid, network, mount, ipc, uts, user, cgroup or time");
}

void read_namespaces(const Json& linux, std::vector<OciNamespace>& out) {
  each(linux, "namespaces", "linux", [&](const Json& value, const std::string& at) {
    const Json& ns = object_at(value, at, {"type", "path"});
    OciNamespace n{namespace_type(text(ns, "type", at), at), text(ns, "path", at)};
    for (const auto& seen : out)
      if (seen.type == n.type)
        refuse(virtlab::ExitCode::usage,
               at + ": the " + std::string(oci_namespace_name(n.type)) + " namespace is listed twice",
               "list each namespace type once");
    if (!n.path.empty() && n.path[0] != '/')
      refuse(virtlab::ExitCode::usage, at + ".path '" + n.path + "' is not absolute",
             "give /proc/PID/ns/… or /run/netns/…");
    out.push_back(std::move(n));
  });
}

void read_id_mappings(const Json& linux, std::string_view key, std::vector<OciIdMapping>& out) {
  each(linux, key, "linux", [&](const Json& value, const std::string& at) {
    const Json& m = object_at(value, at, {"containerID", "hostID", "size"});
    OciIdMapping map{number<std::uint32_t>(m, "containerID", at).value_or(0),
                     number<std::uint32_t>(m, "hostID", at).value_or(0),
                     number<std::uint32_t>(m, "size", at).value_or(0)};
    if (map.size == 0) refuse(virtlab::ExitCode::usage, at + ".size is 0", "map at least one id");
    out.push_back(map);
  });
}

OciSeccompRule read_seccomp_rule(const Json& value, const std::string& at) {
  const Json& r = object_at(value, at, {"names", "action", "errnoRet", "args", "comment", "includes", "excludes"});
  OciSeccompRule rule{strings(r, "names", at), text(r, "action", at), number<int>(r, "errnoRet", at), {}};
  if (rule.names.empty()) refuse(virtlab::ExitCode::usage, at + ".names is empty", "name the syscalls of this rule");
  each(r, "args", at, [&](const Json& a, const std::string& arg_at) {
    const Json& arg = object_at(a, arg_at, {"index", "value", "valueTwo", "op"});
    rule.args.push_back({number<unsigned>(arg, "index", arg_at).value_or(0),
                         number<std::uint64_t>(arg, "value", arg_at).value_or(0),
                         number<std::uint64_t>(arg, "valueTwo", arg_at).value_or(0), text(arg, "op", arg_at)});
  });
  return rule;
}

OciSeccomp read_seccomp(const Json& value) {
  const std::string path = "linux.seccomp";
  const Json& s = object_at(
      value, path,
      {"defaultAction", "defaultErrnoRet", "architectures", "flags", "syscalls", "listenerPath", "listenerMetadata"});
  OciSeccomp seccomp{
      text(s, "defaultAction", path), number<int>(s, "defaultErrnoRet", path), strings(s, "architectures", path), {}};
  if (seccomp.default_action.empty())
    refuse(virtlab::ExitCode::usage, "linux.seccomp.defaultAction is missing", "set it, e.g. SCMP_ACT_ERRNO");
  refuse_if_set(s, "flags", path, "no seccomp(2) filter flags yet");
  refuse_if_set(s, "listenerPath", path, "SCMP_ACT_NOTIFY agents are not supported");
  each(s, "syscalls", path,
       [&](const Json& r, const std::string& at) { seccomp.syscalls.push_back(read_seccomp_rule(r, at)); });
  return seccomp;
}

void read_memory(const Json& value, OciResources& r) {
  const std::string path = "linux.resources.memory";
  const Json& m = object_at(value, path,
                            {"limit", "reservation", "swap", "kernel", "kernelTCP", "swappiness", "disableOOMKiller",
                             "useHierarchy", "checkBeforeUpdate"});
  r.memory_limit = number<std::int64_t>(m, "limit", path);
  r.memory_reservation = number<std::int64_t>(m, "reservation", path);
  r.memory_swap = number<std::int64_t>(m, "swap", path);
  refuse_if_set(m, "kernel", path, "kernel memory limits are gone from Linux 5.16 on");
  refuse_if_set(m, "kernelTCP", path, "no kernel TCP memory limit yet");
  if (flag(m, "disableOOMKiller", path))
    refuse(virtlab::ExitCode::unsupported, "linux.resources.memory.disableOOMKiller is not supported by virtlab-runc",
           "remove it, or run this container with runc");
}

void read_resources(const Json& value, OciResources& r, std::vector<std::string>& not_applied) {
  const std::string path = "linux.resources";
  const Json& res = object_at(
      value, path, {"devices", "memory", "cpu", "pids", "blockIO", "hugepageLimits", "network", "rdma", "unified"});
  if (const Json* m = child(res, "memory")) read_memory(*m, r);
  if (const Json* c = child(res, "cpu")) {
    const Json& cpu = object_at(
        *c, path + ".cpu", {"shares", "quota", "period", "realtimeRuntime", "realtimePeriod", "cpus", "mems", "idle"});
    r.cpu_shares = number<std::uint64_t>(cpu, "shares", path + ".cpu");
    r.cpu_quota = number<std::int64_t>(cpu, "quota", path + ".cpu");
    r.cpu_period = number<std::uint64_t>(cpu, "period", path + ".cpu");
    if (auto cpus = text(cpu, "cpus", path + ".cpu"); !cpus.empty()) r.cpuset_cpus = cpus;
    if (auto mems = text(cpu, "mems", path + ".cpu"); !mems.empty()) r.cpuset_mems = mems;
    refuse_if_set(cpu, "realtimeRuntime", path + ".cpu", "no real-time CPU budget yet");
  }
  if (const Json* p = child(res, "pids"))
    r.pids_limit = number<std::int64_t>(object_at(*p, path + ".pids", {"limit"}), "limit", path + ".pids");
  if (child(res, "devices"))
    not_applied.push_back(
        "linux.resources.devices: no device cgroup rules; the container's /dev holds only the "
        "default nodes (null zero full random urandom tty)");
  for (std::string_view key : {"blockIO", "hugepageLimits", "network", "rdma", "unified"})
    refuse_if_set(res, key, path, "virtlab-runc sets memory, cpu and pids only");
}

void read_linux(const Json& value, OciSpec& spec) {
  const std::string path = "linux";
  const Json& linux = object_at(value, path,
                                {"namespaces", "uidMappings", "gidMappings", "timeOffsets", "devices", "cgroupsPath",
                                 "resources", "rootfsPropagation", "seccomp", "sysctl", "maskedPaths", "readonlyPaths",
                                 "mountLabel", "intelRdt", "personality"});
  read_namespaces(linux, spec.namespaces);
  read_id_mappings(linux, "uidMappings", spec.uid_mappings);
  read_id_mappings(linux, "gidMappings", spec.gid_mappings);
  if ((!spec.uid_mappings.empty() || !spec.gid_mappings.empty()) && !spec.has_namespace(OciNamespaceType::user))
    refuse(virtlab::ExitCode::usage, "linux.uidMappings/gidMappings are given without a user namespace",
           "add {\"type\": \"user\"} to linux.namespaces");
  spec.cgroups_path = text(linux, "cgroupsPath", path);
  spec.rootfs_propagation = text(linux, "rootfsPropagation", path);
  if (const Json* r = child(linux, "resources")) read_resources(*r, spec.resources, spec.not_applied);
  if (const Json* s = child(linux, "seccomp")) spec.seccomp = read_seccomp(*s);
  if (const Json* sysctl = child(linux, "sysctl")) {
    if (!sysctl->is_object()) refuse(virtlab::ExitCode::usage, "linux.sysctl must be an object of strings");
    for (const auto& item : sysctl->items()) spec.sysctl[item.key()] = text(*sysctl, item.key(), "linux.sysctl");
  }
  spec.masked_paths = strings(linux, "maskedPaths", path);
  spec.readonly_paths = strings(linux, "readonlyPaths", path);
  if (!text(linux, "mountLabel", path).empty())
    spec.not_applied.push_back("linux.mountLabel: no SELinux mount labels (SELinux is not applied)");
  refuse_if_set(linux, "timeOffsets", path, "use nsenter-lite run --monotonic-offset for time namespaces");
  refuse_if_set(linux, "devices", path, "only the default device nodes are made");
  refuse_if_set(linux, "intelRdt", path, "no resctrl support");
  refuse_if_set(linux, "personality", path, "no personality(2) domains");
}

OciMount read_mount(const Json& value, const std::string& at) {
  const Json& m = object_at(value, at, {"destination", "type", "source", "options", "uidMappings", "gidMappings"});
  OciMount mount{text(m, "destination", at), text(m, "type", at), text(m, "source", at), strings(m, "options", at)};
  if (mount.destination.empty() || mount.destination[0] != '/')
    refuse(virtlab::ExitCode::usage, at + ".destination '" + mount.destination + "' is not an absolute path",
           "give the path inside the container, starting with /");
  refuse_if_set(m, "uidMappings", at, "no id-mapped mounts yet");
  refuse_if_set(m, "gidMappings", at, "no id-mapped mounts yet");
  return mount;
}

std::vector<OciHook> read_hook_list(const Json& hooks, std::string_view key) {
  std::vector<OciHook> list;
  each(hooks, key, "hooks", [&](const Json& value, const std::string& at) {
    const Json& h = object_at(value, at, {"path", "args", "env", "timeout"});
    OciHook hook{text(h, "path", at), strings(h, "args", at), strings(h, "env", at), number<int>(h, "timeout", at)};
    if (hook.path.empty() || hook.path[0] != '/')
      refuse(virtlab::ExitCode::usage, at + ".path '" + hook.path + "' is not an absolute path",
             "give the hook program's absolute path (on the host; in the container for startContainer)");
    if (hook.timeout && *hook.timeout <= 0)
      refuse(virtlab::ExitCode::usage, at + ".timeout must be positive", "give seconds, e.g. 10");
    list.push_back(std::move(hook));
  });
  return list;
}

void read_hooks(const Json& value, OciHooks& hooks) {
  const std::string path = "hooks";
  const Json& h = object_at(
      value, path, {"prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"});
  hooks.prestart = read_hook_list(h, "prestart");
  hooks.create_runtime = read_hook_list(h, "createRuntime");
  hooks.create_container = read_hook_list(h, "createContainer");
  hooks.start_container = read_hook_list(h, "startContainer");
  hooks.poststart = read_hook_list(h, "poststart");
  hooks.poststop = read_hook_list(h, "poststop");
}

void read_root(const Json& value, OciSpec& spec) {
  const Json& root = object_at(value, "root", {"path", "readonly"});
  spec.root_path = text(root, "path", "root");
  spec.root_readonly = flag(root, "readonly", "root");
  if (spec.root_path.empty())
    refuse(virtlab::ExitCode::usage, "root.path is empty", "name the root filesystem directory");
}

}  // namespace

std::string_view oci_namespace_name(OciNamespaceType type) {
  switch (type) {
    case OciNamespaceType::pid:
      return "pid";
    case OciNamespaceType::network:
      return "network";
    case OciNamespaceType::mount:
      return "mount";
    case OciNamespaceType::ipc:
      return "ipc";
    case OciNamespaceType::uts:
      return "uts";
    case OciNamespaceType::user:
      return "user";
    case OciNamespaceType::cgroup:
      return "cgroup";
    case OciNamespaceType::time:
      return "time";
  }
  return "?";
}

bool OciSpec::has_namespace(OciNamespaceType type) const {
  return std::any_of(namespaces.begin(), namespaces.end(), [type](const OciNamespace& n) { return n.type == type; });
}

int rlimit_resource(std::string_view name) {
  static constexpr std::pair<std::string_view, int> kLimits[] = {
      {"RLIMIT_CPU", RLIMIT_CPU},           {"RLIMIT_FSIZE", RLIMIT_FSIZE},
      {"RLIMIT_DATA", RLIMIT_DATA},         {"RLIMIT_STACK", RLIMIT_STACK},
      {"RLIMIT_CORE", RLIMIT_CORE},         {"RLIMIT_RSS", RLIMIT_RSS},
      {"RLIMIT_NPROC", RLIMIT_NPROC},       {"RLIMIT_NOFILE", RLIMIT_NOFILE},
      {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},   {"RLIMIT_AS", RLIMIT_AS},
      {"RLIMIT_LOCKS", RLIMIT_LOCKS},       {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
      {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE}, {"RLIMIT_NICE", RLIMIT_NICE},
      {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},     {"RLIMIT_RTTIME", RLIMIT_RTTIME}};
  for (const auto& [n, r] : kLimits)
    if (n == name) return r;
  return -1;
}

OciSpec parse_oci_spec(std::string_view config_json) {
  Json doc = Json::parse(config_json, nullptr, false);
  if (doc.is_discarded()) refuse(virtlab::ExitCode::usage, "not valid JSON", "check the file with `jq . config.json`");
  const Json& top = object_at(
      doc, "", {"ociVersion", "process", "root", "hostname", "domainname", "mounts", "hooks", "annotations", "linux"});
  OciSpec spec;
  spec.oci_version = text(top, "ociVersion", "");
  if (spec.oci_version.rfind("1.", 0) != 0)
    refuse(virtlab::ExitCode::unsupported, "ociVersion '" + spec.oci_version + "' is not a 1.x runtime spec",
           "write the bundle for OCI runtime-spec 1.0 or 1.1 (`runc spec` makes one)");
  const Json* process = child(top, "process");
  if (!process) refuse(virtlab::ExitCode::usage, "process is missing", "`create` needs the process to run");
  spec.process = read_process(*process, spec.not_applied);
  const Json* root = child(top, "root");
  if (!root) refuse(virtlab::ExitCode::usage, "root is missing", "name the root filesystem in root.path");
  read_root(*root, spec);
  spec.hostname = text(top, "hostname", "");
  refuse_if_set(top, "domainname", "", "no setdomainname yet");
  if (const Json* hooks = child(top, "hooks")) read_hooks(*hooks, spec.hooks);
  each(top, "mounts", "", [&](const Json& m, const std::string& at) { spec.mounts.push_back(read_mount(m, at)); });
  if (const Json* annotations = child(top, "annotations")) {
    if (!annotations->is_object()) refuse(virtlab::ExitCode::usage, "annotations must be an object of strings");
    for (const auto& item : annotations->items())
      spec.annotations[item.key()] = text(*annotations, item.key(), "annotations");
  }
  const Json* linux = child(top, "linux");
  if (!linux) refuse(virtlab::ExitCode::unsupported, "linux is missing", "virtlab-runc runs Linux containers only");
  read_linux(*linux, spec);
  if (!spec.hostname.empty() && !spec.has_namespace(OciNamespaceType::uts))
    refuse(virtlab::ExitCode::usage, "hostname is set but the container shares the host's uts namespace",
           "add {\"type\": \"uts\"} to linux.namespaces or remove hostname");
  return spec;
}

OciSpec load_oci_bundle(const std::string& bundle) {
  const std::string config = bundle + "/config.json";
  auto content = virtlab::try_read_file(config);
  if (!content)
    throw virtlab::Error(virtlab::ExitCode::not_found, "cannot read " + config,
                         "give --bundle the directory holding config.json (`runc spec` writes one)", errno);
  OciSpec spec = parse_oci_spec(*content);
  if (spec.root_path[0] != '/') spec.root_path = bundle + "/" + spec.root_path;
  return spec;
}

OciMountArguments oci_mount_arguments(const std::vector<std::string>& options) {
  struct Option {
    std::string_view name;
    bool clear;
    unsigned long flag;
  };
  static constexpr Option kFlags[] = {{"ro", false, MS_RDONLY},
                                      {"rw", true, MS_RDONLY},
                                      {"nosuid", false, MS_NOSUID},
                                      {"suid", true, MS_NOSUID},
                                      {"nodev", false, MS_NODEV},
                                      {"dev", true, MS_NODEV},
                                      {"noexec", false, MS_NOEXEC},
                                      {"exec", true, MS_NOEXEC},
                                      {"sync", false, MS_SYNCHRONOUS},
                                      {"async", true, MS_SYNCHRONOUS},
                                      {"dirsync", false, MS_DIRSYNC},
                                      {"remount", false, MS_REMOUNT},
                                      {"mand", false, MS_MANDLOCK},
                                      {"nomand", true, MS_MANDLOCK},
                                      {"atime", true, MS_NOATIME},
                                      {"noatime", false, MS_NOATIME},
                                      {"diratime", true, MS_NODIRATIME},
                                      {"nodiratime", false, MS_NODIRATIME},
                                      {"bind", false, MS_BIND},
                                      {"rbind", false, MS_BIND | MS_REC},
                                      {"relatime", false, MS_RELATIME},
                                      {"norelatime", true, MS_RELATIME},
                                      {"strictatime", false, MS_STRICTATIME}};
  static constexpr std::pair<std::string_view, unsigned long> kPropagation[] = {
      {"private", MS_PRIVATE},       {"rprivate", MS_PRIVATE | MS_REC},
      {"shared", MS_SHARED},         {"rshared", MS_SHARED | MS_REC},
      {"slave", MS_SLAVE},           {"rslave", MS_SLAVE | MS_REC},
      {"unbindable", MS_UNBINDABLE}, {"runbindable", MS_UNBINDABLE | MS_REC}};
  OciMountArguments out;
  for (const auto& option : options) {
    auto flag_it =
        std::find_if(std::begin(kFlags), std::end(kFlags), [&](const Option& o) { return o.name == option; });
    auto prop_it = std::find_if(std::begin(kPropagation), std::end(kPropagation),
                                [&](const auto& p) { return p.first == option; });
    if (flag_it != std::end(kFlags)) {
      out.flags = flag_it->clear ? out.flags & ~flag_it->flag : out.flags | flag_it->flag;
    } else if (prop_it != std::end(kPropagation)) {
      out.propagation = prop_it->second;
    } else {
      out.data += (out.data.empty() ? "" : ",") + option;  // the filesystem's own: mode=755, size=65536k, …
    }
  }
  out.bind = (out.flags & MS_BIND) != 0;
  return out;
}

}  // namespace virtlab::nsenter_lite
