#include "importer/rule_draft.h"

#include <algorithm>
#include <array>

#include "base/text.h"

namespace rootpol::importer {
namespace {

constexpr std::string_view kRootPattern = "arn:*:iam::*:root";

bool isPrincipalArnLike(const policy::ConditionEntry& entry) {
  return entry.op == "ArnLike" && equalsIgnoreCase(entry.key, "aws:PrincipalArn") && !entry.values.empty();
}

// The guard the compiler adds to a deny rule with a network test (docs/lowering.md §1).
bool isViaServiceGuard(const policy::ConditionEntry& entry) {
  return entry.op == "Bool" && equalsIgnoreCase(entry.key, "aws:ViaAWSService") && entry.values.size() == 1 &&
         entry.values[0] == "false";
}

// The entry `for root credentials` adds beside the root pattern: AssumeRoot sessions carry
// aws:AssumedRoot, long-term root credentials do not (docs/lowering.md).
bool isNoAssumedRoot(const policy::ConditionEntry& entry) {
  return entry.op == "Null" && equalsIgnoreCase(entry.key, "aws:AssumedRoot") && entry.values.size() == 1 &&
         entry.values[0] == "true";
}

bool isRootPattern(const policy::ConditionEntry& entry) {
  return isPrincipalArnLike(entry) && entry.values.size() == 1 && entry.values[0] == kRootPattern;
}

bool identStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool identChar(char c) { return identStart(c) || (c >= '0' && c <= '9') || c == '-'; }

}  // namespace

bool bareAction(std::string_view action) {
  if (action == "*") return true;
  const std::size_t colon = action.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == action.size()) return false;
  const std::string_view service = action.substr(0, colon);
  if (!identStart(service[0]) || !std::all_of(service.begin(), service.end(), identChar) || isHardKeyword(service)) {
    return false;
  }
  // After the colon: identifiers, digits, `*` and `?`. A piece is the text between wildcards.
  std::string_view rest = action.substr(colon + 1);
  if (rest[0] == '-') return false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i) {
    if (i < rest.size() && rest[i] != '*' && rest[i] != '?') {
      if (!identChar(rest[i])) return false;
      continue;
    }
    std::string_view piece = rest.substr(start, i - start);
    // A piece lexes as one IDENT or INT token only if a digit run is not followed by a letter
    // that the grammar would then split; both are allowed by `patternPart+`, but a piece that
    // starts with '-' is not.
    if (!piece.empty() && (piece[0] == '-' || isHardKeyword(piece))) return false;
    start = i + 1;
  }
  return true;
}

RuleDraft draftRule(const policy::Statement& statement, Style style, const KeyViews& keys) {
  RuleDraft rule;
  rule.deny = statement.deny;
  rule.actionsExcept = statement.notAction;
  rule.actions = statement.actions;
  rule.quoteActions = style == Style::Literal ||
                      !std::all_of(rule.actions.begin(), rule.actions.end(), [](const std::string& a) {
                        return bareAction(a);
                      });
  rule.resourcesExcept = statement.notResource;
  if (statement.notResource || statement.resources != std::vector<std::string>{"*"}) {
    rule.resources = statement.resources;
  }
  if (!statement.sid.empty()) rule.sid = statement.sid;

  const bool friendly = style == Style::Friendly;
  bool network = false;
  for (const policy::ConditionEntry& entry : statement.conditions) network = network || keys.view(entry.key).network;
  // A deny with a network test and the guard: the compiler adds the guard back. Otherwise the
  // rule is `strict`, so that the compiler adds nothing.
  const bool impliedGuard =
      friendly && network && statement.deny &&
      std::any_of(statement.conditions.begin(), statement.conditions.end(), isViaServiceGuard);
  rule.strict = network && !impliedGuard;
  bool guardDropped = false;
  // `for root credentials`: the root pattern together with the Null aws:AssumedRoot test.
  const auto& entries = statement.conditions;
  // (The first aws:PrincipalArn ArnLike becomes the rule's `for`, so it must be the root one.)
  const auto firstArnLike = std::find_if(entries.begin(), entries.end(), isPrincipalArnLike);
  const bool rootCredentials = friendly && firstArnLike != entries.end() && isRootPattern(*firstArnLike) &&
                               std::any_of(entries.begin(), entries.end(), isNoAssumedRoot);
  bool credentialsDropped = false;
  for (const policy::ConditionEntry& entry : statement.conditions) {
    if (impliedGuard && !guardDropped && isViaServiceGuard(entry)) {
      guardDropped = true;
      continue;
    }
    if (rootCredentials && !credentialsDropped && isNoAssumedRoot(entry)) {
      credentialsDropped = true;
      rule.rootCredentials = true;
      continue;
    }
    KeyView key = keys.view(entry.key);
    if (friendly && !rule.forRoot && rule.principals.empty() && isPrincipalArnLike(entry)) {
      if (isRootPattern(entry)) {
        rule.forRoot = true;
      } else {
        rule.principals = entry.values;
      }
      continue;
    }
    std::optional<Atom> atom = friendly ? friendlyAtom(entry, key) : std::nullopt;
    if (!atom) {
      if (!friendly) key.text = key.quoted;
      atom = rawAtom(entry, key, friendly);
    }
    (atom->unless ? rule.unless : rule.when).push_back(std::move(*atom));
  }
  return rule;
}

}  // namespace rootpol::importer
