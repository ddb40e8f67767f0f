#include "vmctl/boot_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/boot_report.hpp"
#include "vmctl/boot_vm.hpp"
#include "vmctl/boot_walk.hpp"
#include "vmctl/disk_report.hpp"
#include "vmctl/nested.hpp"

#include "virtlab/testvm/cpio.hpp"
#include "virtlab/testvm/host.hpp"
#include "virtlab/testvm/image.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;
using Json = nlohmann::ordered_json;

namespace {

// Kernel, initrd, busybox: read(2) in chunks up to 1 MiB (istreambuf_iterator went byte by byte: 330 KB/s under ASan).
std::vector<std::uint8_t> read_whole(const std::string& path, const char* what, const char* fix) {
  constexpr std::size_t kMaxBytes = std::size_t{4} << 30;  // above the 3 GiB of guest RAM any of them must fit in
  const auto data = virtlab::try_read_file(path, kMaxBytes);
  const int err = errno;
  virtlab::explain("open+read", path, data ? "ok" : virtlab::errno_result(err), what);
  if (!data) virtlab::throw_errno(err, std::string("cannot read ") + what + " " + path, fix);
  return {data->begin(), data->end()};
}

std::string default_kernel_path() {
  const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL");
  if (auto base = testvm::find_cached_base(testvm::default_cache_dir(), pinned ? pinned : "")) {
    virtlab::explain("testvm cache", base->kernel.string(), base->kernel_release,
                     "the Debian cloud kernel testvm uses");
    return base->kernel.string();
  }
  throw Error(ExitCode::not_found, "no --kernel given and the test VM has no kernel cached",
              "run `testvm run true` once (it downloads the Debian cloud kernel), or give --kernel bzImage");
}

std::string busybox_path() {
  for (const char* candidate : {"/bin/busybox", "/usr/bin/busybox"})
    if (access(candidate, X_OK) == 0) return candidate;
  throw Error(ExitCode::not_found, "no busybox for the default initramfs",
              "apt-get install busybox-static, or give --initrd FILE");
}

// The module `name` in `dir` as init_module() takes it (testvm decompresses it), or "" when there is none.
std::string uncompressed_module(const std::filesystem::path& dir, const std::string& name) {
  for (const char* suffix : {".ko.xz", ".ko.zst", ".ko.gz", ".ko"}) {
    const auto file = dir / (name + suffix);
    if (std::filesystem::exists(file)) return testvm::module_bytes(file);
  }
  return "";
}

// The modules `names` of the cached Debian kernel, from the kernel package testvm downloaded (its base archive holds
// other modules, not these): one per name the kernel has as a module (=m), none for a built-in driver (=y); an
// error naming `option` when it has neither. `console` also asks for the virtio-console driver.
std::vector<GuestModule> guest_modules_for(const std::string& kernel_path, const std::string& option,
                                           const std::vector<std::string>& names, bool console) {
  const char* pinned = std::getenv("VIRTLAB_TESTVM_KERNEL");
  const auto cache = testvm::default_cache_dir();
  const auto base = testvm::find_cached_base(cache, pinned ? pinned : "");
  if (!base || std::filesystem::absolute(kernel_path) != std::filesystem::absolute(base->kernel))
    throw Error(
        ExitCode::unsupported,
        option + ": vmctl finds " + names.front() + ".ko only for the cached Debian kernel, not for " + kernel_path,
        "drop --kernel, or give --initrd whose /init loads " + names.front());
  const auto deb = cache / "debs" / base->kernel_package;
  testvm::TempDir scratch(std::filesystem::temp_directory_path(), "vmctl-module-");
  // The package's data tarball through tar, keeping only the kernel config and the named modules, flattened.
  const std::string extract =
      "d=$1; o=$2; shift 2; dpkg-deb --fsys-tarfile \"$d\" | tar -x -C \"$o\" "
      "--wildcards --no-anchored --transform='s|.*/||' 'config-*' \"$@\"";
  std::vector<std::string> args = {"sh", "-c", extract, "sh", deb.string(), scratch.path().string()};
  for (const auto& name : names) args.push_back(name + ".ko*");
  const auto r = testvm::run_command(args);
  virtlab::explain("dpkg-deb --fsys-tarfile | tar -x", deb.string(),
                   r.status == 0 ? "ok" : "status " + std::to_string(r.status), "the modules and the kernel's config");
  const auto config = virtlab::try_read_file((scratch / ("config-" + base->kernel_release)).string()).value_or("");
  if (console && config.find("\nCONFIG_VIRTIO_CONSOLE=") == std::string::npos)
    throw Error(ExitCode::unsupported, option + ": " + base->kernel_release + " has no virtio-console driver",
                "use --console serial");
  std::vector<GuestModule> modules;
  for (const auto& name : names) {
    std::string config_name = "CONFIG_" + name;
    std::transform(config_name.begin(), config_name.end(), config_name.begin(), ::toupper);
    if (config.find("\n" + config_name + "=y") != std::string::npos) continue;
    std::string module = uncompressed_module(scratch.path(), name);
    if (module.empty())
      throw Error(ExitCode::unsupported,
                  option + ": " + base->kernel_release + " has no " + name + " driver (" + deb.filename().string() +
                      " holds no " + name + ".ko)",
                  option == "--disk" ? "drop --disk" : "use --console serial");
    virtlab::explain(name + ".ko", base->kernel_release, virtlab::human_bytes(module.size()),
                     config_name + "=m: /init loads it");
    modules.push_back({name, std::move(module)});
  }
  return modules;
}

Json ports_json(const std::map<std::uint16_t, PortCount>& ports) {
  Json out = Json::array();
  for (const auto& [port, count] : ports)
    out.push_back({{"port", port}, {"reads", count.reads}, {"writes", count.writes}});
  return out;
}

Json boot_to_json(const BootCommand& c, const BootOptions& o, const BootReport& r) {
  const auto& h = r.header;
  const auto& p = r.placement;
  auto time_or_null = [](double s) { return s < 0 ? Json(nullptr) : Json(s); };
  Json e820 = Json::array();
  for (const auto& e : linux_boot::build_e820(p.memory))
    e820.push_back({{"address", e.address}, {"size", e.size}, {"type", e.type == 1 ? "ram" : "reserved"}});
  return {
      {"kernel",
       {{"path", o.kernel_path},
        {"bytes", o.kernel.size()},
        {"protocol", linux_boot::version_text(h.version)},
        {"kernel_version", h.kernel_version},
        {"setup_sects", h.setup_sects},
        {"loadflags", h.loadflags},
        {"xloadflags", h.xloadflags},
        {"initrd_addr_max", h.initrd_addr_max},
        {"kernel_alignment", h.kernel_alignment},
        {"relocatable", h.relocatable},
        {"cmdline_size", h.cmdline_size},
        {"pref_address", h.pref_address},
        {"init_size", h.init_size}}},
      {"initrd",
       {{"path", c.initrd.empty() ? std::string("built-in busybox initramfs") : c.initrd}, {"bytes", o.initrd.size()}}},
      {"cmdline", o.cmdline},
      {"memory", o.memory},
      {"layout",
       {{"gdt", linux_boot::kGdtAddress},
        {"zero_page", linux_boot::kZeroPageAddress},
        {"pml4", linux_boot::kPml4Address},
        {"cmdline", p.cmdline_address},
        {"kernel", p.kernel_address},
        {"entry", p.entry},
        {"initrd", p.initrd_address},
        {"initrd_size", p.initrd_size}}},
      {"e820", e820},
      {"cpuid_entries", r.cpuid_entries},
      {"outcome", to_string(r.outcome)},
      {"outcome_detail", r.outcome_detail},
      {"succeeded", boot_succeeded(r.outcome)},
      {"marker", o.marker},
      {"times",
       {{"first_output_seconds", time_or_null(r.first_output_s)},
        {"run_init_seconds", time_or_null(r.run_init_s)},
        {"marker_seconds", time_or_null(r.marker_s)},
        {"total_seconds", r.total_s}}},
      {"exits",
       {{"by_reason", r.exits},
        {"uart_ports", ports_json(r.uart_ports)},
        {"rtc_ports", ports_json(r.rtc_ports)},
        {"ignored_ports", ports_json(r.ignored_ports)},
        {"mmio", r.mmio_exits},
        {"irq_raises", r.irq_raises},
        {"irq_repulses", r.irq_repulses}}},
      {"console_bytes", r.console_bytes},
      {"input_bytes", r.input_bytes},
      {"console_tail", r.console_tail},
      {"rip", r.rip}};
}

Json virtio_to_json(const VirtioReport& v) {
  return {{"device", "virtio-console"},
          {"address", kVirtioConsoleAddress},
          {"gsi", kVirtioConsoleGsi},
          {"ioeventfd", v.ioeventfd},
          {"status", v.status},
          {"driver_ok", v.driver_ok},
          {"error", v.error.empty() ? Json(nullptr) : Json(v.error)},
          {"mmio_reads", v.mmio_reads},
          {"mmio_writes", v.mmio_writes},
          {"mmio_kicks", v.mmio_kicks},
          {"ioeventfd_kicks", v.ioeventfd_kicks},
          {"irq_raises", v.irq_raises},
          {"irq_repulses", v.irq_repulses},
          {"transmit_chains", v.transmit_chains},
          {"transmitted_bytes", v.transmitted_bytes},
          {"received_bytes", v.received_bytes}};
}

void print_virtio_summary(std::ostream& out, const VirtioReport& v) {
  out << "vmctl boot: virtio-console (mmio " << virtlab::hex(kVirtioConsoleAddress) << ", GSI " << kVirtioConsoleGsi
      << "): status " << virtlab::hex(v.status, 2) << (v.driver_ok ? " (DRIVER_OK)" : "") << "; exits " << v.mmio_reads
      << " register reads, " << v.mmio_writes << " writes (" << v.mmio_kicks << " kicks among them); "
      << v.ioeventfd_kicks << " kicks by ioeventfd (no exit"
      << (v.ioeventfd ? "" : ": --no-eventfd or no KVM_CAP_IOEVENTFD") << "); IRQ " << kVirtioConsoleGsi << " raised "
      << v.irq_raises << " times (" << v.irq_repulses << " raised again, unseen); " << v.transmitted_bytes
      << " bytes out in " << v.transmit_chains << " buffers, " << v.received_bytes << " bytes in"
      << (v.error.empty() ? "" : "; device error: " + v.error) << '\n';
}

void print_summary(std::ostream& out, const BootOptions& o, const BootReport& r) {
  auto t = [](double s) { return s < 0 ? std::string("-") : virtlab::human_duration(s); };
  std::uint64_t ignored = 0, rtc = 0;
  for (const auto& [port, count] : r.ignored_ports) ignored += count.reads + count.writes;
  for (const auto& [port, count] : r.rtc_ports) rtc += count.reads + count.writes;
  out << "\nvmctl boot: " << to_string(r.outcome) << (r.outcome_detail.empty() ? "" : " (" + r.outcome_detail + ")")
      << " after " << t(r.total_s) << "; first serial byte " << t(r.first_output_s) << ", Run /init " << t(r.run_init_s)
      << ", marker '" << o.marker << "' " << t(r.marker_s) << '\n';
  out << "vmctl boot: exits";
  for (const auto& [reason, count] : r.exits) out << ' ' << reason << ' ' << count;
  out << "; " << rtc << " CMOS clock accesses, " << ignored << " accesses to " << r.ignored_ports.size()
      << " ports nobody emulates, " << r.mmio_exits << " MMIO, IRQ 4 raised " << r.irq_raises << " times ("
      << r.irq_repulses << " raised again, unseen)\n";
  if (r.virtio.present) print_virtio_summary(out, r.virtio);
}

// Exit status for an outcome (docs/exit-codes.md); throws the one-line error for failures.
int finish_boot(const BootOptions& o, const BootReport& r) {
  const std::string rip = " at RIP " + virtlab::hex(r.rip);
  switch (r.outcome) {
    case BootOutcome::PoweredOff:
    case BootOutcome::Rebooted:
    case BootOutcome::Quit:
      // --console virtio on a guest that never drove the device: its console was not where it was asked for.
      if (o.virtio_console && !r.virtio.driver_ok && r.outcome != BootOutcome::Quit)
        throw Error(ExitCode::unsupported,
                    "--console virtio: the guest never set DRIVER_OK on virtio-console (status " +
                        virtlab::hex(r.virtio.status, 2) + (r.virtio.error.empty() ? "" : ", " + r.virtio.error) + ")",
                    "the kernel needs virtio_mmio (ACPI, LNRO0005) and virtio_console; its /init must load them");
      if (r.compare && r.outcome != BootOutcome::Quit)
        if (const auto problem = r.compare->problem())
          throw Error(ExitCode::failure, "--compare-console: " + *problem,
                      "read the console output above; with --initrd, its /init must print the VIRTLAB-COMPARE lines");
      // --disk on a guest that never drove virtio-blk: /dev/vda never existed.
      if (o.disk && !r.disk.driver_ok && r.outcome != BootOutcome::Quit)
        throw Error(ExitCode::unsupported,
                    "--disk: the guest never set DRIVER_OK on virtio-blk (status " + virtlab::hex(r.disk.status, 2) +
                        (r.disk.error.empty() ? "" : ", " + r.disk.error) + ")",
                    "the kernel needs virtio_mmio (ACPI, LNRO0005) and virtio_blk; its /init must load them");
      return 0;
    case BootOutcome::Interrupted:
      virtlab::InterruptGuard::throw_if_requested();
      return 1;
    case BootOutcome::Timeout:
      throw Error(ExitCode::failure,
                  "the guest did not power off within " + virtlab::human_duration(o.timeout_s) +
                      (r.console_bytes == 0 ? " and never printed on the serial port" : "") + rip,
                  "give a longer --timeout, or check the command line (console=ttyS0)");
    case BootOutcome::Panicked:
      throw Error(ExitCode::failure, "the guest kernel panicked: " + r.outcome_detail,
                  "read the console output above (root=/rdinit=, initrd)");
    case BootOutcome::TripleFault:
      throw Error(ExitCode::failure, "the guest triple-faulted (KVM_EXIT_SHUTDOWN)" + rip,
                  "an exception the guest could not deliver; check the kernel and --mem");
    case BootOutcome::EmulationFailure:
      throw Error(ExitCode::unsupported, "KVM could not emulate an instruction" + rip + " (" + r.outcome_detail + ")",
                  "this /dev/kvm cannot run this kernel; run vmctl boot without --no-nested to use the test VM");
    case BootOutcome::Halted:
    case BootOutcome::KvmError:
      throw Error(ExitCode::failure, "the guest stopped: " + to_string(r.outcome) + " " + r.outcome_detail + rip,
                  "see the console output above");
  }
  return 1;
}

// --walk: a walk that did not agree all the way is the command's failure (exit 1), after its report was shown.
void check_walk(const WalkResult& walk) {
  const WalkVerdict v = verdict(walk);
  if (v == WalkVerdict::Agree) return;
  throw Error(ExitCode::failure, "--walk: " + verdict_meaning(v) + (walk.error.empty() ? "" : " (" + walk.error + ")"),
              "read the walk report and the console above; under nested KVM rerun once (about 1 boot in 6 dies)");
}

// --disk FILE[,ro|,snapshot] parsed and checked before any KVM call or test VM; nullopt without --disk.
std::optional<DiskSpec> checked_disk(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string error;
  auto spec = parse_disk_spec(text, error);
  if (!spec) throw Error(ExitCode::usage, error, "e.g. --disk disk.img,snapshot");
  check_disk(*spec);
  virtlab::explain("--disk", spec->path, std::string(to_string(spec->mode)),
                   "a virtio-blk device at " + virtlab::hex(kVirtioBlockAddress) + ", /dev/vda in the guest");
  return spec;
}

// vmctl's busybox initramfs with the modules its /init loads: virtio_mmio for --console virtio and --disk,
// virtio_blk for --disk.
std::vector<std::uint8_t> default_initrd(const BootCommand& c, const BootOptions& o) {
  std::vector<GuestModule> modules;
  if (o.virtio_console || o.disk) {
    std::vector<std::string> names = {"virtio_mmio"};
    if (o.disk) names.push_back("virtio_blk");
    modules =
        guest_modules_for(o.kernel_path, o.virtio_console ? "--console virtio" : "--disk", names, o.virtio_console);
  }
  const std::string cpio = build_default_initramfs(busybox_path(), c.marker, o.virtio_console, modules, o.compare_bytes,
                                                   o.walk, o.disk.has_value());
  return {cpio.begin(), cpio.end()};
}

// The disk (and a snapshot's existing delta) copied into the test VM; returns the inner --disk value. The copy
// sits in the test VM's RAM (its initramfs), hence the size limit.
std::string nested_disk_files(const DiskSpec& disk, std::vector<NestedFile>& files) {
  constexpr std::uint64_t kNestedDiskLimit = std::uint64_t{128} << 20;
  const auto space = file_space(disk.path);
  if (space && space->size > kNestedDiskLimit)
    throw Error(ExitCode::usage,
                "--disk " + disk.path + " is " + virtlab::human_bytes(space->size) +
                    ": booting inside the test VM copies the disk into its RAM, at most " +
                    virtlab::human_bytes(kNestedDiskLimit),
                "use a smaller disk image here (e.g. truncate -s 64M disk.img), or a machine whose KVM boots Linux");
  const std::string guest = "/tmp/vmctl-files/disk.img";
  files.push_back({std::filesystem::absolute(disk.path).string(), guest});
  const std::string delta = delta_path_for(disk.path);
  if (disk.mode == DiskMode::snapshot && std::filesystem::exists(delta))
    files.push_back({std::filesystem::absolute(delta).string(), delta_path_for(guest)});
  return disk.mode == DiskMode::read_write ? guest : guest + "," + std::string(to_string(disk.mode));
}

// Why this machine cannot boot Linux itself (no /dev/kvm, or a KVM flavour that cannot run it), else nullopt.
std::optional<std::string> local_boot_problem() {
  if (access("/dev/kvm", F_OK) != 0) return std::string("/dev/kvm is missing: this machine has no KVM");
  return kvm_flavour_problem();
}

// The JSON the inner vmctl printed, with boot.disk.host added (the host's files after the copy-back).
void emit_with_host_disk(const std::string& inner_json, const DiskCopyBack& copy_back) {
  Json doc = Json::parse(inner_json, nullptr, false);
  if (doc.is_discarded() || !doc.contains("boot") || !doc["boot"].contains("disk")) {
    std::cout << inner_json;
    return;
  }
  doc["boot"]["disk"]["host"] = copy_back.host_json();
  virtlab::emit_document(std::cout, doc);
  std::cout.flush();
}

int boot_nested(const BootCommand& c, const BootOptions& o, const std::string& problem) {
  if (const auto why = nested_unavailable_reason())
    throw Error(ExitCode::unsupported, problem + ", and the test VM cannot run: " + *why,
                "run vmctl boot on a machine with KVM, or install QEMU (scripts/install-deps)");
  std::cerr << "vmctl boot: " << problem << "; booting inside the test VM (QEMU TCG + nested KVM) instead\n";
  // The initrd vmctl built lives only in memory: write it where run_nested copies it from (removed afterwards).
  testvm::TempDir scratch(std::filesystem::temp_directory_path(), "vmctl-boot-");
  std::string initrd_host = c.initrd;
  if (initrd_host.empty()) {
    initrd_host = (scratch / "initramfs.cpio").string();
    std::ofstream(initrd_host, std::ios::binary)
        .write(reinterpret_cast<const char*>(o.initrd.data()), static_cast<std::streamsize>(o.initrd.size()));
  }
  std::vector<NestedFile> files = {{std::filesystem::absolute(o.kernel_path).string(), "/tmp/vmctl-files/bzImage"},
                                   {std::filesystem::absolute(initrd_host).string(), "/tmp/vmctl-files/initrd"}};
  const std::string disk_spec = o.disk ? nested_disk_files(*o.disk, files) : std::string();
  const auto args = forward_boot_args(c.args, files[0].guest_path, files[1].guest_path, disk_spec);
  const auto budget = std::chrono::seconds(300 + static_cast<long>(c.timeout_s));
  if (!o.disk) return run_nested(args, c.json, files, budget);
  DiskCopyBack copy_back(*o.disk, c.json);
  const int status = run_nested(args, c.json, files, budget, &copy_back.sink());
  copy_back.finish();
  if (c.json)
    emit_with_host_disk(copy_back.captured_stdout(), copy_back);
  else
    copy_back.print_host_summary(std::cerr);
  return status;
}

}  // namespace

// The virtio-console part of /init: virtio_mmio is a module in the Debian cloud kernel, so hvc0 appears only once
// /init has loaded it (it binds to the ACPI device vmctl announces); then /init's output and its shell move there.
std::string virtio_console_init() {
  return "insmod /lib/modules/virtio_mmio.ko 2>/dev/null\n"
         "i=0; while [ ! -c /dev/hvc0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
         "if [ -c /dev/hvc0 ]; then exec </dev/hvc0 >/dev/hvc0 2>&1; CONSOLE=hvc0\n"
         "else echo 'virtlab: no /dev/hvc0: virtio_mmio did not bind (kernel without it?)'; fi\n";
}

// The virtio-blk part of /init: load the driver, wait for /dev/vda, say what the guest sees of the disk; with
// virtlab.diskwrite write one marker line to sector 1 (dd conv=sync pads it to 512 bytes, conv=fsync sends a FLUSH),
// drop the page cache and read the sector back from the device.
std::string virtio_blk_init() {
  return "insmod /lib/modules/virtio_mmio.ko 2>/dev/null\n"
         "insmod /lib/modules/virtio_blk.ko 2>/dev/null\n"
         "i=0; while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
         "if [ -b /dev/vda ]; then\n"
         "  echo \"virtlab-disk: /dev/vda $(cat /sys/block/vda/size) sectors of 512 bytes, ro=$(cat /sys/block/vda/ro),"
         " serial '$(cat /sys/block/vda/serial 2>/dev/null)'\"\n"
         "  echo \"virtlab-disk: sector 0 starts '$(head -c 64 /dev/vda | tr -cd 'A-Za-z0-9 =._:-')'\"\n"
         "  if grep -qw virtlab.diskwrite /proc/cmdline; then\n"
         "    if echo \"VIRTLAB-DISK-WRITE uptime $(cut -d' ' -f1 /proc/uptime)\" |"
         " dd of=/dev/vda bs=512 seek=1 conv=notrunc,sync,fsync 2>/dev/null; then\n"
         "      sync; echo 3 > /proc/sys/vm/drop_caches\n"
         "      echo \"virtlab-disk: wrote sector 1, reads back '$(dd if=/dev/vda bs=512 skip=1 count=1 2>/dev/null |"
         " head -n 1 | tr -cd 'A-Za-z0-9 =._:-')'\"\n"
         "    else echo 'virtlab-disk: the write to sector 1 was refused (a read-only disk?)'; fi\n"
         "  fi\n"
         "else echo 'virtlab-disk: no /dev/vda: virtio_blk did not bind (kernel without it?)'; fi\n";
}

std::string default_init_script(const std::string& marker, bool virtio_console, std::uint64_t compare_bytes, bool walk,
                                bool disk) {
  return "#!/bin/busybox sh\n"
         "# vmctl boot's default /init: a busybox system on the serial console (or on hvc0, virtio-console).\n"
         "/bin/busybox --install -s /bin\n"
         "export PATH=/bin\n"
         "mkdir -p /proc /sys /dev /tmp\n"
         "mount -t proc proc /proc\n"
         "mount -t sysfs sysfs /sys\n"
         "mount -t devtmpfs devtmpfs /dev\n"
         "CONSOLE=ttyS0\n" +
         (virtio_console ? virtio_console_init() : std::string()) + (disk ? virtio_blk_init() : std::string()) +
         (compare_bytes > 0 ? compare_console_script(compare_bytes) : std::string()) + "echo \"" + marker +
         " /init running on $CONSOLE, guest uptime $(cut -d' ' -f1 /proc/uptime) s\"\n" +
         (walk ? std::string(kWalkProgramPath) + "\n" : std::string()) +
         "if ! grep -qw virtlab.noshell /proc/cmdline; then\n"
         "  echo \"busybox shell on $CONSOLE; exit or Ctrl-D powers off, Ctrl-A X quits vmctl\"\n"
         "  if [ $CONSOLE = ttyS0 ]; then setsid cttyhack sh; else setsid -c sh; fi\n"
         "fi\n"
         "poweroff -f\n";
}

std::string build_default_initramfs(const std::string& busybox, const std::string& marker, bool virtio_console,
                                    const std::vector<GuestModule>& modules, std::uint64_t compare_bytes, bool walk,
                                    bool disk) {
  const auto bytes = read_whole(busybox, "busybox (statically linked)", "apt-get install busybox-static");
  testvm::CpioWriter cpio;
  cpio.add_file("bin/busybox", std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), 0755);
  cpio.add_symlink("bin/sh", "busybox");
  cpio.add_char_device("dev/console", 5, 1);
  std::string carried;
  for (const auto& module : modules) {
    cpio.add_file("lib/modules/" + module.name + ".ko", module.bytes, 0644);
    carried += " + " + module.name + ".ko";
  }
  if (walk) {
    const auto program = walk_program();
    cpio.add_file(std::string(kWalkProgramPath).substr(1),
                  std::string_view(reinterpret_cast<const char*>(program.data()), program.size()), 0755);
    carried += std::string(" + ") + kWalkProgramPath;
  }
  cpio.add_file("init", default_init_script(marker, virtio_console, compare_bytes, walk, disk), 0755);
  std::string archive = cpio.finish();
  virtlab::explain("build initramfs", busybox + " + /init" + carried,
                   virtlab::human_bytes(archive.size()) + " newc cpio",
                   "testvm's cpio writer; /init prints '" + marker + "' then starts a shell" +
                       (virtio_console ? " on hvc0 after insmod virtio_mmio.ko" : "") +
                       (disk ? "; before that it loads virtio_blk and reads /dev/vda" : "") +
                       (compare_bytes > 0 ? "; before that it writes " + std::to_string(compare_bytes) +
                                                " bytes to ttyS0, then to hvc0 (--compare-console)"
                                          : "") +
                       (walk ? std::string("; after the marker it runs ") + kWalkProgramPath : ""));
  return archive;
}

std::uint64_t parse_compare_bytes(const std::string& text, std::uint64_t memory) {
  const auto bytes = virtlab::parse_size(text);
  if (!bytes)
    throw Error(ExitCode::usage, "--compare-console '" + text + "' is not a byte count",
                "give the bytes to write through each console, e.g. --compare-console 16K");
  if (const auto problem = compare_bytes_problem(*bytes, memory))
    throw Error(ExitCode::usage, *problem,
                *bytes == 0 ? "e.g. --compare-console 16K" : "give a smaller N or a larger --mem");
  return *bytes;
}

std::vector<std::string> forward_boot_args(const std::vector<std::string>& args, const std::string& kernel_guest_path,
                                           const std::string& initrd_guest_path, const std::string& disk_guest_spec) {
  const bool disk = !disk_guest_spec.empty();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--nested" || a.rfind("--kernel=", 0) == 0 || a.rfind("--initrd=", 0) == 0) continue;
    if (disk && a.rfind("--disk=", 0) == 0) continue;
    if (a == "--kernel" || a == "--initrd" || (disk && a == "--disk")) {
      ++i;
      continue;
    }
    out.push_back(a);
  }
  out.insert(out.end(), {"--kernel", kernel_guest_path, "--initrd", initrd_guest_path});
  if (disk) out.insert(out.end(), {"--disk", disk_guest_spec});
  return out;
}

int run_boot_command(const BootCommand& c) {
  BootOptions o;
  const auto memory = virtlab::parse_size(c.mem);
  if (!memory) throw Error(ExitCode::usage, "--mem '" + c.mem + "' is not a size", "e.g. --mem 256M");
  o.memory = *memory;
  o.timeout_s = c.timeout_s;
  o.marker = c.marker;
  o.console_fd = c.json ? 2 : 1;
  o.cmdline = std::string(linux_boot::kDefaultCmdline) + (c.append.empty() ? "" : " " + c.append);
  // Everything the user gave is checked here, before KVM or the test VM: bad input is the same error everywhere.
  o.kernel_path = c.kernel.empty() ? default_kernel_path() : c.kernel;
  o.kernel = read_whole(o.kernel_path, "kernel", "give the path of a bzImage with --kernel");
  const auto parsed = linux_boot::parse_setup_header(o.kernel);
  if (parsed.error)
    throw Error(ExitCode::usage, o.kernel_path + ": " + linux_boot::message(*parsed.error),
                linux_boot::hint(*parsed.error));
  // --compare-console needs both consoles: the UART is always there, it adds virtio-console as --console virtio does.
  if (!c.compare_console.empty()) o.compare_bytes = parse_compare_bytes(c.compare_console, o.memory);
  o.virtio_console = c.console == "virtio" || o.compare_bytes > 0;
  o.ioeventfd = !c.no_eventfd;
  o.walk = c.walk;
  // Inside the test VM the initrd is the one the outer vmctl built (with the program); a user's has no program.
  if (c.walk && !c.initrd.empty() && !inside_nested())
    throw Error(ExitCode::usage,
                "--walk needs vmctl's own initramfs (its /init runs " + std::string(kWalkProgramPath) +
                    "), not --initrd " + c.initrd,
                "drop --initrd, or drop --walk");
  o.disk = checked_disk(c.disk);
  o.initrd = c.initrd.empty() ? default_initrd(c, o)
                              : read_whole(c.initrd, "initrd", "give an initramfs (cpio) with --initrd");
  const auto placement = linux_boot::place(*parsed.header, o.memory, o.cmdline.size(), o.initrd.size());
  if (placement.error) throw Error(ExitCode::usage, placement.error_text, placement.hint);

  // Before the test VM too: SIGINT/SIGTERM unwind (QEMU stopped, the initramfs directory removed), exit 128+N.
  virtlab::InterruptGuard guard;
  if (!inside_nested()) {
    if (const auto problem = local_boot_problem()) {
      const bool no_kvm = access("/dev/kvm", F_OK) != 0;
      if (!c.no_nested) return boot_nested(c, o, *problem);
      if (no_kvm) throw Error(ExitCode::unsupported, *problem, "drop --no-nested to boot inside the test VM");
      std::cerr << "vmctl boot: " << *problem << "; trying it anyway (--no-nested)\n";
    }
  }
  const BootReport report = boot_linux(o);
  if (c.json) {
    Json doc = virtlab::make_document("vmctl", 1);
    doc["command"] = "boot";
    doc["nested"] = nested_marker();
    doc["boot"] = boot_to_json(c, o, report);
    add_boot_stats_json(doc["boot"], report);
    if (report.virtio.present) doc["boot"]["virtio"] = virtio_to_json(report.virtio);
    if (report.compare) doc["boot"]["compare_console"] = compare_console_json(*report.compare);
    if (report.walk) doc["boot"]["walk"] = walk_to_json(*report.walk);
    if (report.disk.present) doc["boot"]["disk"] = disk_to_json(report.disk);
    virtlab::emit_document(std::cout, doc);
    std::cout.flush();
  } else {
    print_boot_stats(std::cerr, report, virtlab::Terminal{c.color && isatty(2) != 0, 80});
    print_summary(std::cerr, o, report);
    if (report.compare)
      print_compare_console(std::cerr, *report.compare, virtlab::Terminal{c.color && isatty(2) != 0, 80});
    if (report.walk) print_walk(std::cerr, *report.walk, c.color && isatty(2) != 0);
    if (report.disk.present) print_disk_summary(std::cerr, report.disk);
  }
  if (report.disk.present && inside_nested()) send_disk_writes(std::cerr, report.disk);
  const int status = finish_boot(o, report);
  if (report.walk) check_walk(*report.walk);
  return status;
}

}  // namespace virtlab::vmctl
