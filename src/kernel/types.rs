//! Kernel types: every kernel variable has one machine type, fixed when the
//! kernel is lowered — int64, float64, bool, or an array view by dtype and
//! number of dimensions — and every value lives in a plain `u64` register
//! (f64 as its bits, bool as 0/1) or an array slot.

use std::sync::Arc;

use crate::array::ndarray::NdArray;
use crate::array::storage::{Buffer, DType};
use crate::compile::cython::{self, CElem, CTy};
use crate::vm::prelude::Value;

/// A kernel type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    Int,
    Float,
    Bool,
    /// An array view: element type and number of dimensions (1 or 2).
    Arr(DType, u8),
}

impl std::hash::Hash for Ty {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        match self {
            Ty::Int => 0u8.hash(h),
            Ty::Float => 1u8.hash(h),
            Ty::Bool => 2u8.hash(h),
            Ty::Arr(d, n) => {
                3u8.hash(h);
                (*d as u8).hash(h);
                n.hash(h);
            }
        }
    }
}

impl Ty {
    /// Numba's unification of two types a variable takes: bool < int <
    /// float; arrays only unify with themselves.
    pub fn unify(self, other: Ty) -> Option<Ty> {
        use Ty::*;
        Some(match (self, other) {
            (a, b) if a == b => a,
            (Float, Int | Bool) | (Int | Bool, Float) => Float,
            (Int, Bool) | (Bool, Int) => Int,
            _ => return None,
        })
    }

    pub fn is_array(self) -> bool {
        matches!(self, Ty::Arr(..))
    }

    /// The scalar type of an element of a `dtype` array.
    pub fn of_dtype(d: DType) -> Ty {
        match d {
            DType::Float64 => Ty::Float,
            DType::Int64 => Ty::Int,
            DType::Bool => Ty::Bool,
        }
    }

    /// As Numba prints a type in its messages.
    pub fn name(self) -> String {
        match self {
            Ty::Int => "int64".into(),
            Ty::Float => "float64".into(),
            Ty::Bool => "bool".into(),
            Ty::Arr(d, n) => format!("array({}, {}d, A)", d.name(), n),
        }
    }

    /// The type of a runtime value, if a kernel can take it.
    pub fn of_value(v: &Value) -> Option<Ty> {
        match v {
            Value::Int(_) => Some(Ty::Int),
            Value::Float(_) => Some(Ty::Float),
            Value::Bool(_) => Some(Ty::Bool),
            _ => v
                .downcast::<NdArray>()
                .map(|a| Ty::Arr(a.dtype, a.nd as u8)),
        }
    }
}

/// A Cython C type name as a kernel type (`double[:]` → float64 1-D view).
pub fn ctype_ty(base: &str, dims: u8) -> Option<Ty> {
    cython::ctype_ty(base, dims).map(Ty::from)
}

impl From<CTy> for Ty {
    fn from(t: CTy) -> Ty {
        let dtype = |e| match e {
            CElem::Bool => DType::Bool,
            CElem::Int64 => DType::Int64,
            CElem::Float64 => DType::Float64,
        };
        match t {
            CTy::Int => Ty::Int,
            CTy::Float => Ty::Float,
            CTy::Bool => Ty::Bool,
            CTy::Arr(e, nd) => Ty::Arr(dtype(e), nd),
        }
    }
}

/// An array as a kernel sees it: the shared buffer and the view's geometry.
/// Cloning it clones one `Arc` — done when a team starts, never per element.
#[derive(Clone)]
pub struct ArrView {
    pub buf: Arc<Buffer>,
    pub dtype: DType,
    pub nd: u8,
    pub offset: usize,
    pub shape: [usize; 2],
    pub strides: [isize; 2],
}

impl ArrView {
    pub fn from_array(a: &NdArray) -> ArrView {
        ArrView {
            buf: a.buf.clone(),
            dtype: a.dtype,
            nd: a.nd as u8,
            offset: a.offset,
            shape: a.shape,
            strides: a.strides,
        }
    }

    pub fn to_array(&self) -> NdArray {
        NdArray {
            dtype: self.dtype,
            buf: self.buf.clone(),
            offset: self.offset,
            nd: self.nd as usize,
            shape: self.shape,
            strides: self.strides,
        }
    }

    /// An empty placeholder for an array slot not yet assigned.
    pub fn empty() -> ArrView {
        ArrView {
            buf: Buffer::from_words(Vec::new()),
            dtype: DType::Float64,
            nd: 1,
            offset: 0,
            shape: [0, 1],
            strides: [1, 0],
        }
    }
}

/// A scalar register's value as a Python value.
pub fn to_value(ty: Ty, bits: u64) -> Value {
    match ty {
        Ty::Int => Value::Int(bits as i64),
        Ty::Float => Value::float(f64::from_bits(bits)),
        _ => Value::bool(bits != 0),
    }
}
