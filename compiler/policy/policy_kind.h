#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "base/source.h"

// What kind of policy a document is, decided from its statements: a service control policy,
// a resource control policy, or another policy (identity, resource-based, declarative).
namespace rootpol::policy {

enum class PolicyKind { Scp, Rcp, Other };

// What decides the kind, per statement (every statement read, usable or not).
struct KindFacts {
  bool principal = false;        // `Principal` or `NotPrincipal` is there
  bool anyonePrincipal = false;  // `"Principal": "*"` or `{"AWS": "*"}`
  bool deny = false;
  bool allow = false;
  bool specificResource = false;  // a `Resource` value other than `*`
};

// The kind, conservatively: a document counts as something other than an SCP only when its
// statements say so plainly, because every SCP check is skipped for it.
//  - Resource-based policies and RCPs must name a principal in every statement, and SCPs may
//    not name one at all: when every statement has `Principal`/`NotPrincipal`, it is an RCP if
//    every statement denies `"Principal": "*"` (or `{"AWS": "*"}`), which is all an RCP may
//    say, and another resource-based policy otherwise. When only some statements name one,
//    the document is an SCP with a mistake in those statements (RP4004).
//  - Identity policies grant: every statement allows, and some name specific resources. SCP
//    allow-lists (FullAWSAccess and the like) allow `"Resource": "*"`, so they stay SCPs.
PolicyKind classify(const std::vector<KindFacts>& facts);

// RP4004 at `key` (a `Principal`/`NotPrincipal` key named `name`) in a document that is an SCP.
void reportPrincipalInScp(Span key, std::string_view name, DiagnosticSink& sink);

}  // namespace rootpol::policy
