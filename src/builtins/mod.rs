//! Builtin functions (`print`, `len`, …), the constructors of the builtin
//! types (`int(…)`, `list(…)`), and the methods of the builtin types.

pub mod construct;
pub mod functions;
pub mod methods;

pub use construct::construct;
pub use functions::make_builtins;
pub use methods::find_method;
