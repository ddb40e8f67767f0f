// nsenter-lite: namespaces made visible — list them, enter them, build a container and a virtual switch from
// scratch. The mechanism lives in nsenter_lite_lib; this file only declares the command line.
#include <csignal>
#include <iostream>
#include <map>

#include "cgtop/cgroup.hpp"
#include "nsenter_lite/container.hpp"
#include "nsenter_lite/enter.hpp"
#include "nsenter_lite/ls_view.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "nsenter_lite/nat.hpp"
#include "nsenter_lite/security.hpp"
#include "nsenter_lite/vswitch.hpp"
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
                          "nsenter-lite net switch --hosts 3 && nsenter-lite net fdb && nsenter-lite net down\n"
                          "nsenter-lite net switch --mode nat && nsenter-lite net nat && nsenter-lite net down"}}});
  auto& cli = app.cli();
  cli.require_subcommand(1, 1);

  // Each subcommand's options are declared only when argv names it (see ToolApp::add_lazy_subcommand): `run` is
  // on the path whose start-up the benchmark measures.
  CLI::App* ls = nullptr;
  std::vector<std::string> ls_types;
  std::optional<pid_t> ls_pid;
  std::string ls_tree;
  bool ls_no_extra = false;
  app.add_lazy_subcommand(
      "ls", "List every namespace: members, owner, parent (like lsns, plus fd-held and bind-mounted ones)",
      [&](CLI::App& sub) {
        ls = &sub;
        sub.add_option("-t,--type", ls_types, "Only this type: mnt net pid uts ipc user cgroup time (repeatable)");
        sub.add_option("-p,--task", ls_pid, "Only the namespaces process PID is in");
        sub.add_option("-T,--tree", ls_tree, "Show a tree: process, parent or owner")
            ->expected(0, 1)
            ->default_str("owner");
        sub.add_flag("--no-held", ls_no_extra, "Leave out namespaces held only by an fd or a bind mount (lsns's view)");
      });

  CLI::App* run = nullptr;
  RunOptions ro;
  std::string layers_text, cpu_text, memory_text, pids_text;
  long long boottime_offset = 0, monotonic_offset = 0;
  CLI::Option* boottime_opt = nullptr;
  CLI::Option* monotonic_opt = nullptr;
  app.add_lazy_subcommand(
      "run", "Start a minimal container from scratch, step by step (runc's order)", [&](CLI::App& sub) {
        run = &sub;
        sub.add_option("--rootfs", ro.rootfs,
                       "Root filesystem directory, or 'busybox' (built once from busybox-static)");
        sub.add_option("--layers", layers_text,
                       "Read-only layers bottom:...:top stacked with overlayfs ('busybox' allowed)");
        sub.add_option("--upper", ro.upper, "Keep the writable upper layer (the container's delta) in DIR");
        sub.add_option("--hostname", ro.hostname, "Hostname inside (UTS namespace)")->capture_default_str();
        sub.add_option("--net", ro.net, "none (only lo) or veth (a veth pair, host can ping the container)")
            ->capture_default_str();
        sub.add_option("--veth-name", ro.veth_name, "Host-side veth name (default vl-c<PID>)");
        sub.add_option("--cpu", cpu_text, "CPU limit in cores: 0.5, 2, 150%");
        sub.add_option("--memory", memory_text, "Memory limit: 64M, 1G");
        sub.add_option("--pids", pids_text, "Maximum number of processes");
        sub.add_option("--seccomp", ro.seccomp,
                       "default | none | deny=SYSCALL[,SYSCALL...] [,show = print PFC and exit]")
            ->capture_default_str();
        sub.add_flag("--seccomp-watch", ro.seccomp_watch, "Report each blocked syscall live (SCMP_ACT_NOTIFY)");
        sub.add_option("--cap-drop", ro.cap_drop, "Drop capabilities too (CAP_NET_RAW,... or ALL)");
        sub.add_flag("--rootless", ro.rootless, "User namespace: root inside is an unprivileged uid outside");
        sub.add_flag("--chroot", ro.use_chroot, "Use chroot(2) instead of pivot_root(2) to see the difference");
        boottime_opt = sub.add_option(
            "--uptime-offset,--boottime-offset", boottime_offset,
            "Time namespace: add SECONDS to CLOCK_BOOTTIME inside (what /proc/uptime shows); may be negative");
        monotonic_opt = sub.add_option("--monotonic-offset", monotonic_offset,
                                       "Time namespace: add SECONDS to CLOCK_MONOTONIC inside");
        sub.add_option("--cache-dir", ro.cache_dir, "Where --rootfs busybox is built")->capture_default_str();
        sub.add_option("command", ro.argv, "Command and arguments (after --)");
      });

  CLI::App* enter = nullptr;
  EnterOptions eo;
  std::map<NsType, bool> enter_flags;
  bool enter_all = false;
  app.add_lazy_subcommand(
      "enter", "Join another process's namespaces (like nsenter), showing inodes before and after", [&](CLI::App& sub) {
        enter = &sub;
        sub.add_option("-t,--target", eo.target, "Target process id")->required();
        sub.add_flag("-a,--all", enter_all, "All namespaces (the default when none is named)");
        for (NsType t : kAllNsTypes)
          sub.add_flag(
              "--" + std::string(t == NsType::mnt ? "mount" : ns_type_name(t)) + (t == NsType::mnt ? ",--mnt" : ""),
              enter_flags[t], "Enter the " + std::string(ns_type_name(t)) + " namespace");
        sub.add_option("command", eo.argv, "Command and arguments (after --); default $SHELL");
      });

  CLI::App *net = nullptr, *sw = nullptr, *down = nullptr, *fdb = nullptr, *nat = nullptr;
  SwitchOptions so;
  bool sw_rm = false;
  std::string fdb_bridge = "vl-br0";
  bool fdb_watch = false;
  std::string ping_from, ping_to;
  app.add_lazy_subcommand(
      "net", "The notes' virtual switch: a bridge, hosts in network namespaces, the MAC learning table",
      [&](CLI::App& sub) {
        net = &sub;
        sub.require_subcommand(1, 1);
        sw = sub.add_subcommand("switch", "Create a bridge with N hosts (netns + veth each), ping, show the FDB");
        sw->add_option("--hosts", so.hosts, "Number of hosts")->capture_default_str();
        sw->add_option("--mode", so.mode,
                       "bridge (pure L2 switch), host-only (the host joins at 10.201.0.254) or nat (a router "
                       "namespace vl-rt masquerades the hosts to an outside namespace vl-out, 203.0.113.0/24)")
            ->capture_default_str();
        sw->add_option("--bridge", so.bridge, "Bridge name")->capture_default_str();
        sw->add_flag("--vlan", so.vlan,
                     "VLAN-filtering bridge: odd hosts are access ports of VLAN 10, even hosts of VLAN 20; hosts "
                     "ping only inside their VLAN");
        sw->add_flag("--rm", sw_rm, "Remove everything again when done (default: keep until `net down`)");
        sw->add_flag("--watch", so.watch, "Keep the hosts pinging and show each FDB change live; Ctrl-C removes all");
        down = sub.add_subcommand("down", "Remove every vl-* bridge, veth and network namespace");
        fdb = sub.add_subcommand("fdb", "Show a bridge's MAC learning table (forwarding database)");
        fdb->add_option("--bridge", fdb_bridge, "Bridge name")->capture_default_str();
        fdb->add_flag("--watch", fdb_watch, "Print the table again whenever it changes (JSON Lines with --json)");
        nat = sub.add_subcommand("nat",
                                 "Show the NAT switch's live NAT table: conntrack of the router namespace vl-rt "
                                 "(internal ip:port -> external ip:port, state) and its nft masquerade rule");
        auto* ping = sub.add_subcommand("ping", "One ICMP echo from host A to host B (inside A's namespace)");
        ping->add_option("from", ping_from, "vl-hN")->required();
        ping->add_option("to", ping_to, "vl-hN")->required();
      });

  const int code = app.run(argc, argv, [&]() -> int {
    if (net != nullptr && net->parsed()) {
      virtlab::Json body;
      std::string name;
      if (sw->parsed()) {
        so.keep = !sw_rm && !so.watch;
        so.json = app.common().json;
        body = net_switch(so);
        name = "net switch";
      } else if (down->parsed()) {
        body = net_down();
        name = "net down";
        if (!app.common().json)
          std::cout << "removed " << body["removed"].size() << " objects (vl-* veths, bridges, netns)\n";
      } else if (nat->parsed()) {
        body = net_nat(app.common().json);
        name = "net nat";
      } else if (fdb->parsed()) {
        body = net_fdb(fdb_bridge, fdb_watch, app.common().json);
        name = "net fdb";
        if (fdb_watch) return 0;
      } else {
        body = net_ping(ping_from, ping_to);
        name = "net ping";
        if (!app.common().json)
          std::cout << ping_from << " → " << ping_to << ": reply in " << body["ping"]["rtt_ms"].get<double>()
                    << " ms\n";
      }
      if (app.common().json) {
        auto doc = virtlab::make_document("nsenter-lite", 1);
        doc["command"] = name;
        doc.update(body);
        virtlab::emit_document(std::cout, std::move(doc));
      }
      return 0;
    }
    if (enter != nullptr && enter->parsed()) {
      for (auto& [t, on] : enter_flags)
        if (on && !enter_all) eo.types.push_back(t);
      eo.json = app.common().json;
      auto result = enter_namespaces(eo);
      if (app.common().json) {
        auto doc = virtlab::make_document("nsenter-lite", 1);
        doc["command"] = "enter";
        doc.update(result.report);
        virtlab::emit_document(std::cout, std::move(doc));
      }
      return result.exit_code;
    }
    if (run != nullptr && run->parsed()) {
      auto spec = parse_seccomp_spec(ro.seccomp);
      if (spec.show) {
        std::cout << seccomp_pfc_for(ro.seccomp);
        return 0;
      }
      if (!layers_text.empty()) ro.layers = split_layers(layers_text);
      if (boottime_opt->count() > 0) ro.boottime_offset = boottime_offset;
      if (monotonic_opt->count() > 0) ro.monotonic_offset = monotonic_offset;
      if (!cpu_text.empty()) ro.cpu_cores = cgtop::parse_cpu_cores(cpu_text);
      if (!memory_text.empty()) ro.memory_bytes = cgtop::parse_memory_bytes(memory_text);
      if (!pids_text.empty()) ro.pids_max = cgtop::parse_pids_max(pids_text);
      ro.json = app.common().json;
      auto result = run_container(ro);
      if (app.common().json) {
        auto doc = virtlab::make_document("nsenter-lite", 1);
        doc["command"] = "run";
        doc["container"] = result.report;
        doc["seccomp_events"] = result.seccomp_events;
        virtlab::emit_document(std::cout, std::move(doc));
      }
      return result.exit_code;
    }
    if (ls != nullptr && ls->parsed()) {
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
  // Every guard has run by now (run_container's, the switch's): what is left to free is only memory.
  return virtlab::exit_without_teardown(code);
}
