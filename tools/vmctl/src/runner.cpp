#include "vmctl/runner.hpp"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/guests.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;
using virtlab::hex;
using Json = nlohmann::ordered_json;

void GuestPhysical::add(std::uint64_t gpa, std::span<const std::uint8_t> bytes, std::uint64_t hva) {
  slots_.push_back({gpa, bytes, hva});
}

paging::PhysReader GuestPhysical::reader() const {
  return [this](std::uint64_t gpa, unsigned size) -> std::optional<std::uint64_t> {
    for (const auto& s : slots_) {
      if (gpa >= s.gpa && gpa - s.gpa + size <= s.bytes.size()) {
        std::uint64_t value = 0;
        std::memcpy(&value, s.bytes.data() + (gpa - s.gpa), size);
        return value;
      }
    }
    return std::nullopt;
  };
}

std::optional<std::uint64_t> GuestPhysical::hva_of(std::uint64_t gpa) const {
  for (const auto& s : slots_)
    if (gpa >= s.gpa && gpa - s.gpa < s.bytes.size()) return s.hva + (gpa - s.gpa);
  return std::nullopt;
}

namespace {

constexpr std::size_t kSerialLimit = 64 * 1024;
constexpr char kRomText[] = "vmctl ROM: a read-only memslot";

void ignore_signal(int) {}

// SIGUSR1 kicks a vCPU thread out of KVM_RUN (EINTR); installed without SA_RESTART for the run.
class KickSignal {
 public:
  KickSignal() {
    struct sigaction sa {};
    sa.sa_handler = ignore_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, &old_);
  }
  ~KickSignal() { sigaction(SIGUSR1, &old_, nullptr); }

 private:
  struct sigaction old_ {};
};

std::vector<std::uint64_t> dirty_pages(const std::vector<std::uint64_t>& bitmap, std::uint64_t slot_gpa) {
  std::vector<std::uint64_t> pages;
  for (std::size_t w = 0; w < bitmap.size(); ++w)
    for (unsigned b = 0; b < 64; ++b)
      if (bitmap[w] >> b & 1) pages.push_back(slot_gpa + (w * 64 + b) * 4096);
  return pages;
}

// What the MMIO devices saw: a fixed-size record per access (no JSON or strings on the exit path).
enum class MmioTarget : std::uint8_t { device, rom, none };
struct MmioAccess {
  std::uint64_t address;
  std::uint32_t length;
  std::uint32_t value;
  bool write;
  MmioTarget target;
};
constexpr std::size_t kMmioAccessLimit = 256;

Json mmio_access_json(const MmioAccess& a) {
  Json j{{"address", a.address}, {"direction", a.write ? "write" : "read"}, {"length", a.length}};
  switch (a.target) {
    case MmioTarget::device:
      j["device"] = "vmctl test device";
      if (a.write && a.address == layout::kMmioDevice) {
        j["value"] = a.value;
        j["effect"] = "stored in the device register";
      } else if (!a.write) {
        j["value"] = a.value;
        j["effect"] = "vmctl answered the read (register + 1)";
      }
      break;
    case MmioTarget::rom:
      j["device"] = "ROM (read-only memslot)";
      j["value"] = a.value;
      j["effect"] = a.write ? "write dropped: the memslot is KVM_MEM_READONLY" : "read";
      break;
    case MmioTarget::none:
      j["device"] = "none";
      j["effect"] = "no device here: reads return all ones, writes are dropped";
      break;
  }
  return j;
}

std::string join_hex(const std::vector<std::uint64_t>& values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : " ") + hex(v);
  return out.empty() ? "(none)" : out;
}

}  // namespace

struct RunDevices {
  std::mutex mutex;  // serializes exits of all vCPUs: recorder, devices and the live printer
  std::condition_variable finished_cv;
  int finished = 0;
  std::atomic<bool> stop{false};
  std::vector<VmExit> last_exit;
  std::vector<std::uint64_t> userspace_exits;
  std::uint32_t mmio_register = 0;
  std::array<MmioAccess, kMmioAccessLimit> mmio_accesses{};
  std::size_t mmio_count = 0;
  // emulated-vs-pv
  std::uint64_t mark_seq[4]{};
  std::uint64_t mark_ns[4]{};
  bool mark_seen[4]{};
  std::uint64_t emulated_bytes = 0, emulated_bad = 0, pv_bytes = 0, pv_bad = 0, kicks = 0;
  std::vector<SmpSample> samples;
  bool log_dirty = false;  // the dirty guest: read KVM_GET_DIRTY_LOG at its marker and at HLT
  std::vector<std::vector<std::uint64_t>> dirty_rounds;
  std::size_t serial_length = 0;
  // Last: 64 KiB that would otherwise spread the small hot fields above over more pages.
  std::array<char, kSerialLimit> serial{};  // what the guest wrote to port 0x3f8 (copied into the report at the end)
};

std::string to_string(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::halted:
      return "halted";
    case RunOutcome::shutdown:
      return "shutdown";
    case RunOutcome::fail_entry:
      return "fail_entry";
    case RunOutcome::internal_error:
      return "internal_error";
    case RunOutcome::unhandled:
      return "unhandled";
    case RunOutcome::timeout:
      return "timeout";
    case RunOutcome::interrupted:
      return "interrupted";
  }
  return "unknown";
}

namespace {

std::string outcome_meaning(RunOutcome outcome, double timeout_s) {
  switch (outcome) {
    case RunOutcome::halted:
      return "every vCPU executed HLT: the guest finished";
    case RunOutcome::timeout:
      return "the guest did not halt within " + std::to_string(timeout_s) +
             " s; vmctl set immediate_exit and signalled the vCPU threads";
    case RunOutcome::interrupted:
      return "stopped by a signal (Ctrl-C / SIGTERM)";
    case RunOutcome::shutdown:
      return exit_reason_meaning(KVM_EXIT_SHUTDOWN);
    case RunOutcome::fail_entry:
    case RunOutcome::internal_error:
    case RunOutcome::unhandled:
      break;
  }
  return "the last exit was not one vmctl's devices handle";
}

// long, protected: the page the guest wrote through GVA kNotesGva, found again by vmctl's own walk.
void add_notes_page_findings(const GuestPhysical& physical, const std::uint8_t* memory, const std::string& guest,
                             RunReport& report) {
  if (report.vcpus.empty()) return;
  const auto walk = paging::walk(physical.reader(), report.vcpus[0].sregs, layout::kNotesGva);
  const char* notes = reinterpret_cast<const char*>(memory + layout::kNotesGpa);
  const std::string text(notes, strnlen(notes, 256));
  report.details["notes_page"] = {
      {"gva", layout::kNotesGva}, {"gpa", walk.gpa ? Json(*walk.gpa) : Json(nullptr)}, {"bytes_at_gpa", text}};
  report.findings.push_back("the guest wrote through GVA " + hex(layout::kNotesGva) + "; vmctl's walk maps it to GPA " +
                            (walk.gpa ? hex(*walk.gpa) : "(unmapped)") + ", and guest-physical " +
                            hex(layout::kNotesGpa) + " now holds: \"" + std::string(virtlab::trim(text)) + "\"");
  report.findings.push_back("see every level with: vmctl translate --guest " + guest + " 0x1000");
}

void add_mmio_findings(const RunDevices& d, RunReport& report) {
  if (report.vcpus.empty()) return;
  const auto& r = report.vcpus[0].regs;
  Json accesses = Json::array();
  for (std::size_t a = 0; a < d.mmio_count; ++a) accesses.push_back(mmio_access_json(d.mmio_accesses[a]));
  report.details["mmio"] = {{"device_gpa", layout::kMmioDevice},
                            {"rom_gpa", layout::kRomGpa},
                            {"accesses", accesses},
                            {"r8_device_read", r.r8},
                            {"r9_rom_read", r.r9},
                            {"r10_rom_after_write", r.r10}};
  report.findings.push_back("device at " + hex(layout::kMmioDevice) + " (no memslot): the guest read back R8 = " +
                            hex(r.r8) + " (the value it wrote + 1, computed by vmctl at the MMIO exit)");
  report.findings.push_back("ROM at " + hex(layout::kRomGpa) + " (read-only memslot): the read gave R9 = " + hex(r.r9) +
                            " with no exit; the write became an MMIO exit and was dropped (R10 = " + hex(r.r10) + ")");
}

// One phase of emulated-vs-pv: the exits and time between two markers, per byte.
struct Phase {
  const char* name;
  int from, to;  // the markers around it
  std::uint64_t bytes, bad;
  const char* how;
};

void add_phase(const RunDevices& d, const Phase& p, Json& phases, RunReport& report) {
  if (!d.mark_seen[p.from] || !d.mark_seen[p.to]) return;
  const std::uint64_t exits = d.mark_seq[p.to] - d.mark_seq[p.from] - 1;
  const double seconds = static_cast<double>(d.mark_ns[p.to] - d.mark_ns[p.from]) / 1e9;
  const double per_byte = p.bytes ? static_cast<double>(exits) / static_cast<double>(p.bytes) : 0;
  const double throughput = seconds > 0 ? static_cast<double>(p.bytes) / seconds : 0;
  phases.push_back({{"name", p.name},
                    {"how", p.how},
                    {"bytes", p.bytes},
                    {"bytes_wrong", p.bad},
                    {"exits", exits},
                    {"exits_per_byte", per_byte},
                    {"seconds", seconds},
                    {"bytes_per_second", throughput}});
  char line[256];
  std::snprintf(line, sizeof line, "%-11s %8llu bytes  %7llu exits  %.4f exits/byte  %s  %s/s%s", p.name,
                static_cast<unsigned long long>(p.bytes), static_cast<unsigned long long>(exits), per_byte,
                virtlab::human_duration(seconds).c_str(),
                virtlab::human_bytes(static_cast<std::uint64_t>(throughput)).c_str(), p.bad ? "  (BYTES WRONG)" : "");
  report.findings.push_back(line);
}

void add_emulated_vs_pv_findings(const RunDevices& d, RunReport& report) {
  Json phases = Json::array();
  add_phase(d, {"emulated", 1, 2, d.emulated_bytes, d.emulated_bad, "one OUT to port 0x3f8 per byte"}, phases, report);
  add_phase(d, {"paravirtual", 2, 3, d.pv_bytes, d.pv_bad, "shared ring at GPA 0x100000, one OUT to 0x510 per 4 KiB"},
            phases, report);
  report.details["phases"] = phases;
  if (phases.size() != 2) return;
  const double a = phases[0]["seconds"].get<double>(), b = phases[1]["seconds"].get<double>();
  if (b <= 0) return;
  report.details["paravirtual_speedup"] = a / b;
  char line[160];
  std::snprintf(line, sizeof line,
                "paravirtual is %.1fx faster: the cost is per exit, not per byte (the notes' E1000 vs VMXNET3)", a / b);
  report.findings.push_back(line);
}

void add_smp_findings(const RunDevices& d, RunReport& report) {
  const std::size_t vcpus = report.vcpus.size();
  Json samples = Json::array();
  std::vector<std::vector<int>> cpus(vcpus);
  std::vector<int> migrations(vcpus, 0);
  for (const auto& s : d.samples) {
    samples.push_back({{"t_ns", s.t_ns}, {"vcpu", s.vcpu}, {"host_cpu", s.host_cpu}, {"iteration", s.iteration}});
    auto& seen = cpus[static_cast<std::size_t>(s.vcpu)];
    if (!seen.empty() && seen.back() != s.host_cpu) ++migrations[static_cast<std::size_t>(s.vcpu)];
    seen.push_back(s.host_cpu);
  }
  Json threads_json = Json::array();
  for (std::size_t i = 0; i < vcpus; ++i) {
    const pid_t tid = report.vcpus[i].tid;
    std::string timeline;
    for (int c : cpus[i]) timeline += std::to_string(c);
    threads_json.push_back(
        {{"vcpu", i}, {"tid", tid}, {"ticks", cpus[i].size()}, {"migrations", migrations[i]}, {"host_cpus", cpus[i]}});
    report.findings.push_back("vCPU " + std::to_string(i) + " (host thread " + std::to_string(tid) +
                              ") ran on host CPUs " + (timeline.empty() ? "(no ticks)" : timeline) + " — " +
                              std::to_string(migrations[i]) + " migrations");
  }
  report.details["threads"] = threads_json;
  report.details["samples"] = samples;
  report.details["host_cpus_online"] = static_cast<int>(std::thread::hardware_concurrency());
  report.findings.push_back(
      "each digit is one tick: the host CPU the vCPU's thread was on when it exited; the host scheduler "
      "time-slices vCPU threads onto physical cores like any other thread");
}

void add_dirty_findings(const RunDevices& d, RunReport& report) {
  Json rounds = Json::array();
  for (std::size_t r = 0; r < d.dirty_rounds.size(); ++r) {
    rounds.push_back(
        {{"round", r + 1}, {"when", r == 0 ? "marker (port 0x511)" : "HLT"}, {"pages", d.dirty_rounds[r]}});
    report.findings.push_back("KVM_GET_DIRTY_LOG round " + std::to_string(r + 1) + ": " + join_hex(d.dirty_rounds[r]));
  }
  report.details["rounds"] = rounds;
}

void add_triple_fault_findings(RunReport& report) {
  report.findings.push_back(
      "UD2 raised #UD; the IDT has limit 0, so delivering it raised #GP, then #DF, then a triple fault");
  const std::uint64_t rip = report.vcpus.empty() ? 0 : report.vcpus[0].regs.rip;
  if (rip == 0xfff0)  // seen in the test VM (kvm_amd): the SHUTDOWN intercept reinitialises the VMCB
    report.findings.push_back(
        "KVM stopped the vCPU with KVM_EXIT_SHUTDOWN and reset its state (AMD SVM: the VMCB is undefined after "
        "a shutdown, so KVM reinitialises it): RIP shows the reset vector 0xfff0, not the UD2");
  else
    report.findings.push_back("KVM stopped the vCPU with KVM_EXIT_SHUTDOWN; RIP still points at the UD2: " + hex(rip));
}

}  // namespace

// The host threads of a run and what run() reads from them afterwards.
struct GuestRun::VcpuThreads {
  std::vector<pid_t> tids;
  std::vector<std::thread> threads;
  // Each vCPU thread's first KVM_RUN and last exit, for the exit loop's own time (loop_s).
  std::vector<std::chrono::steady_clock::time_point> loop_begin, loop_end;
  std::chrono::steady_clock::time_point start;
  explicit VcpuThreads(std::size_t n) : tids(n), loop_begin(n), loop_end(n) {}
};

GuestRun::GuestRun(Vm& vm, RunOptions options) : vm_(vm), options_(std::move(options)), devices_(new RunDevices) {
  auto& p = options_.placement;
  if (options_.image.empty()) {
    const auto image =
        options_.builtin ? embedded_guest_image(options_.builtin->name) : std::span<const std::uint8_t>{};
    if (image.empty()) throw Error(ExitCode::usage, "no guest image given", "name a guest from `vmctl run --list`");
    options_.image.assign(image.begin(), image.end());
  }
  p.image_size = options_.image.size();
  layout::validate(p);
  if (options_.vcpus < 1 || options_.vcpus > 8)
    throw Error(ExitCode::usage, "--vcpus must be 1 to 8", "give --vcpus 1 or 2");
  map_memory();
  create_vcpus();
}

GuestRun::~GuestRun() = default;

void GuestRun::map_memory() {
  virtlab::Explain::instance().note("1. guest memory and memslots");
  const auto& p = options_.placement;
  const bool dirty_logging = options_.profile().dirty_logging;
  memory_ = std::make_unique<GuestMemory>(p.memory);
  std::memcpy(memory_->data() + p.load, options_.image.data(), options_.image.size());
  if (dirty_logging)  // code read-only: see write_system_tables (fetches must not count as writes)
    layout::write_system_tables(memory_->bytes(), p.mode, p.load & ~0xfffull,
                                (p.load + options_.image.size() + 0xfff) & ~0xfffull);
  else
    layout::write_system_tables(memory_->bytes(), p.mode);
  regions_.push_back({0, 0, p.memory, memory_->hva(), false, dirty_logging});
  if (options_.profile().rom) {
    rom_ = std::make_unique<GuestMemory>(layout::kRomSize);
    std::memcpy(rom_->data(), kRomText, sizeof kRomText);
    regions_.push_back({1, layout::kRomGpa, layout::kRomSize, rom_->hva(), true, false});
  }
  for (const auto& r : regions_) vm_.set_memory_region(r);
  physical_.add(0, memory_->bytes(), memory_->hva());
  if (rom_) physical_.add(layout::kRomGpa, rom_->bytes(), rom_->hva());
  devices_->log_dirty = dirty_logging;
}

void GuestRun::create_vcpus() {
  const auto& p = options_.placement;
  virtlab::Explain::instance().note("2. vCPUs and their registers (" + x86::to_string(p.mode) + " mode)");
  for (int i = 0; i < options_.vcpus; ++i) {
    auto vcpu = vm_.create_vcpu(i);
    kvm_sregs sregs = layout::initial_sregs(vcpu->get_sregs(), p);
    if (options_.break_sregs == "no-lma") sregs.efer &= ~x86::kEferLma;
    if (options_.break_sregs == "no-pae") sregs.cr4 &= ~x86::kCr4Pae;
    vcpu->set_sregs(sregs);
    kvm_regs regs = layout::initial_regs(p, i);
    switch (options_.profile().arguments) {
      case GuestArguments::none:
        break;
      case GuestArguments::pv_bytes:
        regs.rsi = options_.pv_bytes;
        break;
      case GuestArguments::smp_ticks:
        regs.rsi = options_.smp_iterations;
        regs.rdx = options_.smp_spin;
        break;
    }
    vcpu->set_regs(regs);
    vcpus_.push_back(std::move(vcpu));
  }
  devices_->last_exit.resize(vcpus_.size());
  devices_->userspace_exits.resize(vcpus_.size());
  if (options_.profile().arguments == GuestArguments::smp_ticks)
    devices_->samples.reserve(vcpus_.size() * options_.smp_iterations);
}

void GuestRun::read_dirty_log() {
  devices_->dirty_rounds.push_back(dirty_pages(vm_.get_dirty_log(0, options_.placement.memory), 0));
}

[[gnu::hot]] void GuestRun::handle_port_write(const VmExit& e, RunReport& report) {
  RunDevices& d = *devices_;
  if (e.port == layout::kSerialPort) {
    const std::size_t n = std::min<std::size_t>(e.length, d.serial.size() - d.serial_length);
    std::memcpy(d.serial.data() + d.serial_length, e.data.data(), n);
    d.serial_length += n;
    if (d.mark_seen[1] && !d.mark_seen[2] && e.length >= 1) {
      if (e.data[0] != static_cast<std::uint8_t>(d.emulated_bytes)) ++d.emulated_bad;
      ++d.emulated_bytes;
    }
  } else if (e.port == layout::kKickPort && e.length == 4) {
    std::uint32_t n;
    std::memcpy(&n, e.data.data(), 4);
    ++d.kicks;
    n = std::min<std::uint32_t>(n, layout::kRingSize);
    const std::uint8_t* ring = memory_->data() + layout::kRingGpa;
    for (std::uint32_t i = 0; i < n; ++i)
      if (ring[i] != static_cast<std::uint8_t>(d.pv_bytes + i)) ++d.pv_bad;
    d.pv_bytes += n;
  } else if (e.port == layout::kMarkerPort && e.length >= 1) {
    const unsigned mark = e.data[0];
    if (mark < 4) {
      d.mark_seen[mark] = true;
      d.mark_seq[mark] = report.recorder.total() - 1;
      d.mark_ns[mark] = e.time_ns;
    }
    if (d.log_dirty) read_dirty_log();
  } else if (e.port == layout::kTickPort && e.length >= 4) {
    std::uint32_t iteration;
    std::memcpy(&iteration, e.data.data(), 4);
    d.samples.push_back({e.time_ns, e.vcpu, sched_getcpu(), iteration});
  }
}

[[gnu::hot]] void GuestRun::handle_mmio(Vcpu& vcpu, const VmExit& e) {
  RunDevices& d = *devices_;
  MmioAccess access{e.address, e.length, 0, e.write, MmioTarget::none};
  std::memcpy(&access.value, e.data.data(), std::min<std::uint32_t>(e.length, 4));
  if (e.address >= layout::kMmioDevice && e.address < layout::kMmioDevice + 0x1000) {
    access.target = MmioTarget::device;
    if (e.write && e.address == layout::kMmioDevice) {
      d.mmio_register = access.value;
    } else if (!e.write) {
      const std::uint32_t answer = e.address == layout::kMmioDevice + 4 ? d.mmio_register + 1 : 0;
      std::uint8_t bytes[8]{};
      std::memcpy(bytes, &answer, 4);
      vcpu.complete_read(bytes);
      access.value = answer;
    }
  } else if (e.address >= layout::kRomGpa && e.address < layout::kRomGpa + layout::kRomSize) {
    access.target = MmioTarget::rom;
  } else if (!e.write) {
    const std::uint8_t ones[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    vcpu.complete_read(ones);
  }
  if (d.mmio_count < d.mmio_accesses.size()) d.mmio_accesses[d.mmio_count++] = access;
}

[[gnu::hot]] void GuestRun::handle_exit(Vcpu& vcpu, const VmExit& e, RunReport& report, bool& done) {
  switch (e.reason) {
    case KVM_EXIT_IO:
      if (e.write) {
        handle_port_write(e, report);
      } else {  // IN from a port no device claims: floating bus reads all ones
        const std::uint8_t ones[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
        vcpu.complete_read(ones);
      }
      break;
    case KVM_EXIT_MMIO:
      handle_mmio(vcpu, e);
      break;
    case KVM_EXIT_HLT:
      if (devices_->log_dirty) read_dirty_log();
      done = true;
      break;
    default:
      done = true;
      break;
  }
}

// One vCPU: its thread is the only one touching the recorder and devices while the guest runs, so the exit path
// takes no lock at all. The hot path per exit is KVM_RUN, decode from the mmap'ed kvm_run, one clock read, a
// fixed-size ring record, an array counter and the device's inline emulation: no allocation, no print.
[[gnu::hot, gnu::noinline]] void GuestRun::vcpu_loop(std::size_t i, VcpuThreads& threads, RunReport& report) {
  RunDevices& d = *devices_;
  const bool shared = vcpus_.size() > 1;
  Vcpu& vcpu = *vcpus_[i];
  threads.tids[i] = static_cast<pid_t>(syscall(SYS_gettid));
  bool done = false;
  // Kept on this thread's stack during the run and published once at the end: under nesting every distinct
  // page the exit path touches costs a page walk (the emulated SVM flushes QEMU's soft TLB on each exit).
  VmExit last{};
  std::uint64_t exits = 0;
  threads.loop_begin[i] = std::chrono::steady_clock::now();
  while (!done) {
    VmExit exit;
    try {
      exit = vcpu.run();
    } catch (const std::exception&) {
      exit.reason = KVM_EXIT_INTERNAL_ERROR;
      exit.vcpu = static_cast<int>(i);
    }
    std::unique_lock lock(d.mutex, std::defer_lock);
    if (shared) lock.lock();
    if (exit.reason == KVM_EXIT_INTR) {
      if (d.stop) break;
      continue;  // a stray signal (e.g. Ctrl-C for the main thread): the main thread decides
    }
    const std::uint64_t seq = report.recorder.total();
    report.recorder.record(exit);
    if (options_.on_exit) options_.on_exit(seq, exit);
    handle_exit(vcpu, exit, report, done);
    last = exit;
    ++exits;
  }
  threads.loop_end[i] = std::chrono::steady_clock::now();
  std::lock_guard lock(d.mutex);
  d.last_exit[i] = last;
  d.userspace_exits[i] = exits;
  ++d.finished;
  d.finished_cv.notify_all();
}

void GuestRun::start_vcpu_threads(VcpuThreads& threads, RunReport& report) {
  virtlab::Explain::instance().note("3. run: one host thread per vCPU, KVM_RUN until HLT (exits recorded in a ring)");
  threads.start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < vcpus_.size(); ++i)
    threads.threads.emplace_back([this, i, &threads, &report] { vcpu_loop(i, threads, report); });
}

// Waits for every vCPU thread to finish; on --timeout or Ctrl-C/SIGTERM kicks them all out of KVM_RUN.
GuestRun::StopCause GuestRun::wait_for_vcpus(VcpuThreads& threads) {
  RunDevices& d = *devices_;
  const int count = static_cast<int>(threads.threads.size());
  std::unique_lock lock(d.mutex);
  const auto deadline = threads.start + std::chrono::duration<double>(options_.timeout_s);
  while (d.finished < count) {
    d.finished_cv.wait_for(lock, std::chrono::milliseconds(50));
    if (d.finished == count) break;
    const bool timed_out = std::chrono::steady_clock::now() >= deadline;
    if (timed_out || virtlab::InterruptGuard::requested()) {
      d.stop = true;
      for (std::size_t i = 0; i < threads.threads.size(); ++i) {
        vcpus_[i]->request_exit();
        pthread_kill(threads.threads[i].native_handle(), SIGUSR1);
      }
      virtlab::explain("pthread_kill", "SIGUSR1 to every vCPU thread, after setting kvm_run.immediate_exit = 1", "0",
                       "KVM_RUN returns -EINTR (KVM_EXIT_INTR): the guest is stopped from outside");
      return timed_out ? StopCause::timeout : StopCause::interrupted;
    }
  }
  return StopCause::none;
}

void GuestRun::join_vcpu_threads(VcpuThreads& threads, RunReport& report) {
  for (auto& t : threads.threads) t.join();
  report.serial.assign(devices_->serial.data(), devices_->serial_length);
  report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - threads.start).count();
  report.loop_s = std::chrono::duration<double>(*std::max_element(threads.loop_end.begin(), threads.loop_end.end()) -
                                                *std::min_element(threads.loop_begin.begin(), threads.loop_begin.end()))
                      .count();
}

// The worst thing any vCPU ended with, unless vmctl stopped the run itself.
RunOutcome GuestRun::decide_outcome(StopCause stop) const {
  if (stop == StopCause::timeout) return RunOutcome::timeout;
  if (stop == StopCause::interrupted) return RunOutcome::interrupted;
  RunOutcome outcome = RunOutcome::halted;
  for (const auto& e : devices_->last_exit) {
    if (e.reason == KVM_EXIT_SHUTDOWN)
      outcome = RunOutcome::shutdown;
    else if (e.reason == KVM_EXIT_FAIL_ENTRY)
      outcome = RunOutcome::fail_entry;
    else if (e.reason == KVM_EXIT_INTERNAL_ERROR)
      outcome = RunOutcome::internal_error;
    else if (e.reason != KVM_EXIT_HLT && e.reason != 0 && outcome == RunOutcome::halted)
      outcome = RunOutcome::unhandled;
  }
  return outcome;
}

void GuestRun::collect_vcpu_reports(const VcpuThreads& threads, RunReport& report) const {
  virtlab::Explain::instance().note("4. final registers and in-kernel counters");
  for (std::size_t i = 0; i < vcpus_.size(); ++i) {
    VcpuReport v;
    v.index = static_cast<int>(i);
    v.tid = threads.tids[i];
    v.regs = vcpus_[i]->get_regs();
    v.sregs = vcpus_[i]->get_sregs();
    v.stats = vcpus_[i]->stats();
    v.userspace_exits = devices_->userspace_exits[i];
    report.vcpus.push_back(std::move(v));
  }
}

RunReport GuestRun::run() {
  RunReport report(options_.ring_capacity);
  report.regions = regions_;
  KickSignal kick;
  VcpuThreads threads(vcpus_.size());
  start_vcpu_threads(threads, report);
  const StopCause stop = wait_for_vcpus(threads);
  join_vcpu_threads(threads, report);
  report.outcome = decide_outcome(stop);
  report.outcome_meaning = outcome_meaning(report.outcome, options_.timeout_s);
  collect_vcpu_reports(threads, report);
  add_findings(report);
  return report;
}

void GuestRun::add_findings(RunReport& report) const {
  const RunDevices& d = *devices_;
  switch (options_.profile().findings) {
    case GuestFindings::none:
      break;
    case GuestFindings::notes_page:
      add_notes_page_findings(physical_, memory_->data(), options_.profile().name, report);
      break;
    case GuestFindings::mmio_device:
      add_mmio_findings(d, report);
      break;
    case GuestFindings::emulated_vs_pv:
      add_emulated_vs_pv_findings(d, report);
      break;
    case GuestFindings::smp_threads:
      add_smp_findings(d, report);
      break;
    case GuestFindings::dirty_rounds:
      add_dirty_findings(d, report);
      break;
    case GuestFindings::triple_fault:
      add_triple_fault_findings(report);
      break;
  }
}

}  // namespace virtlab::vmctl
