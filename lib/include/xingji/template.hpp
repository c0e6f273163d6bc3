#pragma once
/// Data-entry templates (填报模板, spec 8): the sheet a county sends each township to fill,
/// made from the assessment itself, in CSV or as an `.xlsx` workbook. Filled in and read back
/// as data, it gives the same values as the same values typed into CSV.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "xingji/model.hpp"
#include "xingji/output.hpp"

namespace xingji {

/// What a template is for.
struct TemplateOptions {
  UnitKind kind = UnitKind::village;
  int year = 0;
  int quarter = 0;  ///< 1..4: the quarter's values of quarterly items; 0: the year's items
  std::string by;   ///< a roster field (township): one file per value
};

/// One file of a template: the units of one group (all units when not grouped), in roster order.
struct TemplateFile {
  std::string group;  ///< the field's value ("" when not grouped, or for units without one)
  std::vector<int> units;
};

/// The files a template is written as: one, or one per value of `options.by` in roster
/// order. Throws Error for a kind that is not rated or a field its units do not have.
[[nodiscard]] std::vector<TemplateFile> template_files(const Assessment& a, const TemplateOptions& options);

/// Writes a template file as CSV (UTF-8 with a byte-order mark, for Excel).
void write_template_csv(const Assessment& a, const TemplateOptions& options, const TemplateFile& file,
                        std::ostream& out);

/// Writes a template file as an `.xlsx` workbook into `out`'s temporary file (the caller
/// commits it): the data sheet (ids as text,
/// each item's unit and rule as a note on its header, allowed values as data validation, a
/// frozen header) and a sheet 填表说明 with every item's rule. The same assessment and options
/// give the same bytes. Throws Error when it cannot be written.
void write_template_xlsx(const Assessment& a, const TemplateOptions& options, const TemplateFile& file,
                         AtomicFile& out);

}  // namespace xingji
