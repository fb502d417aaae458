//! Builtin modules and `import`.
//!
//! Every builtin module is a row of [`REGISTRY`]: its dotted name and the
//! function that builds it. `import(vm, name)` builds a module once and caches
//! it in `vm.interp.modules`; later imports return the cached object. Dotted
//! names import their parent first and become an attribute of it, as in
//! CPython. Anything not in the table raises `ModuleNotFoundError` with
//! CPython's wording.
//!
//! Module functions check their arguments with `vm::args`, so that wrong
//! calls fail with CPython's exact messages.

pub mod cython;
pub mod dis;
pub mod gil;
pub mod libc;
pub mod math;
pub mod mt19937;
pub mod numba;
pub mod numpy;
pub mod openmp;
pub mod os;
pub mod queue;
pub mod random;
pub mod random_mt;
pub mod sys;
pub mod threading;
pub mod time;

use std::sync::Arc;

use crate::vm::prelude::*;

/// Builds a module's namespace; called once per interpreter by `import`.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

/// The builtin modules.
pub const REGISTRY: &[(&str, ModuleInit)] = &[
    ("cython", cython::init),
    ("cython.parallel", cython::init_parallel),
    ("dis", dis::init),
    ("gil", gil::init),
    ("libc", libc::init),
    ("libc.math", libc::init_math),
    ("libc.stdio", libc::init_stdio),
    ("math", math::init),
    ("numba", numba::init),
    ("numpy", numpy::init),
    ("numpy.random", numpy::random::init),
    ("openmp", openmp::init),
    ("os", os::init),
    ("queue", queue::init),
    ("random", random::init),
    ("sys", sys::init),
    ("threading", threading::init),
    ("time", time::init),
];

fn find_init(name: &str) -> Option<ModuleInit> {
    REGISTRY.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Is `name` a package, i.e. does any registered module live below it?
fn is_package(name: &str) -> bool {
    REGISTRY.iter().any(|(n, _)| {
        n.len() > name.len() && n.starts_with(name) && n.as_bytes()[name.len()] == b'.'
    })
}

fn cached(vm: &Vm, name: &str) -> Option<Value> {
    vm.interp.modules.lock().get(name).cloned()
}

/// `import name` (dotted): the module object.
pub fn import(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = cached(vm, name) {
        return Ok(m);
    }
    let parent = match name.rsplit_once('.') {
        Some((parent, child)) => {
            if parent.is_empty() || child.is_empty() {
                return Err(new_exc(
                    ExcKind::ModuleNotFoundError,
                    format!("No module named '{name}'"),
                ));
            }
            let p = import(vm, parent)?;
            if find_init(name).is_none() {
                let msg = if is_package(parent) {
                    format!("No module named '{name}'")
                } else {
                    format!("No module named '{name}'; '{parent}' is not a package")
                };
                return Err(new_exc(ExcKind::ModuleNotFoundError, msg));
            }
            Some((p, child))
        }
        None => None,
    };
    let Some(init) = find_init(name) else {
        return Err(new_exc(
            ExcKind::ModuleNotFoundError,
            format!("No module named '{name}'"),
        ));
    };
    let module = init(vm)?;
    // Another thread may have built it meanwhile: the first one wins, so
    // every importer sees the same object.
    let module = {
        let mut mods = vm.interp.modules.lock();
        mods.entry(name.to_string()).or_insert(module).clone()
    };
    if let Some((Value::Module(p), child)) = parent {
        p.dict.set_str(child, module.clone());
    }
    Ok(module)
}

/// `from module import name`.
pub fn import_from(vm: &mut Vm, module: &Value, name: &Value) -> PyResult<Value> {
    let Value::Module(m) = module else {
        return get_attr(vm, module, name);
    };
    let Value::Str(attr) = name else {
        return Err(type_error("attribute name must be string"));
    };
    let attr = attr.as_str();
    if let Some(v) = m.dict.get_str(attr) {
        return Ok(v);
    }
    // `from pkg import submodule` imports the submodule.
    let full = format!("{}.{}", m.name, attr);
    if find_init(&full).is_some() {
        return import(vm, &full);
    }
    Err(import_error(format!(
        "cannot import name '{attr}' from '{}' (unknown location)",
        m.name
    )))
}

/// A new module object called `name` whose namespace holds `__name__` and
/// the given builtin functions.
pub fn new_module(name: &str, funcs: &'static [BuiltinFn]) -> (Value, Arc<DictObj>) {
    let dict = Arc::new(DictObj::new());
    dict.set_str("__name__", Value::str(name));
    dict.set_str("__doc__", Value::None);
    for f in funcs {
        dict.set_str(f.name, Value::Builtin(f));
    }
    let m = Value::Module(Arc::new(Module {
        name: name.to_string(),
        dict: dict.clone(),
    }));
    (m, dict)
}
