//! `numpy.ndarray` as Python sees it: conversions from Python values,
//! indexing and assignment, the attributes and methods, and the
//! `NativeObject` hooks that route operators to `elementwise`/`linalg`.
//! The array itself (layout, views, element access) is
//! [`crate::array::ndarray::NdArray`], re-exported here.

use std::sync::Arc;

use super::elementwise::{self, BinaryUfunc};
use super::{format, linalg, reduce};
pub use crate::array::ndarray::NdArray;
use crate::array::storage::{DType, Scalar};
use crate::vm::prelude::*;

/// At or above this many elements, native work releases the GIL.
pub const GIL_RELEASE_MIN: usize = 10_000;

pub static NDARRAY_CLASS: NativeClass = NativeClass {
    name: "ndarray",
    module: "numpy",
    methods: native_methods!("ndarray";
        "__abs__" => m_abs,
        "all" => m_all,
        "any" => m_any,
        "argmax" => m_argmax,
        "argmin" => m_argmin,
        "astype" => m_astype,
        "copy" => m_copy,
        "dot" => m_dot,
        "fill" => m_fill,
        "flatten" => m_flatten,
        "item" => m_item,
        "max" => m_max,
        "mean" => m_mean,
        "min" => m_min,
        "prod" => m_prod,
        "ravel" => m_ravel,
        "reshape" => m_reshape,
        "std" => m_std,
        "sum" => m_sum,
        "tolist" => m_tolist,
        "transpose" => m_transpose,
        "var" => m_var,
    ),
    ctor: None,
};

/// `(3,)`, `(2,3)`: shapes as NumPy's error messages print them.
pub fn shape_compact(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// `(3,)`, `(2, 3)`: shapes as Python prints the tuple.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

// ------------------------------------------------------------ conversions

/// `v` as an array: arrays themselves (shared), lists/tuples/scalars
/// converted (new).
pub fn as_array(vm: &mut Vm, v: &Value) -> PyResult<ArrayRef> {
    if v.downcast::<NdArray>().is_some() {
        return Ok(ArrayRef::Shared(v.clone()));
    }
    Ok(ArrayRef::Owned(Box::new(array_from_value(vm, v, None)?)))
}

/// An array argument, borrowed from a `Value` or freshly built.
pub enum ArrayRef {
    Shared(Value),
    Owned(Box<NdArray>),
}

impl std::ops::Deref for ArrayRef {
    type Target = NdArray;
    fn deref(&self) -> &NdArray {
        match self {
            ArrayRef::Shared(v) => v
                .downcast::<NdArray>()
                .expect("ArrayRef::Shared holds an ndarray"),
            ArrayRef::Owned(a) => a,
        }
    }
}

/// The shape and flat values of nested lists, for `np.array`.
fn nested(
    vm: &mut Vm,
    v: &Value,
    depth: usize,
    shape: &mut Vec<usize>,
    out: &mut Vec<Scalar>,
) -> PyResult<()> {
    if let Some(a) = v.downcast::<NdArray>() {
        let dims = a.shape();
        if depth + dims.len() > 2 {
            return Err(value_error("mini's numpy supports 1-D and 2-D arrays only"));
        }
        record_dim(shape, depth, dims[0], out.len())?;
        if dims.len() == 2 {
            record_dim(shape, depth + 1, dims[1], out.len())?;
        }
        let dt = a.dtype;
        out.extend(a.words().into_iter().map(|b| Scalar::from_bits(dt, b)));
        return Ok(());
    }
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) => {
            if depth >= 2 {
                return Err(value_error("mini's numpy supports 1-D and 2-D arrays only"));
            }
            let items = vm.collect(v)?;
            record_dim(shape, depth, items.len(), out.len())?;
            for it in &items {
                nested(vm, it, depth + 1, shape, out)?;
            }
            Ok(())
        }
        _ => match Scalar::from_value(v) {
            Some(s) => {
                if shape.len() != depth {
                    return Err(inhomogeneous(shape, depth));
                }
                out.push(s?);
                Ok(())
            }
            None => Err(type_error(format!(
                "mini's numpy cannot make an array of '{}' objects (only bool, int and float)",
                v.type_name()
            ))),
        },
    }
}

fn record_dim(shape: &mut Vec<usize>, depth: usize, n: usize, _seen: usize) -> PyResult<()> {
    if shape.len() == depth {
        shape.push(n);
        Ok(())
    } else if shape.len() > depth && shape[depth] == n {
        Ok(())
    } else {
        Err(inhomogeneous(shape, depth))
    }
}

fn inhomogeneous(shape: &[usize], depth: usize) -> PyErr {
    let d = depth.min(shape.len()).max(1);
    value_error(format!(
        "setting an array element with a sequence. The requested array has an \
         inhomogeneous shape after {d} dimensions. The detected shape was {} + \
         inhomogeneous part.",
        shape_compact(&shape[..d])
    ))
}

/// `np.array(v, dtype)`.
pub fn array_from_value(vm: &mut Vm, v: &Value, dtype: Option<DType>) -> PyResult<NdArray> {
    if let Some(a) = v.downcast::<NdArray>() {
        return Ok(a.copy_as(dtype.unwrap_or(a.dtype)));
    }
    let mut shape = Vec::new();
    let mut vals = Vec::new();
    nested(vm, v, 0, &mut shape, &mut vals)?;
    if shape.is_empty() {
        return Err(value_error(
            "mini's numpy has no 0-d arrays: use a Python scalar, or np.array([x])",
        ));
    }
    let dt = dtype.unwrap_or_else(|| {
        vals.iter()
            .map(|s| s.dtype())
            .max()
            .unwrap_or(DType::Float64)
    });
    let words = vals.into_iter().map(|s| s.cast(dt).bits()).collect();
    Ok(NdArray::from_words(dt, &shape, words))
}

// --------------------------------------------------------------- indexing

/// One resolved index along an axis.
enum Ix {
    At(usize),
    Range {
        start: usize,
        step: isize,
        len: usize,
    },
}

fn resolve_int(i: i64, len: usize, axis: usize) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(index_error(format!(
            "index {i} is out of bounds for axis {axis} with size {len}"
        )));
    }
    Ok(j as usize)
}

const BAD_INDEX: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

fn resolve_one(key: &Value, len: usize, axis: usize) -> PyResult<Ix> {
    match key {
        Value::Int(i) => Ok(Ix::At(resolve_int(*i, len, axis)?)),
        Value::Bool(_) => Err(index_error(BAD_INDEX)),
        Value::BigInt(b) => Err(index_error(format!(
            "index {b} is out of bounds for axis {axis} with size {len}"
        ))),
        Value::Slice(s) => slice_ix(s, len),
        _ => Err(index_error(BAD_INDEX)),
    }
}

fn slice_ix(s: &SliceObj, len: usize) -> PyResult<Ix> {
    let r = slice_range(s, len)?;
    let start = if r.len == 0 { 0 } else { r.start as usize };
    Ok(Ix::Range {
        start,
        step: r.step as isize,
        len: r.len,
    })
}

/// What `a[key]` selects: one element, or a view.
pub enum Selection {
    Element(usize),
    View(NdArray),
}

impl NdArray {
    /// Resolve a basic index (ints, slices, a tuple of them, `...`).
    pub fn select(&self, key: &Value) -> PyResult<Selection> {
        let keys: Vec<Value> = match key {
            Value::Tuple(t) => t.items.to_vec(),
            k => vec![k.clone()],
        };
        // An Ellipsis stands for as many full slices as needed.
        let mut expanded = Vec::new();
        let n_real = keys
            .iter()
            .filter(|k| !matches!(k, Value::Ellipsis))
            .count();
        let mut seen_ellipsis = false;
        for k in keys {
            if let Value::Ellipsis = k {
                if seen_ellipsis {
                    return Err(index_error(
                        "an index can only have a single ellipsis ('...')",
                    ));
                }
                seen_ellipsis = true;
                for _ in n_real..self.nd {
                    expanded.push(Value::Slice(Arc::new(SliceObj {
                        start: Value::None,
                        stop: Value::None,
                        step: Value::None,
                    })));
                }
            } else {
                expanded.push(k);
            }
        }
        if expanded.len() > self.nd {
            return Err(index_error(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                self.nd,
                expanded.len()
            )));
        }
        let mut offset = self.offset as isize;
        let mut shape = Vec::new();
        let mut strides = Vec::new();
        for axis in 0..self.nd {
            let ix = match expanded.get(axis) {
                Some(k) => resolve_one(k, self.shape[axis], axis)?,
                None => Ix::Range {
                    start: 0,
                    step: 1,
                    len: self.shape[axis],
                },
            };
            match ix {
                Ix::At(i) => offset += i as isize * self.strides[axis],
                Ix::Range { start, step, len } => {
                    offset += start as isize * self.strides[axis];
                    shape.push(len);
                    strides.push(step * self.strides[axis]);
                }
            }
        }
        if shape.is_empty() {
            return Ok(Selection::Element(offset as usize));
        }
        // An empty view may point one past the end; keep the offset in range.
        let offset = if shape.contains(&0) {
            self.offset
        } else {
            offset as usize
        };
        Ok(Selection::View(self.view(offset, &shape, &strides)))
    }

    /// `a[mask]` with a bool array of the same shape: the selected elements.
    fn mask_positions(&self, mask: &NdArray) -> PyResult<Vec<usize>> {
        if mask.shape() != self.shape() {
            return Err(index_error(format!(
                "boolean index did not match indexed array along axis 0; size of axis is {} but size of corresponding boolean axis is {}",
                self.shape[0], mask.shape[0]
            )));
        }
        let m = mask.words();
        let mut out = Vec::new();
        let mut i = 0;
        self.for_each_pos(|p| {
            if m[i] != 0 {
                out.push(p);
            }
            i += 1;
        });
        Ok(out)
    }
}

fn as_mask(key: &Value) -> Option<&NdArray> {
    key.downcast::<NdArray>().filter(|a| a.dtype == DType::Bool)
}

fn get_item(vm: &mut Vm, a: &NdArray, key: &Value) -> PyResult<Value> {
    if let Some(mask) = as_mask(key) {
        let pos = a.mask_positions(mask)?;
        let words = pos.iter().map(|&p| a.buf.get(p)).collect();
        return Ok(NdArray::from_words(a.dtype, &[pos.len()], words).into_value());
    }
    if key.downcast::<NdArray>().is_some() || matches!(key, Value::List(_)) {
        return fancy_get(vm, a, key);
    }
    match a.select(key)? {
        Selection::Element(p) => Ok(a.scalar_at(p).to_value()),
        Selection::View(v) => Ok(v.into_value()),
    }
}

/// `a[[0, 2]]`, `a[idx_array]`: rows/elements picked by integer indices.
fn fancy_get(vm: &mut Vm, a: &NdArray, key: &Value) -> PyResult<Value> {
    let idx = as_array(vm, key)?;
    if idx.dtype == DType::Float64 || idx.nd != 1 {
        return Err(index_error(
            "arrays used as indices must be of integer (or boolean) type",
        ));
    }
    let rows: Vec<usize> = idx
        .words()
        .into_iter()
        .map(|b| resolve_int(b as i64, a.shape[0], 0))
        .collect::<PyResult<_>>()?;
    let (_, cols, _, _) = a.dims2();
    let mut words = Vec::new();
    for &r in &rows {
        if a.nd == 1 {
            words.push(a.buf.get(a.pos2(0, r)));
        } else {
            words.extend((0..cols).map(|c| a.buf.get(a.pos2(r, c))));
        }
    }
    let shape: Vec<usize> = if a.nd == 1 {
        vec![rows.len()]
    } else {
        vec![rows.len(), cols]
    };
    Ok(NdArray::from_words(a.dtype, &shape, words).into_value())
}

fn set_item(vm: &mut Vm, a: &NdArray, key: &Value, value: Value) -> PyResult<()> {
    if let Some(mask) = as_mask(key) {
        let pos = a.mask_positions(mask)?;
        if let Some(s) = Scalar::from_value(&value) {
            let bits = s?.cast_checked(a.dtype)?.bits();
            pos.iter().for_each(|&p| a.buf.set(p, bits));
            return Ok(());
        }
        let src = as_array(vm, &value)?;
        let words = src.words();
        if words.len() == 1 {
            let bits = Scalar::from_bits(src.dtype, words[0])
                .cast_checked(a.dtype)?
                .bits();
            pos.iter().for_each(|&p| a.buf.set(p, bits));
        } else if words.len() == pos.len() {
            for (&p, &w) in pos.iter().zip(&words) {
                a.buf
                    .set(p, Scalar::from_bits(src.dtype, w).cast(a.dtype).bits());
            }
        } else {
            return Err(value_error(format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {} output values where the mask is true",
                words.len(),
                pos.len()
            )));
        }
        return Ok(());
    }
    match a.select(key)? {
        Selection::Element(p) => {
            let s = match Scalar::from_value(&value) {
                Some(s) => s?,
                None => {
                    let src = as_array(vm, &value)?;
                    if src.size() != 1 {
                        return Err(value_error("setting an array element with a sequence."));
                    }
                    src.scalar_at(src.pos2(0, 0))
                }
            };
            a.buf.set(p, s.cast_checked(a.dtype)?.bits());
            Ok(())
        }
        Selection::View(view) => assign(vm, &view, &value),
    }
}

/// `view[...] = value` with scalar/array broadcasting.
pub fn assign(vm: &mut Vm, view: &NdArray, value: &Value) -> PyResult<()> {
    if let Some(s) = Scalar::from_value(value) {
        view.fill(s?.cast_checked(view.dtype)?);
        return Ok(());
    }
    let src = as_array(vm, value)?;
    let words = elementwise::broadcast_to(&src, view.shape()).ok_or_else(|| {
        value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_compact(src.shape()),
            shape_compact(view.shape())
        ))
    })?;
    let words: Vec<u64> = if src.dtype == view.dtype {
        words
    } else {
        words
            .into_iter()
            .map(|b| Scalar::from_bits(src.dtype, b).cast(view.dtype).bits())
            .collect()
    };
    view.write_words(&words);
    Ok(())
}

// --------------------------------------------------------- NativeObject

impl NativeObject for NdArray {
    fn class(&self) -> &'static NativeClass {
        &NDARRAY_CLASS
    }

    fn repr(&self, _vm: &mut Vm, _this: &Value) -> PyResult<String> {
        Ok(format::array_repr(self))
    }

    fn str(&self, _vm: &mut Vm, _this: &Value) -> PyResult<String> {
        Ok(format::array_str(self))
    }

    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "shape" => Value::tuple(self.shape().iter().map(|&d| Value::Int(d as i64)).collect()),
            "size" => Value::Int(self.size() as i64),
            "ndim" => Value::Int(self.nd as i64),
            "dtype" => super::dtype_value(self.dtype),
            "T" => self.transpose().into_value(),
            "itemsize" => Value::Int(self.dtype.itemsize() as i64),
            "nbytes" => Value::Int((self.size() * self.dtype.itemsize()) as i64),
            "strides" => Value::tuple(
                self.strides[..self.nd]
                    .iter()
                    .map(|&s| Value::Int(s as i64 * self.dtype.itemsize() as i64))
                    .collect(),
            ),
            _ => return None,
        }))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "shape", "size", "ndim", "dtype", "T", "itemsize", "nbytes", "strides",
        ]
    }

    fn len(&self) -> Option<PyResult<usize>> {
        Some(Ok(self.shape[0]))
    }

    fn truthy(&self) -> PyResult<bool> {
        let w = self.words();
        if w.is_empty() {
            return Err(value_error(
                "The truth value of an empty array is ambiguous. \
                 Use `array.size > 0` to check that an array is not empty.",
            ));
        }
        if w.len() != 1 {
            return Err(value_error(
                "The truth value of an array with more than one element is ambiguous. \
                 Use a.any() or a.all()",
            ));
        }
        Ok(w.iter().any(|&b| match self.dtype {
            DType::Float64 => f64::from_bits(b) != 0.0,
            _ => b != 0,
        }))
    }

    fn get_item(&self, vm: &mut Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        Some(get_item(vm, self, key))
    }

    fn set_item(
        &self,
        vm: &mut Vm,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        Some(set_item(vm, self, key, value))
    }

    fn binary_op(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: crate::syntax::ops::BinOp,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        if op == crate::syntax::ops::BinOp::MatMul {
            return Some(if reflected {
                linalg::matmul_values(vm, other, this, true)
            } else {
                linalg::matmul_values(vm, this, other, true)
            });
        }
        let bop = BinaryUfunc::from_binary(op)?;
        let (a, b) = if reflected {
            (other, this)
        } else {
            (this, other)
        };
        elementwise::binary_values(vm, bop, a, b)
    }

    fn binary_op_temp(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: crate::syntax::ops::BinOp,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        // Only a buffer of its own, small arrays not worth it.
        if op == crate::syntax::ops::BinOp::MatMul
            || Arc::strong_count(&self.buf) != 1
            || self.size() < 1024
        {
            return None;
        }
        let bop = BinaryUfunc::from_binary(op)?;
        Some(elementwise::compute_into_temp(vm, bop, self, other)?.map(|()| this.clone()))
    }

    fn inplace_op(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: crate::syntax::ops::BinOp,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        if op == crate::syntax::ops::BinOp::MatMul {
            return None;
        }
        let bop = BinaryUfunc::from_binary(op)?;
        Some(elementwise::inplace(vm, bop, this, other).map(|_| this.clone()))
    }

    fn unary_op(
        &self,
        vm: &mut Vm,
        _this: &Value,
        op: crate::syntax::ops::UnaryOp,
    ) -> Option<PyResult<Value>> {
        Some(elementwise::unary_op(vm, self, op))
    }

    fn compare(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: crate::syntax::ops::CmpOp,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        use crate::syntax::ops::CmpOp;
        let bop = BinaryUfunc::from_compare(op)?;
        let (a, b) = if reflected {
            (other, this)
        } else {
            (this, other)
        };
        match elementwise::binary_values(vm, bop, a, b) {
            Some(r) => Some(r),
            // `a == None`, `a != "x"`: elementwise False / True.
            None if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                let fill = op == CmpOp::NotEq;
                let words = vec![fill as u64; self.size()];
                Some(Ok(
                    NdArray::from_words(DType::Bool, self.shape(), words).into_value()
                ))
            }
            None => None,
        }
    }

    fn iter(&self, _this: &Value) -> Option<PyResult<Value>> {
        let items: Vec<Value> = if self.nd == 1 {
            let mut v = Vec::with_capacity(self.size());
            self.for_each_pos(|p| v.push(self.scalar_at(p).to_value()));
            v
        } else {
            (0..self.shape[0])
                .map(|r| {
                    let off = self.offset as isize + r as isize * self.strides[0];
                    let off = if self.shape[1] == 0 {
                        self.offset
                    } else {
                        off as usize
                    };
                    self.view(off, &[self.shape[1]], &[self.strides[1]])
                        .into_value()
                })
                .collect()
        };
        Some(Ok(seq_iter(items, "iterator")))
    }
}

// ---------------------------------------------------------------- methods

pub fn this_array(this: &Value) -> PyResult<&NdArray> {
    this.downcast::<NdArray>()
        .ok_or_else(|| type_error("descriptor requires a 'numpy.ndarray' object"))
}

/// `axis=None|int` for a `nd`-dimensional array.
pub fn parse_axis(v: Option<&Value>, nd: usize) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => {
            let j = if *i < 0 { *i + nd as i64 } else { *i };
            if j < 0 || j >= nd as i64 {
                return Err(super::axis_error(format!(
                    "axis {i} is out of bounds for array of dimension {nd}"
                )));
            }
            Ok(Some(j as usize))
        }
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn reduction(
    vm: &mut Vm,
    this: &Value,
    args: Args,
    name: &'static str,
    kind: reduce::Kind,
) -> PyResult<Value> {
    let a = this_array(this)?;
    let sig = PySig {
        name,
        params: &["axis"],
        ndefaults: 1,
        kwonly: &[],
        self_count: 0,
    };
    let slots = sig.bind(args)?;
    let axis = parse_axis(slots[0].as_ref(), a.nd)?;
    reduce::reduce(vm, a, kind, axis)
}

fn m_sum(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "sum", reduce::Kind::Sum)
}
fn m_prod(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "prod", reduce::Kind::Prod)
}
fn m_mean(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "mean", reduce::Kind::Mean)
}
fn m_min(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "min", reduce::Kind::Min)
}
fn m_max(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "max", reduce::Kind::Max)
}
fn m_any(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "any", reduce::Kind::Any)
}
fn m_all(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "all", reduce::Kind::All)
}
fn m_argmax(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "argmax", reduce::Kind::ArgMax)
}
fn m_argmin(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "argmin", reduce::Kind::ArgMin)
}
fn m_std(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "std", reduce::Kind::Std)
}
fn m_var(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    reduction(vm, this, args, "var", reduce::Kind::Var)
}

fn no_args(args: &Args, name: &str) -> PyResult<()> {
    if args.pos.is_empty() && args.kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no arguments")))
    }
}

fn m_abs(vm: &mut Vm, this: &Value, _args: Args) -> PyResult<Value> {
    let a = this_array(this)?;
    Ok(elementwise::ufunc_array(vm, elementwise::UFunc::Abs, a)?.into_value())
}

fn m_copy(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    no_args(&args, "copy")?;
    let a = this_array(this)?;
    Ok(a.copy_as(a.dtype).into_value())
}

fn m_flatten(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    no_args(&args, "flatten")?;
    let a = this_array(this)?;
    Ok(NdArray::from_words(a.dtype, &[a.size()], a.words()).into_value())
}

fn m_ravel(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    no_args(&args, "ravel")?;
    let a = this_array(this)?;
    if a.is_c_contiguous() {
        return Ok(a.view(a.offset, &[a.size()], &[1]).into_value());
    }
    Ok(NdArray::from_words(a.dtype, &[a.size()], a.words()).into_value())
}

fn m_transpose(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    no_args(&args, "transpose")?;
    Ok(this_array(this)?.transpose().into_value())
}

fn m_tolist(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    no_args(&args, "tolist")?;
    Ok(this_array(this)?.to_list())
}

fn m_item(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = this_array(this)?;
    match args.pos.len() {
        0 if a.size() == 1 => Ok(a.scalar_at(a.pos2(0, 0)).to_value()),
        0 => Err(value_error(
            "can only convert an array of size 1 to a Python scalar",
        )),
        _ => match a.select(&if args.pos.len() == 1 {
            args.pos[0].clone()
        } else {
            Value::tuple(args.pos.to_vec())
        })? {
            Selection::Element(p) => Ok(a.scalar_at(p).to_value()),
            Selection::View(_) => Err(value_error("incorrect number of indices for array")),
        },
    }
}

fn m_fill(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = this_array(this)?;
    let v = args.one("fill")?;
    match Scalar::from_value(&v) {
        Some(s) => a.fill(s?.cast_checked(a.dtype)?),
        None => {
            return Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                v.type_name()
            )));
        }
    }
    Ok(Value::None)
}

fn m_astype(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = this_array(this)?;
    let v = args.one("astype")?;
    let dt = super::dtype_arg(vm, &v)?;
    Ok(a.copy_as(dt).into_value())
}

fn m_dot(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let b = args.one("dot")?;
    linalg::dot_values(vm, this, &b, true)
}

/// New shape for `reshape`, with one `-1` inferred.
pub fn reshape_dims(size: usize, dims: &[i64]) -> PyResult<Vec<usize>> {
    let bad = || {
        value_error(format!(
            "cannot reshape array of size {size} into shape {}",
            shape_compact_i(dims)
        ))
    };
    if dims.is_empty() || dims.len() > 2 {
        if dims.len() > 2 {
            return Err(value_error("mini's numpy supports 1-D and 2-D arrays only"));
        }
        return Err(bad());
    }
    let unknown: Vec<usize> = (0..dims.len()).filter(|&i| dims[i] == -1).collect();
    if unknown.len() > 1 {
        return Err(value_error("can only specify one unknown dimension"));
    }
    if dims.iter().any(|&d| d < -1) {
        return Err(value_error("negative dimensions not allowed"));
    }
    let known: usize = dims
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let mut out: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(bad());
        }
        out[u] = size / known;
    } else if known != size {
        return Err(bad());
    }
    Ok(out)
}

/// A requested shape as NumPy prints it (`-1` shows as `newaxis`).
fn shape_compact_i(dims: &[i64]) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|&d| {
            if d == -1 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    match dims {
        [_] => format!("({},)", parts[0]),
        _ => format!("({})", parts.join(",")),
    }
}

/// A shape argument: an int or a tuple/list of ints.
pub fn int_list(vm: &mut Vm, v: &Value) -> PyResult<Vec<i64>> {
    match v {
        Value::Int(i) => Ok(vec![*i]),
        Value::Tuple(_) | Value::List(_) => vm
            .collect(v)?
            .iter()
            .map(|x| match x {
                Value::Int(i) => Ok(*i),
                other => Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                ))),
            })
            .collect(),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn m_reshape(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = this_array(this)?;
    if !args.kw.is_empty() {
        return Err(type_error("reshape() takes no keyword arguments in mini"));
    }
    let dims: Vec<i64> = match args.pos.len() {
        1 => int_list(vm, &args.pos[0])?,
        _ => {
            let mut d = Vec::new();
            for v in &args.pos {
                d.extend(int_list(vm, v)?);
            }
            d
        }
    };
    let shape = reshape_dims(a.size(), &dims)?;
    if a.is_c_contiguous() {
        let strides: Vec<isize> = if shape.len() == 1 {
            vec![1]
        } else {
            vec![shape[1] as isize, 1]
        };
        return Ok(a.view(a.offset, &shape, &strides).into_value());
    }
    Ok(NdArray::from_words(a.dtype, &shape, a.words()).into_value())
}
