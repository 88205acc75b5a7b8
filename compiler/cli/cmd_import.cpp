// `rootpol import FILE_OR_DIR... -o DIR`: SCP and RCP JSON to .rootpol (docs/import.md).
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "base/file_input.h"
#include "catalog/catalog.h"
#include "cli/commands.h"
#include "importer/importer.h"
#include "importer/read_input.h"
#include "stdlib_files.h"

namespace rootpol::cli {
namespace {

namespace fs = std::filesystem;

bool isJson(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".json";
}

// The files named, with directories walked for *.json in sorted order. A path that cannot be
// read is a tool failure (`error`); skipped entries of a walk are reported on stderr.
bool expand(const std::vector<std::string>& inputs, std::vector<fs::path>& files, std::string& error) {
  for (const std::string& input : inputs) {
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

struct Imported {
  std::string fileName;
  std::string text;
};

// A file name per policy; a name taken by an earlier input gets -2, -3, ...
std::string uniqueFileName(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  for (int n = 2; !taken.insert(candidate).second; ++n) candidate = fmt::format("{}-{}", name, n);
  return candidate + ".rootpol";
}

// Writes each file beside its final name, then renames it into place.
bool writeAll(const fs::path& outDir, const std::vector<Imported>& files, std::string& error) {
  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec) {
    error = fmt::format("cannot create `{}`: {}", outDir.string(), ec.message());
    return false;
  }
  for (const Imported& f : files) {
    const fs::path target = outDir / f.fileName;
    const fs::path staging = outDir / fmt::format(".{}.{}.tmp", f.fileName, ::getpid());
    {
      std::ofstream out(staging, std::ios::binary | std::ios::trunc);
      out << f.text;
      if (!out.flush()) {
        error = fmt::format("cannot write `{}`", staging.string());
        fs::remove(staging, ec);
        return false;
      }
    }
    fs::rename(staging, target, ec);
    if (ec) {
      error = fmt::format("cannot write `{}`: {}", target.string(), ec.message());
      fs::remove(staging, ec);
      return false;
    }
  }
  return true;
}

std::optional<sema::KeyTable> builtinKeys(std::string& error) {
  std::optional<std::string_view> text = stdlib::embeddedFile("keys.json");
  if (!text) {
    error = "the embedded key table is missing";
    return std::nullopt;
  }
  return sema::KeyTable::fromJson(*text, error);
}

}  // namespace

int runImport(const ImportFlags& flags) {
  std::vector<fs::path> files;
  std::string error;
  std::optional<sema::KeyTable> keys = builtinKeys(error);
  if (!keys || !expand(flags.common.options.inputs, files, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  SourceManager sources;
  DiagnosticSink sink;
  std::vector<importer::ImportSource> documents;
  for (const fs::path& path : files) {
    input::ReadResult read = input::readFile(path);
    if (!read.text) {
      std::cerr << "rootpol: " << input::describe(read.problem, path.string(), read.detail) << "\n";
      return kExitToolFailure;
    }
    importer::readImportSource(path.string(), std::move(*read.text), sources, sink, documents);
  }
  importer::Importer importer(*keys, catalog::Catalog::builtin());
  std::vector<Imported> imported;
  std::set<std::string> taken;
  std::size_t statements = 0;
  for (const importer::ImportSource& source : documents) {
    std::optional<std::string> text = importer.run(source, sink);
    if (!text) continue;
    statements += source.document.statements.size();
    imported.push_back({uniqueFileName(source.name, taken), std::move(*text)});
  }
  const fs::path outDir = flags.outDir;
  for (const Imported& f : imported) {
    if (flags.force || !fs::exists(outDir / f.fileName)) continue;
    Diagnostic& d = sink.report(DiagCode::RP0032, std::nullopt,
                                fmt::format("`{}` is already there", (outDir / f.fileName).string()));
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
    std::erase_if(imported, [&](const Imported& f) { return !flags.force && fs::exists(outDir / f.fileName); });
  }
  if (!writeAll(outDir, imported, error)) {
    std::cerr << "rootpol: " << error << "\n";
    return kExitToolFailure;
  }
  std::cerr << fmt::format("imported {} of {} files ({} statements) into {}\n", imported.size(), files.size(),
                           statements, outDir.string());
  return errors ? kExitInputErrors : kExitOk;
}

}  // namespace rootpol::cli
