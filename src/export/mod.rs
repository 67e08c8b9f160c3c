//! Taking a run elsewhere: a Chrome/Perfetto trace, a recording to replay,
//! an SVG picture. Output paths are checked before the run starts, nothing
//! the user made is overwritten without `--force`, and every file is written
//! to a temporary file beside it first, so a failure never leaves half a file.

pub mod chrome;
pub mod file;
pub mod record;
pub mod svg;

use std::io;
use std::path::PathBuf;

use crate::event::Event;
use crate::i18n::{Lang, Msg};
use crate::model::Timeline;
use crate::msg;

/// Where the outputs of a run go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outputs {
    pub trace: Option<PathBuf>,
    pub record: Option<PathBuf>,
    pub svg: Option<PathBuf>,
    /// Overwrite existing files.
    pub force: bool,
}

impl Outputs {
    fn paths(&self) -> impl Iterator<Item = (&'static str, &PathBuf)> {
        [
            ("--export-trace", &self.trace),
            ("--record", &self.record),
            ("--svg", &self.svg),
        ]
        .into_iter()
        .filter_map(|(flag, p)| p.as_ref().map(|p| (flag, p)))
    }

    pub fn is_empty(&self) -> bool {
        self.paths().next().is_none()
    }

    /// A recording is asked for: every event must be kept.
    pub fn needs_events(&self) -> bool {
        self.record.is_some()
    }

    /// Before the run: every path can be written, no file is named twice
    /// (under any spelling), and none would overwrite anything unless
    /// `--force` says so, and then only a regular file.
    pub fn check(&self) -> Result<(), Msg> {
        let mut seen: Vec<(PathBuf, &PathBuf)> = Vec::new();
        for (flag, p) in self.paths() {
            let path = crate::text::escape(&p.display().to_string()).into_owned();
            let target = file::check(p, self.force).map_err(|e| match e {
                file::Refusal::IsDir => msg!("output-is-dir", path = path.clone(), flag = flag),
                file::Refusal::Exists => msg!("output-exists", path = path.clone()),
                file::Refusal::NotRegular => msg!("output-not-file", path = path.clone()),
                file::Refusal::Io(e) => msg!(
                    "output-unwritable",
                    path = path.clone(),
                    error = e.to_string()
                ),
            })?;
            if let Some((_, first)) = seen.iter().find(|(t, _)| *t == target) {
                let first = crate::text::escape(&first.display().to_string()).into_owned();
                return Err(msg!("output-twice", path = path, first = first));
            }
            seen.push((target, p));
        }
        Ok(())
    }

    /// After the run: write every output asked for; a failure says which.
    pub fn save(
        &self,
        header: &record::Header,
        events: &[Event],
        timeline: &Timeline,
        lang: Lang,
    ) -> Result<(), crate::failure::Failure> {
        self.write(header, events, timeline, lang).map_err(|e| {
            crate::failure::Failure::Runtime(msg!("error-write-output", error = e.to_string()))
        })
    }

    /// After the run: write every output asked for (the picture's words in `lang`).
    pub fn write(
        &self,
        header: &record::Header,
        events: &[Event],
        timeline: &Timeline,
        lang: Lang,
    ) -> io::Result<()> {
        let force = self.force;
        if let Some(p) = &self.trace {
            file::write(p, force, |w| {
                serde_json::to_writer(w, &chrome::trace(timeline, &header.words.title))
                    .map_err(io::Error::from)
            })?;
        }
        if let Some(p) = &self.record {
            file::write(p, force, |w| record::write(w, header, events))?;
        }
        if let Some(p) = &self.svg {
            file::write(p, force, |w| {
                w.write_all(svg::render(timeline, &header.words, lang).as_bytes())
            })?;
        }
        Ok(())
    }
}

/// One side of a comparison, for its outputs: its model and its title line.
pub struct SideOut<'a> {
    pub timeline: &'a Timeline,
    pub heading: String,
}

impl Outputs {
    /// After a comparison: both runs in each output asked for (a trace of
    /// two processes, one SVG card on one axis); a failure says which.
    pub fn save_pair(
        &self,
        sides: [SideOut<'_>; 2],
        differences: &[String],
        lang: Lang,
    ) -> Result<(), crate::failure::Failure> {
        let write = || -> io::Result<()> {
            if let Some(p) = &self.trace {
                let both = [0, 1].map(|i| (sides[i].timeline, sides[i].heading.as_str()));
                file::write(p, self.force, |w| {
                    serde_json::to_writer(w, &chrome::trace_pair(both)).map_err(io::Error::from)
                })?;
            }
            if let Some(p) = &self.svg {
                let both = [0, 1].map(|i| (sides[i].timeline, sides[i].heading.clone()));
                let picture = svg::render_pair(both, differences, lang);
                file::write(p, self.force, |w| w.write_all(picture.as_bytes()))?;
            }
            Ok(())
        };
        write().map_err(|e| {
            crate::failure::Failure::Runtime(msg!("error-write-output", error = e.to_string()))
        })
    }
}
