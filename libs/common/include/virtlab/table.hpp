// Aligned text tables and colour. Colour only when stdout is a TTY, TERM is not "dumb" and NO_COLOR is unset
// (https://no-color.org), unless --color=always/never says otherwise.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab {

enum class ColorMode { automatic, always, never };
enum class Style { plain, bold, dim, red, green, yellow, blue, magenta, cyan };

struct Terminal {
  bool color = false;
  int width = 80;  // columns; 80 when not a TTY
  // Decides for a file descriptor (normally 1 = stdout).
  static Terminal detect(int fd, ColorMode mode);
};

// Wraps text in ANSI escapes when term.color, otherwise returns it unchanged.
std::string paint(const Terminal& term, Style style, std::string_view text);
// Display width in terminal columns (UTF-8 aware; CJK counts 2).
int display_width(std::string_view utf8);

enum class Align { left, right };

struct Cell {
  std::string text;
  Style style = Style::plain;
  Cell(std::string t) : text(std::move(t)) {}  // NOLINT(google-explicit-constructor)
  Cell(const char* t) : text(t) {}             // NOLINT(google-explicit-constructor)
  Cell(std::string t, Style s) : text(std::move(t)), style(s) {}
};

class Table {
 public:
  struct Column {
    std::string header;
    Align align = Align::left;
  };
  explicit Table(std::vector<Column> columns);
  void add_row(std::vector<Cell> cells);
  // A full-width separator line, e.g. before a totals row.
  void add_separator();
  void render(std::ostream& out, const Terminal& term) const;
  std::size_t rows() const noexcept { return rows_.size(); }

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;  // an empty row is a separator
};

}  // namespace virtlab
