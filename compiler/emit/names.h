#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "org/model.h"

// Identifiers for generated code. Terraform names are lowercase snake case, CloudFormation
// logical ids PascalCase alphanumerics; both are derived from user-written names, so two
// names can map to one identifier and a NameTable makes them unique.
namespace rootpol::emit {

// Hands out unique names. A taken base gets `<separator>2`, `<separator>3`, ... in the order
// of the calls, so the result depends only on the sequence of claims.
class NameTable {
 public:
  explicit NameTable(std::string separator) : separator_(std::move(separator)) {}
  std::string claim(const std::string& base);

 private:
  std::string separator_;
  std::set<std::string> used_;
};

// Lowercase; every character outside [a-z0-9] becomes '_'; a leading digit gets a '_' prefix
// because Terraform identifiers cannot start with one. Never empty.
std::string terraformSlug(std::string_view text);
// Keeps [A-Za-z0-9_-] (the rest becomes '_'), for names that are already nearly identifiers,
// such as policy names, where readers expect the name unchanged.
std::string terraformName(std::string_view text);
// Words split at every non-alphanumeric character, each capitalised. An all-caps word is
// lowered after its first letter ("AWS-GR_RESTRICT" -> "AwsGrRestrict") while a mixed-case word
// keeps its inner capitals ("noRootKeys" -> "NoRootKeys"). May be empty.
std::string pascalCase(std::string_view text);

// Per-node identifiers, parallel to Model::nodes, unique among nodes:
// terraform "root", "ou_workloads_prod", "account_audit";
// cloudFormation "Root", "OuWorkloadsProd", "AccountAudit".
struct NodeNames {
  std::vector<std::string> terraform;
  std::vector<std::string> cloudFormation;
};
NodeNames nodeNames(const org::Model& model);

}  // namespace rootpol::emit
