//! What the dashboard asks of a timeline every frame, kept between the
//! events that change it: with 100,000 threads each of these was a look at
//! every thread, several times a frame.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::Timeline;
use super::deadlock::Cycle;
use super::outcome::CpuShare;
use crate::event::{MAIN, Nanos, ThreadId};
use crate::text::{escape, shorten_apart};

/// Forgotten by [`Timeline::apply`] when an event could change them.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// The widest thread label (name and pid), in cells.
    label_width: OnceLock<usize>,
    /// Every thread's label cut to a width, names that differ kept apart.
    names: Kept<usize, Arc<[String]>>,
    /// The cycle of waits, if there is one.
    deadlock: OnceLock<Option<Cycle>>,
    stall: OnceLock<Option<Cycle>>,
    /// The ring the process left behind as it ended, if it did.
    ring_left: OnceLock<Option<Cycle>>,
    /// How the workers shared the processor, at the time asked last.
    cpu_share: Kept<Nanos, Option<CpuShare>>,
    /// The name of each thread with a line in the output pane, cut.
    printers: Kept<usize, Arc<BTreeMap<ThreadId, String>>>,
    /// Who held the GIL in each cell, for the cell edges asked last.
    gil_holders: Kept<Vec<Nanos>, Arc<[Option<ThreadId>]>>,
    /// The process has exited and every thread's end is known.
    complete: OnceLock<bool>,
    /// How many threads but main there are, and how many are daemons.
    daemons: OnceLock<(usize, usize)>,
    /// This state of the timeline, told apart from every other.
    stamp: OnceLock<u64>,
}

/// The values for the last two keys asked (a frame may ask two: the
/// rows' names and the GIL lane's). A `Mutex` to be `Clone`, `Default`
/// and `Sync` as the timeline is.
#[derive(Debug)]
struct Kept<K, V>(Mutex<Vec<(K, V)>>);

/// How many keys a [`Kept`] keeps.
const KEYS: usize = 2;

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(Mutex::new(Vec::new()))
    }
}

impl<K: Clone, V: Clone> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept(Mutex::new(
            self.0.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        ))
    }
}

impl<K, V: Clone> Kept<K, V> {
    /// The value for `key`: kept, or `find` it (and keep it).
    fn get<Q>(&self, key: &Q, find: impl FnOnce() -> V) -> V
    where
        Q: PartialEq + ToOwned<Owned = K> + ?Sized,
        K: Borrow<Q>,
    {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, v)) = kept.iter().find(|(k, _)| k.borrow() == key) {
            return v.clone();
        }
        let v = find();
        if kept.len() >= KEYS {
            kept.remove(0);
        }
        kept.push((key.to_owned(), v.clone()));
        v
    }
}

/// Memos never make two timelines differ.
impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

/// The next stamp; never the same twice in a process.
static STAMPS: AtomicU64 = AtomicU64::new(1);

impl Memo {
    /// A thread was added, renamed or became a process: its label changed.
    pub fn labels_changed(&mut self) {
        self.label_width = OnceLock::new();
        self.names = Kept::default();
    }

    /// An event came: states, who waits on whom, who holds the GIL may
    /// have changed.
    pub fn states_changed(&mut self) {
        self.deadlock = OnceLock::new();
        self.stall = OnceLock::new();
        self.ring_left = OnceLock::new();
        self.cpu_share = Kept::default();
        self.gil_holders = Kept::default();
        self.printers = Kept::default();
        self.complete = OnceLock::new();
        self.daemons = OnceLock::new();
        self.stamp = OnceLock::new();
    }

    /// The CPU share at `now`: kept, or `find` it.
    pub fn cpu_share(
        &self,
        now: Nanos,
        find: impl FnOnce() -> Option<CpuShare>,
    ) -> Option<CpuShare> {
        self.cpu_share.get(&now, find)
    }
}

impl Timeline {
    /// The widest label of a thread ([`Track::label_width`](super::Track::label_width)).
    pub fn label_width(&self) -> usize {
        *self.memo.label_width.get_or_init(|| {
            self.tracks()
                .iter()
                .map(super::Track::label_width)
                .max()
                .unwrap_or(0)
        })
    }

    /// The process has exited and every thread's end is known.
    pub fn is_complete(&self) -> bool {
        *self.memo.complete.get_or_init(|| {
            self.process_exit.is_some()
                && self
                    .tracks()
                    .iter()
                    .all(|t| t.end().is_some() || t.started().is_none())
        })
    }

    /// How many threads but main there are, and how many of them are
    /// daemons.
    pub fn daemon_count(&self) -> (usize, usize) {
        *self.memo.daemons.get_or_init(|| {
            let workers = self.tracks().iter().filter(|t| t.id != MAIN);
            workers.fold((0, 0), |(n, d), t| (n + 1, d + usize::from(t.daemon())))
        })
    }

    /// Every thread's label (escaped) in `w` columns, one per track in
    /// order: names that differ kept different (`ThreadPoolExe…0_1`,
    /// `ThreadPoolExe…0_2`). Kept until a label changes.
    pub fn names_in(&self, w: usize) -> Arc<[String]> {
        self.memo.names.get(&w, || {
            let labels: Vec<String> = self
                .tracks()
                .iter()
                .map(|t| escape(&t.label()).into_owned())
                .collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            shorten_apart(&labels, w).into()
        })
    }

    /// The name of every thread with a line in the output pane (printed,
    /// or one a cut-short thread never printed), escaped, in `w` columns:
    /// names that differ stay different whichever lines are in view. Kept
    /// until an event comes.
    pub fn printer_names(&self, w: usize) -> Arc<BTreeMap<ThreadId, String>> {
        self.memo.printers.get(&w, || {
            let ghosts = self
                .tracks()
                .iter()
                .filter(|t| t.ghost().is_some_and(|g| !g.lines.is_empty()))
                .map(|t| t.id);
            let ids: BTreeSet<ThreadId> = self.output.printers().chain(ghosts).collect();
            let full: Vec<String> = ids
                .iter()
                .map(|&t| escape(&self.name_of(t)).into_owned())
                .collect();
            let refs: Vec<&str> = full.iter().map(String::as_str).collect();
            Arc::new(ids.into_iter().zip(shorten_apart(&refs, w)).collect())
        })
    }

    /// Who held the GIL longest in each cell between consecutive `edges`
    /// ([`GilLane::holder_in`](super::GilLane::holder_in)); kept until an
    /// event comes or other edges are asked.
    pub fn gil_holders(&self, edges: &[Nanos]) -> Arc<[Option<ThreadId>]> {
        self.memo
            .gil_holders
            .get(edges, || self.gil.holders(edges).into())
    }

    /// A number for this state of the timeline: the same until an event
    /// is applied, never given to another state (of this timeline or any
    /// other), so views can keep what they computed from it.
    pub fn stamp(&self) -> u64 {
        *self
            .memo
            .stamp
            .get_or_init(|| STAMPS.fetch_add(1, Ordering::Relaxed))
    }

    /// A cycle of waits among the live threads, if there is one (the one
    /// through the thread created first), or a stall that has been called.
    pub fn deadlock(&self) -> Option<Cycle> {
        self.memo
            .deadlock
            .get_or_init(|| self.find_deadlock())
            .clone()
    }

    /// Every live thread waiting forever now, if so, called or not yet
    /// (see [`confirm_stall`](Self::confirm_stall)).
    pub fn stall(&self) -> Option<Cycle> {
        self.memo.stall.get_or_init(|| self.find_stall()).clone()
    }

    /// The ring of waits the process's end cut short, if it ended with one
    /// standing (see `deadlock/`).
    pub fn ring_left_at_end(&self) -> Option<Cycle> {
        self.memo
            .ring_left
            .get_or_init(|| self.find_ring_left())
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventKind, Outcome, State, Stream};

    /// A random event among `threads` threads at `at`: spawns (names that
    /// cut alike), states, output, ends, renames, daemon flags.
    fn event(rng: &mut fastrand::Rng, threads: u32, at: Nanos) -> Event {
        let id = rng.u32(0..threads);
        let kind = match rng.u8(0..10) {
            0 => EventKind::Spawned {
                name: format!("ThreadPoolExecutor-0_{}", rng.u32(0..40)),
                daemon: rng.bool(),
                parent: (id != MAIN).then_some(MAIN),
            },
            1 => EventKind::Renamed {
                name: ["main", "w", "a\u{7}bell"][rng.usize(0..3)].to_string(),
            },
            2 => EventKind::Daemon { daemon: rng.bool() },
            3 => EventKind::Output {
                text: "line".into(),
                stream: Stream::Stdout,
                more: false,
            },
            4 => EventKind::ended(Outcome::Finished),
            5 if rng.u8(0..8) == 0 => EventKind::ProcessExit { code: 0 },
            _ => EventKind::state(
                [State::Running, State::Sleeping, State::WaitingGil][rng.usize(0..3)],
            ),
        };
        Event::new(0, at, id, kind)
    }

    /// Who held the GIL longest in `[a, b)`, the first to get there of
    /// those who held it as long: the same question, asked naively.
    fn holder_naive(tl: &Timeline, a: Nanos, b: Nanos) -> Option<ThreadId> {
        let mut totals: Vec<(ThreadId, Nanos)> = Vec::new();
        let mut best: Option<(Nanos, ThreadId)> = None;
        for t in a..b {
            let Some(who) = tl.gil.holder_in(t, t + 1) else {
                continue;
            };
            let i = totals
                .iter()
                .position(|(w, _)| *w == who)
                .unwrap_or_else(|| {
                    totals.push((who, 0));
                    totals.len() - 1
                });
            totals[i].1 += 1;
            if best.is_none_or(|(n, _)| totals[i].1 > n) {
                best = Some((totals[i].1, who));
            }
        }
        best.map(|(_, w)| w)
    }

    #[test]
    fn every_memo_equals_its_computation_from_scratch_after_random_events() {
        for seed in 0..20 {
            let mut rng = fastrand::Rng::with_seed(seed);
            let mut tl = Timeline::new();
            let threads = rng.u32(2..60);
            let mut stamps = std::collections::HashSet::new();
            for step in 0..300u64 {
                tl.apply(&event(&mut rng, threads, step * 3));
                assert!(
                    stamps.insert(tl.stamp()),
                    "seed {seed}: a stamp given twice"
                );
                assert_eq!(tl.stamp(), tl.stamp());
                let tracks = tl.tracks();
                let widest = tracks.iter().map(|t| t.label_width()).max().unwrap_or(0);
                assert_eq!(tl.label_width(), widest, "seed {seed} step {step}");
                let labels: Vec<String> = tracks
                    .iter()
                    .map(|t| escape(&t.label()).into_owned())
                    .collect();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                for w in [8, 14, 8] {
                    assert_eq!(
                        *tl.names_in(w),
                        *shorten_apart(&labels, w),
                        "seed {seed} step {step}"
                    );
                }
                let ids: BTreeSet<ThreadId> = tl.output.iter().map(|l| l.thread).collect();
                assert_eq!(
                    ids,
                    tl.output.printers().collect(),
                    "seed {seed} step {step}"
                );
                let full: Vec<String> = ids
                    .iter()
                    .map(|&t| escape(&tl.name_of(t)).into_owned())
                    .collect();
                let refs: Vec<&str> = full.iter().map(String::as_str).collect();
                let printers: BTreeMap<ThreadId, String> =
                    ids.iter().copied().zip(shorten_apart(&refs, 6)).collect();
                assert_eq!(*tl.printer_names(6), printers, "seed {seed} step {step}");
                let complete = tl.process_exit.is_some()
                    && tracks
                        .iter()
                        .all(|t| t.end().is_some() || t.started().is_none());
                assert_eq!(tl.is_complete(), complete, "seed {seed} step {step}");
                assert_eq!(tl.deadlock(), tl.find_deadlock(), "seed {seed} step {step}");
                assert_eq!(
                    tl.ring_left_at_end(),
                    tl.find_ring_left(),
                    "seed {seed} step {step}"
                );
                let workers: Vec<_> = tracks.iter().filter(|t| t.id != MAIN).collect();
                let daemons = workers.iter().filter(|t| t.daemon()).count();
                assert_eq!(
                    tl.daemon_count(),
                    (workers.len(), daemons),
                    "seed {seed} step {step}"
                );
                let edges: Vec<Nanos> = (0..=12).map(|c| c * (step * 3 + 3) / 12).collect();
                let fresh: Vec<Option<ThreadId>> = edges
                    .windows(2)
                    .map(|c| holder_naive(&tl, c[0], c[1]))
                    .collect();
                assert_eq!(*tl.gil_holders(&edges), *fresh, "seed {seed} step {step}");
            }
        }
    }

    #[test]
    fn a_cell_of_many_holders_goes_to_who_held_it_longest() {
        // 300 threads take turns, each 1 ns, thread 7 twice as long: more
        // holders in a cell than the short list keeps.
        let mut tl = Timeline::new();
        let mut at = 0;
        for round in 0..3 {
            for id in 0..300u32 {
                let len = if id == 7 || (round == 2 && id == 9) {
                    2
                } else {
                    1
                };
                tl.apply(&Event::new(0, at, id, EventKind::state(State::Running)));
                at += len;
                tl.apply(&Event::new(0, at, id, EventKind::state(State::Sleeping)));
            }
        }
        assert_eq!(tl.gil.holder_in(0, at), Some(7));
        assert_eq!(tl.gil.holder_in(0, at), holder_naive(&tl, 0, at));
        // 9 catches up with 7 only in the last round: 7 got there first.
        assert_eq!(tl.gil.holder_in(300, at), holder_naive(&tl, 300, at));
    }
}
