// config.json → OciSpec, OCI seccomp → libseccomp, and virtlab-runc's state and log formats. The two fixtures are
// real: `runc spec` (runc 1.1.5) and the config.json podman 4.3 wrote for `podman run --memory 64m --pids-limit 50
// --ulimit nofile=1024:1024`.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/resource.h>

#include <fstream>
#include <sstream>

#include "nsenter_lite/oci_seccomp.hpp"
#include "nsenter_lite/oci_spec.hpp"
#include "nsenter_lite/runc_state.hpp"
#include "virtlab/error.hpp"
#include "virtlab/json.hpp"

using namespace virtlab::nsenter_lite;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/oci/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

virtlab::Json runc_spec() {
  return virtlab::Json::parse(fixture("runc-spec.json"));
}

// The error a modified `runc spec` document gets: its exit code and one-line message.
std::pair<virtlab::ExitCode, std::string> refusal(const virtlab::Json& doc) {
  try {
    parse_oci_spec(doc.dump());
  } catch (const virtlab::Error& e) {
    return {e.code(), e.what()};
  }
  return {virtlab::ExitCode::ok, ""};
}

}  // namespace

TEST(OciSpec, ReadsRuncSpecDefault) {
  OciSpec spec = parse_oci_spec(fixture("runc-spec.json"));
  EXPECT_EQ(spec.oci_version, "1.0.2-dev");
  EXPECT_TRUE(spec.process.terminal);
  EXPECT_EQ(spec.process.args, std::vector<std::string>{"sh"});
  EXPECT_EQ(spec.process.cwd, "/");
  ASSERT_EQ(spec.process.rlimits.size(), 1u);
  EXPECT_EQ(spec.process.rlimits[0].resource, RLIMIT_NOFILE);
  EXPECT_EQ(spec.process.rlimits[0].hard, 1024u);
  EXPECT_TRUE(spec.process.no_new_privileges);
  EXPECT_EQ(spec.process.capabilities.bounding, (std::vector<int>{29, 5, 10}));  // AUDIT_WRITE KILL NET_BIND_SERVICE
  EXPECT_EQ(spec.root_path, "rootfs");
  EXPECT_TRUE(spec.root_readonly);
  EXPECT_EQ(spec.hostname, "runc");
  ASSERT_EQ(spec.namespaces.size(), 5u);
  EXPECT_TRUE(spec.has_namespace(OciNamespaceType::network));
  EXPECT_FALSE(spec.has_namespace(OciNamespaceType::user));
  EXPECT_EQ(spec.mounts.at(0).destination, "/proc");
  EXPECT_EQ(spec.masked_paths.front(), "/proc/acpi");
  EXPECT_EQ(spec.readonly_paths.front(), "/proc/bus");
  EXPECT_FALSE(spec.seccomp);
  ASSERT_EQ(spec.not_applied.size(), 1u);  // the device cgroup rule
  EXPECT_NE(spec.not_applied[0].find("linux.resources.devices"), std::string::npos);
}

TEST(OciSpec, ReadsPodmanRun) {
  OciSpec spec = parse_oci_spec(fixture("podman-run.json"));
  EXPECT_EQ(spec.process.args, (std::vector<std::string>{"sh", "-c", "echo hi; exit 3"}));
  EXPECT_EQ(spec.process.umask, 18u);  // 022
  EXPECT_EQ(spec.resources.memory_limit, 67108864);
  EXPECT_EQ(spec.resources.memory_swap, 134217728);
  EXPECT_EQ(spec.resources.pids_limit, 50);
  ASSERT_EQ(spec.process.rlimits.size(), 2u);
  EXPECT_EQ(spec.process.rlimits[1].resource, RLIMIT_NPROC);
  const auto net = std::find_if(spec.namespaces.begin(), spec.namespaces.end(),
                                [](const OciNamespace& n) { return n.type == OciNamespaceType::network; });
  ASSERT_NE(net, spec.namespaces.end());
  EXPECT_EQ(net->path.rfind("/run/netns/netns-", 0), 0u);  // podman made the netns: we join it
  EXPECT_EQ(spec.sysctl.at("net.ipv4.ping_group_range"), "0 0");
  EXPECT_EQ(spec.annotations.at("io.container.manager"), "libpod");
  EXPECT_EQ(spec.cgroups_path.rfind("/libpod_parent/libpod-", 0), 0u);
  ASSERT_TRUE(spec.seccomp);
  EXPECT_EQ(spec.seccomp->default_action, "SCMP_ACT_ERRNO");
  EXPECT_EQ(spec.seccomp->default_errno_ret, 38);  // ENOSYS for syscalls the profile does not know
}

TEST(OciSpec, RefusesUnknownFieldsByName) {
  virtlab::Json doc = runc_spec();
  doc["process"]["argz"] = virtlab::Json::array({"sh"});
  auto [code, message] = refusal(doc);
  EXPECT_EQ(code, virtlab::ExitCode::usage);
  EXPECT_NE(message.find("unknown field 'process.argz'"), std::string::npos) << message;

  doc = runc_spec();
  doc["linux"]["resources"]["memory"] = {{"limitt", 1}};
  EXPECT_NE(refusal(doc).second.find("'linux.resources.memory.limitt'"), std::string::npos);
}

TEST(OciSpec, RefusesUnsupportedFeatures) {
  virtlab::Json doc = runc_spec();
  doc["linux"]["resources"]["blockIO"] = {{"weight", 10}};
  auto [code, message] = refusal(doc);
  EXPECT_EQ(code, virtlab::ExitCode::unsupported);
  EXPECT_NE(message.find("blockIO"), std::string::npos) << message;
  doc = runc_spec();
  doc["linux"]["resources"]["blockIO"] = {{"weight", 0}};  // docker.io's "unset": nothing asked, accepted
  EXPECT_EQ(refusal(doc).first, virtlab::ExitCode::ok);
  doc = runc_spec();
  doc["hooks"] = virtlab::Json::object();  // empty: nothing asked, accepted
  EXPECT_EQ(refusal(doc).first, virtlab::ExitCode::ok);
}

// docker.io 20.10 puts libnetwork's key hook into every config.json: prestart hooks are run, not refused.
TEST(OciSpec, ReadsHooksTheRuntimeRuns) {
  virtlab::Json doc = runc_spec();
  doc["hooks"] = {{"prestart", virtlab::Json::array({{{"path", "/proc/42/exe"},
                                                      {"args", {"libnetwork-setkey", "-exec-root=/var/run/docker"}},
                                                      {"timeout", 5}}})},
                  {"poststop", virtlab::Json::array({{{"path", "/bin/true"}}})}};
  const OciSpec spec = parse_oci_spec(doc.dump());
  ASSERT_EQ(spec.hooks.prestart.size(), 1u);
  EXPECT_EQ(spec.hooks.prestart[0].path, "/proc/42/exe");
  EXPECT_EQ(spec.hooks.prestart[0].args.at(1), "-exec-root=/var/run/docker");
  EXPECT_EQ(spec.hooks.prestart[0].timeout, 5);
  EXPECT_EQ(spec.hooks.poststop.size(), 1u);
  doc["hooks"] = {{"createContainer", virtlab::Json::array({{{"path", "/bin/true"}}})},
                  {"startContainer", virtlab::Json::array({{{"path", "/bin/sh"}, {"args", {"sh", "-c", "true"}}}})}};
  const OciSpec inside = parse_oci_spec(doc.dump());
  ASSERT_EQ(inside.hooks.create_container.size(), 1u);
  EXPECT_EQ(inside.hooks.create_container[0].path, "/bin/true");
  ASSERT_EQ(inside.hooks.start_container.size(), 1u);
  EXPECT_EQ(inside.hooks.start_container[0].args.at(2), "true");
  doc["hooks"] = {{"prestart", virtlab::Json::array({{{"path", "true"}}})}};
  EXPECT_EQ(refusal(doc).first, virtlab::ExitCode::usage);
}

TEST(OciSpec, RefusesWrongValues) {
  auto with = [](auto edit) {
    virtlab::Json doc = runc_spec();
    edit(doc);
    return refusal(doc);
  };
  EXPECT_NE(with([](auto& d) { d["process"]["args"] = "sh"; }).second.find("process.args must be an array"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) {
              d["process"]["capabilities"]["bounding"].push_back("CAP_FLY");
            }).second.find("unknown capability 'CAP_FLY'"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) { d["process"]["rlimits"][0]["type"] = "RLIMIT_FUN"; }).second.find("RLIMIT_FUN"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) { d["process"]["rlimits"][0]["soft"] = 2048; }).second.find("above the hard limit"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) { d["process"]["user"]["uid"] = -1; }).second.find("process.user.uid"), std::string::npos);
  EXPECT_NE(with([](auto& d) {
              d["linux"]["namespaces"].push_back({{"type", "pid"}});
            }).second.find("listed twice"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) {
              d["linux"]["uidMappings"] = {{{"containerID", 0}, {"hostID", 1000}, {"size", 1}}};
            }).second.find("without a user namespace"),
            std::string::npos);
  EXPECT_NE(with([](auto& d) { d["ociVersion"] = "0.5.0"; }).second.find("ociVersion"), std::string::npos);
  EXPECT_EQ(refusal(virtlab::Json::array()).first, virtlab::ExitCode::usage);
  EXPECT_THROW(parse_oci_spec("{not json"), virtlab::Error);
}

TEST(OciSpec, ReadsUserNamespaceMappings) {
  virtlab::Json doc = runc_spec();
  doc["linux"]["namespaces"].push_back({{"type", "user"}});
  doc["linux"]["uidMappings"] = {{{"containerID", 0}, {"hostID", 100000}, {"size", 65536}}};
  doc["linux"]["gidMappings"] = {{{"containerID", 0}, {"hostID", 100000}, {"size", 65536}}};
  OciSpec spec = parse_oci_spec(doc.dump());
  ASSERT_EQ(spec.uid_mappings.size(), 1u);
  EXPECT_EQ(spec.uid_mappings[0].host_id, 100000u);
  EXPECT_EQ(spec.gid_mappings[0].size, 65536u);
}

TEST(OciSpec, LoadBundleResolvesRelativeRootAndNamesMissingConfig) {
  try {
    load_oci_bundle("/nonexistent-bundle");
    FAIL() << "no error for a missing config.json";
  } catch (const virtlab::Error& e) {
    EXPECT_EQ(e.code(), virtlab::ExitCode::not_found);
    EXPECT_NE(std::string(e.what()).find("/nonexistent-bundle/config.json"), std::string::npos);
  }
  OciSpec spec = load_oci_bundle(std::string(VIRTLAB_FIXTURES_DIR) + "/oci/bundle");
  EXPECT_EQ(spec.root_path, std::string(VIRTLAB_FIXTURES_DIR) + "/oci/bundle/rootfs");
}

TEST(OciMountArguments, SplitsFlagsPropagationAndData) {
  OciMountArguments a = oci_mount_arguments({"nosuid", "noexec", "strictatime", "mode=755", "size=65536k"});
  EXPECT_EQ(a.flags, static_cast<unsigned long>(MS_NOSUID | MS_NOEXEC | MS_STRICTATIME));
  EXPECT_EQ(a.data, "mode=755,size=65536k");
  EXPECT_FALSE(a.bind);
  OciMountArguments b = oci_mount_arguments({"rbind", "rprivate", "ro", "rw"});
  EXPECT_EQ(b.flags, static_cast<unsigned long>(MS_BIND | MS_REC));  // rw clears the earlier ro
  EXPECT_EQ(b.propagation, static_cast<unsigned long>(MS_PRIVATE | MS_REC));
  EXPECT_TRUE(b.bind);
}

TEST(OciSeccomp, PodmanProfileBecomesFilter) {
  OciSpec spec = parse_oci_spec(fixture("podman-run.json"));
  OciSeccompFilter filter(*spec.seccomp);
  EXPECT_GT(filter.rules(), 300);
  const std::string pfc = filter.pfc();
  EXPECT_NE(pfc.find("action ERRNO(38);"), std::string::npos);  // the default: ENOSYS
  EXPECT_NE(pfc.find("# filter for syscall \"personality\""), std::string::npos);
  EXPECT_NE(pfc.find("ERRNO(1)"), std::string::npos);  // the rule denying kexec_load & co
}

TEST(OciSeccomp, RefusesUnknownActionAndSkipsUnknownNames) {
  OciSeccomp profile{"SCMP_ACT_ALLOW", std::nullopt, {"SCMP_ARCH_X86_64"}, {}};
  profile.syscalls.push_back({{"mkdir", "no_such_syscall_xyz"}, "SCMP_ACT_ERRNO", 13, {}});
  OciSeccompFilter filter(profile);
  EXPECT_EQ(filter.rules(), 1);
  EXPECT_EQ(filter.unknown_names(), std::vector<std::string>{"no_such_syscall_xyz"});
  profile.syscalls.push_back({{"rmdir"}, "SCMP_ACT_FLY", std::nullopt, {}});
  EXPECT_THROW(OciSeccompFilter{profile}, virtlab::Error);
}

TEST(RuncState, StatusFollowsInitAndFifo) {
  ContainerState s;
  EXPECT_EQ(derive_status(s, std::nullopt, true), ContainerStatus::creating);
  s.init = {4242, 777};
  const std::string stat = "4242 (sh) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0";
  EXPECT_EQ(derive_status(s, stat, true), ContainerStatus::created);
  EXPECT_EQ(derive_status(s, stat, false), ContainerStatus::running);
  EXPECT_EQ(derive_status(s, std::nullopt, false), ContainerStatus::stopped);
  const std::string reused = "4242 (sh) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 999 0 0";
  EXPECT_EQ(derive_status(s, reused, false), ContainerStatus::stopped);
}

TEST(RuncState, DocumentMatchesRuncAndRoundTrips) {
  ContainerState s;
  s.oci_version = "1.0.2-dev";
  s.id = "c1";
  s.bundle = "/b";
  s.rootfs = "/b/rootfs";
  s.created = rfc3339_nano(1796626120, 750284484);
  s.init = {4242, 777};
  s.cgroup_paths = {"/sys/fs/cgroup/memory/c1"};
  virtlab::Json doc = state_document(s, ContainerStatus::running);
  std::vector<std::string> keys;
  for (const auto& item : doc.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"ociVersion", "id", "pid", "status", "bundle", "rootfs", "created",
                                            "owner"}));  // runc 1.1.5's order
  EXPECT_EQ(doc["status"], "running");
  EXPECT_EQ(doc["created"], "2026-12-07T06:48:40.750284484Z");
  EXPECT_EQ(state_document(s, ContainerStatus::stopped)["pid"], 0);
  ContainerState back = parse_state_file(state_file_json(s).dump());
  EXPECT_EQ(back.init, s.init);
  EXPECT_EQ(back.cgroup_paths, s.cgroup_paths);
  EXPECT_EQ(back.rootfs, s.rootfs);
  EXPECT_THROW(parse_state_file("{\"id\": 3}"), virtlab::Error);
}

TEST(RuncState, ContainerIdsAreRuncs) {
  EXPECT_NO_THROW(validate_container_id("b0c1a7e3f9d8+x_y-z.1"));
  for (const char* bad : {"", ".", "..", "a/b", "a b", "../x"})
    EXPECT_THROW(validate_container_id(bad), virtlab::Error) << bad;
}

TEST(RuncLog, LinesInRuncsFormats) {
  EXPECT_EQ(runc_log_line(LogFormat::json, "error", "container \"x\" failed", "2026-12-07T06:48:40Z"),
            "{\"level\":\"error\",\"msg\":\"container \\\"x\\\" failed\",\"time\":\"2026-12-07T06:48:40Z\"}\n");
  EXPECT_EQ(runc_log_line(LogFormat::text, "info", "step one", "2026-12-07T06:48:40Z"),
            "time=\"2026-12-07T06:48:40Z\" level=info msg=\"step one\"\n");
  EXPECT_EQ(parse_log_format("json"), LogFormat::json);
  EXPECT_THROW(parse_log_format("xml"), virtlab::Error);
}
