#include "cli/test_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "base/render.h"

namespace rootpol::cli {
namespace {

using Json = nlohmann::ordered_json;

Json stringOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// file, line and column of the start of `span`; null when it names no loaded file (the
// statements of FullAWSAccess).
Json sourceOf(const SourceManager& sources, Span span) {
  if (!span.valid() || !sources.has(span.file)) return nullptr;
  const SourceFile& file = sources.file(span.file);
  LineCol at = file.lineCol(span.begin);
  Json out = Json::object();
  out["file"] = file.path();
  out["line"] = at.line;
  out["column"] = at.column;
  return out;
}

std::string_view verdictName(bool denies, bool allows) {
  return denies ? "explicit_deny" : allows ? "allow" : "implicit_deny";
}

// The request as decided: principal, account, action, resource and the full context (the
// request model's defaults included), keys sorted.
Json requestJson(const runner::CaseResult& result) {
  const eval::Request& r = result.request;
  Json out = Json::object();
  out["principal"] = r.principalArn;
  out["account"] = result.accountId;
  out["action"] = r.action;
  out["resource"] = r.resource;
  std::vector<std::pair<std::string, std::vector<std::string>>> context = r.context;
  std::stable_sort(context.begin(), context.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Json keys = Json::object();
  for (const auto& [key, values] : context) {
    if (!keys.contains(key)) keys[key] = values;
  }
  out["context"] = std::move(keys);
  return out;
}

Json statementJson(const SourceManager& sources, const eval::StatementTrace& s) {
  Json out = Json::object();
  out["index"] = s.index + 1;
  out["sid"] = stringOrNull(s.sid);
  out["effect"] = s.deny ? "Deny" : "Allow";
  out["applies"] = s.applies;
  out["why_not"] = s.applies ? Json(nullptr) : Json(s.reason);
  out["source"] = sourceOf(sources, s.origin);
  return out;
}

Json levelsJson(const SourceManager& sources, const eval::Evaluation& evaluation) {
  Json levels = Json::array();
  for (const eval::LevelTrace& level : evaluation.levels) {
    Json policies = Json::array();
    for (const eval::PolicyTrace& p : level.policies) {
      Json statements = Json::array();
      for (const eval::StatementTrace& s : p.statements) statements.push_back(statementJson(sources, s));
      policies.push_back(
          Json{{"name", p.name}, {"decision", verdictName(p.denies, p.allows)}, {"statements", std::move(statements)}});
    }
    levels.push_back(Json{{"target", level.target},
                          {"decision", verdictName(level.denied, level.allowed)},
                          {"policies", std::move(policies)}});
  }
  return levels;
}

Json decidingJson(const SourceManager& sources, const eval::Evaluation& evaluation) {
  Json out = Json::array();
  for (const runner::Decider& d : runner::deciders(evaluation)) {
    Json s = statementJson(sources, *d.statement);
    s.erase("applies");
    s.erase("why_not");
    Json entry = Json{{"policy", d.policy}, {"level", d.level}};
    for (auto& [key, value] : s.items()) entry[key] = value;
    out.push_back(std::move(entry));
  }
  return out;
}

// request, decision, reason, deciding and levels of one decided (or undecided) case.
void putDecision(Json& out, const SourceManager& sources, const runner::CaseResult* r) {
  const bool decided = r != nullptr && r->ran;
  out["request"] = decided ? requestJson(*r) : Json(nullptr);
  out["decision"] = decided ? Json(eval::decisionName(r->evaluation.decision)) : Json(nullptr);
  out["reason"] = decided && r->exemption ? Json(*r->exemption) : Json(nullptr);
  out["deciding"] = decided ? decidingJson(sources, r->evaluation) : Json::array();
  out["levels"] = decided ? levelsJson(sources, r->evaluation) : Json::array();
}

Json diagnosticsJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  return Json::parse(renderJson(sources, diagnostics));
}

std::string dump(const Json& document) {
  // File names and values come from the user and need not be UTF-8: replace, never throw.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Json expectedJson(const ast::TestExpect& expect) {
  Json out = Json::object();
  out["decision"] = expect.effect == ast::Effect::Allow ? "allow" : "deny";
  out["policy"] = expect.policy ? Json(*expect.policy) : Json(nullptr);
  out["sid"] = expect.sid ? Json(expect.sid->text) : Json(nullptr);
  return out;
}

Json caseJson(const SourceManager& sources, const runner::CaseResult& c) {
  Json out = Json::object();
  out["text"] = describeRequest(c.testCase->request);
  out["source"] = sourceOf(sources, c.testCase->request.span);
  out["expected"] = expectedJson(c.testCase->expect);
  out["passed"] = c.ran && c.passed;
  out["failure"] = !c.ran ? Json("not run: the request could not be placed (see the diagnostics)")
                          : stringOrNull(c.failure);
  putDecision(out, sources, &c);
  return out;
}

}  // namespace

std::string describeRequest(const ast::TestRequest& r) {
  std::string account = r.account ? " in account " + *r.account
                        : r.accountId ? " in account \"" + r.accountId->text + "\""
                                      : std::string();
  std::string owner = r.resourceAccount ? " in account " + *r.resourceAccount
                      : r.resourceAccountId ? " in account \"" + r.resourceAccountId->text + "\""
                                            : std::string();
  const std::string who = r.assumedRoot ? "assumed root" : r.root ? "root" : r.principal->text;
  return fmt::format("request {}{} does {}{}", who, account, r.action,
                     r.resource ? " on " + r.resource->text + owner : std::string());
}

std::string explainDocument(const SourceManager& sources, const runner::CaseResult* result,
                            const std::vector<Diagnostic>& diagnostics) {
  Json out = Json::object();
  putDecision(out, sources, result);
  out["diagnostics"] = diagnosticsJson(sources, diagnostics);
  return dump(out);
}

std::string testDocument(const SourceManager& sources, const std::vector<runner::TestResult>& results,
                         const std::vector<Diagnostic>& diagnostics) {
  Json tests = Json::array();
  std::size_t passed = 0;
  for (const runner::TestResult& t : results) {
    passed += t.passed() ? 1 : 0;
    Json cases = Json::array();
    for (const runner::CaseResult& c : t.cases) cases.push_back(caseJson(sources, c));
    tests.push_back(Json{{"name", t.test->name},
                         {"source", sourceOf(sources, t.test->span)},
                         {"passed", t.passed()},
                         {"cases", std::move(cases)}});
  }
  Json out = Json::object();
  out["tests"] = std::move(tests);
  out["summary"] = Json{{"tests", results.size()}, {"passed", passed}, {"failed", results.size() - passed}};
  out["diagnostics"] = diagnosticsJson(sources, diagnostics);
  return dump(out);
}

}  // namespace rootpol::cli
