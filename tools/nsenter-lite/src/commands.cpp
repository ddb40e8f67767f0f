// nsenter-lite's subcommands (commands.hpp): their options and what each runs.
#include "nsenter_lite/commands.hpp"

#include <signal.h>

#include <cerrno>
#include <iostream>

#include "nsenter_lite/ls_view.hpp"
#include "nsenter_lite/nat.hpp"
#include "nsenter_lite/security.hpp"
#include "virtlab/error.hpp"
#include "virtlab/json.hpp"
#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::nsenter_lite {

namespace {

void emit(const virtlab::ToolApp& app, const std::string& command, const virtlab::Json& body) {
  if (!app.common().json) return;
  auto doc = virtlab::make_document("nsenter-lite", 1);
  doc["command"] = command;
  doc.update(body);
  virtlab::emit_document(std::cout, std::move(doc));
}

}  // namespace

void LsCommand::declare(CLI::App& app) {
  sub = &app;
  app.add_option("-t,--type", types, "Only this type: mnt net pid uts ipc user cgroup time (repeatable)");
  app.add_option("-p,--task", pid, "Only the namespaces process PID is in");
  app.add_option("-T,--tree", tree, "Show a tree: process, parent or owner")->expected(0, 1)->default_str("owner");
  app.add_flag("--no-held", no_held, "Leave out namespaces held only by an fd or a bind mount (lsns's view)");
}

int LsCommand::execute(virtlab::ToolApp& app) const {
  LsFilter filter;
  for (const auto& t : types) {
    auto type = parse_ns_type(t);
    if (!type)
      throw virtlab::Error(virtlab::ExitCode::usage, "unknown namespace type '" + t + "'",
                           "use one of: mnt net pid uts ipc user cgroup time");
    filter.types.push_back(*type);
  }
  filter.pid = pid;
  std::optional<TreeKind> tree_kind;
  if (sub->count("--tree")) {
    tree_kind = parse_tree_kind(tree.empty() ? "owner" : tree);
    if (!tree_kind)
      throw virtlab::Error(virtlab::ExitCode::usage, "unknown tree kind '" + tree + "'",
                           "use --tree=process, --tree=parent or --tree=owner");
  }
  if (filter.pid && ::kill(*filter.pid, 0) != 0 && errno == ESRCH)
    throw virtlab::Error(virtlab::ExitCode::not_found, "no process with pid " + std::to_string(*filter.pid),
                         "list processes with ps -e, or omit -p", ESRCH);
  ScanOptions scan;
  scan.include_fds = scan.include_mounts = !no_held;
  auto snap = filter_snapshot(scan_namespaces(scan), filter);
  if (app.common().json)
    emit(app, "ls", namespaces_json(snap, tree_kind));
  else
    render_table(std::cout, app.terminal(), snap, tree_kind);
  return 0;
}

void RunCommand::declare(CLI::App& app) {
  sub = &app;
  RunOptions& ro = options;
  app.add_option("--rootfs", ro.rootfs, "Root filesystem directory, or 'busybox' (built once from busybox-static)");
  app.add_option("--layers", layers_text, "Read-only layers bottom:...:top stacked with overlayfs ('busybox' allowed)");
  app.add_option("--upper", ro.upper, "Keep the writable upper layer (the container's delta) in DIR");
  app.add_option("--hostname", ro.hostname, "Hostname inside (UTS namespace)")->capture_default_str();
  app.add_option("--net", ro.net, "none (only lo) or veth (a veth pair, host can ping the container)")
      ->capture_default_str();
  app.add_option("--veth-name", ro.veth_name, "Host-side veth name (default vl-c<PID>)");
  app.add_option("--cpu", cpu_text, "CPU limit in cores: 0.5, 2, 150%");
  app.add_option("--memory", memory_text, "Memory limit: 64M, 1G");
  app.add_option("--pids", pids_text, "Maximum number of processes");
  app.add_option("--seccomp", ro.seccomp, "default | none | deny=SYSCALL[,SYSCALL...] [,show = print PFC and exit]")
      ->capture_default_str();
  app.add_flag("--seccomp-watch", ro.seccomp_watch, "Report each blocked syscall live (SCMP_ACT_NOTIFY)");
  app.add_option("--cap-drop", ro.cap_drop, "Drop capabilities too (CAP_NET_RAW,... or ALL)");
  app.add_flag("--rootless", ro.rootless, "User namespace: root inside is an unprivileged uid outside");
  app.add_flag("--chroot", ro.use_chroot, "Use chroot(2) instead of pivot_root(2) to see the difference");
  boottime_option =
      app.add_option("--uptime-offset,--boottime-offset", boottime_offset,
                     "Time namespace: add SECONDS to CLOCK_BOOTTIME inside (what /proc/uptime shows); may be negative");
  monotonic_option =
      app.add_option("--monotonic-offset", monotonic_offset, "Time namespace: add SECONDS to CLOCK_MONOTONIC inside");
  app.add_option("--cache-dir", ro.cache_dir, "Where --rootfs busybox is built")->capture_default_str();
  app.add_option("command", ro.argv, "Command and arguments (after --)");
}

int RunCommand::execute(virtlab::ToolApp& app) {
  RunOptions& ro = options;
  auto spec = parse_seccomp_spec(ro.seccomp);
  if (spec.show) {
    std::cout << seccomp_pfc_for(ro.seccomp);
    return 0;
  }
  if (!layers_text.empty()) ro.layers = split_layers(layers_text);
  if (boottime_option->count() > 0) ro.boottime_offset = boottime_offset;
  if (monotonic_option->count() > 0) ro.monotonic_offset = monotonic_offset;
  if (!cpu_text.empty()) ro.cpu_cores = virtlab::kernel::parse_cpu_cores(cpu_text);
  if (!memory_text.empty()) ro.memory_bytes = virtlab::kernel::parse_memory_bytes(memory_text);
  if (!pids_text.empty()) ro.pids_max = virtlab::kernel::parse_pids_max(pids_text);
  ro.json = app.common().json;
  auto result = run_container(ro);
  emit(app, "run", {{"container", result.report}, {"seccomp_events", result.seccomp_events}});
  return result.exit_code;
}

void EnterCommand::declare(CLI::App& app) {
  sub = &app;
  app.add_option("-t,--target", options.target, "Target process id")->required();
  app.add_flag("-a,--all", all, "All namespaces (the default when none is named)");
  for (NsType t : kAllNsTypes)
    app.add_flag("--" + std::string(t == NsType::mnt ? "mount" : ns_type_name(t)) + (t == NsType::mnt ? ",--mnt" : ""),
                 flags[t], "Enter the " + std::string(ns_type_name(t)) + " namespace");
  app.add_option("command", options.argv, "Command and arguments (after --); default $SHELL");
}

int EnterCommand::execute(virtlab::ToolApp& app) {
  for (auto& [t, on] : flags)
    if (on && !all) options.types.push_back(t);
  options.json = app.common().json;
  auto result = enter_namespaces(options);
  emit(app, "enter", result.report);
  return result.exit_code;
}

void NetCommand::declare(CLI::App& app) {
  sub = &app;
  app.require_subcommand(1, 1);
  SwitchOptions& so = switch_options;
  switch_sub = app.add_subcommand("switch", "Create a bridge with N hosts (netns + veth each), ping, show the FDB");
  switch_sub->add_option("--hosts", so.hosts, "Number of hosts")->capture_default_str();
  switch_sub
      ->add_option("--mode", so.mode,
                   "bridge (pure L2 switch), host-only (the host joins at 10.201.0.254) or nat (a router "
                   "namespace vl-rt masquerades the hosts to an outside namespace vl-out, 203.0.113.0/24)")
      ->capture_default_str();
  switch_sub->add_option("--bridge", so.bridge, "Bridge name")->capture_default_str();
  switch_sub->add_flag("--vlan", so.vlan,
                       "VLAN-filtering bridge: odd hosts are access ports of VLAN 10, even hosts of VLAN 20; hosts "
                       "ping only inside their VLAN");
  switch_sub->add_flag("--rm", switch_rm, "Remove everything again when done (default: keep until `net down`)");
  switch_sub->add_flag("--watch", so.watch, "Keep the hosts pinging and show each FDB change live; Ctrl-C removes all");
  down_sub = app.add_subcommand("down", "Remove every vl-* bridge, veth and network namespace");
  fdb_sub = app.add_subcommand("fdb", "Show a bridge's MAC learning table (forwarding database)");
  fdb_sub->add_option("--bridge", fdb_bridge, "Bridge name")->capture_default_str();
  fdb_sub->add_flag("--watch", fdb_watch, "Print the table again whenever it changes (JSON Lines with --json)");
  nat_sub = app.add_subcommand("nat",
                               "Show the NAT switch's live NAT table: conntrack of the router namespace vl-rt "
                               "(internal ip:port -> external ip:port, state) and its nft masquerade rule");
  auto* ping = app.add_subcommand("ping", "One ICMP echo from host A to host B (inside A's namespace)");
  ping->add_option("from", ping_from, "vl-hN")->required();
  ping->add_option("to", ping_to, "vl-hN")->required();
}

int NetCommand::execute(virtlab::ToolApp& app) {
  const bool json = app.common().json;
  if (switch_sub->parsed()) {
    switch_options.keep = !switch_rm && !switch_options.watch;
    switch_options.json = json;
    emit(app, "net switch", net_switch(switch_options));
  } else if (down_sub->parsed()) {
    auto body = net_down();
    if (!json) std::cout << "removed " << body["removed"].size() << " objects (vl-* veths, bridges, netns)\n";
    emit(app, "net down", body);
  } else if (nat_sub->parsed()) {
    emit(app, "net nat", net_nat(json));
  } else if (fdb_sub->parsed()) {
    auto body = net_fdb(fdb_bridge, fdb_watch, json);
    if (!fdb_watch) emit(app, "net fdb", body);
  } else {
    auto body = net_ping(ping_from, ping_to);
    if (!json)
      std::cout << ping_from << " → " << ping_to << ": reply in " << body["ping"]["rtt_ms"].get<double>() << " ms\n";
    emit(app, "net ping", body);
  }
  return 0;
}

}  // namespace virtlab::nsenter_lite
