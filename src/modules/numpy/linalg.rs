//! `np.dot`, `np.matmul` and `a @ b`.
//!
//! float64 products run the `gemm` crate (runtime-dispatched SIMD
//! micro-kernels, the same family of algorithms as OpenBLAS) on the rayon
//! pool of `parallel::default_threads()` workers. The operands live in
//! atomic words that other threads may write at any time, so they are first
//! copied into plain `Vec<f64>`s (O(n²) for O(n³) work): GEMM then reads
//! memory nobody else can see, and writes a result only this call owns.
//! int64 and bool products use a plain triple loop.
//!
//! At least `GIL_RELEASE_MIN` elements of work release the GIL for the whole
//! computation, unless the mini-only keyword `release_gil=False` asks to
//! keep it (the demo contrasting the two).

use super::ndarray::{GIL_RELEASE_MIN, NdArray, as_array, shape_compact};
use crate::array::storage::{DType, Scalar};
use crate::parallel;
use crate::vm::prelude::*;

const SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

/// Row-major `a (m×k) · b (k×n)` in f64 on `threads` workers.
pub fn gemm_f64(m: usize, k: usize, n: usize, a: &[f64], b: &[f64], threads: usize) -> Vec<f64> {
    let mut out = vec![0.0f64; m * n];
    if m == 0 || n == 0 || k == 0 {
        return out;
    }
    assert!(a.len() >= m * k && b.len() >= k * n, "gemm operand sizes");
    let run = |out: &mut [f64]| {
        let par = if threads > 1 {
            gemm::Parallelism::Rayon(threads)
        } else {
            gemm::Parallelism::None
        };
        // SAFETY: `out` holds m·n, `a` at least m·k and `b` at least k·n
        // f64s (checked above), all row-major, so every index
        // `row*rs + col*cs` that gemm forms with these strides is in bounds.
        // `out` is a fresh exclusive borrow and the inputs are shared
        // borrows of other allocations, so dst never aliases lhs or rhs.
        // With read_dst = false gemm writes dst without reading it.
        unsafe {
            gemm::gemm(
                m,
                n,
                k,
                out.as_mut_ptr(),
                1,
                n as isize,
                false,
                a.as_ptr(),
                1,
                k as isize,
                b.as_ptr(),
                1,
                n as isize,
                0.0,
                1.0,
                false,
                false,
                false,
                par,
            );
        }
    };
    if threads > 1 {
        parallel::pool(threads).install(|| run(&mut out));
    } else {
        run(&mut out);
    }
    out
}

fn gemm_i64(m: usize, k: usize, n: usize, a: &[i64], b: &[i64]) -> Vec<i64> {
    let mut out = vec![0i64; m * n];
    for i in 0..m {
        for p in 0..k {
            let x = a[i * k + p];
            let row = &b[p * n..p * n + n];
            for (o, &y) in out[i * n..i * n + n].iter_mut().zip(row) {
                *o = o.wrapping_add(x.wrapping_mul(y));
            }
        }
    }
    out
}

/// Which function is asking (the error messages differ).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Matmul,
    Dot,
}

/// The product of two arrays of 1 or 2 dimensions.
fn product(vm: &mut Vm, a: &NdArray, b: &NdArray, who: Who, release: bool) -> PyResult<Value> {
    // As matrices: 1-D `a` is a row, 1-D `b` a column.
    let (m, k) = if a.nd == 1 {
        (1, a.shape[0])
    } else {
        (a.shape[0], a.shape[1])
    };
    let (kb, n) = if b.nd == 1 {
        (b.shape[0], 1)
    } else {
        (b.shape[0], b.shape[1])
    };
    if k != kb {
        return Err(value_error(match who {
            Who::Matmul => format!(
                "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIG} (size {kb} is different from {k})"
            ),
            Who::Dot => format!(
                "shapes {} and {} not aligned: {k} (dim {}) != {kb} (dim 0)",
                shape_compact(a.shape()),
                shape_compact(b.shape()),
                a.nd - 1
            ),
        }));
    }
    let dt = a.dtype.max(b.dtype);
    let work = m.saturating_mul(n).saturating_mul(k.max(1));
    let threads = parallel::default_threads();
    let compute = || -> Vec<u64> {
        match dt {
            DType::Float64 => {
                let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
                gemm_f64(m, k, n, &x, &y, threads)
                    .into_iter()
                    .map(f64::to_bits)
                    .collect()
            }
            _ => {
                let ints = |t: &NdArray| -> Vec<i64> {
                    t.words()
                        .into_iter()
                        .map(|w| Scalar::from_bits(t.dtype, w).cast(DType::Int64).bits() as i64)
                        .collect()
                };
                let r = gemm_i64(m, k, n, &ints(a), &ints(b));
                if dt == DType::Bool {
                    r.into_iter().map(|v| (v != 0) as u64).collect()
                } else {
                    r.into_iter().map(|v| v as u64).collect()
                }
            }
        }
    };
    let words = if release && work >= GIL_RELEASE_MIN {
        vm.allow_threads("matmul", compute)
    } else {
        compute()
    };
    Ok(match (a.nd, b.nd) {
        (1, 1) => Scalar::from_bits(dt, words[0]).to_value(),
        (1, _) => NdArray::from_words(dt, &[n], words).into_value(),
        (_, 1) => NdArray::from_words(dt, &[m], words).into_value(),
        _ => NdArray::from_words(dt, &[m, n], words).into_value(),
    })
}

fn is_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_)
    )
}

fn array_like(v: &Value) -> bool {
    v.downcast::<NdArray>().is_some() || matches!(v, Value::List(_) | Value::Tuple(_))
}

/// `np.matmul(a, b)` / `a @ b`.
pub fn matmul_values(vm: &mut Vm, a: &Value, b: &Value, release: bool) -> PyResult<Value> {
    for (i, v) in [a, b].into_iter().enumerate() {
        if is_scalar(v) {
            return Err(value_error(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {SIG} requires 1)"
            )));
        }
        if !array_like(v) {
            return Err(type_error(format!(
                "unsupported operand type(s) for @: '{}' and '{}'",
                type_label(a),
                type_label(b)
            )));
        }
    }
    let x = as_array(vm, a)?;
    let y = as_array(vm, b)?;
    product(vm, &x, &y, Who::Matmul, release)
}

fn type_label(v: &Value) -> String {
    if v.downcast::<NdArray>().is_some() {
        "numpy.ndarray".to_string()
    } else {
        v.type_name().to_string()
    }
}

/// `np.dot(a, b)`: a product for arrays, element-wise with a scalar.
pub fn dot_values(vm: &mut Vm, a: &Value, b: &Value, release: bool) -> PyResult<Value> {
    if is_scalar(a) || is_scalar(b) {
        return match super::elementwise::binary_values(
            vm,
            super::elementwise::BinaryUfunc::Mul,
            a,
            b,
        ) {
            Some(r) => r,
            None => Ok(binary_op(crate::syntax::ops::BinOp::Mul, a, b)?),
        };
    }
    let x = as_array(vm, a)?;
    let y = as_array(vm, b)?;
    product(vm, &x, &y, Who::Dot, release)
}
