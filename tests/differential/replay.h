#pragma once

#include <filesystem>
#include <ostream>

#include "oracle_client.h"

// `differential --replay FILE`: decides hand-written cases (the oracle's stdin protocol,
// `{"cases":[{id, scps, action, resource, principal, context}]}`) with eval::Evaluator and with
// the oracle, without any quirk filter, and prints both decisions side by side. This is how
// the examples of docs/evaluator.md were checked.
namespace rootpol::differential {

// A case with a "quirk" member (tests/differential/known_differences.json) is checked: the
// quirk filter must name that quirk ("" for none: a difference the generator avoids, or a
// control) and the evaluators must disagree (agree with "differs": false), else the line says
// UNEXPECTED, as it would after an oracle upgrade that fixed a quirk. Returns 0, 1 when some line
// is UNEXPECTED, 2 on a malformed file or an oracle failure.
int replay(const std::filesystem::path& file, const semantic::OracleClient& oracle,
           std::ostream& out);

}  // namespace rootpol::differential
