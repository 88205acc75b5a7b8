// `rootpol replay PROGRAM --cloudtrail FILE...` (spec section 10.4): which recorded calls the
// program would deny. The text report groups the denied calls by statement, principal and
// action; `--format json` gives one document with every denied and undetermined event.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <tuple>

#include "base/render.h"
#include "cli/commands.h"
#include "driver/compilation.h"
#include "replay/replay.h"

namespace rootpol::cli {
namespace {

using Json = nlohmann::ordered_json;

// The problems of the log files as diagnostics: at file:line:column when the problem has a
// place (the file's text joins the compilation's sources only then).
std::vector<Diagnostic> fileDiagnostics(SourceManager& sources, std::vector<std::string>& unreadable,
                                        std::vector<replay::FileProblem>& problems) {
  DiagnosticSink sink;
  for (std::string& message : unreadable) {
    sink.report(DiagCode::RP5001, std::nullopt, std::move(message)).help = std::string(replay::problemHelp(DiagCode::RP5001));
  }
  for (replay::FileProblem& p : problems) {
    std::optional<Span> span;
    if (p.problem.offset) {
      FileId id = sources.add(p.path, std::move(p.text));
      span = Span{id, *p.problem.offset, *p.problem.offset + 1};
    } else if (p.problem.code != DiagCode::RP5001) {
      p.problem.message = fmt::format("{}: {}", p.path, p.problem.message);
    }
    sink.report(p.problem.code, span, std::move(p.problem.message)).help = std::string(replay::problemHelp(p.problem.code));
  }
  return sink.sorted();
}

Json eventJson(const replay::Report& r, const replay::Event& e, bool denied) {
  const replay::Outcome& o = *e.outcome;
  Json out = Json::object();
  out["eventID"] = e.eventID;
  out["eventTime"] = e.eventTime;
  out["account"] = o.account;
  out["principal"] = o.principal;
  out["action"] = o.action;
  if (denied) {
    out["statement"] = o.statement;
    out["level"] = o.level;
  } else {
    out["keys"] = o.keys;
  }
  out["file"] = r.files.at(e.file);
  return out;
}

std::string reportDocument(const SourceManager& sources, const replay::Report* report,
                           const std::vector<Diagnostic>& diagnostics) {
  Json out = Json::object();
  out["records"] = report ? report->records : 0;
  out["evaluated"] = report ? report->evaluated : 0;
  out["would_deny"] = report ? report->denied.size() : 0;
  out["denied"] = Json::array();
  out["undetermined"] = Json::array();
  out["skipped"] = Json::object();
  if (report != nullptr) {
    for (const replay::Event& e : report->denied) out["denied"].push_back(eventJson(*report, e, true));
    for (const replay::Event& e : report->undetermined) out["undetermined"].push_back(eventJson(*report, e, false));
    for (const auto& [reason, count] : report->skipped) out["skipped"][reason] = count;
  }
  out["diagnostics"] = Json::parse(renderJson(sources, diagnostics));
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// Counts of equal tuples, most first, then in order of the tuple.
template <typename Key>
std::vector<std::pair<Key, std::size_t>> mostFirst(const std::map<Key, std::size_t>& counts) {
  std::vector<std::pair<Key, std::size_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

void printText(std::ostream& out, const replay::Report& r) {
  out << fmt::format("{} record{}, {} evaluated, {} would be denied, {} undetermined\n", r.records,
                     r.records == 1 ? "" : "s", r.evaluated, r.denied.size(), r.undetermined.size());
  if (!r.skipped.empty()) {
    std::string list;
    for (const auto& [reason, count] : r.skipped) list += fmt::format("{}{} {}", list.empty() ? "" : ", ", reason, count);
    out << "skipped: " << list << "\n";
  }
  std::map<std::string, std::size_t> byStatement;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> byCall;
  for (const replay::Event& e : r.denied) {
    const replay::Outcome& o = *e.outcome;
    std::string statement = o.level.empty() ? o.statement : fmt::format("{} at {}", o.statement, o.level);
    ++byStatement[statement];
    ++byCall[{statement, o.principal, o.action}];
  }
  if (!byStatement.empty()) out << "\nwould deny, by statement, principal and action:\n";
  for (const auto& [statement, count] : mostFirst(byStatement)) {
    out << fmt::format("{:>7}  {}\n", count, statement);
    std::map<std::tuple<std::string, std::string>, std::size_t> calls;
    for (const auto& [key, n] : byCall) {
      if (std::get<0>(key) == statement) calls[{std::get<1>(key), std::get<2>(key)}] = n;
    }
    for (const auto& [call, n] : mostFirst(calls))
      out << fmt::format("{:>7}    {}  {}\n", n, std::get<0>(call), std::get<1>(call));
  }
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> undetermined;
  for (const replay::Event& e : r.undetermined) {
    std::string keys;
    for (const std::string& k : e.outcome->keys) keys += (keys.empty() ? "" : ", ") + k;
    ++undetermined[{keys, e.outcome->principal, e.outcome->action}];
  }
  if (!undetermined.empty()) out << "\nundetermined (the decision depends on what the record does not tell):\n";
  for (const auto& [key, n] : mostFirst(undetermined))
    out << fmt::format("{:>7}  {}  {}  depends on {}\n", n, std::get<1>(key), std::get<2>(key), std::get<0>(key));
}

}  // namespace

int runReplay(const ReplayFlags& flags) {
  const bool json = flags.common.format == DiagnosticFormat::Json;
  driver::Compilation compilation(flags.common.options);
  if (!compilation.run()) {
    if (!json) printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags.common);
    std::cerr << "rootpol: " << compilation.toolError().value_or("failed") << "\n";
    return kExitToolFailure;
  }
  if (compilation.diagnostics().hasErrors()) {
    if (json) std::cout << reportDocument(compilation.sources(), nullptr, compilation.diagnostics().sorted());
    else printDiagnostics(compilation.sources(), compilation.diagnostics().sorted(), flags.common);
    return kExitInputErrors;
  }
  std::vector<std::string> unreadable;
  std::vector<std::filesystem::path> files = replay::listInputs(flags.cloudtrail, unreadable);
  runner::OrganizationChains chains(compilation, runner::JsonInputs{});
  std::vector<replay::FileProblem> problems;
  replay::Report report = replay::replayFiles(chains, replay::Tables::builtin(), files,
                                              replay::ReplayOptions{flags.threads}, problems);
  std::vector<Diagnostic> diagnostics = compilation.diagnostics().sorted();
  std::vector<Diagnostic> more = fileDiagnostics(compilation.sources(), unreadable, problems);
  diagnostics.insert(diagnostics.end(), more.begin(), more.end());
  const bool failed = !more.empty();
  if (json) {
    std::cout << reportDocument(compilation.sources(), failed ? nullptr : &report, diagnostics);
    return failed ? kExitInputErrors : kExitOk;
  }
  printDiagnostics(compilation.sources(), diagnostics, flags.common);
  if (failed) return kExitInputErrors;
  printText(flags.common.format == DiagnosticFormat::Sarif ? std::cerr : std::cout, report);
  return kExitOk;
}

}  // namespace rootpol::cli
