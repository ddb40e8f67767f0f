#include "virtlab/testvm/image.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <ranges>
#include <set>
#include <sstream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/testvm/cpio.hpp"
#include "virtlab/testvm/debversion.hpp"
#include "virtlab/testvm/hash.hpp"
#include "virtlab/testvm/host.hpp"
#include "virtlab/text.hpp"

namespace fs = std::filesystem;

namespace virtlab::testvm {

using virtlab::Error;
using virtlab::ExitCode;

namespace {

constexpr const char* kAptHint = "run 'apt-get update' (Debian archive in sources.list) or set VIRTLAB_TESTVM_KERNEL";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) virtlab::throw_errno("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void spit(const fs::path& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) virtlab::throw_errno("cannot write " + path.string(), "check free space in the cache directory");
}

// Held while the cache is being changed, so parallel ctest runs build each piece once.
class CacheLock {
 public:
  explicit CacheLock(const fs::path& cache) {
    std::error_code ec;
    fs::create_directories(cache, ec);
    fd_ = virtlab::open_or_throw((cache / ".lock").string(), O_RDWR | O_CREAT,
                                 "set VIRTLAB_TESTVM_CACHE to a writable directory");
    while (::flock(fd_.get(), LOCK_EX) != 0) {
      if (errno != EINTR) virtlab::throw_errno("flock " + (cache / ".lock").string());
    }
    virtlab::explain("flock(LOCK_EX)", (cache / ".lock").string(), "0", "one builder at a time");
  }

 private:
  virtlab::UniqueFd fd_;
};

std::optional<fs::path> newest_deb(const fs::path& dir, const std::string& package) {
  std::optional<fs::path> best;
  std::string best_version;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with(package + "_") || !name.ends_with(".deb")) continue;
    std::string version = name.substr(package.size() + 1);
    version = version.substr(0, version.find('_'));
    if (!best || compare_debian_versions(version, best_version) > 0) {
      best = entry.path();
      best_version = version;
    }
  }
  return best;
}

// apt-get download into the cache (kept, so a rebuild needs no network).
fs::path download(const fs::path& debs, const std::string& package, bool reuse) {
  fs::create_directories(debs);
  // _apt drops privileges while downloading; let it write here (avoids the "unsandboxed" warning).
  ::chmod(debs.c_str(), 0777);
  if (reuse) {
    if (auto have = newest_deb(debs, package)) return *have;
  }
  auto result = run_command({"apt-get", "download", "-q", package}, debs);
  if (result.status != 0) {
    std::string last;
    for (auto line : virtlab::split_lines(result.output)) {
      if (virtlab::starts_with(line, "E:")) last = std::string(line);
    }
    throw Error(ExitCode::unsupported, "apt-get download " + package + " failed" + (last.empty() ? "" : ": " + last),
                kAptHint);
  }
  auto have = newest_deb(debs, package);
  if (!have) throw Error(ExitCode::failure, "apt-get download " + package + " left no .deb in " + debs.string());
  return *have;
}

// The kernel and busybox packages unpacked into scratch directories.
struct UnpackedPackages {
  fs::path kernel_deb, busybox_deb;
  fs::path kdir;  // the kernel package's tree (boot/, lib/modules/)
  fs::path vmlinuz, busybox;
};

// Unpacks the two downloaded packages (u.kernel_deb, u.busybox_deb) into scratch and finds the kernel and busybox.
void unpack_packages(UnpackedPackages& u, const std::string& release, const fs::path& scratch) {
  u.kdir = scratch / "kernel";
  fs::path bdir = scratch / "busybox";
  for (auto [deb, dir] : {std::pair{u.kernel_deb, u.kdir}, std::pair{u.busybox_deb, bdir}}) {
    auto r = run_command({"dpkg-deb", "-x", deb.string(), dir.string()});
    if (r.status != 0) throw Error(ExitCode::failure, "dpkg-deb -x " + deb.string() + " failed: " + r.output);
  }
  u.vmlinuz = u.kdir / "boot" / ("vmlinuz-" + release);
  if (!fs::exists(u.vmlinuz)) {
    throw Error(ExitCode::unsupported, u.kernel_deb.string() + " has no boot/vmlinuz-" + release);
  }
  u.busybox = bdir / "bin" / "busybox";
  if (!fs::exists(u.busybox)) throw Error(ExitCode::unsupported, u.busybox_deb.string() + " has no bin/busybox");
}

// The directories, console node, busybox and the two account files every guest has.
void add_base_tree(CpioWriter& cpio, const fs::path& busybox) {
  for (const char* dir :
       {"bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "run", "etc", "root", "var/tmp", "mnt"}) {
    cpio.add_directory(dir);
  }
  cpio.add_char_device("dev/console", 5, 1);  // PID 1's stdin/stdout before devtmpfs is mounted
  cpio.add_file("bin/busybox", slurp(busybox), 0755);
  cpio.add_symlink("bin/sh", "busybox");
  cpio.add_file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
  cpio.add_file("etc/group", "root:x:0:\nnogroup:x:65534:\n");
}

// The package ships no modules.dep (the postinst makes it): generate it like the postinst does.
std::string generate_modules_dep(const UnpackedPackages& u, const std::string& release) {
  const fs::path modules_root = u.kdir / "lib" / "modules" / release;
  std::vector<std::string> depmod = {"depmod", "-b", u.kdir.string(), release};
  if (!find_program("depmod")) depmod = {u.busybox.string(), "depmod", "-b", u.kdir.string(), release};
  if (auto r = run_command(depmod); r.status != 0 || !fs::exists(modules_root / "modules.dep")) {
    throw Error(ExitCode::unsupported, "depmod for " + release + " failed: " + std::string(virtlab::trim(r.output)),
                "apt-get install kmod");
  }
  return slurp(modules_root / "modules.dep");
}

// The modules each group needs, in load order, uncompressed into the archive; their guest paths go to base.
void add_modules(CpioWriter& cpio, BaseImage& base, const UnpackedPackages& u, const std::string& release) {
  const fs::path modules_root = u.kdir / "lib" / "modules" / release;
  const std::string guest_modules = "lib/modules/" + release + "/";
  std::string modules_dep = generate_modules_dep(u, release);
  auto boot = module_load_order(modules_dep, {"virtio_pci", "virtio_console"});
  auto kvm = module_load_order(modules_dep, {"irqbypass", "kvm", "kvm_amd"}, boot);
  std::vector<std::string> loaded = boot;
  loaded.insert(loaded.end(), kvm.begin(), kvm.end());
  auto swap = module_load_order(modules_dep, {"virtio_blk"}, loaded);
  loaded.insert(loaded.end(), swap.begin(), swap.end());
  // Virtual switches in the guest (nsenter-lite net switch, the network lab's VLAN part): Debian builds the bridge,
  // veth and 802.1Q as modules, so a guest without them cannot make a bridge at all.
  auto network = module_load_order(modules_dep, {"bridge", "veth", "8021q"}, loaded);
  bool has_kvm_amd = false;
  for (const auto& m : kvm) has_kvm_amd = has_kvm_amd || fs::path(m).filename().string().starts_with("kvm-amd.ko");
  if (!has_kvm_amd) throw Error(ExitCode::unsupported, u.kernel_deb.filename().string() + " has no kvm-amd module");
  auto add_group = [&](const std::vector<std::string>& group, std::vector<std::string>& out) {
    for (const std::string& rel : group) {
      std::string name = fs::path(rel).filename().string();
      name = name.substr(0, name.find(".ko")) + ".ko";
      std::string guest = guest_modules + name;
      cpio.add_file(guest, module_bytes(modules_root / rel));
      out.push_back("/" + guest);
    }
  };
  add_group(boot, base.boot_modules);
  add_group(kvm, base.kvm_modules);
  add_group(swap, base.swap_modules);
  add_group(network, base.network_modules);
}

// Stage kernel, archive and manifest in scratch, then rename the directory into the cache in one step.
void publish_base(BaseImage& base, const fs::path& cache, const fs::path& scratch, const fs::path& vmlinuz,
                  CpioWriter& cpio) {
  std::size_t entries = cpio.entries();
  std::string archive = cpio.finish();
  fs::path staged = scratch / "base";
  fs::create_directories(staged);
  fs::copy_file(vmlinuz, staged / "vmlinuz");
  spit(staged / "base.cpio", archive);
  // The format is part of the name: testvm builds of different ages can share one cache without fighting.
  base.dir = cache / "base" / (base.kernel_release + ".f" + std::to_string(kBaseFormat));
  spit(staged / "manifest", format_base_manifest(base));
  virtlab::explain(
      "write", (base.dir / "base.cpio").string(),
      std::to_string(archive.size()) + " bytes, " + std::to_string(entries) + " entries",
      "busybox + irqbypass.ko, kvm.ko, kvm-amd.ko, virtio_blk.ko, bridge.ko, veth.ko, 8021q.ko and what they "
      "need (uncompressed)");
  std::error_code ec;
  fs::create_directories(cache / "base");
  fs::remove_all(base.dir, ec);
  fs::rename(staged, base.dir);
  virtlab::explain("rename", staged.string() + " -> " + base.dir.string(), "0", "the base appears atomically");
  base.kernel = base.dir / "vmlinuz";
  base.cpio = base.dir / "base.cpio";
}

BaseImage build_base(const fs::path& cache, const std::string& release, bool reuse_debs) {
  auto started = std::chrono::steady_clock::now();
  virtlab::Explain::instance().note("build the base initramfs for kernel " + release);
  UnpackedPackages packages;
  const fs::path debs = cache / "debs";
  packages.kernel_deb = download(debs, "linux-image-" + release, reuse_debs);
  packages.busybox_deb = download(debs, "busybox-static", reuse_debs);
  TempDir scratch(cache / "tmp", "build.");
  unpack_packages(packages, release, scratch.path());
  BaseImage base;
  base.kernel_release = release;
  base.kernel_package = packages.kernel_deb.filename().string();
  base.busybox_package = packages.busybox_deb.filename().string();
  CpioWriter cpio;
  add_base_tree(cpio, packages.busybox);
  add_modules(cpio, base, packages, release);
  auto applets = run_command({packages.busybox.string(), "--list"});
  for (auto line : virtlab::split_lines(applets.output)) {
    if (!virtlab::trim(line).empty()) base.applets.emplace(virtlab::trim(line));
  }
  publish_base(base, cache, scratch.path(), packages.vmlinuz, cpio);
  base.built_now = true;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  virtlab::Explain::instance().note("base built in " + virtlab::human_duration(seconds));
  return base;
}

}  // namespace

std::string module_bytes(const fs::path& path) {
  std::string file = path.string();
  std::vector<std::string> argv;
  if (file.ends_with(".xz")) argv = {"xz", "-d", "-q", file};
  if (file.ends_with(".zst")) argv = {"zstd", "-d", "-q", "--rm", file};
  if (file.ends_with(".gz")) argv = {"gzip", "-d", "-q", file};
  if (argv.empty()) return slurp(path);
  auto result = run_command(argv);
  if (result.status != 0) {
    throw Error(ExitCode::unsupported, "cannot decompress " + file + ": " + std::string(virtlab::trim(result.output)),
                "apt-get install xz-utils zstd");
  }
  return slurp(file.substr(0, file.rfind('.')));
}

std::vector<std::string> module_load_order(std::string_view modules_dep, const std::vector<std::string>& wanted,
                                           const std::vector<std::string>& already) {
  auto module_name = [](std::string_view path) {
    std::string name(path.substr(path.rfind('/') + 1));
    name = name.substr(0, name.find(".ko"));
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
  };
  std::map<std::string, std::string> path_of;               // name -> path
  std::map<std::string, std::vector<std::string>> deps_of;  // path -> dependency paths
  for (auto line : virtlab::split_lines(modules_dep)) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string path(virtlab::trim(line.substr(0, colon)));
    path_of[module_name(path)] = path;
    for (auto dep : virtlab::split_whitespace(line.substr(colon + 1))) deps_of[path].emplace_back(dep);
  }
  std::vector<std::string> order;
  std::set<std::string> done(already.begin(), already.end());
  std::function<void(const std::string&, int)> visit = [&](const std::string& path, int depth) {
    if (done.contains(path) || depth > 64) return;
    done.insert(path);
    for (const auto& dep : deps_of[path]) visit(dep, depth + 1);
    order.push_back(path);
  };
  for (const auto& want : wanted) {
    std::string name = want;
    std::replace(name.begin(), name.end(), '-', '_');
    if (auto it = path_of.find(name); it != path_of.end()) visit(it->second, 0);
  }
  return order;
}

std::string format_base_manifest(const BaseImage& base) {
  std::ostringstream out;
  out << "format=" << kBaseFormat << "\nrelease=" << base.kernel_release << "\nkernel_package=" << base.kernel_package
      << "\nbusybox_package=" << base.busybox_package << "\n";
  for (const auto& m : base.boot_modules) out << "boot_module=" << m << "\n";
  for (const auto& m : base.kvm_modules) out << "kvm_module=" << m << "\n";
  for (const auto& m : base.swap_modules) out << "swap_module=" << m << "\n";
  for (const auto& m : base.network_modules) out << "network_module=" << m << "\n";
  for (const auto& a : base.applets) out << "applet=" << a << "\n";
  return out.str();
}

std::optional<BaseImage> parse_base_manifest(const std::string& text, const fs::path& dir) {
  BaseImage base;
  bool format_ok = false;
  for (auto line : virtlab::split_lines(text)) {
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "format") format_ok = value == std::to_string(kBaseFormat);
    if (key == "release") base.kernel_release = value;
    if (key == "kernel_package") base.kernel_package = value;
    if (key == "busybox_package") base.busybox_package = value;
    if (key == "boot_module") base.boot_modules.emplace_back(value);
    if (key == "kvm_module") base.kvm_modules.emplace_back(value);
    if (key == "swap_module") base.swap_modules.emplace_back(value);
    if (key == "network_module") base.network_modules.emplace_back(value);
    if (key == "applet") base.applets.emplace(value);
  }
  if (!format_ok || base.kernel_release.empty() || base.kvm_modules.empty()) {
    return std::nullopt;
  }
  base.dir = dir;
  base.kernel = dir / "vmlinuz";
  base.cpio = dir / "base.cpio";
  return base;
}

std::optional<BaseImage> find_cached_base(const fs::path& cache, const std::string& pinned_release) {
  std::optional<BaseImage> best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cache / "base", ec)) {
    auto text = virtlab::try_read_file((entry.path() / "manifest").string());
    if (!text) continue;
    auto base = parse_base_manifest(*text, entry.path());
    if (!base || !fs::exists(base->kernel) || !fs::exists(base->cpio)) continue;
    if (!pinned_release.empty() && base->kernel_release != pinned_release) continue;
    if (!best || compare_debian_versions(base->kernel_release, best->kernel_release) > 0) best = std::move(base);
  }
  if (best) {
    virtlab::explain("read", (best->dir / "manifest").string(), "kernel " + best->kernel_release,
                     "cached base initramfs reused (no apt, no download)");
  }
  return best;
}

BaseImage ensure_base_image(const CacheOptions& options) {
  if (!options.refresh) {
    if (auto cached = find_cached_base(options.dir, options.pinned_release)) return *cached;
  }
  CacheLock lock(options.dir);
  if (!options.refresh) {  // another process may have built it while we waited for the lock
    if (auto cached = find_cached_base(options.dir, options.pinned_release)) return *cached;
  }
  std::vector<std::string> releases;
  if (!options.pinned_release.empty()) {
    releases.push_back(options.pinned_release);
  } else {
    auto names = run_command({"apt-cache", "pkgnames", "linux-image-"});
    releases = cloud_kernel_releases_newest_first(names.output);
    virtlab::explain("apt-cache pkgnames", "linux-image-", std::to_string(releases.size()) + " cloud kernels known",
                     releases.empty() ? "" : "newest: " + releases.front());
    if (releases.empty()) {
      throw Error(ExitCode::unsupported, "apt knows no linux-image-*-cloud-amd64 package", kAptHint);
    }
  }
  // The newest release apt lists might not be downloadable yet (mirror lag): try the next two as well.
  std::string last_error;
  for (std::size_t i = 0; i < releases.size() && i < 3; ++i) {
    try {
      return build_base(options.dir, releases[i], !options.refresh);
    } catch (const Error& e) {
      if (e.code() != ExitCode::unsupported) throw;
      last_error = e.one_line();
    }
  }
  throw Error(ExitCode::unsupported, "cannot get a cloud kernel package: " + last_error, kAptHint);
}

std::vector<PayloadEntry> plan_payload(const std::vector<FileSpec>& files, std::vector<std::string>* library_dirs) {
  std::map<std::string, PayloadEntry> entries;  // by guest path: later specs win, like later cpio entries
  std::vector<std::string> lib_dirs;
  std::vector<std::string> ld_library_path;
  if (const char* env = std::getenv("LD_LIBRARY_PATH")) {
    // A plain loop rather than std::views::split: clang-tidy 14 cannot parse libstdc++ 12's split view.
    std::string_view rest(env);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view part = rest.substr(0, colon);
      if (!part.empty()) ld_library_path.emplace_back(part);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  FileAccess access{[](const std::string& p) {
                      std::error_code ec;
                      return fs::is_regular_file(p, ec);
                    },
                    [](const std::string& p) -> std::optional<std::string> {
                      std::error_code ec;
                      if (!fs::is_regular_file(p, ec)) return std::nullopt;
                      return slurp(p);
                    }};
  auto add_file = [&](const fs::path& host, const std::string& guest) {
    struct stat st {};
    if (::stat(host.c_str(), &st) != 0) {
      virtlab::throw_errno("--file " + host.string(), "check the path (it is read on the host)");
    }
    std::uint32_t mode = (st.st_mode & 0111) ? 0755 : 0644;
    entries[guest] = {guest, host, mode};
    if (!(st.st_mode & 0111)) return;
    // Only executables and libraries are worth a look for DT_NEEDED.
    try {
      for (const NeededFile& dep : resolve_elf_closure(host, ld_library_path, access)) {
        if (!entries.contains(dep.guest_path)) entries[dep.guest_path] = {dep.guest_path, dep.host_path, 0755};
        std::string dir = fs::path(dep.guest_path).parent_path().string();
        if (std::find(lib_dirs.begin(), lib_dirs.end(), dir) == lib_dirs.end()) lib_dirs.push_back(dir);
      }
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const Error*>(&e) != nullptr) throw;
      throw Error(ExitCode::not_found, host.string() + ": " + e.what(),
                  "install the library or add it with --file, or set LD_LIBRARY_PATH");
    }
  };
  for (const FileSpec& spec : files) {
    std::error_code ec;
    auto status = fs::status(spec.source, ec);
    if (ec || !fs::exists(status)) {
      throw Error(ExitCode::not_found, "--file " + spec.source.string() + ": no such file or directory",
                  "check the path (it is read on the host)", ENOENT);
    }
    if (fs::is_directory(status)) {
      for (auto it = fs::recursive_directory_iterator(spec.source, fs::directory_options::follow_directory_symlink);
           it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        std::string rel = fs::relative(it->path(), spec.source).string();
        add_file(it->path(), (fs::path(spec.dest) / rel).lexically_normal().string());
      }
    } else {
      add_file(spec.source, spec.dest);
    }
  }
  if (library_dirs != nullptr) *library_dirs = lib_dirs;
  std::vector<PayloadEntry> out;
  for (auto& [guest, entry] : entries) out.push_back(entry);
  return out;
}

Payload ensure_payload(const fs::path& cache, const std::vector<FileSpec>& files) {
  Payload payload;
  payload.entries = plan_payload(files, &payload.library_dirs);
  if (payload.entries.empty()) return payload;
  std::map<std::string, std::string> contents;
  Sha256 key;
  key.update("testvm-payload-1\n");
  for (const PayloadEntry& e : payload.entries) {
    std::string& data = contents[e.guest_path];
    data = slurp(e.host_path);
    key.update(e.guest_path + '\0' + std::to_string(e.mode) + '\0' + sha256_hex(data) + '\n');
  }
  payload.key = key.hex_digest().substr(0, 32);
  fs::path dir = cache / "payloads";
  payload.cpio = dir / (payload.key + ".cpio");
  std::error_code ec;
  if (fs::exists(payload.cpio, ec)) {
    fs::last_write_time(payload.cpio, fs::file_time_type::clock::now(), ec);  // recently used: keep
    payload.bytes = fs::file_size(payload.cpio, ec);
    virtlab::explain("stat", payload.cpio.string(), std::to_string(payload.bytes) + " bytes",
                     "payload unchanged (same content hashes): cached archive reused");
    return payload;
  }
  CpioWriter cpio;
  for (const PayloadEntry& e : payload.entries) cpio.add_file(e.guest_path, contents[e.guest_path], e.mode);
  std::string archive = cpio.finish();
  fs::create_directories(dir);
  fs::path staged = dir / (payload.key + ".tmp." + std::to_string(::getpid()));
  spit(staged, archive);
  fs::rename(staged, payload.cpio);
  payload.bytes = archive.size();
  payload.built_now = true;
  virtlab::explain("write", payload.cpio.string(),
                   std::to_string(archive.size()) + " bytes, " + std::to_string(payload.entries.size()) + " files",
                   "project files + their loader and shared libraries, keyed by content");
  // Keep the cache bounded: drop the least recently used payloads beyond 32.
  std::vector<std::pair<fs::file_time_type, fs::path>> all;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".cpio") all.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (all.size() > 32) {
    std::sort(all.begin(), all.end());
    for (std::size_t i = 0; i + 32 < all.size(); ++i) fs::remove(all[i].second, ec);
  }
  return payload;
}

std::optional<FileSpec> command_file(const std::string& argv0, const std::set<std::string, std::less<>>& applets) {
  if (argv0.find('/') == std::string::npos) {
    if (applets.contains(argv0)) return std::nullopt;  // busybox provides it in the guest
    auto host = find_program(argv0);
    if (!host) return std::nullopt;  // let the guest shell report "not found" with exit 127
    auto canonical = fs::weakly_canonical(*host);
    return FileSpec{canonical, host->string()};
  }
  fs::path path = fs::absolute(argv0).lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return FileSpec{path, path.string()};
}

}  // namespace virtlab::testvm
