#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importer/condition_atom.h"
#include "importer/key_view.h"
#include "policy/document.h"

// One policy statement as one rootpol rule, before printing.
namespace rootpol::importer {

// How literally a statement is written. The importer starts with Friendly and falls back to
// Literal for a rule whose compiled statement does not come out as the original.
enum class Style {
  Friendly,  // friendly keys and atoms, `for`, `unless`, the aws:ViaAWSService guard implied
  Literal,   // every entry as `"aws:Key" "Operator" values`, `strict`, actions quoted
};

struct RuleDraft {
  bool deny = true;
  bool actionsExcept = false;
  std::vector<std::string> actions;
  bool quoteActions = false;
  bool resourcesExcept = false;
  std::vector<std::string> resources;  // empty: no `on` (every resource)
  bool forRoot = false;
  bool rootCredentials = false;         // `for root credentials`: forRoot and Null aws:AssumedRoot true
  std::vector<std::string> principals;  // `for [...]`
  std::vector<Atom> when;
  std::vector<Atom> unless;
  bool strict = false;
  std::optional<std::string> sid;  // `as "Sid"`
};

RuleDraft draftRule(const policy::Statement& statement, Style style, const KeyViews& keys);

// Whether `action` can be written bare (`s3:Get*`): the grammar's action pattern, with no piece
// that the lexer would read as a keyword.
bool bareAction(std::string_view action);

}  // namespace rootpol::importer
