#include <gtest/gtest.h>

#include "virtlab/error.hpp"
#include "virtlab/testvm/host.hpp"
#include "virtlab/testvm/image.hpp"
#include "virtlab/testvm/spec.hpp"

namespace {

virtlab::ExitCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const virtlab::Error& e) {
    return e.code();
  }
  return virtlab::ExitCode::ok;
}

virtlab::testvm::RunSpec good() {
  virtlab::testvm::RunSpec s;
  s.command = {"true"};
  return s;
}

TEST(Spec, ValidationNamesTheBadField) {
  EXPECT_EQ(code_of([] { virtlab::testvm::validate(good()); }), virtlab::ExitCode::ok);
  auto bad = [](auto change) {
    auto s = good();
    change(s);
    return code_of([&] { virtlab::testvm::validate(s); });
  };
  EXPECT_EQ(bad([](auto& s) { s.command.clear(); }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.memory_mib = 64; }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.cpus = 0; }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.cpus = 65; }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.swap_bytes = 1000; }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.timeout = std::chrono::seconds(0); }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.env = {{"1BAD", "x"}}; }), virtlab::ExitCode::usage);
  EXPECT_EQ(bad([](auto& s) { s.workdir = "relative"; }), virtlab::ExitCode::usage);
  try {
    auto s = good();
    s.memory_mib = 64;
    virtlab::testvm::validate(s);
  } catch (const virtlab::Error& e) {
    EXPECT_NE(e.one_line().find("--mem 64 MiB is out of range"), std::string::npos) << e.one_line();
    EXPECT_NE(e.one_line().find("128M"), std::string::npos) << "the hint gives the allowed range";
  }
}

TEST(Spec, SizesParse) {
  EXPECT_EQ(virtlab::testvm::parse_memory_mib("512"), 512u);
  EXPECT_EQ(virtlab::testvm::parse_memory_mib("1G"), 1024u);
  EXPECT_EQ(virtlab::testvm::parse_memory_mib("256M"), 256u);
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_memory_mib("lots"); }), virtlab::ExitCode::usage);
  EXPECT_EQ(virtlab::testvm::parse_swap_bytes("256M"), 256u << 20);
  EXPECT_EQ(virtlab::testvm::parse_swap_bytes("0"), 0u);
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_swap_bytes("256"); }), virtlab::ExitCode::usage)
      << "a unit is required";
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_swap_bytes("-1"); }), virtlab::ExitCode::usage);
}

TEST(Spec, FileSpecs) {
  auto f = virtlab::testvm::parse_file_spec("build/bin/pagewalk", "/work/main");
  EXPECT_EQ(f.source, "/work/main/build/bin/pagewalk");
  EXPECT_EQ(f.dest, "/work/main/build/bin/pagewalk") << "default: same absolute path inside";
  f = virtlab::testvm::parse_file_spec("/etc/hosts:/data/hosts", "/");
  EXPECT_EQ(f.source, "/etc/hosts");
  EXPECT_EQ(f.dest, "/data/hosts");
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_file_spec("a:relative", "/"); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_file_spec("a:/x/../etc", "/"); }), virtlab::ExitCode::usage);
  EXPECT_EQ(code_of([] { virtlab::testvm::parse_file_spec("", "/"); }), virtlab::ExitCode::usage);
}

TEST(Needs, UnknownNeedIsUsageAndUnmetAreListed) {
  EXPECT_EQ(code_of([] { virtlab::testvm::validate_needs({"kvm", "cgroup2", "swap", "vm"}); }), virtlab::ExitCode::ok);
  EXPECT_EQ(code_of([] { virtlab::testvm::validate_needs({"gpu"}); }), virtlab::ExitCode::usage);
  virtlab::testvm::HostFeatures host;
  host.kvm = true;
  EXPECT_EQ(virtlab::testvm::unmet_needs(host, {"kvm", "cgroup2"}), std::vector<std::string>{"cgroup2"});
  EXPECT_EQ(virtlab::testvm::unmet_needs(host, {"vm"}), std::vector<std::string>{"vm"})
      << "vm is never met on the host";
}

TEST(Payload, CommandFileRules) {
  std::set<std::string, std::less<>> applets = {"ls", "cat", "sh"};
  EXPECT_FALSE(virtlab::testvm::command_file("ls", applets)) << "busybox applets need no copy";
  EXPECT_FALSE(virtlab::testvm::command_file("/nonexistent/tool", applets));
  auto self = virtlab::testvm::command_file("/proc/self/exe", applets);
  ASSERT_TRUE(self);
  EXPECT_EQ(self->dest, "/proc/self/exe");
}

TEST(Payload, PlanBringsTheLoaderAndLibraries) {
  std::vector<std::string> dirs;
  auto entries = virtlab::testvm::plan_payload({{"/proc/self/exe", "/opt/t/test"}}, &dirs);
  bool has_self = false, has_libc = false, has_loader = false;
  for (const auto& e : entries) {
    has_self = has_self || e.guest_path == "/opt/t/test";
    has_libc = has_libc || e.guest_path.find("/libc.so.6") != std::string::npos;
    has_loader = has_loader || e.guest_path.find("ld-linux-x86-64.so.2") != std::string::npos;
  }
  EXPECT_TRUE(has_self);
  EXPECT_TRUE(has_libc);
  EXPECT_TRUE(has_loader);
  EXPECT_FALSE(dirs.empty());
  EXPECT_EQ(code_of([] {
              virtlab::testvm::plan_payload({{"/nonexistent/file", "/x"}}, nullptr);
            }),
            virtlab::ExitCode::not_found);
}

}  // namespace
