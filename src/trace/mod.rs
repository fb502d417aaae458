//! Recording who held the GIL, for `--trace FILE.json` (Chrome trace
//! events, for Perfetto / chrome://tracing) and `--timeline FILE.svg`.
//!
//! The GIL records its transitions — waiting, holding, released around
//! native work (with the reason: `sleep`, `join`, `matmul`, …), drop
//! requests and forced drops — as spans and instants in a buffer of the
//! thread concerned, and kernel teams record their workers' spans. Only
//! while tracing is on: off, each transition costs one relaxed load of the
//! `enabled` flag, and nothing is recorded per bytecode (transitions happen
//! at most every switch interval, or at blocking calls).
//!
//! Timestamps are nanoseconds since the `Gil`'s epoch (a monotonic clock).
//! `snapshot` gathers every thread's buffer into a `Trace`, which the
//! `chrome` and `svg` writers turn into files.

pub mod chrome;
pub mod svg;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::time::Instant;

use parking_lot::Mutex;

/// What a span or an instant stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Running bytecode holding the GIL.
    Held,
    /// Running bytecode with no GIL (`--gil=off`).
    Running,
    /// Waiting to take the GIL.
    Wait,
    /// Running native code (or blocked) with the GIL released; the reason.
    Released(&'static str),
    /// A kernel team worker running its share of a kernel.
    Kernel(&'static str),
    /// Instant: this thread asked the holder to drop the GIL.
    DropRequest,
    /// Instant: this thread dropped the GIL because another asked.
    ForcedDrop,
}

impl Kind {
    pub fn is_instant(self) -> bool {
        matches!(self, Kind::DropRequest | Kind::ForcedDrop)
    }

    /// The name shown in traces and legends.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Held => "GIL held",
            Kind::Running => "running (no GIL)",
            Kind::Wait => "waiting for the GIL",
            Kind::Released(r) | Kind::Kernel(r) => r,
            Kind::DropRequest => "drop request",
            Kind::ForcedDrop => "forced drop",
        }
    }
}

/// One span (`start_ns < end_ns`) or instant (`start_ns == end_ns`).
#[derive(Clone, Copy, Debug)]
pub struct Event {
    pub kind: Kind,
    pub start_ns: u64,
    pub end_ns: u64,
}

/// A thread's events, written by that thread only (the mutex is
/// uncontended except while a snapshot is taken).
#[derive(Default)]
pub struct Buffer {
    events: Mutex<Vec<Event>>,
}

impl Buffer {
    pub fn push(&self, kind: Kind, start_ns: u64, end_ns: u64) {
        self.events.lock().push(Event {
            kind,
            start_ns,
            end_ns: end_ns.max(start_ns),
        });
    }

    fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock())
    }

    fn clear(&self) {
        self.events.lock().clear();
    }
}

/// One lane of the picture: an interpreter thread or a kernel worker.
#[derive(Clone, Debug)]
pub struct Lane {
    pub name: String,
    /// Interpreter threads: their `threading.get_ident()`; workers: none.
    pub ident: Option<u64>,
    pub events: Vec<Event>,
}

/// A finished recording.
#[derive(Clone, Debug)]
pub struct Trace {
    pub mode: &'static str,
    pub interval_us: u64,
    pub start_ns: u64,
    pub end_ns: u64,
    pub lanes: Vec<Lane>,
    /// Times the GIL passed between threads while recording.
    pub switches: u64,
}

impl Trace {
    /// The share of the recording's wall time some thread held the GIL.
    pub fn held_fraction(&self) -> f64 {
        let wall = self.end_ns.saturating_sub(self.start_ns);
        if wall == 0 {
            return 0.0;
        }
        let held: u64 = self
            .lanes
            .iter()
            .flat_map(|l| &l.events)
            .filter(|e| e.kind == Kind::Held)
            .map(|e| e.end_ns - e.start_ns)
            .sum();
        held as f64 / wall as f64
    }
}

/// A kernel worker's span: (worker index, what, start, end).
type WorkerSpan = (usize, &'static str, Instant, Instant);

/// Kernel teams run on pool threads that know no interpreter, so their
/// spans go to one process-wide list (a process runs one interpreter), on
/// while some `Recorder` records.
static WORKERS_ON: AtomicBool = AtomicBool::new(false);
static WORKER_SPANS: Mutex<Vec<WorkerSpan>> = Mutex::new(Vec::new());

/// Whether kernel workers should time their spans.
#[inline]
pub fn workers_traced() -> bool {
    WORKERS_ON.load(Relaxed)
}

/// Record kernel worker `worker`'s span (only while tracing).
pub fn worker_span(worker: usize, name: &'static str, start: Instant, end: Instant) {
    if workers_traced() {
        WORKER_SPANS.lock().push((worker, name, start, end));
    }
}

/// The recorder one `Gil` owns.
#[derive(Default)]
pub struct Recorder {
    enabled: AtomicBool,
    /// Nanoseconds (since the epoch) when recording began.
    start_ns: Mutex<u64>,
}

impl Recorder {
    #[inline]
    pub fn enabled(&self) -> bool {
        self.enabled.load(Relaxed)
    }

    /// Start recording afresh at `now_ns`, forgetting earlier events.
    pub fn start<'a>(&self, now_ns: u64, buffers: impl Iterator<Item = &'a Buffer>) {
        for b in buffers {
            b.clear();
        }
        WORKER_SPANS.lock().clear();
        *self.start_ns.lock() = now_ns;
        self.enabled.store(true, Relaxed);
        WORKERS_ON.store(true, Relaxed);
    }

    pub fn stop(&self) {
        self.enabled.store(false, Relaxed);
        WORKERS_ON.store(false, Relaxed);
    }

    /// Gather the recording: one lane per thread (name, ident, buffer), in
    /// the order given, then one per kernel worker that ran. `epoch` is
    /// the instant the timestamps count from.
    pub fn snapshot(
        &self,
        threads: Vec<(String, u64, Arc<dyn AsBuffer>)>,
        epoch: Instant,
        now_ns: u64,
        mode: &'static str,
        interval_us: u64,
        switches: u64,
    ) -> Trace {
        let start_ns = *self.start_ns.lock();
        let mut lanes: Vec<Lane> = threads
            .into_iter()
            .map(|(name, ident, b)| Lane {
                name,
                ident: Some(ident),
                events: b.buffer().take(),
            })
            .collect();
        let ns = |t: Instant| {
            u64::try_from(t.saturating_duration_since(epoch).as_nanos()).unwrap_or(u64::MAX)
        };
        let mut workers: Vec<(usize, Event)> = std::mem::take(&mut *WORKER_SPANS.lock())
            .into_iter()
            .map(|(w, name, s, e)| {
                let start_ns = ns(s);
                let event = Event {
                    kind: Kind::Kernel(name),
                    start_ns,
                    end_ns: ns(e).max(start_ns),
                };
                (w, event)
            })
            .collect();
        workers.sort_by_key(|(w, e)| (*w, e.start_ns));
        for (w, e) in workers {
            let name = format!("kernel worker {w}");
            match lanes
                .iter_mut()
                .find(|l| l.ident.is_none() && l.name == name)
            {
                Some(l) => l.events.push(e),
                None => lanes.push(Lane {
                    name,
                    ident: None,
                    events: vec![e],
                }),
            }
        }
        for l in &mut lanes {
            l.events.sort_by_key(|e| (e.start_ns, e.end_ns));
        }
        Trace {
            mode,
            interval_us,
            start_ns,
            end_ns: now_ns.max(start_ns),
            lanes,
            switches,
        }
    }
}

/// Whatever owns a thread's buffer (the GIL's per-thread state).
pub trait AsBuffer: Send + Sync {
    fn buffer(&self) -> &Buffer;
}

/// Write `trace` to `path`: Chrome trace JSON for `.json`, else an SVG
/// timeline (the extension says which).
pub fn write_file(trace: &Trace, path: &str) -> std::io::Result<()> {
    let text = if path.to_ascii_lowercase().ends_with(".json") {
        chrome::to_json(trace)
    } else {
        svg::to_svg(trace)
    };
    std::fs::write(path, text)
}
