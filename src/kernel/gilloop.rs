//! The run-time half of a GIL-holding `prange` loop (the compiler's
//! rewrite is `compile/cython/gilloop.rs`): [`prange_gil`] runs the chunk
//! function on `n` OS threads, each with its own `Vm` (registered with the
//! GIL like a `threading.Thread`), while the caller waits with the GIL
//! released.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use super::ir::Schedule;
use super::team::{Plan, for_each_chunk};
use crate::vm::prelude::*;

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_error(format!(
            "{what}: '{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `cython.parallel._prange_gil(chunk_fn, start, stop, step, **options)`:
/// run the chunks on a team of interpreter threads; returns
/// `([partials of each chunk, in worker order], last index or None)`.
pub fn prange_gil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(func) = args.pos.first().cloned() else {
        return Err(type_error("_prange_gil needs the chunk function"));
    };
    let ints: Vec<i64> = args.pos[1..]
        .iter()
        .map(|v| int_arg(v, "prange"))
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [b] => (0, *b, 1),
        [a, b] => (*a, *b, 1),
        [a, b, c] => (*a, *b, *c),
        _ => return Err(type_error("prange expected 1 to 3 positional arguments")),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let mut schedule = Schedule::Static;
    let mut chunk = None;
    let mut nthreads = crate::parallel::default_threads() as u64;
    let mut use_threads = true;
    for (k, v) in &args.kw {
        match k.as_str() {
            "schedule" => {
                if let Value::Str(s) = v {
                    schedule = Schedule::by_name(s.as_str()).unwrap_or(Schedule::Static);
                }
            }
            "chunksize" => {
                let c = int_arg(v, "chunksize")?;
                if c <= 0 {
                    return Err(value_error("chunksize must be positive"));
                }
                chunk = Some(c as u64);
            }
            "num_threads" => nthreads = int_arg(v, "num_threads")?.max(1) as u64,
            "use_threads_if" => {
                use_threads = crate::kernel::value_bits(v, super::types::Ty::Bool)? != 0
            }
            _ => {}
        }
    }
    let span = if step > 0 {
        (stop as i128 - start as i128).max(0)
    } else {
        (start as i128 - stop as i128).max(0)
    };
    let n = ((span + step.unsigned_abs() as i128 - 1) / step.unsigned_abs() as i128) as u64;
    if !use_threads {
        nthreads = 1;
    }
    let nthreads = nthreads.min(n).max(1);
    let at = |k: u64| start.wrapping_add((k as i64).wrapping_mul(step));
    if n == 0 {
        return Ok(Value::tuple(vec![Value::list(Vec::new()), Value::None]));
    }
    let plan = Plan { schedule, chunk };
    let interp = vm.interp.clone();
    let states: Vec<_> = (0..nthreads)
        .map(|t| {
            let ident = interp.new_ident();
            Vm::register_thread(&interp, ident, &format!("prange-{t}"))
        })
        .collect();
    let next = AtomicU64::new(0);
    let stop_flag = AtomicBool::new(false);
    let results: Vec<PyResult<Vec<Value>>> = vm.allow_threads("prange", || {
        std::thread::scope(|sc| {
            let handles: Vec<_> = states
                .into_iter()
                .enumerate()
                .map(|(t, state)| {
                    let (interp, func, next, stop_flag) =
                        (interp.clone(), &func, &next, &stop_flag);
                    std::thread::Builder::new()
                        .name(format!("prange-{t}"))
                        .stack_size(THREAD_STACK)
                        .spawn_scoped(sc, move || {
                            let mut wvm = Vm::new_thread(interp, state);
                            let mut parts = Vec::new();
                            let mut err = None;
                            for_each_chunk(plan, n, nthreads, t as u64, next, |lo, hi| {
                                if stop_flag.load(Relaxed) {
                                    return false;
                                }
                                let a = Args {
                                    pos: smallvec::smallvec![
                                        Value::Int(at(lo)),
                                        Value::Int(at(hi)),
                                        Value::Int(step)
                                    ],
                                    kw: Vec::new(),
                                };
                                match wvm.call(func, a) {
                                    Ok(v) => {
                                        parts.push(v);
                                        true
                                    }
                                    Err(e) => {
                                        err = Some(e);
                                        stop_flag.store(true, Relaxed);
                                        false
                                    }
                                }
                            });
                            wvm.reset();
                            wvm.exit_thread();
                            match err {
                                Some(e) => Err(e),
                                None => Ok(parts),
                            }
                        })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| match h {
                    Ok(h) => h
                        .join()
                        .unwrap_or_else(|_| Err(runtime_error("a prange worker failed"))),
                    Err(_) => Err(runtime_error("can't start new thread")),
                })
                .collect()
        })
    });
    let mut all = Vec::new();
    for r in results {
        all.extend(r?);
    }
    Ok(Value::tuple(vec![Value::list(all), Value::Int(at(n - 1))]))
}
