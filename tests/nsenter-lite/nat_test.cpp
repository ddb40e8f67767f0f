// Pure decoders of the NAT switch: netlink ACKs of an nftables batch, conntrack entries → NAT table rows.
#include <gtest/gtest.h>

#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "nsenter_lite/nat.hpp"

using namespace virtlab::nsenter_lite;

namespace {
// An NLMSG_ERROR message as the kernel sends it: header, error code, then the request's header.
void append_ack(std::vector<char>& buf, std::uint32_t seq, int error) {
  nlmsghdr h{};
  h.nlmsg_len = NLMSG_LENGTH(sizeof(nlmsgerr));
  h.nlmsg_type = NLMSG_ERROR;
  h.nlmsg_seq = seq;
  nlmsgerr e{};
  e.error = error;
  e.msg.nlmsg_seq = seq;
  const std::size_t at = buf.size();
  buf.resize(at + NLMSG_ALIGN(h.nlmsg_len));
  std::memcpy(buf.data() + at, &h, sizeof h);
  std::memcpy(buf.data() + at + NLMSG_HDRLEN, &e, sizeof e);
}

ConntrackEntry icmp_entry(const std::string& host, int id, int translated_id) {
  ConntrackEntry e;
  e.protocol = "icmp";
  e.original = {host, "203.0.113.1", id, -1};
  e.reply = {"203.0.113.1", "203.0.113.2", -1, translated_id};
  e.status = IPS_SEEN_REPLY | IPS_SRC_NAT | IPS_CONFIRMED;
  e.timeout = 29;
  return e;
}
}  // namespace

TEST(NatDecoders, AcksOfABatchInOrderWithErrors) {
  std::vector<char> buf;
  append_ack(buf, 11, 0);
  append_ack(buf, 12, -ENOENT);
  nlmsghdr done{};
  done.nlmsg_len = NLMSG_LENGTH(sizeof(int));
  done.nlmsg_type = NLMSG_DONE;
  const std::size_t at = buf.size();
  buf.resize(at + NLMSG_ALIGN(done.nlmsg_len));
  std::memcpy(buf.data() + at, &done, sizeof done);
  append_ack(buf, 13, 0);
  auto acks = parse_netlink_acks(buf.data(), buf.size());
  ASSERT_EQ(acks.size(), 3u);
  EXPECT_EQ(acks[0].seq, 11u);
  EXPECT_EQ(acks[0].error, 0);
  EXPECT_EQ(acks[1].seq, 12u);
  EXPECT_EQ(acks[1].error, -ENOENT);
  EXPECT_EQ(acks[2].seq, 13u);
}

TEST(NatDecoders, TruncatedDatagramStopsCleanly) {
  std::vector<char> buf;
  append_ack(buf, 1, 0);
  append_ack(buf, 2, 0);
  EXPECT_EQ(parse_netlink_acks(buf.data(), buf.size() - 4).size(), 1u);
  EXPECT_TRUE(parse_netlink_acks(buf.data(), 3).empty());
  EXPECT_TRUE(parse_netlink_acks(nullptr, 0).empty());
}

TEST(NatDecoders, IcmpRowShowsTheTranslatedEchoId) {
  // Two hosts used the same echo id: the second one's was rewritten (the NAT's "port" for ICMP).
  auto same = nat_row(icmp_entry("10.201.0.1", 20126, 20126));
  EXPECT_EQ(same.internal, "10.201.0.1:20126");
  EXPECT_EQ(same.external, "203.0.113.2:20126");
  EXPECT_EQ(same.remote, "203.0.113.1");
  EXPECT_TRUE(same.translated);
  EXPECT_EQ(same.state, "REPLIED");
  auto moved = nat_row(icmp_entry("10.201.0.2", 20126, 51888));
  EXPECT_EQ(moved.external, "203.0.113.2:51888");
}

TEST(NatDecoders, TcpRowAndUntranslatedFlow) {
  ConntrackEntry tcp;
  tcp.protocol = "tcp";
  tcp.original = {"10.201.0.1", "203.0.113.1", 44030, 80};
  tcp.reply = {"203.0.113.1", "203.0.113.2", 80, 44030};
  tcp.tcp_state = "TIME_WAIT";
  tcp.status = IPS_ASSURED;
  auto row = nat_row(tcp);
  EXPECT_EQ(row.internal, "10.201.0.1:44030");
  EXPECT_EQ(row.external, "203.0.113.2:44030");
  EXPECT_EQ(row.remote, "203.0.113.1:80");
  EXPECT_EQ(row.state, "TIME_WAIT");
  // A flow between two hosts on the switch is tracked but not translated.
  ConntrackEntry local;
  local.protocol = "icmp";
  local.original = {"10.201.0.1", "10.201.0.2", 7, -1};
  local.reply = {"10.201.0.2", "10.201.0.1", -1, 7};
  EXPECT_FALSE(nat_row(local).translated);
  EXPECT_EQ(nat_row(local).state, "UNREPLIED");
  local.status = IPS_ASSURED | IPS_SEEN_REPLY;
  EXPECT_EQ(ct_state_name(local), "ASSURED");
}

TEST(NatDecoders, NamesAndJson) {
  EXPECT_EQ(endpoint("1.2.3.4", -1), "1.2.3.4");
  EXPECT_EQ(endpoint("1.2.3.4", 0), "1.2.3.4:0");
  EXPECT_EQ(protocol_name(6), "tcp");
  EXPECT_EQ(protocol_name(2), "igmp");
  EXPECT_EQ(protocol_name(253), "253");
  auto j = conntrack_json({icmp_entry("10.201.0.1", 5, 6)});
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["original"]["src_port"], 5);
  EXPECT_TRUE(j[0]["original"]["dst_port"].is_null());
  EXPECT_EQ(j[0]["reply"]["dst"], "203.0.113.2");
  EXPECT_EQ(j[0]["external"], "203.0.113.2:6");
  EXPECT_EQ(j[0]["timeout"], 29);
}
