//! An increasing list of times, 4 bytes each: their low 32 bits, and the
//! high bits once for every run of times that share them (a run lasts
//! 2³² ns, 4.3 s of program time). The GIL lane keeps its hand-overs' times
//! so: with its 4-byte holder, 8 bytes a hand-over instead of 12.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Times {
    /// Each time's low 32 bits.
    lo: Vec<u32>,
    /// For each run of times sharing their high 32 bits: the index of its
    /// first, and those bits; increasing in both.
    hi: Vec<(u32, u32)>,
}

fn join(hi: u32, lo: u32) -> u64 {
    (u64::from(hi) << 32) | u64::from(lo)
}

impl Times {
    pub fn len(&self) -> usize {
        self.lo.len()
    }

    pub fn last(&self) -> Option<u64> {
        let &lo = self.lo.last()?;
        self.hi.last().map(|&(_, hi)| join(hi, lo))
    }

    /// Room for `more` times beyond those kept.
    pub fn reserve_exact(&mut self, more: usize) {
        self.lo.reserve_exact(more);
    }

    /// Whether a push would have to grow the list.
    pub fn is_full(&self) -> bool {
        self.lo.len() == self.lo.capacity()
    }

    /// Appends `t`, which is after the last.
    pub fn push(&mut self, t: u64) {
        debug_assert!(self.last().is_none_or(|l| l < t), "times increase");
        let hi = (t >> 32) as u32;
        if self.hi.last().is_none_or(|&(_, h)| h != hi) {
            self.hi.push((self.lo.len() as u32, hi));
        }
        self.lo.push(t as u32);
    }

    pub fn pop(&mut self) -> Option<u64> {
        let t = self.last()?;
        self.lo.pop();
        if self
            .hi
            .last()
            .is_some_and(|&(i, _)| i as usize == self.lo.len())
        {
            self.hi.pop();
        }
        Some(t)
    }

    /// How many are at or before `t` (a partition point).
    pub fn count_upto(&self, t: u64) -> usize {
        let hi = (t >> 32) as u32;
        let Some(k) = self.hi.partition_point(|&(_, h)| h <= hi).checked_sub(1) else {
            return 0;
        };
        let (start, h) = self.hi[k];
        let end = self
            .hi
            .get(k + 1)
            .map_or(self.lo.len(), |&(i, _)| i as usize);
        if h < hi {
            return end; // the whole run is before `t`
        }
        let start = start as usize;
        start + self.lo[start..end].partition_point(|&lo| lo <= t as u32)
    }

    /// The times from index `from` on.
    pub fn iter_from(&self, from: usize) -> impl Iterator<Item = u64> + '_ {
        let mut k = self
            .hi
            .partition_point(|&(i, _)| i as usize <= from)
            .saturating_sub(1);
        (from..self.lo.len()).map(move |i| {
            while self.hi.get(k + 1).is_some_and(|&(s, _)| s as usize <= i) {
                k += 1;
            }
            join(self.hi[k].1, self.lo[i])
        })
    }

    /// Heap bytes held (capacity).
    pub fn bytes(&self) -> usize {
        self.lo.capacity() * size_of::<u32>() + self.hi.capacity() * size_of::<(u32, u32)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_times_answer_as_a_plain_list() {
        let mut rng = fastrand::Rng::with_seed(5);
        for round in 0..200 {
            let (mut t, mut plain) = (Times::default(), Vec::<u64>::new());
            let mut at = rng.u64(0..1 << 40);
            for _ in 0..rng.usize(0..300) {
                if rng.u8(0..5) == 0 {
                    assert_eq!(t.pop(), plain.pop());
                } else {
                    // Steps small and large: within a run of high bits,
                    // across one, across many.
                    at = plain.last().map_or(at, |&l| l + 1)
                        + match rng.u8(0..3) {
                            0 => rng.u64(0..1000),
                            1 => rng.u64(0..1 << 33),
                            _ => rng.u64(0..1 << 40),
                        };
                    t.push(at);
                    plain.push(at);
                }
                assert_eq!(t.len(), plain.len());
                assert_eq!(t.last(), plain.last().copied());
            }
            let probes = plain
                .iter()
                .flat_map(|&x| [x.saturating_sub(1), x, x + 1])
                .chain((0..20).map(|_| rng.u64(0..1 << 42)));
            for q in probes {
                let want = plain.partition_point(|&x| x <= q);
                assert_eq!(t.count_upto(q), want, "round {round}, at {q}");
            }
            for from in 0..=plain.len() + 1 {
                let got: Vec<u64> = t.iter_from(from).collect();
                assert_eq!(
                    got,
                    plain.get(from..).unwrap_or(&[]),
                    "round {round}, from {from}"
                );
            }
        }
    }
}
