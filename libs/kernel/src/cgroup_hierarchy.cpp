#include "virtlab/kernel/cgroup_hierarchy.hpp"

#include <algorithm>
#include <cerrno>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

namespace virtlab::kernel {

using virtlab::split_lines;
using virtlab::split_whitespace;

std::string_view to_string(Layout layout) noexcept {
  switch (layout) {
    case Layout::v1:
      return "v1";
    case Layout::v2:
      return "v2";
    case Layout::hybrid:
      return "hybrid";
    case Layout::none:
      break;
  }
  return "none";
}

std::string unescape_mount_field(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3' && field[i + 2] >= '0' &&
        field[i + 2] <= '7' && field[i + 3] >= '0' && field[i + 3] <= '7') {
      out.push_back(static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
      i += 3;
    } else {
      out.push_back(field[i]);
    }
  }
  return out;
}

static std::vector<std::string> split_char(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::vector<MountInfoEntry> parse_mountinfo(std::string_view text) {
  std::vector<MountInfoEntry> entries;
  for (auto line : split_lines(text)) {
    auto fields = split_whitespace(line);
    // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
    auto dash = std::find(fields.begin(), fields.end(), std::string_view("-"));
    if (fields.size() < 7 || dash == fields.end() || dash - fields.begin() < 6 || fields.end() - dash < 3) continue;
    MountInfoEntry e;
    auto id = virtlab::parse_i64(fields[0]);
    auto parent = virtlab::parse_i64(fields[1]);
    if (!id || !parent) continue;
    e.mount_id = static_cast<int>(*id);
    e.parent_id = static_cast<int>(*parent);
    e.root = unescape_mount_field(fields[3]);
    e.mount_point = unescape_mount_field(fields[4]);
    e.fs_type = std::string(dash[1]);
    e.source = unescape_mount_field(dash[2]);
    if (fields.end() - dash >= 4) e.super_options = split_char(dash[3], ',');
    entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<ControllerRow> parse_proc_cgroups(std::string_view text) {
  std::vector<ControllerRow> rows;
  for (auto line : split_lines(text)) {
    if (line.empty() || line.front() == '#') continue;
    auto f = split_whitespace(line);
    if (f.size() < 4) continue;
    auto h = virtlab::parse_i64(f[1]);
    auto n = virtlab::parse_u64(f[2]);
    auto en = virtlab::parse_i64(f[3]);
    if (!h || !n || !en) continue;
    rows.push_back({std::string(f[0]), static_cast<int>(*h), *n, *en != 0});
  }
  return rows;
}

std::vector<MembershipRow> parse_proc_pid_cgroup(std::string_view text) {
  std::vector<MembershipRow> rows;
  for (auto line : split_lines(text)) {
    auto c1 = line.find(':');
    if (c1 == std::string_view::npos) continue;
    auto c2 = line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    auto h = virtlab::parse_i64(line.substr(0, c1));
    if (!h) continue;
    MembershipRow row;
    row.hierarchy = static_cast<int>(*h);
    row.controllers = split_char(line.substr(c1 + 1, c2 - c1 - 1), ',');
    row.path = std::string(line.substr(c2 + 1));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool CgroupMount::has(std::string_view controller) const {
  return std::find(controllers.begin(), controllers.end(), controller) != controllers.end();
}

const CgroupMount* Hierarchy::unified() const {
  for (const auto& m : mounts)
    if (m.version == Version::v2) return &m;
  return nullptr;
}

const CgroupMount* Hierarchy::mount_for(std::string_view controller) const {
  for (const auto& m : mounts)
    if (m.version == Version::v1 && m.has(controller)) return &m;
  for (const auto& m : mounts)
    if (m.version == Version::v2 && m.has(controller)) return &m;
  return nullptr;
}

bool Hierarchy::kernel_has(std::string_view controller) const {
  if (controller == "io") controller = "blkio";  // /proc/cgroups names the v2 io controller by its v1 name
  for (const auto& c : controllers)
    if (c.name == controller) return c.enabled;
  return false;
}

Hierarchy build_hierarchy(std::string_view mountinfo, std::string_view proc_cgroups,
                          std::string_view v2_root_controllers) {
  Hierarchy h;
  h.controllers = parse_proc_cgroups(proc_cgroups);
  std::vector<CgroupMount> v1;
  std::optional<CgroupMount> v2;
  for (auto& e : parse_mountinfo(mountinfo)) {
    if (e.fs_type == "cgroup2") {
      if (v2) continue;  // the same hierarchy mounted twice: keep the first
      CgroupMount m;
      m.version = Version::v2;
      m.mount_point = e.mount_point;
      m.root = e.root;
      for (auto w : split_whitespace(v2_root_controllers)) m.controllers.emplace_back(w);
      v2 = std::move(m);
    } else if (e.fs_type == "cgroup") {
      CgroupMount m;
      m.version = Version::v1;
      m.mount_point = e.mount_point;
      m.root = e.root;
      for (const auto& opt : e.super_options) {
        if (opt.rfind("name=", 0) == 0) {
          m.name = opt.substr(5);
        } else if (std::any_of(h.controllers.begin(), h.controllers.end(),
                               [&](const ControllerRow& c) { return c.name == opt; })) {
          m.controllers.push_back(opt);
        }
      }
      // A hierarchy is identified by its controller set (or name); skip repeated bind mounts of it.
      bool seen = std::any_of(v1.begin(), v1.end(),
                              [&](const CgroupMount& o) { return o.controllers == m.controllers && o.name == m.name; });
      if (!seen) v1.push_back(std::move(m));
    }
  }
  if (v2) h.mounts.push_back(std::move(*v2));
  bool any_v1_controller = false;
  for (auto& m : v1) {
    if (!m.controllers.empty()) any_v1_controller = true;
    h.mounts.push_back(std::move(m));
  }
  const bool has_v2 = h.unified() != nullptr;
  if (has_v2 && any_v1_controller)
    h.layout = Layout::hybrid;
  else if (has_v2)
    h.layout = Layout::v2;
  else if (any_v1_controller)
    h.layout = Layout::v1;
  else
    h.layout = Layout::none;
  return h;
}

Hierarchy discover() {
  virtlab::Explain::instance().note("discover the cgroup hierarchies");
  // read_file logs the open and read; the parse steps say what the bytes mean.
  std::string mountinfo = virtlab::read_file("/proc/self/mountinfo", 16u << 20, "is /proc mounted?");
  const auto entries = parse_mountinfo(mountinfo);
  virtlab::explain("parse", "/proc/self/mountinfo",
                   std::to_string(std::count_if(entries.begin(), entries.end(),
                                                [](const auto& e) { return e.fs_type.rfind("cgroup", 0) == 0; })) +
                       " cgroup mounts",
                   "lines with file system type cgroup (v1) or cgroup2 (v2) are the hierarchies");
  std::string cgroups = virtlab::try_read_file("/proc/cgroups").value_or("");
  virtlab::explain("parse", "/proc/cgroups",
                   std::to_string(std::count(cgroups.begin(), cgroups.end(), '\n')) + " lines",
                   "controllers the kernel has; hierarchy 0 = not on a v1 hierarchy");
  std::string v2_controllers;
  {
    for (const auto& e : entries) {
      if (e.fs_type != "cgroup2") continue;
      std::string path = e.mount_point + "/cgroup.controllers";
      auto text = virtlab::try_read_file(path);
      int err = errno;
      virtlab::explain("parse", path,
                       text ? virtlab::trim(*text).empty() ? "(no controllers)" : std::string(virtlab::trim(*text))
                            : virtlab::errno_result(err),
                       "controllers available on the cgroup2 hierarchy");
      if (text) v2_controllers = *text;
      break;
    }
  }
  Hierarchy h = build_hierarchy(mountinfo, cgroups, v2_controllers);
  if (virtlab::explaining()) {
    std::string summary = std::string(to_string(h.layout)) + ":";
    for (const auto& m : h.mounts) {
      summary += " " + m.mount_point + (m.version == Version::v2 ? " (cgroup2" : " (v1");
      for (const auto& c : m.controllers) summary += " " + c;
      if (!m.name.empty()) summary += " name=" + m.name;
      summary += ")";
    }
    virtlab::Explain::instance().note("hierarchy layout " + summary);
  }
  return h;
}

}  // namespace virtlab::kernel
