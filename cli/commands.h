#pragma once
#include <string>
#include <vector>

namespace incant::cli {

// Each returns the process exit code (brief §7).
int CheckCommand(const std::vector<std::string>& args);
int RunCommand(const std::vector<std::string>& args);
int TestCommand(const std::vector<std::string>& args);
int FmtCommand(const std::vector<std::string>& args);
int DisasmCommand(const std::vector<std::string>& args);

}  // namespace incant::cli
