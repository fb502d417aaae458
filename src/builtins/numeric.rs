//! Numeric builtins: `sum min max abs round divmod pow hex bin oct chr ord`.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::vm::args::clinic_count;
use crate::vm::error::*;
use crate::vm::iter::{self, get_iter};
use crate::vm::objects::Args;
use crate::vm::ops::{self, Num};
use crate::vm::{Value, Vm};

fn not_an_integer(v: &Value) -> PyErr {
    type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        v.type_name()
    ))
}

/// An int (or bool) argument as a big integer, else CPython's TypeError.
fn int_arg(v: &Value) -> PyResult<BigInt> {
    ops::to_bigint(v).ok_or_else(|| not_an_integer(v))
}

// --------------------------------------------------------------------- sum

/// `sum(iterable, /, start=0)`: left-to-right `+` (plain float addition, as
/// CPython 3.11 does), with fast paths for ints and floats.
pub fn builtin_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.bind_params("sum", &["iterable", "start"], 1, 1)?;
    let mut p = p.into_iter();
    let iterable = p.next().flatten().unwrap_or(Value::None);
    let start = p.next().flatten().unwrap_or(Value::Int(0));
    match &start {
        Value::Str(_) => {
            return Err(type_error(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ));
        }
        Value::Bytes(_) => {
            return Err(type_error(
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ));
        }
        _ => {}
    }
    let it = get_iter(&iterable)?;
    let mut acc = start;
    while let Some(x) = iter::next(vm, &it)? {
        acc = match (&acc, &x) {
            (Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(s) => Value::Int(s),
                None => ops::binary_op(crate::syntax::ops::BinOp::Add, &acc, &x)?,
            },
            (Value::Float(a), Value::Float(b)) => Value::float(a.get() + b.get()),
            (Value::Float(a), Value::Int(b)) => Value::float(a.get() + *b as f64),
            _ => ops::binary_op(crate::syntax::ops::BinOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}

// ----------------------------------------------------------------- min/max

fn min_max(vm: &mut Vm, mut args: Args, name: &str, is_max: bool) -> PyResult<Value> {
    let npos = args.pos.len();
    if npos == 0 {
        return Err(type_error(format!(
            "{name} expected at least 1 argument, got 0"
        )));
    }
    let kw = args.take_kwonly(name, &["key", "default"])?;
    let mut kw = kw.into_iter();
    let key = kw.next().flatten().filter(|k| !k.is_none());
    let default = kw.next().flatten();
    if npos > 1 && default.is_some() {
        return Err(type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let (op, want) = if is_max {
        (">", Ordering::Greater)
    } else {
        ("<", Ordering::Less)
    };
    let it = if npos == 1 {
        Some(get_iter(&args.pos[0])?)
    } else {
        None
    };
    let mut pos = args.pos.into_iter();
    let mut best: Option<(Value, Value)> = None;
    loop {
        let x = match &it {
            Some(it) => iter::next(vm, it)?,
            None => pos.next(),
        };
        let Some(x) = x else { break };
        let k = match &key {
            Some(f) => vm.call(f, Args::positional(vec![x.clone()]))?,
            None => x.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => ops::compare(&k, bk, op)? == Some(want),
        };
        if better {
            best = Some((k, x));
        }
    }
    match best {
        Some((_, x)) => Ok(x),
        None => default.ok_or_else(|| value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub fn builtin_min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", false)
}

pub fn builtin_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", true)
}

// --------------------------------------------------------------------- abs

/// `abs(v)`.
pub fn abs_of(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::float(f.get().abs()),
        other => {
            return Err(type_error(format!(
                "bad operand type for abs(): '{}'",
                other.type_name()
            )));
        }
    })
}

pub fn builtin_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("abs")?;
    // Native objects (`numpy.ndarray`) implement it as `__abs__`.
    if let Value::Native(n) = &v
        && let Some(m) = crate::vm::native::find_method(n.class(), "__abs__")
    {
        let no_args = Args {
            pos: Default::default(),
            kw: Vec::new(),
        };
        return (m.func)(vm, &v, no_args);
    }
    abs_of(&v)
}

// ------------------------------------------------------------------- round

/// A float with an integral value as an int (`int(x)` after rounding).
pub fn float_to_int(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    let b: BigInt = num_traits::FromPrimitive::from_f64(t)
        .ok_or_else(|| internal_error("float_to_int of a finite float"))?;
    Ok(Value::from_bigint(b))
}

/// `q = num / den` rounded to nearest, ties to even (num, den > 0).
fn div_round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    let (q, r) = num.div_rem(den);
    let twice: BigInt = r << 1usize;
    match twice.cmp(den) {
        Ordering::Greater => q + 1,
        Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    }
}

/// Mantissa and exponent of a finite positive float: x == m * 2**e exactly.
fn f64_parts(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// `round(x, nd)` for a float: the exact decimal value of `x` rounded half
/// to even at `nd` digits, then converted back correctly rounded — the same
/// result as CPython's dtoa-based `double_round`.
pub fn round_float(x: f64, nd: i64) -> PyResult<f64> {
    // CPython's NDIGITS_MAX / NDIGITS_MIN for IEEE doubles.
    if !x.is_finite() || x == 0.0 || nd > 323 {
        return Ok(x);
    }
    if nd < -308 {
        return Ok(0.0 * x);
    }
    let (m, e) = f64_parts(x.abs());
    let mut num = BigInt::from(m);
    let mut den = BigInt::one();
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let p = num_traits::pow::Pow::pow(&BigInt::from(10u32), nd.unsigned_abs() as u32);
    if nd >= 0 {
        num *= p;
    } else {
        den *= p;
    }
    let q = div_round_half_even(&num, &den);
    let sign = if x < 0.0 { "-" } else { "" };
    let text = format!("{sign}{q}e{}", -nd);
    let r: f64 = text
        .parse()
        .map_err(|_| internal_error("round: unparsable decimal"))?;
    if r.is_infinite() {
        return Err(overflow_error("rounded value too large to represent"));
    }
    Ok(r)
}

/// `round(n, nd)` for an int with `nd < 0`: round half to even at 10**-nd.
fn round_int(x: &BigInt, nd: i64) -> Value {
    if nd >= 0 {
        return Value::from_bigint(x.clone());
    }
    let k = nd.unsigned_abs();
    // 10**k > 2|x| means the result is 0.
    if k as f64 > x.bits() as f64 * std::f64::consts::LOG10_2 + 1.0 {
        return Value::Int(0);
    }
    let p = num_traits::pow::Pow::pow(&BigInt::from(10u32), k as u32);
    let (q, r) = x.div_mod_floor(&p);
    let twice: BigInt = r << 1usize;
    let q = match twice.cmp(&p) {
        Ordering::Greater => q + 1,
        Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Value::from_bigint(q * p)
}

pub fn builtin_round(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.bind_params("round", &["number", "ndigits"], 0, 1)?;
    let mut p = p.into_iter();
    let number = p.next().flatten().unwrap_or(Value::None);
    let ndigits = p.next().flatten().filter(|v| !v.is_none());
    let nd = match &ndigits {
        None => None,
        Some(v) => Some(match v {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::BigInt(b) => {
                if b.is_negative() {
                    i64::MIN
                } else {
                    i64::MAX
                }
            }
            other => return Err(not_an_integer(other)),
        }),
    };
    match &number {
        Value::Float(f) => match nd {
            None => float_to_int(f.get().round_ties_even()),
            Some(nd) => Ok(Value::float(round_float(f.get(), nd)?)),
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let b = int_arg(&number)?;
            Ok(round_int(&b, nd.unwrap_or(0)))
        }
        other => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

// ------------------------------------------------------------ divmod, pow

/// `divmod(a, b)`.
pub fn divmod_of(a: &Value, b: &Value) -> PyResult<Value> {
    match (ops::as_num(a), ops::as_num(b)) {
        (Some(x), Some(y)) => {
            let is_float = matches!(x, Num::Float(_)) || matches!(y, Num::Float(_));
            if is_float {
                let yf = ops::to_f64(b).unwrap_or(Ok(1.0))?;
                if yf == 0.0 {
                    return Err(zero_division("float divmod()"));
                }
            }
            if let (Num::Int(i64::MIN), Num::Int(-1)) = (&x, &y) {
                // i64::MIN // -1 leaves i64 (and `i64::MIN % -1` overflows in Rust).
                let q = Value::from_bigint(-BigInt::from(i64::MIN));
                return Ok(Value::tuple(vec![q, Value::Int(0)]));
            }
            let q = ops::binary_op(crate::syntax::ops::BinOp::FloorDiv, a, b)?;
            let r = ops::binary_op(crate::syntax::ops::BinOp::Mod, a, b)?;
            Ok(Value::tuple(vec![q, r]))
        }
        _ => Err(type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

pub fn builtin_divmod(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("divmod")?;
    clinic_count("divmod", args.pos.len(), 2, 2)?;
    divmod_of(&args.pos[0], &args.pos[1])
}

/// `pow(base, exp, mod)` with three ints.
pub fn pow_mod(base: &Value, exp: &Value, modulus: &Value) -> PyResult<Value> {
    let (Some(b), Some(e), Some(m)) = (
        ops::to_bigint(base),
        ops::to_bigint(exp),
        ops::to_bigint(modulus),
    ) else {
        if [base, exp, modulus]
            .iter()
            .all(|v| ops::as_num(v).is_some())
        {
            return Err(type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        }
        return Err(type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            base.type_name(),
            exp.type_name(),
            modulus.type_name()
        )));
    };
    if m.is_zero() {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let m_abs = m.abs();
    if m_abs.is_one() {
        return Ok(Value::Int(0));
    }
    let mut b = b.mod_floor(&m_abs);
    let mut e = e;
    if e.is_negative() {
        b = b
            .modinv(&m_abs)
            .ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
        e = -e;
    }
    let mut r = b.modpow(&e, &m_abs);
    if m.is_negative() && !r.is_zero() {
        r -= &m_abs;
    }
    Ok(Value::from_bigint(r))
}

pub fn builtin_pow(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = args.bind_params("pow", &["base", "exp", "mod"], 0, 2)?;
    let mut p = p.into_iter();
    let base = p.next().flatten().unwrap_or(Value::None);
    let exp = p.next().flatten().unwrap_or(Value::None);
    match p.next().flatten().filter(|m| !m.is_none()) {
        None => {
            if ops::as_num(&base).is_none() || ops::as_num(&exp).is_none() {
                return Err(type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                    base.type_name(),
                    exp.type_name()
                )));
            }
            ops::binary_op(crate::syntax::ops::BinOp::Pow, &base, &exp)
        }
        Some(m) => pow_mod(&base, &exp, &m),
    }
}

// --------------------------------------------------------- hex, bin, oct

fn radix_repr(v: &Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let b = int_arg(v)?;
    let digits = b.magnitude().to_str_radix(radix);
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(Value::str(format!("{sign}{prefix}{digits}")))
}

pub fn builtin_hex(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix_repr(&args.one("hex")?, 16, "0x")
}

pub fn builtin_bin(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix_repr(&args.one("bin")?, 2, "0b")
}

pub fn builtin_oct(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    radix_repr(&args.one("oct")?, 8, "0o")
}

// --------------------------------------------------------------- chr, ord

pub fn builtin_chr(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("chr")?;
    let i = match &v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(overflow_error("Python int too large to convert to C int"));
        }
        other => return Err(not_an_integer(other)),
    };
    if i32::try_from(i).is_err() {
        return Err(overflow_error("Python int too large to convert to C int"));
    }
    if !(0..0x110000).contains(&i) {
        return Err(value_error("chr() arg not in range(0x110000)"));
    }
    match char::from_u32(i as u32) {
        Some(c) => Ok(Value::str(c.to_string())),
        None => Err(value_error(
            "chr(): mini strings cannot hold surrogate code points",
        )),
    }
}

pub fn builtin_ord(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("ord")?;
    let n = match &v {
        Value::Str(s) => {
            if s.char_len() == 1 {
                return Ok(Value::Int(s.char_at(0) as i64));
            }
            s.char_len()
        }
        Value::Bytes(b) => {
            if b.data.len() == 1 {
                return Ok(Value::Int(b.data[0] as i64));
            }
            b.data.len()
        }
        other => {
            return Err(type_error(format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            )));
        }
    };
    Err(type_error(format!(
        "ord() expected a character, but string of length {n} found"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_float_matches_cpython() {
        // (x, ndigits, CPython's round(x, ndigits))
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (1.005, 2, 1.0),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (2.5, 0, 2.0),
            (-0.4, 0, -0.0),
            (1234.5678, -2, 1200.0),
            (1250.0, -2, 1200.0),
            (1350.0, -2, 1400.0),
            (-98268.125, 2, -98268.12),
            (-973.7716208221956, -1, -970.0),
            (1.23456789e-5, 7, 1.23e-05),
            (5e-324, 400, 5e-324),
            (1e308, -308, 1e308),
        ];
        for &(x, nd, want) in cases {
            let got = round_float(x, nd).unwrap_or(f64::NAN);
            assert_eq!(got.to_bits(), want.to_bits(), "round({x}, {nd})");
        }
        assert!(round_float(1.7e308, -308).is_err());
    }

    #[test]
    fn round_int_half_even() {
        let r = |x: i64, nd: i64| match round_int(&BigInt::from(x), nd) {
            Value::Int(i) => i,
            _ => i64::MIN,
        };
        assert_eq!(r(1500, -3), 2000);
        assert_eq!(r(2500, -3), 2000);
        assert_eq!(r(-2500, -3), -2000);
        assert_eq!(r(-1500, -3), -2000);
        assert_eq!(r(15, -1), 20);
        assert_eq!(r(5, -1), 0);
        assert_eq!(r(123456789, -3), 123457000);
        assert_eq!(r(7, 3), 7);
    }

    #[test]
    fn modular_pow() {
        let p = |b: i64, e: i64, m: i64| match pow_mod(
            &Value::Int(b),
            &Value::Int(e),
            &Value::Int(m),
        ) {
            Ok(Value::Int(i)) => Some(i),
            _ => None,
        };
        assert_eq!(p(3, 4, 5), Some(1));
        assert_eq!(p(3, -1, 7), Some(5));
        assert_eq!(p(3, -1, -7), Some(-2));
        assert_eq!(p(3, 2, -7), Some(-5));
        assert_eq!(p(-3, 3, 7), Some(1));
        assert_eq!(p(2, -1, 1), Some(0));
        assert_eq!(p(2, -1, 4), None);
        assert_eq!(p(2, 3, 0), None);
    }
}
