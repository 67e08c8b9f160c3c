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

/// What a thread cut short would still have done, past its end: each span
/// in its state's pattern, faint, in a dashed outline; each line it would
/// have printed as a small tick with the text as its tooltip.
fn ghost(o: &mut String, g: &crate::model::Ghost, y: f64, x: &dyn Fn(Nanos) -> f64, lang: Lang) {
    let _ = write!(o, r#"<g class="ghost" opacity="0.45">"#);
    for s in g.spans.iter().filter(|s| s.end > s.start) {
        let _ = write!(
            o,
            r##"<rect x="{:.2}" y="{:.1}" width="{:.2}" height="{:.1}" fill="url(#p-{})" stroke="{MUTED}" stroke-dasharray="3,2"><title>{}</title></rect>"##,
            x(s.start),
            y + 7.0,
            (x(s.end) - x(s.start)).max(0.5),
            ROW_H - 14.0,
            pattern_id(s.state),
            esc(&tr!(
                lang,
                "svg-ghost-span",
                what = look::state(s.state).label(lang),
                from = format!("{:.3}", to_secs(s.start)),
                to = format!("{:.3}", to_secs(s.end))
            )),
        );
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

/// The picture of a finished (or running) timeline, its words in `lang`
/// (a built-in scenario's title too).
pub fn render(tl: &Timeline, words: &Words, lang: Lang) -> String {
    let title = words.title(lang);
    let horizon = tl.horizon(0).max(1);
    // Ghosts (what threads cut short would still have done) reach past the exit.
    let extent = tl.extent(0).max(horizon);
    let end = extent.saturating_add(extent / 12);
    let rows = tl.tracks().len() as f64;
    let chart_x = PAD + NAME_W;
    let chart_w = WIDTH - chart_x - PAD - 70.0;
    let x = |t: Nanos| chart_x + chart_w * t as f64 / end as f64;
    let legend_y = TOP + rows * ROW_H + 44.0;
    let height = legend_y + 70.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="13">"#
    );
    defs(&mut o);
    let _ = write!(
        o,
        r##"<rect x="0.5" y="0.5" width="{}" height="{}" rx="10" fill="#fbfbfc" stroke="#d0d4da"/>"##,
        WIDTH - 1.0,
        height - 1.0
    );
    let _ = write!(
        o,
        r#"<text x="{PAD}" y="30" font-size="18" font-weight="bold" fill="{INK}">{}</text>"#,
        esc(&title)
    );
    let subtitle = match tl.process_exit {
        Some((at, code)) => tr!(
            lang,
            "process-exited",
            at = format!("{:.3}", to_secs(at)),
            code = code
        ),
        None => tr!(lang, "svg-still-running"),
    };
    let _ = write!(
        o,
        r#"<text x="{PAD}" y="50" fill="{MUTED}">{}</text>"#,
        esc(&subtitle)
    );
    // Axis.
    let step = tick_step(end, (chart_w / 8.0) as u16, 10);
    for t in ticks(0, end, step, true, 200) {
        let _ = write!(
            o,
            r##"<line x1="{0:.1}" y1="{1}" x2="{0:.1}" y2="{2}" stroke="#e3e6ea"/>"##,
            x(t),
            TOP - 6.0,
            TOP + rows * ROW_H
        );
        let _ = write!(
            o,
            r#"<text x="{:.1}" y="{}" fill="{MUTED}" font-size="11" text-anchor="middle">{}</text>"#,
            x(t),
            TOP - 10.0,
            esc(&label(t, step))
        );
    }
    // Rows.
    for (i, tr) in tl.tracks().iter().enumerate() {
        let y = TOP + i as f64 * ROW_H;
        let name = if tr.daemon {
            tr!(lang, "svg-daemon", name = &tr.name)
        } else {
            tr.name.clone()
        };
        let _ = write!(o, r#"<g class="row" data-thread="{}">"#, esc(&tr.name));
        let _ = write!(
            o,
            r#"<text x="{PAD}" y="{:.1}" fill="{INK}">{}</text>"#,
            y + ROW_H * 0.65,
            esc(&name)
        );
        for s in tr.spans(horizon).filter(|s| s.end > s.start) {
            let _ = write!(
                o,
                r#"<rect x="{:.2}" y="{:.1}" width="{:.2}" height="{:.1}" fill="url(#p-{})"><title>{}</title></rect>"#,
                x(s.start),
                y + 5.0,
                (x(s.end) - x(s.start)).max(0.5),
                ROW_H - 10.0,
                pattern_id(s.state),
                esc(&tr!(
                    lang,
                    "svg-span",
                    what = look::state(s.state).label(lang),
                    from = format!("{:.3}", to_secs(s.start)),
                    to = format!("{:.3}", to_secs(s.end))
                )),
            );
        }
        if let Some(g) = &tr.ghost {
            ghost(&mut o, g, y, &x, lang);
        }
        if let Some((at, oc)) = tr.end {
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
    // Markers.
    let bottom = TOP + rows * ROW_H;
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
            x(t),
            TOP - 4.0,
            bottom + 6.0
        );
        let dx = if anchor == "end" { -4.0 } else { 4.0 };
        let _ = write!(
            o,
            r#"<text x="{:.1}" y="{}" fill="{red}" font-size="11" text-anchor="{anchor}">{}</text>"#,
            x(t) + dx,
            bottom + 18.0,
            esc(&text)
        );
    }
    // Legend.
    let mut lx = PAD;
    for s in look::STATES {
        let label = look::state(s).label(lang);
        let _ = write!(
            o,
            r##"<rect x="{lx}" y="{legend_y}" width="22" height="14" fill="url(#p-{})" stroke="#c9ced6"/>"##,
            pattern_id(s)
        );
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" fill="{INK}" font-size="12">{}</text>"#,
            lx + 28.0,
            legend_y + 11.5,
            esc(&label)
        );
        // About 9 px a column: a Hangul syllable takes two.
        lx += 28.0 + 9.0 * width(&label) as f64 + 18.0;
    }
    let mut lx = PAD;
    let ly = legend_y + 30.0;
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
    if tl.tracks().iter().any(|t| t.ghost.is_some()) {
        let text = tr!(lang, "svg-ghost-legend");
        let _ = write!(
            o,
            r##"<rect x="{lx}" y="{}" width="22" height="14" fill="none" stroke="{MUTED}" stroke-dasharray="3,2"/><text x="{}" y="{ly}" fill="{INK}" font-size="12">{}</text>"##,
            ly - 11.5,
            lx + 28.0,
            esc(&text)
        );
    }
    o.push_str("</svg>\n");
    o
}
