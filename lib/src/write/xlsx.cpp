// Tables as an .xlsx workbook, through libxlsxwriter: ids and names as text, numbers as
// numbers shown to their decimals, a frozen header with filters, columns wide enough for
// Chinese.
#include "write/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "base/i18n.hpp"
#include "base/text.hpp"
#include "xingji/error.hpp"

namespace xingji::detail {

namespace {

// The creation time the workbook records: fixed, so that the same inputs give the same
// bytes (libxlsxwriter then also fixes the zip entries' times). 1980-01-01, the zip epoch:
// plainly not a real time.
constexpr std::time_t kCreated = 315532800;

// Excel's limit on a sheet name, in UTF-16 units.
constexpr std::size_t kSheetName = 31;

// Width units a text takes in a spreadsheet: as on a terminal, but ★ ☆ and — drawn as wide
// as a Chinese character, as Chinese fonts draw them.
std::size_t cell_width(std::string_view text) {
  std::size_t w = display_width(text);
  for (const std::string_view wide : {"★", "☆", "—"}) {
    for (std::size_t at = text.find(wide); at != std::string_view::npos; at = text.find(wide, at + wide.size())) ++w;
  }
  return w;
}

// A number as a column of numbers holds it: all of the text, an optional + in front
// (changes), nothing else.
std::optional<double> number_in(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// The number format of a column: its decimals, and a + on changes above zero.
std::string number_format(int decimals, bool change) {
  const std::string digits = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
  if (decimals < 0) return change ? "+General;-General;General" : "General";
  return change ? fmt::format("+{0};-{0};{0}", digits) : digits;
}

// ASCII letters folded, for Excel's comparison of sheet names.
std::string folded(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The bytes of the UTF-8 character starting at `c`.
std::size_t char_bytes(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// `name` cut to at most `units` UTF-16 units, at a character's end.
std::string cut(std::string_view name, std::size_t units) {
  std::size_t used = 0, at = 0;
  while (at < name.size()) {
    const std::size_t n = std::min(char_bytes(static_cast<unsigned char>(name[at])), name.size() - at);
    const std::size_t u = n == 4 ? 2 : 1;
    if (used + u > units) break;
    used += u;
    at += n;
  }
  return std::string(name.substr(0, at));
}

// The formats of a workbook, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {
    for (const bool right : {false, true}) {
      lxw_format*& h = right ? number_header_ : header_;
      h = workbook_add_format(wb);
      format_set_bold(h);
      format_set_text_wrap(h);
      format_set_align(h, LXW_ALIGN_VERTICAL_TOP);
      // Over numbers, right-aligned as they are.
      if (right) format_set_align(h, LXW_ALIGN_RIGHT);
    }
    title_ = workbook_add_format(wb);
    format_set_bold(title_);
    for (std::size_t k = 0; k < 4; ++k) {
      texts_[k] = workbook_add_format(wb);
      format_set_align(texts_[k], LXW_ALIGN_VERTICAL_TOP);
      if (k & 1) format_set_text_wrap(texts_[k]);
      // Text among numbers (3星, —, 40%) stands where the numbers stand.
      if (k & 2) format_set_align(texts_[k], LXW_ALIGN_RIGHT);
    }
  }
  [[nodiscard]] lxw_format* header(bool right) const { return right ? number_header_ : header_; }
  [[nodiscard]] lxw_format* title() const { return title_; }
  [[nodiscard]] lxw_format* text(bool wrap, bool right) const { return texts_[(wrap ? 1U : 0U) + (right ? 2U : 0U)]; }
  lxw_format* number(int decimals, bool change) {
    lxw_format*& f = numbers_[{decimals, change}];
    if (f == nullptr) {
      f = workbook_add_format(wb_);
      format_set_num_format(f, number_format(decimals, change).c_str());
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
  }

 private:
  lxw_workbook* wb_;
  lxw_format* header_ = nullptr;
  lxw_format* number_header_ = nullptr;
  lxw_format* title_;
  std::array<lxw_format*, 4> texts_{};  // by wrapped (1) and right-aligned (2)
  std::map<std::pair<int, bool>, lxw_format*> numbers_;
};

// Fails the run with the file's name and the reason: the system's where libxlsxwriter
// failed on a file (a full disk), else libxlsxwriter's own (English) words.
[[noreturn]] void fail_with(const AtomicFile& file, lxw_error err) {
  const int sys = errno;
  const bool on_file = err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_CREATING_TMPFILE ||
                       err == LXW_ERROR_READING_TMPFILE ||
                       (err >= LXW_ERROR_ZIP_FILE_OPERATION && err <= LXW_ERROR_ZIP_CLOSE);
  throw Error(Location{file.path(), 0, 0}, _f("cannot write the workbook: {}; an existing file is left as it was",
                                              on_file && sys != 0 ? std::strerror(sys) : lxw_strerror(err)));
}

// Calls `visit` with each row of `t`: those it keeps, or those it makes on demand, one at a time.
template <class Visit>
void for_each_row(const TextTable& t, Visit&& visit) {
  for (const auto& r : t.rows) visit(r);
  if (!t.lazy_row) return;
  TextTable scratch;
  for (std::size_t i = 0; i < t.lazy_rows; ++i) {
    scratch.rows.clear();
    t.lazy_row(i, scratch);
    visit(scratch.rows.back());
  }
}

void write_sheet(lxw_worksheet* ws, const Sheet& sheet, Formats& formats, const AtomicFile& file) {
  const bool several = sheet.tables.size() > 1;
  // Each column as wide as its widest cell over all the tables (titles and notes overflow
  // into the empty cells beside them and are not counted).
  std::vector<std::size_t> widest;
  for (const SheetTable& st : sheet.tables) {
    const TextTable& t = st.table;
    if (widest.size() < t.header.size()) widest.resize(t.header.size());
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      // A header may wrap at its width: count its longest word only when the cells are wider.
      widest[c] = std::max(widest[c], cell_width(t.header[c]));
    }
    for_each_row(t, [&](const std::vector<std::string>& r) {
      for (std::size_t c = 0; c < r.size() && c < t.header.size(); ++c)
        widest[c] = std::max(widest[c], cell_width(r[c]));
    });
  }
  for (std::size_t c = 0; c < widest.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    if (const lxw_error err = worksheet_set_column(ws, col, col, column_width(widest[c]), nullptr))
      fail_with(file, err);
  }
  lxw_row_t row = 0;
  auto check = [&](lxw_error err) {
    if (err != LXW_NO_ERROR) fail_with(file, err);
  };
  // Printed, a sheet is as wide as an A4 page across, its header on every page.
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  if (!several) check(worksheet_repeat_rows(ws, 0, 0));
  for (const SheetTable& st : sheet.tables) {
    const TextTable& t = st.table;
    if (several && !st.title.empty()) check(worksheet_write_string(ws, row++, 0, st.title.c_str(), formats.title()));
    const lxw_row_t header = row;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      check(
          worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), t.header[c].c_str(), formats.header(t.right[c])));
    }
    ++row;
    for_each_row(t, [&](const std::vector<std::string>& r) {
      for (std::size_t c = 0; c < r.size() && c < t.header.size(); ++c) {
        if (r[c].empty()) continue;
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto v = t.right[c] ? number_in(r[c]) : std::nullopt) {
          check(worksheet_write_number(ws, row, col, *v, formats.number(t.decimals[c], t.change[c])));
        } else {
          const bool wrap = column_width(widest[c]) >= static_cast<double>(kMaxColumnWidth);
          check(worksheet_write_string(ws, row, col, r[c].c_str(), formats.text(wrap, t.right[c])));
        }
      }
      ++row;
    });
    if (!several && !t.header.empty()) {
      worksheet_freeze_panes(ws, 1, 0);
      check(worksheet_autofilter(ws, header, 0, row - 1, static_cast<lxw_col_t>(t.header.size() - 1)));
    }
    if (!st.notes.empty()) ++row;
    for (const auto& note : st.notes) check(worksheet_write_string(ws, row++, 0, note.c_str(), nullptr));
    ++row;  // a blank row before the next table
  }
}

}  // namespace

double column_width(std::size_t widest) { return static_cast<double>(std::min(widest + 2, kMaxColumnWidth)); }

std::string sheet_name(std::string_view heading, std::vector<std::string>& taken) {
  // Excel refuses these in a sheet name; their full-width forms read the same.
  static constexpr std::pair<char, std::string_view> kForbidden[] = {{'[', "［"}, {']', "］"}, {':', "："}, {'*', "＊"},
                                                                     {'?', "？"}, {'/', "／"}, {'\\', "＼"}};
  std::string name;
  for (const char c : heading) {
    const auto* f =
        std::find_if(std::begin(kForbidden), std::end(kForbidden), [&](const auto& p) { return p.first == c; });
    if (f != std::end(kForbidden)) {
      name += f->second;
    } else if (c != '\n' && c != '\r' && c != '\t') {
      name += c;
    }
  }
  // Nor may it start or end with an apostrophe, or be empty.
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "表";
  const std::string base = cut(name, kSheetName);
  auto is_taken = [&](const std::string& n) {
    return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return folded(t) == folded(n); }) ||
           folded(n) == "history";  // Excel keeps this name for itself
  };
  std::string unique = base;
  for (int k = 2; is_taken(unique); ++k) {
    const std::string digits = fmt::to_string(k);
    unique = fmt::format("{}（{}）", cut(base, kSheetName - digits.size() - 2), digits);
  }
  taken.push_back(unique);
  return unique;
}

void WorkbookFree::operator()(lxw_workbook* wb) const { lxw_workbook_free(wb); }

void fail(const AtomicFile& file, lxw_error err) { fail_with(file, err); }

Workbook new_workbook(const std::string& title, AtomicFile& file, bool stream_rows) {
  // libxlsxwriter's own temporary files go beside the output, where AtomicFile could write,
  // not to /tmp, which may be small or read-only.
  const std::filesystem::path parent = std::filesystem::path(file.temp_path()).parent_path();
  std::string tmpdir = parent.empty() ? std::string(".") : parent.string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  // Rows go to disk as they are written, strings inline: a national score's half a million
  // rows no longer wait in memory as cells until the workbook closes.
  options.constant_memory = stream_rows ? LXW_TRUE : LXW_FALSE;
  Workbook wb(workbook_new_opt(file.temp_path().c_str(), &options));
  if (!wb) throw Error(Location{file.path(), 0, 0}, _("cannot write the workbook: out of memory"));
  lxw_doc_properties properties{};
  std::string title_text = title;
  properties.title = title_text.data();
  properties.created = kCreated;
  if (const lxw_error err = workbook_set_properties(wb.get(), &properties)) fail_with(file, err);
  return wb;
}

void close_workbook(Workbook wb, AtomicFile& file) {
  // workbook_close writes the file and frees the workbook, also when it fails.
  errno = 0;
  const lxw_error err = workbook_close(wb.release());
  if (err != LXW_NO_ERROR) fail_with(file, err);
}

void write_workbook(const std::vector<Sheet>& sheets, const std::string& title, AtomicFile& file) {
  Workbook wb = new_workbook(title, file, true);
  Formats formats(wb.get());
  std::vector<std::string> taken;
  for (const Sheet& sheet : sheets) {
    const std::string name = sheet_name(sheet.name, taken);
    lxw_worksheet* ws = workbook_add_worksheet(wb.get(), name.c_str());
    if (ws == nullptr) fail_with(file, LXW_ERROR_SHEETNAME_ALREADY_USED);
    write_sheet(ws, sheet, formats, file);
  }
  // A workbook without sheets is not one Excel opens.
  if (sheets.empty() && workbook_add_worksheet(wb.get(), nullptr) == nullptr)
    fail_with(file, LXW_ERROR_MEMORY_MALLOC_FAILED);
  close_workbook(std::move(wb), file);
}

}  // namespace xingji::detail
