#include "vmctl/translate.hpp"

#include <cpuid.h>
#include <unistd.h>

#include <ostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/kernel/pagemap.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace virtlab::vmctl {

using Json = nlohmann::ordered_json;
using virtlab::hex;

bool running_in_vm() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  return __get_cpuid(1, &a, &b, &c, &d) && ((c >> 31) & 1);
}

PagemapLookup lookup_pagemap(std::uint64_t hva) {
  PagemapLookup out;
  const std::uint64_t page = hva & ~std::uint64_t{4095};
  // The shared pagemap reader: it opens /proc/PID/pagemap, knows whether PFNs are visible, logs to --explain.
  auto pages = virtlab::kernel::ProcessPages::open(getpid());
  std::uint64_t raw = 0;
  pages.read_pagemap(page, page + virtlab::kernel::kPageSize, std::span<std::uint64_t>(&raw, 1));
  const virtlab::kernel::PagemapEntry entry{raw};
  out.read_ok = true;
  out.raw = raw;
  out.present = entry.present();
  out.pfn = entry.pfn();
  out.pfn_visible = pages.access().pfn_visible;
  out.source = "virtlab::kernel pagemap reader (ProcessPages::read_pagemap of /proc/self/pagemap)";
  if (out.pfn == 0) out.pfn_visible = false;
  return out;
}

TranslationChain chain_from_walk(std::uint64_t gva, paging::Walk walk, const Translation& kvm,
                                 const std::function<std::optional<std::uint64_t>(std::uint64_t)>& hva_of,
                                 bool machine_is_vm) {
  TranslationChain c;
  c.gva = gva;
  c.walk = std::move(walk);
  c.kvm = kvm;
  c.agree = c.walk.gpa ? (c.kvm.valid && c.kvm.gpa == *c.walk.gpa) : !c.kvm.valid;
  if (c.walk.gpa) c.hva = hva_of(*c.walk.gpa);
  c.host_physical_meaning =
      machine_is_vm
          ? "this kernel runs in a VM, so its \"physical\" frames are themselves guest-physical addresses of the "
            "hypervisor below (in the test VM: memory of the QEMU TCG process on the real host, one more "
            "translation away). The HPA shown is one level down, not the bottom of the stack."
          : "a real physical frame of this machine's RAM (the CPUID hypervisor bit is clear)";
  return c;
}

void add_host_physical(TranslationChain& c) {
  if (!c.hva) return;
  c.pagemap = lookup_pagemap(*c.hva);
  if (c.pagemap.present && c.pagemap.pfn_visible) c.hpa = c.pagemap.pfn * 4096 + (*c.hva & 4095);
}

TranslationChain translate_chain(GuestRun& run, const kvm_sregs& sregs, std::uint64_t gva, bool machine_is_vm) {
  virtlab::Explain::instance().note("translate " + hex(gva) + ": vmctl's own walk from CR3 = " + hex(sregs.cr3));
  paging::Walk walk = paging::walk(run.physical().reader(), sregs, gva);
  const Translation kvm = run.vcpu(0).translate(gva);
  TranslationChain c = chain_from_walk(
      gva, std::move(walk), kvm, [&](std::uint64_t gpa) { return run.physical().hva_of(gpa); }, machine_is_vm);
  add_host_physical(c);
  return c;
}

GuestTranslation translate_guest(Vm& vm, const RunOptions& options, const std::vector<std::uint64_t>& gvas,
                                 bool machine_is_vm) {
  GuestRun run(vm, options);
  const RunReport report = run.run();
  const std::string name = options.builtin ? "guest " + options.builtin->name : "the image " + options.image_path;
  if (report.outcome != RunOutcome::halted)
    throw virtlab::Error(virtlab::ExitCode::failure,
                         name + " did not halt (" + to_string(report.outcome) + "): " + report.outcome_meaning,
                         "translate walks the page tables the guest ends with; end it with HLT (see `vmctl run`)");
  GuestTranslation t;
  t.outcome = to_string(report.outcome);
  t.cr3 = report.vcpus[0].sregs.cr3;
  for (const auto gva : gvas) t.chains.push_back(translate_chain(run, report.vcpus[0].sregs, gva, machine_is_vm));
  return t;
}

Json chain_to_json(const TranslationChain& c) {
  Json levels = Json::array();
  for (const auto& l : c.walk.levels)
    levels.push_back({{"table", l.table},
                      {"table_gpa", l.table_gpa},
                      {"index", l.index},
                      {"entry_gpa", l.entry_gpa},
                      {"entry", l.entry},
                      {"flags", l.flags},
                      {"leaf", l.leaf}});
  Json j;
  j["gva"] = c.gva;
  j["walk"] = {{"paging", c.walk.paging},
               {"levels", levels},
               {"gpa", c.walk.gpa ? Json(*c.walk.gpa) : Json(nullptr)},
               {"page_size", c.walk.page_size},
               {"writable", c.walk.writable},
               {"fault", c.walk.fault}};
  j["kvm_translate"] = {{"valid", c.kvm.valid},
                        {"gpa", c.kvm.valid ? Json(c.kvm.gpa) : Json(nullptr)},
                        {"writeable", c.kvm.writeable},
                        {"usermode", c.kvm.usermode}};
  j["agree"] = c.agree;
  j["gpa"] = c.walk.gpa ? Json(*c.walk.gpa) : Json(nullptr);
  j["hva"] = c.hva ? Json(*c.hva) : Json(nullptr);
  j["pagemap"] = {{"read", c.pagemap.read_ok},    {"raw", c.pagemap.raw},
                  {"present", c.pagemap.present}, {"pfn_visible", c.pagemap.pfn_visible},
                  {"pfn", c.pagemap.pfn},         {"source", c.pagemap.source}};
  j["hpa"] = c.hpa ? Json(*c.hpa) : Json(nullptr);
  j["host_physical_meaning"] = c.host_physical_meaning;
  return j;
}

void print_chain(std::ostream& out, const TranslationChain& c, bool color) {
  virtlab::Terminal term;
  term.color = color;
  out << virtlab::paint(term, virtlab::Style::bold, "GVA " + hex(c.gva)) << "  (" << c.walk.paging << " paging)\n";
  if (!c.walk.levels.empty()) {
    virtlab::Table table(
        {{"level"}, {"table GPA"}, {"index", virtlab::Align::right}, {"entry GPA"}, {"entry"}, {"flags"}});
    for (const auto& l : c.walk.levels)
      table.add_row({l.table, hex(l.table_gpa), std::to_string(l.index), hex(l.entry_gpa), hex(l.entry, 16), l.flags});
    table.render(out, term);
  }
  if (!c.walk.fault.empty()) out << "  walk stopped: " << c.walk.fault << '\n';
  out << "  GVA → GPA   vmctl walk: " << (c.walk.gpa ? hex(*c.walk.gpa) : "unmapped")
      << (c.walk.page_size ? " (" + virtlab::human_bytes(c.walk.page_size) + " page)" : "")
      << "; KVM_TRANSLATE: " << (c.kvm.valid ? hex(c.kvm.gpa) : "unmapped") << "  → "
      << (c.agree ? virtlab::paint(term, virtlab::Style::green, "agree")
                  : virtlab::paint(term, virtlab::Style::red, "DISAGREE"))
      << '\n';
  if (c.walk.gpa)
    out << "  GPA → HVA   "
        << (c.hva ? hex(*c.hva) + " (memslot: HVA = slot's userspace_addr + offset)"
                  : std::string("no memslot backs this GPA (MMIO)"))
        << '\n';
  if (c.hva) {
    out << "  HVA → HPA   ";
    if (!c.pagemap.read_ok)
      out << "pagemap not readable\n";
    else if (!c.pagemap.present)
      out << "page not present in RAM (never touched)\n";
    else if (!c.pagemap.pfn_visible)
      out << "present, but PFNs are hidden (run as root)\n";
    else
      out << hex(*c.hpa) << " (PFN " << hex(c.pagemap.pfn) << " from /proc/self/pagemap)\n";
    out << "  host physical: " << c.host_physical_meaning << '\n';
  }
}

}  // namespace virtlab::vmctl
