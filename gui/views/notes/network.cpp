// Notes 001: the VMware NIC stack with its virtual switch (001#6) and NAT mode with its table (001#12).
#include <QJsonArray>

#include "views/notes/notesdata.h"
#include "views/notespage.h"

namespace explorer {

using notes::at;

void NotesPage::drawVmNicStack(SceneKit& kit) {
  double y =
      drawHeader(kit, tr("Hardware virtualization: one physical NIC, many virtual ones"), QStringLiteral("001#6"));
  const double u = kit.unit();
  const QJsonObject* info = find(QStringLiteral("vmctl"), QStringLiteral("command"), QStringLiteral("info"));
  const QJsonObject* sw = find(QStringLiteral("nsenter-lite"), QStringLiteral("command"), QStringLiteral("net switch"));
  QString physical;
  if (info) {
    for (const QJsonValue& n : at(*info, QStringLiteral("info.machine.nics")).toArray()) {
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
  QString nic;
  if (info) {
    for (const QJsonValue& n : at(*info, QStringLiteral("info.machine.nics")).toArray()) {
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
  // The NAT table: the private side is real; the translation needs a NAT (conntrack) nobody sets up here.
  kit.label(QPointF(0, y), tr("NAT table"), 1.1, true);
  y += u * 1.5;
  const QStringList header{tr("Internal IP:Port"), tr("→"), tr("External IP:Port"), tr("State")};
  const QList<double> cols{0, 320, 380, 700};
  for (int c = 0; c < header.size(); ++c) kit.label(QPointF(cols.at(c), y), header.at(c), 0.95, true);
  y += u * 1.3;
  kit.scene()->addLine(0, y, 860, y, QPen(colors::text, 1));
  y += 4;
  const QString conntrack = tr("no virtlab tool sets up NAT or reads the conntrack table (/proc/net/nf_conntrack) yet");
  for (int i = 0; i < std::max<qsizetype>(1, hosts.size()); ++i) {
    const QString address =
        i < hosts.size() ? hosts.at(i)[QStringLiteral("address")].toString().section(QLatin1Char('/'), 0, 0) : tr("—");
    const QStringList cells{QStringLiteral("%1:%2").arg(address, notMeasured(tr("ports"), conntrack)), tr("→"),
                            QStringLiteral("%1:%2").arg(tr("—"), tr("—")), notMeasured(tr("state"), conntrack)};
    for (int c = 0; c < cells.size(); ++c) kit.label(QPointF(cols.at(c), y), cells.at(c), 0.95);
    y += u * 1.2;
  }
  drawFooter(kit, y + u);
}

}  // namespace explorer
