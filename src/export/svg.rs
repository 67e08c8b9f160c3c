//! The finished timeline as an SVG picture for slides and READMEs: one row
//! per thread, every state with its colour and its own pattern (so it reads
//! in greyscale too), the axis, the markers, a legend and a title, on a card
//! of its own so it reads on light and dark pages alike.

use std::fmt::Write;

use crate::axis::{label, tick_step, ticks};
use crate::event::{MAIN, Nanos, Outcome, State, to_secs};
use crate::i18n::Lang;
use crate::look;
use crate::model::Timeline;
use crate::scenario::Words;
use crate::text::width;
use crate::tr;

const WIDTH: f64 = 960.0;
const NAME_W: f64 = 150.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 76.0;
const PAD: f64 = 20.0;
const INK: &str = "#1f2328";
const MUTED: &str = "#6b7280";

/// Text as XML 1.0 allows it in an element or an attribute: control
/// characters (which XML forbids) shown as their pictures, markup escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::escape(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn pattern_id(s: State) -> &'static str {
    match s {
        State::Running => "running",
        State::Sleeping => "sleeping",
        State::WaitingGil => "gil",
        State::WaitingCpu => "cpu",
        State::Starting => "starting",
        State::Joining => "joining",
        State::WaitingLock => "lock",
        State::Waiting => "waiting",
        State::BlockedIo => "io",
        State::WaitingAtExit => "exit",
    }
}

/// A fill per state: the colour, and a pattern that tells it apart without colour.
fn defs(out: &mut String) {
    out.push_str("<defs>");
    for s in look::STATES {
        let c = look::hex(look::state(s).color);
        let id = pattern_id(s);
        let body = match s {
            State::Running => format!(r#"<rect width="8" height="8" fill="{c}"/>"#),
            State::Sleeping => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.25"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{c}" stroke-width="2"/>"#
            ),
            State::WaitingGil => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.15"/><circle cx="4" cy="4" r="1.6" fill="{c}"/>"#
            ),
            State::WaitingCpu => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.1"/><circle cx="4" cy="4" r="0.9" fill="{c}"/>"#
            ),
            State::Starting => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.2"/><path d="M2,1 l4,3 l-4,3 z" fill="{c}"/>"#
            ),
            State::Joining => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.15"/><path d="M0,2.5 h8 M0,5.5 h8" stroke="{c}" stroke-width="1.2"/>"#
            ),
            State::Waiting => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.15"/><path d="M0,4 q2,-3 4,0 t4,0" stroke="{c}" stroke-width="1.2" fill="none"/>"#
            ),
            State::BlockedIo => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.15"/><path d="M0,1.5 h8 M0,4 h8 M0,6.5 h8" stroke="{c}" stroke-width="1"/>"#
            ),
            State::WaitingLock => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.15"/><path d="M0,0 l8,8 M8,0 l-8,8" stroke="{c}" stroke-width="1.2"/>"#
            ),
            State::WaitingAtExit => format!(
                r#"<rect width="8" height="8" fill="{c}" fill-opacity="0.12"/><path d="M0,4 h8" stroke="{c}" stroke-width="1" stroke-dasharray="1,1"/>"#
            ),
        };
        let _ = write!(
            out,
            r#"<pattern id="p-{id}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>"#
        );
    }
    out.push_str("</defs>");
}

/// One span of the row at `y` in its state's pattern, its times as its
/// tooltip; a ghost's (what a thread cut short would still have done) is
/// thinner and outlined dashed.
fn span_rect(
    o: &mut String,
    x: &dyn Fn(Nanos) -> f64,
    y: f64,
    (state, start, end): (State, Nanos, Nanos),
    ghost: bool,
    lang: Lang,
) {
    let what = look::state(state).label(lang);
    let from = format!("{:.3}", to_secs(start));
    let to = format!("{:.3}", to_secs(end));
    let (inset, outline, title) = if ghost {
        let outline = format!(r#" stroke="{MUTED}" stroke-dasharray="3,2""#);
        let title = tr!(lang, "svg-ghost-span", what = what, from = from, to = to);
        (7.0, outline, title)
    } else {
        let title = tr!(lang, "svg-span", what = what, from = from, to = to);
        (5.0, String::new(), title)
    };
    let _ = write!(
        o,
        r#"<rect x="{:.2}" y="{:.1}" width="{:.2}" height="{:.1}" fill="url(#p-{})"{outline}><title>{}</title></rect>"#,
        x(start),
        y + inset,
        (x(end) - x(start)).max(0.5),
        ROW_H - 2.0 * inset,
        pattern_id(state),
        esc(&title),
    );
}

/// What a thread cut short would still have done, past its end: each span
/// in its state's pattern, faint, in a dashed outline; each line it would
/// have printed as a small tick with the text as its tooltip.
fn ghost(o: &mut String, g: &crate::model::Ghost, y: f64, x: &dyn Fn(Nanos) -> f64, lang: Lang) {
    let _ = write!(o, r#"<g class="ghost" opacity="0.45">"#);
    for s in g.spans.iter().filter(|s| s.end > s.start) {
        span_rect(o, x, y, (s.state, s.start, s.end), true, lang);
    }
    for l in &g.lines {
        let _ = write!(
            o,
            r#"<text x="{:.1}" y="{:.1}" fill="{INK}" font-size="11" text-anchor="middle">{}<title>{}</title></text>"#,
            x(l.at),
            y + ROW_H * 0.66,
            look::GHOST,
            esc(&tr!(lang, "svg-ghost-line", line = l.text.as_str()))
        );
    }
    o.push_str("</g>");
}

/// Where one chart goes on the card and how program time maps to x.
struct Chart<'a> {
    tl: &'a Timeline,
    /// The top of its first row.
    top: f64,
    /// The end of the axis (program time at the right edge).
    end: Nanos,
}

const CHART_X: f64 = PAD + NAME_W;
const CHART_W: f64 = WIDTH - CHART_X - PAD - 70.0;

impl Chart<'_> {
    fn x(&self, t: Nanos) -> f64 {
        CHART_X + CHART_W * t as f64 / self.end.max(1) as f64
    }

    fn rows(&self) -> f64 {
        self.tl.tracks().len() as f64
    }

    /// Below the rows: where the markers' labels go.
    fn bottom(&self) -> f64 {
        self.top + self.rows() * ROW_H
    }

    /// The axis (its ticks above the rows), the rows, the markers.
    fn draw(&self, o: &mut String, lang: Lang) {
        self.axis(o);
        self.draw_rows(o, lang);
        self.markers(o, lang);
    }

    fn axis(&self, o: &mut String) {
        let step = tick_step(self.end, (CHART_W / 8.0) as u16, 10);
        for t in ticks(0, self.end, step, true, 200) {
            let _ = write!(
                o,
                r##"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="#e3e6ea"/>"##,
                self.x(t),
                self.top - 6.0,
                self.bottom()
            );
            let _ = write!(
                o,
                r#"<text x="{:.1}" y="{}" fill="{MUTED}" font-size="11" text-anchor="middle">{}</text>"#,
                self.x(t),
                self.top - 10.0,
                esc(&label(t, step))
            );
        }
    }

    fn draw_rows(&self, o: &mut String, lang: Lang) {
        let tl = self.tl;
        let horizon = tl.horizon(0).max(1);
        let x = |t: Nanos| self.x(t);
        for (i, tr) in tl.tracks().iter().enumerate() {
            let y = self.top + i as f64 * ROW_H;
            let name = if tr.daemon() {
                tr!(lang, "svg-daemon", name = tr.name.as_str())
            } else {
                tr.name.to_string()
            };
            let _ = write!(o, r#"<g class="row" data-thread="{}">"#, esc(&tr.name));
            let _ = write!(
                o,
                r#"<text x="{PAD}" y="{:.1}" fill="{INK}">{}</text>"#,
                y + ROW_H * 0.65,
                esc(&name)
            );
            for s in tr.spans(horizon).filter(|s| s.end > s.start) {
                span_rect(o, &x, y, (s.state, s.start, s.end), false, lang);
            }
            if let Some(g) = tr.ghost() {
                ghost(o, g, y, &x, lang);
            }
            if let Some((at, oc)) = tr.end() {
                let l = look::outcome(oc, tr.id == MAIN);
                let color = if oc == Outcome::Finished {
                    INK
                } else {
                    look::hex(l.color)
                };
                let _ = write!(
                    o,
                    r#"<text x="{:.1}" y="{:.1}" fill="{color}" font-weight="bold">{}</text>"#,
                    x(at) + 3.0,
                    y + ROW_H * 0.68,
                    esc(&l.glyph.to_string())
                );
                if oc != Outcome::Finished {
                    let _ = write!(
                        o,
                        r#"<text x="{:.1}" y="{:.1}" fill="{color}" font-size="11">{}</text>"#,
                        x(at) + 16.0,
                        y + ROW_H * 0.66,
                        esc(&l.label(lang))
                    );
                }
            }
            o.push_str("</g>");
        }
    }

    fn markers(&self, o: &mut String, lang: Lang) {
        let tl = self.tl;
        let bottom = self.bottom();
        let marks = [
            (tl.main_code_end, tr!(lang, "marker-code-end"), "4,3", "end"),
            (
                tl.process_exit.map(|(t, _)| t),
                tr!(lang, "marker-exit"),
                "none",
                "start",
            ),
        ];
        for (t, text, dash, anchor) in marks {
            let Some(t) = t else { continue };
            let red = look::hex(ratatui::style::Color::Red);
            let _ = write!(
                o,
                r#"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="{red}" stroke-width="1.5" stroke-dasharray="{dash}"/>"#,
                self.x(t),
                self.top - 4.0,
                bottom + 6.0
            );
            let dx = if anchor == "end" { -4.0 } else { 4.0 };
            let _ = write!(
                o,
                r#"<text x="{:.1}" y="{}" fill="{red}" font-size="11" text-anchor="{anchor}">{}</text>"#,
                self.x(t) + dx,
                bottom + 18.0,
                esc(&text)
            );
        }
    }
}

/// Where an axis of timelines ending at `extent` ends: a little past it.
fn axis_end(extent: Nanos) -> Nanos {
    let extent = extent.max(1);
    extent.saturating_add(extent / 12)
}

/// Every state's pattern and every outcome's glyph, named, from `y`.
fn legend(o: &mut String, y: f64, ghosts: bool, lang: Lang) {
    let mut lx = PAD;
    for s in look::STATES {
        let label = look::state(s).label(lang);
        let _ = write!(
            o,
            r##"<rect x="{lx}" y="{y}" width="22" height="14" fill="url(#p-{})" stroke="#c9ced6"/>"##,
            pattern_id(s)
        );
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" fill="{INK}" font-size="12">{}</text>"#,
            lx + 28.0,
            y + 11.5,
            esc(&label)
        );
        // About 9 px a column: a Hangul syllable takes two.
        lx += 28.0 + 9.0 * width(&label) as f64 + 18.0;
    }
    let mut lx = PAD;
    let ly = y + 30.0;
    for oc in look::OUTCOMES {
        let l = look::outcome(oc, false);
        let _ = write!(
            o,
            r#"<text x="{lx}" y="{ly}" fill="{}" font-weight="bold">{}</text><text x="{}" y="{ly}" fill="{INK}" font-size="12">{}</text>"#,
            look::hex(l.color),
            esc(&l.glyph.to_string()),
            lx + 16.0,
            esc(&l.label(lang))
        );
        lx += 120.0;
    }
    if ghosts {
        let text = tr!(lang, "svg-ghost-legend");
        let _ = write!(
            o,
            r##"<rect x="{lx}" y="{}" width="22" height="14" fill="none" stroke="{MUTED}" stroke-dasharray="3,2"/><text x="{}" y="{ly}" fill="{INK}" font-size="12">{}</text>"##,
            ly - 11.5,
            lx + 28.0,
            esc(&text)
        );
    }
}

/// The card: the picture's frame and its patterns.
fn card(o: &mut String, height: f64) {
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="13">"#
    );
    defs(o);
    let _ = write!(
        o,
        r##"<rect x="0.5" y="0.5" width="{}" height="{}" rx="10" fill="#fbfbfc" stroke="#d0d4da"/>"##,
        WIDTH - 1.0,
        height - 1.0
    );
}

/// How the process ended, for a subtitle.
fn exit_words(tl: &Timeline, lang: Lang) -> String {
    match tl.process_exit {
        Some((at, code)) => tr!(
            lang,
            "process-exited",
            at = format!("{:.3}", to_secs(at)),
            code = code
        ),
        None => tr!(lang, "svg-still-running"),
    }
}

fn has_ghosts(tl: &Timeline) -> bool {
    tl.tracks().iter().any(|t| t.ghost().is_some())
}

/// The picture of a finished (or running) timeline, its words in `lang`
/// (a built-in scenario's title too).
pub fn render(tl: &Timeline, words: &Words, lang: Lang) -> String {
    // Ghosts (what threads cut short would still have done) reach past the exit.
    let chart = Chart {
        tl,
        top: TOP,
        end: axis_end(tl.extent(0).max(tl.horizon(0))),
    };
    let legend_y = chart.bottom() + 44.0;
    let height = legend_y + 70.0;
    let mut o = String::new();
    card(&mut o, height);
    let _ = write!(
        o,
        r#"<text x="{PAD}" y="30" font-size="18" font-weight="bold" fill="{INK}">{}</text>"#,
        esc(&words.title(lang))
    );
    let _ = write!(
        o,
        r#"<text x="{PAD}" y="50" fill="{MUTED}">{}</text>"#,
        esc(&exit_words(tl, lang))
    );
    chart.draw(&mut o, lang);
    legend(&mut o, legend_y, has_ghosts(tl), lang);
    o.push_str("</svg>\n");
    o
}

/// Two timelines on one card, one above the other on one time axis (it
/// spans both, ghosts included), each in a group under its title line;
/// below them the differences, then the legend.
pub fn render_pair(sides: [(&Timeline, String); 2], differences: &[String], lang: Lang) -> String {
    let extent = sides
        .iter()
        .map(|(tl, _)| tl.extent(0).max(tl.horizon(0)))
        .max()
        .unwrap_or(1);
    let end = axis_end(extent);
    let mut top = 20.0;
    let mut groups = String::new();
    for (i, (tl, heading)) in sides.iter().enumerate() {
        let chart = Chart {
            tl,
            top: top + 56.0,
            end,
        };
        let _ = write!(
            groups,
            r#"<g class="side" data-side="{}"><text class="side-title" x="{PAD}" y="{}" font-size="16" font-weight="bold" fill="{INK}">{}</text>"#,
            crate::explain::compare::SIDES[i],
            top + 10.0,
            esc(heading)
        );
        let _ = write!(
            groups,
            r#"<text x="{PAD}" y="{}" fill="{MUTED}">{}</text>"#,
            top + 30.0,
            esc(&exit_words(tl, lang))
        );
        chart.draw(&mut groups, lang);
        groups.push_str("</g>");
        top = chart.bottom() + 36.0;
    }
    let _ = write!(
        groups,
        r#"<g class="differences"><text x="{PAD}" y="{}" font-weight="bold" fill="{INK}">{}</text>"#,
        top + 4.0,
        esc(&tr!(lang, "compare-differences"))
    );
    for (k, line) in differences.iter().enumerate() {
        let _ = write!(
            groups,
            r#"<text x="{}" y="{}" fill="{INK}" font-size="12">{}</text>"#,
            PAD + 12.0,
            top + 24.0 + 18.0 * k as f64,
            esc(line)
        );
    }
    groups.push_str("</g>");
    let legend_y = top + 24.0 + 18.0 * differences.len() as f64 + 16.0;
    let height = legend_y + 70.0;
    let mut o = String::new();
    card(&mut o, height);
    o.push_str(&groups);
    let ghosts = sides.iter().any(|(tl, _)| has_ghosts(tl));
    legend(&mut o, legend_y, ghosts, lang);
    o.push_str("</svg>\n");
    o
}
