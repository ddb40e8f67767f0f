// Netlink datagrams nsenter-lite decodes itself: rtnetlink FDB notifications (net fdb --watch) and the
// NLMSG_ERROR acknowledgements of the nftables batch (net nat). Lengths come from the datagram and may lie.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "nsenter_lite/nat.hpp"
#include "nsenter_lite/netlink.hpp"

using namespace virtlab::nsenter_lite;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const char* bytes = reinterpret_cast<const char*>(data);
  // Every message is at least a 16-byte header, so a datagram cannot hold more than size/16 of anything.
  auto events = parse_fdb_events(bytes, size);
  FUZZ_CHECK(events.size() <= size / 16);
  std::vector<FdbEntry> table;
  for (const auto& event : events) {
    FUZZ_CHECK(event.entry.mac.size() == 17);  // "aa:bb:cc:dd:ee:ff"
    // Applying the events keeps the table free of duplicates of one (mac, vlan, port).
    table = apply_fdb_event(std::move(table), event, "port");
    FUZZ_CHECK(table.size() <= events.size());
  }
  auto acks = parse_netlink_acks(bytes, size);
  FUZZ_CHECK(acks.size() <= size / 16);
  return 0;
}
