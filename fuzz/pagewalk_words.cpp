// Binary words the kernel hands out 8 bytes at a time: /proc/PID/pagemap entries and /proc/kpageflags flag words,
// plus the page-table index split of a virtual address (the same word read as an address).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "fuzz_check.hpp"
#include "pagewalk/decode.hpp"
#include "virtlab/kernel/page_words.hpp"

using namespace virtlab::pagewalk;
using namespace virtlab::kernel;  // the per-page words and /proc/PID/stat (libs/kernel)

namespace {

void check_pagemap(std::uint64_t word) {
  PagemapEntry entry{word};
  FUZZ_CHECK(entry.pfn() < (std::uint64_t{1} << 55));
  FUZZ_CHECK(entry.swap_type() < 32);
  FUZZ_CHECK(entry.swap_offset() < (std::uint64_t{1} << 50));
  auto fields = describe_pagemap_entry(entry, true);
  FUZZ_CHECK(!fields.empty());
  for (const auto& field : fields) FUZZ_CHECK(!field.name.empty() && !field.meaning.empty());
  // Hidden PFNs (no CAP_SYS_ADMIN) change only the meaning of a present page's PFN 0, so only then is the
  // description made again: the same fields, and the last one says the frame is hidden, not frame 0.
  if (entry.present() && entry.pfn() == 0) {
    auto hidden = describe_pagemap_entry(entry, false);
    FUZZ_CHECK(hidden.size() == fields.size() && hidden.back().name == "pfn");
    FUZZ_CHECK(hidden.back().meaning != fields.back().meaning);
  }
}

// The flag table does not depend on the input: checked once, not once per word.
bool check_kpageflag_table() {
  for (int bit = 0; bit < 64; ++bit) FUZZ_CHECK(kpageflag_name(bit) != nullptr && kpageflag_meaning(bit) != nullptr);
  return true;
}

void check_kpageflags(std::uint64_t word) {
  // One name per set bit, so a display never drops or invents a flag.
  FUZZ_CHECK(kpageflag_names(word).size() == static_cast<std::size_t>(std::popcount(word)));
}

void check_split(std::uint64_t address) {
  for (PagingMode mode : {PagingMode::x86_64_4level, PagingMode::x86_64_5level, PagingMode::i386}) {
    try {
      AddressSplit split = split_address(address, mode);
      FUZZ_CHECK(split.page_offset == (address & 0xfff) && split.page_number == (address >> kPageShift));
      // The indices put back together give the address again (bits below the top level, for canonical ones).
      std::uint64_t rebuilt = 0;
      for (const auto& level : split.levels) {
        FUZZ_CHECK(level.high_bit >= level.low_bit && level.high_bit < 64);
        FUZZ_CHECK(level.index < (std::uint64_t{1} << (level.high_bit - level.low_bit + 1)));
        rebuilt |= level.index << level.low_bit;
      }
      int top = split.levels.empty() ? 0 : split.levels.front().high_bit;
      std::uint64_t mask = top >= 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (top + 1)) - 1;
      FUZZ_CHECK(rebuilt == (address & mask));
    } catch (const std::invalid_argument&) {
      FUZZ_CHECK(mode == PagingMode::i386 && address > 0xffffffffu);
    }
  }
}

}  // namespace

// Each 8-byte word is decoded on its own, so an input of a few words (-max_len in fuzz/CMakeLists.txt) reaches every
// path; longer inputs only repeat them.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool table_ok = check_kpageflag_table();
  (void)table_ok;
  for (std::size_t at = 0; at + 8 <= size; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + at, 8);  // little-endian, as pread() fills the buffer
    check_pagemap(word);
    check_kpageflags(word);
    check_split(word);
  }
  return 0;
}
