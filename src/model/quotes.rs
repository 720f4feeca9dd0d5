//! Which quotes occur in which paragraphs, found for all of them at once in
//! time linear in the text.
//!
//! Asking each paragraph `contains(quote)` per node costs the paragraph's
//! length per node: 6,000 nodes quoting one 300 KB paragraph took 16 s to
//! check. Here one Aho-Corasick automaton over the distinct quotes reads each
//! paragraph once. A paragraph of repeated text (`aaaa…`) with quotes that
//! are suffixes of one another (`a`, `aa`, `aaa`…) would make an overlapping
//! search report every quote at every position; instead, each automaton state
//! is looked at once per paragraph: a state reached again names the same
//! quotes, already recorded.

use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// Where each quote occurs.
#[derive(Debug, Default)]
pub(crate) struct Occurrences {
    /// Each distinct quote's number.
    quotes: HashMap<String, u32>,
    /// (paragraph, quote) for each quote that occurs in the paragraph.
    found: HashSet<(u32, u32)>,
    /// For each quote, the paragraphs it occurs in, in order.
    homes: Vec<Vec<u32>>,
}

impl Occurrences {
    /// Finds every quote of `quotes` (empty ones are never found) in each of `texts`.
    pub(crate) fn find<'q>(quotes: impl IntoIterator<Item = &'q str>, texts: &[&str]) -> Self {
        let mut distinct: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        for q in quotes {
            if q.is_empty() || distinct.contains_key(q) {
                continue;
            }
            let n = u32::try_from(patterns.len()).unwrap_or(u32::MAX);
            distinct.insert(q.to_string(), n);
            patterns.push(q);
        }
        let mut out = Occurrences {
            homes: vec![Vec::new(); patterns.len()],
            quotes: distinct,
            found: HashSet::new(),
        };
        if patterns.is_empty() {
            return out;
        }
        let Ok(nfa) = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
        else {
            return out;
        };
        let Ok(start) = nfa.start_state(Anchored::No) else {
            return out;
        };
        let mut seen = HashSet::new();
        for (p, text) in texts.iter().enumerate() {
            let p = u32::try_from(p).unwrap_or(u32::MAX);
            seen.clear();
            let mut sid = start;
            for &b in text.as_bytes() {
                sid = nfa.next_state(Anchored::No, sid, b);
                if nfa.is_special(sid) && nfa.is_match(sid) && seen.insert(sid) {
                    for i in 0..nfa.match_len(sid) {
                        let q = nfa.match_pattern(sid, i).as_u32();
                        if out.found.insert((p, q))
                            && let Some(h) = out.homes.get_mut(q as usize)
                        {
                            h.push(p);
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether `quote` occurs in paragraph `p` (numbered as the texts were given).
    pub(crate) fn occurs(&self, quote: &str, p: usize) -> bool {
        match (self.quotes.get(quote), u32::try_from(p)) {
            (Some(&q), Ok(p)) => self.found.contains(&(p, q)),
            _ => false,
        }
    }

    /// The paragraphs `quote` occurs in, in order.
    pub(crate) fn homes(&self, quote: &str) -> &[u32] {
        self.quotes
            .get(quote)
            .and_then(|&q| self.homes.get(q as usize))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_quote_in_every_paragraph_once() {
        let texts = ["aaaa", "xaay", "ab", ""];
        let occ = Occurrences::find(["a", "aa", "aaa", "b", "zz", "", "a"], &texts);
        assert_eq!(occ.homes("a"), [0, 1, 2]);
        assert_eq!(occ.homes("aa"), [0, 1]);
        assert_eq!(occ.homes("aaa"), [0]);
        assert_eq!(occ.homes("b"), [2]);
        assert!(occ.homes("zz").is_empty());
        assert!(occ.occurs("aa", 1) && !occ.occurs("aaa", 1));
        assert!(!occ.occurs("", 0) && !occ.occurs("a", 3) && !occ.occurs("a", 9));
    }

    #[test]
    fn chinese_quotes_match_on_characters_not_bytes() {
        let texts = ["市场说了算", "说"];
        let occ = Occurrences::find(["说了", "场说", "算"], &texts);
        assert_eq!(occ.homes("说了"), [0]);
        assert_eq!(occ.homes("算"), [0]);
        assert!(occ.occurs("场说", 0));
    }
}
