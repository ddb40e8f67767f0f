// Guest page tables: a builder (vmctl writes the tables the guest runs on) and a walker (vmctl reads the guest's
// tables the way the MMU does, each level shown). Pure: they work on a span of guest memory, not on KVM.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <linux/kvm.h>

namespace virtlab::vmctl::paging {

inline constexpr std::uint64_t kPresent = 1u << 0;
inline constexpr std::uint64_t kWritable = 1u << 1;
inline constexpr std::uint64_t kUser = 1u << 2;
inline constexpr std::uint64_t kWriteThrough = 1u << 3;
inline constexpr std::uint64_t kCacheDisable = 1u << 4;
inline constexpr std::uint64_t kAccessed = 1u << 5;
inline constexpr std::uint64_t kDirty = 1u << 6;
inline constexpr std::uint64_t kPageSize = 1u << 7;  // PS: this entry maps a large page (2 MiB / 1 GiB / 4 MiB)
inline constexpr std::uint64_t kGlobal = 1u << 8;
inline constexpr std::uint64_t kNoExecute = std::uint64_t{1} << 63;
inline constexpr std::uint64_t kAddressMask = 0x000ffffffffff000ull;  // bits 12..51 of a 64-bit entry

// The flags of an entry by name: "P RW A D PS" (address bits left out).
std::string decode_entry_flags(std::uint64_t entry);

// Entries vmctl writes have Accessed and Dirty already set, like Linux's kernel mappings (__PAGE_KERNEL): the guest's
// own page walks then never write to the tables, so KVM's dirty log shows only what the guest program wrote.
inline constexpr std::uint64_t kTableFlags = kPresent | kWritable | kAccessed | kDirty;

// Builds x86-64 4-level tables in `mem`. Table pages come from `pool` in order (first one is the PML4); the builder
// zeroes each page it takes. Throws std::logic_error when the pool runs out or a mapping conflicts.
class LongModeBuilder {
 public:
  LongModeBuilder(std::span<std::uint8_t> mem, std::vector<std::uint64_t> pool);
  std::uint64_t cr3() const noexcept { return pml4_; }
  void map_4k(std::uint64_t gva, std::uint64_t gpa, std::uint64_t flags = kTableFlags);
  void map_2m(std::uint64_t gva, std::uint64_t gpa, std::uint64_t flags = kTableFlags);

 private:
  std::uint64_t table_for(std::uint64_t table, unsigned index);  // the next-level table, allocated on demand
  std::uint64_t allocate();
  std::uint64_t& entry(std::uint64_t table, unsigned index);
  std::span<std::uint8_t> mem_;
  std::vector<std::uint64_t> pool_;
  std::size_t next_ = 0;
  std::uint64_t pml4_ = 0;
};

// Builds 32-bit (non-PAE) tables: page directory + page tables of 4-byte entries; 4 MiB pages need CR4.PSE.
class Protected32Builder {
 public:
  Protected32Builder(std::span<std::uint8_t> mem, std::vector<std::uint64_t> pool);
  std::uint64_t cr3() const noexcept { return dir_; }
  void map_4k(std::uint32_t gva, std::uint32_t gpa, std::uint32_t flags = kTableFlags);
  void map_4m(std::uint32_t gva, std::uint32_t gpa, std::uint32_t flags = kTableFlags);

 private:
  std::uint64_t allocate();
  std::uint32_t& entry(std::uint64_t table, unsigned index);
  std::span<std::uint8_t> mem_;
  std::vector<std::uint64_t> pool_;
  std::size_t next_ = 0;
  std::uint64_t dir_ = 0;
};

// One level of a walk, as the MMU saw it.
struct WalkLevel {
  std::string table;        // "PML4", "PDPT", "PD", "PT" (long) or "PD", "PT" (32-bit)
  std::uint64_t table_gpa;  // guest-physical address of the table page
  unsigned index;           // which entry (from the GVA's bits)
  std::uint64_t entry_gpa;  // guest-physical address of the entry
  std::uint64_t entry;      // the entry's raw value
  std::string flags;        // decode_entry_flags(entry)
  bool leaf;                // this entry maps the page (PT entry, or PS set)
};

struct Walk {
  std::string paging;  // "none", "32-bit", "4-level"
  std::vector<WalkLevel> levels;
  std::optional<std::uint64_t> gpa;  // nullopt: not mapped (fault says why)
  std::uint64_t page_size = 0;       // 4096, 2 MiB, 1 GiB or 4 MiB
  std::string fault;                 // "PT entry 1 not present" …
  bool writable = false;             // every level had RW
  bool user = false;                 // every level had US
};

// Reads an aligned 4- or 8-byte value at a GPA; nullopt when outside guest memory.
using PhysReader = std::function<std::optional<std::uint64_t>(std::uint64_t gpa, unsigned size)>;
// A reader over a memory span with GPA 0 at mem[0].
PhysReader span_reader(std::span<const std::uint8_t> mem);

// Walks the guest's tables from its CR0/CR3/CR4/EFER (no paging → GPA = GVA).
Walk walk(const PhysReader& read, std::uint64_t cr0, std::uint64_t cr3, std::uint64_t cr4, std::uint64_t efer,
          std::uint64_t gva);
inline Walk walk(const PhysReader& read, const kvm_sregs& s, std::uint64_t gva) {
  return walk(read, s.cr0, s.cr3, s.cr4, s.efer, gva);
}

}  // namespace virtlab::vmctl::paging
