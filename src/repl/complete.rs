//! Tab completion for the REPL (the rustyline `Helper`).
//!
//! Completes names (the session's globals, the builtins and the keywords),
//! module names after `import`, attributes after a dot (a module's names;
//! the methods of a value's type, also after a string or list literal), and
//! the REPL's `:` commands. A Tab with only blanks before the cursor inserts
//! one indentation step instead.
//! Completion only reads dicts: it never runs code, so a dotted path is
//! followed through modules only (`math.sq`, `os.path.jo`), as it cannot
//! evaluate anything with side effects.

use std::sync::Arc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::input::INDENT;
use crate::builtins::methods::method_names;
use crate::vm::Value;
use crate::vm::objects::DictObj;

/// Python's keywords, offered with the names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The REPL's commands, completed after a leading `:`.
pub const COMMANDS: &[&str] = &[":dis", ":gil", ":help", ":time"];

/// Completion over the session's namespaces.
pub struct MiniHelper {
    pub globals: Arc<DictObj>,
    pub builtins: Arc<DictObj>,
}

impl MiniHelper {
    fn name_candidates(&self, prefix: &str) -> Vec<Pair> {
        let mut out: Vec<Pair> = Vec::new();
        for dict in [&self.globals, &self.builtins] {
            for (name, value) in string_items(dict) {
                if name.starts_with(prefix) && (!name.starts_with('_') || prefix.starts_with('_')) {
                    out.push(candidate(&name, Some(&value)));
                }
            }
        }
        for kw in KEYWORDS.iter().filter(|k| k.starts_with(prefix)) {
            out.push(candidate(kw, None));
        }
        sort_unique(out)
    }

    fn attr_candidates(&self, obj: &Value, prefix: &str) -> Vec<Pair> {
        let mut out: Vec<Pair> = Vec::new();
        let private_ok = prefix.starts_with('_');
        match obj {
            Value::Module(m) => {
                for (name, value) in string_items(&m.dict) {
                    if name.starts_with(prefix) && (private_ok || !name.starts_with('_')) {
                        out.push(candidate(&name, Some(&value)));
                    }
                }
            }
            Value::Type(t) => {
                if let Some(sample) = sample_of(&t.name) {
                    out = method_pairs(&sample, prefix);
                }
            }
            other => out = method_pairs(other, prefix),
        }
        sort_unique(out)
    }
}

/// The value a dotted path of names stands for (globals first, then
/// builtins), following modules only: nothing is evaluated.
pub fn resolve(globals: &DictObj, builtins: &DictObj, path: &str) -> Option<Value> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut v = globals.get_str(first).or_else(|| builtins.get_str(first))?;
    for attr in parts {
        v = match &v {
            Value::Module(m) => m.dict.get_str(attr)?,
            _ => return None,
        };
    }
    Some(v)
}

/// The (name, value) pairs of a namespace with string keys.
fn string_items(dict: &DictObj) -> Vec<(String, Value)> {
    dict.table
        .lock()
        .items()
        .into_iter()
        .filter_map(|(k, v)| match k {
            Value::Str(s) => Some((s.as_str().to_string(), v)),
            _ => None,
        })
        .collect()
}

/// The builtin modules whose names start with `prefix` (after `import`).
fn module_candidates(prefix: &str) -> Vec<Pair> {
    let names = crate::modules::REGISTRY.iter().map(|(name, _)| *name);
    sort_unique(
        names
            .filter(|n| n.starts_with(prefix))
            .map(|n| candidate(n, None))
            .collect(),
    )
}

fn method_pairs(v: &Value, prefix: &str) -> Vec<Pair> {
    method_names(v)
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .map(|n| Pair {
            display: n.to_string(),
            replacement: format!("{n}("),
        })
        .collect()
}

/// A value of the builtin type `name`, to list its methods (`str.up<Tab>`).
fn sample_of(name: &str) -> Option<Value> {
    Some(match name {
        "str" => Value::str(""),
        "list" => Value::list(Vec::new()),
        "tuple" => Value::tuple(Vec::new()),
        "dict" => Value::Dict(Arc::new(DictObj::new())),
        "int" => Value::Int(0),
        "float" => Value::float(0.0),
        _ => return None,
    })
}

/// A completion; callables get their `(` as CPython's completer adds it.
fn candidate(name: &str, value: Option<&Value>) -> Pair {
    let callable = matches!(
        value,
        Some(
            Value::Func(_)
                | Value::Builtin(_)
                | Value::Type(_)
                | Value::BoundMethod(_)
                | Value::MethodDesc(_)
        )
    );
    Pair {
        display: name.to_string(),
        replacement: if callable {
            format!("{name}(")
        } else {
            name.to_string()
        },
    }
}

fn sort_unique(mut pairs: Vec<Pair>) -> Vec<Pair> {
    pairs.sort_by(|a, b| a.display.cmp(&b.display));
    pairs.dedup_by(|a, b| a.display == b.display);
    pairs
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

impl Completer for MiniHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        if before.trim().is_empty() {
            let step = Pair {
                display: INDENT.to_string(),
                replacement: INDENT.to_string(),
            };
            return Ok((pos, vec![step]));
        }
        if before.starts_with(':') && !before.contains(char::is_whitespace) {
            let cands = COMMANDS
                .iter()
                .filter(|c| c.starts_with(before))
                .map(|c| candidate(c, None))
                .collect();
            return Ok((0, cands));
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = &before[start..];
        if matches!(
            before[..start].split_whitespace().collect::<Vec<_>>()[..],
            ["import" | "from"]
        ) {
            return Ok((start, module_candidates(word)));
        }
        let Some((base, partial)) = word.rsplit_once('.') else {
            if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
                return Ok((pos, Vec::new()));
            }
            return Ok((start, self.name_candidates(word)));
        };
        let attr_start = pos - partial.len();
        let obj = if base.is_empty() {
            // After a literal: `"a,b".sp`, `[3, 1].so`.
            match before[..start].chars().last() {
                Some('\'' | '"') => Some(Value::str("")),
                Some(']') => Some(Value::list(Vec::new())),
                Some('}') => Some(Value::Dict(Arc::new(DictObj::new()))),
                _ => None,
            }
        } else if base.starts_with(|c: char| c.is_ascii_digit()) {
            None
        } else {
            resolve(&self.globals, &self.builtins, base)
        };
        let cands = obj.map_or_else(Vec::new, |o| self.attr_candidates(&o, partial));
        Ok((attr_start, cands))
    }
}

impl Hinter for MiniHelper {
    type Hint = String;
}

impl Highlighter for MiniHelper {}

impl Validator for MiniHelper {}

impl Helper for MiniHelper {}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::DefaultHistory;

    fn helper() -> MiniHelper {
        let globals = Arc::new(DictObj::new());
        globals.set_str("counter", Value::Int(1));
        globals.set_str("count_words", Value::str("not callable"));
        let builtins = Arc::new(DictObj::new());
        builtins.set_str("print", Value::None);
        MiniHelper { globals, builtins }
    }

    fn complete(h: &MiniHelper, line: &str) -> (usize, Vec<String>) {
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let (start, pairs) = h.complete(line, line.len(), &ctx).unwrap_or_default();
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn names_keywords_and_commands() {
        let h = helper();
        assert_eq!(
            complete(&h, "x = coun"),
            (4, vec!["count_words".into(), "counter".into()])
        );
        assert_eq!(complete(&h, "whi"), (0, vec!["while".into()]));
        assert_eq!(complete(&h, ":d"), (0, vec![":dis".into()]));
        assert_eq!(complete(&h, "    "), (4, vec![INDENT.into()]));
        assert_eq!(complete(&h, "import ma"), (7, vec!["math".into()]));
    }

    #[test]
    fn methods_after_a_dot() {
        let h = helper();
        let (start, c) = complete(&h, "\"a b\".spl");
        assert_eq!(start, 6);
        assert!(c.contains(&"split(".to_string()), "{c:?}");
        let (_, c) = complete(&h, "counter.bit_l");
        assert_eq!(c, vec!["bit_length(".to_string()]);
        assert!(complete(&h, "1.5").1.is_empty());
    }
}
