// The CSV reader: RFC 4180 splitting, typed columns, and the exact
// `PATH:LINE: column NAME: ...` reports of brief §5.
#include "runtime/io/csv_reader.h"

#include <gtest/gtest.h>

#include "compiler/driver/compile.h"
#include "runtime/io/csv_scanner.h"
#include "runtime/value/decimal.h"

namespace incant::io {
namespace {

std::vector<CsvRecord> Split(std::string_view text) {
  std::vector<CsvRecord> out;
  uint32_t bad = 0;
  std::string problem;
  EXPECT_TRUE(SplitCsv(text, &out, &bad, &problem)) << problem;
  return out;
}

TEST(SplitCsv, QuotesCommasNewlinesAndCrlf) {
  const auto recs = Split(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "b"}));  // BOM dropped
  EXPECT_EQ(recs[1].fields, (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_EQ(recs[2].line, 4u);  // the quoted newline counts as a line
  EXPECT_EQ(recs[2].fields, (std::vector<std::string>{"last", ""}));
}

TEST(SplitCsv, BlankLinesAreSkippedAndLastLineNeedsNoNewline) {
  const auto recs = Split("a\n\n\nb");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].line, 4u);
  EXPECT_EQ(recs[1].fields[0], "b");
}

TEST(SplitCsv, ReportsTheLineOfAMalformedQuote) {
  std::vector<CsvRecord> out;
  uint32_t bad = 0;
  std::string problem;
  EXPECT_FALSE(SplitCsv("a\nb\"c\n", &out, &bad, &problem));
  EXPECT_EQ(bad, 2u);
  EXPECT_NE(problem.find("quote inside an unquoted field"), std::string::npos);
  EXPECT_FALSE(SplitCsv("a\n\"open\nstill\n", &out, &bad, &problem));
  EXPECT_EQ(bad, 2u);
  EXPECT_NE(problem.find("not closed"), std::string::npos);
  EXPECT_FALSE(SplitCsv("\"x\"y\n", &out, &bad, &problem));
  EXPECT_EQ(problem, "unexpected text after a closing quote");
}

// Every record (line and fields) or the error, as one string.
std::string Transcript(CsvScanner& scanner) {
  std::string out;
  std::vector<std::string_view> fields;
  uint32_t line = 0;
  for (;;) {
    const CsvScanner::Status st = scanner.Next(&fields, &line);
    if (st == CsvScanner::Status::kEnd) return out;
    if (st == CsvScanner::Status::kError) {
      return out + "error " + std::to_string(scanner.problem_line()) + ": " + scanner.problem();
    }
    out += std::to_string(line) + ":";
    for (const std::string_view f : fields) out += "[" + std::string(f) + "]";
    out += "\n";
  }
}

// Files are read in blocks; a record, a doubled quote, a CRLF or the byte-order
// mark cut by a block boundary must read exactly as in one piece.
TEST(CsvScanner, StreamingInBlocksOfAnySizeReadsAsOnePiece) {
  const std::vector<std::string> texts = {
      "\xEF\xBB\xBFid,name\r\nP1,\"Smith, \"\"J\"\"\"\r\n\n\"two\nlines\",x\r\nlast,",
      "a,b\n\n\n\"\"\"\"\",c\n\"\",\n",
      "a\n\"open\nstill\n",  // an error: an unclosed quote
      "a\nb\"c\n",           // an error: a quote inside a field
      "\"x\"y\n",
      "",
      "\xEF\xBB",
      "a\n\xEF\xBB\xBF"
      "b\n",  // a mark after the start is text (found by fuzz_csv)
      "\xEF\xBB\xBF",
  };
  for (const std::string& text : texts) {
    CsvScanner whole(text);
    const std::string expected = Transcript(whole);
    for (size_t block = 1; block <= 9; ++block) {
      size_t at = 0;
      CsvScanner streamed([&](std::string* buffer) {
        if (at >= text.size()) return false;
        const size_t n = std::min(block, text.size() - at);
        buffer->append(text, at, n);
        at += n;
        return true;
      });
      EXPECT_EQ(Transcript(streamed), expected) << "block " << block << " of " << text;
    }
  }
}

constexpr const char* kProgram = R"(
program "io" {
  currency USD
  period 2026-01-01 .. 2026-12-31
}
enum Tier { gold, silver }
record Row key id {
  id: Int
  tier: Tier
  amount: Money
  date: Date
  active: Bool
  bonus: Money?
}
table rows: Row
)";

class LoadCsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Sink sink;
    Compilation c = CompileText("io.incant", kProgram, sink);
    ASSERT_TRUE(c.program.has_value()) << (sink.all().empty() ? "" : sink.all()[0].message);
    program_ = std::move(*c.program);
  }
  bool Load(const std::string& text, bool reject = false) {
    LoadOptions options;
    options.reject = reject;
    options.on_reject = [this](const InputError& e, const std::vector<std::string>&) {
      rejected_.push_back(e.ToString());
    };
    options.on_warning = [this](const std::string& w) { warnings_.push_back(w); };
    return LoadCsvText("rows.csv", text, program_, 0, texts_, options, &data_, &error_);
  }
  bc::Program program_;
  TextPool texts_;
  DataSet data_;
  InputError error_;
  std::vector<std::string> rejected_;
  std::vector<std::string> warnings_;
};

TEST_F(LoadCsvTest, TypedColumnsInFieldOrderWhateverTheHeaderOrder) {
  ASSERT_TRUE(
      Load("amount,id,extra,tier,date,active,bonus\n"
           "1500.25,7,x,silver,2026-03-01,true,\n"
           "-0.01,8,y,gold,2026-12-31,false,3\n"));
  ASSERT_EQ(data_.rows, 2u);
  EXPECT_EQ(data_.columns[0].i64, (std::vector<int64_t>{7, 8}));
  EXPECT_EQ(data_.columns[1].i32, (std::vector<int32_t>{1, 0}));  // enum ordinals
  EXPECT_EQ(Decimal::FromRaw(data_.columns[2].dec[0]).ToString(), "1500.25");
  EXPECT_EQ(Decimal::FromRaw(data_.columns[2].dec[1]).ToString(), "-0.01");
  EXPECT_EQ(data_.columns[4].i32, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(data_.lines, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(data_.int_keys.at(8), 1u);
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_EQ(warnings_[0], "rows.csv:1: warning: extra column ignored: extra");
}

TEST_F(LoadCsvTest, EachBadCellNamesLineAndColumn) {
  const std::string header = "id,tier,amount,date,active,bonus\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1,bronze,1,2026-01-01,true,\n",
       "rows.csv:2: column tier: 'bronze' is not a member of Tier (gold, silver)"},
      {"1,gold,1.5.0,2026-01-01,true,\n",
       "rows.csv:2: column amount: '1.5.0' is not a Money amount (plain decimal like 1500.00)"},
      {"1,gold,1,2026-02-30,true,\n",
       "rows.csv:2: column date: '2026-02-30' is not a date (YYYY-MM-DD)"},
      {"1,gold,1,2026-01-01,yes,\n", "rows.csv:2: column active: 'yes' is not true or false"},
      {"x,gold,1,2026-01-01,true,\n", "rows.csv:2: column id: 'x' is not an Int"},
      {"1,gold,,2026-01-01,true,\n",
       "rows.csv:2: column amount: empty value for a field that is not optional"},
      {"1,gold,1\n", "rows.csv:2: the row has 3 fields but the header has 6"},
  };
  for (const auto& [row, message] : cases) {
    data_ = DataSet{};
    EXPECT_FALSE(Load(header + row)) << row;
    EXPECT_EQ(error_.ToString(), message);
  }
}

TEST_F(LoadCsvTest, HeaderProblems) {
  EXPECT_FALSE(Load("id,tier,amount,date,active\n"));
  EXPECT_EQ(error_.ToString(), "rows.csv:1: column bonus: missing column");
  data_ = DataSet{};
  EXPECT_FALSE(Load("id,tier,amount,date,active,bonus,id\n"));
  EXPECT_EQ(error_.ToString(), "rows.csv:1: column id: the column appears twice in the header");
  data_ = DataSet{};
  EXPECT_FALSE(Load(""));
  EXPECT_EQ(error_.ToString(), "rows.csv:1: empty file (a header row is required)");
}

TEST_F(LoadCsvTest, DuplicateKeyNamesTheFirstLine) {
  EXPECT_FALSE(
      Load("id,tier,amount,date,active,bonus\n"
           "1,gold,1,2026-01-01,true,\n"
           "2,gold,1,2026-01-01,true,\n"
           "1,gold,1,2026-01-01,true,\n"));
  EXPECT_EQ(error_.line, 4u);
  EXPECT_EQ(error_.column, "id");
  EXPECT_NE(error_.message.find("line 2"), std::string::npos) << error_.message;
}

TEST_F(LoadCsvTest, RejectKeepsGoodRowsAndReportsEveryBadOne) {
  ASSERT_TRUE(
      Load("id,tier,amount,date,active,bonus\n"
           "1,gold,1,2026-01-01,true,\n"
           "2,gold,oops,2026-01-01,true,\n"
           "3,gold,1,2026-01-01,maybe,\n"
           "4,silver,2,2026-01-02,false,\n",
           /*reject=*/true));
  EXPECT_EQ(data_.rows, 2u);
  EXPECT_EQ(data_.columns[0].i64, (std::vector<int64_t>{1, 4}));
  ASSERT_EQ(rejected_.size(), 2u);
  EXPECT_EQ(rejected_[0].substr(0, 25), "rows.csv:3: column amount");
  EXPECT_EQ(rejected_[1].substr(0, 25), "rows.csv:4: column active");
}

}  // namespace
}  // namespace incant::io
