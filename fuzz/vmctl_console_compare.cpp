// What a guest writes on its two consoles during `vmctl boot --compare-console`: the input is split into chunks for
// ttyS0 and hvc0 (byte 0x01 switches; chunks as the UART hands vmctl a byte per exit, virtio-console a buffer per kick)
// and fed to ConsoleCompare. A window only moves forward, samples are taken at most twice per device, what is shown is
// never more than what came in, and problem() says "complete" only for exactly N pattern bytes and both end lines.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "vmctl/console_compare.hpp"

using namespace virtlab::vmctl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first byte picks N (1..64) so short inputs can complete a window; the second the chunk sizes.
  const std::uint64_t expected = static_cast<std::uint64_t>(data[0] % 64) + 1;
  const std::size_t chunk_seed = data[1];
  const auto text = virtlab_fuzz::as_text(data + 2, size - 2);
  ConsoleCompare compare(expected);
  int samples[2] = {0, 0};
  // 0x01 switches between the streams (ttyS0 first); each stretch goes in in chunks of 1..97 bytes.
  auto device = CompareDevice::Serial;
  std::size_t offset = 0, turn = 0;
  while (offset < text.size()) {
    if (text[offset] == '\x01') {
      device = device == CompareDevice::Serial ? CompareDevice::Virtio : CompareDevice::Serial;
      ++offset;
      continue;
    }
    const std::size_t chunk = 1 + (chunk_seed + turn * 7) % 97;
    const auto piece = text.substr(offset, std::min(chunk, text.find('\x01', offset) - offset));
    const auto before = compare.window(device).state;
    int& count = samples[device == CompareDevice::Serial ? 0 : 1];
    const std::string shown = compare.feed(device, piece, [&] {
      ++count;
      CompareSample s;
      s.t = static_cast<double>(count);
      s.exits_to_vmctl = static_cast<std::uint64_t>(count);
      return s;
    });
    FUZZ_CHECK(shown.size() <= piece.size());
    FUZZ_CHECK(static_cast<int>(compare.window(device).state) >= static_cast<int>(before));
    FUZZ_CHECK(count <= 2);
    offset += piece.size();
    ++turn;
  }
  for (const auto device : kCompareDevices) {
    const auto& w = compare.window(device);
    FUZZ_CHECK(w.foreign_bytes <= w.bytes);
    if (w.state == WindowState::Payload) FUZZ_CHECK(w.bytes < expected);
    const auto f = compare_figures(w);
    FUZZ_CHECK(f.exits_per_kib >= 0);
  }
  const auto problem = compare.problem();
  if (!problem)
    for (const auto device : kCompareDevices) {
      const auto& w = compare.window(device);
      FUZZ_CHECK(w.state == WindowState::Reported && w.bytes == expected && w.foreign_bytes == 0 && w.guest_ns);
    }
  const virtlab::Json doc = compare_console_json(compare);
  FUZZ_CHECK(doc["complete"].get<bool>() == !problem);
  return 0;
}
