// vmctl run --trace-exits: tracefs lines as the test VM's kernel (nested SVM) wrote them for `vmctl run hello`, the
// pairing of each kvm_exit with what followed on its thread, the lost-event header, the JSON.
#include <gtest/gtest.h>

#include <string>

#include "vmctl/exit_trace.hpp"

namespace virtlab::vmctl {
namespace {

// Recorded inside the test VM (Debian 6.12 cloud kernel, kvm_amd under QEMU TCG) for `vmctl run hello`: the first
// exits of its trace, the `trace` header included.
constexpr const char* kHelloTrace =
    "# tracer: nop\n"
    "#\n"
    "# entries-in-buffer/entries-written: 9/9   #P:1\n"
    "#\n"
    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
    "           vmctl-165     [000] d..1.    25.973710: kvm_entry: vcpu 0, rip 0x0\n"
    "           vmctl-165     [000] d..1.    25.974486: kvm_exit: vcpu 0 reason interrupt rip 0x0 info1 "
    "0x0000000000000000 info2 0x0000000000000000 intr_info 0x00000000 error_code 0x00000000\n"
    "           vmctl-165     [000] d..1.    25.977058: kvm_entry: vcpu 0, rip 0x0\n"
    "           vmctl-165     [000] d..1.    25.977165: kvm_exit: vcpu 0 reason PF excp rip 0x0 info1 "
    "0x0000000000000010 info2 0x0000000000010000 intr_info 0x00000000 error_code 0x00000000\n"
    "           vmctl-165     [000] d..1.    25.980000: kvm_entry: vcpu 0, rip 0x0\n"
    "           vmctl-165     [000] d..1.    25.993400: kvm_exit: vcpu 0 reason io rip 0xb info1 0x0000000003f80010 "
    "info2 0x000000000000000c intr_info 0x00000000 error_code 0x00000000\n"
    "           vmctl-165     [000] .....    25.994350: kvm_userspace_exit: reason KVM_EXIT_IO (2)\n"
    "           vmctl-165     [000] d..1.    25.995000: kvm_entry: vcpu 0, rip 0xb\n"
    "           vmctl-165     [000] d..1.    25.996000: kvm_pio: pio_write at 0x3f8 size 1 count 1 val 0x48\n";

TEST(ExitTrace, ParsesTheThreeEvents) {
  const auto exit = parse_trace_line(
      "           vmctl-165     [000] d..1.    25.977165: kvm_exit: vcpu 0 reason PF excp rip 0x1f info1 0x10");
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->pid, 165);
  EXPECT_EQ(exit->kind, TraceEventKind::KvmExit);
  EXPECT_EQ(exit->reason, "PF excp");
  EXPECT_EQ(exit->rip, 0x1fu);
  const auto vmx = parse_trace_line(
      " qemu-system-x86-4242 [001] d..2. 9.5: kvm_exit: vcpu 1 reason EPT_VIOLATION rip 0xffffffff81000000 info1 0x0");
  ASSERT_TRUE(vmx);
  EXPECT_EQ(vmx->pid, 4242);  // a comm with dashes: the pid is after the last one
  EXPECT_EQ(vmx->reason, "EPT_VIOLATION");
  EXPECT_EQ(vmx->rip, 0xffffffff81000000u);
  EXPECT_EQ(parse_trace_line("  vmctl-7 [000] ..... 1.0: kvm_userspace_exit: reason KVM_EXIT_IO (2)")->kind,
            TraceEventKind::UserspaceExit);
  EXPECT_EQ(parse_trace_line("  vmctl-7 [000] d..1. 1.0: kvm_entry: vcpu 0, rip 0xb")->kind, TraceEventKind::KvmEntry);
}

TEST(ExitTrace, OtherLinesAreNotEvents) {
  for (const char* line : {"# tracer: nop", "", "  vmctl-7 [000] ..... 1.0: kvm_pio: pio_write at 0x3f8",
                           "  vmctl-7 [000] d..1. 1.0: kvm_exit: vcpu 0 reason io info1 0x0",
                           "  vmctl-7 [000] d..1. 1.0: kvm_exit: vcpu 0 reason io rip 12",
                           "  vmctl-7 [000] d..1. 1.0: kvm_exit: vcpu 0 reason  rip 0x1",
                           "vmctl [000] 1.0: kvm_entry: x", "  vmctl-x [000] d..1. 1.0: kvm_entry: vcpu 0, rip 0x0"})
    EXPECT_FALSE(parse_trace_line(line)) << line;
}

TEST(ExitTrace, WhatFollowsAnExitSaysWhereItWasHandled) {
  const auto t = tally_trace(kHelloTrace);
  EXPECT_EQ(t.exits, 3u);
  EXPECT_EQ(t.in_kvm, 2u);    // the interrupt and the #PF intercept: KVM re-entered the guest itself
  EXPECT_EQ(t.to_vmctl, 1u);  // the port write to 0x3f8: kvm_userspace_exit
  EXPECT_EQ(t.unfinished, 0u);
  EXPECT_EQ(t.by_reason.at("io").to_vmctl, 1u);
  EXPECT_EQ(t.by_reason.at("PF excp").in_kvm, 1u);
  EXPECT_EQ(t.by_reason.at("interrupt").in_kvm, 1u);
  EXPECT_EQ(t.kernel_half, 0u);  // a real-mode guest: every RIP is low
  ASSERT_TRUE(t.lost);
  EXPECT_EQ(*t.lost, 0u);
}

TEST(ExitTrace, ThreadsArePairedSeparatelyAndLeftoversCounted) {
  const std::string trace =
      "# entries-in-buffer/entries-written: 5/12   #P:2\n"
      " vmctl-10 [000] d..1. 1.0: kvm_exit: vcpu 0 reason npf rip 0xffffffff81000010 info1 0x0\n"
      " vmctl-11 [001] d..1. 1.1: kvm_exit: vcpu 1 reason hlt rip 0x400000 info1 0x0\n"
      " vmctl-11 [001] ..... 1.2: kvm_userspace_exit: reason KVM_EXIT_HLT (5)\n"
      " vmctl-10 [000] d..1. 1.3: kvm_entry: vcpu 0, rip 0xffffffff81000010\n"
      " vmctl-10 [000] d..1. 1.4: kvm_exit: vcpu 0 reason msr rip 0xffffffff81000020 info1 0x0\n"
      " vmctl-12 [000] ..... 1.5: kvm_userspace_exit: reason KVM_EXIT_INTR (10)\n";
  const auto t = tally_trace(trace);
  EXPECT_EQ(t.exits, 3u);
  EXPECT_EQ(t.by_reason.at("npf").in_kvm, 1u);
  EXPECT_EQ(t.by_reason.at("hlt").to_vmctl, 1u);
  EXPECT_EQ(t.by_reason.at("msr").unfinished, 1u);  // the run ended before anything followed it
  EXPECT_EQ(t.kernel_half, 2u);
  EXPECT_EQ(t.userspace_exits_without_exit, 1u);
  EXPECT_EQ(t.lost, 7u);
}

TEST(ExitTrace, JsonSaysWhetherTheTracepointFired) {
  const auto none = exit_trace_json(tally_trace("# entries-in-buffer/entries-written: 13/13   #P:2\n"), 13);
  EXPECT_EQ(none["fired"], false);
  EXPECT_EQ(none["exits_seen_by_vmctl"], 13);
  const auto hello = exit_trace_json(tally_trace(kHelloTrace), 13);
  EXPECT_EQ(hello["fired"], true);
  EXPECT_EQ(hello["by_reason"].size(), 3u);
  EXPECT_EQ(hello["by_reason"][0]["reason"], "PF excp");
  EXPECT_EQ(hello["by_reason"][0]["in_kvm"], 1);
}

}  // namespace
}  // namespace virtlab::vmctl
