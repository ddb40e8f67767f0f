// Home page: this machine as a stack of layers (hardware → hypervisor? → host kernel → userland, containers
// and VMs side by side above the kernel), or one of the notes' reference diagrams with the live layer marked.
#pragma once

#include <QMap>

#include "models/layers.h"
#include "views/page.h"

namespace virtlab::explorer {

class LayersPage : public Page {
  Q_OBJECT
 public:
  enum class Diagram { Live, OsKernel, ContainerVsVm, MacDocker, EksNode };

  explicit LayersPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("layers"); }
  QString title() const override { return tr("Layers"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override { return documents_; }
  QWidget* createControls(QWidget* parent) override;
  bool setOption(const QString& key, const QString& value) override;

  void setDiagram(Diagram diagram);
  Diagram diagram() const { return diagram_; }
  const LayerStack& stack() const { return stack_; }

 protected:
  void draw(SceneKit& kit) override;

 private:
  struct Source {
    QString tool;
    QStringList args;
    ToolRunner::Output output;
  };
  static QList<Source> sources();
  void addDocument(const QJsonObject& doc);
  void drawLive(SceneKit& kit);
  // The steps of drawLive(), top to bottom.
  void drawLiveContainers(SceneKit& kit, const QRectF& area, double gap);
  void drawLiveVms(SceneKit& kit, const QRectF& area);
  double drawLiveKernel(SceneKit& kit, double y, double width, double gap);
  double drawLiveHardware(SceneKit& kit, double y, double width, double gap);
  void drawOsKernel(SceneKit& kit);
  void drawContainerVsVm(SceneKit& kit);
  void drawMacDocker(SceneKit& kit);
  void drawEksNode(SceneKit& kit);
  double drawSourceProblems(SceneKit& kit, double y, double width);
  static QStringList containerCgroupLines(const ContainerInfo& c);
  QString kernelLine() const;
  QString hypervisorLine() const;

  Diagram diagram_ = Diagram::Live;
  LayerStack stack_;
  QList<QJsonObject> documents_;
  QMap<QString, QPair<QString, int>> problems_;  // tool → (error, exit code)
  QMap<QString, QString> commands_;              // tool → command line, for "needs root" hints
  bool loaded_ = false;
};

}  // namespace virtlab::explorer
