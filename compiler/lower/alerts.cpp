#include "lower/alerts.h"

#include <algorithm>

namespace rootpol::lower {

alerts::Alert lowerAlert(const ast::Alert& alert) {
  alerts::Alert out;
  out.name = alert.name;
  out.description = alert.description.value_or("");
  const alerts::ClassTable& table = alerts::ClassTable::builtin();
  for (const ast::AlertClassRef& ref : alert.classes) {
    const alerts::EventClass* c = table.find(ref.name);
    // Sema checked every name; a repeated class gets one rule.
    if (c != nullptr && std::find(out.classes.begin(), out.classes.end(), c) == out.classes.end()) {
      out.classes.push_back(c);
    }
  }
  for (const ast::Value& r : alert.recipients) out.recipients.push_back(r.text);
  return out;
}

}  // namespace rootpol::lower
