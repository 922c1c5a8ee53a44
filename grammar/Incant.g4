// The Incant language (design brief v1). Pure grammar: no actions, no predicates.
// Contextual keywords are tokens that `name` also accepts, so `key`, `total` or
// `quarter` stay usable as names; the AST builder checks clause order and the
// forms a grammar cannot say well (so it can say them in words).
grammar Incant;

file : decl* EOF ;

decl
  : 'program' STRING '{' programClause* '}'                      # ProgramDecl
  | 'import' STRING                                               # ImportDecl
  | 'enum' TYPE_NAME '{' (name (',' name)* ','?)? '}'             # EnumDecl
  | 'record' TYPE_NAME K_KEY fieldName '{' fieldDecl* '}'         # RecordDecl
  | 'table' name ':' TYPE_NAME                                    # TableDecl
  | 'events' name ':' TYPE_NAME                                   # EventsDecl
  | 'param' name ':' typeRef '=' expr                             # ParamDecl
  | 'let' name '=' expr                                           # LetDecl
  | 'fn' name '(' (fnParam (',' fnParam)* ','?)? ')' (':' typeRef)? '=' expr  # FnDecl
  | 'tiers' name '{' tierEntry* '}'                               # TiersDecl
  | 'metric' name '=' agg=name '(' expr? ')' 'for' var=name 'in' source=name
      (K_WHERE where=expr)? K_BY by=expr                                            # MetricDecl
  | 'fund' name STRING?                                           # FundDecl
  | 'leaderboard' name STRING? '{' 'for' var=name 'in' source=name
      K_EVERY periodUnit (K_WHERE where=expr)? K_RANK K_BY rankBy=expr order=(K_ASC | K_DESC)?
      (K_TOP INT)? '}'                                                              # LeaderboardDecl
  | 'rule' name STRING? '{' ruleClause* '}'                       # RuleDecl
  | 'test' STRING '{' testItem* '}'                               # TestDecl
  ;

programClause
  : K_CURRENCY TYPE_NAME                 # CurrencyClause
  | K_PERIOD DATE '..' DATE              # PeriodClause
  | K_ROUNDING name                      # RoundingClause
  ;

fieldDecl : fieldName ':' typeRef ;
typeRef : TYPE_NAME optional='?'? ;
fnParam : name ':' typeRef ;
tierEntry : threshold=tierValue '=>' value=tierValue ;
tierValue : '-'? literal | name ;
periodUnit : K_MONTH | K_QUARTER | K_YEAR ;

ruleClause
  : 'for' var=name 'in' source=name (K_EVERY periodUnit (K_AT K_START)?)?   # ForClause
  | 'let' name '=' expr                                                    # LetClause
  | K_WHEN expr                                                            # WhenClause
  | K_PAY payee=path amount=expr (K_FROM fund=name)?                       # PayClause
  | K_ACCRUE payee=path amount=expr K_TO fund=name                         # AccrueClause
  | K_AWARD payee=path K_BADGE STRING                                      # BadgeClause
  | K_AWARD payee=path amount=expr K_POINTS                                # PointsClause
  | K_CAP expr                                                             # CapClause
  | K_BUDGET expr                                                          # BudgetClause
  | K_EFFECTIVE from=DATE? '..' to=DATE?                                   # EffectiveClause
  ;

path : name ('.' fieldName)* ;

testItem
  : K_PARAMS '{' paramSetting* '}'                                                    # TestParams
  | 'expect' subject=name 'for' key=testLiteral ('in' periodRef)? '==' value=testCell  # TestExpect
  | name '{' (testHeader testRow*)? '}'                                               # TestTable
  ;
paramSetting : name '=' testLiteral ;
testHeader : fieldName ('|' fieldName)* ;
testRow : testCell ('|' testCell)* ;
testCell : testLiteral | name | '_' ;
testLiteral : '-'? literal ;
periodRef : QUARTER_LIT | MONTH_LIT | INT ;

// ---------------------------------------------------------------- expressions
expr
  : 'if' cond=expr 'then' then=expr 'else' otherwise=expr   # IfExpr
  | orExpr                                                 # PlainExpr
  ;
orExpr : andExpr ('or' andExpr)* ;
andExpr : notExpr ('and' notExpr)* ;
notExpr : 'not' notExpr | cmpExpr ;
cmpExpr : coalExpr (cmpTail)* ;
cmpTail
  : op=('==' | '!=' | '<' | '<=' | '>' | '>=') coalExpr                # CompareTail
  | negated='not'? 'in' '[' (expr (',' expr)* ','?)? ']'               # InListTail
  | negated='not'? 'in' period=(QUARTER_LIT | MONTH_LIT)               # InPeriodTail
  | negated='not'? 'in' lo=coalExpr? '..' hi=rangeEnd?                 # InRangeTail
  ;
// An omitted upper end stops at a keyword, `)`, `]` or `}` (brief §9): so the
// upper end may not itself start with a contextual keyword.
rangeEnd : '-'? rangeAtom postfixOp* ;
rangeAtom : literal | IDENT | '(' expr ')' | IDENT '(' args? ')' ;
coalExpr : addExpr ('??' addExpr)* ;
addExpr : mulExpr (addOp mulExpr)* ;
addOp : '+' | '-' ;
mulExpr : unaryExpr (mulOp unaryExpr)* ;
mulOp : '*' | '/' ;
unaryExpr : '-' unaryExpr | postfixExpr ;
postfixExpr : primary postfixOp* ;
postfixOp : '.' fieldName (call='(' args? ')')? ;
primary
  : literal                                   # LiteralPrimary
  | name '(' args? ')'                        # CallPrimary
  | name                                      # NamePrimary
  | '(' expr ')'                              # ParenPrimary
  | 'case' expr '{' caseArm* '}'              # CasePrimary
  | '[' (expr (',' expr)* ','?)? ']'          # ListPrimary
  ;
args : expr (',' expr)* ','? ;
caseArm
  : casePattern (',' casePattern)* '=>' expr  # PatternArm
  | 'else' '=>' expr                          # ElseArm
  ;
casePattern : literal | name ;

literal
  : INT | DECIMAL | PERCENT | MONEY | STRING | DATE | 'true' | 'false'
  ;

name
  : IDENT
  | K_KEY | K_CURRENCY | K_PERIOD | K_ROUNDING | K_EVERY | K_AT | K_START | K_PAY | K_ACCRUE
  | K_AWARD | K_POINTS | K_BADGE | K_FROM | K_TO | K_CAP | K_BUDGET | K_EFFECTIVE | K_WHEN
  | K_BY | K_WHERE | K_RANK | K_ASC | K_DESC | K_TOP | K_MONTH | K_QUARTER | K_YEAR | K_PARAMS
  ;
// After `.`, in a record body and in a test header any word names a field.
fieldName
  : name
  | 'program' | 'import' | 'enum' | 'record' | 'table' | 'events' | 'param' | 'let' | 'fn'
  | 'tiers' | 'metric' | 'fund' | 'leaderboard' | 'rule' | 'test' | 'for' | 'in' | 'case' | 'if'
  | 'then' | 'else' | 'and' | 'or' | 'not' | 'true' | 'false' | 'expect'
  ;

// ---------------------------------------------------------------- lexer
K_KEY : 'key' ;
K_CURRENCY : 'currency' ;
K_PERIOD : 'period' ;
K_ROUNDING : 'rounding' ;
K_EVERY : 'every' ;
K_AT : 'at' ;
K_START : 'start' ;
K_PAY : 'pay' ;
K_ACCRUE : 'accrue' ;
K_AWARD : 'award' ;
K_POINTS : 'points' ;
K_BADGE : 'badge' ;
K_FROM : 'from' ;
K_TO : 'to' ;
K_CAP : 'cap' ;
K_BUDGET : 'budget' ;
K_EFFECTIVE : 'effective' ;
K_WHEN : 'when' ;
K_BY : 'by' ;
K_WHERE : 'where' ;
K_RANK : 'rank' ;
K_ASC : 'asc' ;
K_DESC : 'desc' ;
K_TOP : 'top' ;
K_MONTH : 'month' ;
K_QUARTER : 'quarter' ;
K_YEAR : 'year' ;
K_PARAMS : 'params' ;

DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
MONTH_LIT : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT ;
QUARTER_LIT : DIGIT DIGIT DIGIT DIGIT '-Q' DIGIT ;
MONEY : NUMBER [ \t]+ UPPER UPPER UPPER ;
PERCENT : NUMBER '%' ;
DECIMAL : DIGITS '.' DIGITS ;
INT : DIGITS ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;
TYPE_NAME : UPPER [a-zA-Z0-9_]* ;
IDENT : [a-z] [a-zA-Z0-9_]* ;
UNDERSCORE : '_' ;

DOC_COMMENT : '///' (~[/\r\n] ~[\r\n]*)? -> channel(2) ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else becomes one token the parser rejects with its position.
UNKNOWN_CHAR : . ;

fragment NUMBER : DIGITS ('.' DIGITS)? ;
fragment DIGITS : DIGIT ('_'? DIGIT)* ;
fragment DIGIT : [0-9] ;
fragment UPPER : [A-Z] ;
