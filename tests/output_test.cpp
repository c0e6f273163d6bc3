#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "helpers.hpp"
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
