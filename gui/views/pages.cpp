#include "views/cgroupspage.h"
#include "views/layerspage.h"
#include "views/memorypage.h"
#include "views/namespacespage.h"
#include "views/notespage.h"
#include "views/page.h"
#include "views/vmpage.h"

namespace virtlab::explorer {

QStringList pageIds() {
  return {QStringLiteral("layers"),     QStringLiteral("memory"), QStringLiteral("cgroups"),
          QStringLiteral("namespaces"), QStringLiteral("vm"),     QStringLiteral("notes")};
}

Page* createPage(const QString& id, QObject* parent) {
  if (id == QLatin1String("layers")) return new LayersPage(parent);
  if (id == QLatin1String("memory")) return new MemoryPage(parent);
  if (id == QLatin1String("cgroups")) return new CgroupsPage(parent);
  if (id == QLatin1String("namespaces")) return new NamespacesPage(parent);
  if (id == QLatin1String("vm")) return new VmPage(parent);
  if (id == QLatin1String("notes")) return new NotesPage(parent);
  return nullptr;
}

}  // namespace virtlab::explorer
