#include "pagewalk/simulate.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "virtlab/error.hpp"

namespace virtlab::pagewalk {

std::optional<Algorithm> algorithm_from_name(std::string_view name) {
  for (Algorithm a : kAllAlgorithms) {
    if (algorithm_name(a) == name) return a;
  }
  return std::nullopt;
}

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::fifo:
      return "fifo";
    case Algorithm::lru:
      return "lru";
    case Algorithm::clock:
      return "clock";
    case Algorithm::opt:
      return "opt";
  }
  return "?";
}

std::string_view algorithm_title(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::fifo:
      return "FIFO (first in, first out)";
    case Algorithm::lru:
      return "LRU (least recently used)";
    case Algorithm::clock:
      return "Clock (second chance)";
    case Algorithm::opt:
      return "OPT (optimal: evict the page used farthest in the future)";
  }
  return "?";
}

namespace {

bool is_page_name(std::string_view name) {
  if (name.empty()) return false;
  const bool digits = std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); });
  const bool capitals = std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); });
  return digits || capitals;
}

[[noreturn]] void bad_token(std::string_view token, std::size_t position, std::string_view why) {
  throw Error(
      ExitCode::usage,
      "bad reference '" + std::string(token) + "' at position " + std::to_string(position) + ": " + std::string(why),
      "write pages as numbers or capital letters separated by blanks, a trailing w for a write: "
      "\"1 2 3w 4\" or \"A B Cw\"");
}

}  // namespace

std::vector<Reference> parse_reference_string(std::string_view text) {
  std::vector<Reference> refs;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto is_separator = [](char c) { return c == ',' || std::isspace(static_cast<unsigned char>(c)); };
    if (is_separator(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_separator(text[end])) ++end;
    std::string_view token = text.substr(i, end - i);
    i = end;
    Reference ref;
    std::string_view name = token;
    if (name.size() > 1 && (name.back() == 'w' || name.back() == 'r')) {
      ref.write = name.back() == 'w';
      name.remove_suffix(1);
    }
    if (!is_page_name(name)) {
      bad_token(token, refs.size() + 1, "a page is a number (7) or capital letters (A)");
    }
    if (name.size() > 16) bad_token(token, refs.size() + 1, "page names are at most 16 characters");
    ref.page = std::string(name);
    refs.push_back(std::move(ref));
  }
  if (refs.empty()) {
    throw Error(ExitCode::usage, "the reference string is empty",
                "give pages to reference, e.g. pagewalk simulate 7 0 1 2 0 3 --frames 3, or use --seed N");
  }
  return refs;
}

std::string format_reference_string(const std::vector<Reference>& refs) {
  std::string out;
  for (const auto& ref : refs) {
    if (!out.empty()) out += ' ';
    out += ref.page;
    if (ref.write) out += 'w';
  }
  return out;
}

namespace {

constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();

// Per-frame bookkeeping beyond what the caller sees.
struct Slot {
  FrameState state;
  std::size_t loaded_at = 0;     // FIFO order
  std::size_t last_used_at = 0;  // LRU order
};

std::size_t next_use(const std::vector<Reference>& refs, std::size_t after, const std::string& page) {
  for (std::size_t j = after + 1; j < refs.size(); ++j) {
    if (refs[j].page == page) return j;
  }
  return kNever;
}

// The frame whose page leaves when every frame is full and reference t misses. Clock moves its hand.
std::size_t choose_victim(Algorithm algorithm, std::vector<Slot>& slots, std::size_t& hand,
                          const std::vector<Reference>& refs, std::size_t t) {
  const std::size_t frame_count = slots.size();
  switch (algorithm) {
    case Algorithm::fifo:
      return static_cast<std::size_t>(
          std::min_element(slots.begin(), slots.end(),
                           [](const Slot& a, const Slot& b) { return a.loaded_at < b.loaded_at; }) -
          slots.begin());
    case Algorithm::lru:
      return static_cast<std::size_t>(
          std::min_element(slots.begin(), slots.end(),
                           [](const Slot& a, const Slot& b) { return a.last_used_at < b.last_used_at; }) -
          slots.begin());
    case Algorithm::opt: {
      std::size_t target = 0;
      std::size_t farthest = 0;
      for (std::size_t f = 0; f < frame_count; ++f) {
        const std::size_t next = next_use(refs, t, slots[f].state.page);
        if (f == 0 || next > farthest) {  // strict: ties keep the lowest frame
          farthest = next;
          target = f;
        }
      }
      return target;
    }
    case Algorithm::clock: {
      // At most one full sweep clears every use bit, so the second lap always finds a victim.
      while (slots[hand].state.use_bit) {
        slots[hand].state.use_bit = false;
        hand = (hand + 1) % frame_count;
      }
      const std::size_t target = hand;
      hand = (hand + 1) % frame_count;
      return target;
    }
  }
  return 0;
}

}  // namespace

SimulationResult simulate(Algorithm algorithm, const std::vector<Reference>& refs, std::size_t frame_count) {
  if (frame_count == 0) {
    throw Error(ExitCode::usage, "--frames must be at least 1", "give the number of physical frames, e.g. --frames 3");
  }
  SimulationResult result;
  result.algorithm = algorithm;
  result.frame_count = frame_count;
  result.refs = refs;
  std::vector<Slot> slots(frame_count);
  std::size_t hand = 0;
  std::size_t used = 0;  // free frames are filled from frame 0 up

  for (std::size_t t = 0; t < refs.size(); ++t) {
    const Reference& ref = refs[t];
    Step step;
    step.index = t;
    step.ref = ref;
    auto found = std::find_if(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(used),
                              [&](const Slot& s) { return s.state.page == ref.page; });
    std::size_t target = 0;
    if (found != slots.begin() + static_cast<std::ptrdiff_t>(used)) {
      step.hit = true;
      ++result.hits;
      target = static_cast<std::size_t>(found - slots.begin());
    } else {
      ++result.faults;
      if (used < frame_count) {
        target = used++;
        if (algorithm == Algorithm::clock) hand = (target + 1) % frame_count;
      } else {
        target = choose_victim(algorithm, slots, hand, refs, t);
        step.victim = slots[target].state.page;
        step.write_back = slots[target].state.dirty;
        ++result.evictions;
        if (step.write_back) ++result.write_backs;
      }
      slots[target].state = FrameState{ref.page, false, false};
      slots[target].loaded_at = t;
    }
    Slot& slot = slots[target];
    slot.last_used_at = t;
    slot.state.use_bit = true;
    if (ref.write) slot.state.dirty = true;
    step.frame = target;
    step.clock_hand = hand;
    step.frames.reserve(frame_count);
    for (const auto& s : slots) {
      FrameState shown = s.state;
      if (algorithm != Algorithm::clock) shown.use_bit = false;  // only Clock keeps use bits
      step.frames.push_back(shown);
    }
    result.steps.push_back(std::move(step));
  }
  return result;
}

std::vector<std::size_t> fault_curve(Algorithm algorithm, const std::vector<Reference>& refs, std::size_t max_frames) {
  std::vector<std::size_t> curve;
  curve.reserve(max_frames);
  for (std::size_t n = 1; n <= max_frames; ++n) curve.push_back(simulate(algorithm, refs, n).faults);
  return curve;
}

namespace {

// splitmix64: tiny, well-mixed and identical on every platform (std::uniform_int_distribution is not).
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }  // bias is negligible for tiny bounds
};

}  // namespace

std::vector<Reference> practice_reference_string(const PracticeSpec& spec) {
  if (spec.length == 0 || spec.length > 1000) {
    throw Error(ExitCode::usage, "--length must be between 1 and 1000", "e.g. --length 12");
  }
  if (spec.pages == 0 || spec.pages > 100) {
    throw Error(ExitCode::usage, "--pages must be between 1 and 100", "e.g. --pages 6");
  }
  if (spec.write_percent > 100) {
    throw Error(ExitCode::usage, "--write-percent must be between 0 and 100", "e.g. --write-percent 25");
  }
  SplitMix64 rng{spec.seed};
  std::vector<Reference> refs;
  refs.reserve(spec.length);
  for (std::size_t i = 0; i < spec.length; ++i) {
    Reference ref;
    const std::string* previous = refs.empty() ? nullptr : &refs.back().page;
    // Locality: about 40% of references re-use one of the last few distinct pages (not the one just used, which
    // would be a trivial hit), as real programs do; the rest pick any other page.
    std::vector<std::string> recent;
    for (auto it = refs.rbegin(); it != refs.rend() && recent.size() < 3; ++it) {
      if (it->page != *previous && std::find(recent.begin(), recent.end(), it->page) == recent.end()) {
        recent.push_back(it->page);
      }
    }
    if (!recent.empty() && rng.below(100) < 40) {
      ref.page = recent[rng.below(recent.size())];
    } else if (previous != nullptr && spec.pages > 1) {
      std::uint64_t n = rng.below(spec.pages - 1);
      if (n >= std::stoull(*previous)) ++n;  // skip the previous page: uniform over the others
      ref.page = std::to_string(n);
    } else {
      ref.page = std::to_string(rng.below(spec.pages));
    }
    ref.write = rng.below(100) < spec.write_percent;
    refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace virtlab::pagewalk
