// `rootpol import (FILE | DIR | -)... -o DIR`: SCP and RCP JSON to .rootpol (docs/import.md).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <utility>

#include "base/file_input.h"
#include "catalog/catalog.h"
#include "cli/commands.h"
#include "importer/importer.h"
#include "importer/read_input.h"
#include "importer/write_files.h"
#include "sema/key_table.h"

namespace rootpol::cli {
namespace {

namespace fs = std::filesystem;

bool isJson(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".json";
}

// The files named, with directories walked for *.json in sorted order; `-` (standard input)
// stays as it is, once. A path that cannot be read is a tool failure (`error`); skipped
// entries of a walk are reported on stderr.
bool expand(const std::vector<std::string>& inputs, std::vector<fs::path>& files, std::string& error) {
  bool stdinNamed = false;
  for (const std::string& input : inputs) {
    if (input == input::kStdinArg) {
      if (!std::exchange(stdinNamed, true)) files.emplace_back(input);
      continue;
    }
    bool directory = false;
    input::Problem problem = input::classify(input, directory);
    if (problem != input::Problem::None) {
      error = input::describe(problem, input);
      return false;
    }
    if (!directory) {
      files.emplace_back(input);
      continue;
    }
    std::vector<input::Skipped> skipped;
    input::walkDirectory(input, {isJson, true}, files, skipped);
    for (const input::Skipped& s : skipped) {
      std::cerr << "rootpol: skipped " << input::describe(s.problem, s.path.string()) << "\n";
    }
  }
  return true;
}

// Reads every input into `documents` (standard input bounded like a file); false after
// setting `error` when one cannot be read at all.
bool readAll(const std::vector<fs::path>& files, SourceManager& sources, DiagnosticSink& sink,
             std::vector<importer::ImportSource>& documents, std::string& error) {
  for (const fs::path& path : files) {
    const bool fromStdin = path == input::kStdinArg;
    const std::string name = fromStdin ? std::string(input::kStdinName) : path.string();
    input::ReadResult read = fromStdin ? input::readStdin() : input::readFile(path);
    if (!read.text) {
      error = input::describe(read.problem, name, read.detail);
      return false;
    }
    std::optional<std::string_view> unnamed;
    if (fromStdin) unnamed = importer::kStdinPolicyName;
    importer::readImportSource(name, std::move(*read.text), sources, sink, documents, unnamed);
  }
  return true;
}

// A file name per policy; a name taken by an earlier input gets -2, -3, ...
std::string uniqueFileName(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  for (int n = 2; !taken.insert(candidate).second; ++n) candidate = fmt::format("{}-{}", name, n);
  return candidate + ".rootpol";
}

}  // namespace

// Every input is read, imported and checked before anything is written; then all files are
// written at once (importer::writeFiles), or, with errors, none unless --keep-going.
int runImport(const ImportFlags& flags) {
  std::vector<fs::path> files;
  std::string error;
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<importer::ImportSource> documents;
  if (!expand(flags.common.options.inputs, files, error) || !readAll(files, sources, sink, documents, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  importer::Importer importer(sema::KeyTable::builtin(), catalog::Catalog::builtin());
  std::vector<importer::OutputFile> imported;
  std::set<std::string> taken;
  std::size_t statements = 0;
  for (const importer::ImportSource& source : documents) {
    std::optional<std::string> text = importer.run(source, sink);
    if (!text) continue;
    statements += source.document.statements.size();
    imported.push_back({uniqueFileName(source.name, taken), std::move(*text)});
  }
  const fs::path outDir = flags.outDir;
  // A link counts as a file there: it is replaced, never written through.
  auto occupied = [&](const importer::OutputFile& f) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(outDir / f.name, ec));
  };
  for (const importer::OutputFile& f : imported) {
    if (flags.force || !occupied(f)) continue;
    Diagnostic& d = sink.report(DiagCode::RP0032, std::nullopt,
                                fmt::format("`{}` is already there", (outDir / f.name).string()));
    d.help = "import into an empty directory, or pass `--force` to replace the file";
  }
  const bool errors = sink.hasErrors();
  printDiagnostics(sources, sink.sorted(), flags.common);
  if (errors && !flags.keepGoing) {
    std::cerr << "rootpol: nothing written\n";
    return kExitInputErrors;
  }
  if (errors) {
    // --keep-going: what imported cleanly is written; files that would be overwritten are not.
    std::erase_if(imported, [&](const importer::OutputFile& f) { return !flags.force && occupied(f); });
  }
  if (!importer::writeFiles(outDir, imported, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  std::cerr << fmt::format("imported {} of {} files ({} statements) into {}\n", imported.size(), files.size(),
                           statements, outDir.string());
  return errors ? kExitInputErrors : kExitOk;
}

}  // namespace rootpol::cli
