// `cgtop run`: create a cgroup with limits, run a command in it, show its usage live, explain what happened, and
// remove the cgroup (also on Ctrl-C, SIGTERM, or the command being killed).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "virtlab/kernel/cgroup.hpp"

namespace virtlab::cgtop {

struct RunOptions {
  kernel::Limits limits;
  std::string name;                  // empty: "run-<our pid>"
  std::vector<std::string> command;  // argv of CMD
  double interval_s = 1.0;           // live sample period
  bool json = false;                 // JSON Lines: snapshots, then one "run-report" document
  bool color = false;
};

// Returns the exit code for cgtop: CMD's exit status, 128+N when CMD was killed by signal N, 128+N when cgtop
// itself got SIGINT/SIGTERM (after cleanup and the report). Throws virtlab::Error for setup problems.
int run_command(const RunOptions& options, std::ostream& out);

}  // namespace virtlab::cgtop
