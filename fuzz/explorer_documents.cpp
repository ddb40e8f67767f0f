// The explorer's input: a tool's JSON document or JSON Lines stream, from stdout or a replay file (parseDocuments),
// then every parser of a tool's schema (the layer stack takes any tool's document; the pages their own).
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "models/cgtop.h"
#include "models/document.h"
#include "models/layers.h"
#include "models/namespaces.h"
#include "models/pagewalk.h"
#include "models/vmctl.h"
#include "models/vswitch.h"

using namespace virtlab::explorer;

namespace {

// A parser that says no says why.
template <typename Out, typename Parse>
void parse_with(const QJsonObject& doc, Parse parse) {
  Out out;
  QString error;
  if (!parse(doc, &out, &error)) FUZZ_CHECK(!error.isEmpty());
}

void parse_every_schema(const QJsonObject& doc) {
  SchemaId id;
  QString error;
  if (!parseSchema(doc, &id, &error)) FUZZ_CHECK(!error.isEmpty());
  LayerStack stack;
  (void)addDocumentToStack(doc, &stack);
  joinContainerCgroups(&stack);
  parse_with<CgroupSnapshot>(doc, parseCgroupSnapshot);
  parse_with<CgroupRunReport>(doc, parseCgroupRunReport);
  parse_with<NamespaceListing>(doc, parseNamespaceListing);
  parse_with<MemorySummary>(doc, parseMemorySummary);
  parse_with<PageWalk>(doc, parsePageWalk);
  parse_with<MemoryDemo>(doc, parseMemoryDemo);
  parse_with<PageList>(doc, parsePageList);
  parse_with<VmRun>(doc, parseVmRun);
  parse_with<VmTranslate>(doc, parseVmTranslate);
  parse_with<VmBoot>(doc, parseVmBoot);
  parse_with<VirtualSwitch>(doc, applySwitchDocument);
  MachineInfo machine;
  KvmInfo kvm;
  if (!parseVmctlInfo(doc, &machine, &kvm, &error)) FUZZ_CHECK(!error.isEmpty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  LoadResult loaded = parseDocuments(bytes);
  FUZZ_CHECK(loaded.ok() || !loaded.error.isEmpty() || loaded.documents.isEmpty());
  FUZZ_CHECK(!loaded.error.contains(QLatin1Char('\n')));  // one line
  // What loaded, written out as JSON Lines (a recording), loads again as the same documents.
  QByteArray lines;
  for (const auto& doc : loaded.documents) lines += QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n';
  if (!loaded.documents.isEmpty()) {
    LoadResult again = parseDocuments(lines);
    FUZZ_CHECK(again.error.isEmpty() && again.documents == loaded.documents);
  }
  for (const auto& doc : loaded.documents) parse_every_schema(doc);
  return 0;
}
