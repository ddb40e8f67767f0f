// Small pure text helpers: splitting, parsing numbers, human units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab {

std::vector<std::string_view> split_lines(std::string_view text);
std::vector<std::string_view> split_whitespace(std::string_view text);
std::string_view trim(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);

// Parses "1234", "0x1f", "0X1F" (and with allow_bare_hex, "7f00dead"); nullopt on junk or overflow.
std::optional<std::uint64_t> parse_u64(std::string_view text, bool allow_bare_hex = false);
std::optional<std::int64_t> parse_i64(std::string_view text);
std::optional<double> parse_double(std::string_view text);

// A kernel release ("6.18.44-fc-v1272", uname's) is major.minor or newer; false when it does not parse.
bool kernel_release_at_least(std::string_view release, int major, int minor);

// "64M", "1.5G", "4096", "2KiB", "10k" → bytes (binary multiples: K = 1024). nullopt on "50Q", "-1", "".
std::optional<std::uint64_t> parse_size(std::string_view text);

// 4096 → "4.0 KiB"; 0 → "0 B"; 1536 → "1.5 KiB".
std::string human_bytes(std::uint64_t bytes);
// 1234567 → "1,234,567"
std::string group_thousands(std::uint64_t value);
// 0x7ffd1234 formatted as "0x00007ffd1234" when width = 12 digits.
std::string hex(std::uint64_t value, int min_digits = 0);
// seconds → "1.23 s", "45.6 ms", "789 µs", "12 ns"
std::string human_duration(double seconds);

}  // namespace virtlab
