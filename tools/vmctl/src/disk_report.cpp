#include "vmctl/disk_report.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

#include "virtlab/testvm/run.hpp"

namespace virtlab::vmctl {

using Json = nlohmann::ordered_json;

namespace {

constexpr std::uint64_t kSectorsPerLine = 128;

Json space_json(const FileSpace& s) {
  return {{"st_size", s.size}, {"allocated", s.allocated}, {"provisioning", s.thin() ? "thin" : "thick"}};
}

std::string space_text(const FileSpace& s) {
  return std::to_string(s.size) + " bytes long (st_size), " + std::to_string(s.allocated) +
         " allocated (st_blocks*512) = " +
         (s.thin() ? "thin: sparse, only written blocks take space" : "thick: every block allocated");
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::vector<std::uint8_t> out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = digit(text[2 * i]), lo = digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

// Consecutive sectors grouped, at most kSectorsPerLine a group: {first, count}.
std::vector<std::pair<std::uint64_t, std::uint64_t>> sector_runs(std::vector<std::uint64_t> sectors) {
  std::sort(sectors.begin(), sectors.end());
  std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;
  for (const std::uint64_t s : sectors) {
    if (!runs.empty() && runs.back().first + runs.back().second == s && runs.back().second < kSectorsPerLine)
      ++runs.back().second;
    else
      runs.push_back({s, 1});
  }
  return runs;
}

}  // namespace

Json disk_to_json(const DiskReport& d) {
  const auto& c = d.counters;
  Json delta = nullptr;
  if (d.mode == DiskMode::snapshot) {
    delta = space_json(d.delta_after);
    delta["path"] = d.delta_path;
    delta["sectors"] = d.delta_sectors;
    delta["continued"] = d.delta_continued;
    delta["kept"] = d.delta_kept;
  }
  Json file = space_json(d.after);
  file["allocated_before"] = d.before.allocated;
  return {{"device", "virtio-blk"},
          {"address", kVirtioBlockAddress},
          {"gsi", kVirtioBlockGsi},
          {"path", d.path},
          {"mode", std::string(to_string(d.mode))},
          {"capacity_sectors", d.capacity_sectors},
          {"file", file},
          {"delta", delta},
          {"ioeventfd", d.ioeventfd},
          {"status", d.status},
          {"driver_ok", d.driver_ok},
          {"error", d.error.empty() ? Json(nullptr) : Json(d.error)},
          {"last_refusal", d.last_refusal.empty() ? Json(nullptr) : Json(d.last_refusal)},
          {"requests", c.requests},
          {"reads", c.reads},
          {"writes", c.writes},
          {"flushes", c.flushes},
          {"get_ids", c.get_ids},
          {"bytes_read", c.bytes_read},
          {"bytes_written", c.bytes_written},
          {"io_errors", c.io_errors},
          {"unsupported", c.unsupported},
          {"sectors_written", d.written_sectors.size()},
          {"mmio_reads", d.mmio_reads},
          {"mmio_writes", d.mmio_writes},
          {"mmio_kicks", d.mmio_kicks},
          {"ioeventfd_kicks", d.ioeventfd_kicks},
          {"irq_raises", d.irq_raises},
          {"irq_repulses", d.irq_repulses}};
}

void print_disk_summary(std::ostream& out, const DiskReport& d) {
  const auto& c = d.counters;
  out << "vmctl boot: disk " << d.path << " (" << to_string(d.mode) << ", " << d.capacity_sectors
      << " sectors of 512 bytes): " << space_text(d.after) << '\n';
  if (d.mode == DiskMode::snapshot && !d.delta_kept)
    out << "vmctl boot: snapshot: the base was opened O_RDONLY; the guest wrote nothing, so the empty delta "
        << d.delta_path << " was removed again\n";
  else if (d.mode == DiskMode::snapshot)
    out << "vmctl boot: snapshot: the base was opened O_RDONLY; " << d.written_sectors.size()
        << " sectors written in this run went to the delta " << d.delta_path << " (" << d.delta_sectors
        << " sectors in it" << (d.delta_continued ? ", continued from an earlier run" : "")
        << "): " << space_text(d.delta_after) << '\n';
  out << "vmctl boot: virtio-blk (mmio " << virtlab::hex(kVirtioBlockAddress) << ", GSI " << kVirtioBlockGsi
      << "): status " << virtlab::hex(d.status, 2) << (d.driver_ok ? " (DRIVER_OK)" : "") << "; " << c.requests
      << " requests: " << c.reads << " reads (" << c.bytes_read << " bytes), " << c.writes << " writes ("
      << c.bytes_written << " bytes), " << c.flushes << " flushes, " << c.get_ids << " GET_ID, " << c.io_errors
      << " answered IOERR, " << c.unsupported << " UNSUPP; exits: " << d.mmio_reads << " register reads, "
      << d.mmio_writes << " writes (" << d.mmio_kicks << " kicks among them); " << d.ioeventfd_kicks
      << " kicks by ioeventfd (no exit); IRQ " << kVirtioBlockGsi << " raised " << d.irq_raises << " times ("
      << d.irq_repulses << " raised again, unseen)" << (d.error.empty() ? "" : "; device error: " + d.error)
      << (d.last_refusal.empty() ? "" : "; last refused request: " + d.last_refusal) << '\n';
}

void send_disk_writes(std::ostream& out, const DiskReport& d) {
  const bool snapshot = d.mode == DiskMode::snapshot;
  const virtlab::UniqueFd fd = virtlab::open_optional(snapshot ? d.delta_path : d.path, O_RDONLY);
  const std::uint64_t base = snapshot ? delta_data_offset(d.capacity_sectors * kSectorBytes) : 0;
  std::uint64_t sent = 0;
  for (const auto& [first, count] : sector_runs(d.written_sectors)) {
    std::vector<std::uint8_t> bytes(count * kSectorBytes);
    if (!fd || sent + bytes.size() > kDiskWriteLimit ||
        pread(fd.get(), bytes.data(), bytes.size(), static_cast<off_t>(base + first * kSectorBytes)) !=
            static_cast<ssize_t>(bytes.size())) {
      out << kDiskWriteIncompleteLine << d.written_sectors.size() << '\n';
      return;
    }
    out << kDiskWriteLine << first << ' ' << to_hex(bytes) << '\n';
    sent += bytes.size();
  }
  out.flush();
}

// ---- the outer vmctl ----

struct DiskCopyBack::State : testvm::OutputSink {
  DiskSpec disk;
  bool capture = false;
  std::string captured, partial;
  std::unique_ptr<BlockStore> store;  // opened at the first sector sent back
  FileSpace base_before;
  std::uint64_t sectors = 0;
  bool incomplete = false;
  std::string problem;

  void guest_stdout(std::string_view data) override {
    if (capture) {
      captured.append(data);
      return;
    }
    const std::string s(data);
    (void)!write(1, s.data(), s.size());
  }
  // Whole lines are looked at; a partial line that cannot become a copy-back line goes out at once (a prompt).
  void guest_stderr(std::string_view data) override {
    partial.append(data);
    std::size_t start = 0;
    for (std::size_t nl; (nl = partial.find('\n', start)) != std::string::npos; start = nl + 1)
      line(std::string_view(partial).substr(start, nl + 1 - start));
    partial.erase(0, start);
    const std::size_t n = std::min(partial.size(), kDiskWriteLine.size());
    if (!partial.empty() && partial.compare(0, n, kDiskWriteLine.substr(0, n)) != 0) {
      (void)!write(2, partial.data(), partial.size());
      partial.clear();
    }
  }
  void line(std::string_view l) {
    if (l.rfind(kDiskWriteIncompleteLine, 0) == 0) {
      incomplete = true;
      return;
    }
    if (l.rfind(kDiskWriteLine, 0) != 0) {
      (void)!write(2, l.data(), l.size());
      return;
    }
    apply(l.substr(kDiskWriteLine.size()));
  }
  void apply(std::string_view rest) {
    const auto space = rest.find(' ');
    const auto first = virtlab::parse_u64(rest.substr(0, space));
    std::string_view hex = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.remove_suffix(1);
    const auto bytes = from_hex(hex);
    try {
      if (!store)
        store = disk.mode == DiskMode::snapshot
                    ? std::unique_ptr<BlockStore>(new SnapshotStore(disk.path, delta_path_for(disk.path)))
                    : std::unique_ptr<BlockStore>(new FileStore(disk.path, false));
      if (!first || !bytes || bytes->empty() || bytes->size() % kSectorBytes != 0 ||
          *first > store->size() / kSectorBytes || bytes->size() > store->size() - *first * kSectorBytes ||
          !store->write(*first * kSectorBytes, *bytes)) {
        incomplete = true;
        return;
      }
      sectors += bytes->size() / kSectorBytes;
    } catch (const virtlab::Error& e) {
      incomplete = true;
      problem = e.what();
    }
  }
};

DiskCopyBack::DiskCopyBack(const DiskSpec& host_disk, bool capture_stdout) : state_(std::make_unique<State>()) {
  state_->disk = host_disk;
  state_->capture = capture_stdout;
  state_->base_before = file_space(host_disk.path).value_or(FileSpace{});
}

DiskCopyBack::~DiskCopyBack() = default;

testvm::OutputSink& DiskCopyBack::sink() {
  return *state_;
}

void DiskCopyBack::finish() {
  if (!state_->partial.empty()) state_->line(state_->partial);
  state_->partial.clear();
  if (state_->store) state_->store->flush();
  virtlab::explain("copy back", state_->disk.path, std::to_string(state_->sectors) + " sectors",
                   state_->disk.mode == DiskMode::snapshot ? "the guest's writes into the host's delta file"
                                                           : "the guest's writes into the host's disk file");
}

const std::string& DiskCopyBack::captured_stdout() const {
  return state_->captured;
}

Json DiskCopyBack::host_json() const {
  const auto& s = *state_;
  Json host = {{"path", s.disk.path},
               {"file", space_json(file_space(s.disk.path).value_or(FileSpace{}))},
               {"allocated_before", s.base_before.allocated},
               {"sectors_copied_back", s.sectors},
               {"complete", !s.incomplete},
               {"meaning",
                "the disk as this host has it after the run: the test VM worked on a copy (its initramfs holds it "
                "fully allocated, so the VM's own st_blocks say thick); the sectors the guest wrote came back and "
                "were written here"}};
  if (s.disk.mode == DiskMode::snapshot) {
    const std::string delta = delta_path_for(s.disk.path);
    Json d = space_json(file_space(delta).value_or(FileSpace{}));
    d["path"] = delta;
    host["delta"] = d;
  }
  if (!s.problem.empty()) host["problem"] = s.problem;
  return host;
}

void DiskCopyBack::print_host_summary(std::ostream& out) const {
  const auto& s = *state_;
  out << "vmctl boot: on this host, " << s.disk.path << ": "
      << space_text(file_space(s.disk.path).value_or(FileSpace{})) << "; " << s.sectors
      << " written sectors copied back from the test VM" << (s.incomplete ? " (INCOMPLETE)" : "")
      << (s.problem.empty() ? "" : ": " + s.problem) << '\n';
  if (s.disk.mode == DiskMode::snapshot)
    out << "vmctl boot: on this host, the delta " << delta_path_for(s.disk.path) << ": "
        << space_text(file_space(delta_path_for(s.disk.path)).value_or(FileSpace{})) << '\n';
}

}  // namespace virtlab::vmctl
