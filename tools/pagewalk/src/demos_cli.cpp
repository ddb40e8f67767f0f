// `pagewalk demo NAME` and `pagewalk tour`: the demos on the terminal (tables + explanations) or as JSON.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "pagewalk/commands.hpp"
#include "pagewalk/demos.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {

// Lines wrapped to the terminal width (at most 110 columns), for the explanations.
void print_wrapped(std::ostream& out, std::string_view text, int width, std::string_view indent = "") {
  const auto limit = static_cast<std::size_t>(std::max(40, std::min(width, 110)));
  std::string line(indent);
  for (auto word : split_whitespace(text)) {
    if (line.size() > indent.size() && line.size() + 1 + word.size() > limit) {
      out << line << '\n';
      line = std::string(indent);
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
  }
  if (line.size() > indent.size()) out << line << '\n';
}

std::string flag_summary(const AddressWalk& w) {
  if (!w.kpageflags) return w.entry.present() ? "(hidden)" : "";
  std::string out;
  for (const auto& name : kernel::kpageflag_names(*w.kpageflags)) {
    // Skip the flags that say nothing in these demos.
    if (name == "UPTODATE" || name == "MMAP") continue;
    if (!out.empty()) out += ' ';
    out += name;
  }
  return out.empty() ? "-" : out;
}

}  // namespace

void render_demo_header(std::ostream& out, const Terminal& term, const DemoReport& report) {
  out << paint(term, Style::bold, "pagewalk demo " + report.name + ": " + report.title) << "\n";
  print_wrapped(out, report.intro, term.width);
  out << "\n";
}

void render_demo_stage(std::ostream& out, const Terminal& term, const DemoStage& stage, bool full) {
  out << paint(term, Style::cyan, stage.title) << "\n";
  Table table({{"page"},
               {"pid", Align::right},
               {"address", Align::right},
               {"present"},
               {"PFN", Align::right},
               {"excl"},
               {"file"},
               {"count", Align::right},
               {"kpageflags"}});
  for (const auto& o : stage.observations) {
    const auto& w = o.walk;
    std::string present = w.entry.present() ? "yes" : (w.entry.swapped() ? "SWAPPED" : "no");
    std::string pfn =
        w.entry.present()
            ? (w.pfn ? hex(*w.pfn) : "hidden")
            : (w.entry.swapped() ? "swap " + std::to_string(w.entry.swap_type()) + ":" + hex(w.entry.swap_offset())
                                 : "-");
    table.add_row({o.label, std::to_string(w.process.pid), hex(w.address),
                   Cell(present, w.entry.present() ? Style::green : Style::yellow), Cell(pfn, Style::bold),
                   w.entry.exclusive() ? "1" : "0", w.entry.file_or_shared() ? "1" : "0",
                   w.kpagecount ? std::to_string(*w.kpagecount) : std::string("-"), flag_summary(w)});
  }
  table.render(out, term);
  print_wrapped(out, stage.explanation, term.width, "  ");
  if (full) {
    for (const auto& o : stage.observations) {
      out << "\n"
          << paint(term, Style::dim,
                   "--- pagewalk " + std::to_string(o.walk.process.pid) + " " + hex(o.walk.address) + "  (" + o.label +
                       ")")
          << "\n";
      render(out, term, o.walk);
    }
  }
  out << "\n";
}

void render_demo_footer(std::ostream& out, const Terminal& term, const DemoReport& report) {
  print_wrapped(out, "What it shows: " + report.conclusion, term.width);
  for (const auto& note : report.notes) {
    print_wrapped(out, "note: " + note, term.width);
  }
  out << paint(term, Style::dim,
               "columns: excl = pagemap bit 56 (mapped by one process only), file = bit 61 (file page or shared), "
               "count = kpagecount (mappings of the frame)")
      << "\n";
}

Json demo_to_json(const DemoReport& report) {
  Json doc;
  doc["demo"] = report.name;
  doc["title"] = report.title;
  doc["intro"] = report.intro;
  doc["ran"] = report.ran;
  Json stages = Json::array();
  for (const auto& s : report.stages) {
    Json observations = Json::array();
    for (const auto& o : s.observations) observations.push_back({{"label", o.label}, {"walk", to_json(o.walk)}});
    stages.push_back({{"title", s.title}, {"explanation", s.explanation}, {"observations", std::move(observations)}});
  }
  doc["stages"] = std::move(stages);
  Json facts = Json::object();
  Json meanings = Json::object();
  for (const auto& f : report.facts) {
    facts[f.name] = f.value;
    meanings[f.name] = f.meaning;
  }
  doc["facts"] = std::move(facts);
  doc["fact_meanings"] = std::move(meanings);
  doc["conclusion"] = report.conclusion;
  doc["notes"] = report.notes;
  return doc;
}

namespace {

struct DemoCliOptions {
  std::string name;
  bool list = false;
  bool full = false;
  bool pause = false;
};

struct TourOptions {
  std::vector<std::string> only;
  bool full = false;
  bool no_pause = false;
};

// The whole --json document: the common header, "kind": "demo", then the report.
Json demo_document(const DemoReport& report) {
  Json doc = make_document("pagewalk", 1);
  doc["kind"] = "demo";
  const Json body = demo_to_json(report);
  for (auto it = body.begin(); it != body.end(); ++it) doc[it.key()] = it.value();
  return doc;
}

bool interactive() {
  return ::isatty(STDIN_FILENO) != 0 && ::isatty(STDOUT_FILENO) != 0;
}

void wait_for_enter(std::ostream& out, const Terminal& term, const std::string& prompt) {
  out << paint(term, Style::dim, prompt) << std::flush;
  std::string line;
  std::getline(std::cin, line);
  InterruptGuard::throw_if_requested();
}

const DemoInfo& demo_or_throw(const std::string& name) {
  if (const DemoInfo* d = find_demo(name)) return *d;
  std::string names;
  for (const auto& d : all_demos()) names += (names.empty() ? "" : ", ") + std::string(d.name);
  throw Error(ExitCode::usage, "no demo named '" + name + "'", "choose one of: " + names);
}

DemoOptions live_options(const Terminal& term, bool json, bool full, bool pause) {
  DemoOptions options;
  options.pause = pause;
  if (json) return options;
  options.on_stage = [term, full, pause](const DemoReport& report, const DemoStage& stage) {
    if (report.stages.size() == 1) render_demo_header(std::cout, term, report);
    render_demo_stage(std::cout, term, stage, full);
    if (pause && !stage.observations.empty()) {
      const auto& w = stage.observations.front().walk;
      wait_for_enter(std::cout, term,
                     "[paused - the child is alive: try `pagewalk " + std::to_string(w.process.pid) + " " +
                         hex(w.address) + "` in another terminal; Enter continues] ");
    }
  };
  return options;
}

void list_demos(std::ostream& out, const Terminal& term) {
  Table table({{"demo"}, {"what it shows"}});
  for (const auto& d : all_demos()) table.add_row({Cell(std::string(d.name), Style::bold), std::string(d.summary)});
  table.render(out, term);
}

int run_demo(ToolApp& app, const DemoCliOptions& o) {
  const Terminal term = app.terminal();
  if (o.list || o.name.empty()) {
    if (o.name.empty() && !o.list) {
      throw Error(ExitCode::usage, "which demo?",
                  "give a name (pagewalk demo --list shows them), e.g. pagewalk demo cow");
    }
    if (app.common().json) {
      Json doc = make_document("pagewalk", 1);
      doc["kind"] = "demo-list";
      Json list = Json::array();
      for (const auto& d : all_demos()) list.push_back({{"name", d.name}, {"summary", d.summary}});
      doc["demos"] = std::move(list);
      emit_document(std::cout, std::move(doc));
    } else {
      list_demos(std::cout, term);
    }
    return 0;
  }
  const DemoInfo& info = demo_or_throw(o.name);
  if (o.pause && !interactive()) {
    throw Error(ExitCode::usage, "--pause needs a terminal on standard input and output", "drop --pause");
  }
  InterruptGuard guard;  // the children are killed and reaped on Ctrl-C / SIGTERM
  DemoReport report = info.run(live_options(term, app.common().json, o.full, o.pause));
  if (app.common().json) {
    emit_document(std::cout, demo_document(report));
  } else {
    render_demo_footer(std::cout, term, report);
  }
  return 0;
}

int run_tour(ToolApp& app, const TourOptions& o) {
  const Terminal term = app.terminal();
  const bool json = app.common().json;
  const bool pause = !o.no_pause && !json && interactive();
  std::vector<const DemoInfo*> chosen;
  if (o.only.empty()) {
    for (const auto& d : all_demos()) chosen.push_back(&d);
  } else {
    for (const auto& name : o.only) chosen.push_back(&demo_or_throw(name));
  }
  InterruptGuard guard;
  std::ostream& out = std::cout;
  if (!json) {
    out << paint(term, Style::bold, "virtlab tour: virtual memory on the real kernel") << "\n";
    print_wrapped(out,
                  "The course notes explain virtual memory with pictures: pages and frames, page tables with "
                  "Present/Dirty/Reference bits, page faults, swapping. This tour makes each of them happen in a "
                  "real child process and reads its page tables with pagewalk, before and after. Every number "
                  "below comes from this kernel, now (/proc/PID/pagemap, /proc/kpageflags, /proc/PID/stat).",
                  term.width);
    if (pause) out << paint(term, Style::dim, "(Enter moves on; Ctrl-C stops and cleans up.)") << "\n";
    out << "\n";
  }
  int failures = 0;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const DemoInfo& info = *chosen[i];
    if (!json) {
      out << paint(term, Style::magenta,
                   "=== " + std::to_string(i + 1) + "/" + std::to_string(chosen.size()) + "  " +
                       std::string(info.name) + " ===")
          << "\n";
    }
    try {
      DemoReport report = info.run(live_options(term, json, o.full, false));
      if (json) {
        emit_json_line(out, demo_document(report));
      } else {
        render_demo_footer(out, term, report);
      }
    } catch (const Error& e) {
      if (e.code() == ExitCode::interrupted) throw;
      ++failures;
      std::cerr << "pagewalk: demo " << info.name << ": " << e.one_line() << "\n";
    }
    if (!json) out << "\n";
    if (pause && i + 1 < chosen.size()) {
      wait_for_enter(out, term, "[Enter: next demo, " + std::string(chosen[i + 1]->name) + "] ");
      out << "\n";
    }
  }
  if (!json) {
    out << "Try it yourself: `pagewalk $$` shows your shell's memory, `pagewalk simulate --belady` the page-"
           "replacement side, `pagewalk demo --list` every demo.\n";
  }
  if (failures > 0) {
    throw Error(ExitCode::failure,
                std::to_string(failures) + " of " + std::to_string(chosen.size()) + " demos could not run (see above)",
                "the messages above say why; run a single demo with --explain for details");
  }
  return 0;
}

}  // namespace

void register_demo(CommandSet& commands) {
  ToolApp& app = commands.app();
  auto demo = std::make_shared<DemoCliOptions>();
  CLI::App* sub = commands.add("demo",
                               "Run a virtual-memory demo in a child process and show its page tables before and "
                               "after (fault, two-processes, cow, referenced, file-vs-anon, thp, swap)",
                               [&app, demo] { return run_demo(app, *demo); });
  sub->add_option("name", demo->name, "The demo: fault, two-processes, cow, referenced, file-vs-anon, thp, swap");
  sub->add_flag("--list", demo->list, "List the demos");
  sub->add_flag("--full", demo->full, "Also print pagewalk's complete walk for every page shown");
  sub->add_flag("--pause", demo->pause,
                "Stop after each stage (the child stays alive, so you can run pagewalk on it yourself)");
  sub->footer("Examples:\n  pagewalk demo cow\n  pagewalk demo fault --full\n  pagewalk demo two-processes --json");

  auto tour = std::make_shared<TourOptions>();
  CLI::App* tour_sub =
      commands.add("tour", "Guided tour: every demo in order with explanations (pauses between demos on a terminal)",
                   [&app, tour] { return run_tour(app, *tour); });
  tour_sub->add_option("--only", tour->only, "Only these demos (comma-separated)")->delimiter(',');
  tour_sub->add_flag("--full", tour->full, "Also print pagewalk's complete walk for every page shown");
  tour_sub->add_flag("--no-pause", tour->no_pause, "Do not wait for Enter between demos");
}

}  // namespace virtlab::pagewalk
