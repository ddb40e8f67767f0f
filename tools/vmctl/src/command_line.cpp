// vmctl's command line: the global flags and each subcommand's options, landing in a CommandLine.
#include <string>
#include <vector>

#include "vmctl/commands.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/linux_boot.hpp"

namespace virtlab::vmctl {

namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

void add_run_command(CLI::App& cli, CommandLine& line) {
  RunCommand& c = line.run;
  CLI::App* run = line.run_app =
      cli.add_subcommand("run", "Run a built-in guest (or --image FILE) and show its VM exits");
  std::vector<std::string> names;
  for (const auto& g : builtin_guests()) names.push_back(g.name);
  run->add_option("guest", c.guest, "Built-in guest: " + join_names(names))->check(CLI::IsMember(names));
  run->add_flag("--list", c.list, "List the built-in guests and their sources");
  run->add_flag("--trace-exits", c.trace_exits,
                "Every exit through the kvm:kvm_exit tracepoint (a tracefs instance of vmctl's own): by reason, "
                "reached vmctl vs handled in KVM, at a kernel-half RIP (fires under VMX/SVM, e.g. with --nested)");
  run->add_option("--image", c.image_path, "Run your own flat binary instead of a built-in guest");
  run->add_option("--mode", c.mode, "CPU mode for --image: real, protected or long")
      ->check(CLI::IsMember({"real", "protected", "long"}));
  run->add_option("--load", c.load, "Guest-physical load address of --image (default 0x10000)");
  run->add_option("--entry", c.entry, "Entry point (default: the load address)");
  run->add_option("--mem", c.mem, "Guest memory size, e.g. 2M (default 2 MiB)");
  run->add_option("--timeout", c.timeout_s, "Stop a guest that has not halted after SECONDS (default 10)")
      ->check(CLI::Range(0.01, 3600.0));
  run->add_option("--bytes", c.pv_bytes, "emulated-vs-pv: bytes per phase (default 16384)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 26));
  run->add_option("--iterations", c.iterations, "smp: ticks per vCPU (default 40)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000}));
  run->add_option("--spin", c.spin, "smp: busy-loop count between ticks (default 200000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 32));
  run->add_option("--ring", c.ring, "Exits kept in the ring buffer (default 4096)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 22));
  run->add_option("--show", c.show, "Exits printed live / from the ring (default 64; JSON trace holds the ring)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 22));
  run->add_option("--break-sregs", c.break_sregs,
                  "Teaching: break the special registers on purpose (no-lma: EFER.LME without LMA, as "
                  "kvm-hello-world users hit; no-pae) to see KVM_SET_SREGS fail with EINVAL, explained")
      ->check(CLI::IsMember({"no-lma", "no-pae"}));
}

void add_translate_command(CLI::App& cli, CommandLine& line) {
  TranslateCommand& c = line.translate;
  CLI::App* tr = line.translate_app =
      cli.add_subcommand("translate", "Translate guest-virtual addresses: GVA → GPA → HVA → HPA");
  std::vector<std::string> walkable;
  for (const auto& g : builtin_guests())
    if (g.translatable) walkable.push_back(g.name);
  line.translate_guest_option =
      tr->add_option("--guest", c.guest, "Built-in guest whose page tables to walk (runs it to HLT first)")
          ->check(CLI::IsMember(walkable));
  tr->add_option("--image", c.image_path,
                 "Walk the tables of your own flat binary instead (runs it to HLT first; uses the CR3 it ends "
                 "with, so tables the image built and loaded itself)");
  tr->add_option("--mode", c.mode, "CPU mode for --image: real, protected or long (default long)")
      ->check(CLI::IsMember({"real", "protected", "long"}));
  tr->add_option("--mem", c.mem, "Guest memory size for --image, e.g. 2M (default 2 MiB)");
  tr->add_option("--timeout", c.timeout_s, "Stop an --image that has not halted after SECONDS (default 10)")
      ->check(CLI::Range(0.01, 3600.0));
  tr->add_option("gva", c.gvas, "Guest-virtual addresses (default 0x1000 0x10000 0x5000)");
}

void add_boot_command(CLI::App& cli, CommandLine& line) {
  BootCommand& c = line.boot;
  CLI::App* boot = line.boot_app =
      cli.add_subcommand("boot", "Boot a Linux bzImage on raw KVM to its /init on a serial console");
  boot->add_option("--kernel", c.kernel, "bzImage to boot (default: the Debian cloud kernel testvm caches)");
  boot->add_option("--initrd", c.initrd,
                   "initramfs (default: busybox whose /init prints the marker, runs a shell, powers off)");
  boot->add_option("--append", c.append,
                   "Added to the command line (default: " + std::string(linux_boot::kDefaultCmdline) + ")");
  boot->add_option("--mem", c.mem, "Guest memory, 32M..3G (default 256M)");
  boot->add_option("--timeout", c.timeout_s, "Stop the guest after SECONDS (default: none)")
      ->check(CLI::Range(0.0, 86400.0));
  boot->add_option("--marker", c.marker, "Time the first console line containing TEXT (default VIRTLAB-INIT-OK)");
  boot->add_option("--console", c.console,
                   "Where /init and its shell talk: serial (8250 UART, ttyS0) or virtio (virtio-console over "
                   "virtio-mmio, hvc0; the kernel log stays on ttyS0)")
      ->check(CLI::IsMember({"serial", "virtio"}));
  boot->add_flag("--walk", c.walk,
                 "/init runs a program that writes a value into a variable and rings a doorbell port; at that exit "
                 "vmctl walks the program's page tables: GVA -> GPA (each level, checked with KVM_TRANSLATE) -> HVA "
                 "-> HPA, and checks the value");
  boot->add_flag("--no-eventfd", c.no_eventfd,
                 "virtio: no KVM_IOEVENTFD for QueueNotify, so every kick is an MMIO exit to vmctl");
  boot->add_option("--compare-console", c.compare_console,
                   "/init writes N bytes (e.g. 16K) to ttyS0 (8250 UART, emulated), then to hvc0 (virtio-console, "
                   "added as with --console virtio); vmctl shows exits per KiB and throughput side by side")
      ->type_name("N");
  boot->add_option("--disk", c.disk,
                   "A virtio-blk disk (/dev/vda) backed by FILE: FILE (read-write), FILE,ro, or FILE,snapshot (the "
                   "file stays read-only, writes go to FILE.delta); --append virtlab.diskwrite makes /init write a "
                   "marker to sector 1");
}

}  // namespace

void add_commands(CLI::App& cli, CommandLine& line) {
  cli.require_subcommand(1);
  cli.add_flag("--nested", line.context.nested,
               "Run inside the test VM (QEMU TCG + nested KVM); default when /dev/kvm is missing");
  cli.add_flag("--no-nested", line.context.no_nested,
               "Never fall back to the test VM; fail with exit 5 when /dev/kvm is missing");
  line.info_app = cli.add_subcommand("info", "Show /dev/kvm, API version, CPU extension, capabilities, machine");
  add_run_command(cli, line);
  add_translate_command(cli, line);
  add_boot_command(cli, line);
}

}  // namespace virtlab::vmctl
