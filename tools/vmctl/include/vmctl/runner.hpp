// Runs a guest on a Vm: memory + memslots, registers, one host thread per vCPU, the devices the built-in guests
// talk to (serial, doorbell, markers, MMIO device, ROM), exits recorded in a ring, and the report at the end.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <linux/kvm.h>
#include <nlohmann/json.hpp>

#include "vmctl/backend.hpp"
#include "vmctl/exits.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/layout.hpp"
#include "vmctl/paging.hpp"

namespace virtlab::vmctl {

struct RunOptions {
  const BuiltinGuest* builtin = nullptr;  // the built-in guest (its row of builtin_guests()); nullptr for --image
  std::string image_path;                 // for --image (shown in reports)
  std::vector<std::uint8_t> image;        // empty: the built-in guest's embedded image
  layout::Placement placement;
  int vcpus = 1;
  double timeout_s = 10;  // stop a guest that never halts (immediate_exit + a signal to its thread)
  std::size_t ring_capacity = 4096;
  std::uint64_t pv_bytes = 16384;  // emulated-vs-pv: bytes sent in each phase
  std::uint64_t smp_iterations = 40;
  std::uint64_t smp_spin = 200000;
  std::string break_sregs;  // teaching: "no-lma" / "no-pae" reproduce KVM_SET_SREGS EINVAL
  // Called for each exit as it happens (from the vCPU's thread, serialized); empty = count only.
  std::function<void(std::uint64_t seq, const VmExit&)> on_exit;
  // The guest's row of the table (image_guest_profile() for --image); its name is what reports show.
  const BuiltinGuest& profile() const { return builtin ? *builtin : image_guest_profile(); }
};

// How a run ended: the worst end any vCPU reached, or why vmctl stopped it.
enum class RunOutcome : std::uint8_t {
  halted,          // every vCPU executed HLT
  shutdown,        // KVM_EXIT_SHUTDOWN: a triple fault
  fail_entry,      // KVM_EXIT_FAIL_ENTRY: the CPU refused the VM entry
  internal_error,  // KVM_EXIT_INTERNAL_ERROR, or KVM_RUN itself failed
  unhandled,       // an exit none of vmctl's devices handles
  timeout,         // vmctl stopped it after --timeout
  interrupted,     // Ctrl-C / SIGTERM stopped it
};
std::string to_string(RunOutcome outcome);  // "halted", "shutdown", "fail_entry", … (the JSON "outcome")

struct VcpuReport {
  int index = 0;
  pid_t tid = 0;
  kvm_regs regs{};
  kvm_sregs sregs{};
  std::vector<KvmStatValue> stats;
  std::uint64_t userspace_exits = 0;  // exits vmctl saw from this vCPU (KVM_RUN returns, without EINTR)
};

struct SmpSample {
  std::uint64_t t_ns;
  int vcpu;
  int host_cpu;  // sched_getcpu() on the vCPU's thread right after the exit
  std::uint32_t iteration;
};

struct RunReport {
  RunOutcome outcome = RunOutcome::halted;
  std::string outcome_meaning;
  ExitRecorder recorder;
  std::string serial;  // what the guest wrote to the serial port (first 64 KiB)
  std::vector<MemoryRegion> regions;
  std::vector<VcpuReport> vcpus;
  double wall_s = 0;  // run(): thread start to join
  double loop_s = 0;  // the exit loops alone: first KVM_RUN of any vCPU to the last exit of any vCPU
  nlohmann::ordered_json details = nlohmann::ordered_json::object();  // per-guest findings (see docs/vmctl.md)
  std::vector<std::string> findings;                                  // the same, as lines for the text output
  explicit RunReport(std::size_t ring) : recorder(ring) {}
};

// Reads guest-physical bytes through the memslots of a VM (for translate and reports).
class GuestPhysical {
 public:
  void add(std::uint64_t gpa, std::span<const std::uint8_t> bytes, std::uint64_t hva);
  paging::PhysReader reader() const;
  // nullopt when no memslot covers the GPA.
  std::optional<std::uint64_t> hva_of(std::uint64_t gpa) const;

 private:
  struct Slot {
    std::uint64_t gpa;
    std::span<const std::uint8_t> bytes;
    std::uint64_t hva;
  };
  std::vector<Slot> slots_;
};

// The devices and bookkeeping the vCPU threads share during a run (defined in runner.cpp).
struct RunDevices;

// One guest on one Vm. The constructor validates the placement (throws virtlab::Error for bad input), maps memory,
// registers memslots, loads the image, builds tables and creates the vCPUs with their registers set; run() runs all
// vCPUs (one host thread each) to the end. Memory and vCPUs stay alive afterwards for translate.
class GuestRun {
 public:
  GuestRun(Vm& vm, RunOptions options);
  ~GuestRun();
  RunReport run();
  Vcpu& vcpu(int index) { return *vcpus_.at(static_cast<std::size_t>(index)); }
  const GuestPhysical& physical() const noexcept { return physical_; }
  const std::vector<MemoryRegion>& regions() const noexcept { return regions_; }

 private:
  struct VcpuThreads;
  enum class StopCause : std::uint8_t { none, timeout, interrupted };
  // The steps, in order (each numbered step prints its --explain note).
  void map_memory();                                                 // 1. guest memory and memslots
  void create_vcpus();                                               // 2. vCPUs and their registers
  void start_vcpu_threads(VcpuThreads& threads, RunReport& report);  // 3. run
  StopCause wait_for_vcpus(VcpuThreads& threads);
  void join_vcpu_threads(VcpuThreads& threads, RunReport& report);
  RunOutcome decide_outcome(StopCause stop) const;
  void collect_vcpu_reports(const VcpuThreads& threads, RunReport& report) const;  // 4. final registers, counters
  void add_findings(RunReport& report) const;
  // The exit loop of one vCPU thread and the device emulation on its exits.
  void vcpu_loop(std::size_t index, VcpuThreads& threads, RunReport& report);
  void handle_exit(Vcpu& vcpu, const VmExit& exit, RunReport& report, bool& done);
  void handle_port_write(const VmExit& exit, RunReport& report);
  void handle_mmio(Vcpu& vcpu, const VmExit& exit);
  void read_dirty_log();
  Vm& vm_;
  RunOptions options_;
  std::unique_ptr<GuestMemory> memory_;
  std::unique_ptr<GuestMemory> rom_;
  std::vector<MemoryRegion> regions_;
  std::vector<std::unique_ptr<Vcpu>> vcpus_;
  GuestPhysical physical_;
  std::unique_ptr<RunDevices> devices_;
};

}  // namespace virtlab::vmctl
