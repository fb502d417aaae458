//! The three ways Python formats values — `format(v, spec)` and f-strings,
//! `str.format`, and printf-style `%` — connecting values to the pure
//! formatting engine in `format.rs`.

use num_bigint::BigInt;

use super::error::*;
use super::format::{
    self, Count, FormatArg, FormatError, FormatErrorKind, FormatPiece, PercentPiece,
};
use super::interp::Vm;
use super::objects::Args;
use super::repr::{repr, to_str};
use super::value::Value;

fn fmt_err(e: FormatError) -> PyErr {
    match e.kind {
        FormatErrorKind::Value => value_error(e.msg),
        FormatErrorKind::Type => type_error(e.msg),
        FormatErrorKind::Overflow => overflow_error(e.msg),
    }
}

/// Python's `format(v, spec)`.
pub fn format_with_spec(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    let r = match v {
        Value::Int(i) => format::format_i64(*i, spec),
        Value::Bool(b) if spec.is_empty() => {
            return Ok(if b.get() { "True" } else { "False" }.into());
        }
        Value::Bool(b) => format::format_i64(*b as i64, spec),
        Value::BigInt(b) => {
            if spec.is_empty() {
                return super::repr::int_to_decimal(b);
            }
            format::format_spec(FormatArg::Int(b), spec)
        }
        Value::Float(f) => format::format_spec(FormatArg::Float(f.get()), spec),
        Value::Str(s) => format::format_spec(FormatArg::Str(s.as_str()), spec),
        other => {
            if spec.is_empty() {
                return to_str(vm, other);
            }
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            )));
        }
    };
    r.map_err(fmt_err)
}

/// The `FormatValue` instruction: conversion 0 none, 1 `!s`, 2 `!r`, 3 `!a`.
pub fn format_value(vm: &mut Vm, v: &Value, conv: u32, spec: Option<&Value>) -> PyResult<Value> {
    let converted;
    let v = match conv {
        1 => {
            converted = Value::str(to_str(vm, v)?);
            &converted
        }
        2 => {
            converted = Value::str(repr(vm, v)?);
            &converted
        }
        3 => {
            converted = Value::str(ascii(&repr(vm, v)?));
            &converted
        }
        _ => v,
    };
    let spec = match spec {
        Some(Value::Str(s)) => s.as_str(),
        _ => "",
    };
    if spec.is_empty()
        && let Value::Str(_) = v
    {
        return Ok(v.clone());
    }
    Ok(Value::str(format_with_spec(vm, v, spec)?))
}

/// `ascii()`: escape non-ASCII characters of a repr.
pub fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

// ------------------------------------------------------------ str.format

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &mut Vm, fmt: &str, args: Args) -> PyResult<Value> {
    let mut auto = 0usize;
    let mut manual = false;
    let out = format_pieces(vm, fmt, &args, &mut auto, &mut manual, 2)?;
    Ok(Value::str(out))
}

fn format_pieces(
    vm: &mut Vm,
    fmt: &str,
    args: &Args,
    auto: &mut usize,
    manual: &mut bool,
    depth: u32,
) -> PyResult<String> {
    let pieces = format::parse_format_string(fmt).map_err(fmt_err)?;
    let mut out = String::new();
    for p in pieces {
        match p {
            FormatPiece::Literal(s) => out.push_str(&s),
            FormatPiece::Field {
                name,
                conversion,
                spec,
            } => {
                let v = resolve_field(vm, &name, args, auto, manual)?;
                let spec = if spec.contains('{') {
                    if depth == 0 {
                        return Err(value_error("Max string recursion exceeded"));
                    }
                    format_pieces(vm, &spec, args, auto, manual, depth - 1)?
                } else {
                    spec
                };
                let conv = match conversion {
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    _ => 0,
                };
                let spec_v = Value::str(spec);
                let s = format_value(vm, &v, conv, Some(&spec_v))?;
                if let Value::Str(s) = s {
                    out.push_str(s.as_str());
                }
            }
        }
    }
    Ok(out)
}

/// Look up `0`, `name`, `0[1]`, `name.attr` in the arguments.
fn resolve_field(
    vm: &mut Vm,
    name: &str,
    args: &Args,
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<Value> {
    let end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(end);
    let mut v = if first.is_empty() {
        if *manual {
            return Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let i = *auto;
        *auto += 1;
        args.pos.get(i).cloned().ok_or_else(|| {
            index_error(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })?
    } else if let Ok(i) = first.parse::<usize>() {
        if *auto > 0 {
            return Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *manual = true;
        args.pos.get(i).cloned().ok_or_else(|| {
            index_error(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })?
    } else {
        args.kw
            .iter()
            .find(|(k, _)| k.as_str() == first)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| key_error(Value::str(first)))?
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = &r[..end];
            v = super::attrs::get_attr(vm, &v, &Value::str(attr))?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let close = r
                .find(']')
                .ok_or_else(|| value_error("Missing ']' in format string"))?;
            let key_s = &r[..close];
            let key = match key_s.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::str(key_s),
            };
            v = super::subscript::get_item(vm, &v, &key)?;
            rest = &r[close + 1..];
        } else {
            return Err(value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(v)
}

// ------------------------------------------------------------- % format

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    let pieces = format::parse_percent(fmt).map_err(fmt_err)?;
    let (list, mapping): (Vec<Value>, Option<Value>) = match args {
        Value::Tuple(t) => (t.items.to_vec(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut take = |what: &str| -> PyResult<Value> {
        let _ = what;
        let v = list
            .get(next)
            .cloned()
            .ok_or_else(|| type_error("not enough arguments for format string"))?;
        next += 1;
        Ok(v)
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut used_mapping = false;
    for p in pieces {
        let spec = match p {
            PercentPiece::Literal(s) => {
                out.push_str(&s);
                continue;
            }
            PercentPiece::Spec(spec) => spec,
        };
        let width = match spec.width {
            Some(Count::Star) => Some(ops_int(&take("*")?, "* wants int")?),
            Some(Count::Fixed(w)) => Some(w as i64),
            None => None,
        };
        let precision = match spec.precision {
            Some(Count::Star) => Some(ops_int(&take("*")?, "* wants int")?),
            Some(Count::Fixed(p)) => Some(p as i64),
            None => None,
        };
        let arg = match &spec.key {
            Some(k) => {
                used_mapping = true;
                let m = mapping
                    .as_ref()
                    .ok_or_else(|| type_error("format requires a mapping"))?;
                super::subscript::get_item(vm, m, &Value::str(k.clone()))?
            }
            None => take("arg")?,
        };
        let text = percent_one(vm, &spec, width, precision, &arg)?;
        out.push_str(&text);
    }
    if next < list.len() && mapping.is_none() && !used_mapping {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(Value::str(out))
}

fn ops_int(v: &Value, msg: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => Err(type_error(msg.to_string())),
    }
}

fn percent_one(
    vm: &mut Vm,
    spec: &format::PercentSpec,
    width: Option<i64>,
    precision: Option<i64>,
    arg: &Value,
) -> PyResult<String> {
    let text;
    let big;
    let fa = match spec.conv {
        's' => {
            text = to_str(vm, arg)?;
            FormatArg::Str(&text)
        }
        'r' => {
            text = repr(vm, arg)?;
            FormatArg::Str(&text)
        }
        'a' => {
            text = ascii(&repr(vm, arg)?);
            FormatArg::Str(&text)
        }
        'c' => match arg {
            Value::Str(s) => {
                text = s.as_str().to_string();
                FormatArg::Str(&text)
            }
            Value::Int(i) => {
                big = BigInt::from(*i);
                FormatArg::Int(&big)
            }
            _ => return Err(type_error("%c requires int or char")),
        },
        conv => match arg {
            Value::Int(i) => {
                big = BigInt::from(*i);
                FormatArg::Int(&big)
            }
            Value::Bool(b) => {
                big = BigInt::from(*b as i64);
                FormatArg::Int(&big)
            }
            Value::BigInt(b) => FormatArg::Int(b),
            Value::Float(f) => FormatArg::Float(f.get()),
            other => {
                let msg = if matches!(conv, 'd' | 'i' | 'u') {
                    format!(
                        "%{conv} format: a real number is required, not {}",
                        other.type_name()
                    )
                } else if matches!(conv, 'o' | 'x' | 'X') {
                    format!(
                        "%{conv} format: an integer is required, not {}",
                        other.type_name()
                    )
                } else {
                    format!("must be real number, not {}", other.type_name())
                };
                return Err(type_error(msg));
            }
        },
    };
    format::format_percent_spec_signed(spec, width, precision, fa).map_err(fmt_err)
}
