// The parent ↔ child sync channel (sync_socket.hpp).
#include "sync_socket.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace virtlab::nsenter_lite {

void send_msg(int sock, Msg type, int code, int err, const std::vector<std::string>& parts, int pass_fd) {
  std::string payload(sizeof(MsgHeader), '\0');
  MsgHeader h{type, code, err};
  std::memcpy(payload.data(), &h, sizeof h);
  for (const auto& p : parts) {
    payload += p;
    payload.push_back('\0');
  }
  if (payload.size() > 8192) payload.resize(8192);
  iovec iov{payload.data(), payload.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  if (pass_fd >= 0) {  // SCM_RIGHTS: the kernel installs a duplicate of the fd in the receiver
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
  }
  while (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

Received recv_msg(int sock) {
  Received r;
  // Step records are short (call, target, result, meaning); 8 KiB holds any of them without touching more pages.
  std::string buf(8192, '\0');
  iovec iov{buf.data(), buf.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < static_cast<ssize_t>(sizeof(MsgHeader))) {
    r.eof = true;
    return r;
  }
  std::memcpy(&r.header, buf.data(), sizeof r.header);
  std::size_t pos = sizeof(MsgHeader);
  while (pos < static_cast<std::size_t>(n)) {
    auto end = buf.find('\0', pos);
    if (end == std::string::npos || end > static_cast<std::size_t>(n)) end = static_cast<std::size_t>(n);
    r.parts.push_back(buf.substr(pos, end - pos));
    pos = end + 1;
  }
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&r.fd, CMSG_DATA(c), sizeof(int));
  return r;
}

SyncSockets open_sync_sockets(const std::string& meaning) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) virtlab::throw_errno("socketpair");
  SyncSockets sockets{virtlab::UniqueFd(sv[0]), virtlab::UniqueFd(sv[1])};
  virtlab::explain("socketpair", "AF_UNIX, SOCK_SEQPACKET",
                   "fds " + std::to_string(sv[0]) + "," + std::to_string(sv[1]), meaning);
  return sockets;
}

std::optional<Received> relay_steps(int sock, Msg until) {
  for (;;) {
    Received m = recv_msg(sock);
    if (m.fd >= 0) close(m.fd);
    if (m.eof) return std::nullopt;
    if (m.header.type == Msg::step && m.parts.size() == 4)
      virtlab::explain(m.parts[0], m.parts[1], m.parts[2], m.parts[3]);
    if (m.header.type == Msg::error || m.header.type == until) return m;
  }
}

}  // namespace virtlab::nsenter_lite
