//! What `float(str)` and `int(str, base)` accept, and the Unicode decimal
//! digits they (and `str.isdecimal`) know.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::Zero;

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
