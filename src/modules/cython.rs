//! `cython` and `cython.parallel` as seen by bytecode.
//!
//! Inside a kernel these names are resolved by the compiler (see
//! `kernel/mod.rs`); what remains here is their meaning in ordinary code:
//! a `prange` without `nogil=True` is a `range` (the loop stays bytecode,
//! as in CPython running the `.pyx` as Python), `threadid()` is 0 outside
//! a team, and `parallel()` is only meaningful in `with nogil, parallel():`.

use std::sync::Arc;

use super::new_module;
use crate::vm::prelude::*;

static CYTHON_FUNCS: &[BuiltinFn] = &[BuiltinFn {
    name: "address",
    func: cython_unsupported,
}];

static PARALLEL_FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "_prange_gil",
        func: crate::kernel::gilloop::prange_gil,
    },
    BuiltinFn {
        name: "prange",
        func: prange,
    },
    BuiltinFn {
        name: "threadid",
        func: threadid,
    },
    BuiltinFn {
        name: "parallel",
        func: parallel,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = new_module("cython", CYTHON_FUNCS);
    for t in ["int", "long", "double", "float", "bint", "Py_ssize_t"] {
        d.set_str(t, Value::str(t));
    }
    Ok(m)
}

pub fn init_parallel(_vm: &mut Vm) -> PyResult<Value> {
    Ok(new_module("cython.parallel", PARALLEL_FUNCS).0)
}

fn cython_unsupported(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(not_implemented("cython.address is not supported by mini"))
}

/// `prange(start, stop, step, **options)` in bytecode: a `range` (the
/// options are checked by the compiler).
pub fn prange(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let ints: Vec<i128> = args
        .pos
        .iter()
        .map(|v| match v {
            Value::Int(i) => Ok(*i as i128),
            Value::Bool(b) => Ok(*b as i128),
            other => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        })
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => {
            return Err(type_error(format!(
                "prange expected 1 to 3 positional arguments, got {}",
                ints.len()
            )));
        }
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(RangeObj { start, stop, step })))
}

fn threadid(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn parallel(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(runtime_error(
        "parallel() is only allowed as 'with nogil, parallel():'",
    ))
}
