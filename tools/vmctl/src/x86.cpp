#include "vmctl/x86.hpp"

#include <array>
#include <sstream>
#include <utility>

#include "virtlab/text.hpp"

namespace virtlab::vmctl::x86 {
namespace {

struct BitName {
  std::uint64_t bit;
  const char* name;
};

std::string decode_bits(std::uint64_t value, std::span<const BitName> names) {
  std::string out;
  std::uint64_t rest = value;
  for (const auto& [bit, name] : names) {
    if (value & bit) {
      if (!out.empty()) out += '|';
      out += name;
      rest &= ~bit;
    }
  }
  if (rest != 0) {
    if (!out.empty()) out += '|';
    out += virtlab::hex(rest);
  }
  return out.empty() ? "0" : out;
}

constexpr std::array kCr0Names{BitName{kCr0Pe, "PE"}, BitName{kCr0Mp, "MP"}, BitName{kCr0Et, "ET"},
                               BitName{kCr0Ne, "NE"}, BitName{kCr0Wp, "WP"}, BitName{kCr0Am, "AM"},
                               BitName{kCr0Nw, "NW"}, BitName{kCr0Cd, "CD"}, BitName{kCr0Pg, "PG"}};
constexpr std::array kCr4Names{BitName{kCr4Pse, "PSE"},
                               BitName{kCr4Pae, "PAE"},
                               BitName{kCr4Pge, "PGE"},
                               BitName{kCr4OsFxsr, "OSFXSR"},
                               BitName{kCr4OsXmmExcpt, "OSXMMEXCPT"},
                               BitName{kCr4La57, "LA57"}};
constexpr std::array kEferNames{BitName{kEferSce, "SCE"}, BitName{kEferLme, "LME"}, BitName{kEferLma, "LMA"},
                                BitName{kEferNxe, "NXE"}};

}  // namespace

std::string decode_cr0(std::uint64_t cr0) {
  return decode_bits(cr0, kCr0Names);
}
std::string decode_cr4(std::uint64_t cr4) {
  return decode_bits(cr4, kCr4Names);
}
std::string decode_efer(std::uint64_t efer) {
  return decode_bits(efer, kEferNames);
}

std::string to_string(CpuMode mode) {
  switch (mode) {
    case CpuMode::real:
      return "real";
    case CpuMode::protected32:
      return "protected";
    case CpuMode::long64:
      return "long";
  }
  return "?";
}

std::optional<CpuMode> parse_cpu_mode(const std::string& text) {
  if (text == "real") return CpuMode::real;
  if (text == "protected") return CpuMode::protected32;
  if (text == "long") return CpuMode::long64;
  return std::nullopt;
}

kvm_segment to_kvm(const Segment& seg) {
  kvm_segment k{};
  k.base = seg.base;
  k.limit = seg.limit;
  k.selector = seg.selector;
  k.type = seg.type;
  k.present = seg.present;
  k.dpl = seg.dpl;
  k.db = seg.db;
  k.s = seg.s;
  k.l = seg.l;
  k.g = seg.g;
  k.avl = 0;
  k.unusable = seg.present ? 0 : 1;
  return k;
}

Segment from_kvm(const kvm_segment& k) {
  Segment seg;
  seg.base = k.base;
  seg.limit = k.limit;
  seg.selector = k.selector;
  seg.type = k.type;
  seg.present = k.present != 0;
  seg.dpl = k.dpl;
  seg.db = k.db != 0;
  seg.s = k.s != 0;
  seg.l = k.l != 0;
  seg.g = k.g != 0;
  return seg;
}

std::uint64_t encode_descriptor(const Segment& seg) {
  const std::uint64_t limit = seg.g ? (seg.limit >> 12) : seg.limit;
  std::uint64_t d = 0;
  d |= limit & 0xffff;
  d |= (seg.base & 0xffffff) << 16;
  d |= std::uint64_t{seg.type & 0xfu} << 40;
  d |= std::uint64_t{seg.s} << 44;
  d |= std::uint64_t{seg.dpl & 3u} << 45;
  d |= std::uint64_t{seg.present} << 47;
  d |= ((limit >> 16) & 0xf) << 48;
  d |= std::uint64_t{seg.l} << 53;
  d |= std::uint64_t{seg.db} << 54;
  d |= std::uint64_t{seg.g} << 55;
  d |= ((seg.base >> 24) & 0xff) << 56;
  return d;
}

Segment decode_descriptor(std::uint64_t d, std::uint16_t selector) {
  Segment seg;
  seg.selector = selector;
  seg.base = ((d >> 16) & 0xffffff) | (((d >> 56) & 0xff) << 24);
  std::uint32_t limit = static_cast<std::uint32_t>((d & 0xffff) | (((d >> 48) & 0xf) << 16));
  seg.type = static_cast<std::uint8_t>((d >> 40) & 0xf);
  seg.s = (d >> 44) & 1;
  seg.dpl = static_cast<std::uint8_t>((d >> 45) & 3);
  seg.present = (d >> 47) & 1;
  seg.l = (d >> 53) & 1;
  seg.db = (d >> 54) & 1;
  seg.g = (d >> 55) & 1;
  seg.limit = seg.g ? ((limit << 12) | 0xfff) : limit;
  return seg;
}

Segment flat_code32() {
  Segment seg;
  seg.limit = 0xffffffff;
  seg.selector = kCodeSelector;
  seg.type = 0xb;
  seg.db = true;
  seg.g = true;
  return seg;
}

Segment flat_code64() {
  Segment seg = flat_code32();
  seg.db = false;  // in 64-bit code D must be 0 when L is 1
  seg.l = true;
  return seg;
}

Segment flat_data() {
  Segment seg;
  seg.limit = 0xffffffff;
  seg.selector = kDataSelector;
  seg.type = 0x3;
  seg.db = true;
  seg.g = true;
  return seg;
}

std::vector<std::uint64_t> build_gdt(CpuMode mode) {
  std::vector<std::uint64_t> gdt{0};  // entry 0 must be the null descriptor
  gdt.push_back(encode_descriptor(mode == CpuMode::long64 ? flat_code64() : flat_code32()));
  gdt.push_back(encode_descriptor(flat_data()));
  return gdt;
}

std::optional<std::string> explain_invalid_sregs(const kvm_sregs& s) {
  const bool pg = (s.cr0 & kCr0Pg) != 0;
  if (s.cr0 >> 32) return "CR0 has bits set above bit 31 (" + virtlab::hex(s.cr0) + "): they are reserved";
  if ((s.cr0 & kCr0Nw) && !(s.cr0 & kCr0Cd)) return "CR0.NW is set without CR0.CD";
  if (pg && !(s.cr0 & kCr0Pe)) return "CR0.PG (paging) is set without CR0.PE (protection)";
  if ((s.efer & kEferLme) && pg) {
    if (!(s.cr4 & kCr4Pae)) return "EFER.LME and CR0.PG are set (long mode) but CR4.PAE is clear; long mode needs PAE";
    if (!(s.efer & kEferLma))
      return "EFER.LME and CR0.PG are set (long mode) but EFER.LMA is clear; KVM_SET_SREGS must set LMA as well "
             "(the CPU would have set it while switching)";
  } else {
    if (s.efer & kEferLma) return "EFER.LMA is set but the CPU is not in long mode (needs EFER.LME and CR0.PG)";
    if (s.cs.l) return "CS.L (64-bit code segment) is set outside long mode";
  }
  if (s.cs.l && s.cs.db) return "CS.L and CS.D are both set; a 64-bit code segment must have D = 0";
  return std::nullopt;
}

std::string describe_sregs(const kvm_sregs& s) {
  std::ostringstream out;
  out << "CR0=" << virtlab::hex(s.cr0) << " (" << decode_cr0(s.cr0) << ") CR3=" << virtlab::hex(s.cr3)
      << " CR4=" << virtlab::hex(s.cr4) << " (" << decode_cr4(s.cr4) << ") EFER=" << virtlab::hex(s.efer) << " ("
      << decode_efer(s.efer) << ") CS=" << virtlab::hex(s.cs.selector) << " base " << virtlab::hex(s.cs.base)
      << (s.cs.l ? " L" : "") << (s.cs.db ? " D" : "") << " GDT " << virtlab::hex(s.gdt.base) << "+" << s.gdt.limit + 1;
  return out.str();
}

}  // namespace virtlab::vmctl::x86
