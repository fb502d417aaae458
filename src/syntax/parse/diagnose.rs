//! Error diagnosis: LALRPOP reports "this token was unexpected, these were
//! expected"; `diagnose` turns that into CPython's message (`expected ':'`,
//! `expected an indented block after 'if' statement on line 3`, "Perhaps you
//! forgot a comma?", ...), and, like CPython, lets a tokenizer error later
//! in the file win over a parser error.

use lalrpop_util::ParseError;

use super::{PError, SyntaxError};
use crate::syntax::lexer::{self, HeadKind, Lexer, Tok};

/// Turns a parser failure into CPython's message and caret.
pub(super) fn diagnose(err: PError, lexer: &mut Lexer) -> SyntaxError {
    let (err, at) = match err {
        ParseError::User { error } if lexer.failed() => return error,
        ParseError::User { error } => {
            let at = error.offset;
            (error, at)
        }
        ParseError::InvalidToken { location } => (
            SyntaxError::new("invalid syntax", location, location),
            location,
        ),
        ParseError::UnrecognizedEof { location, expected } => (
            unexpected(lexer, None, location, location, &expected),
            location,
        ),
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => (unexpected(lexer, Some(&tok), l, r, &expected), l),
        ParseError::ExtraToken { token: (l, _, r) } => {
            (SyntaxError::new("invalid syntax", l, r), l)
        }
    };
    prefer_tokenizer_error(err, at, lexer)
}

/// Like CPython, reads the rest of the file after a parser error (found at
/// offset `at`): a tokenizer error there is reported instead. A bracket never
/// closed is reported if it was opened on a line before the error, or if the
/// file ends right after the unexpected token (CPython's parser looks one
/// token further and runs into the end of the file inside the bracket).
fn prefer_tokenizer_error(err: SyntaxError, at: usize, lexer: &mut Lexer) -> SyntaxError {
    let mut more_tokens = false;
    while let Some(item) = lexer.next() {
        let Err(tok_err) = item else {
            more_tokens = true;
            continue;
        };
        let Some(open) = lexer.unclosed() else {
            return tok_err;
        };
        let src = lexer.src();
        let earlier_line = lexer::line_of(src, open) < lexer::line_of(src, at);
        return if earlier_line || !more_tokens {
            tok_err
        } else {
            err
        };
    }
    err
}

/// The message for an unexpected token (`None`: end of input) at `l..r`.
fn unexpected(
    lexer: &Lexer,
    tok: Option<&Tok>,
    l: usize,
    r: usize,
    expected: &[String],
) -> SyntaxError {
    let src = lexer.src();
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    if tok == Some(&Tok::Indent) {
        let at = r.saturating_sub(1).max(l);
        return SyntaxError::indentation("unexpected indent", at, at);
    }
    if expects("INDENT") {
        let (what, line) = match lexer.head_before(l) {
            Some(head) => (block_name(head.kind), lexer::line_of(src, head.offset)),
            None => ("statement", lexer::line_of(src, l)),
        };
        let msg = format!("expected an indented block after {what} on line {line}");
        let end = if matches!(tok, None | Some(Tok::Newline | Tok::Dedent)) {
            l
        } else {
            r
        };
        return SyntaxError::indentation(msg, l, end);
    }
    let head = lexer.head_at(l).map(|h| h.kind);
    if expects(":") && !expects("=") && colon_is_missing(head, tok) {
        let end = if matches!(tok, None | Some(Tok::Newline)) {
            l
        } else {
            r
        };
        return SyntaxError::new("expected ':'", l, end);
    }
    if expects("(") && expected.len() == 1 && head == Some(HeadKind::Function) {
        return SyntaxError::new("expected '('", l, r);
    }
    if expects("else") && !expects("pass") && tok != Some(&Tok::Else) {
        return SyntaxError::new("expected 'else' after 'if' expression", l, l);
    }
    if let Some(hint) = tok.and_then(|t| hint(lexer, t, l, r)) {
        return hint;
    }
    if tok == Some(&Tok::Equal) && equal_in_condition(lexer, head) {
        let start = lexer.seen(1).map_or(l, |s| s.start);
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        return SyntaxError::new(msg, start, r);
    }
    match tok {
        None | Some(Tok::Newline | Tok::Dedent) => SyntaxError::new("invalid syntax", l, l),
        Some(_) => SyntaxError::new("invalid syntax", l, r),
    }
}

/// CPython says "expected ':'" when a block header ends without its colon,
/// and — for `def`, `try`, `else` and `finally` — whatever follows instead.
fn colon_is_missing(head: Option<HeadKind>, tok: Option<&Tok>) -> bool {
    match head {
        Some(HeadKind::Stmt("try" | "else" | "finally") | HeadKind::Function) => true,
        Some(HeadKind::Stmt(_) | HeadKind::Class) => matches!(tok, None | Some(Tok::Newline)),
        _ => false,
    }
}

/// `if x = 1:` — a name and `=` where a condition or element was expected.
fn equal_in_condition(lexer: &Lexer, head: Option<HeadKind>) -> bool {
    let (Some(name), before) = (lexer.seen(1), lexer.seen(2)) else {
        return false;
    };
    let condition = matches!(head, Some(HeadKind::Stmt("if" | "elif" | "while")));
    let alone = before.is_none_or(|b| !b.ends_operand && !b.is_dot);
    name.is_name && alone && (condition || name.depth > 0)
}

fn block_name(kind: HeadKind) -> &'static str {
    match kind {
        HeadKind::Stmt("if") => "'if' statement",
        HeadKind::Stmt("elif") => "'elif' statement",
        HeadKind::Stmt("else") => "'else' statement",
        HeadKind::Stmt("while") => "'while' statement",
        HeadKind::Stmt("for") => "'for' statement",
        HeadKind::Stmt("try") => "'try' statement",
        HeadKind::Stmt("except") => "'except' statement",
        HeadKind::Stmt("finally") => "'finally' statement",
        HeadKind::Stmt("with") => "'with' statement",
        HeadKind::Function => "function definition",
        HeadKind::Class => "class definition",
        _ => "statement",
    }
}

/// CPython's hints for two operands in a row: `print x` (Python 2) and a
/// missing comma inside brackets (but not `name "string"`, which looks like
/// a string prefix).
fn hint(lexer: &Lexer, tok: &Tok, l: usize, r: usize) -> Option<SyntaxError> {
    let prev = lexer.seen(1)?;
    if !tok.starts_operand() || !prev.ends_operand {
        return None;
    }
    let after_dot = lexer.seen(2).is_some_and(|s| s.is_dot);
    if let Some(name) = prev.legacy.filter(|_| !after_dot) {
        let src = lexer.src();
        let eol = src[l..]
            .find(['\n', '\r', '#'])
            .map_or(src.len(), |i| l + i);
        let end = l + src[l..eol].trim_end().len();
        let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
        return Some(SyntaxError::new(msg, prev.start, end.max(r)));
    }
    let alone = lexer.seen(2).is_none_or(|s| !s.is_operator);
    let prefix_like = prev.is_name && alone && matches!(tok, Tok::Str(_));
    if prev.depth > 0 && !prefix_like {
        return Some(SyntaxError::new(
            "invalid syntax. Perhaps you forgot a comma?",
            prev.start,
            r,
        ));
    }
    None
}
