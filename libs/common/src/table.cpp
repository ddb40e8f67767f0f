#include "virtlab/table.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ostream>

namespace virtlab {

Terminal Terminal::detect(int fd, ColorMode mode) {
  Terminal term;
  bool tty = ::isatty(fd) != 0;
  if (tty) {
    winsize ws{};
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) term.width = ws.ws_col;
  }
  switch (mode) {
    case ColorMode::always:
      term.color = true;
      break;
    case ColorMode::never:
      term.color = false;
      break;
    case ColorMode::automatic: {
      const char* no_color = std::getenv("NO_COLOR");
      const char* term_name = std::getenv("TERM");
      bool dumb = term_name != nullptr && std::strcmp(term_name, "dumb") == 0;
      term.color = tty && !dumb && (no_color == nullptr || no_color[0] == '\0');
      break;
    }
  }
  return term;
}

std::string paint(const Terminal& term, Style style, std::string_view text) {
  if (!term.color || style == Style::plain) return std::string(text);
  const char* code = "";
  switch (style) {
    case Style::plain:
      break;
    case Style::bold:
      code = "1";
      break;
    case Style::dim:
      code = "2";
      break;
    case Style::red:
      code = "31";
      break;
    case Style::green:
      code = "32";
      break;
    case Style::yellow:
      code = "33";
      break;
    case Style::blue:
      code = "34";
      break;
    case Style::magenta:
      code = "35";
      break;
    case Style::cyan:
      code = "36";
      break;
  }
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}

int display_width(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0;
    std::size_t len = 1;
    if (byte < 0x80) {
      cp = byte;
    } else if ((byte >> 5) == 0x6) {
      cp = byte & 0x1f;
      len = 2;
    } else if ((byte >> 4) == 0xe) {
      cp = byte & 0x0f;
      len = 3;
    } else {
      cp = byte & 0x07;
      len = 4;
    }
    for (std::size_t k = 1; k < len && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3f);
    }
    i += len;
    // East Asian wide: Hangul, CJK, full-width forms.
    bool wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
                (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<Cell> cells) {
  cells.resize(columns_.size(), Cell(""));
  rows_.push_back(std::move(cells));
}

void Table::add_separator() {
  rows_.emplace_back();
}

void Table::render(std::ostream& out, const Terminal& term) const {
  std::vector<int> widths(columns_.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) widths[c] = display_width(columns_[c].header);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c].text));
  }
  auto emit = [&](std::size_t c, const std::string& text, Style style) {
    int pad = widths[c] - display_width(text);
    bool last = c + 1 == columns_.size();
    if (columns_[c].align == Align::right) out << std::string(static_cast<std::size_t>(pad), ' ');
    out << paint(term, style, text);
    if (columns_[c].align == Align::left && !last) out << std::string(static_cast<std::size_t>(pad), ' ');
    if (!last) out << "  ";
  };
  for (std::size_t c = 0; c < columns_.size(); ++c) emit(c, columns_[c].header, Style::bold);
  out << '\n';
  int total = 0;
  for (int w : widths) total += w + 2;
  for (const auto& row : rows_) {
    if (row.empty()) {
      out << std::string(static_cast<std::size_t>(std::max(total - 2, 0)), '-') << '\n';
      continue;
    }
    for (std::size_t c = 0; c < row.size(); ++c) emit(c, row[c].text, row[c].style);
    out << '\n';
  }
}

}  // namespace virtlab
