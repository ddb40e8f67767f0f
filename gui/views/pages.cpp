#include "views/layerspage.h"
#include "views/memorypage.h"
#include "views/namespacespage.h"
#include "views/page.h"

namespace explorer {

QStringList pageIds() { return {QStringLiteral("layers"), QStringLiteral("memory"), QStringLiteral("namespaces")}; }

Page* createPage(const QString& id, QObject* parent) {
  if (id == QLatin1String("layers")) return new LayersPage(parent);
  if (id == QLatin1String("memory")) return new MemoryPage(parent);
  if (id == QLatin1String("namespaces")) return new NamespacesPage(parent);
  return nullptr;
}

}  // namespace explorer
