// /proc/PID/maps: parse_maps_line on every line and parse_maps on the whole text.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "fuzz_check.hpp"
#include "pagewalk/decode.hpp"
#include "virtlab/kernel/page_words.hpp"
#include "virtlab/text.hpp"

using namespace virtlab::pagewalk;
using namespace virtlab::kernel;  // the per-page words and /proc/PID/stat (libs/kernel)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  std::size_t good_lines = 0;
  bool bad_line = false;
  for (std::string_view line : virtlab::split_lines(text)) {
    if (virtlab::trim(line).empty()) continue;
    auto entry = parse_maps_line(line);
    if (!entry) {
      bad_line = true;
      continue;
    }
    ++good_lines;
    FUZZ_CHECK(entry->start <= entry->end);
    FUZZ_CHECK(entry->perms.size() == 4);
    FUZZ_CHECK(entry->pages() <= (entry->end >> kPageShift) + 1);
    FUZZ_CHECK(!entry->display_name().empty());
    FUZZ_CHECK(vma_kind_name(entry->kind) != nullptr);
  }
  // The whole-file parser agrees with the line parser: every line parses, or it names a bad line.
  try {
    auto entries = parse_maps(text);
    FUZZ_CHECK(!bad_line);
    FUZZ_CHECK(entries.size() == good_lines);
  } catch (const std::invalid_argument& e) {
    FUZZ_CHECK(bad_line);
    FUZZ_CHECK(std::string_view(e.what()).starts_with("line "));
  }
  return 0;
}
