//! The builtin functions and the `builtins` namespace.
//!
//! This file holds the namespace itself (`make_builtins`), the argument
//! helpers every builtin uses to reproduce CPython's argument errors, the
//! type of a value (`type_of`, with lazily created types for iterators and
//! views), and the "object" builtins: `print repr ascii hash id type
//! isinstance issubclass callable getattr hasattr setattr input format`.
//! Numeric builtins live in `numeric.rs`, iteration builtins in `sequence.rs`.

use std::sync::{Arc, LazyLock};

use parking_lot::Mutex;

use crate::stdio::{flush_stdout, write_stdout};
use crate::vm::args::clinic_count;
use crate::vm::error::*;
use crate::vm::objects::{Args, BoundFunc, BuiltinFn, DictObj, StrObj, TypeKind, TypeObj};
use crate::vm::ops;
use crate::vm::repr;
use crate::vm::types::TYPES;
use crate::vm::{Value, Vm};

// The numeric and iteration builtins live in sibling files; they are
// declared here so that `builtins/mod.rs` need not change.
#[path = "numeric.rs"]
pub mod numeric;
#[path = "sequence.rs"]
pub mod sequence;

// ------------------------------------------------------------------- types

/// Types of values that have no entry in `TYPES` (iterators, views, bound
/// methods, …), created on first use and shared afterwards so that
/// `type(iter([])) is type(iter([1]))`.
static EXTRA_TYPES: LazyLock<Mutex<Vec<Arc<TypeObj>>>> = LazyLock::new(|| Mutex::new(Vec::new()));

fn extra_type(name: &str) -> Arc<TypeObj> {
    let mut types = EXTRA_TYPES.lock();
    if let Some(t) = types.iter().find(|t| t.name == name) {
        return t.clone();
    }
    let t = Arc::new(TypeObj {
        name: name.to_string(),
        base: Some(TYPES.object.clone()),
        kind: TypeKind::Other,
        native: None,
    });
    types.push(t.clone());
    t
}

/// `type(v)`: the type object of any value.
pub fn type_of(v: &Value) -> Arc<TypeObj> {
    match v {
        Value::Unbound | Value::None => TYPES.none.clone(),
        Value::Bool(_) => TYPES.bool_.clone(),
        Value::Int(_) | Value::BigInt(_) => TYPES.int.clone(),
        Value::Float(_) => TYPES.float.clone(),
        Value::Str(_) => TYPES.str_.clone(),
        Value::Bytes(_) => TYPES.bytes.clone(),
        Value::List(_) => TYPES.list.clone(),
        Value::Tuple(_) => TYPES.tuple.clone(),
        Value::Dict(_) => TYPES.dict.clone(),
        Value::Set(s) => {
            if s.frozen {
                TYPES.frozenset.clone()
            } else {
                TYPES.set.clone()
            }
        }
        Value::Range(_) => TYPES.range.clone(),
        Value::Slice(_) => TYPES.slice.clone(),
        Value::Func(_) => TYPES.function.clone(),
        Value::Builtin(_) => TYPES.builtin.clone(),
        Value::BoundMethod(b) => match b.func {
            BoundFunc::Native(_) => TYPES.builtin.clone(),
            BoundFunc::Python(_) => extra_type("method"),
        },
        Value::Module(_) => TYPES.module.clone(),
        Value::Type(_) => TYPES.type_.clone(),
        Value::Exc(e) => e.typ.clone(),
        Value::Native(n) => crate::vm::native::native_type(n.class()),
        other => extra_type(other.type_name()),
    }
}

// ---------------------------------------------------------------- registry

/// Is `b` the builtin `len`? (The VM computes `len(x)` without building
/// arguments: CPython 3.11's `PRECALL_NO_KW_LEN`.)
#[inline]
pub fn is_len(b: &BuiltinFn) -> bool {
    std::ptr::eq(b, &LEN)
}

macro_rules! builtin_table {
    ($($stat:ident = $name:literal => $func:path;)*) => {
        $(static $stat: BuiltinFn = BuiltinFn { name: $name, func: $func };)*
        /// Every builtin function, in registration order.
        static ALL_FUNCTIONS: &[&BuiltinFn] = &[$(&$stat),*];
    };
}

builtin_table! {
    PRINT = "print" => builtin_print;
    LEN = "len" => sequence::builtin_len;
    ENUMERATE = "enumerate" => sequence::builtin_enumerate;
    ZIP = "zip" => sequence::builtin_zip;
    REVERSED = "reversed" => sequence::builtin_reversed;
    SORTED = "sorted" => sequence::builtin_sorted;
    ITER = "iter" => sequence::builtin_iter;
    NEXT = "next" => sequence::builtin_next;
    ANY = "any" => sequence::builtin_any;
    ALL = "all" => sequence::builtin_all;
    MAP = "map" => sequence::builtin_map;
    FILTER = "filter" => sequence::builtin_filter;
    SUM = "sum" => numeric::builtin_sum;
    MIN = "min" => numeric::builtin_min;
    MAX = "max" => numeric::builtin_max;
    ABS = "abs" => numeric::builtin_abs;
    ROUND = "round" => numeric::builtin_round;
    DIVMOD = "divmod" => numeric::builtin_divmod;
    POW = "pow" => numeric::builtin_pow;
    HEX = "hex" => numeric::builtin_hex;
    BIN = "bin" => numeric::builtin_bin;
    OCT = "oct" => numeric::builtin_oct;
    CHR = "chr" => numeric::builtin_chr;
    ORD = "ord" => numeric::builtin_ord;
    REPR = "repr" => builtin_repr;
    ASCII = "ascii" => builtin_ascii;
    HASH = "hash" => builtin_hash;
    ID = "id" => builtin_id;
    ISINSTANCE = "isinstance" => builtin_isinstance;
    ISSUBCLASS = "issubclass" => builtin_issubclass;
    CALLABLE = "callable" => builtin_callable;
    GETATTR = "getattr" => builtin_getattr;
    HASATTR = "hasattr" => builtin_hasattr;
    SETATTR = "setattr" => builtin_setattr;
    INPUT = "input" => builtin_input;
    FORMAT = "format" => builtin_format;
}

/// The `builtins` namespace: functions, types, exception classes.
pub fn make_builtins() -> DictObj {
    let d = DictObj::new();
    for f in ALL_FUNCTIONS {
        d.set_str(f.name, Value::Builtin(f));
    }
    let types = [
        &TYPES.int,
        &TYPES.float,
        &TYPES.str_,
        &TYPES.bool_,
        &TYPES.list,
        &TYPES.tuple,
        &TYPES.dict,
        &TYPES.set,
        &TYPES.frozenset,
        &TYPES.range,
        &TYPES.bytes,
        &TYPES.type_,
        &TYPES.object,
        &TYPES.slice,
    ];
    for t in types {
        d.set_str(&t.name, Value::Type(t.clone()));
    }
    for t in &TYPES.exceptions {
        d.set_str(&t.name, Value::Type(t.clone()));
    }
    d.set_str("Ellipsis", Value::Ellipsis);
    d
}

// ------------------------------------------------------------------- print

fn sep_or_end(v: Value, what: &str) -> PyResult<Option<StrObj>> {
    match v {
        Value::None => Ok(None),
        Value::Str(s) => Ok(Some(s)),
        other => Err(type_error(format!(
            "{what} must be None or a string, not {}",
            other.type_name()
        ))),
    }
}

/// `print(*objects, sep=' ', end='\n', file=None, flush=False)`.
fn builtin_print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let kw = args.take_kwonly("print", &["sep", "end", "file", "flush"])?;
    let mut kw = kw.into_iter();
    let sep = match kw.next().flatten() {
        Some(v) => sep_or_end(v, "sep")?,
        None => None,
    };
    let end = match kw.next().flatten() {
        Some(v) => sep_or_end(v, "end")?,
        None => None,
    };
    if let Some(file) = kw.next().flatten()
        && !file.is_none()
    {
        return Err(type_error(format!(
            "print(): mini has no file objects, file= must be None, not {}",
            file.type_name()
        )));
    }
    let flush = kw.next().flatten().is_some_and(|f| ops::truthy(&f));
    let sep = sep.as_ref().map_or(" ", |s| s.as_str());
    let mut out = String::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match a {
            Value::Str(s) => out.push_str(s.as_str()),
            other => out.push_str(&repr::to_str(vm, other)?),
        }
    }
    out.push_str(end.as_ref().map_or("\n", |s| s.as_str()));
    write_stdout(&out);
    if flush {
        flush_stdout();
    }
    Ok(Value::None)
}

// ------------------------------------------------------- repr, hash, id, …

fn builtin_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("repr")?;
    Ok(Value::str(repr::repr(vm, &v)?))
}

fn builtin_ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("ascii")?;
    let r = repr::repr(vm, &v)?;
    Ok(Value::str(crate::vm::format::ascii(&r)))
}

fn builtin_hash(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("hash")?;
    Ok(Value::Int(ops::hash_value(&v)?))
}

fn builtin_id(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("id")?;
    Ok(Value::Int(v.id()))
}

/// `type(x)` (the one-argument form; the builtin `type` is the type object,
/// whose call lands in `construct`, which calls this).
pub fn builtin_type(args: Args) -> PyResult<Value> {
    if args.pos.len() == 1 && args.kw.is_empty() {
        return Ok(Value::Type(type_of(&args.pos[0])));
    }
    if args.pos.len() == 3 {
        return Err(type_error(
            "type() with 3 arguments (creating a class) is not supported by mini",
        ));
    }
    Err(type_error("type() takes 1 or 3 arguments"))
}

const MAX_CLASSINFO_DEPTH: usize = 1000;

/// Does type `t` match `classinfo` (a type or a nested tuple of types)?
fn matches_classinfo(t: &TypeObj, classinfo: &Value, fname: &str, depth: usize) -> PyResult<bool> {
    match classinfo {
        Value::Type(c) => Ok(t.is_subtype(c)),
        Value::Tuple(items) if depth < MAX_CLASSINFO_DEPTH => {
            for c in items.items.iter() {
                if matches_classinfo(t, c, fname, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(_) => Err(recursion_error(format!(
            "maximum recursion depth exceeded in __{fname}__"
        ))),
        _ => Err(type_error(if fname == "isinstance" {
            "isinstance() arg 2 must be a type, a tuple of types, or a union"
        } else {
            "issubclass() arg 2 must be a class, a tuple of classes, or a union"
        })),
    }
}

fn builtin_isinstance(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("isinstance")?;
    clinic_count("isinstance", args.pos.len(), 2, 2)?;
    let t = type_of(&args.pos[0]);
    Ok(Value::bool(matches_classinfo(
        &t,
        &args.pos[1],
        "isinstance",
        0,
    )?))
}

fn builtin_issubclass(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("issubclass")?;
    clinic_count("issubclass", args.pos.len(), 2, 2)?;
    let Value::Type(t) = &args.pos[0] else {
        return Err(type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::bool(matches_classinfo(
        t,
        &args.pos[1],
        "issubclass",
        0,
    )?))
}

/// `callable(x)`.
pub fn is_callable(v: &Value) -> bool {
    matches!(
        v,
        Value::Func(_)
            | Value::Builtin(_)
            | Value::MethodDesc(_)
            | Value::BoundMethod(_)
            | Value::Type(_)
    ) || matches!(v, Value::Native(n) if n.class().methods.iter().any(|m| m.name == "__call__"))
}

fn builtin_callable(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("callable")?;
    Ok(Value::bool(is_callable(&v)))
}

// ------------------------------------------------------------ attributes

fn attr_name(v: &Value) -> PyResult<Value> {
    match v {
        Value::Str(_) => Ok(v.clone()),
        other => Err(type_error(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

fn builtin_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("getattr")?;
    clinic_count("getattr", args.pos.len(), 2, 3)?;
    let name = attr_name(&args.pos[1])?;
    match crate::vm::attrs::get_attr(vm, &args.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if args.pos.len() == 3 && is_exc(&e, ExcKind::AttributeError) => {
            Ok(args.pos[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn builtin_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("hasattr")?;
    clinic_count("hasattr", args.pos.len(), 2, 2)?;
    let name = attr_name(&args.pos[1])?;
    match crate::vm::attrs::get_attr(vm, &args.pos[0], &name) {
        Ok(_) => Ok(Value::bool(true)),
        Err(e) if is_exc(&e, ExcKind::AttributeError) => Ok(Value::bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("setattr")?;
    clinic_count("setattr", args.pos.len(), 3, 3)?;
    let name = attr_name(&args.pos[1])?;
    let _ = vm;
    crate::vm::attrs::set_attr(&args.pos[0], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

// ------------------------------------------------------------ input, format

fn builtin_input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("input")?;
    clinic_count("input", args.pos.len(), 0, 1)?;
    if let Some(p) = args.pos.first() {
        let text = repr::to_str(vm, p)?;
        write_stdout(&text);
    }
    flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(new_exc(ExcKind::EOFError, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Value::str(line))
        }
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(new_exc(
            ExcKind::UnicodeDecodeError,
            "'utf-8' codec can't decode the input line".to_string(),
        )),
        Err(e) => Err(new_exc(ExcKind::OSError, e.to_string())),
    }
}

fn builtin_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("format")?;
    clinic_count("format", args.pos.len(), 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "format() argument 2 must be str, not {}",
                other.type_name()
            )));
        }
        None => String::new(),
    };
    let s = crate::vm::format::format_with_spec(vm, &args.pos[0], &spec)?;
    Ok(Value::str(s))
}
