//! AST → bytecode: symbol tables (`scope`), code generation (`codegen`), the
//! instruction set (`bytecode`), superinstructions (`quicken`) and its disassembler (`dis`);
//! Cython's prange/nogil analysis (`cython`), which describes kernel sites
//! for the kernel layer to lower at run time.

pub mod bytecode;
pub mod codegen;
pub mod cython;
pub mod dis;
pub mod quicken;
pub mod scope;
pub mod verify;

pub use codegen::{Mode, compile_module};
