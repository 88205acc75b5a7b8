#include "values.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "eval/condition.h"
#include "eval/request.h"
#include "eval/values.h"
#include "policy/arn.h"
#include "policy/operators.h"
#include "policy/variables.h"

namespace rootpol::differential {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = eval::foldCase(c);
  return out;
}

bool isPrincipalKey(std::string_view key) {
  return eval::sameIgnoringCase(key, "aws:PrincipalArn") ||
         eval::sameIgnoringCase(key, "aws:PrincipalAccount");
}

void add(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::string flipCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string formatAddress(const eval::IpAddress& a) {
  if (!a.v6) return fmt::format("{}.{}.{}.{}", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
  std::string out;
  for (std::size_t i = 0; i < 16; i += 2) {
    out += fmt::format("{}{:x}", i == 0 ? "" : ":", a.bytes[i] << 8 | a.bytes[i + 1]);
  }
  return out;
}

// The address `delta` (+1 or -1) away, wrapping within the family.
eval::IpAddress step(eval::IpAddress a, int delta) {
  const std::size_t width = a.v6 ? 16 : 4;
  for (std::size_t i = width; i-- > 0;) {
    const int v = a.bytes[i] + delta;
    a.bytes[i] = static_cast<std::uint8_t>(v & 0xff);
    if (v >= 0 && v <= 0xff) break;
  }
  return a;
}

// The first or last address of a block (host bits all 0 or all 1).
eval::IpAddress blockEdge(const eval::IpBlock& block, bool last) {
  eval::IpAddress a = block.base;
  const int width = a.v6 ? 128 : 32;
  for (int bit = block.prefix; bit < width; ++bit) {
    auto mask = static_cast<std::uint8_t>(0x80 >> (bit % 8));
    auto& byte = a.bytes[static_cast<std::size_t>(bit / 8)];
    byte = static_cast<std::uint8_t>(last ? byte | mask : byte & ~mask);
  }
  return a;
}

void ipValues(const std::vector<std::string>& values, KeyValues& out) {
  std::vector<eval::IpBlock> blocks;
  for (const std::string& v : values) {
    if (auto block = eval::parseIpBlock(v)) blocks.push_back(*block);
  }
  auto inside = [&](const eval::IpAddress& a) {
    return std::any_of(blocks.begin(), blocks.end(),
                       [&](const eval::IpBlock& b) { return eval::blockContains(b, a); });
  };
  std::vector<eval::IpAddress> candidates;
  for (const eval::IpBlock& block : blocks) {
    candidates.push_back(blockEdge(block, false));
    candidates.push_back(blockEdge(block, true));
    candidates.push_back(step(blockEdge(block, false), -1));  // just below
    candidates.push_back(step(blockEdge(block, true), +1));   // just above
  }
  for (const char* text : {"192.0.2.77", "198.51.100.200", "2001:db8:ffff::1"}) {
    candidates.push_back(*eval::parseIpAddress(text));
  }
  for (const eval::IpAddress& a : candidates) {
    add(inside(a) ? out.hit : out.miss, formatAddress(a));
    // The same IPv4 address written as an IPv4-mapped IPv6 address.
    if (!a.v6) add(inside(a) ? out.hit : out.miss, "::ffff:" + formatAddress(a));
  }
}

std::string numberText(double value, bool integral) {
  return integral ? fmt::format("{}", static_cast<long long>(value)) : fmt::format("{}", value);
}

void numericValues(const std::string& v, KeyValues& out) {
  std::optional<double> n = eval::parseNumber(v);
  if (!n) return;
  const bool integral = v.find('.') == std::string::npos && std::abs(*n) < 1e15;
  add(out.hit, v);
  if (integral) add(out.hit, v + ".0");
  add(out.miss, numberText(*n - 1, integral));
  add(out.miss, numberText(*n + 1, integral));
}

void dateValues(const std::string& v, KeyValues& out) {
  std::optional<eval::Instant> t = eval::parseDate(v);
  if (!t) return;
  // Same format as the policy: iam-simulate compares epoch seconds with ISO milliseconds.
  const bool epoch = std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto text = [&](std::int64_t s) { return epoch ? std::to_string(s) : eval::formatIsoTime(s); };
  add(out.hit, v);
  add(out.hit, text(t->seconds));
  add(out.miss, text(t->seconds - 1));
  add(out.miss, text(t->seconds + 1));
}

void stringValues(const policy::Operator& op, const std::string& v, KeyValues& out) {
  if (policy::comparison(op.base) == policy::Comparison::Like) {
    add(out.hit, instantiateLike(v, ""));
    add(out.hit, instantiateLike(v, "x1"));
    add(out.miss, flipCase(instantiateLike(v, "x1")));
    add(out.miss, "zz-no-match");
    return;
  }
  add(out.hit, v);
  // The case of a value matters to every operator but the IgnoreCase ones.
  (policy::comparison(op.base) == policy::Comparison::EqualsIgnoreCase ? out.hit : out.miss).push_back(flipCase(v));
  add(out.miss, v + "-other");
}

// A value that is simply present, for Null conditions, typed after the catalog.
std::string presentValue(std::string_view key, const catalog::Catalog& catalog) {
  std::optional<catalog::ConditionKey> known = catalog.conditionKey(key);
  switch (known ? known->type.base : catalog::BaseType::String) {
    case catalog::BaseType::Arn:
      return "arn:aws:iam::111122223333:role/Generic";
    case catalog::BaseType::Bool:
      return "true";
    case catalog::BaseType::Numeric:
      return "1";
    case catalog::BaseType::Date:
      return "2024-01-01T00:00:00Z";
    case catalog::BaseType::IpAddress:
      return "192.0.2.10";
    case catalog::BaseType::Binary:
      return "QUJD";
    default:
      return "value-1";
  }
}

void entryValues(const policy::ConditionEntry& entry, const catalog::Catalog& catalog,
                 KeyValues& out) {
  std::optional<policy::Operator> op = policy::parseOperator(entry.op);
  if (!op) return;
  for (const std::string& v : entry.values) {
    switch (policy::valueType(op->base)) {
      case policy::ValueType::String:
        stringValues(*op, v, out);
        break;
      case policy::ValueType::Arn:
        for (const char* star : {"x1", ""}) {
          if (auto arn = instantiateArn(v, "111122223333", star)) add(out.hit, *arn);
        }
        add(out.miss, "arn:aws:iam::999988887777:role/no-match");
        break;
      case policy::ValueType::Numeric:
        numericValues(v, out);
        break;
      case policy::ValueType::Date:
        dateValues(v, out);
        break;
      case policy::ValueType::Bool:
        add(out.hit, "true");
        add(out.hit, "True");
        add(out.miss, "false");
        add(out.miss, "FALSE");
        break;
      case policy::ValueType::Binary:
        add(out.hit, v);
        add(out.miss, "bm8tbWF0Y2g=");
        break;
      case policy::ValueType::Ip:
        ipValues(entry.values, out);
        break;
      default:
        add(out.hit, presentValue(entry.key, catalog));
        break;
    }
  }
}

}  // namespace

std::vector<KeyValues> conditionValues(const policy::Document& document,
                                       const catalog::Catalog& catalog) {
  std::vector<KeyValues> keys;
  std::map<std::string, std::size_t> index;
  auto slot = [&](const std::string& key) -> KeyValues& {
    auto [it, inserted] = index.try_emplace(lower(key), keys.size());
    if (inserted) {
      std::optional<catalog::ConditionKey> known = catalog.conditionKey(key);
      keys.push_back(KeyValues{key, known && known->type.array, {}, {}});
    }
    return keys[it->second];
  };
  std::vector<std::string> variables;
  for (const policy::Statement& statement : document.statements) {
    for (const policy::ConditionEntry& entry : statement.conditions) {
      for (const std::string& v : entry.values) {
        for (std::string& key : policy::variableKeys(v)) variables.push_back(std::move(key));
      }
      if (!isPrincipalKey(entry.key)) entryValues(entry, catalog, slot(entry.key));
    }
    for (const std::string& resource : statement.resources) {
      for (std::string& key : policy::variableKeys(resource)) variables.push_back(std::move(key));
    }
  }
  for (const std::string& key : variables) {
    if (isPrincipalKey(key)) continue;
    KeyValues& values = slot(key);
    add(values.hit, "alpha");
    add(values.hit, "beta");
  }
  for (KeyValues& values : keys) {
    if (values.hit.empty() && values.miss.empty())
      add(values.hit, presentValue(values.key, catalog));
  }
  return keys;
}

std::vector<std::string> valuesOf(const policy::Document& document, std::string_view key) {
  std::vector<std::string> out;
  for (const policy::Statement& statement : document.statements) {
    for (const policy::ConditionEntry& entry : statement.conditions) {
      if (!eval::sameIgnoringCase(entry.key, key) ||
          lower(entry.op).find("null") != std::string::npos) {
        continue;
      }
      for (const std::string& v : entry.values) add(out, v);
    }
  }
  return out;
}

std::string instantiateLike(std::string_view pattern, std::string_view star) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.substr(i, 2) == "${") {
      std::size_t end = pattern.find('}', i + 2);
      if (end != std::string_view::npos) {
        out.append(pattern.substr(i, end - i + 1));
        i = end;
        continue;
      }
    }
    if (pattern[i] == '*') {
      out.append(star);
    } else {
      out.push_back(pattern[i] == '?' ? 'q' : pattern[i]);
    }
  }
  return out;
}

std::optional<std::string> instantiateArn(std::string_view pattern, std::string_view account,
                                          std::string_view star) {
  const std::vector<std::string_view> parts = policy::arnPatternParts(pattern, true);
  if (parts.empty() || parts.front() != "arn") return std::nullopt;
  const bool iam = parts[2] == "iam" || parts[2] == "sts";
  const std::array<std::string_view, 6> defaults = {"arn",   "aws", "iam", iam ? "" : "us-east-1",
                                                    account, star};
  std::string out = "arn";
  for (std::size_t i = 1; i < 6; ++i) {
    out += ':';
    out +=
        parts[i] == "*" ? std::string(defaults[i]) : instantiateLike(parts[i], i == 5 ? star : "");
  }
  return out;
}

std::string resolveVariables(std::string_view text, const Lookup& lookup) {
  std::string out;
  for (const policy::PatternPiece& piece : policy::patternPieces(text, false, true)) {
    if (piece.kind != policy::PatternPiece::Kind::Variable) {
      out.append(piece.text);
    } else if (std::optional<std::string> value = lookup(piece.text)) {
      out += *value;
    } else {
      out.append(piece.fallback.value_or(piece.written));
    }
  }
  return out;
}

}  // namespace rootpol::differential
