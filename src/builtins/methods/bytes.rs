//! Methods of `bytes`: `decode` and `hex` (what pickling and I/O need), plus
//! the common searching, splitting and case methods.

use std::sync::Arc;

use super::str::{Codec, codec_args};
use super::{adjust_indices, c_int_arg, ssize_arg, start_end, wrong_receiver};
use crate::vm::error::*;
use crate::vm::objects::{Args, BytesObj, MethodDef};
use crate::vm::{Value, Vm, iter};

pub(super) static METHODS: &[MethodDef] = methods!("bytes";
    "decode" => decode,
    "hex" => hex,
    "count" => count,
    "find" => find,
    "rfind" => rfind,
    "index" => index,
    "rindex" => rindex,
    "startswith" => startswith,
    "endswith" => endswith,
    "join" => join,
    "split" => split,
    "rsplit" => rsplit,
    "strip" => strip,
    "lstrip" => lstrip,
    "rstrip" => rstrip,
    "replace" => replace,
    "upper" => upper,
    "lower" => lower,
    "isdigit" => isdigit,
    "isalpha" => isalpha,
    "isalnum" => isalnum,
    "isspace" => isspace,
);

fn this<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<BytesObj>> {
    match v {
        Value::Bytes(b) => Ok(b),
        other => Err(wrong_receiver(name, "bytes", other)),
    }
}

fn new_bytes(data: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(BytesObj {
        data: data.into_boxed_slice(),
    }))
}

fn bytes_list<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Value {
    Value::list(parts.into_iter().map(|p| new_bytes(p.to_vec())).collect())
}

/// A bytes-like argument.
fn bytes_arg(v: &Value) -> PyResult<&[u8]> {
    match v {
        Value::Bytes(b) => Ok(&b.data),
        other => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

/// Python's `bytes.isspace` per byte.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn find_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    if n.len() > h.len() {
        return None;
    }
    h.windows(n.len()).position(|w| w == n)
}

fn rfind_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    h.windows(n.len()).rposition(|w| w == n)
}

// ---------------------------------------------------------------- decoding

/// Decode UTF-8 with CPython's error messages and handlers.
fn decode_utf8(data: &[u8], errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut rest = data;
    let mut offset = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad_len = e.error_len().unwrap_or(rest.len() - good);
                let start = offset + good;
                let first = rest[good];
                match errors {
                    "strict" => {
                        let reason = if e.error_len().is_none() {
                            "unexpected end of data"
                        } else if bad_len == 1 && !matches!(first, 0xC2..=0xF4) {
                            "invalid start byte"
                        } else {
                            "invalid continuation byte"
                        };
                        let what = if bad_len == 1 {
                            format!("byte 0x{first:02x} in position {start}")
                        } else {
                            format!("bytes in position {start}-{}", start + bad_len - 1)
                        };
                        return Err(new_exc(
                            ExcKind::UnicodeDecodeError,
                            format!("'utf-8' codec can't decode {what}: {reason}"),
                        ));
                    }
                    "ignore" => {}
                    "replace" => out.push('\u{FFFD}'),
                    "backslashreplace" => {
                        for b in &rest[good..good + bad_len] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                    }
                    other => {
                        return Err(new_exc(
                            ExcKind::LookupError,
                            format!("unknown error handler name '{other}'"),
                        ));
                    }
                }
                rest = &rest[good + bad_len..];
                offset = start + bad_len;
            }
        }
    }
}

/// Decode with `codec`.
pub(super) fn decode_bytes(data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    match codec {
        Codec::Utf8 => decode_utf8(data, errors),
        Codec::Latin1 => Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                    continue;
                }
                match errors {
                    "strict" => {
                        return Err(new_exc(
                            ExcKind::UnicodeDecodeError,
                            format!(
                                "'ascii' codec can't decode byte 0x{b:02x} in position {i}: ordinal not in range(128)"
                            ),
                        ));
                    }
                    "ignore" => {}
                    "replace" => out.push('\u{FFFD}'),
                    "backslashreplace" => out.push_str(&format!("\\x{b:02x}")),
                    other => {
                        return Err(new_exc(
                            ExcKind::LookupError,
                            format!("unknown error handler name '{other}'"),
                        ));
                    }
                }
            }
            Ok(out)
        }
    }
}

fn decode(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "decode")?;
    let (encoding, errors) = codec_args("decode", args)?;
    // Empty input decodes to '' without looking the codec up (as CPython).
    if b.data.is_empty() {
        return Ok(Value::str(""));
    }
    Ok(Value::str(decode_bytes(
        &b.data,
        Codec::lookup(&encoding)?,
        &errors,
    )?))
}

fn hex(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "hex")?;
    let [sep, per] = args.kwparse("hex", ["sep", "bytes_per_sep"], 0, 2)?;
    let per = match &per {
        Some(p) => c_int_arg(p)? as i64,
        None => 1,
    };
    let sep = match &sep {
        None => None,
        Some(sep) => {
            let len = match sep {
                Value::Str(s) => s.char_len(),
                Value::Bytes(b) => b.data.len(),
                Value::Tuple(t) => t.items.len(),
                Value::List(l) => l.len(),
                Value::Dict(d) => d.len(),
                Value::Set(s) => s.table.lock().len(),
                other => {
                    return Err(type_error(format!(
                        "object of type '{}' has no len()",
                        other.type_name()
                    )));
                }
            };
            if len != 1 {
                return Err(value_error("sep must be length 1."));
            }
            let c = match sep {
                Value::Str(s) => s.char_at(0),
                Value::Bytes(b) => b.data[0] as char,
                _ => return Err(type_error("sep must be str or bytes.")),
            };
            if !c.is_ascii() {
                return Err(value_error("sep must be ASCII."));
            }
            Some(c)
        }
    };
    let data = &b.data;
    check_alloc(data.len(), 3)?;
    let mut out = String::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, byte) in data.iter().enumerate() {
        if let Some(c) = sep
            && i > 0
            && group > 0
        {
            // Positive groups count from the right, negative from the left.
            let boundary = if per > 0 {
                (data.len() - i) % group == 0
            } else {
                i % group == 0
            };
            if boundary {
                out.push(c);
            }
        }
        out.push_str(&format!("{byte:02x}"));
    }
    Ok(Value::str(out))
}

// --------------------------------------------------------------- searching

/// The `sub` argument of `find`/`count`/`index`: bytes or a byte value.
fn sub_arg(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.data.to_vec()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let i = ssize_arg(v).unwrap_or(-1);
            if !(0..256).contains(&i) {
                return Err(value_error("byte must be in range(0, 256)"));
            }
            Ok(vec![i as u8])
        }
        other => Err(type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            other.type_name()
        ))),
    }
}

fn search(
    v: &Value,
    name: &'static str,
    q: &'static str,
    args: Args,
    reverse: bool,
) -> PyResult<Option<usize>> {
    let b = this(v, name)?;
    let pos = args.varargs(q, 1, 3)?;
    let (start, end) = start_end(&pos, 1)?;
    let sub = sub_arg(&pos[0])?;
    let (st, en) = adjust_indices(start, end, b.data.len());
    if st > en || en - st < sub.len() {
        return Ok(None);
    }
    let hay = &b.data[st..en];
    let found = if reverse {
        rfind_sub(hay, &sub)
    } else {
        find_sub(hay, &sub)
    };
    Ok(found.map(|i| st + i))
}

fn find(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let r = search(v, "find", "bytes.find", args, false)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

fn rfind(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let r = search(v, "rfind", "bytes.rfind", args, true)?;
    Ok(Value::Int(r.map_or(-1, |i| i as i64)))
}

fn index(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    match search(v, "index", "bytes.index", args, false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("subsection not found")),
    }
}

fn rindex(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    match search(v, "rindex", "bytes.rindex", args, true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("subsection not found")),
    }
}

fn count(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "count")?;
    let pos = args.varargs("bytes.count", 1, 3)?;
    let (start, end) = start_end(&pos, 1)?;
    let sub = sub_arg(&pos[0])?;
    let (st, en) = adjust_indices(start, end, b.data.len());
    if st > en || en - st < sub.len() {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((en - st + 1) as i64));
    }
    let mut hay = &b.data[st..en];
    let mut n = 0;
    while let Some(i) = find_sub(hay, &sub) {
        n += 1;
        hay = &hay[i + sub.len()..];
    }
    Ok(Value::Int(n))
}

fn tailmatch(data: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let (st, en) = adjust_indices(start, end, data.len());
    if en < sub.len() || en - sub.len() < st {
        return false;
    }
    if at_end {
        &data[en - sub.len()..en] == sub
    } else {
        &data[st..st + sub.len()] == sub
    }
}

fn starts_ends(
    v: &Value,
    args: Args,
    name: &'static str,
    q: &'static str,
    at_end: bool,
) -> PyResult<Value> {
    let b = this(v, name)?;
    let pos = args.varargs(q, 1, 3)?;
    let (start, end) = start_end(&pos, 1)?;
    match &pos[0] {
        Value::Bytes(sub) => Ok(Value::bool(tailmatch(
            &b.data, &sub.data, start, end, at_end,
        ))),
        Value::Tuple(t) => {
            for item in t.items.iter() {
                if tailmatch(&b.data, bytes_arg(item)?, start, end, at_end) {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        other => Err(type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            other.type_name()
        ))),
    }
}

fn startswith(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    starts_ends(v, args, "startswith", "bytes.startswith", false)
}

fn endswith(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    starts_ends(v, args, "endswith", "bytes.endswith", true)
}

// ---------------------------------------------------------------- building

fn join(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "join")?;
    let it = args.one("bytes.join")?;
    if iter::get_iter(&it).is_err() {
        return Err(type_error("can only join an iterable"));
    }
    let items = iter::collect(vm, &it)?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Bytes(x) = item else {
            return Err(type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                item.type_name()
            )));
        };
        if i > 0 {
            out.extend_from_slice(&b.data);
        }
        check_alloc(out.len().saturating_add(x.data.len()), 1)?;
        out.extend_from_slice(&x.data);
    }
    Ok(new_bytes(out))
}

fn split_args(name: &str, args: Args) -> PyResult<(Option<Vec<u8>>, i64)> {
    let [sep, maxsplit] = args.kwparse(name, ["sep", "maxsplit"], 0, 2)?;
    let maxsplit = match &maxsplit {
        Some(m) => ssize_arg(m)?,
        None => -1,
    };
    let sep = match &sep {
        None | Some(Value::None) => None,
        Some(s) => {
            let s = bytes_arg(s)?;
            if s.is_empty() {
                return Err(value_error("empty separator"));
            }
            Some(s.to_vec())
        }
    };
    Ok((sep, if maxsplit < 0 { i64::MAX } else { maxsplit }))
}

fn split(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "split")?;
    let (sep, mut count) = split_args("split", args)?;
    let data = &b.data[..];
    let mut out: Vec<&[u8]> = Vec::new();
    match sep {
        None => {
            let n = data.len();
            let mut i = 0;
            while count > 0 {
                count -= 1;
                while i < n && is_space(data[i]) {
                    i += 1;
                }
                if i == n {
                    break;
                }
                let j = i;
                while i < n && !is_space(data[i]) {
                    i += 1;
                }
                out.push(&data[j..i]);
            }
            while i < n && is_space(data[i]) {
                i += 1;
            }
            if i < n {
                out.push(&data[i..]);
            }
        }
        Some(sep) => {
            let mut rest = data;
            while count > 0 {
                let Some(i) = find_sub(rest, &sep) else { break };
                out.push(&rest[..i]);
                rest = &rest[i + sep.len()..];
                count -= 1;
            }
            out.push(rest);
        }
    }
    Ok(bytes_list(out))
}

fn rsplit(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "rsplit")?;
    let (sep, mut count) = split_args("rsplit", args)?;
    let data = &b.data[..];
    let mut out: Vec<&[u8]> = Vec::new();
    match sep {
        None => {
            let mut end = data.len();
            while count > 0 {
                count -= 1;
                while end > 0 && is_space(data[end - 1]) {
                    end -= 1;
                }
                if end == 0 {
                    break;
                }
                let j = end;
                while end > 0 && !is_space(data[end - 1]) {
                    end -= 1;
                }
                out.push(&data[end..j]);
            }
            while end > 0 && is_space(data[end - 1]) {
                end -= 1;
            }
            if end > 0 {
                out.push(&data[..end]);
            }
        }
        Some(sep) => {
            let mut rest = data;
            while count > 0 {
                let Some(i) = rfind_sub(rest, &sep) else {
                    break;
                };
                out.push(&rest[i + sep.len()..]);
                rest = &rest[..i];
                count -= 1;
            }
            out.push(rest);
        }
    }
    out.reverse();
    Ok(bytes_list(out))
}

fn strip_impl(
    v: &Value,
    args: Args,
    name: &'static str,
    q: &'static str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let b = this(v, name)?;
    let pos = args.clinic(q, 0, 1)?;
    let set: Option<Vec<u8>> = match pos.first() {
        None | Some(Value::None) => None,
        Some(s) => Some(bytes_arg(s)?.to_vec()),
    };
    let strip = |c: u8| match &set {
        None => is_space(c),
        Some(s) => s.contains(&c),
    };
    let data = &b.data[..];
    let mut st = 0;
    let mut en = data.len();
    if left {
        while st < en && strip(data[st]) {
            st += 1;
        }
    }
    if right {
        while en > st && strip(data[en - 1]) {
            en -= 1;
        }
    }
    if st == 0 && en == data.len() {
        return Ok(v.clone());
    }
    Ok(new_bytes(data[st..en].to_vec()))
}

fn strip(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    strip_impl(v, args, "strip", "bytes.strip", true, true)
}

fn lstrip(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    strip_impl(v, args, "lstrip", "bytes.lstrip", true, false)
}

fn rstrip(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    strip_impl(v, args, "rstrip", "bytes.rstrip", false, true)
}

fn replace(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "replace")?;
    let pos = args.clinic("bytes.replace", 2, 3)?;
    let old = bytes_arg(&pos[0])?;
    let new = bytes_arg(&pos[1])?;
    let mut count = match pos.get(2) {
        Some(c) => ssize_arg(c)?,
        None => -1,
    };
    if count < 0 {
        count = i64::MAX;
    }
    let data = &b.data[..];
    let mut out = Vec::with_capacity(data.len());
    if old.is_empty() {
        // Insert `new` before every byte and at the end.
        let mut i = 0;
        while i <= data.len() {
            if count > 0 {
                check_alloc(out.len().saturating_add(new.len() + 1), 1)?;
                out.extend_from_slice(new);
                count -= 1;
            }
            if i < data.len() {
                out.push(data[i]);
            }
            i += 1;
        }
        return Ok(new_bytes(out));
    }
    let mut rest = data;
    while count > 0 {
        let Some(i) = find_sub(rest, old) else { break };
        check_alloc(out.len().saturating_add(i + new.len()), 1)?;
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(new);
        rest = &rest[i + old.len()..];
        count -= 1;
    }
    out.extend_from_slice(rest);
    Ok(new_bytes(out))
}

fn upper(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "upper")?;
    args.no_args("bytes.upper")?;
    Ok(new_bytes(b.data.to_ascii_uppercase()))
}

fn lower(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let b = this(v, "lower")?;
    args.no_args("bytes.lower")?;
    Ok(new_bytes(b.data.to_ascii_lowercase()))
}

fn all_bytes(v: &Value, name: &str, args: &Args, pred: fn(u8) -> bool) -> PyResult<Value> {
    let b = this(v, name)?;
    args.no_args(&format!("bytes.{name}"))?;
    Ok(Value::bool(
        !b.data.is_empty() && b.data.iter().all(|&c| pred(c)),
    ))
}

fn isdigit(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_bytes(v, "isdigit", &args, |c| c.is_ascii_digit())
}

fn isalpha(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_bytes(v, "isalpha", &args, |c| c.is_ascii_alphabetic())
}

fn isalnum(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_bytes(v, "isalnum", &args, |c| c.is_ascii_alphanumeric())
}

fn isspace(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_bytes(v, "isspace", &args, is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_text(r: PyResult<String>) -> String {
        match r {
            Ok(s) => s,
            Err(e) => match e.args.first() {
                Some(Value::Str(s)) => s.as_str().to_string(),
                _ => String::new(),
            },
        }
    }

    #[test]
    fn utf8_errors() {
        assert_eq!(
            err_text(decode_utf8(b"\xc3\x28", "strict")),
            "'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte"
        );
        assert_eq!(
            err_text(decode_utf8(b"\xe2\x82", "strict")),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(
            err_text(decode_utf8(b"ab\xff", "strict")),
            "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
        );
        assert_eq!(
            err_text(decode_utf8(b"a\xffb\xfe", "replace")),
            "a\u{FFFD}b\u{FFFD}"
        );
        assert_eq!(err_text(decode_utf8(b"a\xffb", "ignore")), "ab");
    }
}
