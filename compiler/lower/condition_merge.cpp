#include "lower/condition_merge.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace rootpol::lower {
namespace {

using policy::ConditionEntry;

bool sameKey(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view withoutIfExists(std::string_view op) {
  return endsWith(op, "IfExists") ? op.substr(0, op.size() - 8) : op;
}

// Operators whose value list is an AND (the request must match none of the values).
bool valuesAreConjunctive(std::string_view op) {
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

ConditionEntry* find(std::vector<ConditionEntry>& entries, std::string_view op, std::string_view key) {
  for (ConditionEntry& e : entries) {
    if (e.op == op && sameKey(e.key, key)) return &e;
  }
  return nullptr;
}

std::vector<std::string> sortedValues(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

MergeResult mergeCondition(std::vector<ConditionEntry>& entries, ConditionEntry entry) {
  ConditionEntry* existing = find(entries, entry.op, entry.key);
  if (existing == nullptr) {
    entries.push_back(std::move(entry));
    return MergeResult::Added;
  }
  if (sortedValues(existing->values) == sortedValues(entry.values)) return MergeResult::Added;
  if (valuesAreConjunctive(entry.op)) {
    for (std::string& v : entry.values) {
      if (std::find(existing->values.begin(), existing->values.end(), v) == existing->values.end()) {
        existing->values.push_back(std::move(v));
      }
    }
    return MergeResult::Added;
  }
  if (entry.op == "Null" || entry.op == "Bool") return MergeResult::Contradiction;
  if (entry.op == "BoolIfExists") {
    // (absent or false) and (absent or true): only an absent key satisfies both.
    *existing = ConditionEntry{"Null", entry.key, {"true"}};
    return MergeResult::Added;
  }
  if (entry.op == "StringEquals") {
    std::vector<std::string> common;
    for (const std::string& v : existing->values) {
      if (std::find(entry.values.begin(), entry.values.end(), v) != entry.values.end()) common.push_back(v);
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
  if (!endsWith(entry.op, "IfExists")) {
    entry.op += "IfExists";
    return mergeCondition(entries, std::move(entry));
  }
  return MergeResult::Inexpressible;
}

}  // namespace rootpol::lower
