#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "read/yaml_events.hpp"

using namespace xingji;
using detail::FlowRead;
using detail::Record;
using detail::Source;
using test::TempDir;

namespace {

// Every record a reader passes on, with every field and mark, as one text to compare.
std::string dump(const Record& r) {
  auto mark = [](const YAML::Mark& m) {
    return std::to_string(m.pos) + "/" + std::to_string(m.line) + "/" + std::to_string(m.column);
  };
  std::string out = "{" + mark(r.mark);
  for (const auto& f : r.fields) {
    out += " [" + f.key + "@" + mark(f.key_mark) + "=" + f.value + "@" + mark(f.value_mark) +
           (f.is_list ? " list" : "") + "]";
    for (const auto& [item, at] : f.items) out += " <" + item + "@" + mark(at) + ">";
  }
  return out + "}\n";
}

struct Read {
  FlowRead how = FlowRead::not_plain;
  std::string flow;  // what read_flow_records passed on
  std::string yaml;  // what yaml-cpp's events give, with any problem
};

Read read_both(const Source& src) {
  Read r;
  r.how = detail::read_flow_records(src, [&](const Record& rec) { r.flow += dump(rec); });
  Diagnostics diag;
  detail::read_yaml_records(
      src, [&](const Record& rec) { r.yaml += dump(rec); }, diag, "the roster", "villages");
  if (!diag.empty()) r.yaml += "problems\n";
  return r;
}

Read read_text(const std::string& text) { return read_both(Source{"v.yaml", &text}); }

}  // namespace

TEST_CASE("one-line flow records are read without yaml-cpp, with the fields and marks yaml-cpp gives") {
  const std::vector<std::string> texts = {
      "- {id: v000000, name: 屯后村, township: 上梁镇, county: 枫文县, category: 平原, alliance: a00000}\n"
      "- {id: v000001, name: 大塘村, township: 上梁镇, county: 枫文县, category: 山区, alliance: a00000}\n",
      "# 联盟名单\n\n- {id: a1, name: 联盟, chair: v1}\n   # a comment\n- {id: a2,name: 二,   chair: v2   }   \n",
      "- {id: v1, name: 塘 下 村}\r\n- {id: v2, name: 后岸村}\r\n",
      "- {id: 001, name: true, x: 1.5e3, y: a-b, z: a!b&c*d|e>f%g@h i}",  // no line break at the end
      "- {id: v1}\n- {id: v2, id: v3}\n",
      // Nulls: no value, ~ and null are empty values.
      "- {id: v1, alliance: }\n- {id: v2, alliance:   , name: x}\n- {id: v3, chair: ~, b: null , c: Null, d: NULL}\n"
      "- {id: v4, chair: ~x, b: nullx}\n",
  };
  for (const auto& t : texts) {
    CAPTURE(t);
    const Read r = read_text(t);
    CHECK(r.how == FlowRead::done);
    CHECK(r.flow == r.yaml);
    CHECK_FALSE(r.flow.empty());
  }
}

TEST_CASE("anything outside one-line flow records is left to yaml-cpp, with nothing passed on") {
  const std::vector<std::string> texts = {
      "- {id: \"v1\"}\n",
      "- {id: 'v1'}\n",
      "- {id: a1, members: [v1, v2]}\n",
      "\xEF\xBB\xBF- {id: v1}\n",
      "- {id: v1,\tname: x}\n",
      "- {id: v1, chair:}\n",
      "- id: v1\n  name: x\n",
      "- {id: a:b}\n",
      "- {id: v1} # 注释\n",
      "  - {id: v1}\n",
      "- {id: v1,\n   name: x}\n",
      "---\n- {id: v1}\n",
      "- {id: v1, name: \xB4\xE5}\n",
      std::string("- {id: v1, name: a\0b}\n", 22),
      "- {id: -v1}\n",
      "- {id: v1, name: a#b}\n",
      "- {id: v1, name: a?b}\n",
      "- {id: &x v1}\n",
      "- {: v1}\n",
      "- {id: v1}}\n",
      "# only a comment\n",
      "",
  };
  for (const auto& t : texts) {
    CAPTURE(t);
    const Read r = read_text(t);
    CHECK(r.how == FlowRead::not_plain);
    CHECK(r.flow.empty());
  }
}

TEST_CASE("random rosters read as flow records give exactly what yaml-cpp gives") {
  // Lines of random keys and values from bytes YAML treats specially; whenever the fast
  // reader takes a text, yaml-cpp must read the same records at the same places from it.
  std::mt19937_64 rng(3);
  const std::vector<std::string> pieces = {"id", "name", "v1", "塘下村", " ", ",", ":", "#", "-",   "~",  "null", "{",
                                           "}",  "[",    "\"", "'",      "&", "*", "!", "1", "a b", "\r", "?",    ""};
  const std::vector<std::string> plain = {"v1", "塘下村", "a b", "1", "x-y", "0.5", "a!b"};
  auto piece = [&] { return rng() % 8 == 0 ? pieces[rng() % pieces.size()] : plain[rng() % plain.size()]; };
  int taken = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (auto lines = rng() % 4 + 1; lines > 0; --lines) {
      text += rng() % 16 == 0 ? "-{" : "- {";
      for (auto fields = rng() % 3 + 1; fields > 0; --fields) {
        if (rng() % 8 == 0) text += pieces[rng() % pieces.size()];
        text += rng() % 2 ? "id" : "name";
        text += rng() % 16 == 0 ? ":" : ": ";
        for (auto n = rng() % 3 + 1; n > 0; --n) text += piece();
        if (fields > 1) text += rng() % 8 == 0 ? " ," : ", ";
      }
      text += rng() % 8 == 0 ? "} " : "}";
      text += rng() % 16 == 0 ? "\r\n" : "\n";
    }
    CAPTURE(text);
    const Read r = read_text(text);
    if (r.how != FlowRead::done) {
      CHECK(r.flow.empty());
      continue;
    }
    ++taken;
    CHECK(r.flow == r.yaml);
  }
  CHECK(taken > 300);  // the property is not empty
}

TEST_CASE("flow records read from a file and from pieces of it give what yaml-cpp gives") {
  std::string text = "# 村名单\n";
  for (int i = 0; i < 3000; ++i) {
    text += "- {id: v" + std::to_string(i) + ", name: 村" + std::to_string(i % 7) + ", alliance: a" +
            std::to_string(i / 100) + "}\n";
  }
  TempDir dir;
  dir.write("v.yaml", text);
  const std::string file = dir.file("v.yaml");
  const Read whole = read_both(Source{file});
  CHECK(whole.how == FlowRead::done);
  CHECK(whole.flow == whole.yaml);
  CHECK(whole.flow == read_text(text).flow);
  // Two pieces joined, as the second half of a split file is read (a block boundary inside).
  const std::size_t head = text.find('\n') + 1, cut = text.find("- {id: v1500,");
  const Read joined = read_both(Source{file, nullptr, {{0, head}, {cut, text.size()}}});
  CHECK(joined.how == FlowRead::done);
  CHECK(joined.flow == joined.yaml);
  // Positions count in the joined text: v1500 is on its second line.
  const auto at = [&](std::size_t column) { return std::to_string(head + column) + "/1/" + std::to_string(column); };
  CHECK(joined.flow.starts_with("{" + at(2) + " [id@" + at(3) + "=v1500@" + at(7) + "]"));
}

TEST_CASE("each_line gives every line of a file whole, long lines too, up to a mebibyte") {
  // Lines longer than the reader's first block (and than twice it) come whole and in order,
  // with their positions; the last line needs no line break.
  std::vector<std::string> lines = {
      "short", std::string(70000, 'a'), "", std::string(300000, 'b'), "x", std::string((std::size_t{1} << 20) - 1, 'c'),
      "end"};
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  TempDir dir;
  dir.write("long.yaml", text);
  std::vector<std::string> got;
  std::vector<std::size_t> starts;
  CHECK(detail::each_line(Source{dir.file("long.yaml")}, [&](std::string_view l, std::size_t start, int number) {
    CHECK(number == static_cast<int>(got.size()));
    got.emplace_back(l);
    starts.push_back(start);
    return true;
  }));
  CHECK(got == lines);
  std::size_t at = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(starts[i] == at);
    at += lines[i].size() + 1;
  }
  // A line of a mebibyte or more is refused (the callers then say the file is not plain).
  dir.write("longer.yaml", "a\n" + std::string(std::size_t{1} << 20, 'd') + "\nb\n");
  int seen = 0;
  CHECK_FALSE(detail::each_line(Source{dir.file("longer.yaml")}, [&](std::string_view, std::size_t, int) {
    ++seen;
    return true;
  }));
  CHECK(seen == 1);
}
