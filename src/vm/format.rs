//! Python-compatible text formatting, matching CPython 3.11 output: the
//! text engines (pure functions of numbers and strings, with `FormatError`s
//! carrying CPython's exception type and message) and the three ways Python
//! formats values, which connect `Value`s to them.
//!
//! * `float_repr` — `repr(float)` (shortest round-trip digits) and the float
//!   layout the other pieces share;
//! * `spec` — `format(value, spec)` and f-string fields: the whole
//!   format-spec mini-language for `int`, `float` and `str`;
//! * `percent` — printf-style `%` formatting;
//! * `str_format` — `str.format`;
//! * `literal` — what `float(str)` and `int(str, base)` accept.
//!
//! The float code leans on Rust's `{:e}` (shortest round-trip digits) and
//! `{:.N}` / `{:.Ne}` (exact, round-half-even) formatting, then lays the
//! digits out exactly like CPython's `format_float_short`.  The padding and
//! grouping code is a port of CPython's `calc_number_widths`,
//! `fill_number` and `_PyUnicode_InsertThousandsGrouping`.
//!
//! Nothing here panics on any input; absurd widths and precisions (above
//! `MAX_FORMAT_COUNT`) give a `ValueError` instead of allocating gigabytes.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::ToPrimitive;
use std::fmt;

use super::error::*;

mod float_repr;
mod literal;
mod percent;
mod spec;
mod str_format;
#[cfg(test)]
mod tests;

pub use float_repr::float_repr;
pub use literal::{decimal_digit_value, parse_float_literal, parse_int_literal};
pub use percent::percent_format;
pub use spec::{format_value, format_with_spec};
pub use str_format::str_format;

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

/// A `FormatError` as the Python exception it stands for.
fn fmt_err(e: FormatError) -> PyErr {
    match e.kind {
        FormatErrorKind::Value => value_error(e.msg),
        FormatErrorKind::Type => type_error(e.msg),
        FormatErrorKind::Overflow => overflow_error(e.msg),
    }
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
