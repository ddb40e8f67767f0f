// `nsenter-lite ls`: filters and the two renderings (table/tree for people, JSON for the GUI and labs).
#pragma once

#include <iosfwd>
#include <optional>
#include <vector>

#include "nsenter_lite/namespaces.hpp"
#include "virtlab/json.hpp"
#include "virtlab/table.hpp"

namespace virtlab::nsenter_lite {

struct LsFilter {
  std::vector<NsType> types;  // -t; empty = all
  std::optional<pid_t> pid;   // -p: only the namespaces this process is in
};

// Keeps the namespaces that pass the filter. -p keeps the namespaces whose members include the pid
// (or whose holder is the pid), like lsns -p.
Snapshot filter_snapshot(const Snapshot& snap, const LsFilter& filter);

void render_table(std::ostream& out, const virtlab::Terminal& term, const Snapshot& snap, std::optional<TreeKind> tree);
// "namespaces": [...] plus "tree" when asked. Field names follow lsns -J where they exist.
virtlab::Json namespaces_json(const Snapshot& snap, std::optional<TreeKind> tree);

}  // namespace virtlab::nsenter_lite
