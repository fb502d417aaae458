//! The one interface through which native code reaches the VM.
//!
//! The modules (`modules/`), the kernels (`kernel/`) and the array layer
//! (`array/`) import VM items only from here — `use crate::vm::prelude::*;`
//! — never from the VM's submodules, so what native code may rely on is this
//! one list, and everything else in `vm/` may change without touching them.
//! `builtins/` may use it too. The items keep the names they have in the VM;
//! each group below says what it is for.
//!
//! Not here because it needs no import: the methods of [`Vm`] that call back
//! into Python — `vm.call(f, args)` calls any callable, and
//! `vm.allow_threads(reason, || …)` releases the GIL around work that touches
//! no Python object (numpy's loops, `time.sleep`, blocking waits). Nor the
//! output sink, `crate::stdio`, a layer below the VM that anyone may use.

// ----------------------------------------------------- values and objects

// The heap objects natives build or take apart, and the call arguments.
pub use super::objects::{
    Args, BoundFunc, BytesObj, DictObj, Function, Module, RangeObj, SliceObj, StrObj, TypeObj,
};
// The builtin types (`TYPES.exc(ExcKind::ValueError)`, …) and a module's
// own exception classes (`queue.Empty`).
pub use super::types::{TYPES, new_exception_type};
// A Python value, the interpreter shared by all threads, and one thread's
// handle on it (the first argument of every native).
pub use super::{Interp, Value, Vm};

// ------------------------------------------------ errors, exception kinds

// `PyResult`, `PyErr`, `ExcKind`, `Fault`, the constructors (`type_error`,
// `value_error`, `new_exc(kind, msg)`, …), `is_exc` and `check_alloc`: the
// error module is itself the interface, so all of it.
pub use super::error::*;

// ------------------------------------------------------- argument parsing

// A native's signature: binds positional and keyword arguments with
// CPython's messages (`PySig::function("f", &["a", "b"], 1).bind(args)?`).
pub use super::args::PySig;

// ------------------------------------------------ calling back into the VM

// Attribute access (`getattr(obj, name)`).
pub use super::attrs::get_attr;
// Iteration: `iter(v)`, `next(it)` (None when exhausted), `list(v)`, and
// an iterator over a vector of values.
pub use super::iter::{collect, get_iter, next, seq_iter};
// Python's operators and conversions: `a op b` on any two values, `==`,
// `hash`, truth, `__index__`, and int/float views of a value.
pub use super::ops::{
    binary_op, eq, hash_value, index_of, is_int, to_bigint, to_f64, to_float, truthy,
};
// `print`-style output from natives: a closed pipe raises `BrokenPipeError`.
pub use super::output::print_stdout;
// `repr(v)` and `str(v)`.
pub use super::repr::{repr, to_str};
// A slice's start/stop/step clamped to a length, as `list[a:b:c]` does.
pub use super::subscript::slice_range;
// An exception with its traceback, as the top level prints it.
pub use super::traceback::format_exception;

// --------------------------------- float and int arithmetic, as Python does

// The arithmetic behind the operators, for code that works on raw numbers
// (array loops, compiled kernels) and must agree with the VM bit for bit:
// `divmod`, wrapping `**`, float `**` with its errors, `hash(float)`,
// `repr(float)`.
pub use super::format::float_repr;
pub use super::hash::hash_f64;
pub use super::ops::{FloatPowError, float_divmod, pow_f64, wrapping_int_pow};

// ------------------------------------------------ native classes, methods

// A class implemented in Rust (`threading.Lock`, `numpy.ndarray`): its
// static description, the hooks its instances implement, its `type`
// object, and a lookup in its method table.
pub use super::native::{NativeClass, NativeObject, find_method, native_type};
// A module-level function (`BuiltinFn`) and a method table entry
// (`MethodDef`), built with `native_methods!("Lock"; "acquire" => f, …)`.
pub use super::objects::{BuiltinFn, MethodDef};
// (The macro is crate-internal: its table entries name `MethodDef` here.)
pub(crate) use super::native::native_methods;

// ------------------------------------------------------ threads, GIL release

// The native stack size for threads that run Python code (`threading`'s
// threads, a kernel's GIL-holding workers): the VM recurses on the native
// stack and checks its depth against this.
pub use super::interp::THREAD_STACK;
