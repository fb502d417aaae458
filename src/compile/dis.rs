//! The disassembler: `mini dis FILE`, `dis.dis(f)` and the REPL's `:dis`.
//!
//! The layout follows CPython's `dis` module, one instruction a line:
//!
//! ```text
//! Disassembly of <code object add, file "x.py", line 1>:
//!   2           0 LoadFast                 0 (counter)
//!               1 LoadConst                0 (1)
//!               2 InplaceOp                0 (+=)
//!               3 StoreFast                0 (counter)
//!          >>   4 ...
//!   3     *     5 Call                     1
//! ```
//!
//! Columns: the source line (at the first instruction of each line group),
//! `*` on a *check point* (the VM tests the eval breaker there, so a thread
//! switch or a KeyboardInterrupt can happen), `>>` on a jump target, the
//! instruction's index (mini's "offset": instructions are counted, not
//! bytes), its name, its raw operand, and the operand's meaning in
//! parentheses. Names, check points, jump targets and the kinds of the
//! operands all come from the `instructions!` table: the meaning of an
//! operand follows from its type (a local's name, a constant's repr, an
//! operator's symbol, "to" a target), so a new instruction is shown without
//! a line here; [`operand`] spells out only the few whose numbers pack
//! flags.
//!
//! `mini dis --quick FILE` lists `Code::quick` instead, the stream the VM
//! runs: superinstructions in place of the sequences they fuse, the
//! instructions they cover (still there, for jumps that land on them)
//! indented below them. Constants print through `vm::repr::const_repr`,
//! which needs no interpreter.

use std::fmt::Write;

use super::bytecode::{Code, Instr, Operand};
use crate::vm::Value;
use crate::vm::repr::const_repr;

/// Explains the marks; printed once before the first code object.
pub const LEGEND: &str = "(* = check point: the eval breaker is tested here, so a thread switch or a KeyboardInterrupt can happen; >> = jump target)\n";

/// The legend of `--quick` listings, after `LEGEND`.
pub const QUICK_LEGEND: &str = "(quickened: indented instructions are covered by the superinstruction above them, which does their work; they run only when a jump lands on them)\n";

/// Width of the instruction-name column (CPython's `_OPNAME_WIDTH`).
const NAME_WIDTH: usize = 20;

/// The legend, then `code` and every code object nested in it (depth first,
/// in the order they appear), separated by blank lines.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::from(LEGEND);
    disassemble_tree(code, false, &mut out);
    out
}

/// The same for the quickened streams the VM runs (`Code::quick`).
pub fn disassemble_quick(code: &Code) -> String {
    let mut out = String::from(LEGEND);
    out.push_str(QUICK_LEGEND);
    disassemble_tree(code, true, &mut out);
    out
}

fn disassemble_tree(code: &Code, quick: bool, out: &mut String) {
    disassemble_stream(code, quick, out);
    for child in &code.children {
        out.push('\n');
        disassemble_tree(child, quick, out);
    }
}

/// One code object: its header, its instructions (`instrs`, or `quick`)
/// and its exception table.
fn disassemble_stream(code: &Code, quick: bool, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {}, file \"{}\", line {}>:",
        code.name, code.filename, code.first_line
    );
    let stream = if quick { &code.quick } else { &code.instrs };
    let targets = jump_targets(code, stream);
    let mut last_line = None;
    // Instructions still covered by the last superinstruction.
    let mut covered = 0;
    for (pc, instr) in stream.iter().enumerate() {
        let line = code.line_at(pc);
        let line_col = if last_line != Some(line) {
            if last_line.is_some() {
                out.push('\n');
            }
            last_line = Some(line);
            line.to_string()
        } else {
            String::new()
        };
        let check = if instr.is_check_point() { "*" } else { "" };
        let target = if targets.get(pc).copied().unwrap_or(false) {
            ">>"
        } else {
            ""
        };
        let indent = if covered > 0 { "  " } else { "" };
        covered = if covered > 0 {
            covered - 1
        } else {
            instr.covers()
        };
        let (arg, meaning) = operand(code, instr);
        let mut text = format!(
            "{line_col:>4}    {check:1} {target:>2} {pc:>4} {:<width$} {arg:>5}",
            format!("{indent}{}", instr.name()),
            width = NAME_WIDTH
        );
        match meaning {
            Meaning::Plain => {}
            Meaning::JumpTo(before, t) => {
                let _ = write!(text, " ({before}to {t})");
            }
            Meaning::Text(m) => {
                let _ = write!(text, " ({m})");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    if !code.exc_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exc_table {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]",
                e.start,
                e.end.saturating_sub(1),
                e.handler,
                e.depth
            );
        }
    }
}

/// Which instructions some jump or exception handler lands on.
fn jump_targets(code: &Code, stream: &[Instr]) -> Vec<bool> {
    let mut targets = vec![false; stream.len()];
    let mut mark = |t: u32| {
        if let Some(slot) = targets.get_mut(t as usize) {
            *slot = true;
        }
    };
    for instr in stream {
        if let Some(t) = instr.target() {
            mark(t.0);
        }
    }
    for e in &code.exc_table {
        mark(e.handler);
    }
    targets
}

/// What an operand stands for.
enum Meaning {
    /// A count or nothing: the raw operand says it all.
    Plain,
    /// An instruction index, after a description of the rest (`>, else `).
    JumpTo(String, u32),
    Text(String),
}

/// The raw operands (comma-separated; empty when there are none) and what
/// they mean.
fn operand(code: &Code, instr: &Instr) -> (String, Meaning) {
    use Instr::*;
    use Meaning::*;
    let operands = instr.operands();
    let raw = operands
        .iter()
        .map(|o| o.raw().to_string())
        .collect::<Vec<_>>()
        .join(",");
    match *instr {
        UnpackEx(before, after) => {
            return (raw, Text(format!("{before} before *, {after} after")));
        }
        FormatValue(f) => return (raw, format_value_meaning(f)),
        MakeFunction(i, flags) => {
            let mut m = match code.children.get(i as usize) {
                Some(c) => format!("code object {}", c.qualname),
                None => "?".to_string(),
            };
            if flags & 1 != 0 {
                m.push_str(", defaults");
            }
            if flags & 2 != 0 {
                m.push_str(", kwdefaults");
            }
            return (raw, Text(m));
        }
        _ => {}
    }
    // In-place operators show as `+=` (the instructions named so).
    let inplace = instr.name().starts_with("InplaceOp");
    let mut parts = Vec::new();
    let mut target = None;
    for o in operands {
        match o {
            Operand::Count(_) => {}
            Operand::Slot(i) => parts.push(local_name(code, i)),
            Operand::Const(i) => parts.push(constant(code, i)),
            Operand::Name(i) => parts.push(name(code, i)),
            Operand::Cell(i) => parts.push(cell_name(code, i)),
            Operand::Target(t) => target = Some(t),
            Operand::Binary(op) if inplace => parts.push(format!("{}=", op.symbol())),
            Operand::Binary(op) => parts.push(op.symbol().to_string()),
            Operand::Compare(op) => parts.push(op.symbol().to_string()),
            Operand::Unary(op) => parts.push(op.symbol().to_string()),
        }
    }
    let meaning = match (target, parts.is_empty()) {
        (Some(t), true) => JumpTo(String::new(), t),
        (Some(t), false) => JumpTo(format!("{}, else ", parts.join(", ")), t),
        (None, true) => Plain,
        (None, false) => Text(parts.join(", ")),
    };
    (raw, meaning)
}

fn constant(code: &Code, i: u32) -> String {
    match code.consts.get(i as usize) {
        Some(v) => const_repr(v),
        None => "?".to_string(),
    }
}

fn local_name(code: &Code, i: u32) -> String {
    code.varnames
        .get(i as usize)
        .cloned()
        .unwrap_or_else(|| "?".to_string())
}

fn cell_name(code: &Code, i: u32) -> String {
    let i = i as usize;
    code.cellvars
        .get(i)
        .or_else(|| code.freevars.get(i.wrapping_sub(code.cellvars.len())))
        .cloned()
        .unwrap_or_else(|| "?".to_string())
}

fn name(code: &Code, i: u32) -> String {
    match code.names.get(i as usize) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "?".to_string(),
    }
}

/// `FormatValue`'s operand: conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`),
/// plus 4 when a format spec is on the stack.
fn format_value_meaning(f: u32) -> Meaning {
    let conv = match f & 3 {
        1 => Some("str"),
        2 => Some("repr"),
        3 => Some("ascii"),
        _ => None,
    };
    let spec = f & 4 != 0;
    Meaning::Text(match (conv, spec) {
        (None, false) => return Meaning::Plain,
        (Some(c), false) => c.to_string(),
        (None, true) => "with format".to_string(),
        (Some(c), true) => format!("{c}, with format"),
    })
}
