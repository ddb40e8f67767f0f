#include "models/layers.h"

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
  return {};
}

}  // namespace explorer
