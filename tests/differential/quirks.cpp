#include "quirks.h"

#include <algorithm>

#include "eval/request.h"
#include "eval/values.h"
#include "policy/variables.h"
#include "values.h"

namespace rootpol::differential {
namespace {

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// IPv6 text that our evaluator reads as IPv4 (`::ffff:a.b.c.d`).
bool isMappedIpv4(std::string_view text, bool block) {
  if (text.find(':') == std::string_view::npos) return false;
  if (block) {
    auto parsed = eval::parseIpBlock(text);
    return parsed && !parsed->base.v6;
  }
  auto parsed = eval::parseIpAddress(text);
  return parsed && !parsed->v6;
}

// Whether a `${...}` holding a `:` starts in the first five parts of an ARN as the oracle
// splits it (on every `:`; the resource part after the fifth keeps its colons).
bool hasColonInVariable(std::string_view text) {
  std::size_t fifth = 0;
  for (int n = 0; n < 5 && fifth != std::string_view::npos; ++n) {
    fifth = text.find(':', n == 0 ? 0 : fifth + 1);
  }
  for (std::size_t i = text.find("${"); i != std::string_view::npos && i < fifth;
       i = text.find("${", i + 2)) {
    std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) return false;
    if (text.substr(i, end - i).find(':') != std::string_view::npos) return true;
  }
  return false;
}

// Whether both evaluators see a default in `${key, 'default'}`: ours trims around the comma
// and takes any quoted text; the oracle splits on ", " exactly and ignores an empty default.
std::vector<bool> defaultsOf(std::string_view text) {
  std::vector<bool> out;
  for (std::size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i + 2)) {
    std::size_t end = text.find('}', i);
    if (end == std::string_view::npos) break;
    std::string_view inner = text.substr(i + 2, end - i - 2);
    if (inner == "*" || inner == "?" || inner == "$") continue;
    if (inner.find_first_not_of(' ') == inner.find(',')) continue;  // no key: not a variable
    std::size_t comma = inner.find(", ");
    std::string_view fallback = comma == std::string_view::npos ? "" : inner.substr(comma + 2);
    out.push_back(inner.find(',') == comma && fallback.size() > 2 && fallback.front() == '\'' &&
                  fallback.back() == '\'' && fallback.find(", ") == std::string_view::npos);
  }
  return out;
}

}  // namespace

std::string_view quirkName(Quirk quirk) {
  switch (quirk) {
    case Quirk::GetCallerIdentity:
      return "sts-get-caller-identity";
    case Quirk::VariableWithColon:
      return "arn-variable-with-colon";
    case Quirk::NegatedUnresolvedVariable:
      return "negated-operator-unresolved-variable";
    case Quirk::MultiValuedWithoutSetOperator:
      return "multi-valued-key-without-set-operator";
    case Quirk::NotResourceUnresolvedVariable:
      return "not-resource-unresolved-variable";
    case Quirk::MixedDateFormats:
      return "mixed-date-formats";
    case Quirk::ResourceEntryNotAnArn:
      return "resource-entry-not-an-arn";
    case Quirk::Ipv4MappedIpv6:
      return "ipv4-mapped-ipv6-address";
    case Quirk::VariableOutsideVersion2012:
      return "variable-outside-version-2012";
  }
  return "?";
}

QuirkFilter::QuirkFilter(const std::vector<SourceDocument>& documents,
                         const catalog::Catalog& catalog)
    : catalog_(catalog) {
  for (const SourceDocument& doc : documents) {
    std::vector<Statement>& statements = documents_.emplace_back();
    const bool variables = policy::variablesApply(doc.document);
    auto literalVariable = [&](const std::string& text) {
      return !variables && !policy::variableKeys(text).empty();
    };
    for (const policy::Statement& s : doc.document.statements) {
      Statement out{false, s.notAction, s.actions, s.notResource, {}, {}};
      for (const std::string& r : s.resources) {
        out.resources.push_back(resourceEntry(r, variables));
        out.literalVariables |= literalVariable(r);
      }
      for (const policy::ConditionEntry& c : s.conditions) {
        std::optional<policy::Operator> op = policy::parseOperator(c.op);
        if (!op) continue;
        Entry entry;
        entry.key = c.key;
        entry.op = *op;
        for (const std::string& v : c.values) {
          out.literalVariables |= literalVariable(v);
          entry.arnVariableColon |= policy::valueType(op->base) == policy::ValueType::Arn && hasColonInVariable(v);
          (allDigits(v) ? entry.epochValue : entry.isoValue) = true;
          entry.mappedBlock |= policy::valueType(op->base) == policy::ValueType::Ip && isMappedIpv4(v, true);
          entry.variables.push_back(policy::variableKeys(v));
          entry.defaults.push_back(defaultsOf(v));
        }
        out.entries.push_back(std::move(entry));
      }
      statements.push_back(std::move(out));
    }
  }
}

// iam-policy reads an entry made of `*` only as every resource and anything else as an ARN,
// split on every `:`.
QuirkFilter::ResourceEntry QuirkFilter::resourceEntry(const std::string& text, bool variables) {
  QuirkFilter::ResourceEntry entry{policy::ResourcePattern(text, variables), false, false, {}, {}};
  const bool everything = text.find_first_not_of('*') == std::string::npos;
  entry.shortArn = !everything && std::count(text.begin(), text.end(), ':') < 5;
  entry.variableWithColon = hasColonInVariable(text);
  entry.variables = policy::variableKeys(text);
  entry.defaults = defaultsOf(text);
  return entry;
}

bool QuirkFilter::arrayKey(std::string_view key) const {
  std::optional<catalog::ConditionKey> known = catalog_.conditionKey(key);
  return known && known->type.array;
}

// Resolving needs one non-empty value on both sides: the oracle also refuses an empty value
// and any key the catalog types as a list, however many values it holds.
bool QuirkFilter::unresolved(std::string_view key, bool hasDefault,
                             const eval::RequestContext& context) const {
  if (hasDefault) return false;
  auto values = context.find(key);
  return !values || values->size() != 1 || values->front().empty() || arrayKey(key);
}

std::optional<Quirk> QuirkFilter::checkEntry(const Entry& entry,
                                             const eval::RequestContext& context) const {
  const policy::Operator& op = entry.op;
  if (policy::valueType(op.base) == policy::ValueType::Null) return std::nullopt;
  auto found = context.find(entry.key);
  if (!found) return std::nullopt;
  if (entry.arnVariableColon) return Quirk::VariableWithColon;
  if (op.qualifier == policy::SetQualifier::None && (found->size() != 1 || arrayKey(entry.key))) {
    return Quirk::MultiValuedWithoutSetOperator;
  }
  const bool textual = policy::valueType(op.base) == policy::ValueType::String || policy::valueType(op.base) == policy::ValueType::Arn;
  if (policy::isNegated(op.base) && textual) {
    for (std::size_t v = 0; v < entry.variables.size(); ++v) {
      for (std::size_t k = 0; k < entry.variables[v].size(); ++k) {
        const bool hasDefault = k < entry.defaults[v].size() && entry.defaults[v][k];
        if (unresolved(entry.variables[v][k], hasDefault, context)) {
          return Quirk::NegatedUnresolvedVariable;
        }
      }
    }
  }
  if (policy::valueType(op.base) == policy::ValueType::Ip &&
      (entry.mappedBlock || std::any_of(found->begin(), found->end(), [](const std::string& v) {
         return isMappedIpv4(v, false);
       }))) {
    return Quirk::Ipv4MappedIpv6;
  }
  if (policy::valueType(op.base) == policy::ValueType::Date) {
    for (const std::string& value : *found) {
      if (allDigits(value) ? entry.isoValue : entry.epochValue) return Quirk::MixedDateFormats;
    }
  }
  return std::nullopt;
}

std::optional<Quirk> QuirkFilter::checkResources(const Statement& statement,
                                                 const eval::RequestContext& context) const {
  for (const ResourceEntry& entry : statement.resources) {
    if (entry.variableWithColon) return Quirk::VariableWithColon;
    // In Resource the oracle's reading only differs when ours matches; in NotResource an
    // entry the oracle cannot read stops the whole statement there.
    if (entry.shortArn &&
        (statement.notResource || entry.ours.matches(context.request().resource,
                                                     context.resourceArn(), context.variables()))) {
      return Quirk::ResourceEntryNotAnArn;
    }
    if (!statement.notResource) continue;
    for (std::size_t k = 0; k < entry.variables.size(); ++k) {
      const bool hasDefault = k < entry.defaults.size() && entry.defaults[k];
      if (unresolved(entry.variables[k], hasDefault, context)) {
        return Quirk::NotResourceUnresolvedVariable;
      }
    }
  }
  return std::nullopt;
}

std::optional<QuirkHit> QuirkFilter::check(const Chain& chain, const eval::Request& request) const {
  if (eval::sameIgnoringCase(request.action, "sts:GetCallerIdentity")) {
    return QuirkHit{Quirk::GetCallerIdentity};
  }
  eval::RequestContext context(request);
  for (const auto& level : chain.levels) {
    for (long doc : level) {
      if (doc == kFullAwsAccess) continue;
      for (const Statement& statement : documents_[static_cast<std::size_t>(doc)]) {
        bool listed = std::any_of(
            statement.actions.begin(), statement.actions.end(),
            [&](const std::string& p) { return catalog::globMatch(p, request.action); });
        if (listed == statement.notAction) continue;
        if (statement.literalVariables) return QuirkHit{Quirk::VariableOutsideVersion2012, doc};
        if (auto quirk = checkResources(statement, context)) return QuirkHit{*quirk, doc};
        for (const Entry& entry : statement.entries) {
          if (auto quirk = checkEntry(entry, context)) return QuirkHit{*quirk, doc};
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace rootpol::differential
