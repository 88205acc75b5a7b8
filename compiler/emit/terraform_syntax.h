#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

// Terraform's JSON syntax (aws-facts §7.4): every string where an expression is expected is a
// template, so text from the program has its `${` and `%{` doubled, and values that must stay
// structured (event patterns, control parameters) are written as HCL literals inside
// `${jsonencode(...)}`. Internal to emit/.
namespace rootpol::emit::detail {

// `${` -> `$${`, `%{` -> `%%{`: the text reads literally inside a template.
std::string escapeTemplate(std::string_view text);
// An HCL quoted string (escaped as HCL reads it, and as a template).
std::string hclString(std::string_view text);
// A JSON value as an HCL expression: objects `{"k"=v}`, tuples `[a,b]`, literals as JSON.
std::string hclLiteral(const nlohmann::json& value);

}  // namespace rootpol::emit::detail
