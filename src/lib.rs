//! mini: a small, refcounted, Python-flavoured language whose interpreter runs
//! bytecode under a real global interpreter lock — the lab bench for the
//! lecture "Parallel Computing with Python".
//!
//! Data flows one way: text → tokens → AST (`syntax`) → bytecode (`compile`)
//! → execution (`vm`), with natives in `builtins` and `modules`.
//! `runner::Interpreter` is the one public door used by the binary and tests.

pub mod array;
pub mod builtins;
pub mod compile;
pub mod gil;
pub mod kernel;
pub mod modules;
pub mod parallel;
pub mod repl;
pub mod runner;
pub mod stdio;
pub mod syntax;
pub mod trace;
pub mod vm;
