//! Hostile inputs (SPEC §10): malformed, huge, deeply nested or runaway programs must
//! never make mini panic, abort, overflow its native stack, hang, or print a Rust
//! backtrace.  Every failure must be a Python-style error.
//!
//! The corpus is tests/hostile/*.py, written by tests/hostile/gen.py together with
//! tests/hostile/MANIFEST (`NAME.py<TAB>ACCEPT<TAB>CPYTHON<TAB>NOTE`, see gen.py).  For
//! every case mini (cwd = tests/hostile, argument NAME.py, stdin closed) must
//!   - finish within 20 s (it is killed otherwise: "hang"),
//!   - exit with status 0 or 1 (not a signal, not 101 = Rust panic, not 134 = abort),
//!   - keep stderr free of "panicked", "RUST_BACKTRACE", "stack overflow", "thread '",
//!     "SIGSEGV", "fatal runtime error",
//!   - when the status is 1, end stderr with an error-shaped line
//!     (`^[A-Za-z]*(Error|Exception|Interrupt|Exit)(: .*)?$`, or `StopIteration`),
//!   - and produce one of the outcomes ACCEPT allows (`ok`, `stdout` = exit 0 with
//!     stdout equal to NAME.out, `clean`, or an error class name).
//!
//! `MINI_HOSTILE_FILTER=substring` runs a subset.
//!
//! Separate tests: writing into a closed stdout pipe, and a script that cannot be opened.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Outcome, error_class, is_error_line};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Case {
    file: String,
    accept: Vec<String>,
    cpython: String,
    note: String,
}

fn load_manifest(dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(dir.join("MANIFEST")).unwrap_or_else(|e| {
        panic!("cannot read tests/hostile/MANIFEST ({e}); run tests/hostile/gen.py")
    });
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t');
            let file = f.next().unwrap_or("").to_string();
            let accept = f.next().unwrap_or("");
            assert!(!accept.is_empty(), "MANIFEST line without ACCEPT: {l:?}");
            Case {
                file,
                accept: accept.split('|').map(str::to_string).collect(),
                cpython: f.next().unwrap_or("-").to_string(),
                note: f.next().unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// The checks every run must pass, whatever the case: no hang, no crash.
fn universal_problems(got: &Outcome) -> Vec<String> {
    let mut p = Vec::new();
    if got.timed_out {
        p.push(format!("hang: {}", got.describe_status()));
        return p;
    }
    match got.code {
        Some(0) | Some(1) => {}
        Some(101) => p.push("exit 101: a Rust panic".to_string()),
        Some(134) => p.push("exit 134: abort".to_string()),
        _ => p.push(format!(
            "{}: only 0 or 1 are acceptable",
            got.describe_status()
        )),
    }
    if let Some(m) = got.crash_marker() {
        p.push(format!("stderr contains {m:?}"));
    }
    if got.code == Some(1) {
        let last = got.last_stderr_line();
        if !is_error_line(&last) {
            p.push(format!(
                "exit 1 but the last stderr line is not a Python error: {last:?}"
            ));
        }
    }
    p
}

fn accepted(dir: &Path, case: &Case, got: &Outcome) -> Result<(), String> {
    let stem = case.file.trim_end_matches(".py");
    let last = got.last_stderr_line();
    let mut why = Vec::new();
    for a in &case.accept {
        match a.as_str() {
            "ok" | "clean" if got.code == Some(0) => return Ok(()),
            "clean" if got.code == Some(1) => return Ok(()),
            "stdout" if got.code == Some(0) => {
                let expected = std::fs::read(dir.join(format!("{stem}.out")))
                    .map_err(|e| format!("{stem}.out missing ({e}); run tests/hostile/gen.py"))?;
                if got.stdout == expected {
                    return Ok(());
                }
                why.push(format!(
                    "stdout {}",
                    common::first_difference(
                        &String::from_utf8_lossy(&expected),
                        &got.stdout_str()
                    )
                ));
            }
            class if got.code == Some(1) && error_class(&last) == class => return Ok(()),
            _ => {}
        }
    }
    let mut msg = format!(
        "outcome not accepted: {} (last stderr line {:?}); ACCEPT = {}",
        got.describe_status(),
        last,
        case.accept.join("|")
    );
    for w in why {
        msg.push_str("\n    ");
        msg.push_str(&w);
    }
    Err(msg)
}

fn check_case(dir: &Path, case: &Case) -> Result<(), String> {
    let got = common::run_mini(&[case.file.as_str()], dir, TIMEOUT);
    let mut problems = universal_problems(&got);
    if problems.is_empty()
        && let Err(e) = accepted(dir, case, &got)
    {
        problems.push(e);
    }
    if problems.is_empty() {
        return Ok(());
    }
    let err = got.stderr_str();
    let tail: Vec<&str> = err
        .lines()
        .rev()
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut msg = problems.join("\n  ");
    msg.push_str(&format!(
        "\n  (CPython 3.11: {}; {})",
        case.cpython,
        if case.note.is_empty() {
            "no note"
        } else {
            case.note.as_str()
        }
    ));
    if !tail.is_empty() {
        let tail: Vec<String> = tail
            .iter()
            .map(|l| {
                if l.chars().count() > 200 {
                    format!("{}…", l.chars().take(200).collect::<String>())
                } else {
                    l.to_string()
                }
            })
            .collect();
        msg.push_str(&format!(
            "\n  mini's stderr ends with:\n      {}",
            tail.join("\n      ")
        ));
    }
    Err(msg)
}

#[test]
fn hostile_corpus() {
    let dir = common::tests_dir().join("hostile");
    let cases = load_manifest(&dir);
    assert!(cases.len() >= 50, "expected at least 50 hostile cases");

    // The manifest and the directory must agree.
    let listed: BTreeSet<String> = cases.iter().map(|c| c.file.clone()).collect();
    assert_eq!(listed.len(), cases.len(), "duplicate entries in MANIFEST");
    let present: BTreeSet<String> = common::py_files(&dir)
        .into_iter()
        .filter(|n| n != "gen.py")
        .collect();
    let missing: Vec<_> = listed.difference(&present).collect();
    let unlisted: Vec<_> = present.difference(&listed).collect();
    assert!(
        missing.is_empty() && unlisted.is_empty(),
        "MANIFEST and tests/hostile disagree (run tests/hostile/gen.py): missing files {missing:?}, unlisted files {unlisted:?}"
    );

    let filter = std::env::var("MINI_HOSTILE_FILTER").unwrap_or_default();
    let cases: Vec<Case> = cases
        .into_iter()
        .filter(|c| c.file.contains(&filter))
        .collect();
    let results = common::parallel_map(&cases, 2, |c| check_case(&dir, c));
    let failures: Vec<String> = cases
        .iter()
        .zip(&results)
        .filter_map(|(c, r)| r.as_ref().err().map(|e| format!("FAIL {}\n  {e}", c.file)))
        .collect();
    let summary = format!(
        "hostile: {}/{} inputs handled cleanly",
        cases.len() - failures.len(),
        cases.len()
    );
    common::loud(&summary);
    if !failures.is_empty() {
        panic!("\n{}\n\n{summary}\n", failures.join("\n\n"));
    }
}

/// `mini prog.py | head -1`: the reader goes away early.  mini must notice the closed
/// pipe and stop without a panic or backtrace: exit 0 or 1 (CPython: 1 with
/// `BrokenPipeError: [Errno 32] Broken pipe`), 120 (CPython's status when flushing
/// stdout fails at exit), or death by SIGPIPE like a C program.
#[test]
fn closed_stdout_pipe() {
    let dir = common::tests_dir().join("hostile").join("pipe");
    let mut failures = Vec::new();
    for name in common::py_files(&dir) {
        let start = Instant::now();
        let mut child = Command::new(common::mini_bin())
            .arg(&name)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn mini");
        let mut err_pipe = child.stderr.take().unwrap();
        let err_reader = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = err_pipe.read_to_end(&mut v);
            v
        });
        {
            // Read a little (like `head -1`), then close our end.
            let mut out = child.stdout.take().unwrap();
            let mut buf = [0u8; 64];
            let _ = out.read(&mut buf);
        }
        let (status, timed_out) =
            common::wait_with_deadline(&mut child, start + TIMEOUT).expect("wait for mini");
        let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
        let (code, signal) = common::status_parts(status);
        let mut problems = Vec::new();
        if timed_out {
            problems.push("hang: still running 20 s after its stdout was closed".to_string());
        }
        let status_ok = matches!(code, Some(0) | Some(1) | Some(120)) || signal == Some(13);
        if !timed_out && !status_ok {
            problems.push(format!("ended with code {code:?} signal {signal:?}"));
        }
        if let Some(m) = common::CRASH_MARKERS.iter().find(|m| stderr.contains(*m)) {
            problems.push(format!("stderr contains {m:?}"));
        }
        let last = common::last_line(&stderr);
        if code == Some(1) && !is_error_line(&last) {
            problems.push(format!("exit 1 but the last stderr line is {last:?}"));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "FAIL pipe/{name}: {}\n  stderr ends with: {:?}",
                problems.join("; "),
                stderr.lines().rev().take(4).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// A script that cannot be opened is a usage error: exit status 2 (SPEC §9), a message,
/// no panic.
#[test]
fn missing_script_file() {
    let dir = common::tests_dir().join("hostile");
    let got = common::run_mini(&["no_such_file_here.py"], &dir, TIMEOUT);
    assert!(!got.timed_out, "mini hung on a missing file");
    assert_eq!(
        got.code,
        Some(2),
        "missing script: expected exit 2, got {}",
        got.describe_status()
    );
    assert!(
        got.crash_marker().is_none(),
        "missing script: crash text on stderr: {}",
        got.stderr_str()
    );
    assert!(
        !got.last_stderr_line().is_empty(),
        "missing script: no message on stderr"
    );
}
