// How `pagewalk simulate` prints and serialises a run: a golden file of the course notes' 4-frame LRU example
// (tests/pagewalk/fixtures/simulate-notes-lru.expected, checked by hand against the notes) and the JSON shape.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "pagewalk/simulate.hpp"
#include "pagewalk/simulate_output.hpp"

namespace pw = virtlab::pagewalk;

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(VIRTLAB_FIXTURES_DIR) + "/" + name);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const virtlab::Terminal kPlain{false, 80};

}  // namespace

// The notes: frames 0-3 hold A B C D; E needs a frame; LRU picks A (least recently used); A is Dirty, so it is
// written to disk first; E goes into frame 0. Then A comes back and evicts B (clean: dropped without a write).
TEST(SimulateOutput, NotesLruTableMatchesGoldenFile) {
  auto r = pw::simulate(pw::Algorithm::lru, pw::parse_reference_string("Aw B C D E A"), 4);
  std::ostringstream out;
  pw::render_simulation(out, kPlain, r);
  EXPECT_EQ(out.str(), read_fixture("simulate-notes-lru.expected"));
}

TEST(SimulateOutput, ClockTableShowsUseBitsAndHand) {
  auto r = pw::simulate(pw::Algorithm::clock, pw::parse_reference_string("1 2 3 1 4"), 3);
  std::ostringstream out;
  pw::render_simulation(out, kPlain, r);
  const std::string text = out.str();
  EXPECT_NE(text.find("use bits"), std::string::npos);
  // Step 5: the hand sweeps 1 1 1 to 0 0 0, evicts 1 (frame 0) even though it was just used: every page had a
  // second chance. Frame 0 gets 4 with use bit 1; the hand moves to frame 1.
  EXPECT_NE(text.find("   5  4    [4]      2        3        1 0 0        1  MISS    1       no (clean)"),
            std::string::npos)
      << text;
}

TEST(SimulateOutput, BeladyCurveMarksTheAnomaly) {
  auto refs = pw::parse_reference_string(pw::kBeladyReferenceString);
  pw::FaultCurve fifo{pw::Algorithm::fifo, pw::fault_curve(pw::Algorithm::fifo, refs, 5)};
  pw::FaultCurve lru{pw::Algorithm::lru, pw::fault_curve(pw::Algorithm::lru, refs, 5)};
  EXPECT_EQ(pw::belady_anomalies(fifo), (std::vector<std::size_t>{3}));  // 3 frames → 4 frames
  EXPECT_TRUE(pw::belady_anomalies(lru).empty());
  std::ostringstream out;
  pw::render_fault_curves(out, kPlain, {fifo, lru});
  EXPECT_NE(out.str().find("fifo has 10 faults with 4 frames but only 9 with 3"), std::string::npos) << out.str();
  auto j = pw::fault_curve_to_json(fifo);
  EXPECT_EQ(j["anomalies"].size(), 1u);
  EXPECT_EQ(j["anomalies"][0]["frames"], 3);
  EXPECT_EQ(j["anomalies"][0]["more_frames"], 4);
}

TEST(SimulateOutput, JsonStepsCarryFramesVictimsAndWriteBacks) {
  auto r = pw::simulate(pw::Algorithm::lru, pw::parse_reference_string("Aw B C D E"), 4);
  auto j = pw::simulation_to_json(r);
  EXPECT_EQ(j["algorithm"], "lru");
  EXPECT_EQ(j["faults"], 5);
  EXPECT_EQ(j["write_backs"], 1);
  ASSERT_EQ(j["steps"].size(), 5u);
  EXPECT_TRUE(j["steps"][1]["frames"][2].is_null());  // frame 2 still free after step 2
  const auto& last = j["steps"][4];
  EXPECT_EQ(last["victim"], "A");
  EXPECT_EQ(last["write_back"], true);
  EXPECT_EQ(last["frames"][0]["page"], "E");
  EXPECT_EQ(last["frames"][0]["dirty"], false);
  EXPECT_FALSE(last["frames"][0].contains("use_bit"));  // only Clock has use bits
}
