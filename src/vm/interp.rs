//! The dispatch loop: one function, one `match` over instructions.
//!
//! `Interp` is what all threads of one program share (builtins, modules,
//! settings); `Vm` is one thread of execution (its value stack, frames, the
//! exception being handled and its eval breaker). Python-to-Python calls push a
//! frame and continue in the same loop (no native recursion), so deep Python
//! recursion is bounded by `sys.getrecursionlimit()` only. Natives that call
//! back into Python (`sorted(key=…)`, `map`) re-enter `run` with an *entry*
//! frame, which returns to them.
//!
//! Beside the loop: `state.rs` (`Interp`), `frame.rs` (call frames, pushed
//! and popped without reference counts), `globals.rs` (the global/builtin
//! inline cache and the recursive-call check that reads it).

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use smallvec::SmallVec;

use super::call::bind_args;
use super::error::*;
use super::fast::{drop_value, fast_arith, fast_compare, forget_scalars};
use super::objects::*;
use super::ops;
use super::value::{Value, move_words, write_words};
use crate::compile::bytecode::{Code, ConstIdx, Instr, Slot};
use crate::gil::{EvalBreaker, GilMode, ThreadGilState};
use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};

mod frame;
mod globals;
mod state;

use frame::Frame;
use globals::name_not_defined;
pub use state::Interp;

/// How much native stack natives re-entering the VM may use: well inside
/// the interpreter thread's stack (`runner::INTERPRETER_STACK`, 512 MiB).
const NATIVE_STACK_BUDGET: usize = 384 << 20;

/// Native stack of threads started by `threading` (memory is touched only
/// as used), and the part of it natives re-entering the VM may use.
pub const THREAD_STACK: usize = 256 << 20;
const THREAD_STACK_BUDGET: usize = 192 << 20;

/// An address in the current native stack frame (only compared, never read).
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

/// One thread of execution.
pub struct Vm {
    pub interp: Arc<Interp>,
    stack: Vec<Value>,
    frames: Vec<Frame>,
    /// Exceptions being handled (innermost last), for bare `raise` and
    /// implicit chaining.
    exc_info: Vec<PyErr>,
    /// Checked (one relaxed load) at every check point: backward jumps and calls.
    pub eval_breaker: Arc<EvalBreaker>,
    /// This thread's side of the GIL (its identity and statistics).
    pub thread: Arc<ThreadGilState>,
    /// Counts down by one per bytecode (see `tick_expired`); bytecodes run
    /// since the last flush to the statistics are `tick_base - countdown`.
    countdown: u32,
    tick_base: u32,
    /// The `threading.Thread` object of this thread (made on demand for the
    /// main thread).
    pub thread_obj: Option<Value>,
    /// Python call depth, for RecursionError.
    depth: usize,
    /// Under `--gil=on`/`legacy` this thread runs bytecode only while it
    /// holds the GIL, so no other thread touches interpreter objects: global
    /// reads may skip the dict's lock (see `objects::gil_guarded`).
    gil_exclusive: bool,
    /// Containers whose repr is being built (to print `[...]` for cycles).
    pub repr_guard: std::collections::HashSet<usize>,
    /// Address near the top of this thread's native stack, and how much of
    /// it natives re-entering the VM may use (see `check_native_stack`).
    native_stack_top: usize,
    native_stack_budget: usize,
}

type Stack = SmallVec<[Value; 4]>;

impl Vm {
    /// True on the thread holding an exclusive GIL (`--gil=on`/`legacy`):
    /// what `objects::gil_guarded` needs to skip a lock.
    #[inline(always)]
    pub(crate) fn gil_exclusive(&self) -> bool {
        self.gil_exclusive
    }

    /// The main thread's VM, holding the GIL (runs on the interpreter
    /// thread, with its large stack).
    pub fn new(interp: Arc<Interp>, eval_breaker: Arc<EvalBreaker>) -> Vm {
        let thread = interp
            .gil
            .register_thread(interp.main_ident, "MainThread", eval_breaker);
        Vm::for_thread(interp, thread, NATIVE_STACK_BUDGET)
    }

    /// The side of a thread `threading` is starting, registered by the
    /// starting thread so that statistics list threads in start order.
    pub fn register_thread(interp: &Interp, ident: u64, name: &str) -> Arc<ThreadGilState> {
        interp
            .gil
            .register_thread(ident, name, Arc::new(EvalBreaker::new()))
    }

    /// The VM of a thread started by `threading` (call on that thread, whose
    /// stack is `THREAD_STACK`): holding the GIL when it returns.
    pub fn new_thread(interp: Arc<Interp>, thread: Arc<ThreadGilState>) -> Vm {
        Vm::for_thread(interp, thread, THREAD_STACK_BUDGET)
    }

    fn for_thread(
        interp: Arc<Interp>,
        thread: Arc<ThreadGilState>,
        native_stack_budget: usize,
    ) -> Vm {
        let eval_breaker = thread.eval_breaker.clone();
        let countdown = Vm::full_countdown(interp.gil.mode());
        let gil_exclusive = interp.gil.is_enabled();
        interp.gil.take(&thread);
        Vm {
            interp,
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            exc_info: Vec::new(),
            eval_breaker,
            thread,
            countdown,
            tick_base: countdown,
            thread_obj: None,
            depth: 0,
            gil_exclusive,
            repr_guard: std::collections::HashSet::new(),
            native_stack_top: stack_address(),
            native_stack_budget,
        }
    }

    /// Add the bytecodes counted since the last flush to the statistics.
    pub fn flush_ticks(&mut self) {
        let n = self.tick_base - self.countdown;
        self.tick_base = self.countdown;
        self.thread.add_bytecodes(u64::from(n));
    }

    /// The countdown's start: Python 2's check interval under `legacy`,
    /// else as far as it goes (expiring only to keep the count exact).
    fn full_countdown(mode: GilMode) -> u32 {
        match mode {
            GilMode::Legacy => crate::gil::LEGACY_CHECK_INTERVAL,
            _ => u32::MAX,
        }
    }

    /// The countdown reached zero. Under `--gil=legacy` this is Python 2's
    /// "every 100 ticks": release the GIL and take it again at once, at
    /// whatever instruction boundary this is — also between the load and
    /// the store of `x += 1`, as in Python 2. (The other modes switch only
    /// at check points, through the eval breaker.)
    #[cold]
    #[inline(never)]
    fn tick_expired(&mut self) {
        self.flush_ticks();
        let mode = self.interp.gil.mode();
        if mode == GilMode::Legacy {
            self.interp.gil.legacy_switch(&self.thread);
        }
        self.countdown = Vm::full_countdown(mode);
        self.tick_base = self.countdown;
    }

    /// Run `f` with the GIL released: other threads run bytecode meanwhile.
    /// `f` must not touch interpreter objects whose meaning another thread
    /// could change (it may move `Value`s: they are always thread-safe).
    /// `reason` names the released span in traces (`sleep`, `matmul`, …).
    pub fn allow_threads<R>(&mut self, reason: &'static str, f: impl FnOnce() -> R) -> R {
        self.flush_ticks();
        self.interp.gil.allow_threads(&self.thread, reason, f)
    }

    /// This thread is finishing: count its last bytecodes and let the GIL go.
    pub fn exit_thread(&mut self) {
        self.flush_ticks();
        self.interp.gil.exit_thread(&self.thread);
    }

    /// Natives that call back into Python (`sorted(key=f)`, `map(f, …)`)
    /// nest native frames; with a huge `sys.setrecursionlimit` that could
    /// overflow the thread's stack. Raise RecursionError well before.
    pub(crate) fn check_native_stack(&self, doing: &str) -> PyResult<()> {
        let used = self.native_stack_top.saturating_sub(stack_address());
        if used > self.native_stack_budget {
            return Err(recursion_error(format!(
                "maximum recursion depth exceeded {doing}"
            )));
        }
        Ok(())
    }

    /// Run a module's code with `globals` as its namespace.
    pub fn run_code(&mut self, code: Arc<Code>, globals: Arc<DictObj>) -> PyResult<Value> {
        // The module body runs as a function without parameters, so that
        // its frame, like every frame, borrows a function in its callee slot.
        let module_name = globals.get_str("__name__").unwrap_or(Value::None);
        let func = Function {
            code,
            globals,
            defaults: Box::new([]),
            kwdefaults: Box::new([]),
            closure: Box::new([]),
            module_name,
            own_version: AtomicU64::new(Function::UNVERIFIED),
        };
        self.push(Value::Func(Arc::new(func)));
        let base = self.stack.len();
        self.push_frame(base, true)?;
        self.run()
    }

    /// `local.append(x)` without a reference count on the list: the
    /// quickener pairs the statement's `LoadFastAppend` with its
    /// `CallAppendPop` when only simple instructions compute `x` between
    /// them, so nothing can rebind the local meanwhile; the local keeps the
    /// list alive. When local `l` holds a list, pushes two `Unbound`
    /// markers (where `LoadMethod` pushes method and self; no real method
    /// slot is ever `Unbound`) for `CallAppendPop` to recognise.
    ///
    /// Out of line, as is `append_top_to_local`: inlined, they changed the
    /// dispatch loop's register allocation enough to cost fib 7 %.
    #[inline(never)]
    fn push_append_markers(&mut self, base: usize, l: Slot<u16>) -> bool {
        if !matches!(self.stack[base + l.idx()], Value::List(_)) {
            return false;
        }
        self.stack.reserve(2);
        let len = self.stack.len();
        // SAFETY: `reserve` made room for slots `len` and `len + 1`, written
        // before they are counted.
        unsafe {
            write_words(self.stack.as_mut_ptr().add(len), Value::Unbound);
            write_words(self.stack.as_mut_ptr().add(len + 1), Value::Unbound);
            self.stack.set_len(len + 2);
        }
        true
    }

    /// The call of a `push_append_markers` statement: append the value on
    /// top of the stack to the list in local `l`, taking it and the two
    /// markers below it off the stack.
    #[inline(never)]
    fn append_top_to_local(&mut self, base: usize, l: Slot<u16>) -> PyResult<()> {
        let len = self.stack.len();
        debug_assert!(matches!(self.stack[len - 2], Value::Unbound));
        // SAFETY: the top three slots hold the appended value and the two
        // markers below it (checked by the caller; markers own nothing, so
        // forgetting them is their drop); after `set_len` the stack no
        // longer owns them, so reading the value out moves it.
        let v = unsafe {
            self.stack.set_len(len - 3);
            move_words(self.stack.as_ptr().add(len - 1))
        };
        let Value::List(list) = &self.stack[base + l.idx()] else {
            // The quickener admits no instruction that stores a local.
            return Err(crate::vm::error::internal_error(
                "list.append: the local changed between method and call",
            ));
        };
        append_to_list(list, self.gil_exclusive, v);
        Ok(())
    }

    /// `local.pop()` of a `ListPopFast`: when local `l` holds a non-empty
    /// list, push its last item, moved out in place (no reference count on
    /// the list, no argument array, no native call), and say so.
    #[inline(always)]
    fn pop_local_list(&mut self, base: usize, l: Slot) -> bool {
        let Value::List(list) = &self.stack[base + l.idx()] else {
            return false;
        };
        match pop_from_list(list, self.gil_exclusive) {
            Some(v) => {
                self.push(v);
                true
            }
            None => false,
        }
    }

    /// `len(v)`, a list's without its lock under an exclusive GIL (the
    /// VM's `len` fast path, CPython 3.11's `PRECALL_NO_KW_LEN`).
    #[inline(always)]
    fn len_of(&self, v: &Value) -> PyResult<i64> {
        match v {
            Value::List(l) => {
                let len = |items: &mut Vec<Value>| items.len() as i64;
                // SAFETY: `gil_exclusive` is the VM's; `len` only reads.
                Ok(unsafe { gil_guarded(&l.items, self.gil_exclusive, len) })
            }
            _ => crate::builtins::functions::sequence::len_of(v),
        }
    }

    #[inline(always)]
    fn pop(&mut self) -> Value {
        let Some(len) = self.stack.len().checked_sub(1) else {
            return Value::None;
        };
        // SAFETY: slot `len` holds an initialised `Value`; after `set_len`
        // the stack no longer owns it, so reading it out moves it.
        unsafe {
            self.stack.set_len(len);
            move_words(self.stack.as_ptr().add(len))
        }
    }

    /// Push onto the value stack.
    #[inline(always)]
    fn push(&mut self, v: Value) {
        if self.stack.len() == self.stack.capacity() {
            self.stack.reserve(1);
        }
        let len = self.stack.len();
        // SAFETY: `reserve` made room for slot `len` (uninitialised, past
        // the length); `v` is moved into it, then counted.
        unsafe {
            write_words(self.stack.as_mut_ptr().add(len), v);
            self.stack.set_len(len + 1);
        }
    }

    #[inline]
    fn top(&self) -> &Value {
        self.stack.last().unwrap_or(&Value::None)
    }

    /// The top `n` values, in stack order. Calls with up to two arguments
    /// (most of them) skip the `Drain` machinery.
    #[inline]
    fn pop_n(&mut self, n: usize) -> Stack {
        match n {
            0 => Stack::new(),
            1 => {
                let a = self.pop();
                smallvec::smallvec![a]
            }
            2 => {
                let b = self.pop();
                let a = self.pop();
                smallvec::smallvec![a, b]
            }
            _ => {
                let at = self.stack.len() - n;
                self.stack.drain(at..).collect()
            }
        }
    }

    /// The exception currently being handled, if any.
    pub fn current_exception(&self) -> Option<PyErr> {
        self.exc_info.last().cloned()
    }

    /// Handle a set eval breaker (called from check points only).
    #[cold]
    #[inline(never)]
    fn handle_breaker(&mut self) -> PyResult<()> {
        let pending = self.eval_breaker.take_pending();
        self.flush_ticks();
        if pending.drop_request {
            // Another thread waited a whole switch interval: hand it the GIL.
            self.interp.gil.drop_gil(&self.thread, true);
            self.interp.gil.take(&self.thread);
        }
        if pending.interrupt {
            return Err(exc_with_args(
                super::types::TYPES.exc(ExcKind::KeyboardInterrupt),
                vec![],
            ));
        }
        Ok(())
    }

    /// The dispatch loop: runs until the entry frame returns.
    fn run(&mut self) -> PyResult<Value> {
        loop {
            match self.run_until_error() {
                Ok(v) => return Ok(v),
                Err((exc, add_tb)) => {
                    if let Some(v) = self.unwind(exc, add_tb)? {
                        return Ok(v);
                    }
                }
            }
        }
    }

    /// Route an exception raised at the current frame's instruction to its
    /// handler, popping frames that have none. Returns Err when it leaves the
    /// entry frame.
    fn unwind(&mut self, exc: PyErr, mut add_tb: bool) -> PyResult<Option<Value>> {
        // Implicit chaining: an exception raised while another is being
        // handled remembers it ("During handling of the above exception…").
        if let Some(cur) = self.exc_info.last()
            && !Arc::ptr_eq(cur, &exc)
            && exc.context.lock().is_none()
        {
            *exc.context.lock() = Some(cur.clone());
        }
        loop {
            let frame = self.frames.last().expect("unwinding needs a frame");
            let pc = frame.pc.saturating_sub(1);
            let code = frame.code();
            if add_tb {
                exc.traceback.lock().push(TraceEntry {
                    code: frame.func().code.clone(),
                    line: code.line_at(pc),
                });
            }
            if let Some(h) = code.handler_for(pc as u32)
                && exc.fault == Fault::Exception
            {
                let sp = frame.base + code.nlocals() + h.depth as usize;
                self.stack.truncate(sp);
                self.push(Value::Exc(exc));
                self.frames.last_mut().expect("frame").pc = h.handler as usize;
                return Ok(None);
            }
            if self.pop_frame() {
                return Err(exc);
            }
            add_tb = true;
        }
    }

    /// Execute instructions until the entry frame returns (Ok) or an
    /// exception is raised (Err, with whether to add a traceback entry).
    fn run_until_error(&mut self) -> Result<Value, (PyErr, bool)> {
        let mut fi = self.frames.len() - 1;
        // Borrowed from the frame: valid until it is popped (`reload!` then
        // switches to the next frame's code before any further use).
        let mut code: &Code = self.frames[fi].code();
        // The instruction stream, one load nearer than `code.quick`.
        let mut quick: &[Instr] = &code.quick;
        let mut base = self.frames[fi].base;
        let mut pc = self.frames[fi].pc;

        // Propagate an error raised by the current instruction, recording
        // where it happened (the frame's pc) for the handler lookup.
        macro_rules! tryx {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        self.frames[fi].pc = pc;
                        return Err((e, true));
                    }
                }
            };
        }

        macro_rules! sync_pc {
            () => {
                self.frames[fi].pc = pc
            };
        }
        macro_rules! reload {
            () => {{
                fi = self.frames.len() - 1;
                code = self.frames[fi].code();
                quick = &code.quick;
                base = self.frames[fi].base;
                pc = self.frames[fi].pc;
            }};
        }
        macro_rules! check_breaker {
            () => {
                if self.eval_breaker.any_pending() {
                    sync_pc!();
                    tryx!(self.handle_breaker());
                }
            };
        }

        // One bytecode done (for the statistics and legacy switching).
        macro_rules! tick {
            () => {
                self.countdown -= 1;
                if self.countdown == 0 {
                    self.tick_expired();
                }
            };
        }
        // A borrow of local slot `i` (UnboundLocalError if unassigned).
        macro_rules! load_fast {
            ($i:expr) => {{
                let v = &self.stack[base + $i.idx()];
                if let Value::Unbound = v {
                    sync_pc!();
                    return Err((unbound_local(&code.varnames[$i.idx()]), true));
                }
                v
            }};
        }
        // Global `names[i]` (NameError, with a suggestion, if unbound).
        macro_rules! load_global {
            ($i:expr) => {
                match self.load_global(fi, code, $i.idx()) {
                    Some(v) => v,
                    None => {
                        sync_pc!();
                        let name = &code.names[$i.idx()];
                        return Err((self.name_error_with_suggestion(fi, name), true));
                    }
                }
            };
        }
        // Return `v` from the current frame (leaving `run_until_error` from
        // an entry frame).
        macro_rules! return_value {
            ($v:expr) => {{
                if let Some(v) = self.return_from_frame(base, $v) {
                    return Ok(v);
                }
                reload!();
            }};
        }
        // Superinstructions: step over covered instruction `pc` (so that an
        // error from here on reports its line and handler).
        macro_rules! next_part {
            () => {
                pc += 1;
                tick!();
            };
        }
        // The same for a superinstruction whose `k` covered instructions
        // run unless one fails: `tick_parts!(k)` counts them at its start,
        // in one step unless the countdown runs out among them (then one
        // `tick!` each, so that it expires as often as before), and
        // `skip_part!` steps over each. (An error midway has counted the
        // parts it did not run: at most two bytecodes per error.)
        macro_rules! tick_parts {
            ($k:expr) => {
                if self.countdown > $k {
                    self.countdown -= $k;
                } else {
                    for _ in 0..$k {
                        tick!();
                    }
                }
            };
        }
        macro_rules! skip_part {
            () => {
                pc += 1;
            };
        }

        loop {
            let instr = quick[pc];
            pc += 1;
            tick!();
            match instr {
                Instr::Nop => {}
                Instr::LoadConst(i) => self.push(code.consts[i.idx()].clone()),
                Instr::LoadFast(i) => {
                    let v = load_fast!(i).clone();
                    self.push(v);
                }
                Instr::StoreFast(i) => {
                    let v = self.pop();
                    drop_value(replace_words(&mut self.stack[base + i.idx()], v));
                }
                Instr::DeleteFast(i) => {
                    let slot = &mut self.stack[base + i.idx()];
                    if let Value::Unbound = slot {
                        sync_pc!();
                        return Err((unbound_local(&code.varnames[i.idx()]), true));
                    }
                    *slot = Value::Unbound;
                }
                Instr::LoadDeref(i) => {
                    let cell = &self.frames[fi].cell(i).value;
                    // SAFETY: `gil_exclusive` (see `load_global`); a clone only.
                    let v = unsafe { gil_guarded(cell, self.gil_exclusive, |v| v.clone()) };
                    if let Value::Unbound = v {
                        sync_pc!();
                        return Err((self.unbound_cell_error(code, i.idx()), true));
                    }
                    self.push(v);
                }
                Instr::StoreDeref(i) => {
                    let v = self.pop();
                    let cell = &self.frames[fi].cell(i).value;
                    // SAFETY: `gil_exclusive` (see `load_global`); a move only.
                    let old = unsafe {
                        gil_guarded(cell, self.gil_exclusive, |slot| std::mem::replace(slot, v))
                    };
                    drop(old);
                }
                Instr::DeleteDeref(i) => {
                    self.frames[fi].cell(i).set(Value::Unbound);
                }
                Instr::LoadGlobalCallee(i) if self.push_own_function(fi, code, i.idx()) => {}
                Instr::LoadGlobal(i) | Instr::LoadGlobalCallee(i) => {
                    let v = load_global!(i);
                    self.push(v);
                }
                Instr::StoreGlobal(i) => {
                    let v = self.pop();
                    let old = self.store_global(fi, code, i.idx(), v);
                    drop(old);
                }
                Instr::DeleteGlobal(i) => {
                    let name = &code.names[i.idx()];
                    let h = tryx!(ops::hash_value(name));
                    let removed = self.frames[fi].globals().table.lock().remove(h, name);
                    if removed.is_none() {
                        sync_pc!();
                        return Err((name_not_defined(name), true));
                    }
                }
                Instr::LoadAttr(i) => {
                    let obj = self.pop();
                    sync_pc!();
                    let v = tryx!(super::attrs::get_attr(self, &obj, &code.names[i.idx()]));
                    self.push(v);
                }
                Instr::StoreAttr(i) => {
                    let obj = self.pop();
                    let v = self.pop();
                    tryx!(super::attrs::set_attr(&obj, &code.names[i.idx()], v));
                }
                Instr::DeleteAttr(i) => {
                    let obj = self.pop();
                    tryx!(super::attrs::del_attr(&obj, &code.names[i.idx()]));
                }
                Instr::LoadMethod(i) => {
                    let obj = self.pop();
                    let name = &code.names[i.idx()];
                    let name_s = match name {
                        Value::Str(s) => s.as_str(),
                        _ => "",
                    };
                    if let Some(m) = crate::builtins::methods::find_method_cached(
                        &obj,
                        name_s,
                        &code.global_cache[i.idx()].method,
                    ) {
                        self.push(Value::MethodDesc(m));
                        self.push(obj);
                    } else {
                        sync_pc!();
                        let v = tryx!(super::attrs::get_attr(self, &obj, name));
                        self.push(v);
                        self.push(Value::Unbound);
                    }
                }
                Instr::CallAppendPop(l, _)
                    if matches!(self.stack[self.stack.len() - 3], Value::Unbound) =>
                {
                    check_breaker!();
                    tryx!(self.append_top_to_local(base, l));
                    next_part!();
                }
                Instr::CallMethod(n) | Instr::CallMethodPop(n) | Instr::CallAppendPop(_, n) => {
                    check_breaker!();
                    // CallMethodPop: a native's result is dropped here, past
                    // the covered Pop; a Python method's frame returns to
                    // that Pop (the frame's pc, synced before the call).
                    let pop_result = !matches!(instr, Instr::CallMethod(_));
                    macro_rules! method_result {
                        ($r:expr) => {{
                            let r = $r;
                            if pop_result {
                                next_part!();
                                drop(r);
                            } else {
                                self.push(r);
                            }
                        }};
                    }
                    let n = n as usize;
                    let at = self.stack.len() - n - 2;
                    if let (Value::MethodDesc(m), false) = (
                        &self.stack[at],
                        matches!(self.stack[at + 1], Value::Unbound),
                    ) {
                        let m = *m;
                        if n == 1 && crate::builtins::methods::is_list_append(m) {
                            let v = self.pop();
                            let recv = self.pop();
                            self.pop();
                            if let Value::List(l) = &recv {
                                append_to_list(l, self.gil_exclusive, v);
                                method_result!(Value::None);
                                continue;
                            }
                            self.push(Value::MethodDesc(m));
                            self.push(recv);
                            self.push(v);
                        }
                        if n == 0
                            && crate::builtins::methods::is_list_pop(m)
                            && let Value::List(l) = &self.stack[at + 1]
                            && let Some(v) = pop_from_list(l, self.gil_exclusive)
                        {
                            drop_value(self.pop());
                            std::mem::forget(self.pop());
                            method_result!(v);
                            continue;
                        }
                        if let Some(fast) = m.fast
                            && n <= 3
                        {
                            // METH_FASTCALL: the arguments move into a local
                            // array (not borrowed from the stack, which the
                            // method may grow by calling back into Python).
                            let mut args = [Value::None, Value::None, Value::None];
                            for slot in args[..n].iter_mut().rev() {
                                let v = self.pop();
                                std::mem::forget(std::mem::replace(slot, v));
                            }
                            let recv = self.pop();
                            self.pop();
                            sync_pc!();
                            let r = fast(self, &recv, &args[..n]);
                            for v in args {
                                drop_value(v);
                            }
                            drop(recv);
                            method_result!(tryx!(r));
                            continue;
                        }
                        let args = self.pop_n(n);
                        let recv = self.pop();
                        self.pop();
                        sync_pc!();
                        let r = tryx!((m.func)(
                            self,
                            &recv,
                            Args {
                                pos: args,
                                kw: Vec::new()
                            }
                        ));
                        method_result!(r);
                    } else {
                        // A plain attribute: drop the placeholder and call it.
                        self.stack.remove(at + 1);
                        sync_pc!();
                        if tryx!(self.call_from_stack(n, None)) {
                            reload!();
                        } else if pop_result {
                            let r = self.pop();
                            method_result!(r);
                        }
                    }
                }
                Instr::Call(n) => {
                    check_breaker!();
                    sync_pc!();
                    let at = self.stack.len() - n as usize - 1;
                    if n == 1
                        && let Value::Builtin(b) = &self.stack[at]
                        && crate::builtins::functions::is_len(b)
                    {
                        let v = self.pop();
                        self.pop();
                        let r = tryx!(self.len_of(&v));
                        drop_value(v);
                        self.push(Value::Int(r));
                        continue;
                    }
                    if tryx!(self.call_from_stack(n as usize, None)) {
                        reload!();
                    }
                }
                Instr::CallOwn(n) => {
                    check_breaker!();
                    sync_pc!();
                    let at = self.stack.len() - n as usize - 1;
                    if let Value::Unbound = self.stack[at] {
                        let own = self.frames[fi].func;
                        // SAFETY: the running function (`Frame::func`).
                        if takes_positional(unsafe { &own.as_ref().code }, n as usize) {
                            tryx!(self.push_frame_of(own, at + 1, false));
                            // The same code from its start, in the frame
                            // just pushed: nothing to reload through it.
                            fi += 1;
                            base = at + 1;
                            pc = 0;
                            continue;
                        }
                        // Defaults or `*args` to bind: the general path,
                        // with a counted reference.
                        // SAFETY: `own` is alive (above) and came from an
                        // `Arc`: this takes one more count of it.
                        self.stack[at] = Value::Func(unsafe {
                            Arc::increment_strong_count(own.as_ptr());
                            Arc::from_raw(own.as_ptr())
                        });
                    }
                    if tryx!(self.call_from_stack(n as usize, None)) {
                        reload!();
                    }
                }
                Instr::LoadCalleeArgFastConst(op, l, c, g) => {
                    tick_parts!(3);
                    if !self.push_own_function(fi, code, g.idx()) {
                        let f = load_global!(g);
                        self.push(f);
                    }
                    skip_part!();
                    load_fast!(l);
                    skip_part!();
                    skip_part!();
                    let x = &self.stack[base + l.idx()];
                    let y = &code.consts[c.idx()];
                    let r = match fast_arith(op, x, y) {
                        Some(r) => r,
                        None => {
                            let (x, y) = (x.clone(), y.clone());
                            tryx!(self.arith_value(false, op, x, y))
                        }
                    };
                    self.push(r);
                }
                Instr::CallGlobalFast(l, g) => {
                    tick_parts!(2);
                    let f = load_global!(g);
                    skip_part!();
                    load_fast!(l);
                    skip_part!();
                    check_breaker!();
                    // `len(local)` reads the local in place: no push, no
                    // reference count traffic on the list.
                    if let Value::Builtin(b) = f
                        && crate::builtins::functions::is_len(b)
                    {
                        std::mem::forget(f); // a static reference: no drop
                        let r = tryx!(self.len_of(&self.stack[base + l.idx()]));
                        self.push(Value::Int(r));
                        continue;
                    }
                    let arg = self.stack[base + l.idx()].clone();
                    self.push(f);
                    self.push(arg);
                    sync_pc!();
                    if tryx!(self.call_from_stack(1, None)) {
                        reload!();
                    }
                }
                Instr::CallKw(n) => {
                    check_breaker!();
                    sync_pc!();
                    let names = self.pop();
                    if tryx!(self.call_from_stack(n as usize, Some(names))) {
                        reload!();
                    }
                }
                Instr::CallEx => {
                    check_breaker!();
                    sync_pc!();
                    let kwargs = self.pop();
                    let args = self.pop();
                    let func = self.pop();
                    let mut a = Args {
                        pos: SmallVec::new(),
                        kw: Vec::new(),
                    };
                    if let Value::Tuple(t) = &args {
                        a.pos.extend(t.items.iter().cloned());
                    }
                    if let Value::Dict(d) = &kwargs {
                        for e in d.table.lock().iter() {
                            match &e.key {
                                Value::Str(s) => a.kw.push((s.clone(), e.value.clone())),
                                _ => {
                                    return Err((type_error("keywords must be strings"), true));
                                }
                            }
                        }
                    }
                    let r = tryx!(self.call(&func, a));
                    self.push(r);
                }
                Instr::BinaryOp(op) | Instr::InplaceOp(op) => {
                    // Fast path: two inline scalars, the result replaces
                    // them in place (nothing to drop, no push).
                    let n = self.stack.len();
                    if let Some(r) = fast_arith(op, &self.stack[n - 2], &self.stack[n - 1]) {
                        std::mem::forget(self.stack.pop());
                        std::mem::forget(std::mem::replace(&mut self.stack[n - 2], r));
                        continue;
                    }
                    let b = self.pop();
                    let a = self.pop();
                    let inplace = matches!(instr, Instr::InplaceOp(_));
                    let r = tryx!(self.arith_value(inplace, op, a, b));
                    self.push(r);
                }
                Instr::UnaryOp(op) => {
                    let a = self.pop();
                    sync_pc!();
                    let r = match &a {
                        Value::Native(n) if op != UnaryOp::Not => match n.unary_op(self, &a, op) {
                            Some(r) => tryx!(r),
                            None => tryx!(ops::unary_op(op, &a)),
                        },
                        Value::Native(n) => Value::bool(!tryx!(n.truthy())),
                        _ => tryx!(ops::unary_op(op, &a)),
                    };
                    self.push(r);
                }
                Instr::Compare(op) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = match fast_compare(op, &a, &b) {
                        Some(t) => Value::bool(t),
                        None => {
                            sync_pc!();
                            tryx!(self.compare_op_slow(op, &a, &b))
                        }
                    };
                    self.push(r);
                }
                Instr::CompareJumpIfFalse(op, t) => {
                    let b = self.pop();
                    let a = self.pop();
                    let truth = match fast_compare(op, &a, &b) {
                        Some(t) => t,
                        None => ops::truthy(&tryx!(self.compare_op_slow(op, &a, &b))),
                    };
                    drop_value(a);
                    drop_value(b);
                    if !truth {
                        pc = t.idx();
                    }
                }
                Instr::CompareConstJumpIfFalse(op, c, t) => {
                    next_part!();
                    let b = &code.consts[c.idx()];
                    let truth = match fast_compare(op, self.top(), b) {
                        Some(t) => {
                            drop_value(self.pop());
                            t
                        }
                        None => {
                            let a = self.pop();
                            let r = self.compare_op_slow(op, &a, b);
                            ops::truthy(&tryx!(r))
                        }
                    };
                    if !truth {
                        pc = t.idx();
                    }
                }
                // One arm for both (`c` a constant or a second local).
                Instr::CompareFastConstJumpIfFalse(op, l, ConstIdx(c), t)
                | Instr::CompareFastFastJumpIfFalse(op, l, Slot(c), t) => {
                    tick_parts!(2);
                    load_fast!(l);
                    skip_part!();
                    let fast_fast = matches!(instr, Instr::CompareFastFastJumpIfFalse(..));
                    if fast_fast {
                        load_fast!(Slot(c));
                    }
                    skip_part!();
                    let a = &self.stack[base + l.idx()];
                    let b = match fast_fast {
                        true => &self.stack[base + Slot(c).idx()],
                        false => &code.consts[ConstIdx(c).idx()],
                    };
                    let truth = match fast_compare(op, a, b) {
                        Some(t) => t,
                        None => {
                            let (a, b) = (a.clone(), b.clone());
                            ops::truthy(&tryx!(self.compare_op_slow(op, &a, &b)))
                        }
                    };
                    if !truth {
                        pc = t.idx();
                    }
                }
                Instr::Subscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = match list_item(self.gil_exclusive, &obj, &key) {
                        Some(v) => v,
                        None => tryx!(super::subscript::get_item(self, &obj, &key)),
                    };
                    self.push(r);
                }
                Instr::StoreSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    if let Some(v) = set_list_item(self.gil_exclusive, &obj, &key, v) {
                        tryx!(super::subscript::set_item(self, &obj, &key, v));
                    }
                }
                Instr::DeleteSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    sync_pc!();
                    tryx!(super::subscript::del_item(&obj, &key));
                }
                Instr::BuildSlice(n) => {
                    let step = if n == 3 { self.pop() } else { Value::None };
                    let stop = self.pop();
                    let start = self.pop();
                    self.stack
                        .push(Value::Slice(Arc::new(SliceObj { start, stop, step })));
                }
                Instr::BuildTuple(n) => {
                    let items = self.pop_n(n as usize);
                    self.push(Value::tuple(items.into_vec()));
                }
                Instr::BuildList(n) => {
                    let items = self.pop_n(n as usize);
                    self.push(Value::list(items.into_vec()));
                }
                Instr::BuildSet(n) => {
                    let items = self.pop_n(n as usize);
                    sync_pc!();
                    let s = tryx!(super::setops::set_from_values(items.into_vec(), false));
                    self.push(s);
                }
                Instr::BuildMap(n) => {
                    let items = self.pop_n(2 * n as usize);
                    let mut t = super::dict::DictTable::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        sync_pc!();
                        let h = tryx!(ops::hash_value(&k));
                        t.insert(h, k, v);
                    }
                    self.stack
                        .push(Value::Dict(Arc::new(DictObj::from_table(t))));
                }
                Instr::BuildString(n) => {
                    let items = self.pop_n(n as usize);
                    let mut s = String::new();
                    for it in &items {
                        if let Value::Str(p) = it {
                            s.push_str(p.as_str());
                        }
                    }
                    self.push(Value::str(s));
                }
                Instr::ListAppend(d) => {
                    let v = self.pop();
                    let at = self.stack.len() - d as usize;
                    if let Value::List(l) = &self.stack[at] {
                        l.append(v);
                    }
                }
                Instr::SetAdd(d) => {
                    let v = self.pop();
                    let at = self.stack.len() - d as usize;
                    sync_pc!();
                    if let Value::Set(s) = &self.stack[at] {
                        tryx!(super::setops::set_add(s, v));
                    }
                }
                Instr::MapAdd(d) => {
                    let v = self.pop();
                    let k = self.pop();
                    let at = self.stack.len() - d as usize;
                    sync_pc!();
                    let h = tryx!(ops::hash_value(&k));
                    if let Value::Dict(m) = &self.stack[at] {
                        m.table.lock().insert(h, k, v);
                    }
                }
                Instr::ListExtend(d) => {
                    let it = self.pop();
                    sync_pc!();
                    let items = tryx!(self.collect(&it));
                    let at = self.stack.len() - d as usize;
                    if let Value::List(l) = &self.stack[at] {
                        l.items.lock().extend(items);
                    }
                }
                Instr::SetUpdate(d) => {
                    let it = self.pop();
                    sync_pc!();
                    let at = self.stack.len() - d as usize;
                    if let (Value::Set(dst), Value::Set(src)) = (&self.stack[at], &it) {
                        // set.update(set) merges tables (CPython's set_merge order).
                        if !Arc::ptr_eq(dst, src) {
                            let t = src.table.lock().clone();
                            dst.table.lock().update(&t, ops::key_eq);
                        }
                        continue;
                    }
                    let items = tryx!(self.collect(&it));
                    let at = self.stack.len() - d as usize;
                    if let Value::Set(s) = &self.stack[at] {
                        let s = s.clone();
                        for v in items {
                            tryx!(super::setops::set_add(&s, v));
                        }
                    }
                }
                Instr::DictUpdate(d) => {
                    let m = self.pop();
                    sync_pc!();
                    let at = self.stack.len() - d as usize;
                    let target = self.stack[at].clone();
                    tryx!(super::subscript::dict_update_from(self, &target, &m));
                }
                Instr::ListToTuple => {
                    let l = self.pop();
                    let items = match &l {
                        Value::List(l) => std::mem::take(&mut *l.items.lock()),
                        _ => Vec::new(),
                    };
                    self.push(Value::tuple(items));
                }
                Instr::UnpackSequence(n) => {
                    let seq = self.pop();
                    if let Value::Tuple(t) = &seq
                        && t.items.len() == n as usize
                    {
                        self.stack.extend(t.items.iter().rev().cloned());
                        continue;
                    }
                    sync_pc!();
                    let items = tryx!(self.unpack(&seq, n as usize, None));
                    self.stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(before, after) => {
                    let seq = self.pop();
                    sync_pc!();
                    let items = tryx!(self.unpack(&seq, before as usize, Some(after as usize)));
                    self.stack.extend(items.into_iter().rev());
                }
                Instr::FormatValue(flags) => {
                    let spec = if flags & 4 != 0 {
                        Some(self.pop())
                    } else {
                        None
                    };
                    let v = self.pop();
                    sync_pc!();
                    let r = tryx!(super::format::format_value(
                        self,
                        &v,
                        flags & 3,
                        spec.as_ref()
                    ));
                    self.push(r);
                }
                Instr::Pop => {
                    let v = self.pop();
                    drop_value(v);
                }
                Instr::Dup => {
                    let v = self.top().clone();
                    self.push(v);
                }
                Instr::DupTwo => {
                    let n = self.stack.len();
                    let a = self.stack[n - 2].clone();
                    let b = self.stack[n - 1].clone();
                    self.push(a);
                    self.push(b);
                }
                Instr::RotTwo => {
                    let n = self.stack.len();
                    self.stack.swap(n - 1, n - 2);
                }
                Instr::RotThree => {
                    let n = self.stack.len();
                    self.stack[n - 3..].rotate_right(1);
                }
                Instr::RotFour => {
                    let n = self.stack.len();
                    self.stack[n - 4..].rotate_right(1);
                }
                Instr::Jump(t) => pc = t.idx(),
                Instr::JumpBack(t) => {
                    // Check before jumping, so an interrupt reports the loop's line.
                    check_breaker!();
                    pc = t.idx();
                }
                Instr::PopJumpIfFalse(t) => {
                    let v = self.pop();
                    let b = match v {
                        Value::Bool(b) => b.get(),
                        Value::Native(ref n) => tryx!(n.truthy()),
                        ref other => ops::truthy(other),
                    };
                    if !b {
                        pc = t.idx();
                    }
                }
                Instr::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    if tryx!(ops::truthy_checked(&v)) {
                        pc = t.idx();
                    }
                }
                Instr::JumpIfFalseOrPop(t) => {
                    if tryx!(ops::truthy_checked(self.top())) {
                        self.stack.pop();
                    } else {
                        pc = t.idx();
                    }
                }
                Instr::JumpIfTrueOrPop(t) => {
                    if tryx!(ops::truthy_checked(self.top())) {
                        pc = t.idx();
                    } else {
                        self.stack.pop();
                    }
                }
                Instr::GetIter => {
                    let v = self.pop();
                    sync_pc!();
                    let it = tryx!(super::iter::get_iter(&v));
                    self.push(it);
                }
                Instr::ForIter(t) | Instr::ForIterStore(_, t) => {
                    // The next item: pushed, or (ForIterStore) stored straight
                    // into its loop variable, skipping the StoreFast.
                    macro_rules! deliver {
                        ($v:expr) => {{
                            let v = $v;
                            if let Instr::ForIterStore(l, _) = instr {
                                next_part!();
                                drop_value(replace_words(&mut self.stack[base + l.idx()], v));
                            } else {
                                self.push(v);
                            }
                        }};
                    }
                    // Fast path: ranges, lists and tuples, with no call and
                    // no refcount traffic on the iterator.
                    if let Some(Value::Iter(it)) = self.stack.last()
                        && let Some(step) = super::iter::next_fast(it)
                    {
                        match step {
                            Some(v) => deliver!(v),
                            None => {
                                drop_value(self.pop());
                                pc = t.idx();
                            }
                        }
                        continue;
                    }
                    sync_pc!();
                    let next = {
                        let it = self.top().clone();
                        tryx!(super::iter::next(self, &it))
                    };
                    match next {
                        Some(v) => deliver!(v),
                        None => {
                            self.stack.pop();
                            pc = t.idx();
                        }
                    }
                }
                Instr::Return => {
                    let v = self.pop();
                    return_value!(v);
                }
                Instr::ReturnFast(l) => {
                    let v = load_fast!(l).clone();
                    tick!(); // the covered Return, which cannot fail
                    return_value!(v);
                }
                Instr::BinaryOpReturn(op) => {
                    let b = self.pop();
                    let a = self.pop();
                    let v = match fast_arith(op, &a, &b) {
                        Some(r) => {
                            forget_scalars(a, b);
                            r
                        }
                        None => tryx!(self.arith_value(false, op, a, b)),
                    };
                    tick!(); // the covered Return, which cannot fail
                    return_value!(v);
                }
                Instr::Raise(n) => {
                    sync_pc!();
                    let e = match n {
                        0 => match self.current_exception() {
                            Some(e) => return Err((e, false)),
                            None => runtime_error("No active exception to reraise"),
                        },
                        1 => {
                            let v = self.pop();
                            tryx!(self.make_exception(v))
                        }
                        _ => {
                            let cause = self.pop();
                            let v = self.pop();
                            let e = tryx!(self.make_exception(v));
                            let cause = if cause.is_none() {
                                None
                            } else {
                                Some(tryx!(self.make_exception(cause)))
                            };
                            *e.cause.lock() = cause;
                            e.suppress_context
                                .store(true, std::sync::atomic::Ordering::Relaxed);
                            e
                        }
                    };
                    return Err((e, true));
                }
                Instr::Reraise => {
                    sync_pc!();
                    let v = self.pop();
                    let e = match v {
                        Value::Exc(e) => e,
                        _ => internal_error("reraise of a non-exception"),
                    };
                    return Err((e, false));
                }
                Instr::PushExcInfo => {
                    if let Value::Exc(e) = self.top() {
                        let e = e.clone();
                        self.exc_info.push(e);
                    }
                }
                Instr::PopExcInfo => {
                    self.exc_info.pop();
                }
                Instr::CheckExcMatch => {
                    let typ = self.pop();
                    sync_pc!();
                    let m = match self.top() {
                        Value::Exc(e) => tryx!(exception_matches(e, &typ)),
                        _ => false,
                    };
                    self.push(Value::bool(m));
                }
                Instr::LoadAssertionError => {
                    let t = super::types::TYPES.exc(ExcKind::AssertionError).clone();
                    self.push(Value::Type(t));
                }
                Instr::MakeFunction(idx, fl) => {
                    let kwdefaults = if fl & 2 != 0 { Some(self.pop()) } else { None };
                    let defaults = if fl & 1 != 0 { Some(self.pop()) } else { None };
                    let f = self.make_function(fi, code, idx as usize, defaults, kwdefaults);
                    self.push(f);
                }
                Instr::ImportName(i) => {
                    sync_pc!();
                    let name = match &code.names[i.idx()] {
                        Value::Str(s) => s.clone(),
                        _ => unreachable!("names are strings"),
                    };
                    let m = tryx!(crate::modules::import(self, name.as_str()));
                    self.push(m);
                }
                Instr::ImportFrom(i) => {
                    sync_pc!();
                    let m = self.top().clone();
                    let v = tryx!(crate::modules::import_from(self, &m, &code.names[i.idx()]));
                    self.push(v);
                }
                Instr::ImportStar => {
                    let m = self.pop();
                    if let Value::Module(m) = m {
                        let items = m.dict.table.lock().items();
                        let mut g = self.frames[fi].globals().table.lock();
                        for (k, v) in items {
                            if let Value::Str(s) = &k
                                && s.as_str().starts_with('_')
                            {
                                continue;
                            }
                            g.insert_str(k, v);
                        }
                    }
                }
                Instr::BeforeWith => {
                    let ctx = self.pop();
                    sync_pc!();
                    let protocol = |e: PyErr| {
                        if is_exc(&e, ExcKind::AttributeError) {
                            type_error(format!(
                                "'{}' object does not support the context manager protocol",
                                ctx.type_name()
                            ))
                        } else {
                            e
                        }
                    };
                    let exit = tryx!(
                        super::attrs::get_attr(self, &ctx, &Value::str("__exit__"))
                            .map_err(protocol)
                    );
                    let enter = tryx!(
                        super::attrs::get_attr(self, &ctx, &Value::str("__enter__"))
                            .map_err(protocol)
                    );
                    let r = tryx!(self.call(&enter, Args::empty()));
                    self.push(exit);
                    self.push(r);
                }
                Instr::WithExit => {
                    let exit = self.pop();
                    sync_pc!();
                    tryx!(self.call(
                        &exit,
                        Args::positional(vec![Value::None, Value::None, Value::None])
                    ));
                }
                Instr::WithExcept => {
                    let n = self.stack.len();
                    let exit = self.stack[n - 2].clone();
                    let exc = self.stack[n - 1].clone();
                    let typ = match &exc {
                        Value::Exc(e) => Value::Type(e.typ.clone()),
                        _ => Value::None,
                    };
                    sync_pc!();
                    let r = tryx!(self.call(&exit, Args::positional(vec![typ, exc, Value::None])));
                    self.push(Value::bool(ops::truthy(&r)));
                }
                // ------------------------------------------ superinstructions
                Instr::SubscrFastConst(l, c) => {
                    tick_parts!(2);
                    let hit = list_item(self.gil_exclusive, load_fast!(l), &code.consts[c.idx()]);
                    skip_part!();
                    skip_part!();
                    if let Some(v) = hit {
                        self.push(v);
                        continue;
                    }
                    let obj = self.stack[base + l.idx()].clone();
                    let key = &code.consts[c.idx()];
                    sync_pc!();
                    let r = tryx!(super::subscript::get_item(self, &obj, key));
                    self.push(r);
                }
                Instr::SubscrFastFast(a, b) => {
                    tick_parts!(2);
                    load_fast!(a);
                    skip_part!();
                    let hit = list_item(
                        self.gil_exclusive,
                        &self.stack[base + a.idx()],
                        load_fast!(b),
                    );
                    skip_part!();
                    let r = match hit {
                        Some(v) => v,
                        None => {
                            let obj = self.stack[base + a.idx()].clone();
                            let key = self.stack[base + b.idx()].clone();
                            sync_pc!();
                            tryx!(super::subscript::get_item(self, &obj, &key))
                        }
                    };
                    self.push(r);
                }
                Instr::DupSubscr => {
                    next_part!();
                    let n = self.stack.len();
                    let r =
                        match list_item(self.gil_exclusive, &self.stack[n - 2], &self.stack[n - 1])
                        {
                            Some(v) => v,
                            None => {
                                let obj = self.stack[n - 2].clone();
                                let key = self.stack[n - 1].clone();
                                sync_pc!();
                                tryx!(super::subscript::get_item(self, &obj, &key))
                            }
                        };
                    self.push(r);
                }
                Instr::DupSubscrFastConst(l, c) | Instr::DupSubscrFastConstLocal(l, c) => {
                    tick_parts!(3);
                    load_fast!(l);
                    skip_part!();
                    skip_part!();
                    skip_part!();
                    let obj = &self.stack[base + l.idx()];
                    let key = &code.consts[c.idx()];
                    let item = match list_item(self.gil_exclusive, obj, key) {
                        Some(v) => v,
                        None => {
                            let obj = obj.clone();
                            sync_pc!();
                            tryx!(super::subscript::get_item(self, &obj, key))
                        }
                    };
                    // The Local form leaves the container in its slot (see
                    // `InplaceOpStoreSubscrLocal`): no reference counted.
                    let obj = match instr {
                        Instr::DupSubscrFastConstLocal(..) => Value::Unbound,
                        _ => self.stack[base + l.idx()].clone(),
                    };
                    self.push(obj);
                    self.push(key.clone());
                    self.push(item);
                }
                Instr::BinaryOpDeref(op, i) => {
                    let cell = &self.frames[fi].cell(i).value;
                    // SAFETY: `gil_exclusive` (see `load_global`); a clone only.
                    let b = unsafe { gil_guarded(cell, self.gil_exclusive, |v| v.clone()) };
                    if let Value::Unbound = b {
                        sync_pc!();
                        return Err((self.unbound_cell_error(code, i.idx()), true));
                    }
                    next_part!();
                    if let Some(r) = fast_arith(op, self.top(), &b) {
                        drop_value(b);
                        let n = self.stack.len();
                        std::mem::forget(std::mem::replace(&mut self.stack[n - 1], r));
                        continue;
                    }
                    let a = self.pop();
                    let r = tryx!(self.arith_value(false, op, a, b));
                    self.push(r);
                }
                Instr::InplaceOpStoreSubscr(op) | Instr::InplaceOpStoreSubscrLocal(_, op) => {
                    let v = self.pop();
                    let item = self.pop();
                    let r = match fast_arith(op, &item, &v) {
                        Some(r) => {
                            forget_scalars(item, v);
                            r
                        }
                        None => {
                            sync_pc!();
                            tryx!(self.arith_value(true, op, item, v))
                        }
                    };
                    next_part!();
                    next_part!();
                    let key = self.pop();
                    let popped = self.pop();
                    // The Local form stores into the local's container in
                    // place (`popped` is then the marker its head pushed).
                    let obj = match instr {
                        Instr::InplaceOpStoreSubscrLocal(l, _) => &self.stack[base + l.idx()],
                        _ => &popped,
                    };
                    if let Some(r) = set_list_item(self.gil_exclusive, obj, &key, r) {
                        let obj = obj.clone();
                        sync_pc!();
                        tryx!(super::subscript::set_item(self, &obj, &key, r));
                    }
                    // Usually an int and the marker: no drop glue.
                    drop_value(key);
                    drop_value(popped);
                }
                Instr::LoadFastConst(a, c) => {
                    let v = load_fast!(a).clone();
                    self.push(v);
                    next_part!();
                    self.push(code.consts[c.idx()].clone());
                }
                Instr::LoadFastFast(a, b) => {
                    let v = load_fast!(a).clone();
                    self.push(v);
                    next_part!();
                    let v = load_fast!(b).clone();
                    self.push(v);
                }
                Instr::LoadFastAppend(l, _) if self.push_append_markers(base, l) => {
                    next_part!();
                }
                Instr::ListPopFast(l) => {
                    check_breaker!(); // the covered CallMethod's
                    if self.pop_local_list(base, l) {
                        tick_parts!(2);
                        skip_part!();
                        skip_part!();
                    } else {
                        // Not a list, or an empty one (the method raises):
                        // the covered instructions run as they are.
                        let v = load_fast!(l).clone();
                        self.push(v);
                    }
                }
                Instr::LoadFastMethod(l, i) | Instr::LoadFastAppend(l, i) => {
                    load_fast!(l);
                    next_part!();
                    let obj = &self.stack[base + l.idx()];
                    let name = &code.names[i.idx()];
                    let name_s = match name {
                        Value::Str(s) => s.as_str(),
                        _ => "",
                    };
                    let cache = &code.global_cache[i.idx()].method;
                    if let Some(m) =
                        crate::builtins::methods::find_method_cached(obj, name_s, cache)
                    {
                        let obj = obj.clone();
                        self.push(Value::MethodDesc(m));
                        self.push(obj);
                    } else {
                        let obj = obj.clone();
                        sync_pc!();
                        let v = tryx!(super::attrs::get_attr(self, &obj, name));
                        self.push(v);
                        self.push(Value::Unbound);
                    }
                }
                Instr::BinaryOpConst(op, c) | Instr::InplaceOpConst(op, c) => {
                    next_part!();
                    let b = &code.consts[c.idx()];
                    let n = self.stack.len();
                    if let Some(r) = fast_arith(op, &self.stack[n - 1], b) {
                        std::mem::forget(std::mem::replace(&mut self.stack[n - 1], r));
                        continue;
                    }
                    let a = self.pop();
                    let inplace = matches!(instr, Instr::InplaceOpConst(..));
                    let r = tryx!(self.arith_value(inplace, op, a, b.clone()));
                    self.push(r);
                }
                Instr::BinaryOpFast(op, l) => {
                    load_fast!(l);
                    next_part!();
                    let b = &self.stack[base + l.idx()];
                    let n = self.stack.len();
                    if let Some(r) = fast_arith(op, &self.stack[n - 1], b) {
                        std::mem::forget(std::mem::replace(&mut self.stack[n - 1], r));
                        continue;
                    }
                    let b = b.clone();
                    let a = self.pop();
                    let r = tryx!(self.arith_value(false, op, a, b));
                    self.push(r);
                }
                // BinaryOpFastFast and BinaryOpFastConst stay two arms:
                // merged behind a flag (as the compare-and-branch pair is)
                // they made fib, the loop and list methods 10-15 % slower.
                Instr::BinaryOpFastFast(op, a, b) => {
                    tick_parts!(2);
                    load_fast!(a);
                    skip_part!();
                    load_fast!(b);
                    skip_part!();
                    let x = &self.stack[base + a.idx()];
                    let y = &self.stack[base + b.idx()];
                    let r = match fast_arith(op, x, y) {
                        Some(r) => r,
                        None => {
                            let (x, y) = (x.clone(), y.clone());
                            tryx!(self.arith_value(false, op, x, y))
                        }
                    };
                    self.push(r);
                }
                Instr::BinaryOpFastConst(op, l, c) => {
                    tick_parts!(2);
                    load_fast!(l);
                    skip_part!();
                    skip_part!();
                    let x = &self.stack[base + l.idx()];
                    let y = &code.consts[c.idx()];
                    let r = match fast_arith(op, x, y) {
                        Some(r) => r,
                        None => {
                            let (x, y) = (x.clone(), y.clone());
                            tryx!(self.arith_value(false, op, x, y))
                        }
                    };
                    self.push(r);
                }
                Instr::BinaryOpStore(op, l) | Instr::InplaceOpStore(op, l) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = match fast_arith(op, &a, &b) {
                        Some(r) => {
                            forget_scalars(a, b);
                            r
                        }
                        None => {
                            let inplace = matches!(instr, Instr::InplaceOpStore(..));
                            tryx!(self.arith_value(inplace, op, a, b))
                        }
                    };
                    next_part!();
                    drop_value(replace_words(&mut self.stack[base + l.idx()], r));
                }
                Instr::StoreFastLoadFast(a, b) => {
                    let v = self.pop();
                    drop_value(replace_words(&mut self.stack[base + a.idx()], v));
                    next_part!();
                    let v = load_fast!(b).clone();
                    self.push(v);
                }
                Instr::PrintExpr => {
                    let v = self.pop();
                    if !v.is_none() {
                        sync_pc!();
                        let s = tryx!(super::repr::repr(self, &v));
                        crate::stdio::write_stdout(&format!("{s}\n"));
                        self.interp.builtins.set_str("_", v);
                    }
                }
            }
        }
    }

    fn unbound_cell_error(&self, code: &Code, i: usize) -> PyErr {
        if i < code.cellvars.len() {
            unbound_local(&code.cellvars[i])
        } else {
            name_error(format!(
                "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                code.freevars[i - code.cellvars.len()]
            ))
        }
    }

    fn make_function(
        &self,
        fi: usize,
        code: &Code,
        idx: usize,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
    ) -> Value {
        let child = code.children[idx].clone();
        let frame = &self.frames[fi];
        let closure: Box<[Arc<CellObj>]> = child
            .free_sources
            .iter()
            .map(|&i| frame.cell(i).clone())
            .collect();
        let defaults: Box<[Value]> = match defaults {
            Some(Value::Tuple(t)) => t.items.clone(),
            _ => Box::new([]),
        };
        let kwdefaults: Box<[(StrObj, Value)]> = match kwdefaults {
            Some(Value::Dict(d)) => d
                .table
                .lock()
                .iter()
                .filter_map(|e| match &e.key {
                    Value::Str(s) => Some((s.clone(), e.value.clone())),
                    _ => None,
                })
                .collect(),
            _ => Box::new([]),
        };
        let module_name = frame.globals().get_str("__name__").unwrap_or(Value::None);
        Value::Func(Arc::new(Function {
            code: child,
            globals: frame.globals().clone(),
            defaults,
            kwdefaults,
            closure,
            module_name,
            own_version: AtomicU64::new(Function::UNVERIFIED),
        }))
    }

    /// Turn the operand of `raise` into an exception object.
    fn make_exception(&mut self, v: Value) -> PyResult<PyErr> {
        let e = match v {
            Value::Exc(e) => e,
            Value::Type(t) if t.kind == TypeKind::Exception => exc_with_args(&t, vec![]),
            _ => return Err(type_error("exceptions must derive from BaseException")),
        };
        if let Some(ctx) = self.current_exception()
            && !Arc::ptr_eq(&ctx, &e)
            && e.context.lock().is_none()
        {
            *e.context.lock() = Some(ctx);
        }
        Ok(e)
    }

    /// Unpack `seq` into exactly `n` items (or `n` + a starred list + `after`).
    fn unpack(&mut self, seq: &Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
        let items = match seq {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.snapshot(),
            _ => {
                if super::iter::get_iter(seq).is_err() {
                    return Err(type_error(format!(
                        "cannot unpack non-iterable {} object",
                        seq.type_name()
                    )));
                }
                self.collect(seq)?
            }
        };
        match after {
            None => {
                if items.len() > n {
                    return Err(value_error(format!(
                        "too many values to unpack (expected {n})"
                    )));
                }
                if items.len() < n {
                    return Err(value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < n + after {
                    return Err(value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n + after,
                        items.len()
                    )));
                }
                let mut out = items[..n].to_vec();
                out.push(Value::list(items[n..items.len() - after].to_vec()));
                out.extend_from_slice(&items[items.len() - after..]);
                Ok(out)
            }
        }
    }

    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        super::iter::collect(self, v)
    }

    // ------------------------------------------------------------- calls

    /// Call the callable below `n` arguments on the stack (the last
    /// `len(kwnames)` of them keywords). Python functions get a new frame and
    /// `true` is returned (the loop switches to it); other callables run now
    /// and their result replaces them on the stack.
    #[inline(always)]
    fn call_from_stack(&mut self, n: usize, kwnames: Option<Value>) -> PyResult<bool> {
        let at = self.stack.len() - n - 1;
        if kwnames.is_none()
            && let Value::Func(f) = &self.stack[at]
            && takes_positional(&f.code, n)
        {
            // Arguments are already in place as the first locals, the
            // function below them in the callee slot.
            self.push_frame(at + 1, false)?;
            return Ok(true);
        }
        self.call_from_stack_slow(n, kwnames)
    }

    /// `call_from_stack` for everything but a plain positional call of a
    /// Python function: binds keywords, defaults, `*args`, or calls a native.
    #[inline(never)]
    fn call_from_stack_slow(&mut self, n: usize, kwnames: Option<Value>) -> PyResult<bool> {
        let mut args = self.pop_n(n);
        let func = self.pop();
        let mut kw = Vec::new();
        if let Some(Value::Tuple(names)) = kwnames {
            let nk = names.items.len();
            let vals: Vec<Value> = args.drain(args.len() - nk..).collect();
            for (name, v) in names.items.iter().zip(vals) {
                if let Value::Str(s) = name {
                    kw.push((s.clone(), v));
                }
            }
        }
        let a = Args { pos: args, kw };
        if let Value::Func(f) = &func {
            let locals = bind_args(f, a)?;
            self.push(func);
            let base = self.stack.len();
            self.stack.extend(locals);
            self.push_frame(base, false)?;
            return Ok(true);
        }
        let r = match &func {
            Value::Builtin(b) => (b.func)(self, a)?,
            _ => self.call(&func, a)?,
        };
        self.push(r);
        Ok(false)
    }

    /// Call any callable with arguments, running Python code to completion.
    pub fn call(&mut self, func: &Value, args: Args) -> PyResult<Value> {
        match func {
            Value::Func(f) => {
                self.check_native_stack("while calling a Python object")?;
                // Positional arguments that are all the function takes are
                // its first locals as they are (`map`, `filter`, `sorted`'s
                // key calling a lambda): no binding, no vector of locals.
                let base = self.stack.len() + 1;
                if args.kw.is_empty() && takes_positional(&f.code, args.pos.len()) {
                    self.push(func.clone());
                    self.stack.extend(args.pos);
                } else {
                    let locals = bind_args(f, args)?;
                    self.push(func.clone());
                    self.stack.extend(locals);
                }
                self.push_frame(base, true)?;
                self.run()
            }
            Value::Builtin(b) => (b.func)(self, args),
            Value::MethodDesc(m) => {
                let mut args = args;
                if args.pos.is_empty() {
                    return Err(type_error(format!(
                        "unbound method {}.{}() needs an argument",
                        m.owner, m.name
                    )));
                }
                let recv = args.pos.remove(0);
                (m.func)(self, &recv, args)
            }
            Value::BoundMethod(b) => match &b.func {
                BoundFunc::Native(m) => (m.func)(self, &b.receiver, args),
                BoundFunc::Python(f) => {
                    let mut args = args;
                    args.pos.insert(0, b.receiver.clone());
                    let f = f.clone();
                    self.call(&f, args)
                }
            },
            Value::Type(t) => match t.native {
                Some(class) => super::native::construct(self, class, args),
                None => crate::builtins::construct(self, t, args),
            },
            Value::Native(n) => match n.call(self, func, args) {
                Some(r) => r,
                None => Err(type_error(format!(
                    "'{}' object is not callable",
                    func.type_name()
                ))),
            },
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// `a op b`, or `a op= b` when `inplace`, for operands `fast_arith`
    /// does not handle.
    #[inline(always)]
    fn arith_value(&mut self, inplace: bool, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if inplace {
            self.inplace_op_value(op, a, b)
        } else {
            self.binary_op_value(op, a, b)
        }
    }

    /// `a op b` beyond `fast_arith` (`%` on a str formats).
    #[inline(never)]
    fn binary_op_value(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let (BinOp::Mod, Value::Str(f)) = (op, &a) {
            return super::format::percent_format(self, f.as_str(), &b);
        }
        self.binary_op_slow(op, &a, &b)
    }

    /// `a op= b` for operands `fast_arith` does not handle (lists extend in place).
    #[inline(never)]
    fn inplace_op_value(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        match &a {
            Value::List(l) if op == BinOp::Add => {
                let extra = self.collect(&b)?;
                l.items.lock().extend(extra);
                Ok(a)
            }
            Value::Str(f) if op == BinOp::Mod => {
                super::format::percent_format(self, f.as_str(), &b)
            }
            _ => self.inplace_op_slow(op, &a, &b),
        }
    }

    /// `a op b` beyond the inline fast path (natives first).
    #[inline(never)]
    fn binary_op_slow(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        // `a` was popped off the stack: a count of one means no variable,
        // container or other thread can see it — a temporary.
        if let Value::Native(n) = a
            && Arc::strong_count(n) == 1
            && let Some(r) = n.binary_op_temp(self, a, op, b)
        {
            return r;
        }
        if let Some(r) = super::native::binary_op(self, op, a, b) {
            return r;
        }
        ops::binary_op(op, a, b)
    }

    #[inline(never)]
    fn inplace_op_slow(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(r) = super::native::inplace_op(self, op, a, b) {
            return r;
        }
        ops::inplace_op(op, a, b)
    }

    #[inline(never)]
    fn compare_op_slow(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(r) = super::native::compare_op(self, op, a, b) {
            return r;
        }
        ops::compare_op(op, a, b)
    }

    /// How many Python frames this thread has (for `sys.setrecursionlimit`).
    pub fn frame_depth(&self) -> usize {
        self.frames.len()
    }

    /// Reset after an uncaught error (the REPL goes on with a clean stack).
    pub fn reset(&mut self) {
        self.stack.clear();
        self.frames.clear();
        self.exc_info.clear();
        self.depth = 0;
        self.repr_guard.clear();
    }
}

/// Append `v` to `list`, without its lock under an exclusive GIL.
#[inline(always)]
fn append_to_list(list: &ListObj, gil_exclusive: bool, v: Value) {
    let push = |items: &mut Vec<Value>| push_growing(items, v);
    // SAFETY: `gil_exclusive` is the VM's; `push` only moves a value in.
    unsafe { gil_guarded(&list.items, gil_exclusive, push) };
}

/// The last item of `list`, taken out, without its lock under an exclusive
/// GIL (None when it is empty).
#[inline(always)]
fn pop_from_list(list: &ListObj, gil_exclusive: bool) -> Option<Value> {
    let pop = |items: &mut Vec<Value>| items.pop();
    // SAFETY: `gil_exclusive` is the VM's; `pop` only moves a value out.
    unsafe { gil_guarded(&list.items, gil_exclusive, pop) }
}

/// Does a call of `code` with `n` positional arguments need no binding (no
/// defaults, keywords or `*args` to fill): are they its locals as they are?
#[inline(always)]
fn takes_positional(code: &Code, n: usize) -> bool {
    code.shape.positional as usize == n
}

/// `std::mem::replace` for a stack slot or list item, word by word.
#[inline(always)]
fn replace_words(slot: &mut Value, v: Value) -> Value {
    // SAFETY: `slot` is a valid, initialised `Value`: its old contents are
    // moved out, then `v` is moved in over them.
    unsafe {
        let old = move_words(slot);
        write_words(slot, v);
        old
    }
}

/// `obj[key]` when `obj` is a list and `key` an int in range (nbody,
/// sieves, matrices); None for everything else. `exclusive`: the VM's
/// `gil_exclusive` (the list's lock may be skipped).
#[inline(always)]
fn list_item(exclusive: bool, obj: &Value, key: &Value) -> Option<Value> {
    let (Value::List(l), Value::Int(i)) = (obj, key) else {
        return None;
    };
    let read = |items: &mut Vec<Value>| {
        let j = if *i < 0 { *i + items.len() as i64 } else { *i };
        usize::try_from(j).ok().and_then(|j| items.get(j).cloned())
    };
    // SAFETY: `exclusive` comes from `Vm::gil_exclusive`; `read` only clones.
    unsafe { gil_guarded(&l.items, exclusive, read) }
}

/// `obj[key] = v` when `obj` is a list and `key` an int in range (the old
/// item is dropped after the list is released); gives `v` back otherwise.
#[inline(always)]
fn set_list_item(exclusive: bool, obj: &Value, key: &Value, v: Value) -> Option<Value> {
    let (Value::List(l), Value::Int(i)) = (obj, key) else {
        return Some(v);
    };
    let write = |items: &mut Vec<Value>| {
        let j = if *i < 0 { *i + items.len() as i64 } else { *i };
        match usize::try_from(j).ok().and_then(|j| items.get_mut(j)) {
            Some(slot) => Ok(replace_words(slot, v)),
            None => Err(v),
        }
    };
    // SAFETY: `exclusive` comes from `Vm::gil_exclusive`; `write` only
    // moves values.
    match unsafe { gil_guarded(&l.items, exclusive, write) } {
        Ok(old) => {
            drop_value(old);
            None
        }
        Err(v) => Some(v),
    }
}

fn unbound_local(name: &str) -> PyErr {
    unbound_local_error(format!(
        "cannot access local variable '{name}' where it is not associated with a value"
    ))
}

/// Does exception `e` match the `except` clause operand `typ`?
fn exception_matches(e: &ExcObj, typ: &Value) -> PyResult<bool> {
    match typ {
        Value::Type(t) if t.kind == TypeKind::Exception => Ok(e.is_instance(t)),
        Value::Tuple(ts) => {
            for t in ts.items.iter() {
                if exception_matches(e, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
