//! Turns what was read from a file into a [`Document`], checking everything on the
//! way and reporting every problem at its position rather than stopping at the first.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::figures::resolve_figures;
use super::quotes::Occurrences;
use super::raw::{RawDocument, RawNode, RawSection, RawText, Str};
use super::yaml::{Spanned, pos};
use super::{
    Bilingual, Document, Lang, Node, NodeKind, Origin, Paragraph, Relation, RelationKind, SCHEMA,
    Section, Source,
};
use crate::authoring::{Budget, DOCUMENT_BUDGET, Difference, closest_span, describe, shown_span};
use crate::diag::{Diagnostic, Pos, Report};
use crate::text::{sanitize, sanitize_line};

/// Kinds of support evidence can give; others are allowed, with a warning.
pub const KNOWN_BASES: [&str; 10] = [
    "statistic",
    "event",
    "policy",
    "quote",
    "example",
    "reasoning",
    "analogy",
    "testimony",
    "definition",
    "prediction",
];

/// What an id names, for messages about duplicates and misdirected references.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Document,
    Section,
    Paragraph,
    Node,
}

impl Named {
    fn noun(self) -> &'static str {
        match self {
            Named::Document => "the document",
            Named::Section => "a section",
            Named::Paragraph => "a paragraph",
            Named::Node => "a node",
        }
    }
}

struct Resolver<'r> {
    report: &'r mut Report,
    /// Every id defined, with what it names and the line it is written at.
    ids: HashMap<String, (Named, u64)>,
    /// Nodes with a relation rejected for a bad reference: problems that follow
    /// from it (an undercut with no link left, evidence supporting nothing) are
    /// not reported again, since the first error already says what to fix.
    broken: HashSet<String>,
    /// The line each paragraph is written at (in the order of the article),
    /// for pointing a mistyped quote at the paragraph that nearly holds it.
    paragraph_lines: Vec<u64>,
    /// What is left of the work allowed for finding closest spans, shared by
    /// the whole document so that a file full of long wrong quotes stays cheap.
    closest_budget: Budget,
    /// For each quote written without `paragraphs`, the paragraphs (by index)
    /// that hold it: found in one pass over the text for all such quotes, so a
    /// large document does not search every paragraph once per quote.
    quotes: Occurrences,
    /// What each id looks like (see [`super::lookalike`]), and the first id that looked so.
    looks: HashMap<String, (String, u64)>,
}

/// Resolves and checks `raw`, read from `source`, adding every problem to
/// `report`. Returns the document even when there are errors, so callers can
/// decide what to do.
pub(crate) fn resolve(raw: RawDocument, source: &str, report: &mut Report) -> Document {
    let mut r = Resolver {
        report,
        ids: HashMap::new(),
        broken: HashSet::new(),
        paragraph_lines: Vec::new(),
        quotes: Occurrences::default(),
        looks: HashMap::new(),
        closest_budget: Budget(DOCUMENT_BUDGET),
    };
    r.document(raw, source)
}

impl Resolver<'_> {
    fn error(&mut self, pos: Pos, message: String, hint: &str) {
        let d = Diagnostic::error(pos, message);
        self.report
            .push(if hint.is_empty() { d } else { d.hint(hint) });
    }

    fn warning(&mut self, pos: Pos, message: String, hint: &str) {
        let d = Diagnostic::warning(pos, message);
        self.report
            .push(if hint.is_empty() { d } else { d.hint(hint) });
    }

    /// Warns when `id` prints like an id already defined, differing only by
    /// invisible or look-alike characters.
    fn look_alike(&mut self, id: &str, at: Pos) {
        let looks = super::lookalike::skeleton(id);
        match self.looks.get(&looks) {
            Some((first, line)) if first != id => {
                let mut differ = super::lookalike::describe(id);
                for d in super::lookalike::describe(first) {
                    if !differ.contains(&d) {
                        differ.push(d);
                    }
                }
                let message = format!(
                    "the id `{id}` looks just like `{first}` (line {line}): they differ only by {}",
                    differ.join(", ")
                );
                self.warning(
                    at,
                    message,
                    "a reader cannot tell them apart; rename one, using only characters that look like themselves",
                );
            }
            Some(_) => {}
            None => {
                self.looks.insert(looks, (id.to_string(), at.line));
            }
        }
    }

    /// Checks an id's form and uniqueness and returns it sanitized.
    fn id(&mut self, value: Option<Str>, what: Named, at: Pos) -> String {
        self.id_and_change(value, what, at).0
    }

    /// As [`Resolver::id`], and whether sanitizing changed it from what is written.
    fn id_and_change(&mut self, value: Option<Str>, what: Named, at: Pos) -> (String, bool) {
        let Some(v) = value else {
            self.error(
                at,
                format!("{} has no `id`", capitalized(what.noun())),
                "give it an `id:` that no other section, paragraph or node uses",
            );
            return (String::new(), false);
        };
        let p = pos(&v);
        let (id, changed) = match sanitize_line(&v.value) {
            Cow::Borrowed(_) => (v.value, false),
            Cow::Owned(clean) => (clean, true),
        };
        if id.is_empty() {
            self.error(p, "an empty id".into(), "ids need at least one character");
        } else if changed || id.chars().any(char::is_whitespace) {
            self.error(
                p,
                format!("the id `{id}` contains spaces or control characters"),
                "use letters, digits, `-` or `_` (Chinese characters are fine)",
            );
        } else if let Some(&(first, first_line)) = self.ids.get(&id) {
            let hint = format!(
                "ids must be unique across sections, paragraphs and nodes; rename this one (the first is {} at line {})",
                first.noun(),
                first_line
            );
            self.error(p, format!("duplicate id `{id}`"), &hint);
        } else {
            self.ids.insert(id.clone(), (what, p.line));
            self.look_alike(&id, p);
        }
        (id, changed)
    }

    /// Reads a two-language text; `lang` is the original, which must be present.
    fn text(
        &mut self,
        value: Option<Spanned<RawText>>,
        lang: Lang,
        what: &str,
        at: Pos,
    ) -> Bilingual {
        let Some(t) = value else {
            self.error(
                at,
                format!("{what} has no text"),
                "add `{zh: ..., en: ...}` with the text in both languages",
            );
            return Bilingual::default();
        };
        let at = pos(&t);
        let text = Bilingual {
            zh: clean(t.value.zh),
            en: clean(t.value.en),
        };
        self.check_languages(&text, lang, what, at);
        text
    }

    /// Reads a reader's node's text: a reader writes in their own language,
    /// so either one is enough and the other may stay empty.
    fn reader_text(&mut self, value: Option<Spanned<RawText>>, what: &str, at: Pos) -> Bilingual {
        let (at, text) = match value {
            Some(t) => (
                pos(&t),
                Bilingual {
                    zh: clean(t.value.zh),
                    en: clean(t.value.en),
                },
            ),
            None => (at, Bilingual::default()),
        };
        if text.zh.trim().is_empty() && text.en.trim().is_empty() {
            self.error(
                at,
                format!("{what} is empty"),
                "write what the reader's node says in `zh:` or `en:`",
            );
        }
        text
    }

    fn check_languages(&mut self, text: &Bilingual, lang: Lang, what: &str, at: Pos) {
        let original = text.get(lang).trim().is_empty();
        let translation = text.get(lang.other()).trim().is_empty();
        if original && translation {
            self.error(at, format!("{what} is empty"), "write it in both languages");
        } else if original {
            self.error(
                at,
                format!(
                    "{what} has no `{}` text (the original language)",
                    lang.code()
                ),
                &format!("add `{}:` with the original text", lang.code()),
            );
        } else if translation {
            let other = lang.other().code();
            self.warning(
                at,
                format!("{what} has no `{other}` translation"),
                &format!("add `{other}:` so readers of that language can follow"),
            );
        }
    }

    fn document(&mut self, raw: RawDocument, text: &str) -> Document {
        let RawDocument {
            schema,
            id: raw_id,
            title: raw_title,
            lang: raw_lang,
            source: raw_source,
            thesis: raw_thesis,
            sections: raw_sections,
            nodes: raw_nodes,
            relations: raw_relations,
            figures: raw_figures,
        } = raw;
        // Sized once for every id the document defines: growing a table this
        // large holds the old one and the new one at once.
        let defined = 1
            + raw_sections.len()
            + raw_sections
                .iter()
                .map(|s| s.value.paragraphs.len())
                .sum::<usize>()
            + raw_nodes.len();
        self.ids.reserve(defined);
        let top = Pos::new(1, 1);
        match schema.as_ref() {
            None => self.error(
                top,
                "missing `schema`".into(),
                &format!("add `schema: {SCHEMA}` as the first line"),
            ),
            Some(s) if s.value != SCHEMA => {
                let message = format!("unknown schema `{}`", s.value);
                self.error(
                    pos(s),
                    message,
                    &format!("this version of stance reads `schema: {SCHEMA}`"),
                )
            }
            Some(_) => {}
        }
        let id = self.id(raw_id, Named::Document, top);
        let lang = match raw_lang.as_ref() {
            None => {
                self.error(
                    top,
                    "missing `lang`".into(),
                    "add `lang: zh` or `lang: en`: the language the article was written in",
                );
                Lang::Zh
            }
            Some(l) => match l.value.as_str() {
                "zh" => Lang::Zh,
                "en" => Lang::En,
                other => {
                    let message = format!("unknown language `{}`", sanitize_line(other));
                    self.error(pos(l), message, "`lang` is `zh` or `en`");
                    Lang::Zh
                }
            },
        };
        let title = self.text(raw_title, lang, "the title", top);
        let source = raw_source
            .map(|s| Source {
                publisher: s.publisher.map(clean_line),
                author: s.author.map(clean_line),
                url: s.url.map(clean_line),
                captured: s.captured.map(clean_line),
                notes: s.notes.map(|n| clean(Some(n))),
            })
            .unwrap_or_default();

        let sections = self.sections(raw_sections, lang);
        // Borrowed from `sections`: a document's ids are not copied to be checked.
        // (For a repeated id, the last paragraph with it, as before.)
        let paragraph_ids: HashMap<&str, usize> = sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let all_paragraphs: Vec<&Paragraph> =
            sections.iter().flat_map(|s| s.paragraphs.iter()).collect();

        // Figures before nodes, so that nodes' references to them can be checked.
        let paragraph_set: HashSet<&str> = paragraph_ids.keys().copied().collect();
        let (figures, figure_ids) =
            resolve_figures(&raw_figures, &id, &paragraph_set, lang, text, self.report);
        drop(raw_figures);

        self.quotes = find_quotes(&raw_nodes, lang, &all_paragraphs);
        let mut nodes = Vec::with_capacity(raw_nodes.len());
        // Where each node is written, when its id is written as it is kept:
        // problems found later on the whole graph point there.
        let mut node_at: Vec<Option<Pos>> = Vec::with_capacity(raw_nodes.len());
        let mut written = Vec::new();
        // Each raw node is dropped as soon as it is resolved, its strings moved,
        // and the raw list's memory is given back as it empties: taken from the
        // end of the reversed list, which shrinks in place.
        let mut raw_nodes = raw_nodes;
        raw_nodes.reverse();
        while let Some(n) = raw_nodes.pop() {
            if raw_nodes.len() < raw_nodes.capacity() / 2 {
                raw_nodes.shrink_to_fit();
            }
            let at = pos(&n);
            let (node, rest) = self.node(
                n.value,
                at,
                lang,
                &paragraph_ids,
                &all_paragraphs,
                &figure_ids,
            );
            node_at.push(rest.id_as_written.then_some(at));
            collect_inline_relations(rest, index32(nodes.len()), &mut written);
            nodes.push(node);
        }
        for r in raw_relations {
            let at = pos(&r);
            written.push(WrittenRelation {
                from: WrittenFrom::Written(r.value.from),
                to: r.value.to,
                kind: WrittenKind::Written(r.value.kind),
                link: r.value.link,
                at,
            });
        }
        let kinds: HashMap<&str, (u32, NodeKind)> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), (index32(i), n.kind)))
            .collect();
        let relations = self.relations(written, &kinds, &nodes);
        self.graph_checks(&nodes, &relations, &node_at, &kinds);

        let thesis = raw_thesis.map(|t| {
            let at = pos(&t);
            let id = clean_id(t.value);
            match kinds.get(id.as_str()).map(|&(_, k)| k) {
                None => self.unknown_reference(at, &id, "the thesis"),
                Some(NodeKind::Claim) => {}
                Some(k) => self.error(
                    at,
                    format!(
                        "the thesis `{id}` is {} {}, not a claim",
                        article(k.name()),
                        k.name()
                    ),
                    "point `thesis` at the article's main claim",
                ),
            }
            id
        });
        if nodes.is_empty() && sections.iter().all(|s| s.paragraphs.is_empty()) {
            // An empty map (a real corpus has them) loads, but is worth a word:
            // there is nothing to read, mark or export. (A new document with
            // its paragraphs and no nodes yet is not empty: the checklist says
            // what to encode.)
            self.warning(
                top,
                "no nodes and no paragraphs: the document is empty".into(),
                "add the article's paragraphs and its claims, or check that this is the file you meant",
            );
        } else if thesis.is_none() && !nodes.is_empty() {
            self.warning(
                top,
                "no `thesis`".into(),
                "add `thesis: <id of the main claim>` so the map can be drawn around it",
            );
        }
        drop(kinds);
        drop(paragraph_set);
        drop(all_paragraphs);
        drop(paragraph_ids);

        let mut doc = Document {
            schema: SCHEMA.to_string(),
            id,
            title,
            lang,
            source,
            thesis,
            sections,
            nodes,
            relations,
            figures,
            index: Default::default(),
        };
        doc.build_index();
        doc
    }

    fn sections(&mut self, raw: Vec<Spanned<RawSection>>, lang: Lang) -> Vec<Section> {
        let mut sections = Vec::with_capacity(raw.len());
        for s in raw {
            let at = pos(&s);
            let s = s.value;
            let id = self.id(s.id, Named::Section, at);
            // The article has no heading for an untitled section, so a label
            // there is optional (and an empty one, as JSON dumps write it, is fine).
            let title = match (s.title, s.untitled) {
                (None, true) => Bilingual::default(),
                (Some(t), true) => Bilingual {
                    zh: clean(t.value.zh),
                    en: clean(t.value.en),
                },
                (t, _) => self.text(t, lang, &format!("the title of section `{id}`"), at),
            };
            if s.paragraphs.is_empty() {
                self.warning(
                    at,
                    format!("section `{id}` has no paragraphs"),
                    "add its paragraphs under `paragraphs:`, or remove the section",
                );
            }
            let mut paragraphs = Vec::with_capacity(s.paragraphs.len());
            for p in s.paragraphs {
                let at = pos(&p);
                let p = p.value;
                let pid = self.id(p.id, Named::Paragraph, at);
                self.paragraph_lines.push(at.line);
                let text = Bilingual {
                    zh: clean(p.zh),
                    en: clean(p.en),
                };
                self.check_languages(&text, lang, &format!("paragraph `{pid}`"), at);
                paragraphs.push(Paragraph {
                    id: pid,
                    zh: text.zh,
                    en: text.en,
                });
            }
            sections.push(Section {
                id,
                title,
                untitled: s.untitled,
                paragraphs,
            });
        }
        sections
    }

    /// Resolves one node written at `at`, taking its strings; returns it with
    /// what the relations written on it need (see [`NodeRest`]).
    fn node(
        &mut self,
        raw: RawNode,
        at: Pos,
        lang: Lang,
        paragraph_ids: &HashMap<&str, usize>,
        all_paragraphs: &[&Paragraph],
        figure_ids: &HashSet<String>,
    ) -> (Node, NodeRest) {
        let id_at = raw.id.as_ref().map(pos);
        let (id, id_changed) = self.id_and_change(raw.id, Named::Node, at);
        let kind = match raw.kind.as_ref() {
            None => {
                self.error(
                    at,
                    format!("node `{id}` has no `kind`"),
                    "add `kind: claim`, `kind: evidence` or `kind: rebuttal`",
                );
                NodeKind::Claim
            }
            Some(k) => match NodeKind::ALL.iter().find(|x| x.name() == k.value) {
                Some(&kind) => kind,
                None => {
                    let message = format!("unknown kind `{}`", sanitize_line(&k.value));
                    self.error(
                        pos(k),
                        message,
                        "`kind` is one of claim, evidence, rebuttal",
                    );
                    NodeKind::Claim
                }
            },
        };
        let origin = match raw.origin.as_ref() {
            None => Origin::Article,
            Some(o) => match o.value.as_str() {
                "article" => Origin::Article,
                "editorial" => Origin::Editorial,
                // A reader's own node, as `stance graph --marks` writes it.
                "reader" => Origin::Reader,
                other => {
                    let message = format!("unknown origin `{}`", sanitize_line(other));
                    self.error(
                        pos(o),
                        message,
                        "`origin` is `article` (said in the article), `editorial` (added by you) or `reader` (a reader's own)",
                    );
                    Origin::Article
                }
            },
        };
        let author = raw.author.and_then(|a| {
            if origin == Origin::Reader {
                Some(clean_line(a.value))
            } else {
                self.warning(
                    pos(&a),
                    format!("node `{id}` has an `author` but is not a reader's node"),
                    "`author` is for nodes with `origin: reader`; remove it, or mark the node so",
                );
                None
            }
        });
        let text = if origin == Origin::Reader {
            self.reader_text(raw.text, &format!("node `{id}`"), at)
        } else {
            self.text(raw.text, lang, &format!("node `{id}`"), at)
        };

        let mut paragraphs = Vec::with_capacity(raw.paragraphs.len());
        for p in raw.paragraphs {
            let at = pos(&p);
            let pid = clean_id(p.value);
            if !paragraph_ids.contains_key(pid.as_str()) {
                self.reference_to_nowhere(at, &pid, "a paragraph", Named::Paragraph);
            } else if !paragraphs.contains(&pid) {
                paragraphs.push(pid);
            }
        }

        let quote = raw.quote.map(|q| {
            let at = pos(&q);
            (clean(Some(q.value)), at)
        });
        match (&quote, origin) {
            (None, Origin::Article) => self.error(
                at,
                format!("node `{id}` is from the article but has no `quote`"),
                "copy the words it stands for from the paragraph into `quote:`, or mark it `origin: editorial`",
            ),
            (Some((q, _)), _) if q.trim().is_empty() => self.error(
                at,
                format!("node `{id}` has an empty `quote`"),
                "copy the words it stands for from the paragraph, or remove `quote`",
            ),
            (Some((q, qpos)), _) => {
                self.check_quote(&id, q, *qpos, lang, &mut paragraphs, paragraph_ids, all_paragraphs)
            }
            (None, Origin::Editorial | Origin::Reader) => {}
        }

        let basis = raw.basis.map(|b| {
            let at = pos(&b);
            let basis = clean_line(b.value);
            if kind != NodeKind::Evidence {
                self.warning(
                    at,
                    format!(
                        "`basis` is for evidence, and `{id}` is {} {}",
                        article(kind.name()),
                        kind.name()
                    ),
                    "remove it, or change the node's kind",
                );
            } else if !KNOWN_BASES.contains(&basis.as_str()) {
                self.warning(
                    at,
                    format!("unusual basis `{basis}`"),
                    &format!("the usual ones are {}", KNOWN_BASES.join(", ")),
                );
            }
            basis
        });
        // A reader's evidence names no basis: the form has none to give.
        if kind == NodeKind::Evidence && basis.is_none() && origin != Origin::Reader {
            self.warning(
                at,
                format!("evidence `{id}` has no `basis`"),
                &format!("say what kind of support it is: {}", KNOWN_BASES.join(", ")),
            );
        }

        let mut figures = Vec::new();
        for f in raw.figures {
            let fid_at = pos(&f);
            let fid = clean_id(f.value);
            if !figure_ids.contains(&fid) {
                let mut known: Vec<&str> = figure_ids.iter().map(String::as_str).collect();
                known.sort_unstable();
                let hint = if known.is_empty() {
                    "this document has no figures; define it under `figures:`".to_string()
                } else {
                    format!("check the id; the figures are {}", known.join(", "))
                };
                self.error(
                    fid_at,
                    format!("node `{id}` cites figure `{fid}`, and no figure has that id"),
                    &hint,
                );
            }
            if !figures.contains(&fid) {
                figures.push(fid);
            }
        }

        let verify = raw.verify.map(|v| {
            let at = pos(&v);
            self.text(Some(v), lang, &format!("the `verify` of node `{id}`"), at)
        });
        let node = Node {
            id,
            kind,
            text,
            quote: quote.map(|(q, _)| q),
            paragraphs,
            origin,
            basis,
            sourced: raw.sourced.unwrap_or(true),
            figures,
            note: raw.note.map(|n| clean(Some(n))),
            verify,
            author,
        };
        let rest = NodeRest {
            id_at,
            id_as_written: id_at.is_some() && !id_changed,
            supports: raw.supports,
            rebuts: raw.rebuts,
            undercuts: raw.undercuts,
        };
        (node, rest)
    }

    /// A quote must be verbatim in one of the node's paragraphs; when the node
    /// lists none, the paragraph is found from the quote.
    #[allow(clippy::too_many_arguments)]
    fn check_quote(
        &mut self,
        id: &str,
        quote: &str,
        at: Pos,
        lang: Lang,
        paragraphs: &mut Vec<String>,
        paragraph_ids: &HashMap<&str, usize>,
        all: &[&Paragraph],
    ) {
        if paragraphs.is_empty() {
            let found: Vec<&Paragraph> = self
                .quotes
                .homes(quote)
                .iter()
                .filter_map(|&i| all.get(i as usize).copied())
                .collect();
            match found.as_slice() {
                [one] => paragraphs.push(one.id.clone()),
                [] => {
                    let hint = self.closest_hint(quote, lang, &[], all).unwrap_or_else(|| {
                        "copy it exactly from the article, punctuation and spaces included"
                            .to_string()
                    });
                    self.error(
                        at,
                        format!("the quote of `{id}` is not found verbatim in any paragraph"),
                        &hint,
                    )
                }
                many => {
                    let ids: Vec<&str> = many.iter().map(|p| p.id.as_str()).collect();
                    self.error(
                        at,
                        format!(
                            "the quote of `{id}` appears in several paragraphs: {}",
                            ids.join(", ")
                        ),
                        "say which with `paragraphs: [...]`",
                    )
                }
            }
            return;
        }
        let verbatim = paragraphs.iter().any(|p| {
            paragraph_ids
                .get(p.as_str())
                .is_some_and(|&i| self.quotes.occurs(quote, i))
        });
        if !verbatim {
            let listed: Vec<usize> = paragraphs
                .iter()
                .filter_map(|p| paragraph_ids.get(p.as_str()).copied())
                .collect();
            let hint = self.closest_hint(quote, lang, &listed, all).unwrap_or_else(|| {
                "copy it exactly from the paragraph, punctuation and spaces included, or list the paragraph that holds it".to_string()
            });
            self.error(
                at,
                format!(
                    "the quote of `{id}` is not found verbatim in {}",
                    paragraphs.join(", ")
                ),
                &hint,
            );
        }
    }

    /// A hint pointing at the span closest to a quote that is not verbatim:
    /// "closest: `…` in s1p4 (line 57): your quote has ‘，’ (full-width) where
    /// the article has ‘,’ (ASCII)". The node's own paragraphs (`listed`,
    /// indices into `all`) are searched first, then the others. `None` when
    /// nothing is close (more than half the quote would have to change) or the
    /// document's budget for this search is spent.
    fn closest_hint(
        &mut self,
        quote: &str,
        lang: Lang,
        listed: &[usize],
        all: &[&Paragraph],
    ) -> Option<String> {
        let order: Vec<usize> = listed
            .iter()
            .copied()
            .chain((0..all.len()).filter(|i| !listed.contains(i)))
            .collect();
        let texts: Vec<&str> = order.iter().map(|&i| all[i].text(lang)).collect();
        let found = closest_span(quote, &texts, &mut self.closest_budget)?;
        if found.edits * 2 > quote.chars().count() {
            return None;
        }
        let para = all[*order.get(found.candidate)?];
        // The line of the first paragraph with this id (only ever on an error).
        let line = all
            .iter()
            .position(|p| p.id == para.id)
            .and_then(|first| self.paragraph_lines.get(first))
            .map_or(String::new(), |l| format!(" (line {l})"));
        let place = format!("in {}{line}", para.id);
        Some(match found.first {
            Difference::None => format!(
                "it is verbatim {place}, which the node's `paragraphs` does not list: add it"
            ),
            _ => format!(
                "closest: `{}` {place}: {}",
                shown_span(&found),
                describe(&found)
            ),
        })
    }

    fn reference_to_nowhere(&mut self, at: Pos, id: &str, expected: &str, want: Named) {
        match self.ids.get(id) {
            Some(&(what, _)) if what != want => self.error(
                at,
                format!("`{id}` is {}, not {expected}", what.noun()),
                "check the id",
            ),
            _ => self.error(
                at,
                format!("no {} has the id `{id}`", expected.trim_start_matches("a ")),
                "check the spelling, or define it",
            ),
        }
    }

    fn unknown_reference(&mut self, at: Pos, id: &str, what: &str) {
        let message = match self.ids.get(id) {
            Some(&(named, _)) => format!(
                "`{id}` is {}, not a node, and {what} must point to a node",
                named.noun()
            ),
            None => format!("{what} points to `{id}`, and no node has that id"),
        };
        self.error(at, message, "check the spelling, or define the node");
    }

    fn relations(
        &mut self,
        written: Vec<WrittenRelation>,
        kinds: &HashMap<&str, (u32, NodeKind)>,
        nodes: &[Node],
    ) -> Vec<Relation> {
        // Each relation with its key for finding duplicates: the indices of its
        // ends (and link) and its kind, so no relation is copied to be compared.
        let mut out: Vec<(Relation, Pos, RelationKey)> = Vec::with_capacity(written.len());
        let mut undercuts = Vec::new();
        let index_of = |id: &str| kinds.get(id).map(|&(i, _)| i);
        // Taken from the end of the reversed list, which gives its memory back
        // as it empties (see the nodes in `document`).
        let mut written = written;
        written.reverse();
        while let Some(w) = written.pop() {
            if written.len() < written.capacity() / 2 {
                written.shrink_to_fit();
            }
            let endpoint = |v: Option<Str>| {
                v.map(|s| {
                    let at = pos(&s);
                    (clean_id(s.value), at)
                })
            };
            let from = match w.from {
                WrittenFrom::Node(i, at) => nodes.get(i as usize).map(|n| (n.id.clone(), at)),
                WrittenFrom::Written(from) => endpoint(from),
            };
            let to = endpoint(w.to);
            let (Some((from, from_at)), Some((to, to_at))) = (from, to) else {
                self.error(
                    w.at,
                    "a relation needs both `from` and `to`".into(),
                    "write it as `{from: <node id>, to: <node id>, kind: supports}`",
                );
                continue;
            };
            let kind = match w.kind {
                WrittenKind::Known(kind) => kind,
                WrittenKind::Written(None) => {
                    self.error(
                        w.at,
                        format!("the relation from `{from}` to `{to}` has no `kind`"),
                        "`kind` is one of supports, rebuts, undercuts",
                    );
                    continue;
                }
                WrittenKind::Written(Some(k)) => {
                    match RelationKind::ALL.iter().find(|x| x.name() == k.value) {
                        Some(&kind) => kind,
                        None => {
                            let message =
                                format!("unknown relation kind `{}`", sanitize_line(&k.value));
                            self.error(
                                pos(&k),
                                message,
                                "`kind` is one of supports, rebuts, undercuts",
                            );
                            continue;
                        }
                    }
                }
            };
            let mut ok = true;
            for (id, at) in [(&from, from_at), (&to, to_at)] {
                if !kinds.contains_key(id.as_str()) {
                    self.unknown_reference(at, id, &format!("a `{}` relation", kind.name()));
                    ok = false;
                }
            }
            let (Some(from_i), Some(to_i), true) = (index_of(&from), index_of(&to), ok) else {
                self.broken.insert(from);
                continue;
            };
            if from == to {
                self.error(
                    to_at,
                    format!("`{from}` {} itself", kind.name()),
                    "a node cannot support or attack itself; point the relation at another node",
                );
                continue;
            }
            let link = endpoint(w.link);
            if kind != RelationKind::Undercuts {
                if let Some((_, at)) = link {
                    self.warning(
                        at,
                        format!(
                            "`link` only means something on an undercut, and this relation {}",
                            kind.name()
                        ),
                        "remove `link`",
                    );
                }
                out.push((
                    Relation {
                        from,
                        to,
                        kind,
                        link: None,
                    },
                    to_at,
                    (from_i, to_i, kind, NO_LINK),
                ));
            } else {
                undercuts.push((from, to, from_i, to_i, link, to_at));
            }
        }

        // Undercuts attack a support link, so they resolve once all supports are known.
        // What each node supports (by index, in the order written, repeats
        // included), gathered once: scanning every relation per undercut made
        // large documents load in quadratic time.
        let mut supports_of: HashMap<u32, Vec<u32>> = HashMap::new();
        for (_, _, (from_i, to_i, kind, _)) in &out {
            if *kind == RelationKind::Supports {
                supports_of.entry(*from_i).or_default().push(*to_i);
            }
        }
        let name = |i: u32| nodes.get(i as usize).map_or("", |n| n.id.as_str());
        for (from, to, from_i, to_i, link, at) in undercuts {
            let supported: &[u32] = supports_of.get(&to_i).map_or(&[], Vec::as_slice);
            let (link, link_i) = match link {
                Some((link, link_at)) => {
                    let Some(&link_i) = supported.iter().find(|&&i| name(i) == link) else {
                        self.error(
                            link_at,
                            format!(
                                "`{to}` does not support `{link}`, so there is no link to undercut"
                            ),
                            "`link` names the node that the undercut evidence supports",
                        );
                        continue;
                    };
                    (link, link_i)
                }
                None => match supported {
                    [one] => (name(*one).to_string(), *one),
                    [] if self.broken.contains(&to) => continue,
                    [] => {
                        self.error(
                            at,
                            format!("`{from}` undercuts `{to}`, but `{to}` supports nothing"),
                            "an undercut attacks the link between evidence and the claim it supports; use `rebuts` to attack the node itself",
                        );
                        continue;
                    }
                    many => {
                        let names: Vec<&str> = many.iter().map(|&i| name(i)).collect();
                        let message = format!(
                            "`{to}` supports several nodes ({}), so the undercut from `{from}` is ambiguous",
                            names.join(", ")
                        );
                        self.error(
                            at,
                            message,
                            "write it under `relations:` with `link: <the supported node>`",
                        );
                        continue;
                    }
                },
            };
            out.push((
                Relation {
                    from,
                    to,
                    kind: RelationKind::Undercuts,
                    link: Some(link),
                },
                at,
                (from_i, to_i, RelationKind::Undercuts, link_i),
            ));
        }

        // Collected in place, into the memory of `out`.
        let mut seen: HashSet<RelationKey> = HashSet::with_capacity(out.len());
        out.into_iter()
            .filter_map(|(r, at, key)| {
                if seen.insert(key) {
                    return Some(r);
                }
                self.warning(
                    at,
                    format!("`{}` {} `{}` is written twice", r.from, r.kind.name(), r.to),
                    "remove one of them",
                );
                None
            })
            .collect()
    }

    /// Checks on the graph as a whole: support cycles, and nodes that do nothing.
    /// (Which nodes act, and how, is gathered once: checking each node against
    /// every relation would grow with the square of the document.)
    fn graph_checks(
        &mut self,
        nodes: &[Node],
        relations: &[Relation],
        node_at: &[Option<Pos>],
        kinds: &HashMap<&str, (u32, NodeKind)>,
    ) {
        // Where the (last) node with an id is written: looked up only for a
        // problem, so the table is built on the first one.
        let mut positions: Option<HashMap<&str, Pos>> = None;
        let mut at = |id: &str| {
            positions
                .get_or_insert_with(|| {
                    nodes
                        .iter()
                        .zip(node_at)
                        .filter_map(|(n, at)| at.map(|at| (n.id.as_str(), at)))
                        .collect()
                })
                .get(id)
                .copied()
                .unwrap_or(Pos::NONE)
        };
        for cycle in support_cycles(nodes, relations, kinds) {
            let first = cycle[0].clone();
            let path = cycle.join(" → ");
            self.error(
                at(&first),
                format!("`{first}` supports itself through a cycle: {path} → {first}"),
                "a node cannot support itself, even indirectly; remove one of these `supports`",
            );
        }
        // The kinds of relation each node (by index) starts, as bits.
        let bit = |k: RelationKind| 1u8 << (k as u8);
        let index_of = |id: &str| kinds.get(id).map(|&(i, _)| i as usize);
        let mut acting = vec![0u8; nodes.len()];
        for r in relations {
            if let Some(flags) = index_of(&r.from).and_then(|i| acting.get_mut(i)) {
                *flags |= bit(r.kind);
            }
        }
        for n in nodes {
            if self.broken.contains(&n.id) {
                continue;
            }
            let flags = index_of(&n.id)
                .and_then(|i| acting.get(i).copied())
                .unwrap_or(0);
            let acts = |k: RelationKind| flags & bit(k) != 0;
            match n.kind {
                NodeKind::Evidence if !acts(RelationKind::Supports) => self.warning(
                    at(&n.id),
                    format!("evidence `{}` supports nothing", n.id),
                    "add `supports: [<claim id>]`",
                ),
                NodeKind::Rebuttal
                    if !acts(RelationKind::Rebuts) && !acts(RelationKind::Undercuts) =>
                {
                    self.warning(
                        at(&n.id),
                        format!("rebuttal `{}` attacks nothing", n.id),
                        "add `rebuts: [<node id>]` or `undercuts: [<evidence id>]`",
                    )
                }
                _ => {}
            }
        }
    }
}

/// Where every quote occurs in the article, found in one pass over the text
/// for all of them together (see [`Occurrences`]).
fn find_quotes(raw: &[Spanned<RawNode>], lang: Lang, all: &[&Paragraph]) -> Occurrences {
    let quotes: Vec<String> = raw
        .iter()
        .filter_map(|n| n.value.quote.as_ref())
        .map(|q| clean(Some(q.value.clone())))
        .filter(|q| !q.trim().is_empty())
        .collect();
    let texts: Vec<&str> = all.iter().map(|p| p.text(lang)).collect();
    Occurrences::find(quotes.iter().map(String::as_str), &texts)
}

/// A relation as written, before its ends are checked.
struct WrittenRelation {
    from: WrittenFrom,
    to: Option<Str>,
    kind: WrittenKind,
    link: Option<Str>,
    at: Pos,
}

/// Where a relation starts: a node it is written on (by index, with where its
/// id is written), or as written under `relations:`.
enum WrittenFrom {
    Node(u32, Pos),
    Written(Option<Str>),
}

/// A relation's kind: known from where it is written (`supports:` on a node),
/// or as written under `relations:`, to be checked.
enum WrittenKind {
    Known(RelationKind),
    Written(Option<Str>),
}

/// A relation's ends, kind and link, by node index, for finding duplicates.
type RelationKey = (u32, u32, RelationKind, u32);
/// The link of a relation that is not an undercut.
const NO_LINK: u32 = u32::MAX;

/// A node's index as kept in keys (a document cannot hold 2^32 nodes within
/// any size limit stance reads; past it, indices would only merge duplicates).
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX - 1)
}

/// What is left of a raw node once it is resolved: where its id is written,
/// and the relations written on it.
struct NodeRest {
    id_at: Option<Pos>,
    /// The id is kept as written (sanitizing changed nothing): later problems
    /// about the node can point at it.
    id_as_written: bool,
    supports: Vec<Str>,
    rebuts: Vec<Str>,
    undercuts: Vec<Str>,
}

/// The relations written on node `node` (its index), in the order written.
fn collect_inline_relations(rest: NodeRest, node: u32, out: &mut Vec<WrittenRelation>) {
    for (list, kind) in [
        (rest.supports, RelationKind::Supports),
        (rest.rebuts, RelationKind::Rebuts),
        (rest.undercuts, RelationKind::Undercuts),
    ] {
        for to in list {
            let at = pos(&to);
            out.push(WrittenRelation {
                from: match rest.id_at {
                    Some(p) => WrittenFrom::Node(node, p),
                    None => WrittenFrom::Written(None),
                },
                to: Some(to),
                kind: WrittenKind::Known(kind),
                link: None,
                at,
            });
        }
    }
}

/// Every cycle of `supports` relations, each as the list of node ids around it,
/// found once (by depth-first search, without recursion so depth cannot overflow).
fn support_cycles(
    nodes: &[Node],
    relations: &[Relation],
    kinds: &HashMap<&str, (u32, NodeKind)>,
) -> Vec<Vec<String>> {
    // `kinds` gives each id the index of the last node with it.
    let index = |id: &str| {
        kinds
            .get(id)
            .map(|&(i, _)| i as usize)
            .filter(|&i| i < nodes.len())
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for r in relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
    {
        if let (Some(a), Some(b)) = (index(&r.from), index(&r.to)) {
            edges[a].push(b);
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; nodes.len()];
    let mut cycles = Vec::new();
    for start in 0..nodes.len() {
        if state[start] != State::New {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::OnPath;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    State::New => {
                        state[to] = State::OnPath;
                        path.push((to, 0));
                    }
                    State::OnPath => {
                        let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        cycles.push(
                            path[from..]
                                .iter()
                                .map(|&(n, _)| nodes[n].id.clone())
                                .collect(),
                        );
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                path.pop();
            }
        }
    }
    cycles
}

/// Text as kept: trailing space trimmed, sanitized; the string is reused
/// when nothing needs changing (the raw document is not kept).
fn clean(s: Option<String>) -> String {
    let Some(mut s) = s else {
        return String::new();
    };
    s.truncate(s.trim_end().len());
    own(s, sanitize)
}

/// One line of text, trimmed both ends and sanitized.
fn clean_line(s: String) -> String {
    let trimmed = s.trim();
    if trimmed.len() == s.len() {
        own(s, sanitize_line)
    } else {
        sanitize_line(trimmed).into_owned()
    }
}

/// An id as kept: sanitized to one line, not trimmed.
fn clean_id(s: String) -> String {
    own(s, sanitize_line)
}

/// `s` through `f`, reusing `s` when `f` changes nothing.
fn own(s: String, f: fn(&str) -> Cow<'_, str>) -> String {
    match f(&s) {
        Cow::Owned(changed) => changed,
        Cow::Borrowed(_) => s,
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
