#include "vmctl/exits.hpp"

#include <algorithm>
#include <cstring>
#include <sstream>
#include <unordered_map>

#include <linux/kvm.h>

#include "virtlab/text.hpp"

namespace virtlab::vmctl {

std::string exit_reason_name(std::uint32_t reason) {
  switch (reason) {
    case KVM_EXIT_UNKNOWN:
      return "UNKNOWN";
    case KVM_EXIT_EXCEPTION:
      return "EXCEPTION";
    case KVM_EXIT_IO:
      return "IO";
    case KVM_EXIT_HYPERCALL:
      return "HYPERCALL";
    case KVM_EXIT_DEBUG:
      return "DEBUG";
    case KVM_EXIT_HLT:
      return "HLT";
    case KVM_EXIT_MMIO:
      return "MMIO";
    case KVM_EXIT_IRQ_WINDOW_OPEN:
      return "IRQ_WINDOW_OPEN";
    case KVM_EXIT_SHUTDOWN:
      return "SHUTDOWN";
    case KVM_EXIT_FAIL_ENTRY:
      return "FAIL_ENTRY";
    case KVM_EXIT_INTR:
      return "INTR";
    case KVM_EXIT_INTERNAL_ERROR:
      return "INTERNAL_ERROR";
    case KVM_EXIT_SYSTEM_EVENT:
      return "SYSTEM_EVENT";
    default:
      return "EXIT_" + std::to_string(reason);
  }
}

std::string exit_reason_meaning(std::uint32_t reason) {
  switch (reason) {
    case KVM_EXIT_IO:
      return "the guest executed IN/OUT on an I/O port; KVM hands the access to the VMM's device";
    case KVM_EXIT_HLT:
      return "the guest executed HLT with no interrupt to wake it: it is done (or idle)";
    case KVM_EXIT_MMIO:
      return "the guest touched a guest-physical address no writable memslot backs; the VMM emulates the device";
    case KVM_EXIT_SHUTDOWN:
      return "triple fault: an exception while delivering an exception; a real CPU would reset";
    case KVM_EXIT_FAIL_ENTRY:
      return "the CPU refused to enter the guest (invalid guest state)";
    case KVM_EXIT_INTR:
      return "KVM_RUN returned early because a signal arrived or immediate_exit was set";
    case KVM_EXIT_INTERNAL_ERROR:
      return "KVM could not emulate an instruction or hit an internal limit";
    case KVM_EXIT_SYSTEM_EVENT:
      return "the guest asked for reset/shutdown through a firmware interface";
    case KVM_EXIT_DEBUG:
      return "a debug exception (breakpoint/single-step) the VMM asked to see";
    default:
      return "an exit reason vmctl's devices do not handle";
  }
}

[[gnu::hot]] VmExit decode_exit(std::span<const std::uint8_t> buffer, int vcpu, std::uint64_t time_ns) {
  VmExit e;
  e.vcpu = vcpu;
  e.time_ns = time_ns;
  if (buffer.size() < sizeof(kvm_run)) return e;
  // Read the fields in place: copying the whole kvm_run (2 KiB+, most of it the sync-regs area) on every exit is
  // the biggest avoidable cost of a VMM's exit loop. The real mapping is page-aligned; a misaligned test buffer is
  // copied first.
  kvm_run aligned_copy;
  const kvm_run* run_ptr = reinterpret_cast<const kvm_run*>(buffer.data());
  if (reinterpret_cast<std::uintptr_t>(buffer.data()) % alignof(kvm_run) != 0) {
    std::memcpy(&aligned_copy, buffer.data(), sizeof aligned_copy);
    run_ptr = &aligned_copy;
  }
  const kvm_run& run = *run_ptr;
  e.reason = run.exit_reason;
  switch (run.exit_reason) {
    case KVM_EXIT_IO: {
      e.write = run.io.direction == KVM_EXIT_IO_OUT;
      e.port = run.io.port;
      e.size = run.io.size;
      e.count = run.io.count;
      const std::uint64_t bytes = std::uint64_t{run.io.size} * run.io.count;
      e.length = static_cast<std::uint32_t>(std::min<std::uint64_t>(bytes, e.data.size()));
      if (run.io.data_offset < buffer.size() && buffer.size() - run.io.data_offset >= e.length)
        std::memcpy(e.data.data(), buffer.data() + run.io.data_offset, e.length);
      else
        e.length = 0;
      break;
    }
    case KVM_EXIT_MMIO:
      e.write = run.mmio.is_write != 0;
      e.address = run.mmio.phys_addr;
      e.length = std::min<std::uint32_t>(run.mmio.len, 8);
      std::memcpy(e.data.data(), run.mmio.data, e.length);
      break;
    case KVM_EXIT_FAIL_ENTRY:
      e.detail = run.fail_entry.hardware_entry_failure_reason;
      break;
    case KVM_EXIT_INTERNAL_ERROR:
      e.detail = run.internal.suberror;
      break;
    case KVM_EXIT_SYSTEM_EVENT:
      e.detail = run.system_event.type;
      break;
    default:
      break;
  }
  return e;
}

namespace {

std::string data_hex(const VmExit& e) {
  std::string out;
  for (std::uint32_t i = 0; i < e.length; ++i) {
    if (i) out += ' ';
    out += virtlab::hex(e.data[i], 2).substr(2);
  }
  return out;
}

std::string data_ascii(const VmExit& e) {
  if (e.length != 1) return {};
  const unsigned char c = e.data[0];
  if (c == '\n') return " '\\n'";
  if (c >= 0x20 && c < 0x7f) return std::string(" '") + static_cast<char>(c) + "'";
  return {};
}

}  // namespace

std::string format_exit(const VmExit& e) {
  std::ostringstream out;
  out << exit_reason_name(e.reason);
  switch (e.reason) {
    case KVM_EXIT_IO:
      out << ' ' << (e.write ? "out" : "in") << " port " << virtlab::hex(e.port) << " size " << unsigned{e.size};
      if (e.count != 1) out << " count " << e.count;
      if (e.write) out << " data " << data_hex(e) << data_ascii(e);
      break;
    case KVM_EXIT_MMIO:
      out << ' ' << (e.write ? "write " : "read ") << virtlab::hex(e.address) << " len " << e.length;
      if (e.write) out << " data " << data_hex(e);
      break;
    case KVM_EXIT_FAIL_ENTRY:
      out << " hardware reason " << virtlab::hex(e.detail);
      break;
    case KVM_EXIT_INTERNAL_ERROR:
      out << " suberror " << e.detail;
      break;
    case KVM_EXIT_SYSTEM_EVENT:
      out << " type " << e.detail;
      break;
    default:
      break;
  }
  return out.str();
}

nlohmann::ordered_json exit_to_json(const VmExit& e, std::uint64_t sequence) {
  nlohmann::ordered_json j;
  j["seq"] = sequence;
  j["t_ns"] = e.time_ns;
  j["vcpu"] = e.vcpu;
  j["reason"] = exit_reason_name(e.reason);
  j["reason_code"] = e.reason;
  if (e.reason == KVM_EXIT_IO) {
    j["direction"] = e.write ? "out" : "in";
    j["port"] = e.port;
    j["size"] = e.size;
    j["count"] = e.count;
  } else if (e.reason == KVM_EXIT_MMIO) {
    j["direction"] = e.write ? "write" : "read";
    j["address"] = e.address;
    j["length"] = e.length;
  } else if (e.detail != 0) {
    j["detail"] = e.detail;
  }
  if ((e.reason == KVM_EXIT_IO || e.reason == KVM_EXIT_MMIO) && e.write) {
    auto& data = j["data"] = nlohmann::ordered_json::array();
    for (std::uint32_t i = 0; i < e.length; ++i) data.push_back(e.data[i]);
  }
  j["text"] = format_exit(e);
  return j;
}

ExitRecorder::ExitRecorder(std::size_t capacity) : ring_(std::max<std::size_t>(capacity, 1)) {}

[[gnu::hot]] void ExitRecorder::record(const VmExit& exit) noexcept {
  ring_[next_] = exit;
  if (++next_ == ring_.size()) next_ = 0;  // no division per exit
  ++total_;
  if (exit.reason < counts_.size())
    ++counts_[exit.reason];
  else
    ++other_;
}

std::uint64_t ExitRecorder::count(std::uint32_t reason) const noexcept {
  return reason < counts_.size() ? counts_[reason] : other_;
}

std::vector<std::pair<std::uint64_t, VmExit>> ExitRecorder::retained() const {
  std::vector<std::pair<std::uint64_t, VmExit>> out;
  const std::uint64_t first = dropped();
  for (std::uint64_t seq = first; seq < total_; ++seq) out.emplace_back(seq, ring_[seq % ring_.size()]);
  return out;
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> ExitRecorder::histogram() const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (std::uint32_t r = 0; r < counts_.size(); ++r)
    if (counts_[r]) out.emplace_back(r, counts_[r]);
  if (other_) out.emplace_back(static_cast<std::uint32_t>(counts_.size()), other_);
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return out;
}

ExitRecorder::Intervals ExitRecorder::intervals() const {
  std::vector<std::uint64_t> gaps;
  std::unordered_map<int, std::uint64_t> last;  // vCPU → time of its previous exit
  for (const auto& [seq, e] : retained()) {
    const auto it = last.find(e.vcpu);
    if (it != last.end() && e.time_ns >= it->second) gaps.push_back(e.time_ns - it->second);
    last[e.vcpu] = e.time_ns;
  }
  Intervals out;
  if (gaps.empty()) return out;
  std::sort(gaps.begin(), gaps.end());
  out.samples = gaps.size();
  out.min_ns = gaps.front();
  out.median_ns = gaps[gaps.size() / 2];
  out.p90_ns = gaps[gaps.size() * 9 / 10];
  return out;
}

}  // namespace virtlab::vmctl
