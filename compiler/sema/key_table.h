#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "catalog/catalog.h"

namespace rootpol::sema {

struct KeyEntry {
  std::string name;       // friendly name ("source_ip"); empty for global-only entries
  std::string awsKey;     // "aws:SourceIp", or a prefix "aws:PrincipalTag/" when parameterised
  ast::Type type;
  bool network = false;
  bool alwaysPresent = false;
  std::string parameter;  // "tag key" when the key takes an argument, else empty
};

// The condition keys the checker knows, read from stdlib/keys.json.
class KeyTable {
 public:
  // Parses keys.json; returns nullopt and sets `error` when the data is malformed (a tool
  // failure, not a user diagnostic).
  static std::optional<KeyTable> fromJson(std::string_view text, std::string& error);
  // The embedded stdlib/keys.json, parsed once. A table that does not parse is a build defect
  // (tests/unit/sema/key_table_test.cpp parses it): std::logic_error, as for regions.json.
  static const KeyTable& builtin();

  const KeyEntry* friendly(std::string_view name) const;
  // A raw AWS key, matched case-insensitively; parameterised keys match by prefix and the
  // returned entry's awsKey is the full key as written.
  std::optional<KeyEntry> global(std::string_view awsKey) const;
  std::vector<std::string> friendlyNames() const;
  std::vector<std::string> globalNames() const;

 private:
  std::vector<KeyEntry> friendly_;
  std::vector<KeyEntry> global_;
};

// The rootpol type of a catalog key type; nullopt for `Binary`, which conditions cannot test.
std::optional<ast::Type> catalogKeyType(catalog::KeyType type);

}  // namespace rootpol::sema
