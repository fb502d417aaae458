//! printf-style `%` formatting: the spec parser and renderer (split so that
//! the interpreter fetches and converts the arguments itself), and
//! `fmt % args` over `Value`s.

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive, Zero};

use super::float_repr::{FloatCode, FloatOpts, float_repr, float_to_string};
use super::spec::{FormatArg, code_point_to_char, push_fill};
use super::{FormatError, IntRef, MAX_FORMAT_COUNT, ascii, fmt_err};
use crate::vm::error::*;
use crate::vm::interp::Vm;
use crate::vm::repr::{repr, to_str};
use crate::vm::value::Value;

// ---------------------------------------------------------------------------
// printf-style `%` formatting
// ---------------------------------------------------------------------------

/// The `- + space # 0` flags of a `%` conversion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`
    pub ljust: bool,
    /// `+`
    pub sign: bool,
    /// ` `
    pub blank: bool,
    /// `#`
    pub alt: bool,
    /// `0`
    pub zero: bool,
}

/// A width or precision: a number, or `*` (taken from the arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Fixed(usize),
    Star,
}

/// One `%...x` conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    /// `%(name)s`
    pub key: Option<String>,
    pub flags: PercentFlags,
    pub width: Option<Count>,
    pub precision: Option<Count>,
    /// One of `d i u o x X e E f F g G c r s a`; anything else only comes
    /// out of `parse_percent_lenient` and makes `format_percent_spec` fail.
    pub conv: char,
    /// Char index of `conv` in the format string (for error messages).
    pub index: usize,
}

/// A piece of a `%` format string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece {
    Literal(String),
    Spec(PercentSpec),
}

/// Whether `c` is a conversion character `%` formatting knows.
pub fn is_percent_conversion(c: char) -> bool {
    matches!(
        c,
        'd' | 'i'
            | 'u'
            | 'o'
            | 'x'
            | 'X'
            | 'e'
            | 'E'
            | 'f'
            | 'F'
            | 'g'
            | 'G'
            | 'c'
            | 'r'
            | 's'
            | 'a'
    )
}

fn unsupported_format_character(c: char, index: usize) -> FormatError {
    let v = c as u32;
    let shown = if (31..=126).contains(&v) { c } else { '?' };
    FormatError::value(format!(
        "unsupported format character '{}' (0x{:x}) at index {}",
        shown, v, index
    ))
}

fn incomplete_format() -> FormatError {
    FormatError::value("incomplete format")
}

/// Reads a decimal count starting at `c[*i]` (a digit); `what` names it in
/// the overflow error ("width" or "precision").
fn percent_number(c: &[char], i: &mut usize, limit: u64, what: &str) -> Result<usize, FormatError> {
    let mut acc: u64 = 0;
    while let Some(d) = c.get(*i).and_then(|ch| ch.to_digit(10)) {
        let d = u64::from(d);
        if acc > (limit - d) / 10 {
            return Err(FormatError::value(format!("{} too big", what)));
        }
        acc = acc * 10 + d;
        *i += 1;
    }
    Ok(usize::try_from(acc).unwrap_or(usize::MAX))
}

/// Parses one conversion; `*i` points just after the '%'.
fn parse_percent_one(c: &[char], i: &mut usize) -> Result<PercentSpec, FormatError> {
    let n = c.len();
    let mut key = None;
    if *i < n && c[*i] == '(' {
        *i += 1;
        let start = *i;
        let mut depth = 1;
        while depth > 0 && *i < n {
            match c[*i] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            *i += 1;
        }
        if depth > 0 {
            return Err(FormatError::value("incomplete format key"));
        }
        key = Some(c[start..*i - 1].iter().collect::<String>());
    }
    let mut flags = PercentFlags::default();
    while *i < n {
        match c[*i] {
            '-' => flags.ljust = true,
            '+' => flags.sign = true,
            ' ' => flags.blank = true,
            '#' => flags.alt = true,
            '0' => flags.zero = true,
            _ => break,
        }
        *i += 1;
    }
    let mut width = None;
    if *i < n && c[*i] == '*' {
        width = Some(Count::Star);
        *i += 1;
    } else if *i < n && c[*i].is_ascii_digit() {
        width = Some(Count::Fixed(percent_number(
            c,
            i,
            i64::MAX as u64,
            "width",
        )?));
    }
    let mut precision = None;
    if *i < n && c[*i] == '.' {
        *i += 1;
        precision = Some(Count::Fixed(0));
        if *i < n && c[*i] == '*' {
            precision = Some(Count::Star);
            *i += 1;
        } else if *i < n && c[*i].is_ascii_digit() {
            precision = Some(Count::Fixed(percent_number(
                c,
                i,
                i32::MAX as u64,
                "precision",
            )?));
        }
    }
    if *i < n && matches!(c[*i], 'h' | 'l' | 'L') {
        *i += 1;
    }
    if *i >= n {
        return Err(incomplete_format());
    }
    let conv = c[*i];
    let index = *i;
    *i += 1;
    Ok(PercentSpec {
        key,
        flags,
        width,
        precision,
        conv,
        index,
    })
}

/// Parses a `%` format string as far as it is well-formed.
///
/// Returns the pieces before the first structural error ("incomplete
/// format", "incomplete format key", "width too big", "precision too big")
/// and that error.  Unsupported conversion characters are *not* errors here:
/// they come out as specs and `format_percent_spec` rejects them, so a
/// caller that fetches each spec's argument first reproduces CPython's order
/// of errors ("not enough arguments" before "unsupported format character").
pub fn parse_percent_lenient(fmt: &str) -> (Vec<PercentPiece>, Option<FormatError>) {
    let c: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            lit.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if c.get(i) == Some(&'%') {
            lit.push('%');
            i += 1;
            continue;
        }
        if !lit.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        match parse_percent_one(&c, &mut i) {
            Ok(spec) => pieces.push(PercentPiece::Spec(spec)),
            Err(e) => return (pieces, Some(e)),
        }
    }
    if !lit.is_empty() {
        pieces.push(PercentPiece::Literal(lit));
    }
    (pieces, None)
}

/// Parses a `%` format string; any error (including an unsupported
/// conversion character) is reported at once.
pub fn parse_percent(fmt: &str) -> Result<Vec<PercentPiece>, FormatError> {
    let (pieces, err) = parse_percent_lenient(fmt);
    for piece in &pieces {
        if let PercentPiece::Spec(s) = piece
            && !is_percent_conversion(s.conv)
        {
            return Err(unsupported_format_character(s.conv, s.index));
        }
    }
    match err {
        Some(e) => Err(e),
        None => Ok(pieces),
    }
}

/// `_PyUnicode_FormatLong`: sign, optional 0o/0x prefix, zero-extended digits.
fn percent_int_text(
    v: IntRef,
    conv: char,
    alt: bool,
    prec: Option<usize>,
) -> Result<String, FormatError> {
    let (base, prefix) = match conv {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = v.abs_digits(base);
    let zeros = match prec {
        Some(p) if p > MAX_FORMAT_COUNT => {
            return Err(FormatError::overflow("precision too large"));
        }
        Some(p) => p.saturating_sub(digits.len()),
        None => 0,
    };
    let mut out = String::with_capacity(digits.len() + zeros + 3);
    if v.is_negative() {
        out.push('-');
    }
    if alt {
        out.push_str(prefix);
    }
    out.extend(std::iter::repeat_n('0', zeros));
    out.push_str(&digits);
    if conv == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// `float(arg)` for a `%e`-style conversion.
fn percent_float_value(arg: FormatArg) -> Result<f64, FormatError> {
    match arg {
        FormatArg::Float(x) => Ok(x),
        FormatArg::Int(b) => IntRef::Big(b).to_f64(),
        FormatArg::Str(_) => Err(FormatError::type_error("must be real number, not str")),
    }
}

/// `int(arg)` for `%d`-style conversions (floats truncate).
fn percent_int_value(arg: FormatArg, conv: char) -> Result<BigInt, FormatError> {
    match arg {
        FormatArg::Int(b) => Ok(b.clone()),
        FormatArg::Float(_) if matches!(conv, 'o' | 'x' | 'X') => Err(FormatError::type_error(
            format!("%{} format: an integer is required, not float", conv),
        )),
        FormatArg::Float(x) => float_to_bigint(x),
        FormatArg::Str(_) if matches!(conv, 'o' | 'x' | 'X') => Err(FormatError::type_error(
            format!("%{} format: an integer is required, not str", conv),
        )),
        FormatArg::Str(_) => Err(FormatError::type_error(format!(
            "%{} format: a real number is required, not str",
            conv
        ))),
    }
}

/// `int(float)`: truncation, with CPython's errors for inf and nan.
pub fn float_to_bigint(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(BigInt::from_f64(x.trunc()).unwrap_or_else(BigInt::zero))
}

fn percent_char_value(arg: FormatArg) -> Result<char, FormatError> {
    match arg {
        FormatArg::Str(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(FormatError::type_error("%c requires int or char")),
            }
        }
        FormatArg::Int(b) => code_point_to_char(b.to_i64().unwrap_or(-1)),
        FormatArg::Float(_) => Err(FormatError::type_error("%c requires int or char")),
    }
}

/// Pads/signs a converted argument (CPython's `unicode_format_arg_output`).
fn percent_output(
    s: &str,
    conv: char,
    flags: PercentFlags,
    width: Option<usize>,
    prec: Option<usize>,
    numeric: bool,
) -> Result<String, FormatError> {
    if let Some(w) = width
        && w > MAX_FORMAT_COUNT
    {
        return Err(FormatError::value("width too big"));
    }
    let chars: Vec<char> = s.chars().collect();
    let mut len = chars.len() as i64;
    let mut width = width.map(|w| w as i64).unwrap_or(-1);
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    if let Some(p) = prec
        && matches!(conv, 's' | 'r' | 'a')
    {
        len = len.min(p as i64);
    }
    let mut pindex = 0usize;
    let mut sign = None;
    if numeric {
        match chars.first() {
            Some(&c) if c == '-' || c == '+' => {
                sign = Some(c);
                len -= 1;
                pindex = 1;
            }
            _ if flags.sign => sign = Some('+'),
            _ if flags.blank => sign = Some(' '),
            _ => {}
        }
    }
    if width < len {
        width = len;
    }
    let has_prefix = flags.alt && matches!(conv, 'x' | 'X' | 'o');
    let mut out = String::with_capacity(width.max(0) as usize + 2);
    if let Some(sc) = sign {
        if fill != ' ' {
            out.push(sc);
        }
        if width > len {
            width -= 1;
        }
    }
    if has_prefix {
        if fill != ' ' {
            out.extend(chars.iter().skip(pindex).take(2));
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !flags.ljust {
        push_fill(&mut out, fill, width - len);
        width = len;
    }
    if fill == ' ' {
        if let Some(sc) = sign {
            out.push(sc);
        }
        if has_prefix {
            out.extend(chars.iter().skip(pindex).take(2));
            pindex += 2;
        }
    }
    out.extend(chars.iter().skip(pindex).take(len.max(0) as usize));
    if width > len {
        push_fill(&mut out, ' ', width - len);
    }
    Ok(out)
}

/// Formats one argument for a `%` spec whose `*` width/precision were
/// already resolved (a negative `*` width means: set `flags.ljust` and pass
/// its absolute value; a negative `*` precision means 0 — or use
/// `format_percent_spec_signed`).
///
/// * `%s %r %a`: pass `Str` with the already `str()`/`repr()`/`ascii()`'d
///   text (an `Int` or `Float` is rendered with `str()`).
/// * `%d %i %u`: `Int`, or `Float` (truncated); `%o %x %X`: `Int` only.
/// * `%e %f %g` (and upper case): `Float` or `Int` (converted).
/// * `%c`: `Int` (a code point) or a one-character `Str`.
pub fn format_percent_spec(
    spec: &PercentSpec,
    width: Option<usize>,
    precision: Option<usize>,
    arg: FormatArg,
) -> Result<String, FormatError> {
    let flags = spec.flags;
    match spec.conv {
        's' | 'r' | 'a' => {
            let text = match arg {
                FormatArg::Str(s) => s.to_string(),
                FormatArg::Int(b) => b.to_string(),
                FormatArg::Float(x) => float_repr(x),
            };
            percent_output(&text, spec.conv, flags, width, precision, false)
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let v = percent_int_value(arg, spec.conv)?;
            let text = percent_int_text(IntRef::Big(&v), spec.conv, flags.alt, precision)?;
            percent_output(&text, spec.conv, flags, width, precision, true)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = percent_float_value(arg)?;
            let prec = precision.unwrap_or(6);
            if prec > MAX_FORMAT_COUNT {
                return Err(FormatError::value("precision too big"));
            }
            let code = match spec.conv.to_ascii_lowercase() {
                'e' => FloatCode::E,
                'f' => FloatCode::F,
                _ => FloatCode::G,
            };
            let opts = FloatOpts {
                code,
                precision: prec,
                add_dot_0: false,
                alt: flags.alt,
                no_neg_0: false,
                upper: spec.conv.is_ascii_uppercase(),
            };
            let text = float_to_string(x, &opts);
            percent_output(&text, spec.conv, flags, width, precision, true)
        }
        'c' => {
            let ch = percent_char_value(arg)?;
            percent_output(&ch.to_string(), 'c', flags, width, precision, false)
        }
        other => Err(unsupported_format_character(other, spec.index)),
    }
}

/// `format_percent_spec` taking `*` values as Python ints would give them:
/// a negative width left-justifies, a negative precision counts as 0.
pub fn format_percent_spec_signed(
    spec: &PercentSpec,
    width: Option<i64>,
    precision: Option<i64>,
    arg: FormatArg,
) -> Result<String, FormatError> {
    let mut spec2 = spec.clone();
    let w = width.map(|w| {
        if w < 0 {
            spec2.flags.ljust = true;
        }
        usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX)
    });
    let p = precision.map(|p| usize::try_from(p.max(0)).unwrap_or(usize::MAX));
    format_percent_spec(&spec2, w, p, arg)
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<Value> {
    let pieces = parse_percent(fmt).map_err(fmt_err)?;
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
                crate::vm::subscript::get_item(vm, m, &Value::str(k.clone()))?
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
    spec: &PercentSpec,
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
    format_percent_spec_signed(spec, width, precision, fa).map_err(fmt_err)
}
