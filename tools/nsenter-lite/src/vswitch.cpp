#include "nsenter_lite/vswitch.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "nsenter_lite/nat.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/table.hpp"
#include "virtlab/text.hpp"

namespace virtlab::nsenter_lite {

std::string host_netns_name(int i) {
  return std::string(kPrefix) + "h" + std::to_string(i);
}
std::string host_port_name(int i) {
  return host_netns_name(i) + "-p";
}
std::string host_address(int i) {
  return "10.201.0." + std::to_string(i) + "/24";
}
std::string host_mac(int i) {
  char buf[32];
  snprintf(buf, sizeof buf, "02:0c:29:00:%02x:%02x", (i >> 8) & 0xff, i & 0xff);
  return buf;
}
int host_vlan(int i) {
  return i % 2 == 1 ? 10 : 20;
}
std::optional<int> parse_host_name(const std::string& name) {
  std::string_view v = name;
  if (virtlab::starts_with(v, kPrefix)) v.remove_prefix(3);
  if (virtlab::starts_with(v, "h")) v.remove_prefix(1);
  auto n = virtlab::parse_u64(v);
  if (!n || *n == 0 || *n > 250) return std::nullopt;
  return static_cast<int>(*n);
}

namespace {
double now_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::uint16_t icmp_checksum(const void* data, std::size_t len) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < len; i += 2) sum += static_cast<std::uint32_t>(p[i] << 8 | p[i + 1]);
  if (len & 1) sum += static_cast<std::uint32_t>(p[len - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return htons(static_cast<std::uint16_t>(~sum));
}
}  // namespace

ScopedNetns::ScopedNetns(const std::string& name) {
  mkdir(kNetnsDir, 0755);
  const std::string path = std::string(kNetnsDir) + "/" + name;
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0)
    throw virtlab::Error(virtlab::ExitCode::busy, "network namespace name '" + name + "' is taken (" + path + ")",
                         "remove the old switch first: nsenter-lite net down", EEXIST);
  int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC, 0444);
  if (fd < 0) virtlab::throw_errno("cannot create " + path, "run as root");
  close(fd);
  path_ = path;  // from here on the destructor cleans up
  virtlab::UniqueFd home = virtlab::open_or_throw("/proc/thread-self/ns/net", O_RDONLY);
  if (unshare(CLONE_NEWNET) != 0) virtlab::throw_errno("unshare(CLONE_NEWNET)", "needs CAP_SYS_ADMIN: run as root");
  int rc = mount("/proc/thread-self/ns/net", path.c_str(), nullptr, MS_BIND, nullptr);
  int err = errno;
  (void)setns(home.get(), CLONE_NEWNET);
  virtlab::explain("unshare(CLONE_NEWNET) + mount(MS_BIND)", "/proc/thread-self/ns/net -> " + path,
                   rc == 0 ? "0" : virtlab::errno_result(err),
                   "a bind mount keeps the namespace alive with no process in it (what `ip netns add` does)");
  if (rc != 0) virtlab::throw_errno(err, "cannot bind-mount the new network namespace on " + path);
}

ScopedNetns& ScopedNetns::operator=(ScopedNetns&& o) noexcept {
  if (this != &o) {
    if (!path_.empty()) remove_netns(path_);
    path_ = std::move(o.path_);
    o.path_.clear();
  }
  return *this;
}

ScopedNetns::~ScopedNetns() {
  if (!path_.empty()) remove_netns(path_);
}

bool remove_netns(const std::string& path) noexcept {
  int rc = umount2(path.c_str(), MNT_DETACH);
  int un = unlink(path.c_str());
  virtlab::explain("umount2(MNT_DETACH) + unlink", path, rc == 0 ? "0" : virtlab::errno_result(errno),
                   "last reference gone: the kernel destroys the namespace and the veth end inside it");
  return rc == 0 || un == 0;
}

PingResult ping_from_netns(const std::string& from_netns_path, const std::string& to_ip, int timeout_ms) {
  PingResult r;
  virtlab::UniqueFd nsfd(::open(from_netns_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!nsfd) {
    r.error = "cannot open " + from_netns_path + ": " + strerror(errno);
    return r;
  }
  virtlab::UniqueFd sock;
  {
    NetnsSwitch inside(nsfd.get());
    sock.reset(socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP));
  }
  if (!sock) {
    r.error = std::string("socket(SOCK_RAW, IPPROTO_ICMP): ") + strerror(errno);
    return r;
  }
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  std::string ip = to_ip.substr(0, to_ip.find('/'));
  if (inet_pton(AF_INET, ip.c_str(), &dst.sin_addr) != 1) {
    r.error = "bad address " + ip;
    return r;
  }
  struct {
    icmphdr h;
    char payload[24];
  } pkt{};
  pkt.h.type = ICMP_ECHO;
  pkt.h.un.echo.id = htons(static_cast<std::uint16_t>(getpid() & 0xffff));
  static std::uint16_t seq = 0;
  pkt.h.un.echo.sequence = htons(++seq);
  std::memcpy(pkt.payload, "virtlab nsenter-lite", 20);
  pkt.h.checksum = icmp_checksum(&pkt, sizeof pkt);
  double t0 = now_ms();
  if (sendto(sock.get(), &pkt, sizeof pkt, 0, reinterpret_cast<sockaddr*>(&dst), sizeof dst) < 0) {
    r.error = std::string("sendto: ") + strerror(errno);
    return r;
  }
  while (true) {
    int left = timeout_ms - static_cast<int>(now_ms() - t0);
    if (left <= 0) {
      r.error = "no reply within " + std::to_string(timeout_ms) + " ms";
      return r;
    }
    pollfd pf{sock.get(), POLLIN, 0};
    if (poll(&pf, 1, left) <= 0) continue;
    char buf[1500];
    sockaddr_in from{};
    socklen_t fl = sizeof from;
    ssize_t n = recvfrom(sock.get(), buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &fl);
    if (n < static_cast<ssize_t>(sizeof(iphdr) + sizeof(icmphdr))) continue;
    auto* iph = reinterpret_cast<iphdr*>(buf);
    auto* icmp = reinterpret_cast<icmphdr*>(buf + static_cast<std::ptrdiff_t>(iph->ihl) * 4);
    if (icmp->type == ICMP_ECHOREPLY && icmp->un.echo.id == pkt.h.un.echo.id &&
        icmp->un.echo.sequence == pkt.h.un.echo.sequence && from.sin_addr.s_addr == dst.sin_addr.s_addr) {
      r.ok = true;
      r.rtt_ms = now_ms() - t0;
      return r;
    }
  }
}

std::vector<HostInfo> discover_hosts() {
  std::vector<HostInfo> hosts;
  DIR* d = opendir(kNetnsDir);
  if (!d) return hosts;
  std::vector<int> ids;
  while (auto* e = readdir(d)) {
    std::string name = e->d_name;
    if (!virtlab::starts_with(name, std::string(kPrefix) + "h")) continue;
    if (auto i = parse_host_name(name); i && host_netns_name(*i) == name) ids.push_back(*i);
  }
  closedir(d);
  std::sort(ids.begin(), ids.end());
  for (int i : ids) {
    HostInfo h{host_netns_name(i), host_port_name(i), host_address(i).substr(0, host_address(i).find('/')), ""};
    virtlab::UniqueFd nsfd(::open((std::string(kNetnsDir) + "/" + h.netns).c_str(), O_RDONLY | O_CLOEXEC));
    if (nsfd) {
      try {
        auto sk = NetlinkSocket::in_netns(nsfd.get());
        if (auto link = find_link(sk, "eth0")) h.mac = link->mac;
      } catch (const virtlab::Error&) {
      }
    }
    hosts.push_back(std::move(h));
  }
  return hosts;
}

namespace {
std::string owner_of(const std::string& mac, const std::vector<HostInfo>& hosts) {
  for (const auto& h : hosts)
    if (h.mac == mac) return h.netns;
  return "";
}
}  // namespace

virtlab::Json fdb_json(const std::vector<FdbEntry>& fdb, const std::vector<HostInfo>& hosts) {
  virtlab::Json list = virtlab::Json::array();
  for (const auto& e : fdb) {
    std::string owner = owner_of(e.mac, hosts);
    list.push_back({{"mac", e.mac},
                    {"port", e.port},
                    {"port_index", e.port_index},
                    {"vlan", e.vlan ? virtlab::Json(e.vlan) : virtlab::Json(nullptr)},
                    {"kind", e.local       ? "local"
                             : e.is_static ? "static"
                                           : "learned"},
                    {"host", owner.empty() ? virtlab::Json(nullptr) : virtlab::Json(owner)}});
  }
  return list;
}

void render_fdb(std::ostream& out, const std::string& bridge, const std::vector<FdbEntry>& fdb,
                const std::vector<HostInfo>& hosts, bool color) {
  virtlab::Terminal term;
  term.color = color;
  out << "MAC Address Learning Table (bridge " << bridge << ", read with RTM_GETNEIGH AF_BRIDGE):\n";
  const bool any_vlan = std::any_of(fdb.begin(), fdb.end(), [](const FdbEntry& e) { return e.vlan != 0; });
  virtlab::Table table = any_vlan ? virtlab::Table({{"MAC"}, {""}, {"PORT"}, {"VLAN"}, {"HOST"}, {"KIND"}})
                                  : virtlab::Table({{"MAC"}, {""}, {"PORT"}, {"HOST"}, {"KIND"}});
  for (const auto& e : fdb) {
    if (e.local) continue;  // the bridge's own port addresses; shown in the count below
    std::string owner = owner_of(e.mac, hosts);
    virtlab::Cell kind(e.learned() ? "learned" : "static", e.learned() ? virtlab::Style::green : virtlab::Style::plain);
    if (any_vlan)
      table.add_row({virtlab::Cell(e.mac, virtlab::Style::bold), "→", e.port, e.vlan ? std::to_string(e.vlan) : "-",
                     owner.empty() ? "-" : owner, kind});
    else
      table.add_row({virtlab::Cell(e.mac, virtlab::Style::bold), "→", e.port, owner.empty() ? "-" : owner, kind});
  }
  table.render(out, term);
  std::size_t locals =
      static_cast<std::size_t>(std::count_if(fdb.begin(), fdb.end(), [](const FdbEntry& e) { return e.local; }));
  out << "(" << locals << " local entries — the switch ports' own MACs — not shown; learned entries age out after "
      << "300 s of silence)\n";
}

namespace {
// What the NAT step of `net switch` sent through the router and what the router's conntrack then held.
struct NatTraffic {
  virtlab::Json outside_pings = virtlab::Json::array();  // one per host: host -> the outside address
  virtlab::Json tcp;                                     // h1's TCP connection to the outside listener
  std::vector<ConntrackEntry> entries;                   // the router's conntrack table afterwards
  std::string text;                                      // the TCP line of the text output
};

// Every host talks to the outside through the router: each echo gets a conntrack entry, translated to the router's
// outside address. Then one TCP connection, so real ports show. The outcomes are also added to `pings` (expected).
NatTraffic drive_nat_traffic(int host_count, int router_fd, const std::string& outside_path, virtlab::Json& pings) {
  virtlab::Explain::instance().note("NAT: each host pings the outside, h1 opens a TCP connection to it");
  NatTraffic t;
  for (int i = 1; i <= host_count; ++i) {
    PingResult r;
    for (int attempt = 0; attempt < 5 && !r.ok; ++attempt) {
      virtlab::InterruptGuard::throw_if_requested();
      r = ping_from_netns(std::string(kNetnsDir) + "/" + host_netns_name(i), kOutsideIp, 600);
    }
    virtlab::explain("sendto/recvfrom ICMP echo (raw socket made inside " + host_netns_name(i) + ")",
                     host_address(i) + " -> " + kOutsideIp + " (through the NAT)",
                     r.ok ? "reply in " + std::to_string(r.rtt_ms).substr(0, 5) + " ms" : r.error);
    t.outside_pings.push_back({{"from", host_netns_name(i)},
                               {"to", kOutsideIp},
                               {"ok", r.ok},
                               {"rtt_ms", r.ok ? virtlab::Json(r.rtt_ms) : virtlab::Json(nullptr)},
                               {"error", r.ok ? virtlab::Json(nullptr) : virtlab::Json(r.error)}});
  }
  auto tcp = tcp_probe(std::string(kNetnsDir) + "/" + host_netns_name(1), outside_path);
  virtlab::explain("socket+bind+listen in " + std::string(kOutsideNetns) + ", connect from " + host_netns_name(1),
                   host_address(1) + " -> " + kOutsideIp + ":" + std::to_string(kOutsideTcpPort),
                   tcp.ok ? "accepted; the listener saw " + tcp.peer_seen : tcp.error,
                   "the outside sees the router's address, never the host's");
  t.entries = read_conntrack(router_fd);
  t.tcp = {{"from", host_netns_name(1)},
           {"to", endpoint(kOutsideIp, kOutsideTcpPort)},
           {"ok", tcp.ok},
           {"local_port", tcp.ok ? virtlab::Json(tcp.local_port) : virtlab::Json(nullptr)},
           {"peer_seen", tcp.ok ? virtlab::Json(tcp.peer_seen) : virtlab::Json(nullptr)},
           {"error", tcp.ok ? virtlab::Json(nullptr) : virtlab::Json(tcp.error)}};
  t.text = "tcp " + host_netns_name(1) + " → " + endpoint(kOutsideIp, kOutsideTcpPort) + ": " +
           (tcp.ok ? "connected; the listener in " + std::string(kOutsideNetns) + " saw " + tcp.peer_seen
                   : "FAILED (" + tcp.error + ")") +
           "\n";
  for (const auto& p : t.outside_pings)
    pings.push_back({{"from", p["from"]},
                     {"to", kOutsideNetns},
                     {"ok", p["ok"]},
                     {"rtt_ms", p["rtt_ms"]},
                     {"error", p["error"]},
                     {"expected", true}});
  if (!tcp.ok)
    pings.push_back({{"from", host_netns_name(1)},
                     {"to", kOutsideNetns},
                     {"ok", false},
                     {"rtt_ms", nullptr},
                     {"error", "tcp: " + tcp.error},
                     {"expected", true}});
  return t;
}
void validate_switch_options(const SwitchOptions& o) {
  if (o.hosts < 2 || o.hosts > 250)
    throw virtlab::Error(virtlab::ExitCode::usage, "--hosts must be between 2 and 250", "e.g. --hosts 3");
  if (o.mode != "bridge" && o.mode != "host-only" && o.mode != "nat")
    throw virtlab::Error(virtlab::ExitCode::usage, "unknown --mode '" + o.mode + "'", "use bridge, host-only or nat");
  if (o.mode == "nat" && o.vlan)
    throw virtlab::Error(virtlab::ExitCode::usage, "--mode nat does not combine with --vlan", "drop one of them");
  if (geteuid() != 0)
    throw virtlab::Error(virtlab::ExitCode::permission, "creating bridges and network namespaces needs root",
                         "run as root (CAP_NET_ADMIN and CAP_SYS_ADMIN)", EPERM);
}

// Step 0 (NAT only): the router namespace; returns an fd on it.
virtlab::UniqueFd make_router(std::optional<ScopedNetns>& router) {
  virtlab::Explain::instance().note("0. the router: network namespace " + std::string(kRouterNetns) +
                                    " (bridge, gateway, NAT)");
  router.emplace(kRouterNetns);
  return virtlab::open_or_throw(router->path(), O_RDONLY);
}

// Step 1: the switch.
void make_switch(const NetlinkSocket& sk, const SwitchOptions& o) {
  virtlab::Explain::instance().note("1. the switch: a Linux bridge");
  if (o.vlan)
    create_vlan_bridge(sk, o.bridge);
  else
    create_bridge(sk, o.bridge);
}

// Step 2..N+1: host i is a network namespace (the VM) with a veth (its vNIC) plugged into a switch port.
virtlab::Json plug_in_hosts(const NetlinkSocket& sk, const SwitchOptions& o, std::vector<ScopedNetns>& namespaces,
                            std::vector<ScopedLink>& ports) {
  const bool nat = o.mode == "nat";
  virtlab::Json hosts_json = virtlab::Json::array();
  for (int i = 1; i <= o.hosts; ++i) {
    virtlab::InterruptGuard::throw_if_requested();
    virtlab::Explain::instance().note(std::to_string(i + 1) + ". host " + host_netns_name(i) +
                                      ": a network namespace (the VM) + a veth (its vNIC) into a switch port");
    namespaces.emplace_back(host_netns_name(i));
    virtlab::UniqueFd nsfd = virtlab::open_or_throw(namespaces.back().path(), O_RDONLY);
    create_veth(sk, host_port_name(i), "eth0", 0, nsfd.get(), host_mac(i));
    if (!nat) ports.emplace_back(host_port_name(i));
    set_master(sk, host_port_name(i), o.bridge);
    if (o.vlan) set_port_vlan(sk, host_port_name(i), host_vlan(i));
    set_up(sk, host_port_name(i));
    auto inside = NetlinkSocket::in_netns(nsfd.get());
    set_up(inside, "lo");
    add_address(inside, "eth0", host_address(i));
    set_up(inside, "eth0");
    if (nat) add_default_route(inside, "eth0", kGatewayIp);
    hosts_json.push_back({{"netns", host_netns_name(i)},
                          {"netns_path", namespaces.back().path()},
                          {"port", host_port_name(i)},
                          {"interface", "eth0"},
                          {"address", host_address(i)},
                          {"mac", host_mac(i)},
                          {"vlan", o.vlan ? virtlab::Json(host_vlan(i)) : virtlab::Json(nullptr)}});
  }
  return hosts_json;
}

// The bridge's own address (host-only: the host joins; nat: the gateway), then the bridge goes up.
void bring_up_bridge(const NetlinkSocket& sk, const SwitchOptions& o) {
  if (o.mode == "host-only") {
    if (o.vlan) set_port_vlan(sk, o.bridge, host_vlan(1), true);  // the host itself sits in the first VLAN
    add_address(sk, o.bridge, "10.201.0.254/24");
  }
  if (o.mode == "nat") add_address(sk, o.bridge, kGatewayCidr);
  set_up(sk, o.bridge);
}

// NAT only: the outside namespace and the router's cable, forwarding and masquerade into it.
virtlab::Json make_outside_and_nat(const NetlinkSocket& sk, int router_fd, std::optional<ScopedNetns>& outside) {
  outside.emplace(kOutsideNetns);
  virtlab::UniqueFd outside_fd = virtlab::open_or_throw(outside->path(), O_RDONLY);
  return build_nat(sk, router_fd, outside_fd.get());
}

PingResult ping_pair(const SwitchOptions& o, int a, int b, virtlab::Json& pings) {
  // A fresh bridge port spends a moment in the forwarding state machine; retry briefly. Across VLANs no reply
  // is the expected answer, so fewer tries.
  const bool expect_reply = !o.vlan || host_vlan(a) == host_vlan(b);
  PingResult r;
  for (int attempt = 0; attempt < (expect_reply ? 5 : 2) && !r.ok; ++attempt) {
    virtlab::InterruptGuard::throw_if_requested();
    r = ping_from_netns(std::string(kNetnsDir) + "/" + host_netns_name(a), host_address(b), 600);
  }
  virtlab::explain("sendto/recvfrom ICMP echo (raw socket made inside " + host_netns_name(a) + ")",
                   host_address(a) + " -> " + host_address(b),
                   r.ok ? "reply in " + std::to_string(r.rtt_ms).substr(0, 5) + " ms" : r.error);
  pings.push_back({{"from", host_netns_name(a)},
                   {"to", host_netns_name(b)},
                   {"ok", r.ok},
                   {"rtt_ms", r.ok ? virtlab::Json(r.rtt_ms) : virtlab::Json(nullptr)},
                   {"error", r.ok ? virtlab::Json(nullptr) : virtlab::Json(r.error)},
                   {"expected", expect_reply}});
  return r;
}

// Pings between hosts: h1 to every other host (and h2 to h4 within the second VLAN).
virtlab::Json ping_between_hosts(const SwitchOptions& o) {
  virtlab::Explain::instance().note("pings between hosts: the first frame floods, the switch learns source MACs");
  virtlab::Json pings = virtlab::Json::array();
  for (int i = 2; i <= o.hosts; ++i) ping_pair(o, 1, i, pings);
  if (o.vlan && o.hosts >= 4) ping_pair(o, 2, 4, pings);  // the second VLAN talks within itself too
  return pings;
}

void add_nat_traffic(virtlab::Json& nat_json, const NatTraffic& nat_traffic) {
  nat_json["outside_pings"] = nat_traffic.outside_pings;
  nat_json["tcp"] = nat_traffic.tcp;
  nat_json["conntrack"] = conntrack_json(nat_traffic.entries);
}

// The text report: each ping's outcome, the FDB and (NAT) the TCP line and the router's conntrack table.
void print_switch_report(const SwitchOptions& o, const virtlab::Json& pings, const std::vector<FdbEntry>& fdb,
                         const std::vector<HostInfo>& hosts, const NatTraffic* nat_traffic) {
  for (const auto& p : pings)
    std::cout << "ping " << p["from"].get<std::string>() << " → " << p["to"].get<std::string>() << ": "
              << (p["ok"].get<bool>()          ? "reply"
                  : !p["expected"].get<bool>() ? "no reply, as expected (different VLAN)"
                                               : "FAILED (" + p["error"].get<std::string>() + ")")
              << "\n";
  render_fdb(std::cout, o.bridge, fdb, hosts, virtlab::Terminal::detect(1, virtlab::ColorMode::automatic).color);
  if (nat_traffic) {
    std::cout << nat_traffic->text;
    render_nat_table(std::cout, nat_traffic->entries,
                     virtlab::Terminal::detect(1, virtlab::ColorMode::automatic).color);
  }
}

// --watch: keep the hosts talking (round-robin pings) and show each change to the table as it happens.
void watch_switch(const NetlinkSocket& sk, const SwitchOptions& o, const std::vector<FdbEntry>& fdb) {
  std::set<std::pair<std::string, std::string>> known;
  for (const auto& e : fdb) known.insert({e.mac, e.port});
  int tick = 0;
  while (!virtlab::InterruptGuard::requested()) {
    int a = 1 + tick % o.hosts, b = 1 + (tick + 1) % o.hosts;
    ++tick;
    auto r = ping_from_netns(std::string(kNetnsDir) + "/" + host_netns_name(a), host_address(b), 500);
    auto now = read_fdb(sk, o.bridge);
    std::set<std::pair<std::string, std::string>> current;
    for (const auto& e : now) current.insert({e.mac, e.port});
    for (const auto& k : current)
      if (!known.count(k)) std::cout << "+ learned " << k.first << " on " << k.second << "\n";
    for (const auto& k : known)
      if (!current.count(k)) std::cout << "- forgot  " << k.first << " on " << k.second << "\n";
    std::cout << "ping " << host_netns_name(a) << " → " << host_netns_name(b) << ": " << (r.ok ? "reply" : r.error)
              << "  (" << now.size() << " FDB entries)\n";
    std::cout.flush();
    known = current;
    pollfd pf{virtlab::InterruptGuard::poll_fd(), POLLIN, 0};
    poll(&pf, 1, 1000);
  }
  virtlab::InterruptGuard::throw_if_requested();  // unwinds: everything made above is removed
}

void require_expected_pings(const SwitchOptions& o, const virtlab::Json& pings) {
  bool all_ok = std::all_of(pings.begin(), pings.end(),
                            [](const virtlab::Json& p) { return p["ok"].get<bool>() == p["expected"].get<bool>(); });
  if (!all_ok)
    throw virtlab::Error(virtlab::ExitCode::failure,
                         o.vlan ? "VLAN isolation did not hold: a ping's outcome differed from its VLANs"
                                : "hosts on the switch could not ping each other",
                         "check that the bridge module forwards (sysctl net.bridge.bridge-nf-call-iptables=0)");
}
}  // namespace

virtlab::Json net_switch(const SwitchOptions& o) {
  validate_switch_options(o);
  const bool nat = o.mode == "nat";
  virtlab::InterruptGuard interrupts;
  // NAT: the switch lives in a router namespace (vl-rt) with the NAT, so the host's own network stays untouched;
  // everything inside it goes when the namespace goes.
  std::optional<ScopedNetns> router, outside;
  virtlab::UniqueFd router_fd;
  if (nat) router_fd = make_router(router);
  NetlinkSocket sk = nat ? NetlinkSocket::in_netns(router_fd.get()) : NetlinkSocket();
  if (nat) set_up(sk, "lo");
  make_switch(sk, o);
  ScopedLink bridge(nat ? std::string() : o.bridge);  // in vl-rt it goes with the namespace
  std::vector<ScopedNetns> namespaces;
  std::vector<ScopedLink> ports;
  virtlab::Json hosts_json = plug_in_hosts(sk, o, namespaces, ports);
  bring_up_bridge(sk, o);
  virtlab::Json nat_json;
  if (nat) nat_json = make_outside_and_nat(sk, router_fd.get(), outside);
  virtlab::Json pings = ping_between_hosts(o);
  NatTraffic nat_traffic;
  if (nat) {
    nat_traffic = drive_nat_traffic(o.hosts, router_fd.get(), outside->path(), pings);
    add_nat_traffic(nat_json, nat_traffic);
  }
  auto hosts = discover_hosts();
  auto fdb = read_fdb(sk, o.bridge);
  if (!o.json) print_switch_report(o, pings, fdb, hosts, nat ? &nat_traffic : nullptr);
  if (o.watch) watch_switch(sk, o, fdb);
  virtlab::Json doc = {{"bridge", o.bridge},          {"mode", o.mode}, {"hosts", hosts_json},     {"pings", pings},
                       {"fdb", fdb_json(fdb, hosts)}, {"kept", o.keep}, {"vlan_filtering", o.vlan}};
  if (nat) doc["nat"] = nat_json;
  require_expected_pings(o, pings);
  if (o.keep) {
    bridge.release();
    for (auto& p : ports) p.release();
    for (auto& n : namespaces) n.release();
    if (router) router->release();
    if (outside) outside->release();
    if (!o.json) std::cout << "the switch stays up; remove it with: nsenter-lite net down\n";
  }
  return doc;
}

virtlab::Json net_down() {
  if (geteuid() != 0)
    throw virtlab::Error(virtlab::ExitCode::permission, "removing interfaces needs root", "run as root", EPERM);
  NetlinkSocket sk;
  virtlab::Json removed = virtlab::Json::array();
  // veths first (ports), then bridges; deleting one veth end removes its peer.
  auto links = list_links(sk);
  for (const char* kind : {"veth", "bridge"}) {
    for (const auto& l : links) {
      if (!virtlab::starts_with(l.name, kPrefix) || l.kind != kind) continue;
      if (delete_link(sk, l.name)) removed.push_back({{"kind", kind}, {"name", l.name}});
    }
  }
  if (DIR* d = opendir(kNetnsDir)) {
    std::vector<std::string> names;
    while (auto* e = readdir(d))
      if (virtlab::starts_with(e->d_name, kPrefix)) names.push_back(e->d_name);
    closedir(d);
    for (const auto& n : names)
      if (remove_netns(std::string(kNetnsDir) + "/" + n)) removed.push_back({{"kind", "netns"}, {"name", n}});
  }
  return {{"removed", removed}};
}

virtlab::Json net_fdb(const std::string& bridge, bool watch, bool json) {
  NetlinkSocket root;
  // A NAT switch keeps its bridge in the router namespace: look there when the host has no such bridge.
  const std::string router_path = std::string(kNetnsDir) + "/" + kRouterNetns;
  virtlab::UniqueFd router_fd;
  if (!find_link(root, bridge)) router_fd.reset(::open(router_path.c_str(), O_RDONLY | O_CLOEXEC));
  NetlinkSocket sk = router_fd ? NetlinkSocket::in_netns(router_fd.get()) : std::move(root);
  if (router_fd && watch)
    throw virtlab::Error(
        virtlab::ExitCode::unsupported,
        "net fdb --watch follows bridges in the host's namespace; " + bridge + " is in " + kRouterNetns,
        "use net fdb without --watch for a NAT switch", EOPNOTSUPP);
  auto hosts = discover_hosts();
  auto fdb = read_fdb(sk, bridge);
  if (!watch) {
    if (!json)
      render_fdb(std::cout, bridge, fdb, hosts, virtlab::Terminal::detect(1, virtlab::ColorMode::automatic).color);
    return {{"bridge", bridge}, {"fdb", fdb_json(fdb, hosts)}};
  }
  virtlab::InterruptGuard interrupts;
  // Event-driven: a second socket joined to RTNLGRP_NEIGH gets a message for every FDB change (learned, aged out,
  // moved, deleted). Each change is shown in the kernel's order, so an entry deleted and re-learned within a
  // moment is seen going and coming back; a dump after each batch keeps the view true (and after an overrun).
  NeighEvents events;
  const int bridge_index = static_cast<int>(if_nametoindex(bridge.c_str()));
  std::vector<FdbEntry> shown;
  auto keys = [](const std::vector<FdbEntry>& table) {
    std::set<std::tuple<std::string, std::string, int>> k;
    for (const auto& e : table) k.insert({e.mac, e.port, e.vlan});
    return k;
  };
  auto emit = [&](const std::vector<FdbEntry>& table) {
    if (json) {
      virtlab::Json line = virtlab::make_document("nsenter-lite", 1);
      line["command"] = "net fdb";
      line["bridge"] = bridge;
      line["fdb"] = fdb_json(table, hosts);
      virtlab::emit_json_line(std::cout, line);
    } else {
      auto before = keys(shown), after = keys(table);
      for (const auto& [mac, port, vlan] : after)
        if (!before.count({mac, port, vlan})) std::cout << "+ learned " << mac << " on " << port << "\n";
      for (const auto& [mac, port, vlan] : before)
        if (!after.count({mac, port, vlan})) std::cout << "- forgot  " << mac << " on " << port << "\n";
      render_fdb(std::cout, bridge, table, hosts, false);
      std::cout.flush();
    }
    shown = table;
  };
  emit(fdb);
  while (!virtlab::InterruptGuard::requested()) {
    pollfd pf[2] = {{virtlab::InterruptGuard::poll_fd(), POLLIN, 0}, {events.fd(), POLLIN, 0}};
    if (poll(pf, 2, -1) < 0 && errno != EINTR) virtlab::throw_errno("poll");
    if (!(pf[1].revents & POLLIN)) continue;
    for (const auto& ev : events.drain()) {
      // This bridge's entries only: learned ones name the bridge as master; otherwise the port must be ours.
      bool ours = ev.master == bridge_index || std::any_of(shown.begin(), shown.end(), [&](const FdbEntry& e) {
                    return e.port_index == ev.entry.port_index;
                  });
      if (!ours || ev.entry.port_index == bridge_index || is_multicast_group_mac(ev.entry.mac)) continue;
      char name[IF_NAMESIZE] = {};
      auto next =
          apply_fdb_event(shown, ev, if_indextoname(static_cast<unsigned>(ev.entry.port_index), name) ? name : "");
      if (keys(next) != keys(shown)) emit(next);
    }
    auto now = read_fdb(sk, bridge);
    if (keys(now) != keys(shown)) emit(now);
  }
  virtlab::InterruptGuard::throw_if_requested();
  return {};
}

virtlab::Json net_ping(const std::string& from, const std::string& to) {
  auto a = parse_host_name(from), b = parse_host_name(to);
  if (!a || !b)
    throw virtlab::Error(virtlab::ExitCode::usage, "hosts are named vl-hN (or hN, N)", "e.g. net ping vl-h1 vl-h2");
  std::string path = std::string(kNetnsDir) + "/" + host_netns_name(*a);
  if (access(path.c_str(), F_OK) != 0)
    throw virtlab::Error(virtlab::ExitCode::not_found, "no host " + host_netns_name(*a),
                         "create the switch first: nsenter-lite net switch --hosts 2", ENOENT);
  auto r = ping_from_netns(path, host_address(*b));
  if (!r.ok)
    throw virtlab::Error(virtlab::ExitCode::failure,
                         "ping " + host_netns_name(*a) + " → " + host_netns_name(*b) + ": " + r.error,
                         "is " + host_netns_name(*b) + " on the switch? (nsenter-lite net fdb)");
  return {{"ping", {{"from", host_netns_name(*a)}, {"to", host_netns_name(*b)}, {"ok", true}, {"rtt_ms", r.rtt_ms}}}};
}

}  // namespace virtlab::nsenter_lite
