//! What a track keeps apart from its marks, in one box that most tracks
//! never allocate: the details of the few spans that have one, and the
//! search index of a long track.
//!
//! The search index: the first mark of every block of [`BLOCK`] marks. A
//! search by time reads this small array (1/16 of the marks: a thread of
//! 1,000,000 spans has 500 KB of it, which stays in the core's cache) and
//! then one block of 128 bytes, two cache lines, instead of halving its way
//! through all the marks with a miss at nearly every step (16 measured best
//! of 8, 16, 32 and 64: see BENCHMARKS.md). Kept only once a track has more
//! than one block; short tracks search their marks directly.

use super::details::DetailId;

/// Marks a block holds.
pub const BLOCK: usize = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aside {
    /// (run index, detail) for the runs that have one, by run index.
    pub details: Vec<(u32, DetailId)>,
    pub tops: Tops,
}

impl Aside {
    /// No more marks will come: let the growth slack go.
    pub fn shrink(&mut self) {
        self.details.shrink_to_fit();
        self.tops.0.shrink_to_fit();
    }

    /// Heap bytes held (capacity, the box included).
    pub fn bytes(&self) -> usize {
        size_of::<Aside>()
            + self.details.capacity() * size_of::<(u32, DetailId)>()
            + self.tops.0.capacity() * size_of::<u64>()
    }
}

/// When kept (not empty): `tops[b]` is `marks[b * BLOCK]` for every block
/// of the marks, as it was pushed. A mark changed in place keeps its start
/// (only its state changes), and a search compares starts only, so a top
/// never needs changing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tops(Vec<u64>);

impl Tops {
    /// A push that made `len` marks begins a new block past the first.
    pub fn due(len: usize) -> bool {
        len > BLOCK && (len - 1).is_multiple_of(BLOCK)
    }

    /// A mark was pushed onto `marks` and [`due`](Self::due) said so.
    pub fn pushed(&mut self, marks: &[u64]) {
        if self.0.is_empty() {
            self.0.push(marks[0]);
        }
        self.0.push(marks[marks.len() - 1]);
    }

    /// The last mark was popped: `len` are left.
    pub fn popped(&mut self, len: usize) {
        if len.is_multiple_of(BLOCK) {
            self.0.truncate(len / BLOCK);
        }
    }

    /// How many of `marks` are at or before `key` (a partition point);
    /// `tops` the track's, if it has them.
    pub fn count_upto(tops: Option<&Tops>, marks: &[u64], key: u64) -> usize {
        let tops = match tops {
            Some(t) if !t.0.is_empty() => &t.0,
            _ => return marks.partition_point(|&m| m <= key),
        };
        let Some(b) = tops.partition_point(|&m| m <= key).checked_sub(1) else {
            return 0;
        };
        let lo = b * BLOCK;
        let hi = (lo + BLOCK).min(marks.len());
        lo + marks[lo..hi].partition_point(|&m| m <= key)
    }
}
