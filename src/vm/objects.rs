//! The heap objects a `Value` points to.
//!
//! Immutable objects (str, tuple, code, functions) need no lock. Mutable
//! containers hold their contents behind a `parking_lot::Mutex`. The rule that
//! keeps this deadlock-free: never hold an object's lock while running user code
//! or while locking another object — copy out (snapshot) first.

use std::sync::Arc;

use parking_lot::Mutex;

use super::dict::DictTable;
use super::error::PyResult;
use super::interp::Vm;
use super::settable::SetTable;
use super::value::Value;
use crate::compile::bytecode::Code;

pub use super::strobj::StrObj;

pub struct BytesObj {
    pub data: Box<[u8]>,
}

/// Run `f` on what `mutex` guards, without locking it when the caller holds
/// an exclusive GIL (`exclusive`) and nobody holds the lock: the VM's fast
/// paths for globals, list items and closure cells, where the lock's two
/// atomic operations cost as much as the rest of the access.
///
/// # Safety
/// `exclusive` may be true only on the thread holding the GIL under
/// `--gil=on`/`legacy` (the VM's `gil_exclusive`): then no other thread
/// touches interpreter objects (threads without the GIL run native code on
/// data of their own, the contract of `Vm::allow_threads`), and an
/// unlocked mutex means no borrow of the contents is live on this thread
/// either. `f` must not run Python code or touch `mutex` again, so its
/// `&mut` is the only borrow while it runs.
#[inline(always)]
pub unsafe fn gil_guarded<T, R>(
    mutex: &Mutex<T>,
    exclusive: bool,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut guard;
    let contents = if exclusive && !mutex.is_locked() {
        // SAFETY: see the function's contract above.
        unsafe { &mut *mutex.data_ptr() }
    } else {
        guard = mutex.lock();
        &mut *guard
    };
    // One call site, so that `f` is inlined.
    f(contents)
}

pub struct ListObj {
    pub items: Mutex<Vec<Value>>,
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        ListObj {
            items: Mutex::new(items),
        }
    }
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.lock().clone()
    }

    pub fn len(&self) -> usize {
        self.items.lock().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `list.append`: amortised O(1) like `Vec::push`, but big lists grow
    /// by 1/8 instead of doubling (as CPython's lists over-allocate), so a
    /// list of 10⁷ values costs about 180 MB, not up to twice its size.
    /// Growing a big block is a `realloc`, which moves pages, not bytes.
    pub fn append(&self, v: Value) {
        push_growing(&mut self.items.lock(), v);
    }
}

/// Push with CPython-like over-allocation for large vectors (see
/// `ListObj::append`).
#[inline(always)]
pub fn push_growing(items: &mut Vec<Value>, v: Value) {
    if items.len() == items.capacity() {
        make_room_for_one(items);
    }
    items.push(v);
}

/// The growth of a full vector before `push_growing` pushes (out of line,
/// so that the push itself stays small enough to inline).
#[cold]
#[inline(never)]
fn make_room_for_one(items: &mut Vec<Value>) {
    const BIG: usize = 1 << 16;
    let cap = items.capacity();
    if cap >= BIG {
        items.reserve_exact(cap / 8);
    } else {
        items.reserve(1);
    }
}

pub struct TupleObj {
    pub items: Box<[Value]>,
}

// Deallocation of nested containers is iterative (CPython's "trashcan"):
// dropping a list of a list of … a million levels deep must not recurse
// once per level on the native stack.
impl Drop for ListObj {
    fn drop(&mut self) {
        drop_items(std::mem::take(self.items.get_mut()));
    }
}

/// Drop a list's items (`ListObj`'s drop, `list.clear`): items that all own
/// nothing (ints, floats, …) are not visited a second time to run their
/// (empty) drops, only the buffer is freed; items without containers drop
/// as a plain `Vec`; containers go through `drop_children`.
pub fn drop_items(mut items: Vec<Value>) {
    if items.iter().all(Value::owns_nothing) {
        // SAFETY: the items own nothing, so forgetting them is their drop;
        // the buffer is still freed when `items` drops.
        unsafe { items.set_len(0) };
    } else if items.iter().any(is_container) {
        drop_children(items);
    }
}

impl Drop for TupleObj {
    fn drop(&mut self) {
        if self.items.iter().any(is_container) {
            drop_children(std::mem::take(&mut self.items).into_vec());
        }
    }
}

impl Drop for DictObj {
    fn drop(&mut self) {
        if !self.table.get_mut().is_empty() {
            drop_children(self.table.get_mut().take_all());
        }
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_))
}

/// Drop `items`; containers this drop frees have their item vectors moved
/// (not copied) onto a work list instead of being dropped recursively. An
/// emptied vector leaves the list before its last child's joins it, so a
/// chain of one-element containers keeps the list at one entry.
fn drop_children(items: Vec<Value>) {
    let mut work: Vec<Vec<Value>> = vec![items];
    while let Some(top) = work.last_mut() {
        let Some(v) = top.pop() else {
            work.pop();
            continue;
        };
        if top.is_empty() {
            work.pop();
        }
        let children = match v {
            Value::List(l) => Arc::into_inner(l).map(|mut l| std::mem::take(l.items.get_mut())),
            Value::Tuple(t) => {
                Arc::into_inner(t).map(|mut t| std::mem::take(&mut t.items).into_vec())
            }
            Value::Dict(d) => Arc::into_inner(d).map(|mut d| d.table.get_mut().take_all()),
            other => {
                drop(other);
                None
            }
        };
        if let Some(c) = children.filter(|c| !c.is_empty()) {
            work.push(c);
        }
    }
}

impl TupleObj {
    pub fn new(items: Vec<Value>) -> TupleObj {
        TupleObj {
            items: items.into_boxed_slice(),
        }
    }
}

pub struct DictObj {
    pub table: Mutex<DictTable>,
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj {
            table: Mutex::new(DictTable::new()),
        }
    }
    pub fn from_table(t: DictTable) -> DictObj {
        DictObj {
            table: Mutex::new(t),
        }
    }

    pub fn len(&self) -> usize {
        self.table.lock().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Lookup by a string key (globals, module attributes, keyword arguments).
    pub fn get_str(&self, key: &str) -> Option<Value> {
        self.table.lock().get_str(key)
    }
    pub fn set_str(&self, key: &str, value: Value) {
        let k = Value::str(key);
        self.table.lock().insert_str(k, value);
    }
}

impl Default for DictObj {
    fn default() -> Self {
        DictObj::new()
    }
}

pub struct SetObj {
    pub table: Mutex<SetTable<Value>>,
    pub frozen: bool,
}

impl SetObj {
    pub fn new(table: SetTable<Value>, frozen: bool) -> SetObj {
        SetObj {
            table: Mutex::new(table),
            frozen,
        }
    }
    pub fn snapshot(&self) -> Vec<Value> {
        self.table.lock().iter().map(|(k, _)| k.clone()).collect()
    }
}

/// `range(start, stop, step)`. Bounds are i128 so that `range(10**20)` works
/// lazily as in CPython; beyond that mini raises OverflowError.
pub struct RangeObj {
    pub start: i128,
    pub stop: i128,
    pub step: i128,
}

impl RangeObj {
    /// Number of items (may exceed i64, as `len()` then reports).
    pub fn len(&self) -> i128 {
        let (lo, hi, st) = (self.start, self.stop, self.step);
        if st > 0 && lo < hi {
            (hi - lo - 1) / st + 1
        } else if st < 0 && lo > hi {
            (lo - hi - 1) / (-st) + 1
        } else {
            0
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: i128) -> i128 {
        self.start + i * self.step
    }
}

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// The kind of a `dict.keys()`/`values()`/`items()` view.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    pub fn type_name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }
}

pub struct DictViewObj {
    pub dict: Arc<DictObj>,
    pub kind: ViewKind,
}

/// Iterators; each variant keeps its own cursor behind the object's lock.
pub struct IterObj {
    pub state: Mutex<IterState>,
}

pub enum IterState {
    /// Over a list by index (sees appends, as CPython's list iterator does).
    List(Arc<ListObj>, usize),
    /// Over a fixed sequence of values (tuples, str chars).
    Seq(Arc<[Value]>, usize, &'static str),
    /// Over a snapshot of a set; fails if the set changes size meanwhile.
    Set {
        set: Arc<SetObj>,
        items: Arc<[Value]>,
        pos: usize,
    },
    Range {
        next: i128,
        step: i128,
        left: i128,
    },
    Str(StrObj, usize),
    Dict {
        dict: Arc<DictObj>,
        pos: usize,
        kind: ViewKind,
        len_at_start: usize,
    },
    Enumerate {
        inner: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    Reversed(Arc<[Value]>, usize),
    /// `iter(callable, sentinel)`
    Callable {
        func: Value,
        sentinel: Value,
    },
    Exhausted,
}

impl IterObj {
    pub fn new(state: IterState) -> IterObj {
        IterObj {
            state: Mutex::new(state),
        }
    }
    pub fn type_name(&self) -> &'static str {
        match &*self.state.lock() {
            IterState::List(..) => "list_iterator",
            IterState::Seq(_, _, name) => name,
            IterState::Set { .. } => "set_iterator",
            IterState::Range { .. } => "range_iterator",
            IterState::Str(..) => "str_ascii_iterator",
            IterState::Dict { kind, .. } => match kind {
                ViewKind::Keys => "dict_keyiterator",
                ViewKind::Values => "dict_valueiterator",
                ViewKind::Items => "dict_itemiterator",
            },
            IterState::Enumerate { .. } => "enumerate",
            IterState::Zip { .. } => "zip",
            IterState::Map { .. } => "map",
            IterState::Filter { .. } => "filter",
            IterState::Reversed(..) => "list_reverseiterator",
            IterState::Callable { .. } => "callable_iterator",
            IterState::Exhausted => "iterator",
        }
    }
}

/// A closure cell (a variable shared between a function and its inner functions).
pub struct CellObj {
    pub value: Mutex<Value>,
}

impl CellObj {
    pub fn new(v: Value) -> CellObj {
        CellObj {
            value: Mutex::new(v),
        }
    }
    pub fn get(&self) -> Value {
        self.value.lock().clone()
    }
    pub fn set(&self, v: Value) {
        *self.value.lock() = v;
    }
}

/// A function defined in mini code.
pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<DictObj>,
    /// Defaults of the last positional parameters.
    pub defaults: Box<[Value]>,
    /// Defaults of keyword-only parameters, by name.
    pub kwdefaults: Box<[(StrObj, Value)]>,
    pub closure: Box<[Arc<CellObj>]>,
    pub module_name: Value,
    /// The version of `globals` (`DictTable::version`) at which the global
    /// of this function's own name was last seen to be this very function,
    /// or `UNVERIFIED`: while the globals are unchanged, a recursive call
    /// needs no look at them (see `Vm::push_own_function`).
    pub own_version: std::sync::atomic::AtomicU64,
}

impl Function {
    pub const UNVERIFIED: u64 = u64::MAX;
}

/// What a native function receives: positional arguments, then keyword
/// arguments as (name, value) pairs.
pub struct Args {
    pub pos: smallvec::SmallVec<[Value; 4]>,
    pub kw: Vec<(StrObj, Value)>,
}

pub type NativeFn = fn(&mut Vm, Args) -> PyResult<Value>;
pub type NativeMethod = fn(&mut Vm, &Value, Args) -> PyResult<Value>;
/// A method called on its positional arguments only (see `MethodDef::fast`).
pub type FastMethod = fn(&mut Vm, &Value, &[Value]) -> PyResult<Value>;

/// A builtin function (`len`, `math.sqrt`, …): a static descriptor.
pub struct BuiltinFn {
    pub name: &'static str,
    pub func: NativeFn,
}

/// A method of a builtin type (`list.append`, …).
pub struct MethodDef {
    pub name: &'static str,
    /// The type name, for `<method 'append' of 'list' objects>`.
    pub owner: &'static str,
    pub func: NativeMethod,
    /// CPython's `METH_FASTCALL`: for a call without keywords the VM calls
    /// this on the positional arguments moved off its stack into a small
    /// array, instead of building `Args` and calling `func` (which, for
    /// such a method, rejects keywords and calls this).
    pub fast: Option<FastMethod>,
}

pub enum BoundFunc {
    Native(&'static MethodDef),
    Python(Value),
}

pub struct BoundMethod {
    pub receiver: Value,
    pub func: BoundFunc,
}

pub struct Module {
    pub name: String,
    pub dict: Arc<DictObj>,
}

/// Which builtin type a `TypeObj` stands for; exception classes are `Exception`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeKind {
    Object,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Type,
    Function,
    Builtin,
    Module,
    Exception,
    Other,
}

pub struct TypeObj {
    pub name: String,
    pub base: Option<Arc<TypeObj>>,
    pub kind: TypeKind,
    /// The class of a module-defined type (`threading.Thread`).
    pub native: Option<&'static super::native::NativeClass>,
}

impl TypeObj {
    /// `issubclass(self, other)`.
    pub fn is_subtype(&self, other: &TypeObj) -> bool {
        let mut t = self;
        loop {
            if std::ptr::eq(t, other) {
                return true;
            }
            match &t.base {
                Some(b) => t = b,
                None => return false,
            }
        }
    }
}

/// One line of a traceback: the code object and line where the frame was.
#[derive(Clone)]
pub struct TraceEntry {
    pub code: Arc<Code>,
    pub line: u32,
}

pub struct ExcObj {
    pub typ: Arc<TypeObj>,
    pub args: Box<[Value]>,
    /// Frames the exception passed through, innermost last (as printed).
    pub traceback: Mutex<Vec<TraceEntry>>,
    /// The exception being handled when this one was raised (implicit chaining).
    pub context: Mutex<Option<Arc<ExcObj>>>,
    /// `raise X from Y`.
    pub cause: Mutex<Option<Arc<ExcObj>>>,
    pub suppress_context: std::sync::atomic::AtomicBool,
    /// CPython 3.11's "Did you mean: 'x'?" for NameError/AttributeError,
    /// shown in the traceback (not part of `str(e)`).
    pub suggestion: Mutex<Option<String>>,
    /// A Python exception, or a bug in mini that no handler may catch.
    pub fault: Fault,
}

/// Who is at fault for an error (STYLE habit 9), which decides who may see
/// it. Resource limits are not a fault class of their own: `RecursionError`
/// and `MemoryError` are ordinary exceptions in Python, which programs
/// catch, so in mini they are [`Fault::Exception`]s too; `KeyboardInterrupt`
/// is one that `except Exception` does not catch by its class.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A Python exception: `except`, `finally` and `with` see it.
    Exception,
    /// A logic bug in mini (`error::internal_error`): no handler runs, not
    /// `except` of any class, not `finally`, not a `with` block's exit, as
    /// starlark's `ErrorKind::Internal` and boa's uncatchable errors; it
    /// unwinds every frame and is reported as a bug. The program's state is
    /// not to be trusted after one, so none of its code runs on it.
    Internal,
}

impl ExcObj {
    pub fn new(typ: Arc<TypeObj>, args: Vec<Value>) -> ExcObj {
        ExcObj {
            typ,
            args: args.into_boxed_slice(),
            traceback: Mutex::new(Vec::new()),
            context: Mutex::new(None),
            cause: Mutex::new(None),
            suppress_context: std::sync::atomic::AtomicBool::new(false),
            suggestion: Mutex::new(None),
            fault: Fault::Exception,
        }
    }
    pub fn is_instance(&self, t: &TypeObj) -> bool {
        self.typ.is_subtype(t)
    }
}
