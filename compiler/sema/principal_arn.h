#pragma once

#include <optional>
#include <string>
#include <string_view>

// What aws:PrincipalArn can hold, so that a `for [...]` pattern no principal can ever match is
// found (RP1038). The value is always one of (IAM User Guide, "AWS global condition context
// keys", aws:PrincipalArn):
//   arn:PARTITION:iam::ACCOUNT:root
//   arn:PARTITION:iam::ACCOUNT:user/PATH/NAME      arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
//   arn:PARTITION:sts::ACCOUNT:federated-user/NAME
// A role session gives its role's ARN, never `sts::...:assumed-role/...`. The languages below are
// deliberately wider than AWS's (any `aws-...` partition, any printable path) so that a valid
// pattern is never reported; only a part no principal ARN can have is.
namespace rootpol::sema {

// Nullopt when some principal ARN matches `pattern` under ArnLike (each of the six
// colon-separated parts globbed separately, `*` and `?`, case-sensitive); otherwise why none
// can. A pattern that is not six parts is left to the ARN check (RP1006).
std::optional<std::string> principalPatternProblem(std::string_view pattern);

}  // namespace rootpol::sema
