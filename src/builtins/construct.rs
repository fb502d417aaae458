//! Calling a type object: `int("12")`, `list(x)`, `ValueError("msg")`, ….
//!
//! Each builtin type's constructor, with CPython's keyword rules and error
//! messages: `int float str bool bytes list tuple dict set frozenset range
//! slice type` and every exception class.

use std::sync::Arc;

use num_traits::Signed;

use super::functions::builtin_type;
use super::functions::numeric::float_to_int;
use super::functions::sequence::make_range;
use crate::vm::args::clinic_count;
use crate::vm::dict::DictTable;
use crate::vm::error::*;
use crate::vm::format::{parse_float_literal, parse_int_literal};
use crate::vm::iter::{self, get_iter};
use crate::vm::objects::{Args, BytesObj, DictObj, SetObj, SliceObj, TypeKind, TypeObj};
use crate::vm::ops;
use crate::vm::repr::{bytes_repr, str_repr, to_str};
use crate::vm::settable::SetTable;
use crate::vm::{Value, Vm};

/// `T(*args, **kwargs)` for a builtin type or exception class `T`.
pub fn construct(vm: &mut Vm, t: &Arc<TypeObj>, args: Args) -> PyResult<Value> {
    match t.kind {
        TypeKind::Exception => {
            args.no_kw(&t.name)?;
            Ok(Value::Exc(exc_with_args(t, args.pos.into_vec())))
        }
        TypeKind::Int => construct_int(args),
        TypeKind::Float => construct_float(args),
        TypeKind::Str => construct_str(vm, args),
        TypeKind::Bool => {
            args.no_kw("bool")?;
            clinic_count("bool", args.pos.len(), 0, 1)?;
            match args.pos.first() {
                Some(v) => Ok(Value::bool(ops::truthy_checked(v)?)),
                None => Ok(Value::bool(false)),
            }
        }
        TypeKind::Bytes => construct_bytes(vm, args),
        TypeKind::List => {
            args.no_kw("list")?;
            clinic_count("list", args.pos.len(), 0, 1)?;
            match args.pos.first() {
                Some(v) => Ok(Value::list(iter::collect(vm, v)?)),
                None => Ok(Value::list(Vec::new())),
            }
        }
        TypeKind::Tuple => {
            args.no_kw("tuple")?;
            clinic_count("tuple", args.pos.len(), 0, 1)?;
            match args.pos.first() {
                Some(v @ Value::Tuple(_)) => Ok(v.clone()),
                Some(v) => Ok(Value::tuple(iter::collect(vm, v)?)),
                None => Ok(Value::tuple(Vec::new())),
            }
        }
        TypeKind::Dict => construct_dict(vm, args),
        TypeKind::Set => construct_set(vm, args, false),
        TypeKind::FrozenSet => construct_set(vm, args, true),
        TypeKind::Range => make_range(args),
        TypeKind::Slice => {
            args.no_kw("slice")?;
            clinic_count("slice", args.pos.len(), 1, 3)?;
            let p = &args.pos;
            let (start, stop, step) = match p.len() {
                1 => (Value::None, p[0].clone(), Value::None),
                2 => (p[0].clone(), p[1].clone(), Value::None),
                _ => (p[0].clone(), p[1].clone(), p[2].clone()),
            };
            Ok(Value::Slice(Arc::new(SliceObj { start, stop, step })))
        }
        TypeKind::Type => builtin_type(args),
        TypeKind::NoneType => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(type_error("NoneType takes no arguments"));
            }
            Ok(Value::None)
        }
        TypeKind::Object => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(type_error("object() takes no arguments"));
            }
            Err(type_error(
                "cannot create 'object' instances (mini has no plain objects)",
            ))
        }
        _ => Err(type_error(format!("cannot create '{}' instances", t.name))),
    }
}

// --------------------------------------------------------------------- int

/// CPython's `%.200R`: a repr cut at 200 characters.
fn repr_200(r: String) -> String {
    if r.chars().count() > 200 {
        r.chars().take(200).collect()
    } else {
        r
    }
}

/// CPython 3.11's limit on decimal (non power-of-two base) int parsing.
const MAX_STR_DIGITS: usize = 4300;

/// `int(text, base)`; `shown` is the repr used in the error message.
fn int_from_text(text: &str, base: u32, shown: impl FnOnce() -> String) -> PyResult<Value> {
    match parse_int_literal(text, base) {
        Some(b) => {
            let t = text.trim().trim_start_matches(['+', '-']);
            let lower = t.get(..2).map(|p| p.to_ascii_lowercase());
            let prefixed = matches!(lower.as_deref(), Some("0x" | "0o" | "0b"));
            let effective = if base == 0 {
                if prefixed { 2 } else { 10 }
            } else {
                base
            };
            if !effective.is_power_of_two() {
                let digits = t.bytes().filter(|c| c.is_ascii_alphanumeric()).count();
                if digits > MAX_STR_DIGITS {
                    return Err(value_error(format!(
                        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
                    )));
                }
            }
            Ok(Value::from_bigint(b))
        }
        None => Err(value_error(format!(
            "invalid literal for int() with base {base}: {}",
            repr_200(shown())
        ))),
    }
}

/// `int(x)` with no base.
pub fn int_of(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(f.get()),
        Value::Str(s) => int_from_text(s.as_str(), 10, || str_repr(s.as_str())),
        Value::Bytes(b) => {
            let text: String = b.data.iter().map(|&c| c as char).collect();
            int_from_text(&text, 10, || bytes_repr(&b.data))
        }
        other => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn construct_int(args: Args) -> PyResult<Value> {
    let p = args.bind_params("int", &["x", "base"], 1, 0)?;
    let mut p = p.into_iter();
    let x = p.next().flatten();
    let base = p.next().flatten();
    let Some(base) = base else {
        return match x {
            Some(x) => int_of(&x),
            None => Ok(Value::Int(0)),
        };
    };
    let Some(x) = x else {
        return Err(type_error("int() missing string argument"));
    };
    let bad_base = || value_error("int() base must be >= 2 and <= 36, or 0");
    let base = match &base {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => return Err(bad_base()),
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(bad_base());
    }
    let base = base as u32;
    match &x {
        Value::Str(s) => int_from_text(s.as_str(), base, || str_repr(s.as_str())),
        Value::Bytes(b) => {
            let text: String = b.data.iter().map(|&c| c as char).collect();
            int_from_text(&text, base, || bytes_repr(&b.data))
        }
        _ => Err(type_error(
            "int() can't convert non-string with explicit base",
        )),
    }
}

// ------------------------------------------------------------------- float

/// `float(x)`.
pub fn float_of(v: &Value) -> PyResult<Value> {
    match v {
        Value::Float(_) => Ok(v.clone()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            Ok(Value::float(ops::to_f64(v).unwrap_or(Ok(0.0))?))
        }
        Value::Str(s) => match parse_float_literal(s.as_str()) {
            Some(f) => Ok(Value::float(f)),
            None => Err(value_error(format!(
                "could not convert string to float: {}",
                str_repr(s.as_str())
            ))),
        },
        Value::Bytes(b) => {
            let parsed = std::str::from_utf8(&b.data)
                .ok()
                .and_then(parse_float_literal);
            match parsed {
                Some(f) => Ok(Value::float(f)),
                None => Err(value_error(format!(
                    "could not convert string to float: {}",
                    bytes_repr(&b.data)
                ))),
            }
        }
        other => Err(type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn construct_float(args: Args) -> PyResult<Value> {
    args.no_kw("float")?;
    clinic_count("float", args.pos.len(), 0, 1)?;
    match args.pos.first() {
        Some(v) => float_of(v),
        None => Ok(Value::float(0.0)),
    }
}

// ---------------------------------------------------------- str and bytes

#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

fn codec(v: &Value, fname: &str) -> PyResult<Codec> {
    let name = match v {
        Value::Str(s) => s.as_str(),
        other => {
            return Err(type_error(format!(
                "{fname}() argument 'encoding' must be str, not {}",
                other.type_name()
            )));
        }
    };
    let norm = name.trim().to_ascii_lowercase().replace('_', "-");
    match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" => Ok(Codec::Utf8),
        "ascii" | "us-ascii" | "646" => Ok(Codec::Ascii),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" => {
            Ok(Codec::Latin1)
        }
        _ => Err(new_exc(
            ExcKind::LookupError,
            format!("unknown encoding: {name}"),
        )),
    }
}

/// The `errors=` policy of a decode: only consulted when an error occurs
/// (an unknown name behaves as 'strict', as CPython only looks it up then).
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    Strict,
    Replace,
    Ignore,
}

fn check_errors_arg(v: Option<&Value>, fname: &str) -> PyResult<OnError> {
    match v {
        None => Ok(OnError::Strict),
        Some(Value::Str(s)) => Ok(match s.as_str() {
            "replace" => OnError::Replace,
            "ignore" => OnError::Ignore,
            _ => OnError::Strict,
        }),
        Some(other) => Err(type_error(format!(
            "{fname}() argument 'errors' must be str, not {}",
            other.type_name()
        ))),
    }
}

fn encode(s: &str, c: Codec) -> PyResult<Vec<u8>> {
    let (name, limit) = match c {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Ascii => ("ascii", 128u32),
        Codec::Latin1 => ("latin-1", 256u32),
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, ch) in s.chars().enumerate() {
        let u = ch as u32;
        if u >= limit {
            let shown = if u < 0x100 {
                format!("'\\x{u:02x}'")
            } else if u < 0x10000 {
                format!("'\\u{u:04x}'")
            } else {
                format!("'\\U{u:08x}'")
            };
            return Err(new_exc(
                ExcKind::UnicodeEncodeError,
                format!(
                    "'{name}' codec can't encode character {shown} in position {i}: ordinal not in range({limit})"
                ),
            ));
        }
        out.push(u as u8);
    }
    Ok(out)
}

fn decode(b: &[u8], c: Codec, on_error: OnError) -> PyResult<String> {
    let bad = |out: &mut String| {
        if on_error == OnError::Replace {
            out.push('\u{fffd}');
        }
    };
    match c {
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 128 {
                    out.push(x as char);
                } else if on_error == OnError::Strict {
                    return Err(new_exc(
                        ExcKind::UnicodeDecodeError,
                        format!(
                            "'ascii' codec can't decode byte 0x{x:02x} in position {i}: ordinal not in range(128)"
                        ),
                    ));
                } else {
                    bad(&mut out);
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut pos = 0usize;
            for chunk in b.utf8_chunks() {
                out.push_str(chunk.valid());
                pos += chunk.valid().len();
                let invalid = chunk.invalid();
                if invalid.is_empty() {
                    continue;
                }
                if on_error != OnError::Strict {
                    bad(&mut out);
                    pos += invalid.len();
                    continue;
                }
                let byte = invalid[0];
                let at_end = pos + invalid.len() == b.len();
                let starts_seq = matches!(byte, 0xc2..=0xf4);
                let msg = if at_end && starts_seq {
                    if invalid.len() > 1 {
                        format!(
                            "'utf-8' codec can't decode bytes in position {pos}-{}: unexpected end of data",
                            pos + invalid.len() - 1
                        )
                    } else {
                        format!(
                            "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: unexpected end of data"
                        )
                    }
                } else {
                    let why = if starts_seq {
                        "invalid continuation byte"
                    } else {
                        "invalid start byte"
                    };
                    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {why}")
                };
                return Err(new_exc(ExcKind::UnicodeDecodeError, msg));
            }
            Ok(out)
        }
    }
}

fn construct_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.bind_params("str", &["object", "encoding", "errors"], 0, 0)?;
    let mut p = p.into_iter();
    let obj = p.next().flatten();
    let encoding = p.next().flatten();
    let errors = p.next().flatten();
    if encoding.is_none() && errors.is_none() {
        return match obj {
            Some(v) => Ok(Value::str(to_str(vm, &v)?)),
            None => Ok(Value::str("")),
        };
    }
    let c = match &encoding {
        Some(e) => codec(e, "str")?,
        None => Codec::Utf8,
    };
    let on_error = check_errors_arg(errors.as_ref(), "str")?;
    match obj {
        Some(Value::Bytes(b)) => Ok(Value::str(decode(&b.data, c, on_error)?)),
        Some(Value::Str(_)) => Err(type_error("decoding str is not supported")),
        Some(other) => Err(type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            other.type_name()
        ))),
        None => Ok(Value::str("")),
    }
}

fn bytes_value(data: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(BytesObj { data: data.into() }))
}

/// A byte from an int-like item of `bytes(iterable)`.
fn byte_of(v: &Value) -> PyResult<u8> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => -1,
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    u8::try_from(i).map_err(|_| value_error("bytes must be in range(0, 256)"))
}

fn construct_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.bind_params("bytes", &["source", "encoding", "errors"], 0, 0)?;
    let mut p = p.into_iter();
    let source = p.next().flatten();
    let encoding = p.next().flatten();
    let errors = p.next().flatten();
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(type_error("errors without a string argument"));
        }
        return Ok(bytes_value(Vec::new()));
    };
    if let Value::Str(s) = &source {
        let Some(enc) = &encoding else {
            return Err(type_error("string argument without an encoding"));
        };
        let c = codec(enc, "bytes")?;
        check_errors_arg(errors.as_ref(), "bytes")?;
        return Ok(bytes_value(encode(s.as_str(), c)?));
    }
    if encoding.is_some() {
        return Err(type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(type_error("errors without a string argument"));
    }
    match &source {
        Value::Bytes(_) => Ok(source.clone()),
        Value::Int(_) | Value::Bool(_) => {
            let n = ops::index_of(&source)?;
            if n < 0 {
                return Err(value_error("negative count"));
            }
            check_alloc(n as usize, 1)?;
            Ok(bytes_value(vec![0u8; n as usize]))
        }
        Value::BigInt(b) => {
            if b.is_negative() {
                Err(value_error("negative count"))
            } else {
                Err(overflow_error(
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        }
        Value::Float(_) | Value::None => Err(type_error(format!(
            "cannot convert '{}' object to bytes",
            source.type_name()
        ))),
        other => {
            let it = get_iter(other).map_err(|_| {
                type_error(format!(
                    "cannot convert '{}' object to bytes",
                    other.type_name()
                ))
            })?;
            let mut out = Vec::new();
            while let Some(x) = iter::next(vm, &it)? {
                out.push(byte_of(&x)?);
            }
            Ok(bytes_value(out))
        }
    }
}

// -------------------------------------------------------------------- dict

fn dict_insert(t: &mut DictTable, k: Value, v: Value) -> PyResult<()> {
    let h = ops::hash_value(&k)?;
    t.insert(h, k, v);
    Ok(())
}

/// The items of `dict(iterable)`: pairs from an iterable of 2-sequences.
fn dict_pairs(vm: &mut Vm, src: &Value, t: &mut DictTable) -> PyResult<()> {
    let it = get_iter(src)?;
    let mut i = 0usize;
    while let Some(elem) = iter::next(vm, &it)? {
        let pair = match &elem {
            Value::Tuple(tp) => tp.items.to_vec(),
            Value::List(l) => l.snapshot(),
            other => {
                if get_iter(other).is_err() {
                    return Err(type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    )));
                }
                iter::collect(vm, other)?
            }
        };
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        if let (Some(k), Some(v)) = (pair.next(), pair.next()) {
            dict_insert(t, k, v)?;
        }
        i += 1;
    }
    Ok(())
}

fn construct_dict(vm: &mut Vm, args: Args) -> PyResult<Value> {
    clinic_count("dict", args.pos.len(), 0, 1)?;
    let mut t = match args.pos.first() {
        Some(Value::Dict(d)) => d.table.lock().clone(),
        Some(src) => {
            let mut t = DictTable::new();
            dict_pairs(vm, src, &mut t)?;
            t
        }
        None => DictTable::new(),
    };
    for (k, v) in args.kw {
        dict_insert(&mut t, Value::Str(k), v)?;
    }
    Ok(Value::Dict(Arc::new(DictObj::from_table(t))))
}

// --------------------------------------------------------------------- set

/// `set(it)` / `frozenset(it)` with CPython's element order.
pub fn set_of(vm: &mut Vm, src: &Value, frozen: bool) -> PyResult<Value> {
    let table = match src {
        Value::Set(s) => {
            if frozen && s.frozen {
                return Ok(src.clone());
            }
            s.table.lock().copy()
        }
        Value::Dict(d) => {
            let (n, items): (usize, Vec<(Value, i64)>) = {
                let t = d.table.lock();
                (t.len(), t.iter().map(|e| (e.key.clone(), e.hash)).collect())
            };
            let mut table = SetTable::new();
            table.update_from_dict(n, items, ops::key_eq);
            table
        }
        other => {
            let items = iter::collect(vm, other)?;
            let mut table = SetTable::new();
            for x in items {
                let h = ops::hash_value(&x)?;
                table.insert(x, h, ops::key_eq);
            }
            table
        }
    };
    Ok(Value::Set(Arc::new(SetObj::new(table, frozen))))
}

fn construct_set(vm: &mut Vm, args: Args, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    args.no_kw(name)?;
    clinic_count(name, args.pos.len(), 0, 1)?;
    match args.pos.first() {
        Some(v) => set_of(vm, v, frozen),
        None => Ok(Value::Set(Arc::new(SetObj::new(SetTable::new(), frozen)))),
    }
}
