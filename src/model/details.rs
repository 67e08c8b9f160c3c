//! The details of spans, interned: what a wait is on and the program's
//! line (the thread a detail names is kept with the span, see
//! [`DetailId`]); each distinct one is kept once and spans carry its id.
//! The table finding an id holds ids only (hashed by what they stand
//! for), so a detail is not stored twice.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::event::{Detail, ThreadId};

/// A span's detail by reference (see [`Timeline::detail`](super::Timeline::detail)):
/// what it waits on and the program's line, interned (few distinct ones),
/// and the thread it names, kept as it is (a join's target: as many
/// distinct ones as there are threads, so interning them gained nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DetailId {
    /// The interned part (0: none).
    what: u32,
    /// The thread named (`ThreadId::MAX`: none).
    holder: ThreadId,
}

impl DetailId {
    /// Nothing known.
    pub const NONE: DetailId = DetailId {
        what: 0,
        holder: ThreadId::MAX,
    };

    pub fn new(what: u32, holder: Option<ThreadId>) -> Self {
        DetailId {
            what,
            holder: holder.unwrap_or(ThreadId::MAX),
        }
    }

    pub fn is_none(self) -> bool {
        self == Self::NONE
    }

    /// The interned part's id (0: none).
    pub fn what(self) -> u32 {
        self.what
    }

    pub fn holder(self) -> Option<ThreadId> {
        (self.holder != ThreadId::MAX).then_some(self.holder)
    }

    /// Both parts in one word (a finished track's runs keep it so).
    pub(super) fn to_bits(self) -> u64 {
        (u64::from(self.what) << 32) | u64::from(self.holder)
    }

    pub(super) fn from_bits(bits: u64) -> Self {
        DetailId {
            what: (bits >> 32) as u32,
            holder: bits as u32,
        }
    }
}

impl Default for DetailId {
    fn default() -> Self {
        Self::NONE
    }
}

/// An interned part alone, no thread named (tests, benches).
impl From<u32> for DetailId {
    fn from(what: u32) -> Self {
        DetailId::new(what, None)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Details {
    /// Id `i` is `list[i - 1]` (0 is "nothing known"); never a holder.
    list: Vec<Detail>,
    /// The ids, found by their details' hashes.
    ids: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl PartialEq for Details {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list // the table follows from the list
    }
}

/// What a detail is interned by: all of it but the holder.
fn key(d: &Detail) -> (Option<&str>, Option<&str>, bool) {
    (d.on.as_deref(), d.site.as_deref(), d.forever)
}

impl Details {
    /// What `what` stands for (`None` for 0, nothing known).
    pub fn get(&self, what: u32) -> Option<&Detail> {
        self.list.get((what as usize).checked_sub(1)?)
    }

    /// The id of `d`: its holder as it is, the rest interned (kept if it
    /// is new).
    pub fn intern(&mut self, d: &Detail) -> DetailId {
        let what = if d.on.is_none() && d.site.is_none() && !d.forever {
            0
        } else {
            let hash = self.hasher.hash_one(key(d));
            let list = &self.list;
            match self
                .ids
                .find(hash, |&id| key(&list[id as usize - 1]) == key(d))
            {
                Some(&id) => id,
                None => {
                    self.list.push(Detail {
                        holder: None,
                        ..d.clone()
                    });
                    let id = self.list.len() as u32;
                    let (list, hasher) = (&self.list, &self.hasher);
                    self.ids.insert_unique(hash, id, |&id| {
                        hasher.hash_one(key(&list[id as usize - 1]))
                    });
                    id
                }
            }
        };
        DetailId::new(what, d.holder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_detail_is_kept_once_and_comes_back_whole() {
        let mut d = Details::default();
        let a = Detail {
            on: Some("Lock vault (bank.py:2)".into()),
            holder: Some(3),
            site: Some("bank.py:14".into()),
            forever: false,
        };
        assert!(d.intern(&Detail::default()).is_none());
        // Holders alone are kept with the span: nothing is interned.
        let ids: Vec<DetailId> = (0..1000).map(|t| d.intern(&Detail::holder(t))).collect();
        assert!(d.list.is_empty());
        let id = d.intern(&a);
        assert_eq!(d.intern(&a), id);
        let b = d.intern(&Detail {
            holder: Some(4),
            ..a.clone()
        });
        assert_eq!(
            (b.what(), b.holder()),
            (id.what(), Some(4)),
            "one entry for both"
        );
        assert_eq!(d.list.len(), 1);
        let got = d.get(id.what()).unwrap();
        assert_eq!(
            (&got.on, id.holder(), &got.site),
            (&a.on, a.holder, &a.site)
        );
        for (t, &i) in ids.iter().enumerate() {
            assert_eq!((i.what(), i.holder()), (0, Some(t as u32)));
        }
        assert_eq!(d.get(0), None);
        assert_eq!(d.get(5000), None);
    }
}
