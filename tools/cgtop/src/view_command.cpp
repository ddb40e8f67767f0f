// The view's dispatch (view_command.hpp): full-screen on a terminal, batch tables or JSON Lines otherwise.
#include "cgtop/view_command.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cgtop/tui.hpp"
#include "virtlab/signals.hpp"

namespace virtlab::cgtop {

namespace {

TuiOptions tui_options(const ViewCommand& command, const virtlab::ToolApp& app) {
  TuiOptions options;
  options.view = command.view_options();
  options.interval_s = command.delay;
  options.color = app.terminal().color;
  return options;
}

int replay_view(const ViewCommand& command, const virtlab::ToolApp& app) {
  const auto frames = load_recording(command.replay_path);
  if (!command.interactive(app)) return replay_batch(frames, command, app);
  replay_tui(frames, tui_options(command, app));
  return 0;
}

int watch_view(const ViewCommand& command, const virtlab::ToolApp& app) {
  kernel::Hierarchy h = kernel::discover();
  if (::geteuid() != 0)
    std::cerr << "cgtop: note: not root — this read-only view works; 'cgtop run' (creating cgroups) needs root\n";
  SamplerOptions sampler_options;
  sampler_options.root = command.group;
  Sampler sampler(h, sampler_options);
  std::ofstream record = open_record(command.record_path);
  if (!command.interactive(app)) return watch_batch(sampler, h, record, command, app);
  TuiOptions options = tui_options(command, app);
  options.iterations = command.refresh_limit();
  options.record = record.is_open() ? &record : nullptr;
  run_tui(sampler, h, options);
  return 0;
}

}  // namespace

int run_view_command(const ViewCommand& command, const virtlab::ToolApp& app) {
  virtlab::InterruptGuard guard;  // Ctrl-C and SIGTERM end the refresh loops through throw_if_requested
  return command.replay_path.empty() ? watch_view(command, app) : replay_view(command, app);
}

}  // namespace virtlab::cgtop
