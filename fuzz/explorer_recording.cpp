// Lecture recordings (lectures/recordings/<id>.jsonl): one JSON line per step with the documents it printed.
// parseRecording is what loadRecording runs on the file's bytes, so the input goes in without a file.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "models/lecture.h"

using namespace virtlab::explorer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  const QString path = QStringLiteral("fuzz.jsonl");
  RecordingLoad load = parseRecording(bytes, path);
  FUZZ_CHECK(!load.error.contains(QLatin1Char('\n')));
  FUZZ_CHECK(load.ok() || load.error.startsWith(QStringLiteral("recording fuzz.jsonl line ")));
  for (auto it = load.steps.cbegin(); it != load.steps.cend(); ++it) FUZZ_CHECK(it.key() == it.value().step);
  // A recording of one lecture is refused for another, naming both.
  if (load.ok() && !load.steps.isEmpty())
    FUZZ_CHECK(!parseRecording(bytes, path, load.steps.first().lecture + QStringLiteral("-other")).ok());
  return 0;
}
