// Whether an ArnLike pattern meets the language of principal ARNs, part by part: each part's
// glob is run against a small automaton of what that part can be, and the product of the two is
// searched for an accepting pair. Exact for the languages written here, so the warning has no
// false positives on wildcard patterns.
#include "sema/principal_arn.h"

#include <fmt/format.h>

#include <set>
#include <utility>
#include <vector>

namespace rootpol::sema {
namespace {

// What may follow a part's literal prefix.
enum class Tail {
  None,       // nothing: the prefix is the whole word
  Name,       // one or more of [A-Za-z0-9_+=,.@-] (user, role and federated user names)
  Path,       // printable characters ending with a name character: `division/Bob`
  Partition,  // ("-" letters)*: aws, aws-cn, aws-us-gov, aws-iso-b, ...
  Digits12,   // exactly twelve digits: an account id
};

struct Word {
  std::string_view prefix;
  Tail tail;
};

bool nameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("_+=,.@-").find(c) != std::string_view::npos;
}
bool printable(char c) { return c >= 0x21 && c <= 0x7e; }
bool lowerLetter(char c) { return c >= 'a' && c <= 'z'; }

// A state of one word's automaton: in the prefix (at < prefix size) or in the tail (`tail` is the
// tail's own state).
struct State {
  std::size_t word, at;
  int tail;
  friend auto operator<=>(const State&, const State&) = default;
};

constexpr int kDead = -1;

int tailStart(Tail tail) { return tail == Tail::Partition ? 1 : 0; }

int tailStep(Tail tail, int s, char c) {
  switch (tail) {
    case Tail::None:
      return kDead;
    case Tail::Name:
      return nameChar(c) ? 1 : kDead;
    case Tail::Path:
      return printable(c) ? (nameChar(c) && c != '/' ? 1 : 0) : kDead;
    case Tail::Partition:  // 1: after "aws" or a letter (accepting); 0: after '-'
      if (c == '-') return s == 1 ? 0 : kDead;
      return lowerLetter(c) ? 1 : kDead;
    case Tail::Digits12:
      return c >= '0' && c <= '9' && s < 12 ? s + 1 : kDead;
  }
  return kDead;
}

bool tailAccepts(Tail tail, int s) {
  switch (tail) {
    case Tail::None:
      return true;
    case Tail::Name:
    case Tail::Path:
    case Tail::Partition:
      return s == 1;
    case Tail::Digits12:
      return s == 12;
  }
  return false;
}

// Whether the glob `pattern` (`*` any run, `?` one character, else itself) matches some word.
bool meets(std::string_view pattern, const std::vector<Word>& words) {
  // One character of every class the automata tell apart: the prefixes' own characters, `/` and
  // `-`, a digit, a lower- and an upper-case letter no prefix has, a printable non-name character
  // and a blank. Any other character behaves as one of these in every automaton here.
  std::string representatives = "/-0qZ# ";
  for (const Word& w : words) representatives += w.prefix;
  auto step = [&](const State& s, char c) -> std::optional<State> {
    const Word& w = words[s.word];
    if (s.at < w.prefix.size()) {
      if (w.prefix[s.at] != c) return std::nullopt;
      return State{s.word, s.at + 1, s.at + 1 == w.prefix.size() ? tailStart(w.tail) : 0};
    }
    int next = tailStep(w.tail, s.tail, c);
    if (next == kDead) return std::nullopt;
    return State{s.word, s.at, next};
  };
  auto accepts = [&](const State& s) {
    const Word& w = words[s.word];
    return s.at == w.prefix.size() && tailAccepts(w.tail, s.tail);
  };
  std::set<std::pair<std::size_t, State>> seen;
  std::vector<std::pair<std::size_t, State>> todo;
  auto push = [&](std::size_t i, const State& s) {
    // `*` may match nothing: the positions after a run of stars are reached at once.
    for (;;) {
      if (seen.insert({i, s}).second) todo.push_back({i, s});
      if (i == pattern.size() || pattern[i] != '*') break;
      ++i;
    }
  };
  for (std::size_t w = 0; w < words.size(); ++w) {
    push(0, State{w, 0, words[w].prefix.empty() ? tailStart(words[w].tail) : 0});
  }
  while (!todo.empty()) {
    auto [i, s] = todo.back();
    todo.pop_back();
    if (i == pattern.size()) {
      if (accepts(s)) return true;
      continue;
    }
    const char p = pattern[i];
    const std::size_t next = p == '*' ? i : i + 1;  // a star consumes and stays
    for (char c : (p == '*' || p == '?') ? std::string_view(representatives) : std::string_view(&p, 1)) {
      if (auto moved = step(s, c)) push(next, *moved);
    }
  }
  return false;
}

const std::vector<Word> kPartition{{"aws", Tail::Partition}};
const std::vector<Word> kNoRegion{{"", Tail::None}};
const std::vector<Word> kAccount{{"", Tail::Digits12}};
const std::vector<Word> kIam{{"iam", Tail::None}};
const std::vector<Word> kSts{{"sts", Tail::None}};
const std::vector<Word> kIamResource{{"root", Tail::None}, {"user/", Tail::Path}, {"role/", Tail::Path}};
const std::vector<Word> kStsResource{{"federated-user/", Tail::Name}};

}  // namespace

std::optional<std::string> principalPatternProblem(std::string_view pattern) {
  if (pattern == "*") return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = pattern.find(':', from);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.push_back(pattern.substr(from, colon - from));
    from = colon + 1;
  }
  parts.push_back(pattern.substr(from));
  if (!meets(parts[1], kPartition)) {
    return fmt::format("`{}` is not an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...)", parts[1]);
  }
  const bool iam = meets(parts[2], kIam), sts = meets(parts[2], kSts);
  if (!iam && !sts) {
    return fmt::format("principal ARNs are `iam` (root, users, roles) or `sts` (federated users) ARNs, not `{}`",
                       parts[2]);
  }
  if (!meets(parts[3], kNoRegion)) {
    return fmt::format("principal ARNs have no region, and this one has `{}`", parts[3]);
  }
  if (!meets(parts[4], kAccount)) {
    return fmt::format("`{}` cannot be a 12-digit account id", parts[4]);
  }
  if ((iam && meets(parts[5], kIamResource)) || (sts && meets(parts[5], kStsResource))) return std::nullopt;
  if (sts && parts[5].starts_with("assumed-role/")) {
    return "a role session's aws:PrincipalArn is its role's ARN `arn:aws:iam::ACCOUNT:role/NAME`, never the "
           "`assumed-role` session ARN";
  }
  return fmt::format("`{}` is not the resource of a principal ARN (`root`, `user/NAME`, `role/NAME`, or "
                     "`federated-user/NAME` under sts)",
                     parts[5]);
}

}  // namespace rootpol::sema
