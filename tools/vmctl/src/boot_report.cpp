#include "vmctl/boot_report.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "virtlab/text.hpp"

namespace virtlab::vmctl {

namespace {

Json counts_json(const std::map<std::string, std::uint64_t>& counts) {
  Json out = Json::object();
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

Json counters_json(const std::vector<KvmStatValue>& values) {
  Json out = Json::array();
  for (const auto& v : values) {
    Json entry = {{"name", v.name}, {"value", v.value}};
    if (!v.meaning.empty()) entry["meaning"] = v.meaning;
    out.push_back(std::move(entry));
  }
  return out;
}

Json phases_json(const BootStatsSummary& s) {
  Json out = Json::array();
  for (const auto& p : s.phases) {
    Json phase = {{"phase", to_string(p.phase)}, {"meaning", phase_meaning(p.phase)}, {"reached", p.reached}};
    if (p.reached) {
      phase["start_seconds"] = p.start_s;
      phase["end_seconds"] = p.end_s;
    }
    phase["exits"] = p.exits;
    phase["by_reason"] = counts_json(p.by_reason);
    phase["by_device"] = counts_json(p.by_device);
    phase["kvm_exits"] = p.kvm_exits ? Json(*p.kvm_exits) : Json(nullptr);
    phase["kvm_counters"] = counts_json(p.kvm_counters);
    out.push_back(std::move(phase));
  }
  return out;
}

// The device with the most exits in `counts`, "-" when there were none.
std::string busiest(const std::map<std::string, std::uint64_t>& counts) {
  const auto it =
      std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return it == counts.end() ? "-" : it->first + " (" + std::to_string(it->second) + ")";
}

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", s);
  return text;
}

void print_phases(std::ostream& out, const BootStatsSummary& s, const Terminal& term) {
  out << "\nBoot phases, seconds from the first KVM_RUN. 'to vmctl' = exits that returned from KVM_RUN to vmctl "
         "(port and MMIO accesses it emulates); 'all exits' = KVM's vCPU counter 'exits' (KVM_GET_STATS_FD), which "
         "also counts the exits KVM handled in the kernel (interrupts, CPUID, MSRs, APIC, PIT, page faults).\n";
  Table table({{"phase"},
               {"from", Align::right},
               {"to", Align::right},
               {"to vmctl", Align::right},
               {"all exits", Align::right},
               {"most exits to vmctl on"},
               {"what happens"}});
  for (const auto& p : s.phases) {
    if (!p.reached) {
      table.add_row({to_string(p.phase), "-", "-", "-", "-", "not reached", phase_meaning(p.phase)});
      continue;
    }
    table.add_row({to_string(p.phase), seconds_text(p.start_s), seconds_text(p.end_s), std::to_string(p.exits),
                   p.kvm_exits ? std::to_string(*p.kvm_exits) : "n/a", busiest(p.by_device), phase_meaning(p.phase)});
  }
  table.render(out, term);
}

void print_devices(std::ostream& out, const BootStatsSummary& s, const Terminal& term) {
  out << "\nExits to vmctl per device (named by port or MMIO address) and phase:\n";
  std::vector<Table::Column> columns{{"device"}};
  for (const auto& p : s.phases) columns.push_back({to_string(p.phase), Align::right});
  columns.push_back({"total", Align::right});
  Table table(std::move(columns));
  std::vector<std::pair<std::string, std::uint64_t>> devices(s.by_device.begin(), s.by_device.end());
  std::sort(devices.begin(), devices.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [device, total] : devices) {
    std::vector<Cell> row{device};
    for (const auto& p : s.phases) {
      const auto it = p.by_device.find(device);
      row.emplace_back(it == p.by_device.end() ? std::string("0") : std::to_string(it->second));
    }
    row.emplace_back(std::to_string(total));
    table.add_row(std::move(row));
  }
  table.render(out, term);
}

void print_timeline(std::ostream& out, const BootStatsSummary& s, const Terminal& term) {
  out << "\nExits to vmctl over time (" << seconds_text(s.bucket_s) << " s per row; # = share of the busiest row):\n";
  Table table({{"from (s)", Align::right}, {"exits", Align::right}, {"", Align::left}, {"most on"}});
  std::uint64_t most = 1;
  for (const auto& b : s.timeline) most = std::max(most, b.exits);
  for (const auto& b : s.timeline) {
    const auto width = static_cast<std::size_t>(30 * b.exits / most);
    table.add_row({seconds_text(b.start_s), std::to_string(b.exits), std::string(width, '#'), busiest(b.by_device)});
  }
  table.render(out, term);
}

void print_counters(std::ostream& out, const char* owner, const std::vector<KvmStatValue>& values,
                    const Terminal& term) {
  if (values.empty()) {
    out << "\nKVM statistics of the " << owner << ": not available (KVM_GET_STATS_FD failed; see --explain)\n";
    return;
  }
  out << "\nKVM statistics of the " << owner << " at the end (KVM_GET_STATS_FD; counters that are not zero):\n";
  Table table({{"counter"}, {"value", Align::right}, {"meaning"}});
  for (const auto& v : values)
    if (v.value != 0) table.add_row({v.name, std::to_string(v.value), v.meaning.empty() ? "-" : v.meaning});
  table.render(out, term);
}

}  // namespace

void add_boot_stats_json(Json& boot, const BootReport& r) {
  const auto& s = r.stats;
  boot["exits"]["by_device"] = counts_json(s.by_device);
  boot["exits"]["untimed"] = s.dropped_events;
  boot["phases"] = phases_json(s);
  Json buckets = Json::array();
  for (const auto& b : s.timeline)
    buckets.push_back({{"start_seconds", b.start_s}, {"exits", b.exits}, {"by_device", counts_json(b.by_device)}});
  boot["timeline"] = {{"bucket_seconds", s.bucket_s}, {"buckets", std::move(buckets)}};
  boot["kvm_stats"] = {{"vcpu", counters_json(r.vcpu_counters)}, {"vm", counters_json(r.vm_counters)}};
}

void print_boot_stats(std::ostream& out, const BootReport& r, const Terminal& term) {
  print_phases(out, r.stats, term);
  print_devices(out, r.stats, term);
  print_timeline(out, r.stats, term);
  print_counters(out, "vCPU", r.vcpu_counters, term);
  print_counters(out, "VM", r.vm_counters, term);
}

}  // namespace virtlab::vmctl
