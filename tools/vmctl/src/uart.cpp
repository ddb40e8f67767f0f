#include "vmctl/uart.hpp"

namespace virtlab::vmctl {

namespace {

constexpr std::uint16_t kRbrThr = 0, kIer = 1, kIirFcr = 2, kLcr = 3, kMcr = 4, kLsr = 5, kMsr = 6, kScr = 7;
constexpr std::uint8_t kLcrDlab = 0x80;
constexpr std::uint8_t kMcrDtr = 0x01, kMcrRts = 0x02, kMcrOut1 = 0x04, kMcrOut2 = 0x08, kMcrLoop = 0x10;
constexpr std::uint8_t kLsrDr = 0x01, kLsrThre = 0x20, kLsrTemt = 0x40;
constexpr std::uint8_t kIirNoInt = 0x01, kIirThri = 0x02, kIirRdi = 0x04, kIirFifo = 0xc0;
constexpr std::uint8_t kFcrEnable = 0x01, kFcrClearRx = 0x02;
constexpr std::uint8_t kMsrCts = 0x10, kMsrDsr = 0x20, kMsrRi = 0x40, kMsrDcd = 0x80;

}  // namespace

std::uint8_t Uart8250::iir() const noexcept {
  const std::uint8_t fifo = (fcr_ & kFcrEnable) ? kIirFifo : 0;
  if ((ier_ & kIerRdi) && !rx_.empty()) return fifo | kIirRdi;
  if ((ier_ & kIerThri) && thr_interrupt_) return fifo | kIirThri;
  return fifo | kIirNoInt;
}

std::uint8_t Uart8250::msr() const noexcept {
  // Loopback wires the modem outputs to the inputs; Linux's autoconfig checks this (MCR 0x1a → MSR 0x90).
  if (mcr_ & kMcrLoop)
    return static_cast<std::uint8_t>(((mcr_ & kMcrRts) ? kMsrCts : 0) | ((mcr_ & kMcrDtr) ? kMsrDsr : 0) |
                                     ((mcr_ & kMcrOut1) ? kMsrRi : 0) | ((mcr_ & kMcrOut2) ? kMsrDcd : 0));
  return kMsrDcd | kMsrDsr | kMsrCts;  // a terminal is always connected
}

bool Uart8250::irq_pending() const noexcept {
  return (iir() & kIirNoInt) == 0;
}

std::uint8_t Uart8250::read(std::uint16_t offset) {
  const bool dlab = lcr_ & kLcrDlab;
  switch (offset) {
    case kRbrThr: {
      if (dlab) return dll_;
      if (rx_.empty()) return 0;
      const std::uint8_t byte = rx_.front();
      rx_.pop_front();
      return byte;
    }
    case kIer:
      return dlab ? dlm_ : ier_;
    case kIirFcr: {
      ++iir_reads_;
      const std::uint8_t value = iir();
      if ((value & 0x0f) == kIirThri) thr_interrupt_ = false;  // reading IIR acknowledges THR empty
      return value;
    }
    case kLcr:
      return lcr_;
    case kMcr:
      return mcr_;
    case kLsr:
      return static_cast<std::uint8_t>(kLsrThre | kLsrTemt | (rx_.empty() ? 0 : kLsrDr));
    case kMsr:
      return msr();
    case kScr:
      return scr_;
    default:
      return 0xff;
  }
}

void Uart8250::write(std::uint16_t offset, std::uint8_t value, std::string& transmitted) {
  const bool dlab = lcr_ & kLcrDlab;
  switch (offset) {
    case kRbrThr:
      if (dlab) {
        dll_ = value;
        return;
      }
      if (mcr_ & kMcrLoop) {
        if (rx_.size() < kRxCapacity) rx_.push_back(value);
      } else {
        transmitted.push_back(static_cast<char>(value));
      }
      thr_interrupt_ = true;  // sent at once: the holding register is empty again
      return;
    case kIer:
      if (dlab) {
        dlm_ = value;
        return;
      }
      // Enabling the THR interrupt while THR is empty raises it at once (the driver's start_tx relies on it).
      if ((value & kIerThri) && !(ier_ & kIerThri)) thr_interrupt_ = true;
      ier_ = value & 0x0f;
      return;
    case kIirFcr:
      fcr_ = value;
      if (value & kFcrClearRx) rx_.clear();
      return;
    case kLcr:
      lcr_ = value;
      return;
    case kMcr:
      mcr_ = value & 0x1f;
      return;
    case kScr:
      scr_ = value;
      return;
    default:
      return;  // LSR and MSR are read-only
  }
}

std::size_t Uart8250::receive(std::string_view bytes) {
  std::size_t accepted = 0;
  for (const char c : bytes) {
    if (rx_.size() >= kRxCapacity) break;
    rx_.push_back(static_cast<std::uint8_t>(c));
    ++accepted;
  }
  return accepted;
}

}  // namespace virtlab::vmctl
