//! MT19937, the Mersenne Twister (Matsumoto and Nishimura, 1998): the one
//! 32-bit generator behind both `random` (CPython's `_randommodule.c`, see
//! `random_mt`) and `numpy.random` (NumPy's legacy `RandomState`). The two
//! differ only in how they seed it (`init_by_array` / `init_genrand`) and in
//! what they build from its words; the core, its state and the 53-bit
//! double (`genrand_res53`) are the same bit for bit.

/// Words of state.
pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and the position of the next one.
#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    /// 0..=N; N (or more) means the next draw twists first.
    index: usize,
}

impl Mt19937 {
    /// Not seeded yet: all zeros, the next draw twists (CPython's fresh
    /// object before `seed`, index N + 1).
    pub fn blank() -> Self {
        Mt19937 {
            state: [0; N],
            index: N + 1,
        }
    }

    /// Seeded by `init_genrand(s)` (NumPy's `mt19937_seed`).
    pub fn from_seed(s: u32) -> Self {
        let mut mt = Self::blank();
        mt.init_genrand(s);
        mt
    }

    /// Knuth's linear-congruential fill of the state from one word.
    pub fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeding by a key of any length (CPython's `random.seed`).
    pub fn init_by_array(&mut self, init_key: &[u32]) {
        self.init_genrand(19_650_218);
        // An empty key never reaches here from the public API; treat it as [0].
        let key: &[u32] = if init_key.is_empty() { &[0] } else { init_key };
        let key_length = key.len();
        let mt = &mut self.state;
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(key_length);
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key_length {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
    }

    fn twist(&mut self) {
        let mt = &mut self.state;
        let mag01 = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        let mut kk = 0;
        while kk < N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01(y);
            kk += 1;
        }
        while kk < N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag01(y);
            kk += 1;
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01(y);
        self.index = 0;
    }

    /// One raw 32-bit output (`genrand_uint32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A 53-bit double in `[0.0, 1.0)` from two words (`genrand_res53`:
    /// CPython's `random()`, NumPy's `legacy_double`).
    pub fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// The state words and the position (0..=N).
    pub fn state(&self) -> (&[u32; N], usize) {
        (&self.state, self.index.min(N))
    }

    /// Restore what [`state`](Self::state) returned (`index <= N`).
    pub fn set_state(&mut self, words: &[u32; N], index: usize) {
        debug_assert!(index <= N);
        self.state = *words;
        self.index = index;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference implementation's first outputs for `init_genrand(5489)`
    /// and for `init_by_array([0x123, 0x234, 0x345, 0x456])`.
    #[test]
    fn reference_outputs() {
        let mut mt = Mt19937::from_seed(5489);
        assert_eq!(mt.next_u32(), 3_499_211_612);
        let mut mt = Mt19937::blank();
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..3).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [1_067_595_299, 955_945_823, 477_289_528]);
    }
}
