// The Linux x86 boot protocol (Documentation/arch/x86/boot.rst) as pure functions, no KVM: parse a bzImage's setup
// header, place kernel/initrd/command line in guest memory, build the boot_params "zero page" with its e820 map, the
// GDT Linux expects (__BOOT_CS 0x10, __BOOT_DS 0x18), identity-mapped page tables and the registers of the 64-bit
// entry. vmctl boot (boot_vm.hpp) only writes what these return into guest memory and vCPU registers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <asm/bootparam.h>
#include <linux/kvm.h>

namespace virtlab::vmctl::linux_boot {

// Why a file cannot be booted, as an outcome (each has a one-line message and a fix).
enum class HeaderError {
  TooSmall,        // shorter than the setup header
  NotBzImage,      // no "HdrS" magic at 0x202 (not a Linux kernel, or a raw vmlinux ELF)
  ProtocolTooOld,  // boot protocol < 2.06: no 64-bit entry point information, no cmdline_size
  NotLoadedHigh,   // a zImage (loaded at 0x10000), not a bzImage
  No64BitEntry,    // xloadflags without XLF_KERNEL_64: only a 32-bit entry point
  Truncated,       // the setup sectors claim more bytes than the file has
};
std::string message(HeaderError error);  // "… is not a bzImage (no HdrS magic at 0x202)"
std::string hint(HeaderError error);

struct SetupHeader {
  std::uint16_t version = 0;     // 0x0206 = 2.06; major << 8 | minor
  std::uint8_t setup_sects = 0;  // 512-byte sectors of real-mode setup after the boot sector (0 means 4)
  std::uint8_t loadflags = 0;    // LOADED_HIGH, CAN_USE_HEAP …
  std::uint16_t xloadflags = 0;  // XLF_KERNEL_64: the 64-bit entry at load address + 0x200
  std::uint32_t initrd_addr_max = 0;
  std::uint32_t kernel_alignment = 0;
  bool relocatable = false;
  std::uint32_t cmdline_size = 0;  // longest command line without its NUL
  std::uint64_t pref_address = 0;
  std::uint32_t init_size = 0;     // bytes the kernel needs from its load address while decompressing
  std::uint64_t setup_bytes = 0;   // (setup_sects + 1) * 512: where the protected-mode kernel starts in the file
  std::uint64_t kernel_bytes = 0;  // file size - setup_bytes: what is loaded at the load address
  std::string kernel_version;      // the string at kernel_version + 0x200, when present
  setup_header raw{};              // the header bytes as in the file (0x1f1 up to its own end)
};

struct ParsedHeader {
  std::optional<SetupHeader> header;
  std::optional<HeaderError> error;
};
ParsedHeader parse_setup_header(std::span<const std::uint8_t> image);
std::string version_text(std::uint16_t version);  // "2.15"

// Guest-physical layout of a Linux boot (the same places Firecracker and kvm-host use).
inline constexpr std::uint64_t kGdtAddress = 0x500;
inline constexpr std::uint64_t kZeroPageAddress = 0x7000;
inline constexpr std::uint64_t kStackTop = 0x8ff0;  // unused by Linux after entry, but a valid RSP
inline constexpr std::uint64_t kPml4Address = 0x9000;
inline constexpr std::uint64_t kPdptAddress = 0xa000;
inline constexpr std::uint64_t kPdAddress = 0xb000;  // kMappedGiB page directories follow each other
inline constexpr std::uint64_t kMappedGiB = 4;
inline constexpr std::uint64_t kCmdlineAddress = 0x20000;
inline constexpr std::uint64_t kKernelLoadAddress = 0x100000;
inline constexpr std::uint64_t kLowRamEnd = 0x9fc00;         // below: RAM; then the EBDA and the VGA/BIOS hole
inline constexpr std::uint64_t kHighRamStart = 0x100000;     // 1 MiB
inline constexpr std::uint64_t kMmioHoleStart = 0xc0000000;  // 3 GiB: kept free for devices (later milestones)
inline constexpr std::uint64_t kMinMemory = std::uint64_t{32} << 20;
inline constexpr std::uint64_t kMaxMemory = kMmioHoleStart;

enum class PlacementError { MemoryTooSmall, MemoryTooLarge, KernelTooLarge, CmdlineTooLong, InitrdTooLarge };

// Where everything goes, checked against the header's limits.
struct Placement {
  std::uint64_t memory = 0;
  std::uint64_t kernel_address = kKernelLoadAddress;
  std::uint64_t kernel_size = 0;
  std::uint64_t cmdline_address = kCmdlineAddress;
  std::uint64_t cmdline_size = 0;    // with its NUL
  std::uint64_t initrd_address = 0;  // 0 = no initrd
  std::uint64_t initrd_size = 0;
  std::uint64_t entry = 0;  // kernel_address + 0x200
  std::optional<PlacementError> error;
  std::string error_text;  // one line naming the sizes
  std::string hint;
};
// The initrd goes as high as allowed (below min(memory, initrd_addr_max + 1)), page-aligned, above the kernel's
// init_size; like QEMU and kvmtool do.
Placement place(const SetupHeader& header, std::uint64_t memory, std::uint64_t cmdline_length,
                std::uint64_t initrd_size);

struct E820Entry {
  std::uint64_t address;
  std::uint64_t size;
  std::uint32_t type;  // 1 = RAM (E820_TYPE_RAM), 2 = reserved
};
// RAM below 640 KiB (up to the EBDA), the legacy hole, RAM from 1 MiB to the end of memory.
std::vector<E820Entry> build_e820(std::uint64_t memory);

// The zero page: the file's setup header copied in, type_of_loader 0xff (undefined loader), the command line
// pointer, the initrd, the e820 map.
boot_params build_boot_params(const SetupHeader& header, const Placement& placement);

// GDT as Linux's 64-bit entry wants it: null, null, __BOOT_CS 0x10 (64-bit code), __BOOT_DS 0x18 (flat data).
inline constexpr std::uint16_t kBootCs = 0x10;
inline constexpr std::uint16_t kBootDs = 0x18;
std::vector<std::uint64_t> build_gdt();

// Identity map of the first kMappedGiB GiB with 2 MiB pages: one PML4 entry, one PDPT with kMappedGiB entries,
// kMappedGiB page directories. Returned as (guest-physical address, 4 KiB table) pairs.
struct PageTable {
  std::uint64_t address;
  std::vector<std::uint64_t> entries;  // 512
};
std::vector<PageTable> build_identity_tables();

// Registers at the 64-bit entry: RIP = entry, RSI = zero page, RSP = kStackTop, RFLAGS = 2 (interrupts off).
kvm_regs initial_regs(const Placement& placement);
// Long mode on our GDT and tables: CR0 PE|PG|ET|NE, CR3 = PML4, CR4 PAE, EFER LME|LMA, CS = 0x10, others 0x18.
// `sregs` is what KVM_GET_SREGS returned (keeps the APIC base and the rest).
kvm_sregs initial_sregs(kvm_sregs sregs);

// CPUID as KVM_GET_SUPPORTED_CPUID gives it, adjusted for a guest: leaf 1 ECX bit 31 "hypervisor present" is set
// (KVM leaves it to the VMM). Without it Linux does not look at leaf 0x40000000, misses KVM and kvm-clock, and
// calibrates its TSC against the PIT and reads the CMOS clock — thousands of port exits. Returns entries changed.
inline constexpr std::uint32_t kCpuidHypervisorBit = 1u << 31;
int adjust_cpuid(std::span<kvm_cpuid_entry2> entries);

// The default command line (i8042 probing skipped: it costs time on a machine with no keyboard controller).
inline constexpr const char* kDefaultCmdline =
    "console=ttyS0 earlyprintk=serial panic=-1 i8042.noaux i8042.nokbd reboot=k rdinit=/init";

}  // namespace virtlab::vmctl::linux_boot
