//! The article as plain text: headings, paragraphs, and under each paragraph the
//! nodes anchored there with their relations and the figures drawn from it —
//! for reading, grepping and screen readers.

use std::collections::HashMap;
use std::fmt::Write;

use crate::figures::{Figure, render_text};
use crate::model::{Document, Lang, Node, Origin, RelationKind};
use crate::text::one_line;

/// Width figures are drawn at: they are indented under their paragraph, and
/// the whole stays within 80 columns.
const FIGURE_WIDTH: usize = 80 - FIGURE_INDENT.len();
const FIGURE_INDENT: &str = "      ";

/// Which language(s) `stance print` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PrintLang {
    /// Chinese only.
    Zh,
    /// English only.
    En,
    /// Both, the original first, paragraph by paragraph.
    Both,
}

impl PrintLang {
    /// The languages to show, in order, for a document written in `original`.
    fn langs(self, original: Lang) -> Vec<Lang> {
        match self {
            PrintLang::Zh => vec![Lang::Zh],
            PrintLang::En => vec![Lang::En],
            PrintLang::Both => vec![original, original.other()],
        }
    }
}

/// The whole document as text.
pub fn print(doc: &Document, lang: PrintLang) -> String {
    let langs = lang.langs(doc.lang);
    let mut out = String::new();
    for &l in &langs {
        line(&mut out, doc.title.get_or_other(l));
    }
    let s = &doc.source;
    let source: Vec<String> = [
        ("publisher", &s.publisher),
        ("author", &s.author),
        ("captured", &s.captured),
        ("url", &s.url),
    ]
    .iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
    .collect();
    if !source.is_empty() {
        let _ = writeln!(out, "Source: {}", source.join("; "));
    }
    if let Some(thesis) = doc.thesis.as_deref().and_then(|t| doc.node(t)) {
        let _ = writeln!(
            out,
            "Thesis: {} ({})",
            thesis.text.get_or_other(langs[0]),
            thesis.id
        );
    }
    if doc.nodes.iter().any(|n| n.origin == Origin::Editorial) {
        out.push_str(
            "Nodes marked EDITORIAL were added for debate; they are not in the article.\n",
        );
    }

    let mut anchored: HashMap<&str, Vec<&Node>> = HashMap::new();
    let mut loose = Vec::new();
    for n in &doc.nodes {
        match doc.anchor(n) {
            Some(p) => anchored.entry(p).or_default().push(n),
            None => loose.push(n),
        }
    }

    for section in &doc.sections {
        out.push('\n');
        let titles: Vec<&str> = langs
            .iter()
            .map(|&l| section.title.get_or_other(l))
            .collect();
        let mut heading = titles.join(" / ");
        if section.untitled {
            heading.push_str(" (no heading in the article)");
        }
        let _ = writeln!(out, "## {heading} [{}]", section.id);
        for p in &section.paragraphs {
            out.push('\n');
            for (i, &l) in langs.iter().enumerate() {
                let tag = if i == 0 {
                    p.id.clone()
                } else {
                    format!("{} {}", p.id, l.code())
                };
                let _ = writeln!(out, "[{tag}] {}", one_line(p.text(l)));
            }
            for n in anchored.get(p.id.as_str()).into_iter().flatten() {
                node(&mut out, doc, n, &langs);
            }
            for f in doc.figures_at(&p.id) {
                figure(&mut out, f, &langs);
            }
        }
    }
    if !loose.is_empty() {
        out.push_str("\n## Not tied to a paragraph\n");
        for n in loose {
            node(&mut out, doc, n, &langs);
        }
    }
    out
}

fn node(out: &mut String, doc: &Document, n: &Node, langs: &[Lang]) {
    let mut about = vec![match n.origin {
        Origin::Article => "from the article".to_string(),
        Origin::Editorial => "EDITORIAL, not in the article".to_string(),
        Origin::Reader => format!(
            "A READER'S OWN, not in the article, by {}",
            crate::text::sanitize_line(n.author.as_deref().unwrap_or("?"))
        ),
    }];
    about.extend(n.basis.clone());
    if !n.sourced {
        about.push("no source given".into());
    }
    if n.verify.is_some() {
        about.push("⚑ outside fact to verify".into());
    }
    let _ = writeln!(
        out,
        "    * {} {} ({})",
        n.kind.name(),
        n.id,
        about.join("; ")
    );
    for &l in langs {
        let text = n.text.get(l);
        if !text.is_empty() {
            let _ = writeln!(out, "      {}", one_line(text));
        }
    }
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |label: String, item: String| match lines.iter_mut().find(|(l, _)| *l == label) {
        Some((_, items)) => items.push(item),
        None => lines.push((label, vec![item])),
    };
    for r in doc.outgoing(&n.id) {
        match (r.kind, &r.link) {
            (RelationKind::Undercuts, Some(link)) => {
                add("undercuts".into(), format!("{} → {}", r.to, link))
            }
            (kind, _) => add(kind.name().into(), r.to.clone()),
        }
    }
    for r in doc.incoming(&n.id) {
        match (r.kind, &r.link) {
            (RelationKind::Supports, _) => add("supported by".into(), r.from.clone()),
            (RelationKind::Rebuts, _) => add("rebutted by".into(), r.from.clone()),
            (RelationKind::Undercuts, link) => add(
                format!(
                    "its support of {} is undercut by",
                    link.as_deref().unwrap_or("?")
                ),
                r.from.clone(),
            ),
        }
    }
    for (label, items) in lines {
        let _ = writeln!(out, "      {label}: {}", items.join(", "));
    }
    if !n.figures.is_empty() {
        let _ = writeln!(out, "      figures: {}", n.figures.join(", "));
    }
    if let Some(note) = &n.note {
        let _ = writeln!(out, "      note: {}", one_line(note));
    }
    if let Some(v) = &n.verify {
        for &l in langs {
            let text = v.get(l);
            if !text.is_empty() {
                let _ = writeln!(out, "      ⚑ verify: {}", one_line(text));
            }
        }
    }
}

/// A figure drawn as text, in each language shown, indented under its paragraph.
fn figure(out: &mut String, f: &Figure, langs: &[Lang]) {
    let source = if f.sourced { "" } else { "; no source given" };
    let _ = writeln!(out, "    * figure {} ({}{source})", f.id, f.kind().name());
    for (i, &l) in langs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in render_text(f, l, FIGURE_WIDTH).lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{FIGURE_INDENT}{line}");
            }
        }
    }
}

fn line(out: &mut String, s: &str) {
    out.push_str(&one_line(s));
    out.push('\n');
}
