//! Building sets and the set operators, on top of `SetTable` (whose order
//! mimics CPython's, see `settable.rs`).

use std::sync::Arc;

use super::error::*;
use super::objects::SetObj;
use super::ops::{hash_value, key_eq};
use super::settable::SetTable;
use super::value::Value;
use crate::syntax::ops::BinOp;

/// Key equality inside sets: identity first (so a NaN finds itself), then `==`.
fn set_eq(a: &Value, b: &Value) -> bool {
    key_eq(a, b)
}

pub fn new_set(table: SetTable<Value>, frozen: bool) -> Value {
    Value::Set(Arc::new(SetObj::new(table, frozen)))
}

/// A set of `items`, added in order (`{a, b}`, `set(list)`, comprehensions).
pub fn set_from_values(items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let mut t = SetTable::new();
    for v in items {
        let h = hash_value(&v)?;
        t.insert(v, h, set_eq);
    }
    Ok(new_set(t, frozen))
}

pub fn set_add(s: &SetObj, v: Value) -> PyResult<()> {
    let h = hash_value(&v)?;
    s.table.lock().insert(v, h, set_eq);
    Ok(())
}

/// `a op b` for two sets: `-`, `|`, `^`, `&`.
/// The result has `a`'s kind (set or frozenset).
pub fn set_binop(op: BinOp, a: &Arc<SetObj>, b: &Arc<SetObj>) -> PyResult<Value> {
    let same = Arc::ptr_eq(a, b);
    let ta = a.table.lock().clone();
    let tb = if same {
        ta.clone()
    } else {
        b.table.lock().clone()
    };
    let t = match op {
        BinOp::Sub => {
            if same {
                SetTable::new()
            } else {
                ta.difference(&tb, set_eq)
            }
        }
        BinOp::BitOr => {
            if same {
                ta.copy()
            } else {
                ta.union(&tb, set_eq)
            }
        }
        BinOp::BitXor => ta.symmetric_difference(&tb, set_eq),
        BinOp::BitAnd => {
            if same {
                ta.copy()
            } else {
                ta.intersection(&tb, set_eq)
            }
        }
        _ => return Err(internal_error("bad set operator")),
    };
    Ok(new_set(t, a.frozen))
}

/// `a op= b` for two sets, mutating `a` with CPython's in-place algorithms
/// (which can order elements differently from `a op b`).
pub fn set_inplace(op: BinOp, a: &Arc<SetObj>, b: &Arc<SetObj>) -> PyResult<()> {
    if Arc::ptr_eq(a, b) {
        let mut t = a.table.lock();
        match op {
            BinOp::Sub | BinOp::BitXor => t.clear(),
            BinOp::BitAnd => {
                let r = t.copy();
                t.replace_body(r);
            }
            _ => {}
        }
        return Ok(());
    }
    let tb = b.table.lock().clone();
    let mut t = a.table.lock();
    match op {
        BinOp::Sub => t.difference_update(&tb, set_eq),
        BinOp::BitOr => t.update(&tb, set_eq),
        BinOp::BitXor => t.symmetric_difference_update(&tb, set_eq),
        BinOp::BitAnd => t.intersection_update(&tb, set_eq),
        _ => return Err(internal_error("bad set operator")),
    }
    Ok(())
}
