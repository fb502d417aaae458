//! The kernel IR: typed, register based, one `Op` per machine operation.
//!
//! A kernel is a [`Func`]: blocks of ops over a frame of `u64` registers
//! (int64 as is, float64 as its bits, bool as 0/1) and array slots. Block 0
//! is the entry; every parallel loop body and parallel region is a block of
//! its own, run by a team (see `team.rs`). Operands are typed indices
//! (`Reg`, `Slot`, `Label`) so a read/write mix-up is a type error. Ops are
//! small and `Copy`; their source lines live in a parallel vector (looked up
//! only when an error is raised). Anything with a variable-sized payload
//! (printf, calls, loops) sits in a side table of the `Func`, the op holding
//! its index.

use std::sync::Arc;

pub use crate::compile::cython::prange::{RedOp, Schedule};

use super::types::Ty;
use crate::array::storage::DType;
use crate::vm::prelude::ExcKind;

/// A scalar register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg(pub u32);
/// An array slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(pub u32);
/// An op index inside the current block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// Integer binary operations (wrapping, as int64 in Numba and C).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IOp {
    Add,
    Sub,
    Mul,
    /// Python's floor division; ZeroDivisionError on 0.
    FloorDiv,
    /// Python's modulo (sign of the divisor); ZeroDivisionError on 0.
    Mod,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Min,
    Max,
    /// `a ** b`, b ≥ 0 (wrapping).
    Pow,
}

/// Float binary operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FOp {
    Add,
    Sub,
    Mul,
    /// ZeroDivisionError on 0.0, as Python (and Numba) do.
    Div,
    FloorDiv,
    Mod,
    Pow,
    Min,
    Max,
    Atan2,
    Hypot,
    Fmod,
    Copysign,
}

/// Comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// One-argument float functions (`math`/`libc.math`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathFn {
    Sqrt,
    Exp,
    Log,
    Log2,
    Log10,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Floor,
    Ceil,
    Trunc,
    Abs,
    Round,
    IsNan,
    IsInf,
    IsFinite,
}

impl MathFn {
    pub fn by_name(name: &str) -> Option<MathFn> {
        use MathFn::*;
        Some(match name {
            "sqrt" => Sqrt,
            "exp" => Exp,
            "log" => Log,
            "log2" => Log2,
            "log10" => Log10,
            "sin" => Sin,
            "cos" => Cos,
            "tan" => Tan,
            "asin" | "arcsin" => Asin,
            "acos" | "arccos" => Acos,
            "atan" | "arctan" => Atan,
            "sinh" => Sinh,
            "cosh" => Cosh,
            "tanh" => Tanh,
            "floor" => Floor,
            "ceil" => Ceil,
            "trunc" => Trunc,
            "fabs" => Abs,
            "isnan" => IsNan,
            "isinf" => IsInf,
            "isfinite" => IsFinite,
            _ => return None,
        })
    }

    /// Does it give a bool (`isnan`) rather than a float?
    pub fn is_predicate(self) -> bool {
        matches!(self, MathFn::IsNan | MathFn::IsInf | MathFn::IsFinite)
    }
}

/// One kernel instruction. `d` is the destination register.
#[derive(Clone, Copy, Debug)]
pub enum Op {
    /// `d := bits`
    Const(Reg, u64),
    /// `d := s`
    Mov(Reg, Reg),
    /// array slot `d := s` (shares the buffer)
    AMov(Slot, Slot),
    /// `d := a + b` on float64 (the common operations have ops of their
    /// own: a nested match on the operator costs a second indirect jump)
    AddF(Reg, Reg, Reg),
    /// `d := a - b` on float64
    SubF(Reg, Reg, Reg),
    /// `d := a * b` on float64
    MulF(Reg, Reg, Reg),
    /// `d := a + b` on int64 (wrapping)
    AddI(Reg, Reg, Reg),
    /// `d := a - b` on int64 (wrapping)
    SubI(Reg, Reg, Reg),
    /// `d := a * b` on int64 (wrapping)
    MulI(Reg, Reg, Reg),
    /// `d := a op b` on int64 (wrapping; floor division and modulo check 0)
    IBin(IOp, Reg, Reg, Reg),
    /// `d := a op b` on float64
    FBin(FOp, Reg, Reg, Reg),
    /// `d := a cmp b` on int64 (bools compare as ints)
    ICmp(Cmp, Reg, Reg, Reg),
    /// `d := a cmp b` on float64
    FCmp(Cmp, Reg, Reg, Reg),
    /// `d := -s` (int64, wrapping)
    INeg(Reg, Reg),
    /// `d := -s` (float64)
    FNeg(Reg, Reg),
    /// `d := ~s` (int64)
    IInvert(Reg, Reg),
    /// `d := |s|` (int64, wrapping)
    IAbs(Reg, Reg),
    /// `d := not s` (bool)
    Not(Reg, Reg),
    /// `d := f(s)` on float64
    Math(MathFn, Reg, Reg),
    /// `d := s as f64`
    IToF(Reg, Reg),
    /// `d := trunc(s)` (float → int64, saturating as C casts on x86-64)
    FToI(Reg, Reg),
    /// `d := s != 0`
    IToB(Reg, Reg),
    /// `d := s != 0.0`
    FToB(Reg, Reg),
    /// `d := arr[i]` (1-D; negative indices wrap; IndexError out of range)
    Load1(Reg, Slot, Reg),
    /// `d := arr[i, j]`
    Load2(Reg, Slot, Reg, Reg),
    /// `arr[i] := s`
    Store1(Slot, Reg, Reg),
    /// `arr[i, j] := s`
    Store2(Slot, Reg, Reg, Reg),
    /// `d := arr.shape[k]` (k a constant)
    Shape(Reg, Slot, u8),
    /// `d := new zeroed array` of dtype, shape (n, m) — m is `None` for 1-D
    NewArr(Slot, DType, Reg, Option<Reg>),
    /// fill array `d` with the bits of `s` (`np.ones`, `np.full`)
    Fill(Slot, Reg),
    /// `goto l`
    Jump(Label),
    /// `if !c goto l`
    JumpIfNot(Reg, Label),
    /// `if !(step > 0 ? i < stop : i > stop) goto exit` — a counted loop's
    /// entry test (ValueError when step is 0)
    LoopTest {
        i: Reg,
        stop: Reg,
        step: Reg,
        exit: Label,
    },
    /// `if !(a cmp b) goto l` on int64 — a comparison fused with the branch
    /// that tests it
    BrICmp(Cmp, Reg, Reg, Label),
    /// `if !(a cmp b) goto l` on float64
    BrFCmp(Cmp, Reg, Reg, Label),
    /// `i += step; if (step > 0 ? i < stop : i > stop) goto l` — a counted
    /// loop's back edge in one op
    LoopNext {
        i: Reg,
        stop: Reg,
        step: Reg,
        to: Label,
    },
    /// `d := the worker's index in its team` (0 outside a team)
    ThreadId(Reg),
    /// `d := the size of the current team` (1 outside a team)
    NumThreads(Reg),
    /// `d := the team size the next parallel loop would get`
    MaxThreads(Reg),
    /// `omp_set_num_threads(s)` / `numba.set_num_threads(s)`
    SetThreads(Reg),
    /// `d := seconds since an arbitrary epoch` (`omp_get_wtime`)
    Wtime(Reg),
    /// `printf(...)`: `Func::prints[k]`, written as one line-atomic write
    Print(u32),
    /// call `Func::calls[k]`
    Call(u32),
    /// run parallel loop `Func::loops[k]` on a team
    ParFor(u32),
    /// run parallel region `Func::regions[k]` on a team
    Region(u32),
    /// raise `Func::raises[k]`
    Raise(u32),
    /// return scalar `s`
    Ret(Reg),
    /// return array slot `s`
    RetArr(Slot),
    /// return None (end of a function or a block)
    End,
}

/// A block of ops with the source line of each.
#[derive(Clone, Default, Debug)]
pub struct Block {
    pub ops: Vec<Op>,
    pub lines: Vec<u32>,
}

/// One piece of a printf/print call.
#[derive(Clone, Debug)]
pub enum PrintPiece {
    Text(String),
    /// A C conversion (`%d`, `%.3f`, `%5s`…) of a register of type `Ty`.
    CFormat {
        spec: String,
        reg: Reg,
        ty: Ty,
    },
    /// Python's `str()` of a register (kernel `print`).
    Str(Reg, Ty),
}

#[derive(Clone, Debug)]
pub struct PrintCall {
    pub pieces: Vec<PrintPiece>,
}

/// An argument passed to another kernel.
#[derive(Clone, Copy, Debug)]
pub enum ArgRef {
    Scalar(Reg),
    Array(Slot),
}

/// A call to another kernel (an `@njit` function, a `nogil` function).
#[derive(Clone, Debug)]
pub struct CallSite {
    pub callee: Arc<Func>,
    pub args: Vec<ArgRef>,
    pub ret: Option<ArgRef>,
}

/// A scalar reduction: the variable's register, its operator and type.
#[derive(Clone, Copy, Debug)]
pub struct Reduction {
    pub reg: Reg,
    pub op: RedOp,
    pub ty: Ty,
}

/// A `prange` loop: block `body` runs one chunk of iterations — `index`
/// from the chunk's first value while before `chunk_end` (both set by the
/// worker) — and ends with the loop's back edge.
#[derive(Clone, Debug)]
pub struct ParLoop {
    pub body: usize,
    pub index: Reg,
    pub chunk_end: Reg,
    pub start: Reg,
    pub stop: Reg,
    pub step: Reg,
    pub schedule: Schedule,
    pub chunk: Option<Reg>,
    pub num_threads: Option<Reg>,
    pub use_threads_if: Option<Reg>,
    pub reductions: Vec<Reduction>,
    /// Registers assigned in the body: copied back from the last iteration.
    pub lastprivate: Vec<Reg>,
    pub lastprivate_arrays: Vec<Slot>,
    pub line: u32,
}

/// A `with nogil, parallel():` region: block `body` runs once per worker.
#[derive(Clone, Debug)]
pub struct ParRegion {
    pub body: usize,
    pub num_threads: Option<Reg>,
}

/// A compiled kernel.
#[derive(Clone, Debug, Default)]
pub struct Func {
    pub name: String,
    pub blocks: Vec<Block>,
    pub nregs: usize,
    pub nslots: usize,
    /// Where the arguments go, in order.
    pub params: Vec<ArgRef>,
    /// The return type (None: returns None).
    pub ret: Option<Ty>,
    pub prints: Vec<PrintCall>,
    pub calls: Vec<CallSite>,
    pub loops: Vec<ParLoop>,
    pub regions: Vec<ParRegion>,
    /// (exception class, message) for `Op::Raise`.
    pub raises: Vec<(ExcKind, String)>,
}

impl Func {
    /// The IR as text, one op per line (`mini` prints it for debugging).
    pub fn dump(&self) -> String {
        let mut out = format!(
            "kernel {} ({} regs, {} arrays)\n",
            self.name, self.nregs, self.nslots
        );
        for (b, block) in self.blocks.iter().enumerate() {
            out.push_str(&format!("block {b}:\n"));
            for (pc, (op, line)) in block.ops.iter().zip(&block.lines).enumerate() {
                out.push_str(&format!("  {pc:4} L{line:<4} {op:?}\n"));
            }
        }
        out
    }
}
