// `vmctl boot --walk`: the two-dimensional translation of a variable in a process of the booted Linux guest —
// GVA → GPA (vmctl's walk of the process's page tables in guest memory, each level, checked against KVM_TRANSLATE)
// → HVA (the memslot) → HPA (/proc/self/pagemap): the notes' "0x1000 → 0x5000 → 0x15000" with a real guest OS.
//
// The guest program (guests/walk.c, /bin/virtlab-walk in the initramfs) prints its claim on the console and then
// rings the doorbell: an OUT to kWalkDoorbellPort from ring 3, so the exit happens while its own CR3 is loaded. The
// vCPU thread walks right there, in the exit handler, before the guest runs on (take_walk_at_doorbell).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <linux/kvm.h>

#include <nlohmann/json.hpp>

#include "vmctl/translate.hpp"

namespace virtlab::vmctl {

inline constexpr std::uint16_t kWalkDoorbellPort = 0x505;  // no PC device lives there (walk.c's kDoorbellPort)

// What the guest program printed: "VIRTLAB-WALK pid=<pid> va=0x<addr> value=0x<value>".
struct WalkClaim {
  std::uint32_t pid = 0;
  std::uint64_t va = 0;
  std::uint64_t value = 0;
};
// nullopt unless the line holds the whole claim (the prefix, then pid, va and value, in that order).
std::optional<WalkClaim> parse_walk_line(std::string_view line);

// The state at the doorbell exit: the claim in registers (EAX pid, RDI address, RSI value) and the vCPU's modes.
struct DoorbellState {
  WalkClaim registers;
  std::uint64_t rip = 0;
  unsigned cpl = 0;  // CS.DPL at the exit: 3 when the program's own OUT exited
  kvm_sregs sregs{};
};

enum class WalkVerdict {
  Agree,          // the walk found the page, KVM_TRANSLATE agrees, HVA holds the value, the console line matches
  NoDoorbell,     // the guest never rang the doorbell (program missing, ioperm failed, boot died before)
  NotUserMode,    // the doorbell exit was not in ring 3: whose CR3 it was is unknown
  WalkFailed,     // vmctl's walk found no page (fault says where)
  KvmDisagrees,   // KVM_TRANSLATE gave another GPA
  ValueMismatch,  // the 8 bytes at the HVA are not the value the program wrote
  NoConsoleLine,  // the doorbell rang but the program's line never reached the console
  LineDisagrees,  // the printed pid/va/value differ from the registers at the doorbell
};
std::string to_string(WalkVerdict verdict);

struct GuestWalk {
  double seconds = 0;  // since the first KVM_RUN
  DoorbellState doorbell;
  TranslationChain chain;                     // GVA → GPA → HVA → HPA, each level (translate.hpp)
  std::optional<std::uint64_t> value_at_hva;  // 8 bytes read through vmctl's own mapping of guest RAM
};

// Everything --walk saw in one boot (BootReport::walk).
struct WalkResult {
  std::optional<GuestWalk> walk;  // taken at the doorbell; nullopt when it never rang
  std::optional<WalkClaim> line;  // the console line, once seen (it may arrive after the doorbell)
  std::string error;              // a kernel call of the walk failed (the boot went on)
};
WalkVerdict verdict(const WalkResult& result);
std::string verdict_meaning(WalkVerdict verdict);  // one sentence: what agreed, or what went wrong

// Pure: the walk from the doorbell state over guest RAM (GPA 0 at ram[0], HVA ram_hva), with KVM's answer given.
// The HVA → HPA step (pagemap) is left to the caller.
GuestWalk assemble_walk(std::span<const std::uint8_t> ram, std::uint64_t ram_hva, const DoorbellState& doorbell,
                        const Translation& kvm, bool machine_is_vm);

// On the vCPU thread, at the doorbell exit: KVM_GET_REGS/KVM_GET_SREGS/KVM_TRANSLATE on `vcpu_fd`, the walk, then
// pagemap for the HVA. Each call is one --explain line.
GuestWalk take_walk_at_doorbell(int vcpu_fd, std::span<const std::uint8_t> ram, std::uint64_t ram_hva,
                                std::uint32_t pid_from_port, double seconds);

// The program's ELF (embedded at build time) and the /init line that runs it.
std::span<const std::uint8_t> walk_program();
inline constexpr const char* kWalkProgramPath = "/bin/virtlab-walk";

nlohmann::ordered_json walk_to_json(const WalkResult& result);
void print_walk(std::ostream& out, const WalkResult& result, bool color);
// The notes' chain on one line: "GVA 0x… → GPA 0x… → HVA 0x… → HPA 0x…".
std::string walk_chain_line(const TranslationChain& chain);

}  // namespace virtlab::vmctl
