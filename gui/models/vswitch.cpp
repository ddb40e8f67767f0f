#include "models/vswitch.h"

#include <QJsonArray>

#include "models/document.h"
#include "models/namespaces.h"

namespace virtlab::explorer {

namespace {

int intOrMinus(const QJsonValue& v) {  // null or absent (older documents) → -1
  return v.isDouble() ? v.toInt() : -1;
}

bool parseFdb(const QJsonValue& value, QList<FdbEntry>* out, QString* error) {
  if (!value.isArray()) {
    if (error) *error = QStringLiteral("nsenter-lite switch document has no \"fdb\" array");
    return false;
  }
  out->clear();
  for (const auto& v : value.toArray()) {
    const QJsonObject o = v.toObject();
    FdbEntry e;
    e.mac = o.value(QStringLiteral("mac")).toString();
    e.port = o.value(QStringLiteral("port")).toString();
    e.portIndex = o.value(QStringLiteral("port_index")).toInt();
    e.vlan = intOrMinus(o.value(QStringLiteral("vlan")));
    e.kind = o.value(QStringLiteral("kind")).toString();
    e.host = o.value(QStringLiteral("host")).toString();  // null → empty
    if (e.mac.isEmpty() || e.port.isEmpty()) {
      if (error) *error = QStringLiteral("nsenter-lite FDB entry without \"mac\" or \"port\"");
      return false;
    }
    out->append(e);
  }
  return true;
}

SwitchPing parsePing(const QJsonObject& o) {
  SwitchPing p;
  p.from = o.value(QStringLiteral("from")).toString();
  p.to = o.value(QStringLiteral("to")).toString();
  p.ok = o.value(QStringLiteral("ok")).toBool();
  const QJsonValue rtt = o.value(QStringLiteral("rtt_ms"));
  p.rttMs = rtt.isDouble() ? rtt.toDouble() : -1;
  p.error = o.value(QStringLiteral("error")).toString();
  p.expected = o.value(QStringLiteral("expected")).toBool(true);
  return p;
}

QString entryKey(const FdbEntry& e) {
  return e.mac + QLatin1Char('@') + e.port;
}

}  // namespace

bool applySwitchDocument(const QJsonObject& doc, VirtualSwitch* sw, QString* error) {
  const QString schemaError = checkSchema(doc, QStringLiteral("nsenter-lite"), kNsenterLiteMajor);
  if (!schemaError.isEmpty()) {
    if (error) *error = schemaError;
    return false;
  }
  const QString command = doc.value(QStringLiteral("command")).toString();
  if (command == QLatin1String("net ping")) {
    const QJsonObject o = doc.value(QStringLiteral("ping")).toObject();
    if (o.isEmpty()) {
      if (error) *error = QStringLiteral("nsenter-lite net ping document without \"ping\"");
      return false;
    }
    sw->pings.append(parsePing(o));
    return true;
  }
  const QString bridge = doc.value(QStringLiteral("bridge")).toString();
  if (command != QLatin1String("net switch") && command != QLatin1String("net fdb")) {
    if (error) *error = QStringLiteral("nsenter-lite document is \"%1\", not a switch document").arg(command);
    return false;
  }
  if (bridge.isEmpty()) {
    if (error) *error = QStringLiteral("nsenter-lite %1 document names no \"bridge\"").arg(command);
    return false;
  }
  QList<FdbEntry> fdb;
  if (!parseFdb(doc.value(QStringLiteral("fdb")), &fdb, error)) return false;

  if (command == QLatin1String("net switch")) {
    VirtualSwitch next;
    next.bridge = bridge;
    next.mode = doc.value(QStringLiteral("mode")).toString();
    next.kept = doc.value(QStringLiteral("kept")).toBool();
    next.vlanFiltering = doc.value(QStringLiteral("vlan_filtering")).toBool(false);
    next.haveTopology = true;
    for (const auto& v : doc.value(QStringLiteral("hosts")).toArray()) {
      const QJsonObject o = v.toObject();
      SwitchHost h;
      h.netns = o.value(QStringLiteral("netns")).toString();
      h.netnsPath = o.value(QStringLiteral("netns_path")).toString();
      h.port = o.value(QStringLiteral("port")).toString();
      h.interface = o.value(QStringLiteral("interface")).toString();
      h.address = o.value(QStringLiteral("address")).toString();
      h.mac = o.value(QStringLiteral("mac")).toString();
      h.vlan = intOrMinus(o.value(QStringLiteral("vlan")));
      next.hosts.append(h);
    }
    for (const auto& v : doc.value(QStringLiteral("pings")).toArray()) {
      next.pings.append(parsePing(v.toObject()));
    }
    *sw = next;
  } else if (sw->bridge != bridge) {
    *sw = {};
    sw->bridge = bridge;
  }
  // Entries not in the previous table were learned since then: the live view marks them.
  QSet<QString> before;
  for (const FdbEntry& e : sw->fdb) before.insert(entryKey(e));
  sw->fresh.clear();
  if (sw->fdbUpdates > 0) {
    for (const FdbEntry& e : fdb) {
      if (!before.contains(entryKey(e))) sw->fresh.insert(entryKey(e));
    }
  }
  sw->fdb = fdb;
  sw->fdbTime = doc.value(QStringLiteral("time")).toString();
  ++sw->fdbUpdates;
  return true;
}

QStringList switchPorts(const VirtualSwitch& sw) {
  QStringList ports;
  for (const SwitchHost& h : sw.hosts) {
    if (!ports.contains(h.port)) ports << h.port;
  }
  for (const FdbEntry& e : sw.fdb) {
    if (!ports.contains(e.port) && e.port != sw.bridge) ports << e.port;
  }
  return ports;
}

QList<FdbEntry> fdbOnPort(const VirtualSwitch& sw, const QString& port, bool withLocal) {
  QList<FdbEntry> entries;
  for (const FdbEntry& e : sw.fdb) {
    if (e.port == port && (withLocal || e.kind != QLatin1String("local"))) entries << e;
  }
  return entries;
}

int learnedCount(const VirtualSwitch& sw) {
  int n = 0;
  for (const FdbEntry& e : sw.fdb) n += e.isLearned() ? 1 : 0;
  return n;
}

}  // namespace virtlab::explorer
