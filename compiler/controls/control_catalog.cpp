#include "controls/control_catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/text.h"
#include "stdlib_files.h"

namespace rootpol::controls {

std::string_view behaviorName(Behavior behavior) {
  switch (behavior) {
    case Behavior::Preventive:
      return "preventive";
    case Behavior::Detective:
      return "detective";
    case Behavior::Proactive:
      return "proactive";
  }
  return "?";
}

std::string_view guidanceName(Guidance guidance) {
  switch (guidance) {
    case Guidance::Mandatory:
      return "mandatory";
    case Guidance::StronglyRecommended:
      return "strongly-recommended";
    case Guidance::Elective:
      return "elective";
  }
  return "?";
}

std::string_view implementationName(Implementation implementation) {
  switch (implementation) {
    case Implementation::Scp:
      return "scp";
    case Implementation::Rcp:
      return "rcp";
    case Implementation::ConfigRule:
      return "config-rule";
    case Implementation::Hook:
      return "hook";
  }
  return "?";
}

std::string_view enablementName(Enablement enablement) {
  switch (enablement) {
    case Enablement::Api:
      return "api";
    case Enablement::LandingZone:
      return "landing-zone";
    case Enablement::Mandatory:
      return "mandatory";
  }
  return "?";
}

const Parameter* Control::parameter(std::string_view name) const {
  for (const Parameter& p : parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string Control::identifierArn(std::string_view homeRegion) const {
  if (globalId) return "arn:aws:controlcatalog:::control/" + *globalId;
  return "arn:aws:controltower:" + std::string(homeRegion) + "::control/" + id;
}

bool Control::usesScpSlot() const { return implementation == Implementation::Scp; }

const ControlCatalog& ControlCatalog::builtin() {
  static const ControlCatalog catalog = [] {
    std::string error = "stdlib/controls.json is not embedded";
    if (const auto text = stdlib::embeddedFile("controls.json")) {
      if (auto loaded = fromJson(*text, error)) return std::move(*loaded);
    }
    std::fprintf(stderr, "rootpol: internal error: the embedded controls catalog: %s\n",
                 error.c_str());
    std::abort();
  }();
  return catalog;
}

const Control* ControlCatalog::find(std::string_view id) const {
  const auto it = std::lower_bound(controls_.begin(), controls_.end(), id,
                                   [](const Control& c, std::string_view v) { return c.id < v; });
  return it != controls_.end() && it->id == id ? &*it : nullptr;
}

const Control* ControlCatalog::findIgnoringCase(std::string_view id) const {
  for (const Control& c : controls_) {
    if (equalsIgnoreCase(c.id, id)) return &c;
  }
  return nullptr;
}

}  // namespace rootpol::controls
