//! Python-compatible text formatting for mini, matching CPython 3.11 output.
//!
//! This module is self-contained (std, num-bigint, num-traits, num-integer)
//! and covers:
//!
//! * `float_repr` — `repr(float)` (shortest round-trip digits);
//! * `format_spec` / `format_i64` — `format(value, spec)`, the whole
//!   format-spec mini-language for `int`, `float` and `str`;
//! * `parse_percent` / `format_percent_spec` — printf-style `%` formatting,
//!   split so the interpreter can fetch and convert the arguments itself;
//! * `parse_format_string` (+ `parse_field_name`, `check_conversion`,
//!   `AutoNumber`) — the parsing half of `str.format`;
//! * `parse_float_literal` / `parse_int_literal` — what `float(str)` and
//!   `int(str, base)` accept.
//!
//! The float code leans on Rust's `{:e}` (shortest round-trip digits) and
//! `{:.N}` / `{:.Ne}` (exact, round-half-even) formatting, then lays the
//! digits out exactly like CPython's `format_float_short`.  The padding and
//! grouping code is a port of CPython's `calc_number_widths`,
//! `fill_number` and `_PyUnicode_InsertThousandsGrouping`.
//!
//! Nothing here panics on any input; absurd widths and precisions (above
//! `MAX_FORMAT_COUNT`) give a `ValueError` instead of allocating gigabytes.

// Some helpers (field-name splitting, auto-numbering, ...) are offered for
// the interpreter's convenience and may not all be used.
#![allow(dead_code)]

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{FromPrimitive, ToPrimitive, Zero};
use std::fmt;

/// Largest width (and float precision, and `%` int precision) honoured.
/// CPython would try to build such strings; we refuse with a `ValueError`.
pub const MAX_FORMAT_COUNT: usize = 1 << 26;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Which Python exception a `FormatError` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// `ValueError`
    Value,
    /// `TypeError`
    Type,
    /// `OverflowError`
    Overflow,
}

/// An error with CPython's exception type and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub kind: FormatErrorKind,
    pub msg: String,
}

impl FormatError {
    fn value(msg: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Value,
            msg: msg.into(),
        }
    }
    fn type_error(msg: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Type,
            msg: msg.into(),
        }
    }
    fn overflow(msg: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::Overflow,
            msg: msg.into(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.kind {
            FormatErrorKind::Value => "ValueError",
            FormatErrorKind::Type => "TypeError",
            FormatErrorKind::Overflow => "OverflowError",
        };
        write!(f, "{}: {}", name, self.msg)
    }
}

impl std::error::Error for FormatError {}

fn too_many_digits() -> FormatError {
    FormatError::value("Too many decimal digits in format string")
}

// ---------------------------------------------------------------------------
// Integers: a borrowed view over i64 or BigInt
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }

    /// Digits of |self| in `base` (2, 8, 10 or 16), lowercase.
    fn abs_digits(self, base: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let m = v.unsigned_abs();
                match base {
                    2 => format!("{:b}", m),
                    8 => format!("{:o}", m),
                    16 => format!("{:x}", m),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(b) => b.magnitude().to_str_radix(base),
        }
    }

    fn to_decimal(self) -> String {
        match self {
            IntRef::Small(v) => v.to_string(),
            IntRef::Big(b) => b.to_string(),
        }
    }

    fn as_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    /// `float(int)`: correctly rounded, OverflowError when too large.
    fn to_f64(self) -> Result<f64, FormatError> {
        let r = match self {
            IntRef::Small(v) => Some(v as f64),
            IntRef::Big(b) => bigint_to_f64(b),
        };
        r.ok_or_else(|| FormatError::overflow("int too large to convert to float"))
    }
}

/// Round-half-even conversion of a BigInt to f64; `None` on overflow.
pub fn bigint_to_f64(b: &BigInt) -> Option<f64> {
    let mag: &BigUint = b.magnitude();
    let bits = mag.bits();
    let v = if bits <= 64 {
        mag.to_u64()? as f64
    } else {
        if bits > 1025 {
            return None;
        }
        let shift = bits - 64;
        let mut top = (mag >> shift).to_u64()?;
        // Sticky bit: fold every discarded bit into the lowest kept bit so the
        // u64 -> f64 rounding (to 53 bits) sees the right tie-breaking.
        if mag.trailing_zeros().unwrap_or(0) < shift {
            top |= 1;
        }
        (top as f64) * 2f64.powi(shift as i32)
    };
    if v.is_infinite() {
        return None;
    }
    Some(if b.sign() == Sign::Minus { -v } else { v })
}

// ---------------------------------------------------------------------------
// Unicode decimal digits (CPython's Py_UNICODE_TODECIMAL, Unicode 14.0)
// ---------------------------------------------------------------------------

/// The "0" of every non-ASCII run of ten Unicode decimal digits (`Nd`).
const UNICODE_DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Value of a decimal digit in any script ('7', '٧', '７', ...).
pub fn decimal_digit_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let v = c as u32;
    let i = UNICODE_DIGIT_ZEROS.partition_point(|&z| z <= v);
    let zero = *UNICODE_DIGIT_ZEROS.get(i.checked_sub(1)?)?;
    (v - zero < 10).then_some(v - zero)
}

// ---------------------------------------------------------------------------
// Float -> text (port of CPython's format_float_short)
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FloatCode {
    /// 'e': exponent notation, `precision` digits after the point.
    E,
    /// 'f': fixed notation.
    F,
    /// 'g': general notation.
    G,
    /// 'r': repr (shortest digits).
    R,
}

#[derive(Clone, Copy, Debug)]
struct FloatOpts {
    code: FloatCode,
    precision: usize,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
    upper: bool,
}

/// Splits Rust's `{:e}` output ("1.2345e-5") into digits and the position
/// of the decimal point relative to them (dtoa's `decpt`).
fn sci_parts(s: &str) -> (Vec<u8>, i64) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// Shortest round-trip digits of a finite, non-negative `x` (dtoa mode 0).
///
/// Rust picks the same digit count as dtoa, but when two candidates of that
/// length are equally close (possible only from 16 digits on) it rounds the
/// tie up, while dtoa takes the correctly rounded (half-even) one.
fn shortest_digits(x: f64) -> (Vec<u8>, i64) {
    let shortest = sci_parts(&format!("{:e}", x));
    let n = shortest.0.len();
    if n >= 16 {
        let nearest = format!("{:.*e}", n - 1, x);
        if nearest.parse::<f64>() == Ok(x) {
            return sci_parts(&nearest);
        }
    }
    shortest
}

/// A double's exact decimal expansion has at most 767 significant digits
/// and 1074 digits after the point; asking Rust for more would only add
/// zeros (and Rust refuses precisions above 65535).
const MAX_EXACT_SIG_DIGITS: usize = 800;
const MAX_EXACT_FRAC_DIGITS: usize = 1100;

/// `n` correctly rounded significant digits of a finite, non-negative `x`,
/// trailing zeros stripped (dtoa mode 2).
fn rounded_digits(x: f64, n: usize) -> (Vec<u8>, i64) {
    let n = n.clamp(1, MAX_EXACT_SIG_DIGITS);
    let (mut d, decpt) = sci_parts(&format!("{:.*e}", n - 1, x));
    while d.len() > 1 && d.last() == Some(&b'0') {
        d.pop();
    }
    (d, decpt)
}

fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

/// Lays `digits` (with decimal point at `decpt`) out as CPython does for the
/// 'e', 'g' and 'r' codes.  `precision` is the digit count for 'e' (already
/// incremented) and 'g'.
fn layout_digits(digits: &[u8], decpt: i64, precision: i64, o: &FloatOpts) -> String {
    let digits_len = digits.len() as i64;
    let mut decpt = decpt;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match o.code {
        FloatCode::E => {
            use_exp = true;
            vdigits_end = precision;
        }
        FloatCode::G => {
            let limit = if o.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if o.alt {
                vdigits_end = precision;
            }
        }
        FloatCode::R => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
        FloatCode::F => {}
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && o.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    let mut out = String::new();
    if decpt <= 0 {
        push_zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        push_zeros(&mut out, -decpt);
    } else {
        push_zeros(&mut out, -vdigits_start);
    }
    let text = |d: &[u8]| d.iter().map(|&b| b as char).collect::<String>();
    if 0 < decpt && decpt <= digits_len {
        let split = decpt as usize;
        out.push_str(&text(&digits[..split]));
        out.push('.');
        out.push_str(&text(&digits[split..]));
    } else {
        out.push_str(&text(digits));
    }
    if digits_len < decpt {
        push_zeros(&mut out, decpt - digits_len);
        out.push('.');
        push_zeros(&mut out, vdigits_end - decpt);
    } else {
        push_zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !o.alt {
        out.pop();
    }
    if use_exp {
        out.push(if o.upper { 'E' } else { 'e' });
        out.push_str(&format!("{:+03}", exp));
    }
    out
}

/// Formats `x` without its sign; returns (needs a minus sign, text).
fn float_body(x: f64, o: &FloatOpts) -> (bool, String) {
    if x.is_nan() {
        return (false, if o.upper { "NAN" } else { "nan" }.to_string());
    }
    let neg = x.is_sign_negative();
    if x.is_infinite() {
        return (neg, if o.upper { "INF" } else { "inf" }.to_string());
    }
    let a = x.abs();
    let (body, is_zero) = match o.code {
        FloatCode::F => {
            let mut s = format!("{:.*}", o.precision.min(MAX_EXACT_FRAC_DIGITS), a);
            let extra = o.precision.saturating_sub(MAX_EXACT_FRAC_DIGITS);
            s.extend(std::iter::repeat_n('0', extra));
            if o.alt && o.precision == 0 {
                s.push('.');
            }
            let zero = s.bytes().all(|b| b == b'0' || b == b'.');
            (s, zero)
        }
        FloatCode::E => {
            let n = o.precision + 1;
            let (d, decpt) = rounded_digits(a, n);
            let zero = d == b"0";
            (layout_digits(&d, decpt, n as i64, o), zero)
        }
        FloatCode::G => {
            let p = o.precision.max(1);
            let (d, decpt) = rounded_digits(a, p);
            let zero = d == b"0";
            (layout_digits(&d, decpt, p as i64, o), zero)
        }
        FloatCode::R => {
            let (d, decpt) = shortest_digits(a);
            let zero = d == b"0";
            (layout_digits(&d, decpt, 0, o), zero)
        }
    };
    (neg && !(o.no_neg_0 && is_zero), body)
}

fn float_to_string(x: f64, o: &FloatOpts) -> String {
    let (neg, body) = float_body(x, o);
    if neg { format!("-{}", body) } else { body }
}

/// Python's `repr(float)` (also `str(float)`).
pub fn float_repr(x: f64) -> String {
    let o = FloatOpts {
        code: FloatCode::R,
        precision: 0,
        add_dot_0: true,
        alt: false,
        no_neg_0: false,
        upper: false,
    };
    float_to_string(x, &o)
}

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

fn push_fill(out: &mut String, c: char, n: i64) {
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
fn code_point_to_char(x: i64) -> Result<char, FormatError> {
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

/// Validates a `!x` conversion: Ok for 'r', 's', 'a'.
pub fn check_conversion(c: char) -> Result<(), FormatError> {
    match c {
        'r' | 's' | 'a' => Ok(()),
        _ => {
            let v = c as u32;
            let shown = if v > 32 && v < 127 {
                c.to_string()
            } else {
                format!("\\x{:x}", v)
            };
            Err(FormatError::value(format!(
                "Unknown conversion specifier {}",
                shown
            )))
        }
    }
}

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey {
    /// `{}`: the next automatic index.
    Auto,
    /// `{3}`
    Index(usize),
    /// `{name}`
    Name(String),
}

/// One `.attr` or `[key]` after the first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccessor {
    Attr(String),
    /// `[3]`: an all-digit key is an int index.
    Index(usize),
    /// `[key]`: any other key is a str.
    Key(String),
}

/// Decimal value of an all-digit string (any script); `Ok(None)` if not one.
fn field_integer(s: &[char]) -> Result<Option<usize>, FormatError> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: u64 = 0;
    for ch in s {
        let Some(d) = decimal_digit_value(*ch) else {
            return Ok(None);
        };
        let d = u64::from(d);
        if acc > (i64::MAX as u64 - d) / 10 {
            return Err(too_many_digits());
        }
        acc = acc * 10 + d;
    }
    Ok(Some(usize::try_from(acc).unwrap_or(usize::MAX)))
}

/// Splits a raw field name ("0.attr[key]") like CPython's
/// `field_name_split` + `FieldNameIterator`.  (CPython reports errors in the
/// accessors lazily, after earlier lookups; this reports them up front.)
pub fn parse_field_name(name: &str) -> Result<(FieldKey, Vec<FieldAccessor>), FormatError> {
    let c: Vec<char> = name.chars().collect();
    let first_end = c
        .iter()
        .position(|&ch| ch == '.' || ch == '[')
        .unwrap_or(c.len());
    let first = &c[..first_end];
    let key = if first.is_empty() {
        FieldKey::Auto
    } else if let Some(idx) = field_integer(first)? {
        FieldKey::Index(idx)
    } else {
        FieldKey::Name(first.iter().collect())
    };
    let mut rest = Vec::new();
    let mut i = first_end;
    while i < c.len() {
        let kind = c[i];
        i += 1;
        let start = i;
        let part: &[char];
        match kind {
            '.' => {
                while i < c.len() && c[i] != '.' && c[i] != '[' {
                    i += 1;
                }
                part = &c[start..i];
            }
            '[' => {
                while i < c.len() && c[i] != ']' {
                    i += 1;
                }
                if i >= c.len() {
                    return Err(FormatError::value("Missing ']' in format string"));
                }
                part = &c[start..i];
                i += 1;
            }
            _ => {
                return Err(FormatError::value(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        let index = if kind == '[' {
            field_integer(part)?
        } else {
            None
        };
        if part.is_empty() {
            return Err(FormatError::value("Empty attribute in format string"));
        }
        rest.push(match (kind, index) {
            ('.', _) => FieldAccessor::Attr(part.iter().collect()),
            (_, Some(idx)) => FieldAccessor::Index(idx),
            _ => FieldAccessor::Key(part.iter().collect()),
        });
    }
    Ok((key, rest))
}

/// Automatic field numbering state for one `str.format` call (nested specs
/// share it).
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    manual: bool,
    auto: bool,
    next: usize,
}

impl AutoNumber {
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves `{}` to the next index and checks that automatic and manual
    /// numbering are not mixed.  Returns the positional index, if any.
    pub fn resolve(&mut self, key: &FieldKey) -> Result<Option<usize>, FormatError> {
        match key {
            FieldKey::Auto => {
                if self.manual {
                    return Err(FormatError::value(
                        "cannot switch from manual field specification to automatic field numbering",
                    ));
                }
                self.auto = true;
                let idx = self.next;
                self.next += 1;
                Ok(Some(idx))
            }
            FieldKey::Index(idx) => {
                if self.auto {
                    return Err(FormatError::value(
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                self.manual = true;
                Ok(Some(*idx))
            }
            FieldKey::Name(_) => Ok(None),
        }
    }
}

// ---------------------------------------------------------------------------
// float(str) and int(str, base)
// ---------------------------------------------------------------------------

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII` followed by the
/// ASCII whitespace strip of `float()`/`int()`: non-ASCII decimal digits
/// become ASCII ones, non-ASCII whitespace a space, any other non-ASCII
/// character '?'.  (`\x1c`..`\x1f` are not stripped, as in CPython.)
fn ascii_literal(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c
            } else if c.is_whitespace() {
                ' '
            } else if let Some(d) = decimal_digit_value(c) {
                char::from(b'0' + d as u8)
            } else {
                '?'
            }
        })
        .collect();
    t.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'))
        .to_string()
}

/// Removes underscores, which are only allowed between two digits.
fn strip_underscores(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        if c == '_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == '_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == '_' { None } else { Some(out) }
}

/// Checks `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]`.
fn is_decimal_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut mantissa_digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        mantissa_digits += i - frac_start;
    }
    if mantissa_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// What `float(s)` accepts: surrounding whitespace, an optional sign,
/// decimal digits with single underscores between digits, an optional
/// exponent, or `inf`/`infinity`/`nan` in any case; digits of any script.
/// `None` means "could not convert string to float".
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let t = ascii_literal(s);
    let t = t.as_str();
    if t.is_empty() {
        return None;
    }
    let (negative, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if negative { -v } else { v });
    }
    let clean = strip_underscores(t)?;
    if !is_decimal_float(&clean) {
        return None;
    }
    clean.parse::<f64>().ok()
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 99,
    }
}

/// What `int(s, base)` accepts (base 0 or 2..=36): surrounding whitespace,
/// an optional sign, a 0x/0o/0b prefix matching the base (base 0 infers it,
/// and rejects non-zero numbers with leading zeros), single underscores
/// between digits (and one after a prefix).  `None` means "invalid literal".
/// Digits of any script count.  (CPython 3.11's 4300-digit limit for
/// non-power-of-two bases is not enforced.)
pub fn parse_int_literal(s: &str, base: u32) -> Option<BigInt> {
    if base == 1 || base > 36 {
        return None;
    }
    let t = ascii_literal(s);
    let b = t.as_bytes();
    let mut i = 0;
    let mut negative = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        negative = b[i] == b'-';
        i += 1;
    }
    let mut base = base;
    let at = |k: usize| b.get(k).copied().unwrap_or(0).to_ascii_lowercase();
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' => 16,
                b'o' => 8,
                b'b' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1);
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return None;
    }
    let mut digits = Vec::with_capacity(b.len().saturating_sub(i));
    let mut prev = 0u8;
    while i < b.len() && (b[i] == b'_' || digit_value(b[i]) < base) {
        if b[i] == b'_' {
            if prev == b'_' {
                return None;
            }
        } else {
            digits.push(b[i]);
        }
        prev = b[i];
        i += 1;
    }
    if prev == b'_' || digits.is_empty() || i != b.len() {
        return None;
    }
    let magnitude = BigUint::parse_bytes(&digits, base)?;
    if error_if_nonzero && !magnitude.is_zero() {
        return None;
    }
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Some(BigInt::from_biguint(sign, magnitude))
}

// ---------------------------------------------------------------------------
// Tests (expected values come from CPython 3.11)
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const REPRS: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.5, "-1.5"),
        (0.1, "0.1"),
        (0.3333333333333333, "0.3333333333333333"),
        (1e+16, "1e+16"),
        (1000000000000000.0, "1000000000000000.0"),
        (9999999999999998.0, "9999999999999998.0"),
        (0.0001, "0.0001"),
        (1e-05, "1e-05"),
        (1.5e-05, "1.5e-05"),
        (123456789.0, "123456789.0"),
        (5e-324, "5e-324"),
        (1.7976931348623157e+308, "1.7976931348623157e+308"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (1e+22, "1e+22"),
        (1e+23, "1e+23"),
        (0.3, "0.3"),
        (1.152921504606847e+18, "1.152921504606847e+18"),
        (1300845872331343.2, "1300845872331343.2"),
        (-157136195109867.12, "-157136195109867.12"),
        (100.0, "100.0"),
        (1.2345678901234567e+19, "1.2345678901234567e+19"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
    ];
    const FLOATS: &[(f64, &str, &str)] = &[
        (1e+16, "", "1e+16"),
        (1.0, "", "1.0"),
        (1.5, ".3", "1.5"),
        (1234567.0, ".3", "1.23e+06"),
        (123.0, ".3", "1.23e+02"),
        (1.5, ".0", "2e+00"),
        (0.1, ".30f", "0.100000000000000005551115123126"),
        (
            1e+300,
            "f",
            "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000",
        ),
        (
            5e-324,
            ".1100f",
            "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000494065645841246544176568792868221372365059802614324764425585682500675507270208751865299836361635992379796564695445717730926656710355939796398774796010781878126300713190311404527845817167848982103688718636056998730723050006387409153564984387312473397273169615140031715385398074126238565591171026658556686768187039560310624931945271591492455329305456544401127480129709999541931989409080416563324524757147869014726780159355238611550134803526493472019379026810710749170333222684475333572083243193609238289345836806010601150616980975307834227731832924790498252473077637592724787465608477820373446969953364701797267771758512566055119913150489110145103786273816725095583738973359899366480994116420570263709027924276754456522908753868250641971826553344726562500000000000000000000000000",
        ),
        (5e-324, ".20e", "4.94065645841246544177e-324"),
        (1.0, "e", "1.000000e+00"),
        (1e+100, ".0e", "1e+100"),
        (1e+100, "e", "1.000000e+100"),
        (1.0, "#.0e", "1.e+00"),
        (2.5, ".0f", "2"),
        (0.5, ".0f", "0"),
        (1.5, ".0f", "2"),
        (0.125, ".2f", "0.12"),
        (0.375, ".2f", "0.38"),
        (2.675, ".2f", "2.67"),
        (0.0001, "g", "0.0001"),
        (1e-05, "g", "1e-05"),
        (123456.0, "g", "123456"),
        (1234567.0, "g", "1.23457e+06"),
        (1.0, "#g", "1.00000"),
        (1e-10, "#.3g", "1.00e-10"),
        (100.0, ".2g", "1e+02"),
        (0.0, "g", "0"),
        (-0.0, "g", "-0"),
        (1.5, "G", "1.5"),
        (1e+20, "G", "1E+20"),
        (0.5, "%", "50.000000%"),
        (0.123456, ".1%", "12.3%"),
        (-0.0, ".1f", "-0.0"),
        (-0.0, "z.1f", "0.0"),
        (-0.0001, ".2f", "-0.00"),
        (-0.0001, "z.2f", "0.00"),
        (-0.0, "z", "0.0"),
        (-1e-10, "z.3e", "-1.000e-10"),
        (-0.001, "z.1%", "-0.1%"),
        (f64::NAN, "", "nan"),
        (f64::NAN, "+", "+nan"),
        (f64::NAN, "", "nan"),
        (f64::INFINITY, "010", "0000000inf"),
        (f64::NEG_INFINITY, "=+08", "-0000inf"),
        (f64::INFINITY, "F", "INF"),
        (f64::NAN, "E", "NAN"),
        (f64::INFINITY, "<8", "inf     "),
        (f64::NAN, "^9", "   nan   "),
        (1234567.891, ",", "1,234,567.891"),
        (1234567.891, "_", "1_234_567.891"),
        (1234567.891, ",.2f", "1,234,567.89"),
        (1234.5, "015,.2f", "0,000,001,234.50"),
        (-1234.5, "015,.2f", "-000,001,234.50"),
        (1234.5, "0=+15_.1f", "+0_000_001_234.5"),
        (1e+20, ",.0f", "100,000,000,000,000,000,000"),
        (12345.678, ",e", "1.234568e+04"),
        (12345.678, ",g", "12,345.7"),
        (1000000.0, ",%", "100,000,000.000000%"),
        (4.14159, "*^12.3f", "***4.142****"),
        (4.14159, "€>12.3f", "€€€€€€€4.142"),
        (4.14159, "🎉<12.3f", "4.142🎉🎉🎉🎉🎉🎉🎉"),
        (4.14159, "+", "+4.14159"),
        (4.14159, " ", " 4.14159"),
        (-4.14159, " ", "-4.14159"),
        (4.14159, "=10", "   4.14159"),
        (4.14159, "010", "0004.14159"),
        (-4.14159, "010.2f", "-000004.14"),
        (4.14159, "x=10", "xxx4.14159"),
        (1234.5678, "n", "1234.57"),
        (1234.5678, ".2n", "1.2e+03"),
        (1e+16, "n", "1e+16"),
        (123.0, ".10", "123.0"),
        (1e-05, "", "1e-05"),
        (1e-05, ".1", "1e-05"),
        (0.0, "", "0.0"),
        (0.0, ".0", "0e+00"),
        (0.0, "#.0", "0.e+00"),
        (9.5, ".0e", "1e+01"),
        (9.99, ".1f", "10.0"),
        (9.96, ".1f", "10.0"),
        (1000000000000000.0, ".16g", "1000000000000000"),
        (9007199254740992.0, ".17g", "9007199254740992"),
    ];
    const INTS: &[(i64, &str, &str)] = &[
        (0, "", "0"),
        (-5, "", "-5"),
        (1234, "010,", "00,001,234"),
        (1234, "08,", "0,001,234"),
        (1234, "09,", "0,001,234"),
        (1234, "0=10,", "00,001,234"),
        (1234, "x=10,", "xxxxx1,234"),
        (1234, "<010,", "1,23400000"),
        (-1234, "010,", "-0,001,234"),
        (1234567, ",", "1,234,567"),
        (1234567, "_", "1_234_567"),
        (255, "b", "11111111"),
        (255, "#b", "0b11111111"),
        (255, "_b", "1111_1111"),
        (255, "#_b", "0b1111_1111"),
        (65535, "#_x", "0xffff"),
        (65535, "#X", "0XFFFF"),
        (-255, "#x", "-0xff"),
        (-255, "#010x", "-0x00000ff"),
        (-255, "#_o", "-0o377"),
        (255, "#o", "0o377"),
        (255, "09_b", "1111_1111"),
        (255, "#012_b", "0b0_1111_1111"),
        (65, "c", "A"),
        (8364, "c", "€"),
        (128137, "^5c", "  💉  "),
        (65, "05c", "0000A"),
        (65, "=5c", "    A"),
        (1234567, "n", "1234567"),
        (42, "+", "+42"),
        (42, " ", " 42"),
        (-42, " ", "-42"),
        (42, "-", "42"),
        (42, "+08", "+0000042"),
        (42, "*^9", "***42****"),
        (42, "=+8", "+     42"),
        (42, "<+8", "+42     "),
        (42, "e", "4.200000e+01"),
        (42, ".2f", "42.00"),
        (42, "%", "4200.000000%"),
        (1000000000000000000, "g", "1e+18"),
        (42, "G", "42"),
        (1, "10.0%", "      100%"),
        (123, "06.2f", "123.00"),
    ];
    const BIGS: &[(&str, &str, &str)] = &[
        (
            "1000000000000000000000000000000",
            ",",
            "1,000,000,000,000,000,000,000,000,000,000",
        ),
        (
            "-1000000000000000000000000000000",
            "_",
            "-1_000_000_000_000_000_000_000_000_000_000",
        ),
        (
            "1267650600228229401496703205376",
            "#x",
            "0x10000000000000000000000000",
        ),
        (
            "1267650600228229401496703205376",
            "_X",
            "10_0000_0000_0000_0000_0000_0000",
        ),
        (
            "-147808829414345923316083210206383297601",
            "+045,",
            "-147,808,829,414,345,923,316,083,210,206,383,297,601",
        ),
        (
            "89884656743115795386465259539451236680898848947115328636715040578866337902750481566354238661203768010560056939935696678829394884407208311246423715319737062188883946712432742638151109800623047059726541476042502884419075341171231440736956555270413618581675255342293149119973622969239858152417678164812112068608",
            "e",
            "8.988466e+307",
        ),
        (
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
            ".3e",
            "1.798e+308",
        ),
        (
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858367",
            ".17e",
            "1.79769313486231571e+308",
        ),
        ("18446744073709553664", "e", "1.844674e+19"),
        ("18446744073709553665", ".20e", "1.84467440737095557120e+19"),
        (
            "100000000000000000000000000000000000000000000000000",
            "",
            "100000000000000000000000000000000000000000000000000",
        ),
        (
            "-18446744073709551616",
            "b",
            "-10000000000000000000000000000000000000000000000000000000000000000",
        ),
    ];
    const STRS: &[(&str, &str, &str)] = &[
        ("abc", "", "abc"),
        ("abc", "5", "abc  "),
        ("abc", ">5", "  abc"),
        ("abc", "^6", " abc  "),
        ("abc", "*^7", "**abc**"),
        ("abc", ".2", "ab"),
        ("abc", "5.1", "a    "),
        ("héllo", ".3", "hél"),
        ("ab", "05", "ab000"),
        ("ab", "0>5", "000ab"),
        ("🎉", "3", "🎉  "),
        ("abc", "s", "abc"),
        ("abc", "€<6s", "abc€€€"),
        ("", "3", "   "),
        ("x", "^4", " x  "),
    ];
    const ERRS: &[(char, &str, &str, FormatErrorKind, &str)] = &[
        (
            'I',
            "1",
            "abc",
            FormatErrorKind::Value,
            "Invalid format specifier 'abc' for object of type 'int'",
        ),
        (
            'F',
            "1.5",
            "abc",
            FormatErrorKind::Value,
            "Invalid format specifier 'abc' for object of type 'float'",
        ),
        (
            'S',
            "s",
            "abc",
            FormatErrorKind::Value,
            "Invalid format specifier 'abc' for object of type 'str'",
        ),
        (
            'S',
            "s",
            " ",
            FormatErrorKind::Value,
            "Space not allowed in string format specifier",
        ),
        (
            'S',
            "s",
            "+",
            FormatErrorKind::Value,
            "Sign not allowed in string format specifier",
        ),
        (
            'S',
            "s",
            "z",
            FormatErrorKind::Value,
            "Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            'S',
            "s",
            "#",
            FormatErrorKind::Value,
            "Alternate form (#) not allowed in string format specifier",
        ),
        (
            'S',
            "s",
            "=",
            FormatErrorKind::Value,
            "'=' alignment not allowed in string format specifier",
        ),
        (
            'I',
            "1",
            ".2",
            FormatErrorKind::Value,
            "Precision not allowed in integer format specifier",
        ),
        (
            'I',
            "1",
            "z",
            FormatErrorKind::Value,
            "Negative zero coercion (z) not allowed in integer format specifier",
        ),
        (
            'I',
            "65",
            "+c",
            FormatErrorKind::Value,
            "Sign not allowed with integer format specifier 'c'",
        ),
        (
            'I',
            "65",
            "#c",
            FormatErrorKind::Value,
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ),
        (
            'I',
            "1",
            ",c",
            FormatErrorKind::Value,
            "Cannot specify ',' with 'c'.",
        ),
        (
            'I',
            "1",
            "_c",
            FormatErrorKind::Value,
            "Cannot specify '_' with 'c'.",
        ),
        (
            'I',
            "1",
            ",_",
            FormatErrorKind::Value,
            "Cannot specify both ',' and '_'.",
        ),
        (
            'I',
            "1",
            "_,",
            FormatErrorKind::Value,
            "Cannot specify both ',' and '_'.",
        ),
        (
            'I',
            "1",
            ",n",
            FormatErrorKind::Value,
            "Cannot specify ',' with 'n'.",
        ),
        (
            'I',
            "1",
            "_n",
            FormatErrorKind::Value,
            "Cannot specify '_' with 'n'.",
        ),
        (
            'F',
            "1.5",
            "d",
            FormatErrorKind::Value,
            "Unknown format code 'd' for object of type 'float'",
        ),
        (
            'I',
            "1",
            "\u{1}",
            FormatErrorKind::Value,
            "Unknown format code '\\x1' for object of type 'int'",
        ),
        (
            'I',
            "1",
            "é",
            FormatErrorKind::Value,
            "Unknown format code '\\xe9' for object of type 'int'",
        ),
        (
            'S',
            "s",
            ",",
            FormatErrorKind::Value,
            "Cannot specify ',' with 's'.",
        ),
        (
            'I',
            "1",
            ".",
            FormatErrorKind::Value,
            "Format specifier missing precision",
        ),
        (
            'I',
            "1",
            "99999999999999999999",
            FormatErrorKind::Value,
            "Too many decimal digits in format string",
        ),
        (
            'F',
            "1.5",
            ".99999999999999999999",
            FormatErrorKind::Value,
            "Too many decimal digits in format string",
        ),
        (
            'F',
            "1.5",
            ".3000000000f",
            FormatErrorKind::Value,
            "precision too big",
        ),
        (
            'I',
            "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "f",
            FormatErrorKind::Overflow,
            "int too large to convert to float",
        ),
        (
            'I',
            "-1",
            "c",
            FormatErrorKind::Overflow,
            "%c arg not in range(0x110000)",
        ),
        (
            'I',
            "1114112",
            "c",
            FormatErrorKind::Overflow,
            "%c arg not in range(0x110000)",
        ),
        (
            'I',
            "1180591620717411303424",
            "c",
            FormatErrorKind::Overflow,
            "Python int too large to convert to C long",
        ),
        (
            'I',
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "e",
            FormatErrorKind::Overflow,
            "int too large to convert to float",
        ),
        (
            'F',
            "1.5",
            "c",
            FormatErrorKind::Value,
            "Unknown format code 'c' for object of type 'float'",
        ),
        (
            'I',
            "1",
            "ns",
            FormatErrorKind::Value,
            "Invalid format specifier 'ns' for object of type 'int'",
        ),
        (
            'S',
            "s",
            "d",
            FormatErrorKind::Value,
            "Unknown format code 'd' for object of type 'str'",
        ),
        (
            'I',
            "1",
            ",,",
            FormatErrorKind::Value,
            "Cannot specify ',' with ','.",
        ),
        (
            'F',
            "1.0",
            "x",
            FormatErrorKind::Value,
            "Unknown format code 'x' for object of type 'float'",
        ),
        (
            'I',
            "1",
            "5 ",
            FormatErrorKind::Value,
            "Unknown format code '\\x20' for object of type 'int'",
        ),
        (
            'I',
            "1",
            ",s",
            FormatErrorKind::Value,
            "Cannot specify ',' with 's'.",
        ),
        (
            'F',
            "1.0",
            "_x",
            FormatErrorKind::Value,
            "Unknown format code 'x' for object of type 'float'",
        ),
    ];
    const PERCENT: &[(&str, char, &str, &str)] = &[
        ("%d", 'i', "42", "42"),
        ("%5d|", 'i', "42", "   42|"),
        ("%-5d|", 'i', "42", "42   |"),
        ("%05d", 'i', "-42", "-0042"),
        ("%+d", 'i', "42", "+42"),
        ("% d", 'i', "42", " 42"),
        ("%.5d", 'i', "-42", "-00042"),
        ("%x", 'i', "255", "ff"),
        ("%#x", 'i', "255", "0xff"),
        ("%#X", 'i', "255", "0XFF"),
        ("%#08x", 'i', "-255", "-0x000ff"),
        ("%+#10X", 'i', "255", "     +0XFF"),
        ("%o", 'i', "8", "10"),
        ("%#o", 'i', "-8", "-0o10"),
        ("%#08o", 'i', "8", "0o000010"),
        ("%#.5x", 'i', "255", "0x000ff"),
        ("%-05d|", 'i', "3", "3    |"),
        ("%ld", 'i', "7", "7"),
        ("%u", 'i', "-7", "-7"),
        ("%i", 'i', "7", "7"),
        ("%d", 'f', "3.7", "3"),
        ("%d", 'f', "-3.7", "-3"),
        ("%i", 'f', "1e+20", "100000000000000000000"),
        ("%f", 'f', "4.14159", "4.141590"),
        ("%.2f", 'f', "2.675", "2.67"),
        ("%e", 'f', "12345.678", "1.234568e+04"),
        ("%E", 'f', "1e-10", "1.000000E-10"),
        ("%g", 'f', "1e-05", "1e-05"),
        ("%G", 'f', "1e+20", "1E+20"),
        ("%#g", 'f', "1.0", "1.00000"),
        ("%#.0f", 'f', "2.0", "2."),
        ("%.0e", 'f', "2.5", "2e+00"),
        ("%10.3f|", 'f', "-4.14159", "    -4.142|"),
        ("%-10.3f|", 'f', "4.14159", "4.142     |"),
        ("%+010.3f", 'f', "4.14159", "+00004.142"),
        ("% .3f", 'f', "4.14159", " 4.142"),
        ("%f", 'f', "inf", "inf"),
        ("%F", 'f', "nan", "NAN"),
        ("%05f", 'f', "-inf", "-0inf"),
        ("%f", 'i', "42", "42.000000"),
        ("%e", 'i', "100000000000000000000", "1.000000e+20"),
        ("%s", 's', "abc", "abc"),
        ("%5s|", 's', "abc", "  abc|"),
        ("%-5s|", 's', "abc", "abc  |"),
        ("%.2s", 's', "abc", "ab"),
        ("%05s", 's', "ab", "   ab"),
        ("%+s", 's', "ab", "ab"),
        ("%s", 'i', "42", "42"),
        ("%s", 'f', "1.5", "1.5"),
        ("%c", 'i', "65", "A"),
        ("%c", 's', "é", "é"),
        ("%5c|", 'i', "8364", "    €|"),
        ("%-3c|", 's', "x", "x  |"),
        ("%05c", 'i', "65", "    A"),
        ("100%%", 'i', "0", "100%"),
        ("%(a)s", 'i', "5", "5"),
        ("%(a)05d", 'i', "5", "00005"),
    ];
    const PERCENT_ERRS: &[(&str, char, &str, FormatErrorKind, &str)] = &[
        (
            "%d",
            's',
            "a",
            FormatErrorKind::Type,
            "%d format: a real number is required, not str",
        ),
        (
            "%x",
            'f',
            "1.5",
            FormatErrorKind::Type,
            "%x format: an integer is required, not float",
        ),
        (
            "%X",
            's',
            "a",
            FormatErrorKind::Type,
            "%X format: an integer is required, not str",
        ),
        (
            "%d",
            'f',
            "inf",
            FormatErrorKind::Overflow,
            "cannot convert float infinity to integer",
        ),
        (
            "%d",
            'f',
            "nan",
            FormatErrorKind::Value,
            "cannot convert float NaN to integer",
        ),
        (
            "%e",
            'i',
            "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            FormatErrorKind::Overflow,
            "int too large to convert to float",
        ),
        (
            "%f",
            's',
            "a",
            FormatErrorKind::Type,
            "must be real number, not str",
        ),
        (
            "%c",
            'i',
            "1114112",
            FormatErrorKind::Overflow,
            "%c arg not in range(0x110000)",
        ),
        (
            "%c",
            'i',
            "-1",
            FormatErrorKind::Overflow,
            "%c arg not in range(0x110000)",
        ),
        (
            "%c",
            'f',
            "1.5",
            FormatErrorKind::Type,
            "%c requires int or char",
        ),
        (
            "%c",
            's',
            "ab",
            FormatErrorKind::Type,
            "%c requires int or char",
        ),
        (
            "%y",
            'i',
            "1",
            FormatErrorKind::Value,
            "unsupported format character 'y' (0x79) at index 1",
        ),
        (
            "%5%",
            'i',
            "1",
            FormatErrorKind::Value,
            "unsupported format character '%' (0x25) at index 2",
        ),
        (
            "%é",
            'i',
            "1",
            FormatErrorKind::Value,
            "unsupported format character '?' (0xe9) at index 1",
        ),
        (
            "%\u{1f}",
            'i',
            "1",
            FormatErrorKind::Value,
            "unsupported format character '\u{1f}' (0x1f) at index 1",
        ),
        (
            "ab%lld",
            'i',
            "1",
            FormatErrorKind::Value,
            "unsupported format character 'l' (0x6c) at index 4",
        ),
    ];
    const PERCENT_PARSE_ERRS: &[(&str, &str)] = &[
        ("%", "incomplete format"),
        ("ab%", "incomplete format"),
        ("%(a", "incomplete format key"),
        ("%(a)", "incomplete format"),
        ("%.", "incomplete format"),
        ("%.*", "incomplete format"),
        ("%l", "incomplete format"),
        ("%5", "incomplete format"),
        ("%-", "incomplete format"),
        ("%*", "incomplete format"),
        ("%99999999999999999999d", "width too big"),
        ("%.99999999999d", "precision too big"),
    ];
    const FORMAT_STRINGS: &[(&str, Result<&str, &str>)] = &[
        ("", Ok("")),
        ("abc", Ok("L:abc|")),
        ("{}", Ok("F:!:|")),
        (
            "{0} {name!r:>{width}} {{ }}",
            Ok("F:0!:|L: |F:name!r:>{width}|L: { }|"),
        ),
        ("{a[}]}", Ok("F:a[}]!:|")),
        ("{x[1].y!s}", Ok("F:x[1].y!s:|")),
        ("{:{}{}}", Ok("F:!:{}{}|")),
        ("{!r:}", Ok("F:!r:|")),
        ("a{{b}}c", Ok("L:a{b}c|")),
        ("{0:{1:{2}}}", Ok("F:0!:{1:{2}}|")),
        ("{:}}", Err("Single '}' encountered in format string")),
        ("{a[]}", Ok("F:a[]!:|")),
        ("{0!a}", Ok("F:0!a:|")),
        ("{:%Y-%m}", Ok("F:!:%Y-%m|")),
        ("}}{{", Ok("L:}{|")),
        ("{!r", Err("unmatched '{' in format spec")),
        ("{!}", Err("unmatched '{' in format spec")),
        (
            "{!",
            Err("end of string while looking for conversion specifier"),
        ),
        ("{:", Err("unmatched '{' in format spec")),
        ("{0!r:", Err("unmatched '{' in format spec")),
        ("{0!rx}", Err("expected ':' after conversion specifier")),
        ("{a[}", Err("expected '}' before end of string")),
        ("{a{", Err("unexpected '{' in field name")),
        ("x}", Err("Single '}' encountered in format string")),
        ("}}{", Err("Single '{' encountered in format string")),
        ("{}}", Err("Single '}' encountered in format string")),
        ("{0:{{}}", Err("unmatched '{' in format spec")),
        ("{0!}", Err("unmatched '{' in format spec")),
        ("{", Err("Single '{' encountered in format string")),
        ("}", Err("Single '}' encountered in format string")),
        ("a{b", Err("expected '}' before end of string")),
    ];
    const FLOAT_LITERALS: &[(&str, Option<f64>)] = &[
        ("1.5", Some(1.5)),
        (" 1.5 ", Some(1.5)),
        ("\t-2e3\n", Some(-2000.0)),
        ("1_000.5", Some(1000.5)),
        ("1__0", None),
        ("_1", None),
        ("1_", None),
        ("1_e5", None),
        ("1e_5", None),
        ("1e5_0", Some(1e+50)),
        ("", None),
        (" ", None),
        (".5", Some(0.5)),
        ("5.", Some(5.0)),
        (".", None),
        ("e5", None),
        ("1e", None),
        ("1e+", None),
        ("+inf", Some(f64::INFINITY)),
        ("-Infinity", Some(f64::NEG_INFINITY)),
        ("nan", Some(f64::NAN)),
        ("-NaN", Some(f64::NAN)),
        ("infinit", None),
        ("in_f", None),
        ("0x10", None),
        ("1e500", Some(f64::INFINITY)),
        ("-1e-500", Some(-0.0)),
        ("١٢.5", Some(12.5)),
        (" 1.5 ", Some(1.5)),
        ("1\u{1c}", None),
        ("1.5e-3", Some(0.0015)),
        ("+.5e+2", Some(50.0)),
        ("++1", None),
        ("1.5.2", None),
        ("١_٢", Some(12.0)),
        ("0_0.0_0", Some(0.0)),
        ("i", None),
        (
            "12345678901234567890123456789e-10",
            Some(1.2345678901234568e+18),
        ),
    ];
    const INT_LITERALS: &[(&str, u32, Option<&str>)] = &[
        ("12", 10, Some("12")),
        (" -12 ", 10, Some("-12")),
        ("+0x1f", 16, Some("31")),
        ("0x1f", 0, Some("31")),
        ("0x1f", 10, None),
        ("0o17", 0, Some("15")),
        ("0b101", 0, Some("5")),
        ("0B_101", 0, Some("5")),
        ("010", 0, None),
        ("000", 0, Some("0")),
        ("0_0", 0, Some("0")),
        ("00", 0, Some("0")),
        ("1_000", 10, Some("1000")),
        ("1__0", 10, None),
        ("_1", 10, None),
        ("1_", 10, None),
        ("0x_1f", 16, Some("31")),
        ("0x__1f", 16, None),
        ("z", 36, Some("35")),
        ("Z", 36, Some("35")),
        ("z", 35, None),
        ("", 10, None),
        ("-", 10, None),
        ("- 1", 10, None),
        ("12", 2, None),
        ("101", 2, Some("5")),
        ("١٢", 10, Some("12")),
        ("１２", 16, Some("18")),
        ("1 2", 10, None),
        ("0x", 16, None),
        (
            "123456789012345678901234567890",
            10,
            Some("123456789012345678901234567890"),
        ),
        ("7", 8, Some("7")),
        ("0o7", 8, Some("7")),
        ("0o7", 10, None),
        ("1\u{1c}", 10, None),
    ];

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    fn arg_of<'a>(t: char, v: &'a str, b: &'a BigInt) -> FormatArg<'a> {
        match t {
            'f' | 'F' => FormatArg::Float(v.parse().unwrap()),
            'i' | 'I' => FormatArg::Int(b),
            _ => FormatArg::Str(v),
        }
    }

    /// Formats a `%` string holding one argument, as an interpreter would.
    fn percent(fmt: &str, arg: FormatArg) -> Result<String, FormatError> {
        let mut out = String::new();
        for piece in parse_percent(fmt)? {
            match piece {
                PercentPiece::Literal(l) => out.push_str(&l),
                PercentPiece::Spec(s) => {
                    let fixed = |c: Option<Count>| match c {
                        Some(Count::Fixed(n)) => Some(n),
                        _ => None,
                    };
                    out.push_str(&format_percent_spec(
                        &s,
                        fixed(s.width),
                        fixed(s.precision),
                        arg,
                    )?);
                }
            }
        }
        Ok(out)
    }

    #[test]
    fn repr_matches_cpython() {
        for &(x, want) in REPRS {
            assert_eq!(float_repr(x), want, "repr({:?})", x);
        }
    }

    #[test]
    fn float_specs_match_cpython() {
        for &(x, spec, want) in FLOATS {
            let got = format_spec(FormatArg::Float(x), spec);
            assert_eq!(got.as_deref(), Ok(want), "format({:?}, {:?})", x, spec);
        }
    }

    #[test]
    fn int_specs_match_cpython() {
        for &(v, spec, want) in INTS {
            assert_eq!(
                format_i64(v, spec).as_deref(),
                Ok(want),
                "format({}, {:?})",
                v,
                spec
            );
            let b = BigInt::from(v);
            let got = format_spec(FormatArg::Int(&b), spec);
            assert_eq!(got.as_deref(), Ok(want), "format(big {}, {:?})", v, spec);
        }
        for &(v, spec, want) in BIGS {
            let b = big(v);
            let got = format_spec(FormatArg::Int(&b), spec);
            assert_eq!(got.as_deref(), Ok(want), "format({}, {:?})", v, spec);
        }
    }

    #[test]
    fn str_specs_match_cpython() {
        for &(v, spec, want) in STRS {
            let got = format_spec(FormatArg::Str(v), spec);
            assert_eq!(got.as_deref(), Ok(want), "format({:?}, {:?})", v, spec);
        }
    }

    #[test]
    fn spec_errors_match_cpython() {
        for &(t, v, spec, kind, msg) in ERRS {
            let b = if t == 'I' { big(v) } else { BigInt::zero() };
            let err = format_spec(arg_of(t, v, &b), spec).unwrap_err();
            assert_eq!(
                (err.kind, err.msg.as_str()),
                (kind, msg),
                "format({}, {:?})",
                v,
                spec
            );
        }
    }

    #[test]
    fn huge_ints_format() {
        let b = BigInt::from(10).pow(5000u32) - 1;
        let s = format_spec(FormatArg::Int(&b), ",").unwrap();
        assert_eq!(s.len(), 5000 + 1666);
        assert!(s.starts_with("99,999,") && s.ends_with(",999"));
        let s = format_spec(FormatArg::Int(&b), "x").unwrap();
        assert_eq!(BigInt::parse_bytes(s.as_bytes(), 16), Some(b));
    }

    #[test]
    fn absurd_counts_are_refused() {
        let e = format_i64(1, "1000000000").unwrap_err();
        assert_eq!(e.msg, "Too many decimal digits in format string");
        let e = format_spec(FormatArg::Float(1.0), ".1000000000f").unwrap_err();
        assert_eq!(e.msg, "precision too big");
        // Large but sane precisions work beyond Rust's own 65535 limit.
        let s = format_spec(FormatArg::Float(0.5), ".70000f").unwrap();
        assert_eq!(s.len(), 70002);
        assert!(s.starts_with("0.5000"));
        // A string's precision only truncates.
        assert_eq!(
            format_spec(FormatArg::Str("ab"), ".99999999999").unwrap(),
            "ab"
        );
    }

    #[test]
    fn percent_matches_cpython() {
        for &(fmt, t, v, want) in PERCENT {
            let b = if t == 'i' { big(v) } else { BigInt::zero() };
            assert_eq!(
                percent(fmt, arg_of(t, v, &b)).as_deref(),
                Ok(want),
                "{:?} % {}",
                fmt,
                v
            );
        }
        for &(fmt, t, v, kind, msg) in PERCENT_ERRS {
            let b = if t == 'i' { big(v) } else { BigInt::zero() };
            let err = percent(fmt, arg_of(t, v, &b)).unwrap_err();
            assert_eq!(
                (err.kind, err.msg.as_str()),
                (kind, msg),
                "{:?} % {}",
                fmt,
                v
            );
        }
        for &(fmt, msg) in PERCENT_PARSE_ERRS {
            assert_eq!(parse_percent(fmt).unwrap_err().msg, msg, "{:?}", fmt);
        }
    }

    #[test]
    fn percent_parse_structure() {
        let pieces = parse_percent("a%(k)-+ #012.*lf%%b%*s").unwrap();
        let spec = PercentSpec {
            key: Some("k".into()),
            flags: PercentFlags {
                ljust: true,
                sign: true,
                blank: true,
                alt: true,
                zero: true,
            },
            width: Some(Count::Fixed(12)),
            precision: Some(Count::Star),
            conv: 'f',
            index: 15,
        };
        let spec2 = PercentSpec {
            key: None,
            flags: PercentFlags::default(),
            width: Some(Count::Star),
            precision: None,
            conv: 's',
            index: 21,
        };
        assert_eq!(
            pieces,
            vec![
                PercentPiece::Literal("a".into()),
                PercentPiece::Spec(spec),
                PercentPiece::Literal("%b".into()),
                PercentPiece::Spec(spec2.clone()),
            ]
        );
        // Negative `*` width left-justifies; negative precision is 0.
        let s = format_percent_spec_signed(&spec2, Some(-5), None, FormatArg::Str("ab")).unwrap();
        assert_eq!(s, "ab   ");
        // Lenient parsing keeps what came before a structural error.
        let (pieces, err) = parse_percent_lenient("%d %y %");
        assert_eq!(pieces.len(), 4);
        assert_eq!(err.unwrap().msg, "incomplete format");
    }

    fn pieces_text(pieces: &[FormatPiece]) -> String {
        let mut s = String::new();
        for p in pieces {
            match p {
                FormatPiece::Literal(l) => s.push_str(&format!("L:{}|", l)),
                FormatPiece::Field {
                    name,
                    conversion,
                    spec,
                } => {
                    let conv = conversion.map(String::from).unwrap_or_default();
                    s.push_str(&format!("F:{}!{}:{}|", name, conv, spec));
                }
            }
        }
        s
    }

    #[test]
    fn format_strings_match_cpython() {
        for &(f, want) in FORMAT_STRINGS {
            let got = parse_format_string(f).map(|p| pieces_text(&p));
            let got = got.as_deref().map_err(|e| e.msg.as_str());
            assert_eq!(got, want, "{:?}", f);
        }
    }

    #[test]
    fn field_names_and_conversions() {
        assert_eq!(parse_field_name("").unwrap(), (FieldKey::Auto, vec![]));
        assert_eq!(
            parse_field_name("0.attr[key][3]").unwrap(),
            (
                FieldKey::Index(0),
                vec![
                    FieldAccessor::Attr("attr".into()),
                    FieldAccessor::Key("key".into()),
                    FieldAccessor::Index(3),
                ]
            )
        );
        assert_eq!(parse_field_name("\u{661}").unwrap().0, FieldKey::Index(1));
        assert_eq!(
            parse_field_name("name").unwrap().0,
            FieldKey::Name("name".into())
        );
        let msg = |s: &str| parse_field_name(s).unwrap_err().msg;
        assert_eq!(msg("a."), "Empty attribute in format string");
        assert_eq!(msg("a[]"), "Empty attribute in format string");
        assert_eq!(msg("a[0"), "Missing ']' in format string");
        assert_eq!(
            msg("a[0]x"),
            "Only '.' or '[' may follow ']' in format field specifier"
        );
        assert_eq!(
            msg("99999999999999999999"),
            "Too many decimal digits in format string"
        );
        assert!(check_conversion('r').is_ok());
        assert_eq!(
            check_conversion('x').unwrap_err().msg,
            "Unknown conversion specifier x"
        );
        assert_eq!(
            check_conversion('\n').unwrap_err().msg,
            "Unknown conversion specifier \\xa"
        );
        let mut auto = AutoNumber::new();
        assert_eq!(auto.resolve(&FieldKey::Auto).unwrap(), Some(0));
        assert_eq!(auto.resolve(&FieldKey::Auto).unwrap(), Some(1));
        assert_eq!(
            auto.resolve(&FieldKey::Index(0)).unwrap_err().msg,
            "cannot switch from automatic field numbering to manual field specification"
        );
    }

    #[test]
    fn literals_match_cpython() {
        for &(s, want) in FLOAT_LITERALS {
            let got = parse_float_literal(s);
            match (got, want) {
                (Some(g), Some(w)) if w.is_nan() => assert!(g.is_nan(), "float({:?})", s),
                _ => assert_eq!(
                    got.map(f64::to_bits),
                    want.map(f64::to_bits),
                    "float({:?})",
                    s
                ),
            }
        }
        for &(s, base, want) in INT_LITERALS {
            let got = parse_int_literal(s, base).map(|v| v.to_string());
            assert_eq!(got.as_deref(), want, "int({:?}, {})", s, base);
        }
    }

    #[test]
    fn bigint_to_f64_rounds_half_even() {
        let two = BigInt::from(2);
        let p = |e: u32| two.pow(e);
        assert_eq!(
            bigint_to_f64(&(p(64) + p(11))),
            Some(18446744073709551616.0)
        );
        assert_eq!(
            bigint_to_f64(&(p(64) + p(11) + 1)),
            Some(18446744073709555712.0)
        );
        assert_eq!(bigint_to_f64(&(p(1024) - p(971))), Some(f64::MAX));
        assert_eq!(bigint_to_f64(&(p(1024) - p(970))), None);
        assert_eq!(bigint_to_f64(&-(p(1023))), Some(-(2f64.powi(1023))));
    }

    /// xorshift64*: a tiny deterministic generator for the fuzz tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn pick(&mut self, chars: &[char]) -> char {
            chars[(self.next() % chars.len() as u64) as usize]
        }
        fn text(&mut self, chars: &[char], max: u64) -> String {
            let n = self.next() % (max + 1);
            (0..n).map(|_| self.pick(chars)).collect()
        }
    }

    #[test]
    fn fuzz_never_panics() {
        let spec_chars: Vec<char> = "<>=^+- z#0123456789,_.bcdeEfFgGnosxX%é\u{661}{}!:[]()*lh\u{0}"
            .chars()
            .collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let b = BigInt::parse_bytes(b"-123456789012345678901234567890", 10).unwrap();
        let floats = [
            0.0,
            -0.0,
            1.5,
            -2.5e-300,
            1e300,
            f64::NAN,
            f64::INFINITY,
            5e-324,
        ];
        for _ in 0..20000 {
            let spec = rng.text(&spec_chars, 10);
            let x = floats[(rng.next() % floats.len() as u64) as usize];
            let v = rng.next() as i64;
            let _ = format_spec(FormatArg::Float(x), &spec);
            let _ = format_spec(FormatArg::Int(&b), &spec);
            let _ = format_i64(v, &spec);
            let _ = format_spec(FormatArg::Str("héllo"), &spec);
            let fmt = format!("%{}", spec);
            if let Ok(pieces) = parse_percent(&fmt) {
                for p in pieces {
                    if let PercentPiece::Spec(s) = p {
                        let w = Some((rng.next() % 50) as i64 - 25);
                        let _ = format_percent_spec_signed(&s, w, w, FormatArg::Float(x));
                        let _ = format_percent_spec_signed(&s, w, w, FormatArg::Int(&b));
                        let _ = format_percent_spec_signed(&s, w, w, FormatArg::Str("é"));
                    }
                }
            }
            let _ = parse_percent_lenient(&spec);
            if let Ok(pieces) = parse_format_string(&spec) {
                for p in pieces {
                    if let FormatPiece::Field { name, .. } = p {
                        let _ = parse_field_name(&name);
                    }
                }
            }
            let _ = parse_float_literal(&spec);
            let _ = parse_int_literal(&spec, (rng.next() % 38) as u32);
        }
    }
}
