//! Methods of `int` (and `bool`) and `float`, and the class methods
//! `int.from_bytes` and `float.fromhex`.

use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use num_traits::{One, Zero};

use super::{ssize_arg, wrong_receiver};
use crate::vm::error::*;
use crate::vm::objects::{Args, BuiltinFn, BytesObj, MethodDef};
use crate::vm::{Value, Vm, iter, ops};

pub(super) static INT_METHODS: &[MethodDef] = methods!("int";
    "bit_length" => bit_length,
    "bit_count" => bit_count,
    "to_bytes" => to_bytes,
    "conjugate" => int_conjugate,
    "as_integer_ratio" => int_as_integer_ratio,
    "from_bytes" => from_bytes_method,
);

pub(super) static FLOAT_METHODS: &[MethodDef] = methods!("float";
    "is_integer" => is_integer,
    "as_integer_ratio" => float_as_integer_ratio,
    "hex" => float_hex,
    "conjugate" => float_conjugate,
    "fromhex" => fromhex_method,
);

/// `int.from_bytes` on the type.
pub(super) static FROM_BYTES: BuiltinFn = BuiltinFn {
    name: "from_bytes",
    func: from_bytes,
};

/// `float.fromhex` on the type.
pub(super) static FROMHEX: BuiltinFn = BuiltinFn {
    name: "fromhex",
    func: fromhex,
};

/// `int.from_bytes` looked up as an unbound method (the "receiver" is the
/// first argument).
pub(super) static FROM_BYTES_ON_TYPE: MethodDef = MethodDef {
    name: "from_bytes",
    owner: "int",
    func: from_bytes_on_type,
    fast: None,
};

/// `float.fromhex` looked up as an unbound method.
pub(super) static FROMHEX_ON_TYPE: MethodDef = MethodDef {
    name: "fromhex",
    owner: "float",
    func: fromhex_on_type,
    fast: None,
};

fn from_bytes_on_type(vm: &mut Vm, first: &Value, args: Args) -> PyResult<Value> {
    let mut args = args;
    args.pos.insert(0, first.clone());
    from_bytes(vm, args)
}

fn fromhex_on_type(vm: &mut Vm, first: &Value, args: Args) -> PyResult<Value> {
    let mut args = args;
    args.pos.insert(0, first.clone());
    fromhex(vm, args)
}

// ---------------------------------------------------------------------- int

/// The receiver as an int (a bool counts as its int value).
fn int_this(v: &Value, name: &str) -> PyResult<BigInt> {
    ops::to_bigint(v).ok_or_else(|| wrong_receiver(name, "int", v))
}

/// The receiver as a plain int value (`True.conjugate()` is `1`).
fn int_value(v: &Value, name: &str) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        other => Err(wrong_receiver(name, "int", other)),
    }
}

fn bit_length(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    args.no_args("int.bit_length")?;
    Ok(Value::Int(match v {
        Value::Int(i) => 64 - i.unsigned_abs().leading_zeros() as i64,
        Value::Bool(b) => *b as i64,
        _ => int_this(v, "bit_length")?.bits() as i64,
    }))
}

fn bit_count(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    args.no_args("int.bit_count")?;
    Ok(Value::Int(match v {
        Value::Int(i) => i.unsigned_abs().count_ones() as i64,
        Value::Bool(b) => *b as i64,
        _ => int_this(v, "bit_count")?.magnitude().count_ones() as i64,
    }))
}

fn int_conjugate(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    args.no_args("int.conjugate")?;
    int_value(v, "conjugate")
}

fn int_as_integer_ratio(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    args.no_args("int.as_integer_ratio")?;
    let n = int_value(v, "as_integer_ratio")?;
    Ok(Value::tuple(vec![n, Value::Int(1)]))
}

/// The `byteorder` argument: `true` for big-endian.
fn byteorder_arg(fname: &str, v: &Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(Value::Str(s)) => match s.as_str() {
            "big" => Ok(true),
            "little" => Ok(false),
            _ => Err(value_error("byteorder must be either 'little' or 'big'")),
        },
        Some(other) => Err(type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {}",
            super::clinic_type_name(other)
        ))),
    }
}

fn to_bytes(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let n = int_this(v, "to_bytes")?;
    let [length, order, signed] =
        args.kwparse("to_bytes", ["length", "byteorder", "signed"], 0, 2)?;
    let length = match &length {
        Some(l) => ssize_arg(l)?,
        None => 1,
    };
    if length < 0 {
        return Err(value_error("length argument must be non-negative"));
    }
    let big_endian = byteorder_arg("to_bytes", &order)?;
    let signed = signed.as_ref().is_some_and(ops::truthy);
    if !signed && n.sign() == Sign::Minus {
        return Err(overflow_error("can't convert negative int to unsigned"));
    }
    let length = length as usize;
    // Minimal big-endian representation (empty for zero).
    let mut digits = if n.is_zero() {
        Vec::new()
    } else if signed {
        n.to_signed_bytes_be()
    } else {
        n.magnitude().to_bytes_be()
    };
    if digits.len() > length {
        return Err(overflow_error("int too big to convert"));
    }
    check_alloc(length, 1)?;
    let fill = if n.sign() == Sign::Minus { 0xFF } else { 0 };
    let mut out = vec![fill; length - digits.len()];
    out.append(&mut digits);
    if !big_endian {
        out.reverse();
    }
    Ok(Value::Bytes(Arc::new(BytesObj {
        data: out.into_boxed_slice(),
    })))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn from_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [data, order, signed] =
        args.kwparse("from_bytes", ["bytes", "byteorder", "signed"], 1, 2)?;
    let data = data.unwrap_or(Value::None);
    let mut bytes: Vec<u8> = match &data {
        Value::Bytes(b) => b.data.to_vec(),
        Value::List(_) | Value::Tuple(_) | Value::Iter(_) | Value::Range(_) => {
            let items = iter::collect(vm, &data)?;
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                let b = ops::index_of(item)?;
                if !(0..256).contains(&b) {
                    return Err(value_error("bytes must be in range(0, 256)"));
                }
                out.push(b as u8);
            }
            out
        }
        other => {
            return Err(type_error(format!(
                "cannot convert '{}' object to bytes",
                other.type_name()
            )));
        }
    };
    let big_endian = byteorder_arg("from_bytes", &order)?;
    let signed = signed.as_ref().is_some_and(ops::truthy);
    if !big_endian {
        bytes.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_be(&bytes)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &bytes)
    };
    Ok(Value::from_bigint(n))
}

fn from_bytes_method(vm: &mut Vm, _v: &Value, args: Args) -> PyResult<Value> {
    from_bytes(vm, args)
}

// -------------------------------------------------------------------- float

fn float_this(v: &Value, name: &str) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f.get()),
        other => Err(wrong_receiver(name, "float", other)),
    }
}

fn is_integer(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let f = float_this(v, "is_integer")?;
    args.no_args("float.is_integer")?;
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn float_conjugate(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let f = float_this(v, "conjugate")?;
    args.no_args("float.conjugate")?;
    Ok(Value::float(f))
}

/// `(mantissa, exponent)` with `f == mantissa * 2**exponent` and the
/// mantissa odd (or zero).
fn decompose(f: f64) -> (i64, i32) {
    if f == 0.0 {
        return (0, 0);
    }
    let bits = f.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i64;
    let (mut m, mut e) = if exp_field == 0 {
        (frac, -1074)
    } else {
        (frac | (1i64 << 52), exp_field - 1075)
    };
    let tz = m.trailing_zeros() as i32;
    m >>= tz;
    e += tz;
    if f < 0.0 {
        m = -m;
    }
    (m, e)
}

fn float_as_integer_ratio(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let f = float_this(v, "as_integer_ratio")?;
    args.no_args("float.as_integer_ratio")?;
    if f.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let (m, e) = decompose(f);
    let (num, den) = if e >= 0 {
        (BigInt::from(m) << (e as usize), BigInt::one())
    } else {
        (BigInt::from(m), BigInt::one() << ((-e) as usize))
    };
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

/// `float.hex()`.
pub(super) fn hex_of(f: f64) -> String {
    if f.is_nan() || f.is_infinite() {
        return crate::vm::format::float_repr(f);
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if exp_field == 0 {
        (0, -1022)
    } else {
        (1, exp_field - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.abs())
}

fn float_hex(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let f = float_this(v, "hex")?;
    args.no_args("float.hex")?;
    Ok(Value::str(hex_of(f)))
}

/// `m * 2**e` rounded to the nearest float (ties to even), or `None` when
/// it overflows.
fn scale_to_f64(m: &BigInt, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let bits = m.bits() as i64;
    let top = bits - 1 + e;
    if top > 1023 {
        return None;
    }
    // Significant bits available at this magnitude (fewer for subnormals).
    let prec = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let shift = bits - prec.max(0);
    let (mant, exp) = if shift > 0 {
        let s = shift as usize;
        let q: BigInt = m >> s;
        let rem: BigInt = m - (&q << s);
        let half = BigInt::one() << (s - 1);
        let round_up = rem > half || (rem == half && (&q & BigInt::one()) == BigInt::one());
        (if round_up { q + 1 } else { q }, e + shift)
    } else {
        (m.clone(), e)
    };
    let mant = crate::vm::format::bigint_to_f64(&mant)?;
    // Multiply by 2**exp in steps that cannot overflow or underflow early.
    let mut x = mant;
    let mut exp = exp;
    while exp > 0 {
        let step = exp.min(1000);
        x *= 2f64.powi(step as i32);
        exp -= step;
    }
    while exp < 0 {
        let step = (-exp).min(1000);
        x /= 2f64.powi(step as i32);
        exp += step;
    }
    x.is_finite().then_some(x)
}

/// Parse `float.fromhex`'s argument.
fn parse_hex_float(s: &str) -> PyResult<f64> {
    let invalid = || value_error("invalid hexadecimal floating-point string");
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Ok(if neg { -x } else { x });
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (digits, exp_text) = match body.find('p') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match digits.find('.') {
        Some(i) => (&digits[..i], &digits[i + 1..]),
        None => (digits, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let mut m = BigInt::zero();
    for c in int_part.chars().chain(frac_part.chars()) {
        let d = c.to_digit(16).ok_or_else(invalid)?;
        m = (m << 4usize) + d;
    }
    let mut e: i64 = -4 * frac_part.len() as i64;
    if let Some(x) = exp_text {
        let (eneg, digits) = match x.as_bytes().first() {
            Some(b'-') => (true, &x[1..]),
            Some(b'+') => (false, &x[1..]),
            _ => (false, x),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        // Clamp absurd exponents; the value is then 0 or an overflow.
        let v: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
        e += if eneg { -v } else { v };
    }
    let x = scale_to_f64(&m, e).ok_or_else(|| {
        new_exc(
            ExcKind::OverflowError,
            "hexadecimal value too large to represent as a float".to_string(),
        )
    })?;
    Ok(if neg { -x } else { x })
}

/// `float.fromhex(s)`.
fn fromhex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.one("float.fromhex")?;
    match &pos {
        Value::Str(s) => Ok(Value::float(parse_hex_float(s.as_str())?)),
        other => Err(type_error(format!(
            "bad argument type for built-in operation: '{}'",
            other.type_name()
        ))),
    }
}

fn fromhex_method(vm: &mut Vm, _v: &Value, args: Args) -> PyResult<Value> {
    fromhex(vm, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_format() {
        assert_eq!(hex_of(1.0), "0x1.0000000000000p+0");
        assert_eq!(hex_of(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(hex_of(0.0), "0x0.0p+0");
        assert_eq!(hex_of(-0.0), "-0x0.0p+0");
        assert_eq!(hex_of(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(hex_of(-1e300), "-0x1.7e43c8800759cp+996");
    }

    #[test]
    fn hex_parse_roundtrip() {
        for x in [
            1.0,
            -0.1,
            5e-324,
            1e300,
            3.0,
            2.2250738585072014e-308,
            0.1 + 0.2,
        ] {
            assert_eq!(parse_hex_float(&hex_of(x)).ok(), Some(x));
        }
        assert_eq!(parse_hex_float("0x1.8p1").ok(), Some(3.0));
        assert_eq!(parse_hex_float(" -0x1p-2 ").ok(), Some(-0.25));
        assert!(parse_hex_float("x").is_err());
        assert!(parse_hex_float("0x1p2000").is_err());
    }

    #[test]
    fn ratio() {
        assert_eq!(decompose(0.5), (1, -1));
        assert_eq!(decompose(-2.75), (-11, -2));
        assert_eq!(decompose(6.0), (3, 1));
    }
}
