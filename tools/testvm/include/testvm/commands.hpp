// testvm's subcommands (status, clean, build, run): the command line over virtlab::testvm. main.cpp only declares
// the options and dispatches.
#pragma once

#include <string>
#include <vector>

#include "virtlab/cli.hpp"
#include "virtlab/testvm/run.hpp"

namespace virtlab::testvm {

// `testvm run`'s options as typed; run_command turns them into a RunSpec.
struct RunArgs {
  RunOptions options;
  std::string memory = "512";
  std::string swap = "0";
  std::string cgroup = "v2";
  std::string workdir;
  std::string kernel_log;
  std::vector<std::string> files;
  std::vector<std::string> env;
  std::vector<std::string> needs;
  std::vector<std::string> command;
  unsigned cpus = 1;
  int timeout_seconds = 300;
  int skip_code = -1;  // -1: none
};

void add_run_options(CLI::App& run, RunArgs& args);

int status_command(bool json);
int clean_command(bool json);
int build_command(bool refresh, bool json);
int run_command(const RunArgs& args, bool json);

}  // namespace virtlab::testvm
