//! Methods of `str`.
//!
//! Indexes (`find` results, `start`/`end` arguments, widths) count code
//! points, as in Python; ASCII strings (`StrObj::is_ascii`) take
//! byte-indexed fast paths. The character classes (`isalpha`, `isdigit`,
//! `isnumeric`, …) follow CPython 3.11's Unicode 14 tables (see the tables at
//! the end of this file); case mappings use Rust's (full) Unicode mappings,
//! with CPython's title-case and case-folding exceptions patched in.

use std::sync::Arc;

use super::{adjust_indices, c_int_arg, clinic_type_name, ssize_arg, start_end, wrong_receiver};
use crate::vm::args::{clinic_count, no_pos, one_pos, varargs_count};
use crate::vm::error::*;
use crate::vm::objects::{Args, BytesObj, MethodDef, StrObj};
use crate::vm::{Value, Vm, iter};

pub(super) static METHODS: &[MethodDef] = methods!("str";
    "split" => split,
    "rsplit" => rsplit,
    "join" => [join],
    "strip" => [strip],
    "lstrip" => [lstrip],
    "rstrip" => [rstrip],
    "replace" => [replace],
    "upper" => [upper],
    "lower" => [lower],
    "startswith" => [startswith],
    "endswith" => [endswith],
    "find" => find,
    "rfind" => rfind,
    "index" => index,
    "rindex" => rindex,
    "count" => count,
    "format" => format,
    "isdigit" => isdigit,
    "isalpha" => isalpha,
    "isalnum" => isalnum,
    "isspace" => isspace,
    "isupper" => isupper,
    "islower" => islower,
    "isnumeric" => isnumeric,
    "isdecimal" => isdecimal,
    "istitle" => istitle,
    "isascii" => isascii,
    "isidentifier" => isidentifier,
    "isprintable" => isprintable,
    "zfill" => zfill,
    "center" => center,
    "ljust" => ljust,
    "rjust" => rjust,
    "title" => title,
    "capitalize" => capitalize,
    "swapcase" => swapcase,
    "casefold" => casefold,
    "splitlines" => splitlines,
    "partition" => partition,
    "rpartition" => rpartition,
    "encode" => encode,
    "expandtabs" => expandtabs,
    "removeprefix" => removeprefix,
    "removesuffix" => removesuffix,
);

// ------------------------------------------------------------------ helpers

fn this<'a>(v: &'a Value, name: &str) -> PyResult<&'a StrObj> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(wrong_receiver(name, "str", other)),
    }
}

/// Python's `str.isspace` for one character (`\x1c`–`\x1f` included).
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Byte offset of code point `ci` of `s` (`s.len()` at or past the end).
fn byte_at(s: &str, ascii: bool, ci: usize) -> usize {
    if ascii {
        ci.min(s.len())
    } else {
        s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
    }
}

/// The code points `[st, en)` of `s` (with `st <= en <= len`).
fn char_slice(s: &StrObj, st: usize, en: usize) -> &str {
    let text = s.as_str();
    let ascii = s.is_ascii();
    let bs = byte_at(text, ascii, st);
    let be = bs + byte_at(&text[bs..], ascii, en.saturating_sub(st));
    &text[bs..be]
}

fn str_arg(v: &Value, msg: impl FnOnce(&Value) -> String) -> PyResult<&StrObj> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(type_error(msg(other))),
    }
}

fn new_str(s: String) -> Value {
    Value::str(s)
}

fn str_list<'a>(parts: impl IntoIterator<Item = &'a str>) -> Value {
    Value::list(parts.into_iter().map(Value::str).collect())
}

/// Check that a result of `n` bytes may be built.
fn check_len(n: usize) -> PyResult<()> {
    check_alloc(n, 1)
}

// ---------------------------------------------------------------- searching

/// `s.find(sub, start, end)` / `rfind`: the code-point index, if found.
fn find_impl(
    s: &StrObj,
    sub: &StrObj,
    start: Option<i64>,
    end: Option<i64>,
    reverse: bool,
) -> Option<usize> {
    let (st, en) = adjust_indices(start, end, s.char_len());
    let sublen = sub.char_len();
    if st > en || en - st < sublen {
        return None;
    }
    if sublen == 0 {
        return Some(if reverse { en } else { st });
    }
    let hay = char_slice(s, st, en);
    let found = if reverse {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    }?;
    Some(
        st + if s.is_ascii() {
            found
        } else {
            hay[..found].chars().count()
        },
    )
}

fn count_impl(s: &StrObj, sub: &StrObj, start: Option<i64>, end: Option<i64>) -> usize {
    let (st, en) = adjust_indices(start, end, s.char_len());
    let sublen = sub.char_len();
    if st > en || en - st < sublen {
        return 0;
    }
    if sublen == 0 {
        return en - st + 1;
    }
    let hay = char_slice(s, st, en);
    match sub.as_str().as_bytes() {
        // One ASCII byte: a plain byte count, which the compiler vectorises
        // (a `&str` pattern runs the general two-way search).
        &[b] if b.is_ascii() => hay.bytes().filter(|&x| x == b).count(),
        _ => hay.matches(sub.as_str()).count(),
    }
}

/// CPython's `tailmatch`: does `s[start:end]` start (or end) with `sub`?
fn tailmatch(s: &StrObj, sub: &StrObj, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let (st, en) = adjust_indices(start, end, s.char_len());
    let sublen = sub.char_len();
    if en < sublen || en - sublen < st {
        return false;
    }
    if sublen == 0 {
        return true;
    }
    let text = s.as_str();
    let ascii = s.is_ascii();
    if at_end {
        text[..byte_at(text, ascii, en)].ends_with(sub.as_str())
    } else {
        text[byte_at(text, ascii, st)..].starts_with(sub.as_str())
    }
}

fn search_args(q: &'static str, args: Args) -> PyResult<(StrObj, Option<i64>, Option<i64>)> {
    let pos = args.varargs(q, 1, 3)?;
    let (start, end) = start_end(&pos, 1)?;
    let sub = str_arg(&pos[0], |o| format!("must be str, not {}", o.type_name()))?.clone();
    Ok((sub, start, end))
}

fn find(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "find")?;
    let (sub, start, end) = search_args("str.find", args)?;
    Ok(Value::Int(
        find_impl(s, &sub, start, end, false).map_or(-1, |i| i as i64),
    ))
}

fn rfind(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "rfind")?;
    let (sub, start, end) = search_args("str.rfind", args)?;
    Ok(Value::Int(
        find_impl(s, &sub, start, end, true).map_or(-1, |i| i as i64),
    ))
}

fn index(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "index")?;
    let (sub, start, end) = search_args("str.index", args)?;
    match find_impl(s, &sub, start, end, false) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn rindex(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "rindex")?;
    let (sub, start, end) = search_args("str.rindex", args)?;
    match find_impl(s, &sub, start, end, true) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("substring not found")),
    }
}

fn count(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "count")?;
    let (sub, start, end) = search_args("str.count", args)?;
    Ok(Value::Int(count_impl(s, &sub, start, end) as i64))
}

fn starts_ends(
    v: &Value,
    pos: &[Value],
    name: &'static str,
    q: &'static str,
    at_end: bool,
) -> PyResult<Value> {
    let s = this(v, name)?;
    varargs_count(q, pos.len(), 1, 3)?;
    let (start, end) = start_end(pos, 1)?;
    match &pos[0] {
        Value::Str(sub) => Ok(Value::bool(tailmatch(s, sub, start, end, at_end))),
        Value::Tuple(t) => {
            for item in t.items.iter() {
                let Value::Str(sub) = item else {
                    return Err(type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        item.type_name()
                    )));
                };
                if tailmatch(s, sub, start, end, at_end) {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        other => Err(type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            other.type_name()
        ))),
    }
}

fn startswith(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    starts_ends(v, args, "startswith", "str.startswith", false)
}

fn endswith(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    starts_ends(v, args, "endswith", "str.endswith", true)
}

// ---------------------------------------------------------------- splitting

/// `split()` with no separator (CPython's `split_whitespace`).
fn split_ws(s: &str, maxsplit: i64) -> Vec<&str> {
    let n = s.len();
    let skip_ws = |i: usize| {
        s[i..]
            .char_indices()
            .find(|(_, c)| !is_space(*c))
            .map_or(n, |(k, _)| i + k)
    };
    let skip_word = |i: usize| {
        s[i..]
            .char_indices()
            .find(|(_, c)| is_space(*c))
            .map_or(n, |(k, _)| i + k)
    };
    let mut out = Vec::new();
    let mut count = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut i = 0;
    while count > 0 {
        count -= 1;
        i = skip_ws(i);
        if i == n {
            break;
        }
        let j = i;
        i = skip_word(i);
        out.push(&s[j..i]);
    }
    if i < n {
        i = skip_ws(i);
        if i != n {
            out.push(&s[i..]);
        }
    }
    out
}

/// `rsplit()` with no separator (CPython's `rsplit_whitespace`).
fn rsplit_ws(s: &str, maxsplit: i64) -> Vec<&str> {
    // End (exclusive) of the text before the trailing run of (non-)space.
    let back = |end: usize, space: bool| {
        s[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| is_space(*c) != space)
            .map_or(0, |(k, c)| k + c.len_utf8())
    };
    let mut out = Vec::new();
    let mut count = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut end = s.len();
    while count > 0 {
        count -= 1;
        end = back(end, true);
        if end == 0 {
            break;
        }
        let j = end;
        end = back(end, false);
        out.push(&s[end..j]);
    }
    if end > 0 {
        end = back(end, true);
        if end > 0 {
            out.push(&s[..end]);
        }
    }
    out.reverse();
    out
}

fn split_args(name: &str, args: Args) -> PyResult<(Option<StrObj>, i64)> {
    let [sep, maxsplit] = args.kwparse(name, ["sep", "maxsplit"], 0, 2)?;
    let maxsplit = match &maxsplit {
        Some(m) => ssize_arg(m)?,
        None => -1,
    };
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(x)) => {
            if x.as_str().is_empty() {
                return Err(value_error("empty separator"));
            }
            Some(x)
        }
        Some(o) => {
            return Err(type_error(format!(
                "must be str or None, not {}",
                o.type_name()
            )));
        }
    };
    Ok((sep, maxsplit))
}

/// The number of pieces `splitn` should produce for a `maxsplit`.
fn pieces(maxsplit: i64) -> usize {
    if maxsplit < 0 {
        usize::MAX
    } else {
        (maxsplit as u64).saturating_add(1).min(usize::MAX as u64) as usize
    }
}

fn split(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "split")?;
    let (sep, maxsplit) = split_args("split", args)?;
    let text = s.as_str();
    Ok(match sep {
        None => str_list(split_ws(text, maxsplit)),
        Some(sep) => match sep.as_str().as_bytes() {
            // One ASCII byte: a `char` pattern searches with memchr (a
            // `&str` pattern runs the general two-way search).
            &[b] if b.is_ascii() => str_list(text.splitn(pieces(maxsplit), b as char)),
            _ => str_list(text.splitn(pieces(maxsplit), sep.as_str())),
        },
    })
}

fn rsplit(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "rsplit")?;
    let (sep, maxsplit) = split_args("rsplit", args)?;
    let text = s.as_str();
    Ok(match sep {
        None => str_list(rsplit_ws(text, maxsplit)),
        Some(sep) => {
            let mut parts: Vec<&str> = text.rsplitn(pieces(maxsplit), sep.as_str()).collect();
            parts.reverse();
            str_list(parts)
        }
    })
}

/// Is `c` a line boundary for `splitlines`?
fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn splitlines(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "splitlines")?;
    let [keepends] = args.kwparse("splitlines", ["keepends"], 0, 1)?;
    let keep = match &keepends {
        Some(k) => c_int_arg(k)? != 0,
        None => false,
    };
    let text = s.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_linebreak(c) {
            continue;
        }
        let mut eol = i + c.len_utf8();
        if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
            chars.next();
            eol += 1;
        }
        out.push(&text[start..if keep { eol } else { i }]);
        start = eol;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    Ok(str_list(out))
}

fn partition_impl(
    v: &Value,
    args: Args,
    name: &'static str,
    q: &'static str,
    reverse: bool,
) -> PyResult<Value> {
    let s = this(v, name)?;
    let sep = args.one(q)?;
    let sep = str_arg(&sep, |o| format!("must be str, not {}", o.type_name()))?;
    if sep.as_str().is_empty() {
        return Err(value_error("empty separator"));
    }
    let text = s.as_str();
    let found = if reverse {
        text.rfind(sep.as_str())
    } else {
        text.find(sep.as_str())
    };
    let parts = match found {
        Some(i) => [
            Value::str(&text[..i]),
            Value::Str(sep.clone()),
            Value::str(&text[i + sep.as_str().len()..]),
        ],
        None if reverse => [Value::str(""), Value::str(""), v.clone()],
        None => [v.clone(), Value::str(""), Value::str("")],
    };
    Ok(Value::tuple(parts.to_vec()))
}

fn partition(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    partition_impl(v, args, "partition", "str.partition", false)
}

fn rpartition(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    partition_impl(v, args, "rpartition", "str.rpartition", true)
}

fn join(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let s = this(v, "join")?;
    let it = one_pos("str.join", args)?;
    if iter::get_iter(it).is_err() {
        return Err(type_error("can only join an iterable"));
    }
    let items = iter::collect(vm, it)?;
    let sep = s.as_str();
    let mut total = sep.len().saturating_mul(items.len().saturating_sub(1));
    let mut parts: Vec<&StrObj> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(x) => {
                total = total.saturating_add(x.as_str().len());
                parts.push(x);
            }
            other => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.type_name()
                )));
            }
        }
    }
    if let [only @ Value::Str(_)] = &items[..] {
        return Ok(only.clone());
    }
    check_len(total)?;
    Ok(Value::Str(StrObj::join(s, &parts)))
}

// -------------------------------------------------------- stripping/replace

fn strip_impl(
    v: &Value,
    pos: &[Value],
    name: &'static str,
    q: &'static str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let s = this(v, name)?;
    clinic_count(q, pos.len(), 0, 1)?;
    let text = s.as_str();
    let out = match pos.first() {
        None | Some(Value::None) => {
            let t = if left {
                text.trim_start_matches(is_space)
            } else {
                text
            };
            if right {
                t.trim_end_matches(is_space)
            } else {
                t
            }
        }
        Some(Value::Str(chars)) => {
            let set = chars.as_str();
            let pred = |c: char| set.contains(c);
            let t = if left {
                text.trim_start_matches(pred)
            } else {
                text
            };
            if right { t.trim_end_matches(pred) } else { t }
        }
        Some(_) => return Err(type_error(format!("{name} arg must be None or str"))),
    };
    if out.len() == text.len() {
        return Ok(v.clone());
    }
    Ok(Value::str(out))
}

fn strip(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    strip_impl(v, args, "strip", "str.strip", true, true)
}

fn lstrip(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    strip_impl(v, args, "lstrip", "str.lstrip", true, false)
}

fn rstrip(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    strip_impl(v, args, "rstrip", "str.rstrip", false, true)
}

fn replace(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let s = this(v, "replace")?;
    clinic_count("str.replace", args.len(), 2, 3)?;
    let old = str_arg(&args[0], |o| {
        format!(
            "replace() argument 1 must be str, not {}",
            clinic_type_name(o)
        )
    })?;
    let new = str_arg(&args[1], |o| {
        format!(
            "replace() argument 2 must be str, not {}",
            clinic_type_name(o)
        )
    })?;
    let count = match args.get(2) {
        Some(c) => ssize_arg(c)?,
        None => -1,
    };
    let (text, old, new) = (s.as_str(), old.as_str(), new.as_str());
    // Estimate the result size before building it (`'x' * 10**6` patterns).
    let n = if old.is_empty() {
        s.char_len() + 1
    } else {
        text.matches(old).count()
    };
    let n = if count < 0 { n } else { n.min(count as usize) };
    if n == 0 {
        return Ok(v.clone());
    }
    if new.len() > old.len() {
        check_len(
            text.len()
                .saturating_add(n.saturating_mul(new.len() - old.len())),
        )?;
    }
    Ok(new_str(text.replacen(old, new, n)))
}

fn removeprefix(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "removeprefix")?;
    let p = args.one("str.removeprefix")?;
    let p = str_arg(&p, |o| {
        format!(
            "removeprefix() argument must be str, not {}",
            clinic_type_name(o)
        )
    })?;
    match s.as_str().strip_prefix(p.as_str()) {
        Some(rest) if !p.as_str().is_empty() => Ok(Value::str(rest)),
        _ => Ok(v.clone()),
    }
}

fn removesuffix(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "removesuffix")?;
    let p = args.one("str.removesuffix")?;
    let p = str_arg(&p, |o| {
        format!(
            "removesuffix() argument must be str, not {}",
            clinic_type_name(o)
        )
    })?;
    match s.as_str().strip_suffix(p.as_str()) {
        Some(rest) if !p.as_str().is_empty() => Ok(Value::str(rest)),
        _ => Ok(v.clone()),
    }
}

fn expandtabs(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "expandtabs")?;
    let [tabsize] = args.kwparse("expandtabs", ["tabsize"], 0, 1)?;
    let tabsize = match &tabsize {
        Some(t) => c_int_arg(t)? as i64,
        None => 8,
    };
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(v.clone());
    }
    let mut out = String::with_capacity(text.len());
    let mut col: i64 = 0;
    for c in text.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                col += incr;
                check_len(out.len().saturating_add(incr as usize))?;
                out.extend(std::iter::repeat_n(' ', incr as usize));
            }
        } else {
            col += 1;
            out.push(c);
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
    Ok(new_str(out))
}

// ------------------------------------------------------------------ padding

fn pad(s: &StrObj, left: usize, right: usize, fill: char) -> PyResult<Value> {
    check_len(
        (left + right)
            .saturating_mul(fill.len_utf8())
            .saturating_add(s.as_str().len()),
    )?;
    let mut out = String::with_capacity((left + right) * fill.len_utf8() + s.as_str().len());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s.as_str());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_str(out))
}

/// `(width, fillchar)` of `center`/`ljust`/`rjust`.
fn pad_args(q: &'static str, args: Args) -> PyResult<(i64, char)> {
    let pos = args.clinic(q, 1, 2)?;
    let width = ssize_arg(&pos[0])?;
    let fill = match pos.get(1) {
        None => ' ',
        Some(Value::Str(f)) => {
            let mut cs = f.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(type_error(
                        "The fill character must be exactly one character long",
                    ));
                }
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "The fill character must be a unicode character, not {}",
                other.type_name()
            )));
        }
    };
    Ok((width, fill))
}

fn center(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "center")?;
    let (width, fill) = pad_args("str.center", args)?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(v.clone());
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    pad(s, left as usize, (marg - left) as usize, fill)
}

fn ljust(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "ljust")?;
    let (width, fill) = pad_args("str.ljust", args)?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(v.clone());
    }
    pad(s, 0, (width - len) as usize, fill)
}

fn rjust(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "rjust")?;
    let (width, fill) = pad_args("str.rjust", args)?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(v.clone());
    }
    pad(s, (width - len) as usize, 0, fill)
}

fn zfill(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "zfill")?;
    let width = ssize_arg(&args.one("str.zfill")?)?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(v.clone());
    }
    let fill = (width - len) as usize;
    check_len(fill.saturating_add(s.as_str().len()))?;
    let text = s.as_str();
    let mut out = String::with_capacity(fill + text.len());
    let rest = match text.chars().next() {
        Some(c @ ('+' | '-')) => {
            out.push(c);
            &text[1..]
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(rest);
    Ok(new_str(out))
}

fn format(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "format")?.clone();
    crate::vm::format::str_format(vm, s.as_str(), args)
}

// ---------------------------------------------------------------- case maps

/// Is `c` a titlecase letter (category `Lt`)?
fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
        | 0x1FBC | 0x1FCC | 0x1FFC)
}

/// CPython's `_PyUnicode_IsCased`.
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase(c)
}

/// Python's `str.isupper`/`islower` per character (titlecase letters count
/// as neither).
fn is_upper(c: char) -> bool {
    c.is_uppercase() && !is_titlecase(c)
}

fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

/// Full title-case mapping of one character (`_PyUnicode_ToTitleFull`).
fn push_title(out: &mut String, c: char) {
    let special: Option<&str> = match c as u32 {
        0x1C4..=0x1C6 => Some("\u{1C5}"),
        0x1C7..=0x1C9 => Some("\u{1C8}"),
        0x1CA..=0x1CC => Some("\u{1CB}"),
        0x1F1..=0x1F3 => Some("\u{1F2}"),
        0xDF => Some("Ss"),
        0xFB00 => Some("Ff"),
        0xFB01 => Some("Fi"),
        0xFB02 => Some("Fl"),
        0xFB03 => Some("Ffi"),
        0xFB04 => Some("Ffl"),
        0xFB05 | 0xFB06 => Some("St"),
        0x587 => Some("\u{535}\u{582}"),
        0x149 => Some("\u{2BC}N"),
        _ => None,
    };
    if let Some(t) = special {
        out.push_str(t);
        return;
    }
    let u = c as u32;
    // Greek letters with ypogegrammeni: the title case keeps one letter.
    let greek = match u {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => Some(u + 8),
        0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF => Some(u),
        0x1FB3 => Some(0x1FBC),
        0x1FC3 => Some(0x1FCC),
        0x1FF3 => Some(0x1FFC),
        0x1FBC | 0x1FCC | 0x1FFC => Some(u),
        _ => None,
    };
    if let Some(g) = greek.and_then(char::from_u32) {
        out.push(g);
        return;
    }
    out.extend(c.to_uppercase());
}

/// Lower-case `chars[i]` with the final-sigma rule of CPython's `lower_ucs4`.
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c == 'Σ' {
        let before = chars[..i].iter().rev().find(|c| !is_case_ignorable(**c));
        let after = chars[i + 1..].iter().find(|c| !is_case_ignorable(**c));
        let final_sigma =
            before.is_some_and(|c| is_cased(*c)) && !after.is_some_and(|c| is_cased(*c));
        out.push(if final_sigma { 'ς' } else { 'σ' });
        return;
    }
    out.extend(c.to_lowercase());
}

/// An approximation of the Unicode `Case_Ignorable` property: apostrophes,
/// periods, colons, modifier letters and combining marks.
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{AD}' | '\u{B7}' | '\u{2019}'
    ) || matches!(c as u32, 0x2B0..=0x36F)
}

/// A new ASCII string: `s`'s bytes, copied into its block, then `map`ped
/// in place (`upper`, `lower`, `casefold` of ASCII text).
fn ascii_mapped(s: &StrObj, map: fn(&mut [u8])) -> Value {
    let text = s.as_str().as_bytes();
    Value::Str(StrObj::new_ascii(text.len(), |out| {
        out.copy_from_slice(text);
        map(out);
    }))
}

fn upper(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let s = this(v, "upper")?;
    no_pos("str.upper", args)?;
    if s.is_ascii() {
        return Ok(ascii_mapped(s, <[u8]>::make_ascii_uppercase));
    }
    Ok(new_str(s.as_str().to_uppercase()))
}

fn lower(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let s = this(v, "lower")?;
    no_pos("str.lower", args)?;
    if s.is_ascii() {
        return Ok(ascii_mapped(s, <[u8]>::make_ascii_lowercase));
    }
    Ok(new_str(s.as_str().to_lowercase()))
}

fn title(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "title")?;
    args.no_args("str.title")?;
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    Ok(new_str(out))
}

fn capitalize(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "capitalize")?;
    args.no_args("str.capitalize")?;
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    Ok(new_str(out))
}

fn swapcase(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "swapcase")?;
    args.no_args("str.swapcase")?;
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = String::with_capacity(s.as_str().len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            push_lower(&mut out, &chars, i);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    Ok(new_str(out))
}

fn casefold(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "casefold")?;
    args.no_args("str.casefold")?;
    if s.is_ascii() {
        return Ok(ascii_mapped(s, <[u8]>::make_ascii_lowercase));
    }
    let mut out = String::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        let folded: Option<&str> = match c {
            'ß' | 'ẞ' => Some("ss"),
            'ς' => Some("σ"),
            'ſ' => Some("s"),
            'µ' => Some("μ"),
            'ϐ' => Some("β"),
            'ϑ' => Some("θ"),
            'ϕ' => Some("φ"),
            'ϖ' => Some("π"),
            'ϰ' => Some("κ"),
            'ϱ' => Some("ρ"),
            'ϵ' => Some("ε"),
            '\u{345}' => Some("ι"),
            'ﬀ' => Some("ff"),
            'ﬁ' => Some("fi"),
            'ﬂ' => Some("fl"),
            'ﬃ' => Some("ffi"),
            'ﬄ' => Some("ffl"),
            'ﬅ' | 'ﬆ' => Some("st"),
            'ŉ' => Some("ʼn"),
            _ => None,
        };
        match folded {
            Some(f) => out.push_str(f),
            None => out.extend(c.to_lowercase()),
        }
    }
    Ok(new_str(out))
}

// --------------------------------------------------------------- predicates

fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let u = c as u32;
    let i = table.partition_point(|&(lo, _)| lo <= u);
    i > 0 && table[i - 1].1 >= u
}

pub(super) fn is_decimal(c: char) -> bool {
    crate::vm::format::decimal_digit_value(c).is_some()
}

pub(super) fn is_digit(c: char) -> bool {
    is_decimal(c) || (!c.is_ascii() && in_ranges(c, DIGIT_NOT_DECIMAL))
}

pub(super) fn is_numeric(c: char) -> bool {
    is_digit(c) || (!c.is_ascii() && in_ranges(c, NUMERIC_NOT_DIGIT))
}

pub(super) fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(c, ALPHA)
    }
}

fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// `all(pred(c) for c in s)` and `s` is not empty.
fn all_chars(v: &Value, name: &str, args: &Args, pred: fn(char) -> bool) -> PyResult<Value> {
    let s = this(v, name)?;
    args.no_args(&format!("str.{name}"))?;
    let text = s.as_str();
    Ok(Value::bool(!text.is_empty() && text.chars().all(pred)))
}

fn isdigit(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isdigit", &args, is_digit)
}

fn isalpha(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isalpha", &args, is_alpha)
}

fn isalnum(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isalnum", &args, is_alnum)
}

fn isspace(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isspace", &args, is_space)
}

fn isnumeric(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isnumeric", &args, is_numeric)
}

fn isdecimal(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    all_chars(v, "isdecimal", &args, is_decimal)
}

fn isprintable(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "isprintable")?;
    args.no_args("str.isprintable")?;
    Ok(Value::bool(
        s.as_str().chars().all(crate::vm::repr::is_printable),
    ))
}

fn isascii(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "isascii")?;
    args.no_args("str.isascii")?;
    Ok(Value::bool(s.is_ascii()))
}

fn isidentifier(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "isidentifier")?;
    args.no_args("str.isidentifier")?;
    let mut cs = s.as_str().chars();
    let ok = match cs.next() {
        Some(c) if c == '_' || is_alpha(c) => cs.all(|c| c == '_' || is_alnum(c)),
        _ => false,
    };
    Ok(Value::bool(ok))
}

fn isupper(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "isupper")?;
    args.no_args("str.isupper")?;
    let mut cased = false;
    for c in s.as_str().chars() {
        if is_lower(c) || is_titlecase(c) {
            return Ok(Value::bool(false));
        }
        cased |= is_upper(c);
    }
    Ok(Value::bool(cased))
}

fn islower(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "islower")?;
    args.no_args("str.islower")?;
    let mut cased = false;
    for c in s.as_str().chars() {
        if is_upper(c) || is_titlecase(c) {
            return Ok(Value::bool(false));
        }
        cased |= is_lower(c);
    }
    Ok(Value::bool(cased))
}

fn istitle(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "istitle")?;
    args.no_args("str.istitle")?;
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.as_str().chars() {
        if is_upper(c) || is_titlecase(c) {
            if prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

// ------------------------------------------------------------------- codecs

/// The codecs mini knows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    pub(super) fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// Look an encoding name up as Python's codec registry would.
    pub(super) fn lookup(name: &str) -> PyResult<Codec> {
        let norm: String = name
            .trim()
            .chars()
            .map(|c| {
                if c == '_' || c == ' ' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        match norm.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Ok(Codec::Utf8),
            "ascii" | "us-ascii" | "646" | "us" => Ok(Codec::Ascii),
            "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859"
            | "cp819" | "iso-ir-100" => Ok(Codec::Latin1),
            _ => Err(new_exc(
                ExcKind::LookupError,
                format!("unknown encoding: {name}"),
            )),
        }
    }

    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

/// `'\xe9'`-style escape of a code point for codec messages.
pub(super) fn escape_char(u: u32) -> String {
    if u < 0x100 {
        format!("\\x{u:02x}")
    } else if u < 0x10000 {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    }
}

/// `s.encode(codec, errors)`.
pub(super) fn encode_text(text: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    if codec == Codec::Utf8 || text.is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    let limit = codec.limit();
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let u = chars[i] as u32;
        if u < limit {
            out.push(u as u8);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "strict" => {
                let what = if end - i == 1 {
                    format!("character '{}' in position {i}", escape_char(u))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                return Err(new_exc(
                    ExcKind::UnicodeEncodeError,
                    format!(
                        "'{}' codec can't encode {what}: ordinal not in range({limit})",
                        codec.name()
                    ),
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for c in &chars[i..end] {
                    out.extend(escape_char(*c as u32).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for c in &chars[i..end] {
                    out.extend(format!("&#{};", *c as u32).bytes());
                }
            }
            other => {
                return Err(new_exc(
                    ExcKind::LookupError,
                    format!("unknown error handler name '{other}'"),
                ));
            }
        }
        i = end;
    }
    Ok(out)
}

/// The `encoding`/`errors` arguments of `encode`/`decode`.
pub(super) fn codec_args(fname: &str, args: Args) -> PyResult<(String, String)> {
    let [encoding, errors] = args.kwparse(fname, ["encoding", "errors"], 0, 2)?;
    let get = |v: &Option<Value>, name: &str, default: &str| -> PyResult<String> {
        match v {
            None => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(o) => Err(type_error(format!(
                "{fname}() argument '{name}' must be str, not {}",
                clinic_type_name(o)
            ))),
        }
    };
    let encoding = get(&encoding, "encoding", "utf-8")?;
    let errors = get(&errors, "errors", "strict")?;
    Ok((encoding, errors))
}

fn encode(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let s = this(v, "encode")?;
    let (encoding, errors) = codec_args("encode", args)?;
    let data = encode_text(s.as_str(), Codec::lookup(&encoding)?, &errors)?;
    Ok(Value::Bytes(Arc::new(BytesObj {
        data: data.into_boxed_slice(),
    })))
}

// ------------------------------------------------------------------- tables
//
// Generated from CPython 3.11 (Unicode 14.0): inclusive code-point ranges of
// the non-ASCII characters for which the predicate holds.

/// `c.isdigit() and not c.isdecimal()`.
#[rustfmt::skip]
const DIGIT_NOT_DECIMAL: &[(u32, u32)] = &[
    (0xB2, 0xB3), (0xB9, 0xB9), (0x1369, 0x1371), (0x19DA, 0x19DA), (0x2070, 0x2070),
    (0x2074, 0x2079), (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247C), (0x2488, 0x2490),
    (0x24EA, 0x24EA), (0x24F5, 0x24FD), (0x24FF, 0x24FF), (0x2776, 0x277E), (0x2780, 0x2788),
    (0x278A, 0x2792), (0x10A40, 0x10A43), (0x10E60, 0x10E68), (0x11052, 0x1105A),
    (0x1F100, 0x1F10A),
];

/// `c.isnumeric() and not c.isdigit()`.
#[rustfmt::skip]
const NUMERIC_NOT_DIGIT: &[(u32, u32)] = &[
    (0xBC, 0xBE), (0x9F4, 0x9F9), (0xB72, 0xB77), (0xBF0, 0xBF2), (0xC78, 0xC7E),
    (0xD58, 0xD5E), (0xD70, 0xD78), (0xF2A, 0xF33), (0x1372, 0x137C), (0x16EE, 0x16F0),
    (0x17F0, 0x17F9), (0x2150, 0x2182), (0x2185, 0x2189), (0x2469, 0x2473), (0x247D, 0x2487),
    (0x2491, 0x249B), (0x24EB, 0x24F4), (0x24FE, 0x24FE), (0x277F, 0x277F), (0x2789, 0x2789),
    (0x2793, 0x2793), (0x2CFD, 0x2CFD), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303A),
    (0x3192, 0x3195), (0x3220, 0x3229), (0x3248, 0x324F), (0x3251, 0x325F), (0x3280, 0x3289),
    (0x32B1, 0x32BF), (0x3405, 0x3405), (0x3483, 0x3483), (0x382A, 0x382A), (0x3B4D, 0x3B4D),
    (0x4E00, 0x4E00), (0x4E03, 0x4E03), (0x4E07, 0x4E07), (0x4E09, 0x4E09), (0x4E5D, 0x4E5D),
    (0x4E8C, 0x4E8C), (0x4E94, 0x4E94), (0x4E96, 0x4E96), (0x4EBF, 0x4EC0), (0x4EDF, 0x4EDF),
    (0x4EE8, 0x4EE8), (0x4F0D, 0x4F0D), (0x4F70, 0x4F70), (0x5104, 0x5104), (0x5146, 0x5146),
    (0x5169, 0x5169), (0x516B, 0x516B), (0x516D, 0x516D), (0x5341, 0x5341), (0x5343, 0x5345),
    (0x534C, 0x534C), (0x53C1, 0x53C4), (0x56DB, 0x56DB), (0x58F1, 0x58F1), (0x58F9, 0x58F9),
    (0x5E7A, 0x5E7A), (0x5EFE, 0x5EFF), (0x5F0C, 0x5F0E), (0x5F10, 0x5F10), (0x62FE, 0x62FE),
    (0x634C, 0x634C), (0x67D2, 0x67D2), (0x6F06, 0x6F06), (0x7396, 0x7396), (0x767E, 0x767E),
    (0x8086, 0x8086), (0x842C, 0x842C), (0x8CAE, 0x8CAE), (0x8CB3, 0x8CB3), (0x8D30, 0x8D30),
    (0x9621, 0x9621), (0x9646, 0x9646), (0x964C, 0x964C), (0x9678, 0x9678), (0x96F6, 0x96F6),
    (0xA6E6, 0xA6EF), (0xA830, 0xA835), (0xF96B, 0xF96B), (0xF973, 0xF973), (0xF978, 0xF978),
    (0xF9B2, 0xF9B2), (0xF9D1, 0xF9D1), (0xF9D3, 0xF9D3), (0xF9FD, 0xF9FD), (0x10107, 0x10133),
    (0x10140, 0x10178), (0x1018A, 0x1018B), (0x102E1, 0x102FB), (0x10320, 0x10323),
    (0x10341, 0x10341), (0x1034A, 0x1034A), (0x103D1, 0x103D5), (0x10858, 0x1085F),
    (0x10879, 0x1087F), (0x108A7, 0x108AF), (0x108FB, 0x108FF), (0x10916, 0x1091B),
    (0x109BC, 0x109BD), (0x109C0, 0x109CF), (0x109D2, 0x109FF), (0x10A44, 0x10A48),
    (0x10A7D, 0x10A7E), (0x10A9D, 0x10A9F), (0x10AEB, 0x10AEF), (0x10B58, 0x10B5F),
    (0x10B78, 0x10B7F), (0x10BA9, 0x10BAF), (0x10CFA, 0x10CFF), (0x10E69, 0x10E7E),
    (0x10F1D, 0x10F26), (0x10F51, 0x10F54), (0x10FC5, 0x10FCB), (0x1105B, 0x11065),
    (0x111E1, 0x111F4), (0x1173A, 0x1173B), (0x118EA, 0x118F2), (0x11C5A, 0x11C6C),
    (0x11FC0, 0x11FD4), (0x12400, 0x1246E), (0x16B5B, 0x16B61), (0x16E80, 0x16E96),
    (0x1D2E0, 0x1D2F3), (0x1D360, 0x1D378), (0x1E8C7, 0x1E8CF), (0x1EC71, 0x1ECAB),
    (0x1ECAD, 0x1ECAF), (0x1ECB1, 0x1ECB4), (0x1ED01, 0x1ED2D), (0x1ED2F, 0x1ED3D),
    (0x1F10B, 0x1F10C), (0x20001, 0x20001), (0x20064, 0x20064), (0x200E2, 0x200E2),
    (0x20121, 0x20121), (0x2092A, 0x2092A), (0x20983, 0x20983), (0x2098C, 0x2098C),
    (0x2099C, 0x2099C), (0x20AEA, 0x20AEA), (0x20AFD, 0x20AFD), (0x20B19, 0x20B19),
    (0x22390, 0x22390), (0x22998, 0x22998), (0x23B1B, 0x23B1B), (0x2626D, 0x2626D),
    (0x2F890, 0x2F890),
];

/// `c.isalpha()` (non-ASCII).
#[rustfmt::skip]
const ALPHA: &[(u32, u32)] = &[
    (0xAA, 0xAA), (0xB5, 0xB5), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2C1),
    (0x2C6, 0x2D1), (0x2E0, 0x2E4), (0x2EC, 0x2EC), (0x2EE, 0x2EE), (0x370, 0x374),
    (0x376, 0x377), (0x37A, 0x37D), (0x37F, 0x37F), (0x386, 0x386), (0x388, 0x38A),
    (0x38C, 0x38C), (0x38E, 0x3A1), (0x3A3, 0x3F5), (0x3F7, 0x481), (0x48A, 0x52F),
    (0x531, 0x556), (0x559, 0x559), (0x560, 0x588), (0x5D0, 0x5EA), (0x5EF, 0x5F2),
    (0x620, 0x64A), (0x66E, 0x66F), (0x671, 0x6D3), (0x6D5, 0x6D5), (0x6E5, 0x6E6),
    (0x6EE, 0x6EF), (0x6FA, 0x6FC), (0x6FF, 0x6FF), (0x710, 0x710), (0x712, 0x72F),
    (0x74D, 0x7A5), (0x7B1, 0x7B1), (0x7CA, 0x7EA), (0x7F4, 0x7F5), (0x7FA, 0x7FA),
    (0x800, 0x815), (0x81A, 0x81A), (0x824, 0x824), (0x828, 0x828), (0x840, 0x858),
    (0x860, 0x86A), (0x870, 0x887), (0x889, 0x88E), (0x8A0, 0x8C9), (0x904, 0x939),
    (0x93D, 0x93D), (0x950, 0x950), (0x958, 0x961), (0x971, 0x980), (0x985, 0x98C),
    (0x98F, 0x990), (0x993, 0x9A8), (0x9AA, 0x9B0), (0x9B2, 0x9B2), (0x9B6, 0x9B9),
    (0x9BD, 0x9BD), (0x9CE, 0x9CE), (0x9DC, 0x9DD), (0x9DF, 0x9E1), (0x9F0, 0x9F1),
    (0x9FC, 0x9FC), (0xA05, 0xA0A), (0xA0F, 0xA10), (0xA13, 0xA28), (0xA2A, 0xA30),
    (0xA32, 0xA33), (0xA35, 0xA36), (0xA38, 0xA39), (0xA59, 0xA5C), (0xA5E, 0xA5E),
    (0xA72, 0xA74), (0xA85, 0xA8D), (0xA8F, 0xA91), (0xA93, 0xAA8), (0xAAA, 0xAB0),
    (0xAB2, 0xAB3), (0xAB5, 0xAB9), (0xABD, 0xABD), (0xAD0, 0xAD0), (0xAE0, 0xAE1),
    (0xAF9, 0xAF9), (0xB05, 0xB0C), (0xB0F, 0xB10), (0xB13, 0xB28), (0xB2A, 0xB30),
    (0xB32, 0xB33), (0xB35, 0xB39), (0xB3D, 0xB3D), (0xB5C, 0xB5D), (0xB5F, 0xB61),
    (0xB71, 0xB71), (0xB83, 0xB83), (0xB85, 0xB8A), (0xB8E, 0xB90), (0xB92, 0xB95),
    (0xB99, 0xB9A), (0xB9C, 0xB9C), (0xB9E, 0xB9F), (0xBA3, 0xBA4), (0xBA8, 0xBAA),
    (0xBAE, 0xBB9), (0xBD0, 0xBD0), (0xC05, 0xC0C), (0xC0E, 0xC10), (0xC12, 0xC28),
    (0xC2A, 0xC39), (0xC3D, 0xC3D), (0xC58, 0xC5A), (0xC5D, 0xC5D), (0xC60, 0xC61),
    (0xC80, 0xC80), (0xC85, 0xC8C), (0xC8E, 0xC90), (0xC92, 0xCA8), (0xCAA, 0xCB3),
    (0xCB5, 0xCB9), (0xCBD, 0xCBD), (0xCDD, 0xCDE), (0xCE0, 0xCE1), (0xCF1, 0xCF2),
    (0xD04, 0xD0C), (0xD0E, 0xD10), (0xD12, 0xD3A), (0xD3D, 0xD3D), (0xD4E, 0xD4E),
    (0xD54, 0xD56), (0xD5F, 0xD61), (0xD7A, 0xD7F), (0xD85, 0xD96), (0xD9A, 0xDB1),
    (0xDB3, 0xDBB), (0xDBD, 0xDBD), (0xDC0, 0xDC6), (0xE01, 0xE30), (0xE32, 0xE33),
    (0xE40, 0xE46), (0xE81, 0xE82), (0xE84, 0xE84), (0xE86, 0xE8A), (0xE8C, 0xEA3),
    (0xEA5, 0xEA5), (0xEA7, 0xEB0), (0xEB2, 0xEB3), (0xEBD, 0xEBD), (0xEC0, 0xEC4),
    (0xEC6, 0xEC6), (0xEDC, 0xEDF), (0xF00, 0xF00), (0xF40, 0xF47), (0xF49, 0xF6C),
    (0xF88, 0xF8C), (0x1000, 0x102A), (0x103F, 0x103F), (0x1050, 0x1055), (0x105A, 0x105D),
    (0x1061, 0x1061), (0x1065, 0x1066), (0x106E, 0x1070), (0x1075, 0x1081), (0x108E, 0x108E),
    (0x10A0, 0x10C5), (0x10C7, 0x10C7), (0x10CD, 0x10CD), (0x10D0, 0x10FA), (0x10FC, 0x1248),
    (0x124A, 0x124D), (0x1250, 0x1256), (0x1258, 0x1258), (0x125A, 0x125D), (0x1260, 0x1288),
    (0x128A, 0x128D), (0x1290, 0x12B0), (0x12B2, 0x12B5), (0x12B8, 0x12BE), (0x12C0, 0x12C0),
    (0x12C2, 0x12C5), (0x12C8, 0x12D6), (0x12D8, 0x1310), (0x1312, 0x1315), (0x1318, 0x135A),
    (0x1380, 0x138F), (0x13A0, 0x13F5), (0x13F8, 0x13FD), (0x1401, 0x166C), (0x166F, 0x167F),
    (0x1681, 0x169A), (0x16A0, 0x16EA), (0x16F1, 0x16F8), (0x1700, 0x1711), (0x171F, 0x1731),
    (0x1740, 0x1751), (0x1760, 0x176C), (0x176E, 0x1770), (0x1780, 0x17B3), (0x17D7, 0x17D7),
    (0x17DC, 0x17DC), (0x1820, 0x1878), (0x1880, 0x1884), (0x1887, 0x18A8), (0x18AA, 0x18AA),
    (0x18B0, 0x18F5), (0x1900, 0x191E), (0x1950, 0x196D), (0x1970, 0x1974), (0x1980, 0x19AB),
    (0x19B0, 0x19C9), (0x1A00, 0x1A16), (0x1A20, 0x1A54), (0x1AA7, 0x1AA7), (0x1B05, 0x1B33),
    (0x1B45, 0x1B4C), (0x1B83, 0x1BA0), (0x1BAE, 0x1BAF), (0x1BBA, 0x1BE5), (0x1C00, 0x1C23),
    (0x1C4D, 0x1C4F), (0x1C5A, 0x1C7D), (0x1C80, 0x1C88), (0x1C90, 0x1CBA), (0x1CBD, 0x1CBF),
    (0x1CE9, 0x1CEC), (0x1CEE, 0x1CF3), (0x1CF5, 0x1CF6), (0x1CFA, 0x1CFA), (0x1D00, 0x1DBF),
    (0x1E00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D), (0x1F50, 0x1F57),
    (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4),
    (0x1FB6, 0x1FBC), (0x1FBE, 0x1FBE), (0x1FC2, 0x1FC4), (0x1FC6, 0x1FCC), (0x1FD0, 0x1FD3),
    (0x1FD6, 0x1FDB), (0x1FE0, 0x1FEC), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFC), (0x2071, 0x2071),
    (0x207F, 0x207F), (0x2090, 0x209C), (0x2102, 0x2102), (0x2107, 0x2107), (0x210A, 0x2113),
    (0x2115, 0x2115), (0x2119, 0x211D), (0x2124, 0x2124), (0x2126, 0x2126), (0x2128, 0x2128),
    (0x212A, 0x212D), (0x212F, 0x2139), (0x213C, 0x213F), (0x2145, 0x2149), (0x214E, 0x214E),
    (0x2183, 0x2184), (0x2C00, 0x2CE4), (0x2CEB, 0x2CEE), (0x2CF2, 0x2CF3), (0x2D00, 0x2D25),
    (0x2D27, 0x2D27), (0x2D2D, 0x2D2D), (0x2D30, 0x2D67), (0x2D6F, 0x2D6F), (0x2D80, 0x2D96),
    (0x2DA0, 0x2DA6), (0x2DA8, 0x2DAE), (0x2DB0, 0x2DB6), (0x2DB8, 0x2DBE), (0x2DC0, 0x2DC6),
    (0x2DC8, 0x2DCE), (0x2DD0, 0x2DD6), (0x2DD8, 0x2DDE), (0x2E2F, 0x2E2F), (0x3005, 0x3006),
    (0x3031, 0x3035), (0x303B, 0x303C), (0x3041, 0x3096), (0x309D, 0x309F), (0x30A1, 0x30FA),
    (0x30FC, 0x30FF), (0x3105, 0x312F), (0x3131, 0x318E), (0x31A0, 0x31BF), (0x31F0, 0x31FF),
    (0x3400, 0x4DBF), (0x4E00, 0xA48C), (0xA4D0, 0xA4FD), (0xA500, 0xA60C), (0xA610, 0xA61F),
    (0xA62A, 0xA62B), (0xA640, 0xA66E), (0xA67F, 0xA69D), (0xA6A0, 0xA6E5), (0xA717, 0xA71F),
    (0xA722, 0xA788), (0xA78B, 0xA7CA), (0xA7D0, 0xA7D1), (0xA7D3, 0xA7D3), (0xA7D5, 0xA7D9),
    (0xA7F2, 0xA801), (0xA803, 0xA805), (0xA807, 0xA80A), (0xA80C, 0xA822), (0xA840, 0xA873),
    (0xA882, 0xA8B3), (0xA8F2, 0xA8F7), (0xA8FB, 0xA8FB), (0xA8FD, 0xA8FE), (0xA90A, 0xA925),
    (0xA930, 0xA946), (0xA960, 0xA97C), (0xA984, 0xA9B2), (0xA9CF, 0xA9CF), (0xA9E0, 0xA9E4),
    (0xA9E6, 0xA9EF), (0xA9FA, 0xA9FE), (0xAA00, 0xAA28), (0xAA40, 0xAA42), (0xAA44, 0xAA4B),
    (0xAA60, 0xAA76), (0xAA7A, 0xAA7A), (0xAA7E, 0xAAAF), (0xAAB1, 0xAAB1), (0xAAB5, 0xAAB6),
    (0xAAB9, 0xAABD), (0xAAC0, 0xAAC0), (0xAAC2, 0xAAC2), (0xAADB, 0xAADD), (0xAAE0, 0xAAEA),
    (0xAAF2, 0xAAF4), (0xAB01, 0xAB06), (0xAB09, 0xAB0E), (0xAB11, 0xAB16), (0xAB20, 0xAB26),
    (0xAB28, 0xAB2E), (0xAB30, 0xAB5A), (0xAB5C, 0xAB69), (0xAB70, 0xABE2), (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFA6D), (0xFA70, 0xFAD9), (0xFB00, 0xFB06),
    (0xFB13, 0xFB17), (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB36), (0xFB38, 0xFB3C),
    (0xFB3E, 0xFB3E), (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFBB1), (0xFBD3, 0xFD3D),
    (0xFD50, 0xFD8F), (0xFD92, 0xFDC7), (0xFDF0, 0xFDFB), (0xFE70, 0xFE74), (0xFE76, 0xFEFC),
    (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF66, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC), (0x10000, 0x1000B), (0x1000D, 0x10026),
    (0x10028, 0x1003A), (0x1003C, 0x1003D), (0x1003F, 0x1004D), (0x10050, 0x1005D),
    (0x10080, 0x100FA), (0x10280, 0x1029C), (0x102A0, 0x102D0), (0x10300, 0x1031F),
    (0x1032D, 0x10340), (0x10342, 0x10349), (0x10350, 0x10375), (0x10380, 0x1039D),
    (0x103A0, 0x103C3), (0x103C8, 0x103CF), (0x10400, 0x1049D), (0x104B0, 0x104D3),
    (0x104D8, 0x104FB), (0x10500, 0x10527), (0x10530, 0x10563), (0x10570, 0x1057A),
    (0x1057C, 0x1058A), (0x1058C, 0x10592), (0x10594, 0x10595), (0x10597, 0x105A1),
    (0x105A3, 0x105B1), (0x105B3, 0x105B9), (0x105BB, 0x105BC), (0x10600, 0x10736),
    (0x10740, 0x10755), (0x10760, 0x10767), (0x10780, 0x10785), (0x10787, 0x107B0),
    (0x107B2, 0x107BA), (0x10800, 0x10805), (0x10808, 0x10808), (0x1080A, 0x10835),
    (0x10837, 0x10838), (0x1083C, 0x1083C), (0x1083F, 0x10855), (0x10860, 0x10876),
    (0x10880, 0x1089E), (0x108E0, 0x108F2), (0x108F4, 0x108F5), (0x10900, 0x10915),
    (0x10920, 0x10939), (0x10980, 0x109B7), (0x109BE, 0x109BF), (0x10A00, 0x10A00),
    (0x10A10, 0x10A13), (0x10A15, 0x10A17), (0x10A19, 0x10A35), (0x10A60, 0x10A7C),
    (0x10A80, 0x10A9C), (0x10AC0, 0x10AC7), (0x10AC9, 0x10AE4), (0x10B00, 0x10B35),
    (0x10B40, 0x10B55), (0x10B60, 0x10B72), (0x10B80, 0x10B91), (0x10C00, 0x10C48),
    (0x10C80, 0x10CB2), (0x10CC0, 0x10CF2), (0x10D00, 0x10D23), (0x10E80, 0x10EA9),
    (0x10EB0, 0x10EB1), (0x10F00, 0x10F1C), (0x10F27, 0x10F27), (0x10F30, 0x10F45),
    (0x10F70, 0x10F81), (0x10FB0, 0x10FC4), (0x10FE0, 0x10FF6), (0x11003, 0x11037),
    (0x11071, 0x11072), (0x11075, 0x11075), (0x11083, 0x110AF), (0x110D0, 0x110E8),
    (0x11103, 0x11126), (0x11144, 0x11144), (0x11147, 0x11147), (0x11150, 0x11172),
    (0x11176, 0x11176), (0x11183, 0x111B2), (0x111C1, 0x111C4), (0x111DA, 0x111DA),
    (0x111DC, 0x111DC), (0x11200, 0x11211), (0x11213, 0x1122B), (0x11280, 0x11286),
    (0x11288, 0x11288), (0x1128A, 0x1128D), (0x1128F, 0x1129D), (0x1129F, 0x112A8),
    (0x112B0, 0x112DE), (0x11305, 0x1130C), (0x1130F, 0x11310), (0x11313, 0x11328),
    (0x1132A, 0x11330), (0x11332, 0x11333), (0x11335, 0x11339), (0x1133D, 0x1133D),
    (0x11350, 0x11350), (0x1135D, 0x11361), (0x11400, 0x11434), (0x11447, 0x1144A),
    (0x1145F, 0x11461), (0x11480, 0x114AF), (0x114C4, 0x114C5), (0x114C7, 0x114C7),
    (0x11580, 0x115AE), (0x115D8, 0x115DB), (0x11600, 0x1162F), (0x11644, 0x11644),
    (0x11680, 0x116AA), (0x116B8, 0x116B8), (0x11700, 0x1171A), (0x11740, 0x11746),
    (0x11800, 0x1182B), (0x118A0, 0x118DF), (0x118FF, 0x11906), (0x11909, 0x11909),
    (0x1190C, 0x11913), (0x11915, 0x11916), (0x11918, 0x1192F), (0x1193F, 0x1193F),
    (0x11941, 0x11941), (0x119A0, 0x119A7), (0x119AA, 0x119D0), (0x119E1, 0x119E1),
    (0x119E3, 0x119E3), (0x11A00, 0x11A00), (0x11A0B, 0x11A32), (0x11A3A, 0x11A3A),
    (0x11A50, 0x11A50), (0x11A5C, 0x11A89), (0x11A9D, 0x11A9D), (0x11AB0, 0x11AF8),
    (0x11C00, 0x11C08), (0x11C0A, 0x11C2E), (0x11C40, 0x11C40), (0x11C72, 0x11C8F),
    (0x11D00, 0x11D06), (0x11D08, 0x11D09), (0x11D0B, 0x11D30), (0x11D46, 0x11D46),
    (0x11D60, 0x11D65), (0x11D67, 0x11D68), (0x11D6A, 0x11D89), (0x11D98, 0x11D98),
    (0x11EE0, 0x11EF2), (0x11FB0, 0x11FB0), (0x12000, 0x12399), (0x12480, 0x12543),
    (0x12F90, 0x12FF0), (0x13000, 0x1342E), (0x14400, 0x14646), (0x16800, 0x16A38),
    (0x16A40, 0x16A5E), (0x16A70, 0x16ABE), (0x16AD0, 0x16AED), (0x16B00, 0x16B2F),
    (0x16B40, 0x16B43), (0x16B63, 0x16B77), (0x16B7D, 0x16B8F), (0x16E40, 0x16E7F),
    (0x16F00, 0x16F4A), (0x16F50, 0x16F50), (0x16F93, 0x16F9F), (0x16FE0, 0x16FE1),
    (0x16FE3, 0x16FE3), (0x17000, 0x187F7), (0x18800, 0x18CD5), (0x18D00, 0x18D08),
    (0x1AFF0, 0x1AFF3), (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122),
    (0x1B150, 0x1B152), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB), (0x1BC00, 0x1BC6A),
    (0x1BC70, 0x1BC7C), (0x1BC80, 0x1BC88), (0x1BC90, 0x1BC99), (0x1D400, 0x1D454),
    (0x1D456, 0x1D49C), (0x1D49E, 0x1D49F), (0x1D4A2, 0x1D4A2), (0x1D4A5, 0x1D4A6),
    (0x1D4A9, 0x1D4AC), (0x1D4AE, 0x1D4B9), (0x1D4BB, 0x1D4BB), (0x1D4BD, 0x1D4C3),
    (0x1D4C5, 0x1D505), (0x1D507, 0x1D50A), (0x1D50D, 0x1D514), (0x1D516, 0x1D51C),
    (0x1D51E, 0x1D539), (0x1D53B, 0x1D53E), (0x1D540, 0x1D544), (0x1D546, 0x1D546),
    (0x1D54A, 0x1D550), (0x1D552, 0x1D6A5), (0x1D6A8, 0x1D6C0), (0x1D6C2, 0x1D6DA),
    (0x1D6DC, 0x1D6FA), (0x1D6FC, 0x1D714), (0x1D716, 0x1D734), (0x1D736, 0x1D74E),
    (0x1D750, 0x1D76E), (0x1D770, 0x1D788), (0x1D78A, 0x1D7A8), (0x1D7AA, 0x1D7C2),
    (0x1D7C4, 0x1D7CB), (0x1DF00, 0x1DF1E), (0x1E100, 0x1E12C), (0x1E137, 0x1E13D),
    (0x1E14E, 0x1E14E), (0x1E290, 0x1E2AD), (0x1E2C0, 0x1E2EB), (0x1E7E0, 0x1E7E6),
    (0x1E7E8, 0x1E7EB), (0x1E7ED, 0x1E7EE), (0x1E7F0, 0x1E7FE), (0x1E800, 0x1E8C4),
    (0x1E900, 0x1E943), (0x1E94B, 0x1E94B), (0x1EE00, 0x1EE03), (0x1EE05, 0x1EE1F),
    (0x1EE21, 0x1EE22), (0x1EE24, 0x1EE24), (0x1EE27, 0x1EE27), (0x1EE29, 0x1EE32),
    (0x1EE34, 0x1EE37), (0x1EE39, 0x1EE39), (0x1EE3B, 0x1EE3B), (0x1EE42, 0x1EE42),
    (0x1EE47, 0x1EE47), (0x1EE49, 0x1EE49), (0x1EE4B, 0x1EE4B), (0x1EE4D, 0x1EE4F),
    (0x1EE51, 0x1EE52), (0x1EE54, 0x1EE54), (0x1EE57, 0x1EE57), (0x1EE59, 0x1EE59),
    (0x1EE5B, 0x1EE5B), (0x1EE5D, 0x1EE5D), (0x1EE5F, 0x1EE5F), (0x1EE61, 0x1EE62),
    (0x1EE64, 0x1EE64), (0x1EE67, 0x1EE6A), (0x1EE6C, 0x1EE72), (0x1EE74, 0x1EE77),
    (0x1EE79, 0x1EE7C), (0x1EE7E, 0x1EE7E), (0x1EE80, 0x1EE89), (0x1EE8B, 0x1EE9B),
    (0x1EEA1, 0x1EEA3), (0x1EEA5, 0x1EEA9), (0x1EEAB, 0x1EEBB), (0x20000, 0x2A6DF),
    (0x2A700, 0x2B738), (0x2B740, 0x2B81D), (0x2B820, 0x2CEA1), (0x2CEB0, 0x2EBE0),
    (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
];
