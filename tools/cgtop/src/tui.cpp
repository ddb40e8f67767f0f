#include "cgtop/tui.hpp"

#include <langinfo.h>
#include <ncurses.h>
#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstring>

#include "virtlab/json.hpp"
#include "virtlab/signals.hpp"

namespace virtlab::cgtop {

namespace {

// initscr/endwin as RAII so the terminal is restored on every exit path (exceptions, signals).
class Screen {
 public:
  explicit Screen(bool color) {
    std::setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    if (color && has_colors()) {
      start_color();
      use_default_colors();
      init_pair(1, COLOR_YELLOW, -1);
      init_pair(2, COLOR_RED, -1);
      init_pair(3, COLOR_CYAN, -1);
      color_ = true;
    }
  }
  ~Screen() { endwin(); }
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;
  bool color() const { return color_; }

 private:
  bool color_ = false;
};

struct State {
  ViewOptions view;
  double interval_s = 1.0;
  int selected = 0;
  int scroll = 0;
  std::string focus = "/";
  bool paused = false;
};

// Terminal columns of a UTF-8 string: one per code point (our glyphs and cgroup names are not double-width).
int columns(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Pads or cuts `s` to exactly `width` columns, never splitting a UTF-8 sequence.
std::string fit(const std::string& s, int width, bool right) {
  if (width <= 0) return "";
  int have = columns(s);
  if (have > width) {
    std::size_t end = 0;
    for (int kept = 0; end < s.size(); ++end)
      if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && kept++ == width) break;
    return s.substr(0, end);
  }
  std::string pad(static_cast<std::size_t>(width - have), ' ');
  return right ? pad + s : s + pad;
}

// Tree and header glyphs: UTF-8 when the terminal's locale is UTF-8, plain ASCII otherwise (LANG=C).
struct Glyphs {
  const char* dash;
  const char* expanded;
  const char* collapsed;
  const char* minus;
};
const Glyphs& glyphs() {
  static const Glyphs utf8{"—", "▾ ", "▸ ", "−"}, ascii{"-", "v ", "> ", "-"};
  static const bool is_utf8 = std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
  return is_utf8 ? utf8 : ascii;
}

void draw(const Snapshot& snap, State& st, const std::vector<const CgroupSample*>& rows, bool color,
          const std::string& mode) {
  erase();
  int height = LINES, width = COLS;
  const Glyphs& g = glyphs();
  char head[512];
  std::snprintf(head, sizeof head,
                "cgtop %s %s %s hierarchy, %d CPUs %s every %.2g s %s sort %s %s depth %d %s focus %s %s %zu cgroups",
                mode.c_str(), g.dash, std::string(to_string(snap.layout)).c_str(), snap.cpus, g.dash, st.interval_s,
                g.dash, std::string(to_string(st.view.sort)).c_str(), g.dash, st.view.max_depth, g.dash,
                st.focus.c_str(), g.dash, snap.rows.size());
  attron(A_BOLD);
  mvaddstr(0, 0, fit(head, width, false).c_str());
  attroff(A_BOLD);
  mvaddstr(1, 0,
           fit(std::string("q quit  c/m/i/t/p sort  j/k move  space collapse  f focus  u unfocus  +/- depth  </> "
                           "interval  r raw   CPU% 100=one CPU; WORKSET = memory ") +
                   g.minus + " inactive_file",
               width, false)
               .c_str());
  struct Col {
    const char* title;
    int w;
  };
  static const Col cols[] = {{"TASKS", 6},   {"CPU%", 7},    {"QUOTA", 6},    {"THROTTLED", 10},
                             {"MEMORY", 10}, {"LIMIT", 10},  {"WORKSET", 10}, {"PEAK", 10},
                             {"OOM", 4},     {"READ/s", 11}, {"WRITE/s", 11}, {"PSI c/m/i", 15}};
  int fixed_w = 0;
  for (const auto& c : cols) fixed_w += c.w + 1;
  int name_w = std::max(20, width - fixed_w);
  std::string header = fit("CGROUP", name_w, false);
  for (const auto& c : cols) header += " " + fit(c.title, c.w, true);
  attron(A_REVERSE);
  mvaddstr(2, 0, fit(header, width, false).c_str());
  attroff(A_REVERSE);
  int body = height - 3;
  if (st.selected >= static_cast<int>(rows.size())) st.selected = static_cast<int>(rows.size()) - 1;
  if (st.selected < 0) st.selected = 0;
  if (st.selected < st.scroll) st.scroll = st.selected;
  if (st.selected >= st.scroll + body) st.scroll = st.selected - body + 1;
  for (int i = 0; i < body && st.scroll + i < static_cast<int>(rows.size()); ++i) {
    const CgroupSample& s = *rows[static_cast<std::size_t>(st.scroll) + static_cast<std::size_t>(i)];
    auto t = format_row(s, st.view.raw);
    std::string label(static_cast<std::size_t>(s.depth) * 2, ' ');
    bool kids = has_children(snap, s);
    const bool folded = st.view.collapsed.count(s.path) || (st.view.max_depth >= 0 && s.depth >= st.view.max_depth);
    label += kids ? (folded ? g.collapsed : g.expanded) : "  ";
    auto slash = s.path.rfind('/');
    label += s.depth == 0 ? s.path : s.path.substr(slash + 1);
    if (!t.name.empty()) label += " [" + t.name + "]";
    std::string line = fit(label, name_w, false);
    const std::string* vals[] = {&t.tasks,       &t.cpu,  &t.quota, &t.throttled, &t.memory,   &t.limit,
                                 &t.working_set, &t.peak, &t.oom,   &t.io_read,   &t.io_write, &t.psi};
    for (std::size_t c = 0; c < std::size(cols); ++c) line += " " + fit(*vals[c], cols[c].w, true);
    bool sel = st.scroll + i == st.selected;
    int attr = sel ? A_REVERSE : 0;
    if (color && s.oom_kills && *s.oom_kills)
      attr |= COLOR_PAIR(2);
    else if (color && s.throttled_percent && *s.throttled_percent > 0)
      attr |= COLOR_PAIR(1);
    if (s.depth == 0) attr |= A_BOLD;
    attron(attr);
    mvaddstr(3 + i, 0, fit(line, width, false).c_str());
    attroff(attr);
  }
  refresh();
}

// Applies one key; returns false to quit. `refocus` is set when the sampled subtree changed.
bool handle_key(int ch, State& st, const std::vector<const CgroupSample*>& rows, bool& refocus) {
  switch (ch) {
    case 'q':
    case 'Q':
      return false;
    case 'c':
      st.view.sort = SortKey::cpu;
      break;
    case 'm':
      st.view.sort = SortKey::memory;
      break;
    case 'i':
      st.view.sort = SortKey::io;
      break;
    case 't':
      st.view.sort = SortKey::tasks;
      break;
    case 'p':
      st.view.sort = SortKey::path;
      break;
    case 'r':
      st.view.raw = !st.view.raw;
      break;
    case KEY_DOWN:
    case 'j':
      ++st.selected;
      break;
    case KEY_UP:
    case 'k':
      st.selected = std::max(0, st.selected - 1);
      break;
    case KEY_NPAGE:
      st.selected += LINES - 4;
      break;
    case KEY_PPAGE:
      st.selected = std::max(0, st.selected - (LINES - 4));
      break;
    case KEY_HOME:
      st.selected = 0;
      break;
    case '+':
    case '=':
      st.view.max_depth = st.view.max_depth < 0 ? -1 : st.view.max_depth + 1;
      break;
    case '-':
      st.view.max_depth = st.view.max_depth < 0 ? 3 : std::max(0, st.view.max_depth - 1);
      break;
    case '>':
      st.interval_s = std::min(60.0, st.interval_s * 2);
      break;
    case '<':
      st.interval_s = std::max(0.1, st.interval_s / 2);
      break;
    case ' ':
    case '\n':
    case KEY_ENTER:
      if (st.selected < static_cast<int>(rows.size())) {
        const std::string& p = rows[static_cast<std::size_t>(st.selected)]->path;
        if (!st.view.collapsed.erase(p)) st.view.collapsed.insert(p);
      }
      break;
    case 'f':
      if (st.selected < static_cast<int>(rows.size())) {
        st.focus = rows[static_cast<std::size_t>(st.selected)]->path;
        st.selected = 0;
        refocus = true;
      }
      break;
    case 'u':
      if (st.focus != "/") {
        st.focus = "/";
        st.selected = 0;
        refocus = true;
      }
      break;
    default:
      break;
  }
  return true;
}

}  // namespace

void run_tui(Sampler& sampler, const kernel::Hierarchy& h, const TuiOptions& options) {
  Screen screen(options.color);
  State st;
  st.view = options.view;
  st.interval_s = options.interval_s;
  st.focus = sampler.options().root;
  sampler.refresh();
  auto next = std::chrono::steady_clock::now();
  int shown = 0;
  const Snapshot* snap = &sampler.last();
  std::vector<const CgroupSample*> rows;
  for (;;) {
    virtlab::InterruptGuard::throw_if_requested();
    auto now = std::chrono::steady_clock::now();
    if (now >= next) {
      snap = &sampler.refresh();
      if (options.record) virtlab::emit_json_line(*options.record, snapshot_to_json(*snap, h));
      next = now + std::chrono::milliseconds(static_cast<int>(st.interval_s * 1000));
      ++shown;
    }
    rows = order_rows(*snap, st.view);
    draw(*snap, st, rows, screen.color(), "live");
    if (options.iterations > 0 && shown >= options.iterations) break;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
    timeout(static_cast<int>(std::max<long long>(0, wait.count())));
    int ch = getch();
    if (ch == ERR) continue;
    bool refocus = false;
    if (!handle_key(ch, st, rows, refocus)) break;
    if (refocus) {
      SamplerOptions o = sampler.options();
      o.root = st.focus;
      sampler.set_options(o);
      sampler.refresh();
      snap = &sampler.last();
      next = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int>(st.interval_s * 1000));
    }
  }
}

void replay_tui(const std::vector<Snapshot>& frames, const TuiOptions& options) {
  if (frames.empty()) return;
  Screen screen(options.color);
  State st;
  st.view = options.view;
  st.interval_s = options.interval_s;
  std::size_t index = 0;
  auto next = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int>(st.interval_s * 1000));
  for (;;) {
    virtlab::InterruptGuard::throw_if_requested();
    const Snapshot& snap = frames[index];
    auto rows = order_rows(snap, st.view);
    draw(snap, st, rows, screen.color(),
         "replay " + std::to_string(index + 1) + "/" + std::to_string(frames.size()) + (st.paused ? " (paused)" : ""));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
    timeout(st.paused ? -1 : static_cast<int>(std::max<long long>(0, wait.count())));
    int ch = getch();
    if (ch == ERR) {
      if (index + 1 < frames.size())
        ++index;
      else
        st.paused = true;
      next = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int>(st.interval_s * 1000));
      continue;
    }
    if (ch == KEY_RIGHT || ch == 'n') {
      index = std::min(frames.size() - 1, index + 1);
      continue;
    }
    if (ch == KEY_LEFT || ch == 'b') {
      index = index ? index - 1 : 0;
      continue;
    }
    if (ch == 'P' || ch == 'z') {
      st.paused = !st.paused;
      continue;
    }
    bool refocus = false;
    if (!handle_key(ch, st, rows, refocus)) break;
    if (refocus) st.view.collapsed.clear();  // focus in replay: nothing to re-sample; the tree stays recorded
  }
}

}  // namespace virtlab::cgtop
