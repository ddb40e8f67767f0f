// vmctl run --trace-exits: every exit of this VM's vCPUs through the kvm:kvm_exit tracepoint (tracefs, as kvm_stat
// does), also the ones KVM handles in the kernel. The tracing happens in an instance of our own
// (/sys/kernel/tracing/instances/vmctl-<owner>), so the global buffer and other tracers stay undisturbed; only
// vmctl's own threads are traced (set_event_pid with event-fork). What follows a kvm_exit on the same thread tells
// where it was handled: kvm_userspace_exit = it reached vmctl, kvm_entry = KVM handled it and re-entered the guest.
// The parsing and the tally are pure (unit-tested, fuzzed); ExitTraceSession holds the instance (RAII).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "virtlab/json.hpp"

namespace virtlab::vmctl {

enum class TraceEventKind { KvmExit, KvmEntry, UserspaceExit };
struct TraceEvent {
  int pid = 0;  // the thread (a vCPU thread of vmctl)
  TraceEventKind kind = TraceEventKind::KvmExit;
  std::string reason;     // kvm_exit: the kernel's own name (SVM "io", "npf", "PF excp"; VMX "IO_INSTRUCTION" …)
  std::uint64_t rip = 0;  // kvm_exit: the guest RIP at the exit
};
// One line of a tracefs `trace` file ("vmctl-165 [000] d..1. 25.99: kvm_exit: vcpu 0 reason io rip 0xb info1 …");
// nullopt for comments, other events and malformed lines.
std::optional<TraceEvent> parse_trace_line(std::string_view line);

// Linux maps its kernel in the upper half of the 48-bit address space: an exit at a RIP there came from guest ring 0.
inline constexpr std::uint64_t kKernelHalf = 0xffff800000000000;

struct TracedReason {
  std::uint64_t to_vmctl = 0, in_kvm = 0, unfinished = 0;  // unfinished: no entry or userspace exit followed
  std::uint64_t kernel_half = 0;                           // at a RIP in the upper (kernel) half
};
struct ExitTraceTally {
  std::map<std::string, TracedReason> by_reason;
  std::uint64_t exits = 0, to_vmctl = 0, in_kvm = 0, unfinished = 0, kernel_half = 0;
  std::uint64_t userspace_exits_without_exit = 0;  // KVM_RUN returned without a guest exit (a signal before entry)
  std::optional<std::uint64_t> lost;  // events the ring buffer dropped (its header), nullopt when it did not say
};
// The whole `trace` file of the instance, in order. Pure.
ExitTraceTally tally_trace(std::string_view trace_text);
Json exit_trace_json(const ExitTraceTally& tally, std::uint64_t exits_seen_by_vmctl);
void print_exit_trace(std::ostream& out, const ExitTraceTally& tally, std::uint64_t exits_seen_by_vmctl);

// tracefs at /sys/kernel/tracing, mounted for the run when nobody had (the test VM does not) and unmounted after.
class TracefsMount {
 public:
  TracefsMount();  // throws virtlab::Error (exit 5) when it is missing and cannot be mounted
  ~TracefsMount();
  TracefsMount(const TracefsMount&) = delete;
  TracefsMount& operator=(const TracefsMount&) = delete;

 private:
  bool mounted_ = false;
};

// The tracefs instance: created with the three events enabled for this process and the threads it starts; the
// destructor disables them and removes the instance on every path (exceptions, SIGINT/SIGTERM unwinding).
class ExitTraceSession {
 public:
  ExitTraceSession();  // throws virtlab::Error: no tracefs (exit 5), no kvm events (exit 5), no permission (exit 4)
  ~ExitTraceSession();
  ExitTraceSession(const ExitTraceSession&) = delete;
  ExitTraceSession& operator=(const ExitTraceSession&) = delete;
  // Disables the events and returns the instance's `trace` file.
  std::string stop_and_read();

 private:
  void write_control(const std::string& file, const std::string& value, const char* meaning);
  void disable_events() noexcept;
  TracefsMount mount_;  // first: unmounted last, also when the constructor throws after it
  std::string path_;
  bool created_ = false;
};

}  // namespace virtlab::vmctl
