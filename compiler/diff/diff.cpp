#include "diff/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/text.h"
#include "diff/request_space.h"
#include "policy/arn.h"
#include "runner/request_model.h"
#include "runner/test_runner.h"

namespace rootpol::diff {
namespace {

// A caller from outside the organization: SCPs do not govern it, RCPs of the resource's
// account still do.
constexpr std::string_view kOutsideAccount = "999999999999";
constexpr std::string_view kOutsider = "arn:aws:iam::999999999999:role/rootpol-diff-outside";

struct Caller {
  std::string arn;
  bool assumedRoot = false;
  bool outside = false;
};

// A principal pattern as a principal of account `id`: the account field is the account (a
// pattern fixed to another account names nobody there), other wildcards are filled in.
std::optional<std::string> principalIn(std::string_view pattern, const std::string& id) {
  policy::ArnParts parts;
  if (!policy::splitArn(pattern, parts)) return std::nullopt;
  std::string_view account = parts[4];
  const bool wild = hasWildcard(account);
  if (!wild && account != id) return std::nullopt;
  return instantiate(fmt::format("{}:{}:{}:{}:{}:{}", parts[0], parts[1], parts[2], parts[3], wild ? id : std::string(account),
                                 parts[5]));
}

std::vector<Caller> callers(const RequestSpace& space, const std::string& id) {
  std::vector<Caller> out{{fmt::format("arn:aws:iam::{}:root", id)},
                          {fmt::format("arn:aws:iam::{}:root", id), true},
                          {fmt::format("arn:aws:iam::{}:role/rootpol-diff", id)}};
  for (const std::string& p : space.principalPatterns) {
    auto arn = principalIn(p, id);
    if (arn && std::none_of(out.begin(), out.end(), [&](const Caller& c) { return c.arn == *arn && !c.assumedRoot; }))
      out.push_back({*arn});
  }
  out.push_back({std::string(kOutsider), false, true});
  return out;
}

// A resource pattern as a resource of account `id`.
std::string resourceIn(const std::string& resource, const std::string& id) {
  policy::ArnParts parts;
  if (resource == "*" || !policy::splitArn(resource, parts) || parts[4] != "x") return resource;
  return fmt::format("{}:{}:{}:{}:{}:{}", parts[0], parts[1], parts[2], parts[3], id, parts[5]);
}

class Engine {
 public:
  Engine(const Side& before, const Side& after, const RequestSpace& space, const Settings& settings)
      : sides_{&before, &after}, space_(space), settings_(settings) {}

  void account(const Account& account, Result& result) {
    const std::vector<Caller> who = callers(space_, account.id);
    for (const ActionClass& c : space_.actions) {
      std::vector<std::size_t> keys;
      for (std::size_t k = 0; k < space_.keys.size(); ++k) {
        const auto& where = space_.keys[k].statements;
        if (std::any_of(where.begin(), where.end(),
                        [&](std::size_t s) { return statementCoversAction(*space_.statements[s], c.representative); }))
          keys.push_back(k);
      }
      const std::vector<std::string> resources = resourcesFor(c, account.id);
      std::size_t combos = who.size() * resources.size();
      for (std::size_t k : keys) combos *= space_.keys[k].values.size();
      const bool exhaustive = combos <= settings_.maxPerClass;
      if (!exhaustive) result.complete = false;
      for (const Caller& caller : who) {
        for (const std::string& resource : resources) {
          enumerate(account, c, caller, resource, keys, exhaustive, result);
        }
      }
    }
  }

 private:
  // Resources: `*` and those of the statements that can apply to the class.
  std::vector<std::string> resourcesFor(const ActionClass& c, const std::string& id) const {
    std::set<std::string> out{"*"};
    for (const policy::Statement* s : space_.statements) {
      if (!statementCoversAction(*s, c.representative)) continue;
      for (const std::string& r : s->resources) out.insert(resourceIn(instantiate(r), id));
    }
    return {out.begin(), out.end()};
  }

  // Every combination of the keys' values (or, past the limit, each key's values with the
  // others not given).
  void enumerate(const Account& account, const ActionClass& c, const Caller& caller, const std::string& resource,
                 const std::vector<std::size_t>& keys, bool exhaustive, Result& result) {
    std::vector<std::size_t> at(keys.size(), 0);
    if (!exhaustive) {
      decideOne(account, c, caller, resource, keys, at, result);
      for (std::size_t i = 0; i < keys.size(); ++i) {
        for (std::size_t v = 1; v < space_.keys[keys[i]].values.size(); ++v) {
          std::fill(at.begin(), at.end(), 0);
          at[i] = v;
          decideOne(account, c, caller, resource, keys, at, result);
        }
      }
      return;
    }
    while (true) {
      decideOne(account, c, caller, resource, keys, at, result);
      std::size_t i = 0;
      for (; i < keys.size(); ++i) {
        if (++at[i] < space_.keys[keys[i]].values.size()) break;
        at[i] = 0;
      }
      if (i == keys.size()) return;
    }
  }

  // The request of one combination (`at` indexes each key's values; 0 is "not given").
  eval::Request requestFor(const Account& account, const ActionClass& c, const Caller& caller,
                           const std::string& resource, const std::vector<std::size_t>& keys,
                           const std::vector<std::size_t>& at, std::vector<std::pair<std::string, std::string>>* varied) const {
    runner::RequestSpec spec;
    spec.principal = caller.arn;
    spec.assumedRoot = caller.assumedRoot;
    spec.accountId = caller.outside ? std::string(kOutsideAccount) : account.id;
    spec.action = c.representative;
    spec.resource = resource;
    spec.homeRegion = settings_.homeRegion;
    if (!caller.outside) spec.principalOrgId = settings_.organizationId;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto& value = space_.keys[keys[i]].values[at[i]];
      if (!value) continue;
      spec.given.emplace_back(space_.keys[keys[i]].key, std::vector<std::string>{*value});
      if (varied != nullptr) varied->emplace_back(space_.keys[keys[i]].key, *value);
    }
    return runner::modelRequest(spec);
  }

  void decideOne(const Account& account, const ActionClass& c, const Caller& caller, const std::string& resource,
                 const std::vector<std::size_t>& keys, const std::vector<std::size_t>& at, Result& result) {
    const eval::Request request = requestFor(account, c, caller, resource, keys, at, nullptr);
    ++result.requests;
    const bool before = decide(0, account.id, caller.outside, request, false).decision == eval::Decision::Allow;
    const bool after = decide(1, account.id, caller.outside, request, false).decision == eval::Decision::Allow;
    if (before == after) return;
    // The smallest witness: each key the change does not need is left out, so that one change
    // reads as the keys that make it (and the same change in other classes groups together).
    std::vector<std::size_t> minimal = at;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (minimal[i] == 0) continue;
      std::vector<std::size_t> without = minimal;
      without[i] = 0;
      const eval::Request r = requestFor(account, c, caller, resource, keys, without, nullptr);
      if ((decide(0, account.id, caller.outside, r, false).decision == eval::Decision::Allow) == before &&
          (decide(1, account.id, caller.outside, r, false).decision == eval::Decision::Allow) == after)
        minimal = std::move(without);
    }
    std::vector<std::pair<std::string, std::string>> varied;
    const eval::Request witness = requestFor(account, c, caller, resource, keys, minimal, &varied);
    Change change{account, after, witness, std::move(varied), c.members.size(), c.unnamed,
                  outcome(decide(0, account.id, caller.outside, witness, true)),
                  outcome(decide(1, account.id, caller.outside, witness, true))};
    // One witness per class of change: the same action class, direction and statements.
    auto key = std::make_tuple(account.id, c.representative, change.widened, change.before.statements,
                               change.after.statements);
    if (seen_.insert(key).second) result.changes.push_back(std::move(change));
  }

  static Outcome outcome(const eval::Evaluation& e) {
    Outcome out{e.decision, {}};
    for (const runner::Decider& d : runner::deciders(e)) {
      const std::string& sid = d.statement->sid;
      out.statements.push_back(fmt::format("{}{}{}", d.policy, sid.empty() ? "" : " \"" + sid + "\"",
                                           d.level.empty() ? "" : " at " + d.level));
    }
    return out;
  }

  eval::Evaluation decide(int side, const std::string& accountId, bool outside, const eval::Request& request, bool trace) {
    eval::Evaluation scps;
    scps.decision = eval::Decision::Allow;
    if (!outside) {
      const std::optional<eval::Evaluator>& chain = scpEvaluator(side, accountId);
      if (chain) scps = chain->evaluate(request, trace);
    }
    const std::optional<eval::Evaluator>& rcps = rcpEvaluator(side, request.action, accountId);
    if (!rcps) return scps;
    return runner::combine(std::move(scps), rcps->evaluate(request, trace));
  }

  // Each side's chains, compiled once per account (and, for RCPs, per service).
  const std::optional<eval::Evaluator>& scpEvaluator(int side, const std::string& accountId) {
    auto key = std::make_pair(side, accountId);
    auto it = scpEvaluators_.find(key);
    if (it == scpEvaluators_.end()) {
      std::optional<eval::Evaluator> compiled;
      if (auto chain = sides_[side]->scpChain(accountId)) compiled.emplace(*chain);
      it = scpEvaluators_.emplace(key, std::move(compiled)).first;
    }
    return it->second;
  }

  const std::optional<eval::Evaluator>& rcpEvaluator(int side, std::string_view action, const std::string& accountId) {
    auto key = std::make_tuple(side, std::string(action.substr(0, action.find(':'))), accountId);
    auto it = rcpEvaluators_.find(key);
    if (it == rcpEvaluators_.end()) {
      std::optional<eval::Evaluator> compiled;
      const std::vector<eval::Level> chain = sides_[side]->rcpChain(action, accountId);
      if (!chain.empty()) compiled.emplace(chain);
      it = rcpEvaluators_.emplace(key, std::move(compiled)).first;
    }
    return it->second;
  }

  const Side* sides_[2];
  const RequestSpace& space_;
  const Settings& settings_;
  std::map<std::pair<int, std::string>, std::optional<eval::Evaluator>> scpEvaluators_;
  std::map<std::tuple<int, std::string, std::string>, std::optional<eval::Evaluator>> rcpEvaluators_;
  std::set<std::tuple<std::string, std::string, bool, std::vector<std::string>, std::vector<std::string>>> seen_;
};

}  // namespace

Result compare(const Side& before, const Side& after, const std::vector<Account>& accounts,
               const catalog::Catalog& catalog, const Settings& settings) {
  std::vector<const policy::Document*> documents = before.documents;
  documents.insert(documents.end(), after.documents.begin(), after.documents.end());
  const RequestSpace space = buildRequestSpace(documents, catalog);
  Result result;
  result.actionClasses = space.actions.size();
  Engine engine(before, after, space, settings);
  for (const Account& a : accounts) engine.account(a, result);
  std::stable_sort(result.changes.begin(), result.changes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.account.name, a.request.action, b.widened) < std::tie(b.account.name, b.request.action, a.widened);
  });
  return result;
}

}  // namespace rootpol::diff
