// The hypervisor behind a small interface (the shape of cloud-hypervisor's Vm/Vcpu traits): vmctl's runner and
// guests only talk to Vm and Vcpu; the KVM implementation does the raw ioctls and logs each one to --explain.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <linux/kvm.h>

#include "virtlab/fd.hpp"
#include "vmctl/exits.hpp"
#include "vmctl/kvm_stats.hpp"

namespace virtlab::vmctl {

// Anonymous host memory that backs guest-physical memory (RAII mmap).
class GuestMemory {
 public:
  explicit GuestMemory(std::uint64_t size);
  ~GuestMemory();
  GuestMemory(const GuestMemory&) = delete;
  GuestMemory& operator=(const GuestMemory&) = delete;
  std::span<std::uint8_t> bytes() noexcept { return {data_, size_}; }
  std::span<const std::uint8_t> bytes() const noexcept { return {data_, size_}; }
  std::uint8_t* data() noexcept { return data_; }
  std::uint64_t size() const noexcept { return size_; }
  std::uint64_t hva() const noexcept { return reinterpret_cast<std::uint64_t>(data_); }

 private:
  std::uint8_t* data_ = nullptr;
  std::uint64_t size_ = 0;
};

struct MemoryRegion {
  std::uint32_t slot = 0;
  std::uint64_t gpa = 0;
  std::uint64_t size = 0;
  std::uint64_t hva = 0;
  bool readonly = false;   // KVM_MEM_READONLY: guest writes become MMIO exits
  bool log_dirty = false;  // KVM_MEM_LOG_DIRTY_PAGES: KVM_GET_DIRTY_LOG reports written pages
};

struct Translation {  // KVM_TRANSLATE's answer
  bool valid = false;
  std::uint64_t gpa = 0;
  bool writeable = false;
  bool usermode = false;
};

class Vcpu {
 public:
  virtual ~Vcpu() = default;
  virtual int index() const noexcept = 0;
  // One KVM_RUN. A signal or request_exit() ends it with reason KVM_EXIT_INTR.
  virtual VmExit run() = 0;
  // Supplies the bytes an IN or MMIO read returns to the guest (applied on the next run()).
  virtual void complete_read(std::span<const std::uint8_t> data) = 0;
  virtual kvm_regs get_regs() = 0;
  virtual void set_regs(const kvm_regs& regs) = 0;
  virtual kvm_sregs get_sregs() = 0;
  // Throws Error; on EINVAL the message says which KVM rule the sregs break.
  virtual void set_sregs(const kvm_sregs& sregs) = 0;
  virtual Translation translate(std::uint64_t gva) = 0;
  // In-kernel counters of this vCPU (KVM_GET_STATS_FD); empty when the kernel has no stats fd.
  virtual std::vector<KvmStatValue> stats() = 0;
  // Async-signal-safe: makes the current or next run() return KVM_EXIT_INTR (kvm_run->immediate_exit).
  virtual void request_exit() noexcept = 0;
};

class Vm {
 public:
  virtual ~Vm() = default;
  virtual void set_memory_region(const MemoryRegion& region) = 0;
  virtual std::unique_ptr<Vcpu> create_vcpu(int index) = 0;
  // One bit per page of the slot, set when the guest wrote the page since the previous call (which clears it).
  virtual std::vector<std::uint64_t> get_dirty_log(std::uint32_t slot, std::uint64_t slot_size) = 0;
};

// /dev/kvm. Throws Error(unsupported, "/dev/kvm is missing …") when there is no KVM here.
class Kvm {
 public:
  Kvm();
  int api_version() const noexcept { return api_version_; }
  // KVM_CHECK_EXTENSION: 0 = absent, >0 present (some return a count, e.g. memslots).
  int check_extension(long capability) const;
  std::unique_ptr<Vm> create_vm() const;
  int fd() const noexcept { return fd_.get(); }

 private:
  virtlab::UniqueFd fd_;
  int api_version_ = 0;
  int run_size_ = 0;
};

}  // namespace virtlab::vmctl
