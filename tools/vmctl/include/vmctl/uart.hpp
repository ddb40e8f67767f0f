// A 16550A-compatible 8250 UART, enough for Linux's 8250 driver and earlyprintk (the registers kvmtool's
// hw/serial.c emulates). Pure state machine: the caller moves bytes and drives the IRQ line it reports.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace virtlab::vmctl {

class Uart8250 {
 public:
  static constexpr std::uint16_t kBase = 0x3f8;  // COM1
  static constexpr std::uint32_t kIrq = 4;
  static constexpr std::size_t kRxCapacity = 4096;  // host input waiting for the guest

  // Guest IN from base + offset (0..7).
  std::uint8_t read(std::uint16_t offset);
  // Guest OUT. A byte written to THR (not in loopback) is appended to `transmitted`.
  void write(std::uint16_t offset, std::uint8_t value, std::string& transmitted);

  // Host input for the guest (dropped beyond kRxCapacity; returns how many were accepted).
  std::size_t receive(std::string_view bytes);
  // The level the IRQ line should have now: an enabled interrupt is pending.
  bool irq_pending() const noexcept;
  // The guest's driver has opened the port (receive interrupts enabled): input sent now reaches a reader.
  bool receiver_enabled() const noexcept { return (ier_ & kIerRdi) != 0; }
  std::size_t rx_waiting() const noexcept { return rx_.size(); }
  // How many times the guest has read IIR: a pending interrupt the guest never looks at is one it did not get.
  std::uint64_t iir_reads() const noexcept { return iir_reads_; }

  static constexpr std::uint8_t kIerRdi = 0x01, kIerThri = 0x02;

 private:
  std::uint8_t iir() const noexcept;
  std::uint8_t msr() const noexcept;

  std::deque<std::uint8_t> rx_;
  std::uint8_t ier_ = 0, lcr_ = 0, mcr_ = 0x08, scr_ = 0, fcr_ = 0, dll_ = 0x0c, dlm_ = 0;
  std::uint64_t iir_reads_ = 0;
  bool thr_interrupt_ = false;  // "transmitter empty" pending, cleared by reading IIR or writing THR
};

}  // namespace virtlab::vmctl
