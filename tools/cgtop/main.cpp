// cgtop — every control group live (v1, v2, hybrid), and `cgtop run` to run a command under limits and explain.
// The command line and each mode's procedure live in the cgtop libraries (commands.hpp, view_command.hpp); this
// file wires them to the ToolApp.
#include "cgtop/commands.hpp"
#include "cgtop/view_command.hpp"
#include "virtlab/cli.hpp"

using namespace virtlab::cgtop;

int main(int argc, char** argv) {
  virtlab::ToolApp app(tool_info());
  // Declared in this order: the view's options and `group` argument, then the subcommands, as --help lists them.
  ViewCommand view;
  RunCommand run;
  GcCommand gc;
  view.declare(app.cli());
  run.declare(app.cli());
  gc.declare(app.cli());

  // ToolApp::run maps virtlab::Error to its one-line message and exit code, parse errors to 2, the rest to 1.
  return app.run(argc, argv, [&]() -> int {
    if (gc.chosen()) return gc.execute(app);
    if (run.chosen()) return run.execute(app);
    return run_view_command(view, app);
  });
}
