#include <doctest/doctest.h>

#include "helpers.hpp"
#include "xingji/roster.hpp"

using namespace xingji;
using test::TempDir;

namespace {
std::string error_of(const std::string& villages, const std::string& alliances, bool dual = false,
                     const std::string& vname = "v.yaml") {
  TempDir dir;
  dir.write(vname, villages);
  dir.write("a.yaml", alliances);
  try {
    (void)load_roster(dir.file(vname), dir.file("a.yaml"), dual);
  } catch (const Error& e) {
    std::string out = e.what();
    // Messages name the temporary folder; keep only what follows it.
    for (auto p = out.find(dir.path()); p != std::string::npos; p = out.find(dir.path()))
      out.erase(p, dir.path().size() + 1);
    return out;
  }
  return "";
}
}  // namespace

TEST_CASE("members may come from the alliance list, the villages, or both when they agree") {
  TempDir dir;
  dir.write("v.yaml", "- {id: v1, alliance: a1}\n- {id: v2}\n- {id: v3, alliance: a2}\n");
  dir.write("a.yaml", "- {id: a1, chair: v2, members: [v1, v2]}\n- {id: a2}\n");
  const Roster r = load_roster(dir.file("v.yaml"), dir.file("a.yaml"), true);
  CHECK(r.alliances[0].members == std::vector<int>{0, 1});
  CHECK(r.alliances[1].members == std::vector<int>{2});
  CHECK(r.villages[1].alliance == "a1");
  CHECK(r.find("a2")->kind == UnitKind::alliance);
  const Roster copy = r;  // a copy indexes its own ids
  CHECK(copy.find("v3")->index == 2);
}

TEST_CASE("a CSV roster reads the same columns") {
  TempDir dir;
  dir.write("v.csv", "\xEF\xBB\xBFid,name,township,alliance\nv1,塘下村,平桥镇,a1\n\"v2\",\"后岸村\",街头镇,\n");
  dir.write("a.yaml", "- {id: a1}\n");
  const Roster r = load_roster(dir.file("v.csv"), dir.file("a.yaml"), false);
  REQUIRE(r.villages.size() == 2);
  CHECK(r.villages[1].name == "后岸村");
  CHECK(r.villages[0].alliance_index == 0);
}

TEST_CASE("roster problems are all reported with their places") {
  CHECK(error_of("- {id: v1}\n- {id: v1}\n", "[]\n").find("v.yaml:2:8: error: duplicate id 'v1' (first at") !=
        std::string::npos);
  CHECK(error_of("- {id: v1, alliance: a9}\n", "- {id: a1}\n")
            .find("v.yaml:1:22: error: unknown alliance 'a9' for village 'v1', did you mean 'a1'?") !=
        std::string::npos);
  CHECK(error_of("- {id: v1}\n", "- {id: a1, members: [v1]}\n- {id: a2, members: [v1]}\n")
            .find("a.yaml:2:22: error: village 'v1' belongs to two alliances, 'a1' and 'a2'") != std::string::npos);
  CHECK(error_of("- {id: v1, alliance: a1}\n- {id: v2}\n", "- {id: a1, chair: v2}\n")
            .find("a.yaml:1:19: error: chair 'v2' of alliance 'a1' is not one of its member villages") !=
        std::string::npos);
  CHECK(error_of("- {id: v1, alliance: a1}\n", "- {id: a1, members: []}\n")
            .find("village 'v1' names alliance 'a1', but that alliance's members do not list it") != std::string::npos);
  CHECK(error_of("- {id: v1}\n", "- {id: a1}\n", true).find("alliance 'a1' has no member villages") !=
        std::string::npos);
  CHECK(error_of("[]\n", "[]\n").find("the roster has no villages") != std::string::npos);
  CHECK(error_of("id,nmae\nv1,x\n", "[]\n", false, "v.csv")
            .find("unknown column 'nmae' in a village roster, did you mean 'name'?") != std::string::npos);
  CHECK(error_of("- {id: v1}\n- {id: a1}\n", "- {id: a1}\n").find("duplicate id 'a1'") != std::string::npos);
}

TEST_CASE("a roster with a NUL byte or an alias is refused at its place") {
  using namespace std::string_literals;
  CHECK(error_of("- {id: v1, name: 塘\0下村}\n"s, "[]\n").find("v.yaml:1:19: error: a NUL byte (character 0)") !=
        std::string::npos);
  CHECK(
      error_of("id,name\nv1,塘\0下村\n"s, "[]\n", false, "v.csv").find("v.csv:2:5: error: a NUL byte (character 0)") !=
      std::string::npos);
  CHECK(error_of("- &v {id: v1}\n- *v\n", "[]\n").find("v.yaml:2:3: error: aliases (*name) are not allowed here") !=
        std::string::npos);
}
