#include "cgtop/sampler.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::cgtop {

namespace {

std::uint64_t monotonic_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Raise the soft open-file limit to the hard one: 1000 cgroups × ~12 kept-open files exceeds the usual 1024.
void raise_fd_limit() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rlimit want = rl;
    want.rlim_cur = rl.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &want) == 0)
      virtlab::explain("setrlimit",
                       "RLIMIT_NOFILE " + std::to_string(rl.rlim_cur) + " → " + std::to_string(rl.rlim_max), "0",
                       "room to keep every cgroup file open");
  }
}

enum class ReadResult { ok, missing, gone };

// One kept-open cgroup file: opened on first use, then pread at offset 0 on every refresh.
struct FileSlot {
  std::string path;
  virtlab::UniqueFd fd;
  bool missing = false;  // the file does not exist in this cgroup (controller not enabled, older kernel)
  bool reopen = false;   // out of descriptors: open/read/close each time instead

  bool used() const { return !path.empty(); }

  // Reads the whole file into `storage` (kept at its grown size, so refreshes never re-zero it) and points `out`
  // at the bytes read.
  ReadResult read(std::string& storage, std::string_view& out) {
    out = {};
    if (path.empty() || missing) return ReadResult::missing;
    if (!fd && !reopen) {
      int f = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (f < 0) {
        int err = errno;
        if (err == EMFILE || err == ENFILE) {
          reopen = true;
        } else {
          if (err == ENOENT || err == EACCES || err == EPERM || err == EOPNOTSUPP) missing = true;
          return err == ENODEV ? ReadResult::gone : ReadResult::missing;
        }
      } else {
        fd.reset(f);
      }
    }
    int use_fd = fd.get();
    virtlab::UniqueFd temp;
    if (reopen) {
      temp.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (!temp) return errno == ENOENT || errno == ENODEV ? ReadResult::gone : ReadResult::missing;
      use_fd = temp.get();
    }
    if (storage.size() < 65536) storage.resize(65536);
    std::size_t total = 0;
    for (;;) {
      ssize_t n = ::pread(use_fd, storage.data() + total, storage.size() - total, static_cast<off_t>(total));
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        if (err == ENOENT || err == ENODEV) return ReadResult::gone;  // the cgroup was removed under us
        missing = true;
        return ReadResult::missing;
      }
      if (n == 0) break;
      total += static_cast<std::size_t>(n);
      if (total == storage.size())
        storage.resize(storage.size() * 2);
      else
        break;  // cgroup files are produced whole by one read; a short read is the end
    }
    out = std::string_view(storage.data(), total);
    return ReadResult::ok;
  }
};

struct Node {
  std::string rel;
  int depth = 0;
  std::uint64_t inode = 0;
  CgroupName name;  // computed once per cgroup, not per refresh
  bool alive = true;
  kernel::Version cpu_version = kernel::Version::v1, mem_version = kernel::Version::v1,
                  io_version = kernel::Version::v1;
  bool usage_in_cpu_stat = false;  // v2: usage_usec is a key of cpu.stat (shared with throttling)
  FileSlot cpu_usage, cpu_stat, cpu_max, cpu_quota, cpu_period;
  FileSlot mem_current, mem_limit, mem_stat, mem_peak, mem_events, mem_swap;
  FileSlot io;
  FileSlot pids_current, pids_max, pids_events, procs;
  FileSlot psi_cpu, psi_mem, psi_io;
  // previous cumulative values for rates
  bool has_prev = false;
  std::uint64_t prev_time_ns = 0;
  std::optional<std::uint64_t> prev_usage, prev_periods, prev_throttled, prev_read, prev_write;

  std::size_t open_count() const {
    std::size_t n = 0;
    for (const FileSlot* s :
         {&cpu_usage, &cpu_stat, &cpu_max, &cpu_quota, &cpu_period, &mem_current, &mem_limit, &mem_stat, &mem_peak,
          &mem_events, &mem_swap, &io, &pids_current, &pids_max, &pids_events, &procs, &psi_cpu, &psi_mem, &psi_io})
      if (s->fd) ++n;
    return n;
  }
};

std::string join(const std::string& mount, const std::string& rel) {
  return rel == "/" ? mount : mount + rel;
}

// Sort key that keeps a depth-first pre-order: "/a" < "/a/b" < "/a-b".
std::string order_key(const std::string& rel) {
  std::string k = rel;
  std::replace(k.begin(), k.end(), '/', '\x01');
  return k;
}

}  // namespace

struct Sampler::Impl {
  kernel::Hierarchy h;
  SamplerOptions opt;
  std::vector<MetricSource> sources;
  const kernel::CgroupMount* cpu_usage_mount = nullptr;
  const kernel::CgroupMount* cpu_mount = nullptr;
  const kernel::CgroupMount* mem_mount = nullptr;
  const kernel::CgroupMount* io_mount = nullptr;
  const kernel::CgroupMount* pids_mount = nullptr;
  const kernel::CgroupMount* psi_mount = nullptr;
  std::vector<const kernel::CgroupMount*> walk_mounts;
  std::map<std::string, Node> nodes;      // keyed by order_key(rel)
  virtlab::engines::StateReader engines;  // container names from Docker's, Podman's and containerd's own files
  virtlab::UniqueFd inotify;
  bool need_rescan = true;
  Snapshot snap;
  std::string storage;   // one read buffer for every file, grown once
  std::string_view buf;  // the bytes of the file read last
  std::uint64_t refreshes = 0, rescans = 0;

  void plan() {
    sources.clear();
    cpu_usage_mount = nullptr;
    if (const auto* m = h.mount_for("cpuacct"); m && m->version == kernel::Version::v1) {
      cpu_usage_mount = m;
      sources.push_back({"cpu usage", "cpuacct.usage", m->mount_point, kernel::Version::v1});
    } else if (const auto* u = h.unified()) {
      cpu_usage_mount = u;
      sources.push_back({"cpu usage", "cpu.stat usage_usec", u->mount_point, kernel::Version::v2});
    }
    cpu_mount = h.mount_for("cpu");
    if (cpu_mount)
      sources.push_back({"cpu quota + throttling",
                         cpu_mount->version == kernel::Version::v2 ? "cpu.max, cpu.stat nr_throttled/throttled_usec"
                                                                   : "cpu.cfs_quota_us, cpu.cfs_period_us, cpu.stat",
                         cpu_mount->mount_point, cpu_mount->version});
    mem_mount = h.mount_for("memory");
    if (mem_mount)
      sources.push_back({"memory",
                         mem_mount->version == kernel::Version::v2
                             ? "memory.current, memory.max, memory.stat inactive_file, memory.peak, memory.events, "
                               "memory.swap.current"
                             : "memory.usage_in_bytes, memory.limit_in_bytes, memory.stat total_inactive_file, "
                               "memory.max_usage_in_bytes, memory.oom_control, memory.memsw.usage_in_bytes",
                         mem_mount->mount_point, mem_mount->version});
    io_mount = nullptr;
    if (const auto* m = h.mount_for("blkio"); m && m->version == kernel::Version::v1)
      io_mount = m;
    else if (const auto* m2 = h.mount_for("io"))
      io_mount = m2;
    if (io_mount)
      sources.push_back(
          {"io", io_mount->version == kernel::Version::v2 ? "io.stat" : "blkio.throttle.io_service_bytes_recursive",
           io_mount->mount_point, io_mount->version});
    pids_mount = h.mount_for("pids");
    if (pids_mount)
      sources.push_back({"tasks", "pids.current, pids.max, pids.events", pids_mount->mount_point, pids_mount->version});
    psi_mount = h.unified();
    if (psi_mount)
      sources.push_back(
          {"pressure", "cpu.pressure, memory.pressure, io.pressure", psi_mount->mount_point, kernel::Version::v2});
    walk_mounts.clear();
    for (const kernel::CgroupMount* m : {cpu_usage_mount, cpu_mount, mem_mount, io_mount, pids_mount, psi_mount})
      if (m && std::find(walk_mounts.begin(), walk_mounts.end(), m) == walk_mounts.end()) walk_mounts.push_back(m);
    if (!pids_mount && !walk_mounts.empty())
      sources.push_back({"tasks", "cgroup.procs (counted, this cgroup only)", walk_mounts.front()->mount_point,
                         walk_mounts.front()->version});
    if (virtlab::explaining())
      for (const auto& s : sources)
        virtlab::Explain::instance().note("source: " + s.metric + " ← " + s.mount + "/<cgroup>/{" + s.file + "} (" +
                                          (s.version == kernel::Version::v2 ? "cgroup2" : "v1") + ")");
  }

  void setup_node(Node& n) {
    auto at = [&](const kernel::CgroupMount* m, const char* file) {
      return m ? join(m->mount_point, n.rel) + "/" + file : "";
    };
    if (cpu_usage_mount) {
      if (cpu_usage_mount->version == kernel::Version::v1) {
        n.cpu_usage.path = at(cpu_usage_mount, "cpuacct.usage");
      } else {
        n.usage_in_cpu_stat = true;
        n.cpu_usage.path = at(cpu_usage_mount, "cpu.stat");
      }
    }
    if (cpu_mount) {
      n.cpu_version = cpu_mount->version;
      if (cpu_mount->version == kernel::Version::v2) {
        if (!(n.usage_in_cpu_stat && cpu_usage_mount == cpu_mount)) n.cpu_stat.path = at(cpu_mount, "cpu.stat");
        n.cpu_max.path = at(cpu_mount, "cpu.max");
      } else {
        n.cpu_stat.path = at(cpu_mount, "cpu.stat");
        n.cpu_quota.path = at(cpu_mount, "cpu.cfs_quota_us");
        n.cpu_period.path = at(cpu_mount, "cpu.cfs_period_us");
      }
    }
    if (mem_mount) {
      n.mem_version = mem_mount->version;
      bool v2 = mem_mount->version == kernel::Version::v2;
      n.mem_current.path = at(mem_mount, v2 ? "memory.current" : "memory.usage_in_bytes");
      n.mem_limit.path = at(mem_mount, v2 ? "memory.max" : "memory.limit_in_bytes");
      n.mem_stat.path = at(mem_mount, "memory.stat");
      n.mem_peak.path = at(mem_mount, v2 ? "memory.peak" : "memory.max_usage_in_bytes");
      n.mem_events.path = at(mem_mount, v2 ? "memory.events" : "memory.oom_control");
      n.mem_swap.path = at(mem_mount, v2 ? "memory.swap.current" : "memory.memsw.usage_in_bytes");
    }
    if (io_mount) {
      n.io_version = io_mount->version;
      n.io.path = at(
          io_mount, io_mount->version == kernel::Version::v2 ? "io.stat" : "blkio.throttle.io_service_bytes_recursive");
    }
    if (pids_mount) {
      n.pids_current.path = at(pids_mount, "pids.current");
      n.pids_max.path = at(pids_mount, "pids.max");
      n.pids_events.path = at(pids_mount, "pids.events");
    } else if (!walk_mounts.empty()) {
      n.procs.path = at(walk_mounts.front(), "cgroup.procs");
    }
    if (psi_mount) {
      n.psi_cpu.path = at(psi_mount, "cpu.pressure");
      n.psi_mem.path = at(psi_mount, "memory.pressure");
      n.psi_io.path = at(psi_mount, "io.pressure");
    }
  }

  void walk(const kernel::CgroupMount& m, const std::string& rel, int depth, std::map<std::string, Node>& found) {
    std::string dir = join(m.mount_point, rel);
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
    std::string key = order_key(rel);
    auto it = found.find(key);
    if (it == found.end()) {
      auto old = nodes.find(key);
      if (old != nodes.end() && old->second.inode == st.st_ino && old->second.alive) {
        it = found.emplace(key, std::move(old->second)).first;  // keep its open files and previous values
        nodes.erase(old);
        it->second.depth = depth;  // relative to the sampled root, which focusing moves
      } else {
        Node n;
        n.rel = rel;
        n.depth = depth;
        n.inode = st.st_ino;
        n.name = name_cgroup(rel, engines);
        setup_node(n);
        // Tasks fallback when the pids hierarchy lacks this cgroup: count cgroup.procs where we found it.
        if (!n.procs.used()) n.procs.path = dir + "/cgroup.procs";
        it = found.emplace(key, std::move(n)).first;
      }
    }
    if (inotify)
      ::inotify_add_watch(inotify.get(), dir.c_str(), IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR);
    if (opt.max_depth >= 0 && depth >= opt.max_depth) return;
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> children;
    while (dirent* e = ::readdir(d)) {
      if (e->d_type != DT_DIR || e->d_name[0] == '.') continue;
      children.emplace_back(e->d_name);
    }
    ::closedir(d);
    for (const auto& c : children) {
      std::string child = rel == "/" ? std::string() : rel;
      child += '/';
      child += c;
      walk(m, child, depth + 1, found);
    }
  }

  void rescan() {
    ++rescans;
    std::map<std::string, Node> found;
    if (!inotify) {
      inotify.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
      virtlab::explain("inotify_init1", "IN_NONBLOCK|IN_CLOEXEC",
                       inotify ? "fd " + std::to_string(inotify.get()) : virtlab::errno_result(errno),
                       "directory create/remove events tell us when to re-walk the tree");
    }
    for (const kernel::CgroupMount* m : walk_mounts) walk(*m, opt.root, 0, found);
    nodes = std::move(found);  // nodes not found again are closed here
    need_rescan = false;
    virtlab::explain(
        "walk",
        opt.root + " in " + std::to_string(walk_mounts.size()) + " hierarch" + (walk_mounts.size() == 1 ? "y" : "ies"),
        std::to_string(nodes.size()) + " cgroups", "opendir/readdir + inotify_add_watch per directory");
    if (nodes.empty())
      throw virtlab::Error(virtlab::ExitCode::not_found, "cgroup " + opt.root + " does not exist in any hierarchy",
                           "list the tree with: cgtop -b -n 1");
  }

  void drain_inotify() {
    if (!inotify) return;
    alignas(inotify_event) char ev[4096];
    for (;;) {
      ssize_t n = ::read(inotify.get(), ev, sizeof ev);
      if (n <= 0) break;
      for (ssize_t off = 0; off < n;) {
        auto* e = reinterpret_cast<inotify_event*>(ev + off);
        if (e->mask & (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)) need_rescan = true;
        off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
  }

  // Root of the whole machine on v2 has no memory.current / pids.current: take them from /proc like systemd-cgtop.
  void fill_root_from_proc(CgroupSample& s) {
    // Always for memory: a v1 root's usage_in_bytes leaves out kernel memory its children are charged for, so
    // it can read less than their sum; MemTotal − MemFree covers everything.
    {
      auto text = virtlab::try_read_file("/proc/meminfo");
      if (text) {
        std::optional<std::uint64_t> total, free, inactive_file;
        for (auto line : virtlab::split_lines(*text)) {
          auto f = virtlab::split_whitespace(line);
          if (f.size() < 2) continue;
          auto v = virtlab::parse_u64(f[1]);
          if (!v) continue;
          if (f[0] == "MemTotal:")
            total = *v * 1024;
          else if (f[0] == "MemFree:")
            free = *v * 1024;
          else if (f[0] == "Inactive(file):")
            inactive_file = *v * 1024;
        }
        if (total && free) {
          s.memory_current = *total - *free;
          s.memory_limit = *total;
          s.memory_limited = false;
          if (inactive_file) {
            s.inactive_file = inactive_file;
            s.working_set = *s.memory_current > *inactive_file ? *s.memory_current - *inactive_file : 0;
          }
        }
      }
    }
    if (!s.tasks || s.tasks_counted) {  // the root's cgroup.procs misses tasks in child cgroups
      if (auto text = virtlab::try_read_file("/proc/loadavg")) {
        auto f = virtlab::split_whitespace(*text);
        if (f.size() >= 4) {
          auto slash = f[3].find('/');
          if (slash != std::string_view::npos) {
            s.tasks = virtlab::parse_u64(f[3].substr(slash + 1));
            s.tasks_counted = false;
          }
        }
      }
    }
  }

  // One file of the cgroup into buf; a file that vanished means the whole cgroup went away meanwhile.
  bool read_slot(FileSlot& slot, bool& gone) {
    auto r = slot.read(storage, buf);
    if (r == ReadResult::gone) gone = true;
    return r == ReadResult::ok;
  }

  // cpu.stat / cpuacct.usage, throttling and the quota; returns the usage counter for the rate.
  std::optional<std::uint64_t> sample_cpu(Node& n, CgroupSample& s, bool& gone) {
    std::optional<std::uint64_t> usage;
    std::optional<std::map<std::string, std::uint64_t, std::less<>>> cpu_kv;
    if (read_slot(n.cpu_usage, gone)) {
      if (n.usage_in_cpu_stat) {
        cpu_kv = parse_flat_keyed(buf);
        if (auto u = lookup(*cpu_kv, "usage_usec")) usage = *u * 1000;
      } else {
        usage = parse_counter(buf);
      }
    }
    s.cpu_usage_ns = usage;
    if (n.cpu_stat.used() && read_slot(n.cpu_stat, gone)) cpu_kv = parse_flat_keyed(buf);
    if (cpu_kv && (n.cpu_stat.used() || n.cpu_version == kernel::Version::v2)) {
      s.nr_periods = lookup(*cpu_kv, "nr_periods");
      s.nr_throttled = lookup(*cpu_kv, "nr_throttled");
      if (auto t = lookup(*cpu_kv, "throttled_usec"))
        s.throttled_ns = *t * 1000;
      else
        s.throttled_ns = lookup(*cpu_kv, "throttled_time");
    }
    if (n.cpu_max.used() && read_slot(n.cpu_max, gone)) s.cpu_max = parse_cpu_max(buf);
    if (n.cpu_quota.used()) {
      std::string q;
      if (read_slot(n.cpu_quota, gone)) {
        q = buf;
        if (read_slot(n.cpu_period, gone)) s.cpu_max = parse_cfs_quota(q, buf);
      }
    }
    return usage;
  }

  void sample_memory(Node& n, CgroupSample& s, bool& gone) {
    if (read_slot(n.mem_current, gone)) s.memory_current = parse_counter(buf);
    if (read_slot(n.mem_limit, gone)) {
      auto lim = parse_number_or_max(buf);
      if (lim.valid) {
        s.memory_limited = lim.value.has_value();
        s.memory_limit = lim.value;
      }
    }
    if (read_slot(n.mem_stat, gone)) {
      s.inactive_file =
          find_flat_key(buf, n.mem_version == kernel::Version::v2 ? "inactive_file" : "total_inactive_file");
      if (!s.inactive_file) s.inactive_file = find_flat_key(buf, "inactive_file");
    }
    if (s.memory_current && s.inactive_file)
      s.working_set = *s.memory_current > *s.inactive_file ? *s.memory_current - *s.inactive_file : 0;
    if (read_slot(n.mem_peak, gone)) s.memory_peak = parse_counter(buf);
    if (read_slot(n.mem_events, gone)) {
      auto kv = parse_flat_keyed(buf);
      s.oom_kills = lookup(kv, "oom_kill");
      if (n.mem_version == kernel::Version::v2) {
        s.oom_events = lookup(kv, "oom");
        s.memory_max_events = lookup(kv, "max");
      }
    }
    if (read_slot(n.mem_swap, gone)) {
      auto v = parse_counter(buf);
      if (v && n.mem_version == kernel::Version::v2)
        s.swap_current = v;
      else if (v && s.memory_current)
        s.swap_current = *v > *s.memory_current ? *v - *s.memory_current : 0;
    }
  }

  void sample_io(Node& n, CgroupSample& s, bool& gone) {
    if (!read_slot(n.io, gone)) return;
    if (n.io_version == kernel::Version::v2) {
      auto t = parse_io_stat(buf);
      s.io_read_bytes = t.read_bytes;
      s.io_write_bytes = t.write_bytes;
    } else {
      auto t = parse_blkio_service(buf);
      s.io_read_bytes = t.read;
      s.io_write_bytes = t.write;
    }
  }

  void sample_tasks(Node& n, CgroupSample& s, bool& gone) {
    if (read_slot(n.pids_current, gone)) s.tasks = parse_counter(buf);
    if (read_slot(n.pids_max, gone)) {
      auto v = parse_number_or_max(buf);
      if (v.valid) s.pids_max = v.value;
    }
    if (read_slot(n.pids_events, gone)) s.pids_max_events = find_flat_key(buf, "max");
    if (!s.tasks && n.procs.used() && read_slot(n.procs, gone)) {
      s.tasks = count_lines(buf);
      s.tasks_counted = true;
    }
  }

  void sample_pressure(Node& n, CgroupSample& s, bool& gone) {
    if (read_slot(n.psi_cpu, gone)) s.cpu_pressure = parse_pressure(buf);
    if (read_slot(n.psi_mem, gone)) s.memory_pressure = parse_pressure(buf);
    if (read_slot(n.psi_io, gone)) s.io_pressure = parse_pressure(buf);
  }

  // Rates against the previous refresh of the same cgroup (same inode); then this sample becomes the previous.
  static void update_rates(Node& n, std::uint64_t now_ns, std::optional<std::uint64_t> usage, CgroupSample& s) {
    if (n.has_prev && now_ns > n.prev_time_ns) {
      double dt = static_cast<double>(now_ns - n.prev_time_ns);
      if (usage && n.prev_usage && *usage >= *n.prev_usage)
        s.cpu_percent = static_cast<double>(*usage - *n.prev_usage) / dt * 100.0;
      if (s.nr_periods && s.nr_throttled && n.prev_periods && n.prev_throttled && *s.nr_periods > *n.prev_periods)
        s.throttled_percent = static_cast<double>(*s.nr_throttled - *n.prev_throttled) /
                              static_cast<double>(*s.nr_periods - *n.prev_periods) * 100.0;
      else if (s.nr_periods && n.prev_periods)
        s.throttled_percent = 0.0;
      if (s.io_read_bytes && n.prev_read && *s.io_read_bytes >= *n.prev_read)
        s.io_read_bps = static_cast<double>(*s.io_read_bytes - *n.prev_read) / dt * 1e9;
      if (s.io_write_bytes && n.prev_write && *s.io_write_bytes >= *n.prev_write)
        s.io_write_bps = static_cast<double>(*s.io_write_bytes - *n.prev_write) / dt * 1e9;
    }
    n.has_prev = true;
    n.prev_time_ns = now_ns;
    n.prev_usage = usage;
    n.prev_periods = s.nr_periods;
    n.prev_throttled = s.nr_throttled;
    n.prev_read = s.io_read_bytes;
    n.prev_write = s.io_write_bytes;
  }

  bool sample(Node& n, std::uint64_t now_ns, CgroupSample& s) {
    s.path = n.rel;
    s.inode = n.inode;
    s.depth = n.depth;
    s.name = n.name;
    bool gone = false;
    const std::optional<std::uint64_t> usage = sample_cpu(n, s, gone);
    sample_memory(n, s, gone);
    sample_io(n, s, gone);
    sample_tasks(n, s, gone);
    sample_pressure(n, s, gone);
    if (gone) return false;
    if (n.rel == "/" && opt.root == "/" && opt.root_from_proc) fill_root_from_proc(s);
    update_rates(n, now_ns, usage, s);
    return true;
  }

  const Snapshot& refresh() {
    drain_inotify();
    if (need_rescan) rescan();
    std::uint64_t now = monotonic_ns();
    Snapshot next;
    next.wall_time = std::chrono::system_clock::now();
    next.layout = h.layout;
    next.cpus = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
    next.sources = sources;
    next.refresh = ++refreshes;
    next.rows.reserve(nodes.size());
    std::size_t opened_before = 0;
    bool first = refreshes == 1;
    if (first)
      for (const auto& [k, n] : nodes) opened_before += n.open_count();
    for (auto& [key, n] : nodes) {
      CgroupSample s;
      if (sample(n, now, s)) {
        next.rows.push_back(std::move(s));
      } else {
        n.alive = false;  // ENOENT/ENODEV: removed mid-read — the row disappears, the tree is re-walked next time
        need_rescan = true;
      }
    }
    if (virtlab::explaining()) {
      std::size_t open = 0;
      for (const auto& [k, n] : nodes) open += n.open_count();
      virtlab::explain(first ? "openat + pread" : "pread", std::to_string(nodes.size()) + " cgroups",
                       std::to_string(open) + " kept-open files read at offset 0" +
                           (first ? " (" + std::to_string(open - opened_before) + " opened)" : ""),
                       first ? "files stay open; later refreshes only pread them" : "");
    }
    next.rescans = rescans;
    if (!snap.rows.empty() || snap.refresh) next.interval_s = static_cast<double>(now - last_ns) / 1e9;
    last_ns = now;
    snap = std::move(next);
    return snap;
  }
  std::uint64_t last_ns = 0;
};

Sampler::Sampler(const kernel::Hierarchy& hierarchy, SamplerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->h = hierarchy;
  impl_->opt = std::move(options);
  if (impl_->opt.root.empty() || impl_->opt.root.front() != '/') impl_->opt.root = "/" + impl_->opt.root;
  while (impl_->opt.root.size() > 1 && impl_->opt.root.back() == '/') impl_->opt.root.pop_back();
  if (hierarchy.layout == kernel::Layout::none)
    throw virtlab::Error(virtlab::ExitCode::unsupported, "no cgroup hierarchy is mounted",
                         "mount cgroup2: mount -t cgroup2 none /sys/fs/cgroup");
  raise_fd_limit();
  impl_->plan();
}
Sampler::~Sampler() = default;
const Snapshot& Sampler::refresh() {
  return impl_->refresh();
}
const Snapshot& Sampler::last() const {
  return impl_->snap;
}
const std::vector<MetricSource>& Sampler::sources() const {
  return impl_->sources;
}
void Sampler::set_options(SamplerOptions options) {
  if (options.root.empty() || options.root.front() != '/') options.root = "/" + options.root;
  while (options.root.size() > 1 && options.root.back() == '/') options.root.pop_back();
  impl_->opt = std::move(options);
  impl_->need_rescan = true;
}
const SamplerOptions& Sampler::options() const {
  return impl_->opt;
}
std::size_t Sampler::open_files() const {
  std::size_t n = 0;
  for (const auto& [k, node] : impl_->nodes) n += node.open_count();
  return n;
}

}  // namespace virtlab::cgtop
