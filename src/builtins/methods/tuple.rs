//! Methods of `tuple` and `range`: `index` and `count`.

use std::sync::Arc;

use super::list::{count_in, index_range, position};
use super::wrong_receiver;
use crate::vm::error::*;
use crate::vm::objects::{Args, MethodDef, RangeObj, TupleObj};
use crate::vm::{Value, Vm, ops, repr};

pub(super) static METHODS: &[MethodDef] = methods!("tuple";
    "index" => index,
    "count" => count,
);

pub(super) static RANGE_METHODS: &[MethodDef] = methods!("range";
    "index" => range_index,
    "count" => range_count,
);

fn this<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<TupleObj>> {
    match v {
        Value::Tuple(t) => Ok(t),
        other => Err(wrong_receiver(name, "tuple", other)),
    }
}

fn index(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let t = this(v, "index")?;
    let pos = args.clinic("tuple.index", 1, 3)?;
    let (start, stop) = index_range(&pos, t.items.len())?;
    match position(&t.items, &pos[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("tuple.index(x): x not in tuple")),
    }
}

fn count(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let t = this(v, "count")?;
    let x = args.one("tuple.count")?;
    Ok(Value::Int(count_in(&t.items, &x)? as i64))
}

fn range_this<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<RangeObj>> {
    match v {
        Value::Range(r) => Ok(r),
        other => Err(wrong_receiver(name, "range", other)),
    }
}

/// The position of the int `i` in `r`, if `r` contains it.
fn range_position(r: &RangeObj, i: i64) -> Option<i64> {
    let (start, stop, step, i) = (r.start, r.stop, r.step, i as i128);
    let inside = if step > 0 {
        start <= i && i < stop
    } else {
        stop < i && i <= start
    };
    (inside && (i - start) % step == 0).then(|| ((i - start) / step) as i64)
}

/// `x` as an exact int for the fast paths: `Some(Some(i))` for an i64,
/// `Some(None)` for an int outside i64 (never in a range), `None` otherwise.
fn exact_int(x: &Value) -> Option<Option<i64>> {
    match x {
        Value::Int(i) => Some(Some(*i)),
        Value::Bool(b) => Some(Some(*b as i64)),
        Value::BigInt(_) => Some(None),
        _ => None,
    }
}

fn range_index(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let r = range_this(v, "index")?;
    let x = args.one("range.index")?;
    if let Some(i) = exact_int(&x) {
        return match i.and_then(|i| range_position(r, i)) {
            Some(k) => Ok(Value::Int(k)),
            None => Err(value_error(format!(
                "{} is not in range",
                repr::repr(vm, &x)?
            ))),
        };
    }
    for k in 0..r.len() {
        if ops::eq(&Value::from_i128(r.get(k)), &x)? {
            return Ok(Value::from_i128(k));
        }
    }
    Err(value_error("sequence.index(x): x not in sequence"))
}

fn range_count(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let r = range_this(v, "count")?;
    let x = args.one("range.count")?;
    if let Some(i) = exact_int(&x) {
        return Ok(Value::Int(
            i.and_then(|i| range_position(r, i)).is_some() as i64
        ));
    }
    let mut n = 0;
    for k in 0..r.len() {
        if ops::eq(&Value::from_i128(r.get(k)), &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}
