//! The parser's front door, `parse_module`, and everything around the LALRPOP
//! grammar (`grammar/mini.lalrpop`) that a context-free grammar cannot say:
//!
//! * the builders its actions call: AST nodes with spans, and the checks
//!   CPython makes while parsing — assignment/deletion targets, parameter
//!   lists, call arguments, starred expressions — with CPython 3.11's words;
//! * string literals (`parse/strings.rs`): adjacent literals joined, and
//!   f-strings split into literal and replacement-field parts as CPython
//!   3.11 does (`parse/fstring.rs`);
//! * error diagnosis (`parse/diagnose.rs`): LALRPOP's "this token was
//!   unexpected, these were expected" turned into CPython's message.

use std::collections::HashSet;
use std::fmt;

use lalrpop_util::ParseError;

use super::ast::*;
use super::lexer::{self, Lexer, Num, Tok};

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, unused_parens, unused_imports, dead_code)]
    grammar,
    "/mini.rs"
);

mod diagnose;
mod fstring;
mod strings;

use diagnose::diagnose;
use strings::strings;

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
        SyntaxError {
            kind: SyntaxErrorKind::Syntax,
            msg: msg.into(),
            offset,
            end,
        }
    }

    fn at(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError::new(msg, span.start as usize, span.end as usize)
    }

    fn indentation(msg: impl Into<String>, offset: usize, end: usize) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::Indentation,
            msg: msg.into(),
            offset,
            end,
        }
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
        return Err(SyntaxError::new(
            "source code cannot contain null bytes",
            at,
            at,
        ));
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
// Builders for the grammar's actions

fn expr(kind: ExprKind, l: usize, r: usize) -> Expr {
    Expr {
        kind,
        span: Span::new(l, r),
    }
}

fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt {
        kind,
        span: Span::new(l, r),
    }
}

fn binary(a: Expr, op: BinOp, b: Expr, l: usize, r: usize) -> Expr {
    expr(ExprKind::Binary(Box::new(a), op, Box::new(b)), l, r)
}

/// `f(args)`; the call's parentheses (from `lp`) belong to a sole
/// unparenthesised generator argument, as in CPython: `sum(x for x in y)`.
fn call(
    f: Expr,
    (items, trailing): (Vec<ArgItem>, bool),
    lp: usize,
    l: usize,
    r: usize,
) -> Result<Expr, SyntaxError> {
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
fn parenthesized(
    (mut elts, comma): (Vec<Expr>, bool),
    l: usize,
    r: usize,
) -> Result<Expr, SyntaxError> {
    if comma || elts.len() != 1 {
        return Ok(expr(ExprKind::Tuple(elts), l, r));
    }
    let e = elts.pop().expect("one element");
    if matches!(e.kind, ExprKind::Starred(_)) {
        return Err(SyntaxError::at(
            "cannot use starred expression here",
            e.span,
        ));
    }
    Ok(e)
}

fn slice(a: Option<Expr>, b: Option<Expr>, c: Option<Expr>, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Slice(a.map(Box::new), b.map(Box::new), c.map(Box::new)),
        l,
        r,
    )
}

fn comprehension(target: Expr, iter: Expr, ifs: Vec<Expr>) -> Result<Comprehension, SyntaxError> {
    check_targets(&target, Targets::Assign)?;
    Ok(Comprehension { target, iter, ifs })
}

fn lambda(items: Vec<ParamItem>, body: Expr, l: usize, r: usize) -> Result<Expr, SyntaxError> {
    let params = build_params(items)?;
    Ok(expr(
        ExprKind::Lambda(Box::new(params), Box::new(body)),
        l,
        r,
    ))
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
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            elts.iter().find_map(|x| invalid_target(x, ctx))
        }
        ExprKind::Starred(_) if ctx == Targets::Del => Some(e),
        ExprKind::Starred(inner) => invalid_target(inner, ctx),
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => None,
        _ => Some(e),
    }
}

fn check_targets(e: &Expr, ctx: Targets) -> Result<(), SyntaxError> {
    if let Some(bad) = invalid_target(e, ctx) {
        let verb = if ctx == Targets::Del {
            "cannot delete"
        } else {
            "cannot assign to"
        };
        return Err(SyntaxError::at(
            format!("{verb} {}", expr_name(bad)),
            bad.span,
        ));
    }
    if ctx == Targets::Assign {
        if let ExprKind::Starred(_) = e.kind {
            return Err(SyntaxError::at(
                "starred assignment target must be in a list or tuple",
                e.span,
            ));
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
    let stars = elts
        .iter()
        .filter(|x| matches!(x.kind, ExprKind::Starred(_)))
        .count();
    if stars > 1 {
        return Err(SyntaxError::at(
            "multiple starred expressions in assignment",
            e.span,
        ));
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

fn aug_assign(
    target: Expr,
    op: BinOp,
    value: Expr,
    l: usize,
    r: usize,
) -> Result<Stmt, SyntaxError> {
    if !matches!(
        target.kind,
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)
    ) {
        let msg = format!(
            "'{}' is an illegal expression for augmented assignment",
            expr_name(&target)
        );
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
    Ok(stmt(
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        },
        l,
        r,
    ))
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
    let base = if names.is_empty() {
        "object".to_owned()
    } else {
        names.join(" ")
    };
    (CType { base, dims: 0 }, name)
}

type CDeclItem = (String, Option<Expr>);

fn cdef_decl(
    (ctype, first): (CType, String),
    value: Option<Expr>,
    rest: Vec<CDeclItem>,
    l: usize,
    r: usize,
) -> Stmt {
    let mut names = Vec::with_capacity(rest.len() + 1);
    names.push((first, value));
    names.extend(rest);
    stmt(StmtKind::CDef { ctype, names }, l, r)
}

// ---------------------------------------------------------------------------
// Compound statements

/// End offset of the last statement of the last non-empty block.
fn last_end(blocks: &[&[Stmt]]) -> usize {
    blocks
        .iter()
        .rev()
        .find_map(|b| b.last())
        .map_or(0, |s| s.span.end as usize)
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

/// `if` with its `elif`s nested into `orelse`, innermost built first. Each
/// `elif` is a level of nesting, so the chain is bounded like expressions
/// are (CPython 3.11 fails on about 3,000 of them too).
fn if_stmt(
    l: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<Elif>,
    orelse: Vec<Stmt>,
) -> Result<Stmt, SyntaxError> {
    if let Some((at, _, _)) = elifs.get(lexer::MAX_NESTING) {
        let msg = format!(
            "too many 'elif' branches (more than {})",
            lexer::MAX_NESTING
        );
        return Err(SyntaxError::new(msg, *at, *at));
    }
    let mut orelse = orelse;
    for (el, test, body) in elifs.into_iter().rev() {
        let inner = block_stmt(
            el,
            |body, orelse| StmtKind::If { test, body, orelse },
            body,
            orelse,
        );
        orelse = vec![inner];
    }
    Ok(block_stmt(
        l,
        |body, orelse| StmtKind::If { test, body, orelse },
        body,
        orelse,
    ))
}

fn for_stmt(
    l: usize,
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Vec<Stmt>,
) -> Result<Stmt, SyntaxError> {
    check_targets(&target, Targets::Assign)?;
    no_bare_star(&iter)?;
    Ok(block_stmt(
        l,
        |body, orelse| StmtKind::For {
            target,
            iter,
            body,
            orelse,
        },
        body,
        orelse,
    ))
}

type Handler = ExceptHandler;

fn handler(l: usize, head: Option<(Expr, Option<Name>)>, body: Vec<Stmt>) -> ExceptHandler {
    let span = Span::new(l, last_end(&[&body]));
    let (typ, name) = match head {
        Some((t, n)) => (Some(t), n),
        None => (None, None),
    };
    ExceptHandler {
        typ,
        name,
        body,
        span,
    }
}

fn multiple_exceptions(first: &Expr, more: &[Expr]) -> SyntaxError {
    let end = more.last().map_or(first.span.end, |e| e.span.end);
    let span = Span {
        start: first.span.start,
        end,
    };
    SyntaxError::at("multiple exception types must be parenthesized", span)
}

fn try_stmt(
    l: usize,
    body: Vec<Stmt>,
    handlers: Vec<Handler>,
    orelse: Vec<Stmt>,
    finalbody: Vec<Stmt>,
) -> Stmt {
    let mut end = last_end(&[&body, &orelse, &finalbody]);
    if orelse.is_empty() && finalbody.is_empty() {
        end = handlers.last().map_or(end, |h| h.span.end as usize);
    }
    stmt(
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        },
        l,
        end,
    )
}

fn with_stmt(
    l: usize,
    items: Vec<(Expr, Option<Expr>)>,
    body: Vec<Stmt>,
) -> Result<Stmt, SyntaxError> {
    let mut with_items = Vec::with_capacity(items.len());
    for (context, target) in items {
        if let Some(t) = &target {
            check_targets(t, Targets::Assign)?;
        }
        with_items.push(WithItem { context, target });
    }
    let end = last_end(&[&body]);
    Ok(stmt(
        StmtKind::With {
            items: with_items,
            body,
        },
        l,
        end,
    ))
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
    let def = ClassDef {
        name,
        bases,
        body,
        decorators: Vec::new(),
    };
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

fn plain_param(
    name: Name,
    annotation: Option<Expr>,
    default: Option<Expr>,
    l: usize,
    r: usize,
) -> Param {
    Param {
        name,
        annotation,
        ctype: None,
        default,
        span: Span::new(l, r),
    }
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
        Some((dims, name)) => (
            name,
            Some(CType {
                base: words.join(" "),
                dims,
            }),
        ),
        None => {
            let name = words.pop().expect("at least one word");
            let ctype = (!words.is_empty()).then(|| CType {
                base: words.join(" "),
                dims: 0,
            });
            (name, ctype)
        }
    };
    ParamItem::Param(Param {
        name,
        annotation,
        ctype,
        default,
        span: Span::new(l, r),
    })
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
            return Err(SyntaxError::at(
                "arguments cannot follow var-keyword argument",
                span,
            ));
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
    if let Some((l, r, true)) = star
        && params.kwonly.is_empty()
    {
        return Err(SyntaxError::new("named arguments must follow bare *", l, r));
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
                return Err(SyntaxError::at(
                    "positional argument follows keyword argument",
                    e.span,
                ));
            }
            ArgItem::Gen(e) if !sole => {
                return Err(SyntaxError::at(
                    "Generator expression must be parenthesized",
                    e.span,
                ));
            }
            ArgItem::Pos(e) | ArgItem::Gen(e) => Arg::Positional(e),
            ArgItem::Kw(k, v) => {
                let name = keyword_name(&k, &v)?;
                if !names.insert(name.clone()) {
                    let span = Span {
                        start: k.span.start,
                        end: v.span.end,
                    };
                    return Err(SyntaxError::at(
                        format!("keyword argument repeated: {name}"),
                        span,
                    ));
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
        ExprKind::Const(Constant::True | Constant::False | Constant::None) => Err(SyntaxError::at(
            format!("cannot assign to {}", expr_name(k)),
            k.span,
        )),
        _ => {
            let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
            Err(SyntaxError::new(
                msg,
                k.span.start as usize,
                v.span.start as usize,
            ))
        }
    }
}

#[cfg(test)]
mod tests;
