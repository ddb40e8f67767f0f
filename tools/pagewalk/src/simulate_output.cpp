#include "pagewalk/simulate_output.hpp"

#include <ostream>
#include <string>

namespace virtlab::pagewalk {

std::string_view algorithm_rule(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::fifo:
      return "FIFO evicts the page that was loaded first, however often it is used.";
    case Algorithm::lru:
      return "LRU evicts the page whose last use is oldest (the notes' example).";
    case Algorithm::clock:
      return "Clock gives every page a use bit (1 on load and on every hit); on a fault the hand clears 1s and "
             "evicts the first page whose bit is already 0 - a cheap approximation of LRU.";
    case Algorithm::opt:
      return "OPT evicts the page whose next use is farthest in the future (or never); it needs the future, so "
             "real kernels cannot run it, but no algorithm has fewer faults.";
  }
  return "";
}

namespace {

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "0%";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

}  // namespace

void render_simulation(std::ostream& out, const Terminal& term, const SimulationResult& r) {
  out << paint(term, Style::bold, std::string(algorithm_title(r.algorithm))) << " - " << r.frame_count
      << (r.frame_count == 1 ? " frame, " : " frames, ") << r.refs.size()
      << " references: " << format_reference_string(r.refs) << "\n";
  const bool clock = r.algorithm == Algorithm::clock;
  std::vector<Table::Column> columns{{"step", Align::right}, {"ref", Align::left}};
  for (std::size_t f = 0; f < r.frame_count; ++f) columns.push_back({"frame " + std::to_string(f), Align::left});
  if (clock) {
    columns.push_back({"use bits", Align::left});
    columns.push_back({"hand", Align::right});
  }
  columns.push_back({"result", Align::left});
  columns.push_back({"victim", Align::left});
  columns.push_back({"write-back", Align::left});
  Table table(columns);
  for (const Step& s : r.steps) {
    std::vector<Cell> row;
    row.emplace_back(std::to_string(s.index + 1));
    row.emplace_back(s.ref.page + (s.ref.write ? " (write)" : ""));
    std::string bits;
    for (std::size_t f = 0; f < s.frames.size(); ++f) {
      const FrameState& frame = s.frames[f];
      if (frame.page.empty()) {
        row.emplace_back("-", Style::dim);
      } else {
        std::string text = frame.page + (frame.dirty ? "*" : "");
        Style style = Style::plain;
        if (f == s.frame) {
          text = s.hit ? "(" + text + ")" : "[" + text + "]";
          style = s.hit ? Style::green : Style::yellow;
        }
        row.emplace_back(text, style);
      }
      if (clock) {
        if (!bits.empty()) bits += ' ';
        bits += frame.page.empty() ? "-" : (frame.use_bit ? "1" : "0");
      }
    }
    if (clock) {
      row.emplace_back(bits);
      row.emplace_back(std::to_string(s.clock_hand));
    }
    row.emplace_back(s.hit ? Cell("hit", Style::green) : Cell("MISS", Style::red));
    row.emplace_back(s.victim ? *s.victim : std::string());
    std::string wb;
    if (s.victim) wb = s.write_back ? "yes: " + *s.victim + " was Dirty" : "no (clean)";
    row.emplace_back(wb, s.write_back ? Style::magenta : Style::dim);
    table.add_row(std::move(row));
  }
  table.render(out, term);
  out << "page faults: " << paint(term, Style::bold, std::to_string(r.faults)) << " of " << r.refs.size() << " ("
      << percent(r.faults, r.refs.size()) << "), hits " << r.hits << ", evictions " << r.evictions
      << ", dirty write-backs " << r.write_backs << "\n";
  out << paint(term, Style::dim,
               "[x] loaded by this fault, (x) hit, x* Dirty (written since loaded: must be written back before its "
               "frame is reused)")
      << "\n";
  out << algorithm_rule(r.algorithm) << "\n";
}

void render_comparison(std::ostream& out, const Terminal& term, const std::vector<SimulationResult>& results) {
  Table table({{"algorithm", Align::left},
               {"frames", Align::right},
               {"faults", Align::right},
               {"hits", Align::right},
               {"evictions", Align::right},
               {"write-backs", Align::right},
               {"fault rate", Align::right}});
  for (const auto& r : results) {
    table.add_row({std::string(algorithm_name(r.algorithm)), std::to_string(r.frame_count),
                   Cell(std::to_string(r.faults), Style::bold), std::to_string(r.hits), std::to_string(r.evictions),
                   std::to_string(r.write_backs), percent(r.faults, r.refs.size())});
  }
  table.render(out, term);
}

std::vector<std::size_t> belady_anomalies(const FaultCurve& curve) {
  std::vector<std::size_t> at;
  for (std::size_t i = 1; i < curve.faults_by_frames.size(); ++i) {
    if (curve.faults_by_frames[i] > curve.faults_by_frames[i - 1]) at.push_back(i);  // i frames → i+1 frames
  }
  return at;
}

void render_fault_curves(std::ostream& out, const Terminal& term, const std::vector<FaultCurve>& curves) {
  if (curves.empty()) return;
  std::vector<Table::Column> columns{{"frames", Align::right}};
  for (const auto& c : curves) columns.push_back({std::string(algorithm_name(c.algorithm)), Align::right});
  Table table(columns);
  const std::size_t rows = curves.front().faults_by_frames.size();
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<Cell> row{std::to_string(i + 1)};
    for (const auto& c : curves) {
      const bool worse = i > 0 && c.faults_by_frames[i] > c.faults_by_frames[i - 1];
      row.emplace_back(std::to_string(c.faults_by_frames[i]) + (worse ? " !" : ""), worse ? Style::red : Style::plain);
    }
    table.add_row(std::move(row));
  }
  table.render(out, term);
  for (const auto& c : curves) {
    for (std::size_t n : belady_anomalies(c)) {
      out << paint(term, Style::red, "Belady's anomaly") << ": " << algorithm_name(c.algorithm) << " has "
          << c.faults_by_frames[n] << " faults with " << n + 1 << " frames but only " << c.faults_by_frames[n - 1]
          << " with " << n << " - more memory, more faults.\n";
    }
  }
}

Json references_to_json(const std::vector<Reference>& refs) {
  Json list = Json::array();
  for (const auto& ref : refs) list.push_back({{"page", ref.page}, {"write", ref.write}});
  return list;
}

Json simulation_to_json(const SimulationResult& r) {
  Json run;
  run["algorithm"] = std::string(algorithm_name(r.algorithm));
  run["frames"] = r.frame_count;
  run["faults"] = r.faults;
  run["hits"] = r.hits;
  run["evictions"] = r.evictions;
  run["write_backs"] = r.write_backs;
  Json steps = Json::array();
  for (const Step& s : r.steps) {
    Json step;
    step["step"] = s.index + 1;
    step["page"] = s.ref.page;
    step["write"] = s.ref.write;
    step["hit"] = s.hit;
    step["frame"] = s.frame;
    step["victim"] = s.victim ? Json(*s.victim) : Json(nullptr);
    step["write_back"] = s.write_back;
    Json frames = Json::array();
    for (const FrameState& f : s.frames) {
      if (f.page.empty()) {
        frames.push_back(nullptr);
        continue;
      }
      Json frame{{"page", f.page}, {"dirty", f.dirty}};
      if (r.algorithm == Algorithm::clock) frame["use_bit"] = f.use_bit;
      frames.push_back(std::move(frame));
    }
    step["frames"] = std::move(frames);
    if (r.algorithm == Algorithm::clock) step["clock_hand"] = s.clock_hand;
    steps.push_back(std::move(step));
  }
  run["steps"] = std::move(steps);
  return run;
}

Json fault_curve_to_json(const FaultCurve& curve) {
  Json anomalies = Json::array();
  for (std::size_t n : belady_anomalies(curve)) anomalies.push_back({{"frames", n}, {"more_frames", n + 1}});
  return {{"algorithm", std::string(algorithm_name(curve.algorithm))},
          {"faults_by_frames", curve.faults_by_frames},
          {"anomalies", std::move(anomalies)}};
}

}  // namespace virtlab::pagewalk
