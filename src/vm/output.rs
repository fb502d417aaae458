//! Writing to stdout from natives that Python code calls (`dis.dis`,
//! `libc.printf`): the sink is `crate::stdio`; here a closed pipe becomes a
//! `BrokenPipeError`.

use super::error::{ExcKind, PyResult, new_exc};
use crate::stdio::{flush_stdout, write_stdout};

/// Write to stdout for `print`: a closed pipe raises `BrokenPipeError`.
pub fn print_stdout(s: &str, flush: bool) -> PyResult<()> {
    let ok = write_stdout(s) && (!flush || flush_stdout());
    if ok {
        Ok(())
    } else {
        Err(new_exc(ExcKind::BrokenPipeError, "[Errno 32] Broken pipe"))
    }
}
