//! The eval breaker: one word per thread that asks its running bytecode to
//! stop at the next check point, and why.
//!
//! Two requests share the word: a *drop request* (another thread waited a
//! whole switch interval for the GIL; set by `Gil::take`) and an *interrupt*
//! (Ctrl-C; set by the signal handler, on the main thread's breaker only).
//! The dispatch loop tests the whole word with one Relaxed load at each
//! check point ([`EvalBreaker::any_pending`]) and, when it is non-zero, takes
//! both requests at once ([`EvalBreaker::take_pending`]). Blocking natives
//! (sleep, lock waits, kernels) poll [`EvalBreaker::interrupted`] and clear
//! the interrupt they turn into `KeyboardInterrupt` with
//! [`EvalBreaker::take_interrupt`].
//!
//! # Atomic orderings
//!
//! Every operation is Relaxed. A request is a hint that publishes no data:
//! what a waiter and the holder exchange goes through the GIL's mutex (the
//! waiter sets the drop request with it held, the holder locks it to drop),
//! and an interrupt carries no data at all. Coherence alone makes a Relaxed
//! load see a new bit promptly. Setting and clearing are read-modify-writes
//! so that two requests made at the same moment (a drop request and
//! Ctrl-C) never overwrite each other.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// One thread's eval breaker (shared in an `Arc` between the thread's VM,
/// its GIL state and whoever may interrupt it).
#[derive(Debug, Default)]
#[repr(transparent)]
pub struct EvalBreaker(AtomicU32);

/// What [`EvalBreaker::take_pending`] found (and cleared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Another thread asks for the GIL: drop it, then take it again.
    pub drop_request: bool,
    /// Ctrl-C: raise `KeyboardInterrupt`.
    pub interrupt: bool,
}

impl EvalBreaker {
    /// Ctrl-C was pressed: raise KeyboardInterrupt in the main thread.
    const INTERRUPT: u32 = 1;
    /// Another thread asks the GIL holder to drop it.
    const DROP_REQUEST: u32 = 2;

    /// A breaker with nothing pending.
    pub fn new() -> EvalBreaker {
        EvalBreaker::default()
    }

    /// The check point's test: is anything pending? One Relaxed load, the
    /// whole cost of a check point when nothing is (a hint: `take_pending`
    /// says what it was).
    #[inline(always)]
    pub fn any_pending(&self) -> bool {
        self.0.load(Relaxed) != 0
    }

    /// Ask the thread to drop the GIL at its next check point (called by a
    /// waiter in `Gil::take`, with the GIL's mutex held).
    pub(super) fn request_drop(&self) {
        self.0.fetch_or(Self::DROP_REQUEST, Relaxed);
    }

    /// Forget a drop request: the thread is dropping the GIL, or starts a
    /// new hold and a request left from before is stale.
    pub(super) fn clear_drop_request(&self) {
        self.0.fetch_and(!Self::DROP_REQUEST, Relaxed);
    }

    /// Ctrl-C: interrupt the thread at its next check point, or the
    /// blocking call polling this breaker. Safe from a signal handler (one
    /// atomic instruction, no lock).
    pub fn signal_interrupt(&self) {
        self.0.fetch_or(Self::INTERRUPT, Relaxed);
    }

    /// Is an interrupt pending? (Polled by blocking waits and kernel loops,
    /// which then stop and let their caller `take_interrupt`.)
    #[inline(always)]
    pub fn interrupted(&self) -> bool {
        self.0.load(Relaxed) & Self::INTERRUPT != 0
    }

    /// Clear a pending interrupt; returns whether there was one. A drop
    /// request stays for the next check point.
    pub fn take_interrupt(&self) -> bool {
        self.0.fetch_and(!Self::INTERRUPT, Relaxed) & Self::INTERRUPT != 0
    }

    /// Clear both requests and say which were pending (the check point's
    /// slow path, after `any_pending`).
    pub fn take_pending(&self) -> Pending {
        let bits = self
            .0
            .fetch_and(!(Self::INTERRUPT | Self::DROP_REQUEST), Relaxed);
        Pending {
            drop_request: bits & Self::DROP_REQUEST != 0,
            interrupt: bits & Self::INTERRUPT != 0,
        }
    }

    /// Is a drop request pending? (The tests' stand-in for a check point.)
    #[cfg(test)]
    pub(super) fn drop_requested(&self) -> bool {
        self.0.load(Relaxed) & Self::DROP_REQUEST != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_taken_independently() {
        let b = EvalBreaker::new();
        assert!(!b.any_pending());
        b.request_drop();
        b.signal_interrupt();
        assert!(b.any_pending() && b.interrupted() && b.drop_requested());
        assert!(b.take_interrupt());
        assert!(!b.take_interrupt());
        assert!(b.drop_requested() && b.any_pending());
        b.clear_drop_request();
        assert!(!b.any_pending());
        b.signal_interrupt();
        b.request_drop();
        let p = b.take_pending();
        assert_eq!(
            p,
            Pending {
                drop_request: true,
                interrupt: true
            }
        );
        assert!(!b.any_pending());
    }
}
