// nsenter-lite: namespaces made visible — list them, enter them, build a container and a virtual switch from
// scratch. The mechanism lives in nsenter_lite_lib; this file only declares the command line.
#include <csignal>
#include <iostream>

#include "nsenter_lite/ls_view.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "virtlab/cli.hpp"
#include "virtlab/error.hpp"
#include "virtlab/json.hpp"

using namespace nsenter_lite;

int main(int argc, char** argv) {
  virtlab::ToolApp app({"nsenter-lite",
                        "namespaces made visible: list, enter, a container and a virtual switch from scratch",
                        "nsenter-lite shows each kernel step behind a container: the namespaces on this machine "
                        "(ls), joining them (enter), a minimal container built in a real runtime's order (run) and a "
                        "virtual switch with a live MAC learning table (net).",
                        {{"EXAMPLES",
                          "nsenter-lite ls --tree owner\n"
                          "nsenter-lite run --rootfs busybox --explain -- /bin/sh -c 'hostname; ps'\n"
                          "nsenter-lite enter -t 1234 --net --uts -- ip addr\n"
                          "nsenter-lite net switch --hosts 3 && nsenter-lite net fdb && nsenter-lite net down"}}});
  auto& cli = app.cli();
  cli.require_subcommand(1, 1);

  // ls
  auto* ls = cli.add_subcommand("ls", "List every namespace: members, owner, parent (like lsns, plus fd-held and "
                                      "bind-mounted ones)");
  std::vector<std::string> ls_types;
  std::optional<pid_t> ls_pid;
  std::string ls_tree;
  bool ls_no_extra = false;
  ls->add_option("-t,--type", ls_types, "Only this type: mnt net pid uts ipc user cgroup time (repeatable)");
  ls->add_option("-p,--task", ls_pid, "Only the namespaces process PID is in");
  ls->add_option("-T,--tree", ls_tree, "Show a tree: process, parent or owner")
      ->expected(0, 1)
      ->default_str("owner");
  ls->add_flag("--no-held", ls_no_extra, "Leave out namespaces held only by an fd or a bind mount (lsns's view)");

  return app.run(argc, argv, [&]() -> int {
    if (ls->parsed()) {
      LsFilter filter;
      for (const auto& t : ls_types) {
        auto type = parse_ns_type(t);
        if (!type)
          throw virtlab::Error(virtlab::ExitCode::usage, "unknown namespace type '" + t + "'",
                               "use one of: mnt net pid uts ipc user cgroup time");
        filter.types.push_back(*type);
      }
      filter.pid = ls_pid;
      std::optional<TreeKind> tree;
      if (ls->count("--tree")) {
        tree = parse_tree_kind(ls_tree.empty() ? "owner" : ls_tree);
        if (!tree)
          throw virtlab::Error(virtlab::ExitCode::usage, "unknown tree kind '" + ls_tree + "'",
                               "use --tree=process, --tree=parent or --tree=owner");
      }
      if (filter.pid && ::kill(*filter.pid, 0) != 0 && errno == ESRCH)
        throw virtlab::Error(virtlab::ExitCode::not_found, "no process with pid " + std::to_string(*filter.pid),
                             "list processes with ps -e, or omit -p", ESRCH);
      ScanOptions scan;
      scan.include_fds = scan.include_mounts = !ls_no_extra;
      auto snap = filter_snapshot(scan_namespaces(scan), filter);
      if (app.common().json) {
        auto doc = virtlab::make_document("nsenter-lite", 1);
        doc["command"] = "ls";
        doc.update(namespaces_json(snap, tree));
        virtlab::emit_document(std::cout, std::move(doc));
      } else {
        render_table(std::cout, app.terminal(), snap, tree);
      }
      return 0;
    }
    return 0;
  });
}
