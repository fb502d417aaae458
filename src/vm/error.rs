//! Python exceptions as Rust errors, and the traceback printer.
//!
//! Every fallible operation returns `PyResult<T>`; the error is the exception
//! object itself (`Arc<ExcObj>`), so raising, catching and re-raising move one
//! pointer. Interpreter bugs are not exceptions: they are `internal_error`s that
//! still surface as a Python-style `SystemError`, never a Rust panic.

use std::sync::Arc;

use super::objects::{ExcObj, TypeObj};
use super::types::TYPES;
use super::value::Value;

pub type PyErr = Arc<ExcObj>;
pub type PyResult<T> = Result<T, PyErr>;

/// A new exception of builtin class `name` with one string argument.
pub fn new_exc(name: &str, msg: impl Into<String>) -> PyErr {
    Arc::new(ExcObj::new(
        TYPES.exc(name).clone(),
        vec![Value::str(msg.into())],
    ))
}

/// A new exception of class `typ` with the given args.
pub fn exc_with_args(typ: &Arc<TypeObj>, args: Vec<Value>) -> PyErr {
    Arc::new(ExcObj::new(typ.clone(), args))
}

macro_rules! exc_constructors {
    ($($fn_name:ident => $class:literal),* $(,)?) => {
        $(
            #[doc = concat!("A new `", $class, "` with a message.")]
            pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                new_exc($class, msg)
            }
        )*
    };
}

exc_constructors! {
    type_error => "TypeError",
    value_error => "ValueError",
    index_error => "IndexError",
    name_error => "NameError",
    attribute_error => "AttributeError",
    zero_division => "ZeroDivisionError",
    overflow_error => "OverflowError",
    runtime_error => "RuntimeError",
    recursion_error => "RecursionError",
    import_error => "ImportError",
    memory_error => "MemoryError",
    unbound_local_error => "UnboundLocalError",
    syntax_error => "SyntaxError",
    not_implemented => "NotImplementedError",
}

/// `KeyError(key)`: the key itself is the argument, so `str(e)` is its repr.
pub fn key_error(key: Value) -> PyErr {
    exc_with_args(TYPES.exc("KeyError"), vec![key])
}

/// `StopIteration()`.
pub fn stop_iteration() -> PyErr {
    exc_with_args(TYPES.exc("StopIteration"), vec![])
}

/// A logic bug in mini, reported as Python's `SystemError` instead of a panic.
pub fn internal_error(msg: impl Into<String>) -> PyErr {
    new_exc(
        "SystemError",
        format!("mini internal error: {}", msg.into()),
    )
}

/// Does exception `e` match the class `name` (or a subclass)?
pub fn is_exc(e: &PyErr, name: &str) -> bool {
    e.is_instance(TYPES.exc(name))
}

/// Memory limit for one object: above this, mini raises MemoryError rather
/// than asking the allocator (which would abort the process on failure).
pub const MAX_ALLOC_BYTES: usize = 1 << 34;

/// Check that `count` items of `item_size` bytes may be allocated.
pub fn check_alloc(count: usize, item_size: usize) -> PyResult<()> {
    match count.checked_mul(item_size.max(1)) {
        Some(n) if n <= MAX_ALLOC_BYTES => Ok(()),
        _ => Err(exc_with_args(TYPES.exc("MemoryError"), vec![])),
    }
}
