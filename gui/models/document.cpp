#include "models/document.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

namespace virtlab::explorer {

namespace {

QString describeParseError(const QJsonParseError& err, qsizetype size) {
  // A parse that fails at the very end of the input is a file cut short, which deserves its own words.
  if (err.offset >= size - 1 &&
      (err.error == QJsonParseError::UnterminatedObject || err.error == QJsonParseError::UnterminatedArray ||
       err.error == QJsonParseError::UnterminatedString || err.error == QJsonParseError::IllegalValue)) {
    return QStringLiteral("truncated JSON (input ends at byte %1: %2)").arg(size).arg(err.errorString());
  }
  return QStringLiteral("malformed JSON at byte %1: %2").arg(err.offset).arg(err.errorString());
}

}  // namespace

LoadResult parseDocuments(const QByteArray& bytes) {
  LoadResult result;
  const QByteArray trimmed = bytes.trimmed();
  if (trimmed.isEmpty()) {
    result.error = QStringLiteral("empty input: expected a tool's --json output");
    return result;
  }
  QJsonParseError err{};
  const QJsonDocument whole = QJsonDocument::fromJson(trimmed, &err);
  if (err.error == QJsonParseError::NoError) {
    if (!whole.isObject()) {
      result.error = QStringLiteral("expected a JSON object with a \"schema\" field, found an array or value");
      return result;
    }
    result.documents.append(whole.object());
    return result;
  }
  // Not one document: try JSON Lines (one compact document per line).
  const QList<QByteArray> lines = trimmed.split('\n');
  if (lines.size() < 2) {
    result.error = describeParseError(err, trimmed.size());
    return result;
  }
  int lineNumber = 0;
  for (const QByteArray& raw : lines) {
    ++lineNumber;
    const QByteArray line = raw.trimmed();
    if (line.isEmpty()) continue;
    QJsonParseError lineErr{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &lineErr);
    if (lineErr.error != QJsonParseError::NoError || !doc.isObject()) {
      if (result.documents.isEmpty()) {
        // The first line is not a document: this is a single (pretty-printed) document that is broken.
        result.error = describeParseError(err, trimmed.size());
      } else {
        const bool last = lineNumber == lines.size();
        result.error = last ? QStringLiteral(
                                  "truncated JSON Lines stream: line %1 is incomplete (%2 complete "
                                  "documents before it)")
                                  .arg(lineNumber)
                                  .arg(result.documents.size())
                            : QStringLiteral("malformed JSON Lines stream: line %1: %2")
                                  .arg(lineNumber)
                                  .arg(lineErr.error != QJsonParseError::NoError ? lineErr.errorString()
                                                                                 : QStringLiteral("not an object"));
      }
      return result;
    }
    result.documents.append(doc.object());
  }
  return result;
}

LoadResult loadReplayFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    LoadResult result;
    result.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
    return result;
  }
  LoadResult result = parseDocuments(file.readAll());
  if (!result.error.isEmpty()) result.error = QStringLiteral("%1: %2").arg(path, result.error);
  return result;
}

bool saveDocuments(const QString& path, const QList<QJsonObject>& documents, QString* error) {
  if (documents.isEmpty()) {
    if (error) *error = QStringLiteral("nothing to save: this view has no tool data yet");
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  if (documents.size() == 1) {
    file.write(QJsonDocument(documents.first()).toJson(QJsonDocument::Indented));
  } else {
    for (const QJsonObject& doc : documents) {
      file.write(QJsonDocument(doc).toJson(QJsonDocument::Compact));
      file.write("\n");
    }
  }
  if (!file.commit()) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool parseSchema(const QJsonObject& doc, SchemaId* id, QString* error) {
  const QJsonValue value = doc.value(QStringLiteral("schema"));
  if (!value.isString()) {
    if (error) *error = QStringLiteral("no \"schema\" field: not a virtlab tool document");
    return false;
  }
  static const QRegularExpression pattern(QStringLiteral("^([a-z][a-z0-9-]*)/([0-9]+)$"));
  const QRegularExpressionMatch match = pattern.match(value.toString());
  if (!match.hasMatch()) {
    if (error)
      *error = QStringLiteral("malformed \"schema\": \"%1\" (expected \"<tool>/<major>\")").arg(value.toString());
    return false;
  }
  id->tool = match.captured(1);
  id->major = match.captured(2).toInt();
  return true;
}

QString checkSchema(const QJsonObject& doc, const QString& tool, int supportedMajor) {
  SchemaId id;
  QString error;
  if (!parseSchema(doc, &id, &error)) return error;
  if (id.tool != tool) {
    return QStringLiteral("this is %1 output, expected %2 output").arg(id.tool, tool);
  }
  if (id.major != supportedMajor) {
    return QStringLiteral("%1/%2 is not supported (this explorer reads %1/%3): update the explorer or re-record")
        .arg(tool)
        .arg(id.major)
        .arg(supportedMajor);
  }
  return {};
}

}  // namespace virtlab::explorer
