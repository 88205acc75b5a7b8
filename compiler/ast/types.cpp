#include "ast/types.h"

#include <array>
#include <utility>

namespace rootpol::ast {
namespace {

constexpr std::array<std::pair<Scalar, std::string_view>, 10> kNames = {{
    {Scalar::String, "string"},
    {Scalar::Bool, "bool"},
    {Scalar::Int, "int"},
    {Scalar::Cidr, "cidr"},
    {Scalar::Arn, "arn"},
    {Scalar::Region, "region"},
    {Scalar::Account, "account"},
    {Scalar::Action, "action"},
    {Scalar::Ou, "ou"},
    {Scalar::Date, "date"},
}};

}  // namespace

std::string_view scalarName(Scalar scalar) {
  for (const auto& [s, name] : kNames) {
    if (s == scalar) return name;
  }
  return "string";
}

std::optional<Scalar> scalarFromName(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::string typeName(const Type& type) {
  std::string scalar(scalarName(type.scalar));
  return type.list ? "[" + scalar + "]" : scalar;
}

}  // namespace rootpol::ast
