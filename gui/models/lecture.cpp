#include "models/lecture.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include "models/document.h"

namespace virtlab::explorer {

namespace {

const QStringList kPages{QStringLiteral("layers"),     QStringLiteral("memory"), QStringLiteral("cgroups"),
                         QStringLiteral("namespaces"), QStringLiteral("vm"),     QStringLiteral("notes")};
const QStringList kTools{QStringLiteral("pagewalk"), QStringLiteral("cgtop"), QStringLiteral("nsenter-lite"),
                         QStringLiteral("vmctl"), QStringLiteral("testvm")};
const QStringList kNeeds{QStringLiteral("root"), QStringLiteral("kvm"), QStringLiteral("cgroup2"),
                         QStringLiteral("vlan-filtering"), QStringLiteral("swap")};

// Collects the first problem only: "<where>: field \"<field>\": <problem>".
class Checker {
 public:
  explicit Checker(QString file) : file_(std::move(file)) {}
  void setStep(const QString& id, int index) {
    where_ = id.isEmpty() ? QStringLiteral("step #%1").arg(index + 1)
                          : QStringLiteral("step \"%1\" (#%2)").arg(id).arg(index + 1);
  }
  bool fail(const QString& field, const QString& problem) {
    if (error_.isEmpty()) {
      error_ = where_.isEmpty() ? QStringLiteral("%1: field \"%2\": %3").arg(file_, field, problem)
                                : QStringLiteral("%1: %2: field \"%3\": %4").arg(file_, where_, field, problem);
      // The problem may quote the file's own text: a line break in it would split the one-line error.
      error_.replace(QLatin1Char('\n'), QLatin1String("\\n")).replace(QLatin1Char('\r'), QLatin1String("\\r"));
    }
    return false;
  }
  bool failed() const { return !error_.isEmpty(); }
  QString error() const { return error_; }

  bool onlyKeys(const QJsonObject& obj, const QString& prefix, const QStringList& allowed) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (!allowed.contains(it.key())) return fail(prefix + it.key(), QStringLiteral("unknown field"));
    }
    return true;
  }
  bool string(const QJsonObject& obj, const QString& key, const QString& field, QString* out, bool required = true,
              const QRegularExpression* pattern = nullptr) {
    const QJsonValue v = obj.value(key);
    if (v.isUndefined()) return required ? fail(field, QStringLiteral("missing")) : true;
    if (!v.isString()) return fail(field, QStringLiteral("must be a string"));
    *out = v.toString();
    if (pattern && !pattern->match(*out).hasMatch()) {
      return fail(field, QStringLiteral("\"%1\" does not match %2").arg(*out, pattern->pattern()));
    }
    return true;
  }
  bool text(const QJsonObject& obj, const QString& key, LectureText* out, bool required = true) {
    const QJsonValue v = obj.value(key);
    if (v.isUndefined()) return required ? fail(key, QStringLiteral("missing")) : true;
    if (!v.isObject()) return fail(key, QStringLiteral("must be an object {\"ko\": …, \"en\": …}"));
    const QJsonObject t = v.toObject();
    if (!onlyKeys(t, key + QLatin1Char('.'), {QStringLiteral("ko"), QStringLiteral("en")})) return false;
    for (const QString& lang : {QStringLiteral("ko"), QStringLiteral("en")}) {
      QString s;
      if (!string(t, lang, key + QLatin1Char('.') + lang, &s)) return false;
      if (s.trimmed().isEmpty()) return fail(key + QLatin1Char('.') + lang, QStringLiteral("empty"));
      (lang == QLatin1String("ko") ? out->ko : out->en) = s;
    }
    return true;
  }
  bool strings(const QJsonObject& obj, const QString& key, QStringList* out,
               const QRegularExpression* pattern = nullptr, const QStringList* allowed = nullptr) {
    const QJsonValue v = obj.value(key);
    if (v.isUndefined()) return true;
    if (!v.isArray()) return fail(key, QStringLiteral("must be an array of strings"));
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
      const QString field = QStringLiteral("%1[%2]").arg(key).arg(i);
      if (!a.at(i).isString()) return fail(field, QStringLiteral("must be a string"));
      const QString s = a.at(i).toString();
      if (pattern && !pattern->match(s).hasMatch()) {
        return fail(field, QStringLiteral("\"%1\" does not match %2").arg(s, pattern->pattern()));
      }
      if (allowed && !allowed->contains(s)) {
        return fail(field, QStringLiteral("\"%1\" is not one of %2").arg(s, allowed->join(QStringLiteral(", "))));
      }
      out->append(s);
    }
    return true;
  }

 private:
  QString file_;
  QString where_;
  QString error_;
};

bool parseCommand(Checker& c, const QJsonValue& value, const QString& field, LectureCommand* out) {
  if (!value.isObject()) return c.fail(field, QStringLiteral("must be an object {\"tool\", \"args\"}"));
  const QJsonObject o = value.toObject();
  const QString p = field + QLatin1Char('.');
  if (!c.onlyKeys(o, p,
                  {QStringLiteral("tool"), QStringLiteral("args"), QStringLiteral("stream"), QStringLiteral("needs"),
                   QStringLiteral("timeout"), QStringLiteral("cleanup")})) {
    return false;
  }
  if (!c.string(o, QStringLiteral("tool"), p + QStringLiteral("tool"), &out->tool)) return false;
  if (!kTools.contains(out->tool)) {
    return c.fail(
        p + QStringLiteral("tool"),
        QStringLiteral("\"%1\" is not a virtlab tool (%2)").arg(out->tool, kTools.join(QStringLiteral(", "))));
  }
  const QJsonValue args = o.value(QStringLiteral("args"));
  if (args.isUndefined()) return c.fail(p + QStringLiteral("args"), QStringLiteral("missing"));
  if (!args.isArray()) return c.fail(p + QStringLiteral("args"), QStringLiteral("must be an array of strings"));
  const QJsonArray a = args.toArray();
  for (int i = 0; i < a.size(); ++i) {
    if (!a.at(i).isString())
      return c.fail(QStringLiteral("%1args[%2]").arg(p).arg(i), QStringLiteral("must be a string"));
    out->args << a.at(i).toString();
  }
  const QJsonValue stream = o.value(QStringLiteral("stream"));
  if (!stream.isUndefined() && !stream.isBool())
    return c.fail(p + QStringLiteral("stream"), QStringLiteral("must be true or false"));
  out->stream = stream.toBool(false);
  const QJsonValue cleanup = o.value(QStringLiteral("cleanup"));
  if (!cleanup.isUndefined() && !cleanup.isBool())
    return c.fail(p + QStringLiteral("cleanup"), QStringLiteral("must be true or false"));
  out->cleanup = cleanup.toBool(false);
  const QJsonValue needs = o.value(QStringLiteral("needs"));
  if (!needs.isUndefined()) {
    if (!needs.isArray()) return c.fail(p + QStringLiteral("needs"), QStringLiteral("must be an array"));
    const QJsonArray n = needs.toArray();
    for (int i = 0; i < n.size(); ++i) {
      const QString need = n.at(i).toString();
      if (!n.at(i).isString() || !kNeeds.contains(need)) {
        return c.fail(QStringLiteral("%1needs[%2]").arg(p).arg(i),
                      QStringLiteral("\"%1\" is not one of %2").arg(need, kNeeds.join(QStringLiteral(", "))));
      }
      out->needs << need;
    }
  }
  const QJsonValue timeout = o.value(QStringLiteral("timeout"));
  if (!timeout.isUndefined()) {
    if (!timeout.isDouble() || timeout.toDouble() < 1) {
      return c.fail(p + QStringLiteral("timeout"), QStringLiteral("must be a number of seconds ≥ 1"));
    }
    out->timeoutSeconds = timeout.toDouble();
  }
  return true;
}

bool parseStep(Checker& c, const QJsonObject& o, LectureStep* step) {
  static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9-]+$"));
  static const QRegularExpression diagramPattern(QStringLiteral("^[0-9]{3}#[0-9]+$"));
  if (!c.onlyKeys(o, {},
                  {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("narration"), QStringLiteral("view"),
                   QStringLiteral("commands"), QStringLiteral("highlight"), QStringLiteral("presenter_note"),
                   QStringLiteral("concepts"), QStringLiteral("diagrams"), QStringLiteral("missing")})) {
    return false;
  }
  if (!c.string(o, QStringLiteral("id"), QStringLiteral("id"), &step->id, true, &idPattern)) return false;
  if (!c.text(o, QStringLiteral("title"), &step->title)) return false;
  if (!c.text(o, QStringLiteral("narration"), &step->narration)) return false;
  const QJsonValue view = o.value(QStringLiteral("view"));
  if (view.isUndefined()) return c.fail(QStringLiteral("view"), QStringLiteral("missing"));
  if (!view.isObject()) return c.fail(QStringLiteral("view"), QStringLiteral("must be an object {\"page\": …}"));
  const QJsonObject v = view.toObject();
  if (!c.onlyKeys(v, QStringLiteral("view."), {QStringLiteral("page"), QStringLiteral("options")})) return false;
  if (!c.string(v, QStringLiteral("page"), QStringLiteral("view.page"), &step->page)) return false;
  if (!kPages.contains(step->page)) {
    return c.fail(QStringLiteral("view.page"),
                  QStringLiteral("\"%1\" is not a page (%2)").arg(step->page, kPages.join(QStringLiteral(", "))));
  }
  const QJsonValue options = v.value(QStringLiteral("options"));
  if (!options.isUndefined()) {
    if (!options.isObject()) return c.fail(QStringLiteral("view.options"), QStringLiteral("must be an object"));
    const QJsonObject opts = options.toObject();
    for (auto it = opts.begin(); it != opts.end(); ++it) {
      if (!it.value().isString()) {
        return c.fail(QStringLiteral("view.options.") + it.key(), QStringLiteral("must be a string"));
      }
      step->options.insert(it.key(), it.value().toString());
    }
  }
  const QJsonValue commands = o.value(QStringLiteral("commands"));
  if (!commands.isUndefined()) {
    if (!commands.isArray()) return c.fail(QStringLiteral("commands"), QStringLiteral("must be an array"));
    const QJsonArray a = commands.toArray();
    for (int i = 0; i < a.size(); ++i) {
      LectureCommand command;
      if (!parseCommand(c, a.at(i), QStringLiteral("commands[%1]").arg(i), &command)) return false;
      step->commands << command;
    }
  }
  if (!c.strings(o, QStringLiteral("highlight"), &step->highlight)) return false;
  if (!c.text(o, QStringLiteral("presenter_note"), &step->presenterNote, false)) return false;
  if (o.value(QStringLiteral("concepts")).isUndefined())
    return c.fail(QStringLiteral("concepts"), QStringLiteral("missing"));
  if (!c.strings(o, QStringLiteral("concepts"), &step->concepts, &idPattern)) return false;
  if (step->concepts.isEmpty())
    return c.fail(QStringLiteral("concepts"), QStringLiteral("needs at least one concept id"));
  if (!c.strings(o, QStringLiteral("diagrams"), &step->diagrams, &diagramPattern)) return false;
  return c.text(o, QStringLiteral("missing"), &step->missing, false);
}

}  // namespace

int Lecture::indexOf(const QString& stepId) const {
  for (int i = 0; i < steps.size(); ++i) {
    if (steps.at(i).id == stepId) return i;
  }
  return -1;
}

LectureLoad parseLecture(const QByteArray& bytes, const QString& fileName) {
  LectureLoad result;
  result.lecture.path = fileName;
  Checker c(fileName);
  QJsonParseError parseError;
  const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    const qsizetype offset = parseError.offset;
    const qsizetype line = bytes.left(offset).count('\n') + 1;
    result.error = QStringLiteral("%1: not JSON at line %2 (byte %3): %4")
                       .arg(fileName)
                       .arg(line)
                       .arg(offset)
                       .arg(parseError.errorString());
    return result;
  }
  if (!json.isObject()) {
    result.error = QStringLiteral("%1: not a walkthrough: the top level must be an object").arg(fileName);
    return result;
  }
  const QJsonObject top = json.object();
  static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9-]+$"));
  Lecture& l = result.lecture;
  QString schema;
  const bool topOk =
      c.onlyKeys(top, {},
                 {QStringLiteral("schema"), QStringLiteral("id"), QStringLiteral("note"), QStringLiteral("title"),
                  QStringLiteral("steps")}) &&
      c.string(top, QStringLiteral("schema"), QStringLiteral("schema"), &schema) &&
      (schema == QLatin1String(kLectureSchema) ||
       c.fail(QStringLiteral("schema"),
              QStringLiteral("\"%1\" is not %2 (a newer format? update the explorer)").arg(schema, kLectureSchema))) &&
      c.string(top, QStringLiteral("id"), QStringLiteral("id"), &l.id, true, &idPattern) &&
      c.string(top, QStringLiteral("note"), QStringLiteral("note"), &l.note) &&
      c.text(top, QStringLiteral("title"), &l.title);
  if (!topOk) {
    result.error = c.error();
    return result;
  }
  const QString baseName = QFileInfo(fileName).completeBaseName();
  if (fileName.endsWith(QLatin1String(".json")) && baseName != l.id) {
    c.fail(QStringLiteral("id"), QStringLiteral("\"%1\" differs from the file name %2.json").arg(l.id, baseName));
    result.error = c.error();
    return result;
  }
  const QJsonValue steps = top.value(QStringLiteral("steps"));
  if (!steps.isArray() || steps.toArray().isEmpty()) {
    c.fail(QStringLiteral("steps"),
           steps.isUndefined() ? QStringLiteral("missing") : QStringLiteral("must be a non-empty array of steps"));
    result.error = c.error();
    return result;
  }
  const QJsonArray a = steps.toArray();
  QSet<QString> seen;
  for (int i = 0; i < a.size(); ++i) {
    const QJsonObject o = a.at(i).toObject();
    c.setStep(o.value(QStringLiteral("id")).toString(), i);
    if (!a.at(i).isObject()) {
      c.fail(QStringLiteral("steps[%1]").arg(i), QStringLiteral("must be an object"));
      break;
    }
    LectureStep step;
    if (!parseStep(c, o, &step)) break;
    if (seen.contains(step.id)) {
      c.fail(QStringLiteral("id"), QStringLiteral("used by an earlier step (step ids are unique)"));
      break;
    }
    seen.insert(step.id);
    l.steps << step;
  }
  result.error = c.error();
  return result;
}

LectureLoad loadLecture(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    LectureLoad result;
    result.lecture.path = path;
    result.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
    return result;
  }
  return parseLecture(file.readAll(), path);
}

QString defaultRecordingPath(const Lecture& lecture) {
  return QFileInfo(lecture.path).dir().filePath(QStringLiteral("recordings/%1.jsonl").arg(lecture.id));
}

QJsonObject RecordedStep::toJson() const {
  QJsonArray docs;
  for (const QJsonObject& d : documents) docs.append(d);
  QJsonArray fails;
  for (const RecordedFailure& f : failures) {
    fails.append(QJsonObject{{QStringLiteral("tool"), f.tool},
                             {QStringLiteral("args"), QJsonArray::fromStringList(f.args)},
                             {QStringLiteral("exit_code"), f.exitCode},
                             {QStringLiteral("error"), f.error}});
  }
  return QJsonObject{
      {QStringLiteral("schema"), QLatin1String(kRecordingSchema)},
      {QStringLiteral("lecture"), lecture},
      {QStringLiteral("step"), step},
      {QStringLiteral("recorded"), recorded.toUTC().toString(Qt::ISODate)},
      {QStringLiteral("host"), QJsonObject{{QStringLiteral("hostname"), hostname}, {QStringLiteral("kernel"), kernel}}},
      {QStringLiteral("documents"), docs},
      {QStringLiteral("failures"), fails}};
}

namespace {

// One line of a recording as a step; an empty error means the line was a step.
QString parseRecordingLine(const QByteArray& line, const QString& lectureId, RecordedStep* s) {
  QJsonParseError parseError;
  const QJsonDocument json = QJsonDocument::fromJson(line, &parseError);
  if (parseError.error != QJsonParseError::NoError || !json.isObject())
    return QStringLiteral("not a JSON object (%1)").arg(parseError.errorString());
  const QJsonObject o = json.object();
  if (o.value(QStringLiteral("schema")).toString() != QLatin1String(kRecordingSchema))
    return QStringLiteral("schema is not %1").arg(kRecordingSchema);
  s->lecture = o.value(QStringLiteral("lecture")).toString();
  s->step = o.value(QStringLiteral("step")).toString();
  if (s->step.isEmpty()) return QStringLiteral("no \"step\"");
  if (!lectureId.isEmpty() && s->lecture != lectureId)
    return QStringLiteral("recorded for lecture \"%1\", not \"%2\"").arg(s->lecture, lectureId);
  s->recorded = QDateTime::fromString(o.value(QStringLiteral("recorded")).toString(), Qt::ISODate);
  const QJsonObject host = o.value(QStringLiteral("host")).toObject();
  s->hostname = host.value(QStringLiteral("hostname")).toString();
  s->kernel = host.value(QStringLiteral("kernel")).toString();
  for (const auto& d : o.value(QStringLiteral("documents")).toArray()) {
    if (!d.isObject()) continue;
    s->documents << d.toObject();
  }
  for (const auto& f : o.value(QStringLiteral("failures")).toArray()) {
    const QJsonObject fo = f.toObject();
    RecordedFailure failure;
    failure.tool = fo.value(QStringLiteral("tool")).toString();
    for (const auto& a : fo.value(QStringLiteral("args")).toArray()) failure.args << a.toString();
    failure.exitCode = fo.value(QStringLiteral("exit_code")).toInt();
    failure.error = fo.value(QStringLiteral("error")).toString();
    s->failures << failure;
  }
  return {};
}

}  // namespace

RecordingLoad parseRecording(const QByteArray& bytes, const QString& path, const QString& lectureId) {
  RecordingLoad result;
  int lineNo = 0;
  for (qsizetype at = 0; at < bytes.size();) {
    qsizetype end = bytes.indexOf('\n', at);
    if (end < 0) end = bytes.size();
    const QByteArray line = bytes.mid(at, end - at).trimmed();
    at = end + 1;
    ++lineNo;
    if (line.isEmpty()) continue;
    RecordedStep s;
    const QString why = parseRecordingLine(line, lectureId, &s);
    if (!why.isEmpty()) {
      result.error = QStringLiteral("recording %1 line %2: %3").arg(path).arg(lineNo).arg(why);
      break;
    }
    result.steps.insert(s.step, s);
  }
  return result;
}

RecordingLoad loadRecording(const QString& path, const QString& lectureId) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    RecordingLoad result;
    result.error = QStringLiteral("recording %1: cannot read: %2").arg(path, file.errorString());
    return result;
  }
  return parseRecording(file.readAll(), path, lectureId);
}

bool saveRecording(const QString& path, const QList<RecordedStep>& steps, QString* error) {
  QByteArray bytes;
  for (const RecordedStep& s : steps) bytes += QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact) + '\n';
  const QFileInfo info(path);
  if (!info.dir().exists()) QDir().mkpath(info.dir().path());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

void currentHost(QString* hostname, QString* kernel) {
  struct utsname u {};
  if (::uname(&u) == 0) {
    *hostname = QString::fromUtf8(u.nodename);
    *kernel = QString::fromUtf8(u.release);
  }
}

QString missingNeed(const QString& need) {
  if (need == QLatin1String("root")) {
    return ::geteuid() == 0 ? QString() : QStringLiteral("needs root (the explorer runs as uid %1)").arg(::geteuid());
  }
  if (need == QLatin1String("kvm")) {
    if (!QFileInfo::exists(QStringLiteral("/dev/kvm"))) return QStringLiteral("needs KVM: no /dev/kvm");
    return ::access("/dev/kvm", R_OK | W_OK) == 0 ? QString() : QStringLiteral("needs KVM: /dev/kvm is not writable");
  }
  if (need == QLatin1String("cgroup2")) {
    return QFileInfo::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers"))
               ? QString()
               : QStringLiteral("needs pure cgroup v2: /sys/fs/cgroup is a v1 or hybrid hierarchy");
  }
  if (need == QLatin1String("swap")) {
    QFile swaps(QStringLiteral("/proc/swaps"));
    if (swaps.open(QIODevice::ReadOnly) && swaps.readAll().trimmed().count('\n') >= 1) return {};
    return QStringLiteral("needs swap: /proc/swaps lists no swap device");
  }
  if (need == QLatin1String("vlan-filtering")) {
    struct utsname u {};
    ::uname(&u);
    QFile config(QStringLiteral("/boot/config-%1").arg(QString::fromUtf8(u.release)));
    if (!config.open(QIODevice::ReadOnly)) return {};  // unknown: let the tool try and say
    return config.readAll().contains("CONFIG_BRIDGE_VLAN_FILTERING=y")
               ? QString()
               : QStringLiteral("needs bridge VLAN filtering: CONFIG_BRIDGE_VLAN_FILTERING is off in this kernel");
  }
  return QStringLiteral("needs %1, which the explorer does not know how to check").arg(need);
}

}  // namespace virtlab::explorer
