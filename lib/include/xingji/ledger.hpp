#pragma once
/// Points ledgers (积分制, spec 6): dated events read from the manifest's `ledgers:` files, the
/// caps per month, quarter and year that turn an item's events into its value, and the
/// standings to a date (积分公示).

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xingji/data.hpp"
#include "xingji/model.hpp"
#include "xingji/output.hpp"
#include "xingji/rounding.hpp"
#include "xingji/views.hpp"

namespace xingji {

/// A day of the calendar.
struct Date {
  int year = 0, month = 0, day = 0;

  /// 2024-03-18.
  [[nodiscard]] std::string str() const;
  /// The quarter, 1 to 4.
  [[nodiscard]] int quarter() const { return (month - 1) / 3 + 1; }
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// A date as a ledger writes it: 2024-03-18 (also 2024/3/18, as a spreadsheet may save it);
/// nullopt when it is not a day of the calendar.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

/// One event of a ledger, as read (its texts valid only during the call that passes it).
struct LedgerRow {
  UnitRef unit;
  int item = -1;  ///< index into the unit's scheme's items
  Date date;
  double count = 1;
  std::string_view note;
  const std::string* file = nullptr;
  int line = 0;
};

/// The same, kept.
struct LedgerEvent {
  UnitRef unit;
  int item = -1;
  Date date;
  double count = 1;
  std::string note;
  Location where;
};

/// Reads every event of the assessment's ledger files in file order, passing each to `each`.
/// An unknown unit, a unit whose kind is not rated, an unknown item or one without `ledger`,
/// a bad date and a count that is not a number >= 0 are errors at their row; every one is
/// reported in the Error thrown after the files are read (whatever was passed on before is
/// then to be dropped).
void read_ledgers(const Assessment& assessment, const std::function<void(const LedgerRow&)>& each);

/// Events a batch at a time (of one file, in file order).
using LedgerBatches = std::function<void(std::span<const LedgerRow>)>;

/// The same as read_ledgers, a batch of events at a time, for callers that look something up
/// per event and gain from overlapping those lookups. With `start_over`, a large CSV file
/// may be read as two halves on two cores, `each` called from both at once (and the lines of
/// the second half's rows are not known): for callers that only add up, in any order. If
/// the halves must be given up after events were passed on (a quoted field spanning the cut
/// between them), `start_over` is called, to forget every event passed on so far, and every
/// file is read again on one core.
void read_ledger_batches(const Assessment& assessment, const LedgerBatches& each,
                         const std::function<void()>& start_over = {});

/// The events of one unit (all of them, or those of `year`), in date order (file order within
/// a day).
[[nodiscard]] std::vector<LedgerEvent> unit_events(const Assessment& assessment, UnitRef unit,
                                                   std::optional<int> year = std::nullopt);

/// Warnings for the ledger events dated after `today`, at their rows: most likely a mistyped
/// year (2042 for 2024), which would count in a year nobody rates and, without --until, date
/// the standings. At most 10, then one saying how many more.
[[nodiscard]] std::vector<Diagnostic> future_events(const Assessment& assessment, Date today);

/// The events of many units, read in one pass over the ledgers: for callers that look at the
/// events of many units (a notice per member), where unit_events for each would read every
/// ledger file once per unit. Keeps only the events of the units asked for.
class UnitEvents {
 public:
  /// The events of `units` (all of them, or those of `year`), each unit's as unit_events
  /// gives them.
  UnitEvents(const Assessment& assessment, std::span<const UnitRef> units, std::optional<int> year = std::nullopt);

  /// The events of `unit`: empty for a unit without events or one not asked for.
  [[nodiscard]] const std::vector<LedgerEvent>& of(UnitRef unit) const;

 private:
  std::vector<std::vector<int>> slot_;  // per kind, per unit: index into events_, or -1
  std::vector<std::vector<LedgerEvent>> events_;
};

/// What the caps make of one item's events in one year: each month's sum of count × per,
/// what the month cap keeps of it, the quarters' sums of what the months kept and what the
/// quarter cap keeps, and the year's sum and value after the year cap.
struct LedgerTrace {
  std::array<double, 12> months{};
  std::array<double, 12> months_kept{};
  std::array<double, 4> quarters{};
  std::array<double, 4> quarters_kept{};
  double year = 0;
  double value = 0;
};

/// The caps of `rule` applied to the sums of count × per of each month.
[[nodiscard]] LedgerTrace cap_ledger(const LedgerRule& rule, const std::array<double, 12>& months);

/// Sets every ledger item's value in `data` (each year that has data), from the ledgers:
/// 0 for a unit without events. Events are summed as they are read, never kept.
void fill_ledgers(const Assessment& assessment, DataSet& data);

/// One unit's line of the standings.
struct LedgerStanding {
  int unit = -1;
  std::vector<double> points;  ///< per ledger item (LedgerStandings::items): + for points, - for deductions
  double total = 0;
  Rounded shown;  ///< the total rounded as scores are
  int rank = 0;
};

/// 积分公示: the points each ledger item gives each unit of a kind from 1 January to `until`
/// (each period's full cap, a period not yet over keeping its whole cap), in rank order.
struct LedgerStandings {
  UnitKind kind = UnitKind::village;
  Date until;
  std::vector<int> items;  ///< the scheme's items that take a ledger, in scheme order
  std::vector<LedgerStanding> units;
};

/// The standings of a kind to `until` (default: the day of the last event of any unit of
/// the kind). Throws Error when the kind has no ledger item.
[[nodiscard]] LedgerStandings ledger_standings(const Assessment& assessment, UnitKind kind,
                                               std::optional<Date> until = std::nullopt);

/// One event in the standings: the points it gives (count × per) and what each cap took from
/// it. Within a period the events are kept in date order (file order within a day), the first
/// ones whole, until the period's cap is reached: so the cuts add up to what the caps take
/// from the period sums. Amounts carry the item's sign (negative for a `deduct` leaf or a
/// deduction): kept = points − month_cut − quarter_cut − year_cut − item_cut.
struct LedgerEntry {
  LedgerEvent event;
  double points = 0;
  double month_cut = 0;
  double quarter_cut = 0;
  double year_cut = 0;
  double item_cut = 0;  ///< by the item's own cap: a leaf's weight, an adjustment's `cap`
  double kept = 0;
};

/// Each of a unit's events (in date order, as unit_events gives them) as the standings count
/// it, from its scheme's rules.
[[nodiscard]] std::vector<LedgerEntry> ledger_entries(const Scheme& scheme, const std::vector<LedgerEvent>& events);

/// What the caps make of the events of one item (of `events`, one unit's in one year).
[[nodiscard]] LedgerTrace ledger_trace(const Scheme& scheme, int item, const std::vector<LedgerEvent>& events);

/// One ledger item in a unit's account.
struct LedgerItemAccount {
  int item = -1;      ///< index into the scheme's items
  LedgerTrace trace;  ///< the sums the caps see (unsigned)
  double points = 0;  ///< as in the standings: ledger_points of the trace's value
};

/// One unit's account to a date (积分明细): every event of the year of `until` up to it, with
/// what each cap took away, its ledger items' points, and its line of the standings.
struct LedgerAccount {
  UnitRef unit;
  Date until;
  std::vector<LedgerItemAccount> items;  ///< the scheme's ledger items, in scheme order
  std::vector<LedgerEntry> entries;      ///< in date order
  double total = 0;
  Rounded shown;          ///< the total rounded as scores are
  int rank = 0;           ///< among the units of its kind, as in the standings
  std::size_t units = 0;  ///< how many units the standings rank
};

/// The account of `unit` to `until` (default: as ledger_standings, the last event of its
/// kind). Throws Error as ledger_standings does.
[[nodiscard]] LedgerAccount ledger_account(const Assessment& assessment, UnitRef unit,
                                           std::optional<Date> until = std::nullopt);

/// The ledger rule of a scheme item (a leaf's or an adjustment's), or nullptr.
[[nodiscard]] const LedgerRule* ledger_rule(const Scheme& scheme, int item);

/// The points a ledger item's value gives in the standings: a leaf's min(weight, value)
/// (negative with `deduct`), an adjustment's min(cap, value) (negative for a deduction).
[[nodiscard]] double ledger_points(const Scheme& scheme, int item, double value);

// `xingji ledger` (积分公示) in every format. Tables are fitted to `width` as render_scores
// says; points are shown rounded to the assessment's precision.

/// The standings: for people a table in rank order (or, with `by` a roster field of the kind,
/// a table per group, ranked within it), for programs a row per unit (CSV) or spec 6's JSON
/// (with `by`, each unit also has its `group`, ranked within it). Throws Error when the kind
/// has no such field.
void render_ledger(const Assessment& a, const LedgerStandings& standings, const std::string& by, Format format,
                   std::ostream& out, std::size_t width = 0);
[[nodiscard]] std::string render_ledger(const Assessment& a, const LedgerStandings& standings, const std::string& by,
                                        Format format, std::size_t width = 0);
/// The standings as a workbook: one sheet, the group (by its name) in a column with `by`.
void write_ledger_xlsx(const Assessment& a, const LedgerStandings& standings, const std::string& by, AtomicFile& file);

/// One unit's account: its events with what each cap took away, then its items' points, its
/// total and rank; CSV a row per event, JSON `{"until", "id", "name", "total", "rank",
/// "items": [...], "events": [...]}`.
void render_ledger_account(const Assessment& a, const LedgerAccount& account, Format format, std::ostream& out,
                           std::size_t width = 0);
[[nodiscard]] std::string render_ledger_account(const Assessment& a, const LedgerAccount& account, Format format,
                                                std::size_t width = 0);
/// The account as a workbook: a sheet of events and one of items.
void write_ledger_account_xlsx(const Assessment& a, const LedgerAccount& account, AtomicFile& file);

}  // namespace xingji
