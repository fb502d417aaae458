//! The `time` module: wall clock, monotonic and CPU clocks, and `sleep`.
//!
//! `perf_counter`/`monotonic` count from a process-wide start instant (a
//! write-once value, like CPython's arbitrary clock origin). CPU clocks come
//! from `/proc` on Linux (no `unsafe`, no libc): `thread_time` from
//! `/proc/thread-self/schedstat` (nanoseconds), `process_time` from the
//! per-thread schedstat sums and `/proc/self/stat` (which also counts exited
//! threads, at clock-tick resolution).

use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use num_bigint::BigInt;

use crate::gil::EvalBreaker;
use crate::vm::prelude::*;

/// The origin of `perf_counter()`/`monotonic()`: fixed at first use, never
/// changed afterwards.
static CLOCK_ORIGIN: LazyLock<Instant> = LazyLock::new(Instant::now);

fn monotonic_ns() -> u128 {
    CLOCK_ORIGIN.elapsed().as_nanos()
}

fn wall_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn ns_value(ns: i128) -> Value {
    match i64::try_from(ns) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::from_bigint(BigInt::from(ns)),
    }
}

/// Clock ticks per second of `/proc/*/stat` (`sysconf(_SC_CLK_TCK)`, which
/// is 100 on every Linux configuration in use).
const CLK_TCK: u64 = 100;

/// utime + stime of a `/proc/.../stat` file, in nanoseconds.
fn stat_cpu_ns(path: &str) -> Option<u128> {
    let text = std::fs::read_to_string(path).ok()?;
    // The command name (field 2) is parenthesised and may hold spaces.
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime is 14, stime is 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as u128 * (1_000_000_000 / CLK_TCK) as u128)
}

/// The first field of a `schedstat` file: nanoseconds spent on a CPU.
fn schedstat_ns(path: &str) -> Option<u128> {
    let text = std::fs::read_to_string(path).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn thread_cpu_ns() -> u128 {
    schedstat_ns("/proc/thread-self/schedstat")
        .or_else(|| stat_cpu_ns("/proc/thread-self/stat"))
        .unwrap_or_else(monotonic_ns)
}

fn process_cpu_ns() -> u128 {
    let mut live: Option<u128> = None;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for entry in dir.flatten() {
            let path = entry.path().join("schedstat");
            if let Some(ns) = path.to_str().and_then(schedstat_ns) {
                live = Some(live.unwrap_or(0) + ns);
            }
        }
    }
    let total = stat_cpu_ns("/proc/self/stat");
    match (live, total) {
        (Some(a), Some(b)) => a.max(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => monotonic_ns(),
    }
}

fn secs(ns: u128) -> Value {
    Value::float(ns as f64 * 1e-9)
}

fn t_time(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.time")?;
    Ok(Value::float(wall_ns() as f64 * 1e-9))
}

fn t_time_ns(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.time_ns")?;
    Ok(ns_value(wall_ns()))
}

fn t_perf_counter(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.perf_counter")?;
    Ok(secs(monotonic_ns()))
}

fn t_perf_counter_ns(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.perf_counter_ns")?;
    Ok(ns_value(monotonic_ns() as i128))
}

fn t_monotonic(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.monotonic")?;
    Ok(secs(monotonic_ns()))
}

fn t_monotonic_ns(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.monotonic_ns")?;
    Ok(ns_value(monotonic_ns() as i128))
}

fn t_process_time(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.process_time")?;
    Ok(secs(process_cpu_ns()))
}

fn t_process_time_ns(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.process_time_ns")?;
    Ok(ns_value(process_cpu_ns() as i128))
}

fn t_thread_time(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.thread_time")?;
    Ok(secs(thread_cpu_ns()))
}

fn t_thread_time_ns(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("time.thread_time_ns")?;
    Ok(ns_value(thread_cpu_ns() as i128))
}

/// `_PyTime_FromSecondsObject` for a timeout: nanoseconds, with CPython's
/// errors for NaN, out-of-range and non-numeric values.
fn timeout_ns(v: &Value) -> PyResult<i128> {
    match v {
        Value::Float(x) => {
            if x.get().is_nan() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            let ns = (x.get() * 1e9).ceil();
            if !(ns >= i64::MIN as f64 && ns < i64::MAX as f64) {
                return Err(overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(ns as i128)
        }
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let too_large = || overflow_error("timestamp too large to convert to C _PyTime_t");
            let s = to_bigint(v).ok_or_else(too_large)?;
            let s: i64 = num_traits::ToPrimitive::to_i64(&s).ok_or_else(too_large)?;
            s.checked_mul(1_000_000_000)
                .map(i128::from)
                .ok_or_else(too_large)
        }
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// Sleep for `d` without touching any interpreter object.
///
/// This is the GIL-free part of `time.sleep`, run inside `allow_threads`
/// so other threads run meanwhile. It wakes early (within
/// 20 ms) when Ctrl-C interrupts through `eval_breaker`; the caller
/// then raises `KeyboardInterrupt`, as CPython's sleep does.
pub fn sleep_released(d: Duration, eval_breaker: &EvalBreaker) {
    const SLICE: Duration = Duration::from_millis(20);
    // `None`: further away than the clock can count, i.e. until interrupted.
    let deadline = Instant::now().checked_add(d);
    loop {
        if eval_breaker.interrupted() {
            return;
        }
        let left = match deadline {
            Some(t) => t.saturating_duration_since(Instant::now()),
            None => SLICE,
        };
        if left.is_zero() {
            return;
        }
        std::thread::sleep(left.min(SLICE));
    }
}

fn t_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("time.sleep")?;
    let ns = timeout_ns(&v)?;
    if ns < 0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    let d = Duration::from_nanos(u64::try_from(ns).unwrap_or(u64::MAX));
    let eval_breaker = vm.eval_breaker.clone();
    vm.allow_threads("sleep", || sleep_released(d, &eval_breaker));
    // Like CPython, an interrupted sleep raises KeyboardInterrupt itself, so
    // the traceback points at the `sleep` call.
    if eval_breaker.take_interrupt() {
        return Err(exc_with_args(TYPES.exc(ExcKind::KeyboardInterrupt), vec![]));
    }
    Ok(Value::None)
}

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "time",
        func: t_time,
    },
    BuiltinFn {
        name: "time_ns",
        func: t_time_ns,
    },
    BuiltinFn {
        name: "perf_counter",
        func: t_perf_counter,
    },
    BuiltinFn {
        name: "perf_counter_ns",
        func: t_perf_counter_ns,
    },
    BuiltinFn {
        name: "monotonic",
        func: t_monotonic,
    },
    BuiltinFn {
        name: "monotonic_ns",
        func: t_monotonic_ns,
    },
    BuiltinFn {
        name: "process_time",
        func: t_process_time,
    },
    BuiltinFn {
        name: "process_time_ns",
        func: t_process_time_ns,
    },
    BuiltinFn {
        name: "thread_time",
        func: t_thread_time,
    },
    BuiltinFn {
        name: "thread_time_ns",
        func: t_thread_time_ns,
    },
    BuiltinFn {
        name: "sleep",
        func: t_sleep,
    },
];

/// Build the `time` module.
pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    // Fix the clock origin at import, so early readings are small.
    LazyLock::force(&CLOCK_ORIGIN);
    let (m, _) = super::new_module("time", FUNCS);
    Ok(m)
}
