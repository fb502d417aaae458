//! The instruction set and code objects.
//!
//! Every instruction is written once, in `instructions!` below. An entry
//! reads
//!
//! ```text
//! /// `before => after` — what it does (one line; top of stack rightmost).
//! Name(operand: Type, …) [pops => pushes] jump [pops => pushes] covers N @check @end,
//! ```
//!
//! - the operands, typed (`Slot`, `ConstIdx`, `NameIdx`, `CellIdx`, `Target`,
//!   an operator, or a plain count): the one of type `Target` is where the
//!   instruction jumps;
//! - the stack effect as numbers, expressions of the operands where it
//!   depends on them (`Call(n) [n + 1 => 1]`), then `jump [..]` where a jump
//!   leaves a different stack (`ForIter`); `compile::verify` checks compiled
//!   code against them;
//! - `covers N`: a superinstruction that also does the N instructions after
//!   it (made by `quicken`, never emitted by the compiler);
//! - `@check`: a *check point*, where the VM tests the eval breaker
//!   (backward jumps and calls; `tests/instruction_table.rs` ties each to
//!   its `check_breaker!` in the dispatch loop); `@end`: execution does not
//!   go on to the next instruction.
//!
//! From the table come the enum, the disassembler's names and operands,
//! jump patching, `covers`, the check points and the stack effects; no
//! other list of instructions is kept by hand. Instructions are 8 bytes and
//! `Copy`; line numbers live in a parallel `lines` vector so they stay out
//! of the dispatch loop (clox's layout).

use std::sync::Arc;

use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};
use crate::vm::value::Value;

/// Typed instruction operands: an index of one table is not an index of
/// another, so an operand of the wrong kind does not compile (starlark's
/// `BcSlot`/`ConstIdx` habit). Each is `#[repr(transparent)]` over the
/// integer the instruction stores, `W` (u32 unless a superinstruction packs
/// several operands into its 7 bytes): no cost in the dispatch loop.
macro_rules! operand_types {
    ($( $(#[doc = $doc:literal])* $name:ident ,)*) => {$(
        $(#[doc = $doc])*
        #[repr(transparent)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name<W = u32>(pub W);

        impl<W: Into<u32>> $name<W> {
            /// The index into its table.
            #[inline(always)]
            pub fn idx(self) -> usize {
                self.0.into() as usize
            }
        }

        impl $name {
            /// The same operand in a narrower field (None: it does not fit).
            pub fn narrow<V: TryFrom<u32>>(self) -> Option<$name<V>> {
                V::try_from(self.0).ok().map($name)
            }
        }

        impl<W: std::fmt::Display> std::fmt::Display for $name<W> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

operand_types! {
    /// A local variable's slot in the frame (`Code::varnames`).
    Slot,
    /// An index into `Code::consts`.
    ConstIdx,
    /// An index into `Code::names` (globals, attributes, imports).
    NameIdx,
    /// A cell: cellvars first, then freevars.
    CellIdx,
    /// An instruction index a jump lands on.
    Target,
}

/// An operand as the disassembler sees it: its kind and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// A count, flags or other plain number.
    Count(u32),
    Slot(u32),
    Const(u32),
    Name(u32),
    Cell(u32),
    Target(u32),
    Binary(BinOp),
    Compare(CmpOp),
    Unary(UnaryOp),
}

impl Operand {
    /// The number stored in the instruction (an operator's discriminant).
    pub fn raw(self) -> u32 {
        match self {
            Operand::Count(i)
            | Operand::Slot(i)
            | Operand::Const(i)
            | Operand::Name(i)
            | Operand::Cell(i)
            | Operand::Target(i) => i,
            Operand::Binary(op) => op as u32,
            Operand::Compare(op) => op as u32,
            Operand::Unary(op) => op as u32,
        }
    }
}

macro_rules! operand_from {
    ($( $ty:ty => $kind:ident ),* $(,)?) => {$(
        impl From<$ty> for Operand {
            fn from(v: $ty) -> Operand {
                Operand::$kind(v.into())
            }
        }
    )*};
}

operand_from! {
    u32 => Count, u16 => Count, u8 => Count, BinOp => Binary, CmpOp => Compare, UnaryOp => Unary,
}

macro_rules! operand_from_index {
    ($( $ty:ident => $kind:ident ),* $(,)?) => {$(
        impl<W: Into<u32>> From<$ty<W>> for Operand {
            fn from(v: $ty<W>) -> Operand {
                Operand::$kind(v.0.into())
            }
        }
    )*};
}

operand_from_index! {
    Slot => Slot, ConstIdx => Const, NameIdx => Name, CellIdx => Cell, Target => Target,
}

/// `Some` for the one operand type that is a jump target: lets the table
/// find an instruction's target without a list of jumps kept by hand.
trait AsTarget {
    fn as_target(&mut self) -> Option<&mut Target> {
        None
    }
}

impl AsTarget for Target {
    fn as_target(&mut self) -> Option<&mut Target> {
        Some(self)
    }
}

impl AsTarget for u32 {}
impl AsTarget for u16 {}
impl AsTarget for u8 {}
impl AsTarget for BinOp {}
impl AsTarget for CmpOp {}
impl AsTarget for UnaryOp {}
impl<W> AsTarget for Slot<W> {}
impl<W> AsTarget for ConstIdx<W> {}
impl<W> AsTarget for NameIdx<W> {}
impl<W> AsTarget for CellIdx<W> {}

macro_rules! instructions {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $( ( $($f:ident : $t:ty),* ) )?
        [ $pop:expr => $push:expr ] $( jump [ $jpop:expr => $jpush:expr ] )?
        $( covers $covers:literal )? $( @ $flag:ident )* ,
    )*) => {
        /// One bytecode instruction. The doc line of each variant gives its
        /// stack effect: `before => after` (top of stack rightmost).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Instr {
            $( $(#[doc = $doc])* $name $( ( $($t),* ) )?, )*
        }

        // The operand names are the table's: an effect may use any of them.
        #[allow(unused_variables)]
        impl Instr {
            /// Every instruction's name, in table order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// For each of `NAMES`: is it a check point (see `is_check_point`)?
            pub const CHECK_POINT: &'static [bool] = &[$(instructions!(@has check $($flag)*)),*];

            /// The instruction's name as `dis` prints it.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $t)),* ) )? => stringify!($name), )*
                }
            }

            /// Does the VM test the eval breaker (GIL drop requests, Ctrl-C)
            /// at this instruction?
            pub fn is_check_point(&self) -> bool {
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $t)),* ) )?
                        => instructions!(@has check $($flag)*), )*
                }
            }

            /// Can execution go on to the next instruction (false for
            /// returns, raises and unconditional jumps)?
            pub fn falls_through(&self) -> bool {
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $t)),* ) )?
                        => !instructions!(@has end $($flag)*), )*
                }
            }

            /// How many instructions after itself a superinstruction covers
            /// (0 for a plain instruction): the VM skips them.
            pub fn covers(&self) -> usize {
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $t)),* ) )?
                        => 0 $( + $covers )?, )*
                }
            }

            /// `(pops, pushes)` when execution goes on to the next
            /// instruction (for a superinstruction: of the whole sequence).
            pub fn stack_effect(&self) -> (u32, u32) {
                match *self {
                    $( Instr::$name $( ( $($f),* ) )? => ($pop, $push), )*
                }
            }

            /// `(pops, pushes)` when the instruction jumps to its target.
            pub fn jump_stack_effect(&self) -> (u32, u32) {
                match *self {
                    $( Instr::$name $( ( $($f),* ) )?
                        => instructions!(@jump ($pop, $push), $( ($jpop, $jpush) )?), )*
                }
            }

            /// The operands, typed, in order.
            pub fn operands(&self) -> Vec<Operand> {
                match *self {
                    $( Instr::$name $( ( $($f),* ) )? => vec![$( $( Operand::from($f) ),* )?], )*
                }
            }

            /// Where the instruction may jump: its `Target` operand.
            pub fn target(&self) -> Option<Target> {
                self.operands().into_iter().find_map(|o| match o {
                    Operand::Target(t) => Some(Target(t)),
                    _ => None,
                })
            }

            /// The `Target` operand, to patch (the compiler emits label
            /// numbers there first).
            pub fn target_mut(&mut self) -> Option<&mut Target> {
                match self {
                    $( Instr::$name $( ( $($f),* ) )? => None $( $( .or($f.as_target()) )* )?, )*
                }
            }
        }
    };
    (@ignore $t:ty) => { _ };
    (@has $want:ident) => { false };
    (@has check check $($rest:ident)*) => { true };
    (@has end end $($rest:ident)*) => { true };
    (@has $want:ident $other:ident $($rest:ident)*) => { instructions!(@has $want $($rest)*) };
    (@jump $plain:expr,) => { $plain };
    (@jump $plain:expr, $jump:expr) => { $jump };
}

instructions! {
    /// `=>`
    Nop [0 => 0],
    /// `=> value` — push constant `consts[i]`.
    LoadConst(i: ConstIdx) [0 => 1],
    /// `=> value` — push local slot `i` (UnboundLocalError if unassigned).
    LoadFast(i: Slot) [0 => 1],
    /// `value =>` — store into local slot `i`.
    StoreFast(i: Slot) [1 => 0],
    /// `=>` — unbind local slot `i`.
    DeleteFast(i: Slot) [0 => 0],
    /// `=> value` — push the contents of cell `i` (cellvars, then freevars).
    LoadDeref(i: CellIdx) [0 => 1],
    /// `value =>` — store into cell `i`.
    StoreDeref(i: CellIdx) [1 => 0],
    /// `=>` — empty cell `i`.
    DeleteDeref(i: CellIdx) [0 => 0],
    /// `=> value` — push global `names[i]`, falling back to builtins.
    LoadGlobal(i: NameIdx) [0 => 1],
    /// `value =>` — store global `names[i]`.
    StoreGlobal(i: NameIdx) [1 => 0],
    /// `=>` — delete global `names[i]`.
    DeleteGlobal(i: NameIdx) [0 => 0],
    /// `obj => obj.name` — attribute `names[i]`.
    LoadAttr(i: NameIdx) [1 => 1],
    /// `value, obj =>` — `obj.name = value`.
    StoreAttr(i: NameIdx) [2 => 0],
    /// `obj =>` — `del obj.name`.
    DeleteAttr(i: NameIdx) [1 => 0],
    /// `obj => method, self` — look up `names[i]` for an immediate call; for
    /// a plain attribute pushes `attr, Unbound` instead.
    LoadMethod(i: NameIdx) [1 => 2],
    /// `method, self, args*n => result` — call after `LoadMethod`.
    CallMethod(n: u32) [n + 2 => 1] @check,
    /// `func, args*n => result`
    Call(n: u32) [n + 1 => 1] @check,
    /// `func, args*n, kwnames => result` — the last `len(kwnames)` of the n
    /// arguments are keywords; `kwnames` is a tuple constant.
    CallKw(n: u32) [n + 2 => 1] @check,
    /// `func, args_tuple, kwargs_dict_or_None => result` — `f(*a, **k)`.
    CallEx [3 => 1] @check,
    /// `a, b => a op b` — binary operator.
    BinaryOp(op: BinOp) [2 => 1],
    /// `a, b => a op= b` — in-place operator (lists extend in place).
    InplaceOp(op: BinOp) [2 => 1],
    /// `a => op a` — unary operator.
    UnaryOp(op: UnaryOp) [1 => 1],
    /// `a, b => a cmp b` — comparison.
    Compare(op: CmpOp) [2 => 1],
    /// `a, b =>` — compare, jump to `t` if false: `Compare` fused with
    /// `PopJumpIfFalse` by the compiler (the shape of every `if`/`while` test).
    CompareJumpIfFalse(op: CmpOp, t: Target) [2 => 0],
    /// `obj, key => obj[key]`
    Subscr [2 => 1],
    /// `value, obj, key =>` — `obj[key] = value`.
    StoreSubscr [3 => 0],
    /// `obj, key =>` — `del obj[key]`.
    DeleteSubscr [2 => 0],
    /// `start, stop[, step] => slice` — n is 2 or 3.
    BuildSlice(n: u32) [n => 1],
    /// `items*n => tuple`
    BuildTuple(n: u32) [n => 1],
    /// `items*n => list`
    BuildList(n: u32) [n => 1],
    /// `items*n => set`
    BuildSet(n: u32) [n => 1],
    /// `(key, value)*n => dict`
    BuildMap(n: u32) [2 * n => 1],
    /// `strs*n => str` — concatenation of f-string pieces.
    BuildString(n: u32) [n => 1],
    /// `list, …(n-1 more)…, item => list, …` — append to the list n-1 below.
    ListAppend(n: u32) [1 => 0],
    /// `set, …, item => set, …`
    SetAdd(n: u32) [1 => 0],
    /// `dict, …, key, value => dict, …`
    MapAdd(n: u32) [2 => 0],
    /// `list, …, iterable => list, …` — extend (for `[*a, *b]`).
    ListExtend(n: u32) [1 => 0],
    /// `set, …, iterable => set, …`
    SetUpdate(n: u32) [1 => 0],
    /// `dict, …, mapping => dict, …` — for `{**a}`.
    DictUpdate(n: u32) [1 => 0],
    /// `list => tuple`
    ListToTuple [1 => 1],
    /// `seq => items*n` (first item on top).
    UnpackSequence(n: u32) [1 => n],
    /// `seq => items` — starred unpacking: n before the star, m after.
    UnpackEx(before: u16, after: u16) [1 => u32::from(before) + 1 + u32::from(after)],
    /// `value, spec? => str` — f-string field; arg: conversion (0 none, 1 s,
    /// 2 r, 3 a) | 4 if a spec is on the stack.
    FormatValue(flags: u32) [1 + (flags >> 2 & 1) => 1],
    /// `a =>`
    Pop [1 => 0],
    /// `a => a, a`
    Dup [1 => 2],
    /// `a, b => a, b, a, b`
    DupTwo [2 => 4],
    /// `a, b => b, a`
    RotTwo [2 => 2],
    /// `a, b, c => c, a, b`
    RotThree [3 => 3],
    /// `a, b, c, d => d, a, b, c`
    RotFour [4 => 4],
    /// Jump forward to instruction `t`.
    Jump(t: Target) [0 => 0] @end,
    /// Jump back to instruction `t` (loop end: a check point).
    JumpBack(t: Target) [0 => 0] @check @end,
    /// `cond =>` — jump to `t` if false.
    PopJumpIfFalse(t: Target) [1 => 0],
    /// `cond =>` — jump to `t` if true.
    PopJumpIfTrue(t: Target) [1 => 0],
    /// `cond => cond` if false and jump to `t`, else pop.
    JumpIfFalseOrPop(t: Target) [1 => 0] jump [1 => 1],
    /// `cond => cond` if true and jump to `t`, else pop.
    JumpIfTrueOrPop(t: Target) [1 => 0] jump [1 => 1],
    /// `iterable => iterator`
    GetIter [1 => 1],
    /// `iterator => iterator, next` — or pop the iterator and jump to `t`
    /// when it is exhausted.
    ForIter(t: Target) [1 => 2] jump [1 => 0],
    /// `value =>` — return from the frame.
    Return [1 => 0] @end,
    /// `[exc [cause]] =>` — raise; n=0 re-raises the exception being handled.
    Raise(n: u32) [n => 0] @end,
    /// `exc =>` — re-raise `exc` keeping its traceback (end of an unmatched
    /// handler or of a `finally` entered by an exception).
    Reraise [1 => 0] @end,
    /// `exc => exc` — mark `exc` as the exception being handled.
    PushExcInfo [1 => 1],
    /// `=>` — end of an except block: restore the previous handled exception.
    PopExcInfo [0 => 0],
    /// `exc, type => exc, matches`
    CheckExcMatch [2 => 2],
    /// `=> AssertionError`
    LoadAssertionError [0 => 1],
    /// `[defaults] [kwdefaults] => function` — code `children[i]`; flags:
    /// 1 = a defaults tuple, 2 = a kwdefaults dict on the stack.
    MakeFunction(i: u32, flags: u16) [u32::from(flags & 1) + u32::from(flags >> 1 & 1) => 1],
    /// `=> module` — import `names[i]` (dotted).
    ImportName(i: NameIdx) [0 => 1],
    /// `module => module, attr` — `from module import names[i]`.
    ImportFrom(i: NameIdx) [1 => 2],
    /// `module =>` — `from module import *` into the globals.
    ImportStar [1 => 0],
    /// `ctx => exit, enter_result` — call `ctx.__enter__()`, keep `__exit__`.
    BeforeWith [1 => 2],
    /// `exit, exc => exit, exc, suppress` — call `exit(type, exc, tb)`.
    WithExcept [2 => 3],
    /// `exit =>` — normal `with` exit: call `exit(None, None, None)`.
    WithExit [1 => 0],
    /// `value =>` — the REPL's echo: print `repr(value)` unless None, set `_`.
    PrintExpr [1 => 0],

    // Superinstructions: made by `quicken` for `Code::quick`, never emitted
    // by the compiler. Each does its own work and that of the instructions
    // after it (which it skips), named in its doc line.
    /// `=> local[consts[c]]` — LoadFast l; LoadConst c; Subscr (borrows the local).
    SubscrFastConst(l: Slot<u16>, c: ConstIdx) [0 => 1] covers 2,
    /// `=> local_a[local_b]` — LoadFast a; LoadFast b; Subscr.
    SubscrFastFast(a: Slot<u16>, b: Slot) [0 => 1] covers 2,
    /// `obj, key, item, v =>` — InplaceOp op; RotThree; StoreSubscr.
    InplaceOpStoreSubscr(op: BinOp) [4 => 0] covers 2,
    /// `=> a, consts[c]` — LoadFast a; LoadConst c.
    LoadFastConst(l: Slot<u16>, c: ConstIdx) [0 => 2] covers 1,
    /// `=> a, b` — LoadFast a; LoadFast b.
    LoadFastFast(a: Slot<u16>, b: Slot) [0 => 2] covers 1,
    /// `=> method, self` — LoadFast l; LoadMethod name.
    LoadFastMethod(l: Slot<u16>, name: NameIdx) [0 => 2] covers 1,
    /// `a => a op consts[c]` — LoadConst c; BinaryOp op.
    BinaryOpConst(op: BinOp, c: ConstIdx) [1 => 1] covers 1,
    /// `a => a op= consts[c]` — LoadConst c; InplaceOp op.
    InplaceOpConst(op: BinOp, c: ConstIdx) [1 => 1] covers 1,
    /// `a => a op local` — LoadFast l; BinaryOp op.
    BinaryOpFast(op: BinOp, l: Slot) [1 => 1] covers 1,
    /// `a, b =>` — BinaryOp op; StoreFast l.
    BinaryOpStore(op: BinOp, l: Slot) [2 => 0] covers 1,
    /// `a, b =>` — InplaceOp op; StoreFast l.
    InplaceOpStore(op: BinOp, l: Slot) [2 => 0] covers 1,
    /// `v =>  b` — StoreFast a; LoadFast b.
    StoreFastLoadFast(a: Slot<u16>, b: Slot) [1 => 1] covers 1,
    /// `obj, key => obj, key, obj[key]` — DupTwo; Subscr.
    DupSubscr [2 => 3] covers 1,
    /// `iterator => iterator` — ForIter t; StoreFast l (the loop variable).
    ForIterStore(l: Slot<u16>, t: Target) [1 => 1] jump [1 => 0] covers 1,
    /// `=> local_a op local_b` — LoadFast a; LoadFast b; BinaryOp op.
    BinaryOpFastFast(op: BinOp, a: Slot<u16>, b: Slot<u16>) [0 => 1] covers 2,
    /// `=> local op consts[c]` — LoadFast l; LoadConst c; BinaryOp op.
    BinaryOpFastConst(op: BinOp, l: Slot<u16>, c: ConstIdx<u16>) [0 => 1] covers 2,
    /// `a =>` — LoadConst c; CompareJumpIfFalse op, t (`if x % 5 == 0:`).
    CompareConstJumpIfFalse(op: CmpOp, c: ConstIdx<u16>, t: Target) [1 => 0] covers 1,
    /// `=>` — LoadFast l; LoadConst c; CompareJumpIfFalse op, t (`if n < 2:`;
    /// operands: op, l, c, t).
    CompareFastConstJumpIfFalse(op: CmpOp, l: Slot<u8>, c: ConstIdx<u8>, t: Target) [0 => 0] covers 2,
    /// `=>` — LoadFast a; LoadFast b; CompareJumpIfFalse op, t (`while i < n:`;
    /// operands: op, a, b, t).
    CompareFastFastJumpIfFalse(op: CmpOp, a: Slot<u8>, b: Slot<u8>, t: Target) [0 => 0] covers 2,
    /// `=>` — LoadFast l; Return.
    ReturnFast(l: Slot) [0 => 0] covers 1 @end,
    /// `a, b =>` — BinaryOp op; Return (`return x + y`).
    BinaryOpReturn(op: BinOp) [2 => 0] covers 1 @end,
    /// `=> obj, key, obj[key]` — LoadFast l; LoadConst c; DupTwo; Subscr
    /// (the head of `obj[const] op= value`).
    DupSubscrFastConst(l: Slot<u16>, c: ConstIdx) [0 => 3] covers 3,
    /// `a => a op cell` — LoadDeref i; BinaryOp op (`x + n` in a closure).
    BinaryOpDeref(op: BinOp, i: CellIdx) [1 => 1] covers 1,
    /// `method, self, args*n =>` — CallMethod n; Pop (a method call as a
    /// statement). A call that enters a Python frame leaves the Pop to run
    /// as a plain instruction when the frame returns.
    CallMethodPop(n: u32) [n + 2 => 0] covers 1 @check,
    /// `=> local.pop()` — LoadFast l; LoadMethod `pop`; CallMethod 0: the
    /// last item of the list in local l, taken out in place (no reference
    /// count on the list, no method call); anything else runs the covered
    /// instructions.
    ListPopFast(l: Slot) [0 => 1] covers 2 @check,
    /// `=> f(local)` — LoadGlobal g; LoadFast l; Call 1 (`len(buf)`,
    /// `range(n)`; operands: l, g).
    CallGlobalFast(l: Slot<u16>, g: NameIdx) [0 => 1] covers 2 @check,
    /// `=> f` — LoadGlobal g of the function's own name, as the callee of
    /// the `CallOwn` that consumes it (`fib(n - 1)`): when the global is the
    /// running function itself, the VM pushes a marker for it instead of
    /// counting a reference (see `Vm::push_own_function`).
    LoadGlobalCallee(g: NameIdx) [0 => 1],
    /// `f, args*n => result` — Call n of a `LoadGlobalCallee`'s value.
    CallOwn(n: u32) [n + 1 => 1] @check,
    /// `=> method, self` — LoadFast l; LoadMethod `append`, as the head of
    /// the statement `l.append(x)` whose `CallAppendPop` consumes it: when
    /// local l is a list, the VM pushes two markers instead (see
    /// `Vm::push_append_markers`; operands: l, name).
    LoadFastAppend(l: Slot<u16>, name: NameIdx) [0 => 2] covers 1,
    /// `method, self, x =>` — CallMethod 1; Pop of a `LoadFastAppend`
    /// (operands: its local, 1).
    CallAppendPop(l: Slot<u16>, n: u32) [n + 2 => 0] covers 1 @check,
    /// `=> f, local op consts[c]` — LoadGlobalCallee g; LoadFast l;
    /// LoadConst c; BinaryOp op: the callee and argument of a recursive
    /// call `fib(n - 1)`, whose `CallOwn` 1 follows (operands: op, l, c, g).
    LoadCalleeArgFastConst(op: BinOp, l: Slot<u8>, c: ConstIdx<u8>, g: NameIdx) [0 => 2] covers 3,
    /// `=> marker, consts[c], local[consts[c]]` — DupSubscrFastConst of a
    /// local whose `InplaceOpStoreSubscrLocal` stores into it in place: the
    /// `Unbound` marker stands for the container (operands: l, c).
    DupSubscrFastConstLocal(l: Slot<u16>, c: ConstIdx) [0 => 3] covers 3,
    /// `marker, key, item, v =>` — InplaceOpStoreSubscr of a
    /// `DupSubscrFastConstLocal`, storing into local l (operands: l, op).
    InplaceOpStoreSubscrLocal(l: Slot<u16>, op: BinOp) [4 => 0] covers 2,
}

// Instructions stay one 8-byte word: fetching one is a single load.
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

/// Flags of a code object.
pub mod flags {
    pub const VARARGS: u32 = 1;
    pub const VARKEYWORDS: u32 = 2;
    /// The module's top level (locals are globals).
    pub const MODULE: u32 = 4;
}

/// A protected range of instructions and where its exceptions go.
#[derive(Clone, Copy, Debug)]
pub struct ExcEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    /// Operand-stack depth to unwind to before pushing the exception.
    pub depth: u32,
}

/// A compiled function body (or module).
pub struct Code {
    pub name: String,
    pub qualname: String,
    pub filename: Arc<str>,
    pub first_line: u32,
    pub instrs: Vec<Instr>,
    /// What the VM runs: `instrs` with superinstructions (see `quicken`);
    /// same length and positions.
    pub quick: Vec<Instr>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    /// Global/attribute names, as `Value::Str` for cheap dict lookups.
    pub names: Vec<Value>,
    /// Local variable names: parameters first (positional, keyword-only,
    /// *args, **kwargs), then other locals.
    pub varnames: Vec<String>,
    /// Variables of this function captured by inner functions.
    pub cellvars: Vec<String>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<String>,
    /// For each cellvar that is also a parameter: (cell index, local slot).
    pub cell_params: Vec<(CellIdx, Slot)>,
    /// For each freevar: the index of the cell in the enclosing code's cells.
    pub free_sources: Vec<CellIdx>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub exc_table: Vec<ExcEntry>,
    /// Nested code objects (functions, lambdas, comprehensions).
    pub children: Vec<Arc<Code>>,
    /// Source text, shared by every code object of a file (for tracebacks).
    pub source: Arc<str>,
    /// Inline caches of `LoadGlobal` and `LoadMethod`, one per name.
    pub global_cache: Box<[GlobalCache]>,
    /// What entering a call reads, together (see `CallShape`).
    pub shape: CallShape,
}

/// The facts a call's entry checks, in one small block: the fields they
/// come from (`flags`, `argcount`, `varnames`, `cellvars`) lie hundreds of
/// bytes apart in `Code`, several cache lines read one after another
/// behind the load of the code pointer on every call.
#[derive(Clone, Copy, Debug)]
pub struct CallShape {
    /// `argcount` when positional arguments are all the code takes (no
    /// `*args`, `**kwargs` or keyword-only parameters), else `u32::MAX`: a
    /// call with exactly that many arguments needs no binding.
    pub positional: u32,
    pub nlocals: u32,
    pub has_cells: bool,
}

impl CallShape {
    pub fn new(
        argcount: u32,
        kwonlyargcount: u32,
        flags: u32,
        nlocals: usize,
        ncells: usize,
    ) -> Self {
        let plain = flags & (flags::VARARGS | flags::VARKEYWORDS) == 0 && kwonlyargcount == 0;
        CallShape {
            positional: if plain { argcount } else { u32::MAX },
            nlocals: nlocals as u32,
            has_cells: ncells > 0,
        }
    }
}

/// Where `LoadGlobal` found a name last time, so the next lookup is one
/// pointer comparison instead of hashing: the raw entry position in the
/// globals dict, or — when the name was absent from the globals — the
/// globals' keys version at that time, and then the builtins' keys version
/// and the name's position there.
/// Relaxed atomics: a stale or torn cache only causes a verified miss.
#[derive(Default)]
pub struct GlobalCache {
    pub globals: std::sync::atomic::AtomicU64,
    pub builtins: std::sync::atomic::AtomicU64,
    /// For `LoadMethod` of this name: (method table tag, index), or 0.
    pub method: std::sync::atomic::AtomicU64,
}

impl GlobalCache {
    pub const EMPTY: u64 = u64::MAX;

    pub fn new() -> GlobalCache {
        GlobalCache {
            globals: std::sync::atomic::AtomicU64::new(Self::EMPTY),
            builtins: std::sync::atomic::AtomicU64::new(Self::EMPTY),
            method: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl Code {
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
    /// Total parameter slots, including *args and **kwargs.
    pub fn total_params(&self) -> usize {
        (self.argcount + self.kwonlyargcount) as usize
            + (self.flags & flags::VARARGS != 0) as usize
            + (self.flags & flags::VARKEYWORDS != 0) as usize
    }
    /// The innermost exception handler covering instruction `pc`.
    pub fn handler_for(&self, pc: u32) -> Option<ExcEntry> {
        self.exc_table
            .iter()
            .find(|e| e.start <= pc && pc < e.end)
            .copied()
    }
}
