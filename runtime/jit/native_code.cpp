// The ORC session: one module holding every function of the program,
// optimized at O2 and compiled eagerly before the run starts.
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/jit/emit_function.h"
#include "runtime/jit/jit.h"

namespace incant::jit {
namespace {

// How hard LLVM works: see docs/performance.md for what each level costs.
const llvm::OptimizationLevel kIrLevel = llvm::OptimizationLevel::O1;
constexpr llvm::CodeGenOpt::Level kCodeGenLevel = llvm::CodeGenOpt::None;

class JitCode final : public vm::NativeCode {
 public:
  explicit JitCode(std::unique_ptr<llvm::orc::LLJIT> jit) : jit_(std::move(jit)) {}
  [[nodiscard]] vm::NativeFn Find(const bc::Function& f) const override {
    const auto it = fns_.find(&f);
    return it == fns_.end() ? nullptr : it->second;
  }
  void Add(const bc::Function* f, vm::NativeFn fn) { fns_[f] = fn; }
  // Compiles the module holding `name` on first use.
  llvm::Expected<llvm::JITEvaluatedSymbol> Lookup(const std::string& name) {
    return jit_->lookup(name);
  }

 private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;  // owns the code the pointers point into
  std::unordered_map<const bc::Function*, vm::NativeFn> fns_;
};

void Optimize(llvm::Module& m) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(kIrLevel).run(m, mam);
}

// Every function of the program with a unique symbol name.
std::vector<std::pair<const bc::Function*, std::string>> Functions(const bc::Program& p) {
  std::vector<std::pair<const bc::Function*, std::string>> out;
  out.emplace_back(&p.init, "incant.init");
  for (size_t i = 0; i < p.rules.size(); ++i) {
    out.emplace_back(&p.rules[i].fn, "incant.rule." + std::to_string(i));
  }
  for (size_t i = 0; i < p.metrics.size(); ++i) {
    out.emplace_back(&p.metrics[i].feed, "incant.feed." + std::to_string(i));
  }
  for (size_t i = 0; i < p.leaderboards.size(); ++i) {
    out.emplace_back(&p.leaderboards[i].fn, "incant.board." + std::to_string(i));
  }
  return out;
}

}  // namespace

std::unique_ptr<vm::NativeCode> Compile(const bc::Program& p, std::string* error) {
  static const bool kTargetReady = [] {
    return !llvm::InitializeNativeTarget() && !llvm::InitializeNativeTargetAsmPrinter();
  }();
  if (!kTargetReady) {
    *error = "LLVM has no code generator for this machine";
    return nullptr;
  }
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) {
    *error = llvm::toString(machine.takeError());
    return nullptr;
  }
  machine->setCodeGenOptLevel(kCodeGenLevel);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*machine)).create();
  if (!jit) {
    *error = llvm::toString(jit.takeError());
    return nullptr;
  }
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = std::make_unique<llvm::Module>("incant", *context);
  module->setDataLayout((*jit)->getDataLayout());
  module->setTargetTriple((*jit)->getTargetTriple().str());
  const auto functions = Functions(p);
  for (const auto& [f, name] : functions) EmitFunction(p, *f, name, *module);
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*module, &os)) {
    *error = "internal error: invalid native code: " + os.str();
    return nullptr;
  }
  Optimize(*module);
  if (llvm::Error e =
          (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context)))) {
    *error = llvm::toString(std::move(e));
    return nullptr;
  }
  auto code = std::make_unique<JitCode>(std::move(*jit));
  for (const auto& [f, name] : functions) {
    auto symbol = code->Lookup(name);
    if (!symbol) {
      *error = llvm::toString(symbol.takeError());
      return nullptr;
    }
    code->Add(f, llvm::jitTargetAddressToFunction<vm::NativeFn>(symbol->getAddress()));
  }
  return code;
}

}  // namespace incant::jit
