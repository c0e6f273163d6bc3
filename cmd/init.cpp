#include "init.hpp"

#include <fmt/format.h>

#include <memory>

#include "base/i18n.hpp"
#include "xingji/starter.hpp"

namespace xingji::cli {

void setup_init(CLI::App& app, std::ostream& out) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("init", _("Write a small, commented starter assessment into DIR"));
  cmd->add_option("DIR", *dir, _("Folder to create or fill (must not hold an assessment yet)"))->required();
  auto people = std::make_shared<bool>(false);
  cmd->add_flag("--people", *people,
                _("Also rate village cadres (村干部星级化): a kind of people linked to their villages, with a points "
                  "ledger"));
  cmd->callback([dir, people, &out] {
    write_starter(*dir, *people);
    out << _f("wrote a starter assessment to {0}; try: xingji score {0}", *dir) << '\n';
  });
}

}  // namespace xingji::cli
