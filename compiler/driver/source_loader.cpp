#include "driver/source_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "base/file_input.h"
#include "stdlib_files.h"
#include "syntax/parse.h"

namespace rootpol::driver {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> readFile(const fs::path& path) {
  input::ReadResult read = input::readFile(path);
  return read.text;
}



constexpr std::string_view kStdlibPrefix = "stdlib/";

// Why an import could not be read, naming the file as the import wrote it (not its absolute
// path).
std::string importReason(std::string reason, const fs::path& resolved, const std::string& written) {
  std::string absolute = "`" + resolved.generic_string() + "`";
  if (std::size_t at = reason.find(absolute); at != std::string::npos) reason.replace(at, absolute.size(), "`" + written + "`");
  return reason;
}

}  // namespace

void SourceLoader::reportPath(DiagCode code, const std::string& path, std::string message, std::string help) {
  // The diagnostic points at an empty stand-in for the file: it names the path, and no byte of
  // the file is ever shown (it was never read).
  FileId id = sources_.add(path, "");
  sink_.report(code, Span{id, 0, 0}, std::move(message)).help = std::move(help);
}

void SourceLoader::reportSkipped(const std::vector<input::Skipped>& skipped) {
  for (const input::Skipped& s : skipped) {
    std::string path = s.path.generic_string();
    if (s.problem == input::Problem::OutsideLink) {
      reportPath(DiagCode::RP0012, path, "skipped " + input::describe(s.problem, path),
                 "its target is not read: a link out of the tree could expose any file; name the "
                 "target itself on the command line to read it");
    } else {
      reportPath(DiagCode::RP0011, path, "skipped " + input::describe(s.problem, path),
                 "only regular files are read while walking a directory");
    }
  }
}

bool SourceLoader::expandInputs(const std::vector<std::string>& inputs, std::vector<fs::path>& files,
                                std::string& error) {
  bool refused = false;
  for (const std::string& arg : inputs) {
    if (arg == input::kStdinArg) {
      files.emplace_back(arg);
      continue;
    }
    bool isDirectory = false;
    input::Problem problem = input::classify(arg, isDirectory);
    if (problem == input::Problem::Missing || problem == input::Problem::Unreadable) {
      error = input::describe(problem, arg, "permission denied");
      return false;
    }
    if (problem != input::Problem::None) {
      reportPath(DiagCode::RP0013, arg, "not reading " + input::describe(problem, arg),
                 "pass a regular file, or `-` to read standard input");
      refused = true;
      continue;
    }
    if (!isDirectory) {
      files.emplace_back(arg);
      continue;
    }
    std::vector<fs::path> found;
    std::vector<input::Skipped> skipped;
    input::WalkOptions walk;
    walk.wanted = [](const fs::path& p) { return p.extension() == ".rootpol"; };
    input::walkDirectory(arg, walk, found, skipped);
    reportSkipped(skipped);
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  if (files.empty()) {
    error = refused ? "no input could be read" : "no .rootpol files in the inputs";
    return false;
  }
  return true;
}

std::string SourceLoader::displayPath(const fs::path& path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    fs::path rel = path.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return path.generic_string();
}

bool SourceLoader::isInside(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && !rel.is_absolute();
}

fs::path SourceLoader::commonRoot(const std::vector<std::string>& inputs) {
  std::optional<fs::path> root;
  for (const std::string& input : inputs) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(input), ec);
    if (!fs::is_directory(p, ec)) p = p.parent_path();
    if (!root) {
      root = p;
      continue;
    }
    fs::path common;
    for (auto a = root->begin(), b = p.begin(); a != root->end() && b != p.end() && *a == *b; ++a, ++b) common /= *a;
    root = common;
  }
  return root.value_or(fs::current_path());
}

void SourceLoader::addModule(const std::string& id, fs::path path, std::string display, std::string text,
                             std::vector<std::unique_ptr<ast::Module>>& modules) {
  FileId file = sources_.add(std::move(display), std::move(text));
  modules.push_back(syntax::parse(sources_.file(file), sink_));
  nodes_[id] = Node{modules.back().get(), std::move(path), {}};
  order_.push_back(id);
}

std::optional<std::string> SourceLoader::loadFile(const fs::path& path, std::vector<std::unique_ptr<ast::Module>>& modules,
                                                  std::string& error) {
  if (path == input::kStdinArg) {
    // Standard input is read once, however often `-` is given; its imports are relative to
    // the working directory.
    std::string id(input::kStdinName);
    if (nodes_.count(id) > 0) return id;
    input::ReadResult read;
    read.text = stdinText_;
    if (!stdinText_) read = input::readStdin();
    if (!read.text) {
      error = input::describe(read.problem, input::kStdinName, read.detail);
      return std::nullopt;
    }
    addModule(id, fs::current_path() / id, id, std::move(*read.text), modules);
    return id;
  }
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(path), ec);
  std::string id = canonical.generic_string();
  if (nodes_.count(id) > 0) return id;
  input::ReadResult read = input::readFile(canonical);
  if (!read.text) {
    error = input::describe(read.problem, path.generic_string(), read.detail);
    return std::nullopt;
  }
  addModule(id, canonical, displayPath(canonical), std::move(*read.text), modules);
  return id;
}

std::optional<std::string> SourceLoader::loadStdlib(const std::string& name, const ast::Import& import,
                                                    std::vector<std::unique_ptr<ast::Module>>& modules) {
  std::string id = std::string(kStdlibPrefix) + name;
  if (nodes_.count(id) > 0) return id;
  std::optional<std::string> text;
  if (stdlibDir_) {
    text = readFile(fs::path(*stdlibDir_) / name);
  } else if (auto embedded = stdlib::embeddedFile(name)) {
    text = std::string(*embedded);
  }
  if (!text || name.size() < 8 || name.substr(name.size() - 8) != ".rootpol") {
    std::vector<std::string> names;
    for (const auto& f : stdlib::embeddedFiles()) {
      if (f.name.size() > 8 && f.name.substr(f.name.size() - 8) == ".rootpol") names.push_back(fmt::format("`stdlib/{}`", f.name));
    }
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    sink_.report(DiagCode::RP0104, import.span, fmt::format("the standard library has no module `{}`", name))
        .help = "the modules are " + list;
    return std::nullopt;
  }
  addModule(id, {}, "<stdlib>/" + name, std::move(*text), modules);
  return id;
}

bool SourceLoader::load(const std::vector<fs::path>& files, const fs::path& projectRoot,
                        std::vector<std::unique_ptr<ast::Module>>& modules, std::string& error) {
  std::deque<std::string> pending;
  for (const fs::path& file : files) {
    auto id = loadFile(file, modules, error);
    if (!id) return false;
    pending.push_back(*id);
  }
  std::set<std::string> expanded;
  while (!pending.empty()) {
    std::string id = pending.front();
    pending.pop_front();
    if (!expanded.insert(id).second) continue;
    Node& node = nodes_.at(id);
    for (const ast::Import& import : node.module->imports) {
      std::optional<std::string> target;
      if (import.path.rfind(kStdlibPrefix, 0) == 0) {
        target = loadStdlib(import.path.substr(kStdlibPrefix.size()), import, modules);
      } else if (node.path.empty()) {
        sink_.report(DiagCode::RP0101, import.span, "standard library modules import only `stdlib/` modules");
      } else {
        std::error_code ec;
        fs::path wanted = fs::weakly_canonical(node.path.parent_path() / import.path, ec);
        std::string ignored;
        if (!isInside(wanted, projectRoot)) {
          sink_.report(DiagCode::RP0103, import.span, fmt::format("`{}` is outside the project root", import.path))
              .help = fmt::format("the project root is `{}`; pass `--root` to widen it", displayPath(projectRoot));
        } else if (!(target = loadFile(wanted, modules, ignored))) {
          // The reason names the file, never its content (a FIFO or /proc file is not read).
          sink_.report(DiagCode::RP0101, import.span, fmt::format("cannot read imported file `{}`", import.path))
              .help = fs::exists(wanted, ec) ? importReason(ignored, wanted, import.path)
                                             : "imports are relative to the importing file";
        }
      }
      if (!target) continue;
      nodes_.at(id).edges.emplace_back(*target, &import);
      pending.push_back(*target);
    }
  }
  reportCycles();
  return true;
}

// Depth-first search; an edge to a file still on the stack closes a cycle.
void SourceLoader::reportCycles() {
  enum class Mark { New, Active, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> stack;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    marks[id] = Mark::Active;
    stack.push_back(id);
    for (const auto& [target, import] : nodes_.at(id).edges) {
      Mark m = marks[target];
      if (m == Mark::Active) {
        auto start = std::find(stack.begin(), stack.end(), target);
        std::string chain;
        for (auto it = start; it != stack.end(); ++it) chain += sources_.file(nodes_.at(*it).module->file).path() + " -> ";
        chain += sources_.file(nodes_.at(target).module->file).path();
        sink_.report(DiagCode::RP0102, import->span, "import cycle").notes.push_back("the cycle is " + chain);
      } else if (m == Mark::New) {
        visit(target);
      }
    }
    stack.pop_back();
    marks[id] = Mark::Done;
  };
  for (const std::string& id : order_) {
    if (marks[id] == Mark::New) visit(id);
  }
}

}  // namespace rootpol::driver
