#include "virtlab/cli.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/version.hpp"

namespace virtlab {

std::string version_string() {
  return VIRTLAB_VERSION;
}

int exit_without_teardown(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return code;
#else
  ::_exit(code);
#endif
}

namespace {

// The hidden flags that print generated docs; they need every subcommand declared.
constexpr const char* kManPageFlag = "--man-page";
constexpr const char* kCompletionFlag = "--bash-completion";

// Every subcommand at any depth, parents before children.
void collect_subcommands(CLI::App* app, std::vector<CLI::App*>& out) {
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    out.push_back(sub);
    collect_subcommands(sub, out);
  }
}

bool hidden(const CLI::Option* opt) {
  return opt->get_group().empty();
}

std::string roff_escape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string option_synopsis(const CLI::Option* opt) {
  std::string names = opt->get_name(false, true);
  std::string type = opt->get_type_name();
  if (opt->get_type_size() != 0 && !type.empty()) names += " " + type;
  return names;
}

void man_options(std::ostringstream& out, const CLI::App* app) {
  for (const CLI::Option* opt : app->get_options()) {
    if (hidden(opt)) continue;
    std::string name = opt->get_positional() ? opt->get_name() : option_synopsis(opt);
    out << ".TP\n.B " << roff_escape(name) << "\n" << roff_escape(opt->get_description()) << "\n";
  }
}

std::string command_path(const CLI::App* app) {
  std::string path = app->get_name();
  for (const CLI::App* parent = app->get_parent(); parent != nullptr && parent->get_parent() != nullptr;
       parent = parent->get_parent()) {
    path.insert(0, parent->get_name() + " ");
  }
  return path;
}

}  // namespace

ToolApp::ToolApp(ToolInfo info) : info_(std::move(info)), app_(info_.summary, info_.name) {
  if (!info_.description.empty()) app_.description(info_.summary + "\n\n" + info_.description);
  app_.set_version_flag("--version", info_.name + " (virtlab) " + version_string(), "Print the version and exit");
  app_.add_flag("--json", common_.json, "Print machine-readable JSON (schema " + info_.name + "/1, see schemas/)");
  app_.add_flag("--explain", common_.explain,
                "Show every syscall, ioctl and file this command touches, in order, with results (on stderr)");
  app_.add_option("--color", common_.color, "Colour: auto (TTY and no NO_COLOR), always or never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{
              {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case))
      ->default_str("auto");
  app_.add_flag(kManPageFlag, want_man_, "Print the man page (roff) and exit")->group("");
  app_.add_flag(kCompletionFlag, want_completion_, "Print the bash completion script and exit")->group("");
  app_.footer(
      "Exit status: 0 ok, 1 failure, 2 usage, 3 not found, 4 permission, 5 unsupported here, 6 busy, "
      "128+N interrupted by signal N.\nSee " +
      info_.name + "(1).");
}

Terminal ToolApp::terminal() const {
  return Terminal::detect(STDOUT_FILENO, common_.color);
}

void ToolApp::add_lazy_subcommand(std::string name, std::string description, std::function<void(CLI::App&)> declare) {
  lazy_.push_back({std::move(name), std::move(description), std::move(declare)});
}

void ToolApp::declare_lazy_subcommands(int argc, char** argv) {
  const LazySubcommand* named = nullptr;
  bool wants_everything = false;
  for (int i = 1; i < argc && !wants_everything; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == kManPageFlag || arg == kCompletionFlag)
      wants_everything = true;
    for (const auto& sub : lazy_)
      if (named == nullptr && arg == sub.name) named = &sub;
  }
  for (const auto& sub : lazy_) {
    if (named != nullptr && !wants_everything && &sub != named) continue;
    sub.declare(*app_.add_subcommand(sub.name, sub.description));
  }
  lazy_.clear();
}

int ToolApp::run(int argc, char** argv, const std::function<int()>& body) {
  declare_lazy_subcommands(argc, argv);
  std::vector<CLI::App*> subs;
  collect_subcommands(&app_, subs);
  for (CLI::App* sub : subs) sub->fallthrough();  // common options also after the subcommand
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app_.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app_.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app_.exit(e);
  } catch (const CLI::ParseError& e) {
    if (want_man_ || want_completion_) {
      // Generating docs must work even when the tool has required arguments.
    } else {
      std::cerr << info_.name << ": error: " << e.what() << "; hint: see '" << info_.name << " --help'\n";
      return static_cast<int>(ExitCode::usage);
    }
  }
  if (want_man_) {
    std::cout << man_page();
    return 0;
  }
  if (want_completion_) {
    std::cout << bash_completion();
    return 0;
  }
  if (common_.explain) Explain::instance().enable(std::cerr);
  try {
    const int code = body();
    // Our reader went away (SIGPIPE, caught by InterruptGuard so that cleanup ran): exit as if killed by it.
    if (code == 0 && InterruptGuard::signal_number() == SIGPIPE) return 128 + SIGPIPE;
    return code;
  } catch (const Error& e) {
    std::cerr << info_.name << ": error: " << e.one_line() << '\n';
    if (e.code() == ExitCode::interrupted && InterruptGuard::signal_number() != 0) {
      return 128 + InterruptGuard::signal_number();
    }
    return static_cast<int>(e.code());
  } catch (const CLI::ParseError& e) {
    std::cerr << info_.name << ": error: " << e.what() << "; hint: see '" << info_.name << " --help'\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const std::exception& e) {
    std::cerr << info_.name << ": internal error: " << e.what() << "; hint: please report this with --explain output\n";
    return static_cast<int>(ExitCode::failure);
  }
}

std::string ToolApp::man_page() const {
  std::ostringstream out;
  std::string upper = info_.name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << ".TH " << roff_escape(upper) << " 1 \"\" \"virtlab " << version_string() << "\" \"virtlab manual\"\n";
  out << ".SH NAME\n" << roff_escape(info_.name) << " \\- " << roff_escape(info_.summary) << "\n";
  out << ".SH SYNOPSIS\n.B " << roff_escape(info_.name) << "\n[\\fIOPTIONS\\fR]";
  std::vector<CLI::App*> subs;
  collect_subcommands(const_cast<CLI::App*>(&app_), subs);
  if (!subs.empty()) out << " [\\fICOMMAND\\fR]";
  out << "\n";
  if (!info_.description.empty()) out << ".SH DESCRIPTION\n" << roff_escape(info_.description) << "\n";
  out << ".SH OPTIONS\n";
  man_options(out, &app_);
  if (!subs.empty()) {
    out << ".SH COMMANDS\n";
    for (const CLI::App* sub : subs) {
      out << ".SS " << roff_escape(info_.name + " " + command_path(sub)) << "\n"
          << roff_escape(sub->get_description()) << "\n";
      man_options(out, sub);
    }
  }
  for (const auto& [title, text] : info_.man_sections) {
    out << ".SH " << roff_escape(title) << "\n" << roff_escape(text) << "\n";
  }
  out << ".SH EXIT STATUS\n"
         ".TP\n.B 0\nSuccess.\n.TP\n.B 1\nThe operation failed at run time.\n"
         ".TP\n.B 2\nBad command line: unknown option or malformed value.\n"
         ".TP\n.B 3\nThe target does not exist (process, address, file, cgroup).\n"
         ".TP\n.B 4\nPermission denied: needs root or a capability.\n"
         ".TP\n.B 5\nNot supported by this kernel or machine.\n"
         ".TP\n.B 6\nThe name or resource is already taken.\n"
         ".TP\n.B 128+N\nInterrupted by signal N, after removing everything the command created.\n";
  out << ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nWhen set and non-empty, no colour is used (unless \\-\\-color=always).\n";
  out << ".SH SEE ALSO\n";
  bool first = true;
  for (const char* tool : {"pagewalk", "cgtop", "nsenter-lite", "vmctl", "testvm"}) {
    if (info_.name == tool) continue;
    out << (first ? "" : ",\n") << ".BR " << tool << " (1)";
    first = false;
  }
  out << "\n";
  return out.str();
}

std::string ToolApp::bash_completion() const {
  auto words_of = [](const CLI::App* app) {
    std::set<std::string> words;
    for (const CLI::Option* opt : app->get_options()) {
      if (hidden(opt) || opt->get_positional()) continue;
      for (const auto& name : opt->get_lnames()) words.insert("--" + name);
      for (const auto& name : opt->get_snames()) words.insert("-" + name);
    }
    for (CLI::App* sub : const_cast<CLI::App*>(app)->get_subcommands([](CLI::App*) { return true; })) {
      words.insert(sub->get_name());
    }
    return words;
  };
  std::string fn = "_virtlab_" + info_.name;
  for (char& c : fn) {
    if (c == '-') c = '_';
  }
  std::ostringstream out;
  out << "# bash completion for " << info_.name << " (generated by " << info_.name << " --bash-completion)\n";
  out << fn << "() {\n  local cur=\"${COMP_WORDS[COMP_CWORD]}\" sub=\"\" i\n";
  std::vector<CLI::App*> subs;
  collect_subcommands(const_cast<CLI::App*>(&app_), subs);
  auto global = words_of(&app_);
  if (!subs.empty()) {
    out << "  for ((i = 1; i < COMP_CWORD; i++)); do\n    case \"${COMP_WORDS[i]}\" in\n";
    for (const CLI::App* sub : subs) out << "      " << sub->get_name() << ") sub=\"" << sub->get_name() << "\" ;;\n";
    out << "    esac\n  done\n";
  }
  out << "  local words\n  case \"$sub\" in\n";
  for (const CLI::App* sub : subs) {
    out << "    " << sub->get_name() << ") words=\"";
    auto words = words_of(sub);
    for (const auto& w : global) {
      if (w.rfind("--", 0) == 0) words.insert(w);  // common options fall through to subcommands
    }
    bool first = true;
    for (const auto& w : words) {
      out << (first ? "" : " ") << w;
      first = false;
    }
    out << "\" ;;\n";
  }
  out << "    *) words=\"";
  bool first = true;
  for (const auto& w : global) {
    out << (first ? "" : " ") << w;
    first = false;
  }
  out << "\" ;;\n  esac\n";
  out << "  mapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\")\n}\n";
  out << "complete -o default -F " << fn << " " << info_.name << "\n";
  return out.str();
}

}  // namespace virtlab
