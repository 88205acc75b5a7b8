#pragma once

#include <string>

#include "driver/options.h"

namespace rootpol::cli {

// Exit statuses: 0 clean (warnings allowed), 1 errors in the input, 2 usage or tool failure.
enum ExitCode : int { kExitOk = 0, kExitInputErrors = 1, kExitToolFailure = 2 };

enum class DiagnosticFormat { Human, Json };

struct CommonFlags {
  driver::Options options;
  std::string color = "auto";  // auto | always | never
  DiagnosticFormat format = DiagnosticFormat::Human;
};

int runCheck(const CommonFlags& flags);
int runCompile(const CommonFlags& flags, const std::string& outDir);

}  // namespace rootpol::cli
