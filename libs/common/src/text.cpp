#include "virtlab/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace virtlab {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  // Counted first: one allocation instead of one per doubling (every /proc and cgroup parser splits its text here).
  lines.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  while (!text.empty()) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// One range check and a bit test instead of six comparisons: every /proc and cgroup parser tokenizes through this.
static bool is_space(char c) {
  constexpr std::uint64_t kSpaces =
      (1ULL << ' ') | (1ULL << '\t') | (1ULL << '\n') | (1ULL << '\r') | (1ULL << '\v') | (1ULL << '\f');
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && ((kSpaces >> byte) & 1) != 0;
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> words;
  words.reserve(12);  // one allocation for the usual line: mountinfo has 10-11 fields, cgroup files 2
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool kernel_release_at_least(std::string_view release, int major, int minor) {
  const auto dot = release.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view minor_text = release.substr(dot + 1);
  minor_text = minor_text.substr(0, minor_text.find_first_not_of("0123456789"));
  const auto have_major = parse_u64(release.substr(0, dot));
  const auto have_minor = parse_u64(minor_text);
  if (!have_major || !have_minor) return false;
  return *have_major > static_cast<std::uint64_t>(major) ||
         (*have_major == static_cast<std::uint64_t>(major) && *have_minor >= static_cast<std::uint64_t>(minor));
}

std::optional<std::uint64_t> parse_u64(std::string_view text, bool allow_bare_hex) {
  text = trim(text);
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (allow_bare_hex) {
    base = 16;
  }
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_i64(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  std::size_t unit_pos = 0;
  while (unit_pos < text.size() && ((text[unit_pos] >= '0' && text[unit_pos] <= '9') || text[unit_pos] == '.')) {
    ++unit_pos;
  }
  auto number = parse_double(text.substr(0, unit_pos));
  if (!number || *number < 0) return std::nullopt;
  std::string unit(text.substr(unit_pos));
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit.size() > 1 && unit.back() == 'B') unit.pop_back();  // "MB", "MiB" → "M", "MI"
  if (unit.size() > 1 && unit.back() == 'I') unit.pop_back();  // "MI" → "M"
  double multiplier = 1;
  if (unit.empty() || unit == "B") {
    multiplier = 1;
  } else if (unit == "K") {
    multiplier = 1024.0;
  } else if (unit == "M") {
    multiplier = 1024.0 * 1024;
  } else if (unit == "G") {
    multiplier = 1024.0 * 1024 * 1024;
  } else if (unit == "T") {
    multiplier = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return std::nullopt;
  }
  double bytes = *number * multiplier;
  if (bytes >= static_cast<double>(std::numeric_limits<std::uint64_t>::max())) return std::nullopt;
  if (unit.empty() && bytes != std::floor(bytes)) return std::nullopt;  // "1.5" bytes is not a size
  return static_cast<std::uint64_t>(std::llround(bytes));
}

std::string human_bytes(std::uint64_t bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 6) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  return buf;
}

std::string group_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count != 0 && count % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++count;
  }
  return out;
}

std::string hex(std::uint64_t value, int min_digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", min_digits, static_cast<unsigned long long>(value));
  return buf;
}

std::string human_duration(double seconds) {
  char buf[32];
  if (seconds >= 1) {
    std::snprintf(buf, sizeof buf, "%.2f s", seconds);
  } else if (seconds >= 1e-3) {
    std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
  } else if (seconds >= 1e-6) {
    std::snprintf(buf, sizeof buf, "%.1f µs", seconds * 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f ns", seconds * 1e9);
  }
  return buf;
}

}  // namespace virtlab
