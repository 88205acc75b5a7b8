#include "replay.h"

#include <fstream>

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "eval/evaluator.h"
#include "policy/read_document.h"
#include "quirks.h"

namespace rootpol::differential {
namespace {

struct ReplayCase {
  std::vector<SourceDocument> documents;  // every document of the chain, in order
  Chain chain;
  eval::Request request;
};

std::string scalar(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The request as the oracle builds it: aws:PrincipalArn and aws:PrincipalAccount are added
// from the principal unless the case gives them.
eval::Request requestOf(const nlohmann::json& c) {
  eval::Request request;
  request.principalArn = c.value("principal", "arn:aws:iam::123456789012:root");
  request.action = c.value("action", "");
  request.resource = c.value("resource", "*");
  bool hasArn = false, hasAccount = false;
  const nlohmann::json context = c.value("context", nlohmann::json::object());
  for (const auto& [key, value] : context.items()) {
    if (value.is_null()) continue;
    std::vector<std::string> values;
    if (value.is_array()) {
      for (const auto& v : value) values.push_back(scalar(v));
    } else {
      values.push_back(scalar(value));
    }
    hasArn = hasArn || eval::sameIgnoringCase(key, "aws:PrincipalArn");
    hasAccount = hasAccount || eval::sameIgnoringCase(key, "aws:PrincipalAccount");
    request.context.emplace_back(key, std::move(values));
  }
  eval::ArnParts parts;
  if (!hasArn) request.context.push_back({"aws:PrincipalArn", {request.principalArn}});
  if (!hasAccount && eval::splitArn(request.principalArn, parts)) {
    request.context.push_back({"aws:PrincipalAccount", {std::string(parts[4])}});
  }
  return request;
}

bool readCase(const nlohmann::json& c, ReplayCase& out, std::string& error) {
  const nlohmann::json levels = c.value("scps", nlohmann::json::array());
  for (const nlohmann::json& level : levels) {
    nlohmann::json docs = nlohmann::json::array();
    if (level.is_array()) {
      docs = level;
    } else {
      docs.push_back(level);
    }
    auto& indices = out.chain.levels.emplace_back();
    for (const nlohmann::json& doc : docs) {
      const std::string text = doc.is_string() ? doc.get<std::string>() : doc.dump();
      std::optional<policy::Document> parsed = policy::readDocument(text, error);
      if (!parsed) return false;
      indices.push_back(static_cast<long>(out.documents.size()));
      out.documents.push_back({"replay", "scp" + std::to_string(out.documents.size()),
                               std::move(*parsed), nlohmann::json::parse(text)});
    }
  }
  out.request = requestOf(c);
  return true;
}

std::string decide(const ReplayCase& rc) {
  std::vector<eval::Level> levels;
  for (const auto& level : rc.chain.levels) {
    eval::Level& out = levels.emplace_back();
    out.target = "level" + std::to_string(levels.size() - 1);
    for (long doc : level) {
      const SourceDocument& source = rc.documents[static_cast<std::size_t>(doc)];
      out.policies.push_back({source.name, &source.document});
    }
  }
  return std::string(eval::decisionName(eval::evaluate(levels, rc.request).decision));
}

// One output line. A case with a "quirk" member is checked: the filter must name that quirk
// ("" for none) and the evaluators must differ, or agree when the case says "differs": false.
bool replayCase(const nlohmann::json& c, const semantic::OracleResult& result, std::ostream& out) {
  ReplayCase rc;
  std::string error, ours, filter = "-";
  if (readCase(c, rc, error)) {
    ours = decide(rc);
    QuirkFilter quirks(rc.documents, catalog::Catalog::builtin());
    if (auto hit = quirks.check(rc.chain, rc.request)) filter = quirkName(hit->quirk);
  } else {
    ours = "refused: " + error;
  }
  bool ok = true;
  if (c.contains("quirk")) {
    const std::string expected = c.value("quirk", "");
    const bool differs = ours != result.decision;
    ok = (expected.empty() ? "-" : expected) == filter && differs == c.value("differs", true);
  }
  out << fmt::format("{:<48} ours {:<14} oracle {:<14} filter {}{}\n", c.value("id", "?"), ours,
                     result.decision, filter, ok ? "" : "  UNEXPECTED");
  return ok;
}

}  // namespace

int replay(const std::filesystem::path& file, const semantic::OracleClient& oracle,
           std::ostream& out) {
  std::ifstream in(file);
  nlohmann::json input = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (input.is_discarded() || !input.contains("cases") || !input["cases"].is_array()) {
    out << "differential: " << file.string() << " is not {\"cases\":[...]}\n";
    return 2;
  }
  std::string error;
  auto results = oracle.run(input["cases"], error);
  if (!results) {
    out << "differential: " << error << "\n";
    return 2;
  }
  bool ok = true;
  for (std::size_t i = 0; i < results->size(); ++i) {
    ok = replayCase(input["cases"][i], (*results)[i], out) && ok;
  }
  return ok ? 0 : 1;
}

}  // namespace rootpol::differential
