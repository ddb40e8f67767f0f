// nsenter-lite's subcommands as the command line sees them: each one's options (declared only when argv names it,
// see virtlab::ToolApp::add_lazy_subcommand) and what it runs once parsed. main.cpp wires them to the ToolApp.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nsenter_lite/container.hpp"
#include "nsenter_lite/enter.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "nsenter_lite/vswitch.hpp"
#include "virtlab/cli.hpp"

namespace virtlab::nsenter_lite {

// `ls`: every namespace, like lsns plus fd-held and bind-mounted ones.
struct LsCommand {
  static constexpr const char* kDescription =
      "List every namespace: members, owner, parent (like lsns, plus fd-held and bind-mounted ones)";
  void declare(CLI::App& sub);
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  int execute(virtlab::ToolApp& app) const;

  CLI::App* sub = nullptr;
  std::vector<std::string> types;
  std::optional<pid_t> pid;
  std::string tree;
  bool no_held = false;
};

// `run`: a minimal container from scratch (container.hpp).
struct RunCommand {
  static constexpr const char* kDescription = "Start a minimal container from scratch, step by step (runc's order)";
  void declare(CLI::App& sub);
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  int execute(virtlab::ToolApp& app);

  CLI::App* sub = nullptr;
  RunOptions options;
  std::string layers_text, cpu_text, memory_text, pids_text;
  long long boottime_offset = 0, monotonic_offset = 0;
  CLI::Option* boottime_option = nullptr;
  CLI::Option* monotonic_option = nullptr;
};

// `enter`: join another process's namespaces (enter.hpp).
struct EnterCommand {
  static constexpr const char* kDescription =
      "Join another process's namespaces (like nsenter), showing inodes before and after";
  void declare(CLI::App& sub);
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  int execute(virtlab::ToolApp& app);

  CLI::App* sub = nullptr;
  EnterOptions options;
  std::map<NsType, bool> flags;
  bool all = false;
};

// `net switch|down|fdb|nat|ping`: the virtual switch (vswitch.hpp, nat.hpp).
struct NetCommand {
  static constexpr const char* kDescription =
      "The notes' virtual switch: a bridge, hosts in network namespaces, the MAC learning table";
  void declare(CLI::App& sub);
  bool chosen() const { return sub != nullptr && sub->parsed(); }
  int execute(virtlab::ToolApp& app);

  CLI::App *sub = nullptr, *switch_sub = nullptr, *down_sub = nullptr, *fdb_sub = nullptr, *nat_sub = nullptr;
  SwitchOptions switch_options;
  bool switch_rm = false;
  std::string fdb_bridge = "vl-br0";
  bool fdb_watch = false;
  std::string ping_from, ping_to;
};

}  // namespace virtlab::nsenter_lite
