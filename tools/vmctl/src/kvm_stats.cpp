#include "vmctl/kvm_stats.hpp"

#include <cstring>
#include <map>
#include <stdexcept>

#include <linux/kvm.h>

#include "vmctl/kvm_abi.hpp"

namespace virtlab::vmctl {

KvmStatsLayout parse_kvm_stats(std::span<const std::uint8_t> head) {
  kvm_stats_header header;
  if (head.size() < sizeof header) throw std::runtime_error("stats header truncated");
  std::memcpy(&header, head.data(), sizeof header);
  if (header.name_size == 0 || header.name_size > 4096 || header.num_desc > 100000)
    throw std::runtime_error("stats header has implausible sizes");
  KvmStatsLayout layout;
  if (header.id_offset + std::uint64_t{header.name_size} <= head.size()) {
    const char* id = reinterpret_cast<const char*>(head.data() + header.id_offset);
    layout.id.assign(id, strnlen(id, header.name_size));
  }
  const std::uint64_t desc_size = sizeof(kvm_abi::StatsDescHeader) + header.name_size;
  if (header.desc_offset + desc_size * header.num_desc > head.size())
    throw std::runtime_error("stats descriptors truncated");
  layout.data_offset = header.data_offset;
  for (std::uint32_t i = 0; i < header.num_desc; ++i) {
    const std::uint8_t* p = head.data() + header.desc_offset + desc_size * i;
    kvm_abi::StatsDescHeader desc;
    std::memcpy(&desc, p, sizeof desc);
    KvmStatDescriptor d;
    const char* name = reinterpret_cast<const char*>(p + sizeof(kvm_abi::StatsDescHeader));
    d.name.assign(name, strnlen(name, header.name_size));
    d.flags = desc.flags;
    d.exponent = desc.exponent;
    d.size = desc.size;
    d.offset = desc.offset;
    const std::uint64_t end = std::uint64_t{desc.offset} + std::uint64_t{8} * desc.size;
    if (end > 1u << 24) throw std::runtime_error("stats descriptor '" + d.name + "' points past the data block");
    layout.data_size = std::max<std::uint32_t>(layout.data_size, static_cast<std::uint32_t>(end));
    layout.descriptors.push_back(std::move(d));
  }
  return layout;
}

std::vector<KvmStatValue> kvm_stat_values(const KvmStatsLayout& layout, std::span<const std::uint8_t> data) {
  std::vector<KvmStatValue> out;
  for (const auto& d : layout.descriptors) {
    if (d.size != 1 || std::uint64_t{d.offset} + 8 > data.size()) continue;
    std::uint64_t value;
    std::memcpy(&value, data.data() + d.offset, 8);
    out.push_back({d.name, value, kvm_stat_meaning(d.name)});
  }
  return out;
}

std::string kvm_stat_meaning(const std::string& name) {
  static const std::map<std::string, std::string> meanings{
      {"exits", "every VM exit of this vCPU, whether the kernel handled it or passed it to vmctl"},
      {"io_exits", "port I/O exits passed to userspace (KVM_EXIT_IO)"},
      {"mmio_exits", "MMIO exits passed to userspace (KVM_EXIT_MMIO)"},
      {"halt_exits", "HLT exits"},
      {"signal_exits", "KVM_RUN returns because a signal was pending (e.g. vmctl's --timeout)"},
      {"irq_exits", "exits because a host interrupt arrived while the guest ran (handled in the kernel)"},
      {"request_irq_exits", "exits to let userspace inject an interrupt"},
      {"irq_window_exits", "exits waiting for the guest to accept interrupts"},
      {"nmi_window_exits", "exits waiting for the guest to accept an NMI"},
      {"host_state_reload", "times the host's CPU state (MSRs, segments) was restored after running the guest"},
      {"fpu_reload", "times the guest's FPU state was loaded"},
      {"insn_emulation", "instructions KVM emulated in the kernel (e.g. the IN/OUT or MMIO access before exiting)"},
      {"insn_emulation_fail", "instructions KVM could not emulate"},
      {"pf_taken", "guest page faults KVM handled (shadow paging / nested)"},
      {"pf_fixed", "page faults fixed by KVM mapping guest memory (first touch of a guest page)"},
      {"pf_guest", "page faults KVM reflected into the guest"},
      {"tlb_flush", "guest TLB flushes KVM performed"},
      {"invlpg", "guest INVLPG instructions intercepted"},
      {"hypercalls", "guest hypercalls (VMCALL/VMMCALL)"},
      {"halt_successful_poll", "HLTs ended by polling before sleeping"},
      {"halt_wakeup", "times a halted vCPU was woken"},
      {"nested_run", "times this vCPU entered a nested (L2) guest"},
      {"directed_yield_attempted", "spin-loop yields to another vCPU attempted"},
      {"preemption_reported", "times the host scheduler preempted this vCPU thread"},
  };
  const auto it = meanings.find(name);
  return it == meanings.end() ? std::string{} : it->second;
}

}  // namespace virtlab::vmctl
