// Conditions: operators (with `IfExists` and the set qualifiers), keys against the catalog,
// operators against the key's type, and the values.
#include <fmt/format.h>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "policy/catalog_facts.h"
#include "policy/operators.h"
#include "sema/suggest.h"

namespace rootpol::lint::detail {
namespace {

using catalog::BaseType;

using policy::ValueType;

// Every operator name IAM accepts, for suggestions.
const std::vector<std::string>& operatorNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (auto q : {policy::SetQualifier::None, policy::SetQualifier::ForAnyValue,
                   policy::SetQualifier::ForAllValues}) {
      for (policy::BaseOperator base : policy::allBaseOperators()) {
        out.push_back(policy::operatorName({q, base, false}));
        if (policy::allowsIfExists(base)) out.push_back(policy::operatorName({q, base, true}));
      }
    }
    return out;
  }();
  return names;
}

// Operator names are matched as IAM spells them (policy/operators.h); a different case is
// reported with the right spelling as the suggestion.
std::optional<ValueType> checkOperator(const Located& op, ReadContext& ctx) {
  if (auto parsed = policy::parseOperator(op.text)) return policy::valueType(parsed->base);
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
bool operatorFits(ValueType family, BaseType type) {
  switch (family) {
    case ValueType::String:
      return type != BaseType::IpAddress;
    case ValueType::Arn:
      return type == BaseType::Arn || type == BaseType::String;
    case ValueType::Numeric:
      return type == BaseType::Numeric || type == BaseType::Date;
    case ValueType::Date:
      return type == BaseType::Date;
    case ValueType::Bool:
      return type == BaseType::Bool;
    case ValueType::Binary:
      return type == BaseType::Binary || type == BaseType::String;
    case ValueType::Ip:
      return type == BaseType::IpAddress;
    case ValueType::Null:
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

void checkKey(const Located& op, std::optional<ValueType> family, const Located& key,
              ReadContext& ctx) {
  auto entry = ctx.catalog.conditionKey(key.text);
  if (!entry) {
    // `aws:RequestTag/${TagKey}` resolves by its prefix; a key that is all placeholder was
    // reported as one (RP4013). Keys of web identity providers are named after the issuer
    // (`token.actions.githubusercontent.com:sub`, `accounts.google.com`): any issuer may be
    // one, so no catalog can list them.
    if (!hasPlaceholder(key.text) && !policy::isIssuerKey(key.text)) reportUnknownKey(key, ctx);
    return;
  }
  if (!family || operatorFits(*family, entry->type.base)) return;
  // At the key: an operator may hold several keys, and only this one mismatches it.
  Diagnostic& d = ctx.sink.report(DiagCode::RP1011, key.span,
                                  fmt::format("`{}` does not apply to `{}`, a key of type {}",
                                              op.text, key.text, keyTypeName(entry->type)));
  d.labels.push_back(Label{op.span, "the operator"});
  d.help = fmt::format("use {}", operatorsFor(entry->type.base));
}

bool readValues(const Located& key, const json::Node& values, ReadContext& ctx,
                policy::ConditionEntry& out) {
  auto add = [&](const json::Node& v) {
    out.values.emplace_back(scalarText(v, ctx));
    out.valueSpans.push_back(v.span);  // Terraform renders every value as a string
  };
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
    add(values);
    return true;
  }
  for (const json::Node& v : values.items) {
    if (v.isScalar() && v.kind != json::Kind::Null) {
      add(v);
    } else {
      badValue(v);
    }
  }
  return true;
}

bool readKeyValues(const Located& op, std::optional<ValueType> family, const Located& key,
                   const json::Node& values, ReadContext& ctx, policy::ConditionEntry& out) {
  checkKey(op, family, key, ctx);
  out.op = op.text;
  out.opSpan = op.span;
  out.key = key.text;
  out.keySpan = key.span;
  out.span = key.span;
  return readValues(key, values, ctx, out);
}

}  // namespace

// Condition keys ignore case, so `aws:sourceip` and `aws:SourceIp` under one operator are
// the same key twice (exact duplicates were reported with the other duplicate JSON keys).
void reportKeysDifferingInCase(const json::Node& keys, ReadContext& ctx) {
  json::forEachDuplicateKey(
      keys,
      [&](const json::Member& first, const json::Member&, const json::Member& m) {
        if (first.key == m.key) return false;  // the same spelling: a duplicate key, reported apart
        Diagnostic& d = ctx.sink.report(DiagCode::RP4014, m.keySpan,
                                        fmt::format("`{}` and `{}` are the same condition key", first.key, m.key));
        d.labels.push_back(Label{first.keySpan, "first given here"});
        d.notes.push_back("condition keys ignore case; only one of the two takes effect");
        return false;
      },
      IgnoreCaseHash{}, IgnoreCaseEqual{});
}

void checkConditionKey(const Located& op, const Located& key, ReadContext& ctx) {
  std::optional<ValueType> family;
  if (auto parsed = policy::parseOperator(op.text)) family = policy::valueType(parsed->base);
  // Large policies repeat a few keys under a few operators: each pair is looked up in the
  // catalog once, until it has a finding.
  const auto bit = static_cast<std::uint16_t>(1u << (family ? static_cast<unsigned>(*family) : 8u));
  std::uint16_t& checked = ctx.checkedConditionKeys[key.text];
  if (checked & bit) return;
  std::size_t before = ctx.sink.diagnostics().size();
  checkKey(op, family, key, ctx);
  if (ctx.sink.diagnostics().size() == before) checked |= bit;
}

bool readConditionEntry(Located op, Located key, const json::Node& values, ReadContext& ctx,
                        policy::ConditionEntry& out) {
  std::optional<ValueType> family = checkOperator(op, ctx);
  return readKeyValues(op, family, key, values, ctx, out);
}

}  // namespace rootpol::lint::detail
