#include "virtlab/kernel/cgroup.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <thread>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/text.hpp"

namespace virtlab::kernel {

using virtlab::Error;
using virtlab::ExitCode;

namespace {

constexpr std::uint64_t kMinQuotaUs = 1000;  // the kernel refuses a CFS quota below 1 ms

std::string enable_hint(const Hierarchy& h, std::string_view controller) {
  std::string c(controller);
  if (!h.kernel_has(controller) && !h.controllers.empty())
    return "this kernel has no '" + c + "' controller (see /proc/cgroups); boot a kernel built with it";
  if (const auto* v2 = h.unified(); v2 && h.layout == Layout::v2)
    return "enable it: echo +" + c + " > " + v2->mount_point + "/cgroup.subtree_control";
  return "mount it: mkdir -p /sys/fs/cgroup/" + c + " && mount -t cgroup -o " + c + " none /sys/fs/cgroup/" + c +
         " (or boot with systemd.unified_cgroup_hierarchy=1 for pure cgroup v2)";
}

const CgroupMount& need(const Hierarchy& h, std::string_view controller, std::string_view why) {
  const CgroupMount* m = h.mount_for(controller);
  if (!m)
    throw Error(ExitCode::unsupported,
                std::string(why) + " needs the '" + std::string(controller) + "' cgroup controller, which is not " +
                    "available on this " + std::string(to_string(h.layout)) + " hierarchy",
                enable_hint(h, controller));
  return *m;
}

std::string format_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

bool dir_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// rmdir with a short retry: a cgroup stays busy until its last (just killed) task has been reaped by the kernel.
int remove_dir(const std::string& path) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (::rmdir(path.c_str()) == 0) {
      virtlab::explain("rmdir", path, "0", attempt ? "removed after its last task exited" : "");
      return 0;
    }
    int err = errno;
    if (err == ENOENT) return 0;
    if (err != EBUSY) {
      virtlab::explain("rmdir", path, virtlab::errno_result(err));
      return err;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  virtlab::explain("rmdir", path, virtlab::errno_result(EBUSY), "tasks are still inside after 2 s");
  return EBUSY;
}

std::vector<pid_t> read_pids(const std::string& procs_path) {
  std::vector<pid_t> pids;
  auto text = virtlab::try_read_file(procs_path);
  if (!text) return pids;
  for (auto line : virtlab::split_lines(*text)) {
    if (auto v = virtlab::parse_i64(virtlab::trim(line)); v && *v > 0) pids.push_back(static_cast<pid_t>(*v));
  }
  return pids;
}

// Kills everything in one cgroup directory: cgroup.kill where it exists (v2, 5.14+), else a SIGKILL loop over
// cgroup.procs (a fork bomb may add tasks while we kill; the pids limit bounds it, the loop catches up).
void kill_all(const std::string& dir) {
  std::string kill_file = dir + "/cgroup.kill";
  if (::access(kill_file.c_str(), W_OK) == 0) {
    try {
      virtlab::write_file(kill_file, "1");
    } catch (const Error&) {
    }
  }
  for (int round = 0; round < 100; ++round) {
    auto pids = read_pids(dir + "/cgroup.procs");
    if (pids.empty()) return;
    for (pid_t p : pids) ::kill(p, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

std::vector<const CgroupMount*> hierarchies_we_use(const Hierarchy& h) {
  // Every hierarchy holding a controller we limit or read, plus cgroup2 (PSI and cgroup.events work there even on a
  // hybrid host). The named v1 "systemd" hierarchy belongs to systemd.
  std::vector<const CgroupMount*> mounts;
  if (const auto* v2 = h.unified()) mounts.push_back(v2);
  for (const char* c : {"cpu", "cpuacct", "memory", "pids", "blkio", "io"}) {
    const CgroupMount* m = h.mount_for(c);
    if (m && std::find(mounts.begin(), mounts.end(), m) == mounts.end()) mounts.push_back(m);
  }
  return mounts;
}

void reap_stale_cgroups(const Hierarchy& h) {
  virtlab::ReapScope scope;
  for (const CgroupMount* m : hierarchies_we_use(h)) scope.cgroup_mounts.push_back(m->mount_point);
  virtlab::reap_stale(scope);
}

void validate_cgroup_name(std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos || name.size() > 200 ||
      name.find('\n') != std::string_view::npos)
    throw Error(ExitCode::usage, "invalid cgroup name '" + std::string(name) + "'",
                "use one path component without '/', e.g. --name demo");
}

double parse_cpu_cores(std::string_view text) {
  std::string_view t = virtlab::trim(text);
  bool percent = !t.empty() && t.back() == '%';
  if (percent) t.remove_suffix(1);
  auto v = virtlab::parse_double(t);
  if (!v || !std::isfinite(*v) || *v <= 0 || (!t.empty() && (t.front() == '-' || t.front() == '+')))
    throw Error(ExitCode::usage, "malformed CPU limit '" + std::string(text) + "'",
                "give CPUs as a positive number, e.g. --cpu 0.5 (half a CPU) or --cpu 150%");
  return percent ? *v / 100.0 : *v;
}

std::uint64_t parse_memory_bytes(std::string_view text) {
  auto v = virtlab::parse_size(text);
  if (!v || *v == 0)
    throw Error(ExitCode::usage, "malformed memory limit '" + std::string(text) + "'",
                "give a positive size with an optional K, M, G or T suffix (binary), e.g. --memory 64M");
  return *v;
}

std::uint64_t parse_pids_max(std::string_view text) {
  auto t = virtlab::trim(text);
  auto v = virtlab::parse_u64(t);
  if (!v || *v == 0 || t.empty() || t.front() == '+' || t.substr(0, 2) == "0x" || t.substr(0, 2) == "0X")
    throw Error(ExitCode::usage, "malformed pids limit '" + std::string(text) + "'",
                "give the maximum number of tasks as a positive integer, e.g. --pids 32");
  return *v;
}

IoLimit parse_io_limit(std::string_view text, bool write) {
  std::string flag = write ? "--io-write" : "--io-read";
  auto colon = text.find(':');
  if (colon == std::string_view::npos)
    throw Error(ExitCode::usage, "malformed " + flag + " '" + std::string(text) + "'",
                "give RATE:DEVICE, e.g. " + flag + " 10M:/dev/sda or " + flag + " 10M:8:0");
  auto rate = virtlab::parse_size(text.substr(0, colon));
  if (!rate || *rate == 0)
    throw Error(ExitCode::usage, "malformed rate in " + flag + " '" + std::string(text) + "'",
                "give bytes per second with an optional K, M or G suffix, e.g. 10M");
  IoLimit lim;
  (write ? lim.write_bps : lim.read_bps) = *rate;
  std::string_view dev = text.substr(colon + 1);
  if (!dev.empty() && dev.front() == '/') {
    lim.device_path = std::string(dev);
    struct stat st {};
    if (::stat(lim.device_path.c_str(), &st) != 0)
      virtlab::throw_errno("cannot stat " + lim.device_path + " for " + flag,
                           "name a block device that exists, e.g. /dev/sda (see lsblk)");
    virtlab::explain("stat", lim.device_path, "0",
                     "device number " + std::to_string(major(st.st_rdev)) + ":" + std::to_string(minor(st.st_rdev)));
    if (!S_ISBLK(st.st_mode))
      throw Error(ExitCode::usage, lim.device_path + " is not a block device",
                  "I/O limits apply to block devices (see lsblk), e.g. /dev/sda");
    lim.major = major(st.st_rdev);
    lim.minor = minor(st.st_rdev);
  } else {
    auto c2 = dev.find(':');
    auto maj = virtlab::parse_u64(dev.substr(0, c2));
    auto min = c2 == std::string_view::npos ? std::nullopt : virtlab::parse_u64(dev.substr(c2 + 1));
    if (!maj || !min)
      throw Error(ExitCode::usage, "malformed device in " + flag + " '" + std::string(text) + "'",
                  "give a device path (/dev/sda) or MAJOR:MINOR (8:0)");
    lim.major = static_cast<unsigned>(*maj);
    lim.minor = static_cast<unsigned>(*min);
  }
  return lim;
}

std::vector<LimitWrite> plan_limits(const Hierarchy& h, const Limits& limits) {
  std::vector<LimitWrite> plan;
  if (limits.cpu_cores) {
    const auto& m = need(h, "cpu", "--cpu");
    if (limits.cpu_period_us < 1000 || limits.cpu_period_us > 1000000)
      throw Error(ExitCode::usage, "CPU period " + std::to_string(limits.cpu_period_us) + " µs is out of range",
                  "the kernel accepts periods from 1000 to 1000000 µs");
    double quota = std::round(*limits.cpu_cores * static_cast<double>(limits.cpu_period_us));
    if (quota < kMinQuotaUs)
      throw Error(ExitCode::usage,
                  "--cpu " + format_double(*limits.cpu_cores) + " is below what the kernel can express (a quota of " +
                      std::to_string(static_cast<long long>(quota)) + " µs per " +
                      std::to_string(limits.cpu_period_us) + " µs period; the minimum quota is 1000 µs)",
                  "use at least --cpu " + format_double(1000.0 / static_cast<double>(limits.cpu_period_us)));
    auto q = static_cast<std::uint64_t>(quota);
    if (m.version == Version::v2) {
      plan.push_back({"cpu", "cpu.max", std::to_string(q) + " " + std::to_string(limits.cpu_period_us)});
    } else {
      plan.push_back({"cpu", "cpu.cfs_period_us", std::to_string(limits.cpu_period_us)});
      plan.push_back({"cpu", "cpu.cfs_quota_us", std::to_string(q)});
    }
  }
  if (limits.memory_bytes) {
    const auto& m = need(h, "memory", "--memory");
    if (*limits.memory_bytes < 4096)
      throw Error(ExitCode::usage, "--memory " + std::to_string(*limits.memory_bytes) + " bytes is below one page",
                  "give at least 4K; a useful limit is a few MiB, e.g. --memory 32M");
    plan.push_back({"memory", m.version == Version::v2 ? "memory.max" : "memory.limit_in_bytes",
                    std::to_string(*limits.memory_bytes)});
  }
  if (limits.pids_max) {
    need(h, "pids", "--pids");
    plan.push_back({"pids", "pids.max", std::to_string(*limits.pids_max)});
  }
  for (const auto& io : limits.io) {
    const CgroupMount* m = h.mount_for("blkio");
    if (!m || m->version != Version::v1) m = h.mount_for("io");
    if (!m) need(h, h.layout == Layout::v2 ? "io" : "blkio", io.read_bps ? "--io-read" : "--io-write");
    std::string dev = std::to_string(io.major) + ":" + std::to_string(io.minor);
    if (m->version == Version::v2) {
      std::string v = dev;
      if (io.read_bps) v += " rbps=" + std::to_string(*io.read_bps);
      if (io.write_bps) v += " wbps=" + std::to_string(*io.write_bps);
      plan.push_back({"io", "io.max", v});
    } else {
      if (io.read_bps)
        plan.push_back({"blkio", "blkio.throttle.read_bps_device", dev + " " + std::to_string(*io.read_bps)});
      if (io.write_bps)
        plan.push_back({"blkio", "blkio.throttle.write_bps_device", dev + " " + std::to_string(*io.write_bps)});
    }
  }
  return plan;
}

namespace {

// The shared parent <mount>/virtlab; true when this call made it (so teardown removes it again).
bool make_virtlab_parent(const std::string& parent) {
  if (::mkdir(parent.c_str(), 0755) == 0) {
    virtlab::explain("mkdir", parent, "0", "parent of all virtlab cgroups");
    return true;
  }
  if (errno != EEXIST) {
    int err = errno;
    virtlab::explain("mkdir", parent, virtlab::errno_result(err));
    virtlab::throw_errno(err, "cannot create cgroup " + parent, err == EACCES || err == EPERM ? "run as root" : "");
  }
  return false;
}

// Controllers must be enabled in every ancestor's cgroup.subtree_control for the leaf to get their files.
// A controller no limit needs may stay off (the v2 "no internal processes" rule can forbid it).
void enable_v2_controllers(const CgroupMount& m, const std::string& parent, const std::vector<LimitWrite>& plan) {
  for (const char* c : {"cpu", "memory", "pids", "io"}) {
    if (!m.has(c)) continue;
    for (const std::string& dir : {m.mount_point, parent}) {
      std::string file = dir + "/cgroup.subtree_control";
      auto current = virtlab::try_read_file(file).value_or("");
      auto words = virtlab::split_whitespace(current);
      if (std::find(words.begin(), words.end(), std::string_view(c)) != words.end()) continue;
      try {
        virtlab::write_file(file, std::string("+") + c,
                            "a cgroup with processes directly inside cannot delegate controllers (v2 "
                            "\"no internal processes\" rule)");
      } catch (const Error& e) {
        bool needed = std::any_of(plan.begin(), plan.end(), [&](const LimitWrite& w) { return w.controller == c; });
        if (needed) throw;
      }
    }
  }
}

// The run's own directory <parent>/<name>; it must not exist yet (busy: another run or a leftover).
std::string make_leaf(const std::string& parent, const std::string& name, Version version) {
  std::string leaf = parent;
  leaf += '/';
  leaf += name;
  int made = ::mkdir(leaf.c_str(), 0755);
  // Another run's teardown may have removed the empty parent between our two mkdirs: make it again, once.
  if (made != 0 && errno == ENOENT && ::mkdir(parent.c_str(), 0755) == 0) made = ::mkdir(leaf.c_str(), 0755);
  if (made != 0) {
    int err = errno;
    virtlab::explain("mkdir", leaf, virtlab::errno_result(err));
    if (err == EEXIST)
      throw Error(ExitCode::busy, "cgroup " + leaf + " already exists",
                  "choose another --name, or remove the old one: rmdir " + leaf, err);
    virtlab::throw_errno(err, "cannot create cgroup " + leaf, err == EACCES || err == EPERM ? "run as root" : "");
  }
  virtlab::explain("mkdir", leaf, "0", version == Version::v2 ? "cgroup2 directory" : "v1 directory");
  return leaf;
}

// One planned limit into the directory of its controller.
void write_limit(const Hierarchy& h, const std::string& dir, const LimitWrite& w) {
  if (dir.empty())
    throw Error(ExitCode::unsupported, "no directory holds the '" + w.controller + "' controller",
                enable_hint(h, w.controller));
  std::string file = dir + "/" + w.file;
  if (::access(file.c_str(), F_OK) != 0)
    throw Error(ExitCode::unsupported, file + " does not exist, so this limit cannot be expressed here",
                enable_hint(h, w.controller), errno);
  try {
    virtlab::write_file(file, w.value, "check the value against the kernel documentation (cgroup-v2.rst)");
  } catch (const Error& e) {
    // The kernel answers ENODEV for an I/O limit on something that is not a whole disk (a partition, /dev/null).
    if (e.sys_errno() != ENODEV || (w.controller != "io" && w.controller != "blkio")) throw;
    std::string device = w.value.substr(0, w.value.find(' '));
    throw Error(ExitCode::usage, "cannot limit I/O on device " + device + ": it is not a whole disk on this machine",
                "name a disk from 'lsblk -d -o NAME,MAJ:MIN' (limits apply to disks, not partitions)", ENODEV);
  }
}

}  // namespace

ScopedCgroup ScopedCgroup::create(const Hierarchy& h, const std::string& name, const Limits& limits) {
  validate_cgroup_name(name);
  if (h.layout == Layout::none)
    throw Error(ExitCode::unsupported, "no cgroup hierarchy is mounted",
                "mount cgroup2: mount -t cgroup2 none /sys/fs/cgroup");
  auto plan = plan_limits(h, limits);  // usage/unsupported errors before touching anything
  if (::geteuid() != 0)
    throw Error(ExitCode::permission, "creating a cgroup needs root",
                "run with sudo (the read-only view works without root)", EPERM);

  ScopedCgroup cg;
  cg.name_ = name;
  cg.hierarchy_ = h;
  virtlab::Explain::instance().note("create cgroup virtlab/" + name);
  for (const CgroupMount* m : hierarchies_we_use(h)) {
    std::string parent = m->mount_point + "/virtlab";
    if (make_virtlab_parent(parent)) cg.made_parents_.push_back(parent);
    if (m->version == Version::v2) enable_v2_controllers(*m, parent, plan);
    cg.dirs_.push_back(make_leaf(parent, name, m->version));
  }
  for (const auto& w : plan) {
    write_limit(h, cg.directory_for(w.controller), w);
    cg.applied_.push_back(w);
  }
  return cg;
}

ScopedCgroup::ScopedCgroup(ScopedCgroup&& other) noexcept
    : name_(std::move(other.name_)),
      hierarchy_(std::move(other.hierarchy_)),
      dirs_(std::exchange(other.dirs_, {})),
      made_parents_(std::exchange(other.made_parents_, {})),
      applied_(std::move(other.applied_)) {}

ScopedCgroup& ScopedCgroup::operator=(ScopedCgroup&& other) noexcept {
  if (this != &other) {
    try {
      remove();
    } catch (...) {
    }
    name_ = std::move(other.name_);
    hierarchy_ = std::move(other.hierarchy_);
    dirs_ = std::exchange(other.dirs_, {});
    made_parents_ = std::exchange(other.made_parents_, {});
    applied_ = std::move(other.applied_);
  }
  return *this;
}

ScopedCgroup::~ScopedCgroup() {
  try {
    remove();
  } catch (...) {
  }
}

void ScopedCgroup::add_process(pid_t pid) {
  for (const auto& dir : dirs_)
    virtlab::write_file(dir + "/cgroup.procs", std::to_string(pid), "is the process still alive?");
}

void ScopedCgroup::remove() {
  if (dirs_.empty() && made_parents_.empty()) return;
  virtlab::Explain::instance().note("remove cgroup virtlab/" + name_);
  int first_error = 0;
  std::string failed;
  for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) {
    if (!dir_exists(*it)) continue;
    kill_all(*it);
  }
  for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) {
    if (int err = remove_dir(*it); err && !first_error) {
      first_error = err;
      failed = *it;
    }
  }
  dirs_.clear();
  // Remove the "virtlab" parents when empty — including ones another run created, so nothing is left behind;
  // EBUSY/ENOTEMPTY just means another virtlab cgroup is still using it.
  for (const auto& m : hierarchy_.mounts) {
    std::string parent = m.mount_point + "/virtlab";
    if (!dir_exists(parent)) continue;
    if (::rmdir(parent.c_str()) == 0) virtlab::explain("rmdir", parent, "0", "the virtlab parent was empty");
  }
  made_parents_.clear();
  if (first_error)
    virtlab::throw_errno(first_error, "cannot remove cgroup " + failed,
                         "see which tasks are left: cat " + failed + "/cgroup.procs");
}

std::string ScopedCgroup::relative_path() const {
  return "/virtlab/" + name_;
}

std::string ScopedCgroup::directory_for(std::string_view controller) const {
  const CgroupMount* m = hierarchy_.mount_for(controller);
  if (!m) return {};
  std::string prefix = m->mount_point + "/virtlab/";
  for (const auto& d : dirs_)
    if (d.rfind(prefix, 0) == 0 && d.find('/', prefix.size()) == std::string::npos) return d;
  return {};
}

std::string ScopedCgroup::unified_directory() const {
  const CgroupMount* v2 = hierarchy_.unified();
  if (!v2) return {};
  std::string d = v2->mount_point + "/virtlab/" + name_;
  return std::find(dirs_.begin(), dirs_.end(), d) != dirs_.end() ? d : std::string{};
}

}  // namespace virtlab::kernel
