#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "common.hpp"
#include "helpers.hpp"
#include "xingji/manifest.hpp"
#include "xingji/output.hpp"

using namespace xingji;
using test::TempDir;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const TempDir& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++n;
  return n;
}
}  // namespace

TEST_CASE("a result file gets every byte: single characters, short pieces and blocks larger than its buffer") {
  TempDir dir;
  const std::string path = dir.file("out.csv");
  dir.write("out.csv", "the old file\n");
  std::string expected;
  {
    AtomicFile file(path);
    std::ostream& os = file.stream();
    // Single characters past the buffer's end, more than once.
    for (std::size_t i = 0; i < 200000; ++i) {
      os.put(static_cast<char>('a' + i % 26));
      expected += static_cast<char>('a' + i % 26);
    }
    // Over 20 MB in all, so writing to disk starts before the end, with pieces of every size
    // around the buffer's: a byte, a line, a block of 64 KiB and more.
    for (std::size_t i = 0; expected.size() < (std::size_t{20} << 20); ++i) {
      std::string piece;
      switch (i % 5) {
        case 0:
          piece = std::string(1, static_cast<char>('a' + i % 26));
          break;
        case 1:
          piece = "line " + std::to_string(i) + "\n";
          break;
        case 2:
          piece = std::string((std::size_t{64} << 10) - 1 + i % 3, static_cast<char>('A' + i % 26));
          break;
        case 3:
          piece = std::string(std::size_t{300} << 10, static_cast<char>('0' + i % 10));
          break;
        default:
          piece = "村" + std::to_string(i);
          break;
      }
      if (piece.size() == 1) {
        os.put(piece[0]);
      } else {
        os << piece;
      }
      expected += piece;
    }
    CHECK(read(path) == "the old file\n");  // untouched until the commit
    file.commit();
  }
  CHECK(read(path) == expected);
  CHECK(entries(dir) == 1);  // no temporary file left
}

TEST_CASE("a result file that is not committed leaves the old file and no temporary file") {
  TempDir dir;
  const std::string path = dir.file("out.csv");
  dir.write("out.csv", "the old file\n");
  {
    AtomicFile file(path);
    file.stream() << std::string(std::size_t{3} << 20, 'x');
  }
  CHECK(read(path) == "the old file\n");
  CHECK(entries(dir) == 1);
}

TEST_CASE("a result file in a folder that does not exist is an error naming the file") {
  TempDir dir;
  const std::string path = dir.file("no/such/folder/out.csv");
  try {
    AtomicFile file(path);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find(path) != std::string::npos);
    CHECK(std::string(e.what()).find("cannot write here") != std::string::npos);
  }
}

// ---- issue 26: nothing lost ------------------------------------------------------------

namespace {

// The message check_output_path gives `path` (as the user would type it, from the
// assessment's folder), "" when it lets the output be written there.
std::string refusal(const Assessment& a, const std::string& path) {
  try {
    check_output_path(a, path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// The message an AtomicFile at `path` gives, "" when it can be written and committed.
std::string write_failure(const std::string& path, std::size_t bytes) {
  try {
    AtomicFile file(path);
    file.stream() << std::string(bytes, 'x');
    file.commit();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("issue 26: -o refuses the assessment's own files and what a data pattern would read") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,1\n"));
  dir.write("data/2023.csv", "id,year,a\nv1,2023,1\n");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: [data.csv, data/*.csv]\n");
  const Assessment a = load_assessment(dir.path());
  const std::string d = dir.path() + "/";
  CHECK(refusal(a, d + "xingji.yaml").find("names this assessment's manifest") != std::string::npos);
  CHECK(refusal(a, d + "villages.yaml").find("names the village roster of this assessment") != std::string::npos);
  CHECK(refusal(a, d + "scheme.yaml").find("names the village scheme of this assessment") != std::string::npos);
  CHECK(refusal(a, d + "data.csv")
            .find("names a data file of this assessment; writing the output there would "
                  "replace the data. Write the output outside the data folder") != std::string::npos);
  // Inside the data folder, an existing file or one the pattern reads next time.
  CHECK(refusal(a, d + "data/2023.csv").find("read through 'data/*.csv'") != std::string::npos);
  CHECK(refusal(a, d + "data/result.csv")
            .find("names a file that the manifest's data entry 'data/*.csv' would read as data on the next run") !=
        std::string::npos);
  // Through `..` and through links.
  CHECK(refusal(a, d + "data/../data/./2023.csv").find("names a data file") != std::string::npos);
  std::filesystem::create_directory_symlink(d + "data", d + "linked");
  CHECK(refusal(a, d + "linked/result.csv").find("would read as data") != std::string::npos);
  std::filesystem::create_symlink(d + "data.csv", d + "alias.csv");
  CHECK(refusal(a, d + "alias.csv").find("names a data file") != std::string::npos);
  std::filesystem::create_hard_link(d + "villages.yaml", d + "copy.yaml");
  CHECK(refusal(a, d + "copy.yaml").find("names the village roster") != std::string::npos);
  // The message suggests a place outside the data, and that place is allowed.
  CHECK(refusal(a, d + "data/result.csv").find("e.g. -o " + d + "result.csv") != std::string::npos);
  CHECK(refusal(a, d + "result.csv").empty());
  // What no pattern reads is free: another extension in the data folder, a hidden file.
  CHECK(refusal(a, d + "data/result.md").empty());
  CHECK(refusal(a, d + "data/.result.csv").empty());
}

TEST_CASE("-o refuses a corrections file and what a corrections pattern would read") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,1\n"));
  dir.write("fix/2024.csv", "id,year,a\nv1,2024,2\n");
  dir.write("late.csv", "id,year,a\nv1,2023,1\n");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
            "corrections: [fix/*.csv, late.csv]\n");
  const Assessment a = load_assessment(dir.path());
  REQUIRE(a.correction_files.size() == 2);
  const std::string d = dir.path() + "/";
  CHECK(refusal(a, d + "fix/2024.csv").find("names a corrections file of this assessment") != std::string::npos);
  CHECK(refusal(a, d + "late.csv").find("names a corrections file of this assessment") != std::string::npos);
  CHECK(refusal(a, d + "fix/result.csv")
            .find("the manifest's corrections entry 'fix/*.csv' would read as corrections on the next run. Write the "
                  "output outside the data folder, e.g. -o " +
                  d + "result.csv") != std::string::npos);
  CHECK(refusal(a, d + "fix/result.md").empty());
}

TEST_CASE("-o refuses a ledger file and what a ledgers pattern would read") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 50}, {id: s, weight: 50, ledger: {per: 1}}]\n",
                                "id,year,a\nv1,2024,1\n"));
  dir.write("ledger/2024.csv", "id,date,item\nv1,2024-03-01,s\n");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
            "ledgers: [ledger/*.csv]\n");
  const Assessment a = load_assessment(dir.path());
  REQUIRE(a.ledger_files.size() == 1);
  const std::string d = dir.path() + "/";
  CHECK(refusal(a, d + "ledger/2024.csv").find("names a ledger file of this assessment") != std::string::npos);
  CHECK(refusal(a, d + "ledger/standings.csv")
            .find("the manifest's ledgers entry 'ledger/*.csv' would read as a ledger on the next run. Write the "
                  "output outside the data folder, e.g. -o " +
                  d + "standings.csv") != std::string::npos);
  CHECK(refusal(a, d + "ledger/standings.md").empty());
}

TEST_CASE("-o refuses a workbook read with its sheet named, and what a workbook pattern would read") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,1\n"));
  dir.write("books/2024.xlsx", "not read here");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: data.csv\n"
            "corrections: [books/*.xlsx#更正]\n");
  const Assessment a = load_assessment(dir.path());
  REQUIRE(a.correction_files == std::vector<std::string>{dir.path() + "/books/2024.xlsx#更正"});
  const std::string d = dir.path() + "/";
  CHECK(refusal(a, d + "books/2024.xlsx").find("names a corrections file") != std::string::npos);
  CHECK(refusal(a, d + "books/2025.xlsx").find("corrections entry 'books/*.xlsx#更正' would read") !=
        std::string::npos);
  CHECK(refusal(a, d + "books/2025.csv").empty());
}

TEST_CASE("issue 26: a pattern with a wildcard folder guards every folder it lists, through links both ways") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,1\n"));
  dir.write("years/2023/a.csv", "id,year,a\nv1,2023,1\n");
  dir.write("elsewhere/keep.txt", "x");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: [data.csv, years/*/*.csv]\n");
  // years/2024 is a link to a folder outside the assessment: glob reads through it.
  const std::string d = dir.path() + "/";
  std::filesystem::create_directory_symlink(d + "elsewhere", d + "years/2024");
  const Assessment a = load_assessment(dir.path());
  CHECK(refusal(a, d + "years/2023/result.csv").find("'years/*/*.csv' would read as data") != std::string::npos);
  CHECK(refusal(a, d + "years/2024/result.csv").find("'years/*/*.csv' would read as data") != std::string::npos);
  // The same folder by its own name: the pattern reaches it through the link.
  CHECK(refusal(a, d + "elsewhere/result.csv").find("'years/*/*.csv' would read as data") != std::string::npos);
  CHECK(refusal(a, d + "elsewhere/result.md").empty());
  CHECK(refusal(a, d + "years/result.csv").empty());
  // A link named like data that points outside: writing replaces the link with a file that
  // the pattern reads, so it is refused too; so is a link outside that points at the data.
  std::filesystem::create_symlink(d + "out.csv", d + "years/2023/link.csv");
  CHECK(refusal(a, d + "years/2023/link.csv").find("would read as data") != std::string::npos);
  std::filesystem::create_symlink(d + "years/2023/a.csv", d + "alias.csv");
  CHECK(refusal(a, d + "alias.csv").find("names a data file") != std::string::npos);
}

TEST_CASE("issue 26: a missing folder, a folder given as the file and a read-only folder each say so") {
  TempDir dir;
  CHECK(write_failure(dir.file("no/such/out.csv"), 10)
            .find("the folder '" + dir.file("no/such") + "' does not exist; create it first") != std::string::npos);
  CHECK(write_failure(dir.path(), 10).find("this is a folder, not a file") != std::string::npos);
  dir.write("ro/keep.txt", "x");
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const std::string read_only = write_failure(dir.file("ro/out.csv"), 10);
  std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_all);
  if (::geteuid() != 0) {  // root writes into a read-only folder regardless of its mode
    CHECK(read_only.find("is not writable") != std::string::npos);
  }
}

TEST_CASE("issue 26: a file registered for a signal handler is removed by it, a committed one is not") {
  TempDir dir;
  dir.write("out.csv", "the old file\n");
  {
    AtomicFile file(dir.file("out.csv"));
    file.stream() << "new";
    file.stream().flush();
    CHECK(entries(dir) == 2);  // the temporary file beside the old one
    CHECK(remove_unfinished_files() == 1);
    CHECK(entries(dir) == 1);
  }
  CHECK(read(dir.file("out.csv")) == "the old file\n");
  write_file_atomically(dir.file("out.csv"), "new\n");
  CHECK(remove_unfinished_files() == 0);
  CHECK(read(dir.file("out.csv")) == "new\n");
}

TEST_CASE("a batch of files lands whole: every file in place with its bytes, no temporary file left") {
  TempDir dir;
  write_file_atomically(dir.file("n0.html"), "old");
  {
    FileBatch batch;
    for (int i = 0; i < 130; ++i) batch.add(dir.file(fmt::format("n{}.html", i))) << "notice " << i;  // three syncs
    batch.commit();
  }
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    CHECK(e.path().filename().string().find(".xingji-") == std::string::npos);
    ++files;
  }
  CHECK(files == 130);
  CHECK(read(dir.file("n0.html")) == "notice 0");
  CHECK(read(dir.file("n129.html")) == "notice 129");
  // Not committed (an error on the way): the files not yet renamed stay as they were.
  {
    FileBatch batch;
    batch.add(dir.file("n0.html")) << "new";
  }
  CHECK(read(dir.file("n0.html")) == "notice 0");
}

TEST_CASE("a folder of outputs is refused before it is made, and the message suggests another folder") {
  TempDir dir;
  dir.write(test::villages_only(1, "indicators: [{id: a, weight: 100}]\n", "id,year,a\nv1,2024,1\n"));
  dir.write("data/2024.csv", "id,year,a\nv1,2024,1\n");
  dir.write("xingji.yaml",
            "name: 测试\nvillages: villages.yaml\nschemes: {village: scheme.yaml}\ndata: [data/*.csv, data/*/*.csv]\n");
  const Assessment a = load_assessment(dir.path());
  const std::string d = dir.path() + "/";
  const std::string not_a_folder = "no folder";
  // What make_output_folder says of the folder `folder` holding files `names`, "" when it made it.
  auto refused = [&](const std::string& folder, const std::vector<std::string>& names) -> std::string {
    std::vector<std::string> paths;
    for (const auto& n : names) paths.push_back(folder + "/" + n);
    try {
      cli::make_output_folder(a, folder, paths, not_a_folder);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  // The data folder itself: refused, the message suggesting a folder beside it.
  CHECK(refused(d + "data", {"a.md", "b.csv"})
            .find("would read as data on the next run. Write the output outside "
                  "the data folder, e.g. -o " +
                  d + "data-out") != std::string::npos);
  CHECK(std::filesystem::exists(d + "data/2024.csv"));
  // A new folder in it that data/*/*.csv would read (only once it exists): refused, and not
  // left behind, nor its missing parent; with its files' names, the same folder is fine.
  CHECK(refused(d + "data/new", {"x.csv"}).find("data entry 'data/*/*.csv' would read") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(d + "data/new"));
  CHECK(refused(d + "data/new/deeper", {"x.csv"}).empty());  // data/new/deeper/x.csv is read by neither
  CHECK(std::filesystem::is_directory(d + "data/new/deeper"));
  CHECK(refused(d + "out/notices", {"x.csv"}).empty());
  CHECK(std::filesystem::is_directory(d + "out/notices"));
  // An existing folder that is refused stays, with what it held.
  dir.write("data/old/keep.txt", "x");
  CHECK_FALSE(refused(d + "data/old", {"x.csv"}).empty());
  CHECK(std::filesystem::exists(d + "data/old/keep.txt"));
  // A file where the folder should be.
  CHECK(refused(d + "villages.yaml", {"x.csv"}).find(not_a_folder) != std::string::npos);
}

TEST_CASE("a folder of outputs gives every value a file of its own") {
  using cli::distinct_file_names;
  CHECK(distinct_file_names({"c1", "c2"}, ".html", {"index.html"}) == std::vector<std::string>{"c1.html", "c2.html"});
  // An id "index" does not take the index's place; ids that make one file name, or differ
  // only in case (one file where case is ignored), get one each.
  CHECK(distinct_file_names({"index", "Index", "a/b", "a_b", "a_b-2"}, ".md", {"index.md"}) ==
        std::vector<std::string>{"index-2.md", "Index-3.md", "a_b.md", "a_b-2.md", "a_b-2-2.md"});
  CHECK(distinct_file_names({"", ".", "甲镇"}, ".csv") == std::vector<std::string>{"_.csv", "_-2.csv", "甲镇.csv"});
}
