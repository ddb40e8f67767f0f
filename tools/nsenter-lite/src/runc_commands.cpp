// virtlab-runc's command line (runc_commands.hpp): runc's spelling of every option engines pass, the runtime log,
// and --explain steps written into it.
#include "nsenter_lite/runc_commands.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <streambuf>

#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"

namespace virtlab::nsenter_lite {

namespace {

// --explain with --log: each line of the step log becomes one "info" line of the runtime log, where the engine
// keeps it (conmon: <userdata>/oci-log, containerd-shim: the bundle's log.json).
class LogLineBuffer : public std::streambuf {
 public:
  explicit LogLineBuffer(const RuntimeLog& log) : log_(log) {}
  ~LogLineBuffer() override {
    if (!line_.empty()) log_.write("info", line_);
  }

 protected:
  int overflow(int ch) override {
    if (ch == traits_type::eof()) return traits_type::not_eof(ch);
    if (ch == '\n') {
      log_.write("info", line_);
      line_.clear();
    } else {
      line_.push_back(static_cast<char>(ch));
    }
    return ch;
  }

 private:
  const RuntimeLog& log_;
  std::string line_;
};

}  // namespace

struct RuncCommands::Subcommands {
  CLI::App *create = nullptr, *start = nullptr, *state = nullptr, *kill = nullptr, *del = nullptr, *run = nullptr,
           *exec = nullptr, *features = nullptr, *list = nullptr;
};

RuncCommands::RuncCommands() : subs_(std::make_unique<Subcommands>()) {}
RuncCommands::~RuncCommands() = default;

void RuncCommands::declare(virtlab::ToolApp& app) {
  CLI::App& cli = app.cli();
  // Given twice (an engine's own --log after a user's), the last one counts, as with runc's Go flags.
  const auto last = CLI::MultiOptionPolicy::TakeLast;
  cli.add_option("--root", globals_.root, "Directory of the containers' state (default /run/virtlab-runc)")
      ->multi_option_policy(last);
  cli.add_option("--log", globals_.log, "Append runtime messages (and --explain steps) to this file")
      ->multi_option_policy(last);
  cli.add_option("--log-format", globals_.log_format, "text or json (runc's log line format)")
      ->multi_option_policy(last);
  cli.add_flag("--systemd-cgroup", globals_.systemd_cgroup,
               "cgroupsPath is slice:prefix:name (placed under the slice)");
  cli.add_flag("--debug", debug_, "Accepted for runc compatibility (use --explain)");
  cli.add_option("--rootless", rootless_, "Accepted for runc compatibility");
  cli.add_option("--criu", criu_, "Accepted for runc compatibility (no checkpointing)");
  cli.require_subcommand(1, 1);
  auto create_options = [this](CLI::App& sub) {
    sub.add_option("-b,--bundle", create_.bundle, "The bundle directory (config.json + root filesystem)");
    sub.add_option("--pid-file", create_.pid_file, "Write the init's host pid here");
    sub.add_option("--console-socket", create_.console_socket, "Unix socket that receives the pty master");
    sub.add_flag("--no-pivot", ignored_flag_, "Accepted for runc compatibility (pivot_root is always used)");
    sub.add_flag("--no-new-keyring", ignored_flag_, "Accepted for runc compatibility");
    sub.add_option("--preserve-fds", create_.preserve_fds, "Pass our fds 3 … 3+N-1 on to the container's process");
    sub.add_option("id", create_.id, "Container id")->required();
  };
  auto id_only = [this](CLI::App& sub) { sub.add_option("id", id_, "Container id")->required(); };
  app.add_lazy_subcommand("create", "Create a container: set up, then wait for start",
                          [this, create_options](CLI::App& s) {
                            subs_->create = &s;
                            create_options(s);
                          });
  app.add_lazy_subcommand("start", "Let a created container exec its process", [this, id_only](CLI::App& s) {
    subs_->start = &s;
    id_only(s);
  });
  app.add_lazy_subcommand("state", "Print a container's state (JSON)", [this, id_only](CLI::App& s) {
    subs_->state = &s;
    id_only(s);
  });
  app.add_lazy_subcommand("kill", "Send a signal to a container's init", [this](CLI::App& s) {
    subs_->kill = &s;
    s.add_flag("-a,--all", all_, "Signal every process in the container's cgroup");
    s.add_option("id", id_, "Container id")->required();
    s.add_option("signal", signal_, "Signal name or number (default SIGTERM)");
  });
  app.add_lazy_subcommand("delete", "Remove a container (its init, cgroup and state)", [this](CLI::App& s) {
    subs_->del = &s;
    s.add_flag("-f,--force", force_, "Kill it first if it is still running");
    s.add_option("id", id_, "Container id")->required();
  });
  app.add_lazy_subcommand("run", "create + start + wait + delete; exits with the container's status",
                          [this, create_options](CLI::App& s) {
                            subs_->run = &s;
                            create_options(s);
                            s.add_flag("-d,--detach", ignored_flag_, "Accepted for runc compatibility (run waits)");
                          });
  app.add_lazy_subcommand("exec", "Run a new process in a running container", [this](CLI::App& s) { declare_exec(s); });
  app.add_lazy_subcommand("features", "Print what this runtime implements (JSON)",
                          [this](CLI::App& s) { subs_->features = &s; });
  app.add_lazy_subcommand("list", "List the containers under --root", [this](CLI::App& s) { subs_->list = &s; });
}

void RuncCommands::declare_exec(CLI::App& s) {
  subs_->exec = &s;
  s.add_option("-p,--process", exec_.process_file, "The process as OCI JSON (what engines pass)");
  s.add_flag("-d,--detach", exec_.detach, "Return once it runs (the caller reaps it)");
  s.add_option("--pid-file", exec_.pid_file, "Write the process's host pid here");
  s.add_option("--console-socket", exec_.console_socket, "Unix socket that receives the pty master");
  s.add_flag("-t,--tty", exec_.tty, "Give the process a pty (with --console-socket)");
  s.add_option("--cwd", exec_.cwd, "Working directory inside the container");
  s.add_option("-e,--env", exec_.env, "KEY=VALUE (repeatable)")->allow_extra_args(false);
  s.add_option("-u,--user", exec_.user, "UID[:GID]");
  s.add_option("-c,--cap", exec_.caps, "Add a capability (bounding, effective, permitted; repeatable)")
      ->allow_extra_args(false);
  s.add_option("-g,--additional-gids", exec_.additional_gids, "Add a supplementary group (repeatable)")
      ->allow_extra_args(false);
  s.add_option("--preserve-fds", exec_.preserve_fds, "Pass our fds 3 … 3+N-1 on to the process");
  for (const char* ignored : {"--process-label", "--apparmor", "--cgroup"})
    s.add_option(ignored, ignored_text_, "Accepted for runc compatibility");
  s.add_flag("--no-new-privs,--ignore-paused", ignored_flag_, "Accepted for runc compatibility");
  s.add_option("id", exec_.id, "Container id")->required();
  // CLI11 reads options after positionals too (runc's Go flags stop at the first): `exec ID -- sh -c 'echo hi'`.
  s.add_option("command", exec_.args, "The command and its arguments, after -- (without --process)");
}

// VIRTLAB_RUNC_EXPLAIN_LOG=FILE: --explain into FILE (JSON log lines) whatever the engine passes, for engines
// whose runtime arguments cannot be chosen (docker.io's containerd-shim-runc-v2 keeps its log.json only on failure).
int RuncCommands::execute(virtlab::ToolApp& app) {
  // Checked before the log files are opened: one of them would take a missing fd's number.
  std::optional<virtlab::Error> preserve_fds_refused;
  try {
    check_preserved_fds(create_.preserve_fds != 0 ? create_.preserve_fds : exec_.preserve_fds);
  } catch (const virtlab::Error& e) {
    preserve_fds_refused = e;
  }
  const RuntimeLog log(globals_.log, parse_log_format(globals_.log_format));
  const char* explain_file = getenv("VIRTLAB_RUNC_EXPLAIN_LOG");
  const bool to_own_file = explain_file && *explain_file;
  const RuntimeLog explain_log(to_own_file ? explain_file : "", LogFormat::json);
  LogLineBuffer buffer(to_own_file ? explain_log : log);
  std::ostream log_stream(&buffer);
  if (to_own_file || (app.common().explain && !globals_.log.empty())) virtlab::Explain::instance().enable(log_stream);
  try {
    if (preserve_fds_refused) throw *preserve_fds_refused;
    const int code = dispatch(app);
    virtlab::Explain::instance().disable();
    return code;
  } catch (const virtlab::Error& e) {
    virtlab::Explain::instance().disable();
    if (!globals_.log.empty()) log.write("error", e.one_line());
    throw;
  } catch (const std::exception& e) {
    virtlab::Explain::instance().disable();
    if (!globals_.log.empty()) log.write("error", e.what());
    throw;
  }
}

namespace {

// With --json: a virtlab document (schemas/virtlab-runc.v1.json) around what the command did; without it, runc's
// own output (engines parse `state` and `features` as runc prints them).
void emit(const std::string& command, const virtlab::Json& body) {
  auto doc = virtlab::make_document("virtlab-runc", 1);
  doc["command"] = command;
  doc.update(body);
  virtlab::emit_document(std::cout, std::move(doc));
}

virtlab::Json list_containers(const RuncGlobals& globals) {
  virtlab::Json containers = virtlab::Json::array();
  for (const std::string& id : StateStore(globals.root).ids()) containers.push_back(runc_state(globals, id));
  return containers;
}

}  // namespace

int RuncCommands::dispatch(virtlab::ToolApp& app) {
  auto chosen = [](const CLI::App* s) { return s != nullptr && s->parsed(); };
  const bool json = app.common().json;
  const virtlab::Json id = id_;
  if (chosen(subs_->create)) {
    const CreateResult created = runc_create(globals_, create_);
    if (json) emit("create", {{"id", create_.id}, {"pid", created.init_pid}});
  } else if (chosen(subs_->start)) {
    runc_start(globals_, id_);
    if (json) emit("start", {{"id", id}});
  } else if (chosen(subs_->state)) {
    const virtlab::Json state = runc_state(globals_, id_);
    if (json)
      emit("state", {{"container", state}});
    else
      std::cout << state.dump(2) << '\n';
  } else if (chosen(subs_->kill)) {
    runc_kill(globals_, id_, signal_, all_);
    if (json) emit("kill", {{"id", id}, {"signal", parse_signal(signal_)}});
  } else if (chosen(subs_->del)) {
    runc_delete(globals_, id_, force_);
    if (json) emit("delete", {{"id", id}});
  } else if (chosen(subs_->run)) {
    const int code = runc_run(globals_, create_);
    if (json) emit("run", {{"id", create_.id}, {"exit_code", code}});
    return code;
  } else if (chosen(subs_->exec)) {
    const int code = runc_exec(globals_, exec_);
    if (json) emit("exec", {{"id", exec_.id}, {"exit_code", code}});
    return code;
  } else if (chosen(subs_->features)) {
    if (json)
      emit("features", {{"features", runc_features()}});
    else
      std::cout << runc_features().dump(2) << '\n';
  } else if (chosen(subs_->list)) {
    const virtlab::Json containers = list_containers(globals_);
    if (json) emit("list", {{"containers", containers}});
    for (const auto& c : json ? virtlab::Json::array() : containers)
      std::cout << c["id"].get<std::string>() << '\t' << c["pid"].get<int>() << '\t' << c["status"].get<std::string>()
                << '\t' << c["bundle"].get<std::string>() << '\n';
  }
  return 0;
}

}  // namespace virtlab::nsenter_lite
