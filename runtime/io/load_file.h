#pragma once
// One input file, CSV or JSON Lines by its extension, into `out`; then the
// key checks the readers left for the end (a stream whose keys live in
// out->own_keys with keys_checked_later), and the key indexes such a stream
// no longer needs.
#include <string>

#include "runtime/io/data_set.h"
#include "runtime/io/load_options.h"

namespace incant::io {

// `path` must end in .csv or .jsonl. Returns false (with *error) on a fatal
// problem, as LoadCsv and LoadJsonl do.
[[nodiscard]] bool LoadFile(const std::string& path, const bc::Program& program, int dataset,
                            TextPool& texts, const LoadOptions& options, DataSet* out,
                            InputError* error);

}  // namespace incant::io
