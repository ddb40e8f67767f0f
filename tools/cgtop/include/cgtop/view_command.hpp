// `cgtop [options] [group]` end to end: the full-screen view on a terminal, else the batch procedures of
// commands.hpp. Part of cgtop_tui (the full-screen view needs ncurses), so cgtop_lib stays without it.
#pragma once

#include "cgtop/commands.hpp"
#include "virtlab/cli.hpp"

namespace virtlab::cgtop {

// --replay shows the recorded snapshots, otherwise the live kernel (the subtree `group`). Returns the exit code;
// throws virtlab::Error on a bad recording, an unopenable --record file or SIGINT/SIGTERM.
int run_view_command(const ViewCommand& command, const virtlab::ToolApp& app);

}  // namespace virtlab::cgtop
