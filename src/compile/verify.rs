//! Compiled code checked against the instruction table's stack effects:
//! every path reaches an instruction with the same operand-stack depth, no
//! instruction pops more than the frame holds, no path runs off the end.
//! The tests run it over every compiled test program
//! (`tests/instruction_table.rs`), so a wrong effect in the table or a
//! compiler change that unbalances the stack shows up there.

use super::bytecode::Code;

/// The depths found so far and the instructions left to visit.
struct Walk {
    depth: Vec<Option<u32>>,
    work: Vec<usize>,
}

impl Walk {
    /// Instruction `pc` is reached with `d` values on the stack.
    fn reach(&mut self, pc: usize, d: u32, from: usize) -> Result<(), String> {
        match self.depth.get(pc) {
            None => Err(format!("instruction {from} runs off the end")),
            Some(Some(seen)) if *seen != d => Err(format!(
                "instruction {pc} reached with stack depths {seen} and {d} (from {from})"
            )),
            Some(Some(_)) => Ok(()),
            Some(None) => {
                self.depth[pc] = Some(d);
                self.work.push(pc);
                Ok(())
            }
        }
    }
}

/// The deepest the operand stack gets in `code` (not its children), or
/// what is wrong with it.
pub fn max_stack_depth(code: &Code) -> Result<u32, String> {
    let instrs = &code.instrs;
    let mut walk = Walk {
        depth: vec![None; instrs.len()],
        work: Vec::new(),
    };
    if !instrs.is_empty() {
        walk.reach(0, 0, 0)?;
    }
    // A handler starts with the stack unwound to its depth, plus the
    // exception.
    for e in &code.exc_table {
        walk.reach(e.handler as usize, e.depth + 1, e.start as usize)?;
    }
    let mut max = 0;
    while let Some(pc) = walk.work.pop() {
        let d = walk.depth[pc].unwrap_or(0);
        let instr = instrs[pc];
        let (pops, pushes) = instr.stack_effect();
        if pops > d {
            return Err(format!(
                "{} at {pc} pops {pops} from a stack of {d}",
                instr.name()
            ));
        }
        let after = d - pops + pushes;
        max = max.max(d).max(after);
        if instr.falls_through() {
            walk.reach(pc + 1, after, pc)?;
        }
        if let Some(t) = instr.target() {
            let (pops, pushes) = instr.jump_stack_effect();
            let left = d.checked_sub(pops).ok_or_else(|| {
                format!(
                    "{} at {pc} jumps popping {pops} from a stack of {d}",
                    instr.name()
                )
            })?;
            walk.reach(t.idx(), left + pushes, pc)?;
        }
    }
    Ok(max)
}
