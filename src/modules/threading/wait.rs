//! Blocking waits that release the GIL.
//!
//! Every blocking call of `threading` and `queue` (lock acquire, join, event
//! and condition waits, queue get/put) has the same shape: a state behind a
//! mutex, a condition variable, and a predicate that, when true, also does
//! the taking (sets the lock's flag, pops the item). [`wait_released`] tries
//! the predicate once with the GIL held (an uncontended acquire costs no GIL
//! release), then releases the GIL and waits. It wakes every 20 ms to see
//! whether Ctrl-C interrupted the main thread, as CPython's lock waits are
//! interruptible, and raises `KeyboardInterrupt` then.

use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::vm::prelude::*;

/// How often a blocked thread looks for Ctrl-C.
const INTERRUPT_POLL: Duration = Duration::from_millis(20);

enum Outcome {
    Ready,
    TimedOut,
    Interrupted,
}

/// Wait until `ready(&mut state)` returns true (Ok(true)) or `deadline`
/// passes (Ok(false)); None waits for ever. `ready` runs with the mutex held.
/// `reason` names the wait in traces (`join`, `Lock.acquire`, …).
pub fn wait_released<T>(
    vm: &mut Vm,
    reason: &'static str,
    mutex: &Mutex<T>,
    cond: &Condvar,
    deadline: Option<Instant>,
    mut ready: impl FnMut(&mut T) -> bool,
) -> PyResult<bool> {
    if ready(&mut mutex.lock()) {
        return Ok(true);
    }
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Ok(false);
    }
    let breaker = vm.eval_breaker.clone();
    let outcome = vm.allow_threads(reason, || {
        let mut state = mutex.lock();
        loop {
            if ready(&mut state) {
                return Outcome::Ready;
            }
            if breaker.interrupted() {
                return Outcome::Interrupted;
            }
            let now = Instant::now();
            let poll = now + INTERRUPT_POLL;
            let until = match deadline {
                Some(d) if now >= d => return Outcome::TimedOut,
                Some(d) => d.min(poll),
                None => poll,
            };
            cond.wait_until(&mut state, until);
        }
    });
    match outcome {
        Outcome::Ready => Ok(true),
        Outcome::TimedOut => Ok(false),
        Outcome::Interrupted => {
            vm.eval_breaker.take_interrupt();
            Err(exc_with_args(TYPES.exc(ExcKind::KeyboardInterrupt), vec![]))
        }
    }
}

/// A `timeout=` argument: None (or absent) waits for ever; otherwise a
/// number of seconds, turned into a deadline (a negative one does not wait,
/// as in CPython's `Condition.wait`, `Event.wait` and `join`).
pub fn deadline_from(timeout: Option<&Value>) -> PyResult<Option<Instant>> {
    match timeout {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let secs = to_float(v)?;
            if secs.is_nan() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            Ok(deadline_after(secs.max(0.0)))
        }
    }
}

/// Now plus `secs` (None when too far away to count: wait for ever).
pub fn deadline_after(secs: f64) -> Option<Instant> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .and_then(|d| Instant::now().checked_add(d))
}
