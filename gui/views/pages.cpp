#include "views/layerspage.h"
#include "views/page.h"

namespace explorer {

QStringList pageIds() { return {QStringLiteral("layers")}; }

Page* createPage(const QString& id, QObject* parent) {
  if (id == QLatin1String("layers")) return new LayersPage(parent);
  return nullptr;
}

}  // namespace explorer
