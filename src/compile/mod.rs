//! AST → bytecode: symbol tables (`scope`), code generation (`codegen`), the
//! instruction set (`bytecode`) and its disassembler (`dis`).

pub mod bytecode;
pub mod codegen;
pub mod dis;
pub mod scope;

pub use codegen::{Mode, compile_module};
