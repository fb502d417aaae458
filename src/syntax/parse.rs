//! The parser's front door, `parse_module`, and everything around the LALRPOP
//! grammar (`grammar/mini.lalrpop`) that a context-free grammar cannot say:
//!
//! * the builders its actions call: AST nodes with spans, and the checks
//!   CPython makes while parsing — assignment/deletion targets, parameter
//!   lists, call arguments, starred expressions — with CPython 3.11's words;
//! * string literals: adjacent literals are joined here (bytes with str is an
//!   error), and f-strings are split into literal and replacement-field parts
//!   the way CPython 3.11's `fstring_find_literal`/`fstring_find_expr` do.
//!   Each field's expression is parsed by the same grammar, entered through
//!   the lexer's `FExprStart` token, with spans that point into the file;
//! * error diagnosis: LALRPOP reports "this token was unexpected, these were
//!   expected"; `diagnose` turns that into CPython's message (`expected ':'`,
//!   `expected an indented block after 'if' statement on line 3`, "Perhaps you
//!   forgot a comma?", ...), and, like CPython, lets a tokenizer error later
//!   in the file win over a parser error;

use std::collections::HashSet;
use std::fmt;

use lalrpop_util::ParseError;

use super::ast::*;
use super::lexer::{self, HeadKind, Lexer, Num, StrLit, Tok};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar,
    "/mini.rs"
);

/// Which Python exception a syntax error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`
    Syntax,
    /// `IndentationError`
    Indentation,
    /// `TabError`
    Tab,
}

/// A syntax error with the byte range its caret marks.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    /// Byte offset of the caret.
    pub offset: usize,
    /// Byte offset where the caret range ends (== offset for one caret).
    pub end: usize,
}

impl SyntaxError {
    /// A `SyntaxError` marking `offset..end`.
    pub fn new(msg: impl Into<String>, offset: usize, end: usize) -> SyntaxError {
        SyntaxError { kind: SyntaxErrorKind::Syntax, msg: msg.into(), offset, end }
    }

    fn at(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError::new(msg, span.start as usize, span.end as usize)
    }

    fn indentation(msg: impl Into<String>, offset: usize, end: usize) -> SyntaxError {
        SyntaxError { kind: SyntaxErrorKind::Indentation, msg: msg.into(), offset, end }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for SyntaxError {}

/// Parses a whole file.
pub fn parse_module(src: &str) -> Result<Module, SyntaxError> {
    if let Some(at) = src.find('\0') {
        return Err(SyntaxError::new("source code cannot contain null bytes", at, at));
    }
    let mut lexer = Lexer::new(src);
    match grammar::TopParser::new().parse(src, &mut lexer) {
        Ok(Top::Module(body)) => Ok(Module { body }),
        Ok(Top::Expr(e)) => Err(SyntaxError::at("invalid syntax", e.span)),
        Err(e) => Err(diagnose(e, &mut lexer)),
    }
}

/// What the grammar's single entry point produces.
enum Top {
    Module(Vec<Stmt>),
    /// The expression of an f-string replacement field.
    Expr(Expr),
}

type PError = ParseError<usize, Tok, SyntaxError>;

/// Wraps a builder's error for a fallible grammar action.
fn user(error: SyntaxError) -> PError {
    ParseError::User { error }
}

// ============================================================================
// Error diagnosis

/// Turns a parser failure into CPython's message and caret.
fn diagnose(err: PError, lexer: &mut Lexer) -> SyntaxError {
    let (err, at) = match err {
        ParseError::User { error } if lexer.failed() => return error,
        ParseError::User { error } => {
            let at = error.offset;
            (error, at)
        }
        ParseError::InvalidToken { location } => {
            (SyntaxError::new("invalid syntax", location, location), location)
        }
        ParseError::UnrecognizedEof { location, expected } => {
            (unexpected(lexer, None, location, location, &expected), location)
        }
        ParseError::UnrecognizedToken { token: (l, tok, r), expected } => {
            (unexpected(lexer, Some(&tok), l, r, &expected), l)
        }
        ParseError::ExtraToken { token: (l, _, r) } => (SyntaxError::new("invalid syntax", l, r), l),
    };
    prefer_tokenizer_error(err, at, lexer)
}

/// Like CPython, reads the rest of the file after a parser error (found at
/// offset `at`): a tokenizer error there is reported instead. A bracket never
/// closed is reported if it was opened on a line before the error, or if the
/// file ends right after the unexpected token (CPython's parser looks one
/// token further and runs into the end of the file inside the bracket).
fn prefer_tokenizer_error(err: SyntaxError, at: usize, lexer: &mut Lexer) -> SyntaxError {
    let mut more_tokens = false;
    while let Some(item) = lexer.next() {
        let Err(tok_err) = item else {
            more_tokens = true;
            continue;
        };
        let Some(open) = lexer.unclosed() else {
            return tok_err;
        };
        let src = lexer.src();
        let earlier_line = lexer::line_of(src, open) < lexer::line_of(src, at);
        return if earlier_line || !more_tokens { tok_err } else { err };
    }
    err
}

/// The message for an unexpected token (`None`: end of input) at `l..r`.
fn unexpected(lexer: &Lexer, tok: Option<&Tok>, l: usize, r: usize, expected: &[String]) -> SyntaxError {
    let src = lexer.src();
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    if tok == Some(&Tok::Indent) {
        let at = r.saturating_sub(1).max(l);
        return SyntaxError::indentation("unexpected indent", at, at);
    }
    if expects("INDENT") {
        let (what, line) = match lexer.head_before(l) {
            Some(head) => (block_name(head.kind), lexer::line_of(src, head.offset)),
            None => ("statement", lexer::line_of(src, l)),
        };
        let msg = format!("expected an indented block after {what} on line {line}");
        let end = if matches!(tok, None | Some(Tok::Newline | Tok::Dedent)) { l } else { r };
        return SyntaxError::indentation(msg, l, end);
    }
    let head = lexer.head_at(l).map(|h| h.kind);
    if expects(":") && !expects("=") && colon_is_missing(head, tok) {
        let end = if matches!(tok, None | Some(Tok::Newline)) { l } else { r };
        return SyntaxError::new("expected ':'", l, end);
    }
    if expects("(") && expected.len() == 1 && head == Some(HeadKind::Function) {
        return SyntaxError::new("expected '('", l, r);
    }
    if expects("else") && !expects("pass") && tok != Some(&Tok::Else) {
        return SyntaxError::new("expected 'else' after 'if' expression", l, l);
    }
    if let Some(hint) = tok.and_then(|t| hint(lexer, t, l, r)) {
        return hint;
    }
    if tok == Some(&Tok::Equal) && equal_in_condition(lexer, head) {
        let start = lexer.seen(1).map_or(l, |s| s.start);
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        return SyntaxError::new(msg, start, r);
    }
    match tok {
        None | Some(Tok::Newline | Tok::Dedent) => SyntaxError::new("invalid syntax", l, l),
        Some(_) => SyntaxError::new("invalid syntax", l, r),
    }
}

/// CPython says "expected ':'" when a block header ends without its colon,
/// and — for `def`, `try`, `else` and `finally` — whatever follows instead.
fn colon_is_missing(head: Option<HeadKind>, tok: Option<&Tok>) -> bool {
    match head {
        Some(HeadKind::Stmt("try" | "else" | "finally") | HeadKind::Function) => true,
        Some(HeadKind::Stmt(_) | HeadKind::Class) => matches!(tok, None | Some(Tok::Newline)),
        _ => false,
    }
}

/// `if x = 1:` — a name and `=` where a condition or element was expected.
fn equal_in_condition(lexer: &Lexer, head: Option<HeadKind>) -> bool {
    let (Some(name), before) = (lexer.seen(1), lexer.seen(2)) else {
        return false;
    };
    let condition = matches!(head, Some(HeadKind::Stmt("if" | "elif" | "while")));
    let alone = before.is_none_or(|b| !b.ends_operand && !b.is_dot);
    name.is_name && alone && (condition || name.depth > 0)
}

fn block_name(kind: HeadKind) -> &'static str {
    match kind {
        HeadKind::Stmt("if") => "'if' statement",
        HeadKind::Stmt("elif") => "'elif' statement",
        HeadKind::Stmt("else") => "'else' statement",
        HeadKind::Stmt("while") => "'while' statement",
        HeadKind::Stmt("for") => "'for' statement",
        HeadKind::Stmt("try") => "'try' statement",
        HeadKind::Stmt("except") => "'except' statement",
        HeadKind::Stmt("finally") => "'finally' statement",
        HeadKind::Stmt("with") => "'with' statement",
        HeadKind::Function => "function definition",
        HeadKind::Class => "class definition",
        _ => "statement",
    }
}

/// CPython's hints for two operands in a row: `print x` (Python 2) and a
/// missing comma inside brackets (but not `name "string"`, which looks like
/// a string prefix).
fn hint(lexer: &Lexer, tok: &Tok, l: usize, r: usize) -> Option<SyntaxError> {
    let prev = lexer.seen(1)?;
    if !tok.starts_operand() || !prev.ends_operand {
        return None;
    }
    let after_dot = lexer.seen(2).is_some_and(|s| s.is_dot);
    if let Some(name) = prev.legacy.filter(|_| !after_dot) {
        let src = lexer.src();
        let eol = src[l..].find(['\n', '\r', '#']).map_or(src.len(), |i| l + i);
        let end = l + src[l..eol].trim_end().len();
        let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
        return Some(SyntaxError::new(msg, prev.start, end.max(r)));
    }
    let alone = lexer.seen(2).is_none_or(|s| !s.is_operator);
    let prefix_like = prev.is_name && alone && matches!(tok, Tok::Str(_));
    if prev.depth > 0 && !prefix_like {
        return Some(SyntaxError::new("invalid syntax. Perhaps you forgot a comma?", prev.start, r));
    }
    None
}

// ============================================================================
// Builders for the grammar's actions

fn expr(kind: ExprKind, l: usize, r: usize) -> Expr {
    Expr { kind, span: Span::new(l, r) }
}

fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt { kind, span: Span::new(l, r) }
}

fn binary(a: Expr, op: BinOp, b: Expr, l: usize, r: usize) -> Expr {
    expr(ExprKind::Binary(Box::new(a), op, Box::new(b)), l, r)
}

/// `f(args)`; the call's parentheses (from `lp`) belong to a sole
/// unparenthesised generator argument, as in CPython: `sum(x for x in y)`.
fn call(f: Expr, (items, trailing): (Vec<ArgItem>, bool), lp: usize, l: usize, r: usize) -> Result<Expr, SyntaxError> {
    let mut items = items;
    if let ([ArgItem::Gen(g)], false) = (&mut items[..], trailing) {
        g.span = Span::new(lp, r);
    }
    let args = args(items, trailing)?;
    Ok(expr(ExprKind::Call(Box::new(f), args), l, r))
}

fn bool_op(op: BoolOp, first: Expr, rest: Vec<Expr>, l: usize, r: usize) -> Expr {
    let mut values = Vec::with_capacity(rest.len() + 1);
    values.push(first);
    values.extend(rest);
    expr(ExprKind::BoolOp(op, values), l, r)
}

fn number(n: Num) -> Constant {
    match n {
        Num::Int(i) => Constant::Int(i),
        Num::Big(b) => Constant::BigInt(*b),
        Num::Float(f) => Constant::Float(f),
    }
}

/// `e, rest...` is a tuple when there is more than one element or a comma.
fn maybe_tuple(e: Expr, rest: Vec<Expr>, comma: bool, l: usize, r: usize) -> Expr {
    if rest.is_empty() && !comma {
        return e;
    }
    let (elts, _) = seq(e, rest, comma);
    expr(ExprKind::Tuple(elts), l, r)
}

fn seq(e: Expr, rest: Vec<Expr>, comma: bool) -> (Vec<Expr>, bool) {
    let comma = comma || !rest.is_empty();
    let mut elts = Vec::with_capacity(rest.len() + 1);
    elts.push(e);
    elts.extend(rest);
    (elts, comma)
}

/// `( ... )`: a tuple if there is a comma, else the expression itself.
fn parenthesized((mut elts, comma): (Vec<Expr>, bool), l: usize, r: usize) -> Result<Expr, SyntaxError> {
    if comma || elts.len() != 1 {
        return Ok(expr(ExprKind::Tuple(elts), l, r));
    }
    let e = elts.pop().expect("one element");
    if matches!(e.kind, ExprKind::Starred(_)) {
        return Err(SyntaxError::at("cannot use starred expression here", e.span));
    }
    Ok(e)
}

fn slice(a: Option<Expr>, b: Option<Expr>, c: Option<Expr>, l: usize, r: usize) -> Expr {
    expr(ExprKind::Slice(a.map(Box::new), b.map(Box::new), c.map(Box::new)), l, r)
}

fn comprehension(target: Expr, iter: Expr, ifs: Vec<Expr>) -> Result<Comprehension, SyntaxError> {
    check_targets(&target, Targets::Assign)?;
    Ok(Comprehension { target, iter, ifs })
}

fn lambda(items: Vec<ParamItem>, body: Expr, l: usize, r: usize) -> Result<Expr, SyntaxError> {
    let params = build_params(items)?;
    Ok(expr(ExprKind::Lambda(Box::new(params), Box::new(body)), l, r))
}

// ---------------------------------------------------------------------------
// Targets and starred expressions

#[derive(Clone, Copy, PartialEq, Eq)]
enum Targets {
    Assign,
    Del,
}

/// What CPython calls an expression in "cannot assign to %s".
fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Name(_) => "name",
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::Call(..) => "function call",
        ExprKind::BoolOp(..) | ExprKind::Binary(..) | ExprKind::Unary(..) => "expression",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Slice(..) => "slice",
        ExprKind::Const(Constant::None) => "None",
        ExprKind::Const(Constant::True) => "True",
        ExprKind::Const(Constant::False) => "False",
        ExprKind::Const(Constant::Ellipsis) => "ellipsis",
        ExprKind::Const(_) => "literal",
    }
}

/// The first part of `e` that cannot be assigned to (or deleted).
fn invalid_target(e: &Expr, ctx: Targets) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().find_map(|x| invalid_target(x, ctx)),
        ExprKind::Starred(_) if ctx == Targets::Del => Some(e),
        ExprKind::Starred(inner) => invalid_target(inner, ctx),
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
        _ => Some(e),
    }
}

fn check_targets(e: &Expr, ctx: Targets) -> Result<(), SyntaxError> {
    if let Some(bad) = invalid_target(e, ctx) {
        let verb = if ctx == Targets::Del { "cannot delete" } else { "cannot assign to" };
        return Err(SyntaxError::at(format!("{verb} {}", expr_name(bad)), bad.span));
    }
    if ctx == Targets::Assign {
        if let ExprKind::Starred(_) = e.kind {
            return Err(SyntaxError::at("starred assignment target must be in a list or tuple", e.span));
        }
        check_star_count(e)?;
    }
    Ok(())
}

/// At most one starred target per tuple or list (nested ones included).
fn check_star_count(e: &Expr) -> Result<(), SyntaxError> {
    let (ExprKind::Tuple(elts) | ExprKind::List(elts)) = &e.kind else {
        return Ok(());
    };
    let stars = elts.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count();
    if stars > 1 {
        return Err(SyntaxError::at("multiple starred expressions in assignment", e.span));
    }
    for x in elts {
        match &x.kind {
            ExprKind::Starred(inner) => check_star_count(inner)?,
            _ => check_star_count(x)?,
        }
    }
    Ok(())
}

/// A `*x` standing alone where a value is wanted.
fn no_bare_star(e: &Expr) -> Result<(), SyntaxError> {
    match e.kind {
        ExprKind::Starred(_) => Err(SyntaxError::at("can't use starred expression here", e.span)),
        _ => Ok(()),
    }
}

/// Whether `e` begins with a `bitwise_or` in CPython's grammar (for the
/// "Maybe you meant '=='" hint, which needs one on each side of the `=`).
fn starts_with_bitwise_or(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Tuple(elts) => elts.first().is_some_and(starts_with_bitwise_or),
        ExprKind::BoolOp(_, values) => values.first().is_some_and(starts_with_bitwise_or),
        ExprKind::Compare(left, _) => starts_with_bitwise_or(left),
        ExprKind::IfExp { body, .. } => starts_with_bitwise_or(body),
        ExprKind::Unary(UnaryOp::Not, _) | ExprKind::Lambda(..) | ExprKind::Starred(_) => false,
        _ => true,
    }
}

/// Whether `e` is itself a `bitwise_or` other than the ones CPython's
/// "Maybe you meant '=='" rule excludes (displays, True/False/None).
fn is_plain_bitwise_or(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Tuple(_)
            | ExprKind::List(_)
            | ExprKind::GeneratorExp(..)
            | ExprKind::Const(Constant::True | Constant::False | Constant::None)
            | ExprKind::BoolOp(..)
            | ExprKind::Unary(UnaryOp::Not, _)
            | ExprKind::Compare(..)
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda(..)
            | ExprKind::Starred(_)
    )
}

// ---------------------------------------------------------------------------
// Simple statements

fn expr_stmt(e: Expr, l: usize, r: usize) -> Result<Stmt, SyntaxError> {
    no_bare_star(&e)?;
    Ok(stmt(StmtKind::Expr(e), l, r))
}

fn assign(first: Expr, mut rest: Vec<Expr>, l: usize, r: usize) -> Result<Stmt, SyntaxError> {
    let value = rest.pop().expect("an assignment has a value");
    let mut targets = Vec::with_capacity(rest.len() + 1);
    targets.push(first);
    targets.extend(rest);
    if let [target] = &targets[..] {
        let bad = invalid_target(target, Targets::Assign);
        if bad.is_some() && is_plain_bitwise_or(target) && starts_with_bitwise_or(&value) {
            let what = expr_name(target);
            let msg = format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?");
            return Err(SyntaxError::at(msg, target.span));
        }
    }
    for target in &targets {
        check_targets(target, Targets::Assign)?;
    }
    no_bare_star(&value)?;
    Ok(stmt(StmtKind::Assign { targets, value }, l, r))
}

fn aug_assign(target: Expr, op: BinOp, value: Expr, l: usize, r: usize) -> Result<Stmt, SyntaxError> {
    if !matches!(target.kind, ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)) {
        let msg = format!("'{}' is an illegal expression for augmented assignment", expr_name(&target));
        return Err(SyntaxError::at(msg, target.span));
    }
    no_bare_star(&value)?;
    Ok(stmt(StmtKind::AugAssign { target, op, value }, l, r))
}

fn ann_assign(
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
    l: usize,
    r: usize,
) -> Result<Stmt, SyntaxError> {
    let msg = match target.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
        ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
        ExprKind::List(_) => Some("only single target (not list) can be annotated"),
        _ => Some("illegal target for annotation"),
    };
    if let Some(msg) = msg {
        return Err(SyntaxError::at(msg, target.span));
    }
    if let Some(v) = &value {
        no_bare_star(v)?;
    }
    Ok(stmt(StmtKind::AnnAssign { target, annotation, value }, l, r))
}

fn return_stmt(value: Option<Expr>, l: usize, r: usize) -> Result<Stmt, SyntaxError> {
    if let Some(v) = &value {
        no_bare_star(v)?;
    }
    Ok(stmt(StmtKind::Return(value), l, r))
}

fn del_stmt(targets: Vec<Expr>, l: usize, r: usize) -> Result<Stmt, SyntaxError> {
    for t in &targets {
        check_targets(t, Targets::Del)?;
    }
    Ok(stmt(StmtKind::Del(targets), l, r))
}

/// A Cython type and name from `TYPE... NAME` (a lone name is an object).
fn split_ctype(mut names: Vec<String>) -> (CType, String) {
    let name = names.pop().expect("at least one name");
    let base = if names.is_empty() { "object".to_owned() } else { names.join(" ") };
    (CType { base, dims: 0 }, name)
}

type CDeclItem = (String, Option<Expr>);

fn cdef_decl((ctype, first): (CType, String), value: Option<Expr>, rest: Vec<CDeclItem>, l: usize, r: usize) -> Stmt {
    let mut names = Vec::with_capacity(rest.len() + 1);
    names.push((first, value));
    names.extend(rest);
    stmt(StmtKind::CDef { ctype, names }, l, r)
}

// ---------------------------------------------------------------------------
// Compound statements

/// End offset of the last statement of the last non-empty block.
fn last_end(blocks: &[&[Stmt]]) -> usize {
    blocks.iter().rev().find_map(|b| b.last()).map_or(0, |s| s.span.end as usize)
}

fn block_stmt(
    l: usize,
    make: impl FnOnce(Vec<Stmt>, Vec<Stmt>) -> StmtKind,
    body: Vec<Stmt>,
    orelse: Vec<Stmt>,
) -> Stmt {
    let end = last_end(&[&body, &orelse]);
    stmt(make(body, orelse), l, end)
}

type Elif = (usize, Expr, Vec<Stmt>);

/// `if` with its `elif`s nested into `orelse`, innermost built first.
fn if_stmt(l: usize, test: Expr, body: Vec<Stmt>, elifs: Vec<Elif>, orelse: Vec<Stmt>) -> Stmt {
    let mut orelse = orelse;
    for (el, test, body) in elifs.into_iter().rev() {
        let inner = block_stmt(el, |body, orelse| StmtKind::If { test, body, orelse }, body, orelse);
        orelse = vec![inner];
    }
    block_stmt(l, |body, orelse| StmtKind::If { test, body, orelse }, body, orelse)
}

fn for_stmt(l: usize, target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Result<Stmt, SyntaxError> {
    check_targets(&target, Targets::Assign)?;
    no_bare_star(&iter)?;
    Ok(block_stmt(l, |body, orelse| StmtKind::For { target, iter, body, orelse }, body, orelse))
}

type Handler = ExceptHandler;

fn handler(l: usize, head: Option<(Expr, Option<Name>)>, body: Vec<Stmt>) -> ExceptHandler {
    let span = Span::new(l, last_end(&[&body]));
    let (typ, name) = match head {
        Some((t, n)) => (Some(t), n),
        None => (None, None),
    };
    ExceptHandler { typ, name, body, span }
}

fn multiple_exceptions(first: &Expr, more: &[Expr]) -> SyntaxError {
    let end = more.last().map_or(first.span.end, |e| e.span.end);
    let span = Span { start: first.span.start, end };
    SyntaxError::at("multiple exception types must be parenthesized", span)
}

fn try_stmt(l: usize, body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt>) -> Stmt {
    let mut end = last_end(&[&body, &orelse, &finalbody]);
    if orelse.is_empty() && finalbody.is_empty() {
        end = handlers.last().map_or(end, |h| h.span.end as usize);
    }
    stmt(StmtKind::Try { body, handlers, orelse, finalbody }, l, end)
}

fn with_stmt(l: usize, items: Vec<(Expr, Option<Expr>)>, body: Vec<Stmt>) -> Result<Stmt, SyntaxError> {
    let mut with_items = Vec::with_capacity(items.len());
    for (context, target) in items {
        if let Some(t) = &target {
            check_targets(t, Targets::Assign)?;
        }
        with_items.push(WithItem { context, target });
    }
    let end = last_end(&[&body]);
    Ok(stmt(StmtKind::With { items: with_items, body }, l, end))
}

fn func_def(
    l: usize,
    name: Name,
    items: Vec<ParamItem>,
    returns: Option<Expr>,
    tail: Vec<(String, usize, usize)>,
    cdef_return: Option<CType>,
    body: Vec<Stmt>,
) -> Result<Stmt, SyntaxError> {
    if let Some((_, tl, tr)) = tail.iter().find(|(n, _, _)| n != "nogil") {
        return Err(SyntaxError::new("expected ':'", *tl, *tr));
    }
    let params = build_params(items)?;
    let end = last_end(&[&body]);
    let def = FunctionDef {
        name,
        params,
        body,
        decorators: Vec::new(),
        returns,
        nogil: !tail.is_empty(),
        cdef_return,
    };
    Ok(stmt(StmtKind::FunctionDef(Box::new(def)), l, end))
}

fn class_def(
    l: usize,
    name: Name,
    bases: Option<(Vec<ArgItem>, bool)>,
    body: Vec<Stmt>,
) -> Result<Stmt, SyntaxError> {
    let (items, trailing) = bases.unwrap_or_default();
    if let Some(ArgItem::Gen(g)) = items.iter().find(|a| matches!(a, ArgItem::Gen(_))) {
        return Err(SyntaxError::at("invalid syntax", g.span));
    }
    let bases = args(items, trailing)?;
    let end = last_end(&[&body]);
    let def = ClassDef { name, bases, body, decorators: Vec::new() };
    Ok(stmt(StmtKind::ClassDef(Box::new(def)), l, end))
}

fn decorate(decorators: Vec<Expr>, mut def: Stmt) -> Stmt {
    match &mut def.kind {
        StmtKind::FunctionDef(f) => f.decorators = decorators,
        StmtKind::ClassDef(c) => c.decorators = decorators,
        _ => {}
    }
    def
}

// ---------------------------------------------------------------------------
// Parameters

/// One entry of a parameter list, before the list is checked.
enum ParamItem {
    Param(Param),
    /// `/` at `l..r`
    Slash(usize, usize),
    /// `*` or `*args` at `l..r`
    Star(Option<Param>, usize, usize),
    DoubleStar(Param),
}

fn plain_param(name: Name, annotation: Option<Expr>, default: Option<Expr>, l: usize, r: usize) -> Param {
    Param { name, annotation, ctype: None, default, span: Span::new(l, r) }
}

/// A parameter: `x`, `x: T = d`, Cython `double x`, or `double[:] x`
/// (`memview` carries the dimensions and the name after the brackets).
fn param(
    mut words: Vec<String>,
    memview: Option<(u8, String)>,
    annotation: Option<Expr>,
    default: Option<Expr>,
    l: usize,
    r: usize,
) -> ParamItem {
    let (name, ctype) = match memview {
        Some((dims, name)) => (name, Some(CType { base: words.join(" "), dims })),
        None => {
            let name = words.pop().expect("at least one word");
            let ctype = (!words.is_empty()).then(|| CType { base: words.join(" "), dims: 0 });
            (name, ctype)
        }
    };
    ParamItem::Param(Param { name, annotation, ctype, default, span: Span::new(l, r) })
}

/// Checks a parameter list the way CPython does and sorts it into `Params`.
fn build_params(items: Vec<ParamItem>) -> Result<Params, SyntaxError> {
    let mut params = Params::default();
    let mut star: Option<(usize, usize, bool)> = None;
    let mut slash_seen = false;
    let mut default_seen = false;
    for item in items {
        if params.kwarg.is_some() {
            let span = item_span(&item);
            return Err(SyntaxError::at("arguments cannot follow var-keyword argument", span));
        }
        match item {
            ParamItem::Slash(l, r) => {
                let msg = if slash_seen {
                    Some("/ may appear only once")
                } else if star.is_some() {
                    Some("/ must be ahead of *")
                } else if params.args.is_empty() {
                    Some("at least one argument must precede /")
                } else {
                    None
                };
                if let Some(msg) = msg {
                    return Err(SyntaxError::new(msg, l, r));
                }
                slash_seen = true;
                params.posonly = params.args.len();
            }
            ParamItem::Star(p, l, r) => {
                if star.is_some() {
                    return Err(SyntaxError::new("* argument may appear only once", l, r));
                }
                star = Some((l, l + 1, p.is_none()));
                params.vararg = p;
            }
            ParamItem::DoubleStar(p) => params.kwarg = Some(p),
            ParamItem::Param(p) if star.is_some() => params.kwonly.push(p),
            ParamItem::Param(p) => {
                if p.default.is_none() && default_seen {
                    let msg = "non-default argument follows default argument";
                    return Err(SyntaxError::at(msg, p.span));
                }
                default_seen |= p.default.is_some();
                params.args.push(p);
            }
        }
    }
    if let Some((l, r, true)) = star {
        if params.kwonly.is_empty() {
            return Err(SyntaxError::new("named arguments must follow bare *", l, r));
        }
    }
    check_duplicate_params(&params)?;
    Ok(params)
}

fn item_span(item: &ParamItem) -> Span {
    match item {
        ParamItem::Param(p) | ParamItem::DoubleStar(p) => p.span,
        ParamItem::Slash(l, r) | ParamItem::Star(_, l, r) => Span::new(*l, *r),
    }
}

fn check_duplicate_params(params: &Params) -> Result<(), SyntaxError> {
    let all = params
        .args
        .iter()
        .chain(&params.vararg)
        .chain(&params.kwonly)
        .chain(&params.kwarg);
    let mut seen = HashSet::new();
    for p in all {
        if !seen.insert(p.name.as_str()) {
            let msg = format!("duplicate argument '{}' in function definition", p.name);
            return Err(SyntaxError::at(msg, p.span));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Call arguments

/// One argument at a call site, before the list is checked.
enum ArgItem {
    Pos(Expr),
    /// An unparenthesised generator expression: only valid as the sole argument.
    Gen(Expr),
    Kw(Expr, Expr),
    /// `*e`, with the offset of the `*`.
    Star(Expr, usize),
    DoubleStar(Expr),
}

/// Checks argument order and keyword names the way CPython does.
fn args(items: Vec<ArgItem>, trailing_comma: bool) -> Result<Vec<Arg>, SyntaxError> {
    let sole = items.len() == 1 && !trailing_comma;
    let mut out = Vec::with_capacity(items.len());
    let mut keyword_seen = false;
    let mut unpack_seen = false;
    let mut names = HashSet::new();
    for item in items {
        let arg = match item {
            ArgItem::Pos(e) | ArgItem::Gen(e) if unpack_seen => {
                let msg = "positional argument follows keyword argument unpacking";
                return Err(SyntaxError::at(msg, e.span));
            }
            ArgItem::Pos(e) | ArgItem::Gen(e) if keyword_seen => {
                return Err(SyntaxError::at("positional argument follows keyword argument", e.span));
            }
            ArgItem::Gen(e) if !sole => {
                return Err(SyntaxError::at("Generator expression must be parenthesized", e.span));
            }
            ArgItem::Pos(e) | ArgItem::Gen(e) => Arg::Positional(e),
            ArgItem::Kw(k, v) => {
                let name = keyword_name(&k, &v)?;
                if !names.insert(name.clone()) {
                    let span = Span { start: k.span.start, end: v.span.end };
                    return Err(SyntaxError::at(format!("keyword argument repeated: {name}"), span));
                }
                keyword_seen = true;
                Arg::Keyword(name, v)
            }
            ArgItem::Star(e, l) => {
                if unpack_seen {
                    let msg = "iterable argument unpacking follows keyword argument unpacking";
                    return Err(SyntaxError::new(msg, l, e.span.end as usize));
                }
                Arg::Star(e)
            }
            ArgItem::DoubleStar(e) => {
                unpack_seen = true;
                Arg::DoubleStar(e)
            }
        };
        out.push(arg);
    }
    Ok(out)
}

fn keyword_name(k: &Expr, v: &Expr) -> Result<Name, SyntaxError> {
    match &k.kind {
        ExprKind::Name(n) => Ok(n.clone()),
        ExprKind::Const(Constant::True | Constant::False | Constant::None) => {
            Err(SyntaxError::at(format!("cannot assign to {}", expr_name(k)), k.span))
        }
        _ => {
            let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
            Err(SyntaxError::new(msg, k.span.start as usize, v.span.start as usize))
        }
    }
}

// ============================================================================
// Strings and f-strings

type StrPart = (usize, Box<StrLit>, usize);

/// Joins adjacent string literals into one constant or f-string.
fn strings(src: &str, parts: Vec<StrPart>, l: usize, r: usize) -> Result<Expr, SyntaxError> {
    let bytes = parts.iter().filter(|(_, s, _)| matches!(**s, StrLit::Bytes(_))).count();
    if bytes != 0 && bytes != parts.len() {
        return Err(SyntaxError::new("cannot mix bytes and nonbytes literals", r, r));
    }
    if bytes != 0 {
        let mut all = Vec::new();
        for (_, s, _) in parts {
            if let StrLit::Bytes(b) = *s {
                all.extend(b);
            }
        }
        return Ok(expr(ExprKind::Const(Constant::Bytes(all)), l, r));
    }
    if !parts.iter().any(|(_, s, _)| matches!(**s, StrLit::FStr { .. })) {
        let mut all = String::new();
        for (_, s, _) in parts {
            if let StrLit::Str(text) = *s {
                all.push_str(&text);
            }
        }
        return Ok(expr(ExprKind::Const(Constant::Str(all)), l, r));
    }
    let mut out = Vec::new();
    for (_, s, _) in parts {
        match *s {
            StrLit::Str(text) => push_literal(&mut out, &text),
            StrLit::FStr { raw, start, end } => {
                let mut body = FString { src, raw, pos: start, end };
                body.parts(0, &mut out)?;
            }
            StrLit::Bytes(_) => {}
        }
    }
    Ok(expr(ExprKind::FString(out), l, r))
}

/// Appends literal text, merging it with a literal just before.
fn push_literal(out: &mut Vec<FStringPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(FStringPart::Literal(text.to_owned()));
    }
}

/// Where a literal run of an f-string stopped.
enum Stop {
    /// End of the text.
    End,
    /// After `{{` or `}}` (the literal holds one brace).
    Doubled,
    /// At a `{` that opens a replacement field.
    Open,
    /// At the `}` that closes a format spec.
    Close,
}

/// A cursor over the raw body of an f-string (`src[pos..end]`).
struct FString<'s> {
    src: &'s str,
    raw: bool,
    pos: usize,
    end: usize,
}

impl FString<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        (at < self.end).then(|| self.src.as_bytes()[at])
    }

    fn error(&self, msg: impl Into<String>, at: usize) -> SyntaxError {
        SyntaxError::new(msg, at, at)
    }

    /// Parses literal text and fields until the end, or (in a format spec,
    /// `level` 1) until the `}` that closes the spec.
    fn parts(&mut self, level: u32, out: &mut Vec<FStringPart>) -> Result<(), SyntaxError> {
        loop {
            let (start, stop_at, stop) = self.literal(level)?;
            let text = &self.src[start..stop_at];
            let decoded = lexer::decode_str(text, self.raw).map_err(|msg| self.error(msg, start))?;
            push_literal(out, &decoded);
            match stop {
                Stop::Doubled => continue,
                Stop::End | Stop::Close => return Ok(()),
                Stop::Open => self.field(level, out)?,
            }
        }
    }

    /// Scans literal text: returns its start, where the text to keep ends,
    /// and why it stopped (CPython's `fstring_find_literal`).
    fn literal(&mut self, level: u32) -> Result<(usize, usize, Stop), SyntaxError> {
        let start = self.pos;
        let mut s = start;
        while let Some(ch) = self.byte(s) {
            s += 1;
            let mut ch = ch;
            if !self.raw && ch == b'\\' && s < self.end {
                ch = self.src.as_bytes()[s];
                s += 1;
                if ch == b'N' {
                    // `\N{NAME}`: its braces are not a field.
                    if self.byte(s) == Some(b'{') {
                        while let Some(c) = self.byte(s) {
                            s += 1;
                            if c == b'}' {
                                break;
                            }
                        }
                    }
                    continue;
                }
            }
            if ch != b'{' && ch != b'}' {
                continue;
            }
            if level == 0 {
                if self.byte(s) == Some(ch) {
                    self.pos = s + 1;
                    return Ok((start, s, Stop::Doubled));
                }
                if ch == b'}' {
                    return Err(self.error("f-string: single '}' is not allowed", s - 1));
                }
            }
            s -= 1;
            self.pos = s;
            let stop = if ch == b'{' { Stop::Open } else { Stop::Close };
            return Ok((start, s, stop));
        }
        self.pos = self.end;
        Ok((start, self.end, Stop::End))
    }

    /// Parses a replacement field `{expr[=][!c][:spec]}` starting at its `{`.
    fn field(&mut self, level: u32, out: &mut Vec<FStringPart>) -> Result<(), SyntaxError> {
        if level >= 2 {
            return Err(self.error("f-string: expressions nested too deeply", self.pos));
        }
        self.pos += 1;
        let expr_start = self.pos;
        self.scan_expression()?;
        let expr_end = self.pos;
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        let text = &self.src[expr_start..expr_end];
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(self.error("f-string: empty expression not allowed", expr_start));
        }
        let value = parse_fexpr(self.src, expr_start, expr_end)?;
        let debug_text = self.debug_text(expr_start)?;
        let mut conversion = self.conversion()?;
        let mut spec = None;
        if self.byte(self.pos) == Some(b':') {
            self.pos += 1;
            if self.pos >= self.end {
                return Err(self.expecting_brace());
            }
            let mut parts = Vec::new();
            self.parts(level + 1, &mut parts)?;
            spec = Some(parts);
        }
        if self.byte(self.pos) != Some(b'}') {
            return Err(self.expecting_brace());
        }
        self.pos += 1;
        if debug_text.is_some() && spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        out.push(FStringPart::Expr { expr: Box::new(value), conversion, spec, debug_text });
        Ok(())
    }

    fn expecting_brace(&self) -> SyntaxError {
        self.error("f-string: expecting '}'", self.pos.min(self.end))
    }

    /// `=` after the expression: the text to print before the value.
    fn debug_text(&mut self, expr_start: usize) -> Result<Option<String>, SyntaxError> {
        if self.byte(self.pos) != Some(b'=') {
            return Ok(None);
        }
        self.pos += 1;
        while self.byte(self.pos).is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        Ok(Some(self.src[expr_start..self.pos].to_owned()))
    }

    /// `!r`, `!s` or `!a` after the expression.
    fn conversion(&mut self) -> Result<Option<char>, SyntaxError> {
        if self.byte(self.pos) != Some(b'!') {
            return Ok(None);
        }
        self.pos += 1;
        let Some(c) = self.byte(self.pos) else {
            return Err(self.expecting_brace());
        };
        self.pos += 1;
        if !matches!(c, b's' | b'r' | b'a') {
            let msg = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
            return Err(self.error(msg, self.pos - 1));
        }
        Ok(Some(c as char))
    }

    /// Moves `pos` to the end of a field's expression: the first `!`, `:`,
    /// `=` or `}` outside brackets and strings (`!=`, `==`, `<=`, `>=` do not
    /// end it). CPython's `fstring_find_expr`, with its messages.
    fn scan_expression(&mut self) -> Result<(), SyntaxError> {
        let mut quote: Option<(u8, bool)> = None;
        let mut brackets: Vec<u8> = Vec::new();
        while let Some(ch) = self.byte(self.pos) {
            let at = self.pos;
            if ch == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash", at));
            }
            if let Some((q, triple)) = quote {
                if ch == q {
                    if !triple {
                        quote = None;
                    } else if self.byte(at + 1) == Some(q) && self.byte(at + 2) == Some(q) {
                        self.pos += 2;
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    let triple = self.byte(at + 1) == Some(ch) && self.byte(at + 2) == Some(ch);
                    if triple {
                        self.pos += 2;
                    }
                    quote = Some((ch, triple));
                }
                b'(' | b'[' | b'{' => {
                    if brackets.len() >= lexer::MAX_BRACKET_DEPTH {
                        return Err(self.error("f-string: too many nested parenthesis", at));
                    }
                    brackets.push(ch);
                }
                b'#' => {
                    return Err(self.error("f-string expression part cannot include '#'", at));
                }
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if brackets.is_empty() => {
                    let next = self.byte(at + 1);
                    if next == Some(b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        self.pos += 2;
                        continue;
                    }
                    if !matches!(ch, b'<' | b'>') {
                        return Ok(());
                    }
                }
                b')' | b']' | b'}' => {
                    let Some(open) = brackets.pop() else {
                        return Err(self.error(format!("f-string: unmatched '{}'", ch as char), at));
                    };
                    if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        let msg = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        );
                        return Err(self.error(msg, at));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string", self.pos));
        }
        if let Some(open) = brackets.last() {
            return Err(self.error(format!("f-string: unmatched '{}'", *open as char), self.pos));
        }
        Ok(())
    }
}

/// Parses the expression of an f-string field at `src[start..end]`.
fn parse_fexpr(src: &str, start: usize, end: usize) -> Result<Expr, SyntaxError> {
    let mut lexer = Lexer::fexpr(src, start, end);
    let result = grammar::TopParser::new().parse(src, &mut lexer);
    let err = match result {
        Ok(Top::Expr(e)) if matches!(e.kind, ExprKind::Starred(_)) => {
            SyntaxError::at("cannot use starred expression here", e.span)
        }
        Ok(Top::Expr(e)) => return Ok(e),
        Ok(Top::Module(_)) => SyntaxError::new("invalid syntax", start, end),
        Err(e) => diagnose(e, &mut lexer),
    };
    Err(in_fstring(err))
}

fn in_fstring(mut err: SyntaxError) -> SyntaxError {
    if !err.msg.starts_with("f-string") {
        err.msg = format!("f-string: {}", err.msg);
    }
    err
}
