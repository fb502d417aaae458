//! AST → bytecode: symbol tables (`scope`), code generation (`codegen`), the
//! instruction set (`bytecode`), superinstructions (`quicken`) and its disassembler (`dis`).

pub mod bytecode;
pub mod codegen;
pub mod dis;
pub mod quicken;
pub mod scope;
pub mod verify;

pub use codegen::{Mode, compile_module};
