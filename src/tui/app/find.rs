//! Search as the reader types: narrowing the hits, stepping through them, and going back to where the search began.

use super::*;

impl App {
    pub(super) fn search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if lookup(Scope::Global, &key) == Some(Action::Quit)
            && key.modifiers.contains(KeyModifiers::CONTROL)
        {
            return vec![Effect::Quit];
        }
        match key.code {
            KeyCode::Esc => {
                if let Some(o) = self.search.origin {
                    self.restore(o);
                }
                self.search = Search::default();
            }
            KeyCode::Enter => {
                self.search.typing = false;
                if let Some(h) = self
                    .search
                    .current
                    .and_then(|c| self.search.hits.get(c))
                    .copied()
                {
                    self.go_to_hit(h, true);
                }
            }
            KeyCode::Backspace => {
                self.search.query.pop();
                self.run_search();
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.search.query.push(c);
                self.run_search();
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn restore(&mut self, p: Position) {
        match p.selected {
            Some(n) => self.select_node(n),
            None => self.select_paragraph(p.section, p.paragraph),
        }
        self.set_paragraph(p.section, p.paragraph);
        self.scroll = p.scroll;
    }

    /// Finds every match of the query, case-insensitive, in both languages, and
    /// jumps to the first at or after where the search began.
    pub(super) fn run_search(&mut self) {
        let needle = fold_case(&self.search.query);
        self.search.current = None;
        if needle.is_empty() {
            self.search.hits.clear();
            self.search.narrowing.clear();
            if let Some(o) = self.search.origin {
                self.restore(o);
            }
            return;
        }
        // Only what matched a query this one extends can match it.
        let narrowing = &mut self.search.narrowing;
        while narrowing
            .last()
            .is_some_and(|(q, _)| !needle.starts_with(q.as_str()))
        {
            narrowing.pop();
        }
        let g = self.search_text.get();
        let text = |h: &Hit| match *h {
            Hit::Paragraph(s, p) => &g.para[s][p],
            Hit::Node(n) => &g.node[n],
        };
        self.search.hits = match narrowing.last() {
            Some((q, hits)) if *q == needle => hits.clone(),
            Some((_, hits)) => hits
                .iter()
                .filter(|h| text(h).contains(&needle))
                .copied()
                .collect(),
            None => search_all(&self.graph, &g, &needle),
        };
        if narrowing.last().is_none_or(|(q, _)| *q != needle) {
            narrowing.push((needle, self.search.hits.clone()));
        }
        let origin = self
            .search
            .origin
            .map_or((0, 0), |o| (o.section, o.paragraph));
        let first = self
            .search
            .hits
            .iter()
            .position(|h| self.hit_place(*h) >= origin)
            .or(if self.search.hits.is_empty() {
                None
            } else {
                Some(0)
            });
        self.search.current = first;
        if let Some(i) = first {
            let h = self.search.hits[i];
            self.go_to_hit(h, false);
        }
    }

    pub(super) fn hit_place(&self, h: Hit) -> (usize, usize) {
        match h {
            Hit::Paragraph(s, p) => (s, p),
            Hit::Node(n) => self.graph.anchors[n].unwrap_or((usize::MAX, usize::MAX)),
        }
    }

    pub(super) fn go_to_hit(&mut self, h: Hit, remember: bool) {
        match h {
            Hit::Paragraph(s, p) => self.select_paragraph(s, p),
            Hit::Node(n) if remember => self.visit(n),
            Hit::Node(n) => self.select_node(n),
        }
    }

    pub(super) fn step_match(&mut self, by: isize) {
        let count = self.search.hits.len();
        if count == 0 {
            if !self.search.query.is_empty() {
                self.message = Some(self.strings().no_match.to_string());
            }
            return;
        }
        let cur = self.search.current.unwrap_or(0) as isize;
        let next = (cur + by).rem_euclid(count as isize) as usize;
        self.search.current = Some(next);
        let h = self.search.hits[next];
        self.go_to_hit(h, true);
    }
}

/// Every match of `needle` (already folded) in document order: each paragraph,
/// then the nodes shown at it; nodes shown nowhere last.
pub(super) fn search_all(g: &Graph, t: &SearchText, needle: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (s, paras) in t.para.iter().enumerate() {
        for (p, text) in paras.iter().enumerate() {
            if text.contains(needle) {
                hits.push(Hit::Paragraph(s, p));
            }
            for &n in &g.at_paragraph[s][p] {
                if t.node[n].contains(needle) {
                    hits.push(Hit::Node(n));
                }
            }
        }
    }
    for (n, text) in t.node.iter().enumerate() {
        if g.anchors[n].is_none() && text.contains(needle) {
            hits.push(Hit::Node(n));
        }
    }
    hits
}
