//! `format(value, spec)` and f-string fields: the format-spec mini-language
//! for `int`, `float` and `str` (CPython's `formatter_unicode.c`), and the
//! `Value`s it applies to.

use num_bigint::BigInt;

use super::float_repr::{FloatCode, FloatOpts, float_body, float_repr};
use super::literal::decimal_digit_value;
use super::{FormatError, IntRef, MAX_FORMAT_COUNT, ascii, fmt_err, too_many_digits};
use crate::vm::error::*;
use crate::vm::interp::Vm;
use crate::vm::repr::{repr, to_str};
use crate::vm::value::Value;

// ---------------------------------------------------------------------------
// Format-spec parsing
// ---------------------------------------------------------------------------

/// What a format spec applies to.
#[derive(Debug, Clone, Copy)]
pub enum FormatArg<'a> {
    Int(&'a BigInt),
    Float(f64),
    Str(&'a str),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Grouping {
    None,
    Comma,
    Underscore,
    UnderFour,
}

impl Grouping {
    /// Group size and separator, as CPython's `get_locale_info`.
    fn group(self) -> Option<(i64, char)> {
        match self {
            Grouping::None => None,
            Grouping::Comma => Some((3, ',')),
            Grouping::Underscore => Some((3, '_')),
            Grouping::UnderFour => Some((4, '_')),
        }
    }
    fn symbol(self) -> char {
        if self == Grouping::Comma { ',' } else { '_' }
    }
}

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    align: char,
    /// '\0' when absent.
    sign: char,
    no_neg_0: bool,
    alt: bool,
    width: Option<usize>,
    grouping: Grouping,
    precision: Option<usize>,
    /// '\0' when absent (only possible for floats).
    ty: char,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads decimal digits (any script) at `pos`; returns (value, digits consumed).
fn spec_integer(c: &[char], pos: &mut usize) -> Result<(usize, usize), FormatError> {
    let mut acc: u64 = 0;
    let mut consumed = 0;
    while let Some(d) = c.get(*pos).and_then(|&ch| decimal_digit_value(ch)) {
        let d = u64::from(d);
        if acc > (i64::MAX as u64 - d) / 10 {
            return Err(too_many_digits());
        }
        acc = acc * 10 + d;
        *pos += 1;
        consumed += 1;
    }
    Ok((usize::try_from(acc).unwrap_or(usize::MAX), consumed))
}

/// "'x'" for printable ASCII, "'\xNN'" otherwise (CPython's `%c`/`\x%x`).
fn quoted_code(c: char) -> String {
    let v = c as u32;
    if v > 32 && v < 128 {
        format!("'{}'", c)
    } else {
        format!("'\\x{:x}'", v)
    }
}

fn unknown_presentation_type(ty: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code {} for object of type '{}'",
        quoted_code(ty),
        type_name
    ))
}

fn parse_spec(
    spec: &str,
    default_type: char,
    default_align: char,
    type_name: &str,
) -> Result<Spec, FormatError> {
    let c: Vec<char> = spec.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: '\0',
        no_neg_0: false,
        alt: false,
        width: None,
        grouping: Grouping::None,
        precision: None,
        ty: default_type,
    };
    let mut fill_specified = false;
    let mut align_specified = false;
    if end >= 2 && is_align(c[1]) {
        s.align = c[1];
        s.fill = c[0];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(c[0]) {
        s.align = c[0];
        align_specified = true;
        pos = 1;
    }
    if pos < end && matches!(c[pos], '+' | '-' | ' ') {
        s.sign = c[pos];
        pos += 1;
    }
    if pos < end && c[pos] == 'z' {
        s.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && c[pos] == '#' {
        s.alt = true;
        pos += 1;
    }
    if !fill_specified && pos < end && c[pos] == '0' {
        s.fill = '0';
        if !align_specified && default_align == '>' {
            s.align = '=';
        }
        pos += 1;
    }
    let (width, consumed) = spec_integer(&c, &mut pos)?;
    if consumed > 0 {
        s.width = Some(width);
    }
    if pos < end && c[pos] == ',' {
        s.grouping = Grouping::Comma;
        pos += 1;
    }
    if pos < end && c[pos] == '_' {
        if s.grouping != Grouping::None {
            return Err(FormatError::value("Cannot specify both ',' and '_'."));
        }
        s.grouping = Grouping::Underscore;
        pos += 1;
    }
    if pos < end && c[pos] == ',' && s.grouping == Grouping::Underscore {
        return Err(FormatError::value("Cannot specify both ',' and '_'."));
    }
    if pos < end && c[pos] == '.' {
        pos += 1;
        let (precision, consumed) = spec_integer(&c, &mut pos)?;
        if consumed == 0 {
            return Err(FormatError::value("Format specifier missing precision"));
        }
        s.precision = Some(precision);
    }
    if end - pos > 1 {
        return Err(FormatError::value(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            spec, type_name
        )));
    }
    if end - pos == 1 {
        s.ty = c[pos];
    }
    if s.grouping != Grouping::None {
        match s.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if s.grouping == Grouping::Underscore => {
                s.grouping = Grouping::UnderFour;
            }
            ty => {
                return Err(FormatError::value(format!(
                    "Cannot specify '{}' with {}.",
                    s.grouping.symbol(),
                    quoted_code(ty)
                )));
            }
        }
    }
    Ok(s)
}

/// Width as a signed count (-1 = none), refusing absurd widths.
fn checked_width(spec: &Spec) -> Result<i64, FormatError> {
    match spec.width {
        None => Ok(-1),
        Some(w) if w > MAX_FORMAT_COUNT => Err(too_many_digits()),
        Some(w) => Ok(w as i64),
    }
}

// ---------------------------------------------------------------------------
// Number layout (port of calc_number_widths / fill_number)
// ---------------------------------------------------------------------------

/// Inserts separators into ASCII `digits`, zero-padding up to `min_width`
/// (CPython's `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(digits: &str, min_width: i64, group: Option<(i64, char)>) -> String {
    let d = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = d.len() as i64;
    let mut digits_pos = d.len();
    // Built right to left, reversed at the end.
    let mut out: Vec<char> = Vec::with_capacity(d.len() + min_width as usize);
    let mut emit = |sep: Option<char>, n_chars: i64, n_zeros: i64| {
        if let Some(s) = sep {
            out.push(s);
        }
        for _ in 0..n_chars {
            if digits_pos == 0 {
                break;
            }
            digits_pos -= 1;
            out.push(d[digits_pos] as char);
        }
        out.extend(std::iter::repeat_n('0', n_zeros.max(0) as usize));
    };
    let mut use_sep = false;
    let mut finished = false;
    if let Some((size, sep)) = group {
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(if use_sep { Some(sep) } else { None }, n_chars, n_zeros);
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                finished = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !finished {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        emit(None, n_chars, n_zeros);
    }
    out.iter().rev().collect()
}

/// The pieces of a formatted number (sign excluded).
struct NumberText<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    has_decimal: bool,
    remainder: &'a str,
}

pub(super) fn push_fill(out: &mut String, c: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(c);
    }
}

fn render_number(
    n: &NumberText,
    spec: &Spec,
    group: Option<(i64, char)>,
) -> Result<String, FormatError> {
    let width = checked_width(spec)?;
    let sign = match spec.sign {
        '+' => Some(if n.negative { '-' } else { '+' }),
        ' ' => Some(if n.negative { '-' } else { ' ' }),
        _ => n.negative.then_some('-'),
    };
    let n_non_digit = sign.is_some() as i64
        + n.prefix.chars().count() as i64
        + n.has_decimal as i64
        + n.remainder.chars().count() as i64;
    let min_width = if spec.fill == '0' && spec.align == '=' {
        width - n_non_digit
    } else {
        0
    };
    let grouped = if n.digits.is_empty() {
        String::new()
    } else {
        group_digits(n.digits, min_width, group)
    };
    let padding = width - (n_non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if padding > 0 {
        match spec.align {
            '<' => rpad = padding,
            '^' => {
                lpad = padding / 2;
                rpad = padding - lpad;
            }
            '=' => spad = padding,
            _ => lpad = padding,
        }
    }
    let mut out = String::new();
    push_fill(&mut out, spec.fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(n.prefix);
    push_fill(&mut out, spec.fill, spad);
    out.push_str(&grouped);
    if n.has_decimal {
        out.push('.');
    }
    out.push_str(n.remainder);
    push_fill(&mut out, spec.fill, rpad);
    Ok(out)
}

// ---------------------------------------------------------------------------
// format(): int, float, str
// ---------------------------------------------------------------------------

fn format_float_with_spec(x: f64, spec: &Spec) -> Result<String, FormatError> {
    if let Some(p) = spec.precision
        && (p > i32::MAX as usize || p > MAX_FORMAT_COUNT)
    {
        return Err(FormatError::value("precision too big"));
    }
    let mut ty = spec.ty;
    let mut add_dot_0 = false;
    let mut default_precision = 6;
    if ty == '\0' {
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let (code, upper) = match ty {
        'e' => (FloatCode::E, false),
        'E' => (FloatCode::E, true),
        'f' => (FloatCode::F, false),
        'F' => (FloatCode::F, true),
        'g' => (FloatCode::G, false),
        'G' => (FloatCode::G, true),
        'r' => (FloatCode::R, false),
        other => return Err(unknown_presentation_type(other, "float")),
    };
    let opts = FloatOpts {
        code,
        precision,
        add_dot_0,
        alt: spec.alt,
        no_neg_0: spec.no_neg_0,
        upper,
    };
    let (negative, mut body) = float_body(val, &opts);
    if add_pct {
        body.push('%');
    }
    let int_end = body
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(body.len());
    let has_decimal = body[int_end..].starts_with('.');
    let rem_start = int_end + has_decimal as usize;
    let group = if spec.ty == 'n' {
        None
    } else {
        spec.grouping.group()
    };
    let text = NumberText {
        negative,
        prefix: "",
        digits: &body[..int_end],
        has_decimal,
        remainder: &body[rem_start..],
    };
    render_number(&text, spec, group)
}

fn format_int_char(v: IntRef, spec: &Spec) -> Result<String, FormatError> {
    if spec.sign != '\0' {
        return Err(FormatError::value(
            "Sign not allowed with integer format specifier 'c'",
        ));
    }
    if spec.alt {
        return Err(FormatError::value(
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ));
    }
    let x = v
        .as_i64()
        .ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?;
    let ch = code_point_to_char(x)?;
    let remainder = ch.to_string();
    let text = NumberText {
        negative: false,
        prefix: "",
        digits: "",
        has_decimal: false,
        remainder: &remainder,
    };
    render_number(&text, spec, None)
}

/// chr() for `%c` / `'c'`; surrogates cannot live in a Rust string.
pub(super) fn code_point_to_char(x: i64) -> Result<char, FormatError> {
    if !(0..=0x10ffff).contains(&x) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    char::from_u32(x as u32).ok_or_else(|| {
        FormatError::value(format!("surrogate code point U+{:04X} is not supported", x))
    })
}

fn format_long_internal(v: IntRef, spec: &Spec) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if spec.ty == 'c' {
        return format_int_char(v, spec);
    }
    let (base, prefix) = match spec.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs_digits(base);
    if spec.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let text = NumberText {
        negative: v.is_negative(),
        prefix: if spec.alt { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    let group = if spec.ty == 'n' {
        None
    } else {
        spec.grouping.group()
    };
    render_number(&text, spec, group)
}

fn format_int(v: IntRef, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(v.to_decimal());
    }
    let s = parse_spec(spec, 'd', '>', "int")?;
    match s.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(v, &s),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_with_spec(v.to_f64()?, &s),
        other => Err(unknown_presentation_type(other, "int")),
    }
}

fn format_float(x: f64, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let s = parse_spec(spec, '\0', '>', "float")?;
    match s.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_with_spec(x, &s),
        other => Err(unknown_presentation_type(other, "float")),
    }
}

/// Left/right padding for `nchars` in `width` (CPython's `calc_padding`).
fn calc_padding(nchars: i64, width: i64, align: char) -> (i64, i64) {
    let total = if width >= 0 {
        width.max(nchars)
    } else {
        nchars
    };
    let left = match align {
        '>' => total - nchars,
        '^' => (total - nchars) / 2,
        _ => 0,
    };
    (left, total - nchars - left)
}

fn format_str(value: &str, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let s = parse_spec(spec, 's', '<', "str")?;
    if s.ty != 's' {
        return Err(unknown_presentation_type(s.ty, "str"));
    }
    match s.sign {
        '\0' => {}
        ' ' => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ));
        }
        _ => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ));
        }
    }
    if s.no_neg_0 {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if s.alt {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if s.align == '=' {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let width = checked_width(&s)?;
    let mut len = value.chars().count();
    if let Some(p) = s.precision {
        len = len.min(p);
    }
    let (left, right) = calc_padding(len as i64, width, s.align);
    let mut out = String::new();
    push_fill(&mut out, s.fill, left);
    out.extend(value.chars().take(len));
    push_fill(&mut out, s.fill, right);
    Ok(out)
}

/// `format(value, spec)`: the whole format-spec mini-language
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
///
/// An empty spec gives `str(value)` (for an `Int`, its decimal digits; a
/// `bool` must be passed as `Str("True")` by the caller for `format(True, '')`).
pub fn format_spec(arg: FormatArg, spec: &str) -> Result<String, FormatError> {
    match arg {
        FormatArg::Int(b) => format_int(IntRef::Big(b), spec),
        FormatArg::Float(x) => format_float(x, spec),
        FormatArg::Str(s) => format_str(s, spec),
    }
}

/// `format(v, spec)` for an int that fits in i64, without a BigInt.
pub fn format_i64(v: i64, spec: &str) -> Result<String, FormatError> {
    format_int(IntRef::Small(v), spec)
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/// Python's `format(v, spec)`.
pub fn format_with_spec(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    let r = match v {
        Value::Int(i) => format_i64(*i, spec),
        Value::Bool(b) if spec.is_empty() => {
            return Ok(if b.get() { "True" } else { "False" }.into());
        }
        Value::Bool(b) => format_i64(*b as i64, spec),
        Value::BigInt(b) => {
            if spec.is_empty() {
                return crate::vm::repr::int_to_decimal(b);
            }
            format_spec(FormatArg::Int(b), spec)
        }
        Value::Float(f) => format_spec(FormatArg::Float(f.get()), spec),
        Value::Str(s) => format_spec(FormatArg::Str(s.as_str()), spec),
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
