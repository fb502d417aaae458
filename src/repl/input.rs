//! When is a REPL entry complete, and how far to indent the next line.
//!
//! The rules are CPython's interactive ones, decided on the text alone
//! (the compiler then reports any real error):
//!
//! - an open bracket, an unterminated triple-quoted string or a trailing
//!   backslash always asks for another line;
//! - an entry whose first logical line opens a block (it ends with `:`, or
//!   starts with a compound-statement keyword or a decorator, as in
//!   `if x: pass`) goes on until an empty (or blank) line;
//! - anything else is complete at the end of its line.
//!
//! Auto-indent: after a line ending with `:` the next line is indented four
//! more spaces; after `return`, `pass`, `break`, `continue` or `raise` four
//! fewer; otherwise as much as the line before.

/// One indentation step of the REPL's auto-indent.
pub const INDENT: &str = "    ";

/// Keywords that start a compound statement (and so a block).
const COMPOUND: &[&str] = &[
    "if", "elif", "else", "for", "while", "def", "class", "with", "try", "except", "finally",
    "async",
];

/// Statements after which the block usually ends.
const DEDENTERS: &[&str] = &["return", "pass", "break", "continue", "raise"];

/// Where a scan of the entry's text stops.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    /// Open brackets.
    depth: usize,
    /// Inside a string at the end (triple-quoted, or continued by `\`).
    in_string: bool,
    /// The text ends with a line-continuation backslash.
    backslash: bool,
    /// The last character of the first logical line, outside strings and
    /// comments (None while that line is unfinished or has no code).
    first_line_end: Option<char>,
    /// The last character of code on the last physical line.
    last_line_end: Option<char>,
}

/// Scan `text` for brackets, strings, comments and line ends.
fn scan(text: &str) -> Scan {
    let mut s = Scan::default();
    let mut chars = text.chars().peekable();
    let mut last_code: Option<char> = None;
    let mut first_done = false;
    // Inside a string: its quote and whether it is triple-quoted.
    let mut string: Option<(char, bool)> = None;
    while let Some(c) = chars.next() {
        if let Some((q, triple)) = string {
            match c {
                '\\' => {
                    chars.next();
                }
                '\n' if !triple => string = None,
                c if c == q => {
                    if !triple {
                        string = None;
                    } else if chars.peek() == Some(&q) {
                        chars.next();
                        if chars.peek() == Some(&q) {
                            chars.next();
                            string = None;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        match c {
            '#' => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '\\' => match chars.peek() {
                Some('\n') => {
                    chars.next();
                }
                None => s.backslash = true,
                Some(_) => last_code = Some(c),
            },
            '\'' | '"' => {
                let triple = {
                    let mut ahead = chars.clone();
                    ahead.next() == Some(c) && ahead.next() == Some(c)
                };
                if triple {
                    chars.next();
                    chars.next();
                }
                string = Some((c, triple));
                last_code = Some(c);
            }
            '(' | '[' | '{' => {
                s.depth += 1;
                last_code = Some(c);
            }
            ')' | ']' | '}' => {
                s.depth = s.depth.saturating_sub(1);
                last_code = Some(c);
            }
            '\n' => {
                if s.depth == 0 && !first_done && last_code.is_some() {
                    first_done = true;
                    s.first_line_end = last_code;
                }
                last_code = None;
            }
            c if c.is_whitespace() => {}
            c => last_code = Some(c),
        }
    }
    s.in_string = string.is_some();
    if s.depth == 0 && !s.in_string && !s.backslash && !first_done {
        s.first_line_end = last_code;
    }
    s.last_line_end = last_code;
    s
}

/// The first word of a line (identifier characters), or `@` for a decorator.
fn first_word(line: &str) -> &str {
    let t = line.trim_start();
    if t.starts_with('@') {
        return "@";
    }
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    &t[..end]
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Is the entry made of `lines` ready to run?
pub fn is_complete(lines: &[String]) -> bool {
    let text = lines.join("\n");
    let s = scan(&text);
    if s.depth > 0 || s.in_string || s.backslash {
        return false;
    }
    let first = lines
        .iter()
        .find(|l| !is_blank(l))
        .map_or("", String::as_str);
    let word = first_word(first);
    let block = s.first_line_end == Some(':') || word == "@" || COMPOUND.contains(&word);
    !block || (lines.len() > 1 && lines.last().is_some_and(|l| is_blank(l)))
}

/// The indentation to offer on the line after `lines`.
pub fn next_indent(lines: &[String]) -> String {
    let text = lines.join("\n");
    let s = scan(&text);
    if s.depth > 0 || s.in_string {
        return String::new();
    }
    let last = lines.last().map_or("", String::as_str);
    let indent = &last[..last.len() - last.trim_start().len()];
    if s.last_line_end == Some(':') {
        format!("{indent}{INDENT}")
    } else if DEDENTERS.contains(&first_word(last)) {
        indent
            .strip_suffix(INDENT)
            .unwrap_or_else(|| indent.trim_end_matches(' '))
            .to_string()
    } else {
        indent.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn simple_statements_are_complete() {
        assert!(is_complete(&lines("x = 1")));
        assert!(is_complete(&lines("print('a:')")));
        assert!(is_complete(&lines("# just a comment:")));
        assert!(is_complete(&lines("d = {'a': 1}")));
        assert!(is_complete(&lines("x = 1  # ends with a colon:")));
    }

    #[test]
    fn open_brackets_strings_and_backslashes_continue() {
        assert!(!is_complete(&lines("x = (1,")));
        assert!(is_complete(&lines("x = (1,\n 2)")));
        assert!(!is_complete(&lines("s = '''abc")));
        assert!(!is_complete(&lines("s = '''abc\n\n")));
        assert!(is_complete(&lines("s = '''abc\n'''")));
        assert!(!is_complete(&lines("x = 1 + \\")));
        assert!(is_complete(&lines("x = ')'")));
        assert!(is_complete(&lines("x = '\\''")));
        assert!(is_complete(&lines("x = [  # (\n]")));
    }

    #[test]
    fn blocks_end_with_an_empty_line() {
        assert!(!is_complete(&lines("def f():")));
        assert!(!is_complete(&lines("def f():\n    return 1")));
        assert!(is_complete(&lines("def f():\n    return 1\n")));
        assert!(is_complete(&lines("def f():\n    return 1\n    ")));
        assert!(!is_complete(&lines("if x: pass")));
        assert!(!is_complete(&lines("@decorator")));
        assert!(!is_complete(&lines("def f(a,\n      b):")));
        assert!(!is_complete(&lines("for i in range(3):  # loop")));
        assert!(!is_complete(&lines(":time for i in range(3):")));
        // An identifier that merely starts like a keyword is no block.
        assert!(is_complete(&lines("iffy = 1")));
    }

    #[test]
    fn auto_indent_follows_blocks() {
        assert_eq!(next_indent(&lines("def f():")), "    ");
        assert_eq!(next_indent(&lines("def f():\n    x = 1")), "    ");
        assert_eq!(next_indent(&lines("def f():\n    if x:")), "        ");
        assert_eq!(next_indent(&lines("def f():\n    return 1")), "");
        assert_eq!(
            next_indent(&lines("def f():\n    if x:\n        pass")),
            "    "
        );
        assert_eq!(next_indent(&lines("x = (1,")), "");
    }
}
