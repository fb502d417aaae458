//! GIL-free kernels (Cython `prange`/`nogil`, Numba `@njit`) as a user runs
//! them: every `tests/kernels/NAME.mini` with a `NAME.expected` prints
//! exactly that (facts only: results equal to the sequential loop for every
//! schedule, chunk size and team size; races that lose updates but never
//! crash; errors raised in the caller), under several team sizes and GIL
//! modes. Every compile error is checked with its message and line, and the
//! team size follows `--threads`, `OMP_NUM_THREADS` and `NUMBA_NUM_THREADS`.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{first_difference, run_mini, run_with_timeout, tests_dir};

const TIMEOUT: Duration = Duration::from_secs(120);

#[test]
fn kernel_programs_print_their_expected_output() {
    let dir = tests_dir().join("kernels");
    let mut programs: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/kernels exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".mini"))
        .filter(|n| dir.join(n.replace(".mini", ".expected")).exists())
        .collect();
    programs.sort();
    assert!(programs.len() >= 4, "kernel programs missing");
    let mut failures = Vec::new();
    for prog in &programs {
        let expected =
            std::fs::read_to_string(dir.join(prog.replace(".mini", ".expected"))).expect("read");
        for opts in [
            &["--threads", "1"][..],
            &["--threads", "3"][..],
            &["--gil", "off", "--threads", "2"][..],
        ] {
            let mut args = opts.to_vec();
            args.push(prog);
            let out = run_mini(&args, &dir, TIMEOUT);
            let stdout = out.stdout_str();
            if out.code != Some(0) || stdout != expected || out.crash_marker().is_some() {
                failures.push(format!(
                    "{prog} {opts:?}: {}\n{}\nstderr:\n{}",
                    out.describe_status(),
                    first_difference(&expected, &stdout),
                    out.stderr_str()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// (file in tests/kernels/errors, line, message)
const COMPILE_ERRORS: &[(&str, u32, &str)] = &[
    (
        "print_in_prange",
        4,
        "Calling gil-requiring function not allowed without gil (print() needs the GIL: use printf from libc.stdio, or a 'with gil:' block)",
    ),
    (
        "print_in_nogil_block",
        4,
        "Calling gil-requiring function not allowed without gil (print() needs the GIL: use printf from libc.stdio, or a 'with gil:' block)",
    ),
    (
        "read_reduction",
        7,
        "Cannot read reduction variable in loop body",
    ),
    (
        "inconsistent_reduction",
        7,
        "Reduction operator '*' is inconsistent with previous reduction operator '+'",
    ),
    (
        "chunksize_no_schedule",
        3,
        "Must provide schedule with chunksize",
    ),
    (
        "runtime_chunksize",
        3,
        "Chunksize not valid for the schedule runtime",
    ),
    (
        "bad_schedule",
        3,
        "Invalid schedule argument to prange: fastest",
    ),
    (
        "python_call",
        7,
        "Calling gil-requiring function not allowed without gil (a Python function needs the GIL: call it in a 'with gil:' block, or declare it 'nogil')",
    ),
    (
        "python_object",
        4,
        "Converting to Python object not allowed without gil (only int, float, bint and typed memoryviews exist without the GIL)",
    ),
    (
        "list_in_nogil",
        4,
        "Constructing Python list not allowed without gil (only int, float, bint and typed memoryviews exist without the GIL)",
    ),
    (
        "gil_prange_reduction",
        6,
        "Cannot read reduction variable in loop body",
    ),
    (
        "print_in_nogil_function",
        3,
        "Calling gil-requiring function not allowed without gil (print() needs the GIL: use printf from libc.stdio, or a 'with gil:' block)",
    ),
];

#[test]
fn every_compile_error_has_cythons_message_and_its_line() {
    let dir = tests_dir().join("kernels").join("errors");
    let mut failures = Vec::new();
    for (file, line, msg) in COMPILE_ERRORS {
        let out = run_mini(&[&format!("{file}.mini")], &dir, TIMEOUT);
        let err = out.stderr_str();
        let where_ = format!("{file}.mini\", line {line}\n");
        let last = format!("SyntaxError: {msg}\n");
        if out.code != Some(1)
            || !err.contains(&where_)
            || !err.ends_with(&last)
            || !out.stdout.is_empty()
            || out.crash_marker().is_some()
        {
            failures.push(format!("{file}: {}\n{err}", out.describe_status()));
        }
    }
    let listed = std::fs::read_dir(&dir)
        .expect("errors dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".mini"))
        })
        .count();
    assert_eq!(
        listed,
        COMPILE_ERRORS.len(),
        "an error program is not in the table"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn team_size_output(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tests_dir().join("kernels");
    let mut cmd = Command::new(common::mini_bin());
    cmd.args(args)
        .arg("team_size.mini")
        .current_dir(&dir)
        .env_remove("OMP_NUM_THREADS")
        .env_remove("NUMBA_NUM_THREADS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = run_with_timeout(&mut cmd, TIMEOUT).expect("mini runs");
    assert_eq!(out.code, Some(0), "{}", out.stderr_str());
    out.stdout_str()
}

#[test]
fn the_team_size_follows_threads_and_the_environment() {
    let three = "3 3 [0, 1, 2]\n2 2\n1\n";
    assert_eq!(team_size_output(&["--threads", "3"], &[]), three);
    assert_eq!(team_size_output(&[], &[("OMP_NUM_THREADS", "3")]), three);
    assert_eq!(team_size_output(&[], &[("NUMBA_NUM_THREADS", "3")]), three);
    assert_eq!(
        team_size_output(&["--threads", "1"], &[("OMP_NUM_THREADS", "4")]),
        "1 1 [0]\n2 2\n1\n"
    );
}

#[test]
fn printf_lines_from_many_workers_never_tear() {
    let dir = tests_dir().join("kernels");
    let out = run_mini(&["printf_lines.mini"], &dir, TIMEOUT);
    assert_eq!(out.code, Some(0), "{}", out.stderr_str());
    let stdout = out.stdout_str();
    let mut lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2000);
    lines.sort();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(
            *l,
            format!(
                "line {i:05} of the printf test, padded to be long enough to tear {}",
                i * 3
            )
        );
    }
}

#[test]
fn a_gil_holding_prange_warns_as_cython_does() {
    let dir = tests_dir().join("kernels");
    let out = run_mini(&["gil_prange.mini"], &dir, TIMEOUT);
    assert_eq!(out.code, Some(0));
    let err = out.stderr_str();
    assert!(
        err.contains("gil_prange.mini:9:14: prange without releasing the GIL will only work well on freethreaded Python"),
        "{err}"
    );
}

#[test]
fn numba_parallel_without_a_parallel_loop_warns() {
    let dir = tests_dir().join("kernels");
    let out = run_mini(
        &[
            "-c",
            "from numba import njit\n@njit(parallel=True)\ndef f(x):\n    return x + 1\nprint(f(1))\n",
        ],
        &dir,
        TIMEOUT,
    );
    assert_eq!(out.stdout_str(), "2\n");
    assert!(
        out.stderr_str()
            .contains("NumbaPerformanceWarning: The keyword argument 'parallel=True' was specified but no transformation for parallel execution was possible."),
        "{}",
        out.stderr_str()
    );
}

#[test]
fn ctrl_c_stops_a_runaway_kernel() {
    let dir = tests_dir().join("kernels");
    let prog = "from cython.parallel import prange\n\
                cdef long i\n\
                cdef long s = 0\n\
                print('ready', flush=True)\n\
                for i in prange(4, nogil=True):\n    \
                    while True:\n        \
                        s += 1\n";
    let out = common::interrupt_when_ready(prog, &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.trim_end().ends_with("KeyboardInterrupt"), "{err}");
}
