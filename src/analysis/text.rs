//! The analysis in words for `stance analyze` and the brief: every node by
//! its one visible name, your own stance beside each status, in English or
//! Chinese from the catalogue ([`crate::tui::i18n::cli_strings`]).

use super::{Analysis, ClaimStatus, Status, Tension, TensionKind};
use crate::marks::{Marks, Stance};
use crate::model::Document;
use crate::output::names::Names;
use crate::tui::i18n::{CliStrings, UiLang, cli_strings, fill};

/// Words for the analysis of one document in one language.
pub struct Words<'a> {
    doc: &'a Document,
    marks: &'a Marks,
    names: Names,
    lang: UiLang,
    s: &'static CliStrings,
}

impl<'a> Words<'a> {
    /// Words about `marks` on `doc`, in `lang`.
    pub fn new(doc: &'a Document, marks: &'a Marks, lang: UiLang) -> Words<'a> {
        Words {
            doc,
            marks,
            names: Names::new(doc),
            lang,
            s: cli_strings(lang),
        }
    }

    /// `C1 “DeepSeek's success…”`.
    pub fn name(&self, id: &str) -> String {
        self.names.short(self.doc, id, self.lang.text_lang())
    }

    /// Names joined as a person lists them: `E1, E2 and E3` (`E1、E2和E3`).
    pub fn list(&self, ids: &[String]) -> String {
        let names: Vec<String> = ids.iter().map(|id| self.name(id)).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{}{last}", init.join(self.s.list_sep), self.s.list_and),
        }
    }

    /// Labels alone, joined as [`Words::list`] joins names: for nodes already named in full.
    fn labels(&self, ids: &[String]) -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|id| self.names.label_or_id(self.doc, id))
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{}{last}", init.join(self.s.list_sep), self.s.list_and),
        }
    }

    /// A stance as a person reads it (`✗ dispute`, `未表态`).
    pub fn stance(&self, stance: Option<Stance>) -> &'static str {
        match stance {
            Some(Stance::Agree) => self.s.stance_agree,
            Some(Stance::Dispute) => self.s.stance_dispute,
            Some(Stance::Unsure) => self.s.stance_unsure,
            None => self.s.stance_none,
        }
    }

    /// A claim's status word (`weakened`); a claim that stands is "not undermined".
    fn status(&self, status: Status) -> String {
        match status {
            Status::Stands => self.s.st_not_undermined.to_string(),
            Status::Weakened => self.s.st_weakened.to_string(),
            Status::Unsupported => self.s.st_unsupported.to_string(),
            Status::Contested => self.s.st_contested.to_string(),
        }
    }

    /// Why a claim has its status, from the nodes that cause it.
    pub fn reason(&self, c: &ClaimStatus) -> String {
        let s = self.s;
        let because = self.list(&c.because);
        let total = c.why.as_ref().map_or(0, |w| w.supports);
        let head = match c.status {
            Status::Stands => return String::new(),
            Status::Contested => {
                let t = if c.because.len() == 1 {
                    s.why_contested_one
                } else {
                    s.why_contested_many
                };
                return fill(t, &[&because]);
            }
            Status::Weakened => {
                let t = if c.because.len() == 1 {
                    s.why_weakened_one
                } else {
                    s.why_weakened_many
                };
                fill(
                    t,
                    &[&c.because.len().to_string(), &total.to_string(), &because],
                )
            }
            Status::Unsupported if total <= 1 => fill(s.why_unsupported_only, &[&because]),
            Status::Unsupported => fill(s.why_unsupported_all, &[&total.to_string(), &because]),
        };
        // Each lost support: you disputed it, an undercut you agree with cut
        // it, or it is a claim that lost its own support (the analysis's own
        // sorting, `Engine::why`).
        let ids = |nodes: &[usize]| -> Vec<String> {
            nodes
                .iter()
                .filter_map(|&i| self.doc.nodes.get(i))
                .map(|n| n.id.clone())
                .collect()
        };
        let (disputed, fallen, cut) = c.why.as_ref().map_or_else(Default::default, |w| {
            (ids(&w.disputed), ids(&w.fallen), ids(&w.cut))
        });
        let mut parts = Vec::new();
        if !disputed.is_empty() {
            parts.push(fill(s.why_you_disputed, &[&self.labels(&disputed)]));
        }
        if !fallen.is_empty() {
            let t = if fallen.len() == 1 {
                s.why_fallen_one
            } else {
                s.why_fallen_many
            };
            parts.push(fill(t, &[&self.labels(&fallen)]));
        }
        if !cut.is_empty() {
            parts.push(fill(s.why_undercut, &[&self.labels(&cut)]));
        }
        if parts.is_empty() {
            head
        } else {
            format!("{head}{}{}", s.clause_sep, parts.join(s.clause_sep))
        }
    }

    /// One claim's line: its name, status, your stance and why.
    pub fn claim_line(&self, c: &ClaimStatus) -> String {
        let reason = self.reason(c);
        let template = if reason.is_empty() {
            self.s.an_line_plain
        } else {
            self.s.an_line
        };
        fill(
            template,
            &[
                &self.name(&c.node),
                &self.status(c.status),
                self.stance(self.marks.stance(&c.node)),
                &reason,
            ],
        )
    }

    /// A tension in words.
    pub fn tension(&self, t: &Tension) -> String {
        let s = self.s;
        let claim = t.nodes.first().map(|c| self.name(c)).unwrap_or_default();
        let rest = self.list(t.nodes.get(1..).unwrap_or_default());
        let template = match t.kind {
            TensionKind::AgreeWithClaimAndRebuttal => s.tension_agree_both,
            TensionKind::AgreeWithUnsupported => s.tension_agree_unsupported,
            TensionKind::DisputeWhatYouSupport => s.tension_dispute_supported,
        };
        fill(template, &[&claim, &rest])
    }

    /// The whole analysis as text, for `stance analyze`.
    pub fn analysis(&self, a: &Analysis) -> String {
        let s = self.s;
        let mut out = String::new();
        let count = |st: Status| a.claims.iter().filter(|c| c.status == st).count();
        let counts = [
            (s.an_not_undermined, count(Status::Stands)),
            (s.an_weakened, count(Status::Weakened)),
            (s.an_unsupported, count(Status::Unsupported)),
            (s.an_contested, count(Status::Contested)),
        ]
        .map(|(t, n)| fill(t, &[&n.to_string()]));
        out.push_str(&fill(
            s.an_summary,
            &[&a.claims.len().to_string(), &counts.join(s.list_sep)],
        ));
        out.push('\n');
        out.push_str(s.an_meaning);
        out.push('\n');
        for c in a.claims.iter().filter(|c| c.status != Status::Stands) {
            out.push_str(&format!("  {} {}\n", c.status.glyph(), self.claim_line(c)));
        }
        let disputed: Vec<String> = a
            .claims
            .iter()
            .filter(|c| c.status == Status::Stands)
            .filter(|c| self.marks.stance(&c.node) == Some(Stance::Dispute))
            .map(|c| c.node.clone())
            .collect();
        if !disputed.is_empty() {
            out.push_str(&fill(
                s.an_disputed_yet_not_undermined,
                &[&self.list(&disputed)],
            ));
            out.push('\n');
        }
        match a.tensions.len() {
            0 => out.push_str(s.an_no_tensions),
            1 => out.push_str(s.an_tensions_one),
            n => out.push_str(&fill(s.an_tensions_many, &[&n.to_string()])),
        }
        out.push('\n');
        for t in &a.tensions {
            out.push_str(&format!("  ⚠ {}\n", self.tension(t)));
        }
        out
    }
}

/// The analysis as plain text for `stance analyze`, in `lang`.
pub fn to_text(doc: &Document, marks: &Marks, a: &Analysis, lang: UiLang) -> String {
    Words::new(doc, marks, lang).analysis(a)
}
