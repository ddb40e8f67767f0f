// virtlab-runc: an OCI runtime with runc's command line (create, start, state, kill, delete, run, features) on
// nsenter-lite's container code, for podman --runtime and docker's daemon.json "runtimes". The mechanism lives in
// nsenter_lite_lib (runc_commands.hpp); this file wires the command line.
#include "nsenter_lite/runc_commands.hpp"
#include "virtlab/cli.hpp"

int main(int argc, char** argv) {
  virtlab::ToolApp app({"virtlab-runc",
                        "an OCI runtime with runc's command line, built on nsenter-lite's container code",
                        "virtlab-runc implements the commands container engines call on runc: create (the container "
                        "waits on its exec fifo), start, state, kill, delete, plus run and features. With --explain "
                        "every kernel step goes into the runtime log (--log), so a podman or docker run shows what "
                        "the runtime did.",
                        {{"EXAMPLES",
                          "virtlab-runc run --bundle /tmp/bundle demo\n"
                          "virtlab-runc create --bundle B --pid-file /tmp/demo.pid demo && virtlab-runc start demo\n"
                          "virtlab-runc state demo; virtlab-runc kill demo TERM; virtlab-runc delete --force demo\n"
                          "podman --runtime /usr/bin/virtlab-runc run --rm --ulimit nofile=1024:1024 IMAGE sh\n"
                          "podman --runtime /usr/bin/virtlab-runc --runtime-flag explain run --rm IMAGE true"}}});
  virtlab::nsenter_lite::RuncCommands commands;
  commands.declare(app);
  const int code = app.run(argc, argv, [&]() -> int { return commands.execute(app); });
  return virtlab::exit_without_teardown(code);
}
