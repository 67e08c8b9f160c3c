//! The message catalogue is whole: both languages parse, have the same
//! messages with the same arguments, every message the code asks for is
//! there with the arguments the code gives, none is left unused, and every
//! built-in scenario's words have their Korean.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use threadline::i18n::{Lang, SOURCES};
use threadline::scenario::{BUILTIN, Words};

/// The fields of a built-in scenario that have words.
const SCENARIO_FIELDS: [&str; 3] = ["title", "summary", "note"];

type Catalogue = BTreeMap<String, BTreeSet<String>>;

fn variables(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => expr(expression, out),
            InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
            other => panic!("the catalogue uses only variables and literals, not {other:?}"),
        }
    }
    fn expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
            Expression::Inline(i) => inline(i, out),
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, out);
        }
    }
}

/// Every message of one language: its id and the variables it uses.
fn catalogue(lang: Lang) -> Catalogue {
    let source = SOURCES.iter().find(|(l, _)| *l == lang).unwrap().1;
    let res = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, e)| panic!("{lang:?} does not parse: {e:?}"));
    let mut out = Catalogue::new();
    for entry in &res.body {
        match entry {
            Entry::Message(m) => {
                assert!(m.attributes.is_empty(), "{}: no attributes", m.id.name);
                let value = m.value.as_ref().expect("every message has a value");
                let mut vars = BTreeSet::new();
                variables(value, &mut vars);
                let fresh = out.insert(m.id.name.to_string(), vars).is_none();
                assert!(fresh, "{lang:?}: `{}` is defined twice", m.id.name);
            }
            Entry::Term(t) => panic!("{lang:?}: no terms, please (`-{}`)", t.id.name),
            Entry::Junk { content } => panic!("{lang:?}: cannot parse {content:?}"),
            _ => {}
        }
    }
    out
}

fn is_builtin_words(id: &str) -> bool {
    id.starts_with("builtin-")
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let en = catalogue(Lang::En);
    let ko = catalogue(Lang::Ko);
    assert!(en.len() > 100, "{} messages", en.len());
    for (id, vars) in &en {
        let theirs = ko
            .get(id)
            .unwrap_or_else(|| panic!("`{id}` is missing in Korean"));
        assert_eq!(vars, theirs, "`{id}` takes other arguments in Korean");
    }
    for id in ko.keys() {
        assert!(
            en.contains_key(id) || is_builtin_words(id),
            "`{id}` is missing in English"
        );
    }
    // English has no built-in words: they are in the scenarios' TOML files.
    assert!(!en.keys().any(|id| is_builtin_words(id)));
}

#[test]
fn every_built_in_scenario_has_its_words_in_korean() {
    let ko = catalogue(Lang::Ko);
    let mut expected = BTreeSet::new();
    for (name, source) in BUILTIN {
        let table: toml::Table = toml::from_str(source).unwrap();
        for field in SCENARIO_FIELDS {
            if let Some(english) = table.get(field).and_then(toml::Value::as_str) {
                let id = format!("builtin-{name}-{field}");
                assert!(ko.contains_key(&id), "`{id}` is missing in Korean");
                assert!(ko[&id].is_empty(), "`{id}` takes no arguments");
                let p = threadline::scenario::builtin(name, Default::default())
                    .unwrap()
                    .unwrap();
                let said = |lang| match field {
                    "title" => p.words.title(lang),
                    "summary" => p.words.summary(lang),
                    _ => p.words.note(lang).unwrap_or_default(),
                };
                assert_ne!(said(Lang::Ko), english, "{id}");
                assert_eq!(said(Lang::En), english);
                expected.insert(id);
            }
        }
    }
    // A variant's words, when the overrides make the program that variant.
    for (name, source) in BUILTIN {
        let table: toml::Table = toml::from_str(source).unwrap();
        let Some(variants) = table.get("variants").and_then(toml::Value::as_table) else {
            continue;
        };
        for (key, words) in variants {
            let ov = threadline::scenario::Overrides {
                daemon: match key.as_str() {
                    "daemon" => Some(true),
                    "no-daemon" => Some(false),
                    _ => None,
                },
                gil: match key.as_str() {
                    "gil" => Some(true),
                    "no-gil" => Some(false),
                    _ => None,
                },
                ..Default::default()
            };
            let p = threadline::scenario::builtin(name, ov).unwrap().unwrap();
            assert_eq!(
                p.words.variant.as_deref(),
                Some(key.as_str()),
                "{name} {key}"
            );
            assert!(!p.words.unscripted, "{name} {key}");
            for field in SCENARIO_FIELDS {
                if let Some(english) = words.get(field).and_then(toml::Value::as_str) {
                    let id = format!("builtin-{name}-{key}-{field}");
                    assert!(ko.contains_key(&id), "`{id}` is missing in Korean");
                    let said = |lang| match field {
                        "title" => p.words.title(lang),
                        "summary" => p.words.summary(lang),
                        _ => p.words.note(lang).unwrap_or_default(),
                    };
                    assert_eq!(said(Lang::En), english, "{id}");
                    assert_ne!(said(Lang::Ko), english, "{id}");
                    expected.insert(id);
                }
            }
        }
    }
    let found: BTreeSet<String> = ko
        .keys()
        .filter(|id| is_builtin_words(id))
        .cloned()
        .collect();
    assert_eq!(
        found, expected,
        "Korean words of scenarios that do not exist"
    );
    // A user's own scenario is said as written.
    assert_eq!(Words::plain("my own title").title(Lang::Ko), "my own title");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The top-level, comma-separated parts of a macro call whose arguments
/// start at `s` (just after the opening parenthesis).
fn call_args(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let cur = parts.last_mut().unwrap();
                cur.push(c);
                while let Some(d) = chars.next() {
                    cur.push(d);
                    if d == '\\' {
                        cur.extend(chars.next());
                    } else if d == '"' {
                        break;
                    }
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Every `msg!("id", a = ..)` and `tr!(lang, "id", a = ..)` in the code:
/// where, the id, the argument names.
fn calls() -> Vec<(String, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (path, text) in sources() {
        for (mac, skip) in [("msg!(", 0), ("tr!(", 1)] {
            for (at, _) in text.match_indices(mac) {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue; // documentation
                }
                let parts = call_args(&text[at + mac.len()..]);
                let Some(id) = parts
                    .get(skip)
                    .and_then(|p| p.strip_prefix('"'))
                    .and_then(|p| p.strip_suffix('"'))
                else {
                    continue; // the macros' own definitions
                };
                let args = parts[skip + 1..]
                    .iter()
                    .map(|a| {
                        let (name, _) = a.split_once('=').unwrap_or_else(|| {
                            panic!("{}: `{a}` is not `name = value`", path.display())
                        });
                        name.trim().to_string()
                    })
                    .collect();
                let line = text[..at].matches('\n').count() + 1;
                out.push((format!("{}:{line}", path.display()), id.to_string(), args));
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists_with_the_arguments_it_gives() {
    let calls = calls();
    assert!(calls.len() > 80, "found only {} calls", calls.len());
    for lang in Lang::ALL {
        let cat = catalogue(lang);
        for (place, id, args) in &calls {
            let vars = cat
                .get(id)
                .unwrap_or_else(|| panic!("{place}: no message `{id}` in {lang:?}"));
            assert_eq!(args, vars, "{place}: `{id}` in {lang:?}");
        }
    }
}

#[test]
fn every_message_is_used() {
    let code: String = sources().into_iter().map(|(_, t)| t).collect();
    for id in catalogue(Lang::En).keys() {
        assert!(
            code.contains(&format!("\"{id}\"")),
            "`{id}` is in the catalogue but no code says it"
        );
    }
}
