#include "views/namespacespage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <algorithm>
#include <functional>

namespace virtlab::explorer {

namespace {
const QStringList kKinds{QStringLiteral("pid"),    QStringLiteral("net"), QStringLiteral("mnt"),
                         QStringLiteral("uts"),    QStringLiteral("ipc"), QStringLiteral("user"),
                         QStringLiteral("cgroup"), QStringLiteral("time")};
const QStringList kLsArgs{QStringLiteral("ls"), QStringLiteral("--json")};
}  // namespace

NamespacesPage::NamespacesPage(QObject* parent) : Page(parent) {}

QString NamespacesPage::take(const QJsonObject& doc) {
  const QString command = doc.value(QStringLiteral("command")).toString();
  QString error;
  if (command == QLatin1String("net switch") || command == QLatin1String("net fdb")) {
    if (!applySwitchDocument(doc, &switch_, &error)) return error;
    haveSwitch_ = true;
    switchAbsent_ = false;
    (command == QLatin1String("net switch") ? switchDocument_ : fdbDocument_) = doc;
    if (command == QLatin1String("net switch")) {
      fdbDocument_ = {};
      pingDocuments_.clear();
    }
    return {};
  }
  if (command == QLatin1String("net down")) {
    // Everything vl-* is gone: the drawn switch no longer exists.
    switch_ = {};
    haveSwitch_ = false;
    switchAbsent_ = true;
    switchDocument_ = fdbDocument_ = {};
    pingDocuments_.clear();
    return {};
  }
  if (command == QLatin1String("net ping")) {
    // Listed with the switch's pings; the table update that follows shows what the switch learned from it.
    if (!applySwitchDocument(doc, &switch_, &error)) return error;
    pingDocuments_ << doc;
    return {};
  }
  NamespaceListing listing;
  if (!parseNamespaceListing(doc, &listing, &error)) return error;
  listing_ = listing;
  have_ = true;
  lsDocument_ = doc;
  return {};
}

QList<QJsonObject> NamespacesPage::record() const {
  QList<QJsonObject> docs;
  if (have_) docs << lsDocument_;
  if (haveSwitch_ && !switchDocument_.isEmpty()) docs << switchDocument_;
  if (haveSwitch_) docs << pingDocuments_;
  if (haveSwitch_ && !fdbDocument_.isEmpty()) docs << fdbDocument_;
  return docs;
}

void NamespacesPage::refresh() {
  // ls first, then the switch's table if a switch exists (exit 3 = no such bridge: offer to build one).
  runTool(QStringLiteral("nsenter-lite"), QStringLiteral("nsenter-lite"), kLsArgs, ToolRunner::Output::Document,
          [this] {
            watchFdb();
            return true;
          });
}

void NamespacesPage::watchFdb() {
  const QString bridge = switch_.bridge.isEmpty() ? QStringLiteral("vl-br0") : switch_.bridge;
  QStringList args{QStringLiteral("net"), QStringLiteral("fdb"), QStringLiteral("--bridge"), bridge,
                   QStringLiteral("--json")};
  if (live_) args.insert(2, QStringLiteral("--watch"));
  runTool(QStringLiteral("switch"), QStringLiteral("nsenter-lite"), args,
          live_ ? ToolRunner::Output::Stream : ToolRunner::Output::Document, {}, [this](int code) {
            if (code != 3) return false;
            switch_ = {};
            haveSwitch_ = false;
            switchAbsent_ = true;
            return true;
          });
}

void NamespacesPage::buildSwitch(int hosts) {
  // Kept (no --rm) so the table can be watched and pinged; the Remove button or `nsenter-lite net down` ends it.
  runTool(QStringLiteral("build"), QStringLiteral("nsenter-lite"),
          {QStringLiteral("net"), QStringLiteral("switch"), QStringLiteral("--hosts"), QString::number(hosts),
           QStringLiteral("--json")},
          ToolRunner::Output::Document, [this] {
            watchFdb();
            return true;
          });
}

void NamespacesPage::pingHosts(const QString& from, const QString& to) {
  runTool(QStringLiteral("ping"), QStringLiteral("nsenter-lite"),
          {QStringLiteral("net"), QStringLiteral("ping"), from, to, QStringLiteral("--json")});
}

void NamespacesPage::removeSwitch() {
  runner(QStringLiteral("switch"))->cancel();
  runTool(QStringLiteral("down"), QStringLiteral("nsenter-lite"),
          {QStringLiteral("net"), QStringLiteral("down"), QStringLiteral("--json")});
}

QString NamespacesPage::replay(const QList<QJsonObject>& documents) {
  have_ = haveSwitch_ = switchAbsent_ = false;
  switch_ = {};
  switchDocument_ = fdbDocument_ = {};
  pingDocuments_.clear();
  return replayTool(
      documents, QStringLiteral("nsenter-lite"), [this] { return have_ || haveSwitch_ || switchAbsent_; },
      tr("no nsenter-lite ls or net switch document in this file"));
}

QWidget* NamespacesPage::createControls(QWidget* parent) {
  live_ = true;  // a window: keep watching the switch's table until Cancel
  auto* panel = new QWidget(parent);
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->addWidget(new QLabel(tr("Virtual switch:"), panel));
  auto* hosts = new QSpinBox(panel);
  hosts->setRange(2, 8);
  hosts->setValue(3);
  hosts->setSuffix(tr(" hosts"));
  layout->addWidget(hosts);
  auto* build = new QPushButton(tr("Build switch"), panel);
  connect(build, &QPushButton::clicked, this, [this, hosts] { buildSwitch(hosts->value()); });
  layout->addWidget(build);
  auto* from = new QSpinBox(panel);
  auto* to = new QSpinBox(panel);
  for (QSpinBox* box : {from, to}) {
    box->setRange(1, 8);
    box->setPrefix(QStringLiteral("vl-h"));
  }
  from->setValue(2);
  to->setValue(3);
  auto* ping = new QPushButton(tr("Ping"), panel);
  connect(ping, &QPushButton::clicked, this, [this, from, to] {
    pingHosts(QStringLiteral("vl-h%1").arg(from->value()), QStringLiteral("vl-h%1").arg(to->value()));
  });
  layout->addSpacing(12);
  layout->addWidget(ping);
  layout->addWidget(from);
  layout->addWidget(new QLabel(QStringLiteral("→"), panel));
  layout->addWidget(to);
  auto* remove = new QPushButton(tr("Remove switch"), panel);
  connect(remove, &QPushButton::clicked, this, &NamespacesPage::removeSwitch);
  layout->addSpacing(12);
  layout->addWidget(remove);
  layout->addStretch(1);
  return panel;
}

void NamespacesPage::draw(SceneKit& kit) {
  const double width = 1300;
  const double u = kit.unit();
  double y = 0;
  kit.label(QPointF(0, y), tr("Namespaces: who sees which world"), 1.5, true);
  y += u * 2;
  y = drawProblem(kit, QPointF(0, y), width);
  if (!have_) {
    if (haveSwitch_ || switchAbsent_) {
      drawSwitch(kit, y, width);
    } else if (problem_.text.isEmpty()) {
      kit.note(QPointF(0, y), width, tr("No data yet"),
               tr("Press Refresh to run nsenter-lite ls, or open a saved replay."));
    }
    return;
  }
  const QList<NamespaceGroup> groups = groupByNamespaces(listing_);
  QSet<qint64> containerNs;
  int containers = 0;
  for (const NamespaceGroup& g : groups) {
    if (!g.isContainer) continue;
    ++containers;
    for (qint64 inode : g.own) containerNs.insert(inode);
  }
  y = drawListingSummary(kit, y, width, containers);
  y = drawNamespaceKinds(kit, y, width, containerNs);
  y = drawGroups(kit, y, groups);
  y = drawUserTree(kit, y);
  if (haveSwitch_ || switchAbsent_) drawSwitch(kit, y + u, width);
}

double NamespacesPage::drawListingSummary(SceneKit& kit, double y, double width, int containers) {
  const double u = kit.unit();
  kit.paragraph(QPointF(0, y), width,
                tr("%1 namespaces on %2. The host's are PID 1's (green); every other namespace isolates something. "
                   "Containers (teal, red outline) are processes with their own pid namespace or several own kinds: "
                   "%3 found.")
                    .arg(listing_.namespaces.size())
                    .arg(listing_.hostname)
                    .arg(containers),
                0.95);
  y += u * 2.6;
  if (listing_.unreadableProcesses > 0 && isRoot()) {
    // Root reads every /proc/PID/ns: what is left are processes that exited while nsenter-lite listed them.
    kit.label(
        QPointF(0, y),
        tr("%n process(es) could not be read (they exited while nsenter-lite listed them, or the kernel refused): "
           "their namespaces are missing.",
           nullptr, listing_.unreadableProcesses),
        0.85, false, Qt::darkGray);
    y += u * 1.4;
  } else if (listing_.unreadableProcesses > 0) {
    y = drawProblem(kit, QPointF(0, y), width,
                    tr("%n process(es) could not be read (permission denied): their namespaces are missing.", nullptr,
                       listing_.unreadableProcesses),
                    4, ToolRunner::commandLine(QStringLiteral("nsenter-lite"), kLsArgs)) +
        8;
  }
  return y;
}

// One row per kind: its namespaces side by side, the host's first.
double NamespacesPage::drawNamespaceKinds(SceneKit& kit, double y, double width, const QSet<qint64>& containerNs) {
  const double u = kit.unit();
  const double labelWidth = 80;
  const double boxW = 236;
  const double boxH = kit.boxHeight(2);
  for (const QString& kind : kKinds) {
    QList<NamespaceEntry> ofKind;
    for (const NamespaceEntry& e : listing_.namespaces) {
      if (e.type == kind) ofKind << e;
    }
    if (ofKind.isEmpty()) continue;
    std::sort(ofKind.begin(), ofKind.end(), [this](const NamespaceEntry& a, const NamespaceEntry& b) {
      const bool ah = listing_.hostNamespaces.value(a.type) == a.inode;
      const bool bh = listing_.hostNamespaces.value(b.type) == b.inode;
      if (ah != bh) return ah;
      return a.nprocs > b.nprocs;
    });
    kit.label(QPointF(0, y + boxH / 3), kind, 1.2, true);
    const int perRow = static_cast<int>((width - labelWidth) / (boxW + 8));
    const int shown = qMin<int>(ofKind.size(), perRow);
    for (int i = 0; i < shown; ++i) {
      const NamespaceEntry& e = ofKind.at(i);
      const bool host = listing_.hostNamespaces.value(kind) == e.inode;
      const bool container = containerNs.contains(e.inode);
      QStringList details{tr("%n process(es), pid %1", nullptr, e.nprocs).arg(e.pid), e.command};
      if (e.heldBy != QLatin1String("process") && !e.heldBy.isEmpty())
        details[1] = tr("held by %1: %2").arg(e.heldBy, e.path);
      kit.box(QRectF(labelWidth + i * (boxW + 8), y, boxW, boxH),
              QStringLiteral("%1:[%2]%3").arg(kind).arg(e.inode).arg(host ? tr(" host") : QString()), details,
              host        ? colors::userland
              : container ? colors::container
                          : colors::muted,
              {}, QStringLiteral("ns:%1:%2").arg(kind).arg(e.inode), container);
    }
    if (ofKind.size() > shown) {
      kit.label(QPointF(labelWidth, y + boxH + 2), tr("… %1 more %2 namespaces").arg(ofKind.size() - shown).arg(kind),
                0.85);
      y += u;
    }
    y += boxH + 10;
  }
  return y;
}

// Processes grouped by the namespaces they do not share with the host.
double NamespacesPage::drawGroups(SceneKit& kit, double y, const QList<NamespaceGroup>& groups) {
  const double u = kit.unit();
  y += u * 0.5;
  kit.label(QPointF(0, y), tr("Processes grouped by their own (non-host) namespaces"), 1.2, true);
  y += u * 1.6;
  const double gw = 310;
  int col = 0;
  double rowY = y;
  for (const NamespaceGroup& g : groups) {
    QStringList pids;
    for (int i = 0; i < qMin<int>(g.pids.size(), 6); ++i) pids << QString::number(g.pids.at(i));
    if (g.pids.size() > 6) pids << QStringLiteral("…");
    const QString kinds = QStringList(g.own.keys()).join(QStringLiteral(", "));
    kit.box(QRectF(col * (gw + 10), rowY, gw, kit.boxHeight(2)),
            g.isContainer ? tr("Container: %1").arg(g.command) : tr("Sandboxed: %1").arg(g.command),
            {tr("own: %1").arg(kinds), tr("pids %1").arg(pids.join(QStringLiteral(" ")))},
            g.isContainer ? colors::container : colors::muted, QStringLiteral("open:cgroups"),
            QStringLiteral("group:%1").arg(g.pids.first()), g.isContainer);
    if (++col == 4) {
      col = 0;
      rowY += kit.boxHeight(2) + 10;
    }
  }
  if (groups.isEmpty()) {
    kit.label(QPointF(0, rowY), tr("every process shares all of PID 1's namespaces: no sandbox, no container"), 0.95);
  }
  return rowY + kit.boxHeight(2) + u;
}

// The user-namespace ownership tree: each user namespace and the namespaces it owns (NS_GET_USERNS).
double NamespacesPage::drawUserTree(SceneKit& kit, double y) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("User namespace ownership (who may administer what)"), 1.2, true);
  y += u * 1.6;
  QList<NamespaceEntry> users;
  for (const NamespaceEntry& e : listing_.namespaces) {
    if (e.type == QLatin1String("user")) users << e;
  }
  std::function<void(qint64, int)> walk = [&](qint64 parent, int depth) {
    for (const NamespaceEntry& u2 : users) {
      if (u2.parent != parent) continue;
      int owned = 0;
      for (const NamespaceEntry& e : listing_.namespaces) {
        if (e.owner == u2.inode) ++owned;
      }
      kit.label(QPointF(depth * 30, y),
                tr("user:[%1] uid %2 (%3) owns %n namespace(s) — first process %4 %5", nullptr, owned)
                    .arg(u2.inode)
                    .arg(u2.ownerUid)
                    .arg(u2.user)
                    .arg(u2.pid)
                    .arg(u2.command),
                0.95);
      y += u * 1.2;
      walk(u2.inode, depth + 1);
    }
  };
  walk(0, 0);
  return y;
}

}  // namespace virtlab::explorer

namespace virtlab::explorer {

double NamespacesPage::drawSwitch(SceneKit& kit, double y, double width) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("Virtual switch: the notes' bridge, hosts and MAC learning table"), 1.2, true);
  y += u * 1.6;
  if (!haveSwitch_) return drawNoSwitch(kit, y, width);
  y = drawSwitchIntro(kit, y, width);
  // Topology: the bridge on top, its ports under it, each port's host under the port.
  const QStringList ports = switchPorts(switch_);
  const double colW = 230, gap = 20;
  const double topoW = qMax(colW * 2, ports.size() * (colW + gap) - gap);
  double bottom = drawSwitchTopology(kit, y, ports, topoW);
  bottom = qMax(bottom, drawFdbTable(kit, topoW + 50, y));
  return drawSwitchPings(kit, bottom + u);
}

double NamespacesPage::drawNoSwitch(SceneKit& kit, double y, double width) {
  const QString command = ToolRunner::commandLine(
      QStringLiteral("nsenter-lite"),
      {QStringLiteral("net"), QStringLiteral("switch"), QStringLiteral("--hosts"), QStringLiteral("3")});
  return kit.note(QPointF(0, y), width, tr("No virtual switch on this machine"),
                  tr("Build one with the \"Build switch\" button (as root), or run it yourself and open the "
                     "output as a replay:\n  sudo %1 --json > switch.json\nRemove it afterwards with: sudo "
                     "nsenter-lite net down")
                      .arg(command))
             .bottom() +
         kit.unit();
}

double NamespacesPage::drawSwitchIntro(SceneKit& kit, double y, double width) {
  const VirtualSwitch& sw = switch_;
  QString modeText;
  if (sw.vlanFiltering) {
    modeText = tr("VLAN filtering is on: a frame only reaches ports of its own VLAN.") + QLatin1Char(' ');
  }
  if (sw.mode == QLatin1String("host-only")) {
    modeText += tr("Host-only mode: the bridge itself has an address, so the host machine is on the switch too.");
  } else if (sw.mode == QLatin1String("bridge")) {
    modeText += tr("Bridge mode: a pure layer-2 switch. No uplink NIC is enslaved, so no frame leaves this machine.");
  }
  y += kit.paragraph(QPointF(0, y), width,
                     modeText + QLatin1Char(' ') +
                         tr("Each host is a network namespace with one end of a veth pair as its NIC; the other end "
                            "is a port of the bridge. The bridge learns the source MAC of every frame that arrives "
                            "on a port; a frame for an unknown MAC is flooded to every port."),
                     0.95);
  return y + kit.unit() * 0.4;
}

// The bridge across the top, one column per port: the port, and under it the host (netns) its veth leads to.
double NamespacesPage::drawSwitchTopology(SceneKit& kit, double y, const QStringList& ports, double topoW) {
  const double u = kit.unit();
  const VirtualSwitch& sw = switch_;
  const double colW = 230, gap = 20;
  const double bridgeH = kit.boxHeight(2);
  kit.box(QRectF(0, y, topoW, bridgeH), tr("Bridge %1 (the switch)").arg(sw.bridge),
          {tr("a Linux bridge in the host's network namespace · %n port(s)", nullptr, static_cast<int>(ports.size())),
           tr("%n MAC address(es) learned", nullptr, learnedCount(sw))},
          colors::kernel, {}, QStringLiteral("switch:bridge:%1").arg(sw.bridge));
  const double portY = y + bridgeH + u * 1.5;
  const double portH = kit.boxHeight(2);
  const double hostY = portY + portH + u * 2;
  const double hostH = kit.boxHeight(5);
  double bottom = portY + portH;
  for (qsizetype i = 0; i < ports.size(); ++i) {
    const QString& port = ports.at(i);
    const double x = i * (colW + gap);
    kit.scene()->addLine(QLineF(x + colW / 2, y + bridgeH, x + colW / 2, portY), QPen(colors::text, 2));
    drawSwitchPort(kit, QRectF(x, portY, colW, portH), port);
    if (drawSwitchHost(kit, QRectF(x, hostY, colW, hostH), port, portY + portH)) bottom = hostY + hostH;
  }
  return bottom;
}

void NamespacesPage::drawSwitchPort(SceneKit& kit, const QRectF& rect, const QString& port) {
  const VirtualSwitch& sw = switch_;
  int index = 0;
  QStringList macsHere;
  bool fresh = false;
  for (const FdbEntry& e : fdbOnPort(sw, port, true)) {
    index = e.portIndex;
    if (e.kind == QLatin1String("local")) continue;
    macsHere << e.mac;
    fresh |= sw.fresh.contains(e.mac + QLatin1Char('@') + e.port);
  }
  kit.box(rect, tr("port %1").arg(port),
          {index > 0 ? tr("ifindex %1").arg(index) : QString(),
           macsHere.isEmpty() ? tr("no MAC learned here") : tr("learned %1").arg(macsHere.join(QStringLiteral(", ")))},
          colors::kernel, {}, QStringLiteral("switch:port:%1").arg(port), fresh ? SceneKit::kOutline : 0);
}

// The host behind a port: from the switch document, or (a table alone) the FDB's host names. False: none known.
bool NamespacesPage::drawSwitchHost(SceneKit& kit, const QRectF& rect, const QString& port, double portBottom) {
  const VirtualSwitch& sw = switch_;
  const SwitchHost* host = nullptr;
  for (const SwitchHost& h : sw.hosts) {
    if (h.port == port) host = &h;
  }
  QString hostName;
  if (!host) {
    for (const FdbEntry& e : fdbOnPort(sw, port)) {
      if (!e.host.isEmpty()) hostName = e.host;
    }
  }
  if (!host && hostName.isEmpty()) return false;
  const double centre = rect.x() + rect.width() / 2;
  kit.arrow(QPointF(centre, rect.y()), QPointF(centre, portBottom), colors::text, tr("veth pair"));
  QStringList details;
  if (host) {
    details << QStringLiteral("%1  %2").arg(host->interface, host->mac) << host->address << host->netnsPath;
    if (host->vlan > 0) details.insert(2, tr("access VLAN %1").arg(host->vlan));
    hostName = host->netns;
  } else {
    for (const FdbEntry& e : fdbOnPort(sw, port)) details << e.mac;
  }
  details.prepend(tr("a network namespace"));
  kit.box(rect, tr("host %1").arg(hostName), details, colors::container, {},
          QStringLiteral("switch:host:%1").arg(hostName));
  return true;
}

// The MAC learning table, as the notes print it: MAC → port, with the host that owns the MAC.
double NamespacesPage::drawFdbTable(SceneKit& kit, double tableX, double ty) {
  const double u = kit.unit();
  const VirtualSwitch& sw = switch_;
  kit.label(QPointF(tableX, ty), tr("MAC learning table (FDB of %1)").arg(sw.bridge), 1.1, true);
  ty += u * 1.4;
  kit.label(QPointF(tableX, ty),
            tr("read with RTM_GETNEIGH (AF_BRIDGE) · table %1 · %2").arg(sw.fdbUpdates).arg(sw.fdbTime), 0.8);
  ty += u * 1.3;
  const double macX = tableX, portX = tableX + 190, ownerX = portX + 110, kindX = ownerX + 90, vlanX = kindX + 80;
  kit.label(QPointF(macX, ty), tr("MAC"), 0.9, true);
  kit.label(QPointF(portX, ty), tr("port"), 0.9, true);
  kit.label(QPointF(ownerX, ty), tr("host"), 0.9, true);
  kit.label(QPointF(kindX, ty), tr("kind"), 0.9, true);
  kit.label(QPointF(vlanX, ty), tr("VLAN"), 0.9, true);
  ty += u * 1.2;
  QList<FdbEntry> rows;
  int locals = 0;
  for (const FdbEntry& e : sw.fdb) {
    if (e.kind == QLatin1String("local"))
      ++locals;
    else
      rows << e;
  }
  for (const FdbEntry& e : rows) {
    const bool fresh = sw.fresh.contains(e.mac + QLatin1Char('@') + e.port);
    const QColor color = fresh ? colors::live : colors::text;
    auto* mac = kit.label(QPointF(macX, ty), QStringLiteral("%1  →").arg(e.mac), 0.9, e.isLearned(), color);
    mac->setData(kKeyRole, QStringLiteral("fdb:%1").arg(e.mac));
    kit.label(QPointF(portX, ty), e.port, 0.9, false, color);
    kit.label(QPointF(ownerX, ty), e.host.isEmpty() ? QStringLiteral("-") : e.host, 0.9, false, color);
    const QString kind = e.kind == QLatin1String("learned")  ? tr("learned")
                         : e.kind == QLatin1String("static") ? tr("static")
                                                             : e.kind;
    kit.label(QPointF(kindX, ty), fresh ? tr("%1 (new)").arg(kind) : kind, 0.9, fresh, color);
    kit.label(QPointF(vlanX, ty), e.vlan >= 0 ? QString::number(e.vlan) : QStringLiteral("-"), 0.9, false, color);
    ty += u * 1.1;
  }
  if (rows.isEmpty()) {
    kit.label(QPointF(macX, ty), tr("(empty: no frame has crossed the switch yet; ping between two hosts)"), 0.85);
    ty += u * 1.1;
  }
  ty += u * 0.3;
  ty += kit.paragraph(QPointF(macX, ty), 560,
                      tr("%n local entry(ies) — the ports' own MACs — not listed. The kernel forgets a learned entry "
                         "after the bridge's ageing time (300 s by default) without frames from that MAC.",
                         nullptr, locals),
                      0.8, Qt::darkGray);
  return ty;
}

// The pings that taught the switch (made by `net switch`).
double NamespacesPage::drawSwitchPings(SceneKit& kit, double py) {
  const double u = kit.unit();
  const VirtualSwitch& sw = switch_;
  if (!sw.pings.isEmpty()) {
    kit.label(QPointF(0, py),
              tr("Pings (nsenter-lite net switch / net ping: ICMP echo sent from inside the first host named)"), 0.95,
              true);
    py += u * 1.3;
    for (const SwitchPing& p : sw.pings) {
      QString line = p.ok ? tr("%1 → %2: reply in %3 ms").arg(p.from, p.to).arg(p.rttMs, 0, 'f', 3)
                          : tr("%1 → %2: no reply (nsenter-lite said: %3)").arg(p.from, p.to, p.error);
      // Across VLANs a missing reply is the point of the demo, not a failure.
      if (!p.expected)
        line += p.ok ? tr(" — unexpected: the hosts are in different VLANs") : tr(" — as expected: different VLANs");
      kit.label(QPointF(20, py), line, 0.9, false, p.ok == p.expected ? colors::text : colors::live);
      py += u * 1.1;
    }
  }
  if (sw.kept) {
    kit.label(QPointF(0, py),
              tr("The switch stays up after the command: remove it with \"Remove switch\" or sudo nsenter-lite net "
                 "down."),
              0.85, false, Qt::darkGray);
    py += u * 1.1;
  }
  return py;
}

}  // namespace virtlab::explorer
