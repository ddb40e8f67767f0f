// The limits users give cgtop run: --cpu 0.5 / 150%, --memory 64M, --pids 32. Junk must be a usage error.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "virtlab/error.hpp"
#include "virtlab/kernel/cgroup.hpp"

using namespace virtlab::kernel;

namespace {

template <typename Parse>
void expect_value_or_usage_error(Parse parse) {
  try {
    parse();
  } catch (const virtlab::Error& e) {
    FUZZ_CHECK(e.code() == virtlab::ExitCode::usage);
    FUZZ_CHECK(!e.hint().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  expect_value_or_usage_error([&] {
    double cores = parse_cpu_cores(text);
    FUZZ_CHECK(std::isfinite(cores) && cores > 0);
  });
  expect_value_or_usage_error([&] {
    std::uint64_t bytes = parse_memory_bytes(text);
    FUZZ_CHECK(bytes > 0);
    FUZZ_CHECK(parse_memory_bytes(std::to_string(bytes)) == bytes);  // plain bytes read back the same
  });
  expect_value_or_usage_error([&] {
    std::uint64_t pids = parse_pids_max(text);
    FUZZ_CHECK(pids > 0 && parse_pids_max(std::to_string(pids)) == pids);
  });
  return 0;
}
