// RP4022, RP4027: resource ARNs: their shape, and whether the statement's actions act on
// resources of that type at all (from the catalog's ARN formats).
#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "base/text.h"
#include "lint/policy_reader.h"
#include "lint/rule.h"
#include "policy/arn.h"
#include "policy/catalog_facts.h"
#include "policy/value_checks.h"
#include "sema/regions.h"

namespace rootpol::lint {
namespace {

Span at(const std::vector<Span>& spans, std::size_t i, Span fallback) {
  return i < spans.size() && spans[i].valid() ? spans[i] : fallback;
}

Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

// `${aws:...}` under a Version that does not make it a variable: IAM compares the text.
bool literalVariable(std::string_view text, Span span, LintContext& context) {
  std::size_t at = text.find("${");
  std::size_t colon = at == std::string_view::npos ? at : text.find(':', at);
  std::size_t close = at == std::string_view::npos ? at : text.find('}', at);
  if (colon == std::string_view::npos || close == std::string_view::npos || colon > close) return false;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4023, span,
      fmt::format("`{}` is literal text: policy variables need `\"Version\": \"2012-10-17\"`", text.substr(at, close - at + 1)));
  d.help = "write `\"Version\": \"2012-10-17\"`";
  return true;
}

void report(LintContext& context, DiagCode code, Span at, policy::ValueProblem p) {
  Diagnostic& d = context.sink.report(code, at, std::move(p.message));
  if (!p.help.empty()) d.help = std::move(p.help);
}

// The variables of an ARN (an unclosed `${`, a default without quotes, a key of none), then its
// shape; template placeholders are left alone (RP4013).
std::optional<policy::ValueProblem> variableProblem(std::string_view text, LintContext& context) {
  if (text.find("${") == std::string_view::npos) return std::nullopt;
  if (auto p = policy::checkVariables(text, false)) return p;
  if (detail::hasPlaceholder(text)) return std::nullopt;
  return policy::checkVariableKeys(context.catalog, text);
}

// False also for a text with a template placeholder, which the checks after it leave alone.
bool shapeOk(std::string_view text, bool variables, Span span, LintContext& context) {
  if (!variables && literalVariable(text, span, context)) return false;
  std::optional<policy::ValueProblem> p;
  if (variables && (p = variableProblem(text, context))) {
    report(context, DiagCode::RP4023, span, *p);
    return false;
  }
  if (detail::hasPlaceholder(text)) return false;
  if ((p = policy::checkArnShape(text, variables))) {
    report(context, DiagCode::RP4022, span, *p);
    return false;
  }
  return true;
}

// An empty region or account where every resource type of the ARN's service has one, or one
// written where none has (`arn:aws:iam:us-east-1:...`: IAM is global).
bool fieldsOk(std::string_view text, const policy::ArnParts& parts, Span span,
              const policy::ResourceFormats::Fields& fields, LintContext& context) {
  auto written = [](std::string_view f) { return !f.empty() && findAnyOf(f, "*?${}<>") == std::string_view::npos; };
  const char* missing = parts[3].empty() && fields.region    ? "region"
                        : parts[4].empty() && fields.account ? "account"
                                                             : nullptr;
  const char* extra = fields.resources.empty()                    ? nullptr
                      : written(parts[3]) && !fields.someRegion   ? "region"
                      : written(parts[4]) && !fields.someAccount ? "account"
                                                                  : nullptr;
  if (missing == nullptr && extra == nullptr) return true;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4022, span,
      missing ? fmt::format("`{}` is not a valid ARN: the {} is missing", text, missing)
              : fmt::format("`{}` is not a valid ARN: `{}` ARNs have no {}", text, parts[2], extra));
  d.notes.push_back(missing ? fmt::format("every resource type of `{}` has a {} in its ARN", parts[2], missing)
                            : fmt::format("no resource type of `{}` has a {} in its ARN, so this never matches",
                                          parts[2], extra));
  d.help = missing ? fmt::format("write the {}, or `*` for any", missing) : fmt::format("leave the {} empty", extra);
  return false;
}

// A Region the region list does not have, or a resource part (wildcards allowed) that fits no
// resource type of the service (`arn:aws:iam::111122223333:role:Admin`). After shapeOk: the
// text has no template placeholder.
bool typeOk(std::string_view text, const policy::ArnParts& parts, Span span, policy::ResourceFormats& formats,
            const policy::ResourceFormats::Fields* fields, LintContext& context) {
  auto literal = [](std::string_view f) { return findAnyOf(f, "*?${}<>") == std::string_view::npos; };
  if (!parts[3].empty() && literal(parts[3]) && literal(parts[1]) && !sema::isKnownRegion(parts[3])) {
    Diagnostic& d = context.sink.report(
        DiagCode::RP4022, span, fmt::format("`{}` is not a valid ARN: `{}` is not a Region", text, parts[3]));
    d.help = "write a Region of `rootpol catalog regions`, or `*`";
    return false;
  }
  if (!literal(parts[2])) return true;
  std::optional<std::vector<std::string>> types = formats.unknownResourceType(parts[2], *fields, parts[5]);
  if (!types) return true;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4022, span,
      fmt::format("`{}` is not a valid ARN: `{}` is no resource of `{}`", text, parts[5], parts[2]));
  std::string forms;
  for (std::size_t i = 0; i < types->size() && i < 6; ++i) forms += fmt::format("{}`{}`", i ? ", " : "", (*types)[i]);
  d.notes.push_back(fmt::format("`{}` ARNs end in {}{}", parts[2], forms, types->size() > 6 ? ", ..." : ""));
  d.help = "`rootpol catalog action NAME` shows the ARN formats of an action's resource types";
  return false;
}

// A Resource or ARN value in full: its shape (shapeOk), then, when it is an ARN (split once),
// its region and account fields (fieldsOk) and its resource type (typeOk).
bool arnOk(std::string_view text, bool variables, Span span, policy::ResourceFormats& formats,
           LintContext& context) {
  if (!shapeOk(text, variables, span, context)) return false;
  policy::ArnParts parts;
  if (!policy::splitArn(text, parts)) return true;
  // The service's fields, looked up once for both checks; a service with a wildcard or a
  // variable could be any, and neither check judges it.
  const policy::ResourceFormats::Fields* fields =
      findAnyOf(parts[2], "*?$") == std::string_view::npos ? &formats.requiredFields(parts[2]) : nullptr;
  return (!fields || fieldsOk(text, parts, span, *fields, context)) &&
         typeOk(text, parts, span, formats, fields, context);
}

// aws:PrincipalArn, aws:SourceArn, ...: keys of type ARN, which String operators test too. Each
// key is looked up once per document: most statements test the same few.
bool arnTypedKey(std::string_view key, LintContext& context, TextMap<bool>& known) {
  if (auto it = known.find(key); it != known.end()) return it->second;
  std::optional<catalog::ConditionKey> entry = context.catalog.conditionKey(key);
  return known.emplace(key, entry && entry->type.base == catalog::BaseType::Arn).first->second;
}

bool startsWithArn(std::string_view value) {
  return value.size() > 4 && equalsIgnoreCase(value.substr(0, 4), "arn:");
}

// Which of a statement's actions take which of its resources, each pair judged once: the
// resource side of RP4027 and the action side ask the same questions. Each action's formats
// are looked up once, and each resource is read once. One table serves a document's
// statements in turn (start), so its lists are made once.
class TakesTable {
 public:
  explicit TakesTable(policy::ResourceFormats& formats) : formats_(formats) {}

  void start(const policy::Statement& s) {
    s_ = &s;
    actionFormats_.assign(s.actions.size(), std::nullopt);
    targets_.assign(s.resources.size(), std::nullopt);
    cells_.assign(s.actions.size() * s.resources.size(), kUnknown);
  }

  bool takes(std::size_t action, std::size_t resource) {
    std::int8_t& cell = cells_[action * s_->resources.size() + resource];
    if (cell != kUnknown) return cell == 1;
    const policy::ResourceFormats::Target& t = target(resource);
    if (!t.always) {
      if (!actionFormats_[action]) actionFormats_[action] = formats_.patternsOf(s_->actions[action]);
      cell = formats_.takes(*actionFormats_[action], t) ? 1 : 0;
    } else {
      cell = 1;  // `*`: no need to look the action up
    }
    return cell == 1;
  }

 private:
  static constexpr std::int8_t kUnknown = -1;
  const policy::ResourceFormats::Target& target(std::size_t resource) {
    if (!targets_[resource]) targets_[resource] = formats_.target(s_->resources[resource]);
    return *targets_[resource];
  }
  const policy::Statement* s_ = nullptr;
  policy::ResourceFormats& formats_;
  std::vector<std::optional<policy::ResourceFormats::Formats>> actionFormats_;
  std::vector<std::optional<policy::ResourceFormats::Target>> targets_;
  std::vector<std::int8_t> cells_;
};

// The other side of RP4027: an action whose resource types fit none of the statement's
// resources (`s3:GetObject` beside `s3:ListBucket` on the bucket `arn:aws:s3:::logs`, or
// `s3:ListBucket` beside `s3:GetObject` on its objects `arn:aws:s3:::logs/*`) never applies
// there. Judged only when every resource is a valid ARN or pattern.
void checkActions(const policy::Statement& s, TakesTable& table, LintContext& context) {
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    bool takes = false;
    for (std::size_t r = 0; r < s.resources.size() && !takes; ++r) takes = table.takes(i, r);
    if (takes) continue;
    Diagnostic& d = context.sink.report(
        DiagCode::RP4027, at(s.actionSpans, i, or_(s.actionSpan, s.origin)),
        fmt::format("`{}` acts on none of this statement's resources", s.actions[i]));
    d.labels.push_back(Label{at(s.resourceSpans, 0, or_(s.resourceSpan, s.origin)), s.resources.size() == 1 ? "the resource" : "the resources"});
    d.notes.push_back("the catalog's resource types for it have other ARN formats (or none: it acts on `*`), "
                      "so the statement never applies to it");
    d.help = fmt::format("`rootpol catalog action {}` lists its resource types; move it to a statement on "
                         "resources it acts on", s.actions[i]);
  }
}

void checkResources(const policy::Statement& s, bool variables, policy::ResourceFormats& formats,
                    TakesTable& table, LintContext& context) {
  bool judgeActions = !s.notResource && !s.notAction && !s.resources.empty();
  // `*` (most statements' one resource) is valid and every action takes it: it needs no table,
  // and beside it no action is reported.
  bool everything = false;
  bool started = false;
  for (std::size_t i = 0; i < s.resources.size(); ++i) {
    const std::string& r = s.resources[i];
    if (r == "*") {
      everything = true;
      continue;
    }
    Span span = at(s.resourceSpans, i, s.origin);
    bool valid = arnOk(r, variables, span, formats, context);
    judgeActions = judgeActions && valid;
    if (!valid || s.notResource || s.notAction) continue;
    if (!started) table.start(s);
    started = true;
    bool taken = false;
    for (std::size_t a = 0; a < s.actions.size() && !taken; ++a) taken = table.takes(a, i);
    if (taken) continue;
    Diagnostic& d = context.sink.report(
        DiagCode::RP4027, span, fmt::format("no action of this statement acts on `{}`", r));
    d.notes.push_back("the catalog's resource types for these actions have other ARN formats, so the "
                      "statement never applies to this resource");
    d.help = "`rootpol catalog action NAME` lists an action's resource types; an object ARN is "
             "`arn:aws:s3:::bucket/*`, a bucket ARN `arn:aws:s3:::bucket`";
  }
  if (judgeActions && !everything) checkActions(s, table, context);
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  bool variables = policy::variablesApply(doc.policy);
  policy::ResourceFormats formats(context.catalog);
  TakesTable table(formats);
  TextMap<bool> arnKeys;
  for (const policy::Statement& s : doc.statements()) {
    checkResources(s, variables, formats, table, context);
    for (const policy::ConditionEntry& e : s.conditions) {
      std::optional<policy::Operator> op = e.oper();
      if (!op) continue;
      policy::ValueType type = policy::valueType(op->base);
      bool arnKey = type == policy::ValueType::String && arnTypedKey(e.key, context, arnKeys);
      if (type != policy::ValueType::Arn && !arnKey) continue;
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        // A String operator compares any text: only what is written as an ARN is held to the shape.
        if (arnKey && !startsWithArn(e.values[i])) continue;
        arnOk(e.values[i], variables, at(e.valueSpans, i, keySpanOf(e, s)), formats, context);
      }
    }
  }
}

}  // namespace

extern const LintRule kArnShape{
    DiagCode::RP4022,
    "An ARN is `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. A `Resource` or ARN-operator value "
    "with another partition than AWS's (`aws`, `aws-cn`, `aws-us-gov`, ...), an upper-case service, "
    "a region or account field of the wrong form, a region where the service's ARNs have none "
    "(`arn:aws:iam:us-east-1:...`) or none where they all have one, missing parts "
    "(`arn:aws:s3:audit-logs`), no resource, or a resource part that fits no resource type of the "
    "service (`role:Admin`, `function/*` for Lambda's `function:NAME`, even with wildcards) never "
    "matches a request: IAM rejects it or compares it in vain. Values written as ARNs under a "
    "String operator on an ARN key (`StringNotLike` on `aws:PrincipalArn`) are checked the same way.",
    check, nullptr, /*costly=*/true};

extern const LintRule kActionResourceMismatch{
    DiagCode::RP4027,
    "Each action acts on resources of given types, each with an ARN format (the service "
    "authorization reference). A resource whose ARN fits none of the types of the statement's "
    "actions (`s3:GetObject` on the bucket ARN `arn:aws:s3:::logs`, whose objects are "
    "`arn:aws:s3:::logs/*`) is never part of a request for them: the statement does nothing for it. "
    "The other way round, an action whose resource types fit none of the statement's resources "
    "(`s3:GetObject` beside `s3:ListBucket` on that bucket ARN, `ec2:DescribeInstances`, which "
    "acts on `*` only, on an instance ARN) never applies there; each is reported at its own "
    "value. A pattern is judged by the resources it may name: `arn:aws:iam::*:role/*` names no "
    "user, and `arn:aws:s3:::logs/*` no bucket (bucket names have no `/`).",
    nullptr, nullptr};

}  // namespace rootpol::lint
