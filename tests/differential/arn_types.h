#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

// Which resource ARNs the oracle accepts for an action. iam-simulate refuses a request whose
// ARN fits none of the action's resource types, or several of them once the less specific
// ones are dropped (resourceTypes.js in @cloud-copilot/iam-utils), and a wildcard-only action
// takes only `*`. Our embedded catalog is derived from the very iam-data release the oracle
// uses, so its ARN formats are the oracle's.
namespace rootpol::differential {

struct ActionResources {
  bool known = false;
  bool wildcardOnly = false;
  // The ARN format of each resource type of the action, catalog order; a type with several
  // formats has them joined by ", ", as iam-data (and so the oracle) keeps them.
  std::vector<std::string> typeFormats;
  // One concrete ARN per resource type that the oracle reads as exactly that type.
  std::vector<std::string> samples;
};

class ResourceTypes {
 public:
  explicit ResourceTypes(const catalog::Catalog& catalog) : catalog_(catalog) {}

  // Cached per action name.
  const ActionResources& of(const std::string& action);
  // Whether the oracle reads `arn` as exactly one of the action's resource types.
  static bool fitsOneType(const ActionResources& action, std::string_view arn);

 private:
  const catalog::Catalog& catalog_;
  std::map<std::string, ActionResources> cache_;
};

// A catalog ARN format made concrete: partition `aws`, region `us-east-1`, account
// 111122223333, `filler` for every other placeholder.
std::string instantiateFormat(std::string_view format, std::string_view filler);

}  // namespace rootpol::differential
