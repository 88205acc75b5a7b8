// `alert` declarations (spec 10.3): the event classes against stdlib/alert_classes.json, the
// recipients as e-mail addresses SNS can subscribe, and the names the outputs derive from them.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "alerts/event_classes.h"
#include "sema/checker.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {

// EventBridge rule names are at most 64 characters; the central rule of an alert for a class
// is named `ALERT-CLASS` (docs/alerts.md).
constexpr std::size_t kMaxRuleName = 64;

bool domainLabelOk(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

// A plain `local@domain` address as mail systems route it: RFC 5321 lengths, the local part
// in RFC 5322's dot-atom form, a domain of DNS labels with an alphabetic top level. Quoted
// local parts and address literals are left out: nobody subscribes an alert with them.
std::optional<std::string> emailProblem(std::string_view address) {
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return "an e-mail address has exactly one `@`";
  }
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (address.size() > 254 || local.size() > 64)
    return "an e-mail address is at most 254 characters, 64 before the `@`";
  static constexpr std::string_view kAtext = "!#$%&'*+-/=?^_`{|}~";
  if (local.empty() || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos ||
      !std::all_of(local.begin(), local.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' ||
               kAtext.find(static_cast<char>(c)) != std::string_view::npos;
      })) {
    return "the part before the `@` has letters, digits, dots (not two in a row, not at either "
           "end) and !#$%&'*+-/=?^_`{|}~";
  }
  std::size_t start = 0, labels = 0;
  std::string_view last;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    last =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!domainLabelOk(last))
      return "the domain is names of letters, digits and `-` joined by dots";
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2 || last.size() < 2 ||
      !std::all_of(last.begin(), last.end(), [](unsigned char c) { return std::isalpha(c); })) {
    return "the domain ends in a top-level domain of letters, such as `.com`";
  }
  return std::nullopt;
}

}  // namespace

void Checker::checkAlert(ast::Alert& alert) {
  auto [first, fresh] = alerts_.emplace(alert.name, &alert);
  bool ok = fresh;
  if (!fresh) {
    sink_
        .report(DiagCode::RP1061, alert.nameSpan,
                fmt::format("alert `{}` is declared twice", alert.name))
        .labels.push_back({first->second->nameSpan, "first declared here"});
  }
  const alerts::ClassTable& table = alerts::ClassTable::builtin();
  for (const ast::AlertClassRef& ref : alert.classes) {
    const alerts::EventClass* known = table.find(ref.name);
    if (known == nullptr) {
      ok = false;
      Diagnostic& d = sink_.report(DiagCode::RP1060, ref.span,
                                   fmt::format("unknown event class `{}`", ref.name));
      std::vector<std::string> names;
      for (const alerts::EventClass& c : table.classes()) names.push_back(c.name);
      if (auto best = closestMatch(ref.name, names)) {
        d.help = fmt::format("did you mean `{}`?", *best);
      } else {
        d.help = fmt::format("the event classes are {}", fmt::join(names, ", "));
      }
      continue;
    }
    const std::size_t ruleName = alert.name.size() + 1 + ref.name.size();
    if (ruleName > kMaxRuleName) {
      ok = false;
      Diagnostic& d = sink_.report(
          DiagCode::RP1064, alert.nameSpan,
          fmt::format("alert name `{}` is too long for event class `{}`", alert.name, ref.name));
      d.notes.push_back(
          fmt::format("its EventBridge rule `{}-{}` would be {} characters; AWS accepts at most {}",
                      alert.name, ref.name, ruleName, kMaxRuleName));
      d.help = fmt::format("shorten the alert name to at most {} characters",
                           kMaxRuleName - 1 - ref.name.size());
    }
  }
  if (alert.classes.empty()) {
    ok = false;
    sink_
        .report(DiagCode::RP1017, alert.nameSpan,
                fmt::format("alert `{}` names no event class", alert.name))
        .help = "add `on CLASS, ...`, for example `on root_activity`";
  }
  if (alert.description) {
    // It becomes the description of the alert's EventBridge rules, which AWS caps at 512
    // characters (Unicode characters, not bytes).
    constexpr std::size_t kMaxDescription = 512;
    std::size_t chars = 0;
    for (unsigned char c : *alert.description) chars += (c & 0xC0) != 0x80;
    if (chars > kMaxDescription) {
      sink_
          .report(
              DiagCode::RP1026, alert.descriptionSpan,
              fmt::format(
                  "the description of alert `{}` is {} characters; EventBridge accepts at most {}",
                  alert.name, chars, kMaxDescription))
          .help = "shorten it; a `//` comment above the alert can say more";
    }
  }
  if (alert.notify) {
    std::vector<ast::Value> values;
    ok = resolveValues(*alert.notify, {ast::Scalar::String, true, false}, values) && ok;
    for (ast::Value& v : values) {
      if (auto problem = emailProblem(v.text)) {
        ok = false;
        sink_.report(DiagCode::RP1062, v.span, fmt::format("`{}` is not an e-mail address", v.text))
            .help = *problem;
      } else if (std::none_of(alert.recipients.begin(), alert.recipients.end(),
                              [&](const ast::Value& r) { return r.text == v.text; })) {
        alert.recipients.push_back(std::move(v));
      }
    }
  }
  if (ok && alert.recipients.empty()) {
    Diagnostic& d = sink_.report(DiagCode::RP1063, alert.nameSpan,
                                 fmt::format("alert `{}` notifies nobody", alert.name));
    d.notes.push_back("its rules and SNS topic are still emitted, with no e-mail subscription");
    d.help = "add `notify [\"security@example.com\"]`, or subscribe to the topic outside rootpol";
  }
  alert.checked = ok;
}

}  // namespace rootpol::sema
