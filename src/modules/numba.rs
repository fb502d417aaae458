//! `numba`: `jit`/`njit` dispatchers, `prange`, the thread-count functions.
//!
//! `@njit(parallel=, nogil=)` wraps a function in a [`Dispatcher`]. Its
//! first call with a given argument-type signature (int64, float64, bool,
//! arrays by dtype and ndim) finds the function's AST again — re-parsing
//! the source text its code object keeps and taking the `def` on its first
//! line — and lowers it to a kernel, cached per signature; later calls go
//! straight to the executor. Globals are frozen at compile time as Numba
//! does: numbers become constants, modules resolve `math.sqrt`/`np.zeros`,
//! other dispatchers become kernel calls. With `nogil=True` the call runs
//! with the GIL released, so threads calling it run at once; without it the
//! caller keeps the GIL. `prange` outside a jitted function is `range`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use parking_lot::Mutex;

use super::new_module;
use crate::kernel::ir::{ArgRef, Func};
use crate::kernel::lower::{self, Callee, Env, Flavor, Global};
use crate::kernel::types::{ArrView, Ty};
use crate::kernel::{self as k, exec};
use crate::syntax::ast::FunctionDef;
use crate::syntax::source::SourceMap;
use crate::vm::prelude::*;

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "get_num_threads",
        func: get_num_threads,
    },
    BuiltinFn {
        name: "get_thread_id",
        func: get_thread_id,
    },
    BuiltinFn {
        name: "jit",
        func: jit,
    },
    BuiltinFn {
        name: "njit",
        func: jit,
    },
    BuiltinFn {
        name: "prange",
        func: super::cython::prange,
    },
    BuiltinFn {
        name: "set_num_threads",
        func: set_num_threads,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    // NUMBA_NUM_THREADS is read by `parallel::default_threads`.
    Ok(new_module("numba", FUNCS).0)
}

fn get_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("get_num_threads")?;
    Ok(Value::Int(crate::parallel::default_threads() as i64))
}

fn get_thread_id(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("get_thread_id")?;
    Ok(Value::Int(0))
}

fn set_num_threads(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("set_num_threads", 1, 1)?;
    match a[0] {
        Value::Int(n) if n >= 1 => {
            crate::parallel::set_default_threads(n as usize);
            Ok(Value::None)
        }
        Value::Int(_) => Err(value_error(
            "The number of threads must be between 1 and the number of cores",
        )),
        ref other => Err(type_error(format!(
            "The number of threads specified must be an integer, not '{}'",
            other.type_name()
        ))),
    }
}

/// The options of `@njit(...)`.
#[derive(Clone, Copy, Default)]
struct Options {
    parallel: bool,
    nogil: bool,
}

fn options(args: &Args) -> PyResult<Options> {
    let mut o = Options::default();
    for (k, v) in &args.kw {
        let on = match v {
            Value::Bool(b) => b.get(),
            Value::Int(i) => *i != 0,
            _ => true,
        };
        match k.as_str() {
            "parallel" => o.parallel = on,
            "nogil" => o.nogil = on,
            "nopython" | "cache" | "fastmath" | "boundscheck" | "error_model" | "inline" => {}
            other => {
                return Err(type_error(format!(
                    "jit() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    Ok(o)
}

/// `njit(f)`, `njit(**options)(f)`, `jit(nopython=True, ...)`.
fn jit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let o = options(&args)?;
    match args.pos.first() {
        Some(Value::Func(f)) => Dispatcher::wrap(vm, f.clone(), o),
        _ => Ok(Value::native(JitDecorator(o))),
    }
}

struct JitDecorator(Options);

static DECORATOR_CLASS: NativeClass = NativeClass {
    name: "_jit_decorator",
    module: "numba",
    methods: &[],
    ctor: None,
};

impl NativeObject for JitDecorator {
    fn class(&self) -> &'static NativeClass {
        &DECORATOR_CLASS
    }

    fn call(&self, vm: &mut Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(match args.pos.first() {
            Some(Value::Func(f)) => Dispatcher::wrap(vm, f.clone(), self.0),
            Some(other) => Err(type_error(format!(
                "The decorated object is not a function (got type {})",
                other.type_name()
            ))),
            None => Err(type_error("jit decorator needs a function")),
        })
    }
}

/// One compiled specialisation.
struct Spec {
    args: Vec<Ty>,
    func: Arc<Func>,
}

/// A jitted function.
pub struct Dispatcher {
    pyfunc: Arc<Function>,
    fdef: FunctionDef,
    map: SourceMap,
    opts: Options,
    cache: Mutex<Vec<Spec>>,
    warned: AtomicBool,
    compiling: Mutex<u32>,
}

static DISPATCHER_CLASS: NativeClass = NativeClass {
    name: "CPUDispatcher",
    module: "numba",
    methods: &[],
    ctor: None,
};

impl Dispatcher {
    fn wrap(_vm: &mut Vm, f: Arc<Function>, opts: Options) -> PyResult<Value> {
        let code = &f.code;
        let source = code.source.clone();
        let module = crate::syntax::parse_module(&source)
            .map_err(|_| type_error("numba: cannot re-read the function's source"))?;
        let map = SourceMap::new(&source);
        let Some(fdef) = k::find_function(&module, &map, &code.name, code.first_line) else {
            return Err(type_error(format!(
                "numba: cannot find the source of function '{}'",
                code.name
            )));
        };
        Ok(Value::native(Dispatcher {
            pyfunc: f,
            fdef,
            map,
            opts,
            cache: Mutex::new(Vec::new()),
            warned: AtomicBool::new(false),
            compiling: Mutex::new(0),
        }))
    }

    fn typing_error(&self, e: &lower::KError) -> String {
        let line = self.map.line_of(e.span.start);
        format!(
            "Failed in nopython mode pipeline (step: nopython frontend)\n{}\n\nFile \"{}\", line {line}",
            e.msg, self.pyfunc.code.filename
        )
    }

    /// The kernel for these argument types (compiled on first use).
    fn specialise(&self, tys: &[Ty]) -> Result<Arc<Func>, String> {
        if let Some(s) = self.cache.lock().iter().find(|s| s.args == tys) {
            return Ok(s.func.clone());
        }
        {
            let mut c = self.compiling.lock();
            if *c > 0 {
                return Err(format!(
                    "recursive call to '{}' cannot be typed by mini",
                    self.fdef.name
                ));
            }
            *c += 1;
        }
        let r = self.compile(tys);
        *self.compiling.lock() -= 1;
        let func = Arc::new(r?);
        self.cache.lock().push(Spec {
            args: tys.to_vec(),
            func: func.clone(),
        });
        Ok(func)
    }

    fn compile(&self, tys: &[Ty]) -> Result<Func, String> {
        let params = &self.fdef.params.args;
        if params.len() != tys.len() {
            return Err(format!(
                "too {} arguments: expected {}, got {}",
                if tys.len() < params.len() {
                    "few"
                } else {
                    "many"
                },
                params.len(),
                tys.len()
            ));
        }
        let entry = lower::Entry {
            name: self.fdef.name.clone(),
            params: params
                .iter()
                .zip(tys)
                .map(|(p, t)| (p.name.clone(), *t, false))
                .collect(),
            cdefs: Default::default(),
            body: &self.fdef.body,
            parallel: self.opts.parallel,
        };
        let env = NumbaEnv {
            globals: self.pyfunc.globals.clone(),
        };
        let l = lower::lower(Flavor::Numba, &env, &self.map, &entry)
            .map_err(|e| self.typing_error(&e))?;
        if self.opts.parallel && !l.has_parallel && !self.warned.swap(true, Relaxed) {
            let line = self.pyfunc.code.first_line;
            crate::stdio::write_stderr(&format!(
                "{}:{line}: NumbaPerformanceWarning: The keyword argument 'parallel=True' was specified but no transformation for parallel execution was possible.\n",
                self.pyfunc.code.filename
            ));
        }
        let mut func = l.func;
        func.params = params
            .iter()
            .map(|p| {
                l.vars
                    .get(&p.name)
                    .map_or(ArgRef::Scalar(crate::kernel::ir::Reg(0)), |v| v.1)
            })
            .collect();
        Ok(func)
    }

    fn invoke(&self, vm: &mut Vm, args: Args) -> PyResult<Value> {
        if !args.kw.is_empty() {
            return Err(type_error(
                "mini's njit functions take positional arguments only",
            ));
        }
        let mut tys = Vec::with_capacity(args.pos.len());
        for (i, v) in args.pos.iter().enumerate() {
            match Ty::of_value(v) {
                Some(t) => tys.push(t),
                None => {
                    let name = self
                        .fdef
                        .params
                        .args
                        .get(i)
                        .map_or("?".to_string(), |p| p.name.clone());
                    return Err(type_error(format!(
                        "Failed in nopython mode pipeline (step: nopython frontend)\nnon-precise type pyobject\nDuring: typing of argument '{name}' (a '{}')",
                        v.type_name()
                    )));
                }
            }
        }
        let func = self.specialise(&tys).map_err(type_error)?;
        let params: Vec<(ArgRef, Ty)> = func
            .params
            .iter()
            .copied()
            .zip(tys.iter().copied())
            .collect();
        let mut fr = k::bind_args(&func, &params, &args.pos)?;
        match k::call_func(vm, &func, &mut fr, self.opts.nogil)? {
            exec::Ret::None => Ok(Value::None),
            exec::Ret::Scalar(bits) => Ok(crate::kernel::types::to_value(
                func.ret.unwrap_or(Ty::Int),
                bits,
            )),
            exec::Ret::Array(a) => Ok(ArrView::to_array(&a).into_value()),
        }
    }
}

impl NativeObject for Dispatcher {
    fn class(&self) -> &'static NativeClass {
        &DISPATCHER_CLASS
    }

    fn repr(&self, _vm: &mut Vm, _this: &Value) -> PyResult<String> {
        Ok(format!("CPUDispatcher(<function {}>)", self.fdef.name))
    }

    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "py_func" => Some(Ok(Value::Func(self.pyfunc.clone()))),
            "__name__" => Some(Ok(Value::str(self.fdef.name.clone()))),
            "signatures" => Some(Ok(Value::Int(self.cache.lock().len() as i64))),
            _ => None,
        }
    }

    fn call(&self, vm: &mut Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(self.invoke(vm, args))
    }
}

/// A dispatcher as a kernel callee.
struct DispatcherCallee(Value);

impl Callee for DispatcherCallee {
    fn compile(&self, args: &[Ty]) -> Result<Arc<Func>, String> {
        match self.0.downcast::<Dispatcher>() {
            Some(d) => d.specialise(args),
            None => Err("not a jitted function".into()),
        }
    }
}

/// Globals as Numba freezes them when compiling.
struct NumbaEnv {
    globals: Arc<DictObj>,
}

/// The module a builtin function object comes from (`from math import sqrt`).
fn builtin_module(name: &str) -> &'static str {
    match name {
        "prange" | "get_thread_id" | "get_num_threads" | "set_num_threads" => "numba",
        "threadid" => "cython.parallel",
        "printf" => "libc.stdio",
        n if n.starts_with("omp_") => "openmp",
        "empty" | "zeros" | "ones" => "numpy",
        _ => "math",
    }
}

impl Env for NumbaEnv {
    fn global(&self, name: &str) -> Option<Global> {
        let v = self.globals.get_str(name)?;
        Some(match &v {
            Value::Int(i) => Global::Int(*i),
            Value::Float(f) => Global::Float(f.get()),
            Value::Bool(b) => Global::Bool(b.get()),
            Value::Module(m) => Global::Module(m.name.clone()),
            Value::Builtin(b) => {
                let module = match b.name {
                    "abs" | "min" | "max" | "len" | "range" | "int" | "float" | "bool"
                    | "round" | "print" | "pow" => "builtins",
                    n => builtin_module(n),
                };
                Global::Func(module.into(), b.name.into())
            }
            Value::Native(_) if v.downcast::<Dispatcher>().is_some() => {
                Global::Kernel(Arc::new(DispatcherCallee(v.clone())))
            }
            _ => Global::Object,
        })
    }
}
