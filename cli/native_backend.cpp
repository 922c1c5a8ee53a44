#include "cli/native_backend.h"

#if INCANT_HAVE_JIT
#include "runtime/jit/jit.h"
#endif

namespace incant::cli {

bool HaveNativeBackend() { return INCANT_HAVE_JIT != 0; }

std::unique_ptr<vm::NativeCode> CompileNative(const bc::Program& p, std::string* error) {
#if INCANT_HAVE_JIT
  return jit::Compile(p, error);
#else
  (void)p;
  *error = "this incant was built without the LLVM back end (cmake -DINCANT_ENABLE_JIT=ON)";
  return nullptr;
#endif
}

}  // namespace incant::cli
