//! The REPL driven through a real pseudo-terminal, as a user types.
//!
//! Every step waits for the output it needs (a prompt, a result) with a
//! generous timeout; nothing sleeps. Results are chosen so they cannot be
//! confused with the echo of what was typed (`f(14)` prints `42`).
//!
//! Each session gets its own history directory (XDG_DATA_HOME and HOME
//! point into the target directory), so tests never touch the user's
//! history and can check that it was written.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Eof, Expect, Session};

/// Long enough for a loaded CI machine; a passing test never waits it out.
const TIMEOUT: Duration = Duration::from_secs(60);

type Repl = expectrl::session::OsSession;

/// A fresh, empty directory for one session's history.
fn scratch_dir(test: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "repl-{test}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Start `mini ARGS` on a pseudo-terminal.
fn spawn(test: &str, args: &[&str]) -> (Repl, PathBuf) {
    let dir = scratch_dir(test);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mini"));
    cmd.args(args)
        .env("XDG_DATA_HOME", &dir)
        .env("HOME", &dir)
        .env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("spawn mini on a pty");
    session.set_expect_timeout(Some(TIMEOUT));
    (session, dir)
}

/// Wait for `needle` in the output, with a readable failure.
fn expect(s: &mut Repl, needle: &str) {
    if let Err(e) = s.expect(needle) {
        panic!("waiting for {needle:?}: {e}");
    }
}

/// Type one line (Enter is `\r` on a terminal) once the prompt is shown.
fn type_line(s: &mut Repl, prompt: &str, line: &str) {
    expect(s, prompt);
    s.send(format!("{line}\r")).expect("write to the pty");
}

/// Ctrl-D at an empty prompt; the REPL must exit with status 0.
fn exit_with_ctrl_d(s: &mut Repl) {
    expect(s, ">>> ");
    s.send(ControlCode::EndOfTransmission).expect("send Ctrl-D");
    expect_eof(s);
    match s.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0, "exit status after Ctrl-D"),
        other => panic!("mini did not exit normally: {other:?}"),
    }
}

fn expect_eof(s: &mut Repl) {
    if let Err(e) = s.expect(Eof) {
        panic!("waiting for the end of output: {e}");
    }
}

#[test]
fn multi_line_def_then_call() {
    let (mut s, _) = spawn("def", &[]);
    type_line(&mut s, ">>> ", "def triple(a):");
    // Continuation lines are auto-indented: the body is typed bare.
    type_line(&mut s, "... ", "b = a * 3");
    type_line(&mut s, "... ", "return b");
    type_line(&mut s, "... ", "");
    type_line(&mut s, ">>> ", "triple(14)");
    expect(&mut s, "42");
    // `_` holds the last result; None is not echoed.
    type_line(&mut s, ">>> ", "_ + 1000");
    expect(&mut s, "1042");
    exit_with_ctrl_d(&mut s);
}

#[test]
fn an_error_then_a_working_line() {
    let (mut s, _) = spawn("error", &[]);
    type_line(&mut s, ">>> ", "total = 40");
    type_line(&mut s, ">>> ", "1 / 0");
    expect(&mut s, "Traceback (most recent call last):");
    expect(&mut s, "ZeroDivisionError: division by zero");
    type_line(&mut s, ">>> ", "print(tota)");
    expect(&mut s, "NameError");
    type_line(&mut s, ">>> ", "x = (1,");
    type_line(&mut s, "... ", "");
    type_line(&mut s, "... ", "2 +)");
    expect(&mut s, "SyntaxError");
    type_line(&mut s, ">>> ", "print(total + 2, 'ok')");
    expect(&mut s, "42 ok");
    exit_with_ctrl_d(&mut s);
}

#[test]
fn ctrl_c_interrupts_a_running_loop_and_the_session_goes_on() {
    let (mut s, _) = spawn("interrupt", &[]);
    type_line(&mut s, ">>> ", "kept = 1230");
    // The print tells the test that the loop is running (so the terminal
    // is out of raw mode and Ctrl-C becomes SIGINT).
    type_line(&mut s, ">>> ", "for _ in [1]:");
    type_line(&mut s, "... ", "print('spin' + 'ning', flush=True)");
    type_line(&mut s, "... ", "while True: pass");
    type_line(&mut s, "... ", "");
    expect(&mut s, "spinning");
    s.send(ControlCode::EndOfText).expect("send Ctrl-C");
    expect(&mut s, "KeyboardInterrupt");
    type_line(&mut s, ">>> ", "kept + 4");
    expect(&mut s, "1234");
    exit_with_ctrl_d(&mut s);
}

#[test]
fn ctrl_c_while_typing_drops_the_entry() {
    let (mut s, _) = spawn("clear", &[]);
    expect(&mut s, ">>> ");
    s.send("this is not python").expect("type");
    s.send(ControlCode::EndOfText).expect("send Ctrl-C");
    expect(&mut s, "KeyboardInterrupt");
    type_line(&mut s, ">>> ", "if True:");
    // Only once the `... ` prompt shows is the terminal in raw mode again, so
    // that Ctrl-C reaches the line editor rather than raising SIGINT.
    expect(&mut s, "... ");
    s.send(ControlCode::EndOfText).expect("send Ctrl-C");
    expect(&mut s, "KeyboardInterrupt");
    type_line(&mut s, ">>> ", "print(6 * 7)");
    expect(&mut s, "42");
    exit_with_ctrl_d(&mut s);
}

#[test]
fn ctrl_d_exits_zero_and_the_history_is_saved() {
    let (mut s, dir) = spawn("history", &[]);
    type_line(&mut s, ">>> ", "remember_me = 1");
    exit_with_ctrl_d(&mut s);
    let history = std::fs::read_to_string(dir.join("mini").join("history"))
        .expect("the history file was written");
    assert!(history.contains("remember_me = 1"), "history: {history:?}");
}

#[test]
fn tab_completes_names_and_attributes() {
    let (mut s, _) = spawn("complete", &[]);
    type_line(&mut s, ">>> ", "distinctive_value = 4321");
    type_line(&mut s, ">>> ", "import math");
    type_line(&mut s, ">>> ", "distinctive_v\t");
    expect(&mut s, "4321");
    // A callable is completed with its `(`.
    type_line(&mut s, ">>> ", "math.factor\t5)");
    expect(&mut s, "120");
    exit_with_ctrl_d(&mut s);
}

#[test]
fn inspect_flag_keeps_the_programs_globals() {
    let dir = scratch_dir("inspect-program");
    let program = dir.join("prog.py");
    std::fs::write(&program, "answer = 6 * 7\nprint('ran', 'the program')\n")
        .expect("write the program");
    let path = program.to_string_lossy().into_owned();
    let (mut s, _) = spawn("inspect", &["-i", &path]);
    expect(&mut s, "ran the program");
    type_line(&mut s, ">>> ", "answer + 1000");
    expect(&mut s, "1042");
    type_line(&mut s, ">>> ", ":dis answer += 1");
    expect(&mut s, "InplaceOp");
    type_line(&mut s, ">>> ", "exit()");
    expect_eof(&mut s);
    match s.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0),
        other => panic!("mini did not exit normally: {other:?}"),
    }
}

/// `mini -i` with a pipe for stdin (CPython's `python3 -i < input`):
/// prompts on stderr, results on stdout, errors never end the session.
fn run_piped(args: &[&str], input: &str, data_home: &std::path::Path) -> std::process::Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mini"))
        .args(args)
        .env("XDG_DATA_HOME", data_home)
        .env("HOME", data_home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mini");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write the input");
    }
    child.wait_with_output().expect("wait for mini")
}

#[test]
fn piped_interactive_session() {
    let dir = scratch_dir("piped");
    let input = "x = 20\nx * 2 + 2\ndef f(n):\n    return n + 1\n\nf(x)\nundefined_name\n\
                 print('after', _)\nimport dis\ndis.dis(f)\n:gil\nraise SystemExit(3)\nprint('not reached')\n";
    let out = run_piped(&["-i"], input, &dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "SystemExit ends the session\n{stderr}"
    );
    assert!(stdout.starts_with("42\n21\nafter 21\n"), "{stdout}");
    assert!(stdout.contains("Disassembly of <code object f"), "{stdout}");
    assert!(
        stdout.contains("GIL statistics (mode on, switch interval 5 ms)\n")
            && stdout.contains("\nMainThread "),
        "{stdout}"
    );
    assert!(!stdout.contains("not reached"), "{stdout}");
    assert!(
        stderr.contains(">>> ") && stderr.contains("... "),
        "{stderr}"
    );
    assert!(
        stderr.contains("NameError: name 'undefined_name' is not defined"),
        "{stderr}"
    );
}

#[test]
fn an_unwritable_history_is_a_warning() {
    let dir = scratch_dir("no-history");
    // A data home under a plain file cannot be created.
    let blocker = dir.join("file");
    std::fs::write(&blocker, "").expect("write a file");
    let out = run_piped(&["-i"], "print('fine')\n", &blocker.join("sub"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "fine\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: cannot use the history file"),
        "{stderr}"
    );
}
