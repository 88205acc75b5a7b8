#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "driver/options.h"

namespace CLI {
class App;
class ParseError;
}

namespace rootpol::cli {

// Exit statuses: 0 clean (warnings allowed), 1 errors in the input, 2 usage or tool failure.
enum ExitCode : int { kExitOk = 0, kExitInputErrors = 1, kExitToolFailure = 2 };

enum class DiagnosticFormat { Human, Json, Sarif, Github };

struct CommonFlags {
  driver::Options options;
  std::string color = "auto";  // auto | always | never
  DiagnosticFormat format = DiagnosticFormat::Human;
  std::string sarifBase;  // --sarif-base DIR: SARIF paths are relative to it; empty: the cwd
};

// Prints diagnostics in the chosen format: human and json on stderr (with a summary line for
// human), sarif (a document) and github (workflow commands) on stdout. Every command that
// reports diagnostics goes through here.
void printDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                      const CommonFlags& flags, bool summary = true);

// The long documentation paragraph of a code (Markdown; "" when it has none): SARIF rule help
// and the `rootpol docs` pages.
std::string ruleHelp(DiagCode code);

int runCheck(const CommonFlags& flags);

// Prints a command-line mistake as `rootpol: unknown option '--foo' for 'compile' (see
// 'rootpol compile --help')` and returns the usage exit status (usage_errors.cpp).
int reportUsageError(const CLI::App& app, const CLI::ParseError& e);

// `rootpol test` and `rootpol explain` (cmd_test.cpp).
struct TestFlags {
  CommonFlags common;
  bool verbose = false;  // --verbose: every case and every statement that did not apply
  // --no-full-aws-access: the level of the JSON policies (no organization) has no
  // FullAWSAccess, so an allow-list SCP among them is decided as AWS does once it replaces it.
  bool noFullAwsAccess = false;
};
int runTest(const TestFlags& flags);
// `request` is a test request without the `request` keyword: `root in account audit does ...`.
int runExplain(const TestFlags& flags, const std::string& request);

// `rootpol replay PROGRAM --cloudtrail FILE...` (cmd_replay.cpp).
struct ReplayFlags {
  CommonFlags common;                   // the program; --format json gives the report as JSON
  std::vector<std::string> cloudtrail;  // log files (.json, .json.gz) and directories of them
  unsigned threads = 2;                 // files read in parallel
};
int runReplay(const ReplayFlags& flags);

// `rootpol diff OLD NEW` (cmd_diff.cpp).
struct DiffFlags {
  std::string before, after;     // program files or folders, or git:REV[:PATH]
  std::string output = "text";   // --format text|json|markdown|html
  std::string failOn;            // --fail-on widened|narrowed|any: exit 1 when such a change exists
  std::string color = "auto";
};
int runDiff(const DiffFlags& flags);

// `rootpol import` (cmd_import.cpp).
struct ImportFlags {
  CommonFlags common;      // common.options.inputs: JSON files and directories
  std::string outDir;      // -o/--out
  bool force = false;      // --force: replace .rootpol files already in outDir
  bool keepGoing = false;  // --keep-going: write what imports cleanly even when others fail
};
int runImport(const ImportFlags& flags);

// `rootpol lint` (cmd_lint.cpp).
struct LintFlags {
  CommonFlags common;       // common.options.inputs: the files and directories to lint
  std::string configFile;  // --config; empty: ./.rootpol-lint.json when present
  std::string failOn;      // --fail-on error|warning|note; empty: the configuration's, else error
  std::string kind;        // --kind scp|rcp|identity|resource|auto; empty: auto
  unsigned threads = 2;     // --threads: the checks run on this many threads
};
int runLint(const LintFlags& flags);
// `allowEmpty`: --allow-empty (see driver::Options::requireContent).
int runCompile(const CommonFlags& flags, const std::string& outDir, bool allowEmpty = false);

// `rootpol fmt` (cmd_fmt.cpp): rewrites the .rootpol files (directories: recursively) whose
// layout is not the canonical one; with `check`, writes nothing and prints a unified diff per
// file that would change (exit 1 if any would). A file with syntax errors is never written.
// `-` reads standard input and writes the formatted text to standard output.
int runFmt(const std::vector<std::string>& paths, bool check);

// `rootpol catalog services|actions|key|action|regions` (cmd_catalog.cpp).
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
  CLI::App* regions = nullptr;
};
// Registers `catalog` and its subcommands; their options are parsed into `flags`.
CatalogCommand addCatalogCommand(CLI::App& app, CatalogFlags& flags);
int runCatalog(const CatalogCommand& cmd, const CatalogFlags& flags);
// `rootpol catalog regions` (cmd_catalog_regions.cpp).
int runCatalogRegions(const CatalogFlags& flags);

// `rootpol docs [CODE] [--out DIR] [--examples-from DIR]` (cmd_docs.cpp).
struct DocsFlags {
  std::string code;          // a code such as RP1005; empty: the index
  std::string outDir;        // --out: write every page and README.md there
  std::string examplesFrom;  // --examples-from: the golden tests that give each page an example
};
// Registers `docs`; its options are parsed into `flags`.
CLI::App* addDocsCommand(CLI::App& app, DocsFlags& flags);
int runDocs(const DocsFlags& flags);

}  // namespace rootpol::cli
