// cgtop/1 (schemas/cgtop.v1.json), JSON Lines: "snapshot" documents (the cgroup tree with CPU, memory, I/O,
// tasks against their limits) and the final "run-report" of `cgtop run` (which limit was hit, OOM kills).
// null in the JSON means "not available on this hierarchy" and stays -1 here, never 0.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace virtlab::explorer {

inline constexpr int kCgtopMajor = 1;

struct CgroupSample {
  QString path;      // "/system.slice/ssh.service"
  qint64 inode = 0;  // the sample key (a recreated cgroup has a new inode)
  int depth = 0;
  QString kind;             // docker, service, slice, … (empty when unknown)
  QString label;            // a friendlier name (container id, unit)
  double cpuPercent = -1;   // Δusage/Δt × 100; 100 = one CPU
  double quotaCores = -1;   // CPU limit in CPUs, -1 = none
  qint64 nrThrottled = -1;  // periods throttled by the CPU limit
  double throttledPercent = -1;
  double memoryCurrent = -1;
  double memoryLimit = -1;  // -1 = no limit
  double workingSet = -1;   // current − inactive_file
  double memoryPeak = -1;
  qint64 oomKills = -1;
  double ioReadBps = -1;
  double ioWriteBps = -1;
  qint64 tasks = -1;
  qint64 tasksMax = -1;
};

struct CgroupSnapshot {
  int refresh = 0;
  double intervalSeconds = 0;
  int cpus = 0;
  QString layout;  // v1, v2, hybrid
  QList<CgroupSample> cgroups;
};

struct CgroupLimit {
  QString controller;  // memory, cpu, pids
  QString file;        // memory.limit_in_bytes, memory.max, cpu.max, pids.max …
  QString value;       // as written to the file: "16777216", "50000 100000"
};

struct CgroupRunReport {
  QStringList command;
  QString cgroup;
  QString layout;      // v1, v2, hybrid
  QStringList limits;  // "memory.limit_in_bytes = 16777216"
  QList<CgroupLimit> limitEntries;
  double wallSeconds = 0;
  qint64 exitStatus = -1;     // -1: killed by a signal
  qint64 signal = -1;         // the signal that killed the command, -1 = none
  qint64 interruptedBy = -1;  // cgtop itself got this signal and stopped the command, -1 = none
  double cpuUsageNs = 0;
  double cpuAveragePercent = 0;
  qint64 nrPeriods = -1;
  qint64 nrThrottled = -1;
  qint64 throttledNs = -1;
  double memoryPeak = -1;
  qint64 oomKills = -1;
  qint64 memoryMaxEvents = -1;  // times memory.max/high was reached (v2), -1 = not available
  qint64 forkRefused = -1;      // forks the pids limit refused
  QStringList explanation;      // cgtop's own sentences (English): which limit was hit and why
  // The limit written to `controller` (first one), or empty.
  CgroupLimit limitOf(const QString& controller) const;
};

QString cgtopKind(const QJsonObject& doc);  // "snapshot", "run-report" ("" when not cgtop/1)
bool parseCgroupSnapshot(const QJsonObject& doc, CgroupSnapshot* out, QString* error);
bool parseCgroupRunReport(const QJsonObject& doc, CgroupRunReport* out, QString* error);

}  // namespace virtlab::explorer
