//! Hash functions for mini's hashable values.
//!
//! The numeric hashes reproduce CPython 3.11 (64-bit build) bit for bit:
//! integers and floats are hashed by reduction modulo the Mersenne prime
//! `2**61 - 1`, so numbers that compare equal hash equal across `int`,
//! `float` and `bool` (`hash(1) == hash(1.0) == hash(True)`), and `-1` is
//! never returned (CPython reserves it as an error marker; `hash(-1) == -2`).
//! Tuples use CPython's xxHash-based `tuplehash`.
//!
//! Exact numeric hashes matter because set iteration order depends on them:
//! [`crate::vm::settable`] reproduces CPython's set layout, so with CPython's
//! hashes `print({3, 1, 2})` shows the elements in the same order CPython
//! does.  String and bytes hashes are randomized in CPython (SipHash with a
//! per-process key), so they cannot be matched; here they are a fixed,
//! deterministic 64-bit hash (FNV-1a followed by a 64-bit avalanche mix) that
//! likewise never returns `-1`.

use num_bigint::{BigInt, Sign};

/// Number of bits in the numeric hash modulus (`_PyHASH_BITS`).
pub const HASH_BITS: u32 = 61;
/// The numeric hash modulus `2**61 - 1` (`_PyHASH_MODULUS`).
pub const HASH_MODULUS: u64 = (1u64 << HASH_BITS) - 1;
/// `hash(float('inf'))` (`_PyHASH_INF`); `hash(float('-inf'))` is its negation.
pub const HASH_INF: i64 = 314_159;

/// Maps the reserved error value `-1` to `-2`, as CPython does.
#[inline]
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// Applies the sign of the number to its reduced magnitude (`0 <= m < P`).
#[inline]
fn signed(magnitude: u64, negative: bool) -> i64 {
    let m = magnitude as i64; // m < 2**61, so this is exact
    fix_minus_one(if negative { -m } else { m })
}

/// `hash(v)` for a Python `int` that fits in an `i64` (also `bool`: pass 0/1).
pub fn hash_i64(v: i64) -> i64 {
    let magnitude = v.unsigned_abs() % HASH_MODULUS;
    signed(magnitude, v < 0)
}

/// `hash(v)` for an arbitrary-precision Python `int`.
pub fn hash_bigint(v: &BigInt) -> i64 {
    // |v| = sum d_k * 2**(64k); 2**64 = 8 * 2**61 ≡ 8 (mod 2**61 - 1).
    let mut acc: u64 = 0;
    for digit in v.magnitude().iter_u64_digits().rev() {
        let x = (acc as u128) * 8 + (digit as u128);
        acc = (x % (HASH_MODULUS as u128)) as u64;
    }
    signed(acc, v.sign() == Sign::Minus)
}

/// Multiplies `x` (with `x < 2**61 - 1`) by `2**e` modulo `2**61 - 1`,
/// for `0 <= e < 61`: a rotation within 61 bits.
#[inline]
fn rotate61(x: u64, e: u32) -> u64 {
    if e == 0 {
        return x;
    }
    ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e))
}

/// `hash(v)` for a Python `float`: CPython's `_Py_HashDouble`.
///
/// Finite values hash to `sign * (|v| mod (2**61 - 1))` where the modulus is
/// taken of the exact rational value, so integral floats hash like the equal
/// `int`.  `inf` hashes to 314159 and `-inf` to -314159.
///
/// NaN: CPython 3.11 hashes a NaN by the identity of the float object
/// (`_Py_HashPointer`), so distinct NaN objects land in distinct buckets.
/// This function returns 0 for every NaN; a caller that wants CPython's
/// behaviour can substitute an identity-based hash for NaN values.
pub fn hash_f64(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let bits = v.to_bits();
    let negative = (bits >> 63) != 0;
    let biased_exp = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    // v = mantissa * 2**exp exactly, with mantissa < 2**53.
    let (mantissa, exp) = if biased_exp == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased_exp - 1075)
    };
    if mantissa == 0 {
        return 0; // 0.0 and -0.0
    }
    // mantissa < 2**53 < 2**61 - 1, so it is already reduced.
    let e = exp.rem_euclid(HASH_BITS as i32) as u32;
    signed(rotate61(mantissa, e), negative)
}

/// Final avalanche step (the SplitMix64 / MurmurHash3 finalizer), so that the
/// low bits used for table indexing depend on every input byte.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Deterministic hash of a byte string (`hash(b"...")`).
///
/// FNV-1a over the bytes, then an avalanche mix.  The empty string hashes to
/// 0 (as in CPython); the result is never -1.
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in b {
        h ^= byte as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h = mix64(h ^ (b.len() as u64));
    fix_minus_one(h as i64)
}

/// Deterministic hash of a `str`: the hash of its UTF-8 encoding, so that as
/// in CPython `hash("abc") == hash(b"abc")` for ASCII text.  Never -1.
pub fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(tuple)`: CPython 3.11's `tuplehash` (xxHash-based), given the
/// hashes of the items in order and the tuple's length.
pub fn hash_tuple(items: impl Iterator<Item = i64>, len: usize) -> i64 {
    let mut acc: u64 = XXPRIME_5;
    for lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((len as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap_or_default()
    }

    // Expected values computed with CPython 3.11 (64-bit).
    #[test]
    fn ints_match_cpython() {
        let cases: &[(i64, i64)] = &[
            (0, 0),
            (1, 1),
            (-1, -2),
            (-2, -2),
            (12345, 12345),
            (-12345, -12345),
            (i64::MAX, 3),
            (i64::MIN, -4),
            ((1 << 61) - 1, 0),
            (1 << 61, 1),
            (-(1 << 61), -1 - 1), // hash(-2**61) == -1 -> -2
            ((1 << 62) + 5, 7),
        ];
        for &(v, h) in cases {
            assert_eq!(hash_i64(v), h, "hash({v})");
            assert_eq!(hash_bigint(&BigInt::from(v)), h, "hash_bigint({v})");
        }
    }

    #[test]
    fn bigints_match_cpython() {
        let cases: &[(&str, i64)] = &[
            ("18446744073709551616", 8), // 2**64
            ("-18446744073709551616", -8),
            ("340282366920938463463374607431768211456", 64), // 2**128
            ("2305843009213693951", 0),                      // 2**61-1
            ("4611686018427387902", 0),                      // 2*(2**61-1)
            ("123456789012345678901234567890", 248_789_772_095_949_448),
            ("-123456789012345678901234567890", -248_789_772_095_949_448),
        ];
        for &(s, h) in cases {
            assert_eq!(hash_bigint(&big(s)), h, "hash({s})");
        }
    }

    #[test]
    fn floats_match_cpython() {
        let cases: &[(f64, i64)] = &[
            (0.0, 0),
            (-0.0, 0),
            (1.0, 1),
            (-1.0, -2),
            (1.5, 1_152_921_504_606_846_977),
            (-1.5, -1_152_921_504_606_846_977),
            (0.1, 230_584_300_921_369_408),
            (std::f64::consts::PI, 326_490_430_436_040_707),
            (1e300, 1_224_995_262_755_759_164),
            (5e-324, 16_777_216),
            (f64::INFINITY, 314_159),
            (f64::NEG_INFINITY, -314_159),
            (f64::NAN, 0),
            (2f64.powi(61), 1),
            (2f64.powi(64), 8),
        ];
        for &(v, h) in cases {
            assert_eq!(hash_f64(v), h, "hash({v:?})");
        }
    }

    #[test]
    fn equal_numbers_hash_equal() {
        for v in [
            -1000i64,
            -3,
            -2,
            -1,
            0,
            1,
            2,
            7,
            1 << 40,
            1 << 53,
            -(1 << 53),
        ] {
            assert_eq!(hash_i64(v), hash_f64(v as f64), "{v}");
            assert_eq!(hash_bigint(&BigInt::from(v)), hash_i64(v));
        }
        assert_eq!(hash_f64(1e20), hash_bigint(&big("100000000000000000000")));
        assert_eq!(hash_f64(-1e20), hash_bigint(&big("-100000000000000000000")));
    }

    #[test]
    fn tuples_match_cpython() {
        assert_eq!(hash_tuple(std::iter::empty(), 0), 5_740_354_900_026_072_187);
        assert_eq!(
            hash_tuple([1, 2].into_iter(), 2),
            -3_550_055_125_485_641_917
        );
        assert_eq!(hash_tuple([1].into_iter(), 1), -6_644_214_454_873_602_895);
        let inner = hash_tuple([1, 2].into_iter(), 2);
        assert_eq!(
            hash_tuple([inner, 3].into_iter(), 2),
            -333_907_151_259_015_829
        );
        assert_eq!(
            hash_tuple([-2, -2, 0].into_iter(), 3),
            2_483_540_026_688_461_915
        );
    }

    #[test]
    fn strings_are_deterministic_and_not_minus_one() {
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_bytes(b""), 0);
        assert_eq!(hash_str("abc"), hash_bytes(b"abc"));
        assert_ne!(hash_str("a"), hash_str("b"));
        assert_eq!(hash_str("hello"), hash_str("hello"));
        for s in ["a", "b", "ab", "ba", "hello", "world", "\u{e9}"] {
            assert_ne!(hash_str(s), -1);
        }
    }
}
