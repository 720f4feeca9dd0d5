//! Turns what was read from a file into a [`Document`], checking everything on the
//! way and reporting every problem at its position rather than stopping at the first.

use std::collections::{HashMap, HashSet};

use super::figures::resolve_figures;
use super::raw::{RawDocument, RawNode, RawText, Str};
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
    ids: HashMap<String, (Named, Pos)>,
    /// Nodes with a relation rejected for a bad reference: problems that follow
    /// from it (an undercut with no link left, evidence supporting nothing) are
    /// not reported again, since the first error already says what to fix.
    broken: HashSet<String>,
    /// The line each paragraph is written at, for pointing a mistyped quote
    /// at the paragraph that nearly holds it.
    paragraph_lines: HashMap<String, u64>,
    /// What is left of the work allowed for finding closest spans, shared by
    /// the whole document so that a file full of long wrong quotes stays cheap.
    closest_budget: Budget,
    /// For each quote written without `paragraphs`, the paragraphs (by index)
    /// that hold it: found in one pass over the text for all such quotes, so a
    /// large document does not search every paragraph once per quote.
    quote_homes: HashMap<String, Vec<usize>>,
}

/// Resolves and checks `raw`, read from `source`, adding every problem to
/// `report`. Returns the document even when there are errors, so callers can
/// decide what to do.
pub(crate) fn resolve(raw: RawDocument, source: &str, report: &mut Report) -> Document {
    let mut r = Resolver {
        report,
        ids: HashMap::new(),
        broken: HashSet::new(),
        paragraph_lines: HashMap::new(),
        quote_homes: HashMap::new(),
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

    /// Checks an id's form and uniqueness and returns it sanitized.
    fn id(&mut self, value: Option<&Str>, what: Named, at: Pos) -> String {
        let Some(v) = value else {
            self.error(
                at,
                format!("{} has no `id`", capitalized(what.noun())),
                "give it an `id:` that no other section, paragraph or node uses",
            );
            return String::new();
        };
        let id = sanitize_line(&v.value).into_owned();
        let p = pos(v);
        if id.is_empty() {
            self.error(p, "an empty id".into(), "ids need at least one character");
        } else if id != v.value || id.chars().any(char::is_whitespace) {
            self.error(
                p,
                format!("the id `{id}` contains spaces or control characters"),
                "use letters, digits, `-` or `_` (Chinese characters are fine)",
            );
        } else if let Some(&(first, first_pos)) = self.ids.get(&id) {
            let hint = format!(
                "ids must be unique across sections, paragraphs and nodes; rename this one (the first is {} at line {})",
                first.noun(),
                first_pos.line
            );
            self.error(p, format!("duplicate id `{id}`"), &hint);
        } else {
            self.ids.insert(id.clone(), (what, p));
        }
        id
    }

    /// Reads a two-language text; `lang` is the original, which must be present.
    fn text(
        &mut self,
        value: Option<&Spanned<RawText>>,
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
        let text = Bilingual {
            zh: clean(t.value.zh.as_deref()),
            en: clean(t.value.en.as_deref()),
        };
        self.check_languages(&text, lang, what, pos(t));
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
        let top = Pos::new(1, 1);
        match raw.schema.as_ref() {
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
        let id = self.id(raw.id.as_ref(), Named::Document, top);
        let lang = match raw.lang.as_ref() {
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
        let title = self.text(raw.title.as_ref(), lang, "the title", top);
        let source = raw
            .source
            .as_ref()
            .map(|s| Source {
                publisher: s.publisher.as_deref().map(clean_line),
                author: s.author.as_deref().map(clean_line),
                url: s.url.as_deref().map(clean_line),
                captured: s.captured.as_deref().map(clean_line),
                notes: s.notes.as_deref().map(|n| clean(Some(n))),
            })
            .unwrap_or_default();

        let sections = self.sections(&raw.sections, lang);
        let paragraph_ids: HashMap<String, usize> = sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let all_paragraphs: Vec<&Paragraph> =
            sections.iter().flat_map(|s| s.paragraphs.iter()).collect();

        // Figures before nodes, so that nodes' references to them can be checked.
        let paragraph_set: HashSet<String> = paragraph_ids.keys().cloned().collect();
        let (figures, figure_ids) =
            resolve_figures(&raw.figures, &id, &paragraph_set, lang, text, self.report);

        self.quote_homes = find_quote_homes(&raw, lang, &all_paragraphs);
        let mut nodes = Vec::with_capacity(raw.nodes.len());
        let mut written = Vec::new();
        for n in &raw.nodes {
            let node = self.node(n, lang, &paragraph_ids, &all_paragraphs, &figure_ids);
            collect_inline_relations(&n.value, &node.id, &mut written);
            nodes.push(node);
        }
        for r in &raw.relations {
            written.push(WrittenRelation {
                from: r.value.from.clone(),
                to: r.value.to.clone(),
                kind: r.value.kind.clone(),
                link: r.value.link.clone(),
                at: pos(r),
            });
        }
        let kinds: HashMap<&str, NodeKind> =
            nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
        let relations = self.relations(written, &kinds);
        self.graph_checks(&nodes, &relations, &raw);

        let thesis = raw.thesis.as_ref().map(|t| {
            let id = sanitize_line(&t.value).into_owned();
            match kinds.get(id.as_str()) {
                None => self.unknown_reference(pos(t), &id, "the thesis"),
                Some(NodeKind::Claim) => {}
                Some(k) => self.error(
                    pos(t),
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
        if thesis.is_none() && !nodes.is_empty() {
            self.warning(
                top,
                "no `thesis`".into(),
                "add `thesis: <id of the main claim>` so the map can be drawn around it",
            );
        }

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

    fn sections(
        &mut self,
        raw: &[Spanned<crate::model::raw::RawSection>],
        lang: Lang,
    ) -> Vec<Section> {
        let mut sections = Vec::with_capacity(raw.len());
        for s in raw {
            let at = pos(s);
            let id = self.id(s.value.id.as_ref(), Named::Section, at);
            // The article has no heading for an untitled section, so a label
            // there is optional (and an empty one, as JSON dumps write it, is fine).
            let title = match (&s.value.title, s.value.untitled) {
                (None, true) => Bilingual::default(),
                (Some(t), true) => Bilingual {
                    zh: clean(t.value.zh.as_deref()),
                    en: clean(t.value.en.as_deref()),
                },
                (t, _) => self.text(
                    t.as_ref(),
                    lang,
                    &format!("the title of section `{id}`"),
                    at,
                ),
            };
            if s.value.paragraphs.is_empty() {
                self.warning(
                    at,
                    format!("section `{id}` has no paragraphs"),
                    "add its paragraphs under `paragraphs:`, or remove the section",
                );
            }
            let mut paragraphs = Vec::with_capacity(s.value.paragraphs.len());
            for p in &s.value.paragraphs {
                let at = pos(p);
                let pid = self.id(p.value.id.as_ref(), Named::Paragraph, at);
                self.paragraph_lines.entry(pid.clone()).or_insert(at.line);
                let text = Bilingual {
                    zh: clean(p.value.zh.as_deref()),
                    en: clean(p.value.en.as_deref()),
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
                untitled: s.value.untitled,
                paragraphs,
            });
        }
        sections
    }

    fn node(
        &mut self,
        n: &Spanned<RawNode>,
        lang: Lang,
        paragraph_ids: &HashMap<String, usize>,
        all_paragraphs: &[&Paragraph],
        figure_ids: &HashSet<String>,
    ) -> Node {
        let at = pos(n);
        let raw = &n.value;
        let id = self.id(raw.id.as_ref(), Named::Node, at);
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
                other => {
                    let message = format!("unknown origin `{}`", sanitize_line(other));
                    self.error(
                        pos(o),
                        message,
                        "`origin` is `article` (said in the article) or `editorial` (added by you)",
                    );
                    Origin::Article
                }
            },
        };
        let text = self.text(raw.text.as_ref(), lang, &format!("node `{id}`"), at);

        let mut paragraphs = Vec::with_capacity(raw.paragraphs.len());
        for p in &raw.paragraphs {
            let pid = sanitize_line(&p.value).into_owned();
            if !paragraph_ids.contains_key(&pid) {
                self.reference_to_nowhere(pos(p), &pid, "a paragraph", Named::Paragraph);
            } else if !paragraphs.contains(&pid) {
                paragraphs.push(pid);
            }
        }

        let quote = raw.quote.as_ref().map(|q| (clean(Some(&q.value)), pos(q)));
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
            (None, Origin::Editorial) => {}
        }

        let basis = raw.basis.as_ref().map(|b| {
            let basis = clean_line(&b.value);
            if kind != NodeKind::Evidence {
                self.warning(
                    pos(b),
                    format!(
                        "`basis` is for evidence, and `{id}` is {} {}",
                        article(kind.name()),
                        kind.name()
                    ),
                    "remove it, or change the node's kind",
                );
            } else if !KNOWN_BASES.contains(&basis.as_str()) {
                self.warning(
                    pos(b),
                    format!("unusual basis `{basis}`"),
                    &format!("the usual ones are {}", KNOWN_BASES.join(", ")),
                );
            }
            basis
        });
        if kind == NodeKind::Evidence && basis.is_none() {
            self.warning(
                at,
                format!("evidence `{id}` has no `basis`"),
                &format!("say what kind of support it is: {}", KNOWN_BASES.join(", ")),
            );
        }

        let mut figures = Vec::new();
        for f in &raw.figures {
            let fid = sanitize_line(&f.value).into_owned();
            if !figure_ids.contains(&fid) {
                let mut known: Vec<&str> = figure_ids.iter().map(String::as_str).collect();
                known.sort_unstable();
                let hint = if known.is_empty() {
                    "this document has no figures; define it under `figures:`".to_string()
                } else {
                    format!("check the id; the figures are {}", known.join(", "))
                };
                self.error(
                    pos(f),
                    format!("node `{id}` cites figure `{fid}`, and no figure has that id"),
                    &hint,
                );
            }
            if !figures.contains(&fid) {
                figures.push(fid);
            }
        }

        Node {
            id,
            kind,
            text,
            quote: quote.map(|(q, _)| q),
            paragraphs,
            origin,
            basis,
            sourced: raw.sourced.unwrap_or(true),
            figures,
            note: raw.note.as_deref().map(|n| clean(Some(n))),
        }
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
        paragraph_ids: &HashMap<String, usize>,
        all: &[&Paragraph],
    ) {
        if paragraphs.is_empty() {
            let found: Vec<&Paragraph> = self
                .quote_homes
                .get(quote)
                .map(|homes| homes.iter().map(|&i| all[i]).collect())
                .unwrap_or_default();
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
                .get(p)
                .is_some_and(|&i| all[i].text(lang).contains(quote))
        });
        if !verbatim {
            let listed: Vec<usize> = paragraphs
                .iter()
                .filter_map(|p| paragraph_ids.get(p).copied())
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
        let line = self
            .paragraph_lines
            .get(&para.id)
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
        kinds: &HashMap<&str, NodeKind>,
    ) -> Vec<Relation> {
        let mut out: Vec<(Relation, Pos)> = Vec::with_capacity(written.len());
        let mut undercuts = Vec::new();
        for w in written {
            let endpoint = |v: &Option<Str>| {
                v.as_ref()
                    .map(|s| (sanitize_line(&s.value).into_owned(), pos(s)))
            };
            let (Some((from, from_at)), Some((to, to_at))) = (endpoint(&w.from), endpoint(&w.to))
            else {
                self.error(
                    w.at,
                    "a relation needs both `from` and `to`".into(),
                    "write it as `{from: <node id>, to: <node id>, kind: supports}`",
                );
                continue;
            };
            let kind = match w.kind.as_ref() {
                None => {
                    self.error(
                        w.at,
                        format!("the relation from `{from}` to `{to}` has no `kind`"),
                        "`kind` is one of supports, rebuts, undercuts",
                    );
                    continue;
                }
                Some(k) => match RelationKind::ALL.iter().find(|x| x.name() == k.value) {
                    Some(&kind) => kind,
                    None => {
                        let message =
                            format!("unknown relation kind `{}`", sanitize_line(&k.value));
                        self.error(
                            pos(k),
                            message,
                            "`kind` is one of supports, rebuts, undercuts",
                        );
                        continue;
                    }
                },
            };
            let mut ok = true;
            for (id, at) in [(&from, from_at), (&to, to_at)] {
                if !kinds.contains_key(id.as_str()) {
                    self.unknown_reference(at, id, &format!("a `{}` relation", kind.name()));
                    ok = false;
                }
            }
            if !ok {
                self.broken.insert(from);
                continue;
            }
            if from == to {
                self.error(
                    to_at,
                    format!("`{from}` {} itself", kind.name()),
                    "a node cannot support or attack itself; point the relation at another node",
                );
                continue;
            }
            let link = endpoint(&w.link);
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
                ));
            } else {
                undercuts.push((from, to, link, to_at));
            }
        }

        // Undercuts attack a support link, so they resolve once all supports are known.
        // What each node supports, gathered once: scanning every relation per
        // undercut made large documents load in quadratic time.
        let mut supports_of: HashMap<String, Vec<String>> = HashMap::new();
        for (r, _) in out.iter().filter(|(r, _)| r.kind == RelationKind::Supports) {
            supports_of
                .entry(r.from.clone())
                .or_default()
                .push(r.to.clone());
        }
        for (from, to, link, at) in undercuts {
            let supported: Vec<&str> = supports_of
                .get(&to)
                .map(|v| v.iter().map(String::as_str).collect())
                .unwrap_or_default();
            let link = match link {
                Some((link, link_at)) => {
                    if !supported.contains(&link.as_str()) {
                        self.error(
                            link_at,
                            format!(
                                "`{to}` does not support `{link}`, so there is no link to undercut"
                            ),
                            "`link` names the node that the undercut evidence supports",
                        );
                        continue;
                    }
                    link
                }
                None => match supported.as_slice() {
                    [one] => one.to_string(),
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
                        let message = format!(
                            "`{to}` supports several nodes ({}), so the undercut from `{from}` is ambiguous",
                            many.join(", ")
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
            ));
        }

        let mut seen = HashSet::new();
        let mut relations = Vec::with_capacity(out.len());
        for (r, at) in out {
            if seen.contains(&r) {
                self.warning(
                    at,
                    format!("`{}` {} `{}` is written twice", r.from, r.kind.name(), r.to),
                    "remove one of them",
                );
            } else {
                seen.insert(r.clone());
                relations.push(r);
            }
        }
        relations
    }

    /// Checks on the graph as a whole: support cycles, and nodes that do nothing.
    /// (Which nodes act, and how, is gathered once: checking each node against
    /// every relation would grow with the square of the document.)
    fn graph_checks(&mut self, nodes: &[Node], relations: &[Relation], raw: &RawDocument) {
        let positions: HashMap<&str, Pos> = raw
            .nodes
            .iter()
            .filter_map(|n| n.value.id.as_ref().map(|id| (id.value.as_str(), pos(n))))
            .collect();
        let at = |id: &str| positions.get(id).copied().unwrap_or(Pos::NONE);
        for cycle in support_cycles(nodes, relations) {
            let first = cycle[0].clone();
            let path = cycle.join(" → ");
            self.error(
                at(&first),
                format!("`{first}` supports itself through a cycle: {path} → {first}"),
                "a node cannot support itself, even indirectly; remove one of these `supports`",
            );
        }
        let acting: HashSet<(&str, RelationKind)> = relations
            .iter()
            .map(|r| (r.from.as_str(), r.kind))
            .collect();
        for n in nodes {
            if self.broken.contains(&n.id) {
                continue;
            }
            let acts = |k: RelationKind| acting.contains(&(n.id.as_str(), k));
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

/// The paragraphs holding each quote written without `paragraphs`, found by
/// one Aho-Corasick pass over the article for all of them together.
fn find_quote_homes(
    raw: &RawDocument,
    lang: Lang,
    all: &[&Paragraph],
) -> HashMap<String, Vec<usize>> {
    let quotes: Vec<String> = raw
        .nodes
        .iter()
        .filter(|n| n.value.paragraphs.is_empty())
        .filter_map(|n| n.value.quote.as_ref())
        .map(|q| clean(Some(&q.value)))
        .filter(|q| !q.trim().is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut homes: HashMap<String, Vec<usize>> = HashMap::new();
    if quotes.is_empty() {
        return homes;
    }
    let Ok(ac) = aho_corasick::AhoCorasick::new(&quotes) else {
        return homes;
    };
    for (i, p) in all.iter().enumerate() {
        for m in ac.find_overlapping_iter(p.text(lang)) {
            let list = homes
                .entry(quotes[m.pattern().as_usize()].clone())
                .or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    homes
}

/// A relation as written, before its ends are checked.
struct WrittenRelation {
    from: Option<Str>,
    to: Option<Str>,
    kind: Option<Str>,
    link: Option<Str>,
    at: Pos,
}

fn collect_inline_relations(raw: &RawNode, id: &str, out: &mut Vec<WrittenRelation>) {
    let from = raw
        .id
        .as_ref()
        .map(|s| Spanned::new(id.to_string(), s.referenced, s.defined));
    for (list, kind) in [
        (&raw.supports, RelationKind::Supports),
        (&raw.rebuts, RelationKind::Rebuts),
        (&raw.undercuts, RelationKind::Undercuts),
    ] {
        for to in list {
            out.push(WrittenRelation {
                from: from.clone(),
                to: Some(to.clone()),
                kind: Some(Spanned::new(
                    kind.name().to_string(),
                    to.referenced,
                    to.defined,
                )),
                link: None,
                at: pos(to),
            });
        }
    }
}

/// Every cycle of `supports` relations, each as the list of node ids around it,
/// found once (by depth-first search, without recursion so depth cannot overflow).
fn support_cycles(nodes: &[Node], relations: &[Relation]) -> Vec<Vec<String>> {
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for r in relations
        .iter()
        .filter(|r| r.kind == RelationKind::Supports)
    {
        if let (Some(&a), Some(&b)) = (index.get(r.from.as_str()), index.get(r.to.as_str())) {
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

fn clean(s: Option<&str>) -> String {
    sanitize(s.unwrap_or_default().trim_end()).into_owned()
}

fn clean_line(s: &str) -> String {
    sanitize_line(s.trim()).into_owned()
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
