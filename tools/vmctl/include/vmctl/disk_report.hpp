// What vmctl boot says about its --disk (JSON boot.disk in vmctl/1, and the text lines), and how a disk gets back
// out of the test VM. Nested (this host's kvm_pvm cannot boot Linux), the disk file is copied into the test VM's
// initramfs; the inner vmctl then prints every sector the guest wrote as a line
//   vmctl-nested-disk-write <first sector> <hex bytes of up to 128 sectors>
// on stderr, and the outer vmctl writes them into the host's file (rw) or the host's delta (snapshot, through
// SnapshotStore, so the base is never opened for writing) and measures the host files afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vmctl/block_store.hpp"
#include "vmctl/boot_disk.hpp"

namespace virtlab::testvm {
class OutputSink;
}

namespace virtlab::vmctl {

nlohmann::ordered_json disk_to_json(const DiskReport& disk);
// Thin vs thick with the real numbers, the delta, the requests and the exits they cost.
void print_disk_summary(std::ostream& out, const DiskReport& disk);

inline constexpr std::string_view kDiskWriteLine = "vmctl-nested-disk-write ";
inline constexpr std::string_view kDiskWriteIncompleteLine = "vmctl-nested-disk-write-incomplete ";
inline constexpr std::uint64_t kDiskWriteLimit = std::uint64_t{32} << 20;  // bytes sent back at most
// The inner vmctl: the sectors the guest wrote in this run, read back from the file (rw) or the delta (snapshot).
void send_disk_writes(std::ostream& out, const DiskReport& disk);

// The outer vmctl: the test VM's output passes through (stdout captured instead with --json, to add the host's
// view); copy-back lines are applied to the host disk instead of printed.
class DiskCopyBack {
 public:
  DiskCopyBack(const DiskSpec& host_disk, bool capture_stdout);
  ~DiskCopyBack();
  DiskCopyBack(const DiskCopyBack&) = delete;
  DiskCopyBack& operator=(const DiskCopyBack&) = delete;

  testvm::OutputSink& sink();
  void finish();                               // the last partial stderr line out
  const std::string& captured_stdout() const;  // with capture_stdout
  // boot.disk.host: the host's files after the copy-back (st_size, allocated, thin/thick, the delta's).
  nlohmann::ordered_json host_json() const;
  void print_host_summary(std::ostream& out) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace virtlab::vmctl
