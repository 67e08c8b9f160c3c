//! Text measuring, cutting and padding under any Unicode: emoji with
//! variation selectors, ZWJ sequences, combining marks, control characters,
//! wide Hangul. Nothing panics and nothing is wider than asked.

use proptest::prelude::*;
use threadline::text::{
    cut, cut_front, escape, fit, pad_left, pad_right, shorten, shorten_apart, width,
};

/// Pieces that are hard to measure, glued in any order.
fn hard() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        " ",
        "❤️",
        "❤",
        "\u{FE0F}",
        "👩‍👩‍👧",
        "\u{200D}",
        "e\u{301}",
        "\u{301}",
        "한",
        "스레드",
        "\u{7}",
        "\u{1b}[2J",
        "\0",
        "\t",
        "\n",
        "\u{85}",
        "\u{7f}",
        "ｶﾞ",
        "\u{FF9E}",
        "🇰🇷",
        "…",
        "ThreadPoolExecutor-0_2",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![hard(), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fit_is_exactly_as_wide_as_asked(s in any_text(), w in 0usize..200) {
        let e = escape(&s);
        prop_assert_eq!(width(&fit(&e, w)), w);
        let _ = fit(&s, w); // raw text: no panic either
    }

    #[test]
    fn cuts_never_exceed_the_width(s in any_text(), w in 0usize..200) {
        prop_assert!(width(cut(&s, w)) <= w);
        prop_assert!(width(cut_front(&s, w)) <= w);
        prop_assert!(s.starts_with(cut(&s, w)));
        prop_assert!(s.ends_with(cut_front(&s, w)));
        prop_assert!(width(&shorten(&s, w)) <= w);
    }

    #[test]
    fn padding_only_grows(s in any_text(), w in 0usize..200) {
        prop_assert!(width(&pad_left(&s, w)) >= w.min(width(&s)).max(w));
        prop_assert!(width(&pad_right(&s, w)) >= w);
        prop_assert!(pad_right(&s, w).starts_with(s.as_str()));
    }

    #[test]
    fn escaped_text_has_no_control_characters(s in any_text()) {
        prop_assert!(!escape(&s).contains(char::is_control));
    }

    #[test]
    fn names_cut_together_stay_as_apart_as_they_can(
        names in prop::collection::vec(hard(), 1..8),
        w in 0usize..24,
    ) {
        let names: Vec<String> = names.iter().map(|n| escape(n).into_owned()).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let apart = shorten_apart(&refs, w);
        let alone: Vec<String> = refs.iter().map(|n| shorten(n, w).into_owned()).collect();
        for (name, cut) in refs.iter().zip(&apart) {
            prop_assert!(width(cut) <= w, "{:?} in {} columns: {:?}", name, w, cut);
            if width(name) <= w {
                prop_assert_eq!(cut, name);
            }
            // The same name reads the same wherever it is.
            for (other, its) in refs.iter().zip(&apart) {
                if other == name {
                    prop_assert_eq!(cut, its);
                }
            }
        }
        let distinct = |v: &[String]| v.iter().collect::<std::collections::HashSet<_>>().len();
        prop_assert!(distinct(&apart) >= distinct(&alone), "{:?} -> {:?}", refs, apart);
    }

    #[test]
    fn numbered_workers_stay_distinct(prefix in "[A-Za-z가-힣]{0,20}", n in 2usize..40, w in 8usize..24) {
        let names: Vec<String> = (0..n).map(|i| format!("{prefix}-0_{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let apart = shorten_apart(&refs, w);
        let distinct = apart.iter().collect::<std::collections::HashSet<_>>().len();
        prop_assert_eq!(distinct, n, "{:?}", apart);
    }
}
