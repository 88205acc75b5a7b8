#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "base/file_input.h"
#include "base/source.h"

namespace rootpol::driver {

// Loads the program: the input files, then every file they import (transitively), each
// parsed once. Imports are relative to the importing file and may not leave the project
// root; `stdlib/<name>.rootpol` names an embedded module. Cycles are reported.
class SourceLoader {
 public:
  SourceLoader(SourceManager& sources, DiagnosticSink& sink, std::optional<std::string> stdlibDir)
      : sources_(sources), sink_(sink), stdlibDir_(std::move(stdlibDir)) {}

  // Expands directories to their *.rootpol files (sorted). Returns false and sets `error`
  // if an input does not exist or no .rootpol file is found. `-` stays `-` (standard input).
  // Files a walk skips are warnings RP0011/RP0012; an input that is a FIFO, device or /proc
  // file is error RP0013 and is not read (see base/file_input.h).
  bool expandInputs(const std::vector<std::string>& inputs, std::vector<std::filesystem::path>& files,
                    std::string& error);

  // The deepest directory containing every input (a file counts by its directory).
  static std::filesystem::path commonRoot(const std::vector<std::string>& inputs);
  // Whether a (canonical) path lies under the project root: imports and `attach file` paths
  // must (RP0103, RP3016), so a program cannot make rootpol read files elsewhere.
  static bool isInside(const std::filesystem::path& path, const std::filesystem::path& root);
  // The path as users should read it: relative to the working directory when inside it.
  static std::string displayPath(const std::filesystem::path& path);

  // The text of `-`, when the caller has already read standard input (lint sniffs it first).
  void setStdinText(std::string text) { stdinText_ = std::move(text); }

  bool load(const std::vector<std::filesystem::path>& files, const std::filesystem::path& projectRoot,
            std::vector<std::unique_ptr<ast::Module>>& modules, std::string& error);

 private:
  struct Node {
    ast::Module* module = nullptr;
    std::filesystem::path path;  // canonical; empty for stdlib modules
    std::vector<std::pair<std::string, const ast::Import*>> edges;  // target id, import
  };

  std::optional<std::string> loadFile(const std::filesystem::path& path, std::vector<std::unique_ptr<ast::Module>>& modules,
                                      std::string& error);
  std::optional<std::string> loadStdlib(const std::string& name, const ast::Import& import,
                                        std::vector<std::unique_ptr<ast::Module>>& modules);
  void addModule(const std::string& id, std::filesystem::path path, std::string display, std::string text,
                 std::vector<std::unique_ptr<ast::Module>>& modules);
  void reportCycles();
  void reportPath(DiagCode code, const std::string& path, std::string message, std::string help);
  void reportSkipped(const std::vector<input::Skipped>& skipped);

  SourceManager& sources_;
  DiagnosticSink& sink_;
  std::optional<std::string> stdlibDir_;
  std::optional<std::string> stdinText_;
  std::map<std::string, Node> nodes_;  // by canonical path or "stdlib/<name>"
  std::vector<std::string> order_;     // load order, for deterministic cycle reports
};

}  // namespace rootpol::driver
