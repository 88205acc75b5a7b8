// Command-line mistakes in the user's words: CLI11's own messages ("The following argument was
// not expected: --foo", "--limits: 1 required TEXT missing") name its internals, not what was
// typed wrong, and do not say which command's help to read.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/commands.h"

namespace rootpol::cli {
namespace {

// The innermost subcommand given ("key" in `catalog key`), or the app; `path` gets their
// names, outermost first ("catalog key"; "" for none).
const CLI::App* innermost(const CLI::App& app, std::string& path) {
  const CLI::App* at = &app;
  for (;;) {
    auto used = at->get_subcommands();
    if (used.empty()) return at;
    at = used.front();
    path += (path.empty() ? "" : " ") + at->get_name();
  }
}

// The text after "NAME: " in a CLI11 message, and NAME.
std::pair<std::string, std::string> splitName(const std::string& what) {
  std::size_t colon = what.find(": ");
  if (colon == std::string::npos) return {"", what};
  return {what.substr(0, colon), what.substr(colon + 2)};
}

std::string describeExtras(const std::string& what, const std::string& command) {
  // CLI11 lists the unexpected arguments last first; the first one typed is what to fix.
  std::istringstream words(splitName(what).second);
  std::vector<std::string> args;
  for (std::string word; words >> word;) args.push_back(word);
  std::string first = args.empty() ? std::string() : args.back();
  std::string where = command.empty() ? std::string() : fmt::format(" for '{}'", command);
  if (!first.empty() && first[0] == '-') return fmt::format("unknown option '{}'{}", first, where);
  if (command.empty()) return fmt::format("unknown command '{}'", first);
  return fmt::format("unexpected argument '{}'{}", first, where);
}

std::string describeRequired(const std::string& what, const std::string& command) {
  std::string name = what.substr(0, what.rfind(" is required"));
  if (name == "A subcommand") return "a command is required";
  if (name == "inputs" || name == "paths")
    return fmt::format("'{}' needs at least one file or directory (or `-` for standard input)", command);
  if (name.rfind('-', 0) == 0) return fmt::format("'{}' needs the option '{}'", command, name);
  return fmt::format("'{}' needs the argument '{}'", command, name);
}

// "(expected human|json|sarif|github)" for an option with a list of values, and the value
// typed when CLI11 kept it.
std::string describeValue(const CLI::App& at, const std::string& name, const std::string& rest) {
  const CLI::Option* option = at.get_option_no_throw(name);
  if (option == nullptr || option->get_option_text().empty()) return fmt::format("invalid value for '{}': {}", name, rest);
  const std::vector<std::string>& typed = option->results();
  std::string value = typed.empty() ? std::string() : fmt::format(" '{}'", typed.back());
  return fmt::format("invalid value{} for '{}' (expected {})", value, name, option->get_option_text());
}

std::string describe(const CLI::ParseError& e, const CLI::App& at, const std::string& command) {
  const std::string what = e.what();
  // CLI11 checks required options before it complains about unknown ones; the unknown one is
  // the likelier mistake (a misspelt `--out` is both).
  std::vector<std::string> extras = at.remaining();
  if (!extras.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr)
    return describeExtras("extras: " + extras.front(), command);
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) return describeExtras(what, command);
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) return describeRequired(what, command);
  auto [name, rest] = splitName(what);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && !name.empty())
    return fmt::format("option '{}' needs a value", name);
  if ((dynamic_cast<const CLI::ValidationError*>(&e) != nullptr ||
       dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) &&
      !name.empty())
    return describeValue(at, name, rest);
  return what;
}

}  // namespace

int reportUsageError(const CLI::App& app, const CLI::ParseError& e) {
  std::string command;
  const CLI::App* at = innermost(app, command);
  const std::string help = command.empty() ? "rootpol --help" : "rootpol " + command + " --help";
  std::cerr << fmt::format("rootpol: {} (see '{}')\n", describe(e, *at, command), help);
  return kExitToolFailure;
}

}  // namespace rootpol::cli
