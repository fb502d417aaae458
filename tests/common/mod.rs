//! Helpers shared by the integration-test harnesses (differential, errors, hostile).
//!
//! - [`mini_bin`]: the `mini` binary cargo built for this test run.
//! - [`run_with_timeout`]: spawn a command with stdin closed, collect stdout/stderr on
//!   reader threads (so a chatty child never blocks on a full pipe), poll `try_wait`
//!   until it exits or the deadline passes, and kill it then.
//! - [`python3`]: find a CPython 3.11 for the live comparisons (`MINI_PYTHON` overrides
//!   the program name, `MINI_NO_PYTHON=1` turns them off); when there is none, print a
//!   loud warning once and return `None`.
//! - [`parallel_map`]: run a closure over items on a few threads, results in input order.
//! - small text helpers: last stderr line, error-shaped line check, first difference.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The `mini` executable under test.
pub fn mini_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mini"))
}

/// Write a line straight to the process's stderr.  Unlike `eprintln!`, this is not
/// swallowed by the test harness's output capture, so it shows in a plain `cargo test`.
pub fn loud(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// `<crate>/tests`.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// At most this much of a child's stdout/stderr is kept (the rest is read and dropped).
const CAPTURE_LIMIT: usize = 64 << 20;

/// What a finished (or killed) child did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Exit code, when it exited normally.
    pub code: Option<i32>,
    /// Signal that ended it (Unix), when it was killed by one.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// True when we killed it because it ran past the timeout.
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// The last non-empty line of stderr with trailing whitespace removed ("" if none).
    pub fn last_stderr_line(&self) -> String {
        last_line(&self.stderr_str())
    }

    /// "exit 1", "signal 11", "timed out after 20s" …
    pub fn describe_status(&self) -> String {
        if self.timed_out {
            format!(
                "timed out after {:.1}s (killed)",
                self.elapsed.as_secs_f64()
            )
        } else if let Some(c) = self.code {
            format!("exit {c}")
        } else if let Some(s) = self.signal {
            format!("killed by signal {s}")
        } else {
            "unknown status".to_string()
        }
    }

    /// Text that must never appear on mini's stderr (a Rust panic, abort or crash).
    pub fn crash_marker(&self) -> Option<&'static str> {
        let err = self.stderr_str();
        CRASH_MARKERS.iter().copied().find(|m| err.contains(m))
    }
}

/// Substrings on stderr that mean the interpreter crashed instead of raising a Python error.
pub const CRASH_MARKERS: &[&str] = &[
    "panicked",
    "RUST_BACKTRACE",
    "stack overflow",
    "thread '",
    "SIGSEGV",
    "fatal runtime error",
];

/// The last non-empty line of `text`, trailing whitespace (and `\r`) removed.
/// tests/diff/regen.sh computes `NAME.err_last` the same way.
pub fn last_line(text: &str) -> String {
    text.split('\n')
        .map(|l| l.trim_end())
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

/// Is `line` shaped like the last line of a Python traceback: `SomethingError`,
/// `SomethingError: message`, also `…Exception`, `…Interrupt`, `…Exit`, and
/// `StopIteration` (the regex `^[A-Za-z]*(Error|Exception|Interrupt|Exit)(: .*)?$`
/// plus that one class, which a program can legitimately leave uncaught).
pub fn is_error_line(line: &str) -> bool {
    let name = match line.find(": ") {
        Some(i) => &line[..i],
        None => line,
    };
    name.chars().all(|c| c.is_ascii_alphabetic())
        && ["Error", "Exception", "Interrupt", "Exit", "StopIteration"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// The class name at the start of an error-shaped line (`KeyError: 'x'` → `KeyError`).
pub fn error_class(line: &str) -> &str {
    match line.find(':') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Does `text` mention `line N` with N not followed by another digit?
pub fn mentions_line(text: &str, n: u32) -> bool {
    let needle = format!("line {n}");
    let mut start = 0;
    while let Some(i) = text[start..].find(&needle) {
        let end = start + i + needle.len();
        if !text[end..].starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        start = end;
    }
    false
}

/// A one-paragraph description of where `actual` first departs from `expected`, with a
/// little context in unified-diff style (`-` expected, `+` actual).
pub fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut i = 0;
    while i < e.len() && i < a.len() && e[i] == a[i] {
        i += 1;
    }
    let show = |s: &str| -> String {
        let (body, nl) = match s.strip_suffix('\n') {
            Some(b) => (b, true),
            None => (s, false),
        };
        let mut body = body.replace('\r', "\\r");
        if body.chars().count() > 200 {
            body = format!("{}…", body.chars().take(200).collect::<String>());
        }
        if !nl {
            body.push_str("  <no newline at end>");
        }
        body
    };
    let mut out = format!(
        "first difference at line {} (expected {} lines, got {}):\n",
        i + 1,
        e.len(),
        a.len()
    );
    for line in &e[i.saturating_sub(2)..i] {
        out.push_str(&format!("      {}\n", show(line)));
    }
    for line in e.iter().skip(i).take(3) {
        out.push_str(&format!("    - {}\n", show(line)));
    }
    if i >= e.len() {
        out.push_str("    - <end of expected output>\n");
    }
    for line in a.iter().skip(i).take(3) {
        out.push_str(&format!("    + {}\n", show(line)));
    }
    if i >= a.len() {
        out.push_str("    + <end of actual output>\n");
    }
    out
}

fn spawn_reader<R: Read + Send + 'static>(mut r: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        loop {
            match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let room = CAPTURE_LIMIT.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        kept
    })
}

/// Wait for `child` until `deadline`; kill it when the deadline passes.
/// Returns (exit status, timed_out).
pub fn wait_with_deadline(
    child: &mut Child,
    deadline: Instant,
) -> std::io::Result<(std::process::ExitStatus, bool)> {
    let mut nap = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok((status, false));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let status = child.wait()?;
            return Ok((status, true));
        }
        thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    }
}

/// Split an exit status into (code, signal).
pub fn status_parts(status: std::process::ExitStatus) -> (Option<i32>, Option<i32>) {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        (status.code(), status.signal())
    }
    #[cfg(not(unix))]
    {
        (status.code(), None)
    }
}

/// Run `cmd` with stdin closed and stdout/stderr captured; kill it after `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> std::io::Result<Outcome> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let out = spawn_reader(child.stdout.take().expect("piped stdout"));
    let err = spawn_reader(child.stderr.take().expect("piped stderr"));
    let (status, timed_out) = wait_with_deadline(&mut child, start + timeout)?;
    let elapsed = start.elapsed();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let (code, signal) = status_parts(status);
    Ok(Outcome {
        code,
        signal,
        stdout,
        stderr,
        timed_out,
        elapsed,
    })
}

/// Run `mini ARGS…` in `cwd`.  A failure to even start the binary is reported as an
/// outcome with the error text on stderr (so one broken run does not abort a corpus).
pub fn run_mini(args: &[&str], cwd: &Path, timeout: Duration) -> Outcome {
    let mut cmd = Command::new(mini_bin());
    cmd.args(args).current_dir(cwd);
    run_with_timeout(&mut cmd, timeout).unwrap_or_else(|e| Outcome {
        code: None,
        signal: None,
        stdout: Vec::new(),
        stderr: format!("could not start {}: {e}", mini_bin().display()).into_bytes(),
        timed_out: false,
        elapsed: Duration::ZERO,
    })
}

/// The CPython the expectations were generated with: `MINI_PYTHON` or `python3`, only
/// when it is version 3.11.x.  Prints a loud warning (once per process) when absent.
pub fn python3() -> Option<String> {
    static FOUND: OnceLock<Option<String>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            if std::env::var_os("MINI_NO_PYTHON").is_some_and(|v| !v.is_empty()) {
                loud("note: MINI_NO_PYTHON is set: skipping the live python3 comparison");
                return None;
            }
            let prog = std::env::var("MINI_PYTHON").unwrap_or_else(|_| "python3".to_string());
            let version = Command::new(&prog)
                .arg("--version")
                .stdin(Stdio::null())
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| {
                    let mut v = String::from_utf8_lossy(&o.stdout).into_owned();
                    v.push_str(&String::from_utf8_lossy(&o.stderr));
                    v.trim().to_string()
                });
            match version {
                None => {
                    loud(&format!(
                        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                         !!! SKIPPING live python3 comparison: python3 not found ({prog})\n\
                         !!! (comparing against the committed expectations only)\n\
                         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    ));
                    None
                }
                Some(v) if !v.starts_with("Python 3.11.") => {
                    loud(&format!(
                        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                         !!! SKIPPING live python3 comparison: {prog} is {v}, the expectations\n\
                         !!! were generated with CPython 3.11 (set MINI_PYTHON to a 3.11)\n\
                         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                    ));
                    None
                }
                Some(_) => Some(prog),
            }
        })
        .clone()
}

/// Run CPython on `script` (a path relative to `cwd`) in the same clean environment
/// the regen scripts use.
pub fn run_python(
    python: &str,
    script: &str,
    cwd: &Path,
    timeout: Duration,
) -> std::io::Result<Outcome> {
    let mut cmd = Command::new(python);
    cmd.arg(script)
        .current_dir(cwd)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("LC_ALL", "C.UTF-8");
    for var in [
        "PYTHONPATH",
        "PYTHONSTARTUP",
        "PYTHONWARNINGS",
        "PYTHONINTMAXSTRDIGITS",
        "PYTHONDEVMODE",
        "PYTHONOPTIMIZE",
        "PYTHONUTF8",
    ] {
        cmd.env_remove(var);
    }
    run_with_timeout(&mut cmd, timeout)
}

/// Map `f` over `items` on `threads` worker threads; results keep the input order.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut slots);
    thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let r = f(&items[i]);
                    results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every item processed"))
        .collect()
}

/// Names (`foo.py`) of the `.py` files directly in `dir`, sorted.
pub fn py_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    v.sort();
    v
}

/// Apply `MINI_DIFF_FILTER`-style substring filtering (`None` or empty keeps all).
pub fn filtered(names: Vec<String>, var: &str) -> Vec<String> {
    match std::env::var(var) {
        Ok(f) if !f.is_empty() => names.into_iter().filter(|n| n.contains(&f)).collect(),
        _ => names,
    }
}

/// Run `mini -c prog` in `cwd`; once it prints its first line (`ready`),
/// send it SIGINT (Ctrl-C) and return how it ended.
pub fn interrupt_when_ready(prog: &str, cwd: &Path) -> std::process::Output {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(mini_bin())
        .args(["-c", prog])
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mini starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("reads");
    assert_eq!(line, "ready\n");
    let pid = child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -INT failed");
    child.wait_with_output().expect("mini ends")
}
