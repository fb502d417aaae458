//! The tokenizer. Raw tokens come from a `logos` scanner (`Tok`); `Lexer`
//! wraps it and adds what Python's tokenizer adds on top of a regular lexer:
//!
//! * NEWLINE at the end of each logical line — none inside brackets, none for
//!   blank or comment-only lines — and INDENT/DEDENT from leading whitespace.
//!   Tabs advance to the next multiple of 8; a second count with tabs as one
//!   column must agree in direction, else TabError (CPython's `altcol` check).
//!   At end of input the last NEWLINE and every pending DEDENT are emitted.
//! * Bracket matching, with CPython 3.11's messages for unmatched, mismatched,
//!   never-closed and too deeply nested (more than 200 levels) brackets.
//! * `WithLPar`: a `(` right after `with` whose matching `)` is followed by `:`.
//!   That is the parenthesised with-items form (`with (a as b, c):`), which an
//!   LALR(1) grammar cannot tell from a parenthesised expression on its own.
//! * `FExprStart`: in f-string mode (`Lexer::fexpr`) the lexer scans one
//!   replacement field's expression as if inside parentheses and announces it
//!   with this token, so one grammar entry point serves files and f-strings.
//! * A bound on expression nesting, enforced before the tree is built (see
//!   `Nesting`): `1+1+...+1` with 100,000 terms or 10,000 unary minus signs
//!   is refused as CPython refuses it, so no code — the grammar's actions,
//!   the compiler, `Drop` — ever meets a tree deeper than about 3,000 levels.
//!
//! Numbers and strings are scanned by hand inside logos callbacks so that their
//! error messages and caret positions follow CPython 3.11's tokenizer.
//! Positions are byte offsets into the whole file.

use std::collections::VecDeque;

use logos::Logos;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::parse::{SyntaxError, SyntaxErrorKind};

/// A token with its start and end byte offsets, as the parser wants it.
pub type Spanned = (usize, Tok, usize);

/// Deepest bracket nesting accepted (CPython's `MAXLEVEL`).
pub const MAX_BRACKET_DEPTH: usize = 200;
/// Deepest indentation accepted (CPython's `MAXINDENT`).
const MAX_INDENT_LEVELS: usize = 100;
/// Deepest expression nesting accepted; CPython 3.11 gives up on
/// `1+1+...+1` at about 2,990 terms ("maximum recursion depth exceeded
/// during compilation").
pub const MAX_NESTING: usize = 3000;

/// A numeric literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Num {
    Int(i64),
    Big(Box<BigInt>),
    Float(f64),
}

/// A string literal, decoded as far as the lexer can decode it.
#[derive(Debug, Clone, PartialEq)]
pub enum StrLit {
    Str(String),
    Bytes(Vec<u8>),
    /// An f-string: the byte range of its body (between the quotes) in the
    /// file; the parse layer splits it into literal and expression parts.
    FStr {
        raw: bool,
        start: usize,
        end: usize,
    },
}

/// Why a logos callback failed; positions are relative to the scanned text.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LexFail {
    /// No token matches here.
    #[default]
    BadChar,
    /// A finished message with its caret range.
    At {
        msg: String,
        start: usize,
        end: usize,
    },
    /// A string without its closing quote; `detected` is where the scan gave
    /// up (`None`: at end of input).
    Unterminated {
        triple: bool,
        start: usize,
        detected: Option<usize>,
    },
}

impl LexFail {
    fn at(msg: impl Into<String>, start: usize, end: usize) -> LexFail {
        LexFail::At {
            msg: msg.into(),
            start,
            end,
        }
    }
}

/// The tokens. Variants without a pattern are made by `Lexer`, not by logos.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error = LexFail)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
pub enum Tok {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    Indent,
    Dedent,
    /// First token of an f-string replacement-field expression.
    FExprStart,
    /// `(` opening a parenthesised list of with-items.
    WithLPar,
    /// An ASCII character that starts no token (`$`, `?`, `!`): no grammar
    /// rule accepts it, so it is reported as "invalid syntax" where it stands
    /// (as CPython's ERRORTOKEN is), not as a tokenizer error.
    Unknown,
    /// `\` + newline; `Lexer` drops it (or reports it at end of input).
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    /// A `\` not followed by a newline: always an error.
    #[token("\\", backslash)]
    Backslash,

    #[regex(r"[\p{XID_Start}_]\p{XID_Continue}*", |lex| lex.slice().to_owned())]
    Name(String),
    #[regex(r"[0-9]", number)]
    #[regex(r"\.[0-9]", number)]
    Number(Num),
    #[regex(r#"([rRuUbBfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?['"]"#, string)]
    Str(Box<StrLit>),

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,
    #[token("cdef")]
    Cdef,
    #[token("cpdef")]
    Cpdef,
    #[token("cimport")]
    Cimport,

    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("->")]
    Arrow,
    #[token(":=")]
    ColonEqual,
    #[token("=")]
    Equal,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("^")]
    Circumflex,
    #[token("~")]
    Tilde,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinusEqual,
    #[token("*=")]
    StarEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("@=")]
    AtEqual,
    #[token("|=")]
    VBarEqual,
    #[token("&=")]
    AmperEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
}

impl Tok {
    /// Whether this token can end an operand (for "Perhaps you forgot a comma?").
    fn ends_operand(&self) -> bool {
        matches!(
            self,
            Tok::Name(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
                | Tok::RPar
                | Tok::RSqb
                | Tok::RBrace
        )
    }

    /// Whether this token makes a tree node that can nest without brackets.
    fn nests(&self) -> bool {
        match self {
            Tok::If | Tok::Lambda | Tok::Dot | Tok::Not => true,
            Tok::And | Tok::Or | Tok::In | Tok::Is | Tok::Else => false,
            Tok::Less | Tok::Greater | Tok::EqEqual | Tok::NotEqual => false,
            Tok::LessEqual | Tok::GreaterEqual => false,
            tok => tok.is_operator(),
        }
    }

    fn is_augmented_assign(&self) -> bool {
        matches!(
            self,
            Tok::PlusEqual
                | Tok::MinusEqual
                | Tok::StarEqual
                | Tok::DoubleStarEqual
                | Tok::SlashEqual
                | Tok::DoubleSlashEqual
                | Tok::PercentEqual
                | Tok::AtEqual
                | Tok::VBarEqual
                | Tok::AmperEqual
                | Tok::CircumflexEqual
                | Tok::LeftShiftEqual
                | Tok::RightShiftEqual
        )
    }

    /// Whether this token is an operator that takes an operand after it.
    fn is_operator(&self) -> bool {
        matches!(
            self,
            Tok::Plus
                | Tok::Minus
                | Tok::Tilde
                | Tok::Star
                | Tok::DoubleStar
                | Tok::Slash
                | Tok::DoubleSlash
                | Tok::Percent
                | Tok::At
                | Tok::VBar
                | Tok::Amper
                | Tok::Circumflex
                | Tok::LeftShift
                | Tok::RightShift
                | Tok::Less
                | Tok::Greater
                | Tok::EqEqual
                | Tok::NotEqual
                | Tok::LessEqual
                | Tok::GreaterEqual
                | Tok::Not
                | Tok::And
                | Tok::Or
                | Tok::In
                | Tok::Is
                | Tok::If
                | Tok::Else
        )
    }

    /// Whether this token can start an operand that cannot also be a trailer.
    pub fn starts_operand(&self) -> bool {
        matches!(
            self,
            Tok::Name(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
                | Tok::LBrace
                | Tok::Tilde
                | Tok::Lambda
        )
    }

    /// What kind of block header a logical line starting with this token is.
    fn header_kind(&self) -> HeadKind {
        match self {
            Tok::If => HeadKind::Stmt("if"),
            Tok::Elif => HeadKind::Stmt("elif"),
            Tok::Else => HeadKind::Stmt("else"),
            Tok::While => HeadKind::Stmt("while"),
            Tok::For => HeadKind::Stmt("for"),
            Tok::Try => HeadKind::Stmt("try"),
            Tok::Except => HeadKind::Stmt("except"),
            Tok::Finally => HeadKind::Stmt("finally"),
            Tok::With => HeadKind::Stmt("with"),
            Tok::Def | Tok::Cdef | Tok::Cpdef => HeadKind::Function,
            Tok::Class => HeadKind::Class,
            _ => HeadKind::Other,
        }
    }
}

/// What the first token of a logical line says about the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    /// A compound statement keyword: `if`, `while`, `try`, ...
    Stmt(&'static str),
    Function,
    Class,
    Other,
}

/// The first token of a logical line.
#[derive(Debug, Clone, Copy)]
pub struct LineHead {
    pub kind: HeadKind,
    pub offset: usize,
}

/// A token already handed to the parser, summarised for diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    pub start: usize,
    pub end: usize,
    pub ends_operand: bool,
    pub is_name: bool,
    pub is_dot: bool,
    /// A unary or binary operator (after which an operand follows).
    pub is_operator: bool,
    /// `print` or `exec`, the Python 2 statements.
    pub legacy: Option<&'static str>,
    /// Bracket depth after this token (f-string fields count as one).
    pub depth: usize,
}

/// The token stream for the parser: logos tokens plus line structure.
#[derive(Clone)]
pub struct Lexer<'s> {
    /// The whole file (positions are offsets into it).
    src: &'s str,
    /// Where the scanned text starts in `src`.
    base: usize,
    raw: logos::Lexer<'s, Tok>,
    pending: VecDeque<Spanned>,
    /// Open indentation levels: (columns, columns with tabs as one).
    indents: Vec<(usize, usize)>,
    /// Open brackets: (the bracket, its offset).
    brackets: Vec<(u8, usize)>,
    fexpr: bool,
    at_line_start: bool,
    done: bool,
    failed: bool,
    /// Offset of the outermost bracket never closed, if that was the error.
    unclosed: Option<usize>,
    heads: VecDeque<LineHead>,
    seen: VecDeque<Seen>,
    last_was_with: bool,
    nesting: Nesting,
}

/// An upper bound on the nesting depth of the expressions being lexed.
///
/// Every tree node with children comes from a token inside the node's span:
/// an operator, `.`, `if`, `lambda`, a bracket pair. Expressions separated by
/// `,` `=` `;` or a NEWLINE are siblings, not nested, so the count restarts
/// there; a closed bracket adds its deepest segment (plus one for the bracket
/// itself) to the segment around it. `and`/`or` and comparisons build flat
/// nodes and are not counted. The sum over open brackets bounds the depth of
/// any expression being built, and stays below `MAX_NESTING`.
#[derive(Clone, Default)]
struct Nesting {
    /// Per open bracket (the first entry is the logical line): the count in
    /// the current segment, and the largest count of its finished segments.
    frames: Vec<(usize, usize)>,
    total: usize,
}

impl Nesting {
    /// Accounts for `tok`; false when the bound is exceeded.
    fn token(&mut self, tok: &Tok) -> bool {
        if self.frames.is_empty() {
            self.frames.push((0, 0));
        }
        match tok {
            Tok::LPar | Tok::WithLPar | Tok::LSqb | Tok::LBrace => self.frames.push((0, 0)),
            Tok::RPar | Tok::RSqb | Tok::RBrace if self.frames.len() > 1 => {
                let (cur, max) = self.frames.pop().unwrap_or_default();
                self.total -= cur;
                self.add(cur.max(max) + 1);
            }
            Tok::Comma | Tok::Equal | Tok::Semi => self.new_segment(),
            tok if tok.nests() => self.add(1),
            tok if tok.is_augmented_assign() => self.new_segment(),
            _ => {}
        }
        self.total <= MAX_NESTING
    }

    fn add(&mut self, n: usize) {
        if let Some(top) = self.frames.last_mut() {
            top.0 += n;
            self.total += n;
        }
    }

    fn new_segment(&mut self) {
        if let Some(top) = self.frames.last_mut() {
            self.total -= top.0;
            top.1 = top.1.max(top.0);
            top.0 = 0;
        }
    }

    /// A NEWLINE: the next logical line starts from nothing.
    fn end_line(&mut self) {
        self.frames.clear();
        self.total = 0;
    }
}

impl<'s> Lexer<'s> {
    /// A lexer for a whole file (a leading byte-order mark is skipped).
    pub fn new(src: &'s str) -> Lexer<'s> {
        let base = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer::over(src, base, src.len(), false)
    }

    /// A lexer for the expression of an f-string replacement field at
    /// `start..end` of `src`: it starts with `FExprStart`, ignores newlines
    /// (as inside parentheses) and ends without NEWLINE or DEDENT.
    pub fn fexpr(src: &'s str, start: usize, end: usize) -> Lexer<'s> {
        let mut lexer = Lexer::over(src, start, end, true);
        lexer.pending.push_back((start, Tok::FExprStart, start));
        lexer
    }

    fn over(src: &'s str, start: usize, end: usize, fexpr: bool) -> Lexer<'s> {
        Lexer {
            src,
            base: start,
            raw: Tok::lexer(&src[start..end]),
            pending: VecDeque::new(),
            indents: Vec::new(),
            brackets: Vec::new(),
            fexpr,
            at_line_start: !fexpr,
            done: false,
            failed: false,
            unclosed: None,
            heads: VecDeque::new(),
            seen: VecDeque::new(),
            last_was_with: false,
            nesting: Nesting::default(),
        }
    }

    /// Whether the lexer itself reported an error.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// If the error was a bracket never closed: the offset of the outermost
    /// open bracket (the innermost one is the one reported).
    pub fn unclosed(&self) -> Option<usize> {
        self.unclosed
    }

    /// The `back`-th most recent token handed out (0 is the latest).
    pub fn seen(&self, back: usize) -> Option<Seen> {
        self.seen.iter().rev().nth(back).copied()
    }

    /// The head of the logical line containing the token at `offset`.
    pub fn head_at(&self, offset: usize) -> Option<LineHead> {
        self.heads
            .iter()
            .rev()
            .find(|h| h.offset <= offset)
            .copied()
    }

    /// The head of the last logical line that starts before `offset`.
    pub fn head_before(&self, offset: usize) -> Option<LineHead> {
        self.heads.iter().rev().find(|h| h.offset < offset).copied()
    }

    /// The whole source text.
    pub fn src(&self) -> &'s str {
        self.src
    }

    fn error(
        &mut self,
        kind: SyntaxErrorKind,
        msg: String,
        offset: usize,
        end: usize,
    ) -> SyntaxError {
        self.failed = true;
        self.done = true;
        SyntaxError {
            kind,
            msg,
            offset,
            end,
        }
    }

    fn syntax(&mut self, msg: String, offset: usize, end: usize) -> SyntaxError {
        self.error(SyntaxErrorKind::Syntax, msg, offset, end)
    }

    /// Hands out a token, remembering what diagnostics need about it.
    fn hand_out(&mut self, tok: Spanned) -> Spanned {
        if self.seen.len() == 4 {
            self.seen.pop_front();
        }
        self.seen.push_back(Seen {
            start: tok.0,
            end: tok.2,
            ends_operand: tok.1.ends_operand(),
            is_name: matches!(tok.1, Tok::Name(_)),
            is_dot: tok.1 == Tok::Dot,
            is_operator: tok.1.is_operator(),
            legacy: match &tok.1 {
                Tok::Name(n) if n == "print" => Some("print"),
                Tok::Name(n) if n == "exec" => Some("exec"),
                _ => None,
            },
            depth: self.brackets.len() + usize::from(self.fexpr),
        });
        self.last_was_with = tok.1 == Tok::With;
        tok
    }

    /// Scans until a token for the parser is ready (or input ends).
    fn advance(&mut self) -> Result<(), SyntaxError> {
        loop {
            let Some(next) = self.raw.next() else {
                return self.finish();
            };
            let span = self.raw.span();
            let (start, end) = (span.start + self.base, span.end + self.base);
            let tok = match next {
                Ok(tok) => self.rebase(tok),
                Err(LexFail::BadChar)
                    if self.src[start..].starts_with(|c: char| c.is_ascii_graphic()) =>
                {
                    Tok::Unknown
                }
                Err(fail) => return Err(self.lex_failure(fail, start)),
            };
            match tok {
                Tok::Newline => {
                    if self.fexpr || self.at_line_start || !self.brackets.is_empty() {
                        continue;
                    }
                    self.at_line_start = true;
                    self.nesting.end_line();
                    self.pending.push_back((start, Tok::Newline, end));
                    return Ok(());
                }
                Tok::Continuation => {
                    if self.raw.remainder().is_empty() {
                        let msg = "unexpected EOF while parsing".to_owned();
                        return Err(self.syntax(msg, start + 1, start + 1));
                    }
                    continue;
                }
                tok => {
                    if self.at_line_start {
                        self.at_line_start = false;
                        self.indentation(start)?;
                        self.push_head(tok.header_kind(), start);
                    }
                    let tok = self.brackets(tok, start)?;
                    if !self.nesting.token(&tok) {
                        let msg = "too many nested expressions (more than 3000 levels)".to_owned();
                        return Err(self.syntax(msg, start, start));
                    }
                    self.pending.push_back((start, tok, end));
                    return Ok(());
                }
            }
        }
    }

    /// F-string bodies are located by offset: make them offsets into `src`.
    fn rebase(&self, tok: Tok) -> Tok {
        match tok {
            Tok::Str(lit) if self.base != 0 => match *lit {
                StrLit::FStr { raw, start, end } => {
                    let (start, end) = (start + self.base, end + self.base);
                    Tok::Str(Box::new(StrLit::FStr { raw, start, end }))
                }
                lit => Tok::Str(Box::new(lit)),
            },
            tok => tok,
        }
    }

    fn push_head(&mut self, kind: HeadKind, offset: usize) {
        if self.heads.len() == 4 {
            self.heads.pop_front();
        }
        self.heads.push_back(LineHead { kind, offset });
    }

    /// End of input: the last NEWLINE, the DEDENTs, or an unclosed bracket.
    fn finish(&mut self) -> Result<(), SyntaxError> {
        self.done = true;
        if let Some(&(open, at)) = self.brackets.last() {
            self.unclosed = self.brackets.first().map(|b| b.1);
            let msg = format!("'{}' was never closed", open as char);
            return Err(self.syntax(msg, at, at));
        }
        if self.fexpr {
            return Ok(());
        }
        let end = self.src.len();
        if !self.at_line_start {
            self.pending.push_back((end, Tok::Newline, end));
        }
        for _ in self.indents.drain(..) {
            self.pending.push_back((end, Tok::Dedent, end));
        }
        Ok(())
    }

    /// Bracket bookkeeping for one token; may turn `(` into `WithLPar`.
    fn brackets(&mut self, tok: Tok, at: usize) -> Result<Tok, SyntaxError> {
        let open = match tok {
            Tok::LPar => b'(',
            Tok::LSqb => b'[',
            Tok::LBrace => b'{',
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                self.close_bracket(&tok, at)?;
                return Ok(tok);
            }
            _ => return Ok(tok),
        };
        if self.brackets.len() >= MAX_BRACKET_DEPTH {
            let msg = "too many nested parentheses".to_owned();
            return Err(self.syntax(msg, at, at));
        }
        self.brackets.push((open, at));
        if tok == Tok::LPar && self.last_was_with && self.with_items_follow() {
            return Ok(Tok::WithLPar);
        }
        Ok(tok)
    }

    fn close_bracket(&mut self, tok: &Tok, at: usize) -> Result<(), SyntaxError> {
        let close = match tok {
            Tok::RPar => b')',
            Tok::RSqb => b']',
            _ => b'}',
        };
        let Some((open, open_at)) = self.brackets.pop() else {
            let msg = format!("unmatched '{}'", close as char);
            return Err(self.syntax(msg, at, at));
        };
        let expected = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        if close == expected {
            return Ok(());
        }
        let mut msg = format!(
            "closing parenthesis '{}' does not match opening parenthesis '{}'",
            close as char, open as char
        );
        let open_line = line_of(self.src, open_at);
        if open_line != line_of(self.src, at) {
            msg.push_str(&format!(" on line {open_line}"));
        }
        Err(self.syntax(msg, at, at))
    }

    /// After `with (`: whether the matching `)` is directly followed by `:`.
    fn with_items_follow(&self) -> bool {
        let mut raw = self.raw.clone();
        let mut depth = 1usize;
        while let Some(Ok(tok)) = raw.next() {
            match tok {
                Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
                Tok::RPar | Tok::RSqb | Tok::RBrace => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return matches!(raw.next(), Some(Ok(Tok::Colon)));
            }
        }
        false
    }

    /// Emits INDENT/DEDENT for a logical line whose first token is at `at`.
    fn indentation(&mut self, at: usize) -> Result<(), SyntaxError> {
        let line_start = self.src[..at]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1)
            .max(self.base);
        let (col, altcol) = indent_columns(&self.src[line_start..at]);
        let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top {
            if altcol != alttop {
                return Err(self.tab_error(line_start));
            }
        } else if col > top {
            if self.indents.len() + 1 >= MAX_INDENT_LEVELS {
                let msg = "too many levels of indentation".to_owned();
                return Err(self.error(SyntaxErrorKind::Indentation, msg, at, at));
            }
            if altcol <= alttop {
                return Err(self.tab_error(line_start));
            }
            self.indents.push((col, altcol));
            self.pending.push_back((line_start, Tok::Indent, at));
        } else {
            while self.indents.last().is_some_and(|&(c, _)| col < c) {
                self.indents.pop();
                self.pending.push_back((at, Tok::Dedent, at));
            }
            let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
            if col != top {
                let eol = self.src[at..]
                    .find(['\n', '\r'])
                    .map_or(self.src.len(), |i| at + i);
                let msg = "unindent does not match any outer indentation level".to_owned();
                return Err(self.error(SyntaxErrorKind::Indentation, msg, eol, eol));
            }
            if altcol != alttop {
                return Err(self.tab_error(line_start));
            }
        }
        Ok(())
    }

    fn tab_error(&mut self, line_start: usize) -> SyntaxError {
        let msg = "inconsistent use of tabs and spaces in indentation".to_owned();
        self.error(SyntaxErrorKind::Tab, msg, line_start, line_start)
    }

    /// Turns a logos failure at `start..end` into CPython's message.
    fn lex_failure(&mut self, fail: LexFail, start: usize) -> SyntaxError {
        match fail {
            LexFail::BadChar => {
                let c = self.src[start..].chars().next().unwrap_or(' ');
                self.syntax(bad_char_message(c), start, start)
            }
            LexFail::At { msg, start, end } => self.syntax(msg, start + self.base, end + self.base),
            LexFail::Unterminated {
                triple,
                start,
                detected,
            } => {
                let detected = match detected {
                    Some(at) => at + self.base,
                    None => self.src.len().saturating_sub(1),
                };
                let line = line_of(self.src, detected);
                let what = if triple {
                    "triple-quoted string literal"
                } else {
                    "string literal"
                };
                let msg = format!("unterminated {what} (detected at line {line})");
                self.syntax(msg, start + self.base, start + self.base)
            }
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Spanned, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pending.is_empty()
            && !self.done
            && let Err(e) = self.advance()
        {
            return Some(Err(e));
        }
        let tok = self.pending.pop_front()?;
        Some(Ok(self.hand_out(tok)))
    }
}

/// 1-based line number of byte `offset` in `src`.
pub fn line_of(src: &str, offset: usize) -> usize {
    let offset = offset.min(src.len());
    src.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Indentation width of `ws`: (tabs to multiples of 8, tabs as one column).
fn indent_columns(ws: &str) -> (usize, usize) {
    let (mut col, mut altcol) = (0, 0);
    for b in ws.bytes() {
        match b {
            b' ' => {
                col += 1;
                altcol += 1;
            }
            b'\t' => {
                col = (col / 8 + 1) * 8;
                altcol += 1;
            }
            b'\x0C' => {
                col = 0;
                altcol = 0;
            }
            _ => {}
        }
    }
    (col, altcol)
}

fn bad_char_message(c: char) -> String {
    let printable = !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        || matches!(c, '\u{2060}'..='\u{206f}' | '\u{feff}'));
    if printable {
        format!("invalid character '{c}' (U+{:04X})", c as u32)
    } else {
        format!("invalid non-printable character U+{:04X}", c as u32)
    }
}

fn backslash(lex: &mut logos::Lexer<Tok>) -> Result<(), LexFail> {
    let at = lex.span().end;
    if lex.remainder().is_empty() {
        return Err(LexFail::at("unexpected EOF while parsing", at, at));
    }
    let msg = "unexpected character after line continuation character";
    Err(LexFail::at(msg, at, at))
}

// ---------------------------------------------------------------------------
// Numbers: a transcription of the number branch of CPython 3.11's `tok_get`,
// so that messages and carets (always at the last consumed byte) agree.

/// What kind of number literal was scanned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NumKind {
    Int(u32),
    Float,
}

struct NumScan<'a> {
    b: &'a [u8],
    start: usize,
    cur: usize,
}

impl NumScan<'_> {
    fn nextc(&mut self) -> Option<u8> {
        let c = self.b.get(self.cur).copied();
        if c.is_some() {
            self.cur += 1;
        }
        c
    }

    fn backup(&mut self, c: Option<u8>) {
        if c.is_some() {
            self.cur -= 1;
        }
    }

    fn fail(&self, msg: impl Into<String>) -> LexFail {
        let at = self.cur.saturating_sub(1).max(self.start);
        LexFail::at(msg, at, at)
    }

    fn lookahead(&self, rest: &[u8]) -> bool {
        self.b[self.cur..].starts_with(rest)
    }

    /// A literal may be followed by a keyword (`1if x else 2`) but not by
    /// another identifier character.
    fn verify_end(&mut self, c: Option<u8>, kind: &str) -> Result<(), LexFail> {
        let keyword = match c {
            Some(b'a') => self.lookahead(b"nd"),
            Some(b'e') => self.lookahead(b"lse"),
            Some(b'f') => self.lookahead(b"or"),
            Some(b'i') => matches!(self.b.get(self.cur), Some(b'f' | b'n' | b's')),
            Some(b'o') => self.lookahead(b"r"),
            Some(b'n') => self.lookahead(b"ot"),
            _ => false,
        };
        if !keyword && c.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.backup(c);
            return Err(self.fail(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Digits after the first, with single `_` separators.
    fn decimal_tail(&mut self) -> Result<Option<u8>, LexFail> {
        loop {
            let mut c = self.nextc();
            while is_digit(c) {
                c = self.nextc();
            }
            if c != Some(b'_') {
                return Ok(c);
            }
            let c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.fail("invalid decimal literal"));
            }
        }
    }

    /// `0x..`, `0o..`, `0b..` after the prefix letter.
    fn radix(&mut self, radix: u32, name: &str) -> Result<NumKind, LexFail> {
        let ok = |c: Option<u8>| c.is_some_and(|c| (c as char).is_digit(radix));
        let mut c = self.nextc();
        loop {
            if c == Some(b'_') {
                c = self.nextc();
            }
            if !ok(c) {
                if radix != 16 && is_digit(c) {
                    let d = c.unwrap_or(b'0') as char;
                    return Err(self.fail(format!("invalid digit '{d}' in {name} literal")));
                }
                self.backup(c);
                return Err(self.fail(format!("invalid {name} literal")));
            }
            while ok(c) {
                c = self.nextc();
            }
            if c != Some(b'_') {
                break;
            }
        }
        if radix != 16 && is_digit(c) {
            let d = c.unwrap_or(b'0') as char;
            return Err(self.fail(format!("invalid digit '{d}' in {name} literal")));
        }
        self.verify_end(c, name)?;
        self.backup(c);
        Ok(NumKind::Int(radix))
    }

    /// A literal starting with `0` that is not `0x`/`0o`/`0b`.
    fn zero(&mut self, mut c: Option<u8>) -> Result<NumKind, LexFail> {
        loop {
            if c == Some(b'_') {
                c = self.nextc();
                if !is_digit(c) {
                    self.backup(c);
                    return Err(self.fail("invalid decimal literal"));
                }
            }
            if c != Some(b'0') {
                break;
            }
            c = self.nextc();
        }
        let zeros_end = self.cur;
        let mut nonzero = false;
        if is_digit(c) {
            nonzero = true;
            c = self.decimal_tail()?;
        }
        match c {
            Some(b'.') => {
                let c = self.nextc();
                self.fraction(c)
            }
            Some(b'e' | b'E') => self.exponent(c, false),
            Some(b'j' | b'J') => self.imaginary(),
            _ if nonzero => {
                self.backup(c);
                let msg = "leading zeros in decimal integer literals are not permitted; \
                           use an 0o prefix for octal integers";
                Err(LexFail::at(msg, self.start, zeros_end - 1))
            }
            _ => {
                self.verify_end(c, "decimal")?;
                self.backup(c);
                Ok(NumKind::Int(10))
            }
        }
    }

    fn fraction(&mut self, mut c: Option<u8>) -> Result<NumKind, LexFail> {
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        self.after_mantissa(c, true)
    }

    /// After the digits (and fraction, if any): exponent, `j`, or the end.
    fn after_mantissa(&mut self, c: Option<u8>, float: bool) -> Result<NumKind, LexFail> {
        if matches!(c, Some(b'e' | b'E')) {
            return self.exponent(c, float);
        }
        self.end_of_mantissa(c, float)
    }

    fn end_of_mantissa(&mut self, c: Option<u8>, float: bool) -> Result<NumKind, LexFail> {
        if matches!(c, Some(b'j' | b'J')) {
            return self.imaginary();
        }
        self.verify_end(c, "decimal")?;
        self.backup(c);
        Ok(if float {
            NumKind::Float
        } else {
            NumKind::Int(10)
        })
    }

    fn exponent(&mut self, e: Option<u8>, float: bool) -> Result<NumKind, LexFail> {
        let mut c = self.nextc();
        if matches!(c, Some(b'+' | b'-')) {
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.fail("invalid decimal literal"));
            }
        } else if !is_digit(c) {
            // `1else`: the `e` belongs to a keyword, not to the number.
            self.backup(c);
            self.verify_end(e, "decimal")?;
            self.backup(e);
            return Ok(if float {
                NumKind::Float
            } else {
                NumKind::Int(10)
            });
        }
        let c = self.decimal_tail()?;
        self.end_of_mantissa(c, true)
    }

    fn imaginary(&mut self) -> Result<NumKind, LexFail> {
        let c = self.nextc();
        self.verify_end(c, "imaginary")?;
        self.backup(c);
        Err(LexFail::at(
            "imaginary (complex) literals are not supported",
            self.start,
            self.start,
        ))
    }

    fn scan(&mut self) -> Result<NumKind, LexFail> {
        let c = self.nextc();
        match c {
            Some(b'.') => {
                let c = self.nextc();
                self.fraction(c)
            }
            Some(b'0') => {
                let c = self.nextc();
                match c {
                    Some(b'x' | b'X') => self.radix(16, "hexadecimal"),
                    Some(b'o' | b'O') => self.radix(8, "octal"),
                    Some(b'b' | b'B') => self.radix(2, "binary"),
                    _ => self.zero(c),
                }
            }
            _ => {
                let c = self.decimal_tail()?;
                if c == Some(b'.') {
                    let c = self.nextc();
                    return self.fraction(c);
                }
                self.after_mantissa(c, false)
            }
        }
    }
}

fn is_digit(c: Option<u8>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn number(lex: &mut logos::Lexer<Tok>) -> Result<Num, LexFail> {
    let start = lex.span().start;
    let mut scan = NumScan {
        b: lex.source().as_bytes(),
        start,
        cur: start,
    };
    let kind = scan.scan()?;
    let end = scan.cur;
    lex.bump(end - lex.span().end);
    let digits: String = lex.source()[start..end]
        .chars()
        .filter(|&c| c != '_')
        .collect();
    match kind {
        NumKind::Float => Ok(Num::Float(parse_float(&digits))),
        NumKind::Int(radix) => {
            let digits = if radix == 10 {
                &digits[..]
            } else {
                &digits[2..]
            };
            Ok(int_value(digits, radix))
        }
    }
}

fn parse_float(text: &str) -> f64 {
    // Rust's parser wants a digit on both sides of the point.
    let mut fixed = String::with_capacity(text.len() + 2);
    let mut prev = None;
    for c in text.chars() {
        if c == '.' && !prev.is_some_and(|p: char| p.is_ascii_digit()) {
            fixed.push('0');
        }
        if prev == Some('.') && !c.is_ascii_digit() {
            fixed.push('0');
        }
        fixed.push(c);
        prev = Some(c);
    }
    if prev == Some('.') {
        fixed.push('0');
    }
    fixed.parse().unwrap_or(f64::NAN)
}

fn int_value(digits: &str, radix: u32) -> Num {
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Num::Int(v);
    }
    let big = BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
    match big.to_i64() {
        Some(v) => Num::Int(v),
        None => Num::Big(Box::new(big)),
    }
}

// ---------------------------------------------------------------------------
// Strings.

fn string(lex: &mut logos::Lexer<Tok>) -> Result<Box<StrLit>, LexFail> {
    let start = lex.span().start;
    let head = lex.slice();
    let quote = head.as_bytes()[head.len() - 1];
    let prefix = head[..head.len() - 1].to_ascii_lowercase();
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let open = if triple { 2 } else { 0 };
    let body_start = lex.span().end + open;
    let (body_len, close_len) =
        scan_body(&rest[open..], quote, triple).map_err(|at| LexFail::Unterminated {
            triple,
            start,
            detected: at.map(|i| body_start + i),
        })?;
    lex.bump(open + body_len + close_len);
    let end = lex.span().end;
    let body = &lex.source()[body_start..body_start + body_len];
    let raw = prefix.contains('r');
    if prefix.contains('f') {
        return Ok(Box::new(StrLit::FStr {
            raw,
            start: body_start,
            end: body_start + body_len,
        }));
    }
    if prefix.contains('b') {
        if !body.is_ascii() {
            let msg = "bytes can only contain ASCII literal characters";
            return Err(LexFail::at(msg, start, end));
        }
        let bytes = decode_bytes(body, raw).map_err(|msg| LexFail::at(msg, end, end))?;
        return Ok(Box::new(StrLit::Bytes(bytes)));
    }
    let text = decode_str(body, raw).map_err(|msg| LexFail::at(msg, end, end))?;
    Ok(Box::new(StrLit::Str(text)))
}

/// Finds the closing quote: Ok((body length, closing quote length)), or
/// Err(where a newline ended a one-line string / None at end of input).
fn scan_body(b: &[u8], quote: u8, triple: bool) -> Result<(usize, usize), Option<usize>> {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                    3
                } else {
                    2
                };
                continue;
            }
            b'\n' | b'\r' if !triple => return Err(Some(i)),
            c if c == quote => {
                if !triple {
                    return Ok((i, 1));
                }
                if b.get(i + 1) == Some(&quote) && b.get(i + 2) == Some(&quote) {
                    return Ok((i, 3));
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(None)
}

/// Decodes the body of a str literal (escapes unless `raw`; newlines as `\n`).
pub fn decode_str(body: &str, raw: bool) -> Result<String, String> {
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let (mut i, mut run) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\r' => {
                out.push_str(&body[run..i]);
                out.push('\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                run = i;
            }
            b'\\' if !raw => {
                out.push_str(&body[run..i]);
                i = str_escape(body, i, &mut out)?;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&body[run..]);
    Ok(out)
}

/// Decodes one escape starting at the backslash `body[i]`; returns the index
/// after it.
fn str_escape(body: &str, i: usize, out: &mut String) -> Result<usize, String> {
    let b = body.as_bytes();
    let Some(&c) = b.get(i + 1) else {
        out.push('\\');
        return Ok(i + 1);
    };
    let simple = match c {
        b'\n' => return Ok(i + 2),
        b'\r' => {
            return Ok(if b.get(i + 2) == Some(&b'\n') {
                i + 3
            } else {
                i + 2
            });
        }
        b'\\' => '\\',
        b'\'' => '\'',
        b'"' => '"',
        b'a' => '\x07',
        b'b' => '\x08',
        b'f' => '\x0c',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'v' => '\x0b',
        b'0'..=b'7' => {
            let (value, next) = octal(b, i + 1);
            out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            return Ok(next);
        }
        b'x' => return hex_escape(b, i, 2, "\\xXX", out),
        b'u' => return hex_escape(b, i, 4, "\\uXXXX", out),
        b'U' => return hex_escape(b, i, 8, "\\UXXXXXXXX", out),
        b'N' => return named_escape(body, i, out),
        _ => {
            out.push('\\');
            return Ok(i + 1);
        }
    };
    out.push(simple);
    Ok(i + 2)
}

/// Up to three octal digits from `b[at..]`: (value, index after them).
fn octal(b: &[u8], at: usize) -> (u32, usize) {
    let mut value = 0;
    let mut j = at;
    while j < at + 3 && matches!(b.get(j), Some(b'0'..=b'7')) {
        value = value * 8 + (b[j] - b'0') as u32;
        j += 1;
    }
    (value, j)
}

fn unicode_error(first: usize, last: usize, what: &str) -> String {
    format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: {what}"
    )
}

fn hex_escape(
    b: &[u8],
    i: usize,
    len: usize,
    form: &str,
    out: &mut String,
) -> Result<usize, String> {
    let digits = b[i + 2..]
        .iter()
        .take(len)
        .take_while(|c| c.is_ascii_hexdigit())
        .count();
    if digits < len {
        return Err(unicode_error(
            i,
            i + 1 + digits,
            &format!("truncated {form} escape"),
        ));
    }
    let text = std::str::from_utf8(&b[i + 2..i + 2 + len]).unwrap_or("0");
    let value = u32::from_str_radix(text, 16).unwrap_or(0);
    if value > 0x10ffff {
        return Err(unicode_error(i, i + 1 + len, "illegal Unicode character"));
    }
    // Lone surrogates cannot live in a Rust string; they become U+FFFD.
    out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
    Ok(i + 2 + len)
}

/// `\N{NAME}`: only a few names are known (there is no Unicode name table).
fn named_escape(body: &str, i: usize, out: &mut String) -> Result<usize, String> {
    let rest = &body[i + 2..];
    let close = rest.strip_prefix('{').and_then(|r| r.find('}'));
    let Some(close) = close.filter(|&n| n > 0) else {
        return Err(unicode_error(i, i + 1, "malformed \\N character escape"));
    };
    let name = rest[1..=close].trim_end_matches('}').to_ascii_uppercase();
    let end = i + 2 + close + 1;
    match unicode_name(&name) {
        Some(c) => {
            out.push(c);
            Ok(end + 1)
        }
        None => Err(unicode_error(i, end, "unknown Unicode character name")),
    }
}

fn unicode_name(name: &str) -> Option<char> {
    const NAMES: &[(&str, char)] = &[
        ("BULLET", '\u{2022}'),
        ("DEGREE SIGN", '\u{b0}'),
        ("EM DASH", '\u{2014}'),
        ("EN DASH", '\u{2013}'),
        ("HORIZONTAL ELLIPSIS", '\u{2026}'),
        ("MULTIPLICATION SIGN", '\u{d7}'),
        ("NO-BREAK SPACE", '\u{a0}'),
        ("GREEK SMALL LETTER ALPHA", '\u{3b1}'),
        ("GREEK SMALL LETTER BETA", '\u{3b2}'),
        ("GREEK SMALL LETTER PI", '\u{3c0}'),
        ("GREEK CAPITAL LETTER SIGMA", '\u{3a3}'),
        ("PLUS-MINUS SIGN", '\u{b1}'),
        ("RIGHTWARDS ARROW", '\u{2192}'),
        ("CHECK MARK", '\u{2713}'),
        ("SNOWMAN", '\u{2603}'),
        ("SPACE", ' '),
        ("LINE FEED", '\n'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// Decodes the body of a bytes literal (already known to be ASCII).
fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        } else if c == b'\\' && !raw && i + 1 < b.len() {
            i = bytes_escape(b, i, &mut out)?;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn bytes_escape(b: &[u8], i: usize, out: &mut Vec<u8>) -> Result<usize, String> {
    let simple = match b[i + 1] {
        b'\n' => return Ok(i + 2),
        b'\r' => {
            return Ok(if b.get(i + 2) == Some(&b'\n') {
                i + 3
            } else {
                i + 2
            });
        }
        b'\\' => b'\\',
        b'\'' => b'\'',
        b'"' => b'"',
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 11,
        b'0'..=b'7' => {
            let (value, next) = octal(b, i + 1);
            out.push(value as u8);
            return Ok(next);
        }
        b'x' => {
            let hex = b
                .get(i + 2..i + 4)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
            let Some(hex) = hex else {
                return Err(format!("(value error) invalid \\x escape at position {i}"));
            };
            let text = std::str::from_utf8(hex).unwrap_or("0");
            out.push(u8::from_str_radix(text, 16).unwrap_or(0));
            return Ok(i + 4);
        }
        _ => {
            out.push(b'\\');
            return Ok(i + 1);
        }
    };
    out.push(simple);
    Ok(i + 2)
}
