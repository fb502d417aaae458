//! The iteration protocol: `iter(x)` and `next(it)` for every iterable type.

use std::sync::Arc;

use super::error::*;
use super::interp::Vm;
use super::objects::*;
use super::ops;
use super::value::Value;

fn new_iter(state: IterState) -> Value {
    Value::Iter(Arc::new(IterObj::new(state)))
}

/// A fixed snapshot as an iterator (`type_name` is what `type()` reports).
pub fn seq_iter(items: Vec<Value>, type_name: &'static str) -> Value {
    new_iter(IterState::Seq(items.into(), 0, type_name))
}

/// `iter(v)`.
pub fn get_iter(v: &Value) -> PyResult<Value> {
    if let Value::Native(n) = v
        && let Some(r) = n.iter(v)
    {
        return r;
    }
    Ok(match v {
        Value::Iter(_) => v.clone(),
        Value::List(l) => new_iter(IterState::List(l.clone(), 0)),
        Value::Tuple(t) => new_iter(IterState::Seq(t.items.to_vec().into(), 0, "tuple_iterator")),
        Value::Str(s) => new_iter(IterState::Str(s.clone(), 0)),
        Value::Bytes(b) => seq_iter(
            b.data.iter().map(|&x| Value::Int(x as i64)).collect(),
            "bytes_iterator",
        ),
        Value::Range(r) => new_iter(IterState::Range {
            next: r.start,
            step: r.step,
            left: r.len(),
        }),
        Value::Dict(d) => dict_iter(d, ViewKind::Keys),
        Value::DictView(view) => dict_iter(&view.dict, view.kind),
        Value::Set(s) => new_iter(IterState::Set {
            set: s.clone(),
            items: s.snapshot().into(),
            pos: 0,
        }),
        other => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )));
        }
    })
}

fn dict_iter(d: &Arc<DictObj>, kind: ViewKind) -> Value {
    new_iter(IterState::Dict {
        dict: d.clone(),
        pos: 0,
        kind,
        len_at_start: d.len(),
    })
}

/// The next item of a list, tuple/str-char or reversed iterator (marking it
/// exhausted at the end): `Some(step)`, or `None` for the other kinds.
fn next_indexed(st: &mut IterState) -> Option<Option<Value>> {
    match st {
        IterState::List(l, i) => {
            let items = l.items.lock();
            if *i < items.len() {
                let v = items[*i].clone();
                *i += 1;
                return Some(Some(v));
            }
        }
        IterState::Seq(items, i, _) | IterState::Reversed(items, i) => {
            if *i < items.len() {
                let v = items[*i].clone();
                *i += 1;
                return Some(Some(v));
            }
        }
        _ => return None,
    }
    *st = IterState::Exhausted;
    Some(None)
}

/// The VM's fast path for the common iterators — ranges whose values fit
/// an i64, lists, tuples, reversed sequences: `Some(Some(v))` the next value, `Some(None)`
/// exhausted, `None` for any other iterator (then use `next`).
#[inline]
pub fn next_fast(it: &IterObj) -> Option<Option<Value>> {
    let mut st = it.state.lock();
    if let IterState::Range { next, step, left } = &mut *st {
        if *left <= 0 {
            return Some(None);
        }
        let v = i64::try_from(*next).ok()?;
        *left -= 1;
        *next = next.wrapping_add(*step);
        return Some(Some(Value::Int(v)));
    }
    next_indexed(&mut st)
}

/// `next(it)`: `Ok(None)` when exhausted.
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    let Value::Iter(obj) = it else {
        return Err(type_error(format!(
            "'{}' object is not an iterator",
            it.type_name()
        )));
    };
    // Iterators that call back into Python must not hold their lock while
    // doing so: take what they need, release, call.
    let mut st = obj.state.lock();
    if let Some(step) = next_indexed(&mut st) {
        return Ok(step);
    }
    match &mut *st {
        IterState::Set { set, items, pos } => {
            if set.table.lock().len() != items.len() {
                *st = IterState::Exhausted;
                return Err(runtime_error("Set changed size during iteration"));
            }
            match items.get(*pos) {
                Some(v) => {
                    *pos += 1;
                    Ok(Some(v.clone()))
                }
                None => Ok(None),
            }
        }
        IterState::Range { next, step, left } => {
            if *left > 0 {
                let v = *next;
                *left -= 1;
                *next = next.wrapping_add(*step);
                Ok(Some(Value::from_i128(v)))
            } else {
                Ok(None)
            }
        }
        IterState::Str(s, pos) => {
            let text = s.as_str();
            match text[*pos..].chars().next() {
                Some(c) => {
                    *pos += c.len_utf8();
                    Ok(Some(Value::str(c.to_string())))
                }
                None => Ok(None),
            }
        }
        IterState::Dict {
            dict,
            pos,
            kind,
            len_at_start,
        } => {
            let t = dict.table.lock();
            if t.len() != *len_at_start {
                *len_at_start = usize::MAX;
                return Err(runtime_error("dictionary changed size during iteration"));
            }
            match t.entry_from(*pos) {
                Some((e, nextpos)) => {
                    *pos = nextpos;
                    Ok(Some(match kind {
                        ViewKind::Keys => e.key.clone(),
                        ViewKind::Values => e.value.clone(),
                        ViewKind::Items => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    }))
                }
                None => Ok(None),
            }
        }
        IterState::Enumerate { inner, count } => {
            let inner = inner.clone();
            let n = count.clone();
            drop(st);
            match next(vm, &inner)? {
                Some(v) => {
                    let mut st = obj.state.lock();
                    if let IterState::Enumerate { count, .. } = &mut *st {
                        *count =
                            ops::binary_op(crate::syntax::ops::BinOp::Add, &n, &Value::Int(1))?;
                    }
                    Ok(Some(Value::tuple(vec![n, v])))
                }
                None => Ok(None),
            }
        }
        IterState::Zip { iters, strict } => {
            let iters = iters.clone();
            let strict = *strict;
            drop(st);
            let mut out = Vec::with_capacity(iters.len());
            for (i, it) in iters.iter().enumerate() {
                match next(vm, it)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict {
                            // Argument i+1 ran out first: it is shorter than
                            // 1..i, or (i == 0) a later one k is longer.
                            let (k, which) = if i > 0 {
                                (i + 1, "shorter")
                            } else {
                                match zip_first_nonempty(vm, &iters[1..])? {
                                    Some(j) => (j + 2, "longer"),
                                    None => (0, ""),
                                }
                            };
                            if k > 0 {
                                let others = if k == 2 {
                                    "argument 1".to_string()
                                } else {
                                    format!("arguments 1-{}", k - 1)
                                };
                                return Err(value_error(format!(
                                    "zip() argument {k} is {which} than {others}"
                                )));
                            }
                        }
                        *obj.state.lock() = IterState::Exhausted;
                        return Ok(None);
                    }
                }
            }
            if iters.is_empty() {
                return Ok(None);
            }
            Ok(Some(Value::tuple(out)))
        }
        IterState::Map { func, iters } => {
            let func = func.clone();
            let iters = iters.clone();
            drop(st);
            let mut args = Vec::with_capacity(iters.len());
            for it in &iters {
                match next(vm, it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(&func, Args::positional(args)).map(Some)
        }
        IterState::Filter { func, iter } => {
            let func = func.clone();
            let iter = iter.clone();
            drop(st);
            loop {
                let Some(v) = next(vm, &iter)? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    ops::truthy(&v)
                } else {
                    ops::truthy(&vm.call(&func, Args::positional(vec![v.clone()]))?)
                };
                if keep {
                    return Ok(Some(v));
                }
            }
        }
        IterState::Callable { func, sentinel } => {
            let func = func.clone();
            let sentinel = sentinel.clone();
            drop(st);
            let v = vm.call(&func, Args::empty())?;
            if ops::eq(&v, &sentinel)? {
                *obj.state.lock() = IterState::Exhausted;
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        // Served by `next_indexed` above.
        IterState::List(..) | IterState::Seq(..) | IterState::Reversed(..) => Ok(None),
        IterState::Exhausted => Ok(None),
    }
}

/// Index of the first iterator in `rest` that still has an item.
fn zip_first_nonempty(vm: &mut Vm, rest: &[Value]) -> PyResult<Option<usize>> {
    for (j, it) in rest.iter().enumerate() {
        if next(vm, it)?.is_some() {
            return Ok(Some(j));
        }
    }
    Ok(None)
}

/// Every item of an iterable, in order.
pub fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    if let Some(items) = collect_fast(v) {
        return Ok(items);
    }
    let it = get_iter(v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}

/// Items of the builtin containers without running any code, or None for
/// iterators and other objects.
fn collect_fast(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.snapshot()),
        Value::Tuple(t) => Some(t.items.to_vec()),
        Value::Set(s) => Some(s.snapshot()),
        Value::Dict(d) => Some(d.table.lock().keys()),
        Value::Str(s) => Some(
            s.as_str()
                .chars()
                .map(|c| Value::str(c.to_string()))
                .collect(),
        ),
        Value::Range(r) => {
            let n = usize::try_from(r.len()).ok()?;
            if super::error::check_alloc(n, 16).is_err() {
                return None;
            }
            Some((0..n as i128).map(|i| Value::from_i128(r.get(i))).collect())
        }
        _ => None,
    }
}

/// Items of a container that needs no VM (used by operators).
pub fn collect_values_pure(v: &Value) -> PyResult<Vec<Value>> {
    collect_fast(v).ok_or_else(|| type_error(format!("'{}' object is not iterable", v.type_name())))
}
