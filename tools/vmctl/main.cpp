// vmctl: a virtual machine from raw KVM ioctls — exits, CPU modes, and GVA→GPA→HPA with real numbers.
#include "virtlab/cli.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/commands.hpp"

namespace {

virtlab::ToolInfo tool_info() {
  virtlab::ToolInfo info;
  info.name = "vmctl";
  info.summary = "a virtual machine from raw KVM ioctls: exits, CPU modes, GVA→GPA→HPA";
  info.description =
      "vmctl builds a tiny VM itself with the KVM API (/dev/kvm ioctls, no QEMU) and shows what hardware "
      "virtualization does: the guest runs directly on the CPU and leaves to the hypervisor on VM exits; memory goes "
      "through GVA → GPA → HPA; emulated devices cost an exit per access while paravirtual ones batch. Built-in "
      "guests (assembly in tools/vmctl/guests/) cover real, protected and long mode, MMIO, emulated vs paravirtual "
      "I/O, two vCPUs, dirty logging and a triple fault. Without /dev/kvm, vmctl runs itself inside the test VM "
      "(QEMU TCG with nested KVM) and marks its output as nested.";
  info.man_sections = {
      {"EXAMPLES",
       "vmctl info\nvmctl run hello\nvmctl run long --explain\nvmctl run emulated-vs-pv --bytes 65536\n"
       "vmctl translate --guest long 0x1000\nvmctl translate --image my.bin --mode long 0x7f0000001000\n"
       "vmctl run --image my.bin --mode long --mem 4M\n"
       "vmctl boot --console virtio\nvmctl boot --compare-console 16K\n"},
      {"FILES", "/dev/kvm, /proc/self/pagemap, /proc/cpuinfo, /sys/class/net, /sys/class/dmi/id\n"},
      {"SEE ALSO", "pagewalk(1), testvm(1); docs/vmctl.md; Documentation/virt/kvm/api.rst\n"}};
  return info;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace virtlab::vmctl;
  virtlab::ToolApp app(tool_info());
  CommandLine line;
  add_commands(app.cli(), line);
  return app.run(argc, argv, [&]() -> int {
    CommandContext& context = line.context;
    context.json = app.common().json;
    context.color = app.terminal().color;
    for (int i = 1; i < argc; ++i) context.args.emplace_back(argv[i]);
    if (line.info_app->parsed()) return run_info_command(context);
    if (line.boot_app->parsed()) {
      BootCommand& boot = line.boot;
      boot.nested = context.nested;
      boot.no_nested = context.no_nested;
      boot.json = context.json;
      boot.color = context.color;
      boot.args = context.args;
      return run_boot_command(boot);
    }
    if (line.run_app->parsed()) return run_guest_command(line.run, context);
    line.translate.guest_given = line.translate_guest_option->count() > 0;
    return run_translate_command(line.translate, context);
  });
}
