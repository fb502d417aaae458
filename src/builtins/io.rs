//! Standard output: buffered, flushed at exit, on `flush=True` and before
//! reading input. A closed pipe (`mini prog | head -1`) ends the program
//! quietly, as CPython does on SIGPIPE.

use std::io::Write;

use parking_lot::Mutex;

static STDOUT: Mutex<Option<std::io::BufWriter<std::io::Stdout>>> = Mutex::new(None);

/// Set when a write to stdout failed because the reader went away.
pub static BROKEN_PIPE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn with_stdout<R>(f: impl FnOnce(&mut std::io::BufWriter<std::io::Stdout>) -> R) -> R {
    let mut guard = STDOUT.lock();
    let w =
        guard.get_or_insert_with(|| std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
    f(w)
}

/// Write text to stdout (buffered). Returns false if the pipe is closed.
pub fn write_stdout(s: &str) -> bool {
    if BROKEN_PIPE.load(std::sync::atomic::Ordering::Relaxed) {
        return false;
    }
    let ok = with_stdout(|w| w.write_all(s.as_bytes()).is_ok());
    if !ok {
        BROKEN_PIPE.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    ok
}

/// Flush stdout. Returns false if the pipe is closed.
pub fn flush_stdout() -> bool {
    if BROKEN_PIPE.load(std::sync::atomic::Ordering::Relaxed) {
        return false;
    }
    let ok = with_stdout(|w| w.flush().is_ok());
    if !ok {
        BROKEN_PIPE.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    ok
}

/// Write to stderr (unbuffered), after flushing stdout so output interleaves
/// as the program wrote it.
pub fn write_stderr(s: &str) {
    flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
}

/// Write to stdout for `print`: a closed pipe raises `BrokenPipeError`.
pub fn print_stdout(s: &str, flush: bool) -> crate::vm::PyResult<()> {
    let ok = write_stdout(s) && (!flush || flush_stdout());
    if ok {
        Ok(())
    } else {
        Err(crate::vm::error::new_exc(
            crate::vm::error::ExcKind::BrokenPipeError,
            "[Errno 32] Broken pipe",
        ))
    }
}

/// Did a write to stdout fail because the reader went away?
pub fn stdout_broken() -> bool {
    BROKEN_PIPE.load(std::sync::atomic::Ordering::Relaxed)
}
