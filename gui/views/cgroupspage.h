// Cgroups page (cgtop --json stream): the tree with live bars for CPU, memory and I/O against their limits,
// throttle and OOM markers; a panel runs a command under limits (`cgtop run`) and shows what happened.
#pragma once

#include "models/cgtop.h"
#include "views/page.h"

namespace virtlab::explorer {

class CgroupsPage : public Page {
  Q_OBJECT
 public:
  explicit CgroupsPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("cgroups"); }
  QString title() const override { return tr("Cgroups"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override;
  QWidget* createControls(QWidget* parent) override;
  // cgtop run --cpu CPU --memory MEM --pids PIDS -- COMMAND… (empty limits are left out)
  void runLimited(const QStringList& command, const QString& cpu, const QString& memory, const QString& pids);

 protected:
  void draw(SceneKit& kit) override;

 private:
  QString take(const QJsonObject& doc) override;
  double drawTree(SceneKit& kit, const CgroupSnapshot& snapshot, double y, int maxRows);
  // What happened in a `cgtop run`, as sentences built from the report's numbers (translated by tr()).
  static QStringList runVerdict(const CgroupRunReport& report);

  bool live_ = false;  // GUI: keep streaming until cancelled; headless: two refreshes
  bool haveTree_ = false, haveRunSample_ = false, haveReport_ = false;
  CgroupSnapshot tree_, runSample_;
  CgroupRunReport report_;
  QJsonObject treeDoc_;
  QList<QJsonObject> runDocs_;
};

}  // namespace virtlab::explorer
