#include "nsenter_lite/nat.hpp"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netlink/msg.h>
#include <netlink/netfilter/ct.h>
#include <netlink/netlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

#include "nsenter_lite/vswitch.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/table.hpp"

namespace virtlab::nsenter_lite {

// ---------------------------------------------------------------------------------------------------------------
// Pure decoders
// ---------------------------------------------------------------------------------------------------------------

std::vector<NetlinkAck> parse_netlink_acks(const char* data, std::size_t size) {
  std::vector<NetlinkAck> acks;
  std::size_t offset = 0;
  while (offset + sizeof(nlmsghdr) <= size) {
    nlmsghdr h{};
    std::memcpy(&h, data + offset, sizeof h);
    if (h.nlmsg_len < sizeof(nlmsghdr) || offset + h.nlmsg_len > size) break;
    if (h.nlmsg_type == NLMSG_ERROR && h.nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
      int error = 0;
      std::memcpy(&error, data + offset + NLMSG_HDRLEN, sizeof error);
      acks.push_back({h.nlmsg_seq, error});
    }
    offset += NLMSG_ALIGN(h.nlmsg_len);
  }
  return acks;
}

std::string endpoint(const std::string& ip, int port) {
  return port < 0 ? ip : ip + ":" + std::to_string(port);
}

std::string protocol_name(int proto) {
  switch (proto) {
    case IPPROTO_TCP:
      return "tcp";
    case IPPROTO_UDP:
      return "udp";
    case IPPROTO_ICMP:
      return "icmp";
    case IPPROTO_IGMP:
      return "igmp";
    case IPPROTO_ICMPV6:
      return "icmpv6";
    case IPPROTO_SCTP:
      return "sctp";
    default:
      return std::to_string(proto);
  }
}

std::string ct_state_name(const ConntrackEntry& e) {
  if (e.protocol == "tcp" && !e.tcp_state.empty()) return e.tcp_state;
  if (e.status & IPS_ASSURED) return "ASSURED";
  if (e.status & IPS_SEEN_REPLY) return "REPLIED";
  return "UNREPLIED";
}

NatRow nat_row(const ConntrackEntry& e) {
  NatRow row;
  row.internal = endpoint(e.original.src, e.original.src_port);
  // What the outside sees: replies go to the translated address and port (the reply tuple's destination).
  row.external = endpoint(e.reply.dst, e.reply.dst_port);
  row.remote = endpoint(e.original.dst, e.original.dst_port);
  row.translated = e.reply.dst != e.original.src || e.reply.dst_port != e.original.src_port;
  row.state = ct_state_name(e);
  return row;
}

virtlab::Json conntrack_json(const std::vector<ConntrackEntry>& entries) {
  auto tuple = [](const CtTuple& t) {
    return virtlab::Json{{"src", t.src},
                         {"src_port", t.src_port < 0 ? virtlab::Json(nullptr) : virtlab::Json(t.src_port)},
                         {"dst", t.dst},
                         {"dst_port", t.dst_port < 0 ? virtlab::Json(nullptr) : virtlab::Json(t.dst_port)}};
  };
  virtlab::Json list = virtlab::Json::array();
  for (const auto& e : entries) {
    NatRow row = nat_row(e);
    list.push_back({{"protocol", e.protocol},
                    {"original", tuple(e.original)},
                    {"reply", tuple(e.reply)},
                    {"internal", row.internal},
                    {"external", row.external},
                    {"remote", row.remote},
                    {"translated", row.translated},
                    {"state", row.state},
                    {"timeout", e.timeout}});
  }
  return list;
}

void render_nat_table(std::ostream& out, const std::vector<ConntrackEntry>& entries, bool color) {
  virtlab::Terminal term;
  term.color = color;
  out << "NAT table (conntrack of netns " << kRouterNetns << ", read with IPCTNL_MSG_CT_GET through libnl-nf):\n";
  virtlab::Table table({{"PROTO"},
                        {"INTERNAL IP:PORT"},
                        {""},
                        {"EXTERNAL IP:PORT"},
                        {"REMOTE"},
                        {"STATE"},
                        {"TIMEOUT", virtlab::Align::right}});
  for (const auto& e : entries) {
    NatRow row = nat_row(e);
    table.add_row({e.protocol, virtlab::Cell(row.internal, virtlab::Style::bold), row.translated ? "→" : "=",
                   virtlab::Cell(row.external, row.translated ? virtlab::Style::green : virtlab::Style::plain),
                   row.remote, row.state, std::to_string(e.timeout) + " s"});
  }
  table.render(out, term);
  out << "(→: masqueraded to the router's outside address " << kRouterOutsideIp
      << "; for ICMP the echo id is the port)\n";
}

// ---------------------------------------------------------------------------------------------------------------
// libnftnl + libmnl, loaded on first use
// ---------------------------------------------------------------------------------------------------------------

namespace {

// The functions we call, typed from the libraries' own headers (decltype does not reference the symbols, so the
// static link needs no libmnl.a).
struct NftLib {
  decltype(&::nftnl_table_alloc) table_alloc = nullptr;
  decltype(&::nftnl_table_free) table_free = nullptr;
  decltype(&::nftnl_table_set_str) table_set_str = nullptr;
  decltype(&::nftnl_table_set_u32) table_set_u32 = nullptr;
  decltype(&::nftnl_table_get_str) table_get_str = nullptr;
  decltype(&::nftnl_table_get_u32) table_get_u32 = nullptr;
  decltype(&::nftnl_table_nlmsg_build_payload) table_build = nullptr;
  decltype(&::nftnl_table_nlmsg_parse) table_parse = nullptr;
  decltype(&::nftnl_chain_alloc) chain_alloc = nullptr;
  decltype(&::nftnl_chain_free) chain_free = nullptr;
  decltype(&::nftnl_chain_set_str) chain_set_str = nullptr;
  decltype(&::nftnl_chain_set_u32) chain_set_u32 = nullptr;
  decltype(&::nftnl_chain_set_s32) chain_set_s32 = nullptr;
  decltype(&::nftnl_chain_nlmsg_build_payload) chain_build = nullptr;
  decltype(&::nftnl_rule_alloc) rule_alloc = nullptr;
  decltype(&::nftnl_rule_free) rule_free = nullptr;
  decltype(&::nftnl_rule_set_str) rule_set_str = nullptr;
  decltype(&::nftnl_rule_set_u32) rule_set_u32 = nullptr;
  decltype(&::nftnl_rule_get_str) rule_get_str = nullptr;
  decltype(&::nftnl_rule_get_u32) rule_get_u32 = nullptr;
  decltype(&::nftnl_rule_get_u64) rule_get_u64 = nullptr;
  decltype(&::nftnl_rule_add_expr) rule_add_expr = nullptr;
  decltype(&::nftnl_rule_nlmsg_build_payload) rule_build = nullptr;
  decltype(&::nftnl_rule_nlmsg_parse) rule_parse = nullptr;
  decltype(&::nftnl_rule_snprintf) rule_snprintf = nullptr;
  decltype(&::nftnl_expr_alloc) expr_alloc = nullptr;
  decltype(&::nftnl_expr_set_u32) expr_set_u32 = nullptr;
  decltype(&::nftnl_expr_set) expr_set = nullptr;
  decltype(&::nftnl_nlmsg_build_hdr) build_hdr = nullptr;
  decltype(&::nftnl_batch_begin) batch_begin = nullptr;
  decltype(&::nftnl_batch_end) batch_end = nullptr;
  decltype(&::mnl_socket_open) socket_open = nullptr;
  decltype(&::mnl_socket_bind) socket_bind = nullptr;
  decltype(&::mnl_socket_get_fd) socket_get_fd = nullptr;
  decltype(&::mnl_socket_close) socket_close = nullptr;
  decltype(&::mnl_socket_sendto) socket_sendto = nullptr;
  decltype(&::mnl_nlmsg_batch_start) mnl_batch_start = nullptr;
  decltype(&::mnl_nlmsg_batch_next) mnl_batch_next = nullptr;
  decltype(&::mnl_nlmsg_batch_current) mnl_batch_current = nullptr;
  decltype(&::mnl_nlmsg_batch_head) mnl_batch_head = nullptr;
  decltype(&::mnl_nlmsg_batch_size) mnl_batch_size = nullptr;
  decltype(&::mnl_nlmsg_batch_stop) mnl_batch_stop = nullptr;
  // errno of the libc the libraries use (a static program that dlopens gets a second one).
  int* (*lib_errno)() = nullptr;
};

template <typename F>
void load(void* handle, const char* name, F& out) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  if (!out)
    throw virtlab::Error(virtlab::ExitCode::unsupported, std::string("libnftnl/libmnl lack ") + name,
                         "install libnftnl11 and libmnl0 (Debian 12: apt-get install libnftnl11 libmnl0)");
}

const NftLib& nft() {
  static const NftLib lib = [] {
    NftLib l;
    void* nftnl = dlopen("libnftnl.so.11", RTLD_NOW | RTLD_LOCAL);
    void* mnl = nftnl ? dlopen("libmnl.so.0", RTLD_NOW | RTLD_LOCAL) : nullptr;
    const char* err = dlerror();
    virtlab::explain("dlopen", "libnftnl.so.11, libmnl.so.0", nftnl && mnl ? "loaded" : (err ? err : "failed"),
                     "the nftables C libraries, loaded only by the NAT commands");
    if (!nftnl || !mnl)
      throw virtlab::Error(virtlab::ExitCode::unsupported,
                           std::string("cannot load libnftnl/libmnl: ") + (err ? err : "unknown error"),
                           "install them: apt-get install libnftnl11 libmnl0");
    load(nftnl, "nftnl_table_alloc", l.table_alloc);
    load(nftnl, "nftnl_table_free", l.table_free);
    load(nftnl, "nftnl_table_set_str", l.table_set_str);
    load(nftnl, "nftnl_table_set_u32", l.table_set_u32);
    load(nftnl, "nftnl_table_get_str", l.table_get_str);
    load(nftnl, "nftnl_table_get_u32", l.table_get_u32);
    load(nftnl, "nftnl_table_nlmsg_build_payload", l.table_build);
    load(nftnl, "nftnl_table_nlmsg_parse", l.table_parse);
    load(nftnl, "nftnl_chain_alloc", l.chain_alloc);
    load(nftnl, "nftnl_chain_free", l.chain_free);
    load(nftnl, "nftnl_chain_set_str", l.chain_set_str);
    load(nftnl, "nftnl_chain_set_u32", l.chain_set_u32);
    load(nftnl, "nftnl_chain_set_s32", l.chain_set_s32);
    load(nftnl, "nftnl_chain_nlmsg_build_payload", l.chain_build);
    load(nftnl, "nftnl_rule_alloc", l.rule_alloc);
    load(nftnl, "nftnl_rule_free", l.rule_free);
    load(nftnl, "nftnl_rule_set_str", l.rule_set_str);
    load(nftnl, "nftnl_rule_set_u32", l.rule_set_u32);
    load(nftnl, "nftnl_rule_get_str", l.rule_get_str);
    load(nftnl, "nftnl_rule_get_u32", l.rule_get_u32);
    load(nftnl, "nftnl_rule_get_u64", l.rule_get_u64);
    load(nftnl, "nftnl_rule_add_expr", l.rule_add_expr);
    load(nftnl, "nftnl_rule_nlmsg_build_payload", l.rule_build);
    load(nftnl, "nftnl_rule_nlmsg_parse", l.rule_parse);
    load(nftnl, "nftnl_rule_snprintf", l.rule_snprintf);
    load(nftnl, "nftnl_expr_alloc", l.expr_alloc);
    load(nftnl, "nftnl_expr_set_u32", l.expr_set_u32);
    load(nftnl, "nftnl_expr_set", l.expr_set);
    load(nftnl, "nftnl_nlmsg_build_hdr", l.build_hdr);
    load(nftnl, "nftnl_batch_begin", l.batch_begin);
    load(nftnl, "nftnl_batch_end", l.batch_end);
    load(mnl, "mnl_socket_open", l.socket_open);
    load(mnl, "mnl_socket_bind", l.socket_bind);
    load(mnl, "mnl_socket_get_fd", l.socket_get_fd);
    load(mnl, "mnl_socket_close", l.socket_close);
    load(mnl, "mnl_socket_sendto", l.socket_sendto);
    load(mnl, "mnl_nlmsg_batch_start", l.mnl_batch_start);
    load(mnl, "mnl_nlmsg_batch_next", l.mnl_batch_next);
    load(mnl, "mnl_nlmsg_batch_current", l.mnl_batch_current);
    load(mnl, "mnl_nlmsg_batch_head", l.mnl_batch_head);
    load(mnl, "mnl_nlmsg_batch_size", l.mnl_batch_size);
    load(mnl, "mnl_nlmsg_batch_stop", l.mnl_batch_stop);
    load(mnl, "__errno_location", l.lib_errno);
    return l;
  }();
  return lib;
}

int lib_errno() {
  return *nft().lib_errno();
}

// A NETLINK_NETFILTER socket (libmnl) created inside a network namespace; -1 = the current one.
class MnlSocket {
 public:
  explicit MnlSocket(int netns_fd) {
    const auto& l = nft();
    {
      std::optional<NetnsSwitch> inside;
      if (netns_fd >= 0) inside.emplace(netns_fd);
      nl_ = l.socket_open(NETLINK_NETFILTER);
    }
    const int err = nl_ ? 0 : lib_errno();
    virtlab::explain("socket(AF_NETLINK, NETLINK_NETFILTER) (mnl_socket_open)",
                     netns_fd >= 0 ? "inside the router's netns (setns around socket creation)" : "this netns",
                     nl_ ? "ok" : virtlab::errno_result(err),
                     "nftables and conntrack speak nfnetlink; the socket acts in the namespace it was created in");
    if (!nl_) virtlab::throw_errno(err, "cannot open a NETLINK_NETFILTER socket", "run as root");
    if (l.socket_bind(nl_, 0, MNL_SOCKET_AUTOPID) < 0) {
      const int e = lib_errno();
      l.socket_close(nl_);
      virtlab::throw_errno(e, "cannot bind the NETLINK_NETFILTER socket");
    }
  }
  ~MnlSocket() {
    if (nl_) nft().socket_close(nl_);
  }
  MnlSocket(const MnlSocket&) = delete;
  MnlSocket& operator=(const MnlSocket&) = delete;
  int fd() const { return nft().socket_get_fd(nl_); }
  void send(const void* data, std::size_t size, const std::string& what) const {
    if (nft().socket_sendto(nl_, data, size) < 0) virtlab::throw_errno(lib_errno(), "cannot send " + what);
  }

 private:
  mnl_socket* nl_ = nullptr;
};

// Waits for one datagram (bounded), so a kernel that never answers cannot hang us.
std::size_t recv_some(int fd, std::vector<char>& buf, int timeout_ms) {
  pollfd pf{fd, POLLIN, 0};
  if (poll(&pf, 1, timeout_ms) <= 0) return 0;
  ssize_t n = recv(fd, buf.data(), buf.size(), 0);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

// Walks a dump's datagrams: `on_message` for each message of ours until NLMSG_DONE; an NLMSG_ERROR throws.
template <typename F>
void read_dump(const MnlSocket& sock, const std::string& what, F on_message) {
  std::vector<char> buf(1 << 16);
  while (true) {
    std::size_t n = recv_some(sock.fd(), buf, 2000);
    if (n == 0) throw virtlab::Error(virtlab::ExitCode::failure, what + ": no answer from the kernel", "");
    std::size_t offset = 0;
    while (offset + sizeof(nlmsghdr) <= n) {
      auto* h = reinterpret_cast<nlmsghdr*>(buf.data() + offset);
      if (h->nlmsg_len < sizeof(nlmsghdr) || offset + h->nlmsg_len > n) break;
      if (h->nlmsg_type == NLMSG_DONE) return;
      if (h->nlmsg_type == NLMSG_ERROR) {
        auto acks = parse_netlink_acks(buf.data() + offset, h->nlmsg_len);
        if (!acks.empty() && acks[0].error != 0) virtlab::throw_errno(-acks[0].error, what);
      } else {
        on_message(h);
      }
      offset += NLMSG_ALIGN(h->nlmsg_len);
    }
  }
}

std::string family_name(std::uint32_t family) {
  switch (family) {
    case NFPROTO_INET:
      return "inet";
    case NFPROTO_IPV4:
      return "ip";
    case NFPROTO_IPV6:
      return "ip6";
    case NFPROTO_BRIDGE:
      return "bridge";
    case NFPROTO_ARP:
      return "arp";
    case NFPROTO_NETDEV:
      return "netdev";
    default:
      return std::to_string(family);
  }
}

std::string nl_result(int rc) {
  return rc < 0 ? std::string("-1 ") + nl_geterror(rc) : "0";
}

// The nftables transaction being built: BATCH_BEGIN, NEWTABLE, NEWCHAIN, NEWRULE, BATCH_END in one buffer.
struct NatBatch {
  std::vector<char> buf = std::vector<char>(1 << 14);
  mnl_nlmsg_batch* batch = nullptr;
  std::uint32_t seq = static_cast<std::uint32_t>(time(nullptr));
  std::uint32_t first = seq;
  std::vector<std::uint32_t> acked_seqs;

  char* current() const { return static_cast<char*>(nft().mnl_batch_current(batch)); }
  // Queues the message just written at current() and remembers its sequence number for the ACK count.
  void queue_acked() {
    acked_seqs.push_back(seq++);
    nft().mnl_batch_next(batch);
  }
};

struct BatchAnswer {
  std::size_t answered = 0;
  int refused = 0;
  std::uint32_t refused_seq = 0;
};

void begin_batch(NatBatch& b) {
  const auto& l = nft();
  b.batch = l.mnl_batch_start(b.buf.data(), b.buf.size());
  l.batch_begin(b.current(), b.seq++);
  l.mnl_batch_next(b.batch);
  virtlab::explain("NFNL_MSG_BATCH_BEGIN (nftnl_batch_begin)", "res_id NFNL_SUBSYS_NFTABLES", "queued",
                   "opens an nftables transaction: the messages up to BATCH_END are applied together or not at all");
}

void queue_nat_table(NatBatch& b) {
  const auto& l = nft();
  nftnl_table* table = l.table_alloc();
  l.table_set_str(table, NFTNL_TABLE_NAME, kNatTable);
  l.table_set_u32(table, NFTNL_TABLE_FAMILY, NFPROTO_INET);
  nlmsghdr* nlh = l.build_hdr(b.current(), NFT_MSG_NEWTABLE, NFPROTO_INET, NLM_F_CREATE | NLM_F_ACK, b.seq);
  l.table_build(nlh, table);
  l.table_free(table);
  b.queue_acked();
  virtlab::explain("NFT_MSG_NEWTABLE (nftnl_table_nlmsg_build_payload)", std::string("inet ") + kNatTable, "queued",
                   "a table is a namespace for chains; family inet sees IPv4 and IPv6");
}

void queue_postrouting_chain(NatBatch& b) {
  const auto& l = nft();
  nftnl_chain* chain = l.chain_alloc();
  l.chain_set_str(chain, NFTNL_CHAIN_TABLE, kNatTable);
  l.chain_set_str(chain, NFTNL_CHAIN_NAME, kNatChain);
  l.chain_set_str(chain, NFTNL_CHAIN_TYPE, "nat");
  l.chain_set_u32(chain, NFTNL_CHAIN_HOOKNUM, NF_INET_POST_ROUTING);
  l.chain_set_s32(chain, NFTNL_CHAIN_PRIO, 100);  // NF_IP_PRI_NAT_SRC: srcnat
  nlmsghdr* nlh = l.build_hdr(b.current(), NFT_MSG_NEWCHAIN, NFPROTO_INET, NLM_F_CREATE | NLM_F_ACK, b.seq);
  l.chain_build(nlh, chain);
  l.chain_free(chain);
  b.queue_acked();
  virtlab::explain("NFT_MSG_NEWCHAIN (nftnl_chain_nlmsg_build_payload)",
                   std::string(kNatChain) + ": type nat hook postrouting priority 100", "queued",
                   "a base chain: the kernel calls it for every packet after routing, just before it leaves; "
                   "type nat makes conntrack keep each flow's translation");
}

void queue_masquerade_rule(NatBatch& b, const std::string& out_interface) {
  const auto& l = nft();
  nftnl_rule* rule = l.rule_alloc();
  l.rule_set_str(rule, NFTNL_RULE_TABLE, kNatTable);
  l.rule_set_str(rule, NFTNL_RULE_CHAIN, kNatChain);
  l.rule_set_u32(rule, NFTNL_RULE_FAMILY, NFPROTO_INET);
  nftnl_expr* meta = l.expr_alloc("meta");
  l.expr_set_u32(meta, NFTNL_EXPR_META_KEY, NFT_META_OIFNAME);
  l.expr_set_u32(meta, NFTNL_EXPR_META_DREG, NFT_REG_1);
  l.rule_add_expr(rule, meta);
  char ifname[IFNAMSIZ] = {};
  std::strncpy(ifname, out_interface.c_str(), IFNAMSIZ - 1);
  nftnl_expr* cmp = l.expr_alloc("cmp");
  l.expr_set_u32(cmp, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
  l.expr_set_u32(cmp, NFTNL_EXPR_CMP_OP, NFT_CMP_EQ);
  l.expr_set(cmp, NFTNL_EXPR_CMP_DATA, ifname, IFNAMSIZ);
  l.rule_add_expr(rule, cmp);
  l.rule_add_expr(rule, l.expr_alloc("masq"));
  nlmsghdr* nlh =
      l.build_hdr(b.current(), NFT_MSG_NEWRULE, NFPROTO_INET, NLM_F_APPEND | NLM_F_CREATE | NLM_F_ACK, b.seq);
  l.rule_build(nlh, rule);
  l.rule_free(rule);  // frees its expressions too
  b.queue_acked();
  virtlab::explain("NFT_MSG_NEWRULE (nftnl_rule_nlmsg_build_payload)",
                   "[meta load oifname => reg 1] [cmp eq reg 1 \"" + out_interface + "\"] [masq]", "queued",
                   "oifname \"" + out_interface +
                       "\" masquerade: a packet leaving through the outside cable gets the router's outside address "
                       "as its source (and a free port); conntrack remembers it and undoes it on the replies");
}

// Closes the transaction and sends it in one sendto; returns its size in bytes.
std::size_t end_and_send_batch(NatBatch& b, const MnlSocket& sock) {
  const auto& l = nft();
  l.batch_end(b.current(), b.seq++);
  l.mnl_batch_next(b.batch);
  virtlab::explain("NFNL_MSG_BATCH_END (nftnl_batch_end)", "", "queued", "commits the transaction");
  const std::size_t size = l.mnl_batch_size(b.batch);
  sock.send(l.mnl_batch_head(b.batch), size, "the nftables batch");
  l.mnl_batch_stop(b.batch);
  return size;
}

// One ACK (NLMSG_ERROR 0) per message sent with NLM_F_ACK, or the error of the one the kernel refused.
BatchAnswer read_batch_acks(const NatBatch& b, const MnlSocket& sock) {
  BatchAnswer a;
  std::vector<char> rx(1 << 14);
  while (a.answered < b.acked_seqs.size() && a.refused == 0) {
    std::size_t n = recv_some(sock.fd(), rx, 2000);
    if (n == 0) break;
    for (const auto& ack : parse_netlink_acks(rx.data(), n)) {
      if (ack.seq < b.first || ack.seq >= b.seq) continue;
      ++a.answered;
      if (ack.error != 0 && a.refused == 0) {
        a.refused = -ack.error;
        a.refused_seq = ack.seq;
      }
    }
  }
  return a;
}

// Explains the kernel's answer and throws when it refused or did not acknowledge every message.
void check_batch_answer(const NatBatch& b, const BatchAnswer& a, std::size_t size) {
  const char* names[] = {"NEWTABLE", "NEWCHAIN", "NEWRULE"};
  const std::uint32_t first = b.first;
  virtlab::explain("sendto(NETLINK_NETFILTER) + recv ACKs", std::to_string(size) + " bytes, 5 messages",
                   a.refused ? virtlab::errno_result(a.refused) + " on NFT_MSG_" +
                                   std::string(a.refused_seq > first && a.refused_seq - first - 1 < 3
                                                   ? names[a.refused_seq - first - 1]
                                                   : "?")
                             : std::to_string(a.answered) + " ACKs",
                   "the kernel validated and committed the batch: the NAT is live in this namespace only");
  if (a.refused == EOPNOTSUPP || a.refused == ENOENT || a.refused == EAFNOSUPPORT)
    throw virtlab::Error(virtlab::ExitCode::unsupported,
                         "the kernel refused the nftables NAT batch: " + virtlab::errno_result(a.refused),
                         "this kernel lacks nftables NAT (CONFIG_NFT_NAT, CONFIG_NFT_MASQ, CONFIG_NF_TABLES_INET)",
                         a.refused);
  if (a.refused) virtlab::throw_errno(a.refused, "the kernel refused the nftables NAT batch");
  if (a.answered < b.acked_seqs.size())
    throw virtlab::Error(virtlab::ExitCode::failure, "the kernel did not acknowledge the nftables batch",
                         "is CONFIG_NF_TABLES enabled?");
}

}  // namespace

NftRule install_masquerade(int netns_fd, const std::string& out_interface) {
  MnlSocket sock(netns_fd);
  // One transaction: BATCH_BEGIN, NEWTABLE, NEWCHAIN, NEWRULE, BATCH_END. The kernel applies all or nothing.
  NatBatch batch;
  begin_batch(batch);
  queue_nat_table(batch);
  queue_postrouting_chain(batch);
  queue_masquerade_rule(batch, out_interface);
  const std::size_t size = end_and_send_batch(batch, sock);
  check_batch_answer(batch, read_batch_acks(batch, sock), size);
  auto rules = list_nft_rules(netns_fd, kNatTable);
  if (rules.empty())
    throw virtlab::Error(virtlab::ExitCode::failure, "the masquerade rule is not in the kernel after the batch", "");
  return rules.front();
}

std::vector<NftRule> list_nft_rules(int netns_fd, const std::string& table) {
  const auto& l = nft();
  MnlSocket sock(netns_fd);
  std::vector<char> buf(4096);
  nftnl_rule* filter = l.rule_alloc();
  l.rule_set_str(filter, NFTNL_RULE_TABLE, table.c_str());
  l.rule_set_u32(filter, NFTNL_RULE_FAMILY, NFPROTO_INET);
  nlmsghdr* nlh =
      l.build_hdr(buf.data(), NFT_MSG_GETRULE, NFPROTO_INET, NLM_F_DUMP, static_cast<std::uint32_t>(time(nullptr)));
  l.rule_build(nlh, filter);
  l.rule_free(filter);
  sock.send(nlh, nlh->nlmsg_len, "NFT_MSG_GETRULE");
  std::vector<NftRule> out;
  read_dump(sock, "NFT_MSG_GETRULE dump", [&](nlmsghdr* h) {
    nftnl_rule* r = l.rule_alloc();
    if (l.rule_parse(h, r) == 0) {
      NftRule info;
      info.family = family_name(l.rule_get_u32(r, NFTNL_RULE_FAMILY));
      if (const char* t = l.rule_get_str(r, NFTNL_RULE_TABLE)) info.table = t;
      if (const char* c = l.rule_get_str(r, NFTNL_RULE_CHAIN)) info.chain = c;
      info.handle = l.rule_get_u64(r, NFTNL_RULE_HANDLE);
      char text[1024] = {};
      l.rule_snprintf(text, sizeof text, r, NFTNL_OUTPUT_DEFAULT, 0);
      info.expressions = text;
      // libnftnl prints "<family> <table> <chain> <handle>\n  [ expr ] …": keep the expressions.
      if (auto nl = info.expressions.find('\n'); nl != std::string::npos) info.expressions.erase(0, nl + 1);
      while (!info.expressions.empty() && (info.expressions.back() == '\n' || info.expressions.back() == ' '))
        info.expressions.pop_back();
      std::string flat;
      for (char c : info.expressions)
        if (c != '\n') flat += c;
      std::string collapsed;
      for (char c : flat)
        if (!(c == ' ' && !collapsed.empty() && collapsed.back() == ' ')) collapsed += c;
      info.expressions = collapsed;
      if (!info.expressions.empty() && info.expressions.front() == ' ') info.expressions.erase(0, 1);
      if (info.table == table) out.push_back(std::move(info));
    }
    l.rule_free(r);
  });
  virtlab::explain(
      "NFT_MSG_GETRULE dump (nftnl_rule_nlmsg_parse)", "inet " + table,
      std::to_string(out.size()) + " rule(s)" + (out.empty() ? "" : ", handle " + std::to_string(out.front().handle)),
      "the rules as the kernel holds them, each with the handle it gave the rule");
  return out;
}

std::vector<std::string> list_nft_tables(int netns_fd) {
  const auto& l = nft();
  MnlSocket sock(netns_fd);
  std::vector<char> buf(4096);
  nlmsghdr* nlh =
      l.build_hdr(buf.data(), NFT_MSG_GETTABLE, NFPROTO_UNSPEC, NLM_F_DUMP, static_cast<std::uint32_t>(time(nullptr)));
  sock.send(nlh, nlh->nlmsg_len, "NFT_MSG_GETTABLE");
  std::vector<std::string> out;
  read_dump(sock, "NFT_MSG_GETTABLE dump", [&](nlmsghdr* h) {
    nftnl_table* t = l.table_alloc();
    if (l.table_parse(h, t) == 0) {
      const char* name = l.table_get_str(t, NFTNL_TABLE_NAME);
      out.push_back(family_name(l.table_get_u32(t, NFTNL_TABLE_FAMILY)) + " " + (name ? name : "?"));
    }
    l.table_free(t);
  });
  virtlab::explain("NFT_MSG_GETTABLE dump (nftnl_table_nlmsg_parse)", netns_fd >= 0 ? "netns fd" : "this netns",
                   std::to_string(out.size()) + " table(s)");
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Conntrack through libnl-nf
// ---------------------------------------------------------------------------------------------------------------

std::vector<ConntrackEntry> read_conntrack(int netns_fd) {
  nl_sock* sk = nl_socket_alloc();
  if (!sk) throw virtlab::Error(virtlab::ExitCode::failure, "nl_socket_alloc failed", "out of memory?", ENOMEM);
  std::unique_ptr<nl_sock, void (*)(nl_sock*)> owner(sk, nl_socket_free);
  int rc = 0;
  {
    NetnsSwitch inside(netns_fd);
    rc = nl_connect(sk, NETLINK_NETFILTER);
  }
  virtlab::explain("socket(AF_NETLINK, NETLINK_NETFILTER) (nl_connect) inside netns", kRouterNetns, nl_result(rc),
                   "conntrack is per network namespace: the socket must be born in the router's");
  if (rc < 0)
    throw virtlab::Error(virtlab::ExitCode::failure, std::string("cannot open NETLINK_NETFILTER: ") + nl_geterror(rc),
                         "run as root");
  nl_cache* raw = nullptr;
  rc = nfnl_ct_alloc_cache(sk, &raw);
  std::unique_ptr<nl_cache, void (*)(nl_cache*)> cache(raw, nl_cache_free);
  std::vector<ConntrackEntry> out;
  if (rc >= 0) {
    for (nl_object* o = nl_cache_get_first(raw); o; o = nl_cache_get_next(o)) {
      auto* ct = reinterpret_cast<nfnl_ct*>(o);
      ConntrackEntry e;
      const int proto = nfnl_ct_get_proto(ct);
      e.protocol = protocol_name(proto);
      auto fill = [&](CtTuple& t, int repl) {
        char a[64];
        if (nl_addr* s = nfnl_ct_get_src(ct, repl)) t.src = nl_addr2str(s, a, sizeof a);
        if (nl_addr* d = nfnl_ct_get_dst(ct, repl)) t.dst = nl_addr2str(d, a, sizeof a);
        if (proto == IPPROTO_ICMP) {
          // The echo id is the ICMP "port": the original carries the host's id, the reply the translated one.
          if (nfnl_ct_test_icmp_id(ct, repl)) (repl ? t.dst_port : t.src_port) = nfnl_ct_get_icmp_id(ct, repl);
        } else {
          if (nfnl_ct_test_src_port(ct, repl)) t.src_port = nfnl_ct_get_src_port(ct, repl);
          if (nfnl_ct_test_dst_port(ct, repl)) t.dst_port = nfnl_ct_get_dst_port(ct, repl);
        }
      };
      fill(e.original, 0);
      fill(e.reply, 1);
      if (proto == IPPROTO_TCP && nfnl_ct_test_tcp_state(ct)) {
        char s[32];
        e.tcp_state = nfnl_ct_tcp_state2str(nfnl_ct_get_tcp_state(ct), s, sizeof s);
      }
      e.status = nfnl_ct_get_status(ct);
      e.timeout = nfnl_ct_get_timeout(ct);
      out.push_back(std::move(e));
    }
  }
  virtlab::explain("IPCTNL_MSG_CT_GET dump (nfnl_ct_alloc_cache)", kRouterNetns,
                   rc < 0 ? nl_result(rc) : std::to_string(out.size()) + " entries",
                   "the connection tracking table: each flow's original tuple and its reply tuple; NAT shows as a "
                   "reply addressed to the translated address/port");
  if (rc < 0)
    throw virtlab::Error(virtlab::ExitCode::failure, std::string("cannot dump conntrack: ") + nl_geterror(rc),
                         "needs CONFIG_NF_CT_NETLINK");
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The router and the outside
// ---------------------------------------------------------------------------------------------------------------

void add_default_route(const NetlinkSocket& sk, const std::string& device, const std::string& gateway_ip) {
  auto link = find_link(sk, device);
  if (!link) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + device, "", ENODEV);
  in_addr gw{};
  if (inet_pton(AF_INET, gateway_ip.c_str(), &gw) != 1)
    throw virtlab::Error(virtlab::ExitCode::usage, "bad gateway address '" + gateway_ip + "'", "use A.B.C.D");
  // RTM_NEWROUTE { rtmsg AF_INET dst_len 0 table main proto static scope universe unicast, RTA_GATEWAY, RTA_OIF }
  // built with libnl's nlmsg/nla API (libnl's rtnl_route objects would add start-up constructors to every run).
  std::unique_ptr<nl_msg, void (*)(nl_msg*)> msg(
      nlmsg_alloc_simple(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK), nlmsg_free);
  if (!msg) throw virtlab::Error(virtlab::ExitCode::failure, "nlmsg_alloc_simple failed", "out of memory?", ENOMEM);
  rtmsg rt{};
  rt.rtm_family = AF_INET;
  rt.rtm_table = RT_TABLE_MAIN;
  rt.rtm_protocol = RTPROT_STATIC;
  rt.rtm_scope = RT_SCOPE_UNIVERSE;
  rt.rtm_type = RTN_UNICAST;
  int rc = nlmsg_append(msg.get(), &rt, sizeof rt, NLMSG_ALIGNTO);
  if (rc >= 0) rc = nla_put(msg.get(), RTA_GATEWAY, sizeof gw, &gw);
  if (rc >= 0) rc = nla_put_u32(msg.get(), RTA_OIF, static_cast<std::uint32_t>(link->index));
  if (rc >= 0) rc = nl_send_auto(sk.get(), msg.get());
  if (rc >= 0) rc = nl_wait_for_ack(sk.get());
  virtlab::explain("RTM_NEWROUTE (nlmsg: RTA_GATEWAY, RTA_OIF)", "default via " + gateway_ip + " dev " + device,
                   nl_result(rc), "everything not on the local subnet goes to the router (the VM's default gateway)");
  if (rc < 0)
    throw virtlab::Error(virtlab::ExitCode::failure, "cannot add the default route: " + std::string(nl_geterror(rc)),
                         "");
}

void enable_ip_forward(int netns_fd) {
  int fd = -1;
  int err = 0;
  {
    NetnsSwitch inside(netns_fd);  // /proc/sys/net resolves to the namespace of the thread that opens it
    fd = ::open("/proc/sys/net/ipv4/ip_forward", O_WRONLY | O_CLOEXEC);
    err = errno;
  }
  virtlab::UniqueFd f(fd);
  ssize_t n = f ? ::write(f.get(), "1\n", 2) : -1;
  if (n < 0 && f) err = errno;
  virtlab::explain("write /proc/sys/net/ipv4/ip_forward = 1 (opened inside the router's netns)", kRouterNetns,
                   n == 2 ? "2" : virtlab::errno_result(err),
                   "the namespace's own sysctl: it routes between its interfaces; the host's stays as it was");
  if (n != 2) virtlab::throw_errno(err, "cannot enable forwarding in " + std::string(kRouterNetns), "run as root");
}

TcpProbe tcp_probe(const std::string& from_netns_path, const std::string& outside_netns_path) {
  TcpProbe probe;
  auto fail = [&](const std::string& what) {
    probe.error = what + ": " + std::strerror(errno);
    return probe;
  };
  virtlab::UniqueFd from_ns(::open(from_netns_path.c_str(), O_RDONLY | O_CLOEXEC));
  virtlab::UniqueFd out_ns(::open(outside_netns_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!from_ns || !out_ns) return fail("open netns");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(kOutsideTcpPort);
  inet_pton(AF_INET, kOutsideIp, &addr.sin_addr);
  virtlab::UniqueFd listener;
  {
    NetnsSwitch inside(out_ns.get());
    listener.reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  }
  if (!listener) return fail("socket (listener in vl-out)");
  int one = 1;
  setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return fail("bind");
  if (listen(listener.get(), 4) != 0) return fail("listen");
  virtlab::UniqueFd client;
  {
    NetnsSwitch inside(from_ns.get());
    client.reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  }
  if (!client) return fail("socket (client)");
  if (connect(client.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS)
    return fail("connect");
  pollfd pf{client.get(), POLLOUT, 0};
  if (poll(&pf, 1, 3000) <= 0) {
    probe.error = "connect: no answer within 3 s";
    return probe;
  }
  int soerr = 0;
  socklen_t len = sizeof soerr;
  getsockopt(client.get(), SOL_SOCKET, SO_ERROR, &soerr, &len);
  if (soerr != 0) {
    errno = soerr;
    return fail("connect");
  }
  sockaddr_in local{};
  len = sizeof local;
  getsockname(client.get(), reinterpret_cast<sockaddr*>(&local), &len);
  probe.local_port = ntohs(local.sin_port);
  pollfd lp{listener.get(), POLLIN, 0};
  if (poll(&lp, 1, 3000) <= 0) {
    probe.error = "accept: nothing within 3 s";
    return probe;
  }
  sockaddr_in peer{};
  len = sizeof peer;
  virtlab::UniqueFd conn(accept4(listener.get(), reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC));
  if (!conn) return fail("accept");
  char ip[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &peer.sin_addr, ip, sizeof ip);
  probe.peer_seen = endpoint(ip, ntohs(peer.sin_port));
  char byte = 'v';
  if (::write(conn.get(), &byte, 1) != 1) return fail("write");
  pollfd cp{client.get(), POLLIN, 0};
  if (poll(&cp, 1, 3000) <= 0 || ::read(client.get(), &byte, 1) != 1) return fail("read");
  probe.ok = true;
  return probe;  // both sockets close here: the client's side goes to TIME_WAIT
}

virtlab::Json build_nat(const NetlinkSocket& router, int router_netns_fd, int outside_netns_fd) {
  virtlab::Explain::instance().note("NAT: the outside (netns " + std::string(kOutsideNetns) +
                                    ", TEST-NET-3) on a cable from the router");
  create_veth(router, kRouterOutIf, "eth0", 0, outside_netns_fd);
  add_address(router, kRouterOutIf, kRouterOutsideCidr);
  set_up(router, kRouterOutIf);
  {
    auto outside = NetlinkSocket::in_netns(outside_netns_fd);
    set_up(outside, "lo");
    add_address(outside, "eth0", kOutsideCidr);
    set_up(outside, "eth0");
  }
  virtlab::Explain::instance().note("NAT: forwarding and the masquerade rule, in the router's netns only");
  enable_ip_forward(router_netns_fd);
  NftRule rule = install_masquerade(router_netns_fd, kRouterOutIf);
  return {{"router_netns", kRouterNetns},
          {"outside_netns", kOutsideNetns},
          {"gateway", kGatewayCidr},
          {"router_outside_interface", kRouterOutIf},
          {"router_outside_address", kRouterOutsideCidr},
          {"outside_address", kOutsideCidr},
          {"ip_forward", true},
          {"nft",
           {{"family", "inet"},
            {"table", kNatTable},
            {"chain", kNatChain},
            {"type", "nat"},
            {"hook", "postrouting"},
            {"priority", 100},
            {"rule", {{"handle", rule.handle}, {"expressions", rule.expressions}}},
            {"ruleset", std::string("table inet ") + kNatTable + " { chain " + kNatChain +
                            " { type nat hook postrouting priority 100; oifname \"" + kRouterOutIf +
                            "\" masquerade } }"}}}};
}

virtlab::Json net_nat(bool json) {
  if (geteuid() != 0)
    throw virtlab::Error(virtlab::ExitCode::permission, "reading another namespace's conntrack needs root",
                         "run as root (CAP_SYS_ADMIN for setns, CAP_NET_ADMIN for conntrack)", EPERM);
  const std::string path = std::string(kNetnsDir) + "/" + kRouterNetns;
  virtlab::UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!ns)
    throw virtlab::Error(virtlab::ExitCode::not_found, "no NAT router (" + path + " does not exist)",
                         "create it with: nsenter-lite net switch --mode nat --hosts 2", ENOENT);
  auto entries = read_conntrack(ns.get());
  auto rules = list_nft_rules(ns.get(), kNatTable);
  if (!json) {
    for (const auto& r : rules)
      std::cout << "nft rule (" << r.family << " " << r.table << " " << r.chain << ", handle " << r.handle
                << "): " << r.expressions << "\n";
    render_nat_table(std::cout, entries, virtlab::Terminal::detect(1, virtlab::ColorMode::automatic).color);
  }
  virtlab::Json rules_json = virtlab::Json::array();
  for (const auto& r : rules)
    rules_json.push_back({{"family", r.family},
                          {"table", r.table},
                          {"chain", r.chain},
                          {"handle", r.handle},
                          {"expressions", r.expressions}});
  return {{"router_netns", kRouterNetns},
          {"router_outside_address", kRouterOutsideIp},
          {"nft_rules", rules_json},
          {"conntrack", conntrack_json(entries)}};
}

}  // namespace virtlab::nsenter_lite
