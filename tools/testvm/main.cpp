// testvm: run one command inside a small QEMU TCG guest with real KVM (nested SVM) and pure cgroup v2.
// The mechanism is libs/testvm (virtlab::testvm); the subcommands are src/commands.cpp.
#include "testvm/commands.hpp"
#include "virtlab/cli.hpp"

int main(int argc, char** argv) {
  virtlab::ToolApp app({
      "testvm",
      "run one command inside a QEMU guest with real KVM and pure cgroup v2",
      "Builds (once, cached outside the source tree) an initramfs from Debian packages only - the newest "
      "linux-image-*-cloud-amd64 with kvm.ko, kvm-amd.ko and irqbypass.ko, plus busybox-static - adds the "
      "command's binary, --file entries and their shared libraries as a second small cpio archive, boots it under "
      "qemu-system-x86_64 -accel tcg -cpu qemu64,+svm, runs the command as the guest's only job and returns its "
      "exit status. The guest has /dev/kvm (nested SVM) and pure cgroup v2 (or hybrid with --cgroup hybrid). "
      "Kernel messages stay on the serial console; the command's stdout and stderr come back live over their own "
      "virtio-serial ports.\n\nCache: $VIRTLAB_TESTVM_CACHE, else /var/cache/virtlab/testvm. "
      "A cached kernel is reused; 'testvm build --refresh' looks for a newer one. $VIRTLAB_TESTVM_KERNEL pins a "
      "kernel release.",
      {{"EXAMPLES",
        "testvm run -- ls -l /dev/kvm\n"
        "testvm run --cpus 2 --mem 1G -- cat /sys/fs/cgroup/cgroup.controllers\n"
        "testvm run --swap 256M --file build/bin/pagewalk -- /work/main/build/bin/pagewalk --help\n"
        "testvm run --needs kvm --skip-code 77 -- ./build/tests/vmctl_tests --gtest_filter=Kvm.*\n"
        "testvm status"},
       {"EXIT STATUS (run)",
        "The inner command's exit status; 124 when the guest was killed at --timeout; 2 bad option; 5 QEMU or the "
        "kernel package cannot be had (or the --skip-code value); 1 the guest died before reporting."}},
  });
  CLI::App& cli = app.cli();
  cli.require_subcommand(1);

  virtlab::testvm::RunArgs run_args;
  CLI::App* run = cli.add_subcommand("run", "Boot the VM and run one command inside (after --)");
  virtlab::testvm::add_run_options(*run, run_args);
  bool refresh = false;
  CLI::App* build = cli.add_subcommand("build", "Build or refresh the cached base initramfs (no boot)");
  build->add_flag("--refresh", refresh, "Ask apt for the newest cloud kernel even if one is cached");
  CLI::App* status = cli.add_subcommand("status", "Can the VM run here? QEMU, kernel package, host KVM and cgroups");
  CLI::App* clean = cli.add_subcommand("clean", "Remove the cache directory");

  return app.run(argc, argv, [&]() -> int {
    const bool json = app.common().json;
    if (status->parsed()) return virtlab::testvm::status_command(json);
    if (clean->parsed()) return virtlab::testvm::clean_command(json);
    if (build->parsed()) return virtlab::testvm::build_command(refresh, json);
    return virtlab::testvm::run_command(run_args, json);
  });
}
