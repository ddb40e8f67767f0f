// The 8250 UART as Linux's 8250 driver probes and drives it (register sequences from drivers/tty/serial/8250).
#include <gtest/gtest.h>

#include "vmctl/uart.hpp"

namespace virtlab::vmctl {
namespace {

constexpr std::uint16_t kThr = 0, kIer = 1, kIir = 2, kLcr = 3, kMcr = 4, kLsr = 5, kMsr = 6, kScr = 7;

TEST(Uart8250, TransmitsThrBytesAndLsrSaysEmpty) {
  Uart8250 uart;
  std::string out;
  for (char c : std::string("ok\n")) uart.write(kThr, static_cast<std::uint8_t>(c), out);
  EXPECT_EQ(out, "ok\n");
  EXPECT_EQ(uart.read(kLsr) & 0x60, 0x60);  // THRE | TEMT
  EXPECT_EQ(uart.read(kLsr) & 0x01, 0);     // no data
}

TEST(Uart8250, IerTestOfAutoconfigKeepsFourBits) {
  Uart8250 uart;
  std::string out;
  uart.write(kIer, 0, out);
  EXPECT_EQ(uart.read(kIer) & 0x0f, 0);
  uart.write(kIer, 0xff, out);
  EXPECT_EQ(uart.read(kIer), 0x0f);
}

TEST(Uart8250, LoopbackWiresModemLinesAndData) {
  Uart8250 uart;
  std::string out;
  uart.write(kMcr, 0x10 | 0x0a, out);  // LOOP | RTS | OUT2, as autoconfig writes
  EXPECT_EQ(uart.read(kMsr) & 0xf0, 0x90);
  uart.write(kThr, 'z', out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(uart.read(kLsr) & 0x01, 1);
  EXPECT_EQ(uart.read(kThr), 'z');
}

TEST(Uart8250, DlabSwitchesToTheDivisorLatch) {
  Uart8250 uart;
  std::string out;
  uart.write(kLcr, 0x80, out);
  uart.write(kThr, 0x01, out);  // DLL: 115200 baud
  uart.write(kIer, 0x00, out);  // DLM
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(uart.read(kThr), 0x01);
  uart.write(kLcr, 0x03, out);  // 8N1, DLAB off
  EXPECT_EQ(uart.read(kLcr), 0x03);
  uart.write(kScr, 0x5a, out);
  EXPECT_EQ(uart.read(kScr), 0x5a);
}

TEST(Uart8250, ThrEmptyInterruptRaisedOnEnableAndAcknowledgedByIir) {
  Uart8250 uart;
  std::string out;
  EXPECT_FALSE(uart.irq_pending());
  uart.write(kIer, Uart8250::kIerThri, out);
  EXPECT_TRUE(uart.irq_pending());
  EXPECT_EQ(uart.read(kIir) & 0x0f, 0x02);
  EXPECT_FALSE(uart.irq_pending());
  EXPECT_EQ(uart.read(kIir) & 0x0f, 0x01);  // no interrupt
  uart.write(kThr, 'a', out);               // sent: THR empty again
  EXPECT_TRUE(uart.irq_pending());
}

TEST(Uart8250, ReceivedDataRaisesTheLineOnlyWhenEnabled) {
  Uart8250 uart;
  std::string out;
  EXPECT_EQ(uart.receive("hi"), 2u);
  EXPECT_FALSE(uart.irq_pending());
  EXPECT_FALSE(uart.receiver_enabled());
  uart.write(kIer, Uart8250::kIerRdi, out);
  EXPECT_TRUE(uart.receiver_enabled());
  EXPECT_TRUE(uart.irq_pending());
  EXPECT_EQ(uart.read(kIir) & 0x0f, 0x04);
  EXPECT_EQ(uart.read(kThr), 'h');
  EXPECT_EQ(uart.read(kThr), 'i');
  EXPECT_FALSE(uart.irq_pending());
}

TEST(Uart8250, FifoEnableShowsInIirAndClearDropsInput) {
  Uart8250 uart;
  std::string out;
  uart.write(kIir, 0x01, out);  // FCR: enable FIFOs → 16550A
  EXPECT_EQ(uart.read(kIir) & 0xc0, 0xc0);
  uart.receive("x");
  uart.write(kIir, 0x03, out);  // clear RX FIFO
  EXPECT_EQ(uart.rx_waiting(), 0u);
}

// The boot loop raises an interrupt again when the line stayed high and the guest never read IIR (a lost edge).
TEST(Uart8250, CountsIirReadsSoAnUnseenInterruptShows) {
  Uart8250 uart;
  std::string out;
  uart.write(1, Uart8250::kIerRdi, out);  // IER: receive interrupts
  uart.receive("x");
  EXPECT_TRUE(uart.irq_pending());
  EXPECT_EQ(uart.iir_reads(), 0u);
  uart.read(0);  // RBR: reading the data does not count as looking at IIR
  EXPECT_EQ(uart.iir_reads(), 0u);
  uart.read(kIir);
  uart.read(kIir);
  EXPECT_EQ(uart.iir_reads(), 2u);
}

TEST(Uart8250, InputBeyondCapacityIsRefused) {
  Uart8250 uart;
  EXPECT_EQ(uart.receive(std::string(Uart8250::kRxCapacity + 10, 'a')), Uart8250::kRxCapacity);
}

}  // namespace
}  // namespace virtlab::vmctl
