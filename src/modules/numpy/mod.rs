//! The `numpy` module: a NumPy subset of float64/int64/bool arrays of one
//! and two dimensions (SPEC §5).
//!
//! - `storage`: dtypes, scalars, the shared atomic element buffer;
//! - `ndarray`: the `ndarray` type, views, indexing, methods;
//! - `elementwise`: operators and math functions (rayon above a size);
//! - `reduce`: sum/mean/min/max/… (NumPy's pairwise summation);
//! - `linalg`: dot/matmul on the `gemm` crate;
//! - `format`: NumPy 2's `str`/`repr`;
//! - `random`: `numpy.random`, NumPy's legacy MT19937 stream.
//!
//! Native work on at least `ndarray::GIL_RELEASE_MIN` elements releases the
//! GIL. mini-only additions: the `release_gil=` keyword of `dot`/`matmul`,
//! and `set_num_threads(n)`/`get_num_threads()` (the rayon team size for
//! array work, shared with `--threads`/`OMP_NUM_THREADS`).

pub mod elementwise;
pub mod format;
pub mod linalg;
pub mod ndarray;
pub mod random;
pub mod reduce;

use std::sync::{Arc, LazyLock};

use crate::array::storage::{DType, Scalar};
use elementwise::UFunc;
use ndarray::{NDARRAY_CLASS, NdArray, as_array, int_list, parse_axis};

use crate::parallel;
use crate::vm::prelude::*;

// -------------------------------------------------------------- errors

static AXIS_ERROR: LazyLock<Arc<TypeObj>> =
    LazyLock::new(|| new_exception_type("AxisError", TYPES.exc(ExcKind::ValueError)));
static UFUNC_TYPE_ERROR: LazyLock<Arc<TypeObj>> =
    LazyLock::new(|| new_exception_type("UFuncTypeError", TYPES.exc(ExcKind::TypeError)));

/// `numpy.exceptions.AxisError` (a ValueError).
pub fn axis_error(msg: String) -> PyErr {
    exc_with_args(&AXIS_ERROR, vec![Value::str(msg)])
}

/// `numpy._core._exceptions.UFuncTypeError` (a TypeError).
pub fn ufunc_type_error(msg: String) -> PyErr {
    exc_with_args(&UFUNC_TYPE_ERROR, vec![Value::str(msg)])
}

// -------------------------------------------------------------- dtypes

/// `a.dtype` (`dtype('float64')`) and the scalar types `np.float64` & co.
pub struct DTypeObj {
    pub dtype: DType,
    /// `np.float64` itself rather than `dtype('float64')`.
    pub scalar_type: bool,
}

static DTYPE_CLASS: NativeClass = NativeClass {
    name: "dtype",
    module: "numpy",
    methods: native_methods!("dtype";),
    ctor: None,
};

impl NativeObject for DTypeObj {
    fn class(&self) -> &'static NativeClass {
        &DTYPE_CLASS
    }

    fn repr(&self, _vm: &mut Vm, _this: &Value) -> PyResult<String> {
        Ok(if self.scalar_type {
            let n = if self.dtype == DType::Bool {
                "bool"
            } else {
                self.dtype.name()
            };
            format!("<class 'numpy.{n}'>")
        } else {
            format!("dtype('{}')", self.dtype.name())
        })
    }

    fn str(&self, vm: &mut Vm, this: &Value) -> PyResult<String> {
        if self.scalar_type {
            self.repr(vm, this)
        } else {
            Ok(self.dtype.name().to_string())
        }
    }

    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "name" => Value::str(self.dtype.name()),
            "itemsize" => Value::Int(self.dtype.itemsize() as i64),
            "kind" => Value::str(match self.dtype {
                DType::Bool => "b",
                DType::Int64 => "i",
                DType::Float64 => "f",
            }),
            "type" => scalar_type_value(self.dtype),
            _ => return None,
        }))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["name", "itemsize", "kind", "type"]
    }

    fn compare(
        &self,
        _vm: &mut Vm,
        _this: &Value,
        op: crate::syntax::ops::CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> Option<PyResult<Value>> {
        use crate::syntax::ops::CmpOp;
        let eq = match op {
            CmpOp::Eq => true,
            CmpOp::NotEq => false,
            _ => return None,
        };
        let same = dtype_of(other).is_some_and(|d| d == self.dtype);
        Some(Ok(Value::bool(same == eq)))
    }

    fn call(&self, _vm: &mut Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        if !self.scalar_type {
            return None;
        }
        Some((|| {
            let v = match args.pos.len() {
                0 => Value::Int(0),
                1 => args.pos[0].clone(),
                n => {
                    return Err(type_error(format!(
                        "function takes at most 1 argument ({n} given)"
                    )));
                }
            };
            let s = match Scalar::from_value(&v) {
                Some(s) => s?,
                None => match &v {
                    Value::Str(s) => match s.as_str().trim().parse::<f64>() {
                        Ok(f) => Scalar::Float(f),
                        Err(_) => {
                            return Err(value_error(format!(
                                "could not convert string to float: '{}'",
                                s.as_str()
                            )));
                        }
                    },
                    other => {
                        return Err(type_error(format!(
                            "cannot convert '{}' to numpy.{}",
                            other.type_name(),
                            self.dtype.name()
                        )));
                    }
                },
            };
            Ok(s.cast(self.dtype).to_value())
        })())
    }
}

/// `a.dtype` for an array of `dt`.
pub fn dtype_value(dt: DType) -> Value {
    Value::native(DTypeObj {
        dtype: dt,
        scalar_type: false,
    })
}

fn scalar_type_value(dt: DType) -> Value {
    Value::native(DTypeObj {
        dtype: dt,
        scalar_type: true,
    })
}

/// The dtype a value names, if any: dtype objects, `float`/`int`/`bool`,
/// and names such as `'float64'`.
fn dtype_of(v: &Value) -> Option<DType> {
    match v {
        Value::Native(_) => v.downcast::<DTypeObj>().map(|d| d.dtype),
        Value::Type(t) if Arc::ptr_eq(t, &TYPES.float) => Some(DType::Float64),
        Value::Type(t) if Arc::ptr_eq(t, &TYPES.int) => Some(DType::Int64),
        Value::Type(t) if Arc::ptr_eq(t, &TYPES.bool_) => Some(DType::Bool),
        Value::Str(s) => DType::from_name(s.as_str()),
        _ => None,
    }
}

/// A `dtype=` argument.
pub fn dtype_arg(_vm: &mut Vm, v: &Value) -> PyResult<DType> {
    dtype_of(v).ok_or_else(|| match v {
        Value::Str(s) => type_error(format!("data type '{}' not understood", s.as_str())),
        other => type_error(format!(
            "Cannot interpret '{}' as a data type (mini's numpy has float64, int64 and bool)",
            other.type_name()
        )),
    })
}

fn opt_dtype(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<DType>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => dtype_arg(vm, v).map(Some),
    }
}

// ---------------------------------------------------------- constructors

fn sig(name: &'static str, params: &'static [&'static str], ndefaults: usize) -> PySig {
    PySig::function(name, params, ndefaults)
}

/// A shape argument (int or tuple of at most two ints).
fn shape_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<usize>> {
    let d = int_list(vm, v)?;
    if d.len() > 2 {
        return Err(value_error("mini's numpy supports 1-D and 2-D arrays only"));
    }
    if d.is_empty() {
        return Err(value_error("mini's numpy has no 0-d arrays"));
    }
    d.iter()
        .map(|&x| {
            usize::try_from(x).map_err(|_| value_error("negative dimensions are not allowed"))
        })
        .collect()
}

fn np_array(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("array", &["object", "dtype"], 1).bind(args)?;
    let dt = opt_dtype(vm, s[1].as_ref())?;
    let obj = s[0].clone().unwrap_or(Value::None);
    Ok(ndarray::array_from_value(vm, &obj, dt)?.into_value())
}

fn np_asarray(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("asarray", &["a", "dtype"], 1).bind(args)?;
    let dt = opt_dtype(vm, s[1].as_ref())?;
    let obj = s[0].clone().unwrap_or(Value::None);
    if let Some(a) = obj.downcast::<NdArray>()
        && dt.is_none_or(|d| d == a.dtype)
    {
        return Ok(obj.clone());
    }
    Ok(ndarray::array_from_value(vm, &obj, dt)?.into_value())
}

fn filled(vm: &mut Vm, args: Args, name: &'static str, fill: Option<Scalar>) -> PyResult<Value> {
    let s = sig(name, &["shape", "dtype"], 1).bind(args)?;
    let shape = shape_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let dt = opt_dtype(vm, s[1].as_ref())?.unwrap_or(DType::Float64);
    let a = NdArray::zeros(dt, &shape)?;
    if let Some(f) = fill {
        a.fill(f);
    }
    Ok(a.into_value())
}

fn np_zeros(vm: &mut Vm, args: Args) -> PyResult<Value> {
    filled(vm, args, "zeros", None)
}

fn np_empty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    filled(vm, args, "empty", None)
}

fn np_ones(vm: &mut Vm, args: Args) -> PyResult<Value> {
    filled(vm, args, "ones", Some(Scalar::Int(1)))
}

fn np_full(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("full", &["shape", "fill_value", "dtype"], 1).bind(args)?;
    let shape = shape_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let v = s[1].clone().unwrap_or(Value::None);
    let fill = match Scalar::from_value(&v) {
        Some(f) => f?,
        None => {
            return Err(type_error(format!(
                "mini's numpy.full needs a bool, int or float fill value, not '{}'",
                v.type_name()
            )));
        }
    };
    let dt = opt_dtype(vm, s[2].as_ref())?.unwrap_or(fill.dtype());
    let a = NdArray::zeros(dt, &shape)?;
    a.fill(fill.cast_checked(dt)?);
    Ok(a.into_value())
}

fn like(vm: &mut Vm, args: Args, name: &'static str, fill: Option<Scalar>) -> PyResult<Value> {
    let s = sig(name, &["a", "dtype"], 1).bind(args)?;
    let src = as_array(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let dt = opt_dtype(vm, s[1].as_ref())?.unwrap_or(src.dtype);
    let a = NdArray::zeros(dt, src.shape())?;
    if let Some(f) = fill {
        a.fill(f);
    }
    Ok(a.into_value())
}

fn np_zeros_like(vm: &mut Vm, args: Args) -> PyResult<Value> {
    like(vm, args, "zeros_like", None)
}

fn np_ones_like(vm: &mut Vm, args: Args) -> PyResult<Value> {
    like(vm, args, "ones_like", Some(Scalar::Int(1)))
}

fn number(v: &Value) -> PyResult<Scalar> {
    match Scalar::from_value(v) {
        Some(s) => s,
        None => Err(type_error(format!(
            "unsupported operand type(s) for -: '{}' and 'int'",
            v.type_name()
        ))),
    }
}

fn np_arange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("arange", &["start", "stop", "step", "dtype"], 3).bind(args)?;
    let given: Vec<Scalar> = s[..3]
        .iter()
        .flatten()
        .filter(|v| !v.is_none())
        .map(number)
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match given.as_slice() {
        [stop] => (Scalar::Int(0), *stop, Scalar::Int(1)),
        [start, stop] => (*start, *stop, Scalar::Int(1)),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(type_error("arange() requires stop to be specified.")),
    };
    let inferred = start
        .dtype()
        .max(stop.dtype())
        .max(step.dtype())
        .max(DType::Int64);
    let dt = opt_dtype(vm, s[3].as_ref())?.unwrap_or(inferred);
    if step.as_f64() == 0.0 {
        return Err(zero_division("division by zero"));
    }
    let words: Vec<u64> = if inferred == DType::Int64 {
        let (a, b, st) = (
            start.cast(DType::Int64).bits() as i64 as i128,
            stop.cast(DType::Int64).bits() as i64 as i128,
            step.cast(DType::Int64).bits() as i64 as i128,
        );
        let n = ((b - a + st - st.signum()) / st).max(0) as usize;
        check_alloc(n, 8)?;
        (0..n)
            .map(|i| Scalar::Int((a + i as i128 * st) as i64).cast(dt).bits())
            .collect()
    } else {
        let (a, b, st) = (start.as_f64(), stop.as_f64(), step.as_f64());
        let len = ((b - a) / st).ceil();
        if !len.is_finite() {
            return Err(value_error("arange: cannot compute length"));
        }
        let n = len.max(0.0) as usize;
        check_alloc(n, 8)?;
        // NumPy fills `start + i*delta` with delta = (start + step) - start.
        let delta = (a + st) - a;
        (0..n)
            .map(|i| {
                let x = if i == 0 { a } else { a + i as f64 * delta };
                Scalar::Float(x).cast(dt).bits()
            })
            .collect()
    };
    Ok(NdArray::from_words(dt, &[words.len()], words).into_value())
}

fn np_linspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig(
        "linspace",
        &["start", "stop", "num", "endpoint", "dtype"],
        3,
    )
    .bind(args)?;
    let start = to_float(s[0].as_ref().unwrap_or(&Value::None))?;
    let stop = to_float(s[1].as_ref().unwrap_or(&Value::None))?;
    let num = match s[2].as_ref() {
        None => 50,
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        Some(Value::Int(n)) => {
            return Err(value_error(format!(
                "Number of samples, {n}, must be non-negative."
            )));
        }
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let endpoint = s[3].as_ref().is_none_or(truthy);
    let dt = opt_dtype(vm, s[4].as_ref())?.unwrap_or(DType::Float64);
    check_alloc(num, 8)?;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 {
        delta / div as f64
    } else {
        f64::NAN
    };
    let mut v: Vec<f64> = (0..num)
        .map(|i| {
            let y = i as f64;
            let y = if div == 0 {
                y * delta
            } else if step == 0.0 {
                y / div as f64 * delta
            } else {
                y * step
            };
            y + start
        })
        .collect();
    if endpoint && num > 1 {
        v[num - 1] = stop;
    }
    let words = v
        .into_iter()
        .map(|x| Scalar::Float(x).cast(dt).bits())
        .collect();
    Ok(NdArray::from_words(dt, &[num], words).into_value())
}

fn np_eye(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("eye", &["N", "M", "k", "dtype"], 3).bind(args)?;
    let n = shape_arg(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let n = n[0];
    let m = match s[1].as_ref() {
        None | Some(Value::None) => n,
        Some(v) => shape_arg(vm, v)?[0],
    };
    let k = match s[2].as_ref() {
        None => 0,
        Some(Value::Int(k)) => *k,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let dt = opt_dtype(vm, s[3].as_ref())?.unwrap_or(DType::Float64);
    let a = NdArray::zeros(dt, &[n, m])?;
    let one = Scalar::Int(1).cast(dt).bits();
    for r in 0..n {
        let c = r as i64 + k;
        if c >= 0 && (c as usize) < m {
            a.buf.set(r * m + c as usize, one);
        }
    }
    Ok(a.into_value())
}

fn np_identity(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("identity", &["n", "dtype"], 1).bind(args)?;
    let mut pos = smallvec::SmallVec::new();
    pos.push(s[0].clone().unwrap_or(Value::None));
    let mut kw = Vec::new();
    if let Some(d) = &s[1] {
        kw.push((StrObj::new("dtype"), d.clone()));
    }
    np_eye(vm, Args { pos, kw })
}

// -------------------------------------------------------- math functions

macro_rules! ufuncs {
    ($($fname:ident => $name:literal, $u:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let x = args.one($name)?;
                elementwise::ufunc_value(vm, $u, &x)
            }
        )*
    };
}

ufuncs! {
    np_sqrt => "sqrt", UFunc::Sqrt;
    np_exp => "exp", UFunc::Exp;
    np_log => "log", UFunc::Log;
    np_log10 => "log10", UFunc::Log10;
    np_sin => "sin", UFunc::Sin;
    np_cos => "cos", UFunc::Cos;
    np_tan => "tan", UFunc::Tan;
    np_abs => "absolute", UFunc::Abs;
    np_floor => "floor", UFunc::Floor;
    np_ceil => "ceil", UFunc::Ceil;
}

fn np_reduce(vm: &mut Vm, args: Args, name: &'static str, kind: reduce::Kind) -> PyResult<Value> {
    let s = sig(name, &["a", "axis"], 1).bind(args)?;
    let a = s[0].clone().unwrap_or(Value::None);
    if let Some(x) = Scalar::from_value(&a) {
        let x = x?;
        parse_axis(s[1].as_ref(), 1)?;
        return Ok(match kind {
            reduce::Kind::Mean | reduce::Kind::Std | reduce::Kind::Var => {
                let m = x.as_f64();
                Value::float(if kind == reduce::Kind::Mean { m } else { 0.0 })
            }
            reduce::Kind::Any | reduce::Kind::All => Value::bool(x.as_f64() != 0.0),
            reduce::Kind::ArgMax | reduce::Kind::ArgMin => Value::Int(0),
            reduce::Kind::Sum | reduce::Kind::Prod if x.dtype() == DType::Bool => {
                Value::Int(x.as_f64() as i64)
            }
            _ => x.to_value(),
        });
    }
    let arr = as_array(vm, &a)?;
    let axis = parse_axis(s[1].as_ref(), arr.nd)?;
    reduce::reduce(vm, &arr, kind, axis)
}

macro_rules! reductions {
    ($($fname:ident => $name:literal, $k:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
                np_reduce(vm, args, $name, $k)
            }
        )*
    };
}

reductions! {
    np_sum => "sum", reduce::Kind::Sum;
    np_prod => "prod", reduce::Kind::Prod;
    np_mean => "mean", reduce::Kind::Mean;
    np_min => "min", reduce::Kind::Min;
    np_max => "max", reduce::Kind::Max;
    np_any => "any", reduce::Kind::Any;
    np_all => "all", reduce::Kind::All;
    np_argmax => "argmax", reduce::Kind::ArgMax;
    np_argmin => "argmin", reduce::Kind::ArgMin;
    np_std => "std", reduce::Kind::Std;
    np_var => "var", reduce::Kind::Var;
}

fn product_args(args: Args, name: &'static str) -> PyResult<(Value, Value, bool)> {
    let s = PySig {
        name,
        params: &["a", "b"],
        ndefaults: 0,
        kwonly: &["release_gil"],
        self_count: 0,
    }
    .bind(args)?;
    let a = s[0].clone().unwrap_or(Value::None);
    let b = s[1].clone().unwrap_or(Value::None);
    let release = s[2].as_ref().is_none_or(truthy);
    Ok((a, b, release))
}

fn np_dot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b, release) = product_args(args, "dot")?;
    linalg::dot_values(vm, &a, &b, release)
}

fn np_matmul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b, release) = product_args(args, "matmul")?;
    linalg::matmul_values(vm, &a, &b, release)
}

/// NumPy's `isclose` for two numbers.
fn close(x: f64, y: f64, rtol: f64, atol: f64, equal_nan: bool) -> bool {
    if x.is_finite() && y.is_finite() {
        (x - y).abs() <= atol + rtol * y.abs()
    } else if x.is_nan() || y.is_nan() {
        equal_nan && x.is_nan() && y.is_nan()
    } else {
        x == y
    }
}

fn np_allclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("allclose", &["a", "b", "rtol", "atol", "equal_nan"], 3).bind(args)?;
    let rtol = s[2].as_ref().map_or(Ok(1e-05), to_float)?;
    let atol = s[3].as_ref().map_or(Ok(1e-08), to_float)?;
    let equal_nan = s[4].as_ref().is_some_and(truthy);
    let a = as_array_or_scalar(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let b = as_array_or_scalar(vm, s[1].as_ref().unwrap_or(&Value::None))?;
    let Some(shape) = elementwise::broadcast_shapes(a.shape(), b.shape()) else {
        return Err(value_error(format!(
            "operands could not be broadcast together with shapes {} {} ",
            ndarray::shape_compact(a.shape()),
            ndarray::shape_compact(b.shape())
        )));
    };
    let x = to_f64_broadcast(&a, &shape);
    let y = to_f64_broadcast(&b, &shape);
    Ok(Value::bool(
        x.iter()
            .zip(&y)
            .all(|(&x, &y)| close(x, y, rtol, atol, equal_nan)),
    ))
}

fn np_array_equal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("array_equal", &["a1", "a2"], 0).bind(args)?;
    let a = as_array(vm, s[0].as_ref().unwrap_or(&Value::None))?;
    let b = as_array(vm, s[1].as_ref().unwrap_or(&Value::None))?;
    if a.shape() != b.shape() {
        return Ok(Value::bool(false));
    }
    let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
    Ok(Value::bool(x == y))
}

/// An argument that may be a Python scalar (as a 1-element array).
fn as_array_or_scalar(vm: &mut Vm, v: &Value) -> PyResult<ndarray::ArrayRef> {
    if let Some(s) = Scalar::from_value(v) {
        let s = s?;
        return Ok(ndarray::ArrayRef::Owned(Box::new(NdArray::from_words(
            s.dtype(),
            &[1],
            vec![s.bits()],
        ))));
    }
    as_array(vm, v)
}

fn to_f64_broadcast(a: &NdArray, shape: &[usize]) -> Vec<f64> {
    let words = elementwise::broadcast_to(a, shape).unwrap_or_default();
    words
        .into_iter()
        .map(|w| Scalar::from_bits(a.dtype, w).as_f64())
        .collect()
}

fn np_reshape(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sig("reshape", &["a", "shape"], 0).bind(args)?;
    let a = s[0].clone().unwrap_or(Value::None);
    let a = match as_array(vm, &a)? {
        ndarray::ArrayRef::Shared(v) => v,
        ndarray::ArrayRef::Owned(o) => o.into_value(),
    };
    let shape = s[1].clone().unwrap_or(Value::None);
    let m =
        find_method(&NDARRAY_CLASS, "reshape").ok_or_else(|| internal_error("ndarray.reshape"))?;
    let mut pos = smallvec::SmallVec::new();
    pos.push(shape);
    (m.func)(
        vm,
        &a,
        Args {
            pos,
            kw: Vec::new(),
        },
    )
}

fn np_transpose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.one("transpose")?;
    Ok(as_array(vm, &a)?.transpose().into_value())
}

fn np_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.one("copy")?;
    let a = as_array(vm, &a)?;
    Ok(a.copy_as(a.dtype).into_value())
}

fn np_dtype(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("dtype")?;
    Ok(dtype_value(dtype_arg(vm, &v)?))
}

/// mini-only: the team size of native array work (also `--threads`).
fn np_set_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("set_num_threads")?;
    match v {
        Value::Int(n) if n >= 1 => {
            parallel::set_default_threads(n as usize);
            Ok(Value::None)
        }
        Value::Int(_) => Err(value_error("number of threads must be at least 1")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn np_get_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("get_num_threads")?;
    Ok(Value::Int(parallel::default_threads() as i64))
}

const FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "abs",
        func: np_abs,
    },
    BuiltinFn {
        name: "absolute",
        func: np_abs,
    },
    BuiltinFn {
        name: "all",
        func: np_all,
    },
    BuiltinFn {
        name: "allclose",
        func: np_allclose,
    },
    BuiltinFn {
        name: "amax",
        func: np_max,
    },
    BuiltinFn {
        name: "amin",
        func: np_min,
    },
    BuiltinFn {
        name: "any",
        func: np_any,
    },
    BuiltinFn {
        name: "arange",
        func: np_arange,
    },
    BuiltinFn {
        name: "argmax",
        func: np_argmax,
    },
    BuiltinFn {
        name: "argmin",
        func: np_argmin,
    },
    BuiltinFn {
        name: "array",
        func: np_array,
    },
    BuiltinFn {
        name: "array_equal",
        func: np_array_equal,
    },
    BuiltinFn {
        name: "asarray",
        func: np_asarray,
    },
    BuiltinFn {
        name: "ceil",
        func: np_ceil,
    },
    BuiltinFn {
        name: "copy",
        func: np_copy,
    },
    BuiltinFn {
        name: "cos",
        func: np_cos,
    },
    BuiltinFn {
        name: "dot",
        func: np_dot,
    },
    BuiltinFn {
        name: "dtype",
        func: np_dtype,
    },
    BuiltinFn {
        name: "empty",
        func: np_empty,
    },
    BuiltinFn {
        name: "exp",
        func: np_exp,
    },
    BuiltinFn {
        name: "eye",
        func: np_eye,
    },
    BuiltinFn {
        name: "floor",
        func: np_floor,
    },
    BuiltinFn {
        name: "full",
        func: np_full,
    },
    BuiltinFn {
        name: "get_num_threads",
        func: np_get_num_threads,
    },
    BuiltinFn {
        name: "identity",
        func: np_identity,
    },
    BuiltinFn {
        name: "linspace",
        func: np_linspace,
    },
    BuiltinFn {
        name: "log",
        func: np_log,
    },
    BuiltinFn {
        name: "log10",
        func: np_log10,
    },
    BuiltinFn {
        name: "matmul",
        func: np_matmul,
    },
    BuiltinFn {
        name: "max",
        func: np_max,
    },
    BuiltinFn {
        name: "mean",
        func: np_mean,
    },
    BuiltinFn {
        name: "min",
        func: np_min,
    },
    BuiltinFn {
        name: "ones",
        func: np_ones,
    },
    BuiltinFn {
        name: "ones_like",
        func: np_ones_like,
    },
    BuiltinFn {
        name: "prod",
        func: np_prod,
    },
    BuiltinFn {
        name: "reshape",
        func: np_reshape,
    },
    BuiltinFn {
        name: "set_num_threads",
        func: np_set_num_threads,
    },
    BuiltinFn {
        name: "sin",
        func: np_sin,
    },
    BuiltinFn {
        name: "sqrt",
        func: np_sqrt,
    },
    BuiltinFn {
        name: "std",
        func: np_std,
    },
    BuiltinFn {
        name: "sum",
        func: np_sum,
    },
    BuiltinFn {
        name: "tan",
        func: np_tan,
    },
    BuiltinFn {
        name: "transpose",
        func: np_transpose,
    },
    BuiltinFn {
        name: "var",
        func: np_var,
    },
    BuiltinFn {
        name: "zeros",
        func: np_zeros,
    },
    BuiltinFn {
        name: "zeros_like",
        func: np_zeros_like,
    },
];

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("numpy", FUNCS);
    d.set_str("__version__", Value::str("2.4.6-mini"));
    d.set_str("ndarray", Value::Type(native_type(&NDARRAY_CLASS)));
    d.set_str("float64", scalar_type_value(DType::Float64));
    d.set_str("int64", scalar_type_value(DType::Int64));
    d.set_str("bool_", scalar_type_value(DType::Bool));
    d.set_str("bool", scalar_type_value(DType::Bool));
    d.set_str("pi", Value::float(std::f64::consts::PI));
    d.set_str("e", Value::float(std::f64::consts::E));
    d.set_str("inf", Value::float(f64::INFINITY));
    d.set_str("nan", Value::float(f64::NAN));
    d.set_str("newaxis", Value::None);
    d.set_str("AxisError", Value::Type(AXIS_ERROR.clone()));
    // `np.random` works after a plain `import numpy`: build the submodule
    // now and cache it under its dotted name, so `import numpy.random`
    // finds this same object.
    let r = {
        let made = random::init(vm)?;
        let mut mods = vm.interp.modules.lock();
        mods.entry("numpy.random".to_string())
            .or_insert(made)
            .clone()
    };
    d.set_str("random", r);
    Ok(m)
}
