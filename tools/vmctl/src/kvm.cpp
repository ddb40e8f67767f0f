// The KVM backend: raw ioctls on /dev/kvm, the VM fd and vCPU fds, each logged to --explain where it is made.
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/kvm_abi.hpp"
#include "vmctl/x86.hpp"

namespace virtlab::vmctl {

using virtlab::Error;
using virtlab::ExitCode;
using virtlab::hex;

namespace {

// vCPU threads call KVM_RUN concurrently; the explain log is one ordered list.
std::mutex explain_mutex;

void log_step(const std::string& call, const std::string& target, const std::string& result,
              const std::string& meaning = {}) {
  if (!virtlab::explaining()) return;
  std::lock_guard lock(explain_mutex);
  virtlab::explain(call, target, result, meaning);
}

std::string result_of(long rc, int err) {
  return rc < 0 ? virtlab::errno_result(err) : std::to_string(rc);
}

std::uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Exit timestamps: the TSC read with one instruction, turned into nanoseconds with the kernel's own conversion
// (time_mult/time_shift from a perf event's mmap page, the way perf converts TSC in userspace). No vDSO call per exit;
// when the kernel does not offer it (TSC not the stable clock, perf events forbidden), one clock_gettime per exit.
class ExitClock {
 public:
  ExitClock() {
    perf_event_attr attr{};
    attr.type = PERF_TYPE_SOFTWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_SW_DUMMY;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    const int fd = static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
    const int err = errno;
    if (fd >= 0) {
      const long page = sysconf(_SC_PAGESIZE);
      void* map = mmap(nullptr, static_cast<std::size_t>(page), PROT_READ, MAP_SHARED, fd, 0);
      if (map != MAP_FAILED) {
        const auto* pg = static_cast<const volatile perf_event_mmap_page*>(map);
        std::uint32_t seq = 0;
        do {
          seq = pg->lock;
          __atomic_thread_fence(__ATOMIC_ACQUIRE);
          tsc_ = pg->cap_user_time != 0;
          shift_ = pg->time_shift;
          mult_ = pg->time_mult;
          __atomic_thread_fence(__ATOMIC_ACQUIRE);
        } while (pg->lock != seq);
        munmap(map, static_cast<std::size_t>(page));
      }
      close(fd);
    }
    log_step("perf_event_open+mmap", "software dummy event on this process, 1 page",
             fd < 0 ? virtlab::errno_result(err)
             : tsc_ ? "cap_user_time, time_mult " + std::to_string(mult_) + ", time_shift " + std::to_string(shift_)
                    : std::string("no cap_user_time"),
             tsc_ ? "exit timestamps: RDTSC converted with the kernel's factors (no clock call per exit)"
                  : "exit timestamps: one clock_gettime per exit");
    start_ = now();
  }
  // Nanoseconds since this clock was made.
  std::uint64_t since_start() const noexcept { return now() - start_; }

 private:
  std::uint64_t now() const noexcept {
    if (!tsc_) return now_ns();
    const std::uint64_t cycles = __rdtsc();
    const std::uint64_t quot = cycles >> shift_, rem = cycles & ((std::uint64_t{1} << shift_) - 1);
    return quot * mult_ + ((rem * mult_) >> shift_);
  }
  bool tsc_ = false;
  std::uint16_t shift_ = 0;
  std::uint32_t mult_ = 0;
  std::uint64_t start_ = 0;
};

const char* hint_for_missing_kvm() {
  return "this machine exposes no hardware virtualization; run `vmctl --nested ...` to use the test VM (QEMU TCG "
         "with nested KVM), or load kvm_intel/kvm_amd on a host with VT-x/AMD-V";
}

class KvmVcpu final : public Vcpu {
 public:
  KvmVcpu(int index, virtlab::UniqueFd fd, int run_size, const ExitClock& clock)
      : index_(index), fd_(std::move(fd)), run_size_(run_size), clock_(clock) {
    void* map = mmap(nullptr, static_cast<std::size_t>(run_size_), PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);
    const int err = errno;
    log_step("mmap", "vCPU " + std::to_string(index) + " fd, " + std::to_string(run_size_) + " bytes, MAP_SHARED",
             map == MAP_FAILED ? virtlab::errno_result(err) : hex(reinterpret_cast<std::uint64_t>(map)),
             "struct kvm_run: where KVM writes why the guest exited (shared with the kernel, no copy)");
    if (map == MAP_FAILED) virtlab::throw_errno(err, "cannot mmap the kvm_run area of vCPU " + std::to_string(index));
    run_ = static_cast<kvm_run*>(map);
    open_stats();
  }
  ~KvmVcpu() override { munmap(run_, static_cast<std::size_t>(run_size_)); }

  int index() const noexcept override { return index_; }

  // Hot: the exit path's functions are grouped in .text.hot, so an exit touches few code pages (under nested TCG
  // every VM entry/exit flushes the emulated TLB, and each distinct page touched afterwards costs a page walk).
  [[gnu::hot]] VmExit run() override {
    const int rc = ioctl(fd_.get(), KVM_RUN, 0);
    const int err = errno;
    const std::uint64_t t = clock_.since_start();
    ++runs_;
    if (rc < 0 && err != EINTR) run_failed(err);
    VmExit exit;
    if (rc < 0) {  // EINTR: a signal or immediate_exit; KVM leaves exit_reason = KVM_EXIT_INTR
      exit.reason = KVM_EXIT_INTR;
      exit.vcpu = index_;
      exit.time_ns = t;
    } else {
      exit = decode_exit({reinterpret_cast<const std::uint8_t*>(run_), static_cast<std::size_t>(run_size_)}, index_, t);
    }
    if (virtlab::explaining() && runs_ <= kExplainRuns + 1) explain_run(rc, err, exit);
    return exit;
  }

  // Off the hot path (cold section): the string building of --explain and of errors.
  [[gnu::cold, gnu::noinline]] void explain_run(int rc, int err, const VmExit& exit) const {
    if (runs_ <= kExplainRuns)
      log_step("ioctl(KVM_RUN)", "vCPU " + std::to_string(index_),
               rc < 0 ? virtlab::errno_result(err) : "0, exit_reason " + std::to_string(exit.reason),
               format_exit(exit));
    else
      log_step("ioctl(KVM_RUN)", "vCPU " + std::to_string(index_), "…",
               "further KVM_RUN calls are not logged one by one; the exit histogram counts them all");
  }
  [[gnu::cold, gnu::noinline, noreturn]] void run_failed(int err) const {
    log_step("ioctl(KVM_RUN)", "vCPU " + std::to_string(index_), virtlab::errno_result(err));
    virtlab::throw_errno(err, "KVM_RUN failed on vCPU " + std::to_string(index_));
  }

  void complete_read(std::span<const std::uint8_t> data) override {
    if (run_->exit_reason == KVM_EXIT_MMIO && !run_->mmio.is_write) {
      std::memcpy(run_->mmio.data, data.data(), std::min<std::size_t>(data.size(), sizeof run_->mmio.data));
    } else if (run_->exit_reason == KVM_EXIT_IO && run_->io.direction == KVM_EXIT_IO_IN) {
      const std::size_t n = std::min<std::size_t>(data.size(), std::size_t{run_->io.size} * run_->io.count);
      std::memcpy(reinterpret_cast<std::uint8_t*>(run_) + run_->io.data_offset, data.data(), n);
    }
  }

  kvm_regs get_regs() override {
    kvm_regs regs{};
    ioctl_or_throw(KVM_GET_REGS, &regs, "KVM_GET_REGS", "general registers (RIP, RSP, RAX …)");
    return regs;
  }
  void set_regs(const kvm_regs& regs) override {
    kvm_regs copy = regs;
    ioctl_or_throw(KVM_SET_REGS, &copy, "KVM_SET_REGS",
                   "RIP=" + hex(regs.rip) + " RSP=" + hex(regs.rsp) + " RFLAGS=" + hex(regs.rflags));
  }
  kvm_sregs get_sregs() override {
    kvm_sregs s{};
    ioctl_or_throw(KVM_GET_SREGS, &s, "KVM_GET_SREGS", "special registers as KVM initialised them (reset state)");
    return s;
  }
  void set_sregs(const kvm_sregs& sregs) override {
    kvm_sregs copy = sregs;
    const int rc = ioctl(fd_.get(), KVM_SET_SREGS, &copy);
    const int err = errno;
    log_step("ioctl(KVM_SET_SREGS)", "vCPU " + std::to_string(index_), result_of(rc, err), x86::describe_sregs(sregs));
    if (rc == 0) return;
    if (err == EINVAL) {
      const auto why = x86::explain_invalid_sregs(sregs);
      throw Error(ExitCode::failure,
                  "KVM_SET_SREGS rejected the special registers (EINVAL): " +
                      why.value_or("KVM found them inconsistent: " + x86::describe_sregs(sregs)),
                  "make CR0/CR4/EFER/CS consistent, e.g. long mode needs CR0.PE+PG, CR4.PAE and EFER.LME+LMA", err);
    }
    virtlab::throw_errno(err, "KVM_SET_SREGS failed on vCPU " + std::to_string(index_));
  }

  Translation translate(std::uint64_t gva) override {
    kvm_translation tr{};
    tr.linear_address = gva;
    const int rc = ioctl(fd_.get(), KVM_TRANSLATE, &tr);
    const int err = errno;
    log_step("ioctl(KVM_TRANSLATE)", "vCPU " + std::to_string(index_) + " GVA " + hex(gva),
             rc < 0 ? virtlab::errno_result(err)
                    : (tr.valid ? "valid, GPA " + hex(tr.physical_address) : std::string("not mapped")),
             "KVM walks the guest's page tables itself (a cross-check of vmctl's walk)");
    if (rc < 0) virtlab::throw_errno(err, "KVM_TRANSLATE failed for " + hex(gva));
    return {tr.valid != 0, tr.physical_address, tr.writeable != 0, tr.usermode != 0};
  }

  std::vector<KvmStatValue> stats() override {
    if (!stats_fd_) return {};
    std::vector<std::uint8_t> data(stats_layout_.data_size);
    virtlab::pread_full(stats_fd_.get(), std::as_writable_bytes(std::span(data)), stats_layout_.data_offset,
                        "KVM stats data");
    log_step("pread",
             "vCPU " + std::to_string(index_) + " stats fd, " + std::to_string(data.size()) + " bytes at " +
                 std::to_string(stats_layout_.data_offset),
             std::to_string(data.size()) + " bytes", "all in-kernel counters of this vCPU in one read");
    return kvm_stat_values(stats_layout_, data);
  }

  void request_exit() noexcept override { __atomic_store_n(&run_->immediate_exit, 1, __ATOMIC_SEQ_CST); }

 private:
  static constexpr int kExplainRuns = 24;

  void ioctl_or_throw(unsigned long request, void* arg, const char* name, const std::string& meaning) {
    const int rc = ioctl(fd_.get(), request, arg);
    const int err = errno;
    log_step(std::string("ioctl(") + name + ")", "vCPU " + std::to_string(index_), result_of(rc, err), meaning);
    if (rc < 0) virtlab::throw_errno(err, std::string(name) + " failed on vCPU " + std::to_string(index_));
  }

  void open_stats() {
    const int fd = ioctl(fd_.get(), KVM_GET_STATS_FD, 0);
    const int err = errno;
    log_step("ioctl(KVM_GET_STATS_FD)", "vCPU " + std::to_string(index_),
             fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
             "binary statistics: counters of exits the kernel handled without telling userspace");
    if (fd < 0) return;
    stats_fd_.reset(fd);
    std::vector<std::uint8_t> head(std::size_t{64} * 1024);
    const std::size_t got =
        virtlab::pread_full(stats_fd_.get(), std::as_writable_bytes(std::span(head)), 0, "KVM stats");
    head.resize(got);
    try {
      stats_layout_ = parse_kvm_stats(head);
    } catch (const std::exception& e) {
      log_step("parse", "KVM stats header (" + std::to_string(got) + " bytes)", e.what(),
               "vmctl cannot read this kernel's stats layout; counters are left out");
      stats_fd_.reset();
    }
  }

  int index_;
  virtlab::UniqueFd fd_;
  int run_size_;
  const ExitClock& clock_;  // the VM's; the VM outlives its vCPUs
  kvm_run* run_ = nullptr;
  std::uint64_t runs_ = 0;
  virtlab::UniqueFd stats_fd_;
  KvmStatsLayout stats_layout_;
};

class KvmVm final : public Vm {
 public:
  KvmVm(virtlab::UniqueFd fd, int run_size, std::vector<std::uint8_t> cpuid)
      : fd_(std::move(fd)), run_size_(run_size), cpuid_(std::move(cpuid)) {}

  void set_memory_region(const MemoryRegion& r) override {
    kvm_userspace_memory_region region{};
    region.slot = r.slot;
    region.flags = (r.readonly ? KVM_MEM_READONLY : 0u) | (r.log_dirty ? KVM_MEM_LOG_DIRTY_PAGES : 0u);
    region.guest_phys_addr = r.gpa;
    region.memory_size = r.size;
    region.userspace_addr = r.hva;
    const int rc = ioctl(fd_.get(), KVM_SET_USER_MEMORY_REGION, &region);
    const int err = errno;
    log_step("ioctl(KVM_SET_USER_MEMORY_REGION)",
             "slot " + std::to_string(r.slot) + " GPA " + hex(r.gpa) + " size " + virtlab::human_bytes(r.size) +
                 " HVA " + hex(r.hva) + (r.readonly ? " READONLY" : "") + (r.log_dirty ? " LOG_DIRTY_PAGES" : ""),
             result_of(rc, err),
             "guest-physical " + hex(r.gpa) + "-" + hex(r.gpa + r.size) + " is now backed by vmctl's memory at " +
                 hex(r.hva) + (r.readonly ? "; guest writes here become MMIO exits" : ""));
    if (rc < 0)
      virtlab::throw_errno(err, "KVM_SET_USER_MEMORY_REGION slot " + std::to_string(r.slot) + " failed",
                           err == EINVAL && r.readonly ? "this KVM lacks KVM_CAP_READONLY_MEM" : "");
  }

  std::unique_ptr<Vcpu> create_vcpu(int index) override {
    const int fd = ioctl(fd_.get(), KVM_CREATE_VCPU, index);
    const int err = errno;
    log_step("ioctl(KVM_CREATE_VCPU)", "vCPU id " + std::to_string(index),
             fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
             "a virtual CPU; vmctl runs it on its own host thread");
    if (fd < 0) virtlab::throw_errno(err, "KVM_CREATE_VCPU " + std::to_string(index) + " failed");
    virtlab::UniqueFd vcpu_fd(fd);
    if (!cpuid_.empty()) {
      // Every VMM gives the vCPU a CPUID: without it KVM treats long mode and the physical-address width as absent
      // and rejects long-mode special registers with EINVAL.
      const int rc = ioctl(fd, kvm_abi::kSetCpuid2, cpuid_.data());
      const int e = errno;
      log_step("ioctl(KVM_SET_CPUID2)",
               "vCPU " + std::to_string(index) + ", " +
                   std::to_string(reinterpret_cast<const kvm_abi::Cpuid2Header*>(cpuid_.data())->nent) + " leaves",
               result_of(rc, e), "what CPUID reports inside the guest: all KVM supports (long mode, MAXPHYADDR …)");
      if (rc < 0)
        virtlab::throw_errno(
            e, "KVM_SET_CPUID2 failed on vCPU " + std::to_string(index),
            "KVM rejected the CPUID it reported itself; check the kernel log (dmesg) for KVM messages");
    }
    return std::make_unique<KvmVcpu>(index, std::move(vcpu_fd), run_size_, clock_);
  }

  std::vector<std::uint64_t> get_dirty_log(std::uint32_t slot, std::uint64_t slot_size) override {
    const std::uint64_t pages = slot_size / 4096;
    std::vector<std::uint64_t> bitmap((pages + 63) / 64, 0);
    kvm_dirty_log log{};
    log.slot = slot;
    log.dirty_bitmap = bitmap.data();
    const int rc = ioctl(fd_.get(), KVM_GET_DIRTY_LOG, &log);
    const int err = errno;
    std::uint64_t dirty = 0;
    for (auto word : bitmap) dirty += static_cast<std::uint64_t>(__builtin_popcountll(word));
    log_step("ioctl(KVM_GET_DIRTY_LOG)",
             "slot " + std::to_string(slot) + ", bitmap of " + std::to_string(pages) + " pages",
             rc < 0 ? virtlab::errno_result(err) : std::to_string(dirty) + " dirty pages",
             "pages the guest wrote since the last call; reading clears the log");
    if (rc < 0) virtlab::throw_errno(err, "KVM_GET_DIRTY_LOG failed for slot " + std::to_string(slot));
    return bitmap;
  }

 private:
  virtlab::UniqueFd fd_;
  int run_size_;
  ExitClock clock_;                  // exit timestamps are nanoseconds since the VM was made
  std::vector<std::uint8_t> cpuid_;  // struct kvm_cpuid2 + entries, from KVM_GET_SUPPORTED_CPUID
};

}  // namespace

GuestMemory::GuestMemory(std::uint64_t size) : size_(size) {
  void* map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  const int err = errno;
  log_step("mmap", virtlab::human_bytes(size) + " anonymous, MAP_PRIVATE|MAP_NORESERVE",
           map == MAP_FAILED ? virtlab::errno_result(err) : hex(reinterpret_cast<std::uint64_t>(map)),
           "host virtual memory that will back guest-physical memory (HVA)");
  if (map == MAP_FAILED) virtlab::throw_errno(err, "cannot map " + virtlab::human_bytes(size) + " of guest memory");
  data_ = static_cast<std::uint8_t*>(map);
}

GuestMemory::~GuestMemory() {
  if (data_) munmap(data_, size_);
}

Kvm::Kvm() {
  const int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  const int err = errno;
  log_step("openat", "/dev/kvm O_RDWR", fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
           "the KVM subsystem: one fd for system-wide ioctls");
  if (fd < 0) {
    if (err == ENOENT || err == ENODEV || err == ENXIO)
      throw Error(ExitCode::unsupported, "/dev/kvm is missing: this machine has no KVM", hint_for_missing_kvm(), err);
    if (err == EACCES || err == EPERM)
      throw Error(ExitCode::permission, "cannot open /dev/kvm", "run as root or join the kvm group", err);
    virtlab::throw_errno(err, "cannot open /dev/kvm");
  }
  fd_.reset(fd);
  api_version_ = ioctl(fd, KVM_GET_API_VERSION, 0);
  log_step("ioctl(KVM_GET_API_VERSION)", "/dev/kvm", std::to_string(api_version_), "12 is the only stable KVM API");
  if (api_version_ != KVM_API_VERSION)
    throw Error(ExitCode::unsupported, "KVM API version " + std::to_string(api_version_) + " is not 12",
                "this kernel's KVM is too old or too new for vmctl");
  run_size_ = ioctl(fd, KVM_GET_VCPU_MMAP_SIZE, 0);
  log_step("ioctl(KVM_GET_VCPU_MMAP_SIZE)", "/dev/kvm", std::to_string(run_size_),
           "bytes of the kvm_run area per vCPU");
  if (run_size_ <= 0) virtlab::throw_errno("KVM_GET_VCPU_MMAP_SIZE failed");
}

int Kvm::check_extension(long capability) const {
  const int rc = ioctl(fd_.get(), KVM_CHECK_EXTENSION, capability);
  log_step("ioctl(KVM_CHECK_EXTENSION)", "capability " + std::to_string(capability), result_of(rc, errno));
  return rc < 0 ? 0 : rc;
}

std::unique_ptr<Vm> Kvm::create_vm() const {
  const int fd = ioctl(fd_.get(), KVM_CREATE_VM, 0);
  const int err = errno;
  log_step("ioctl(KVM_CREATE_VM)", "/dev/kvm, type 0", fd < 0 ? virtlab::errno_result(err) : "fd " + std::to_string(fd),
           "an empty VM: no memory, no vCPUs yet");
  if (fd < 0) virtlab::throw_errno(err, "KVM_CREATE_VM failed");
  virtlab::UniqueFd vm_fd(fd);
  std::vector<std::uint8_t> cpuid;
  for (std::uint32_t n = 64; n <= 1024; n *= 2) {
    cpuid.assign(kvm_abi::kCpuidEntriesOffset + n * sizeof(kvm_cpuid_entry2), 0);
    reinterpret_cast<kvm_abi::Cpuid2Header*>(cpuid.data())->nent = n;
    const int rc = ioctl(fd_.get(), kvm_abi::kGetSupportedCpuid, cpuid.data());
    const int e = errno;
    log_step("ioctl(KVM_GET_SUPPORTED_CPUID)", "/dev/kvm, room for " + std::to_string(n) + " leaves",
             rc < 0 ? virtlab::errno_result(e)
                    : std::to_string(reinterpret_cast<kvm_abi::Cpuid2Header*>(cpuid.data())->nent) + " leaves");
    if (rc == 0) break;
    // E2BIG: more leaves than room; try a bigger buffer (KVM caps the count at KVM_MAX_CPUID_ENTRIES).
    if (e != E2BIG || n == 1024)
      virtlab::throw_errno(e, "KVM_GET_SUPPORTED_CPUID failed on /dev/kvm",
                           e == EINVAL ? "EINVAL here usually means a wrong ioctl number: struct kvm_cpuid2 must be 8 "
                                         "bytes (see vmctl/kvm_abi.hpp)"
                                       : "");
  }
  return std::make_unique<KvmVm>(std::move(vm_fd), run_size_, std::move(cpuid));
}

}  // namespace virtlab::vmctl
