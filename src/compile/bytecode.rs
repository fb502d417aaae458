//! The instruction set and code objects.
//!
//! Every instruction is written once, in `instructions!` below: the enum, its
//! disassembly name, and whether it is a *check point* (where the VM tests the
//! eval breaker: backward jumps and calls) all come from that one table.
//! Instructions are 8 bytes and `Copy`; line numbers live in a parallel
//! `lines` vector so they stay out of the dispatch loop (clox's layout).

use std::sync::Arc;

use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};
use crate::vm::value::Value;

macro_rules! instructions {
    ($( $(#[doc = $doc:literal])* $name:ident $( ( $($arg:ty),* ) )? $(@ $check:ident)? ,)*) => {
        /// One bytecode instruction. The doc line of each variant gives its
        /// stack effect: `before => after` (top of stack rightmost).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Instr {
            $( $(#[doc = $doc])* $name $( ( $($arg),* ) )?, )*
        }

        impl Instr {
            /// The instruction's name as `dis` prints it.
            pub fn name(&self) -> &'static str {
                #[allow(unused_variables)]
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $arg)),* ) )? => stringify!($name), )*
                }
            }

            /// Does the VM test the eval breaker (GIL drop requests, Ctrl-C)
            /// at this instruction?
            pub fn is_check_point(&self) -> bool {
                #[allow(unused_variables)]
                match self {
                    $( Instr::$name $( ( $(instructions!(@ignore $arg)),* ) )? => instructions!(@check $($check)?), )*
                }
            }
        }
    };
    (@ignore $t:ty) => { _ };
    (@check check) => { true };
    (@check) => { false };
}

instructions! {
    /// `=>`
    Nop,
    /// `=> value` — push constant `consts[i]`.
    LoadConst(u32),
    /// `=> value` — push local slot `i` (UnboundLocalError if unassigned).
    LoadFast(u32),
    /// `value =>` — store into local slot `i`.
    StoreFast(u32),
    /// `=>` — unbind local slot `i`.
    DeleteFast(u32),
    /// `=> value` — push the contents of cell `i` (cellvars, then freevars).
    LoadDeref(u32),
    /// `value =>` — store into cell `i`.
    StoreDeref(u32),
    /// `=>` — empty cell `i`.
    DeleteDeref(u32),
    /// `=> value` — push global `names[i]`, falling back to builtins.
    LoadGlobal(u32),
    /// `value =>` — store global `names[i]`.
    StoreGlobal(u32),
    /// `=>` — delete global `names[i]`.
    DeleteGlobal(u32),
    /// `obj => obj.name` — attribute `names[i]`.
    LoadAttr(u32),
    /// `value, obj =>` — `obj.name = value`.
    StoreAttr(u32),
    /// `obj =>` — `del obj.name`.
    DeleteAttr(u32),
    /// `obj => method, self` — look up `names[i]` for an immediate call; for
    /// a plain attribute pushes `attr, Unbound` instead.
    LoadMethod(u32),
    /// `method, self, args*n => result` — call after `LoadMethod`.
    CallMethod(u32) @check,
    /// `func, args*n => result`
    Call(u32) @check,
    /// `func, args*n, kwnames => result` — the last `len(kwnames)` of the n
    /// arguments are keywords; `kwnames` is a tuple constant.
    CallKw(u32) @check,
    /// `func, args_tuple, kwargs_dict_or_None => result` — `f(*a, **k)`.
    CallEx @check,
    /// `a, b => a op b` — binary operator.
    BinaryOp(BinOp),
    /// `a, b => a op= b` — in-place operator (lists extend in place).
    InplaceOp(BinOp),
    /// `a => op a` — unary operator.
    UnaryOp(UnaryOp),
    /// `a, b => a cmp b` — comparison.
    Compare(CmpOp),
    /// `a, b =>` — compare, jump to `t` if false: `Compare` fused with
    /// `PopJumpIfFalse` by the compiler (the shape of every `if`/`while` test).
    CompareJumpIfFalse(CmpOp, u32),
    /// `obj, key => obj[key]`
    Subscr,
    /// `value, obj, key =>` — `obj[key] = value`.
    StoreSubscr,
    /// `obj, key =>` — `del obj[key]`.
    DeleteSubscr,
    /// `start, stop[, step] => slice` — n is 2 or 3.
    BuildSlice(u32),
    /// `items*n => tuple`
    BuildTuple(u32),
    /// `items*n => list`
    BuildList(u32),
    /// `items*n => set`
    BuildSet(u32),
    /// `(key, value)*n => dict`
    BuildMap(u32),
    /// `strs*n => str` — concatenation of f-string pieces.
    BuildString(u32),
    /// `list, …(n-1 more)…, item => list, …` — append to the list n-1 below.
    ListAppend(u32),
    /// `set, …, item => set, …`
    SetAdd(u32),
    /// `dict, …, key, value => dict, …`
    MapAdd(u32),
    /// `list, …, iterable => list, …` — extend (for `[*a, *b]`).
    ListExtend(u32),
    /// `set, …, iterable => set, …`
    SetUpdate(u32),
    /// `dict, …, mapping => dict, …` — for `{**a}`.
    DictUpdate(u32),
    /// `list => tuple`
    ListToTuple,
    /// `seq => items*n` (first item on top).
    UnpackSequence(u32),
    /// `seq => items` — starred unpacking: n before the star, m after.
    UnpackEx(u16, u16),
    /// `value, spec? => str` — f-string field; arg: conversion (0 none, 1 s,
    /// 2 r, 3 a) | 4 if a spec is on the stack.
    FormatValue(u32),
    /// `a =>`
    Pop,
    /// `a => a, a`
    Dup,
    /// `a, b => a, b, a, b`
    DupTwo,
    /// `a, b => b, a`
    RotTwo,
    /// `a, b, c => c, a, b`
    RotThree,
    /// `a, b, c, d => d, a, b, c`
    RotFour,
    /// Jump forward to instruction `t`.
    Jump(u32),
    /// Jump back to instruction `t` (loop end: a check point).
    JumpBack(u32) @check,
    /// `cond =>` — jump to `t` if false.
    PopJumpIfFalse(u32),
    /// `cond =>` — jump to `t` if true.
    PopJumpIfTrue(u32),
    /// `cond => cond` if false and jump to `t`, else pop.
    JumpIfFalseOrPop(u32),
    /// `cond => cond` if true and jump to `t`, else pop.
    JumpIfTrueOrPop(u32),
    /// `iterable => iterator`
    GetIter,
    /// `iterator => iterator, next` — or pop the iterator and jump to `t`
    /// when it is exhausted.
    ForIter(u32),
    /// `value =>` — return from the frame.
    Return,
    /// `[exc [cause]] =>` — raise; n=0 re-raises the exception being handled.
    Raise(u32),
    /// `exc =>` — re-raise `exc` keeping its traceback (end of an unmatched
    /// handler or of a `finally` entered by an exception).
    Reraise,
    /// `exc => exc` — mark `exc` as the exception being handled.
    PushExcInfo,
    /// `=>` — end of an except block: restore the previous handled exception.
    PopExcInfo,
    /// `exc, type => exc, matches`
    CheckExcMatch,
    /// `=> AssertionError`
    LoadAssertionError,
    /// `[defaults] [kwdefaults] => function` — code `children[i]`; flags:
    /// 1 = a defaults tuple, 2 = a kwdefaults dict on the stack.
    MakeFunction(u32, u16),
    /// `=> module` — import `names[i]` (dotted).
    ImportName(u32),
    /// `module => module, attr` — `from module import names[i]`.
    ImportFrom(u32),
    /// `module =>` — `from module import *` into the globals.
    ImportStar,
    /// `ctx => exit, enter_result` — call `ctx.__enter__()`, keep `__exit__`.
    BeforeWith,
    /// `exit, exc => exit, exc, suppress` — call `exit(type, exc, tb)`.
    WithExcept,
    /// `exit =>` — normal `with` exit: call `exit(None, None, None)`.
    WithExit,
    /// `value =>` — the REPL's echo: print `repr(value)` unless None, set `_`.
    PrintExpr,

    // Superinstructions: made by `quicken` for `Code::quick`, never emitted
    // by the compiler. Each does its own work and that of the instructions
    // after it (which it skips), named in its doc line.
    /// `=> local[consts[c]]` — LoadFast l; LoadConst c; Subscr (borrows the local).
    SubscrFastConst(u16, u32),
    /// `=> local_a[local_b]` — LoadFast a; LoadFast b; Subscr.
    SubscrFastFast(u16, u32),
    /// `obj, key, item, v =>` — InplaceOp op; RotThree; StoreSubscr.
    InplaceOpStoreSubscr(BinOp),
    /// `=> a, consts[c]` — LoadFast a; LoadConst c.
    LoadFastConst(u16, u32),
    /// `=> a, b` — LoadFast a; LoadFast b.
    LoadFastFast(u16, u32),
    /// `=> method, self` — LoadFast l; LoadMethod name.
    LoadFastMethod(u16, u32),
    /// `a => a op consts[c]` — LoadConst c; BinaryOp op.
    BinaryOpConst(BinOp, u32),
    /// `a => a op= consts[c]` — LoadConst c; InplaceOp op.
    InplaceOpConst(BinOp, u32),
    /// `a => a op local` — LoadFast l; BinaryOp op.
    BinaryOpFast(BinOp, u32),
    /// `a, b =>` — BinaryOp op; StoreFast l.
    BinaryOpStore(BinOp, u32),
    /// `a, b =>` — InplaceOp op; StoreFast l.
    InplaceOpStore(BinOp, u32),
    /// `v =>  b` — StoreFast a; LoadFast b.
    StoreFastLoadFast(u16, u32),
    /// `obj, key => obj, key, obj[key]` — DupTwo; Subscr.
    DupSubscr,
    /// `iterator => iterator` — ForIter t; StoreFast l (the loop variable).
    ForIterStore(u16, u32),
    /// `=> local_a op local_b` — LoadFast a; LoadFast b; BinaryOp op.
    BinaryOpFastFast(BinOp, u16, u16),
    /// `=> local op consts[c]` — LoadFast l; LoadConst c; BinaryOp op.
    BinaryOpFastConst(BinOp, u16, u16),
    /// `a =>` — LoadConst c; CompareJumpIfFalse op, t (`if x % 5 == 0:`).
    CompareConstJumpIfFalse(CmpOp, u16, u32),
    /// `=>` — LoadFast l; LoadConst c; CompareJumpIfFalse op, t (`if n < 2:`;
    /// operands: op, l, c, t).
    CompareFastConstJumpIfFalse(CmpOp, u8, u8, u32),
    /// `=>` — LoadFast a; LoadFast b; CompareJumpIfFalse op, t (`while i < n:`;
    /// operands: op, a, b, t).
    CompareFastFastJumpIfFalse(CmpOp, u8, u8, u32),
    /// `=>` — LoadFast l; Return.
    ReturnFast(u32),
    /// `a, b =>` — BinaryOp op; Return (`return x + y`).
    BinaryOpReturn(BinOp),
    /// `=> obj, key, obj[key]` — LoadFast l; LoadConst c; DupTwo; Subscr
    /// (the head of `obj[const] op= value`).
    DupSubscrFastConst(u16, u32),
    /// `a => a op cell` — LoadDeref i; BinaryOp op (`x + n` in a closure).
    BinaryOpDeref(BinOp, u32),
    /// `method, self, args*n =>` — CallMethod n; Pop (a method call as a
    /// statement). A call that enters a Python frame leaves the Pop to run
    /// as a plain instruction when the frame returns.
    CallMethodPop(u32) @check,
    /// `=> local.pop()` — LoadFast l; LoadMethod `pop`; CallMethod 0: the
    /// last item of the list in local l, taken out in place (no reference
    /// count on the list, no method call); anything else runs the covered
    /// instructions.
    ListPopFast(u32) @check,
    /// `=> f(local)` — LoadGlobal g; LoadFast l; Call 1 (`len(buf)`,
    /// `range(n)`; operands: l, g).
    CallGlobalFast(u16, u32) @check,
    /// `=> f` — LoadGlobal g of the function's own name, as the callee of
    /// the `CallOwn` that consumes it (`fib(n - 1)`): when the global is the
    /// running function itself, the VM pushes a marker for it instead of
    /// counting a reference (see `Vm::push_own_function`).
    LoadGlobalCallee(u32),
    /// `f, args*n => result` — Call n of a `LoadGlobalCallee`'s value.
    CallOwn(u32) @check,
    /// `=> method, self` — LoadFast l; LoadMethod `append`, as the head of
    /// the statement `l.append(x)` whose `CallAppendPop` consumes it: when
    /// local l is a list, the VM pushes two markers instead (see
    /// `Vm::push_append_markers`; operands: l, name).
    LoadFastAppend(u16, u32),
    /// `method, self, x =>` — CallMethod 1; Pop of a `LoadFastAppend`
    /// (operands: its local, 1).
    CallAppendPop(u16, u32) @check,
    /// `=> f, local op consts[c]` — LoadGlobalCallee g; LoadFast l;
    /// LoadConst c; BinaryOp op: the callee and argument of a recursive
    /// call `fib(n - 1)`, whose `CallOwn` 1 follows (operands: op, l, c, g).
    LoadCalleeArgFastConst(BinOp, u8, u8, u32),
    /// `=> marker, consts[c], local[consts[c]]` — DupSubscrFastConst of a
    /// local whose `InplaceOpStoreSubscrLocal` stores into it in place: the
    /// `Unbound` marker stands for the container (operands: l, c).
    DupSubscrFastConstLocal(u16, u32),
    /// `marker, key, item, v =>` — InplaceOpStoreSubscr of a
    /// `DupSubscrFastConstLocal`, storing into local l (operands: l, op).
    InplaceOpStoreSubscrLocal(u16, BinOp),
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
    pub cell_params: Vec<(u32, u32)>,
    /// For each freevar: the index of the cell in the enclosing code's cells.
    pub free_sources: Vec<u32>,
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
