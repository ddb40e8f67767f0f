// `vmctl translate`: GVA → GPA (vmctl's own walk of the guest's tables, each level, cross-checked with
// KVM_TRANSLATE) → HVA (through the memslot) → HPA (through /proc/self/pagemap) — the notes' three stages.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vmctl/backend.hpp"
#include "vmctl/paging.hpp"
#include "vmctl/runner.hpp"

namespace virtlab::vmctl {

struct PagemapLookup {
  bool read_ok = false;
  std::uint64_t raw = 0;
  bool present = false;
  bool pfn_visible = false;  // root (CAP_SYS_ADMIN): otherwise the kernel reports PFN 0
  std::uint64_t pfn = 0;
  std::string source;  // which reader answered: "virtlab::kernel pagemap reader (...)"
};
// One pagemap entry of this process for `hva` (one pread).
PagemapLookup lookup_pagemap(std::uint64_t hva);

struct TranslationChain {
  std::uint64_t gva = 0;
  paging::Walk walk;                 // vmctl's own walk
  Translation kvm;                   // KVM_TRANSLATE's answer
  bool agree = false;                // both say the same (both unmapped counts as agreement)
  std::optional<std::uint64_t> hva;  // GPA → HVA via the memslot
  PagemapLookup pagemap;
  std::optional<std::uint64_t> hpa;   // HVA → HPA
  std::string host_physical_meaning;  // what "host physical" means on this machine (nesting)
};

TranslationChain translate_chain(GuestRun& run, const kvm_sregs& sregs, std::uint64_t gva, bool machine_is_vm);
// The steps after a walk, shared by `translate` and `boot --walk`: agreement with KVM_TRANSLATE, GPA → HVA
// (`hva_of`, nullopt for MMIO), what "host physical" means here. Pure; HPA stays empty until add_host_physical.
TranslationChain chain_from_walk(std::uint64_t gva, paging::Walk walk, const Translation& kvm,
                                 const std::function<std::optional<std::uint64_t>(std::uint64_t)>& hva_of,
                                 bool machine_is_vm);
// HVA → HPA: one /proc/self/pagemap entry (lookup_pagemap) when the chain reached an HVA.
void add_host_physical(TranslationChain& chain);

// `vmctl translate`: run the guest (a built-in one, or an --image in options.placement.mode) to HLT, then translate
// each GVA from the CR3 it ended with — for an image that loaded CR3 itself, through the image's own page tables.
// Throws virtlab::Error(failure) when the guest did not halt (timeout, triple fault, …): its tables are not final.
struct GuestTranslation {
  std::string outcome;  // always "halted" when returned
  std::uint64_t cr3 = 0;
  std::vector<TranslationChain> chains;
};
GuestTranslation translate_guest(Vm& vm, const RunOptions& options, const std::vector<std::uint64_t>& gvas,
                                 bool machine_is_vm);
nlohmann::ordered_json chain_to_json(const TranslationChain& chain);
void print_chain(std::ostream& out, const TranslationChain& chain, bool color);
// CPUID.1:ECX[31]: is the machine running vmctl itself a guest?
bool running_in_vm();

}  // namespace virtlab::vmctl
