// Root filesystems: the cached busybox one, layer lists, and finding the command inside a root.
#include <fcntl.h>
#include <linux/openat2.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "nsenter_lite/container.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/text.hpp"

extern char** environ;

namespace virtlab::nsenter_lite {

namespace fs = std::filesystem;

std::vector<std::string> split_layers(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto colon = text.find(':', pos);
    auto part = text.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos);
    if (part.empty())
      throw virtlab::Error(virtlab::ExitCode::usage, "empty layer in --layers '" + std::string(text) + "'",
                           "list directories bottom to top separated by ':', e.g. --layers busybox:./app", EINVAL);
    out.emplace_back(part);
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  return out;
}

std::string overlay_mount_options(const std::vector<std::string>& layers_bottom_up, const std::string& upper,
                                  const std::string& work) {
  std::string lower;
  for (auto it = layers_bottom_up.rbegin(); it != layers_bottom_up.rend(); ++it) {
    if (!lower.empty()) lower += ':';
    lower += *it;
  }
  return "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
}

std::string id_map_line(unsigned inside, unsigned outside, unsigned count) {
  return std::to_string(inside) + " " + std::to_string(outside) + " " + std::to_string(count) + "\n";
}

std::string timens_offsets_text(std::optional<long long> monotonic_s, std::optional<long long> boottime_s) {
  std::string text;
  if (monotonic_s) text += "monotonic " + std::to_string(*monotonic_s) + " 0\n";
  if (boottime_s) text += "boottime " + std::to_string(*boottime_s) + " 0\n";
  return text;
}

std::pair<std::string, std::string> veth_addresses(pid_t pid) {
  // 10.200.0.0/16 split into 16384 /30 nets; pid picks one (host .1, container .2 of the /30).
  unsigned slot = static_cast<unsigned>(pid) % 16384u;
  unsigned third = slot / 64u, fourth = (slot % 64u) * 4u;
  std::string net = "10.200." + std::to_string(third) + ".";
  return {net + std::to_string(fourth + 1) + "/30", net + std::to_string(fourth + 2) + "/30"};
}

namespace {

std::string find_busybox() {
  for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
    if (access(p, X_OK) == 0) return p;
  throw virtlab::Error(virtlab::ExitCode::not_found, "busybox is not installed",
                       "install it: apt-get install busybox-static", ENOENT);
}

std::string run_capture(const std::vector<std::string>& argv) {
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) virtlab::throw_errno("pipe2");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipefd[1]);
  std::string out;
  if (rc == 0) {
    char buf[4096];
    ssize_t n;
    while ((n = read(pipefd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    int status = 0;
    waitpid(pid, &status, 0);
  }
  close(pipefd[0]);
  if (rc != 0) virtlab::throw_errno(rc, "cannot run " + argv[0]);
  return out;
}

}  // namespace

std::string ensure_busybox_rootfs(const std::string& cache_dir) {
  const std::string busybox = find_busybox();
  struct stat st {};
  if (stat(busybox.c_str(), &st) != 0) virtlab::throw_errno("stat " + busybox);
  // Keyed on the binary's size and mtime: a busybox upgrade builds a fresh rootfs.
  const std::string dir =
      cache_dir + "/nsenter-lite/busybox-rootfs-" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtime);
  if (access((dir + "/bin/sh").c_str(), X_OK) == 0) {
    virtlab::explain("access", dir + "/bin/sh", "0 (cached)",
                     "containerd: the image is already unpacked in the content store, nothing to pull");
    return dir;
  }
  std::error_code ec;
  fs::create_directories(cache_dir + "/nsenter-lite", ec);
  if (ec)
    throw virtlab::Error(virtlab::ExitCode::permission, "cannot create cache directory " + cache_dir,
                         "run as root or pass --cache-dir DIR you can write", ec.value());
  const std::string tmp = dir + ".tmp-" + std::to_string(getpid());
  fs::remove_all(tmp, ec);
  for (const char* sub : {"bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "etc", "tmp", "root"})
    fs::create_directories(tmp + "/" + sub);
  fs::permissions(tmp + "/tmp", fs::perms::all | fs::perms::sticky_bit);
  fs::copy_file(busybox, tmp + "/bin/busybox");
  fs::permissions(tmp + "/bin/busybox", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                            fs::perms::others_read | fs::perms::others_exec);
  int links = 0;
  const std::string applets = run_capture({busybox, "--list-full"});  // must outlive the string_views below
  for (auto line : virtlab::split_lines(applets)) {
    std::string applet(virtlab::trim(line));
    if (applet.empty() || applet == "bin/busybox") continue;
    fs::path target = fs::path(tmp) / applet;
    fs::create_directories(target.parent_path());
    fs::create_symlink("/bin/busybox", target, ec);
    if (!ec) ++links;
  }
  std::ofstream(tmp + "/etc/passwd") << "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n";
  std::ofstream(tmp + "/etc/group") << "root:x:0:\nnogroup:x:65534:\n";
  std::ofstream(tmp + "/etc/hostname") << "container\n";
  fs::rename(tmp, dir, ec);
  if (ec && access((dir + "/bin/sh").c_str(), X_OK) != 0)
    throw virtlab::Error(virtlab::ExitCode::failure, "cannot create " + dir, "check free space", ec.value());
  fs::remove_all(tmp, ec);  // lost a race with another builder: theirs is as good as ours
  virtlab::explain("copy_file + symlink", dir, "busybox + " + std::to_string(links) + " applet links",
                   "an image is just a directory tree: one static binary plays every command");
  return dir;
}

std::string resolve_command_in_root(const std::string& root, const std::string& command) {
  virtlab::UniqueFd rootfd(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!rootfd)
    throw virtlab::Error(virtlab::ExitCode::not_found, "root filesystem '" + root + "' does not exist",
                         "pass an existing directory or --rootfs busybox", errno);
  std::vector<std::string> candidates;
  if (command.find('/') != std::string::npos)
    candidates.push_back(command[0] == '/' ? command : "/" + command);
  else
    for (const char* dir : {"/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/", "/usr/local/bin/"})
      candidates.push_back(dir + command);
  for (const auto& c : candidates) {
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_IN_ROOT;  // absolute symlinks (bin/sh -> /bin/busybox) resolve inside the root
    int fd = static_cast<int>(syscall(SYS_openat2, rootfd.get(), c.c_str(), &how, sizeof how));
    if (fd < 0) continue;
    virtlab::UniqueFd guard(fd);
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) return c;
  }
  throw virtlab::Error(virtlab::ExitCode::not_found, "command '" + command + "' not found in root filesystem " + root,
                       "add it to the rootfs, give its path inside the rootfs, or use --rootfs busybox", ENOENT);
}

}  // namespace virtlab::nsenter_lite
