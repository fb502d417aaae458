//! A `Trace` as Chrome trace-event JSON (the format Perfetto and
//! chrome://tracing open): one track per thread, complete events (`"X"`)
//! for spans, thread-scoped instant events (`"i"`) for drop requests and
//! forced drops, thread names as metadata. Times in microseconds from the
//! start of the recording.

use std::fmt::Write;

use super::{Kind, Trace};

/// Kernel worker lanes get track ids after the interpreter threads'.
const WORKER_TID_BASE: usize = 1000;

fn category(kind: Kind) -> &'static str {
    match kind {
        Kind::Held | Kind::Running | Kind::Wait | Kind::DropRequest | Kind::ForcedDrop => "gil",
        Kind::Released(_) => "released",
        Kind::Kernel(_) => "kernel",
    }
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn micros(ns: u64) -> String {
    format!("{:.3}", ns as f64 / 1e3)
}

pub fn to_json(trace: &Trace) -> String {
    let mut events: Vec<String> = Vec::new();
    events.push(format!(
        "{{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{{\"name\":{}}}}}",
        quote(&format!("mini --gil={}", trace.mode))
    ));
    let mut workers = 0;
    for (i, lane) in trace.lanes.iter().enumerate() {
        let tid = if lane.ident.is_some() {
            i + 1
        } else {
            workers += 1;
            WORKER_TID_BASE + workers
        };
        events.push(format!(
            "{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"args\":{{\"name\":{}}}}}",
            quote(&lane.name)
        ));
        events.push(format!(
            "{{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"args\":{{\"sort_index\":{tid}}}}}"
        ));
        for e in &lane.events {
            let start = e.start_ns.max(trace.start_ns);
            let end = e.end_ns.min(trace.end_ns).max(start);
            let ts = micros(start - trace.start_ns);
            if e.kind.is_instant() {
                events.push(format!(
                    "{{\"name\":{},\"cat\":\"{}\",\"ph\":\"i\",\"s\":\"t\",\"ts\":{ts},\"pid\":1,\"tid\":{tid}}}",
                    quote(e.kind.label()),
                    category(e.kind)
                ));
            } else {
                events.push(format!(
                    "{{\"name\":{},\"cat\":\"{}\",\"ph\":\"X\",\"ts\":{ts},\"dur\":{},\"pid\":1,\"tid\":{tid}}}",
                    quote(e.kind.label()),
                    category(e.kind),
                    micros(end - start)
                ));
            }
        }
    }
    let mut out = String::from("{\"displayTimeUnit\":\"ms\",\"otherData\":{");
    let _ = writeln!(
        out,
        "\"gil_mode\":{},\"switch_interval_us\":{},\"switches\":{},\"held_fraction\":{:.4}}},\"traceEvents\":[",
        quote(trace.mode),
        trace.interval_us,
        trace.switches,
        trace.held_fraction()
    );
    out.push_str(&events.join(",\n"));
    out.push_str("\n]}\n");
    out
}
