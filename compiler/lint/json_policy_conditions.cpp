// Conditions: operators (with `IfExists` and the set qualifiers), keys against the catalog,
// operators against the key's type, and the values.
#include <fmt/format.h>

#include <unordered_map>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "sema/suggest.h"

namespace rootpol::lint::detail {
namespace {

using catalog::BaseType;

enum class Family : std::uint8_t { String, Numeric, Date, Bool, Binary, Ip, Arn, Null };

struct BaseOperator {
  std::string_view name;
  Family family;
};

constexpr BaseOperator kOperators[] = {
    {"StringEquals", Family::String},
    {"StringNotEquals", Family::String},
    {"StringEqualsIgnoreCase", Family::String},
    {"StringNotEqualsIgnoreCase", Family::String},
    {"StringLike", Family::String},
    {"StringNotLike", Family::String},
    {"NumericEquals", Family::Numeric},
    {"NumericNotEquals", Family::Numeric},
    {"NumericLessThan", Family::Numeric},
    {"NumericLessThanEquals", Family::Numeric},
    {"NumericGreaterThan", Family::Numeric},
    {"NumericGreaterThanEquals", Family::Numeric},
    {"DateEquals", Family::Date},
    {"DateNotEquals", Family::Date},
    {"DateLessThan", Family::Date},
    {"DateLessThanEquals", Family::Date},
    {"DateGreaterThan", Family::Date},
    {"DateGreaterThanEquals", Family::Date},
    {"Bool", Family::Bool},
    {"BinaryEquals", Family::Binary},
    {"IpAddress", Family::Ip},
    {"NotIpAddress", Family::Ip},
    {"ArnEquals", Family::Arn},
    {"ArnLike", Family::Arn},
    {"ArnNotEquals", Family::Arn},
    {"ArnNotLike", Family::Arn},
    {"Null", Family::Null},
};

constexpr std::string_view kQualifiers[] = {"ForAnyValue:", "ForAllValues:"};
constexpr std::string_view kIfExists = "IfExists";

// Operator names are matched as IAM spells them; a different case is reported with the
// right spelling as the suggestion.
std::optional<Family> operatorFamily(std::string_view op) {
  for (std::string_view q : kQualifiers) {
    if (op.starts_with(q)) op.remove_prefix(q.size());
  }
  bool ifExists = op.size() > kIfExists.size() && op.ends_with(kIfExists);
  if (ifExists) op.remove_suffix(kIfExists.size());
  for (const BaseOperator& base : kOperators) {
    if (base.name == op && !(ifExists && base.family == Family::Null)) return base.family;
  }
  return std::nullopt;
}

const std::vector<std::string>& operatorNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (std::string_view q : {std::string_view(), kQualifiers[0], kQualifiers[1]}) {
      for (const BaseOperator& base : kOperators) {
        out.push_back(fmt::format("{}{}", q, base.name));
        if (base.family != Family::Null) out.push_back(fmt::format("{}{}IfExists", q, base.name));
      }
    }
    return out;
  }();
  return names;
}

std::optional<Family> checkOperator(const Located& op, ReadContext& ctx) {
  if (auto family = operatorFamily(op.text)) return family;
  Diagnostic& d = ctx.sink.report(DiagCode::RP4012, op.span,
                                  fmt::format("unknown condition operator `{}`", op.text));
  if (op.text.ends_with("NullIfExists")) {
    d.help = "`Null` takes no `IfExists`: it already tests whether the key exists";
  } else if (!ctx.suggest()) {
    return std::nullopt;
  } else if (auto best = sema::closestMatch(op.text, operatorNames())) {
    d.help = fmt::format("did you mean `{}`?", *best);
  }
  return std::nullopt;
}

// Lenient where IAM is: String operators compare the text of any key (`"true"`, `"3600"`, an
// ARN), ARN operators work on string keys, and epoch seconds compare as numbers on date keys.
// Mismatches are the typed operators on keys of another type, and String operators on
// addresses, where they silently drop the CIDR matching the author meant.
bool operatorFits(Family family, BaseType type) {
  switch (family) {
    case Family::String:
      return type != BaseType::IpAddress;
    case Family::Arn:
      return type == BaseType::Arn || type == BaseType::String;
    case Family::Numeric:
      return type == BaseType::Numeric || type == BaseType::Date;
    case Family::Date:
      return type == BaseType::Date;
    case Family::Bool:
      return type == BaseType::Bool;
    case Family::Binary:
      return type == BaseType::Binary || type == BaseType::String;
    case Family::Ip:
      return type == BaseType::IpAddress;
    case Family::Null:
      return true;
  }
  return true;
}

std::string_view operatorsFor(BaseType type) {
  switch (type) {
    case BaseType::String:
      return "a String operator such as `StringEquals` or `StringLike`";
    case BaseType::Arn:
      return "`ArnLike`, `ArnNotLike` or a String operator";
    case BaseType::Numeric:
      return "a Numeric operator such as `NumericLessThan`";
    case BaseType::Date:
      return "a Date operator such as `DateGreaterThan`";
    case BaseType::Bool:
      return "`Bool`";
    case BaseType::IpAddress:
      return "`IpAddress` or `NotIpAddress`";
    case BaseType::Binary:
      return "`BinaryEquals`";
  }
  return "another operator";
}

void reportUnknownKey(const Located& key, ReadContext& ctx) {
  Diagnostic& d = ctx.sink.report(DiagCode::RP1010, key.span,
                                  fmt::format("unknown condition key `{}`", key.text));
  if (!ctx.suggest()) return;
  std::vector<std::string> names;
  for (const auto& k : ctx.catalog.globalKeys()) names.emplace_back(k.name);
  if (std::size_t colon = key.text.find(':'); colon != std::string::npos) {
    for (const auto& k : ctx.catalog.serviceKeys(key.text.substr(0, colon))) {
      names.emplace_back(k.name);
    }
  }
  if (auto best = sema::closestMatch(key.text, names)) {
    d.help = fmt::format("did you mean `{}`?", *best);
  }
}

bool isIssuerKey(std::string_view key) {
  std::string_view prefix = key.substr(0, key.find(':'));
  return prefix.find_first_of("./") != std::string_view::npos;
}

void checkKey(const Located& op, std::optional<Family> family, const Located& key,
              ReadContext& ctx) {
  auto entry = ctx.catalog.conditionKey(key.text);
  if (!entry) {
    // `aws:RequestTag/${TagKey}` resolves by its prefix; a key that is all placeholder was
    // reported as one (RP4013). Keys of web identity providers are named after the issuer
    // (`token.actions.githubusercontent.com:sub`, `accounts.google.com`): any issuer may be
    // one, so no catalog can list them.
    if (!hasPlaceholder(key.text) && !isIssuerKey(key.text)) reportUnknownKey(key, ctx);
    return;
  }
  if (!family || operatorFits(*family, entry->type.base)) return;
  Diagnostic& d = ctx.sink.report(DiagCode::RP1011, op.span,
                                  fmt::format("`{}` does not apply to `{}`, a key of type {}",
                                              op.text, key.text, keyTypeName(entry->type)));
  d.labels.push_back(Label{key.span, fmt::format("of type {}", keyTypeName(entry->type))});
  d.help = fmt::format("use {}", operatorsFor(entry->type.base));
}

bool readValues(const Located& key, const json::Node& values, ReadContext& ctx,
                LintCondition& out) {
  auto badValue = [&](const json::Node& v) {
    ctx.sink.report(DiagCode::RP4006, v.span,
                    fmt::format("a value of `{}` is {}, not a string, number or boolean", key.text,
                                kindName(v.kind)));
  };
  if (values.kind == json::Kind::Object || values.kind == json::Kind::Null) {
    badValue(values);
    return false;
  }
  if (values.kind != json::Kind::Array) {
    out.values.push_back(Located{scalarText(values, ctx), values.span});
    return true;
  }
  for (const json::Node& v : values.items) {
    if (v.isScalar() && v.kind != json::Kind::Null) {
      out.values.push_back(Located{scalarText(v, ctx), v.span});
    } else {
      badValue(v);
    }
  }
  return true;
}

bool readKeyValues(const Located& op, std::optional<Family> family, const Located& key,
                   const json::Node& values, ReadContext& ctx, LintCondition& out) {
  checkKey(op, family, key, ctx);
  out.op = op;
  out.key = key;
  return readValues(key, values, ctx, out);
}

// Condition keys ignore case, so `aws:sourceip` and `aws:SourceIp` under one operator are
// the same key twice (exact duplicates were reported with the other duplicate JSON keys).
void reportKeysDifferingInCase(const json::Node& keys, ReadContext& ctx) {
  std::unordered_map<std::string, const json::Member*> seen;
  for (const json::Member& m : keys.members) {
    std::string folded;
    for (char c : m.key) folded += asciiLower(c);
    auto [it, inserted] = seen.emplace(folded, &m);
    if (inserted || it->second->key == m.key) continue;
    Diagnostic& d = ctx.sink.report(
        DiagCode::RP4014, m.keySpan,
        fmt::format("`{}` and `{}` are the same condition key", it->second->key, m.key));
    d.labels.push_back(Label{it->second->keySpan, "first given here"});
    d.notes.push_back("condition keys ignore case; only one of the two takes effect");
  }
}

}  // namespace

void readJsonConditions(const json::Node& value, ReadContext& ctx,
                        std::vector<LintCondition>& out) {
  if (value.kind != json::Kind::Object) {
    ctx.sink.report(DiagCode::RP4006, value.span,
                    fmt::format("`Condition` is {}, not an object of condition operators",
                                kindName(value.kind)));
    return;
  }
  std::vector<bool> counts = lastOfTheirKey(value);
  for (std::size_t i = 0; i < value.members.size(); ++i) {
    if (!counts[i]) continue;
    const json::Member& opMember = value.members[i];
    Located op{opMember.key, opMember.keySpan};
    std::optional<Family> family = checkOperator(op, ctx);
    const json::Node& keys = opMember.value;
    if (keys.kind != json::Kind::Object) {
      ctx.sink.report(DiagCode::RP4006, keys.span,
                      fmt::format("the value of `{}` is {}, not an object of condition keys",
                                  op.text, kindName(keys.kind)));
      continue;
    }
    reportKeysDifferingInCase(keys, ctx);
    std::vector<bool> keyCounts = lastOfTheirKey(keys);
    for (std::size_t k = 0; k < keys.members.size(); ++k) {
      if (!keyCounts[k]) continue;
      const json::Member& keyMember = keys.members[k];
      LintCondition condition;
      Located key{keyMember.key, keyMember.keySpan};
      if (readKeyValues(op, family, key, keyMember.value, ctx, condition)) {
        out.push_back(std::move(condition));
      }
    }
  }
}

bool readConditionEntry(Located op, Located key, const json::Node& values, ReadContext& ctx,
                        LintCondition& out) {
  std::optional<Family> family = checkOperator(op, ctx);
  return readKeyValues(op, family, key, values, ctx, out);
}

}  // namespace rootpol::lint::detail
