// `test` blocks: requests are checked like the rules they exercise (keys, values, actions).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "sema/checker.h"
#include "sema/literals.h"

namespace rootpol::sema {
namespace {
bool sameKey(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

void Checker::checkTestRequest(ast::TestRequest& request) {
  if (request.action == "*" || hasWildcard(request.action)) {
    sink_
        .report(DiagCode::RP1018, request.actionSpan,
                fmt::format("a test request does one action, not `{}`", request.action))
        .help = "name the action, as in `does s3:GetObject`";
  } else if (auto spelled = checkActionInCatalog(request.action, request.actionSpan)) {
    request.action = *spelled;
  }
  if (request.principal) {
    if (auto problem = checkArn(request.principal->text, false))
      reportLiteralProblem(*problem, request.principal->span, sink_);
  }
  if (request.accountId) {
    if (auto problem = checkAccount(request.accountId->text, false))
      reportLiteralProblem(*problem, request.accountId->span, sink_);
  }
  if (request.resourceAccountId) {
    if (auto problem = checkAccount(request.resourceAccountId->text, false))
      reportLiteralProblem(*problem, request.resourceAccountId->span, sink_);
  }
  if (request.resource && request.resource->text != "*") {
    if (auto problem = checkArn(request.resource->text, false))
      reportLiteralProblem(*problem, request.resource->span, sink_);
  }
  for (ast::TestAssignment& a : request.context) {
    if (!resolveKeyRef(a.key, a.resolved)) continue;
    // A request carries an address, not a range: `source_ip = "198.51.100.7"`.
    if (a.resolved.type.scalar == ast::Scalar::Cidr && a.value.kind == ast::Expr::Kind::String &&
        a.value.text.find('/') == std::string::npos) {
      std::string asRange =
          a.value.text + (a.value.text.find(':') != std::string::npos ? "/128" : "/32");
      if (auto problem = checkCidr(asRange)) {
        reportLiteralProblem(
            LiteralProblem{problem->code, fmt::format("`{}` is not an IP address", a.value.text),
                           ""},
            a.value.span, sink_);
      } else {
        a.values.push_back(ast::Value{a.value.text, a.value.span});
      }
      continue;
    }
    Expectation want{a.resolved.type.scalar, a.resolved.type.list, false};
    resolveValues(a.value, want, a.values);
  }
  checkRemovals(request);
}

// `without k`: k must be a key the request model gives a value (keys.json's always_present,
// aws:AssumedRoot for `assumed root`, aws:PrincipalOrgID for a caller of an organization that
// declares its id), and not one the same request sets.
void Checker::checkRemovals(ast::TestRequest& request) {
  for (ast::TestRemoval& r : request.removed) {
    if (!resolveKeyRef(r.key, r.resolved)) continue;
    auto given = std::find_if(request.context.begin(), request.context.end(), [&](const ast::TestAssignment& a) {
      return !a.resolved.awsKey.empty() && sameKey(a.resolved.awsKey, r.resolved.awsKey);
    });
    if (given != request.context.end()) {
      Diagnostic& d = sink_.report(DiagCode::RP1030, r.key.span,
                                   fmt::format("`{}` is both set and removed", r.resolved.awsKey));
      d.labels.push_back({given->key.span, "set here"});
      d.help = "keep either the value or the `without`";
    } else if (!r.resolved.alwaysPresent && !(request.assumedRoot && sameKey(r.resolved.awsKey, "aws:AssumedRoot")) &&
               !sameKey(r.resolved.awsKey, "aws:PrincipalOrgID")) {
      sink_.report(DiagCode::RP1031, r.key.span,
                   fmt::format("`without` removes nothing: a request has no `{}` unless it sets one", r.resolved.awsKey))
          .help = "only keys AWS puts in every request get a value by default (docs/evaluator.md)";
    }
  }
}

void Checker::checkTest(ast::Test& test) {
  std::size_t errorsBefore = sink_.errorCount();
  for (ast::TestCase& c : test.cases) {
    checkTestRequest(c.request);
    if (c.expect.policy && policies_.count(*c.expect.policy) == 0) {
      sink_.report(DiagCode::RP1001, c.expect.policySpan,
                   fmt::format("no policy named `{}`", *c.expect.policy));
    }
  }
  test.checked = sink_.errorCount() == errorsBefore;
}

}  // namespace rootpol::sema
