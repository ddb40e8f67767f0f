// Namespaces on this machine: who holds them (processes, open fds, nsfs bind mounts), who owns them (user
// namespace, uid) and their parents — what lsns shows, plus the fd-held and bind-mounted ones lsns misses.
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "virtlab/kernel/cgroup_hierarchy.hpp"

namespace virtlab::nsenter_lite {

// The eight namespace kinds, in the order lsns and /proc/PID/ns list them.
enum class NsType { mnt, net, pid, uts, ipc, user, cgroup, time };

inline constexpr NsType kAllNsTypes[] = {NsType::mnt, NsType::net,  NsType::pid,    NsType::uts,
                                         NsType::ipc, NsType::user, NsType::cgroup, NsType::time};

std::string_view ns_type_name(NsType type);                  // "mnt"
std::optional<NsType> parse_ns_type(std::string_view name);  // "mnt"/"mount" → mnt; nullopt on junk
int ns_clone_flag(NsType type);                              // CLONE_NEWNS …
std::optional<NsType> ns_type_from_clone_flag(int flag);     // what NS_GET_NSTYPE returns → NsType

// "net:[4026531840]" (readlink of /proc/PID/ns/net or of an fd) → {net, 4026531840}; nullopt for anything else.
struct NsLink {
  NsType type;
  std::uint64_t inode;
};
std::optional<NsLink> parse_ns_link(std::string_view link);

// The fields of /proc/PID/stat we need: ppid and comm (comm may contain spaces and parentheses).
struct ProcStat {
  pid_t ppid = 0;
  std::string comm;
};
std::optional<ProcStat> parse_proc_stat(std::string_view stat);
// The real uid from /proc/PID/status ("Uid:\t0\t0\t0\t0").
std::optional<uid_t> parse_status_uid(std::string_view status);
// nsfs mount points from /proc/PID/mountinfo: (inode, type from "net:[…]" root, mount point). Octal escapes decoded.
struct NsfsMount {
  NsLink ns;
  std::string mount_point;
};
std::vector<NsfsMount> parse_nsfs_mounts(std::string_view mountinfo);

// How a namespace stays alive.
enum class HeldBy { process, fd, bind_mount };
std::string_view held_by_name(HeldBy h);

struct Namespace {
  std::uint64_t inode = 0;
  NsType type = NsType::mnt;
  std::vector<pid_t> pids;  // processes that are members (sorted); empty when only an fd or a mount holds it
  pid_t pid = 0;            // lowest member pid (lsns "PID"), or the pid holding the fd / whose mount table has it
  pid_t ppid = 0;           // parent of `pid`
  std::string command;      // comm of `pid`
  uid_t uid = 0;            // uid of `pid` (lsns "UID")
  std::string user;         // uid → name (lsns "USER")
  std::optional<uid_t> owner_uid;  // NS_GET_OWNER_UID of the owning user namespace (who created it)
  std::uint64_t parent = 0;        // NS_GET_PARENT (pid and user namespaces only), 0 when none / not visible
  std::uint64_t owner = 0;         // NS_GET_USERNS: the owning user namespace's inode, 0 when not visible
  HeldBy held_by = HeldBy::process;
  std::string path;                     // "/proc/1/ns/net", "/proc/77/fd/5" or the nsfs mount point
  std::vector<std::string> nsfs;        // bind mounts of this namespace (like `ip netns add`)
  std::vector<std::string> fd_holders;  // "PID/FD" of processes holding an fd to it
  std::string cgroup;                   // cgroup of `pid` (/proc/PID/cgroup; see pick_cgroup_path), "" if unknown
};

struct ProcessInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  std::string comm;
  uid_t uid = 0;
};

struct Snapshot {
  std::vector<Namespace> namespaces;       // sorted by inode
  std::map<pid_t, ProcessInfo> processes;  // every process seen
  int unreadable = 0;                      // processes that vanished or could not be read during the scan
};

// Pure aggregation step (unit-tested): memberships (pid → links) + process table → one Namespace per inode with
// members sorted, lowest pid, its command. Ownership and parents are filled by the kernel scanner.
std::vector<Namespace> aggregate_memberships(const std::multimap<std::uint64_t, std::pair<pid_t, NsType>>& members,
                                             const std::map<pid_t, ProcessInfo>& processes);

struct ScanOptions {
  bool include_fds = true;     // also namespaces held only by an open fd (/proc/PID/fd/*)
  bool include_mounts = true;  // also namespaces held only by an nsfs bind mount
};
// Reads /proc/*/ns, /proc/*/fd, /proc/*/mountinfo and asks the kernel (NS_GET_* ioctls) for owners and parents.
Snapshot scan_namespaces(const ScanOptions& options = {});

// Tree views (--tree). Returns, for each namespace index, the index of its tree parent or -1.
enum class TreeKind { process, parent, owner };
// Pure: the one cgroup path to show for a process from its /proc/PID/cgroup rows — the memory controller's path on
// v1 and hybrid machines (where containers get their limits), else the cgroup2 ("0::") path, else the first row.
std::string pick_cgroup_path(const std::vector<virtlab::kernel::MembershipRow>& rows);

std::optional<TreeKind> parse_tree_kind(std::string_view name);
std::vector<int> tree_parents(const Snapshot& snap, TreeKind kind);

}  // namespace virtlab::nsenter_lite
