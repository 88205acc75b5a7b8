#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rootpol::ast {

// The scalar types of the language. Values of every scalar type are written as literals
// (strings, integers, booleans) and checked against the type their context expects.
enum class Scalar { String, Bool, Int, Cidr, Arn, Region, Account, Action, Ou, Date };

// A scalar type or a list of one (lists do not nest: IAM has no nested values).
struct Type {
  Scalar scalar = Scalar::String;
  bool list = false;
  friend bool operator==(const Type&, const Type&) = default;
};

std::string_view scalarName(Scalar scalar);
std::optional<Scalar> scalarFromName(std::string_view name);
std::string typeName(const Type& type);  // "cidr", "[cidr]"

}  // namespace rootpol::ast
