//! Float to text: `repr(float)` and the digit layout that `format()` and
//! `%` share (a port of CPython's `format_float_short`).

// ---------------------------------------------------------------------------
// Float -> text (port of CPython's format_float_short)
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum FloatCode {
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
pub(super) struct FloatOpts {
    pub(super) code: FloatCode,
    pub(super) precision: usize,
    pub(super) add_dot_0: bool,
    pub(super) alt: bool,
    pub(super) no_neg_0: bool,
    pub(super) upper: bool,
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
pub(super) fn float_body(x: f64, o: &FloatOpts) -> (bool, String) {
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

pub(super) fn float_to_string(x: f64, o: &FloatOpts) -> String {
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
