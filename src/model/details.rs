//! The details of spans (what a wait is on, who holds it, the program's
//! line), interned: each distinct one is kept once and spans carry its id.
//! The table finding a detail's id holds ids only (hashed by the detail
//! they stand for), so a detail is not stored twice.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::track::DetailId;
use crate::event::Detail;

#[derive(Debug, Clone, Default)]
pub struct Details {
    /// Id `i` is `list[i - 1]` (0 is "nothing known").
    list: Vec<Detail>,
    /// The ids, found by their details' hashes.
    ids: HashTable<DetailId>,
    hasher: DefaultHashBuilder,
}

impl PartialEq for Details {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list // the table follows from the list
    }
}

impl Details {
    /// The detail `id` stands for (`None` for 0, nothing known).
    pub fn get(&self, id: DetailId) -> Option<&Detail> {
        self.list.get((id as usize).checked_sub(1)?)
    }

    /// The id of `d`, kept if it is new; 0 for an empty detail.
    pub fn intern(&mut self, d: &Detail) -> DetailId {
        if d.is_empty() {
            return 0;
        }
        let hash = self.hasher.hash_one(d);
        let list = &self.list;
        if let Some(&id) = self.ids.find(hash, |&id| list[id as usize - 1] == *d) {
            return id;
        }
        self.list.push(d.clone());
        let id = self.list.len() as DetailId;
        let (list, hasher) = (&self.list, &self.hasher);
        self.ids
            .insert_unique(hash, id, |&id| hasher.hash_one(&list[id as usize - 1]));
        id
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
        };
        assert_eq!(d.intern(&Detail::default()), 0);
        let ids: Vec<DetailId> = (0..1000).map(|t| d.intern(&Detail::holder(t))).collect();
        let id = d.intern(&a);
        assert_eq!(d.intern(&a), id);
        assert_eq!(d.intern(&Detail::holder(7)), ids[7]);
        assert_eq!(d.list.len(), 1001);
        assert_eq!(d.get(id), Some(&a));
        for (t, &i) in ids.iter().enumerate() {
            assert_eq!(d.get(i), Some(&Detail::holder(t as u32)));
        }
        assert_eq!(d.get(0), None);
        assert_eq!(d.get(5000), None);
    }
}
