// RP4039: condition values of the wrong form for their key (a VPC id, a VPC endpoint id, a
// service principal, a KMS algorithm, a Region, an organization id or path), from
// stdlib/policy_facts.json and the region list.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/text.h"
#include "catalog/catalog.h"
#include "lint/policy_reader.h"
#include "lint/rule.h"
#include "policy/facts.h"
#include "sema/regions.h"

namespace rootpol::lint {
namespace {

using policy::BaseOperator;

bool equality(BaseOperator op) {
  return op == BaseOperator::StringEquals || op == BaseOperator::StringNotEquals ||
         op == BaseOperator::StringEqualsIgnoreCase || op == BaseOperator::StringNotEqualsIgnoreCase;
}

// What a document asks again and again, answered once: its statements test a few keys, and a
// Region list repeats the same few Regions.
class FormatMemo {
 public:
  const policy::ValueFormat* formatOf(const std::string& key) {
    auto found = formats_.find(std::string_view(key));
    if (found == formats_.end()) found = formats_.emplace(key, policy::valueFormatOf(key)).first;
    return found->second;
  }
  bool fits(const policy::ValueFormat& f, const std::string& v, BaseOperator op) {
    if (f.regions) {
      auto found = regions_.find(std::string_view(v));
      if (found == regions_.end()) found = regions_.emplace(v, sema::isKnownRegion(v)).first;
      return found->second;
    }
    if (!f.glob.empty()) return catalog::globMatch(f.glob, v);
    for (const std::string& allowed : f.values) {
      if (allowed == v || (op != BaseOperator::StringEquals && op != BaseOperator::StringNotEquals &&
                           catalog::globMatch(allowed, v)))
        return true;
    }
    return false;
  }

 private:
  TextMap<const policy::ValueFormat*> formats_;  // policy::valueFormatOf, by key as written
  TextMap<bool> regions_;                        // sema::isKnownRegion
};

void check(const LintDocument& doc, LintContext& context) {
  if (doc.origin != LintDocument::Origin::Json) return;
  FormatMemo memo;
  for (const policy::Statement& s : doc.statements()) {
    for (const policy::ConditionEntry& e : s.conditions) {
      std::optional<policy::Operator> op = e.oper();
      if (!op || !equality(op->base)) continue;
      const policy::ValueFormat* f = memo.formatOf(e.key);
      if (!f) continue;
      for (std::size_t i = 0; i < e.values.size(); ++i) {
        const std::string& v = e.values[i];
        // Wildcards, variables, and placeholders of samples (`<my-vpc>`, `{example-region-1}`).
        if (findAnyOf(v, "*?<>{}") != std::string::npos || detail::hasPlaceholder(v)) continue;
        if (memo.fits(*f, v, op->base)) continue;
        Span span = i < e.valueSpans.size() && e.valueSpans[i].valid() ? e.valueSpans[i] : keySpanOf(e, s);
        Diagnostic& d = context.sink.report(DiagCode::RP4039, span,
                                            fmt::format("`{}` is not {}, as `{}` takes", v, f->what, e.key));
        d.notes.push_back("no request carries such a value, so the comparison never matches (a negated "
                          "one always does)");
        d.help = f->values.empty() ? fmt::format("write {}", f->what)
                                   : fmt::format("write one of `{}`", fmt::join(f->values, "`, `"));
      }
    }
  }
}

}  // namespace

extern const LintRule kConditionValueFormat{
    DiagCode::RP4039,
    "Some condition keys carry values of a fixed form: `aws:SourceVpc` a VPC id (`vpc-...`), "
    "`aws:SourceVpce` an endpoint id (`vpce-...`), `aws:PrincipalServiceName` a service principal "
    "(`cloudtrail.amazonaws.com`), the KMS algorithm and key-spec keys one of the values AWS "
    "defines, `aws:RequestedRegion` a Region, `aws:PrincipalOrgID` an organization id (`o-...`, "
    "not an account id) and `aws:PrincipalOrgPaths` a path from it. A value of another form (a VPC id under "
    "`aws:SourceVpce`) never matches, so a `StringEquals` never holds and a `StringNotEquals` "
    "always does. The forms are data (stdlib/policy_facts.json) and the Regions come from the "
    "region list.",
    check, nullptr};

}  // namespace rootpol::lint
