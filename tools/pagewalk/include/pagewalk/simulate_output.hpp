// How `pagewalk simulate` shows a run: the step-by-step table (like the course notes' 4-frame LRU table), totals,
// fault curves, and the JSON form (document kind "simulate" in schemas/pagewalk.v1.json). Pure: no I/O but the
// stream it is given.
#pragma once

#include <iosfwd>
#include <optional>
#include <vector>

#include "pagewalk/simulate.hpp"
#include "virtlab/json.hpp"
#include "virtlab/table.hpp"

namespace virtlab::pagewalk {

// The rule the algorithm follows, in one sentence, for the line under its table.
std::string_view algorithm_rule(Algorithm algorithm);

// One run as a table: step, reference, every frame after the step ([x] just loaded, (x) hit, x* Dirty), hit or
// MISS, the victim, and whether the victim was written back; Clock adds use bits and the hand. Then the totals.
void render_simulation(std::ostream& out, const Terminal& term, const SimulationResult& result);
// A comparison of several runs on the same string: faults, hits, evictions, write-backs, fault rate.
void render_comparison(std::ostream& out, const Terminal& term, const std::vector<SimulationResult>& results);

struct FaultCurve {
  Algorithm algorithm = Algorithm::fifo;
  std::vector<std::size_t> faults_by_frames;  // index 0 = 1 frame
};
// Faults per frame count for each algorithm, with every place where more frames gave MORE faults marked.
void render_fault_curves(std::ostream& out, const Terminal& term, const std::vector<FaultCurve>& curves);
// Frame counts n (1-based) where faults(n+1) > faults(n): Belady's anomaly.
std::vector<std::size_t> belady_anomalies(const FaultCurve& curve);

Json simulation_to_json(const SimulationResult& result);
Json fault_curve_to_json(const FaultCurve& curve);
Json references_to_json(const std::vector<Reference>& refs);

}  // namespace virtlab::pagewalk
