//! Cited figures: the article's numbers as data — bar charts, changes, tables,
//! checked calculations and headline statistics — and their rendering as text.
//!
//! Figures are data, not pictures: each is a small YAML file under
//! `assets/figures/`, compiled into stance ([`embedded`]), or a `figures:` entry
//! in a document. [`crate::model`] reads and checks them into [`Figure`]s on
//! [`crate::model::Document::figures`]; this module says what a figure is,
//! computes formulas ([`Formula::evaluate`], [`Figure::check`]) and draws
//! figures as plain text ([`render_text`]). It knows nothing of terminals
//! beyond display widths.
//!
//! # The format
//!
//! Every figure has `id`, `kind`, `title: {zh, en}`, `paragraph` (the
//! paragraph its numbers come from; it is shown after it), optionally `also:
//! [paragraph ids]`, `sourced` (false where the article gives no source;
//! default true) and `notes` (`{zh, en}`, or one string) that say what is
//! derived. Every number has a unit (see [`units`]): `value: 7.5` with
//! `unit: 万元/月`, or a range `low: 12, high: 18`; `qualifier` hedges it
//! (`over`, `at-most`, `about`). Then, by kind:
//!
//! ```yaml
//! kind: bar            # unit: 亿美元, optional max: 100 (a full bar), then
//! bars:                # one label and value (or range) each; derived: true
//!   - {label: {zh: 芯片补贴, en: Chip subsidy}, value: 300}   # marks a worked-out one
//! ---
//! kind: change
//! before: {label: {zh: 年初, en: Start of the year}, low: 12, high: 18, unit: 万元/月}
//! after: {label: {zh: 现在, en: Now}, value: 7.5, unit: 万元/月}
//! ---
//! kind: table          # one cell per column: text {zh, en} or a number {value, unit}
//! columns: [{zh: 类别, en: Tier}, {zh: 国家, en: Countries}]
//! rows:
//!   - [{zh: 第三类, en: Tier 3}, {value: 24, unit: 国}]
//! ---
//! kind: formula        # the result is computed, never written
//! inputs:
//!   - {name: rent, label: {zh: 月租, en: Rent}, value: 7.5, unit: 万元/月}
//!   - {name: utilization, label: {zh: 利用率, en: Utilization}, value: 20, unit: "%"}
//! expression: rent × 12 × utilization
//! result: {label: {zh: 年营收, en: Yearly revenue}, unit: 万元}
//! stated: {value: 18, unit: 万元, round_to: 1}   # what the article says, and its rounding
//! ---
//! kind: stat
//! items:
//!   - {label: {zh: 算力规模, en: Computing capacity}, value: 246, unit: EFLOPS}
//! ```

pub mod embedded;
pub mod formula;
pub mod render;
pub mod units;

use serde::{Deserialize, Serialize};

pub use formula::{Check, Formula, FormulaError, FormulaInput, FormulaResult, Stated};
pub use render::render_text;

use crate::model::Bilingual;

/// One cited figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Unique among the document's figures; nodes cite it in `figures: [...]`.
    pub id: String,
    /// What it shows, in both languages.
    pub title: Bilingual,
    /// The paragraph it comes from; `stance print` shows it after this one.
    pub paragraph: String,
    /// Other paragraphs its numbers come from, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// False where the article gives no source for the numbers.
    pub sourced: bool,
    /// The encoder's notes: anything derived, and caveats a reader should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Bilingual>,
    /// The numbers, by kind (written as `kind:` and the kind's fields).
    #[serde(flatten)]
    pub data: FigureData,
}

/// What kind of figure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// Categories with a value each, in one unit.
    Bar,
    /// A value before and after.
    Change,
    /// Rows and columns of cells.
    Table,
    /// A calculation from named inputs, checked against the value the article states.
    Formula,
    /// A few headline numbers.
    Stat,
}

impl FigureKind {
    /// Every kind, in the order they are listed to users.
    pub const ALL: [FigureKind; 5] = [
        FigureKind::Bar,
        FigureKind::Change,
        FigureKind::Table,
        FigureKind::Formula,
        FigureKind::Stat,
    ];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Bar => "bar",
            FigureKind::Change => "change",
            FigureKind::Table => "table",
            FigureKind::Formula => "formula",
            FigureKind::Stat => "stat",
        }
    }
}

/// A figure's numbers; the variant is the figure's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FigureData {
    /// A bar chart.
    Bar(BarChart),
    /// Before and after.
    Change(Change),
    /// A table.
    Table(Table),
    /// A checked calculation.
    Formula(Formula),
    /// Headline numbers.
    Stat(Stats),
}

impl Figure {
    /// The figure's kind.
    pub fn kind(&self) -> FigureKind {
        match self.data {
            FigureData::Bar(_) => FigureKind::Bar,
            FigureData::Change(_) => FigureKind::Change,
            FigureData::Table(_) => FigureKind::Table,
            FigureData::Formula(_) => FigureKind::Formula,
            FigureData::Stat(_) => FigureKind::Stat,
        }
    }

    /// For a formula, its computation compared with the value the article states
    /// (see [`Formula::check_with`] for the rounding rule); `None` for other kinds.
    pub fn check(&self) -> Option<Check> {
        match &self.data {
            FigureData::Formula(f) => Some(f.check()),
            _ => None,
        }
    }

    /// The formula, if the figure is one.
    pub fn formula(&self) -> Option<&Formula> {
        match &self.data {
            FigureData::Formula(f) => Some(f),
            _ => None,
        }
    }

    /// The paragraph it is shown after, then the others it draws on.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.paragraph.as_str()).chain(self.also.iter().map(String::as_str))
    }
}

/// A number, or a range of numbers such as 12–18.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Amount {
    /// One number, written `value:`.
    Exact {
        /// The number.
        value: f64,
    },
    /// A range, written `low:` and `high:`.
    Range {
        /// The lower end.
        low: f64,
        /// The upper end (at least `low`).
        high: f64,
    },
}

impl Amount {
    /// The lower end (the value itself for an exact amount).
    pub fn low(&self) -> f64 {
        match *self {
            Amount::Exact { value } => value,
            Amount::Range { low, .. } => low,
        }
    }

    /// The upper end (the value itself for an exact amount).
    pub fn high(&self) -> f64 {
        match *self {
            Amount::Exact { value } => value,
            Amount::Range { high, .. } => high,
        }
    }
}

/// How the article hedges a number ("more than 13,000", "at most 40,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// More than the number (超过, 突破, 多).
    Over,
    /// At most the number (最多).
    AtMost,
    /// About the number (约, 来).
    About,
}

impl Qualifier {
    /// Every qualifier.
    pub const ALL: [Qualifier; 3] = [Qualifier::Over, Qualifier::AtMost, Qualifier::About];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Over => "over",
            Qualifier::AtMost => "at-most",
            Qualifier::About => "about",
        }
    }
}

/// A number (or range) with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number or range.
    #[serde(flatten)]
    pub amount: Amount,
    /// Its unit (see [`units`]).
    pub unit: String,
    /// How the article hedges it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

/// A quantity with a label: a stat line, or one side of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labelled {
    /// What it is.
    pub label: Bilingual,
    /// The number and unit.
    #[serde(flatten)]
    pub quantity: Quantity,
}

/// A bar chart: categories measured in one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// The unit every bar is in.
    pub unit: String,
    /// The value a full-width bar stands for (100 for percentages of a whole);
    /// without it, the largest bar is full width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The categories, in order.
    pub bars: Vec<Bar>,
}

impl BarChart {
    /// The value a full-width bar stands for: `max`, else the largest bar's
    /// (its high end, for a range).
    pub fn full(&self) -> f64 {
        self.max.unwrap_or_else(|| {
            self.bars
                .iter()
                .map(|b| b.amount.high())
                .fold(0.0, f64::max)
        })
    }
}

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// The category.
    pub label: Bilingual,
    /// Its value or range, in the chart's unit.
    #[serde(flatten)]
    pub amount: Amount,
    /// How the article hedges it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// True when the article does not give this number: it is worked out from
    /// others, and the figure's notes say how.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

/// A value before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The earlier value, labelled with when it was.
    pub before: Labelled,
    /// The later value, in a unit of the same kind.
    pub after: Labelled,
}

impl Change {
    /// The relative change, as fractions (−0.375 for a 37.5% fall): the smallest
    /// and largest over the ends of the ranges. `None` when `before` includes zero
    /// or the units cannot be compared.
    pub fn relative(&self) -> Option<(f64, f64)> {
        let scale = |q: &Quantity| units::Unit::parse(&q.unit);
        let (b, a) = (scale(&self.before.quantity)?, scale(&self.after.quantity)?);
        if !b.same_kind(&a) {
            return None;
        }
        let (bs, asc) = (b.scale(), a.scale());
        let before = &self.before.quantity.amount;
        let after = &self.after.quantity.amount;
        let mut changes = Vec::with_capacity(4);
        for from in [before.low(), before.high()] {
            for to in [after.low(), after.high()] {
                let from = from * bs;
                if from == 0.0 {
                    return None;
                }
                changes.push((to * asc - from) / from);
            }
        }
        let lo = changes.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = changes.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
    }
}

/// A table of text and numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<Bilingual>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell: text in both languages, or a number with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// A number with its unit.
    Quantity(Quantity),
    /// Text.
    Text(Bilingual),
}

/// A few headline numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// The numbers, each with its label.
    pub items: Vec<Labelled>,
}
