// The JSON contract: every tool document starts with "schema": "<tool>/<major>" (schemas/<tool>.v<major>.json).
#pragma once

#include <iosfwd>
#include <string_view>

#include <nlohmann/json.hpp>

namespace virtlab {

using Json = nlohmann::ordered_json;

// {"schema": "<tool>/<major>", "tool": "<tool>", "version": "0.1.0", "host": {"hostname", "kernel", "machine"},
//  "time": "2026-11-25T10:30:00Z"} — the common header every tool document carries.
Json make_document(std::string_view tool, int schema_major);

// One pretty-printed document (+ newline). When --explain is on, adds the step log as "explain".
void emit_document(std::ostream& out, Json doc);
// One compact line (JSON Lines, for live streams such as cgtop's feed); flushed at once.
void emit_json_line(std::ostream& out, const Json& doc);

}  // namespace virtlab
