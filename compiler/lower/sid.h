#pragma once

#include <string>
#include <string_view>

namespace rootpol::lower {

// "no-root-outside-vpn" -> "NoRootOutsideVpn": Sids allow only letters and digits.
std::string pascalCase(std::string_view name);

// The Sid of part `part` (1-based) of `parts` statements of a rule: the rule's own Sid (from
// `as`) or the policy's name and the rule's 1-based index; a suffix `P<k>` numbers the parts
// when a rule needs several statements.
std::string statementSid(std::string_view base, std::size_t part, std::size_t parts);

}  // namespace rootpol::lower
