#include "models/cgtop.h"

#include <QJsonArray>

#include "models/document.h"

namespace virtlab::explorer {

namespace {
double num(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  return v.isDouble() ? v.toDouble() : -1;
}
qint64 cnt(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  return v.isDouble() ? v.toInteger() : -1;
}
bool checkKind(const QJsonObject& doc, const char* kind, QString* error) {
  const QString schemaError = checkSchema(doc, QStringLiteral("cgtop"), kCgtopMajor);
  if (!schemaError.isEmpty()) {
    if (error) *error = schemaError;
    return false;
  }
  if (cgtopKind(doc) != QLatin1String(kind)) {
    if (error)
      *error =
          QStringLiteral("cgtop document of kind \"%1\", expected \"%2\"").arg(cgtopKind(doc), QLatin1String(kind));
    return false;
  }
  return true;
}
}  // namespace

QString cgtopKind(const QJsonObject& doc) {
  if (!checkSchema(doc, QStringLiteral("cgtop"), kCgtopMajor).isEmpty()) return {};
  return doc.value(QStringLiteral("kind")).toString();
}

bool parseCgroupSnapshot(const QJsonObject& doc, CgroupSnapshot* out, QString* error) {
  if (!checkKind(doc, "snapshot", error)) return false;
  const QJsonValue cgroups = doc.value(QStringLiteral("cgroups"));
  if (!cgroups.isArray()) {
    if (error) *error = QStringLiteral("cgtop snapshot without a \"cgroups\" array");
    return false;
  }
  CgroupSnapshot s;
  s.refresh = doc.value(QStringLiteral("refresh")).toInt();
  s.intervalSeconds = doc.value(QStringLiteral("interval_s")).toDouble();
  s.cpus = doc.value(QStringLiteral("cpus")).toInt();
  s.layout = doc.value(QStringLiteral("hierarchy")).toObject().value(QStringLiteral("layout")).toString();
  for (const auto& v : cgroups.toArray()) {
    const QJsonObject o = v.toObject();
    CgroupSample c;
    c.path = o.value(QStringLiteral("path")).toString();
    if (c.path.isEmpty()) {
      if (error) *error = QStringLiteral("cgtop snapshot: a cgroup without \"path\"");
      return false;
    }
    c.inode = o.value(QStringLiteral("inode")).toInteger();
    c.depth = o.value(QStringLiteral("depth")).toInt();
    c.kind = o.value(QStringLiteral("kind")).toString();
    c.label = o.value(QStringLiteral("label")).toString();
    const QJsonObject cpu = o.value(QStringLiteral("cpu")).toObject();
    c.cpuPercent = num(cpu, "percent");
    c.quotaCores = num(cpu, "quota_cores");
    c.nrThrottled = cnt(cpu, "nr_throttled");
    c.throttledPercent = num(cpu, "throttled_percent");
    const QJsonObject mem = o.value(QStringLiteral("memory")).toObject();
    c.memoryCurrent = num(mem, "current");
    c.memoryLimit = num(mem, "limit");
    c.workingSet = num(mem, "working_set");
    c.memoryPeak = num(mem, "peak");
    c.oomKills = cnt(mem, "oom_kills");
    const QJsonObject io = o.value(QStringLiteral("io")).toObject();
    c.ioReadBps = num(io, "read_bps");
    c.ioWriteBps = num(io, "write_bps");
    const QJsonObject tasks = o.value(QStringLiteral("tasks")).toObject();
    c.tasks = cnt(tasks, "current");
    c.tasksMax = cnt(tasks, "max");
    s.cgroups.append(c);
  }
  *out = s;
  return true;
}

bool parseCgroupRunReport(const QJsonObject& doc, CgroupRunReport* out, QString* error) {
  if (!checkKind(doc, "run-report", error)) return false;
  CgroupRunReport r;
  for (const auto& v : doc.value(QStringLiteral("command")).toArray()) r.command << v.toString();
  r.cgroup = doc.value(QStringLiteral("cgroup")).toString();
  if (r.command.isEmpty() || r.cgroup.isEmpty()) {
    if (error) *error = QStringLiteral("cgtop run-report without \"command\" or \"cgroup\"");
    return false;
  }
  for (const auto& v : doc.value(QStringLiteral("limits")).toArray()) {
    const QJsonObject l = v.toObject();
    r.limits << QStringLiteral("%1 = %2").arg(l.value(QStringLiteral("file")).toString(),
                                              l.value(QStringLiteral("value")).toString());
    r.limitEntries.append({l.value(QStringLiteral("controller")).toString(), l.value(QStringLiteral("file")).toString(),
                           l.value(QStringLiteral("value")).toString()});
  }
  r.layout = doc.value(QStringLiteral("layout")).toString();
  r.interruptedBy = cnt(doc, "interrupted_by");
  r.wallSeconds = doc.value(QStringLiteral("wall_seconds")).toDouble();
  r.exitStatus = cnt(doc, "exit_status");
  r.signal = cnt(doc, "signal");
  const QJsonObject cpu = doc.value(QStringLiteral("cpu")).toObject();
  r.cpuUsageNs = cpu.value(QStringLiteral("usage_ns")).toDouble();
  r.cpuAveragePercent = cpu.value(QStringLiteral("average_percent")).toDouble();
  r.nrPeriods = cnt(cpu, "nr_periods");
  r.nrThrottled = cnt(cpu, "nr_throttled");
  r.throttledNs = cnt(cpu, "throttled_ns");
  const QJsonObject mem = doc.value(QStringLiteral("memory")).toObject();
  r.memoryPeak = num(mem, "peak");
  r.oomKills = cnt(mem, "oom_kills");
  r.memoryMaxEvents = cnt(mem, "max_events");
  r.forkRefused = cnt(doc.value(QStringLiteral("tasks")).toObject(), "fork_refused");
  for (const auto& v : doc.value(QStringLiteral("explanation")).toArray()) r.explanation << v.toString();
  *out = r;
  return true;
}

CgroupLimit CgroupRunReport::limitOf(const QString& controller) const {
  for (const CgroupLimit& l : limitEntries) {
    if (l.controller == controller) return l;
  }
  return {};
}

}  // namespace virtlab::explorer
