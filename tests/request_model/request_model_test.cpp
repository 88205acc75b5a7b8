// The request model against an independent evaluator: every request of requests.rootpol is
// decided by rootpol's evaluator with the context the model gives it (runner::prepareCases),
// and the same chain of SCPs and the same full context go to @cloud-copilot/iam-simulate
// (tests/oracle). The decisions must be equal. Each request is also sent once more without
// each key the model defaulted, so that absent always-present keys are compared too.
//
// Requests the oracle cannot state are not sent, and are counted: those SCPs do not govern
// (the management account, service-linked roles: iam-simulate applies SCPs to every account),
// and those without aws:PrincipalArn or aws:PrincipalAccount (simulate.mjs adds both).
// Skipped when node or the oracle's node_modules is missing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "driver/compilation.h"
#include "eval/evaluator.h"
#include "oracle_client.h"
#include "runner/json_policies.h"
#include "runner/test_runner.h"
#include "test_paths.h"

namespace rootpol {
namespace {

using nlohmann::json;

constexpr const char* kFixture = "tests/request_model/requests.rootpol";

struct Sent {
  std::string id;
  eval::Decision ours;
  std::string request;  // for the failure message
};

json allowAll() {
  return json::parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
}

json levelsJson(const std::vector<eval::Level>& chain, const driver::Compilation& compilation,
                const std::vector<runner::JsonPolicy>* jsonPolicies = nullptr) {
  json levels = json::array();
  for (const eval::Level& level : chain) {
    json docs = json::array();
    for (const eval::NamedPolicy& p : level.policies) {
      if (p.document == nullptr) {
        docs.push_back(allowAll());
        continue;
      }
      for (const driver::CompiledPolicy& c : compilation.policies()) {
        if (c.name != p.name) continue;
        for (const driver::PolicyPart& part : c.parts) docs.push_back(json::parse(part.json));
      }
      // A JSON input goes to the oracle as written (for describe-policy, its Content).
      for (std::size_t i = 0; jsonPolicies != nullptr && i < jsonPolicies->size(); ++i) {
        const runner::JsonPolicy& j = (*jsonPolicies)[i];
        if (&j.document == p.document) docs.push_back(json::parse(compilation.sources().file(j.span.file).text()));
      }
    }
    levels.push_back(docs);
  }
  return levels;
}

json contextJson(const eval::Request& request) {
  json context = json::object();
  for (const auto& [key, values] : request.context) {
    context[key] = values.size() == 1 ? json(values.front()) : json(values);
  }
  return context;
}

bool hasKey(const eval::Request& r, std::string_view key) {
  return std::any_of(r.context.begin(), r.context.end(),
                     [&](const auto& entry) { return eval::sameIgnoringCase(entry.first, key); });
}

// The request as given, and once without each key the model added (a key the test itself set
// stays): absent always-present keys are a case the oracle must agree on as well.
std::vector<eval::Request> variants(const runner::PreparedCase& p) {
  std::vector<eval::Request> out{p.request};
  for (std::size_t k = 0; k < p.request.context.size(); ++k) {
    const std::string& key = p.request.context[k].first;
    bool setByTest = std::any_of(p.testCase->request.context.begin(), p.testCase->request.context.end(),
                                 [&](const ast::TestAssignment& a) { return eval::sameIgnoringCase(a.resolved.awsKey, key); });
    if (setByTest || eval::sameIgnoringCase(key, "aws:PrincipalArn") || eval::sameIgnoringCase(key, "aws:PrincipalAccount"))
      continue;
    eval::Request without = p.request;
    without.context.erase(without.context.begin() + static_cast<std::ptrdiff_t>(k));
    out.push_back(std::move(without));
  }
  return out;
}

// Our decision of a prepared request: the SCP chain (allow when SCPs do not govern it) and,
// when RCPs decide it, the RCP chain, combined as `rootpol test` does.
eval::Decision decide(const runner::PreparedCase& p, const eval::Request& r) {
  eval::Evaluation scps;
  scps.decision = eval::Decision::Allow;
  if (!p.exemption) scps = eval::evaluate(p.chain, r);
  if (p.rcpChain.empty()) return scps.decision;
  return runner::combine(std::move(scps), eval::evaluate(p.rcpChain, r)).decision;
}

std::string describe(const eval::Request& r) {
  return fmt::format("{} does {} on {} with {}", r.principalArn, r.action, r.resource, contextJson(r).dump());
}

// Sends `cases` to the oracle and compares each answer with ours; every disagreement is a
// failure that shows both decisions and the oracle's raw answer.
void compareWithOracle(semantic::OracleClient& oracle, const json& cases, const std::vector<Sent>& sent,
                       std::size_t& disagreements, const std::string& label = "") {
  std::string error;
  auto results = oracle.run(cases, error);
  ASSERT_TRUE(results.has_value()) << error;
  ASSERT_EQ(results->size(), sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const semantic::OracleResult& theirs = (*results)[i];
    EXPECT_TRUE(theirs.ignoredContextKeys.empty()) << sent[i].request << ": the oracle dropped keys";
    if (theirs.decision == eval::decisionName(sent[i].ours)) continue;
    ++disagreements;
    ADD_FAILURE() << label << sent[i].request << "\n  rootpol: " << eval::decisionName(sent[i].ours)
                  << "\n  iam-simulate: " << theirs.decision << "\n  raw: " << theirs.raw.dump();
  }
}

TEST(RequestModelOracle, SameDecisionsAsIamSimulate) {
  semantic::OracleClient oracle(testing::sourceDir() / "tests" / "oracle");
  if (auto why = oracle.unavailableReason()) GTEST_SKIP() << *why;
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  driver::Options options;
  options.inputs = {kFixture};
  driver::Compilation compilation(options);
  ASSERT_TRUE(compilation.run()) << compilation.toolError().value_or("");
  ASSERT_FALSE(compilation.diagnostics().hasErrors());

  DiagnosticSink sink;
  // The fixture's expectations are AWS's answers: `rootpol test` must pass them.
  for (const runner::TestResult& t : runner::runTests(compilation, sink)) {
    for (const runner::CaseResult& c : t.cases) EXPECT_TRUE(c.ran && c.passed) << t.test->name << ": " << c.failure;
  }

  json cases = json::array();
  std::vector<Sent> sent;
  std::size_t exempt = 0, unstated = 0;
  for (const runner::PreparedCase& p : runner::prepareCases(compilation, sink)) {
    ASSERT_TRUE(p.placed);
    if (p.exemption) {
      ++exempt;
      continue;
    }
    const json levels = levelsJson(p.chain, compilation);
    for (const eval::Request& r : variants(p)) {
      if (!hasKey(r, "aws:PrincipalArn") || !hasKey(r, "aws:PrincipalAccount")) {
        ++unstated;
        continue;
      }
      std::string id = std::to_string(sent.size());
      cases.push_back({{"id", id}, {"scps", levels}, {"action", r.action}, {"resource", r.resource},
                       {"principal", r.principalArn}, {"context", contextJson(r)}});
      sent.push_back(Sent{id, eval::evaluate(p.chain, r).decision, describe(r)});
    }
  }

  std::size_t disagreements = 0;
  ASSERT_NO_FATAL_FAILURE(compareWithOracle(oracle, cases, sent, disagreements));
  std::cout << fmt::format("request model: {} requests compared with iam-simulate, {} disagreements; "
                           "{} exempt from SCPs and {} without principal keys not sent\n",
                           sent.size(), disagreements, exempt, unstated);
  // The fixture has 30-odd requests and about 8 variants of each: a drop means the comparison
  // broke, not that the fixture got smaller on purpose.
  EXPECT_GE(sent.size(), 200u);
  EXPECT_EQ(exempt, 4u);
}

// Resource control policies (spec 10.2): every request of rcps.rootpol that RCPs decide goes to
// iam-simulate with the caller's SCP chain (none for a caller SCPs do not govern, such as an
// outside principal) and the RCP chain of the resource's account; its variants without each
// defaulted key too. Requests RCPs do not decide (rcpNote) are counted, not sent: their
// decision is the SCPs' alone, which the test above compares.
TEST(RequestModelOracle, RcpsDecideAsIamSimulate) {
  semantic::OracleClient oracle(testing::sourceDir() / "tests" / "oracle");
  if (auto why = oracle.unavailableReason()) GTEST_SKIP() << *why;
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  driver::Options options;
  options.inputs = {"tests/request_model/rcps.rootpol"};
  driver::Compilation compilation(options);
  ASSERT_TRUE(compilation.run()) << compilation.toolError().value_or("");
  ASSERT_FALSE(compilation.diagnostics().hasErrors());
  DiagnosticSink sink;
  for (const runner::TestResult& t : runner::runTests(compilation, sink)) {
    for (const runner::CaseResult& c : t.cases) EXPECT_TRUE(c.ran && c.passed) << t.test->name << ": " << c.failure;
  }
  json cases = json::array();
  std::vector<Sent> sent;
  std::size_t notDecidedByRcps = 0;
  for (const runner::PreparedCase& p : runner::prepareCases(compilation, sink)) {
    ASSERT_TRUE(p.placed);
    if (p.rcpChain.empty()) {
      ++notDecidedByRcps;
      continue;
    }
    const json scps = p.exemption ? json::array() : levelsJson(p.chain, compilation);
    const json rcps = levelsJson(p.rcpChain, compilation);
    for (const eval::Request& r : variants(p)) {
      std::string id = std::to_string(sent.size());
      json c = {{"id", id}, {"scps", scps}, {"rcps", rcps}, {"action", r.action}, {"resource", r.resource},
                {"principal", r.principalArn}, {"context", contextJson(r)}};
      if (auto owner = p.rcpOwnerAccountId) c["resourceAccount"] = *owner;
      cases.push_back(std::move(c));
      sent.push_back(Sent{id, decide(p, r), describe(r)});
    }
  }
  std::size_t disagreements = 0;
  ASSERT_NO_FATAL_FAILURE(compareWithOracle(oracle, cases, sent, disagreements));
  std::cout << fmt::format("RCPs: {} requests compared with iam-simulate, {} disagreements; {} not decided by RCPs\n",
                           sent.size(), disagreements, notDecidedByRcps);
  EXPECT_GE(sent.size(), 100u);
  EXPECT_EQ(notDecidedByRcps, 1u);  // organizations:LeaveOrganization: RCPs do not govern the service
}

// JSON policies as inputs (runner/json_policies.h): each request of tests/request_model/json/
// *.rootpol is decided over the JSON files there (one level at the account, with or without
// FullAWSAccess), and the same raw documents go to iam-simulate.
struct JsonCase {
  const char* program;
  std::vector<std::string> files;
  bool fullAwsAccess;
};

TEST(RequestModelOracle, JsonPoliciesDecideAsIamSimulate) {
  semantic::OracleClient oracle(testing::sourceDir() / "tests" / "oracle");
  if (auto why = oracle.unavailableReason()) GTEST_SKIP() << *why;
  ASSERT_EQ(::chdir(testing::sourceDir().c_str()), 0);
  const std::string dir = "tests/request_model/json/";
  const std::vector<JsonCase> runs = {
      {"with_full_aws_access.rootpol", {"deny-regions.json", "no-root-outside-vpn.describe.json"}, true},
      {"without_full_aws_access.rootpol", {"allow-list.json"}, false},
      {"rcp.rootpol", {"rcp-perimeter.json"}, true},
  };
  std::size_t total = 0, disagreements = 0;
  for (const JsonCase& run : runs) {
    driver::Options options;
    options.inputs = {dir + run.program};
    driver::Compilation compilation(options);
    ASSERT_TRUE(compilation.run()) << compilation.toolError().value_or("");
    ASSERT_FALSE(compilation.diagnostics().hasErrors());
    std::vector<std::string> paths;
    for (const std::string& f : run.files) paths.push_back(dir + f);
    DiagnosticSink sink;
    std::vector<runner::JsonPolicy> policies;
    std::string error;
    ASSERT_TRUE(runner::loadJsonPolicies(paths, compilation.sources(), sink, policies, error)) << error;
    ASSERT_FALSE(sink.hasErrors());
    ASSERT_EQ(policies.size(), run.files.size());
    const runner::JsonInputs inputs{&policies, run.fullAwsAccess};
    for (const runner::TestResult& t : runner::runTests(compilation, sink, inputs)) {
      for (const runner::CaseResult& c : t.cases) EXPECT_TRUE(c.ran && c.passed) << t.test->name << ": " << c.failure;
    }
    json cases = json::array();
    std::vector<Sent> sent;
    for (const runner::PreparedCase& p : runner::prepareCases(compilation, sink, inputs)) {
      ASSERT_TRUE(p.placed);
      ASSERT_FALSE(p.exemption);
      const json levels = levelsJson(p.chain, compilation, &policies);
      std::string id = std::to_string(sent.size());
      const eval::Request& r = p.request;
      json c = {{"id", id}, {"scps", levels}, {"action", r.action}, {"resource", r.resource},
                {"principal", r.principalArn}, {"context", contextJson(r)}};
      if (!p.rcpChain.empty()) {
        c["rcps"] = levelsJson(p.rcpChain, compilation, &policies);
        c["resourceAccount"] = *p.rcpOwnerAccountId;
      }
      cases.push_back(std::move(c));
      sent.push_back(Sent{id, decide(p, r), describe(r)});
    }
    ASSERT_NO_FATAL_FAILURE(compareWithOracle(oracle, cases, sent, disagreements, std::string(run.program) + ": "));
    total += sent.size();
  }
  std::cout << fmt::format("JSON policies: {} requests compared with iam-simulate, {} disagreements\n", total,
                           disagreements);
  EXPECT_EQ(total, 20u);
}

}  // namespace
}  // namespace rootpol
