// x86 architectural pieces vmctl sets up for a guest: control-register bits, segment descriptors, the GDT, and the
// rules KVM_SET_SREGS enforces. Pure functions (no KVM), unit-tested like Firecracker's arch code.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <linux/kvm.h>

namespace virtlab::vmctl::x86 {

// Every bit is a uint64_t: `1 << 31` as int would sign-extend into CR0's upper half (a bug syzkaller found in VMMs).
inline constexpr std::uint64_t kCr0Pe = std::uint64_t{1} << 0;   // protection enable
inline constexpr std::uint64_t kCr0Mp = std::uint64_t{1} << 1;   // monitor coprocessor
inline constexpr std::uint64_t kCr0Et = std::uint64_t{1} << 4;   // extension type (always 1 on modern CPUs)
inline constexpr std::uint64_t kCr0Ne = std::uint64_t{1} << 5;   // native FPU errors
inline constexpr std::uint64_t kCr0Wp = std::uint64_t{1} << 16;  // write-protect applies to ring 0 too
inline constexpr std::uint64_t kCr0Am = std::uint64_t{1} << 18;  // alignment mask
inline constexpr std::uint64_t kCr0Nw = std::uint64_t{1} << 29;  // not write-through
inline constexpr std::uint64_t kCr0Cd = std::uint64_t{1} << 30;  // cache disable
inline constexpr std::uint64_t kCr0Pg = std::uint64_t{1} << 31;  // paging

inline constexpr std::uint64_t kCr4Pse = std::uint64_t{1} << 4;  // 4 MiB pages in 32-bit paging
inline constexpr std::uint64_t kCr4Pae = std::uint64_t{1} << 5;  // physical address extension (required for long mode)
inline constexpr std::uint64_t kCr4Pge = std::uint64_t{1} << 7;  // global pages
inline constexpr std::uint64_t kCr4OsFxsr = std::uint64_t{1} << 9;
inline constexpr std::uint64_t kCr4OsXmmExcpt = std::uint64_t{1} << 10;
inline constexpr std::uint64_t kCr4La57 = std::uint64_t{1} << 12;  // 5-level paging

inline constexpr std::uint64_t kEferSce = std::uint64_t{1} << 0;   // syscall enable
inline constexpr std::uint64_t kEferLme = std::uint64_t{1} << 8;   // long mode enable (software's request)
inline constexpr std::uint64_t kEferLma = std::uint64_t{1} << 10;  // long mode active (what the CPU reports)
inline constexpr std::uint64_t kEferNxe = std::uint64_t{1} << 11;  // no-execute bit usable in page tables

// "PE|ET|PG" — the set bits by name, then any unnamed ones in hex.
std::string decode_cr0(std::uint64_t cr0);
std::string decode_cr4(std::uint64_t cr4);
std::string decode_efer(std::uint64_t efer);

enum class CpuMode { real, protected32, long64 };
std::string to_string(CpuMode mode);                             // "real", "protected", "long"
std::optional<CpuMode> parse_cpu_mode(const std::string& text);  // inverse; nullopt for anything else

// The segment as KVM wants it (the hidden part of the register, loaded directly by KVM_SET_SREGS).
struct Segment {
  std::uint64_t base = 0;
  std::uint32_t limit = 0;  // in bytes (already scaled when g = 1: 0xffffffff for a 4 GiB flat segment)
  std::uint16_t selector = 0;
  std::uint8_t type = 0;  // 4-bit type: 0xb = code execute/read accessed, 0x3 = data read/write accessed
  bool present = true;
  std::uint8_t dpl = 0;
  bool db = false;  // default operand size 32-bit
  bool s = true;    // code/data (not system)
  bool l = false;   // 64-bit code
  bool g = false;   // limit in 4 KiB units
};

kvm_segment to_kvm(const Segment& seg);
Segment from_kvm(const kvm_segment& seg);

// The 8-byte GDT descriptor for a segment (limit is scaled back down to 4 KiB units when g = 1).
std::uint64_t encode_descriptor(const Segment& seg);
// The inverse (for tests and for `vmctl` showing what the guest's GDT holds).
Segment decode_descriptor(std::uint64_t descriptor, std::uint16_t selector);

// Flat segments used by the built-in guests. Selectors: 0x08 code, 0x10 data (GDT index 1 and 2).
inline constexpr std::uint16_t kCodeSelector = 0x08;
inline constexpr std::uint16_t kDataSelector = 0x10;
inline constexpr std::uint16_t kTssSelector = 0x18;
Segment flat_code32();
Segment flat_code64();
Segment flat_data();
// The GDT image: null, code, data, (TSS low/high for 64-bit as two slots) — written into guest memory.
std::vector<std::uint64_t> build_gdt(CpuMode mode);

// Mirrors the kernel's kvm_is_valid_sregs()/kvm_is_valid_cr0/cr4 checks (arch/x86/kvm/x86.c) so that an EINVAL from
// KVM_SET_SREGS can be explained: returns the broken rule in one line, or nullopt when the sregs look valid.
std::optional<std::string> explain_invalid_sregs(const kvm_sregs& sregs);

// One-line description of sregs for --explain: "CR0=0x80000011 (PE|ET|PG) CR3=0x3000 CR4=0x20 (PAE) EFER=0x500
// (LME|LMA)"
std::string describe_sregs(const kvm_sregs& sregs);

}  // namespace virtlab::vmctl::x86
