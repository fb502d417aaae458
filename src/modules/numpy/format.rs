//! `str()` and `repr()` of arrays, as NumPy 2 prints them with its default
//! print options (precision 8, floatmode `maxprec`, linewidth 75,
//! threshold 1000, edgeitems 3).
//!
//! A port of `numpy/_core/arrayprint.py`: `FloatingFormat.fillFormat` (one
//! pass over the values decides positional vs scientific notation, the
//! number of fraction digits and the paddings), `_formatArray` (line
//! wrapping with a hanging indent, `...` summaries) and `_extendLine`.
//! NumPy's Dragon4 produces the shortest digits that round-trip, cut at the
//! precision with exact rounding; Rust's `{:e}` / `{:.N}` formatting gives
//! exactly those digits (shortest round-trip, and correctly rounded fixed
//! precision), so only the layout is reimplemented here.

use super::ndarray::{NdArray, shape_repr};
use crate::array::storage::{DType, Scalar};

const LINE_WIDTH: isize = 75;
const THRESHOLD: usize = 1000;
const EDGE: usize = 3;
const PRECISION: usize = 8;

/// The shortest round-trip digits of |x| and the decimal exponent of the
/// first one (x = d.ddd × 10^exp).
fn shortest(x: f64) -> (String, i32) {
    parse_sci(&format!("{:e}", x.abs()))
}

fn parse_sci(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

fn sign_of(x: f64) -> &'static str {
    if x.is_sign_negative() { "-" } else { "" }
}

/// Trim mode: `.` drops trailing zeros but keeps the point; `k` keeps all.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trim {
    Dot,
    Keep,
}

/// NumPy's `dragon4_positional(x, precision, min_digits, unique=True,
/// fractional=True, trim, pad_left, pad_right)`; returns (int, frac) parts
/// before padding (int includes the sign).
fn positional_parts(x: f64, precision: usize, min_digits: usize, trim: Trim) -> (String, String) {
    let (d, e) = shortest(x);
    let nfrac = (d.len() as i32 - 1 - e).max(0) as usize;
    let (int, mut frac) = if nfrac > precision {
        let s = format!("{:.*}", precision, x.abs());
        let (i, f) = s.split_once('.').unwrap_or((&s, ""));
        (i.to_string(), f.to_string())
    } else if e < 0 {
        ("0".to_string(), "0".repeat((-e - 1) as usize) + &d)
    } else {
        let e = e as usize;
        if d.len() <= e + 1 {
            (d.clone() + &"0".repeat(e + 1 - d.len()), String::new())
        } else {
            (d[..=e].to_string(), d[e + 1..].to_string())
        }
    };
    if trim == Trim::Dot {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    while frac.len() < min_digits {
        frac.push('0');
    }
    (format!("{}{}", sign_of(x), int), frac)
}

/// NumPy's `dragon4_scientific`: (int part with sign, frac, exponent text
/// without the `e`, e.g. `+05`).
fn scientific_parts(
    x: f64,
    precision: usize,
    min_digits: usize,
    trim: Trim,
    exp_digits: usize,
) -> (String, String, String) {
    let (mut d, mut e) = shortest(x);
    if d.len() - 1 > precision {
        (d, e) = parse_sci(&format!("{:.*e}", precision, x.abs()));
    }
    let mut frac = d[1..].to_string();
    if trim == Trim::Dot {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    while frac.len() < min_digits {
        frac.push('0');
    }
    let exp = format!(
        "{}{:0width$}",
        if e < 0 { '-' } else { '+' },
        e.unsigned_abs(),
        width = exp_digits.max(2)
    );
    (format!("{}{}", sign_of(x), &d[..1]), frac, exp)
}

/// `FloatingFormat` after `fillFormat`.
struct FloatFmt {
    exp: bool,
    precision: usize,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

impl FloatFmt {
    fn new(data: &[f64]) -> FloatFmt {
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let abs_nz: Vec<f64> = finite
            .iter()
            .map(|x| x.abs())
            .filter(|&x| x != 0.0)
            .collect();
        let mut exp = false;
        if !abs_nz.is_empty() {
            let max = abs_nz.iter().copied().fold(f64::MIN, f64::max);
            let min = abs_nz.iter().copied().fold(f64::MAX, f64::min);
            exp = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
        }
        let mut f = FloatFmt {
            exp,
            precision: PRECISION,
            min_digits: 0,
            trim: Trim::Dot,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        if finite.is_empty() {
            f.exp = false;
        } else if exp {
            let parts: Vec<_> = finite
                .iter()
                .map(|&x| scientific_parts(x, PRECISION, 0, Trim::Dot, 0))
                .collect();
            f.exp_size = parts.iter().map(|p| p.2.len()).max().unwrap_or(3) - 1;
            f.trim = Trim::Keep;
            f.precision = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            f.min_digits = f.precision;
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let parts: Vec<_> = finite
                .iter()
                .map(|&x| positional_parts(x, PRECISION, 0, Trim::Dot))
                .collect();
            f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            f.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
        }
        if data.len() != finite.len() {
            let neginf = data.iter().any(|x| x.is_infinite() && *x < 0.0) as isize;
            let offset = f.pad_right as isize + 1;
            f.pad_left = (f.pad_left as isize)
                .max(3 - offset)
                .max(3 + neginf - offset) as usize;
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{ret:>width$}");
        }
        if self.exp {
            let (i, fr, e) =
                scientific_parts(x, self.precision, self.min_digits, self.trim, self.exp_size);
            format!("{i:>w$}.{fr}e{e}", w = self.pad_left)
        } else {
            let (i, fr) = positional_parts(x, self.precision, self.min_digits, self.trim);
            format!("{i:>w$}.{fr:<r$}", w = self.pad_left, r = self.pad_right)
        }
    }
}

/// The element formatter for one array.
enum Fmt {
    Bool,
    Int(usize),
    Float(FloatFmt),
}

impl Fmt {
    fn new(dtype: DType, data: &[Scalar]) -> Fmt {
        match dtype {
            DType::Bool => Fmt::Bool,
            DType::Int64 => {
                let ints = data.iter().map(|s| s.bits() as i64);
                let w = match (ints.clone().max(), ints.min()) {
                    (Some(hi), Some(lo)) => hi.to_string().len().max(lo.to_string().len()),
                    _ => 0,
                };
                Fmt::Int(w)
            }
            DType::Float64 => {
                let f: Vec<f64> = data.iter().map(|s| s.as_f64()).collect();
                Fmt::Float(FloatFmt::new(&f))
            }
        }
    }

    fn format(&self, s: Scalar) -> String {
        match (self, s) {
            (Fmt::Bool, Scalar::Bool(b)) => if b { " True" } else { "False" }.to_string(),
            (Fmt::Int(w), Scalar::Int(i)) => format!("{i:>w$}"),
            (Fmt::Float(f), s) => f.format(s.as_f64()),
            (_, s) => format!("{s:?}"),
        }
    }
}

/// Indices NumPy's `_leading_trailing` keeps along an axis of `n`.
fn edge_indices(n: usize, summary: bool) -> Vec<usize> {
    if summary && n > 2 * EDGE {
        (0..EDGE).chain(n - EDGE..n).collect()
    } else {
        (0..n).collect()
    }
}

struct Printer<'a> {
    a: &'a NdArray,
    fmt: Fmt,
    sep: &'a str,
    summary: bool,
}

impl Printer<'_> {
    fn element(&self, index: &[usize]) -> String {
        let (r, c) = if self.a.nd == 1 {
            (0, index[0])
        } else {
            (index[0], index[1])
        };
        self.fmt.format(self.a.scalar_at(self.a.pos2(r, c)))
    }

    /// `_formatArray`'s `recurser`.
    fn recurse(&self, index: &mut Vec<usize>, hanging: &str, width: isize) -> String {
        let axis = index.len();
        let axes_left = self.a.nd - axis;
        if axes_left == 0 {
            return self.element(index);
        }
        let next_hanging = format!("{hanging} ");
        let next_width = width - 1;
        let a_len = self.a.shape[axis];
        let show_summary = self.summary && 2 * EDGE < a_len;
        let (leading, trailing) = if show_summary {
            (EDGE, EDGE)
        } else {
            (0, a_len)
        };
        let child = |i: usize, index: &mut Vec<usize>| {
            index.push(i);
            let s = self.recurse(index, &next_hanging, next_width);
            index.pop();
            s
        };
        let mut s = String::new();
        if axes_left == 1 {
            let elem_width = width - (self.sep.trim_end().len().max(1)) as isize;
            let mut line = hanging.to_string();
            for i in 0..leading {
                let word = child(i, index);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line += self.sep;
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line += self.sep;
            }
            for i in (2..=trailing).rev() {
                let word = child(a_len - i, index);
                extend_line(&mut s, &mut line, &word, elem_width, hanging);
                line += self.sep;
            }
            let word = child(a_len - 1, index);
            extend_line(&mut s, &mut line, &word, elem_width, hanging);
            s += &line;
        } else {
            let line_sep = format!("{}{}", self.sep.trim_end(), "\n".repeat(axes_left - 1));
            for i in 0..leading {
                let nested = child(i, index);
                s += &format!("{hanging}{nested}{line_sep}");
            }
            if show_summary {
                s += &format!("{hanging}...{line_sep}");
            }
            for i in (2..=trailing).rev() {
                let nested = child(a_len - i, index);
                s += &format!("{hanging}{nested}{line_sep}");
            }
            let nested = child(a_len - 1, index);
            s += &format!("{hanging}{nested}");
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// `_extendLine`.
fn extend_line(s: &mut String, line: &mut String, word: &str, width: isize, prefix: &str) {
    let mut wrap = (line.len() + word.len()) as isize > width;
    if line.len() <= prefix.len() {
        wrap = false;
    }
    if wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

/// `array2string(a, separator, prefix)` with the suffix's width removed.
fn array2string(a: &NdArray, sep: &str, prefix: &str, suffix: &str) -> String {
    let summary = a.size() > THRESHOLD;
    let (rows, cols, _, _) = a.dims2();
    let data: Vec<Scalar> = if a.nd == 1 {
        edge_indices(cols, summary)
            .into_iter()
            .map(|c| a.scalar_at(a.pos2(0, c)))
            .collect()
    } else {
        let cs = edge_indices(cols, summary);
        edge_indices(rows, summary)
            .into_iter()
            .flat_map(|r| cs.iter().map(move |&c| (r, c)))
            .map(|(r, c)| a.scalar_at(a.pos2(r, c)))
            .collect()
    };
    let p = Printer {
        a,
        fmt: Fmt::new(a.dtype, &data),
        sep,
        summary,
    };
    let hanging = format!(" {}", " ".repeat(prefix.len()));
    p.recurse(
        &mut Vec::new(),
        &hanging,
        LINE_WIDTH - suffix.len() as isize,
    )
}

/// `str(a)`.
pub fn array_str(a: &NdArray) -> String {
    if a.size() == 0 {
        return "[]".to_string();
    }
    array2string(a, " ", "", "")
}

/// `repr(a)`: NumPy 2 adds `shape=` for empty and summarised arrays and
/// `dtype=` for empty ones (the three dtypes are otherwise implied).
pub fn array_repr(a: &NdArray) -> String {
    let prefix = "array(";
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape() != [0]) || a.size() > THRESHOLD {
        extras.push(format!("shape={}", shape_repr(a.shape())));
    }
    if a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype.name()));
    }
    let lst = if a.size() == 0 {
        "[]".to_string()
    } else {
        array2string(a, ", ", prefix, ")")
    };
    if extras.is_empty() {
        return format!("{prefix}{lst})");
    }
    let arr_str = format!("{prefix}{lst},");
    let extra = format!("{})", extras.join(", "));
    let last_line = arr_str.len() - arr_str.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if (last_line + extra.len() + 1) as isize > LINE_WIDTH {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra}")
}
