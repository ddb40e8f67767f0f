#include "vmctl/paging.hpp"

#include <cstring>
#include <stdexcept>

#include "virtlab/text.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl::paging {

std::string decode_entry_flags(std::uint64_t e) {
  std::string out;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!out.empty()) out += ' ';
    out += name;
  };
  add(e & kPresent, "P");
  add(e & kWritable, "RW");
  add(e & kUser, "US");
  add(e & kWriteThrough, "PWT");
  add(e & kCacheDisable, "PCD");
  add(e & kAccessed, "A");
  add(e & kDirty, "D");
  add(e & kPageSize, "PS");
  add(e & kGlobal, "G");
  add(e & kNoExecute, "NX");
  return out.empty() ? "-" : out;
}

namespace {

void check_page(std::span<std::uint8_t> mem, std::uint64_t gpa) {
  if (gpa % 4096 != 0 || gpa + 4096 > mem.size())
    throw std::logic_error("page-table page " + virtlab::hex(gpa) + " is not a page inside guest memory");
}

}  // namespace

LongModeBuilder::LongModeBuilder(std::span<std::uint8_t> mem, std::vector<std::uint64_t> pool)
    : mem_(mem), pool_(std::move(pool)) {
  pml4_ = allocate();
}

std::uint64_t LongModeBuilder::allocate() {
  if (next_ >= pool_.size()) throw std::logic_error("page-table pool exhausted");
  const std::uint64_t page = pool_[next_++];
  check_page(mem_, page);
  std::memset(mem_.data() + page, 0, 4096);
  return page;
}

std::uint64_t& LongModeBuilder::entry(std::uint64_t table, unsigned index) {
  return *reinterpret_cast<std::uint64_t*>(mem_.data() + table + 8u * index);
}

std::uint64_t LongModeBuilder::table_for(std::uint64_t table, unsigned index) {
  std::uint64_t& e = entry(table, index);
  if (e & kPresent) {
    if (e & kPageSize) throw std::logic_error("mapping conflicts with a large page");
    return e & kAddressMask;
  }
  const std::uint64_t next = allocate();
  e = next | kTableFlags;
  return next;
}

void LongModeBuilder::map_4k(std::uint64_t gva, std::uint64_t gpa, std::uint64_t flags) {
  if (gva % 4096 || gpa % 4096) throw std::logic_error("4 KiB mapping not page aligned");
  const std::uint64_t pdpt = table_for(pml4_, (gva >> 39) & 511);
  const std::uint64_t pd = table_for(pdpt, (gva >> 30) & 511);
  const std::uint64_t pt = table_for(pd, (gva >> 21) & 511);
  entry(pt, (gva >> 12) & 511) = gpa | flags;
}

void LongModeBuilder::map_2m(std::uint64_t gva, std::uint64_t gpa, std::uint64_t flags) {
  if (gva % (2u << 20) || gpa % (2u << 20)) throw std::logic_error("2 MiB mapping not 2 MiB aligned");
  const std::uint64_t pdpt = table_for(pml4_, (gva >> 39) & 511);
  const std::uint64_t pd = table_for(pdpt, (gva >> 30) & 511);
  std::uint64_t& e = entry(pd, (gva >> 21) & 511);
  if (e & kPresent) throw std::logic_error("2 MiB mapping conflicts with an existing entry");
  e = gpa | flags | kPageSize;
}

Protected32Builder::Protected32Builder(std::span<std::uint8_t> mem, std::vector<std::uint64_t> pool)
    : mem_(mem), pool_(std::move(pool)) {
  dir_ = allocate();
}

std::uint64_t Protected32Builder::allocate() {
  if (next_ >= pool_.size()) throw std::logic_error("page-table pool exhausted");
  const std::uint64_t page = pool_[next_++];
  check_page(mem_, page);
  if (page > 0xfffff000u) throw std::logic_error("32-bit page tables must sit below 4 GiB");
  std::memset(mem_.data() + page, 0, 4096);
  return page;
}

std::uint32_t& Protected32Builder::entry(std::uint64_t table, unsigned index) {
  return *reinterpret_cast<std::uint32_t*>(mem_.data() + table + 4u * index);
}

void Protected32Builder::map_4k(std::uint32_t gva, std::uint32_t gpa, std::uint32_t flags) {
  if (gva % 4096 || gpa % 4096) throw std::logic_error("4 KiB mapping not page aligned");
  std::uint32_t& pde = entry(dir_, gva >> 22);
  if ((pde & kPresent) && (pde & kPageSize)) throw std::logic_error("mapping conflicts with a 4 MiB page");
  if (!(pde & kPresent)) pde = static_cast<std::uint32_t>(allocate()) | static_cast<std::uint32_t>(kTableFlags);
  entry(pde & 0xfffff000u, (gva >> 12) & 1023) = gpa | flags;
}

void Protected32Builder::map_4m(std::uint32_t gva, std::uint32_t gpa, std::uint32_t flags) {
  if (gva % (4u << 20) || gpa % (4u << 20)) throw std::logic_error("4 MiB mapping not 4 MiB aligned");
  std::uint32_t& pde = entry(dir_, gva >> 22);
  if (pde & kPresent) throw std::logic_error("4 MiB mapping conflicts with an existing entry");
  pde = gpa | flags | static_cast<std::uint32_t>(kPageSize);
}

PhysReader span_reader(std::span<const std::uint8_t> mem) {
  return [mem](std::uint64_t gpa, unsigned size) -> std::optional<std::uint64_t> {
    if (gpa >= mem.size() || mem.size() - gpa < size) return std::nullopt;
    std::uint64_t value = 0;
    std::memcpy(&value, mem.data() + gpa, size);
    return value;
  };
}

namespace {

// 4-level paging (EFER.LMA): PML4 → PDPT → PD → PT, stopping at a 1 GiB or 2 MiB page; with CR4.LA57 a PML5
// comes first (a Linux guest on a CPU with LA57 uses it unless booted with no5lvl).
void walk_long_mode(const PhysReader& read, std::uint64_t cr3, std::uint64_t cr4, std::uint64_t gva, Walk& w) {
  static const char* const names[] = {"PML5", "PML4", "PDPT", "PD", "PT"};
  const int first = (cr4 & x86::kCr4La57) ? 0 : 1;
  w.paging = first == 0 ? "5-level" : "4-level";
  std::uint64_t table = cr3 & kAddressMask;
  for (int level = first; level < 5; ++level) {
    const int shift = 48 - 9 * level;
    const unsigned index = (gva >> shift) & 511;
    const std::uint64_t entry_gpa = table + 8u * index;
    const auto value = read(entry_gpa, 8);
    if (!value) {
      w.fault = std::string(names[level]) + " at " + virtlab::hex(table) + " lies outside guest memory";
      return;
    }
    const bool large = (level == 2 || level == 3) && (*value & kPageSize);  // 1 GiB (PDPT) or 2 MiB (PD) page
    const bool leaf = level == 4 || large;
    w.levels.push_back({names[level], table, index, entry_gpa, *value, decode_entry_flags(*value), leaf});
    if (!(*value & kPresent)) {
      w.fault = std::string(names[level]) + " entry " + std::to_string(index) + " is not present";
      return;
    }
    w.writable = w.writable && (*value & kWritable);
    w.user = w.user && (*value & kUser);
    if (leaf) {
      const std::uint64_t size = std::uint64_t{1} << shift;
      w.page_size = size;
      w.gpa = ((*value & kAddressMask) & ~(size - 1)) | (gva & (size - 1));
      return;
    }
    table = *value & kAddressMask;
  }
}

// 32-bit paging without PAE: PD → PT, or a 4 MiB page with CR4.PSE.
void walk_32bit(const PhysReader& read, std::uint64_t cr3, std::uint64_t cr4, std::uint64_t gva, Walk& w) {
  w.paging = "32-bit";
  const std::uint32_t va = static_cast<std::uint32_t>(gva);
  const std::uint64_t dir = cr3 & 0xfffff000u;
  const unsigned di = va >> 22;
  const auto pde = read(dir + 4u * di, 4);
  if (!pde) {
    w.fault = "page directory at " + virtlab::hex(dir) + " lies outside guest memory";
    return;
  }
  const bool large = (cr4 & x86::kCr4Pse) && (*pde & kPageSize);
  w.levels.push_back({"PD", dir, di, dir + 4u * di, *pde, decode_entry_flags(*pde), large});
  if (!(*pde & kPresent)) {
    w.fault = "PD entry " + std::to_string(di) + " is not present";
    return;
  }
  w.writable = (*pde & kWritable) != 0;
  w.user = (*pde & kUser) != 0;
  if (large) {
    w.page_size = 4u << 20;
    w.gpa = (*pde & 0xffc00000u) | (va & 0x3fffffu);
    return;
  }
  const std::uint64_t pt = *pde & 0xfffff000u;
  const unsigned ti = (va >> 12) & 1023;
  const auto pte = read(pt + 4u * ti, 4);
  if (!pte) {
    w.fault = "page table at " + virtlab::hex(pt) + " lies outside guest memory";
    return;
  }
  w.levels.push_back({"PT", pt, ti, pt + 4u * ti, *pte, decode_entry_flags(*pte), true});
  if (!(*pte & kPresent)) {
    w.fault = "PT entry " + std::to_string(ti) + " is not present";
    return;
  }
  w.writable = w.writable && (*pte & kWritable);
  w.user = w.user && (*pte & kUser);
  w.page_size = 4096;
  w.gpa = (*pte & 0xfffff000u) | (va & 0xfffu);
}

}  // namespace

Walk walk(const PhysReader& read, std::uint64_t cr0, std::uint64_t cr3, std::uint64_t cr4, std::uint64_t efer,
          std::uint64_t gva) {
  Walk w;
  if (!(cr0 & x86::kCr0Pg)) {
    w.paging = "none";
    w.gpa = gva;
    w.page_size = 0;
    w.writable = w.user = true;
    return w;
  }
  w.writable = w.user = true;
  const bool long_mode = (efer & x86::kEferLma) != 0;
  if (long_mode) {
    walk_long_mode(read, cr3, cr4, gva, w);
    return w;
  }
  if (cr4 & x86::kCr4Pae) {
    w.paging = "PAE";
    w.fault = "32-bit PAE paging is not walked by vmctl";
    return w;
  }
  walk_32bit(read, cr3, cr4, gva, w);
  return w;
}

}  // namespace virtlab::vmctl::paging
