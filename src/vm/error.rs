//! Python exceptions as Rust errors, and the traceback printer.
//!
//! Every fallible operation returns `PyResult<T>`; the error is the exception
//! object itself (`Arc<ExcObj>`), so raising, catching and re-raising move one
//! pointer. Errors are classed by fault ([`Fault`]): an interpreter bug is an
//! `internal_error`, a `SystemError` that no handler catches and that is
//! reported with its Python traceback, never a Rust panic.

use std::sync::Arc;

pub use super::objects::Fault;
use super::objects::{ExcObj, TypeObj};
pub use super::types::ExcKind;
use super::types::TYPES;
use super::value::Value;

pub type PyErr = Arc<ExcObj>;
pub type PyResult<T> = Result<T, PyErr>;

// The error is one pointer, so a result costs its value plus nothing: the
// fault class lives in the exception object, not beside it.
const _: () = assert!(std::mem::size_of::<PyResult<Value>>() == 16);
const _: () = assert!(std::mem::size_of::<PyResult<()>>() == 8);

/// A new exception of builtin class `kind` with one string argument.
pub fn new_exc(kind: ExcKind, msg: impl Into<String>) -> PyErr {
    Arc::new(ExcObj::new(
        TYPES.exc(kind).clone(),
        vec![Value::str(msg.into())],
    ))
}

/// A new exception of class `typ` with the given args.
pub fn exc_with_args(typ: &Arc<TypeObj>, args: Vec<Value>) -> PyErr {
    Arc::new(ExcObj::new(typ.clone(), args))
}

macro_rules! exc_constructors {
    ($($fn_name:ident => $kind:ident),* $(,)?) => {
        $(
            #[doc = concat!("A new `", stringify!($kind), "` with a message.")]
            pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                new_exc(ExcKind::$kind, msg)
            }
        )*
    };
}

exc_constructors! {
    type_error => TypeError,
    value_error => ValueError,
    index_error => IndexError,
    name_error => NameError,
    attribute_error => AttributeError,
    zero_division => ZeroDivisionError,
    overflow_error => OverflowError,
    runtime_error => RuntimeError,
    recursion_error => RecursionError,
    import_error => ImportError,
    memory_error => MemoryError,
    unbound_local_error => UnboundLocalError,
    syntax_error => SyntaxError,
    not_implemented => NotImplementedError,
}

/// `KeyError(key)`: the key itself is the argument, so `str(e)` is its repr.
pub fn key_error(key: Value) -> PyErr {
    exc_with_args(TYPES.exc(ExcKind::KeyError), vec![key])
}

/// `StopIteration()`.
pub fn stop_iteration() -> PyErr {
    exc_with_args(TYPES.exc(ExcKind::StopIteration), vec![])
}

/// A logic bug in mini: a `SystemError` that no handler catches (see
/// [`Fault::Internal`]), reported with its traceback instead of a panic.
#[cold]
pub fn internal_error(msg: impl Into<String>) -> PyErr {
    let args = vec![Value::str(format!("mini internal error: {}", msg.into()))];
    Arc::new(ExcObj {
        fault: Fault::Internal,
        ..ExcObj::new(TYPES.exc(ExcKind::SystemError).clone(), args)
    })
}

/// Is exception `e` of builtin class `kind` (or a subclass)?
pub fn is_exc(e: &PyErr, kind: ExcKind) -> bool {
    e.is_instance(TYPES.exc(kind))
}

/// Memory limit for one object: above this, mini raises MemoryError rather
/// than asking the allocator (which would abort the process on failure).
pub const MAX_ALLOC_BYTES: usize = 1 << 34;

/// Check that `count` items of `item_size` bytes may be allocated.
pub fn check_alloc(count: usize, item_size: usize) -> PyResult<()> {
    match count.checked_mul(item_size.max(1)) {
        Some(n) if n <= MAX_ALLOC_BYTES => Ok(()),
        _ => Err(exc_with_args(TYPES.exc(ExcKind::MemoryError), vec![])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::Mode;
    use crate::runner::{INTERNAL_ERROR_STATUS, Interpreter};
    use crate::vm::objects::BuiltinFn;

    /// A builtin that hits a bug in mini: mini has no user-reachable one to
    /// test with, and a test-only builtin adds no API.
    static BUG: BuiltinFn = BuiltinFn {
        name: "bug",
        func: |_, _| Err(internal_error("test bug")),
    };

    /// Run `source` with `bug` defined; the result and the interpreter.
    fn run(source: &str) -> (PyResult<Value>, Interpreter) {
        let mut interp = Interpreter::new(vec![]);
        interp.globals.set_str("bug", Value::Builtin(&BUG));
        let code = interp
            .compile(source, "<test>", Mode::File)
            .expect("test source compiles");
        let r = interp.vm.run_code(code, interp.globals.clone());
        (r, interp)
    }

    fn global(interp: &Interpreter, name: &str) -> Option<Value> {
        interp.globals.get_str(name)
    }

    #[test]
    fn an_internal_error_passes_every_handler() {
        let source = "
import threading
lock = threading.Lock()

def f():
    global caught, fin
    try:
        bug()
    except Exception:
        caught = 1
    except SystemError:
        caught = 2
    except:
        caught = 3
    finally:
        fin = 1

try:
    try:
        with lock:
            f()
    except BaseException:
        outer = 1
finally:
    fin2 = 1
after = 1
";
        let (r, mut interp) = run(source);
        let e = r.expect_err("the bug propagates");
        assert_eq!(e.fault, Fault::Internal);
        assert!(is_exc(&e, ExcKind::SystemError));
        for name in ["caught", "fin", "outer", "fin2", "after"] {
            assert!(global(&interp, name).is_none(), "{name} ran");
        }
        // The Python traceback of where it surfaced: the module, then `f`.
        assert_eq!(e.traceback.lock().len(), 2);
        // The `with` block's exit did not run either: the lock is still held.
        interp.vm.reset();
        let code = interp
            .compile("held = lock.locked()\n", "<test>", Mode::File)
            .expect("test source compiles");
        let globals = interp.globals.clone();
        assert!(interp.vm.run_code(code, globals).is_ok());
        let held = global(&interp, "held").expect("held is set");
        assert!(crate::vm::ops::truthy(&held));
    }

    #[test]
    fn a_raised_system_error_is_an_ordinary_exception() {
        let (r, interp) =
            run("try:\n    raise SystemError('x')\nexcept SystemError:\n    ok = 1\n");
        assert!(r.is_ok());
        assert!(global(&interp, "ok").is_some());
    }

    #[test]
    fn an_internal_error_is_reported_as_a_bug() {
        let (r, mut interp) = run("def f():\n    bug()\nf()\n");
        let e = r.expect_err("the bug propagates");
        let report = crate::vm::traceback::format_exception(&mut interp.vm, &e);
        assert!(report.starts_with("Traceback (most recent call last):\n"));
        assert!(report.contains("line 2, in f"));
        assert!(report.contains("SystemError: mini internal error: test bug\n"));
        assert!(report.ends_with(
            "This is a bug in mini, not in the program: no `except` or `finally` ran on it.\n"
        ));
        assert_eq!(interp.report_uncaught(&e), INTERNAL_ERROR_STATUS);
    }
}
