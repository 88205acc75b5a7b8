#include "lower/condition_merge.h"
#include "base/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace rootpol::lower {
namespace {

using policy::ConditionEntry;

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view withoutIfExists(std::string_view op) {
  return endsWith(op, "IfExists") ? op.substr(0, op.size() - 8) : op;
}

// Operators whose value list is an AND (the request must match none of the values).
bool valuesAreConjunctive(std::string_view op) {
  // ForAnyValue:StringNotEquals (a raw operator) holds when some value is outside the list:
  // two such tests do not unite.
  if (op.rfind("ForAnyValue:", 0) == 0) return false;
  std::string_view base = withoutIfExists(op);
  return base.find("Not") != std::string_view::npos;
}

// A sortable number for Numeric values and ISO 8601 dates (fixed-width fields compare as
// text once normalised to UTC "YYYY-MM-DDThh:mm:ss"); nullopt when not comparable.
std::optional<std::string> orderKey(std::string_view op, const std::string& value) {
  if (op.rfind("Numeric", 0) == 0) {
    long long n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || ptr != value.data() + value.size()) return std::nullopt;
    // Offset so that lexicographic order of fixed-width text is numeric order.
    unsigned long long shifted = static_cast<unsigned long long>(n) ^ (1ULL << 63);
    std::string key(20, '0');
    for (int i = 19; i >= 0; --i, shifted /= 10) key[static_cast<std::size_t>(i)] = static_cast<char>('0' + shifted % 10);
    return key;
  }
  // Dates: only UTC forms ("...Z" or date-only) are ordered here.
  if (value.size() == 10) return value + "T00:00:00";
  if (value.size() == 17 && value.back() == 'Z') return value.substr(0, 16) + ":00";
  if (value.size() == 20 && value.back() == 'Z') return value.substr(0, 19);
  return std::nullopt;
}

// For ordering operators, the tighter of two bounds (both tests must hold).
std::optional<std::string> tighter(std::string_view op, const std::string& a, const std::string& b) {
  std::string_view base = withoutIfExists(op);
  bool less = base.find("LessThan") != std::string_view::npos;
  bool greater = base.find("GreaterThan") != std::string_view::npos;
  if (!less && !greater) return std::nullopt;
  auto ka = orderKey(base, a), kb = orderKey(base, b);
  if (!ka || !kb) return std::nullopt;
  return (*ka < *kb) == less ? a : b;
}

constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

// The position of the first entry for (op, key), scanning.
std::size_t findLinear(const std::vector<ConditionEntry>& entries, std::string_view op, std::string_view key) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].op == op && equalsIgnoreCase(entries[i].key, key)) return i;
  }
  return kAbsent;
}

std::vector<std::string> sortedValues(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The merge; `lookup(op, key)` is the position of the first entry for (op, key) or kAbsent,
// `unite(at, values)` appends to entry `at` those of `values` it does not have yet.
template <typename Lookup, typename Unite>
MergeResult mergeWith(std::vector<ConditionEntry>& entries, ConditionEntry entry, Lookup& lookup, Unite& unite) {
  std::size_t at = lookup(entry.op, entry.key);
  if (at == kAbsent) {
    entries.push_back(std::move(entry));
    return MergeResult::Added;
  }
  ConditionEntry* existing = &entries[at];
  if (existing->values.size() == entry.values.size() && sortedValues(existing->values) == sortedValues(entry.values)) {
    return MergeResult::Added;
  }
  if (valuesAreConjunctive(entry.op)) {
    unite(at, std::move(entry.values));
    return MergeResult::Added;
  }
  if (entry.op == "Null" || entry.op == "Bool") return MergeResult::Contradiction;
  if (entry.op == "BoolIfExists") {
    // (absent or false) and (absent or true): only an absent key satisfies both. A Null test
    // of the key may already be there: `exists` contradicts that, `missing` already says it.
    std::size_t null = lookup(std::string_view("Null"), entry.key);
    if (null != kAbsent) {
      return entries[null].values == std::vector<std::string>{"true"} ? MergeResult::Added : MergeResult::Contradiction;
    }
    entries[at] = ConditionEntry{"Null", entry.key, {"true"}};
    return MergeResult::Added;
  }
  if (entry.op == "StringEquals") {
    std::vector<std::string> common;
    std::unordered_set<std::string_view> wanted(entry.values.begin(), entry.values.end());
    for (const std::string& v : existing->values) {
      if (wanted.count(v) > 0) common.push_back(v);
    }
    if (common.empty()) return MergeResult::Contradiction;
    existing->values = std::move(common);
    return MergeResult::Added;
  }
  if (existing->values.size() == 1 && entry.values.size() == 1) {
    if (auto bound = tighter(entry.op, existing->values.front(), entry.values.front())) {
      existing->values = {*bound};
      return MergeResult::Added;
    }
  }
  // The move to IfExists is exact only because the first test requires the key; ForAllValues
  // tests hold on an absent key, so they never move.
  if (!endsWith(entry.op, "IfExists") && entry.op.rfind("ForAllValues:", 0) != 0) {
    entry.op += "IfExists";
    return mergeWith(entries, std::move(entry), lookup, unite);
  }
  return MergeResult::Inexpressible;
}

}  // namespace

MergeResult mergeCondition(std::vector<ConditionEntry>& entries, ConditionEntry entry) {
  auto lookup = [&](std::string_view op, std::string_view key) { return findLinear(entries, op, key); };
  auto unite = [&](std::size_t at, std::vector<std::string> values) {
    std::unordered_set<std::string> present(entries[at].values.begin(), entries[at].values.end());
    for (std::string& v : values) {
      if (present.insert(v).second) entries[at].values.push_back(std::move(v));
    }
  };
  return mergeWith(entries, std::move(entry), lookup, unite);
}

std::string ConditionBlock::indexKey(std::string_view op, std::string_view key) {
  std::string k(op);
  k += '\x1f';
  for (char c : key) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
}

MergeResult ConditionBlock::add(ConditionEntry entry) {
  std::vector<std::pair<std::size_t, std::string>> looked;  // found entries and their index keys
  auto lookup = [&](std::string_view op, std::string_view key) {
    std::string k = indexKey(op, key);
    auto it = index_.find(k);
    if (it == index_.end()) return kAbsent;
    looked.emplace_back(it->second, std::move(k));
    return it->second;
  };
  // Only entries with a conjunctive (negated) operator are united, and nothing else changes
  // their values: each keeps its value set from one test to the next.
  auto unite = [&](std::size_t at, std::vector<std::string> values) {
    auto [it, fresh] = valueSets_.try_emplace(at);
    if (fresh) it->second.insert(entries_[at].values.begin(), entries_[at].values.end());
    for (std::string& v : values) {
      if (it->second.insert(v).second) entries_[at].values.push_back(std::move(v));
    }
  };
  std::size_t before = entries_.size();
  MergeResult result = mergeWith(entries_, std::move(entry), lookup, unite);
  // A found entry may have changed operator (BoolIfExists becomes Null): re-index it, keeping
  // the first position of each pair as the scan in mergeCondition() would find it.
  for (const auto& [at, oldKey] : looked) {
    std::string now = indexKey(entries_[at].op, entries_[at].key);
    if (now == oldKey) continue;
    if (auto it = index_.find(oldKey); it != index_.end() && it->second == at) index_.erase(it);
    auto [it, fresh] = index_.emplace(now, at);
    if (!fresh && it->second > at) it->second = at;
  }
  for (std::size_t at = before; at < entries_.size(); ++at) {
    index_.emplace(indexKey(entries_[at].op, entries_[at].key), at);
  }
  return result;
}

}  // namespace rootpol::lower
