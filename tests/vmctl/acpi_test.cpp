// The ACPI tables announcing virtio-mmio devices: what Linux's ACPI code checks before it trusts a table (signature,
// length, checksum, the RSDP's two checksums, XSDT → FADT → DSDT), the hardware-reduced FADT, and the AML of a
// "LNRO0005" device (the bytes iasl produces for the same ASL, quoted below).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "vmctl/acpi.hpp"

namespace virtlab::vmctl::acpi {
namespace {

template <typename T>
T get(const Tables& t, std::uint64_t gpa) {
  T value{};
  std::memcpy(&value, t.bytes.data() + (gpa - kTablesAddress), sizeof value);
  return value;
}

std::string signature(const Tables& t, std::uint64_t gpa) {
  return {reinterpret_cast<const char*>(t.bytes.data() + (gpa - kTablesAddress)), 4};
}

bool sums_to_zero(const Tables& t, std::uint64_t gpa, std::size_t size) {
  std::uint8_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum = static_cast<std::uint8_t>(sum + t.bytes[gpa - kTablesAddress + i]);
  return sum == 0;
}

const MmioDevice kConsole{0xd0000000, 0x1000, 5};

TEST(Acpi, RsdpHasBothChecksumsAndPointsToTheXsdt) {
  const Tables t = build_tables({kConsole});
  EXPECT_EQ(t.rsdp, kTablesAddress);
  EXPECT_EQ(t.rsdp % 16, 0u);  // Linux scans on 16-byte boundaries
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(t.bytes.data()), 8), "RSD PTR ");
  EXPECT_TRUE(sums_to_zero(t, t.rsdp, 20));
  EXPECT_TRUE(sums_to_zero(t, t.rsdp, 36));
  EXPECT_EQ(t.bytes[15], 2);  // ACPI 2.0+: the XSDT is used
  EXPECT_EQ(get<std::uint64_t>(t, t.rsdp + 24), t.xsdt);
  EXPECT_LE(t.bytes.size(), kTablesLimit);
}

TEST(Acpi, EveryTableHasItsSignatureLengthAndChecksum) {
  const Tables t = build_tables({kConsole, {0xd0001000, 0x1000, 6}});
  for (const auto& [gpa, sig] : {std::pair{t.xsdt, "XSDT"}, std::pair{t.fadt, "FACP"}, std::pair{t.dsdt, "DSDT"}}) {
    EXPECT_EQ(signature(t, gpa), sig);
    const auto length = get<std::uint32_t>(t, gpa + 4);
    ASSERT_LE(gpa - kTablesAddress + length, t.bytes.size()) << sig;
    EXPECT_TRUE(sums_to_zero(t, gpa, length)) << sig;
  }
  EXPECT_EQ(get<std::uint32_t>(t, t.xsdt + 4), 44u);  // one entry: no MADT, the PIC stays
  EXPECT_EQ(get<std::uint64_t>(t, t.xsdt + 36), t.fadt);
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 4), 276u);
}

TEST(Acpi, FadtKeepsThePicAndPitAndNamesTheDsdtAndPm1Blocks) {
  const Tables t = build_tables({kConsole});
  EXPECT_EQ(t.bytes[t.fadt - kTablesAddress + 8], 6);
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 112) & (1u << 20), 0u);  // not hardware-reduced
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 40), t.dsdt);
  EXPECT_EQ(get<std::uint64_t>(t, t.fadt + 140), t.dsdt);
  EXPECT_EQ(get<std::uint16_t>(t, t.fadt + 46), kSciIrq);
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 48), 0u);  // no SMI command port: always in ACPI mode
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 56), kPm1EventPort);
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 64), kPm1ControlPort);
  EXPECT_EQ(t.bytes[t.fadt - kTablesAddress + 88], 4);
  EXPECT_EQ(t.bytes[t.fadt - kTablesAddress + 89], 2);
  EXPECT_EQ(get<std::uint32_t>(t, t.fadt + 76), 0u);  // no PM timer
}

TEST(Acpi, IntegersUseTheShortestEncoding) {
  EXPECT_EQ(aml_integer(0), std::vector<std::uint8_t>({0x00}));
  EXPECT_EQ(aml_integer(1), std::vector<std::uint8_t>({0x01}));
  EXPECT_EQ(aml_integer(2), std::vector<std::uint8_t>({0x0a, 0x02}));
  EXPECT_EQ(aml_integer(0x1234), std::vector<std::uint8_t>({0x0b, 0x34, 0x12}));
  EXPECT_EQ(aml_integer(0xd0000000), std::vector<std::uint8_t>({0x0c, 0x00, 0x00, 0x00, 0xd0}));
}

TEST(Acpi, PkgLengthCountsItselfAndSwitchesEncodingAt63) {
  EXPECT_EQ(aml_pkg_length(0), std::vector<std::uint8_t>({0x01}));
  EXPECT_EQ(aml_pkg_length(62), std::vector<std::uint8_t>({0x3f}));
  EXPECT_EQ(aml_pkg_length(63), std::vector<std::uint8_t>({0x41, 0x04}));  // 65 = 0x41: nibble 1, then 0x04
  EXPECT_EQ(aml_pkg_length(4093), std::vector<std::uint8_t>({0x4f, 0xff}));
  EXPECT_EQ(aml_pkg_length(4094), std::vector<std::uint8_t>({0x81, 0x00, 0x01}));  // 4097 = 0x1001
}

// iasl of (the same bytes, from the DSDT it compiles)
//   Device (VR00) { Name (_HID, "LNRO0005") Name (_UID, 0x00)
//     Name (_CRS, ResourceTemplate () { Memory32Fixed (ReadWrite, 0xD0000000, 0x00001000)
//       Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,, ) { 0x00000005 } }) }
TEST(Acpi, DeviceAmlMatchesWhatIaslEmits) {
  const std::vector<std::uint8_t> expected = {0x5b, 0x82, 0x3a, 'V',  'R',  '0',  '0',  0x08, '_',  'H',  'I',  'D',
                                              0x0d, 'L',  'N',  'R',  'O',  '0',  '0',  '0',  '5',  0x00, 0x08, '_',
                                              'U',  'I',  'D',  0x00, 0x08, '_',  'C',  'R',  'S',  0x11, 0x1a, 0x0a,
                                              0x17, 0x86, 0x09, 0x00, 0x01, 0x00, 0x00, 0x00, 0xd0, 0x00, 0x10, 0x00,
                                              0x00, 0x89, 0x06, 0x00, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00, 0x79, 0x00};
  EXPECT_EQ(aml_device(kConsole, 0), expected);
}

TEST(Acpi, DsdtScopesEveryDeviceUnderSb) {
  const Tables t = build_tables({kConsole, {0xd0001000, 0x1000, 6}});
  const std::string dsdt(reinterpret_cast<const char*>(t.bytes.data() + (t.dsdt - kTablesAddress)),
                         get<std::uint32_t>(t, t.dsdt + 4));
  EXPECT_EQ(dsdt[36], 0x10);  // ScopeOp
  EXPECT_NE(dsdt.find("\\_SB_"), std::string::npos);
  EXPECT_NE(dsdt.find("VR00"), std::string::npos);
  EXPECT_NE(dsdt.find("VR01"), std::string::npos);
  EXPECT_EQ(dsdt.find("LNRO0005"), dsdt.rfind("LNRO0005") - 60);  // two devices, 60 bytes apart
}

}  // namespace
}  // namespace virtlab::vmctl::acpi
