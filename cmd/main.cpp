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
  std::raise(sig);  // the default action, restored on entry (SA_RESETHAND)
}

void clean_up_on_signals() {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ}) {
    struct sigaction old {};
    // A signal the caller ignores (nohup, a background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction act {};
    act.sa_handler = stop;
    act.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&act.sa_mask);
    ::sigaction(sig, &act, nullptr);
  }
}

}  // namespace

int main(int argc, char** argv) {
  clean_up_on_signals();
  return xingji::cli::run(argc, argv, std::cout, std::cerr);
}
