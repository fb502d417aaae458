//! A `Trace` as a self-contained SVG timeline: one lane per thread (and per
//! kernel worker), coloured by state — holding the GIL (or running without
//! one under `--gil=off`), waiting for it, released for native work or a
//! blocking call, kernel work — with a time axis in ms, a legend, the
//! switch interval drawn to scale and a summary line.
//!
//! However long the recording, each lane is drawn as at most one rectangle
//! per pixel column: every column takes the state that covers most of it
//! (if any covers a quarter of it), and runs of equal columns merge into
//! one rectangle. A 60 s run of 16 threads stays well under a few MB.

use std::fmt::Write;

use super::{Kind, Trace};

const WIDTH: f64 = 1200.0;
const LEFT: f64 = 190.0;
const RIGHT: f64 = 30.0;
const PLOT: f64 = WIDTH - LEFT - RIGHT;
const TOP: f64 = 104.0;
const LANE_H: f64 = 26.0;
const LANE_GAP: f64 = 8.0;
const COLUMNS: usize = PLOT as usize;

/// The drawn states, in legend order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Held,
    Running,
    Wait,
    Released,
    Kernel,
}

const STATES: [State; 5] = [
    State::Held,
    State::Running,
    State::Wait,
    State::Released,
    State::Kernel,
];

impl State {
    fn of(kind: Kind) -> Option<State> {
        Some(match kind {
            Kind::Held => State::Held,
            Kind::Running => State::Running,
            Kind::Wait => State::Wait,
            Kind::Released(_) => State::Released,
            Kind::Kernel(_) => State::Kernel,
            Kind::DropRequest | Kind::ForcedDrop => return None,
        })
    }
    fn colour(self) -> &'static str {
        match self {
            State::Held => "#2e9d4f",
            State::Running => "#1f78b4",
            State::Wait => "#f08c28",
            State::Released => "#a6cee3",
            State::Kernel => "#8e5bb5",
        }
    }
    fn label(self) -> &'static str {
        match self {
            State::Held => "running bytecode, holding the GIL",
            State::Running => "running bytecode, no GIL (--gil=off)",
            State::Wait => "waiting for the GIL",
            State::Released => "GIL released: native code or blocked",
            State::Kernel => "kernel worker",
        }
    }
    fn index(self) -> usize {
        STATES.iter().position(|s| *s == self).unwrap_or(0)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" tick step (1, 2 or 5 × 10^k ms) giving about `target` ticks.
fn tick_step_ms(span_ms: f64, target: f64) -> f64 {
    let raw = (span_ms / target).max(1e-6);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

fn format_ms(ms: f64, step: f64) -> String {
    if step >= 1.0 {
        format!("{ms:.0}")
    } else {
        let digits = (-step.log10()).ceil() as usize;
        format!("{ms:.digits$}")
    }
}

/// One lane's columns: coverage (ns) per state, and the reason of the
/// released work that covers each column most.
struct Columns {
    cover: Vec<[f64; 5]>,
    reason: Vec<Option<(&'static str, f64)>>,
    instants: Vec<bool>,
}

fn columns(events: &[super::Event], t0: u64, ns_per_px: f64) -> Columns {
    let mut c = Columns {
        cover: vec![[0.0; 5]; COLUMNS],
        reason: vec![None; COLUMNS],
        instants: vec![false; COLUMNS],
    };
    let span_ns = ns_per_px * COLUMNS as f64;
    for e in events {
        let x0 = (e.start_ns.saturating_sub(t0)) as f64;
        let x1 = ((e.end_ns.saturating_sub(t0)) as f64).min(span_ns);
        if x0 > span_ns {
            continue;
        }
        let Some(state) = State::of(e.kind) else {
            let col = ((x0 / ns_per_px) as usize).min(COLUMNS - 1);
            c.instants[col] = true;
            continue;
        };
        let first = (x0 / ns_per_px) as usize;
        let last = ((x1 / ns_per_px).ceil() as usize).min(COLUMNS);
        for col in first..last.max(first + 1).min(COLUMNS) {
            let lo = (col as f64 * ns_per_px).max(x0);
            let hi = ((col + 1) as f64 * ns_per_px).min(x1);
            let overlap = (hi - lo).max(0.0);
            c.cover[col][state.index()] += overlap;
            if let Kind::Released(r) = e.kind
                && c.reason[col].is_none_or(|(_, best)| best < overlap)
            {
                c.reason[col] = Some((r, overlap));
            }
        }
    }
    c
}

pub fn to_svg(trace: &Trace) -> String {
    let t0 = trace.start_ns;
    let wall_ns = trace.end_ns.saturating_sub(t0).max(1);
    let wall_ms = wall_ns as f64 / 1e6;
    let ns_per_px = wall_ns as f64 / PLOT;
    let lanes = trace.lanes.len();
    let plot_h = lanes as f64 * (LANE_H + LANE_GAP);
    let height = TOP + plot_h + 70.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        out,
        r#"<text x="10" y="22" font-size="16" font-weight="bold">mini --gil={}: who ran, who waited</text>"#,
        escape(trace.mode)
    );
    let _ = writeln!(
        out,
        r#"<text x="10" y="42">{} switches, GIL held {:.1}% of {:.1} ms wall time, switch interval {} ms, {} lanes</text>"#,
        trace.switches,
        100.0 * trace.held_fraction(),
        wall_ms,
        trace.interval_us as f64 / 1e3,
        lanes
    );
    // Legend, in two rows.
    for (i, s) in STATES.iter().enumerate() {
        let (x, y) = (10.0 + (i % 3) as f64 * 330.0, 54.0 + (i / 3) as f64 * 18.0);
        let _ = writeln!(
            out,
            r#"<rect x="{x}" y="{y}" width="14" height="14" fill="{}"/><text x="{}" y="{}">{}</text>"#,
            s.colour(),
            x + 18.0,
            y + 12.0,
            escape(s.label())
        );
    }
    let _ = writeln!(
        out,
        r##"<path d="M670 74 l4 8 l4 -8 z" fill="#d62728"/><text x="688" y="84">drop request or forced drop</text>"##
    );
    // Lanes.
    for (i, lane) in trace.lanes.iter().enumerate() {
        let y = TOP + i as f64 * (LANE_H + LANE_GAP);
        let _ = writeln!(
            out,
            r#"<g class="lane"><text x="{}" y="{}" text-anchor="end">{}</text>"#,
            LEFT - 8.0,
            y + LANE_H * 0.65,
            escape(&lane.name)
        );
        let _ = writeln!(
            out,
            r##"<rect x="{LEFT}" y="{y}" width="{PLOT}" height="{LANE_H}" fill="#f4f4f4"/>"##
        );
        let cols = columns(&lane.events, t0, ns_per_px);
        let pick = |col: usize| -> Option<State> {
            let cover = &cols.cover[col];
            let (best, amount) = cover
                .iter()
                .enumerate()
                .fold((0, 0.0), |b, (k, v)| if *v > b.1 { (k, *v) } else { b });
            (amount >= 0.25 * ns_per_px).then_some(STATES[best])
        };
        let mut col = 0;
        while col < COLUMNS {
            let Some(state) = pick(col) else {
                col += 1;
                continue;
            };
            let start = col;
            while col < COLUMNS && pick(col) == Some(state) {
                col += 1;
            }
            let ms0 = start as f64 * ns_per_px / 1e6;
            let ms1 = col as f64 * ns_per_px / 1e6;
            let what = match (state, cols.reason[start]) {
                (State::Released, Some((r, _))) => format!("GIL released: {r}"),
                _ => state.label().to_string(),
            };
            let _ = writeln!(
                out,
                r#"<rect x="{:.0}" y="{y}" width="{}" height="{LANE_H}" fill="{}"><title>{} ({:.3}–{:.3} ms)</title></rect>"#,
                LEFT + start as f64,
                col - start,
                state.colour(),
                escape(&what),
                ms0,
                ms1
            );
        }
        for (c, _) in cols.instants.iter().enumerate().filter(|(_, i)| **i) {
            let _ = writeln!(
                out,
                r##"<path d="M{} {} l-3 -6 l6 0 z" fill="#d62728"/>"##,
                LEFT + c as f64 + 0.5,
                y
            );
        }
        out.push_str("</g>\n");
    }
    // Time axis.
    let axis_y = TOP + plot_h + 4.0;
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#333"/>"##,
        LEFT + PLOT
    );
    let step = tick_step_ms(wall_ms, 10.0);
    let mut t = 0.0;
    while t <= wall_ms + 1e-9 {
        let px = LEFT + t / wall_ms * PLOT;
        let _ = writeln!(
            out,
            r##"<line x1="{px:.1}" y1="{axis_y}" x2="{px:.1}" y2="{}" stroke="#333"/><text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"##,
            axis_y + 5.0,
            axis_y + 18.0,
            format_ms(t, step)
        );
        t += step;
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="end">time (ms)</text>"#,
        LEFT + PLOT,
        axis_y + 34.0
    );
    // The switch interval, to scale.
    let interval_px = (trace.interval_us as f64 * 1e3 / ns_per_px).min(PLOT);
    let _ = writeln!(
        out,
        r##"<rect x="{LEFT}" y="{}" width="{:.1}" height="6" fill="#555"/><text x="{}" y="{}">switch interval ({} ms) to scale</text>"##,
        axis_y + 28.0,
        interval_px.max(1.0),
        LEFT + interval_px.max(1.0) + 6.0,
        axis_y + 34.0,
        trace.interval_us as f64 / 1e3
    );
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_are_nice() {
        assert_eq!(tick_step_ms(100.0, 10.0), 10.0);
        assert_eq!(tick_step_ms(60_000.0, 10.0), 10_000.0);
        assert_eq!(tick_step_ms(13.0, 10.0), 2.0);
        assert_eq!(format_ms(0.5, 0.1), "0.5");
        assert_eq!(format_ms(20.0, 10.0), "20");
    }
}
