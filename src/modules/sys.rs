//! The `sys` module: `argv`, `exit`, the recursion limit, the switch
//! interval (the GIL's, in whole microseconds as CPython keeps it),
//! `getrefcount`, `_is_gil_enabled` and version information.

use std::sync::atomic::Ordering;

use crate::vm::prelude::*;

fn s_exit(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("sys.exit", 0, 1)?;
    // PyErr_SetObject(SystemExit, status): None → no args, a tuple → its
    // items, anything else → one argument.
    let exc_args = match a.into_iter().next() {
        None | Some(Value::None) => vec![],
        Some(Value::Tuple(t)) => t.items.to_vec(),
        Some(v) => vec![v],
    };
    Err(exc_with_args(TYPES.exc(ExcKind::SystemExit), exc_args))
}

fn s_getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("sys.getrecursionlimit")?;
    let n = vm.interp.recursion_limit.load(Ordering::Relaxed);
    Ok(Value::Int(n as i64))
}

fn s_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("sys.setrecursionlimit")?;
    let n: i64 = match &v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(overflow_error("Python int too large to convert to C int"));
        }
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    if n > i32::MAX as i64 || n < i32::MIN as i64 {
        return Err(overflow_error("Python int too large to convert to C int"));
    }
    if n < 1 {
        return Err(value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    // CPython counts the running C function as one level of depth.
    let depth = vm.frame_depth() as i64 + 1;
    if depth >= n {
        return Err(recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    vm.interp
        .recursion_limit
        .store(n as usize, Ordering::Relaxed);
    Ok(Value::None)
}

fn s_getswitchinterval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("sys.getswitchinterval")?;
    Ok(Value::float(1e-6 * vm.interp.gil.interval_us() as f64))
}

fn s_setswitchinterval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("sys.setswitchinterval")?;
    let x = to_float(&v)?;
    if x <= 0.0 {
        return Err(value_error("switch interval must be strictly positive"));
    }
    // Whole microseconds, as CPython stores it; NaN and absurd values are
    // clamped instead of wrapping (CPython's behaviour there is undefined).
    let us = (1e6 * x) as u64;
    vm.interp.gil.set_interval(us.min(u64::MAX / 1000));
    Ok(Value::None)
}

fn s_getrefcount(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("sys.getrefcount")?;
    // The argument passed to this call holds one reference, as in CPython.
    Ok(Value::Int(v.refcount().min(i64::MAX as usize) as i64))
}

fn s_is_gil_enabled(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("sys._is_gil_enabled")?;
    Ok(Value::bool(vm.interp.gil.is_enabled()))
}

fn s_exc_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("sys.exc_info")?;
    Ok(match vm.current_exception() {
        Some(e) => Value::tuple(vec![Value::Type(e.typ.clone()), Value::Exc(e), Value::None]),
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn s_getdefaultencoding(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("sys.getdefaultencoding")?;
    Ok(Value::str("utf-8"))
}

fn s_intern(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("sys.intern")?;
    match v {
        Value::Str(_) => Ok(v),
        other => Err(type_error(format!(
            "intern() argument must be str, not {}",
            other.type_name()
        ))),
    }
}

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "exit",
        func: s_exit,
    },
    BuiltinFn {
        name: "getrecursionlimit",
        func: s_getrecursionlimit,
    },
    BuiltinFn {
        name: "setrecursionlimit",
        func: s_setrecursionlimit,
    },
    BuiltinFn {
        name: "getswitchinterval",
        func: s_getswitchinterval,
    },
    BuiltinFn {
        name: "setswitchinterval",
        func: s_setswitchinterval,
    },
    BuiltinFn {
        name: "getrefcount",
        func: s_getrefcount,
    },
    BuiltinFn {
        name: "_is_gil_enabled",
        func: s_is_gil_enabled,
    },
    BuiltinFn {
        name: "exc_info",
        func: s_exc_info,
    },
    BuiltinFn {
        name: "getdefaultencoding",
        func: s_getdefaultencoding,
    },
    BuiltinFn {
        name: "intern",
        func: s_intern,
    },
];

/// Build the `sys` module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("sys", FUNCS);
    let argv = vm
        .interp
        .argv
        .iter()
        .map(|a| Value::str(a.as_str()))
        .collect();
    d.set_str("argv", Value::list(argv));
    d.set_str("version", Value::str("3.11.0 (mini 0.1.0)"));
    d.set_str(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    d.set_str("hexversion", Value::Int(0x030b00f0));
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    d.set_str("platform", Value::str(platform));
    d.set_str("maxsize", Value::Int(i64::MAX));
    d.set_str("maxunicode", Value::Int(0x10ffff));
    d.set_str(
        "byteorder",
        Value::str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    Ok(m)
}
