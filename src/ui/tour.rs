//! `threadline demo`: a guided tour through the lesson, scene by scene.
//!
//! The tour is a pure state machine over two clocks handed in: the wall
//! time since the tour began (for how long a caption stays) and the
//! program time of the run on screen. It says what to do through [`Cue`]s;
//! the app carries them out. So tests drive it with a fake clock.
//!
//! Each scene knows its key moments in program time before it starts: the
//! scenario is run once at top speed with the tour's seed (a few
//! milliseconds), and a run with the same seed repeats it to the event. The
//! live run is then stepped up to each moment and held there, e.g. just
//! before the daemon threads are cut short.

use std::sync::Arc;
use std::time::Duration;

use crate::event::{MAIN, Nanos, SECOND, State};
use crate::model::Timeline;
use crate::runtime::{MAX_SPEED, Run, RunOptions};
use crate::scenario::Program;

/// How long the scene's introduction shows before its program runs.
pub const INTRO: Duration = Duration::from_secs(4);
/// How long the program stays frozen at a key moment.
pub const HOLD: Duration = Duration::from_secs(5);
/// How long the outcome shows before the next scene.
pub const OUTRO: Duration = Duration::from_secs(6);

/// Where a key moment falls, found in the scene's timeline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    /// This long after main's code ended.
    AfterMainCodeEnd(Nanos),
    /// The last instant before the process exits (daemons not cut yet).
    BeforeExit,
    /// This long after main first blocks in join().
    AfterFirstJoin(Nanos),
    /// This long after the first output line that starts with the text.
    AfterOutput(&'static str, Nanos),
    /// At this program time.
    At(Nanos),
}

impl When {
    /// The moment's program time in `tl`, if the run has it.
    pub fn find(&self, tl: &Timeline) -> Option<Nanos> {
        match *self {
            When::AfterMainCodeEnd(d) => tl.main_code_end.map(|t| t + d),
            When::BeforeExit => tl.process_exit.map(|(t, _)| t.saturating_sub(1)),
            When::AfterFirstJoin(d) => {
                let main = tl.track(MAIN)?;
                let first = main
                    .spans(tl.horizon(0))
                    .find(|s| s.state == State::Joining)?;
                Some(first.start + d)
            }
            When::AfterOutput(text, d) => tl
                .output
                .iter()
                .find(|l| l.text.starts_with(text))
                .map(|l| l.at + d),
            When::At(t) => Some(t),
        }
    }
}

/// A key moment: when, and what the caption says then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub when: When,
    /// Message key of the caption.
    pub caption: &'static str,
}

/// One scene: a built-in scenario, how fast it runs, and what it says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scene {
    pub scenario: &'static str,
    /// Program speed (times the tour's `--speed`).
    pub speed: f64,
    /// Message keys: before it runs, and after it ended.
    pub intro: &'static str,
    pub outro: &'static str,
    pub moments: &'static [Moment],
}

const MS: Nanos = SECOND / 1000;

/// The lesson, in order: threads, daemons, join, the two together, then
/// the GIL, a race, and processes.
pub const SCENES: &[Scene] = &[
    Scene {
        scenario: "basic",
        speed: 1.0,
        intro: "tour-basic-intro",
        outro: "tour-basic-outro",
        moments: &[Moment {
            when: When::AfterMainCodeEnd(300 * MS),
            caption: "tour-basic-main-end",
        }],
    },
    Scene {
        scenario: "daemon",
        speed: 0.1,
        intro: "tour-daemon-intro",
        outro: "tour-daemon-outro",
        moments: &[Moment {
            when: When::BeforeExit,
            caption: "tour-daemon-before-exit",
        }],
    },
    Scene {
        scenario: "join",
        speed: 1.0,
        intro: "tour-join-intro",
        outro: "tour-join-outro",
        moments: &[Moment {
            when: When::AfterFirstJoin(500 * MS),
            caption: "tour-join-joining",
        }],
    },
    Scene {
        scenario: "mixed",
        speed: 1.0,
        intro: "tour-mixed-intro",
        outro: "tour-mixed-outro",
        moments: &[Moment {
            when: When::BeforeExit,
            caption: "tour-mixed-before-exit",
        }],
    },
    Scene {
        scenario: "gil-cpu",
        speed: 1.0,
        intro: "tour-gil-cpu-intro",
        outro: "tour-gil-cpu-outro",
        moments: &[Moment {
            when: When::At(SECOND),
            caption: "tour-gil-cpu-turns",
        }],
    },
    Scene {
        scenario: "gil-io",
        speed: 0.5,
        intro: "tour-gil-io-intro",
        outro: "tour-gil-io-outro",
        moments: &[Moment {
            when: When::At(250 * MS),
            caption: "tour-gil-io-overlap",
        }],
    },
    Scene {
        scenario: "race",
        speed: 1.0,
        intro: "tour-race-intro",
        outro: "tour-race-outro",
        moments: &[Moment {
            when: When::AfterOutput("counter =", MS),
            caption: "tour-race-lost",
        }],
    },
    Scene {
        scenario: "processes",
        speed: 1.0,
        intro: "tour-processes-intro",
        outro: "tour-processes-outro",
        moments: &[Moment {
            when: When::At(250 * MS),
            caption: "tour-processes-parallel",
        }],
    },
];

/// Threads started within this long of the one before start "at once".
const BURST: Nanos = 50 * MS;

/// Where the introduction shows the run: once the threads it starts at
/// once have started (each within [`BURST`] of the one before), so that
/// the caption has rows to point at, and before `limit` (the first moment,
/// or the end). Main alone: its first instant.
pub fn intro_time(tl: &Timeline, limit: Nanos) -> Nanos {
    let mut starts: Vec<(Nanos, Nanos)> = tl
        .tracks()
        .iter()
        .filter(|t| t.id != MAIN)
        .map(|t| {
            (
                t.created(),
                t.started().unwrap_or(t.created()).max(t.created()),
            )
        })
        .collect();
    starts.sort_unstable();
    let mut last = (0, 1);
    for s in starts {
        if s.0 > last.0 + BURST {
            break;
        }
        last = s;
    }
    last.1.min(limit.saturating_sub(1))
}

/// A scene's times, from one run at top speed with `seed` (the live run
/// with that seed repeats it exactly): where its introduction shows it
/// ([`intro_time`]) and its moments (those the run has).
pub fn scene_times(
    program: &Arc<Program>,
    scene: &Scene,
    seed: u64,
    cores: usize,
) -> (Nanos, Vec<Nanos>) {
    let (tx, rx) = crossbeam_channel::unbounded();
    let opts = RunOptions {
        speed: MAX_SPEED,
        seed,
        paused: false,
        cores,
    };
    if let Ok(run) = Run::start(Arc::clone(program), opts, tx) {
        run.wait();
    }
    let tl = Timeline::from_events(&rx.try_iter().flatten().collect::<Vec<_>>());
    let mut times: Vec<Nanos> = scene
        .moments
        .iter()
        .filter_map(|m| m.when.find(&tl))
        .collect();
    times.sort_unstable();
    let end = tl.process_exit.map_or(Nanos::MAX, |(t, _)| t);
    let intro = intro_time(&tl, times.first().copied().unwrap_or(end));
    (intro, times)
}

/// The program times of a scene's moments (see [`scene_times`]).
pub fn moment_times(program: &Arc<Program>, scene: &Scene, seed: u64, cores: usize) -> Vec<Nanos> {
    scene_times(program, scene, seed, cores).1
}

/// What the app is to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// Load scene `index` (its scenario at its speed), frozen at t = 0
    /// (the introduction then runs it to where it shows it).
    Load { index: usize },
    /// Run the program up to this program time, then freeze.
    RunUntil(Nanos),
    /// Run the program freely (to its end).
    Resume,
}

/// Where the tour stands within a scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// The introduction shows, the program waits at t = 0.
    Intro { until: Duration },
    /// The program runs towards the next moment (or its end).
    Playing,
    /// Frozen at moment `moment`.
    Holding { moment: usize, until: Duration },
    /// The program has ended; its outcome shows.
    Outro { until: Duration },
    /// The last scene is over (without --loop).
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    pub scenes: &'static [Scene],
    pub index: usize,
    pub stage: Stage,
    /// Program times of this scene's moments.
    times: Vec<Nanos>,
    /// The next moment to reach.
    next: usize,
    /// Start again after the last scene.
    pub looping: bool,
    /// False once the user took control with a key.
    pub autoplay: bool,
    /// Where the introduction shows the loaded scene's run.
    pub intro: Nanos,
}

impl Tour {
    pub fn new(looping: bool) -> Tour {
        Tour {
            scenes: SCENES,
            index: 0,
            stage: Stage::Done,
            times: Vec::new(),
            next: 0,
            looping,
            autoplay: true,
            intro: 0,
        }
    }

    pub fn scene(&self) -> &Scene {
        &self.scenes[self.index]
    }

    /// Go to scene `index` at wall time `now`.
    pub fn go(&mut self, index: usize, now: Duration) -> Vec<Cue> {
        self.index = index.min(self.scenes.len() - 1);
        self.stage = Stage::Intro { until: now + INTRO };
        self.times.clear();
        self.next = 0;
        let mut cues = vec![Cue::Load { index: self.index }];
        if !self.autoplay {
            // Under the user's control a scene just runs.
            self.stage = Stage::Playing;
            cues.push(Cue::Resume);
        }
        cues
    }

    /// The loaded scene's moments (from [`moment_times`]).
    pub fn set_times(&mut self, times: Vec<Nanos>) {
        self.times = times;
    }

    /// The loaded scene's introduction shows its run at `at` (from
    /// [`scene_times`]): the threads it starts, not an empty chart.
    pub fn set_intro(&mut self, at: Nanos) -> Vec<Cue> {
        self.intro = at;
        match self.stage {
            Stage::Intro { .. } if self.autoplay && at > 0 => vec![Cue::RunUntil(at)],
            _ => Vec::new(),
        }
    }

    /// The next scene (n), wrapping round.
    pub fn next_scene(&mut self, now: Duration) -> Vec<Cue> {
        self.go((self.index + 1) % self.scenes.len(), now)
    }

    /// The previous scene (p), wrapping round.
    pub fn prev_scene(&mut self, now: Duration) -> Vec<Cue> {
        self.go(
            (self.index + self.scenes.len() - 1) % self.scenes.len(),
            now,
        )
    }

    /// A key other than the tour's own: the user drives from now on.
    pub fn take_control(&mut self) {
        self.autoplay = false;
        if matches!(self.stage, Stage::Intro { .. } | Stage::Holding { .. }) {
            self.stage = Stage::Playing;
        }
    }

    /// Hand control back to the tour (a): it goes on from where it is.
    pub fn resume_autoplay(&mut self, program: Nanos) -> Vec<Cue> {
        self.autoplay = true;
        while self.next < self.times.len() && self.times[self.next] <= program {
            self.next += 1;
        }
        self.stage = Stage::Playing;
        vec![self.run_on()]
    }

    fn run_on(&self) -> Cue {
        match self.times.get(self.next) {
            Some(&t) => Cue::RunUntil(t),
            None => Cue::Resume,
        }
    }

    /// Move on as time passes: `now` since the tour began, the program's
    /// time and whether it has ended.
    pub fn tick(&mut self, now: Duration, program: Nanos, finished: bool) -> Vec<Cue> {
        if !self.autoplay {
            return Vec::new();
        }
        match self.stage {
            Stage::Intro { until } if now >= until => {
                self.stage = Stage::Playing;
                vec![self.run_on()]
            }
            Stage::Playing if finished => {
                self.stage = Stage::Outro { until: now + OUTRO };
                Vec::new()
            }
            Stage::Playing => match self.times.get(self.next) {
                Some(&t) if program >= t => {
                    self.stage = Stage::Holding {
                        moment: self.next,
                        until: now + HOLD,
                    };
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Stage::Holding { until, .. } if now >= until => {
                self.next += 1;
                self.stage = Stage::Playing;
                vec![self.run_on()]
            }
            Stage::Outro { until } if now >= until => {
                if self.index + 1 < self.scenes.len() {
                    self.go(self.index + 1, now)
                } else if self.looping {
                    self.go(0, now)
                } else {
                    self.stage = Stage::Done;
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    /// When the tour next needs a tick by itself, as wall time since it
    /// began; `None` while only the program can move it on (then the
    /// program's own events wake the app) or when it is done.
    pub fn deadline(&self) -> Option<Duration> {
        if !self.autoplay {
            return None;
        }
        match self.stage {
            Stage::Intro { until } | Stage::Holding { until, .. } | Stage::Outro { until } => {
                Some(until)
            }
            Stage::Playing | Stage::Done => None,
        }
    }

    /// The message key of the caption to show now.
    pub fn caption(&self, program: Nanos) -> &'static str {
        let scene = self.scene();
        match self.stage {
            Stage::Intro { .. } => scene.intro,
            Stage::Holding { moment, .. } => {
                scene.moments[moment.min(scene.moments.len() - 1)].caption
            }
            Stage::Outro { .. } | Stage::Done => scene.outro,
            Stage::Playing => {
                // The latest moment passed, or the introduction.
                let passed = self.times.iter().filter(|&&t| t <= program).count();
                match passed {
                    0 => scene.intro,
                    n => scene.moments[(n - 1).min(scene.moments.len() - 1)].caption,
                }
            }
        }
    }
}
