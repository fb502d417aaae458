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
//! parentheses. Names and check points come from the `instructions!` table;
//! the meaning of each operand is given by [`operand`], which matches every
//! instruction with no wildcard, so a new instruction does not compile until
//! it says how it is shown.

use std::fmt::Write;

use super::bytecode::{Code, Instr};
use crate::vm::Vm;

/// Explains the marks; printed once before the first code object.
pub const LEGEND: &str = "(* = check point: the eval breaker is tested here, so a thread switch or a KeyboardInterrupt can happen; >> = jump target)\n";

/// Width of the instruction-name column (CPython's `_OPNAME_WIDTH`).
const NAME_WIDTH: usize = 20;

/// The legend, then `code` and every code object nested in it (depth first,
/// in the order they appear), separated by blank lines.
pub fn disassemble(vm: &mut Vm, code: &Code) -> String {
    let mut out = String::from(LEGEND);
    disassemble_tree(vm, code, &mut out);
    out
}

fn disassemble_tree(vm: &mut Vm, code: &Code, out: &mut String) {
    disassemble_one(vm, code, out);
    for child in &code.children {
        out.push('\n');
        disassemble_tree(vm, child, out);
    }
}

/// One code object: its header, its instructions and its exception table.
pub fn disassemble_one(vm: &mut Vm, code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {}, file \"{}\", line {}>:",
        code.name, code.filename, code.first_line
    );
    let targets = jump_targets(code);
    let mut last_line = None;
    for (pc, instr) in code.instrs.iter().enumerate() {
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
        let (arg, meaning) = operand(code, instr);
        let mut text = format!(
            "{line_col:>4}    {check:1} {target:>2} {pc:>4} {:<width$} {arg:>5}",
            instr.name(),
            width = NAME_WIDTH
        );
        match meaning {
            Meaning::Plain => {}
            Meaning::Const(i) => {
                let _ = write!(text, " ({})", const_repr(vm, code, i));
            }
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
fn jump_targets(code: &Code) -> Vec<bool> {
    let mut targets = vec![false; code.instrs.len()];
    let mut mark = |t: u32| {
        if let Some(slot) = targets.get_mut(t as usize) {
            *slot = true;
        }
    };
    for instr in &code.instrs {
        if let Meaning::JumpTo(_, t) = operand(code, instr).1 {
            mark(t);
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
    /// `consts[i]`, shown by its repr.
    Const(u32),
    /// An instruction index, after a description of the test (`>, else `).
    JumpTo(String, u32),
    Text(String),
}

/// The raw operand (empty when there is none) and what it means.
fn operand(code: &Code, instr: &Instr) -> (String, Meaning) {
    use Instr::*;
    use Meaning::*;
    let raw = |i: u32| i.to_string();
    let text = |s: &str| Text(s.to_string());
    match *instr {
        Nop | CallEx | Subscr | StoreSubscr | DeleteSubscr | ListToTuple | Pop | Dup | DupTwo
        | RotTwo | RotThree | RotFour | GetIter | Return | Reraise | PushExcInfo | PopExcInfo
        | CheckExcMatch | LoadAssertionError | ImportStar | BeforeWith | WithExcept | WithExit
        | PrintExpr | DupSubscr => (String::new(), Plain),
        // Superinstructions live only in `Code::quick`, which `dis` does not
        // show; print their operands plainly should one be passed here.
        SubscrFastConst(a, b)
        | SubscrFastFast(a, b)
        | LoadFastConst(a, b)
        | LoadFastFast(a, b)
        | LoadFastMethod(a, b)
        | LoadFastAppend(a, b)
        | DupSubscrFastConstLocal(a, b)
        | CallAppendPop(a, b)
        | StoreFastLoadFast(a, b)
        | DupSubscrFastConst(a, b)
        | CallGlobalFast(a, b)
        | ForIterStore(a, b) => (format!("{a},{b}"), Plain),
        BinaryOpConst(a, b)
        | InplaceOpConst(a, b)
        | BinaryOpFast(a, b)
        | BinaryOpStore(a, b)
        | InplaceOpStore(a, b)
        | BinaryOpDeref(a, b) => (format!("{},{b}", a as u8), Plain),
        InplaceOpStoreSubscrLocal(a, b) => (format!("{a},{}", b as u8), Plain),
        BinaryOpFastFast(a, b, c) | BinaryOpFastConst(a, b, c) => {
            (format!("{},{b},{c}", a as u8), Plain)
        }
        CompareConstJumpIfFalse(a, b, c) => (format!("{},{b},{c}", a as u8), Plain),
        CompareFastConstJumpIfFalse(a, b, c, d) | CompareFastFastJumpIfFalse(a, b, c, d) => {
            (format!("{},{b},{c},{d}", a as u8), Plain)
        }
        LoadCalleeArgFastConst(a, b, c, d) => (format!("{},{b},{c},{d}", a as u8), Plain),
        InplaceOpStoreSubscr(op) | BinaryOpReturn(op) => (raw(op as u32), Plain),
        CallMethodPop(n) | ListPopFast(n) | ReturnFast(n) => (raw(n), Plain),
        Call(n) | CallOwn(n) | CallMethod(n) | CallKw(n) | BuildSlice(n) | BuildTuple(n)
        | BuildList(n) | BuildSet(n) | BuildMap(n) | BuildString(n) | ListAppend(n) | SetAdd(n)
        | MapAdd(n) | ListExtend(n) | SetUpdate(n) | DictUpdate(n) | UnpackSequence(n)
        | Raise(n) => (raw(n), Plain),
        LoadConst(i) => (raw(i), Const(i)),
        LoadFast(i) | StoreFast(i) | DeleteFast(i) => (raw(i), Text(local_name(code, i))),
        LoadDeref(i) | StoreDeref(i) | DeleteDeref(i) => (raw(i), Text(cell_name(code, i))),
        LoadGlobal(i) | LoadGlobalCallee(i) | StoreGlobal(i) | DeleteGlobal(i) | LoadAttr(i)
        | StoreAttr(i) | DeleteAttr(i) | LoadMethod(i) | ImportName(i) | ImportFrom(i) => {
            (raw(i), Text(name(code, i)))
        }
        BinaryOp(op) => (raw(op as u32), text(op.symbol())),
        InplaceOp(op) => (raw(op as u32), Text(format!("{}=", op.symbol()))),
        Compare(op) => (raw(op as u32), text(op.symbol())),
        CompareJumpIfFalse(op, t) => (
            format!("{},{t}", op as u8),
            JumpTo(format!("{}, else ", op.symbol()), t),
        ),
        UnaryOp(op) => (raw(op as u32), text(op.symbol())),
        Jump(t) | JumpBack(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t)
        | JumpIfTrueOrPop(t) | ForIter(t) => (raw(t), JumpTo(String::new(), t)),
        UnpackEx(before, after) => (
            format!("{before},{after}"),
            Text(format!("{before} before *, {after} after")),
        ),
        FormatValue(f) => (raw(f), format_value_meaning(f)),
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
            (format!("{i},{flags}"), Text(m))
        }
    }
}

fn const_repr(vm: &mut Vm, code: &Code, i: u32) -> String {
    match code.consts.get(i as usize) {
        Some(v) => crate::vm::repr::repr(vm, v).unwrap_or_else(|_| "<unprintable>".to_string()),
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
        Some(crate::vm::Value::Str(s)) => s.as_str().to_string(),
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
