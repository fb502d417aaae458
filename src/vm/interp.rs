//! The dispatch loop: one function, one `match` over instructions.
//!
//! `Interp` is what all threads of one program share (builtins, modules,
//! settings); `Vm` is one thread of execution (its value stack, frames, the
//! exception being handled and its eval breaker). Python-to-Python calls push a
//! frame and continue in the same loop (no native recursion), so deep Python
//! recursion is bounded by `sys.getrecursionlimit()` only. Natives that call
//! back into Python (`sorted(key=…)`, `map`) re-enter `run` with an *entry*
//! frame, which returns to them.

use std::collections::HashMap;
use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use parking_lot::Mutex;
use smallvec::SmallVec;

use super::call::bind_args;
use super::dict::DictTable;
use super::error::*;
use super::fast::{drop_value, fast_arith, fast_compare, forget_scalars};
use super::objects::*;
use super::ops;
use super::value::{Value, move_words, write_words};
use crate::compile::bytecode::{Code, GlobalCache, Instr};
use crate::gil::{EvalBreaker, Gil, GilMode, ThreadGilState};
use crate::modules::random_mt::MersenneTwister;
use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};

/// Interpreter-wide state shared by every thread of one program.
pub struct Interp {
    pub builtins: Arc<DictObj>,
    pub modules: Mutex<HashMap<String, Value>>,
    pub recursion_limit: AtomicUsize,
    pub argv: Vec<String>,
    pub random: Mutex<MersenneTwister>,
    /// Set by the Ctrl-C handler and the eval breaker of the main thread.
    pub main_breaker: Arc<EvalBreaker>,
    /// The global interpreter lock every thread of this program shares.
    pub gil: Gil,
    /// `threading.Thread` objects of the threads started and not yet
    /// finished (for `threading.enumerate` and the wait at exit).
    pub live_threads: Mutex<Vec<Value>>,
    /// Source of `threading.get_ident()` values.
    next_ident: AtomicU64,
    /// The main thread's `threading.get_ident()`.
    pub main_ident: u64,
    /// The main thread's `threading` object, made on first use.
    pub main_thread: std::sync::OnceLock<Value>,
}

impl Interp {
    pub fn new(argv: Vec<String>) -> Arc<Interp> {
        Interp::with_gil(argv, GilMode::default(), crate::gil::DEFAULT_INTERVAL_US)
    }

    /// An interpreter whose GIL runs in `mode` with the given switch interval.
    pub fn with_gil(argv: Vec<String>, mode: GilMode, interval_us: u64) -> Arc<Interp> {
        Arc::new(Interp {
            main_ident: ident_number(0),
            builtins: Arc::new(crate::builtins::make_builtins()),
            modules: Mutex::new(HashMap::new()),
            recursion_limit: AtomicUsize::new(1000),
            argv,
            random: Mutex::new(MersenneTwister::new()),
            main_breaker: Arc::new(EvalBreaker::new()),
            gil: Gil::new(mode, interval_us),
            live_threads: Mutex::new(Vec::new()),
            main_thread: std::sync::OnceLock::new(),
            next_ident: AtomicU64::new(1),
        })
    }

    /// A new thread identity.
    pub fn new_ident(&self) -> u64 {
        ident_number(self.next_ident.fetch_add(1, Ordering::Relaxed))
    }
}

/// The `k`th thread identity, shaped like CPython's (a large number, as the
/// address of a pthread).
fn ident_number(k: u64) -> u64 {
    0x7f3a_5c00_0000 + k * 0x80_0000
}

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

/// A call frame.
///
/// A frame borrows its function (code, globals, closure) instead of holding
/// reference counts on them: entering and leaving a call touches no counter
/// of the shared code object or module namespace (only the function's own,
/// taken when the caller loaded it), which keeps calls cheap and cuts the
/// cache-line traffic between threads running the same code under
/// `--gil=off`. The function stays alive because the frame's *callee slot*
/// `stack[base - 1]` holds it for the frame's whole life (see `Frame::func`).
///
/// A recursive call (`fib(n - 1)`) does not even count its function: its
/// callee slot holds `Value::Unbound`, a marker for "the caller's own
/// function", which the caller's slot keeps alive (`Vm::push_own_function`).
struct Frame {
    /// The function being run, owned by the callee slot `stack[base - 1]`.
    func: NonNull<Function>,
    /// New cells for the code's cellvars (its freevars are read from the
    /// function's closure). None for the common functions without them:
    /// dropping a frame then costs no out-of-line vector drop.
    cells: Option<Box<[Arc<CellObj>]>>,
    pc: usize,
    /// Index in `Vm::stack` of local slot 0; the operand stack starts at
    /// `base + nlocals`. The slot below `base` holds the callee.
    base: usize,
    /// Length of `exc_info` when the frame was entered.
    exc_depth: usize,
    /// Returning from this frame returns from `Vm::run`.
    entry: bool,
}

impl Frame {
    /// The function this frame runs.
    ///
    /// The lifetime is not tied to `&self` so that the dispatch loop can
    /// keep `&Code` while it mutates the VM; callers must not use the result
    /// after the frame is popped.
    #[inline(always)]
    fn func<'a>(&self) -> &'a Function {
        // SAFETY: `push_frame` takes `func` from the `Value::Func` it has
        // just placed in the callee slot `stack[base - 1]`. Nothing writes
        // that slot while the frame exists: it is below the frame's locals
        // (StoreFast/DeleteFast address `base + i`), the caller's
        // instructions do not run until the frame is popped, exception
        // handlers truncate the stack only above `base + nlocals`, and
        // `pop_frame` (or `reset`, which clears frames and stack together)
        // drops the slot only when the frame goes. So the `Arc<Function>`
        // the slot owns outlives the frame; `Function` is immutable. (A slot
        // holding the `Unbound` marker means the caller's function, which
        // the caller's slot keeps in the same way for longer.)
        unsafe { self.func.as_ref() }
    }

    #[inline(always)]
    fn code<'a>(&self) -> &'a Code {
        &self.func().code
    }

    #[inline(always)]
    fn globals<'a>(&self) -> &'a Arc<DictObj> {
        &self.func().globals
    }

    /// Cell `i`: the code's cellvars, then its freevars (from the closure);
    /// the compiler emits cell instructions only for code that has cells.
    #[inline]
    fn cell(&self, i: u32) -> &Arc<CellObj> {
        let own = self.cells.as_deref().unwrap_or(&[]);
        let i = i as usize;
        if i < own.len() {
            &own[i]
        } else {
            &self.func().closure[i - own.len()]
        }
    }
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

    /// Push a frame for the function in `stack[base - 1]` (a `Value::Func`)
    /// whose arguments already occupy `stack[base..]`.
    #[inline(always)]
    fn push_frame(&mut self, base: usize, entry: bool) -> PyResult<()> {
        let func = match &self.stack[base - 1] {
            Value::Func(f) => NonNull::from(&**f),
            _ => unreachable!("a frame's callee slot holds its function"),
        };
        self.push_frame_of(func, base, entry)
    }

    /// `push_frame` for `func`, which the callee slot holds (a
    /// `Value::Func`, or the `Unbound` marker of the caller's own function).
    #[inline(always)]
    fn push_frame_of(&mut self, func: NonNull<Function>, base: usize, entry: bool) -> PyResult<()> {
        // SAFETY: the callee slot keeps the function alive (see `Frame::func`).
        let code: &Code = unsafe { &func.as_ref().code };
        let limit = self.interp.recursion_limit.load(Ordering::Relaxed);
        if self.depth >= limit {
            self.stack.truncate(base - 1);
            return Err(recursion_error("maximum recursion depth exceeded"));
        }
        let need = base + code.shape.nlocals as usize;
        if self.stack.len() < need {
            self.stack.resize(need, Value::Unbound);
        }
        let cells = if !code.shape.has_cells {
            None
        } else {
            Some(self.make_cells(code, base))
        };
        self.depth += 1;
        if self.frames.len() == self.frames.capacity() {
            self.frames.reserve(1);
        }
        let frame = Frame {
            func,
            cells,
            pc: 0,
            base,
            exc_depth: self.exc_info.len(),
            entry,
        };
        // Written in place rather than by `Vec::push`: across push's
        // out-of-line growth call the compiler assembled the frame in a
        // native-stack temporary and copied it with 16-byte loads that
        // straddled its 8- and 1-byte stores (a store-forwarding stall on
        // every call; ~10 % of fib's time under perf).
        // SAFETY: `reserve` made room for slot `len`, written before it is counted.
        unsafe {
            let len = self.frames.len();
            self.frames.as_mut_ptr().add(len).write(frame);
            self.frames.set_len(len + 1);
        }
        Ok(())
    }

    /// New cells for the code's cellvars, parameters moved in from their slots.
    fn make_cells(&mut self, code: &Code, base: usize) -> Box<[Arc<CellObj>]> {
        let mut cells = Vec::with_capacity(code.cellvars.len());
        for _ in 0..code.cellvars.len() {
            cells.push(Arc::new(CellObj::new(Value::Unbound)));
        }
        for &(cell, slot) in &code.cell_params {
            let v = std::mem::replace(&mut self.stack[base + slot as usize], Value::Unbound);
            cells[cell as usize].set(v);
        }
        cells.into_boxed_slice()
    }

    /// Pop the current frame, dropping its locals and its callee slot;
    /// returns whether it was an entry frame.
    ///
    /// Reads the fields it needs in place: returning the `Frame` by value
    /// copied it through a temporary with 16-byte loads of 8-byte stores
    /// (a store-forwarding stall per return).
    #[inline(always)]
    fn pop_frame(&mut self) -> bool {
        let (base, entry) = self.pop_frame_above_callee();
        drop_value(self.pop());
        debug_assert_eq!(self.stack.len(), base - 1);
        entry
    }

    /// Pop the current frame and drop its locals, leaving its callee slot
    /// `stack[base - 1]` on the stack; returns (base, whether it was an
    /// entry frame).
    #[inline(always)]
    fn pop_frame_above_callee(&mut self) -> (usize, bool) {
        let f = self.frames.last().expect("a frame to pop");
        let (base, exc_depth, entry) = (f.base, f.exc_depth, f.entry);
        self.frames.truncate(self.frames.len() - 1);
        self.depth -= 1;
        if self.exc_info.len() > exc_depth {
            self.exc_info.truncate(exc_depth);
        }
        // Locals are mostly scalars: drop them without the generic glue.
        while self.stack.len() > base {
            let v = self.pop();
            drop_value(v);
        }
        (base, entry)
    }

    /// Return `v` from the current frame: it takes the frame's callee slot,
    /// so the caller finds it on top of its stack. Some(v) when the frame
    /// was an entry frame (`v` is then off the stack again).
    ///
    /// `v` goes into the slot (as two words) before the frame is popped:
    /// held in a local across the pop, the compiler spilled it to a
    /// temporary and reloaded it with one 16-byte load of two fresh 8-byte
    /// stores, a store-forwarding stall on every return.
    ///
    /// The function is kept across the pop as its one pointer word: held
    /// as a `Value`, it was spilled as two words and reloaded for the
    /// generic drop with one 16-byte load (another stall, ~11 % of fib).
    #[inline(always)]
    fn return_from_frame(&mut self, base: usize, v: Value) -> Option<Value> {
        // The function stays alive in `callee` until the frame is gone (null
        // for the `Unbound` marker: the caller's own, which it keeps).
        let callee = match replace_words(&mut self.stack[base - 1], v) {
            Value::Func(f) => Arc::into_raw(f),
            marker => {
                std::mem::forget(marker);
                std::ptr::null()
            }
        };
        let (_, entry) = self.pop_frame_above_callee();
        if !callee.is_null() {
            // SAFETY: `callee` came from `Arc::into_raw` just above.
            drop(unsafe { Arc::from_raw(callee) });
        }
        entry.then(|| self.pop())
    }

    /// Recursive calls without reference counting: deferred reference
    /// counting, as CPython 3.14 does for functions, narrowed to the case
    /// that needs no garbage collector. The quickener pairs a load of the
    /// function's own global name with the call that consumes it
    /// (`LoadGlobalCallee` … `CallOwn`, nothing in between reaching the
    /// callee). When the global is indeed the function frame `fi` runs, the
    /// load pushes `Value::Unbound` — a value no program can push, owning
    /// nothing — and `CallOwn` gives the new frame the caller's function,
    /// alive in the caller's callee slot for longer than the new frame
    /// (frames nest strictly). So no atomic increment at the load and no
    /// decrement at the return; an exception between load and call drops
    /// the marker as the scalar it is.
    ///
    /// Returns false (pushing nothing) when the global is not the running
    /// function or its cache entry cannot tell.
    ///
    /// The check costs two loads while the globals are unchanged since the
    /// last one that looked (`Function::own_version`, against the globals'
    /// `DictTable::version`, which every store to them moves on).
    #[inline(always)]
    fn push_own_function(&mut self, fi: usize, code: &Code, i: usize) -> bool {
        let func = self.frames[fi].func();
        let table = &func.globals.table;
        if !self.gil_exclusive || table.is_locked() {
            return false;
        }
        // SAFETY: as in `gil_guarded`: the GIL is exclusive and held by this
        // thread, and the table is not locked.
        let g = unsafe { &*table.data_ptr() };
        if func.own_version.load(Ordering::Relaxed) != g.version() {
            if !self.global_is_own_function(func, g, code, i) {
                return false;
            }
            func.own_version.store(g.version(), Ordering::Relaxed);
        }
        self.push(Value::Unbound);
        true
    }

    /// Is global `code.names[i]` (found through its cache entry) `func`?
    #[inline(never)]
    fn global_is_own_function(
        &self,
        func: &Function,
        g: &DictTable,
        code: &Code,
        i: usize,
    ) -> bool {
        let c = code.global_cache[i].globals.load(Ordering::Relaxed);
        if c >= 1 << 32 {
            return false;
        }
        matches!(
            g.entry_at(c as usize),
            Some(e) if same_str_object(&e.key, &code.names[i])
                && matches!(&e.value, Value::Func(f) if std::ptr::eq(&**f, func))
        )
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
    fn push_append_markers(&mut self, base: usize, l: u16) -> bool {
        if !matches!(self.stack[base + l as usize], Value::List(_)) {
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
    fn append_top_to_local(&mut self, base: usize, l: u16) -> PyResult<()> {
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
        let Value::List(list) = &self.stack[base + l as usize] else {
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
    fn pop_local_list(&mut self, base: usize, l: u32) -> bool {
        let Value::List(list) = &self.stack[base + l as usize] else {
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
                let v = &self.stack[base + $i as usize];
                if let Value::Unbound = v {
                    sync_pc!();
                    return Err((unbound_local(&code.varnames[$i as usize]), true));
                }
                v
            }};
        }
        // Global `names[i]` (NameError, with a suggestion, if unbound).
        macro_rules! load_global {
            ($i:expr) => {
                match self.load_global(fi, code, $i as usize) {
                    Some(v) => v,
                    None => {
                        sync_pc!();
                        let name = &code.names[$i as usize];
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
                Instr::LoadConst(i) => self.push(code.consts[i as usize].clone()),
                Instr::LoadFast(i) => {
                    let v = load_fast!(i).clone();
                    self.push(v);
                }
                Instr::StoreFast(i) => {
                    let v = self.pop();
                    drop_value(replace_words(&mut self.stack[base + i as usize], v));
                }
                Instr::DeleteFast(i) => {
                    let slot = &mut self.stack[base + i as usize];
                    if let Value::Unbound = slot {
                        sync_pc!();
                        return Err((unbound_local(&code.varnames[i as usize]), true));
                    }
                    *slot = Value::Unbound;
                }
                Instr::LoadDeref(i) => {
                    let cell = &self.frames[fi].cell(i).value;
                    // SAFETY: `gil_exclusive` (see `load_global`); a clone only.
                    let v = unsafe { gil_guarded(cell, self.gil_exclusive, |v| v.clone()) };
                    if let Value::Unbound = v {
                        sync_pc!();
                        return Err((self.unbound_cell_error(code, i as usize), true));
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
                Instr::LoadGlobalCallee(i) if self.push_own_function(fi, code, i as usize) => {}
                Instr::LoadGlobal(i) | Instr::LoadGlobalCallee(i) => {
                    let v = load_global!(i);
                    self.push(v);
                }
                Instr::StoreGlobal(i) => {
                    let v = self.pop();
                    let old = self.store_global(fi, code, i as usize, v);
                    drop(old);
                }
                Instr::DeleteGlobal(i) => {
                    let name = &code.names[i as usize];
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
                    let v = tryx!(super::attrs::get_attr(self, &obj, &code.names[i as usize]));
                    self.push(v);
                }
                Instr::StoreAttr(i) => {
                    let obj = self.pop();
                    let v = self.pop();
                    tryx!(super::attrs::set_attr(&obj, &code.names[i as usize], v));
                }
                Instr::DeleteAttr(i) => {
                    let obj = self.pop();
                    tryx!(super::attrs::del_attr(&obj, &code.names[i as usize]));
                }
                Instr::LoadMethod(i) => {
                    let obj = self.pop();
                    let name = &code.names[i as usize];
                    let name_s = match name {
                        Value::Str(s) => s.as_str(),
                        _ => "",
                    };
                    if let Some(m) = crate::builtins::methods::find_method_cached(
                        &obj,
                        name_s,
                        &code.global_cache[i as usize].method,
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
                    if !self.push_own_function(fi, code, g as usize) {
                        let f = load_global!(g);
                        self.push(f);
                    }
                    skip_part!();
                    load_fast!(l);
                    skip_part!();
                    skip_part!();
                    let x = &self.stack[base + l as usize];
                    let y = &code.consts[c as usize];
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
                        let r = tryx!(self.len_of(&self.stack[base + l as usize]));
                        self.push(Value::Int(r));
                        continue;
                    }
                    let arg = self.stack[base + l as usize].clone();
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
                        pc = t as usize;
                    }
                }
                Instr::CompareConstJumpIfFalse(op, c, t) => {
                    next_part!();
                    let b = &code.consts[c as usize];
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
                        pc = t as usize;
                    }
                }
                Instr::CompareFastConstJumpIfFalse(op, l, c, t)
                | Instr::CompareFastFastJumpIfFalse(op, l, c, t) => {
                    tick_parts!(2);
                    load_fast!(l);
                    skip_part!();
                    let fast_fast = matches!(instr, Instr::CompareFastFastJumpIfFalse(..));
                    if fast_fast {
                        load_fast!(c);
                    }
                    skip_part!();
                    let a = &self.stack[base + l as usize];
                    let b = match fast_fast {
                        true => &self.stack[base + c as usize],
                        false => &code.consts[c as usize],
                    };
                    let truth = match fast_compare(op, a, b) {
                        Some(t) => t,
                        None => {
                            let (a, b) = (a.clone(), b.clone());
                            ops::truthy(&tryx!(self.compare_op_slow(op, &a, &b)))
                        }
                    };
                    if !truth {
                        pc = t as usize;
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
                Instr::Jump(t) => pc = t as usize,
                Instr::JumpBack(t) => {
                    // Check before jumping, so an interrupt reports the loop's line.
                    check_breaker!();
                    pc = t as usize;
                }
                Instr::PopJumpIfFalse(t) => {
                    let v = self.pop();
                    let b = match v {
                        Value::Bool(b) => b.get(),
                        Value::Native(ref n) => tryx!(n.truthy()),
                        ref other => ops::truthy(other),
                    };
                    if !b {
                        pc = t as usize;
                    }
                }
                Instr::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    if tryx!(ops::truthy_checked(&v)) {
                        pc = t as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(t) => {
                    if tryx!(ops::truthy_checked(self.top())) {
                        self.stack.pop();
                    } else {
                        pc = t as usize;
                    }
                }
                Instr::JumpIfTrueOrPop(t) => {
                    if tryx!(ops::truthy_checked(self.top())) {
                        pc = t as usize;
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
                                drop_value(replace_words(&mut self.stack[base + l as usize], v));
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
                                pc = t as usize;
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
                            pc = t as usize;
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
                    let name = match &code.names[i as usize] {
                        Value::Str(s) => s.clone(),
                        _ => unreachable!("names are strings"),
                    };
                    let m = tryx!(crate::modules::import(self, name.as_str()));
                    self.push(m);
                }
                Instr::ImportFrom(i) => {
                    sync_pc!();
                    let m = self.top().clone();
                    let v = tryx!(crate::modules::import_from(
                        self,
                        &m,
                        &code.names[i as usize]
                    ));
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
                    let hit =
                        list_item(self.gil_exclusive, load_fast!(l), &code.consts[c as usize]);
                    skip_part!();
                    skip_part!();
                    if let Some(v) = hit {
                        self.push(v);
                        continue;
                    }
                    let obj = self.stack[base + l as usize].clone();
                    let key = &code.consts[c as usize];
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
                        &self.stack[base + a as usize],
                        load_fast!(b),
                    );
                    skip_part!();
                    let r = match hit {
                        Some(v) => v,
                        None => {
                            let obj = self.stack[base + a as usize].clone();
                            let key = self.stack[base + b as usize].clone();
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
                    let obj = &self.stack[base + l as usize];
                    let key = &code.consts[c as usize];
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
                        _ => self.stack[base + l as usize].clone(),
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
                        return Err((self.unbound_cell_error(code, i as usize), true));
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
                        Instr::InplaceOpStoreSubscrLocal(l, _) => &self.stack[base + l as usize],
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
                    self.push(code.consts[c as usize].clone());
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
                    let obj = &self.stack[base + l as usize];
                    let name = &code.names[i as usize];
                    let name_s = match name {
                        Value::Str(s) => s.as_str(),
                        _ => "",
                    };
                    let cache = &code.global_cache[i as usize].method;
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
                    let b = &code.consts[c as usize];
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
                    let b = &self.stack[base + l as usize];
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
                    let x = &self.stack[base + a as usize];
                    let y = &self.stack[base + b as usize];
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
                    let x = &self.stack[base + l as usize];
                    let y = &code.consts[c as usize];
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
                    drop_value(replace_words(&mut self.stack[base + l as usize], r));
                }
                Instr::StoreFastLoadFast(a, b) => {
                    let v = self.pop();
                    drop_value(replace_words(&mut self.stack[base + a as usize], v));
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

    /// Read global `code.names[i]`, then the builtins, through the per-name
    /// inline cache (`GlobalCache`): a hit is one lock and one pointer
    /// comparison, no hashing.
    #[inline]
    fn load_global(&self, fi: usize, code: &Code, i: usize) -> Option<Value> {
        use std::sync::atomic::Ordering::Relaxed;
        const ABSENT: u64 = 1 << 62;
        let name = &code.names[i];
        let cache = &code.global_cache[i];
        let globals = self.frames[fi].globals();
        // A builtin found last time (CPython's LOAD_GLOBAL_BUILTIN): both
        // dicts' keys versions unchanged means the name is still absent
        // from the globals and still at the cached position in the
        // builtins, so one read of that entry, without either lock (the
        // hash guards against a version wrapping round, as below).
        let (c, b) = (cache.globals.load(Relaxed), cache.builtins.load(Relaxed));
        if c & ABSENT != 0 && c != GlobalCache::EMPTY {
            let (gt, bt) = (&globals.table, &self.interp.builtins.table);
            if self.gil_exclusive && !gt.is_locked() && !bt.is_locked() {
                // SAFETY: as in `gil_guarded`: the GIL is exclusive and held
                // by this thread, and neither table is locked; reads only.
                let (g, bt) = unsafe { (&*gt.data_ptr(), &*bt.data_ptr()) };
                if c as u32 == g.keys_version()
                    && let Some(v) = cached_builtin(bt, b, name)
                {
                    return Some(v.clone());
                }
            }
        }
        // Ok(found) or Err(()) for "not a global: try the builtins".
        let read_globals = |g: &mut DictTable| {
            let c = cache.globals.load(Relaxed);
            let absent = if c < (1 << 32) {
                match g.entry_at(c as usize) {
                    Some(e) if same_str_object(&e.key, name) => return Ok(Some(e.value.clone())),
                    _ => false,
                }
            } else {
                c != GlobalCache::EMPTY && c & ABSENT != 0 && c as u32 == g.keys_version()
            };
            if !absent {
                let Value::Str(s) = name else { return Ok(None) };
                match g.find(s.hash(), name) {
                    Some(pos) => {
                        cache.globals.store(pos as u64, Relaxed);
                        return Ok(g.entry_at(pos).map(|e| e.value.clone()));
                    }
                    None => cache
                        .globals
                        .store(ABSENT | g.keys_version() as u64, Relaxed),
                }
            }
            Err(())
        };
        // SAFETY: `gil_exclusive` is set only under --gil=on/legacy, and this
        // VM runs bytecode only while holding the GIL; the lookup runs no
        // Python code.
        if let Ok(found) = unsafe { gil_guarded(&globals.table, self.gil_exclusive, read_globals) }
        {
            return found;
        }
        // The builtins' cache entry is (keys version, position): while no
        // builtin name is added or removed the entry at that position is
        // still this name's (CPython's LOAD_GLOBAL_BUILTIN check). The
        // hash comparison guards against the 32-bit version wrapping round.
        let Value::Str(s) = name else { return None };
        let read_builtins = |b: &mut DictTable| {
            if let Some(v) = cached_builtin(b, cache.builtins.load(Relaxed), name) {
                return Some(v.clone());
            }
            let pos = b.find(s.hash(), name)?;
            cache
                .builtins
                .store(u64::from(b.keys_version()) << 32 | pos as u64, Relaxed);
            b.entry_at(pos).map(|e| e.value.clone())
        };
        // SAFETY: as for the globals.
        unsafe {
            gil_guarded(
                &self.interp.builtins.table,
                self.gil_exclusive,
                read_builtins,
            )
        }
    }

    /// Store global `code.names[i]` through the same cache as `load_global`;
    /// returns the old value so it is dropped after the lock is released.
    #[inline]
    fn store_global(&self, fi: usize, code: &Code, i: usize, v: Value) -> Option<Value> {
        use std::sync::atomic::Ordering::Relaxed;
        let name = &code.names[i];
        let cache = &code.global_cache[i];
        let mut g = self.frames[fi].globals().table.lock();
        let c = cache.globals.load(Relaxed);
        let v = if c < (1 << 32) {
            match g.replace_at_if_key(c as usize, name, v) {
                Ok(old) => return Some(old),
                Err(v) => v,
            }
        } else {
            v
        };
        let old = g.insert_str(name.clone(), v);
        if let Value::Str(s) = name
            && let Some(pos) = g.find(s.hash(), name)
        {
            cache.globals.store(pos as u64, Relaxed);
        }
        old
    }

    /// NameError for a global, with CPython's suggestion from the frame's
    /// locals, then its globals, then the builtins.
    #[cold]
    fn name_error_with_suggestion(&self, fi: usize, name: &Value) -> PyErr {
        let e = name_not_defined(name);
        let Value::Str(n) = name else { return e };
        let frame = &self.frames[fi];
        let locals: Vec<&str> = frame
            .code()
            .varnames
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(self.stack[frame.base + i], Value::Unbound))
            .map(|(_, v)| v.as_str())
            .collect();
        let found = super::suggest::suggest(n.as_str(), locals).or_else(|| {
            [frame.globals(), &self.interp.builtins]
                .into_iter()
                .find_map(|d| {
                    let keys = d.table.lock().keys();
                    let names: Vec<&str> = keys
                        .iter()
                        .filter_map(|k| match k {
                            Value::Str(s) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect();
                    super::suggest::suggest(n.as_str(), names)
                })
        });
        *e.suggestion.lock() = found;
        e
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
            Value::Str(f) if op == BinOp::Mod => super::format::percent_format(self, f.as_str(), &b),
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

/// Are `a` and `b` the same `str` object? (`Value::is` narrowed to what a
/// global cache compares: interned names.)
#[inline(always)]
fn same_str_object(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Str(x), Value::Str(y)) if StrObj::ptr_eq(x, y))
}

/// The builtin that cache word `c` (`GlobalCache::builtins`: keys version,
/// position) found for `name` in builtins table `b`, if that table's keys
/// are unchanged since: the entry at the position is still this name's.
/// The hash comparison guards against the 32-bit version wrapping round.
#[inline(always)]
fn cached_builtin<'a>(b: &'a DictTable, c: u64, name: &Value) -> Option<&'a Value> {
    if c == GlobalCache::EMPTY || (c >> 32) as u32 != b.keys_version() {
        return None;
    }
    let e = b.entry_at(c as u32 as usize)?;
    matches!(name, Value::Str(s) if e.hash == s.hash()).then_some(&e.value)
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

fn name_not_defined(name: &Value) -> PyErr {
    let n = match name {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    name_error(format!("name '{n}' is not defined"))
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
