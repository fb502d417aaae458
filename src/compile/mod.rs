//! AST → bytecode: symbol tables (`scope`), code generation (`codegen`) and
//! the instruction set (`bytecode`).

pub mod bytecode;
pub mod codegen;
pub mod scope;

pub use codegen::{Mode, compile_module};
