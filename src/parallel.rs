//! The worker pools native code and kernels run on.
//!
//! One rayon pool per team size, made on first use and kept (building a pool
//! spawns its threads, far too slow to do per call). The default size comes
//! from `--threads N`, else `OMP_NUM_THREADS`, else `NUMBA_NUM_THREADS`,
//! else the number of cores;
//! `set_default_threads` changes it at run time (`omp_set_num_threads`,
//! `numba.set_num_threads`).

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, LazyLock};

use parking_lot::Mutex;

/// 0 until set: then `default_threads` asks the environment.
static DEFAULT_THREADS: AtomicUsize = AtomicUsize::new(0);

/// The number of cores, at least 1.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The team size used when a call does not name one.
pub fn default_threads() -> usize {
    match DEFAULT_THREADS.load(Relaxed) {
        0 => {
            let from_env = |var: &str| {
                std::env::var(var)
                    .ok()
                    .and_then(|s| s.trim().split(',').next()?.trim().parse::<usize>().ok())
                    .filter(|&n| n > 0)
            };
            let n = from_env("OMP_NUM_THREADS")
                .or_else(|| from_env("NUMBA_NUM_THREADS"))
                .unwrap_or_else(cores);
            DEFAULT_THREADS.store(n, Relaxed);
            n
        }
        n => n,
    }
}

/// Set the default team size (`--threads`, `omp_set_num_threads`); at least 1.
pub fn set_default_threads(n: usize) {
    DEFAULT_THREADS.store(n.max(1), Relaxed);
}

/// The pool of `n` workers (made once per size).
pub fn pool(n: usize) -> Arc<rayon::ThreadPool> {
    type Pools = Vec<(usize, Arc<rayon::ThreadPool>)>;
    static POOLS: LazyLock<Mutex<Pools>> = LazyLock::new(|| Mutex::new(Vec::new()));
    let n = n.max(1);
    let mut pools = POOLS.lock();
    if let Some((_, p)) = pools.iter().find(|(size, _)| *size == n) {
        return p.clone();
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(move |i| format!("mini-worker-{n}.{i}"))
            .build()
            .unwrap_or_else(|_| {
                // Could not spawn threads: a one-thread pool runs on the caller.
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .use_current_thread()
                    .build()
                    .expect("a pool on the current thread needs no new thread")
            }),
    );
    pools.push((n, p.clone()));
    p
}
