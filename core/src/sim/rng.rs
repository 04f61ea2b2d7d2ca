//! The simulation's random numbers: SplitMix64 (Steele, Lea & Flood, "Fast splittable
//! pseudorandom number generators", OOPSLA 2014), seeded per draw from the scenario's seed
//! and what the draw is about, so a draw does not depend on the order of the draws before it.
//!
//! Written here rather than taken from `rand`: the stream must never change with a crate
//! version (`rand` documents that `StdRng`'s output may), and the whole generator is the
//! five lines of `next`.

/// SplitMix64.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub(crate) fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }

    /// A generator for one subject (`key`, e.g. `"pick/SO-1/DC-1/2"`) under `seed`: common
    /// random numbers, the same for every rule set.
    pub(crate) fn keyed(seed: u64, key: &str) -> SplitMix {
        SplitMix(seed ^ fnv1a(key.as_bytes()))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi` (`lo ≤ hi`), by multiply-shift (Lemire), unbiased enough for a
    /// simulation and the same everywhere.
    pub(crate) fn between(&mut self, lo: u64, hi: u64) -> u64 {
        let span = hi - lo + 1;
        lo + ((self.next_u64() as u128 * span as u128) >> 64) as u64
    }
}

/// FNV-1a, 64 bits: a stable hash of a key (never `std`'s, whose output may change).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_outputs() {
        // The reference implementation (Vigna's splitmix64.c) seeded with 0 and with
        // 1234567.
        let mut r = SplitMix::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut r = SplitMix::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn between_stays_in_range_and_reaches_both_ends() {
        let mut r = SplitMix::new(7);
        let draws: Vec<u64> = (0..1000).map(|_| r.between(2, 5)).collect();
        assert!(draws.iter().all(|d| (2..=5).contains(d)));
        assert!(draws.contains(&2) && draws.contains(&5));
        assert!((0..1000).map(|_| r.unit()).all(|u| (0.0..1.0).contains(&u)));
    }
}
