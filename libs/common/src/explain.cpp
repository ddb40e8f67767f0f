#include "virtlab/explain.hpp"

#include <cstring>
#include <ostream>

namespace virtlab {

Explain& Explain::instance() {
  static Explain log;
  return log;
}

void Explain::enable(std::ostream& live_output) {
  enabled_ = true;
  out_ = &live_output;
}

void Explain::disable() {
  enabled_ = false;
  out_ = nullptr;
}

void Explain::step(std::string call, std::string target, std::string result, std::string meaning) {
  if (!enabled_) return;
  ExplainStep s{static_cast<int>(steps_.size()) + 1, std::move(call), std::move(target), std::move(result),
                std::move(meaning)};
  if (out_ != nullptr) {
    *out_ << "[" << s.number << "] " << s.call << "(" << s.target << ") = " << s.result;
    if (!s.meaning.empty()) *out_ << "  — " << s.meaning;
    *out_ << '\n';
    out_->flush();
  }
  steps_.push_back(std::move(s));
}

void Explain::note(const std::string& text) {
  if (!enabled_) return;
  if (out_ != nullptr) {
    *out_ << "# " << text << '\n';
    out_->flush();
  }
  steps_.push_back(ExplainStep{static_cast<int>(steps_.size()) + 1, "note", {}, {}, text});
}

nlohmann::ordered_json Explain::to_json() const {
  auto list = nlohmann::ordered_json::array();
  for (const auto& s : steps_) {
    nlohmann::ordered_json item;
    item["step"] = s.number;
    item["call"] = s.call;
    item["target"] = s.target;
    item["result"] = s.result;
    if (!s.meaning.empty()) item["meaning"] = s.meaning;
    list.push_back(std::move(item));
  }
  return list;
}

std::string errno_result(int err) {
  const char* name = strerrorname_np(err);
  return std::string("-1 ") + (name != nullptr ? name : "E?") + " (" + std::strerror(err) + ")";
}

}  // namespace virtlab
