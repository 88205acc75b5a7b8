// report.html: the organization at a glance, in one self-contained file (no network, no
// external asset): the tree with its accounts, each target's SCP and RCP slots and bytes as bars
// against the quotas, the policies with their sizes and sources, the controls and the alerts.
// It is rendered from report.json's own document (detail::reportDocument), so the two never disagree.
#include <fmt/format.h>

#include "base/text.h"
#include "emit/common.h"
#include "emit/emit.h"

namespace rootpol::emit {
namespace {

using detail::Json;

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330;max-width:72em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #d6dbe4}
ul.tree,ul.tree ul{list-style:none;padding-left:1.4em}ul.tree{padding-left:0}
.node{margin:.3em 0;padding:.3em .5em;border-left:3px solid #8796b0;background:#f5f7fa}
.node.account{border-color:#3f7d5c}.node.management{border-color:#b08a2e}
.name{font-weight:600}.id{color:#5b6578;font-family:monospace;margin-left:.5em}
.bar{display:inline-block;width:9em;height:.7em;background:#e3e7ee;margin:0 .4em;vertical-align:middle}
.bar span{display:block;height:100%;background:#4a6fa5}.bar.full span{background:#b23b3b}
.budget{font-size:.9em;color:#3b4352}.pols{font-size:.9em}.pol{font-family:monospace}
table{border-collapse:collapse}td,th{padding:.25em .7em;border-bottom:1px solid #e3e7ee;text-align:left}
#filter{margin:.5em 0;padding:.3em;width:20em}.hidden{display:none}
)";

// Hides the tree's nodes that do not match the filter (and shows the ancestors of a match).
constexpr std::string_view kScript = R"(
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('ul.tree li').forEach(function (li) {
    li.classList.toggle('hidden', q !== '' && li.textContent.toLowerCase().indexOf(q) < 0);
  });
});
document.getElementById('counts').textContent =
  document.querySelectorAll('.node.account').length + ' accounts, ' +
  document.querySelectorAll('tr.policy').length + ' policies';
)";

std::string bar(std::size_t used, std::size_t quota) {
  const std::size_t percent = quota == 0 ? 0 : std::min<std::size_t>(100, used * 100 / quota);
  return fmt::format("<span class=\"bar{}\" title=\"{} of {}\"><span style=\"width:{}%\"></span></span>",
                     used >= quota ? " full" : "", used, quota, percent);
}

std::string budgetOf(const Json& target, const char* kind, std::size_t slotQuota, std::size_t byteQuota) {
  const Json* b = target.contains("budget") && target["budget"].contains(kind) ? &target["budget"][kind] : nullptr;
  std::size_t slots = b ? b->value("slots_used", std::size_t{0}) : target.value("slots_used", std::size_t{0});
  if (!b && std::string_view(kind) == "rcp") return "";
  std::size_t quota = b ? b->value("slots_quota", slotQuota) : slotQuota;
  std::size_t bytes = b ? b->value("bytes_used", std::size_t{0}) : target.value("bytes", std::size_t{0});
  return fmt::format("<div class=\"budget\">{} slots {}{}/{} &middot; {} bytes{}</div>",
                     std::string_view(kind) == "scp" ? "SCP" : "RCP", bar(slots, quota), slots, quota,
                     bytes, byteQuota ? " " + bar(bytes, byteQuota * quota) : "");
}

std::string nodeHtml(const EmitInput& in, const Json& report, org::NodeIndex i) {
  const org::Node& n = in.org.nodes[i];
  const char* kind = n.kind == org::Node::Kind::Account ? "account" : n.kind == org::Node::Kind::Ou ? "ou" : "root";
  std::string out = fmt::format("<li><div class=\"node {}{}\"><span class=\"name\">{}</span>", kind,
                                n.management ? " management" : "", htmlEscape(n.display()));
  if (n.id) out += fmt::format("<span class=\"id\">{}</span>", htmlEscape(*n.id));
  if (n.management) out += " <em>management account: SCPs and RCPs do not apply</em>";
  for (const Json& t : report.value("targets", Json::array())) {
    if (t.value("target", "") != n.display()) continue;
    out += budgetOf(t, "scp", in.quotas.scpsPerTarget, in.quotas.scpMaxSize);
    out += budgetOf(t, "rcp", in.quotas.rcpsPerTarget, in.quotas.rcpMaxSize);
  }
  std::string pols;
  for (const org::Attachment& a : in.org.placements[i].attachments) {
    pols += fmt::format(" <span class=\"pol\">{}{}</span>", htmlEscape(a.policy),
                        a.rcp ? " (RCP)" : a.external ? " (external)" : "");
  }
  for (std::size_t c : in.org.placements[i].controls) {
    pols += fmt::format(" <span class=\"pol\">control {}</span>", htmlEscape(in.org.controls[c].id));
  }
  if (!pols.empty()) out += "<div class=\"pols\">attached:" + pols + "</div>";
  out += "</div>";
  if (!n.children.empty()) {
    out += "<ul>";
    for (org::NodeIndex child : n.children) out += nodeHtml(in, report, child);
    out += "</ul>";
  }
  return out + "</li>";
}

}  // namespace

File detail::reportHtml(const EmitInput& in, const Json& report) {
  const std::string title = in.org.declared ? fmt::format("organization {}", in.org.name) : std::string("program");
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootpol report: {0}</title>"
      "<style>{1}</style></head><body>\n<h1>rootpol report: {0}</h1>\n<p id=\"counts\"></p>\n",
      htmlEscape(title), kStyle);
  out += "<h2>Organization</h2>\n<input id=\"filter\" placeholder=\"filter accounts, OUs, policies\">\n"
         "<ul class=\"tree\">" + nodeHtml(in, report, org::kRoot) + "</ul>\n";
  out += "<h2>Policies</h2>\n<table><tr><th>policy</th><th>type</th><th>size</th><th>statements</th>"
         "<th>source</th></tr>\n";
  for (const PolicyOutput& p : in.policies) {
    const std::size_t quota = p.rcp ? in.quotas.rcpMaxSize : in.quotas.scpMaxSize;
    out += fmt::format("<tr class=\"policy\"><td class=\"pol\">{}</td><td>{}</td><td>{}{} of {} bytes</td><td>{}</td>"
                       "<td>{}</td></tr>\n",
                       htmlEscape(p.name), p.rcp ? "RCP" : "SCP", bar(p.json.size(), quota), p.json.size(), quota,
                       p.statements, htmlEscape(p.source));
  }
  out += "</table>\n";
  if (!in.org.controls.empty()) {
    out += "<h2>Control Tower controls</h2>\n<table><tr><th>control</th><th>on</th></tr>\n";
    for (const org::EnabledControl& c : in.org.controls) {
      out += fmt::format("<tr><td class=\"pol\">{}</td><td>{}</td></tr>\n", htmlEscape(c.id),
                         htmlEscape(in.org.nodes[c.target].display()));
    }
    out += "</table>\n";
  }
  if (!in.alerts.empty()) {
    out += "<h2>Alerts</h2>\n<table><tr><th>alert</th><th>on</th><th>notify</th></tr>\n";
    for (const alerts::Alert& a : in.alerts) {
      std::string classes, recipients;
      for (const alerts::EventClass* c : a.classes) classes += (classes.empty() ? "" : ", ") + htmlEscape(c->name);
      for (const std::string& r : a.recipients) recipients += (recipients.empty() ? "" : ", ") + htmlEscape(r);
      out += fmt::format("<tr><td class=\"pol\">{}</td><td>{}</td><td>{}</td></tr>\n", htmlEscape(a.name), classes,
                         recipients.empty() ? "<em>nobody</em>" : recipients);
    }
    out += "</table>\n";
  }
  out += fmt::format("<script>{}</script>\n</body></html>\n", kScript);
  return File{"report.html", std::move(out)};
}

}  // namespace rootpol::emit
