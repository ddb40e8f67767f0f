#include "vmctl/boot_walk.hpp"

#include <sys/ioctl.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/paging.hpp"

namespace virtlab::vmctl {

using Json = nlohmann::ordered_json;
using virtlab::hex;

namespace {

constexpr std::string_view kLinePrefix = "VIRTLAB-WALK pid=";
constexpr std::uint64_t kCr4Pcide = std::uint64_t{1} << 17;  // CR3's low 12 bits are a PCID

// Reads an unsigned number in `base` at `text` after `key`; advances `text` past it.
template <typename T>
bool take_number(std::string_view& text, std::string_view key, int base, T& out) {
  if (text.substr(0, key.size()) != key) return false;
  text.remove_prefix(key.size());
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  if (ec != std::errc() || end == text.data()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

bool same_claim(const WalkClaim& a, const WalkClaim& b) {
  return a.pid == b.pid && a.va == b.va && a.value == b.value;
}

Json claim_to_json(const std::optional<WalkClaim>& claim) {
  if (!claim) return nullptr;
  return {{"pid", claim->pid}, {"va", claim->va}, {"value", claim->value}};
}

std::string cr3_meaning(const kvm_sregs& s) {
  std::string out = "CR3 " + hex(s.cr3) + ": the page-table root of the process running at the exit";
  if (s.cr4 & kCr4Pcide) out += "; PCID " + std::to_string(s.cr3 & 0xfff) + " in bits 0-11";
  if (s.cr3 & 0x1000)
    out +=
        "; bit 12 set: the user half of a KPTI pair (the kernel's copy of this PGD is the page below, and it "
        "maps user space too)";
  return out;
}

// A vCPU ioctl with its --explain line; false (errno kept in `err`) when it failed.
bool vcpu_ioctl(int fd, unsigned long request, void* arg, const std::string& name, const std::string& meaning,
                int& err) {
  const int rc = ioctl(fd, request, arg);
  err = rc < 0 ? errno : 0;
  virtlab::explain("ioctl(" + name + ")", "vCPU 0 at the doorbell exit", rc < 0 ? virtlab::errno_result(err) : "0",
                   meaning);
  return rc == 0;
}

}  // namespace

std::optional<WalkClaim> parse_walk_line(std::string_view line) {
  const auto at = line.find(kLinePrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view text = line.substr(at + kLinePrefix.size() - 4);  // from "pid="
  WalkClaim claim;
  if (!take_number(text, "pid=", 10, claim.pid) || !take_number(text, " va=0x", 16, claim.va) ||
      !take_number(text, " value=0x", 16, claim.value))
    return std::nullopt;
  return claim;
}

std::string to_string(WalkVerdict verdict) {
  switch (verdict) {
    case WalkVerdict::Agree:
      return "agree";
    case WalkVerdict::NoDoorbell:
      return "no-doorbell";
    case WalkVerdict::NotUserMode:
      return "not-user-mode";
    case WalkVerdict::WalkFailed:
      return "walk-failed";
    case WalkVerdict::KvmDisagrees:
      return "kvm-disagrees";
    case WalkVerdict::ValueMismatch:
      return "value-mismatch";
    case WalkVerdict::NoConsoleLine:
      return "no-console-line";
    case WalkVerdict::LineDisagrees:
      return "line-disagrees";
  }
  return "unknown";
}

std::string verdict_meaning(WalkVerdict verdict) {
  switch (verdict) {
    case WalkVerdict::Agree:
      return "vmctl's walk and KVM_TRANSLATE give the same GPA, the HVA holds the value the program wrote, and its "
             "console line names the same pid, address and value";
    case WalkVerdict::NoDoorbell:
      return "the guest program never rang the doorbell (OUT to port 0x505): it did not run, crashed, ioperm failed "
             "(see its 'VIRTLAB-WALK error' line), or the boot ended first";
    case WalkVerdict::NotUserMode:
      return "the doorbell exit did not come from ring 3, so the CR3 loaded was not known to be the program's";
    case WalkVerdict::WalkFailed:
      return "vmctl's walk of the program's page tables found no page for the address";
    case WalkVerdict::KvmDisagrees:
      return "KVM_TRANSLATE gave a different GPA than vmctl's walk";
    case WalkVerdict::ValueMismatch:
      return "the 8 bytes at the HVA are not the value the program wrote";
    case WalkVerdict::NoConsoleLine:
      return "the doorbell rang, but the program's VIRTLAB-WALK line never reached the console";
    case WalkVerdict::LineDisagrees:
      return "the console line's pid, address or value differ from the registers at the doorbell";
  }
  return "unknown";
}

WalkVerdict verdict(const WalkResult& r) {
  if (!r.walk) return WalkVerdict::NoDoorbell;
  const GuestWalk& w = *r.walk;
  if (w.doorbell.cpl != 3) return WalkVerdict::NotUserMode;
  if (!w.chain.walk.gpa) return WalkVerdict::WalkFailed;
  if (!w.chain.agree) return WalkVerdict::KvmDisagrees;
  if (w.value_at_hva != w.doorbell.registers.value) return WalkVerdict::ValueMismatch;
  if (!r.line) return WalkVerdict::NoConsoleLine;
  if (!same_claim(*r.line, w.doorbell.registers)) return WalkVerdict::LineDisagrees;
  return WalkVerdict::Agree;
}

GuestWalk assemble_walk(std::span<const std::uint8_t> ram, std::uint64_t ram_hva, const DoorbellState& doorbell,
                        const Translation& kvm, bool machine_is_vm) {
  GuestWalk w;
  w.doorbell = doorbell;
  const std::uint64_t va = doorbell.registers.va;
  paging::Walk walk = paging::walk(paging::span_reader(ram), doorbell.sregs, va);
  // One memslot: GPA 0 … --mem at ram_hva (add_memory in boot_vm.cpp).
  auto hva_of = [&](std::uint64_t gpa) -> std::optional<std::uint64_t> {
    if (gpa >= ram.size()) return std::nullopt;
    return ram_hva + gpa;
  };
  w.chain = chain_from_walk(va, std::move(walk), kvm, hva_of, machine_is_vm);
  if (w.chain.walk.gpa && ram.size() >= 8 && *w.chain.walk.gpa <= ram.size() - 8) {
    std::uint64_t value = 0;
    std::memcpy(&value, ram.data() + *w.chain.walk.gpa, sizeof value);
    w.value_at_hva = value;
  }
  return w;
}

GuestWalk take_walk_at_doorbell(int vcpu_fd, std::span<const std::uint8_t> ram, std::uint64_t ram_hva,
                                std::uint32_t pid_from_port, double seconds) {
  virtlab::Explain::instance().note("walk: the guest program rang the doorbell (OUT to port " + hex(kWalkDoorbellPort) +
                                    "); the vCPU waits in vmctl's exit handler");
  DoorbellState d;
  d.registers.pid = pid_from_port;
  kvm_regs regs{};
  int err = 0;
  if (!vcpu_ioctl(vcpu_fd, KVM_GET_REGS, &regs, "KVM_GET_REGS", "RIP, and the claim: RDI = address, RSI = value", err))
    virtlab::throw_errno(err, "KVM_GET_REGS at the walk doorbell failed");
  if (!vcpu_ioctl(vcpu_fd, KVM_GET_SREGS, &d.sregs, "KVM_GET_SREGS", "CR0/CR3/CR4/EFER: where the walk starts", err))
    virtlab::throw_errno(err, "KVM_GET_SREGS at the walk doorbell failed");
  d.registers.va = regs.rdi;
  d.registers.value = regs.rsi;
  d.rip = regs.rip;
  d.cpl = d.sregs.cs.selector & 3u;
  virtlab::explain("walk", "GVA " + hex(d.registers.va), cr3_meaning(d.sregs),
                   "vmctl reads each level's entry from guest RAM, as the MMU does");
  kvm_translation tr{};
  tr.linear_address = d.registers.va;
  if (!vcpu_ioctl(vcpu_fd, KVM_TRANSLATE, &tr, "KVM_TRANSLATE", "KVM walks the same tables: the cross-check", err))
    virtlab::throw_errno(err, "KVM_TRANSLATE at the walk doorbell failed");
  const Translation kvm{tr.valid != 0, tr.physical_address, tr.writeable != 0, tr.usermode != 0};
  GuestWalk w = assemble_walk(ram, ram_hva, d, kvm, running_in_vm());
  w.seconds = seconds;
  add_host_physical(w.chain);
  virtlab::explain("walk", "GVA " + hex(d.registers.va), walk_chain_line(w.chain),
                   "GPA from the guest's tables, HVA from the memslot, HPA from /proc/self/pagemap");
  return w;
}

std::span<const std::uint8_t> walk_program() {
  return embedded_guest_image("walk-program");
}

std::string walk_chain_line(const TranslationChain& c) {
  auto or_text = [](const std::optional<std::uint64_t>& v, const char* none) {
    return v ? hex(*v) : std::string(none);
  };
  return "GVA " + hex(c.gva) + " → GPA " + or_text(c.walk.gpa, "(unmapped)") + " → HVA " +
         or_text(c.hva, "(no memslot)") + " → HPA " + or_text(c.hpa, "(not visible)");
}

Json walk_to_json(const WalkResult& r) {
  const WalkVerdict v = verdict(r);
  Json j;
  j["doorbell_port"] = kWalkDoorbellPort;
  j["program"] = kWalkProgramPath;
  j["verdict"] = to_string(v);
  j["verdict_meaning"] = verdict_meaning(v);
  j["line"] = claim_to_json(r.line);
  j["error"] = r.error.empty() ? Json(nullptr) : Json(r.error);
  if (!r.walk) return j;
  const GuestWalk& w = *r.walk;
  j["seconds"] = w.seconds;
  j["registers"] = claim_to_json(w.doorbell.registers);
  j["rip"] = w.doorbell.rip;
  j["cpl"] = w.doorbell.cpl;
  j["cr3"] = w.doorbell.sregs.cr3;
  j["cr3_meaning"] = cr3_meaning(w.doorbell.sregs);
  j["value_at_hva"] = w.value_at_hva ? Json(*w.value_at_hva) : Json(nullptr);
  j["chain_text"] = walk_chain_line(w.chain);
  j["chain"] = chain_to_json(w.chain);
  return j;
}

void print_walk(std::ostream& out, const WalkResult& r, bool color) {
  const WalkVerdict v = verdict(r);
  out << "\nvmctl boot --walk: " << kWalkProgramPath << " in the guest, doorbell port " << hex(kWalkDoorbellPort)
      << '\n';
  if (r.line)
    out << "  console line: pid " << r.line->pid << ", variable at " << hex(r.line->va) << " holds "
        << hex(r.line->value) << '\n';
  if (r.walk) {
    const GuestWalk& w = *r.walk;
    out << "  doorbell at " << virtlab::human_duration(w.seconds) << ": OUT from ring " << w.doorbell.cpl << " at RIP "
        << hex(w.doorbell.rip) << " with EAX = pid " << w.doorbell.registers.pid
        << ", RDI = " << hex(w.doorbell.registers.va) << ", RSI = " << hex(w.doorbell.registers.value) << '\n';
    out << "  " << cr3_meaning(w.doorbell.sregs) << '\n';
    print_chain(out, w.chain, color);
    out << "  the notes' chain: " << walk_chain_line(w.chain) << '\n';
    out << "  value: the program wrote " << hex(w.doorbell.registers.value) << "; vmctl read "
        << (w.value_at_hva ? hex(*w.value_at_hva) : std::string("nothing")) << " at the HVA (its own mapping)\n";
  }
  if (!r.error.empty()) out << "  error: " << r.error << '\n';
  out << "  verdict: " << to_string(v) << " — " << verdict_meaning(v) << '\n';
}

}  // namespace virtlab::vmctl
