//! Marks and notes on the selected node: agree, dispute, unsure, clear, the undo list, and the note box's keys.

use super::*;

impl App {
    /// Sets the selected node's stance (`None` clears stance and note).
    pub(super) fn mark(&mut self, stance: Option<Stance>) -> Vec<Effect> {
        let Some(n) = self.selected else {
            self.message = Some(self.strings().select_first.to_string());
            return Vec::new();
        };
        let had = self.mark_of(n).is_some();
        let before = self.remember(n);
        let changed = match stance {
            Some(_) if self.marks.stance(&self.doc.nodes[n].id) == stance => {
                // Pressing the same stance again leaves it; `x` clears.
                false
            }
            Some(_) => self.marks.set_stance(&self.doc, n, stance),
            None => self.marks.clear(n, &self.doc),
        };
        if changed {
            self.push_undo(before);
            if stance.is_none() {
                let s = self.strings();
                self.message = Some(format!(
                    "{} {} · {}",
                    s.cleared, self.graph.labels[n], s.undo_hint
                ));
            }
            self.mark_changed(Some((n, had)));
            vec![Effect::SaveMarks]
        } else {
            Vec::new()
        }
    }

    /// The mark on node `n` as it is now, to undo a change to it.
    pub(super) fn remember(&self, n: usize) -> (String, Option<Arc<Mark>>) {
        let id = self.doc.nodes[n].id.clone();
        let mark = self.marks.by_node.get(&id).cloned();
        (id, mark)
    }

    /// Keeps a mark as it was before a change; the oldest go past a hundred
    /// (changes to the reader's own nodes share the list).
    pub(super) fn push_undo(&mut self, before: (String, Option<Arc<Mark>>)) {
        self.push_change(own::Undo::Mark(before.0, before.1));
    }

    /// Keeps what a change replaced, for undo; the oldest go past a hundred.
    pub(super) fn push_change(&mut self, change: own::Undo) {
        const KEPT: usize = 100;
        if self.undo.len() == KEPT {
            self.undo.remove(0);
        }
        self.undo.push(change);
    }

    /// Puts back the mark the last change replaced (stance and note together).
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let s = self.strings();
        let (id, before) = match self.undo.pop() {
            Some(own::Undo::Mark(id, before)) => (id, before),
            Some(own::Undo::Own(change)) => return self.undo_own(change),
            None => {
                self.message = Some(s.nothing_to_undo.to_string());
                return Vec::new();
            }
        };
        let Some(n) = self.doc.node_index(&id) else {
            // The node went away in a reload: its mark is an orphan now.
            self.message = Some(s.nothing_to_undo.to_string());
            return Vec::new();
        };
        let had = self.mark_of(n).is_some();
        match before {
            Some(mark) => self.marks.by_node.insert(id, mark),
            None => self.marks.by_node.remove(&id),
        };
        self.marks.updated = crate::marks::now();
        self.message = Some(format!("{} {}", s.undone, self.graph.labels[n]));
        self.mark_changed(Some((n, had)));
        vec![Effect::SaveMarks]
    }

    /// Opens the note box on the selected node, with its note to edit.
    pub(super) fn start_note(&mut self) {
        match self.selected {
            Some(n) => {
                let current = self
                    .mark_of(n)
                    .and_then(|m| m.note.clone())
                    .unwrap_or_default();
                self.editing = Some(TextInput::new(&current));
                self.leaving_note = None;
                self.note_for = Some(self.doc.nodes[n].id.clone());
            }
            None => self.message = Some(self.strings().select_first.to_string()),
        }
    }

    /// The label of the node the note being written is on.
    pub fn note_label(&self) -> &str {
        self.note_for
            .as_deref()
            .and_then(|id| self.doc.node_index(id))
            .map_or("", |n| self.graph.labels[n].as_str())
    }

    /// Whether the note being written differs from the one saved.
    pub(super) fn draft_changed(&self) -> bool {
        let saved = self
            .note_for
            .as_deref()
            .and_then(|id| self.marks.get(id))
            .and_then(|m| m.note.as_deref())
            .unwrap_or("");
        self.editing
            .as_ref()
            .is_some_and(|input| input.text.trim() != saved)
    }

    pub(super) fn note_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let leaving = self.leaving_note.take();
        let action = lookup(Scope::Note, &key);
        if let Some(a @ (Action::Quit | Action::Close)) = action {
            // An unsaved draft needs the key twice: one slip loses nothing.
            if self.draft_changed() && leaving != Some(a) {
                let s = self.strings();
                self.leaving_note = Some(a);
                self.message = Some(
                    if a == Action::Quit {
                        s.note_unsaved_quit
                    } else {
                        s.note_unsaved_esc
                    }
                    .to_string(),
                );
                return Vec::new();
            }
            if a == Action::Quit {
                return vec![Effect::Quit];
            }
            self.editing = None;
            return Vec::new();
        }
        let (width, amb) = (self.note_width(), self.ambiguous);
        let Some(input) = self.editing.as_mut() else {
            return Vec::new();
        };
        if action == Some(Action::Follow) {
            let text = input.text.clone();
            let Some(n) = self
                .note_for
                .as_deref()
                .and_then(|id| self.doc.node_index(id))
            else {
                // The node went away in a reload: keep the draft on screen.
                self.message = Some(self.strings().note_node_gone.to_string());
                return Vec::new();
            };
            self.editing = None;
            let had = self.mark_of(n).is_some();
            let before = self.remember(n);
            if self.marks.set_note(&self.doc, n, &text) {
                self.push_undo(before);
                self.mark_changed(Some((n, had)));
                return vec![Effect::SaveMarks];
            }
            return Vec::new();
        }
        input.edit(&key);
        input.keep_visible(width, amb);
        Vec::new()
    }

    /// Columns of the note box's text: the screen less its border and a
    /// column for the cursor at the end.
    pub(super) fn note_width(&self) -> usize {
        usize::from(self.size.0.saturating_sub(3))
    }

    /// Text typed or pasted into the note being written (or the form's field).
    pub fn paste(&mut self, text: &str) {
        if self.panes().is_none() {
            return;
        }
        let width = self.note_width();
        let form_width = self.form_width();
        if let Some(form) = self.form.as_mut().filter(|_| self.editing.is_none()) {
            form.paste(text, form_width, self.ambiguous);
        } else if let Some(input) = self.editing.as_mut() {
            for c in text.chars() {
                input.insert(if c == '\n' { ' ' } else { c });
            }
            input.keep_visible(width, self.ambiguous);
        } else if self.search.typing {
            self.search.query.push_str(&text.replace('\n', " "));
            self.run_search();
        }
    }
}
