#include "policy/arn_format.h"

#include <algorithm>
#include <array>
#include <bit>

#include "policy/facts.h"

namespace rootpol::policy {
namespace {

// Control characters stand for the format's variables: no ARN holds them.
constexpr char kAnyRun = '\x01';
constexpr char kSlashFreeRun = '\x02';

bool isRun(char c) { return c == kAnyRun || c == kSlashFreeRun; }

// The first character of a format's text when it is a literal one, else 0.
char formatLead(std::string_view text) { return text.empty() || isRun(text.front()) ? 0 : text.front(); }

// The first character of a pattern when it is a literal one, else 0.
char patternLead(std::string_view text) {
  return text.empty() || text.front() == '*' || text.front() == '?' ? 0 : text.front();
}

bool slashFree(std::string_view name) {
  const std::vector<std::string>& names = policyFacts().arnNamesWithoutSlash;
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `text` with each `${NAME}` replaced by the character `variable(NAME)` gives; from an unclosed
// `${` on, the text is literal.
template <typename Variable>
void replaceVariables(std::string_view text, std::string& out, Variable variable) {
  out.clear();
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t at; (at = text.find("${", from)) != std::string_view::npos;) {
    std::size_t close = text.find('}', at);
    if (close == std::string_view::npos) break;
    out.append(text.substr(from, at - from)).append(1, variable(text.substr(at + 2, close - at - 2)));
    from = close + 1;
  }
  out.append(text.substr(from));
}

// Whether the format tokens `a` (fewer than 64) fit a text `b` may be, `b` being a pattern
// without `*` (a plain resource, maybe with `?`): the positions of `a` reached after each
// character of `b`, as bits, from position 0 to the end of `a`. A run takes the character or
// ends (also at once: it may be empty); a literal takes its own character, or a `?`. The same
// answer as the table below, in a few operations per character: few positions are live at once.
bool fitsWithoutStar(std::string_view a, std::string_view b) {
  const std::size_t end = a.size();
  std::uint64_t runs = 0;
  for (std::size_t i = 0; i < end; ++i) runs |= isRun(a[i]) ? std::uint64_t{1} << i : 0;
  // Every run reached may end: its next position is reached too (and on through runs).
  auto endRuns = [runs](std::uint64_t live) {
    for (std::uint64_t open = live & runs; open != 0;) {
      std::uint64_t next = (open & -open) << 1;
      open &= open - 1;
      if ((live & next) == 0) open |= next & runs;
      live |= next;
    }
    return live;
  };
  std::uint64_t live = endRuns(1);
  for (char c : b) {
    std::uint64_t next = 0;
    for (std::uint64_t at = live; at != 0; at &= at - 1) {
      std::size_t i = static_cast<std::size_t>(std::countr_zero(at));
      if (i == end) continue;
      if (isRun(a[i])) {
        next |= a[i] == kAnyRun || c != '/' ? std::uint64_t{1} << i : 0;
      } else if (c == '?' || a[i] == c) {
        next |= std::uint64_t{1} << (i + 1);
      }
    }
    live = endRuns(next);
    if (live == 0) return false;
  }
  return (live >> end & 1) != 0;
}

// Whether the format tokens `a` and the IAM pattern `b` have a text in common. A table over the
// suffixes: cell (i, j) is whether `a` from i and `b` from j do. Filled from the ends, no
// recursion.
bool textsOverlap(std::string_view a, std::string_view b, std::vector<std::uint8_t>& scratch) {
  // Literal heads and tails must agree; what they share needs no table. Most pairs of a
  // resource and a format of another type end here.
  while (!a.empty() && !b.empty() && !isRun(a.front()) && b.front() != '*') {
    if (b.front() != '?' && a.front() != b.front()) return false;
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && !isRun(a.back()) && b.back() != '*') {
    if (b.back() != '?' && a.back() != b.back()) return false;
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) {
    // The rest of the other side must be able to be empty: runs, or `*`s.
    std::string_view rest = a.empty() ? b : a;
    for (char c : rest) {
      if (!isRun(c) && c != '*') return false;
    }
    return true;
  }
  // One variable left (`${Region}` against `us-east-1`, the most common rest), or a lone `*`:
  // what the table would find, without it. A run takes any text, a slash-free one any text
  // without a `/` (a `*` or `?` of the pattern may stand for other characters).
  if (a.size() == 1) return a.front() == kAnyRun || b.find('/') == std::string_view::npos;
  if (b == "*") return true;
  if (a.size() < 64 && b.find('*') == std::string_view::npos) return fitsWithoutStar(a, b);
  const std::size_t width = b.size() + 1;
  scratch.assign((a.size() + 1) * width, 0);
  auto cell = [&](std::size_t i, std::size_t j) -> std::uint8_t& { return scratch[i * width + j]; };
  for (std::size_t i = a.size() + 1; i-- > 0;) {
    for (std::size_t j = b.size() + 1; j-- > 0;) {
      bool endA = i == a.size(), endB = j == b.size();
      bool out = false;
      if (endA && endB) {
        out = true;
      } else if (!endA && isRun(a[i])) {
        // The run ends here, or takes the pattern's next character (a `?` takes a character the
        // run allows; a `*` may end instead).
        bool takes = !endB && (b[j] == '*' || b[j] == '?' || a[i] == kAnyRun || b[j] != '/');
        out = cell(i + 1, j) || (takes && cell(i, j + 1));
      } else if (!endB && b[j] == '*') {
        out = cell(i, j + 1) || (!endA && cell(i + 1, j));
      } else if (!endA && !endB) {
        out = (b[j] == '?' || a[i] == b[j]) && cell(i + 1, j + 1);
      }
      cell(i, j) = out ? 1 : 0;
    }
  }
  return cell(0, 0) != 0;
}

}  // namespace

ResourceProbe::ResourceProbe(std::string_view resource) {
  replaced_ = resource.find("${") != std::string_view::npos;
  if (replaced_) {
    replaceVariables(resource, replacedText_, [](std::string_view) { return '*'; });
  } else {
    viewed_ = resource;
  }
  const std::string_view text = this->text();
  // Cut at the first five colons: six parts, or fewer when the text has fewer colons.
  std::size_t from = 0;
  for (std::size_t colon; count_ < 5 && (colon = text.find(':', from)) != std::string_view::npos; from = colon + 1) {
    begin_[count_] = static_cast<std::uint32_t>(from);
    end_[count_++] = static_cast<std::uint32_t>(colon);
  }
  begin_[count_] = static_cast<std::uint32_t>(from);
  end_[count_++] = static_cast<std::uint32_t>(text.size());
  textLead_ = patternLead(text);
  resourceLead_ = count_ == 6 ? patternLead(part(5)) : 0;
}

ArnFormat::ArnFormat(std::string_view format, bool whole) {
  replaceVariables(format, whole_, [](std::string_view name) { return slashFree(name) ? kSlashFreeRun : kAnyRun; });
  std::size_t count = 0;
  for (std::size_t at = whole_.find(':'); at != std::string::npos && count < 5; at = whole_.find(':', at + 1))
    colons_[count++] = static_cast<std::uint32_t>(at);
  split_ = count == 5 && !whole;
  textLead_ = formatLead(whole_);
  resourceLead_ = split_ ? formatLead(part(5)) : 0;
}

bool ArnFormat::compare(const ResourceProbe& resource, bool partwise, std::vector<std::uint8_t>& scratch) const {
  if (!partwise) return textsOverlap(whole_, resource.text(), scratch);
  // The resource part first, then the service: where formats of other types differ.
  static constexpr std::array<std::size_t, 6> kOrder{5, 2, 0, 1, 3, 4};
  for (std::size_t i : kOrder) {
    if (!textsOverlap(part(i), resource.part(i), scratch)) return false;
  }
  return true;
}

std::string_view ArnFormat::part(std::size_t i) const {
  std::size_t from = i == 0 ? 0 : colons_[i - 1] + 1;
  std::size_t to = i < 5 ? colons_[i] : whole_.size();
  return std::string_view(whole_).substr(from, to - from);
}

}  // namespace rootpol::policy
