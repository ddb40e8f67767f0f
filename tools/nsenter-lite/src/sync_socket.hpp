// The parent ↔ child sync channel of `run`: records over a SOCK_SEQPACKET socketpair, one message per record
// [runc: sync pipe]. The parent says "go"; the child reports its steps, its namespaces, an error or the seccomp
// notify fd (SCM_RIGHTS).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "virtlab/fd.hpp"

namespace virtlab::nsenter_lite {

// joined: virtlab-runc's init has moved itself into its v1 cgroups (runc_cgroup.hpp).
enum class Msg : std::uint32_t { step = 1, error = 2, notify_fd = 3, go = 4, namespaces = 5, joined = 6 };

struct MsgHeader {
  Msg type;
  std::int32_t code;
  std::int32_t err;
};

// NUL-separated parts after the header; pass_fd >= 0 travels as SCM_RIGHTS. Best effort: the receiver sees EOF if
// the record is lost.
void send_msg(int sock, Msg type, int code, int err, const std::vector<std::string>& parts, int pass_fd = -1);

struct Received {
  bool eof = false;
  MsgHeader header{};
  std::vector<std::string> parts;
  int fd = -1;  // a received SCM_RIGHTS fd (O_CLOEXEC), owned by the caller
};

Received recv_msg(int sock);

struct SyncSockets {
  virtlab::UniqueFd parent, child;
};
// socketpair(AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC), logged to --explain with `meaning` (who says what on it).
SyncSockets open_sync_sockets(const std::string& meaning);

// Logs each step record the child sends to --explain until it closes the socket (it has exec'd): nullopt; or the
// error record it sent instead, or the first record of type `until` (Msg::error: none). Received fds are closed.
std::optional<Received> relay_steps(int sock, Msg until = Msg::error);

}  // namespace virtlab::nsenter_lite
