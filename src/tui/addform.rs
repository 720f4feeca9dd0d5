//! The form for a node of the reader's own: its kind, how it bears on the node
//! it answers, its words (in either language), a note, and the quote it was
//! made from. Pure state with its own keys; the app turns a saved form into an
//! addition to the reader's marks.

use crossterm::event::{KeyCode, KeyEvent};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as RLine;
use ratatui::widgets::Paragraph;

use super::app::App;
use super::i18n::Strings;
use super::input::TextInput;
use super::keymap::{Action, Scope, hints, lookup};
use super::panes::{Line, Tone, kind_tone};
use super::theme::Theme;
use super::view::{block, clear, fit, to_line};
use crate::model::{Lang, NodeKind, RelationKind};
use crate::wrap::{Ambiguous, str_width, truncate, wrap};

/// How the new node bears on the node it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bearing {
    /// It gives a reason to accept it.
    Supports,
    /// It gives a reason to reject it.
    Rebuts,
    /// It attacks the link by which one of its supports supports it.
    Undercuts,
    /// It answers nothing yet: a claim of one's own under the thesis.
    None,
}

impl Bearing {
    /// Every choice, in the order the form cycles through them.
    pub const ALL: [Bearing; 4] = [
        Bearing::Supports,
        Bearing::Rebuts,
        Bearing::Undercuts,
        Bearing::None,
    ];

    /// The relation it makes, if any.
    pub fn relation(self) -> Option<RelationKind> {
        match self {
            Bearing::Supports => Some(RelationKind::Supports),
            Bearing::Rebuts => Some(RelationKind::Rebuts),
            Bearing::Undercuts => Some(RelationKind::Undercuts),
            Bearing::None => None,
        }
    }

    /// The bearing that makes `kind`.
    pub fn of(kind: Option<RelationKind>) -> Bearing {
        match kind {
            Some(RelationKind::Supports) => Bearing::Supports,
            Some(RelationKind::Rebuts) => Bearing::Rebuts,
            Some(RelationKind::Undercuts) => Bearing::Undercuts,
            None => Bearing::None,
        }
    }
}

/// A field of the form, in the order Tab goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Claim, evidence or rebuttal.
    Kind,
    /// The node it answers.
    Target,
    /// Supports, rebuts, undercuts, or none.
    Bearing,
    /// Which support of the target an undercut attacks.
    Link,
    /// The language the words are written in.
    Lang,
    /// The node's words.
    Text,
    /// A note of the reader's.
    Note,
}

/// The node the form answers: its id, label and the supports it has (for undercuts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The node's id.
    pub id: String,
    /// Its visible label (C1, E3, R2).
    pub label: String,
    /// What it says, in the language the reader reads.
    pub text: String,
    /// Its supports, (id, label), for an undercut to choose from.
    pub supports: Vec<(String, String)>,
}

/// What a saved form says, for the app to make into an addition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The addition being edited, or `None` for a new one.
    pub editing: Option<String>,
    /// Claim, evidence or rebuttal.
    pub kind: NodeKind,
    /// The relation to the target, if any: (kind, target id, link).
    pub relation: Option<(RelationKind, String, Option<String>)>,
    /// The language `text` is in.
    pub lang: Lang,
    /// The words, trimmed.
    pub text: String,
    /// The note, trimmed; `None` when empty.
    pub note: Option<String>,
    /// The verbatim quote and the paragraph it is from, when made from a selection.
    pub quote: Option<(String, String)>,
    /// The node it answers (the one chosen, even with no relation to it): a
    /// node without a quote of its own is placed at that node's paragraph.
    pub answers: Option<String>,
    /// Only a relation to add from this addition (its id): nothing else.
    pub relating: Option<String>,
}

/// The form being filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddForm {
    /// The addition being edited (its id), or `None` for a new one.
    pub editing: Option<String>,
    /// When only a relation is being added from one's own node: its (id, label).
    pub relating: Option<(String, String)>,
    /// Claim, evidence or rebuttal.
    pub kind: NodeKind,
    /// How it bears on the target.
    pub bearing: Bearing,
    /// The nodes it may answer, the one it answers first.
    pub targets: Vec<Target>,
    /// Which of `targets` it answers.
    pub target_at: usize,
    /// For an undercut: which of the target's supports.
    pub link: usize,
    /// The language the words are in.
    pub lang: Lang,
    /// The node's words.
    pub text: TextInput,
    /// The reader's note.
    pub note: TextInput,
    /// The quote and its paragraph's id, when made from a selection.
    pub quote: Option<(String, String)>,
    /// The field with the cursor.
    pub field: Field,
    /// Esc (or Ctrl-C) was pressed once on a changed form: the same again leaves.
    leaving: Option<Action>,
    /// The form as it opened, to tell whether it changed.
    opened: Option<Box<AddForm>>,
}

/// What a key in the form asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormStep {
    /// Nothing beyond the form.
    Stay,
    /// Save this draft.
    Save(Box<Filled>),
    /// The words are missing: say so.
    NeedsText,
    /// Esc on a changed form: say a second closes it.
    ConfirmClose,
    /// Ctrl-C on a changed form: say a second quits.
    ConfirmQuit,
    /// Close the form.
    Close,
    /// Leave the reader.
    Quit,
}

impl AddForm {
    /// A new node answering the first of `targets` (or nothing, with none),
    /// in `lang`, as `kind` bearing on it as `bearing`, quoting `quote` (text,
    /// paragraph id).
    pub fn new(
        targets: Vec<Target>,
        kind: NodeKind,
        bearing: Bearing,
        lang: Lang,
        quote: Option<(String, String)>,
    ) -> AddForm {
        let bearing = if targets.is_empty() {
            Bearing::None
        } else {
            bearing
        };
        let mut form = AddForm {
            editing: None,
            relating: None,
            kind,
            bearing,
            targets,
            target_at: 0,
            link: 0,
            lang,
            text: TextInput::default(),
            note: TextInput::default(),
            quote,
            field: Field::Text,
            leaving: None,
            opened: None,
        };
        form.snapshot();
        form
    }

    /// Remembers the form as it is now, as the state a change is measured from.
    pub fn snapshot(&mut self) {
        let mut copy = self.clone();
        copy.opened = None;
        self.opened = Some(Box::new(copy));
    }

    /// Whether anything was changed since the form opened.
    pub fn changed(&self) -> bool {
        let Some(opened) = &self.opened else {
            return true;
        };
        opened.kind != self.kind
            || opened.target_at != self.target_at
            || opened.bearing != self.bearing
            || opened.link != self.link
            || opened.lang != self.lang
            || opened.text.text != self.text.text
            || opened.note.text != self.note.text
    }

    /// The fields shown, in Tab order: a target's bearing only with a target,
    /// the support to undercut only for an undercut of a node that has some.
    pub fn fields(&self) -> Vec<Field> {
        let relating = self.relating.is_some();
        let mut out = if relating { vec![] } else { vec![Field::Kind] };
        if !self.targets.is_empty() {
            out.extend([Field::Target, Field::Bearing]);
        }
        if self.bearing == Bearing::Undercuts && self.supports().len() > 1 {
            out.push(Field::Link);
        }
        if !relating {
            out.extend([Field::Lang, Field::Text, Field::Note]);
        }
        out
    }

    /// A form adding only a relation from one's own node (`from`: id, label)
    /// to `target`, bearing on it as `bearing`.
    pub fn relate(from: (String, String), target: Target, bearing: Bearing) -> AddForm {
        let mut form = AddForm::new(vec![target], NodeKind::Claim, bearing, Lang::En, None);
        form.relating = Some(from);
        form.field = Field::Bearing;
        form.snapshot();
        form
    }

    /// The node it answers, if any.
    pub fn target(&self) -> Option<&Target> {
        self.targets.get(self.target_at)
    }

    fn supports(&self) -> &[(String, String)] {
        self.target().map_or(&[], |t| t.supports.as_slice())
    }

    /// The support an undercut attacks: (id, label).
    pub fn undercut(&self) -> Option<&(String, String)> {
        let s = self.supports();
        s.get(self.link.min(s.len().saturating_sub(1)))
    }

    /// The bearings the target allows: no undercut of a node with no supports.
    fn bearings(&self) -> Vec<Bearing> {
        Bearing::ALL
            .into_iter()
            .filter(|b| *b != Bearing::Undercuts || !self.supports().is_empty())
            .filter(|b| !self.targets.is_empty() || *b == Bearing::None)
            // A relation on its own must be one.
            .filter(|b| self.relating.is_none() || *b != Bearing::None)
            .collect()
    }

    fn move_field(&mut self, by: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.field).unwrap_or(0) as isize;
        self.field = fields[(at + by).rem_euclid(fields.len() as isize) as usize];
    }

    /// Changes the choice under the cursor by `by` (a text field moves its cursor).
    fn change(&mut self, by: isize) {
        let cycle =
            |at: usize, len: usize| (at as isize + by).rem_euclid(len.max(1) as isize) as usize;
        match self.field {
            Field::Kind => {
                let at = NodeKind::ALL
                    .iter()
                    .position(|k| *k == self.kind)
                    .unwrap_or(0);
                self.kind = NodeKind::ALL[cycle(at, 3)];
            }
            Field::Target => {
                self.target_at = cycle(self.target_at, self.targets.len());
                self.link = 0;
                if self.bearing == Bearing::Undercuts && self.supports().is_empty() {
                    self.bearing = Bearing::Rebuts;
                }
            }
            Field::Bearing => {
                let all = self.bearings();
                let at = all.iter().position(|b| *b == self.bearing).unwrap_or(0);
                self.bearing = all
                    .get(cycle(at, all.len()))
                    .copied()
                    .unwrap_or(Bearing::None);
            }
            Field::Link => self.link = cycle(self.link, self.supports().len()),
            Field::Lang => self.lang = self.lang.other(),
            Field::Text | Field::Note => {
                let input = self.input_mut();
                if by < 0 {
                    input.left();
                } else {
                    input.right();
                }
            }
        }
    }

    fn input_mut(&mut self) -> &mut TextInput {
        if self.field == Field::Note {
            &mut self.note
        } else {
            &mut self.text
        }
    }

    /// What the form holds, if it can be saved (it has words).
    pub fn filled(&self) -> Option<Filled> {
        let text = self.text.text.trim();
        if text.is_empty() && self.relating.is_none() {
            return None;
        }
        let note = self.note.text.trim();
        let relation = self.target().and_then(|t| {
            let kind = self.bearing.relation()?;
            match kind {
                // An undercut attacks the link from a support to the target.
                RelationKind::Undercuts => {
                    let (support, _) = self.undercut()?;
                    Some((kind, support.clone(), Some(t.id.clone())))
                }
                _ => Some((kind, t.id.clone(), None)),
            }
        });
        Some(Filled {
            editing: self.editing.clone(),
            kind: self.kind,
            relation,
            lang: self.lang,
            text: text.to_string(),
            note: (!note.is_empty()).then(|| note.to_string()),
            quote: self.quote.clone(),
            answers: self.target().map(|t| t.id.clone()),
            relating: self.relating.as_ref().map(|(id, _)| id.clone()),
        })
    }

    /// Handles a key: the form's bindings first, then typing in a text field.
    /// `width` is the text fields' width, for keeping the cursor in view.
    pub fn key(&mut self, key: KeyEvent, width: usize, amb: Ambiguous) -> FormStep {
        let leaving = self.leaving.take();
        let typing = matches!(self.field, Field::Text | Field::Note);
        match lookup(Scope::Form, &key) {
            // A changed form needs the key twice: one slip loses nothing.
            Some(a @ (Action::Close | Action::Quit)) => {
                let quit = a == Action::Quit;
                if self.changed() && leaving != Some(a) {
                    self.leaving = Some(a);
                    return if quit {
                        FormStep::ConfirmQuit
                    } else {
                        FormStep::ConfirmClose
                    };
                }
                return if quit {
                    FormStep::Quit
                } else {
                    FormStep::Close
                };
            }
            Some(Action::Save) => {
                return match self.filled() {
                    Some(d) => FormStep::Save(Box::new(d)),
                    None => {
                        self.field = Field::Text;
                        FormStep::NeedsText
                    }
                };
            }
            Some(Action::NextField) => self.move_field(1),
            Some(Action::PrevField) => self.move_field(-1),
            Some(Action::CharLeft) => self.change(-1),
            Some(Action::CharRight) => self.change(1),
            // Left and Right are the form's own keys (above): the text gets the rest.
            _ if typing => self.input_mut().edit(&key),
            // A choice changes with Space too.
            _ if key.code == KeyCode::Char(' ') => self.change(1),
            _ => {}
        }
        if typing {
            self.input_mut().keep_visible(width, amb);
        }
        FormStep::Stay
    }

    /// Text pasted into the field with the cursor (newlines become spaces).
    pub fn paste(&mut self, text: &str, width: usize, amb: Ambiguous) {
        if !matches!(self.field, Field::Text | Field::Note) {
            return;
        }
        let input = self.input_mut();
        for c in text.chars() {
            input.insert(if c == '\n' { ' ' } else { c });
        }
        input.keep_visible(width, amb);
    }
}

/// The form's popup is this wide at most, and as wide as the screen below that.
const MAX_WIDTH: u16 = 76;

/// Columns before a field's value: its name and a space (the longest name,
/// "Language" or "回应对象", fits with room).
pub const LABEL: usize = 11;

/// Columns of the popup on a screen `cols` wide.
pub fn popup_width(cols: u16) -> u16 {
    cols.min(MAX_WIDTH)
}

/// Columns of a text field on a screen `cols` wide: the popup less its
/// borders, the names' column and a column for the cursor at the end.
pub fn text_width(cols: u16) -> usize {
    usize::from(popup_width(cols))
        .saturating_sub(2 + LABEL + 1)
        .max(1)
}

/// Lines of the quote shown, at most: the rest is cut with an ellipsis.
const QUOTE_LINES: usize = 3;

/// The form's lines as toned text, and where the cursor goes (line, column)
/// when a text field has it. `inner` is the popup's inner width.
pub fn lines(app: &App, form: &AddForm, inner: usize) -> (Vec<Line>, Option<(usize, usize)>) {
    let s = app.strings();
    let o = &s.own;
    let amb = app.ambiguous;
    let mut out = Vec::new();
    let mut cursor = None;
    let value_w = inner.saturating_sub(LABEL);
    let label = |f: Field| -> &'static str {
        match f {
            Field::Kind => o.field_kind,
            Field::Target => o.field_target,
            Field::Bearing => o.field_bearing,
            Field::Link => o.field_link,
            Field::Lang => o.field_lang,
            Field::Text => o.field_text,
            Field::Note => o.field_note,
        }
    };
    let head = |f: Field| -> Line {
        let name = label(f);
        let focused = form.field == f;
        let mark = if focused { "▸" } else { " " };
        let text = format!("{mark}{name}");
        let pad = LABEL.saturating_sub(str_width(&text, amb));
        Line::new().push(
            format!("{text}{}", " ".repeat(pad)),
            if focused { Tone::Key } else { Tone::Dim },
        )
    };
    let choice = |text: String, tone: Tone| -> Vec<(String, Tone)> {
        let shown = truncate(&text, value_w.saturating_sub(4), amb).into_owned();
        vec![
            ("‹ ".to_string(), Tone::Glyph),
            (shown, tone),
            (" ›".to_string(), Tone::Glyph),
        ]
    };
    for f in form.fields() {
        let mut line = head(f);
        let value = match f {
            Field::Kind => choice(kind_name(s, form.kind).to_string(), kind_tone(form.kind)),
            Field::Target => {
                let t = form.target();
                let text = t.map_or(String::new(), |t| format!("{} {}", t.label, t.text));
                choice(text, Tone::Plain)
            }
            Field::Bearing => {
                let name = match form.bearing {
                    Bearing::Supports => o.bearing_supports,
                    Bearing::Rebuts => o.bearing_rebuts,
                    Bearing::Undercuts => o.bearing_undercuts,
                    Bearing::None => o.bearing_none,
                };
                choice(name.to_string(), Tone::Plain)
            }
            Field::Link => {
                let (label, target) = (
                    form.undercut().map_or("", |(_, l)| l.as_str()),
                    form.target().map_or("", |t| t.label.as_str()),
                );
                choice(format!("{label} → {target}"), Tone::Plain)
            }
            Field::Lang => choice(
                match form.lang {
                    Lang::Zh => o.lang_zh,
                    Lang::En => o.lang_en,
                }
                .to_string(),
                Tone::Plain,
            ),
            Field::Text | Field::Note => {
                let input = if f == Field::Text {
                    &form.text
                } else {
                    &form.note
                };
                let (shown, col) = input.window(value_w.saturating_sub(1), amb);
                if form.field == f {
                    cursor = Some((out.len(), LABEL + col));
                }
                if shown.is_empty() && form.field != f {
                    vec![("…".to_string(), Tone::Dim)]
                } else {
                    vec![(shown.to_string(), Tone::Plain)]
                }
            }
        };
        for (text, tone) in value {
            line = line.push(text, tone);
        }
        out.push(line);
    }
    // The node's other relations, which the form leaves as they are.
    let also = also_relations(app, form);
    if !also.is_empty() {
        let text = format!("{} {}", also.join(" · "), o.also_kept);
        for (i, r) in wrap(&text, value_w.max(1), amb).into_iter().enumerate() {
            let name = if i == 0 { o.field_also } else { "" };
            let pad = LABEL.saturating_sub(str_width(name, amb) + 1);
            out.push(
                Line::new()
                    .push(format!(" {name}{}", " ".repeat(pad)), Tone::Dim)
                    .push(text[r].to_string(), Tone::Dim),
            );
        }
    }
    if let Some((quote, _)) = &form.quote {
        let rows = wrap(quote, value_w.max(1), amb);
        let cut = rows.len() > QUOTE_LINES;
        for (i, r) in rows.into_iter().take(QUOTE_LINES).enumerate() {
            let name = if i == 0 { o.field_quote } else { "" };
            let pad = LABEL.saturating_sub(str_width(name, amb) + 1);
            let mut text = quote[r].to_string();
            if cut && i + 1 == QUOTE_LINES {
                text = truncate(&format!("{text}……"), value_w, amb).into_owned();
            }
            out.push(
                Line::new()
                    .push(format!(" {name}{}", " ".repeat(pad)), Tone::Dim)
                    .push(text, Tone::Match),
            );
        }
    }
    out.push(Line::new());
    let keys: Vec<String> = hints(Scope::Form)
        .map(|b| format!("{} {}", b.keys[0].label(), b.description(app.ui)))
        .collect();
    for r in wrap(&keys.join(" · "), inner.max(1), amb) {
        let all = keys.join(" · ");
        out.push(Line::new().push(all[r].to_string(), Tone::Dim));
    }
    (out, cursor)
}

/// When editing one's own node: its relations after the first (the one the
/// form edits), in words, naming nodes by label.
fn also_relations(app: &App, form: &AddForm) -> Vec<String> {
    let o = &app.strings().own;
    let Some(a) = form
        .editing
        .as_deref()
        .and_then(|id| app.marks.addition(id))
    else {
        return Vec::new();
    };
    let name = |id: &str| {
        app.doc.node_index(id).map_or_else(
            || crate::text::sanitize_line(id).into_owned(),
            |n| app.graph.labels[n].clone(),
        )
    };
    a.relations
        .iter()
        .skip(1)
        .map(|r| {
            let link = r.link.as_deref().map(name).unwrap_or_default();
            let words = match r.kind {
                RelationKind::Supports => o.also_relations[0],
                RelationKind::Rebuts => o.also_relations[1],
                RelationKind::Undercuts => o.also_relations[2],
            };
            words.replace("{0}", &name(&r.to)).replace("{1}", &link)
        })
        .collect()
}

/// The name of a kind in the interface's words.
fn kind_name(s: &Strings, kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Claim => s.claim,
        NodeKind::Evidence => s.evidence,
        NodeKind::Rebuttal => s.rebuttal,
    }
}

/// Draws the form as a popup in the middle of `body`, the terminal's cursor in
/// the text field being typed in (so input methods put their window there).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, form: &AddForm) {
    let o = &app.strings().own;
    let w = popup_width(body.width);
    let inner = usize::from(w.saturating_sub(2));
    let (lines, cursor) = lines(app, form, inner);
    let h = (lines.len() as u16 + 2).min(body.height);
    if h < 3 || w < 3 {
        return;
    }
    let at = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    clear(frame, at);
    let title = match (&form.editing, form.target()) {
        (_, Some(t)) if form.relating.is_some() => {
            let from = form.relating.as_ref().map_or("", |(_, l)| l.as_str());
            format!(" {} {} {from} → {} ", OWN_GLYPH, o.form_relate, t.label)
        }
        (Some(_), _) => format!(" {} {} ", OWN_GLYPH, o.form_edit),
        (None, Some(t)) if form.bearing != Bearing::None => {
            format!(
                " {} {} · {} {} ",
                OWN_GLYPH, o.form_add, o.answering, t.label
            )
        }
        _ => format!(" {} {} ", OWN_GLYPH, o.form_add),
    };
    let title = fit(&title, inner, app);
    // On a short screen the form scrolls so the field being filled in shows.
    let inner_h = usize::from(h - 2);
    let focused = form
        .fields()
        .iter()
        .position(|f| *f == form.field)
        .unwrap_or(0);
    let skip = (focused + 1).saturating_sub(inner_h);
    let text: Vec<RLine> = lines.iter().skip(skip).map(|l| to_line(l, theme)).collect();
    frame.render_widget(Paragraph::new(text).block(block(title, true, theme)), at);
    if let Some((line, col)) = cursor.map(|(l, c)| (l - skip.min(l), c))
        && line < inner_h
    {
        let x = at.x + 1 + u16::try_from(col).unwrap_or(0);
        frame.set_cursor_position((x.min(at.right().saturating_sub(2)), at.y + 1 + line as u16));
    }
}

/// The glyph that marks a reader's own node wherever it shows (the node
/// pane's "a reader's own" line begins with it too).
pub const OWN_GLYPH: &str = "⊕";

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn press(form: &mut AddForm, code: KeyCode) -> FormStep {
        form.key(
            KeyEvent::new(code, KeyModifiers::NONE),
            30,
            Ambiguous::Narrow,
        )
    }

    fn type_in(form: &mut AddForm, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    fn target() -> Target {
        Target {
            id: "thesis".into(),
            label: "C1".into(),
            text: "chips".into(),
            supports: vec![("e1".into(), "E1".into()), ("e2".into(), "E2".into())],
        }
    }

    #[test]
    fn a_rebuttal_in_chinese_is_drafted_against_its_target() {
        let mut form = AddForm::new(
            vec![target()],
            NodeKind::Rebuttal,
            Bearing::Rebuts,
            Lang::Zh,
            None,
        );
        type_in(&mut form, "算力不够");
        press(&mut form, KeyCode::Left);
        press(&mut form, KeyCode::Backspace);
        press(&mut form, KeyCode::Tab);
        type_in(&mut form, "note");
        let FormStep::Save(d) = press(&mut form, KeyCode::Enter) else {
            panic!("the form saves");
        };
        assert_eq!(d.text, "算力够");
        assert_eq!(d.note.as_deref(), Some("note"));
        assert_eq!(d.lang, Lang::Zh);
        assert_eq!(d.kind, NodeKind::Rebuttal);
        assert_eq!(
            d.relation,
            Some((RelationKind::Rebuts, "thesis".into(), None))
        );
    }

    #[test]
    fn kind_and_bearing_cycle_with_the_arrows_and_an_undercut_names_the_support() {
        let mut form = AddForm::new(
            vec![target()],
            NodeKind::Claim,
            Bearing::Supports,
            Lang::En,
            None,
        );
        assert_eq!(form.field, Field::Text, "the words come first");
        press(&mut form, KeyCode::BackTab);
        press(&mut form, KeyCode::BackTab);
        assert_eq!(form.field, Field::Bearing);
        assert_eq!(form.target().map(|t| t.label.as_str()), Some("C1"));
        press(&mut form, KeyCode::Right);
        press(&mut form, KeyCode::Right);
        assert_eq!(form.bearing, Bearing::Undercuts);
        assert!(form.fields().contains(&Field::Link));
        press(&mut form, KeyCode::Tab);
        assert_eq!(form.field, Field::Link);
        press(&mut form, KeyCode::Right);
        press(&mut form, KeyCode::Up);
        press(&mut form, KeyCode::Up);
        press(&mut form, KeyCode::Up);
        assert_eq!(form.field, Field::Kind);
        press(&mut form, KeyCode::Left);
        assert_eq!(form.kind, NodeKind::Rebuttal);
        form.field = Field::Text;
        type_in(&mut form, "the chips were stockpiled");
        let FormStep::Save(d) = press(&mut form, KeyCode::Enter) else {
            panic!("the form saves");
        };
        assert_eq!(
            d.relation,
            Some((RelationKind::Undercuts, "e2".into(), Some("thesis".into())))
        );
    }

    #[test]
    fn a_node_answering_nothing_has_no_relation_and_no_bearing_to_choose() {
        let mut form = AddForm::new(
            Vec::new(),
            NodeKind::Claim,
            Bearing::Supports,
            Lang::En,
            None,
        );
        assert_eq!(form.bearing, Bearing::None);
        assert!(!form.fields().contains(&Field::Bearing));
        type_in(&mut form, "mine");
        let FormStep::Save(d) = press(&mut form, KeyCode::Enter) else {
            panic!("the form saves");
        };
        assert_eq!(d.relation, None);
    }

    #[test]
    fn empty_words_are_not_saved_and_a_changed_form_closes_on_the_second_esc() {
        let mut form = AddForm::new(
            vec![target()],
            NodeKind::Evidence,
            Bearing::Supports,
            Lang::En,
            None,
        );
        assert_eq!(press(&mut form, KeyCode::Char(' ')), FormStep::Stay);
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            FormStep::NeedsText,
            "spaces are no words"
        );
        assert_eq!(press(&mut form, KeyCode::Esc), FormStep::ConfirmClose);
        assert_eq!(press(&mut form, KeyCode::Esc), FormStep::Close);
        let mut untouched =
            AddForm::new(Vec::new(), NodeKind::Claim, Bearing::None, Lang::En, None);
        assert_eq!(press(&mut untouched, KeyCode::Esc), FormStep::Close);
    }

    #[test]
    fn a_relation_alone_needs_no_words_and_is_always_one() {
        let from = ("r1.1".to_string(), "+C1".to_string());
        let mut form = AddForm::relate(from, target(), Bearing::Supports);
        assert_eq!(form.fields(), [Field::Target, Field::Bearing]);
        for _ in 0..8 {
            press(&mut form, KeyCode::Right);
            assert_ne!(form.bearing, Bearing::None);
        }
        form.bearing = Bearing::Rebuts;
        let FormStep::Save(d) = press(&mut form, KeyCode::Enter) else {
            panic!("a relation saves without words");
        };
        assert_eq!(d.relating.as_deref(), Some("r1.1"));
        assert_eq!(
            d.relation,
            Some((RelationKind::Rebuts, "thesis".into(), None))
        );
    }

    #[test]
    fn the_quote_comes_through_untouched() {
        let quote = (
            "中国一个百来人的 AI 创业团队".to_string(),
            "p-1".to_string(),
        );
        let mut form = AddForm::new(
            vec![target()],
            NodeKind::Evidence,
            Bearing::Supports,
            Lang::Zh,
            Some(quote.clone()),
        );
        form.paste("小团队\n也能做", 30, Ambiguous::Narrow);
        let FormStep::Save(d) = press(&mut form, KeyCode::Enter) else {
            panic!("the form saves");
        };
        assert_eq!(d.quote, Some(quote));
        assert_eq!(d.text, "小团队 也能做");
    }
}
