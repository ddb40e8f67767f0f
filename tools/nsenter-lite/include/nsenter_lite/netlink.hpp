// Everything network goes through libnl-3 (route): veth pairs, addresses, links up, bridges, ports and the
// bridge forwarding database. Never `ip`. A netlink socket acts in the network namespace it was CREATED in, so
// `NetlinkSocket::in_netns(fd)` enters the namespace only for socket(2) and comes straight back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "virtlab/fd.hpp"

struct nl_sock;

namespace virtlab::nsenter_lite {

// Runs `fn` with this thread in the network namespace `netns_fd`, then returns to the original one (RAII).
class NetnsSwitch {
 public:
  explicit NetnsSwitch(int netns_fd);
  ~NetnsSwitch();
  NetnsSwitch(const NetnsSwitch&) = delete;
  NetnsSwitch& operator=(const NetnsSwitch&) = delete;

 private:
  virtlab::UniqueFd home_;
};

class NetlinkSocket {
 public:
  NetlinkSocket();                              // in the current network namespace
  static NetlinkSocket in_netns(int netns_fd);  // bound to another namespace for its whole life
  ~NetlinkSocket();
  NetlinkSocket(NetlinkSocket&& o) noexcept : sk_(o.sk_) { o.sk_ = nullptr; }
  NetlinkSocket& operator=(NetlinkSocket&&) = delete;
  NetlinkSocket(const NetlinkSocket&) = delete;
  nl_sock* get() const noexcept { return sk_; }

 private:
  explicit NetlinkSocket(nl_sock* sk) : sk_(sk) {}
  nl_sock* sk_ = nullptr;
};

struct LinkInfo {
  int index = 0;
  std::string name;
  std::string kind;  // "veth", "bridge", "" …
  std::string mac;   // "aa:bb:cc:dd:ee:ff"
  int master = 0;    // ifindex of the bridge it is a port of
  bool up = false;
};

std::optional<LinkInfo> find_link(const NetlinkSocket& sk, const std::string& name);
std::vector<LinkInfo> list_links(const NetlinkSocket& sk);

// veth pair: `host_name` stays in sk's namespace; `peer_name` is created directly in the namespace of
// `peer_netns_pid` (IFLA_NET_NS_PID) or, when peer_netns_fd >= 0, of that fd (IFLA_NET_NS_FD).
// Throws busy with a fix when a name is taken.
void create_veth(const NetlinkSocket& sk, const std::string& host_name, const std::string& peer_name,
                 pid_t peer_netns_pid, int peer_netns_fd = -1, const std::string& peer_mac = {});
void create_bridge(const NetlinkSocket& sk, const std::string& name);
// A VLAN-aware bridge: IFLA_BR_VLAN_FILTERING=1 and IFLA_BR_VLAN_DEFAULT_PVID=0 (ports join no VLAN by default).
void create_vlan_bridge(const NetlinkSocket& sk, const std::string& name);
// Makes `port` an access port of VLAN `vid` (PVID + untagged); bridge_self = the bridge device's own port.
void set_port_vlan(const NetlinkSocket& sk, const std::string& port, int vid, bool bridge_self = false);
// The VLAN ids `port` is a member of (RTM_GETLINK AF_BRIDGE with RTEXT_FILTER_BRVLAN).
std::vector<int> read_port_vlans(const NetlinkSocket& sk, const std::string& port);
void set_master(const NetlinkSocket& sk, const std::string& port, const std::string& bridge);
void set_up(const NetlinkSocket& sk, const std::string& name);
// "10.200.0.1/30"
void add_address(const NetlinkSocket& sk, const std::string& name, const std::string& cidr);
// Deletes a link; true when it existed. Deleting one end of a veth deletes both.
bool delete_link(const NetlinkSocket& sk, const std::string& name) noexcept;

struct FdbEntry {
  std::string mac;
  std::string port;  // interface name of the bridge port
  int port_index = 0;
  int vlan = 0;            // 0 = none
  bool local = false;      // NUD_PERMANENT: the bridge's own port address ("local" in bridge fdb)
  bool is_static = false;  // NUD_NOARP
  bool learned() const noexcept { return !local && !is_static; }
};
// 33:33:… (IPv6) and 01:00:5e:… (IPv4) are multicast group addresses, not hosts: the switch view leaves them out.
bool is_multicast_group_mac(const std::string& mac);
// The bridge's forwarding database via RTM_GETNEIGH with family AF_BRIDGE, filtered on master == bridge.
std::vector<FdbEntry> read_fdb(const NetlinkSocket& sk, const std::string& bridge);

// Removes one learned entry from the bridge FDB (RTM_DELNEIGH, AF_BRIDGE, NTF_MASTER); true when it was there.
bool delete_fdb_entry(const NetlinkSocket& sk, const std::string& port, const std::string& mac, int vlan = 0);

// One FDB change the kernel announced: RTM_NEWNEIGH (learned, moved, refreshed) or RTM_DELNEIGH (aged out, deleted)
// of family AF_BRIDGE. entry.port is left empty (the message carries only the port's ifindex).
struct FdbEvent {
  bool removed = false;
  int master = 0;  // NDA_MASTER: ifindex of the bridge (0 when the message has none)
  FdbEntry entry;
};
// Parses one datagram of rtnetlink notifications (pure); ARP/ND neighbours and other messages are skipped.
std::vector<FdbEvent> parse_fdb_events(const char* data, std::size_t size);
// `table` after `event`, in the kernel's order of events: a removal drops the (mac, port, vlan) entry, a new entry
// is added with its port named `port_name`, a MAC that moved to another port moves. Pure.
std::vector<FdbEntry> apply_fdb_event(std::vector<FdbEntry> table, const FdbEvent& event, const std::string& port_name);

// A netlink socket subscribed to RTNLGRP_NEIGH: readable whenever a neighbour or FDB entry changes.
class NeighEvents {
 public:
  NeighEvents();
  int fd() const;
  // Reads every pending notification (non-blocking). When the kernel dropped some (ENOBUFS) the events are
  // incomplete: callers dump the table again after each drain anyway.
  std::vector<FdbEvent> drain();

 private:
  NetlinkSocket sk_;
};

// RAII: a link we created, deleted on destruction (errors ignored; gone already is fine).
class ScopedLink {
 public:
  ScopedLink() = default;
  explicit ScopedLink(std::string name) : name_(std::move(name)) {}
  ScopedLink(ScopedLink&& o) noexcept : name_(std::move(o.name_)) { o.name_.clear(); }
  ScopedLink& operator=(ScopedLink&& o) noexcept;
  ~ScopedLink();
  void release() noexcept { name_.clear(); }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

}  // namespace virtlab::nsenter_lite
