//! `repr()` and `str()` of every builtin value, exactly as CPython prints them.

use std::fmt::Write;

use super::error::*;
use super::format::float_repr;
use super::interp::Vm;
use super::objects::*;
use super::value::Value;

/// The repr of a code object's constant, which needs no interpreter (the
/// disassembler's): None, bools, numbers, strings and bytes, tuples and
/// frozensets of those, and native constants through their `describe`.
pub fn const_repr(v: &Value) -> String {
    let mut out = String::new();
    const_repr_into(v, &mut out);
    out
}

fn const_repr_into(v: &Value, out: &mut String) {
    let items_into = |items: &[Value], out: &mut String| {
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            const_repr_into(item, out);
        }
    };
    match v {
        Value::None => out.push_str("None"),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Bool(b) => out.push_str(if b.get() { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::BigInt(b) => match int_to_decimal(b) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str("<unprintable>"),
        },
        Value::Float(f) => out.push_str(&float_repr(f.get())),
        Value::Str(s) => str_repr_into(s.as_str(), out),
        Value::Bytes(b) => bytes_repr_into(&b.data, out),
        Value::Tuple(t) => {
            out.push('(');
            items_into(&t.items, out);
            if t.items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Set(s) if s.frozen => {
            let items = s.snapshot();
            if items.is_empty() {
                out.push_str("frozenset()");
            } else {
                out.push_str("frozenset({");
                items_into(&items, out);
                out.push_str("})");
            }
        }
        Value::Native(n) => match n.describe() {
            Some(d) => out.push_str(&d),
            None => {
                let _ = write!(out, "<{} object>", v.type_name());
            }
        },
        other => {
            let _ = write!(out, "<{} object>", other.type_name());
        }
    }
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    let mut out = String::new();
    repr_into(vm, v, &mut out)?;
    Ok(out)
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Exc(e) => exc_str(vm, e),
        Value::Native(n) => n.str(vm, v),
        _ => repr(vm, v),
    }
}

/// `str(exc)`: the message.
pub fn exc_str(vm: &mut Vm, e: &ExcObj) -> PyResult<String> {
    match e.args.len() {
        0 => Ok(String::new()),
        1 if e.typ.name == "KeyError" => repr(vm, &e.args[0]),
        1 => to_str(vm, &e.args[0]),
        _ => repr(vm, &Value::tuple(e.args.to_vec())),
    }
}

fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.id() as u64)
}

/// Enter a container for repr: Err on too-deep nesting, Ok(false) if it is
/// already being printed (a cycle).
fn enter(vm: &mut Vm, id: usize) -> PyResult<bool> {
    if vm.repr_guard.contains(&id) {
        return Ok(false);
    }
    let limit = vm
        .interp
        .recursion_limit
        .load(std::sync::atomic::Ordering::Relaxed);
    vm.check_native_stack("while getting the repr of an object")?;
    if vm.repr_guard.len() >= limit {
        return Err(recursion_error(
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    vm.repr_guard.insert(id);
    Ok(true)
}

fn items_into(vm: &mut Vm, items: &[Value], out: &mut String) -> PyResult<()> {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        repr_into(vm, x, out)?;
    }
    Ok(())
}

fn repr_into(vm: &mut Vm, v: &Value, out: &mut String) -> PyResult<()> {
    match v {
        Value::Unbound => out.push_str("<NULL>"),
        Value::None => out.push_str("None"),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Bool(b) => out.push_str(if b.get() { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::BigInt(b) => out.push_str(&int_to_decimal(b)?),
        Value::Float(f) => out.push_str(&float_repr(f.get())),
        Value::Str(s) => str_repr_into(s.as_str(), out),
        Value::Bytes(b) => bytes_repr_into(&b.data, out),
        Value::List(l) => {
            let id = v.id() as usize;
            if !enter(vm, id)? {
                out.push_str("[...]");
                return Ok(());
            }
            let items = l.snapshot();
            out.push('[');
            let r = items_into(vm, &items, out);
            vm.repr_guard.remove(&id);
            r?;
            out.push(']');
        }
        Value::Tuple(t) => {
            let id = v.id() as usize;
            if !enter(vm, id)? {
                out.push_str("(...)");
                return Ok(());
            }
            out.push('(');
            let r = items_into(vm, &t.items, out);
            vm.repr_guard.remove(&id);
            r?;
            if t.items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Dict(d) => {
            let id = v.id() as usize;
            if !enter(vm, id)? {
                out.push_str("{...}");
                return Ok(());
            }
            let items = d.table.lock().items();
            out.push('{');
            let r: PyResult<()> = (|| {
                for (i, (k, val)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    repr_into(vm, k, out)?;
                    out.push_str(": ");
                    repr_into(vm, val, out)?;
                }
                Ok(())
            })();
            vm.repr_guard.remove(&id);
            r?;
            out.push('}');
        }
        Value::Set(s) => {
            let items = s.snapshot();
            let name = if s.frozen { "frozenset" } else { "set" };
            if items.is_empty() {
                let _ = write!(out, "{name}()");
                return Ok(());
            }
            let id = v.id() as usize;
            if !enter(vm, id)? {
                let _ = write!(out, "{name}(...)");
                return Ok(());
            }
            if s.frozen {
                out.push_str("frozenset(");
            }
            out.push('{');
            let r = items_into(vm, &items, out);
            vm.repr_guard.remove(&id);
            r?;
            out.push('}');
            if s.frozen {
                out.push(')');
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                let _ = write!(out, "range({}, {})", r.start, r.stop);
            } else {
                let _ = write!(out, "range({}, {}, {})", r.start, r.stop, r.step);
            }
        }
        Value::Slice(s) => {
            out.push_str("slice(");
            repr_into(vm, &s.start, out)?;
            out.push_str(", ");
            repr_into(vm, &s.stop, out)?;
            out.push_str(", ");
            repr_into(vm, &s.step, out)?;
            out.push(')');
        }
        Value::DictView(view) => {
            let items = {
                let t = view.dict.table.lock();
                match view.kind {
                    ViewKind::Keys => t.keys(),
                    ViewKind::Values => t.values(),
                    ViewKind::Items => t
                        .items()
                        .into_iter()
                        .map(|(k, v)| Value::tuple(vec![k, v]))
                        .collect(),
                }
            };
            let _ = write!(out, "{}([", view.kind.type_name());
            items_into(vm, &items, out)?;
            out.push_str("])");
        }
        Value::Iter(it) => {
            let _ = write!(out, "<{} object at {}>", it.type_name(), addr(v));
        }
        Value::Func(f) => {
            let _ = write!(out, "<function {} at {}>", f.code.qualname, addr(v));
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name);
        }
        Value::MethodDesc(m) => {
            let _ = write!(out, "<method '{}' of '{}' objects>", m.name, m.owner);
        }
        Value::BoundMethod(b) => match &b.func {
            BoundFunc::Native(m) => {
                let _ = write!(
                    out,
                    "<built-in method {} of {} object at {}>",
                    m.name,
                    b.receiver.type_name(),
                    addr(&b.receiver)
                );
            }
            BoundFunc::Python(f) => {
                let name = match f {
                    Value::Func(f) => f.code.qualname.clone(),
                    _ => "?".into(),
                };
                let _ = write!(out, "<bound method {name} of ");
                repr_into(vm, &b.receiver, out)?;
                out.push('>');
            }
        },
        Value::Module(m) => {
            let _ = write!(out, "<module '{}' (built-in)>", m.name);
        }
        Value::Type(t) => match t.native {
            Some(c) => {
                let _ = write!(out, "<class '{}.{}'>", c.module, c.name);
            }
            None => {
                let _ = write!(out, "<class '{}'>", t.name);
            }
        },
        Value::Native(n) => out.push_str(&n.repr(vm, v)?),
        Value::Exc(e) => {
            out.push_str(&e.typ.name);
            out.push('(');
            items_into(vm, &e.args, out)?;
            out.push(')');
        }
    }
    Ok(())
}

/// CPython 3.11 refuses to print ints of more than 4300 digits.
pub const MAX_STR_DIGITS: u64 = 4300;

pub fn int_to_decimal(b: &num_bigint::BigInt) -> PyResult<String> {
    // Digits ≈ bits × log10(2); only compute exactly near the limit.
    if b.bits() as f64 * std::f64::consts::LOG10_2 > MAX_STR_DIGITS as f64 + 1.0 {
        return Err(value_error(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len() as u64;
    if digits > MAX_STR_DIGITS {
        return Err(value_error(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(s)
}

/// Is `c` printable in the sense of `str.isprintable` (approximated with
/// Rust's Unicode tables: controls, separators and unassigned are not)?
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    !matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xD800..=0xDFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFE | 0xFFFF)
}

pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    str_repr_into(s, &mut out);
    out
}

fn str_repr_into(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let u = c as u32;
                let _ = if u < 0x100 {
                    write!(out, "\\x{u:02x}")
                } else if u < 0x10000 {
                    write!(out, "\\u{u:04x}")
                } else {
                    write!(out, "\\U{u:08x}")
                };
            }
        }
    }
    out.push(quote);
}

pub fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::new();
    bytes_repr_into(b, &mut out);
    out
}

fn bytes_repr_into(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
}
