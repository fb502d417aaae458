//! The `gil` module, mini's window on its GIL: `stats()`, `reset_stats()`,
//! `mode()`, `held()`, `trace_start()`/`trace_stop(path)`; and the
//! `--stats` table printed at exit.

use std::fmt::Write;
use std::time::Duration;

use super::new_module;
use crate::gil::GilStats;
use crate::vm::prelude::*;

fn secs(d: Duration) -> Value {
    Value::float(d.as_secs_f64())
}

/// The statistics as SPEC §4's dict.
pub fn stats_dict(s: &GilStats) -> Value {
    let d = DictObj::new();
    d.set_str("mode", Value::str(s.mode.as_str()));
    d.set_str("interval_s", Value::float(s.interval_us as f64 * 1e-6));
    d.set_str("switches", Value::Int(s.switches as i64));
    d.set_str("drop_requests", Value::Int(s.drop_requests as i64));
    d.set_str("held_fraction", Value::float(s.held_fraction));
    d.set_str("held_s", secs(s.held));
    d.set_str("wall_s", secs(s.wall));
    let threads = s
        .threads
        .iter()
        .map(|t| {
            let d = DictObj::new();
            d.set_str("name", Value::str(t.name.clone()));
            d.set_str("ident", Value::Int(t.ident as i64));
            d.set_str("finished", Value::bool(t.finished));
            d.set_str("bytecodes", Value::Int(t.bytecodes as i64));
            d.set_str("acquisitions", Value::Int(t.acquisitions as i64));
            d.set_str("held_s", secs(t.held));
            d.set_str("forced_held_s", secs(t.forced_held));
            d.set_str("waited_s", secs(t.waited));
            d.set_str("max_wait_s", secs(t.max_wait));
            d.set_str("forced_drops", Value::Int(t.forced_drops as i64));
            d.set_str(
                "voluntary_releases",
                Value::Int(t.voluntary_releases as i64),
            );
            d.set_str("failed_wakeups", Value::Int(t.failed_wakeups as i64));
            Value::Dict(std::sync::Arc::new(d))
        })
        .collect();
    d.set_str("threads", Value::list(threads));
    Value::Dict(std::sync::Arc::new(d))
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

/// The `--stats` / REPL `:gil` table.
pub fn format_table(s: &GilStats) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "GIL statistics (mode {}, switch interval {} ms)",
        s.mode,
        s.interval_us as f64 / 1e3
    );
    let _ = writeln!(
        out,
        "{:<24} {:>12} {:>8} {:>10} {:>10} {:>9} {:>7} {:>7} {:>7}",
        "thread",
        "bytecodes",
        "acquire",
        "held ms",
        "waited ms",
        "max wait",
        "forced",
        "volunt",
        "failed"
    );
    for t in &s.threads {
        let mut name = t.name.clone();
        if name.chars().count() > 24 {
            name = name.chars().take(23).collect::<String>() + "…";
        }
        let _ = writeln!(
            out,
            "{:<24} {:>12} {:>8} {:>10} {:>10} {:>9} {:>7} {:>7} {:>7}",
            name,
            t.bytecodes,
            t.acquisitions,
            ms(t.held),
            ms(t.waited),
            ms(t.max_wait),
            t.forced_drops,
            t.voluntary_releases,
            t.failed_wakeups
        );
    }
    let _ = writeln!(
        out,
        "switches {}, drop requests {}, GIL held {:.1}% of {} ms wall time",
        s.switches,
        s.drop_requests,
        s.held_fraction * 100.0,
        ms(s.wall)
    );
    out
}

fn g_stats(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("gil.stats")?;
    vm.flush_ticks();
    Ok(stats_dict(&vm.interp.gil.stats_snapshot()))
}

fn g_reset_stats(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("gil.reset_stats")?;
    vm.flush_ticks();
    vm.interp.gil.reset_stats();
    Ok(Value::None)
}

fn g_mode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("gil.mode")?;
    Ok(Value::str(vm.interp.gil.mode().as_str()))
}

fn g_held(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("gil.held")?;
    Ok(Value::bool(vm.interp.gil.holds(&vm.thread)))
}

fn g_trace_start(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("gil.trace_start")?;
    vm.interp.gil.trace_start();
    Ok(Value::None)
}

/// `trace_stop(path=None)`: stop recording; write the trace to `path` —
/// Chrome trace JSON for `.json`, else an SVG timeline. Returns the number
/// of events recorded.
fn g_trace_stop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = PySig::function("trace_stop", &["path"], 1).bind(args)?;
    if !vm.interp.gil.trace.enabled() {
        return Err(runtime_error("gil.trace_stop() without gil.trace_start()"));
    }
    let trace = vm.interp.gil.trace_stop();
    if let Some(path) = a
        .into_iter()
        .next()
        .flatten()
        .filter(|p| !matches!(p, Value::None))
    {
        let Value::Str(path) = path else {
            return Err(type_error(format!(
                "trace_stop() argument must be str, not {}",
                path.type_name()
            )));
        };
        crate::trace::write_file(&trace, path.as_str()).map_err(|e| {
            new_exc(
                ExcKind::OSError,
                format!("cannot write {}: {e}", path.as_str()),
            )
        })?;
    }
    let events: usize = trace.lanes.iter().map(|l| l.events.len()).sum();
    Ok(Value::Int(events as i64))
}

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "stats",
        func: g_stats,
    },
    BuiltinFn {
        name: "reset_stats",
        func: g_reset_stats,
    },
    BuiltinFn {
        name: "mode",
        func: g_mode,
    },
    BuiltinFn {
        name: "held",
        func: g_held,
    },
    BuiltinFn {
        name: "trace_start",
        func: g_trace_start,
    },
    BuiltinFn {
        name: "trace_stop",
        func: g_trace_stop,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    Ok(new_module("gil", FUNCS).0)
}
