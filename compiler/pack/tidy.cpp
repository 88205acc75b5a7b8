// The lists of one statement, tidied exactly: values sorted and unique, covered patterns dropped.
#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "base/text.h"
#include "pack/merge.h"
#include "policy/glob.h"
#include "policy/operators.h"

namespace rootpol::pack {
namespace {

std::string folded(std::string_view text, bool ignoreCase) {
  std::string out(text);
  if (ignoreCase) std::transform(out.begin(), out.end(), out.begin(), asciiLower);
  return out;
}

bool hasVariable(std::string_view text) { return text.find("${") != std::string_view::npos; }

// How the patterns of one list may cover each other.
enum class Cover {
  None,      // only exact duplicates go (StringEquals values, numbers, ...)
  StarOnly,  // `*` alone covers everything (ARNs: IAM matches them field by field)
  Glob,      // IAM globs over the whole text (actions, StringLike values)
};

struct ListRule {
  Cover cover = Cover::None;
  bool ignoreCase = false;  // action names: IAM reads them without regard to case
  bool variables = false;   // `${...}` is a variable: such a pattern covers nothing and is covered by nothing
};

// Whether `wide` covers `narrow` under `rule` (never claims what it cannot show).
bool covers(std::string_view wide, std::string_view narrow, const ListRule& rule) {
  if (rule.cover == Cover::None) return false;
  if (rule.cover == Cover::StarOnly) return wide == "*";
  if (rule.variables && (hasVariable(wide) || hasVariable(narrow))) return false;
  return policy::patternCovers(wide, narrow, rule.ignoreCase);
}

// The indexes of `items` to keep: one of each duplicate (the smallest spelling), and none that
// another kept or dropped item covers. A dropped item always has a kept one covering it: an item
// is dropped for a coverer that strictly contains it, or that is equal and sorts first, so
// following coverers never cycles and ends at a kept item.
std::vector<std::size_t> keptItems(const std::vector<std::string>& items, const ListRule& rule) {
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const std::string& item : items) keys.push_back(folded(item, rule.ignoreCase));
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(keys[a], items[a], a) < std::tie(keys[b], items[b], b);
  });
  std::vector<std::size_t> unique;
  for (std::size_t i : order) {
    if (unique.empty() || keys[unique.back()] != keys[i]) unique.push_back(i);
  }
  std::vector<std::size_t> wildcards;  // only a pattern with a wildcard covers another text
  for (std::size_t i : unique) {
    if (rule.cover != Cover::None && hasWildcard(items[i])) wildcards.push_back(i);
  }
  std::vector<std::size_t> kept;
  for (std::size_t x : unique) {
    bool dropped = std::any_of(wildcards.begin(), wildcards.end(), [&](std::size_t w) {
      if (w == x || !covers(items[w], items[x], rule)) return false;
      return !covers(items[x], items[w], rule) || std::tie(keys[w], items[w]) < std::tie(keys[x], items[x]);
    });
    if (!dropped) kept.push_back(x);
  }
  return kept;
}

void tidyStrings(std::vector<std::string>& items, const ListRule& rule) {
  std::vector<std::string> out;
  for (std::size_t i : keptItems(items, rule)) out.push_back(std::move(items[i]));
  std::sort(out.begin(), out.end());
  items = std::move(out);
}

// A condition entry's values: a set under every operator (positive ones OR them, negated ones
// NOR them, set qualifiers test each request value against all of them), so duplicates go and
// the order is free. Only StringLike-family values cover each other.
void tidyCondition(policy::ConditionEntry& entry, bool variables) {
  std::optional<policy::Operator> op = entry.oper();
  ListRule rule{Cover::None, false, variables};
  if (op && policy::comparison(op->base) == policy::Comparison::Like &&
      policy::valueType(op->base) == policy::ValueType::String &&
      std::none_of(entry.written.begin(), entry.written.end(), [](policy::Written w) { return w == policy::Written::Literal; })) {
    rule.cover = Cover::Glob;
  }
  std::vector<std::pair<std::string, policy::Written>> values;
  for (std::size_t i = 0; i < entry.values.size(); ++i) {
    values.emplace_back(entry.values[i], entry.literal(i) ? policy::Written::Literal : policy::Written::String);
  }
  std::vector<std::string> texts;
  for (const auto& [text, written] : values) texts.push_back(text + (written == policy::Written::Literal ? "\x01" : ""));
  std::vector<std::size_t> kept = keptItems(texts, rule);
  std::sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  entry.values.clear();
  entry.written.clear();
  entry.valueSpans.clear();
  bool anyLiteral = false;
  for (std::size_t i : kept) {
    entry.values.push_back(values[i].first);
    entry.written.push_back(values[i].second);
    anyLiteral = anyLiteral || values[i].second == policy::Written::Literal;
  }
  if (!anyLiteral) entry.written.clear();
}

}  // namespace

void tidyStatement(policy::Statement& statement, bool variables) {
  tidyStrings(statement.actions, ListRule{Cover::Glob, true, false});
  tidyStrings(statement.resources, ListRule{Cover::StarOnly, false, variables});
  statement.actionSpans.clear();
  statement.resourceSpans.clear();
  for (policy::ConditionEntry& entry : statement.conditions) tidyCondition(entry, variables);
}

}  // namespace rootpol::pack
