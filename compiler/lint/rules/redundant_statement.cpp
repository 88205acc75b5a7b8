// RP4101, RP4102: statements another statement already decides.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>

#include "lint/rule.h"
#include "lint/rules/cover_index.h"
#include "lint/rules/facts.h"

namespace rootpol::lint {
namespace {

// "statement `S1` <between>statement `S7`<after>": the statements by Sid (by number without
// one), written into one buffer with compiled formats: a large document has thousands of these
// findings, and parsing format strings and building each part apart were most of their cost.
std::string message(const std::vector<policy::Statement>& all, std::size_t i, std::string_view between,
                    std::size_t j, std::string_view after) {
  fmt::memory_buffer out;
  auto name = [&](std::size_t k) {
    if (!all[k].sid.empty()) {
      fmt::format_to(std::back_inserter(out), FMT_COMPILE("statement `{}`"), all[k].sid);
    } else {
      fmt::format_to(std::back_inserter(out), FMT_COMPILE("statement {}"), k + 1);
    }
  };
  name(i);
  out.append(between);
  name(j);
  out.append(after);
  return fmt::to_string(out);
}

// A later duplicate is the redundant one, so identical statements are reported once.
bool redundantAgainst(const std::vector<policy::Statement>& all, std::size_t i, std::size_t j) {
  if (i == j || all[i].deny != all[j].deny || !facts::statementCovers(all[j], all[i]))
    return false;
  return !facts::statementCovers(all[i], all[j]) || j < i;
}

// Only the statements the index finds may cover statement i (cover_index.h); they come in
// document order, so the first finding is the one a pairwise scan would give.
void check(const LintDocument& doc, LintContext& context) {
  const std::vector<policy::Statement>& all = doc.statements();
  facts::CoverIndex index(all);
  for (std::size_t i = 0; i < all.size(); ++i) {
    index.forEachCandidate(i, [&](std::size_t j) {
      if (redundantAgainst(all, i, j)) {
        context.sink
            .report(DiagCode::RP4101, all[i].origin,
                    message(all, i, " is redundant: ", j,
                            all[j].deny ? " already denies everything it does" : " already allows everything it does"))
            .labels.push_back({all[j].origin, "covered by this statement"});
        return true;
      }
      if (!all[i].deny && all[j].deny && facts::statementCovers(all[j], all[i])) {
        context.sink
            .report(DiagCode::RP4102, all[i].origin, message(all, i, " allows nothing: ", j, " denies every request it allows"))
            .labels.push_back({all[j].origin, "denied here"});
        return true;
      }
      return false;
    });
  }
}

}  // namespace

extern const LintRule kRedundantStatement{
    DiagCode::RP4101,
    "A statement is redundant when another statement of the same document with the same effect "
    "applies to every request it applies to: its actions and resources are covered by the other "
    "statement's patterns and the other statement's conditions are a subset of its own. Removing "
    "it changes nothing and frees bytes of the size quota. Identical statements are reported once, "
    "on the later copy.",
    check, nullptr, /*costly=*/true};

extern const LintRule kAllowShadowed{
    DiagCode::RP4102,
    "An `Allow` statement is shadowed when a `Deny` statement of the same document applies to "
    "every "
    "request it allows (an explicit deny always wins in AWS's evaluation). The allow is dead text: "
    "either the deny is too broad or the allow can go.",
    nullptr, nullptr};

}  // namespace rootpol::lint
