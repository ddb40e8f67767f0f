// The Linux boot protocol's pure parts: setup header parsing (a real bzImage when testvm has one cached, synthetic
// headers for each error), placement, the zero page, e820/GDT/page tables and entry registers. No KVM.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "vmctl/boot_command.hpp"
#include "vmctl/linux_boot.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl::linux_boot {
namespace {

// A minimal bzImage: boot sector + 4 setup sectors + 64 KiB of "kernel", header fields as a 2.15 kernel has them.
std::vector<std::uint8_t> synthetic_bzimage(std::uint16_t version = 0x020f, std::uint8_t loadflags = LOADED_HIGH,
                                            std::uint16_t xloadflags = XLF_KERNEL_64) {
  std::vector<std::uint8_t> image(5 * 512 + 0x10000, 0);
  auto put = [&](std::size_t offset, auto value) { std::memcpy(image.data() + offset, &value, sizeof value); };
  put(0x1f1, std::uint8_t{4});            // setup_sects
  put(0x1fe, std::uint16_t{0xaa55});      // boot_flag
  put(0x200, std::uint8_t{0xeb});         // jmp
  put(0x201, std::uint8_t{0x6a});         // header ends at 0x26c
  put(0x202, std::uint32_t{0x53726448});  // "HdrS"
  put(0x206, version);
  put(0x20e, std::uint16_t{0x100});  // kernel_version → 0x300
  put(0x211, loadflags);
  put(0x22c, std::uint32_t{0x7fffffff});  // initrd_addr_max
  put(0x230, std::uint32_t{0x200000});    // kernel_alignment
  put(0x234, std::uint8_t{1});            // relocatable_kernel
  put(0x236, xloadflags);
  put(0x238, std::uint32_t{2047});       // cmdline_size
  put(0x258, std::uint64_t{0x1000000});  // pref_address
  put(0x260, std::uint32_t{0x800000});   // init_size: 8 MiB
  std::memcpy(image.data() + 0x300, "6.1.0-test (virtlab)", 21);
  return image;
}

TEST(SetupHeader, ParsesEveryFieldOfASyntheticBzImage) {
  const auto image = synthetic_bzimage();
  const auto parsed = parse_setup_header(image);
  ASSERT_FALSE(parsed.error);
  const auto& h = *parsed.header;
  EXPECT_EQ(h.version, 0x020f);
  EXPECT_EQ(version_text(h.version), "2.15");
  EXPECT_EQ(h.setup_sects, 4);
  EXPECT_EQ(h.setup_bytes, 5u * 512);
  EXPECT_EQ(h.kernel_bytes, 0x10000u);
  EXPECT_EQ(h.initrd_addr_max, 0x7fffffffu);
  EXPECT_EQ(h.kernel_alignment, 0x200000u);
  EXPECT_TRUE(h.relocatable);
  EXPECT_EQ(h.cmdline_size, 2047u);
  EXPECT_EQ(h.pref_address, 0x1000000u);
  EXPECT_EQ(h.init_size, 0x800000u);
  EXPECT_EQ(h.kernel_version, "6.1.0-test (virtlab)");
}

TEST(SetupHeader, ZeroSetupSectsMeansFour) {
  auto image = synthetic_bzimage();
  image[0x1f1] = 0;
  EXPECT_EQ(parse_setup_header(image).header->setup_sects, 4);
}

TEST(SetupHeader, EachErrorIsItsOwnOutcome) {
  EXPECT_EQ(parse_setup_header(std::vector<std::uint8_t>(100, 0)).error, HeaderError::TooSmall);
  auto not_linux = synthetic_bzimage();
  std::memcpy(not_linux.data() + 0x202, "ELF!", 4);
  EXPECT_EQ(parse_setup_header(not_linux).error, HeaderError::NotBzImage);
  EXPECT_EQ(parse_setup_header(synthetic_bzimage(0x0205)).error, HeaderError::ProtocolTooOld);
  EXPECT_EQ(parse_setup_header(synthetic_bzimage(0x020f, 0)).error, HeaderError::NotLoadedHigh);
  EXPECT_EQ(parse_setup_header(synthetic_bzimage(0x020f, LOADED_HIGH, 0)).error, HeaderError::No64BitEntry);
  auto truncated = synthetic_bzimage();
  truncated.resize(4 * 512);
  EXPECT_EQ(parse_setup_header(truncated).error, HeaderError::Truncated);
  for (auto e : {HeaderError::TooSmall, HeaderError::NotBzImage, HeaderError::ProtocolTooOld,
                 HeaderError::NotLoadedHigh, HeaderError::No64BitEntry, HeaderError::Truncated}) {
    EXPECT_EQ(message(e).find('\n'), std::string::npos);
    EXPECT_FALSE(hint(e).empty());
  }
}

// testvm's cached Debian cloud kernel, the one vmctl boot uses by default.
std::optional<std::filesystem::path> cached_kernel() {
  const std::filesystem::path base = "/var/cache/virtlab/testvm/base";
  std::error_code ec;
  for (const auto& dir : std::filesystem::directory_iterator(base, ec))
    if (std::filesystem::exists(dir.path() / "vmlinuz")) return dir.path() / "vmlinuz";
  return std::nullopt;
}

TEST(SetupHeader, ParsesTheRealDebianKernel) {
  const auto path = cached_kernel();
  if (!path) GTEST_SKIP() << "no kernel in /var/cache/virtlab/testvm/base (run `testvm run true` once to cache one)";
  std::ifstream in(*path, std::ios::binary);
  const std::vector<std::uint8_t> image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto parsed = parse_setup_header(image);
  ASSERT_FALSE(parsed.error) << message(*parsed.error);
  const auto& h = *parsed.header;
  EXPECT_GE(h.version, 0x020f);  // Linux 6.x speaks 2.15
  EXPECT_TRUE(h.xloadflags & XLF_KERNEL_64);
  EXPECT_TRUE(h.relocatable);
  EXPECT_EQ(h.kernel_alignment, 0x200000u);
  EXPECT_EQ(h.cmdline_size, 2047u);
  EXPECT_NE(h.kernel_version.find("deb12"), std::string::npos) << h.kernel_version;
  EXPECT_GT(h.init_size, h.kernel_bytes);  // decompression needs more than the compressed file
  EXPECT_EQ(h.setup_bytes + h.kernel_bytes, image.size());
}

TEST(Placement, InitrdGoesHighPageAlignedAboveTheKernel) {
  const auto h = *parse_setup_header(synthetic_bzimage()).header;
  const auto p = place(h, 64 << 20, 10, 1000001);
  ASSERT_FALSE(p.error) << p.error_text;
  EXPECT_EQ(p.entry, 0x100200u);
  EXPECT_EQ(p.cmdline_size, 11u);
  EXPECT_EQ(p.initrd_address % 0x1000, 0u);
  EXPECT_LE(p.initrd_address + p.initrd_size, 64u << 20);
  EXPECT_GT(p.initrd_address + p.initrd_size + 0x1000, 64u << 20);
}

TEST(Placement, RejectsWhatDoesNotFit) {
  const auto h = *parse_setup_header(synthetic_bzimage()).header;
  EXPECT_EQ(place(h, 16 << 20, 10, 0).error, PlacementError::MemoryTooSmall);
  EXPECT_EQ(place(h, std::uint64_t{4} << 30, 10, 0).error, PlacementError::MemoryTooLarge);
  EXPECT_EQ(place(h, 64 << 20, 4000, 0).error, PlacementError::CmdlineTooLong);
  // 60 MiB of initrd in 64 MiB: it would overlap the 8 MiB the kernel decompresses into.
  const auto p = place(h, 64 << 20, 10, 60 << 20);
  EXPECT_EQ(p.error, PlacementError::InitrdTooLarge);
  EXPECT_NE(p.error_text.find("60 MiB"), std::string::npos) << p.error_text;
  EXPECT_EQ(place(h, 64 << 20, 10, 100 << 20).error, PlacementError::InitrdTooLarge);
}

TEST(E820, RamBelow640KAndFromOneMiB) {
  const auto map = build_e820(256 << 20);
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0].address, 0u);
  EXPECT_EQ(map[0].size, 0x9fc00u);
  EXPECT_EQ(map[1].address, 0x100000u);
  EXPECT_EQ(map[1].address + map[1].size, 256u << 20);
  EXPECT_EQ(map[1].type, 1u);
}

TEST(ZeroPage, CopiesTheHeaderAndFillsLoaderFields) {
  const auto image = synthetic_bzimage();
  const auto h = *parse_setup_header(image).header;
  const auto p = place(h, 128 << 20, 20, 4096);
  const boot_params bp = build_boot_params(h, p);
  static_assert(sizeof bp == 4096);
  const auto* raw = reinterpret_cast<const std::uint8_t*>(&bp);
  EXPECT_EQ(std::memcmp(raw + 0x202, "HdrS", 4), 0);
  EXPECT_EQ(bp.hdr.version, 0x020f);
  EXPECT_EQ(bp.hdr.type_of_loader, 0xff);
  EXPECT_EQ(bp.hdr.boot_flag, 0xaa55);
  EXPECT_EQ(bp.hdr.cmd_line_ptr, kCmdlineAddress);
  EXPECT_EQ(bp.hdr.ramdisk_image, p.initrd_address);
  EXPECT_EQ(bp.hdr.ramdisk_size, 4096u);
  EXPECT_EQ(bp.e820_entries, 2);
  EXPECT_EQ(bp.e820_table[1].addr, 0x100000u);
  EXPECT_EQ(bp.e820_table[1].size, (128u << 20) - 0x100000u);
  EXPECT_EQ(bp.e820_table[1].type, 1u);
}

TEST(Gdt, BootCsIs64BitCodeAndBootDsFlatData) {
  const auto gdt = build_gdt();
  ASSERT_EQ(gdt.size(), 4u);
  EXPECT_EQ(gdt[0], 0u);
  const auto cs = x86::decode_descriptor(gdt[kBootCs / 8], kBootCs);
  EXPECT_TRUE(cs.l);
  EXPECT_FALSE(cs.db);
  EXPECT_EQ(cs.type & 0x8, 0x8);  // code
  const auto ds = x86::decode_descriptor(gdt[kBootDs / 8], kBootDs);
  EXPECT_EQ(ds.type & 0xa, 0x2);  // writable data
  EXPECT_EQ(ds.limit, 0xffffffffu);
}

TEST(PageTables, IdentityMapFourGiBWithTwoMiBPages) {
  const auto tables = build_identity_tables();
  ASSERT_EQ(tables.size(), 2 + kMappedGiB);
  EXPECT_EQ(tables[0].address, kPml4Address);
  EXPECT_EQ(tables[0].entries[0] & ~0xfffull, kPdptAddress);
  EXPECT_EQ(tables[1].address, kPdptAddress);
  for (std::uint64_t gib = 0; gib < kMappedGiB; ++gib) {
    const auto& pd = tables[2 + gib];
    EXPECT_EQ(tables[1].entries[gib] & ~0xfffull, pd.address);
    for (std::uint64_t i : {0ull, 1ull, 511ull}) {
      const std::uint64_t e = pd.entries[i];
      EXPECT_EQ(e & ~0x1fffffull, (gib << 30) + (i << 21));  // identity
      EXPECT_EQ(e & 0x83, 0x83u);                            // present, writable, 2 MiB
    }
  }
}

TEST(EntryState, LongModeOnBootCsWithZeroPageInRsi) {
  const auto h = *parse_setup_header(synthetic_bzimage()).header;
  const auto p = place(h, 64 << 20, 1, 0);
  const auto regs = initial_regs(p);
  EXPECT_EQ(regs.rip, 0x100200u);
  EXPECT_EQ(regs.rsi, kZeroPageAddress);
  EXPECT_EQ(regs.rflags, 2u);  // IF clear
  const auto sregs = initial_sregs(kvm_sregs{});
  EXPECT_EQ(sregs.cs.selector, kBootCs);
  EXPECT_EQ(sregs.ds.selector, kBootDs);
  EXPECT_EQ(sregs.ss.selector, kBootDs);
  EXPECT_EQ(sregs.cs.l, 1);
  EXPECT_EQ(sregs.cr3, kPml4Address);
  EXPECT_FALSE(x86::explain_invalid_sregs(sregs)) << *x86::explain_invalid_sregs(sregs);
}

TEST(Cpuid, HypervisorBitSetOnLeafOneOnly) {
  std::vector<kvm_cpuid_entry2> entries(3);
  entries[0].function = 0;
  entries[1].function = 1;
  entries[1].ebx = 0x05000800;  // APIC ID 5 from the host CPU
  entries[2].function = 0x40000000;
  EXPECT_EQ(adjust_cpuid(entries), 1);
  EXPECT_EQ(entries[1].ecx & kCpuidHypervisorBit, kCpuidHypervisorBit);
  EXPECT_EQ(entries[1].ebx, 0x00000800u);
  EXPECT_EQ(entries[0].ecx, 0u);
  EXPECT_EQ(entries[2].ecx, 0u);
}

TEST(BootArgs, KernelAndInitrdPointAtTheCopiesInsideTheTestVm) {
  const auto out =
      forward_boot_args({"boot", "--kernel", "/k", "--initrd=/i", "--nested", "--timeout", "5"}, "/g/k", "/g/i");
  EXPECT_EQ(out, (std::vector<std::string>{"boot", "--timeout", "5", "--kernel", "/g/k", "--initrd", "/g/i"}));
}

TEST(DefaultInit, PrintsTheMarkerThenShellThenPowersOff) {
  const auto script = default_init_script("MARK-1");
  EXPECT_EQ(script.rfind("#!/bin/busybox sh\n", 0), 0u);
  const auto marker = script.find("MARK-1"), shell = script.find("cttyhack sh"), off = script.find("poweroff -f");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_LT(marker, shell);
  EXPECT_LT(shell, off);
}

TEST(DefaultInit, VirtioConsoleLoadsTheModuleThenMovesToHvc0BeforeTheMarker) {
  const auto serial = default_init_script("MARK-1");
  EXPECT_EQ(serial.find("virtio_mmio"), std::string::npos);
  const auto script = default_init_script("MARK-1", true);
  const auto insmod = script.find("insmod /lib/modules/virtio_mmio.ko"), moved = script.find("exec </dev/hvc0");
  const auto marker = script.find("MARK-1"), shell = script.find("setsid -c sh");
  ASSERT_NE(insmod, std::string::npos);
  EXPECT_LT(insmod, moved);
  EXPECT_LT(moved, marker);
  EXPECT_LT(marker, shell);
}

}  // namespace
}  // namespace virtlab::vmctl::linux_boot
