//! AST → kernel IR.
//!
//! Lowering walks the statements of a `prange` loop, a `with nogil:` block
//! or an `@njit` function once, giving every variable one machine type and
//! a register (or an array slot), and emitting typed ops. Types come from
//! the arguments (Numba), `cdef` declarations (Cython, fixed) or the values
//! captured at run time; an assignment of a wider type widens the variable
//! as Numba unifies (`s = 0` then `s += A[i]` with float `A`: `s` is
//! float64) — lowering then starts again with the widened types, at most a
//! few rounds. Anything that needs a Python object is a [`KError`] at its
//! span, worded as Cython words it; `analyze_loop` (`compile/cython`)
//! finds reductions and lastprivates with Cython's rules.

use std::collections::HashMap;
use std::sync::Arc;

use super::ir::*;
use super::printf;
use super::types::Ty;
use crate::array::storage::DType;
use crate::syntax::ast::*;
use crate::syntax::source::SourceMap;

use crate::compile::cython::prange::{analyze_loop, prange_options};
use crate::compile::cython::rule;
pub use crate::compile::cython::{ErrKind, Flavor, KError};

type LResult<T> = Result<T, KError>;

fn gil_err<T>(msg: &str, hint: &str, span: Span) -> LResult<T> {
    Err(KError {
        msg: if hint.is_empty() {
            msg.to_string()
        } else {
            format!("{msg} ({hint})")
        },
        span,
        kind: ErrKind::Gil,
    })
}

fn typing<T>(msg: impl Into<String>, span: Span) -> LResult<T> {
    Err(KError {
        msg: msg.into(),
        span,
        kind: ErrKind::Typing,
    })
}

pub const PRINT_HINT: &str =
    "print() needs the GIL: use printf from libc.stdio, or a 'with gil:' block";
pub const CALL_HINT: &str =
    "a Python function needs the GIL: call it in a 'with gil:' block, or declare it 'nogil'";
pub const OBJECT_HINT: &str = "only int, float, bint and typed memoryviews exist without the GIL";

/// Another kernel a call can reach: an `@njit` dispatcher or a Cython
/// `nogil` function, compiled for the argument types on demand.
pub trait Callee: Send + Sync {
    fn compile(&self, args: &[Ty]) -> Result<Arc<Func>, String>;
}

/// What a global name means to a kernel.
#[derive(Clone)]
pub enum Global {
    /// A module (`math`, `np`, `openmp`, `libc.math`…), by its full name.
    Module(String),
    /// A function of a module: (module, name).
    Func(String, String),
    Kernel(Arc<dyn Callee>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Some other Python object.
    Object,
}

/// How a kernel resolves names that are not its variables.
pub trait Env {
    fn global(&self, name: &str) -> Option<Global>;
}

#[derive(Clone, Copy, Debug)]
enum Loc {
    R(Reg),
    A(Slot),
}

#[derive(Clone, Copy, Debug)]
struct Var {
    ty: Ty,
    loc: Loc,
    /// Declared by `cdef`: assignments convert to this type.
    fixed: bool,
}

/// A lowered value.
#[derive(Clone, Copy, Debug)]
enum V {
    S(Ty, Reg),
    A(DType, u8, Slot),
}

impl V {
    fn ty(self) -> Ty {
        match self {
            V::S(t, _) => t,
            V::A(d, n, _) => Ty::Arr(d, n),
        }
    }
}

struct LoopLabels {
    breaks: Vec<usize>,
    conts: Vec<usize>,
}

/// What the lowering of an entry point starts from.
pub struct Entry<'a> {
    pub name: String,
    /// Parameters in order: name, type, fixed (`cdef`-typed).
    pub params: Vec<(String, Ty, bool)>,
    /// Other `cdef` declarations visible to the body (Cython).
    pub cdefs: HashMap<String, Ty>,
    pub body: &'a [Stmt],
    /// Numba `parallel=True` / Cython (prange is a team loop).
    pub parallel: bool,
}

/// The result: the function and where each variable lives.
pub struct Lowered {
    pub func: Func,
    /// Variables: type, register or slot (`Err` slot index for arrays).
    pub vars: HashMap<String, (Ty, ArgRef)>,
    /// Did any prange loop or parallel region get lowered?
    pub has_parallel: bool,
}

/// Lower an entry point, widening variable types until they are stable.
pub fn lower(flavor: Flavor, env: &dyn Env, map: &SourceMap, entry: &Entry) -> LResult<Lowered> {
    let mut hints: HashMap<String, Ty> = HashMap::new();
    let mut ret_hint: Option<Ty> = None;
    for _round in 0..8 {
        let mut l = Lower::new(flavor, env, map, entry, hints.clone(), ret_hint);
        l.run(entry)?;
        if !l.widened {
            let vars = l
                .vars
                .iter()
                .map(|(k, v)| {
                    let r = match v.loc {
                        Loc::R(r) => ArgRef::Scalar(r),
                        Loc::A(s) => ArgRef::Array(s),
                    };
                    (k.clone(), (v.ty, r))
                })
                .collect();
            let mut func = l.func;
            func.nregs = l.nregs as usize;
            func.nslots = l.nslots as usize;
            func.ret = l.ret_ty;
            return Ok(Lowered {
                func,
                vars,
                has_parallel: l.has_parallel,
            });
        }
        hints = l.hints;
        ret_hint = l.ret_ty;
    }
    typing(
        "cannot unify the types of the kernel's variables",
        entry.body.first().map_or(Span::default(), |s| s.span),
    )
}

struct Lower<'a> {
    flavor: Flavor,
    env: &'a dyn Env,
    map: &'a SourceMap,
    func: Func,
    block: usize,
    vars: HashMap<String, Var>,
    cdefs: HashMap<String, Ty>,
    hints: HashMap<String, Ty>,
    widened: bool,
    nregs: u32,
    nslots: u32,
    loops: Vec<LoopLabels>,
    ret_ty: Option<Ty>,
    parallel: bool,
    /// prange loops being lowered (a nested one is sequential).
    par_depth: u32,
    has_parallel: bool,
    /// Inside `with gil:` (print allowed).
    with_gil: bool,
    /// Registers that hold variables (never retargeted by `mov_into`).
    var_regs: std::collections::HashSet<u32>,
    /// Positions some jump lands on: (block, op index).
    labels: std::collections::HashSet<(usize, u32)>,
    /// Assigning one value to several targets: no retargeting.
    no_fuse: bool,
}

impl<'a> Lower<'a> {
    fn new(
        flavor: Flavor,
        env: &'a dyn Env,
        map: &'a SourceMap,
        entry: &Entry,
        hints: HashMap<String, Ty>,
        ret_hint: Option<Ty>,
    ) -> Lower<'a> {
        Lower {
            flavor,
            env,
            map,
            func: Func {
                name: entry.name.clone(),
                blocks: vec![Block::default()],
                ..Func::default()
            },
            block: 0,
            vars: HashMap::new(),
            cdefs: entry.cdefs.clone(),
            hints,
            widened: false,
            nregs: 0,
            nslots: 0,
            loops: Vec::new(),
            ret_ty: ret_hint,
            parallel: entry.parallel,
            par_depth: 0,
            has_parallel: false,
            with_gil: false,
            var_regs: Default::default(),
            labels: Default::default(),
            no_fuse: false,
        }
    }

    fn run(&mut self, entry: &Entry) -> LResult<()> {
        for (name, ty, fixed) in &entry.params {
            let ty = if *fixed {
                *ty
            } else {
                self.hints.get(name).copied().unwrap_or(*ty)
            };
            let loc = self.alloc(ty);
            self.vars.insert(
                name.clone(),
                Var {
                    ty,
                    loc,
                    fixed: *fixed,
                },
            );
            self.func.params.push(match loc {
                Loc::R(r) => ArgRef::Scalar(r),
                Loc::A(s) => ArgRef::Array(s),
            });
        }
        self.stmts(entry.body)?;
        let span = entry.body.last().map_or(Span::default(), |s| s.span);
        self.emit(Op::End, span);
        Ok(())
    }

    // ------------------------------------------------------------ emitting

    fn line(&self, span: Span) -> u32 {
        self.map.line_of(span.start)
    }

    fn emit(&mut self, op: Op, span: Span) -> usize {
        let line = self.line(span);
        let b = &mut self.func.blocks[self.block];
        b.ops.push(op);
        b.lines.push(line);
        b.ops.len() - 1
    }

    fn here(&mut self) -> Label {
        let pos = self.func.blocks[self.block].ops.len() as u32;
        self.labels.insert((self.block, pos));
        Label(pos)
    }

    /// `if !c goto ?` (patched later); when `c` is a comparison the previous
    /// op just computed, one fused compare-and-branch op instead.
    fn jump_if_not(&mut self, c: Reg, span: Span) -> usize {
        let pos = self.func.blocks[self.block].ops.len() as u32;
        let fusable = !self.var_regs.contains(&c.0) && !self.labels.contains(&(self.block, pos));
        if fusable && let Some(last) = self.func.blocks[self.block].ops.last_mut() {
            let fused = match *last {
                Op::ICmp(cmp, d, a, b) if d == c => Some(Op::BrICmp(cmp, a, b, Label(0))),
                Op::FCmp(cmp, d, a, b) if d == c => Some(Op::BrFCmp(cmp, a, b, Label(0))),
                _ => None,
            };
            if let Some(op) = fused {
                *last = op;
                return pos as usize - 1;
            }
        }
        self.emit(Op::JumpIfNot(c, Label(0)), span)
    }

    /// `d := r` for an assignment: when `r` is a temporary the previous op
    /// just computed, that op writes `d` instead (`s = s + x` is one op).
    fn mov_into(&mut self, d: Reg, r: Reg, span: Span) {
        if d == r {
            return;
        }
        let pos = self.func.blocks[self.block].ops.len() as u32;
        if !self.no_fuse
            && !self.var_regs.contains(&r.0)
            && !self.labels.contains(&(self.block, pos))
            && let Some(last) = self.func.blocks[self.block].ops.last_mut()
            && let Some(dst) = dest_mut(last)
            && *dst == r
        {
            *dst = d;
            return;
        }
        self.emit(Op::Mov(d, r), span);
    }

    fn patch(&mut self, at: usize, to: Label) {
        match &mut self.func.blocks[self.block].ops[at] {
            Op::Jump(l) | Op::JumpIfNot(_, l) | Op::BrICmp(_, _, _, l) | Op::BrFCmp(_, _, _, l) => {
                *l = to
            }
            Op::LoopTest { exit, .. } => *exit = to,
            _ => {}
        }
    }

    fn reg(&mut self) -> Reg {
        self.nregs += 1;
        Reg(self.nregs - 1)
    }

    fn slot(&mut self) -> Slot {
        self.nslots += 1;
        Slot(self.nslots - 1)
    }

    fn alloc(&mut self, ty: Ty) -> Loc {
        if ty.is_array() {
            Loc::A(self.slot())
        } else {
            let r = self.reg();
            self.var_regs.insert(r.0);
            Loc::R(r)
        }
    }

    fn konst(&mut self, ty: Ty, bits: u64, span: Span) -> V {
        let r = self.reg();
        self.emit(Op::Const(r, bits), span);
        V::S(ty, r)
    }

    fn int_const(&mut self, i: i64, span: Span) -> Reg {
        match self.konst(Ty::Int, i as u64, span) {
            V::S(_, r) => r,
            V::A(..) => Reg(0),
        }
    }

    /// `v` converted to scalar type `to`.
    fn convert(&mut self, v: V, to: Ty, span: Span) -> LResult<Reg> {
        let V::S(from, r) = v else {
            return typing(
                format!("cannot convert {} to {}", v.ty().name(), to.name()),
                span,
            );
        };
        if from == to {
            return Ok(r);
        }
        let d = self.reg();
        let op = match (from, to) {
            (Ty::Int | Ty::Bool, Ty::Float) => Op::IToF(d, r),
            (Ty::Float, Ty::Int) => Op::FToI(d, r),
            (Ty::Bool, Ty::Int) => Op::Mov(d, r),
            (Ty::Int, Ty::Bool) => Op::IToB(d, r),
            (Ty::Float, Ty::Bool) => Op::FToB(d, r),
            _ => {
                return typing(
                    format!("cannot convert {} to {}", from.name(), to.name()),
                    span,
                );
            }
        };
        self.emit(op, span);
        Ok(d)
    }

    fn scalar(&mut self, e: &Expr) -> LResult<(Ty, Reg)> {
        match self.expr(e)? {
            V::S(t, r) => Ok((t, r)),
            v => typing(
                format!("an array ({}) is not allowed here", v.ty().name()),
                e.span,
            ),
        }
    }

    fn as_int(&mut self, e: &Expr) -> LResult<Reg> {
        let (t, r) = self.scalar(e)?;
        if t == Ty::Float {
            return typing(
                "array indices and ranges must be integers, not float64",
                e.span,
            );
        }
        Ok(r)
    }

    fn truth(&mut self, e: &Expr) -> LResult<Reg> {
        let v = self.expr(e)?;
        self.convert(v, Ty::Bool, e.span)
    }

    fn object_error<T>(&self, what: &str, span: Span) -> LResult<T> {
        match self.flavor {
            Flavor::Cython => gil_err(
                "Converting to Python object not allowed without gil",
                OBJECT_HINT,
                span,
            ),
            Flavor::Numba => typing(format!("{what} is not supported in nopython mode"), span),
        }
    }

    // ---------------------------------------------------------- variables

    fn declared_ty(&self, name: &str) -> Option<Ty> {
        self.cdefs.get(name).copied()
    }

    /// Assign `v` to variable `name`, creating or widening it.
    fn assign_var(&mut self, name: &str, v: V, span: Span) -> LResult<()> {
        if !self.vars.contains_key(name) {
            let (ty, fixed) = match self.declared_ty(name) {
                Some(t) => (t, true),
                None => {
                    let t = v.ty();
                    let t = match self.hints.get(name) {
                        Some(h) => h.unify(t).unwrap_or(t),
                        None => t,
                    };
                    (t, false)
                }
            };
            let loc = self.alloc(ty);
            self.vars.insert(name.to_string(), Var { ty, loc, fixed });
        }
        let var = self.vars[name];
        match (var.loc, v) {
            (Loc::A(d), V::A(dt, nd, s)) => {
                if var.ty != Ty::Arr(dt, nd) {
                    return typing(
                        format!(
                            "cannot unify {} and {} for '{name}'",
                            var.ty.name(),
                            v.ty().name()
                        ),
                        span,
                    );
                }
                self.emit(Op::AMov(d, s), span);
            }
            (Loc::R(d), V::S(t, _)) => {
                if !var.fixed && t != var.ty {
                    match var.ty.unify(t) {
                        Some(w) if w != var.ty => {
                            self.hints.insert(name.to_string(), w);
                            self.widened = true;
                        }
                        Some(_) => {}
                        None => {
                            return typing(
                                format!(
                                    "cannot unify {} and {} for '{name}'",
                                    var.ty.name(),
                                    t.name()
                                ),
                                span,
                            );
                        }
                    }
                }
                let r = if var.ty == Ty::Bool && t != Ty::Bool && !var.fixed {
                    // Widening pending: keep going with a cast.
                    self.convert(v, Ty::Bool, span)?
                } else {
                    self.convert(v, var.ty, span)?
                };
                self.mov_into(d, r, span);
            }
            _ => {
                return typing(
                    format!(
                        "cannot unify {} and {} for '{name}'",
                        var.ty.name(),
                        v.ty().name()
                    ),
                    span,
                );
            }
        }
        Ok(())
    }

    fn load_var(&mut self, name: &str, span: Span) -> LResult<V> {
        if let Some(var) = self.vars.get(name) {
            return Ok(match (var.loc, var.ty) {
                (Loc::R(r), t) => V::S(t, r),
                (Loc::A(s), Ty::Arr(d, n)) => V::A(d, n, s),
                (Loc::A(s), _) => V::A(DType::Float64, 1, s),
            });
        }
        match self.env.global(name) {
            Some(Global::Int(i)) => Ok(self.konst(Ty::Int, i as u64, span)),
            Some(Global::Float(f)) => Ok(self.konst(Ty::Float, f.to_bits(), span)),
            Some(Global::Bool(b)) => Ok(self.konst(Ty::Bool, b as u64, span)),
            Some(Global::Object) | Some(Global::Module(_)) | Some(Global::Func(..)) => {
                self.object_error(&format!("the global '{name}'"), span)
            }
            Some(Global::Kernel(_)) => {
                self.object_error(&format!("the function '{name}' as a value"), span)
            }
            None => match self.flavor {
                Flavor::Numba => typing(format!("NameError: name '{name}' is not defined"), span),
                Flavor::Cython => typing(
                    format!("local variable '{name}' referenced before assignment"),
                    span,
                ),
            },
        }
    }

    // --------------------------------------------------------- statements

    fn stmts(&mut self, body: &[Stmt]) -> LResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> LResult<()> {
        let span = s.span;
        match &s.kind {
            StmtKind::Expr(e) => {
                if matches!(e.kind, ExprKind::Const(Constant::Str(_))) {
                    return Ok(()); // a docstring
                }
                self.call_stmt(e)
            }
            StmtKind::Pass => Ok(()),
            StmtKind::Assign { targets, value } => {
                if let ExprKind::Tuple(vals) = &value.kind {
                    // `a, b = b, a`: every value first, then the stores.
                    let vs: Vec<V> = vals
                        .iter()
                        .map(|v| self.copy_of(v))
                        .collect::<LResult<_>>()?;
                    for t in targets {
                        let (ExprKind::Tuple(ts) | ExprKind::List(ts)) = &t.kind else {
                            return self.object_error("a tuple", value.span);
                        };
                        if ts.len() != vs.len() {
                            return typing("wrong number of values to unpack", span);
                        }
                        for (t, v) in ts.iter().zip(&vs) {
                            self.store(t, *v, span)?;
                        }
                    }
                    return Ok(());
                }
                let v = self.expr(value)?;
                let saved = self.no_fuse;
                self.no_fuse = targets.len() > 1;
                let r = targets.iter().try_for_each(|t| self.store(t, v, span));
                self.no_fuse = saved;
                r
            }
            StmtKind::AnnAssign { target, value, .. } => match value {
                Some(v) => {
                    let v = self.expr(v)?;
                    self.store(target, v, span)
                }
                None => Ok(()),
            },
            StmtKind::CDef { ctype, names } => {
                let Some(ty) = super::types::ctype_ty(&ctype.base, ctype.dims) else {
                    return self.object_error(&format!("the type '{}'", ctype.base), span);
                };
                for (n, v) in names {
                    self.cdefs.insert(n.clone(), ty);
                    if let Some(v) = v {
                        let v = self.expr(v)?;
                        self.assign_var(n, v, span)?;
                    } else if !self.vars.contains_key(n) && !ty.is_array() {
                        let z = self.konst(ty, 0, span);
                        self.assign_var(n, z, span)?;
                    }
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                let cur = self.expr(target)?;
                let v = self.expr(value)?;
                let r = self.binop(cur, *op, v, span)?;
                self.store(target, r, span)
            }
            StmtKind::If { test, body, orelse } => {
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                self.stmts(body)?;
                if orelse.is_empty() {
                    let l = self.here();
                    self.patch(jf, l);
                } else {
                    let je = self.emit(Op::Jump(Label(0)), span);
                    let l = self.here();
                    self.patch(jf, l);
                    self.stmts(orelse)?;
                    let l = self.here();
                    self.patch(je, l);
                }
                Ok(())
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.here();
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                self.loops.push(LoopLabels {
                    breaks: Vec::new(),
                    conts: Vec::new(),
                });
                self.stmts(body)?;
                self.emit(Op::Jump(top), span);
                let labels = self.loops.pop().unwrap_or(LoopLabels {
                    breaks: vec![],
                    conts: vec![],
                });
                let l = self.here();
                self.patch(jf, l);
                self.stmts(orelse)?;
                let end = self.here();
                for b in labels.breaks {
                    self.patch(b, end);
                }
                for c in labels.conts {
                    self.patch(c, top);
                }
                Ok(())
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_stmt(target, iter, body, orelse, span),
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let at = self.emit(Op::Jump(Label(0)), span);
                match self.loops.last_mut() {
                    Some(l) if is_break => l.breaks.push(at),
                    Some(l) => l.conts.push(at),
                    None => {
                        return rule(
                            if is_break {
                                "break is not allowed directly in a prange loop body"
                            } else {
                                "continue is not allowed directly in a prange loop body"
                            },
                            span,
                        );
                    }
                }
                Ok(())
            }
            StmtKind::Return(v) => {
                if self.par_depth > 0 {
                    return rule("return is not allowed in a prange loop body", span);
                }
                match v {
                    None => {
                        self.emit(Op::End, span);
                    }
                    Some(e) => {
                        let v = self.expr(e)?;
                        match v {
                            V::A(_, _, s) => {
                                self.ret_ty = Some(v.ty());
                                self.emit(Op::RetArr(s), span);
                            }
                            V::S(t, _) => {
                                let want = match self.ret_ty {
                                    None => t,
                                    Some(r) => match r.unify(t) {
                                        Some(w) => w,
                                        None => {
                                            return typing(
                                                format!(
                                                    "cannot unify return types {} and {}",
                                                    r.name(),
                                                    t.name()
                                                ),
                                                span,
                                            );
                                        }
                                    },
                                };
                                if Some(want) != self.ret_ty {
                                    if self.ret_ty.is_some() {
                                        self.widened = true;
                                    }
                                    self.ret_ty = Some(want);
                                }
                                let r = self.convert(v, want, span)?;
                                self.emit(Op::Ret(r), span);
                            }
                        }
                    }
                }
                Ok(())
            }
            StmtKind::With { items, body } => self.with_stmt(items, body, span),
            StmtKind::Assert { test, msg } => {
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                let je = self.emit(Op::Jump(Label(0)), span);
                let l = self.here();
                self.patch(jf, l);
                let text = match msg.as_ref().map(|m| &m.kind) {
                    Some(ExprKind::Const(Constant::Str(s))) => s.clone(),
                    _ => String::new(),
                };
                self.func.raises.push(("AssertionError", text));
                let k = self.func.raises.len() as u32 - 1;
                self.emit(Op::Raise(k), span);
                let l = self.here();
                self.patch(je, l);
                Ok(())
            }
            StmtKind::Raise { exc: Some(e), .. } => {
                let (name, args) = match &e.kind {
                    ExprKind::Call(f, args) => (&**f, args.as_slice()),
                    _ => (e, &[][..]),
                };
                let ExprKind::Name(n) = &name.kind else {
                    return self.object_error("raise", span);
                };
                let class = match n.as_str() {
                    "ValueError" => "ValueError",
                    "IndexError" => "IndexError",
                    "ZeroDivisionError" => "ZeroDivisionError",
                    "RuntimeError" => "RuntimeError",
                    "AssertionError" => "AssertionError",
                    "TypeError" => "TypeError",
                    "OverflowError" => "OverflowError",
                    _ => "Exception",
                };
                let text = match args.first() {
                    Some(Arg::Positional(Expr {
                        kind: ExprKind::Const(Constant::Str(s)),
                        ..
                    })) => s.clone(),
                    _ => String::new(),
                };
                self.func.raises.push((class, text));
                let k = self.func.raises.len() as u32 - 1;
                self.emit(Op::Raise(k), span);
                Ok(())
            }
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => {
                self.object_error("defining a function or class", span)
            }
            StmtKind::Import { .. } | StmtKind::ImportFrom { .. } => match self.flavor {
                Flavor::Cython => gil_err(
                    "Operation not allowed without gil",
                    "import needs the GIL",
                    span,
                ),
                Flavor::Numba => typing("import is not supported in nopython mode", span),
            },
            StmtKind::Try { .. } => match self.flavor {
                Flavor::Cython => gil_err(
                    "Operation not allowed without gil",
                    "try/except needs the GIL: use a 'with gil:' block",
                    span,
                ),
                Flavor::Numba => typing("try/except is not supported in kernels", span),
            },
            _ => self.object_error("this statement", span),
        }
    }

    /// A value that later stores will not change (for tuple assignment).
    fn copy_of(&mut self, e: &Expr) -> LResult<V> {
        let v = self.expr(e)?;
        Ok(match v {
            V::S(t, r) => {
                let d = self.reg();
                self.emit(Op::Mov(d, r), e.span);
                V::S(t, d)
            }
            a => a,
        })
    }

    fn store(&mut self, target: &Expr, v: V, span: Span) -> LResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.assign_var(n, v, span),
            ExprKind::Subscript(base, idx) => {
                let (dt, nd, slot, idxs) = self.element(base, idx)?;
                let r = self.convert(v, Ty::of_dtype(dt), span)?;
                match (nd, idxs.as_slice()) {
                    (1, [i]) => {
                        self.emit(Op::Store1(slot, *i, r), span);
                    }
                    (2, [i, j]) => {
                        self.emit(Op::Store2(slot, *i, *j, r), span);
                    }
                    _ => return typing("array assignment needs one index per dimension", span),
                }
                Ok(())
            }
            ExprKind::Attribute(..) => match self.flavor {
                Flavor::Cython => gil_err(
                    "Assignment to Python attribute not allowed without gil",
                    OBJECT_HINT,
                    span,
                ),
                Flavor::Numba => typing("attribute assignment is not supported", span),
            },
            _ => self.object_error("this assignment target", span),
        }
    }

    /// `base[idx]`: the array and one index register per dimension
    /// (`a[i, j]` and `a[i][j]` both name an element of a 2-D array).
    fn element(&mut self, base: &Expr, idx: &Expr) -> LResult<(DType, u8, Slot, Vec<Reg>)> {
        if let ExprKind::Subscript(inner, i0) = &base.kind
            && !matches!(i0.kind, ExprKind::Tuple(_))
        {
            let v = self.expr(inner)?;
            if let V::A(dt, 2, s) = v {
                let i = self.as_int(i0)?;
                let j = self.as_int(idx)?;
                return Ok((dt, 2, s, vec![i, j]));
            }
        }
        let v = self.expr(base)?;
        let V::A(dt, nd, s) = v else {
            return typing(
                format!("'{}' object is not subscriptable", v.ty().name()),
                base.span,
            );
        };
        let idxs = match &idx.kind {
            ExprKind::Tuple(items) => items
                .iter()
                .map(|i| self.as_int(i))
                .collect::<LResult<Vec<_>>>()?,
            ExprKind::Slice(..) => {
                return typing("slices are not supported in kernels", idx.span);
            }
            _ => vec![self.as_int(idx)?],
        };
        if idxs.len() != nd as usize {
            return typing(
                format!("a {nd}-D array needs {nd} indices here, got {}", idxs.len()),
                idx.span,
            );
        }
        Ok((dt, nd, s, idxs))
    }

    fn with_stmt(&mut self, items: &[WithItem], body: &[Stmt], span: Span) -> LResult<()> {
        let mut nogil = false;
        let mut gil = false;
        let mut parallel: Option<&[Arg]> = None;
        for it in items {
            match &it.context.kind {
                ExprKind::Name(n) if n == "nogil" => nogil = true,
                ExprKind::Name(n) if n == "gil" => gil = true,
                ExprKind::Call(f, args) if matches!(&f.kind, ExprKind::Name(n) if n == "parallel") => {
                    parallel = Some(args)
                }
                _ => return self.object_error("a 'with' statement", span),
            }
        }
        let _ = nogil;
        if gil {
            let saved = self.with_gil;
            self.with_gil = true;
            let r = self.gil_block(body);
            self.with_gil = saved;
            return r;
        }
        if let Some(args) = parallel {
            let mut num_threads = None;
            for a in args {
                match a {
                    Arg::Keyword(k, v) if k == "num_threads" => num_threads = Some(self.as_int(v)?),
                    _ => return rule("parallel() takes only num_threads=", span),
                }
            }
            if self.par_depth > 0 {
                return self.stmts(body);
            }
            let outer = self.block;
            self.func.blocks.push(Block::default());
            self.block = self.func.blocks.len() - 1;
            let bidx = self.block;
            self.loops_guard(|l| l.stmts(body))?;
            self.emit(Op::End, span);
            self.block = outer;
            self.func.regions.push(ParRegion {
                body: bidx,
                num_threads,
            });
            self.has_parallel = true;
            let k = self.func.regions.len() as u32 - 1;
            self.emit(Op::Region(k), span);
            return Ok(());
        }
        self.stmts(body)
    }

    /// Lower `f` with no enclosing loop (a team body cannot `break` out).
    fn loops_guard(&mut self, f: impl FnOnce(&mut Self) -> LResult<()>) -> LResult<()> {
        let saved = std::mem::take(&mut self.loops);
        self.par_depth += 1;
        let r = f(self);
        self.par_depth -= 1;
        self.loops = saved;
        r
    }

    /// `with gil:` inside a kernel: only `print(...)` of kernel values.
    fn gil_block(&mut self, body: &[Stmt]) -> LResult<()> {
        for s in body {
            match &s.kind {
                StmtKind::Expr(e) if self.is_print(e) => self.call_stmt(e)?,
                StmtKind::Pass => {}
                _ => {
                    return gil_err(
                        "Operation not supported in a kernel's 'with gil:' block",
                        "mini runs only print() there",
                        s.span,
                    );
                }
            }
        }
        Ok(())
    }

    fn is_print(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Call(f, _) if matches!(&f.kind, ExprKind::Name(n) if n == "print"))
    }

    fn call_stmt(&mut self, e: &Expr) -> LResult<()> {
        match &e.kind {
            ExprKind::Call(..) => self.call(e, true).map(|_| ()),
            _ => self.expr(e).map(|_| ()),
        }
    }

    // --------------------------------------------------------------- loops

    fn range_args(&mut self, args: &[Arg], span: Span) -> LResult<(Reg, Reg, Reg)> {
        let pos: Vec<&Expr> = args
            .iter()
            .filter_map(|a| match a {
                Arg::Positional(e) => Some(e),
                _ => None,
            })
            .collect();
        let mut regs = Vec::new();
        for e in &pos {
            regs.push(self.as_int(e)?);
        }
        Ok(match regs.as_slice() {
            [stop] => (self.int_const(0, span), *stop, self.int_const(1, span)),
            [a, b] => (*a, *b, self.int_const(1, span)),
            [a, b, c] => (*a, *b, *c),
            _ => {
                return typing(
                    format!("range expected 1 to 3 arguments, got {}", regs.len()),
                    span,
                );
            }
        })
    }

    fn iter_kind<'e>(&self, iter: &'e Expr) -> Option<(&'static str, &'e [Arg])> {
        let ExprKind::Call(f, args) = &iter.kind else {
            return None;
        };
        let name = match &f.kind {
            ExprKind::Name(n) => match self.env.global(n) {
                Some(Global::Func(_, fname)) if fname == "prange" => "prange",
                Some(Global::Func(m, fname)) if fname == "range" && m == "builtins" => "range",
                None | Some(Global::Object) if n == "range" => "range",
                Some(Global::Func(_, fname)) if fname == "range" => "range",
                _ => return None,
            },
            ExprKind::Attribute(m, attr) if attr == "prange" => match &m.kind {
                ExprKind::Name(mn) if matches!(self.env.global(mn), Some(Global::Module(_))) => {
                    "prange"
                }
                _ => return None,
            },
            _ => return None,
        };
        Some((name, args.as_slice()))
    }

    fn for_stmt(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        let ExprKind::Name(var) = &target.kind else {
            return self.object_error("unpacking in a for loop", target.span);
        };
        match self.iter_kind(iter) {
            Some(("prange", args)) if self.parallel && self.par_depth == 0 => {
                self.prange(var, args, body, iter.span, span)
            }
            Some((_, args)) => {
                let args: Vec<Arg> = args
                    .iter()
                    .filter(|a| matches!(a, Arg::Positional(_)))
                    .cloned()
                    .collect();
                let (start, stop, step) = self.range_args(&args, iter.span)?;
                self.counted_loop(var, start, stop, step, body, orelse, span)
            }
            None => {
                // `for x in A` over a 1-D array (Numba).
                let v = self.expr(iter)?;
                let V::A(dt, 1, slot) = v else {
                    return self.object_error("iterating over this object", iter.span);
                };
                let start = self.int_const(0, span);
                let stop = self.reg();
                self.emit(Op::Shape(stop, slot, 0), span);
                let step = self.int_const(1, span);
                let i = self.reg();
                self.emit(Op::Mov(i, start), span);
                let test = self.emit(
                    Op::LoopTest {
                        i,
                        stop,
                        step,
                        exit: Label(0),
                    },
                    span,
                );
                let top = self.here();
                let x = self.reg();
                self.emit(Op::Load1(x, slot, i), span);
                self.assign_var(var, V::S(Ty::of_dtype(dt), x), span)?;
                self.loop_body(body, i, stop, step, top, test, orelse, span)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn counted_loop(
        &mut self,
        var: &str,
        start: Reg,
        stop: Reg,
        step: Reg,
        body: &[Stmt],
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        let i = self.reg();
        self.emit(Op::Mov(i, start), span);
        let stop_c = self.reg();
        self.emit(Op::Mov(stop_c, stop), span);
        let step_c = self.reg();
        self.emit(Op::Mov(step_c, step), span);
        let test = self.emit(
            Op::LoopTest {
                i,
                stop: stop_c,
                step: step_c,
                exit: Label(0),
            },
            span,
        );
        let top = self.here();
        self.assign_var(var, V::S(Ty::Int, i), span)?;
        self.loop_body(body, i, stop_c, step_c, top, test, orelse, span)
    }

    #[allow(clippy::too_many_arguments)]
    fn loop_body(
        &mut self,
        body: &[Stmt],
        i: Reg,
        stop: Reg,
        step: Reg,
        top: Label,
        test: usize,
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        self.loops.push(LoopLabels {
            breaks: Vec::new(),
            conts: Vec::new(),
        });
        self.stmts(body)?;
        let cont = self.here();
        self.emit(
            Op::LoopNext {
                i,
                stop,
                step,
                to: top,
            },
            span,
        );
        let labels = self.loops.pop().unwrap_or(LoopLabels {
            breaks: vec![],
            conts: vec![],
        });
        let l = self.here();
        self.patch(test, l);
        self.stmts(orelse)?;
        let end = self.here();
        for b in labels.breaks {
            self.patch(b, end);
        }
        for c in labels.conts {
            self.patch(c, cont);
        }
        Ok(())
    }

    fn prange(
        &mut self,
        var: &str,
        args: &[Arg],
        body: &[Stmt],
        call_span: Span,
        span: Span,
    ) -> LResult<()> {
        let opts = prange_options(args, call_span)?;
        let pos: Vec<Arg> = opts
            .positional
            .iter()
            .map(|e| Arg::Positional((*e).clone()))
            .collect();
        let (start, stop, step) = self.range_args(&pos, call_span)?;
        let chunk = opts.chunksize.map(|e| self.as_int(e)).transpose()?;
        let num_threads = opts.num_threads.map(|e| self.as_int(e)).transpose()?;
        let use_threads_if = opts.use_threads_if.map(|e| self.truth(e)).transpose()?;
        let analysis = analyze_loop(body, var, self.flavor)?;
        // The index and the reduction variables must exist before the team
        // copies the frame.
        if !self.vars.contains_key(var) {
            let z = self.konst(Ty::Int, 0, span);
            self.assign_var(var, z, span)?;
        }
        let mut reductions = Vec::new();
        for (name, op, rspan) in &analysis.reductions {
            if !self.vars.contains_key(name) {
                return typing(
                    format!("reduction variable '{name}' is not initialised before the loop"),
                    *rspan,
                );
            }
            // Type the variable by one pass over its update first: `s = 0`
            // then `s += A[i]` with float A makes s float64 (Numba's rule).
            let var_ty = self.vars[name].ty;
            reductions.push((name.clone(), *op, var_ty));
        }
        let index = match self.vars[var].loc {
            Loc::R(r) => r,
            Loc::A(_) => return typing("the prange index must be an integer", span),
        };
        // The body block runs one chunk: `index` from the chunk's first
        // value while before `chunk_end` (a worker sets both), so the team
        // enters the executor once per chunk, not once per iteration.
        let chunk_end = self.reg();
        let outer = self.block;
        self.func.blocks.push(Block::default());
        self.block = self.func.blocks.len() - 1;
        let bidx = self.block;
        let top = self.here();
        let mut conts = Vec::new();
        self.loops_guard(|l| {
            l.loops.push(LoopLabels {
                breaks: Vec::new(),
                conts: Vec::new(),
            });
            l.stmts(body)?;
            let labels = l.loops.pop().unwrap_or(LoopLabels {
                breaks: vec![],
                conts: vec![],
            });
            if !labels.breaks.is_empty() {
                return rule("break is not supported in a prange loop body by mini", span);
            }
            conts = labels.conts;
            Ok(())
        })?;
        let cont = self.here();
        for c in conts {
            self.patch(c, cont);
        }
        self.emit(
            Op::LoopNext {
                i: index,
                stop: chunk_end,
                step,
                to: top,
            },
            span,
        );
        self.emit(Op::End, span);
        self.block = outer;
        let mut lastprivate = Vec::new();
        let mut lastprivate_arrays = Vec::new();
        for name in &analysis.assigned {
            if name == var {
                continue;
            }
            match self.vars.get(name).map(|v| v.loc) {
                Some(Loc::R(r)) => lastprivate.push(r),
                Some(Loc::A(s)) => lastprivate_arrays.push(s),
                None => {}
            }
        }
        let reductions = reductions
            .into_iter()
            .map(|(name, op, _)| {
                let v = self.vars[&name];
                match v.loc {
                    Loc::R(reg) => Ok(Reduction { reg, op, ty: v.ty }),
                    Loc::A(_) => typing(format!("cannot reduce the array '{name}'"), span),
                }
            })
            .collect::<LResult<Vec<_>>>()?;
        let line = self.line(span);
        self.func.loops.push(ParLoop {
            body: bidx,
            index,
            chunk_end,
            start,
            stop,
            step,
            schedule: opts.schedule,
            chunk,
            num_threads,
            use_threads_if,
            reductions,
            lastprivate,
            lastprivate_arrays,
            line,
        });
        self.has_parallel = true;
        let k = self.func.loops.len() as u32 - 1;
        self.emit(Op::ParFor(k), span);
        Ok(())
    }

    // --------------------------------------------------------- expressions

    fn expr(&mut self, e: &Expr) -> LResult<V> {
        let span = e.span;
        match &e.kind {
            ExprKind::Const(c) => match c {
                Constant::Int(i) => Ok(self.konst(Ty::Int, *i as u64, span)),
                Constant::Float(f) => Ok(self.konst(Ty::Float, f.to_bits(), span)),
                Constant::True => Ok(self.konst(Ty::Bool, 1, span)),
                Constant::False => Ok(self.konst(Ty::Bool, 0, span)),
                Constant::BigInt(_) => match self.flavor {
                    Flavor::Numba => typing("integer literal too large for int64", span),
                    Flavor::Cython => self.object_error("a big integer", span),
                },
                _ => self.object_error("this constant", span),
            },
            ExprKind::Name(n) => self.load_var(n, span),
            ExprKind::Unary(op, x) => {
                let (t, r) = self.scalar(x)?;
                let d = self.reg();
                match (op, t) {
                    (UnaryOp::Not, _) => {
                        let b = self.convert(V::S(t, r), Ty::Bool, span)?;
                        self.emit(Op::Not(d, b), span);
                        return Ok(V::S(Ty::Bool, d));
                    }
                    (UnaryOp::Pos, _) => {
                        return Ok(V::S(if t == Ty::Bool { Ty::Int } else { t }, r));
                    }
                    (UnaryOp::Neg, Ty::Float) => {
                        self.emit(Op::FNeg(d, r), span);
                        return Ok(V::S(Ty::Float, d));
                    }
                    (UnaryOp::Neg, _) => {
                        self.emit(Op::INeg(d, r), span);
                    }
                    (UnaryOp::Invert, Ty::Float) => {
                        return typing("bad operand type for unary ~: 'float64'", span);
                    }
                    (UnaryOp::Invert, _) => {
                        self.emit(Op::IInvert(d, r), span);
                    }
                }
                Ok(V::S(Ty::Int, d))
            }
            ExprKind::Binary(a, op, b) => {
                let va = self.expr(a)?;
                let vb = self.expr(b)?;
                self.binop(va, *op, vb, span)
            }
            ExprKind::BoolOp(op, items) => {
                let mut ty: Option<Ty> = None;
                for it in items {
                    // Type pass: lower nothing twice, so infer from a dry look.
                    let t = self.peek_ty(it);
                    ty = Some(match ty {
                        None => t,
                        Some(p) => p.unify(t).unwrap_or(p),
                    });
                }
                let ty = ty.unwrap_or(Ty::Bool);
                let d = self.reg();
                let mut exits = Vec::new();
                for (k, it) in items.iter().enumerate() {
                    let v = self.expr(it)?;
                    let r = self.convert(v, ty, it.span)?;
                    self.emit(Op::Mov(d, r), span);
                    if k + 1 < items.len() {
                        let c = self.convert(v, Ty::Bool, it.span)?;
                        let c = if *op == BoolOp::Or {
                            let n = self.reg();
                            self.emit(Op::Not(n, c), span);
                            n
                        } else {
                            c
                        };
                        exits.push(self.emit(Op::JumpIfNot(c, Label(0)), span));
                    }
                }
                let end = self.here();
                for x in exits {
                    self.patch(x, end);
                }
                Ok(V::S(ty, d))
            }
            ExprKind::Compare(first, rest) if rest.len() == 1 => {
                let a = self.expr(first)?;
                let b = self.expr(&rest[0].1)?;
                let c = self.compare(a, rest[0].0, b, span)?;
                Ok(V::S(Ty::Bool, c))
            }
            ExprKind::Compare(first, rest) => {
                let d = self.reg();
                let mut left = self.expr(first)?;
                let mut exits = Vec::new();
                for (k, (op, right)) in rest.iter().enumerate() {
                    let rv = self.expr(right)?;
                    let c = self.compare(left, *op, rv, span)?;
                    self.emit(Op::Mov(d, c), span);
                    if k + 1 < rest.len() {
                        exits.push(self.emit(Op::JumpIfNot(c, Label(0)), span));
                    }
                    left = rv;
                }
                let end = self.here();
                for x in exits {
                    self.patch(x, end);
                }
                Ok(V::S(Ty::Bool, d))
            }
            ExprKind::IfExp { test, body, orelse } => {
                let tt = self.peek_ty(body);
                let to = self.peek_ty(orelse);
                let Some(ty) = tt.unify(to) else {
                    return typing(
                        "the branches of a conditional expression have different types",
                        span,
                    );
                };
                let d = self.reg();
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                let v = self.expr(body)?;
                let r = self.convert(v, ty, span)?;
                self.emit(Op::Mov(d, r), span);
                let je = self.emit(Op::Jump(Label(0)), span);
                let l = self.here();
                self.patch(jf, l);
                let v = self.expr(orelse)?;
                let r = self.convert(v, ty, span)?;
                self.emit(Op::Mov(d, r), span);
                let l = self.here();
                self.patch(je, l);
                Ok(V::S(ty, d))
            }
            ExprKind::Call(..) => match self.call(e, false)? {
                Some(v) => Ok(v),
                None => self.object_error("None", span),
            },
            ExprKind::Subscript(base, idx) => {
                // `A.shape[k]`
                if let ExprKind::Attribute(arr, attr) = &base.kind
                    && attr == "shape"
                {
                    let v = self.expr(arr)?;
                    let V::A(_, nd, s) = v else {
                        return self.object_error("'.shape' of a non-array", span);
                    };
                    let ExprKind::Const(Constant::Int(k)) = idx.kind else {
                        return typing("shape index must be a constant", idx.span);
                    };
                    let k = if k < 0 { k + nd as i64 } else { k };
                    if k < 0 || k >= nd as i64 {
                        return typing("tuple index out of range", idx.span);
                    }
                    let d = self.reg();
                    self.emit(Op::Shape(d, s, k as u8), span);
                    return Ok(V::S(Ty::Int, d));
                }
                let (dt, nd, slot, idxs) = self.element(base, idx)?;
                let d = self.reg();
                match (nd, idxs.as_slice()) {
                    (1, [i]) => self.emit(Op::Load1(d, slot, *i), span),
                    (2, [i, j]) => self.emit(Op::Load2(d, slot, *i, *j), span),
                    _ => return typing("array access needs one index per dimension", span),
                };
                Ok(V::S(Ty::of_dtype(dt), d))
            }
            ExprKind::Attribute(obj, attr) => {
                if let ExprKind::Name(m) = &obj.kind
                    && !self.vars.contains_key(m)
                    && let Some(Global::Module(_)) = self.env.global(m)
                {
                    match attr.as_str() {
                        "pi" => {
                            return Ok(self.konst(Ty::Float, std::f64::consts::PI.to_bits(), span));
                        }
                        "e" => {
                            return Ok(self.konst(Ty::Float, std::f64::consts::E.to_bits(), span));
                        }
                        "inf" => return Ok(self.konst(Ty::Float, f64::INFINITY.to_bits(), span)),
                        "nan" => return Ok(self.konst(Ty::Float, f64::NAN.to_bits(), span)),
                        "tau" => {
                            return Ok(self.konst(
                                Ty::Float,
                                std::f64::consts::TAU.to_bits(),
                                span,
                            ));
                        }
                        _ => {}
                    }
                }
                let v = self.expr(obj)?;
                if let V::A(_, nd, s) = v {
                    match attr.as_str() {
                        "ndim" => return Ok(self.konst(Ty::Int, nd as u64, span)),
                        "size" => {
                            let d = self.reg();
                            self.emit(Op::Shape(d, s, 0), span);
                            if nd == 2 {
                                let c = self.reg();
                                self.emit(Op::Shape(c, s, 1), span);
                                self.emit(Op::IBin(IOp::Mul, d, d, c), span);
                            }
                            return Ok(V::S(Ty::Int, d));
                        }
                        _ => {}
                    }
                }
                match self.flavor {
                    Flavor::Cython => gil_err(
                        "Accessing Python attribute not allowed without gil",
                        OBJECT_HINT,
                        span,
                    ),
                    Flavor::Numba => typing(
                        format!("unknown attribute '{attr}' of {}", v.ty().name()),
                        span,
                    ),
                }
            }
            ExprKind::FString(_) => self.object_error("a string", span),
            ExprKind::List(_) | ExprKind::Dict(_) | ExprKind::Set(_) | ExprKind::Tuple(_) => {
                let what = match &e.kind {
                    ExprKind::List(_) => "Constructing Python list not allowed without gil",
                    ExprKind::Dict(_) => "Constructing Python dict not allowed without gil",
                    ExprKind::Set(_) => "Constructing Python set not allowed without gil",
                    _ => "Constructing Python tuple not allowed without gil",
                };
                match self.flavor {
                    Flavor::Cython => gil_err(what, OBJECT_HINT, span),
                    Flavor::Numba => typing(
                        "lists, tuples and dicts are not supported in mini's kernels",
                        span,
                    ),
                }
            }
            ExprKind::Lambda(..)
            | ExprKind::ListComp(..)
            | ExprKind::SetComp(..)
            | ExprKind::DictComp(..)
            | ExprKind::GeneratorExp(..) => self.object_error("this expression", span),
            _ => self.object_error("this expression", span),
        }
    }

    /// The type `e` will have, without emitting code (approximate: for
    /// unifying the branches of `a if c else b` and `and`/`or`).
    fn peek_ty(&self, e: &Expr) -> Ty {
        match &e.kind {
            ExprKind::Const(Constant::Float(_)) => Ty::Float,
            ExprKind::Const(Constant::True | Constant::False) => Ty::Bool,
            ExprKind::Const(_) => Ty::Int,
            ExprKind::Name(n) => match self.vars.get(n) {
                Some(v) => v.ty,
                None => match self.env.global(n) {
                    Some(Global::Float(_)) => Ty::Float,
                    Some(Global::Bool(_)) => Ty::Bool,
                    _ => Ty::Int,
                },
            },
            ExprKind::Binary(a, op, b) => {
                if *op == BinOp::Div {
                    return Ty::Float;
                }
                let (x, y) = (self.peek_ty(a), self.peek_ty(b));
                match x.unify(y) {
                    Some(Ty::Bool)
                        if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) =>
                    {
                        Ty::Bool
                    }
                    Some(Ty::Bool) => Ty::Int,
                    Some(t) => t,
                    None => Ty::Float,
                }
            }
            ExprKind::Unary(UnaryOp::Not, _) | ExprKind::Compare(..) => Ty::Bool,
            ExprKind::Unary(_, x) => match self.peek_ty(x) {
                Ty::Bool => Ty::Int,
                t => t,
            },
            ExprKind::Subscript(b, _) => match self.peek_ty(b) {
                Ty::Arr(d, _) => Ty::of_dtype(d),
                _ => Ty::Int,
            },
            ExprKind::IfExp { body, orelse, .. } => {
                let (x, y) = (self.peek_ty(body), self.peek_ty(orelse));
                x.unify(y).unwrap_or(x)
            }
            ExprKind::BoolOp(_, items) => items
                .iter()
                .map(|i| self.peek_ty(i))
                .reduce(|a, b| a.unify(b).unwrap_or(a))
                .unwrap_or(Ty::Bool),
            ExprKind::Call(f, args) => {
                let name = match &f.kind {
                    ExprKind::Name(n) => n.as_str(),
                    ExprKind::Attribute(_, a) => a.as_str(),
                    _ => "",
                };
                match name {
                    "float" | "sqrt" | "exp" | "log" | "sin" | "cos" | "tan" | "omp_get_wtime" => {
                        Ty::Float
                    }
                    "int" | "len" | "threadid" | "omp_get_thread_num" | "omp_get_num_threads" => {
                        Ty::Int
                    }
                    "abs" | "min" | "max" => args
                        .iter()
                        .filter_map(|a| match a {
                            Arg::Positional(e) => Some(self.peek_ty(e)),
                            _ => None,
                        })
                        .reduce(|a, b| a.unify(b).unwrap_or(a))
                        .unwrap_or(Ty::Int),
                    _ => Ty::Float,
                }
            }
            _ => Ty::Int,
        }
    }

    fn binop(&mut self, a: V, op: BinOp, b: V, span: Span) -> LResult<V> {
        let (V::S(ta, ra), V::S(tb, rb)) = (a, b) else {
            return typing(
                format!(
                    "array expressions ({} {} {}) are not supported in mini's kernels; write the loop",
                    a.ty().name(),
                    op.symbol(),
                    b.ty().name()
                ),
                span,
            );
        };
        let float = ta == Ty::Float || tb == Ty::Float;
        let both_bool = ta == Ty::Bool && tb == Ty::Bool;
        let d = self.reg();
        let iop = match op {
            BinOp::Add => Some(IOp::Add),
            BinOp::Sub => Some(IOp::Sub),
            BinOp::Mul => Some(IOp::Mul),
            BinOp::FloorDiv => Some(IOp::FloorDiv),
            BinOp::Mod => Some(IOp::Mod),
            BinOp::Pow => Some(IOp::Pow),
            BinOp::BitAnd => Some(IOp::And),
            BinOp::BitOr => Some(IOp::Or),
            BinOp::BitXor => Some(IOp::Xor),
            BinOp::LShift => Some(IOp::Shl),
            BinOp::RShift => Some(IOp::Shr),
            BinOp::Div | BinOp::MatMul => None,
        };
        if op == BinOp::MatMul {
            return typing("'@' needs arrays", span);
        }
        if op == BinOp::Div || float {
            let fop = match op {
                BinOp::Add => FOp::Add,
                BinOp::Sub => FOp::Sub,
                BinOp::Mul => FOp::Mul,
                BinOp::Div => FOp::Div,
                BinOp::FloorDiv => FOp::FloorDiv,
                BinOp::Mod => FOp::Mod,
                BinOp::Pow => FOp::Pow,
                _ => {
                    return typing(
                        format!(
                            "unsupported operand type(s) for {}: '{}' and '{}'",
                            op.symbol(),
                            ta.name(),
                            tb.name()
                        ),
                        span,
                    );
                }
            };
            let x = self.convert(a, Ty::Float, span)?;
            let y = self.convert(b, Ty::Float, span)?;
            let op = match fop {
                FOp::Add => Op::AddF(d, x, y),
                FOp::Sub => Op::SubF(d, x, y),
                FOp::Mul => Op::MulF(d, x, y),
                _ => Op::FBin(fop, d, x, y),
            };
            self.emit(op, span);
            return Ok(V::S(Ty::Float, d));
        }
        let Some(iop) = iop else {
            return typing("unsupported operation", span);
        };
        let op = match iop {
            IOp::Add => Op::AddI(d, ra, rb),
            IOp::Sub => Op::SubI(d, ra, rb),
            IOp::Mul => Op::MulI(d, ra, rb),
            _ => Op::IBin(iop, d, ra, rb),
        };
        self.emit(op, span);
        let ty = if both_bool && matches!(iop, IOp::And | IOp::Or | IOp::Xor) {
            Ty::Bool
        } else {
            Ty::Int
        };
        Ok(V::S(ty, d))
    }

    fn compare(&mut self, a: V, op: CmpOp, b: V, span: Span) -> LResult<Reg> {
        let (V::S(ta, ra), V::S(tb, rb)) = (a, b) else {
            return typing(
                "array comparisons are not supported in mini's kernels",
                span,
            );
        };
        let c = match op {
            CmpOp::Eq => Cmp::Eq,
            CmpOp::NotEq => Cmp::Ne,
            CmpOp::Lt => Cmp::Lt,
            CmpOp::LtE => Cmp::Le,
            CmpOp::Gt => Cmp::Gt,
            CmpOp::GtE => Cmp::Ge,
            _ => return self.object_error("'is'/'in'", span),
        };
        let d = self.reg();
        if ta == Ty::Float || tb == Ty::Float {
            let x = self.convert(a, Ty::Float, span)?;
            let y = self.convert(b, Ty::Float, span)?;
            self.emit(Op::FCmp(c, d, x, y), span);
        } else {
            self.emit(Op::ICmp(c, d, ra, rb), span);
        }
        Ok(d)
    }

    // --------------------------------------------------------------- calls

    /// What a call's function expression names.
    fn callee(&self, f: &Expr) -> Option<Global> {
        match &f.kind {
            ExprKind::Name(n) if !self.vars.contains_key(n) => match self.env.global(n) {
                Some(g) => Some(g),
                None if BUILTINS.contains(&n.as_str()) => {
                    Some(Global::Func("builtins".into(), n.clone()))
                }
                None => None,
            },
            ExprKind::Attribute(m, attr) => match &m.kind {
                ExprKind::Name(mn) if !self.vars.contains_key(mn) => match self.env.global(mn) {
                    Some(Global::Module(module)) => Some(Global::Func(module, attr.clone())),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn positional<'e>(&self, args: &'e [Arg], span: Span) -> LResult<Vec<&'e Expr>> {
        args.iter()
            .map(|a| match a {
                Arg::Positional(e) => Ok(e),
                _ => typing("keyword and star arguments are not supported here", span),
            })
            .collect()
    }

    /// Lower a call; `Ok(None)` when it gives no value.
    fn call(&mut self, e: &Expr, stmt: bool) -> LResult<Option<V>> {
        let ExprKind::Call(f, args) = &e.kind else {
            return Ok(None);
        };
        let span = e.span;
        let callee = self.callee(f);
        let fname = match &f.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Attribute(_, a) => a.clone(),
            _ => "?".into(),
        };
        let Some(callee) = callee else {
            return match self.flavor {
                Flavor::Cython => gil_err(
                    "Calling gil-requiring function not allowed without gil",
                    CALL_HINT,
                    span,
                ),
                Flavor::Numba => typing(format!("Untyped global name '{fname}'"), f.span),
            };
        };
        match callee {
            Global::Kernel(k) => {
                let pos = self.positional(args, span)?;
                let mut vals = Vec::new();
                for a in pos {
                    vals.push(self.expr(a)?);
                }
                let tys: Vec<Ty> = vals.iter().map(|v| v.ty()).collect();
                let callee = match k.compile(&tys) {
                    Ok(c) => c,
                    Err(msg) => return typing(msg, span),
                };
                let args = vals
                    .iter()
                    .map(|v| match v {
                        V::S(_, r) => ArgRef::Scalar(*r),
                        V::A(_, _, s) => ArgRef::Array(*s),
                    })
                    .collect();
                let (ret, out) = match callee.ret {
                    None => (None, None),
                    Some(t @ Ty::Arr(d, n)) => {
                        let _ = t;
                        let s = self.slot();
                        (Some(ArgRef::Array(s)), Some(V::A(d, n, s)))
                    }
                    Some(t) => {
                        let r = self.reg();
                        (Some(ArgRef::Scalar(r)), Some(V::S(t, r)))
                    }
                };
                self.func.calls.push(CallSite { callee, args, ret });
                let k = self.func.calls.len() as u32 - 1;
                self.emit(Op::Call(k), span);
                Ok(out)
            }
            Global::Func(module, name) => self.intrinsic(&module, &name, args, span, stmt),
            Global::Module(_) => self.object_error("calling a module", span),
            _ => match self.flavor {
                Flavor::Cython => {
                    let hint = if fname == "print" {
                        PRINT_HINT
                    } else {
                        CALL_HINT
                    };
                    gil_err(
                        "Calling gil-requiring function not allowed without gil",
                        hint,
                        span,
                    )
                }
                Flavor::Numba => typing(format!("Untyped global name '{fname}'"), f.span),
            },
        }
    }

    fn float_arg(&mut self, e: &Expr) -> LResult<Reg> {
        let v = self.expr(e)?;
        self.convert(v, Ty::Float, e.span)
    }

    fn intrinsic(
        &mut self,
        module: &str,
        name: &str,
        args: &[Arg],
        span: Span,
        _stmt: bool,
    ) -> LResult<Option<V>> {
        let is_math = matches!(module, "math" | "libc.math" | "numpy" | "cython");
        let d = self.reg();
        match name {
            "print" if module == "builtins" => {
                if self.flavor == Flavor::Cython && !self.with_gil {
                    return gil_err(
                        "Calling gil-requiring function not allowed without gil",
                        PRINT_HINT,
                        span,
                    );
                }
                let mut pieces = Vec::new();
                let mut sep = " ".to_string();
                let mut end = "\n".to_string();
                for a in args {
                    if let Arg::Keyword(
                        k,
                        Expr {
                            kind: ExprKind::Const(Constant::Str(s)),
                            ..
                        },
                    ) = a
                    {
                        if k == "sep" {
                            sep = s.clone();
                        } else if k == "end" {
                            end = s.clone();
                        }
                    }
                }
                let pos = args.iter().filter_map(|a| match a {
                    Arg::Positional(e) => Some(e),
                    _ => None,
                });
                for (k, e) in pos.enumerate() {
                    if k > 0 {
                        pieces.push(PrintPiece::Text(sep.clone()));
                    }
                    match &e.kind {
                        ExprKind::Const(Constant::Str(s)) => {
                            pieces.push(PrintPiece::Text(s.clone()))
                        }
                        _ => {
                            let (t, r) = self.scalar(e)?;
                            pieces.push(PrintPiece::Str(r, t));
                        }
                    }
                }
                pieces.push(PrintPiece::Text(end));
                self.func.prints.push(PrintCall { pieces });
                let k = self.func.prints.len() as u32 - 1;
                self.emit(Op::Print(k), span);
                Ok(None)
            }
            "printf" => {
                let pos = self.positional(args, span)?;
                let Some(ExprKind::Const(Constant::Str(fmt))) = pos.first().map(|e| &e.kind) else {
                    return typing("printf needs a constant format string", span);
                };
                let parsed = printf::parse(fmt).or_else(|m| typing(m, span))?;
                let mut rest = pos[1..].iter();
                let mut pieces = Vec::new();
                for p in parsed {
                    match p {
                        printf::Piece::Text(t) => pieces.push(PrintPiece::Text(t)),
                        printf::Piece::Spec(spec) => {
                            let Some(a) = rest.next() else {
                                return typing(format!("printf: no argument for '{spec}'"), span);
                            };
                            if spec.ends_with('s') {
                                match &a.kind {
                                    ExprKind::Const(Constant::Str(s)) => {
                                        pieces.push(PrintPiece::Text(s.clone()));
                                        continue;
                                    }
                                    _ => {
                                        return typing(
                                            "printf: %s needs a constant string",
                                            a.span,
                                        );
                                    }
                                }
                            }
                            let (t, r) = self.scalar(a)?;
                            pieces.push(PrintPiece::CFormat {
                                spec,
                                reg: r,
                                ty: t,
                            });
                        }
                    }
                }
                if rest.next().is_some() {
                    return typing("printf: more arguments than conversions", span);
                }
                self.func.prints.push(PrintCall { pieces });
                let k = self.func.prints.len() as u32 - 1;
                self.emit(Op::Print(k), span);
                Ok(Some(self.konst(Ty::Int, 0, span)))
            }
            "threadid" | "omp_get_thread_num" | "get_thread_id" | "_get_thread_id" => {
                self.emit(Op::ThreadId(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_num_threads" => {
                self.emit(Op::NumThreads(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_max_threads" | "get_num_threads" => {
                self.emit(Op::MaxThreads(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_num_procs" => Ok(Some(self.konst(
                Ty::Int,
                crate::parallel::cores() as u64,
                span,
            ))),
            "omp_set_num_threads" | "set_num_threads" => {
                let pos = self.positional(args, span)?;
                let Some(a) = pos.first() else {
                    return typing(format!("{name}() takes one argument"), span);
                };
                let r = self.as_int(a)?;
                self.emit(Op::SetThreads(r), span);
                Ok(None)
            }
            "omp_set_dynamic" | "omp_set_nested" => Ok(None),
            "omp_get_wtime" => {
                self.emit(Op::Wtime(d), span);
                Ok(Some(V::S(Ty::Float, d)))
            }
            "abs" | "fabs" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly one argument"), span);
                };
                let (t, r) = self.scalar(a)?;
                if t == Ty::Float || name == "fabs" {
                    let x = self.convert(V::S(t, r), Ty::Float, span)?;
                    self.emit(Op::Math(MathFn::Abs, d, x), span);
                    Ok(Some(V::S(Ty::Float, d)))
                } else {
                    self.emit(Op::IAbs(d, r), span);
                    Ok(Some(V::S(Ty::Int, d)))
                }
            }
            "min" | "max" | "fmin" | "fmax" | "minimum" | "maximum" => {
                let pos = self.positional(args, span)?;
                if pos.len() < 2 {
                    return typing(
                        format!("{name}() in a kernel needs at least 2 scalar arguments"),
                        span,
                    );
                }
                let vals: Vec<V> = pos.iter().map(|a| self.expr(a)).collect::<LResult<_>>()?;
                let float = vals.iter().any(|v| v.ty() == Ty::Float) || name.starts_with('f');
                let is_max =
                    name.ends_with("ax") || name.ends_with("imum") && name.starts_with("max");
                let ty = if float { Ty::Float } else { Ty::Int };
                let first = self.convert(vals[0], ty, span)?;
                self.emit(Op::Mov(d, first), span);
                for v in &vals[1..] {
                    let r = self.convert(*v, ty, span)?;
                    let op = match (float, is_max) {
                        (true, true) => Op::FBin(FOp::Max, d, d, r),
                        (true, false) => Op::FBin(FOp::Min, d, d, r),
                        (false, true) => Op::IBin(IOp::Max, d, d, r),
                        (false, false) => Op::IBin(IOp::Min, d, d, r),
                    };
                    self.emit(op, span);
                }
                Ok(Some(V::S(ty, d)))
            }
            "len" if module == "builtins" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing("len() takes exactly one argument", span);
                };
                let v = self.expr(a)?;
                let V::A(_, _, s) = v else {
                    return typing(format!("len() of unsized object {}", v.ty().name()), span);
                };
                self.emit(Op::Shape(d, s, 0), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "int" | "float" | "bool" | "int64" | "float64" | "double" | "long" | "bint"
                if module == "builtins" || module == "numpy" || module == "cython" =>
            {
                let pos = self.positional(args, span)?;
                let to = match name {
                    "int" | "int64" | "long" => Ty::Int,
                    "bool" | "bint" => Ty::Bool,
                    _ => Ty::Float,
                };
                let Some(a) = pos.first() else {
                    return Ok(Some(self.konst(to, 0, span)));
                };
                let v = self.expr(a)?;
                Ok(Some(V::S(to, self.convert(v, to, span)?)))
            }
            "round" if module == "builtins" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing("round() with ndigits is not supported in kernels", span);
                };
                let x = self.float_arg(a)?;
                let t = self.reg();
                self.emit(Op::Math(MathFn::Round, t, x), span);
                self.emit(Op::FToI(d, t), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "pow" | "atan2" | "hypot" | "fmod" | "copysign" | "power" | "arctan2"
                if is_math || module == "builtins" =>
            {
                let pos = self.positional(args, span)?;
                let [a, b] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly 2 arguments"), span);
                };
                if name == "pow" && module == "builtins" {
                    let va = self.expr(a)?;
                    let vb = self.expr(b)?;
                    return self.binop(va, BinOp::Pow, vb, span).map(Some);
                }
                let x = self.float_arg(a)?;
                let y = self.float_arg(b)?;
                let op = match name {
                    "pow" | "power" => FOp::Pow,
                    "atan2" | "arctan2" => FOp::Atan2,
                    "hypot" => FOp::Hypot,
                    "fmod" => FOp::Fmod,
                    _ => FOp::Copysign,
                };
                self.emit(Op::FBin(op, d, x, y), span);
                Ok(Some(V::S(Ty::Float, d)))
            }
            "empty" | "zeros" | "ones" if module == "numpy" => self.new_array(name, args, span),
            "prange" | "range" => typing(
                format!("{name}() is only allowed as the iterable of a for loop"),
                span,
            ),
            _ if is_math && MathFn::by_name(name).is_some() => {
                let m = MathFn::by_name(name).unwrap_or(MathFn::Sqrt);
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly one argument"), span);
                };
                let x = self.float_arg(a)?;
                self.emit(Op::Math(m, d, x), span);
                if m.is_predicate() {
                    return Ok(Some(V::S(Ty::Bool, d)));
                }
                // Python's math.floor/ceil/trunc give ints.
                if module == "math" && matches!(m, MathFn::Floor | MathFn::Ceil | MathFn::Trunc) {
                    let i = self.reg();
                    self.emit(Op::FToI(i, d), span);
                    return Ok(Some(V::S(Ty::Int, i)));
                }
                Ok(Some(V::S(Ty::Float, d)))
            }
            _ => match self.flavor {
                Flavor::Cython => {
                    let hint = if name == "print" {
                        PRINT_HINT
                    } else {
                        CALL_HINT
                    };
                    gil_err(
                        "Calling gil-requiring function not allowed without gil",
                        hint,
                        span,
                    )
                }
                Flavor::Numba => typing(
                    format!(
                        "Unknown attribute or function '{name}' of module '{module}' in nopython mode"
                    ),
                    span,
                ),
            },
        }
    }

    fn new_array(&mut self, name: &str, args: &[Arg], span: Span) -> LResult<Option<V>> {
        let mut shape: Option<&Expr> = None;
        let mut dtype = DType::Float64;
        for (k, a) in args.iter().enumerate() {
            match a {
                Arg::Positional(e) if k == 0 => shape = Some(e),
                Arg::Positional(e) | Arg::Keyword(_, e) => {
                    if let Arg::Keyword(kw, _) = a
                        && kw != "dtype"
                    {
                        return typing(format!("np.{name}: unsupported keyword '{kw}'"), span);
                    }
                    dtype = dtype_of(e).ok_or_else(|| KError {
                        msg: format!("np.{name}: unsupported dtype"),
                        span: e.span,
                        kind: ErrKind::Typing,
                    })?;
                }
                _ => return typing(format!("np.{name}: unsupported argument"), span),
            }
        }
        let Some(shape) = shape else {
            return typing(format!("np.{name}() needs a shape"), span);
        };
        let (n, m) = match &shape.kind {
            ExprKind::Tuple(items) if items.len() == 2 => {
                (self.as_int(&items[0])?, Some(self.as_int(&items[1])?))
            }
            ExprKind::Tuple(items) if items.len() == 1 => (self.as_int(&items[0])?, None),
            ExprKind::Tuple(_) => return typing("kernels have 1-D and 2-D arrays only", span),
            _ => (self.as_int(shape)?, None),
        };
        let s = self.slot();
        self.emit(Op::NewArr(s, dtype, n, m), span);
        if name == "ones" {
            let one = match dtype {
                DType::Float64 => 1.0f64.to_bits(),
                _ => 1,
            };
            let r = self.reg();
            self.emit(Op::Const(r, one), span);
            self.emit(Op::Fill(s, r), span);
        }
        Ok(Some(V::A(dtype, if m.is_some() { 2 } else { 1 }, s)))
    }
}

/// Builtin names a kernel knows when no global shadows them.
const BUILTINS: &[&str] = &[
    "abs", "min", "max", "len", "range", "int", "float", "bool", "round", "print", "pow",
];

fn dtype_of(e: &Expr) -> Option<DType> {
    match &e.kind {
        ExprKind::Const(Constant::Str(s)) => DType::from_name(s),
        ExprKind::Name(n) | ExprKind::Attribute(_, n) => DType::from_name(n),
        _ => None,
    }
}

/// The register an op writes, if it writes exactly one.
fn dest_mut(op: &mut Op) -> Option<&mut Reg> {
    match op {
        Op::Const(d, _)
        | Op::Mov(d, _)
        | Op::IBin(_, d, _, _)
        | Op::FBin(_, d, _, _)
        | Op::AddF(d, _, _)
        | Op::SubF(d, _, _)
        | Op::MulF(d, _, _)
        | Op::AddI(d, _, _)
        | Op::SubI(d, _, _)
        | Op::MulI(d, _, _)
        | Op::ICmp(_, d, _, _)
        | Op::FCmp(_, d, _, _)
        | Op::INeg(d, _)
        | Op::FNeg(d, _)
        | Op::IInvert(d, _)
        | Op::IAbs(d, _)
        | Op::Not(d, _)
        | Op::Math(_, d, _)
        | Op::IToF(d, _)
        | Op::FToI(d, _)
        | Op::IToB(d, _)
        | Op::FToB(d, _)
        | Op::Load1(d, _, _)
        | Op::Load2(d, _, _, _)
        | Op::Shape(d, _, _)
        | Op::ThreadId(d)
        | Op::NumThreads(d)
        | Op::MaxThreads(d)
        | Op::Wtime(d) => Some(d),
        _ => None,
    }
}
