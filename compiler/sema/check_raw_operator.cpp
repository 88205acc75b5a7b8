// Raw IAM operators: `KEY "OPERATOR" VALUES` (docs/language.md §6, "Raw operators"). The
// operator must be one of IAM's, read through the one operator table (policy/operators.h);
// the key resolves as in any atom; the values are kept exactly as written ("3600", "true"),
// since the author chose the operator and so how IAM reads them.
#include <fmt/format.h>

#include "policy/operators.h"
#include "sema/checker.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {

// Every operator name IAM accepts, for "did you mean".
std::vector<std::string> operatorNames() {
  std::vector<std::string> out;
  for (policy::SetQualifier q :
       {policy::SetQualifier::None, policy::SetQualifier::ForAnyValue, policy::SetQualifier::ForAllValues}) {
    for (policy::BaseOperator base : policy::allBaseOperators()) {
      out.push_back(policy::operatorName({q, base, false}));
      if (policy::allowsIfExists(base)) out.push_back(policy::operatorName({q, base, true}));
    }
  }
  return out;
}

}  // namespace

void Checker::checkRawAtom(ast::Cond& atom) {
  const bool keyOk = resolveUncataloguedKey(atom) || resolveKey(atom);
  std::optional<policy::Operator> op = policy::parseOperator(atom.rawOperator);
  if (!op) {
    Diagnostic& d = sink_.report(DiagCode::RP1032, atom.rawOperatorSpan,
                                 fmt::format("`{}` is not an IAM condition operator", atom.rawOperator));
    if (auto best = closestMatch(atom.rawOperator, operatorNames())) {
      d.help = fmt::format("did you mean `{}`?", *best);
    } else {
      d.help = "write an operator of IAM's condition table, such as `StringEqualsIfExists`, spelt as IAM spells it";
    }
  }
  const std::size_t errors = sink_.errorCount();
  if (!atom.operand || !flattenRawValues(*atom.operand, atom.values) || sink_.errorCount() > errors) return;
  if (atom.values.empty()) {
    sink_.report(DiagCode::RP1017, atom.operand->span, "the set is empty, so the test is never true")
        .help = "list at least one value";
    return;
  }
  if (!keyOk || !op) return;
  const policy::ValueType type = policy::valueType(op->base);
  if (type != policy::ValueType::Bool && type != policy::ValueType::Null) return;
  const bool single = atom.values.size() == 1;
  for (const ast::Value& v : atom.values) {
    if (single && (v.text == "true" || v.text == "false")) continue;
    Diagnostic& d = sink_.report(DiagCode::RP1033, single ? v.span : atom.operand->span,
                                 fmt::format("`{}` takes one value, `true` or `false`", atom.rawOperator));
    d.help = single ? "write `true` or `false`" : "give one value; to test both, write two conditions";
    return;
  }
}

// A quoted key that neither the key table nor the catalog has, such as an OIDC provider's
// `token.actions.githubusercontent.com:sub`: under a raw operator the operator says how values
// compare, so the key is kept as written with warning RP1051 (elsewhere it is error RP1010).
bool Checker::resolveUncataloguedKey(ast::Cond& atom) {
  const ast::KeyRef& key = atom.key;
  if (key.kind != ast::KeyRef::Kind::Raw || key.name.find(':') == std::string::npos) return false;
  if (keys_.global(key.name) || catalog_.conditionKey(key.name)) return false;
  Diagnostic& d = sink_.report(DiagCode::RP1051, key.span,
                               fmt::format("condition key `{}` is not in the AWS catalog", key.name));
  d.notes.push_back("it is tested with a raw IAM operator, so it is kept as written");
  atom.resolved = ast::ResolvedKey{key.name, ast::Type{ast::Scalar::String, false}, false, false};
  return true;
}

// Literals as written (an integer as its decimal text, a bool as `true`/`false`), lists and
// `let` names flattened. Action patterns are not values.
bool Checker::flattenRawValues(const ast::Expr& expr, std::vector<ast::Value>& out) {
  switch (expr.kind) {
    case ast::Expr::Kind::String:
      out.push_back({expr.text, expr.span});
      return true;
    case ast::Expr::Kind::Int:
      out.push_back({expr.text.empty() ? std::to_string(expr.intValue) : expr.text, expr.span});
      return true;
    case ast::Expr::Kind::Bool:
      out.push_back({expr.boolValue ? "true" : "false", expr.span});
      return true;
    case ast::Expr::Kind::List: {
      bool ok = true;
      for (const ast::Expr& item : expr.items) ok = flattenRawValues(item, out) && ok;
      return ok;
    }
    case ast::Expr::Kind::Action:
      reportMismatch(expr, {ast::Scalar::String, true, false}, fmt::format("the action pattern `{}`", expr.text));
      return false;
    case ast::Expr::Kind::Name:
      break;
  }
  auto it = lets_.find(expr.text);
  if (it == lets_.end() || resolving_.count(expr.text) > 0 || resolving_.size() >= kMaxSetDepth) {
    // Unknown names, cycles and depth get resolveName's diagnostics.
    return resolveName(expr, {ast::Scalar::String, true, true}, out);
  }
  resolving_.insert(expr.text);
  bool ok = flattenRawValues(it->second->value, out);
  resolving_.erase(expr.text);
  return ok;
}

}  // namespace rootpol::sema
