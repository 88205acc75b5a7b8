#include "emit/emit.h"

namespace rootpol::emit {

std::vector<File> emitAll(const EmitInput& in) {
  std::vector<File> out = emitTerraform(in);
  auto append = [&out](std::vector<File> files) {
    for (File& f : files) out.push_back(std::move(f));
  };
  append(emitCloudFormation(in));
  append(emitCfct(in));
  out.push_back(emitReport(in));
  out.push_back(emitReportHtml(in, out.back().content));
  return out;
}

}  // namespace rootpol::emit
