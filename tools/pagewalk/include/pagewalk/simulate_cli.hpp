// `pagewalk simulate`: registers the subcommand on the tool's command line. main.cpp calls register_simulate(app)
// before app.run(), and in its body runs the hook whose command was parsed:
//   auto simulate = register_simulate(app);
//   ... if (simulate.command->parsed()) return simulate.run();
#pragma once

#include <functional>

#include "virtlab/cli.hpp"

namespace virtlab::pagewalk {

// A subcommand added to the app, and what to run when the user chose it.
struct SubcommandHook {
  CLI::App* command = nullptr;
  std::function<int()> run;
};

SubcommandHook register_simulate(ToolApp& app);

}  // namespace virtlab::pagewalk
