//! `openmp` (`cimport openmp`): the `omp_*` functions. Inside kernels the
//! compiler maps them to kernel ops (the worker's index, the team size);
//! called from bytecode they describe the sequential caller, as OpenMP does
//! outside a parallel region.

use super::new_module;
use crate::vm::prelude::*;

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "omp_get_max_threads",
        func: get_max_threads,
    },
    BuiltinFn {
        name: "omp_get_num_procs",
        func: get_num_procs,
    },
    BuiltinFn {
        name: "omp_get_num_threads",
        func: get_num_threads,
    },
    BuiltinFn {
        name: "omp_get_thread_num",
        func: get_thread_num,
    },
    BuiltinFn {
        name: "omp_get_wtime",
        func: get_wtime,
    },
    BuiltinFn {
        name: "omp_set_dynamic",
        func: set_dynamic,
    },
    BuiltinFn {
        name: "omp_set_num_threads",
        func: set_num_threads,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    Ok(new_module("openmp", FUNCS).0)
}

fn get_max_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("omp_get_max_threads")?;
    Ok(Value::Int(crate::parallel::default_threads() as i64))
}

fn get_num_procs(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("omp_get_num_procs")?;
    Ok(Value::Int(crate::parallel::cores() as i64))
}

fn get_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("omp_get_num_threads")?;
    Ok(Value::Int(1))
}

fn get_thread_num(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("omp_get_thread_num")?;
    Ok(Value::Int(0))
}

fn get_wtime(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("omp_get_wtime")?;
    Ok(Value::float(crate::kernel::exec::wtime()))
}

fn set_dynamic(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.clinic("omp_set_dynamic", 1, 1)?;
    Ok(Value::None)
}

fn set_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("omp_set_num_threads", 1, 1)?;
    match a[0] {
        Value::Int(n) => {
            crate::parallel::set_default_threads(n.max(1) as usize);
            Ok(Value::None)
        }
        ref other => Err(type_error(format!(
            "an integer is required, not '{}'",
            other.type_name()
        ))),
    }
}
