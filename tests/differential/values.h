#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "policy/document.h"

// Context values on both sides of a document's conditions. Values are templates: a `${key}`
// in them is resolved against the request once every key has its value (resolveVariables),
// so that `StringEquals aws:ResourceTag/team: ${aws:PrincipalTag/team}` can match.
namespace rootpol::differential {

struct KeyValues {
  std::string key;                // as the first condition on it spells it
  bool array = false;             // the catalog types it ArrayOf...: always sent as a list
  std::vector<std::string> hit;   // values that make some condition on the key true
  std::vector<std::string> miss;  // values that make them false (as far as it can tell)
};

// The condition keys of `document` (aws:PrincipalArn and aws:PrincipalAccount excepted: the
// principal decides them), keys only named in policy variables included, merged without
// regard to case. Values are well-formed for the operator that tests them: addresses inside
// and outside the blocks, the boundaries of numbers and dates plus and minus one (in the
// policy's date format), both booleans, instances of Like and Arn patterns.
std::vector<KeyValues> conditionValues(const policy::Document& document,
                                       const catalog::Catalog& catalog);

// The values of conditions on `key` (any operator but Null), for principals and accounts.
std::vector<std::string> valuesOf(const policy::Document& document, std::string_view key);

// A concrete string matched by the IAM wildcard pattern: `*` becomes `star`, `?` becomes `q`.
// `${...}` is kept for resolveVariables.
std::string instantiateLike(std::string_view pattern, std::string_view star);
// An ARN matched by an ArnLike/Resource pattern, part by part: a `*` part of the partition,
// region and account becomes `aws`, `us-east-1` and `account`; any other `*` becomes `star`.
// A short pattern ending in `*` is padded (IAM Resource element). nullopt when it is no ARN.
std::optional<std::string> instantiateArn(std::string_view pattern, std::string_view account,
                                          std::string_view star);

// Substitutes `${key}` (from `lookup`, else the `'default'`, else left as written) and the
// escapes `${*}`, `${?}`, `${$}`, read by the hub's tokeniser (policy/variables.h).
using Lookup = std::function<std::optional<std::string>(std::string_view key)>;
std::string resolveVariables(std::string_view text, const Lookup& lookup);

}  // namespace rootpol::differential
