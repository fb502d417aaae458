//! The process's output sink: stdout buffered (flushed at exit, on
//! `flush=True` and before reading input), stderr unbuffered but written
//! after stdout so the two interleave as the program wrote them. A closed
//! pipe (`mini prog | head -1`) ends the program quietly, as CPython does on
//! SIGPIPE.
//!
//! A low layer, below the VM: the VM, kernels, modules and the driver all
//! write through it. Raising `BrokenPipeError` for a closed pipe needs the
//! VM, so that part is `vm::output::print_stdout`.

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

/// Did a write to stdout fail because the reader went away?
pub fn stdout_broken() -> bool {
    BROKEN_PIPE.load(std::sync::atomic::Ordering::Relaxed)
}
