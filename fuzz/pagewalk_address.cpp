// Addresses and ranges as users type them (and as maps prints them): "0x7ffd1234", "A-B", "A+64K".
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "pagewalk/decode.hpp"
#include "virtlab/text.hpp"

using namespace virtlab::pagewalk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  if (auto address = parse_address(text)) {
    // Printing it in hex and parsing again gives the same address.
    FUZZ_CHECK(parse_address(virtlab::hex(*address)) == address);
  }
  if (auto range = parse_range(text)) {
    FUZZ_CHECK(range->start < range->end);
    std::string dashed = virtlab::hex(range->start) + "-" + virtlab::hex(range->end);
    auto again = parse_range(dashed);
    FUZZ_CHECK(again && again->start == range->start && again->end == range->end);
  }
  return 0;
}
