#include "views/namespacespage.h"

#include <QSet>
#include <algorithm>
#include <functional>

namespace explorer {

namespace {
const QStringList kKinds{QStringLiteral("pid"),    QStringLiteral("net"), QStringLiteral("mnt"),
                         QStringLiteral("uts"),    QStringLiteral("ipc"), QStringLiteral("user"),
                         QStringLiteral("cgroup"), QStringLiteral("time")};
const QStringList kLsArgs{QStringLiteral("ls"), QStringLiteral("--json")};
}  // namespace

NamespacesPage::NamespacesPage(QObject* parent) : Page(parent) {}

QString NamespacesPage::take(const QJsonObject& doc) {
  NamespaceListing listing;
  QString error;
  if (!parseNamespaceListing(doc, &listing, &error)) return error;
  listing_ = listing;
  have_ = true;
  documents_ = {doc};
  return {};
}

void NamespacesPage::refresh() {
  runTool(QStringLiteral("nsenter-lite"), QStringLiteral("nsenter-lite"), kLsArgs);
}

QString NamespacesPage::replay(const QList<QJsonObject>& documents) {
  have_ = false;
  return replayTool(
      documents, QStringLiteral("nsenter-lite"), [this] { return have_; },
      tr("no nsenter-lite ls document in this file"));
}

void NamespacesPage::draw(SceneKit& kit) {
  const double width = 1300;
  const double u = kit.unit();
  double y = 0;
  kit.label(QPointF(0, y), tr("Namespaces: who sees which world"), 1.5, true);
  y += u * 2;
  y = drawProblem(kit, QPointF(0, y), width);
  if (!have_) {
    if (problem_.text.isEmpty()) {
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
  kit.paragraph(QPointF(0, y), width,
                tr("%1 namespaces on %2. The host's are PID 1's (green); every other namespace isolates something. "
                   "Containers (teal, red outline) are processes with their own pid namespace or several own kinds: "
                   "%3 found.")
                    .arg(listing_.namespaces.size())
                    .arg(listing_.hostname)
                    .arg(containers),
                0.95);
  y += u * 2.6;
  if (listing_.unreadableProcesses > 0) {
    y = drawProblem(kit, QPointF(0, y), width,
                    tr("%n process(es) could not be read (permission denied): their namespaces are missing.", nullptr,
                       listing_.unreadableProcesses),
                    4, ToolRunner::commandLine(QStringLiteral("nsenter-lite"), kLsArgs)) +
        8;
  }

  // One row per kind: its namespaces side by side, the host's first.
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

  // Processes grouped by the namespaces they do not share with the host.
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
  y = rowY + kit.boxHeight(2) + u;

  // The user-namespace ownership tree: each user namespace and the namespaces it owns (NS_GET_USERNS).
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
}

}  // namespace explorer
