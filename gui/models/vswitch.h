// nsenter-lite/1 virtual switch (schemas/nsenter-lite.v1.json, `$defs/switch` and `$defs/fdb_doc`): the bridge,
// its ports, the hosts behind them (one network namespace + veth each) and the bridge's MAC learning table (FDB).
// `net switch --json` gives the whole topology once; `net fdb --watch --json` streams the table whenever it changes,
// so a switch model is built from the first and kept current by the second.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace virtlab::explorer {

struct SwitchHost {
  QString netns;      // "vl-h1": the network namespace that plays the host (the notes' VM)
  QString netnsPath;  // "/run/netns/vl-h1" (bind mount, so `ip netns exec` works)
  QString port;       // "vl-h1-p": the host-side veth end, enslaved to the bridge
  QString interface;  // "eth0": the namespace-side veth end (the host's vNIC)
  QString address;    // "10.201.0.1/24"
  QString mac;        // of `interface`
  int vlan = -1;      // access VLAN of the host's port (`net switch --vlan`), -1 = none or not in the document
};

struct SwitchPing {
  QString from, to;  // host namespaces
  bool ok = false;
  double rttMs = -1;     // -1 when it failed
  QString error;         // the tool's reason when it failed
  bool expected = true;  // a reply is expected (false across VLANs; absent in documents before --vlan: true)
};

struct FdbEntry {
  QString mac;        // "02:0c:29:00:00:01"
  QString port;       // bridge port the MAC was seen on
  int portIndex = 0;  // ifindex of that port
  int vlan = -1;      // -1: no VLAN (null)
  QString kind;       // learned / local (the port's own MAC) / static
  QString host;       // the host namespace owning the MAC, empty when unknown
  bool isLearned() const { return kind == QLatin1String("learned"); }
};

struct VirtualSwitch {
  QString bridge;              // "vl-br0"
  QString mode;                // bridge / host-only; empty when only FDB documents were seen
  bool haveTopology = false;   // a `net switch` document gave hosts and pings
  bool kept = false;           // the switch was left up after the command (remove with `net down`)
  bool vlanFiltering = false;  // the bridge filters by VLAN (`vlan_filtering`, absent = false)
  QList<SwitchHost> hosts;
  QList<SwitchPing> pings;
  QList<FdbEntry> fdb;
  QString fdbTime;      // "time" of the document the table came from
  int fdbUpdates = 0;   // tables applied so far (1 + changes seen in a live stream)
  QSet<QString> fresh;  // "mac@port" entries that were not in the previous table (just learned)
};

// Applies one nsenter-lite document: `net switch` replaces the whole model, `net fdb` replaces the table of the same
// bridge (a table of another bridge starts a new model without topology), `net ping` adds its ping. Other commands
// are an error here.
bool applySwitchDocument(const QJsonObject& doc, VirtualSwitch* sw, QString* error);

// The switch's ports in drawing order: the hosts' ports, then ports only the table knows about.
QStringList switchPorts(const VirtualSwitch& sw);
// Table entries on `port` (learned and static; local ones only when `withLocal`).
QList<FdbEntry> fdbOnPort(const VirtualSwitch& sw, const QString& port, bool withLocal = false);
int learnedCount(const VirtualSwitch& sw);

}  // namespace virtlab::explorer
