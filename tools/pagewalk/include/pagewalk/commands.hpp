// pagewalk's command line: the default command (`pagewalk PID [ADDRESS]`, `--list`) and subcommands registered one
// function call each, so a new subcommand lives in its own file:
//
//   void register_simulate(CommandSet& commands) {
//     auto opts = std::make_shared<SimulateOptions>();
//     CLI::App* sub = commands.add("simulate", "page-replacement simulator", [opts, &commands] {
//       ... return 0; });
//     sub->add_option("--frames", opts->frames, "...");
//   }
//
// main.cpp calls every register function; tools/pagewalk/CMakeLists.txt lists every source.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "virtlab/cli.hpp"

namespace virtlab::pagewalk {

class CommandSet {
 public:
  using Body = std::function<int()>;
  explicit CommandSet(ToolApp& app) : app_(app) {}

  ToolApp& app() noexcept { return app_; }
  // Adds subcommand `name`; `body` runs when the user chose it. Add options to the returned CLI::App.
  CLI::App* add(const std::string& name, const std::string& description, Body body);
  // What runs when no subcommand was given (the inspect command).
  void set_default(Body body) { default_ = std::move(body); }
  // Called from ToolApp::run's body: runs the chosen subcommand's body, else the default.
  int dispatch() const;

 private:
  ToolApp& app_;
  std::vector<std::pair<CLI::App*, Body>> subcommands_;
  Body default_;
};

ToolInfo tool_info();                          // name, summary, description and man page sections
void register_inspect(CommandSet& commands);   // pagewalk PID [ADDRESS] [--list [--range A-B]] [--arch] [--no-scan]
void register_simulate(CommandSet& commands);  // tools/pagewalk/src/simulate_cli.cpp
void register_demo(CommandSet& commands);      // tools/pagewalk/src/demos_cli.cpp

}  // namespace virtlab::pagewalk
