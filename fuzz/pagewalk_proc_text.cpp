// /proc/PID/stat (comm may hold spaces and parentheses) and /proc/cpuinfo (paging mode, address sizes).
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "pagewalk/decode.hpp"
#include "virtlab/kernel/proc_stat.hpp"

using namespace virtlab::pagewalk;
using namespace virtlab::kernel;  // the per-page words and /proc/PID/stat (libs/kernel)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  if (auto stat = parse_proc_stat(text)) {
    // comm is the text between the first '(' and the last ')'.
    FUZZ_CHECK(stat->comm.size() + 2 <= text.size());
    FUZZ_CHECK(text.find("(" + stat->comm + ")") != std::string_view::npos);
    FUZZ_CHECK(stat->state != '\0' || text.find('\0') != std::string_view::npos);
  }
  AddressSizes sizes = address_sizes_from_cpuinfo(text);
  FUZZ_CHECK(sizes.physical_bits >= 0 && sizes.virtual_bits >= 0);
  PagingMode mode = paging_mode_from_cpuinfo(text);
  // 5-level paging only when no narrower virtual address width is reported.
  FUZZ_CHECK(mode != PagingMode::x86_64_5level || sizes.virtual_bits == 0 || sizes.virtual_bits >= 57);
  FUZZ_CHECK(paging_mode_name(mode) != nullptr);
  return 0;
}
