// /proc/PID/smaps_rollup: "Rss: 1234 kB" lines become bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "pagewalk/decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  auto fields = virtlab::pagewalk::parse_smaps_rollup(text);
  for (const auto& [name, bytes] : fields) {
    FUZZ_CHECK(bytes % 1024 == 0);
    // The kB count the value came from is in the text: a value that wrapped around 2^64 would not be.
    FUZZ_CHECK(text.find(name) != std::string_view::npos);
    FUZZ_CHECK(text.find(std::to_string(bytes / 1024)) != std::string_view::npos);
  }
  return 0;
}
