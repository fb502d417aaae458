//! The public door: compile and run mini source, report errors the way
//! CPython does, and turn the outcome into a process exit status.

use std::sync::Arc;

use crate::compile::bytecode::Code;
use crate::compile::{Mode, compile_module};
use crate::gil::{DEFAULT_INTERVAL_US, EvalBreaker, GilMode};
use crate::stdio;
use crate::syntax::source::{SourceMap, line_text};
use crate::syntax::{SyntaxError, SyntaxErrorKind, parse_module};
use crate::vm::error::{ExcKind, Fault, PyErr, is_exc};
use crate::vm::objects::{DictObj, ExcObj};
use crate::vm::traceback::format_exception;
use crate::vm::{Interp, Value, Vm};

/// The exit status after a bug in mini (see [`Interpreter::report_uncaught`]).
pub const INTERNAL_ERROR_STATUS: i32 = 70;

/// Native stack for the interpreter thread: deep ASTs and natives that
/// re-enter the VM need more than the default 8 MiB; memory is only touched
/// as it is used.
pub const INTERPRETER_STACK: usize = 512 << 20;

/// How to run a program: the command line's `--gil`, `--switch-interval`
/// and `--stats`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub gil: GilMode,
    /// None: the default (5 ms).
    pub switch_interval_us: Option<u64>,
    /// Print the GIL statistics table to stderr at exit.
    pub stats: bool,
    /// Record the GIL's transitions and write them at exit as Chrome
    /// trace JSON (`--trace`) and/or an SVG timeline (`--timeline`).
    pub trace: Option<String>,
    pub timeline: Option<String>,
}

/// One program: the shared interpreter state, its main thread and the
/// `__main__` namespace.
pub struct Interpreter {
    pub vm: Vm,
    pub globals: Arc<DictObj>,
    stats: bool,
    trace_files: Vec<String>,
}

impl Interpreter {
    /// A fresh interpreter with the default options; `argv` becomes `sys.argv`.
    pub fn new(argv: Vec<String>) -> Interpreter {
        Interpreter::with_options(argv, &Options::default())
    }

    pub fn with_options(argv: Vec<String>, options: &Options) -> Interpreter {
        let interval = options.switch_interval_us.unwrap_or(DEFAULT_INTERVAL_US);
        let interp = Interp::with_gil(argv, options.gil, interval);
        let trace_files: Vec<String> = [&options.trace, &options.timeline]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if !trace_files.is_empty() {
            // Before the main thread first takes the GIL, so that its first
            // hold is in the picture.
            interp.gil.trace_start();
        }
        let breaker = interp.main_breaker.clone();
        let vm = Vm::new(interp, breaker);
        let globals = Arc::new(DictObj::new());
        globals.set_str("__name__", Value::str("__main__"));
        globals.set_str("__doc__", Value::None);
        Interpreter {
            vm,
            globals,
            stats: options.stats,
            trace_files,
        }
    }

    /// The eval breaker Ctrl-C interrupts the main thread through.
    pub fn interrupt_flag(&self) -> Arc<EvalBreaker> {
        self.vm.interp.main_breaker.clone()
    }

    /// Compile `source` (reporting syntax errors as CPython does).
    pub fn compile(&self, source: &str, filename: &str, mode: Mode) -> Result<Arc<Code>, String> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let module = parse_module(source).map_err(|e| format_syntax_error(&e, source, filename))?;
        let mut warnings = Vec::new();
        let code = compile_module(
            &module,
            Arc::from(source),
            Arc::from(filename),
            mode,
            crate::kernel::cython_file,
            &mut warnings,
        );
        for w in &warnings {
            crate::stdio::write_stderr(w);
        }
        code.map_err(|e| format_syntax_error(&e, source, filename))
    }

    /// Run source text as the main module; returns the exit status.
    pub fn run_source(&mut self, source: &str, filename: &str) -> i32 {
        let code = match self.compile(source, filename, Mode::File) {
            Ok(c) => c,
            Err(report) => {
                stdio::write_stderr(&report);
                return 1;
            }
        };
        let result = self.vm.run_code(code, self.globals.clone());
        let status = match result {
            Ok(_) => 0,
            Err(e) => self.report_uncaught(&e),
        };
        if !stdio::flush_stdout() || stdio::stdout_broken() {
            // CPython's status when stdout cannot be flushed at exit.
            return 120;
        }
        status
    }

    /// Run raw file bytes (checking the encoding first).
    pub fn run_bytes(&mut self, bytes: &[u8], filename: &str) -> i32 {
        match decode_source(bytes, filename) {
            Ok(src) => self.run_source(&src, filename),
            Err(report) => {
                stdio::write_stderr(&report);
                1
            }
        }
    }

    /// The end of a program, as CPython's finalisation: wait for the
    /// non-daemon threads, then print the `--stats` table. Returns the exit
    /// status (130 when Ctrl-C interrupted the wait, 120 when stdout is a
    /// closed pipe).
    pub fn finish(&mut self, status: i32) -> i32 {
        let status = match crate::modules::threading::wait_for_threads(&mut self.vm) {
            Ok(()) => status,
            Err(e) => self.report_uncaught(&e),
        };
        let flushed = stdio::flush_stdout() && !stdio::stdout_broken();
        if !self.trace_files.is_empty() {
            self.vm.flush_ticks();
            let trace = self.vm.interp.gil.trace_stop();
            for path in &self.trace_files {
                if let Err(e) = crate::trace::write_file(&trace, path) {
                    stdio::write_stderr(&format!("mini: cannot write {path}: {e}\n"));
                }
            }
        }
        if self.stats {
            self.vm.flush_ticks();
            let table = crate::modules::gil::format_table(&self.vm.interp.gil.stats_snapshot());
            stdio::write_stderr(&table);
        }
        if flushed { status } else { 120 }
    }

    /// Print an uncaught exception (or honour `SystemExit`); the exit status:
    /// 1 for a Python exception as CPython, 130 for Ctrl-C, and for a bug in
    /// mini ([`Fault::Internal`]) 70, `EX_SOFTWARE` of BSD's `sysexits.h`
    /// ("internal software error"), so that a script or a test tells an
    /// interpreter bug from a program's uncaught exception.
    pub fn report_uncaught(&mut self, e: &PyErr) -> i32 {
        if is_exc(e, ExcKind::SystemExit) {
            return self.system_exit_status(e);
        }
        let report = format_exception(&mut self.vm, e);
        self.vm.reset();
        stdio::write_stderr(&report);
        if e.fault == Fault::Internal {
            INTERNAL_ERROR_STATUS
        } else if is_exc(e, ExcKind::KeyboardInterrupt) {
            130
        } else {
            1
        }
    }

    fn system_exit_status(&mut self, e: &ExcObj) -> i32 {
        let code = e.args.first().cloned().unwrap_or(Value::None);
        self.vm.reset();
        match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let text = crate::vm::repr::to_str(&mut self.vm, &other).unwrap_or_default();
                stdio::write_stderr(&format!("{text}\n"));
                1
            }
        }
    }
}

/// Decode a source file as UTF-8, with CPython's error for bad bytes.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(err) => {
            let pos = err.valid_up_to();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n",
                bytes[pos], filename, line
            ))
        }
    }
}

/// CPython's report of a syntax error: file and line, the source line, a
/// caret under the column, and `SyntaxError: message`.
pub fn format_syntax_error(e: &SyntaxError, source: &str, filename: &str) -> String {
    let map = SourceMap::new(source);
    let offset = e.offset.min(source.len()) as u32;
    let line = map.line_of(offset);
    let mut out = format!("  File \"{filename}\", line {line}\n");
    if let Some(text) = line_text(source, line) {
        let start = map.line_start(line) as usize;
        let stripped = text.trim_start();
        let indent = text.len() - stripped.len();
        let col_bytes = (e.offset.saturating_sub(start)).min(text.len());
        let col = text
            .get(indent.min(col_bytes)..col_bytes)
            .map_or(0, |s| s.chars().count());
        let end_bytes = e.end.saturating_sub(start).clamp(col_bytes, text.len());
        let width = text
            .get(col_bytes..end_bytes)
            .map_or(1, |s| s.chars().count().max(1));
        let shown = stripped.trim_end();
        if !shown.is_empty() {
            out.push_str(&format!("    {shown}\n"));
            out.push_str(&format!("    {}{}\n", " ".repeat(col), "^".repeat(width)));
        }
    }
    let kind = match e.kind {
        SyntaxErrorKind::Syntax => "SyntaxError",
        SyntaxErrorKind::Indentation => "IndentationError",
        SyntaxErrorKind::Tab => "TabError",
    };
    out.push_str(&format!("{kind}: {}\n", e.msg));
    out
}

// --------------------------------------------------------------------------
// The REPL's and the disassembler's doors
// --------------------------------------------------------------------------

impl Interpreter {
    /// Run one REPL entry in the `__main__` namespace: expression statements
    /// echo their repr and set `_`; an error prints its traceback and leaves
    /// the session as it was. Returns the exit status when the entry raised
    /// `SystemExit`.
    pub fn run_interactive(&mut self, source: &str) -> Option<i32> {
        let code = match self.compile(source, "<stdin>", Mode::Interactive) {
            Ok(c) => c,
            Err(report) => {
                stdio::write_stderr(&report);
                return None;
            }
        };
        self.run_interactive_code(code)
    }

    /// Run compiled REPL code (see [`Interpreter::run_interactive`]).
    pub fn run_interactive_code(&mut self, code: Arc<Code>) -> Option<i32> {
        // A Ctrl-C that arrived while no code ran (between the prompt and
        // now) must not interrupt this entry.
        self.interrupt_flag().take_interrupt();
        let result = self.vm.run_code(code, self.globals.clone());
        stdio::flush_stdout();
        match result {
            Ok(_) => None,
            Err(e) if is_exc(&e, ExcKind::SystemExit) => Some(self.system_exit_status(&e)),
            Err(e) => {
                self.report_uncaught(&e);
                None
            }
        }
    }

    /// The disassembly of a whole program (`mini dis FILE`; with `quick`,
    /// `mini dis --quick FILE`: the quickened streams), or the syntax error
    /// report.
    pub fn disassemble_source(
        &mut self,
        source: &str,
        filename: &str,
        quick: bool,
    ) -> Result<String, String> {
        let code = self.compile(source, filename, Mode::File)?;
        Ok(if quick {
            crate::compile::dis::disassemble_quick(&code)
        } else {
            crate::compile::dis::disassemble(&code)
        })
    }
}

/// Interpreter bugs (`vm::error::internal_error`) pass every handler and are
/// reported as bugs in mini with their own exit status.
#[cfg(test)]
mod internal_error_tests {
    use super::{INTERNAL_ERROR_STATUS, Interpreter};
    use crate::compile::Mode;
    use crate::vm::error::*;
    use crate::vm::objects::BuiltinFn;
    use crate::vm::value::Value;

    /// A builtin that hits a bug in mini: mini has no user-reachable one to
    /// test with, and a test-only builtin adds no API.
    static BUG: BuiltinFn = BuiltinFn {
        name: "bug",
        func: |_, _| Err(internal_error("test bug")),
    };

    /// Run `source` with `bug` defined; the result and the interpreter.
    fn run(source: &str) -> (PyResult<Value>, Interpreter) {
        let mut interp = Interpreter::new(vec![]);
        interp.globals.set_str("bug", Value::Builtin(&BUG));
        let code = interp
            .compile(source, "<test>", Mode::File)
            .expect("test source compiles");
        let r = interp.vm.run_code(code, interp.globals.clone());
        (r, interp)
    }

    fn global(interp: &Interpreter, name: &str) -> Option<Value> {
        interp.globals.get_str(name)
    }

    #[test]
    fn an_internal_error_passes_every_handler() {
        let source = "
import threading
lock = threading.Lock()

def f():
    global caught, fin
    try:
        bug()
    except Exception:
        caught = 1
    except SystemError:
        caught = 2
    except:
        caught = 3
    finally:
        fin = 1

try:
    try:
        with lock:
            f()
    except BaseException:
        outer = 1
finally:
    fin2 = 1
after = 1
";
        let (r, mut interp) = run(source);
        let e = r.expect_err("the bug propagates");
        assert_eq!(e.fault, Fault::Internal);
        assert!(is_exc(&e, ExcKind::SystemError));
        for name in ["caught", "fin", "outer", "fin2", "after"] {
            assert!(global(&interp, name).is_none(), "{name} ran");
        }
        // The Python traceback of where it surfaced: the module, then `f`.
        assert_eq!(e.traceback.lock().len(), 2);
        // The `with` block's exit did not run either: the lock is still held.
        interp.vm.reset();
        let code = interp
            .compile("held = lock.locked()\n", "<test>", Mode::File)
            .expect("test source compiles");
        let globals = interp.globals.clone();
        assert!(interp.vm.run_code(code, globals).is_ok());
        let held = global(&interp, "held").expect("held is set");
        assert!(crate::vm::ops::truthy(&held));
    }

    #[test]
    fn a_raised_system_error_is_an_ordinary_exception() {
        let (r, interp) =
            run("try:\n    raise SystemError('x')\nexcept SystemError:\n    ok = 1\n");
        assert!(r.is_ok());
        assert!(global(&interp, "ok").is_some());
    }

    #[test]
    fn an_internal_error_is_reported_as_a_bug() {
        let (r, mut interp) = run("def f():\n    bug()\nf()\n");
        let e = r.expect_err("the bug propagates");
        let report = crate::vm::traceback::format_exception(&mut interp.vm, &e);
        assert!(report.starts_with("Traceback (most recent call last):\n"));
        assert!(report.contains("line 2, in f"));
        assert!(report.contains("SystemError: mini internal error: test bug\n"));
        assert!(report.ends_with(
            "This is a bug in mini, not in the program: no `except` or `finally` ran on it.\n"
        ));
        assert_eq!(interp.report_uncaught(&e), INTERNAL_ERROR_STATUS);
    }
}
