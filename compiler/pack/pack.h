#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "pack/merge.h"
#include "pack/wildcards.h"
#include "policy/document.h"

// The packer (docs/packing.md): a policy document merged exactly (merge.h), then, when it is
// still over the size quota, split into parts attached to the same targets. A statement moves
// whole into one part, or, when its Action list is what makes it large, is cut into statements
// with slices of that list (exact: its actions are an OR, and SCPs attached at one target decide
// together as one document would). The part count is the least the packing finds: exact search
// for a few statements, first-fit-decreasing with a bounded search beyond.
namespace rootpol::pack {

struct PackOptions {
  std::size_t capacity = 0;  // bytes per part, minified as written
  std::size_t maxParts = 64;
  bool merge = true;         // off: statements only tidied, never merged
  MergeOptions mergeOptions;
  // Set: Deny Action lists are compressed with wildcards against these known actions
  // (wildcards.h; matches future actions too, so only on request).
  KnownActions wildcardActions;
};

struct Packed {
  std::vector<policy::Document> parts;  // empty when no packing fits
  std::size_t mergedBytes = 0;          // the merged statements as one document (the optimum)
  // When no packing fits because one statement is too large by itself: the input statement
  // (its index in the document) and its size as the only statement of a document. nullopt with
  // empty parts: more than maxParts would be needed.
  std::optional<std::size_t> oversized;
  std::size_t oversizedBytes = 0;
  std::size_t partsNeeded = 0;  // a lower bound when maxParts was too few
};

Packed packDocument(const policy::Document& document, const PackOptions& options);

// A document of `statements` with the header (Version, Id) of `like`, and its size.
std::size_t documentOverhead(const policy::Document& like);

}  // namespace rootpol::pack
