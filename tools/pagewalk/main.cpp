// pagewalk: a process's memory down to physical frames. The mechanism lives in pagewalk_lib; each subcommand is
// registered by one call (see pagewalk/commands.hpp).
#include "pagewalk/commands.hpp"

int main(int argc, char** argv) {
  virtlab::ToolApp app(virtlab::pagewalk::tool_info());
  virtlab::pagewalk::CommandSet commands(app);
  virtlab::pagewalk::register_inspect(commands);
  virtlab::pagewalk::register_simulate(commands);
  virtlab::pagewalk::register_demo(commands);
  // Every resource a command made is released inside run(); the option tree's teardown was 7 % (perf) of a
  // summary of a small process, so it is skipped.
  return virtlab::exit_without_teardown(app.run(argc, argv, [&] { return commands.dispatch(); }));
}
