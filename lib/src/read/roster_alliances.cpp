// Reading an alliance list: YAML records (a long list as two halves on two cores) or CSV rows.
#include "base/text.hpp"
#include "read/roster_load.hpp"

#include <filesystem>
#include <iterator>

#include "base/i18n.hpp"

namespace xingji::detail {

namespace {

constexpr std::string_view kAllianceColumns[] = {"id", "name", "chair", "members"};
// The same columns as a sheet in Chinese heads them.
constexpr std::string_view kAllianceColumnsZh[] = {"编号", "名称", "主席", "成员"};

// Alliances read from some records of an alliance list (all of it, or one half).
struct AllianceRows {
  std::vector<Alliance> alliances;
  std::vector<Position> chair_where;
  std::vector<std::optional<std::vector<MemberRef>>> listed;

  // Takes the alliances of the half after this one, shifting their positions as shift() does.
  void append(AllianceRows&& second, int lines, long bytes) {
    for (auto& a : second.alliances) shift(a.where, lines, bytes);
    for (auto& p : second.chair_where) shift(p, lines, bytes);
    for (auto& members : second.listed) {
      if (!members) continue;
      for (auto& m : *members) shift(m.where, lines, bytes);
    }
    std::move(second.alliances.begin(), second.alliances.end(), std::back_inserter(alliances));
    chair_where.insert(chair_where.end(), second.chair_where.begin(), second.chair_where.end());
    std::move(second.listed.begin(), second.listed.end(), std::back_inserter(listed));
  }
};

void keep(AllianceRows&& rows, Loaded& out) {
  out.roster.alliances = std::move(rows.alliances);
  out.chair_where = std::move(rows.chair_where);
  out.listed = std::move(rows.listed);
}

// How many records the text of `src` may hold at most, a record taking at least `least`
// bytes: room reserved for that many is mostly never touched, so it costs no memory, while
// growing the lists record by record would touch new pages (and copy) at each doubling.
std::size_t most_records(const Source& src, std::size_t least) {
  std::size_t bytes = 0;
  if (src.text) {
    bytes = src.text->size();
  } else if (src.pieces.empty()) {
    std::error_code ec;
    bytes = static_cast<std::size_t>(std::filesystem::file_size(src.file, ec));
    if (ec) bytes = 0;
  } else {
    for (const auto& [from, to] : src.pieces) bytes += to - from;
  }
  return bytes / least + 1;
}

void read_alliance_records(const Source& src, AllianceRows& out, Diagnostics& diag) {
  const std::size_t most = most_records(src, 8);  // "- {id: a}" and a line break
  out.alliances.reserve(out.alliances.size() + most);
  out.chair_where.reserve(out.chair_where.size() + most);
  out.listed.reserve(out.listed.size() + most);
  read_records(
      src,
      [&](const Record& r) {
        Alliance a;
        a.id = value_of(r, "id");
        const RecordLabel label{N_("alliance"), a.id};
        check_fields(src, r, kAllianceColumns, label, diag);
        a.name = value_of(r, "name");
        a.chair = value_of(r, "chair");
        const Field* id = r.find("id");
        a.where = position(id ? id->value_mark : r.mark);
        const Field* chair = r.find("chair");
        out.chair_where.push_back(chair ? position(chair->value_mark) : a.where);
        std::optional<std::vector<MemberRef>> members;
        if (const Field* m = r.find("members")) {
          if (!m->is_list && !trim(m->value).empty()) {
            diag.add(src.at(m->value_mark), _f("'members' of {} must be a list of village ids, e.g. [v1, v2]", label));
          } else if (m->is_list) {
            members.emplace();
            for (const auto& [member, mark] : m->items)
              members->push_back(MemberRef{std::string(trim(member)), position(mark)});
          }
        }
        out.listed.push_back(std::move(members));
        out.alliances.push_back(std::move(a));
      },
      diag, _("the alliance list"), "alliances");
}

}  // namespace

// A list of a few thousand alliances takes yaml-cpp tens of milliseconds: a long one is
// read as two halves.
void read_alliances_yaml(const std::string& path, Loaded& out, Diagnostics& diag) {
  keep(read_yaml_list<AllianceRows>(path, read_alliance_records, diag), out);
}

void read_alliances_csv(const std::string& path, const std::string& encoding, Loaded& out, Diagnostics& diag,
                        const std::string* sheet) {
  std::optional<CsvReader> file;
  CsvReader& csv = open_csv(file, path, encoding, sheet);
  if (!csv.next()) return;
  AllianceRows rows;
  const auto columns = read_header(csv, kAllianceColumns, kAllianceColumnsZh, _("an alliance list"), diag);
  while (csv.next()) {
    Alliance a;
    a.where = Position{csv.line(), 1};
    Position chair_at = a.where;
    std::optional<std::vector<MemberRef>> members;
    const auto fields = csv.fields();
    for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i) {
      std::string value(trim(fields[i]));
      switch (columns[i]) {
        case 0:
          a.id = std::move(value);
          a.where = csv.position(i);
          break;
        case 1:
          a.name = std::move(value);
          break;
        case 2:
          a.chair = std::move(value);
          chair_at = csv.position(i);
          break;
        case 3: {
          // Members in one cell, separated by ';' (a comma would need quoting in CSV), or as a
          // Chinese input method types it, by '；' or '、'. An empty cell lists none: the members
          // come from the villages' `alliance` field.
          if (trim_blanks(fields[i]).empty()) break;
          members.emplace();
          std::string_view rest = fields[i];
          while (!rest.empty()) {
            std::size_t cut = std::string_view::npos, width = 0;
            for (const std::string_view sep : {";", "；", "、"}) {
              if (const auto at = rest.find(sep); at < cut) {
                cut = at;
                width = sep.size();
              }
            }
            auto id = trim_blanks(rest.substr(0, cut));
            if (!id.empty()) members->push_back(MemberRef{std::string(id), csv.position(i)});
            rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + width);
          }
          break;
        }
        default:
          break;
      }
    }
    rows.chair_where.push_back(chair_at);
    rows.listed.push_back(std::move(members));
    rows.alliances.push_back(std::move(a));
  }
  keep(std::move(rows), out);
}

}  // namespace xingji::detail
