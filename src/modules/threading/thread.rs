//! `threading.Thread`: a real OS thread running a mini callable.
//!
//! `start()` spawns the thread (with a `THREAD_STACK` native stack); it
//! makes its own `Vm`, which registers with the GIL and takes it, calls the
//! target, prints an uncaught exception as CPython does
//! (`Exception in thread Thread-1 (work):` and the traceback) and finishes:
//! it marks itself stopped, wakes joiners, leaves `Interp::live_threads` and
//! releases the GIL for the last time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

use parking_lot::{Condvar, Mutex};

use super::wait::{deadline_from, wait_released};
use crate::gil::ThreadGilState;
use crate::stdio;
use crate::vm::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum RunState {
    Initial,
    Started,
    Stopped,
}

/// What `start()` hands to the new thread.
struct Job {
    target: Value,
    args: Value,
    kwargs: Value,
}

pub struct ThreadObj {
    name: Mutex<String>,
    daemon: AtomicBool,
    /// 0 until started.
    ident: AtomicU64,
    job: Mutex<Option<Job>>,
    state: Mutex<RunState>,
    stopped: Condvar,
    is_main: bool,
}

pub static THREAD_CLASS: NativeClass = NativeClass {
    name: "Thread",
    module: "threading",
    methods: native_methods!("Thread";
        "start" => thread_start,
        "join" => thread_join,
        "is_alive" => thread_is_alive,
        "run" => thread_run,
        "getName" => thread_get_name,
        "setName" => thread_set_name,
        "isDaemon" => thread_is_daemon,
        "setDaemon" => thread_set_daemon,
    ),
    ctor: Some(thread_new),
};

pub static MAIN_THREAD_CLASS: NativeClass = NativeClass {
    name: "_MainThread",
    module: "threading",
    methods: THREAD_CLASS.methods,
    ctor: None,
};

impl NativeObject for ThreadObj {
    fn class(&self) -> &'static NativeClass {
        if self.is_main {
            &MAIN_THREAD_CLASS
        } else {
            &THREAD_CLASS
        }
    }

    fn repr(&self, _vm: &mut Vm, _this: &Value) -> PyResult<String> {
        let mut status = match *self.state.lock() {
            RunState::Initial => "initial".to_string(),
            RunState::Started => "started".to_string(),
            RunState::Stopped => "stopped".to_string(),
        };
        if self.daemon.load(Relaxed) {
            status.push_str(" daemon");
        }
        let ident = self.ident.load(Relaxed);
        if ident != 0 {
            status.push_str(&format!(" {ident}"));
        }
        Ok(format!(
            "<{}({}, {status})>",
            self.class().name,
            self.name.lock()
        ))
    }

    fn get_attr(&self, _vm: &mut Vm, _this: &Value, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "name" => Value::str(self.name.lock().clone()),
            "daemon" => Value::bool(self.daemon.load(Relaxed)),
            "ident" | "native_id" => match self.ident.load(Relaxed) {
                0 => Value::None,
                i => Value::Int(i as i64),
            },
            _ => return None,
        }))
    }

    fn set_attr(&self, name: &str, value: &Value) -> Option<PyResult<()>> {
        Some(match name {
            "name" => {
                *self.name.lock() = match value {
                    Value::Str(s) => s.as_str().to_string(),
                    other => format!("{other:?}"),
                };
                Ok(())
            }
            "daemon" => {
                if *self.state.lock() != RunState::Initial {
                    Err(runtime_error("cannot set daemon status of active thread"))
                } else {
                    self.daemon.store(truthy(value), Relaxed);
                    Ok(())
                }
            }
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["name", "daemon", "ident", "native_id"]
    }
}

impl ThreadObj {
    /// The object standing for the main thread (already running).
    pub fn main(ident: u64) -> ThreadObj {
        ThreadObj {
            name: Mutex::new("MainThread".into()),
            daemon: AtomicBool::new(false),
            ident: AtomicU64::new(ident),
            job: Mutex::new(None),
            state: Mutex::new(RunState::Started),
            stopped: Condvar::new(),
            is_main: true,
        }
    }

    pub fn is_daemon(&self) -> bool {
        self.daemon.load(Relaxed)
    }

    pub fn is_alive(&self) -> bool {
        *self.state.lock() == RunState::Started
    }

    /// Wait (GIL released) until the thread stopped or `timeout` passed.
    pub fn join(&self, vm: &mut Vm, timeout: Option<&Value>) -> PyResult<()> {
        let deadline = deadline_from(timeout)?;
        wait_released(vm, "join", &self.state, &self.stopped, deadline, |s| {
            *s == RunState::Stopped
        })?;
        Ok(())
    }
}

/// CPython numbers unnamed threads from 1, once per process.
static THREAD_COUNTER: AtomicU64 = AtomicU64::new(1);

/// `Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)`.
fn thread_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    static PARAMS: &[&str] = &["group", "target", "name", "args", "kwargs"];
    let sig = PySig {
        name: "Thread.__init__",
        params: PARAMS,
        ndefaults: 5,
        kwonly: &["daemon"],
        self_count: 1,
    };
    let mut a = sig.bind(args)?.into_iter();
    let group = a.next().flatten();
    if group.is_some_and(|g| !matches!(g, Value::None)) {
        return Err(new_exc(
            ExcKind::AssertionError,
            "group argument must be None for now",
        ));
    }
    let target = a.next().flatten().unwrap_or(Value::None);
    let name = a.next().flatten().filter(|n| !matches!(n, Value::None));
    let t_args = a.next().flatten().unwrap_or_else(|| Value::tuple(vec![]));
    let kwargs = a.next().flatten().unwrap_or(Value::None);
    let daemon = match a.next().flatten() {
        None | Some(Value::None) => {
            // Inherited from the creating thread, as in CPython.
            vm.thread_obj
                .as_ref()
                .and_then(|t| t.downcast::<ThreadObj>())
                .is_some_and(ThreadObj::is_daemon)
        }
        Some(d) => truthy(&d),
    };
    let name = match name {
        Some(n) => to_str(vm, &n)?,
        None => {
            let n = THREAD_COUNTER.fetch_add(1, Relaxed);
            let target_name = match get_attr(vm, &target, &Value::str("__name__")) {
                Ok(Value::Str(s)) if !matches!(target, Value::None) => Some(s),
                _ => None,
            };
            match target_name {
                Some(t) => format!("Thread-{n} ({})", t.as_str()),
                None => format!("Thread-{n}"),
            }
        }
    };
    Ok(Value::native(ThreadObj {
        name: Mutex::new(name),
        daemon: AtomicBool::new(daemon),
        ident: AtomicU64::new(0),
        job: Mutex::new(Some(Job {
            target,
            args: t_args,
            kwargs,
        })),
        state: Mutex::new(RunState::Initial),
        stopped: Condvar::new(),
        is_main: false,
    }))
}

fn this_thread(v: &Value) -> PyResult<&ThreadObj> {
    v.downcast::<ThreadObj>()
        .ok_or_else(|| type_error("descriptor requires a 'Thread' object"))
}

/// Call the job's target with its arguments (in the calling thread).
fn call_job(vm: &mut Vm, job: &Job) -> PyResult<Value> {
    if matches!(job.target, Value::None) {
        return Ok(Value::None);
    }
    let pos = vm.collect(&job.args)?;
    let mut args = Args::positional(pos);
    match &job.kwargs {
        Value::None => {}
        Value::Dict(d) => {
            for e in d.table.lock().iter() {
                let Value::Str(k) = &e.key else {
                    return Err(type_error("keywords must be strings"));
                };
                args.kw.push((k.clone(), e.value.clone()));
            }
        }
        other => {
            return Err(type_error(format!(
                "argument after ** must be a mapping, not {}",
                other.type_name()
            )));
        }
    }
    vm.call(&job.target, args)
}

fn thread_start(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("start")?;
    let t = this_thread(this)?;
    {
        let mut state = t.state.lock();
        if *state != RunState::Initial {
            return Err(runtime_error("threads can only be started once"));
        }
        *state = RunState::Started;
    }
    let ident = vm.interp.new_ident();
    t.ident.store(ident, Relaxed);
    vm.interp.live_threads.lock().push(this.clone());
    let interp = vm.interp.clone();
    let me = this.clone();
    let name = t.name.lock().clone();
    let state = Vm::register_thread(&interp, ident, &name);
    let registered = state.clone();
    let spawned = std::thread::Builder::new()
        .name(name.chars().take(15).collect())
        .stack_size(THREAD_STACK)
        .spawn(move || run_thread(interp, me, state));
    if spawned.is_err() {
        vm.interp.gil.exit_thread(&registered);
        vm.interp.live_threads.lock().retain(|v| !v.is(this));
        *t.state.lock() = RunState::Stopped;
        return Err(runtime_error("can't start new thread"));
    }
    Ok(Value::None)
}

/// The body of a started thread.
fn run_thread(interp: Arc<Interp>, this: Value, state: Arc<ThreadGilState>) {
    let mut vm = Vm::new_thread(interp, state);
    vm.thread_obj = Some(this.clone());
    let Some(t) = this.downcast::<ThreadObj>() else {
        vm.exit_thread();
        return;
    };
    let job = t.job.lock().take();
    if let Some(job) = job
        && let Err(e) = call_job(&mut vm, &job)
        && !is_exc(&e, ExcKind::SystemExit)
    {
        let report = format_exception(&mut vm, &e);
        stdio::flush_stdout();
        let name = t.name.lock().clone();
        stdio::write_stderr(&format!("Exception in thread {name}:\n{report}"));
    }
    vm.reset();
    vm.interp.live_threads.lock().retain(|v| !v.is(&this));
    // Leave the GIL (and count the last bytecodes) before joiners wake, so
    // that their statistics show this thread finished.
    vm.exit_thread();
    *t.state.lock() = RunState::Stopped;
    t.stopped.notify_all();
}

fn thread_join(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let a = PySig::method("join", &["timeout"], 1).bind(args)?;
    let t = this_thread(this)?;
    if *t.state.lock() == RunState::Initial {
        return Err(runtime_error("cannot join thread before it is started"));
    }
    if t.ident.load(Relaxed) == vm.thread.ident {
        return Err(runtime_error("cannot join current thread"));
    }
    t.join(vm, a[0].as_ref())?;
    Ok(Value::None)
}

fn thread_is_alive(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("is_alive")?;
    Ok(Value::bool(this_thread(this)?.is_alive()))
}

/// `run()`: the target, in the calling thread.
fn thread_run(vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("run")?;
    let job = this_thread(this)?.job.lock().take();
    if let Some(job) = job {
        call_job(vm, &job)?;
    }
    Ok(Value::None)
}

fn thread_get_name(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("getName")?;
    Ok(Value::str(this_thread(this)?.name.lock().clone()))
}

fn thread_set_name(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let v = args.one("setName")?;
    this_thread(this)?.set_attr("name", &v).unwrap_or(Ok(()))?;
    Ok(Value::None)
}

fn thread_is_daemon(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    args.no_args("isDaemon")?;
    Ok(Value::bool(this_thread(this)?.is_daemon()))
}

fn thread_set_daemon(_vm: &mut Vm, this: &Value, args: Args) -> PyResult<Value> {
    let v = args.one("setDaemon")?;
    this_thread(this)?
        .set_attr("daemon", &v)
        .unwrap_or(Ok(()))?;
    Ok(Value::None)
}
