//! `str.format`: the format string split into literals and replacement
//! fields (a port of CPython's `MarkupIterator` / `parse_field`), and the
//! fields looked up in the arguments and formatted.

use super::spec::format_value;
use super::{FormatError, fmt_err};
use crate::vm::error::*;
use crate::vm::interp::Vm;
use crate::vm::objects::Args;
use crate::vm::value::Value;

// ---------------------------------------------------------------------------
// str.format parsing (port of MarkupIterator / parse_field)
// ---------------------------------------------------------------------------

/// A piece of a `str.format` string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatPiece {
    Literal(String),
    Field {
        /// Raw field name: "", "0", "name", "0.attr", "x[1]".
        name: String,
        /// The character after '!', unvalidated (see `check_conversion`).
        conversion: Option<char>,
        /// Raw spec text; may contain nested `{...}` fields to expand.
        spec: String,
    },
}

/// Parses one replacement field; `*i` points just after its '{'.
fn parse_field(c: &[char], i: &mut usize) -> Result<FormatPiece, FormatError> {
    let n = c.len();
    let name_start = *i;
    let mut last = '\0';
    while *i < n {
        last = c[*i];
        *i += 1;
        match last {
            '{' => return Err(FormatError::value("unexpected '{' in field name")),
            '[' => {
                while *i < n && c[*i] != ']' {
                    *i += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name: String = c[name_start..(*i).saturating_sub(1).max(name_start)]
        .iter()
        .collect();
    if last != '!' && last != ':' {
        if last != '}' || *i > n {
            return Err(FormatError::value("expected '}' before end of string"));
        }
        return Ok(FormatPiece::Field {
            name,
            conversion: None,
            spec: String::new(),
        });
    }
    let mut conversion = None;
    if last == '!' {
        if *i >= n {
            return Err(FormatError::value(
                "end of string while looking for conversion specifier",
            ));
        }
        conversion = Some(c[*i]);
        *i += 1;
        if *i < n {
            let next = c[*i];
            *i += 1;
            if next == '}' {
                return Ok(FormatPiece::Field {
                    name,
                    conversion,
                    spec: String::new(),
                });
            }
            if next != ':' {
                return Err(FormatError::value(
                    "expected ':' after conversion specifier",
                ));
            }
        }
    }
    let spec_start = *i;
    let mut depth = 1;
    while *i < n {
        let ch = c[*i];
        *i += 1;
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let spec = c[spec_start..*i - 1].iter().collect();
                    return Ok(FormatPiece::Field {
                        name,
                        conversion,
                        spec,
                    });
                }
            }
            _ => {}
        }
    }
    Err(FormatError::value("unmatched '{' in format spec"))
}

/// Splits a `str.format` string into literals and replacement fields.
pub fn parse_format_string(s: &str) -> Result<Vec<FormatPiece>, FormatError> {
    let c: Vec<char> = s.chars().collect();
    let n = c.len();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < n {
        let ch = c[i];
        i += 1;
        match ch {
            '{' | '}' if i < n && c[i] == ch => {
                lit.push(ch);
                i += 1;
            }
            '}' => {
                return Err(FormatError::value(
                    "Single '}' encountered in format string",
                ));
            }
            '{' if i >= n => {
                return Err(FormatError::value(
                    "Single '{' encountered in format string",
                ));
            }
            '{' => {
                if !lit.is_empty() {
                    pieces.push(FormatPiece::Literal(std::mem::take(&mut lit)));
                }
                pieces.push(parse_field(&c, &mut i)?);
            }
            _ => lit.push(ch),
        }
    }
    if !lit.is_empty() {
        pieces.push(FormatPiece::Literal(lit));
    }
    Ok(pieces)
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

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
    let pieces = parse_format_string(fmt).map_err(fmt_err)?;
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
            v = crate::vm::attrs::get_attr(vm, &v, &Value::str(attr))?;
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
            v = crate::vm::subscript::get_item(vm, &v, &key)?;
            rest = &r[close + 1..];
        } else {
            return Err(value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(v)
}
