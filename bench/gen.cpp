// xingji-gen: writes a complete, deterministic assessment of any size for benchmarks and
// scale tests: manifest, roster, alliances, both schemes and yearly data as wide CSV, long
// CSV, YAML or an .xlsx workbook, with Chinese names. The same arguments always give the same
// bytes, and the same values in every format.

#include <xlsxwriter.h>
#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

// splitmix64: tiny, fast and the same on every platform (std distributions are not).
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

const char* const kChars[] = {"塘", "下", "张", "家", "桐", "上", "路", "姜", "后", "岸", "潭", "溪", "龙", "寨", "边",
                              "白", "鹤", "左", "石", "梁", "东", "屯", "桥", "平", "山", "水", "河", "湾", "坪", "坑",
                              "枫", "树", "岭", "大", "墅", "文", "昌", "王", "源", "汾", "口", "里", "商", "新", "丰",
                              "安", "宁", "和", "兴", "福", "庆", "云", "峰", "竹", "林", "花", "园", "金", "马", "凤"};

std::string word(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kChars[r.below(std::size(kChars))];
  return s;
}

struct Leaf {
  std::string id;
  std::string method;  // linear, lower, steps, direct, check, ratio, minmax
  int weight;
};

std::vector<Leaf> leaves(const std::string& prefix, int count) {
  static const char* const methods[] = {"linear", "steps", "direct", "check", "ratio", "minmax", "lower"};
  std::vector<Leaf> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(Leaf{prefix + std::to_string(i + 1), methods[i % 7], 1 + (i * 7 + 3) % 5});
  }
  return out;
}

void write_scheme(const std::string& path, const std::string& id, const std::string& name,
                  const std::vector<Leaf>& ls) {
  std::ofstream f(path);
  f << "id: " << id << "\nname: " << name
    << "\ntotal: 100\nmissing: zero\n# Random weights, meant as shares of their parent, not as points that add "
       "up.\nweights: relative\nindicators:\n";
  const std::size_t per_area = 5;
  for (std::size_t a = 0; a * per_area < ls.size(); ++a) {
    f << "  - id: " << id << "_area" << a + 1 << "\n    name: 考评方面" << a + 1 << "\n    weight: " << 10 + (a * 3) % 7
      << "\n    children:\n";
    for (std::size_t i = a * per_area; i < std::min(ls.size(), (a + 1) * per_area); ++i) {
      const Leaf& l = ls[i];
      f << "      - {id: " << l.id << ", name: 指标" << i + 1 << ", weight: " << l.weight;
      if (l.method == "linear") f << ", scoring: {method: linear, zero: 20, full: 100}";
      if (l.method == "lower") f << ", scoring: {method: linear, zero: 100, full: 0}";
      if (l.method == "steps") {
        f << ", scoring: {method: steps, steps: [{min: 80, points: " << l.weight
          << "}, {min: 60, points: " << l.weight * 0.7 << "}, {min: 40, points: " << l.weight * 0.4 << "}]}";
      }
      if (l.method == "check" || l.method == "ratio" || l.method == "minmax")
        f << ", scoring: {method: " << l.method << "}";
      f << "}\n";
    }
  }
  f << "adjustments:\n  - {id: " << id << "_bonus, name: 表彰, kind: bonus, per: 2, cap: 4}\n"
    << "  - {id: " << id << "_minus, name: 扣分, kind: deduction, per: 1, cap: 5}\nbonus_cap: 5\n"
    << "veto:\n  - {id: " << id << "_veto, name: 一票否决, max_stars: 1}\n"
    << "stars:\n  - {stars: 5, min: 90}\n  - {stars: 4, min: 80}\n  - {stars: 3, min: 70}\n  - {stars: 2, min: 60}\n"
    << "  - {stars: 1, min: 0}\n";
}

// The people scheme (spec 6): plain leaves in areas of five, then an area of ledger items
// (caps per month, quarter and year, a deduct leaf) and a ledger bonus.
void write_people_scheme(const std::string& path, const std::vector<Leaf>& ls) {
  std::ofstream f(path);
  f << "id: member\nname: 党员先锋指数细则\ntotal: 100\nmissing: zero\nweights: relative\nindicators:\n";
  for (std::size_t a = 0; a * 5 < ls.size(); ++a) {
    f << "  - id: member_area" << a + 1 << "\n    name: 考评方面" << a + 1 << "\n    weight: 15\n    children:\n";
    for (std::size_t i = a * 5; i < std::min(ls.size(), (a + 1) * 5); ++i) {
      const Leaf& l = ls[i];
      f << "      - {id: " << l.id << ", name: 指标" << i + 1 << ", weight: " << l.weight;
      if (l.method == "linear" || l.method == "lower" || l.method == "steps" || l.method == "ratio")
        f << ", scoring: {method: linear, zero: 20, full: 100}";
      if (l.method == "check" || l.method == "minmax") f << ", scoring: {method: " << l.method << "}";
      f << "}\n";
    }
  }
  f << "  - id: member_points\n    name: 积分\n    weight: 40\n    children:\n"
    << "      - {id: l1, name: 志愿服务, weight: 10, ledger: {per: 1, caps: {month: 3, year: 10}}}\n"
    << "      - {id: l2, name: 亮身份践承诺, weight: 10, ledger: {per: 2, caps: {quarter: 6}}}\n"
    << "      - {id: l3, name: 建言献策, weight: 10, ledger: {per: 1}}\n"
    << "      - {id: l4, name: 未按时交纳党费, weight: 10, ledger: {per: 2, deduct: true}}\n"
    << "adjustments:\n  - {id: lb, name: 急难险重任务, kind: bonus, cap: 5, ledger: {per: 1, caps: {month: 2}}}\n"
    << "  - {id: member_bonus, name: 表彰, kind: bonus, per: 2, cap: 4}\n"
    << "  - {id: member_minus, name: 扣分, kind: deduction, per: 1, cap: 5}\nbonus_cap: 6\n"
    << "veto:\n  - {id: member_veto, name: 受到党纪处分, max_stars: 1}\n"
    << "stars:\n  - {stars: 5, min: 90}\n  - {stars: 4, min: 80}\n  - {stars: 3, min: 70}\n  - {stars: 2, min: 60}\n"
    << "  - {stars: 1, min: 0}\n";
}

// A value for a leaf as text; empty for a missing one (about 1 in 200).
std::string value(Rng& r, const Leaf& l) {
  if (r.below(200) == 0) return "";
  char buf[32];
  double x = 0;
  if (l.method == "check") return r.below(4) == 0 ? "0" : "1";
  if (l.method == "direct")
    x = l.weight * (0.3 + 0.7 * r.unit());
  else if (l.method == "ratio")
    x = 1000 * r.unit();
  else if (l.method == "minmax")
    x = 500 * r.unit();
  else
    x = 110 * r.unit();
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::vector<std::pair<std::string, std::string>> row_values(Rng& r, const std::vector<Leaf>& ls,
                                                            const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& l : ls) out.emplace_back(l.id, value(r, l));
  out.emplace_back(prefix + "_bonus", r.below(10) == 0 ? std::to_string(1 + r.below(3)) : "");
  out.emplace_back(prefix + "_minus", r.below(8) == 0 ? std::to_string(1 + r.below(4)) : "");
  out.emplace_back(prefix + "_veto", r.below(1000) == 0 ? "1" : "");
  return out;
}

// The wide layout as one sheet, written row by row in libxlsxwriter's constant-memory mode
// (a national file would not fit in memory otherwise): ids and headers as text, values as
// numbers, checks as 是/否 as a filled-in template has them (the CSV has 1/0: the same values).
class Sheet {
 public:
  Sheet(const std::string& path, int year) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (wb_ == nullptr) fail(path, LXW_ERROR_CREATING_XLSX_FILE);
    ws_ = workbook_add_worksheet(wb_, std::to_string(year).c_str());
    path_ = path;
  }
  Sheet(const Sheet&) = delete;
  Sheet& operator=(const Sheet&) = delete;
  ~Sheet() {
    if (wb_ != nullptr) workbook_close(wb_);
  }
  void text(lxw_col_t col, const std::string& s) { check(worksheet_write_string(ws_, row_, col, s.c_str(), nullptr)); }
  void number(lxw_col_t col, double x) { check(worksheet_write_number(ws_, row_, col, x, nullptr)); }
  void next_row() { ++row_; }
  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    check(workbook_close(wb));
  }

 private:
  [[noreturn]] static void fail(const std::string& path, lxw_error err) {
    std::cerr << "xingji-gen: " << path << ": " << lxw_strerror(err) << '\n';
    std::exit(1);
  }
  void check(lxw_error err) const {
    if (err != LXW_NO_ERROR) fail(path_, err);
  }
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_row_t row_ = 0;
  std::string path_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xingji-gen: write a deterministic assessment of any size", "xingji-gen"};
  std::string out, format = "wide", roster = "csv";
  long villages = 600, alliances = 60;
  int indicators = 30, years = 1, first_year = 2024, precision = 2;
  std::uint64_t seed = 1;
  app.add_option("OUT", out, "Folder to write")->required();
  app.add_option("--villages", villages, "Villages")->check(CLI::Range(1L, 10'000'000L))->capture_default_str();
  app.add_option("--alliances", alliances, "Alliances")->check(CLI::Range(0L, 1'000'000L))->capture_default_str();
  app.add_option("--indicators", indicators, "Village indicators")->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_option("--years", years, "Years of data")->check(CLI::Range(1, 50))->capture_default_str();
  app.add_option("--first-year", first_year, "First year")->capture_default_str();
  app.add_option("--format", format, "Data format")
      ->check(CLI::IsMember({"wide", "long", "yaml", "xlsx"}))
      ->capture_default_str();
  app.add_option("--roster", roster, "Roster format")->check(CLI::IsMember({"csv", "yaml"}))->capture_default_str();
  app.add_option("--precision", precision, "Decimals of reported scores")
      ->check(CLI::Range(0, 9))
      ->capture_default_str();
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  long people = 0, events = 0;
  int people_items = 20;
  app.add_option("--people", people, "Party members (spec 6), each in a village")
      ->check(CLI::Range(0L, 100'000'000L))
      ->capture_default_str();
  app.add_option("--people-items", people_items, "Items of the members' scheme, 4 of them ledger leaves")
      ->check(CLI::Range(5, 1000))
      ->capture_default_str();
  app.add_option("--events", events, "Ledger events of the members in the first year")
      ->check(CLI::Range(0L, 2'000'000'000L))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (alliances > villages) alliances = villages;

  namespace fs = std::filesystem;
  fs::create_directories(fs::path(out) / "data");
  Rng r{seed};
  const auto vleaves = leaves("i", indicators);
  const auto aleaves = leaves("ai", std::max(4, indicators / 4));
  write_scheme(out + "/scheme-village.yaml", "village", "成员村星级评定细则", vleaves);
  if (alliances > 0) write_scheme(out + "/scheme-alliance.yaml", "alliance", "联盟星级评定细则", aleaves);

  // Nine in ten villages belong to an alliance, in contiguous blocks.
  const long allied = alliances > 0 ? std::max(alliances, villages * 9 / 10) : 0;
  std::vector<std::string> vid(static_cast<std::size_t>(villages)), aid(static_cast<std::size_t>(alliances));
  for (long i = 0; i < villages; ++i) vid[static_cast<std::size_t>(i)] = "v" + std::to_string(1000000 + i).substr(1);
  for (long j = 0; j < alliances; ++j) aid[static_cast<std::size_t>(j)] = "a" + std::to_string(100000 + j).substr(1);
  {
    std::ofstream f(out + (roster == "csv" ? "/villages.csv" : "/villages.yaml"));
    if (roster == "csv") f << "id,name,township,county,category,alliance\n";
    std::string township, county;
    static const char* const categories[] = {"平原", "山区", "丘陵"};
    for (long i = 0; i < villages; ++i) {
      if (i % 20 == 0) township = word(r, 2) + "镇";
      if (i % 300 == 0) county = word(r, 2) + "县";
      const std::string al = i < allied ? aid[static_cast<std::size_t>(i * alliances / allied)] : "";
      const std::string name = word(r, 2) + "村";
      const char* cat = categories[r.below(3)];
      if (roster == "csv") {
        f << vid[static_cast<std::size_t>(i)] << ',' << name << ',' << township << ',' << county << ',' << cat << ','
          << al << '\n';
      } else {
        f << "- {id: " << vid[static_cast<std::size_t>(i)] << ", name: " << name << ", township: " << township
          << ", county: " << county << ", category: " << cat << (al.empty() ? "" : ", alliance: " + al) << "}\n";
      }
    }
  }
  if (alliances > 0) {
    std::ofstream f(out + "/alliances.yaml");
    for (long j = 0; j < alliances; ++j) {
      // The chair is the first village of the block.
      const long first = (j * allied + alliances - 1) / alliances;
      f << "- {id: " << aid[static_cast<std::size_t>(j)] << ", name: " << word(r, 2)
        << "联盟, chair: " << vid[static_cast<std::size_t>(first)] << "}\n";
    }
  }
  {
    std::ofstream f(out + "/xingji.yaml");
    f << "name: 生成的考评（" << villages
      << "个村）\nvillages: " << (roster == "csv" ? "villages.csv" : "villages.yaml") << "\n";
    if (alliances > 0) f << "alliances: alliances.yaml\n";
    f << "schemes:\n  village: scheme-village.yaml\n";
    if (alliances > 0) f << "  alliance: scheme-alliance.yaml\n";
    f << (format == "xlsx" ? "data: [data/*.csv, data/*.yaml, data/*.xlsx]\n" : "data: [data/*.csv, data/*.yaml]\n");
    if (alliances > 0) f << "dual: {alliance_own: 0.6, members: mean, village_own: 0.8}\n";
    f << "precision: " << precision << "\n";
    if (people > 0) {
      f << "people:\n  member: {name: 党员, roster: members.csv, scheme: scheme-member.yaml}\n"
        << "ledgers: [ledger/*.csv]\n";
    }
  }
  // Members (spec 6): a roster, a scheme, yearly data and a ledger of dated events.
  const auto pleaves = leaves("p", std::max(1, people_items - 4));
  std::vector<std::string> pid(static_cast<std::size_t>(people));
  if (people > 0) {
    write_people_scheme(out + "/scheme-member.yaml", pleaves);
    std::ofstream f(out + "/members.csv");
    f << "id,name,village,role\n";
    static const char* const roles[] = {"党员", "党员", "党员", "党小组长", "党员中心户"};
    for (long i = 0; i < people; ++i) {
      pid[static_cast<std::size_t>(i)] = "m" + std::to_string(100000000 + i).substr(1);
      f << pid[static_cast<std::size_t>(i)] << ',' << word(r, 3) << ','
        << vid[static_cast<std::size_t>(i * villages / people)] << ',' << roles[r.below(5)] << '\n';
    }
    fs::create_directories(fs::path(out) / "ledger");
    std::ofstream l(out + "/ledger/member-" + std::to_string(first_year) + ".csv");
    l << "id,date,item,count,note\n";
    static const char* const items[] = {"l1", "l2", "l3", "l4", "lb"};
    static const char* const notes[] = {"", "", "志愿服务", "走访群众", "补录"};
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (long e = 0; e < events; ++e) {
      const std::size_t m = r.below(12);
      const std::size_t count = r.below(4);  // 0: empty (once)
      l << pid[r.below(pid.size())] << ',' << first_year << '-' << (m < 9 ? "0" : "") << m + 1 << '-';
      const std::size_t d = 1 + r.below(static_cast<std::size_t>(days[m]));
      l << (d < 10 ? "0" : "") << d << ',' << items[r.below(5)] << ',';
      if (count > 0) l << count;
      l << ',' << notes[r.below(5)] << '\n';
    }
  }
  for (int y = first_year; y < first_year + years; ++y) {
    for (int kind = 0; kind < 3; ++kind) {
      if ((kind == 1 && alliances == 0) || (kind == 2 && people == 0)) continue;
      const auto& ids = kind == 0 ? vid : kind == 1 ? aid : pid;
      const auto& ls = kind == 0 ? vleaves : kind == 1 ? aleaves : pleaves;
      const std::string prefix = kind == 0 ? "village" : kind == 1 ? "alliance" : "member";
      const std::string base = out + "/data/" + prefix + "-" + std::to_string(y);
      if (format == "xlsx") {
        Sheet sh(base + ".xlsx", y);
        std::vector<std::string> header{"id", "year"};
        for (const auto& l : ls) header.push_back(l.id);
        for (const char* k : {"_bonus", "_minus", "_veto"}) header.push_back(prefix + k);
        for (std::size_t c = 0; c < header.size(); ++c) sh.text(static_cast<lxw_col_t>(c), header[c]);
        for (const auto& id : ids) {
          sh.next_row();
          sh.text(0, id);
          sh.number(1, y);
          const auto values = row_values(r, ls, prefix);
          for (std::size_t c = 0; c < values.size(); ++c) {
            const std::string& v = values[c].second;
            const auto col = static_cast<lxw_col_t>(c + 2);
            if (v.empty()) continue;
            if (c < ls.size() && ls[c].method == "check") {
              sh.text(col, v == "1" ? "是" : "否");
            } else {
              sh.number(col, std::strtod(v.c_str(), nullptr));
            }
          }
        }
        sh.close();
        continue;
      }
      std::ofstream f(base + (format == "yaml" ? ".yaml" : ".csv"));
      if (format == "wide") {
        // The header must not draw from the generator: every format gets the same values.
        f << "id,year";
        for (const auto& l : ls) f << ',' << l.id;
        f << ',' << prefix << "_bonus," << prefix << "_minus," << prefix << "_veto\n";
      } else if (format == "long") {
        f << "id,year,indicator,value\n";
      } else {
        f << "year: " << y << "\nvalues:\n";
      }
      for (const auto& id : ids) {
        const auto values = row_values(r, ls, prefix);
        if (format == "wide") {
          f << id << ',' << y;
          for (const auto& [k, v] : values) f << ',' << v;
          f << '\n';
        } else if (format == "long") {
          for (const auto& [k, v] : values) {
            if (!v.empty()) f << id << ',' << y << ',' << k << ',' << v << '\n';
          }
        } else {
          f << "  " << id << ":\n";
          for (const auto& [k, v] : values) {
            if (!v.empty()) f << "    " << k << ": " << v << '\n';
          }
        }
      }
    }
  }
  return 0;
}
