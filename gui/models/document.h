// Loading the tools' JSON contract: one pretty-printed document (`tool --json`) or a JSON Lines stream
// (`cgtop --json` live feed), from a tool's stdout or a saved replay file. Never throws: errors come back as text.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace virtlab::explorer {

// "schema": "<tool>/<major>" — the contract version every tool document carries.
struct SchemaId {
  QString tool;   // "pagewalk"
  int major = 0;  // 1
};

struct LoadResult {
  QList<QJsonObject> documents;  // the documents that parsed, in file order
  QString error;                 // empty when the whole input parsed; otherwise one line naming the problem
  bool ok() const { return error.isEmpty() && !documents.isEmpty(); }
};

// Parses a single JSON document or a JSON Lines stream. A truncated last line is reported in `error`
// while the complete documents before it are kept (a recording cut off by Ctrl-C still replays).
LoadResult parseDocuments(const QByteArray& bytes);

// Reads and parses a replay file; `error` names the file and the problem.
LoadResult loadReplayFile(const QString& path);

// Writes documents back out: one document pretty-printed, several as JSON Lines (what the tools emit).
bool saveDocuments(const QString& path, const QList<QJsonObject>& documents, QString* error);

// Parses "schema" ("pagewalk/1"). Returns false with a message when it is missing or malformed.
bool parseSchema(const QJsonObject& doc, SchemaId* id, QString* error);

// Empty when `doc` is `<tool>/<supportedMajor>`; otherwise the one-line reason (wrong tool, newer major, …).
QString checkSchema(const QJsonObject& doc, const QString& tool, int supportedMajor);

}  // namespace virtlab::explorer
