//! CPython-compatible Mersenne Twister and the `random` module algorithms.
//!
//! This is a bit-exact port of CPython 3.11's `Modules/_randommodule.c`
//! (seeding, `random()`, `getrandbits()`, over the MT19937 core in
//! `mt19937`)
//! together with the pure-Python algorithms of `Lib/random.py`
//! (`_randbelow_with_getrandbits`, `randrange`, `randint`, `choice`,
//! `shuffle`, `sample`, `choices` and the real-valued distributions).
//!
//! The goal is that `random.seed(x)` followed by the same calls produces
//! exactly the numbers CPython 3.11 produces.  Every draw consumes the same
//! 32-bit outputs of the generator in the same order as CPython does, and the
//! floating-point formulas are evaluated in the same order (no fused
//! operations), using the platform libm (`ln`, `exp`, `cos`, `sin`, `sqrt`,
//! `acos`, `powf`) just like CPython's `math` module.
//!
//! Seeding supports everything `random.seed()` accepts in 3.11: `None`
//! (operating-system entropy), `int` (any size; CPython uses `abs(n)`),
//! `float` (via CPython's float hash), and `str` / `bytes` / `bytearray`
//! with version 2 (SHA-512 based, from the `sha2` crate) or
//! version 1 (the legacy string hash).
//!
//! Where Python raises, the methods return a [`RandomError`] whose
//! [`RandomErrorKind`] names the Python exception class and whose message is
//! CPython 3.11's exact message.  Nothing in this module panics.

use std::collections::HashSet;
use std::fmt;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};

use super::mt19937::{Mt19937, N};
use crate::vm::prelude::{FloatPowError, hash_f64, pow_f64};

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// The Python exception class a [`RandomError`] corresponds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RandomErrorKind {
    ValueError,
    TypeError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
}

impl RandomErrorKind {
    /// The Python name of the exception class, e.g. `"ValueError"`.
    pub fn python_name(self) -> &'static str {
        match self {
            RandomErrorKind::ValueError => "ValueError",
            RandomErrorKind::TypeError => "TypeError",
            RandomErrorKind::IndexError => "IndexError",
            RandomErrorKind::ZeroDivisionError => "ZeroDivisionError",
            RandomErrorKind::OverflowError => "OverflowError",
        }
    }
}

/// An error that CPython would raise, with its exception class and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RandomError {
    pub kind: RandomErrorKind,
    pub message: String,
}

impl RandomError {
    pub fn new(kind: RandomErrorKind, message: impl Into<String>) -> Self {
        RandomError {
            kind,
            message: message.into(),
        }
    }
    fn value(message: impl Into<String>) -> Self {
        Self::new(RandomErrorKind::ValueError, message)
    }
    fn index(message: impl Into<String>) -> Self {
        Self::new(RandomErrorKind::IndexError, message)
    }
    fn zero_div() -> Self {
        Self::new(RandomErrorKind::ZeroDivisionError, "float division by zero")
    }
    fn math_domain() -> Self {
        Self::value("math domain error")
    }
    fn math_range() -> Self {
        Self::new(RandomErrorKind::OverflowError, "math range error")
    }
    /// `ValueError("Sample larger than population or is negative")`, also
    /// what callers should raise for a negative `k` in `sample()`.
    pub fn sample_too_large() -> Self {
        Self::value("Sample larger than population or is negative")
    }
    /// `IndexError("Cannot choose from an empty sequence")` (`choice([])`).
    pub fn empty_choice() -> Self {
        Self::index("Cannot choose from an empty sequence")
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.python_name(), self.message)
    }
}

impl std::error::Error for RandomError {}

pub type RandomResult<T> = Result<T, RandomError>;

// ---------------------------------------------------------------------------
// Constants (Lib/random.py), exact round-trip reprs of CPython's values.
// ---------------------------------------------------------------------------

/// `4 * exp(-0.5) / sqrt(2.0)`
pub const NV_MAGICCONST: f64 = 1.7155277699214135;
/// `2.0 * pi`
pub const TWOPI: f64 = std::f64::consts::TAU;
/// `log(4.0)`
pub const LOG4: f64 = 1.3862943611198906;
/// `1.0 + log(4.5)`
pub const SG_MAGICCONST: f64 = 2.504077396776274;

// ---------------------------------------------------------------------------
// Python float / math semantics helpers
// ---------------------------------------------------------------------------

/// Python `a / b` for floats.
fn py_div(a: f64, b: f64) -> RandomResult<f64> {
    if b == 0.0 {
        Err(RandomError::zero_div())
    } else {
        Ok(a / b)
    }
}

/// `math.log(x)`.
fn py_log(x: f64) -> RandomResult<f64> {
    if x.is_nan() || x == f64::INFINITY {
        Ok(x)
    } else if x > 0.0 {
        Ok(x.ln())
    } else {
        Err(RandomError::math_domain())
    }
}

/// `math.exp(x)`.
fn py_exp(x: f64) -> RandomResult<f64> {
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        Err(RandomError::math_range())
    } else {
        Ok(r)
    }
}

/// `math.sqrt(x)`.
fn py_sqrt(x: f64) -> RandomResult<f64> {
    if x < 0.0 {
        Err(RandomError::math_domain())
    } else {
        Ok(x.sqrt())
    }
}

/// `math.cos(x)`.
fn py_cos(x: f64) -> RandomResult<f64> {
    if x.is_infinite() {
        Err(RandomError::math_domain())
    } else {
        Ok(x.cos())
    }
}

/// `math.acos(x)`.
fn py_acos(x: f64) -> RandomResult<f64> {
    if x.is_nan() {
        Ok(x)
    } else if !(-1.0..=1.0).contains(&x) {
        Err(RandomError::math_domain())
    } else {
        Ok(x.acos())
    }
}

/// Python float `a % b` (result takes the sign of `b`).
fn py_fmod(a: f64, b: f64) -> RandomResult<f64> {
    if b == 0.0 {
        return Err(RandomError::new(
            RandomErrorKind::ZeroDivisionError,
            "float modulo",
        ));
    }
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            Ok(m + b)
        } else {
            Ok(m)
        }
    } else {
        Ok(0.0f64.copysign(b))
    }
}

/// Python float `v ** w` (`vm::ops::pow_f64`, with its exceptions).
fn py_pow(v: f64, w: f64) -> RandomResult<f64> {
    pow_f64(v, w).map_err(|e| {
        let kind = match e {
            FloatPowError::ZeroToNegative => RandomErrorKind::ZeroDivisionError,
            FloatPowError::NegativeToFraction => RandomErrorKind::ValueError,
            FloatPowError::Overflow => RandomErrorKind::OverflowError,
        };
        RandomError::new(kind, e.message())
    })
}

/// Python `a // b` for `b != 0` (floor division).
fn floor_div_i128(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// `bisect.bisect_right(a, x, lo, hi)`.
fn bisect_right_f64(a: &[f64], x: f64, mut lo: usize, mut hi: usize) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if x < a[mid] { hi = mid } else { lo = mid + 1 }
    }
    lo
}

fn bisect_right_i128(a: &[i128], x: i128) -> usize {
    let (mut lo, mut hi) = (0usize, a.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if x < a[mid] { hi = mid } else { lo = mid + 1 }
    }
    lo
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// MT19937 state plus `random.Random`'s `gauss_next`, behaving exactly like a
/// CPython 3.11 `random.Random` instance.
#[derive(Clone)]
pub struct MersenneTwister {
    mt: Mt19937,
    gauss_next: Option<f64>,
}

impl fmt::Debug for MersenneTwister {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MersenneTwister")
            .field("index", &self.mt.state().1)
            .field("gauss_next", &self.gauss_next)
            .finish_non_exhaustive()
    }
}

impl Default for MersenneTwister {
    /// Seeded from operating-system entropy, like `random.Random()`.
    fn default() -> Self {
        Self::new()
    }
}

impl MersenneTwister {
    fn blank() -> Self {
        MersenneTwister {
            mt: Mt19937::blank(),
            gauss_next: None,
        }
    }

    /// A generator seeded from operating-system entropy (`random.Random()`).
    pub fn new() -> Self {
        let mut mt = Self::blank();
        mt.seed_from_entropy();
        mt
    }

    /// Equivalent to `random.Random(seed)` for a non-negative int seed.
    pub fn from_seed_u64(seed: u64) -> Self {
        let mut mt = Self::blank();
        mt.seed_u64(seed);
        mt
    }

    /// Equivalent to `random.Random(seed)` for any int seed.
    pub fn from_seed_int(seed: &BigInt) -> Self {
        let mut mt = Self::blank();
        mt.seed_int(seed);
        mt
    }

    // ----- seeding ---------------------------------------------------------

    /// `random.seed(n)` for a non-negative int `n < 2**64`.
    pub fn seed_u64(&mut self, n: u64) {
        let lo = n as u32;
        let hi = (n >> 32) as u32;
        if hi == 0 {
            self.mt.init_by_array(&[lo]);
        } else {
            self.mt.init_by_array(&[lo, hi]);
        }
        self.gauss_next = None;
    }

    /// `random.seed(n)` for an int (also `bool`): CPython seeds with the
    /// little-endian 32-bit chunks of `abs(n)` (`[0]` for zero).
    pub fn seed_int(&mut self, n: &BigInt) {
        self.seed_biguint(n.magnitude());
    }

    /// `random.seed(n)` for a non-negative int given as a `BigUint`.
    pub fn seed_biguint(&mut self, n: &BigUint) {
        let mut key = n.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.mt.init_by_array(&key);
        self.gauss_next = None;
    }

    /// `random.seed(x)` for a float: CPython seeds with `hash(x)` viewed as
    /// an unsigned 64-bit integer.  NaN hashes by object identity in CPython
    /// (i.e. unpredictably), so a NaN seed is seeded from entropy here.
    pub fn seed_float(&mut self, x: f64) {
        if x.is_nan() {
            self.seed_from_entropy();
            return;
        }
        // CPython's `hash(x)` (`_Py_HashDouble`) as a C `size_t`.
        self.seed_u64(hash_f64(x) as u64);
    }

    /// `random.seed(b)` for `bytes`/`bytearray` with the default version 2:
    /// seeds with `int.from_bytes(b + sha512(b).digest(), 'big')`.
    pub fn seed_bytes(&mut self, b: &[u8]) {
        let mut buf = Vec::with_capacity(b.len() + 64);
        buf.extend_from_slice(b);
        buf.extend_from_slice(&Sha512::digest(b));
        self.seed_biguint(&BigUint::from_bytes_be(&buf));
    }

    /// `random.seed(s)` for a `str` with the default version 2 (the string
    /// is UTF-8 encoded, then as [`seed_bytes`](Self::seed_bytes)).
    pub fn seed_str(&mut self, s: &str) {
        self.seed_bytes(s.as_bytes());
    }

    /// Version-1 string hash over a sequence of code points.
    fn seed_v1_codes(&mut self, codes: impl Iterator<Item = u32>, len: usize) {
        let mut codes = codes.peekable();
        let mut x: u64 = match codes.peek() {
            Some(&c) => u64::from(c) << 7,
            None => 0,
        };
        for c in codes {
            x = 1_000_003u64.wrapping_mul(x) ^ u64::from(c);
        }
        x ^= len as u64;
        // `a = -2 if x == -1 else x` can never trigger: x is non-negative.
        self.seed_u64(x);
    }

    /// `random.seed(s, version=1)` for a `str`.
    pub fn seed_str_v1(&mut self, s: &str) {
        let len = s.chars().count();
        self.seed_v1_codes(s.chars().map(u32::from), len);
    }

    /// `random.seed(b, version=1)` for `bytes` (decoded as latin-1).
    pub fn seed_bytes_v1(&mut self, b: &[u8]) {
        self.seed_v1_codes(b.iter().map(|&c| u32::from(c)), b.len());
    }

    /// `random.seed()` / `random.seed(None)`: 624 words from `/dev/urandom`,
    /// falling back on time, process id and std's hasher keys.
    pub fn seed_from_entropy(&mut self) {
        if let Some(key) = read_urandom_words() {
            self.mt.init_by_array(&key);
        } else {
            self.mt.init_by_array(&fallback_entropy_words());
        }
        self.gauss_next = None;
    }

    // ----- state -----------------------------------------------------------

    /// The 624 state words, the position index (0..=624) and `gauss_next`;
    /// `random.getstate()` is `(3, tuple(words + [index]), gauss_next)`.
    pub fn getstate(&self) -> (Vec<u32>, usize, Option<f64>) {
        let (words, index) = self.mt.state();
        (words.to_vec(), index, self.gauss_next)
    }

    /// Inverse of [`getstate`](Self::getstate), with CPython's validation:
    /// `words` must hold 624 entries ("state vector is the wrong size") and
    /// `0 <= index <= 624` ("invalid state").  Callers handle the tuple
    /// unpacking (the Python tuple has 625 entries, the last being `index`).
    pub fn setstate(
        &mut self,
        words: &[u32],
        index: i64,
        gauss_next: Option<f64>,
    ) -> RandomResult<()> {
        let Ok(words) = <&[u32; N]>::try_from(words) else {
            return Err(RandomError::value("state vector is the wrong size"));
        };
        if !(0..=N as i64).contains(&index) {
            return Err(RandomError::value("invalid state"));
        }
        self.mt.set_state(words, index as usize);
        self.gauss_next = gauss_next;
        Ok(())
    }

    // ----- basic draws -------------------------------------------------------

    /// `random.random()`: 53-bit float in `[0.0, 1.0)` (`genrand_res53`).
    pub fn random(&mut self) -> f64 {
        self.mt.next_f64()
    }

    /// `random.getrandbits(k)` for `k <= 64` as a `u64`; `None` if `k > 64`.
    /// Consumes exactly the same generator outputs as [`getrandbits`](Self::getrandbits).
    pub fn getrandbits_u64(&mut self, k: u32) -> Option<u64> {
        match k {
            0 => Some(0),
            1..=32 => Some(u64::from(self.mt.next_u32() >> (32 - k))),
            33..=64 => {
                let lo = u64::from(self.mt.next_u32());
                let hi = u64::from(self.mt.next_u32() >> (64 - k));
                Some(lo | (hi << 32))
            }
            _ => None,
        }
    }

    /// `random.getrandbits(k)`: an int with `k` random bits, filled from the
    /// least significant 32-bit word upward; the last partial word keeps the
    /// most significant bits of its output.
    pub fn getrandbits(&mut self, k: u32) -> BigUint {
        if k <= 64 {
            return BigUint::from(self.getrandbits_u64(k).unwrap_or(0));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut out = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.mt.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(out)
    }

    /// `random.getrandbits(k)` with Python's argument checks: negative `k`
    /// is `ValueError("number of bits must be non-negative")`, a `k` beyond
    /// a C int is `OverflowError("Python int too large to convert to C int")`.
    pub fn getrandbits_checked(&mut self, k: &BigInt) -> RandomResult<BigUint> {
        match k.to_i32() {
            Some(k) if k < 0 => Err(RandomError::value("number of bits must be non-negative")),
            Some(k) => Ok(self.getrandbits(k as u32)),
            None => Err(RandomError::new(
                RandomErrorKind::OverflowError,
                "Python int too large to convert to C int",
            )),
        }
    }

    /// `random.randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`.
    /// (For `n * 8` beyond a C int CPython raises OverflowError; callers with
    /// such sizes should not get here.)
    pub fn randbytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        let mut left = n;
        while left > 0 {
            let mut r = self.mt.next_u32();
            if left < 4 {
                r >>= 32 - 8 * left as u32;
            }
            let take = left.min(4);
            out.extend_from_slice(&r.to_le_bytes()[..take]);
            left -= take;
        }
        out
    }

    // ----- integers (Lib/random.py) -----------------------------------------

    /// `_randbelow_with_getrandbits(n)` for `n <= u64::MAX`; `None` if `n == 0`
    /// (CPython would loop forever; every public caller checks first).
    pub fn randbelow_u64(&mut self, n: u64) -> Option<u64> {
        if n == 0 {
            return None;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k)?;
            if r < n {
                return Some(r);
            }
        }
    }

    /// `_randbelow_with_getrandbits(n)`: `k = n.bit_length()`, draw
    /// `getrandbits(k)` until it is below `n`.  `n == 0` is a ValueError.
    pub fn randbelow(&mut self, n: &BigUint) -> RandomResult<BigUint> {
        if n.is_zero() {
            return Err(RandomError::value("randbelow() requires n > 0"));
        }
        if let Some(small) = n.to_u64() {
            return Ok(BigUint::from(self.randbelow_u64(small).unwrap_or(0)));
        }
        let k = u32::try_from(n.bits()).map_err(|_| {
            RandomError::new(
                RandomErrorKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })?;
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return Ok(r);
            }
        }
    }

    fn randbelow_bigint(&mut self, n: &BigInt) -> RandomResult<BigInt> {
        match n.to_biguint() {
            Some(u) => Ok(BigInt::from(self.randbelow(&u)?)),
            None => Err(RandomError::value("randbelow() requires n > 0")),
        }
    }

    /// `random.randrange(start[, stop[, step]])` for int arguments.  `stop`
    /// is `None` for the one-argument form; `step` is `None` when omitted.
    /// Errors (CPython 3.11 wording):
    /// * `randrange(0)` → `ValueError("empty range for randrange()")`
    /// * `randrange(5, None, 2)` → `TypeError("Missing a non-None stop argument")`
    /// * `randrange(5, 5)` → `ValueError("empty range for randrange() (5, 5, 0)")`
    /// * `randrange(0, 10, 0)` → `ValueError("zero step for randrange()")`
    /// * `randrange(10, 0, 2)` → `ValueError("empty range for randrange()")`
    ///
    /// Non-int arguments (floats: integral ones are accepted with a
    /// DeprecationWarning, others give `ValueError("non-integer arg 1 for
    /// randrange()")` / `"non-integer stop for randrange()"` / `"non-integer
    /// step for randrange()"`) are the caller's to convert.
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: Option<&BigInt>,
    ) -> RandomResult<BigInt> {
        let Some(stop) = stop else {
            // `step is not _ONE`: only the int 1 is the cached object.
            if step.is_some_and(|s| !s.is_one()) {
                return Err(RandomError::new(
                    RandomErrorKind::TypeError,
                    "Missing a non-None stop argument",
                ));
            }
            if start.is_positive() {
                return self.randbelow_bigint(start);
            }
            return Err(RandomError::value("empty range for randrange()"));
        };
        let width = stop - start;
        let one = BigInt::one();
        let istep = step.unwrap_or(&one);
        if istep.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow_bigint(&width)?);
            }
            return Err(RandomError::value(format!(
                "empty range for randrange() ({}, {}, {})",
                start, stop, width
            )));
        }
        let n = match istep.sign() {
            Sign::Plus => Integer::div_floor(&(&width + istep - 1u32), istep),
            Sign::Minus => Integer::div_floor(&(&width + istep + 1u32), istep),
            Sign::NoSign => return Err(RandomError::value("zero step for randrange()")),
        };
        if !n.is_positive() {
            return Err(RandomError::value("empty range for randrange()"));
        }
        Ok(start + istep * self.randbelow_bigint(&n)?)
    }

    /// `random.randint(a, b)` = `randrange(a, b + 1)`.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> RandomResult<BigInt> {
        let stop = b + 1;
        self.randrange(a, Some(&stop), None)
    }

    /// [`randrange`](Self::randrange) for machine integers (same draws, same
    /// errors), without big-integer allocation.
    pub fn randrange_i64(
        &mut self,
        start: i64,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> RandomResult<i64> {
        self.randrange_i128(start, stop.map(i128::from), step)
    }

    /// [`randint`](Self::randint) for machine integers.
    pub fn randint_i64(&mut self, a: i64, b: i64) -> RandomResult<i64> {
        self.randrange_i128(a, Some(i128::from(b) + 1), None)
    }

    fn randrange_i128(
        &mut self,
        start: i64,
        stop: Option<i128>,
        step: Option<i64>,
    ) -> RandomResult<i64> {
        let istart = i128::from(start);
        let Some(istop) = stop else {
            if step.is_some_and(|s| s != 1) {
                return Err(RandomError::new(
                    RandomErrorKind::TypeError,
                    "Missing a non-None stop argument",
                ));
            }
            if start > 0 {
                let r = self.randbelow_u64(start as u64).unwrap_or(0);
                return Ok(r as i64);
            }
            return Err(RandomError::value("empty range for randrange()"));
        };
        let width = istop - istart;
        let istep = i128::from(step.unwrap_or(1));
        let (n, istep) = if istep == 1 {
            if width <= 0 {
                return Err(RandomError::value(format!(
                    "empty range for randrange() ({}, {}, {})",
                    istart, istop, width
                )));
            }
            (width, 1)
        } else {
            let n = if istep > 0 {
                floor_div_i128(width + istep - 1, istep)
            } else if istep < 0 {
                floor_div_i128(width + istep + 1, istep)
            } else {
                return Err(RandomError::value("zero step for randrange()"));
            };
            if n <= 0 {
                return Err(RandomError::value("empty range for randrange()"));
            }
            (n, istep)
        };
        // n > 0 here; it exceeds u64 only for randint(i64::MIN, i64::MAX).
        let r = match u64::try_from(n) {
            Ok(n) => i128::from(self.randbelow_u64(n).unwrap_or(0)),
            Err(_) => {
                let r = self.randbelow(&BigUint::from(n as u128))?;
                r.to_i128().unwrap_or(0)
            }
        };
        i64::try_from(istart + istep * r).map_err(|_| {
            RandomError::new(RandomErrorKind::OverflowError, "result does not fit in i64")
        })
    }

    // ----- sequences ---------------------------------------------------------

    /// Index for `random.choice(seq)`: `randbelow(len)`; `None` for an empty
    /// sequence (Python: `IndexError("Cannot choose from an empty sequence")`,
    /// see [`RandomError::empty_choice`]).
    pub fn choice_index(&mut self, len: usize) -> Option<usize> {
        self.randbelow_u64(len as u64).map(|i| i as usize)
    }

    /// `random.shuffle(x)` in place: for `i` in `reversed(range(1, len))`,
    /// `j = randbelow(i + 1)`, swap `x[i]` and `x[j]`.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.randbelow_u64(i as u64 + 1).unwrap_or(0) as usize;
            v.swap(i, j);
        }
    }

    /// The permutation `random.shuffle(list(range(n)))` produces.
    pub fn shuffle_indices(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        self.shuffle(&mut v);
        v
    }

    /// Indices chosen by `random.sample(population, k)` with
    /// `len(population) == n`, in selection order.  Follows Lib/random.py
    /// exactly, including the `setsize` heuristic that picks between the
    /// pool algorithm and the set-based rejection algorithm.  `k > n` is
    /// `ValueError("Sample larger than population or is negative")`
    /// (callers raise the same for a negative `k`).
    pub fn sample_indices(&mut self, n: usize, k: usize) -> RandomResult<Vec<usize>> {
        if k > n {
            return Err(RandomError::sample_too_large());
        }
        let mut setsize: u128 = 21;
        if k > 5 {
            // setsize += 4 ** _ceil(_log(k * 3, 4))
            let x = (k as u128 * 3) as f64;
            let e = (x.ln() / LOG4_FOR_MATH_LOG).ceil();
            if e >= 63.0 {
                setsize = u128::MAX;
            } else {
                let e = e.max(0.0) as u32;
                setsize = setsize.saturating_add(4u128.saturating_pow(e));
            }
        }
        let mut result = Vec::with_capacity(k);
        if (n as u128) <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_u64((n - i) as u64).unwrap_or(0) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected: HashSet<usize> = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_u64(n as u64).unwrap_or(0) as usize;
                while selected.contains(&j) {
                    j = self.randbelow_u64(n as u64).unwrap_or(0) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `random.sample(population, k, counts=counts)` with
    /// `len(population) == population_len`: returns indices into the
    /// population.  Errors as in CPython: count/population length mismatch,
    /// `IndexError("pop from empty list")` for empty counts, non-positive
    /// total, oversize sample.  (`counts` must be ints; a non-int total is
    /// the caller's `TypeError("Counts must be integers")`.)
    pub fn sample_with_counts(
        &mut self,
        population_len: usize,
        counts: &[i64],
        k: usize,
    ) -> RandomResult<Vec<usize>> {
        let mut cum: Vec<i128> = Vec::with_capacity(counts.len());
        let mut acc: i128 = 0;
        for &c in counts {
            acc += i128::from(c);
            cum.push(acc);
        }
        if cum.len() != population_len {
            return Err(RandomError::value(
                "The number of counts does not match the population",
            ));
        }
        let Some(total) = cum.pop() else {
            return Err(RandomError::index("pop from empty list"));
        };
        if total <= 0 {
            return Err(RandomError::value(
                "Total of counts must be greater than zero",
            ));
        }
        let total = usize::try_from(total)
            .ok()
            .filter(|&t| t <= isize::MAX as usize)
            .ok_or_else(|| {
                RandomError::new(
                    RandomErrorKind::OverflowError,
                    "Python int too large to convert to C ssize_t",
                )
            })?;
        let selections = self.sample_indices(total, k)?;
        Ok(selections
            .into_iter()
            .map(|s| bisect_right_i128(&cum, s as i128))
            .collect())
    }

    /// `random.choices(population, k=k)` without weights, as indices:
    /// `floor(random() * n)` each.  For an empty population with `k > 0`
    /// CPython draws once and then fails indexing: one `random()` is consumed
    /// and `IndexError("list index out of range")` returned (the message is
    /// the list one; tuples/ranges word it differently).
    pub fn choices_indices(&mut self, n: usize, k: usize) -> RandomResult<Vec<usize>> {
        let nf = n as f64;
        let mut out = Vec::with_capacity(if n == 0 { 0 } else { k });
        for _ in 0..k {
            let idx = (self.random() * nf).floor();
            if idx >= nf {
                return Err(RandomError::index("list index out of range"));
            }
            out.push(idx as usize);
        }
        Ok(out)
    }

    /// `random.choices(population, weights, k=k)` as indices; `weights` are
    /// accumulated left to right in f64 like `itertools.accumulate` would for
    /// floats (for int weights this matches while the sums stay below 2**53).
    pub fn choices_weighted(
        &mut self,
        n: usize,
        weights: &[f64],
        k: usize,
    ) -> RandomResult<Vec<usize>> {
        let mut cum = Vec::with_capacity(weights.len());
        let mut acc = 0.0f64;
        for (i, &w) in weights.iter().enumerate() {
            acc = if i == 0 { w } else { acc + w };
            cum.push(acc);
        }
        self.choices_cum_weights(n, &cum, k)
    }

    /// `random.choices(population, cum_weights=cum, k=k)` as indices.
    pub fn choices_cum_weights(
        &mut self,
        n: usize,
        cum_weights: &[f64],
        k: usize,
    ) -> RandomResult<Vec<usize>> {
        if cum_weights.len() != n {
            return Err(RandomError::value(
                "The number of weights does not match the population",
            ));
        }
        let Some(&last) = cum_weights.last() else {
            return Err(RandomError::index("list index out of range"));
        };
        let total = last + 0.0;
        if total <= 0.0 {
            return Err(RandomError::value(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(RandomError::value("Total of weights must be finite"));
        }
        let hi = n - 1;
        Ok((0..k)
            .map(|_| {
                let x = self.random() * total;
                bisect_right_f64(cum_weights, x, 0, hi)
            })
            .collect())
    }

    // ----- real-valued distributions ----------------------------------------

    /// `random.uniform(a, b)` = `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `random.triangular(low, high, mode)`; `mode == None` means the
    /// midpoint.  A zero `high - low` with a mode returns `low` (after the
    /// draw), as CPython catches the ZeroDivisionError.
    pub fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> RandomResult<f64> {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            Some(m) => match py_div(m - low, high - low) {
                Ok(c) => c,
                Err(_) => return Ok(low),
            },
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        Ok(low + (high - low) * py_sqrt(u * c)?)
    }

    /// `random.normalvariate(mu, sigma)` (Kinderman–Monahan).
    pub fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = NV_MAGICCONST * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            // u2 is in (0, 1], so the log cannot fail.
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `random.gauss(mu, sigma)`, with the `gauss_next` cache (cleared by
    /// every seed).
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                // 1.0 - random() is in (0, 1], x2pi is finite: no math errors.
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// The cached second normal deviate of [`gauss`](Self::gauss), if any.
    pub fn gauss_next(&self) -> Option<f64> {
        self.gauss_next
    }

    /// `random.lognormvariate(mu, sigma)` = `exp(normalvariate(mu, sigma))`
    /// (OverflowError "math range error" when the exp overflows).
    pub fn lognormvariate(&mut self, mu: f64, sigma: f64) -> RandomResult<f64> {
        py_exp(self.normalvariate(mu, sigma))
    }

    /// `random.expovariate(lambd)` = `-log(1.0 - random()) / lambd`
    /// (ZeroDivisionError for `lambd == 0`, after the draw).
    pub fn expovariate(&mut self, lambd: f64) -> RandomResult<f64> {
        let u = 1.0 - self.random();
        py_div(-py_log(u)?, lambd)
    }

    /// `random.vonmisesvariate(mu, kappa)`.
    /// Like CPython, a NaN `kappa` never leaves the rejection loop.
    pub fn vonmisesvariate(&mut self, mu: f64, kappa: f64) -> RandomResult<f64> {
        if kappa <= 1e-6 {
            return Ok(TWOPI * self.random());
        }
        let s = py_div(0.5, kappa)?;
        let r = s + py_sqrt(1.0 + s * s)?;
        let z = loop {
            let u1 = self.random();
            let z = py_cos(std::f64::consts::PI * u1)?;
            let d = py_div(z, r + z)?;
            let u2 = self.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * py_exp(d)? {
                break z;
            }
        };
        let q = py_div(1.0, r)?;
        let f = py_div(q + z, 1.0 + q * z)?;
        let u3 = self.random();
        if u3 > 0.5 {
            py_fmod(mu + py_acos(f)?, TWOPI)
        } else {
            py_fmod(mu - py_acos(f)?, TWOPI)
        }
    }

    /// `random.gammavariate(alpha, beta)`; both must be `> 0`
    /// (`ValueError("gammavariate: alpha and beta must be > 0.0")`).
    /// Like CPython, a NaN `alpha` never leaves the rejection loop.
    pub fn gammavariate(&mut self, alpha: f64, beta: f64) -> RandomResult<f64> {
        if alpha <= 0.0 || beta <= 0.0 {
            return Err(RandomError::value(
                "gammavariate: alpha and beta must be > 0.0",
            ));
        }
        if alpha > 1.0 {
            let ainv = py_sqrt(2.0 * alpha - 1.0)?;
            let bbb = alpha - LOG4;
            let ccc = alpha + ainv;
            loop {
                let u1 = self.random();
                if !(1e-7 < u1 && u1 < 0.9999999) {
                    continue;
                }
                let u2 = 1.0 - self.random();
                let v = py_div(py_log(py_div(u1, 1.0 - u1)?)?, ainv)?;
                let x = alpha * py_exp(v)?;
                let z = u1 * u1 * u2;
                let r = bbb + ccc * v - x;
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= py_log(z)? {
                    return Ok(x * beta);
                }
            }
        } else if alpha == 1.0 {
            Ok(-py_log(1.0 - self.random())? * beta)
        } else {
            let e = std::f64::consts::E;
            let x = loop {
                let u = self.random();
                let b = (e + alpha) / e;
                let p = b * u;
                let x = if p <= 1.0 {
                    py_pow(p, py_div(1.0, alpha)?)?
                } else {
                    -py_log(py_div(b - p, alpha)?)?
                };
                let u1 = self.random();
                if p > 1.0 {
                    if u1 <= py_pow(x, alpha - 1.0)? {
                        break x;
                    }
                } else if u1 <= py_exp(-x)? {
                    break x;
                }
            };
            Ok(x * beta)
        }
    }

    /// `random.betavariate(alpha, beta)`.
    pub fn betavariate(&mut self, alpha: f64, beta: f64) -> RandomResult<f64> {
        let y = self.gammavariate(alpha, 1.0)?;
        if y != 0.0 {
            let g = self.gammavariate(beta, 1.0)?;
            return py_div(y, y + g);
        }
        Ok(0.0)
    }

    /// `random.paretovariate(alpha)` = `(1.0 - random()) ** (-1.0 / alpha)`.
    pub fn paretovariate(&mut self, alpha: f64) -> RandomResult<f64> {
        let u = 1.0 - self.random();
        py_pow(u, py_div(-1.0, alpha)?)
    }

    /// `random.weibullvariate(alpha, beta)` =
    /// `alpha * (-log(1.0 - random())) ** (1.0 / beta)`.
    pub fn weibullvariate(&mut self, alpha: f64, beta: f64) -> RandomResult<f64> {
        let u = 1.0 - self.random();
        let base = -py_log(u)?;
        Ok(alpha * py_pow(base, py_div(1.0, beta)?)?)
    }
}

/// `math.log(4)` as used by `math.log(x, 4)` in `sample()`: the same value
/// as [`LOG4`].
const LOG4_FOR_MATH_LOG: f64 = LOG4;

fn read_urandom_words() -> Option<Vec<u32>> {
    use std::io::Read;
    let mut f = std::fs::File::open("/dev/urandom").ok()?;
    let mut buf = vec![0u8; N * 4];
    f.read_exact(&mut buf).ok()?;
    Some(
        buf.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

fn fallback_entropy_words() -> Vec<u32> {
    use std::hash::{BuildHasher, Hasher};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(now);
    let h = hasher.finish();
    vec![
        now as u32,
        (now >> 32) as u32,
        std::process::id(),
        h as u32,
        (h >> 32) as u32,
    ]
}

#[cfg(test)]
mod tests {
    //! Expected values were produced by CPython 3.11.7 (`python3`).
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    fn assert_f64s(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.to_bits(), w.to_bits(), "got {g:?}, want {w:?}");
        }
    }

    fn draws(mt: &mut MersenneTwister, n: usize) -> Vec<f64> {
        (0..n).map(|_| mt.random()).collect()
    }

    #[test]
    fn seed_42_random() {
        let mut mt = MersenneTwister::from_seed_u64(42);
        assert_f64s(
            &draws(&mut mt, 3),
            &[
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926,
            ],
        );
    }

    #[test]
    fn int_seeds_of_all_sizes() {
        // (seed, [first random(), 700th random()]) -- the 700th crosses a twist.
        let cases: &[(&str, [f64; 2])] = &[
            ("0", [0.8444218515250481, 0.05699047999950346]),
            ("1", [0.13436424411240122, 0.24309173409213014]),
            ("5", [0.6229016948897019, 0.6699410301584264]),
            ("4294967295", [0.6353574441341173, 0.34564689050697883]),
            ("4294967296", [0.11299430095636409, 0.1357159377093965]),
            ("4294967297", [0.2309331037176915, 0.49748498508219974]),
            (
                "100000000000000000000000000000000000000000000000000",
                [0.8266205292084633, 0.1200716956272514],
            ),
            (
                "18446744073709551615",
                [0.021825695401270107, 0.5947174111888955],
            ),
            (
                "18446744073709551616",
                [0.9776462743838505, 0.9082500604232524],
            ),
            (
                "123456789012345678901234567890",
                [0.7275084571578186, 0.15948183032410546],
            ),
        ];
        for (s, want) in cases {
            let mut mt = MersenneTwister::from_seed_int(&big(s));
            let first = mt.random();
            let mut last = first;
            for _ in 1..700 {
                last = mt.random();
            }
            assert_f64s(&[first, last], want);
            if let Ok(n) = s.parse::<u64>() {
                let mut m2 = MersenneTwister::from_seed_u64(n);
                assert_eq!(m2.random().to_bits(), want[0].to_bits(), "seed_u64 {s}");
            }
        }
    }

    #[test]
    fn negative_seed_uses_abs() {
        let mut mt = MersenneTwister::from_seed_int(&BigInt::from(-5));
        assert_f64s(
            &draws(&mut mt, 3),
            &[0.6229016948897019, 0.7417869892607294, 0.7951935655656966],
        );
        let mut a = MersenneTwister::from_seed_int(&big(
            "-100000000000000000000000000000000000000000000000000",
        ));
        let mut b = MersenneTwister::from_seed_int(&big(
            "100000000000000000000000000000000000000000000000000",
        ));
        assert_eq!(a.random(), b.random());
    }

    #[test]
    fn randint_and_dice() {
        let mut mt = MersenneTwister::from_seed_u64(1);
        assert_eq!(
            mt.randint(&BigInt::from(1), &BigInt::from(100)).unwrap(),
            BigInt::from(18)
        );
        let mut mt = MersenneTwister::from_seed_u64(7);
        let got: Vec<i64> = (0..20).map(|_| mt.randint_i64(1, 6).unwrap()).collect();
        assert_eq!(
            got,
            [3, 2, 4, 6, 1, 1, 5, 1, 3, 5, 1, 5, 2, 1, 1, 4, 4, 1, 2, 1]
        );
        let mut mt = MersenneTwister::from_seed_u64(7);
        let got: Vec<BigInt> = (0..20)
            .map(|_| mt.randint(&BigInt::from(1), &BigInt::from(6)).unwrap())
            .collect();
        let want: Vec<BigInt> = [3, 2, 4, 6, 1, 1, 5, 1, 3, 5, 1, 5, 2, 1, 1, 4, 4, 1, 2, 1]
            .iter()
            .map(|&x: &i64| BigInt::from(x))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn shuffle_matches() {
        let mut mt = MersenneTwister::from_seed_u64(12345);
        let mut v: Vec<usize> = (0..10).collect();
        mt.shuffle(&mut v);
        assert_eq!(v, [8, 7, 3, 5, 1, 2, 9, 4, 0, 6]);
        let mut mt = MersenneTwister::from_seed_u64(3);
        assert_eq!(
            mt.shuffle_indices(100),
            [
                35, 41, 45, 4, 76, 12, 0, 64, 42, 11, 81, 39, 7, 48, 78, 15, 53, 62, 9, 52, 68, 55,
                63, 65, 61, 67, 95, 18, 58, 86, 99, 92, 10, 17, 72, 21, 14, 44, 37, 91, 22, 59, 83,
                32, 26, 98, 40, 27, 43, 96, 13, 31, 57, 2, 6, 23, 56, 71, 28, 36, 51, 46, 25, 54,
                73, 79, 34, 3, 38, 5, 20, 90, 88, 49, 66, 89, 84, 19, 50, 82, 85, 97, 87, 24, 29,
                70, 33, 93, 1, 94, 8, 74, 80, 60, 77, 47, 16, 69, 75, 30
            ]
            .to_vec()
        );
        let mut empty: [u8; 0] = [];
        mt.shuffle(&mut empty);
    }

    #[test]
    fn choice_matches() {
        let mut mt = MersenneTwister::from_seed_u64(5);
        let got: Vec<usize> = (0..15).map(|_| mt.choice_index(7).unwrap()).collect();
        assert_eq!(got, [4, 2, 5, 2, 6, 5, 6, 5, 5, 4, 0, 6, 3, 6, 1]);
        assert_eq!(mt.choice_index(0), None);
        assert_eq!(
            RandomError::empty_choice().message,
            "Cannot choose from an empty sequence"
        );
    }

    #[test]
    fn uniform_matches() {
        let mut mt = MersenneTwister::from_seed_u64(3);
        let got: Vec<f64> = (0..3).map(|_| mt.uniform(1.5, 7.25)).collect();
        assert_f64s(
            &got,
            &[2.8682966057783754, 4.629318045451724, 3.627242207651456],
        );
    }

    #[test]
    fn gauss_caches_and_reseed_clears() {
        let mut mt = MersenneTwister::from_seed_u64(0);
        let mut got: Vec<f64> = (0..5).map(|_| mt.gauss(0.0, 1.0)).collect();
        got.extend((0..3).map(|_| mt.gauss(10.0, 2.5)));
        assert_f64s(
            &got,
            &[
                0.9417154046806644,
                -1.3965781047011498,
                -0.6797144480784211,
                0.3705035674606598,
                -1.016348894188071,
                9.819699943037321,
                10.447991218187141,
                7.922251961822529,
            ],
        );
        let mut mt = MersenneTwister::from_seed_u64(0);
        mt.gauss(0.0, 1.0);
        assert!(mt.gauss_next().is_some());
        mt.seed_u64(0);
        assert!(mt.gauss_next().is_none());
        assert_f64s(&[mt.gauss(0.0, 1.0)], &[0.9417154046806644]);
    }

    #[test]
    fn distributions_match() {
        let mut mt = MersenneTwister::from_seed_u64(11);
        let m = &mut mt;
        let got = vec![
            m.normalvariate(0.0, 1.0),
            m.normalvariate(2.0, 3.0),
            m.expovariate(1.5).unwrap(),
            m.expovariate(-0.5).unwrap(),
            m.lognormvariate(0.0, 1.0).unwrap(),
            m.vonmisesvariate(1.0, 4.0).unwrap(),
            m.vonmisesvariate(0.5, 1e-7).unwrap(),
            m.vonmisesvariate(-3.0, 0.5).unwrap(),
            m.gammavariate(0.5, 2.0).unwrap(),
            m.gammavariate(1.0, 2.0).unwrap(),
            m.gammavariate(3.5, 1.5).unwrap(),
            m.gammavariate(0.01, 1.0).unwrap(),
            m.betavariate(2.0, 3.0).unwrap(),
            m.betavariate(0.3, 0.4).unwrap(),
            m.paretovariate(2.5).unwrap(),
            m.weibullvariate(1.5, 2.0).unwrap(),
            m.triangular(0.0, 10.0, Some(3.0)).unwrap(),
            m.triangular(0.0, 1.0, None).unwrap(),
            m.triangular(5.0, 1.0, Some(2.0)).unwrap(),
            m.triangular(2.0, 2.0, Some(2.0)).unwrap(),
        ];
        assert_f64s(
            &got,
            &[
                -0.18557263512529387,
                6.085777857160977,
                0.4726359991946676,
                -1.7704798187782356,
                0.33010461793259904,
                0.274234045565785,
                1.9063263555021535,
                3.467241429635836,
                0.00491710520325244,
                6.691021030483206,
                6.807379071739431,
                7.689576365536546e-81,
                0.576399079766144,
                4.385500268257163e-05,
                1.3192685248291443,
                1.563198819918831,
                3.8366479665663284,
                0.3729362543812855,
                1.0968256068799087,
                2.0,
            ],
        );
    }

    #[test]
    fn getrandbits_matches() {
        let mut mt = MersenneTwister::from_seed_u64(99);
        let cases: &[(u32, &str)] = &[
            (0, "0"),
            (1, "0"),
            (5, "c"),
            (31, "199c127f"),
            (32, "9974d75b"),
            (33, "2dc5fd3d"),
            (63, "110e27003f9931ee"),
            (64, "162a01dec28753f8"),
            (65, "baa1c6f1404b6eaf"),
            (96, "b35331ceaf2ed9dd87e355b2"),
            (100, "9f039772216ff82e389e3995a"),
            (
                1000,
                "507812f170167a34d0c643e653ad689cf88759f153b7785728f2655b19153d3a3f56bc09cb91215785d99773382dd301c8a91afa5c7623c4dd26fb984f366c5acdaeafb905dc8ac0bb635b4c41d283eb3a5fbd238ec9cf158de6e96d45cae8c077377925b396a1da2c9cfbba43b8e3c71f6bf08d62331057ca7d411fab",
            ),
        ];
        for (k, hex) in cases {
            let want = BigUint::parse_bytes(hex.as_bytes(), 16).unwrap();
            assert_eq!(mt.getrandbits(*k), want, "k = {k}");
        }
        // The u64 path consumes the same words.
        let mut a = MersenneTwister::from_seed_u64(99);
        let mut b = MersenneTwister::from_seed_u64(99);
        for k in [0u32, 1, 5, 31, 32, 33, 63, 64] {
            assert_eq!(
                BigUint::from(a.getrandbits_u64(k).unwrap()),
                b.getrandbits(k)
            );
        }
        assert_eq!(a.getrandbits_u64(65), None);
    }

    #[test]
    fn getrandbits_checked_errors() {
        let mut mt = MersenneTwister::from_seed_u64(1);
        let e = mt.getrandbits_checked(&BigInt::from(-1)).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                RandomErrorKind::ValueError,
                "number of bits must be non-negative"
            )
        );
        let e = mt.getrandbits_checked(&big("2147483648")).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                RandomErrorKind::OverflowError,
                "Python int too large to convert to C int"
            )
        );
        assert_eq!(
            mt.getrandbits_checked(&BigInt::from(0)).unwrap(),
            BigUint::zero()
        );
    }

    #[test]
    fn big_randrange_matches() {
        let mut mt = MersenneTwister::from_seed_u64(2024);
        let one = BigInt::one();
        let got = vec![
            mt.randrange(&big("1000000000000000000000000000000"), None, None)
                .unwrap(),
            mt.randrange(
                &big("-100000000000000000000"),
                Some(&big("100000000000000000000")),
                Some(&BigInt::from(7)),
            )
            .unwrap(),
            mt.randrange(
                &BigInt::from(100),
                Some(&BigInt::from(0)),
                Some(&BigInt::from(-3)),
            )
            .unwrap(),
            mt.randrange(&big("18446744073709551616"), None, None)
                .unwrap(),
            mt.randrange(&big("18446744073709551617"), None, None)
                .unwrap(),
            mt.randint(
                &big("-10000000000000000000000000000000000000000"),
                &big("10000000000000000000000000000000000000000"),
            )
            .unwrap(),
            mt.randrange(&BigInt::from(5), None, Some(&one)).unwrap(),
            mt.randrange(&BigInt::from(-7), Some(&BigInt::from(7)), None)
                .unwrap(),
            mt.randrange(
                &BigInt::from(0),
                Some(&big("1180591620717411303424")),
                Some(&big("36893488147419103232")),
            )
            .unwrap(),
        ];
        let want: Vec<BigInt> = [
            "770752504441053971907964558726",
            "54978699813110057745",
            "22",
            "9835443772897724484",
            "6533326917910703591",
            "-5248552359191444293908174859147579290142",
            "2",
            "1",
            "774763251095801167872",
        ]
        .iter()
        .map(|s| big(s))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn small_randrange_matches() {
        let mut mt = MersenneTwister::from_seed_u64(77);
        let got = vec![
            mt.randrange_i64(10, None, None).unwrap(),
            mt.randrange_i64(3, Some(9), None).unwrap(),
            mt.randrange_i64(-10, Some(10), Some(3)).unwrap(),
            mt.randrange_i64(10, Some(-10), Some(-4)).unwrap(),
            mt.randint_i64(i64::MIN, i64::MAX).unwrap(),
            mt.randrange_i64(i64::MIN, Some(i64::MAX), Some(1 << 62))
                .unwrap(),
            mt.randint_i64(0, 0).unwrap(),
            mt.randrange_i64(i64::MAX, None, None).unwrap(),
        ];
        assert_eq!(
            got,
            [
                4,
                5,
                -7,
                6,
                -3830927501153747684,
                -4611686018427387904,
                0,
                5816724930629131408
            ]
        );
    }

    #[test]
    fn randrange_errors() {
        let mut mt = MersenneTwister::from_seed_u64(0);
        let b = |x: i64| BigInt::from(x);
        let cases: Vec<(
            RandomResult<BigInt>,
            RandomResult<i64>,
            RandomErrorKind,
            &str,
        )> = vec![
            (
                mt.clone().randrange(&b(5), Some(&b(5)), None),
                mt.clone().randrange_i64(5, Some(5), None),
                RandomErrorKind::ValueError,
                "empty range for randrange() (5, 5, 0)",
            ),
            (
                mt.clone().randrange(&b(0), None, None),
                mt.clone().randrange_i64(0, None, None),
                RandomErrorKind::ValueError,
                "empty range for randrange()",
            ),
            (
                mt.clone().randrange(&b(5), None, Some(&b(2))),
                mt.clone().randrange_i64(5, None, Some(2)),
                RandomErrorKind::TypeError,
                "Missing a non-None stop argument",
            ),
            (
                mt.clone().randrange(&b(0), Some(&b(10)), Some(&b(0))),
                mt.clone().randrange_i64(0, Some(10), Some(0)),
                RandomErrorKind::ValueError,
                "zero step for randrange()",
            ),
            (
                mt.clone().randrange(&b(10), Some(&b(0)), Some(&b(2))),
                mt.clone().randrange_i64(10, Some(0), Some(2)),
                RandomErrorKind::ValueError,
                "empty range for randrange()",
            ),
            (
                mt.clone().randint(&b(5), &b(3)),
                mt.clone().randint_i64(5, 3),
                RandomErrorKind::ValueError,
                "empty range for randrange() (5, 4, -1)",
            ),
        ];
        for (big_res, small_res, kind, msg) in cases {
            let e = big_res.unwrap_err();
            assert_eq!((e.kind, e.message.as_str()), (kind, msg));
            let e = small_res.unwrap_err();
            assert_eq!((e.kind, e.message.as_str()), (kind, msg));
        }
        assert!(mt.randbelow(&BigUint::zero()).is_err());
        assert_eq!(mt.randbelow_u64(0), None);
    }

    #[test]
    fn sample_matches_both_algorithms() {
        let mut mt = MersenneTwister::from_seed_u64(8);
        let params = [
            (10, 3),
            (1000, 10),
            (100, 50),
            (22, 5),
            (21, 5),
            (30, 6),
            (45, 6),
            (46, 6),
            (5, 5),
            (5, 0),
        ];
        let want: Vec<Vec<usize>> = vec![
            vec![3, 5, 6],
            vec![129, 197, 721, 44, 87, 140, 253, 830, 518, 214],
            vec![
                51, 82, 3, 58, 62, 96, 49, 63, 73, 24, 99, 11, 95, 29, 2, 34, 66, 52, 60, 48, 14,
                33, 12, 8, 93, 80, 13, 7, 43, 30, 88, 92, 83, 26, 18, 76, 4, 31, 44, 77, 9, 55, 37,
                86, 46, 57, 28, 65, 35, 22,
            ],
            vec![13, 4, 5, 19, 3],
            vec![17, 10, 11, 15, 16],
            vec![19, 6, 9, 4, 11, 16],
            vec![18, 32, 42, 4, 43, 34],
            vec![14, 22, 15, 0, 18, 21],
            vec![1, 2, 0, 4, 3],
            vec![],
        ];
        for ((n, k), w) in params.iter().zip(want) {
            assert_eq!(
                mt.sample_indices(*n, *k).unwrap(),
                w,
                "sample(range({n}), {k})"
            );
        }
        let e = mt.sample_indices(3, 4).unwrap_err();
        assert_eq!(e, RandomError::sample_too_large());
        assert_eq!(e.message, "Sample larger than population or is negative");
    }

    #[test]
    fn sample_with_counts_matches() {
        let mut mt = MersenneTwister::from_seed_u64(9);
        assert_eq!(
            mt.sample_with_counts(3, &[3, 2, 4], 6).unwrap(),
            [2, 2, 0, 0, 2, 0]
        );
        let e = mt.sample_with_counts(0, &[], 0).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (RandomErrorKind::IndexError, "pop from empty list")
        );
        let e = mt.sample_with_counts(1, &[0], 1).unwrap_err();
        assert_eq!(e.message, "Total of counts must be greater than zero");
        let e = mt.sample_with_counts(1, &[1, 2], 1).unwrap_err();
        assert_eq!(
            e.message,
            "The number of counts does not match the population"
        );
    }

    #[test]
    fn choices_match() {
        let mut mt = MersenneTwister::from_seed_u64(10);
        assert_eq!(
            mt.choices_indices(5, 10).unwrap(),
            [2, 2, 2, 1, 4, 4, 3, 0, 2, 1]
        );
        let mut mt = MersenneTwister::from_seed_u64(10);
        assert_eq!(
            mt.choices_weighted(4, &[1.0, 2.0, 3.0, 4.0], 10).unwrap(),
            [2, 2, 2, 1, 3, 3, 3, 1, 2, 2]
        );
        let mut mt = MersenneTwister::from_seed_u64(10);
        assert_eq!(
            mt.choices_cum_weights(4, &[0.5, 0.5, 2.0, 2.25], 10)
                .unwrap(),
            [2, 2, 2, 0, 2, 2, 2, 0, 2, 2]
        );
        let e = mt.choices_indices(0, 2).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (RandomErrorKind::IndexError, "list index out of range")
        );
        assert_eq!(mt.choices_indices(0, 0).unwrap(), Vec::<usize>::new());
        let e = mt.choices_weighted(0, &[], 2).unwrap_err();
        assert_eq!(e.kind, RandomErrorKind::IndexError);
        let e = mt.choices_weighted(1, &[0.0], 1).unwrap_err();
        assert_eq!(e.message, "Total of weights must be greater than zero");
        let e = mt.choices_weighted(1, &[f64::INFINITY], 1).unwrap_err();
        assert_eq!(e.message, "Total of weights must be finite");
        let e = mt.choices_weighted(2, &[1.0], 1).unwrap_err();
        assert_eq!(
            e.message,
            "The number of weights does not match the population"
        );
    }

    #[test]
    fn str_and_bytes_seeds_version_2() {
        let cases: &[(&str, [f64; 2])] = &[
            ("hello", [0.3537754404730722, 0.6631985810268619]),
            ("", [0.9602256525641875, 0.595411957851699]),
            ("héllo ✓", [0.5592754137226804, 0.16962911506618839]),
            (
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                [0.8500063097913054, 0.17305576775745346],
            ),
        ];
        for (s, want) in cases {
            let mut mt = MersenneTwister::from_seed_u64(0);
            mt.seed_str(s);
            assert_f64s(&draws(&mut mt, 2), want);
        }
        let want = [0.7720246314157545, 0.14149378059758566];
        let mut mt = MersenneTwister::from_seed_u64(0);
        mt.seed_bytes(b"abc");
        assert_f64s(&[mt.random()], &want[..1]);
        let all: Vec<u8> = (0..=255).collect();
        mt.seed_bytes(&all);
        assert_f64s(&[mt.random()], &want[1..]);
    }

    #[test]
    fn str_and_bytes_seeds_version_1() {
        let want = [
            0.8180391270568783,
            0.8559522955214998,
            0.09639374978773074,
            0.8444218515250481,
            0.5245638510646523,
        ];
        let mut mt = MersenneTwister::from_seed_u64(0);
        let mut got = Vec::new();
        mt.seed_str_v1("hello");
        got.push(mt.random());
        mt.seed_str_v1("h\u{e9}llo \u{2713}");
        got.push(mt.random());
        mt.seed_bytes_v1(b"abc");
        got.push(mt.random());
        mt.seed_str_v1("");
        got.push(mt.random());
        mt.seed_bytes_v1(b"\xff\x00");
        got.push(mt.random());
        assert_f64s(&got, &want);
    }

    #[test]
    fn float_seeds_use_python_hash() {
        let cases: &[(f64, f64)] = &[
            (1.5, 0.551763726942059),
            (-2.5, 0.4779490710306722),
            (2.0, 0.9560342718892494),
            (1e+300, 0.2614143642581235),
            (5e-324, 0.4787190331584651),
            (f64::INFINITY, 0.19236379321481523),
            (f64::NEG_INFINITY, 0.820833204760975),
            (0.1, 0.8062579873336703),
            (-0.0, 0.8444218515250481),
            (-1.0, 0.13119521545503066),
            (123456.789, 0.8970404921019697),
            (1.1805916207174113e+21, 0.018986953904685522),
        ];
        for (x, want) in cases {
            let mut mt = MersenneTwister::from_seed_u64(1);
            mt.seed_float(*x);
            assert_eq!(mt.random().to_bits(), want.to_bits(), "seed({x:?})");
        }
    }

    #[test]
    fn randbytes_matches() {
        let mut mt = MersenneTwister::from_seed_u64(31);
        let want = [
            "",
            "03",
            "463678",
            "e52bc61c",
            "0efd93c364",
            "a7160f24ba11af",
            "23a0130ba93f8123",
            "fbba44f3f619c91c89",
        ];
        for (n, hex) in [0usize, 1, 3, 4, 5, 7, 8, 9].into_iter().zip(want) {
            let got: String = mt.randbytes(n).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(got, hex, "randbytes({n})");
        }
    }

    #[test]
    fn state_roundtrip() {
        let mut mt = MersenneTwister::from_seed_u64(4);
        for _ in 0..5 {
            mt.random();
        }
        let (words, index, gauss_next) = mt.getstate();
        assert_eq!(index, 10);
        assert_eq!(words[0], 4228935361);
        let mut other = MersenneTwister::from_seed_u64(0);
        other.setstate(&words, index as i64, gauss_next).unwrap();
        assert_eq!(other.random(), 0.40159101448507484);
        assert_eq!(mt.random(), 0.40159101448507484);
        let e = other.setstate(&words[..600], 0, None).unwrap_err();
        assert_eq!(e.message, "state vector is the wrong size");
        let e = other.setstate(&words, 625, None).unwrap_err();
        assert_eq!(e.message, "invalid state");
    }

    #[test]
    fn distribution_errors() {
        let mut mt = MersenneTwister::from_seed_u64(0);
        let e = mt.expovariate(0.0).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (RandomErrorKind::ZeroDivisionError, "float division by zero")
        );
        let e = mt.gammavariate(0.0, 1.0).unwrap_err();
        assert_eq!(e.message, "gammavariate: alpha and beta must be > 0.0");
        let e = mt.paretovariate(0.0).unwrap_err();
        assert_eq!(e.kind, RandomErrorKind::ZeroDivisionError);
        let e = mt.lognormvariate(1000.0, 0.0).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (RandomErrorKind::OverflowError, "math range error")
        );
    }

    #[test]
    fn entropy_seeding_differs() {
        let mut a = MersenneTwister::new();
        let mut b = MersenneTwister::new();
        assert_ne!(draws(&mut a, 4), draws(&mut b, 4));
        let mut c = MersenneTwister::from_seed_u64(0);
        c.seed_float(f64::NAN);
        let x = c.random();
        assert!((0.0..1.0).contains(&x));
    }
}
