// `nsenter-lite net`: the notes' virtual switch made real — a Linux bridge, N hosts (network namespaces) each
// plugged in with a veth, pings between them, and the bridge's MAC learning table (FDB) read through libnl.
// Everything we create is named "vl-…" so `net down` (and tests) can find it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nsenter_lite/netlink.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

inline constexpr const char* kPrefix = "vl-";
inline constexpr const char* kNetnsDir = "/run/netns";

struct SwitchOptions {
  int hosts = 2;
  std::string mode = "bridge";  // bridge (pure L2 switch) | host-only (the host joins with 10.201.0.254)
  std::string bridge = "vl-br0";
  bool keep = true;    // false (--rm): remove everything at exit
  bool vlan = false;   // VLAN-filtering bridge; host i is an access port of VLAN host_vlan(i)
  bool watch = false;  // keep pinging round-robin and print FDB changes until Ctrl-C
  bool json = false;
};

// Pure naming/addressing (unit-tested): host i (1-based).
std::string host_netns_name(int i);  // "vl-h1"
std::string host_port_name(int i);   // "vl-h1-p" (bridge side of the veth)
std::string host_address(int i);     // "10.201.0.1/24"
std::string host_mac(int i);         // "02:0c:29:00:00:01" (VMware's OUI from the notes, locally administered)
int host_vlan(int i);                // --vlan: odd hosts in VLAN 10, even hosts in VLAN 20
std::optional<int> parse_host_name(const std::string& name);  // "vl-h3" / "h3" / "3" → 3

// RAII network namespace kept alive by a bind mount at /run/netns/NAME (interoperable with `ip netns`).
class ScopedNetns {
 public:
  ScopedNetns() = default;
  explicit ScopedNetns(const std::string& name);  // creates it
  ScopedNetns(ScopedNetns&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  ScopedNetns& operator=(ScopedNetns&& o) noexcept;
  ~ScopedNetns();
  const std::string& path() const noexcept { return path_; }
  void release() noexcept { path_.clear(); }

 private:
  std::string path_;
};
// Removes a bind-mounted netns (umount + unlink); true when it existed.
bool remove_netns(const std::string& path) noexcept;

struct PingResult {
  bool ok = false;
  double rtt_ms = 0;
  std::string error;
};
// One ICMP echo from inside netns `from` (path) to `to_ip`, in-process (raw socket created in that namespace).
PingResult ping_from_netns(const std::string& from_netns_path, const std::string& to_ip, int timeout_ms = 1000);

struct HostInfo {
  std::string netns;    // "vl-h1"
  std::string port;     // "vl-h1-p"
  std::string address;  // "10.201.0.1"
  std::string mac;
};
std::vector<HostInfo> discover_hosts();  // the vl-h* namespaces that exist now

virtlab::Json fdb_json(const std::vector<FdbEntry>& fdb, const std::vector<HostInfo>& hosts);
void render_fdb(std::ostream& out, const std::string& bridge, const std::vector<FdbEntry>& fdb,
                const std::vector<HostInfo>& hosts, bool color);

virtlab::Json net_switch(const SwitchOptions& options);
virtlab::Json net_down();
// Prints the table (and with watch, each change as it happens, JSON Lines when json).
virtlab::Json net_fdb(const std::string& bridge, bool watch, bool json);
virtlab::Json net_ping(const std::string& from, const std::string& to);

}  // namespace virtlab::nsenter_lite
