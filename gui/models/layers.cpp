#include "models/layers.h"

#include "models/cgtop.h"
#include "models/document.h"
#include "models/namespaces.h"
#include "models/vmctl.h"

namespace explorer {

void applyHostHeader(const QJsonObject& doc, MachineInfo* machine) {
  const QJsonObject host = doc.value(QStringLiteral("host")).toObject();
  if (host.isEmpty()) return;
  if (machine->hostname.isEmpty()) machine->hostname = host.value(QStringLiteral("hostname")).toString();
  if (machine->kernelRelease.isEmpty()) machine->kernelRelease = host.value(QStringLiteral("kernel")).toString();
  if (machine->architecture.isEmpty()) machine->architecture = host.value(QStringLiteral("machine")).toString();
}

}  // namespace explorer

namespace explorer {

QString addDocumentToStack(const QJsonObject& doc, LayerStack* stack) {
  applyHostHeader(doc, &stack->machine);
  SchemaId id;
  QString error;
  if (!parseSchema(doc, &id, &error)) return error;
  if (id.tool == QLatin1String("nsenter-lite")) {
    if (doc.value(QStringLiteral("command")).toString() != QLatin1String("ls")) return {};
    NamespaceListing listing;
    if (!parseNamespaceListing(doc, &listing, &error)) return error;
    stack->containers = containersFrom(listing);
    stack->haveContainers = true;
  } else if (id.tool == QLatin1String("cgtop")) {
    if (cgtopKind(doc) != QLatin1String("snapshot")) return {};
    CgroupSnapshot snapshot;
    if (!parseCgroupSnapshot(doc, &snapshot, &error)) return error;
    stack->cgroupLayout = snapshot.layout;
    stack->cgroupCount = static_cast<int>(snapshot.cgroups.size());
  } else if (id.tool == QLatin1String("vmctl")) {
    const QString command = vmctlCommand(doc);
    if (command == QLatin1String("info")) {
      if (!parseVmctlInfo(doc, &stack->machine, nullptr, &error)) return error;
    } else if (command == QLatin1String("run")) {
      VmRun run;
      if (!parseVmRun(doc, &run, &error)) return error;
      stack->vms.append({QStringLiteral("vmctl run %1").arg(run.guest),
                         run.nested.nested ? QStringLiteral("nested") : QStringLiteral("kvm"),
                         QStringLiteral("%1 exits, %2").arg(run.totalExits).arg(run.outcome)});
      stack->haveVms = true;
    }
  }
  return {};
}

}  // namespace explorer
