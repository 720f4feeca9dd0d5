//! The reasoning aids: each rule on small graphs built by hand, and on random ones.

use proptest::prelude::*;
use stance::analysis::{
    Engine, Status, TensionKind, analyze, node_statuses, what_if_disputed, what_if_disputed_in_full,
};
use stance::marks::{Marks, Stance};
use stance::model::{Document, load_text};

/// A document with `claims`, `evidence` and `rebuttals` (all editorial, so no
/// quotes are needed) and relations written as `from > to` (supports),
/// `from x to` (rebuts) or `from / ev > claim` (undercuts the link).
fn graph(nodes: &[(&str, &str)], relations: &[&str]) -> Document {
    let loaded = load_text("g.yaml", graph_source(nodes, relations));
    assert!(!loaded.report.has_errors(), "{}", loaded.report);
    loaded.document.unwrap()
}

/// The YAML text of the document `graph` builds.
fn graph_source(nodes: &[(&str, &str)], relations: &[&str]) -> String {
    let mut src = String::from(
        "schema: stance/1\nid: test-graph\nlang: en\ntitle: {zh: 图, en: Graph}\nsections:\n  - id: s\n    title: {zh: 节, en: S}\n    paragraphs:\n      - {id: p, zh: 段, en: Para}\nnodes:\n",
    );
    for (id, kind) in nodes {
        let basis = if *kind == "evidence" {
            ", basis: reasoning"
        } else {
            ""
        };
        src.push_str(&format!(
            "  - {{id: {id}, kind: {kind}, origin: editorial{basis}, text: {{zh: 字, en: {id}}}}}\n"
        ));
    }
    src.push_str("relations:\n");
    if relations.is_empty() {
        src.push_str("  []\n");
    }
    for r in relations {
        let parts: Vec<&str> = r.split_whitespace().collect();
        let line = match parts.as_slice() {
            [f, ">", t] => format!("  - {{from: {f}, to: {t}, kind: supports}}\n"),
            [f, "x", t] => format!("  - {{from: {f}, to: {t}, kind: rebuts}}\n"),
            [f, "/", e, ">", c] => {
                format!("  - {{from: {f}, to: {e}, kind: undercuts, link: {c}}}\n")
            }
            _ => panic!("bad relation {r}"),
        };
        src.push_str(&line);
    }
    src
}

fn marks(doc: &Document, stances: &[(&str, Stance)]) -> Marks {
    let mut m = Marks::new(doc, None);
    for (id, s) in stances {
        m.set_stance(doc, doc.node_index(id).unwrap(), Some(*s));
    }
    m
}

fn status(doc: &Document, m: &Marks, id: &str) -> (Status, Vec<String>) {
    let a = analyze(doc, m);
    let c = a.claims.into_iter().find(|c| c.node == id).unwrap();
    (c.status, c.because)
}

use Stance::*;

#[test]
fn a_claim_stands_until_something_is_marked_against_it() {
    let d = graph(
        &[("c", "claim"), ("e1", "evidence"), ("e2", "evidence")],
        &["e1 > c", "e2 > c"],
    );
    assert_eq!(status(&d, &marks(&d, &[]), "c").0, Status::Stands);
    assert_eq!(
        status(&d, &marks(&d, &[("e1", Agree)]), "c").0,
        Status::Stands
    );
}

#[test]
fn disputing_one_support_weakens_and_all_of_them_unsupports() {
    let d = graph(
        &[("c", "claim"), ("e1", "evidence"), ("e2", "evidence")],
        &["e1 > c", "e2 > c"],
    );
    assert_eq!(
        status(&d, &marks(&d, &[("e1", Dispute)]), "c"),
        (Status::Weakened, vec!["e1".into()])
    );
    let m = marks(&d, &[("e1", Dispute), ("e2", Dispute)]);
    assert_eq!(
        status(&d, &m, "c"),
        (Status::Unsupported, vec!["e1".into(), "e2".into()])
    );
    let a = analyze(&d, &m);
    assert!(
        a.claims[0].explanation.contains("you disputed e1 and e2"),
        "{}",
        a.claims[0].explanation
    );
}

#[test]
fn a_claim_with_no_supports_is_not_unsupported_by_marks() {
    let d = graph(&[("c", "claim")], &[]);
    assert_eq!(
        status(&d, &marks(&d, &[("c", Dispute)]), "c").0,
        Status::Stands
    );
}

#[test]
fn an_agreed_rebuttal_contests_and_a_disputed_one_does_not_count() {
    let d = graph(
        &[("c", "claim"), ("e", "evidence"), ("r", "rebuttal")],
        &["e > c", "r x c"],
    );
    assert_eq!(
        status(&d, &marks(&d, &[("r", Agree)]), "c"),
        (Status::Contested, vec!["r".into()])
    );
    assert_eq!(
        status(&d, &marks(&d, &[("r", Dispute)]), "c").0,
        Status::Stands
    );
    assert_eq!(
        status(&d, &marks(&d, &[("r", Unsure)]), "c").0,
        Status::Stands
    );
}

#[test]
fn an_undercut_cuts_the_link_not_the_claim() {
    let d = graph(
        &[
            ("c", "claim"),
            ("e1", "evidence"),
            ("e2", "evidence"),
            ("u", "rebuttal"),
        ],
        &["e1 > c", "e2 > c", "u / e1 > c"],
    );
    let m = marks(&d, &[("u", Agree), ("e1", Agree)]);
    // The evidence itself is accepted, but its support no longer counts.
    assert_eq!(status(&d, &m, "c"), (Status::Contested, vec!["u".into()]));
    let m = marks(&d, &[("u", Agree), ("e2", Dispute)]);
    assert_eq!(
        status(&d, &m, "c").0,
        Status::Unsupported,
        "one support cut, the other disputed"
    );
}

#[test]
fn losing_support_runs_up_a_chain() {
    let d = graph(
        &[
            ("top", "claim"),
            ("mid", "claim"),
            ("other", "claim"),
            ("e", "evidence"),
        ],
        &["mid > top", "other > top", "e > mid"],
    );
    let m = marks(&d, &[("e", Dispute)]);
    assert_eq!(status(&d, &m, "mid").0, Status::Unsupported);
    assert_eq!(
        status(&d, &m, "top"),
        (Status::Weakened, vec!["mid".into()])
    );
    let a = analyze(&d, &m);
    let top = a.claims.iter().find(|c| c.node == "top").unwrap();
    assert!(
        top.explanation.contains("mid lost all support"),
        "{}",
        top.explanation
    );
}

#[test]
fn tensions_name_their_nodes() {
    let d = graph(
        &[
            ("c", "claim"),
            ("e1", "evidence"),
            ("e2", "evidence"),
            ("r", "rebuttal"),
            ("k", "claim"),
            ("f", "evidence"),
        ],
        &["e1 > c", "e2 > c", "r x c", "f > k"],
    );
    let m = marks(
        &d,
        &[
            ("c", Agree),
            ("r", Agree),
            ("e1", Dispute),
            ("e2", Dispute),
            ("k", Dispute),
            ("f", Agree),
        ],
    );
    let a = analyze(&d, &m);
    let kinds: Vec<(TensionKind, Vec<String>)> = a
        .tensions
        .iter()
        .map(|t| (t.kind, t.nodes.clone()))
        .collect();
    assert!(kinds.contains(&(
        TensionKind::AgreeWithClaimAndRebuttal,
        vec!["c".into(), "r".into()]
    )));
    assert!(kinds.contains(&(
        TensionKind::AgreeWithUnsupported,
        vec!["c".into(), "e1".into(), "e2".into()]
    )));
    assert!(kinds.contains(&(
        TensionKind::DisputeWhatYouSupport,
        vec!["k".into(), "f".into()]
    )));
    assert_eq!(a.tensions.len(), 3);
}

#[test]
fn disputing_while_something_attacks_it_is_no_tension() {
    let d = graph(
        &[("k", "claim"), ("f", "evidence"), ("r", "rebuttal")],
        &["f > k", "r x k"],
    );
    let m = marks(&d, &[("k", Dispute), ("f", Agree), ("r", Agree)]);
    assert!(analyze(&d, &m).tensions.is_empty());
}

#[test]
fn what_if_names_the_claims_that_would_lose_their_last_support() {
    let d = graph(
        &[
            ("top", "claim"),
            ("mid", "claim"),
            ("e", "evidence"),
            ("g", "evidence"),
        ],
        &["mid > top", "e > mid", "g > top"],
    );
    let m = marks(&d, &[("g", Dispute)]);
    let idx = |id: &str| d.node_index(id).unwrap();
    let lost: Vec<usize> = what_if_disputed(&d, &m, idx("e"));
    assert_eq!(lost, vec![idx("top"), idx("mid")]);
    assert!(what_if_disputed(&d, &marks(&d, &[]), idx("e")).contains(&idx("mid")));
}

fn arbitrary_case() -> impl Strategy<Value = (Vec<(usize, usize, u8)>, Vec<u8>)> {
    // Up to 8 nodes; edges only from a higher index to a lower one, so no support cycles.
    let edges = prop::collection::vec((1usize..8, 0usize..7, 0u8..3), 0..14);
    let stances = prop::collection::vec(0u8..4, 8);
    (edges, stances)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The statuses follow the written rules, checked directly against the definitions.
    #[test]
    fn statuses_follow_the_rules((edges, stances) in arbitrary_case()) {
        let kinds = ["claim", "claim", "claim", "evidence", "evidence", "rebuttal", "rebuttal", "claim"];
        let ids: Vec<String> = (0..8).map(|i| format!("n{i}")).collect();
        let nodes: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(kinds).collect();
        let mut rels = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (f, t, k) in edges {
            let t = t.min(f - 1);
            if !seen.insert((f, t)) { continue; }
            rels.push(if k == 2 { format!("n{f} x n{t}") } else { format!("n{f} > n{t}") });
        }
        let rel_refs: Vec<&str> = rels.iter().map(String::as_str).collect();
        let d = graph(&nodes, &rel_refs);
        let mut m = Marks::new(&d, None);
        for (i, s) in stances.iter().enumerate() {
            let s = [None, Some(Agree), Some(Dispute), Some(Unsure)][*s as usize];
            m.set_stance(&d, i, s);
        }
        let st = node_statuses(&d, &m);
        let stance = |i: usize| m.stance(&d.nodes[i].id);
        for c in 0..8 {
            let supports: Vec<usize> = rels.iter().filter_map(|r| {
                let p: Vec<&str> = r.split_whitespace().collect();
                (p[1] == ">" && p[2] == format!("n{c}")).then(|| p[0][1..].parse().unwrap())
            }).collect();
            let rebutted_by_agreed = rels.iter().any(|r| {
                let p: Vec<&str> = r.split_whitespace().collect();
                p[1] == "x" && p[2] == format!("n{c}") && stance(p[0][1..].parse().unwrap()) == Some(Agree)
            });
            let counts = |s: &usize| stance(*s) != Some(Dispute) && st[*s] != Status::Unsupported;
            let counting = supports.iter().filter(|s| counts(s)).count();
            let expected = if !supports.is_empty() && counting == 0 {
                Status::Unsupported
            } else if rebutted_by_agreed {
                Status::Contested
            } else if counting < supports.len() {
                Status::Weakened
            } else {
                Status::Stands
            };
            prop_assert_eq!(st[c], expected, "node n{}", c);
        }
    }
}

/// Random graphs with supports, rebuttals and undercuts, and a random run of
/// stance changes (node, stance).
/// Edges (from, to, kind), undercuts (node, which support) and changes (node, stance).
type Run = (
    Vec<(usize, usize, u8)>,
    Vec<(usize, usize)>,
    Vec<(usize, u8)>,
);

fn arbitrary_run() -> impl Strategy<Value = Run> {
    let edges = prop::collection::vec((1usize..10, 0usize..9, 0u8..3), 0..20);
    let undercuts = prop::collection::vec((0usize..10, 0usize..20), 0..4);
    let changes = prop::collection::vec((0usize..10, 0u8..4), 1..25);
    (edges, undercuts, changes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Updating one mark at a time gives exactly what evaluating everything
    /// again gives, and the incremental what-if agrees with its definition.
    #[test]
    fn incremental_analysis_matches_a_full_one((edges, undercuts, changes) in arbitrary_run()) {
        let kinds = ["claim", "claim", "claim", "evidence", "claim", "evidence", "rebuttal", "evidence", "rebuttal", "claim"];
        let ids: Vec<String> = (0..10).map(|i| format!("n{i}")).collect();
        let nodes: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(kinds).collect();
        let mut rels = Vec::new();
        let mut supports = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (f, t, k) in edges {
            let t = t.min(f - 1);
            if !seen.insert((f, t)) { continue; }
            if k == 2 {
                rels.push(format!("n{f} x n{t}"));
            } else {
                rels.push(format!("n{f} > n{t}"));
                supports.push((f, t));
            }
        }
        for (u, which) in undercuts {
            if let Some(&(e, c)) = supports.get(which % supports.len().max(1))
                && u != e && u != c && seen.insert((u, 100 + e * 10 + c))
            {
                rels.push(format!("n{u} / n{e} > n{c}"));
            }
        }
        let rel_refs: Vec<&str> = rels.iter().map(String::as_str).collect();
        let loaded = load_text("g.yaml", graph_source(&nodes, &rel_refs));
        prop_assume!(!loaded.report.has_errors());
        let d = loaded.document.unwrap();
        let engine = Engine::new(&d);
        let mut m = Marks::new(&d, None);
        let mut live = engine.evaluate(&d, &m);
        for (node, s) in changes {
            let s = [None, Some(Agree), Some(Dispute), Some(Unsure)][s as usize];
            m.set_stance(&d, node, s);
            engine.set_stance(&d, &mut live, node, s);
            prop_assert_eq!(&live, &engine.evaluate(&d, &m), "after n{} := {:?}", node, s);
            for x in 0..10 {
                prop_assert_eq!(
                    engine.what_if_disputed(&live, x),
                    what_if_disputed_in_full(&d, &m, x),
                    "what if n{} were disputed", x
                );
            }
        }
    }
}

mod brief {
    use super::*;
    use stance::analysis::brief::{Context, Side, brief};
    use stance::model::load_embedded;

    #[test]
    fn briefs_for_both_sides_of_the_article() {
        let doc = load_embedded().document.unwrap();
        let none = Context {
            marks: None,
            class: None,
        };
        let for_side = brief(&doc, Side::For, &none);
        let against = brief(&doc, Side::Against, &none);
        assert_eq!(
            for_side,
            brief(&doc, Side::For, &none),
            "the same input gives the same brief"
        );
        // Every main line of argument has a section on both sides.
        for r in doc
            .incoming("c-thesis")
            .filter(|r| r.kind == stance::model::RelationKind::Supports)
        {
            let text = &doc.node(&r.from).unwrap().text.en;
            assert!(for_side.contains(&format!("## {text}")), "{text}");
            assert!(against.contains(&format!("## Against: {text}")), "{text}");
        }
        insta::assert_snapshot!("brief_for", for_side);
        insta::assert_snapshot!("brief_against", against);
    }

    #[test]
    fn a_brief_shows_the_readers_marks_status_and_tensions() {
        let doc = load_embedded().document.unwrap();
        let mut m = Marks::new(&doc, Some("ana".into()));
        for id in ["e-chip-subsidy", "e-stargate"] {
            m.set_stance(&doc, doc.node_index(id).unwrap(), Some(Dispute));
        }
        m.set_stance(&doc, doc.node_index("c-subsidies").unwrap(), Some(Agree));
        m.set_note(&doc, doc.node_index("c-subsidies").unwrap(), "还是同意");
        let text = brief(
            &doc,
            Side::For,
            &Context {
                marks: Some(&m),
                class: None,
            },
        );
        assert!(text.contains("## Tensions in your marks"));
        assert!(text.contains("Your mark: ✓ agree — “还是同意”"));
        // One name per node: the label and its words, never the id.
        assert!(
            text.contains("Status by your marks: C5 “On top of the controls"),
            "{text}"
        );
        assert!(
            text.contains("is left unsupported (your stance: ✓ agree)"),
            "{text}"
        );
        assert!(!text.contains("c-subsidies"), "{text}");
    }
}

#[test]
fn analyze_from_the_command_line() {
    let doc = stance::model::load_embedded().document.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut m = Marks::new(&doc, None);
    for id in ["e-chip-subsidy", "e-stargate"] {
        m.set_stance(&doc, doc.node_index(id).unwrap(), Some(Dispute));
    }
    let path = dir.path().join("m.json");
    std::fs::write(&path, m.to_json(&doc)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args([
            "analyze",
            "--marks",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subsidies = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["node"] == "c-subsidies")
        .unwrap();
    assert_eq!(subsidies["status"], "unsupported");
    assert_eq!(
        subsidies["because"],
        serde_json::json!(["e-chip-subsidy", "e-stargate"])
    );
    let intervention = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["node"] == "c-us-intervention")
        .unwrap();
    assert_eq!(
        intervention["status"], "weakened",
        "the loss runs up the chain"
    );
    assert!(v["tensions"].as_array().unwrap().is_empty());
}
