//! The compiler's Cython pass: what a `.pyx`-style file's kernel sites are,
//! found on the AST before code generation, as plain descriptions.
//!
//! - This file: the names a file imports for kernels and its `nogil`
//!   functions ([`CyNames`]), declared C types ([`CTy`], [`collect_cdefs`]),
//!   kernel compile errors ([`KError`]), and the description of a kernel
//!   site ([`SiteDesc`]) the code generator hands to the runtime through
//!   [`KernelFile`].
//! - `prange.rs`: Cython's `prange` rules (options, reductions,
//!   lastprivates, a block's inputs and outputs).
//! - `gilloop.rs`: the rewrite of GIL-holding `prange` loops into chunk
//!   functions run by a team.
//!
//! The compiler knows nothing of the runtime: the kernel layer, supplied
//! by the runner as a [`Kernels`] function, turns each description into the
//! constant the bytecode calls, checking it as Cython would at compile time
//! (its nogil and prange-rule errors are compile errors here) and lowering it
//! to kernel IR at run time for the types it is called with.

pub mod gilloop;
pub mod prange;

use std::collections::HashMap;
use std::sync::Arc;

use crate::syntax::ast::*;
use crate::syntax::source::SourceMap;
use crate::syntax::{SyntaxError, SyntaxErrorKind};
use crate::vm::value::Value;

/// Which language's rules and words apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    Cython,
    Numba,
}

/// What kind of failure a kernel compile error is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrKind {
    /// Needs the GIL / a Python object: a compile-time error in Cython.
    Gil,
    /// Cython's prange rules (reductions, schedules): compile time too.
    Rule,
    /// A type problem, known only once the types are (run time).
    Typing,
}

/// A kernel compile error at its span, worded as Cython or Numba word it.
#[derive(Clone, Debug)]
pub struct KError {
    pub msg: String,
    pub span: Span,
    pub kind: ErrKind,
}

/// A prange-rule error.
pub fn rule<T>(msg: impl Into<String>, span: Span) -> Result<T, KError> {
    Err(KError {
        msg: msg.into(),
        span,
        kind: ErrKind::Rule,
    })
}

/// A kernel compile error as the `SyntaxError` the runner prints.
pub fn to_syntax_error(e: &KError) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg: e.msg.clone(),
        offset: e.span.start as usize,
        end: e.span.end as usize,
    }
}

/// Cython 3.3's warning for a `prange` that keeps the GIL, at `span`.
pub fn prange_gil_warning(filename: &str, map: &SourceMap, span: Span) -> String {
    let line = map.line_of(span.start);
    let col = span.start - map.line_start(line) + 1;
    format!(
        "warning: {filename}:{line}:{col}: prange without releasing the GIL will only work well on freethreaded Python\n"
    )
}

// --------------------------------------------------------------------------
// Declared C types
// --------------------------------------------------------------------------

/// The element type of a typed memoryview.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CElem {
    Bool,
    Int64,
    Float64,
}

/// A declared C type: a scalar, or a memoryview by element type and number
/// of dimensions (1 or 2).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CTy {
    Int,
    Float,
    Bool,
    Arr(CElem, u8),
}

/// A Cython C type name as a declared type (`double[:]` → float64 1-D view).
pub fn ctype_ty(base: &str, dims: u8) -> Option<CTy> {
    let (scalar, elem) = match base {
        "int" | "long" | "Py_ssize_t" | "size_t" | "short" | "char" | "longlong" => {
            (CTy::Int, CElem::Int64)
        }
        "double" | "float" => (CTy::Float, CElem::Float64),
        "bint" => (CTy::Bool, CElem::Bool),
        _ => return None,
    };
    if dims == 0 {
        return Some(scalar);
    }
    (dims <= 2).then_some(CTy::Arr(elem, dims))
}

/// The `cdef` types declared in a body (not in nested functions) and its
/// typed parameters.
pub fn collect_cdefs(body: &[Stmt], params: &Params) -> HashMap<String, CTy> {
    let mut out = HashMap::new();
    for p in &params.args {
        if let Some(c) = &p.ctype
            && let Some(t) = ctype_ty(&c.base, c.dims)
        {
            out.insert(p.name.clone(), t);
        }
    }
    fn walk(body: &[Stmt], out: &mut HashMap<String, CTy>) {
        for s in body {
            match &s.kind {
                StmtKind::CDef { ctype, names } => {
                    if let Some(t) = ctype_ty(&ctype.base, ctype.dims) {
                        for (n, _) in names {
                            out.insert(n.clone(), t);
                        }
                    }
                }
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => {
                    walk(body, out);
                    walk(orelse, out);
                }
                StmtKind::With { body, .. } => walk(body, out),
                StmtKind::Try {
                    body,
                    orelse,
                    finalbody,
                    handlers,
                } => {
                    walk(body, out);
                    walk(orelse, out);
                    walk(finalbody, out);
                    for h in handlers {
                        walk(&h.body, out);
                    }
                }
                _ => {}
            }
        }
    }
    walk(body, &mut out);
    out
}

// --------------------------------------------------------------------------
// What names mean to kernels in a file
// --------------------------------------------------------------------------

/// An imported name a kernel can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CyName {
    /// A module (`math`, `np`, `openmp`, `libc.math`…), by its full name.
    Module(String),
    /// A function of a module: (module, name).
    Func(String, String),
}

/// The file-wide facts a Cython kernel needs: what imported names mean,
/// and the file's `nogil` functions (callable from kernels).
pub struct CyNames {
    pub names: HashMap<String, CyName>,
    pub funcs: HashMap<String, FunctionDef>,
    pub source: Arc<str>,
    pub map: SourceMap,
}

/// The modules whose names a Cython file can import for kernels.
const KERNEL_MODULES: &[&str] = &[
    "cython",
    "cython.parallel",
    "openmp",
    "libc",
    "libc.math",
    "libc.stdio",
    "libc.stdlib",
    "math",
    "numpy",
];

impl CyNames {
    /// Scan a module for imports and nogil functions.
    pub fn scan(module: &Module, source: Arc<str>) -> Arc<CyNames> {
        let mut names = HashMap::new();
        let mut funcs = HashMap::new();
        fn walk(
            body: &[Stmt],
            names: &mut HashMap<String, CyName>,
            funcs: &mut HashMap<String, FunctionDef>,
            top: bool,
        ) {
            for s in body {
                match &s.kind {
                    StmtKind::Import { names: al, .. } => {
                        for a in al {
                            if !KERNEL_MODULES.contains(&a.name.as_str()) {
                                continue;
                            }
                            match &a.asname {
                                Some(n) => {
                                    names.insert(n.clone(), CyName::Module(a.name.clone()));
                                }
                                None => {
                                    let first = a.name.split('.').next().unwrap_or("").to_string();
                                    names.insert(first.clone(), CyName::Module(first));
                                }
                            }
                        }
                    }
                    StmtKind::ImportFrom {
                        module, names: al, ..
                    } => {
                        for a in al {
                            let full = format!("{module}.{}", a.name);
                            let local = a.asname.clone().unwrap_or_else(|| a.name.clone());
                            if KERNEL_MODULES.contains(&full.as_str()) {
                                names.insert(local, CyName::Module(full));
                            } else if KERNEL_MODULES.contains(&module.as_str()) {
                                names.insert(local, CyName::Func(module.clone(), a.name.clone()));
                            }
                        }
                    }
                    StmtKind::FunctionDef(f) if top && (f.nogil) => {
                        funcs.insert(f.name.clone(), (**f).clone());
                    }
                    StmtKind::If { body, orelse, .. } => {
                        walk(body, names, funcs, top);
                        walk(orelse, names, funcs, top);
                    }
                    StmtKind::FunctionDef(f) => walk(&f.body, names, funcs, false),
                    _ => {}
                }
            }
        }
        walk(&module.body, &mut names, &mut funcs, true);
        let map = SourceMap::new(&source);
        Arc::new(CyNames {
            names,
            funcs,
            source,
            map,
        })
    }

    /// Is `iter` a call of Cython's `prange`?
    pub fn is_prange(&self, iter: &Expr) -> bool {
        let ExprKind::Call(f, _) = &iter.kind else {
            return false;
        };
        match &f.kind {
            ExprKind::Name(n) => {
                matches!(self.names.get(n), Some(CyName::Func(m, p)) if p == "prange" && m.starts_with("cython"))
            }
            ExprKind::Attribute(m, attr) if attr == "prange" => {
                matches!(&m.kind, ExprKind::Name(mn) if matches!(self.names.get(mn), Some(CyName::Module(x)) if x.starts_with("cython")))
            }
            _ => false,
        }
    }

    /// Is `name` a variable of a kernel block (not an imported name or a
    /// nogil function)?
    fn is_var(&self, name: &str) -> bool {
        !self.names.contains_key(name) && !self.funcs.contains_key(name)
    }
}

// --------------------------------------------------------------------------
// A kernel site, as the compiler describes it
// --------------------------------------------------------------------------

/// What a site runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SiteKind {
    /// `for i in prange(..., nogil=True):`
    Prange,
    /// `with nogil:`
    Nogil,
    /// `with nogil, parallel():`
    Region,
}

/// One kernel block of a Cython file: called from the bytecode with the
/// values of `inputs`, it returns the values of `outputs` as a tuple.
pub struct SiteDesc {
    pub kind: SiteKind,
    pub stmts: Vec<Stmt>,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    /// The declared types of the enclosing function's variables.
    pub cdefs: HashMap<String, CTy>,
    /// The line of the statement, for messages and the kernel's name.
    pub line: u32,
}

impl SiteDesc {
    /// Describe a block: its inputs are the variables it reads before
    /// assigning them, plus declared variables it assigns (their value
    /// before the block); its outputs the variables it assigns.
    pub fn new(
        kind: SiteKind,
        stmts: Vec<Stmt>,
        cdefs: HashMap<String, CTy>,
        names: &CyNames,
        line: u32,
    ) -> SiteDesc {
        let (mut inputs, mut outputs) = prange::free_names(&stmts, Flavor::Cython);
        inputs.retain(|n| names.is_var(n));
        outputs.retain(|n| names.is_var(n));
        for o in &outputs {
            if cdefs.contains_key(o) && !inputs.contains(o) {
                inputs.push(o.clone());
            }
        }
        SiteDesc {
            kind,
            stmts,
            inputs,
            outputs,
            cdefs,
            line,
        }
    }
}

/// The kernel runtime as the compiler sees it, for one file.
pub trait KernelFile {
    /// The constant the bytecode calls for a site, once checked as Cython
    /// checks at compile time (a nogil or prange-rule error at its span).
    fn site(&self, site: SiteDesc) -> Result<Value, KError>;

    /// Check a `nogil` function's body as Cython would at compile time.
    fn check_function(&self, f: &FunctionDef) -> Result<(), KError>;

    /// The constant that converts a value to a declared C type
    /// (`def f(double[:] x)`, `cdef int n = ...`), with Cython's errors.
    fn convert(&self, ty: CTy, name: &str) -> Value;
}

/// Opens the kernel runtime for a file's names (supplied by the runner).
pub type Kernels = fn(Arc<CyNames>) -> Box<dyn KernelFile>;
