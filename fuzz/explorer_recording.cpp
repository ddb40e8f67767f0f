// Lecture recordings (lectures/recordings/<id>.jsonl): one JSON line per step with the documents it printed.
// loadRecording reads a path, so the input is handed over as a memfd.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "models/lecture.h"

using namespace virtlab::explorer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const int fd = memfd_create("recording", 0);
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  const QString path = QStringLiteral("/proc/self/fd/%1").arg(fd);
  RecordingLoad load = loadRecording(path);
  FUZZ_CHECK(!load.error.contains(QLatin1Char('\n')));
  FUZZ_CHECK(load.ok() || load.error.startsWith(QStringLiteral("recording ")));
  for (auto it = load.steps.cbegin(); it != load.steps.cend(); ++it) FUZZ_CHECK(it.key() == it.value().step);
  // A recording of one lecture is refused for another, naming both.
  if (load.ok() && !load.steps.isEmpty())
    FUZZ_CHECK(!loadRecording(path, load.steps.first().lecture + QStringLiteral("-other")).ok());
  return 0;
}
