// vmctl boot --compare-console: the two windows side by side, as text and as boot.compare_console (vmctl/1).
#include <cstdio>
#include <ostream>

#include "virtlab/text.hpp"
#include "vmctl/console_compare.hpp"

namespace virtlab::vmctl {

namespace {

std::string state_name(WindowState state) {
  switch (state) {
    case WindowState::Waiting:
      return "never-began";
    case WindowState::Payload:
      return "bytes-missing";
    case WindowState::Ended:
      return "no-end-line";
    case WindowState::Reported:
      return "complete";
  }
  return "unknown";
}

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json window_json(const CompareWindow& w) {
  const CompareFigures f = compare_figures(w);
  Json by_device = Json::object();
  for (const auto& [device, n] : w.exits_by_device) by_device[device] = n;
  return {{"device", device_tty(w.device)},
          {"model", device_model(w.device)},
          {"state", state_name(w.state)},
          {"bytes_received", w.bytes},
          {"foreign_bytes", w.foreign_bytes},
          {"exits_to_vmctl", f.exits_to_vmctl},
          {"exits_by_device", std::move(by_device)},
          {"all_exits", optional_json(f.all_exits)},
          {"kicks", f.kicks},
          {"buffers", f.buffers},
          {"interrupts", f.interrupts},
          {"exits_per_kib", f.exits_per_kib},
          {"all_exits_per_kib", optional_json(f.all_exits_per_kib)},
          {"host_seconds", f.host_s},
          {"host_bytes_per_second", f.host_bytes_per_s},
          {"guest_seconds", optional_json(f.guest_s)},
          {"guest_clock", w.guest_clock.empty() ? Json(nullptr) : Json(w.guest_clock)},
          {"guest_bytes_per_second", optional_json(f.guest_bytes_per_s)}};
}

std::optional<double> ratio(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b <= 0) return std::nullopt;
  return *a / *b;
}

std::string fixed(double value, int digits) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string ratio_text(std::optional<double> value) {
  return value ? fixed(*value, 1) + "x" : "-";
}

std::string rate_text(std::optional<double> bytes_per_s) {
  return bytes_per_s ? virtlab::human_bytes(static_cast<std::uint64_t>(*bytes_per_s)) + "/s" : "-";
}

std::string count_text(std::optional<std::uint64_t> n) {
  return n ? virtlab::group_thousands(*n) : "n/a";
}

void explain_rows(std::ostream& out, std::uint64_t bytes) {
  out << "\nEmulated vs paravirtual console: the same " << virtlab::human_bytes(bytes) << " ('" << kComparePattern
      << "' x " << bytes
      << ") written by /init's shell with one echo (no process started) to ttyS0, then to hvc0.\n"
         "  exits to vmctl: KVM_RUN returned to vmctl between the begin line and the last byte (ttyS0: port I/O on\n"
         "    0x3f8-0x3ff, THR writes and the driver's IIR/LSR reads; hvc0: virtio-mmio register accesses)\n"
         "  all exits: KVM's vCPU counter 'exits' over the same window, the exits KVM handled itself included (a kick\n"
         "    that KVM turns into an ioeventfd signal is one, timer and interrupt exits too)\n"
         "  kicks / buffers: virtio QueueNotify writes and transmit buffers vmctl took; interrupts: IRQ 4 and GSI 5\n"
         "  guest time: the guest's clock around open + write + close (the last close of ttyS0 waits until the UART\n"
         "    has sent every byte; a write to hvc0 returns once vmctl has used the buffer); host time: begin line to\n"
         "    the last byte at vmctl. Ratio: ttyS0 / hvc0 for costs, hvc0 / ttyS0 for throughput.\n";
}

}  // namespace

Json compare_console_json(const ConsoleCompare& compare) {
  const auto serial = compare_figures(compare.window(CompareDevice::Serial));
  const auto virtio = compare_figures(compare.window(CompareDevice::Virtio));
  Json devices = Json::array();
  for (const auto device : kCompareDevices) devices.push_back(window_json(compare.window(device)));
  const auto problem = compare.problem();
  return {{"bytes", compare.expected_bytes()},
          {"pattern", std::string(1, kComparePattern)},
          {"complete", !problem},
          {"problem", problem ? Json(*problem) : Json(nullptr)},
          {"devices", std::move(devices)},
          {"ratios",
           {{"exits_per_kib", optional_json(ratio(serial.exits_per_kib, virtio.exits_per_kib))},
            {"all_exits_per_kib", optional_json(ratio(serial.all_exits_per_kib, virtio.all_exits_per_kib))},
            {"guest_throughput", optional_json(ratio(virtio.guest_bytes_per_s, serial.guest_bytes_per_s))}}}};
}

void print_compare_console(std::ostream& out, const ConsoleCompare& compare, const Terminal& term) {
  const auto& ws = compare.window(CompareDevice::Serial);
  const auto& wv = compare.window(CompareDevice::Virtio);
  const auto s = compare_figures(ws), v = compare_figures(wv);
  explain_rows(out, compare.expected_bytes());
  Table table({{"measure"},
               {"ttyS0: " + device_model(CompareDevice::Serial), Align::right},
               {"hvc0: " + device_model(CompareDevice::Virtio), Align::right},
               {"ratio", Align::right}});
  auto row = [&](const std::string& name, const std::string& a, const std::string& b, const std::string& r) {
    table.add_row({name, a, b, r});
  };
  row("bytes that arrived", virtlab::group_thousands(ws.bytes), virtlab::group_thousands(wv.bytes), "");
  row("exits to vmctl", virtlab::group_thousands(s.exits_to_vmctl), virtlab::group_thousands(v.exits_to_vmctl),
      ratio_text(ratio(static_cast<double>(s.exits_to_vmctl), static_cast<double>(v.exits_to_vmctl))));
  row("exits to vmctl per KiB", fixed(s.exits_per_kib, 2), fixed(v.exits_per_kib, 2),
      ratio_text(ratio(s.exits_per_kib, v.exits_per_kib)));
  auto per_exit = [](const CompareWindow& w, const CompareFigures& f) {
    return f.exits_to_vmctl == 0 ? std::string("-")
                                 : fixed(static_cast<double>(w.bytes) / static_cast<double>(f.exits_to_vmctl), 2);
  };
  row("bytes per exit to vmctl", per_exit(ws, s), per_exit(wv, v), "");
  row("all exits (KVM counter)", count_text(s.all_exits), count_text(v.all_exits), "");
  row("all exits per KiB", s.all_exits_per_kib ? fixed(*s.all_exits_per_kib, 2) : "n/a",
      v.all_exits_per_kib ? fixed(*v.all_exits_per_kib, 2) : "n/a",
      ratio_text(ratio(s.all_exits_per_kib, v.all_exits_per_kib)));
  row("virtio kicks / buffers", std::to_string(s.kicks) + " / " + std::to_string(s.buffers),
      std::to_string(v.kicks) + " / " + std::to_string(v.buffers), "");
  row("interrupts raised", std::to_string(s.interrupts), std::to_string(v.interrupts), "");
  row("guest time (" + (ws.guest_clock.empty() ? std::string("-") : ws.guest_clock) + ")",
      s.guest_s ? virtlab::human_duration(*s.guest_s) : "-", v.guest_s ? virtlab::human_duration(*v.guest_s) : "-", "");
  row("guest throughput", rate_text(s.guest_bytes_per_s), rate_text(v.guest_bytes_per_s),
      ratio_text(ratio(v.guest_bytes_per_s, s.guest_bytes_per_s)));
  row("host time (begin line to last byte)", virtlab::human_duration(s.host_s), virtlab::human_duration(v.host_s), "");
  table.render(out, term);
  for (const auto* w : {&ws, &wv}) {
    out << "Exits to vmctl in the " << device_tty(w->device) << " window by device:";
    for (const auto& [device, n] : w->exits_by_device) out << ' ' << device << ' ' << n << ';';
    out << (w->exits_by_device.empty() ? " none\n" : "\n");
  }
  if (const auto problem = compare.problem()) out << "Incomplete: " << *problem << '\n';
}

}  // namespace virtlab::vmctl
