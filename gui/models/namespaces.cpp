#include "models/namespaces.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

#include "models/document.h"

namespace virtlab::explorer {

namespace {
// toInteger, not a cast of toDouble: a number beyond qint64 (1e300 in a broken file) is 0, not undefined behaviour.
qint64 inodeOrZero(const QJsonValue& v) {
  return v.toInteger();
}
}  // namespace

namespace {

// nsenter-lite's "containers": the engine's label and the process chain ("dockerd 812", …; "(not running)").
QMap<qint64, EngineContainer> parseEngineContainers(const QJsonArray& list) {
  QMap<qint64, EngineContainer> out;
  for (const auto& v : list) {
    const QJsonObject o = v.toObject();
    if (!o.value(QStringLiteral("pid")).isDouble()) continue;
    EngineContainer c;
    c.label = o.value(QStringLiteral("label")).toString();
    for (const auto& link : o.value(QStringLiteral("chain")).toArray()) {
      const QJsonObject l = link.toObject();
      const QJsonValue pid = l.value(QStringLiteral("pid"));
      c.runtimeChain << QStringLiteral("%1 %2").arg(
          l.value(QStringLiteral("command")).toString(),
          pid.isDouble() ? QString::number(pid.toInteger()) : QStringLiteral("(not running)"));
    }
    out.insert(o.value(QStringLiteral("pid")).toInteger(), c);
  }
  return out;
}

}  // namespace

bool parseNamespaceListing(const QJsonObject& doc, NamespaceListing* out, QString* error) {
  const QString schemaError = checkSchema(doc, QStringLiteral("nsenter-lite"), kNsenterLiteMajor);
  if (!schemaError.isEmpty()) {
    if (error) *error = schemaError;
    return false;
  }
  if (doc.value(QStringLiteral("command")).toString() != QLatin1String("ls")) {
    if (error)
      *error = QStringLiteral("nsenter-lite document is \"%1\", not \"ls\"")
                   .arg(doc.value(QStringLiteral("command")).toString());
    return false;
  }
  const QJsonValue list = doc.value(QStringLiteral("namespaces"));
  if (!list.isArray()) {
    if (error) *error = QStringLiteral("nsenter-lite ls document has no \"namespaces\" array");
    return false;
  }
  *out = {};
  out->hostname = doc.value(QStringLiteral("host")).toObject().value(QStringLiteral("hostname")).toString();
  out->engineContainers = parseEngineContainers(doc.value(QStringLiteral("containers")).toArray());
  out->unreadableProcesses = doc.value(QStringLiteral("unreadable_processes")).toInt();
  QSet<QString> hostByPid1;
  for (const auto& v : list.toArray()) {
    const QJsonObject o = v.toObject();
    NamespaceEntry e;
    e.inode = inodeOrZero(o.value(QStringLiteral("ns")));
    e.type = o.value(QStringLiteral("type")).toString();
    if (e.inode == 0 || e.type.isEmpty()) {
      if (error) *error = QStringLiteral("nsenter-lite ls: a namespace without \"ns\" or \"type\"");
      return false;
    }
    e.path = o.value(QStringLiteral("path")).toString();
    e.nprocs = o.value(QStringLiteral("nprocs")).toInt();
    e.pid = o.value(QStringLiteral("pid")).toInteger();
    e.command = o.value(QStringLiteral("command")).toString();
    e.uid = o.value(QStringLiteral("uid")).toInteger();
    e.user = o.value(QStringLiteral("user")).toString();
    const QJsonValue ownerUid = o.value(QStringLiteral("owner_uid"));
    e.ownerUid = ownerUid.toInteger(-1);
    e.parent = inodeOrZero(o.value(QStringLiteral("pns")));
    e.owner = inodeOrZero(o.value(QStringLiteral("ons")));
    e.heldBy = o.value(QStringLiteral("held_by")).toString();
    e.cgroup = o.value(QStringLiteral("cgroup")).toString();  // optional; null or missing → empty
    for (const auto& p : o.value(QStringLiteral("pids")).toArray()) e.pids << p.toInteger();
    if (e.pids.contains(1)) {
      out->hostNamespaces.insert(e.type, e.inode);
      hostByPid1.insert(e.type);
    }
    out->namespaces.append(e);
  }
  // PID 1 may be invisible (another pid namespace, or not listed): then the host's namespace of a kind is the
  // one most processes are in.
  QMap<QString, int> bestProcs;
  for (const NamespaceEntry& e : out->namespaces) {
    if (hostByPid1.contains(e.type)) continue;
    if (e.nprocs > bestProcs.value(e.type, -1)) {
      bestProcs.insert(e.type, e.nprocs);
      out->hostNamespaces.insert(e.type, e.inode);
    }
  }
  return true;
}

QList<NamespaceGroup> groupByNamespaces(const NamespaceListing& listing) {
  // pid → (kind → inode) for namespaces that are not PID 1's.
  QMap<qint64, QMap<QString, qint64>> ownByPid;
  for (const NamespaceEntry& e : listing.namespaces) {
    if (listing.hostNamespaces.value(e.type) == e.inode) continue;
    for (qint64 pid : e.pids) ownByPid[pid].insert(e.type, e.inode);
  }
  QMap<QString, NamespaceGroup> groups;  // key: "net:4026…,pid:4026…"
  QMap<qint64, QString> commandOf;
  for (const NamespaceEntry& e : listing.namespaces) {
    if (e.pid > 0 && !commandOf.contains(e.pid)) commandOf.insert(e.pid, e.command);
  }
  for (auto it = ownByPid.cbegin(); it != ownByPid.cend(); ++it) {
    QStringList parts;
    for (auto k = it.value().cbegin(); k != it.value().cend(); ++k)
      parts << QStringLiteral("%1:%2").arg(k.key()).arg(k.value());
    NamespaceGroup& g = groups[parts.join(QLatin1Char(','))];
    g.own = it.value();
    g.pids << it.key();
  }
  // A launcher (runc init, unshare) and the processes it forked share all but the pid namespace it created for its
  // children: fold a group into one whose own namespaces include all of its own, so a container is one group.
  QList<NamespaceGroup> folded;
  for (const NamespaceGroup& g : groups) folded.append(g);
  auto includes = [](const NamespaceGroup& big, const NamespaceGroup& small) {
    if (big.own.size() <= small.own.size()) return false;
    for (auto it = small.own.cbegin(); it != small.own.cend(); ++it) {
      if (big.own.value(it.key()) != it.value()) return false;
    }
    return true;
  };
  for (qsizetype i = 0; i < folded.size(); ++i) {
    for (qsizetype j = 0; j < folded.size(); ++j) {
      if (i != j && includes(folded[j], folded[i])) {
        folded[j].pids += folded[i].pids;
        folded.removeAt(i);
        i = -1;
        break;
      }
    }
  }
  QList<NamespaceGroup> result;
  for (NamespaceGroup g : folded) {
    std::sort(g.pids.begin(), g.pids.end());
    // Each namespace names its lowest member pid, that pid's command and cgroup: find one naming our lowest pid.
    for (const NamespaceEntry& e : listing.namespaces) {
      if (e.pid != g.pids.first()) continue;
      if (g.command.isEmpty()) g.command = e.command;
      if (g.cgroup.isEmpty()) g.cgroup = e.cgroup;
      if (!g.command.isEmpty() && !g.cgroup.isEmpty()) break;
    }
    g.isContainer = g.own.contains(QStringLiteral("pid")) || g.own.size() >= 3;
    result.append(g);
  }
  std::sort(result.begin(), result.end(), [](const NamespaceGroup& a, const NamespaceGroup& b) {
    if (a.isContainer != b.isContainer) return a.isContainer;
    return a.pids.size() > b.pids.size();
  });
  return result;
}

QList<ContainerInfo> containersFrom(const NamespaceListing& listing) {
  QList<ContainerInfo> containers;
  for (const NamespaceGroup& g : groupByNamespaces(listing)) {
    if (!g.isContainer) continue;
    ContainerInfo c;
    c.name = g.command;
    c.pid = g.pids.first();
    c.processes = g.pids.size();
    c.ownNamespaces = g.own.keys();
    c.cgroup = g.cgroup;
    for (qint64 pid : g.pids) {
      const auto engine = listing.engineContainers.constFind(pid);
      if (engine == listing.engineContainers.cend()) continue;
      if (!engine->label.isEmpty()) c.name = engine->label;
      c.runtimeChain = engine->runtimeChain;
      break;
    }
    containers.append(c);
  }
  return containers;
}

}  // namespace virtlab::explorer
