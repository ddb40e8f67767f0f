// The live full-screen view (ncurses): the cgroup tree with keys to sort, collapse, focus a subtree, change the
// depth and the refresh interval.
#pragma once

#include <fstream>
#include <vector>

#include "cgtop/report.hpp"
#include "cgtop/sampler.hpp"

namespace virtlab::cgtop {

struct TuiOptions {
  ViewOptions view;
  double interval_s = 1.0;
  int iterations = -1;              // -1 = until q
  std::ofstream* record = nullptr;  // --record: every snapshot is appended as one JSON line
  bool color = true;
};

// Live: samples with `sampler`. Returns when the user presses q (or after `iterations`, or on SIGINT/SIGTERM via
// virtlab::InterruptGuard::throw_if_requested).
void run_tui(Sampler& sampler, const kernel::Hierarchy& h, const TuiOptions& options);
// Replay: steps through recorded snapshots (space/→ next, ← previous, p play/pause).
void replay_tui(const std::vector<Snapshot>& frames, const TuiOptions& options);

}  // namespace virtlab::cgtop
