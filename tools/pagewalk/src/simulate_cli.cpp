#include "pagewalk/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pagewalk/simulate.hpp"
#include "pagewalk/simulate_output.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/fd.hpp"
#include "virtlab/json.hpp"

namespace virtlab::pagewalk {

namespace {

struct SimulateOptions {
  std::vector<std::string> refs;
  std::string refs_file;
  std::size_t frames = 3;
  std::vector<std::string> algorithms{"all"};
  bool summary = false;
  bool belady = false;
  bool sweep = false;
  bool answers = false;
  std::optional<std::uint64_t> seed;
  std::optional<std::size_t> length;
  std::optional<std::size_t> pages;
  std::optional<unsigned> write_percent;
};

std::vector<Algorithm> chosen_algorithms(const std::vector<std::string>& names) {
  std::vector<Algorithm> out;
  for (const auto& name : names) {
    if (name == "all") {
      out.assign(std::begin(kAllAlgorithms), std::end(kAllAlgorithms));
      continue;
    }
    auto a = algorithm_from_name(name);
    if (!a) {
      throw Error(ExitCode::usage, "unknown algorithm '" + name + "'",
                  "choose fifo, lru, clock, opt or all (comma-separated: -a fifo,lru)");
    }
    if (std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
  }
  return out;
}

std::size_t distinct_pages(const std::vector<Reference>& refs) {
  std::set<std::string> pages;
  for (const auto& r : refs) pages.insert(r.page);
  return pages.size();
}

std::string practice_command(const SimulateOptions& o, const PracticeSpec& spec, const std::string& algorithms) {
  return "pagewalk simulate --seed " + std::to_string(spec.seed) + " --length " + std::to_string(spec.length) +
         " --pages " + std::to_string(spec.pages) + " --write-percent " + std::to_string(spec.write_percent) +
         " --frames " + std::to_string(o.frames) + (algorithms == "all" ? "" : " -a " + algorithms) + " --answers";
}

void print_worksheet(std::ostream& out, const Terminal& term, const std::vector<Reference>& refs, std::size_t frames) {
  std::vector<Table::Column> columns{{"step", Align::right}, {"ref", Align::left}};
  for (std::size_t f = 0; f < frames; ++f) columns.push_back({"frame " + std::to_string(f), Align::left});
  columns.push_back({"hit/MISS", Align::left});
  columns.push_back({"victim", Align::left});
  columns.push_back({"write-back", Align::left});
  Table table(columns);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    std::vector<Cell> row{std::to_string(i + 1), refs[i].page + (refs[i].write ? " (write)" : "")};
    for (std::size_t f = 0; f < frames + 3; ++f) row.emplace_back("____");
    table.add_row(std::move(row));
  }
  table.render(out, term);
}

// Options that contradict each other or the exercise mode: a usage error before any work.
void check_simulate_options(const SimulateOptions& o) {
  const bool practice = o.seed.has_value();
  if (!practice && (o.length || o.pages || o.write_percent || o.answers)) {
    throw Error(ExitCode::usage, "--length, --pages, --write-percent and --answers belong to a practice exercise",
                "add --seed N to generate one, e.g. pagewalk simulate --seed 7 --length 12");
  }
  if (practice && (!o.refs.empty() || !o.refs_file.empty())) {
    throw Error(ExitCode::usage, "both a reference string and --seed were given",
                "give either pages to reference or --seed N for a generated exercise");
  }
  if (!o.refs.empty() && !o.refs_file.empty()) {
    throw Error(ExitCode::usage, "both a reference string and --file were given", "give only one of them");
  }
  if (o.frames == 0 || o.frames > 64) {
    throw Error(ExitCode::usage, "--frames must be between 1 and 64", "e.g. --frames 3");
  }
  if (practice && o.belady) {
    throw Error(ExitCode::usage, "--belady uses its own reference string", "drop --seed, or drop --belady");
  }
}

std::string read_reference_file(const std::string& path) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    explain("read", "standard input", std::to_string(text.size()) + " bytes", "the reference string");
  } else {
    text = read_file(path, 1u << 20, "give a readable text file of pages, e.g. \"7 0 1 2w 0 3\"");
  }
  return text;
}

// The reference string: generated (--seed), from --file, from the arguments, or Belady's.
std::vector<Reference> load_references(const SimulateOptions& o, PracticeSpec& spec) {
  std::vector<Reference> refs;
  if (o.seed) {
    spec.seed = *o.seed;
    if (o.length) spec.length = *o.length;
    if (o.pages) spec.pages = *o.pages;
    if (o.write_percent) spec.write_percent = *o.write_percent;
    refs = practice_reference_string(spec);
  } else if (!o.refs_file.empty()) {
    refs = parse_reference_string(read_reference_file(o.refs_file));
  } else if (!o.refs.empty()) {
    std::string joined;
    for (const auto& r : o.refs) joined += r + " ";
    refs = parse_reference_string(joined);
  } else if (o.belady) {
    refs = parse_reference_string(kBeladyReferenceString);
  } else {
    throw Error(ExitCode::usage, "no reference string",
                "give pages to reference (pagewalk simulate 7 0 1 2w 0 3 --frames 3), --seed N for practice, or "
                "--belady");
  }
  if (refs.size() > 10000) {
    throw Error(ExitCode::usage, "the reference string has " + std::to_string(refs.size()) + " references",
                "give at most 10000");
  }
  return refs;
}

// Everything one simulate command computed, for the JSON document or the text.
struct SimulationOutcome {
  bool practice = false;
  PracticeSpec spec;
  std::vector<Reference> refs;
  std::vector<Algorithm> algorithms;
  std::string algorithm_list;  // as given (-a), for the answers command
  std::vector<SimulationResult> runs;
  std::vector<FaultCurve> curves;
  bool show_answers = true;
};

SimulationOutcome run_simulations(const SimulateOptions& o) {
  SimulationOutcome r;
  r.practice = o.seed.has_value();
  r.refs = load_references(o, r.spec);
  r.algorithms = o.belady ? std::vector<Algorithm>{Algorithm::fifo} : chosen_algorithms(o.algorithms);
  for (const auto& name : o.algorithms) r.algorithm_list += (r.algorithm_list.empty() ? "" : ",") + name;
  if (o.belady) {
    r.runs.push_back(simulate(Algorithm::fifo, r.refs, o.frames));
    r.runs.push_back(simulate(Algorithm::fifo, r.refs, o.frames + 1));
  } else {
    for (Algorithm a : r.algorithms) r.runs.push_back(simulate(a, r.refs, o.frames));
  }
  if (o.belady || o.sweep) {
    const std::size_t max_frames = std::max(distinct_pages(r.refs), o.frames + 1);
    for (Algorithm a : kAllAlgorithms) r.curves.push_back({a, fault_curve(a, r.refs, max_frames)});
  }
  r.show_answers = !r.practice || o.answers;
  return r;
}

void emit_simulation_json(const SimulateOptions& o, const SimulationOutcome& r) {
  Json doc = make_document("pagewalk", 1);
  doc["kind"] = "simulate";
  doc["references"] = references_to_json(r.refs);
  doc["reference_string"] = format_reference_string(r.refs);
  doc["frames"] = o.frames;
  doc["mode"] = o.belady ? "belady" : (r.practice ? "practice" : "simulate");
  if (r.practice) {
    doc["practice"] = {{"seed", r.spec.seed},
                       {"length", r.spec.length},
                       {"pages", r.spec.pages},
                       {"write_percent", r.spec.write_percent},
                       {"answers_command", practice_command(o, r.spec, r.algorithm_list)}};
  }
  doc["answers"] = r.show_answers;
  Json run_list = Json::array();
  if (r.show_answers) {
    for (const auto& run : r.runs) run_list.push_back(simulation_to_json(run));
  } else {
    for (Algorithm a : r.algorithms)
      run_list.push_back({{"algorithm", std::string(algorithm_name(a))}, {"frames", o.frames}});
  }
  doc["runs"] = std::move(run_list);
  if (!r.curves.empty()) {
    Json curve_list = Json::array();
    for (const auto& c : r.curves) curve_list.push_back(fault_curve_to_json(c));
    doc["fault_curves"] = std::move(curve_list);
  }
  emit_document(std::cout, std::move(doc));
}

// A practice exercise without --answers: the empty worksheet and the command that shows the answers.
void print_practice_sheet(std::ostream& out, const Terminal& term, const SimulateOptions& o,
                          const SimulationOutcome& r) {
  out << paint(term, Style::bold, "Practice exercise") << " (seed " << r.spec.seed << "): " << o.frames
      << " frames, all empty at the start; algorithm" << (r.algorithms.size() > 1 ? "s " : " ");
  for (std::size_t i = 0; i < r.algorithms.size(); ++i) out << (i ? ", " : "") << algorithm_name(r.algorithms[i]);
  out << "\nreference string: " << paint(term, Style::bold, format_reference_string(r.refs)) << "\n"
      << "(w = the reference writes to the page, so the page becomes Dirty)\n\n"
      << "For each algorithm, fill in the frames after every reference, mark hit or MISS, name each victim and\n"
         "say whether it had to be written back (it was Dirty). Then count the page faults and write-backs.\n\n";
  print_worksheet(out, term, r.refs, o.frames);
  out << "\nCheck your answers: " << practice_command(o, r.spec, r.algorithm_list) << "\n";
}

void print_simulations(std::ostream& out, const Terminal& term, const SimulateOptions& o, const SimulationOutcome& r) {
  if (o.belady) {
    out << paint(term, Style::bold, "Belady's anomaly") << ": with FIFO, giving a process MORE frames can cause MORE\n"
        << "page faults. Watch the same reference string with " << o.frames << " and then " << o.frames + 1
        << " frames.\n\n";
  }
  for (std::size_t i = 0; i < r.runs.size(); ++i) {
    if (!o.summary) {
      render_simulation(out, term, r.runs[i]);
      out << "\n";
    }
  }
  if (r.runs.size() > 1 || o.summary) {
    render_comparison(out, term, r.runs);
  }
  if (!r.curves.empty()) {
    out << "\nFaults by number of frames (\"!\" = more faults than with one frame less):\n";
    render_fault_curves(out, term, r.curves);
    if (o.belady) {
      out << "\nWhy: with FIFO the pages kept in n+1 frames are not always a superset of those kept in n frames, so\n"
             "a page still there with fewer frames can be gone with more. Clock can show it too (with every use bit\n"
             "set it behaves like FIFO). LRU and OPT are stack algorithms - what they keep in n frames is always\n"
             "inside what they keep in n+1 - so more frames can never hurt them.\n";
    }
  }
}

int run_simulate(const ToolApp& app, const SimulateOptions& o) {
  if (explaining()) {
    Explain::instance().note("simulate is pure computation: it reads no kernel state and makes no system calls");
  }
  check_simulate_options(o);
  const SimulationOutcome outcome = run_simulations(o);
  if (app.common().json) {
    emit_simulation_json(o, outcome);
  } else if (outcome.practice && !o.answers) {
    print_practice_sheet(std::cout, app.terminal(), o, outcome);
  } else {
    print_simulations(std::cout, app.terminal(), o, outcome);
  }
  return 0;
}

}  // namespace

void register_simulate(CommandSet& commands) {
  auto options = std::make_shared<SimulateOptions>();
  ToolApp& app = commands.app();
  CLI::App* sub = commands.add(
      "simulate", "Page-replacement simulator: FIFO, LRU, Clock and OPT on a reference string, step by step",
      [&app, options] { return run_simulate(app, *options); });
  sub->footer(
      "Examples:\n"
      "  pagewalk simulate 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 --frames 3\n"
      "  pagewalk simulate A B C D Aw E A -a lru --frames 4     (w = a write: the page becomes Dirty)\n"
      "  pagewalk simulate --belady\n"
      "  pagewalk simulate --seed 42 --length 12 --pages 6     (practice; add --answers to check)");
  sub->add_option("refs", options->refs,
                  "Reference string: pages as numbers or capital letters, a trailing w marks a write (\"1 2 3w 4\")");
  sub->add_option("--file", options->refs_file, "Read the reference string from a file (- for standard input)");
  sub->add_option("-f,--frames", options->frames, "Number of physical frames (default 3)");
  sub->add_option("-a,--algorithm", options->algorithms, "fifo, lru, clock, opt or all (comma-separated)")
      ->delimiter(',')
      ->default_str("all");
  sub->add_flag("--summary", options->summary, "Only the comparison of fault counts, no step tables");
  sub->add_flag("--belady", options->belady,
                "Belady's anomaly: FIFO on 1 2 3 4 1 2 5 1 2 3 4 5 with 3 and 4 frames, and fault curves");
  sub->add_flag("--sweep", options->sweep, "Also show fault counts for every frame count from 1 up");
  sub->add_option("--seed", options->seed, "Practice: generate a reference string from this seed");
  sub->add_option("--length", options->length, "Practice: number of references (default 12)");
  sub->add_option("--pages", options->pages, "Practice: distinct pages 0..P-1 (default 6)");
  sub->add_option("--write-percent", options->write_percent, "Practice: share of writes in percent (default 25)");
  sub->add_flag("--answers", options->answers, "Practice: show the solution");
}

}  // namespace virtlab::pagewalk
