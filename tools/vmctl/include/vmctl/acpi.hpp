// The ACPI tables that announce vmctl's virtio-mmio devices to Linux. The Debian cloud kernel has
// CONFIG_VIRTIO_MMIO=m without CONFIG_VIRTIO_MMIO_CMDLINE_DEVICES (no virtio_mmio.device= parameter) and no device
// tree on x86, so ACPI is the one way left: an RSDP in the BIOS area (Linux scans 0xe0000-0xfffff for it), an XSDT,
// a FADT with the least hardware ACPI allows (PM1 blocks vmctl answers with zeros, SCI on IRQ 9; not
// hardware-reduced, which would drop the PIC and the PIT timer) and a DSDT with one "LNRO0005" device per window
// (the ID virtio_mmio's ACPI match table names) whose _CRS holds the window and its level-triggered GSI. No MADT:
// interrupts stay on the 8259 PIC as in the boot without ACPI. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace virtlab::vmctl::acpi {

inline constexpr std::uint64_t kTablesAddress = 0xe0000;  // RSDP first; outside e820 RAM, inside the memory slot
inline constexpr std::uint64_t kTablesLimit = 0x10000;    // up to 0xeffff
inline constexpr std::uint16_t kSciIrq = 9;               // as on PCs; level, shared
inline constexpr std::uint16_t kPm1EventPort = 0x600;     // PM1a status + enable, 4 bytes
inline constexpr std::uint16_t kPm1ControlPort = 0x604;   // PM1a control, 2 bytes

struct MmioDevice {
  std::uint64_t address = 0;
  std::uint32_t size = 0x1000;
  std::uint32_t gsi = 0;
};

struct Tables {
  std::vector<std::uint8_t> bytes;                       // to copy to kTablesAddress
  std::uint64_t rsdp = 0, xsdt = 0, fadt = 0, dsdt = 0;  // guest addresses
};

// The tables for `devices`, placed from kTablesAddress.
Tables build_tables(const std::vector<MmioDevice>& devices);

// AML pieces (ACPI 6.x §20), exposed for the tests.
std::vector<std::uint8_t> aml_pkg_length(std::size_t body_bytes);  // PkgLength for a body of that size
std::vector<std::uint8_t> aml_integer(std::uint64_t value);        // ZeroOp, OneOp, Byte/Word/DWord/QWordConst
std::vector<std::uint8_t> aml_device(const MmioDevice& device, unsigned index);  // Device(VRnn) {...}
std::uint8_t checksum(const std::uint8_t* data, std::size_t size);               // the byte that makes the sum 0

}  // namespace virtlab::vmctl::acpi
