#include "vmctl/acpi.hpp"

#include <cstring>
#include <string_view>

namespace virtlab::vmctl::acpi {

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kHeaderBytes = 36;
constexpr std::size_t kFadtBytes = 276;  // revision 6
constexpr std::uint16_t kBootArchVgaNotPresent = 1u << 2;

template <typename T>
void put(Bytes& b, std::size_t at, T value) {
  std::memcpy(b.data() + at, &value, sizeof value);
}

void append(Bytes& b, std::string_view s) {
  b.insert(b.end(), s.begin(), s.end());
}
void append(Bytes& b, const Bytes& more) {
  b.insert(b.end(), more.begin(), more.end());
}

// The standard description header (§5.2.6); length and checksum are fixed by finish_table.
Bytes table_header(std::string_view signature, std::uint8_t revision) {
  Bytes b(kHeaderBytes, 0);
  std::memcpy(b.data(), signature.data(), 4);
  b[8] = revision;
  std::memcpy(b.data() + 10, "VRTLAB", 6);    // OEM ID
  std::memcpy(b.data() + 16, "VMCTL   ", 8);  // OEM table ID
  put<std::uint32_t>(b, 24, 1);               // OEM revision
  std::memcpy(b.data() + 28, "VLAB", 4);      // creator ID
  put<std::uint32_t>(b, 32, 1);
  return b;
}

void finish_table(Bytes& b) {
  put<std::uint32_t>(b, 4, static_cast<std::uint32_t>(b.size()));
  b[9] = 0;
  b[9] = checksum(b.data(), b.size());
}

// Name(_CRS, ResourceTemplate() { Memory32Fixed(ReadWrite, address, size) Interrupt(ResourceConsumer, Level,
// ActiveHigh, Exclusive) { gsi } }) as a Buffer.
Bytes crs_buffer(const MmioDevice& d) {
  Bytes res = {0x86, 0x09, 0x00, 0x01};  // Memory32Fixed, 9 bytes follow, read-write
  for (const std::uint32_t v : {static_cast<std::uint32_t>(d.address), d.size})
    for (int i = 0; i < 4; ++i) res.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  // Extended Interrupt: 6 bytes follow; flags: consumer, level (bit 1 = 0), active high, exclusive; one GSI.
  res.insert(res.end(), {0x89, 0x06, 0x00, 0x01, 0x01});
  for (int i = 0; i < 4; ++i) res.push_back(static_cast<std::uint8_t>(d.gsi >> (8 * i)));
  res.insert(res.end(), {0x79, 0x00});                         // End tag (checksum 0: not checked)
  Bytes body = {0x0a, static_cast<std::uint8_t>(res.size())};  // BufferSize as a ByteConst
  append(body, res);
  Bytes buffer = {0x11};  // BufferOp
  append(buffer, aml_pkg_length(body.size()));
  append(buffer, body);
  return buffer;
}

Bytes build_dsdt(const std::vector<MmioDevice>& devices) {
  Bytes body = {'\\', '_', 'S', 'B', '_'};
  for (unsigned i = 0; i < devices.size(); ++i) append(body, aml_device(devices[i], i));
  Bytes dsdt = table_header("DSDT", 2);
  dsdt.push_back(0x10);  // ScopeOp (\_SB)
  append(dsdt, aml_pkg_length(body.size()));
  append(dsdt, body);
  finish_table(dsdt);
  return dsdt;
}

// Not hardware-reduced: that mode makes Linux drop the 8259 PIC and the PIT (acpi_generic_reduced_hw_init), and
// the boot then waited forever for its first timer tick (measured under nested KVM). So the classic model with the
// least hardware: SCI on IRQ 9, the PM1 event and control blocks at kPm1EventPort / kPm1ControlPort (vmctl answers
// them with zeros), no PM timer, no GPE blocks, no SMI command port (the system is always in ACPI mode).
Bytes build_fadt(std::uint64_t dsdt) {
  Bytes f = table_header("FACP", 6);
  f.resize(kFadtBytes, 0);
  put<std::uint32_t>(f, 40, static_cast<std::uint32_t>(dsdt));
  put<std::uint16_t>(f, 46, kSciIrq);
  put<std::uint32_t>(f, 56, kPm1EventPort);            // PM1a_EVT_BLK: status (2 bytes) then enable (2 bytes)
  put<std::uint32_t>(f, 64, kPm1ControlPort);          // PM1a_CNT_BLK
  f[88] = 4;                                           // PM1_EVT_LEN
  f[89] = 2;                                           // PM1_CNT_LEN
  put<std::uint16_t>(f, 109, kBootArchVgaNotPresent);  // IAPC_BOOT_ARCH; no 8042 bit: there is none
  f[131] = 5;                                          // FADT minor version (6.5)
  put<std::uint64_t>(f, 140, dsdt);                    // X_DSDT
  finish_table(f);
  return f;
}

Bytes build_xsdt(std::uint64_t fadt) {
  Bytes x = table_header("XSDT", 1);
  x.resize(kHeaderBytes + 8, 0);
  put<std::uint64_t>(x, kHeaderBytes, fadt);
  finish_table(x);
  return x;
}

// ACPI 2.0+ RSDP (§5.2.5.3): 20 bytes with their checksum, then length, XSDT address and the extended checksum.
Bytes build_rsdp(std::uint64_t xsdt) {
  Bytes r(36, 0);
  std::memcpy(r.data(), "RSD PTR ", 8);
  std::memcpy(r.data() + 9, "VRTLAB", 6);
  r[15] = 2;  // revision: ACPI 2.0+
  put<std::uint32_t>(r, 20, 36);
  put<std::uint64_t>(r, 24, xsdt);
  r[8] = checksum(r.data(), 20);
  r[32] = checksum(r.data(), 36);
  return r;
}

void place(Bytes& image, const Bytes& table, std::size_t at) {
  if (image.size() < at + table.size()) image.resize(at + table.size(), 0);
  std::memcpy(image.data() + at, table.data(), table.size());
}

}  // namespace

std::uint8_t checksum(const std::uint8_t* data, std::size_t size) {
  std::uint8_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum = static_cast<std::uint8_t>(sum + data[i]);
  return static_cast<std::uint8_t>(0x100 - sum);
}

// A PkgLength counts itself: 1 byte up to 63, else a lead byte (count of following bytes in bits 6-7, low nibble)
// and 1-3 more bytes of 8 bits each.
std::vector<std::uint8_t> aml_pkg_length(std::size_t body_bytes) {
  if (body_bytes + 1 < 0x40) return {static_cast<std::uint8_t>(body_bytes + 1)};
  for (std::size_t extra = 1; extra <= 3; ++extra) {
    const std::size_t total = body_bytes + 1 + extra;
    if (total < (std::size_t{1} << (4 + 8 * extra))) {
      Bytes out = {static_cast<std::uint8_t>((extra << 6) | (total & 0x0f))};
      for (std::size_t i = 0; i < extra; ++i) out.push_back(static_cast<std::uint8_t>(total >> (4 + 8 * i)));
      return out;
    }
  }
  return {};  // beyond 256 MiB: not an AML package
}

// ZeroOp, OneOp or the smallest constant that holds `value` (as iasl picks).
std::vector<std::uint8_t> aml_integer(std::uint64_t value) {
  if (value <= 1) return {static_cast<std::uint8_t>(value)};
  Bytes out;
  std::size_t width = value <= 0xff ? 1 : value <= 0xffff ? 2 : value <= 0xffffffff ? 4 : 8;
  out.push_back(width == 1 ? 0x0a : width == 2 ? 0x0b : width == 4 ? 0x0c : 0x0e);
  for (std::size_t i = 0; i < width; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  return out;
}

// Device(VRnn) { Name(_HID, "LNRO0005") Name(_UID, n) Name(_CRS, ...) }
std::vector<std::uint8_t> aml_device(const MmioDevice& device, unsigned index) {
  const char name[4] = {'V', 'R', static_cast<char>('0' + index / 10 % 10), static_cast<char>('0' + index % 10)};
  Bytes body(name, name + 4);
  append(body, std::string_view("\x08_HID\x0dLNRO0005\0", 15));
  append(body, std::string_view("\x08_UID", 5));
  append(body, aml_integer(index));
  append(body, std::string_view("\x08_CRS", 5));
  append(body, crs_buffer(device));
  Bytes out = {0x5b, 0x82};  // DeviceOp
  append(out, aml_pkg_length(body.size()));
  append(out, body);
  return out;
}

Tables build_tables(const std::vector<MmioDevice>& devices) {
  Tables t;
  // RSDP at the start (16-aligned, where Linux's scan finds it), then each table 16-aligned after it.
  const Bytes dsdt = build_dsdt(devices);
  const std::size_t xsdt_at = 0x40, fadt_at = 0x80;  // 44 and 276 bytes
  const std::size_t dsdt_at = fadt_at + ((kFadtBytes + 15) & ~std::size_t{15});
  t.rsdp = kTablesAddress;
  t.xsdt = kTablesAddress + xsdt_at;
  t.fadt = kTablesAddress + fadt_at;
  t.dsdt = kTablesAddress + dsdt_at;
  place(t.bytes, build_rsdp(t.xsdt), 0);
  place(t.bytes, build_xsdt(t.fadt), xsdt_at);
  place(t.bytes, build_fadt(t.dsdt), fadt_at);
  place(t.bytes, dsdt, dsdt_at);
  return t;
}

}  // namespace virtlab::vmctl::acpi
