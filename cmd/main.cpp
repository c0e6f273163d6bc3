#include <csignal>
#include <iostream>

#include "app.hpp"
#include "xingji/output.hpp"

namespace {

// A run stopped by Ctrl-C, `kill`, a closed terminal or the file size limit removes the
// temporary file it was writing (an existing output stays as it was), then ends by the same
// signal, so that whoever started it sees what stopped it.
extern "C" void stop(int sig) {
  xingji::remove_unfinished_files();
  // The default action, taken once this handler returns (the signal is held while it runs).
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  std::raise(sig);
}

void clean_up_on_signals() {
  const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
  // While one stop signal is handled the others wait, so the files are removed once.
  sigset_t all;
  sigemptyset(&all);
  for (const int sig : signals) sigaddset(&all, sig);
  for (const int sig : signals) {
    struct sigaction old {};
    // A signal the caller ignores (nohup, a background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction act {};
    act.sa_handler = stop;
    act.sa_mask = all;
    ::sigaction(sig, &act, nullptr);
  }
}

}  // namespace

int main(int argc, char** argv) {
  clean_up_on_signals();
  return xingji::cli::run(argc, argv, std::cout, std::cerr);
}
