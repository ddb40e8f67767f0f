#include "models/pagewalk.h"

#include <QJsonArray>

#include "models/document.h"

namespace virtlab::explorer {

namespace {

// toInteger, not a cast of toDouble: a number beyond 64 bits in a broken file is the default, not undefined behaviour.
qint64 count(const QJsonObject& o, const char* key) {
  return o.value(QLatin1String(key)).toInteger();
}

qint64 countOrMinus(const QJsonValue& v) {
  return v.toInteger(-1);
}

// Unsigned fields (indices, bit-field values): whole numbers 0 … 2^64-1; anything else reads as 0.
quint64 unsignedOrZero(const QJsonValue& v) {
  if (const qint64 exact = v.toInteger(-1); exact >= 0) return static_cast<quint64>(exact);
  const double d = v.toDouble();
  return d >= 0x1p63 && d < 0x1p64 ? static_cast<quint64>(d) : 0;  // above qint64, JSON numbers are doubles
}

PageCounts parseCounts(const QJsonObject& o) {
  PageCounts c;
  c.pages = count(o, "pages");
  c.resident = count(o, "resident");
  c.swapped = count(o, "swapped");
  c.fileShared = count(o, "file_shared");
  c.anonymous = count(o, "anonymous");
  c.anonExclusive = count(o, "anon_exclusive");
  return c;
}

bool parseVma(const QJsonObject& o, Vma* v, QString* error) {
  if (!parseHex(o.value(QStringLiteral("start")), &v->start) || !parseHex(o.value(QStringLiteral("end")), &v->end) ||
      v->end < v->start) {
    if (error) *error = QStringLiteral("pagewalk: a VMA without a valid hex \"start\"/\"end\"");
    return false;
  }
  v->perms = o.value(QStringLiteral("perms")).toString();
  v->path = o.value(QStringLiteral("path")).toString();
  v->kind = o.value(QStringLiteral("kind")).toString();
  return true;
}

bool checkKind(const QJsonObject& doc, const char* kind, QString* error) {
  const QString schemaError = checkSchema(doc, QStringLiteral("pagewalk"), kPagewalkMajor);
  if (!schemaError.isEmpty()) {
    if (error) *error = schemaError;
    return false;
  }
  if (pagewalkKind(doc) != QLatin1String(kind)) {
    if (error)
      *error = QStringLiteral("pagewalk document of kind \"%1\", expected \"%2\"")
                   .arg(pagewalkKind(doc), QLatin1String(kind));
    return false;
  }
  return true;
}

// The body of a walk (shared by "walk" documents and demo observations).
bool parseWalkBody(const QJsonObject& o, PageWalk* w, QString* error) {
  const QJsonObject process = o.value(QStringLiteral("process")).toObject();
  w->pid = count(process, "pid");
  w->command = process.value(QStringLiteral("command")).toString();
  if (!parseHex(o.value(QStringLiteral("address")), &w->address)) {
    if (error) *error = QStringLiteral("pagewalk walk: \"address\" is not a hex string");
    return false;
  }
  const QJsonObject split = o.value(QStringLiteral("split")).toObject();
  w->pagingMode = split.value(QStringLiteral("paging_mode")).toString();
  w->canonical = split.value(QStringLiteral("canonical")).toBool(true);
  parseHex(split.value(QStringLiteral("page_number")), &w->pageNumber);
  parseHex(split.value(QStringLiteral("page_offset")), &w->pageOffset);
  for (const auto& lv : split.value(QStringLiteral("levels")).toArray()) {
    const QJsonObject l = lv.toObject();
    WalkLevel level;
    level.name = l.value(QStringLiteral("name")).toString();
    level.highBit = l.value(QStringLiteral("high_bit")).toInt();
    level.lowBit = l.value(QStringLiteral("low_bit")).toInt();
    level.index = unsignedOrZero(l.value(QStringLiteral("index")));
    level.meaning = l.value(QStringLiteral("meaning")).toString();
    w->levels.append(level);
  }
  if (w->levels.isEmpty()) {
    if (error) *error = QStringLiteral("pagewalk walk: no page-table levels in \"split\"");
    return false;
  }
  if (!parseVma(o.value(QStringLiteral("vma")).toObject(), &w->vma, error)) return false;
  const QJsonObject pagemap = o.value(QStringLiteral("pagemap")).toObject();
  w->pagemapRaw = pagemap.value(QStringLiteral("raw")).toString();
  w->present = pagemap.value(QStringLiteral("present")).toBool();
  w->swapped = pagemap.value(QStringLiteral("swapped")).toBool();
  w->fileShared = pagemap.value(QStringLiteral("file_shared")).toBool();
  w->exclusive = pagemap.value(QStringLiteral("exclusive")).toBool();
  for (const auto& fv : pagemap.value(QStringLiteral("fields")).toArray()) {
    const QJsonObject f = fv.toObject();
    w->fields.append({f.value(QStringLiteral("bits")).toString(), f.value(QStringLiteral("name")).toString(),
                      unsignedOrZero(f.value(QStringLiteral("value"))), f.value(QStringLiteral("meaning")).toString()});
  }
  w->pfnVisible = o.value(QStringLiteral("access")).toObject().value(QStringLiteral("pfn_visible")).toBool();
  w->pfn = countOrMinus(o.value(QStringLiteral("pfn")));
  w->physAddress = o.value(QStringLiteral("phys_address")).toString();
  const QJsonValue flags = o.value(QStringLiteral("kpageflags"));
  for (const auto& fv : flags.toObject().value(QStringLiteral("set")).toArray()) {
    w->frameFlags << fv.toObject().value(QStringLiteral("name")).toString();
  }
  w->mapCount = countOrMinus(o.value(QStringLiteral("kpagecount")));
  w->cgroupPath = o.value(QStringLiteral("cgroup")).toObject().value(QStringLiteral("path")).toString();
  for (const auto& n : o.value(QStringLiteral("notes")).toArray()) w->notes << n.toString();
  return true;
}

QString factText(const QJsonValue& v) {
  if (v.isNull() || v.isUndefined()) return QStringLiteral("hidden");
  if (v.isBool()) return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
  if (v.isDouble()) {
    // A whole number prints as one; a fraction or a number beyond qint64 as the double it is.
    const qint64 whole = v.toInteger();
    return static_cast<double>(whole) == v.toDouble() ? QString::number(whole) : QString::number(v.toDouble());
  }
  if (v.isString()) return v.toString();
  return QStringLiteral("…");
}

}  // namespace

bool parseHex(const QJsonValue& value, quint64* out) {
  if (!value.isString()) return false;
  QString text = value.toString();
  if (!text.startsWith(QLatin1String("0x"))) return false;
  bool ok = false;
  const quint64 v = text.mid(2).toULongLong(&ok, 16);
  if (!ok) return false;
  *out = v;
  return true;
}

QString pagewalkKind(const QJsonObject& doc) {
  if (!checkSchema(doc, QStringLiteral("pagewalk"), kPagewalkMajor).isEmpty()) return {};
  return doc.value(QStringLiteral("kind")).toString();
}

bool parseMemorySummary(const QJsonObject& doc, MemorySummary* out, QString* error) {
  if (!checkKind(doc, "summary", error)) return false;
  MemorySummary s;
  const QJsonObject process = doc.value(QStringLiteral("process")).toObject();
  s.pid = count(process, "pid");
  s.command = process.value(QStringLiteral("command")).toString();
  s.minorFaults = count(process, "minor_faults");
  s.majorFaults = count(process, "major_faults");
  s.pagingMode = doc.value(QStringLiteral("paging_mode")).toString();
  s.method = doc.value(QStringLiteral("method")).toString();
  s.pfnVisible = doc.value(QStringLiteral("access")).toObject().value(QStringLiteral("pfn_visible")).toBool();
  const QJsonValue vmas = doc.value(QStringLiteral("vmas"));
  if (!vmas.isArray() || s.pid <= 0) {
    if (error) *error = QStringLiteral("pagewalk summary without \"process\" or \"vmas\"");
    return false;
  }
  for (const auto& v : vmas.toArray()) {
    const QJsonObject o = v.toObject();
    // The VMA fields sit at the top of each entry, beside "walked" and "counts".
    Vma vma;
    if (!parseVma(o.contains(QStringLiteral("vma")) ? o.value(QStringLiteral("vma")).toObject() : o, &vma, error))
      return false;
    vma.counts = parseCounts(o.value(QStringLiteral("counts")).toObject());
    vma.walked = o.value(QStringLiteral("walked")).toBool(true);
    s.vmas.append(vma);
  }
  s.totals = parseCounts(doc.value(QStringLiteral("totals")).toObject());
  const QJsonObject smaps = doc.value(QStringLiteral("smaps_comparable")).toObject();
  s.rssBytes = count(smaps, "rss_bytes");
  s.swapBytes = count(smaps, "swap_bytes");
  for (const auto& n : doc.value(QStringLiteral("notes")).toArray()) s.notes << n.toString();
  *out = s;
  return true;
}

bool parsePageWalk(const QJsonObject& doc, PageWalk* out, QString* error) {
  if (!checkKind(doc, "walk", error)) return false;
  PageWalk w;
  if (!parseWalkBody(doc, &w, error)) return false;
  *out = w;
  return true;
}

bool parseMemoryDemo(const QJsonObject& doc, MemoryDemo* out, QString* error) {
  if (!checkKind(doc, "demo", error)) return false;
  MemoryDemo d;
  d.name = doc.value(QStringLiteral("demo")).toString();
  d.title = doc.value(QStringLiteral("title")).toString();
  d.intro = doc.value(QStringLiteral("intro")).toString();
  d.ran = doc.value(QStringLiteral("ran")).toBool(true);
  d.conclusion = doc.value(QStringLiteral("conclusion")).toString();
  for (const auto& sv : doc.value(QStringLiteral("stages")).toArray()) {
    const QJsonObject so = sv.toObject();
    DemoStage stage;
    stage.title = so.value(QStringLiteral("title")).toString();
    stage.explanation = so.value(QStringLiteral("explanation")).toString();
    for (const auto& ov : so.value(QStringLiteral("observations")).toArray()) {
      const QJsonObject oo = ov.toObject();
      DemoObservation obs;
      obs.label = oo.value(QStringLiteral("label")).toString();
      if (!parseWalkBody(oo.value(QStringLiteral("walk")).toObject(), &obs.walk, error)) return false;
      stage.observations.append(obs);
    }
    d.stages.append(stage);
  }
  const QJsonObject facts = doc.value(QStringLiteral("facts")).toObject();
  const QJsonObject meanings = doc.value(QStringLiteral("fact_meanings")).toObject();
  for (auto it = facts.constBegin(); it != facts.constEnd(); ++it) {
    d.facts.append({it.key(), factText(it.value()), meanings.value(it.key()).toString()});
  }
  for (const auto& n : doc.value(QStringLiteral("notes")).toArray()) d.notes << n.toString();
  if (d.name.isEmpty()) {
    if (error) *error = QStringLiteral("pagewalk demo document without \"demo\"");
    return false;
  }
  *out = d;
  return true;
}

bool parsePageList(const QJsonObject& doc, PageList* out, QString* error) {
  if (!checkKind(doc, "list", error)) return false;
  PageList l;
  const QJsonObject process = doc.value(QStringLiteral("process")).toObject();
  l.pid = count(process, "pid");
  l.command = process.value(QStringLiteral("command")).toString();
  const QJsonObject range = doc.value(QStringLiteral("range")).toObject();
  if (!parseHex(range.value(QStringLiteral("start")), &l.start) ||
      !parseHex(range.value(QStringLiteral("end")), &l.end) || l.end < l.start) {
    if (error) *error = QStringLiteral("pagewalk list without a valid hex \"range\"");
    return false;
  }
  l.pages = count(doc, "pages");
  for (const auto& v : doc.value(QStringLiteral("runs")).toArray()) {
    const QJsonObject o = v.toObject();
    PageRun r;
    if (!parseHex(o.value(QStringLiteral("start")), &r.start) || !parseHex(o.value(QStringLiteral("end")), &r.end) ||
        r.end <= r.start) {
      if (error) *error = QStringLiteral("pagewalk list: a run without a valid hex \"start\"/\"end\"");
      return false;
    }
    r.pages = count(o, "pages");
    r.state = o.value(QStringLiteral("state")).toString();
    r.pfn = countOrMinus(o.value(QStringLiteral("pfn")));
    r.fileShared = o.value(QStringLiteral("file_shared")).toBool();
    r.exclusive = o.value(QStringLiteral("exclusive")).toBool();
    l.runs.append(r);
  }
  for (const auto& v : doc.value(QStringLiteral("notes")).toArray()) l.notes << v.toString();
  *out = l;
  return true;
}

}  // namespace virtlab::explorer
