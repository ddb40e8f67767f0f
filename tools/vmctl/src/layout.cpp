#include "vmctl/layout.hpp"

#include <cstring>

#include "virtlab/error.hpp"
#include "virtlab/text.hpp"
#include "vmctl/paging.hpp"

namespace virtlab::vmctl::layout {

using virtlab::Error;
using virtlab::ExitCode;
using virtlab::hex;
using virtlab::human_bytes;

void validate(const Placement& p) {
  if (p.memory < kMinimumMemory || p.memory % 4096 != 0)
    throw Error(ExitCode::usage, "guest memory " + human_bytes(p.memory) + " is too small or not page-aligned",
                "give --mem of at least 128K in whole pages (vmctl's tables and stack take the first 64 KiB)");
  if (p.memory > kMappedLimit)
    throw Error(ExitCode::usage, "guest memory " + human_bytes(p.memory) + " is larger than vmctl maps (1 GiB)",
                "give --mem 1G or less");
  if (p.image_size == 0) throw Error(ExitCode::usage, "the image is empty", "give a flat binary with code in it");
  if (p.load < kLoadAddress && p.mode != x86::CpuMode::real)
    throw Error(ExitCode::usage, "load address " + hex(p.load) + " overlaps vmctl's GDT, page tables or stack",
                "load at 0x10000 or above (the default)");
  if (p.load < 0x500 && p.mode == x86::CpuMode::real)
    throw Error(ExitCode::usage, "load address " + hex(p.load) + " overlaps the real-mode interrupt vector table",
                "load at 0x500 or above (default 0x10000)");
  if (p.load >= p.memory || p.image_size > p.memory - p.load)
    throw Error(ExitCode::usage,
                "image of " + human_bytes(p.image_size) + " loaded at " + hex(p.load) + " does not fit in " +
                    human_bytes(p.memory) + " of guest memory",
                "raise --mem (e.g. --mem " + std::to_string(((p.load + p.image_size) * 2 + 0xfffff) >> 20) +
                    "M) or lower --load");
  if (p.entry < p.load || p.entry >= p.load + p.image_size)
    throw Error(ExitCode::usage,
                "entry " + hex(p.entry) + " is outside the image (" + hex(p.load) + "-" + hex(p.load + p.image_size) +
                    ") in guest memory of " + human_bytes(p.memory),
                "give --entry inside the loaded image (default: the load address)");
  if (p.mode == x86::CpuMode::real) {
    if (p.load % 16 != 0)
      throw Error(ExitCode::usage, "real-mode load address " + hex(p.load) + " is not a multiple of 16",
                  "segment bases are selector*16: load at a 16-byte boundary");
    if (p.load + p.image_size > 0x100000 || p.entry - p.load > 0xffff)
      throw Error(ExitCode::usage, "real-mode image does not fit below 1 MiB within one 64 KiB segment",
                  "real mode addresses 1 MiB with 64 KiB segments: shrink the image or use --mode protected");
  }
}

void write_system_tables(std::span<std::uint8_t> mem, x86::CpuMode mode, std::uint64_t read_only_begin,
                         std::uint64_t read_only_end) {
  const auto leaf_flags = [&](std::uint64_t va) {
    return va >= read_only_begin && va < read_only_end ? paging::kTableFlags & ~paging::kWritable : paging::kTableFlags;
  };
  if (mode == x86::CpuMode::real) return;
  const auto gdt = x86::build_gdt(mode);
  std::memcpy(mem.data() + kGdt, gdt.data(), gdt.size() * sizeof(gdt[0]));
  if (mode == x86::CpuMode::long64) {
    paging::LongModeBuilder b(mem, {kPml4, kPdpt, kPd, kPt});
    for (std::uint64_t va = 0x1000; va < (2u << 20); va += 0x1000)
      b.map_4k(va, va == kNotesGva ? kNotesGpa : va, leaf_flags(va));
    for (std::uint64_t va = 2u << 20; va < kMappedLimit; va += 2u << 20) b.map_2m(va, va);
  } else {
    paging::Protected32Builder b(mem, {kPageDir32, kPageTable32});
    for (std::uint32_t va = 0x1000; va < (4u << 20); va += 0x1000)
      b.map_4k(va, va == kNotesGva ? static_cast<std::uint32_t>(kNotesGpa) : va,
               static_cast<std::uint32_t>(leaf_flags(va)));
    for (std::uint32_t va = 4u << 20; va < kMappedLimit; va += 4u << 20) b.map_4m(va, va);
  }
}

kvm_sregs initial_sregs(const kvm_sregs& from_kvm, const Placement& p) {
  kvm_sregs s = from_kvm;
  if (p.mode == x86::CpuMode::real) {
    x86::Segment seg;
    seg.selector = static_cast<std::uint16_t>(p.load >> 4);
    seg.base = p.load;
    seg.limit = 0xffff;
    seg.type = 0x3;
    s.ds = s.es = s.fs = s.gs = x86::to_kvm(seg);
    seg.type = 0xb;
    s.cs = x86::to_kvm(seg);
    seg.selector = 0;
    seg.base = 0;
    seg.type = 0x3;
    s.ss = x86::to_kvm(seg);
    s.cr0 &= ~(x86::kCr0Pe | x86::kCr0Pg);
    s.efer = 0;
    return s;
  }
  const bool long_mode = p.mode == x86::CpuMode::long64;
  s.cs = x86::to_kvm(long_mode ? x86::flat_code64() : x86::flat_code32());
  s.ds = s.es = s.fs = s.gs = s.ss = x86::to_kvm(x86::flat_data());
  s.gdt.base = kGdt;
  s.gdt.limit = 3 * 8 - 1;
  s.idt.base = 0;
  s.idt.limit = 0;
  s.cr0 = x86::kCr0Pe | x86::kCr0Et | x86::kCr0Ne | x86::kCr0Pg;
  if (long_mode) {
    s.cr3 = kPml4;
    s.cr4 = x86::kCr4Pae;
    s.efer = x86::kEferLme | x86::kEferLma;  // LMA too: KVM_SET_SREGS rejects LME+PG without it (EINVAL)
  } else {
    s.cr3 = kPageDir32;
    s.cr4 = x86::kCr4Pse;
    s.efer = 0;
  }
  return s;
}

kvm_regs initial_regs(const Placement& p, int vcpu) {
  kvm_regs r{};
  r.rflags = 2;  // bit 1 is reserved and must be 1
  r.rdi = static_cast<std::uint64_t>(vcpu);
  if (p.mode == x86::CpuMode::real) {
    r.rip = p.entry - p.load;
    r.rsp = 0xfff0 - static_cast<std::uint64_t>(vcpu) * kStackPerVcpu;
  } else {
    r.rip = p.entry;
    r.rsp = kStackTop - static_cast<std::uint64_t>(vcpu) * kStackPerVcpu;
  }
  return r;
}

}  // namespace virtlab::vmctl::layout
