#include <gtest/gtest.h>

#include "vmctl/x86.hpp"

namespace virtlab::vmctl::x86 {
namespace {

TEST(X86Constants, AreUnsigned64BitWithoutSignExtension) {
  // 1 << 31 as int would be negative and sign-extend to 0xffffffff80000000 in a uint64_t.
  EXPECT_EQ(kCr0Pg, 0x80000000ull);
  EXPECT_EQ(kCr0Pg >> 32, 0u);
  EXPECT_EQ(kEferLme, 0x100u);
  EXPECT_EQ(kEferLma, 0x400u);
  EXPECT_EQ(kCr4Pae, 0x20u);
}

TEST(X86Decode, NamesBitsAndKeepsUnknownOnesInHex) {
  EXPECT_EQ(decode_cr0(kCr0Pe | kCr0Et | kCr0Pg), "PE|ET|PG");
  EXPECT_EQ(decode_efer(kEferLme | kEferLma), "LME|LMA");
  EXPECT_EQ(decode_cr4(kCr4Pae | (1u << 20)), "PAE|0x100000");
  EXPECT_EQ(decode_cr0(0), "0");
}

TEST(X86Segments, FlatCode64EncodesAsTheKnownDescriptor) {
  // The canonical 64-bit kernel code descriptor (Linux GDT_ENTRY_KERNEL_CS with accessed bit): 0x00af9b000000ffff.
  EXPECT_EQ(encode_descriptor(flat_code64()), 0x00af9b000000ffffull);
  // Flat 32-bit code and data: 0x00cf9b000000ffff, 0x00cf93000000ffff.
  EXPECT_EQ(encode_descriptor(flat_code32()), 0x00cf9b000000ffffull);
  EXPECT_EQ(encode_descriptor(flat_data()), 0x00cf93000000ffffull);
}

TEST(X86Segments, DescriptorRoundTripsWithBaseAndByteGranularLimit) {
  Segment seg;
  seg.base = 0x12345678;
  seg.limit = 0xabcde;
  seg.type = 0x3;
  seg.dpl = 3;
  seg.db = true;
  const Segment back = decode_descriptor(encode_descriptor(seg), 0x23);
  EXPECT_EQ(back.base, 0x12345678u);
  EXPECT_EQ(back.limit, 0xabcdeu);
  EXPECT_EQ(back.dpl, 3);
  EXPECT_EQ(back.selector, 0x23);
  EXPECT_TRUE(back.db);
  EXPECT_FALSE(back.g);
}

TEST(X86Segments, KvmConversionKeepsFields) {
  const kvm_segment k = to_kvm(flat_code64());
  EXPECT_EQ(k.selector, kCodeSelector);
  EXPECT_EQ(k.l, 1);
  EXPECT_EQ(k.db, 0);
  EXPECT_EQ(k.limit, 0xffffffffu);
  EXPECT_EQ(k.unusable, 0);
  EXPECT_EQ(from_kvm(k).l, true);
}

TEST(X86Gdt, HasNullCodeData) {
  const auto gdt = build_gdt(CpuMode::long64);
  ASSERT_EQ(gdt.size(), 3u);
  EXPECT_EQ(gdt[0], 0u);
  EXPECT_EQ(gdt[kCodeSelector / 8], encode_descriptor(flat_code64()));
  EXPECT_EQ(gdt[kDataSelector / 8], encode_descriptor(flat_data()));
}

kvm_sregs long_mode_sregs() {
  kvm_sregs s{};
  s.cr0 = kCr0Pe | kCr0Pg;
  s.cr4 = kCr4Pae;
  s.efer = kEferLme | kEferLma;
  s.cs = to_kvm(flat_code64());
  return s;
}

TEST(X86Sregs, ValidLongModePasses) {
  EXPECT_EQ(explain_invalid_sregs(long_mode_sregs()), std::nullopt);
}

TEST(X86Sregs, LmeWithoutLmaIsExplained) {
  kvm_sregs s = long_mode_sregs();
  s.efer = kEferLme;  // kvm-hello-world issue #5
  const auto why = explain_invalid_sregs(s);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("EFER.LMA is clear"), std::string::npos) << *why;
}

TEST(X86Sregs, LongModeWithoutPaeIsExplained) {
  kvm_sregs s = long_mode_sregs();
  s.cr4 = 0;
  ASSERT_TRUE(explain_invalid_sregs(s));
  EXPECT_NE(explain_invalid_sregs(s)->find("CR4.PAE"), std::string::npos);
}

TEST(X86Sregs, OtherRulesAreExplained) {
  kvm_sregs s{};
  s.cr0 = kCr0Pg;  // paging without protection
  EXPECT_NE(explain_invalid_sregs(s)->find("CR0.PE"), std::string::npos);
  s = kvm_sregs{};
  s.cr0 = kCr0Nw;
  EXPECT_NE(explain_invalid_sregs(s)->find("NW"), std::string::npos);
  s = kvm_sregs{};
  s.efer = kEferLma;
  EXPECT_NE(explain_invalid_sregs(s)->find("LMA is set"), std::string::npos);
  s = kvm_sregs{};
  s.cs.l = 1;
  EXPECT_NE(explain_invalid_sregs(s)->find("CS.L"), std::string::npos);
  s = kvm_sregs{};
  s.cr0 = std::uint64_t{1} << 40;
  EXPECT_NE(explain_invalid_sregs(s)->find("above bit 31"), std::string::npos);
}

TEST(X86Sregs, DescribeDecodesControlRegisters) {
  const std::string text = describe_sregs(long_mode_sregs());
  EXPECT_NE(text.find("CR0=0x80000001 (PE|PG)"), std::string::npos) << text;
  EXPECT_NE(text.find("EFER=0x500 (LME|LMA)"), std::string::npos) << text;
  EXPECT_NE(text.find("CR4=0x20 (PAE)"), std::string::npos) << text;
}

TEST(X86Mode, ParsesAndPrints) {
  EXPECT_EQ(parse_cpu_mode("real"), CpuMode::real);
  EXPECT_EQ(parse_cpu_mode("protected"), CpuMode::protected32);
  EXPECT_EQ(parse_cpu_mode("long"), CpuMode::long64);
  EXPECT_EQ(parse_cpu_mode("unreal"), std::nullopt);
  EXPECT_EQ(to_string(CpuMode::protected32), "protected");
}

}  // namespace
}  // namespace virtlab::vmctl::x86
