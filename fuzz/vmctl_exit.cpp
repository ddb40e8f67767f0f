// The kvm_run area KVM fills on every VM exit (exit reason, IO port and data_offset, MMIO address and data):
// decoded, formatted and turned into JSON as vmctl run does.
#include <linux/kvm.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_check.hpp"
#include "vmctl/exits.hpp"

using namespace virtlab::vmctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A short input is the start of a zeroed mapping (the real one is a page or more).
  std::vector<std::uint8_t> run(std::max(size, sizeof(kvm_run)), 0);
  std::memcpy(run.data(), data, size);
  VmExit exit = decode_exit(run, 0, 1);
  FUZZ_CHECK(exit.length <= exit.data.size());
  if (exit.reason == KVM_EXIT_IO && exit.length > 0) {
    const auto* k = reinterpret_cast<const kvm_run*>(run.data());
    FUZZ_CHECK(k->io.data_offset + exit.length <= run.size());
    FUZZ_CHECK(std::memcmp(exit.data.data(), run.data() + k->io.data_offset, exit.length) == 0);
  }
  FUZZ_CHECK(!format_exit(exit).empty());
  FUZZ_CHECK(!exit_reason_name(exit.reason).empty());
  // The JSON line must serialise whatever bytes the guest sent (nlohmann throws on invalid UTF-8).
  FUZZ_CHECK(!exit_to_json(exit, 0).dump().empty());
  ExitRecorder recorder(4);
  for (int i = 0; i < 6; ++i) recorder.record(exit);
  FUZZ_CHECK(recorder.total() == 6 && recorder.dropped() == 2 && recorder.count(exit.reason) == 6);
  return 0;
}
