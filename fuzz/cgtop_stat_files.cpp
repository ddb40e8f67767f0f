// The cgroup interface files cgtop samples: "key value" files (cpu.stat, memory.stat, memory.events …), single
// numbers and "max", cpu.max / cfs quota, io.stat, v1 blkio service bytes, PSI pressure files.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "cgtop/stats.hpp"
#include "fuzz_check.hpp"

using namespace virtlab::cgtop;

namespace {

void check_flat_keyed(std::string_view text) {
  auto keyed = parse_flat_keyed(text);
  // Written back one "key value" per line, the map and the one-key reader both read the same values.
  std::string rendered;
  for (const auto& [key, value] : keyed) rendered += key + " " + std::to_string(value) + "\n";
  FUZZ_CHECK(parse_flat_keyed(rendered) == keyed);
  // find_flat_key scans the whole text per key (cgtop asks it for one or two keys), so checking every key of a
  // 4 KiB input of short lines is quadratic: up to 16 keys spread over the map, different ones as inputs change.
  const std::size_t stride = keyed.size() / 16 + 1;
  std::size_t index = 0;
  for (const auto& [key, value] : keyed) {
    FUZZ_CHECK(lookup(keyed, key) == value);
    if (index++ % stride == 0) FUZZ_CHECK(find_flat_key(rendered, key) == value);
  }
  (void)find_flat_key(text, "usage_usec");
}

void check_numbers(std::string_view text) {
  Number n = parse_number_or_max(text);
  FUZZ_CHECK(n.valid || !n.value);
  if (n.value) FUZZ_CHECK(!is_v1_unlimited(*n.value));
  if (auto m = parse_cpu_max(text)) {
    auto again =
        parse_cpu_max((m->quota_us ? std::to_string(*m->quota_us) : "max") + " " + std::to_string(m->period_us));
    FUZZ_CHECK(again && again->quota_us == m->quota_us && again->period_us == m->period_us);
    if (auto cores = m->cores()) FUZZ_CHECK(*cores >= 0);
  }
  // The same text as quota and period (v1 keeps them in two files).
  if (auto m = parse_cfs_quota(text, text)) FUZZ_CHECK(!m->quota_us || *m->quota_us == m->period_us);
  if (auto counter = parse_counter(text)) FUZZ_CHECK(std::to_string(*counter).size() <= 20);
}

void check_pressure(std::string_view text) {
  Pressure p = parse_pressure(text);
  for (const auto& line : {p.some, p.full}) {
    if (!line) continue;
    FUZZ_CHECK(std::isfinite(line->avg10) && std::isfinite(line->avg60) && std::isfinite(line->avg300));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  check_flat_keyed(text);
  check_numbers(text);
  check_pressure(text);
  (void)parse_io_stat(text);
  (void)parse_blkio_service(text);
  FUZZ_CHECK(count_lines(text) <= size);
  return 0;
}
