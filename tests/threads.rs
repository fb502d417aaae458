//! Threads and the GIL, as a user runs them: every `tests/threads/NAME.mini`
//! runs under `--gil=on`, `legacy` and `off` and must print exactly
//! `NAME.expected` (facts only — counts, orders fixed by joins — never
//! times). The expectations of the programs that are plain Python were made
//! by CPython 3.11 (`tests/threads/regen.sh`); `gil_stats` and `stress_off`
//! are mini-only. Plus the behaviours a program's stdout cannot show:
//! thread exceptions on stderr, exit waiting for non-daemon threads only,
//! Ctrl-C reaching a main thread blocked in `join`, and bad `--gil` values.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{first_difference, run_mini, tests_dir};

const TIMEOUT: Duration = Duration::from_secs(60);
const MODES: [&str; 3] = ["on", "legacy", "off"];

#[test]
fn thread_programs_print_their_expected_output_in_every_gil_mode() {
    let dir = tests_dir().join("threads");
    let mut programs: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/threads exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".mini"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 6, "thread programs missing");
    let mut failures = Vec::new();
    for prog in &programs {
        let stem = prog.trim_end_matches(".mini");
        let expected = std::fs::read_to_string(dir.join(format!("{stem}.expected")))
            .unwrap_or_else(|e| panic!("{stem}.expected: {e}"));
        for mode in MODES {
            let out = run_mini(&["--gil", mode, prog], &dir, TIMEOUT);
            let stdout = out.stdout_str();
            if out.code != Some(0) || stdout != expected || out.crash_marker().is_some() {
                failures.push(format!(
                    "{prog} --gil={mode}: {}\n{}\nstderr:\n{}",
                    out.describe_status(),
                    first_difference(&expected, &stdout),
                    out.stderr_str()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn an_exception_in_a_thread_is_printed_and_the_others_go_on() {
    let dir = tests_dir().join("threads");
    for mode in MODES {
        let out = run_mini(&["--gil", mode, "exceptions.mini"], &dir, TIMEOUT);
        let err = out.stderr_str();
        assert_eq!(out.code, Some(0), "{mode}: {err}");
        assert!(
            err.starts_with("Exception in thread Bad:\nTraceback (most recent call last):\n"),
            "{mode}: {err}"
        );
        assert!(err.contains("line 4, in bad"), "{mode}: {err}");
        assert!(
            err.ends_with("ValueError: boom in a thread\n"),
            "{mode}: {err}"
        );
        assert!(out.stdout_str().contains("['good ran'] False"));
    }
}

#[test]
fn exit_waits_for_non_daemon_threads_only() {
    // A daemon thread sleeps 60 s; the run must end long before (the test
    // would time out otherwise) and after the non-daemon worker printed.
    let dir = tests_dir().join("threads");
    let out = run_mini(&["exit_wait.mini"], &dir, Duration::from_secs(30));
    assert!(!out.timed_out, "exit waited for a daemon thread");
    assert_eq!(
        out.stdout_str(),
        "main done\nnon-daemon worker finished\n",
        "{}",
        out.stderr_str()
    );
}

#[test]
fn ctrl_c_interrupts_a_main_thread_blocked_in_join() {
    let dir = tests_dir().join("threads");
    let prog = "import threading, time, sys\n\
                t = threading.Thread(target=time.sleep, args=(60,), daemon=True)\n\
                t.start()\n\
                print('ready', flush=True)\n\
                t.join()\n";
    let out = common::interrupt_when_ready(prog, &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("t.join()"), "{err}");
    assert!(err.trim_end().ends_with("KeyboardInterrupt"), "{err}");
}

#[test]
fn gil_mode_comes_from_the_option_or_the_environment() {
    let dir = tests_dir().join("threads");
    let prog = "import sys, gil; print(gil.mode(), sys._is_gil_enabled(), sys.getswitchinterval())";
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = Command::new(common::mini_bin());
        cmd.args(args).args(["-c", prog]).current_dir(&dir);
        match env {
            Some(v) => cmd.env("MINI_GIL", v),
            None => cmd.env_remove("MINI_GIL"),
        };
        let out = cmd.output().expect("mini runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(run(&[], None).1, "on True 0.005\n");
    assert_eq!(run(&["--gil=off"], None).1, "off False 0.005\n");
    assert_eq!(run(&[], Some("legacy")).1, "legacy True 0.005\n");
    assert_eq!(run(&["--gil", "on"], Some("off")).1, "on True 0.005\n");
    assert_eq!(
        run(&["--switch-interval", "0.02"], None).1,
        "on True 0.02\n"
    );
    let (code, _, err) = run(&["--gil=fast"], None);
    assert_eq!(code, Some(2));
    assert!(err.contains("invalid GIL mode 'fast'"), "{err}");
    let (code, _, err) = run(&[], Some("nope"));
    assert_eq!(code, Some(2));
    assert!(err.contains("MINI_GIL"), "{err}");
    let (code, _, _) = run(&["--switch-interval", "-1"], None);
    assert_eq!(code, Some(2));
}

#[test]
fn stats_table_is_printed_at_exit() {
    let dir = tests_dir().join("threads");
    let out = run_mini(&["--stats", "locks.mini"], &dir, TIMEOUT);
    let err = out.stderr_str();
    assert_eq!(out.code, Some(0), "{err}");
    assert!(
        err.starts_with("GIL statistics (mode on, switch interval 5 ms)\n"),
        "{err}"
    );
    assert!(err.contains("\nMainThread "), "{err}");
    assert!(err.contains("\nswitches "), "{err}");
    // One row per thread that ran: the main thread and locks.mini's 6 threads.
    assert_eq!(err.lines().count(), 2 + 7 + 1, "{err}");
}
