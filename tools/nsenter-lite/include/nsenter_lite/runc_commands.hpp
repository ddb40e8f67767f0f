// virtlab-runc's command line: runc's global options and subcommands as engines call them, each declared only when
// argv names it (virtlab::ToolApp::add_lazy_subcommand). runc_main.cpp wires them to the ToolApp.
#pragma once

#include <memory>
#include <string>

#include "nsenter_lite/runc.hpp"
#include "virtlab/cli.hpp"

namespace virtlab::nsenter_lite {

class RuncCommands {
 public:
  RuncCommands();
  ~RuncCommands();
  // Global options (--root, --log, --log-format, runc's accepted no-ops) and every subcommand.
  void declare(virtlab::ToolApp& app);
  // Runs the chosen subcommand. Errors also go to --log in runc's format before they propagate.
  int execute(virtlab::ToolApp& app);

 private:
  void declare_exec(CLI::App& exec);
  int dispatch(virtlab::ToolApp& app);
  RuncGlobals globals_;
  CreateOptions create_;
  ExecOptions exec_;
  std::string id_, signal_ = "SIGTERM";
  bool force_ = false, all_ = false, debug_ = false;
  std::string rootless_, criu_, ignored_text_;
  bool ignored_flag_ = false;
  struct Subcommands;
  std::unique_ptr<Subcommands> subs_;
};

}  // namespace virtlab::nsenter_lite
