#include "nsenter_lite/netlink.hpp"

#include <fcntl.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <net/if.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"

namespace nsenter_lite {

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
    if (e.mac.rfind("33:33:", 0) == 0 || e.mac.rfind("01:00:5e", 0) == 0) continue;  // multicast groups
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

}  // namespace nsenter_lite
