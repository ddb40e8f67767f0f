// Page-replacement simulator (pure: no kernel): FIFO, LRU, Clock (second chance) and OPT on a reference string
// with N frames, step by step like the course notes' 4-frame LRU table, with Dirty write-back on eviction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace virtlab::pagewalk {

enum class Algorithm { fifo, lru, clock, opt };

// "fifo", "lru", "clock", "opt"; nullopt for anything else.
std::optional<Algorithm> algorithm_from_name(std::string_view name);
std::string_view algorithm_name(Algorithm algorithm);   // "fifo"
std::string_view algorithm_title(Algorithm algorithm);  // "FIFO (first in, first out)"
inline constexpr Algorithm kAllAlgorithms[] = {Algorithm::fifo, Algorithm::lru, Algorithm::clock, Algorithm::opt};

// One memory reference: the page it touches and whether it writes (a write makes the page Dirty).
struct Reference {
  std::string page;    // "7", "A": numbers or capital-letter names (the notes call pages A, B, C …)
  bool write = false;  // "3w" in a reference string
  bool operator==(const Reference&) const = default;
};

// Parses "7 0 1 2w 0 3", "A,B,Cw" or "1 2 3w": pages separated by blanks or commas, a trailing lowercase `w`
// marks a write (`r` an explicit read). Throws virtlab::Error(ExitCode::usage) naming the bad token and the fix.
std::vector<Reference> parse_reference_string(std::string_view text);
// The canonical text form: "7 0 1 2w 0 3".
std::string format_reference_string(const std::vector<Reference>& refs);

// One physical frame after a step. An empty `page` means the frame is still free.
struct FrameState {
  std::string page;
  bool dirty = false;    // written since it was loaded: evicting it costs a write-back to disk / swap
  bool use_bit = false;  // Clock only: the reference ("second chance") bit
  bool operator==(const FrameState&) const = default;
};

struct Step {
  std::size_t index = 0;  // 0-based position in the reference string
  Reference ref;
  bool hit = false;                   // the page was already in a frame
  std::size_t frame = 0;              // the frame that holds the page after this step
  std::optional<std::string> victim;  // the page evicted to make room (misses with all frames full)
  bool write_back = false;            // the victim was Dirty, so it had to be written out first
  std::vector<FrameState> frames;     // all frames after the step, in frame order
  std::size_t clock_hand = 0;         // Clock only: where the hand points after the step
};

struct SimulationResult {
  Algorithm algorithm = Algorithm::fifo;
  std::size_t frame_count = 0;
  std::vector<Reference> refs;
  std::vector<Step> steps;
  std::size_t faults = 0;  // misses: every reference whose page was not in a frame (including the first loads)
  std::size_t hits = 0;
  std::size_t evictions = 0;    // faults that had to throw a page out (the rest filled a free frame)
  std::size_t write_backs = 0;  // evictions of Dirty pages
};

// Runs one algorithm. Tie-breaks (documented in docs/pagewalk-demos.md): OPT evicts the page used farthest in the
// future; among pages never used again, the one in the lowest frame. A new page always goes into the victim's frame
// (free frames are filled from frame 0 up). Clock: a loaded or hit page gets use bit 1; on a fault the hand clears
// use bits until it finds a 0, evicts that page and moves one past it. Throws Error(usage) when frame_count is 0.
SimulationResult simulate(Algorithm algorithm, const std::vector<Reference>& refs, std::size_t frame_count);

// Fault counts for frame counts 1..max_frames (index 0 = 1 frame): shows Belady's anomaly for FIFO, and that LRU
// and OPT (stack algorithms) never get worse with more frames.
std::vector<std::size_t> fault_curve(Algorithm algorithm, const std::vector<Reference>& refs, std::size_t max_frames);

// The textbook reference string that shows Belady's anomaly: FIFO has 9 faults with 3 frames, 10 with 4.
inline constexpr std::string_view kBeladyReferenceString = "1 2 3 4 1 2 5 1 2 3 4 5";

// Seeded practice exercise: `length` references over pages 0..pages-1 with some locality (so hits happen), a
// `write_percent` share of them writes. Same seed, same string on every machine (own PRNG, no std distributions).
struct PracticeSpec {
  std::uint64_t seed = 0;
  std::size_t length = 12;
  std::size_t pages = 6;
  unsigned write_percent = 25;
};
std::vector<Reference> practice_reference_string(const PracticeSpec& spec);

}  // namespace virtlab::pagewalk
