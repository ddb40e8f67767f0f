// Lecture walkthroughs (lectures/<id>.json, schemas/lecture.v1.json) and their recordings (JSON Lines, one line per
// step: the documents its commands printed and the commands that failed). Qt Core only: loading + validating a
// walkthrough, reading/writing recordings, and what this machine lacks for a command's `needs`.
// A bad walkthrough is reported in ONE line naming the file, the step and the field.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace virtlab::explorer {

// The same text in Korean and English.
struct LectureText {
  QString ko;
  QString en;
  QString in(const QString& language) const { return language == QLatin1String("ko") ? ko : en; }
  bool isEmpty() const { return ko.isEmpty() && en.isEmpty(); }
};

struct LectureCommand {
  QString tool;  // pagewalk, cgtop, nsenter-lite, vmctl, testvm
  QStringList args;
  bool stream = false;  // JSON Lines output
  QStringList needs;    // root, kvm, cgroup2, vlan-filtering, swap
  double timeoutSeconds = 60;
  bool cleanup = false;  // undoes earlier commands (net down): runs even when the step is cancelled or closed
};

struct LectureStep {
  QString id;
  LectureText title;
  LectureText narration;
  QString page;                    // layers, memory, cgroups, namespaces, vm, notes
  QMap<QString, QString> options;  // page options as on the command line (diagram, demo, pid, address, guest)
  QList<LectureCommand> commands;
  QStringList highlight;  // scene item keys to outline ("layer:kernel")
  LectureText presenterNote;
  QStringList concepts;
  QStringList diagrams;  // "001#3"
  LectureText missing;   // what this machine cannot show (said on screen)
};

struct Lecture {
  QString path;  // the file it was loaded from
  QString id;
  QString note;
  LectureText title;
  QList<LectureStep> steps;
  int indexOf(const QString& stepId) const;
};

struct LectureLoad {
  Lecture lecture;
  QString error;  // one line: "<file>: step \"<id>\" (#n): field \"<field>\": <problem>"
  bool ok() const { return error.isEmpty(); }
};

inline constexpr const char* kLectureSchema = "virtlab-lecture/1";
inline constexpr const char* kRecordingSchema = "virtlab-lecture-recording/1";

// Parses and validates against the rules of schemas/lecture.v1.json (required fields, types, page ids, tools,
// needs, id patterns, text in both languages, unique step ids, the id matching the file name).
LectureLoad parseLecture(const QByteArray& bytes, const QString& fileName);
LectureLoad loadLecture(const QString& path);
// The default recording of a walkthrough: <dir of the file>/recordings/<id>.jsonl.
QString defaultRecordingPath(const Lecture& lecture);

struct RecordedFailure {
  QString tool;
  QStringList args;
  int exitCode = 0;
  QString error;
};

// One line of a recording: one step's documents as its commands printed them.
struct RecordedStep {
  QString lecture;
  QString step;
  QDateTime recorded;  // UTC
  QString hostname;
  QString kernel;
  QList<QJsonObject> documents;
  QList<RecordedFailure> failures;
  QJsonObject toJson() const;
};

struct RecordingLoad {
  QMap<QString, RecordedStep> steps;  // by step id
  QString error;                      // one line naming the file and line
  bool ok() const { return error.isEmpty(); }
};

// Reads a recording; lines of another lecture than `lectureId` (when given) are an error.
RecordingLoad loadRecording(const QString& path, const QString& lectureId = {});
// The same from the file's bytes; `path` only names the file in errors.
RecordingLoad parseRecording(const QByteArray& bytes, const QString& path, const QString& lectureId = {});
bool saveRecording(const QString& path, const QList<RecordedStep>& steps, QString* error);
// This machine, as a recording names it: hostname and kernel release (uname).
void currentHost(QString* hostname, QString* kernel);

// Empty when this machine has what `need` names; otherwise why not ("no /dev/kvm").
QString missingNeed(const QString& need);

}  // namespace virtlab::explorer
