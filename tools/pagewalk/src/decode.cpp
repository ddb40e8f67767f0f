// Pure decoders: /proc/PID/maps, runs of pagemap entries, address splits, smaps_rollup, cpuinfo, command-line values.
#include "pagewalk/decode.hpp"

#include <charconv>
#include <cstring>
#include <stdexcept>

#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {

// The whole of `text` as a number in `base`; nullopt on junk, empty text or overflow.
std::optional<std::uint64_t> parse_base(std::string_view text, int base) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}
std::optional<std::uint64_t> parse_hex(std::string_view text) {
  return parse_base(text, 16);
}
std::optional<std::uint64_t> parse_dec(std::string_view text) {
  return parse_base(text, 10);
}

// Takes the next blank-separated field off `rest`.
std::string_view next_field(std::string_view& rest) {
  std::size_t begin = rest.find_first_not_of(' ');
  if (begin == std::string_view::npos) {
    rest = {};
    return {};
  }
  std::size_t end = rest.find(' ', begin);
  std::string_view field = rest.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  return field;
}

VmaKind classify(const std::string& path) {
  if (path.empty()) return VmaKind::anonymous;
  if (path == "[heap]") return VmaKind::heap;
  if (path == "[stack]" || starts_with(path, "[stack:")) return VmaKind::stack;
  if (path == "[vdso]") return VmaKind::vdso;
  if (path == "[vvar]" || path == "[vvar_vclock]") return VmaKind::vvar;
  if (path == "[vsyscall]") return VmaKind::vsyscall;
  if (starts_with(path, "[anon:") || starts_with(path, "[anon_shmem:")) return VmaKind::named_anonymous;
  if (path.front() == '[' && path.back() == ']') return VmaKind::special;
  return VmaKind::file;
}

std::string hex_string(std::uint64_t v) {
  char buf[24];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v, 16);
  (void)ec;
  return "0x" + std::string(buf, ptr);
}

}  // namespace

const char* vma_kind_name(VmaKind kind) {
  switch (kind) {
    case VmaKind::anonymous:
      return "anonymous";
    case VmaKind::named_anonymous:
      return "named-anonymous";
    case VmaKind::file:
      return "file";
    case VmaKind::heap:
      return "heap";
    case VmaKind::stack:
      return "stack";
    case VmaKind::vdso:
      return "vdso";
    case VmaKind::vvar:
      return "vvar";
    case VmaKind::vsyscall:
      return "vsyscall";
    case VmaKind::special:
      return "special";
  }
  return "?";
}

std::string MapsEntry::display_name() const {
  if (path.empty()) return shared() ? "anon (shared)" : "anon";
  return deleted ? path + " (deleted)" : path;
}

std::optional<MapsEntry> parse_maps_line(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  std::string_view rest = line;
  std::string_view range = next_field(rest);
  std::size_t dash = range.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto start = parse_hex(range.substr(0, dash));
  auto end = parse_hex(range.substr(dash + 1));
  std::string_view perms = next_field(rest);
  auto offset = parse_hex(next_field(rest));
  std::string_view device = next_field(rest);
  auto inode = parse_dec(next_field(rest));
  if (!start || !end || *end < *start || perms.size() != 4 || !offset || device.find(':') == std::string_view::npos ||
      !inode)
    return std::nullopt;
  MapsEntry entry;
  entry.start = *start;
  entry.end = *end;
  entry.perms = std::string(perms);
  entry.offset = *offset;
  entry.device = std::string(device);
  entry.inode = *inode;
  // The path is everything after the padding blanks; it may itself contain blanks.
  std::size_t path_begin = rest.find_first_not_of(' ');
  std::string path = path_begin == std::string_view::npos ? std::string() : std::string(rest.substr(path_begin));
  static constexpr std::string_view kDeleted = " (deleted)";
  if (path.size() > kDeleted.size() && path.ends_with(kDeleted)) {
    entry.deleted = true;
    path.resize(path.size() - kDeleted.size());
  }
  entry.path = std::move(path);
  entry.kind = classify(entry.path);
  return entry;
}

std::vector<MapsEntry> parse_maps(std::string_view text) {
  std::vector<MapsEntry> out;
  int number = 0;
  for (std::string_view line : split_lines(text)) {
    ++number;
    if (trim(line).empty()) continue;
    auto entry = parse_maps_line(line);
    if (!entry)
      throw std::invalid_argument("line " + std::to_string(number) +
                                  " is not a maps line: " + std::string(line.substr(0, 80)));
    out.push_back(std::move(*entry));
  }
  return out;
}

// --- pagemap ------------------------------------------------------------------------------------------------------

namespace {

// Two entries at a time in SSE2 registers (GCC/Clang vector extensions, so no intrinsics and no CPU dispatch):
// plain -O2 leaves the loop scalar, at about 4 times the cost.
using TwoEntries = std::uint64_t __attribute__((vector_size(16)));

struct TallyLanes {
  TwoEntries resident{}, swapped{}, file_shared{}, anonymous{}, exclusive{}, soft_dirty{};

  void add(TwoEntries raw) {
    const TwoEntries one = {1, 1};
    const TwoEntries flags = raw >> 55;  // bit 8 present, 7 swapped, 6 file/shared, 1 exclusive, 0 soft-dirty
    const TwoEntries present = flags >> 8, swap = (flags >> 7) & one, file = (flags >> 6) & one;
    const TwoEntries anon = present & ~file;
    resident += present;
    swapped += swap & ~present;
    file_shared += file & (present | swap);
    anonymous += anon;
    exclusive += anon & (flags >> 1);
    soft_dirty += flags & one;
  }
  PagemapTally sum() const {
    return {resident[0] + resident[1],   swapped[0] + swapped[1],     file_shared[0] + file_shared[1],
            anonymous[0] + anonymous[1], exclusive[0] + exclusive[1], soft_dirty[0] + soft_dirty[1]};
  }
};

}  // namespace

PagemapTally tally_pagemap_entries(std::span<const std::uint64_t> entries) {
  TallyLanes lanes;
  std::size_t i = 0;
  for (; i + 2 <= entries.size(); i += 2) {
    TwoEntries raw;
    std::memcpy(&raw, entries.data() + i, sizeof raw);
    lanes.add(raw);
  }
  if (i < entries.size()) lanes.add(TwoEntries{entries[i], 0});  // an odd last entry; 0 counts as nothing
  return lanes.sum();
}

void HugeRunFinder::feed(std::uint64_t va, std::span<const std::uint64_t> entries, std::vector<std::uint64_t>& heads) {
  const std::uint64_t first_page = va / kernel::kPageSize;
  std::size_t i = 0;
  while (i < entries.size()) {
    if (length_ == 0) {  // only a 2 MiB-aligned page whose frame is 512-aligned starts a run
      i += static_cast<std::size_t>((kRunPages - (first_page + i) % kRunPages) % kRunPages);
      if (i >= entries.size()) break;
      const kernel::PagemapEntry entry{entries[i++]};
      if (entry.present() && entry.pfn() % kRunPages == 0) head_ = entry.pfn(), length_ = 1;
      continue;
    }
    const kernel::PagemapEntry entry{entries[i]};
    if (!entry.present() || entry.pfn() != head_ + length_) {
      length_ = 0;  // broken; this page is not aligned, so it cannot start the next run
      ++i;
      continue;
    }
    ++i;
    if (++length_ == kRunPages) {
      heads.push_back(head_);
      length_ = 0;
    }
  }
}

// --- address split ------------------------------------------------------------------------------------------------

const char* paging_mode_name(PagingMode mode) {
  switch (mode) {
    case PagingMode::x86_64_4level:
      return "x86-64 4-level";
    case PagingMode::x86_64_5level:
      return "x86-64 5-level (LA57)";
    case PagingMode::i386:
      return "i386 32-bit";
  }
  return "?";
}

AddressSplit split_address(std::uint64_t address, PagingMode mode) {
  AddressSplit split;
  split.mode = mode;
  split.address = address;
  split.page_number = address >> kernel::kPageShift;
  split.page_offset = address & (kernel::kPageSize - 1);
  split.levels.reserve(6);  // PGD, P4D, PUD, PMD, PTE, offset at most: one allocation per split
  auto bits = [&](int high, int low) { return (address >> low) & ((1ULL << (high - low + 1)) - 1); };
  if (mode == PagingMode::i386) {
    if (address > 0xffffffffULL)
      throw std::invalid_argument("address " + hex_string(address) + " does not fit in 32 bits");
    split.levels.push_back(
        {"page number", 31, 12, bits(31, 12), "virtual page number (20 bits): which of the 1,048,576 pages of 4 KiB"});
    split.levels.push_back({"PDE", 31, 22, bits(31, 22),
                            "the MMU walks the page number in two parts: entry in the page directory (1,024 "
                            "entries, each covers 4 MiB)"});
    split.levels.push_back(
        {"PTE", 21, 12, bits(21, 12), "entry in that page table (1,024 entries, each maps one 4 KiB page)"});
    split.levels.push_back({"offset", 11, 0, bits(11, 0), "byte inside the 4 KiB page (12 bits)"});
    return split;
  }
  const bool five = mode == PagingMode::x86_64_5level;
  const int top = five ? 56 : 47;
  // Canonical: bits 63..top all equal bit `top`.
  std::uint64_t upper = address >> top;
  std::uint64_t all_ones = (1ULL << (64 - top)) - 1;
  split.canonical = upper == 0 || upper == all_ones;
  if (five)
    split.levels.push_back(
        {"PGD", 56, 48, bits(56, 48), "entry in the top-level table (PGD, 512 entries, each covers 256 TiB)"});
  split.levels.push_back({five ? "P4D" : "PGD", 47, 39, bits(47, 39),
                          five ? "entry in the P4D table (each covers 512 GiB)"
                               : "entry in the top-level table (PGD, 512 entries, each covers 512 GiB)"});
  split.levels.push_back({"PUD", 38, 30, bits(38, 30), "entry in the page upper directory (each covers 1 GiB)"});
  split.levels.push_back({"PMD", 29, 21, bits(29, 21),
                          "entry in the page middle directory (each covers 2 MiB; a huge PMD maps a THP here)"});
  split.levels.push_back({"PTE", 20, 12, bits(20, 12), "entry in the page table (each maps one 4 KiB page)"});
  split.levels.push_back({"offset", 11, 0, bits(11, 0), "byte inside the 4 KiB page"});
  return split;
}

AddressSizes address_sizes_from_cpuinfo(std::string_view cpuinfo) {
  AddressSizes sizes;
  for (std::string_view line : split_lines(cpuinfo)) {
    if (!starts_with(line, "address sizes")) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto words = split_whitespace(line.substr(colon + 1));
    // "48 bits physical, 48 bits virtual"
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
      if (words[i + 1] != "bits") continue;
      auto n = parse_dec(words[i]);
      if (!n || *n > 64) continue;  // an address width; a larger number would not fit the int
      if (starts_with(words[i + 2], "physical")) sizes.physical_bits = static_cast<int>(*n);
      if (starts_with(words[i + 2], "virtual")) sizes.virtual_bits = static_cast<int>(*n);
    }
    break;
  }
  return sizes;
}

PagingMode paging_mode_from_cpuinfo(std::string_view cpuinfo) {
  bool la57 = false;
  for (std::string_view line : split_lines(cpuinfo)) {
    if (!starts_with(line, "flags")) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    for (std::string_view flag : split_whitespace(line.substr(colon + 1)))
      if (flag == "la57") la57 = true;
    break;  // the first CPU is enough: all CPUs run in the same mode
  }
  AddressSizes sizes = address_sizes_from_cpuinfo(cpuinfo);
  // The kernel clears the la57 flag when it booted in 4-level mode; the VA width confirms it where reported.
  if (la57 && (sizes.virtual_bits == 0 || sizes.virtual_bits >= 57)) return PagingMode::x86_64_5level;
  return PagingMode::x86_64_4level;
}

// --- smaps_rollup, stat, command-line values ----------------------------------------------------------------------

std::map<std::string, std::uint64_t> parse_smaps_rollup(std::string_view text) {
  std::map<std::string, std::uint64_t> out;
  for (std::string_view line : split_lines(text)) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto words = split_whitespace(line.substr(colon + 1));
    if (words.size() != 2 || words[1] != "kB") continue;
    auto value = parse_dec(words[0]);
    if (!value || *value > UINT64_MAX / 1024) continue;  // not a size the kernel can print; would wrap as bytes
    out[std::string(trim(line.substr(0, colon)))] = *value * 1024;
  }
  return out;
}

std::optional<std::uint64_t> parse_address(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Addresses are always hexadecimal (as maps, pmap and debuggers print them): "00400000" is 0x400000.
  if (starts_with(text, "0x") || starts_with(text, "0X")) return parse_hex(text.substr(2));
  return parse_hex(text);
}

std::optional<AddressRange> parse_range(std::string_view text) {
  text = trim(text);
  auto plus = text.find('+');
  AddressRange range;
  if (plus != std::string_view::npos) {
    auto start = parse_address(text.substr(0, plus));
    auto size = parse_size(text.substr(plus + 1));
    if (!start || !size || *size == 0 || *start + *size < *start) return std::nullopt;
    range = {*start, *start + *size};
  } else {
    auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto start = parse_address(text.substr(0, dash));
    auto end = parse_address(text.substr(dash + 1));
    if (!start || !end || *end <= *start) return std::nullopt;
    range = {*start, *end};
  }
  return range;
}

}  // namespace virtlab::pagewalk
