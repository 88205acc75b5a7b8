#include <array>

#include "base/diagnostic.h"

namespace rootpol {
namespace {

constexpr std::array kInfos = {
#define DIAG(code, severity, name, doc) DiagInfo{#code, Severity::severity, name, doc},
#include "base/diagnostic_kinds.def"
#undef DIAG
};

}  // namespace

const DiagInfo& diagInfo(DiagCode code) { return kInfos.at(static_cast<std::size_t>(code)); }

const std::vector<DiagCode>& allDiagCodes() {
  static const std::vector<DiagCode> codes = [] {
    std::vector<DiagCode> all;
    for (std::size_t i = 0; i < kInfos.size(); ++i) all.push_back(static_cast<DiagCode>(i));
    return all;
  }();
  return codes;
}

}  // namespace rootpol
