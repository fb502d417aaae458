//! Printing an uncaught exception the way CPython does: the chain of causes
//! and contexts, `Traceback (most recent call last):`, one `File …, line …,
//! in …` entry per frame with its source line, and `Type: message`.

use std::fmt::Write;
use std::sync::Arc;

use super::error::PyErr;
use super::interp::Vm;
use super::objects::{ExcObj, Fault, TraceEntry};
use crate::syntax::source::line_text;

/// CPython prints at most this many identical consecutive entries before
/// `[Previous line repeated N more times]`.
const REPEAT_CUTOFF: usize = 3;

/// The full report for an uncaught exception, ending with a newline.
pub fn format_exception(vm: &mut Vm, e: &PyErr) -> String {
    let mut out = String::new();
    let mut seen: Vec<*const ExcObj> = Vec::new();
    format_chain(vm, e, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, e: &PyErr, out: &mut String, seen: &mut Vec<*const ExcObj>) {
    seen.push(Arc::as_ptr(e));
    let cause = e.cause.lock().clone();
    let context = e.context.lock().clone();
    let suppress = e
        .suppress_context
        .load(std::sync::atomic::Ordering::Relaxed);
    if let Some(c) = cause.filter(|c| !seen.contains(&Arc::as_ptr(c))) {
        format_chain(vm, &c, out, seen);
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if let Some(c) = context.filter(|c| !suppress && !seen.contains(&Arc::as_ptr(c))) {
        format_chain(vm, &c, out, seen);
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    format_one(vm, e, out);
}

fn format_one(vm: &mut Vm, e: &ExcObj, out: &mut String) {
    let tb: Vec<TraceEntry> = e.traceback.lock().iter().rev().cloned().collect();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let mut last: Option<(usize, u32)> = None;
        let mut repeats = 0usize;
        for entry in &tb {
            let key = (Arc::as_ptr(&entry.code) as usize, entry.line);
            if last == Some(key) {
                repeats += 1;
                if repeats >= REPEAT_CUTOFF {
                    continue;
                }
            } else {
                flush_repeats(out, repeats);
                repeats = 0;
                last = Some(key);
            }
            format_entry(entry, out);
        }
        flush_repeats(out, repeats);
    }
    out.push_str(&exception_line(vm, e));
    out.push('\n');
    if e.fault == Fault::Internal {
        out.push_str(INTERNAL_NOTE);
    }
}

/// Said under an interpreter bug's report, so that nobody looks for the
/// fault in their program.
const INTERNAL_NOTE: &str =
    "This is a bug in mini, not in the program: no `except` or `finally` ran on it.\n";

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= REPEAT_CUTOFF {
        let n = repeats - REPEAT_CUTOFF + 1;
        let _ = writeln!(
            out,
            "  [Previous line repeated {n} more time{}]",
            if n == 1 { "" } else { "s" }
        );
    }
}

fn format_entry(entry: &TraceEntry, out: &mut String) {
    let code = &entry.code;
    let _ = writeln!(
        out,
        "  File \"{}\", line {}, in {}",
        code.filename, entry.line, code.name
    );
    if let Some(text) = line_text(&code.source, entry.line) {
        let t = text.trim();
        if !t.is_empty() {
            let _ = writeln!(out, "    {t}");
        }
    }
}

/// `ValueError: message` (or just `ValueError` for an empty message).
pub fn exception_line(vm: &mut Vm, e: &ExcObj) -> String {
    let mut msg = super::repr::exc_str(vm, e).unwrap_or_default();
    if let Some(s) = e.suggestion.lock().as_ref() {
        msg.push_str(&format!(". Did you mean: '{s}'?"));
    }
    if msg.is_empty() {
        e.typ.name.clone()
    } else {
        format!("{}: {}", e.typ.name, msg)
    }
}
