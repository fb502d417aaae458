//! Methods of `set` and `frozenset`.
//!
//! Every operation follows the algorithm CPython 3.11 uses for it (which set
//! is copied, which is iterated, which is probed), through the table calls
//! listed in the header of `crate::vm::settable`, so that the resulting sets
//! iterate in CPython's order.
//!
//! Locks: an argument that is not a set is collected (which may run code)
//! before any set is locked. When two distinct sets must be locked at once
//! (`a.update(b)`), they are locked in address order, so two threads doing
//! `a.update(b)` and `b.update(a)` cannot deadlock.

use std::sync::Arc;

use parking_lot::MutexGuard;

use super::wrong_receiver;
use crate::vm::error::*;
use crate::vm::objects::{Args, DictObj, MethodDef, SetObj};
use crate::vm::ops::{hash_value, key_eq};
use crate::vm::settable::SetTable;
use crate::vm::{Value, Vm, iter};

type Table = SetTable<Value>;

pub(super) static SET_METHODS: &[MethodDef] = methods!("set";
    "add" => add,
    "discard" => discard,
    "remove" => remove,
    "pop" => pop,
    "clear" => clear,
    "copy" => copy,
    "union" => union,
    "intersection" => intersection,
    "difference" => difference,
    "symmetric_difference" => symmetric_difference,
    "update" => update,
    "intersection_update" => intersection_update,
    "difference_update" => difference_update,
    "symmetric_difference_update" => symmetric_difference_update,
    "issubset" => issubset,
    "issuperset" => issuperset,
    "isdisjoint" => isdisjoint,
);

pub(super) static FROZENSET_METHODS: &[MethodDef] = methods!("frozenset";
    "copy" => copy,
    "union" => union,
    "intersection" => intersection,
    "difference" => difference,
    "symmetric_difference" => symmetric_difference,
    "issubset" => issubset,
    "issuperset" => issuperset,
    "isdisjoint" => isdisjoint,
);

// ------------------------------------------------------------------ helpers

/// The receiver of a method that both `set` and `frozenset` have.
fn any_set<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<SetObj>> {
    match v {
        Value::Set(s) => Ok(s),
        other => Err(wrong_receiver(name, "set", other)),
    }
}

/// The receiver of a mutating method (`set` only).
fn mut_set<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<SetObj>> {
    match v {
        Value::Set(s) if !s.frozen => Ok(s),
        other => Err(wrong_receiver(name, "set", other)),
    }
}

/// `set.name` or `frozenset.name`, for messages.
fn qual(s: &SetObj, name: &str) -> String {
    format!("{}.{name}", if s.frozen { "frozenset" } else { "set" })
}

fn new_set(table: Table, frozen: bool) -> Value {
    Value::Set(Arc::new(SetObj::new(table, frozen)))
}

/// Lock two distinct sets in address order; the guards come back in
/// argument order.
fn lock_pair<'a>(a: &'a SetObj, b: &'a SetObj) -> (MutexGuard<'a, Table>, MutexGuard<'a, Table>) {
    if (a as *const SetObj) < (b as *const SetObj) {
        let ga = a.table.lock();
        let gb = b.table.lock();
        (ga, gb)
    } else {
        let gb = b.table.lock();
        let ga = a.table.lock();
        (ga, gb)
    }
}

/// The hash of a key looked up in a set: a `set` argument is looked up as
/// the equal frozenset (`{frozenset({1})}.remove({1})` works).
fn lookup_hash(x: &Value) -> PyResult<i64> {
    match x {
        Value::Set(s) if !s.frozen => Ok(s.table.lock().frozenset_hash()),
        _ => hash_value(x),
    }
}

/// A dict's `(key, hash)` pairs in dict order.
fn dict_pairs(d: &DictObj) -> Vec<(Value, i64)> {
    d.table
        .lock()
        .iter()
        .map(|e| (e.key.clone(), e.hash))
        .collect()
}

/// Items with their hashes, lazily (an unhashable item stops the caller).
fn hashed(items: Vec<Value>) -> impl Iterator<Item = PyResult<(Value, i64)>> {
    items.into_iter().map(|x| {
        let h = hash_value(&x)?;
        Ok((x, h))
    })
}

/// A new table from the items of an iterable (`set(it)`).
fn table_from(vm: &mut Vm, it: &Value) -> PyResult<Table> {
    let mut t = Table::new();
    match it {
        Value::Set(x) => return Ok(x.table.lock().copy()),
        Value::Dict(d) => {
            let pairs = dict_pairs(d);
            t.update_from_dict(pairs.len(), pairs, key_eq);
        }
        _ => {
            for item in hashed(iter::collect(vm, it)?) {
                let (k, h) = item?;
                t.insert(k, h, key_eq);
            }
        }
    }
    Ok(t)
}

/// Add the items of `other` to `t` (`set_update_internal`); `t` is not
/// `other`'s table.
fn update_table(vm: &mut Vm, t: &mut Table, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(x) => t.update(&x.table.lock(), key_eq),
        Value::Dict(d) => {
            let pairs = dict_pairs(d);
            t.update_from_dict(pairs.len(), pairs, key_eq);
        }
        _ => {
            for item in hashed(iter::collect(vm, other)?) {
                let (k, h) = item?;
                t.insert(k, h, key_eq);
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------- element operations

fn add(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "add")?;
    let x = args.one("set.add")?;
    let h = hash_value(&x)?;
    s.table.lock().insert(x, h, key_eq);
    Ok(Value::None)
}

fn discard(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "discard")?;
    let x = args.one("set.discard")?;
    let h = lookup_hash(&x)?;
    let removed = s.table.lock().remove(&x, h, key_eq);
    drop(removed);
    Ok(Value::None)
}

fn remove(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "remove")?;
    let x = args.one("set.remove")?;
    let h = lookup_hash(&x)?;
    let removed = s.table.lock().remove(&x, h, key_eq);
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(key_error(x)),
    }
}

fn pop(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "pop")?;
    args.no_args("set.pop")?;
    let popped = s.table.lock().pop();
    popped.ok_or_else(|| key_error(Value::str("pop from an empty set")))
}

fn clear(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "clear")?;
    args.no_args("set.clear")?;
    s.table.lock().clear();
    Ok(Value::None)
}

fn copy(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "copy")?;
    args.no_args(&qual(s, "copy"))?;
    if s.frozen {
        return Ok(v.clone());
    }
    let t = s.table.lock().copy();
    Ok(new_set(t, false))
}

// ------------------------------------------------------- set algebra (new)

fn union(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "union")?;
    args.no_kw(&qual(s, "union"))?;
    let mut result = s.table.lock().copy();
    for other in &args.pos {
        if let Value::Set(x) = other
            && Arc::ptr_eq(x, s)
        {
            continue;
        }
        update_table(vm, &mut result, other)?;
    }
    Ok(new_set(result, s.frozen))
}

/// `set_intersection(cur, other)` where `cur` is `s`'s table (`None`) or an
/// intermediate result.
fn intersect_step(
    vm: &mut Vm,
    s: &Arc<SetObj>,
    cur: Option<&Table>,
    other: &Value,
) -> PyResult<Table> {
    match other {
        Value::Set(x) => match cur {
            Some(t) => Ok(t.intersection(&x.table.lock(), key_eq)),
            None if Arc::ptr_eq(x, s) => Ok(s.table.lock().copy()),
            None => {
                let (a, b) = lock_pair(s, x);
                Ok(a.intersection(&b, key_eq))
            }
        },
        _ => {
            let items = iter::collect(vm, other)?;
            match cur {
                Some(t) => t.intersection_iter(hashed(items), key_eq),
                None => s.table.lock().intersection_iter(hashed(items), key_eq),
            }
        }
    }
}

/// `set_intersection_multi`.
fn intersection_multi(vm: &mut Vm, s: &Arc<SetObj>, others: &[Value]) -> PyResult<Table> {
    let mut cur: Option<Table> = None;
    for other in others {
        let next = intersect_step(vm, s, cur.as_ref(), other)?;
        cur = Some(next);
    }
    match cur {
        Some(t) => Ok(t),
        None => Ok(s.table.lock().copy()),
    }
}

fn intersection(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "intersection")?;
    args.no_kw(&qual(s, "intersection"))?;
    let t = intersection_multi(vm, s, &args.pos)?;
    Ok(new_set(t, s.frozen))
}

/// `set_difference_update_internal` on a table that is not `other`'s.
fn difference_update_table(vm: &mut Vm, t: &mut Table, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(x) => {
            t.difference_update(&x.table.lock(), key_eq);
            Ok(())
        }
        Value::Dict(d) => {
            t.difference_update_iter(dict_pairs(d).into_iter().map(Ok::<_, PyErr>), key_eq)
        }
        _ => {
            let items = iter::collect(vm, other)?;
            t.difference_update_iter(hashed(items), key_eq)
        }
    }
}

fn difference(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "difference")?;
    args.no_kw(&qual(s, "difference"))?;
    let Some(first) = args.pos.first() else {
        let t = s.table.lock().copy();
        return Ok(new_set(t, s.frozen));
    };
    let mut result = match first {
        Value::Set(x) if Arc::ptr_eq(x, s) => {
            let t = s.table.lock();
            t.difference(&t, key_eq)
        }
        Value::Set(x) => {
            let (a, b) = lock_pair(s, x);
            a.difference(&b, key_eq)
        }
        Value::Dict(d) => {
            let dt = d.table.lock().clone();
            let pairs = dict_pairs(d);
            s.table
                .lock()
                .difference_dict(dt.len(), pairs, |k, h| dt.contains(h, k), key_eq)
        }
        other => {
            let items = iter::collect(vm, other)?;
            let mut t = s.table.lock().copy();
            t.difference_update_iter(hashed(items), key_eq)?;
            t
        }
    };
    for other in &args.pos[1..] {
        difference_update_table(vm, &mut result, other)?;
    }
    Ok(new_set(result, s.frozen))
}

fn symmetric_difference(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "symmetric_difference")?;
    let other = args.one(&qual(s, "symmetric_difference"))?;
    let result = match &other {
        Value::Set(x) if Arc::ptr_eq(x, s) => {
            let t = s.table.lock();
            t.symmetric_difference(&t, key_eq)
        }
        Value::Set(x) => {
            let (a, b) = lock_pair(s, x);
            a.symmetric_difference(&b, key_eq)
        }
        _ => {
            let mut t = table_from(vm, &other)?;
            t.symmetric_difference_update(&s.table.lock(), key_eq);
            t
        }
    };
    Ok(new_set(result, s.frozen))
}

// ------------------------------------------------------- set algebra (update)

fn update(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "update")?;
    args.no_kw("set.update")?;
    for other in &args.pos {
        match other {
            Value::Set(x) if Arc::ptr_eq(x, s) => {}
            Value::Set(x) => {
                let (mut a, b) = lock_pair(s, x);
                a.update(&b, key_eq);
            }
            Value::Dict(d) => {
                let pairs = dict_pairs(d);
                s.table.lock().update_from_dict(pairs.len(), pairs, key_eq);
            }
            _ => {
                let items = iter::collect(vm, other)?;
                for item in hashed(items) {
                    let (k, h) = item?;
                    s.table.lock().insert(k, h, key_eq);
                }
            }
        }
    }
    Ok(Value::None)
}

fn intersection_update(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "intersection_update")?;
    args.no_kw("set.intersection_update")?;
    let t = intersection_multi(vm, s, &args.pos)?;
    s.table.lock().replace_body(t);
    Ok(Value::None)
}

fn difference_update(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "difference_update")?;
    args.no_kw("set.difference_update")?;
    for other in &args.pos {
        match other {
            Value::Set(x) if Arc::ptr_eq(x, s) => s.table.lock().clear(),
            Value::Set(x) => {
                let (mut a, b) = lock_pair(s, x);
                a.difference_update(&b, key_eq);
            }
            Value::Dict(d) => {
                let pairs = dict_pairs(d);
                s.table
                    .lock()
                    .difference_update_iter(pairs.into_iter().map(Ok::<_, PyErr>), key_eq)?;
            }
            _ => {
                let items = iter::collect(vm, other)?;
                s.table
                    .lock()
                    .difference_update_iter(hashed(items), key_eq)?;
            }
        }
    }
    Ok(Value::None)
}

fn symmetric_difference_update(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = mut_set(v, "symmetric_difference_update")?;
    let other = args.one("set.symmetric_difference_update")?;
    match &other {
        Value::Set(x) if Arc::ptr_eq(x, s) => s.table.lock().clear(),
        Value::Set(x) => {
            let (mut a, b) = lock_pair(s, x);
            a.symmetric_difference_update(&b, key_eq);
        }
        Value::Dict(d) => {
            let pairs = dict_pairs(d);
            s.table
                .lock()
                .symmetric_difference_update_dict(pairs, key_eq);
        }
        _ => {
            let t = table_from(vm, &other)?;
            s.table.lock().symmetric_difference_update(&t, key_eq);
        }
    }
    Ok(Value::None)
}

// ------------------------------------------------------------- predicates

fn issubset(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "issubset")?;
    let other = args.one(&qual(s, "issubset"))?;
    let r = match &other {
        Value::Set(x) if Arc::ptr_eq(x, s) => true,
        Value::Set(x) => {
            let (a, b) = lock_pair(s, x);
            a.is_subset(&b, key_eq)
        }
        _ => {
            let t = table_from(vm, &other)?;
            s.table.lock().is_subset(&t, key_eq)
        }
    };
    Ok(Value::bool(r))
}

fn issuperset(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "issuperset")?;
    let other = args.one(&qual(s, "issuperset"))?;
    let r = match &other {
        Value::Set(x) if Arc::ptr_eq(x, s) => true,
        Value::Set(x) => {
            let (a, b) = lock_pair(s, x);
            a.is_superset(&b, key_eq)
        }
        _ => {
            let mut all = true;
            for item in hashed(iter::collect(vm, &other)?) {
                let (k, h) = item?;
                if !s.table.lock().contains(&k, h, key_eq) {
                    all = false;
                    break;
                }
            }
            all
        }
    };
    Ok(Value::bool(r))
}

fn isdisjoint(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = any_set(v, "isdisjoint")?;
    let other = args.one(&qual(s, "isdisjoint"))?;
    let r = match &other {
        Value::Set(x) if Arc::ptr_eq(x, s) => s.table.lock().is_empty(),
        Value::Set(x) => {
            let (a, b) = lock_pair(s, x);
            a.isdisjoint(&b, key_eq)
        }
        _ => {
            let mut none = true;
            for item in hashed(iter::collect(vm, &other)?) {
                let (k, h) = item?;
                if s.table.lock().contains(&k, h, key_eq) {
                    none = false;
                    break;
                }
            }
            none
        }
    };
    Ok(Value::bool(r))
}
