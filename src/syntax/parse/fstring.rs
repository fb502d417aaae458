//! F-strings: the body of an f-string split into literal text and
//! replacement fields the way CPython 3.11's `fstring_find_literal` and
//! `fstring_find_expr` do, with their messages. Each field's expression is
//! parsed by the same grammar, entered through the lexer's `FExprStart`
//! token, with spans that point into the file.

use super::{SyntaxError, Top, diagnose, grammar};
use crate::syntax::ast::*;
use crate::syntax::lexer::{self, Lexer};

/// Appends literal text, merging it with a literal just before.
pub(super) fn push_literal(out: &mut Vec<FStringPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(FStringPart::Literal(text.to_owned()));
    }
}

/// Where a literal run of an f-string stopped.
enum Stop {
    /// End of the text.
    End,
    /// After `{{` or `}}` (the literal holds one brace).
    Doubled,
    /// At a `{` that opens a replacement field.
    Open,
    /// At the `}` that closes a format spec.
    Close,
}

/// A cursor over the raw body of an f-string (`src[pos..end]`).
pub(super) struct FString<'s> {
    src: &'s str,
    raw: bool,
    pos: usize,
    end: usize,
}

impl<'s> FString<'s> {
    /// The body of an f-string, `src[start..end]` (`raw`: an `rf` string).
    pub(super) fn new(src: &'s str, raw: bool, start: usize, end: usize) -> FString<'s> {
        FString {
            src,
            raw,
            pos: start,
            end,
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        (at < self.end).then(|| self.src.as_bytes()[at])
    }

    fn error(&self, msg: impl Into<String>, at: usize) -> SyntaxError {
        SyntaxError::new(msg, at, at)
    }

    /// Parses literal text and fields until the end, or (in a format spec,
    /// `level` 1) until the `}` that closes the spec.
    pub(super) fn parts(
        &mut self,
        level: u32,
        out: &mut Vec<FStringPart>,
    ) -> Result<(), SyntaxError> {
        loop {
            let (start, stop_at, stop) = self.literal(level)?;
            let text = &self.src[start..stop_at];
            let decoded =
                lexer::decode_str(text, self.raw).map_err(|msg| self.error(msg, start))?;
            push_literal(out, &decoded);
            match stop {
                Stop::Doubled => continue,
                Stop::End | Stop::Close => return Ok(()),
                Stop::Open => self.field(level, out)?,
            }
        }
    }

    /// Scans literal text: returns its start, where the text to keep ends,
    /// and why it stopped (CPython's `fstring_find_literal`).
    fn literal(&mut self, level: u32) -> Result<(usize, usize, Stop), SyntaxError> {
        let start = self.pos;
        let mut s = start;
        while let Some(ch) = self.byte(s) {
            s += 1;
            let mut ch = ch;
            if !self.raw && ch == b'\\' && s < self.end {
                ch = self.src.as_bytes()[s];
                s += 1;
                if ch == b'N' {
                    // `\N{NAME}`: its braces are not a field.
                    if self.byte(s) == Some(b'{') {
                        while let Some(c) = self.byte(s) {
                            s += 1;
                            if c == b'}' {
                                break;
                            }
                        }
                    }
                    continue;
                }
            }
            if ch != b'{' && ch != b'}' {
                continue;
            }
            if level == 0 {
                if self.byte(s) == Some(ch) {
                    self.pos = s + 1;
                    return Ok((start, s, Stop::Doubled));
                }
                if ch == b'}' {
                    return Err(self.error("f-string: single '}' is not allowed", s - 1));
                }
            }
            s -= 1;
            self.pos = s;
            let stop = if ch == b'{' { Stop::Open } else { Stop::Close };
            return Ok((start, s, stop));
        }
        self.pos = self.end;
        Ok((start, self.end, Stop::End))
    }

    /// Parses a replacement field `{expr[=][!c][:spec]}` starting at its `{`.
    fn field(&mut self, level: u32, out: &mut Vec<FStringPart>) -> Result<(), SyntaxError> {
        if level >= 2 {
            return Err(self.error("f-string: expressions nested too deeply", self.pos));
        }
        self.pos += 1;
        let expr_start = self.pos;
        self.scan_expression()?;
        let expr_end = self.pos;
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        let text = &self.src[expr_start..expr_end];
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(self.error("f-string: empty expression not allowed", expr_start));
        }
        let value = parse_fexpr(self.src, expr_start, expr_end)?;
        let debug_text = self.debug_text(expr_start)?;
        let mut conversion = self.conversion()?;
        let mut spec = None;
        if self.byte(self.pos) == Some(b':') {
            self.pos += 1;
            if self.pos >= self.end {
                return Err(self.expecting_brace());
            }
            let mut parts = Vec::new();
            self.parts(level + 1, &mut parts)?;
            spec = Some(parts);
        }
        if self.byte(self.pos) != Some(b'}') {
            return Err(self.expecting_brace());
        }
        self.pos += 1;
        if debug_text.is_some() && spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        out.push(FStringPart::Expr {
            expr: Box::new(value),
            conversion,
            spec,
            debug_text,
        });
        Ok(())
    }

    fn expecting_brace(&self) -> SyntaxError {
        self.error("f-string: expecting '}'", self.pos.min(self.end))
    }

    /// `=` after the expression: the text to print before the value.
    fn debug_text(&mut self, expr_start: usize) -> Result<Option<String>, SyntaxError> {
        if self.byte(self.pos) != Some(b'=') {
            return Ok(None);
        }
        self.pos += 1;
        while self.byte(self.pos).is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
        if self.pos >= self.end {
            return Err(self.expecting_brace());
        }
        Ok(Some(self.src[expr_start..self.pos].to_owned()))
    }

    /// `!r`, `!s` or `!a` after the expression.
    fn conversion(&mut self) -> Result<Option<char>, SyntaxError> {
        if self.byte(self.pos) != Some(b'!') {
            return Ok(None);
        }
        self.pos += 1;
        let Some(c) = self.byte(self.pos) else {
            return Err(self.expecting_brace());
        };
        self.pos += 1;
        if !matches!(c, b's' | b'r' | b'a') {
            let msg = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
            return Err(self.error(msg, self.pos - 1));
        }
        Ok(Some(c as char))
    }

    /// Moves `pos` to the end of a field's expression: the first `!`, `:`,
    /// `=` or `}` outside brackets and strings (`!=`, `==`, `<=`, `>=` do not
    /// end it). CPython's `fstring_find_expr`, with its messages.
    fn scan_expression(&mut self) -> Result<(), SyntaxError> {
        let mut quote: Option<(u8, bool)> = None;
        let mut brackets: Vec<u8> = Vec::new();
        while let Some(ch) = self.byte(self.pos) {
            let at = self.pos;
            if ch == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash", at));
            }
            if let Some((q, triple)) = quote {
                if ch == q {
                    if !triple {
                        quote = None;
                    } else if self.byte(at + 1) == Some(q) && self.byte(at + 2) == Some(q) {
                        self.pos += 2;
                        quote = None;
                    }
                }
                self.pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    let triple = self.byte(at + 1) == Some(ch) && self.byte(at + 2) == Some(ch);
                    if triple {
                        self.pos += 2;
                    }
                    quote = Some((ch, triple));
                }
                b'(' | b'[' | b'{' => {
                    if brackets.len() >= lexer::MAX_BRACKET_DEPTH {
                        return Err(self.error("f-string: too many nested parenthesis", at));
                    }
                    brackets.push(ch);
                }
                b'#' => {
                    return Err(self.error("f-string expression part cannot include '#'", at));
                }
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if brackets.is_empty() => {
                    let next = self.byte(at + 1);
                    if next == Some(b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        self.pos += 2;
                        continue;
                    }
                    if !matches!(ch, b'<' | b'>') {
                        return Ok(());
                    }
                }
                b')' | b']' | b'}' => {
                    let Some(open) = brackets.pop() else {
                        return Err(self.error(format!("f-string: unmatched '{}'", ch as char), at));
                    };
                    if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        let msg = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        );
                        return Err(self.error(msg, at));
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string", self.pos));
        }
        if let Some(open) = brackets.last() {
            return Err(self.error(format!("f-string: unmatched '{}'", *open as char), self.pos));
        }
        Ok(())
    }
}

/// Parses the expression of an f-string field at `src[start..end]`.
fn parse_fexpr(src: &str, start: usize, end: usize) -> Result<Expr, SyntaxError> {
    let mut lexer = Lexer::fexpr(src, start, end);
    let result = grammar::TopParser::new().parse(src, &mut lexer);
    let err = match result {
        Ok(Top::Expr(e)) if matches!(e.kind, ExprKind::Starred(_)) => {
            SyntaxError::at("cannot use starred expression here", e.span)
        }
        Ok(Top::Expr(e)) => return Ok(e),
        Ok(Top::Module(_)) => SyntaxError::new("invalid syntax", start, end),
        Err(e) => diagnose(e, &mut lexer),
    };
    Err(in_fstring(err))
}

fn in_fstring(mut err: SyntaxError) -> SyntaxError {
    if !err.msg.starts_with("f-string") {
        err.msg = format!("f-string: {}", err.msg);
    }
    err
}
