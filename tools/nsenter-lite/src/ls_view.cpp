#include "nsenter_lite/ls_view.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <ostream>
#include <set>

#include "virtlab/engines/runtime_chain.hpp"
#include "virtlab/engines/state.hpp"

namespace virtlab::nsenter_lite {

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

using MaybeContainer = std::optional<virtlab::engines::Container>;

// The container each namespace belongs to, named from the engines' own state files (Docker's config.v2.json,
// Podman's containers.json, containerd's task directories) through the cgroup of the namespace's lowest pid;
// nullopt for the host's namespaces. A conmon monitor's cgroup is not the container's.
std::vector<MaybeContainer> containers_of(const Snapshot& snap) {
  virtlab::engines::StateReader engines;
  std::vector<MaybeContainer> out;
  for (const auto& ns : snap.namespaces) {
    auto ref = ns.cgroup.empty() ? std::nullopt : engines.ref_for_cgroup_path(ns.cgroup);
    if (!ref || ref->monitor) {
      out.emplace_back();
      continue;
    }
    auto found = engines.find(*ref);
    if (!found) {  // its files are gone (the engine is removing it): the id still says which engine
      found = virtlab::engines::Container{};
      found->engine = ref->engine;
      found->id = ref->id;
      found->containerd_namespace = ref->containerd_namespace;
    }
    out.push_back(std::move(found));
  }
  return out;
}

// "docker vl-test-web 83efded06b21": the engine's name for it, then the short id.
std::string container_cell(const MaybeContainer& c) {
  if (!c) return "-";
  std::string label = virtlab::engines::label_of(*c);
  std::string id = c->id.size() == 64 ? c->id.substr(0, 12) : c->id;
  return label.find(id) == std::string::npos ? label + " " + id : label;
}

virtlab::Json container_json(const MaybeContainer& c) {
  if (!c) return nullptr;
  virtlab::Json j = {
      {"engine", virtlab::engines::engine_name(c->engine)},
      {"id", c->id},
      {"name", c->name},
      {"label", virtlab::engines::label_of(*c)},
      {"image", c->image},
      {"namespace", c->containerd_namespace.empty() ? virtlab::Json(nullptr) : virtlab::Json(c->containerd_namespace)},
      {"pid", c->pid ? virtlab::Json(*c->pid) : virtlab::Json(nullptr)}};
  j["pod"] = c->pod ? virtlab::Json{{"namespace", c->pod->ns},
                                    {"name", c->pod->name},
                                    {"uid", c->pod->uid},
                                    {"container", c->pod->container}}
                    : virtlab::Json(nullptr);
  return j;
}

// Row order without a tree: the host's namespaces first, then each container's together (engine, name, id).
std::vector<std::size_t> grouped_order(const std::vector<MaybeContainer>& containers) {
  std::vector<std::size_t> order(containers.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) { return containers[i] ? container_cell(containers[i]) : std::string{}; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
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

// The notes' Docker → containerd → shim → runtime flow for one container, from the live process table.
std::vector<virtlab::engines::ChainLink> chain_of(const virtlab::engines::Container& c,
                                                  const virtlab::engines::ProcessTable& processes) {
  if (!c.pid) return {};
  return virtlab::engines::runtime_chain(c.engine, *c.pid, processes);
}

virtlab::Json chain_json(const std::vector<virtlab::engines::ChainLink>& chain) {
  virtlab::Json links = virtlab::Json::array();
  for (const auto& link : chain)
    links.push_back({{"role", virtlab::engines::role_name(link.role)},
                     {"command", link.command},
                     {"pid", link.pid ? virtlab::Json(*link.pid) : virtlab::Json(nullptr)}});
  return links;
}

// "dockerd 812 → containerd 790 → containerd-shim-runc-v2 31508 → sleep 31528" ("not running" for a stopped daemon).
std::string chain_text(const std::vector<virtlab::engines::ChainLink>& chain) {
  std::string text;
  for (const auto& link : chain)
    text += (text.empty() ? "" : " → ") + link.command + " " +
            (link.pid ? std::to_string(*link.pid) : std::string("(not running)"));
  return text;
}

// One line per container under the table: the process chain from the engine to the container's pid 1.
void render_chains(std::ostream& out, const std::vector<MaybeContainer>& containers) {
  const auto processes = virtlab::engines::read_process_table();
  std::set<std::string> shown;
  for (const auto& c : containers) {
    if (!c || !shown.insert(container_cell(c)).second) continue;
    const auto chain = chain_of(*c, processes);
    if (!chain.empty()) out << container_cell(c) << ": " << chain_text(chain) << '\n';
  }
}

// "containers": each container once, with the inodes of its namespaces and its process chain: the grouping `ls`
// prints.
virtlab::Json containers_group_json(const Snapshot& snap, const std::vector<MaybeContainer>& containers) {
  const auto processes = virtlab::engines::read_process_table();
  virtlab::Json groups = virtlab::Json::array();
  std::map<std::string, std::size_t> index;  // engine/namespace/id → position in groups
  for (std::size_t i = 0; i < containers.size(); ++i) {
    const auto& c = containers[i];
    if (!c) continue;
    std::string key =
        std::string(virtlab::engines::engine_name(c->engine)) + "/" + c->containerd_namespace + "/" + c->id;
    auto [it, added] = index.emplace(key, groups.size());
    if (added) {
      groups.push_back(container_json(c));
      groups.back()["namespaces"] = virtlab::Json::array();
      groups.back()["chain"] = chain_json(chain_of(*c, processes));
    }
    groups[it->second]["namespaces"].push_back(snap.namespaces[i].inode);
  }
  return groups;
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
                        {"COMMAND"},
                        {"CONTAINER"}});
  const auto containers = containers_of(snap);
  auto add = [&](const Namespace& ns, const std::string& prefix) {
    const auto& container = containers[static_cast<std::size_t>(&ns - snap.namespaces.data())];
    table.add_row({virtlab::Cell(prefix + std::to_string(ns.inode)),
                   virtlab::Cell(std::string(ns_type_name(ns.type)), type_style(ns.type)),
                   std::to_string(ns.pids.size()), std::to_string(ns.pid), ns.user, inode_or_dash(ns.parent),
                   inode_or_dash(ns.owner),
                   virtlab::Cell(std::string(held_by_name(ns.held_by)),
                                 ns.held_by == HeldBy::process ? virtlab::Style::plain : virtlab::Style::yellow),
                   command_cell(ns),
                   virtlab::Cell(container_cell(container), container ? virtlab::Style::bold : virtlab::Style::plain)});
  };
  if (!tree) {
    for (std::size_t i : grouped_order(containers)) add(snap.namespaces[i], "");
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
  render_chains(out, containers);
}

virtlab::Json namespaces_json(const Snapshot& snap, std::optional<TreeKind> tree) {
  virtlab::Json list = virtlab::Json::array();
  std::vector<int> parents;
  if (tree) parents = tree_parents(snap, *tree);
  const auto containers = containers_of(snap);
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
    j["container"] = container_json(containers[i]);
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
  out["containers"] = containers_group_json(snap, containers);
  out["unreadable_processes"] = snap.unreadable;
  return out;
}

}  // namespace virtlab::nsenter_lite
