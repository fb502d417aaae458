//! Element-wise operators and math functions, with NumPy's type rules.
//!
//! `a op b` broadcasts the operands (arrays of 1 or 2 dimensions, Python
//! scalars), picks the computation dtype as NumPy 2 does (NEP 50: a Python
//! scalar adapts to the array's dtype unless it is of a higher kind), casts,
//! and runs one kernel over the output in C order. Outputs of at least
//! [`PAR_MIN`] elements are filled in chunks on the rayon pool (each chunk
//! writes its own part of memory only this call owns, so results never
//! depend on the thread count), and at least `GIL_RELEASE_MIN` elements run
//! with the GIL released: the closure touches only the operands' buffers.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use rayon::prelude::*;

use super::ndarray::{GIL_RELEASE_MIN, NdArray, as_array, shape_compact};
use crate::array::storage::{Buffer, DType, Scalar};
use crate::parallel;
use crate::syntax::ops;
use crate::vm::prelude::*;

/// Below this many output elements a kernel runs on the calling thread.
pub const PAR_MIN: usize = 1 << 16;
const CHUNK: usize = 1 << 15;

/// NumPy's binary ufuncs (`add`, `equal`, …): the element-wise operation an
/// operator or comparison on arrays runs. Arithmetic and comparisons are one
/// set here because NumPy treats them alike (same broadcasting, a result
/// dtype per ufunc); the operators themselves are `syntax::ops`'s, mapped
/// onto ufuncs by `from_binary` and `from_compare`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryUfunc {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryUfunc {
    /// The element-wise form of a binary operator (`@` is not element-wise).
    pub fn from_binary(op: ops::BinOp) -> Option<BinaryUfunc> {
        Some(match op {
            ops::BinOp::Add => BinaryUfunc::Add,
            ops::BinOp::Sub => BinaryUfunc::Sub,
            ops::BinOp::Mul => BinaryUfunc::Mul,
            ops::BinOp::MatMul => return None,
            ops::BinOp::Div => BinaryUfunc::Div,
            ops::BinOp::FloorDiv => BinaryUfunc::FloorDiv,
            ops::BinOp::Mod => BinaryUfunc::Mod,
            ops::BinOp::Pow => BinaryUfunc::Pow,
            ops::BinOp::LShift => BinaryUfunc::LShift,
            ops::BinOp::RShift => BinaryUfunc::RShift,
            ops::BinOp::BitOr => BinaryUfunc::Or,
            ops::BinOp::BitXor => BinaryUfunc::Xor,
            ops::BinOp::BitAnd => BinaryUfunc::And,
        })
    }

    /// The element-wise form of a rich comparison (`==` … `>=`).
    pub fn from_compare(op: ops::CmpOp) -> Option<BinaryUfunc> {
        Some(match op {
            ops::CmpOp::Eq => BinaryUfunc::Eq,
            ops::CmpOp::NotEq => BinaryUfunc::Ne,
            ops::CmpOp::Lt => BinaryUfunc::Lt,
            ops::CmpOp::LtE => BinaryUfunc::Le,
            ops::CmpOp::Gt => BinaryUfunc::Gt,
            ops::CmpOp::GtE => BinaryUfunc::Ge,
            ops::CmpOp::Is | ops::CmpOp::IsNot | ops::CmpOp::In | ops::CmpOp::NotIn => {
                return None;
            }
        })
    }

    pub fn ufunc_name(self) -> &'static str {
        match self {
            BinaryUfunc::Add => "add",
            BinaryUfunc::Sub => "subtract",
            BinaryUfunc::Mul => "multiply",
            BinaryUfunc::Div => "divide",
            BinaryUfunc::FloorDiv => "floor_divide",
            BinaryUfunc::Mod => "remainder",
            BinaryUfunc::Pow => "power",
            BinaryUfunc::LShift => "left_shift",
            BinaryUfunc::RShift => "right_shift",
            BinaryUfunc::Or => "bitwise_or",
            BinaryUfunc::Xor => "bitwise_xor",
            BinaryUfunc::And => "bitwise_and",
            BinaryUfunc::Eq => "equal",
            BinaryUfunc::Ne => "not_equal",
            BinaryUfunc::Lt => "less",
            BinaryUfunc::Le => "less_equal",
            BinaryUfunc::Gt => "greater",
            BinaryUfunc::Ge => "greater_equal",
        }
    }

    fn is_compare(self) -> bool {
        matches!(
            self,
            BinaryUfunc::Eq
                | BinaryUfunc::Ne
                | BinaryUfunc::Lt
                | BinaryUfunc::Le
                | BinaryUfunc::Gt
                | BinaryUfunc::Ge
        )
    }
}

fn not_supported(op: &str) -> PyErr {
    type_error(format!(
        "ufunc '{op}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

// ------------------------------------------------------------- operands

/// An operand: an array, or a Python scalar (NumPy's "weak" scalar).
#[derive(Clone, Copy)]
pub enum Opnd<'a> {
    Arr(&'a NdArray),
    Sc(Scalar),
}

impl Opnd<'_> {
    fn shape(&self) -> &[usize] {
        match self {
            Opnd::Arr(a) => a.shape(),
            Opnd::Sc(_) => &[],
        }
    }
}

/// NumPy 2's result dtype of two operands (NEP 50).
fn promote(a: Opnd, b: Opnd) -> DType {
    match (a, b) {
        (Opnd::Arr(x), Opnd::Arr(y)) => x.dtype.max(y.dtype),
        (Opnd::Arr(x), Opnd::Sc(s)) | (Opnd::Sc(s), Opnd::Arr(x)) => x.dtype.max(s.dtype()),
        (Opnd::Sc(s), Opnd::Sc(t)) => s.dtype().max(t.dtype()),
    }
}

pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n {
            a[i + a.len() - n]
        } else {
            1
        };
        let y = if i + b.len() >= n {
            b[i + b.len() - n]
        } else {
            1
        };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return None;
        };
    }
    Some(out)
}

/// How a kernel reads one operand while walking the output in C order.
#[derive(Clone, Copy)]
enum Src<'a> {
    Const(u64),
    /// Contiguous, the output's own shape.
    Flat(&'a [AtomicU64]),
    Strided {
        buf: &'a Buffer,
        off: isize,
        rs: isize,
        cs: isize,
    },
}

impl Src<'_> {
    #[inline(always)]
    fn at(&self, k: usize, r: usize, c: usize) -> u64 {
        match *self {
            Src::Const(b) => b,
            Src::Flat(s) => s[k].load(Relaxed),
            Src::Strided { buf, off, rs, cs } => {
                buf.get((off + r as isize * rs + c as isize * cs) as usize)
            }
        }
    }
}

/// (rows, cols) of an output shape of 1 or 2 dimensions (0-d: 1×1).
fn out_dims(shape: &[usize]) -> (usize, usize) {
    match *shape {
        [] => (1, 1),
        [n] => (1, n),
        [r, c, ..] => (r, c),
    }
}

/// How to read array `a` broadcast to `out` (already checked compatible).
fn src_of<'a>(a: &'a NdArray, out: &[usize]) -> Src<'a> {
    if a.shape() == out
        && let Some(r) = a.flat_range()
    {
        return Src::Flat(&a.buf.words()[r]);
    }
    let (orow, ocol) = out_dims(out);
    let (rows, cols, rs, cs) = a.dims2();
    Src::Strided {
        buf: &a.buf,
        off: a.offset as isize,
        rs: if rows == 1 && orow != 1 { 0 } else { rs },
        cs: if cols == 1 && ocol != 1 { 0 } else { cs },
    }
}

/// Fill `out` (C order, `cols` per row) with `f(k, row, col)` chunk by chunk,
/// on the rayon pool when large.
fn fill_par<F>(out: &mut [u64], cols: usize, f: F)
where
    F: Fn(&mut [u64], usize, usize, usize) + Sync,
{
    let run = |start: usize, chunk: &mut [u64]| {
        let cols = cols.max(1);
        f(chunk, start, start / cols, start % cols)
    };
    let threads = parallel::default_threads();
    if out.len() >= PAR_MIN && threads > 1 {
        parallel::pool(threads).install(|| {
            out.par_chunks_mut(CHUNK)
                .enumerate()
                .for_each(|(i, ch)| run(i * CHUNK, ch));
        });
    } else {
        run(0, out);
    }
}

/// The output words of `f(a[k], b[k])` over an output of `shape`.
fn map2<F>(shape: &[usize], a: Src, b: Src, f: F) -> Vec<u64>
where
    F: Fn(u64, u64) -> u64 + Sync,
{
    let (rows, cols) = out_dims(shape);
    let mut out = crate::array::storage::alloc_words(rows * cols);
    fill_par(&mut out, cols, |chunk, start, mut r, mut c| match (a, b) {
        (Src::Flat(x), Src::Flat(y)) => {
            let n = chunk.len();
            let (x, y) = (&x[start..start + n], &y[start..start + n]);
            for ((o, x), y) in chunk.iter_mut().zip(x).zip(y) {
                *o = f(x.load(Relaxed), y.load(Relaxed));
            }
        }
        (Src::Flat(x), Src::Const(y)) => {
            let x = &x[start..start + chunk.len()];
            for (o, x) in chunk.iter_mut().zip(x) {
                *o = f(x.load(Relaxed), y);
            }
        }
        (Src::Const(x), Src::Flat(y)) => {
            let y = &y[start..start + chunk.len()];
            for (o, y) in chunk.iter_mut().zip(y) {
                *o = f(x, y.load(Relaxed));
            }
        }
        _ => {
            for (i, o) in chunk.iter_mut().enumerate() {
                let k = start + i;
                *o = f(a.at(k, r, c), b.at(k, r, c));
                c += 1;
                if c == cols {
                    c = 0;
                    r += 1;
                }
            }
        }
    });
    out
}

/// `map2` into `dst` (C order, the output's own shape) instead of a new
/// vector, when given; then the result vector is empty. `dst` may be one of
/// the operands' own words: each element is read before it is written.
fn map2_to<F>(dst: Option<&[AtomicU64]>, shape: &[usize], a: Src, b: Src, f: F) -> Vec<u64>
where
    F: Fn(u64, u64) -> u64 + Sync,
{
    let Some(dst) = dst else {
        return map2(shape, a, b, f);
    };
    let (_, cols) = out_dims(shape);
    let cols = cols.max(1);
    let run = |start: usize, chunk: &[AtomicU64]| match (a, b) {
        (Src::Flat(x), Src::Flat(y)) => {
            let n = chunk.len();
            let (x, y) = (&x[start..start + n], &y[start..start + n]);
            for ((o, x), y) in chunk.iter().zip(x).zip(y) {
                o.store(f(x.load(Relaxed), y.load(Relaxed)), Relaxed);
            }
        }
        (Src::Flat(x), Src::Const(y)) => {
            let x = &x[start..start + chunk.len()];
            for (o, x) in chunk.iter().zip(x) {
                o.store(f(x.load(Relaxed), y), Relaxed);
            }
        }
        _ => {
            let (mut r, mut c) = (start / cols, start % cols);
            for (i, o) in chunk.iter().enumerate() {
                o.store(f(a.at(start + i, r, c), b.at(start + i, r, c)), Relaxed);
                c += 1;
                if c == cols {
                    c = 0;
                    r += 1;
                }
            }
        }
    };
    let threads = parallel::default_threads();
    if dst.len() >= PAR_MIN && threads > 1 {
        parallel::pool(threads).install(|| {
            dst.par_chunks(CHUNK)
                .enumerate()
                .for_each(|(i, ch)| run(i * CHUNK, ch));
        });
    } else {
        run(0, dst);
    }
    Vec::new()
}

fn map1<F>(shape: &[usize], a: Src, f: F) -> Vec<u64>
where
    F: Fn(u64) -> u64 + Sync,
{
    map2(shape, a, Src::Const(0), |x, _| f(x))
}

/// `src` broadcast to `shape`, C order, in its own dtype.
pub fn broadcast_to(src: &NdArray, shape: &[usize]) -> Option<Vec<u64>> {
    match broadcast_shapes(src.shape(), shape) {
        Some(s) if s == shape => Some(map1(shape, src_of(src, shape), |x| x)),
        _ => None,
    }
}

// ------------------------------------------------------------- kernels

fn floordiv_f(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        a / b
    } else {
        float_divmod(a, b).0
    }
}

fn mod_f(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        a % b
    } else {
        float_divmod(a, b).1
    }
}

fn floordiv_i(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let q = a.wrapping_div(b);
    if (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn mod_i(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

#[inline(always)]
fn fb(x: u64) -> f64 {
    f64::from_bits(x)
}

/// Run `op` on operands already cast to `ct` (never Bool for arithmetic
/// other than the logical ones).
fn kernel(
    op: BinaryUfunc,
    ct: DType,
    shape: &[usize],
    a: Src,
    b: Src,
    dst: Option<&[AtomicU64]>,
) -> Vec<u64> {
    macro_rules! f2 {
        (|$x:ident, $y:ident| $e:expr) => {
            map2_to(dst, shape, a, b, |p, q| {
                let $x = fb(p);
                let $y = fb(q);
                $e
            })
        };
    }
    macro_rules! i2 {
        (|$x:ident, $y:ident| $e:expr) => {
            map2_to(dst, shape, a, b, |p, q| {
                let $x = p as i64;
                let $y = q as i64;
                $e
            })
        };
    }
    match ct {
        DType::Float64 => match op {
            BinaryUfunc::Add => f2!(|x, y| (x + y).to_bits()),
            BinaryUfunc::Sub => f2!(|x, y| (x - y).to_bits()),
            BinaryUfunc::Mul => f2!(|x, y| (x * y).to_bits()),
            BinaryUfunc::Div => f2!(|x, y| (x / y).to_bits()),
            BinaryUfunc::FloorDiv => f2!(|x, y| floordiv_f(x, y).to_bits()),
            BinaryUfunc::Mod => f2!(|x, y| mod_f(x, y).to_bits()),
            BinaryUfunc::Pow => match b {
                Src::Const(e) if fb(e) == 2.0 => f2!(|x, _y| (x * x).to_bits()),
                Src::Const(e) if fb(e) == 0.5 => f2!(|x, _y| x.sqrt().to_bits()),
                Src::Const(e) if fb(e) == -1.0 => f2!(|x, _y| (1.0 / x).to_bits()),
                Src::Const(e) if fb(e) == 1.0 => f2!(|x, _y| x.to_bits()),
                _ => f2!(|x, y| x.powf(y).to_bits()),
            },
            BinaryUfunc::Eq => f2!(|x, y| (x == y) as u64),
            BinaryUfunc::Ne => f2!(|x, y| (x != y) as u64),
            BinaryUfunc::Lt => f2!(|x, y| (x < y) as u64),
            BinaryUfunc::Le => f2!(|x, y| (x <= y) as u64),
            BinaryUfunc::Gt => f2!(|x, y| (x > y) as u64),
            BinaryUfunc::Ge => f2!(|x, y| (x >= y) as u64),
            // Rejected by `resolve` before any kernel runs.
            BinaryUfunc::LShift
            | BinaryUfunc::RShift
            | BinaryUfunc::Or
            | BinaryUfunc::Xor
            | BinaryUfunc::And => map2_to(dst, shape, a, b, |_, _| 0),
        },
        DType::Int64 => match op {
            BinaryUfunc::Add => i2!(|x, y| x.wrapping_add(y) as u64),
            BinaryUfunc::Sub => i2!(|x, y| x.wrapping_sub(y) as u64),
            BinaryUfunc::Mul => i2!(|x, y| x.wrapping_mul(y) as u64),
            BinaryUfunc::Div => i2!(|x, y| (x as f64 / y as f64).to_bits()),
            BinaryUfunc::FloorDiv => i2!(|x, y| floordiv_i(x, y) as u64),
            BinaryUfunc::Mod => i2!(|x, y| mod_i(x, y) as u64),
            BinaryUfunc::Pow => i2!(|x, y| wrapping_int_pow(x, y) as u64),
            BinaryUfunc::LShift => i2!(|x, y| if (y as u64) < 64 { (x << y) as u64 } else { 0 }),
            BinaryUfunc::RShift => i2!(|x, y| if (y as u64) < 64 {
                (x >> y) as u64
            } else if x < 0 {
                u64::MAX
            } else {
                0
            }),
            BinaryUfunc::Or => i2!(|x, y| (x | y) as u64),
            BinaryUfunc::Xor => i2!(|x, y| (x ^ y) as u64),
            BinaryUfunc::And => i2!(|x, y| (x & y) as u64),
            BinaryUfunc::Eq => i2!(|x, y| (x == y) as u64),
            BinaryUfunc::Ne => i2!(|x, y| (x != y) as u64),
            BinaryUfunc::Lt => i2!(|x, y| (x < y) as u64),
            BinaryUfunc::Le => i2!(|x, y| (x <= y) as u64),
            BinaryUfunc::Gt => i2!(|x, y| (x > y) as u64),
            BinaryUfunc::Ge => i2!(|x, y| (x >= y) as u64),
        },
        // Bool words are 0/1: the logical ops and comparisons.
        DType::Bool => match op {
            BinaryUfunc::Add | BinaryUfunc::Or => map2_to(dst, shape, a, b, |x, y| x | y),
            BinaryUfunc::Mul | BinaryUfunc::And => map2_to(dst, shape, a, b, |x, y| x & y),
            BinaryUfunc::Xor | BinaryUfunc::Ne => map2_to(dst, shape, a, b, |x, y| x ^ y),
            BinaryUfunc::Eq => map2_to(dst, shape, a, b, |x, y| (x == y) as u64),
            BinaryUfunc::Lt => map2_to(dst, shape, a, b, |x, y| (x < y) as u64),
            BinaryUfunc::Le => map2_to(dst, shape, a, b, |x, y| (x <= y) as u64),
            BinaryUfunc::Gt => map2_to(dst, shape, a, b, |x, y| (x > y) as u64),
            BinaryUfunc::Ge => map2_to(dst, shape, a, b, |x, y| (x >= y) as u64),
            _ => map2_to(dst, shape, a, b, |_, _| 0),
        },
    }
}

/// (computation dtype, output dtype) of `a op b`, or NumPy's TypeError.
fn resolve(op: BinaryUfunc, a: Opnd, b: Opnd) -> PyResult<(DType, DType)> {
    let mut ct = promote(a, b);
    match (op, ct) {
        (BinaryUfunc::Div, _) => ct = DType::Float64,
        (BinaryUfunc::Sub, DType::Bool) => {
            return Err(type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ));
        }
        (
            BinaryUfunc::FloorDiv
            | BinaryUfunc::Mod
            | BinaryUfunc::Pow
            | BinaryUfunc::LShift
            | BinaryUfunc::RShift,
            DType::Bool,
        ) => ct = DType::Int64,
        (
            BinaryUfunc::LShift
            | BinaryUfunc::RShift
            | BinaryUfunc::Or
            | BinaryUfunc::Xor
            | BinaryUfunc::And,
            DType::Float64,
        ) => {
            return Err(not_supported(op.ufunc_name()));
        }
        _ => {}
    }
    let out = if op.is_compare() { DType::Bool } else { ct };
    Ok((ct, out))
}

/// `a op b` as a new array (operands borrowed; no interpreter state used).
pub fn compute(vm: &mut Vm, op: BinaryUfunc, a: Opnd, b: Opnd) -> PyResult<NdArray> {
    let Some(shape) = broadcast_shapes(a.shape(), b.shape()) else {
        return Err(value_error(format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_compact(a.shape()),
            shape_compact(b.shape())
        )));
    };
    let (ct, out_dt) = resolve(op, a, b)?;
    if op == BinaryUfunc::Pow && ct == DType::Int64 {
        let negative = match b {
            Opnd::Sc(s) => {
                s.cast(DType::Int64) != Scalar::Int(0) && (s.cast(DType::Int64).bits() as i64) < 0
            }
            Opnd::Arr(x) => x.dtype == DType::Int64 && x.words().iter().any(|&w| (w as i64) < 0),
        };
        if negative {
            return Err(value_error(
                "Integers to negative integer powers are not allowed.",
            ));
        }
    }
    let n: usize = shape.iter().product();
    let run = || {
        // Operands not already in the computation dtype are cast first.
        let cast_a;
        let cast_b;
        let sa = match a {
            Opnd::Sc(s) => Src::Const(s.cast(ct).bits()),
            Opnd::Arr(x) if x.dtype == ct => src_of(x, &shape),
            Opnd::Arr(x) => {
                cast_a = cast_array(x, ct);
                src_of(&cast_a, &shape)
            }
        };
        let sb = match b {
            Opnd::Sc(s) => Src::Const(s.cast(ct).bits()),
            Opnd::Arr(x) if x.dtype == ct => src_of(x, &shape),
            Opnd::Arr(x) => {
                cast_b = cast_array(x, ct);
                src_of(&cast_b, &shape)
            }
        };
        kernel(op, ct, &shape, sa, sb, None)
    };
    let words = if n >= GIL_RELEASE_MIN {
        vm.allow_threads("elementwise", run)
    } else {
        run()
    };
    Ok(NdArray::from_words(out_dt, &shape, words))
}

/// NumPy's temporary elision: `t op b` where `t` is a temporary array
/// nobody else can see (the caller checked: its Value and its buffer are
/// unshared, and it is contiguous) computes into `t`'s own elements instead
/// of a new array — `a * b + c` allocates one array, not two. None when the
/// result would not fit `t` (another dtype or shape, or an integer power
/// that needs its error check): then the ordinary path runs.
pub fn compute_into_temp(
    vm: &mut Vm,
    op: BinaryUfunc,
    t: &NdArray,
    other: &Value,
) -> Option<PyResult<()>> {
    let y = match operand(vm, other)? {
        Ok(y) => y,
        Err(e) => return Some(Err(e)),
    };
    let b = y.opnd();
    let (ct, out_dt) = resolve(op, Opnd::Arr(t), b).ok()?;
    let shape = t.shape().to_vec();
    if ct != t.dtype
        || out_dt != t.dtype
        || (op == BinaryUfunc::Pow && ct == DType::Int64)
        || broadcast_shapes(&shape, b.shape()).as_deref() != Some(&shape[..])
    {
        return None;
    }
    let dst = &t.buf.words()[t.flat_range()?];
    let run = || {
        let cast_b;
        let sb = match b {
            Opnd::Sc(s) => Src::Const(s.cast(ct).bits()),
            Opnd::Arr(x) if x.dtype == ct => src_of(x, &shape),
            Opnd::Arr(x) => {
                cast_b = cast_array(x, ct);
                src_of(&cast_b, &shape)
            }
        };
        kernel(op, ct, &shape, Src::Flat(dst), sb, Some(dst));
    };
    if dst.len() >= GIL_RELEASE_MIN {
        vm.allow_threads("elementwise", run);
    } else {
        run();
    }
    Some(Ok(()))
}

/// A contiguous copy of `x` in dtype `to`.
fn cast_array(x: &NdArray, to: DType) -> NdArray {
    let from = x.dtype;
    let shape = x.shape().to_vec();
    let words = map1(&shape, src_of(x, &shape), move |w| {
        Scalar::from_bits(from, w).cast(to).bits()
    });
    NdArray::from_words(to, &shape, words)
}

/// A Value as an operand: arrays borrowed, Python scalars weak, lists and
/// tuples converted; None when it is none of these (NotImplemented).
fn operand(vm: &mut Vm, v: &Value) -> Option<PyResult<Operand>> {
    if v.downcast::<NdArray>().is_some() {
        return Some(Ok(Operand::Value(v.clone())));
    }
    if let Some(s) = Scalar::from_value(v) {
        return Some(s.map(Operand::Scalar));
    }
    if matches!(v, Value::List(_) | Value::Tuple(_)) {
        return Some(as_array(vm, v).map(|a| match a {
            super::ndarray::ArrayRef::Shared(v) => Operand::Value(v),
            super::ndarray::ArrayRef::Owned(a) => Operand::Owned(a),
        }));
    }
    None
}

enum Operand {
    Value(Value),
    Owned(Box<NdArray>),
    Scalar(Scalar),
}

impl Operand {
    fn opnd(&self) -> Opnd<'_> {
        match self {
            Operand::Value(v) => Opnd::Arr(v.downcast::<NdArray>().expect("an ndarray")),
            Operand::Owned(a) => Opnd::Arr(a),
            Operand::Scalar(s) => Opnd::Sc(*s),
        }
    }
}

/// `a op b` for Values (one of them an array); None: NotImplemented.
pub fn binary_values(
    vm: &mut Vm,
    op: BinaryUfunc,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    let x = match operand(vm, a)? {
        Ok(x) => x,
        Err(e) => return Some(Err(e)),
    };
    let y = match operand(vm, b)? {
        Ok(y) => y,
        Err(e) => return Some(Err(e)),
    };
    Some(compute(vm, op, x.opnd(), y.opnd()).map(NdArray::into_value))
}

/// `a op= b`: computed, then written back into `a`'s own elements.
pub fn inplace(vm: &mut Vm, op: BinaryUfunc, this: &Value, other: &Value) -> PyResult<()> {
    let a = super::ndarray::this_array(this)?;
    let y = match operand(vm, other) {
        Some(y) => y?,
        None => {
            return Err(type_error(format!(
                "unsupported operand type(s) for {}=: 'numpy.ndarray' and '{}'",
                ops::BinOp::ALL
                    .into_iter()
                    .find(|o| BinaryUfunc::from_binary(*o) == Some(op))
                    .map_or("?", ops::BinOp::symbol),
                other.type_name()
            )));
        }
    };
    let r = compute(vm, op, Opnd::Arr(a), y.opnd())?;
    if r.dtype > a.dtype {
        return Err(super::ufunc_type_error(format!(
            "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            op.ufunc_name(),
            r.dtype.name(),
            a.dtype.name()
        )));
    }
    if r.shape() != a.shape() {
        return Err(value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_compact(a.shape()),
            shape_compact(r.shape())
        )));
    }
    let (rd, ad) = (r.dtype, a.dtype);
    let src = &r.buf.words()[..r.size()];
    let write = || {
        let conv = |w: u64| {
            if rd == ad {
                w
            } else {
                Scalar::from_bits(rd, w).cast(ad).bits()
            }
        };
        match a.flat_range() {
            Some(range) => {
                let dst = &a.buf.words()[range];
                let copy =
                    |(d, s): (&AtomicU64, &AtomicU64)| d.store(conv(s.load(Relaxed)), Relaxed);
                let threads = parallel::default_threads();
                if dst.len() >= PAR_MIN && threads > 1 {
                    parallel::pool(threads).install(|| {
                        dst.par_chunks(CHUNK)
                            .zip(src.par_chunks(CHUNK))
                            .for_each(|(d, s)| d.iter().zip(s).for_each(copy));
                    });
                } else {
                    dst.iter().zip(src).for_each(copy);
                }
            }
            None => {
                let mut i = 0;
                a.for_each_pos(|p| {
                    a.buf.set(p, conv(src[i].load(Relaxed)));
                    i += 1;
                });
            }
        }
    };
    if src.len() >= GIL_RELEASE_MIN {
        vm.allow_threads("assign", write);
    } else {
        write();
    }
    Ok(())
}

// ------------------------------------------------------------- unary

/// The math functions `np.sqrt` & co.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UFunc {
    Sqrt,
    Exp,
    Log,
    Log10,
    Sin,
    Cos,
    Tan,
    Abs,
    Floor,
    Ceil,
    Negative,
}

fn apply_f(f: UFunc, x: f64) -> f64 {
    match f {
        UFunc::Sqrt => x.sqrt(),
        UFunc::Exp => x.exp(),
        UFunc::Log => x.ln(),
        UFunc::Log10 => x.log10(),
        UFunc::Sin => x.sin(),
        UFunc::Cos => x.cos(),
        UFunc::Tan => x.tan(),
        UFunc::Abs => x.abs(),
        UFunc::Floor => x.floor(),
        UFunc::Ceil => x.ceil(),
        UFunc::Negative => -x,
    }
}

/// `f(a)` for an array.
pub fn ufunc_array(vm: &mut Vm, f: UFunc, a: &NdArray) -> PyResult<NdArray> {
    let shape = a.shape().to_vec();
    let dt = a.dtype;
    let out_dt = match (f, dt) {
        (UFunc::Abs | UFunc::Negative, d) => d,
        (UFunc::Floor | UFunc::Ceil, DType::Bool) => return Err(not_supported(ufunc_str(f))),
        (UFunc::Floor | UFunc::Ceil, d) => d,
        _ => DType::Float64,
    };
    if f == UFunc::Negative && dt == DType::Bool {
        return Err(type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
        ));
    }
    let run = || {
        let src = src_of(a, &shape);
        match (dt, out_dt) {
            (DType::Int64, DType::Int64) => match f {
                UFunc::Abs => map1(&shape, src, |x| (x as i64).wrapping_abs() as u64),
                UFunc::Negative => map1(&shape, src, |x| (x as i64).wrapping_neg() as u64),
                _ => map1(&shape, src, |x| x),
            },
            (DType::Bool, DType::Bool) => map1(&shape, src, |x| x),
            (DType::Float64, _) => map1(&shape, src, |x| apply_f(f, fb(x)).to_bits()),
            (from, _) => map1(&shape, src, |x| {
                apply_f(f, Scalar::from_bits(from, x).as_f64()).to_bits()
            }),
        }
    };
    let words = if a.size() >= GIL_RELEASE_MIN {
        vm.allow_threads("ufunc", run)
    } else {
        run()
    };
    Ok(NdArray::from_words(out_dt, &shape, words))
}

fn ufunc_str(f: UFunc) -> &'static str {
    match f {
        UFunc::Sqrt => "sqrt",
        UFunc::Exp => "exp",
        UFunc::Log => "log",
        UFunc::Log10 => "log10",
        UFunc::Sin => "sin",
        UFunc::Cos => "cos",
        UFunc::Tan => "tan",
        UFunc::Abs => "absolute",
        UFunc::Floor => "floor",
        UFunc::Ceil => "ceil",
        UFunc::Negative => "negative",
    }
}

/// `np.sqrt(x)` & co. for any argument: arrays, lists, Python scalars.
pub fn ufunc_value(vm: &mut Vm, f: UFunc, v: &Value) -> PyResult<Value> {
    if let Some(s) = Scalar::from_value(v) {
        return Ok(match (f, s?) {
            (UFunc::Abs, Scalar::Int(i)) => Value::Int(i.wrapping_abs()),
            (UFunc::Abs, Scalar::Bool(b)) => Value::bool(b),
            (_, s) => Value::float(apply_f(f, s.as_f64())),
        });
    }
    let a = as_array(vm, v)?;
    Ok(ufunc_array(vm, f, &a)?.into_value())
}

/// Unary `-`, `+`, `~`.
pub fn unary_op(vm: &mut Vm, a: &NdArray, op: ops::UnaryOp) -> PyResult<Value> {
    match op {
        ops::UnaryOp::Neg => Ok(ufunc_array(vm, UFunc::Negative, a)?.into_value()),
        ops::UnaryOp::Pos => Ok(a.copy_as(a.dtype).into_value()),
        ops::UnaryOp::Invert => {
            let shape = a.shape().to_vec();
            let words = match a.dtype {
                DType::Bool => map1(&shape, src_of(a, &shape), |x| x ^ 1),
                DType::Int64 => map1(&shape, src_of(a, &shape), |x| !x),
                DType::Float64 => return Err(not_supported("invert")),
            };
            Ok(NdArray::from_words(a.dtype, &shape, words).into_value())
        }
        _ => Err(internal_error("unknown unary operator")),
    }
}
