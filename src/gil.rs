//! The global interpreter lock: the one lock a thread must hold to run
//! bytecode, in the three modes of `--gil=on|legacy|off`, with its statistics.
//!
//! # Notes about the implementation
//!
//! `on` is CPython's algorithm since 3.2 (Antoine Pitrou's "new GIL",
//! `Python/ceval_gil.c`); `legacy` is Python 2's; `off` is no lock at all.
//!
//! - **The lock.** The GIL is a boolean, `locked`, guarded by a mutex M and
//!   signalled through a condition variable C. M is held only for a few
//!   instructions at a time, so it is nearly always uncontended; what threads
//!   wait for is `locked`, not M. Beside `locked`, M guards `switch_number`
//!   (how many times the holder changed), the holder's eval breaker, the
//!   switch interval and the number of waiting threads. `last_holder` (the
//!   thread that holds or last held the GIL) is written only with M *and* the
//!   forced-switch mutex SM held (see below).
//!
//! - **Who asks for a drop.** Only a thread that wants the GIL. In `take` it
//!   waits on C for at most one switch interval. If the wait timed out, the
//!   GIL is still locked and `switch_number` did not move meanwhile (so the
//!   same thread has held it for the whole interval), it requests a drop
//!   in the holder's eval breaker (`EvalBreaker::request_drop`, see
//!   `gil/breaker.rs`) and waits again. There is no timer thread,
//!   and a holder never gives up the GIL on its own initiative: with one
//!   thread there is no waiter and the eval breaker stays clear.
//!
//! - **Check points.** The holder tests its eval breaker (one Relaxed load,
//!   `EvalBreaker::any_pending`) only at check points: backward jumps and
//!   calls. Taking a drop request (`take_pending`), it calls
//!   `drop_gil(t, true)` then `take(t)`. That is the only place bytecode
//!   gives up the GIL; natives release it only inside `allow_threads`, which
//!   runs code that touches no interpreter object.
//!
//! - **The interval** (default 5000 µs, `set_interval`) is a target, not a
//!   guarantee: an instruction that runs long (a huge multiplication, a native
//!   that does not release the GIL) delays the next check point. It is stored
//!   as given, so `sys.getswitchinterval` reads back what was set, and waits
//!   use at least 1 µs, as CPython does.
//!
//! - **Forced switching.** After a drop that was requested, the dropping
//!   thread waits on the condition variable SC (with mutex SM) until
//!   `last_holder` is some other thread. Without this hand-off, on a multicore
//!   machine the dropping thread, still running with warm caches, would lock
//!   M and retake the GIL before the woken waiter is even scheduled, and one
//!   "interval" would stretch to many. `take` changes `last_holder` and
//!   signals SC only with SM held, so testing `last_holder` under SM and
//!   then waiting cannot miss the signal. The dropping thread clears its own
//!   drop request before it waits. It waits only if some thread was waiting
//!   when it released the GIL: a request always comes from a waiter, so this
//!   never changes the algorithm, it only makes a stray `forced` harmless.
//!
//! - **Fairness.** None beyond the hand-off. Releasing wakes one waiter
//!   (whichever the OS picks); with several waiters each times out on its own
//!   and may renew the request, and the one that takes the GIL need not be the
//!   one that asked. The promise is only that a requested drop changes the
//!   holder. A voluntary release (`allow_threads`: sleep, blocking waits,
//!   heavy natives) has no hand-off, since the releaser is off doing other
//!   work anyway.
//!
//! - **Legacy: the battle.** Python 2's GIL was a plain lock (a mutex, a
//!   condition variable and a flag). Every 100 "ticks" (`sys.setcheckinterval`)
//!   the holder released it and at once re-acquired it: no request, no
//!   hand-off, no time at all. Releasing signals one waiter, but on a
//!   multicore machine the releaser is running and locks again first while
//!   the waiter is still being woken; the waiter finds the lock taken and goes
//!   back to sleep. That lost race is a *failed wake-up*, counted by the
//!   releaser. The result is David Beazley's "GIL battle" (Inside the Python
//!   GIL, 2009): two CPU-bound threads run slower than the same work done in
//!   sequence, and an I/O thread waits many ticks to run. It is built on
//!   `std::sync::{Mutex, Condvar}` (futex based, no hand-off) on purpose:
//!   `parking_lot`'s mutex is eventually fair, handing itself to a parked
//!   thread every ~0.5 ms, which would give the waiter the lock and smooth
//!   the battle away. Like Python 2's `_Py_Ticker`, the tick counter is one
//!   global counter, touched only by the holder.
//!
//! - **Off** (free-threaded, as CPython 3.13t): `take` and `drop_gil` do
//!   nothing and bytecode threads run in parallel; every shared object stays
//!   consistent through its own lock. Only bytecodes are counted.
//!
//! - **Statistics.** Each thread's counters live in its `ThreadGilState` and
//!   are written only by that thread: acquisitions, time held (and the part
//!   of it ended by forced drops), time waited (total and longest), forced
//!   drops, voluntary releases, failed wake-ups, bytecodes (bumped by the
//!   VM). `switches` (the holder changed from one thread to another) and
//!   `drop_requests` are counted under M. `reset_stats` never writes a
//!   thread's counters: it records them as a baseline that later readings
//!   subtract, and forgets finished threads. The longest wait cannot be
//!   subtracted, so it is tagged with a reset generation (see `MaxWait`).
//!
//! # Use
//!
//! A thread gets its `ThreadGilState` from `register_thread`, calls `take`
//! before its first bytecode and `exit_thread` after its last. At a check
//! point, a pending drop request means `drop_gil(t, true)` then `take(t)`. In
//! legacy mode the VM counts instructions itself and calls `legacy_switch`
//! every `LEGACY_CHECK_INTERVAL` of them, at any instruction boundary, as
//! Python 2's eval loop did. Blocking calls and heavy natives run inside
//! `allow_threads`.
//!
//! # Atomic orderings
//!
//! - *Eval breaker*: Relaxed throughout (justified in `gil/breaker.rs`). A
//!   drop request is a hint and publishes no data: everything the waiter and
//!   the holder exchange goes through M (the waiter requests with M held;
//!   the holder locks M to drop). Requests are read-modify-writes so that an
//!   interrupt set at the same moment by the Ctrl-C handler is never lost.
//! - *`last_holder`*: Relaxed. In mode `on` it is written only with M and
//!   SM held and read only with M or SM held (in `legacy`, written and read
//!   with the legacy mutex held), so the mutexes give every happens-before
//!   needed; it is an atomic only because it is shared between two mutexes.
//! - *Legacy ticker*: Relaxed. Only the GIL holder touches it, and one
//!   holder's accesses happen-before the next holder's through the lock.
//! - *Statistics counters*: a Relaxed load and store by the owner (one
//!   writer cannot lose its own updates, so no locked read-modify-write is
//!   paid on the owner's path). The owner writes them only while it holds
//!   the GIL, so a reader holding the GIL, or reading after the threads were
//!   joined, sees exact values: every earlier holder's writes happen-before
//!   through the lock. Any other reader (and every reader in mode `off`)
//!   may be one hold behind or count a finishing hold twice; it tolerates
//!   that, and saturating arithmetic keeps the figures sane.
//! - *`finished`*: Relaxed; written and read with the registry mutex held.
//! - *Reset generation*: Relaxed. A stale generation only attributes a wait
//!   that straddles a reset to the period before it.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::trace::{AsBuffer, Buffer, Kind, Recorder, Trace};

mod breaker;
pub use breaker::{EvalBreaker, Pending};

/// Default switch interval, as CPython's (5 ms).
pub const DEFAULT_INTERVAL_US: u64 = 5000;

/// Python 2's default `sys.setcheckinterval`: ticks between releases.
pub const LEGACY_CHECK_INTERVAL: u32 = 100;

/// Which GIL the interpreter runs under (`--gil`, `MINI_GIL`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GilMode {
    /// CPython 3.2+: timed wait, drop request, forced switching.
    #[default]
    On,
    /// Python 2: release and re-acquire a plain lock every 100 ticks.
    Legacy,
    /// No GIL: bytecode threads run in parallel.
    Off,
}

impl GilMode {
    pub fn as_str(self) -> &'static str {
        match self {
            GilMode::On => "on",
            GilMode::Legacy => "legacy",
            GilMode::Off => "off",
        }
    }
}

impl FromStr for GilMode {
    type Err = String;

    fn from_str(s: &str) -> Result<GilMode, String> {
        match s {
            "on" => Ok(GilMode::On),
            "legacy" => Ok(GilMode::Legacy),
            "off" => Ok(GilMode::Off),
            _ => Err(format!(
                "invalid GIL mode '{s}' (expected 'on', 'legacy' or 'off')"
            )),
        }
    }
}

impl fmt::Display for GilMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Add to a counter that only its owning thread writes. A load and a store
/// cannot lose an update when there is one writer; Relaxed because readers
/// tolerate staleness (see the module notes).
#[inline]
fn bump(c: &AtomicU64, n: u64) {
    c.store(c.load(Relaxed).wrapping_add(n), Relaxed);
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// One list of the per-thread counters gives the atomic struct, its plain
/// copy and the arithmetic on both.
macro_rules! counters {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {
        /// Per-thread counters, written only by the owning thread.
        #[derive(Default)]
        struct Counters {
            $($(#[$doc])* $field: AtomicU64,)*
        }

        /// A plain copy of `Counters`: a reading, or a baseline from a reset.
        #[derive(Clone, Copy, Debug, Default)]
        struct Totals {
            $($field: u64,)*
        }

        impl Counters {
            fn read(&self) -> Totals {
                Totals { $($field: self.$field.load(Relaxed),)* }
            }
        }

        impl Totals {
            fn since(self, base: Totals) -> Totals {
                Totals { $($field: self.$field.saturating_sub(base.$field),)* }
            }
        }
    };
}

counters! {
    /// Bytecode instructions run (bumped by the VM).
    bytecodes,
    /// Times the GIL was taken.
    acquisitions,
    /// Nanoseconds the GIL was held, completed holds only.
    held_ns,
    /// The part of `held_ns` from holds that ended in a forced drop.
    forced_held_ns,
    /// Nanoseconds from wanting the GIL to having it: in `take`, and for
    /// a forced drop from the release on (the hand-off included).
    waited_ns,
    /// Drops made because another thread requested one.
    forced_drops,
    /// Releases around blocking calls and natives (`allow_threads`).
    voluntary_releases,
    /// Legacy: released with a waiter present and re-acquired first anyway.
    failed_wakeups,
}

/// The longest wait, tagged with the reset generation it belongs to: the
/// top 16 bits hold the generation, the low 48 bits nanoseconds (78 hours).
struct MaxWait(AtomicU64);

impl MaxWait {
    const NS_BITS: u32 = 48;
    const NS_MASK: u64 = (1 << Self::NS_BITS) - 1;

    fn record(&self, generation: u64, ns: u64) {
        let old = self.0.load(Relaxed);
        let tag = generation & 0xffff;
        let ns = ns.min(Self::NS_MASK);
        if old >> Self::NS_BITS != tag || old & Self::NS_MASK < ns {
            self.0.store(tag << Self::NS_BITS | ns, Relaxed);
        }
    }

    fn read(&self, generation: u64) -> u64 {
        let v = self.0.load(Relaxed);
        if v >> Self::NS_BITS == generation & 0xffff {
            v & Self::NS_MASK
        } else {
            0
        }
    }
}

/// One thread's side of the GIL: its identity, its eval breaker and its
/// counters. Shared (in an `Arc`) with the `Gil`'s registry so that
/// `stats_snapshot` can read it, also after the thread finished.
pub struct ThreadGilState {
    /// `threading.get_ident()` of the thread.
    pub ident: u64,
    pub name: Mutex<String>,
    /// Where other threads ask this one to drop the GIL (and Ctrl-C to
    /// stop, on the main thread).
    pub eval_breaker: Arc<EvalBreaker>,
    /// Unique and non-zero among the `Gil`'s threads (0 = nobody).
    id: u64,
    counters: Counters,
    /// Nanoseconds since the `Gil`'s epoch, plus one, when the current hold
    /// began; 0 while not holding. Owner-written like the counters.
    acquired_at: AtomicU64,
    /// After a forced drop: epoch ns + 1 of the moment it began to let the
    /// GIL go (0: none). The next `take` counts its wait from there, so the
    /// release itself, the hand-off and any time the OS kept the thread off
    /// a core before it called `take` are waiting too (owner only; kept
    /// apart so that counters change only while the GIL is held).
    wanted_since: AtomicU64,
    max_wait: MaxWait,
    finished: AtomicBool,
    /// Events recorded while tracing (see `crate::trace`).
    trace: Buffer,
    /// `--gil=off` while tracing: epoch ns + 1 when the thread last started
    /// running bytecode (0: not running, or since before the recording).
    run_start: AtomicU64,
    /// While tracing: epoch ns + 1 when the current hold began as the trace
    /// sees it — a legacy release that the same thread wins back at once
    /// does not end it (0: use `acquired_at`).
    trace_held_from: AtomicU64,
}

impl AsBuffer for ThreadGilState {
    fn buffer(&self) -> &Buffer {
        &self.trace
    }
}

impl ThreadGilState {
    /// Count `n` bytecode instructions run by this thread (owner only).
    #[inline]
    pub fn add_bytecodes(&self, n: u64) {
        bump(&self.counters.bytecodes, n);
    }

    pub fn bytecodes(&self) -> u64 {
        self.counters.bytecodes.load(Relaxed)
    }

    /// The counters now, the current hold included (`now` in epoch ns).
    fn totals(&self, now: u64) -> Totals {
        let mut t = self.counters.read();
        let at = self.acquired_at.load(Relaxed);
        if at != 0 {
            t.held_ns += now.saturating_sub(at - 1);
        }
        t
    }
}

/// The figures of one thread since the last `reset_stats` (SPEC §4).
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadStats {
    pub name: String,
    pub ident: u64,
    pub finished: bool,
    pub bytecodes: u64,
    pub acquisitions: u64,
    pub held: Duration,
    /// The part of `held` in holds that ended with a forced drop:
    /// `forced_held / forced_drops` is the mean forced hold time, which
    /// should be close to the switch interval.
    pub forced_held: Duration,
    pub waited: Duration,
    pub max_wait: Duration,
    pub forced_drops: u64,
    pub voluntary_releases: u64,
    pub failed_wakeups: u64,
}

/// The GIL's figures since the last `reset_stats` (SPEC §4).
#[derive(Clone, Debug, PartialEq)]
pub struct GilStats {
    pub mode: GilMode,
    pub interval_us: u64,
    /// Times the GIL passed from one thread to another.
    pub switches: u64,
    /// Times a waiter requested a drop from the holder (mode `on`).
    pub drop_requests: u64,
    /// Sum of all threads' held time.
    pub held: Duration,
    /// Wall time since the `Gil` was made or last reset.
    pub wall: Duration,
    /// `held / wall` (0 when no time passed).
    pub held_fraction: f64,
    pub threads: Vec<ThreadStats>,
}

/// The state behind M (mode `on`; the interval in every mode).
struct OnState {
    locked: bool,
    /// Changed each time a different thread takes the GIL.
    switch_number: u64,
    /// The eval breaker of `last_holder`, where waiters request a drop.
    holder_breaker: Option<Arc<EvalBreaker>>,
    /// Microseconds; waits use at least 1.
    interval_us: u64,
    /// Threads inside `take`'s wait loop.
    waiters: usize,
    /// Statistics: holder changes between two threads, requests made.
    switches: u64,
    drop_requests: u64,
}

/// Python 2's lock: a flag, a mutex and a condition variable.
struct LegacyState {
    locked: bool,
    waiters: usize,
    switches: u64,
}

struct Entry {
    t: Arc<ThreadGilState>,
    base: Totals,
}

/// Threads known to the statistics, and the baselines of the last reset.
struct Registry {
    threads: Vec<Entry>,
    wall_start: Instant,
    switches_base: u64,
    drop_requests_base: u64,
}

/// The global interpreter lock, shared by all threads (in an `Arc`).
pub struct Gil {
    mode: GilMode,
    /// M and C.
    state: Mutex<OnState>,
    cond: Condvar,
    /// SM and SC, for forced switching.
    switch_mutex: Mutex<()>,
    switch_cond: Condvar,
    /// The `id` of the thread that holds or last held the GIL (0: none yet).
    last_holder: AtomicU64,
    legacy: std::sync::Mutex<LegacyState>,
    legacy_cond: std::sync::Condvar,
    /// Ticks left before the next legacy release (holder only).
    ticker: AtomicU32,
    epoch: Instant,
    next_id: AtomicU64,
    registry: Mutex<Registry>,
    /// Incremented by each `reset_stats` (tags `MaxWait`).
    stats_generation: AtomicU64,
    /// The trace recorder, every thread ever registered that may still
    /// have events, when the recording began and the switch count then.
    pub trace: Recorder,
    traced: Mutex<Vec<Arc<ThreadGilState>>>,
    trace_start_ns: Mutex<u64>,
    trace_switches_base: Mutex<u64>,
}

impl Gil {
    /// A GIL nobody holds yet, with a switch interval in microseconds.
    pub fn new(mode: GilMode, interval_us: u64) -> Gil {
        let epoch = Instant::now();
        Gil {
            mode,
            state: Mutex::new(OnState {
                locked: false,
                switch_number: 0,
                holder_breaker: None,
                interval_us,
                waiters: 0,
                switches: 0,
                drop_requests: 0,
            }),
            cond: Condvar::new(),
            switch_mutex: Mutex::new(()),
            switch_cond: Condvar::new(),
            last_holder: AtomicU64::new(0),
            legacy: std::sync::Mutex::new(LegacyState {
                locked: false,
                waiters: 0,
                switches: 0,
            }),
            legacy_cond: std::sync::Condvar::new(),
            ticker: AtomicU32::new(LEGACY_CHECK_INTERVAL),
            epoch,
            next_id: AtomicU64::new(1),
            registry: Mutex::new(Registry {
                threads: Vec::new(),
                wall_start: epoch,
                switches_base: 0,
                drop_requests_base: 0,
            }),
            stats_generation: AtomicU64::new(0),
            trace: Recorder::default(),
            traced: Mutex::new(Vec::new()),
            trace_start_ns: Mutex::new(0),
            trace_switches_base: Mutex::new(0),
        }
    }

    pub fn mode(&self) -> GilMode {
        self.mode
    }

    /// `sys._is_gil_enabled()`.
    pub fn is_enabled(&self) -> bool {
        self.mode != GilMode::Off
    }

    /// The switch interval in microseconds, as set.
    pub fn interval_us(&self) -> u64 {
        self.state.lock().interval_us
    }

    /// Set the switch interval (microseconds; waits use at least 1).
    pub fn set_interval(&self, us: u64) {
        self.state.lock().interval_us = us;
    }

    /// Make the GIL side of a new thread and list it in the statistics.
    /// Any thread may call it; the new state belongs to the thread that will
    /// run with it.
    pub fn register_thread(
        &self,
        ident: u64,
        name: &str,
        eval_breaker: Arc<EvalBreaker>,
    ) -> Arc<ThreadGilState> {
        let t = Arc::new(ThreadGilState {
            ident,
            name: Mutex::new(name.to_string()),
            eval_breaker,
            // Relaxed: only uniqueness matters, which any RMW gives.
            id: self.next_id.fetch_add(1, Relaxed),
            counters: Counters::default(),
            acquired_at: AtomicU64::new(0),
            wanted_since: AtomicU64::new(0),
            max_wait: MaxWait(AtomicU64::new(0)),
            finished: AtomicBool::new(false),
            trace: Buffer::default(),
            run_start: AtomicU64::new(0),
            trace_held_from: AtomicU64::new(0),
        });
        self.registry.lock().threads.push(Entry {
            t: t.clone(),
            base: Totals::default(),
        });
        self.traced.lock().push(t.clone());
        t
    }

    /// The thread is done: release the GIL if it holds it (neither forced
    /// nor voluntary) and mark it finished. Its figures stay in the
    /// statistics until the next `reset_stats`.
    pub fn exit_thread(&self, t: &ThreadGilState) {
        if self.mode == GilMode::Off {
            self.trace_running_end(t);
        }
        if t.acquired_at.load(Relaxed) != 0 {
            self.end_hold(t, false);
            self.release(t);
        }
        let _registry = self.registry.lock();
        t.finished.store(true, Relaxed);
    }

    /// Whether `t` holds the GIL now (always false when off).
    pub fn holds(&self, t: &ThreadGilState) -> bool {
        match self.mode {
            GilMode::On => self.state.lock().locked && self.last_holder.load(Relaxed) == t.id,
            GilMode::Legacy => self.legacy_lock().locked && self.last_holder.load(Relaxed) == t.id,
            GilMode::Off => false,
        }
    }

    /// Take the GIL, waiting as long as needed. The thread must not hold it.
    pub fn take(&self, t: &ThreadGilState) {
        if self.mode == GilMode::Off {
            if self.trace.enabled() {
                t.run_start.store(self.now_ns() + 1, Relaxed);
            }
            return;
        }
        let start = Instant::now();
        match self.mode {
            GilMode::On => self.take_on(t),
            _ => {
                self.take_legacy(t);
            }
        }
        self.begin_hold(t, start);
    }

    /// Release the GIL. `forced`: the thread took a drop request at a check
    /// point; then (mode `on`) it returns only once another thread took the
    /// GIL. Otherwise it is a voluntary release.
    pub fn drop_gil(&self, t: &ThreadGilState, forced: bool) {
        if self.mode == GilMode::Off {
            self.trace_running_end(t);
            return;
        }
        if forced {
            // The thread wants the GIL back from this moment (see `take`).
            t.wanted_since.store(self.now_ns() + 1, Relaxed);
        }
        self.end_hold(t, forced);
        if forced {
            bump(&t.counters.forced_drops, 1);
        } else {
            bump(&t.counters.voluntary_releases, 1);
        }
        let someone_waits = self.release(t);
        if self.mode == GilMode::On && forced && someone_waits {
            let mut sm = self.switch_mutex.lock();
            if self.last_holder.load(Relaxed) == t.id {
                t.eval_breaker.clear_drop_request();
                while self.last_holder.load(Relaxed) == t.id {
                    self.switch_cond.wait(&mut sm);
                }
            }
            drop(sm);
        }
    }

    /// Release the GIL around `f` (which must touch no interpreter object)
    /// and take it again, also if `f` panics. No hand-off: a voluntary
    /// release.
    /// `reason` names the span in traces (`sleep`, `join`, `matmul`, …).
    pub fn allow_threads<R>(
        &self,
        t: &ThreadGilState,
        reason: &'static str,
        f: impl FnOnce() -> R,
    ) -> R {
        struct Retake<'a>(&'a Gil, &'a ThreadGilState, &'static str, u64);
        impl Drop for Retake<'_> {
            fn drop(&mut self) {
                let Retake(gil, t, reason, released_at) = *self;
                if gil.trace.enabled() {
                    t.trace
                        .push(Kind::Released(reason), released_at, gil.now_ns());
                }
                gil.take(t);
            }
        }
        self.drop_gil(t, false);
        let _retake = Retake(self, t, reason, self.now_ns());
        f()
    }

    /// Legacy mode: count one tick; on every `LEGACY_CHECK_INTERVAL`th,
    /// release the lock and re-acquire it at once, as Python 2's eval loop
    /// did. Returns whether it released. Other modes: does nothing.
    #[inline]
    pub fn legacy_tick(&self, t: &ThreadGilState) -> bool {
        self.legacy_ticks(t, 1)
    }

    /// `legacy_tick` for `n` ticks at once (e.g. the instructions run since
    /// the last check point); releases at most once.
    #[inline]
    pub fn legacy_ticks(&self, t: &ThreadGilState, n: u32) -> bool {
        if self.mode != GilMode::Legacy {
            return false;
        }
        let left = self.ticker.load(Relaxed);
        if left > n {
            self.ticker.store(left - n, Relaxed);
            return false;
        }
        self.ticker.store(LEGACY_CHECK_INTERVAL, Relaxed);
        self.legacy_switch(t);
        true
    }

    /// Legacy mode: release the lock and re-acquire it at once (the VM
    /// calls this every `LEGACY_CHECK_INTERVAL` instructions it counts
    /// itself; `legacy_ticks` is the same for callers counting in batches).
    #[cold]
    pub fn legacy_switch(&self, t: &ThreadGilState) {
        let switches_before = {
            let st = self.legacy_lock();
            if st.waiters == 0 {
                // Nobody to wake: releasing and re-acquiring would change
                // nothing another thread can see. Count the acquisition, but
                // spare the two clock readings (the hold just goes on).
                bump(&t.counters.acquisitions, 1);
                return;
            }
            st.switches
        };
        // The trace keeps the hold open unless another thread gets in.
        let tracing = self.trace.enabled();
        let (from, released_ns) = if tracing {
            let from = match t.trace_held_from.swap(0, Relaxed) {
                0 => t.acquired_at.load(Relaxed),
                f => f,
            };
            (from, self.now_ns())
        } else {
            (0, 0)
        };
        self.end_hold_quiet(t, false);
        let someone_waits = self.release(t);
        // "Other threads may run now" — but this one is already running.
        let start = Instant::now();
        self.take_legacy(t);
        // Did another thread hold the lock meanwhile (however briefly)?
        let lost = self.legacy_lock().switches != switches_before;
        if someone_waits && !lost {
            bump(&t.counters.failed_wakeups, 1);
        }
        if tracing {
            if lost {
                t.trace
                    .push(Kind::Held, from.saturating_sub(1), released_ns);
            } else {
                t.trace_held_from.store(from, Relaxed);
            }
        }
        self.begin_hold(t, start);
    }

    /// The figures since the last reset, every thread listed since then
    /// (finished ones included), in registration order.
    pub fn stats_snapshot(&self) -> GilStats {
        let registry = self.registry.lock();
        let now = Instant::now();
        let now_ns = nanos(now - self.epoch);
        let generation = self.stats_generation.load(Relaxed);
        let (switches, drop_requests) = self.global_counts();
        let mut held = Duration::ZERO;
        let threads: Vec<ThreadStats> = registry
            .threads
            .iter()
            .map(|e| {
                let c = e.t.totals(now_ns).since(e.base);
                held += Duration::from_nanos(c.held_ns);
                ThreadStats {
                    name: e.t.name.lock().clone(),
                    ident: e.t.ident,
                    finished: e.t.finished.load(Relaxed),
                    bytecodes: c.bytecodes,
                    acquisitions: c.acquisitions,
                    held: Duration::from_nanos(c.held_ns),
                    forced_held: Duration::from_nanos(c.forced_held_ns),
                    waited: Duration::from_nanos(c.waited_ns),
                    max_wait: Duration::from_nanos(e.t.max_wait.read(generation)),
                    forced_drops: c.forced_drops,
                    voluntary_releases: c.voluntary_releases,
                    failed_wakeups: c.failed_wakeups,
                }
            })
            .collect();
        let wall = now.saturating_duration_since(registry.wall_start);
        let held_fraction = if wall.is_zero() {
            0.0
        } else {
            held.as_secs_f64() / wall.as_secs_f64()
        };
        GilStats {
            mode: self.mode,
            interval_us: self.interval_us(),
            switches: switches.saturating_sub(registry.switches_base),
            drop_requests: drop_requests.saturating_sub(registry.drop_requests_base),
            held,
            wall,
            held_fraction,
            threads,
        }
    }

    /// Start the statistics afresh: finished threads are forgotten, live
    /// ones count from zero, the wall clock restarts.
    pub fn reset_stats(&self) {
        let mut registry = self.registry.lock();
        registry.threads.retain(|e| !e.t.finished.load(Relaxed));
        let now = Instant::now();
        let now_ns = nanos(now - self.epoch);
        for e in &mut registry.threads {
            e.base = e.t.totals(now_ns);
        }
        self.stats_generation.fetch_add(1, Relaxed);
        let (switches, drop_requests) = self.global_counts();
        registry.wall_start = now;
        registry.switches_base = switches;
        registry.drop_requests_base = drop_requests;
    }

    // ---- mode on: CPython's take_gil / drop_gil ----

    fn take_on(&self, t: &ThreadGilState) {
        let mut st = self.state.lock();
        assert!(
            !(st.locked && self.last_holder.load(Relaxed) == t.id),
            "take: this thread already holds the GIL"
        );
        if st.locked {
            st.waiters += 1;
            while st.locked {
                let saved = st.switch_number;
                let interval = Duration::from_micros(st.interval_us.max(1));
                let timed_out = self.cond.wait_for(&mut st, interval).timed_out();
                // Timed out and no switch meanwhile: the holder has had the
                // GIL for a whole interval; ask it to drop.
                if timed_out && st.locked && st.switch_number == saved {
                    if let Some(b) = &st.holder_breaker {
                        b.request_drop();
                    }
                    st.drop_requests += 1;
                    if self.trace.enabled() {
                        let now = self.now_ns();
                        t.trace.push(Kind::DropRequest, now, now);
                    }
                }
            }
            st.waiters -= 1;
        }
        // SM must be held while `last_holder` changes: see `drop_gil`.
        let sm = self.switch_mutex.lock();
        st.locked = true;
        let last = self.last_holder.load(Relaxed);
        if last != t.id {
            if last != 0 {
                st.switches += 1;
            }
            self.last_holder.store(t.id, Relaxed);
            st.switch_number += 1;
            st.holder_breaker = Some(t.eval_breaker.clone());
        }
        self.switch_cond.notify_one();
        drop(sm);
        // A request left from before (e.g. set just before a voluntary
        // release) is stale now that this thread starts a new hold.
        t.eval_breaker.clear_drop_request();
    }

    /// Unlock (both modes) and wake one waiter. Returns whether a thread
    /// was waiting.
    fn release(&self, t: &ThreadGilState) -> bool {
        if self.mode == GilMode::Legacy {
            let mut st = self.legacy_lock();
            assert!(
                st.locked && self.last_holder.load(Relaxed) == t.id,
                "drop_gil: this thread does not hold the GIL"
            );
            st.locked = false;
            let waiting = st.waiters > 0;
            drop(st);
            // std's notify always makes a futex call: skip it when nobody
            // waits (waiters change only under the mutex, so none is missed).
            if waiting {
                self.legacy_cond.notify_one();
            }
            return waiting;
        }
        let mut st = self.state.lock();
        assert!(
            st.locked && self.last_holder.load(Relaxed) == t.id,
            "drop_gil: this thread does not hold the GIL"
        );
        st.locked = false;
        self.cond.notify_one();
        st.waiters > 0
    }

    // ---- mode legacy: Python 2's lock ----

    fn legacy_lock(&self) -> std::sync::MutexGuard<'_, LegacyState> {
        // Nothing panics while this mutex is held; recover anyway.
        self.legacy.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Acquire the plain lock; returns whether the thread had to wait.
    fn take_legacy(&self, t: &ThreadGilState) -> bool {
        let mut st = self.legacy_lock();
        assert!(
            !(st.locked && self.last_holder.load(Relaxed) == t.id),
            "take: this thread already holds the GIL"
        );
        let waited = st.locked;
        if waited {
            st.waiters += 1;
            while st.locked {
                st = self
                    .legacy_cond
                    .wait(st)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            st.waiters -= 1;
        }
        st.locked = true;
        let last = self.last_holder.load(Relaxed);
        if last != t.id {
            if last != 0 {
                st.switches += 1;
            }
            // Legacy never takes SM: no forced switching reads it.
            self.last_holder.store(t.id, Relaxed);
        }
        waited
    }

    // ---- statistics (owner only) ----

    fn begin_hold(&self, t: &ThreadGilState, wait_start: Instant) {
        let now = Instant::now();
        let waited = match t.wanted_since.swap(0, Relaxed) {
            0 => nanos(now - wait_start),
            since => nanos(now - self.epoch).saturating_sub(since - 1),
        };
        // A hold the trace sees going on (legacy, won back) had no wait.
        if self.trace.enabled() && t.trace_held_from.load(Relaxed) == 0 {
            let now_ns = nanos(now - self.epoch);
            t.trace
                .push(Kind::Wait, now_ns.saturating_sub(waited), now_ns);
            t.trace_held_from.store(now_ns + 1, Relaxed);
        }
        let c = &t.counters;
        bump(&c.acquisitions, 1);
        bump(&c.waited_ns, waited);
        t.max_wait
            .record(self.stats_generation.load(Relaxed), waited);
        t.acquired_at.store(nanos(now - self.epoch) + 1, Relaxed);
    }

    /// The hold ends: statistics, and the trace's held span.
    fn end_hold(&self, t: &ThreadGilState, forced: bool) {
        if self.trace.enabled() {
            let now_ns = self.now_ns();
            let from = match t.trace_held_from.swap(0, Relaxed) {
                0 => t.acquired_at.load(Relaxed),
                f => f,
            };
            t.trace.push(Kind::Held, from.saturating_sub(1), now_ns);
            if forced {
                t.trace.push(Kind::ForcedDrop, now_ns, now_ns);
            }
        }
        self.end_hold_quiet(t, forced);
    }

    /// The statistics side of `end_hold`.
    fn end_hold_quiet(&self, t: &ThreadGilState, forced: bool) {
        let at = t.acquired_at.load(Relaxed);
        assert!(at != 0, "drop_gil: this thread does not hold the GIL");
        let now_ns = nanos(self.epoch.elapsed());
        let held = now_ns.saturating_sub(at - 1);
        bump(&t.counters.held_ns, held);
        if forced {
            bump(&t.counters.forced_held_ns, held);
        }
        t.acquired_at.store(0, Relaxed);
    }

    /// Nanoseconds since the epoch (the trace's clock).
    pub fn now_ns(&self) -> u64 {
        nanos(self.epoch.elapsed())
    }

    /// `--gil=off`: close the thread's running span (when tracing).
    fn trace_running_end(&self, t: &ThreadGilState) {
        if self.trace.enabled() {
            let start = match t.run_start.swap(0, Relaxed) {
                0 => *self.trace_start_ns.lock(),
                at => at - 1,
            };
            t.trace.push(Kind::Running, start, self.now_ns());
        }
    }

    /// Start recording a trace (`--trace`, `--timeline`, `gil.trace_start`),
    /// forgetting any earlier recording and the threads that finished.
    pub fn trace_start(&self) {
        let now = self.now_ns();
        let mut traced = self.traced.lock();
        traced.retain(|t| !t.finished.load(Relaxed));
        for t in traced.iter() {
            t.run_start.store(0, Relaxed);
            t.trace_held_from.store(0, Relaxed);
        }
        *self.trace_start_ns.lock() = now;
        *self.trace_switches_base.lock() = self.global_counts().0;
        self.trace.start(now, traced.iter().map(|t| &t.trace));
    }

    /// Stop recording and return the trace: spans still open (the current
    /// holder's hold, running threads under `off`) end now.
    pub fn trace_stop(&self) -> Trace {
        let now = self.now_ns();
        let start = *self.trace_start_ns.lock();
        let traced: Vec<Arc<ThreadGilState>> = self.traced.lock().clone();
        if self.trace.enabled() {
            for t in &traced {
                let at = match t.trace_held_from.swap(0, Relaxed) {
                    0 => t.acquired_at.load(Relaxed),
                    f => f,
                };
                if at != 0 {
                    t.trace.push(Kind::Held, at - 1, now);
                }
                if self.mode == GilMode::Off && !t.finished.load(Relaxed) {
                    let run = match t.run_start.load(Relaxed) {
                        0 => start,
                        at => at - 1,
                    };
                    t.trace.push(Kind::Running, run, now);
                }
            }
        }
        self.trace.stop();
        let switches = self
            .global_counts()
            .0
            .saturating_sub(*self.trace_switches_base.lock());
        let threads = traced
            .into_iter()
            .map(|t| {
                let name = t.name.lock().clone();
                (name, t.ident, t as Arc<dyn AsBuffer>)
            })
            .collect();
        self.trace.snapshot(
            threads,
            self.epoch,
            now,
            self.mode.as_str(),
            self.interval_us(),
            switches,
        )
    }

    fn global_counts(&self) -> (u64, u64) {
        match self.mode {
            GilMode::Legacy => (self.legacy_lock().switches, 0),
            _ => {
                let st = self.state.lock();
                (st.switches, st.drop_requests)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering::SeqCst;
    use std::sync::{Barrier, mpsc};
    use std::thread;

    fn new_thread(gil: &Gil, ident: u64) -> Arc<ThreadGilState> {
        gil.register_thread(ident, &format!("T{ident}"), Arc::new(EvalBreaker::new()))
    }

    /// What the VM does at a check point: a requested drop is honoured
    /// (forced drop, then take again); in legacy mode a tick is counted.
    fn check(gil: &Gil, t: &ThreadGilState) {
        if t.eval_breaker.any_pending() && t.eval_breaker.take_pending().drop_request {
            gil.drop_gil(t, true);
            gil.take(t);
        }
        gil.legacy_tick(t);
    }

    /// One unit of work under the GIL: a non-atomic increment (a load and a
    /// store, which lose updates if two threads overlap), guarded by an
    /// "inside" flag that must never be found set.
    fn work(inside: &AtomicBool, counter: &AtomicU64) {
        assert!(!inside.swap(true, SeqCst), "two threads inside the GIL");
        counter.store(counter.load(Relaxed) + 1, Relaxed);
        inside.store(false, SeqCst);
    }

    /// Two threads competing; each stops when `done` says so or after
    /// `cap` units. Returns the units each thread did.
    fn compete(gil: &Arc<Gil>, cap: u64, done: fn(&Gil) -> bool) -> (Vec<u64>, u64, GilStats) {
        let inside = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(AtomicU64::new(0));
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (1..=2)
            .map(|ident| {
                let (gil, inside, counter, barrier) = (
                    gil.clone(),
                    inside.clone(),
                    counter.clone(),
                    barrier.clone(),
                );
                thread::spawn(move || {
                    let t = new_thread(&gil, ident);
                    barrier.wait();
                    gil.take(&t);
                    let mut mine = 0;
                    while mine < cap {
                        if mine % 1024 == 0 && done(&gil) {
                            break;
                        }
                        check(&gil, &t);
                        work(&inside, &counter);
                        mine += 1;
                    }
                    t.add_bytecodes(mine);
                    gil.exit_thread(&t);
                    mine
                })
            })
            .collect();
        let done: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        (done, counter.load(SeqCst), gil.stats_snapshot())
    }

    #[test]
    fn mode_names_round_trip() {
        for m in [GilMode::On, GilMode::Legacy, GilMode::Off] {
            assert_eq!(m.as_str().parse::<GilMode>(), Ok(m));
            assert_eq!(m.to_string(), m.as_str());
        }
        assert!("ON".parse::<GilMode>().is_err());
        assert_eq!(GilMode::default(), GilMode::On);
    }

    #[test]
    fn on_two_threads_switch_by_force_and_count_exactly() {
        const SWITCHES: u64 = 8;
        let gil = Arc::new(Gil::new(GilMode::On, 100));
        let (done, counter, s) = compete(&gil, 50_000_000, |g| {
            g.stats_snapshot().switches >= SWITCHES
        });
        assert_eq!(counter, done.iter().sum::<u64>());
        assert!(s.switches >= SWITCHES, "no switches within the cap: {s:?}");
        assert!(s.drop_requests > 0);
        let forced: u64 = s.threads.iter().map(|t| t.forced_drops).sum();
        assert!(forced > 0);
        for t in &s.threads {
            // Threads register in either order; `done` is by ident.
            let n = done[t.ident as usize - 1];
            assert!(n > 0, "a thread never progressed: {s:?}");
            assert!(t.finished);
            assert_eq!(t.bytecodes, n);
            assert!(t.acquisitions >= 1);
            assert_eq!(t.voluntary_releases, 0);
            assert_eq!(t.failed_wakeups, 0);
            assert!(t.forced_held <= t.held);
        }
        assert!(s.held_fraction > 0.0);
    }

    #[test]
    fn forced_drop_returns_after_another_thread_took_the_gil() {
        let gil = Arc::new(Gil::new(GilMode::On, 100));
        let a = new_thread(&gil, 1);
        gil.take(&a);
        a.eval_breaker.signal_interrupt();
        let (tx, rx) = mpsc::channel();
        let b = new_thread(&gil, 2);
        let (gil2, b2) = (gil.clone(), b.clone());
        let waiter = thread::spawn(move || {
            gil2.take(&b2);
            gil2.exit_thread(&b2);
            tx.send(()).unwrap();
        });
        // The waiter asks after one interval; spin until it has.
        while !a.eval_breaker.drop_requested() {
            thread::yield_now();
        }
        gil.drop_gil(&a, true);
        // The hand-off: drop_gil returned only once B had taken the GIL.
        assert_eq!(gil.last_holder.load(SeqCst), b.id);
        assert!(a.eval_breaker.interrupted(), "the interrupt kept");
        rx.recv().unwrap();
        waiter.join().unwrap();
        gil.take(&a);
        assert!(gil.holds(&a));
        // Taking clears a leftover request, never the interrupt.
        assert!(a.eval_breaker.interrupted() && !a.eval_breaker.drop_requested());
        let s = gil.stats_snapshot();
        assert_eq!(s.switches, 2);
        assert!(s.drop_requests >= 1);
        assert_eq!(s.threads[0].forced_drops, 1);
        assert_eq!(s.threads[0].acquisitions, 2);
        assert_eq!(s.threads[1].acquisitions, 1);
    }

    #[test]
    fn forced_drop_without_waiter_does_not_block() {
        let gil = Gil::new(GilMode::On, 100);
        let a = new_thread(&gil, 1);
        gil.take(&a);
        gil.drop_gil(&a, true);
        gil.take(&a);
        assert!(gil.holds(&a));
        assert_eq!(gil.stats_snapshot().switches, 0);
    }

    #[test]
    fn legacy_two_threads_finish_and_count_acquisitions() {
        const N: u64 = 20_000;
        let gil = Arc::new(Gil::new(GilMode::Legacy, DEFAULT_INTERVAL_US));
        let (done, counter, s) = compete(&gil, N, |_| false);
        assert_eq!(done, vec![N, N]);
        assert_eq!(counter, 2 * N);
        // Two first takes, then one re-acquisition per 100 ticks.
        let acquisitions: u64 = s.threads.iter().map(|t| t.acquisitions).sum();
        assert_eq!(acquisitions, 2 + 2 * N / u64::from(LEGACY_CHECK_INTERVAL));
        assert_eq!(s.drop_requests, 0);
        for t in &s.threads {
            assert_eq!(t.forced_drops, 0);
            assert!(t.failed_wakeups <= t.acquisitions);
        }
    }

    #[test]
    fn legacy_releases_on_the_hundredth_tick() {
        let gil = Gil::new(GilMode::Legacy, DEFAULT_INTERVAL_US);
        let a = new_thread(&gil, 1);
        gil.take(&a);
        assert!((1..LEGACY_CHECK_INTERVAL).all(|_| !gil.legacy_tick(&a)));
        assert!(gil.legacy_tick(&a));
        assert!(gil.legacy_ticks(&a, 3 * LEGACY_CHECK_INTERVAL));
        assert!(!gil.legacy_ticks(&a, LEGACY_CHECK_INTERVAL - 1));
        assert!(gil.holds(&a));
        let t = &gil.stats_snapshot().threads[0];
        assert_eq!((t.acquisitions, t.failed_wakeups), (3, 0));
    }

    #[test]
    fn off_take_and_drop_never_block() {
        let gil = Arc::new(Gil::new(GilMode::Off, DEFAULT_INTERVAL_US));
        assert!(!gil.is_enabled());
        let a = new_thread(&gil, 1);
        let b = new_thread(&gil, 2);
        gil.take(&a);
        gil.take(&b);
        gil.take(&a);
        gil.drop_gil(&b, true);
        assert!(!gil.legacy_tick(&a));
        assert_eq!(gil.allow_threads(&a, "test", || 7), 7);
        // Two threads "holding" at once meet at a barrier.
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = [a.clone(), b.clone()]
            .into_iter()
            .map(|t| {
                let (gil, barrier) = (gil.clone(), barrier.clone());
                thread::spawn(move || {
                    gil.take(&t);
                    barrier.wait();
                    gil.drop_gil(&t, false);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let s = gil.stats_snapshot();
        assert_eq!((s.switches, s.drop_requests), (0, 0));
        assert!(s.threads.iter().all(|t| t.acquisitions == 0));
    }

    fn allow_threads_lets_another_thread_run(mode: GilMode) {
        let gil = Arc::new(Gil::new(mode, 100));
        let a = new_thread(&gil, 1);
        let b = new_thread(&gil, 2);
        gil.take(&a);
        let (released_tx, released_rx) = mpsc::channel();
        let (took_tx, took_rx) = mpsc::channel();
        let (gil2, b2) = (gil.clone(), b.clone());
        let other = thread::spawn(move || {
            released_rx.recv().unwrap();
            gil2.take(&b2);
            took_tx.send(gil2.holds(&b2)).unwrap();
            gil2.exit_thread(&b2);
        });
        let b_held = gil.allow_threads(&a, "test", || {
            released_tx.send(()).unwrap();
            took_rx.recv().unwrap()
        });
        assert!(b_held, "B took the GIL while A was inside allow_threads");
        assert!(gil.holds(&a));
        other.join().unwrap();
        let s = gil.stats_snapshot();
        assert_eq!(s.threads[0].voluntary_releases, 1);
        assert_eq!(s.threads[0].acquisitions, 2);
        assert_eq!(s.threads[1].acquisitions, 1);
        assert_eq!(s.switches, 2);
    }

    #[test]
    fn allow_threads_on() {
        allow_threads_lets_another_thread_run(GilMode::On);
    }

    #[test]
    fn allow_threads_legacy() {
        allow_threads_lets_another_thread_run(GilMode::Legacy);
    }

    #[test]
    fn allow_threads_retakes_after_a_panic() {
        let gil = Gil::new(GilMode::On, 100);
        let a = new_thread(&gil, 1);
        gil.take(&a);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            gil.allow_threads(&a, "test", || panic!("native failed"))
        }));
        assert!(r.is_err());
        assert!(gil.holds(&a));
    }

    #[test]
    fn reset_forgets_finished_threads_and_zeroes_live_ones() {
        let gil = Gil::new(GilMode::On, 100);
        let a = new_thread(&gil, 1);
        let b = new_thread(&gil, 2);
        gil.take(&b);
        b.add_bytecodes(5);
        gil.exit_thread(&b);
        gil.take(&a);
        a.add_bytecodes(10);
        gil.allow_threads(&a, "test", || ());
        let s = gil.stats_snapshot();
        assert_eq!(s.threads.len(), 2);
        assert_eq!(s.switches, 1);
        gil.reset_stats();
        let s = gil.stats_snapshot();
        assert_eq!(s.threads.len(), 1);
        let t = &s.threads[0];
        assert_eq!((t.name.as_str(), t.ident), ("T1", 1));
        assert_eq!(
            (t.bytecodes, t.acquisitions, t.voluntary_releases),
            (0, 0, 0)
        );
        assert_eq!((t.waited, t.max_wait), (Duration::ZERO, Duration::ZERO));
        assert_eq!(s.switches, 0);
        a.add_bytecodes(3);
        gil.allow_threads(&a, "test", || ());
        let t = &gil.stats_snapshot().threads[0];
        assert_eq!(
            (t.bytecodes, t.acquisitions, t.voluntary_releases),
            (3, 1, 1)
        );
    }

    #[test]
    fn interval_is_stored_as_set() {
        let gil = Gil::new(GilMode::On, DEFAULT_INTERVAL_US);
        assert_eq!(gil.interval_us(), 5000);
        gil.set_interval(0);
        assert_eq!(gil.interval_us(), 0);
        assert_eq!(gil.stats_snapshot().interval_us, 0);
    }
}
