// Exact statement merging: see merge.h for the rewrites and why each keeps every decision.
#include "pack/merge.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "policy/normalise.h"
#include "policy/operators.h"

namespace rootpol::pack {
namespace {

struct Item {
  policy::Statement statement;
  std::vector<std::size_t> members;
  bool pinned = false;
  bool alive = true;
  policy::NormalStatement normal;  // of `statement`, kept current
};

// The dimension two statements may differ in and still merge.
enum class Dimension { Actions, Resources, Condition, Nothing };

// Whether the values of an entry are ORed by a positive test, so that two statements differing
// only in them are one statement with the union: qualifier none or `ForAnyValue:` (either holds
// when some request value matches some policy value, IfExists or not), a positive base other
// than Null. Negated bases hold when no value matches (a NOR), `ForAllValues:` when every request
// value matches: neither distributes over a union of policy values.
bool unitesValues(const policy::ConditionEntry& entry) {
  std::optional<policy::Operator> op = entry.oper();
  return op && op->qualifier != policy::SetQualifier::ForAllValues && !policy::isNegated(op->base) &&
         op->base != policy::BaseOperator::Null;
}

// A statement testing one (operator, key) twice is written as its last test (a JSON object keeps
// one member per key), which a merge must not disturb: such a statement is only tidied.
bool repeatsEntry(const policy::NormalStatement& normal) {
  for (std::size_t i = 1; i < normal.conditions.size(); ++i) {
    const auto& a = normal.conditions[i - 1];
    const auto& b = normal.conditions[i];
    if (a.op == b.op && a.key == b.key) return true;
  }
  return false;
}

// What must be equal for two statements to merge along `dimension`; nullopt when this statement
// cannot merge along it. For Condition, `entry` is the normal index of the entry that may differ.
std::optional<policy::NormalStatement> mergeKey(const Item& item, Dimension dimension, std::size_t entry = 0) {
  policy::NormalStatement key = item.normal;
  switch (dimension) {
    case Dimension::Actions:
      if (key.notAction) return std::nullopt;
      key.actions.clear();
      break;
    case Dimension::Resources:
      if (key.notResource || key.resources.empty()) return std::nullopt;
      key.resources.clear();
      break;
    case Dimension::Condition:
      key.conditions[entry].values.clear();
      key.conditions[entry].values.push_back("\x01");  // apart from an entry with no values
      break;
    case Dimension::Nothing:
      break;
  }
  return key;
}

// The condition entry of `statement` whose normal form is `normal` (op and key as normalised).
policy::ConditionEntry* findEntry(policy::Statement& statement, const policy::NormalCondition& normal) {
  for (policy::ConditionEntry& entry : statement.conditions) {
    policy::NormalCondition n = policy::normalise(entry);
    if (n.op == normal.op && n.key == normal.key) return &entry;
  }
  return nullptr;
}

class Merger {
 public:
  Merger(const policy::Document& document, const MergeOptions& options)
      : variables_(policy::variablesApply(document)) {
    for (std::size_t i = 0; i < document.statements.size(); ++i) {
      Item item;
      item.statement = document.statements[i];
      item.members = {i};
      item.pinned = i < options.pinned.size() && options.pinned[i];
      tidyStatement(item.statement, variables_);
      item.normal = policy::normalise(item.statement);
      item.pinned = item.pinned || repeatsEntry(item.normal);
      items_.push_back(std::move(item));
    }
  }

  std::vector<MergedStatement> run() {
    // Each pass can make statements equal in another dimension; a handful of rounds settles it.
    for (int round = 0; round < 8; ++round) {
      bool changed = pass(Dimension::Nothing);
      changed = pass(Dimension::Actions) || changed;
      changed = pass(Dimension::Resources) || changed;
      changed = conditionPass() || changed;
      if (!changed) break;
    }
    std::vector<MergedStatement> out;
    for (Item& item : items_) {
      if (!item.alive) continue;
      if (item.members.size() > 1) item.statement.sid.clear();
      out.push_back(MergedStatement{std::move(item.statement), std::move(item.members)});
    }
    return out;
  }

 private:
  // Merges every group of live, unpinned statements with the same key along `dimension`.
  bool pass(Dimension dimension) {
    std::map<policy::NormalStatement, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (!items_[i].alive || items_[i].pinned) continue;
      std::optional<policy::NormalStatement> key = mergeKey(items_[i], dimension);
      if (key) groups[std::move(*key)].push_back(i);
    }
    bool changed = false;
    for (const auto& [key, group] : groups) {
      if (group.size() < 2) continue;
      absorb(group, dimension, nullptr);
      changed = true;
    }
    return changed;
  }

  // Statements that differ only in the values of one entry that unites them (unitesValues).
  bool conditionPass() {
    std::map<std::pair<policy::NormalStatement, std::size_t>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (!items_[i].alive || items_[i].pinned) continue;
      for (std::size_t e = 0; e < items_[i].normal.conditions.size(); ++e) {
        policy::ConditionEntry* entry = findEntry(items_[i].statement, items_[i].normal.conditions[e]);
        if (entry == nullptr || !unitesValues(*entry)) continue;
        groups[{*mergeKey(items_[i], Dimension::Condition, e), e}].push_back(i);
      }
    }
    std::vector<bool> touched(items_.size(), false);  // merged in this pass: its keys are stale
    bool changed = false;
    for (const auto& [key, candidates] : groups) {
      std::vector<std::size_t> group;
      for (std::size_t i : candidates) {
        if (!touched[i]) group.push_back(i);
      }
      if (group.size() < 2) continue;
      const policy::NormalCondition entry = items_[group.front()].normal.conditions[key.second];
      absorb(group, Dimension::Condition, &entry);
      for (std::size_t i : group) touched[i] = true;
      changed = true;
    }
    return changed;
  }

  // The first item of `group` takes the others' members and their values along `dimension`.
  void absorb(const std::vector<std::size_t>& group, Dimension dimension, const policy::NormalCondition* entry) {
    Item& a = items_[group.front()];
    policy::Statement& s = a.statement;
    policy::ConditionEntry* to = entry != nullptr ? findEntry(s, *entry) : nullptr;
    for (std::size_t g = 1; g < group.size(); ++g) {
      Item& b = items_[group[g]];
      if (dimension == Dimension::Actions) s.actions.insert(s.actions.end(), b.statement.actions.begin(), b.statement.actions.end());
      if (dimension == Dimension::Resources) {
        s.resources.insert(s.resources.end(), b.statement.resources.begin(), b.statement.resources.end());
      }
      if (to != nullptr) {
        const policy::ConditionEntry* add = findEntry(b.statement, *entry);
        for (std::size_t v = 0; v < add->values.size(); ++v) {
          if (to->written.empty() && add->literal(v)) to->written.resize(to->values.size(), policy::Written::String);
          to->values.push_back(add->values[v]);
          if (!to->written.empty()) to->written.push_back(add->literal(v) ? policy::Written::Literal : policy::Written::String);
        }
      }
      a.members.insert(a.members.end(), b.members.begin(), b.members.end());
      b.alive = false;
    }
    std::sort(a.members.begin(), a.members.end());
    tidyStatement(s, variables_);
    a.normal = policy::normalise(s);
  }

  bool variables_;
  std::vector<Item> items_;
};

}  // namespace

std::vector<MergedStatement> mergeStatements(const policy::Document& document, const MergeOptions& options) {
  return Merger(document, options).run();
}

policy::Document documentOf(const policy::Document& like, const std::vector<MergedStatement>& statements) {
  policy::Document out;
  out.version = like.version;
  out.id = like.id;
  out.span = like.span;
  for (const MergedStatement& m : statements) out.statements.push_back(m.statement);
  return out;
}

}  // namespace rootpol::pack
