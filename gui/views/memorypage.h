// Memory page (pagewalk): a process's VMAs as a map coloured by resident / swapped / file / anonymous pages;
// click a VMA → its first page walked level by level (real indices, pagemap entry, PFN, frame flags);
// demo buttons run `pagewalk demo NAME` and draw each stage's before/after.
#pragma once

#include "models/layers.h"
#include "models/pagewalk.h"
#include "views/page.h"

class QSpinBox;
class QLineEdit;
class QComboBox;

namespace virtlab::explorer {

class MemoryPage : public Page {
  Q_OBJECT
 public:
  explicit MemoryPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("memory"); }
  QString title() const override { return tr("Memory"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override;
  QWidget* createControls(QWidget* parent) override;
  void handleAction(const QString& action) override;
  bool setOption(const QString& key, const QString& value) override;

  void walkAddress(quint64 address);
  void runDemo(const QString& name);
  // pagewalk PID --list --all --range START-END: which frame backs each page of the range.
  void listFrames(quint64 start, quint64 end);

 protected:
  void draw(SceneKit& kit) override;

 private:
  QString take(const QJsonObject& doc) override;
  void run(const QString& purpose, const QStringList& args);
  double drawVmaMap(SceneKit& kit, double x, double y);
  double drawWalk(SceneKit& kit, const PageWalk& walk, double x, double y, double width);
  double drawDemo(SceneKit& kit, double y);
  // Where the frame lies in this machine's physical memory (0 … installed RAM from vmctl info's machine block).
  double drawList(SceneKit& kit, double y);
  double drawListRuns(SceneKit& kit, double y, double width);
  double drawPhysicalMap(SceneKit& kit, const PageWalk& walk, double x, double y, double width);

  qint64 pid_ = 0;
  quint64 pendingAddress_ = 0;  // --address: walked after the summary
  QString pendingDemo_;         // --demo: run instead of the summary on the next refresh
  bool haveSummary_ = false, haveWalk_ = false, haveDemo_ = false, haveList_ = false;
  PageList list_;
  QJsonObject listDoc_;
  MemorySummary summary_;
  PageWalk walk_;
  MemoryDemo demo_;
  QJsonObject summaryDoc_, walkDoc_, demoDoc_;
  MachineInfo machine_;  // from `vmctl info --json` (optional): the extent of the physical-memory map
  QJsonObject machineDoc_;
};

}  // namespace virtlab::explorer
