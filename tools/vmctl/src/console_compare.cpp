#include "vmctl/console_compare.hpp"

#include <charconv>
#include <vector>

#include "virtlab/text.hpp"

namespace virtlab::vmctl {

namespace {

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<CompareDevice> device_named(std::string_view name) {
  for (const auto device : kCompareDevices)
    if (name == device_tty(device)) return device;
  return std::nullopt;
}

double per_kib(std::uint64_t count, std::uint64_t bytes) {
  return bytes == 0 ? 0.0 : static_cast<double>(count) * 1024.0 / static_cast<double>(bytes);
}

}  // namespace

std::string device_tty(CompareDevice device) {
  return device == CompareDevice::Serial ? "ttyS0" : "hvc0";
}

std::string device_model(CompareDevice device) {
  return device == CompareDevice::Serial ? "8250 UART (emulated)" : "virtio-console (paravirtual)";
}

std::optional<CompareMarker> parse_compare_marker(std::string_view line) {
  const auto at = line.find(kCompareMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto w = words(line.substr(at + kCompareMarker.size()));
  if (w.size() < 3) return std::nullopt;
  CompareMarker m;
  const auto device = device_named(w[0]);
  const auto bytes = number(w[2]);
  if (!device || !bytes) return std::nullopt;
  m.device = *device;
  m.bytes = *bytes;
  if (w[1] == "begin" && w.size() == 3) return m;
  if (w[1] != "end" || w.size() != 6) return std::nullopt;
  const auto start = number(w[3]), end = number(w[4]);
  if (!start || !end || *end < *start || (w[5] != "timer_list" && w[5] != "uptime")) return std::nullopt;
  m.kind = MarkerKind::End;
  m.start_ns = *start;
  m.end_ns = *end;
  m.clock = std::string(w[5]);
  return m;
}

std::string compare_console_script(std::uint64_t bytes) {
  const std::string n = std::to_string(bytes);
  // now(): the guest's monotonic clock in ns without starting a process (read is a shell builtin): the "now at N
  // nsecs" line of /proc/timer_list, else /proc/uptime (10 ms steps). printk is held at level 1 so kernel messages
  // cannot land inside the ttyS0 payload. Each device's begin line, payload and the close (ttyS0's last close waits
  // until the UART has sent everything) share one open; the end line carries the guest's times.
  return "now() { if [ -r /proc/timer_list ]; then { read -r T; read -r T; read -r _ _ T _; } </proc/timer_list; "
         "CLOCK=timer_list;\n"
         "  else read -r T _ </proc/uptime; T=${T%.*}${T#*.}0000000; CLOCK=uptime; fi; }\n"
         "PAYLOAD=$(head -c " +
         n + " /dev/zero | tr '\\0' " + kComparePattern +
         ")\n"
         "read -r PRINTK _ </proc/sys/kernel/printk; echo 1 >/proc/sys/kernel/printk\n"
         "for DEV in ttyS0 hvc0; do\n"
         "  [ -c /dev/$DEV ] || continue\n"
         "  { echo \"VIRTLAB-COMPARE $DEV begin " +
         n +
         "\"; now; T0=$T; echo -n \"$PAYLOAD\"; } >/dev/$DEV\n"
         "  now; echo \"VIRTLAB-COMPARE $DEV end " +
         n +
         " $T0 $T $CLOCK\" >/dev/$DEV\n"
         "done\n"
         "echo $PRINTK >/proc/sys/kernel/printk; unset PAYLOAD\n";
}

std::optional<std::string> compare_bytes_problem(std::uint64_t bytes, std::uint64_t memory) {
  if (bytes == 0) return "--compare-console 0: there is nothing to compare";
  if (bytes > memory / 8)
    return "--compare-console " + virtlab::human_bytes(bytes) + " is more than an eighth of guest RAM (" +
           virtlab::human_bytes(memory) + "): /init holds the bytes in a shell variable, twice while writing them";
  return std::nullopt;
}

CompareFigures compare_figures(const CompareWindow& w) {
  CompareFigures f;
  f.exits_to_vmctl = w.end.exits_to_vmctl - w.begin.exits_to_vmctl;
  f.kicks = w.end.kicks - w.begin.kicks;
  f.buffers = w.end.buffers - w.begin.buffers;
  f.interrupts = w.end.interrupts - w.begin.interrupts;
  if (w.begin.kvm_exits && w.end.kvm_exits) f.all_exits = *w.end.kvm_exits - *w.begin.kvm_exits;
  f.host_s = w.end.t - w.begin.t;
  f.exits_per_kib = per_kib(f.exits_to_vmctl, w.bytes);
  if (f.all_exits) f.all_exits_per_kib = per_kib(*f.all_exits, w.bytes);
  if (f.host_s > 0) f.host_bytes_per_s = static_cast<double>(w.bytes) / f.host_s;
  if (w.guest_ns && *w.guest_ns > 0) {
    f.guest_s = static_cast<double>(*w.guest_ns) / 1e9;
    f.guest_bytes_per_s = static_cast<double>(w.bytes) / *f.guest_s;
  }
  return f;
}

std::map<std::string, std::uint64_t> tally_window(const CompareWindow& w, const BootStatsRecorder& recorder) {
  std::map<std::string, std::uint64_t> out;
  if (w.state == WindowState::Waiting || w.state == WindowState::Payload) return out;
  for (const auto& e : recorder.events())
    if (e.t > w.begin.t && e.t <= w.end.t) ++out[recorder.devices()[e.device]];
  return out;
}

ConsoleCompare::ConsoleCompare(std::uint64_t bytes) : bytes_(bytes) {
  streams_[0].window.device = CompareDevice::Serial;
  streams_[1].window.device = CompareDevice::Virtio;
}

void ConsoleCompare::end_payload(Stream& stream, const Sampler& sample) {
  stream.window.end = sample();
  stream.window.state = WindowState::Ended;
}

void ConsoleCompare::take_line(Stream& stream, const Sampler& sample) {
  auto& w = stream.window;
  const auto marker = parse_compare_marker(stream.line);
  if (!marker || marker->device != w.device || marker->bytes != bytes_) return;
  if (marker->kind == MarkerKind::Begin && w.state == WindowState::Waiting) {
    w.begin = sample();
    w.state = bytes_ == 0 ? WindowState::Ended : WindowState::Payload;
    return;
  }
  if (marker->kind != MarkerKind::End || w.state != WindowState::Ended) return;
  // More payload than announced ends up in front of the end marker: count it, it is not the guest's text.
  const auto at = stream.line.find(kCompareMarker);
  const auto extra = stream.line.find_first_not_of(kComparePattern);
  w.bytes += std::min(at, extra);
  w.guest_ns = marker->end_ns - marker->start_ns;
  w.guest_clock = marker->clock;
  w.state = WindowState::Reported;
}

std::string ConsoleCompare::feed(CompareDevice device, std::string_view bytes, const Sampler& sample) {
  Stream& stream = streams_[index(device)];
  auto& w = stream.window;
  std::string shown;
  shown.reserve(bytes.size());
  for (const char c : bytes) {
    if (w.state == WindowState::Payload) {
      if (c != '\n' && c != '\r') {
        ++w.bytes;
        if (c != kComparePattern) ++w.foreign_bytes;
        if (w.bytes == bytes_) end_payload(stream, sample);
        continue;
      }
      end_payload(stream, sample);  // a line end before all bytes arrived: the window ends short
    }
    shown.push_back(c);
    if (c == '\n') {
      take_line(stream, sample);
      stream.line.clear();
    } else if (c != '\r' && stream.line.size() < 1024) {
      stream.line.push_back(c);
    }
  }
  return shown;
}

std::optional<std::string> ConsoleCompare::problem() const {
  for (const auto& stream : streams_) {
    const auto& w = stream.window;
    const std::string tty = device_tty(w.device);
    if (w.state == WindowState::Waiting)
      return "the guest never printed '" + std::string(kCompareMarker) + " " + tty + " begin " +
             std::to_string(bytes_) + "'";
    if (w.state == WindowState::Payload)
      return std::to_string(w.bytes) + " of " + std::to_string(bytes_) + " bytes arrived through " + tty +
             " before the run ended";
    if (w.bytes != bytes_ || w.foreign_bytes != 0)
      return tty + " carried " + std::to_string(w.bytes) + " payload bytes (" + std::to_string(w.foreign_bytes) +
             " not '" + std::string(1, kComparePattern) + "'), the guest wrote " + std::to_string(bytes_);
    if (w.state == WindowState::Ended) return "the guest never printed the end line of " + tty;
  }
  return std::nullopt;
}

}  // namespace virtlab::vmctl
