//! The argument graph as a Graphviz DOT digraph, for `dot -Tsvg` and friends.
//!
//! * One cluster per section that has nodes, labelled with its title; nodes
//!   anchored in no paragraph sit outside every cluster.
//! * Kinds by shape, so they read in black and white: claims are rounded
//!   boxes, evidence plain boxes, rebuttals hexagons; the thesis has a double
//!   border. Editorial nodes have a dashed border and say "editorial"; a
//!   reader's own nodes a blue dotted border and "by NAME"; nodes
//!   that lean on a fact from outside the article have a bold border and say
//!   "⚑ verify", with what to check in the tooltip.
//! * Relations by style and arrowhead: supports solid with a filled arrow,
//!   rebuts dashed with a bar (`tee`), undercuts dotted with a circle (`odot`),
//!   aimed at a small point placed on the support they attack.
//! * With marks, the reader's stance fills the node (green agree, red
//!   dispute, yellow unsure) and its glyph (✓ ✗ ?) starts the label, so
//!   nothing is said by colour alone; `*` shows a note.
//! * Labels are the id and kind, then the text wrapped by display width, so
//!   long Chinese labels wrap at about 14 characters and English at about 28.
//!   All text is escaped for DOT's quoted strings; the translation, what to
//!   verify and the node's note (after ✎) go in the tooltip (shown by SVG
//!   viewers).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{nodes_by_section, one_line, text_in};
use crate::marks::{Marks, Stance};
use crate::model::{Document, Lang, Node, NodeKind, Origin, RelationKind};
use crate::wrap::{Ambiguous, wrap};

/// Widest line of a node's label, in terminal columns (a Chinese character is two).
pub const LABEL_WIDTH: usize = 28;

/// The document as DOT, node texts in `lang`; `marks` fill the nodes.
pub fn write(doc: &Document, marks: Option<&Marks>, lang: Lang) -> String {
    let mut out = String::new();
    write_to(doc, marks, lang, &mut out);
    out
}

/// Writes the document as DOT to `out` as it goes (see [`write`]). A failing
/// `out` makes the rest of the writes do nothing; the caller learns of it from
/// its own writer.
pub fn write_to(doc: &Document, marks: Option<&Marks>, lang: Lang, out: &mut dyn Write) {
    let title = one_line(doc.title.get_or_other(lang));
    let _ = out.write_str("digraph \"stance\" {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=BT, compound=true, fontname=\"sans-serif\", labelloc=t, label={}];",
        quote(&title)
    );
    let _ = out.write_str(
        "  node [fontname=\"sans-serif\", fontsize=10, style=\"filled\", fillcolor=\"white\"];\n",
    );
    let _ = out.write_str("  edge [fontname=\"sans-serif\", fontsize=9];\n");

    let (unanchored, by_section) = nodes_by_section(doc);
    for n in unanchored {
        node(out, doc, n, marks, lang, "  ");
    }
    for (index, (section, nodes)) in doc.sections.iter().zip(by_section).enumerate() {
        if nodes.is_empty() {
            continue;
        }
        let label = one_line(section.title.get_or_other(lang));
        let label = if label.is_empty() {
            section.id.clone()
        } else {
            label
        };
        let _ = writeln!(out, "  subgraph \"cluster_{index}\" {{");
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded\"; color=\"gray60\"; fontsize=11;",
            quote(&wrapped(&label, LABEL_WIDTH * 2))
        );
        for n in nodes {
            node(out, doc, n, marks, lang, "    ");
        }
        let _ = out.write_str("  }\n");
    }

    // Supports that are undercut go through a point, so the undercut can aim at the link.
    let undercut: HashSet<(&str, &str)> = doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Undercuts)
        .filter_map(|r| r.link.as_deref().map(|l| (r.to.as_str(), l)))
        .collect();
    let mut points: HashMap<(&str, &str), String> = HashMap::new();
    for r in &doc.relations {
        match r.kind {
            RelationKind::Supports if undercut.contains(&(r.from.as_str(), r.to.as_str())) => {
                let point = format!("link {} {}", r.from, r.to);
                let _ = writeln!(
                    out,
                    "  {} [shape=point, width=0.06, label=\"\", tooltip={}];",
                    quote(&point),
                    quote(&format!("{} supports {}", r.from, r.to))
                );
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=solid, arrowhead=none, color=\"#2e7d32\"];",
                    quote(&r.from),
                    quote(&point)
                );
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=solid, arrowhead=normal, color=\"#2e7d32\", tooltip=\"supports\"];",
                    quote(&point),
                    quote(&r.to)
                );
                points.insert((r.from.as_str(), r.to.as_str()), point);
            }
            RelationKind::Supports => {
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=solid, arrowhead=normal, color=\"#2e7d32\", tooltip=\"supports\"];",
                    quote(&r.from),
                    quote(&r.to)
                );
            }
            RelationKind::Rebuts => {
                let _ = writeln!(
                    out,
                    "  {} -> {} [style=dashed, arrowhead=tee, color=\"#c62828\", tooltip=\"rebuts\"];",
                    quote(&r.from),
                    quote(&r.to)
                );
            }
            RelationKind::Undercuts => {}
        }
    }
    for r in doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Undercuts)
    {
        // Every undercut in a resolved document names a support link; the
        // fallback aims at the supporting node should one not.
        let target = r
            .link
            .as_deref()
            .and_then(|l| points.get(&(r.to.as_str(), l)))
            .map_or(r.to.as_str(), String::as_str);
        let _ = writeln!(
            out,
            "  {} -> {} [style=dotted, penwidth=1.5, arrowhead=odot, color=\"#6a1b9a\", tooltip=\"undercuts\"];",
            quote(&r.from),
            quote(target)
        );
    }
    let _ = out.write_str("}\n");
}

/// Writes one node statement.
fn node(
    out: &mut dyn Write,
    doc: &Document,
    n: &Node,
    marks: Option<&Marks>,
    lang: Lang,
    indent: &str,
) {
    let (shape, letter, kind_style) = match n.kind {
        NodeKind::Claim => ("box", "C", "rounded,"),
        NodeKind::Evidence => ("box", "E", ""),
        NodeKind::Rebuttal => ("hexagon", "R", ""),
    };
    let editorial = n.origin == Origin::Editorial;
    let reader = super::reader_tag(n);
    let mark = marks.and_then(|m| m.get(&n.id));
    let mut head = String::new();
    if let Some(stance) = mark.and_then(|m| m.stance) {
        head.push_str(stance.glyph());
        head.push(' ');
    }
    if mark.is_some_and(|m| m.note.is_some()) {
        head.push_str("* ");
    }
    let _ = write!(head, "{letter} · {}", n.id);
    if editorial {
        head.push_str(" · editorial");
    }
    if let Some(r) = &reader {
        let _ = write!(head, " · by {r}");
    }
    if n.verify.is_some() {
        head.push_str(" · ⚑ verify");
    }
    let label = format!("{head}\n{}", wrapped(text_in(n, lang), LABEL_WIDTH));
    let fill = match mark.and_then(|m| m.stance) {
        Some(Stance::Agree) => "#c8e6c9",
        Some(Stance::Dispute) => "#ffcdd2",
        Some(Stance::Unsure) => "#fff9c4",
        None => "white",
    };
    let style = format!(
        "{kind_style}filled{}{}",
        if editorial {
            ",dashed"
        } else if reader.is_some() {
            ",dotted"
        } else {
            ""
        },
        if n.verify.is_some() { ",bold" } else { "" }
    );
    let thesis = doc.thesis.as_deref() == Some(n.id.as_str());
    let mut tooltip = one_line(n.text.get(lang.other()));
    if let Some(v) = &n.verify {
        if !tooltip.is_empty() {
            tooltip.push_str(" — ");
        }
        tooltip.push_str("⚑ verify: ");
        tooltip.push_str(&one_line(v.get_or_other(lang)));
    }
    if let Some(note) = n.note.as_deref().filter(|t| !t.trim().is_empty()) {
        if !tooltip.is_empty() {
            tooltip.push_str(" — ");
        }
        tooltip.push_str("✎ ");
        tooltip.push_str(&one_line(note));
    }
    let _ = write!(
        out,
        "{indent}{} [label={}, shape={shape}, style=\"{style}\", fillcolor=\"{fill}\"",
        quote(&n.id),
        quote(&label)
    );
    if thesis {
        let _ = out.write_str(", peripheries=2, penwidth=1.5");
    }
    if reader.is_some() {
        let _ = out.write_str(", color=\"#1565c0\", penwidth=1.5");
    }
    if !tooltip.is_empty() {
        let _ = write!(out, ", tooltip={}", quote(&tooltip));
    }
    let _ = out.write_str("];\n");
}

/// `text` on one line per paragraph, wrapped to `width` columns, lines joined with newlines.
fn wrapped(text: &str, width: usize) -> String {
    let text = text.trim();
    wrap(text, width, Ambiguous::Narrow)
        .into_iter()
        .map(|r| &text[r])
        .collect::<Vec<_>>()
        .join("\n")
}

/// A DOT quoted string: `"` and `\` escaped (a backslash would otherwise start
/// an escape such as `\N`, the node's name), newlines as `\n`, other control
/// characters (there should be none after sanitizing) as spaces.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_dot_would_read() {
        assert_eq!(quote("a\"b\\N\nc"), "\"a\\\"b\\\\N\\nc\"");
    }

    #[test]
    fn long_chinese_text_wraps_by_display_width() {
        let text = "政府不该插手市场说了算这是一句相当长的中文句子需要换行";
        let label = wrapped(text, LABEL_WIDTH);
        let lines: Vec<&str> = label.lines().collect();
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(crate::wrap::str_width(l, Ambiguous::Narrow) <= LABEL_WIDTH);
        }
        assert_eq!(lines.concat(), text);
    }
}
