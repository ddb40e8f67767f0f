#include <iostream>

#include "virtlab/json.hpp"
#include "vmctl/commands.hpp"
#include "vmctl/machine.hpp"
#include "vmctl/nested.hpp"

namespace virtlab::vmctl {

int run_info_command(const CommandContext& context) {
  using Json = nlohmann::ordered_json;
  Json info = gather_info();
  if (context.json) {
    Json doc = virtlab::make_document("vmctl", 1);
    doc["command"] = "info";
    doc["nested"] = nested_marker();
    doc["info"] = info;
    virtlab::emit_document(std::cout, doc);
    return 0;
  }
  print_info(std::cout, info, context.color);
  if (!info["kvm"]["present"].get<bool>()) {
    const auto why = nested_unavailable_reason();
    std::cout << "  test VM        "
              << (why ? "unavailable: " + *why : std::string("available: vmctl run uses it automatically")) << '\n';
  }
  return 0;
}

}  // namespace virtlab::vmctl
