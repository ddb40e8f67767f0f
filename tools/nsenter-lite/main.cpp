// nsenter-lite: namespaces made visible — list them, enter them, build a container and a virtual switch from
// scratch. The mechanism lives in nsenter_lite_lib (the subcommands in commands.hpp); this file wires the command
// line.
#include "nsenter_lite/commands.hpp"
#include "virtlab/cli.hpp"

using namespace virtlab::nsenter_lite;

int main(int argc, char** argv) {
  virtlab::ToolApp app({"nsenter-lite",
                        "namespaces made visible: list, enter, a container and a virtual switch from scratch",
                        "nsenter-lite shows each kernel step behind a container: the namespaces on this machine "
                        "(ls), joining them (enter), a minimal container built in a real runtime's order (run) and a "
                        "virtual switch with a live MAC learning table (net).",
                        {{"EXAMPLES",
                          "nsenter-lite ls --tree owner\n"
                          "nsenter-lite run --rootfs busybox --explain -- /bin/sh -c 'hostname; ps'\n"
                          "nsenter-lite enter -t 1234 --net --uts -- ip addr\n"
                          "nsenter-lite net switch --hosts 3 && nsenter-lite net fdb && nsenter-lite net down\n"
                          "nsenter-lite net switch --mode nat && nsenter-lite net nat && nsenter-lite net down"}}});
  app.cli().require_subcommand(1, 1);

  // Each subcommand's options are declared only when argv names it (see ToolApp::add_lazy_subcommand): `run` is
  // on the path whose start-up the benchmark measures.
  LsCommand ls;
  RunCommand run;
  EnterCommand enter;
  NetCommand net;
  app.add_lazy_subcommand("ls", LsCommand::kDescription, [&](CLI::App& sub) { ls.declare(sub); });
  app.add_lazy_subcommand("run", RunCommand::kDescription, [&](CLI::App& sub) { run.declare(sub); });
  app.add_lazy_subcommand("enter", EnterCommand::kDescription, [&](CLI::App& sub) { enter.declare(sub); });
  app.add_lazy_subcommand("net", NetCommand::kDescription, [&](CLI::App& sub) { net.declare(sub); });

  const int code = app.run(argc, argv, [&]() -> int {
    if (net.chosen()) return net.execute(app);
    if (enter.chosen()) return enter.execute(app);
    if (run.chosen()) return run.execute(app);
    if (ls.chosen()) return ls.execute(app);
    return 0;
  });
  // Every guard has run by now (run_container's, the switch's): what is left to free is only memory.
  return virtlab::exit_without_teardown(code);
}
