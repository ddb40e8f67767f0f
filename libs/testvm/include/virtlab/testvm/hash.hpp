// SHA-256 for cache keys: the initramfs pieces are named by the hash of what went into them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace virtlab::testvm {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::array<std::uint8_t, 32> digest();  // finishes the hash; call once
  std::string hex_digest();               // 64 lowercase hex digits

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace virtlab::testvm
