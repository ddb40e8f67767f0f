// `vmctl translate`: run the guest to HLT, then walk GVA → GPA → HVA → HPA for each address (translate.hpp).
#include <iostream>

#include "virtlab/error.hpp"
#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"
#include "virtlab/text.hpp"
#include "vmctl/backend.hpp"
#include "vmctl/commands.hpp"
#include "vmctl/guests.hpp"
#include "vmctl/nested.hpp"
#include "vmctl/translate.hpp"

namespace virtlab::vmctl {

namespace {

using Json = nlohmann::ordered_json;

// The guest whose tables to walk (built-in, or --image run to HLT), checked before KVM.
RunOptions plan_translate(const TranslateCommand& c) {
  if (c.guest_given && !c.image_path.empty())
    throw Error(ExitCode::usage, "both --guest and --image given", "give one of them");
  RunOptions options;
  if (!c.image_path.empty()) {
    use_image(options, c.image_path, c.mode);
    if (!c.mem.empty()) options.placement.memory = parse_memory_option(c.mem);
    options.placement.image_size = options.image.size();
    layout::validate(options.placement);
  } else {
    options.builtin = find_builtin_guest(c.guest);
    options.placement.mode = options.builtin->mode;
  }
  options.timeout_s = c.timeout_s;
  return options;
}

std::vector<std::uint64_t> parse_gvas(std::vector<std::string> texts) {
  if (texts.empty()) texts = {"0x1000", "0x10000", "0x5000"};
  std::vector<std::uint64_t> gvas;
  for (const auto& text : texts) {
    const auto gva = virtlab::parse_u64(text, true);
    if (!gva) throw Error(ExitCode::usage, "'" + text + "' is not an address", "give a GVA such as 0x1000");
    gvas.push_back(*gva);
  }
  return gvas;
}

void emit_translate_json(const TranslateCommand& c, const RunOptions& options, const GuestTranslation& t) {
  Json chains = Json::array();
  for (const auto& chain : t.chains) chains.push_back(chain_to_json(chain));
  Json doc = virtlab::make_document("vmctl", 1);
  doc["command"] = "translate";
  doc["nested"] = nested_marker();
  doc["translate"] = {{"guest", options.profile().name}, {"cr3", t.cr3}, {"chains", chains}};
  if (!c.image_path.empty()) {
    doc["translate"]["source"] = c.image_path;
    doc["translate"]["mode"] = c.mode;
  }
  virtlab::emit_document(std::cout, doc);
}

}  // namespace

int run_translate_command(const TranslateCommand& c, const CommandContext& context) {
  const RunOptions options = plan_translate(c);
  const std::vector<std::uint64_t> gvas = parse_gvas(c.gvas);
  if (const auto status = run_in_test_vm_without_kvm(context, c.image_path)) return *status;

  virtlab::InterruptGuard guard;
  Kvm kvm;
  auto vm = kvm.create_vm();
  const auto t = translate_guest(*vm, options, gvas, running_in_vm());
  if (context.json) {
    emit_translate_json(c, options, t);
    return 0;
  }
  for (const auto& chain : t.chains) print_chain(std::cout, chain, context.color);
  return 0;
}

}  // namespace virtlab::vmctl
