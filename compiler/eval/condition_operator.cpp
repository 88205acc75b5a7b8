#include <array>

#include "eval/condition.h"

namespace rootpol::eval {
namespace {

struct OperatorName {
  std::string_view name;  // lower case
  Family family;
  Compare compare;
  bool negated;
};

// Every operator of the IAM condition operators reference. ArnEquals is ArnLike and
// ArnNotEquals is ArnNotLike: the documentation gives them the same behaviour.
constexpr std::array<OperatorName, 27> kOperators = {{
    {"stringequals", Family::String, Compare::Equals, false},
    {"stringnotequals", Family::String, Compare::Equals, true},
    {"stringequalsignorecase", Family::String, Compare::EqualsIgnoreCase, false},
    {"stringnotequalsignorecase", Family::String, Compare::EqualsIgnoreCase, true},
    {"stringlike", Family::String, Compare::Like, false},
    {"stringnotlike", Family::String, Compare::Like, true},
    {"numericequals", Family::Numeric, Compare::Equals, false},
    {"numericnotequals", Family::Numeric, Compare::Equals, true},
    {"numericlessthan", Family::Numeric, Compare::LessThan, false},
    {"numericlessthanequals", Family::Numeric, Compare::LessThanEquals, false},
    {"numericgreaterthan", Family::Numeric, Compare::GreaterThan, false},
    {"numericgreaterthanequals", Family::Numeric, Compare::GreaterThanEquals, false},
    {"dateequals", Family::Date, Compare::Equals, false},
    {"datenotequals", Family::Date, Compare::Equals, true},
    {"datelessthan", Family::Date, Compare::LessThan, false},
    {"datelessthanequals", Family::Date, Compare::LessThanEquals, false},
    {"dategreaterthan", Family::Date, Compare::GreaterThan, false},
    {"dategreaterthanequals", Family::Date, Compare::GreaterThanEquals, false},
    {"bool", Family::Bool, Compare::Equals, false},
    {"binaryequals", Family::Binary, Compare::Equals, false},
    {"ipaddress", Family::Ip, Compare::Equals, false},
    {"notipaddress", Family::Ip, Compare::Equals, true},
    {"arnequals", Family::Arn, Compare::Like, false},
    {"arnlike", Family::Arn, Compare::Like, false},
    {"arnnotequals", Family::Arn, Compare::Like, true},
    {"arnnotlike", Family::Arn, Compare::Like, true},
    {"null", Family::Null, Compare::Equals, false},
}};

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && sameIgnoringCase(text.substr(0, prefix.size()), prefix);
}

bool endsWithIgnoringCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         sameIgnoringCase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

std::optional<Operator> parseOperator(std::string_view name) {
  Operator op;
  if (startsWithIgnoringCase(name, "ForAnyValue:")) {
    op.set = SetQualifier::ForAnyValue;
    name.remove_prefix(12);
  } else if (startsWithIgnoringCase(name, "ForAllValues:")) {
    op.set = SetQualifier::ForAllValues;
    name.remove_prefix(13);
  }
  if (endsWithIgnoringCase(name, "IfExists")) {
    op.ifExists = true;
    name.remove_suffix(8);
  }
  for (const OperatorName& candidate : kOperators) {
    if (!sameIgnoringCase(candidate.name, name)) continue;
    // IAM rejects NullIfExists ("Null with if exists").
    if (candidate.family == Family::Null && op.ifExists) return std::nullopt;
    op.family = candidate.family;
    op.compare = candidate.compare;
    op.negated = candidate.negated;
    return op;
  }
  return std::nullopt;
}

}  // namespace rootpol::eval
