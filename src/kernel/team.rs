//! Teams: a parallel loop or region runs on `n` workers of the rayon pool
//! of that size (`parallel::pool`), one closure per worker via `broadcast`.
//!
//! Each worker clones the frame (private registers; array slots share their
//! buffers), sets its reduction registers to the operator's identity and
//! runs the iterations the schedule gives it:
//! - `static` without a chunk: one contiguous block per worker, sizes
//!   differing by at most one (OpenMP's rule); with a chunk: blocks of
//!   `chunk` dealt round-robin;
//! - `dynamic`: the next `chunk` (default 1) iterations from an atomic counter;
//! - `guided`: like dynamic, with chunks of `remaining / n` shrinking to `chunk`;
//! - `runtime`: whatever `OMP_SCHEDULE` says (`static` when unset).
//!
//! Afterwards the reductions are combined **in worker order**, so a static
//! schedule gives the same float result for the same team size every run,
//! and the worker that ran the last iteration hands back the lastprivates.
//! A worker runs each chunk with one entry into the executor (the body
//! block loops over the chunk itself). A failing iteration records its
//! error; workers skip the chunks after the lowest failing iteration but
//! finish those before it, so the error raised is the one the sequential
//! loop would hit first.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use super::exec::{self, Frame, KErr, KResult, TeamCtx};
use super::ir::*;
use super::types::Ty;
use crate::vm::prelude::ExcKind;

/// A schedule with its chunk size resolved.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub schedule: Schedule,
    pub chunk: Option<u64>,
}

/// `OMP_SCHEDULE` (`"dynamic,4"`), for `schedule='runtime'`.
fn runtime_plan() -> Plan {
    let env = std::env::var("OMP_SCHEDULE").unwrap_or_default();
    let mut parts = env.split(',');
    let kind = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let schedule = match Schedule::by_name(&kind) {
        Some(Schedule::Runtime) | None => Schedule::Static,
        Some(s) => s,
    };
    let chunk = parts
        .next()
        .and_then(|c| c.trim().parse::<u64>().ok())
        .filter(|&c| c > 0);
    Plan { schedule, chunk }
}

/// Call `body(lo, hi)` for each chunk of `0..n` that worker `t` of
/// `nthreads` gets; `body` returns false to stop early.
pub fn for_each_chunk(
    plan: Plan,
    n: u64,
    nthreads: u64,
    t: u64,
    next: &AtomicU64,
    mut body: impl FnMut(u64, u64) -> bool,
) {
    let plan = if plan.schedule == Schedule::Runtime {
        runtime_plan()
    } else {
        plan
    };
    match (plan.schedule, plan.chunk) {
        (Schedule::Static, None) | (Schedule::Runtime, None) => {
            let q = n / nthreads;
            let r = n % nthreads;
            let lo = t * q + t.min(r);
            let hi = lo + q + u64::from(t < r);
            if lo < hi {
                body(lo, hi);
            }
        }
        (Schedule::Static, Some(c)) | (Schedule::Runtime, Some(c)) => {
            let mut lo = t * c;
            while lo < n {
                if !body(lo, (lo + c).min(n)) {
                    return;
                }
                lo = lo.saturating_add(nthreads * c);
            }
        }
        (Schedule::Dynamic, c) => {
            let c = c.unwrap_or(1);
            loop {
                let lo = next.fetch_add(c, Relaxed);
                if lo >= n || !body(lo, (lo + c).min(n)) {
                    return;
                }
            }
        }
        (Schedule::Guided, c) => {
            let c = c.unwrap_or(1);
            loop {
                let lo = next.load(Relaxed);
                if lo >= n {
                    return;
                }
                let size = ((n - lo).div_ceil(nthreads)).max(c).min(n - lo);
                if next
                    .compare_exchange_weak(lo, lo + size, Relaxed, Relaxed)
                    .is_ok()
                    && !body(lo, lo + size)
                {
                    return;
                }
            }
        }
    }
}

fn identity(op: RedOp, ty: Ty) -> u64 {
    match (op, ty) {
        (RedOp::Mul | RedOp::Div, Ty::Float) => 1.0f64.to_bits(),
        (RedOp::Mul | RedOp::Div, _) => 1,
        (RedOp::And, _) => u64::MAX,
        (RedOp::Max, Ty::Float) => f64::NEG_INFINITY.to_bits(),
        (RedOp::Max, _) => i64::MIN as u64,
        (RedOp::Min, Ty::Float) => f64::INFINITY.to_bits(),
        (RedOp::Min, _) => i64::MAX as u64,
        (_, Ty::Float) => 0.0f64.to_bits(),
        _ => 0,
    }
}

/// `acc op= part` where `part` is a worker's private accumulation.
fn combine(op: RedOp, ty: Ty, acc: u64, part: u64) -> u64 {
    if ty == Ty::Float {
        let (a, p) = (f64::from_bits(acc), f64::from_bits(part));
        let v = match op {
            RedOp::Add | RedOp::Sub => a + p,
            RedOp::Mul | RedOp::Div => a * p,
            RedOp::Max => a.max(p),
            RedOp::Min => a.min(p),
            _ => a,
        };
        return v.to_bits();
    }
    let (a, p) = (acc as i64, part as i64);
    (match op {
        RedOp::Add | RedOp::Sub => a.wrapping_add(p),
        RedOp::Mul => a.wrapping_mul(p),
        RedOp::Div => a,
        RedOp::And => a & p,
        RedOp::Or => a | p,
        RedOp::Xor => a ^ p,
        RedOp::Max => a.max(p),
        RedOp::Min => a.min(p),
    }) as u64
}

struct WorkerOut {
    frame: Frame,
    ran_last: bool,
    err: Option<(u64, Box<KErr>)>,
}

fn loop_error(line: u32, msg: &str) -> Box<KErr> {
    Box::new(KErr {
        exc: ExcKind::ValueError,
        msg: msg.into(),
        line,
    })
}

/// Run a `prange` loop.
pub fn run_loop(func: &Func, pl: &ParLoop, fr: &mut Frame, ctx: &TeamCtx) -> KResult<()> {
    let start = fr.regs[pl.start.0 as usize] as i64;
    let stop = fr.regs[pl.stop.0 as usize] as i64;
    let step = fr.regs[pl.step.0 as usize] as i64;
    if step == 0 {
        return Err(loop_error(pl.line, "prange() arg 3 must not be zero"));
    }
    let span = if step > 0 {
        (stop as i128 - start as i128).max(0)
    } else {
        (start as i128 - stop as i128).max(0)
    };
    let n = (span + step.unsigned_abs() as i128 - 1) / step.unsigned_abs() as i128;
    let n = n as u64;
    let chunk = match pl.chunk {
        Some(r) => {
            let c = fr.regs[r.0 as usize] as i64;
            if c <= 0 {
                return Err(loop_error(pl.line, "chunksize must be positive"));
            }
            Some(c as u64)
        }
        None => None,
    };
    let plan = Plan {
        schedule: pl.schedule,
        chunk,
    };
    let mut nthreads = match pl.num_threads {
        Some(r) => (fr.regs[r.0 as usize] as i64).max(1) as u64,
        None => crate::parallel::default_threads() as u64,
    };
    if let Some(r) = pl.use_threads_if
        && fr.regs[r.0 as usize] == 0
    {
        nthreads = 1;
    }
    if n == 0 {
        return Ok(());
    }
    let at = |k: u64| start.wrapping_add((k as i64).wrapping_mul(step)) as u64;
    // Inside a parallel region the region's team shares the iterations
    // out; inside another loop's body the loop runs sequentially.
    if ctx.in_loop || ctx.in_region {
        let (t, nt) = if ctx.in_region && !ctx.in_loop {
            (ctx.tid as u64, ctx.nthreads as u64)
        } else {
            (0, 1)
        };
        let next = AtomicU64::new(0);
        let mut result = Ok(());
        for_each_chunk(plan, n, nt, t, &next, |lo, hi| {
            fr.regs[pl.index.0 as usize] = at(lo);
            fr.regs[pl.chunk_end.0 as usize] = at(hi);
            if let Err(e) = exec::run(func, pl.body, fr, ctx) {
                result = Err(e);
                return false;
            }
            true
        });
        fr.regs[pl.index.0 as usize] = at(n - 1);
        return result;
    }
    let nthreads = nthreads.min(n).max(1);
    let next = AtomicU64::new(0);
    // The lowest failing iteration so far: chunks after it are skipped,
    // chunks before it still run, so the error raised is always the one
    // the sequential loop would raise first, whatever the schedule.
    let fail_at = AtomicU64::new(u64::MAX);
    let base: &Frame = fr;
    let worker = |t: usize| -> WorkerOut {
        let began = crate::trace::workers_traced().then(std::time::Instant::now);
        let mut w = base.clone();
        for red in &pl.reductions {
            w.regs[red.reg.0 as usize] = identity(red.op, red.ty);
        }
        let wctx = TeamCtx {
            tid: t,
            nthreads: nthreads as usize,
            in_loop: true,
            in_region: ctx.in_region,
        };
        let mut out_err = None;
        let mut ran_last = false;
        for_each_chunk(plan, n, nthreads, t as u64, &next, |lo, hi| {
            if lo > fail_at.load(Relaxed) {
                return false;
            }
            w.regs[pl.index.0 as usize] = at(lo);
            w.regs[pl.chunk_end.0 as usize] = at(hi);
            if let Err(e) = exec::run(func, pl.body, &mut w, &wctx) {
                // The failing iteration, from the index register.
                let i = w.regs[pl.index.0 as usize] as i64;
                let k = (i.wrapping_sub(start) / step) as u64;
                out_err = Some((k, e));
                fail_at.fetch_min(k, Relaxed);
                return false;
            }
            if hi == n {
                ran_last = true;
            }
            true
        });
        if let Some(began) = began {
            crate::trace::worker_span(t, "prange", began, std::time::Instant::now());
        }
        WorkerOut {
            frame: w,
            ran_last,
            err: out_err,
        }
    };
    let outs: Vec<WorkerOut> = if nthreads == 1 {
        vec![worker(0)]
    } else {
        crate::parallel::pool(nthreads as usize).broadcast(|b| worker(b.index()))
    };
    if let Some((_, e)) = outs
        .iter()
        .filter_map(|o| o.err.as_ref())
        .min_by_key(|(k, _)| *k)
    {
        return Err(e.clone());
    }
    for o in &outs {
        for red in &pl.reductions {
            let r = red.reg.0 as usize;
            fr.regs[r] = combine(red.op, red.ty, fr.regs[r], o.frame.regs[r]);
        }
    }
    // Cython's rule: the index ends at its last value.
    fr.regs[pl.index.0 as usize] = at(n - 1);
    if let Some(last) = outs.iter().find(|o| o.ran_last) {
        for r in &pl.lastprivate {
            fr.regs[r.0 as usize] = last.frame.regs[r.0 as usize];
        }
        for s in &pl.lastprivate_arrays {
            fr.arrs[s.0 as usize] = last.frame.arrs[s.0 as usize].clone();
        }
    }
    Ok(())
}

/// Run a `with nogil, parallel():` region: its block once per worker, each
/// with private copies of every variable. Afterwards the caller sees worker
/// 0's values (Cython leaves them undefined; the lecture's snippet reads
/// `num_threads` back, which every worker sets alike).
pub fn run_region(func: &Func, pr: &ParRegion, fr: &mut Frame, ctx: &TeamCtx) -> KResult<()> {
    if ctx.in_loop || ctx.in_region {
        return exec::run(func, pr.body, fr, ctx).map(|_| ());
    }
    let nthreads = match pr.num_threads {
        Some(r) => (fr.regs[r.0 as usize] as i64).max(1) as usize,
        None => crate::parallel::default_threads(),
    };
    let base: &Frame = fr;
    let worker = |t: usize| -> (Frame, KResult<()>) {
        let began = crate::trace::workers_traced().then(std::time::Instant::now);
        let mut w = base.clone();
        let wctx = TeamCtx {
            tid: t,
            nthreads,
            in_loop: false,
            in_region: true,
        };
        let r = exec::run(func, pr.body, &mut w, &wctx).map(|_| ());
        if let Some(began) = began {
            crate::trace::worker_span(t, "parallel", began, std::time::Instant::now());
        }
        (w, r)
    };
    let outs: Vec<(Frame, KResult<()>)> = if nthreads == 1 {
        vec![worker(0)]
    } else {
        crate::parallel::pool(nthreads).broadcast(|b| worker(b.index()))
    };
    let mut first = None;
    for (t, (w, r)) in outs.into_iter().enumerate() {
        r?;
        if t == 0 {
            first = Some(w);
        }
    }
    if let Some(w) = first {
        *fr = w;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every schedule hands out each iteration exactly once.
    #[test]
    fn schedules_cover_the_range() {
        for sched in [Schedule::Static, Schedule::Dynamic, Schedule::Guided] {
            for chunk in [None, Some(1), Some(3), Some(7)] {
                for nt in 1..=4u64 {
                    for n in [0u64, 1, 5, 17, 100] {
                        let next = AtomicU64::new(0);
                        let mut seen = vec![0u32; n as usize];
                        for t in 0..nt {
                            for_each_chunk(
                                Plan {
                                    schedule: sched,
                                    chunk,
                                },
                                n,
                                nt,
                                t,
                                &next,
                                |lo, hi| {
                                    for k in lo..hi {
                                        seen[k as usize] += 1;
                                    }
                                    true
                                },
                            );
                        }
                        assert!(seen.iter().all(|&c| c == 1), "{sched:?} {chunk:?} {nt} {n}");
                    }
                }
            }
        }
    }
}
