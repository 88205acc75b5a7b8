#include "diff/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "base/text.h"
#include "policy/arn.h"

namespace rootpol::diff {
namespace {

using nlohmann::ordered_json;

// The principal with its own account shown as `*`, so that one line covers every account.
std::string principalShape(const Change& c) {
  policy::ArnParts parts;
  if (!policy::splitArn(c.request.principalArn, parts) || parts[4] != c.account.id) return c.request.principalArn;
  return fmt::format("{}:{}:{}:{}:*:{}", parts[0], parts[1], parts[2], parts[3], parts[5]);
}

bool assumedRoot(const Change& c) {
  for (const auto& [key, values] : c.request.context) {
    if (key == "aws:AssumedRoot") return true;
  }
  return false;
}

// The policies (without their level) that decided a side.
std::string deciders(const Outcome& o) {
  std::set<std::string> names;
  for (const std::string& s : o.statements) names.insert(s.substr(0, s.find(" at ")));
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string side(const Outcome& o) {
  if (o.decision == eval::Decision::Allow) return "allow";  // every level allows; JSON lists by what
  std::string by = deciders(o);
  return by.empty() ? std::string(eval::decisionName(o.decision))
                    : fmt::format("{} by {}", eval::decisionName(o.decision), by);
}

struct Group {
  bool widened = false;
  std::string principal, keys, before, after;
  std::vector<std::string> accounts;
  std::set<std::string> actions;
  std::size_t classSize = 0;
  bool unnamed = false;  // one of the actions stands for every action the programs do not name
};

std::vector<Group> groups(const Result& r) {
  using Shape = std::tuple<bool, std::string, std::string, std::string, std::string, std::string>;
  std::map<Shape, std::set<std::string>> accountsOf;  // per action-level shape
  std::map<Shape, std::size_t> sizeOf;
  std::map<Shape, bool> unnamedOf;
  for (const Change& c : r.changes) {
    std::string keys;
    for (const auto& [k, v] : c.varied) keys += fmt::format("{}{} = {}", keys.empty() ? "" : ", ", k, v);
    std::string who = principalShape(c) + (assumedRoot(c) ? " (AssumeRoot session)" : "");
    Shape s{c.widened, c.request.action, who, keys, side(c.before), side(c.after)};
    accountsOf[s].insert(c.account.name);
    sizeOf[s] = c.classSize;
    unnamedOf[s] = c.unnamedActions;
  }
  std::map<std::tuple<bool, std::string, std::string, std::string, std::string, std::set<std::string>>, Group> merged;
  for (const auto& [s, accounts] : accountsOf) {
    auto& [widened, action, who, keys, before, after] = s;
    Group& g = merged[{widened, who, keys, before, after, accounts}];
    g.widened = widened;
    g.principal = who;
    g.keys = keys;
    g.before = before;
    g.after = after;
    g.accounts.assign(accounts.begin(), accounts.end());
    g.actions.insert(action);
    g.classSize += sizeOf[s];
    g.unnamed = g.unnamed || unnamedOf[s];
  }
  std::vector<Group> out;
  for (auto& [k, g] : merged) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.widened > b.widened; });
  return out;
}

std::string join(const auto& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string where(const Group& g, std::size_t accountCount) {
  return g.accounts.size() == accountCount && accountCount > 1 ? fmt::format("every account ({})", accountCount)
                                                                : join(g.accounts, ", ");
}

// At most eight actions by name: a class of hundreds reads as its first few and a count.
std::string actionsOf(const Group& g) {
  constexpr std::size_t kShown = 8;
  std::vector<std::string> shown(g.actions.begin(), g.actions.end());
  const std::size_t hidden = shown.size() > kShown ? shown.size() - kShown : 0;
  shown.resize(std::min(shown.size(), kShown));
  std::string out = join(shown, ", ");
  if (hidden > 0) out += fmt::format(" and {} more", hidden);
  if (g.unnamed) return out + " (and every action the programs do not name)";
  if (g.classSize > g.actions.size()) out += fmt::format(" (and {} more actions alike)", g.classSize - g.actions.size());
  return out;
}

std::size_t count(const Result& r, bool widened) {
  std::size_t n = 0;
  for (const Change& c : r.changes) n += c.widened == widened;
  return n;
}

}  // namespace

std::string renderText(const Result& r, std::size_t accountCount) {
  std::string out = fmt::format("{} widened, {} narrowed ({} requests decided under each program, {} action classes{})\n",
                                count(r, true), count(r, false), r.requests, r.actionClasses,
                                r.complete ? "" : "; some classes varied one key at a time");
  for (const Group& g : groups(r)) {
    out += fmt::format("{} {} by {}{} in {}\n", g.widened ? "widened " : "narrowed", actionsOf(g), g.principal,
                       g.keys.empty() ? "" : " with " + g.keys, where(g, accountCount));
    out += fmt::format("         before: {}; after: {}\n", g.before, g.after);
  }
  return out;
}

std::string renderMarkdown(const Result& r, std::size_t accountCount) {
  std::string out = fmt::format("### rootpol diff: {} widened, {} narrowed\n\n", count(r, true), count(r, false));
  if (r.changes.empty()) return out + "No request changes its decision.\n";
  const std::vector<Group> all = groups(r);
  const bool collapse = all.size() > 10;
  if (collapse) out += "<details><summary>Every change</summary>\n\n";
  out += "| change | actions | principal | keys | accounts | before | after |\n|---|---|---|---|---|---|---|\n";
  for (const Group& g : all) {
    out += fmt::format("| {} | {} | `{}` | {} | {} | {} | {} |\n", g.widened ? "**widened**" : "narrowed",
                       actionsOf(g), g.principal, g.keys.empty() ? "" : "`" + g.keys + "`",
                       where(g, accountCount), g.before, g.after);
  }
  if (collapse) out += "\n</details>\n";
  if (!r.complete) out += "\nSome action classes had too many key combinations and were varied one key at a time.\n";
  return out;
}

std::string renderHtml(const Result& r, std::size_t accountCount) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootpol diff</title><style>"
      "body{{font:14px/1.45 system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse}}"
      "td,th{{padding:.25em .7em;border-bottom:1px solid #e3e7ee;text-align:left}}.widened{{color:#b23b3b;font-weight:600}}"
      "</style></head><body>\n<h1>rootpol diff: {} widened, {} narrowed</h1>\n",
      count(r, true), count(r, false));
  if (r.changes.empty()) return out + "<p>No request changes its decision.</p>\n</body></html>\n";
  out += "<table><tr><th>change</th><th>actions</th><th>principal</th><th>keys</th><th>accounts</th><th>before</th>"
         "<th>after</th></tr>\n";
  for (const Group& g : groups(r)) {
    out += fmt::format("<tr><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       g.widened ? "widened" : "narrowed", g.widened ? "widened" : "narrowed", htmlEscape(actionsOf(g)),
                       htmlEscape(g.principal), htmlEscape(g.keys), htmlEscape(where(g, accountCount)),
                       htmlEscape(g.before), htmlEscape(g.after));
  }
  return out + "</table>\n</body></html>\n";
}

std::string renderJson(const Result& r) {
  ordered_json changes = ordered_json::array();
  for (const Change& c : r.changes) {
    ordered_json context = ordered_json::object();
    for (const auto& [key, values] : c.request.context) {
      context[key] = values.size() == 1 ? ordered_json(values.front()) : ordered_json(values);
    }
    auto outcome = [](const Outcome& o) {
      return ordered_json{{"decision", eval::decisionName(o.decision)}, {"statements", o.statements}};
    };
    changes.push_back({{"account", c.account.name},
                       {"account_id", c.account.id},
                       {"change", c.widened ? "widened" : "narrowed"},
                       {"request",
                        {{"principal", c.request.principalArn},
                         {"action", c.request.action},
                         {"resource", c.request.resource},
                         {"context", context}}},
                       {"before", outcome(c.before)},
                       {"after", outcome(c.after)}});
  }
  ordered_json doc{{"changes", changes}, {"requests", r.requests}, {"complete", r.complete}};
  return doc.dump(2) + "\n";
}

}  // namespace rootpol::diff
