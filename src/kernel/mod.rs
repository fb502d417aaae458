//! GIL-free kernels: Cython `prange`/`with nogil:` and Numba `@njit`.
//!
//! - `types.rs`: kernel types and array views; `ir.rs`: the typed register
//!   IR; `lower/`: AST → IR with the nogil checks, type unification,
//!   reductions and lastprivates; `exec.rs`: the executor; `team.rs`: teams
//!   and schedules; `printf.rs`: C formatting; `gilloop.rs`: the team of
//!   interpreter threads for a GIL-holding `prange`.
//! - This file: the Cython side's doors. The compiler (`compile/cython/`)
//!   describes every `prange(..., nogil=True)` loop, `with nogil:` block and
//!   `with nogil, parallel():` region as a [`SiteDesc`] and hands it to
//!   [`cython_file`]'s [`KernelFile`], which checks it (lowering once with
//!   guessed types: its nogil and prange-rule errors are compile errors with
//!   file:line) and gives back the constant [`Site`] the bytecode calls with
//!   the values of the variables the block reads. At run time the site
//!   lowers the block for those values' types (cached per type signature),
//!   runs it with the GIL released and returns the variables it assigned,
//!   which the bytecode stores back.
//!
//! Numba's dispatcher (`modules/numba.rs`) uses the same lowering on the
//! function's AST, found again by re-parsing the function's source file
//! (`find_function`): the code object keeps the whole source text and the
//! `def` line, so no AST needs to live beside the bytecode.

pub mod exec;
pub mod gilloop;
pub mod ir;
pub mod lower;
pub mod printf;
pub mod team;
pub mod types;

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;

use crate::compile::cython::{CTy, CyName, CyNames, KernelFile, SiteDesc, SiteKind, collect_cdefs};

use crate::array::ndarray::NdArray;
use crate::syntax::ast::*;
// The syntax tree's `Module`, not the VM's module object.
use crate::syntax::ast::Module;
use crate::syntax::source::SourceMap;
use crate::vm::prelude::*;
use exec::{Frame, KErr, TeamCtx};
use ir::{ArgRef, Func};
use lower::{Callee, Env, Flavor, Global, KError};
use types::{ArrView, Ty};

/// A kernel failure as a Python exception (Ctrl-C: KeyboardInterrupt, the
/// interrupt bit cleared as `time.sleep` does).
pub fn kerr_to_py(vm: &Vm, e: &KErr) -> PyErr {
    if e.exc == ExcKind::KeyboardInterrupt {
        vm.eval_breaker.take_interrupt();
        return exc_with_args(TYPES.exc(ExcKind::KeyboardInterrupt), vec![]);
    }
    new_exc(e.exc, e.msg.clone())
}

/// A value as the bits of a register of type `ty` (None: not convertible).
pub fn value_bits(v: &Value, ty: Ty) -> PyResult<u64> {
    Ok(match (ty, v) {
        (Ty::Int, Value::Int(i)) => *i as u64,
        (Ty::Int, Value::Bool(b)) => *b as u64,
        (Ty::Int, Value::Float(f)) => f.get() as i64 as u64,
        (Ty::Float, _) => to_float(v)?.to_bits(),
        (Ty::Bool, _) => match v {
            Value::Bool(b) => *b as u64,
            Value::Int(i) => (*i != 0) as u64,
            Value::Float(f) => (f.get() != 0.0) as u64,
            Value::None => 0,
            _ => 1,
        },
        (Ty::Int, Value::BigInt(_)) => {
            return Err(overflow_error("Python int too large to convert to C long"));
        }
        (Ty::Int, _) => {
            return Err(type_error(format!(
                "an integer is required, not '{}'",
                v.type_name()
            )));
        }
        (Ty::Arr(..), _) => return Err(type_error("an array was expected")),
    })
}

/// Check that `v` is an array of `ty`'s dtype and dimensions, with
/// Cython's messages; its view.
pub fn value_view(v: &Value, ty: Ty) -> PyResult<ArrView> {
    let Ty::Arr(dt, nd) = ty else {
        return Err(type_error("a scalar was expected"));
    };
    let Some(a) = v.downcast::<NdArray>() else {
        return Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.type_name()
        )));
    };
    if a.nd as u8 != nd {
        return Err(value_error(format!(
            "Buffer has wrong number of dimensions (expected {nd}, got {})",
            a.nd
        )));
    }
    if a.dtype != dt {
        let cname = |d: crate::array::storage::DType| match d {
            crate::array::storage::DType::Float64 => "double",
            crate::array::storage::DType::Int64 => "long",
            crate::array::storage::DType::Bool => "bint",
        };
        return Err(value_error(format!(
            "Buffer dtype mismatch, expected '{}' but got '{}'",
            cname(dt),
            cname(a.dtype)
        )));
    }
    Ok(ArrView::from_array(a))
}

/// Load argument values into a fresh frame for `func`.
pub fn bind_args(func: &Func, params: &[(ArgRef, Ty)], vals: &[Value]) -> PyResult<Frame> {
    let mut fr = Frame::new(func);
    for ((loc, ty), v) in params.iter().zip(vals) {
        match loc {
            ArgRef::Scalar(r) => fr.regs[r.0 as usize] = value_bits(v, *ty)?,
            ArgRef::Array(s) => fr.arrs[s.0 as usize] = value_view(v, *ty)?,
        }
    }
    Ok(fr)
}

// --------------------------------------------------------------------------
// Cython: what names mean to kernels in a file
// --------------------------------------------------------------------------

/// A function name and the argument types it was compiled for.
type Signature = (String, Vec<Ty>);

/// A Cython file's names as kernels see them, with the nogil functions
/// compiled so far (per argument types).
pub struct CyEnv {
    pub names: Arc<CyNames>,
    cache: Mutex<HashMap<Signature, Arc<Func>>>,
    depth: Mutex<usize>,
}

/// The kernel runtime for a file's sites (the compiler's [`Kernels`]
/// door, see `compile/cython`).
///
/// [`Kernels`]: crate::compile::cython::Kernels
pub fn cython_file(names: Arc<CyNames>) -> Box<dyn KernelFile> {
    Box::new(CyEnvRef(Arc::new(CyEnv {
        names,
        cache: Mutex::new(HashMap::new()),
        depth: Mutex::new(0),
    })))
}

impl KernelFile for CyEnvRef {
    fn site(&self, site: SiteDesc) -> Result<Value, KError> {
        Ok(Value::native(Site::new(site, self.clone())?))
    }

    /// Check a `nogil` function's body as Cython would at compile time
    /// (typed parameters as declared, the others guessed as int); only
    /// nogil and prange-rule errors are reported.
    fn check_function(&self, fdef: &FunctionDef) -> Result<(), KError> {
        let guess: Vec<Ty> = fdef.params.args.iter().map(|_| Ty::Int).collect();
        match compile_cy_function(self, fdef, &guess) {
            Err(e) if e.kind != lower::ErrKind::Typing => Err(e),
            _ => Ok(()),
        }
    }

    fn convert(&self, ty: CTy, name: &str) -> Value {
        Value::native(CConvert {
            ty: ty.into(),
            name: name.to_string(),
        })
    }
}

/// `CyEnv` as a lowering environment.
#[derive(Clone)]
pub struct CyEnvRef(pub Arc<CyEnv>);

impl Env for CyEnvRef {
    fn global(&self, name: &str) -> Option<Global> {
        match self.0.names.names.get(name) {
            Some(CyName::Module(m)) => return Some(Global::Module(m.clone())),
            Some(CyName::Func(m, f)) => return Some(Global::Func(m.clone(), f.clone())),
            None => {}
        }
        if self.0.names.funcs.contains_key(name) {
            return Some(Global::Kernel(Arc::new(CyFunc {
                env: self.clone(),
                name: name.to_string(),
            })));
        }
        None
    }
}

/// A Cython `nogil` function called from a kernel.
struct CyFunc {
    env: CyEnvRef,
    name: String,
}

impl Callee for CyFunc {
    fn compile(&self, args: &[Ty]) -> Result<Arc<Func>, String> {
        let env = &self.env.0;
        let key = (self.name.clone(), args.to_vec());
        if let Some(f) = env.cache.lock().get(&key) {
            return Ok(f.clone());
        }
        let Some(fdef) = env.names.funcs.get(&self.name) else {
            return Err(format!("no nogil function '{}'", self.name));
        };
        {
            let mut d = env.depth.lock();
            if *d > 20 {
                return Err("recursive nogil functions are not supported in mini's kernels".into());
            }
            *d += 1;
        }
        let result = compile_cy_function(&self.env, fdef, args);
        *env.depth.lock() -= 1;
        let f = Arc::new(result.map_err(|e| e.msg)?);
        env.cache.lock().insert(key, f.clone());
        Ok(f)
    }
}

fn compile_cy_function(env: &CyEnvRef, fdef: &FunctionDef, args: &[Ty]) -> Result<Func, KError> {
    let mut params = Vec::new();
    for (p, t) in fdef.params.args.iter().zip(args) {
        match p
            .ctype
            .as_ref()
            .and_then(|c| types::ctype_ty(&c.base, c.dims))
        {
            Some(ct) => params.push((p.name.clone(), ct, true)),
            None => params.push((p.name.clone(), *t, false)),
        }
    }
    if params.len() != fdef.params.args.len() {
        return Err(KError {
            msg: format!(
                "{}() takes {} arguments ({} given)",
                fdef.name,
                fdef.params.args.len(),
                args.len()
            ),
            span: Span::default(),
            kind: lower::ErrKind::Typing,
        });
    }
    let entry = lower::Entry {
        name: fdef.name.clone(),
        params,
        cdefs: cdefs_ty(collect_cdefs(&fdef.body, &fdef.params)),
        body: &fdef.body,
        parallel: true,
    };
    let l = lower::lower(Flavor::Cython, env, &env.0.names.map, &entry)?;
    let mut func = l.func;
    // A typed return (`cdef double f(...) nogil`) converts on return; the
    // lowering already unified the returned values.
    if let Some(rt) = fdef
        .cdef_return
        .as_ref()
        .and_then(|c| types::ctype_ty(&c.base, c.dims))
        && func.ret.is_some()
        && func.ret != Some(rt)
    {
        func.ret = func.ret.or(Some(rt));
    }
    Ok(func)
}

/// Declared C types as kernel types.
fn cdefs_ty(cdefs: HashMap<String, CTy>) -> HashMap<String, Ty> {
    cdefs.into_iter().map(|(n, t)| (n, t.into())).collect()
}

// --------------------------------------------------------------------------
// Cython: a kernel site in the bytecode
// --------------------------------------------------------------------------

/// One compiled block of a Cython file, called from the bytecode with the
/// values of `inputs`; returns the values of `outputs` as a tuple.
pub struct Site {
    pub kind: SiteKind,
    pub stmts: Vec<Stmt>,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    pub cdefs: HashMap<String, Ty>,
    pub env: CyEnvRef,
    pub line: u32,
    cache: Mutex<Vec<(Vec<Ty>, Arc<Compiled>)>>,
}

struct Compiled {
    func: Func,
    params: Vec<(ArgRef, Ty)>,
    outputs: Vec<(ArgRef, Ty)>,
}

pub static SITE_CLASS: NativeClass = NativeClass {
    name: "kernel",
    module: "cython",
    methods: &[],
    ctor: None,
};

impl Site {
    /// Build a site and check it as Cython would at compile time; the
    /// error (if any) is a nogil or prange-rule error at its span.
    pub fn new(desc: SiteDesc, env: CyEnvRef) -> Result<Site, KError> {
        let site = Site {
            kind: desc.kind,
            stmts: desc.stmts,
            inputs: desc.inputs,
            outputs: desc.outputs,
            cdefs: cdefs_ty(desc.cdefs),
            env,
            line: desc.line,
            cache: Mutex::new(Vec::new()),
        };
        site.check()?;
        Ok(site)
    }

    /// Lower once with guessed types, keeping only the errors that do not
    /// depend on types (nogil and prange rules).
    fn check(&self) -> Result<(), KError> {
        let guess: Vec<Ty> = self.inputs.iter().map(|n| self.guess_ty(n)).collect();
        match self.lower(&guess) {
            Err(e) if e.kind != lower::ErrKind::Typing => Err(e),
            _ => Ok(()),
        }
    }

    fn guess_ty(&self, name: &str) -> Ty {
        if let Some(t) = self.cdefs.get(name) {
            return *t;
        }
        fn dims(body: &[Stmt], name: &str) -> Option<u8> {
            let mut found = None;
            fn e(x: &Expr, name: &str, found: &mut Option<u8>) {
                if let ExprKind::Subscript(b, i) = &x.kind {
                    if matches!(&b.kind, ExprKind::Name(n) if n == name) {
                        let d = match &i.kind {
                            ExprKind::Tuple(t) => t.len() as u8,
                            _ => 1,
                        };
                        *found = Some(found.map_or(d, |f: u8| f.max(d)));
                    }
                    if let ExprKind::Subscript(bb, _) = &b.kind
                        && matches!(&bb.kind, ExprKind::Name(n) if n == name)
                    {
                        *found = Some(2);
                    }
                }
                visit_expr_children(x, &mut |c| e(c, name, found));
            }
            visit_stmts(body, &mut |x| e(x, name, &mut found));
            found
        }
        match dims(&self.stmts, name) {
            Some(d) => Ty::Arr(crate::array::storage::DType::Float64, d.clamp(1, 2)),
            None => Ty::Int,
        }
    }

    fn lower(&self, tys: &[Ty]) -> Result<Compiled, KError> {
        let params: Vec<(String, Ty, bool)> = self
            .inputs
            .iter()
            .zip(tys)
            .map(|(n, t)| (n.clone(), *t, self.cdefs.contains_key(n)))
            .collect();
        let entry = lower::Entry {
            name: format!("<{:?} at line {}>", self.kind, self.line),
            params,
            cdefs: self.cdefs.clone(),
            body: &self.stmts,
            parallel: true,
        };
        let l = lower::lower(Flavor::Cython, &self.env, &self.env.0.names.map, &entry)?;
        let lookup = |n: &String| -> (ArgRef, Ty) {
            match l.vars.get(n) {
                Some((t, r)) => (*r, *t),
                None => (ArgRef::Scalar(ir::Reg(0)), Ty::Int),
            }
        };
        if std::env::var_os("MINI_KERNEL_DUMP").is_some() {
            crate::stdio::write_stderr(&l.func.dump());
        }
        let params = self.inputs.iter().map(lookup).collect();
        let outputs = self.outputs.iter().map(lookup).collect();
        Ok(Compiled {
            func: l.func,
            params,
            outputs,
        })
    }

    fn compiled(&self, vals: &[Value]) -> PyResult<Arc<Compiled>> {
        let mut tys = Vec::with_capacity(vals.len());
        for (n, v) in self.inputs.iter().zip(vals) {
            let t = match self.cdefs.get(n) {
                Some(t) => *t,
                None => match Ty::of_value(v) {
                    Some(t) => t,
                    None => {
                        return Err(type_error(format!(
                            "Cannot convert Python object to a C value: '{n}' is a '{}' (line {}); kernels take int, float, bool and arrays",
                            v.type_name(),
                            self.line
                        )));
                    }
                },
            };
            tys.push(t);
        }
        if let Some((_, c)) = self.cache.lock().iter().find(|(t, _)| *t == tys) {
            return Ok(c.clone());
        }
        let c = Arc::new(self.lower(&tys).map_err(|e| {
            let line = self.env.0.names.map.line_of(e.span.start);
            type_error(format!("{} (line {line})", e.msg))
        })?);
        self.cache.lock().push((tys, c.clone()));
        Ok(c)
    }
}

impl NativeObject for Site {
    fn class(&self) -> &'static NativeClass {
        &SITE_CLASS
    }

    fn describe(&self) -> Option<String> {
        let what = match self.kind {
            SiteKind::Prange => "prange",
            SiteKind::Nogil => "nogil",
            SiteKind::Region => "parallel",
        };
        Some(format!("<kernel {what} at line {}>", self.line))
    }

    fn call(&self, vm: &mut Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(self.run(vm, &args.pos))
    }
}

impl Site {
    fn run(&self, vm: &mut Vm, vals: &[Value]) -> PyResult<Value> {
        if vals.len() != self.inputs.len() {
            return Err(type_error(format!(
                "kernel expected {} values, got {}",
                self.inputs.len(),
                vals.len()
            )));
        }
        let c = self.compiled(vals)?;
        let mut fr = bind_args(&c.func, &c.params, vals)?;
        fr.interrupt = Some(vm.eval_breaker.clone());
        let func = &c.func;
        let result = vm.allow_threads("kernel", || exec::run(func, 0, &mut fr, &TeamCtx::SERIAL));
        if let Err(e) = result {
            return Err(kerr_to_py(vm, &e));
        }
        let mut out = Vec::with_capacity(c.outputs.len());
        for (name, (loc, ty)) in self.outputs.iter().zip(&c.outputs) {
            out.push(match loc {
                ArgRef::Scalar(r) => types::to_value(*ty, fr.regs[r.0 as usize]),
                ArgRef::Array(s) => {
                    let view = &fr.arrs[s.0 as usize];
                    // The same array as went in: give back the same object.
                    match self.inputs.iter().position(|n| n == name) {
                        Some(i)
                            if vals[i].downcast::<NdArray>().is_some_and(|a| {
                                Arc::ptr_eq(&a.buf, &view.buf) && a.offset == view.offset
                            }) =>
                        {
                            vals[i].clone()
                        }
                        _ => view.to_array().into_value(),
                    }
                }
            });
        }
        Ok(Value::tuple(out))
    }
}

// --------------------------------------------------------------------------
// Cython: typed parameters and cdef declarations
// --------------------------------------------------------------------------

/// Converts a value to a declared C type (`def f(double[:] x, double a)`,
/// `cdef int n = ...`), with Cython's errors.
pub struct CConvert {
    pub ty: Ty,
    pub name: String,
}

pub static CCONVERT_CLASS: NativeClass = NativeClass {
    name: "cconvert",
    module: "cython",
    methods: &[],
    ctor: None,
};

impl NativeObject for CConvert {
    fn class(&self) -> &'static NativeClass {
        &CCONVERT_CLASS
    }

    fn describe(&self) -> Option<String> {
        Some(format!("<convert {} to {}>", self.name, self.ty.name()))
    }

    fn call(&self, _vm: &mut Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        let v = args.pos.first().cloned().unwrap_or(Value::None);
        Some(match self.ty {
            Ty::Arr(..) => {
                if matches!(v, Value::None) {
                    Ok(v)
                } else {
                    value_view(&v, self.ty).map(|_| v)
                }
            }
            Ty::Float => to_float(&v).map(Value::float),
            Ty::Int => match v {
                Value::Int(_) => Ok(v),
                Value::Bool(b) => Ok(Value::Int(b as i64)),
                Value::BigInt(_) => {
                    Err(overflow_error("Python int too large to convert to C long"))
                }
                Value::Float(_) => Err(type_error(
                    "'float' object cannot be interpreted as an integer",
                )),
                _ => Err(type_error(format!(
                    "an integer is required, not '{}'",
                    v.type_name()
                ))),
            },
            Ty::Bool => value_bits(&v, Ty::Bool).map(|b| Value::bool(b != 0)),
        })
    }
}

// --------------------------------------------------------------------------
// AST helpers
// --------------------------------------------------------------------------

/// Call `f` on every expression of `body` (top-level expressions of each
/// statement; `f` recurses itself via `visit_expr_children`).
pub fn visit_stmts(body: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in body {
        match &s.kind {
            StmtKind::Expr(e) => f(e),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(&mut *f);
                f(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                f(target);
                f(value);
            }
            StmtKind::AnnAssign { target, value, .. } => {
                f(target);
                if let Some(v) = value {
                    f(v);
                }
            }
            StmtKind::CDef { names, .. } => names
                .iter()
                .filter_map(|(_, v)| v.as_ref())
                .for_each(&mut *f),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                f(test);
                visit_stmts(body, f);
                visit_stmts(orelse, f);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                f(target);
                f(iter);
                visit_stmts(body, f);
                visit_stmts(orelse, f);
            }
            StmtKind::With { body, .. } => visit_stmts(body, f),
            StmtKind::Return(Some(e)) => f(e),
            _ => {}
        }
    }
}

pub fn visit_expr_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match &e.kind {
        ExprKind::Call(func, args) => {
            f(func);
            for a in args {
                match a {
                    Arg::Positional(x) | Arg::Keyword(_, x) | Arg::Star(x) | Arg::DoubleStar(x) => {
                        f(x)
                    }
                }
            }
        }
        ExprKind::Attribute(o, _) | ExprKind::Unary(_, o) | ExprKind::Starred(o) => f(o),
        ExprKind::Binary(a, _, b) | ExprKind::Subscript(a, b) => {
            f(a);
            f(b);
        }
        ExprKind::BoolOp(_, xs) | ExprKind::Tuple(xs) | ExprKind::List(xs) | ExprKind::Set(xs) => {
            xs.iter().for_each(f)
        }
        ExprKind::Compare(a, rest) => {
            f(a);
            rest.iter().for_each(|(_, x)| f(x));
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        _ => {}
    }
}

/// Find the `def` called `name` whose statement starts on `line` in a
/// parsed file (at any depth).
pub fn find_function(
    module: &Module,
    map: &SourceMap,
    name: &str,
    line: u32,
) -> Option<FunctionDef> {
    fn walk(body: &[Stmt], map: &SourceMap, name: &str, line: u32) -> Option<FunctionDef> {
        for s in body {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    if f.name == name && map.line_of(s.span.start) == line {
                        return Some((**f).clone());
                    }
                    if let Some(x) = walk(&f.body, map, name, line) {
                        return Some(x);
                    }
                }
                StmtKind::ClassDef(c) => {
                    if let Some(x) = walk(&c.body, map, name, line) {
                        return Some(x);
                    }
                }
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => {
                    if let Some(x) =
                        walk(body, map, name, line).or_else(|| walk(orelse, map, name, line))
                    {
                        return Some(x);
                    }
                }
                StmtKind::With { body, .. } => {
                    if let Some(x) = walk(body, map, name, line) {
                        return Some(x);
                    }
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    let mut all: Vec<&[Stmt]> = vec![body, orelse, finalbody];
                    all.extend(handlers.iter().map(|h| h.body.as_slice()));
                    for b in all {
                        if let Some(x) = walk(b, map, name, line) {
                            return Some(x);
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }
    walk(&module.body, map, name, line)
}

/// Run a compiled function with arguments already bound; the GIL released
/// when `nogil`.
pub fn call_func(vm: &mut Vm, func: &Func, fr: &mut Frame, nogil: bool) -> PyResult<exec::Ret> {
    fr.interrupt = Some(vm.eval_breaker.clone());
    let r = if nogil {
        vm.allow_threads("njit", || exec::run(func, 0, fr, &TeamCtx::SERIAL))
    } else {
        exec::run(func, 0, fr, &TeamCtx::SERIAL)
    };
    r.map_err(|e| kerr_to_py(vm, &e))
}
