// /proc/PID/stat, parsed.
#include "virtlab/kernel/proc_stat.hpp"

#include <charconv>

#include "virtlab/text.hpp"

namespace virtlab::kernel {

namespace {

// The whole of `text` as a decimal number (stat prints every field in decimal); nullopt on junk or overflow.
std::optional<std::uint64_t> parse_dec(std::string_view text) {
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<ProcStat> parse_proc_stat(std::string_view text) {
  // "pid (comm) state ppid ..." — comm may hold spaces and ')' so take the last ')'.
  auto open = text.find('(');
  auto close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  ProcStat stat;
  stat.comm = std::string(text.substr(open + 1, close - open - 1));
  auto fields = split_whitespace(text.substr(close + 1));
  // fields[0] = state (field 3), [6] = flags (9), [7] = minflt (10), [9] = majflt (12)
  if (fields.size() < 10 || fields[0].size() != 1) return std::nullopt;
  stat.state = fields[0][0];
  auto flags = parse_dec(fields[6]);
  auto minflt = parse_dec(fields[7]);
  auto majflt = parse_dec(fields[9]);
  if (!flags || !minflt || !majflt) return std::nullopt;
  stat.flags = *flags;
  stat.minor_faults = *minflt;
  stat.major_faults = *majflt;
  return stat;
}

}  // namespace virtlab::kernel
