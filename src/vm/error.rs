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
