#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/types.h"
#include "policy/document.h"

// The AWS Control Tower controls catalog: which controls exist, how they are enabled, which
// parameters they take (with rootpol types, so `control ID on ... with {...}` is type checked)
// and, for SCP controls whose body is published, the SCP statement they deploy. The data is
// stdlib/controls.json; the facts it records are in aws-facts.md §6.
namespace rootpol::controls {

enum class Behavior { Preventive, Detective, Proactive };
enum class Guidance { Mandatory, StronglyRecommended, Elective };
enum class Implementation { Scp, Rcp, ConfigRule, Hook };
// Mandatory and landing-zone controls cannot be enabled through EnableControl.
enum class Enablement { Api, LandingZone, Mandatory };

// The names used in controls.json: "preventive", "strongly-recommended", "config-rule",
// "landing-zone".
std::string_view behaviorName(Behavior behavior);
std::string_view guidanceName(Guidance guidance);
std::string_view implementationName(Implementation implementation);
std::string_view enablementName(Enablement enablement);

struct Parameter {
  std::string name;  // as EnableControl takes it: "ExemptedPrincipalArns"
  ast::Type type;
  bool required = false;
  std::string description;
};

// How a parameter appears in the control's statement: one more condition entry, `op` on `key`
// with the parameter's values (e.g. ArnNotLike on aws:PrincipalArn for ExemptedPrincipalArns).
struct Exemption {
  std::string parameter, op, key;
};

struct Control {
  std::string id;                       // legacy id: "AWS-GR_RESTRICT_ROOT_USER"
  std::optional<std::string> globalId;  // Control Catalog id, when the facts give it
  std::string name;                     // empty when the facts do not give it
  Behavior behavior = Behavior::Preventive;
  Guidance guidance = Guidance::Elective;
  Implementation implementation = Implementation::Scp;
  Enablement enablement = Enablement::Api;
  // The control to enable in this one's place (a landing-zone control used on an OU). INVARIANT:
  // names a control of the same catalog that takes every parameter of this one.
  std::optional<std::string> deployAs;
  std::optional<std::string> artifact;  // SCP Sid or Config rule identifier
  std::vector<Parameter> parameters;
  // The published SCP statement without the template's optional parts; its sid is `artifact`.
  std::optional<policy::Statement> statement;
  std::optional<Exemption> exemption;  // INVARIANT: set only with a statement
  std::string note;                    // provenance and UNCONFIRMED points

  // The parameter named exactly `name`, or null.
  const Parameter* parameter(std::string_view name) const;
  // "arn:aws:controlcatalog:::control/<globalId>" when the global id is known, else the
  // regional legacy form "arn:aws:controltower:<homeRegion>::control/<id>".
  std::string identifierArn(std::string_view homeRegion) const;
  // Whether enabling the control attaches an SCP (which counts against the target's quota).
  bool usesScpSlot() const;
};

class ControlCatalog {
 public:
  // The catalog of the embedded stdlib/controls.json, parsed on first use. A broken embedded
  // file is a build defect: it aborts with the parse error (the unit tests load it).
  static const ControlCatalog& builtin();

  // Strict: malformed JSON, unknown fields, unknown enum names, bad parameter types,
  // duplicate or missing ids and dangling references are errors; `error` then names the
  // control (or its index when it has no id) and the problem.
  static std::optional<ControlCatalog> fromJson(std::string_view text, std::string& error);

  const Control* find(std::string_view id) const;  // exact id
  const Control* findIgnoringCase(std::string_view id) const;
  const std::vector<Control>& all() const { return controls_; }  // sorted by id

 private:
  explicit ControlCatalog(std::vector<Control> controls) : controls_(std::move(controls)) {}
  std::vector<Control> controls_;
};

}  // namespace rootpol::controls
