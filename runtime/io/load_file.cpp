#include "runtime/io/load_file.h"

#include <filesystem>

#include "runtime/io/csv_reader.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/io/repeated_keys.h"

namespace incant::io {

bool LoadFile(const std::string& path, const bc::Program& program, int dataset, TextPool& texts,
              const LoadOptions& options, DataSet* out, InputError* error) {
  const bool csv = std::filesystem::path(path).extension() == ".csv";
  bool loaded = csv ? LoadCsv(path, program, dataset, texts, options, out, error)
                    : LoadJsonl(path, program, dataset, texts, options, out, error);
  if (!out->own_keys) return loaded;
  const bc::DataSetDesc& desc = program.datasets[static_cast<size_t>(dataset)];
  if (out->keys_checked_later && out->rows > 1) {  // (no columns if the file was unreadable)
    const std::vector<int32_t>& ids = out->columns[static_cast<size_t>(desc.key_field)].i32;
    // Every row loaded lies before any error that stopped the load.
    if (const auto repeated = FirstRepeatedKey(*out->own_keys, ids)) {
      const auto [row, first] = *repeated;
      *error =
          InputError{path, out->lines[row], desc.fields[static_cast<size_t>(desc.key_field)].name,
                     DuplicateKeyMessage(out->own_keys->Get(static_cast<uint32_t>(ids[row])),
                                         out->lines[first])};
      loaded = false;
    }
  }
  // The keys are checked unique and nothing refers to the stream: from here
  // on they are only read by id, so neither index is needed.
  out->own_keys->ReleaseIndex();
  out->text_keys.clear();
  return loaded;
}

}  // namespace incant::io
