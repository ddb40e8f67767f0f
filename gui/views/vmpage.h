// VM page (vmctl): the exit timeline and histogram, vCPU registers, emulated vs paravirtual exit counts, and the
// notes' three-step memory translation GVA → GPA → HVA → HPA with real numbers. A booted Linux VM (`vmctl boot`)
// is drawn as the notes' VM column (vmpage_boot.cpp): guest userland → guest kernel → virtual hardware →
// hypervisor, then the boot's exit timeline by phase, the exits per device and the guest process's 2-D walk.
#pragma once

#include "models/vmctl.h"
#include "views/page.h"

namespace virtlab::explorer {

class VmPage : public Page {
  Q_OBJECT
 public:
  explicit VmPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("vm"); }
  QString title() const override { return tr("Virtual machines"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override;
  QWidget* createControls(QWidget* parent) override;
  bool setOption(const QString& key, const QString& value) override;
  void runGuest(const QString& guest);
  void translate();
  void boot();

 protected:
  void draw(SceneKit& kit) override;

 private:
  QString take(const QJsonObject& doc) override;
  void run(const QString& purpose, const QStringList& args);
  double drawInfo(SceneKit& kit, double y);
  double drawRun(SceneKit& kit, double y);
  // The steps of drawRun(): each returns the y below what it drew.
  double drawExitHistogram(SceneKit& kit, double top);
  double drawExitTimeline(SceneKit& kit, double top);
  double drawIoPhases(SceneKit& kit, double y);
  double drawTranslate(SceneKit& kit, double y);
  double drawChain(SceneKit& kit, const TranslationChain& chain, double y);
  // The steps of drawBoot() (vmpage_boot.cpp): each returns the y below what it drew.
  double drawBoot(SceneKit& kit, double y);
  double drawBootColumn(SceneKit& kit, double y);
  double drawBootHardware(SceneKit& kit, double y);
  double drawBootTimeline(SceneKit& kit, double y);
  double drawBootDevices(SceneKit& kit, double y);
  double drawBootWalk(SceneKit& kit, double y);

  QString guest_;  // --guest: run after info
  bool haveInfo_ = false, haveRun_ = false, haveTranslate_ = false, haveBoot_ = false;
  MachineInfo machine_;
  KvmInfo kvm_;
  VmRun run_;
  VmTranslate translate_;
  VmBoot boot_;
  QJsonObject infoDoc_, runDoc_, translateDoc_, bootDoc_;
};

}  // namespace virtlab::explorer
