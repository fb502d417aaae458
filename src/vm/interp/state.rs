//! `Interp`: what every thread of one program shares (builtins, modules,
//! the GIL, thread identities, the random state).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use parking_lot::Mutex;

use crate::gil::{EvalBreaker, Gil, GilMode};
use crate::modules::random_mt::MersenneTwister;
use crate::vm::objects::DictObj;
use crate::vm::value::Value;

/// Interpreter-wide state shared by every thread of one program.
pub struct Interp {
    pub builtins: Arc<DictObj>,
    pub modules: Mutex<HashMap<String, Value>>,
    pub recursion_limit: AtomicUsize,
    pub argv: Vec<String>,
    pub random: Mutex<MersenneTwister>,
    /// Set by the Ctrl-C handler and the eval breaker of the main thread.
    pub main_breaker: Arc<EvalBreaker>,
    /// The global interpreter lock every thread of this program shares.
    pub gil: Gil,
    /// `threading.Thread` objects of the threads started and not yet
    /// finished (for `threading.enumerate` and the wait at exit).
    pub live_threads: Mutex<Vec<Value>>,
    /// Source of `threading.get_ident()` values.
    next_ident: AtomicU64,
    /// The main thread's `threading.get_ident()`.
    pub main_ident: u64,
    /// The main thread's `threading` object, made on first use.
    pub main_thread: std::sync::OnceLock<Value>,
}

impl Interp {
    pub fn new(argv: Vec<String>) -> Arc<Interp> {
        Interp::with_gil(argv, GilMode::default(), crate::gil::DEFAULT_INTERVAL_US)
    }

    /// An interpreter whose GIL runs in `mode` with the given switch interval.
    pub fn with_gil(argv: Vec<String>, mode: GilMode, interval_us: u64) -> Arc<Interp> {
        Arc::new(Interp {
            main_ident: ident_number(0),
            builtins: Arc::new(crate::builtins::make_builtins()),
            modules: Mutex::new(HashMap::new()),
            recursion_limit: AtomicUsize::new(1000),
            argv,
            random: Mutex::new(MersenneTwister::new()),
            main_breaker: Arc::new(EvalBreaker::new()),
            gil: Gil::new(mode, interval_us),
            live_threads: Mutex::new(Vec::new()),
            main_thread: std::sync::OnceLock::new(),
            next_ident: AtomicU64::new(1),
        })
    }

    /// A new thread identity.
    pub fn new_ident(&self) -> u64 {
        ident_number(self.next_ident.fetch_add(1, Ordering::Relaxed))
    }
}

/// The `k`th thread identity, shaped like CPython's (a large number, as the
/// address of a pthread).
pub(super) fn ident_number(k: u64) -> u64 {
    0x7f3a_5c00_0000 + k * 0x80_0000
}
