// A tracefs `trace` file as `vmctl run --trace-exits` reads it from its instance: every line is parsed, each
// kvm_exit is resolved exactly once (reached vmctl, handled in KVM, or unfinished), the totals are the sums of the
// reasons, and the JSON is built.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "virtlab/text.hpp"
#include "vmctl/exit_trace.hpp"

using namespace virtlab::vmctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = virtlab_fuzz::as_text(data, size);
  std::uint64_t exit_lines = 0;
  for (const auto line : virtlab::split_lines(text)) {
    const auto event = parse_trace_line(line);
    if (!event) continue;
    FUZZ_CHECK(event->kind != TraceEventKind::KvmExit || !event->reason.empty());
    if (event->kind == TraceEventKind::KvmExit) ++exit_lines;
  }
  const ExitTraceTally t = tally_trace(text);
  FUZZ_CHECK(t.exits == exit_lines);
  FUZZ_CHECK(t.exits == t.to_vmctl + t.in_kvm + t.unfinished);
  FUZZ_CHECK(t.kernel_half <= t.exits);
  std::uint64_t sum = 0, half = 0;
  for (const auto& [name, r] : t.by_reason) {
    FUZZ_CHECK(!name.empty());
    sum += r.to_vmctl + r.in_kvm + r.unfinished;
    half += r.kernel_half;
  }
  FUZZ_CHECK(sum == t.exits && half == t.kernel_half);
  const virtlab::Json doc = exit_trace_json(t, t.to_vmctl);
  FUZZ_CHECK(doc["fired"].get<bool>() == (t.exits > 0));
  return 0;
}
