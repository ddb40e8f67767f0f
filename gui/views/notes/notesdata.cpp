#include "views/notes/notesdata.h"

#include <QStringList>

namespace virtlab::explorer::notes {

QJsonValue at(const QJsonObject& doc, const QString& path) {
  const QStringList parts = path.split(QLatin1Char('.'));
  QJsonValue v = doc;
  for (const QString& part : parts) {
    if (!v.isObject()) return QJsonValue(QJsonValue::Undefined);
    v = v.toObject().value(part);
  }
  return v;
}

bool hasNumber(const QJsonObject* doc, const QString& path) {
  return doc && at(*doc, path).isDouble();
}

double number(const QJsonObject* doc, const QString& path) {
  return doc ? at(*doc, path).toDouble() : 0;
}

QString seconds(double s) {
  if (s < 1) return QStringLiteral("%1 ms").arg(s * 1000, 0, 'f', s < 0.01 ? 2 : 1);
  return QStringLiteral("%1 s").arg(s, 0, 'f', s < 10 ? 2 : 1);
}

QString hex(quint64 v) {
  return QStringLiteral("0x%1").arg(v, 0, 16);
}

}  // namespace virtlab::explorer::notes
