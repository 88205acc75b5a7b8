// Values: literals typed against their context, `let` names resolved and flattened.
#include <fmt/format.h>

#include "sema/checker.h"
#include "sema/literals.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {

bool stringLike(ast::Scalar s) { return s != ast::Scalar::Int && s != ast::Scalar::Bool; }

std::string expectedText(const Expectation& want) {
  std::string scalar(ast::scalarName(want.scalar));
  return want.allowList ? fmt::format("`{}` or `[{}]`", scalar, scalar) : fmt::format("`{}`", scalar);
}

// A declared type fits where `want` is expected if the scalars agree, or if a string is
// expected and the declared type is a kind of string (a region is a string).
bool fits(const ast::TypeRef& declared, ast::Scalar declaredScalar, const Expectation& want) {
  if (declared.list && !want.allowList) return false;
  return declaredScalar == want.scalar || (want.scalar == ast::Scalar::String && stringLike(declaredScalar));
}

}  // namespace

void Checker::reportMismatch(const ast::Expr& expr, const Expectation& want, std::string_view found) {
  Diagnostic& d = sink_.report(DiagCode::RP1004, expr.span,
                               fmt::format("expected {}, found {}", expectedText(want), found));
  if (expr.kind == ast::Expr::Kind::Action && stringLike(want.scalar)) {
    d.help = fmt::format("write it as a string: `\"{}\"`", expr.text);
  } else if (expr.kind == ast::Expr::Kind::List && !want.allowList) {
    d.help = "this position takes one value; use `in` to test against a set";
  }
}

bool Checker::resolveValues(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out) {
  if (expr.kind == ast::Expr::Kind::Name) return resolveName(expr, want, out);
  if (expr.kind != ast::Expr::Kind::List) return resolveScalar(expr, want, out);
  if (!want.allowList) {
    reportMismatch(expr, want, "a list");
    return false;
  }
  Expectation item = want;
  item.allowList = false;
  bool ok = true;
  for (const ast::Expr& e : expr.items) {
    if (e.kind == ast::Expr::Kind::Name) {
      // A set inside a list splices in: `[admins, "arn:..."]`.
      Expectation spliced = want;
      ok = resolveName(e, spliced, out) && ok;
    } else if (e.kind == ast::Expr::Kind::List) {
      reportMismatch(e, item, "a list inside a list");
      sink_.last().help = "lists do not nest: write all the values in one list";
      ok = false;
    } else {
      ok = resolveScalar(e, item, out) && ok;
    }
  }
  return ok;
}

bool Checker::resolveName(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out) {
  auto it = lets_.find(expr.text);
  if (it == lets_.end()) {
    Diagnostic& d = sink_.report(DiagCode::RP1001, expr.span, fmt::format("unknown name `{}`", expr.text));
    std::vector<std::string> names;
    for (const auto& [name, let] : lets_) names.push_back(name);
    if (auto best = closestMatch(expr.text, names)) {
      d.help = fmt::format("did you mean `{}`?", *best);
    } else if (keys_.friendly(expr.text) != nullptr) {
      d.help = fmt::format("`{}` is a condition key; values here are literals or `let` names", expr.text);
    }
    return false;
  }
  const ast::Let& let = *it->second;
  // Past the set expansion limits: one error for the program, later uses fail quietly.
  auto overLimit = [&](bool deep) {
    if (!expansionReported_) {
      expansionReported_ = true;
      sink_.report(DiagCode::RP1019, expr.span,
                   deep ? fmt::format("`{}` is reached through more than {} nested sets", let.name, kMaxSetDepth)
                        : fmt::format("sets expand to more than {} values at this use of `{}`", kMaxSetExpansion, let.name))
          .help = "list the values in fewer, flatter sets";
    }
    expansionLeft_ = 0;
    return false;
  };
  if (expansionLeft_ == 0 || resolving_.size() >= kMaxSetDepth) return overLimit(expansionLeft_ > 0);
  --expansionLeft_;
  if (resolving_.count(let.name) > 0) {
    sink_.report(DiagCode::RP1001, expr.span, fmt::format("`{}` is defined in terms of itself", let.name))
        .labels.push_back({let.nameSpan, "declared here"});
    return false;
  }
  Expectation inner = want;
  if (let.type) {
    auto scalar = ast::scalarFromName(let.type->name);
    if (!scalar) return false;  // reported at the declaration
    if (!fits(*let.type, *scalar, want)) {
      std::string declared = let.type->list ? fmt::format("[{}]", let.type->name) : let.type->name;
      Diagnostic& d = sink_.report(DiagCode::RP1004, expr.span,
                                   fmt::format("expected {}, found `{}` of type `{}`", expectedText(want), let.name, declared));
      d.labels.push_back({let.type->span, "declared here"});
      return false;
    }
    inner.scalar = *scalar;
  } else if (let.value.kind == ast::Expr::Kind::List && !want.allowList) {
    reportMismatch(expr, want, fmt::format("the list `{}`", let.name));
    return false;
  }
  std::size_t before = sink_.errorCount();
  std::size_t valuesBefore = out.size();
  resolving_.insert(let.name);
  bool ok = resolveValues(let.value, inner, out);
  resolving_.erase(let.name);
  // Values cost one each; errors (each one re-reported at every use) a thousand.
  std::size_t produced = out.size() - valuesBefore + 1000 * (sink_.errorCount() - before);
  if (produced >= expansionLeft_) {
    ok = overLimit(false);
  } else {
    expansionLeft_ -= produced;
  }
  if (sink_.errorCount() > before && sink_.last().code != DiagCode::RP1019) {
    // Errors inside the let's value were caused by this use: say where it is used.
    sink_.last().labels.push_back({expr.span, fmt::format("`{}` is used here as {}", let.name, expectedText(want))});
  } else if (sink_.errorCount() > before && resolving_.empty()) {
    // Past the limits: only the outermost use is worth pointing at.
    sink_.last().labels.push_back({expr.span, fmt::format("`{}` is used here", let.name)});
  }
  return ok;
}

bool Checker::resolveScalar(const ast::Expr& expr, const Expectation& want, std::vector<ast::Value>& out) {
  switch (expr.kind) {
    case ast::Expr::Kind::Int:
      if (want.scalar != ast::Scalar::Int) {
        reportMismatch(expr, want, "an integer");
        return false;
      }
      out.push_back({std::to_string(expr.intValue), expr.span});
      return true;
    case ast::Expr::Kind::Bool:
      if (want.scalar != ast::Scalar::Bool) {
        reportMismatch(expr, want, "a boolean");
        return false;
      }
      out.push_back({expr.boolValue ? "true" : "false", expr.span});
      return true;
    case ast::Expr::Kind::Action:
      if (want.scalar != ast::Scalar::Action) {
        reportMismatch(expr, want, fmt::format("the action pattern `{}`", expr.text));
        return false;
      }
      break;
    case ast::Expr::Kind::String:
      if (!stringLike(want.scalar)) {
        reportMismatch(expr, want, "a string");
        return false;
      }
      break;
    case ast::Expr::Kind::Name:
    case ast::Expr::Kind::List:
      return resolveValues(expr, want, out);
  }
  if (auto problem = checkLiteral(want.scalar, expr.text, want.pattern)) {
    reportLiteralProblem(*problem, expr.span, sink_);
    return false;
  }
  if (want.scalar == ast::Scalar::Action) {
    // Actions are case-insensitive in AWS: the catalog's spelling is what gets emitted.
    auto spelled = checkActionInCatalog(expr.text, expr.span, expr.kind == ast::Expr::Kind::String);
    if (!spelled) return false;
    out.push_back({*spelled, expr.span});
    return true;
  }
  out.push_back({expr.text, expr.span});
  return true;
}

}  // namespace rootpol::sema
