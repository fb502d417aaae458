//! The interactive prompt: `mini` on a terminal, and `mini -i FILE` after
//! the program ran.
//!
//! A loop on rustyline: read a line (`>>> `, then `... ` while the entry is
//! incomplete — see [`input`]), and run the finished entry in the session's
//! `__main__` namespace compiled in interactive mode, so expression
//! statements echo their repr and set `_`. An exception prints its traceback
//! and the session goes on; `SystemExit` (and `exit()`) ends it with its
//! status, Ctrl-D with 0.
//!
//! Ctrl-C has two paths. While a line is being typed the terminal is in raw
//! mode, rustyline receives the key and returns `Interrupted`: the entry is
//! dropped. (rustyline also puts its own SIGINT handler in place while it
//! reads, and restores the previous one — `main`'s — when it returns.) While code runs the terminal is back in cooked mode, the kernel
//! sends SIGINT, and the handler installed by `main` sets the INTERRUPT bit
//! of the main thread's eval breaker, which the VM turns into a
//! KeyboardInterrupt at its next check point. A bit left over from a Ctrl-C
//! that came while nothing ran is cleared before each entry runs
//! (`Interpreter::run_interactive_code`).
//!
//! History is kept in `$XDG_DATA_HOME/mini/history` (or `~/.mini_history`
//! when XDG_DATA_HOME is unset), appended after every entry; a history that
//! cannot be read or written is a warning, once.

mod complete;
mod input;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::compile::Mode;
use crate::compile::dis::disassemble;
use crate::runner::Interpreter;
use crate::stdio;
use crate::vm::Value;
use complete::MiniHelper;

const HELP: &str = "\
REPL commands:
  :help, help()    this list
  :dis NAME        the bytecode of function NAME (or of a statement: `:dis x += 1`)
  :time STMT       run STMT and print its wall time
  :gil             GIL statistics
  exit(), Ctrl-D   leave the REPL
A line ending in `:` opens a block; an empty line closes it. Tab completes names,
keywords, module attributes and methods (and indents at the start of a line).
Ctrl-C clears the line being typed, or interrupts running code with KeyboardInterrupt.
";

type MiniEditor = Editor<MiniHelper, FileHistory>;

/// Run the REPL on `interp` until Ctrl-D, `exit()` or `SystemExit`; the
/// process exit status. `banner`: greet first (plain `mini`, not `-i`).
pub fn run(interp: &mut Interpreter, banner: bool) -> i32 {
    let mut editor = match new_editor(interp) {
        Ok(e) => e,
        Err(e) => {
            stdio::write_stderr(&format!("mini: cannot start the line editor: {e}\n"));
            return 1;
        }
    };
    let terminal = std::io::stdin().is_terminal();
    let mut history = History::open(&mut editor);
    if banner && terminal {
        stdio::write_stderr(&format!(
            "mini {} — a Python-flavoured language with a real GIL\n\
             Type :help for the REPL commands, Ctrl-D to leave.\n",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let mut entry: Vec<String> = Vec::new();
    // Lines that arrived together (a paste), waiting their turn.
    let mut queued: std::collections::VecDeque<String> = Default::default();
    loop {
        let line = match queued.pop_front() {
            Some(line) => line,
            None => {
                let prompt = if entry.is_empty() { ">>> " } else { "... " };
                let indent = if entry.is_empty() {
                    String::new()
                } else {
                    input::next_indent(&entry)
                };
                // Threads started at the prompt run while the user types.
                let line = interp.vm.allow_threads("input", || {
                    read_line(&mut editor, prompt, &indent, terminal)
                });
                match line {
                    Ok(text) => {
                        if !text.trim().is_empty() {
                            history.add(&mut editor, text.trim_end());
                        }
                        queued.extend(
                            text.split('\n')
                                .map(|l| l.trim_end_matches('\r').to_string()),
                        );
                        continue;
                    }
                    Err(ReadlineError::Interrupted) => {
                        stdio::write_stderr("KeyboardInterrupt\n");
                        entry.clear();
                        continue;
                    }
                    Err(ReadlineError::Eof) => break,
                    Err(e) => {
                        stdio::write_stderr(&format!("mini: cannot read input: {e}\n"));
                        history.save(&mut editor);
                        return 1;
                    }
                }
            }
        };
        if entry.is_empty() && line.trim().is_empty() {
            continue;
        }
        entry.push(line);
        if !input::is_complete(&entry) {
            continue;
        }
        let source = entry.join("\n") + "\n";
        entry.clear();
        let outcome = execute(interp, &source);
        history.save(&mut editor);
        if let Some(status) = outcome {
            return status;
        }
    }
    history.save(&mut editor);
    0
}

fn new_editor(interp: &Interpreter) -> rustyline::Result<MiniEditor> {
    let config = Config::builder()
        .max_history_size(10_000)?
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut editor = MiniEditor::with_history(config, FileHistory::new())?;
    editor.set_helper(Some(MiniHelper {
        globals: interp.globals.clone(),
        builtins: interp.vm.interp.builtins.clone(),
    }));
    Ok(editor)
}

/// One line (or a pasted block) from the user; `indent` is offered as the
/// start of the line.
fn read_line(
    editor: &mut MiniEditor,
    prompt: &str,
    indent: &str,
    terminal: bool,
) -> rustyline::Result<String> {
    stdio::flush_stdout();
    if !terminal {
        // rustyline prints no prompt when it reads from a pipe; CPython
        // writes it to stderr then.
        let mut err = std::io::stderr();
        let _ = err.write_all(prompt.as_bytes());
        let _ = err.flush();
        return editor.readline(prompt);
    }
    editor.readline_with_initial(prompt, (indent, ""))
}

/// Run one finished entry: a REPL command or code. `Some(status)` ends
/// the session.
fn execute(interp: &mut Interpreter, source: &str) -> Option<i32> {
    let text = source.trim();
    match text {
        "help" | "help()" | ":help" | ":h" | ":?" => {
            stdio::write_stdout(HELP);
            stdio::flush_stdout();
            return None;
        }
        "exit" | "exit()" | "quit" | "quit()" => return Some(0),
        ":gil" => {
            interp.vm.flush_ticks();
            let stats = interp.vm.interp.gil.stats_snapshot();
            stdio::write_stdout(&crate::modules::gil::format_table(&stats));
            stdio::flush_stdout();
            return None;
        }
        _ => {}
    }
    if let Some(arg) = command_arg(source, ":dis") {
        show_dis(interp, arg);
        return None;
    }
    if let Some(stmt) = command_arg(source, ":time") {
        let start = Instant::now();
        let status = interp.run_interactive(stmt);
        let wall = start.elapsed();
        stdio::write_stdout(&format!("Wall time: {}\n", format_duration(wall)));
        stdio::flush_stdout();
        return status;
    }
    if text.starts_with(':') {
        let name = text.split_whitespace().next().unwrap_or(text);
        stdio::write_stderr(&format!(
            "unknown REPL command {name}; :help lists the commands\n"
        ));
        return None;
    }
    interp.run_interactive(source)
}

/// The text after a `:command` (which must stand alone or be followed by
/// a blank), with its indentation removed.
fn command_arg<'a>(source: &'a str, command: &str) -> Option<&'a str> {
    let rest = source.trim_start().strip_prefix(command)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(rest.trim_start())
}

/// `:dis NAME` (a function, or a method through a module path) or
/// `:dis STMT` (the code the REPL would run for it).
fn show_dis(interp: &mut Interpreter, arg: &str) {
    let name = arg.trim();
    if name.is_empty() {
        stdio::write_stderr("usage: :dis NAME or :dis STATEMENT\n");
        return;
    }
    let value = complete::resolve(&interp.globals, &interp.vm.interp.builtins, name);
    let function = match &value {
        Some(v) => match crate::modules::dis::code_of(v) {
            Ok(code) => Some(code),
            Err(_) if is_native(v) => {
                stdio::write_stderr(&format!(
                    "{name} is built in (written in Rust): it has no bytecode\n"
                ));
                return;
            }
            Err(_) => None,
        },
        None => None,
    };
    let code = match function {
        Some(code) => code,
        None => match interp.compile(arg, "<stdin>", Mode::Interactive) {
            Ok(code) => code,
            Err(report) => {
                stdio::write_stderr(&report);
                return;
            }
        },
    };
    let text = disassemble(&code);
    stdio::write_stdout(&text);
    stdio::flush_stdout();
}

/// A function or type implemented in Rust.
fn is_native(v: &Value) -> bool {
    matches!(
        v,
        Value::Builtin(_) | Value::MethodDesc(_) | Value::Type(_) | Value::BoundMethod(_)
    )
}

/// `1.234 s`, `12.345 ms`, `56.7 µs`.
fn format_duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.3} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

/// The persistent history file; failures are warned about once and then
/// ignored, so a read-only home never disturbs the session.
struct History {
    path: Option<PathBuf>,
    warned: bool,
}

impl History {
    fn open(editor: &mut MiniEditor) -> History {
        let mut h = History {
            path: history_path(),
            warned: false,
        };
        if let Some(path) = h.path.clone()
            && path.exists()
            && let Err(e) = editor.load_history(&path)
        {
            h.warn(&path, &e);
        }
        h
    }

    fn add(&mut self, editor: &mut MiniEditor, line: &str) {
        let _ = editor.add_history_entry(line);
    }

    /// Append the entries added since the last save.
    fn save(&mut self, editor: &mut MiniEditor) {
        let Some(path) = self.path.clone() else {
            return;
        };
        if self.warned {
            return;
        }
        if let Some(dir) = path.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            self.warn(&path, &ReadlineError::Io(e));
            return;
        }
        if let Err(e) = editor.append_history(&path) {
            self.warn(&path, &e);
        }
    }

    fn warn(&mut self, path: &std::path::Path, e: &ReadlineError) {
        if !self.warned {
            self.warned = true;
            stdio::write_stderr(&format!(
                "mini: warning: cannot use the history file {}: {e}\n",
                path.display()
            ));
        }
    }
}

/// `$XDG_DATA_HOME/mini/history`, else `~/.mini_history`.
fn history_path() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(data) = non_empty("XDG_DATA_HOME") {
        return Some(PathBuf::from(data).join("mini").join("history"));
    }
    non_empty("HOME").map(|home| PathBuf::from(home).join(".mini_history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_arguments() {
        assert_eq!(command_arg(":time x = 1\n", ":time"), Some("x = 1\n"));
        assert_eq!(command_arg(":timex", ":time"), None);
        assert_eq!(command_arg(":dis f\n", ":dis"), Some("f\n"));
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.500 s");
        assert_eq!(format_duration(Duration::from_micros(2500)), "2.500 ms");
        assert_eq!(format_duration(Duration::from_nanos(1500)), "1.5 µs");
    }
}
