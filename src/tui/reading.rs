//! The reading pane's text: a section's paragraphs in the chosen language mode,
//! wrapped by display width, with each node's quote marked and a badge after it.
//! Built once per (section, mode, width) and cached; drawing only slices it.

use std::ops::Range;

use super::graph::Graph;
use crate::marks::Stance;
use crate::model::{Document, Lang};
use crate::wrap::{Ambiguous, wrap};

/// Which language(s) of the article the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Mode {
    /// Chinese.
    Zh,
    /// English.
    En,
    /// Both, paragraph by paragraph, the original first.
    Both,
}

impl Mode {
    /// The next mode for the `L` key.
    pub fn next(self) -> Mode {
        match self {
            Mode::Zh => Mode::En,
            Mode::En => Mode::Both,
            Mode::Both => Mode::Zh,
        }
    }

    /// The languages shown, in order, for an article written in `original`.
    pub fn langs(self, original: Lang) -> Vec<Lang> {
        match self {
            Mode::Zh => vec![Lang::Zh],
            Mode::En => vec![Lang::En],
            Mode::Both => vec![original, original.other()],
        }
    }

    /// The language node texts are shown in.
    pub fn primary(self, original: Lang) -> Lang {
        match self {
            Mode::Zh => Lang::Zh,
            Mode::En => Lang::En,
            Mode::Both => original,
        }
    }
}

/// What a stretch of a line is, so drawing can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Words a node quotes.
    Quote(usize),
    /// A node's badge, such as `[E3]`.
    Badge(usize),
    /// The section heading.
    Heading,
    /// The article's title, above its first section.
    Title,
    /// A translation shown under the original.
    Translation,
    /// A remark of ours, not the article's.
    Aside,
    /// The words of a link, whose address is not shown in the text.
    Link,
}

/// One wrapped line of the reading pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingLine {
    /// The text, never wider than the width it was built for.
    pub text: String,
    /// Marked byte ranges of `text`; a later mark wins where they overlap.
    pub marks: Vec<(Range<usize>, Mark)>,
    /// The paragraph (index in the section) it belongs to.
    pub para: Option<usize>,
    /// For a line of a paragraph's original text: the byte of that text the
    /// line starts at. The line is that text from there, with the bytes under
    /// its `Badge` marks added, so a selection maps onto it.
    pub source: Option<usize>,
}

/// A section laid out for one width and mode. The article reads as one
/// text: the first section opens with the article's title, and every other
/// section with a blank line, so sections laid out one by one join up.
#[derive(Debug, Clone, Default)]
pub struct ReadingText {
    /// Every line: the title (first section) or a blank line, then the heading.
    pub lines: Vec<ReadingLine>,
    /// For each paragraph, its first and one-past-last line.
    pub paragraphs: Vec<Range<usize>>,
}

/// What a section's layout depends on besides the document.
pub struct Spec<'a> {
    /// The section to lay out.
    pub section: usize,
    /// Which language(s).
    pub mode: Mode,
    /// Columns available for text.
    pub width: usize,
    /// How ambiguous-width characters are measured.
    pub amb: Ambiguous,
    /// Said under a heading the article does not have.
    pub untitled_note: &'a str,
    /// The reader's stance on a node, shown in its badge.
    pub stance_of: &'a dyn Fn(usize) -> Option<Stance>,
    /// The document is a discussion (see [`super::discussion`]): its section
    /// titles are stance's, said without a note, and each claim is indented
    /// by its depth in its branch.
    pub discussion: bool,
}

/// Lays out a section as `spec` says.
pub fn layout(doc: &Document, graph: &Graph, spec: &Spec) -> ReadingText {
    let Spec {
        section,
        mode,
        width,
        amb,
        untitled_note,
        stance_of,
        discussion,
    } = *spec;
    let mut out = ReadingText::default();
    let Some(sec) = doc.sections.get(section) else {
        return out;
    };
    let width = width.max(1);
    let langs = mode.langs(doc.lang);
    if section == 0 {
        // The article opens with its title, so the first screen says what it is.
        for (i, &l) in langs.iter().enumerate() {
            // A title with no translation is said once, not twice.
            let title = if i == 0 {
                doc.title.get_or_other(l)
            } else {
                doc.title.get(l)
            };
            if !title.is_empty() {
                push_wrapped(
                    &mut out.lines,
                    title,
                    &[(0..title.len(), Mark::Title)],
                    None,
                    width,
                    amb,
                );
            }
        }
    }
    if !out.lines.is_empty() || section > 0 {
        out.lines.push(blank());
    }
    for (i, &l) in langs.iter().enumerate() {
        let title = if i == 0 {
            sec.title.get_or_other(l)
        } else {
            sec.title.get(l)
        };
        if i > 0 && title.is_empty() {
            continue;
        }
        push_wrapped(
            &mut out.lines,
            title,
            &[(0..title.len(), Mark::Heading)],
            None,
            width,
            amb,
        );
    }
    if sec.untitled && !discussion {
        let note = untitled_note;
        push_wrapped(
            &mut out.lines,
            note,
            &[(0..note.len(), Mark::Aside)],
            None,
            width,
            amb,
        );
    }
    let depths = if discussion {
        branch_depths(graph, section)
    } else {
        std::collections::HashMap::new()
    };
    for (p, para) in sec.paragraphs.iter().enumerate() {
        out.lines.push(blank());
        let start = out.lines.len();
        let nodes = graph.at_paragraph[section]
            .get(p)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // Two columns a level, at most half the width.
        let indent = nodes
            .first()
            .and_then(|n| depths.get(n))
            .map_or(0, |d| (2 * d).min(width / 2));
        for (i, &l) in langs.iter().enumerate() {
            let original = l == doc.lang;
            let (text, marks) = if i == 0 {
                with_badges(doc, graph, para.text(l), original, nodes, stance_of)
            } else {
                let t = para.text(l).to_string();
                let len = t.len();
                (t, vec![(0..len, Mark::Translation)])
            };
            let written = text.len();
            let (text, marks) = without_addresses(&text, marks);
            let from = out.lines.len();
            let starts = push_wrapped(&mut out.lines, &text, &marks, Some(p), width - indent, amb);
            if indent > 0 {
                let pad = " ".repeat(indent);
                for line in &mut out.lines[from..] {
                    line.text.insert_str(0, &pad);
                    for (r, _) in &mut line.marks {
                        *r = r.start + indent..r.end + indent;
                    }
                }
            }
            // Selecting words maps a line back to the paragraph as written:
            // only where the line shows it so (not indented, no link hidden).
            if i == 0 && original && indent == 0 && text.len() == written {
                set_sources(&mut out.lines[from..], &starts, &marks);
            }
        }
        out.paragraphs.push(start..out.lines.len());
    }
    out
}

fn blank() -> ReadingLine {
    ReadingLine {
        text: String::new(),
        marks: Vec::new(),
        para: None,
        source: None,
    }
}

/// Records where in the original text each of `lines` (wrapped from `text`,
/// the original with badges, at `starts`) begins: its start in `text` less
/// the badge bytes before it, counted in one pass as both go in order.
fn set_sources(lines: &mut [ReadingLine], starts: &[usize], marks: &[(Range<usize>, Mark)]) {
    let mut badges: Vec<&Range<usize>> = marks
        .iter()
        .filter(|(_, m)| matches!(m, Mark::Badge(_)))
        .map(|(r, _)| r)
        .collect();
    badges.sort_by_key(|r| r.start);
    let (mut next, mut passed) = (0, 0);
    for (line, &at) in lines.iter_mut().zip(starts) {
        while let Some(r) = badges.get(next).filter(|r| r.end <= at) {
            passed += r.len();
            next += 1;
        }
        // A badge the line starts inside of (cut by the wrapping).
        let inside = badges
            .get(next)
            .map_or(0, |r| at.min(r.end).saturating_sub(r.start));
        line.source = Some(at - passed - inside);
    }
}

/// The paragraph text with a badge after each node's quote (or at the end for
/// nodes with no quote here), and the marked ranges of quotes and badges.
fn with_badges(
    doc: &Document,
    graph: &Graph,
    text: &str,
    original: bool,
    nodes: &[usize],
    stance_of: &dyn Fn(usize) -> Option<Stance>,
) -> (String, Vec<(Range<usize>, Mark)>) {
    // (where in `text` the badge goes, node, quote range)
    let mut inserts: Vec<(usize, usize, Option<Range<usize>>)> = nodes
        .iter()
        .map(|&n| {
            let found = original
                .then(|| doc.nodes[n].quote.as_deref())
                .flatten()
                .and_then(|q| text.find(q).map(|at| at..at + q.len()));
            match found {
                Some(r) => (r.end, n, Some(r)),
                None => (text.len(), n, None),
            }
        })
        .collect();
    inserts.sort_by_key(|(at, _, _)| *at);
    let mut out = String::with_capacity(text.len() + inserts.len() * 6);
    let mut marks = Vec::new();
    let mut shift = Vec::with_capacity(inserts.len()); // (original offset, added bytes so far)
    let mut copied = 0;
    for (at, n, _) in &inserts {
        out.push_str(&text[copied..*at]);
        copied = *at;
        // The reader's stance shows in the badge by glyph: [E3✓].
        let glyph = stance_of(*n).map_or("", Stance::glyph);
        let badge = if original {
            format!("[{}{glyph}]", graph.labels[*n])
        } else {
            format!(" [{}{glyph}]", graph.labels[*n])
        };
        let start = out.len();
        out.push_str(&badge);
        marks.push((start + usize::from(!original)..out.len(), Mark::Badge(*n)));
        shift.push((*at, out.len() - copied));
    }
    out.push_str(&text[copied..]);
    // Quote ranges move right by the badges inserted before their start.
    let moved = |pos: usize, inclusive_end: bool| {
        let added = shift
            .iter()
            .take_while(|(at, _)| if inclusive_end { *at < pos } else { *at <= pos })
            .last()
            .map_or(0, |(_, a)| *a);
        pos + added
    };
    for (_, n, quote) in &inserts {
        if let Some(r) = quote {
            marks.insert(
                0,
                (moved(r.start, false)..moved(r.end, true), Mark::Quote(*n)),
            );
        }
    }
    (out, marks)
}

/// The depth of each node in section `section`'s outline tree (0 for its
/// top nodes), each node once, whatever cycles the graph has.
fn branch_depths(graph: &Graph, section: usize) -> std::collections::HashMap<usize, usize> {
    let mut depths = std::collections::HashMap::new();
    let Some(roots) = graph.outline_roots.get(section) else {
        return depths;
    };
    let mut stack: Vec<(usize, usize)> = roots.iter().map(|&r| (r, 0)).collect();
    while let Some((n, d)) = stack.pop() {
        if depths.contains_key(&n) {
            continue;
        }
        depths.insert(n, d);
        if let Some(children) = graph.outline_children.get(n) {
            stack.extend(children.iter().map(|&c| (c, d + 1)));
        }
    }
    depths
}

/// `text` with each Markdown link shown as its words, marked as a link (the
/// address is one key away, in the node pane), and `marks` moved to match.
fn without_addresses(
    text: &str,
    marks: Vec<(Range<usize>, Mark)>,
) -> (String, Vec<(Range<usize>, Mark)>) {
    let (shown, words, removed) = crate::model::links::shown(text);
    if removed.is_empty() {
        return (shown, marks);
    }
    let moved = |p| crate::model::links::moved(p, &removed);
    let mut marks: Vec<(Range<usize>, Mark)> = marks
        .into_iter()
        .map(|(r, m)| (moved(r.start)..moved(r.end), m))
        .filter(|(r, _)| r.start < r.end)
        .collect();
    marks.extend(words.into_iter().map(|r| (r, Mark::Link)));
    (shown, marks)
}

/// Wraps `text` and appends its lines, cutting the marks to each line; returns
/// where in `text` each line starts.
fn push_wrapped(
    lines: &mut Vec<ReadingLine>,
    text: &str,
    marks: &[(Range<usize>, Mark)],
    para: Option<usize>,
    width: usize,
    amb: Ambiguous,
) -> Vec<usize> {
    let ranges = wrap(text, width, amb);
    let starts = ranges.iter().map(|r| r.start).collect();
    for r in ranges {
        let line_marks = marks
            .iter()
            .filter_map(|(m, mark)| {
                let s = m.start.max(r.start);
                let e = m.end.min(r.end);
                (s < e).then(|| (s - r.start..e - r.start, *mark))
            })
            .collect();
        lines.push(ReadingLine {
            text: text[r.clone()].to_string(),
            marks: line_marks,
            para,
            source: None,
        });
    }
    starts
}

/// A line of the article as the reading pane scrolls through it: a line of one
/// section's layout. The pane scrolls through the whole article, but only the
/// sections in view are ever laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Place {
    /// The section whose layout the line belongs to.
    pub section: usize,
    /// The line within that section's layout.
    pub line: usize,
}

impl Place {
    /// Line `line` of section `section`.
    pub fn new(section: usize, line: usize) -> Place {
        Place { section, line }
    }
}

/// The article's sections as the reading pane sees them: how many there are,
/// and how many lines each takes at the current width (laid out on demand).
pub struct Article<'a> {
    /// How many sections.
    pub sections: usize,
    /// The lines of section `s`.
    pub len: &'a dyn Fn(usize) -> usize,
}

impl Article<'_> {
    /// One past the article's last line.
    pub fn end(&self) -> Place {
        match self.sections.checked_sub(1) {
            Some(last) => Place::new(last, (self.len)(last)),
            None => Place::default(),
        }
    }

    /// `from` moved `by` lines, across sections, kept between the article's
    /// first line and one past its last.
    pub fn step(&self, from: Place, by: isize) -> Place {
        if self.sections == 0 {
            return Place::default();
        }
        let Place {
            mut section,
            mut line,
        } = from;
        if section >= self.sections {
            return self.end();
        }
        let mut rest = by.unsigned_abs();
        if by >= 0 {
            loop {
                let len = (self.len)(section);
                if line + rest < len || section + 1 >= self.sections {
                    return Place::new(section, (line + rest).min(len));
                }
                rest -= len.saturating_sub(line);
                section += 1;
                line = 0;
            }
        }
        loop {
            if line >= rest {
                return Place::new(section, line - rest);
            }
            rest -= line;
            if section == 0 {
                return Place::default();
            }
            section -= 1;
            // One past the previous section's last line is where this one starts.
            line = (self.len)(section);
        }
    }

    /// The furthest the pane can scroll: the article's end at its bottom.
    pub fn last_top(&self, height: usize) -> Place {
        self.step(self.end(), -(height.min(isize::MAX as usize) as isize))
    }

    /// `top`, brought back so the pane shows no blank lines past the article's end.
    pub fn clamp(&self, top: Place, height: usize) -> Place {
        top.min(self.last_top(height))
    }
}
