// Tables and JSON (schema pagewalk/1) for the three views.
#include <ostream>

#include "pagewalk/walk.hpp"
#include "virtlab/text.hpp"

namespace virtlab::pagewalk {

namespace {

Json optional_count(const std::optional<std::uint64_t>& v) {
  return v ? Json(*v) : Json(nullptr);
}

std::string count_cell(std::uint64_t v) {
  return v == 0 ? "0" : group_thousands(v);
}
std::string count_cell(const std::optional<std::uint64_t>& v) {
  return v ? count_cell(*v) : "n/a";
}

Json process_json(const ProcessInfo& p) {
  return Json{{"pid", p.pid},
              {"command", p.command},
              {"minor_faults", p.stat.minor_faults},
              {"major_faults", p.stat.major_faults}};
}

Json access_json(const kernel::Access& a) {
  return Json{{"pfn_visible", a.pfn_visible},
              {"kpageflags_readable", a.kpageflags_readable},
              {"kpagecount_readable", a.kpagecount_readable},
              {"kpagecgroup_readable", a.kpagecgroup_readable},
              {"pagemap_scan", a.scan_available}};
}

Json vma_json(const MapsEntry& m) {
  return Json{{"start", hex(m.start)},   {"end", hex(m.end)},    {"perms", m.perms},
              {"offset", hex(m.offset)}, {"device", m.device},   {"inode", m.inode},
              {"path", m.path},          {"deleted", m.deleted}, {"kind", vma_kind_name(m.kind)}};
}

Json counts_json(const PageCounts& c) {
  return Json{{"pages", c.pages},
              {"resident", c.resident},
              {"swapped", c.swapped},
              {"file_shared", c.file_shared},
              {"anonymous", c.anonymous},
              {"anon_exclusive", c.anon_exclusive},
              {"thp", optional_count(c.thp)},
              {"zero_page", optional_count(c.zero_page)},
              {"soft_dirty", optional_count(c.soft_dirty)}};
}

Json with_header(const char* kind, Json body) {
  Json doc = make_document("pagewalk", 1);
  doc["kind"] = kind;
  for (auto& [key, value] : body.items()) doc[key] = value;
  return doc;
}

void print_notes(std::ostream& out, const Terminal& term, const std::vector<std::string>& notes) {
  for (const auto& n : notes) out << paint(term, Style::yellow, "note: ") << n << '\n';
}

// The container the charged cgroup is: engine, id, name, image, its pid 1 (null when not a container's cgroup).
Json cgroup_container_json(const std::optional<virtlab::engines::Container>& c) {
  if (!c) return nullptr;
  return Json{{"engine", virtlab::engines::engine_name(c->engine)},
              {"id", c->id},
              {"name", c->name},
              {"label", virtlab::engines::label_of(*c)},
              {"image", c->image},
              {"pid", c->pid ? Json(*c->pid) : Json(nullptr)}};
}

}  // namespace

Json pagemap_entry_json(kernel::PagemapEntry entry, bool pfn_visible) {
  Json fields = Json::array();
  for (const auto& f : kernel::describe_pagemap_entry(entry, pfn_visible))
    fields.push_back(Json{{"bits", f.bits}, {"name", f.name}, {"value", f.value}, {"meaning", f.meaning}});
  return Json{{"raw", hex(entry.raw, 16)},
              {"present", entry.present()},
              {"swapped", entry.swapped()},
              {"file_shared", entry.file_or_shared()},
              {"exclusive", entry.exclusive()},
              {"soft_dirty", entry.soft_dirty()},
              {"uffd_wp", entry.uffd_wp()},
              {"guard", entry.guard()},
              {"fields", fields}};
}

Json to_json(const Summary& s) {
  Json vmas = Json::array();
  for (const auto& v : s.vmas) {
    Json j = vma_json(v.vma);
    j["walked"] = v.walked;
    j["counts"] = counts_json(v.counts);
    vmas.push_back(std::move(j));
  }
  return Json{{"process", process_json(s.process)},
              {"paging_mode", paging_mode_name(s.paging_mode)},
              {"page_size", kernel::kPageSize},
              {"method", s.method},
              {"access", access_json(s.access)},
              {"soft_dirty_supported", s.soft_dirty_supported},
              {"vmas", vmas},
              {"totals", counts_json(s.totals)},
              {"smaps_comparable", Json{{"rss_bytes", s.rss_bytes},
                                        {"anonymous_bytes", s.anonymous_bytes},
                                        {"anon_huge_bytes", s.anon_huge_bytes},
                                        {"swap_bytes", s.swap_bytes}}},
              {"notes", s.notes}};
}

Json to_json(const AddressWalk& w) {
  Json levels = Json::array();
  for (const auto& l : w.split.levels)
    levels.push_back(Json{{"name", l.name},
                          {"high_bit", l.high_bit},
                          {"low_bit", l.low_bit},
                          {"index", l.index},
                          {"meaning", l.meaning}});
  Json flags = nullptr;
  if (w.kpageflags) {
    Json names = Json::array();
    for (int bit = 0; bit < 64; ++bit)
      if ((*w.kpageflags >> bit) & 1) {
        const char* name = kernel::kpageflag_name(bit);
        names.push_back(Json{{"bit", bit},
                             {"name", *name ? std::string(name) : "bit " + std::to_string(bit)},
                             {"meaning", kernel::kpageflag_meaning(bit)}});
      }
    flags = Json{{"raw", hex(*w.kpageflags, 16)}, {"set", names}};
  }
  return Json{{"process", process_json(w.process)},
              {"address", hex(w.address)},
              {"split", Json{{"paging_mode", paging_mode_name(w.split.mode)},
                             {"canonical", w.split.canonical},
                             {"page_number", hex(w.split.page_number)},
                             {"page_offset", hex(w.split.page_offset)},
                             {"levels", levels}}},
              {"vma", vma_json(w.vma)},
              {"access", access_json(w.access)},
              {"pagemap", pagemap_entry_json(w.entry, w.access.pfn_visible)},
              {"pfn", optional_count(w.pfn)},
              {"phys_address", w.phys_address ? Json(hex(*w.phys_address)) : Json(nullptr)},
              {"kpageflags", flags},
              {"kpagecount", optional_count(w.kpagecount)},
              {"cgroup", w.cgroup_inode ? Json{{"inode", *w.cgroup_inode},
                                               {"path", w.cgroup_path ? Json(*w.cgroup_path) : Json(nullptr)},
                                               {"container", cgroup_container_json(w.cgroup_container)}}
                                        : Json(nullptr)},
              {"notes", w.notes}};
}

Json to_json(const PageList& l) {
  Json runs = Json::array();
  for (const auto& r : l.runs)
    runs.push_back(Json{
        {"start", hex(r.start)},
        {"end", hex(r.start + r.pages * kernel::kPageSize)},
        {"pages", r.pages},
        {"state", page_state_name(r.state)},
        {"pfn", r.state == PageState::present ? Json(r.first_pfn) : Json(nullptr)},
        {"swap", r.state == PageState::swapped ? Json{{"type", r.swap_type}, {"offset", r.first_pfn}} : Json(nullptr)},
        {"file_shared", r.file_shared},
        {"exclusive", r.exclusive},
        {"soft_dirty", r.soft_dirty}});
  return Json{{"process", process_json(l.process)},
              {"range", Json{{"start", hex(l.range.start)}, {"end", hex(l.range.end)}}},
              {"access", access_json(l.access)},
              {"pages", l.pages},
              {"runs", runs},
              {"notes", l.notes}};
}

Json to_document(const Summary& s) {
  return with_header("summary", to_json(s));
}
Json to_document(const AddressWalk& w) {
  return with_header("walk", to_json(w));
}
Json to_document(const PageList& l) {
  return with_header("list", to_json(l));
}

void render(std::ostream& out, const Terminal& term, const Summary& s) {
  out << paint(term, Style::bold, "pid " + std::to_string(s.process.pid) + " (" + s.process.command + ")") << ": "
      << s.vmas.size() << " mappings, counts in 4 KiB pages, read with " << s.method << "\n";
  Table table({{"START-END"},
               {"PERMS"},
               {"OFFSET"},
               {"PAGES", Align::right},
               {"RESIDENT", Align::right},
               {"SWAPPED", Align::right},
               {"FILE/SHR", Align::right},
               {"ANON-EXCL", Align::right},
               {"THP", Align::right},
               {"ZERO", Align::right},
               {"SOFT-DIRTY", Align::right},
               {"MAPPING"}});
  for (const auto& v : s.vmas) {
    const auto& c = v.counts;
    Style name_style = v.vma.kind == VmaKind::file ? Style::plain : Style::cyan;
    table.add_row({hex(v.vma.start, 12) + "-" + hex(v.vma.end, 12), v.vma.perms, hex(v.vma.offset), count_cell(c.pages),
                   Cell(count_cell(c.resident), c.resident ? Style::green : Style::dim), count_cell(c.swapped),
                   count_cell(c.file_shared), count_cell(c.anon_exclusive), count_cell(c.thp), count_cell(c.zero_page),
                   count_cell(c.soft_dirty),
                   Cell(v.vma.display_name() + (v.walked ? "" : " (not walked)"), name_style)});
  }
  table.add_separator();
  const auto& t = s.totals;
  table.add_row({Cell("total", Style::bold), "", "", count_cell(t.pages), count_cell(t.resident), count_cell(t.swapped),
                 count_cell(t.file_shared), count_cell(t.anon_exclusive), count_cell(t.thp), count_cell(t.zero_page),
                 count_cell(t.soft_dirty), ""});
  table.render(out, term);
  out << "mapped " << human_bytes(t.pages * kernel::kPageSize) << ", resident "
      << human_bytes(t.resident * kernel::kPageSize) << " (Rss as smaps counts it " << human_bytes(s.rss_bytes)
      << ": without the zero page and [vvar]), anonymous " << human_bytes(s.anonymous_bytes) << ", swapped "
      << human_bytes(s.swap_bytes) << "\n";
  out << paint(term, Style::dim,
               "RESIDENT: page in RAM; SWAPPED: in swap; FILE/SHR: page-cache or shared page; ANON-EXCL: private "
               "anonymous page only this process maps; THP: inside a 2 MiB huge page; ZERO: the shared zero page")
      << '\n';
  if (!s.soft_dirty_supported) {
    // Already in notes; nothing extra.
  }
  print_notes(out, term, s.notes);
}

void render(std::ostream& out, const Terminal& term, const AddressWalk& w) {
  out << paint(term, Style::bold,
               "pid " + std::to_string(w.process.pid) + " (" + w.process.command + "), address " + hex(w.address))
      << " in " << hex(w.vma.start) << "-" << hex(w.vma.end) << " " << w.vma.perms << " " << w.vma.display_name()
      << "\n\n";
  out << paint(term, Style::bold, "1. The virtual address, split for " + std::string(paging_mode_name(w.split.mode)))
      << (w.split.canonical ? "" : "  (NOT canonical: the upper bits are not a sign extension)") << "\n";
  Table split({{"PART"}, {"BITS"}, {"INDEX", Align::right}, {"HEX", Align::right}, {"MEANING"}});
  for (const auto& l : w.split.levels)
    split.add_row({Cell(l.name, Style::cyan), std::to_string(l.high_bit) + "-" + std::to_string(l.low_bit),
                   std::to_string(l.index), hex(l.index), l.meaning});
  split.render(out, term);
  out << "page number " << hex(w.split.page_number) << ", offset " << hex(w.split.page_offset) << "\n\n";

  out << paint(term, Style::bold,
               "2. The page table entry, as /proc/" + std::to_string(w.process.pid) +
                   "/pagemap reports it: " + hex(w.entry.raw, 16))
      << "\n";
  Table bits({{"BITS"}, {"FIELD"}, {"VALUE", Align::right}, {"MEANING"}});
  for (const auto& f : kernel::describe_pagemap_entry(w.entry, w.access.pfn_visible)) {
    Style st = f.value ? Style::green : Style::dim;
    std::string value = f.name == "pfn" || f.name == "swap offset" ? hex(f.value) : std::to_string(f.value);
    bits.add_row({f.bits, Cell(f.name, st), value, f.meaning});
  }
  bits.render(out, term);
  out << '\n';

  out << paint(term, Style::bold, "3. The physical frame") << "\n";
  if (!w.entry.present()) {
    out << "none: the page is " << (w.entry.swapped() ? "in swap" : "not in memory")
        << " (first touch would raise a page fault that gives it a frame)\n";
  } else if (!w.pfn) {
    out << "hidden: the PFN reads as 0 without CAP_SYS_ADMIN; run as root to see the frame\n";
  } else {
    out << "PFN " << hex(*w.pfn) << " (" << group_thousands(*w.pfn) << "): physical address " << hex(*w.phys_address)
        << " = PFN x 4096 + offset " << hex(w.split.page_offset) << "\n";
    if (w.kpageflags) {
      out << "kpageflags " << hex(*w.kpageflags, 16) << ":\n";
      for (int bit = 0; bit < 64; ++bit)
        if ((*w.kpageflags >> bit) & 1) {
          const char* name = kernel::kpageflag_name(bit);
          out << "  " << paint(term, Style::green, *name ? name : ("bit " + std::to_string(bit)).c_str()) << " (" << bit
              << "): " << kernel::kpageflag_meaning(bit) << "\n";
        }
    }
    if (w.kpagecount)
      out << "kpagecount " << *w.kpagecount << ": the frame is mapped " << *w.kpagecount
          << (*w.kpagecount == 1 ? " time" : " times") << " across all processes\n";
    if (w.cgroup_inode) {
      out << "kpagecgroup inode " << *w.cgroup_inode << ": ";
      if (*w.cgroup_inode == 0)
        out << "no memory cgroup is charged for this frame\n";
      else if (w.cgroup_path)
        out << "memory charged to cgroup " << *w.cgroup_path
            << (w.cgroup_container ? ", " + virtlab::engines::label_of(*w.cgroup_container) : "") << "\n";
      else
        out << "memory cgroup directory not found under the cgroup mounts\n";
    }
  }
  print_notes(out, term, w.notes);
}

void render(std::ostream& out, const Terminal& term, const PageList& l) {
  out << paint(term, Style::bold, "pid " + std::to_string(l.process.pid) + " (" + l.process.command + ")") << ": "
      << group_thousands(l.pages) << " pages in " << hex(l.range.start) << "-" << hex(l.range.end) << ", "
      << l.runs.size() << " runs (consecutive pages with consecutive frames folded)\n";
  Table table({{"VIRTUAL"}, {"PAGES", Align::right}, {"STATE"}, {"PFN"}, {"FLAGS"}});
  for (const auto& r : l.runs) {
    std::string range = hex(r.start, 12) + "-" + hex(r.start + r.pages * kernel::kPageSize, 12);
    std::string frames;
    if (r.state == PageState::present)
      frames = r.first_pfn == 0 && !l.access.pfn_visible
                   ? "hidden"
                   : (r.pages == 1 ? hex(r.first_pfn) : hex(r.first_pfn) + "-" + hex(r.first_pfn + r.pages - 1));
    else if (r.state == PageState::swapped)
      frames = "swap " + std::to_string(r.swap_type) + ":" + hex(r.first_pfn);
    std::string flags;
    if (r.file_shared) flags += "file/shared ";
    if (r.exclusive) flags += "exclusive ";
    if (r.soft_dirty) flags += "soft-dirty ";
    table.add_row({range, group_thousands(r.pages),
                   Cell(page_state_name(r.state), r.state == PageState::present ? Style::green : Style::dim), frames,
                   std::string(trim(flags))});
  }
  table.render(out, term);
  print_notes(out, term, l.notes);
}

}  // namespace virtlab::pagewalk
