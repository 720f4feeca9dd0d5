//! Reading other tools' argument maps — Kialo discussions, AIF maps, Argdown JSON — as stance documents.
//!
//! [`import`] turns a file into the YAML an author writes, so `stance import
//! -o OUT.yaml` gives a file to edit, and [`load_any`] loads any file stance
//! can read, native or foreign, so `stance read` opens them alike.
//!
//! How an imported document passes stance's checks, which expect an article
//! with verbatim quotes:
//!
//! * **The discussion is the article.** Every node from the source becomes a
//!   paragraph holding exactly its text, and the node quotes that whole
//!   paragraph, so quotes are verbatim by construction and the reader shows
//!   the discussion paragraph by paragraph with each node under its own words.
//!   Nodes marked editorial in the source (stance's own exports tag them) are
//!   `origin: editorial` with no paragraph of their own; they are listed
//!   under the paragraph of the node they answer.
//! * **Sections.** Kialo: the thesis, then one section per top-level branch
//!   (each Pro or Con of the thesis with everything under it). Argdown: its
//!   headings. AIF, which has none: one section per tree (a root that answers
//!   nothing and all that answers it), the thesis's first. Section titles are stance's
//!   labels (`untitled: true`), except Argdown headings, which are the source's.
//! * **Language.** The text is put in one language, `zh` when Chinese
//!   characters make up a good share of it (Han characters at least a quarter
//!   as many as Latin letters), else `en`; the other language is left empty,
//!   so `stance check` warns that translations are missing, which they are.
//!   Argdown data written by stance (`{"en": …}`) fills the other language.
//! * **Kinds.** Imports never invent evidence: Kialo Pros are claims and Cons
//!   rebuttals, at every depth (a Pro under a Con is a claim supporting the
//!   rebuttal); the top claim is the thesis. AIF I-nodes and untagged Argdown
//!   statements are rebuttals when they attack something and support nothing,
//!   claims otherwise. Argdown tags `#claim`, `#evidence`, `#rebuttal`,
//!   `#editorial` and `#thesis` (which stance's export writes) are honoured.
//! * **What stance cannot hold** is left out with a warning that says where:
//!   a node that would support or attack itself, a support that would close a
//!   cycle, an undercut whose link cannot be told (it becomes a rebuttal of
//!   the evidence), AIF preference nodes.
//!
//! Malformed input is an error at its `file:line`; nothing panics, and the
//! work is linear in the size of the file, give or take a sort.

mod aif;
mod argdown;
mod json;
mod kialo;

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Pos, Report};
use crate::model::load::load_text_with;
use crate::model::{Lang, LoadOptions, Loaded, NodeKind, RelationKind};
use crate::text::{sanitize, sanitize_line};
use crate::wrap::{Ambiguous, truncate};

/// A format stance imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Kialo discussion exported as plain text (either layout).
    Kialo,
    /// AIF JSON, as AIFdb and OVA write it.
    Aif,
    /// What `argdown json` writes.
    ArgdownJson,
}

impl ImportFormat {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Kialo => "kialo",
            ImportFormat::Aif => "aif",
            ImportFormat::ArgdownJson => "argdown-json",
        }
    }

    /// How the format is called in messages and notes.
    fn title(self) -> &'static str {
        match self {
            ImportFormat::Kialo => "a Kialo discussion",
            ImportFormat::Aif => "an AIF argument map",
            ImportFormat::ArgdownJson => "an Argdown map (JSON)",
        }
    }
}

/// The format of `text`, judged from its content, or `None` for a stance
/// document or anything else.
///
/// Kialo: the first line starts `Discussion Title:` or `Discussion Name:`.
/// JSON with `nodes` and `edges` (at the top or under `AIF`): AIF. JSON with
/// `statements` or `arguments`: Argdown. A JSON object with `schema` is
/// stance's own.
pub fn detect(text: &str) -> Option<ImportFormat> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("Discussion Title:") || start.starts_with("Discussion Name:") {
        return Some(ImportFormat::Kialo);
    }
    if !start.starts_with('{') {
        return None;
    }
    // Only the top-level keys are looked at; their values are skipped unread.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Keys {
        schema: Option<serde::de::IgnoredAny>,
        nodes: Option<serde::de::IgnoredAny>,
        edges: Option<serde::de::IgnoredAny>,
        #[serde(rename = "AIF")]
        aif: Option<serde::de::IgnoredAny>,
        statements: Option<serde::de::IgnoredAny>,
        arguments: Option<serde::de::IgnoredAny>,
    }
    let keys: Keys = serde_json::from_str(start).ok()?;
    if keys.schema.is_some() {
        None
    } else if (keys.nodes.is_some() && keys.edges.is_some()) || keys.aif.is_some() {
        Some(ImportFormat::Aif)
    } else if keys.statements.is_some() || keys.arguments.is_some() {
        Some(ImportFormat::ArgdownJson)
    } else {
        None
    }
}

/// A file turned into a stance document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document in stance's authoring YAML; `load_text` accepts it without errors.
    pub yaml: String,
    /// What it was read as.
    pub format: ImportFormat,
    /// Warnings about what could not be carried over, at their place in the source file.
    pub report: Report,
}

/// Reads `text`, the content of the file `name`, as `from` (detected from the
/// content when `None`) and writes it as a stance document in YAML.
///
/// Errors (malformed input, an undetectable format) come back as a report of
/// `file:line: what is wrong`; warnings come with the result.
pub fn import(name: &str, text: &str, from: Option<ImportFormat>) -> Result<Imported, Report> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = Report::new(name);
    report.source = Some(text.to_string());
    let Some(format) = from.or_else(|| detect(text)) else {
        // Broken JSON cannot be told apart by its keys; where it breaks is the
        // more useful thing to say.
        let broken_json = text.trim_start().starts_with('{')
            && serde_json::from_str::<serde::de::IgnoredAny>(text).is_err();
        let d = match broken_json.then(|| json::parse::<serde::de::IgnoredAny>(text)) {
            Some(Err(d)) => d,
            _ => Diagnostic::error(Pos::NONE, "cannot tell what format this file is in"),
        };
        report.push(d.hint("say which with --from kialo, --from aif or --from argdown-json"));
        return Err(report);
    };
    let mut draft = Draft::new(format);
    match format {
        ImportFormat::Kialo => kialo::read(text, &mut draft, &mut report),
        ImportFormat::Aif => aif::read(text, &mut draft, &mut report),
        ImportFormat::ArgdownJson => argdown::read(text, &mut draft, &mut report),
    }
    if report.has_errors() {
        report.sort();
        return Err(report);
    }
    let yaml = draft.finish(name, &mut report);
    report.sort();
    Ok(Imported {
        yaml,
        format,
        report,
    })
}

/// Loads `text` whatever it is: a stance document (YAML or JSON), or a file in
/// a format stance imports (`from`, or detected from the content).
///
/// For an imported file the report holds the import's warnings, placed in the
/// original file, rather than the checks of the generated YAML (which would
/// only say that translations are missing); should the generated YAML have
/// errors, which would be a bug in stance, those are reported instead.
pub fn load_any(name: &str, text: String, from: Option<ImportFormat>) -> Loaded {
    load_any_with(name, text, from, LoadOptions::default())
}

/// Like [`load_any`], with the limits on nodes and relations that `options` give.
pub fn load_any_with(
    name: &str,
    text: String,
    from: Option<ImportFormat>,
    options: LoadOptions,
) -> Loaded {
    let Some(format) = from.or_else(|| detect(&text)) else {
        return load_text_with(name, text, options);
    };
    match import(name, &text, Some(format)) {
        Ok(imported) => {
            let loaded = load_text_with(&format!("{name} (as imported)"), imported.yaml, options);
            if loaded.report.has_errors() {
                loaded
            } else {
                Loaded {
                    document: loaded.document,
                    report: imported.report,
                }
            }
        }
        Err(report) => Loaded {
            document: None,
            report,
        },
    }
}

/// A node as read from the source, before ids and paragraphs are settled.
#[derive(Debug, Clone)]
struct DraftNode {
    id: String,
    kind: NodeKind,
    /// The text in the source's language.
    text: String,
    /// Translations the source carries, by language.
    translations: Vec<(Lang, String)>,
    editorial: bool,
    notes: Vec<String>,
    /// An outside fact to verify, in the source's language (from stance's own exports).
    verify: Option<String>,
    at: Pos,
}

/// A relation between draft nodes (by index).
#[derive(Debug, Clone)]
struct DraftRelation {
    from: usize,
    to: usize,
    kind: RelationKind,
    link: Option<usize>,
    at: Pos,
}

/// A section: its title (`None` for stance's generic label) and its nodes in order.
#[derive(Debug, Clone, Default)]
struct DraftSection {
    title: Option<String>,
    /// True when the title is stance's label rather than a heading of the source.
    untitled: bool,
    nodes: Vec<usize>,
}

/// What every importer builds: a format-neutral argument graph, written out as YAML by [`Draft::finish`].
#[derive(Debug)]
struct Draft {
    format: ImportFormat,
    title: String,
    notes: Vec<String>,
    nodes: Vec<DraftNode>,
    relations: Vec<DraftRelation>,
    sections: Vec<DraftSection>,
    thesis: Option<usize>,
    /// The section headed by a thesis stance chose (AIF names none): its
    /// title is led by words saying so, in the document's language.
    chosen_thesis_section: Option<usize>,
    ids: Ids,
}

impl Draft {
    fn new(format: ImportFormat) -> Draft {
        Draft {
            format,
            title: String::new(),
            notes: Vec::new(),
            nodes: Vec::new(),
            relations: Vec::new(),
            sections: Vec::new(),
            thesis: None,
            chosen_thesis_section: None,
            ids: Ids::default(),
        }
    }

    /// Adds a node with an id made from `id` (sanitized, made unique); returns its index.
    fn add_node(
        &mut self,
        id: &str,
        kind: NodeKind,
        text: &str,
        editorial: bool,
        at: Pos,
    ) -> usize {
        let id = self.ids.claim(id);
        self.nodes.push(DraftNode {
            id,
            kind,
            text: clean_text(text),
            translations: Vec::new(),
            editorial,
            notes: Vec::new(),
            verify: None,
            at,
        });
        self.nodes.len() - 1
    }

    fn relate(&mut self, from: usize, to: usize, kind: RelationKind, link: Option<usize>, at: Pos) {
        self.relations.push(DraftRelation {
            from,
            to,
            kind,
            link,
            at,
        });
    }

    /// Settles what the source left open and writes the YAML.
    fn finish(mut self, name: &str, report: &mut Report) -> String {
        self.clean_relations(report);
        self.settle_thesis(report);
        let lang = Lang::guess(
            std::iter::once(self.title.as_str()).chain(self.nodes.iter().map(|n| n.text.as_str())),
        );
        self.write_yaml(name, lang)
    }

    /// Drops relations stance cannot hold, each with a warning at its place.
    fn clean_relations(&mut self, report: &mut Report) {
        let relations = std::mem::take(&mut self.relations);
        let mut kept: Vec<DraftRelation> = Vec::with_capacity(relations.len());
        for r in relations {
            if r.from == r.to {
                report.push(Diagnostic::warning(
                    r.at,
                    format!(
                        "`{}` would {} itself; left out",
                        self.nodes[r.from].id,
                        verb(r.kind)
                    ),
                ));
                continue;
            }
            kept.push(r);
        }
        let kept = self.break_support_cycles(kept, report);

        // An undercut attacks the link from its target to a node that target supports.
        let mut supports: HashMap<usize, Vec<usize>> = HashMap::new();
        for r in kept.iter().filter(|r| r.kind == RelationKind::Supports) {
            supports.entry(r.from).or_default().push(r.to);
        }
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(kept.len());
        for mut r in kept {
            if r.kind == RelationKind::Undercuts {
                let targets = supports.get(&r.to).map(Vec::as_slice).unwrap_or_default();
                let link = match r.link {
                    Some(l) if targets.contains(&l) => Some(l),
                    None if targets.len() == 1 => targets.first().copied(),
                    _ => None,
                };
                if link.is_none() {
                    let to = &self.nodes[r.to].id;
                    let why = if targets.is_empty() {
                        format!("`{to}` supports nothing")
                    } else {
                        format!("it is not clear which of what `{to}` supports it attacks")
                    };
                    report.push(Diagnostic::warning(
                        r.at,
                        format!(
                            "`{}` undercuts `{to}`, but {why}; imported as a rebuttal of `{to}`",
                            self.nodes[r.from].id
                        ),
                    ));
                    r.kind = RelationKind::Rebuts;
                }
                r.link = link;
            }
            let key = (r.from, r.to, r.kind, r.link);
            if seen.insert(key) {
                out.push(r);
            }
        }
        self.relations = out;
    }

    /// Removes every support that closes a cycle (a node cannot support itself,
    /// even through others), found by one depth-first search without recursion.
    fn break_support_cycles(
        &self,
        relations: Vec<DraftRelation>,
        report: &mut Report,
    ) -> Vec<DraftRelation> {
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for (i, r) in relations.iter().enumerate() {
            if r.kind == RelationKind::Supports {
                edges[r.from].push(i);
            }
        }
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state = vec![State::New; self.nodes.len()];
        let mut dropped = vec![false; relations.len()];
        // Searching from the sources of supports in the order they were
        // written, and along each node's supports in that order, makes the
        // support found closing a cycle, and dropped, the one written later
        // (a Kialo link back up the tree rather than the tree itself).
        let starts = relations
            .iter()
            .filter(|r| r.kind == RelationKind::Supports)
            .map(|r| r.from)
            .chain(0..self.nodes.len());
        for start in starts {
            if state[start] != State::New {
                continue;
            }
            state[start] = State::OnPath;
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                let Some(&edge) = edges[node].get(*next) else {
                    state[node] = State::Done;
                    path.pop();
                    continue;
                };
                *next += 1;
                let to = relations[edge].to;
                match state[to] {
                    State::New => {
                        state[to] = State::OnPath;
                        path.push((to, 0));
                    }
                    State::OnPath => dropped[edge] = true,
                    State::Done => {}
                }
            }
        }
        let mut kept = Vec::with_capacity(relations.len());
        for (r, drop) in relations.into_iter().zip(dropped) {
            if drop {
                report.push(Diagnostic::warning(
                    r.at,
                    format!(
                        "`{}` supports `{}`, which already supports it (through others); this support is left out",
                        self.nodes[r.from].id, self.nodes[r.to].id
                    ),
                ).hint("stance reads arguments as trees and chains of reasons, which cannot go round in a circle"));
            } else {
                kept.push(r);
            }
        }
        kept
    }

    /// Makes sure the thesis is a claim, and names one when the source did not:
    /// the claim that answers nothing and has the most nodes answering it,
    /// directly or not (the first such in the file on a tie).
    fn settle_thesis(&mut self, report: &mut Report) {
        if let Some(t) = self.thesis
            && self.nodes[t].kind != NodeKind::Claim
        {
            let n = &self.nodes[t];
            report.push(Diagnostic::warning(
                n.at,
                format!(
                    "`{}` is marked as the thesis but is {}, not a claim; another is chosen",
                    n.id,
                    n.kind.name()
                ),
            ));
            self.thesis = None;
        }
        if self.thesis.is_some() {
            return;
        }
        let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        let mut answers = vec![false; self.nodes.len()];
        for r in &self.relations {
            incoming[r.to].push(r.from);
            answers[r.from] = true;
        }
        let mut best: Option<(usize, usize)> = None;
        let mut seen = vec![usize::MAX; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if n.kind != NodeKind::Claim || answers[i] {
                continue;
            }
            // Count everything that reaches this node; `seen` is stamped with the
            // candidate, so it needs no clearing between candidates.
            let mut count = 0;
            let mut stack = vec![i];
            seen[i] = i;
            while let Some(x) = stack.pop() {
                for &y in &incoming[x] {
                    if seen[y] != i {
                        seen[y] = i;
                        count += 1;
                        stack.push(y);
                    }
                }
            }
            if best.is_none_or(|(_, c)| count > c) {
                best = Some((i, count));
            }
        }
        self.thesis = best.map(|(i, _)| i);
    }

    /// Writes the document in stance's authoring YAML.
    fn write_yaml(mut self, name: &str, lang: Lang) -> String {
        // Every node of the source gets a section; those in none go in one more.
        let mut placed = vec![false; self.nodes.len()];
        for s in &mut self.sections {
            s.nodes
                .retain(|&n| !std::mem::replace(&mut placed[n], true));
        }
        let unplaced: Vec<usize> = (0..self.nodes.len())
            .filter(|&n| !placed[n] && !self.nodes[n].editorial)
            .collect();
        if !unplaced.is_empty() {
            self.sections.push(DraftSection {
                title: None,
                untitled: true,
                nodes: unplaced,
            });
        }

        // Paragraph ids: one per node of the source (editorial nodes have none).
        let mut paragraph: Vec<Option<String>> = vec![None; self.nodes.len()];
        for s in &self.sections {
            for &n in &s.nodes {
                if !self.nodes[n].editorial {
                    let id = &self.nodes[n].id;
                    let base = ["c-", "e-", "r-"]
                        .iter()
                        .find_map(|p| id.strip_prefix(p))
                        .unwrap_or(id);
                    paragraph[n] = Some(self.ids.claim(&format!("p-{base}")));
                }
            }
        }
        // Editorial nodes are shown under the paragraph of the node they answer
        // (or, failing that, of a node that answers them).
        // One pass over the relations (not one per editorial node, which is
        // quadratic when a source marks most of its nodes editorial).
        let mut answered: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut answering: Vec<Option<usize>> = vec![None; self.nodes.len()];
        for r in &self.relations {
            if self.nodes[r.from].editorial
                && answered[r.from].is_none()
                && paragraph[r.to].is_some()
            {
                answered[r.from] = Some(r.to);
            }
            if self.nodes[r.to].editorial
                && answering[r.to].is_none()
                && paragraph[r.from].is_some()
            {
                answering[r.to] = Some(r.from);
            }
        }
        let editorial_paragraph: Vec<Option<String>> = (0..self.nodes.len())
            .map(|i| {
                answered[i]
                    .or(answering[i])
                    .and_then(|n| paragraph[n].clone())
            })
            .collect();

        let code = lang.code();
        let file = Path::new(name)
            .file_name()
            .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
        let file = sanitize_line(&file).into_owned();
        let mut y = String::new();
        let _ = writeln!(
            y,
            "# Imported by stance from {} ({}). Edit freely: see \"The content format\" in stance's README.",
            self.format.title(),
            file.replace('\n', " ")
        );
        let _ = writeln!(y, "schema: stance/1");
        let stem = Path::new(&file)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let doc_id = self.ids.claim(&slug(&stem));
        let _ = writeln!(y, "id: {}", crate::model::yaml_quoted(&doc_id));
        let _ = writeln!(y, "lang: {code}");
        let title = if self.title.trim().is_empty() {
            stem.clone()
        } else {
            clean_line(&self.title)
        };
        let title = if title.is_empty() {
            "Imported discussion".to_string()
        } else {
            title
        };
        let _ = writeln!(
            y,
            "title: {{{code}: {}}}",
            crate::model::yaml_quoted(&title)
        );
        let mut notes = vec![format!(
            "Imported by stance from {} ({file}).",
            self.format.title()
        )];
        notes.extend(self.notes.iter().map(|n| clean_text(n)));
        let _ = writeln!(
            y,
            "source:\n  notes: {}",
            crate::model::yaml_quoted(&notes.join("\n"))
        );
        if let Some(t) = self.thesis {
            let _ = writeln!(
                y,
                "thesis: {}",
                crate::model::yaml_quoted(&self.nodes[t].id)
            );
        }

        y.push_str("sections:\n");
        let only_one = self.sections.len() == 1;
        let mut written_sections = 0;
        for (k, s) in self.sections.iter().enumerate() {
            let paragraphs: Vec<usize> = s
                .nodes
                .iter()
                .copied()
                .filter(|&n| paragraph[n].is_some())
                .collect();
            if paragraphs.is_empty() {
                continue;
            }
            written_sections += 1;
            let id = self.ids.claim(&format!("s-{written_sections}"));
            let _ = writeln!(y, "  - id: {}", crate::model::yaml_quoted(&id));
            let title = s.title.as_deref().map(clean_line).unwrap_or_default();
            if title.is_empty() {
                let (zh, en) = if only_one {
                    ("论证图".to_string(), "Argument map".to_string())
                } else {
                    (
                        format!("第 {written_sections} 部分"),
                        format!("Part {written_sections}"),
                    )
                };
                let _ = writeln!(
                    y,
                    "    untitled: true\n    title: {{zh: {}, en: {}}}",
                    crate::model::yaml_quoted(&zh),
                    crate::model::yaml_quoted(&en)
                );
            } else {
                let title = match (self.chosen_thesis_section == Some(k), lang) {
                    (false, _) => title,
                    (true, Lang::Zh) => format!("论点(被回应最多的根):{title}"),
                    (true, Lang::En) => format!("Thesis (the root most answered): {title}"),
                };
                if s.untitled {
                    y.push_str("    untitled: true\n");
                }
                let _ = writeln!(
                    y,
                    "    title: {{{code}: {}}}",
                    crate::model::yaml_quoted(&title)
                );
            }
            y.push_str("    paragraphs:\n");
            for n in paragraphs {
                let node = &self.nodes[n];
                let pid = paragraph[n].as_deref().unwrap_or_default();
                let _ = writeln!(
                    y,
                    "      - {{id: {}, {code}: {}}}",
                    crate::model::yaml_quoted(pid),
                    crate::model::yaml_quoted(&node.text)
                );
            }
        }
        if written_sections == 0 {
            y.push_str("  []\n");
        }

        y.push_str("nodes:\n");
        for (i, n) in self.nodes.iter().enumerate() {
            let _ = writeln!(y, "  - id: {}", crate::model::yaml_quoted(&n.id));
            let _ = writeln!(y, "    kind: {}", n.kind.name());
            let _ = write!(
                y,
                "    text: {{{code}: {}",
                crate::model::yaml_quoted(&n.text)
            );
            if let Some((other, text)) = n
                .translations
                .iter()
                .find(|(l, t)| *l == lang.other() && !t.trim().is_empty())
            {
                let _ = write!(
                    y,
                    ", {}: {}",
                    other.code(),
                    crate::model::yaml_quoted(&clean_text(text))
                );
            }
            y.push_str("}\n");
            if n.editorial {
                y.push_str("    origin: editorial\n");
                if let Some(p) = &editorial_paragraph[i] {
                    let _ = writeln!(y, "    paragraphs: [{}]", crate::model::yaml_quoted(p));
                }
            } else if let Some(p) = &paragraph[i] {
                let _ = writeln!(y, "    quote: {}", crate::model::yaml_quoted(&n.text));
                let _ = writeln!(y, "    paragraphs: [{}]", crate::model::yaml_quoted(p));
            }
            if let Some(v) = &n.verify {
                let _ = writeln!(
                    y,
                    "    verify: {{{code}: {}}}",
                    crate::model::yaml_quoted(&clean_text(v))
                );
            }
            if !n.notes.is_empty() {
                let notes: Vec<String> = n.notes.iter().map(|s| clean_text(s)).collect();
                let _ = writeln!(
                    y,
                    "    note: {}",
                    crate::model::yaml_quoted(&notes.join("\n"))
                );
            }
        }
        if self.nodes.is_empty() {
            y.push_str("  []\n");
        }

        y.push_str("relations:\n");
        for r in &self.relations {
            let _ = write!(
                y,
                "  - {{from: {}, to: {}, kind: {}",
                crate::model::yaml_quoted(&self.nodes[r.from].id),
                crate::model::yaml_quoted(&self.nodes[r.to].id),
                r.kind.name()
            );
            if let Some(l) = r.link {
                let _ = write!(
                    y,
                    ", link: {}",
                    crate::model::yaml_quoted(&self.nodes[l].id)
                );
            }
            y.push_str("}\n");
        }
        if self.relations.is_empty() {
            y.push_str("  []\n");
        }
        y
    }
}

/// The ids in use in one document (sections, paragraphs, nodes and the
/// document share one set), handing out new ones that are valid and unique.
#[derive(Debug, Default)]
struct Ids {
    used: HashSet<String>,
    /// The next suffix to try for each base, so a base asked for n times costs n tries, not n².
    next: HashMap<String, usize>,
}

impl Ids {
    /// A valid id like `base` that nobody has yet, now taken.
    ///
    /// Valid means what stance's loader accepts: no whitespace, and unchanged
    /// by sanitizing (control characters are already made visible).
    fn claim(&mut self, base: &str) -> String {
        let clean: String = sanitize_line(base)
            .chars()
            .map(|c| if c.is_whitespace() { '-' } else { c })
            .collect();
        let clean = if clean.is_empty() {
            "node".to_string()
        } else {
            clean
        };
        let mut id = clean.clone();
        let k = self.next.entry(clean.clone()).or_insert(2);
        while self.used.contains(&id) {
            id = format!("{clean}-{k}");
            *k += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// A document id from a file name: letters (any script), digits, `-` and `_`; other runs become `-`.
fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "imported".to_string()
    } else {
        out
    }
}

/// Text from the source made safe (no escape sequences or controls) and trimmed.
fn clean_text(s: &str) -> String {
    sanitize(s.trim()).trim().to_string()
}

/// Like [`clean_text`], on one line.
fn clean_line(s: &str) -> String {
    sanitize_line(s.trim()).trim().to_string()
}

/// A short label from a text: its first line, cut to `width` columns.
fn label(text: &str, width: usize) -> String {
    let first = text.lines().next().unwrap_or_default();
    truncate(first.trim(), width, Ambiguous::Narrow).into_owned()
}

/// The verb for a relation, for messages.
fn verb(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Supports => "support",
        RelationKind::Rebuts => "rebut",
        RelationKind::Undercuts => "undercut",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_valid() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("c-1"), "c-1");
        assert_eq!(ids.claim("c-1"), "c-1-2");
        assert_eq!(ids.claim("a b\tc"), "a-b-c");
        assert_eq!(ids.claim(""), "node");
        assert_eq!(ids.claim("x\u{1b}"), "x␛");
    }

    #[test]
    fn language_follows_the_script() {
        assert_eq!(Lang::guess(["市场说了算 DeepSeek"]), Lang::Zh);
        assert_eq!(Lang::guess(["The market decides, says 市场"]), Lang::En);
        assert_eq!(Lang::guess([""]), Lang::En);
    }

    #[test]
    fn quoted_strings_read_back_exactly() {
        for s in [
            "plain",
            "a: b # c",
            "\"q\" \\ back",
            "line\nbreak\ttab",
            "\u{7f}\u{85}\u{2028}\u{feff}\u{fffe}",
            "*alias &anchor yes",
        ] {
            let yaml = format!("v: {}\n", crate::model::yaml_quoted(s));
            #[derive(serde::Deserialize)]
            struct V {
                v: String,
            }
            let back: V = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(back.v, s);
        }
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slug("my discussion (1)"), "my-discussion-1");
        assert_eq!(slug("讨论.v2"), "讨论-v2");
        assert_eq!(slug("..."), "imported");
    }
}
