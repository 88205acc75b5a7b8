#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

namespace {

void addCommonFlags(CLI::App& cmd, rootpol::cli::CommonFlags& flags) {
  cmd.add_option("inputs", flags.options.inputs,
                 ".rootpol files or directories (searched recursively); `-` reads standard input")
      ->required();
  cmd.add_option("--limits", flags.options.limits,
                 "quota table by name (e.g. 2026-05-15, 2017-02-01) and/or overrides such as "
                 "scp_max_size=5120 (see stdlib/limits.json)");
  cmd.add_option("--catalog", flags.options.catalogFile,
                 "check actions and condition keys against this AWS catalog file instead of the "
                 "embedded one (format: stdlib/catalog/aws.catalog, made by tools/update-catalog)");
  cmd.add_option("--root", flags.options.projectRoot,
                 "project root that imports may not leave (default: the directory holding all inputs)");
  cmd.add_option("--color", flags.color, "colour in diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("auto|always|never");
  static const std::map<std::string, rootpol::cli::DiagnosticFormat> kFormats = {
      {"human", rootpol::cli::DiagnosticFormat::Human}, {"json", rootpol::cli::DiagnosticFormat::Json},
      {"sarif", rootpol::cli::DiagnosticFormat::Sarif}, {"github", rootpol::cli::DiagnosticFormat::Github},
      {"text", rootpol::cli::DiagnosticFormat::Human}};
  // `-f`/`--format` is the spelling other tools use; --diagnostic-format stays for scripts.
  cmd.add_option("-f,--diagnostic-format,--format", flags.format,
                 "how diagnostics are printed: human or json (stderr), sarif (a SARIF 2.1.0 document on "
                 "stdout) or github (GitHub Actions annotations on stdout)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->option_text("human|json|sarif|github");
  cmd.add_option("--sarif-base", flags.sarifBase,
                 "with sarif: file paths are relative to this directory (uriBaseId SRCROOT; default: the "
                 "current directory)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rootpol: compiles .rootpol guardrails into exact, minimal AWS Service Control Policies"};
  app.set_version_flag("--version", std::string("rootpol ") + ROOTPOL_VERSION);
  app.require_subcommand(1);

  rootpol::cli::CommonFlags checkFlags;
  CLI::App* check = app.add_subcommand("check", "type-check programs and print diagnostics; writes nothing");
  addCommonFlags(*check, checkFlags);

  rootpol::cli::CommonFlags compileFlags;
  std::string outDir;
  CLI::App* compile = app.add_subcommand("compile", "compile programs into OUT/: scp/, rcp/, terraform/, cloudformation/, cfct/, report.json, report.html (all or nothing)");
  addCommonFlags(*compile, compileFlags);
  compile->add_option("-o,--out", outDir, "output directory")->required();
  compile->add_flag("--wildcard-actions", compileFlags.options.wildcardActions,
                    "smaller SCPs: in Deny Action lists, the actions that are all of a service's actions under "
                    "one name prefix become that prefix with `*` (iam:Delete*). A wildcard also matches actions "
                    "AWS adds later, which such a Deny then denies too; without the flag, only listed actions are");
  bool allowEmpty = false;
  compile->add_flag("--allow-empty", allowEmpty,
                    "compile a program with no policy, attachment or control (its outputs, once applied, "
                    "delete every policy they managed); without it that is error RP2008");

  rootpol::cli::LintFlags lintFlags;
  CLI::App* lint = app.add_subcommand(
      "lint", "lint .rootpol programs and SCP JSON files (findings for pull requests); writes nothing");
  addCommonFlags(*lint, lintFlags.common);
  lint->add_option("--config", lintFlags.configFile,
                   "lint configuration (default: .rootpol-lint.json in the current directory, if any)");
  lint->add_option("--fail-on", lintFlags.failOn, "lowest severity that makes lint exit 1 (default: error)")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  lint->add_option("--kind", lintFlags.kind,
                   "the kind of every policy file (default: auto, from the configuration's `kinds`, "
                   "then from the statements)")
      ->check(CLI::IsMember({"scp", "rcp", "identity", "resource", "auto"}));
  lint->add_option("--threads", lintFlags.threads,
                   "threads the checks run on (default 2; the findings are the same for any number)")
      ->check(CLI::Range(1u, 64u));

  std::vector<std::string> fmtPaths;
  bool fmtCheck = false;
  CLI::App* fmtCommand = app.add_subcommand("fmt", "rewrite .rootpol files in the canonical layout");
  fmtCommand->add_option("paths", fmtPaths,
                         ".rootpol files or directories (searched recursively); `-` formats standard input "
                         "to standard output")
      ->required();
  fmtCommand->add_flag("--check", fmtCheck,
                       "write nothing; print a diff for each file that would change and exit 1 if any would");

  rootpol::cli::TestFlags testFlags;
  CLI::App* test = app.add_subcommand("test", "run the program's `test` blocks against the compiled SCPs over the "
                                              "organization tree");
  addCommonFlags(*test, testFlags.common);
  test->add_flag("--verbose", testFlags.verbose, "explain passing cases too, with every statement");
  test->add_flag("--no-full-aws-access", testFlags.noFullAwsAccess,
                 "JSON policies without an organization: decide them without FullAWSAccess beside them");

  rootpol::cli::TestFlags explainFlags;
  std::string explainRequest;
  CLI::App* explain = app.add_subcommand("explain", "decide one request and print which statements decided it");
  addCommonFlags(*explain, explainFlags.common);
  explain->add_option("-r,--request", explainRequest,
                      "the request in test syntax, e.g. 'root in account audit does s3:ListAllMyBuckets with "
                      "source_ip = \"198.51.100.7\"'")
      ->required();
  explain->add_flag("--verbose", explainFlags.verbose, "also list the statements that did not apply, and why");
  explain->add_flag("--no-full-aws-access", explainFlags.noFullAwsAccess,
                    "JSON policies without an organization: decide them without FullAWSAccess beside them");

  rootpol::cli::ReplayFlags replayFlags;
  CLI::App* replay = app.add_subcommand(
      "replay", "decide recorded CloudTrail calls under the program's organization and report those it would deny");
  addCommonFlags(*replay, replayFlags.common);
  replay->add_option("--cloudtrail", replayFlags.cloudtrail,
                     "CloudTrail log files as delivered to S3 ({\"Records\": [...]}, .json or .json.gz) or "
                     "directories of them")
      ->required();
  replay->add_option("--threads", replayFlags.threads, "files read in parallel (default 2)")
      ->check(CLI::Range(1u, 64u));

  rootpol::cli::ImportFlags importFlags;
  CLI::App* importCommand = app.add_subcommand(
      "import", "turn SCP and RCP JSON (documents or describe-policy output) into .rootpol programs, one file per "
                "document, checked to decide every request as the original does");
  addCommonFlags(*importCommand, importFlags.common);
  importCommand->get_option("inputs")->description(
      "SCP/RCP JSON files (documents or describe-policy output) or directories (searched for *.json); `-` reads "
      "one document from standard input, named after its PolicySummary.Name, else `stdin`");
  importCommand->add_option("-o,--out", importFlags.outDir, "output directory for the .rootpol files")->required();
  importCommand->add_flag("--force", importFlags.force, "replace .rootpol files already in the output directory");
  importCommand->add_flag("--keep-going", importFlags.keepGoing,
                          "write the documents that import cleanly even when others cannot be imported (exit 1)");

  rootpol::cli::DiffFlags diffFlags;
  CLI::App* diffCommand = app.add_subcommand(
      "diff", "list the requests whose decision changes between two programs, per account, with a witness each");
  diffCommand->add_option("old", diffFlags.before, "the program before: a file, a folder, or git:REV[:PATH]")->required();
  diffCommand->add_option("new", diffFlags.after, "the program after: a file, a folder, or git:REV[:PATH]")->required();
  diffCommand->add_option("-f,--format", diffFlags.output,
                          "text, json, markdown (a pull-request comment) or html (a self-contained page)")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}))
      ->option_text("text|json|markdown|html");
  diffCommand->add_option("--fail-on", diffFlags.failOn, "exit 1 when a change of this kind exists")
      ->check(CLI::IsMember({"widened", "narrowed", "any"}))
      ->option_text("widened|narrowed|any");
  diffCommand->add_option("--color", diffFlags.color, "colour in diagnostics: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->option_text("auto|always|never");

  rootpol::cli::CatalogFlags catalogFlags;
  const rootpol::cli::CatalogCommand catalog = rootpol::cli::addCatalogCommand(app, catalogFlags);

  rootpol::cli::DocsFlags docsFlags;
  CLI::App* docs = rootpol::cli::addDocsCommand(app, docsFlags);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return rootpol::cli::reportUsageError(app, e);
  }
  try {
    if (check->parsed()) return rootpol::cli::runCheck(checkFlags);
    if (lint->parsed()) return rootpol::cli::runLint(lintFlags);
    if (test->parsed()) return rootpol::cli::runTest(testFlags);
    if (explain->parsed()) return rootpol::cli::runExplain(explainFlags, explainRequest);
    if (catalog.catalog->parsed()) return rootpol::cli::runCatalog(catalog, catalogFlags);
    if (docs->parsed()) return rootpol::cli::runDocs(docsFlags);
    if (replay->parsed()) return rootpol::cli::runReplay(replayFlags);
    if (importCommand->parsed()) return rootpol::cli::runImport(importFlags);
    if (diffCommand->parsed()) return rootpol::cli::runDiff(diffFlags);
    if (fmtCommand->parsed()) return rootpol::cli::runFmt(fmtPaths, fmtCheck);
    return rootpol::cli::runCompile(compileFlags, outDir, allowEmpty);
  } catch (const std::exception& e) {
    // Internal invariant broken: say so plainly rather than crash.
    std::cerr << "rootpol: internal error: " << e.what() << "\n";
    return rootpol::cli::kExitToolFailure;
  }
}
