//! A sliver of the `os` module: what the threading demos print
//! (`cpu_count`, `getpid`) and `environ` lookups (`os.environ.get`).

use super::new_module;
use crate::vm::prelude::*;

fn os_cpu_count(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("cpu_count")?;
    Ok(Value::Int(crate::parallel::cores() as i64))
}

fn os_getpid(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("getpid")?;
    Ok(Value::Int(i64::from(std::process::id())))
}

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "cpu_count",
        func: os_cpu_count,
    },
    BuiltinFn {
        name: "getpid",
        func: os_getpid,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = new_module("os", FUNCS);
    let environ = DictObj::new();
    for (k, v) in std::env::vars() {
        environ.set_str(&k, Value::str(v));
    }
    d.set_str("environ", Value::Dict(std::sync::Arc::new(environ)));
    Ok(m)
}
