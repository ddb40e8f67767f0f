// virtlab-runc's cgroup at linux.cgroupsPath (runc_cgroup.hpp).
#include "runc_cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <utility>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

namespace kernel = virtlab::kernel;

namespace {

std::vector<std::string> path_parts(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// mkdir each missing component of <mount><path>, remembering the ones we made (parents first).
void make_path(const std::string& mount, const std::string& path, std::vector<std::string>& made) {
  std::string dir = mount;
  for (const std::string& part : path_parts(path)) {
    dir += "/" + part;
    if (mkdir(dir.c_str(), 0755) == 0) {
      made.push_back(dir);
      continue;
    }
    if (errno != EEXIST) virtlab::throw_errno("mkdir " + dir, "virtlab-runc needs root to make cgroups");
  }
}

// Pure v2: a leaf gets a controller's files only when every ancestor lists it in cgroup.subtree_control.
void enable_v2_controllers(const kernel::CgroupMount& v2, const std::string& path,
                           const std::vector<kernel::LimitWrite>& writes) {
  std::string enable;
  for (const auto& w : writes)
    if (v2.has(w.controller) && enable.find("+" + w.controller) == std::string::npos)
      enable += (enable.empty() ? "+" : " +") + w.controller;
  if (enable.empty()) return;
  const std::vector<std::string> parts = path_parts(path);
  std::string dir = v2.mount_point;
  for (std::size_t i = 0; i < parts.size(); ++i) {  // the root and every ancestor of the leaf
    virtlab::write_file(dir + "/cgroup.subtree_control", enable, "the controller must be free for this subtree");
    virtlab::explain("write", dir + "/cgroup.subtree_control", enable, "cgroup v2: controllers reach the leaf");
    dir += "/" + parts[i];
  }
}

std::vector<pid_t> procs_in(const std::string& dir) {
  std::vector<pid_t> pids;
  auto text = virtlab::try_read_file(dir + "/cgroup.procs");
  if (!text) return pids;
  for (std::string_view line : virtlab::split_lines(*text))
    if (auto pid = virtlab::parse_i64(virtlab::trim(line))) pids.push_back(static_cast<pid_t>(*pid));
  return pids;
}

// rmdir answers EBUSY while a process (a zombie not yet reaped by the engine, too) is inside: kill and retry for
// up to a second.
bool kill_and_remove(const std::string& dir) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (rmdir(dir.c_str()) == 0 || errno == ENOENT) return true;
    if (errno != EBUSY) return false;
    const std::vector<pid_t> pids = procs_in(dir);
    if (pids.empty() && attempt > 0) return false;  // busy because of child cgroups of someone else
    for (pid_t pid : pids) kill(pid, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

RuncCgroup RuncCgroup::create(const kernel::Hierarchy& h, const std::string& path, const kernel::Limits& limits) {
  const std::vector<kernel::LimitWrite> writes = kernel::plan_limits(h, limits);
  RuncCgroup cg;
  for (const kernel::CgroupMount* m : kernel::hierarchies_we_use(h)) {
    make_path(m->mount_point, path, cg.made_);
    virtlab::explain("mkdir -p", m->mount_point + path, "0",
                     m->version == kernel::Version::v2 ? "the cgroup2 hierarchy" : "a v1 hierarchy");
    if (m->version == kernel::Version::v2 && h.layout == kernel::Layout::v2) enable_v2_controllers(*m, path, writes);
  }
  for (const kernel::LimitWrite& w : writes) {
    const kernel::CgroupMount* m = h.mount_for(w.controller);
    if (!m) continue;  // plan_limits already refused a missing controller
    const std::string file = m->mount_point + path + "/" + w.file;
    virtlab::write_file(file, w.value, "the value must be one the kernel accepts for " + w.file);
    virtlab::explain("write", file, w.value, "linux.resources → the kernel's limit file [runc: cgroups manager Set]");
  }
  cg.open_join_fds(h, path);
  return cg;
}

// Before the clone: the cgroup2 leaf for CLONE_INTO_CGROUP, and each v1 leaf's `tasks` for the init to inherit.
void RuncCgroup::open_join_fds(const kernel::Hierarchy& h, const std::string& path) {
  for (const kernel::CgroupMount* m : kernel::hierarchies_we_use(h)) {
    const std::string leaf = m->mount_point + path;
    if (m->version == kernel::Version::v2) {
      unified_leaf_ = leaf;
      unified_ = virtlab::open_or_throw(leaf, O_PATH | O_DIRECTORY, "the cgroup was made just before");
      continue;
    }
    v1_tasks_.push_back({virtlab::open_or_throw(leaf + "/tasks", O_WRONLY, "virtlab-runc needs root to join cgroups"),
                         leaf + "/tasks"});
  }
}

RuncCgroup::RuncCgroup(RuncCgroup&& other) noexcept
    : made_(std::exchange(other.made_, {})),
      unified_leaf_(std::move(other.unified_leaf_)),
      unified_(std::move(other.unified_)),
      v1_tasks_(std::move(other.v1_tasks_)) {}

RuncCgroup& RuncCgroup::operator=(RuncCgroup&& other) noexcept {
  std::swap(made_, other.made_);
  std::swap(unified_leaf_, other.unified_leaf_);
  std::swap(unified_, other.unified_);
  std::swap(v1_tasks_, other.v1_tasks_);
  return *this;
}

RuncCgroup::~RuncCgroup() {
  if (!made_.empty()) (void)remove_runc_cgroup(made_);
}

void RuncCgroup::add_to_unified(pid_t pid) const {
  if (unified_leaf_.empty()) return;
  virtlab::write_file(unified_leaf_ + "/cgroup.procs", std::to_string(pid));
  virtlab::explain("write", unified_leaf_ + "/cgroup.procs", std::to_string(pid),
                   "no CLONE_INTO_CGROUP here: moving the init waits for an RCU grace period");
}

void RuncCgroup::close_join_fds() noexcept {
  unified_.reset();
  v1_tasks_.clear();
}

std::vector<std::string> remove_runc_cgroup(const std::vector<std::string>& made) {
  std::vector<std::string> left;
  for (auto it = made.rbegin(); it != made.rend(); ++it) {
    const bool removed = kill_and_remove(*it);
    virtlab::explain("rmdir", *it, removed ? "0" : virtlab::errno_result(errno),
                     "the container's cgroup (and parents we made) removed");
    if (!removed) left.push_back(*it);
  }
  return left;
}

}  // namespace virtlab::nsenter_lite
