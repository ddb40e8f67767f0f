#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "virtlab/cli.hpp"
#include "virtlab/error.hpp"
#include "virtlab/explain.hpp"
#include "virtlab/json.hpp"

using namespace virtlab;

namespace {

ToolInfo demo_info() {
  return {"demo-tool", "do a demo", "A longer description.", {{"EXAMPLES", "demo-tool 1"}}};
}

int run_with(ToolApp& app, std::vector<std::string> args, const std::function<int()>& body) {
  std::vector<char*> argv;
  argv.reserve(args.size());
  for (auto& a : args) argv.push_back(a.data());
  return app.run(static_cast<int>(argv.size()), argv.data(), body);
}

}  // namespace

TEST(ToolApp, MapsErrorsToExitCodes) {
  ToolApp app(demo_info());
  testing::internal::CaptureStderr();
  int rc = run_with(app, {"demo-tool"},
                    []() -> int { throw Error(ExitCode::not_found, "no process 4242", "check the pid with ps"); });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 3);
  EXPECT_EQ(err, "demo-tool: error: no process 4242; hint: check the pid with ps\n");
}

TEST(ToolApp, UnknownOptionIsUsageErrorOnOneLine) {
  ToolApp app(demo_info());
  testing::internal::CaptureStderr();
  int rc = run_with(app, {"demo-tool", "--bogus"}, [] { return 0; });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1);
}

TEST(ToolApp, CommonOptionsWorkAfterSubcommand) {
  ToolApp app(demo_info());
  app.cli().add_subcommand("sub", "a subcommand");
  bool saw_json = false;
  int rc = run_with(app, {"demo-tool", "sub", "--json"}, [&] {
    saw_json = app.common().json;
    return 0;
  });
  EXPECT_EQ(rc, 0);
  EXPECT_TRUE(saw_json);
}

TEST(ToolApp, GeneratesManPageAndCompletion) {
  ToolApp app(demo_info());
  auto* sub = app.cli().add_subcommand("walk", "walk an address");
  std::string addr;
  sub->add_option("--range", addr, "the range");
  std::string man = app.man_page();
  EXPECT_NE(man.find(".TH DEMO\\-TOOL 1"), std::string::npos);
  EXPECT_NE(man.find(".SH EXIT STATUS"), std::string::npos);
  EXPECT_NE(man.find("\\-\\-range"), std::string::npos);
  EXPECT_NE(man.find("demo\\-tool 1"), std::string::npos);
  std::string completion = app.bash_completion();
  EXPECT_NE(completion.find("complete -o default -F _virtlab_demo_tool demo-tool"), std::string::npos);
  EXPECT_NE(completion.find("walk) words=\""), std::string::npos);
  EXPECT_NE(completion.find("--range"), std::string::npos);
}

TEST(ToolApp, LazySubcommandIsDeclaredOnlyWhenNamed) {
  ToolApp app(demo_info());
  std::vector<std::string> declared;
  std::string range;
  CLI::App* walk = nullptr;
  app.add_lazy_subcommand("walk", "walk an address", [&](CLI::App& sub) {
    declared.push_back("walk");
    walk = &sub;
    sub.add_option("--range", range, "the range");
  });
  app.add_lazy_subcommand("list", "list things", [&](CLI::App&) { declared.push_back("list"); });
  int rc = run_with(app, {"demo-tool", "--json", "walk", "--range", "list"}, [&] {
    EXPECT_TRUE(walk != nullptr && walk->parsed());
    return 0;
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(declared, std::vector<std::string>{"walk"});
  EXPECT_EQ(range, "list");
}

TEST(ToolApp, LazySubcommandsAreAllDeclaredForHelpAndDocs) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"demo-tool", "--help"}, {"demo-tool", "walk", "--man-page"}, {"demo-tool", "--bash-completion"}}) {
    ToolApp app(demo_info());
    std::vector<std::string> declared;
    app.add_lazy_subcommand("walk", "walk an address", [&](CLI::App&) { declared.push_back("walk"); });
    app.add_lazy_subcommand("list", "list things", [&](CLI::App&) { declared.push_back("list"); });
    testing::internal::CaptureStdout();
    run_with(app, args, [] { return 0; });
    std::string out = testing::internal::GetCapturedStdout();
    EXPECT_EQ(declared, (std::vector<std::string>{"walk", "list"})) << args[1];
    EXPECT_NE(out.find("list"), std::string::npos) << args[1];
  }
}

TEST(ToolApp, UnknownSubcommandStillGetsUsageError) {
  ToolApp app(demo_info());
  app.cli().require_subcommand(1, 1);
  app.add_lazy_subcommand("walk", "walk an address", [](CLI::App&) {});
  testing::internal::CaptureStderr();
  int rc = run_with(app, {"demo-tool", "wlak"}, [] { return 0; });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("subcommand is required"), std::string::npos) << err;  // as with eager subcommands
}

TEST(ExitWithoutTeardown, FlushesOutputAndSkipsAtexitHandlers) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "under the sanitizers exit_without_teardown returns (their leak check must run at exit)";
#else
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    std::atexit([] { std::fputs("atexit ran", stdout); });
    std::fputs("C stdio, ", stdout);  // both still buffered: stdout is a pipe
    std::cout << "iostream";
    exit_without_teardown(42);
    std::_Exit(99);  // not reached
  }
  close(pipe_fds[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 42);
  EXPECT_EQ(out, "C stdio, iostream");
#endif
}

TEST(Json, DocumentCarriesSchema) {
  Json doc = make_document("pagewalk", 1);
  EXPECT_EQ(doc["schema"], "pagewalk/1");
  EXPECT_EQ(doc.begin().key(), "schema");
  EXPECT_TRUE(doc.contains("host"));
}

TEST(Explain, RecordsStepsInOrder) {
  auto& log = Explain::instance();
  std::ostringstream live;
  log.enable(live);
  explain("openat", "/proc/self/maps", "fd 3");
  explain("read", "fd 3", "1024 bytes", "the VMA list");
  log.disable();
  ASSERT_GE(log.steps().size(), 2u);
  EXPECT_EQ(live.str(), "[1] openat(/proc/self/maps) = fd 3\n[2] read(fd 3) = 1024 bytes  — the VMA list\n");
}
