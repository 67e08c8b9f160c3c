//! Every word threadline says to a person, in English and Korean, from one
//! message catalogue: `assets/i18n/en.ftl` and `assets/i18n/ko.ftl`
//! ([Project Fluent](https://projectfluent.org): named arguments, and
//! plurals chosen by each language's own rules).
//!
//! A message is looked up by its id: `tr!(lang, "id", name = value)` gives
//! the text at once; `msg!("id", name = value)` keeps it as a [`Msg`], to be
//! said later in whatever language the caller speaks (errors are made deep
//! inside the program, where no language is known). A `Msg` displays in
//! English.
//!
//! A built-in scenario's own words (title, summary, note) are in the
//! catalogue as `builtin-NAME-FIELD`, looked up by the scenario's id (see
//! [`crate::scenario::Words`]).
//!
//! What is not translated: the program's own output (a scenario's `print`
//! lines, what a traced Python program prints), thread names, the text of
//! errors that come from elsewhere (the operating system, the TOML and JSON
//! parsers), clap's generated help and usage errors, and the data formats
//! (recordings, Chrome traces).

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The catalogue, one Fluent file per language.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../assets/i18n/en.ftl")),
    (Lang::Ko, include_str!("../assets/i18n/ko.ftl")),
];

/// A language threadline speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean (한국어).
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language's code (`en`, `ko`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language the locale variables ask for: the first non-empty of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` decides; Korean if it names Korean
    /// (`ko`, `ko_KR.UTF-8`, `ko-KR`, …), English otherwise.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let chosen = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty());
        match chosen.and_then(|v| v.strip_prefix("ko")) {
            // `ko` itself, or `ko` then a territory, codeset or modifier;
            // not another language whose code starts with ko (`kok`, Konkani).
            Some(rest) if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) => Lang::Ko,
            _ => Lang::En,
        }
    }

    /// The language of this process's environment (see [`Lang::from_locale`]).
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
        let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        Lang::from_locale(all.as_deref(), messages.as_deref(), lang.as_deref())
    }

    /// A message without arguments (for ids that are not literals, such as
    /// the state words in `look`).
    pub fn t(self, id: &str) -> String {
        format(self, id, None)
    }
}

/// The value of one argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    /// A count: plurals are chosen by it.
    Int(i64),
    /// Another message, said in the same language.
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

macro_rules! int_args {
    ($($t:ty)*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                i64::try_from(n).map_or_else(|_| Arg::Str(n.to_string()), Arg::Int)
            }
        }
    )*};
}
int_args!(i32 i64 u8 u16 u32 u64 usize);

/// A message of the catalogue with its arguments, not yet in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (k, v) in &self.args {
            match v {
                Arg::Str(s) => args.set(*k, s.as_str()),
                // Fluent's numbers are f64: beyond 2^53 say the digits as they are.
                Arg::Int(n) if n.unsigned_abs() < 1 << 53 => args.set(*k, *n),
                Arg::Int(n) => args.set(*k, n.to_string()),
                Arg::Msg(m) => args.set(*k, m.render(lang)),
            }
        }
        format(lang, self.id, Some(&args))
    }
}

/// English.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A message of the catalogue, to be said later: `msg!("id", name = value)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::Msg {
            id: $id,
            args: vec![$((stringify!($k), $crate::i18n::Arg::from($v))),*],
        }
    };
}

/// A message of the catalogue in a language: `tr!(lang, "id", name = value)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::msg!($id $(, $k = $v)*).render($lang)
    };
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| {
            let res = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| {
                panic!("the {} catalogue does not parse: {e:?}", lang.code())
            });
            let id = lang.code().parse().expect("a language identifier");
            let mut b = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks around arguments: a terminal
            // would count them as characters.
            b.set_use_isolating(false);
            if let Err(e) = b.add_resource(res) {
                panic!(
                    "the {} catalogue defines a message twice: {e:?}",
                    lang.code()
                );
            }
            b
        })
        .collect()
});

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES[lang as usize]
}

/// Is there a message `id` in `lang`?
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// Format message `id` in `lang`; a message missing in `lang` is said in
/// English (the tests see that none is missing).
fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    for l in [lang, Lang::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = b.format_pattern(pattern, args, &mut errors);
            debug_assert!(errors.is_empty(), "message `{id}` ({l:?}): {errors:?}");
            return text.into_owned();
        }
    }
    debug_assert!(false, "no message `{id}` in the catalogue");
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_variables_choose_the_language() {
        let ko = Some("ko_KR.UTF-8");
        let en = Some("en_US.UTF-8");
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale(None, None, ko), Lang::Ko);
        assert_eq!(Lang::from_locale(None, None, Some("ko")), Lang::Ko);
        assert_eq!(Lang::from_locale(None, None, Some("ko-KR")), Lang::Ko);
        assert_eq!(Lang::from_locale(None, None, Some("C.UTF-8")), Lang::En);
        // The first non-empty one decides, in the order LC_ALL, LC_MESSAGES, LANG.
        assert_eq!(Lang::from_locale(en, None, ko), Lang::En);
        assert_eq!(Lang::from_locale(ko, en, en), Lang::Ko);
        assert_eq!(Lang::from_locale(None, ko, en), Lang::Ko);
        assert_eq!(Lang::from_locale(Some(""), Some(""), ko), Lang::Ko);
        assert_eq!(Lang::from_locale(Some(""), en, ko), Lang::En);
        assert_eq!(Lang::from_locale(Some("C"), None, ko), Lang::En);
        // Konkani (`kok`) is not Korean.
        assert_eq!(Lang::from_locale(None, None, Some("kok_IN")), Lang::En);
    }

    #[test]
    fn english_plurals_follow_the_count() {
        assert_eq!(tr!(Lang::En, "n-threads", n = 1), "1 thread");
        assert_eq!(tr!(Lang::En, "n-threads", n = 2), "2 threads");
        assert_eq!(tr!(Lang::En, "n-threads", n = 0), "0 threads");
        assert_eq!(tr!(Lang::Ko, "n-threads", n = 2), "스레드 2개");
    }

    #[test]
    fn a_message_displays_in_english_and_nests() {
        let inner = msg!("n-threads", n = 3usize);
        assert_eq!(inner.to_string(), "3 threads");
        assert_eq!(inner.render(Lang::Ko), "스레드 3개");
        let outer = msg!("and-more", shown = "a, b", more = 2);
        assert_eq!(outer.to_string(), "a, b and 2 more");
        assert_eq!(outer.render(Lang::Ko), "a, b 외 2개");
    }
}
