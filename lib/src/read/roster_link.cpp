// A roster's checks once both files are read: unique ids, and villages and alliances joined
// both ways, reported where they disagree.
#include "read/roster_load.hpp"

#include <atomic>
#include <set>

#include "base/i18n.hpp"

namespace xingji::detail {

// Builds the roster's id index, reporting empty and duplicate ids on the way.
void check_ids(Loaded& in, Diagnostics& diag) {
  auto& r = in.roster;
  if (r.index_unique()) return;  // the usual case, on both cores
  // Locations are made only for messages: for a YAML roster that means reading a line again.
  auto where_of = [&](UnitRef ref) {
    return ref.kind == UnitKind::village ? in.village_at(r.villages[static_cast<std::size_t>(ref.index)].where)
                                         : in.alliance_at(r.alliances[static_cast<std::size_t>(ref.index)].where);
  };
  auto claim = [&](UnitRef ref, const char* empty_id) {
    const std::string_view id = r.id_of(ref);
    if (id.empty()) {
      diag.add(where_of(ref), _(empty_id));
      return;
    }
    if (auto taken = r.add(ref)) {
      const Location first = where_of(*taken);
      diag.add(where_of(ref), _f("duplicate id '{}' (first at {}:{}); village and alliance ids must all be different",
                                 id, first.file, first.line));
    }
  };
  for (std::size_t i = 0; i < r.villages.size(); ++i)
    claim(UnitRef{UnitKind::village, static_cast<int>(i)}, N_("a village has an empty id; give every village an id"));
  for (std::size_t i = 0; i < r.alliances.size(); ++i)
    claim(UnitRef{UnitKind::alliance, static_cast<int>(i)},
          N_("an alliance has an empty id; give every alliance an id"));
}

void link(Loaded& in, bool dual, Diagnostics& diag) {
  auto& r = in.roster;
  // The id index (built by check_ids) answers both questions; ids are unique by now.
  auto index_of = [&r](std::string_view id, UnitKind kind) {
    auto ref = r.find(id);
    return ref && ref->kind == kind ? ref->index : -1;
  };
  // Candidates for "did you mean", gathered only when a name is unknown.
  auto ids_of = [&r](UnitKind kind) {
    std::vector<std::string_view> ids;
    const std::size_t n = kind == UnitKind::village ? r.villages.size() : r.alliances.size();
    for (std::size_t i = 0; n <= 5000 && i < n; ++i) ids.push_back(r.id_of(UnitRef{kind, static_cast<int>(i)}));
    return ids;
  };

  // Each village's alliance as its own `alliance` field says, looked up on both cores; the
  // unknown ones are reported after, in roster order.
  std::atomic<bool> unknown{false};
  detail::halves(r.villages.size(), detail::kParallelUnits, [&](std::size_t from, std::size_t to) {
    // Villages of one alliance stand together: the village before answers most lookups.
    std::string_view last;
    int last_index = -1;
    for (std::size_t i = from; i < to; ++i) {
      auto& v = r.villages[i];
      const std::string_view alliance = v.alliance();
      if (alliance.empty()) continue;
      if (alliance != last) {
        last = alliance;
        last_index = index_of(alliance, UnitKind::alliance);
      }
      v.alliance_index = last_index;
      if (v.alliance_index < 0) unknown.store(true, std::memory_order_relaxed);
    }
  });
  for (std::size_t i = 0; unknown.load() && i < r.villages.size(); ++i) {
    const auto& v = r.villages[i];
    if (v.alliance().empty() || v.alliance_index >= 0) continue;
    diag.add(in.village_at(in.alliance_field[i]),
             with_suggestion(_f("unknown alliance '{}' for village '{}'", v.alliance(), v.id()), v.alliance(),
                             ids_of(UnitKind::alliance)));
  }
  // Members listed by alliances must agree with the villages' own field.
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    if (!in.listed[a]) continue;
    std::set<std::string_view> listed_here;
    for (const auto& m : *in.listed[a]) {
      if (!listed_here.insert(m.id).second) {
        diag.add(in.alliance_at(m.where),
                 _f("village '{}' is listed twice as a member of alliance '{}'", m.id, r.alliances[a].id));
        continue;
      }
      const int member = index_of(m.id, UnitKind::village);
      if (member < 0) {
        diag.add(in.alliance_at(m.where), with_suggestion(_f("unknown village '{}' listed as a member of alliance '{}'",
                                                             m.id, r.alliances[a].id),
                                                          m.id, ids_of(UnitKind::village)));
        continue;
      }
      auto& v = r.villages[static_cast<std::size_t>(member)];
      if (v.alliance_index == static_cast<int>(a)) continue;
      if (v.alliance_index >= 0) {
        diag.add(in.alliance_at(m.where),
                 _f("village '{}' belongs to two alliances, '{}' and '{}'; "
                    "a village belongs to at most one alliance",
                    m.id, r.alliances[static_cast<std::size_t>(v.alliance_index)].id, r.alliances[a].id));
        continue;
      }
      if (!v.alliance().empty()) continue;  // unknown alliance, already reported
      v.alliance_index = static_cast<int>(a);
      v.set_alliance(*r.text, r.alliances[a].id);
    }
  }
  // A village naming an alliance whose listed members leave it out disagrees with that list.
  const bool any_listed = std::any_of(in.listed.begin(), in.listed.end(), [](const auto& l) { return l.has_value(); });
  for (std::size_t i = 0; any_listed && i < r.villages.size(); ++i) {
    const auto& v = r.villages[i];
    if (v.alliance_index < 0) continue;
    const auto& listed = in.listed[static_cast<std::size_t>(v.alliance_index)];
    if (listed && std::none_of(listed->begin(), listed->end(), [&](const MemberRef& m) { return m.id == v.id(); })) {
      diag.add(in.village_at(in.alliance_field[i]),
               _f("village '{}' names alliance '{}', but that alliance's members do not list it; "
                  "make the two agree",
                  v.id(), v.alliance()));
    }
  }
  // Members grouped by alliance in one array: count, then place each in roster order.
  std::vector<std::size_t> next(r.alliances.size() + 1, 0);
  for (const auto& v : r.villages) {
    if (v.alliance_index >= 0) ++next[static_cast<std::size_t>(v.alliance_index) + 1];
  }
  for (std::size_t a = 1; a < next.size(); ++a) next[a] += next[a - 1];
  auto list = std::make_shared<BigVector<int>>(next.back());
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    r.alliances[a].members = std::span<const int>(list->data() + next[a], next[a + 1] - next[a]);
  }
  for (std::size_t i = 0; i < r.villages.size(); ++i) {
    const int a = r.villages[i].alliance_index;
    if (a >= 0) (*list)[next[static_cast<std::size_t>(a)]++] = static_cast<int>(i);
  }
  r.member_list = std::move(list);
  for (std::size_t a = 0; a < r.alliances.size(); ++a) {
    const auto& al = r.alliances[a];
    if (!al.chair.empty()) {
      const int chair = index_of(al.chair, UnitKind::village);
      if (chair < 0 || r.villages[static_cast<std::size_t>(chair)].alliance_index != static_cast<int>(a)) {
        diag.add(in.alliance_at(in.chair_where[a]),
                 _f("chair '{}' of alliance '{}' is not one of its member villages; name a member as chair", al.chair,
                    al.id));
      }
    }
    if (dual && al.members.empty()) {
      diag.add(in.alliance_at(al.where), _f("alliance '{}' has no member villages, so dual evaluation cannot score it; "
                                            "list its members or remove it",
                                            al.id));
    }
  }
}

}  // namespace xingji::detail
