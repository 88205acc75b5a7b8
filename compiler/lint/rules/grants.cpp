// RP4033, RP4034, RP4035, RP4036: what an identity policy's `Allow` grants. These only apply
// where an allow grants access (identity and resource policies): an SCP's or RCP's allow only
// lets through what other policies grant, so an SCP allow-list on `*` is normal.
#include <algorithm>

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "lint/rule.h"
#include "lint/rules/facts.h"
#include "policy/arn.h"
#include "policy/facts.h"
#include "policy/glob.h"
#include "base/text.h"

namespace rootpol::lint {
namespace {

Span at(const std::vector<Span>& spans, std::size_t i, Span fallback) {
  return i < spans.size() && spans[i].valid() ? spans[i] : fallback;
}
Span or_(Span span, Span fallback) { return span.valid() ? span : fallback; }

bool wildcardService(std::string_view action) {
  return hasWildcard(action.substr(0, action.find(':')));
}

// The actions a statement's `Action` patterns match, with their details, expanded once.
struct Granted {
  bool everything = false;  // `*` or a wildcard in a service prefix
  std::vector<catalog::Action> actions;
};

Granted expand(const policy::Statement& s, const catalog::Catalog& catalog) {
  Granted out;
  for (const std::string& a : s.actions) {
    if (a == "*" || wildcardService(a)) {
      out.everything = true;
      continue;
    }
    for (const catalog::ActionRef& ref : catalog.matchActions(a).actions) {
      if (std::optional<catalog::Action> details = catalog.action(ref)) out.actions.push_back(std::move(*details));
    }
  }
  return out;
}

// `arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}` -> its resource part
// as a glob, `trail/*`.
std::string resourcePattern(std::string_view arn) {
  policy::ArnParts p;
  if (!policy::splitArn(arn, p)) return {};
  std::string out;
  for (std::size_t i = 0; i < p[5].size(); ++i) {
    std::size_t close = p[5].compare(i, 2, "${") == 0 ? p[5].find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += p[5][i];
    } else {
      out += '*';
      i = close;
    }
  }
  return out;
}

// `r` names every resource of a type the actions act on: `*`, or an ARN of that service whose
// region and account are `*` or empty and whose resource part covers the type's whole format
// (`arn:*:cloudtrail:*:*:trail/*`; `arn:aws:s3:::logs/*` is one bucket's objects, not all).
bool everyResource(std::string_view r, const Granted& granted, const catalog::Catalog& catalog) {
  if (r == "*") return true;
  policy::ArnParts p;
  if (!policy::splitArn(r, p)) return false;
  for (int i : {3, 4}) {
    if (!p[i].empty() && p[i] != "*") return false;
  }
  for (const catalog::Action& a : granted.actions) {
    if (!equalsIgnoreCase(a.ref.service, p[2])) continue;
    for (const catalog::ActionResource& res : a.resources) {
      std::optional<catalog::ResourceType> type = catalog.resourceType(a.ref.service, res.name);
      for (std::string_view arn : type ? type->arns : std::vector<std::string_view>{}) {
        std::string whole = resourcePattern(arn);
        if (!whole.empty() && policy::patternCovers(p[5], whole, false)) return true;
      }
    }
  }
  return false;
}

// The index of the first `Resource` value on every resource, or npos.
std::size_t unscopedIndex(const policy::Statement& s, const Granted& granted, const catalog::Catalog& catalog) {
  for (std::size_t i = 0; i < s.resources.size(); ++i) {
    if (everyResource(s.resources[i], granted, catalog)) return i;
  }
  return std::string::npos;
}

// An allow that grants access: identity statements (no `Principal`) of documents that are not
// SCPs or RCPs.
bool identityAllow(const LintDocument& doc, const policy::Statement& s) {
  return doc.origin == LintDocument::Origin::Json && doc.kind == LintDocument::Kind::Other && !s.deny &&
         !s.principal;
}

std::string listed(const std::vector<std::string>& names, std::size_t most = 3) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += fmt::format("{}`{}`", i ? ", " : "", names[i]);
  if (names.size() > most) out += fmt::format(" and {} more", names.size() - most);
  return out;
}

// RP4033: an allow of actions that act on resources, on every resource.
void checkEveryResource(const policy::Statement& s, const Granted& granted, std::size_t i, LintContext& context) {
  if (i == std::string::npos || s.notResource || s.notAction) return;
  std::vector<std::string> scoped;
  bool everything = granted.everything;
  for (const catalog::Action& a : granted.actions) {
    constexpr unsigned kChanges = catalog::kWrite | catalog::kPermissionsManagement | catalog::kTagging;
    if (!a.resources.empty() && (a.access & kChanges) != 0) scoped.push_back(a.ref.fullName());
  }
  if (!everything && scoped.empty()) return;
  Diagnostic& d = context.sink.report(
      DiagCode::RP4033, at(s.resourceSpans, i, or_(s.resourceSpan, s.origin)),
      everything ? fmt::format("`{}` allows every action on every resource", s.resources[i])
                 : fmt::format("`{}` allows {} on every resource", s.resources[i], listed(scoped)));
  d.notes.push_back("these actions change resources that can be named one by one");
  d.help = "name the resources (ARNs, or patterns such as `arn:aws:s3:::app-*/*`) the principal needs";
}

// RP4034: iam:PassRole or iam:CreateServiceLinkedRole on every role.
void checkRoleActions(const policy::Statement& s, std::size_t star, LintContext& context) {
  bool everyRole = s.notResource || star != std::string::npos;
  if (!everyRole) return;
  Span resourceAt = s.notResource ? or_(s.resourceSpan, s.origin) : at(s.resourceSpans, star, s.origin);
  const char* how = s.notResource ? "with `NotResource`" : "on every resource";
  for (const std::string& needed : policy::policyFacts().actionsNeedingResources) {
    if (s.notAction) {
      if (!facts::appliesToAction(s, needed)) continue;
      Diagnostic& d = context.sink.report(DiagCode::RP4034, or_(s.actionSpan, s.origin),
                                          fmt::format("`NotAction` allows `{}` {}", needed, how));
      d.labels.push_back(Label{resourceAt, "every role"});
      d.help = fmt::format("allow `{}` in its own statement, on the role ARNs it needs", needed);
      continue;
    }
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
      if (!catalog::globMatch(s.actions[i], needed)) continue;
      Diagnostic& d = context.sink.report(
          DiagCode::RP4034, at(s.actionSpans, i, or_(s.actionSpan, s.origin)),
          s.actions[i] == needed ? fmt::format("`{}` {}", needed, how)
                                 : fmt::format("`{}` allows `{}` {}", s.actions[i], needed, how));
      d.labels.push_back(Label{resourceAt, "every role"});
      d.notes.push_back(needed == std::string_view("iam:PassRole")
                            ? "the principal can hand any role, an administrator's too, to a service it controls"
                            : "the principal can create a service-linked role for any service");
      d.help = "name the role ARNs (`arn:aws:iam::111122223333:role/app-*`)";
      break;
    }
  }
}

// RP4035: actions that return credentials, raise privileges or manage permissions.
void checkSensitive(const policy::Statement& s, bool unscoped, LintContext& context) {
  if (s.notAction) return;
  const policy::PolicyFacts& facts = policy::policyFacts();
  for (std::size_t i = 0; i < s.actions.size(); ++i) {
    const std::string& a = s.actions[i];
    if (a == "*" || wildcardService(a)) continue;
    std::vector<std::string> phrases;
    std::vector<std::string> examples;
    std::vector<catalog::ActionRef> matched = context.catalog.matchActions(a).actions;
    for (const policy::SensitiveCategory& c : facts.sensitive) {
      if (c.unscopedOnly && !unscoped) continue;
      std::vector<std::string> hit;
      for (const catalog::ActionRef& ref : matched) {
        if (policy::actionIn(c.actions, ref.fullName())) hit.push_back(ref.fullName());
      }
      if (hit.empty()) continue;
      phrases.push_back(c.phrase);
      examples.insert(examples.end(), hit.begin(), hit.begin() + std::min<std::size_t>(hit.size(), 2));
    }
    std::vector<std::string> managing;
    for (const catalog::ActionRef& ref : matched) {
      std::optional<catalog::Action> details = context.catalog.action(ref);
      if (details && (details->access & catalog::kPermissionsManagement)) managing.push_back(ref.fullName());
    }
    if (!managing.empty()) {
      phrases.push_back("change permissions");
      examples.insert(examples.end(), managing.begin(), managing.begin() + std::min<std::size_t>(managing.size(), 2));
    }
    if (phrases.empty()) continue;
    std::sort(examples.begin(), examples.end());
    examples.erase(std::unique(examples.begin(), examples.end()), examples.end());
    std::string what = phrases[0];
    for (std::size_t k = 1; k < phrases.size(); ++k) what += (k + 1 == phrases.size() ? " and " : ", ") + phrases[k];
    Diagnostic& d = context.sink.report(DiagCode::RP4035, at(s.actionSpans, i, or_(s.actionSpan, s.origin)),
                                        fmt::format("`{}` allows actions that {}", a, what));
    if (examples.size() > 1 || !equalsIgnoreCase(examples[0], a))
      d.notes.push_back(fmt::format("for example {}", listed(examples, 4)));
    d.help = "allow only the actions the principal needs, on named resources; `rootpol catalog actions "
             "PATTERN` lists what a pattern matches";
  }
}

// RP4036: `Allow` with `NotAction`, `NotResource` or `NotPrincipal`.
void checkAllowWithNot(const policy::Statement& s, LintContext& context) {
  auto report = [&](Span span, std::string element, std::string what) {
    Diagnostic& d = context.sink.report(DiagCode::RP4036, span, fmt::format("`Allow` with `{}`", element));
    d.notes.push_back(std::move(what));
    d.help = fmt::format("list what to allow with `{}` instead", element.substr(3));
  };
  if (s.notAction) report(or_(s.actionSpan, s.origin), "NotAction", "it allows every action not listed, including actions of services AWS adds later");
  if (s.notResource) report(or_(s.resourceSpan, s.origin), "NotResource", "it allows the actions on every resource not listed, in every account");
  if (s.principal && s.principal->notPrincipal)
    report(or_(s.principal->span, s.origin), "NotPrincipal", "it allows every principal not listed, anonymous ones too");
}

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json || doc.kind != LintDocument::Kind::Other) return;
  for (const policy::Statement& s : doc.statements()) {
    if (s.deny) continue;
    checkAllowWithNot(s, context);
    if (!identityAllow(doc, s)) continue;
    Granted granted = expand(s, context.catalog);
    std::size_t star = unscopedIndex(s, granted, context.catalog);
    checkEveryResource(s, granted, star, context);
    checkRoleActions(s, star, context);
    checkSensitive(s, s.notResource || star != std::string::npos, context);
  }
}

}  // namespace

extern const LintRule kAllowOnEveryResource{
    DiagCode::RP4033,
    "An identity policy's `Allow` with `\"Resource\": \"*\"` (or an ARN pattern on every resource "
    "of its type, such as `arn:*:cloudtrail:*:*:trail/*`) lets the principal change every resource "
    "of the account that the actions act on, when it needs a few. Actions that act on no resource "
    "type (`s3:ListAllMyBuckets`, `ec2:DescribeInstances`) take `*` only and are not reported, nor "
    "are List and Read actions. SCPs and RCPs are not checked: their `Allow` grants nothing.",
    check, nullptr};

extern const LintRule kUnscopedRoleAction{
    DiagCode::RP4034,
    "`iam:PassRole` on every role lets the principal give any role, an administrator's too, to a "
    "service it controls (an EC2 instance, a Lambda function) and act with that role's permissions; "
    "`iam:CreateServiceLinkedRole` on every role creates roles for any service. IAM Access Analyzer "
    "reports both (pass role / create SLR with star in resource, with `NotResource`, with "
    "`NotAction`). Name the roles.",
    nullptr, nullptr};

extern const LintRule kSensitiveActionAllowed{
    DiagCode::RP4035,
    "Some actions are worth a second look in an identity policy's `Allow`: those that return "
    "credentials (`ecr:GetAuthorizationToken`, `redshift:GetClusterCredentials`), those that let the "
    "principal raise its own privileges when allowed on every resource (`iam:AttachUserPolicy`, "
    "`lambda:UpdateFunctionCode`), and every action of access level Permissions management in the "
    "catalog (`s3:PutBucketPolicy`, `lambda:AddPermission`), which change who may do what. The lists "
    "are data (stdlib/policy_facts.json); the access level comes from the catalog.",
    nullptr, nullptr};

extern const LintRule kAllowWithNotElement{
    DiagCode::RP4036,
    "`NotAction`, `NotResource` and `NotPrincipal` in an `Allow` grant everything that is not "
    "listed: every other action (also those AWS adds later), every other resource in every "
    "account, every other principal including anonymous ones. AWS's documentation recommends "
    "them only with `Deny`. List what to allow instead.",
    nullptr, nullptr};

}  // namespace rootpol::lint
