//! Tiny process launcher used by `benches/run.py` to measure a program's peak RSS.
//!
//! Usage: `spawn_rss RESULT_FILE TIMEOUT_S PROGRAM [ARGS...]`
//!
//! Runs PROGRAM (stdin, stdout and stderr inherited), reaps it with `wait4` and
//! writes `status maxrss_kib wall_ns` to RESULT_FILE. `status` is the exit code, or
//! minus the signal number as Python's `subprocess` reports it.
//!
//! Why not `os.wait4` in the Python runner directly: Linux carries `ru_maxrss`
//! across `exec` (the child's figure starts at the peak RSS of the process it was
//! forked from), so every child of a 14 MB Python runner would report at least
//! 14 MB. This launcher is a ~1 MB process, so its children's figures are their own.
//! Built on demand by run.py with `rustc -O` (no dependencies; Linux, 64-bit).

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

unsafe extern "C" {
    fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut [i64; 18]) -> i32;
    fn kill(pid: i32, sig: i32) -> i32;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: spawn_rss RESULT_FILE TIMEOUT_S PROGRAM [ARGS...]");
        std::process::exit(2);
    }
    let timeout: f64 = args[2].parse().unwrap_or(0.0);
    let start = Instant::now();
    let child = match Command::new(&args[3]).args(&args[4..]).spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("spawn_rss: cannot run {}: {e}", args[3]);
            std::process::exit(127);
        }
    };
    let pid = child.id() as i32;
    if timeout > 0.0 {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(timeout));
            // SAFETY: plain syscall; the child has not been reaped yet (main is
            // still in wait4, which this thread's kill makes return).
            unsafe { kill(pid, 9) };
        });
    }
    let mut status: i32 = 0;
    // struct rusage on 64-bit Linux: two timevals (4 x i64) then 14 longs;
    // ru_maxrss (KiB) is the first long, index 4.
    let mut usage = [0i64; 18];
    let rc = loop {
        // SAFETY: valid pointers to locals of the right size.
        let rc = unsafe { wait4(pid, &mut status, 0, &mut usage) };
        if rc == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break rc;
    };
    let wall = start.elapsed();
    if rc != pid {
        eprintln!(
            "spawn_rss: wait4 failed: {}",
            std::io::Error::last_os_error()
        );
        std::process::exit(125);
    }
    let code = if status & 0x7f == 0 {
        (status >> 8) & 0xff
    } else {
        -(status & 0x7f)
    };
    let line = format!("{code} {} {}\n", usage[4], wall.as_nanos());
    let written = std::fs::File::create(&args[1]).and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        eprintln!("spawn_rss: cannot write {}: {e}", args[1]);
        std::process::exit(125);
    }
}
