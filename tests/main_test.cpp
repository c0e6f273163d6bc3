#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv) {
  // The unit tests expect English messages: the language of the messages a test checks is
  // its own choice (--lang, use_language), not the locale of whoever runs it.
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}) ::unsetenv(name);
  ::setenv("LANG", "C.UTF-8", 1);
  // Tables in full, whatever the width of the terminal that runs the tests.
  ::unsetenv("COLUMNS");
  return doctest::Context(argc, argv).run();
}
