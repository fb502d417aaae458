//! Execution: values and objects, the dispatch loop, operators, errors.

pub mod args;
pub mod attrs;
pub mod call;
pub mod dict;
pub mod error;
mod fast;
pub mod format;
pub mod hash;
pub mod interp;
pub mod iter;
pub mod native;
pub mod objects;
pub mod ops;
pub mod output;
pub mod prelude;
pub mod repr;
pub mod setops;
pub mod settable;
pub mod strobj;
pub mod subscript;
pub mod suggest;
pub mod traceback;
pub mod types;
pub mod value;

pub use error::{PyErr, PyResult};
pub use interp::{Interp, Vm};
pub use value::Value;
