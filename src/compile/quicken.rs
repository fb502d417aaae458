//! Superinstructions: the stream the VM runs (`Code::quick`).
//!
//! The compiler emits plain instructions (`Code::instrs`, what `dis` shows).
//! `quicken` copies them and replaces the first instruction of a common
//! short sequence by one superinstruction that does the whole sequence in a
//! single dispatch — `LoadFast; LoadConst; Subscr` becomes `SubscrFastConst`,
//! which also reads the list straight from the local slot instead of
//! cloning and dropping its reference. Profiles of the benchmark suite chose
//! the sequences (pair counts of executed instructions).
//!
//! The covered instructions stay in place behind the superinstruction, which
//! skips them (CPython 3.11's superinstructions work the same way). So no
//! jump target, line number or exception-table entry moves: a jump into the
//! middle of a sequence runs the plain instructions from there. The VM sets
//! its pc to each covered instruction before the part that can fail, so
//! errors report the same line and find the same handler as without fusion.
//!
//! Last passes pair a function's load of its own global name with the call
//! that consumes it (`LoadGlobalCallee` … `CallOwn`), so that recursive
//! calls need no reference count on the function (see the VM's
//! `push_own_function`), and the statement `local.append(x)`'s method load
//! with its call (`LoadFastAppend` … `CallAppendPop`), so that appending to
//! a list in a local needs no reference count on the list (see
//! `push_append_markers`), and the head of `local[const] op= x` with its
//! store (`DupSubscrFastConstLocal` … `InplaceOpStoreSubscrLocal`), so that
//! the update reads the container from the local. All three pairings admit
//! between their two halves only the simple instructions of
//! `simple_pushes`, none of which can rebind a local.

use super::bytecode::Instr;
use super::bytecode::Instr::*;

/// Operands narrower than the superinstruction's first field keep the plain
/// instructions.
fn narrow(i: u32) -> Option<u16> {
    u16::try_from(i).ok()
}

/// Where in a code object's `names` the names the quickener looks for are
/// (None: the code does not use that name).
#[derive(Default, Clone, Copy)]
pub struct KnownNames {
    /// The function's own name: a call of it is probably recursive (see
    /// `LoadGlobalCallee`).
    pub own: Option<u32>,
    /// `append` (see `LoadFastAppend`).
    pub append: Option<u32>,
    /// `pop` (see `ListPopFast`).
    pub pop: Option<u32>,
}

/// The superinstruction starting at `at`, if any.
///
/// A two-instruction fusion gives way when its second instruction starts a
/// longer one (`a * b[3]`: LoadFast a stays plain so that LoadFast b;
/// LoadConst 3; Subscr fuses), which saves more dispatches.
fn fuse(code: &[Instr], at: usize, names: &KnownNames) -> Option<Instr> {
    let fused = fuse_here(code, at, names)?;
    if covers(fused) == 1 && fuse_here(code, at + 1, names).is_some_and(|next| covers(next) > 1) {
        return None;
    }
    Some(fused)
}

/// How many instructions after itself a superinstruction covers (0 for a
/// plain instruction).
fn covers(i: Instr) -> usize {
    match i {
        DupSubscrFastConst(..) | DupSubscrFastConstLocal(..) | LoadCalleeArgFastConst(..) => 3,
        ListPopFast(_)
        | SubscrFastConst(..)
        | SubscrFastFast(..)
        | CallGlobalFast(..)
        | InplaceOpStoreSubscr(_)
        | InplaceOpStoreSubscrLocal(..)
        | BinaryOpFastFast(..)
        | BinaryOpFastConst(..)
        | CompareFastConstJumpIfFalse(..)
        | CompareFastFastJumpIfFalse(..) => 2,
        LoadFastConst(..)
        | LoadFastFast(..)
        | LoadFastMethod(..)
        | LoadFastAppend(..)
        | BinaryOpConst(..)
        | InplaceOpConst(..)
        | BinaryOpFast(..)
        | BinaryOpStore(..)
        | InplaceOpStore(..)
        | StoreFastLoadFast(..)
        | DupSubscr
        | ForIterStore(..)
        | CompareConstJumpIfFalse(..)
        | BinaryOpDeref(..)
        | ReturnFast(_)
        | BinaryOpReturn(_)
        | CallMethodPop(_)
        | CallAppendPop(..) => 1,
        _ => 0,
    }
}

/// The superinstruction for the sequence at `at`, ignoring what follows.
fn fuse_here(code: &[Instr], at: usize, names: &KnownNames) -> Option<Instr> {
    let get = |k: usize| code.get(at + k).copied();
    let first = get(0)?;
    let second = get(1)?;
    let third = get(2);
    if let (LoadFast(l), LoadMethod(n), Some(CallMethod(0))) = (first, second, third)
        && names.pop == Some(n)
    {
        return Some(ListPopFast(l));
    }
    if let (LoadFast(l), LoadConst(c), Some(DupTwo), Some(Subscr)) = (first, second, third, get(3))
    {
        return Some(DupSubscrFastConst(narrow(l)?, c));
    }
    let byte = |i: u32| u8::try_from(i).ok();
    match (first, second, third) {
        (LoadFast(l), LoadConst(c), Some(CompareJumpIfFalse(op, t))) => {
            return Some(CompareFastConstJumpIfFalse(op, byte(l)?, byte(c)?, t));
        }
        (LoadFast(a), LoadFast(b), Some(CompareJumpIfFalse(op, t))) => {
            return Some(CompareFastFastJumpIfFalse(op, byte(a)?, byte(b)?, t));
        }
        _ => {}
    }
    Some(match (first, second, third) {
        (LoadFast(l), LoadConst(c), Some(Subscr)) => SubscrFastConst(narrow(l)?, c),
        (LoadGlobal(g), LoadFast(l), Some(Call(1))) => CallGlobalFast(narrow(l)?, g),
        (LoadFast(a), LoadFast(b), Some(Subscr)) => SubscrFastFast(narrow(a)?, b),
        (InplaceOp(op), RotThree, Some(StoreSubscr)) => InplaceOpStoreSubscr(op),
        (LoadFast(a), LoadFast(b), Some(BinaryOp(op))) => {
            BinaryOpFastFast(op, narrow(a)?, narrow(b)?)
        }
        (LoadFast(l), LoadConst(c), Some(BinaryOp(op))) => {
            BinaryOpFastConst(op, narrow(l)?, narrow(c)?)
        }
        // `x op= const` is better fused at the LoadConst (no push at all),
        // so a LoadFast before it stays plain.
        (LoadFast(_), LoadConst(_), Some(InplaceOp(_))) => return None,
        (LoadFast(a), LoadConst(c), _) => LoadFastConst(narrow(a)?, c),
        (LoadFast(a), LoadFast(b), _) => LoadFastFast(narrow(a)?, b),
        (LoadFast(l), LoadMethod(n), _) => LoadFastMethod(narrow(l)?, n),
        (LoadConst(c), BinaryOp(op), _) => BinaryOpConst(op, c),
        (LoadConst(c), InplaceOp(op), _) => InplaceOpConst(op, c),
        (LoadFast(l), BinaryOp(op), _) => BinaryOpFast(op, l),
        (BinaryOp(op), StoreFast(l), _) => BinaryOpStore(op, l),
        (InplaceOp(op), StoreFast(l), _) => InplaceOpStore(op, l),
        (StoreFast(a), LoadFast(b), _) => StoreFastLoadFast(narrow(a)?, b),
        (DupTwo, Subscr, _) => DupSubscr,
        (ForIter(t), StoreFast(l), _) => ForIterStore(narrow(l)?, t),
        (LoadConst(c), CompareJumpIfFalse(op, t), _) => CompareConstJumpIfFalse(op, narrow(c)?, t),
        (CallMethod(n), Pop, _) => CallMethodPop(n),
        (LoadDeref(i), BinaryOp(op), _) => BinaryOpDeref(op, i),
        (LoadFast(l), Return, _) => ReturnFast(l),
        (BinaryOp(op), Return, _) => BinaryOpReturn(op),
        _ => return None,
    })
}

/// From `from` on, the run of simple instructions that push values without
/// reaching below what they pushed themselves (no jumps, no stores, no
/// calls, so none can rebind a local): the index of the first instruction
/// after the run and how many values the run leaves pushed.
fn simple_pushes(code: &[Instr], from: usize) -> (usize, u32) {
    let mut above = 0u32;
    for (k, &instr) in code.iter().enumerate().skip(from) {
        match instr {
            LoadFast(_) | LoadConst(_) | LoadDeref(_) | LoadGlobal(_) => above += 1,
            UnaryOp(_) | LoadAttr(_) if above >= 1 => {}
            BinaryOp(_) | Compare(_) | Subscr if above >= 2 => above -= 1,
            _ => return (k, above),
        }
    }
    (code.len(), above)
}

/// The index of the call (`Call` or `CallMethod`) that consumes what was
/// on the stack before instruction `from`, if simple instructions push all
/// its arguments (`simple_pushes`): the callee (or method and receiver)
/// below them is next consumed by that call, or dropped by an exception
/// unwinding the stack.
fn consuming_call(code: &[Instr], from: usize) -> Option<usize> {
    let (k, above) = simple_pushes(code, from);
    match code.get(k) {
        Some(&(Call(n) | CallMethod(n))) if n == above => Some(k),
        _ => None,
    }
}

/// Does a superinstruction from `from` up to `k` cover instruction `k`
/// (which a pairing needs to run as an instruction of its own)?
fn covered_from(quick: &[Instr], from: usize, k: usize) -> bool {
    (from..k).any(|j| j + covers(quick[j]) >= k)
}

/// Mark the calls of the function's own global name (`names[own_name]`) as
/// `LoadGlobalCallee` … `CallOwn`, where `consuming_call` pairs them and the
/// `Call` runs as an instruction of its own (no superinstruction covers it).
fn mark_recursive_calls(code: &[Instr], quick: &mut [Instr], own_name: u32) {
    for at in 0..code.len() {
        if quick[at] != LoadGlobal(own_name) {
            continue;
        }
        let Some(k) = consuming_call(code, at + 1) else {
            continue;
        };
        let Call(n) = quick[k] else { continue };
        if covered_from(quick, at + 1, k) {
            continue;
        }
        quick[at] = LoadGlobalCallee(own_name);
        quick[k] = CallOwn(n);
        // `f(x - 1)`, the commonest recursion: callee and argument in one
        // dispatch (the call stays an instruction of its own: folding it in
        // too cost the other programs up to 9 % more instructions).
        if let (4, BinaryOpFastConst(op, l, c)) = (k - at, quick[at + 1]) {
            let byte = |i: u16| u8::try_from(i).ok();
            if let (Some(l), Some(c)) = (byte(l), byte(c)) {
                quick[at] = LoadCalleeArgFastConst(op, l, c, own_name);
            }
        }
    }
}

/// Mark the statements `local.append(x)` as `LoadFastAppend` …
/// `CallAppendPop`, where only simple instructions compute `x` (so none can
/// rebind the local) and no superinstruction covers the call.
fn mark_list_appends(code: &[Instr], quick: &mut [Instr], append: u32) {
    for at in 0..code.len() {
        let LoadFastMethod(l, name) = quick[at] else {
            continue;
        };
        if name != append {
            continue;
        }
        let Some(k) = consuming_call(code, at + 2) else {
            continue;
        };
        if quick[k] != CallMethodPop(1) || covered_from(quick, at + 2, k) {
            continue;
        }
        quick[at] = LoadFastAppend(l, name);
        quick[k] = CallAppendPop(l, 1);
    }
}

/// Mark the updates `local[const] op= x` as `DupSubscrFastConstLocal` …
/// `InplaceOpStoreSubscrLocal`, where simple instructions compute `x` (so
/// none can rebind the local) and no superinstruction covers the store.
fn mark_local_subscript_updates(code: &[Instr], quick: &mut [Instr]) {
    for at in 0..code.len() {
        let DupSubscrFastConst(l, c) = quick[at] else {
            continue;
        };
        let (k, above) = simple_pushes(code, at + 4);
        let (Some(&InplaceOp(op)), 1) = (code.get(k), above) else {
            continue;
        };
        if quick[k] != InplaceOpStoreSubscr(op) || covered_from(quick, at + 4, k) {
            continue;
        }
        quick[at] = DupSubscrFastConstLocal(l, c);
        quick[k] = InplaceOpStoreSubscrLocal(l, op);
    }
}

/// The instruction stream the VM runs: `instrs` with superinstructions.
pub fn quicken(instrs: &[Instr], names: KnownNames) -> Vec<Instr> {
    let mut quick: Vec<Instr> = (0..instrs.len())
        .map(|at| fuse(instrs, at, &names).unwrap_or(instrs[at]))
        .collect();
    if let Some(own) = names.own {
        mark_recursive_calls(instrs, &mut quick, own);
    }
    if let Some(append) = names.append {
        mark_list_appends(instrs, &mut quick, append);
    }
    mark_local_subscript_updates(instrs, &mut quick);
    quick
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ops::{BinOp, CmpOp};

    fn quick_with(code: &[Instr], own: Option<u32>, append: Option<u32>) -> Vec<Instr> {
        quicken(
            code,
            KnownNames {
                own,
                append,
                pop: None,
            },
        )
    }

    #[test]
    fn covered_instructions_stay_in_place() {
        let code = [LoadFast(0), LoadConst(1), Subscr, LoadFast(2), Return];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], SubscrFastConst(0, 1));
        // A jump to 1 or 2 still finds plain instructions.
        assert_eq!(q[1], LoadConst(1));
        assert_eq!(q[2], Subscr);
        assert_eq!(q.len(), code.len());
        assert_eq!(covers(q[0]), 2);
    }

    #[test]
    fn a_global_called_with_a_local_fuses() {
        // len(buf): LoadGlobal len; LoadFast buf; Call 1 — not with two
        // arguments.
        let q = quick_with(&[LoadGlobal(4), LoadFast(1), Call(1), Return], None, None);
        assert_eq!(q[0], CallGlobalFast(1, 4));
        assert!(q[0].is_check_point());
        let q = quick_with(
            &[LoadGlobal(4), LoadFast(1), LoadFast(2), Call(2), Return],
            None,
            None,
        );
        assert_eq!(q[0], LoadGlobal(4));
    }

    #[test]
    fn a_recursive_call_is_marked_when_only_simple_arguments_follow() {
        // fib(n - 1): the callee is next consumed by the Call.
        let code = [
            LoadGlobal(0),
            LoadFast(0),
            LoadConst(1),
            BinaryOp(BinOp::Sub),
            Call(1),
        ];
        let q = quick_with(&code, Some(0), None);
        assert_eq!(q[0], LoadCalleeArgFastConst(BinOp::Sub, 0, 1, 0));
        assert_eq!(covers(q[0]), 3);
        assert_eq!(q[4], CallOwn(1));
        // A local or constant past the byte operands: load and argument
        // apart.
        let mut wide = code;
        wide[1] = LoadFast(300);
        let q = quick_with(&wide, Some(0), None);
        assert_eq!(
            (q[0], q[1], q[4]),
            (
                LoadGlobalCallee(0),
                BinaryOpFastConst(BinOp::Sub, 300, 1),
                CallOwn(1)
            )
        );
        // f(a, b.x, -c[0]) and f() too.
        let code = [
            LoadGlobal(0),
            LoadFast(0),
            LoadFast(1),
            LoadAttr(2),
            LoadFast(2),
            LoadConst(0),
            Subscr,
            UnaryOp(crate::syntax::ops::UnaryOp::Neg),
            Call(3),
        ];
        let q = quick_with(&code, Some(0), None);
        assert_eq!((q[0], q[8]), (LoadGlobalCallee(0), CallOwn(3)));
        let q = quick_with(&[LoadGlobal(0), Call(0)], Some(0), None);
        assert_eq!(q, [LoadGlobalCallee(0), CallOwn(0)]);
        // Only the function's own name is marked.
        let code = [LoadGlobal(1), LoadConst(0), Call(1)];
        assert_eq!(quick_with(&code, Some(0), None), code);
        // A call with one local argument stays CallGlobalFast.
        let code = [LoadGlobal(0), LoadFast(0), Call(1)];
        assert_eq!(quick_with(&code, Some(0), None)[0], CallGlobalFast(0, 0));
        assert_eq!(quick_with(&code, Some(0), None)[2], Call(1));
        // Not: a value that is not called, a call with another call or a
        // jump in its arguments, a keyword call, an operator that would
        // consume the global itself.
        let plain = [
            vec![LoadGlobal(0), StoreFast(0)],
            vec![LoadGlobal(0), LoadGlobal(1), Call(0), Call(1)],
            vec![LoadGlobal(0), LoadFast(0), PopJumpIfFalse(9), Call(1)],
            vec![LoadGlobal(0), LoadFast(0), LoadConst(1), CallKw(1)],
            vec![LoadGlobal(0), LoadFast(0), BinaryOp(BinOp::Add), Call(0)],
            vec![LoadGlobal(0), LoadAttr(0), Call(0)],
            vec![LoadGlobal(0), LoadFast(0), Call(2)],
            vec![LoadGlobal(0)],
        ];
        for code in plain {
            let q = quick_with(&code, Some(0), None);
            assert_eq!(q[0], LoadGlobal(0), "{code:?}");
            assert!(!q.iter().any(|i| matches!(i, CallOwn(_))), "{code:?}");
        }
    }

    #[test]
    fn an_append_statement_on_a_local_is_marked() {
        // buf.append(i & 255): LoadFast buf; LoadMethod append; LoadFast i;
        // LoadConst 255; BinaryOp &; CallMethod 1; Pop — names[7] is append.
        let code = [
            LoadFast(0),
            LoadMethod(7),
            LoadFast(1),
            LoadConst(2),
            BinaryOp(BinOp::BitAnd),
            CallMethod(1),
            Pop,
        ];
        let q = quick_with(&code, None, Some(7));
        assert_eq!((q[0], q[5]), (LoadFastAppend(0, 7), CallAppendPop(0, 1)));
        assert_eq!(q[2], BinaryOpFastConst(BinOp::BitAnd, 1, 2));
        assert_eq!(covers(q[0]), 1);
        assert_eq!(covers(q[5]), 1);
        // Not: another method, a code object without `append` among its
        // names, a result that is used, an argument with a call (which could
        // do anything) or a store, two arguments, none.
        let stmt = |args: &[Instr], call: Instr, after: Instr| {
            [&[LoadFast(0), LoadMethod(7)][..], args, &[call, after]].concat()
        };
        let mut other_method = stmt(&[LoadFast(1)], CallMethod(1), Pop);
        other_method[1] = LoadMethod(6);
        let plain = [
            (other_method, Some(7)),
            (stmt(&[LoadFast(1)], CallMethod(1), Pop), None),
            (stmt(&[LoadFast(1)], CallMethod(1), Return), Some(7)),
            (
                stmt(&[LoadGlobal(1), LoadFast(0), Call(1)], CallMethod(1), Pop),
                Some(7),
            ),
            (
                stmt(
                    &[LoadFast(1), StoreFast(0), LoadFast(1)],
                    CallMethod(1),
                    Pop,
                ),
                Some(7),
            ),
            (
                stmt(&[LoadFast(1), LoadFast(2)], CallMethod(2), Pop),
                Some(7),
            ),
            (stmt(&[], CallMethod(0), Pop), Some(7)),
        ];
        for (code, append) in plain {
            let q = quick_with(&code, None, append);
            assert!(
                !q.iter()
                    .any(|i| matches!(i, LoadFastAppend(..) | CallAppendPop(..))),
                "{code:?}"
            );
        }
    }

    #[test]
    fn an_item_update_of_a_local_is_marked() {
        // b[3] -= dx * m: LoadFast b; LoadConst 3; DupTwo; Subscr;
        // LoadFast dx; LoadFast m; BinaryOp *; InplaceOp -; RotThree;
        // StoreSubscr.
        let head = [LoadFast(0), LoadConst(1), DupTwo, Subscr];
        let tail = [InplaceOp(BinOp::Sub), RotThree, StoreSubscr, Return];
        let code = [
            &head[..],
            &[LoadFast(2), LoadFast(3), BinaryOp(BinOp::Mul)],
            &tail,
        ]
        .concat();
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], DupSubscrFastConstLocal(0, 1));
        assert_eq!(q[7], InplaceOpStoreSubscrLocal(0, BinOp::Sub));
        assert_eq!(covers(q[0]), 3);
        assert_eq!(covers(q[7]), 2);
        // Not when the right-hand side calls, stores or jumps.
        for rhs in [
            vec![LoadGlobal(1), LoadFast(2), Call(1)],
            vec![LoadFast(2), StoreFast(0), LoadFast(2)],
            vec![LoadFast(2), JumpIfTrueOrPop(99)],
            vec![LoadFast(2), LoadFast(3), BuildList(2)],
        ] {
            let code = [&head[..], &rhs, &tail].concat();
            let q = quick_with(&code, None, None);
            assert_eq!(q[0], DupSubscrFastConst(0, 1), "{rhs:?}");
            assert!(
                !q.contains(&InplaceOpStoreSubscrLocal(0, BinOp::Sub)),
                "{rhs:?}"
            );
        }
    }

    #[test]
    fn const_operands_fuse_at_the_load_const() {
        // `x op const` in place (InplaceOp) fuses at the LoadConst; the
        // plain binary operator on a local fuses all three.
        let code = [LoadFast(0), LoadConst(1), InplaceOp(BinOp::Sub), Return];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], LoadFast(0));
        assert_eq!(q[1], InplaceOpConst(BinOp::Sub, 1));
        let code = [LoadFast(0), LoadConst(1), BinaryOp(BinOp::Sub), Return];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], BinaryOpFastConst(BinOp::Sub, 0, 1));
        assert_eq!(q[1], BinaryOpConst(BinOp::Sub, 1));
    }

    #[test]
    fn a_pair_gives_way_to_a_longer_fusion() {
        // a * b[3]: LoadFast a; LoadFast b; LoadConst 3; Subscr; BinaryOp
        let code = [
            LoadFast(0),
            LoadFast(1),
            LoadConst(3),
            Subscr,
            BinaryOp(BinOp::Mul),
            Return,
        ];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], LoadFast(0));
        assert_eq!(q[1], SubscrFastConst(1, 3));
    }

    #[test]
    fn wide_operands_stay_plain() {
        let code = [LoadFast(70_000), LoadFast(1), Return];
        assert_eq!(quick_with(&code, None, None)[0], LoadFast(70_000));
    }

    #[test]
    fn local_pop_calls_fuse_and_win_over_a_shorter_fusion_before_them() {
        let names = KnownNames {
            pop: Some(5),
            ..KnownNames::default()
        };
        // total += buf.pop(): `LoadFast total` gives way to the longer fusion.
        let code = [
            LoadFast(0),
            LoadFast(1),
            LoadMethod(5),
            CallMethod(0),
            InplaceOp(BinOp::Add),
            StoreFast(0),
        ];
        let q = quicken(&code, names);
        assert_eq!(q[0], LoadFast(0));
        assert_eq!(q[1], ListPopFast(1));
        assert_eq!(covers(q[1]), 2);
        // Another method, arguments, or no `pop` among the names: no fusion.
        let other = [LoadFast(1), LoadMethod(4), CallMethod(0), Pop];
        assert_eq!(quicken(&other, names)[0], LoadFastMethod(1, 4));
        let with_arg = [LoadFast(1), LoadMethod(5), LoadConst(0), CallMethod(1)];
        assert_eq!(quicken(&with_arg, names)[0], LoadFastMethod(1, 5));
        assert_eq!(quick_with(&code[1..], None, None)[0], LoadFastMethod(1, 5));
    }

    #[test]
    fn superinstructions_cover_what_they_fuse() {
        // Every fusion rule's result skips exactly the instructions it replaced.
        let cases = [
            (vec![LoadFast(0), LoadFast(1), Subscr], 2),
            (vec![InplaceOp(BinOp::Sub), RotThree, StoreSubscr], 2),
            (vec![LoadFast(0), LoadConst(1), Pop], 1),
            (vec![LoadFast(0), LoadFast(1), Pop], 1),
            (vec![LoadFast(0), LoadMethod(1), Pop], 1),
            (vec![LoadConst(0), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![LoadConst(0), InplaceOp(BinOp::Sub), Pop], 1),
            (vec![LoadFast(0), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![BinaryOp(BinOp::Add), StoreFast(1), Pop], 1),
            (vec![InplaceOp(BinOp::Add), StoreFast(1), Pop], 1),
            (vec![StoreFast(0), LoadFast(1), Pop], 1),
            (vec![DupTwo, Subscr, Pop], 1),
            (vec![ForIter(9), StoreFast(1), Pop], 1),
            (vec![LoadFast(0), LoadFast(1), BinaryOp(BinOp::Mul)], 2),
            (vec![LoadFast(0), LoadConst(1), BinaryOp(BinOp::Mul)], 2),
            (vec![LoadConst(0), CompareJumpIfFalse(CmpOp::Lt, 9), Pop], 1),
            (vec![CallMethod(1), Pop, Pop], 1),
            (vec![LoadFast(0), LoadConst(1), DupTwo, Subscr], 3),
            (vec![LoadDeref(0), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![LoadFast(0), Return], 1),
            (vec![BinaryOp(BinOp::Add), Return], 1),
            (
                vec![LoadFast(0), LoadConst(1), CompareJumpIfFalse(CmpOp::Lt, 9)],
                2,
            ),
            (
                vec![LoadFast(0), LoadFast(1), CompareJumpIfFalse(CmpOp::Lt, 9)],
                2,
            ),
        ];
        for (code, n) in cases {
            let q = quick_with(&code, None, None);
            assert_ne!(q[0], code[0], "{code:?} fuses");
            assert_eq!(covers(q[0]), n, "{code:?}");
        }
    }
}
