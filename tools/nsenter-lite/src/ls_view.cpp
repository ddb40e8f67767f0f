#include "nsenter_lite/ls_view.hpp"

#include <algorithm>
#include <functional>
#include <ostream>

namespace nsenter_lite {

Snapshot filter_snapshot(const Snapshot& snap, const LsFilter& filter) {
  Snapshot out;
  out.processes = snap.processes;
  out.unreadable = snap.unreadable;
  for (const auto& ns : snap.namespaces) {
    if (!filter.types.empty() && std::find(filter.types.begin(), filter.types.end(), ns.type) == filter.types.end())
      continue;
    if (filter.pid) {
      bool member =
          std::binary_search(ns.pids.begin(), ns.pids.end(), *filter.pid) || (ns.pids.empty() && ns.pid == *filter.pid);
      if (!member) continue;
    }
    out.namespaces.push_back(ns);
  }
  return out;
}

namespace {

std::string inode_or_dash(std::uint64_t ino) {
  return ino ? std::to_string(ino) : "-";
}

std::string command_cell(const Namespace& ns) {
  switch (ns.held_by) {
    case HeldBy::process:
      return ns.command;
    case HeldBy::fd:
      return ns.command + " (fd " + (ns.fd_holders.empty() ? "?" : ns.fd_holders.front()) + ")";
    case HeldBy::bind_mount:
      return "(bind mount " + (ns.nsfs.empty() ? ns.path : ns.nsfs.front()) + ")";
  }
  return ns.command;
}

virtlab::Style type_style(NsType t) {
  switch (t) {
    case NsType::net:
      return virtlab::Style::cyan;
    case NsType::pid:
      return virtlab::Style::green;
    case NsType::user:
      return virtlab::Style::magenta;
    case NsType::mnt:
      return virtlab::Style::blue;
    default:
      return virtlab::Style::plain;
  }
}

}  // namespace

void render_table(std::ostream& out, const virtlab::Terminal& term, const Snapshot& snap,
                  std::optional<TreeKind> tree) {
  virtlab::Table table({{"NS", virtlab::Align::right},
                        {"TYPE"},
                        {"NPROCS", virtlab::Align::right},
                        {"PID", virtlab::Align::right},
                        {"USER"},
                        {"PNS", virtlab::Align::right},
                        {"ONS", virtlab::Align::right},
                        {"HELD"},
                        {"COMMAND"}});
  auto add = [&](const Namespace& ns, const std::string& prefix) {
    table.add_row({virtlab::Cell(prefix + std::to_string(ns.inode)),
                   virtlab::Cell(std::string(ns_type_name(ns.type)), type_style(ns.type)),
                   std::to_string(ns.pids.size()), std::to_string(ns.pid), ns.user, inode_or_dash(ns.parent),
                   inode_or_dash(ns.owner),
                   virtlab::Cell(std::string(held_by_name(ns.held_by)),
                                 ns.held_by == HeldBy::process ? virtlab::Style::plain : virtlab::Style::yellow),
                   command_cell(ns)});
  };
  if (!tree) {
    for (const auto& ns : snap.namespaces) add(ns, "");
  } else {
    auto parents = tree_parents(snap, *tree);
    std::vector<std::vector<int>> children(snap.namespaces.size());
    std::vector<int> roots;
    for (std::size_t i = 0; i < parents.size(); ++i) {
      if (parents[i] < 0)
        roots.push_back(static_cast<int>(i));
      else
        children[static_cast<std::size_t>(parents[i])].push_back(static_cast<int>(i));
    }
    std::function<void(int, const std::string&, bool, bool)> walk = [&](int i, const std::string& indent, bool last,
                                                                        bool root) {
      add(snap.namespaces[static_cast<std::size_t>(i)], root ? "" : indent + (last ? "└─" : "├─"));
      const auto& kids = children[static_cast<std::size_t>(i)];
      for (std::size_t k = 0; k < kids.size(); ++k)
        walk(kids[k], root ? "" : indent + (last ? "  " : "│ "), k + 1 == kids.size(), false);
    };
    for (int r : roots) walk(r, "", true, true);
  }
  table.render(out, term);
}

virtlab::Json namespaces_json(const Snapshot& snap, std::optional<TreeKind> tree) {
  virtlab::Json list = virtlab::Json::array();
  std::vector<int> parents;
  if (tree) parents = tree_parents(snap, *tree);
  for (std::size_t i = 0; i < snap.namespaces.size(); ++i) {
    const auto& ns = snap.namespaces[i];
    virtlab::Json j;
    j["ns"] = ns.inode;
    j["type"] = ns_type_name(ns.type);
    j["path"] = ns.path;
    j["nprocs"] = ns.pids.size();
    j["pid"] = ns.pid;
    j["ppid"] = ns.ppid;
    j["command"] = ns.command;
    j["uid"] = ns.uid;
    j["user"] = ns.user;
    j["owner_uid"] = ns.owner_uid ? virtlab::Json(*ns.owner_uid) : virtlab::Json(nullptr);
    j["pns"] = ns.parent ? virtlab::Json(ns.parent) : virtlab::Json(nullptr);
    j["ons"] = ns.owner ? virtlab::Json(ns.owner) : virtlab::Json(nullptr);
    j["held_by"] = held_by_name(ns.held_by);
    j["nsfs"] = ns.nsfs;
    j["fd_holders"] = ns.fd_holders;
    j["pids"] = ns.pids;
    j["cgroup"] = ns.cgroup.empty() ? virtlab::Json(nullptr) : virtlab::Json(ns.cgroup);
    if (tree) {
      int p = parents[i];
      j["tree_parent"] =
          p < 0 ? virtlab::Json(nullptr) : virtlab::Json(snap.namespaces[static_cast<std::size_t>(p)].inode);
    }
    list.push_back(std::move(j));
  }
  virtlab::Json out;
  out["tree"] = tree ? virtlab::Json(*tree == TreeKind::process  ? "process"
                                     : *tree == TreeKind::parent ? "parent"
                                                                 : "owner")
                     : virtlab::Json(nullptr);
  out["namespaces"] = std::move(list);
  out["unreadable_processes"] = snap.unreadable;
  return out;
}

}  // namespace nsenter_lite
