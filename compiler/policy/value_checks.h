#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "policy/operators.h"

// Whether a policy text is well formed for where it is written: a condition value for the
// type of its operator (IAM condition operators reference; the evaluator reads values the same
// way, eval/values.h), an ARN in `Resource` or under an ARN operator, and the `${...}` policy
// variables of a string. Pure functions, shared by lint (raw JSON) and sema (.rootpol
// literals): a finding is reported by the caller, at the value's span.
namespace rootpol::policy {

struct ValueProblem {
  std::string message;  // "`2026-13-45` is not a date: the month is out of range"
  std::string help;     // may be empty
};

// A value of a Date operator: W3C ISO 8601 (`YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ssZ`, ...) or epoch
// seconds.
std::optional<ValueProblem> checkDate(std::string_view text);
// A value of a Numeric operator: `[+-]digits[.digits]`.
std::optional<ValueProblem> checkNumber(std::string_view text);
// A value of Bool (and of Null): `true` or `false`, in any case.
std::optional<ValueProblem> checkBool(std::string_view text);
// A value of IpAddress/NotIpAddress: an IPv4 or IPv6 address or CIDR block.
std::optional<ValueProblem> checkIp(std::string_view text);
// A well-formed CIDR block whose address has bits set past the prefix (IAM reads it as the
// block, so it is only misleading): the message names the block it stands for.
std::optional<ValueProblem> checkIpHostBits(std::string_view text);
// Whether an IPv4 block lies in a private, loopback or link-local range (10/8, 172.16/12,
// 192.168/16, 127/8, 169.254/16) or an IPv6 one in fc00::/7 or fe80::/10.
bool isPrivateIp(std::string_view text);

// A value of the operator's type, as checkDate/checkNumber/checkBool/checkIp; nothing for the
// String, Arn and Binary types.
std::optional<ValueProblem> checkTypedValue(ValueType type, std::string_view text);

// The shape of an ARN (a pattern: `*` and `?` allowed, and `${...}` variables when
// `variables`): six colon-separated parts, a known partition, a lower-case service, a region
// and an account of the right form, a resource. `*` alone is every resource. Text that does not
// start with `arn:` is a problem too (Resource values are ARNs).
std::optional<ValueProblem> checkArnShape(std::string_view text, bool variables);

// The `${...}` of a string read with variables: an unclosed `${`, an empty key, a default not
// in single quotes. `typed`: the string is a Numeric, Date, Bool or IP value, where IAM
// substitutes nothing, so any variable is a problem.
std::optional<ValueProblem> checkVariables(std::string_view text, bool typed);

}  // namespace rootpol::policy
