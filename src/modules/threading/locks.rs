//! `threading.Lock` (CPython's `_thread.lock`) and `threading.RLock`.
//!
//! Both are a small state behind a `parking_lot` mutex plus a condition
//! variable; acquiring a taken lock waits with the GIL released
//! (`wait::wait_released`). A `Lock` may be released by any thread, as in
//! Python; an `RLock` only by its owner, which may take it again.

use std::time::Instant;

use parking_lot::{Condvar, Mutex};

use super::wait::{deadline_after, wait_released};
use crate::vm::prelude::*;

pub struct LockObj {
    locked: Mutex<bool>,
    cond: Condvar,
}

pub static LOCK_CLASS: NativeClass = NativeClass {
    name: "lock",
    module: "_thread",
    methods: native_methods!("lock";
        "acquire" => lock_acquire,
        "release" => lock_release,
        "locked" => lock_locked,
        "__enter__" => lock_enter,
        "__exit__" => lock_exit,
    ),
    ctor: None,
};

impl NativeObject for LockObj {
    fn class(&self) -> &'static NativeClass {
        &LOCK_CLASS
    }
    fn repr(&self, _vm: &mut Vm, this: &Value) -> PyResult<String> {
        let state = if *self.locked.lock() {
            "locked"
        } else {
            "unlocked"
        };
        Ok(format!("<{state} _thread.lock object at {:#x}>", this.id()))
    }
}

impl LockObj {
    pub fn new() -> LockObj {
        LockObj {
            locked: Mutex::new(false),
            cond: Condvar::new(),
        }
    }

    /// Take the lock, waiting until `deadline` (None: for ever).
    pub fn acquire(&self, vm: &mut Vm, deadline: Option<Instant>) -> PyResult<bool> {
        wait_released(
            vm,
            "Lock.acquire",
            &self.locked,
            &self.cond,
            deadline,
            |locked| !std::mem::replace(locked, true),
        )
    }

    pub fn release(&self) -> PyResult<()> {
        let mut locked = self.locked.lock();
        if !*locked {
            return Err(runtime_error("release unlocked lock"));
        }
        *locked = false;
        self.cond.notify_one();
        Ok(())
    }

    pub fn is_locked(&self) -> bool {
        *self.locked.lock()
    }
}

impl Default for LockObj {
    fn default() -> Self {
        LockObj::new()
    }
}

/// `acquire(blocking=True, timeout=-1)`'s arguments as a deadline: Ok(None)
/// waits for ever, Ok(Some(now)) does not wait.
pub fn acquire_deadline(args: Args, name: &'static str) -> PyResult<Option<Instant>> {
    let sig = PySig::function(name, &["blocking", "timeout"], 2);
    let mut slots = sig.bind(args)?.into_iter();
    let blocking = slots.next().flatten().is_none_or(|b| truthy(&b));
    let timeout = match slots.next().flatten() {
        None => -1.0,
        Some(v) => to_float(&v)?,
    };
    if !blocking {
        if timeout != -1.0 {
            return Err(value_error(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        return Ok(Some(Instant::now()));
    }
    if timeout == -1.0 {
        return Ok(None);
    }
    if timeout < 0.0 {
        return Err(value_error("timeout value must be positive"));
    }
    Ok(deadline_after(timeout))
}

fn this_lock(v: &Value) -> PyResult<&LockObj> {
    v.downcast::<LockObj>()
        .ok_or_else(|| type_error("descriptor requires a '_thread.lock' object"))
}

fn lock_acquire(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let deadline = acquire_deadline(args, "acquire")?;
    Ok(Value::bool(this_lock(this)?.acquire(vm, deadline)?))
}

fn lock_release(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("release")?;
    this_lock(this)?.release()?;
    Ok(Value::None)
}

fn lock_locked(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("locked")?;
    Ok(Value::bool(this_lock(this)?.is_locked()))
}

fn lock_enter(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let deadline = acquire_deadline(args, "__enter__")?;
    Ok(Value::bool(this_lock(this)?.acquire(vm, deadline)?))
}

fn lock_exit(_vm: &mut Vm, this: &Value, _args: Args) -> PyResult<Value> {
    this_lock(this)?.release()?;
    Ok(Value::None)
}

// ------------------------------------------------------------------ RLock

/// Owner (a thread ident, 0 = none) and recursion count.
#[derive(Clone, Copy, Default)]
pub struct RState {
    pub owner: u64,
    pub count: u64,
}

pub struct RLockObj {
    state: Mutex<RState>,
    cond: Condvar,
}

pub static RLOCK_CLASS: NativeClass = NativeClass {
    name: "RLock",
    module: "_thread",
    methods: native_methods!("RLock";
        "acquire" => rlock_acquire,
        "release" => rlock_release,
        "__enter__" => rlock_enter,
        "__exit__" => rlock_exit,
    ),
    ctor: None,
};

impl NativeObject for RLockObj {
    fn class(&self) -> &'static NativeClass {
        &RLOCK_CLASS
    }
    fn repr(&self, _vm: &mut Vm, this: &Value) -> PyResult<String> {
        let s = *self.state.lock();
        let what = if s.count > 0 { "locked" } else { "unlocked" };
        Ok(format!(
            "<{what} _thread.RLock object owner={} count={} at {:#x}>",
            s.owner,
            s.count,
            this.id()
        ))
    }
}

impl RLockObj {
    pub fn new() -> RLockObj {
        RLockObj {
            state: Mutex::new(RState::default()),
            cond: Condvar::new(),
        }
    }

    pub fn acquire(&self, vm: &mut Vm, deadline: Option<Instant>) -> PyResult<bool> {
        let me = vm.thread.ident;
        wait_released(
            vm,
            "RLock.acquire",
            &self.state,
            &self.cond,
            deadline,
            |s| {
                if s.count == 0 || s.owner == me {
                    s.owner = me;
                    s.count += 1;
                    true
                } else {
                    false
                }
            },
        )
    }

    pub fn release(&self, vm: &Vm) -> PyResult<()> {
        let mut s = self.state.lock();
        if s.count == 0 || s.owner != vm.thread.ident {
            return Err(runtime_error("cannot release un-acquired lock"));
        }
        s.count -= 1;
        if s.count == 0 {
            s.owner = 0;
            self.cond.notify_one();
        }
        Ok(())
    }

    pub fn is_owned(&self, vm: &Vm) -> bool {
        let s = self.state.lock();
        s.count > 0 && s.owner == vm.thread.ident
    }

    /// Release completely (for `Condition.wait`), returning the state to restore.
    pub fn release_save(&self) -> RState {
        let mut s = self.state.lock();
        let saved = *s;
        *s = RState::default();
        self.cond.notify_one();
        saved
    }

    /// Take the lock again with the saved recursion count.
    pub fn acquire_restore(&self, vm: &mut Vm, saved: RState) -> PyResult<()> {
        wait_released(vm, "RLock.acquire", &self.state, &self.cond, None, |s| {
            if s.count == 0 {
                *s = saved;
                true
            } else {
                false
            }
        })?;
        Ok(())
    }
}

impl Default for RLockObj {
    fn default() -> Self {
        RLockObj::new()
    }
}

fn this_rlock(v: &Value) -> PyResult<&RLockObj> {
    v.downcast::<RLockObj>()
        .ok_or_else(|| type_error("descriptor requires a '_thread.RLock' object"))
}

fn rlock_acquire(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let deadline = acquire_deadline(args, "acquire")?;
    Ok(Value::bool(this_rlock(this)?.acquire(vm, deadline)?))
}

fn rlock_release(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("release")?;
    this_rlock(this)?.release(vm)?;
    Ok(Value::None)
}

fn rlock_enter(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let deadline = acquire_deadline(args, "__enter__")?;
    Ok(Value::bool(this_rlock(this)?.acquire(vm, deadline)?))
}

fn rlock_exit(vm: &mut Vm, this: &Value, _args: Args) -> PyResult<Value> {
    this_rlock(this)?.release(vm)?;
    Ok(Value::None)
}
