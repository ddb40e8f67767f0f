#include "vmctl/boot_disk.hpp"

#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/text.hpp"
#include "vmctl/kvm_abi.hpp"

namespace virtlab::vmctl {

namespace {

bool set_line(int vm_fd, std::uint32_t gsi, bool level) {
  kvm_irq_level irq{};
  irq.irq = gsi;
  irq.level = level ? 1 : 0;
  return ioctl(vm_fd, KVM_IRQ_LINE, &irq) == 0;
}

std::unique_ptr<BlockStore> open_store(const DiskSpec& spec) {
  if (spec.mode == DiskMode::snapshot) return std::make_unique<SnapshotStore>(spec.path, delta_path_for(spec.path));
  return std::make_unique<FileStore>(spec.path, spec.mode == DiskMode::read_only);
}

// GET_ID's answer (/sys/block/vda/serial): the file's name, at most 20 bytes.
std::string disk_id(const std::string& path) {
  return std::filesystem::path(path).filename().string().substr(0, VirtioBlock::kIdBytes);
}

std::string describe_space(const FileSpace& s) {
  return virtlab::human_bytes(s.size) + " long, " + virtlab::human_bytes(s.allocated) + " allocated (" +
         (s.thin() ? "thin" : "thick") + ")";
}

}  // namespace

BootDisk::BootDisk(int vm_fd, std::span<std::uint8_t> memory, const DiskSpec& spec, bool ioeventfd) : vm_fd_(vm_fd) {
  report_.present = true;
  report_.path = spec.path;
  report_.mode = spec.mode;
  report_.before = file_space(spec.path).value_or(FileSpace{});
  store_ = open_store(spec);
  if (const auto* snapshot = dynamic_cast<const SnapshotStore*>(store_.get())) {
    report_.delta_path = delta_path_for(spec.path);
    report_.delta_continued = snapshot->continued();
  }
  device_ = std::make_unique<VirtioBlock>(memory, *store_, spec.mode == DiskMode::read_only, disk_id(spec.path));
  report_.capacity_sectors = device_->capacity_sectors();
  virtlab::explain(
      "virtio-blk",
      "virtio-mmio " + virtlab::hex(kVirtioBlockAddress) + " (4 KiB), GSI " + std::to_string(kVirtioBlockGsi) +
          " level",
      "device id 2, " + std::to_string(report_.capacity_sectors) + " sectors, " + std::string(to_string(spec.mode)),
      spec.path + ": " + describe_space(report_.before) +
          (spec.mode == DiskMode::snapshot ? "; writes go to " + report_.delta_path : std::string()));
  if (ioeventfd) register_ioeventfd();
}

BootDisk::~BootDisk() {
  std::lock_guard lock(mutex_);
  drop_unused_delta();
}

void BootDisk::drop_unused_delta() {
  const auto* snapshot = dynamic_cast<const SnapshotStore*>(store_.get());
  if (!snapshot || snapshot->continued() || snapshot->delta_sectors() > 0 || !report_.delta_kept) return;
  report_.delta_kept = unlink(report_.delta_path.c_str()) != 0;
  virtlab::explain("unlink", report_.delta_path, report_.delta_kept ? virtlab::errno_result(errno) : "0",
                   "the guest wrote nothing: the empty delta this run created goes again");
}

// The guest's kick of the request queue signals an eventfd inside KVM instead of exiting to vmctl.
void BootDisk::register_ioeventfd() {
  const long cap = ioctl(vm_fd_, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD);
  if (cap <= 0) return;
  notify_fd_.reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!notify_fd_) virtlab::throw_errno("eventfd failed", "check the open-file limit (ulimit -n)");
  kvm_ioeventfd io{};
  io.datamatch = VirtioBlock::kRequestQueue;
  io.addr = kVirtioBlockAddress + VirtioMmio::kQueueNotify;
  io.len = 4;
  io.fd = notify_fd_.get();
  io.flags = KVM_IOEVENTFD_FLAG_DATAMATCH;
  const int rc = ioctl(vm_fd_, KVM_IOEVENTFD, &io);
  const int err = errno;
  virtlab::explain("ioctl(KVM_IOEVENTFD)", "QueueNotify " + virtlab::hex(io.addr) + " = 0",
                   rc < 0 ? virtlab::errno_result(err) : "0",
                   "the guest's kick of the request queue signals eventfd " + std::to_string(io.fd) + ": no exit");
  if (rc < 0) virtlab::throw_errno(err, "KVM_IOEVENTFD for virtio-blk failed", "try --no-eventfd");
  report_.ioeventfd = true;
}

bool BootDisk::update_irq() {
  const bool level = device_->irq_level();
  if (level == irq_level_) return true;
  irq_level_ = level;
  if (!set_line(vm_fd_, kVirtioBlockGsi, level)) return false;
  if (level) ++report_.irq_raises;
  return true;
}

bool BootDisk::handle_mmio(kvm_run& run) {
  const std::uint64_t offset = run.mmio.phys_addr - kVirtioBlockAddress;
  const unsigned len = std::min<unsigned>(run.mmio.len, 4);
  std::lock_guard lock(mutex_);
  if (run.mmio.is_write) {
    std::uint32_t value = 0;
    std::memcpy(&value, run.mmio.data, len);
    const auto result = device_->write(offset, value, run.mmio.len);
    ++report_.mmio_writes;
    if (result.effect == MmioEffect::queue_notify) ++report_.mmio_kicks;
    if (result.effect == MmioEffect::driver_ok) report_.driver_ok = true;
  } else {
    const std::uint32_t value = device_->read(offset, run.mmio.len);
    std::memset(run.mmio.data, 0, sizeof run.mmio.data);
    std::memcpy(run.mmio.data, &value, len);
    ++report_.mmio_reads;
  }
  return update_irq();
}

bool BootDisk::drain_kicks() {
  std::uint64_t kicks = 0;
  if (read(notify_fd_.get(), &kicks, sizeof kicks) != static_cast<ssize_t>(sizeof kicks)) return true;
  std::lock_guard lock(mutex_);
  report_.ioeventfd_kicks += kicks;
  device_->notify(VirtioBlock::kRequestQueue);
  return update_irq();
}

bool BootDisk::check_unseen_irq() {
  std::lock_guard lock(mutex_);
  const std::uint64_t reads = device_->transport().interrupt_status_reads();
  const bool unseen = irq_level_ && reads == status_reads_at_last_check_;
  status_reads_at_last_check_ = reads;
  if (!unseen) return true;
  if (!set_line(vm_fd_, kVirtioBlockGsi, false) || !set_line(vm_fd_, kVirtioBlockGsi, true)) return false;
  ++report_.irq_repulses;
  return true;
}

DiskReport BootDisk::report() {
  std::lock_guard lock(mutex_);
  DiskReport r = report_;
  r.counters = device_->counters();
  r.status = device_->transport().status();
  if (device_->transport().last_error() != VirtqError::none)
    r.error = std::string(to_string(device_->transport().last_error()));
  r.last_refusal = device_->last_refusal();
  r.written_sectors = store_->written_sectors();
  store_->flush();  // the numbers below are the file system's after the run's writes
  r.after = file_space(r.path).value_or(FileSpace{});
  if (const auto* snapshot = dynamic_cast<const SnapshotStore*>(store_.get())) {
    r.delta_sectors = snapshot->delta_sectors();
    drop_unused_delta();
    r.delta_kept = report_.delta_kept;
    r.delta_after = file_space(r.delta_path).value_or(FileSpace{});
  }
  return r;
}

}  // namespace virtlab::vmctl
