// Lecture walkthroughs (lectures/<id>.json): parsed and validated, a bad one reported in one line.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "models/lecture.h"

using namespace virtlab::explorer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  LectureLoad load = parseLecture(bytes, QStringLiteral("fuzz.json"));
  FUZZ_CHECK(!load.error.contains(QLatin1Char('\n')));  // one line naming the file, step and field
  if (load.ok()) {
    for (int i = 0; i < load.lecture.steps.size(); ++i) {
      const LectureStep& step = load.lecture.steps[i];
      FUZZ_CHECK(!step.id.isEmpty() && load.lecture.indexOf(step.id) == i);  // step ids are unique
      for (const auto& command : step.commands) FUZZ_CHECK(!command.tool.isEmpty());
    }
  } else {
    FUZZ_CHECK(load.error.startsWith(QStringLiteral("fuzz.json")));
  }
  return 0;
}
