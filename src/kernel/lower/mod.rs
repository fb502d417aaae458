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
//!
//! This file: the lowering's errors, its view of names ([`Env`],
//! [`Global`], [`Callee`]), variables and registers, and the entry point;
//! `stmt.rs`, `loops.rs` (`range`/`prange`), `expr.rs` and `intrinsics.rs`
//! (calls: math, printf, OpenMP, numpy) lower their part of the AST.

mod expr;
mod intrinsics;
mod loops;
mod stmt;

use std::collections::HashMap;
use std::sync::Arc;

use super::ir::*;
use super::types::Ty;
use crate::array::storage::DType;
use crate::syntax::ast::*;
use crate::syntax::source::SourceMap;

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

/// Cython's error for calling `name` (a Python function, or `print`)
/// without the GIL.
fn gil_requiring_call<T>(name: &str, span: Span) -> LResult<T> {
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
