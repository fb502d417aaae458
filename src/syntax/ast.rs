//! The abstract syntax tree produced by the parser and consumed by the compiler
//! (and, later, by the kernel lowering of `prange`/`@njit`).
//!
//! Every statement and expression carries `start`/`end` byte offsets into the
//! source text; the compiler turns them into line numbers, diagnostics into
//! line/column carets. The tree follows CPython's `ast` module closely so that
//! "what would CPython do" has an obvious answer for every node.

use num_bigint::BigInt;

pub use super::ops::{BinOp, CmpOp, UnaryOp};

/// A byte range in the source file: `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

pub type Name = String;

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    /// An integer literal that fits in i64.
    Int(i64),
    /// An integer literal too large for i64.
    BigInt(BigInt),
    Float(f64),
    /// `1j` etc. are not supported; no Complex variant.
    Str(String),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// One argument at a call site.
#[derive(Debug, Clone)]
pub enum Arg {
    Positional(Expr),
    /// `*expr`
    Star(Expr),
    /// `name=expr`
    Keyword(Name, Expr),
    /// `**expr`
    DoubleStar(Expr),
}

/// One `for target in iter if cond ...` clause of a comprehension.
#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

/// A piece of an f-string.
#[derive(Debug, Clone)]
pub enum FStringPart {
    Literal(String),
    Expr {
        expr: Box<Expr>,
        /// `!r`, `!s`, `!a`
        conversion: Option<char>,
        /// The format spec after `:`, itself possibly containing `{expr}` parts.
        spec: Option<Vec<FStringPart>>,
        /// For `f"{x=}"`: the literal text `x=` that is printed before the value.
        debug_text: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Name(Name),
    Const(Constant),
    /// An f-string (adjacent literals concatenated into one list of parts).
    FString(Vec<FStringPart>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    /// `{k: v, **d}`: a `None` key is a `**` spread of the value.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*expr` inside a display or an assignment target.
    Starred(Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(Box<Expr>, BinOp, Box<Expr>),
    /// `a and b and c`: at least two operands.
    BoolOp(BoolOp, Vec<Expr>),
    /// `a < b <= c`: left operand and the chain.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `body if test else orelse`
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Lambda(Box<Params>, Box<Expr>),
    Call(Box<Expr>, Vec<Arg>),
    Attribute(Box<Expr>, Name),
    /// `value[index]`; a multi-dimensional index `a[i, j]` is a Tuple index,
    /// a slice `a[1:2]` is a Slice index.
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    ListComp(Box<Expr>, Vec<Comprehension>),
    SetComp(Box<Expr>, Vec<Comprehension>),
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    GeneratorExp(Box<Expr>, Vec<Comprehension>),
}

/// A Cython type in a `cdef` declaration or a typed parameter:
/// `double` is `{ base: "double", dims: 0 }`, `double[:, :]` is `dims: 2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CType {
    pub base: Name,
    pub dims: u8,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Name,
    pub annotation: Option<Expr>,
    /// Cython typed parameter (`double[:] x`).
    pub ctype: Option<CType>,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Params {
    /// Positional-or-keyword parameters (positional-only ones first).
    pub args: Vec<Param>,
    /// How many of `args` are positional-only (before a `/`).
    pub posonly: usize,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
}

#[derive(Debug, Clone)]
pub struct FunctionDef {
    pub name: Name,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub returns: Option<Expr>,
    /// `def f(...) nogil:`
    pub nogil: bool,
    /// Declared with `cdef`/`cpdef` (`cdef double f(double x):`); return type kept.
    pub cdef_return: Option<CType>,
}

#[derive(Debug, Clone)]
pub struct ClassDef {
    pub name: Name,
    pub bases: Vec<Arg>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub struct ExceptHandler {
    pub typ: Option<Expr>,
    pub name: Option<Name>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// `import a.b as c` / `from m import a as c`: `name` is dotted.
#[derive(Debug, Clone)]
pub struct Alias {
    pub name: Name,
    pub asname: Option<Name>,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: one or more targets.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `x: int = 3` (value optional).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    /// `cdef double x = 0, y` — a Cython declaration.
    CDef {
        ctype: CType,
        names: Vec<(Name, Option<Expr>)>,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    Global(Vec<Name>),
    Nonlocal(Vec<Name>),
    Del(Vec<Expr>),
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `import a, b.c as d` (also `cimport`, with `cimport: true`).
    Import {
        names: Vec<Alias>,
        cimport: bool,
    },
    /// `from m import a, b as c` / `from m import *` (a single alias named `*`);
    /// `from m cimport x` has `cimport: true`. `level` counts leading dots.
    ImportFrom {
        module: Name,
        names: Vec<Alias>,
        level: u32,
        cimport: bool,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `with a as x, b:` — also `with nogil:`, `with gil:`,
    /// `with nogil, parallel():`, whose items are plain names/calls here.
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
}

/// A parsed file.
#[derive(Debug, Clone)]
pub struct Module {
    pub body: Vec<Stmt>,
}
