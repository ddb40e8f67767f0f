#include "vmctl/guests.hpp"

namespace vmctl {

const std::vector<BuiltinGuest>& builtin_guests() {
  using x86::CpuMode;
  static const std::vector<BuiltinGuest> guests{
      {"hello", CpuMode::real, 1, "real mode: prints over the serial port (one IO exit per byte), then HLT",
       "tools/vmctl/guests/hello.asm"},
      {"protected", CpuMode::protected32, 1, "32-bit protected mode with paging; GVA 0x1000 maps to GPA 0x5000",
       "tools/vmctl/guests/protected.asm"},
      {"long", CpuMode::long64, 1, "64-bit long mode on vmctl's 4-level tables; GVA 0x1000 maps to GPA 0x5000",
       "tools/vmctl/guests/long.asm"},
      {"mmio", CpuMode::long64, 1, "a virtual device at an unbacked GPA (MMIO exits) and a read-only memslot",
       "tools/vmctl/guests/mmio.asm"},
      {"emulated-vs-pv", CpuMode::long64, 1,
       "the same bytes per-byte through port I/O vs through a shared ring with one kick per batch",
       "tools/vmctl/guests/emulated-vs-pv.asm"},
      {"smp", CpuMode::long64, 2, "2 vCPUs on 2 host threads: which physical CPU ran each, over time",
       "tools/vmctl/guests/smp.asm"},
      {"dirty", CpuMode::long64, 1, "KVM_GET_DIRTY_LOG shows exactly the pages the guest wrote",
       "tools/vmctl/guests/dirty.asm"},
      {"triple-fault", CpuMode::long64, 1, "a broken guest: #UD with no IDT → triple fault → KVM_EXIT_SHUTDOWN",
       "tools/vmctl/guests/triple-fault.asm"},
  };
  return guests;
}

const BuiltinGuest* find_builtin_guest(std::string_view name) {
  for (const auto& g : builtin_guests())
    if (g.name == name) return &g;
  return nullptr;
}

}  // namespace vmctl
