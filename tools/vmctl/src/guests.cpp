#include "vmctl/guests.hpp"

namespace virtlab::vmctl {

const std::vector<BuiltinGuest>& builtin_guests() {
  using x86::CpuMode;
  static const std::vector<BuiltinGuest> guests{
      {.name = "hello",
       .mode = CpuMode::real,
       .summary = "real mode: prints over the serial port (one IO exit per byte), then HLT",
       .source = "tools/vmctl/guests/hello.asm",
       .translatable = true},
      {.name = "protected",
       .mode = CpuMode::protected32,
       .summary = "32-bit protected mode with paging; GVA 0x1000 maps to GPA 0x5000",
       .source = "tools/vmctl/guests/protected.asm",
       .findings = GuestFindings::notes_page,
       .translatable = true},
      {.name = "long",
       .mode = CpuMode::long64,
       .summary = "64-bit long mode on vmctl's 4-level tables; GVA 0x1000 maps to GPA 0x5000",
       .source = "tools/vmctl/guests/long.asm",
       .findings = GuestFindings::notes_page,
       .translatable = true},
      {.name = "mmio",
       .mode = CpuMode::long64,
       .summary = "a virtual device at an unbacked GPA (MMIO exits) and a read-only memslot",
       .source = "tools/vmctl/guests/mmio.asm",
       .findings = GuestFindings::mmio_device,
       .rom = true,
       .translatable = true},
      {.name = "emulated-vs-pv",
       .mode = CpuMode::long64,
       .summary = "the same bytes per-byte through port I/O vs through a shared ring with one kick per batch",
       .source = "tools/vmctl/guests/emulated-vs-pv.asm",
       .arguments = GuestArguments::pv_bytes,
       .findings = GuestFindings::emulated_vs_pv,
       .live_exits = false},
      {.name = "smp",
       .mode = CpuMode::long64,
       .vcpus = 2,
       .summary = "2 vCPUs on 2 host threads: which physical CPU ran each, over time",
       .source = "tools/vmctl/guests/smp.asm",
       .arguments = GuestArguments::smp_ticks,
       .findings = GuestFindings::smp_threads,
       .live_exits = false},
      {.name = "dirty",
       .mode = CpuMode::long64,
       .summary = "KVM_GET_DIRTY_LOG shows exactly the pages the guest wrote",
       .source = "tools/vmctl/guests/dirty.asm",
       .findings = GuestFindings::dirty_rounds,
       .dirty_logging = true,
       .translatable = true},
      {.name = "triple-fault",
       .mode = CpuMode::long64,
       .summary = "a broken guest: #UD with no IDT → triple fault → KVM_EXIT_SHUTDOWN",
       .source = "tools/vmctl/guests/triple-fault.asm",
       .findings = GuestFindings::triple_fault,
       .shutdown_expected = true},
  };
  return guests;
}

const BuiltinGuest* find_builtin_guest(std::string_view name) {
  for (const auto& g : builtin_guests())
    if (g.name == name) return &g;
  return nullptr;
}

const BuiltinGuest& image_guest_profile() {
  static const BuiltinGuest image{
      .name = "image", .mode = x86::CpuMode::long64, .summary = "a flat binary given with --image", .source = ""};
  return image;
}

}  // namespace virtlab::vmctl
