#include "vmctl/report.hpp"

#include <cstdio>
#include <ostream>

#include <linux/kvm.h>

#include "virtlab/table.hpp"
#include "virtlab/text.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl {

using Json = nlohmann::ordered_json;
using virtlab::hex;

namespace {

Json registers_json(const kvm_regs& r) {
  return {{"rip", r.rip}, {"rsp", r.rsp}, {"rflags", r.rflags}, {"rax", r.rax}, {"rbx", r.rbx}, {"rcx", r.rcx},
          {"rdx", r.rdx}, {"rsi", r.rsi}, {"rdi", r.rdi},       {"rbp", r.rbp}, {"r8", r.r8},   {"r9", r.r9},
          {"r10", r.r10}, {"r11", r.r11}, {"r12", r.r12},       {"r13", r.r13}, {"r14", r.r14}, {"r15", r.r15}};
}

Json sregs_json(const kvm_sregs& s) {
  return {{"cr0", s.cr0},
          {"cr0_flags", x86::decode_cr0(s.cr0)},
          {"cr3", s.cr3},
          {"cr4", s.cr4},
          {"cr4_flags", x86::decode_cr4(s.cr4)},
          {"efer", s.efer},
          {"efer_flags", x86::decode_efer(s.efer)},
          {"cs",
           {{"selector", s.cs.selector},
            {"base", s.cs.base},
            {"limit", s.cs.limit},
            {"l", s.cs.l != 0},
            {"db", s.cs.db != 0}}},
          {"gdt", {{"base", s.gdt.base}, {"limit", s.gdt.limit}}},
          {"idt", {{"base", s.idt.base}, {"limit", s.idt.limit}}}};
}

std::uint64_t stat_value(const std::vector<KvmStatValue>& stats, const std::string& name, bool& found) {
  for (const auto& s : stats)
    if (s.name == name) {
      found = true;
      return s.value;
    }
  found = false;
  return 0;
}

}  // namespace

std::string exit_line(std::uint64_t seq, const VmExit& e) {
  char head[64];
  std::snprintf(head, sizeof head, "  #%-5llu %10.3f ms  vCPU%d  ", static_cast<unsigned long long>(seq),
                static_cast<double>(e.time_ns) / 1e6, e.vcpu);
  return head + format_exit(e);
}

Json run_to_json(const RunDescription& what, const RunReport& report, std::size_t max_trace) {
  const RunOptions& o = *what.options;
  Json j;
  j["guest"] = what.guest;
  j["source"] = what.source;
  j["mode"] = x86::to_string(o.placement.mode);
  j["memory"] = o.placement.memory;
  j["load"] = o.placement.load;
  j["entry"] = o.placement.entry;
  j["image_size"] = o.image.size();
  j["vcpus"] = o.vcpus;
  Json slots = Json::array();
  for (const auto& r : report.regions)
    slots.push_back({{"slot", r.slot},
                     {"gpa", r.gpa},
                     {"size", r.size},
                     {"hva", r.hva},
                     {"readonly", r.readonly},
                     {"log_dirty", r.log_dirty}});
  j["memslots"] = slots;
  j["outcome"] = to_string(report.outcome);
  j["outcome_meaning"] = report.outcome_meaning;
  j["wall_seconds"] = report.wall_s;
  j["loop_seconds"] = report.loop_s;
  j["serial"] = report.serial;
  Json exits;
  exits["total"] = report.recorder.total();
  exits["dropped_from_ring"] = report.recorder.dropped();
  Json trace = Json::array();
  const auto retained = report.recorder.retained();
  const std::size_t skip = retained.size() > max_trace ? retained.size() - max_trace : 0;
  for (std::size_t i = skip; i < retained.size(); ++i)
    trace.push_back(exit_to_json(retained[i].second, retained[i].first));
  exits["trace"] = trace;
  const auto gaps = report.recorder.intervals();
  exits["interval_ns"] = {{"samples", gaps.samples},
                          {"min", gaps.min_ns},
                          {"median", gaps.median_ns},
                          {"p90", gaps.p90_ns},
                          {"meaning",
                           "time from one exit to the next exit of the same vCPU (guest -> KVM -> vmctl -> guest), "
                           "over the exits in the ring"}};
  Json hist = Json::array();
  for (const auto& [reason, count] : report.recorder.histogram())
    hist.push_back({{"reason", exit_reason_name(reason)},
                    {"reason_code", reason},
                    {"count", count},
                    {"meaning", exit_reason_meaning(reason)}});
  exits["histogram"] = hist;
  j["exits"] = exits;
  Json vcpus = Json::array();
  for (const auto& v : report.vcpus) {
    Json stats = Json::array();
    for (const auto& s : v.stats) {
      Json one{{"name", s.name}, {"value", s.value}};
      if (!s.meaning.empty()) one["meaning"] = s.meaning;
      stats.push_back(std::move(one));
    }
    bool found = false;
    const std::uint64_t kernel_exits = stat_value(v.stats, "exits", found);
    Json vj{{"index", v.index}, {"tid", v.tid}, {"userspace_exits", v.userspace_exits}};
    vj["kernel_exits"] = found ? Json(kernel_exits) : Json(nullptr);
    vj["handled_in_kernel"] =
        found && kernel_exits >= v.userspace_exits ? Json(kernel_exits - v.userspace_exits) : Json(nullptr);
    vj["registers"] = registers_json(v.regs);
    vj["sregs"] = sregs_json(v.sregs);
    vj["kernel_stats"] = stats;
    vcpus.push_back(std::move(vj));
  }
  j["vcpu_reports"] = vcpus;
  j["details"] = report.details;
  j["findings"] = report.findings;
  return j;
}

void print_run_header(std::ostream& out, const RunDescription& what, const GuestRun& run, bool color) {
  virtlab::Terminal term;
  term.color = color;
  const RunOptions& o = *what.options;
  out << virtlab::paint(term, virtlab::Style::bold, "vmctl run " + what.guest) << " — "
      << x86::to_string(o.placement.mode) << " mode, " << o.vcpus << " vCPU" << (o.vcpus > 1 ? "s" : "") << ", image "
      << o.image.size() << " bytes at GPA " << hex(o.placement.load) << ", entry " << hex(o.placement.entry) << "  ("
      << what.source << ")\n";
  for (const auto& r : run.regions())
    out << "  memslot " << r.slot << ": GPA " << hex(r.gpa) << "-" << hex(r.gpa + r.size) << " ("
        << virtlab::human_bytes(r.size) << ") → HVA " << hex(r.hva) << (r.readonly ? "  read-only" : "")
        << (r.log_dirty ? "  dirty logging" : "") << '\n';
}

void print_run_report(std::ostream& out, const RunDescription& what, const RunReport& report, bool printed_live,
                      std::size_t tail, bool color) {
  virtlab::Terminal term;
  term.color = color;
  auto head = [&](const std::string& text) { out << virtlab::paint(term, virtlab::Style::bold, text) << '\n'; };
  (void)what;
  if (!printed_live || report.recorder.total() > tail) {
    const auto retained = report.recorder.retained();
    const std::size_t skip = retained.size() > tail ? retained.size() - tail : 0;
    if (retained.size() > skip) {
      head("last " + std::to_string(retained.size() - skip) + " of " +
           virtlab::group_thousands(report.recorder.total()) + " exits (from the ring buffer)");
      for (std::size_t i = skip; i < retained.size(); ++i)
        out << exit_line(retained[i].first, retained[i].second) << '\n';
    }
  }
  if (!report.serial.empty()) {
    std::string shown = report.serial.size() > 200 ? report.serial.substr(0, 200) + "…" : report.serial;
    std::string escaped;
    for (char c : shown) {
      if (c == '\n')
        escaped += "\\n";
      else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        escaped += '.';
      else
        escaped += c;
    }
    out << "serial port 0x3f8: \"" << escaped << "\" (" << report.serial.size() << " bytes)\n";
  }
  const virtlab::Style outcome_style =
      report.outcome == RunOutcome::halted ? virtlab::Style::green : virtlab::Style::yellow;
  out << "outcome: " << virtlab::paint(term, outcome_style, to_string(report.outcome)) << " — "
      << report.outcome_meaning << " (" << virtlab::human_duration(report.wall_s) << ")\n";
  head("exit histogram (exits that reached vmctl)");
  virtlab::Table hist({{"reason"}, {"code", virtlab::Align::right}, {"count", virtlab::Align::right}, {"meaning"}});
  for (const auto& [reason, count] : report.recorder.histogram())
    hist.add_row({exit_reason_name(reason), std::to_string(reason), virtlab::group_thousands(count),
                  exit_reason_meaning(reason)});
  hist.render(out, term);
  for (const auto& v : report.vcpus) {
    bool found = false;
    const std::uint64_t kernel_exits = stat_value(v.stats, "exits", found);
    if (found) {
      head("in-kernel counters, vCPU " + std::to_string(v.index) + " (KVM_GET_STATS_FD)");
      out << "  " << virtlab::group_thousands(kernel_exits) << " exits in all; vmctl saw "
          << virtlab::group_thousands(v.userspace_exits) << ", so "
          << virtlab::group_thousands(kernel_exits >= v.userspace_exits ? kernel_exits - v.userspace_exits : 0)
          << " were handled inside the kernel (CPUID, interrupts, CR accesses, page faults …)\n";
      virtlab::Table t({{"counter"}, {"value", virtlab::Align::right}, {"meaning"}});
      for (const auto& s : v.stats)
        if (s.value != 0 && !s.meaning.empty()) t.add_row({s.name, virtlab::group_thousands(s.value), s.meaning});
      t.render(out, term);
    } else {
      out << "in-kernel counters: not available (this kernel has no KVM_GET_STATS_FD)\n";
    }
    const auto& r = v.regs;
    head("registers at the end, vCPU " + std::to_string(v.index));
    out << "  RIP " << hex(r.rip, 16) << "  RSP " << hex(r.rsp, 16) << "  RFLAGS " << hex(r.rflags, 8) << '\n'
        << "  RAX " << hex(r.rax, 16) << "  RBX " << hex(r.rbx, 16) << "  RCX " << hex(r.rcx, 16) << '\n'
        << "  RDX " << hex(r.rdx, 16) << "  RSI " << hex(r.rsi, 16) << "  RDI " << hex(r.rdi, 16) << '\n'
        << "  R8  " << hex(r.r8, 16) << "  R9  " << hex(r.r9, 16) << "  R10 " << hex(r.r10, 16) << '\n'
        << "  " << x86::describe_sregs(v.sregs) << '\n';
  }
  if (!report.findings.empty()) {
    head("what this shows");
    for (const auto& f : report.findings) out << "  " << f << '\n';
  }
}

}  // namespace virtlab::vmctl
