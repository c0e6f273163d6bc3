#include "read/xlsx.hpp"

#include <fmt/format.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <unordered_map>
#include <vector>

#include "base/files.hpp"
#include "base/i18n.hpp"
#include "read/xml.hpp"
#include "xingji/error.hpp"

namespace xingji::detail {

namespace {

// ---- the zip archive -------------------------------------------------------------------

// A workbook given as bytes in memory, read through minizip's file functions.
struct Memory {
  const std::string* bytes = nullptr;
  ZPOS64_T pos = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void* /*name*/, int /*mode*/) {
  auto* m = static_cast<Memory*>(opaque);
  m->pos = 0;
  return m;
}

uLong ZCALLBACK memory_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<Memory*>(stream);
  const ZPOS64_T total = m->bytes->size();
  const ZPOS64_T n = std::min<ZPOS64_T>(size, m->pos < total ? total - m->pos : 0);
  if (n > 0) std::memcpy(buf, m->bytes->data() + m->pos, n);
  m->pos += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK memory_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK memory_tell(voidpf /*opaque*/, voidpf stream) { return static_cast<Memory*>(stream)->pos; }

long ZCALLBACK memory_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<Memory*>(stream);
  const ZPOS64_T total = m->bytes->size();
  ZPOS64_T base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m->pos;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = total;
  if (offset > total || base > total - offset) return -1;
  m->pos = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) { return 0; }
int ZCALLBACK memory_error(voidpf, voidpf) { return 0; }

// Whether the file starts as an OLE compound file does: an .xls workbook, or an .xlsx that
// Excel encrypted with a password.
bool compound(const std::string& path, const std::string* bytes) {
  static constexpr char kMagic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  char head[8] = {};
  if (bytes != nullptr) {
    if (bytes->size() < 8) return false;
    std::memcpy(head, bytes->data(), 8);
  } else {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return false;
    const bool got = std::fread(head, 1, 8, f) == 8;
    std::fclose(f);
    if (!got) return false;
  }
  return std::memcmp(head, kMagic, 8) == 0;
}

// A workbook's archive; entries are streamed, counting every byte inflated against the limit.
class Zip {
 public:
  Zip(const std::string& path, const std::string* bytes, std::size_t limit) : path_(path), left_(limit) {
    zlib_filefunc64_def io{};
    if (bytes != nullptr) {
      memory_.bytes = bytes;
      io.zopen64_file = memory_open;
      io.zread_file = memory_read;
      io.zwrite_file = memory_write;
      io.ztell64_file = memory_tell;
      io.zseek64_file = memory_seek;
      io.zclose_file = memory_close;
      io.zerror_file = memory_error;
      io.opaque = &memory_;
    } else {
      if (is_folder(path)) throw Error(Location{path, 0, 0}, _("is a folder; give a file"));
      if (!is_file(path))
        throw Error(Location{path, 0, 0}, _("cannot open file; check that the path is right and readable"));
      fill_fopen64_filefunc(&io);
    }
    zip_ = unzOpen2_64(path.c_str(), &io);
    if (zip_ == nullptr && compound(path, bytes)) {
      throw Error(Location{path, 0, 0},
                  _("is an old .xls workbook or one protected by a password (not a zip archive); open it in Excel "
                    "or WPS and save it as Excel 工作簿 (*.xlsx) without a password"));
    }
    if (zip_ == nullptr) {
      throw Error(Location{path, 0, 0},
                  _("is not an .xlsx workbook (it is no zip archive); save it from Excel or WPS as "
                    "Excel 工作簿 (*.xlsx), or as CSV"));
    }
  }
  ~Zip() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  // Streams entry `name` into `sink(data, size)` while it returns true; false when there is no
  // such entry.
  template <class Sink>
  bool read(const std::string& name, Sink&& sink) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return false;  // 2: case-insensitive
    if (unzOpenCurrentFile(zip_) != UNZ_OK) damaged(name);
    std::array<char, 1 << 16> buf{};
    for (;;) {
      const int got = unzReadCurrentFile(zip_, buf.data(), static_cast<unsigned>(buf.size()));
      if (got < 0) {
        unzCloseCurrentFile(zip_);
        damaged(name);
      }
      if (got == 0) break;
      const auto n = static_cast<std::size_t>(got);
      if (n > left_) {
        unzCloseCurrentFile(zip_);
        throw Error(Location{path_, 0, 0},
                    _("the workbook unpacks to more than 1 GiB of XML; it is damaged or not a worksheet of "
                      "data (split it into smaller workbooks)"));
      }
      left_ -= n;
      if (!sink(buf.data(), n)) {
        unzCloseCurrentFile(zip_);
        return true;
      }
    }
    // A bad checksum is found at the end of an entry.
    if (unzCloseCurrentFile(zip_) != UNZ_OK) damaged(name);
    return true;
  }

  // What may still be inflated, and setting it back (a part read again is counted once).
  [[nodiscard]] std::size_t left() const { return left_; }
  void set_left(std::size_t left) { left_ = left; }

  [[noreturn]] void damaged(const std::string& entry) const {
    throw Error(Location{path_, 0, 0},
                _f("the workbook is damaged (its part '{}' cannot be unpacked); open it in Excel or WPS and "
                   "save it again",
                   entry));
  }

 private:
  std::string path_;
  std::size_t left_;
  Memory memory_;
  unzFile zip_ = nullptr;
};

// ---- XML -------------------------------------------------------------------------------

// Parses one part of the archive through `h`: with the quick scanner, and when it gives up,
// again from the start with expat (read/xml.hpp). A part with a document type declaration is
// refused before anything in it is expanded (entities are how XML bombs are made).
bool parse_part(Zip& zip, const std::string& path, const std::string& entry, XmlHandler& h) {
  {
    QuickXml quick(h);
    std::exception_ptr failure;
    bool quit = false;
    const std::size_t budget = zip.left();
    const bool found = zip.read(entry, [&](const char* data, std::size_t n) {
      // After the handler threw, the part is read to its end as expat's reading would be, so
      // that a damaged part is named as such first either way.
      if (failure) return true;
      try {
        quit = !quick.feed(data, n);
      } catch (...) {
        failure = std::current_exception();
      }
      return !quit;
    });
    if (!found) return false;
    if (failure) std::rethrow_exception(failure);
    if (!quit && quick.finish()) return true;
    zip.set_left(budget);
    h.reset();
  }
  ExpatXml xml(h);
  (void)zip.read(entry, [&](const char* data, std::size_t n) {
    xml.feed(data, n);
    return true;
  });
  xml.finish();
  if (xml.doctype()) {
    throw Error(Location{path, 0, 0},
                _f("the workbook's part '{}' declares a document type, which Excel never writes; it is "
                   "refused (open it in Excel or WPS and save it again)",
                   entry));
  }
  if (!xml.problem().empty()) {
    throw Error(Location{path, 0, 0},
                _f("the workbook is damaged (its part '{}' is not well-formed XML: {}); open it in Excel or WPS "
                   "and save it again",
                   entry, xml.problem()));
  }
  return true;
}

// ---- the parts of a workbook -----------------------------------------------------------

// Relationships (_rels/*.rels): Id to Type and Target.
struct Relationship {
  std::string id, type, target;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void start(std::string_view name, const char** atts) override {
    if (name != "Relationship") return;
    Relationship r;
    if (const auto* v = attribute(atts, "Id")) r.id = v;
    if (const auto* v = attribute(atts, "Type")) r.type = v;
    if (const auto* v = attribute(atts, "Target")) r.target = v;
    rels.push_back(std::move(r));
  }
  void end(std::string_view) override {}
  void text(const char*, std::size_t) override {}
  void reset() override { rels.clear(); }
};

struct SheetEntry {
  std::string name, rel;
  bool visible = true;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** atts) override {
    if (name == "workbookPr") {
      const auto* v = attribute(atts, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    }
    if (name != "sheet") return;
    SheetEntry s;
    if (const auto* v = attribute(atts, "name")) s.name = v;
    if (const auto* v = attribute(atts, "id")) s.rel = v;  // r:id
    if (const auto* v = attribute(atts, "state")) s.visible = std::string_view(v) == "visible";
    sheets.push_back(std::move(s));
  }
  void end(std::string_view) override {}
  void text(const char*, std::size_t) override {}
  void reset() override {
    sheets.clear();
    date1904 = false;
  }
};

// The shared strings, kept once in one buffer. The text of a string item is its <t>
// elements, plain or in rich-text runs, without phonetic guides (<rPh>).
class StringsHandler : public XmlHandler {
 public:
  StringsHandler(const std::string& path, std::size_t limit) : path_(path), limit_(limit) {}
  std::string chars;
  std::vector<std::size_t> ends;  // of each string in `chars`
  [[nodiscard]] std::string_view at(std::size_t i) const {
    const std::size_t from = i == 0 ? 0 : ends[i - 1];
    return std::string_view(chars).substr(from, ends[i] - from);
  }
  void start(std::string_view name, const char**) override {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_t_ = true;
  }
  void end(std::string_view name) override {
    if (name == "rPh") --phonetic_;
    if (name == "t") in_t_ = false;
    if (name == "si") ends.push_back(chars.size());
  }
  void text(const char* s, std::size_t n) override {
    if (!in_t_) return;
    if (chars.size() + n > limit_) {
      throw Error(Location{path_, 0, 0},
                  _("the workbook's text takes more than 256 MiB; it is damaged or not a worksheet of data"));
    }
    chars.append(s, n);
  }
  void reset() override {
    chars.clear();
    ends.clear();
    phonetic_ = 0;
    in_t_ = false;
  }

 private:
  const std::string& path_;
  std::size_t limit_;
  int phonetic_ = 0;
  bool in_t_ = false;
};

// What a number format shows a number as.
enum class Shown : std::uint8_t { number, percent, date };

// What a number format's code shows: a date or a time (a y, m, d, h or s outside quoted
// text, [colours and locales] and escaped characters), a percentage (a % there), or a number.
Shown shown_by(std::string_view code) {
  bool percent = false;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is (or is a fill or a space)
    } else if (c == '[') {
      const auto close = code.find(']', i);
      if (close == std::string_view::npos) return percent ? Shown::percent : Shown::number;
      // [h], [mm], [ss]: elapsed time is a time.
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return Shown::date;
      i = close;
    } else if (std::string_view("yYmMdDhHsS").find(c) != std::string_view::npos) {
      return Shown::date;
    } else if (c == '%') {
      percent = true;
    }
  }
  return percent ? Shown::percent : Shown::number;
}

Shown builtin(int id) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return Shown::date;
  }
  return id == 9 || id == 10 ? Shown::percent : Shown::number;
}

// Per cell style (index of <cellXfs>): what it shows a number as.
class StylesHandler : public XmlHandler {
 public:
  std::vector<Shown> shown;
  void start(std::string_view name, const char** atts) override {
    if (name == "numFmt") {
      const auto* id = attribute(atts, "numFmtId");
      const auto* code = attribute(atts, "formatCode");
      int n = 0;
      if (id != nullptr && code != nullptr && std::from_chars(id, id + std::strlen(id), n).ec == std::errc{}) {
        custom_[n] = shown_by(code);
      }
    } else if (name == "cellXfs") {
      in_xfs_ = true;
    } else if (name == "xf" && in_xfs_) {
      const auto* id = attribute(atts, "numFmtId");
      int n = 0;
      if (id != nullptr) (void)std::from_chars(id, id + std::strlen(id), n);
      const auto it = custom_.find(n);
      shown.push_back(it != custom_.end() ? it->second : builtin(n));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_xfs_ = false;
  }
  void text(const char*, std::size_t) override {}
  void reset() override {
    shown.clear();
    custom_.clear();
    in_xfs_ = false;
  }

 private:
  std::unordered_map<int, Shown> custom_;
  bool in_xfs_ = false;
};

constexpr int kMaxRow = 1048576;
constexpr int kMaxColumn = 16384;

// A number as a sheet shows it in a wide General column: an integer as its digits, any other
// with at most 15 significant digits (Excel's precision), never in scientific notation.
std::string number_text(double x) {
  if (x == 0) return "0";
  if (x == std::floor(x) && std::fabs(x) < 1e21) return fmt::format("{:.0f}", x);
  std::string s = fmt::format("{:.15g}", x);
  if (s.find('e') != std::string::npos) {
    const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(x))));
    s = fmt::format("{:.{}f}", x, std::clamp(14 - exponent, 0, 340));
  }
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// Whether a number's text in the sheet is the text number_text would make of it: a plain
// decimal of at most 15 significant digits, without a needless sign, zero or point.
bool shown_as_is(std::string_view v) {
  std::size_t i = v.size() > 0 && v[0] == '-' ? 1 : 0;
  const std::size_t start = i;
  std::size_t significant = 0;
  bool leading = true, point = false;
  for (; i < v.size(); ++i) {
    const char c = v[i];
    if (c == '.') {
      if (point || i == start || i + 1 == v.size()) return false;
      point = true;
    } else if (c >= '0' && c <= '9') {
      if (c == '0' && leading && !point) {
        if (i + 1 < v.size() && v[i + 1] != '.') return false;  // 007, or a lone leading zero
      } else if (c != '0' || !leading) {
        leading = false;
      }
      if (!leading) ++significant;
    } else {
      return false;
    }
  }
  if (i == start || significant > 15) return false;
  if (point && v.back() == '0') return false;  // 2.50 is shown 2.5
  if (leading) return v == "0";                // 0, never -0 or 0.000
  return true;
}

// The date of a serial day number (1900 system: day 1 is 1900-01-01, with Excel's 1900-02-29).
std::string date_text(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3e6) return number_text(serial);
  long days = static_cast<long>(std::floor(serial));
  if (date1904) days += 1462;
  if (days < 61) ++days;  // before Excel's imagined 1900-02-29
  // Days since 1899-12-30 to a civil date (Howard Hinnant's algorithm).
  const long z = days - 25569 + 719468;  // 25569: 1970-01-01
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// The cells of a worksheet, written as CSV as they come.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::string& place, const StringsHandler& strings, const StylesHandler& styles, bool date1904,
               std::size_t limit, std::string& csv, Diagnostics& diag)
      : place_(place), strings_(strings), styles_(styles), date1904_(date1904), limit_(limit), csv_(csv), diag_(diag) {}

  bool dates = false;  ///< a date cell is read as its day (a ledger), not refused

  void start(std::string_view name, const char** atts) override {
    if (name == "row") {
      const auto* r = attribute(atts, "r");
      row_ = r != nullptr ? number_in(r, kMaxRow) : row_ + 1;
      col_ = 0;
    } else if (name == "c") {
      in_cell_ = true;
      value_.clear();
      const auto* r = attribute(atts, "r");
      if (r != nullptr) {
        reference(r);
      } else {
        ++col_;
        if (row_ == 0) row_ = 1;
      }
      if (col_ > kMaxColumn) damaged(_("a cell lies past column XFD"));
      const auto* t = attribute(atts, "t");
      type_ = t != nullptr ? t : "n";
      const auto* s = attribute(atts, "s");
      style_ = s != nullptr ? number_in(s, 1 << 24, true) : 0;
    } else if (in_cell_ && (name == "v" || (name == "t" && in_inline_))) {
      collect_ = true;
    } else if (in_cell_ && name == "is") {
      in_inline_ = true;
    } else if (in_cell_ && name == "rPh") {
      ++phonetic_;
    }
  }

  void end(std::string_view name) override {
    if (name == "c") {
      in_cell_ = false;
      cell();
    } else if (name == "v" || name == "t") {
      collect_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    }
  }

  void text(const char* s, std::size_t n) override {
    if (collect_ && phonetic_ == 0) {
      if (value_.size() + n > limit_) damaged(_("a cell holds more text than a sheet can"));
      value_.append(s, n);
    }
  }

  void reset() override {
    csv_.clear();
    diag_ = Diagnostics{};
    row_ = col_ = 0;
    line_ = 1;
    fields_ = header_fields_ = 0;
    in_cell_ = in_inline_ = collect_ = false;
    phonetic_ = 0;
    type_.clear();
    value_.clear();
    style_ = 0;
  }

 private:
  [[noreturn]] void damaged(const std::string& why) const {
    throw Error(Location{place_, row_ > 0 ? row_ : 0, col_ > 0 ? col_ : 1},
                _f("the worksheet is damaged ({}); open it in Excel or WPS and save it again", why));
  }

  // A row number (1 to the last row), or with `style` a style's index (0 and up).
  int number_in(const char* text, int most, bool style = false) const {
    int n = 0;
    const auto* end = text + std::strlen(text);
    const auto [ptr, ec] = std::from_chars(text, end, n);
    if (ec != std::errc{} || ptr != end || n < (style ? 0 : 1) || n > most) {
      damaged(style ? _f("'{}' is not a style's number", text) : _f("'{}' is not a row's number", text));
    }
    return n;
  }

  // A cell's reference ("D7"): its column and row, which must come after the cell before.
  void reference(const char* r) {
    int col = 0;
    const char* p = r;
    while (*p >= 'A' && *p <= 'Z' && col <= kMaxColumn) col = col * 26 + (*p++ - 'A' + 1);
    if (p == r) damaged(_f("'{}' is not a cell reference", r));
    const int row = number_in(p, kMaxRow);
    const bool backwards = row < row_ || (row == row_ && col <= col_);
    row_ = row;
    col_ = col;
    if (backwards) damaged(_f("cell {} comes after a cell below or right of it", r));
  }

  void cell() {
    std::string owned;
    std::string_view text;
    const std::string_view t = type_;
    if (t == "s") {
      std::size_t i = 0;
      const auto [ptr, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (value_.empty()) return;
      if (ec != std::errc{} || ptr != value_.data() + value_.size() || i >= strings_.ends.size()) {
        damaged(_f("a cell refers to shared string {}, which is not there", value_));
      }
      text = strings_.at(i);
    } else if (t == "inlineStr" || t == "str" || t == "e") {
      text = value_;
    } else if (t == "b") {
      if (value_.empty()) return;
      text = value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    } else if (t == "d") {
      if (value_.empty()) return;
      date(value_.substr(0, 10));
      return;
    } else {
      if (value_.empty()) return;
      const auto s = static_cast<std::size_t>(style_);
      const Shown shown = s < styles_.shown.size() ? styles_.shown[s] : Shown::number;
      // Most numbers are written as a sheet shows them already (12.5, 2024): taken as they are.
      if (shown == Shown::number && shown_as_is(value_)) {
        emit(value_);
        return;
      }
      double x = 0;
      const auto [ptr, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), x);
      if (ec != std::errc{} || ptr != value_.data() + value_.size() || !std::isfinite(x)) {
        damaged(_f("'{}' is not a number", value_));
      }
      if (shown == Shown::date) {
        if (!dates) {
          date(date_text(x, date1904_));
          return;
        }
        owned = date_text(x, date1904_);
        emit(owned);
        return;
      }
      // 0.985 shown as 98.5% is saved as "98.5%" in CSV, and read as such (spec 5).
      owned = shown == Shown::percent ? number_text(x * 100) + "%" : number_text(x);
      text = owned;
    }
    if (text.empty()) return;
    emit(text);
  }

  void date(const std::string& shown) {
    diag_.add(Location{place_, row_, col_},
              _f("this cell holds a date ({}), and dates are read only in a ledger's date column; if it is a "
                 "number or a code, format the cell as Number or Text (文本) in Excel or WPS and type it again",
                 shown));
  }

  // Writes a cell's text as field col_ - 1 of line row_.
  void emit(std::string_view text) {
    if (row_ < line_ || (row_ == line_ && fields_ > 0 && col_ <= fields_)) {
      damaged(_f("cell {} comes after a cell below or right of it", cell_name(row_, col_)));
    }
    if (row_ > line_) {
      finish_line();
      csv_.append(static_cast<std::size_t>(row_ - line_), '\n');
      line_ = row_;
      fields_ = 0;
    }
    const int field = col_ - 1;
    csv_.append(static_cast<std::size_t>(fields_ == 0 ? field : field - fields_ + 1), ',');
    fields_ = field + 1;
    // A line break inside a cell (Alt+Enter) would move every later row to another line of
    // the text: it is read as a space.
    const bool quote =
        text.find_first_of(",\"\r\n") != std::string_view::npos || text.front() == ' ' || text.back() == ' ';
    if (quote) csv_ += '"';
    for (const char c : text) {
      if (c == '"') csv_ += '"';
      csv_ += c == '\n' || c == '\r' ? ' ' : c;
    }
    if (quote) csv_ += '"';
    if (csv_.size() > limit_) {
      throw Error(Location{place_, row_, col_},
                  _("the worksheet holds more than 512 MiB of text; it is damaged or not a worksheet of data (split "
                    "it into smaller workbooks)"));
    }
  }

 public:
  // Ends the line being written: a row whose last cells are empty is as wide as the header
  // (the first row with a value), as a spreadsheet saves it as CSV.
  void finish_line() {
    if (fields_ == 0) return;
    if (header_fields_ == 0) header_fields_ = fields_;
    if (fields_ < header_fields_) csv_.append(static_cast<std::size_t>(header_fields_ - fields_), ',');
  }

 private:
  const std::string& place_;
  const StringsHandler& strings_;
  const StylesHandler& styles_;
  bool date1904_;
  std::size_t limit_;
  std::string& csv_;
  Diagnostics& diag_;
  int row_ = 0, col_ = 0;  // of the current cell
  int line_ = 1;           // the line of the text being written
  int fields_ = 0;         // fields written on it
  int header_fields_ = 0;  // fields of the first line with any
  bool in_cell_ = false, in_inline_ = false, collect_ = false;
  int phonetic_ = 0;
  std::string type_, value_;
  int style_ = 0;
};

// The part a relationship's target names, from the folder of the part it belongs to.
std::string part_of(const std::string& folder, const std::string& target) {
  std::string path = !target.empty() && target.front() == '/' ? target.substr(1) : folder + target;
  // Resolve "./" and "../" (rare, but allowed).
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= path.size()) {
    const auto slash = std::min(path.find('/', from), path.size());
    const std::string piece = path.substr(from, slash - from);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    from = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  return folder_of(part) + "_rels/" + part.substr(folder_of(part).size()) + ".rels";
}

}  // namespace

bool old_excel(std::string_view path) {
  return ends_with_ignoring_case(path, ".xls") || ends_with_ignoring_case(path, ".et");
}

std::string old_excel_message() {
  return _(
      "is an old Excel workbook (.xls), which xingji does not read; open it in Excel or WPS and save it as "
      "Excel 工作簿 (*.xlsx), or as CSV");
}

SheetText read_sheet(const std::string& path, const std::string* bytes, const std::string& sheet,
                     const XlsxLimits& limits) {
  Zip zip(path, bytes, limits.xml_bytes);
  // The workbook part: named by the package's relationships, usually xl/workbook.xml.
  std::string workbook = "xl/workbook.xml";
  {
    RelsHandler rels;
    if (parse_part(zip, path, "_rels/.rels", rels)) {
      for (const auto& r : rels.rels) {
        if (r.type.ends_with("/officeDocument")) workbook = part_of("", r.target);
      }
    }
  }
  WorkbookHandler book;
  if (!parse_part(zip, path, workbook, book)) {
    throw Error(Location{path, 0, 0},
                _("is not an .xlsx workbook (it has no workbook part); save it from Excel or WPS as Excel 工作簿 "
                  "(*.xlsx), or as CSV"));
  }
  RelsHandler rels;
  (void)parse_part(zip, path, rels_of(workbook), rels);
  auto target = [&](const std::string& id) -> std::optional<std::string> {
    for (const auto& r : rels.rels) {
      if (r.id == id) return part_of(folder_of(workbook), r.target);
    }
    return std::nullopt;
  };
  auto typed = [&](std::string_view type) -> std::optional<std::string> {
    for (const auto& r : rels.rels) {
      if (r.type.ends_with(type)) return part_of(folder_of(workbook), r.target);
    }
    return std::nullopt;
  };
  // The sheet: by its name, or the first one shown.
  const SheetEntry* chosen = nullptr;
  for (const auto& s : book.sheets) {
    if (sheet.empty() ? s.visible : s.name == sheet) {
      chosen = &s;
      break;
    }
  }
  if (chosen == nullptr) {
    std::vector<std::string> names;
    for (const auto& s : book.sheets) names.push_back(s.name);
    if (sheet.empty()) throw Error(Location{path, 0, 0}, _("the workbook has no worksheet"));
    throw Error(Location{path, 0, 0},
                _f("the workbook has no sheet '{}' (its sheets: {}); name one after '#', e.g. {}#{}", sheet,
                   fmt::join(names, _(", ")), path, names.empty() ? std::string("Sheet1") : names.front()));
  }
  const auto part = target(chosen->rel);
  if (!part) throw Error(Location{path, 0, 0}, _f("the workbook is damaged (sheet '{}' has no part)", chosen->name));
  StringsHandler strings(path, limits.string_bytes);
  if (const auto p = typed("/sharedStrings")) (void)parse_part(zip, path, *p, strings);
  StylesHandler styles;
  if (const auto p = typed("/styles")) (void)parse_part(zip, path, *p, styles);
  SheetText out;
  out.sheet = chosen->name;
  const std::string place = path + "#" + chosen->name;
  Diagnostics diag;
  SheetHandler cells(place, strings, styles, book.date1904, limits.csv_bytes, out.csv, diag);
  cells.dates = limits.dates;
  if (!parse_part(zip, path, *part, cells)) {
    throw Error(Location{path, 0, 0}, _f("the workbook is damaged (the part of sheet '{}' is missing)", chosen->name));
  }
  cells.finish_line();
  out.csv += '\n';
  diag.throw_if_any();
  return out;
}

}  // namespace xingji::detail
