//! Methods of `dict`, and the class method `dict.fromkeys`.
//!
//! Keys are hashed before the dict's lock is taken; values returned to the
//! caller are clones taken under the lock, which is never held while other
//! code runs (iterating an argument, calling `repr`).

use std::sync::Arc;

use super::wrong_receiver;
use crate::vm::args::{clinic_count, no_pos};
use crate::vm::dict::DictTable;
use crate::vm::error::*;
use crate::vm::objects::{Args, BuiltinFn, DictObj, DictViewObj, MethodDef, ViewKind};
use crate::vm::{Value, Vm, iter, ops};

pub(super) static METHODS: &[MethodDef] = methods!("dict";
    "get" => [get],
    "keys" => [keys],
    "values" => [values],
    "items" => [items],
    "pop" => [pop],
    "popitem" => popitem,
    "setdefault" => [setdefault],
    "update" => update,
    "copy" => copy,
    "clear" => clear,
    "fromkeys" => fromkeys_method,
);

/// `dict.fromkeys` on the type.
pub(super) static FROMKEYS: BuiltinFn = BuiltinFn {
    name: "fromkeys",
    func: fromkeys,
};

/// `dict.fromkeys` looked up as an unbound method: the "receiver" is the
/// first argument.
pub(super) static FROMKEYS_ON_TYPE: MethodDef = MethodDef {
    name: "fromkeys",
    owner: "dict",
    func: fromkeys_on_type,
    fast: None,
};

fn fromkeys_on_type(vm: &mut Vm, first: &Value, args: Args) -> PyResult<Value> {
    let mut args = args;
    args.pos.insert(0, first.clone());
    fromkeys(vm, args)
}

fn this<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<DictObj>> {
    match v {
        Value::Dict(d) => Ok(d),
        other => Err(wrong_receiver(name, "dict", other)),
    }
}

fn get(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let d = this(v, "get")?;
    clinic_count("dict.get", args.len(), 1, 2)?;
    let key = &args[0];
    let h = ops::hash_value(key)?;
    let found = d.table.lock().get(h, key);
    Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
}

fn view(v: &Value, name: &str, args: &[Value], kind: ViewKind) -> PyResult<Value> {
    let d = this(v, name)?;
    // Checked first so that the qualified name is formatted only for the error.
    if !args.is_empty() {
        no_pos(&format!("dict.{name}"), args)?;
    }
    Ok(Value::DictView(Arc::new(DictViewObj {
        dict: d.clone(),
        kind,
    })))
}

fn keys(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    view(v, "keys", args, ViewKind::Keys)
}

fn values(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    view(v, "values", args, ViewKind::Values)
}

fn items(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    view(v, "items", args, ViewKind::Items)
}

fn pop(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let d = this(v, "pop")?;
    clinic_count("dict.pop", args.len(), 1, 2)?;
    let key = args[0].clone();
    let default = args.get(1).cloned();
    // CPython answers for an empty dict without hashing the key.
    let removed = if d.is_empty() {
        None
    } else {
        let h = ops::hash_value(&key)?;
        d.table.lock().remove(h, &key)
    };
    match (removed, default) {
        (Some((_, value)), _) => Ok(value),
        (None, Some(default)) => Ok(default),
        (None, None) => Err(key_error(key)),
    }
}

fn popitem(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let d = this(v, "popitem")?;
    args.no_args("dict.popitem")?;
    let last = d.table.lock().pop_last();
    match last {
        Some((k, value)) => Ok(Value::tuple(vec![k, value])),
        None => Err(key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn setdefault(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let d = this(v, "setdefault")?;
    clinic_count("dict.setdefault", args.len(), 1, 2)?;
    let key = &args[0];
    let default = args.get(1).cloned().unwrap_or(Value::None);
    let h = ops::hash_value(key)?;
    let mut t = d.table.lock();
    match t.get(h, key) {
        Some(existing) => Ok(existing),
        None => {
            t.insert(h, key.clone(), default.clone());
            Ok(default)
        }
    }
}

fn update(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let d = this(v, "update")?;
    clinic_count("dict.update", args.pos.len(), 0, 1)?;
    if let Some(other) = args.pos.first() {
        crate::vm::subscript::dict_merge(vm, d, other)?;
    }
    if !args.kw.is_empty() {
        let mut t = d.table.lock();
        for (k, value) in args.kw {
            t.insert_str(Value::Str(k), value);
        }
    }
    Ok(Value::None)
}

fn copy(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let d = this(v, "copy")?;
    args.no_args("dict.copy")?;
    let t: DictTable = d.table.lock().clone();
    Ok(Value::Dict(Arc::new(DictObj::from_table(t))))
}

fn clear(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let d = this(v, "clear")?;
    args.no_args("dict.clear")?;
    let old = d.table.lock().take();
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`.
fn fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut pos = args.clinic("dict.fromkeys", 1, 2)?.into_iter();
    let it = pos.next().unwrap_or(Value::None);
    let value = pos.next().unwrap_or(Value::None);
    let keys = iter::collect(vm, &it)?;
    let mut t = DictTable::new();
    for k in keys {
        let h = ops::hash_value(&k)?;
        t.insert(h, k, value.clone());
    }
    Ok(Value::Dict(Arc::new(DictObj::from_table(t))))
}

/// `d.fromkeys(...)` on an instance: the receiver is ignored.
fn fromkeys_method(vm: &mut Vm, _v: &Value, args: Args) -> PyResult<Value> {
    fromkeys(vm, args)
}
