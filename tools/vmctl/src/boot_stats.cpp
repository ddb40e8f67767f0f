#include "vmctl/boot_stats.hpp"

#include <sys/ioctl.h>

#include <algorithm>
#include <cmath>

#include <linux/kvm.h>

#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"

namespace virtlab::vmctl {

std::string to_string(BootPhase phase) {
  switch (phase) {
    case BootPhase::Decompression:
      return "decompression";
    case BootPhase::KernelInit:
      return "kernel-init";
    case BootPhase::Userspace:
      return "userspace";
  }
  return "unknown";
}

std::string phase_meaning(BootPhase phase) {
  switch (phase) {
    case BootPhase::Decompression:
      return "the bzImage's decompressor unpacks the kernel (silent on the console)";
    case BootPhase::KernelInit:
      return "the kernel boots: memory, CPUs, timers, drivers, the initramfs";
    case BootPhase::Userspace:
      return "/init (busybox) and its shell, until power-off";
  }
  return {};
}

namespace {

struct PortRange {
  std::uint16_t first, last;
  const char* name;
};

// Where a PC's devices live (the ports Linux probes on a machine without firmware tables). The in-kernel irqchip
// and PIT answer theirs without an exit; they are named for the machines (and KVM builds) where they do exit.
constexpr PortRange kPorts[] = {
    {0x0000, 0x001f, "DMA 8237 (first controller)"},
    {0x0020, 0x0021, "PIC 8259 (master)"},
    {0x0040, 0x0043, "PIT 8254 timer"},
    {0x0060, 0x0060, "i8042 keyboard controller"},
    {0x0061, 0x0061, "PC speaker / PIT gate (port 0x61)"},
    {0x0064, 0x0064, "i8042 keyboard controller"},
    {0x0070, 0x0071, "CMOS RTC"},
    {0x0080, 0x0080, "POST port 0x80 (I/O delay)"},
    {0x0081, 0x008f, "DMA page registers"},
    {0x0092, 0x0092, "system control port A (A20)"},
    {0x00a0, 0x00a1, "PIC 8259 (slave)"},
    {0x00c0, 0x00df, "DMA 8237 (second controller)"},
    {0x00f0, 0x00ff, "x87 FPU error ports"},
    {0x0170, 0x0177, "IDE (secondary)"},
    {0x01f0, 0x01f7, "IDE (primary)"},
    {0x02e8, 0x02ef, "UART 8250 (COM4)"},
    {0x02f8, 0x02ff, "UART 8250 (COM2)"},
    {0x0376, 0x0376, "IDE (secondary)"},
    {0x0378, 0x037a, "parallel port (LPT1)"},
    {0x03b0, 0x03df, "VGA"},
    {0x03e8, 0x03ef, "UART 8250 (COM3)"},
    {0x03f0, 0x03f5, "floppy controller"},
    {0x03f6, 0x03f6, "IDE (primary)"},
    {0x03f7, 0x03f7, "floppy controller"},
    {0x03f8, 0x03ff, "UART 8250 (COM1)"},
    {0x04d0, 0x04d1, "PIC 8259 edge/level control"},
    {0x0510, 0x0511, "fw_cfg (QEMU firmware config)"},
    {0x0600, 0x0605, "ACPI PM1 (vmctl boot --console virtio)"},
    {0x0cf8, 0x0cff, "PCI config space (0xcf8/0xcfc)"},
};

struct MmioRange {
  std::uint64_t first, last;
  const char* name;
};
constexpr MmioRange kMmio[] = {
    {0xfec00000, 0xfec00fff, "I/O APIC"},
    {0xfed00000, 0xfed003ff, "HPET"},
    {0xfee00000, 0xfee00fff, "local APIC"},
    {0xd0000000, 0xd0000fff, "virtio-console (mmio 0xd0000000)"},  // vmctl boot --console virtio (boot_vm.hpp)
    {0xd0001000, 0xd0001fff, "virtio-blk (mmio 0xd0001000)"},      // vmctl boot --disk (boot_disk.hpp)
};

}  // namespace

std::string port_device(std::uint16_t port) {
  for (const auto& range : kPorts)
    if (port >= range.first && port <= range.last) return range.name;
  return "port " + virtlab::hex(port, 2);
}

std::string mmio_device(std::uint64_t address) {
  for (const auto& range : kMmio)
    if (address >= range.first && address <= range.last) return range.name;
  return "MMIO page " + virtlab::hex(address & ~std::uint64_t{0xfff});
}

bool is_decompressor_line(std::string_view line) {
  for (const char* own : {"Decompressing Linux", "Parsing ELF", "Performing relocations", "Booting the kernel",
                          "early console in extract_kernel", "input_data:", "input_len:", "output:", "output_len:",
                          "kernel_total_size:", "needed_size:", "trampoline_32bit:", "KASLR"})
    if (line.find(own) != std::string_view::npos) return true;
  return line.empty();
}

BootPhase next_phase(BootPhase current, std::string_view line) {
  if (current == BootPhase::Decompression && !is_decompressor_line(line)) current = BootPhase::KernelInit;
  if (current == BootPhase::KernelInit && (line.find("Freeing unused kernel") != std::string_view::npos ||
                                           line.find("Run /init as init process") != std::string_view::npos))
    current = BootPhase::Userspace;
  return current;
}

std::uint16_t BootStatsRecorder::intern(std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<std::uint16_t>(i);
  if (names.size() >= 0xffff) return 0xffff;  // a pathological guest: the rest share one name
  names.emplace_back(name);
  return static_cast<std::uint16_t>(names.size() - 1);
}

void BootStatsRecorder::start(KvmCounters counters) {
  phase_ = BootPhase::Decompression;
  boundaries_.assign(1, {BootPhase::Decompression, 0, std::move(counters)});
}

void BootStatsRecorder::record_exit(double t, std::string_view reason, std::string_view device) {
  if (events_.size() >= kMaxEvents) {
    ++dropped_;
    return;
  }
  if (events_.capacity() == 0) events_.reserve(std::size_t{1} << 16);
  events_.push_back({t, intern(reasons_, reason), intern(devices_, device)});
}

void BootStatsRecorder::enter_phase(BootPhase phase, double t, KvmCounters counters) {
  if (phase <= phase_) return;
  phase_ = phase;
  boundaries_.push_back({phase, t, std::move(counters)});
}

void BootStatsRecorder::finish(double t, KvmCounters counters) {
  end_s_ = t;
  end_counters_ = std::move(counters);
}

double round_bucket_width(double total_s, std::size_t max_buckets) {
  const double wanted = total_s / static_cast<double>(std::max<std::size_t>(max_buckets, 1));
  for (int exponent = -3; exponent < 7; ++exponent)
    for (const double step : {1.0, 2.0, 5.0})
      if (step * std::pow(10.0, exponent) >= wanted) return step * std::pow(10.0, exponent);
  return 1e7;
}

namespace {

const std::string& name_at(const std::vector<std::string>& names, std::uint16_t index) {
  static const std::string other = "other";
  return index < names.size() ? names[index] : other;
}

// Counters that moved between two snapshots (both must have them).
KvmCounters counter_deltas(const KvmCounters& from, const KvmCounters& to) {
  KvmCounters out;
  for (const auto& [name, value] : to) {
    const auto it = from.find(name);
    if (it != from.end() && value > it->second) out[name] = value - it->second;
  }
  return out;
}

std::vector<PhaseSummary> phase_summaries(const BootStatsRecorder& r) {
  std::vector<PhaseSummary> phases(kBootPhaseCount);
  for (int i = 0; i < kBootPhaseCount; ++i) phases[static_cast<std::size_t>(i)].phase = static_cast<BootPhase>(i);
  const auto& b = r.boundaries();
  for (std::size_t i = 0; i < b.size(); ++i) {
    auto& p = phases[static_cast<std::size_t>(b[i].phase)];
    p.reached = true;
    p.start_s = b[i].t;
    p.end_s = i + 1 < b.size() ? b[i + 1].t : r.end_s();
    const KvmCounters& end = i + 1 < b.size() ? b[i + 1].counters : r.end_counters();
    // The first boundary's snapshot is taken before the first KVM_RUN, so every counter starts there.
    if (!b[i].counters.empty() && !end.empty()) {
      p.kvm_counters = counter_deltas(b[i].counters, end);
      const auto exits = p.kvm_counters.find("exits");
      p.kvm_exits = exits == p.kvm_counters.end() ? 0 : exits->second;
    }
  }
  for (const auto& e : r.events()) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < b.size(); ++i)
      if (e.t >= b[i].t) at = static_cast<std::size_t>(b[i].phase);
    auto& p = phases[at];
    ++p.exits;
    ++p.by_reason[name_at(r.reasons(), e.reason)];
    ++p.by_device[name_at(r.devices(), e.device)];
  }
  return phases;
}

}  // namespace

BootStatsSummary summarize_boot(const BootStatsRecorder& r, std::size_t max_buckets) {
  BootStatsSummary s;
  s.phases = phase_summaries(r);
  s.dropped_events = r.dropped();
  double last = r.end_s();
  for (const auto& e : r.events()) last = std::max(last, e.t);
  s.bucket_s = round_bucket_width(last, max_buckets);
  const std::size_t buckets = static_cast<std::size_t>(std::floor(last / s.bucket_s)) + 1;
  s.timeline.resize(buckets);
  for (std::size_t i = 0; i < buckets; ++i) s.timeline[i].start_s = static_cast<double>(i) * s.bucket_s;
  for (const auto& e : r.events()) {
    auto& bucket = s.timeline[std::min(buckets - 1, static_cast<std::size_t>(e.t / s.bucket_s))];
    const std::string& device = name_at(r.devices(), e.device);
    ++bucket.exits;
    ++bucket.by_device[device];
    ++s.by_device[device];
    ++s.exits;
  }
  return s;
}

KvmStatsFile::KvmStatsFile(int kvm_object_fd, const std::string& what) : what_(what) {
  const int fd = ioctl(kvm_object_fd, KVM_GET_STATS_FD, 0);
  const int err = errno;
  virtlab::explain("ioctl(KVM_GET_STATS_FD)", what, fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
                   "KVM's binary statistics: counts of exits the kernel handled without telling vmctl");
  if (fd < 0) return;
  fd_.reset(fd);
  std::vector<std::uint8_t> head(std::size_t{64} * 1024);
  const std::size_t got = virtlab::pread_full(fd, std::as_writable_bytes(std::span(head)), 0, "KVM stats");
  head.resize(got);
  try {
    layout_ = parse_kvm_stats(head);
  } catch (const std::exception& e) {
    virtlab::explain("parse", "KVM stats header of " + what, e.what(), "counters of this kernel are left out");
    fd_.reset();
  }
}

std::vector<KvmStatValue> KvmStatsFile::values() const {
  if (!fd_) return {};
  std::vector<std::uint8_t> data(layout_.data_size);
  virtlab::pread_full(fd_.get(), std::as_writable_bytes(std::span(data)), layout_.data_offset, "KVM stats data");
  return kvm_stat_values(layout_, data);
}

KvmCounters KvmStatsFile::snapshot() const {
  KvmCounters out;
  for (auto& v : values()) out[std::move(v.name)] = v.value;
  return out;
}

}  // namespace virtlab::vmctl
