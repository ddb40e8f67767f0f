// Guest memory as a byte vector for the virtio device tests, read and written the way a little-endian guest does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace virtlab::vmctl::test {

struct GuestBytes {
  explicit GuestBytes(std::size_t size) : memory(size) {}

  template <typename T>
  void put(std::uint64_t gpa, T value) {
    std::memcpy(memory.data() + gpa, &value, sizeof value);
  }
  template <typename T>
  T get(std::uint64_t gpa) const {
    T value{};
    std::memcpy(&value, memory.data() + gpa, sizeof value);
    return value;
  }

  std::vector<std::uint8_t> memory;
};

}  // namespace virtlab::vmctl::test
