#include "vmctl/cmos.hpp"

namespace virtlab::vmctl {

namespace {

std::uint8_t bcd(int value) noexcept {
  return static_cast<std::uint8_t>(((value / 10) << 4) | (value % 10));
}

}  // namespace

std::uint8_t Cmos::read_data(std::time_t now) const noexcept {
  std::tm t{};
  gmtime_r(&now, &t);
  switch (index_) {
    case 0x00:
      return bcd(t.tm_sec);
    case 0x02:
      return bcd(t.tm_min);
    case 0x04:
      return bcd(t.tm_hour);
    case 0x06:
      return bcd(t.tm_wday + 1);
    case 0x07:
      return bcd(t.tm_mday);
    case 0x08:
      return bcd(t.tm_mon + 1);
    case 0x09:
      return bcd(t.tm_year % 100);
    case 0x32:
      return bcd(19 + t.tm_year / 100);  // century
    case 0x0a:
      return 0x26;  // 32.768 kHz divider, 1024 Hz rate, UIP clear
    case 0x0b:
      return 0x02;  // 24-hour, BCD, no interrupts enabled
    case 0x0d:
      return 0x80;  // valid RAM and time
    default:
      return 0;
  }
}

}  // namespace virtlab::vmctl
