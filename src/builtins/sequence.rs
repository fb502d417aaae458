//! Iteration builtins: `len range enumerate zip reversed sorted iter next
//! any all map filter`. `sorted` uses `list.sort`'s timsort (`methods::sort_values`).

use std::sync::Arc;

use super::is_callable;
use crate::vm::args::clinic_count;
use crate::vm::error::*;
use crate::vm::iter::{self, get_iter, seq_iter};
use crate::vm::objects::{Args, IterObj, IterState, RangeObj, ViewKind};
use crate::vm::ops;
use crate::vm::{Value, Vm};

fn new_iter(state: IterState) -> Value {
    Value::Iter(Arc::new(IterObj::new(state)))
}

// --------------------------------------------------------------------- len

/// The exact length of a range (may exceed i64 for extreme bounds).
fn range_len_i128(r: &RangeObj) -> i128 {
    r.len()
}

/// `len(v)`.
pub fn len_of(v: &Value) -> PyResult<i64> {
    let n = match v {
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.data.len(),
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.len(),
        Value::Set(s) => s.table.lock().len(),
        Value::DictView(dv) => dv.dict.len(),
        Value::Range(r) => {
            return i64::try_from(range_len_i128(r))
                .map_err(|_| overflow_error("Python int too large to convert to C ssize_t"));
        }
        Value::Native(n) if let Some(r) = n.len() => r?,
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    };
    Ok(n as i64)
}

pub fn builtin_len(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("len")?;
    Ok(Value::Int(len_of(&v)?))
}

// ------------------------------------------------------------------- range

/// An int-like argument as i128: TypeError for non-ints, OverflowError
/// beyond mini's 128-bit ranges.
fn range_arg(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i as i128),
        Value::Bool(b) => Ok(*b as i128),
        Value::BigInt(b) => num_traits::ToPrimitive::to_i128(&**b)
            .filter(|i| *i > i128::MIN)
            .ok_or_else(|| overflow_error("range() arguments must fit in 128 bits in mini")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `range(stop)`, `range(start, stop[, step])` (the builtin and the type call).
pub fn make_range(args: Args) -> PyResult<Value> {
    args.no_kw("range")?;
    clinic_count("range", args.pos.len(), 1, 3)?;
    let vals: Vec<i128> = args.pos.iter().map(range_arg).collect::<PyResult<_>>()?;
    let (start, stop, step) = match vals.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(internal_error("range arity")),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(RangeObj { start, stop, step })))
}

// --------------------------------------------------------------- enumerate

pub fn builtin_enumerate(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() && args.kw.is_empty() {
        return Err(type_error(
            "enumerate() missing required argument 'iterable'",
        ));
    }
    let p = args.bind_params("enumerate", &["iterable", "start"], 0, 1)?;
    let mut p = p.into_iter();
    let iterable = p.next().flatten().unwrap_or(Value::None);
    let count = match p.next().flatten() {
        None => Value::Int(0),
        Some(Value::Bool(b)) => Value::Int(b as i64),
        Some(v @ (Value::Int(_) | Value::BigInt(_))) => v,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let inner = get_iter(&iterable)?;
    Ok(new_iter(IterState::Enumerate { inner, count }))
}

// --------------------------------------------------------------------- zip

pub fn builtin_zip(_vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let kw = args.take_kwonly("zip", &["strict"])?;
    let strict = kw[0].as_ref().is_some_and(ops::truthy);
    let iters: Vec<Value> = args.pos.iter().map(get_iter).collect::<PyResult<_>>()?;
    Ok(new_iter(IterState::Zip { iters, strict }))
}

// ---------------------------------------------------------------- reversed

/// `reversed(v)`.
pub fn reversed_of(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => {
            let mut items = l.snapshot();
            items.reverse();
            new_iter(IterState::Reversed(items.into(), 0))
        }
        Value::Tuple(t) => {
            let items: Vec<Value> = t.items.iter().rev().cloned().collect();
            seq_iter(items, "reversed")
        }
        Value::Str(s) => {
            let items: Vec<Value> = s
                .as_str()
                .chars()
                .rev()
                .map(|c| Value::str(c.to_string()))
                .collect();
            seq_iter(items, "reversed")
        }
        Value::Bytes(b) => {
            let items: Vec<Value> = b.data.iter().rev().map(|&x| Value::Int(x as i64)).collect();
            seq_iter(items, "reversed")
        }
        Value::Range(r) => {
            // Range bounds exclude i128::MIN, so negating the step is safe.
            let n = range_len_i128(r);
            let last = r.start + (n - 1).max(0) * r.step;
            new_iter(IterState::Range {
                next: last,
                step: -r.step,
                left: n,
            })
        }
        Value::Dict(d) => {
            let mut keys = d.table.lock().keys();
            keys.reverse();
            seq_iter(keys, "dict_reversekeyiterator")
        }
        Value::DictView(view) => {
            let t = view.dict.table.lock();
            let (mut items, name) = match view.kind {
                ViewKind::Keys => (t.keys(), "dict_reversekeyiterator"),
                ViewKind::Values => (t.values(), "dict_reversevalueiterator"),
                ViewKind::Items => (
                    t.items()
                        .into_iter()
                        .map(|(k, v)| Value::tuple(vec![k, v]))
                        .collect(),
                    "dict_reverseitemiterator",
                ),
            };
            drop(t);
            items.reverse();
            seq_iter(items, name)
        }
        other => {
            return Err(type_error(format!(
                "'{}' object is not reversible",
                other.type_name()
            )));
        }
    })
}

pub fn builtin_reversed(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("reversed")?;
    clinic_count("reversed", args.pos.len(), 1, 1)?;
    reversed_of(&args.pos[0])
}

// ------------------------------------------------------------------ sorting

/// `sorted(iterable, /, *, key=None, reverse=False)`.
pub fn builtin_sorted(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    clinic_count("sorted", args.pos.len(), 1, 1)?;
    let kw = args.take_kwonly("sort", &["key", "reverse"])?;
    let mut items = iter::collect(vm, &args.pos[0])?;
    let reverse = match &kw[1] {
        None => false,
        Some(v @ (Value::Bool(_) | Value::Int(_) | Value::BigInt(_))) => ops::truthy(v),
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    crate::builtins::methods::sort_values(vm, &mut items, kw[0].as_ref(), reverse)?;
    Ok(Value::list(items))
}

// -------------------------------------------------------------- iter, next

pub fn builtin_iter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("iter")?;
    clinic_count("iter", args.pos.len(), 1, 2)?;
    if args.pos.len() == 1 {
        return get_iter(&args.pos[0]);
    }
    let func = args.pos[0].clone();
    if !is_callable(&func) {
        return Err(type_error("iter(v, w): v must be callable"));
    }
    Ok(new_iter(IterState::Callable {
        func,
        sentinel: args.pos[1].clone(),
    }))
}

pub fn builtin_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("next")?;
    clinic_count("next", args.pos.len(), 1, 2)?;
    match iter::next(vm, &args.pos[0])? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(stop_iteration()),
        },
    }
}

// ------------------------------------------------------------- any, all

fn any_all(vm: &mut Vm, args: Args, name: &str, want: bool) -> PyResult<Value> {
    let v = args.one(name)?;
    let it = get_iter(&v)?;
    while let Some(x) = iter::next(vm, &it)? {
        if ops::truthy(&x) == want {
            return Ok(Value::bool(want));
        }
    }
    Ok(Value::bool(!want))
}

pub fn builtin_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    any_all(vm, args, "any", true)
}

pub fn builtin_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    any_all(vm, args, "all", false)
}

// ------------------------------------------------------------ map, filter

pub fn builtin_map(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("map")?;
    if args.pos.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let func = args.pos[0].clone();
    let iters: Vec<Value> = args.pos[1..]
        .iter()
        .map(get_iter)
        .collect::<PyResult<_>>()?;
    Ok(new_iter(IterState::Map { func, iters }))
}

pub fn builtin_filter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("filter")?;
    clinic_count("filter", args.pos.len(), 2, 2)?;
    let iter = get_iter(&args.pos[1])?;
    Ok(new_iter(IterState::Filter {
        func: args.pos[0].clone(),
        iter,
    }))
}
