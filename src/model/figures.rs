//! Reading and checking figures: the files compiled in from `assets/figures/`,
//! and any a document defines under `figures:`.
//!
//! Like the rest of the loader, this reports every problem at its position
//! instead of stopping at the first: missing values and units, unknown units,
//! kinds and qualifiers, fields that belong to another kind, paragraphs that do
//! not exist, formulas that do not parse, and — as a warning — a stated value
//! the inputs do not give.

use std::collections::{HashMap, HashSet};

use super::raw::{RawFigure, RawNotes, RawText, RawValue, Str};
use super::yaml::{self, Spanned, pos};
use super::{Bilingual, Lang};
use crate::diag::{Diagnostic, Pos, Report, Severity};
use crate::figures::units::{Unit, format_value, number};
use crate::figures::{
    Amount, Bar, BarChart, Cell, Change, Check, Figure, FigureData, FigureKind, Formula,
    FormulaError, FormulaInput, FormulaResult, Labelled, Qualifier, Quantity, Stated, Stats, Table,
    embedded,
};
use crate::text::{sanitize, sanitize_line};

/// Reads and checks one figure file on its own, as `name` (its paragraph
/// references cannot be checked without a document). Never panics: every
/// problem is in the report, with the file's text for quoting lines.
pub fn load_figure_file(name: &str, text: &str) -> (Option<Figure>, Report) {
    figure_file(name, text, None, Lang::Zh)
}

/// Reads one figure file; `paragraphs`, when given, are the ids its references must name.
fn figure_file(
    name: &str,
    text: &str,
    paragraphs: Option<&HashSet<&str>>,
    lang: Lang,
) -> (Option<Figure>, Report) {
    let mut report = Report::new(name);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let figure = if text.trim().is_empty() {
        report.push(
            Diagnostic::error(Pos::NONE, "the figure file is empty").hint(
                "a figure starts with `id:` and `kind:`; see the format reference in README.md",
            ),
        );
        None
    } else {
        match yaml::parse::<Spanned<RawFigure>>(text) {
            Ok(raw) => {
                let mut r = FigureResolver {
                    report: &mut report,
                    paragraphs,
                    lang,
                    source: text,
                };
                r.figure(&raw).0
            }
            Err(d) => {
                report.push(d);
                None
            }
        }
    };
    report.source = Some(text.to_string());
    report.sort();
    (figure, report)
}

/// The figures of a document: its own, then (for the built-in article) the
/// embedded ones it does not redefine. Returns them with every id declared,
/// including those of figures too broken to use, so that references to them
/// are not reported a second time.
pub(crate) fn resolve_figures(
    raw: &[Spanned<RawFigure>],
    document_id: &str,
    paragraphs: &HashSet<&str>,
    lang: Lang,
    source: &str,
    report: &mut Report,
) -> (Vec<Figure>, HashSet<String>) {
    let mut figures = Vec::new();
    let mut declared = HashSet::new();
    let mut first_at: HashMap<String, Pos> = HashMap::new();
    let mut r = FigureResolver {
        report,
        paragraphs: Some(paragraphs),
        lang,
        source,
    };
    for f in raw {
        let (figure, id) = r.figure(f);
        let Some((id, at)) = id else { continue };
        if let Some(first) = first_at.get(&id) {
            r.error(
                at,
                format!("duplicate figure id `{id}`"),
                &format!(
                    "figure ids must be unique; rename this one (the first is at line {})",
                    first.line
                ),
            );
            continue;
        }
        first_at.insert(id.clone(), at);
        declared.insert(id);
        figures.extend(figure);
    }
    if document_id == embedded::DOCUMENT {
        for (name, text) in embedded::FILES {
            let (figure, file_report) = figure_file(name, text, Some(paragraphs), lang);
            fold(report, &file_report);
            // The document's own definition wins: that is how its JSON dump,
            // which lists every figure, loads back to the same document.
            match figure {
                Some(f) if !declared.contains(&f.id) => {
                    declared.insert(f.id.clone());
                    figures.push(f);
                }
                Some(_) => {}
                // A broken file is named after its figure, so the nodes citing
                // it are not told a second time that it does not exist.
                None => {
                    let stem = name
                        .trim_start_matches("assets/figures/")
                        .trim_end_matches(".yaml");
                    declared.insert(stem.to_string());
                }
            }
        }
    }
    (figures, declared)
}

/// Copies the problems found in an embedded figure file into the document's
/// report. A report quotes one file, so each message names its own file and
/// position in front (`assets/figures/revenue.yaml:3:5: …`).
fn fold(into: &mut Report, from: &Report) {
    for d in &from.diagnostics {
        let place = match d.pos {
            Pos { line: 0, .. } => from.file.clone(),
            Pos { line, column: 0 } => format!("{}:{line}", from.file),
            Pos { line, column } => format!("{}:{line}:{column}", from.file),
        };
        let message = format!("{place}: {}", d.message);
        let folded = match d.severity {
            Severity::Error => Diagnostic::error(Pos::NONE, message),
            Severity::Warning => Diagnostic::warning(Pos::NONE, message),
        };
        into.push(match &d.hint {
            Some(h) => folded.hint(h.clone()),
            None => folded,
        });
    }
}

/// Which kinds each kind-specific field of a figure belongs to.
const KIND_FIELDS: [(&str, &[FigureKind]); 12] = [
    ("unit", &[FigureKind::Bar]),
    ("max", &[FigureKind::Bar]),
    ("bars", &[FigureKind::Bar]),
    ("before", &[FigureKind::Change]),
    ("after", &[FigureKind::Change]),
    ("columns", &[FigureKind::Table]),
    ("rows", &[FigureKind::Table]),
    ("inputs", &[FigureKind::Formula]),
    ("expression", &[FigureKind::Formula]),
    ("result", &[FigureKind::Formula]),
    ("stated", &[FigureKind::Formula]),
    ("items", &[FigureKind::Stat]),
];

/// The fields of a value that each place in a figure accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Bar,
    Side,
    Cell,
    Input,
    Result,
    Stated,
    Stat,
}

impl Place {
    fn accepts(self, field: &str) -> bool {
        let fields: &[&str] = match self {
            Place::Bar => &["label", "value", "low", "high", "qualifier", "derived"],
            Place::Side | Place::Stat => &["label", "value", "low", "high", "unit", "qualifier"],
            Place::Cell => &["zh", "en", "value", "low", "high", "unit", "qualifier"],
            Place::Input => &["name", "label", "value", "unit", "min", "max"],
            Place::Result => &["label", "unit"],
            Place::Stated => &["value", "unit", "round_to"],
        };
        fields.contains(&field)
    }

    /// Why a field is refused here, when there is more to say than "not here".
    fn refusal(self, field: &str) -> &'static str {
        match (self, field) {
            (Place::Bar, "unit") => {
                "every bar is in the figure's `unit`; write it once, on the figure"
            }
            (Place::Result, "value" | "low" | "high") => {
                "a formula's result is computed, never written; put the article's number under `stated`"
            }
            (Place::Input, "low" | "high") => {
                "a formula input takes one `value`; to show a range, compute with each end in turn"
            }
            _ => "remove it, or check the format reference in README.md",
        }
    }
}

struct FigureResolver<'r> {
    report: &'r mut Report,
    /// The document's paragraph ids, when the figure belongs to one.
    paragraphs: Option<&'r HashSet<&'r str>>,
    /// The document's original language: titles and labels need it.
    lang: Lang,
    /// The text being read, to point into a formula's expression.
    source: &'r str,
}

impl FigureResolver<'_> {
    fn error(&mut self, at: Pos, message: String, hint: &str) {
        let d = Diagnostic::error(at, message);
        self.report
            .push(if hint.is_empty() { d } else { d.hint(hint) });
    }

    fn warning(&mut self, at: Pos, message: String, hint: &str) {
        let d = Diagnostic::warning(at, message);
        self.report
            .push(if hint.is_empty() { d } else { d.hint(hint) });
    }

    /// Resolves one figure. Returns it when it could be built, and its id and
    /// position whenever it has one.
    fn figure(&mut self, raw: &Spanned<RawFigure>) -> (Option<Figure>, Option<(String, Pos)>) {
        let at = pos(raw);
        let f = &raw.value;
        let id = match &f.id {
            None => {
                self.error(
                    at,
                    "a figure has no `id`".into(),
                    "give it an `id:` that no other figure uses; nodes cite it by that id",
                );
                None
            }
            Some(v) => {
                let id = sanitize_line(&v.value).into_owned();
                if id.is_empty() || id != v.value || id.chars().any(char::is_whitespace) {
                    self.error(
                        pos(v),
                        format!(
                            "the figure id `{id}` is empty or contains spaces or control characters"
                        ),
                        "use letters, digits, `-` or `_` (Chinese characters are fine)",
                    );
                }
                Some((id, pos(v)))
            }
        };
        let name = id.as_ref().map_or_else(String::new, |(id, _)| id.clone());
        let what = format!("figure `{name}`");

        let kind = match &f.kind {
            None => {
                self.error(
                    at,
                    format!("{what} has no `kind`"),
                    &format!("add `kind:` with one of {}", kind_names()),
                );
                None
            }
            Some(k) => {
                let found = FigureKind::ALL
                    .iter()
                    .copied()
                    .find(|x| x.name() == k.value);
                if found.is_none() {
                    self.error(
                        pos(k),
                        format!("unknown figure kind `{}`", sanitize_line(&k.value)),
                        &format!("`kind` is one of {}", kind_names()),
                    );
                }
                found
            }
        };

        let title = self.text(f.title.as_ref(), &format!("the title of {what}"), at);
        let paragraph = match &f.paragraph {
            None => {
                self.error(
                    at,
                    format!("{what} has no `paragraph`"),
                    "add `paragraph:` with the id of the paragraph its numbers come from",
                );
                String::new()
            }
            Some(p) => self.paragraph(p, &what),
        };
        let mut also = Vec::new();
        for p in &f.also {
            let pid = self.paragraph(p, &what);
            if pid != paragraph && !also.contains(&pid) {
                also.push(pid);
            }
        }
        let notes = f.notes.as_ref().map(|n| match &n.value {
            RawNotes::One(s) => {
                let s = clean(s);
                Bilingual {
                    zh: s.clone(),
                    en: s,
                }
            }
            RawNotes::Both(t) => Bilingual {
                zh: clean(t.zh.as_deref().unwrap_or_default()),
                en: clean(t.en.as_deref().unwrap_or_default()),
            },
        });

        let Some(kind) = kind else {
            return (None, id);
        };
        for (field, at) in kind_fields(f) {
            let kinds = KIND_FIELDS
                .iter()
                .find(|(name, _)| *name == field)
                .map_or(&[][..], |(_, kinds)| *kinds);
            if !kinds.contains(&kind) {
                let owner = kinds.first().map_or("another", |k| k.name());
                self.error(
                    at,
                    format!(
                        "`{field}` is a field of {owner} figures, and {what} is a {}",
                        kind.name()
                    ),
                    "remove it, or change the figure's `kind`",
                );
            }
        }

        let data = match kind {
            FigureKind::Bar => self.bar(f, &what, at).map(FigureData::Bar),
            FigureKind::Change => self.change(f, &what, at).map(FigureData::Change),
            FigureKind::Table => self.table(f, &what, at).map(FigureData::Table),
            FigureKind::Formula => self.formula(f, &what, at).map(FigureData::Formula),
            FigureKind::Stat => self.stat(f, &what, at).map(FigureData::Stat),
        };
        let figure = data.map(|data| Figure {
            id: name,
            title,
            paragraph,
            also,
            sourced: f.sourced.unwrap_or(true),
            notes,
            data,
        });
        (figure, id)
    }

    /// Checks a paragraph reference against the document, when there is one.
    fn paragraph(&mut self, p: &Str, what: &str) -> String {
        let pid = sanitize_line(&p.value).into_owned();
        if let Some(known) = self.paragraphs
            && !known.contains(pid.as_str())
        {
            self.error(
                pos(p),
                format!("{what} cites paragraph `{pid}`, and no paragraph has that id"),
                "check the spelling: paragraph ids look like `s2p9`",
            );
        }
        pid
    }

    /// A two-language text: the original is required, a missing translation is a warning.
    fn text(&mut self, value: Option<&Spanned<RawText>>, what: &str, at: Pos) -> Bilingual {
        let Some(t) = value else {
            self.error(
                at,
                format!("{} is missing", capitalized(what)),
                "add `{zh: ..., en: ...}` in both languages",
            );
            return Bilingual::default();
        };
        let text = Bilingual {
            zh: clean_line(t.value.zh.as_deref().unwrap_or_default()),
            en: clean_line(t.value.en.as_deref().unwrap_or_default()),
        };
        let at = pos(t);
        let (original, other) = (self.lang, self.lang.other());
        if text.get(original).is_empty() && text.get(other).is_empty() {
            self.error(at, format!("{what} is empty"), "write it in both languages");
        } else if text.get(original).is_empty() {
            self.error(
                at,
                format!(
                    "{what} has no `{}` text (the original language)",
                    original.code()
                ),
                &format!("add `{}:`", original.code()),
            );
        } else if text.get(other).is_empty() {
            self.warning(
                at,
                format!("{what} has no `{}` translation", other.code()),
                &format!(
                    "add `{}:` so readers of that language can follow",
                    other.code()
                ),
            );
        }
        text
    }

    /// Refuses the fields of `v` that do not belong at `place`.
    fn only(&mut self, v: &Spanned<RawValue>, place: Place, what: &str) {
        for (field, at) in value_fields(v) {
            if !place.accepts(field) {
                self.error(
                    at,
                    format!("{what} takes no `{field}`"),
                    place.refusal(field),
                );
            }
        }
    }

    /// An input's `min` and `max`, each finite, the least below the most and
    /// the article's `value` between them; and whether they are usable.
    fn bounds(
        &mut self,
        r: &RawValue,
        value: Option<f64>,
        what: &str,
    ) -> (Option<f64>, Option<f64>, bool) {
        let mut ok = true;
        let mut read = |this: &mut Self, n: Option<&Spanned<f64>>| match n {
            None => None,
            Some(n) => {
                let v = this.finite(n, what);
                ok &= v.is_some();
                v
            }
        };
        let min = read(self, r.min.as_ref());
        let max = read(self, r.max.as_ref());
        if let (Some(lo), Some(hi), Some(at)) = (min, max, r.max.as_ref())
            && lo > hi
        {
            self.error(
                pos(at),
                format!("{what}: `max` {hi} is below `min` {lo}"),
                "swap them: `min` is the least a reader may set, `max` the most",
            );
            ok = false;
        }
        if let Some(v) = value {
            if let (Some(lo), Some(at)) = (min, r.min.as_ref())
                && v < lo
            {
                self.error(
                    pos(at),
                    format!("{what}: the article's value {v} is below `min` {lo}"),
                    "lower `min` so the article's own number is allowed",
                );
                ok = false;
            }
            if let (Some(hi), Some(at)) = (max, r.max.as_ref())
                && v > hi
            {
                self.error(
                    pos(at),
                    format!("{what}: the article's value {v} is above `max` {hi}"),
                    "raise `max` so the article's own number is allowed",
                );
                ok = false;
            }
        }
        (min, max, ok)
    }

    /// A number, which must be finite.
    fn finite(&mut self, n: &Spanned<f64>, what: &str) -> Option<f64> {
        if n.value.is_finite() {
            Some(n.value)
        } else {
            self.error(
                pos(n),
                format!("{what}: `{}` is not a number stance can use", n.value),
                "write an ordinary number such as `7.5`",
            );
            None
        }
    }

    /// The value or range of `v`; reports what is missing or contradictory.
    fn amount(&mut self, v: &Spanned<RawValue>, what: &str) -> Option<Amount> {
        let r = &v.value;
        match (&r.value, &r.low, &r.high) {
            (Some(value), None, None) => self
                .finite(value, what)
                .map(|value| Amount::Exact { value }),
            (None, Some(low), Some(high)) => {
                let (low_v, high_v) = (self.finite(low, what)?, self.finite(high, what)?);
                if low_v > high_v {
                    self.error(
                        pos(low),
                        format!(
                            "{what}: the range runs from {} down to {}",
                            number(low_v),
                            number(high_v)
                        ),
                        "`low` is the smaller end of the range",
                    );
                    return None;
                }
                Some(Amount::Range {
                    low: low_v,
                    high: high_v,
                })
            }
            (None, None, None) => {
                self.error(
                    pos(v),
                    format!("{what} has no `value`"),
                    "write `value: <number>`, or `low:` and `high:` for a range",
                );
                None
            }
            (Some(value), _, _) => {
                self.error(
                    pos(value),
                    format!("{what} has both a `value` and a range"),
                    "write `value:` for one number, or `low:` and `high:` for a range, not both",
                );
                None
            }
            (None, Some(one), None) | (None, None, Some(one)) => {
                self.error(
                    pos(one),
                    format!("{what} has only one end of a range"),
                    "a range needs both `low:` and `high:`",
                );
                None
            }
        }
    }

    /// A required unit stance knows.
    fn unit(&mut self, unit: Option<&Str>, what: &str, at: Pos) -> Option<(String, Unit)> {
        let Some(u) = unit else {
            self.error(
                at,
                format!("{what} has no `unit`"),
                "write the unit the article uses, such as `万元`, `%` or `EFLOPS`",
            );
            return None;
        };
        let text = sanitize_line(u.value.trim()).into_owned();
        match Unit::parse(&text) {
            Some(parsed) => Some((text, parsed)),
            None => {
                let message = if text.is_empty() {
                    format!("{what} has an empty `unit`")
                } else {
                    format!("unknown unit `{text}` in {what}")
                };
                self.error(pos(u), message, &format!("a unit is {}", Unit::known()));
                None
            }
        }
    }

    fn qualifier(&mut self, q: Option<&Str>) -> Option<Qualifier> {
        let q = q?;
        let found = Qualifier::ALL.iter().copied().find(|x| x.name() == q.value);
        if found.is_none() {
            self.error(
                pos(q),
                format!("unknown qualifier `{}`", sanitize_line(&q.value)),
                "`qualifier` is over (more than), at-most or about",
            );
        }
        found
    }

    /// A labelled quantity: a stat line or a side of a change.
    fn labelled(&mut self, v: &Spanned<RawValue>, place: Place, what: &str) -> Option<Labelled> {
        self.only(v, place, what);
        let label = self.text(
            v.value.label.as_ref(),
            &format!("the label of {what}"),
            pos(v),
        );
        let quantity = self.quantity(v, what);
        Some(Labelled {
            label,
            quantity: quantity?,
        })
    }

    fn quantity(&mut self, v: &Spanned<RawValue>, what: &str) -> Option<Quantity> {
        let amount = self.amount(v, what);
        let unit = self.unit(v.value.unit.as_ref(), what, pos(v));
        let qualifier = self.qualifier(v.value.qualifier.as_ref());
        Some(Quantity {
            amount: amount?,
            unit: unit?.0,
            qualifier,
        })
    }

    /// A required list field, reported as missing or empty where it should be.
    fn list<'a, T>(
        &mut self,
        list: Option<&'a Spanned<Vec<T>>>,
        field: &str,
        what: &str,
        at: Pos,
    ) -> &'a [T] {
        match list {
            None => {
                self.error(
                    at,
                    format!("{what} has no `{field}`"),
                    &format!("add `{field}:`"),
                );
                &[]
            }
            Some(l) if l.value.is_empty() => {
                self.error(
                    pos(l),
                    format!("{what} has no {field} in its `{field}` list"),
                    "add at least one",
                );
                &[]
            }
            Some(l) => &l.value,
        }
    }

    fn bar(&mut self, f: &RawFigure, what: &str, at: Pos) -> Option<BarChart> {
        let unit = self.unit(f.unit.as_ref(), what, at);
        let max = match &f.max {
            Some(m) => match self.finite(m, &format!("the `max` of {what}")) {
                Some(v) if v > 0.0 => Some(v),
                Some(_) => {
                    self.error(
                        pos(m),
                        format!("the `max` of {what} is not above zero"),
                        "`max` is the value a full bar stands for, such as 100 for percentages",
                    );
                    None
                }
                None => None,
            },
            None => None,
        };
        let mut bars = Vec::new();
        let mut ok = true;
        for (i, b) in self
            .list(f.bars.as_ref(), "bars", what, at)
            .iter()
            .enumerate()
        {
            let bar_what = format!("bar {} of {what}", i + 1);
            self.only(b, Place::Bar, &bar_what);
            let label = self.text(
                b.value.label.as_ref(),
                &format!("the label of {bar_what}"),
                pos(b),
            );
            let amount = self.amount(b, &bar_what);
            let qualifier = self.qualifier(b.value.qualifier.as_ref());
            match amount {
                Some(a) if a.low() < 0.0 => {
                    self.error(
                        pos(b),
                        format!("{bar_what} is negative"),
                        "bars measure from zero; show a fall as a `change` figure",
                    );
                    ok = false;
                }
                Some(amount) => bars.push(Bar {
                    label,
                    amount,
                    qualifier,
                    derived: b.value.derived.as_ref().is_some_and(|d| d.value),
                }),
                None => ok = false,
            }
        }
        let (unit, _) = unit?;
        (ok && !bars.is_empty()).then_some(BarChart { unit, max, bars })
    }

    fn change(&mut self, f: &RawFigure, what: &str, at: Pos) -> Option<Change> {
        let side = |r: &mut Self, v: Option<&Spanned<RawValue>>, field: &str| match v {
            None => {
                r.error(
                    at,
                    format!("{what} has no `{field}`"),
                    &format!(
                        "add `{field}: {{label: {{zh: ..., en: ...}}, value: ..., unit: ...}}`"
                    ),
                );
                None
            }
            Some(v) => r.labelled(v, Place::Side, &format!("`{field}` of {what}")),
        };
        let before = side(self, f.before.as_ref(), "before");
        let after = side(self, f.after.as_ref(), "after");
        let (before, after) = (before?, after?);
        let (b, a) = (
            Unit::parse(&before.quantity.unit)?,
            Unit::parse(&after.quantity.unit)?,
        );
        if !b.same_kind(&a) {
            let at = f
                .after
                .as_ref()
                .and_then(|v| v.value.unit.as_ref())
                .map_or(at, pos);
            self.error(
                at,
                format!(
                    "{what}: `after` is in {}, which cannot be compared with `before` in {}",
                    after.quantity.unit, before.quantity.unit
                ),
                "give both sides units of the same kind",
            );
            return None;
        }
        Some(Change { before, after })
    }

    fn table(&mut self, f: &RawFigure, what: &str, at: Pos) -> Option<Table> {
        let mut columns = Vec::new();
        for (i, c) in self
            .list(f.columns.as_ref(), "columns", what, at)
            .iter()
            .enumerate()
        {
            columns.push(self.text(Some(c), &format!("column {} of {what}", i + 1), pos(c)));
        }
        let mut rows = Vec::new();
        let mut ok = !columns.is_empty();
        for (r, row) in self
            .list(f.rows.as_ref(), "rows", what, at)
            .iter()
            .enumerate()
        {
            if !columns.is_empty() && row.value.len() != columns.len() {
                self.error(
                    pos(row),
                    format!(
                        "row {} of {what} has {}, and the table has {}",
                        r + 1,
                        plural(row.value.len(), "cell"),
                        plural(columns.len(), "column")
                    ),
                    "give every row one cell per column",
                );
                ok = false;
            }
            let mut cells = Vec::with_capacity(row.value.len());
            for (c, cell) in row.value.iter().enumerate() {
                let cell_what = format!("row {}, cell {} of {what}", r + 1, c + 1);
                match self.cell(cell, &cell_what) {
                    Some(cell) => cells.push(cell),
                    None => ok = false,
                }
            }
            rows.push(cells);
        }
        (ok && !rows.is_empty()).then_some(Table { columns, rows })
    }

    fn cell(&mut self, v: &Spanned<RawValue>, what: &str) -> Option<Cell> {
        self.only(v, Place::Cell, what);
        let r = &v.value;
        let is_text = r.zh.is_some() || r.en.is_some();
        let is_number =
            r.value.is_some() || r.low.is_some() || r.high.is_some() || r.unit.is_some();
        match (is_text, is_number) {
            (true, true) => {
                self.error(
                    pos(v),
                    format!("{what} has both text and a number"),
                    "a cell is text (`{zh, en}`) or a number (`{value, unit}`); put words about the number in the column heading",
                );
                None
            }
            (true, false) => {
                let text = Spanned::new(
                    RawText {
                        zh: r.zh.as_ref().map(|s| s.value.clone()),
                        en: r.en.as_ref().map(|s| s.value.clone()),
                    },
                    pos(v),
                );
                Some(Cell::Text(self.text(Some(&text), what, pos(v))))
            }
            (false, true) => self.quantity(v, what).map(Cell::Quantity),
            (false, false) => {
                self.error(
                    pos(v),
                    format!("{what} is empty"),
                    "write text as `{zh: ..., en: ...}` or a number as `{value: ..., unit: ...}`",
                );
                None
            }
        }
    }

    fn stat(&mut self, f: &RawFigure, what: &str, at: Pos) -> Option<Stats> {
        let mut items = Vec::new();
        let mut ok = true;
        for (i, item) in self
            .list(f.items.as_ref(), "items", what, at)
            .iter()
            .enumerate()
        {
            match self.labelled(item, Place::Stat, &format!("item {} of {what}", i + 1)) {
                Some(l) => items.push(l),
                None => ok = false,
            }
        }
        (ok && !items.is_empty()).then_some(Stats { items })
    }

    fn formula(&mut self, f: &RawFigure, what: &str, at: Pos) -> Option<Formula> {
        let mut inputs = Vec::new();
        let mut ok = true;
        let mut names: HashMap<String, Pos> = HashMap::new();
        for (i, v) in self
            .list(f.inputs.as_ref(), "inputs", what, at)
            .iter()
            .enumerate()
        {
            let mut input_what = format!("input {} of {what}", i + 1);
            self.only(v, Place::Input, &input_what);
            let name = match &v.value.name {
                None => {
                    self.error(
                        pos(v),
                        format!("{input_what} has no `name`"),
                        "give it a `name:` for the expression to use, such as `rent`",
                    );
                    None
                }
                Some(n) => {
                    let name = sanitize_line(&n.value).into_owned();
                    input_what = format!("input `{name}` of {what}");
                    if !is_name(&name) {
                        self.error(
                            pos(n),
                            format!("`{name}` cannot be used as an input name"),
                            "start with a letter and use letters, digits and `_` (Chinese characters are fine)",
                        );
                        None
                    } else if let Some(first) = names.get(&name) {
                        self.error(
                            pos(n),
                            format!("{what} has two inputs named `{name}`"),
                            &format!("rename one (the first is at line {})", first.line),
                        );
                        None
                    } else {
                        names.insert(name.clone(), pos(n));
                        Some(name)
                    }
                }
            };
            let label = self.text(
                v.value.label.as_ref(),
                &format!("the label of {input_what}"),
                pos(v),
            );
            let value = match (&v.value.value, &v.value.low, &v.value.high) {
                (Some(n), _, _) => self.finite(n, &input_what),
                (None, None, None) => {
                    self.error(
                        pos(v),
                        format!("{input_what} has no `value`"),
                        "write the value the article uses, `value: <number>`",
                    );
                    None
                }
                // A range was refused above, as a field an input does not take.
                _ => None,
            };
            let unit = self.unit(v.value.unit.as_ref(), &input_what, pos(v));
            let (min, max, bounds_ok) = self.bounds(&v.value, value, &input_what);
            match (name, value, unit) {
                (Some(name), Some(value), Some((unit, _))) if bounds_ok => {
                    inputs.push(FormulaInput {
                        name,
                        label,
                        value,
                        unit,
                        min,
                        max,
                    })
                }
                _ => ok = false,
            }
        }

        let result = match &f.result {
            None => {
                self.error(
                    at,
                    format!("{what} has no `result`"),
                    "add `result: {label: {zh: ..., en: ...}, unit: ...}`; stance computes its value",
                );
                None
            }
            Some(v) => {
                let result_what = format!("the result of {what}");
                self.only(v, Place::Result, &result_what);
                let label = self.text(
                    v.value.label.as_ref(),
                    &format!("the label of {result_what}"),
                    pos(v),
                );
                self.unit(v.value.unit.as_ref(), &result_what, pos(v))
                    .map(|(unit, parsed)| (FormulaResult { label, unit }, parsed))
            }
        };

        let stated = f.stated.as_ref().and_then(|v| {
            let stated_what = format!("the stated value of {what}");
            self.only(v, Place::Stated, &stated_what);
            let value = match &v.value.value {
                Some(n) => self.finite(n, &stated_what),
                None => {
                    self.error(
                        pos(v),
                        format!("{stated_what} has no `value`"),
                        "write the number the article gives, `value: <number>`",
                    );
                    None
                }
            };
            let unit = self.unit(v.value.unit.as_ref(), &stated_what, pos(v));
            let round_to = match &v.value.round_to {
                Some(r) => match self.finite(r, &stated_what) {
                    Some(step) if step > 0.0 => Some(step),
                    Some(_) => {
                        self.error(
                            pos(r),
                            format!("the `round_to` of {stated_what} is not above zero"),
                            "`round_to` is the article's rounding step, such as 100",
                        );
                        return None;
                    }
                    None => return None,
                },
                None => None,
            };
            if let (Some((unit_text, u)), Some((result, result_unit))) = (&unit, &result)
                && !u.same_kind(result_unit)
            {
                let unit_at = v.value.unit.as_ref().map_or(pos(v), pos);
                self.error(
                    unit_at,
                    format!(
                        "{stated_what} is in {unit_text}, which cannot be compared with the result's {}",
                        result.unit
                    ),
                    "state it in the result's unit, or one of the same kind (`元` for `万元`)",
                );
                return None;
            }
            Some(Stated {
                value: value?,
                unit: unit?.0,
                round_to,
            })
        });

        let expression = match &f.expression {
            None => {
                self.error(
                    at,
                    format!("{what} has no `expression`"),
                    "add `expression:` over the input names, such as `rent × months`",
                );
                return None;
            }
            Some(e) => e,
        };
        if f.stated.is_some() && stated.is_none() {
            ok = false;
        }
        let formula = Formula {
            inputs,
            expression: sanitize_line(&expression.value).into_owned(),
            result: result?.0,
            stated,
        };
        if !ok {
            return None;
        }
        match formula.compile() {
            Err(e) => {
                self.formula_error(&e, expression, what, &formula);
                return None;
            }
            Ok(program) => {
                for (i, input) in formula.inputs.iter().enumerate() {
                    if !program.uses(i) {
                        let at = names.get(&input.name).copied().unwrap_or(at);
                        self.warning(
                            at,
                            format!(
                                "{what}: the input `{}` is not used in the expression",
                                input.name
                            ),
                            "use it in `expression`, or remove it",
                        );
                    }
                }
            }
        }
        match formula.check() {
            Check::Failed(e) => {
                self.formula_error(&e, expression, what, &formula);
                return None;
            }
            Check::Differs {
                computed, rounded, ..
            } => {
                if let Some(s) = &formula.stated {
                    let rounding = match s.round_to {
                        Some(step) => format!(
                            " ({} rounded to {})",
                            format_value(rounded, &s.unit, Lang::Zh),
                            number(step)
                        ),
                        None => String::new(),
                    };
                    let at = f.stated.as_ref().map_or(at, pos);
                    self.warning(
                        at,
                        format!(
                            "{what}: the article states {}, the inputs give {}{rounding}",
                            format_value(s.value, &s.unit, Lang::Zh),
                            format_value(computed, &s.unit, Lang::Zh),
                        ),
                        "check the inputs and the expression against the article; if the article rounds, say how with `round_to`",
                    );
                }
            }
            Check::Agrees { .. } | Check::Computed { .. } => {}
        }
        Some(formula)
    }

    /// Reports a formula error at its place in the expression when the
    /// expression sits on one line of the file, else at the expression.
    fn formula_error(&mut self, e: &FormulaError, expression: &Str, what: &str, f: &Formula) {
        let start = pos(expression);
        let at = match e.at() {
            Some(offset) => self.column_in(expression, offset).unwrap_or(start),
            None => start,
        };
        let hint = match e {
            FormulaError::UnknownInput { .. } => format!("the inputs are {}", f.names().join(", ")),
            FormulaError::DivisionByZero { .. } => {
                "check the inputs: the divisor comes to zero".to_string()
            }
            FormulaError::NotFinite => "check the inputs' values and units".to_string(),
            _ => "write numbers and input names joined by + − × ÷, with parentheses".to_string(),
        };
        self.error(at, format!("{what}: in the expression, {e}"), &hint);
    }

    /// The file position of character `offset` (1-based) of the expression, if it is written on one line.
    fn column_in(&self, expression: &Str, offset: usize) -> Option<Pos> {
        let start = pos(expression);
        let line = self
            .source
            .lines()
            .nth(usize::try_from(start.line).ok()?.checked_sub(1)?)?;
        let skip = usize::try_from(start.column).ok()?.checked_sub(1)?;
        let rest: String = line.chars().skip(skip).collect();
        let quoted = rest.starts_with(['"', '\'']);
        let body = if quoted {
            rest.get(1..)?
        } else {
            rest.as_str()
        };
        if !body.starts_with(expression.value.as_str()) {
            return None;
        }
        let column = start.column + u64::from(quoted) + u64::try_from(offset).ok()? - 1;
        Some(Pos::new(start.line, column))
    }
}

/// The kind-specific fields present on `f`, with their positions.
fn kind_fields(f: &RawFigure) -> Vec<(&'static str, Pos)> {
    let mut out = Vec::new();
    let mut add = |name: &'static str, at: Option<Pos>| {
        if let Some(at) = at {
            out.push((name, at));
        }
    };
    add("unit", f.unit.as_ref().map(pos));
    add("max", f.max.as_ref().map(pos));
    add("bars", f.bars.as_ref().map(pos));
    add("before", f.before.as_ref().map(pos));
    add("after", f.after.as_ref().map(pos));
    add("columns", f.columns.as_ref().map(pos));
    add("rows", f.rows.as_ref().map(pos));
    add("inputs", f.inputs.as_ref().map(pos));
    add("expression", f.expression.as_ref().map(pos));
    add("result", f.result.as_ref().map(pos));
    add("stated", f.stated.as_ref().map(pos));
    add("items", f.items.as_ref().map(pos));
    out
}

/// The fields present on a value, with their positions.
fn value_fields(v: &Spanned<RawValue>) -> Vec<(&'static str, Pos)> {
    let r = &v.value;
    let mut out = Vec::new();
    let mut add = |name: &'static str, at: Option<Pos>| {
        if let Some(at) = at {
            out.push((name, at));
        }
    };
    add("name", r.name.as_ref().map(pos));
    add("label", r.label.as_ref().map(pos));
    add("zh", r.zh.as_ref().map(pos));
    add("en", r.en.as_ref().map(pos));
    add("value", r.value.as_ref().map(pos));
    add("low", r.low.as_ref().map(pos));
    add("high", r.high.as_ref().map(pos));
    add("unit", r.unit.as_ref().map(pos));
    add("qualifier", r.qualifier.as_ref().map(pos));
    add("round_to", r.round_to.as_ref().map(pos));
    add("derived", r.derived.as_ref().map(pos));
    add("min", r.min.as_ref().map(pos));
    add("max", r.max.as_ref().map(pos));
    out
}

/// Whether `name` can be written in an expression: a letter or `_`, then letters, digits or `_`.
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn kind_names() -> String {
    let names: Vec<&str> = FigureKind::ALL.iter().map(|k| k.name()).collect();
    names.join(", ")
}

fn clean(s: &str) -> String {
    sanitize(s.trim()).into_owned()
}

fn clean_line(s: &str) -> String {
    sanitize_line(s.trim()).into_owned()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_in_an_embedded_file_name_their_file_and_place() {
        let (_, file) = load_figure_file(
            "assets/figures/x.yaml",
            "id: x\nkind: pie\ntitle: {zh: 标题, en: Title}\nparagraph: s1p1\n",
        );
        let mut report = Report::new("content/deepseek.yaml");
        fold(&mut report, &file);
        assert_eq!(report.diagnostics.len(), 1);
        let d = &report.diagnostics[0];
        assert_eq!(d.pos, Pos::NONE);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.message,
            "assets/figures/x.yaml:2:7: unknown figure kind `pie`"
        );
        assert!(d.hint.is_some());
    }

    #[test]
    fn names_are_what_an_expression_can_say() {
        for good in ["rent", "月租", "_x1", "r2d2"] {
            assert!(is_name(good), "{good}");
        }
        for bad in ["", "2x", "a-b", "a b", "×"] {
            assert!(!is_name(bad), "{bad}");
        }
    }
}
