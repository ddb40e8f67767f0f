#include "models/layers.h"

#include "models/cgtop.h"
#include "models/document.h"
#include "models/namespaces.h"
#include "models/vmctl.h"

#include <QHash>

namespace virtlab::explorer {

void applyHostHeader(const QJsonObject& doc, MachineInfo* machine) {
  const QJsonObject host = doc.value(QStringLiteral("host")).toObject();
  if (host.isEmpty()) return;
  if (machine->hostname.isEmpty()) machine->hostname = host.value(QStringLiteral("hostname")).toString();
  if (machine->kernelRelease.isEmpty()) machine->kernelRelease = host.value(QStringLiteral("kernel")).toString();
  if (machine->architecture.isEmpty()) machine->architecture = host.value(QStringLiteral("machine")).toString();
}

}  // namespace virtlab::explorer

namespace virtlab::explorer {

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
    stack->cgroupRows = snapshot.cgroups;
    stack->haveCgroups = true;
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
  joinContainerCgroups(stack);
  return {};
}

void joinContainerCgroups(LayerStack* stack) {
  QHash<QString, const CgroupSample*> byPath;
  for (const CgroupSample& row : stack->cgroupRows) byPath.insert(row.path, &row);
  for (ContainerInfo& c : stack->containers) {
    if (c.cgroup.isEmpty()) {
      c.cgroupMatch = CgroupMatch::Unknown;
      continue;
    }
    if (!stack->haveCgroups) {
      c.cgroupMatch = CgroupMatch::NoSnapshot;
      continue;
    }
    // Walk up "/a/b/c" → "/a/b" → "/a" → "/" until cgtop has a row.
    QString path = c.cgroup;
    const CgroupSample* row = byPath.value(path);
    while (!row && path != QLatin1String("/") && !path.isEmpty()) {
      const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
      path = slash <= 0 ? QStringLiteral("/") : path.left(slash);
      row = byPath.value(path);
    }
    if (!row) {
      c.cgroupMatch = CgroupMatch::NotFound;
      continue;
    }
    c.cgroupMatch = row->path == c.cgroup ? CgroupMatch::Exact : CgroupMatch::Ancestor;
    c.cgroupRow = row->path;
    c.memoryBytes = row->memoryCurrent;
    c.memoryLimit = row->memoryLimit;
    c.cpuPercent = row->cpuPercent;
    c.quotaCores = row->quotaCores;
    c.tasks = row->tasks;
    c.tasksMax = row->tasksMax;
  }
}

}  // namespace virtlab::explorer
