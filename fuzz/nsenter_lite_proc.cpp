// What nsenter-lite ls reads per process: /proc/PID/stat (ppid, comm with spaces and ')'), /proc/PID/status (Uid),
// readlink of /proc/PID/ns/* and fds ("net:[4026531840]"), nsfs bind mounts in mountinfo, and the namespace type
// NS_GET_NSTYPE returns (a CLONE_NEW* flag).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.hpp"
#include "nsenter_lite/namespaces.hpp"
#include "virtlab/text.hpp"

using namespace virtlab::nsenter_lite;

namespace {

void check_stat_and_status(std::string_view text) {
  if (auto stat = parse_proc_stat(text)) {
    FUZZ_CHECK(text.find("(" + stat->comm + ")") != std::string_view::npos);
    // ppid is field 4 as written, not a value cut down to fit pid_t.
    auto fields = virtlab::split_whitespace(text.substr(text.rfind(')') + 1));
    FUZZ_CHECK(fields.size() >= 2 && virtlab::parse_i64(fields[1]) == std::int64_t{stat->ppid});
  }
  if (auto uid = parse_status_uid(text)) {
    // The uid is the first number after "Uid:" as written: 2^32 must not read as uid 0 (root).
    std::string_view line;
    for (std::string_view candidate : virtlab::split_lines(text)) {
      if (!candidate.starts_with("Uid:")) continue;
      line = candidate.substr(4);
      break;
    }
    auto fields = virtlab::split_whitespace(line);
    FUZZ_CHECK(!fields.empty() && virtlab::parse_u64(fields[0]) == std::uint64_t{*uid});
  }
}

void check_links(std::string_view text) {
  if (auto link = parse_ns_link(text)) {
    FUZZ_CHECK(link->inode != 0);
    // readlink's own form of the link parses to the same namespace.
    std::string again = std::string(ns_type_name(link->type)) + ":[" + std::to_string(link->inode) + "]";
    auto reparsed = parse_ns_link(again);
    FUZZ_CHECK(reparsed && reparsed->type == link->type && reparsed->inode == link->inode);
  }
  if (auto type = parse_ns_type(text)) FUZZ_CHECK(parse_ns_type(ns_type_name(*type)) == type);
  for (const auto& mount : parse_nsfs_mounts(text)) FUZZ_CHECK(mount.ns.inode != 0 && !mount.mount_point.empty());
}

void check_clone_flag(const std::uint8_t* data, std::size_t size) {
  if (size < sizeof(int)) return;
  int flag;
  std::memcpy(&flag, data, sizeof flag);
  if (auto type = ns_type_from_clone_flag(flag)) FUZZ_CHECK(ns_clone_flag(*type) == flag);
  for (NsType type : kAllNsTypes) FUZZ_CHECK(ns_type_from_clone_flag(ns_clone_flag(type)) == type);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = virtlab_fuzz::as_text(data, size);
  check_stat_and_status(text);
  check_links(text);
  check_clone_flag(data, size);
  return 0;
}
