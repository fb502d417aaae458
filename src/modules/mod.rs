//! Builtin modules and `import`.
//!
//! Every builtin module is a row of [`REGISTRY`]: its dotted name and the
//! function that builds it. `import(vm, name)` builds a module once and caches
//! it in `vm.interp.modules`; later imports return the cached object. Dotted
//! names import their parent first and become an attribute of it, as in
//! CPython. Anything not in the table raises `ModuleNotFoundError` with
//! CPython's wording.
//!
//! This file also holds the small argument-checking helpers the module
//! functions share, so that wrong calls fail with CPython's exact messages
//! (C functions and pure-Python functions word them differently).

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

use crate::vm::error::*;
use crate::vm::objects::{Args, BuiltinFn, DictObj, Module};
pub use crate::vm::ops::to_float;
use crate::vm::{Value, Vm};

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
                    "ModuleNotFoundError",
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
                return Err(new_exc("ModuleNotFoundError", msg));
            }
            Some((p, child))
        }
        None => None,
    };
    let Some(init) = find_init(name) else {
        return Err(new_exc(
            "ModuleNotFoundError",
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
        return crate::vm::attrs::get_attr(vm, module, name);
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

// --------------------------------------------------------------------------
// Argument checking with CPython's messages
// --------------------------------------------------------------------------

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// C functions that take no keywords: `math.sqrt() takes no keyword arguments`.
pub fn no_kw(args: &Args, qualname: &str) -> PyResult<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!(
            "{qualname}() takes no keyword arguments"
        )))
    }
}

/// `METH_NOARGS`: `time.time() takes no arguments (1 given)`.
pub fn no_args(args: &Args, qualname: &str) -> PyResult<()> {
    no_kw(args, qualname)?;
    if args.pos.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!(
            "{qualname}() takes no arguments ({} given)",
            args.pos.len()
        )))
    }
}

/// `METH_O`: the single argument, or
/// `math.sqrt() takes exactly one argument (2 given)`.
pub fn one_arg(args: Args, qualname: &str) -> PyResult<Value> {
    no_kw(&args, qualname)?;
    if args.pos.len() != 1 {
        return Err(type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(args.pos.into_iter().next().unwrap_or(Value::None))
}

/// `_PyArg_CheckPositional` for `METH_FASTCALL` functions without keywords:
/// `atan2 expected 2 arguments, got 1`, `perm expected at most 2 arguments, got 3`.
pub fn positional(
    args: Args,
    qualname: &str,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<Vec<Value>> {
    no_kw(&args, qualname)?;
    let n = args.pos.len();
    if n < min {
        let msg = if min == max {
            format!("{name} expected {min} argument{}, got {n}", plural(min))
        } else {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        };
        return Err(type_error(msg));
    }
    if n > max {
        let msg = if min == max {
            format!("{name} expected {max} argument{}, got {n}", plural(max))
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        };
        return Err(type_error(msg));
    }
    Ok(args.pos.into_vec())
}

/// The signature of a function written in Python in CPython (the `random`
/// methods): positional-or-keyword parameters (the last `ndefaults` of them
/// optional), then keyword-only ones (all optional).
pub struct PySig {
    /// As CPython prints it: `Random.randint`.
    pub name: &'static str,
    pub params: &'static [&'static str],
    pub ndefaults: usize,
    pub kwonly: &'static [&'static str],
    /// 1 for methods: CPython counts `self` in "takes N positional arguments".
    pub self_count: usize,
}

fn quote_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl PySig {
    /// A function's signature without keyword-only parameters.
    pub const fn function(
        name: &'static str,
        params: &'static [&'static str],
        ndefaults: usize,
    ) -> PySig {
        PySig {
            name,
            params,
            ndefaults,
            kwonly: &[],
            self_count: 0,
        }
    }

    /// The same for a method (`self` counts in CPython's messages).
    pub const fn method(
        name: &'static str,
        params: &'static [&'static str],
        ndefaults: usize,
    ) -> PySig {
        PySig {
            self_count: 1,
            ..PySig::function(name, params, ndefaults)
        }
    }

    /// Bind `args`: one slot per parameter (then per keyword-only
    /// parameter), `None` where the default applies.
    pub fn bind(&self, args: Args) -> PyResult<Vec<Option<Value>>> {
        let np = self.params.len();
        let mut slots: Vec<Option<Value>> = vec![None; np + self.kwonly.len()];
        let given = args.pos.len();
        if given > np {
            let min = np - self.ndefaults + self.self_count;
            let max = np + self.self_count;
            let takes = if min == max {
                format!("{max} positional argument{}", plural(max))
            } else {
                format!("from {min} to {max} positional arguments")
            };
            let g = given + self.self_count;
            let was = if g == 1 { "was" } else { "were" };
            return Err(type_error(format!(
                "{}() takes {takes} but {g} {was} given",
                self.name
            )));
        }
        for (i, v) in args.pos.into_iter().enumerate() {
            slots[i] = Some(v);
        }
        for (k, v) in args.kw {
            let key = k.as_str();
            let idx = self
                .params
                .iter()
                .position(|p| *p == key)
                .or_else(|| self.kwonly.iter().position(|p| *p == key).map(|i| i + np));
            match idx {
                Some(i) if slots[i].is_some() => {
                    return Err(type_error(format!(
                        "{}() got multiple values for argument '{key}'",
                        self.name
                    )));
                }
                Some(i) => slots[i] = Some(v),
                None => {
                    return Err(type_error(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        self.name
                    )));
                }
            }
        }
        let required = np - self.ndefaults;
        let missing: Vec<&str> = (0..required)
            .filter(|&i| slots[i].is_none())
            .map(|i| self.params[i])
            .collect();
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                self.name,
                missing.len(),
                plural(missing.len()),
                quote_list(&missing)
            )));
        }
        Ok(slots)
    }
}
