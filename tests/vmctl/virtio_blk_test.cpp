// virtio-blk and its backing stores: requests made the way Linux's virtio_blk makes them (header, data, status in
// three descriptors) against a byte vector as guest RAM and real temp files as disks — a rw file changed in place, a
// ,ro file never written, a ,snapshot base left byte-identical with the write in its sparse delta — and guests that
// lie (sectors past the end, overflowing sector numbers, half sectors, no status byte).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "guest_bytes.hpp"
#include "virtlab/error.hpp"
#include "virtlab/testvm/run.hpp"
#include "vmctl/block_store.hpp"
#include "vmctl/boot_command.hpp"
#include "vmctl/disk_report.hpp"
#include "vmctl/virtio_blk.hpp"

namespace virtlab::vmctl {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kRam = 256 * 1024;
constexpr std::uint64_t kDescTable = 0x1000, kAvailRing = 0x2000, kUsedRing = 0x3000;
constexpr std::uint64_t kHeaderAt = 0x8000, kDataAt = 0x9000, kStatusAt = 0x7f00;
constexpr std::uint16_t kQueue = 8;
constexpr std::uint64_t kDiskBytes = 64 * 1024;  // 128 sectors
constexpr unsigned kWord = 4;

// A directory under /tmp removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "vmctl-blk-test-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& bytes) const {
    const auto p = (path / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Disk contents where sector s is filled with the byte 'A' + s % 26.
std::string patterned_disk() {
  std::string disk(kDiskBytes, '\0');
  for (std::uint64_t s = 0; s < kDiskBytes / kSectorBytes; ++s)
    std::memset(disk.data() + s * kSectorBytes, 'A' + static_cast<int>(s % 26), kSectorBytes);
  return disk;
}

// The guest side: guest RAM, the driver's init through the MMIO window, one request per call.
struct BlockGuest : test::GuestBytes {
  VirtioBlock device;
  std::uint16_t avail = 0;

  BlockGuest(BlockStore& store, bool read_only)
      : GuestBytes(kRam), device(memory, store, read_only, "virtlab-test-disk") {
    init();
  }

  void w(std::uint64_t reg, std::uint32_t value) { device.write(reg, value, kWord); }

  // Linux's order (virtio_mmio.c + virtio.c): reset, ACK, DRIVER, features (VERSION_1 + what it knows), FEATURES_OK,
  // queue 0, DRIVER_OK.
  void init() {
    w(VirtioMmio::kStatus, 0);
    w(VirtioMmio::kStatus, VirtioMmio::kStatusAcknowledge | VirtioMmio::kStatusDriver);
    w(VirtioMmio::kDeviceFeaturesSel, 0);
    const std::uint32_t offered = device.read(VirtioMmio::kDeviceFeatures, kWord);
    w(VirtioMmio::kDriverFeaturesSel, 0);
    w(VirtioMmio::kDriverFeatures, offered);
    w(VirtioMmio::kDriverFeaturesSel, 1);
    w(VirtioMmio::kDriverFeatures, 1);
    w(VirtioMmio::kStatus, device.read(VirtioMmio::kStatus, kWord) | VirtioMmio::kStatusFeaturesOk);
    w(VirtioMmio::kQueueSel, 0);
    w(VirtioMmio::kQueueNum, kQueue);
    w(VirtioMmio::kQueueDescLow, kDescTable);
    w(VirtioMmio::kQueueDriverLow, kAvailRing);
    w(VirtioMmio::kQueueDeviceLow, kUsedRing);
    w(VirtioMmio::kQueueReady, 1);
    w(VirtioMmio::kStatus, device.read(VirtioMmio::kStatus, kWord) | VirtioMmio::kStatusDriverOk);
  }

  void descriptor(std::uint16_t i, std::uint64_t addr, std::uint32_t len, std::uint16_t flags) {
    const std::uint64_t at = kDescTable + 16u * i;
    put(at, addr);
    put(at + 8, len);
    put<std::uint16_t>(at + 12, flags);
    put<std::uint16_t>(at + 14, static_cast<std::uint16_t>(i + 1));
  }
  void header(std::uint32_t type, std::uint64_t sector) {
    put(kHeaderAt, type);
    put<std::uint32_t>(kHeaderAt + 4, 0);
    put(kHeaderAt + 8, sector);
  }
  void kick() {
    put<std::uint16_t>(kAvailRing + 4 + 2u * (avail % kQueue), 0);
    put<std::uint16_t>(kAvailRing + 2, ++avail);
    w(VirtioMmio::kQueueNotify, 0);
  }
  // header | data (readable for OUT, writable otherwise) | status: returns the status byte (0xee if untouched).
  std::uint8_t request(std::uint32_t type, std::uint64_t sector, std::uint32_t data_len) {
    const bool out = type == 1;
    header(type, sector);
    memory[kStatusAt] = 0xee;
    descriptor(0, kHeaderAt, 16, Virtqueue::kDescNext);
    descriptor(1, kDataAt, data_len, Virtqueue::kDescNext | (out ? 0 : Virtqueue::kDescWrite));
    descriptor(2, kStatusAt, 1, Virtqueue::kDescWrite);
    kick();
    return memory[kStatusAt];
  }
  std::uint32_t last_used_len() const { return get<std::uint32_t>(kUsedRing + 4 + 8u * ((avail - 1) % kQueue) + 4); }
  std::string data(std::size_t n) const { return {reinterpret_cast<const char*>(memory.data() + kDataAt), n}; }
  void fill_data(char c, std::size_t n) { std::memset(memory.data() + kDataAt, c, n); }
};

// ---- --disk parsing and checks ----

TEST(DiskSpec, ParsesTheThreeModesAndRefusesOthers) {
  std::string error;
  EXPECT_EQ(parse_disk_spec("a.img", error)->mode, DiskMode::read_write);
  EXPECT_EQ(parse_disk_spec("a.img,ro", error)->mode, DiskMode::read_only);
  const auto snap = parse_disk_spec("dir,x/a.img,snapshot", error);
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->path, "dir,x/a.img");
  EXPECT_EQ(snap->mode, DiskMode::snapshot);
  EXPECT_FALSE(parse_disk_spec("a.img,bogus", error));
  EXPECT_EQ(error, "--disk: unknown mode 'bogus' (FILE, FILE,ro or FILE,snapshot)");
  EXPECT_FALSE(parse_disk_spec(",ro", error));
  EXPECT_EQ(delta_path_for("/x/a.img"), "/x/a.img.delta");
}

int check_disk_code(const DiskSpec& disk) {
  try {
    check_disk(disk);
    return 0;
  } catch (const virtlab::Error& e) {
    return static_cast<int>(e.code());
  }
}

TEST(DiskSpec, CheckRefusesMissingDirectoryEmptyAndHalfSectorFiles) {
  TempDir dir;
  EXPECT_EQ(check_disk_code({(dir.path / "missing.img").string()}), 3);
  EXPECT_EQ(check_disk_code({dir.path.string()}), 2);
  EXPECT_EQ(check_disk_code({dir.file("empty.img", "")}), 2);
  EXPECT_EQ(check_disk_code({dir.file("odd.img", std::string(1000, 'x'))}), 2);
  EXPECT_EQ(check_disk_code({dir.file("ok.img", std::string(1024, 'x'))}), 0);
  const auto base = dir.file("base.img", std::string(1024, 'x'));
  dir.file("base.img.delta", "not a delta");
  EXPECT_EQ(check_disk_code({base, DiskMode::snapshot}), 6);  // never overwritten
  EXPECT_EQ(check_disk_code({base, DiskMode::read_write}), 0);
}

TEST(FileSpace, SparseFileIsThinAndWrittenFileIsThick) {
  TempDir dir;
  const auto thin = (dir.path / "thin.img").string();
  ASSERT_EQ(truncate(dir.file("thin.img", "").c_str(), 8 << 20), 0);
  const auto thick = dir.file("thick.img", std::string(1 << 20, 'x'));
  EXPECT_TRUE(file_space(thin)->thin());
  EXPECT_EQ(file_space(thin)->size, 8u << 20);
  EXPECT_FALSE(file_space(thick)->thin());
  EXPECT_GE(file_space(thick)->allocated, 1u << 20);
  EXPECT_FALSE(file_space((dir.path / "none").string()));
}

// ---- the device ----

TEST(VirtioBlock, AnnouncesCapacityBlockSizeAndSegMaxInItsConfig) {
  TempDir dir;
  FileStore store(dir.file("d.img", patterned_disk()), false);
  BlockGuest g(store, false);
  EXPECT_EQ(g.device.read(VirtioMmio::kDeviceId, kWord), 2u);
  EXPECT_EQ(g.device.read(VirtioMmio::kConfig, kWord), kDiskBytes / 512);  // capacity, low half
  EXPECT_EQ(g.device.read(VirtioMmio::kConfig + 12, kWord), VirtioBlock::kSegMax);
  EXPECT_EQ(g.device.read(VirtioMmio::kConfig + 20, kWord), 512u);
  EXPECT_TRUE(g.device.transport().driver_ok());
  EXPECT_EQ(g.device.transport().driver_features() & VirtioBlock::kFeatureReadOnly, 0u);
}

TEST(VirtioBlock, ReadsSectorsIntoGuestBuffersAndWritesThemToTheFile) {
  TempDir dir;
  const auto path = dir.file("d.img", patterned_disk());
  FileStore store(path, false);
  BlockGuest g(store, false);
  EXPECT_EQ(g.request(0, 3, 1024), VirtioBlock::kStatusOk);  // sectors 3 and 4
  EXPECT_EQ(g.data(1024), std::string(512, 'D') + std::string(512, 'E'));
  EXPECT_EQ(g.last_used_len(), 1025u);  // data + status
  g.fill_data('w', 512);
  EXPECT_EQ(g.request(1, 7, 512), VirtioBlock::kStatusOk);
  EXPECT_EQ(g.last_used_len(), 1u);
  const std::string disk = read_file(path);
  EXPECT_EQ(disk.substr(7 * 512, 512), std::string(512, 'w'));
  EXPECT_EQ(disk.substr(8 * 512, 512), std::string(512, 'I'));  // the next sector untouched
  EXPECT_EQ(g.request(4, 0, 0), VirtioBlock::kStatusOk);        // flush
  EXPECT_EQ(g.request(8, 0, 20), VirtioBlock::kStatusOk);       // GET_ID
  EXPECT_EQ(g.data(17), "virtlab-test-disk");
  const auto& c = g.device.counters();
  EXPECT_EQ(c.reads, 1u);
  EXPECT_EQ(c.writes, 1u);
  EXPECT_EQ(c.bytes_read, 1024u);
  EXPECT_EQ(c.bytes_written, 512u);
  EXPECT_EQ(c.flushes, 1u);
  EXPECT_EQ(c.get_ids, 1u);
  EXPECT_EQ(store.written_sectors(), std::vector<std::uint64_t>{7});
  EXPECT_TRUE(g.device.irq_level());
}

TEST(VirtioBlock, ReadOnlyDiskOffersRoAndRefusesWritesWithIoError) {
  TempDir dir;
  const auto path = dir.file("d.img", patterned_disk());
  FileStore store(path, true);
  BlockGuest g(store, true);
  EXPECT_NE(g.device.transport().offered_features() & VirtioBlock::kFeatureReadOnly, 0u);
  g.fill_data('w', 512);
  EXPECT_EQ(g.request(1, 0, 512), VirtioBlock::kStatusIoError);
  EXPECT_EQ(read_file(path), patterned_disk());
  EXPECT_EQ(g.device.counters().io_errors, 1u);
  EXPECT_EQ(g.request(0, 0, 512), VirtioBlock::kStatusOk);
}

TEST(VirtioBlockMalicious, SectorsPastTheEndOverflowAndHalfSectorsGetIoError) {
  TempDir dir;
  const auto path = dir.file("d.img", patterned_disk());
  FileStore store(path, false);
  BlockGuest g(store, false);
  const std::uint64_t last = kDiskBytes / 512 - 1;
  EXPECT_EQ(g.request(0, last, 512), VirtioBlock::kStatusOk);  // the last sector is fine
  EXPECT_EQ(g.request(0, last, 1024), VirtioBlock::kStatusIoError);
  EXPECT_EQ(g.request(1, last + 1, 512), VirtioBlock::kStatusIoError);
  EXPECT_EQ(g.request(1, std::numeric_limits<std::uint64_t>::max(), 512), VirtioBlock::kStatusIoError);
  EXPECT_EQ(g.request(1, std::numeric_limits<std::uint64_t>::max() / 512 + 1, 512), VirtioBlock::kStatusIoError);
  EXPECT_EQ(g.request(1, 0, 100), VirtioBlock::kStatusIoError);
  EXPECT_EQ(g.device.last_refusal(), "not_whole_sectors: type 1, sector 0 + 100 bytes");
  EXPECT_EQ(g.request(3, 0, 512), VirtioBlock::kStatusUnsupported);  // 3 is not a request type
  EXPECT_EQ(read_file(path), patterned_disk());
  EXPECT_EQ(fs::file_size(path), kDiskBytes);  // nothing written past the end either
  EXPECT_EQ(g.device.counters().io_errors, 5u);
  EXPECT_TRUE(g.device.transport().driver_ok());  // an I/O error is an answer, not a broken device
}

TEST(VirtioBlockMalicious, ChainWithoutStatusByteNeedsReset) {
  TempDir dir;
  FileStore store(dir.file("d.img", patterned_disk()), false);
  BlockGuest g(store, false);
  g.header(0, 0);
  g.descriptor(0, kHeaderAt, 16, Virtqueue::kDescNext);
  g.descriptor(1, kDataAt, 512, 0);  // readable: no byte for the status
  g.kick();
  EXPECT_TRUE(g.device.transport().status() & VirtioMmio::kStatusNeedsReset);
  EXPECT_EQ(g.device.transport().last_error(), VirtqError::request_malformed);
  EXPECT_EQ(g.device.counters().reads, 0u);
}

TEST(BlockRequestParse, HeaderSplitOverBuffersAndDataSharingTheStatusBuffer) {
  std::vector<std::uint8_t> ram(4096);
  const std::uint32_t type = 0;
  const std::uint64_t sector = 5;
  std::memcpy(ram.data() + 0x100, &type, 4);
  std::memcpy(ram.data() + 0x200, &sector, 8);
  // 8 header bytes, then 8 more + 512 bytes of OUT-style padding in one readable buffer; 512 + 1 writable.
  VirtqChain chain{0, {{0x100, 8, false}, {0x200, 16, false}, {0x400, 513, true}}};
  const BlockRequest r = parse_block_request(chain, ram, 128, false);
  EXPECT_EQ(r.check, BlockRequestCheck::ok);
  EXPECT_EQ(r.sector, 5u);
  EXPECT_EQ(r.data_bytes, 512u);
  EXPECT_EQ(r.status_gpa, 0x400u + 512);
  VirtqChain short_header{0, {{0x100, 15, false}, {0x400, 1, true}}};
  EXPECT_EQ(parse_block_request(short_header, ram, 128, false).check, BlockRequestCheck::malformed);
}

// ---- the snapshot store ----

TEST(SnapshotStore, WritesGoToASparseDeltaAndTheBaseStaysByteIdentical) {
  TempDir dir;
  const auto base = dir.file("base.img", patterned_disk());
  const auto delta = delta_path_for(base);
  {
    SnapshotStore store(base, delta);
    BlockGuest g(store, false);
    g.fill_data('z', 1024);
    EXPECT_EQ(g.request(1, 10, 1024), VirtioBlock::kStatusOk);  // sectors 10, 11
    g.fill_data(0, 2048);
    EXPECT_EQ(g.request(0, 9, 2048), VirtioBlock::kStatusOk);  // 9 from the base, 10-11 delta, 12 base
    EXPECT_EQ(g.data(2048), std::string(512, 'J') + std::string(1024, 'z') + std::string(512, 'M'));
    EXPECT_EQ(store.delta_sectors(), 2u);
    EXPECT_FALSE(store.continued());
  }
  EXPECT_EQ(read_file(base), patterned_disk());
  const std::string d = read_file(delta);
  ASSERT_EQ(d.size(), delta_data_offset(kDiskBytes) + kDiskBytes);
  EXPECT_EQ(d.substr(0, 16), std::string("VIRTLAB-DELTA-1\0", 16));
  EXPECT_EQ(static_cast<std::uint8_t>(d[SnapshotStore::kBitmapOffset + 1]), 0b1100u);  // bits 10 and 11
  EXPECT_EQ(d.substr(delta_data_offset(kDiskBytes) + 10 * 512, 1024), std::string(1024, 'z'));
  EXPECT_EQ(d.substr(delta_data_offset(kDiskBytes) + 12 * 512, 512), std::string(512, '\0'));  // a hole
  EXPECT_LT(file_space(delta)->allocated, file_space(delta)->size);                            // thin
}

TEST(SnapshotStore, AMatchingDeltaIsContinuedAndAForeignOneRefused) {
  TempDir dir;
  const auto base = dir.file("base.img", patterned_disk());
  const auto delta = delta_path_for(base);
  {
    SnapshotStore first(base, delta);
    const std::string w(512, 'q');
    ASSERT_TRUE(first.write(512 * 20, {reinterpret_cast<const std::uint8_t*>(w.data()), w.size()}));
  }
  SnapshotStore second(base, delta);
  EXPECT_TRUE(second.continued());
  EXPECT_EQ(second.delta_sectors(), 1u);
  std::string got(512, '\0');
  ASSERT_TRUE(second.read(512 * 20, {reinterpret_cast<std::uint8_t*>(got.data()), got.size()}));
  EXPECT_EQ(got, std::string(512, 'q'));
  EXPECT_NO_THROW(check_disk({base, DiskMode::snapshot}));
  const auto other = dir.file("other.img", std::string(1024, 'x'));  // a different size: not its delta
  fs::copy_file(delta, delta_path_for(other));
  EXPECT_THROW(SnapshotStore(other, delta_path_for(other)), virtlab::Error);
  EXPECT_EQ(check_disk_code({other, DiskMode::snapshot}), 6);
}

// ---- vmctl boot --disk: /init, the nested arguments, the copy-back out of the test VM ----

TEST(DiskBoot, InitLoadsVirtioBlkAndWritesSectorOneOnlyWhenAsked) {
  EXPECT_EQ(default_init_script("MARK-1").find("virtio_blk"), std::string::npos);
  const auto script = default_init_script("MARK-1", false, 0, false, true);
  const auto insmod = script.find("insmod /lib/modules/virtio_blk.ko"), wait = script.find("[ ! -b /dev/vda ]");
  const auto asked = script.find("grep -qw virtlab.diskwrite /proc/cmdline");
  const auto write = script.find("dd of=/dev/vda bs=512 seek=1"), marker = script.find("MARK-1");
  ASSERT_NE(insmod, std::string::npos);
  EXPECT_LT(insmod, wait);
  EXPECT_LT(wait, asked);
  EXPECT_LT(asked, write);
  EXPECT_LT(write, marker);
}

TEST(DiskBoot, NestedArgumentsPointTheDiskAtItsCopy) {
  const auto out = forward_boot_args({"boot", "--disk", "/h/d.img,snapshot", "--timeout", "5", "--disk=/x"}, "/g/k",
                                     "/g/i", "/tmp/vmctl-files/disk.img,snapshot");
  EXPECT_EQ(out, (std::vector<std::string>{"boot", "--timeout", "5", "--kernel", "/g/k", "--initrd", "/g/i", "--disk",
                                           "/tmp/vmctl-files/disk.img,snapshot"}));
}

// The inner vmctl's lines, fed to the outer's sink, land in the host's delta (never its base); other stderr passes.
TEST(DiskBoot, WrittenSectorsComeBackIntoTheHostDelta) {
  TempDir inner, host;
  const auto inner_base = inner.file("disk.img", patterned_disk());
  DiskReport report;
  {
    SnapshotStore store(inner_base, delta_path_for(inner_base));
    const std::string w(1024, 'k');
    ASSERT_TRUE(store.write(512 * 30, {reinterpret_cast<const std::uint8_t*>(w.data()), w.size()}));
    report.written_sectors = store.written_sectors();
  }
  report.mode = DiskMode::snapshot;
  report.path = inner_base;
  report.delta_path = delta_path_for(inner_base);
  report.capacity_sectors = kDiskBytes / 512;
  std::ostringstream lines;
  send_disk_writes(lines, report);
  EXPECT_EQ(lines.str().rfind("vmctl-nested-disk-write 30 6b6b", 0), 0u);

  const auto host_base = host.file("disk.img", patterned_disk());
  DiskCopyBack copy_back({host_base, DiskMode::snapshot}, true);
  const std::string text = lines.str();
  copy_back.sink().guest_stderr(text.substr(0, 100));  // split anywhere, as the test VM's chunks are
  copy_back.sink().guest_stderr(text.substr(100));
  copy_back.sink().guest_stdout("{\"json\": 1}");
  copy_back.finish();
  EXPECT_EQ(copy_back.captured_stdout(), "{\"json\": 1}");
  EXPECT_EQ(read_file(host_base), patterned_disk());
  SnapshotStore reopened(host_base, delta_path_for(host_base));
  EXPECT_EQ(reopened.delta_sectors(), 2u);
  std::string got(1024, '\0');
  ASSERT_TRUE(reopened.read(512 * 30, {reinterpret_cast<std::uint8_t*>(got.data()), got.size()}));
  EXPECT_EQ(got, std::string(1024, 'k'));
  const auto host_json = copy_back.host_json();
  EXPECT_EQ(host_json["sectors_copied_back"], 2);
  EXPECT_EQ(host_json["complete"], true);
  EXPECT_EQ(host_json["file"]["provisioning"], "thick");
}

}  // namespace
}  // namespace virtlab::vmctl
