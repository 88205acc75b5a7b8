#include "ast/ast_printer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rootpol::ast {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string printExpr(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::String:
      return quote(e.text);
    case Expr::Kind::Int:
      return std::to_string(e.intValue);
    case Expr::Kind::Bool:
      return e.boolValue ? "true" : "false";
    case Expr::Kind::Name:
      return e.text;
    case Expr::Kind::Action:
      return e.text;
    case Expr::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += printExpr(e.items[i]);
      }
      return out + "]";
    }
  }
  return "?";
}

std::string printKey(const KeyRef& k) {
  switch (k.kind) {
    case KeyRef::Kind::Friendly:
      return k.name;
    case KeyRef::Kind::Call:
      return fmt::format("{}({})", k.name, quote(k.argument));
    case KeyRef::Kind::Raw:
      return quote(k.name);
  }
  return "?";
}

std::string_view opName(CondOp op) {
  switch (op) {
    case CondOp::In:
      return "in";
    case CondOp::Eq:
      return "==";
    case CondOp::Like:
      return "like";
    case CondOp::Lt:
      return "<";
    case CondOp::Le:
      return "<=";
    case CondOp::Gt:
      return ">";
    case CondOp::Ge:
      return ">=";
    case CondOp::IsTrue:
      return "is-true";
    case CondOp::Exists:
      return "exists";
    case CondOp::Raw:
      return "raw";
  }
  return "?";
}

}  // namespace

std::string printCond(const Cond& c) {
  switch (c.kind) {
    case Cond::Kind::Atom:
      if (c.op == CondOp::Raw && c.operand)
        return fmt::format("({} {} {})", printKey(c.key), quote(c.rawOperator), printExpr(*c.operand));
      if (c.operand)
        return fmt::format("({} {} {})", printKey(c.key), opName(c.op), printExpr(*c.operand));
      return fmt::format("({} {})", printKey(c.key), opName(c.op));
    case Cond::Kind::Not:
      return fmt::format("(not {})", printCond(*c.children.at(0)));
    case Cond::Kind::And:
    case Cond::Kind::Or: {
      std::string out = c.kind == Cond::Kind::And ? "(and" : "(or";
      for (const auto& child : c.children) out += " " + printCond(*child);
      return out + ")";
    }
  }
  return "?";
}

namespace {

std::string printId(const std::optional<IdLiteral>& id) { return id ? " " + quote(id->text) : ""; }

void printOrgNode(const OrgNode& node, int depth, std::string& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += fmt::format("{}{} {}{}\n", indent, node.kind == OrgNode::Kind::Ou ? "ou" : "account",
                     node.name, printId(node.id));
  for (const OrgNode& child : node.children) printOrgNode(child, depth + 1, out);
}

std::string printTargets(const std::vector<TargetRef>& targets) {
  std::string out;
  for (const TargetRef& t : targets) {
    if (!out.empty()) out += ", ";
    switch (t.kind) {
      case TargetRef::Kind::Root:
        out += "root";
        break;
      case TargetRef::Kind::Ou:
        out += "ou " + fmt::format("{}", fmt::join(t.path, "/"));
        break;
      case TargetRef::Kind::Account:
        out += "account " + t.path.at(0);
        break;
    }
  }
  return out;
}

std::string printPolicyRefs(const std::vector<PolicyRef>& refs) {
  std::string out;
  for (const PolicyRef& r : refs) {
    if (!out.empty()) out += ", ";
    out += r.external ? "external " + quote(r.name) : r.file ? "file " + quote(r.name) : r.name;
  }
  return out;
}

std::string printOrganizations(const Module& m) {
  std::string out;
  for (const Organization& o : m.organizations) {
    out += fmt::format("organization {}{}\n", o.name, printId(o.id));
    if (o.management) out += fmt::format("  management {}\n", quote(o.management->text));
    if (o.rootId) out += fmt::format("  root {}\n", quote(o.rootId->text));
    for (const OrgSetting& s : o.settings)
      out += fmt::format("  {} {}\n", s.name, s.word ? s.value.text : quote(s.value.text));
    for (const OrgNode& node : o.children) printOrgNode(node, 1, out);
  }
  for (const Attach& a : m.attaches) {
    out += fmt::format("attach {} to {}\n", printPolicyRefs(a.policies), printTargets(a.targets));
  }
  for (const Detach& d : m.detaches) {
    out += fmt::format("detach {} from {}\n", printPolicyRefs(d.policies), printTargets(d.targets));
  }
  for (const Control& c : m.controls) {
    out += fmt::format("control {} on {}\n", c.id, printTargets(c.targets));
    for (const ControlParam& p : c.params)
      out += fmt::format("  {}: {}\n", p.name, printExpr(p.value));
  }
  return out;
}

std::string printTests(const Module& m) {
  std::string out;
  for (const Test& t : m.tests) {
    out += fmt::format("test {}\n", quote(t.name));
    for (const TestCase& c : t.cases) {
      const TestRequest& r = c.request;
      out += fmt::format("  request {}", r.assumedRoot ? std::string("assumed root") : r.root ? std::string("root") : quote(r.principal->text));
      if (r.account) out += " in account " + *r.account;
      if (r.accountId) out += " in account " + quote(r.accountId->text);
      out += " does " + r.action;
      if (r.resource) out += " on " + quote(r.resource->text);
      for (std::size_t i = 0; i < r.context.size(); ++i) {
        out += fmt::format("{}{} = {}", i == 0 ? " with " : ", ", printKey(r.context[i].key), printExpr(r.context[i].value));
      }
      for (std::size_t i = 0; i < r.removed.size(); ++i) {
        out += fmt::format("{}{}", i == 0 ? " without " : ", ", printKey(r.removed[i].key));
      }
      out += fmt::format("\n  expect {}", c.expect.effect == Effect::Deny ? "deny" : "allow");
      if (c.expect.policy) out += " by " + *c.expect.policy;
      if (c.expect.sid) out += " " + quote(c.expect.sid->text);
      out += "\n";
    }
  }
  return out;
}

}  // namespace

std::string printModule(const Module& m) {
  std::string out;
  for (const Import& i : m.imports) out += fmt::format("import {}\n", quote(i.path));
  for (const Let& l : m.lets) {
    std::string type = l.type ? (l.type->list ? "[" + l.type->name + "]" : l.type->name) : "_";
    out += fmt::format("let {}: {} = {}\n", l.name, type, printExpr(l.value));
  }
  for (const Policy& p : m.policies) {
    out += fmt::format("{}policy {}{}\n", p.kind == PolicyKind::Rcp ? "resource " : "", p.name, p.description ? " " + quote(*p.description) : "");
    for (const Rule& r : p.rules) {
      out += fmt::format("  {} {}{}", r.effect == Effect::Deny ? "deny" : "allow",
                         r.actionsExcept ? "all except " : "", printExpr(r.actions));
      if (r.resources)
        out += fmt::format(" on {}{}", r.resourcesExcept ? "all except " : "",
                           printExpr(*r.resources));
      if (r.forRoot) out += r.forRootCredentials ? " for root credentials" : " for root";
      if (r.principals) out += " for " + printExpr(*r.principals);
      for (const CondClause& c : r.clauses) {
        out += fmt::format(" {} {}", c.unless ? "unless" : "when", printCond(*c.cond));
      }
      if (r.strict) out += " strict";
      if (r.sid) out += " as " + quote(*r.sid);
      out += "\n";
    }
  }
  out += printOrganizations(m);
  out += printTests(m);
  for (const Alert& a : m.alerts) {
    out += fmt::format("alert {}{}\n", a.name, a.description ? " " + quote(*a.description) : "");
    std::string classes;
    for (const AlertClassRef& c : a.classes) classes += (classes.empty() ? "" : ", ") + c.name;
    if (!classes.empty()) out += "  on " + classes + "\n";
    if (a.notify) out += "  notify " + printExpr(*a.notify) + "\n";
  }
  return out;
}

}  // namespace rootpol::ast
