//! The kernel executor: interprets a block of IR over a frame of plain
//! registers. No refcounts, no locks and no allocation in the loop: array
//! elements are `Relaxed` atomic words (plain moves on x86-64), every index
//! is bounds-checked, and any failure becomes a [`KErr`] that the team turns
//! into a Python exception in the caller once all workers have stopped.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::ir::*;
use super::team;
use super::types::{ArrView, Ty};
use crate::gil::EvalBreaker;
use crate::vm::prelude::{ExcKind, float_divmod, float_repr, wrapping_int_pow};

/// A worker's registers and array slots, and the caller's eval breaker:
/// loops test its Ctrl-C bit at their back edges (one relaxed load), so a
/// runaway kernel stops with KeyboardInterrupt.
#[derive(Clone)]
pub struct Frame {
    pub regs: Vec<u64>,
    pub arrs: Vec<ArrView>,
    pub interrupt: Option<Arc<EvalBreaker>>,
}

impl Frame {
    pub fn new(func: &Func) -> Frame {
        Frame {
            regs: vec![0; func.nregs.max(1)],
            arrs: vec![ArrView::empty(); func.nslots],
            interrupt: None,
        }
    }
}

#[cold]
#[inline(never)]
fn interrupted() -> Box<KErr> {
    Box::new(KErr {
        exc: ExcKind::KeyboardInterrupt,
        msg: String::new(),
        line: 0,
    })
}

/// Was Ctrl-C pressed?
#[inline(always)]
fn ctrl_c(fr: &Frame) -> bool {
    fr.interrupt.as_ref().is_some_and(|b| b.interrupted())
}

/// Where a block runs: its worker index and team size.
#[derive(Clone, Copy, Debug)]
pub struct TeamCtx {
    pub tid: usize,
    pub nthreads: usize,
    /// Inside a parallel loop's body (a nested prange runs sequentially).
    pub in_loop: bool,
    /// Inside a parallel region (a prange shares its iterations out).
    pub in_region: bool,
}

impl TeamCtx {
    pub const SERIAL: TeamCtx = TeamCtx {
        tid: 0,
        nthreads: 1,
        in_loop: false,
        in_region: false,
    };
}

/// A kernel failure: the Python exception it becomes, and where.
#[derive(Debug, Clone)]
pub struct KErr {
    pub exc: ExcKind,
    pub msg: String,
    pub line: u32,
}

pub type KResult<T> = Result<T, Box<KErr>>;

/// What a function returns.
pub enum Ret {
    None,
    Scalar(u64),
    Array(ArrView),
}

#[cold]
#[inline(never)]
fn err(func: &Func, block: usize, pc: usize, exc: ExcKind, msg: String) -> Box<KErr> {
    let line = func.blocks[block].lines.get(pc).copied().unwrap_or(0);
    Box::new(KErr { exc, msg, line })
}

#[cold]
#[inline(never)]
fn index_err(func: &Func, block: usize, pc: usize, i: i64, axis: usize, len: usize) -> Box<KErr> {
    err(
        func,
        block,
        pc,
        ExcKind::IndexError,
        format!("index {i} is out of bounds for axis {axis} with size {len}"),
    )
}

/// The buffer position of `a[i]` (axis `axis`), wrapping negative indices.
#[inline(always)]
fn axis_index(a: &ArrView, axis: usize, i: i64) -> Option<isize> {
    let len = a.shape[axis] as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return None;
    }
    Some(j as isize * a.strides[axis])
}

#[inline(always)]
fn f(bits: u64) -> f64 {
    f64::from_bits(bits)
}

#[inline(always)]
fn cmp<T: PartialOrd>(op: Cmp, a: T, b: T) -> bool {
    match op {
        Cmp::Eq => a == b,
        Cmp::Ne => a != b,
        Cmp::Lt => a < b,
        Cmp::Le => a <= b,
        Cmp::Gt => a > b,
        Cmp::Ge => a >= b,
    }
}

/// Seconds since the first call in this process (`omp_get_wtime`).
pub fn wtime() -> f64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_secs_f64()
}

fn math1(m: MathFn, x: f64) -> f64 {
    use MathFn::*;
    match m {
        Sqrt => x.sqrt(),
        Exp => x.exp(),
        Log => x.ln(),
        Log2 => x.log2(),
        Log10 => x.log10(),
        Sin => x.sin(),
        Cos => x.cos(),
        Tan => x.tan(),
        Asin => x.asin(),
        Acos => x.acos(),
        Atan => x.atan(),
        Sinh => x.sinh(),
        Cosh => x.cosh(),
        Tanh => x.tanh(),
        Floor => x.floor(),
        Ceil => x.ceil(),
        Trunc => x.trunc(),
        Abs => x.abs(),
        Round => x.round_ties_even(),
        // Predicates give bools; `run` handles them.
        IsNan | IsInf | IsFinite => f64::NAN,
    }
}

/// Run `block` of `func` on `fr` until it returns or ends.
pub fn run(func: &Func, block: usize, fr: &mut Frame, ctx: &TeamCtx) -> KResult<Ret> {
    let ops = &func.blocks[block].ops[..];
    let mut pc = 0usize;
    loop {
        let Some(&op) = ops.get(pc) else {
            return Ok(Ret::None);
        };
        pc += 1;
        let r = &mut fr.regs;
        match op {
            Op::Const(d, bits) => r[d.0 as usize] = bits,
            Op::Mov(d, s) => r[d.0 as usize] = r[s.0 as usize],
            Op::AMov(d, s) => fr.arrs[d.0 as usize] = fr.arrs[s.0 as usize].clone(),
            Op::AddF(d, a, b) => {
                r[d.0 as usize] = (f(r[a.0 as usize]) + f(r[b.0 as usize])).to_bits()
            }
            Op::SubF(d, a, b) => {
                r[d.0 as usize] = (f(r[a.0 as usize]) - f(r[b.0 as usize])).to_bits()
            }
            Op::MulF(d, a, b) => {
                r[d.0 as usize] = (f(r[a.0 as usize]) * f(r[b.0 as usize])).to_bits()
            }
            Op::AddI(d, a, b) => r[d.0 as usize] = r[a.0 as usize].wrapping_add(r[b.0 as usize]),
            Op::SubI(d, a, b) => r[d.0 as usize] = r[a.0 as usize].wrapping_sub(r[b.0 as usize]),
            Op::MulI(d, a, b) => r[d.0 as usize] = r[a.0 as usize].wrapping_mul(r[b.0 as usize]),
            Op::IBin(o, d, a, b) => {
                let (x, y) = (r[a.0 as usize] as i64, r[b.0 as usize] as i64);
                let v = match o {
                    IOp::Add => x.wrapping_add(y),
                    IOp::Sub => x.wrapping_sub(y),
                    IOp::Mul => x.wrapping_mul(y),
                    IOp::FloorDiv | IOp::Mod => {
                        if y == 0 {
                            let msg = if o == IOp::Mod {
                                "integer modulo by zero"
                            } else {
                                "integer division or modulo by zero"
                            };
                            return Err(err(
                                func,
                                block,
                                pc - 1,
                                ExcKind::ZeroDivisionError,
                                msg.into(),
                            ));
                        }
                        if o == IOp::Mod {
                            x.wrapping_rem(y).wrapping_add(y).wrapping_rem(y)
                        } else {
                            let q = x.wrapping_div(y);
                            if (x % y != 0) && ((x < 0) != (y < 0)) {
                                q - 1
                            } else {
                                q
                            }
                        }
                    }
                    IOp::And => x & y,
                    IOp::Or => x | y,
                    IOp::Xor => x ^ y,
                    IOp::Shl => x.wrapping_shl(y as u32),
                    IOp::Shr => x.wrapping_shr(y as u32),
                    IOp::Min => x.min(y),
                    IOp::Max => x.max(y),
                    IOp::Pow => wrapping_int_pow(x, y),
                };
                r[d.0 as usize] = v as u64;
            }
            Op::FBin(o, d, a, b) => {
                let (x, y) = (f(r[a.0 as usize]), f(r[b.0 as usize]));
                let v = match o {
                    FOp::Add => x + y,
                    FOp::Sub => x - y,
                    FOp::Mul => x * y,
                    FOp::Div => {
                        if y == 0.0 {
                            return Err(err(
                                func,
                                block,
                                pc - 1,
                                ExcKind::ZeroDivisionError,
                                "division by zero".into(),
                            ));
                        }
                        x / y
                    }
                    FOp::FloorDiv | FOp::Mod => {
                        if y == 0.0 {
                            let msg = if o == FOp::Mod {
                                "float modulo by zero"
                            } else {
                                "float floor division by zero"
                            };
                            return Err(err(
                                func,
                                block,
                                pc - 1,
                                ExcKind::ZeroDivisionError,
                                msg.into(),
                            ));
                        }
                        let (q, m) = float_divmod(x, y);
                        if o == FOp::Mod { m } else { q }
                    }
                    FOp::Pow => x.powf(y),
                    FOp::Min => {
                        if y < x {
                            y
                        } else {
                            x
                        }
                    }
                    FOp::Max => {
                        if y > x {
                            y
                        } else {
                            x
                        }
                    }
                    FOp::Atan2 => x.atan2(y),
                    FOp::Hypot => x.hypot(y),
                    FOp::Fmod => x % y,
                    FOp::Copysign => x.copysign(y),
                };
                r[d.0 as usize] = v.to_bits();
            }
            Op::ICmp(c, d, a, b) => {
                r[d.0 as usize] = cmp(c, r[a.0 as usize] as i64, r[b.0 as usize] as i64) as u64
            }
            Op::FCmp(c, d, a, b) => {
                r[d.0 as usize] = cmp(c, f(r[a.0 as usize]), f(r[b.0 as usize])) as u64
            }
            Op::INeg(d, s) => r[d.0 as usize] = (r[s.0 as usize] as i64).wrapping_neg() as u64,
            Op::FNeg(d, s) => r[d.0 as usize] = (-f(r[s.0 as usize])).to_bits(),
            Op::IInvert(d, s) => r[d.0 as usize] = !r[s.0 as usize],
            Op::IAbs(d, s) => r[d.0 as usize] = (r[s.0 as usize] as i64).wrapping_abs() as u64,
            Op::Not(d, s) => r[d.0 as usize] = (r[s.0 as usize] == 0) as u64,
            Op::Math(m, d, s) => {
                let x = f(r[s.0 as usize]);
                r[d.0 as usize] = match m {
                    MathFn::IsNan => x.is_nan() as u64,
                    MathFn::IsInf => x.is_infinite() as u64,
                    MathFn::IsFinite => x.is_finite() as u64,
                    _ => math1(m, x).to_bits(),
                };
            }
            Op::IToF(d, s) => r[d.0 as usize] = (r[s.0 as usize] as i64 as f64).to_bits(),
            Op::FToI(d, s) => r[d.0 as usize] = f(r[s.0 as usize]) as i64 as u64,
            Op::IToB(d, s) => r[d.0 as usize] = (r[s.0 as usize] != 0) as u64,
            Op::FToB(d, s) => r[d.0 as usize] = (f(r[s.0 as usize]) != 0.0) as u64,
            Op::Load1(d, a, i) => {
                let arr = &fr.arrs[a.0 as usize];
                let idx = r[i.0 as usize] as i64;
                let Some(p) = axis_index(arr, 0, idx) else {
                    return Err(index_err(func, block, pc - 1, idx, 0, arr.shape[0]));
                };
                r[d.0 as usize] = arr.buf.get((arr.offset as isize + p) as usize);
            }
            Op::Load2(d, a, i, j) => {
                let arr = &fr.arrs[a.0 as usize];
                let (x, y) = (r[i.0 as usize] as i64, r[j.0 as usize] as i64);
                let Some(p) = axis_index(arr, 0, x) else {
                    return Err(index_err(func, block, pc - 1, x, 0, arr.shape[0]));
                };
                let Some(q) = axis_index(arr, 1, y) else {
                    return Err(index_err(func, block, pc - 1, y, 1, arr.shape[1]));
                };
                r[d.0 as usize] = arr.buf.get((arr.offset as isize + p + q) as usize);
            }
            Op::Store1(a, i, s) => {
                let arr = &fr.arrs[a.0 as usize];
                let idx = r[i.0 as usize] as i64;
                let Some(p) = axis_index(arr, 0, idx) else {
                    return Err(index_err(func, block, pc - 1, idx, 0, arr.shape[0]));
                };
                arr.buf
                    .set((arr.offset as isize + p) as usize, r[s.0 as usize]);
            }
            Op::Store2(a, i, j, s) => {
                let arr = &fr.arrs[a.0 as usize];
                let (x, y) = (r[i.0 as usize] as i64, r[j.0 as usize] as i64);
                let Some(p) = axis_index(arr, 0, x) else {
                    return Err(index_err(func, block, pc - 1, x, 0, arr.shape[0]));
                };
                let Some(q) = axis_index(arr, 1, y) else {
                    return Err(index_err(func, block, pc - 1, y, 1, arr.shape[1]));
                };
                arr.buf
                    .set((arr.offset as isize + p + q) as usize, r[s.0 as usize]);
            }
            Op::Shape(d, a, k) => {
                let arr = &fr.arrs[a.0 as usize];
                r[d.0 as usize] = if k < arr.nd {
                    arr.shape[k as usize] as u64
                } else {
                    0
                };
            }
            Op::NewArr(d, dtype, n, m) => {
                let rows = r[n.0 as usize] as i64;
                let cols = m.map(|m| r[m.0 as usize] as i64);
                if rows < 0 || cols.is_some_and(|c| c < 0) {
                    return Err(err(
                        func,
                        block,
                        pc - 1,
                        ExcKind::ValueError,
                        "negative dimensions are not allowed".into(),
                    ));
                }
                let shape: Vec<usize> = match cols {
                    Some(c) => vec![rows as usize, c as usize],
                    None => vec![rows as usize],
                };
                let total = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
                let Some(total) = total.filter(|&t| t <= (1usize << 36)) else {
                    return Err(err(
                        func,
                        block,
                        pc - 1,
                        ExcKind::MemoryError,
                        "unable to allocate the array".into(),
                    ));
                };
                let a =
                    crate::array::ndarray::NdArray::from_words(dtype, &shape, vec![0u64; total]);
                fr.arrs[d.0 as usize] = ArrView::from_array(&a);
            }
            Op::Fill(a, s) => {
                let arr = &fr.arrs[a.0 as usize];
                let bits = r[s.0 as usize];
                for w in arr.buf.words() {
                    w.store(bits, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Op::Jump(l) => {
                if (l.0 as usize) < pc && ctrl_c(fr) {
                    return Err(interrupted());
                }
                pc = l.0 as usize
            }
            Op::JumpIfNot(c, l) => {
                if r[c.0 as usize] == 0 {
                    pc = l.0 as usize;
                }
            }
            Op::BrICmp(c, a, b, l) => {
                if !cmp(c, r[a.0 as usize] as i64, r[b.0 as usize] as i64) {
                    pc = l.0 as usize;
                }
            }
            Op::BrFCmp(c, a, b, l) => {
                if !cmp(c, f(r[a.0 as usize]), f(r[b.0 as usize])) {
                    pc = l.0 as usize;
                }
            }
            Op::LoopTest {
                i,
                stop,
                step,
                exit,
            } => {
                let (v, e, s) = (
                    r[i.0 as usize] as i64,
                    r[stop.0 as usize] as i64,
                    r[step.0 as usize] as i64,
                );
                if s == 0 {
                    return Err(err(
                        func,
                        block,
                        pc - 1,
                        ExcKind::ValueError,
                        "range() arg 3 must not be zero".into(),
                    ));
                }
                if !((s > 0 && v < e) || (s < 0 && v > e)) {
                    pc = exit.0 as usize;
                }
            }
            Op::LoopNext { i, stop, step, to } => {
                let s = r[step.0 as usize] as i64;
                let v = (r[i.0 as usize] as i64).wrapping_add(s);
                r[i.0 as usize] = v as u64;
                let e = r[stop.0 as usize] as i64;
                if (s > 0 && v < e) || (s < 0 && v > e) {
                    pc = to.0 as usize;
                } else if ctrl_c(fr) {
                    // Tested once per finished loop (or prange chunk), not per
                    // iteration: nested loops make it frequent enough.
                    return Err(interrupted());
                }
            }
            Op::ThreadId(d) => r[d.0 as usize] = ctx.tid as u64,
            Op::NumThreads(d) => r[d.0 as usize] = ctx.nthreads as u64,
            Op::MaxThreads(d) => r[d.0 as usize] = crate::parallel::default_threads() as u64,
            Op::SetThreads(s) => {
                crate::parallel::set_default_threads((r[s.0 as usize] as i64).max(1) as usize)
            }
            Op::Wtime(d) => r[d.0 as usize] = wtime().to_bits(),
            Op::Print(k) => {
                let line = format_print(&func.prints[k as usize], r);
                crate::stdio::write_stdout(&line);
            }
            Op::Call(k) => call(func, &func.calls[k as usize], fr, ctx)?,
            Op::ParFor(k) => team::run_loop(func, &func.loops[k as usize], fr, ctx)?,
            Op::Region(k) => team::run_region(func, &func.regions[k as usize], fr, ctx)?,
            Op::Raise(k) => {
                let (exc, msg) = &func.raises[k as usize];
                return Err(err(func, block, pc - 1, *exc, msg.clone()));
            }
            Op::Ret(s) => return Ok(Ret::Scalar(r[s.0 as usize])),
            Op::RetArr(s) => return Ok(Ret::Array(fr.arrs[s.0 as usize].clone())),
            Op::End => return Ok(Ret::None),
        }
    }
}

/// How deep kernel calls may nest (a recursive `@njit` function).
const MAX_CALL_DEPTH: usize = 200;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn call(func: &Func, site: &CallSite, fr: &mut Frame, ctx: &TeamCtx) -> KResult<()> {
    let callee = &*site.callee;
    let mut cf = Frame::new(callee);
    cf.interrupt.clone_from(&fr.interrupt);
    for (p, a) in callee.params.iter().zip(&site.args) {
        match (p, a) {
            (ArgRef::Scalar(d), ArgRef::Scalar(s)) => cf.regs[d.0 as usize] = fr.regs[s.0 as usize],
            (ArgRef::Array(d), ArgRef::Array(s)) => {
                cf.arrs[d.0 as usize] = fr.arrs[s.0 as usize].clone()
            }
            _ => {}
        }
    }
    let depth = DEPTH.with(|d| {
        d.set(d.get() + 1);
        d.get()
    });
    let result = if depth > MAX_CALL_DEPTH {
        Err(Box::new(KErr {
            exc: ExcKind::RecursionError,
            msg: "maximum recursion depth exceeded in a kernel".into(),
            line: 0,
        }))
    } else {
        run(callee, 0, &mut cf, ctx)
    };
    DEPTH.with(|d| d.set(d.get() - 1));
    let _ = func;
    match (result?, site.ret) {
        (Ret::Scalar(bits), Some(ArgRef::Scalar(d))) => fr.regs[d.0 as usize] = bits,
        (Ret::Array(a), Some(ArgRef::Array(d))) => fr.arrs[d.0 as usize] = a,
        _ => {}
    }
    Ok(())
}

/// One printf/print call as text.
pub fn format_print(p: &PrintCall, regs: &[u64]) -> String {
    let mut out = String::new();
    for piece in &p.pieces {
        match piece {
            PrintPiece::Text(t) => out.push_str(t),
            PrintPiece::Str(reg, ty) => {
                let bits = regs[reg.0 as usize];
                match ty {
                    Ty::Int => out.push_str(&(bits as i64).to_string()),
                    Ty::Float => out.push_str(&float_repr(f64::from_bits(bits))),
                    _ => out.push_str(if bits != 0 { "True" } else { "False" }),
                }
            }
            PrintPiece::CFormat { spec, reg, ty } => {
                out.push_str(&super::printf::format_one(spec, *ty, regs[reg.0 as usize]))
            }
        }
    }
    out
}
