//! Which CPython a scenario models: whether it has a GIL, and where it may
//! switch threads (see docs/semantics.md, "Lost updates and where CPython
//! switches threads").

use std::fmt;

use serde::{Deserialize, Serialize};

/// A CPython version a scenario can run as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Python {
    #[serde(rename = "3.8")]
    V3_8,
    #[serde(rename = "3.9")]
    V3_9,
    #[serde(rename = "3.10")]
    V3_10,
    #[serde(rename = "3.11")]
    V3_11,
    #[serde(rename = "3.12")]
    V3_12,
    #[serde(rename = "3.13")]
    V3_13,
    /// The free-threaded build of 3.13 (PEP 703): no GIL.
    #[serde(rename = "3.13t")]
    V3_13t,
}

/// Where the interpreter may hand the GIL to another thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switches {
    /// Between any two bytecodes, once the switch interval is over (up to 3.9).
    Anywhere,
    /// Only at calls, returns and loop back-jumps (3.10 on).
    AtCalls,
    /// No GIL: threads run at once, on the cores.
    Parallel,
}

impl Python {
    pub const ALL: [Python; 7] = [
        Python::V3_8,
        Python::V3_9,
        Python::V3_10,
        Python::V3_11,
        Python::V3_12,
        Python::V3_13,
        Python::V3_13t,
    ];

    /// What a run models unless told otherwise.
    pub const DEFAULT: Python = Python::V3_13;

    pub fn name(self) -> &'static str {
        match self {
            Python::V3_8 => "3.8",
            Python::V3_9 => "3.9",
            Python::V3_10 => "3.10",
            Python::V3_11 => "3.11",
            Python::V3_12 => "3.12",
            Python::V3_13 => "3.13",
            Python::V3_13t => "3.13t",
        }
    }

    pub fn parse(s: &str) -> Option<Python> {
        Python::ALL.into_iter().find(|p| p.name() == s)
    }

    pub fn gil(self) -> bool {
        self != Python::V3_13t
    }

    pub fn switches(self) -> Switches {
        match self {
            Python::V3_8 | Python::V3_9 => Switches::Anywhere,
            Python::V3_13t => Switches::Parallel,
            _ => Switches::AtCalls,
        }
    }

    /// `threading.currentThread()` and `getName()` warn (deprecated in 3.10).
    pub fn warns_on_old_names(self) -> bool {
        self >= Python::V3_10
    }
}

impl fmt::Display for Python {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_say_where_they_switch() {
        for p in Python::ALL {
            assert_eq!(Python::parse(p.name()), Some(p));
        }
        assert_eq!(Python::parse("3.7"), None);
        assert_eq!(Python::V3_9.switches(), Switches::Anywhere);
        assert_eq!(Python::V3_10.switches(), Switches::AtCalls);
        assert_eq!(Python::V3_13t.switches(), Switches::Parallel);
        assert!(!Python::V3_13t.gil() && Python::V3_13.gil());
        assert!(Python::V3_12.warns_on_old_names() && !Python::V3_9.warns_on_old_names());
        let j = serde_json::to_string(&Python::V3_13t).unwrap();
        assert_eq!(j, "\"3.13t\"");
    }
}
