// Pure parsers and aggregation behind `nsenter-lite ls`, on fixtures (no kernel needed).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "nsenter_lite/ls_view.hpp"
#include "nsenter_lite/namespaces.hpp"

using namespace virtlab::nsenter_lite;

namespace {
std::string fixture(const std::string& name) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(NsLink, ParsesEveryType) {
  auto l = parse_ns_link("net:[4026531840]");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->type, NsType::net);
  EXPECT_EQ(l->inode, 4026531840u);
  EXPECT_EQ(parse_ns_link("cgroup:[4026531835]")->type, NsType::cgroup);
  EXPECT_EQ(parse_ns_link("time:[4026531834]")->type, NsType::time);
  EXPECT_EQ(parse_ns_link("user:[1]")->inode, 1u);
}

TEST(NsLink, RejectsOtherLinks) {
  EXPECT_FALSE(parse_ns_link("socket:[12345]"));
  EXPECT_FALSE(parse_ns_link("/dev/null"));
  EXPECT_FALSE(parse_ns_link("net:[]"));
  EXPECT_FALSE(parse_ns_link("net:[12x]"));
  EXPECT_FALSE(parse_ns_link("net:[0]"));
  EXPECT_FALSE(parse_ns_link("mount:[4026531840]"));  // the kernel writes "mnt"
  EXPECT_FALSE(parse_ns_link(""));
}

TEST(NsType, NamesRoundTrip) {
  for (NsType t : kAllNsTypes) {
    EXPECT_EQ(parse_ns_type(ns_type_name(t)), t);
    EXPECT_EQ(ns_type_from_clone_flag(ns_clone_flag(t)), t);
  }
  EXPECT_EQ(parse_ns_type("mount"), NsType::mnt);
  EXPECT_FALSE(parse_ns_type("bogus"));
}

TEST(ProcStat, CommWithParenthesesAndSpaces) {
  auto st = parse_proc_stat(fixture("stat_weird_comm.txt"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->comm, "a) (b c");
  EXPECT_EQ(st->ppid, 17);
  EXPECT_FALSE(parse_proc_stat("garbage"));
  EXPECT_FALSE(parse_proc_stat("1 (x)"));
}

TEST(ProcStatus, RealUid) {
  EXPECT_EQ(parse_status_uid(fixture("status_uid.txt")), 1000u);
  EXPECT_FALSE(parse_status_uid("Name:\tx\n"));
}

TEST(Mountinfo, NsfsMountsWithEscapes) {
  auto mounts = parse_nsfs_mounts(fixture("mountinfo_nsfs.txt"));
  ASSERT_EQ(mounts.size(), 2u);
  EXPECT_EQ(mounts[0].mount_point, "/run/netns/vl-h1");
  EXPECT_EQ(mounts[0].ns.inode, 4026532289u);
  EXPECT_EQ(mounts[0].ns.type, NsType::net);
  EXPECT_EQ(mounts[1].mount_point, "/run/netns/with space");
}

namespace {
Snapshot sample_snapshot() {
  std::map<pid_t, ProcessInfo> procs{{1, {1, 0, "init", 0}}, {50, {50, 1, "bash", 1000}}, {60, {60, 50, "sh", 1000}}};
  std::multimap<std::uint64_t, std::pair<pid_t, NsType>> members{
      {100, {60, NsType::net}}, {100, {1, NsType::net}}, {100, {50, NsType::net}},  // one net ns, three members
      {200, {60, NsType::pid}}, {201, {1, NsType::pid}}, {201, {50, NsType::pid}}};
  Snapshot snap;
  snap.processes = procs;
  snap.namespaces = aggregate_memberships(members, procs);
  return snap;
}
}  // namespace

TEST(Aggregate, LowestPidAndMembers) {
  auto snap = sample_snapshot();
  ASSERT_EQ(snap.namespaces.size(), 3u);
  const auto& net = snap.namespaces[0];
  EXPECT_EQ(net.inode, 100u);
  EXPECT_EQ(net.pids, (std::vector<pid_t>{1, 50, 60}));
  EXPECT_EQ(net.pid, 1);
  EXPECT_EQ(net.command, "init");
  EXPECT_EQ(net.path, "/proc/1/ns/net");
  EXPECT_EQ(snap.namespaces[1].pid, 60);
  EXPECT_EQ(snap.namespaces[1].command, "sh");
  EXPECT_EQ(snap.namespaces[1].uid, 1000u);
}

TEST(Tree, ProcessTreeHangsChildPidNsUnderAncestors) {
  auto snap = sample_snapshot();
  auto parents = tree_parents(snap, TreeKind::process);
  // pid ns 200 (represented by 60, child of 50) hangs under pid ns 201 (represented by 1; 50 is a member but 1
  // is its representative, so the walk 60 → 50 → 1 finds 1).
  EXPECT_EQ(parents[1], 2);
  EXPECT_EQ(parents[0], -1);
  EXPECT_EQ(parents[2], -1);
}

TEST(Tree, ParentAndOwnerUseIoctlInodes) {
  auto snap = sample_snapshot();
  snap.namespaces[1].parent = 201;
  snap.namespaces[0].owner = 999;  // not in the snapshot → root
  EXPECT_EQ(tree_parents(snap, TreeKind::parent)[1], 2);
  EXPECT_EQ(tree_parents(snap, TreeKind::owner)[0], -1);
  EXPECT_EQ(parse_tree_kind("owner"), TreeKind::owner);
  EXPECT_FALSE(parse_tree_kind("x"));
}

TEST(Cgroup, MemoryPathOnV1ElseTheUnifiedLine) {
  // Hybrid (this host's layout): runc put the container in the same path in every hierarchy but name=systemd.
  auto hybrid = virtlab::kernel::parse_proc_pid_cgroup(
      "12:pids:/kubepods/pod1/abc\n4:memory:/kubepods/pod1/abc\n1:name=systemd:/system.slice\n0::/\n");
  EXPECT_EQ(pick_cgroup_path(hybrid), "/kubepods/pod1/abc");
  EXPECT_EQ(pick_cgroup_path(virtlab::kernel::parse_proc_pid_cgroup("0::/system.slice/docker-1.scope\n")),
            "/system.slice/docker-1.scope");
  EXPECT_EQ(pick_cgroup_path(virtlab::kernel::parse_proc_pid_cgroup("3:cpu,cpuacct:/a\n2:pids:/b\n")), "/a");
  EXPECT_EQ(pick_cgroup_path({}), "");
}

TEST(Filter, TypeAndPid) {
  auto snap = sample_snapshot();
  EXPECT_EQ(filter_snapshot(snap, {{NsType::pid}, std::nullopt}).namespaces.size(), 2u);
  auto of60 = filter_snapshot(snap, {{}, 60});
  ASSERT_EQ(of60.namespaces.size(), 2u);
  EXPECT_EQ(of60.namespaces[1].inode, 200u);
  EXPECT_TRUE(filter_snapshot(snap, {{}, 12345}).namespaces.empty());
}

TEST(Json, CarriesLsnsFields) {
  auto j = namespaces_json(sample_snapshot(), TreeKind::process);
  ASSERT_EQ(j["namespaces"].size(), 3u);
  EXPECT_EQ(j["namespaces"][0]["ns"], 100u);
  EXPECT_EQ(j["namespaces"][0]["nprocs"], 3u);
  EXPECT_EQ(j["namespaces"][1]["tree_parent"], 201u);
  EXPECT_EQ(j["tree"], "process");
}

// ---- run / enter / net helpers -------------------------------------------------------------------------------
#include "nsenter_lite/container.hpp"
#include "nsenter_lite/enter.hpp"
#include "nsenter_lite/security.hpp"
#include "nsenter_lite/vswitch.hpp"
#include "virtlab/error.hpp"

TEST(Layers, SplitAndOverlayOrder) {
  EXPECT_EQ(split_layers("a:b:c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_THROW(split_layers("a::c"), virtlab::Error);
  EXPECT_THROW(split_layers(""), virtlab::Error);
  // overlayfs wants the TOP layer first in lowerdir.
  EXPECT_EQ(overlay_mount_options({"/base", "/app"}, "/u", "/w"), "lowerdir=/app:/base,upperdir=/u,workdir=/w");
}

TEST(IdMap, Line) {
  EXPECT_EQ(id_map_line(0, 65534, 1), "0 65534 1\n");
}

TEST(TimeNamespace, OffsetsText) {
  EXPECT_EQ(timens_offsets_text(std::nullopt, std::nullopt), "");
  EXPECT_EQ(timens_offsets_text(std::nullopt, 86400), "boottime 86400 0\n");
  EXPECT_EQ(timens_offsets_text(-5, 10), "monotonic -5 0\nboottime 10 0\n");
}

TEST(Veth, AddressesShareOneSlash30) {
  auto [host, cont] = veth_addresses(1234);
  EXPECT_EQ(host, "10.200.19.73/30");
  EXPECT_EQ(cont, "10.200.19.74/30");
  EXPECT_NE(veth_addresses(1235).first, host);
}

TEST(Seccomp, SpecParsing) {
  auto d = parse_seccomp_spec("default");
  EXPECT_TRUE(d.enabled && d.use_default && d.denied.empty());
  auto n = parse_seccomp_spec("none");
  EXPECT_FALSE(n.enabled);
  auto deny = parse_seccomp_spec("deny=mkdir,chmod,show");
  EXPECT_FALSE(deny.use_default);
  EXPECT_EQ(deny.denied, (std::vector<std::string>{"mkdir", "chmod"}));
  EXPECT_TRUE(deny.show);
  auto both = parse_seccomp_spec("default,deny=mkdir");
  EXPECT_TRUE(both.use_default);
  EXPECT_THROW(parse_seccomp_spec("deny=nosuchsyscall"), virtlab::Error);
  EXPECT_THROW(parse_seccomp_spec("bogus"), virtlab::Error);
}

TEST(Seccomp, PfcMentionsDeniedSyscall) {
  SeccompFilter f(parse_seccomp_spec("deny=mkdir"), false);
  EXPECT_NE(f.pfc().find("mkdir"), std::string::npos);
  EXPECT_EQ(f.rules(), 1);
}

TEST(Caps, NamesAndDefaultSet) {
  EXPECT_EQ(parse_cap_name("CAP_NET_RAW"), 13);
  EXPECT_EQ(parse_cap_name("net_raw"), 13);
  EXPECT_EQ(parse_cap_name("nope"), -1);
  EXPECT_EQ(cap_name(21), "CAP_SYS_ADMIN");
  auto keep = kept_capabilities({});
  EXPECT_EQ(keep.size(), 14u);  // Docker's default set
  EXPECT_EQ(cap_mask(keep), 0xa80425fbULL);
  auto fewer = kept_capabilities({"CAP_NET_RAW,chown"});
  EXPECT_EQ(fewer.size(), 12u);
  EXPECT_TRUE(kept_capabilities({"ALL"}).empty());
  EXPECT_THROW(kept_capabilities({"CAP_BOGUS"}), virtlab::Error);
}

TEST(Enter, NsenterOrderUserLastInPassOneFirstInPassTwo) {
  auto order = setns_order({NsType::mnt, NsType::user, NsType::pid});
  ASSERT_EQ(order.size(), 5u);
  EXPECT_EQ(order[0].type, NsType::pid);  // pass 0: nsenter order without user (… pid, mnt …)
  EXPECT_EQ(order[1].type, NsType::mnt);
  EXPECT_EQ(order[2].type, NsType::user);  // pass 1: user first, then retries
  EXPECT_EQ(order[2].pass, 1);
}

TEST(Switch, Naming) {
  EXPECT_EQ(host_netns_name(3), "vl-h3");
  EXPECT_EQ(host_port_name(3), "vl-h3-p");
  EXPECT_EQ(host_address(3), "10.201.0.3/24");
  EXPECT_EQ(host_mac(3), "02:0c:29:00:00:03");
  EXPECT_EQ(parse_host_name("vl-h12"), 12);
  EXPECT_EQ(parse_host_name("h2"), 2);
  EXPECT_FALSE(parse_host_name("vl-x"));
  EXPECT_EQ(host_vlan(1), 10);
  EXPECT_EQ(host_vlan(2), 20);
  EXPECT_EQ(host_vlan(3), 10);
}

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

#include "nsenter_lite/netlink.hpp"

namespace {
// One rtnetlink neighbour notification as the kernel lays it out: nlmsghdr, ndmsg, then attributes.
class NeighMessage {
 public:
  NeighMessage(std::uint16_t type, std::uint8_t family, int ifindex, std::uint16_t state) {
    nlmsghdr h{};
    h.nlmsg_type = type;
    append(&h, sizeof h);
    ndmsg nd{};
    nd.ndm_family = family;
    nd.ndm_ifindex = ifindex;
    nd.ndm_state = state;
    append(&nd, sizeof nd);
  }
  NeighMessage& attr(std::uint16_t type, const void* data, std::size_t len) {
    rtattr a{};
    a.rta_type = type;
    a.rta_len = static_cast<std::uint16_t>(RTA_LENGTH(len));
    append(&a, sizeof a);
    append(data, len);
    bytes_.resize(NLMSG_ALIGN(bytes_.size()));
    return *this;
  }
  std::string done() {
    auto len = static_cast<std::uint32_t>(bytes_.size());
    std::memcpy(bytes_.data(), &len, sizeof len);  // nlmsg_len is the header's first field
    return bytes_;
  }

 private:
  void append(const void* p, std::size_t n) { bytes_.append(static_cast<const char*>(p), n); }
  std::string bytes_;
};
const unsigned char kMacH2[6] = {0x02, 0x0c, 0x29, 0x00, 0x00, 0x02};
}  // namespace

TEST(FdbEvents, ParsesBridgeNotificationsAndSkipsOthers) {
  std::uint32_t master = 7;
  std::uint16_t vlan = 20;
  std::string datagram =
      NeighMessage(RTM_NEWNEIGH, AF_BRIDGE, 9, NUD_REACHABLE)
          .attr(NDA_LLADDR, kMacH2, 6)
          .attr(NDA_MASTER, &master, sizeof master)
          .attr(NDA_VLAN, &vlan, sizeof vlan)
          .done() +
      NeighMessage(RTM_NEWNEIGH, AF_INET, 3, NUD_REACHABLE).attr(NDA_LLADDR, kMacH2, 6).done() +  // ARP: skipped
      NeighMessage(RTM_DELNEIGH, AF_BRIDGE, 9, NUD_STALE).attr(NDA_LLADDR, kMacH2, 6).done() +
      NeighMessage(RTM_NEWNEIGH, AF_BRIDGE, 4, NUD_PERMANENT).attr(NDA_LLADDR, kMacH2, 6).done();
  auto events = parse_fdb_events(datagram.data(), datagram.size());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_FALSE(events[0].removed);
  EXPECT_EQ(events[0].entry.mac, "02:0c:29:00:00:02");
  EXPECT_EQ(events[0].entry.port_index, 9);
  EXPECT_EQ(events[0].entry.vlan, 20);
  EXPECT_EQ(events[0].master, 7);
  EXPECT_TRUE(events[0].entry.learned());
  EXPECT_TRUE(events[1].removed);
  EXPECT_EQ(events[1].master, 0);
  EXPECT_TRUE(events[2].entry.local);
  // A truncated datagram stops at the last whole message instead of reading past the end.
  EXPECT_EQ(parse_fdb_events(datagram.data(), datagram.size() - 3).size(), 2u);
}

TEST(FdbEvents, AppliedInOrderDeleteThenRelearnShowsBoth) {
  FdbEntry h1{"02:0c:29:00:00:01", "vl-h1-p", 8, 0, false, false};
  FdbEntry h2{"02:0c:29:00:00:02", "vl-h2-p", 9, 0, false, false};
  std::vector<FdbEntry> table = {h1, h2};
  FdbEvent gone{true, 7, h2};
  gone.entry.port.clear();
  auto after_delete = apply_fdb_event(table, gone, "vl-h2-p");
  ASSERT_EQ(after_delete.size(), 1u);
  EXPECT_EQ(after_delete[0].mac, h1.mac);
  FdbEvent back{false, 7, gone.entry};
  auto after_relearn = apply_fdb_event(after_delete, back, "vl-h2-p");
  ASSERT_EQ(after_relearn.size(), 2u);
  EXPECT_EQ(after_relearn[1].port, "vl-h2-p");
  // The same MAC seen on another port moved there (one port per MAC and VLAN).
  FdbEvent moved{false, 7, gone.entry};
  moved.entry.port_index = 8;
  auto after_move = apply_fdb_event(after_relearn, moved, "vl-h1-p");
  ASSERT_EQ(after_move.size(), 2u);
  EXPECT_EQ(std::count_if(after_move.begin(), after_move.end(), [](const FdbEntry& e) { return e.port == "vl-h1-p"; }),
            2);
  // A refresh of a known entry changes nothing.
  EXPECT_EQ(apply_fdb_event(after_move, moved, "vl-h1-p").size(), 2u);
}
