//! Fast paths of the dispatch loop: arithmetic on inline scalars that cannot
//! fail and dropping values without the out-of-line drop glue. Each is
//! `#[inline]` into `interp.rs`; the general cases live in `ops.rs`.

use super::value::Value;
use crate::syntax::ops::{BinOp, CmpOp};

/// Drop a value, skipping the (out-of-line) drop glue for inline scalars,
/// which own nothing: most values popped in hot loops are ints and floats.
#[inline(always)]
pub(super) fn drop_value(v: Value) {
    if v.owns_nothing() {
        std::mem::forget(v)
    } else {
        drop(v)
    }
}

/// Values known to own nothing — the operands of a `fast_arith` that
/// succeeded (it succeeds on inline scalars only), the VM's `Unbound`
/// markers — forgotten without the out-of-line drop glue.
#[inline(always)]
pub(super) fn forget_scalars(a: Value, b: Value) {
    debug_assert!(a.owns_nothing() && b.owns_nothing());
    std::mem::forget(a);
    std::mem::forget(b);
}

/// Arithmetic on two small ints or two floats that cannot fail or overflow:
/// the fast path of `BinaryOp`/`InplaceOp` (None: take the general path).
#[inline(always)]
pub(super) fn fast_arith(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let r = match op {
                BinOp::Add => x.checked_add(y)?,
                BinOp::Sub => x.checked_sub(y)?,
                BinOp::Mul => x.checked_mul(y)?,
                BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
                    let q = x / y;
                    if x % y != 0 && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    }
                }
                BinOp::Mod if y != 0 && y != -1 => {
                    let r = x % y;
                    if r != 0 && ((r < 0) != (y < 0)) {
                        r + y
                    } else {
                        r
                    }
                }
                // `x ** y` for y >= 0 without overflow (a negative y
                // makes a float).
                BinOp::Pow if y >= 0 => x.checked_pow(u32::try_from(y).ok()?)?,
                // `x << y` when no bit falls off the end.
                BinOp::LShift if (0..64).contains(&y) && (x << y) >> y == x => x << y,
                // `x >> y` (a negative count raises: the general path).
                BinOp::RShift if y >= 0 => x >> y.min(63),
                BinOp::BitOr => x | y,
                BinOp::BitXor => x ^ y,
                BinOp::BitAnd => x & y,
                // `x / y`: exact conversions and one IEEE division give
                // the correctly rounded quotient CPython computes.
                BinOp::Div
                    if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) =>
                {
                    return Some(Value::float(x as f64 / y as f64));
                }
                _ => return None,
            };
            Some(Value::Int(r))
        }
        (Value::Float(x), Value::Float(y)) => {
            let (x, y) = (x.get(), y.get());
            Some(Value::float(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if y != 0.0 => x / y,
                // A positive base never raises; overflow goes the general way.
                BinOp::Pow if x > 0.0 => Some(x.powf(y)).filter(|r| r.is_finite())?,
                _ => return None,
            }))
        }
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < (1 << 53) => {
            let (x, y) = (x.get(), *y as f64);
            Some(Value::float(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if y != 0.0 => x / y,
                _ => return None,
            }))
        }
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < (1 << 53) => {
            let (x, y) = (*x as f64, y.get());
            Some(Value::float(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if y != 0.0 => x / y,
                _ => return None,
            }))
        }
        _ => None,
    }
}

/// A comparison `op` of two ints or two floats: the
/// fast path of `Compare` and the compare-and-branch instructions (None:
/// take the general path).
///
/// The two types' arms are spelled out: one generic helper for both
/// measured 9 % slower on the integer loop (the dispatch loop's code
/// generation is that sensitive).
#[inline(always)]
pub(super) fn fast_compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(match op {
            CmpOp::Eq => x == y,
            CmpOp::NotEq => x != y,
            CmpOp::Lt => x < y,
            CmpOp::LtE => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::GtE => x >= y,
            _ => return None,
        }),
        (Value::Float(x), Value::Float(y)) => {
            let (x, y) = (x.get(), y.get());
            Some(match op {
                CmpOp::Eq => x == y,
                CmpOp::NotEq => x != y,
                CmpOp::Lt => x < y,
                CmpOp::LtE => x <= y,
                CmpOp::Gt => x > y,
                CmpOp::GtE => x >= y,
                _ => return None,
            })
        }
        _ => None,
    }
}
