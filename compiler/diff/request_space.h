#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "policy/document.h"

// The finite request space that `rootpol diff` enumerates (docs/impact.md). Conditions compare a
// request only against the literals the two programs mention, so every request falls into one
// of finitely many classes: per action, the set of action patterns it matches; per key, each
// literal, the values between and around them, and absent. One request per class decides the
// class, so enumerating the representatives compares the two programs completely (for the
// actions of the catalog).
namespace rootpol::diff {

// Actions that every `Action`/`NotAction` pattern of both programs matches alike.
struct ActionClass {
  std::string representative;        // the first member in catalog order
  std::vector<std::string> members;  // every catalog action of the class (sorted)
  // No pattern matches the class: it stands for every action the programs do not name (only a
  // few of which are members), as `*` and NotAction reach them.
  bool unnamed = false;
};

// The values worth trying for one condition key; nullopt stands for "not given" (absent, or
// the request model's default for a key AWS always sets).
struct KeyCandidates {
  std::string key;  // as first written ("aws:RequestedRegion")
  std::vector<std::optional<std::string>> values;
  std::vector<std::size_t> statements;  // into RequestSpace::statements: where the key is tested
};

struct RequestSpace {
  std::vector<ActionClass> actions;
  std::vector<KeyCandidates> keys;
  // Principal ARN patterns the programs test (aws:PrincipalArn), instantiated per account.
  std::vector<std::string> principalPatterns;
  // Resource patterns the programs name, with `*` and `?` filled in ("arn:aws:s3:::b/x").
  std::vector<std::string> resources;
  // Every statement of both programs, for relevance: a key matters to an action class only
  // when a statement that tests it can apply to the class's actions.
  std::vector<const policy::Statement*> statements;
};

// Keys the enumeration never varies: the principal's own keys follow from the principal.
bool principalKey(std::string_view key);

RequestSpace buildRequestSpace(const std::vector<const policy::Document*>& documents, const catalog::Catalog& catalog);

// Whether `statement` can apply to `action` (its Action or NotAction, case-insensitively).
bool statementCoversAction(const policy::Statement& statement, std::string_view action);

// A concrete text that `pattern` matches: `*` becomes `x`, `?` becomes `x`.
std::string instantiate(std::string_view pattern);

}  // namespace rootpol::diff
