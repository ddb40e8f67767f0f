#include "nsenter_lite/namespaces.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <pwd.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <set>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/kernel/cgroup_hierarchy.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace {

struct TypeName {
  NsType type;
  std::string_view name;
  int flag;
};
constexpr TypeName kTypes[] = {
    {NsType::mnt, "mnt", CLONE_NEWNS},           {NsType::net, "net", CLONE_NEWNET},
    {NsType::pid, "pid", CLONE_NEWPID},          {NsType::uts, "uts", CLONE_NEWUTS},
    {NsType::ipc, "ipc", CLONE_NEWIPC},          {NsType::user, "user", CLONE_NEWUSER},
    {NsType::cgroup, "cgroup", CLONE_NEWCGROUP}, {NsType::time, "time", CLONE_NEWTIME},
};

std::string readlink_str(const std::string& path) {
  char buf[256];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
  if (n < 0) return {};
  return std::string(buf, static_cast<std::size_t>(n));
}

std::string user_name(uid_t uid) {
  static std::map<uid_t, std::string> cache;
  auto it = cache.find(uid);
  if (it != cache.end()) return it->second;
  struct passwd pw {};
  struct passwd* result = nullptr;
  char buf[1024];
  std::string name =
      (getpwuid_r(uid, &pw, buf, sizeof buf, &result) == 0 && result) ? result->pw_name : std::to_string(uid);
  cache.emplace(uid, name);
  return name;
}

std::optional<std::uint64_t> fd_inode(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(st.st_ino);
}

}  // namespace

std::string_view ns_type_name(NsType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.name;
  return "?";
}

std::optional<NsType> parse_ns_type(std::string_view name) {
  if (name == "mount") return NsType::mnt;
  if (name == "network") return NsType::net;
  for (const auto& t : kTypes)
    if (t.name == name) return t.type;
  return std::nullopt;
}

int ns_clone_flag(NsType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.flag;
  return 0;
}

std::optional<NsType> ns_type_from_clone_flag(int flag) {
  for (const auto& t : kTypes)
    if (t.flag == flag) return t.type;
  return std::nullopt;
}

std::optional<NsLink> parse_ns_link(std::string_view link) {
  auto colon = link.find(":[");
  if (colon == std::string_view::npos || link.size() < colon + 4 || link.back() != ']') return std::nullopt;
  auto type = parse_ns_type(link.substr(0, colon));
  if (!type || link.substr(0, colon) == "mount" || link.substr(0, colon) == "network") return std::nullopt;
  auto inode = virtlab::parse_u64(link.substr(colon + 2, link.size() - colon - 3));
  if (!inode || *inode == 0) return std::nullopt;
  return NsLink{*type, *inode};
}

std::optional<ProcStat> parse_proc_stat(std::string_view stat) {
  // "pid (comm) state ppid ..." — comm may hold ") (", so the comm ends at the LAST ')'.
  auto open = stat.find('(');
  auto close = stat.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  auto rest = virtlab::split_whitespace(stat.substr(close + 1));
  if (rest.size() < 2) return std::nullopt;
  auto ppid = virtlab::parse_i64(rest[1]);
  if (!ppid || *ppid < 0 || *ppid > std::numeric_limits<pid_t>::max()) return std::nullopt;  // not cut to fit
  return ProcStat{static_cast<pid_t>(*ppid), std::string(stat.substr(open + 1, close - open - 1))};
}

std::optional<uid_t> parse_status_uid(std::string_view status) {
  for (auto line : virtlab::split_lines(status)) {
    if (!virtlab::starts_with(line, "Uid:")) continue;
    auto fields = virtlab::split_whitespace(line.substr(4));
    if (fields.empty()) return std::nullopt;
    auto uid = virtlab::parse_u64(fields[0]);
    if (!uid || *uid > std::numeric_limits<uid_t>::max()) return std::nullopt;  // 2^32 must not read as root
    return static_cast<uid_t>(*uid);
  }
  return std::nullopt;
}

std::vector<NsfsMount> parse_nsfs_mounts(std::string_view mountinfo) {
  // "36 35 0:4 net:[4026532289] /run/netns/a rw shared:5 - nsfs nsfs rw"
  // The line format (optional fields, " - " separator, octal escapes) is libs/kernel's parser's job; we keep nsfs rows.
  std::vector<NsfsMount> out;
  for (const auto& e : virtlab::kernel::parse_mountinfo(mountinfo)) {
    if (e.fs_type != "nsfs") continue;
    auto link = parse_ns_link(e.root);
    if (!link) continue;
    out.push_back({*link, e.mount_point});
  }
  return out;
}

std::string_view held_by_name(HeldBy h) {
  switch (h) {
    case HeldBy::process:
      return "process";
    case HeldBy::fd:
      return "fd";
    case HeldBy::bind_mount:
      return "bind-mount";
  }
  return "?";
}

std::vector<Namespace> aggregate_memberships(const std::multimap<std::uint64_t, std::pair<pid_t, NsType>>& members,
                                             const std::map<pid_t, ProcessInfo>& processes) {
  std::vector<Namespace> out;
  for (auto it = members.begin(); it != members.end();) {
    Namespace ns;
    ns.inode = it->first;
    ns.type = it->second.second;
    auto end = members.upper_bound(it->first);
    for (; it != end; ++it) ns.pids.push_back(it->second.first);
    std::sort(ns.pids.begin(), ns.pids.end());
    ns.pids.erase(std::unique(ns.pids.begin(), ns.pids.end()), ns.pids.end());
    ns.pid = ns.pids.front();
    if (auto p = processes.find(ns.pid); p != processes.end()) {
      ns.ppid = p->second.ppid;
      ns.command = p->second.comm;
      ns.uid = p->second.uid;
    }
    ns.path = "/proc/" + std::to_string(ns.pid) + "/ns/" + std::string(ns_type_name(ns.type));
    out.push_back(std::move(ns));
  }
  return out;
}

namespace {

// Fills owner, owner_uid and parent from an fd referring to the namespace (ioctls on nsfs, see ioctl_ns(2)).
void query_relations(int fd, Namespace& ns, std::map<std::uint64_t, uid_t>& owner_uids) {
  virtlab::UniqueFd userns(ioctl(fd, NS_GET_USERNS));
  if (userns) {
    if (auto ino = fd_inode(userns.get())) ns.owner = *ino;
    uid_t uid = 0;
    if (ioctl(userns.get(), NS_GET_OWNER_UID, &uid) == 0) {
      ns.owner_uid = uid;
      owner_uids[ns.owner] = uid;
    }
  }
  if (ns.type == NsType::user) {
    uid_t uid = 0;
    // For a user namespace its own creator is what students ask about; keep NS_GET_OWNER_UID of itself.
    if (ioctl(fd, NS_GET_OWNER_UID, &uid) == 0) ns.owner_uid = uid;
  }
  if (ns.type == NsType::pid || ns.type == NsType::user) {
    virtlab::UniqueFd parent(ioctl(fd, NS_GET_PARENT));
    if (parent) {
      if (auto ino = fd_inode(parent.get())) ns.parent = *ino;
    }
  }
}

// An fd- or mount-held reference, resolved after the membership pass.
struct ExtraRef {
  NsLink link;
  pid_t pid;
  std::string path;
  HeldBy how;
};

using Memberships = std::multimap<std::uint64_t, std::pair<pid_t, NsType>>;

// Step 1: every numeric /proc entry, in pid order.
std::vector<pid_t> list_pids() {
  DIR* proc = opendir("/proc");
  if (!proc) virtlab::throw_errno("cannot open /proc", "mount procfs: mount -t proc proc /proc");
  std::vector<pid_t> pids;
  while (auto* entry = readdir(proc)) {
    auto pid = virtlab::parse_u64(entry->d_name);
    if (pid) pids.push_back(static_cast<pid_t>(*pid));
  }
  closedir(proc);
  std::sort(pids.begin(), pids.end());
  virtlab::explain("getdents64", "/proc", std::to_string(pids.size()) + " processes",
                   "every numeric /proc entry is a process (threads live under /proc/PID/task)");
  return pids;
}

void collect_fd_refs(const std::string& base, pid_t pid, std::vector<ExtraRef>& extras) {
  DIR* fds = opendir((base + "/fd").c_str());
  if (!fds) return;
  while (auto* e = readdir(fds)) {
    if (e->d_name[0] == '.') continue;
    std::string path = base + "/fd/" + e->d_name;
    auto link = parse_ns_link(readlink_str(path));
    if (link) extras.push_back({*link, pid, path, HeldBy::fd});
  }
  closedir(fds);
}

// One mount table per mount namespace is enough; read it through its lowest member.
void collect_mount_refs(const std::string& base, pid_t pid, std::set<std::string>& seen_mount_tables,
                        std::vector<ExtraRef>& extras) {
  std::string mnt = readlink_str(base + "/ns/mnt");
  if (mnt.empty() || !seen_mount_tables.insert(mnt).second) return;
  if (auto mi = virtlab::try_read_file(base + "/mountinfo", 16u << 20)) {
    for (auto& m : parse_nsfs_mounts(*mi)) extras.push_back({m.ns, pid, m.mount_point, HeldBy::bind_mount});
  }
}

// Step 2: each process's stat/status, its /proc/PID/ns links and (optionally) its fd- and mount-held references.
void read_processes(const std::vector<pid_t>& pids, const ScanOptions& options, Snapshot& snap, Memberships& members,
                    std::vector<ExtraRef>& extras) {
  std::set<std::string> seen_mount_tables;
  for (pid_t pid : pids) {
    const std::string base = "/proc/" + std::to_string(pid);
    auto stat = virtlab::try_read_file(base + "/stat");
    auto status = virtlab::try_read_file(base + "/status");
    auto parsed = stat ? parse_proc_stat(*stat) : std::nullopt;
    if (!parsed) {
      ++snap.unreadable;
      continue;
    }
    ProcessInfo info{pid, parsed->ppid, parsed->comm, status ? parse_status_uid(*status).value_or(0) : 0};
    snap.processes.emplace(pid, info);
    for (NsType type : kAllNsTypes) {
      auto link = parse_ns_link(readlink_str(base + "/ns/" + std::string(ns_type_name(type))));
      if (link) members.emplace(link->inode, std::make_pair(pid, link->type));
    }
    if (options.include_fds) collect_fd_refs(base, pid, extras);
    if (options.include_mounts) collect_mount_refs(base, pid, seen_mount_tables, extras);
  }
  virtlab::explain("readlink", "/proc/*/ns/{mnt,net,pid,uts,ipc,user,cgroup,time}",
                   std::to_string(members.size()) + " memberships",
                   "each link reads TYPE:[INODE]; one inode on the nsfs pseudo-filesystem = one namespace");
  if (options.include_fds || options.include_mounts)
    virtlab::explain("readlink", "/proc/*/fd/* and /proc/*/mountinfo (nsfs)",
                     std::to_string(extras.size()) + " fd or bind-mount references",
                     "a namespace stays alive while any process, open fd or bind mount refers to it");
}

// Step 3: fd and bind-mount references join their namespace's row, or make a row of their own.
void attach_extra_refs(const std::vector<ExtraRef>& extras, Snapshot& snap) {
  std::map<std::uint64_t, std::size_t> index;
  for (std::size_t i = 0; i < snap.namespaces.size(); ++i) index[snap.namespaces[i].inode] = i;
  for (const auto& extra : extras) {
    auto it = index.find(extra.link.inode);
    if (it == index.end()) {
      Namespace ns;
      ns.inode = extra.link.inode;
      ns.type = extra.link.type;
      ns.pid = extra.pid;
      ns.held_by = extra.how;
      ns.path = extra.path;
      if (auto p = snap.processes.find(extra.pid); p != snap.processes.end()) {
        ns.ppid = p->second.ppid;
        ns.command = p->second.comm;
        ns.uid = p->second.uid;
      }
      snap.namespaces.push_back(std::move(ns));
      it = index.emplace(extra.link.inode, snap.namespaces.size() - 1).first;
    }
    auto& ns = snap.namespaces[it->second];
    if (extra.how == HeldBy::fd) {
      auto slash = extra.path.rfind('/');
      ns.fd_holders.push_back(std::to_string(extra.pid) + "/" + extra.path.substr(slash + 1));
    } else if (std::find(ns.nsfs.begin(), ns.nsfs.end(), extra.path) == ns.nsfs.end()) {
      ns.nsfs.push_back(extra.path);
    }
  }
}

// Step 4: owner and parent of each namespace: one open + up to four ioctls. Returns how many could be opened.
int query_all_relations(Snapshot& snap) {
  std::map<std::uint64_t, uid_t> owner_uids;
  int opened = 0;
  for (auto& ns : snap.namespaces) {
    ns.user = user_name(ns.uid);
    std::string path = ns.path;
    if (ns.held_by == HeldBy::bind_mount) {
      // The mount point is only visible in the holder's mount namespace; reach it through /proc/PID/root.
      path = "/proc/" + std::to_string(ns.pid) + "/root" + ns.path;
    }
    virtlab::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) continue;
    ++opened;
    query_relations(fd.get(), ns, owner_uids);
  }
  return opened;
}

// Step 5: the cgroup of each namespace's lowest pid: what joins a container's namespaces to cgtop's rows.
void attach_cgroups(Snapshot& snap) {
  std::map<pid_t, std::string> cgroup_of;
  for (auto& ns : snap.namespaces) {
    if (ns.pid <= 0) continue;
    auto [it, fresh] = cgroup_of.try_emplace(ns.pid);
    if (fresh) {
      if (auto text = virtlab::try_read_file("/proc/" + std::to_string(ns.pid) + "/cgroup"))
        it->second = pick_cgroup_path(virtlab::kernel::parse_proc_pid_cgroup(*text));
    }
    ns.cgroup = it->second;
  }
  virtlab::explain(
      "read", "/proc/PID/cgroup of " + std::to_string(cgroup_of.size()) + " processes",
      std::to_string(cgroup_of.size()) + " files",
      "each namespace's lowest pid and its cgroup (the memory hierarchy's path on v1, the 0:: line on v2)");
}

}  // namespace

Snapshot scan_namespaces(const ScanOptions& options) {
  Snapshot snap;
  Memberships members;
  std::vector<ExtraRef> extras;
  read_processes(list_pids(), options, snap, members, extras);
  snap.namespaces = aggregate_memberships(members, snap.processes);
  attach_extra_refs(extras, snap);
  const int opened = query_all_relations(snap);
  attach_cgroups(snap);
  virtlab::explain("ioctl(NS_GET_USERNS, NS_GET_OWNER_UID, NS_GET_PARENT)",
                   std::to_string(snap.namespaces.size()) + " namespaces", std::to_string(opened) + " opened",
                   "NS_GET_USERNS: the user namespace that owns it; NS_GET_PARENT: parent (pid/user only); "
                   "EPERM means the parent is outside our view");
  std::sort(snap.namespaces.begin(), snap.namespaces.end(),
            [](const Namespace& a, const Namespace& b) { return a.inode < b.inode; });
  return snap;
}

std::string pick_cgroup_path(const std::vector<virtlab::kernel::MembershipRow>& rows) {
  const virtlab::kernel::MembershipRow* unified = nullptr;
  for (const auto& r : rows) {
    if (std::find(r.controllers.begin(), r.controllers.end(), "memory") != r.controllers.end()) return r.path;
    if (r.hierarchy == 0 && !unified) unified = &r;
  }
  if (unified) return unified->path;
  return rows.empty() ? std::string() : rows.front().path;
}

std::optional<TreeKind> parse_tree_kind(std::string_view name) {
  if (name == "process") return TreeKind::process;
  if (name == "parent") return TreeKind::parent;
  if (name == "owner") return TreeKind::owner;
  return std::nullopt;
}

std::vector<int> tree_parents(const Snapshot& snap, TreeKind kind) {
  const auto& all = snap.namespaces;
  std::vector<int> parents(all.size(), -1);
  std::map<std::uint64_t, int> by_inode;
  for (std::size_t i = 0; i < all.size(); ++i) by_inode[all[i].inode] = static_cast<int>(i);
  if (kind == TreeKind::parent || kind == TreeKind::owner) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      std::uint64_t want = kind == TreeKind::parent ? all[i].parent : all[i].owner;
      if (want == 0 || want == all[i].inode) continue;
      if (auto it = by_inode.find(want); it != by_inode.end()) parents[i] = it->second;
    }
    return parents;
  }
  // process: a namespace hangs under the namespace of the same type whose representative process is the nearest
  // ancestor of this namespace's representative process.
  std::map<std::pair<pid_t, NsType>, int> representative;
  for (std::size_t i = 0; i < all.size(); ++i)
    representative.emplace(std::make_pair(all[i].pid, all[i].type), static_cast<int>(i));
  for (std::size_t i = 0; i < all.size(); ++i) {
    pid_t p = all[i].pid;
    for (int guard = 0; guard < 4096; ++guard) {
      auto proc = snap.processes.find(p);
      if (proc == snap.processes.end() || proc->second.ppid <= 0 || proc->second.ppid == p) break;
      p = proc->second.ppid;
      auto rep = representative.find({p, all[i].type});
      if (rep != representative.end() && rep->second != static_cast<int>(i)) {
        parents[i] = rep->second;
        break;
      }
    }
  }
  return parents;
}

}  // namespace virtlab::nsenter_lite
