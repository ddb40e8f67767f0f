// `vmctl boot --walk`'s pure parts: the program's console line, the walk from the doorbell state over a byte vector
// of page tables laid out as Linux lays out a process's (vmctl's own walker and LongModeBuilder), the verdicts, the
// JSON, and the program in /init and the initramfs. The real walk in a booted guest is boot_test.py's `walk` part.
#include <gtest/gtest.h>

#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "virtlab/error.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/boot_walk.hpp"
#include "vmctl/paging.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl {
namespace {

using paging::kAccessed;
using paging::kDirty;
using paging::kNoExecute;
using paging::kPresent;
using paging::kUser;
using paging::kWritable;

TEST(WalkLine, ParsesTheProgramsClaim) {
  const auto claim = parse_walk_line("VIRTLAB-WALK pid=73 va=0x7f3a1c2e4058 value=0x5649525400000049");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->pid, 73u);
  EXPECT_EQ(claim->va, 0x7f3a1c2e4058u);
  EXPECT_EQ(claim->value, 0x5649525400000049u);
  // The console may put the kernel's or the shell's text before it on the same line.
  EXPECT_TRUE(parse_walk_line("[   41.2] x VIRTLAB-WALK pid=1 va=0x1000 value=0x0 trailing"));
}

TEST(WalkLine, RejectsPartialOrOtherLines) {
  EXPECT_FALSE(parse_walk_line("VIRTLAB-WALK error: ioperm(0x505) failed, errno 1"));
  EXPECT_FALSE(parse_walk_line("VIRTLAB-WALK pid=73 va=0x7f3a1c2e4058"));
  EXPECT_FALSE(parse_walk_line("VIRTLAB-WALK pid=73 va=7f3a value=0x1"));  // no 0x
  EXPECT_FALSE(parse_walk_line("VIRTLAB-WALK pid= va=0x1 value=0x1"));
  EXPECT_FALSE(parse_walk_line("VIRTLAB-WALK pid=99999999999 va=0x1 value=0x1"));  // pid does not fit 32 bits
  EXPECT_FALSE(parse_walk_line("VIRTLAB-INIT-OK /init running on ttyS0"));
}

// A process's tables as Linux builds them: a 4 KiB user page (P RW US A D NX) at a high mmap address, the tables
// elsewhere in guest RAM; CR3 carries a PCID in bits 0-11 and the KPTI user-half bit 12 is not set here.
struct ProcessTables : ::testing::Test {
  static constexpr std::uint64_t kVa = 0x7f3a1c2e4058, kPageGpa = 0x234000, kValue = 0x5649525400000049;
  static constexpr std::uint64_t kHva = 0x7f0000000000;
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(4u << 20, 0);
  std::uint64_t cr3 = 0;
  DoorbellState doorbell;

  void SetUp() override {
    paging::LongModeBuilder b(ram, {0x100000, 0x101000, 0x102000, 0x103000});
    b.map_4k(kVa & ~std::uint64_t{4095}, kPageGpa, kPresent | kWritable | kUser | kAccessed | kDirty | kNoExecute);
    cr3 = b.cr3();
    // Linux sets US on the upper levels of a user mapping too (the builder's tables are kernel-only).
    const auto levels = paging::walk(paging::span_reader(ram), x86::kCr0Pe | x86::kCr0Pg, cr3, x86::kCr4Pae,
                                     x86::kEferLme | x86::kEferLma, kVa)
                            .levels;
    for (const auto& level : levels) ram[level.entry_gpa] |= kUser;
    std::memcpy(ram.data() + kPageGpa + (kVa & 4095), &kValue, 8);
    doorbell.registers = {73, kVa, kValue};
    doorbell.rip = 0x401234;
    doorbell.cpl = 3;
    doorbell.sregs.cr0 = x86::kCr0Pe | x86::kCr0Pg;
    doorbell.sregs.cr3 = cr3 | 0x005;                // PCID 5
    doorbell.sregs.cr4 = x86::kCr4Pae | (1u << 17);  // PCIDE
    doorbell.sregs.efer = x86::kEferLme | x86::kEferLma;
  }
  GuestWalk walk_with(const Translation& kvm) { return assemble_walk(ram, kHva, doorbell, kvm, false); }
  Translation kvm_agrees() const { return {true, kPageGpa + (kVa & 4095), true, true}; }
};

TEST_F(ProcessTables, EachLevelThenGpaHvaAndTheValue) {
  const GuestWalk w = walk_with(kvm_agrees());
  const auto& c = w.chain;
  EXPECT_EQ(c.walk.paging, "4-level");
  ASSERT_EQ(c.walk.levels.size(), 4u);
  const unsigned indexes[] = {(kVa >> 39) & 511, (kVa >> 30) & 511, (kVa >> 21) & 511, (kVa >> 12) & 511};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(c.walk.levels[i].index, indexes[i]) << c.walk.levels[i].table;
  EXPECT_EQ(c.walk.levels[0].table_gpa, cr3);  // the PCID bits are not part of the address
  EXPECT_EQ(c.walk.levels[3].flags, "P RW US A D NX");
  ASSERT_TRUE(c.walk.gpa);
  EXPECT_EQ(*c.walk.gpa, kPageGpa + 0x058);
  EXPECT_EQ(c.walk.page_size, 4096u);
  EXPECT_TRUE(c.walk.user);
  EXPECT_TRUE(c.agree);
  ASSERT_TRUE(c.hva);
  EXPECT_EQ(*c.hva, kHva + kPageGpa + 0x058);
  EXPECT_FALSE(c.hpa);  // pagemap is the caller's step (add_host_physical)
  EXPECT_EQ(w.value_at_hva, kValue);
  EXPECT_EQ(walk_chain_line(c), "GVA 0x7f3a1c2e4058 → GPA 0x234058 → HVA 0x7f0000234058 → HPA (not visible)");
}

TEST_F(ProcessTables, VerdictAgreeNeedsEveryCheck) {
  WalkResult r{walk_with(kvm_agrees()), WalkClaim{73, kVa, kValue}, {}};
  EXPECT_EQ(verdict(r), WalkVerdict::Agree);
  r.line = std::nullopt;
  EXPECT_EQ(verdict(r), WalkVerdict::NoConsoleLine);
  r.line = WalkClaim{74, kVa, kValue};
  EXPECT_EQ(verdict(r), WalkVerdict::LineDisagrees);
  r.line = WalkClaim{73, kVa, kValue};
  r.walk = walk_with({true, kPageGpa + 0x1058, true, true});
  EXPECT_EQ(verdict(r), WalkVerdict::KvmDisagrees);
  r.walk = std::nullopt;
  EXPECT_EQ(verdict(r), WalkVerdict::NoDoorbell);
}

TEST_F(ProcessTables, ValueMismatchWhenTheHvaHoldsSomethingElse) {
  const std::uint64_t other = 0x1111;
  std::memcpy(ram.data() + kPageGpa + 0x58, &other, 8);
  WalkResult r{walk_with(kvm_agrees()), WalkClaim{73, kVa, kValue}, {}};
  EXPECT_EQ(r.walk->value_at_hva, other);
  EXPECT_EQ(verdict(r), WalkVerdict::ValueMismatch);
}

TEST_F(ProcessTables, KernelModeExitOrUnmappedAddressFail) {
  doorbell.cpl = 0;
  WalkResult r{walk_with(kvm_agrees()), WalkClaim{73, kVa, kValue}, {}};
  EXPECT_EQ(verdict(r), WalkVerdict::NotUserMode);
  doorbell.cpl = 3;
  doorbell.registers.va = kVa + 0x1000;  // the next page: its PTE is empty
  r.walk = walk_with({false, 0, false, false});
  EXPECT_EQ(r.walk->chain.walk.fault, "PT entry " + std::to_string(((kVa + 0x1000) >> 12) & 511) + " is not present");
  EXPECT_TRUE(r.walk->chain.agree);  // both say unmapped
  EXPECT_EQ(verdict(r), WalkVerdict::WalkFailed);
}

TEST_F(ProcessTables, JsonCarriesTheVerdictTheLevelsAndTheChain) {
  const WalkResult r{walk_with(kvm_agrees()), WalkClaim{73, kVa, kValue}, {}};
  const auto j = walk_to_json(r);
  EXPECT_EQ(j["verdict"], "agree");
  EXPECT_EQ(j["doorbell_port"], 0x505);
  EXPECT_EQ(j["registers"]["va"], kVa);
  EXPECT_EQ(j["line"]["pid"], 73);
  EXPECT_EQ(j["cpl"], 3);
  EXPECT_EQ(j["value_at_hva"], kValue);
  EXPECT_EQ(j["chain"]["walk"]["levels"].size(), 4u);
  EXPECT_EQ(j["chain"]["gpa"], kPageGpa + 0x58);
  EXPECT_NE(j["cr3_meaning"].get<std::string>().find("PCID 5"), std::string::npos);
  const auto none = walk_to_json(WalkResult{});
  EXPECT_EQ(none["verdict"], "no-doorbell");
  EXPECT_FALSE(none.contains("chain"));
}

TEST_F(ProcessTables, TextShowsTheDoorbellEachLevelTheChainAndTheVerdict) {
  const WalkResult r{walk_with(kvm_agrees()), WalkClaim{73, kVa, kValue}, {}};
  std::ostringstream out;
  print_walk(out, r, false);
  const std::string text = out.str();
  for (const char* part :
       {"console line: pid 73, variable at 0x7f3a1c2e4058 holds 0x5649525400000049",
        "OUT from ring 3 at RIP 0x401234 with EAX = pid 73", "PCID 5 in bits 0-11", "PML4", "PDPT", "P RW US A D NX",
        "GVA 0x7f3a1c2e4058 → GPA 0x234058 → HVA 0x7f0000234058", "agree", "verdict: agree"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  std::ostringstream none;
  print_walk(none, WalkResult{}, false);
  EXPECT_NE(none.str().find("verdict: no-doorbell"), std::string::npos) << none.str();
}

TEST(WalkProgram, IsAStaticX8664Executable) {
  const auto elf = walk_program();
  ASSERT_GE(elf.size(), sizeof(Elf64_Ehdr));
  Elf64_Ehdr h;
  std::memcpy(&h, elf.data(), sizeof h);
  EXPECT_EQ(std::memcmp(h.e_ident, ELFMAG, SELFMAG), 0);
  EXPECT_EQ(h.e_ident[EI_CLASS], ELFCLASS64);
  EXPECT_EQ(h.e_type, ET_EXEC);
  EXPECT_EQ(h.e_machine, EM_X86_64);
  for (unsigned i = 0; i < h.e_phnum; ++i) {
    Elf64_Phdr p;
    ASSERT_LE(h.e_phoff + (i + 1) * sizeof p, elf.size());
    std::memcpy(&p, elf.data() + h.e_phoff + i * sizeof p, sizeof p);
    EXPECT_NE(p.p_type, static_cast<Elf64_Word>(PT_INTERP)) << "needs a dynamic loader the initramfs lacks";
  }
}

TEST(WalkProgram, InitRunsItAfterTheMarkerAndTheInitramfsHoldsIt) {
  EXPECT_EQ(default_init_script("MARK-1").find(kWalkProgramPath), std::string::npos);
  const auto script = default_init_script("MARK-1", false, 0, true);
  const auto marker = script.find("MARK-1"), program = script.find(std::string(kWalkProgramPath) + "\n"),
             shell = script.find("cttyhack sh");
  ASSERT_NE(program, std::string::npos);
  EXPECT_LT(marker, program);
  EXPECT_LT(program, shell);

  const auto busybox = std::filesystem::temp_directory_path() / ("vmctl-walk-test-" + std::to_string(getpid()));
  std::ofstream(busybox) << "not really busybox";
  const std::string archive = build_default_initramfs(busybox.string(), "MARK-1", false, {}, 0, true);
  std::filesystem::remove(busybox);
  const auto elf = walk_program();
  EXPECT_NE(archive.find("bin/virtlab-walk"), std::string::npos);
  EXPECT_NE(archive.find(std::string(reinterpret_cast<const char*>(elf.data()), elf.size())), std::string::npos);
  EXPECT_THROW(build_default_initramfs(busybox.string(), "MARK-1", false, {}, 0, true), virtlab::Error);  // removed
}

TEST(WalkProgram, NestedForwardingKeepsWalk) {
  const auto args = forward_boot_args({"boot", "--walk", "--timeout", "5"}, "/g/k", "/g/i");
  EXPECT_NE(std::find(args.begin(), args.end(), "--walk"), args.end());
}

}  // namespace
}  // namespace virtlab::vmctl
