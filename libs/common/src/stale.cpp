#include "virtlab/stale.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab {

namespace {

namespace fs = std::filesystem;

// The tools whose objects carry an owner, by the prefix of the object's name.
struct KnownPrefix {
  std::string_view prefix;
  std::string_view tool;
};
constexpr KnownPrefix kCgroupPrefixes[] = {{"run", "cgtop run"}, {"nsenter-lite", "nsenter-lite run"}};
constexpr std::string_view kStateRoot = "/run/virtlab";
constexpr std::string_view kTmpPrefix =
    "nsenter-lite-";  // /tmp/nsenter-lite-<tag>: nsenter-lite run --layers, not root

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> list_dir(const std::string& path, bool dirs_only) {
  std::vector<std::string> names;
  DIR* d = ::opendir(path.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    if (dirs_only && e->d_type != DT_DIR && e->d_type != DT_UNKNOWN) continue;
    names.emplace_back(n);
  }
  ::closedir(d);
  return names;
}

// The directory and its sub-directories, deepest first (the order rmdir needs).
std::vector<std::string> subtree_depth_first(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& child : list_dir(dir, true)) {
    auto below = subtree_depth_first(dir + "/" + child);
    out.insert(out.end(), below.begin(), below.end());
  }
  out.push_back(dir);
  return out;
}

std::set<pid_t> pids_in(const std::vector<std::string>& cgroup_dirs) {
  std::set<pid_t> pids;
  for (const auto& top : cgroup_dirs)
    for (const auto& dir : subtree_depth_first(top)) {
      // Named: split_lines gives views into the text, and a temporary in a range-for's initializer dies before the
      // loop runs (ASan: heap-use-after-free).
      const std::string procs = try_read_file(dir + "/cgroup.procs").value_or("");
      for (auto line : split_lines(procs))
        if (auto v = parse_i64(trim(line)); v && *v > 0) pids.insert(static_cast<pid_t>(*v));
    }
  return pids;
}

// Kills every process in the cgroup directories: cgroup.kill where it exists (cgroup2, Linux 5.14+), then SIGKILL to
// each pid listed until all cgroup.procs are empty (≤ 2 s; a task leaves cgroup.procs once it has exited).
bool kill_everything_in(const std::vector<std::string>& dirs) {
  for (const auto& dir : dirs) {
    std::string kill_file = dir + "/cgroup.kill";
    if (::access(kill_file.c_str(), W_OK) != 0) continue;
    try {
      write_file(kill_file, "1");
      explain("write", kill_file, "1", "the kernel kills every process in the cgroup and below");
    } catch (const std::exception&) {
    }
  }
  for (int round = 0; round < 400; ++round) {
    auto pids = pids_in(dirs);
    if (pids.empty()) return true;
    for (pid_t p : pids) ::kill(p, SIGKILL);
    if (round == 0)
      explain("kill", std::to_string(pids.size()) + " pids", "SIGKILL", "processes the dead owner left running");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

// rmdir with a short retry: a cgroup stays busy for a moment after its last task was killed.
int rmdir_retrying(const std::string& dir) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (::rmdir(dir.c_str()) == 0 || errno == ENOENT) return 0;
    if (errno != EBUSY) return errno;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return EBUSY;
}

RemoveOutcome remove_cgroup(const Leftover& l, std::string* error) {
  if (!kill_everything_in(l.paths)) {
    if (error) *error = "processes are still inside after 2 s";
    return RemoveOutcome::failed;
  }
  for (const auto& top : l.paths) {
    for (const auto& dir : subtree_depth_first(top)) {
      int err = rmdir_retrying(dir);
      explain("rmdir", dir, err ? errno_result(err) : "0", "left by a dead owner");
      if (err) {
        if (error) *error = "rmdir " + dir + ": " + errno_result(err);
        return RemoveOutcome::failed;
      }
    }
    // The shared "virtlab" parent goes when it became empty; ENOTEMPTY/EBUSY = another run still uses it.
    std::string parent = fs::path(top).parent_path().string();
    if (::rmdir(parent.c_str()) == 0) explain("rmdir", parent, "0", "the virtlab parent was empty");
  }
  return RemoveOutcome::removed;
}

bool something_mounted_below(const std::string& dir) {
  std::string mountinfo = try_read_file("/proc/self/mountinfo", 16u << 20).value_or("");
  for (auto line : split_lines(mountinfo)) {
    auto f = split_whitespace(line);
    if (f.size() > 4 && (f[4] == dir || starts_with(f[4], dir + "/"))) return true;
  }
  return false;
}

RemoveOutcome remove_state_dir(const Leftover& l, std::string* error) {
  for (const auto& dir : l.paths) {
    if (something_mounted_below(dir)) {
      if (error) *error = "something is mounted below " + dir + " (see findmnt -R " + dir + ")";
      return RemoveOutcome::failed;
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    explain("unlinkat/rmdir (recursive)", dir, ec ? errno_result(ec.value()) : "0", "state of a dead owner");
    if (ec) {
      if (error) *error = "cannot remove " + dir + ": " + ec.message();
      return RemoveOutcome::failed;
    }
  }
  return RemoveOutcome::removed;
}

void judge(Leftover& l) {
  if (l.owner) l.state = owner_state(*l.owner);
}

void collect_cgroups(std::map<std::string, Leftover>& by_name, const std::vector<std::string>& mounts) {
  for (const auto& mount : mounts) {
    const std::string parent = mount + "/virtlab";
    for (const auto& name : list_dir(parent, true)) {
      Leftover& l = by_name[name];
      l.kind = LeftoverKind::cgroup;
      l.name = name;
      l.paths.push_back(parent + "/" + name);
    }
  }
  for (auto& [name, l] : by_name) {
    for (const auto& known : kCgroupPrefixes) {
      if (auto owned = parse_owned_name(name, known.prefix)) {
        l.owner = owned->owner;
        l.tool = std::string(known.tool);
        break;
      }
    }
    judge(l);
    l.tasks = pids_in(l.paths).size();
  }
}

void collect_state_dirs(std::vector<Leftover>& out, bool include_tmp) {
  for (const auto& tool : list_dir(std::string(kStateRoot), true)) {
    const std::string dir = std::string(kStateRoot) + "/" + tool;
    for (const auto& name : list_dir(dir, true)) {
      auto owned = parse_owned_name(name, "");
      if (!owned) continue;  // not ours to judge (e.g. a cache)
      Leftover l{LeftoverKind::state_dir, name, tool + " run", {dir + "/" + name}, owned->owner, {}, 0};
      judge(l);
      out.push_back(std::move(l));
    }
  }
  if (!include_tmp) return;
  for (const auto& name : list_dir("/tmp", true)) {
    if (!starts_with(name, kTmpPrefix)) continue;
    auto owned = parse_owned_name(std::string_view(name).substr(kTmpPrefix.size()), "");
    if (!owned) continue;
    Leftover l{LeftoverKind::state_dir, name, "nsenter-lite run", {"/tmp/" + name}, owned->owner, {}, 0};
    judge(l);
    out.push_back(std::move(l));
  }
}

}  // namespace

Owner self_owner() {
  static const Owner self = [] {
    Owner o;
    o.pid = ::getpid();
    o.start_ticks = parse_stat_start_ticks(try_read_file("/proc/self/stat").value_or(""));
    return o;
  }();
  return self;
}

std::string owner_tag(const Owner& owner) {
  std::string tag = std::to_string(owner.pid);
  if (owner.start_ticks) tag += "-" + std::to_string(*owner.start_ticks);
  return tag;
}

std::optional<OwnedName> parse_owned_name(std::string_view name, std::string_view expected_prefix) {
  std::string_view rest = name;
  if (!expected_prefix.empty()) {
    if (!starts_with(rest, expected_prefix) || rest.size() <= expected_prefix.size() ||
        rest[expected_prefix.size()] != '-')
      return std::nullopt;
    rest.remove_prefix(expected_prefix.size() + 1);
  }
  auto dash = rest.find('-');
  std::string_view pid_text = rest.substr(0, dash);
  std::string_view start_text = dash == std::string_view::npos ? std::string_view{} : rest.substr(dash + 1);
  if (!all_digits(pid_text) || (dash != std::string_view::npos && !all_digits(start_text))) return std::nullopt;
  auto pid = parse_u64(pid_text);
  if (!pid || *pid == 0 || *pid > 0x3fffffff) return std::nullopt;
  OwnedName out;
  out.prefix = std::string(expected_prefix);
  out.owner.pid = static_cast<pid_t>(*pid);
  if (dash != std::string_view::npos) {
    out.owner.start_ticks = parse_u64(start_text);
    if (!out.owner.start_ticks) return std::nullopt;
  }
  return out;
}

std::optional<std::uint64_t> parse_stat_start_ticks(std::string_view stat_text) {
  // "pid (comm) state ppid …": comm may contain ") ", so fields are counted after the LAST ')'.
  auto close = stat_text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  auto fields = split_whitespace(stat_text.substr(close + 1));
  // fields[0] is field 3 (state), so field 22 is fields[19].
  if (fields.size() < 20) return std::nullopt;
  return parse_u64(fields[19]);
}

std::string_view to_string(OwnerState state) noexcept {
  switch (state) {
    case OwnerState::alive:
      return "alive";
    case OwnerState::dead:
      return "dead";
    case OwnerState::pid_reused:
      return "pid reused";
  }
  return "dead";
}

OwnerState judge_owner(const Owner& owner, const std::optional<std::string>& owner_stat) {
  if (!owner_stat) return OwnerState::dead;
  if (!owner.start_ticks) return OwnerState::alive;
  auto start = parse_stat_start_ticks(*owner_stat);
  if (!start) return OwnerState::alive;  // unreadable: never take a live owner for dead
  return *start == *owner.start_ticks ? OwnerState::alive : OwnerState::pid_reused;
}

OwnerState owner_state(const Owner& owner) {
  std::string path = "/proc/" + std::to_string(owner.pid) + "/stat";
  auto text = try_read_file(path);
  if (!text && errno != ENOENT && errno != ESRCH) return OwnerState::alive;  // cannot tell: keep
  return judge_owner(owner, text);
}

std::vector<std::string> cgroup_mount_points(std::string_view mountinfo) {
  std::vector<std::string> points;
  std::set<std::string> devices;
  for (auto line : split_lines(mountinfo)) {
    auto dash = line.find(" - ");
    if (dash == std::string_view::npos) continue;
    auto tail = split_whitespace(line.substr(dash + 3));
    if (tail.empty() || (tail[0] != "cgroup" && tail[0] != "cgroup2")) continue;
    auto f = split_whitespace(line.substr(0, dash));
    if (f.size() < 5 || !devices.insert(std::string(f[2])).second) continue;
    // Mount points escape space, tab, newline and backslash as \ooo.
    std::string point;
    std::string_view raw = f[4];
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 3 < raw.size() && all_digits(raw.substr(i + 1, 3))) {
        point.push_back(static_cast<char>((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0')));
        i += 3;
      } else {
        point.push_back(raw[i]);
      }
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::string_view to_string(LeftoverKind kind) noexcept {
  return kind == LeftoverKind::cgroup ? "cgroup" : "state-dir";
}

std::string_view to_string(RemoveOutcome outcome) noexcept {
  switch (outcome) {
    case RemoveOutcome::removed:
      return "removed";
    case RemoveOutcome::kept_owner_alive:
      return "kept (owner alive)";
    case RemoveOutcome::kept_unowned:
      return "kept (no owner in the name)";
    case RemoveOutcome::failed:
      return "failed";
  }
  return "failed";
}

std::vector<std::string> cgroup_mount_points() {
  return cgroup_mount_points(try_read_file("/proc/self/mountinfo", 16u << 20).value_or(""));
}

std::vector<Leftover> find_leftovers() {
  std::map<std::string, Leftover> cgroups;
  collect_cgroups(cgroups, cgroup_mount_points());
  std::vector<Leftover> out;
  for (auto& [name, l] : cgroups) out.push_back(std::move(l));
  collect_state_dirs(out, true);
  explain("readdir", "virtlab/ in every cgroup hierarchy, /run/virtlab/*, /tmp/nsenter-lite-*",
          std::to_string(out.size()) + " objects", "objects of virtlab tools, named <tool>-<owner pid>-<start time>");
  return out;
}

RemoveOutcome remove_leftover(const Leftover& leftover, std::string* error) {
  if (!leftover.owner || !leftover.state) return RemoveOutcome::kept_unowned;
  // Judged again right now: the answer find_leftovers gave may be old.
  if (owner_state(*leftover.owner) == OwnerState::alive) return RemoveOutcome::kept_owner_alive;
  return leftover.kind == LeftoverKind::cgroup ? remove_cgroup(leftover, error) : remove_state_dir(leftover, error);
}

std::vector<std::string> remove_empty_virtlab_parents() {
  std::vector<std::string> removed;
  for (const auto& mount : cgroup_mount_points()) {
    const std::string parent = mount + "/virtlab";
    if (!list_dir(parent, true).empty() || ::access(parent.c_str(), F_OK) != 0) continue;
    if (::rmdir(parent.c_str()) == 0) {
      explain("rmdir", parent, "0", "an empty virtlab parent");
      removed.push_back(parent);
    }
  }
  return removed;
}

ReapSummary reap_stale(const ReapScope& scope) {
  ReapSummary summary;
  std::map<std::string, Leftover> cgroups;
  collect_cgroups(cgroups, scope.cgroup_mounts);
  std::vector<Leftover> found;
  for (auto& [name, l] : cgroups) found.push_back(std::move(l));
  if (scope.state_dirs) collect_state_dirs(found, false);
  for (const auto& l : found) {
    if (!l.stale()) continue;
    std::string why;
    RemoveOutcome outcome = remove_leftover(l, &why);
    if (outcome == RemoveOutcome::removed) ++summary.removed;
    if (outcome == RemoveOutcome::failed) ++summary.failed;
  }
  explain("reap",
          std::to_string(scope.cgroup_mounts.size()) + " hierarchies' virtlab/" +
              (scope.state_dirs ? ", /run/virtlab/*" : ""),
          std::to_string(summary.removed) + " removed, " + std::to_string(summary.failed) + " failed",
          "objects whose owner died without cleaning up (SIGKILL) go before we make new ones");
  return summary;
}

}  // namespace virtlab
