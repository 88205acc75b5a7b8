#pragma once

#include <string>
#include <vector>

#include "alerts/event_classes.h"

// An `alert` after checking: what the emitters turn into EventBridge rules, an SNS topic and
// its e-mail subscriptions. Nothing here refers to the AST.
namespace rootpol::alerts {

struct Alert {
  std::string name;                        // the rootpol identifier: [A-Za-z_][A-Za-z0-9_-]*
  std::string description;                 // may be empty
  std::vector<const EventClass*> classes;  // into ClassTable::builtin(), no duplicates, as written
  std::vector<std::string> recipients;  // e-mail addresses, no duplicates, as written; may be empty
};

}  // namespace rootpol::alerts
