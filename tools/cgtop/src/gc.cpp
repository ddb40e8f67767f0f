#include "cgtop/gc.hpp"

#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>
#include <vector>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/stale.hpp"

namespace virtlab::cgtop {

namespace {

// What gc does (or would do) with one object.
struct Decision {
  const virtlab::Leftover* leftover = nullptr;
  std::string action;  // "removed", "would remove", "kept (owner alive)", "failed: …"
  bool failed = false;
};

std::string owner_text(const virtlab::Leftover& l) {
  return l.owner ? std::to_string(l.owner->pid) : std::string("-");
}

std::string state_text(const virtlab::Leftover& l) {
  return l.state ? std::string(virtlab::to_string(*l.state)) : std::string("no owner");
}

void require_root_for(const std::vector<virtlab::Leftover>& found) {
  bool any_stale = std::any_of(found.begin(), found.end(), [](const auto& l) { return l.stale(); });
  if (any_stale && ::geteuid() != 0)
    throw virtlab::Error(virtlab::ExitCode::permission, "removing leftovers of dead virtlab runs needs root",
                         "run sudo cgtop gc, or look first with cgtop gc --dry-run", EPERM);
}

std::vector<Decision> decide(const std::vector<virtlab::Leftover>& found, bool dry_run) {
  std::vector<Decision> decisions;
  for (const auto& l : found) {
    Decision d{&l, {}, false};
    if (!l.owner) {
      d.action = std::string(virtlab::to_string(virtlab::RemoveOutcome::kept_unowned));
    } else if (!l.stale()) {
      d.action = std::string(virtlab::to_string(virtlab::RemoveOutcome::kept_owner_alive));
    } else if (dry_run) {
      d.action = "would remove";
    } else {
      std::string why;
      auto outcome = virtlab::remove_leftover(l, &why);
      d.action = std::string(virtlab::to_string(outcome));
      if (outcome == virtlab::RemoveOutcome::failed) {
        d.failed = true;
        d.action += ": " + why;
        std::cerr << "cgtop: error: cannot remove " << l.paths.front() << ": " << why
                  << "; hint: see what is inside: cat " << l.paths.front() << "/cgroup.procs\n";
      }
    }
    decisions.push_back(std::move(d));
  }
  return decisions;
}

virtlab::Json to_json(const std::vector<Decision>& decisions, const std::vector<std::string>& parents, bool dry_run) {
  virtlab::Json doc = virtlab::make_document("cgtop", 1);
  doc["kind"] = "gc";
  doc["dry_run"] = dry_run;
  virtlab::Json objects = virtlab::Json::array();
  for (const auto& d : decisions) {
    const auto& l = *d.leftover;
    objects.push_back({{"kind", virtlab::to_string(l.kind)},
                       {"name", l.name},
                       {"tool", l.tool.empty() ? virtlab::Json(nullptr) : virtlab::Json(l.tool)},
                       {"owner_pid", l.owner ? virtlab::Json(l.owner->pid) : virtlab::Json(nullptr)},
                       {"owner_start_ticks", l.owner && l.owner->start_ticks ? virtlab::Json(*l.owner->start_ticks)
                                                                             : virtlab::Json(nullptr)},
                       {"owner_state", l.state ? virtlab::Json(virtlab::to_string(*l.state)) : virtlab::Json(nullptr)},
                       {"tasks", l.tasks},
                       {"paths", l.paths},
                       {"action", d.action}});
  }
  doc["objects"] = std::move(objects);
  doc["empty_parents_removed"] = parents;
  if (virtlab::explaining()) doc["explain"] = virtlab::Explain::instance().to_json();
  return doc;
}

void print_table(std::ostream& out, const std::vector<Decision>& decisions, const std::vector<std::string>& parents,
                 const virtlab::Terminal& term) {
  if (decisions.empty()) {
    out << "cgtop gc: no leftovers of virtlab tools on this host\n";
  } else {
    virtlab::Table table({{"KIND"},
                          {"TOOL"},
                          {"OWNER", virtlab::Align::right},
                          {"STATE"},
                          {"TASKS", virtlab::Align::right},
                          {"ACTION"},
                          {"NAME"}});
    for (const auto& d : decisions) {
      const auto& l = *d.leftover;
      auto style = d.failed ? virtlab::Style::red : l.stale() ? virtlab::Style::yellow : virtlab::Style::plain;
      table.add_row({std::string(virtlab::to_string(l.kind)), l.tool.empty() ? "-" : l.tool, owner_text(l),
                     state_text(l), std::to_string(l.tasks), virtlab::Cell(d.action, style), l.name});
    }
    table.render(out, term);
  }
  for (const auto& p : parents) out << "removed the empty parent " << p << "\n";
}

}  // namespace

int gc_command(const GcOptions& options, std::ostream& out, const virtlab::Terminal& term) {
  virtlab::Explain::instance().note("find what virtlab tools left behind");
  const std::vector<virtlab::Leftover> found = virtlab::find_leftovers();
  if (!options.dry_run) require_root_for(found);
  virtlab::Explain::instance().note(options.dry_run ? "judge each owner (dry run: nothing is removed)"
                                                    : "remove the objects whose owner is dead");
  const std::vector<Decision> decisions = decide(found, options.dry_run);
  std::vector<std::string> parents;
  if (!options.dry_run && ::geteuid() == 0) parents = virtlab::remove_empty_virtlab_parents();
  if (options.json)
    virtlab::emit_json_line(out, to_json(decisions, parents, options.dry_run));
  else
    print_table(out, decisions, parents, term);
  bool failed = std::any_of(decisions.begin(), decisions.end(), [](const Decision& d) { return d.failed; });
  return failed ? 1 : 0;
}

}  // namespace virtlab::cgtop
