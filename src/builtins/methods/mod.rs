//! Methods of the builtin types (`str.split`, `list.sort`, `dict.get`, …),
//! looked up by name.
//!
//! Each type has a static table of [`MethodDef`]s; [`find_method`] picks the
//! table by the receiver's type and finds the name in it. The method bodies
//! live in one file per type; this file holds the lookup and the
//! argument conversions shared by all of them.
//!
//! Arguments are checked with CPython's messages by `vm::args`; the
//! methods of hot loops are *fast* methods (`"pop" => [pop]` in their
//! table, CPython's `METH_FASTCALL`): they take their positional arguments
//! as a slice, checked with the slice forms there, and the VM calls them
//! without building [`Args`].
//!
//! Class methods (`dict.fromkeys`, `int.from_bytes`) are not instance
//! methods of the type object: [`class_method`] returns them as builtin
//! functions that take all their arguments positionally/by keyword.

/// A static method table: `methods!("list"; "append" => append, "pop" => [pop], …)`.
///
/// `[f]` marks a *fast* method (CPython's `METH_FASTCALL`): `f` takes its
/// positional arguments as a borrowed slice, and the VM calls it without
/// building `Args` (see `MethodDef::fast`). The entry's `func`, for every
/// other way of calling it, is an adapter made here that rejects keywords
/// and passes the positional arguments on.
macro_rules! methods {
    ($owner:literal; $($name:literal => $([$fast:path])? $($f:path)?),* $(,)?) => {
        &[$(methods!(@def $owner, $name, $([$fast])? $($f)?)),*]
    };
    (@def $owner:literal, $name:literal, [$fast:path]) => {
        crate::vm::objects::MethodDef {
            name: $name,
            owner: $owner,
            func: |vm, v, args| {
                crate::builtins::methods::call_fast(concat!($owner, ".", $name), $fast, vm, v, args)
            },
            fast: Some($fast),
        }
    };
    (@def $owner:literal, $name:literal, $f:path) => {
        crate::vm::objects::MethodDef { name: $name, owner: $owner, func: $f, fast: None }
    };
}

mod bytes;
mod dict;
mod list;
mod num;
mod set;
mod str;
mod tuple;

use crate::vm::Value;
use crate::vm::Vm;
use crate::vm::error::*;
use crate::vm::objects::{Args, BuiltinFn, FastMethod, MethodDef};

pub use list::sort_values;

/// The method table for `v`'s type.
fn table_for(v: &Value) -> Option<&'static [MethodDef]> {
    Some(match v {
        Value::Str(_) => str::METHODS,
        Value::List(_) => list::METHODS,
        Value::Tuple(_) => tuple::METHODS,
        Value::Range(_) => tuple::RANGE_METHODS,
        Value::Dict(_) => dict::METHODS,
        Value::Set(s) if s.frozen => set::FROZENSET_METHODS,
        Value::Set(_) => set::SET_METHODS,
        Value::Bytes(_) => bytes::METHODS,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => num::INT_METHODS,
        Value::Float(_) => num::FLOAT_METHODS,
        Value::Native(n) => n.class().methods,
        _ => return None,
    })
}

/// Is `m` `list.append`? (The VM calls it without building arguments:
/// CPython 3.11's `PRECALL_NO_KW_LIST_APPEND`.)
#[inline]
pub fn is_list_append(m: &MethodDef) -> bool {
    std::ptr::eq(m, &list::METHODS[0])
}

/// Is `m` `list.pop`? (The VM pops the last item without building
/// arguments when it is called with none.)
#[inline]
pub fn is_list_pop(m: &MethodDef) -> bool {
    std::ptr::eq(m, &list::METHODS[3])
}

/// The low 48 bits of a method cache word: a `MethodDef`'s address.
const CACHED_ADDRESS: u64 = (1 << 48) - 1;

/// `find_method` through a cache word owned by the caller (one per call
/// site name), CPython's `LOAD_METHOD` inline cache: the word holds the
/// address of the last method found (low 48 bits) and the receiver's
/// `Value` tag plus one (high 16 bits; 0 is the empty word), so that a
/// repeated `lst.append(x)` costs one load and one comparison. Only tags
/// that decide the method table are cached (not sets, whose table depends
/// on `frozen`, nor natives, whose class does). A stale word costs a search.
#[inline(always)]
pub fn find_method_cached(
    v: &Value,
    name: &str,
    cache: &std::sync::atomic::AtomicU64,
) -> Option<&'static MethodDef> {
    let c = cache.load(std::sync::atomic::Ordering::Relaxed);
    if c >> 48 == v.tag() + 1 {
        // SAFETY: only `find_method_to_cache` writes a word with a nonzero
        // tag, and its low 48 bits are then the whole address of a
        // `&'static MethodDef` (checked before it is stored).
        return Some(unsafe { &*((c & CACHED_ADDRESS) as *const MethodDef) });
    }
    find_method_to_cache(v, name, cache)
}

#[inline(never)]
fn find_method_to_cache(
    v: &Value,
    name: &str,
    cache: &std::sync::atomic::AtomicU64,
) -> Option<&'static MethodDef> {
    if let Value::Native(n) = v {
        return crate::vm::native::find_method(n.class(), name);
    }
    let m = lookup(table_for(v)?, name)?;
    let address = m as *const MethodDef as u64;
    if !matches!(v, Value::Set(_)) && address & !CACHED_ADDRESS == 0 {
        let word = ((v.tag() + 1) << 48) | address;
        cache.store(word, std::sync::atomic::Ordering::Relaxed);
    }
    Some(m)
}

/// The method table of the builtin type called `type_name`.
fn table_for_type(type_name: &str) -> Option<&'static [MethodDef]> {
    Some(match type_name {
        "str" => str::METHODS,
        "list" => list::METHODS,
        "tuple" => tuple::METHODS,
        "range" => tuple::RANGE_METHODS,
        "dict" => dict::METHODS,
        "set" => set::SET_METHODS,
        "frozenset" => set::FROZENSET_METHODS,
        "bytes" => bytes::METHODS,
        "int" | "bool" => num::INT_METHODS,
        "float" => num::FLOAT_METHODS,
        _ => return None,
    })
}

fn lookup(table: &'static [MethodDef], name: &str) -> Option<&'static MethodDef> {
    table.iter().find(|m| m.name == name)
}

/// The method `name` of `v`'s type, if it has one.
pub fn find_method(v: &Value, name: &str) -> Option<&'static MethodDef> {
    lookup(table_for(v)?, name)
}

/// The names of the methods of `v`'s type (for completion and `dir`).
pub fn method_names(v: &Value) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = table_for(v)
        .map(|t| t.iter().map(|m| m.name).collect())
        .unwrap_or_default();
    if let Value::Native(n) = v {
        names.extend(n.attr_names());
    }
    names
}

/// The method `name` of the builtin type `type_name` (`str.upper`), called
/// with the receiver as its first argument.
///
/// For the class methods (`dict.fromkeys`) this returns a descriptor that
/// passes its "receiver" on as the first argument, so that calling it as an
/// unbound method works; [`class_method`] gives the same functions as
/// builtins, which also report a missing first argument as CPython does.
pub fn type_method(type_name: &str, name: &str) -> Option<&'static MethodDef> {
    match (type_name, name) {
        ("dict", "fromkeys") => return Some(&dict::FROMKEYS_ON_TYPE),
        ("int" | "bool", "from_bytes") => return Some(&num::FROM_BYTES_ON_TYPE),
        ("float", "fromhex") => return Some(&num::FROMHEX_ON_TYPE),
        _ => {}
    }
    lookup(table_for_type(type_name)?, name)
}

/// Class methods of the builtin types: `dict.fromkeys(it, v)`,
/// `int.from_bytes(b, order)`, `float.fromhex(s)`.
pub fn class_method(type_name: &str, name: &str) -> Option<&'static BuiltinFn> {
    match (type_name, name) {
        ("dict", "fromkeys") => Some(&dict::FROMKEYS),
        ("int" | "bool", "from_bytes") => Some(&num::FROM_BYTES),
        ("float", "fromhex") => Some(&num::FROMHEX),
        _ => None,
    }
}

/// `text.encode(encoding, errors)` for the codecs mini knows (`utf-8`,
/// `ascii`, `latin-1` and their aliases), with CPython's errors
/// (`LookupError`, `UnicodeEncodeError` — or `UnicodeError` where mini has no
/// such class).
pub fn encode_str(text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    str::encode_text(text, str::Codec::lookup(encoding)?, errors)
}

/// `data.decode(encoding, errors)`, like [`encode_str`].
pub fn decode_bytes(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    bytes::decode_bytes(data, str::Codec::lookup(encoding)?, errors)
}

// ------------------------------------------------------------------ helpers

/// The `func` of a fast method (see `methods!`): no keywords, then the
/// positional arguments as a slice.
pub(crate) fn call_fast(
    q: &str,
    f: FastMethod,
    vm: &mut Vm,
    v: &Value,
    args: Args,
) -> PyResult<Value> {
    args.no_kw(q)?;
    f(vm, v, &args.pos)
}

/// `descriptor 'upper' for 'str' objects doesn't apply to a 'int' object`.
pub(crate) fn wrong_receiver(name: &str, owner: &str, v: &Value) -> PyErr {
    type_error(format!(
        "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
        v.type_name()
    ))
}

/// An integer argument converted to a C `Py_ssize_t`.
pub(crate) fn ssize_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// An integer argument converted to a C `int` (`expandtabs(tabsize)`, the
/// `bool(accept={int})` flags such as `sort(reverse=)`).
pub(crate) fn c_int_arg(v: &Value) -> PyResult<i32> {
    let i = match v {
        Value::BigInt(_) => None,
        other => Some(ssize_arg(other)?),
    };
    i.and_then(|i| i32::try_from(i).ok())
        .ok_or_else(|| overflow_error("Python int too large to convert to C int"))
}

/// The type name CPython's Argument Clinic prints in "must be str, not X"
/// (`None` rather than `NoneType`).
pub(crate) fn clinic_type_name(v: &Value) -> &str {
    match v {
        Value::None => "None",
        other => other.type_name(),
    }
}

/// A start/end index argument (`_PyEval_SliceIndex`): huge ints are clamped,
/// `None` means "absent" where `none_ok`.
pub(crate) fn slice_index(v: &Value, none_ok: bool) -> PyResult<Option<i64>> {
    match v {
        Value::None if none_ok => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        _ => Err(type_error(if none_ok {
            "slice indices must be integers or None or have an __index__ method"
        } else {
            "slice indices must be integers or have an __index__ method"
        })),
    }
}

/// CPython's `ADJUST_INDICES`: `end` is clamped to `[0, len]`, `start` to
/// `[0, ∞)` (it may exceed `end`).
pub(crate) fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len_i = len as i64;
    let mut end = end.unwrap_or(len_i);
    if end > len_i {
        end = len_i;
    } else if end < 0 {
        end = (end + len_i).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len_i).max(0);
    }
    (start as usize, end as usize)
}

/// The optional start/end arguments at `pos[from..]` of a search method.
pub(crate) fn start_end(pos: &[Value], from: usize) -> PyResult<(Option<i64>, Option<i64>)> {
    let start = match pos.get(from) {
        Some(v) => slice_index(v, true)?,
        None => None,
    };
    let end = match pos.get(from + 1) {
        Some(v) => slice_index(v, true)?,
        None => None,
    };
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    #[test]
    fn list_append_is_recognised() {
        let m = super::find_method(&crate::vm::Value::list(vec![]), "append").unwrap();
        assert!(super::is_list_append(m));
        let m = super::find_method(&crate::vm::Value::list(vec![]), "pop").unwrap();
        assert!(!super::is_list_append(m));
    }

    use super::*;

    fn kw(pos: Vec<Value>, kw: Vec<(&str, Value)>) -> Args {
        Args {
            pos: smallvec::SmallVec::from_vec(pos),
            kw: kw
                .into_iter()
                .map(|(k, v)| (crate::vm::objects::StrObj::new(k), v))
                .collect(),
        }
    }

    fn msg(e: PyErr) -> String {
        match e.args.first() {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        }
    }

    #[test]
    fn kwparse_messages() {
        let r = (kw(vec![Value::None; 3], vec![])).kwparse("split", ["sep", "maxsplit"], 0, 2);
        assert_eq!(
            msg(r.expect_err("error")),
            "split() takes at most 2 arguments (3 given)"
        );
        let r =
            (kw(vec![], vec![("foo", Value::None)])).kwparse("split", ["sep", "maxsplit"], 0, 2);
        assert_eq!(
            msg(r.expect_err("error")),
            "'foo' is an invalid keyword argument for split()"
        );
        let r = (kw(vec![Value::None], vec![("sep", Value::None)])).kwparse(
            "split",
            ["sep", "maxsplit"],
            0,
            2,
        );
        assert_eq!(
            msg(r.expect_err("error")),
            "argument for split() given by name ('sep') and position (1)"
        );
        let r = (kw(vec![Value::None], vec![])).kwparse("sort", ["key", "reverse"], 0, 0);
        assert_eq!(
            msg(r.expect_err("error")),
            "sort() takes no positional arguments"
        );
        let r = (kw(vec![], vec![("maxsplit", Value::Int(1))]))
            .kwparse("split", ["sep", "maxsplit"], 0, 2)
            .ok()
            .expect("ok");
        assert!(r[0].is_none());
        assert!(matches!(r[1], Some(Value::Int(1))));
    }

    #[test]
    fn adjust() {
        assert_eq!(adjust_indices(None, None, 3), (0, 3));
        assert_eq!(adjust_indices(Some(-1), Some(10), 3), (2, 3));
        assert_eq!(adjust_indices(Some(5), Some(-10), 3), (5, 0));
        assert_eq!(adjust_indices(Some(i64::MIN), Some(i64::MAX), 3), (0, 3));
    }
}
