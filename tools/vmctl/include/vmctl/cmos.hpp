// The MC146818 CMOS real-time clock at ports 0x70 (index) / 0x71 (data), read-only time in BCD. Why: a port nobody
// emulates reads 0xff, so register A's "update in progress" bit looks stuck and Linux's rtc_cmos polls it 20 000
// times before giving up — 40 000 exits, ~40 s of a nested boot. Pure: the time comes from the caller.
#pragma once

#include <cstdint>
#include <ctime>

namespace virtlab::vmctl {

class Cmos {
 public:
  static constexpr std::uint16_t kIndexPort = 0x70, kDataPort = 0x71;

  void write_index(std::uint8_t value) noexcept { index_ = value & 0x7f; }  // bit 7 masks NMIs
  // The selected register at the UTC time `now`: seconds … century in BCD, A = UIP clear, B = 24 h BCD,
  // D = "valid RAM and time"; other registers read 0. Writes to the data port are ignored (the clock is read-only).
  std::uint8_t read_data(std::time_t now) const noexcept;
  std::uint8_t index() const noexcept { return index_; }

 private:
  std::uint8_t index_ = 0;
};

}  // namespace virtlab::vmctl
