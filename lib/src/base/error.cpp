#include "xingji/error.hpp"

#include <utility>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/i18n.hpp"

namespace xingji {

namespace detail {

bool is_workbook(std::string_view path) { return ends_with_ignoring_case(split_sheet(path).first, ".xlsx"); }

std::pair<std::string, std::string> split_sheet(std::string_view path) {
  const auto hash = path.rfind('#');
  if (hash != std::string_view::npos && ends_with_ignoring_case(path.substr(0, hash), ".xlsx")) {
    return {std::string(path.substr(0, hash)), std::string(path.substr(hash + 1))};
  }
  return {std::string(path), std::string()};
}

std::string cell_name(int row, int column) {
  std::string letters;
  for (int c = column; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return fmt::format("{}{}", letters, row);
}

}  // namespace detail

std::string Location::str() const {
  // A cell of a workbook's sheet ("data/平桥镇.xlsx#2024", line 7, column 4) is 平桥镇.xlsx:2024!D7.
  if (const auto [workbook, sheet] = detail::split_sheet(file); !sheet.empty()) {
    if (line <= 0) return fmt::format("{}:{}", workbook, sheet);
    return fmt::format("{}:{}!{}", workbook, sheet, detail::cell_name(line, column > 0 ? column : 1));
  }
  if (line <= 0) return file;
  return fmt::format("{}:{}:{}", file, line, column > 0 ? column : 1);
}

std::string Diagnostic::str() const {
  // TRANSLATORS: FILE:LINE:COLUMN: SEVERITY: MESSAGE, where SEVERITY is error, warning or note
  // as translated. Keep the place first, as compilers and editors read it.
  const std::string what = severity == Severity::error     ? _("error")
                           : severity == Severity::warning ? _("warning")
                                                           : _("note");
  // TRANSLATORS: PLACE: SEVERITY: MESSAGE, where PLACE is FILE, FILE:LINE:COLUMN or FILE:SHEET!CELL.
  return _f("{}: {}: {}", where.str(), what, message);
}

namespace {
std::string join(const std::vector<Diagnostic>& items) {
  std::string out;
  for (const auto& d : items) {
    if (!out.empty()) out += '\n';
    out += d.str();
  }
  return out;
}
}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

Error::Error(Location where, std::string message)
    : Error(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(message)}}) {}

void Diagnostics::add(Location where, std::string message) { add(Diagnostic{std::move(where), std::move(message)}); }

void Diagnostics::add(Diagnostic diagnostic) {
  if (items_.size() >= limit) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::append(const Error& error) {
  for (const auto& d : error.diagnostics()) add(d);
}

Error as_errors(std::vector<Diagnostic> warnings) {
  for (auto& d : warnings) d.severity = Severity::error;
  return Error(std::move(warnings));
}

void Diagnostics::absorb(Diagnostics&& other) {
  for (auto& d : other.items_) add(std::move(d));
  dropped_ += other.dropped_;
  other.items_.clear();
  other.dropped_ = 0;
}

void Diagnostics::throw_if_any() {
  if (items_.empty()) return;
  std::vector<Diagnostic> items;
  items.swap(items_);
  if (dropped_ > 0) {
    // The place of the last shown problem stands for the rest, which are usually alike.
    items.push_back(
        Diagnostic{Location{items.back().where.file, 0, 0}, _f("... and {} more problems like those above", dropped_)});
    dropped_ = 0;
  }
  throw Error(std::move(items));
}

}  // namespace xingji
