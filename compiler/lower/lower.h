#pragma once

#include "ast/ast.h"
#include "base/diagnostic.h"
#include "policy/document.h"

namespace rootpol::lower {

// Lowers one checked policy (spec section 4) to an SCP document: conditions to negation
// normal form with IAM's dual operators, then disjunctive normal form (one statement per
// disjunct), `for root` as an ArnLike on aws:PrincipalArn, network atoms guarded by
// aws:ViaAWSService unless `strict`, deterministic Sids. Exact: for every request, including
// requests without some keys, the document decides as the rule's meaning does.
policy::Document lowerPolicy(const ast::Policy& policy, DiagnosticSink& sink);

// The root user in an SCP: the partition-agnostic form Control Tower publishes.
inline constexpr const char* kRootPrincipalPattern = "arn:*:iam::*:root";

}  // namespace rootpol::lower
