// `nsenter-lite net switch --mode nat` and `net nat`: the notes' NAT mode made real, without touching the host's
// own network. A router network namespace (vl-rt) holds the switch (bridge, gateway address), a veth to an
// "outside" namespace (vl-out, TEST-NET-3 203.0.113.0/24), its own ip_forward=1 and an nftables table whose
// postrouting rule masquerades everything leaving through vl-rt-out. The rules are built with libnftnl and sent
// with libmnl as one batch on a NETLINK_NETFILTER socket made inside vl-rt; the NAT table (conntrack) is read
// through libnl-nf. libnftnl/libmnl are loaded with dlopen only by the NAT commands: Debian ships no static
// libmnl, and nsenter-lite stays one static executable whose start-up never pays for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nsenter_lite/netlink.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

inline constexpr const char* kRouterNetns = "vl-rt";
inline constexpr const char* kOutsideNetns = "vl-out";
inline constexpr const char* kRouterOutIf = "vl-rt-out";        // router side of the cable to the outside
inline constexpr const char* kGatewayCidr = "10.201.0.254/24";  // the bridge in vl-rt: the hosts' default gateway
inline constexpr const char* kGatewayIp = "10.201.0.254";
inline constexpr const char* kRouterOutsideCidr = "203.0.113.2/24";  // what hosts are translated to
inline constexpr const char* kRouterOutsideIp = "203.0.113.2";
inline constexpr const char* kOutsideCidr = "203.0.113.1/24";  // the "internet": eth0 in vl-out
inline constexpr const char* kOutsideIp = "203.0.113.1";
inline constexpr int kOutsideTcpPort = 80;  // the tiny listener in vl-out
inline constexpr const char* kNatTable = "virtlab_nat";
inline constexpr const char* kNatChain = "postrouting";

// One answer to a netlink request: an NLMSG_ERROR carries 0 (an ACK) or -errno for the message with `seq`.
struct NetlinkAck {
  std::uint32_t seq = 0;
  int error = 0;
};
// Every NLMSG_ERROR in one datagram, in order (pure; other message types are skipped).
std::vector<NetlinkAck> parse_netlink_acks(const char* data, std::size_t size);

// One conntrack entry, decoded from libnl-nf's nfnl_ct getters. Ports are -1 when the protocol has none; for
// ICMP the echo id stands in for the port (original src_port, reply dst_port), as NAT rewrites it like one.
struct CtTuple {
  std::string src, dst;
  int src_port = -1, dst_port = -1;
};
struct ConntrackEntry {
  std::string protocol;  // "tcp", "udp", "icmp" or the number
  CtTuple original, reply;
  std::string tcp_state;      // "ESTABLISHED", "TIME_WAIT", … (TCP only)
  std::uint32_t status = 0;   // IPS_* bits
  std::uint32_t timeout = 0;  // seconds left
};
// The NAT table's row: internal ip:port → external ip:port (the reply tuple's destination), and the peer.
struct NatRow {
  std::string internal, external, remote, state;
  bool translated = false;
};
// "ip:port", or "ip" when port < 0.
std::string endpoint(const std::string& ip, int port);
std::string protocol_name(int proto);  // "tcp", "icmp", "igmp", … or the number (pure)
// TCP: its state; others: ASSURED (traffic both ways, kept under pressure), REPLIED or UNREPLIED. Pure.
std::string ct_state_name(const ConntrackEntry& e);
NatRow nat_row(const ConntrackEntry& e);  // pure
virtlab::Json conntrack_json(const std::vector<ConntrackEntry>& entries);
void render_nat_table(std::ostream& out, const std::vector<ConntrackEntry>& entries, bool color);

// The live conntrack table of a network namespace (IPCTNL_MSG_CT_GET dump through nfnl_ct_alloc_cache, on a
// NETLINK_NETFILTER socket created inside it).
std::vector<ConntrackEntry> read_conntrack(int netns_fd);

struct NftRule {
  std::string family, table, chain;
  std::uint64_t handle = 0;
  std::string expressions;  // libnftnl's text of the rule's expressions
};
// table inet virtlab_nat { chain postrouting { type nat hook postrouting priority 100; oifname OUT masquerade } }
// as one nfnetlink batch; returns the rule as the kernel reports it back (with its handle).
NftRule install_masquerade(int netns_fd, const std::string& out_interface);
std::vector<NftRule> list_nft_rules(int netns_fd, const std::string& table);  // NFT_MSG_GETRULE dump
std::vector<std::string> list_nft_tables(int netns_fd);                       // "inet virtlab_nat", … (GETTABLE)

// Helpers the NAT switch uses (they act in sk's / the fd's namespace).
void add_default_route(const NetlinkSocket& sk, const std::string& device, const std::string& gateway_ip);
void enable_ip_forward(int netns_fd);  // /proc/sys/net/ipv4/ip_forward of that namespace (its own sysctl)

struct TcpProbe {
  bool ok = false;
  int local_port = 0;     // the client's port inside the host (before translation)
  std::string peer_seen;  // the address the listener saw (the translated one)
  std::string error;
};
// A listener on kOutsideIp:kOutsideTcpPort in `outside_netns_path` and a connect from `from_netns_path`: one
// accepted connection, one byte each way, closed. Only inside our namespaces.
TcpProbe tcp_probe(const std::string& from_netns_path, const std::string& outside_netns_path);

// Builds the outside and the NAT in an existing router namespace whose bridge already has the gateway address;
// returns the NAT facts for the switch's JSON. `outside_netns_fd` is the (new, empty) vl-out namespace.
virtlab::Json build_nat(const NetlinkSocket& router, int router_netns_fd, int outside_netns_fd);

// `net nat`: the router's conntrack table and the nft rule, live.
virtlab::Json net_nat(bool json);

}  // namespace virtlab::nsenter_lite
