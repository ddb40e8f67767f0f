// vmctl: a virtual machine from raw KVM ioctls — exits, CPU modes, and GVA→GPA→HPA with real numbers.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "virtlab/cli.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/linux_boot.hpp"
#include "vmctl/machine.hpp"
#include "vmctl/nested.hpp"
#include "vmctl/report.hpp"
#include "vmctl/runner.hpp"
#include "vmctl/translate.hpp"

namespace {

using virtlab::Error;
using virtlab::ExitCode;
using Json = nlohmann::ordered_json;

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
       "vmctl run --image my.bin --mode long --mem 4M\n"},
      {"FILES", "/dev/kvm, /proc/self/pagemap, /proc/cpuinfo, /sys/class/net, /sys/class/dmi/id\n"},
      {"SEE ALSO", "pagewalk(1), testvm(1); docs/vmctl.md; Documentation/virt/kvm/api.rst\n"}};
  return info;
}

bool kvm_device_present() {
  return access("/dev/kvm", F_OK) == 0;
}

std::vector<std::uint8_t> read_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  virtlab::explain("open+read", path, in ? "ok" : virtlab::errno_result(errno), "the student's flat binary");
  if (!in) virtlab::throw_errno("cannot read image " + path, "give the path of a flat binary (nasm -f bin)");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return bytes;
}

// A student's flat binary as the guest (run --image and translate --image).
void use_image(vmctl::RunOptions& options, const std::string& path, const std::string& mode_text) {
  options.guest = "image";
  options.image_path = path;
  options.image = read_image(path);
  options.placement.mode = *vmctl::x86::parse_cpu_mode(mode_text);
}

std::uint64_t parse_memory_option(const std::string& text) {
  const auto m = virtlab::parse_size(text);
  if (!m) throw Error(ExitCode::usage, "--mem '" + text + "' is not a size", "e.g. --mem 2M");
  return *m;
}

// translate: the guest whose tables to walk (built-in, or --image run to HLT) and the GVAs, checked before KVM.
vmctl::RunOptions translate_options(const std::string& guest, const std::string& image, const std::string& mode,
                                    const std::string& mem, double timeout) {
  vmctl::RunOptions options;
  if (!image.empty()) {
    use_image(options, image, mode);
    if (!mem.empty()) options.placement.memory = parse_memory_option(mem);
    options.placement.image_size = options.image.size();
    vmctl::layout::validate(options.placement);
  } else {
    options.guest = guest;
    options.placement.mode = vmctl::find_builtin_guest(guest)->mode;
  }
  options.timeout_s = timeout;
  return options;
}

std::vector<std::uint64_t> parse_gvas(std::vector<std::string> texts) {
  if (texts.empty()) texts = {"0x1000", "0x10000", "0x5000"};
  std::vector<std::uint64_t> gvas;
  for (const auto& text : texts) {
    const auto gva = virtlab::parse_u64(text, true);
    if (!gva) throw Error(ExitCode::usage, "'" + text + "' is not an address", "give a GVA such as 0x1000");
    gvas.push_back(*gva);
  }
  return gvas;
}

}  // namespace

int main(int argc, char** argv) {
  virtlab::ToolApp app(tool_info());
  CLI::App& cli = app.cli();
  cli.require_subcommand(1);
  bool nested = false, no_nested = false;
  cli.add_flag("--nested", nested, "Run inside the test VM (QEMU TCG + nested KVM); default when /dev/kvm is missing");
  cli.add_flag("--no-nested", no_nested, "Never fall back to the test VM; fail with exit 5 when /dev/kvm is missing");

  CLI::App* info_cmd = cli.add_subcommand("info", "Show /dev/kvm, API version, CPU extension, capabilities, machine");

  CLI::App* run_cmd = cli.add_subcommand("run", "Run a built-in guest (or --image FILE) and show its VM exits");
  std::string guest;
  std::string image_path, mode_text = "long", mem_text, load_text, entry_text, break_sregs;
  double timeout = 10;
  std::uint64_t pv_bytes = 16384, iterations = 40, spin = 200000;
  std::size_t ring = 4096, show = 64;
  bool list = false;
  std::vector<std::string> guest_names;
  for (const auto& g : vmctl::builtin_guests()) guest_names.push_back(g.name);
  run_cmd
      ->add_option(
          "guest", guest,
          "Built-in guest: " +
              [&] {
                std::string s;
                for (auto& n : guest_names) s += (s.empty() ? "" : ", ") + n;
                return s;
              }())
      ->check(CLI::IsMember(guest_names));
  run_cmd->add_flag("--list", list, "List the built-in guests and their sources");
  run_cmd->add_option("--image", image_path, "Run your own flat binary instead of a built-in guest");
  run_cmd->add_option("--mode", mode_text, "CPU mode for --image: real, protected or long")
      ->check(CLI::IsMember({"real", "protected", "long"}));
  run_cmd->add_option("--load", load_text, "Guest-physical load address of --image (default 0x10000)");
  run_cmd->add_option("--entry", entry_text, "Entry point (default: the load address)");
  run_cmd->add_option("--mem", mem_text, "Guest memory size, e.g. 2M (default 2 MiB)");
  run_cmd->add_option("--timeout", timeout, "Stop a guest that has not halted after SECONDS (default 10)")
      ->check(CLI::Range(0.01, 3600.0));
  run_cmd->add_option("--bytes", pv_bytes, "emulated-vs-pv: bytes per phase (default 16384)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 26));
  run_cmd->add_option("--iterations", iterations, "smp: ticks per vCPU (default 40)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000}));
  run_cmd->add_option("--spin", spin, "smp: busy-loop count between ticks (default 200000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 32));
  run_cmd->add_option("--ring", ring, "Exits kept in the ring buffer (default 4096)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 22));
  run_cmd->add_option("--show", show, "Exits printed live / from the ring (default 64; JSON trace holds the ring)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 22));
  run_cmd
      ->add_option("--break-sregs", break_sregs,
                   "Teaching: break the special registers on purpose (no-lma: EFER.LME without LMA, as "
                   "kvm-hello-world users hit; no-pae) to see KVM_SET_SREGS fail with EINVAL, explained")
      ->check(CLI::IsMember({"no-lma", "no-pae"}));

  CLI::App* tr_cmd = cli.add_subcommand("translate", "Translate guest-virtual addresses: GVA → GPA → HVA → HPA");
  std::string tr_guest = "long";
  std::vector<std::string> gva_texts;
  std::string tr_image, tr_mode = "long", tr_mem;
  double tr_timeout = 10;
  CLI::Option* tr_guest_opt =
      tr_cmd->add_option("--guest", tr_guest, "Built-in guest whose page tables to walk (runs it to HLT first)")
          ->check(CLI::IsMember({"long", "protected", "hello", "mmio", "dirty"}));
  tr_cmd->add_option("--image", tr_image,
                     "Walk the tables of your own flat binary instead (runs it to HLT first; uses the CR3 it ends "
                     "with, so tables the image built and loaded itself)");
  tr_cmd->add_option("--mode", tr_mode, "CPU mode for --image: real, protected or long (default long)")
      ->check(CLI::IsMember({"real", "protected", "long"}));
  tr_cmd->add_option("--mem", tr_mem, "Guest memory size for --image, e.g. 2M (default 2 MiB)");
  tr_cmd->add_option("--timeout", tr_timeout, "Stop an --image that has not halted after SECONDS (default 10)")
      ->check(CLI::Range(0.01, 3600.0));
  tr_cmd->add_option("gva", gva_texts, "Guest-virtual addresses (default 0x1000 0x10000 0x5000)");

  CLI::App* boot_cmd = cli.add_subcommand("boot", "Boot a Linux bzImage on raw KVM to its /init on a serial console");
  vmctl::BootCommand boot;
  boot_cmd->add_option("--kernel", boot.kernel, "bzImage to boot (default: the Debian cloud kernel testvm caches)");
  boot_cmd->add_option("--initrd", boot.initrd,
                       "initramfs (default: busybox whose /init prints the marker, runs a shell, powers off)");
  boot_cmd->add_option("--append", boot.append,
                       "Added to the command line (default: " + std::string(vmctl::linux_boot::kDefaultCmdline) + ")");
  boot_cmd->add_option("--mem", boot.mem, "Guest memory, 32M..3G (default 256M)");
  boot_cmd->add_option("--timeout", boot.timeout_s, "Stop the guest after SECONDS (default: none)")
      ->check(CLI::Range(0.0, 86400.0));
  boot_cmd->add_option("--marker", boot.marker,
                       "Time the first console line containing TEXT (default VIRTLAB-INIT-OK)");

  return app.run(argc, argv, [&]() -> int {
    const auto& common = app.common();
    const bool color = app.terminal().color;

    if (info_cmd->parsed()) {
      Json info = vmctl::gather_info();
      if (common.json) {
        Json doc = virtlab::make_document("vmctl", 1);
        doc["command"] = "info";
        doc["nested"] = vmctl::nested_marker();
        doc["info"] = info;
        virtlab::emit_document(std::cout, doc);
      } else {
        vmctl::print_info(std::cout, info, color);
        if (!info["kvm"]["present"].get<bool>()) {
          const auto why = vmctl::nested_unavailable_reason();
          std::cout << "  test VM        "
                    << (why ? "unavailable: " + *why : std::string("available: vmctl run uses it automatically"))
                    << '\n';
        }
      }
      return 0;
    }

    if (boot_cmd->parsed()) {
      boot.nested = nested;
      boot.no_nested = no_nested;
      boot.json = common.json;
      boot.color = color;
      for (int i = 1; i < argc; ++i) boot.args.emplace_back(argv[i]);
      return vmctl::run_boot_command(boot);
    }

    if (run_cmd->parsed() && list) {
      for (const auto& g : vmctl::builtin_guests())
        std::cout << g.name << std::string(16 - g.name.size(), ' ') << vmctl::x86::to_string(g.mode)
                  << std::string(11 - vmctl::x86::to_string(g.mode).size(), ' ') << g.summary << "  [" << g.source
                  << "]\n";
      return 0;
    }
    if (run_cmd->parsed() && guest.empty() && image_path.empty())
      throw Error(ExitCode::usage, "no guest given", "name a built-in guest (vmctl run --list) or give --image FILE");
    if (run_cmd->parsed() && !guest.empty() && !image_path.empty())
      throw Error(ExitCode::usage, "both a built-in guest and --image given", "give one of them");
    if (tr_cmd->parsed() && tr_guest_opt->count() > 0 && !tr_image.empty())
      throw Error(ExitCode::usage, "both --guest and --image given", "give one of them");

    // Build and validate the run before touching KVM: bad input is exit 2 with or without /dev/kvm.
    vmctl::RunOptions options;
    vmctl::RunDescription what;
    if (!image_path.empty()) {
      use_image(options, image_path, mode_text);
      what = {"image", image_path, &options};
    } else if (run_cmd->parsed()) {
      const auto* g = vmctl::find_builtin_guest(guest);
      options.guest = g->name;
      options.placement.mode = g->mode;
      options.vcpus = g->vcpus;
      const auto image = vmctl::embedded_guest_image(g->name);
      options.image.assign(image.begin(), image.end());
      what = {g->name, g->source, &options};
    }
    auto parse_addr = [](const std::string& text, const char* what_opt) {
      const auto v = virtlab::parse_u64(text);
      if (!v) throw Error(ExitCode::usage, std::string(what_opt) + " '" + text + "' is not a number", "e.g. 0x10000");
      return *v;
    };
    if (!mem_text.empty()) options.placement.memory = parse_memory_option(mem_text);
    if (!load_text.empty()) options.placement.load = parse_addr(load_text, "--load");
    options.placement.entry = entry_text.empty() ? options.placement.load : parse_addr(entry_text, "--entry");
    options.timeout_s = timeout;
    options.pv_bytes = pv_bytes;
    options.smp_iterations = iterations;
    options.smp_spin = spin;
    options.ring_capacity = ring;
    options.break_sregs = break_sregs;
    vmctl::RunOptions tr_options;
    std::vector<std::uint64_t> gvas;
    if (tr_cmd->parsed()) {
      tr_options = translate_options(tr_guest, tr_image, tr_mode, tr_mem, tr_timeout);
      gvas = parse_gvas(gva_texts);
    }
    if (run_cmd->parsed()) {
      auto image = options.image.empty() ? vmctl::embedded_guest_image(options.guest)
                                         : std::span<const std::uint8_t>(options.image);
      vmctl::layout::Placement check = options.placement;
      check.image_size = image.size();
      vmctl::layout::validate(check);
    }

    // No KVM here: run inside the test VM (or say why not).
    if (!kvm_device_present() && !vmctl::inside_nested() && !no_nested) {
      const auto why = vmctl::nested_unavailable_reason();
      if (!why || nested) {
        if (why)
          throw Error(ExitCode::unsupported, "/dev/kvm is missing and the test VM cannot run: " + *why,
                      "run vmctl on a machine with KVM, or install QEMU (scripts/install-deps)");
        std::vector<std::string> args;
        for (int i = 1; i < argc; ++i)
          if (std::string(argv[i]) != "--nested") args.emplace_back(argv[i]);
        // The image lives on this host: ship it into the VM and point the inner vmctl at its copy.
        std::vector<vmctl::NestedFile> files;
        const std::string& forwarded = tr_cmd->parsed() ? tr_image : image_path;
        if (!forwarded.empty()) args = vmctl::forward_image_args(args, forwarded, files);
        return vmctl::run_nested(args, common.json, files);
      }
    }
    if (nested && !vmctl::inside_nested() && kvm_device_present())
      std::cerr << "vmctl: /dev/kvm is present; --nested ignored, running on this machine's KVM\n";

    virtlab::InterruptGuard guard;
    vmctl::Kvm kvm;
    auto vm = kvm.create_vm();
    const Json nested_block = vmctl::nested_marker();

    if (tr_cmd->parsed()) {
      const auto t = vmctl::translate_guest(*vm, tr_options, gvas, vmctl::running_in_vm());
      if (!common.json) {
        for (const auto& chain : t.chains) vmctl::print_chain(std::cout, chain, color);
        return 0;
      }
      Json chains = Json::array();
      for (const auto& chain : t.chains) chains.push_back(vmctl::chain_to_json(chain));
      Json doc = virtlab::make_document("vmctl", 1);
      doc["command"] = "translate";
      doc["nested"] = nested_block;
      doc["translate"] = {{"guest", tr_options.guest}, {"cr3", t.cr3}, {"chains", chains}};
      if (!tr_image.empty()) {
        doc["translate"]["source"] = tr_image;
        doc["translate"]["mode"] = tr_mode;
      }
      virtlab::emit_document(std::cout, doc);
      return 0;
    }

    const bool live = !common.json && options.guest != "emulated-vs-pv" && options.guest != "smp";
    std::uint64_t printed = 0;
    if (live)
      options.on_exit = [&](std::uint64_t seq, const vmctl::VmExit& e) {
        if (printed < show) {
          std::cout << vmctl::exit_line(seq, e) << '\n';
          ++printed;
        } else if (printed == show) {
          std::cout << "  … further exits are only counted (ring buffer keeps the last " << ring << ")\n";
          ++printed;
        }
      };
    vmctl::GuestRun run(*vm, options);
    if (!common.json) {
      if (nested_block["nested"].get<bool>())
        std::cout << "[nested] inside the test VM: " << nested_block["meaning"].get<std::string>() << '\n';
      vmctl::print_run_header(std::cout, what, run, color);
    }
    const vmctl::RunReport report = run.run();
    if (common.json) {
      Json doc = virtlab::make_document("vmctl", 1);
      doc["command"] = "run";
      doc["nested"] = nested_block;
      doc["run"] = vmctl::run_to_json(what, report, ring);
      virtlab::emit_document(std::cout, doc);
    } else {
      vmctl::print_run_report(std::cout, what, report, live, show, color);
    }
    std::cout.flush();
    if (report.outcome == "timeout")
      throw Error(ExitCode::failure,
                  "the guest did not halt within " + virtlab::human_duration(timeout) +
                      "; vmctl stopped it with immediate_exit and a signal",
                  "end the guest with HLT, or give a longer --timeout");
    if (report.outcome == "interrupted") virtlab::InterruptGuard::throw_if_requested();
    if (report.outcome == "shutdown" && options.guest != "triple-fault")
      throw Error(ExitCode::failure,
                  report.vcpus.empty() || report.vcpus[0].regs.rip == 0xfff0
                      ? std::string("the guest triple-faulted (KVM_EXIT_SHUTDOWN; KVM reset the vCPU, so its RIP is "
                                    "the reset vector, not the faulting instruction)")
                      : "the guest triple-faulted (KVM_EXIT_SHUTDOWN) at RIP " + virtlab::hex(report.vcpus[0].regs.rip),
                  "an exception it could not deliver: vmctl's paged guests have no IDT; look at the instruction "
                  "at RIP");
    if (report.outcome != "halted" && report.outcome != "shutdown")
      throw Error(ExitCode::failure, "the guest ended with " + report.outcome + ": " + report.outcome_meaning,
                  "see the last exits above");
    return 0;
  });
}
