//! Text as a terminal shows it: display width, cutting, padding and
//! escaping, all measured one way.
//!
//! Width is counted per grapheme cluster exactly as ratatui draws it (an
//! emoji with a variation selector, a ZWJ sequence or a letter with
//! combining marks is one cluster; a Hangul syllable takes two columns), so
//! what is cut here fits where ratatui puts it. Text that comes from a
//! program or a file goes through [`escape`] before it reaches the screen:
//! a control character is drawn as its visible picture (`␇` for BEL), never
//! sent to the terminal.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// The columns one grapheme cluster takes (0 for one ratatui would not draw).
fn cluster_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        // One column a printable byte (a CR LF pair is one cluster, drawn as nothing).
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(cluster_width).sum()
}

/// The longest start of `s` (whole clusters) at most `max` columns wide.
pub fn cut(s: &str, max: usize) -> &str {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
        return &s[..s.len().min(max)];
    }
    let mut used = 0usize;
    for (i, g) in s.grapheme_indices(true) {
        used = used.saturating_add(cluster_width(g));
        if used > max {
            return &s[..i];
        }
    }
    s
}

/// The longest end of `s` (whole clusters) at most `max` columns wide.
pub fn cut_front(s: &str, max: usize) -> &str {
    let mut used = 0usize;
    for (i, g) in s.grapheme_indices(true).rev() {
        used = used.saturating_add(cluster_width(g));
        if used > max {
            return &s[i + g.len()..];
        }
    }
    s
}

/// `s` cut to at most `max` columns and padded with spaces to exactly `max`.
pub fn fit(s: &str, max: usize) -> String {
    let kept = cut(s, max);
    let mut out = String::with_capacity(kept.len() + max.saturating_sub(width(kept)));
    out.push_str(kept);
    push_spaces(&mut out, max.saturating_sub(width(kept)));
    out
}

/// `s` padded on the left with spaces to at least `min` columns (never cut).
pub fn pad_left(s: &str, min: usize) -> String {
    let mut out = String::new();
    push_spaces(&mut out, min.saturating_sub(width(s)));
    out.push_str(s);
    out
}

/// `s` padded on the right with spaces to at least `min` columns (never cut).
pub fn pad_right(s: &str, min: usize) -> String {
    let mut out = String::from(s);
    push_spaces(&mut out, min.saturating_sub(width(s)));
    out
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// `s` in at most `max` columns, keeping its end when it must be cut: the
/// distinguishing tail of names such as `ThreadPoolExecutor-0_2` stays
/// (`ThreadPoolExe…0_2`). The start keeps about two thirds of the room.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max <= 1 {
        return Cow::Borrowed(cut(s, max));
    }
    let room = max - 1; // the ellipsis takes one column
    // The numbers at the end tell such names apart; failing those, a third.
    let digits = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    let numbers = &s[digits.len()..];
    let tail = if !numbers.is_empty() && width(numbers) <= room / 2 {
        numbers
    } else {
        cut_front(s, room / 3)
    };
    let head = cut(s, room - width(tail));
    Cow::Owned(format!("{head}…{tail}"))
}

/// `s` in `max` columns (at least 2) with `…` where it is cut, keeping
/// about `tail` columns of its end and as much of its start as fits.
fn elide(s: &str, max: usize, tail: usize) -> String {
    let room = max - 1;
    let end = cut_front(s, tail.min(room));
    let head = cut(s, room - width(end));
    format!("{head}…{end}")
}

/// Each of `names` from the first cluster where they are not all alike,
/// in `max` columns (at least 3) between `…`s.
fn middles(names: &[&str], max: usize) -> Vec<String> {
    let first = names.first().copied().unwrap_or_default();
    let from = first
        .grapheme_indices(true)
        .find(|&(i, g)| {
            let upto = first.get(..i + g.len());
            !names.iter().all(|n| n.get(..i + g.len()) == upto)
        })
        .map_or(first.len(), |(i, _)| i);
    names
        .iter()
        .map(|n| {
            let rest = n.get(from..).unwrap_or_default();
            if width(rest) < max {
                format!("…{rest}")
            } else {
                format!("…{}…", cut(rest, max.saturating_sub(2)))
            }
        })
        .collect()
}

/// Each of `names` in at most `max` columns as [`shorten`] puts it, except
/// that names that differ stay different where `max` columns can tell them
/// apart: names that would read alike keep more of their end (or of their
/// start), all by one split, until no two read alike. Names that fit are
/// never cut; names that are the same stay the same.
pub fn shorten_apart(names: &[&str], max: usize) -> Vec<String> {
    let mut out: Vec<String> = names.iter().map(|s| shorten(s, max).into_owned()).collect();
    if max < 2 {
        return out;
    }
    let room = max - 1;
    // What each shortened form stands for: the distinct names behind it.
    let mut behind: HashMap<&str, Vec<&str>> = HashMap::new();
    for (form, name) in out.iter().zip(names) {
        let names = behind.entry(form.as_str()).or_default();
        if !names.contains(name) {
            names.push(name);
        }
    }
    let mut taken: HashSet<String> = behind.keys().map(|f| f.to_string()).collect();
    let mut groups: Vec<(String, Vec<&str>)> = behind
        .into_iter()
        .filter(|(_, n)| n.len() > 1)
        .map(|(f, n)| (f.to_string(), n))
        .collect();
    groups.sort();
    let mut renamed: HashMap<&str, String> = HashMap::new();
    for (form, group) in groups {
        // A name that fits keeps its form: only the cut ones move.
        let (whole, group): (Vec<&str>, Vec<&str>) =
            group.into_iter().partition(|n| width(n) <= max);
        if group.is_empty() {
            continue;
        }
        if whole.is_empty() {
            taken.remove(&form);
        }
        // The tail the group has now, then longer and shorter ones.
        let now = form.rsplit_once('…').map_or(0, |(_, t)| width(t));
        let mut tails: Vec<usize> = (0..=room).collect();
        tails.sort_by_key(|&t| (t.abs_diff(now), t < now));
        let apart = |forms: &[String]| {
            let unique: HashSet<&String> = forms.iter().collect();
            unique.len() == forms.len() && forms.iter().all(|f| !taken.contains(f))
        };
        let found = tails.into_iter().find_map(|t| {
            let forms: Vec<String> = group.iter().map(|n| elide(n, max, t)).collect();
            apart(&forms).then_some(forms)
        });
        // Alike at both ends: from where they part, between two `…`.
        let found = found.or_else(|| {
            let forms = middles(&group, max);
            apart(&forms).then_some(forms)
        });
        let forms = found.unwrap_or_else(|| vec![form; group.len()]);
        for (n, f) in group.into_iter().zip(forms) {
            taken.insert(f.clone());
            renamed.insert(n, f);
        }
    }
    for (form, name) in out.iter_mut().zip(names) {
        if let Some(f) = renamed.get(name) {
            form.clone_from(f);
        }
    }
    out
}

/// `s` with every control character replaced by something visible: C0
/// controls and DEL by their Unicode pictures (`␀`…`␟`, `␡`), C1 controls
/// as `\x85`. Text without controls is returned as it is.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.contains(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\x7f' => out.push('␡'),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message of several lines for a terminal: every line [`escape`]d, the
/// line breaks kept (an error message that quotes a scenario's or a
/// recording's text can carry no escape sequence to the terminal).
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    if !s.contains(|c: char| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(escape).collect();
    Cow::Owned(lines.join("\n"))
}

/// A writer that [`escape_lines`] all that passes through it, byte by
/// byte (a C0 control or DEL is one byte in UTF-8, a C1 control the two
/// bytes `C2 80`…`C2 9F`): for the words threadline writes about a program,
/// which quote names and texts from scenarios, programs and recordings.
pub struct Escaping<'a> {
    out: &'a mut dyn std::io::Write,
    /// The last byte written was `C2`, held back until the next one.
    c2: bool,
}

impl<'a> Escaping<'a> {
    pub fn new(out: &'a mut dyn std::io::Write) -> Self {
        Escaping { out, c2: false }
    }
}

impl std::io::Write for Escaping<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut clean = Vec::with_capacity(buf.len());
        for &b in buf {
            if std::mem::take(&mut self.c2) {
                if (0x80..=0x9f).contains(&b) {
                    clean.extend_from_slice(format!("\\x{b:02x}").as_bytes());
                    continue;
                }
                clean.push(0xc2);
            }
            match b {
                b'\n' => clean.push(b),
                0..=0x1f => {
                    let picture = char::from_u32(0x2400 + u32::from(b)).unwrap_or('?');
                    clean.extend_from_slice(picture.to_string().as_bytes());
                }
                0x7f => clean.extend_from_slice("␡".as_bytes()),
                0xc2 => self.c2 = true,
                _ => clean.push(b),
            }
        }
        self.out.write_all(&clean)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.c2) {
            self.out.write_all(&[0xc2])?;
        }
        self.out.flush()
    }
}

impl Drop for Escaping<'_> {
    fn drop(&mut self) {
        if self.c2 {
            let _ = self.out.write_all(&[0xc2]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_escaping_writer_says_what_escape_lines_says() {
        use std::io::Write;
        for s in [
            "plain",
            "a\x1b[2Jb\n\u{9b}31m\x07",
            "é ¢ \u{85}x",
            "스레드\x7f",
        ] {
            let mut out = Vec::new();
            {
                let mut w = Escaping::new(&mut out);
                // Byte by byte: a C1 control split between two writes.
                for b in s.as_bytes() {
                    w.write_all(&[*b]).unwrap();
                }
            }
            assert_eq!(String::from_utf8(out).unwrap(), escape_lines(s), "{s:?}");
        }
    }

    #[test]
    fn escaped_lines_keep_their_breaks_and_lose_their_controls() {
        assert_eq!(escape_lines("a\nb"), "a\nb");
        assert_eq!(escape_lines("a\x1b]0;x\x07\nb\u{9b}"), "a␛]0;x␇\nb\\x9b");
    }

    #[test]
    fn fitting_counts_columns_not_characters() {
        assert_eq!(fit("main", 6), "main  ");
        assert_eq!(fit("스레드", 8), "스레드  ");
        assert_eq!(width(&fit("스레드", 8)), 8);
        // A wide character that would cross the edge is left out whole.
        assert_eq!(fit("스레드", 5), "스레 ");
        assert_eq!(cut("스레드", 5), "스레");
        assert_eq!(cut("main", 9), "main");
        assert_eq!(pad_left("시작", 7), "   시작");
        assert_eq!(pad_right("시작", 7), "시작   ");
        assert_eq!(pad_right("toolong", 3), "toolong");
    }

    #[test]
    fn an_emoji_with_a_variation_selector_is_one_cluster() {
        let name = "aaaaaaaaaaaaaaaaaaa❤️";
        assert_eq!(width(name), 21);
        assert_eq!(fit(name, 20), format!("{} ", "a".repeat(19)));
        assert_eq!(width(&fit(name, 20)), 20);
    }

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(escape("ding\x07 \x1b[2J"), "ding␇ ␛[2J");
        assert_eq!(escape("nul\0"), "nul␀");
        assert_eq!(escape("\u{85}"), "\\x85");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn shortened_names_keep_their_tail() {
        assert_eq!(shorten("ThreadPoolExecutor-0_2", 17), "ThreadPoolExe…0_2");
        assert_eq!(width(&shorten("ThreadPoolExecutor-0_2", 17)), 17);
        assert_eq!(shorten("main", 17), "main");
        assert_eq!(shorten("abc", 1), "a");
        assert_eq!(shorten("abc", 0), "");
    }

    #[test]
    fn three_pool_workers_cut_to_twelve_columns_stay_distinct() {
        let names = [
            "ThreadPoolExecutor-0_0",
            "ThreadPoolExecutor-0_1",
            "ThreadPoolExecutor-0_2",
        ];
        let cut = shorten_apart(&names, 12);
        assert_eq!(cut, ["ThreadPo…0_0", "ThreadPo…0_1", "ThreadPo…0_2"]);
        assert!(cut.iter().all(|n| width(n) == 12));
    }

    #[test]
    fn names_that_differ_before_their_end_keep_what_tells_them_apart() {
        // `shorten` reads both as `worker…1`: the group keeps a longer tail.
        assert_eq!(shorten("worker-alpha-1", 8), shorten("worker-beta-1", 8));
        let cut = shorten_apart(&["worker-alpha-1", "worker-beta-1", "main"], 8);
        assert_ne!(cut[0], cut[1]);
        assert_eq!(cut[2], "main");
        assert!(cut.iter().all(|n| width(n) <= 8), "{cut:?}");
        // Alike at both ends: what lies between them is what stays.
        let names = ["downloader-alpha-worker-1", "downloader-beta-worker-1"];
        assert_eq!(shorten(names[0], 10), shorten(names[1], 10));
        let cut = shorten_apart(&names, 10);
        assert_eq!(cut, ["…alpha-wo…", "…beta-wor…"]);
        // A form another name already reads as is not given twice.
        let names = ["worker-alpha-1", "worker-beta-1", "wor…ha-1"];
        let cut = shorten_apart(&names, 8);
        let unique: HashSet<&String> = cut.iter().collect();
        assert_eq!(unique.len(), 3, "{cut:?}");
    }

    #[test]
    fn wide_names_stay_distinct_in_columns() {
        // Ideographs take two columns, as Hangul does.
        let names = ["下载工作线程-甲", "下载工作线程-乙", "下载工作线程-丙"];
        for max in 5..=14 {
            let cut = shorten_apart(&names, max);
            let unique: HashSet<&String> = cut.iter().collect();
            assert_eq!(unique.len(), 3, "{max}: {cut:?}");
            assert!(cut.iter().all(|n| width(n) <= max), "{max}: {cut:?}");
            assert!(cut.iter().all(|n| width(n) + 1 >= max), "{max}: {cut:?}");
        }
        assert_eq!(shorten_apart(&names, 9)[1], "下载工…乙");
        let names = ["任务-甲乙丙丁-线程", "任务-甲乙戊己-线程"];
        assert_eq!(shorten_apart(&names, 8), ["…丁-线程", "…己-线程"]);
    }

    #[test]
    fn the_same_name_twice_stays_the_same_and_fitting_names_stay_whole() {
        let cut = shorten_apart(&["worker-thread-a", "worker-thread-a", "ok"], 8);
        assert_eq!(cut[0], cut[1]);
        assert_eq!(cut[2], "ok");
        // No room to tell them apart: as `shorten` says, never wider.
        assert_eq!(shorten_apart(&["ab", "ac"], 1), ["a", "a"]);
    }
}
