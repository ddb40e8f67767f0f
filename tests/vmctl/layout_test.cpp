#include <gtest/gtest.h>

#include "virtlab/error.hpp"
#include "vmctl/layout.hpp"

namespace virtlab::vmctl::layout {
namespace {

Placement placement(x86::CpuMode mode, std::uint64_t size) {
  Placement p;
  p.mode = mode;
  p.image_size = size;
  return p;
}

virtlab::ExitCode code_of(const Placement& p) {
  try {
    validate(p);
  } catch (const virtlab::Error& e) {
    return e.code();
  }
  return virtlab::ExitCode::ok;
}

std::string message_of(const Placement& p) {
  try {
    validate(p);
  } catch (const virtlab::Error& e) {
    return e.one_line();
  }
  return {};
}

TEST(Placement, DefaultsAreValid) {
  EXPECT_EQ(code_of(placement(x86::CpuMode::long64, 100)), virtlab::ExitCode::ok);
  EXPECT_EQ(code_of(placement(x86::CpuMode::real, 100)), virtlab::ExitCode::ok);
}

TEST(Placement, ImageLargerThanMemoryIsAUsageErrorNamingTheFix) {
  Placement p = placement(x86::CpuMode::long64, 3u << 20);
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  EXPECT_NE(message_of(p).find("does not fit"), std::string::npos);
  EXPECT_NE(message_of(p).find("--mem"), std::string::npos);
}

TEST(Placement, EntryOutsideTheImage) {
  Placement p = placement(x86::CpuMode::long64, 100);
  p.entry = p.memory + 0x1000;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  EXPECT_NE(message_of(p).find("entry"), std::string::npos);
  p.entry = p.load + 100;  // one past the end
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  p.entry = p.load + 99;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::ok);
}

TEST(Placement, LoadOverVmctlTablesIsRejectedInPagedModes) {
  Placement p = placement(x86::CpuMode::long64, 100);
  p.load = p.entry = 0x3000;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
}

TEST(Placement, RealModeLimits) {
  Placement p = placement(x86::CpuMode::real, 100);
  p.load = p.entry = 0x10008;
  EXPECT_NE(message_of(p).find("multiple of 16"), std::string::npos);
  p = placement(x86::CpuMode::real, 0xf8000);  // would end past 1 MiB
  p.memory = 4u << 20;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  p = placement(x86::CpuMode::real, 100);
  p.load = p.entry = 0x100;
  EXPECT_NE(message_of(p).find("interrupt vector table"), std::string::npos);
}

TEST(Placement, MemoryBounds) {
  Placement p = placement(x86::CpuMode::long64, 100);
  p.memory = 4096;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  p.memory = (2u << 20) + 1;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  p.memory = 2u << 30;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
  p.image_size = 0;
  p.memory = 2u << 20;
  EXPECT_EQ(code_of(p), virtlab::ExitCode::usage);
}

TEST(InitialState, LongModeSregsPassKvmsRules) {
  Placement p = placement(x86::CpuMode::long64, 100);
  const kvm_sregs s = initial_sregs(kvm_sregs{}, p);
  EXPECT_EQ(s.cr3, kPml4);
  EXPECT_EQ(s.efer & (x86::kEferLme | x86::kEferLma), x86::kEferLme | x86::kEferLma);
  EXPECT_TRUE(s.cr0 & x86::kCr0Pg);
  EXPECT_TRUE(s.cr4 & x86::kCr4Pae);
  EXPECT_EQ(s.cs.l, 1);
  EXPECT_EQ(s.cs.selector, x86::kCodeSelector);
  EXPECT_EQ(s.ss.selector, x86::kDataSelector);
  EXPECT_EQ(s.gdt.base, kGdt);
  EXPECT_EQ(s.gdt.limit, 23);
  EXPECT_EQ(s.idt.limit, 0);
  EXPECT_EQ(x86::explain_invalid_sregs(s), std::nullopt);
}

TEST(InitialState, ProtectedAndRealSregs) {
  kvm_sregs reset{};
  reset.cr0 = 0x60000010;  // what KVM reports after reset (CD|NW|ET)
  const kvm_sregs prot = initial_sregs(reset, placement(x86::CpuMode::protected32, 100));
  EXPECT_EQ(prot.cr3, kPageDir32);
  EXPECT_EQ(prot.efer, 0u);
  EXPECT_TRUE(prot.cr4 & x86::kCr4Pse);
  EXPECT_EQ(prot.cs.db, 1);
  EXPECT_EQ(x86::explain_invalid_sregs(prot), std::nullopt);
  const kvm_sregs real = initial_sregs(reset, placement(x86::CpuMode::real, 100));
  EXPECT_EQ(real.cs.selector, 0x1000);
  EXPECT_EQ(real.cs.base, 0x10000u);
  EXPECT_EQ(real.ds.base, 0x10000u);
  EXPECT_EQ(real.ss.base, 0u);
  EXPECT_FALSE(real.cr0 & x86::kCr0Pe);
}

TEST(InitialState, RegistersPerVcpu) {
  Placement p = placement(x86::CpuMode::long64, 100);
  p.entry = 0x10010;
  const kvm_regs r0 = initial_regs(p, 0), r1 = initial_regs(p, 1);
  EXPECT_EQ(r0.rip, 0x10010u);
  EXPECT_EQ(r0.rflags, 2u);
  EXPECT_EQ(r0.rsp, kStackTop);
  EXPECT_EQ(r1.rsp, kStackTop - kStackPerVcpu);
  EXPECT_EQ(r1.rdi, 1u);
  Placement real = placement(x86::CpuMode::real, 100);
  real.entry = 0x10004;
  EXPECT_EQ(initial_regs(real, 0).rip, 4u);
}

}  // namespace
}  // namespace virtlab::vmctl::layout
