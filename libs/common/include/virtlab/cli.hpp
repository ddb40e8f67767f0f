// The command line every virtlab tool shares: CLI11 plus the common options, version, man page and completion.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "virtlab/table.hpp"

namespace virtlab {

struct ToolInfo {
  std::string name;         // "pagewalk"
  std::string summary;      // one line: "show a process's memory down to physical frames"
  std::string description;  // paragraphs for --help and the man page's DESCRIPTION
  // Extra man page sections in order, e.g. {"EXAMPLES", "..."}, {"FILES", "..."}. EXIT STATUS is added for you.
  std::vector<std::pair<std::string, std::string>> man_sections;
};

struct CommonOptions {
  bool json = false;                       // --json: machine-readable output following schemas/<tool>.v<major>.json
  bool explain = false;                    // --explain: print every syscall/ioctl/file touched, in order, with results
  ColorMode color = ColorMode::automatic;  // --color=auto|always|never (NO_COLOR honoured in auto)
};

class ToolApp {
 public:
  explicit ToolApp(ToolInfo info);

  CLI::App& cli() noexcept { return app_; }
  const CommonOptions& common() const noexcept { return common_; }
  const ToolInfo& info() const noexcept { return info_; }
  // The terminal stdout goes to, with the colour decision applied.
  Terminal terminal() const;

  // Declares a subcommand whose options are built only when they can be needed: when argv names this subcommand,
  // or when it names none (top-level --help, --man-page, --bash-completion, a typo). CLI11 allocates a few hundred
  // bytes per option; a command that starts containers pays for every subcommand's options on every start
  // otherwise. `declare` receives the new subcommand and adds its options; it runs at most once, inside run().
  void add_lazy_subcommand(std::string name, std::string description, std::function<void(CLI::App&)> declare);

  // Parses argv (the common options work before or after a subcommand), handles --help, --version, --man-page
  // and --bash-completion, turns on --explain, then calls `body`. Maps Error to its one-line message on stderr
  // ("pagewalk: error: ...") and its exit code, CLI11 parse errors to exit 2, and anything else to exit 1.
  int run(int argc, char** argv, const std::function<int()>& body);

  // Generated documentation (also used by the build to write man/ and completions/).
  std::string man_page() const;
  std::string bash_completion() const;

 private:
  struct LazySubcommand {
    std::string name;
    std::string description;
    std::function<void(CLI::App&)> declare;
  };
  // Builds the lazy subcommands argv can reach (all of them when it names none, or asks for help or docs).
  void declare_lazy_subcommands(int argc, char** argv);

  ToolInfo info_;
  CLI::App app_;
  std::vector<LazySubcommand> lazy_;
  CommonOptions common_;
  bool want_man_ = false;
  bool want_completion_ = false;
};

// Ends a short-lived command after it has done all its work and cleanup: flushes stdout and stderr, then _exit(code)
// without running destructors or atexit handlers. Freeing a command line's option tree and the libraries' static
// state costs more than the rest of a millisecond-long command's exit, and the kernel frees it all anyway. Under the
// sanitizers it returns instead (their leak check runs at exit), so write `return exit_without_teardown(code);`.
int exit_without_teardown(int code);

// Validators shared by tools: "1234" pid, "0x7f.." address, "A-B" range.
std::string version_string();  // "0.1.0"

}  // namespace virtlab
