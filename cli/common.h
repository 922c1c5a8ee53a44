#pragma once
// Shared by the subcommands: compiling with diagnostics printed, and running
// work on a thread with a large stack (deeply nested input must not crash).
#include <functional>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"

namespace incant::cli {

enum class DiagFormat { kText, kJson, kSarif };

// Prints diagnostics (sorted) to stderr in the chosen format.
void PrintDiagnostics(const Sink& sink, DiagFormat format);
// Compiles and prints diagnostics; `ok` is false on any error.
[[nodiscard]] Compilation CompileAndReport(const std::string& path, DiagFormat format, bool lower,
                                           bool* ok);
// Runs `fn` on a thread with a 256 MiB stack and returns its result.
int RunWithBigStack(const std::function<int()>& fn);

// A file as given, or every *.incant under a directory (recursively, sorted).
void AddProgramFiles(const std::string& path, std::vector<std::string>* files);

// `--name=value` or `--name value`; returns true and advances i when args[i] matches.
bool TakeOption(const std::vector<std::string>& args, size_t& i, const std::string& name,
                std::string* value);

}  // namespace incant::cli
