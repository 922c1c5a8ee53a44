// The ANTLR driver: UTF-8 check, nesting guard, two-stage (SLL, then LL) parse,
// syntax errors in words, then the AST builder.
#include "compiler/syntax/parse_file.h"

#include <fmt/format.h>

#include "IncantLexer.h"
#include "IncantParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/builder.h"

namespace incant {
namespace {

using P = IncantParser;

std::string TokenWord(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  switch (type) {
    case antlr4::Token::EOF:
      return "end of file";
    case P::IDENT:
      return "a name";
    case P::TYPE_NAME:
      return "a type name";
    case P::STRING:
      return "a string";
    case P::INT:
      return "a number";
    case P::DECIMAL:
      return "a decimal";
    case P::PERCENT:
      return "a percentage";
    case P::MONEY:
      return "a money amount";
    case P::DATE:
      return "a date";
    case P::MONTH_LIT:
      return "a month";
    case P::QUARTER_LIT:
      return "a quarter";
    case P::DOC_COMMENT:
      return "a `///` comment";
    default:
      break;
  }
  std::string lit = vocab.getLiteralName(type);
  if (lit.size() >= 2 && lit.front() == '\'') return "`" + lit.substr(1, lit.size() - 2) + "`";
  return vocab.getSymbolicName(type);
}

bool StartsExpression(size_t t) {
  switch (t) {
    case P::IDENT:
    case P::INT:
    case P::DECIMAL:
    case P::PERCENT:
    case P::MONEY:
    case P::STRING:
    case P::DATE:
      return true;
    default:
      return false;
  }
}

std::string DescribeExpected(const antlr4::misc::IntervalSet& set,
                             const antlr4::dfa::Vocabulary& vocab) {
  const bool expression = set.contains(size_t{P::INT}) && set.contains(size_t{P::IDENT});
  const bool name = !expression && set.contains(size_t{P::IDENT});
  std::vector<std::string> words;
  if (expression) words.emplace_back("an expression");
  if (name) words.emplace_back("a name");
  for (const ssize_t t : set.toList()) {
    const auto type = static_cast<size_t>(t);
    const std::string w = TokenWord(vocab, type);
    const bool keyword_name = w.size() > 2 && w[0] == '`' &&
                              std::islower(static_cast<unsigned char>(w[1])) &&
                              vocab.getSymbolicName(type).rfind("K_", 0) == 0;
    if (expression &&
        (StartsExpression(type) || keyword_name || w == "`(`" || w == "`[`" || w == "`-`" ||
         w == "`not`" || w == "`if`" || w == "`case`" || w == "`true`" || w == "`false`")) {
      continue;
    }
    if (name && (type == P::IDENT || keyword_name)) continue;
    words.push_back(w);
  }
  if (words.empty()) return "something else";
  std::string out;
  if (words.size() > 8) {
    words.resize(8);
    for (const std::string& w : words) out += w + ", ";
    return out + "...";
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// "rule `spif`" for the innermost declaration being parsed.
std::string Enclosing(antlr4::ParserRuleContext* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    auto name_of = [](P::NameContext* n) { return n ? "`" + n->getText() + "`" : std::string(); };
    if (auto* r = dynamic_cast<P::RuleDeclContext*>(ctx)) return "rule " + name_of(r->name());
    if (auto* t = dynamic_cast<P::TestDeclContext*>(ctx)) {
      return t->STRING() ? "test " + t->STRING()->getText() : "test";
    }
    if (dynamic_cast<P::ProgramDeclContext*>(ctx)) return "`program`";
    if (auto* r = dynamic_cast<P::RecordDeclContext*>(ctx)) {
      return r->TYPE_NAME() ? "record `" + r->TYPE_NAME()->getText() + "`" : "record";
    }
    if (auto* e = dynamic_cast<P::EnumDeclContext*>(ctx)) {
      return e->TYPE_NAME() ? "enum `" + e->TYPE_NAME()->getText() + "`" : "enum";
    }
    if (auto* t = dynamic_cast<P::TiersDeclContext*>(ctx)) return "tiers " + name_of(t->name());
    if (auto* l = dynamic_cast<P::LeaderboardDeclContext*>(ctx)) {
      return l->name().empty() ? "leaderboard" : "leaderboard " + name_of(l->name(0));
    }
    if (auto* f = dynamic_cast<P::FnDeclContext*>(ctx)) return "fn " + name_of(f->name());
    if (auto* m = dynamic_cast<P::MetricDeclContext*>(ctx)) {
      return m->name().empty() ? "metric" : "metric " + name_of(m->name(0));
    }
  }
  return "";
}

class WordsErrorListener : public antlr4::BaseErrorListener {
 public:
  WordsErrorListener(const syntax::Builder& builder, Sink& sink) : builder_(builder), sink_(sink) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t /*line*/,
                   size_t /*col*/, const std::string& msg, std::exception_ptr /*e*/) override {
    if (++count_ > kMaxErrors) return;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    const Span span = builder_.SpanOf(offending);
    if (count_ == kMaxErrors) {
      sink_.Report(DiagKind::kSyntaxError, span, "too many syntax errors; stopping here");
      return;
    }
    if (parser == nullptr) {
      sink_.Report(DiagKind::kSyntaxError, span, msg);
      return;
    }
    const auto& vocab = parser->getVocabulary();
    std::string found = offending == nullptr || offending->getType() == antlr4::Token::EOF
                            ? "end of file"
                            : "`" + offending->getText() + "`";
    antlr4::misc::IntervalSet expected;
    try {
      expected = parser->getExpectedTokens();
    } catch (const std::exception&) {
    }
    const std::string where = Enclosing(parser->getContext());
    std::string message;
    if (offending != nullptr && offending->getText() == "\"") {
      message = "unterminated string: a string must end on the line where it starts";
    } else if (!where.empty() &&
               ((expected.size() == 1 && TokenWord(vocab, expected.getSingleElement()) == "`}`") ||
                (found == "end of file" && [&] {
                  for (const ssize_t t : expected.toList()) {
                    if (TokenWord(vocab, static_cast<size_t>(t)) == "`}`") return true;
                  }
                  return false;
                }()))) {
      message = fmt::format("expected `}}` to close {}, found {}", where, found);
    } else {
      message = fmt::format("expected {}, found {}", DescribeExpected(expected, vocab), found);
      if (!where.empty()) message += " in " + where;
    }
    sink_.Report(DiagKind::kSyntaxError, span, message);
  }

 private:
  static constexpr int kMaxErrors = 50;
  const syntax::Builder& builder_;
  Sink& sink_;
  int count_ = 0;
};

// Rejects input nested deeper than the parser's recursion can take.
bool NestingIsSafe(antlr4::CommonTokenStream& tokens, const syntax::Builder& builder, Sink& sink) {
  int depth = 0, prefix_run = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    const std::string& s = t->getText();
    if (s == "(" || s == "[" || s == "{" || s == "if" || s == "case") ++depth;
    if (s == ")" || s == "]" || s == "}" || s == "else") depth = std::max(0, depth - 1);
    prefix_run = (s == "not" || s == "-") ? prefix_run + 1 : 0;
    if (depth > kMaxNesting || prefix_run > kMaxNesting) {
      sink.Report(DiagKind::kTooDeep, builder.SpanOf(t),
                  fmt::format("nesting is deeper than {} levels", kMaxNesting),
                  "split the expression with `let` or a `fn`");
      return false;
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<ast::Module> ParseFile(const SourceFile& file, Sink& sink) {
  auto module = std::make_unique<ast::Module>(&file);
  std::string_view text = file.text();
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    const auto at = static_cast<uint32_t>(bad);
    sink.Report(DiagKind::kInvalidUtf8, Span{&file, at, at + 1},
                "the file is not valid UTF-8 (bad byte here)");
    return module;
  }
  uint32_t skip = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") skip = 3;  // a byte-order mark is not content
  text.remove_prefix(skip);

  std::vector<uint32_t> cp_to_byte;
  cp_to_byte.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) cp_to_byte.push_back(i + skip);
  }
  cp_to_byte.push_back(static_cast<uint32_t>(text.size()) + skip);

  antlr4::ANTLRInputStream input;
  try {
    input.load(std::string(text));
  } catch (const std::exception&) {
    sink.Report(DiagKind::kInvalidUtf8, Span{&file, 0, 0}, "the file is not valid UTF-8");
    return module;
  }
  IncantLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  IncantParser parser(&tokens);
  syntax::Builder builder(file, cp_to_byte, tokens, *module, sink);
  if (!NestingIsSafe(tokens, builder, sink)) return module;

  // Stage 1: fast SLL prediction that bails at the first error.
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  P::FileContext* tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }
  const int errors_before = sink.ErrorCount();
  if (tree == nullptr) {
    // Stage 2: full LL with recovery, so one run reports several errors.
    tokens.seek(0);
    parser.reset();
    WordsErrorListener listener(builder, sink);
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.file();
    parser.removeErrorListeners();
  }
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getType() == IncantLexer::LINE_COMMENT || t->getType() == IncantLexer::DOC_COMMENT) {
      const Span span = builder.SpanOf(t);
      module->AddComment(ast::Comment{span, file.text().substr(span.begin, span.end - span.begin)});
    }
  }
  // A tree repaired by error recovery has holes (missing tokens and children);
  // building from it would only add cascades to the syntax errors already reported.
  if (sink.ErrorCount() > errors_before) return module;
  builder.BuildFile(tree);
  return module;
}

}  // namespace incant
