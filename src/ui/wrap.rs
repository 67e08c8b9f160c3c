//! Word wrapping by display width, for text that may hold wide characters
//! (Hangul takes two columns). ratatui's own wrapping (ratatui-widgets
//! 0.3.2) can emit a line one column wider than its area when a wide
//! character meets the edge (ratatui issue #2679), so the panes wrap here
//! and hand ratatui lines that already fit.
//!
//! The rule is the usual greedy one, as ratatui's `Wrap { trim: true }`: break
//! between words, drop the spaces at a break and at the start of a line, cut
//! a word that is wider than a whole line.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// One styled line cut into lines at most `width` columns wide.
pub fn wrap_line(line: &Line<'_>, width: u16) -> Vec<Line<'static>> {
    wrap(line, width, false)
}

/// Like [`wrap_line`], but the first line keeps its indentation.
pub fn wrap_indented(line: &Line<'_>, width: u16) -> Vec<Line<'static>> {
    wrap(line, width, true)
}

fn wrap(line: &Line<'_>, width: u16, keep_indent: bool) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let mut out: Vec<Vec<(char, Style)>> = Vec::new();
    let mut cur: Vec<(char, Style)> = Vec::new();
    let mut cur_w = 0;
    let mut gap: Vec<(char, Style)> = Vec::new();
    let w = |c: char| c.width().unwrap_or(0);
    let mut rest = &chars[..];
    while let Some(&(first, _)) = rest.first() {
        let space = first.is_whitespace();
        let n = rest
            .iter()
            .position(|(c, _)| c.is_whitespace() != space)
            .unwrap_or(rest.len());
        let (token, tail) = rest.split_at(n);
        rest = tail;
        if space {
            if !cur.is_empty() || (keep_indent && out.is_empty()) {
                gap = token.to_vec();
            }
            continue;
        }
        let token_w: usize = token.iter().map(|(c, _)| w(*c)).sum();
        let gap_w: usize = gap.iter().map(|(c, _)| w(*c)).sum();
        if (!cur.is_empty() || !gap.is_empty()) && cur_w + gap_w + token_w <= width {
            cur.append(&mut gap);
            cur.extend_from_slice(token);
            cur_w += gap_w + token_w;
            continue;
        }
        gap.clear();
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        for &(c, style) in token {
            if cur_w + w(c) > width && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
                cur_w = 0;
            }
            cur.push((c, style));
            cur_w += w(c);
        }
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out.into_iter().map(|l| styled(&l)).collect()
}

/// Characters with their styles, as spans of one style each.
fn styled(chars: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for &(c, style) in chars {
        match spans.last_mut() {
            Some(s) if s.style == style => s.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn texts(line: &str, width: u16) -> Vec<String> {
        wrap_line(&Line::raw(line.to_string()), width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn breaks_between_words_and_drops_the_spaces_there() {
        assert_eq!(texts("ab cd ef", 5), ["ab cd", "ef"]);
        assert_eq!(texts("   0.000 s  running", 40), ["0.000 s  running"]);
        assert_eq!(texts("", 10), [""]);
        assert_eq!(texts("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn counts_columns_so_wide_text_never_overflows() {
        let s = "메인 스레드의 코드가 먼저 끝났지만 프로세스는 계속 살아 있었습니다";
        for width in 2..=30 {
            for l in texts(s, width) {
                assert!(l.width() <= usize::from(width), "{l:?} in {width}");
            }
        }
        assert_eq!(texts("가나 다라", 4), ["가나", "다라"]);
        assert_eq!(texts("가나다", 3), ["가", "나", "다"]);
    }

    #[test]
    fn an_indented_first_line_keeps_its_indent() {
        let out = wrap_indented(&Line::raw("  q Esc  quit now"), 12);
        let out: Vec<String> = out
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(out, ["  q Esc", "quit now"]);
        let out = wrap_indented(&Line::raw("  q Esc  quit now"), 13);
        assert_eq!(out[0].spans[0].content, "  q Esc  quit");
    }

    #[test]
    fn keeps_each_part_in_its_style() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::styled("key ", bold), Span::raw("what it does")]);
        let out = wrap_line(&line, 8);
        assert_eq!(out[0].spans[0].style, bold);
        assert_eq!(out[0].spans[0].content, "key ");
        assert_eq!(out[0].spans[1].content, "what");
        assert_eq!(out[1].spans[0].content, "it does");
    }
}
