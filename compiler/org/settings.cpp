// The named settings of `organization { }`: `home_region "REGION"` and `root_access
// centralized`. Each setting takes one kind of value; an unknown setting is RP3014 and a value
// the setting does not take is RP3019, both with the nearest spelling when there is one.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "org/tree_builder.h"
#include "sema/literals.h"
#include "sema/suggest.h"

namespace rootpol::org::detail {
namespace {

constexpr std::array<std::string_view, 2> kSettings{"home_region", "root_access"};
// `root_access`'s values. Only one today: both IAM features of centralized root access
// (root credentials management and root sessions), which is what AWS's console enables.
constexpr std::array<std::string_view, 1> kRootAccessValues{"centralized"};

template <std::size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& words) {
  return {words.begin(), words.end()};
}

void unknownSetting(const ast::OrgSetting& setting, DiagnosticSink& sink) {
  Diagnostic& d = sink.report(DiagCode::RP3014, setting.nameSpan,
                              fmt::format("unknown organization setting `{}`", setting.name));
  if (auto near = sema::closestMatch(setting.name, strings(kSettings))) {
    d.help = fmt::format("did you mean `{}`? the settings are: {}", *near, fmt::join(kSettings, ", "));
  } else {
    d.help = fmt::format("the settings are: {}", fmt::join(kSettings, ", "));
  }
}

void homeRegion(const ast::OrgSetting& setting, Model& model, DiagnosticSink& sink) {
  if (setting.word) {
    sink.report(DiagCode::RP3019, setting.value.span,
                fmt::format("`home_region` takes a region in quotes, not the word `{}`", setting.value.text))
        .help = fmt::format("write `home_region \"{}\"`", setting.value.text);
    return;
  }
  if (auto problem = sema::checkRegion(setting.value.text, false)) {
    sema::reportLiteralProblem(*problem, setting.value.span, sink);
    return;
  }
  model.homeRegion = setting.value.text;
}

void rootAccess(const ast::OrgSetting& setting, Model& model, DiagnosticSink& sink) {
  const std::string& value = setting.value.text;
  bool known = std::find(kRootAccessValues.begin(), kRootAccessValues.end(), value) != kRootAccessValues.end();
  if (known && setting.word) {
    model.rootAccessCentralized = true;
    model.rootAccessSpan = setting.nameSpan;
    return;
  }
  Diagnostic& d = sink.report(DiagCode::RP3019, setting.value.span,
                              known ? fmt::format("`root_access` takes the word `{}`, not a string", value)
                                    : fmt::format("`root_access` does not take `{}`", value));
  auto near = known ? std::optional<std::string>(value) : sema::closestMatch(value, strings(kRootAccessValues));
  d.help = near ? fmt::format("did you mean `root_access {}`?", *near)
                : fmt::format("`root_access` takes: {}", fmt::join(kRootAccessValues, ", "));
}

}  // namespace

void applySettings(const ast::Organization& org, Model& model, DiagnosticSink& sink) {
  for (const ast::OrgSetting& setting : org.settings) {
    if (setting.name == "home_region") {
      homeRegion(setting, model, sink);
    } else if (setting.name == "root_access") {
      rootAccess(setting, model, sink);
    } else {
      unknownSetting(setting, sink);
    }
  }
}

}  // namespace rootpol::org::detail
