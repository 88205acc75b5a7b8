#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importer/key_view.h"
#include "policy/document.h"

// One IAM condition entry as a rootpol condition atom.
namespace rootpol::importer {

// Values are printed by the caller (it may replace a repeated list with a `let`): `values`
// is the list the atom tests, `valuesAsInt` when they are bare integers (orderings).
struct Atom {
  std::string key;         // the key as written in the atom
  std::string op;          // `in`, `==`, `like`, `<`, …, `exists`, a quoted IAM operator, or ""
                           // for a bare bool key
  std::vector<std::string> values;
  enum class Print { Strings, Ints, Bools, None } print = Print::Strings;
  bool single = false;     // print one value, not a list
  // The entry is the negation of the atom: the rule says `unless ATOM`.
  bool unless = false;
};

// The language's own atom whose compiled entry is exactly `entry` (negated when `unless`), or
// nullopt when there is none (the importer then writes the raw form).
std::optional<Atom> friendlyAtom(const policy::ConditionEntry& entry, const KeyView& key);

// `KEY "Operator" VALUES`: the entry as written, under `when`; or, with `preferUnless`, a
// negated matcher as `unless` its positive operator (`StringNotLike` as `unless … "StringLike"`).
Atom rawAtom(const policy::ConditionEntry& entry, const KeyView& key, bool preferUnless);

}  // namespace rootpol::importer
