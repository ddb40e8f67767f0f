#include "vmctl/linux_boot.hpp"

#include <algorithm>
#include <cstring>

#include "virtlab/text.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl::linux_boot {

namespace {

constexpr std::size_t kHeaderOffset = 0x1f1;      // struct setup_header inside the boot sector
constexpr std::uint32_t kHdrsMagic = 0x53726448;  // "HdrS"
constexpr std::uint16_t kMinVersion = 0x0206;
constexpr std::uint64_t kPageSize = 0x1000;
constexpr std::uint64_t kPresent = 1, kWritable = 2, kHuge = 0x80, kAccessed = 0x20, kDirty = 0x40;

template <typename T>
T read_le(std::span<const std::uint8_t> bytes, std::size_t offset) {
  T value{};
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

std::string kernel_version_string(std::span<const std::uint8_t> image, std::uint16_t pointer) {
  const std::size_t at = std::size_t{pointer} + 0x200;
  if (pointer == 0 || at >= image.size()) return {};
  std::string text;
  for (std::size_t i = at; i < image.size() && image[i] != 0 && text.size() < 128; ++i)
    text.push_back(static_cast<char>(image[i]));
  return text;
}

}  // namespace

std::string version_text(std::uint16_t version) {
  return std::to_string(version >> 8) + "." + std::to_string(version & 0xff);
}

std::string message(HeaderError error) {
  switch (error) {
    case HeaderError::TooSmall:
      return "the file is too small to be a Linux kernel (no setup header at 0x1f1)";
    case HeaderError::NotBzImage:
      return "the file is not a bzImage (no \"HdrS\" magic at offset 0x202)";
    case HeaderError::ProtocolTooOld:
      return "the kernel's boot protocol is older than 2.06 (no 64-bit entry)";
    case HeaderError::NotLoadedHigh:
      return "the kernel is a zImage (LOADED_HIGH clear in loadflags), not a bzImage";
    case HeaderError::No64BitEntry:
      return "the kernel has no 64-bit entry point (XLF_KERNEL_64 clear in xloadflags)";
    case HeaderError::Truncated:
      return "the kernel file is shorter than its setup sectors say (truncated)";
  }
  return "unknown setup header error";
}

std::string hint(HeaderError error) {
  switch (error) {
    case HeaderError::TooSmall:
    case HeaderError::NotBzImage:
      return "give a bzImage (arch/x86/boot/bzImage or /boot/vmlinuz-*), not vmlinux or a disk image";
    case HeaderError::ProtocolTooOld:
    case HeaderError::NotLoadedHigh:
    case HeaderError::No64BitEntry:
      return "use an x86-64 kernel from Linux 3.x or newer";
    case HeaderError::Truncated:
      return "copy the kernel file again";
  }
  return {};
}

ParsedHeader parse_setup_header(std::span<const std::uint8_t> image) {
  ParsedHeader out;
  if (image.size() < 0x264) return {std::nullopt, HeaderError::TooSmall};
  if (read_le<std::uint32_t>(image, 0x202) != kHdrsMagic) return {std::nullopt, HeaderError::NotBzImage};
  SetupHeader h;
  // The header ends at 0x202 + the byte at 0x201 (the jump's displacement); copy no more than that.
  const std::size_t header_end = std::min<std::size_t>(0x202 + image[0x201], image.size());
  const std::size_t copy = std::min(sizeof h.raw, header_end - kHeaderOffset);
  std::memcpy(&h.raw, image.data() + kHeaderOffset, copy);
  h.version = h.raw.version;
  if (h.version < kMinVersion) return {std::nullopt, HeaderError::ProtocolTooOld};
  h.setup_sects = h.raw.setup_sects == 0 ? 4 : h.raw.setup_sects;
  h.loadflags = h.raw.loadflags;
  if (!(h.loadflags & LOADED_HIGH)) return {std::nullopt, HeaderError::NotLoadedHigh};
  h.xloadflags = h.raw.xloadflags;
  if (!(h.xloadflags & XLF_KERNEL_64)) return {std::nullopt, HeaderError::No64BitEntry};
  h.initrd_addr_max = h.raw.initrd_addr_max;
  h.kernel_alignment = h.raw.kernel_alignment;
  h.relocatable = h.raw.relocatable_kernel != 0;
  h.cmdline_size = h.raw.cmdline_size;
  h.pref_address = h.raw.pref_address;
  h.init_size = h.raw.init_size;
  h.setup_bytes = (std::uint64_t{h.setup_sects} + 1) * 512;
  if (h.setup_bytes >= image.size()) return {std::nullopt, HeaderError::Truncated};
  h.kernel_bytes = image.size() - h.setup_bytes;
  h.kernel_version = kernel_version_string(image, h.raw.kernel_version);
  out.header = h;
  return out;
}

Placement place(const SetupHeader& header, std::uint64_t memory, std::uint64_t cmdline_length,
                std::uint64_t initrd_size) {
  Placement p;
  p.memory = memory;
  p.kernel_size = header.kernel_bytes;
  p.entry = p.kernel_address + 0x200;
  p.cmdline_size = cmdline_length + 1;
  auto fail = [&](PlacementError e, std::string text, std::string fix) {
    p.error = e;
    p.error_text = std::move(text);
    p.hint = std::move(fix);
    return p;
  };
  if (memory < kMinMemory)
    return fail(PlacementError::MemoryTooSmall, "--mem " + virtlab::human_bytes(memory) + " is below the minimum",
                "give --mem 32M or more (Linux needs room to decompress itself)");
  if (memory > kMaxMemory)
    return fail(PlacementError::MemoryTooLarge,
                "--mem " + virtlab::human_bytes(memory) + " reaches the MMIO hole at 3 GiB", "give --mem 3G or less");
  // The kernel decompresses in place: it needs init_size bytes from its load address.
  const std::uint64_t kernel_end = p.kernel_address + std::max<std::uint64_t>(header.init_size, p.kernel_size);
  if (kernel_end > memory)
    return fail(PlacementError::KernelTooLarge,
                "the kernel needs " + virtlab::human_bytes(kernel_end) + " of guest memory, --mem is " +
                    virtlab::human_bytes(memory),
                "raise --mem");
  if (cmdline_length > header.cmdline_size)
    return fail(PlacementError::CmdlineTooLong,
                "the command line has " + std::to_string(cmdline_length) + " bytes, the kernel accepts " +
                    std::to_string(header.cmdline_size),
                "shorten --append");
  if (initrd_size > 0) {
    const std::uint64_t limit = std::min<std::uint64_t>(memory, std::uint64_t{header.initrd_addr_max} + 1);
    const std::uint64_t address = initrd_size > limit ? 0 : (limit - initrd_size) & ~(kPageSize - 1);
    if (initrd_size > limit || address < kernel_end)
      return fail(PlacementError::InitrdTooLarge,
                  "the initrd of " + virtlab::human_bytes(initrd_size) + " does not fit between the kernel (ends at " +
                      virtlab::hex(kernel_end) + ") and the end of " + virtlab::human_bytes(limit) + " of guest memory",
                  "raise --mem or give a smaller --initrd");
    p.initrd_address = address;
    p.initrd_size = initrd_size;
  }
  return p;
}

std::vector<E820Entry> build_e820(std::uint64_t memory) {
  return {{0, kLowRamEnd, 1}, {kHighRamStart, memory - kHighRamStart, 1}};
}

boot_params build_boot_params(const SetupHeader& header, const Placement& placement) {
  boot_params bp{};
  bp.hdr = header.raw;
  bp.hdr.type_of_loader = 0xff;  // "undefined" boot loader
  bp.hdr.vid_mode = 0xffff;      // "normal" video mode
  bp.hdr.loadflags = static_cast<std::uint8_t>(bp.hdr.loadflags | CAN_USE_HEAP);
  bp.hdr.heap_end_ptr = 0xe000 - 0x200;
  bp.hdr.cmd_line_ptr = static_cast<std::uint32_t>(placement.cmdline_address);
  bp.ext_cmd_line_ptr = static_cast<std::uint32_t>(placement.cmdline_address >> 32);
  bp.hdr.ramdisk_image = static_cast<std::uint32_t>(placement.initrd_address);
  bp.ext_ramdisk_image = static_cast<std::uint32_t>(placement.initrd_address >> 32);
  bp.hdr.ramdisk_size = static_cast<std::uint32_t>(placement.initrd_size);
  bp.ext_ramdisk_size = static_cast<std::uint32_t>(placement.initrd_size >> 32);
  bp.hdr.code32_start = static_cast<std::uint32_t>(placement.kernel_address);
  const auto e820 = build_e820(placement.memory);
  bp.e820_entries = static_cast<std::uint8_t>(e820.size());
  for (std::size_t i = 0; i < e820.size(); ++i) bp.e820_table[i] = {e820[i].address, e820[i].size, e820[i].type};
  return bp;
}

std::vector<std::uint64_t> build_gdt() {
  x86::Segment code = x86::flat_code64();
  code.selector = kBootCs;
  x86::Segment data = x86::flat_data();
  data.selector = kBootDs;
  return {0, 0, x86::encode_descriptor(code), x86::encode_descriptor(data)};
}

std::vector<PageTable> build_identity_tables() {
  constexpr std::uint64_t flags = kPresent | kWritable | kAccessed;
  std::vector<PageTable> tables;
  PageTable pml4{kPml4Address, std::vector<std::uint64_t>(512, 0)};
  pml4.entries[0] = kPdptAddress | flags;
  PageTable pdpt{kPdptAddress, std::vector<std::uint64_t>(512, 0)};
  tables.push_back(pml4);
  for (std::uint64_t gib = 0; gib < kMappedGiB; ++gib) {
    const std::uint64_t pd_address = kPdAddress + gib * kPageSize;
    pdpt.entries[gib] = pd_address | flags;
    PageTable pd{pd_address, std::vector<std::uint64_t>(512, 0)};
    for (std::uint64_t i = 0; i < 512; ++i) pd.entries[i] = ((gib << 30) + (i << 21)) | flags | kDirty | kHuge;
    tables.push_back(std::move(pd));
  }
  tables.insert(tables.begin() + 1, std::move(pdpt));
  return tables;
}

int adjust_cpuid(std::span<kvm_cpuid_entry2> entries) {
  int changed = 0;
  for (auto& e : entries) {
    if (e.function != 1) continue;
    e.ecx |= kCpuidHypervisorBit;
    e.ebx &= 0x00ffffff;  // initial APIC ID 0: the one vCPU
    ++changed;
  }
  return changed;
}

kvm_regs initial_regs(const Placement& placement) {
  kvm_regs regs{};
  regs.rip = placement.entry;
  regs.rsi = kZeroPageAddress;
  regs.rsp = kStackTop;
  regs.rbp = kStackTop;
  regs.rflags = 2;
  return regs;
}

kvm_sregs initial_sregs(kvm_sregs sregs) {
  x86::Segment code = x86::flat_code64();
  code.selector = kBootCs;
  x86::Segment data = x86::flat_data();
  data.selector = kBootDs;
  sregs.cs = x86::to_kvm(code);
  sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = x86::to_kvm(data);
  sregs.gdt.base = kGdtAddress;
  sregs.gdt.limit = static_cast<std::uint16_t>(build_gdt().size() * 8 - 1);
  sregs.cr0 = x86::kCr0Pe | x86::kCr0Pg | x86::kCr0Et | x86::kCr0Ne;
  sregs.cr3 = kPml4Address;
  sregs.cr4 = x86::kCr4Pae;
  sregs.efer = x86::kEferLme | x86::kEferLma;
  return sregs;
}

}  // namespace virtlab::vmctl::linux_boot
