//! Attribute access: `obj.name`, `obj.name = v`, `del obj.name`.

use std::sync::Arc;

use super::error::*;
use super::interp::Vm;
use super::objects::*;
use super::value::Value;

fn name_str(name: &Value) -> &str {
    match name {
        Value::Str(s) => s.as_str(),
        _ => "",
    }
}

fn no_attr(obj: &Value, name: &str) -> PyErr {
    let e = match obj {
        Value::Module(m) => {
            attribute_error(format!("module '{}' has no attribute '{}'", m.name, name))
        }
        Value::Type(t) => attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            t.name, name
        )),
        _ => attribute_error(format!(
            "'{}' object has no attribute '{}'",
            obj.type_name(),
            name
        )),
    };
    *e.suggestion.lock() = attr_suggestion(obj, name);
    e
}

/// CPython's "Did you mean" among the attributes of `obj` (sorted, as `dir`).
fn attr_suggestion(obj: &Value, name: &str) -> Option<String> {
    let mut names: Vec<String> = match obj {
        Value::Module(m) => m
            .dict
            .table
            .lock()
            .keys()
            .iter()
            .filter_map(|k| match k {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .collect(),
        _ => crate::builtins::methods::method_names(obj)
            .into_iter()
            .map(str::to_string)
            .collect(),
    };
    names.sort();
    super::suggest::suggest(name, names.iter().map(String::as_str))
}

/// `obj.name`.
pub fn get_attr(vm: &mut Vm, obj: &Value, name: &Value) -> PyResult<Value> {
    let n = name_str(name);
    if let Some(v) = special_attr(obj, n) {
        return Ok(v);
    }
    if let Value::Module(m) = obj {
        return m.dict.get_str(n).ok_or_else(|| no_attr(obj, n));
    }
    if let Value::Native(native) = obj
        && let Some(r) = native.get_attr(vm, obj, n)
    {
        return r;
    }
    if let Value::Type(t) = obj {
        if let Some(f) = crate::builtins::methods::class_method(&t.name, n) {
            return Ok(Value::Builtin(f));
        }
        if let Some(m) = crate::builtins::methods::type_method(&t.name, n) {
            return Ok(Value::MethodDesc(m));
        }
        return Err(no_attr(obj, n));
    }
    if let Some(m) = crate::builtins::find_method(obj, n) {
        return Ok(Value::BoundMethod(Arc::new(BoundMethod {
            receiver: obj.clone(),
            func: BoundFunc::Native(m),
        })));
    }
    Err(no_attr(obj, n))
}

/// Data attributes of the builtin types (`e.args`, `f.__name__`, `r.start`).
fn special_attr(obj: &Value, n: &str) -> Option<Value> {
    if n == "__class__" {
        return Some(Value::Type(crate::builtins::functions::type_of(obj)));
    }
    Some(match (obj, n) {
        (Value::Exc(e), "args") => Value::tuple(e.args.to_vec()),
        (Value::Exc(e), "code") if e.typ.name == "SystemExit" => match e.args.len() {
            0 => Value::None,
            1 => e.args[0].clone(),
            _ => Value::tuple(e.args.to_vec()),
        },
        (Value::Exc(e), "__cause__") => e.cause.lock().clone().map_or(Value::None, Value::Exc),
        (Value::Exc(e), "__context__") => e.context.lock().clone().map_or(Value::None, Value::Exc),
        (Value::Exc(e), "__suppress_context__") => Value::bool(
            e.suppress_context
                .load(std::sync::atomic::Ordering::Relaxed),
        ),
        (Value::Func(f), "__name__") => Value::str(f.code.name.clone()),
        (Value::Func(f), "__qualname__") => Value::str(f.code.qualname.clone()),
        (Value::Func(f), "__module__") => f.module_name.clone(),
        (Value::Func(_), "__doc__") => Value::None,
        (Value::Func(f), "__defaults__") => {
            if f.defaults.is_empty() {
                Value::None
            } else {
                Value::tuple(f.defaults.to_vec())
            }
        }
        (Value::Builtin(b), "__name__") => Value::str(b.name),
        (Value::Builtin(b), "__qualname__") => Value::str(b.name),
        (Value::MethodDesc(m), "__name__") => Value::str(m.name),
        (Value::BoundMethod(b), "__self__") => b.receiver.clone(),
        (Value::BoundMethod(b), "__name__") => match &b.func {
            BoundFunc::Native(m) => Value::str(m.name),
            BoundFunc::Python(f) => return special_attr(f, "__name__"),
        },
        (Value::Type(t), "__name__") | (Value::Type(t), "__qualname__") => {
            Value::str(t.name.clone())
        }
        (Value::Type(t), "__base__") => t.base.clone().map_or(Value::None, Value::Type),
        (Value::Module(m), "__name__") => Value::str(m.name.clone()),
        (Value::Range(r), "start") => Value::from_i128(r.start),
        (Value::Range(r), "stop") => Value::from_i128(r.stop),
        (Value::Range(r), "step") => Value::from_i128(r.step),
        (Value::Slice(s), "start") => s.start.clone(),
        (Value::Slice(s), "stop") => s.stop.clone(),
        (Value::Slice(s), "step") => s.step.clone(),
        (Value::Int(_) | Value::BigInt(_), "real" | "numerator") => obj.clone(),
        (Value::Bool(b), "real" | "numerator") => Value::Int(*b as i64),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "imag") => Value::Int(0),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), "denominator") => Value::Int(1),
        (Value::Float(_), "real") => obj.clone(),
        (Value::Float(_), "imag") => Value::float(0.0),
        _ => return None,
    })
}

/// `obj.name = value`.
pub fn set_attr(obj: &Value, name: &Value, value: Value) -> PyResult<()> {
    let n = name_str(name);
    match obj {
        Value::Module(m) => {
            m.dict.set_str(n, value);
            Ok(())
        }
        Value::Native(native) if let Some(r) = native.set_attr(n, &value) => r,
        _ => {
            if special_attr(obj, n).is_some() || crate::builtins::find_method(obj, n).is_some() {
                Err(attribute_error(format!(
                    "'{}' object attribute '{}' is read-only",
                    obj.type_name(),
                    n
                )))
            } else {
                Err(no_attr(obj, n))
            }
        }
    }
}

/// `del obj.name`.
pub fn del_attr(obj: &Value, name: &Value) -> PyResult<()> {
    let n = name_str(name);
    match obj {
        Value::Module(m) => {
            let h = super::ops::hash_value(name)?;
            match m.dict.table.lock().remove(h, name) {
                Some(_) => Ok(()),
                None => Err(no_attr(obj, n)),
            }
        }
        _ => Err(no_attr(obj, n)),
    }
}
