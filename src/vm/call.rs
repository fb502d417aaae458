//! Binding call arguments to a Python function's parameters (defaults,
//! keywords, `*args`, `**kwargs`, keyword-only), with CPython's messages.

use std::sync::Arc;

use smallvec::SmallVec;

use super::error::*;
use super::objects::{Args, DictObj, Function};
use super::value::Value;
use crate::compile::bytecode::flags;

/// Match call arguments to a function's parameters: the initial locals.
pub fn bind_args(f: &Function, args: Args) -> PyResult<Vec<Value>> {
    let code = &f.code;
    let name = &code.name;
    let argc = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let mut locals = vec![Value::Unbound; code.nlocals()];
    let Args { pos, kw } = args;
    let npos = pos.len();
    if npos > argc && !has_varargs {
        let required = argc - f.defaults.len().min(argc);
        let takes = if required == argc {
            format!(
                "{argc} positional argument{}",
                if argc == 1 { "" } else { "s" }
            )
        } else {
            format!("from {required} to {argc} positional arguments")
        };
        return Err(type_error(format!(
            "{name}() takes {takes} but {npos} {} given",
            if npos == 1 { "was" } else { "were" }
        )));
    }
    let mut pos_iter = pos.into_iter();
    for slot in locals.iter_mut().take(argc.min(npos)) {
        *slot = pos_iter.next().unwrap_or(Value::None);
    }
    let mut slot_after = argc + kwonly;
    if has_varargs {
        locals[slot_after] = Value::tuple(pos_iter.collect());
        slot_after += 1;
    }
    let kwargs_dict = if has_varkw {
        Some(Arc::new(DictObj::new()))
    } else {
        None
    };
    for (k, v) in kw {
        let idx = code.varnames[..argc + kwonly]
            .iter()
            .position(|p| p == k.as_str())
            .filter(|&i| i >= code.posonlyargcount as usize);
        match idx {
            Some(i) => {
                if !matches!(locals[i], Value::Unbound) {
                    return Err(type_error(format!(
                        "{name}() got multiple values for argument '{}'",
                        k.as_str()
                    )));
                }
                locals[i] = v;
            }
            None => match &kwargs_dict {
                Some(d) => {
                    d.table.lock().insert_str(Value::Str(k), v);
                }
                None => {
                    return Err(type_error(format!(
                        "{name}() got an unexpected keyword argument '{}'",
                        k.as_str()
                    )));
                }
            },
        }
    }
    if let Some(d) = kwargs_dict {
        locals[slot_after] = Value::Dict(d);
    }
    // Defaults for missing positional parameters.
    let first_default = argc - f.defaults.len().min(argc);
    let mut missing = Vec::new();
    for (i, slot) in locals.iter_mut().enumerate().take(argc) {
        if matches!(slot, Value::Unbound) {
            if i >= first_default {
                *slot = f.defaults[i - first_default].clone();
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{name}() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            join_names(&missing)
        )));
    }
    for (slot, pname) in locals[argc..argc + kwonly]
        .iter_mut()
        .zip(&code.varnames[argc..argc + kwonly])
    {
        if matches!(slot, Value::Unbound) {
            match f.kwdefaults.iter().find(|(k, _)| k.as_str() == pname) {
                Some((_, v)) => *slot = v.clone(),
                None => missing.push(pname.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{name}() missing {} required keyword-only argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            join_names(&missing)
        )));
    }
    Ok(locals)
}

/// `'a', 'b' and 'c'` as in CPython's missing-argument messages.
fn join_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

impl Args {
    pub fn empty() -> Args {
        Args {
            pos: SmallVec::new(),
            kw: Vec::new(),
        }
    }
    pub fn positional(v: Vec<Value>) -> Args {
        Args {
            pos: SmallVec::from_vec(v),
            kw: Vec::new(),
        }
    }
}
