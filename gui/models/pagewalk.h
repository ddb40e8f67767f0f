// pagewalk/1 (schemas/pagewalk.v1.json): the "kind" field tells the documents apart —
//   summary  `pagewalk PID --json`           every VMA with resident/swapped/file/anon page counts
//   walk     `pagewalk PID ADDRESS --json`   one address split into page-table indices, its pagemap entry, PFN
//   demo     `pagewalk demo NAME --json`     before/after observations of one mechanism (fault, COW, …)
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace virtlab::explorer {

inline constexpr int kPagewalkMajor = 1;

struct PageCounts {
  qint64 pages = 0;          // virtual pages in the range
  qint64 resident = 0;       // present in RAM
  qint64 swapped = 0;        // in swap
  qint64 fileShared = 0;     // file pages or shared anonymous (present or swapped)
  qint64 anonymous = 0;      // present anonymous pages
  qint64 anonExclusive = 0;  // present anonymous pages mapped by this process only
};

struct Vma {
  quint64 start = 0;  // first byte
  quint64 end = 0;    // one past the last byte
  QString perms;      // "r-xp"
  QString path;       // file or [heap], [stack], empty for anonymous
  QString kind;       // "anonymous", "file", "heap", "stack", …
  PageCounts counts;
  bool walked = true;  // false for [vsyscall]: outside the user page tables
};

struct MemorySummary {
  qint64 pid = 0;
  QString command;
  qint64 minorFaults = 0;
  qint64 majorFaults = 0;
  QString pagingMode;  // "x86-64 4-level"
  QString method;      // "PAGEMAP_SCAN" or "pread"
  bool pfnVisible = false;
  QList<Vma> vmas;
  PageCounts totals;
  qint64 rssBytes = 0;
  qint64 swapBytes = 0;
  QStringList notes;
};

struct WalkLevel {
  QString name;  // "PGD", "P4D", "PUD", "PMD", "PTE", "offset"
  int highBit = 0;
  int lowBit = 0;
  quint64 index = 0;  // the value of those address bits: the entry number in that table
  QString meaning;
};

struct PagemapField {
  QString bits;  // "63", "0-54"
  QString name;  // "present", "pfn"
  quint64 value = 0;
  QString meaning;
};

struct PageWalk {
  qint64 pid = 0;
  QString command;
  quint64 address = 0;
  QString pagingMode;
  bool canonical = true;
  quint64 pageNumber = 0;
  quint64 pageOffset = 0;
  QList<WalkLevel> levels;  // top-level table first, offset last
  Vma vma;
  QString pagemapRaw;  // "0x8100000000012345"
  bool present = false;
  bool swapped = false;
  bool fileShared = false;
  bool exclusive = false;
  QList<PagemapField> fields;
  bool pfnVisible = false;
  qint64 pfn = -1;         // -1: not present or hidden (not root)
  QString physAddress;     // "0x12345678", empty when unknown
  QStringList frameFlags;  // kpageflags set: "REFERENCED", "ANON", …
  qint64 mapCount = -1;    // kpagecount
  QString cgroupPath;      // memory cgroup charged for the frame
  QStringList notes;
};

struct DemoObservation {
  QString label;  // "child, before the write"
  PageWalk walk;
};

struct DemoStage {
  QString title;
  QString explanation;
  QList<DemoObservation> observations;
};

struct DemoFact {
  QString name;
  QString value;  // as text (numbers, booleans, null → "hidden")
  QString meaning;
};

struct MemoryDemo {
  QString name;  // "cow"
  QString title;
  QString intro;
  bool ran = true;
  QList<DemoStage> stages;
  QList<DemoFact> facts;
  QString conclusion;
  QStringList notes;
};

// `pagewalk PID --list --json`: virtual page → physical frame, consecutive pages folded into runs.
struct PageRun {
  quint64 start = 0, end = 0;  // virtual, end exclusive
  qint64 pages = 0;
  QString state;    // present / swapped / not-present
  qint64 pfn = -1;  // first frame of a present run (0 when hidden from non-root), -1 otherwise
  bool fileShared = false;
  bool exclusive = false;
};

struct PageList {
  qint64 pid = 0;
  QString command;
  quint64 start = 0, end = 0;  // the listed range
  qint64 pages = 0;
  QList<PageRun> runs;
  QStringList notes;
};

// "0x7f12…" → number; false when it is not a hex string.
bool parseHex(const QJsonValue& value, quint64* out);
QString pagewalkKind(const QJsonObject& doc);  // "summary", "walk", "demo", … ("" when not pagewalk/1)
bool parseMemorySummary(const QJsonObject& doc, MemorySummary* out, QString* error);
bool parsePageWalk(const QJsonObject& doc, PageWalk* out, QString* error);  // a "walk" document or a demo's walk
bool parseMemoryDemo(const QJsonObject& doc, MemoryDemo* out, QString* error);
bool parsePageList(const QJsonObject& doc, PageList* out, QString* error);

}  // namespace virtlab::explorer
