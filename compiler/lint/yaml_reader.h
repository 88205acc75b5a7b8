#pragma once

#include <string_view>

#include "base/source.h"
#include "policy/json_reader.h"

// Lint reads policy JSON through the hub's position-keeping reader.
namespace rootpol::lint {
namespace json = policy::json;
}  // namespace rootpol::lint

// The subset of YAML that policy statement lists are written in, read into the same tree as
// JSON (json::Node, with the byte span of every value and key):
//   - block sequences (`- item`) and block mappings (`key: value`), also compact
//     (`- key: value` with the mapping's other keys under `key`);
//   - plain, single-quoted and double-quoted scalars on one line, `#` comments;
//   - flow sequences on one line (`[a, "b"]`) and the empty flow mapping `{}`;
//   - a leading `---`.
// Plain scalars are typed as YAML 1.2's core schema says (`true`, `3`, `null`, `~`); anything
// else (block scalars `|` `>`, anchors, aliases, tags, flow mappings, multi-line scalars,
// several documents) is an error at its exact position. Never throws; nesting is limited to
// json::kMaxJsonDepth.
namespace rootpol::lint::yaml {

json::ParseResult parse(std::string_view text, FileId file);

}  // namespace rootpol::lint::yaml
