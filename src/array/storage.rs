//! Array storage: dtypes, decoded scalars and the shared element buffer.
//!
//! Every element is one `AtomicU64` word whatever its dtype (f64 bits, an
//! i64, or 0/1 for bool), read and written with `Relaxed` loads and stores.
//! On x86-64 those are plain moves, so a kernel or a second thread touching
//! the same array pays nothing, and racing writes lose updates but are
//! defined behaviour — never torn values, never UB. One word per element
//! keeps every kernel to one code path; the price is that a bool array takes
//! 8 bytes per element instead of NumPy's 1 (`nbytes` still reports NumPy's
//! figure).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use crate::vm::prelude::*;

/// The element types, in promotion order (`Bool < Int64 < Float64`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum DType {
    Bool,
    Int64,
    Float64,
}

impl DType {
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float64 => "float64",
        }
    }

    /// NumPy's item size in bytes.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool => 1,
            _ => 8,
        }
    }

    /// `float64`, `np.float64`, `float`, `'f8'`, … as a dtype.
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "float64" | "float" | "f8" | "d" | "double" | "float_" => DType::Float64,
            "int64" | "int" | "i8" | "l" | "long" | "int_" | "intp" => DType::Int64,
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            _ => return None,
        })
    }
}

/// One element, decoded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::Int64,
            Scalar::Float(_) => DType::Float64,
        }
    }

    /// The storage word of this value in its own dtype.
    pub fn bits(self) -> u64 {
        match self {
            Scalar::Bool(b) => b as u64,
            Scalar::Int(i) => i as u64,
            Scalar::Float(f) => f.to_bits(),
        }
    }

    pub fn from_bits(dtype: DType, bits: u64) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(bits != 0),
            DType::Int64 => Scalar::Int(bits as i64),
            DType::Float64 => Scalar::Float(f64::from_bits(bits)),
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
        }
    }

    /// Unsafe-casting conversion (`astype`, assignment): floats truncate
    /// toward zero and saturate, as C casts do on x86-64 for in-range values.
    pub fn cast(self, to: DType) -> Scalar {
        match (self, to) {
            (s, t) if s.dtype() == t => s,
            (s, DType::Float64) => Scalar::Float(s.as_f64()),
            (Scalar::Bool(b), DType::Int64) => Scalar::Int(b as i64),
            (Scalar::Float(f), DType::Int64) => {
                Scalar::Int(if f.is_nan() { i64::MIN } else { f as i64 })
            }
            (Scalar::Int(i), DType::Bool) => Scalar::Bool(i != 0),
            (Scalar::Float(f), DType::Bool) => Scalar::Bool(f != 0.0),
            (s, _) => s,
        }
    }

    /// Casting for `a[i] = x`: like `cast`, but a NaN or infinity stored into
    /// an int array raises as NumPy does.
    pub fn cast_checked(self, to: DType) -> PyResult<Scalar> {
        if let (Scalar::Float(f), DType::Int64) = (self, to) {
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(overflow_error("cannot convert float infinity to integer"));
            }
        }
        Ok(self.cast(to))
    }

    pub fn to_value(self) -> Value {
        match self {
            Scalar::Bool(b) => Value::bool(b),
            Scalar::Int(i) => Value::Int(i),
            Scalar::Float(f) => Value::float(f),
        }
    }

    /// A Python bool/int/float as a scalar; None for anything else.
    pub fn from_value(v: &Value) -> Option<PyResult<Scalar>> {
        Some(Ok(match v {
            Value::Bool(b) => Scalar::Bool(b.get()),
            Value::Int(i) => Scalar::Int(*i),
            Value::Float(f) => Scalar::Float(f.get()),
            Value::BigInt(_) => {
                return Some(Err(overflow_error(
                    "Python int too large to convert to C long",
                )));
            }
            _ => return None,
        }))
    }
}

// `into_atomics` relies on these.
const _: () = assert!(size_of::<AtomicU64>() == size_of::<u64>());
const _: () = assert!(align_of::<AtomicU64>() == align_of::<u64>());

/// A vector of plain words as atomics, without copying.
fn into_atomics(v: Vec<u64>) -> Box<[AtomicU64]> {
    let b: Box<[u64]> = v.into_boxed_slice();
    let len = b.len();
    let p = Box::into_raw(b) as *mut u64 as *mut AtomicU64;
    // SAFETY: `AtomicU64` has the same size, alignment (both asserted above)
    // and bit validity as `u64` (documented by std), so the allocation that
    // held `len` u64s is a valid allocation of `len` AtomicU64s with the same
    // layout, which the new Box will free correctly. The old Box owned the
    // memory exclusively and was consumed by `into_raw`, so no other
    // reference to it exists while its type changes.
    unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, len)) }
}

/// `n` zeroed words for a kernel's output. Blocks of 4 MiB and more are
/// marked for transparent huge pages, as NumPy does for its data: a fresh
/// 80 MB result then costs 40 page faults instead of 20 000.
pub fn alloc_words(n: usize) -> Vec<u64> {
    let v = vec![0u64; n];
    let bytes = n * 8;
    #[cfg(target_os = "linux")]
    if bytes >= 4 << 20 {
        const PAGE: usize = 4096;
        let start = v.as_ptr() as usize;
        let lo = start.div_ceil(PAGE) * PAGE;
        let hi = (start + bytes) / PAGE * PAGE;
        if hi > lo {
            // SAFETY: [lo, hi) is page-aligned and lies inside `v`'s own
            // allocation (rounded inward). MADV_HUGEPAGE only changes how
            // the kernel backs those pages; contents and validity of the
            // memory are unchanged, so no Rust reference is affected. The
            // result is ignored: the hint may be refused.
            unsafe {
                libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_HUGEPAGE);
            }
        }
    }
    v
}

/// The elements of one or more arrays (views share it through the `Arc`).
pub struct Buffer(Box<[AtomicU64]>);

impl Buffer {
    /// Kernels build their results as plain words in memory only they own
    /// (so the compiler may vectorise), then publish them here.
    pub fn from_words(v: Vec<u64>) -> Arc<Buffer> {
        Arc::new(Buffer(into_atomics(v)))
    }

    /// `n` zero words; untouched pages stay unmapped until written, as with
    /// NumPy's calloc-backed `zeros`.
    pub fn zeroed(n: usize) -> PyResult<Arc<Buffer>> {
        check_alloc(n, 8)?;
        Ok(Buffer::from_words(alloc_words(n)))
    }

    #[inline(always)]
    pub fn get(&self, i: usize) -> u64 {
        self.0[i].load(Relaxed)
    }

    #[inline(always)]
    pub fn set(&self, i: usize, bits: u64) {
        self.0[i].store(bits, Relaxed)
    }

    pub fn words(&self) -> &[AtomicU64] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
