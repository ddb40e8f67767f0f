#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "virtlab/table.hpp"

using namespace virtlab;

TEST(Table, AlignsColumnsWithoutTrailingSpaces) {
  Table t({{"RANGE"}, {"RSS", Align::right}, {"PATH"}});
  t.add_row({"0x1000-0x2000", "4", "[heap]"});
  t.add_row({"0x7f00-0x8000", "1024", "/usr/lib/libc.so.6"});
  std::ostringstream out;
  t.render(out, Terminal{});
  EXPECT_EQ(out.str(),
            "RANGE           RSS  PATH\n"
            "0x1000-0x2000     4  [heap]\n"
            "0x7f00-0x8000  1024  /usr/lib/libc.so.6\n");
}

TEST(Table, KoreanIsTwoColumnsWide) {
  EXPECT_EQ(display_width("페이지"), 6);
  EXPECT_EQ(display_width("page"), 4);
}

TEST(Terminal, NoColorWhenNotATtyOrNoColorSet) {
  // A pipe is never a TTY: auto means no colour.
  EXPECT_FALSE(Terminal::detect(-1, ColorMode::automatic).color);
  EXPECT_TRUE(Terminal::detect(-1, ColorMode::always).color);
  EXPECT_EQ(paint(Terminal{}, Style::red, "x"), "x");
  Terminal colored;
  colored.color = true;
  EXPECT_EQ(paint(colored, Style::red, "x"), "\x1b[31mx\x1b[0m");
}
