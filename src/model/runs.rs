//! A track's runs of one state: their packed starts, the details of the
//! few that have one, and the search index of a long track. A short track
//! (a traced program's thread that starts, runs once and ends) keeps its
//! one run and that run's detail inline, allocating nothing.
//!
//! A mark packs a run's start and state in one `u64` (the time shifted up
//! a byte, the state in the low byte): a search by time reads one array.
//!
//! The search index: the first mark of every block of [`BLOCK`] marks. A
//! search by time reads this small array (1/16 of the marks: a thread of
//! 1,000,000 spans has 500 KB of it, which stays in the core's cache) and
//! then one block of 128 bytes, two cache lines, instead of halving its way
//! through all the marks with a miss at nearly every step (16 measured best
//! of 8, 16, 32 and 64: see BENCHMARKS.md). Kept only once a track has
//! more than one block; short tracks search their marks directly.

use super::details::DetailId;
use crate::event::{MAX_TIME, Nanos, State};

/// Marks a block holds.
pub const BLOCK: usize = 16;

pub(super) fn pack(start: Nanos, state: State) -> u64 {
    (start.min(MAX_TIME) << 8) | state as u64
}

pub(super) fn start_of(m: u64) -> Nanos {
    m >> 8
}

pub(super) fn state_of(m: u64) -> State {
    State::from_u8(m as u8).unwrap_or(State::Running)
}

/// The greatest mark that starts at `t`: `pack(t, last state)`.
pub(super) fn key(t: Nanos) -> u64 {
    (t.min(MAX_TIME) << 8) | 0xff
}

/// A track's runs: none yet, one (a short life's, with its detail, inline:
/// 24 bytes, no allocation), more, in a box of their own, or those of a
/// short life that is over, in one exact allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Runs {
    #[default]
    None,
    /// The one run's mark, and (0, its detail) (`DetailId::NONE`: none).
    One(u64, (u32, DetailId)),
    Many(Box<Long>),
    /// No run will come (the thread ended) and there are at most
    /// [`DONE_MAX`]: the marks, then the details of the runs that have one
    /// (in run order, a word each), then one word saying which runs have
    /// one (a bit each) and, in its top byte, how many marks there are.
    /// 8 bytes a run and a detail, where a `Long` holds 56 more and two
    /// allocations.
    Done(Box<[u64]>),
}

/// The most runs a finished track keeps in [`Runs::Done`] (the bits of
/// its last word below the count's byte).
const DONE_MAX: usize = 56;

/// A `Done`'s last word: which runs have a detail, and how many marks.
fn done_tail(words: &[u64]) -> (u64, usize) {
    let tail = words.last().copied().unwrap_or(0);
    (tail & ((1 << DONE_MAX) - 1), (tail >> DONE_MAX) as usize)
}

/// Of the runs `mask` marks, how many come before run `i`.
fn before(mask: u64, i: usize) -> usize {
    (mask & ((1u64 << i) - 1)).count_ones() as usize
}

/// The details of the runs before `k`, latest first (see
/// [`Runs::details_before`]).
pub enum DetailsBefore<'a> {
    Pairs(std::iter::Rev<std::slice::Iter<'a, (u32, DetailId)>>),
    /// The runs still to give (their bits) and the details of those.
    Bits(u64, &'a [u64]),
}

impl Iterator for DetailsBefore<'_> {
    type Item = DetailId;

    fn next(&mut self) -> Option<DetailId> {
        match self {
            DetailsBefore::Pairs(it) => it.next().map(|&(_, d)| d),
            DetailsBefore::Bits(mask, details) => {
                if *mask == 0 {
                    return None;
                }
                let i = 63 - mask.leading_zeros() as usize;
                *mask &= !(1 << i);
                Some(DetailId::from_bits(details[before(*mask, i)]))
            }
        }
    }
}

/// The runs of a track that has had more than one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Long {
    /// Each run's start and state, packed; increasing; never two equal
    /// neighbours (same state and same detail), as the track keeps them.
    marks: Vec<u64>,
    /// (run index, detail) for the runs that have one, by run index.
    details: Vec<(u32, DetailId)>,
    /// When kept: `tops[b]` is `marks[b * BLOCK]` for every block of the
    /// marks, as it was pushed. A mark changed in place keeps its start
    /// (only its state changes), and a search compares starts only, so a
    /// top never needs changing.
    #[expect(
        clippy::box_collection,
        reason = "8 bytes in every box of runs, not 24: most tracks are shorter than two blocks"
    )]
    tops: Option<Box<Vec<u64>>>,
}

impl Runs {
    pub fn marks(&self) -> &[u64] {
        match self {
            Runs::None => &[],
            Runs::One(m, _) => std::slice::from_ref(m),
            Runs::Many(l) => &l.marks,
            Runs::Done(w) => &w[..done_tail(w).1],
        }
    }

    /// (run index, detail) for the runs that have one, by run index (a
    /// `Done`'s are read through [`detail_at`](Self::detail_at)).
    fn details(&self) -> &[(u32, DetailId)] {
        match self {
            Runs::One(_, d) if !d.1.is_none() => std::slice::from_ref(d),
            Runs::None | Runs::One(..) | Runs::Done(_) => &[],
            Runs::Many(l) => &l.details,
        }
    }

    /// The details of the runs before run `k`, latest first (runs without
    /// one skipped).
    pub fn details_before(&self, k: usize) -> DetailsBefore<'_> {
        if let Runs::Done(w) = self {
            let (mask, n) = done_tail(w);
            let k = k.min(n);
            return DetailsBefore::Bits(mask & ((1u64 << k) - 1), &w[n..w.len() - 1]);
        }
        let details = self.details();
        let m = details.partition_point(|&(i, _)| (i as usize) < k);
        DetailsBefore::Pairs(details[..m].iter().rev())
    }

    /// The detail of run `i`.
    pub fn detail_at(&self, i: usize) -> DetailId {
        if let Runs::Done(w) = self {
            let (mask, n) = done_tail(w);
            if i >= n || mask & (1 << i) == 0 {
                return DetailId::NONE;
            }
            return DetailId::from_bits(w[n + before(mask, i)]);
        }
        let i = i as u32;
        let details = self.details();
        // Most asks are of the last runs: none past the last detail.
        match details.last() {
            None => return DetailId::NONE,
            Some(&(k, _)) if k < i => return DetailId::NONE,
            Some(&(k, d)) if k == i => return d,
            Some(_) => {}
        }
        match details.binary_search_by_key(&i, |&(k, _)| k) {
            Ok(k) => details[k].1,
            Err(_) => DetailId::NONE,
        }
    }

    /// Back to a `Long` (a finished track's runs changed after all).
    fn thaw(&mut self) {
        let Runs::Done(_) = self else { return };
        let n = self.marks().len();
        let details = (0..n)
            .map(|i| (i as u32, self.detail_at(i)))
            .filter(|(_, d)| !d.is_none())
            .collect();
        let mut long = Long {
            marks: self.marks().to_vec(),
            details,
            tops: None,
        };
        if n > BLOCK {
            let tops = long.marks.iter().step_by(BLOCK).copied().collect();
            long.tops = Some(Box::new(tops));
        }
        *self = Runs::Many(Box::new(long));
    }

    /// Run `i` (one of the runs) has `detail`.
    pub fn set_detail(&mut self, i: usize, detail: DetailId) {
        self.thaw();
        let details = match self {
            Runs::One(_, d) if i == 0 => return d.1 = detail,
            Runs::None | Runs::One(..) => return,
            Runs::Many(l) => &mut l.details,
            Runs::Done(_) => unreachable!("thawed above"),
        };
        let i = i as u32;
        if details.last().is_none_or(|&(k, _)| k < i) {
            // Past every run with a detail (runs grow at the end).
            if !detail.is_none() {
                details.push((i, detail));
            }
            return;
        }
        match details.binary_search_by_key(&i, |&(k, _)| k) {
            Ok(k) if detail.is_none() => {
                details.remove(k);
            }
            Ok(k) => details[k].1 = detail,
            Err(_) if detail.is_none() => {}
            Err(k) => details.insert(k, (i, detail)),
        }
    }

    pub fn push(&mut self, m: u64) {
        self.thaw();
        let l = match self {
            Runs::None => return *self = Runs::One(m, (0, DetailId::NONE)),
            Runs::One(first, d) => {
                let details = if d.1.is_none() { vec![] } else { vec![*d] };
                *self = Runs::Many(Box::new(Long {
                    marks: vec![*first, m],
                    details,
                    tops: None,
                }));
                return;
            }
            Runs::Many(l) => l,
            Runs::Done(_) => unreachable!("thawed above"),
        };
        l.marks.push(m);
        let len = l.marks.len();
        // A push that made `len` marks begins a new block past the first.
        if len > BLOCK && (len - 1).is_multiple_of(BLOCK) {
            let first = l.marks[0];
            l.tops.get_or_insert_with(|| Box::new(vec![first])).push(m);
        }
    }

    /// The last mark changed in place (its start kept).
    pub fn set_last(&mut self, m: u64) {
        self.thaw();
        match self {
            Runs::None => {}
            Runs::One(last, _) => *last = m,
            Runs::Many(l) => {
                if let Some(last) = l.marks.last_mut() {
                    *last = m;
                }
            }
            Runs::Done(_) => unreachable!("thawed above"),
        }
    }

    pub fn pop(&mut self) {
        self.thaw();
        let l = match self {
            Runs::None => return,
            Runs::One(..) => return *self = Runs::None,
            Runs::Many(l) => l,
            Runs::Done(_) => unreachable!("thawed above"),
        };
        let n = l.marks.len();
        l.marks.pop();
        if let Some(tops) = &mut l.tops
            && (n - 1).is_multiple_of(BLOCK)
        {
            tops.truncate((n - 1) / BLOCK);
        }
        if l.details.last().is_some_and(|&(k, _)| k as usize + 1 == n) {
            l.details.pop();
        }
    }

    /// No more marks will come: let the growth slack go (and the box, if
    /// one run is left; a short life's runs go into one exact allocation).
    pub fn shrink(&mut self) {
        let Runs::Many(l) = self else { return };
        match l.marks[..] {
            [] => *self = Runs::None,
            [m] => *self = Runs::One(m, (0, self.detail_at(0))),
            ref marks if marks.len() <= DONE_MAX => {
                let mut words = marks.to_vec();
                let mut mask = 0u64;
                for &(i, d) in &l.details {
                    mask |= 1 << i;
                    words.push(d.to_bits());
                }
                words.push(mask | ((marks.len() as u64) << DONE_MAX));
                *self = Runs::Done(words.into_boxed_slice());
            }
            _ => {
                l.marks.shrink_to_fit();
                l.details.shrink_to_fit();
                if let Some(t) = &mut l.tops {
                    t.shrink_to_fit();
                }
            }
        }
    }

    /// Heap bytes held (capacity; what stays inline is the track's own).
    pub fn heap_bytes(&self) -> usize {
        if let Runs::Done(w) = self {
            return size_of_val(&w[..]);
        }
        let Runs::Many(l) = self else { return 0 };
        size_of::<Long>()
            + l.marks.capacity() * size_of::<u64>()
            + l.details.capacity() * size_of::<(u32, DetailId)>()
            + l.tops.as_ref().map_or(0, |t| {
                size_of::<Vec<u64>>() + t.capacity() * size_of::<u64>()
            })
    }

    /// How many marks are at or before `key` (a partition point).
    pub fn count_upto(&self, key: u64) -> usize {
        let (marks, tops) = match self {
            Runs::Many(l) => match &l.tops {
                Some(t) if !t.is_empty() => (&l.marks, t),
                _ => return l.marks.partition_point(|&m| m <= key),
            },
            _ => return self.marks().partition_point(|&m| m <= key),
        };
        let Some(b) = tops.partition_point(|&m| m <= key).checked_sub(1) else {
            return 0;
        };
        let lo = b * BLOCK;
        let hi = (lo + BLOCK).min(marks.len());
        lo + marks[lo..hi].partition_point(|&m| m <= key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_short_life_reads_the_same_from_one_exact_allocation() {
        // Lives of 2 to DONE_MAX + 2 runs, a detail on some: after the
        // shrink every query answers as before, the heap is 8 bytes a run
        // and a detail, plus one word; a change thaws it.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            seed >> 33
        };
        for n in 2..=DONE_MAX + 2 {
            let mut r = Runs::default();
            for k in 0..n {
                r.push(pack(k as u64 * 10, State::Running));
                if next() % 3 == 0 {
                    r.set_detail(k, DetailId::new(next() as u32 % 9 + 1, Some(k as u32)));
                }
            }
            let before = r.clone();
            let details = |r: &Runs| (0..n + 1).map(|i| r.detail_at(i)).collect::<Vec<_>>();
            let earlier = |r: &Runs, k| r.details_before(k).collect::<Vec<_>>();
            r.shrink();
            assert_eq!(r.marks(), before.marks(), "{n} runs");
            assert_eq!(details(&r), details(&before), "{n} runs");
            for k in 0..=n + 1 {
                assert_eq!(earlier(&r, k), earlier(&before, k), "{n} runs, before {k}");
                assert_eq!(
                    r.count_upto(key(k as u64 * 10)),
                    before.count_upto(key(k as u64 * 10))
                );
            }
            if n <= DONE_MAX {
                let kept = before.details().len();
                assert!(matches!(r, Runs::Done(_)), "{n} runs");
                assert_eq!(r.heap_bytes(), 8 * (n + kept + 1));
            }
            r.push(pack(n as u64 * 10, State::Sleeping));
            assert_eq!(r.marks().len(), n + 1);
            for k in 0..=n {
                assert_eq!(
                    r.count_upto(key(k as u64 * 10 + 5)),
                    k + 1,
                    "thawed, {n} runs"
                );
            }
            assert_eq!(details(&r)[..n], details(&before)[..n], "thawed, {n} runs");
        }
    }

    #[test]
    fn a_short_life_allocates_nothing_and_a_long_one_its_index() {
        let mut r = Runs::default();
        r.push(pack(0, State::Running));
        r.set_detail(0, 7.into());
        assert_eq!(r.heap_bytes(), 0, "one run and its detail stay inline");
        assert_eq!(r.details(), [(0, 7.into())]);
        r.push(pack(5, State::Sleeping));
        assert_eq!(
            r.details(),
            [(0, 7.into())],
            "the detail moves with the runs"
        );
        for k in 2..=BLOCK as u64 {
            r.push(pack(k * 10, State::Running));
        }
        let tops = |r: &Runs| match r {
            Runs::Many(l) => l.tops.as_deref().cloned().unwrap_or_default(),
            _ => vec![],
        };
        assert_eq!(
            tops(&r),
            [r.marks()[0], r.marks()[BLOCK]],
            "a second block keeps the index"
        );
        r.pop();
        assert_eq!(tops(&r), [r.marks()[0]]);
        assert_eq!(r.detail_at(0), 7.into());
        assert_eq!(r.count_upto(key(25)), 3);
        while r.marks().len() > 1 {
            r.pop();
        }
        r.shrink();
        assert_eq!(
            r,
            Runs::One(pack(0, State::Running), (0, 7.into())),
            "back inline"
        );
        r.pop();
        assert_eq!(r, Runs::None);
    }
}
