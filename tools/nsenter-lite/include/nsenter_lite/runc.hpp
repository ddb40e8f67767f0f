// virtlab-runc: the OCI runtime commands engines call (podman via conmon, docker via containerd-shim-runc-v2),
// built on nsenter-lite's container code. `create` makes the container and leaves its init blocked on the exec
// fifo, `start` lets it exec, `state` / `kill` / `delete` act on it through the state directory (runc_state.hpp).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nsenter_lite/oci_spec.hpp"
#include "nsenter_lite/runc_state.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::nsenter_lite {

// runc's global options.
struct RuncGlobals {
  std::string root = std::string(kRuncDefaultRoot);
  std::string log;                  // "" = stderr
  std::string log_format = "text";  // text | json
  bool systemd_cgroup = false;      // cgroupsPath is "slice:prefix:name"
};

struct CreateOptions {
  std::string id;
  std::string bundle = ".";
  std::string pid_file;
  std::string console_socket;  // needed when process.terminal is true
  int preserve_fds = 0;        // fds 3 … 3+N-1 of ours reach the container's process (runc --preserve-fds)
};

// What `create` made and `start`/`delete` later use.
struct CreateResult {
  pid_t init_pid = 0;
  int init_pidfd = -1;  // `run` waits on it (the init is its child); -1 after a plain `create`
};

// `exec`: a new process in a running container — the process from --process (an OCI process JSON, as engines
// pass it) or from args/env/cwd/user; its capabilities default to the container's.
struct ExecOptions {
  std::string id, process_file, pid_file, console_socket, cwd, user;
  std::vector<std::string> env, args;
  std::vector<std::string> caps;              // --cap: added to the bounding, effective and permitted sets
  std::vector<std::int64_t> additional_gids;  // --additional-gids: added to process.user.additionalGids
  int preserve_fds = 0;                       // as CreateOptions::preserve_fds
  bool detach = false, tty = false;
};

CreateResult runc_create(const RuncGlobals& globals, const CreateOptions& options, bool keep_pidfd = false);
void runc_start(const RuncGlobals& globals, const std::string& id);
virtlab::Json runc_state(const RuncGlobals& globals, const std::string& id);
void runc_kill(const RuncGlobals& globals, const std::string& id, const std::string& signal, bool all);
void runc_delete(const RuncGlobals& globals, const std::string& id, bool force);
// create + start + wait + delete in one process (like `runc run`): returns the container's exit code (128+N for a
// signal).
int runc_run(const RuncGlobals& globals, const CreateOptions& options);
// The process's exit code (128+N for a signal), or 0 once it runs with --detach.
int runc_exec(const RuncGlobals& globals, const ExecOptions& options);
// `features` (runtime-spec features.json): what this runtime implements.
virtlab::Json runc_features();

// ---- pure helpers (unit-tested) ---------------------------------------------------------------------------------
// "SIGTERM", "TERM", "term", "15" → 15. Throws usage naming the signal.
int parse_signal(std::string_view text);
// linux.cgroupsPath → the path inside each hierarchy: "/a/b" stays; "a/b" → "/a/b"; "" → "/virtlab-runc/<id>";
// with --systemd-cgroup "machine.slice:libpod:ID" → "/machine.slice/libpod-ID.scope". Throws usage on "..".
std::string cgroup_path_for(std::string_view cgroups_path, std::string_view id, bool systemd_form);
// linux.resources → libs/kernel's limits (memory limit, cpu quota/period, pids limit); what it cannot express
// (swap, reservation, shares, cpuset) is added to `not_applied` as "field: why".
virtlab::kernel::Limits limits_from_resources(const OciResources& resources, std::vector<std::string>& not_applied);
// CLONE_NEWPID, CLONE_NEWNET, … for a config.json namespace type (namespaces.hpp's table: one mapping).
int oci_namespace_clone_flag(OciNamespaceType type);
// The clone flags for the namespaces config.json asks to be made new (no path). cgroup is left out (the init
// unshares it after joining its cgroup) and so is time (unshared by the init, entered at execve).
int clone_flags_for(const std::vector<OciNamespace>& namespaces);
// `exec --cap NAME…` and `--additional-gids GID…` applied to the process (from --process or the command line):
// each capability joins the bounding, effective and permitted sets, and the ambient set when the inheritable set
// is not empty (runc's rule); each gid joins additionalGids. Throws usage naming an unknown capability or a gid
// out of range.
void add_exec_extras(OciProcess& process, const std::vector<std::string>& caps, const std::vector<std::int64_t>& gids);
// --preserve-fds N: fds 3 … 3+N-1 must be open in this process, before it opens any of its own (else an fd of
// ours would be passed instead). Throws usage naming the first missing fd.
void check_preserved_fds(int count);
// Where execve looks for process.args[0]: itself when it has a '/', else each PATH entry of the process's env
// (the default PATH when env has none).
std::vector<std::string> exec_candidates(const std::string& arg0, const std::vector<std::string>& env);

}  // namespace virtlab::nsenter_lite
