#include "runner.h"

#include <algorithm>
#include <chrono>

namespace rootpol::differential {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<eval::Level> levelsOf(const Chain& chain, const std::vector<SourceDocument>& docs) {
  std::vector<eval::Level> levels;
  for (std::size_t l = 0; l < chain.levels.size(); ++l) {
    eval::Level& level = levels.emplace_back();
    level.target = "level" + std::to_string(l);
    for (long doc : chain.levels[l]) {
      if (doc == kFullAwsAccess) {
        level.policies.push_back({"FullAWSAccess", nullptr});
      } else {
        const SourceDocument& source = docs[static_cast<std::size_t>(doc)];
        level.policies.push_back({source.name, &source.document});
      }
    }
  }
  return levels;
}

// The oracle's error text starts with its reason (`policy.errors {...}`, `invalid.action`).
std::string errorReason(const nlohmann::json& raw) {
  std::string text = raw.is_string() ? raw.get<std::string>() : raw.dump();
  return text.substr(0, text.find_first_of(" {"));
}

}  // namespace

Runner::Runner(const std::vector<SourceDocument>& documents, Generated& generated,
               const QuirkFilter& quirks, const semantic::OracleClient& oracle,
               std::size_t batchSize)
    : documents_(documents),
      generated_(generated),
      quirks_(quirks),
      oracle_(oracle),
      batchSize_(std::max<std::size_t>(batchSize, 1)) {
  evaluators_.reserve(generated.chains.size());
  for (const Chain& chain : generated.chains) {
    evaluators_.emplace_back(levelsOf(chain, documents));
  }
  fullAwsAccess_ = nlohmann::json::parse(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
}

nlohmann::json Runner::oracleCase(std::size_t index, bool namesOnly) const {
  const Case& c = generated_.cases[index];
  nlohmann::json scps = nlohmann::json::array();
  for (const auto& level : generated_.chains[c.chain].levels) {
    nlohmann::json docs = nlohmann::json::array();
    for (long doc : level) {
      const bool full = doc == kFullAwsAccess;
      const SourceDocument* source = full ? nullptr : &documents_[static_cast<std::size_t>(doc)];
      if (namesOnly) {
        docs.push_back(full ? "FullAWSAccess" : source->name);
      } else {
        docs.push_back(full ? fullAwsAccess_ : source->json);
      }
    }
    scps.push_back(std::move(docs));
  }
  nlohmann::json context = nlohmann::json::object();
  for (const auto& [key, values] : c.request.context) {
    const bool list = values.size() != 1 ||
                      std::find(c.arrayKeys.begin(), c.arrayKeys.end(), key) != c.arrayKeys.end();
    context[key] = list ? nlohmann::json(values) : nlohmann::json(values.front());
  }
  return {{"id", std::to_string(index)},         {"scps", std::move(scps)},
          {"action", c.request.action},          {"resource", c.request.resource},
          {"principal", c.request.principalArn}, {"context", std::move(context)}};
}

bool Runner::run(RunStats& stats, std::string& error) {
  stats.generated = generated_.cases.size();
  // Node's own start (and the oracle's imports), measured on empty batches.
  stats.oracleStartupSeconds = 1e9;
  for (int i = 0; i < 2; ++i) {
    auto start = Clock::now();
    if (!oracle_.run(nlohmann::json::array(), error)) return false;
    stats.oracleStartupSeconds = std::min(stats.oracleStartupSeconds, secondsSince(start));
  }
  std::vector<std::size_t> batch;
  for (std::size_t i = 0; i < generated_.cases.size(); ++i) {
    const Case& c = generated_.cases[i];
    if (auto quirk = quirks_.check(generated_.chains[c.chain], c.request)) {
      skip(i, *quirk, stats.skippedBeforeSending, stats);
      continue;
    }
    batch.push_back(i);
    if (batch.size() == batchSize_ && !sendBatch(batch, stats, error)) return false;
    if (batch.size() == batchSize_) batch.clear();
  }
  if (!batch.empty() && !sendBatch(batch, stats, error)) return false;
  timeOurs(stats);
  return true;
}

bool Runner::sendBatch(const std::vector<std::size_t>& batch, RunStats& stats, std::string& error) {
  nlohmann::json cases = nlohmann::json::array();
  for (std::size_t index : batch) cases.push_back(oracleCase(index, false));
  auto start = Clock::now();
  auto results = oracle_.run(cases, error);
  stats.oracleSeconds += secondsSince(start);
  ++stats.oracleCalls;
  if (!results) return false;
  stats.sent += batch.size();
  for (std::size_t i = 0; i < batch.size(); ++i) compare(batch[i], (*results)[i], stats);
  return true;
}

void Runner::skip(std::size_t index, const QuirkHit& hit,
                  std::array<std::size_t, kQuirkCount>& counts, RunStats& stats) const {
  const auto q = static_cast<std::size_t>(hit.quirk);
  if (counts[q]++ == 0) {
    stats.quirkExamples.try_emplace(std::string(quirkName(hit.quirk)), oracleCase(index, true));
  }
  const bool action = hit.document == kFullAwsAccess;
  ++stats.quirkDocuments[q][action ? "(the action)"
                                   : documents_[static_cast<std::size_t>(hit.document)].name];
}

void Runner::compare(std::size_t index, const semantic::OracleResult& result, RunStats& stats) {
  Case& c = generated_.cases[index];
  if (result.decision == "error") {
    std::string reason = errorReason(result.raw);
    if (stats.oracleErrors[reason]++ == 0) {
      stats.oracleErrorExamples[reason] = {{"request", oracleCase(index, true)},
                                           {"raw", result.raw}};
    }
    return;
  }
  // AWS does not send a key the action does not carry for this resource type; the oracle
  // drops such keys (and says which), so our evaluator must not see them either.
  if (!result.ignoredContextKeys.empty()) {
    ++stats.casesWithDroppedKeys;
    auto& context = c.request.context;
    std::erase_if(context, [&](const auto& entry) {
      return std::any_of(
          result.ignoredContextKeys.begin(), result.ignoredContextKeys.end(),
          [&](const std::string& k) { return eval::sameIgnoringCase(k, entry.first); });
    });
    if (auto quirk = quirks_.check(generated_.chains[c.chain], c.request)) {
      skip(index, *quirk, stats.skippedAfterKeyDrop, stats);
      return;
    }
  }
  ++stats.compared;
  const eval::Evaluator& evaluator = evaluators_[c.chain];
  const std::string ours(eval::decisionName(evaluator.evaluate(c.request).decision));
  if (ours == result.decision) {
    ++stats.agreements[ours];
    return;
  }
  if (stats.disagreementCount++ >= kKeptDisagreements) return;
  Disagreement d{index, ours, result.decision, oracleCase(index, true), result.raw, {}};
  for (const eval::LevelTrace& level : evaluator.evaluate(c.request, true).levels) {
    for (const eval::PolicyTrace& policy : level.policies) {
      for (const eval::StatementTrace& s : policy.statements) {
        d.trace.push_back(level.target + " " + policy.name + " #" + std::to_string(s.index + 1) +
                          (s.deny ? " Deny" : " Allow") + (s.applies ? " applies: " : ": ") +
                          s.reason);
      }
    }
  }
  stats.disagreements.push_back(std::move(d));
}

void Runner::timeOurs(RunStats& stats) const {
  // Rounds over every generated request until two seconds have passed, at least three: enough
  // to be measurable on a busy machine. The sink keeps the evaluations from being optimised
  // away.
  std::size_t sink = 0;
  auto start = Clock::now();
  stats.oursBestRoundSeconds = 1e9;
  do {
    auto round = Clock::now();
    for (const Case& c : generated_.cases) {
      sink += static_cast<std::size_t>(evaluators_[c.chain].evaluate(c.request).decision);
    }
    stats.oursBestRoundSeconds = std::min(stats.oursBestRoundSeconds, secondsSince(round));
    ++stats.oursRounds;
    stats.oursEvaluations += generated_.cases.size();
  } while (secondsSince(start) < 2.0 || stats.oursRounds < 3);
  stats.oursSeconds = secondsSince(start);
  if (sink == static_cast<std::size_t>(-1)) stats.oursRounds = 0;
}

void timeOursOnly(const std::vector<SourceDocument>& documents, const Generated& generated,
                  std::size_t rounds, std::ostream& out) {
  std::vector<eval::Evaluator> evaluators;
  evaluators.reserve(generated.chains.size());
  for (const Chain& chain : generated.chains) evaluators.emplace_back(levelsOf(chain, documents));
  std::array<std::size_t, 3> decisions{};
  const auto start = Clock::now();
  for (std::size_t round = 0; round < rounds; ++round) {
    for (const Case& c : generated.cases) {
      ++decisions[static_cast<std::size_t>(evaluators[c.chain].evaluate(c.request).decision)];
    }
  }
  const double seconds = secondsSince(start);
  for (eval::Decision d :
       {eval::Decision::Allow, eval::Decision::ExplicitDeny, eval::Decision::ImplicitDeny}) {
    out << eval::decisionName(d) << " "
        << decisions[static_cast<std::size_t>(d)] / std::max<std::size_t>(rounds, 1) << "\n";
  }
  const std::size_t evaluations = rounds * generated.cases.size();
  out << "evaluations " << evaluations << " in " << seconds << " s";
  if (seconds > 0) out << ", " << static_cast<std::size_t>(evaluations / seconds) << " requests/s";
  out << "\n";
}

}  // namespace rootpol::differential
