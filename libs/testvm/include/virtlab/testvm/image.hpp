// The cached initramfs: one big base archive per kernel (busybox + KVM modules) and small payload archives
// (project binaries and their libraries) keyed by content, concatenated per run.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "virtlab/testvm/elf.hpp"
#include "virtlab/testvm/spec.hpp"

namespace virtlab::testvm {

inline constexpr int kBaseFormat = 3;  // bump when the base archive's layout changes (forces a rebuild)

struct BaseImage {
  std::string kernel_release;                  // "6.12.117+deb12-cloud-amd64"
  std::string kernel_package;                  // the .deb it came from
  std::string busybox_package;                 // the busybox-static .deb
  std::filesystem::path dir;                   // cache/base/<release>
  std::filesystem::path kernel;                // dir/vmlinuz
  std::filesystem::path cpio;                  // dir/base.cpio
  std::vector<std::string> boot_modules;       // guest paths in load order (virtio PCI/console if not built in)
  std::vector<std::string> kvm_modules;        // guest paths in load order (irqbypass, kvm, kvm-amd)
  std::vector<std::string> swap_modules;       // guest paths in load order (virtio_blk if not built in)
  std::vector<std::string> network_modules;    // guest paths in load order (bridge with its llc/stp, veth, 8021q)
  std::set<std::string, std::less<>> applets;  // busybox applets (bare command names that need no copying)
  bool built_now = false;
};

// The modules to insmod, in load order, so that each of `wanted` (names like "kvm-amd"; '-' and '_' are the
// same) is loaded after everything it depends on, from the kernel package's modules.dep ("path: dep dep ...").
// Wanted modules missing from modules.dep are built into the kernel and need nothing. `already` lists paths loaded
// by an earlier group (skipped).
std::vector<std::string> module_load_order(std::string_view modules_dep, const std::vector<std::string>& wanted,
                                           const std::vector<std::string>& already = {});

// Reads a base manifest (key=value lines); nullopt when it is from another format or incomplete.
std::optional<BaseImage> parse_base_manifest(const std::string& text, const std::filesystem::path& dir);
std::string format_base_manifest(const BaseImage& base);

struct CacheOptions {
  std::filesystem::path dir;   // default_cache_dir()
  bool refresh = false;        // ask apt for the newest kernel even when one is cached
  std::string pinned_release;  // $VIRTLAB_TESTVM_KERNEL: use exactly this kernel release
};

// The newest cached base, or (cold cache / refresh) one built from the newest linux-image-*-cloud-amd64 that
// `apt-get download` can fetch. Throws Error(unsupported) when no kernel package can be had.
BaseImage ensure_base_image(const CacheOptions& options);
// The newest base already in the cache, without building anything.
// A kernel module's bytes as init_module() takes them: busybox insmod passes the file as is, so a .ko.xz, .ko.zst or
// .ko.gz is decompressed on the host in its directory (the packed file is removed); a plain .ko is read.
std::string module_bytes(const std::filesystem::path& path);

std::optional<BaseImage> find_cached_base(const std::filesystem::path& cache, const std::string& pinned_release);

// One file in a payload archive.
struct PayloadEntry {
  std::string guest_path;
  std::filesystem::path host_path;
  std::uint32_t mode = 0644;
};

struct Payload {
  std::filesystem::path cpio;             // cache/payloads/<key>.cpio; empty when there is nothing to add
  std::string key;                        // sha256 over (guest path, mode, content hash) of every entry
  std::vector<PayloadEntry> entries;      // sorted by guest path
  std::vector<std::string> library_dirs;  // guest directories holding copied shared libraries
  bool built_now = false;
  std::uintmax_t bytes = 0;
};

// Expands --file specs (directories recursively; ELF files with their loader and libraries) into entries.
std::vector<PayloadEntry> plan_payload(const std::vector<FileSpec>& files, std::vector<std::string>* library_dirs);
// Builds (or finds) the payload archive for `files` in the cache.
Payload ensure_payload(const std::filesystem::path& cache, const std::vector<FileSpec>& files);

// When argv[0] is a host path, or a bare name that is not a busybox applet but is on the host's PATH,
// the file to copy in so the guest can run it at the same path.
std::optional<FileSpec> command_file(const std::string& argv0, const std::set<std::string, std::less<>>& applets);

}  // namespace virtlab::testvm
