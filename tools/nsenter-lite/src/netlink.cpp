#include "nsenter_lite/netlink.hpp"

#include <fcntl.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace virtlab::nsenter_lite {

namespace {

// libnl returns negative NLE_* codes; map the ones users hit to errno for exit codes.
int nle_to_errno(int nle) {
  switch (-nle) {
    case NLE_EXIST:
      return EEXIST;
    case NLE_PERM:
      return EPERM;
    case NLE_NODEV:
    case NLE_OBJ_NOTFOUND:
      return ENODEV;
    case NLE_NOMEM:
      return ENOMEM;
    case NLE_INVAL:
      return EINVAL;
    case NLE_BUSY:
      return EBUSY;
    case NLE_OPNOTSUPP:
      return EOPNOTSUPP;
    case NLE_NOADDR:
      return EADDRNOTAVAIL;
    default:
      return EIO;
  }
}

[[noreturn]] void throw_nl(int nle, const std::string& what, const std::string& hint) {
  int err = nle_to_errno(nle);
  std::string h = hint;
  if (err == EPERM) h = "needs CAP_NET_ADMIN in the namespace's owner user namespace: run as root";
  throw virtlab::Error(virtlab::exit_code_for_errno(err), what + ": " + nl_geterror(nle), h, err);
}

std::string nl_result(int rc) {
  return rc < 0 ? std::string("-1 ") + nl_geterror(rc) : "0";
}

struct LinkDeleter {
  void operator()(rtnl_link* l) const { rtnl_link_put(l); }
};
using LinkPtr = std::unique_ptr<rtnl_link, LinkDeleter>;
struct CacheDeleter {
  void operator()(nl_cache* c) const { nl_cache_free(c); }
};
using CachePtr = std::unique_ptr<nl_cache, CacheDeleter>;

LinkPtr get_link(const NetlinkSocket& sk, const std::string& name) {
  rtnl_link* link = nullptr;
  if (rtnl_link_get_kernel(sk.get(), 0, name.c_str(), &link) < 0) return nullptr;
  return LinkPtr(link);
}

LinkInfo to_info(rtnl_link* l) {
  LinkInfo info;
  info.index = rtnl_link_get_ifindex(l);
  if (const char* n = rtnl_link_get_name(l)) info.name = n;
  if (const char* k = rtnl_link_get_type(l)) info.kind = k;
  if (nl_addr* a = rtnl_link_get_addr(l)) {
    char buf[64];
    info.mac = nl_addr2str(a, buf, sizeof buf);
  }
  info.master = rtnl_link_get_master(l);
  info.up = (rtnl_link_get_flags(l) & IFF_UP) != 0;
  return info;
}

}  // namespace

NetnsSwitch::NetnsSwitch(int netns_fd) : home_(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)) {
  if (!home_) virtlab::throw_errno("cannot open /proc/thread-self/ns/net");
  if (setns(netns_fd, CLONE_NEWNET) != 0)
    virtlab::throw_errno("setns(CLONE_NEWNET)", "needs CAP_SYS_ADMIN over the namespace: run as root");
}

NetnsSwitch::~NetnsSwitch() {
  if (home_) (void)setns(home_.get(), CLONE_NEWNET);
}

NetlinkSocket::NetlinkSocket() : sk_(nl_socket_alloc()) {
  if (!sk_) throw virtlab::Error(virtlab::ExitCode::failure, "nl_socket_alloc failed", "out of memory?", ENOMEM);
  int rc = nl_connect(sk_, NETLINK_ROUTE);
  if (rc < 0) {
    nl_socket_free(sk_);
    sk_ = nullptr;
    throw_nl(rc, "cannot open a NETLINK_ROUTE socket", "");
  }
}

NetlinkSocket NetlinkSocket::in_netns(int netns_fd) {
  NetnsSwitch enter(netns_fd);
  NetlinkSocket sk;
  virtlab::explain("socket(AF_NETLINK, NETLINK_ROUTE) inside netns", "fd of the target netns", "ok",
                   "a netlink socket talks to the namespace it was created in, wherever we go afterwards");
  return sk;
}

NetlinkSocket::~NetlinkSocket() {
  if (sk_) nl_socket_free(sk_);
}

std::optional<LinkInfo> find_link(const NetlinkSocket& sk, const std::string& name) {
  auto l = get_link(sk, name);
  if (!l) return std::nullopt;
  return to_info(l.get());
}

std::vector<LinkInfo> list_links(const NetlinkSocket& sk) {
  nl_cache* raw = nullptr;
  int rc = rtnl_link_alloc_cache(sk.get(), AF_UNSPEC, &raw);
  if (rc < 0) throw_nl(rc, "cannot dump links (RTM_GETLINK)", "");
  CachePtr cache(raw);
  std::vector<LinkInfo> out;
  for (nl_object* o = nl_cache_get_first(raw); o; o = nl_cache_get_next(o))
    out.push_back(to_info(reinterpret_cast<rtnl_link*>(o)));
  return out;
}

void create_veth(const NetlinkSocket& sk, const std::string& host_name, const std::string& peer_name,
                 pid_t peer_netns_pid, int peer_netns_fd, const std::string& peer_mac) {
  if (host_name.size() >= IFNAMSIZ || peer_name.size() >= IFNAMSIZ)
    throw virtlab::Error(virtlab::ExitCode::usage, "interface name too long: '" + host_name + "'",
                         "use at most 15 characters", EINVAL);
  if (find_link(sk, host_name))
    throw virtlab::Error(virtlab::ExitCode::busy, "interface name '" + host_name + "' is taken",
                         "choose another name, or remove the old one (nsenter-lite net down)", EEXIST);
  LinkPtr veth(rtnl_link_veth_alloc());
  rtnl_link_set_name(veth.get(), host_name.c_str());
  rtnl_link* peer = rtnl_link_veth_get_peer(veth.get());
  rtnl_link_set_name(peer, peer_name.c_str());
  if (!peer_mac.empty()) {
    nl_addr* mac = nullptr;
    if (nl_addr_parse(peer_mac.c_str(), AF_LLC, &mac) == 0) {
      rtnl_link_set_addr(peer, mac);
      nl_addr_put(mac);
    }
  }
  if (peer_netns_fd >= 0)
    rtnl_link_set_ns_fd(peer, peer_netns_fd);
  else if (peer_netns_pid > 0)
    rtnl_link_set_ns_pid(peer, peer_netns_pid);
  int rc = rtnl_link_add(sk.get(), veth.get(), NLM_F_CREATE | NLM_F_EXCL);
  rtnl_link_put(peer);  // rtnl_link_veth_get_peer took a reference
  virtlab::explain("RTM_NEWLINK veth (rtnl_link_add)",
                   host_name + " <-> " + peer_name +
                       (peer_netns_pid > 0   ? " (peer in netns of pid " + std::to_string(peer_netns_pid) + ")"
                        : peer_netns_fd >= 0 ? " (peer in netns fd)"
                                             : ""),
                   nl_result(rc), "a veth pair is a virtual cable: what enters one end leaves the other");
  if (rc < 0) {
    if (rc == -NLE_EXIST)
      throw virtlab::Error(virtlab::ExitCode::busy,
                           "interface name '" + host_name + "' or '" + peer_name + "' is taken",
                           "choose another name, or remove the old one (nsenter-lite net down)", EEXIST);
    throw_nl(rc, "cannot create veth pair " + host_name, "");
  }
}

void create_bridge(const NetlinkSocket& sk, const std::string& name) {
  if (find_link(sk, name))
    throw virtlab::Error(virtlab::ExitCode::busy, "interface name '" + name + "' is taken",
                         "remove it first (nsenter-lite net down) or pick --bridge NAME", EEXIST);
  int rc = rtnl_link_bridge_add(sk.get(), name.c_str());
  virtlab::explain("RTM_NEWLINK bridge (rtnl_link_bridge_add)", name, nl_result(rc),
                   "a Linux bridge is a software L2 switch with a MAC learning table (FDB)");
  if (rc < 0) throw_nl(rc, "cannot create bridge " + name, "load the bridge module: modprobe bridge");
}

namespace {
struct MsgDeleter {
  void operator()(nl_msg* m) const { nlmsg_free(m); }
};
using MsgPtr = std::unique_ptr<nl_msg, MsgDeleter>;

// Sends a message we built and waits for the kernel's ACK (or its error).
int send_and_ack(const NetlinkSocket& sk, nl_msg* msg) {
  int rc = nl_send_auto(sk.get(), msg);
  if (rc < 0) return rc;
  return nl_wait_for_ack(sk.get());
}
}  // namespace

void create_vlan_bridge(const NetlinkSocket& sk, const std::string& name) {
  if (find_link(sk, name))
    throw virtlab::Error(virtlab::ExitCode::busy, "interface name '" + name + "' is taken",
                         "remove it first (nsenter-lite net down) or pick --bridge NAME", EEXIST);
  // RTM_NEWLINK { ifinfomsg, IFLA_IFNAME, IFLA_LINKINFO { IFLA_INFO_KIND "bridge",
  //   IFLA_INFO_DATA { IFLA_BR_VLAN_FILTERING 1, IFLA_BR_VLAN_DEFAULT_PVID 0 } } }
  MsgPtr msg(nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK));
  if (!msg) throw virtlab::Error(virtlab::ExitCode::failure, "nlmsg_alloc_simple failed", "out of memory?", ENOMEM);
  ifinfomsg ifi{};
  ifi.ifi_family = AF_UNSPEC;
  int rc = nlmsg_append(msg.get(), &ifi, sizeof ifi, NLMSG_ALIGNTO);
  if (rc >= 0) rc = nla_put_string(msg.get(), IFLA_IFNAME, name.c_str());
  nlattr* linkinfo = rc >= 0 ? nla_nest_start(msg.get(), IFLA_LINKINFO) : nullptr;
  if (linkinfo) rc = nla_put_string(msg.get(), IFLA_INFO_KIND, "bridge");
  nlattr* data = linkinfo && rc >= 0 ? nla_nest_start(msg.get(), IFLA_INFO_DATA) : nullptr;
  if (data) {
    rc = nla_put_u8(msg.get(), IFLA_BR_VLAN_FILTERING, 1);
    if (rc >= 0) rc = nla_put_u16(msg.get(), IFLA_BR_VLAN_DEFAULT_PVID, 0);  // new ports join no VLAN by themselves
    if (rc >= 0) rc = nla_nest_end(msg.get(), data);
    if (rc >= 0) rc = nla_nest_end(msg.get(), linkinfo);
  } else {
    rc = -NLE_NOMEM;
  }
  if (rc >= 0) rc = send_and_ack(sk, msg.get());
  virtlab::explain("RTM_NEWLINK bridge {IFLA_BR_VLAN_FILTERING=1, IFLA_BR_VLAN_DEFAULT_PVID=0} (nlmsg)", name,
                   nl_result(rc),
                   "a VLAN-aware switch: a frame is forwarded only between ports that are members of its VLAN, and "
                   "the FDB learns per (MAC, VLAN)");
  if (rc == -NLE_OPNOTSUPP)
    throw virtlab::Error(
        virtlab::ExitCode::unsupported, "this kernel's bridge cannot filter VLANs (IFLA_BR_VLAN_FILTERING refused)",
        "use a kernel built with CONFIG_BRIDGE_VLAN_FILTERING=y (Debian's is), or drop --vlan", EOPNOTSUPP);
  if (rc < 0) throw_nl(rc, "cannot create VLAN-filtering bridge " + name, "load the bridge module: modprobe bridge");
}

void set_port_vlan(const NetlinkSocket& sk, const std::string& port, int vid, bool bridge_self) {
  auto link = get_link(sk, port);
  if (!link) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + port, "", ENODEV);
  // RTM_SETLINK { ifinfomsg family AF_BRIDGE, IFLA_AF_SPEC { [IFLA_BRIDGE_FLAGS SELF], IFLA_BRIDGE_VLAN_INFO
  //   { flags PVID|UNTAGGED, vid } } } — what `bridge vlan add dev PORT vid N pvid untagged` sends.
  MsgPtr msg(nlmsg_alloc_simple(RTM_SETLINK, NLM_F_ACK));
  if (!msg) throw virtlab::Error(virtlab::ExitCode::failure, "nlmsg_alloc_simple failed", "out of memory?", ENOMEM);
  ifinfomsg ifi{};
  ifi.ifi_family = AF_BRIDGE;
  ifi.ifi_index = rtnl_link_get_ifindex(link.get());
  int rc = nlmsg_append(msg.get(), &ifi, sizeof ifi, NLMSG_ALIGNTO);
  nlattr* spec = rc >= 0 ? nla_nest_start(msg.get(), IFLA_AF_SPEC) : nullptr;
  if (!spec) rc = -NLE_NOMEM;
  if (rc >= 0 && bridge_self) rc = nla_put_u16(msg.get(), IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_SELF);
  bridge_vlan_info info{};
  info.flags = BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED;
  info.vid = static_cast<std::uint16_t>(vid);
  if (rc >= 0) rc = nla_put(msg.get(), IFLA_BRIDGE_VLAN_INFO, sizeof info, &info);
  if (rc >= 0) rc = nla_nest_end(msg.get(), spec);
  if (rc >= 0) rc = send_and_ack(sk, msg.get());
  virtlab::explain("RTM_SETLINK AF_BRIDGE IFLA_AF_SPEC{IFLA_BRIDGE_VLAN_INFO pvid untagged} (nlmsg)",
                   port + (bridge_self ? " (the bridge itself)" : "") + " vid " + std::to_string(vid), nl_result(rc),
                   "an access port: untagged frames coming in belong to VLAN " + std::to_string(vid) +
                       ", frames of that VLAN leave untagged");
  if (rc < 0) throw_nl(rc, "cannot put " + port + " into VLAN " + std::to_string(vid), "VLAN ids are 1..4094");
}

std::vector<int> read_port_vlans(const NetlinkSocket& sk, const std::string& port) {
  auto link = get_link(sk, port);
  if (!link) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + port, "", ENODEV);
  const int index = rtnl_link_get_ifindex(link.get());
  // RTM_GETLINK dump, family AF_BRIDGE, IFLA_EXT_MASK RTEXT_FILTER_BRVLAN: each port's VLAN list.
  MsgPtr msg(nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP));
  ifinfomsg ifi{};
  ifi.ifi_family = AF_BRIDGE;
  int rc = nlmsg_append(msg.get(), &ifi, sizeof ifi, NLMSG_ALIGNTO);
  if (rc >= 0) rc = nla_put_u32(msg.get(), IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
  if (rc >= 0) rc = nl_send_auto(sk.get(), msg.get());
  if (rc < 0) throw_nl(rc, "cannot ask for bridge VLANs (RTM_GETLINK AF_BRIDGE)", "");
  struct Ctx {
    int index;
    std::vector<int> vids;
  } ctx{index, {}};
  nl_cb* cb = nl_cb_clone(nl_socket_get_cb(sk.get()));
  nl_cb_set(
      cb, NL_CB_VALID, NL_CB_CUSTOM,
      [](nl_msg* m, void* arg) -> int {
        auto* c = static_cast<Ctx*>(arg);
        nlmsghdr* h = nlmsg_hdr(m);
        auto* info = static_cast<ifinfomsg*>(nlmsg_data(h));
        if (info->ifi_index != c->index) return NL_OK;
        nlattr* spec = nlmsg_find_attr(h, sizeof(ifinfomsg), IFLA_AF_SPEC);
        if (!spec) return NL_OK;
        nlattr* a = nullptr;
        int rem = 0;
        nla_for_each_nested(a, spec, rem) {
          if (nla_type(a) != IFLA_BRIDGE_VLAN_INFO || nla_len(a) < static_cast<int>(sizeof(bridge_vlan_info))) continue;
          auto* v = static_cast<bridge_vlan_info*>(nla_data(a));
          c->vids.push_back(v->vid);
        }
        return NL_OK;
      },
      &ctx);
  rc = nl_recvmsgs(sk.get(), cb);
  nl_cb_put(cb);
  if (rc < 0) throw_nl(rc, "cannot read bridge VLANs of " + port, "");
  virtlab::explain("RTM_GETLINK AF_BRIDGE dump, IFLA_EXT_MASK=RTEXT_FILTER_BRVLAN", port,
                   std::to_string(ctx.vids.size()) + " VLAN(s)", "the port's VLAN membership as the kernel holds it");
  return ctx.vids;
}

void set_master(const NetlinkSocket& sk, const std::string& port, const std::string& bridge) {
  auto b = get_link(sk, bridge);
  auto p = get_link(sk, port);
  if (!b || !p) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + (b ? port : bridge));
  int rc = rtnl_link_enslave(sk.get(), b.get(), p.get());
  virtlab::explain("RTM_SETLINK IFLA_MASTER (rtnl_link_enslave)", port + " -> " + bridge, nl_result(rc),
                   "the veth end becomes a switch port");
  if (rc < 0) throw_nl(rc, "cannot attach " + port + " to bridge " + bridge, "");
}

void set_up(const NetlinkSocket& sk, const std::string& name) {
  auto link = get_link(sk, name);
  if (!link) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + name, "", ENODEV);
  LinkPtr change(rtnl_link_alloc());
  rtnl_link_set_flags(change.get(), IFF_UP);
  int rc = rtnl_link_change(sk.get(), link.get(), change.get(), 0);
  virtlab::explain("RTM_NEWLINK IFF_UP (rtnl_link_change)", name, nl_result(rc));
  if (rc < 0) throw_nl(rc, "cannot bring up " + name, "");
}

void add_address(const NetlinkSocket& sk, const std::string& name, const std::string& cidr) {
  auto link = get_link(sk, name);
  if (!link) throw virtlab::Error(virtlab::ExitCode::not_found, "no such interface " + name, "", ENODEV);
  nl_addr* local = nullptr;
  int rc = nl_addr_parse(cidr.c_str(), AF_INET, &local);
  if (rc < 0) throw virtlab::Error(virtlab::ExitCode::usage, "bad address '" + cidr + "'", "use A.B.C.D/N");
  rtnl_addr* addr = rtnl_addr_alloc();
  rtnl_addr_set_ifindex(addr, rtnl_link_get_ifindex(link.get()));
  rtnl_addr_set_local(addr, local);
  nl_addr_put(local);
  rc = rtnl_addr_add(sk.get(), addr, 0);
  rtnl_addr_put(addr);
  virtlab::explain("RTM_NEWADDR (rtnl_addr_add)", name + " " + cidr, nl_result(rc));
  if (rc < 0) throw_nl(rc, "cannot add address " + cidr + " to " + name, "");
}

bool delete_link(const NetlinkSocket& sk, const std::string& name) noexcept {
  auto link = get_link(sk, name);
  if (!link) return false;
  int rc = rtnl_link_delete(sk.get(), link.get());
  virtlab::explain("RTM_DELLINK (rtnl_link_delete)", name, nl_result(rc));
  return rc >= 0;
}

bool is_multicast_group_mac(const std::string& mac) {
  return mac.rfind("33:33:", 0) == 0 || mac.rfind("01:00:5e", 0) == 0;
}

std::vector<FdbEntry> read_fdb(const NetlinkSocket& sk, const std::string& bridge) {
  auto br = get_link(sk, bridge);
  if (!br)
    throw virtlab::Error(virtlab::ExitCode::not_found, "no bridge named " + bridge,
                         "create one with: nsenter-lite net switch --hosts 2", ENODEV);
  int br_index = rtnl_link_get_ifindex(br.get());
  nl_cache* links_raw = nullptr;
  rtnl_link_alloc_cache(sk.get(), AF_UNSPEC, &links_raw);
  CachePtr links(links_raw);
  nl_cache* raw = nullptr;
  // NL_CACHE_AF_ITER: dump every family, so AF_BRIDGE neighbours (the FDB) come too.
  int rc = rtnl_neigh_alloc_cache_flags(sk.get(), &raw, NL_CACHE_AF_ITER);
  if (rc < 0) throw_nl(rc, "cannot dump neighbours (RTM_GETNEIGH)", "");
  CachePtr cache(raw);
  std::vector<FdbEntry> out;
  for (nl_object* o = nl_cache_get_first(raw); o; o = nl_cache_get_next(o)) {
    auto* n = reinterpret_cast<rtnl_neigh*>(o);
    if (rtnl_neigh_get_family(n) != AF_BRIDGE) continue;
    int port = rtnl_neigh_get_ifindex(n);
    if (port == br_index) continue;  // entries on the bridge device itself (its own MAC, multicast)
    LinkPtr port_link;
    if (links) {
      rtnl_link* l = rtnl_link_get(links.get(), port);
      port_link.reset(l);
    }
    if (!port_link || rtnl_link_get_master(port_link.get()) != br_index) continue;
    nl_addr* lladdr = rtnl_neigh_get_lladdr(n);
    if (!lladdr) continue;
    char buf[64];
    FdbEntry e;
    e.mac = nl_addr2str(lladdr, buf, sizeof buf);
    if (is_multicast_group_mac(e.mac)) continue;
    e.port_index = port;
    e.port = rtnl_link_get_name(port_link.get());
    int vlan = rtnl_neigh_get_vlan(n);
    e.vlan = vlan > 0 ? vlan : 0;
    int state = rtnl_neigh_get_state(n);
    e.local = (state & NUD_PERMANENT) != 0;
    e.is_static = (state & NUD_NOARP) != 0;
    out.push_back(std::move(e));
  }
  virtlab::explain("RTM_GETNEIGH family AF_BRIDGE (rtnl_neigh_alloc_cache_flags, NL_CACHE_AF_ITER)", bridge,
                   std::to_string(out.size()) + " entries",
                   "the switch's MAC learning table: source MAC of each frame seen -> port it came in on");
  return out;
}

bool delete_fdb_entry(const NetlinkSocket& sk, const std::string& port, const std::string& mac, int vlan) {
  auto link = get_link(sk, port);
  if (!link) return false;
  nl_addr* addr = nullptr;
  if (nl_addr_parse(mac.c_str(), AF_LLC, &addr) < 0)
    throw virtlab::Error(virtlab::ExitCode::usage, "bad MAC '" + mac + "'", "use aa:bb:cc:dd:ee:ff", EINVAL);
  rtnl_neigh* n = rtnl_neigh_alloc();
  rtnl_neigh_set_family(n, AF_BRIDGE);
  rtnl_neigh_set_ifindex(n, rtnl_link_get_ifindex(link.get()));
  rtnl_neigh_set_lladdr(n, addr);
  rtnl_neigh_set_flags(n, NTF_MASTER);
  if (vlan > 0) rtnl_neigh_set_vlan(n, vlan);
  nl_addr_put(addr);
  int rc = rtnl_neigh_delete(sk.get(), n, 0);
  rtnl_neigh_put(n);
  virtlab::explain("RTM_DELNEIGH AF_BRIDGE NTF_MASTER (rtnl_neigh_delete)", port + " " + mac, nl_result(rc),
                   "forget one learned MAC: the next frame to it floods again until it is re-learned");
  return rc >= 0;
}

NeighEvents::NeighEvents() {
  nl_socket_disable_seq_check(sk_.get());  // notifications carry no sequence number of ours
  int rc = nl_socket_add_membership(sk_.get(), RTNLGRP_NEIGH);
  virtlab::explain("setsockopt(NETLINK_ADD_MEMBERSHIP, RTNLGRP_NEIGH) (nl_socket_add_membership)",
                   "netlink socket fd " + std::to_string(nl_socket_get_fd(sk_.get())), nl_result(rc),
                   "the kernel now sends RTM_NEWNEIGH/RTM_DELNEIGH for every FDB change: no polling");
  if (rc < 0) throw_nl(rc, "cannot subscribe to neighbour events (RTNLGRP_NEIGH)", "");
  nl_socket_set_nonblocking(sk_.get());
}

int NeighEvents::fd() const {
  return nl_socket_get_fd(sk_.get());
}

std::vector<FdbEvent> parse_fdb_events(const char* data, std::size_t size) {
  std::vector<FdbEvent> events;
  // Walk the datagram's messages by their own lengths (NLMSG_OK mixes signed and unsigned).
  std::size_t offset = 0;
  while (offset + sizeof(nlmsghdr) <= size) {
    nlmsghdr h{};
    std::memcpy(&h, data + offset, sizeof h);
    if (h.nlmsg_len < sizeof(nlmsghdr) || offset + h.nlmsg_len > size) break;
    const std::size_t end = offset + h.nlmsg_len;
    const std::size_t body = offset + NLMSG_HDRLEN;
    offset += NLMSG_ALIGN(h.nlmsg_len);
    if ((h.nlmsg_type != RTM_NEWNEIGH && h.nlmsg_type != RTM_DELNEIGH) || body + sizeof(ndmsg) > end) continue;
    ndmsg nd{};
    std::memcpy(&nd, data + body, sizeof nd);
    if (nd.ndm_family != AF_BRIDGE) continue;
    FdbEvent ev;
    ev.removed = h.nlmsg_type == RTM_DELNEIGH;
    ev.entry.port_index = nd.ndm_ifindex;
    ev.entry.local = (nd.ndm_state & NUD_PERMANENT) != 0;
    ev.entry.is_static = (nd.ndm_state & NUD_NOARP) != 0;
    for (std::size_t at = body + NLMSG_ALIGN(sizeof(ndmsg)); at + sizeof(rtattr) <= end;) {
      rtattr a{};
      std::memcpy(&a, data + at, sizeof a);
      if (a.rta_len < sizeof(rtattr) || at + a.rta_len > end) break;
      const char* payload = data + at + RTA_LENGTH(0);
      const std::size_t len = a.rta_len - RTA_LENGTH(0);
      if (a.rta_type == NDA_LLADDR && len == 6) {
        char mac[18];
        const auto* b = reinterpret_cast<const unsigned char*>(payload);
        std::snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
        ev.entry.mac = mac;
      } else if (a.rta_type == NDA_VLAN && len >= sizeof(std::uint16_t)) {
        std::uint16_t vid = 0;
        std::memcpy(&vid, payload, sizeof vid);
        ev.entry.vlan = vid;
      } else if (a.rta_type == NDA_MASTER && len >= sizeof(std::uint32_t)) {
        std::uint32_t master = 0;
        std::memcpy(&master, payload, sizeof master);
        ev.master = static_cast<int>(master);
      }
      at += RTA_ALIGN(a.rta_len);
    }
    if (!ev.entry.mac.empty()) events.push_back(std::move(ev));
  }
  return events;
}

std::vector<FdbEntry> apply_fdb_event(std::vector<FdbEntry> table, const FdbEvent& event,
                                      const std::string& port_name) {
  const auto& e = event.entry;
  auto same_mac = [&](const FdbEntry& t) { return t.mac == e.mac && t.vlan == e.vlan; };
  if (event.removed) {
    std::erase_if(table, [&](const FdbEntry& t) { return same_mac(t) && t.port_index == e.port_index; });
    return table;
  }
  // A MAC lives on one port per VLAN: a new port for a known MAC is a move (the host changed ports).
  std::erase_if(table, [&](const FdbEntry& t) { return same_mac(t) && t.port_index != e.port_index && t.learned(); });
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const FdbEntry& t) { return same_mac(t) && t.port_index == e.port_index; });
  FdbEntry added = e;
  added.port = port_name;
  if (it == table.end())
    table.push_back(std::move(added));
  else
    *it = std::move(added);
  return table;
}

std::vector<FdbEvent> NeighEvents::drain() {
  std::vector<FdbEvent> events;
  std::size_t datagrams = 0;
  bool overrun = false;
  std::vector<char> buf(32768);
  while (true) {
    ssize_t n = recv(fd(), buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0 && errno == ENOBUFS) {  // the kernel dropped notifications: keep reading, then dump again
      overrun = true;
      continue;
    }
    if (n <= 0) break;  // EAGAIN: nothing more
    ++datagrams;
    auto parsed = parse_fdb_events(buf.data(), static_cast<std::size_t>(n));
    events.insert(events.end(), std::make_move_iterator(parsed.begin()), std::make_move_iterator(parsed.end()));
  }
  virtlab::explain("recv (RTNLGRP_NEIGH)", "notifications",
                   std::to_string(datagrams) + " datagram(s), " + std::to_string(events.size()) + " FDB change(s)" +
                       (overrun ? ", ENOBUFS (some were dropped)" : ""),
                   "each RTM_NEWNEIGH/RTM_DELNEIGH of family AF_BRIDGE is one change of the MAC learning table");
  return events;
}

ScopedLink& ScopedLink::operator=(ScopedLink&& o) noexcept {
  if (this != &o) {
    this->~ScopedLink();
    name_ = std::move(o.name_);
    o.name_.clear();
  }
  return *this;
}

ScopedLink::~ScopedLink() {
  if (name_.empty()) return;
  try {
    NetlinkSocket sk;
    delete_link(sk, name_);
  } catch (...) {
  }
}

}  // namespace virtlab::nsenter_lite
