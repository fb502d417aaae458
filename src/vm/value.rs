//! `Value`: what a mini variable holds.
//!
//! A 16-byte enum, cheap to clone: `None`, `bool`, small `int` and `float` are
//! inline; everything else is an `Arc` to an immutable object or to a mutable
//! container that carries its own `parking_lot` lock (uncontended under the GIL,
//! and what keeps `--gil=off` memory-safe). Builtin functions and methods are
//! `&'static` descriptors, so calling `len` or `list.append` touches no refcount.

use std::sync::Arc;

use num_bigint::BigInt;

use super::objects::*;

/// A float kept as its bits and a bool kept as a word: with every payload
/// an integer or a pointer of one word, the compiler treats a `Value` as a
/// pair of scalars — passed and returned in two registers, moved with two
/// 8-byte loads and stores. (With an `f64` or a `bool` payload it is an
/// opaque 16-byte aggregate, moved with 16-byte vector copies, which stall
/// when they read a value just written as two words.)
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct F64(u64);

impl F64 {
    #[inline(always)]
    pub const fn new(f: f64) -> F64 {
        F64(f.to_bits())
    }
    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

/// A bool as a word (see [`F64`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u64)]
pub enum Flag {
    False = 0,
    True = 1,
}

impl Flag {
    #[inline(always)]
    pub const fn new(b: bool) -> Flag {
        if b { Flag::True } else { Flag::False }
    }
    #[inline(always)]
    pub const fn get(self) -> bool {
        matches!(self, Flag::True)
    }
}

/// `repr(u64)`: the tag is a whole word and every payload sits in the second
/// word. With Rust's default layout the tag is one byte and `Bool` is packed
/// next to it, so the compiler copies a `Value` as "byte 0, then bytes
/// 1..16" — an 8-byte load straddling the tag and payload stores just made,
/// which the CPU cannot forward (a stall of ~12 cycles on most pushes of a
/// freshly built value). Measured: fib 0.25 → 0.22 s, nbody 0.95 → 0.85 s.
/// The float and bool payloads are words ([`F64`], [`Flag`]), so that the
/// compiler treats a `Value` as two scalars.
///
/// The variants that own nothing come first (tags below `OWNING_TAGS`):
/// cloning one is a plain copy and dropping one is forgetting it, decided
/// by one comparison of the tag instead of a match.
#[repr(u64)]
pub enum Value {
    /// Internal marker for an unassigned local or an absent stack slot; never
    /// visible to programs (reading it raises UnboundLocalError/NameError).
    Unbound = 0,
    None,
    Bool(Flag),
    Int(i64),
    Float(F64),
    Ellipsis,
    Builtin(&'static BuiltinFn),
    /// An unbound method descriptor such as `str.upper`.
    MethodDesc(&'static MethodDef),
    /// An int outside i64; always normalised (never holds an i64-sized value).
    BigInt(Arc<BigInt>) = Value::OWNING_TAGS,
    Str(StrObj),
    Bytes(Arc<BytesObj>),
    List(Arc<ListObj>),
    Tuple(Arc<TupleObj>),
    Dict(Arc<DictObj>),
    Set(Arc<SetObj>),
    Range(Arc<RangeObj>),
    Slice(Arc<SliceObj>),
    Iter(Arc<IterObj>),
    DictView(Arc<DictViewObj>),
    Func(Arc<Function>),
    BoundMethod(Arc<BoundMethod>),
    Module(Arc<Module>),
    Type(Arc<TypeObj>),
    Exc(Arc<ExcObj>),
    /// An object implemented by a module (`threading.Lock`, `ndarray`, …).
    Native(Arc<super::native::NativeBox>),
}

impl Clone for Value {
    /// Inline scalars are copied without the full variant match the derived
    /// impl would run (it is not inlined into the dispatch loop); only
    /// heap objects take the refcounting path.
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.owns_nothing() {
            // SAFETY: variants below `OWNING_TAGS` hold plain data or
            // `&'static` references: a bitwise copy is a valid clone.
            unsafe { std::ptr::read(self) }
        } else {
            self.clone_object()
        }
    }
}

impl Value {
    /// Tags at and above this belong to variants holding an `Arc`.
    pub const OWNING_TAGS: u64 = 8;

    /// Is this a variant without an `Arc` (a scalar, `...`, or a static
    /// descriptor), which can be copied bitwise and forgotten instead of dropped?
    #[inline(always)]
    pub fn owns_nothing(&self) -> bool {
        self.tag() < Value::OWNING_TAGS
    }

    /// The variant's number (its discriminant).
    #[inline(always)]
    pub fn tag(&self) -> u64 {
        // SAFETY: `repr(u64)` puts the tag in the first word of every variant.
        unsafe { *(self as *const Value as *const u64) }
    }

    #[inline(never)]
    fn clone_object(&self) -> Value {
        match self {
            Value::Unbound => Value::Unbound,
            Value::None => Value::None,
            Value::Bool(b) => Value::bool(b.get()),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::float(f.get()),
            Value::BigInt(a) => Value::BigInt(a.clone()),
            Value::Str(a) => Value::Str(a.clone()),
            Value::Bytes(a) => Value::Bytes(a.clone()),
            Value::List(a) => Value::List(a.clone()),
            Value::Tuple(a) => Value::Tuple(a.clone()),
            Value::Dict(a) => Value::Dict(a.clone()),
            Value::Set(a) => Value::Set(a.clone()),
            Value::Range(a) => Value::Range(a.clone()),
            Value::Slice(a) => Value::Slice(a.clone()),
            Value::Iter(a) => Value::Iter(a.clone()),
            Value::DictView(a) => Value::DictView(a.clone()),
            Value::Func(a) => Value::Func(a.clone()),
            Value::Builtin(b) => Value::Builtin(b),
            Value::MethodDesc(m) => Value::MethodDesc(m),
            Value::BoundMethod(a) => Value::BoundMethod(a.clone()),
            Value::Module(a) => Value::Module(a.clone()),
            Value::Type(a) => Value::Type(a.clone()),
            Value::Exc(a) => Value::Exc(a.clone()),
            Value::Native(a) => Value::Native(a.clone()),
            Value::Ellipsis => Value::Ellipsis,
        }
    }
}

// Values move on and off the stack as two separate 8-byte words. Left to
// itself the compiler copies a `Value` with one 16-byte load; when the value
// was just written as two words (by a native's return, an arithmetic fast
// path, a clone) that load cannot be forwarded from the pending stores and
// stalls the CPU for ~12 cycles. Volatile word accesses are not merged.

/// Read the `Value` at `src` word by word (a bitwise move out of `src`).
///
/// # Safety
/// `src` must point to an initialised `Value` that the caller then treats
/// as moved out.
#[inline(always)]
pub(crate) unsafe fn move_words(src: *const Value) -> Value {
    use std::mem::MaybeUninit;
    let p = src.cast::<MaybeUninit<u64>>();
    // SAFETY: `Value` is 16 bytes, 8-aligned (`repr(u64)`); MaybeUninit
    // words may hold any bytes, padding included; the two words together
    // are exactly the bytes of the caller's valid `Value`.
    unsafe {
        let words = [p.read_volatile(), p.add(1).read_volatile()];
        std::mem::transmute::<[MaybeUninit<u64>; 2], Value>(words)
    }
}

/// Move `v` to `dst` word by word (from the two registers it is passed
/// in: `Value` is a scalar pair, see [`F64`]).
///
/// # Safety
/// `dst` must be valid for writing 16 bytes, 8-aligned, and hold nothing
/// that needs dropping; ownership of `v` passes to `*dst`.
#[inline(always)]
pub(crate) unsafe fn write_words(dst: *mut Value, v: Value) {
    use std::mem::MaybeUninit;
    // SAFETY: `Value` is exactly two words (asserted below); the transmute
    // moves it, so it is not dropped here.
    let words = unsafe { std::mem::transmute::<Value, [MaybeUninit<u64>; 2]>(v) };
    let dst = dst.cast::<MaybeUninit<u64>>();
    // SAFETY: `dst` points to 16 writable, 8-aligned bytes (see above).
    unsafe {
        dst.write_volatile(words[0]);
        dst.add(1).write_volatile(words[1]);
    }
}

// A Value must stay two words: it is copied on every stack operation.
const _: () = assert!(std::mem::size_of::<Value>() == 16);

impl Value {
    /// `Value::Float` from an f64.
    #[inline(always)]
    pub const fn float(f: f64) -> Value {
        Value::Float(F64::new(f))
    }

    /// `Value::Bool` from a bool.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(Flag::new(b))
    }

    pub fn str(s: impl AsRef<str>) -> Value {
        Value::Str(StrObj::new(s.as_ref()))
    }

    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Arc::new(b)),
        }
    }

    pub fn from_i128(i: i128) -> Value {
        match i64::try_from(i) {
            Ok(v) => Value::Int(v),
            Err(_) => Value::BigInt(Arc::new(BigInt::from(i))),
        }
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(ListObj::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(TupleObj::new(items)))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Python's `type(x).__name__`.
    pub fn type_name(&self) -> &str {
        match self {
            Value::Unbound => "NULL",
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(s) => {
                if s.frozen {
                    "frozenset"
                } else {
                    "set"
                }
            }
            Value::Range(_) => "range",
            Value::Slice(_) => "slice",
            Value::Iter(it) => it.type_name(),
            Value::DictView(v) => v.kind.type_name(),
            Value::Func(_) => "function",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::MethodDesc(_) => "method_descriptor",
            Value::BoundMethod(b) => match b.func {
                BoundFunc::Native(_) => "builtin_function_or_method",
                BoundFunc::Python(_) => "method",
            },
            Value::Module(_) => "module",
            Value::Type(_) => "type",
            Value::Exc(e) => &e.typ.name,
            Value::Native(n) => n.class().name,
            Value::Ellipsis => "ellipsis",
        }
    }

    /// Identity: `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (Unbound, Unbound) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are "cached" in CPython from -5 to 256; mini's inline ints
            // have no identity, so equal ints are the same object.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.get().to_bits() == b.get().to_bits(),
            (BigInt(a), BigInt(b)) => Arc::ptr_eq(a, b),
            (Str(a), Str(b)) => StrObj::ptr_eq(a, b),
            (Bytes(a), Bytes(b)) => Arc::ptr_eq(a, b),
            (List(a), List(b)) => Arc::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Arc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Arc::ptr_eq(a, b),
            (Set(a), Set(b)) => Arc::ptr_eq(a, b),
            (Range(a), Range(b)) => Arc::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Arc::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Arc::ptr_eq(a, b),
            (DictView(a), DictView(b)) => Arc::ptr_eq(a, b),
            (Func(a), Func(b)) => Arc::ptr_eq(a, b),
            (Builtin(a), Builtin(b)) => std::ptr::eq(*a, *b),
            (MethodDesc(a), MethodDesc(b)) => std::ptr::eq(*a, *b),
            (BoundMethod(a), BoundMethod(b)) => Arc::ptr_eq(a, b),
            (Module(a), Module(b)) => Arc::ptr_eq(a, b),
            (Type(a), Type(b)) => Arc::ptr_eq(a, b),
            (Native(a), Native(b)) => Arc::ptr_eq(a, b),
            (Exc(a), Exc(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable address for `id()`; inline values get one derived from their bits.
    pub fn id(&self) -> i64 {
        fn addr<T: ?Sized>(a: &Arc<T>) -> i64 {
            Arc::as_ptr(a) as *const u8 as usize as i64
        }
        match self {
            Value::Unbound => 0,
            Value::None => 0x1000,
            Value::Ellipsis => 0x1008,
            Value::Bool(b) => 0x1010 + *b as i64 * 8,
            Value::Int(i) => 0x4000_0000_0000 ^ i.wrapping_mul(8),
            Value::Float(f) => 0x2000_0000_0000 ^ (f.get().to_bits() as i64 >> 3 << 3),
            Value::BigInt(a) => addr(a),
            Value::Str(a) => a.addr() as i64,
            Value::Bytes(a) => addr(a),
            Value::List(a) => addr(a),
            Value::Tuple(a) => addr(a),
            Value::Dict(a) => addr(a),
            Value::Set(a) => addr(a),
            Value::Range(a) => addr(a),
            Value::Slice(a) => addr(a),
            Value::Iter(a) => addr(a),
            Value::DictView(a) => addr(a),
            Value::Func(a) => addr(a),
            Value::Builtin(b) => *b as *const BuiltinFn as usize as i64,
            Value::MethodDesc(m) => *m as *const MethodDef as usize as i64,
            Value::BoundMethod(a) => addr(a),
            Value::Module(a) => addr(a),
            Value::Type(a) => addr(a),
            Value::Exc(a) => addr(a),
            Value::Native(a) => addr(a),
        }
    }

    /// The reference count `sys.getrefcount` reports (inline values: a large
    /// constant, as CPython's immortal objects do).
    pub fn refcount(&self) -> usize {
        match self {
            Value::BigInt(a) => Arc::strong_count(a),
            Value::Str(a) => a.strong_count(),
            Value::Bytes(a) => Arc::strong_count(a),
            Value::List(a) => Arc::strong_count(a),
            Value::Tuple(a) => Arc::strong_count(a),
            Value::Dict(a) => Arc::strong_count(a),
            Value::Set(a) => Arc::strong_count(a),
            Value::Range(a) => Arc::strong_count(a),
            Value::Slice(a) => Arc::strong_count(a),
            Value::Iter(a) => Arc::strong_count(a),
            Value::DictView(a) => Arc::strong_count(a),
            Value::Func(a) => Arc::strong_count(a),
            Value::BoundMethod(a) => Arc::strong_count(a),
            Value::Module(a) => Arc::strong_count(a),
            Value::Type(a) => Arc::strong_count(a),
            Value::Exc(a) => Arc::strong_count(a),
            Value::Native(a) => Arc::strong_count(a),
            _ => u32::MAX as usize,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "Int({i})"),
            Value::Float(x) => write!(f, "Float({})", x.get()),
            Value::Str(s) => write!(f, "Str({:?})", s.as_str()),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

// Values cross threads (the GIL issue runs bytecode on several OS threads, and
// `--gil=off` runs them in parallel): every object must be Send + Sync.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Value>();
};
// `Option<Value>` still uses an unused tag value as its `None`.
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
