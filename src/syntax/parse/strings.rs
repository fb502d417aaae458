//! String literals: adjacent literals joined into one constant (bytes with
//! str is an error) or, when one is an f-string, into one f-string whose
//! bodies `fstring` splits into parts.

use super::fstring::{FString, push_literal};
use super::{SyntaxError, expr};
use crate::syntax::ast::*;
use crate::syntax::lexer::StrLit;

type StrPart = (usize, Box<StrLit>, usize);

/// Joins adjacent string literals into one constant or f-string.
pub(super) fn strings(
    src: &str,
    parts: Vec<StrPart>,
    l: usize,
    r: usize,
) -> Result<Expr, SyntaxError> {
    let bytes = parts
        .iter()
        .filter(|(_, s, _)| matches!(**s, StrLit::Bytes(_)))
        .count();
    if bytes != 0 && bytes != parts.len() {
        return Err(SyntaxError::new(
            "cannot mix bytes and nonbytes literals",
            r,
            r,
        ));
    }
    if bytes != 0 {
        let mut all = Vec::new();
        for (_, s, _) in parts {
            if let StrLit::Bytes(b) = *s {
                all.extend(b);
            }
        }
        return Ok(expr(ExprKind::Const(Constant::Bytes(all)), l, r));
    }
    if !parts
        .iter()
        .any(|(_, s, _)| matches!(**s, StrLit::FStr { .. }))
    {
        let mut all = String::new();
        for (_, s, _) in parts {
            if let StrLit::Str(text) = *s {
                all.push_str(&text);
            }
        }
        return Ok(expr(ExprKind::Const(Constant::Str(all)), l, r));
    }
    let mut out = Vec::new();
    for (_, s, _) in parts {
        match *s {
            StrLit::Str(text) => push_literal(&mut out, &text),
            StrLit::FStr { raw, start, end } => {
                FString::new(src, raw, start, end).parts(0, &mut out)?;
            }
            StrLit::Bytes(_) => {}
        }
    }
    Ok(expr(ExprKind::FString(out), l, r))
}
