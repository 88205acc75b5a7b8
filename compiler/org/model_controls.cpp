// `control ID on TARGETS with {...}`: enabled controls in the model (sema has checked the id
// and the parameters against the controls catalog).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "org/model_builder.h"
#include "org/tree_builder.h"

namespace rootpol::org::detail {
namespace {

// The value as EnableControl takes it: lists as JSON arrays, booleans and integers as JSON
// literals, everything else as a JSON string.
ControlParameter toParameter(const ast::ControlParam& param) {
  auto scalar = [&](const ast::Value& v) -> nlohmann::json {
    switch (param.resolvedType.scalar) {
      case ast::Scalar::Bool:
        return v.text == "true";
      case ast::Scalar::Int:
        return std::stoll(v.text);
      default:
        return v.text;
    }
  };
  ControlParameter out;
  out.name = param.name;
  out.list = param.resolvedType.list;
  nlohmann::json json = nlohmann::json::array();
  for (const ast::Value& v : param.resolved) {
    out.values.push_back(v.text);
    json.push_back(scalar(v));
  }
  out.json = out.list ? json.dump() : (json.empty() ? std::string("null") : json.front().dump());
  return out;
}

}  // namespace

void ModelBuilder::enableControl(const ast::Control& decl) {
  if (!decl.checked) return;  // sema reported why
  const controls::Control* control = catalog_.find(decl.id);
  if (control != nullptr && control->enablement != controls::Enablement::Api) {
    control = control->deployAs ? catalog_.find(*control->deployAs) : nullptr;  // sema warned
  }
  if (control == nullptr) return;
  for (const ast::TargetRef& target : decl.targets) {
    if (target.kind != ast::TargetRef::Kind::Ou) {
      sink_.report(DiagCode::RP3104, target.span, "Control Tower enables controls on OUs only")
          .help = target.kind == ast::TargetRef::Kind::Root
                      ? "enable it on each top-level OU instead of the root"
                      : "enable it on the account's OU, or write the rule as an SCP attached to "
                        "the account";
      continue;
    }
    if (std::optional<NodeIndex> node = resolveTarget(model_, target, sink_))
      addControl(decl, *control, *node);
  }
}

void ModelBuilder::addControl(const ast::Control& decl, const controls::Control& control,
                              NodeIndex target) {
  for (std::size_t index : model_.placements[target].controls) {
    const EnabledControl& other = model_.controls[index];
    if (other.id != control.id) continue;
    sink_
        .report(DiagCode::RP3106, decl.idSpan,
                fmt::format("`{}` is already enabled on {}", control.id,
                            model_.nodes[target].display()))
        .labels.push_back({other.span, "enabled here"});
    return;
  }
  EnabledControl enabled;
  enabled.id = control.id;
  enabled.writtenId = decl.id;
  enabled.identifierArn = control.identifierArn(model_.homeRegion.value_or("us-east-1"));
  enabled.usesScpSlot = control.usesScpSlot();
  enabled.target = target;
  enabled.span = decl.idSpan;
  for (const controls::Parameter& p : control.parameters) {
    for (const ast::ControlParam& given : decl.params) {
      if (given.name == p.name) enabled.parameters.push_back(toParameter(given));
    }
  }
  model_.placements[target].controls.push_back(model_.controls.size());
  model_.controls.push_back(std::move(enabled));
}

}  // namespace rootpol::org::detail
