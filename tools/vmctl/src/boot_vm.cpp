// vmctl boot: the VM for a Linux kernel, step by step (the shape of crun's container_init_setup): open KVM, create
// the VM with its in-kernel interrupt controllers and timer, guest memory, load kernel + initrd + zero page, one vCPU
// with KVM's CPUID in long mode, then the run loop: the vCPU thread handles exits (8250 UART, ignored ports, reset),
// the calling thread forwards stdin, watches the timeout and signals.
#include "vmctl/boot_vm.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <span>
#include <thread>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/acpi.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/cmos.hpp"
#include "vmctl/exits.hpp"
#include "vmctl/kvm_abi.hpp"
#include "vmctl/uart.hpp"
#include "vmctl/virtio_console.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;
using virtlab::hex;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kTssAddress = 0xfffbd000;          // 3 pages below 4 GiB, outside guest RAM (≤ 3 GiB)
constexpr std::uint64_t kIdentityMapAddress = 0xfffbc000;  // one page, just below the TSS
constexpr std::size_t kConsoleTail = 4096;
constexpr char kCtrlA = 0x01, kCtrlD = 0x04;

long checked_ioctl(int fd, unsigned long request, const std::string& name, const std::string& target, void* arg,
                   const std::string& meaning) {
  const long rc = ioctl(fd, request, arg);
  const int err = errno;
  virtlab::explain("ioctl(" + name + ")", target, rc < 0 ? virtlab::errno_result(err) : std::to_string(rc), meaning);
  if (rc < 0) virtlab::throw_errno(err, name + " failed", "check `vmctl info`: this KVM may lack the capability");
  return rc;
}

// The kvm_run area of the vCPU (RAII mmap).
class RunArea {
 public:
  RunArea(int vcpu_fd, std::size_t size) : size_(size) {
    void* map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu_fd, 0);
    if (map == MAP_FAILED) virtlab::throw_errno("cannot mmap the vCPU's kvm_run area");
    run_ = static_cast<kvm_run*>(map);
  }
  ~RunArea() { munmap(run_, size_); }
  RunArea(const RunArea&) = delete;
  RunArea& operator=(const RunArea&) = delete;
  kvm_run* get() const noexcept { return run_; }

 private:
  kvm_run* run_ = nullptr;
  std::size_t size_;
};

// SIGUSR1 kicks the vCPU thread out of KVM_RUN (EINTR); installed without SA_RESTART for the run.
class KickSignal {
 public:
  KickSignal() {
    struct sigaction sa {};
    sa.sa_handler = [](int) {};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, &old_);
  }
  ~KickSignal() { sigaction(SIGUSR1, &old_, nullptr); }
  KickSignal(const KickSignal&) = delete;
  KickSignal& operator=(const KickSignal&) = delete;

 private:
  struct sigaction old_ {};
};

// Raw mode on a terminal stdin (Ctrl-A X quits instead of Ctrl-C killing vmctl), restored on every exit path.
class RawTerminal {
 public:
  RawTerminal() {
    if (!isatty(0) || tcgetattr(0, &saved_) != 0) return;
    termios raw = saved_;
    cfmakeraw(&raw);
    raw.c_oflag = saved_.c_oflag;  // keep \n → \r\n for our own messages
    active_ = tcsetattr(0, TCSANOW, &raw) == 0;
    virtlab::explain("tcsetattr", "stdin (a terminal)", active_ ? "raw mode" : virtlab::errno_result(errno),
                     "keys go to the guest; Ctrl-A X quits; restored when vmctl ends");
  }
  ~RawTerminal() {
    if (active_) tcsetattr(0, TCSANOW, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;
  bool active() const noexcept { return active_; }

 private:
  termios saved_{};
  bool active_ = false;
};

// write(2) until all is out; a closed console (EPIPE) is not the guest's problem.
void write_console(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Everything the VM owns, released in reverse order.
struct BootVm {
  virtlab::UniqueFd kvm, vm, vcpu;
  std::unique_ptr<GuestMemory> memory;
  std::unique_ptr<RunArea> run;
  std::unique_ptr<VirtioConsole> console;       // --console virtio
  std::array<virtlab::UniqueFd, 2> notify_fds;  // ioeventfd per queue (receiveq 0, transmitq 1), when registered
  std::unique_ptr<BootDisk> disk;               // --disk
};

void open_kvm(BootVm& m) {
  m.kvm.reset(open("/dev/kvm", O_RDWR | O_CLOEXEC));
  const int err = errno;
  virtlab::explain("open", "/dev/kvm", m.kvm ? "fd " + std::to_string(m.kvm.get()) : virtlab::errno_result(err),
                   "the KVM device: every VM starts here");
  if (!m.kvm) virtlab::throw_errno(err, "cannot open /dev/kvm", "run as root on a machine with KVM");
  const long version = ioctl(m.kvm.get(), KVM_GET_API_VERSION, 0);
  virtlab::explain("ioctl(KVM_GET_API_VERSION)", "/dev/kvm", std::to_string(version), "12 is the stable API");
  if (version != KVM_API_VERSION)
    throw Error(ExitCode::unsupported, "KVM API version " + std::to_string(version) + " (expected 12)");
}

void create_vm_with_irqchip(BootVm& m) {
  const long fd = ioctl(m.kvm.get(), KVM_CREATE_VM, 0);
  const int err = errno;
  virtlab::explain("ioctl(KVM_CREATE_VM)", "/dev/kvm", fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
                   "an empty VM: no memory, no vCPU");
  if (fd < 0) virtlab::throw_errno(err, "KVM_CREATE_VM failed", "is another hypervisor holding VT-x/AMD-V?");
  m.vm.reset(static_cast<int>(fd));
  checked_ioctl(m.vm.get(), KVM_SET_TSS_ADDR, "KVM_SET_TSS_ADDR", hex(kTssAddress),
                reinterpret_cast<void*>(kTssAddress),
                "3 pages Intel VT-x needs for real-mode emulation; outside guest RAM");
  std::uint64_t identity = kIdentityMapAddress;
  checked_ioctl(m.vm.get(), KVM_SET_IDENTITY_MAP_ADDR, "KVM_SET_IDENTITY_MAP_ADDR", hex(identity), &identity,
                "VT-x's identity page table for unpaged guest code; outside guest RAM");
  checked_ioctl(m.vm.get(), KVM_CREATE_IRQCHIP, "KVM_CREATE_IRQCHIP", "VM", nullptr,
                "PIC, IOAPIC and a local APIC per vCPU emulated in the kernel: interrupts without exits to vmctl");
  kvm_pit_config pit{};
  checked_ioctl(m.vm.get(), KVM_CREATE_PIT2, "KVM_CREATE_PIT2", "VM", &pit,
                "the 8254 timer (ports 0x40-0x43, 0x61) in the kernel: Linux calibrates and ticks on it");
}

void add_memory(BootVm& m, std::uint64_t size) {
  m.memory = std::make_unique<GuestMemory>(size);
  kvm_userspace_memory_region region{};
  region.slot = 0;
  region.guest_phys_addr = 0;
  region.memory_size = size;
  region.userspace_addr = m.memory->hva();
  checked_ioctl(m.vm.get(), KVM_SET_USER_MEMORY_REGION, "KVM_SET_USER_MEMORY_REGION",
                "slot 0: GPA 0.." + hex(size) + " → HVA " + hex(m.memory->hva()), &region,
                "guest RAM is this process's anonymous memory");
}

void copy_into(GuestMemory& memory, std::uint64_t gpa, const void* data, std::size_t size) {
  std::memcpy(memory.data() + gpa, data, size);
}

void load_kernel(BootVm& m, const BootOptions& o, const BootReport& r) {
  const auto& p = r.placement;
  copy_into(*m.memory, p.kernel_address, o.kernel.data() + r.header.setup_bytes, r.header.kernel_bytes);
  virtlab::explain("load", "kernel " + virtlab::human_bytes(r.header.kernel_bytes) + " at " + hex(p.kernel_address),
                   "ok",
                   "the protected-mode part after " + std::to_string(r.header.setup_sects) +
                       " setup sectors; it decompresses itself");
  copy_into(*m.memory, p.cmdline_address, o.cmdline.c_str(), o.cmdline.size() + 1);
  virtlab::explain("load", "command line at " + hex(p.cmdline_address), "\"" + o.cmdline + "\"", "cmd_line_ptr");
  if (!o.initrd.empty()) {
    copy_into(*m.memory, p.initrd_address, o.initrd.data(), o.initrd.size());
    virtlab::explain("load", "initrd " + virtlab::human_bytes(o.initrd.size()) + " at " + hex(p.initrd_address), "ok",
                     "as high as initrd_addr_max and RAM allow (ramdisk_image/ramdisk_size)");
  }
  const boot_params bp = linux_boot::build_boot_params(r.header, p);
  copy_into(*m.memory, linux_boot::kZeroPageAddress, &bp, sizeof bp);
  virtlab::explain("load", "boot_params (zero page) at " + hex(linux_boot::kZeroPageAddress),
                   std::to_string(bp.e820_entries) + " e820 entries",
                   "setup header copied from the file, type_of_loader 0xff, RAM 0-0x9fc00 and 1 MiB-" + hex(o.memory));
  const auto gdt = linux_boot::build_gdt();
  copy_into(*m.memory, linux_boot::kGdtAddress, gdt.data(), gdt.size() * 8);
  for (const auto& table : linux_boot::build_identity_tables())
    copy_into(*m.memory, table.address, table.entries.data(), table.entries.size() * 8);
  virtlab::explain("load",
                   "GDT at " + hex(linux_boot::kGdtAddress) + ", page tables at " + hex(linux_boot::kPml4Address), "ok",
                   "__BOOT_CS 0x10 / __BOOT_DS 0x18; first 4 GiB identity-mapped with 2 MiB pages");
}

// Linux finds the RSDP by scanning 0xe0000-0xfffff; the DSDT names each virtio-mmio window and its GSI.
void write_acpi_tables(BootVm& m, const BootOptions& o) {
  std::vector<acpi::MmioDevice> devices;
  if (o.virtio_console) devices.push_back({kVirtioConsoleAddress, VirtioMmio::kWindowBytes, kVirtioConsoleGsi});
  if (o.disk) devices.push_back({kVirtioBlockAddress, VirtioMmio::kWindowBytes, kVirtioBlockGsi});
  const auto tables = acpi::build_tables(devices);
  copy_into(*m.memory, acpi::kTablesAddress, tables.bytes.data(), tables.bytes.size());
  virtlab::explain("load", "ACPI tables at " + hex(tables.rsdp) + ": RSDP, XSDT, FADT, DSDT",
                   std::to_string(tables.bytes.size()) + " bytes",
                   "the PIC and PIT stay (no MADT, not hardware-reduced); the DSDT's LNRO0005 device is what "
                   "virtio_mmio.ko binds to (the kernel has no virtio_mmio.device= parameter)");
}

// QueueNotify writes matching a queue index signal that queue's eventfd inside KVM: the guest's kick is not an
// exit, vmctl's main thread wakes up on the eventfd instead.
void register_ioeventfds(BootVm& m, BootReport& r) {
  const long cap = ioctl(m.vm.get(), KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD);
  virtlab::explain("ioctl(KVM_CHECK_EXTENSION)", "KVM_CAP_IOEVENTFD", std::to_string(cap),
                   cap > 0 ? "kicks can bypass vmctl" : "no ioeventfd: every kick is an MMIO exit");
  if (cap <= 0) return;
  for (std::uint16_t queue = 0; queue < 2; ++queue) {
    m.notify_fds[queue].reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!m.notify_fds[queue]) virtlab::throw_errno("eventfd failed", "check the open-file limit (ulimit -n)");
    kvm_ioeventfd io{};
    io.datamatch = queue;
    io.addr = kVirtioConsoleAddress + VirtioMmio::kQueueNotify;
    io.len = 4;
    io.fd = m.notify_fds[queue].get();
    io.flags = KVM_IOEVENTFD_FLAG_DATAMATCH;
    checked_ioctl(m.vm.get(), KVM_IOEVENTFD, "KVM_IOEVENTFD",
                  "QueueNotify " + hex(io.addr) + " = " + std::to_string(queue), &io,
                  "the guest's kick of queue " + std::to_string(queue) + " signals eventfd " + std::to_string(io.fd) +
                      " in the kernel: no exit");
  }
  r.virtio.ioeventfd = true;
}

void add_virtio_console(BootVm& m, const BootOptions& o, BootReport& r) {
  m.console = std::make_unique<VirtioConsole>(m.memory->bytes());
  r.virtio.present = true;
  virtlab::explain(
      "virtio-console",
      "virtio-mmio " + hex(kVirtioConsoleAddress) + " (4 KiB), GSI " + std::to_string(kVirtioConsoleGsi) + " level",
      "device id 3, 2 queues of " + std::to_string(VirtioConsole::kQueueSize),
      "no memory slot there: every register access is an MMIO exit vmctl answers");
  if (o.ioeventfd) register_ioeventfds(m, r);
}

std::vector<std::uint8_t> supported_cpuid(int kvm_fd, std::uint32_t& count) {
  for (std::uint32_t n = 128; n <= 4096; n *= 2) {
    std::vector<std::uint8_t> buf(kvm_abi::kCpuidEntriesOffset + n * sizeof(kvm_cpuid_entry2));
    reinterpret_cast<kvm_abi::Cpuid2Header*>(buf.data())->nent = n;
    if (ioctl(kvm_fd, kvm_abi::kGetSupportedCpuid, buf.data()) == 0) {
      count = reinterpret_cast<kvm_abi::Cpuid2Header*>(buf.data())->nent;
      return buf;
    }
    if (errno != E2BIG) virtlab::throw_errno("KVM_GET_SUPPORTED_CPUID failed");
  }
  throw Error(ExitCode::failure, "KVM_GET_SUPPORTED_CPUID wants more than 4096 entries");
}

void create_vcpu(BootVm& m, BootReport& r) {
  const long fd = ioctl(m.vm.get(), KVM_CREATE_VCPU, 0);
  const int err = errno;
  virtlab::explain("ioctl(KVM_CREATE_VCPU)", "vCPU 0", fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
                   "one vCPU: a host thread will run it");
  if (fd < 0) virtlab::throw_errno(err, "KVM_CREATE_VCPU failed");
  m.vcpu.reset(static_cast<int>(fd));
  const long run_size = ioctl(m.kvm.get(), KVM_GET_VCPU_MMAP_SIZE, 0);
  m.run = std::make_unique<RunArea>(m.vcpu.get(), static_cast<std::size_t>(run_size));
  std::uint32_t count = 0;
  auto cpuid = supported_cpuid(m.kvm.get(), count);
  virtlab::explain("ioctl(KVM_GET_SUPPORTED_CPUID)", "/dev/kvm", std::to_string(count) + " entries",
                   "what this CPU and KVM can offer (long mode, SSE/AVX, the KVM paravirt leaves)");
  auto* entries = reinterpret_cast<kvm_cpuid_entry2*>(cpuid.data() + kvm_abi::kCpuidEntriesOffset);
  linux_boot::adjust_cpuid({entries, count});
  virtlab::explain("CPUID leaf 1", "ECX bit 31 (hypervisor) set, APIC ID 0", "ok",
                   "Linux then finds KVM at leaf 0x40000000 and uses kvm-clock instead of calibrating on the PIT");
  checked_ioctl(m.vcpu.get(), kvm_abi::kSetCpuid2, "KVM_SET_CPUID2", std::to_string(count) + " entries", cpuid.data(),
                "the guest's CPUID answers: Linux picks its code paths from them");
  r.cpuid_from_kvm = true;
  r.cpuid_entries = count;
}

void set_entry_registers(BootVm& m, const BootReport& r) {
  kvm_sregs sregs{};
  checked_ioctl(m.vcpu.get(), KVM_GET_SREGS, "KVM_GET_SREGS", "vCPU 0", &sregs, "start from KVM's reset state");
  sregs = linux_boot::initial_sregs(sregs);
  const long rc = ioctl(m.vcpu.get(), KVM_SET_SREGS, &sregs);
  const int err = errno;
  virtlab::explain("ioctl(KVM_SET_SREGS)", x86::describe_sregs(sregs), rc < 0 ? virtlab::errno_result(err) : "0",
                   "64-bit mode on vmctl's GDT and tables, as boot.rst's 64-bit boot protocol asks");
  if (rc < 0) {
    const auto why = x86::explain_invalid_sregs(sregs);
    virtlab::throw_errno(err, "KVM_SET_SREGS rejected long mode" + (why ? ": " + *why : std::string()));
  }
  kvm_regs regs = linux_boot::initial_regs(r.placement);
  checked_ioctl(m.vcpu.get(), KVM_SET_REGS, "KVM_SET_REGS",
                "RIP " + hex(regs.rip) + " RSI " + hex(regs.rsi) + " RFLAGS 0x2", &regs,
                "the 64-bit entry (load address + 0x200) with RSI = the zero page; interrupts off");
}

}  // namespace

std::string to_string(BootOutcome outcome) {
  switch (outcome) {
    case BootOutcome::PoweredOff:
      return "powered-off";
    case BootOutcome::Rebooted:
      return "rebooted";
    case BootOutcome::Panicked:
      return "panicked";
    case BootOutcome::TripleFault:
      return "triple-fault";
    case BootOutcome::EmulationFailure:
      return "emulation-failure";
    case BootOutcome::Halted:
      return "halted";
    case BootOutcome::Timeout:
      return "timeout";
    case BootOutcome::Quit:
      return "quit";
    case BootOutcome::Interrupted:
      return "interrupted";
    case BootOutcome::KvmError:
      return "kvm-error";
  }
  return "unknown";
}

bool boot_succeeded(BootOutcome outcome) {
  return outcome == BootOutcome::PoweredOff || outcome == BootOutcome::Rebooted || outcome == BootOutcome::Quit;
}

std::optional<std::string> kvm_flavour_problem() {
  if (std::filesystem::exists("/sys/module/kvm_pvm"))
    return "this /dev/kvm is kvm_pvm (a paravirtualized KVM, /sys/module/kvm_pvm): it runs vmctl's small guests, "
           "but a standard Linux kernel stops at its first VEX instruction (KVM emulation failure)";
  return std::nullopt;
}

// The exit loop and its state, shared by the vCPU thread and the thread that feeds stdin and watches time.
class BootRun {
 public:
  BootRun(BootVm& m, const BootOptions& o, BootReport& r) : m_(m), o_(o), r_(r) {}
  void run();

 private:
  void vcpu_loop();
  bool handle_exit(kvm_run& run);  // false: the run ends (outcome set)
  void handle_io(kvm_run& run);
  void handle_virtio_mmio(kvm_run& run);
  void update_virtio_irq();          // virtio_mutex_ held
  void repulse_unseen_virtio_irq();  // virtio_mutex_ held
  void check_unseen_irqs();
  void drain_kicks(const pollfd* fds, std::size_t count);
  void deliver_input();
  void poll_once(bool forward, bool terminal);
  void collect_virtio();
  void console_output(CompareDevice source, const std::string& bytes);
  CompareSample compare_sample();  // output_mutex_ held
  void scan_line(const std::string& line, double line_start_s);
  std::string exit_device(const kvm_run& run) const;
  void open_stats();
  void collect_stats();
  void update_irq();          // uart_mutex_ held
  void repulse_unseen_irq();  // uart_mutex_ held
  void finish(BootOutcome outcome, std::string detail = {});
  void feed_input(bool terminal);
  void take_walk(const std::uint8_t* data, std::size_t bytes);
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  BootVm& m_;
  const BootOptions& o_;
  BootReport& r_;
  Uart8250 uart_;
  Cmos cmos_;
  BootStatsRecorder stats_;  // written by the vCPU thread only, read after it has joined
  std::unique_ptr<KvmStatsFile> vcpu_stats_, vm_stats_;
  double line_start_s_ = 0;
  std::mutex uart_mutex_;
  bool irq_level_ = false;
  std::mutex virtio_mutex_;  // the virtio-console device: MMIO exits (vCPU thread) and ioeventfd kicks (main thread)
  bool virtio_irq_level_ = false;
  std::uint64_t status_reads_at_last_check_ = 0;
  std::mutex output_mutex_;  // console output, line scanning and stats_: both threads produce output now
  std::uint64_t iir_reads_at_last_check_ = 0;
  std::string line_, pending_input_;
  bool stdin_open_ = true, saw_ctrl_a_ = false;
  std::atomic<bool> done_{false};
  // Ctrl-D sent too early (before the shell put the tty in raw mode) is lost: hold it until /init's marker was
  // printed and the console has been quiet for a second (the shell waits at its prompt).
  bool eof_pending_ = false;
  std::atomic<bool> marker_seen_{false};
  std::atomic<double> last_output_s_{0};
  std::mutex outcome_mutex_;
  bool outcome_set_ = false;
  Clock::time_point start_;
};

void BootRun::finish(BootOutcome outcome, std::string detail) {
  std::lock_guard lock(outcome_mutex_);
  if (outcome_set_) return;
  outcome_set_ = true;
  r_.outcome = outcome;
  r_.outcome_detail = std::move(detail);
  done_ = true;
}

void BootRun::update_irq() {
  const bool level = uart_.irq_pending();
  if (level == irq_level_) return;
  irq_level_ = level;
  kvm_irq_level irq{};
  irq.irq = Uart8250::kIrq;
  irq.level = level ? 1 : 0;
  if (ioctl(m_.vm.get(), KVM_IRQ_LINE, &irq) < 0) virtlab::throw_errno("KVM_IRQ_LINE 4 failed");
  if (level) ++r_.irq_raises;
}

namespace {
// A new edge on a line that is already high: KVM_IRQ_LINE level 0, then 1. False (errno set) if KVM refused.
bool drop_and_raise(int vm_fd, std::uint32_t gsi) {
  for (const std::uint32_t level : {0u, 1u}) {
    kvm_irq_level irq{};
    irq.irq = gsi;
    irq.level = level;
    if (ioctl(vm_fd, KVM_IRQ_LINE, &irq) < 0) return false;
  }
  return true;
}
}  // namespace

// IRQ 4 is edge-triggered at the I/O APIC: an edge that gets lost (seen under nested KVM on QEMU TCG, now and then
// in one boot of three: the console stops, or the shell never gets its input) leaves the line high and no new edge
// ever comes. A line that stayed high for a whole check period without the guest reading IIR is dropped and raised
// again, the way a level-triggered line would keep asking; a guest that did get it just sees its interrupt again.
void BootRun::repulse_unseen_irq() {
  const std::uint64_t reads = uart_.iir_reads();
  const bool unseen = irq_level_ && reads == iir_reads_at_last_check_;
  iir_reads_at_last_check_ = reads;
  if (!unseen) return;
  if (!drop_and_raise(m_.vm.get(), Uart8250::kIrq)) virtlab::throw_errno("KVM_IRQ_LINE 4 failed");
  ++r_.irq_repulses;
}

void BootRun::scan_line(const std::string& line, double line_start_s) {
  const double t = seconds();
  const BootPhase phase = next_phase(stats_.phase(), line);
  if (phase != stats_.phase()) stats_.enter_phase(phase, line_start_s, vcpu_stats_->snapshot());
  if (r_.run_init_s < 0 && line.find("Run /init as init process") != std::string::npos) r_.run_init_s = t;
  if (!o_.marker.empty() && r_.marker_s < 0 && line.find(o_.marker) != std::string::npos) {
    r_.marker_s = t;
    marker_seen_ = true;
  }
  // Without ACPI Linux cannot switch itself off: since 5.x it halts instead and says so; older kernels print
  // "Power down" and return. Either way the guest is done.
  for (const char* off : {"reboot: Power down", "reboot: Power off not available", "reboot: System halted"})
    if (line.find(off) != std::string::npos) finish(BootOutcome::PoweredOff, line.substr(line.find(off)));
  const auto panic = line.find("Kernel panic - not syncing");
  if (panic != std::string::npos) finish(BootOutcome::Panicked, line.substr(panic));
  if (r_.walk && !r_.walk->line) r_.walk->line = parse_walk_line(line);
}

// --walk: the guest program's OUT to the doorbell port, from ring 3 with its own CR3 loaded. The walk happens here,
// on the vCPU thread, while the guest waits for this exit to finish: its page tables cannot change meanwhile. The
// console line (main or vCPU thread, output_mutex_) writes only walk->line; this writes walk->walk and ->error.
void BootRun::take_walk(const std::uint8_t* data, std::size_t bytes) {
  if (r_.walk->walk || !r_.walk->error.empty()) return;  // the first ring counts
  std::uint32_t pid = 0;
  std::memcpy(&pid, data, std::min(bytes, sizeof pid));
  try {
    r_.walk->walk = take_walk_at_doorbell(m_.vcpu.get(), m_.memory->bytes(), m_.memory->hva(), pid, seconds());
  } catch (const std::exception& e) {
    r_.walk->error = e.what();
  }
}

// vmctl's counters at an edge of a --compare-console window (output_mutex_ held: stats_ does not move).
CompareSample BootRun::compare_sample() {
  CompareSample s;
  s.t = seconds();
  s.exits_to_vmctl = stats_.events().size() + stats_.dropped();
  const auto counters = vcpu_stats_->snapshot();
  if (const auto it = counters.find("exits"); it != counters.end()) s.kvm_exits = it->second;
  {
    std::lock_guard lock(uart_mutex_);
    s.interrupts = r_.irq_raises;
  }
  if (m_.console) {
    std::lock_guard lock(virtio_mutex_);
    s.kicks = r_.virtio.ioeventfd_kicks + r_.virtio.mmio_kicks;
    s.buffers = m_.console->counters().transmit_chains;
    s.interrupts += r_.virtio.irq_raises;
  }
  return s;
}

void BootRun::console_output(CompareDevice source, const std::string& raw) {
  std::lock_guard lock(output_mutex_);
  // --compare-console: the payload between the marker lines is counted, not shown.
  const std::string bytes = r_.compare ? r_.compare->feed(source, raw, [this] { return compare_sample(); }) : raw;
  if (bytes.empty()) return;
  if (r_.first_output_s < 0) r_.first_output_s = seconds();
  last_output_s_ = seconds();
  r_.console_bytes += bytes.size();
  write_console(o_.console_fd, bytes);
  r_.console_tail += bytes;
  if (r_.console_tail.size() > 2 * kConsoleTail) r_.console_tail.erase(0, r_.console_tail.size() - kConsoleTail);
  for (const char c : bytes) {
    if (line_.empty()) line_start_s_ = last_output_s_;
    if (c == '\n') {
      scan_line(line_, line_start_s_);
      line_.clear();
    } else if (c != '\r' && line_.size() < 1024) {
      line_.push_back(c);
    }
  }
}

void BootRun::handle_io(kvm_run& run) {
  auto* data = reinterpret_cast<std::uint8_t*>(&run) + run.io.data_offset;
  const std::uint16_t port = run.io.port;
  const bool out = run.io.direction == KVM_EXIT_IO_OUT;
  const std::size_t bytes = std::size_t{run.io.size} * run.io.count;
  if (port >= Uart8250::kBase && port < Uart8250::kBase + 8) {
    auto& count = r_.uart_ports[port];
    std::string transmitted;
    {
      std::lock_guard lock(uart_mutex_);
      for (std::size_t i = 0; i < bytes; ++i) {
        if (out)
          uart_.write(port - Uart8250::kBase, data[i], transmitted);
        else
          data[i] = uart_.read(port - Uart8250::kBase);
      }
      update_irq();
    }
    (out ? count.writes : count.reads) += 1;
    if (!transmitted.empty()) console_output(CompareDevice::Serial, transmitted);
    return;
  }
  if (port == Cmos::kIndexPort || port == Cmos::kDataPort) {
    auto& count = r_.rtc_ports[port];
    (out ? count.writes : count.reads) += 1;
    if (port == Cmos::kIndexPort && out) cmos_.write_index(data[0]);
    if (port == Cmos::kIndexPort && !out) data[0] = cmos_.index();
    if (port == Cmos::kDataPort && !out) std::memset(data, cmos_.read_data(std::time(nullptr)), bytes);
    return;
  }
  if ((m_.console || m_.disk) && port >= acpi::kPm1EventPort && port < acpi::kPm1ControlPort + 2) {
    // ACPI PM1 status/enable/control (FADT): no event is ever pending, nothing to enable; SLP_EN is not honoured.
    auto& count = r_.acpi_ports[port];
    (out ? count.writes : count.reads) += 1;
    if (!out) std::memset(data, 0, bytes);
    return;
  }
  if (r_.walk && port == kWalkDoorbellPort && out) {
    take_walk(data, bytes);
    return;
  }
  auto& count = r_.ignored_ports[port];
  (out ? count.writes : count.reads) += 1;
  if (!out) std::memset(data, 0xff, bytes);                                   // no device: the bus floats high
  if (out && port == 0x64 && data[0] == 0xfe) finish(BootOutcome::Rebooted);  // keyboard controller: pulse reset
}

void BootRun::update_virtio_irq() {
  const bool level = m_.console->irq_level();
  if (level == virtio_irq_level_) return;
  virtio_irq_level_ = level;
  kvm_irq_level irq{};
  irq.irq = kVirtioConsoleGsi;
  irq.level = level ? 1 : 0;
  if (ioctl(m_.vm.get(), KVM_IRQ_LINE, &irq) < 0) {
    finish(BootOutcome::KvmError,
           "KVM_IRQ_LINE " + std::to_string(kVirtioConsoleGsi) + ": " + virtlab::errno_result(errno));
    return;
  }
  if (level) ++r_.virtio.irq_raises;
}

// GSI 5 under nested KVM on QEMU TCG loses an interrupt now and then as IRQ 4 does (repulse_unseen_irq): the line
// stays high, the guest never reads InterruptStatus, hvc0 input waits forever (measured: the shell never got its
// Ctrl-D). A line high for a whole check period without such a read is dropped and raised again.
void BootRun::repulse_unseen_virtio_irq() {
  const std::uint64_t reads = m_.console->transport().interrupt_status_reads();
  const bool unseen = virtio_irq_level_ && reads == status_reads_at_last_check_;
  status_reads_at_last_check_ = reads;
  if (!unseen) return;
  if (!drop_and_raise(m_.vm.get(), kVirtioConsoleGsi)) return;
  ++r_.virtio.irq_repulses;
}

void BootRun::check_unseen_irqs() {
  {
    std::lock_guard lock(uart_mutex_);
    repulse_unseen_irq();
  }
  if (m_.disk && !m_.disk->check_unseen_irq())
    finish(BootOutcome::KvmError, "KVM_IRQ_LINE 10: " + virtlab::errno_result(errno));
  if (!m_.console) return;
  std::lock_guard lock(virtio_mutex_);
  repulse_unseen_virtio_irq();
}

// A register access in the virtio-mmio window: answered from the device model; a QueueNotify write (without
// ioeventfd) runs the queue right here, before the vCPU resumes.
void BootRun::handle_virtio_mmio(kvm_run& run) {
  const std::uint64_t offset = run.mmio.phys_addr - kVirtioConsoleAddress;
  const unsigned len = std::min<unsigned>(run.mmio.len, 4);
  std::string transmitted;
  {
    std::lock_guard lock(virtio_mutex_);
    if (run.mmio.is_write) {
      std::uint32_t value = 0;
      std::memcpy(&value, run.mmio.data, len);
      const auto result = m_.console->write(offset, value, run.mmio.len, transmitted);
      ++r_.virtio.mmio_writes;
      if (result.effect == MmioEffect::queue_notify) ++r_.virtio.mmio_kicks;
      if (result.effect == MmioEffect::driver_ok) r_.virtio.driver_ok = true;
    } else {
      const std::uint32_t value = m_.console->read(offset, run.mmio.len);
      std::memset(run.mmio.data, 0, sizeof run.mmio.data);
      std::memcpy(run.mmio.data, &value, len);
      ++r_.virtio.mmio_reads;
    }
    update_virtio_irq();
  }
  if (!transmitted.empty()) console_output(CompareDevice::Virtio, transmitted);
}

// Kicks KVM turned into eventfd signals: the counter says how many arrived since the last read.
void BootRun::drain_kicks(const pollfd* fds, std::size_t count) {
  for (std::size_t queue = 0; queue < count; ++queue) {
    if (!(fds[queue].revents & POLLIN)) continue;
    std::uint64_t kicks = 0;
    if (read(fds[queue].fd, &kicks, sizeof kicks) != static_cast<ssize_t>(sizeof kicks)) continue;
    std::string transmitted;
    {
      std::lock_guard lock(virtio_mutex_);
      r_.virtio.ioeventfd_kicks += kicks;
      m_.console->notify(static_cast<std::uint16_t>(queue), transmitted);
      update_virtio_irq();
    }
    if (!transmitted.empty()) console_output(CompareDevice::Virtio, transmitted);
  }
}

void BootRun::collect_virtio() {
  if (!m_.console) return;
  std::lock_guard lock(virtio_mutex_);
  const auto& c = m_.console->counters();
  auto& v = r_.virtio;
  v.transmit_chains = c.transmit_chains;
  v.transmitted_bytes = c.transmitted_bytes;
  v.received_bytes = c.received_bytes;
  v.status = m_.console->transport().status();
  if (m_.console->transport().last_error() != VirtqError::none)
    v.error = std::string(to_string(m_.console->transport().last_error()));
}

std::string BootRun::exit_device(const kvm_run& run) const {
  if (run.exit_reason == KVM_EXIT_IO) return port_device(run.io.port);
  if (run.exit_reason == KVM_EXIT_MMIO) return mmio_device(run.mmio.phys_addr);
  return "no device";
}

bool BootRun::handle_exit(kvm_run& run) {
  const std::string reason = exit_reason_name(run.exit_reason);
  ++r_.exits[reason];
  {
    std::lock_guard lock(output_mutex_);
    stats_.record_exit(seconds(), reason, exit_device(run));
  }
  switch (run.exit_reason) {
    case KVM_EXIT_IO:
      handle_io(run);
      return !done_;
    case KVM_EXIT_MMIO:
      if (m_.console && run.mmio.phys_addr - kVirtioConsoleAddress < VirtioMmio::kWindowBytes) {
        handle_virtio_mmio(run);
        return !done_;
      }
      if (m_.disk && m_.disk->owns(run.mmio.phys_addr)) {
        if (!m_.disk->handle_mmio(run))
          finish(BootOutcome::KvmError, "KVM_IRQ_LINE 10: " + virtlab::errno_result(errno));
        return !done_;
      }
      ++r_.mmio_exits;
      if (!run.mmio.is_write) std::memset(run.mmio.data, 0xff, sizeof run.mmio.data);
      return !done_;
    case KVM_EXIT_INTR:
      return !done_;
    case KVM_EXIT_SHUTDOWN:
      finish(BootOutcome::TripleFault);
      return false;
    case KVM_EXIT_HLT:
      finish(BootOutcome::Halted);
      return false;
    case KVM_EXIT_INTERNAL_ERROR: {
      std::string detail = "suberror " + std::to_string(run.internal.suberror);
      if (run.internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
          (run.emulation_failure.flags & KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)) {
        detail = "instruction bytes";
        for (std::uint8_t i = 0; i < run.emulation_failure.insn_size && i < 15; ++i)
          detail += " " + hex(run.emulation_failure.insn_bytes[i], 2).substr(2);
      }
      finish(BootOutcome::EmulationFailure, detail);
      return false;
    }
    default:
      finish(BootOutcome::KvmError, "exit reason " + exit_reason_name(run.exit_reason));
      return false;
  }
}

void BootRun::vcpu_loop() {
  kvm_run& run = *m_.run->get();
  for (;;) {
    const int rc = ioctl(m_.vcpu.get(), KVM_RUN, 0);
    const int err = errno;
    if (rc < 0 && err != EINTR && err != EAGAIN) {
      finish(BootOutcome::KvmError, "KVM_RUN: " + virtlab::errno_result(err));
      return;
    }
    if (rc < 0) {
      if (done_) return;
      continue;
    }
    if (!handle_exit(run)) return;
  }
}

// Host stdin → UART, once the guest's driver listens (bytes sent before the port is opened would be dropped).
void BootRun::feed_input(bool terminal) {
  char buf[256];
  const ssize_t n = read(0, buf, sizeof buf);
  if (n <= 0) {
    stdin_open_ = false;
    eof_pending_ = !terminal;  // end of a script: Ctrl-D for the guest's shell, once it waits for input
    return;
  }
  for (ssize_t i = 0; i < n; ++i) {
    if (terminal && saw_ctrl_a_ && (buf[i] == 'x' || buf[i] == 'X')) {
      finish(BootOutcome::Quit);
      return;
    }
    saw_ctrl_a_ = terminal && buf[i] == kCtrlA && !saw_ctrl_a_;
    if (!saw_ctrl_a_) pending_input_.push_back(buf[i]);
  }
}

// KVM's own counters of vCPU 0 and the VM: snapshots at each phase boundary show what KVM handled in the kernel.
void BootRun::open_stats() {
  vcpu_stats_ = std::make_unique<KvmStatsFile>(m_.vcpu.get(), "vCPU 0");
  vm_stats_ = std::make_unique<KvmStatsFile>(m_.vm.get(), "VM");
  stats_.start(vcpu_stats_->snapshot());
}

void BootRun::collect_stats() {
  stats_.finish(r_.total_s, vcpu_stats_->snapshot());
  r_.vcpu_counters = vcpu_stats_->values();
  r_.vm_counters = vm_stats_->values();
  virtlab::explain(
      "pread", "KVM stats of vCPU 0 and the VM",
      std::to_string(r_.vcpu_counters.size()) + " + " + std::to_string(r_.vm_counters.size()) + " counters",
      "also read at each phase boundary: exits KVM handled in the kernel, per phase");
  r_.stats = summarize_boot(stats_);
}

// Host input → the guest's console: hvc0 once virtio_console has posted receive buffers, else the UART once the
// 8250 driver listens (bytes sent earlier would be dropped).
void BootRun::deliver_input() {
  if (pending_input_.empty()) return;
  if (m_.console) {
    std::lock_guard lock(virtio_mutex_);
    if (!m_.console->receiver_ready()) return;
    const std::size_t n = m_.console->receive(pending_input_);
    pending_input_.erase(0, n);
    r_.input_bytes += n;
    update_virtio_irq();
    return;
  }
  std::lock_guard lock(uart_mutex_);
  if (!uart_.receiver_enabled()) return;
  const std::size_t n = uart_.receive(pending_input_);
  pending_input_.erase(0, n);
  r_.input_bytes += n;
  update_irq();
}

// One wait of the main thread: signals, stdin, the virtio kicks' eventfds (20 ms at most).
void BootRun::poll_once(bool forward, bool terminal) {
  std::array<pollfd, 5> fds{};
  std::size_t n = 0;
  fds[n++] = {virtlab::InterruptGuard::poll_fd(), POLLIN, 0};
  const bool disk_kicks = m_.disk && m_.disk->notify_fd() >= 0;
  if (disk_kicks) fds[n++] = {m_.disk->notify_fd(), POLLIN, 0};
  const std::size_t kick_index = n;
  for (const auto& fd : m_.notify_fds)
    if (fd) fds[n++] = {fd.get(), POLLIN, 0};
  const std::size_t kick_count = n - kick_index;
  const bool read_stdin = forward && stdin_open_;
  if (read_stdin) fds[n++] = {0, POLLIN, 0};
  poll(fds.data(), static_cast<nfds_t>(n), 20);
  if (virtlab::InterruptGuard::requested()) finish(BootOutcome::Interrupted);
  drain_kicks(fds.data() + kick_index, kick_count);
  if (disk_kicks && (fds[1].revents & POLLIN) && !m_.disk->drain_kicks())
    finish(BootOutcome::KvmError, "KVM_IRQ_LINE 10: " + virtlab::errno_result(errno));
  if (read_stdin && (fds[n - 1].revents & (POLLIN | POLLHUP))) feed_input(terminal);
}

void BootRun::run() {
  RawTerminal terminal;
  KickSignal kick;
  open_stats();
  start_ = Clock::now();
  std::thread vcpu([this] { vcpu_loop(); });
  const bool forward = o_.forward_stdin;
  double last_irq_check_s = 0;
  while (!done_) {
    poll_once(forward, terminal.active());
    if (eof_pending_ && pending_input_.empty() && (o_.marker.empty() || marker_seen_) &&
        seconds() - last_output_s_ > 1.0) {
      pending_input_.push_back(kCtrlD);
      eof_pending_ = false;
    }
    deliver_input();
    if (seconds() - last_irq_check_s > 0.25) {
      check_unseen_irqs();
      last_irq_check_s = seconds();
    }
    if (o_.timeout_s > 0 && seconds() > o_.timeout_s) finish(BootOutcome::Timeout);
  }
  // Stop the vCPU: immediate_exit makes the next KVM_RUN return at once, the signal ends the current one.
  m_.run->get()->immediate_exit = 1;
  pthread_kill(vcpu.native_handle(), SIGUSR1);
  vcpu.join();
  r_.total_s = seconds();
  if (!line_.empty()) scan_line(line_, line_start_s_);
  collect_stats();
  collect_virtio();
  if (r_.compare)
    for (const auto device : kCompareDevices)
      r_.compare->window(device).exits_by_device = tally_window(r_.compare->window(device), stats_);
  if (m_.disk) r_.disk = m_.disk->report();
  kvm_regs regs{};
  if (ioctl(m_.vcpu.get(), KVM_GET_REGS, &regs) == 0) r_.rip = regs.rip;
  virtlab::explain("KVM_RUN loop", "vCPU 0", to_string(r_.outcome),
                   "after " + virtlab::human_duration(r_.total_s) + ", RIP " + hex(r_.rip));
}

BootReport boot_linux(const BootOptions& options) {
  BootReport report;
  report.cmdline = options.cmdline;
  const auto parsed = linux_boot::parse_setup_header(options.kernel);
  if (parsed.error)
    throw Error(ExitCode::usage, options.kernel_path + ": " + linux_boot::message(*parsed.error),
                linux_boot::hint(*parsed.error));
  report.header = *parsed.header;
  virtlab::explain("parse setup header", options.kernel_path,
                   "boot protocol " + linux_boot::version_text(report.header.version) + ", " +
                       std::to_string(report.header.setup_sects) + " setup sectors, XLF_KERNEL_64",
                   report.header.kernel_version);
  report.placement = linux_boot::place(report.header, options.memory, options.cmdline.size(), options.initrd.size());
  if (report.placement.error) throw Error(ExitCode::usage, report.placement.error_text, report.placement.hint);
  if (options.walk) report.walk.emplace();
  BootVm m;
  open_kvm(m);
  create_vm_with_irqchip(m);
  add_memory(m, options.memory);
  load_kernel(m, options, report);
  if (options.virtio_console || options.disk) write_acpi_tables(m, options);
  if (options.virtio_console) add_virtio_console(m, options, report);
  if (options.disk)
    m.disk = std::make_unique<BootDisk>(m.vm.get(), m.memory->bytes(), *options.disk, options.ioeventfd);
  create_vcpu(m, report);
  set_entry_registers(m, report);
  if (options.compare_bytes > 0) report.compare.emplace(options.compare_bytes);
  BootRun(m, options, report).run();
  return report;
}

}  // namespace virtlab::vmctl
