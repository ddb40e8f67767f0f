// The notes' flow made live: the processes between an engine and a container's pid 1, e.g.
//   dockerd → containerd → containerd-shim-runc-v2 → sleep      (Docker)
//   conmon → sleep                                               (Podman: no daemon; `podman run` has exited)
// The shim or conmon is the container's parent; the daemons are found by name, since shims re-parent to init.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/engines/cgroup_path.hpp"

namespace virtlab::engines {

enum class ChainRole { engine, daemon, shim, init };
std::string_view role_name(ChainRole role);  // "engine", "daemon", "shim", "init"

struct ChainLink {
  ChainRole role;
  std::string command;       // the program's name: "dockerd", "containerd-shim-runc-v2", "conmon"
  std::optional<pid_t> pid;  // nullopt: no such process is running (e.g. dockerd stopped, containers live on)
};

// One process as /proc shows it: parent and the program's name (the basename of /proc/PID/exe or cmdline[0]:
// /proc/PID/comm cuts "containerd-shim-runc-v2" to 15 characters).
struct ProcessInfo {
  pid_t ppid = 0;
  std::string command;
};
using ProcessTable = std::map<pid_t, ProcessInfo>;

// Pure: the chain for a container of `engine` whose pid 1 is `init_pid`, from a process table.
std::vector<ChainLink> runtime_chain(Engine engine, pid_t init_pid, const ProcessTable& processes);

// Reads /proc (under `proc_root`) into a table: every readable process's ppid and program name.
ProcessTable read_process_table(const std::string& proc_root = "/proc");
// Pure: ppid from /proc/PID/stat text (the field after the parenthesised comm, which may hold spaces and ')').
std::optional<pid_t> parse_stat_ppid(std::string_view stat);

}  // namespace virtlab::engines
