// `control ID on TARGETS with {...}` checked against the controls catalog in stdlib/.
#include <fmt/format.h>

#include <fmt/ranges.h>
#include <algorithm>

#include "sema/checker.h"
#include "sema/suggest.h"

namespace rootpol::sema {
namespace {

std::vector<std::string> controlIds(const controls::ControlCatalog& catalog) {
  std::vector<std::string> ids;
  for (const controls::Control& c : catalog.all()) ids.push_back(c.id);
  return ids;
}

std::vector<std::string> parameterNames(const controls::Control& control) {
  std::vector<std::string> names;
  for (const controls::Parameter& p : control.parameters) names.push_back(p.name);
  return names;
}

}  // namespace

// The control that EnableControl will turn on for `control`, or nullptr after reporting why
// there is none (unknown id; a mandatory or landing-zone control with no OU equivalent).
const controls::Control* Checker::effectiveControl(const ast::Control& control) {
  const controls::ControlCatalog& catalog = controls::ControlCatalog::builtin();
  const controls::Control* found = catalog.find(control.id);
  if (found == nullptr) {
    Diagnostic& d = sink_.report(DiagCode::RP3101, control.idSpan,
                                 fmt::format("unknown control `{}`", control.id));
    const controls::Control* cased = catalog.findIgnoringCase(control.id);
    std::optional<std::string> close =
        cased != nullptr ? cased->id : closestMatch(control.id, controlIds(catalog));
    d.help = close ? fmt::format("did you mean `{}`?", *close)
                   : std::string("the controls rootpol knows are listed in stdlib/controls.json");
    return nullptr;
  }
  if (found->enablement == controls::Enablement::Api) return found;
  if (found->enablement == controls::Enablement::LandingZone && found->deployAs) {
    sink_
        .report(DiagCode::RP3105, control.idSpan,
                fmt::format("`{}` is a landing-zone setting that EnableControl cannot turn on for "
                            "an OU; rootpol "
                            "enables `{}` instead",
                            found->id, *found->deployAs))
        .help = fmt::format("write `control {}` to say so", *found->deployAs);
    return catalog.find(*found->deployAs);
  }
  sink_.report(
      DiagCode::RP3105, control.idSpan,
      fmt::format(
          "`{}` is {} and cannot be enabled through the control API; nothing is emitted for it",
          found->id,
          found->enablement == controls::Enablement::Mandatory
              ? "mandatory: Control Tower enables it on every registered OU"
              : "a landing-zone setting"));
  return nullptr;
}

void Checker::checkControl(ast::Control& control) {
  std::size_t errorsBefore = sink_.errorCount();
  const controls::Control* effective = effectiveControl(control);
  if (effective == nullptr) return;
  for (ast::ControlParam& param : control.params) {
    const controls::Parameter* spec = effective->parameter(param.name);
    if (spec == nullptr) {
      Diagnostic& d =
          sink_.report(DiagCode::RP3102, param.nameSpan,
                       fmt::format("`{}` takes no parameter `{}`", effective->id, param.name));
      std::vector<std::string> names = parameterNames(*effective);
      if (auto close = closestMatch(param.name, names)) {
        d.help = fmt::format("did you mean `{}`?", *close);
      } else {
        d.help = names.empty() ? std::string("this control takes no parameters")
                               : fmt::format("its parameters are: {}", fmt::join(names, ", "));
      }
      continue;
    }
    Expectation want{spec->type.scalar, spec->type.list, spec->type.scalar == ast::Scalar::Arn};
    param.resolvedType = spec->type;
    resolveValues(param.value, want, param.resolved);
  }
  for (const controls::Parameter& spec : effective->parameters) {
    bool given = std::any_of(control.params.begin(), control.params.end(),
                             [&](const ast::ControlParam& p) { return p.name == spec.name; });
    if (spec.required && !given) {
      sink_
          .report(DiagCode::RP3103, control.idSpan,
                  fmt::format("`{}` needs the parameter `{}` ({})", effective->id, spec.name,
                              ast::typeName(spec.type)))
          .help = fmt::format("add `with {{ {}: ... }}`", spec.name);
    }
  }
  control.checked = sink_.errorCount() == errorsBefore;
}

}  // namespace rootpol::sema
