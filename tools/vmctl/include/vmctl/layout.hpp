// Where vmctl puts things in guest-physical memory, and the CPU state (sregs/regs) each mode starts in.
// One fixed layout for every guest, so students can find the GDT and page tables with `vmctl translate`.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <linux/kvm.h>

#include "vmctl/x86.hpp"

namespace virtlab::vmctl::layout {

// Guest-physical map (all guests):
//   0x0000  page 0, left unmapped in paged modes so a null pointer faults
//   0x1000  (GVA) → mapped to GPA 0x5000: the non-identity mapping of the course notes' example
//   0x2000  GDT
//   0x3000  PML4 (long) / page directory (protected)
//   0x4000  PDPT (long) / page table for 0–4 MiB (protected)
//   0x5000  the "notes page": GPA 0x5000, seen by the guest at GVA 0x1000
//   0x6000  page directory (long)
//   0x7000  page table for 0–2 MiB (long)
//   0x8000–0xffff  stack (vCPU 0 starts at 0x10000, vCPU n at 0x10000 - n*0x2000)
//   0x10000 code (flat binary) is loaded here and entered here
//   0x100000 shared-memory ring of the paravirtual device (emulated-vs-pv)
//   0x140000 pages the dirty guest writes
//   0x180000 per-vCPU counters of the smp guest
inline constexpr std::uint64_t kGdt = 0x2000;
inline constexpr std::uint64_t kPml4 = 0x3000;
inline constexpr std::uint64_t kPdpt = 0x4000;
inline constexpr std::uint64_t kPd = 0x6000;
inline constexpr std::uint64_t kPt = 0x7000;
inline constexpr std::uint64_t kPageDir32 = 0x3000;
inline constexpr std::uint64_t kPageTable32 = 0x4000;
inline constexpr std::uint64_t kNotesGva = 0x1000;
inline constexpr std::uint64_t kNotesGpa = 0x5000;
inline constexpr std::uint64_t kStackTop = 0x10000;
inline constexpr std::uint64_t kStackPerVcpu = 0x2000;
inline constexpr std::uint64_t kLoadAddress = 0x10000;
inline constexpr std::uint64_t kRingGpa = 0x100000;
inline constexpr std::uint64_t kRingSize = 0x1000;
inline constexpr std::uint64_t kDirtyGpa = 0x140000;
inline constexpr std::uint64_t kSmpCounters = 0x180000;
inline constexpr std::uint64_t kDefaultMemory = 2u << 20;
inline constexpr std::uint64_t kMinimumMemory = 0x20000;  // up to the code page plus 64 KiB of code
// Identity mapping in paged modes reaches this far (1 GiB: PD entries 1..511 are 2 MiB pages), so the MMIO window
// below, which no memslot backs, is reachable with paging on.
inline constexpr std::uint64_t kMappedLimit = 1u << 30;
// The mmio guest's virtual device (no memslot here → every access is a KVM_EXIT_MMIO) and its read-only memslot.
inline constexpr std::uint64_t kMmioDevice = 0x10000000;
inline constexpr std::uint64_t kRomGpa = 0x20000000;
inline constexpr std::uint64_t kRomSize = 0x1000;

// Ports the built-in guests use.
inline constexpr std::uint16_t kSerialPort = 0x3f8;  // COM1 data register: one byte per OUT, like an emulated UART
inline constexpr std::uint16_t kKickPort = 0x510;    // paravirtual doorbell: OUT of the batch length in bytes
inline constexpr std::uint16_t kMarkerPort = 0x511;  // guest marks a phase boundary (value = phase number)
inline constexpr std::uint16_t kTickPort = 0x512;    // smp guest: "still running", value = iteration

// Validated placement of a flat binary.
struct Placement {
  x86::CpuMode mode = x86::CpuMode::long64;
  std::uint64_t memory = kDefaultMemory;
  std::uint64_t load = kLoadAddress;
  std::uint64_t entry = kLoadAddress;
  std::uint64_t image_size = 0;
};
// Throws virtlab::Error(usage) naming the problem and the fix: image larger than memory, entry outside memory or
// outside the image's reach, memory too small for vmctl's tables, real-mode entry above 1 MiB, etc.
void validate(const Placement& placement);

// Writes the GDT and (for paged modes) vmctl's page tables into guest memory `mem` (GPA 0 at mem[0]). The 4 KiB pages
// in [read_only_begin, read_only_end) are mapped without RW (like a kernel's text). The dirty guest needs that for its
// code: under shadow paging (nested KVM without NPT) KVM maps a page whose guest PTE is already RW+Dirty writable on
// the first access of any kind, fetches included, and logs it dirty then.
void write_system_tables(std::span<std::uint8_t> mem, x86::CpuMode mode, std::uint64_t read_only_begin = 0,
                         std::uint64_t read_only_end = 0);

// Starting special registers in `mode`, based on what KVM_GET_SREGS returned. Real mode: CS = DS = ES = load >> 4
// (so a binary assembled with `org 0` finds its data), SS = 0. Paged modes: flat segments from vmctl's GDT, CR3 on
// vmctl's tables, no IDT (limit 0: an exception the guest cannot handle ends in a triple fault).
kvm_sregs initial_sregs(const kvm_sregs& from_kvm, const Placement& placement);
// Starting general registers: RIP (IP = entry - load in real mode), RSP per vCPU, RFLAGS bit 1, RDI = vCPU index.
kvm_regs initial_regs(const Placement& placement, int vcpu);

}  // namespace virtlab::vmctl::layout
