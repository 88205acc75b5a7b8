#include "policy/arn_format.h"

#include <algorithm>

#include "policy/facts.h"

namespace rootpol::policy {
namespace {

// Control characters stand for the format's variables: no ARN holds them.
constexpr char kAnyRun = '\x01';
constexpr char kSlashFreeRun = '\x02';

bool isRun(char c) { return c == kAnyRun || c == kSlashFreeRun; }

bool slashFree(std::string_view name) {
  const std::vector<std::string>& names = policyFacts().arnNamesWithoutSlash;
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `resource` with each `${...}` replaced by `*`.
void readPattern(std::string_view resource, std::string& out) {
  out.clear();
  out.reserve(resource.size());
  for (std::size_t i = 0; i < resource.size(); ++i) {
    std::size_t close = resource.compare(i, 2, "${") == 0 ? resource.find('}', i) : std::string_view::npos;
    out += close == std::string_view::npos ? resource[i] : '*';
    if (close != std::string_view::npos) i = close;
  }
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
  readPattern(resource, text_);
  // Cut at the first five colons: six parts, or fewer when the text has fewer colons.
  std::size_t from = 0;
  for (std::size_t colon; count_ < 5 && (colon = text_.find(':', from)) != std::string::npos; from = colon + 1) {
    begin_[count_] = static_cast<std::uint32_t>(from);
    end_[count_++] = static_cast<std::uint32_t>(colon);
  }
  begin_[count_] = static_cast<std::uint32_t>(from);
  end_[count_++] = static_cast<std::uint32_t>(text_.size());
}

ArnFormat::ArnFormat(std::string_view format, bool whole) : whole_text_(whole) {
  for (std::size_t i = 0; i < format.size(); ++i) {
    std::size_t close = format.compare(i, 2, "${") == 0 ? format.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      whole_ += format[i];
      continue;
    }
    whole_ += slashFree(format.substr(i + 2, close - i - 2)) ? kSlashFreeRun : kAnyRun;
    i = close;
  }
  for (std::size_t at = whole_.find(':'); at != std::string::npos && colons_.size() < 5; at = whole_.find(':', at + 1))
    colons_.push_back(at);
  if (colons_.size() < 5 || whole) colons_.clear();
}

bool ArnFormat::overlaps(const ResourceProbe& resource, std::vector<std::uint8_t>& scratch) const {
  if (whole_text_ || resource.partCount() < 6 || colons_.empty()) return textsOverlap(whole_, resource.text(), scratch);
  std::string_view whole = whole_;
  std::size_t from = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    std::size_t to = i < 5 ? colons_[i] : whole.size();
    if (!textsOverlap(whole.substr(from, to - from), resource.part(i), scratch)) return false;
    from = to + 1;
  }
  return true;
}

}  // namespace rootpol::policy
