#include "cli/common.h"

#include <pthread.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "compiler/diag/render.h"

namespace incant::cli {

void AddProgramFiles(const std::string& path, std::vector<std::string>* files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    files->push_back(path);
    return;
  }
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
    if (entry.path().extension() == ".incant") found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  files->insert(files->end(), found.begin(), found.end());
}

void PrintDiagnostics(const Sink& sink, DiagFormat format) {
  for (const Diagnostic& d : sink.Sorted()) {
    const std::string text = format == DiagFormat::kJson ? RenderJson(d) : RenderText(d);
    std::fputs(text.c_str(), stderr);
  }
}

Compilation CompileAndReport(const std::string& path, DiagFormat format, bool lower, bool* ok) {
  Sink sink;
  Compilation c = CompileFile(path, sink, lower);
  PrintDiagnostics(sink, format);
  *ok = !sink.HasErrors();
  return c;
}

namespace {
struct Job {
  const std::function<int()>* fn;
  int result;
};
void* Trampoline(void* arg) {
  auto* job = static_cast<Job*>(arg);
  job->result = (*job->fn)();
  return nullptr;
}
}  // namespace

int RunWithBigStack(const std::function<int()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{256} << 20);
  Job job{&fn, 0};
  pthread_t thread;
  if (pthread_create(&thread, &attr, Trampoline, &job) != 0) {
    pthread_attr_destroy(&attr);
    return fn();
  }
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return job.result;
}

bool TakeOption(const std::vector<std::string>& args, size_t& i, const std::string& name,
                std::string* value) {
  const std::string& a = args[i];
  if (a == name) {
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "incant: %s needs a value\n", name.c_str());
      std::exit(64);
    }
    *value = args[++i];
    return true;
  }
  if (a.rfind(name + "=", 0) == 0) {
    *value = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

}  // namespace incant::cli
