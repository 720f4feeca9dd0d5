//! The built-in article: verbatim, translated, and encoded as an argument a
//! debate can use — every cited number behind evidence, every main line answered.

use std::collections::HashSet;
use std::path::Path;

use stance::model::{Document, NodeKind, Origin, RelationKind, load_embedded};

fn article() -> Document {
    let loaded = load_embedded();
    assert!(
        loaded.report.diagnostics.is_empty(),
        "the built-in article checks clean:\n{}",
        loaded.report
    );
    loaded.document.expect("the built-in article loads")
}

fn original_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/deepseek.txt");
    std::fs::read_to_string(path).expect("content/deepseek.txt")
}

/// The article as its lines: title, then headings and paragraphs in order.
fn encoded_lines(doc: &Document) -> Vec<String> {
    let mut lines = vec![doc.title.zh.clone()];
    for s in &doc.sections {
        if !s.untitled {
            lines.push(s.title.zh.clone());
        }
        lines.extend(s.paragraphs.iter().map(|p| p.zh.clone()));
    }
    lines
}

#[test]
fn the_paragraphs_are_the_article_verbatim_and_in_order() {
    let doc = article();
    let original: Vec<String> = original_text()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(encoded_lines(&doc), original);
    assert_eq!(
        doc.sections.len(),
        5,
        "an untitled opening and four headed sections"
    );
    assert_eq!(doc.sections.iter().filter(|s| s.untitled).count(), 1);
    assert_eq!(doc.paragraph_count(), 55);
}

#[test]
fn the_kept_article_text_matches_the_captured_page() {
    // The capture lives beside the project when it is checked out in the team's
    // workspace; its article is the title (line 3) and lines 8-124.
    let capture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_22828bf43537c629.txt");
    let Ok(page) = std::fs::read_to_string(&capture) else {
        eprintln!(
            "capture not present at {}; comparing with content/ only",
            capture.display()
        );
        return;
    };
    let lines: Vec<&str> = page.lines().collect();
    let mut expected = format!("{}\n\n", lines[2]);
    for l in &lines[7..124] {
        expected.push_str(l);
        expected.push('\n');
    }
    assert_eq!(original_text(), expected);
}

#[test]
fn every_paragraph_and_heading_is_translated() {
    let doc = article();
    assert!(!doc.title.en.is_empty());
    for s in &doc.sections {
        assert!(!s.title.en.trim().is_empty(), "section {}", s.id);
        for p in &s.paragraphs {
            assert!(!p.en.trim().is_empty(), "{} has no translation", p.id);
            assert!(
                p.en.is_ascii() || !p.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{} is translated, not copied: {}",
                p.id,
                p.en
            );
        }
    }
}

#[test]
fn every_quote_is_verbatim_in_its_paragraphs() {
    let doc = article();
    for n in &doc.nodes {
        if n.origin == Origin::Article {
            let quote = n
                .quote
                .as_deref()
                .unwrap_or_else(|| panic!("{} has no quote", n.id));
            assert!(
                n.paragraphs
                    .iter()
                    .any(|p| doc.paragraph(p).unwrap().1.zh.contains(quote)),
                "{}: {quote}",
                n.id
            );
        }
    }
}

/// Runs of ASCII digits (with . between) in `s`: "7.5 万" gives "7.5".
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || (c == '.' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(cur.trim_end_matches('.').to_string());
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.trim_end_matches('.').to_string());
    }
    out
}

#[test]
fn every_number_the_article_cites_is_quoted_by_evidence() {
    let doc = article();
    let evidence: Vec<_> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Evidence)
        .collect();
    let quoted = |needle: &str| {
        evidence
            .iter()
            .any(|n| n.quote.as_deref().is_some_and(|q| q.contains(needle)))
    };
    // The numbers the issue lists, as the article writes them.
    for needle in [
        "2000 万",
        "ChatGPT 的 40%",
        "全球第二大",
        "300 亿美元",
        "5000 亿美元",
        "25%",
        "4 万块",
        "24 国",
        "246 EFLOPS",
        "65%",
        "1.3 万",
        "20%-30%",
        "只有 10%",
        "12-18 万",
        "7.5 万",
        "2300 万",
        "40%-50%",
        "百来人",
    ] {
        assert!(quoted(needle), "no evidence quotes {needle}");
    }
    // And mechanically: every figure in a paragraph is in an evidence quote from that
    // paragraph, except model names (H100) and calendar dates.
    let mut missing = Vec::new();
    for s in &doc.sections {
        for p in &s.paragraphs {
            let in_quotes: Vec<String> = evidence
                .iter()
                .filter(|n| n.paragraphs.contains(&p.id))
                .filter_map(|n| n.quote.clone())
                .collect();
            for num in numbers(&p.zh) {
                let quoted_here = in_quotes.iter().any(|q| numbers(q).contains(&num));
                let model_or_date = p.zh.contains(&format!("H{num}"))
                    || p.zh.contains(&format!("{num} 年"))
                    || p.zh.contains(&format!("{num} 月"))
                    || p.zh.contains(&format!("{num} 日"));
                if !(quoted_here || model_or_date) {
                    missing.push(format!("{}: {num}", p.id));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "numbers no evidence quotes: {missing:?}"
    );
}

#[test]
fn the_argument_has_its_parts() {
    let doc = article();
    assert!(doc.count(NodeKind::Claim) >= 12);
    assert!(doc.count(NodeKind::Evidence) >= 20);
    assert!(doc.count(NodeKind::Rebuttal) >= 10);
    let thesis = doc.thesis.as_deref().expect("a thesis");
    assert_eq!(doc.node(thesis).unwrap().kind, NodeKind::Claim);
    assert!(
        doc.nodes.iter().any(|n| !n.sourced),
        "unsourced facts are marked"
    );
    for kind in [
        RelationKind::Supports,
        RelationKind::Rebuts,
        RelationKind::Undercuts,
    ] {
        assert!(doc.relations.iter().any(|r| r.kind == kind), "{kind:?}");
    }
}

/// Nodes that attack `id` directly, one of its supports or their links, or
/// the link from `id` to what it supports.
fn attackers(doc: &Document, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in doc.incoming(id) {
        match r.kind {
            RelationKind::Rebuts => out.push(r.from.clone()),
            RelationKind::Supports => {
                for a in doc.incoming(&r.from) {
                    if a.kind != RelationKind::Supports {
                        out.push(a.from.clone());
                    }
                }
            }
            RelationKind::Undercuts => {}
        }
    }
    // Undercuts of its supports, and of its own support of what it supports.
    out.extend(
        doc.relations
            .iter()
            .filter(|r| {
                r.kind == RelationKind::Undercuts && (r.link.as_deref() == Some(id) || r.to == id)
            })
            .map(|r| r.from.clone()),
    );
    out
}

#[test]
fn both_sides_are_there_for_a_debate() {
    let doc = article();
    let thesis = doc.thesis.clone().unwrap();
    let rebutted: HashSet<&str> = doc
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Rebuts)
        .filter(|r| doc.node(&r.to).unwrap().kind == NodeKind::Claim)
        .map(|r| r.to.as_str())
        .collect();
    assert!(
        rebutted.len() >= 6,
        "at least six claims face a rebuttal: {rebutted:?}"
    );
    // Every main line of argument (a claim supporting the thesis) is answered.
    let main_lines: Vec<&str> = doc
        .incoming(&thesis)
        .filter(|r| r.kind == RelationKind::Supports)
        .map(|r| r.from.as_str())
        .filter(|id| doc.node(id).unwrap().kind == NodeKind::Claim)
        .collect();
    assert!(main_lines.len() >= 6, "{main_lines:?}");
    for line in main_lines.iter().chain([&thesis.as_str()]) {
        assert!(
            !attackers(&doc, line).is_empty(),
            "{line} faces no rebuttal"
        );
    }
    // The article's own rebuttal is there, and editorial ones are marked as such.
    assert!(
        doc.nodes
            .iter()
            .any(|n| n.kind == NodeKind::Rebuttal && n.origin == Origin::Article)
    );
    assert!(doc.nodes.iter().any(|n| n.origin == Origin::Editorial));
}

/// Runs of digits in `s` that are numbers, not references: ids of
/// paragraphs, nodes and figures (`s1p2`, `e-tier1`) are left out.
fn numbers_beside_references(doc: &Document, s: &str) -> Vec<String> {
    let mut ids: Vec<&str> = doc
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.id.as_str()))
        .chain(doc.nodes.iter().map(|n| n.id.as_str()))
        .chain(doc.figures.iter().map(|f| f.id.as_str()))
        .collect();
    // Longest first, so `s3p12` is not read as `s3p1` and a 2.
    ids.sort_by_key(|id| std::cmp::Reverse(id.len()));
    let mut text = s.to_string();
    for id in ids {
        text = text.replace(id, " ");
    }
    numbers(&text)
}

/// The rule against invented numbers, as restated for `verify`: an editorial
/// node's text and note, and any node's note, use only numbers the article
/// uses; a number from outside the article may appear only inside `verify`,
/// and every `verify` names its source in both languages.
#[test]
fn outside_numbers_appear_only_in_verify_with_their_source_named() {
    let doc = article();
    let article_numbers: HashSet<String> = doc
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .flat_map(|p| numbers(&p.zh))
        .collect();
    let mut invented = Vec::new();
    for n in &doc.nodes {
        let mut texts: Vec<&str> = n.note.as_deref().into_iter().collect();
        if n.origin == Origin::Editorial {
            texts.extend([n.text.zh.as_str(), n.text.en.as_str()]);
        }
        for text in texts {
            for num in numbers_beside_references(&doc, text) {
                if !article_numbers.contains(&num) {
                    invented.push(format!("{} uses {num} outside `verify`: {text}", n.id));
                }
            }
        }
        assert!(n.quote.is_none() || n.paragraphs.iter().any(|p| doc.paragraph(p).is_some()));
        if let Some(v) = &n.verify {
            assert!(
                v.en.contains("(source: ") && v.zh.contains("(来源:"),
                "{}'s verify names no source: {v:?}",
                n.id
            );
        }
    }
    assert!(invented.is_empty(), "{invented:#?}");
}

/// Editorial nodes that lean on a fact from outside the article say so in
/// `verify`, which every view shows, not in a note the brief never printed.
#[test]
fn outside_facts_are_in_verify_not_buried_in_notes() {
    let doc = article();
    for id in [
        "r-nvidia-thrived",
        "r-stargate-private",
        "r-ecosystem",
        "e-ed-high-flyer",
        "r-sections-tension",
        "r-security-rationale",
        "r-stockpiled-gpus",
        "r-policy-successes",
        "r-not-government-driven",
        "r-rule-not-in-force",
        "r-china-blocks-too",
        "r-one-counterexample",
        "r-chip-controls-in-force",
        "r-services-flow",
    ] {
        let n = doc.node(id).unwrap_or_else(|| panic!("{id}"));
        assert!(n.verify.is_some(), "{id} has no verify");
    }
    for n in &doc.nodes {
        let note = n.note.as_deref().unwrap_or("");
        assert!(
            !note.contains("Outside fact") && !note.contains("verify before using"),
            "{}: an outside fact belongs in `verify`: {note}",
            n.id
        );
    }
    // "first of all national-security policy" is no longer stated as fact.
    let security = doc.node("r-security-rationale").unwrap();
    assert!(
        security.text.en.contains("presents"),
        "{}",
        security.text.en
    );
}

/// The diffusion rule as published differs from the article's account; the
/// nodes and the figure say how, naming the rule.
#[test]
fn the_diffusion_rule_as_published_is_on_the_nodes_and_the_figure() {
    let doc = article();
    let rule = "Framework for Artificial Intelligence Diffusion";
    for id in ["e-diffusion-rule", "e-tier1", "e-tier2"] {
        let v = doc.node(id).unwrap().verify.as_ref();
        let v = v.unwrap_or_else(|| panic!("{id} has no verify"));
        assert!(
            v.en.contains(rule) && v.zh.contains("人工智能扩散框架"),
            "{id}"
        );
    }
    let tier1 = doc.node("e-tier1").unwrap().verify.clone().unwrap();
    assert!(tier1.en.contains("18 allies") && tier1.en.contains("Universal Verified End User"));
    let tier2 = doc.node("e-tier2").unwrap().verify.clone().unwrap();
    assert!(tier2.en.contains("50,000") && tier2.en.contains("through 2027"));
    assert!(
        doc.node("e-diffusion-rule")
            .unwrap()
            .verify
            .as_ref()
            .unwrap()
            .en
            .contains("15 May 2025")
    );
    let fig = doc
        .figures
        .iter()
        .find(|f| f.id == "diffusion-tiers")
        .unwrap();
    let notes = fig.notes.as_ref().unwrap();
    assert!(
        notes.en.contains(rule) && notes.en.contains("⚑ Verify"),
        "{}",
        notes.en
    );
    assert!(notes.zh.contains("⚑ 待核实"), "{}", notes.zh);
}

#[test]
fn the_article_gives_every_claim_some_support() {
    let doc = article();
    let unsupported: Vec<String> = stance::authoring::gaps(&doc)
        .into_iter()
        .filter(|g| g.kind == stance::authoring::GapKind::UnsupportedClaim)
        .map(|g| g.id)
        .collect();
    assert!(unsupported.is_empty(), "{unsupported:?}");
}

fn supports(doc: &Document, from: &str, to: &str) -> bool {
    doc.outgoing(from)
        .any(|r| r.kind == RelationKind::Supports && r.to == to)
}

#[test]
fn the_structure_says_what_the_article_says() {
    let doc = article();
    assert!(supports(&doc, "c-deepseek-success", "c-thesis"));
    assert!(supports(&doc, "e-planning-lag", "c-idle-capacity"));
    assert!(supports(&doc, "e-planning-lag", "c-knowledge-problem"));
    // c-lessons gives a reason for the thesis instead of restating it.
    let lessons = doc.node("c-lessons").unwrap();
    assert!(!lessons.text.zh.contains("失败") && !lessons.text.en.contains("fail"));
    assert!(!lessons.quote.as_deref().unwrap().contains("失败"));
    // The security rationale attacks the step to "self-harm", not the description of intervention.
    let attacks = |id: &str| -> Vec<(RelationKind, String, Option<String>)> {
        doc.outgoing(id)
            .map(|r| (r.kind, r.to.clone(), r.link.clone()))
            .collect()
    };
    assert_eq!(
        attacks("r-security-rationale"),
        [(
            RelationKind::Undercuts,
            "c-lose-market".to_string(),
            Some("c-us-self-harm".to_string())
        )]
    );
    assert_eq!(
        attacks("r-not-government-driven"),
        [(
            RelationKind::Undercuts,
            "c-china-overbuild".to_string(),
            Some("c-thesis".to_string())
        )]
    );
    assert!(
        doc.nodes
            .iter()
            .filter(|n| n.origin == Origin::Editorial)
            .all(|n| doc
                .outgoing(&n.id)
                .all(|r| r.to != "c-us-intervention" || r.kind == RelationKind::Undercuts)),
        "nothing rebuts the description of US intervention"
    );
    // Nodes that misstated the article.
    assert!(
        doc.node("c-bans-paying-users")
            .unwrap()
            .text
            .en
            .starts_with("US policy")
    );
    let chips = doc.node("e-ed-controls-target-chips").unwrap();
    assert!(
        chips.text.en.contains("mentions software"),
        "{}",
        chips.text.en
    );
    let slow = doc.node("r-slow-correction-unshown").unwrap();
    assert!(!slow.text.en.contains("rent"), "{}", slow.text.en);
    assert!(supports(&doc, "e-ed-rent-halved", "c-market-corrects-fast"));
    for id in ["e-planning-lag", "e-revenue-calc"] {
        assert!(!doc.node(id).unwrap().sourced, "{id}");
    }
}

#[test]
fn quotes_reach_the_words_that_carry_the_point() {
    let doc = article();
    for (id, words) in [
        ("c-controls-will-fail", "最终,这些管制会彻底失效。"),
        (
            "e-planning-lag",
            "这时候,硬件升级了,市场需求也变了,结果算力变成库存",
        ),
        ("e-revenue-calc", "连基本运营成本都填不满"),
        ("c-taxpayer-cost", "坑的还是企业"),
        ("c-us-intervention", "列为中美之间的战略竞争产业"),
        ("c-china-overbuild", "“算力是未来的石油!”这句话一喊"),
    ] {
        let q = doc.node(id).unwrap().quote.clone().unwrap();
        assert!(q.contains(words), "{id}: {q}");
    }
    // "Bound to fail" (s4p9) is quoted, by a line that supports the thesis
    // without restating it, and that the rebuttal of universal claims attacks.
    let fail = doc.node("c-bound-to-fail").unwrap();
    assert!(fail.quote.as_deref().unwrap().contains("必然失败"));
    assert!(supports(&doc, "c-bound-to-fail", "c-thesis"));
    assert!(supports(&doc, "c-lessons", "c-bound-to-fail"));
    let thesis = doc.node("c-thesis").unwrap();
    assert!(!thesis.text.en.contains("fail") && !thesis.text.zh.contains("失败"));
    assert!(
        doc.outgoing("r-policy-successes")
            .any(|r| r.kind == RelationKind::Rebuts && r.to == "c-bound-to-fail")
    );
}

/// The counter-arguments the first pass missed, on the side against.
#[test]
fn the_side_against_has_the_missing_counter_arguments() {
    let doc = article();
    let rebuts = |from: &str, to: &str| {
        doc.outgoing(from).any(|r| {
            (r.kind == RelationKind::Rebuts && r.to == to)
                || (r.kind == RelationKind::Undercuts
                    && (r.to == to || r.link.as_deref() == Some(to)))
        })
    };
    assert!(rebuts("r-rule-not-in-force", "c-us-intervention"));
    assert!(rebuts("r-china-blocks-too", "c-lose-market"));
    assert!(rebuts("r-futile-and-ruinous", "c-controls-will-fail"));
    assert!(rebuts("r-futile-and-ruinous", "c-us-self-harm"));
    assert!(rebuts("r-controls-bit", "c-controls-will-fail"));
    for id in [
        "r-rule-not-in-force",
        "r-china-blocks-too",
        "r-futile-and-ruinous",
        "r-controls-bit",
    ] {
        assert_eq!(doc.node(id).unwrap().origin, Origin::Editorial);
    }
}

fn brief(side: stance::analysis::brief::Side) -> String {
    let cx = stance::analysis::brief::Context {
        marks: None,
        class: None,
    };
    stance::analysis::brief::brief(&article(), side, &cx)
}

/// `brief --side for` answers most editorial rebuttals, among them the
/// strongest, and names the ones it cannot answer.
#[test]
fn the_side_for_has_answers_to_most_rebuttals() {
    let doc = article();
    for (answer, attack) in [
        ("r-one-counterexample", "r-survivorship"),
        ("r-one-counterexample", "r-security-rationale"),
        ("r-planning-lag-own-words", "r-timing"),
        ("r-education-not-policy", "r-ecosystem"),
        ("r-local-governments", "r-not-government-driven"),
    ] {
        assert!(
            doc.outgoing(answer)
                .any(|r| r.kind == RelationKind::Rebuts && r.to == attack),
            "{answer} answers {attack}"
        );
    }
    let out = brief(stance::analysis::brief::Side::For);
    let lines: Vec<&str> = out.lines().collect();
    // Each attack is a top-level item; what follows it up to the next is its answers.
    let mut answered = 0;
    let mut unanswered = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !(l.starts_with("- ") && l.contains("**Rebuttal ")) {
            continue;
        }
        let rest = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("- ") && !l.starts_with('#'));
        let mut any = false;
        for r in rest {
            if r.trim_start().starts_with("- Answer: ") {
                any = true;
            }
            if r.contains("No answer in the map") {
                unanswered.push(l.to_string());
            }
        }
        if any {
            answered += 1;
        }
    }
    assert!(
        answered >= 3 * unanswered.len(),
        "{answered} answered, {} not: {unanswered:#?}",
        unanswered.len()
    );
    assert!(answered >= 20, "{answered}");
    // The ones without an answer are named, in a closing list.
    let tail = out
        .split("## Where the map has no answer")
        .nth(1)
        .expect("a closing list of what has no answer");
    // Named by label, as everywhere a person reads (`**Rebuttal R21**` above, `**R21**` there).
    for l in &unanswered {
        let label = l
            .split("**Rebuttal ")
            .nth(1)
            .and_then(|rest| rest.split("**").next())
            .unwrap();
        assert!(tail.contains(&format!("**{label}**")), "{label} in\n{tail}");
    }
}

#[test]
fn the_brief_prints_verify_on_both_sides() {
    for side in [
        stance::analysis::brief::Side::For,
        stance::analysis::brief::Side::Against,
    ] {
        let out = brief(side);
        assert!(
            out.contains("⚑ Verify before using (outside the article): Per the BIS"),
            "{side:?}"
        );
        let lines: Vec<&str> = out.lines().collect();
        let doc = stance::model::load_embedded().document.unwrap();
        let i = doc
            .nodes
            .iter()
            .position(|n| n.id == "r-nvidia-thrived")
            .unwrap();
        let label = format!("**Rebuttal {}**", doc.labels()[i]);
        let at = lines.iter().position(|l| l.contains(&label)).unwrap();
        assert!(
            lines[at + 1..at + 4].iter().any(|l| l.contains("Form")),
            "{side:?}"
        );
    }
}

/// One spelling throughout the translation and the encoding (British), and
/// the wording the review asked for.
#[test]
fn the_translation_reads_as_reviewed() {
    let doc = article();
    let p = |id: &str| doc.paragraph(id).unwrap().1.en.clone();
    assert!(p("s3p14").contains("may perhaps"));
    assert!(p("s4p4").contains("afford to ignore"));
    assert!(p("s3p9").contains("write their chapters"));
    assert!(p("s1p8").contains("20 member countries"));
    assert!(p("s1p7").contains("Framework for Artificial Intelligence Diffusion"));
    assert!(doc.title.en.contains("slapped in the face ("));
    let mut english: Vec<String> = vec![doc.title.en.clone()];
    for s in &doc.sections {
        english.push(s.title.en.clone());
        english.extend(s.paragraphs.iter().map(|p| p.en.clone()));
    }
    for n in &doc.nodes {
        english.push(n.text.en.clone());
        english.extend(n.note.clone());
        english.extend(n.verify.as_ref().map(|v| v.en.clone()));
    }
    for f in &doc.figures {
        english.extend(f.notes.as_ref().map(|n| n.en.clone()));
    }
    let american = [
        "center",
        "utiliz",
        "subsidiz",
        "generaliz",
        "organiz",
        "recogniz",
        "analyz",
        "favor",
        "color",
        "labor",
        "defense",
        "program ",
    ];
    for text in &english {
        for word in american {
            assert!(
                !text.to_lowercase().contains(word),
                "American spelling `{word}`: {text}"
            );
        }
    }
    // One term for 机房/智算中心 in English: computing centre.
    let all = english.join("\n");
    assert!(
        !all.contains("server room") && !all.contains("Server-room"),
        "server room"
    );
    assert!(!all.contains("intelligent computing centre"));
}

/// The figures say what "this year" is, and do not draw the subsidy and
/// Stargate as comparable bars.
#[test]
fn the_figures_date_their_numbers_and_compare_only_like_with_like() {
    let doc = article();
    let fig = |id: &str| doc.figures.iter().find(|f| f.id == id).unwrap();
    for id in ["china-compute", "h100-rent"] {
        let f = fig(id);
        assert!(
            f.title.en.contains("2024") && f.title.zh.contains("2024"),
            "{id}"
        );
    }
    let money = fig("us-money");
    assert_ne!(money.kind(), stance::figures::FigureKind::Bar);
    assert!(money.title.en.contains("not comparable"));
}

/// The article ships pre-resolved (`content/deepseek.json`, read by
/// `load_embedded`) so that commands start without parsing YAML; it must be
/// exactly what the YAML source (`content/deepseek.yaml` and the figure files)
/// resolves to. `STANCE_BLESS=1` rewrites it from the YAML instead of failing.
#[test]
fn the_pre_resolved_article_is_what_the_yaml_gives() {
    let from_yaml = stance::model::load::load_embedded_yaml();
    assert!(
        from_yaml.report.diagnostics.is_empty(),
        "the built-in article's YAML checks clean:\n{}",
        from_yaml.report
    );
    let from_yaml = from_yaml.document.expect("the YAML loads");
    let json = stance::model::load::embedded_json(&from_yaml);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(stance::model::load::EMBEDDED_JSON_NAME);
    if std::env::var_os("STANCE_BLESS").is_some() {
        std::fs::write(&path, &json).expect("content/deepseek.json is writable");
        eprintln!("rewrote {}", path.display());
        return;
    }
    let stale = "content/deepseek.json is out of date with content/deepseek.yaml or assets/figures/; \
                 regenerate it with `STANCE_BLESS=1 cargo test --test content`, then rebuild";
    let kept = std::fs::read_to_string(&path).expect("content/deepseek.json exists");
    assert!(kept == json, "{stale}");
    let embedded = load_embedded();
    assert!(embedded.report.diagnostics.is_empty());
    assert!(
        embedded.document.as_ref() == Some(&from_yaml),
        "content/deepseek.json matches the YAML, but reading it back gives a different \
         document: a value does not survive JSON (or the binary is stale; rebuild)"
    );
    // Lookups work on the document read from JSON (its index is rebuilt).
    let doc = embedded.document.expect("the article loads");
    for n in &doc.nodes {
        assert_eq!(doc.node(&n.id).map(|m| &m.id), Some(&n.id));
    }
}
