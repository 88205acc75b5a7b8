// The rootpol language (spec: shared/spec/LANGUAGE.md, sections 2-5 and 8).
// Pure grammar: labels only, no actions. Meaning lives in compiler/syntax/ast_builder*.cpp.
grammar RootPol;

file : decl* EOF ;

decl
  : importDecl
  | letDecl
  | policyDecl
  | organizationDecl
  | attachDecl
  | detachDecl
  | controlDecl
  | testDecl
  | alertDecl
  ;

importDecl : IMPORT STRING ;

letDecl : LET name (COLON typeRef)? ASSIGN expr ;

typeRef
  : name                          # NamedType
  | LBRACK typeRef RBRACK         # ListType
  ;

// `resource policy NAME { ... }` is a resource control policy (RCP); without `resource`, an SCP.
policyDecl : RESOURCE? POLICY name STRING? LBRACE ruleDecl* RBRACE ;

ruleDecl
  : effect=(DENY | ALLOW) actionSet
    (ON resourceSet)?
    (FOR principalSet)?
    condClause*
    ruleOption*
  ;

actionSet
  : ALL EXCEPT expr               # ExceptActions
  | expr                          # PlainActions
  ;

resourceSet
  : ALL EXCEPT expr               # ExceptResources
  | expr                          # PlainResources
  ;

// `for root credentials`: long-term root credentials only, not `sts:AssumeRoot` sessions.
principalSet
  : ROOT CREDENTIALS?             # RootPrincipal
  | expr                          # ListedPrincipals
  ;

condClause : kind=(WHEN | UNLESS) cond ;

ruleOption
  : STRICT                        # StrictOption
  | AS STRING                     # SidOption
  ;

// Precedence, tightest first: not, and, or.
cond
  : NOT cond                      # NotCond
  | cond AND cond                 # AndCond
  | cond OR cond                  # OrCond
  | LPAREN cond RPAREN            # ParenCond
  | atom                          # AtomCond
  ;

atom
  : key NOT IN expr               # NotInAtom
  | key IN expr                   # InAtom
  | key NOT LIKE expr             # NotLikeAtom
  | key LIKE expr                 # LikeAtom
  | key op=(EQ | NE | LT | LE | GT | GE) expr  # CompareAtom
  | key STRING expr               # RawOpAtom
  | key EXISTS                    # ExistsAtom
  | key MISSING                   # MissingAtom
  | key                           # BoolAtom
  ;

key
  : name LPAREN STRING RPAREN     # CallKey
  | name                          # NamedKey
  | STRING                        # RawKey
  ;

expr
  : STRING                                          # StringExpr
  | INT                                             # IntExpr
  | (TRUE | FALSE)                                  # BoolExpr
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK      # ListExpr
  | actionPattern                                   # ActionExpr
  | name                                            # NameExpr
  ;

// `iam:CreateAccessKey`, `s3:Get*`, `*`. The pieces must touch (no blanks inside);
// the AST builder checks that from token offsets.
actionPattern
  : STAR
  | name COLON patternPart+
  ;

patternPart : IDENT | INT | STAR | QMARK ;

organizationDecl : ORGANIZATION name STRING? LBRACE orgItem* RBRACE ;

orgItem
  : MANAGEMENT STRING                             # ManagementItem
  | ROOT STRING                                   # RootItem
  | OU name STRING? LBRACE orgItem* RBRACE        # OuItem
  | ACCOUNT name STRING                           # AccountItem
  | IDENT (STRING | name)                         # SettingItem
  ;

attachDecl : ATTACH attachee (COMMA attachee)* TO target (COMMA target)* ;

// `external "aws-guardrails-x"` is an SCP managed outside the program (Control Tower, LZA):
// it is not emitted but takes an attachment slot. `file "PATH"` is such an SCP whose JSON the
// program has (relative to the file that says it): `rootpol test` and `explain` decide with it.
attachee
  : EXTERNAL STRING               # ExternalAttachee
  | FILE STRING                   # FileAttachee
  | name                          # PolicyAttachee
  ;

detachDecl : DETACH name (COMMA name)* FROM target (COMMA target)* ;

target
  : ROOT                          # RootTarget
  | OU name (SLASH name)*         # OuTarget
  | ACCOUNT name                  # AccountTarget
  ;

controlDecl
  : CONTROL controlId ON target (COMMA target)*
    (WITH LBRACE (param (COMMA param)* COMMA?)? RBRACE)?
  ;

// `AWS-GR_REGION_DENY`, `CT.MULTISERVICE.PV.1` (contiguity is checked by the AST builder).
controlId : name (DOT (IDENT | INT))* ;

param : name COLON expr ;

testDecl : TEST STRING LBRACE testStmt* RBRACE ;

// `in account "111111111111"` names the account by id; `on "ARN" in account NAME` names the
// account that owns the resource when it is not the caller's (resource control policies
// apply there); `without k, ...` removes keys that the request model would otherwise give
// their AWS values (docs/evaluator.md).
testStmt
  : REQUEST requester (IN ACCOUNT (callerAccount=name | accountId=STRING))? DOES actionPattern
    (ON resource=STRING (IN ACCOUNT (ownerAccount=name | ownerAccountId=STRING))?)?
    (WITH assignment (COMMA assignment)*)?
    (WITHOUT key (COMMA key)*)?                   # RequestStmt
  | EXPECT effect=(DENY | ALLOW) (BY name STRING?)?  # ExpectStmt
  ;

// `assumed root`: an `sts:AssumeRoot` session of the account's root user.
requester : ASSUMED? ROOT | STRING ;

// `alert NAME ["description"] { on CLASS, ... notify [EMAILS] }` (spec 10.3): the event classes
// are stdlib/alert_classes.json; the outputs get EventBridge rules and an SNS topic.
alertDecl : ALERT name STRING? LBRACE alertItem* RBRACE ;

alertItem
  : ON name (COMMA name)*         # AlertOn
  | NOTIFY expr                   # AlertNotify
  ;

assignment : key ASSIGN expr ;

// Soft keywords: words that are keywords in one place and may name things elsewhere.
name
  : IDENT | ACCOUNT | OU | MANAGEMENT | REQUEST | EXPECT | DOES | TEST | CONTROL | EXTERNAL
  | DETACH | FROM | BY | WITHOUT | FILE | RESOURCE | CREDENTIALS | ASSUMED | ALERT | NOTIFY
  ;

IMPORT : 'import' ;
LET : 'let' ;
POLICY : 'policy' ;
ORGANIZATION : 'organization' ;
ATTACH : 'attach' ;
DETACH : 'detach' ;
FROM : 'from' ;
EXTERNAL : 'external' ;
FILE : 'file' ;
RESOURCE : 'resource' ;
ALERT : 'alert' ;
NOTIFY : 'notify' ;
BY : 'by' ;
CONTROL : 'control' ;
TEST : 'test' ;
DENY : 'deny' ;
ALLOW : 'allow' ;
ON : 'on' ;
FOR : 'for' ;
WHEN : 'when' ;
UNLESS : 'unless' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
LIKE : 'like' ;
EXISTS : 'exists' ;
MISSING : 'missing' ;
STRICT : 'strict' ;
AS : 'as' ;
ALL : 'all' ;
EXCEPT : 'except' ;
ROOT : 'root' ;
CREDENTIALS : 'credentials' ;
ASSUMED : 'assumed' ;
TRUE : 'true' ;
FALSE : 'false' ;
TO : 'to' ;
WITH : 'with' ;
WITHOUT : 'without' ;
MANAGEMENT : 'management' ;
OU : 'ou' ;
ACCOUNT : 'account' ;
REQUEST : 'request' ;
DOES : 'does' ;
EXPECT : 'expect' ;

EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
ASSIGN : '=' ;
COLON : ':' ;
COMMA : ',' ;
SLASH : '/' ;
DOT : '.' ;
STAR : '*' ;
QMARK : '?' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;

IDENT : [A-Za-z_] [A-Za-z0-9_-]* ;
INT : [0-9]+ ;
// Escapes are validated (and decoded) by the AST builder so a bad one gets a precise message.
STRING : '"' ( '\\' . | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' . | ~["\\\r\n] )* ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Only text with no `*/` in it up to the end of the file: otherwise this rule (which runs to
// EOF) would out-match every closed comment followed by more text.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS : [ \t\r\n]+ -> skip ;
ERROR_CHAR : . ;
