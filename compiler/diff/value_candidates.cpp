#include "diff/value_candidates.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "diff/request_space.h"
#include "eval/values.h"
#include "policy/operators.h"

namespace rootpol::diff {
namespace {

// A string no IAM literal of a real program spells, so it falls in the "no literal" class.
constexpr std::string_view kOtherString = "rootpol-diff-other";

std::string ipv4Text(const eval::IpAddress& a) {
  return fmt::format("{}.{}.{}.{}", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
}

// The first address of each IPv4 block, the last, and the ones just outside it; plus one
// address outside every block. IPv6 blocks get their base address.
void ipCandidates(const std::vector<std::string>& literals, std::set<std::string>& out) {
  std::vector<eval::IpBlock> blocks;
  for (const std::string& text : literals) {
    auto block = eval::parseIpBlock(text);
    if (!block) continue;
    blocks.push_back(*block);
    if (block->base.v6) {
      out.insert(text.substr(0, text.find('/')));
      continue;
    }
    std::uint32_t base = 0;
    for (int i = 0; i < 4; ++i) base = base << 8 | block->base.bytes[i];
    const std::uint32_t mask = block->prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - block->prefix);
    const std::uint32_t first = base & mask, last = first | ~mask;
    for (std::uint64_t v : {std::uint64_t{first}, std::uint64_t{last}, std::uint64_t{first} - 1, std::uint64_t{last} + 1}) {
      if (v > 0xffffffffu) continue;
      eval::IpAddress a;
      for (int i = 0; i < 4; ++i) a.bytes[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
      out.insert(ipv4Text(a));
    }
  }
  for (std::string_view outside : {"192.0.2.1", "198.18.0.1", "100.64.0.1", "240.0.0.1", "8.8.8.8"}) {
    auto a = eval::parseIpAddress(outside);
    if (std::none_of(blocks.begin(), blocks.end(), [&](const eval::IpBlock& b) { return blockContains(b, *a); })) {
      out.insert(std::string(outside));
      break;
    }
  }
}

void numberCandidates(const std::vector<std::string>& literals, std::set<std::string>& out) {
  for (const std::string& text : literals) {
    auto n = eval::parseNumber(text);
    if (!n) continue;
    out.insert(text);
    out.insert(fmt::format("{}", *n - 1));
    out.insert(fmt::format("{}", *n + 1));
  }
  out.insert("0");
}

void dateCandidates(const std::vector<std::string>& literals, std::set<std::string>& out) {
  for (const std::string& text : literals) {
    auto t = eval::parseDate(text);
    if (!t) continue;
    out.insert(eval::formatIsoTime(t->seconds));
    out.insert(eval::formatIsoTime(t->seconds - 1));
    out.insert(eval::formatIsoTime(t->seconds + 1));
  }
}

}  // namespace

std::vector<std::string> candidateValues(const std::vector<const policy::ConditionEntry*>& entries) {
  std::set<std::string> out;
  bool strings = false;
  for (const policy::ConditionEntry* e : entries) {
    auto op = e->oper();
    if (!op) continue;
    switch (policy::valueType(op->base)) {
      case policy::ValueType::Ip:
        ipCandidates(e->values, out);
        break;
      case policy::ValueType::Numeric:
        numberCandidates(e->values, out);
        break;
      case policy::ValueType::Date:
        dateCandidates(e->values, out);
        break;
      case policy::ValueType::Bool:
        out.insert("true");
        out.insert("false");
        break;
      case policy::ValueType::Null:
        strings = true;  // presence is what matters: any value, or absent
        break;
      case policy::ValueType::String:
      case policy::ValueType::Arn:
      case policy::ValueType::Binary:
        strings = true;
        for (const std::string& v : e->values) out.insert(instantiate(v));
        break;
    }
  }
  if (strings) out.insert(std::string(kOtherString));
  return {out.begin(), out.end()};
}

}  // namespace rootpol::diff
