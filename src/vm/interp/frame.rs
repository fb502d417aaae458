//! Call frames: what a frame holds, and how the VM pushes and pops them
//! without touching the reference counts of the code it runs.

use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::{Vm, replace_words};
use crate::compile::bytecode::{CellIdx, Code};
use crate::vm::error::*;
use crate::vm::fast::drop_value;
use crate::vm::objects::*;
use crate::vm::value::Value;

/// A call frame.
///
/// A frame borrows its function (code, globals, closure) instead of holding
/// reference counts on them: entering and leaving a call touches no counter
/// of the shared code object or module namespace (only the function's own,
/// taken when the caller loaded it), which keeps calls cheap and cuts the
/// cache-line traffic between threads running the same code under
/// `--gil=off`. The function stays alive because the frame's *callee slot*
/// `stack[base - 1]` holds it for the frame's whole life (see `Frame::func`).
///
/// A recursive call (`fib(n - 1)`) does not even count its function: its
/// callee slot holds `Value::Unbound`, a marker for "the caller's own
/// function", which the caller's slot keeps alive (`Vm::push_own_function`).
pub(super) struct Frame {
    /// The function being run, owned by the callee slot `stack[base - 1]`.
    pub(super) func: NonNull<Function>,
    /// New cells for the code's cellvars (its freevars are read from the
    /// function's closure). None for the common functions without them:
    /// dropping a frame then costs no out-of-line vector drop.
    pub(super) cells: Option<Box<[Arc<CellObj>]>>,
    pub(super) pc: usize,
    /// Index in `Vm::stack` of local slot 0; the operand stack starts at
    /// `base + nlocals`. The slot below `base` holds the callee.
    pub(super) base: usize,
    /// Length of `exc_info` when the frame was entered.
    pub(super) exc_depth: usize,
    /// Returning from this frame returns from `Vm::run`.
    pub(super) entry: bool,
}

impl Frame {
    /// The function this frame runs.
    ///
    /// The lifetime is not tied to `&self` so that the dispatch loop can
    /// keep `&Code` while it mutates the VM; callers must not use the result
    /// after the frame is popped.
    #[inline(always)]
    pub(super) fn func<'a>(&self) -> &'a Function {
        // SAFETY: `push_frame` takes `func` from the `Value::Func` it has
        // just placed in the callee slot `stack[base - 1]`. Nothing writes
        // that slot while the frame exists: it is below the frame's locals
        // (StoreFast/DeleteFast address `base + i`), the caller's
        // instructions do not run until the frame is popped, exception
        // handlers truncate the stack only above `base + nlocals`, and
        // `pop_frame` (or `reset`, which clears frames and stack together)
        // drops the slot only when the frame goes. So the `Arc<Function>`
        // the slot owns outlives the frame; `Function` is immutable. (A slot
        // holding the `Unbound` marker means the caller's function, which
        // the caller's slot keeps in the same way for longer.)
        unsafe { self.func.as_ref() }
    }

    #[inline(always)]
    pub(super) fn code<'a>(&self) -> &'a Code {
        &self.func().code
    }

    #[inline(always)]
    pub(super) fn globals<'a>(&self) -> &'a Arc<DictObj> {
        &self.func().globals
    }

    /// Cell `i`: the code's cellvars, then its freevars (from the closure);
    /// the compiler emits cell instructions only for code that has cells.
    #[inline]
    pub(super) fn cell(&self, i: CellIdx) -> &Arc<CellObj> {
        let own = self.cells.as_deref().unwrap_or(&[]);
        let i = i.idx();
        if i < own.len() {
            &own[i]
        } else {
            &self.func().closure[i - own.len()]
        }
    }
}

impl Vm {
    /// Push a frame for the function in `stack[base - 1]` (a `Value::Func`)
    /// whose arguments already occupy `stack[base..]`.
    #[inline(always)]
    pub(super) fn push_frame(&mut self, base: usize, entry: bool) -> PyResult<()> {
        let func = match &self.stack[base - 1] {
            Value::Func(f) => NonNull::from(&**f),
            _ => unreachable!("a frame's callee slot holds its function"),
        };
        self.push_frame_of(func, base, entry)
    }

    /// `push_frame` for `func`, which the callee slot holds (a
    /// `Value::Func`, or the `Unbound` marker of the caller's own function).
    #[inline(always)]
    pub(super) fn push_frame_of(
        &mut self,
        func: NonNull<Function>,
        base: usize,
        entry: bool,
    ) -> PyResult<()> {
        // SAFETY: the callee slot keeps the function alive (see `Frame::func`).
        let code: &Code = unsafe { &func.as_ref().code };
        let limit = self.interp.recursion_limit.load(Ordering::Relaxed);
        if self.depth >= limit {
            self.stack.truncate(base - 1);
            return Err(recursion_error("maximum recursion depth exceeded"));
        }
        let need = base + code.shape.nlocals as usize;
        if self.stack.len() < need {
            self.stack.resize(need, Value::Unbound);
        }
        let cells = if !code.shape.has_cells {
            None
        } else {
            Some(self.make_cells(code, base))
        };
        self.depth += 1;
        if self.frames.len() == self.frames.capacity() {
            self.frames.reserve(1);
        }
        let frame = Frame {
            func,
            cells,
            pc: 0,
            base,
            exc_depth: self.exc_info.len(),
            entry,
        };
        // Written in place rather than by `Vec::push`: across push's
        // out-of-line growth call the compiler assembled the frame in a
        // native-stack temporary and copied it with 16-byte loads that
        // straddled its 8- and 1-byte stores (a store-forwarding stall on
        // every call; ~10 % of fib's time under perf).
        // SAFETY: `reserve` made room for slot `len`, written before it is counted.
        unsafe {
            let len = self.frames.len();
            self.frames.as_mut_ptr().add(len).write(frame);
            self.frames.set_len(len + 1);
        }
        Ok(())
    }

    /// New cells for the code's cellvars, parameters moved in from their slots.
    pub(super) fn make_cells(&mut self, code: &Code, base: usize) -> Box<[Arc<CellObj>]> {
        let mut cells = Vec::with_capacity(code.cellvars.len());
        for _ in 0..code.cellvars.len() {
            cells.push(Arc::new(CellObj::new(Value::Unbound)));
        }
        for &(cell, slot) in &code.cell_params {
            let v = std::mem::replace(&mut self.stack[base + slot.idx()], Value::Unbound);
            cells[cell.idx()].set(v);
        }
        cells.into_boxed_slice()
    }

    /// Pop the current frame, dropping its locals and its callee slot;
    /// returns whether it was an entry frame.
    ///
    /// Reads the fields it needs in place: returning the `Frame` by value
    /// copied it through a temporary with 16-byte loads of 8-byte stores
    /// (a store-forwarding stall per return).
    #[inline(always)]
    pub(super) fn pop_frame(&mut self) -> bool {
        let (base, entry) = self.pop_frame_above_callee();
        drop_value(self.pop());
        debug_assert_eq!(self.stack.len(), base - 1);
        entry
    }

    /// Pop the current frame and drop its locals, leaving its callee slot
    /// `stack[base - 1]` on the stack; returns (base, whether it was an
    /// entry frame).
    #[inline(always)]
    pub(super) fn pop_frame_above_callee(&mut self) -> (usize, bool) {
        let f = self.frames.last().expect("a frame to pop");
        let (base, exc_depth, entry) = (f.base, f.exc_depth, f.entry);
        self.frames.truncate(self.frames.len() - 1);
        self.depth -= 1;
        if self.exc_info.len() > exc_depth {
            self.exc_info.truncate(exc_depth);
        }
        // Locals are mostly scalars: drop them without the generic glue.
        while self.stack.len() > base {
            let v = self.pop();
            drop_value(v);
        }
        (base, entry)
    }

    /// Return `v` from the current frame: it takes the frame's callee slot,
    /// so the caller finds it on top of its stack. Some(v) when the frame
    /// was an entry frame (`v` is then off the stack again).
    ///
    /// `v` goes into the slot (as two words) before the frame is popped:
    /// held in a local across the pop, the compiler spilled it to a
    /// temporary and reloaded it with one 16-byte load of two fresh 8-byte
    /// stores, a store-forwarding stall on every return.
    ///
    /// The function is kept across the pop as its one pointer word: held
    /// as a `Value`, it was spilled as two words and reloaded for the
    /// generic drop with one 16-byte load (another stall, ~11 % of fib).
    #[inline(always)]
    pub(super) fn return_from_frame(&mut self, base: usize, v: Value) -> Option<Value> {
        // The function stays alive in `callee` until the frame is gone (null
        // for the `Unbound` marker: the caller's own, which it keeps).
        let callee = match replace_words(&mut self.stack[base - 1], v) {
            Value::Func(f) => Arc::into_raw(f),
            marker => {
                std::mem::forget(marker);
                std::ptr::null()
            }
        };
        let (_, entry) = self.pop_frame_above_callee();
        if !callee.is_null() {
            // SAFETY: `callee` came from `Arc::into_raw` just above.
            drop(unsafe { Arc::from_raw(callee) });
        }
        entry.then(|| self.pop())
    }
}
