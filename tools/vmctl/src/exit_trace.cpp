#include "vmctl/exit_trace.hpp"

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <ostream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/stale.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;

namespace {

constexpr const char* kTracefs = "/sys/kernel/tracing";
constexpr const char* kEvents[] = {"kvm/kvm_exit", "kvm/kvm_entry", "kvm/kvm_userspace_exit"};

std::optional<std::uint64_t> hex_number(std::string_view text) {
  if (text.substr(0, 2) != "0x") return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data() + 2, text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size() || text.size() == 2) return std::nullopt;
  return value;
}

// "vmctl-165" → 165 (the comm may itself hold dashes: the pid is after the last one).
std::optional<int> task_pid(std::string_view task) {
  const auto dash = task.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  int pid = 0;
  const auto digits = task.substr(dash + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return pid;
}

// "… reason PF excp rip 0x0 info1 …": the reason is every word between "reason" and "rip".
std::optional<TraceEvent> parse_exit_fields(std::string_view fields, TraceEvent event) {
  const auto reason_at = fields.find(" reason ");
  const auto rip_at = fields.find(" rip ", reason_at == std::string_view::npos ? 0 : reason_at);
  if (reason_at == std::string_view::npos || rip_at == std::string_view::npos || rip_at <= reason_at + 8)
    return std::nullopt;
  event.reason = std::string(virtlab::trim(fields.substr(reason_at + 8, rip_at - reason_at - 8)));
  auto rip_text = fields.substr(rip_at + 5);
  rip_text = rip_text.substr(0, rip_text.find(' '));
  const auto rip = hex_number(rip_text);
  if (!rip || event.reason.empty()) return std::nullopt;
  event.rip = *rip;
  return event;
}

// "# entries-in-buffer/entries-written: 12/15   #P:2": written minus in buffer = dropped.
std::optional<std::uint64_t> lost_events(std::string_view line) {
  constexpr std::string_view kKey = "# entries-in-buffer/entries-written: ";
  if (line.substr(0, kKey.size()) != kKey) return std::nullopt;
  const auto numbers = virtlab::split_whitespace(line.substr(kKey.size()));
  if (numbers.empty()) return std::nullopt;
  const auto slash = numbers[0].find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto in_buffer = virtlab::parse_u64(numbers[0].substr(0, slash));
  const auto written = virtlab::parse_u64(numbers[0].substr(slash + 1));
  if (!in_buffer || !written || *written < *in_buffer) return std::nullopt;
  return *written - *in_buffer;
}

}  // namespace

std::optional<TraceEvent> parse_trace_line(std::string_view line) {
  if (line.empty() || line.front() == '#') return std::nullopt;
  // The task is left of " [CPU]"; the event name follows the timestamp's ": ".
  const auto cpu_at = line.find(" [");
  if (cpu_at == std::string_view::npos) return std::nullopt;
  const auto pid = task_pid(virtlab::trim(line.substr(0, cpu_at)));
  const auto name_at = line.find(": kvm_", cpu_at);
  if (!pid || name_at == std::string_view::npos) return std::nullopt;
  const auto rest = line.substr(name_at + 2);
  const auto colon = rest.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  const auto name = rest.substr(0, colon);
  TraceEvent event;
  event.pid = *pid;
  if (name == "kvm_entry") {
    event.kind = TraceEventKind::KvmEntry;
    return event;
  }
  if (name == "kvm_userspace_exit") {
    event.kind = TraceEventKind::UserspaceExit;
    return event;
  }
  if (name != "kvm_exit") return std::nullopt;
  return parse_exit_fields(rest.substr(colon + 1), event);
}

ExitTraceTally tally_trace(std::string_view trace_text) {
  ExitTraceTally t;
  std::map<int, std::string> pending;  // per thread: the reason of an exit not yet resolved
  auto resolve = [&](int pid, std::uint64_t TracedReason::*where, std::uint64_t ExitTraceTally::*total) {
    const auto it = pending.find(pid);
    if (it == pending.end()) return false;
    ++(t.by_reason[it->second].*where);
    ++(t.*total);
    pending.erase(it);
    return true;
  };
  for (const auto line : virtlab::split_lines(trace_text)) {
    if (!t.lost) t.lost = lost_events(line);
    const auto e = parse_trace_line(line);
    if (!e) continue;
    switch (e->kind) {
      case TraceEventKind::KvmExit: {
        resolve(e->pid, &TracedReason::unfinished, &ExitTraceTally::unfinished);
        auto& r = t.by_reason[e->reason];
        ++t.exits;
        if (e->rip >= kKernelHalf) ++r.kernel_half, ++t.kernel_half;
        pending[e->pid] = e->reason;
        break;
      }
      case TraceEventKind::KvmEntry:
        resolve(e->pid, &TracedReason::in_kvm, &ExitTraceTally::in_kvm);
        break;
      case TraceEventKind::UserspaceExit:
        if (!resolve(e->pid, &TracedReason::to_vmctl, &ExitTraceTally::to_vmctl)) ++t.userspace_exits_without_exit;
        break;
    }
  }
  for (const auto& [pid, reason] : pending) ++t.by_reason[reason].unfinished, ++t.unfinished;
  return t;
}

Json exit_trace_json(const ExitTraceTally& t, std::uint64_t exits_seen_by_vmctl) {
  Json reasons = Json::array();
  for (const auto& [name, r] : t.by_reason)
    reasons.push_back({{"reason", name},
                       {"exits", r.to_vmctl + r.in_kvm + r.unfinished},
                       {"to_vmctl", r.to_vmctl},
                       {"in_kvm", r.in_kvm},
                       {"unfinished", r.unfinished},
                       {"kernel_half", r.kernel_half}});
  return {{"tracepoint", "kvm:kvm_exit"},
          {"fired", t.exits > 0},
          {"exits", t.exits},
          {"to_vmctl", t.to_vmctl},
          {"in_kvm", t.in_kvm},
          {"unfinished", t.unfinished},
          {"kernel_half", t.kernel_half},
          {"userspace_exits_without_exit", t.userspace_exits_without_exit},
          {"lost", t.lost ? Json(*t.lost) : Json(nullptr)},
          {"exits_seen_by_vmctl", exits_seen_by_vmctl},
          {"by_reason", std::move(reasons)}};
}

void print_exit_trace(std::ostream& out, const ExitTraceTally& t, std::uint64_t exits_seen_by_vmctl) {
  out << "\nEvery exit through the kvm:kvm_exit tracepoint (a tracefs instance of vmctl's own, its threads only): "
      << t.exits << " exits, " << t.to_vmctl << " reached vmctl (kvm_userspace_exit followed), " << t.in_kvm
      << " handled in KVM (kvm_entry followed without vmctl), " << t.unfinished << " unresolved; vmctl itself saw "
      << exits_seen_by_vmctl << ". Reason names are the kernel's (SVM or VMX). 'kernel half': the exit's guest RIP "
      << "is >= 0xffff800000000000, where Linux runs ring 0 (kvm_exit and kvm_entry carry no CPL).\n";
  if (t.exits == 0) {
    out << "kvm:kvm_exit never fired for this VM: this KVM does not trace its exits (kvm_pvm runs guests without "
           "VMX/SVM exits; its kvm_userspace_exit fires, " +
               std::to_string(t.userspace_exits_without_exit) +
               " times here). Inside the test VM it fires: testvm run --file $(command -v vmctl) -- vmctl run "
               "hello --trace-exits\n";
    return;
  }
  if (t.lost && *t.lost > 0) out << "The ring buffer dropped " << *t.lost << " events: the counts are too low.\n";
  Table table({{"reason"},
               {"exits", Align::right},
               {"reached vmctl", Align::right},
               {"handled in KVM", Align::right},
               {"kernel half", Align::right}});
  for (const auto& [name, r] : t.by_reason)
    table.add_row({name, std::to_string(r.to_vmctl + r.in_kvm + r.unfinished), std::to_string(r.to_vmctl),
                   std::to_string(r.in_kvm), std::to_string(r.kernel_half)});
  table.render(out, Terminal{false, 80});
}

TracefsMount::TracefsMount() {
  const std::string root = kTracefs;
  if (access((root + "/instances").c_str(), F_OK) == 0) return;
  const int rc = mount("tracefs", kTracefs, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);
  const int err = errno;
  virtlab::explain("mount tracefs", root, rc == 0 ? "ok" : virtlab::errno_result(err),
                   "nobody had mounted it; unmounted again when vmctl ends");
  if (rc != 0)
    virtlab::throw_errno(err, "--trace-exits: tracefs is not mounted at " + root + " and cannot be mounted",
                         "mount -t tracefs tracefs " + root + " (as root; CONFIG_TRACING)");
  mounted_ = true;
}

TracefsMount::~TracefsMount() {
  if (!mounted_) return;
  const int rc = umount2(kTracefs, MNT_DETACH);
  const int err = errno;
  try {
    virtlab::explain("umount tracefs", kTracefs, rc == 0 ? "ok" : virtlab::errno_result(err), "as it was before");
  } catch (...) {  // a destructor must not throw
  }
}

ExitTraceSession::ExitTraceSession() {
  const std::string root = kTracefs;
  if (access((root + "/events/kvm/kvm_exit").c_str(), F_OK) != 0)
    throw Error(ExitCode::unsupported, "--trace-exits: this kernel has no kvm:kvm_exit tracepoint",
                "load the kvm module (it defines the events)");
  path_ = root + "/instances/vmctl-" + virtlab::owner_tag(virtlab::self_owner());
  const int rc = mkdir(path_.c_str(), 0700);
  const int err = errno;
  virtlab::explain("mkdir", path_, rc == 0 ? "ok" : virtlab::errno_result(err),
                   "a trace instance of our own: its own ring buffer, the global one stays undisturbed");
  if (rc != 0)
    virtlab::throw_errno(err, "--trace-exits: cannot create the trace instance " + path_,
                         err == EACCES || err == EPERM ? "run as root" : "check tracefs");
  created_ = true;
  write_control("buffer_size_kb", "8192", "8 MiB per CPU: room for every exit of a short run");
  write_control("options/event-fork", "1", "threads we start later (the vCPUs) are traced too");
  write_control("set_event_pid", std::to_string(getpid()), "only vmctl's own threads");
  for (const char* event : kEvents)
    write_control(std::string("events/") + event + "/enable", "1", "on: every exit, entry and return to vmctl");
}

void ExitTraceSession::write_control(const std::string& file, const std::string& value, const char* meaning) {
  virtlab::write_file(path_ + "/" + file, value, "check tracefs permissions (root)");
  virtlab::explain("write", path_ + "/" + file, value, meaning);
}

void ExitTraceSession::disable_events() noexcept {
  for (const char* event : kEvents) {
    const std::string file = path_ + "/events/" + event + "/enable";
    if (FILE* f = std::fopen(file.c_str(), "w")) {
      std::fputs("0", f);
      std::fclose(f);
    }
  }
}

std::string ExitTraceSession::stop_and_read() {
  disable_events();
  std::string text = virtlab::read_file(path_ + "/trace", std::size_t{512} << 20, "check tracefs");
  virtlab::explain("read", path_ + "/trace", virtlab::human_bytes(text.size()), "the traced events, oldest first");
  return text;
}

ExitTraceSession::~ExitTraceSession() {
  if (!created_) return;
  disable_events();
  const int rc = rmdir(path_.c_str());
  const int err = errno;
  try {
    virtlab::explain("rmdir", path_, rc == 0 ? "ok" : virtlab::errno_result(err), "the instance and its buffer");
  } catch (...) {  // a destructor must not throw; the instance is gone either way
  }
}

}  // namespace virtlab::vmctl
