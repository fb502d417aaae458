//! Reductions: `sum prod mean min max any all argmin argmax std var`, over
//! the whole array or along an axis.
//!
//! Float sums use NumPy's pairwise summation (blocks of 128 unrolled by 8,
//! halving above that) in the same order NumPy does, so results match it to
//! the last bit: over contiguous runs and along the last axis pairwise,
//! along axis 0 row after row. Large pairwise sums split their recursion
//! with `rayon::join`, which changes where the work runs but not the order
//! of the additions: the result is the same for every thread count. The
//! other reductions are exact (integer wrap-around, min/max, any/all) and
//! are combined chunk by chunk in order, so they are deterministic too.
//! Arrays of at least `GIL_RELEASE_MIN` elements are reduced with the GIL
//! released.

use rayon::prelude::*;

use super::elementwise::PAR_MIN;
use super::ndarray::{GIL_RELEASE_MIN, NdArray};
use crate::array::storage::{Buffer, DType, Scalar};
use crate::parallel;
use crate::vm::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Sum,
    Prod,
    Mean,
    Min,
    Max,
    Any,
    All,
    ArgMax,
    ArgMin,
    Std,
    Var,
}

/// One run of elements to reduce.
#[derive(Clone, Copy)]
struct Lane<'a> {
    buf: &'a Buffer,
    off: isize,
    stride: isize,
    len: usize,
    dtype: DType,
}

impl Lane<'_> {
    #[inline(always)]
    fn word(&self, i: usize) -> u64 {
        self.buf.get((self.off + i as isize * self.stride) as usize)
    }
    #[inline(always)]
    fn f(&self, i: usize) -> f64 {
        let w = self.word(i);
        match self.dtype {
            DType::Float64 => f64::from_bits(w),
            DType::Int64 => w as i64 as f64,
            DType::Bool => w as f64,
        }
    }
}

/// Threads for this call (1 below the parallel threshold).
fn threads_for(n: usize) -> usize {
    if n >= PAR_MIN {
        parallel::default_threads()
    } else {
        1
    }
}

/// NumPy's `pairwise_sum` over `g(lo..lo+n)`.
fn pairwise<G: Fn(usize) -> f64 + Sync>(g: &G, lo: usize, n: usize, par: bool) -> f64 {
    if n < 8 {
        let mut res = 0.0;
        for i in lo..lo + n {
            res += g(i);
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (j, x) in r.iter_mut().enumerate() {
            *x = g(lo + j);
        }
        let mut i = 8;
        while i < n - (n % 8) {
            for (j, x) in r.iter_mut().enumerate() {
                *x += g(lo + i + j);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += g(lo + i);
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        if par && n >= PAR_MIN {
            let (x, y) = rayon::join(
                || pairwise(g, lo, n2, par),
                || pairwise(g, lo + n2, n - n2, par),
            );
            x + y
        } else {
            pairwise(g, lo, n2, par) + pairwise(g, lo + n2, n - n2, par)
        }
    }
}

/// The float sum of a lane as NumPy computes it (casting dtypes are summed
/// in NumPy's buffer-sized pieces).
fn lane_sum_f(l: &Lane, par: bool) -> f64 {
    let g = |i: usize| l.f(i);
    if l.dtype == DType::Float64 {
        return pairwise(&g, 0, l.len, par);
    }
    let mut acc = 0.0;
    let mut lo = 0;
    while lo < l.len {
        let n = (l.len - lo).min(8192);
        acc += pairwise(&g, lo, n, par);
        lo += n;
    }
    acc
}

/// Fold a lane chunk by chunk (in parallel when long), combining in order.
fn fold_lane<T, F, C>(l: &Lane, init: T, f: F, combine: C, par: bool) -> T
where
    T: Copy + Send + Sync,
    F: Fn(T, usize, u64) -> T + Sync,
    C: Fn(T, T) -> T + Sync,
{
    if par && l.len >= PAR_MIN {
        let chunks: Vec<(usize, usize)> = (0..l.len)
            .step_by(1 << 15)
            .map(|s| (s, (s + (1 << 15)).min(l.len)))
            .collect();
        let parts: Vec<T> = chunks
            .par_iter()
            .map(|&(s, e)| (s..e).fold(init, |acc, i| f(acc, i, l.word(i))))
            .collect();
        parts.into_iter().fold(init, combine)
    } else {
        (0..l.len).fold(init, |acc, i| f(acc, i, l.word(i)))
    }
}

fn nan_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// Is `b` a better arg-extremum than `a` (ties keep the first; the first
/// NaN wins)?
fn better(max: bool, a: f64, b: f64) -> bool {
    if a.is_nan() {
        return false;
    }
    if b.is_nan() {
        return true;
    }
    if max { b > a } else { b < a }
}

/// Reduce one lane; `sequential` sums in plain order (axis 0).
fn reduce_lane(l: &Lane, kind: Kind, par: bool) -> PyResult<Scalar> {
    let n = l.len;
    let dt = l.dtype;
    Ok(match kind {
        Kind::Mean => Scalar::Float(lane_sum_f(l, par) / n as f64),
        Kind::Sum if dt == DType::Float64 => Scalar::Float(lane_sum_f(l, par)),
        Kind::Sum => Scalar::Int(fold_lane(
            l,
            0i64,
            |a, _, w| a.wrapping_add(w as i64),
            i64::wrapping_add,
            par,
        )),
        Kind::Prod => match dt {
            DType::Float64 => Scalar::Float((0..n).fold(1.0, |a, i| a * l.f(i))),
            _ => Scalar::Int((0..n).fold(1i64, |a, i| a.wrapping_mul(l.word(i) as i64))),
        },
        Kind::Min | Kind::Max => {
            if n == 0 {
                return Err(value_error(format!(
                    "zero-size array to reduction operation {} which has no identity",
                    if kind == Kind::Min {
                        "minimum"
                    } else {
                        "maximum"
                    }
                )));
            }
            let max = kind == Kind::Max;
            match dt {
                DType::Float64 => {
                    let first = l.f(0);
                    let op = if max { nan_max } else { nan_min };
                    Scalar::Float(fold_lane(
                        l,
                        first,
                        |a, _, w| op(a, f64::from_bits(w)),
                        op,
                        par,
                    ))
                }
                DType::Int64 => {
                    let first = l.word(0) as i64;
                    let op = if max { i64::max } else { i64::min };
                    Scalar::Int(fold_lane(l, first, |a, _, w| op(a, w as i64), op, par))
                }
                DType::Bool => {
                    let any = fold_lane(l, false, |a, _, w| a || w != 0, |a, b| a || b, par);
                    let all = fold_lane(l, true, |a, _, w| a && w != 0, |a, b| a && b, par);
                    Scalar::Bool(if max { any } else { all })
                }
            }
        }
        Kind::Any => Scalar::Bool(fold_lane(
            l,
            false,
            |a, i, _| a || l.f(i) != 0.0,
            |a, b| a || b,
            par,
        )),
        Kind::All => Scalar::Bool(fold_lane(
            l,
            true,
            |a, i, _| a && l.f(i) != 0.0,
            |a, b| a && b,
            par,
        )),
        Kind::ArgMax | Kind::ArgMin => {
            if n == 0 {
                return Err(value_error(format!(
                    "attempt to get {} of an empty sequence",
                    if kind == Kind::ArgMax {
                        "argmax"
                    } else {
                        "argmin"
                    }
                )));
            }
            let max = kind == Kind::ArgMax;
            let pick = |a: (usize, f64), b: (usize, f64)| if better(max, a.1, b.1) { b } else { a };
            let (i, _) = fold_lane(l, (0, l.f(0)), |a, i, _| pick(a, (i, l.f(i))), pick, par);
            Scalar::Int(i as i64)
        }
        Kind::Std | Kind::Var => {
            let mean = lane_sum_f(l, par) / n as f64;
            let g = |i: usize| {
                let d = l.f(i) - mean;
                d * d
            };
            let var = pairwise(&g, 0, n, par) / n as f64;
            Scalar::Float(if kind == Kind::Std { var.sqrt() } else { var })
        }
    })
}

/// Axis-0 reductions that NumPy computes row after row.
fn reduce_columns(a: &NdArray, kind: Kind) -> Option<Vec<Scalar>> {
    let (rows, cols, rs, cs) = a.dims2();
    let at = |r: usize, c: usize| {
        a.buf
            .get((a.offset as isize + r as isize * rs + c as isize * cs) as usize)
    };
    let f = |r: usize, c: usize| Scalar::from_bits(a.dtype, at(r, c)).as_f64();
    match kind {
        Kind::Sum if a.dtype != DType::Float64 => None,
        Kind::Sum | Kind::Mean => Some(
            (0..cols)
                .map(|c| {
                    let s = (0..rows).fold(0.0, |acc, r| acc + f(r, c));
                    Scalar::Float(if kind == Kind::Mean {
                        s / rows as f64
                    } else {
                        s
                    })
                })
                .collect(),
        ),
        Kind::Std | Kind::Var => Some(
            (0..cols)
                .map(|c| {
                    let mean = (0..rows).fold(0.0, |acc, r| acc + f(r, c)) / rows as f64;
                    let v = (0..rows).fold(0.0, |acc, r| {
                        let d = f(r, c) - mean;
                        acc + d * d
                    }) / rows as f64;
                    Scalar::Float(if kind == Kind::Std { v.sqrt() } else { v })
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The lanes of a whole-array reduction, in NumPy's order.
fn whole_lanes(a: &NdArray) -> Vec<Lane<'_>> {
    let lane = |off: isize, stride: isize, len: usize| Lane {
        buf: &a.buf,
        off,
        stride,
        len,
        dtype: a.dtype,
    };
    let (rows, cols, rs, cs) = a.dims2();
    if let Some(r) = a.flat_range() {
        return vec![lane(r.start as isize, 1, r.len())];
    }
    // A transposed contiguous array: NumPy walks it in memory order.
    if a.nd == 2 && rs == 1 && cs == rows as isize {
        return vec![lane(a.offset as isize, 1, rows * cols)];
    }
    (0..rows)
        .map(|r| lane(a.offset as isize + r as isize * rs, cs, cols))
        .collect()
}

fn combine_whole(lanes: &[Lane], kind: Kind, n: usize, par: bool) -> PyResult<Scalar> {
    if lanes.len() == 1 {
        return reduce_lane(&lanes[0], kind, par);
    }
    // Strided 2-D views: reduce each row, then combine in order.
    let parts: Vec<Scalar> = lanes
        .iter()
        .map(|l| reduce_lane(l, if kind == Kind::Mean { Kind::Sum } else { kind }, par))
        .collect::<PyResult<_>>()?;
    Ok(match kind {
        Kind::Sum | Kind::Mean => {
            if lanes[0].dtype == DType::Float64 || kind == Kind::Mean {
                let s = parts.iter().fold(0.0, |a, p| a + p.as_f64());
                Scalar::Float(if kind == Kind::Mean { s / n as f64 } else { s })
            } else {
                Scalar::Int(parts.iter().fold(0i64, |a, p| {
                    a.wrapping_add(p.cast(DType::Int64).bits() as i64)
                }))
            }
        }
        Kind::Prod => match lanes[0].dtype {
            DType::Float64 => Scalar::Float(parts.iter().fold(1.0, |a, p| a * p.as_f64())),
            _ => Scalar::Int(parts.iter().fold(1i64, |a, p| {
                a.wrapping_mul(p.cast(DType::Int64).bits() as i64)
            })),
        },
        Kind::Min | Kind::Max => {
            let max = kind == Kind::Max;
            parts
                .into_iter()
                .reduce(|a, b| match (a, b) {
                    (Scalar::Float(x), Scalar::Float(y)) => {
                        Scalar::Float(if max { nan_max(x, y) } else { nan_min(x, y) })
                    }
                    (Scalar::Int(x), Scalar::Int(y)) => {
                        Scalar::Int(if max { x.max(y) } else { x.min(y) })
                    }
                    (Scalar::Bool(x), Scalar::Bool(y)) => {
                        Scalar::Bool(if max { x || y } else { x && y })
                    }
                    (a, _) => a,
                })
                .unwrap_or(Scalar::Float(f64::NAN))
        }
        Kind::Any => Scalar::Bool(parts.iter().any(|p| p.as_f64() != 0.0)),
        Kind::All => Scalar::Bool(parts.iter().all(|p| p.as_f64() != 0.0)),
        Kind::ArgMax | Kind::ArgMin | Kind::Std | Kind::Var => {
            // Rare (strided 2-D views): reduce a contiguous copy instead.
            let c = a_copy(lanes, n);
            return reduce_lane(
                &Lane {
                    buf: &c,
                    off: 0,
                    stride: 1,
                    len: n,
                    dtype: lanes[0].dtype,
                },
                kind,
                par,
            );
        }
    })
}

fn a_copy(lanes: &[Lane], n: usize) -> std::sync::Arc<Buffer> {
    let mut words = Vec::with_capacity(n);
    for l in lanes {
        words.extend((0..l.len).map(|i| l.word(i)));
    }
    Buffer::from_words(words)
}

/// Empty-array results that need no lanes.
fn empty_result(kind: Kind, dt: DType) -> Option<Scalar> {
    Some(match kind {
        Kind::Sum if dt == DType::Float64 => Scalar::Float(0.0),
        Kind::Sum => Scalar::Int(0),
        Kind::Prod if dt == DType::Float64 => Scalar::Float(1.0),
        Kind::Prod => Scalar::Int(1),
        Kind::Mean | Kind::Std | Kind::Var => Scalar::Float(f64::NAN),
        Kind::Any => Scalar::Bool(false),
        Kind::All => Scalar::Bool(true),
        _ => return None,
    })
}

/// `a.kind(axis=axis)`.
pub fn reduce(vm: &mut Vm, a: &NdArray, kind: Kind, axis: Option<usize>) -> PyResult<Value> {
    let n = a.size();
    let big = n >= GIL_RELEASE_MIN;
    let threads = threads_for(n);
    let run = || -> PyResult<Value> {
        let go = || -> PyResult<Value> {
            let par = threads > 1;
            match axis.filter(|_| a.nd == 2) {
                None => {
                    if n == 0
                        && let Some(s) = empty_result(kind, a.dtype)
                    {
                        return Ok(s.to_value());
                    }
                    let lanes = whole_lanes(a);
                    Ok(combine_whole(&lanes, kind, n, par)?.to_value())
                }
                Some(ax) => {
                    let (rows, cols, rs, cs) = a.dims2();
                    if ax == 0
                        && let Some(out) = reduce_columns(a, kind)
                    {
                        return Ok(scalars_to_array(out, kind, a.dtype));
                    }
                    let (count, len, outer, inner) = if ax == 0 {
                        (cols, rows, cs, rs)
                    } else {
                        (rows, cols, rs, cs)
                    };
                    let mut out = Vec::with_capacity(count);
                    for k in 0..count {
                        let l = Lane {
                            buf: &a.buf,
                            off: a.offset as isize + k as isize * outer,
                            stride: inner,
                            len,
                            dtype: a.dtype,
                        };
                        let s = match (len, empty_result(kind, a.dtype)) {
                            (0, Some(s)) => s,
                            _ => reduce_lane(&l, kind, par)?,
                        };
                        out.push(s);
                    }
                    Ok(scalars_to_array(out, kind, a.dtype))
                }
            }
        };
        if threads > 1 {
            parallel::pool(threads).install(go)
        } else {
            go()
        }
    };
    if big {
        vm.allow_threads("reduction", run)
    } else {
        run()
    }
}

/// The dtype a reduction's result has.
fn result_dtype(kind: Kind, dt: DType) -> DType {
    match kind {
        Kind::Sum | Kind::Prod if dt == DType::Float64 => DType::Float64,
        Kind::Sum | Kind::Prod | Kind::ArgMax | Kind::ArgMin => DType::Int64,
        Kind::Mean | Kind::Std | Kind::Var => DType::Float64,
        Kind::Min | Kind::Max => dt,
        Kind::Any | Kind::All => DType::Bool,
    }
}

fn scalars_to_array(v: Vec<Scalar>, kind: Kind, dt: DType) -> Value {
    let rd = result_dtype(kind, dt);
    let n = v.len();
    let words = v.into_iter().map(|s| s.cast(rd).bits()).collect();
    NdArray::from_words(rd, &[n], words).into_value()
}
