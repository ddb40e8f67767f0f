// virtlab-runc's input: an OCI bundle's config.json (runtime-spec 1.0/1.1) read into one plain struct. Every
// field is either applied, accepted with a recorded reason (OciSpec::not_applied), or refused with one line that
// names the field and the fix — never silently dropped.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::nsenter_lite {

enum class OciNamespaceType { pid, network, mount, ipc, uts, user, cgroup, time };
std::string_view oci_namespace_name(OciNamespaceType type);  // the config.json spelling: "network", "mount", …

struct OciNamespace {
  OciNamespaceType type;
  std::string path;  // "" = make a new one; else join the namespace at this path (setns)
};

struct OciIdMapping {
  std::uint32_t container_id = 0, host_id = 0, size = 0;
};

struct OciRlimit {
  std::string name;  // "RLIMIT_NOFILE"
  int resource = 0;  // RLIMIT_NOFILE
  std::uint64_t soft = 0, hard = 0;
};

struct OciMount {
  std::string destination, type, source;
  std::vector<std::string> options;
};

// mount(2)'s arguments from an OCI mount's options: "ro,nosuid,bind,rprivate,mode=755" → flags, propagation
// (applied in a second mount call, as the kernel wants) and the filesystem's own data string.
struct OciMountArguments {
  unsigned long flags = 0;
  unsigned long propagation = 0;  // MS_PRIVATE|MS_REC, … or 0
  std::string data;               // "mode=755,size=65536k"
  bool bind = false;              // MS_BIND given ("bind" or "rbind")
};
OciMountArguments oci_mount_arguments(const std::vector<std::string>& options);

struct OciCapabilities {  // capability numbers (capabilities(7)) per set
  std::vector<int> bounding, effective, inheritable, permitted, ambient;
};

struct OciProcess {
  bool terminal = false;
  std::uint32_t uid = 0, gid = 0;
  std::vector<std::uint32_t> additional_gids;
  std::optional<std::uint32_t> umask;
  std::vector<std::string> args, env;
  std::string cwd = "/";
  OciCapabilities capabilities;
  std::vector<OciRlimit> rlimits;
  bool no_new_privileges = false;
  std::optional<int> oom_score_adj;
};

struct OciSeccompArg {
  unsigned index = 0;
  std::uint64_t value = 0, value_two = 0;
  std::string op;  // "SCMP_CMP_EQ", …
};
struct OciSeccompRule {
  std::vector<std::string> names;
  std::string action;  // "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", …
  std::optional<int> errno_ret;
  std::vector<OciSeccompArg> args;
};
struct OciSeccomp {
  std::string default_action;
  std::optional<int> default_errno_ret;
  std::vector<std::string> architectures;  // "SCMP_ARCH_X86_64", …
  std::vector<OciSeccompRule> syscalls;
};

struct OciResources {  // linux.resources: what our cgroup code sets (v1, v2 or hybrid)
  std::optional<std::int64_t> memory_limit, memory_swap, memory_reservation;
  std::optional<std::uint64_t> cpu_shares, cpu_period;
  std::optional<std::int64_t> cpu_quota;
  std::optional<std::string> cpuset_cpus, cpuset_mems;
  std::optional<std::int64_t> pids_limit;
};

// One OCI hook: path + args (args[0] is argv[0]) + env, run with the container's state JSON on stdin.
struct OciHook {
  std::string path;
  std::vector<std::string> args, env;
  std::optional<int> timeout;  // seconds
};
// prestart and createRuntime run in the runtime's namespaces (by `create` once the init exists), poststart by `start`,
// poststop by `delete`; createContainer and startContainer run in the container, by its init (before pivot_root, and
// after `start` just before the process's execve).
struct OciHooks {
  std::vector<OciHook> prestart, create_runtime, create_container, start_container, poststart, poststop;
};

struct OciSpec {
  std::string oci_version;
  OciProcess process;
  std::string root_path;  // absolute (a relative root.path is resolved against the bundle by load_oci_bundle)
  bool root_readonly = false;
  std::string hostname;
  std::vector<OciMount> mounts;
  std::vector<OciNamespace> namespaces;
  std::vector<OciIdMapping> uid_mappings, gid_mappings;
  std::map<std::string, std::string> sysctl;
  std::string cgroups_path;
  std::string rootfs_propagation;
  OciResources resources;
  std::optional<OciSeccomp> seccomp;
  std::vector<std::string> masked_paths, readonly_paths;
  std::map<std::string, std::string> annotations;
  OciHooks hooks;
  // Fields read but deliberately not applied, each as "field: why" (logged by --explain, shown by `state`).
  std::vector<std::string> not_applied;

  bool has_namespace(OciNamespaceType type) const;
};

// Throws virtlab::Error: usage for malformed JSON, a wrong type or an unknown field; unsupported for a known
// field this runtime cannot honour (createContainer hooks, intelRdt, …). The message names the field ("config.json:
// …").
OciSpec parse_oci_spec(std::string_view config_json);
// Reads <bundle>/config.json (not_found with the fix when missing) and resolves root.path against the bundle.
OciSpec load_oci_bundle(const std::string& bundle);

// "RLIMIT_NOFILE" → RLIMIT_NOFILE; -1 when unknown.
int rlimit_resource(std::string_view name);

}  // namespace virtlab::nsenter_lite
