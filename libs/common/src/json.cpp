#include "virtlab/json.hpp"

#include <sys/utsname.h>

#include <ctime>
#include <ostream>

#include "virtlab/explain.hpp"
#include "virtlab/version.hpp"

namespace virtlab {

Json make_document(std::string_view tool, int schema_major) {
  Json doc;
  doc["schema"] = std::string(tool) + "/" + std::to_string(schema_major);
  doc["tool"] = std::string(tool);
  doc["version"] = VIRTLAB_VERSION;
  utsname uts{};
  if (::uname(&uts) == 0) {
    doc["host"] = {{"hostname", uts.nodename}, {"kernel", uts.release}, {"machine", uts.machine}};
  }
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  doc["time"] = stamp;
  return doc;
}

void emit_document(std::ostream& out, Json doc) {
  if (explaining()) doc["explain"] = Explain::instance().to_json();
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  out.flush();
}

void emit_json_line(std::ostream& out, const Json& doc) {
  out << doc.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  out.flush();
}

}  // namespace virtlab
