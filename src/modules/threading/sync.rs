//! `threading.Event`, `Condition`, `Semaphore`, `BoundedSemaphore` and
//! `Barrier`, with Python's semantics and error messages. Every wait
//! releases the GIL (`wait::wait_released`).

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock};

use parking_lot::{Condvar, Mutex};

use super::locks::{LockObj, RLockObj, RState, acquire_deadline};
use super::wait::{deadline_from, wait_released};
use crate::vm::prelude::*;

/// Bind `args` to a pure-Python-style signature (`wait(self, timeout=None)`).
fn bind(
    name: &'static str,
    params: &'static [&'static str],
    ndefaults: usize,
    args: Args,
) -> PyResult<Vec<Option<Value>>> {
    PySig::method(name, params, ndefaults).bind(args)
}

fn downcast<'a, T: NativeObject>(v: &'a Value, what: &str) -> PyResult<&'a T> {
    v.downcast::<T>()
        .ok_or_else(|| type_error(format!("descriptor requires a '{what}' object")))
}

// ------------------------------------------------------------------ Event

pub struct EventObj {
    flag: Mutex<bool>,
    cond: Condvar,
}

pub static EVENT_CLASS: NativeClass = NativeClass {
    name: "Event",
    module: "threading",
    methods: native_methods!("Event";
        "set" => event_set,
        "clear" => event_clear,
        "is_set" => event_is_set,
        "wait" => event_wait,
    ),
    ctor: Some(event_new),
};

impl NativeObject for EventObj {
    fn class(&self) -> &'static NativeClass {
        &EVENT_CLASS
    }
    fn repr(&self, _vm: &mut Vm, this: &Value) -> PyResult<String> {
        let state = if *self.flag.lock() { "set" } else { "unset" };
        Ok(format!("<threading.Event at {:#x}: {state}>", this.id()))
    }
}

fn event_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    bind("Event", &[], 0, args)?;
    Ok(Value::native(EventObj {
        flag: Mutex::new(false),
        cond: Condvar::new(),
    }))
}

fn event_set(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("set", &[], 0, args)?;
    let e = downcast::<EventObj>(this, "Event")?;
    *e.flag.lock() = true;
    e.cond.notify_all();
    Ok(Value::None)
}

fn event_clear(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("clear", &[], 0, args)?;
    *downcast::<EventObj>(this, "Event")?.flag.lock() = false;
    Ok(Value::None)
}

fn event_is_set(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("is_set", &[], 0, args)?;
    Ok(Value::bool(
        *downcast::<EventObj>(this, "Event")?.flag.lock(),
    ))
}

fn event_wait(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("wait", &["timeout"], 1, args)?;
    let deadline = deadline_from(a[0].as_ref())?;
    let e = downcast::<EventObj>(this, "Event")?;
    Ok(Value::bool(wait_released(
        vm,
        "Event.wait",
        &e.flag,
        &e.cond,
        deadline,
        |set| *set,
    )?))
}

// -------------------------------------------------------------- Condition

/// One thread blocked in `Condition.wait`: notified when its flag is set.
struct Waiter {
    notified: Mutex<bool>,
    cond: Condvar,
}

pub struct ConditionObj {
    /// The user's lock: a `Lock` or an `RLock` value.
    lock: Value,
    waiters: Mutex<VecDeque<Arc<Waiter>>>,
}

pub static CONDITION_CLASS: NativeClass = NativeClass {
    name: "Condition",
    module: "threading",
    methods: native_methods!("Condition";
        "acquire" => cond_acquire,
        "release" => cond_release,
        "__enter__" => cond_acquire,
        "__exit__" => cond_exit,
        "wait" => cond_wait,
        "wait_for" => cond_wait_for,
        "notify" => cond_notify,
        "notify_all" => cond_notify_all,
    ),
    ctor: Some(condition_new),
};

impl NativeObject for ConditionObj {
    fn class(&self) -> &'static NativeClass {
        &CONDITION_CLASS
    }
    fn repr(&self, vm: &mut Vm, _this: &Value) -> PyResult<String> {
        let lock = repr(vm, &self.lock)?;
        Ok(format!(
            "<Condition({lock}, {})>",
            self.waiters.lock().len()
        ))
    }
}

fn condition_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = bind("Condition", &["lock"], 1, args)?;
    let lock = match a.into_iter().next().flatten() {
        None | Some(Value::None) => Value::native(RLockObj::new()),
        Some(l) if l.downcast::<LockObj>().is_some() || l.downcast::<RLockObj>().is_some() => l,
        Some(other) => {
            return Err(type_error(format!(
                "Condition() needs a Lock or an RLock, not '{}'",
                other.type_name()
            )));
        }
    };
    Ok(Value::native(ConditionObj {
        lock,
        waiters: Mutex::new(VecDeque::new()),
    }))
}

/// What `Condition.wait` must restore after waiting.
enum Saved {
    Lock,
    RLock(RState),
}

impl ConditionObj {
    fn acquire(&self, vm: &mut Vm, args: Args) -> PyResult<bool> {
        let deadline = acquire_deadline(args, "acquire")?;
        if let Some(l) = self.lock.downcast::<LockObj>() {
            l.acquire(vm, deadline)
        } else if let Some(r) = self.lock.downcast::<RLockObj>() {
            r.acquire(vm, deadline)
        } else {
            Err(internal_error("Condition without a lock"))
        }
    }

    fn release(&self, vm: &Vm) -> PyResult<()> {
        if let Some(l) = self.lock.downcast::<LockObj>() {
            l.release()
        } else if let Some(r) = self.lock.downcast::<RLockObj>() {
            r.release(vm)
        } else {
            Err(internal_error("Condition without a lock"))
        }
    }

    /// CPython's `_is_owned`: for a plain Lock, "locked" is all it can tell.
    fn is_owned(&self, vm: &Vm) -> bool {
        if let Some(l) = self.lock.downcast::<LockObj>() {
            l.is_locked()
        } else if let Some(r) = self.lock.downcast::<RLockObj>() {
            r.is_owned(vm)
        } else {
            false
        }
    }

    fn release_save(&self) -> PyResult<Saved> {
        if let Some(l) = self.lock.downcast::<LockObj>() {
            l.release()?;
            Ok(Saved::Lock)
        } else if let Some(r) = self.lock.downcast::<RLockObj>() {
            Ok(Saved::RLock(r.release_save()))
        } else {
            Err(internal_error("Condition without a lock"))
        }
    }

    fn acquire_restore(&self, vm: &mut Vm, saved: Saved) -> PyResult<()> {
        match saved {
            Saved::Lock => match self.lock.downcast::<LockObj>() {
                Some(l) => l.acquire(vm, None).map(|_| ()),
                None => Err(internal_error("Condition lock changed")),
            },
            Saved::RLock(s) => match self.lock.downcast::<RLockObj>() {
                Some(r) => r.acquire_restore(vm, s),
                None => Err(internal_error("Condition lock changed")),
            },
        }
    }

    /// `wait(timeout)`: release the lock, wait to be notified, take it again.
    fn wait(&self, vm: &mut Vm, timeout: Option<&Value>) -> PyResult<bool> {
        if !self.is_owned(vm) {
            return Err(runtime_error("cannot wait on un-acquired lock"));
        }
        let deadline = deadline_from(timeout)?;
        let waiter = Arc::new(Waiter {
            notified: Mutex::new(false),
            cond: Condvar::new(),
        });
        self.waiters.lock().push_back(waiter.clone());
        let saved = self.release_save()?;
        let waited = wait_released(
            vm,
            "Condition.wait",
            &waiter.notified,
            &waiter.cond,
            deadline,
            |n| *n,
        );
        let notified = match waited {
            Ok(true) => true,
            _ => {
                // Timed out or interrupted: stop being a waiter (a notify
                // may still have picked us meanwhile; then it counts).
                let mut ws = self.waiters.lock();
                ws.retain(|w| !Arc::ptr_eq(w, &waiter));
                *waiter.notified.lock()
            }
        };
        self.acquire_restore(vm, saved)?;
        waited?;
        Ok(notified)
    }

    fn notify(&self, vm: &Vm, n: usize) -> PyResult<()> {
        if !self.is_owned(vm) {
            return Err(runtime_error("cannot notify on un-acquired lock"));
        }
        let mut ws = self.waiters.lock();
        for _ in 0..n {
            let Some(w) = ws.pop_front() else { break };
            *w.notified.lock() = true;
            w.cond.notify_one();
        }
        Ok(())
    }
}

fn this_cond(v: &Value) -> PyResult<&ConditionObj> {
    downcast::<ConditionObj>(v, "Condition")
}

fn cond_acquire(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    Ok(Value::bool(this_cond(this)?.acquire(vm, args)?))
}

fn cond_release(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("release")?;
    this_cond(this)?.release(vm)?;
    Ok(Value::None)
}

fn cond_exit(vm: &mut Vm, this: &Value, _args: Args) -> PyResult<Value> {
    this_cond(this)?.release(vm)?;
    Ok(Value::None)
}

fn cond_wait(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("wait", &["timeout"], 1, args)?;
    Ok(Value::bool(this_cond(this)?.wait(vm, a[0].as_ref())?))
}

/// `wait_for(predicate, timeout=None)`: wait until `predicate()` is true;
/// returns its last value.
fn cond_wait_for(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("wait_for", &["predicate", "timeout"], 1, args)?;
    let mut a = a.into_iter();
    let pred = a.next().flatten().unwrap_or(Value::None);
    let timeout = a.next().flatten();
    let deadline = deadline_from(timeout.as_ref())?;
    let c = this_cond(this)?;
    loop {
        let r = vm.call(&pred, Args::empty())?;
        if truthy(&r) {
            return Ok(r);
        }
        let left = match deadline {
            Some(d) => {
                let left = d.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return Ok(r);
                }
                Value::float(left.as_secs_f64())
            }
            None => Value::None,
        };
        c.wait(vm, Some(&left))?;
    }
}

fn cond_notify(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("notify", &["n"], 1, args)?;
    let n = match &a[0] {
        None => 1,
        Some(v) => index_of(v)?.max(0) as usize,
    };
    this_cond(this)?.notify(vm, n)?;
    Ok(Value::None)
}

fn cond_notify_all(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("notify_all", &[], 0, args)?;
    this_cond(this)?.notify(vm, usize::MAX)?;
    Ok(Value::None)
}

// -------------------------------------------------------------- Semaphore

pub struct SemaphoreObj {
    value: Mutex<u64>,
    cond: Condvar,
    /// `BoundedSemaphore`: the initial value, which `release` may not pass.
    bound: Option<u64>,
}

pub static SEMAPHORE_CLASS: NativeClass = NativeClass {
    name: "Semaphore",
    module: "threading",
    methods: SEMAPHORE_METHODS,
    ctor: Some(semaphore_new),
};

pub static BOUNDED_SEMAPHORE_CLASS: NativeClass = NativeClass {
    name: "BoundedSemaphore",
    module: "threading",
    methods: SEMAPHORE_METHODS,
    ctor: Some(bounded_semaphore_new),
};

const SEMAPHORE_METHODS: &[MethodDef] = native_methods!("Semaphore";
    "acquire" => sem_acquire,
    "release" => sem_release,
    "__enter__" => sem_acquire,
    "__exit__" => sem_exit,
);

impl NativeObject for SemaphoreObj {
    fn class(&self) -> &'static NativeClass {
        if self.bound.is_some() {
            &BOUNDED_SEMAPHORE_CLASS
        } else {
            &SEMAPHORE_CLASS
        }
    }
    fn repr(&self, _vm: &mut Vm, this: &Value) -> PyResult<String> {
        let v = *self.value.lock();
        Ok(match self.bound {
            Some(b) => format!(
                "<threading.BoundedSemaphore at {:#x}: value={v}/{b}>",
                this.id()
            ),
            None => format!("<threading.Semaphore at {:#x}: value={v}>", this.id()),
        })
    }
    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "_value" => Some(Ok(Value::Int(*self.value.lock() as i64))),
            _ => None,
        }
    }
}

fn new_semaphore(name: &'static str, args: Args, bounded: bool) -> PyResult<Value> {
    let a = bind(name, &["value"], 1, args)?;
    let v = match &a[0] {
        None => 1,
        Some(v) => index_of(v)?,
    };
    if v < 0 {
        return Err(value_error("semaphore initial value must be >= 0"));
    }
    Ok(Value::native(SemaphoreObj {
        value: Mutex::new(v as u64),
        cond: Condvar::new(),
        bound: bounded.then_some(v as u64),
    }))
}

fn semaphore_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_semaphore("Semaphore", args, false)
}

fn bounded_semaphore_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    new_semaphore("BoundedSemaphore", args, true)
}

fn this_sem(v: &Value) -> PyResult<&SemaphoreObj> {
    downcast::<SemaphoreObj>(v, "Semaphore")
}

/// `acquire(blocking=True, timeout=None)`.
fn sem_acquire(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("acquire", &["blocking", "timeout"], 2, args)?;
    let mut a = a.into_iter();
    let blocking = a.next().flatten().is_none_or(|b| truthy(&b));
    let timeout = a.next().flatten().filter(|t| !matches!(t, Value::None));
    if !blocking && timeout.is_some() {
        return Err(value_error(
            "can't specify timeout for non-blocking acquire",
        ));
    }
    let deadline = if blocking {
        deadline_from(timeout.as_ref())?
    } else {
        Some(std::time::Instant::now())
    };
    let s = this_sem(this)?;
    let got = wait_released(vm, "Semaphore.acquire", &s.value, &s.cond, deadline, |v| {
        if *v > 0 {
            *v -= 1;
            true
        } else {
            false
        }
    })?;
    Ok(Value::bool(got))
}

/// `release(n=1)`.
fn sem_release(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("release", &["n"], 1, args)?;
    let n = match &a[0] {
        None => 1,
        Some(v) => index_of(v)?,
    };
    if n < 1 {
        return Err(value_error("n must be one or more"));
    }
    let s = this_sem(this)?;
    let mut v = s.value.lock();
    let new = v.saturating_add(n as u64);
    if let Some(b) = s.bound
        && new > b
    {
        return Err(value_error("Semaphore released too many times"));
    }
    *v = new;
    for _ in 0..n.min(1 << 20) {
        s.cond.notify_one();
    }
    Ok(Value::None)
}

fn sem_exit(vm: &mut Vm, this: &Value, _args: Args) -> PyResult<Value> {
    sem_release(vm, this, Args::empty())
}

// ---------------------------------------------------------------- Barrier

/// `threading.BrokenBarrierError` (a RuntimeError), one per process.
pub static BROKEN_BARRIER_ERROR: LazyLock<Arc<TypeObj>> =
    LazyLock::new(|| new_exception_type("BrokenBarrierError", TYPES.exc(ExcKind::RuntimeError)));

fn broken_barrier() -> PyErr {
    exc_with_args(&BROKEN_BARRIER_ERROR, vec![])
}

struct BarrierState {
    /// Threads waiting in the current generation.
    count: usize,
    generation: u64,
    broken: bool,
    /// A generation ended by `reset()`: its waiters raise BrokenBarrierError.
    reset_generation: Option<u64>,
}

pub struct BarrierObj {
    parties: usize,
    action: Value,
    timeout: Value,
    state: Mutex<BarrierState>,
    cond: Condvar,
}

pub static BARRIER_CLASS: NativeClass = NativeClass {
    name: "Barrier",
    module: "threading",
    methods: native_methods!("Barrier";
        "wait" => barrier_wait,
        "reset" => barrier_reset,
        "abort" => barrier_abort,
    ),
    ctor: Some(barrier_new),
};

impl NativeObject for BarrierObj {
    fn class(&self) -> &'static NativeClass {
        &BARRIER_CLASS
    }
    fn repr(&self, _vm: &mut Vm, this: &Value) -> PyResult<String> {
        let s = self.state.lock();
        if s.broken {
            return Ok(format!("<threading.Barrier at {:#x}: broken>", this.id()));
        }
        Ok(format!(
            "<threading.Barrier at {:#x}: waiters={}/{}>",
            this.id(),
            s.count,
            self.parties
        ))
    }
    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        let s = self.state.lock();
        Some(Ok(match name {
            "parties" => Value::Int(self.parties as i64),
            "n_waiting" => Value::Int(s.count as i64),
            "broken" => Value::bool(s.broken),
            _ => return None,
        }))
    }
    fn attr_names(&self) -> &'static [&'static str] {
        &["parties", "n_waiting", "broken"]
    }
}

fn barrier_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = bind("Barrier", &["parties", "action", "timeout"], 2, args)?;
    let mut a = a.into_iter();
    let parties = index_of(&a.next().flatten().unwrap_or(Value::None))?;
    if parties < 1 {
        return Err(value_error("parties must be > 0"));
    }
    Ok(Value::native(BarrierObj {
        parties: parties as usize,
        action: a.next().flatten().unwrap_or(Value::None),
        timeout: a.next().flatten().unwrap_or(Value::None),
        state: Mutex::new(BarrierState {
            count: 0,
            generation: 0,
            broken: false,
            reset_generation: None,
        }),
        cond: Condvar::new(),
    }))
}

fn this_barrier(v: &Value) -> PyResult<&BarrierObj> {
    downcast::<BarrierObj>(v, "Barrier")
}

impl BarrierObj {
    fn break_barrier(&self) {
        self.state.lock().broken = true;
        self.cond.notify_all();
    }
}

/// `wait(timeout=None)`: the arrival index (0 … parties-1); the last thread
/// to arrive runs the action, then all are released.
fn barrier_wait(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = bind("wait", &["timeout"], 1, args)?;
    let b = this_barrier(this)?;
    let timeout = match a.into_iter().next().flatten() {
        None | Some(Value::None) => b.timeout.clone(),
        Some(t) => t,
    };
    let deadline = deadline_from(Some(&timeout))?;
    let (index, generation) = {
        let mut s = b.state.lock();
        if s.broken {
            return Err(broken_barrier());
        }
        let index = s.count;
        s.count += 1;
        (index, s.generation)
    };
    if index + 1 == b.parties {
        if !matches!(b.action, Value::None)
            && let Err(e) = vm.call(&b.action, Args::empty())
        {
            b.break_barrier();
            return Err(e);
        }
        let mut s = b.state.lock();
        s.count = 0;
        s.generation += 1;
        b.cond.notify_all();
        return Ok(Value::Int(index as i64));
    }
    let released = wait_released(vm, "Barrier.wait", &b.state, &b.cond, deadline, |s| {
        s.broken || s.generation != generation
    });
    let mut s = b.state.lock();
    if s.generation != generation {
        if s.reset_generation == Some(generation) {
            return Err(broken_barrier());
        }
        return Ok(Value::Int(index as i64));
    }
    // Timed out, interrupted or broken: the barrier is broken for everyone.
    s.broken = true;
    s.count = s.count.saturating_sub(1);
    b.cond.notify_all();
    released?;
    Err(broken_barrier())
}

fn barrier_reset(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("reset", &[], 0, args)?;
    let b = this_barrier(this)?;
    let mut s = b.state.lock();
    // Threads waiting now see the barrier broken; new ones find it fresh.
    if s.count > 0 {
        s.reset_generation = Some(s.generation);
    }
    s.broken = false;
    s.count = 0;
    s.generation += 1;
    b.cond.notify_all();
    Ok(Value::None)
}

fn barrier_abort(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    bind("abort", &[], 0, args)?;
    this_barrier(this)?.break_barrier();
    Ok(Value::None)
}
