#pragma once

#include <cstddef>
#include <vector>

#include "policy/document.h"

// Exact statement merging on policy documents (docs/packing.md): the first half of the packer.
// Every rewrite keeps the decision of every request, absent keys included:
//   - Action lists of statements that differ only in Action are united (not NotAction: a
//     statement denies what none of its NotAction patterns match, and the union of two such
//     sets is not a pattern list);
//   - Resource lists of statements that differ only in Resource are united (not NotResource);
//   - the values of one condition entry are united where statements differ only there and the
//     entry is an OR of its values with a positive operator without `ForAllValues:` (a
//     negated operator is a NOR, `ForAllValues:` an every-value test: neither is a union);
//   - identical statements are kept once;
//   - inside every list, values are de-duplicated and sorted, and patterns another pattern of
//     the same list covers are dropped (a list is an OR of its patterns).
// Which statements are merged never depends on their order, and the result is deterministic.
namespace rootpol::pack {

struct MergeOptions {
  // Parallel to the document's statements: true for a statement that keeps its identity (a
  // rule with its own Sid, `as "..."`): it is tidied but never merged with another.
  std::vector<bool> pinned;
};

// One statement of the merged document and the input statements it stands for (ascending).
struct MergedStatement {
  policy::Statement statement;
  std::vector<std::size_t> members;
};

// The merged statements, in the order of their first member. A statement made of several
// members has no Sid (no member's Sid names it); a statement of one member keeps its own.
std::vector<MergedStatement> mergeStatements(const policy::Document& document, const MergeOptions& options = {});

// The document of `statements` with the header (Version, Id) of `like`.
policy::Document documentOf(const policy::Document& like, const std::vector<MergedStatement>& statements);

// The lists of one statement tidied in place (sorted, unique, covered patterns dropped), as
// mergeStatements does to every statement. `variables`: whether `${...}` is a policy variable
// in its document (a pattern with one is only ever dropped as an exact duplicate).
void tidyStatement(policy::Statement& statement, bool variables);

}  // namespace rootpol::pack
