//! The set of applied event ids, with each id's hash stored beside it.
//!
//! A ledger remembers every applied id, so this set grows to millions of entries. Storing the
//! hash means growing the table never re-reads (or re-hashes) the id strings, and a probe
//! compares strings only when the hashes match.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use crate::model::EventId;

fn hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// Applied event ids.
#[derive(Clone, Debug, Default)]
pub(crate) struct SeenIds {
    table: HashTable<(u64, EventId)>,
}

impl SeenIds {
    /// Adds an id; `false` if it was already there.
    pub(crate) fn insert(&mut self, id: &EventId) -> bool {
        let h = hash(id.as_str());
        match self
            .table
            .entry(h, |(eh, e)| *eh == h && e.as_str() == id.as_str(), |(eh, _)| *eh)
        {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert((h, id.clone()));
                true
            }
        }
    }

    /// Removes an id, if present.
    pub(crate) fn remove(&mut self, id: &str) {
        let h = hash(id);
        if let Ok(entry) = self.table.find_entry(h, |(eh, e)| *eh == h && e.as_str() == id) {
            entry.remove();
        }
    }

    /// Whether an id is present.
    pub(crate) fn contains(&self, id: &str) -> bool {
        let h = hash(id);
        self.table.find(h, |(eh, e)| *eh == h && e.as_str() == id).is_some()
    }

    /// Every id, in no particular order (sort before output).
    pub(crate) fn iter(&self) -> impl Iterator<Item = &EventId> {
        self.table.iter().map(|(_, id)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_remove_contains() {
        let mut s = SeenIds::default();
        for i in 0..10_000 {
            assert!(s.insert(&EventId::from(format!("e{i}"))));
        }
        assert!(!s.insert(&EventId::from("e42")));
        assert!(s.contains("e9999") && !s.contains("e10000"));
        s.remove("e42");
        assert!(!s.contains("e42"));
        assert!(s.insert(&EventId::from("e42")));
        assert_eq!(s.iter().count(), 10_000);
    }
}
