// Notes page: the course notes' diagrams that no other page draws (lectures/diagrams.json lists them: the page-fault
// flow, the LRU table, the ESXi structure, type 1 vs hosted hypervisors, CPU time slices, disk files and snapshots,
// the Docker Engine flow, the VM vs container table, the NAT table, …). Each is drawn with the note's own boxes and
// arrows, and this machine's numbers from tool documents in place of the notes' examples. Where no document has a
// number, the diagram shows "—" and says which tool and field would give it. Option: diagram=<name> (diagramNames()).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include "views/page.h"

namespace virtlab::explorer {

class NotesPage : public Page {
  Q_OBJECT
 public:
  // One command that feeds a diagram live.
  struct Feed {
    QString tool;
    QStringList args;
    bool stream = false;   // JSON Lines while it runs (cgtop run: its exit status is the command's own)
    bool cleanup = false;  // removes what the earlier feeds made (net down): runs also when the others are cancelled
  };

  explicit NotesPage(QObject* parent = nullptr);
  QString id() const override { return QStringLiteral("notes"); }
  QString title() const override { return tr("Notes' diagrams"); }
  void refresh() override;
  QString replay(const QList<QJsonObject>& documents) override;
  QList<QJsonObject> record() const override { return documents_; }
  QWidget* createControls(QWidget* parent) override;
  bool setOption(const QString& key, const QString& value) override;

  static QStringList diagramNames();
  // The commands that feed a diagram when the page runs live (empty for an unknown name).
  static QList<Feed> feeds(const QString& diagram);
  QString diagram() const { return diagram_; }
  void setDiagram(const QString& name);

 protected:
  void draw(SceneKit& kit) override;

 private:
  struct Failure {
    QString command;
    QString error;
    int exitCode = 0;
  };
  struct DiagramInfo;
  static const QList<DiagramInfo>& diagramInfos();
  void runNext();
  // The last document of `tool` (and, when given, whose `field` is `value`); nullptr when there is none.
  const QJsonObject* find(const QString& tool, const QString& field = {}, const QString& value = {}) const;
  // "—" for a number no document has, plus a line saying which tool and field would give it.
  QString missing(const QString& what, const QString& source);
  // The same for what no tool measures at all: `why` says so.
  QString notMeasured(const QString& what, const QString& why);
  double drawHeader(SceneKit& kit, const QString& title, const QString& block);
  double drawFooter(SceneKit& kit, double y);

  QList<const QJsonObject*> findAll(const QString& tool, const QString& field, const QString& value) const;
  QString hostKernel() const;  // the kernel release from any document's header ("—" when there is none)
  QString machineLine(const QJsonObject* vmctlInfo);
  QString hypervisorName(const QJsonObject* vmctlInfo);
  QString kvmLine(const QJsonObject* vmctlInfo);
  QString iommuLine(const QJsonObject* vmctlInfo);
  // The page-fault flow (001#4), step by step.
  enum class FactFormat { Number, Address, Frame, Bit };
  struct FaultStep;
  QString faultFact(const QJsonObject* fault, const char* name, FactFormat format, const QString& what);
  double drawFaultSteps(SceneKit& kit, const QList<FaultStep>& steps, double y, bool outlined, bool arrowAfterLast);
  QStringList swapBranchLines(const QJsonObject* swap, bool* lit);
  double drawFaultBranches(SceneKit& kit, const QJsonObject* fault, const QJsonObject* swap, double y);
  void drawFaultDemoStages(SceneKit& kit, const QJsonObject& fault);
  QString lsmLine(const QJsonObject& container, const QString& source);
  const QJsonObject* sliceSource(bool* fromTrace) const;
  double drawTimeSlices(SceneKit& kit, double y, bool rowsAreHostCpus);
  double drawSliceChart(SceneKit& kit, double y, const QJsonArray& samples, bool rowsAreHostCpus, bool fromTrace);
  double drawSliceLines(SceneKit& kit, double y, const QJsonObject& smp, const QJsonArray& samples);

  // One per diagram name (gui/views/notes/*.cpp).
  void drawPageFaultFlow(SceneKit& kit);
  void drawLruTable(SceneKit& kit);
  double drawLruFrames(SceneKit& kit, double fy, const QJsonArray& content, int frames, int litFrame,
                       const QString& caption);
  double drawLruEviction(SceneKit& kit, double y, const QJsonArray& steps, int frames, int evict);
  double drawLruSteps(SceneKit& kit, double y, const QJsonArray& steps, int frames, int evict);
  void drawVmNicStack(SceneKit& kit);
  void drawEsxiStructure(SceneKit& kit);
  // What the VM row adds up for the hypervisor row under it.
  struct VmTotals {
    quint64 memory = 0, ioExits = 0, exits = 0;
    int vcpus = 0;
    QStringList tids;  // the vCPU threads
  };
  double drawEsxiVms(SceneKit& kit, double y, double width, const QList<const QJsonObject*>& runs, VmTotals* totals);
  double drawEsxiHypervisor(SceneKit& kit, double y, double width, const QJsonObject* info, bool noRuns,
                            const VmTotals& totals);
  double drawEsxiHardware(SceneKit& kit, double y, double width, const QJsonObject* info);
  void drawVcpuAllocation(SceneKit& kit);
  void drawNatTable(SceneKit& kit);
  double drawNatTableRows(SceneKit& kit, double y, const QJsonArray& hosts);
  // The names and addresses of a real NAT (net switch --mode nat, net nat).
  struct NatNames {
    QString publicAddress, routerNetns, outsideNetns, outside, cable, gateway;
  };
  NatNames realNatNames(const QJsonObject& nat, const QJsonObject* table, const QString& switchCommand);
  QStringList natRouterLines(const QJsonObject* sw, const QJsonObject& nat, const QJsonObject* table,
                             const NatNames& n);
  double drawNatDown(SceneKit& kit, double y);
  void drawRealNat(SceneKit& kit, double y, const QJsonObject* natSwitch, const QJsonObject* natTable);
  double drawNatHosts(SceneKit& kit, double y, const QRectF& column, const QJsonObject* natSwitch,
                      const QJsonObject& nat, const QString& gateway, const QString& switchCommand);
  double drawConntrackRows(SceneKit& kit, double y, const QJsonArray& rows, bool fromTable, const QString& routerNetns,
                           const QString& publicAddress);
  void drawDiskImageFiles(SceneKit& kit);
  void drawDiskSnapshotChain(SceneKit& kit);
  void drawIommu(SceneKit& kit);
  void drawHostGuestProcesses(SceneKit& kit);
  void drawHypervisorRoles(SceneKit& kit);
  void drawCpuTimeSlices(SceneKit& kit);
  void drawContainerRuntimeFunctions(SceneKit& kit);
  void drawImageLayers(SceneKit& kit);
  void drawDockerEngineFlow(SceneKit& kit);
  void drawPerformanceTable(SceneKit& kit);
  double drawPerformanceRows(SceneKit& kit, double y, const QList<QStringList>& rows);
  void drawKubernetesProblems(SceneKit& kit);
  void drawVirtualizationEvolution(SceneKit& kit);
  void drawDockerRuntimeChain(SceneKit& kit);
  double drawRuncSteps(SceneKit& kit, double y, const QJsonObject* run);
  void drawHypervisorTypes(SceneKit& kit);

  QString diagram_ = QStringLiteral("page-fault-flow");
  double headerBottom_ = 0;  // where drawHeader() ended (a diagram's right column starts there)
  QList<QJsonObject> documents_;
  QList<Failure> failures_;
  QList<Feed> queue_;
  QStringList missing_;  // filled while drawing: what this machine's documents do not have
  bool loaded_ = false;
};

}  // namespace virtlab::explorer
