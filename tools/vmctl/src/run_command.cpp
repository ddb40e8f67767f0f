// `vmctl run`: check the guest and its options (exit 2 before any KVM call), run it on this machine's KVM or in the
// test VM, print the exits live or as JSON, and turn how it ended into the exit status.
#include <iostream>
#include <optional>

#include "virtlab/error.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/commands.hpp"
#include "vmctl/exit_trace.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/nested.hpp"
#include "vmctl/report.hpp"

namespace virtlab::vmctl {

namespace {

using Json = nlohmann::ordered_json;

int print_guest_list() {
  for (const auto& g : builtin_guests())
    std::cout << g.name << std::string(16 - g.name.size(), ' ') << x86::to_string(g.mode)
              << std::string(11 - x86::to_string(g.mode).size(), ' ') << g.summary << "  [" << g.source << "]\n";
  return 0;
}

std::uint64_t parse_address(const std::string& text, const char* option) {
  const auto v = virtlab::parse_u64(text);
  if (!v) throw Error(ExitCode::usage, std::string(option) + " '" + text + "' is not a number", "e.g. 0x10000");
  return *v;
}

// The guest (built-in or --image) and every option, checked before KVM: bad input is exit 2 with or without /dev/kvm.
RunOptions plan_run(const RunCommand& c) {
  if (c.guest.empty() && c.image_path.empty())
    throw Error(ExitCode::usage, "no guest given", "name a built-in guest (vmctl run --list) or give --image FILE");
  if (!c.guest.empty() && !c.image_path.empty())
    throw Error(ExitCode::usage, "both a built-in guest and --image given", "give one of them");
  RunOptions options;
  if (!c.image_path.empty()) {
    use_image(options, c.image_path, c.mode);
  } else {
    options.builtin = find_builtin_guest(c.guest);
    options.placement.mode = options.builtin->mode;
    options.vcpus = options.builtin->vcpus;
    const auto image = embedded_guest_image(options.builtin->name);
    options.image.assign(image.begin(), image.end());
  }
  if (!c.mem.empty()) options.placement.memory = parse_memory_option(c.mem);
  if (!c.load.empty()) options.placement.load = parse_address(c.load, "--load");
  options.placement.entry = c.entry.empty() ? options.placement.load : parse_address(c.entry, "--entry");
  options.timeout_s = c.timeout_s;
  options.pv_bytes = c.pv_bytes;
  options.smp_iterations = c.iterations;
  options.smp_spin = c.spin;
  options.ring_capacity = c.ring;
  options.break_sregs = c.break_sregs;
  layout::Placement check = options.placement;
  check.image_size = options.image.size();
  layout::validate(check);
  return options;
}

// Text output: each exit as it happens, up to --show, then only counted.
void print_exits_live(RunOptions& options, const RunCommand& c, std::uint64_t& printed) {
  options.on_exit = [&printed, show = c.show, ring = c.ring](std::uint64_t seq, const VmExit& e) {
    if (printed < show) {
      std::cout << exit_line(seq, e) << '\n';
      ++printed;
    } else if (printed == show) {
      std::cout << "  … further exits are only counted (ring buffer keeps the last " << ring << ")\n";
      ++printed;
    }
  };
}

void emit_run_json(const RunDescription& what, const RunReport& report, const RunCommand& c, const Json& nested,
                   const std::optional<ExitTraceTally>& traced) {
  Json doc = virtlab::make_document("vmctl", 1);
  doc["command"] = "run";
  doc["nested"] = nested;
  doc["run"] = run_to_json(what, report, c.ring);
  if (traced) doc["run"]["trace_exits"] = exit_trace_json(*traced, report.recorder.total());
  virtlab::emit_document(std::cout, doc);
}

// The exit status for how the run ended (docs/exit-codes.md); throws the one-line error for a failed run.
int run_exit_status(const RunReport& report, const RunOptions& options) {
  switch (report.outcome) {
    case RunOutcome::halted:
      return 0;
    case RunOutcome::shutdown:
      if (options.profile().shutdown_expected) return 0;
      throw Error(ExitCode::failure,
                  report.vcpus.empty() || report.vcpus[0].regs.rip == 0xfff0
                      ? std::string("the guest triple-faulted (KVM_EXIT_SHUTDOWN; KVM reset the vCPU, so its RIP is "
                                    "the reset vector, not the faulting instruction)")
                      : "the guest triple-faulted (KVM_EXIT_SHUTDOWN) at RIP " + virtlab::hex(report.vcpus[0].regs.rip),
                  "an exception it could not deliver: vmctl's paged guests have no IDT; look at the instruction "
                  "at RIP");
    case RunOutcome::timeout:
      throw Error(ExitCode::failure,
                  "the guest did not halt within " + virtlab::human_duration(options.timeout_s) +
                      "; vmctl stopped it with immediate_exit and a signal",
                  "end the guest with HLT, or give a longer --timeout");
    case RunOutcome::interrupted:
      virtlab::InterruptGuard::throw_if_requested();
      break;
    case RunOutcome::fail_entry:
    case RunOutcome::internal_error:
    case RunOutcome::unhandled:
      break;
  }
  throw Error(ExitCode::failure, "the guest ended with " + to_string(report.outcome) + ": " + report.outcome_meaning,
              "see the last exits above");
}

}  // namespace

int run_guest_command(const RunCommand& c, const CommandContext& context) {
  if (c.list) return print_guest_list();
  RunOptions options = plan_run(c);
  if (const auto status = run_in_test_vm_without_kvm(context, c.image_path)) return *status;

  virtlab::InterruptGuard guard;
  // Before the VM and its threads exist, so every exit of theirs is traced; removed on every path (RAII).
  std::optional<ExitTraceSession> trace;
  if (c.trace_exits) trace.emplace();
  Kvm kvm;
  auto vm = kvm.create_vm();
  const Json nested = nested_marker();
  const RunDescription what{options.profile().name, options.builtin ? options.builtin->source : c.image_path, &options};
  const bool live = !context.json && options.profile().live_exits;
  std::uint64_t printed = 0;
  if (live) print_exits_live(options, c, printed);
  GuestRun run(*vm, options);
  if (!context.json) {
    if (nested["nested"].get<bool>())
      std::cout << "[nested] inside the test VM: " << nested["meaning"].get<std::string>() << '\n';
    print_run_header(std::cout, what, run, context.color);
  }
  const RunReport report = run.run();
  std::optional<ExitTraceTally> traced;
  if (trace) traced = tally_trace(trace->stop_and_read());
  if (context.json) {
    emit_run_json(what, report, c, nested, traced);
  } else {
    print_run_report(std::cout, what, report, live, c.show, context.color);
    if (traced) print_exit_trace(std::cout, *traced, report.recorder.total());
  }
  std::cout.flush();
  return run_exit_status(report, options);
}

}  // namespace virtlab::vmctl
