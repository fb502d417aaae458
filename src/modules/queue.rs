//! The `queue` module: `Queue(maxsize)` with blocking `put`/`get` (the GIL
//! released while blocked), `task_done`/`join`, and `Empty`/`Full`.

use std::collections::VecDeque;
use std::sync::{Arc, LazyLock};
use std::time::Instant;

use parking_lot::{Condvar, Mutex};

use super::threading::wait::{deadline_after, wait_released};
use super::{new_module, to_float};
use crate::vm::prelude::*;

static EMPTY: LazyLock<Arc<TypeObj>> =
    LazyLock::new(|| new_exception_type("Empty", TYPES.exc(ExcKind::Exception)));
static FULL: LazyLock<Arc<TypeObj>> =
    LazyLock::new(|| new_exception_type("Full", TYPES.exc(ExcKind::Exception)));

struct State {
    items: VecDeque<Value>,
    /// Items put and not yet marked done (`task_done`).
    unfinished: u64,
}

pub struct QueueObj {
    /// 0 or less: unbounded.
    maxsize: i64,
    state: Mutex<State>,
    /// Signalled when an item is added, removed, or the last task is done;
    /// each waiter re-checks its own condition.
    changed: Condvar,
}

pub static QUEUE_CLASS: NativeClass = NativeClass {
    name: "Queue",
    module: "queue",
    methods: native_methods!("Queue";
        "put" => q_put,
        "get" => q_get,
        "put_nowait" => q_put_nowait,
        "get_nowait" => q_get_nowait,
        "task_done" => q_task_done,
        "join" => q_join,
        "qsize" => q_qsize,
        "empty" => q_empty,
        "full" => q_full,
    ),
    ctor: Some(queue_new),
};

impl NativeObject for QueueObj {
    fn class(&self) -> &'static NativeClass {
        &QUEUE_CLASS
    }
    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        match name {
            "maxsize" => Some(Ok(Value::Int(self.maxsize))),
            _ => None,
        }
    }
    fn attr_names(&self) -> &'static [&'static str] {
        &["maxsize"]
    }
}

impl QueueObj {
    fn is_full(&self, s: &State) -> bool {
        self.maxsize > 0 && s.items.len() as i64 >= self.maxsize
    }
}

fn sig(name: &'static str, params: &'static [&'static str], ndefaults: usize) -> PySig {
    PySig::method(name, params, ndefaults)
}

fn queue_new(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = sig("Queue.__init__", &["maxsize"], 1).bind(args)?;
    let maxsize = match &a[0] {
        None => 0,
        Some(v) => index_of(v)?,
    };
    Ok(Value::native(QueueObj {
        maxsize,
        state: Mutex::new(State {
            items: VecDeque::new(),
            unfinished: 0,
        }),
        changed: Condvar::new(),
    }))
}

fn this_queue(v: &Value) -> PyResult<&QueueObj> {
    v.downcast::<QueueObj>()
        .ok_or_else(|| type_error("descriptor requires a 'Queue' object"))
}

/// `block`/`timeout` as a deadline: Some(now) for a non-blocking call.
fn queue_deadline(block: Option<Value>, timeout: Option<Value>) -> PyResult<Option<Instant>> {
    if !block.is_none_or(|b| truthy(&b)) {
        return Ok(Some(Instant::now()));
    }
    match timeout {
        None | Some(Value::None) => Ok(None),
        Some(t) => {
            let secs = to_float(&t)?;
            if secs < 0.0 || secs.is_nan() {
                return Err(value_error("'timeout' must be a non-negative number"));
            }
            Ok(deadline_after(secs))
        }
    }
}

fn put(vm: &mut Vm, q: &QueueObj, item: Value, deadline: Option<Instant>) -> PyResult<()> {
    let mut item = Some(item);
    let done = wait_released(vm, "Queue.put", &q.state, &q.changed, deadline, |s| {
        if q.is_full(s) {
            return false;
        }
        if let Some(it) = item.take() {
            s.items.push_back(it);
            s.unfinished += 1;
        }
        true
    })?;
    if !done {
        return Err(exc_with_args(&FULL, vec![]));
    }
    q.changed.notify_all();
    Ok(())
}

fn get(vm: &mut Vm, q: &QueueObj, deadline: Option<Instant>) -> PyResult<Value> {
    let mut got = None;
    wait_released(vm, "Queue.get", &q.state, &q.changed, deadline, |s| {
        got = s.items.pop_front();
        got.is_some()
    })?;
    match got {
        Some(v) => {
            q.changed.notify_all();
            Ok(v)
        }
        None => Err(exc_with_args(&EMPTY, vec![])),
    }
}

/// `put(item, block=True, timeout=None)`.
fn q_put(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let mut a = sig("put", &["item", "block", "timeout"], 2)
        .bind(args)?
        .into_iter();
    let item = a.next().flatten().unwrap_or(Value::None);
    let deadline = queue_deadline(a.next().flatten(), a.next().flatten())?;
    put(vm, this_queue(this)?, item, deadline)?;
    Ok(Value::None)
}

fn q_put_nowait(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = sig("put_nowait", &["item"], 0).bind(args)?;
    let item = a.into_iter().next().flatten().unwrap_or(Value::None);
    put(vm, this_queue(this)?, item, Some(Instant::now()))?;
    Ok(Value::None)
}

/// `get(block=True, timeout=None)`.
fn q_get(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let mut a = sig("get", &["block", "timeout"], 2).bind(args)?.into_iter();
    let deadline = queue_deadline(a.next().flatten(), a.next().flatten())?;
    get(vm, this_queue(this)?, deadline)
}

fn q_get_nowait(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("get_nowait")?;
    get(vm, this_queue(this)?, Some(Instant::now()))
}

fn q_task_done(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("task_done")?;
    let q = this_queue(this)?;
    let mut s = q.state.lock();
    if s.unfinished == 0 {
        return Err(value_error("task_done() called too many times"));
    }
    s.unfinished -= 1;
    if s.unfinished == 0 {
        q.changed.notify_all();
    }
    Ok(Value::None)
}

/// `join()`: wait until every item put has been marked done.
fn q_join(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("join")?;
    let q = this_queue(this)?;
    wait_released(vm, "Queue.join", &q.state, &q.changed, None, |s| {
        s.unfinished == 0
    })?;
    Ok(Value::None)
}

fn q_qsize(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("qsize")?;
    Ok(Value::Int(this_queue(this)?.state.lock().items.len() as i64))
}

fn q_empty(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("empty")?;
    Ok(Value::bool(this_queue(this)?.state.lock().items.is_empty()))
}

fn q_full(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("full")?;
    let q = this_queue(this)?;
    let full = q.is_full(&q.state.lock());
    Ok(Value::bool(full))
}

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = new_module("queue", &[]);
    d.set_str("Queue", Value::Type(native_type(&QUEUE_CLASS)));
    d.set_str("Empty", Value::Type(Arc::clone(&EMPTY)));
    d.set_str("Full", Value::Type(Arc::clone(&FULL)));
    Ok(m)
}
