//! The `threading` module: OS threads that run bytecode under the GIL, and
//! the synchronisation objects of CPython's `threading`, each of whose
//! blocking waits releases the GIL.
//!
//! One file per job: `thread` (Thread and the thread body), `locks` (Lock,
//! RLock), `sync` (Event, Condition, Semaphore, BoundedSemaphore, Barrier),
//! `wait` (the GIL-releasing, Ctrl-C-aware wait they all use).

pub mod locks;
pub mod sync;
pub mod thread;
pub mod wait;

use std::sync::Arc;

use locks::{LockObj, RLockObj};
use thread::ThreadObj;

use super::new_module;
use crate::vm::prelude::*;

/// The `threading` object of the calling thread.
pub fn current_thread_obj(vm: &mut Vm) -> Value {
    if let Some(t) = &vm.thread_obj {
        return t.clone();
    }
    let t = main_thread_obj(vm);
    vm.thread_obj = Some(t.clone());
    t
}

fn main_thread_obj(vm: &Vm) -> Value {
    vm.interp
        .main_thread
        .get_or_init(|| Value::native(ThreadObj::main(vm.interp.main_ident)))
        .clone()
}

fn t_current_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("current_thread")?;
    Ok(current_thread_obj(vm))
}

fn t_main_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("main_thread")?;
    Ok(main_thread_obj(vm))
}

fn t_get_ident(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("get_ident")?;
    Ok(Value::Int(vm.thread.ident as i64))
}

/// The main thread, then the started threads that have not finished.
fn alive(vm: &Vm) -> Vec<Value> {
    let mut all = vec![main_thread_obj(vm)];
    all.extend(vm.interp.live_threads.lock().iter().cloned());
    all
}

fn t_active_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("active_count")?;
    Ok(Value::Int(alive(vm).len() as i64))
}

fn t_enumerate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("enumerate")?;
    Ok(Value::list(alive(vm)))
}

fn t_lock(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("allocate_lock")?;
    Ok(Value::native(LockObj::new()))
}

fn t_rlock(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("RLock")?;
    Ok(Value::native(RLockObj::new()))
}

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "current_thread",
        func: t_current_thread,
    },
    BuiltinFn {
        name: "main_thread",
        func: t_main_thread,
    },
    BuiltinFn {
        name: "get_ident",
        func: t_get_ident,
    },
    BuiltinFn {
        name: "get_native_id",
        func: t_get_ident,
    },
    BuiltinFn {
        name: "active_count",
        func: t_active_count,
    },
    BuiltinFn {
        name: "enumerate",
        func: t_enumerate,
    },
    BuiltinFn {
        name: "Lock",
        func: t_lock,
    },
    BuiltinFn {
        name: "RLock",
        func: t_rlock,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = new_module("threading", FUNCS);
    d.set_str("Thread", Value::Type(native_type(&thread::THREAD_CLASS)));
    d.set_str("Event", Value::Type(native_type(&sync::EVENT_CLASS)));
    d.set_str(
        "Condition",
        Value::Type(native_type(&sync::CONDITION_CLASS)),
    );
    d.set_str(
        "Semaphore",
        Value::Type(native_type(&sync::SEMAPHORE_CLASS)),
    );
    d.set_str(
        "BoundedSemaphore",
        Value::Type(native_type(&sync::BOUNDED_SEMAPHORE_CLASS)),
    );
    d.set_str("Barrier", Value::Type(native_type(&sync::BARRIER_CLASS)));
    d.set_str(
        "BrokenBarrierError",
        Value::Type(Arc::clone(&sync::BROKEN_BARRIER_ERROR)),
    );
    d.set_str("TIMEOUT_MAX", Value::float(9223372036.0));
    Ok(m)
}

/// At exit, as CPython's `threading._shutdown`: wait (GIL released) for
/// every non-daemon thread, including ones started while waiting.
pub fn wait_for_threads(vm: &mut Vm) -> PyResult<()> {
    loop {
        let pending: Vec<Value> = vm
            .interp
            .live_threads
            .lock()
            .iter()
            .filter(|t| t.downcast::<ThreadObj>().is_some_and(|t| !t.is_daemon()))
            .cloned()
            .collect();
        if pending.is_empty() {
            return Ok(());
        }
        for t in pending {
            if let Some(t) = t.downcast::<ThreadObj>() {
                t.join(vm, None)?;
            }
        }
    }
}
