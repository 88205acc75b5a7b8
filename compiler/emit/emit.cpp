#include "emit/common.h"
#include "emit/emit.h"

namespace rootpol::emit {

std::vector<File> emitAll(const EmitInput& in) {
  std::vector<File> out = emitTerraform(in);
  auto append = [&out](std::vector<File> files) {
    for (File& f : files) out.push_back(std::move(f));
  };
  append(emitCloudFormation(in));
  append(emitCfct(in));
  const detail::Json report = detail::reportDocument(in);
  out.push_back({"report.json", detail::dumpPretty(report)});
  out.push_back(detail::reportHtml(in, report));
  return out;
}

}  // namespace rootpol::emit
