// Notes 001: the VMware NIC stack with its virtual switch (001#6) and NAT mode with its table (001#12).
#include <QJsonArray>
#include <algorithm>

#include "views/notes/notesdata.h"
#include "views/notespage.h"

namespace virtlab::explorer {

using notes::at;

namespace {

// The NAT table's rows as one item (nat:table), for a lecture step to outline; drawn behind them, invisible.
void tableArea(SceneKit& kit, const QRectF& rect) {
  auto* area = kit.scene()->addRect(rect, QPen(Qt::NoPen));
  area->setZValue(-1);
  area->setData(kKeyRole, QStringLiteral("nat:table"));
}

}  // namespace

void NotesPage::drawVmNicStack(SceneKit& kit) {
  double y =
      drawHeader(kit, tr("Hardware virtualization: one physical NIC, many virtual ones"), QStringLiteral("001#6"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QJsonObject* sw = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("net switch"));
  QString physical;
  if (info) {
    for (const auto& n : at(*info, QStringLiteral("info.machine.nics")).toArray()) {
      if (n[QStringLiteral("virtual")].toBool()) continue;
      physical = tr("%1 %2, driver %3")
                     .arg(n[QStringLiteral("name")].toString(), n[QStringLiteral("mac")].toString(),
                          n[QStringLiteral("driver")].toString());
      break;
    }
  }
  if (physical.isEmpty())
    physical = missing(tr("the physical NIC"), QStringLiteral("vmctl info --json → info.machine.nics"));
  // Left: the host's own stack, top to bottom.
  const double lw = 420, h = kit.boxHeight(1);
  const QList<QPair<QString, QString>> host{{tr("Process"), tr("user mode")},
                                            {tr("File - Socket"), tr("the system-call boundary")},
                                            {tr("TCP/IP"), tr("kernel mode: Linux %1").arg(hostKernel())},
                                            {tr("Network driver"), physical}};
  double hy = y;
  kit.label(QPointF(0, hy), tr("Host"), 1.1, true);
  hy += u * 1.5;
  for (int i = 0; i < host.size(); ++i) {
    kit.box(QRectF(0, hy, lw, h), host.at(i).first, {host.at(i).second}, i < 2 ? colors::userland : colors::kernel, {},
            QStringLiteral("nic:host:%1").arg(i));
    hy += h;
    if (i + 1 < host.size()) {
      kit.arrow(QPointF(lw / 2, hy + 2), QPointF(lw / 2, hy + 16));
      hy += 18;
    }
  }
  // Right: the guests (here: hosts in network namespaces) on the virtual switch (here: a Linux bridge).
  const double gx = 520, gw = 680;
  double gy = y;
  kit.label(QPointF(gx, gy), tr("Guests on a virtual switch"), 1.1, true);
  gy += u * 1.5;
  const QJsonArray hosts = sw ? sw->value(QStringLiteral("hosts")).toArray() : QJsonArray();
  const double each = hosts.isEmpty() ? gw : (gw - 10 * (hosts.size() - 1)) / hosts.size();
  const double gh = kit.boxHeight(3);
  if (hosts.isEmpty()) {
    kit.box(QRectF(gx, gy, gw, gh), tr("Guest OS (user mode / kernel mode / virtual hardware)"),
            {missing(tr("the guests' vNICs"), QStringLiteral("nsenter-lite net switch --hosts 2 --json → hosts[]"))},
            colors::muted, {}, QStringLiteral("nic:guest"));
  }
  for (int i = 0; i < hosts.size(); ++i) {
    const QJsonObject g = hosts.at(i).toObject();
    kit.box(QRectF(gx + i * (each + 10), gy, each, gh),
            tr("Guest %1 (network namespace)").arg(g.value(QStringLiteral("netns")).toString()),
            {tr("vNIC %1 %2")
                 .arg(g.value(QStringLiteral("interface")).toString(), g.value(QStringLiteral("mac")).toString()),
             tr("address %1").arg(g.value(QStringLiteral("address")).toString()),
             tr("switch port %1 (veth pair)").arg(g.value(QStringLiteral("port")).toString())},
            colors::vm, QStringLiteral("open:namespaces"), QStringLiteral("nic:guest:%1").arg(i));
    kit.arrow(QPointF(gx + i * (each + 10) + each / 2, gy + gh + 2),
              QPointF(gx + i * (each + 10) + each / 2, gy + gh + 26));
  }
  gy += gh + 30;
  const QString bridge = sw ? sw->value(QStringLiteral("bridge")).toString() : QString();
  const double sh = kit.boxHeight(2);
  kit.box(
      QRectF(gx, gy, gw, sh),
      tr("Virtual switch (VMware: vSwitch; here: Linux bridge %1)").arg(bridge.isEmpty() ? tr("—") : bridge),
      {sw ? tr("%n MAC address(es) in its learning table", nullptr, sw->value(QStringLiteral("fdb")).toArray().size())
          : missing(tr("the switch"), QStringLiteral("nsenter-lite net switch --json")),
       tr("not connected to the physical NIC here (no uplink port)")},
      colors::kernel, QStringLiteral("open:namespaces"), QStringLiteral("nic:switch"));
  gy += sh;
  y = std::max(hy, gy) + u;
  kit.arrow(QPointF(lw / 2, hy + 2), QPointF(lw / 2, y - 2));
  const double ph = kit.boxHeight(1);
  kit.box(QRectF(0, y, gx + gw, ph), tr("Physical NIC (the real network card)"), {physical}, colors::hardware, {},
          QStringLiteral("nic:physical"), info ? SceneKit::kOutline : 0);
  drawFooter(kit, y + ph + u);
}

void NotesPage::drawNatTable(SceneKit& kit) {
  double y = drawHeader(kit, tr("NAT mode: a private network behind the host"), QStringLiteral("001#12"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QJsonObject* sw = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("net switch"));
  // A real NAT (net switch --mode nat, net nat): drawn from it. Older recordings (a host-only switch) below.
  const QJsonObject* natSwitch =
      sw && sw->value(QStringLiteral("mode")).toString() == QLatin1String("nat") ? sw : nullptr;
  const QJsonObject* natTable =
      find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("net nat"));
  if (natSwitch || natTable) {
    drawRealNat(kit, y, natSwitch, natTable);
    return;
  }
  QString nic;
  if (info) {
    for (const auto& n : at(*info, QStringLiteral("info.machine.nics")).toArray()) {
      if (!n[QStringLiteral("virtual")].toBool()) {
        nic = n[QStringLiteral("name")].toString();
        break;
      }
    }
  }
  const QString hostAddress =
      notMeasured(tr("the host's external address"), tr("vmctl info --json lists the NICs without their addresses"));
  const double h = kit.boxHeight(1), w = 300;
  // Internet ← Router ← Physical PC, then the virtual router with the VMs.
  const QStringList chain{tr("Internet"), tr("Router"), tr("Physical PC (host)")};
  const QStringList chainDetails{QString(), notMeasured(tr("the router"), tr("no tool reads the default gateway")),
                                 tr("%1, address %2").arg(nic.isEmpty() ? tr("NIC —") : nic, hostAddress)};
  for (int i = 0; i < chain.size(); ++i) {
    kit.box(QRectF(i * (w + 60), y, w, h), chain.at(i), {chainDetails.at(i)}, i == 2 ? colors::kernel : colors::muted,
            {}, QStringLiteral("nat:chain:%1").arg(i), i == 2 && info ? SceneKit::kThisMachine : 0);
    if (i > 0) kit.arrow(QPointF(i * (w + 60) - 4, y + h / 2), QPointF(i * (w + 60) - 56, y + h / 2));
  }
  y += h + 10;
  const double rx = 2 * (w + 60);
  kit.arrow(QPointF(rx + w / 2, y + 24), QPointF(rx + w / 2, y + 2));
  y += 28;
  const QString mode = sw ? sw->value(QStringLiteral("mode")).toString() : QString();
  kit.box(QRectF(rx, y, w, h), tr("Virtual router (NAT)"),
          {sw ? tr("here: bridge %1 (mode %2), no NAT").arg(sw->value(QStringLiteral("bridge")).toString(), mode)
              : missing(tr("the private network"), QStringLiteral("nsenter-lite net switch --json"))},
          colors::hypervisor, QStringLiteral("open:namespaces"), QStringLiteral("nat:router"));
  y += h + 8;
  const QJsonArray hosts = sw ? sw->value(QStringLiteral("hosts")).toArray() : QJsonArray();
  for (int i = 0; i < hosts.size(); ++i) {
    const QJsonObject g = hosts.at(i).toObject();
    kit.scene()->addLine(rx + 20, y - 8, rx + 20, y + h / 2, QPen(colors::text, 1.5));
    kit.scene()->addLine(rx + 20, y + h / 2, rx + 50, y + h / 2, QPen(colors::text, 1.5));
    kit.box(QRectF(rx + 50, y, w + 100, h),
            tr("VM%1 (%2)").arg(i + 1).arg(g.value(QStringLiteral("address")).toString()),
            {tr("network namespace %1").arg(g.value(QStringLiteral("netns")).toString())}, colors::vm, {},
            QStringLiteral("nat:vm:%1").arg(i + 1));
    y += h + 6;
  }
  y += u;
  y = drawNatTableRows(kit, y, hosts);
  drawFooter(kit, y + u);
}

// The NAT table: the private side is real; the translation needs the NAT switch's documents.
double NotesPage::drawNatTableRows(SceneKit& kit, double y, const QJsonArray& hosts) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("NAT table"), 1.1, true);
  y += u * 1.5;
  const QStringList header{tr("Internal IP:Port"), tr("→"), tr("External IP:Port"), tr("State")};
  const QList<double> cols{0, 320, 380, 700};
  for (int c = 0; c < header.size(); ++c) kit.label(QPointF(cols.at(c), y), header.at(c), 0.95, true);
  y += u * 1.3;
  kit.scene()->addLine(0, y, 860, y, QPen(colors::text, 1));
  y += 4;
  const double rowsTop = y;
  // This recording has no NAT: the router's conntrack (nsenter-lite net nat) would give the rows.
  for (int i = 0; i < std::max<qsizetype>(1, hosts.size()); ++i) {
    const QString address =
        i < hosts.size() ? hosts.at(i)[QStringLiteral("address")].toString().section(QLatin1Char('/'), 0, 0) : tr("—");
    const QStringList cells{
        QStringLiteral("%1:%2").arg(address,
                                    missing(tr("ports"), QStringLiteral("nsenter-lite net nat --json → conntrack[]"))),
        tr("→"), QStringLiteral("%1:%2").arg(tr("—"), tr("—")),
        missing(tr("state"), QStringLiteral("nsenter-lite net nat --json → conntrack[].state"))};
    for (int c = 0; c < cells.size(); ++c) kit.label(QPointF(cols.at(c), y), cells.at(c), 0.95);
    y += u * 1.2;
  }
  tableArea(kit, QRectF(-4, rowsTop - 2, 868, y - rowsTop + 2));
  return y;
}

namespace {
constexpr double kRealNatTableWidth = 1100;  // the real NAT's table and the paragraphs under it
}  // namespace

// The notes' NAT mode on a real NAT: `net switch --mode nat` (the hosts, the router namespace with the gateway and the
// nft masquerade rule, the outside namespace) and `net nat` (the router's conntrack: the NAT table). The notes' chain
// Internet ← Router ← Physical PC becomes the outside namespace ← (no router: a cable) ← the router's outside address.
void NotesPage::drawRealNat(SceneKit& kit, double y, const QJsonObject* sw, const QJsonObject* table) {
  const double u = kit.unit();
  const QString switchCommand = QStringLiteral("nsenter-lite net switch --mode nat --hosts 2 --json");
  const QJsonObject nat = sw ? sw->value(QStringLiteral("nat")).toObject() : QJsonObject();
  const NatNames n = realNatNames(nat, table, switchCommand);

  // Internet ← Router ← Physical PC, as in the notes.
  const double w = 380, gap = 60, h = kit.boxHeight(2);
  const QStringList chain{tr("Internet"), tr("Router"), tr("Public side (notes: Physical PC)")};
  const QList<QStringList> chainDetails{
      {tr("here: the outside namespace %1 at %2").arg(n.outsideNetns, n.outside),
       tr("no route to the private network (only via the NAT)")},
      {tr("not here: a cable runs straight from %1 to %2").arg(n.cable, n.outsideNetns)},
      {tr("%1 %2 in the router's namespace %3").arg(n.cable, n.publicAddress, n.routerNetns),
       tr("what the outside sees: the external address of the NAT table")}};
  const QList<QColor> chainColors{colors::kernel, colors::muted, colors::hypervisor};
  for (int i = 0; i < chain.size(); ++i) {
    kit.box(QRectF(i * (w + gap), y, w, h), chain.at(i), chainDetails.at(i), chainColors.at(i),
            i == 1 ? QString() : QStringLiteral("open:namespaces"), QStringLiteral("nat:chain:%1").arg(i));
    if (i > 0) kit.arrow(QPointF(i * (w + gap) - 4, y + h / 2), QPointF(i * (w + gap) - gap + 4, y + h / 2));
  }
  y += h + 10;
  const double publicX = 2 * (w + gap) + w / 2;
  kit.arrow(QPointF(publicX, y + 24), QPointF(publicX, y + 2));
  y += 28;
  const double top = y;

  // The virtual router: the router namespace with the bridge, the gateway and the masquerade rule.
  const double rx = 560, rw = 2 * (w + gap) + w - rx;
  const QStringList router = natRouterLines(sw, nat, table, n);
  kit.box(QRectF(rx, y, rw, kit.boxHeight(static_cast<int>(router.size()))), tr("Virtual router (NAT)"), router,
          colors::hypervisor, QStringLiteral("open:namespaces"), QStringLiteral("nat:router"));
  y += kit.boxHeight(static_cast<int>(router.size())) + 8;

  y = drawNatHosts(kit, y, QRectF(rx, 0, rw, 0), sw, nat, n.gateway, switchCommand);

  // The rows: the table's own when `net nat` read it, else the one the switch read right after its traffic.
  const bool fromTable = table && !table->value(QStringLiteral("conntrack")).toArray().isEmpty();
  const QJsonArray rows = fromTable ? table->value(QStringLiteral("conntrack")).toArray()
                                    : nat.value(QStringLiteral("conntrack")).toArray();
  // Left of the router: how an answer finds its way back, told with a translated flow (the TCP one when there is).
  QJsonObject flow;
  for (const auto& r : rows) {
    if (!r[QStringLiteral("translated")].toBool()) continue;
    if (flow.isEmpty() || r[QStringLiteral("protocol")].toString() == QLatin1String("tcp")) flow = r.toObject();
  }
  if (!flow.isEmpty()) {
    const double ph = kit.paragraph(
        QPointF(0, top), rx - 40,
        tr("A %1 packet from %2 to %3: on the way out the router rewrites its source to %4 and notes the pair in its "
           "conntrack table. %3 answers %4 (it has no route to the private network); the router finds the row and "
           "sends the answer back to %2.")
            .arg(flow.value(QStringLiteral("protocol")).toString().toUpper(),
                 flow.value(QStringLiteral("internal")).toString(), flow.value(QStringLiteral("remote")).toString(),
                 flow.value(QStringLiteral("external")).toString()),
        0.9);
    y = std::max(y, top + ph);
  }
  y += u;

  y = drawConntrackRows(kit, y, rows, fromTable, n.routerNetns, n.publicAddress);
  y = drawNatDown(kit, y);
  drawFooter(kit, y + u);
}

// The real NAT's names and addresses: from the switch's nat object, else the table's, else "—" with where
// they come from.
NotesPage::NatNames NotesPage::realNatNames(const QJsonObject& nat, const QJsonObject* table,
                                            const QString& switchCommand) {
  const auto address = [](const QJsonValue& cidr) { return cidr.toString().section(QLatin1Char('/'), 0, 0); };
  // A field of the switch's nat object, or "—" with where it comes from.
  const auto natField = [&](const char* field, const QString& what) {
    const QString v = address(nat.value(QLatin1String(field)));
    return v.isEmpty() ? missing(what, QStringLiteral("%1 → nat.%2").arg(switchCommand, QLatin1String(field))) : v;
  };
  NatNames n;
  n.publicAddress = address(nat.value(QStringLiteral("router_outside_address")));
  if (n.publicAddress.isEmpty() && table)
    n.publicAddress = address(table->value(QStringLiteral("router_outside_address")));
  if (n.publicAddress.isEmpty())
    n.publicAddress = natField("router_outside_address", tr("the router's outside address"));
  n.routerNetns = nat.value(QStringLiteral("router_netns")).toString();
  if (n.routerNetns.isEmpty() && table) n.routerNetns = table->value(QStringLiteral("router_netns")).toString();
  if (n.routerNetns.isEmpty()) n.routerNetns = tr("—");
  n.outsideNetns = natField("outside_netns", tr("the outside namespace"));
  n.outside = natField("outside_address", tr("the outside peer"));
  n.cable = natField("router_outside_interface", tr("the router's outside interface"));
  n.gateway = natField("gateway", tr("the gateway"));
  return n;
}

// The virtual router: the router namespace with the bridge, the gateway and the masquerade rule.
QStringList NotesPage::natRouterLines(const QJsonObject* sw, const QJsonObject& nat, const QJsonObject* table,
                                      const NatNames& n) {
  QStringList router;
  if (sw) {
    router << tr("namespace %1: bridge %2 with the gateway %3, ip_forward = %4")
                  .arg(n.routerNetns, sw->value(QStringLiteral("bridge")).toString(), n.gateway,
                       nat.value(QStringLiteral("ip_forward")).toBool() ? QStringLiteral("1") : QStringLiteral("0"));
  } else {
    router << tr("namespace %1").arg(n.routerNetns);
  }
  QJsonObject rule = nat.value(QStringLiteral("nft")).toObject();
  qint64 handle = rule.value(QStringLiteral("rule")).toObject().value(QStringLiteral("handle")).toInteger(-1);
  if (table && !table->value(QStringLiteral("nft_rules")).toArray().isEmpty()) {
    const QJsonObject first = table->value(QStringLiteral("nft_rules")).toArray().first().toObject();
    if (rule.isEmpty()) rule = first;
    handle = first.value(QStringLiteral("handle")).toInteger(handle);
  }
  if (rule.isEmpty()) {
    router << missing(tr("the nft rule"), QStringLiteral("nsenter-lite net nat --json → nft_rules"));
  } else {
    router << tr("nftables: table %1 %2, chain %3 (hook postrouting)")
                  .arg(rule.value(QStringLiteral("family")).toString(), rule.value(QStringLiteral("table")).toString(),
                       rule.value(QStringLiteral("chain")).toString())
           << tr("rule %1: oifname \"%2\" masquerade — the source becomes %3")
                  .arg(handle >= 0 ? QString::number(handle) : tr("—"), n.cable, n.publicAddress);
  }
  return router;
}

// What `net down` removed afterwards, when the recording has it.
double NotesPage::drawNatDown(SceneKit& kit, double y) {
  const QJsonObject* down = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("net down"));
  if (down) {
    QStringList removed;
    for (const auto& r : down->value(QStringLiteral("removed")).toArray()) {
      removed << r[QStringLiteral("name")].toString();
    }
    y += kit.paragraph(QPointF(0, y), kRealNatTableWidth,
                       tr("Afterwards nsenter-lite net down removed: %1")
                           .arg(removed.isEmpty() ? tr("nothing") : removed.join(QStringLiteral(", "))),
                       0.85);
  }
  return y;
}

// The VMs of the real NAT: hosts in network namespaces on the private network, each with its ping through the NAT
// (and h1's TCP connection). `column` gives the x and width of the router's column. Returns the y below them.
double NotesPage::drawNatHosts(SceneKit& kit, double y, const QRectF& column, const QJsonObject* sw,
                               const QJsonObject& nat, const QString& gateway, const QString& switchCommand) {
  const double rx = column.x(), rw = column.width();
  const QJsonArray hosts = sw ? sw->value(QStringLiteral("hosts")).toArray() : QJsonArray();
  if (hosts.isEmpty()) {
    kit.box(QRectF(rx + 50, y, rw - 50, kit.boxHeight(1)), tr("VM1, VM2"),
            {missing(tr("the private network"), QStringLiteral("%1 → hosts[]").arg(switchCommand))}, colors::muted, {},
            QStringLiteral("nat:vm:1"));
    y += kit.boxHeight(1) + 6;
  }
  const QJsonObject tcp = nat.value(QStringLiteral("tcp")).toObject();
  for (int i = 0; i < hosts.size(); ++i) {
    const QJsonObject g = hosts.at(i).toObject();
    const QString netns = g.value(QStringLiteral("netns")).toString();
    QStringList lines{tr("network namespace %1, default route via %2").arg(netns, gateway)};
    for (const auto& p : nat.value(QStringLiteral("outside_pings")).toArray()) {
      if (p[QStringLiteral("from")].toString() != netns) continue;
      lines << (p[QStringLiteral("ok")].toBool()
                    ? tr("ping %1: answered in %2 ms")
                          .arg(p[QStringLiteral("to")].toString())
                          .arg(p[QStringLiteral("rtt_ms")].toDouble(), 0, 'f', 2)
                    : tr("ping %1: no answer (%2)")
                          .arg(p[QStringLiteral("to")].toString(), p[QStringLiteral("error")].toString()));
    }
    if (tcp.value(QStringLiteral("from")).toString() == netns) {
      lines << (tcp.value(QStringLiteral("ok")).toBool() ? tr("TCP to %1: the outside saw %2")
                                                               .arg(tcp.value(QStringLiteral("to")).toString(),
                                                                    tcp.value(QStringLiteral("peer_seen")).toString())
                                                         : tr("TCP to %1: failed (%2)")
                                                               .arg(tcp.value(QStringLiteral("to")).toString(),
                                                                    tcp.value(QStringLiteral("error")).toString()));
    }
    const double vh = kit.boxHeight(static_cast<int>(lines.size()));
    kit.scene()->addLine(rx + 20, y - 8, rx + 20, y + vh / 2, QPen(colors::text, 1.5));
    kit.scene()->addLine(rx + 20, y + vh / 2, rx + 50, y + vh / 2, QPen(colors::text, 1.5));
    kit.box(QRectF(rx + 50, y, rw - 50, vh),
            tr("VM%1 (%2)").arg(i + 1).arg(g.value(QStringLiteral("address")).toString()), lines, colors::vm,
            QStringLiteral("open:namespaces"), QStringLiteral("nat:vm:%1").arg(i + 1));
    y += vh + 6;
  }
  return y;
}

// The NAT table of the real NAT: the notes' columns (internal → external, state) plus protocol, remote and timeout,
// from the router's conntrack rows. Returns the y below the table and its legend.
double NotesPage::drawConntrackRows(SceneKit& kit, double y, const QJsonArray& rows, bool fromTable,
                                    const QString& routerNetns, const QString& publicAddress) {
  const double u = kit.unit();
  kit.label(QPointF(0, y), tr("NAT table"), 1.1, true);
  kit.label(QPointF(160, y + 3),
            fromTable ? tr("the router's conntrack (namespace %1), read by nsenter-lite net nat").arg(routerNetns)
                      : tr("the router's conntrack (namespace %1), read by nsenter-lite net switch").arg(routerNetns),
            0.85);
  y += u * 1.5;
  const QStringList header{tr("Protocol"), tr("Internal IP:Port"), tr("→"), tr("External IP:Port"), tr("Remote"),
                           tr("State"),    tr("Timeout")};
  const QList<double> cols{0, 110, 330, 380, 600, 820, 980};
  for (int c = 0; c < header.size(); ++c) kit.label(QPointF(cols.at(c), y), header.at(c), 0.95, true);
  y += u * 1.3;
  kit.scene()->addLine(0, y, kRealNatTableWidth, y, QPen(colors::text, 1));
  y += 4;
  const double rowsTop = y;
  if (rows.isEmpty()) {
    kit.label(QPointF(0, y), tr("no entries: every flow's timeout had ended (ICMP 30 s, TCP TIME_WAIT 120 s)"), 0.95);
    y += u * 1.2;
  }
  const int shown = static_cast<int>(std::min<qsizetype>(rows.size(), 12));
  for (int i = 0; i < shown; ++i) {
    const QJsonObject r = rows.at(i).toObject();
    const bool translated = r.value(QStringLiteral("translated")).toBool();
    auto* band = kit.scene()->addRect(QRectF(-4, y - 1, kRealNatTableWidth + 8, u * 1.15), QPen(Qt::NoPen),
                                      QBrush(translated ? colors::hypervisor.lighter(112) : QColor(0xf5, 0xf5, 0xf5)));
    band->setData(kKeyRole, QStringLiteral("nat:row:%1").arg(i + 1));
    const QStringList cells{r.value(QStringLiteral("protocol")).toString(),
                            r.value(QStringLiteral("internal")).toString(),
                            translated ? tr("→") : QStringLiteral("="),
                            r.value(QStringLiteral("external")).toString(),
                            r.value(QStringLiteral("remote")).toString(),
                            r.value(QStringLiteral("state")).toString(),
                            QStringLiteral("%1 s").arg(r.value(QStringLiteral("timeout")).toInteger())};
    for (int c = 0; c < cells.size(); ++c) kit.label(QPointF(cols.at(c), y), cells.at(c), 0.95, c == 3 && translated);
    y += u * 1.2;
  }
  if (rows.size() > shown) {
    kit.label(QPointF(0, y), tr("… %1 more rows").arg(rows.size() - shown), 0.85);
    y += u * 1.2;
  }
  tableArea(kit, QRectF(-4, rowsTop - 2, kRealNatTableWidth + 8, y - rowsTop + 2));
  y += 6;
  y += kit.paragraph(QPointF(0, y), kRealNatTableWidth,
                     tr("→: masqueraded to the router's outside address %1. =: seen by the router but not translated "
                        "(host to host across the bridge, the bridge's own reports). For ICMP the echo id is the "
                        "port. Rows leave when their timeout ends.")
                         .arg(publicAddress),
                     0.85);
  return y;
}

}  // namespace virtlab::explorer
