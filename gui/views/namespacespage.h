// Namespaces page (nsenter-lite ls): every namespace per kind with its processes, the host's (PID 1's) apart
// from the rest, containers highlighted, and the user-namespace ownership tree. Below it the virtual switch
// (nsenter-lite net switch / net fdb): bridge, ports, hosts (netns + veth) and the live MAC learning table.
#pragma once

#include <QSet>

#include "models/namespaces.h"
#include "models/vswitch.h"
#include "views/page.h"

namespace virtlab::explorer {

class NamespacesPage : public Page {
  Q_OBJECT
 public:
  explicit NamespacesPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("namespaces"); }
  QString title() const override { return tr("Namespaces"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override;
  QWidget* createControls(QWidget* parent) override;
  // Live switch actions (the window's buttons): build a switch of `hosts` hosts and watch its table, one ping,
  // remove every vl-* object. Each runs nsenter-lite with an argument list.
  void buildSwitch(int hosts);
  void pingHosts(const QString& from, const QString& to);
  void removeSwitch();

 protected:
  void draw(SceneKit& kit) override;

 private:
  QString take(const QJsonObject& doc) override;
  // The steps of draw(): each draws one part below y and returns the y under it.
  double drawListingSummary(SceneKit& kit, double y, double width, int containers);
  double drawNamespaceKinds(SceneKit& kit, double y, double width, const QSet<qint64>& containerNs);
  double drawGroups(SceneKit& kit, double y, const QList<NamespaceGroup>& groups);
  double drawUserTree(SceneKit& kit, double y);
  double drawSwitch(SceneKit& kit, double y, double width);
  double drawNoSwitch(SceneKit& kit, double y, double width);
  double drawSwitchIntro(SceneKit& kit, double y, double width);
  double drawSwitchTopology(SceneKit& kit, double y, const QStringList& ports, double topoW);
  void drawSwitchPort(SceneKit& kit, const QRectF& rect, const QString& port);
  bool drawSwitchHost(SceneKit& kit, const QRectF& rect, const QString& port, double portBottom);
  double drawFdbTable(SceneKit& kit, double tableX, double ty);
  double drawSwitchPings(SceneKit& kit, double py);
  // `net fdb --watch --json` on the switch's bridge: the table redraws whenever the kernel's FDB changes.
  void watchFdb();

  NamespaceListing listing_;
  bool have_ = false;
  QJsonObject lsDocument_;
  VirtualSwitch switch_;
  bool haveSwitch_ = false;
  bool switchAbsent_ = false;                 // live: `net fdb` found no bridge (exit 3): offer to build one
  bool live_ = false;                         // a window (controls exist): keep watching the table
  QJsonObject switchDocument_, fdbDocument_;  // the latest of each, for record()
  QList<QJsonObject> pingDocuments_;          // `net ping` runs since the switch document
};

}  // namespace virtlab::explorer
