#include "cli/native_backend.h"

#if INCANT_HAVE_JIT
#include "runtime/jit/jit.h"
#endif

namespace incant::cli {

std::string NativeBackendMissing() {
  if (INCANT_HAVE_JIT != 0) return "";
  return "this incant was built without the LLVM back end (configure with "
         "-DINCANT_ENABLE_JIT=ON)";
}

std::unique_ptr<vm::NativeCode> CompileNative(const bc::Program& p, std::string* error) {
#if INCANT_HAVE_JIT
  return jit::Compile(p, error);
#else
  (void)p;
  *error = NativeBackendMissing();
  return nullptr;
#endif
}

}  // namespace incant::cli
