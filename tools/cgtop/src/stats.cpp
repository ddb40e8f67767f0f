#include "cgtop/stats.hpp"

#include "virtlab/text.hpp"

namespace virtlab::cgtop {

using virtlab::split_lines;
using virtlab::split_whitespace;

std::map<std::string, std::uint64_t, std::less<>> parse_flat_keyed(std::string_view text) {
  std::map<std::string, std::uint64_t, std::less<>> out;
  for (auto line : split_lines(text)) {
    auto f = split_whitespace(line);
    if (f.size() != 2) continue;
    if (auto v = virtlab::parse_u64(f[1])) out.emplace(std::string(f[0]), *v);
  }
  return out;
}

std::optional<std::uint64_t> lookup(const std::map<std::string, std::uint64_t, std::less<>>& keyed,
                                    std::string_view key) {
  auto it = keyed.find(key);
  if (it == keyed.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint64_t> find_flat_key(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ' ')
      return virtlab::parse_u64(virtlab::trim(line.substr(key.size() + 1)));
    pos = end + 1;
  }
  return std::nullopt;
}

bool is_v1_unlimited(std::uint64_t value) noexcept {
  // PAGE_COUNTER_MAX × PAGE_SIZE rounds to 0x7FFFFFFFFFFFF000 on 4 KiB pages; anything that large is "no limit".
  return value >= 0x7FFFFFFFFFFF0000ULL;
}

Number parse_number_or_max(std::string_view text) {
  auto t = virtlab::trim(text);
  if (t == "max") return {std::nullopt, true};
  if (t == "-1") return {std::nullopt, true};
  auto v = virtlab::parse_u64(t);
  if (!v) return {std::nullopt, false};
  if (is_v1_unlimited(*v)) return {std::nullopt, true};
  return {*v, true};
}

std::optional<double> CpuMax::cores() const {
  if (!quota_us || period_us == 0) return std::nullopt;
  return static_cast<double>(*quota_us) / static_cast<double>(period_us);
}

std::optional<CpuMax> parse_cpu_max(std::string_view text) {
  auto f = split_whitespace(text);
  if (f.empty() || f.size() > 2) return std::nullopt;
  CpuMax m;
  if (f[0] != "max") {
    auto q = virtlab::parse_u64(f[0]);
    if (!q) return std::nullopt;
    m.quota_us = *q;
  }
  if (f.size() == 2) {
    auto p = virtlab::parse_u64(f[1]);
    if (!p) return std::nullopt;
    m.period_us = *p;
  }
  return m;
}

std::optional<CpuMax> parse_cfs_quota(std::string_view quota_text, std::string_view period_text) {
  auto q = virtlab::parse_i64(virtlab::trim(quota_text));
  auto p = virtlab::parse_u64(virtlab::trim(period_text));
  if (!q || !p) return std::nullopt;
  CpuMax m;
  m.period_us = *p;
  if (*q >= 0) m.quota_us = static_cast<std::uint64_t>(*q);
  return m;
}

IoTotals parse_io_stat(std::string_view text) {
  IoTotals t;
  for (auto line : split_lines(text)) {
    auto f = split_whitespace(line);
    for (std::size_t i = 1; i < f.size(); ++i) {
      auto eq = f[i].find('=');
      if (eq == std::string_view::npos) continue;
      auto key = f[i].substr(0, eq);
      auto v = virtlab::parse_u64(f[i].substr(eq + 1));
      if (!v) continue;
      if (key == "rbytes")
        t.read_bytes += *v;
      else if (key == "wbytes")
        t.write_bytes += *v;
      else if (key == "rios")
        t.read_ios += *v;
      else if (key == "wios")
        t.write_ios += *v;
    }
  }
  return t;
}

BlkioTotals parse_blkio_service(std::string_view text) {
  BlkioTotals t;
  for (auto line : split_lines(text)) {
    auto f = split_whitespace(line);
    if (f.size() != 3) continue;  // "Total N" (2 fields) is the grand total of all ops: skip
    auto v = virtlab::parse_u64(f[2]);
    if (!v) continue;
    if (f[1] == "Read")
      t.read += *v;
    else if (f[1] == "Write")
      t.write += *v;
  }
  return t;
}

Pressure parse_pressure(std::string_view text) {
  Pressure p;
  for (auto line : split_lines(text)) {
    auto f = split_whitespace(line);
    if (f.empty() || (f[0] != "some" && f[0] != "full")) continue;
    PressureLine l;
    bool ok = false;
    for (std::size_t i = 1; i < f.size(); ++i) {
      auto eq = f[i].find('=');
      if (eq == std::string_view::npos) continue;
      auto key = f[i].substr(0, eq);
      auto val = f[i].substr(eq + 1);
      if (key == "total") {
        if (auto v = virtlab::parse_u64(val)) l.total_us = *v, ok = true;
      } else if (auto d = virtlab::parse_double(val)) {
        if (key == "avg10")
          l.avg10 = *d, ok = true;
        else if (key == "avg60")
          l.avg60 = *d;
        else if (key == "avg300")
          l.avg300 = *d;
      }
    }
    if (!ok) continue;
    (f[0] == "some" ? p.some : p.full) = l;
  }
  return p;
}

std::optional<std::uint64_t> parse_counter(std::string_view text) {
  return virtlab::parse_u64(virtlab::trim(text));
}

std::uint64_t count_lines(std::string_view text) {
  std::uint64_t n = 0;
  for (auto line : split_lines(text))
    if (!virtlab::trim(line).empty()) ++n;
  return n;
}

}  // namespace virtlab::cgtop
