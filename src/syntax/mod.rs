//! Text → tokens → AST. The lexer (logos + indentation layer) feeds the LALRPOP
//! grammar in `grammar/mini.lalrpop`; `parse_module` is the one door.

pub mod ast;
pub mod lexer;
pub mod ops;
pub mod parse;
pub mod source;

pub use parse::{SyntaxError, SyntaxErrorKind, parse_module};
