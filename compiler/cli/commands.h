#pragma once

#include <string>

#include "driver/options.h"

namespace CLI {
class App;
}

namespace rootpol::cli {

// Exit statuses: 0 clean (warnings allowed), 1 errors in the input, 2 usage or tool failure.
enum ExitCode : int { kExitOk = 0, kExitInputErrors = 1, kExitToolFailure = 2 };

enum class DiagnosticFormat { Human, Json };

struct CommonFlags {
  driver::Options options;
  std::string color = "auto";  // auto | always | never
  DiagnosticFormat format = DiagnosticFormat::Human;
};

int runCheck(const CommonFlags& flags);
int runCompile(const CommonFlags& flags, const std::string& outDir);

// `rootpol catalog services|actions|key|action` (cmd_catalog.cpp).
struct CatalogFlags {
  std::string argument;     // the GLOB, PATTERN, KEY or NAME
  bool json = false;        // --json
  std::string catalogFile;  // --catalog FILE; empty: the catalog embedded in the binary
};
struct CatalogCommand {
  CLI::App* catalog = nullptr;
  CLI::App* services = nullptr;
  CLI::App* actions = nullptr;
  CLI::App* key = nullptr;
  CLI::App* action = nullptr;
};
// Registers `catalog` and its subcommands; their options are parsed into `flags`.
CatalogCommand addCatalogCommand(CLI::App& app, CatalogFlags& flags);
int runCatalog(const CatalogCommand& cmd, const CatalogFlags& flags);

}  // namespace rootpol::cli
