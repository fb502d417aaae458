//! Operators on values: arithmetic with Python's numeric tower (bool ⊂ int,
//! i64 fast path promoting to big ints, float), comparisons, equality,
//! hashing, truthiness and membership.

use std::cmp::Ordering;
use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::error::*;
use super::hash;
use super::objects::*;
use super::settable::SetTable;
use super::value::Value;
use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};

/// A numeric view of a value (bool counts as int).
pub enum Num {
    Int(i64),
    Big(Arc<BigInt>),
    Float(f64),
}

pub fn as_num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::BigInt(b) => Some(Num::Big(b.clone())),
        Value::Float(f) => Some(Num::Float(f.get())),
        _ => None,
    }
}

/// The value as a big integer, if it is an int or bool.
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// int → float with CPython's OverflowError for huge values.
pub fn big_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(overflow_error("int too large to convert to float")),
    }
}

pub fn to_f64(v: &Value) -> Option<PyResult<f64>> {
    match v {
        Value::Int(i) => Some(Ok(*i as f64)),
        Value::Bool(b) => Some(Ok(*b as i64 as f64)),
        Value::Float(f) => Some(Ok(f.get())),
        Value::BigInt(b) => Some(big_to_f64(b)),
        _ => None,
    }
}

/// `float(x)` as C functions take it (`PyFloat_AsDouble`): ints (incl. bool
/// and big ints, with OverflowError when too large) and floats.
pub fn to_float(v: &Value) -> PyResult<f64> {
    match to_f64(v) {
        Some(r) => r,
        None => Err(type_error(format!(
            "must be real number, not {}",
            v.type_name()
        ))),
    }
}

// ------------------------------------------------------------- truthiness

pub fn truthy(v: &Value) -> bool {
    match v {
        Value::None | Value::Unbound => false,
        Value::Bool(b) => b.get(),
        Value::Int(i) => *i != 0,
        Value::BigInt(_) => true,
        Value::Float(f) => f.get() != 0.0,
        Value::Str(s) => !s.as_str().is_empty(),
        Value::Bytes(b) => !b.data.is_empty(),
        Value::List(l) => !l.is_empty(),
        Value::Tuple(t) => !t.items.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Set(s) => !s.table.lock().is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::DictView(v) => !v.dict.is_empty(),
        // Where an error cannot be raised; the VM's jumps and `not` use
        // `truthy_checked`, which can.
        Value::Native(n) => n.truthy().unwrap_or(true),
        _ => true,
    }
}

/// `bool(v)` where it may raise (native objects only can).
pub fn truthy_checked(v: &Value) -> PyResult<bool> {
    match v {
        Value::Native(n) => n.truthy(),
        other => Ok(truthy(other)),
    }
}

// ------------------------------------------------------------------ hashing

/// Python's `hash(v)`; TypeError for unhashable (mutable) values.
pub fn hash_value(v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Int(i) => hash::hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash::hash_bigint(b),
        Value::Float(f) => {
            if f.get().is_nan() {
                // CPython 3.11 hashes NaN by identity; NaNs never compare equal.
                v.id() >> 4
            } else {
                hash::hash_f64(f.get())
            }
        }
        Value::Str(s) => s.hash(),
        Value::Bytes(b) => hash::hash_bytes(&b.data),
        Value::None => 0x5f3759df,
        Value::Ellipsis => 0x2545f491,
        Value::Tuple(t) => {
            let mut hs = Vec::with_capacity(t.items.len());
            for item in t.items.iter() {
                hs.push(hash_value(item)?);
            }
            hash::hash_tuple(hs.into_iter(), t.items.len())
        }
        Value::Set(s) if s.frozen => s.table.lock().frozenset_hash(),
        Value::Range(r) => {
            let mut hs = Vec::with_capacity(3);
            for x in [r.len(), r.start, r.step] {
                hs.push(hash_value(&Value::from_i128(x))?);
            }
            hash::hash_tuple(hs.into_iter(), 3)
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) | Value::DictView(_) => {
            return Err(type_error(format!("unhashable type: '{}'", v.type_name())));
        }
        other => other.id() >> 4,
    })
}

// ----------------------------------------------------------------- equality

/// Equality of two hashable keys (used inside dict/set tables): cannot fail.
pub fn key_eq(a: &Value, b: &Value) -> bool {
    a.is(b) || eq_depth(a, b, 0).unwrap_or(false)
}

/// `a is b or a == b` (the test of `list.count`, `in`, `index`) when it can
/// be decided without running code and cannot fail: both are ints, floats,
/// bools, None or strings. None when the general [`eq`] must decide (an
/// int against a float or bool, or anything else).
#[inline]
pub fn is_or_eq_plain(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    let plain = |v: &Value| matches!(v, Int(_) | Float(_) | Bool(_) | None | Str(_));
    Some(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x.get().to_bits() == y.get().to_bits() || x.get() == y.get(),
        (Bool(x), Bool(y)) => x == y,
        (Str(x), Str(y)) => StrObj::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (None, None) => true,
        (Int(_) | Float(_) | Bool(_), Int(_) | Float(_) | Bool(_)) => return Option::None,
        _ if plain(a) && plain(b) => false,
        _ => return Option::None,
    })
}

/// Python's `a == b`.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    eq_depth(a, b, 0)
}

const MAX_CMP_DEPTH: usize = 2000;

fn eq_depth(a: &Value, b: &Value, depth: usize) -> PyResult<bool> {
    use Value::*;
    if depth > MAX_CMP_DEPTH {
        return Err(recursion_error(
            "maximum recursion depth exceeded in comparison",
        ));
    }
    Ok(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x.get() == y.get(),
        (Str(x), Str(y)) => StrObj::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (None, None) | (Ellipsis, Ellipsis) => true,
        (Bytes(x), Bytes(y)) => x.data == y.data,
        (List(x), List(y)) => {
            if Arc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (xs, ys) = (x.snapshot(), y.snapshot());
            seq_eq(&xs, &ys, depth)?
        }
        (Tuple(x), Tuple(y)) => Arc::ptr_eq(x, y) || seq_eq(&x.items, &y.items, depth)?,
        (Dict(x), Dict(y)) => {
            if Arc::ptr_eq(x, y) {
                return Ok(true);
            }
            let xs = x.table.lock().clone();
            let ys = y.table.lock().clone();
            if xs.len() != ys.len() {
                return Ok(false);
            }
            for e in xs.iter() {
                match ys.get(e.hash, &e.key) {
                    Some(v) => {
                        if !(v.is(&e.value) || eq_depth(&e.value, &v, depth + 1)?) {
                            return Ok(false);
                        }
                    }
                    Option::None => return Ok(false),
                }
            }
            true
        }
        (Set(x), Set(y)) => {
            let (tx, ty) = set_tables(x, y);
            tx.set_eq(&ty, key_eq)
        }
        (Range(x), Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (DictView(x), DictView(y)) if x.kind == ViewKind::Keys && y.kind == ViewKind::Keys => {
            eq_depth(
                &Value::Dict(x.dict.clone()),
                &Value::Dict(y.dict.clone()),
                depth,
            )?
        }
        (Slice(x), Slice(y)) => {
            eq_depth(&x.start, &y.start, depth + 1)?
                && eq_depth(&x.stop, &y.stop, depth + 1)?
                && eq_depth(&x.step, &y.step, depth + 1)?
        }
        _ => match (as_num(a), as_num(b)) {
            (Some(x), Some(y)) => num_cmp(&x, &y) == Some(Ordering::Equal),
            _ => a.is(b),
        },
    })
}

fn seq_eq(xs: &[Value], ys: &[Value], depth: usize) -> PyResult<bool> {
    if xs.len() != ys.len() {
        return Ok(false);
    }
    for (x, y) in xs.iter().zip(ys) {
        if !(x.is(y) || eq_depth(x, y, depth + 1)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn set_contains(s: &SetObj, v: &Value) -> PyResult<bool> {
    let h = hash_value(v)?;
    Ok(s.table.lock().contains(v, h, key_eq))
}

/// Copies of two sets' tables: never hold two set locks at once.
fn set_tables(a: &SetObj, b: &SetObj) -> (SetTable<Value>, SetTable<Value>) {
    let ta = a.table.lock().clone();
    let tb = b.table.lock().clone();
    (ta, tb)
}

// ------------------------------------------------------------- ordering

/// Exact comparison of two numbers (int/float compared exactly, as CPython).
pub fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Big(x), Num::Big(y)) => Some(x.cmp(y)),
        (Num::Int(x), Num::Big(y)) => Some(BigInt::from(*x).cmp(y)),
        (Num::Big(x), Num::Int(y)) => Some((**x).cmp(&BigInt::from(*y))),
        (Num::Float(f), other) => int_float_cmp(other, *f).map(Ordering::reverse),
        (other, Num::Float(f)) => int_float_cmp(other, *f),
    }
}

/// Compare an int (as Num::Int/Big) with a float, exactly.
fn int_float_cmp(i: &Num, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let Num::Int(x) = i
        && x.unsigned_abs() <= (1u64 << 53)
    {
        return (*x as f64).partial_cmp(&f);
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let big = match i {
        Num::Int(x) => BigInt::from(*x),
        Num::Big(b) => (**b).clone(),
        Num::Float(_) => return None,
    };
    let fl = f.floor();
    // `fl` is integral and finite, so the conversion is exact.
    let fb: BigInt = num_traits::FromPrimitive::from_f64(fl).unwrap_or_default();
    match big.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// `a < b` etc. for the orderable builtin types: returns the ordering, or a
/// TypeError naming the operator `op` ("<", "<=", …).
pub fn compare(a: &Value, b: &Value, op: &str) -> PyResult<Option<Ordering>> {
    compare_depth(a, b, op, 0)
}

fn compare_depth(a: &Value, b: &Value, op: &str, depth: usize) -> PyResult<Option<Ordering>> {
    use Value::*;
    if depth > MAX_CMP_DEPTH {
        return Err(recursion_error(
            "maximum recursion depth exceeded in comparison",
        ));
    }
    match (a, b) {
        (Int(x), Int(y)) => return Ok(Some(x.cmp(y))),
        (Float(x), Float(y)) => return Ok(x.get().partial_cmp(&y.get())),
        (Str(x), Str(y)) => return Ok(Some(x.as_str().cmp(y.as_str()))),
        (Bytes(x), Bytes(y)) => return Ok(Some(x.data.cmp(&y.data))),
        (List(x), List(y)) => {
            let (xs, ys) = (x.snapshot(), y.snapshot());
            return seq_cmp(&xs, &ys, op, depth);
        }
        (Tuple(x), Tuple(y)) => return seq_cmp(&x.items, &y.items, op, depth),
        (Set(x), Set(y)) => {
            let (tx, ty) = set_tables(x, y);
            let (sub, sup) = (tx.is_subset(&ty, key_eq), ty.is_subset(&tx, key_eq));
            // Sets are partially ordered by inclusion.
            return Ok(match (sub, sup) {
                (true, true) => Some(Ordering::Equal),
                (true, false) => Some(Ordering::Less),
                (false, true) => Some(Ordering::Greater),
                _ => Option::None,
            });
        }
        _ => {}
    }
    match (as_num(a), as_num(b)) {
        (Some(x), Some(y)) => Ok(num_cmp(&x, &y)),
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op,
            a.type_name(),
            b.type_name()
        ))),
    }
}

fn seq_cmp(xs: &[Value], ys: &[Value], op: &str, depth: usize) -> PyResult<Option<Ordering>> {
    for (x, y) in xs.iter().zip(ys) {
        if x.is(y) || eq_depth(x, y, depth + 1)? {
            continue;
        }
        return compare_depth(x, y, op, depth + 1);
    }
    Ok(Some(xs.len().cmp(&ys.len())))
}

/// `a < b` as a bool (sorting, min/max).
pub fn less_than(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(compare(a, b, "<")? == Some(Ordering::Less))
}

// --------------------------------------------------------------- membership

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::List(l) => {
            let items = l.snapshot();
            for x in &items {
                if x.is(item) || eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(t) => {
            for x in t.items.iter() {
                if x.is(item) || eq(x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
            other => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::Bytes(b) => match item {
            Value::Bytes(sub) => {
                Ok(sub.data.is_empty() || b.data.windows(sub.data.len()).any(|w| w == &*sub.data))
            }
            Value::Int(i) => Ok(b.data.iter().any(|&x| x as i64 == *i)),
            other => Err(type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            ))),
        },
        Value::Dict(d) => {
            let h = hash_value(item)?;
            Ok(d.table.lock().contains(h, item))
        }
        Value::DictView(v) => match v.kind {
            ViewKind::Keys => contains(&Value::Dict(v.dict.clone()), item),
            ViewKind::Values => contains(&Value::list(v.dict.table.lock().values()), item),
            ViewKind::Items => {
                let Value::Tuple(t) = item else {
                    return Ok(false);
                };
                if t.items.len() != 2 {
                    return Ok(false);
                }
                let h = hash_value(&t.items[0])?;
                let found = v.dict.table.lock().get(h, &t.items[0]);
                match found {
                    Some(val) => eq(&val, &t.items[1]),
                    None => Ok(false),
                }
            }
        },
        Value::Set(s) => set_contains(s, item),
        Value::Range(r) => {
            let i: i128 = match item {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => *b as i128,
                Value::BigInt(b) => match b.to_i128() {
                    Some(i) => i,
                    None => return Ok(false),
                },
                Value::Float(f) if f.get().fract() == 0.0 && f.get().abs() < 1e38 => {
                    f.get() as i128
                }
                _ => return Ok(false),
            };
            let n = r.len();
            if n == 0 {
                return Ok(false);
            }
            let off = i - r.start;
            Ok(off % r.step == 0 && {
                let k = off / r.step;
                k >= 0 && k < n
            })
        }
        other => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            other.type_name()
        ))),
    }
}

// ------------------------------------------------------------ arithmetic

fn unsupported(op: &str, a: &Value, b: &Value) -> PyErr {
    if op == "*" && (is_sequence(a) || is_sequence(b)) {
        let other = if is_sequence(a) { b } else { a };
        return type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            other.type_name()
        ));
    }
    let op = if op == "**" { "** or pow()" } else { op };
    type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op,
        a.type_name(),
        b.type_name()
    ))
}

fn big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => (**b).clone(),
        Num::Float(_) => BigInt::zero(),
    }
}

fn float_of(n: &Num) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => big_to_f64(b),
        Num::Float(f) => Ok(*f),
    }
}

/// `base ** exp` for `exp >= 0` (else 1), wrapping as int64 does in NumPy
/// and Numba: square-and-multiply.
pub fn wrapping_int_pow(mut base: i64, mut exp: i64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

/// Python's float floor division and modulo (CPython's `float_divmod`;
/// NumPy's `npy_divmod` is the same for a non-zero divisor).
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    if a == i64::MIN && b == -1 {
        return None;
    }
    Some(Integer::div_floor(&a, &b))
}

/// Arithmetic `op` on two numbers.
fn num_binop(op: BinOp, x: &Num, y: &Num, a: &Value, b: &Value) -> PyResult<Value> {
    use Num::*;
    // Integer cases first.
    if let (Int(p), Int(q)) = (x, y) {
        let (p, q) = (*p, *q);
        let r = match op {
            BinOp::Add => p.checked_add(q),
            BinOp::Sub => p.checked_sub(q),
            BinOp::Mul => p.checked_mul(q),
            BinOp::FloorDiv => {
                if q == 0 {
                    return Err(zero_division("integer division or modulo by zero"));
                }
                int_floordiv(p, q)
            }
            BinOp::Mod => {
                if q == 0 {
                    return Err(zero_division("integer modulo by zero"));
                }
                // i64::MIN % -1 overflows in Rust; the answer is 0.
                Some(if q == -1 { 0 } else { p.mod_floor(&q) })
            }
            BinOp::LShift => {
                if q < 0 {
                    return Err(value_error("negative shift count"));
                }
                if q < 63 && (p == 0 || (p.unsigned_abs().leading_zeros() as i64) > q + 1) {
                    Some(p << q)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if q < 0 {
                    return Err(value_error("negative shift count"));
                }
                Some(if q >= 64 {
                    if p < 0 { -1 } else { 0 }
                } else {
                    p >> q
                })
            }
            BinOp::BitOr => Some(p | q),
            BinOp::BitXor => Some(p ^ q),
            BinOp::BitAnd => Some(p & q),
            _ => None,
        };
        if let Some(r) = r {
            if op.is_bitwise_logic()
                && let (Value::Bool(_), Value::Bool(_)) = (a, b)
            {
                return Ok(Value::bool(r != 0));
            }
            return Ok(Value::Int(r));
        }
    }
    let any_float = matches!(x, Float(_)) || matches!(y, Float(_));
    if !any_float {
        let (p, q) = (big(x), big(y));
        let r = match op {
            BinOp::Add => p + q,
            BinOp::Sub => p - q,
            BinOp::Mul => {
                check_alloc((p.bits() + q.bits()) as usize / 8, 1)?;
                p * q
            }
            BinOp::Div => return true_divide_int(&p, &q),
            BinOp::FloorDiv => {
                if q.is_zero() {
                    return Err(zero_division("integer division or modulo by zero"));
                }
                p.div_floor(&q)
            }
            BinOp::Mod => {
                if q.is_zero() {
                    return Err(zero_division("integer modulo by zero"));
                }
                p.mod_floor(&q)
            }
            BinOp::Pow => return int_pow(&p, &q),
            BinOp::LShift => {
                if q.is_negative() {
                    return Err(value_error("negative shift count"));
                }
                let s = q
                    .to_usize()
                    .filter(|s| *s < (1 << 34))
                    .ok_or_else(|| overflow_error("too many digits in integer"))?;
                check_alloc(s / 8, 1)?;
                p << s
            }
            BinOp::RShift => {
                if q.is_negative() {
                    return Err(value_error("negative shift count"));
                }
                match q.to_usize() {
                    Some(s) => p >> s,
                    None => {
                        if p.is_negative() {
                            -BigInt::one()
                        } else {
                            BigInt::zero()
                        }
                    }
                }
            }
            BinOp::BitOr => p | q,
            BinOp::BitXor => p ^ q,
            BinOp::BitAnd => p & q,
            _ => return Err(unsupported(op.symbol(), a, b)),
        };
        return Ok(Value::from_bigint(r));
    }
    if matches!(
        op,
        BinOp::LShift | BinOp::RShift | BinOp::BitOr | BinOp::BitXor | BinOp::BitAnd
    ) {
        return Err(unsupported(op.symbol(), a, b));
    }
    let (p, q) = (float_of(x)?, float_of(y)?);
    let r = match op {
        BinOp::Add => p + q,
        BinOp::Sub => p - q,
        BinOp::Mul => p * q,
        BinOp::Div => {
            if q == 0.0 {
                return Err(zero_division("float division by zero"));
            }
            p / q
        }
        BinOp::FloorDiv => {
            if q == 0.0 {
                return Err(zero_division("float floor division by zero"));
            }
            float_divmod(p, q).0
        }
        BinOp::Mod => {
            if q == 0.0 {
                return Err(zero_division("float modulo"));
            }
            float_divmod(p, q).1
        }
        BinOp::Pow => return float_pow(p, q),
        _ => return Err(unsupported(op.symbol(), a, b)),
    };
    Ok(Value::float(r))
}

/// int / int, correctly rounded like CPython (exact for huge operands).
fn true_divide_int(p: &BigInt, q: &BigInt) -> PyResult<Value> {
    if q.is_zero() {
        return Err(zero_division("division by zero"));
    }
    if let (Some(a), Some(b)) = (p.to_i64(), q.to_i64())
        && a.unsigned_abs() <= 1 << 53
        && b.unsigned_abs() <= 1 << 53
    {
        return Ok(Value::float(a as f64 / b as f64));
    }
    // Scale so that the quotient of the magnitudes has at least 66
    // significant bits, truncate, and fold a non-zero remainder into the
    // lowest bit (a "sticky" bit): the one rounding to 53 bits in `to_f64`
    // is then the correct rounding of the exact quotient. The sign goes on
    // last, so that 0 / -n is -0.0 as in CPython.
    let (n, d) = (p.magnitude(), q.magnitude());
    let shift = 66i64 + d.bits() as i64 - n.bits() as i64;
    let (num, den) = if shift > 0 {
        (n << shift as usize, d.clone())
    } else {
        (n.clone(), d << (-shift) as usize)
    };
    let (mut quot, rem) = num.div_rem(&den);
    if !rem.is_zero() {
        quot |= num_bigint::BigUint::one();
    }
    let r = scale_by_power_of_two(quot.to_f64().unwrap_or(f64::INFINITY), -shift);
    if !r.is_finite() {
        return Err(overflow_error(
            "integer division result too large for a float",
        ));
    }
    Ok(Value::float(if p.is_negative() != q.is_negative() {
        -r
    } else {
        r
    }))
}

/// `x * 2**e` without overflow or underflow in the intermediate powers.
fn scale_by_power_of_two(mut x: f64, mut e: i64) -> f64 {
    while e != 0 && x != 0.0 && x.is_finite() {
        let step = e.clamp(-1000, 1000);
        x *= 2f64.powi(step as i32);
        e -= step;
    }
    x
}

fn int_pow(base: &BigInt, exp: &BigInt) -> PyResult<Value> {
    if exp.is_negative() {
        let b = big_to_f64(base)?;
        let e = exp.to_f64().unwrap_or(f64::NEG_INFINITY);
        if b == 0.0 {
            return Err(zero_division("0.0 cannot be raised to a negative power"));
        }
        return float_pow(b, e);
    }
    if base.is_zero() || base.is_one() {
        return Ok(Value::from_bigint(if exp.is_zero() {
            BigInt::one()
        } else {
            base.clone()
        }));
    }
    if *base == BigInt::from(-1) {
        return Ok(Value::Int(if exp.is_even() { 1 } else { -1 }));
    }
    let e = exp
        .to_u64()
        .filter(|e| e.saturating_mul(base.bits()) < (1u64 << 36))
        .ok_or_else(|| exc_with_args(super::types::TYPES.exc(ExcKind::MemoryError), vec![]))?;
    check_alloc((e.saturating_mul(base.bits()) / 8) as usize, 1)?;
    if let (Some(b), Ok(e32)) = (base.to_i64(), u32::try_from(e))
        && let Some(r) = b.checked_pow(e32)
    {
        return Ok(Value::Int(r));
    }
    Ok(Value::from_bigint(num_traits::pow::Pow::pow(base, e)))
}

/// Why `float ** float` has no float result (`pow_f64`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatPowError {
    /// `0.0 ** negative`: ZeroDivisionError.
    ZeroToNegative,
    /// `negative ** fraction`, a complex in CPython: ValueError.
    NegativeToFraction,
    /// A finite base and exponent whose power overflows: OverflowError.
    Overflow,
}

impl FloatPowError {
    /// CPython's message (mini's where CPython would return a complex).
    pub fn message(self) -> &'static str {
        match self {
            FloatPowError::ZeroToNegative => "0.0 cannot be raised to a negative power",
            FloatPowError::NegativeToFraction => {
                "mini has no complex numbers: negative number raised to a fractional power"
            }
            FloatPowError::Overflow => "(34, 'Numerical result out of range')",
        }
    }
}

/// `x ** y` for floats: the one float power of `**`, `pow()` and the
/// `random` module's formulas (libm's `pow` for the special values).
#[inline]
pub fn pow_f64(x: f64, y: f64) -> Result<f64, FloatPowError> {
    if x == 0.0 && y < 0.0 {
        return Err(FloatPowError::ZeroToNegative);
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        return Err(FloatPowError::NegativeToFraction);
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(FloatPowError::Overflow);
    }
    Ok(r)
}

/// float ** float with CPython's errors.
pub fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    pow_f64(x, y).map(Value::float).map_err(|e| {
        let msg = e.message();
        match e {
            FloatPowError::ZeroToNegative => zero_division(msg),
            FloatPowError::NegativeToFraction => value_error(msg),
            FloatPowError::Overflow => overflow_error(msg),
        }
    })
}

/// `a op b` for every binary operator.
pub fn binary_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return num_binop(op, &x, &y, a, b);
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            check_alloc(x.as_str().len().saturating_add(y.as_str().len()), 1)?;
            Ok(Value::Str(StrObj::concat(x, y)))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = x.snapshot();
            v.extend(y.snapshot());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = x.items.to_vec();
            v.extend(y.items.iter().cloned());
            Ok(Value::tuple(v))
        }
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
            let mut v = x.data.to_vec();
            v.extend_from_slice(&y.data);
            Ok(Value::Bytes(Arc::new(BytesObj { data: v.into() })))
        }
        (BinOp::Add, Value::Str(_), other) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            other.type_name()
        ))),
        (BinOp::Add, Value::List(_), other) => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            other.type_name()
        ))),
        (BinOp::Add, Value::Tuple(_), other) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            other.type_name()
        ))),
        (BinOp::Mul, seq, n) | (BinOp::Mul, n, seq) if is_int(n) && is_sequence(seq) => {
            repeat(seq, n)
        }
        (
            BinOp::Sub | BinOp::BitOr | BinOp::BitXor | BinOp::BitAnd,
            Value::Set(x),
            Value::Set(y),
        ) => super::setops::set_binop(op, x, y),
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let mut t = x.table.lock().clone();
            for e in y.table.lock().clone().iter() {
                t.insert(e.hash, e.key.clone(), e.value.clone());
            }
            Ok(Value::Dict(Arc::new(DictObj::from_table(t))))
        }
        _ => Err(unsupported(op.symbol(), a, b)),
    }
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        v,
        Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
    )
}

/// `seq * n`.
fn repeat(seq: &Value, n: &Value) -> PyResult<Value> {
    let n = match n {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => {
            return Err(overflow_error(
                "cannot fit 'int' into an index-sized integer".to_string(),
            ));
        }
    };
    let n = n.max(0) as usize;
    match seq {
        Value::Str(s) => {
            check_alloc(s.as_str().len(), n)?;
            Ok(Value::str(s.as_str().repeat(n)))
        }
        Value::Bytes(b) => {
            check_alloc(b.data.len(), n)?;
            Ok(Value::Bytes(Arc::new(BytesObj {
                data: b.data.repeat(n).into(),
            })))
        }
        Value::List(l) => {
            let items = l.snapshot();
            check_alloc(items.len(), n * 16)?;
            let mut v = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                v.extend(items.iter().cloned());
            }
            Ok(Value::list(v))
        }
        Value::Tuple(t) => {
            check_alloc(t.items.len(), n * 16)?;
            let mut v = Vec::with_capacity(t.items.len() * n);
            for _ in 0..n {
                v.extend(t.items.iter().cloned());
            }
            Ok(Value::tuple(v))
        }
        _ => Err(internal_error("repeat of a non-sequence")),
    }
}

/// `a op= b`: lists and sets mutate in place; everything else is `a op b`.
pub fn inplace_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match (op, a) {
        (BinOp::Add, Value::List(l)) => {
            let extra = super::iter::collect_values_pure(b)?;
            l.items.lock().extend(extra);
            Ok(a.clone())
        }
        (BinOp::Mul, Value::List(l)) if is_int(b) => {
            let Value::List(r) = repeat(a, b)? else {
                return Err(internal_error("list repeat"));
            };
            let items = std::mem::take(&mut *r.items.lock());
            *l.items.lock() = items;
            Ok(a.clone())
        }
        (BinOp::Sub | BinOp::BitOr | BinOp::BitXor | BinOp::BitAnd, Value::Set(s)) if !s.frozen => {
            match b {
                Value::Set(o) => {
                    super::setops::set_inplace(op, s, o)?;
                    Ok(a.clone())
                }
                _ => binary_op(op, a, b),
            }
        }
        _ => binary_op(op, a, b).map_err(|e| {
            // CPython names the augmented operator: "for +=: 'int' and …".
            let sym = op.symbol();
            let plain = matches!(e.args.first(),
                Some(Value::Str(m)) if m.as_str().starts_with("unsupported operand"));
            if plain && is_exc(&e, ExcKind::TypeError) {
                type_error(format!(
                    "unsupported operand type(s) for {sym}=: '{}' and '{}'",
                    a.type_name(),
                    b.type_name()
                ))
            } else {
                e
            }
        }),
    }
}

/// Unary operators.
pub fn unary_op(op: UnaryOp, a: &Value) -> PyResult<Value> {
    Ok(match (op, a) {
        (UnaryOp::Not, v) => Value::bool(!truthy(v)),
        (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => Value::from_bigint(-BigInt::from(*i)),
        },
        (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
        (UnaryOp::Neg, Value::BigInt(b)) => Value::from_bigint(-(**b).clone()),
        (UnaryOp::Neg, Value::Float(f)) => Value::float(-f.get()),
        (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => a.clone(),
        (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
        (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
        (UnaryOp::Invert, Value::BigInt(b)) => Value::from_bigint(-(**b).clone() - 1),
        _ => {
            let sym = op.symbol();
            return Err(type_error(format!(
                "bad operand type for unary {}: '{}'",
                sym,
                a.type_name()
            )));
        }
    })
}

/// Compare operator `op`.
pub fn compare_op(op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    let r = match op {
        CmpOp::Eq => eq(a, b)?,
        CmpOp::NotEq => !eq(a, b)?,
        CmpOp::Lt => compare(a, b, "<")? == Some(Ordering::Less),
        CmpOp::LtE => matches!(compare(a, b, "<=")?, Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => compare(a, b, ">")? == Some(Ordering::Greater),
        CmpOp::GtE => matches!(
            compare(a, b, ">=")?,
            Some(Ordering::Greater | Ordering::Equal)
        ),
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
    };
    Ok(Value::bool(r))
}

/// The index value of an int-like (`operator.index`).
pub fn index_of(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(index_error("cannot fit 'int' into an index-sized integer")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}
