// Small helpers shared by the notes page's diagram files: reading fields out of tool documents by path, and
// formatting the numbers the way the diagrams show them.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace virtlab::explorer::notes {

// The value at a dotted path ("container.seconds", "info.machine.logical_cpus"); undefined when absent.
QJsonValue at(const QJsonObject& doc, const QString& path);
// True when the path holds a number (null, absent and strings are not numbers).
bool hasNumber(const QJsonObject* doc, const QString& path);
double number(const QJsonObject* doc, const QString& path);
// "7.0 ms", "1.52 s"
QString seconds(double s);
// "0x16a505"
QString hex(quint64 v);

}  // namespace virtlab::explorer::notes
