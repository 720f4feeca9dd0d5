//! A student's own arguments through the command line, as the issue's "Done
//! when" asks: evidence quoting "一个百来人的 AI 创业团队" for an own claim,
//! and an own rebuttal of the thesis marked agree. `analyze` shows the thesis
//! contested by it, `brief --side against` prints it with its quote, `graph`
//! puts the student's nodes in every format tagged with the reader (the
//! Argdown CLI parses it, Graphviz renders it), and `export` carries them in
//! JSON, Markdown and W3C Web Annotations whose selectors match the text.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use stance::marks::additions::{AdditionRelation, Draft};
use stance::marks::{Marks, Stance};
use stance::model::{Bilingual, Document, NodeKind, RelationKind, load_embedded};

use common::argdown::argdown_json;
use common::graphviz::graphviz_svg;
use common::{stance, stderr, stdout};

const QUOTE: &str = "一个百来人的 AI 创业团队";
const REBUTTAL: &str = "One startup's success says nothing about the policy as a whole.";
const OWN_CLAIM: &str = "小团队也能在管制下突破";

fn article() -> Document {
    load_embedded().document.unwrap()
}

fn relation(to: &str, kind: RelationKind) -> AdditionRelation {
    AdditionRelation {
        to: to.into(),
        kind,
        link: None,
    }
}

/// Ana's marks: an own claim, evidence quoting the article for it, and an
/// own rebuttal of the thesis she agrees with; with `answer`, also her
/// answer to the editorial rebuttal `r-sections-tension` (R21), which the map
/// leaves unanswered.
struct Student {
    _dir: tempfile::TempDir,
    path: PathBuf,
    claim: String,
    evidence: String,
    rebuttal: String,
    answer: Option<String>,
}

fn student(answer: bool) -> Student {
    let doc = article();
    let mut m = Marks::new(&doc, Some("ana".into()));
    let claim = m.add_addition(Draft::new(
        NodeKind::Claim,
        Bilingual {
            zh: OWN_CLAIM.into(),
            en: String::new(),
        },
    ));
    let mut ev = Draft::new(
        NodeKind::Evidence,
        Bilingual {
            zh: "做出 DeepSeek 的只是一个百来人的团队".into(),
            en: String::new(),
        },
    );
    ev.quote = Some(QUOTE.into());
    ev.paragraph = Some("s1p13".into());
    ev.relations.push(relation(&claim, RelationKind::Supports));
    let evidence = m.add_addition(ev);
    let mut r = Draft::new(
        NodeKind::Rebuttal,
        Bilingual {
            zh: String::new(),
            en: REBUTTAL.into(),
        },
    );
    r.quote = Some(QUOTE.into());
    r.paragraph = Some("s1p13".into());
    r.relations.push(relation("c-thesis", RelationKind::Rebuts));
    let rebuttal = m.add_addition(r);
    let answer = answer.then(|| {
        let mut a = Draft::new(
            NodeKind::Rebuttal,
            Bilingual {
                zh: String::new(),
                en: "Private money and public policy both failing is exactly the article's point."
                    .into(),
            },
        );
        a.relations
            .push(relation("r-sections-tension", RelationKind::Rebuts));
        m.add_addition(a)
    });
    let overlay = m.with_overlay(&doc);
    let i = overlay.doc.node_index(&rebuttal).unwrap();
    m.set_stance(&overlay.doc, i, Some(Stance::Agree));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana.marks.json");
    std::fs::write(&path, m.to_json(&overlay.doc)).unwrap();
    Student {
        _dir: dir,
        path,
        claim,
        evidence,
        rebuttal,
        answer,
    }
}

fn run(args: &[&str]) -> String {
    let out = stance(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn marks_arg(s: &Student) -> &str {
    s.path.to_str().unwrap()
}

#[test]
fn analyze_shows_the_thesis_contested_by_the_students_rebuttal() {
    let s = student(false);
    let text = run(&["analyze", "--marks", marks_arg(&s)]);
    let line = text
        .lines()
        .find(|l| l.contains("C1 “"))
        .unwrap_or_else(|| panic!("no line on the thesis:\n{text}"));
    assert!(
        line.contains("is contested") && line.contains("+R1 “One startup's success"),
        "{line}"
    );

    let json: Value = serde_json::from_str(&run(&[
        "analyze",
        "--marks",
        marks_arg(&s),
        "--format",
        "json",
    ]))
    .unwrap();
    let thesis = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["node"] == "c-thesis")
        .unwrap();
    assert_eq!(thesis["status"], "contested");
    assert_eq!(thesis["because"], serde_json::json!([s.rebuttal]));

    // Without her agreeing it, her rebuttal contests nothing.
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&s.path).unwrap()).unwrap();
    file["marks"] = serde_json::json!([]);
    std::fs::write(&s.path, file.to_string()).unwrap();
    let text = run(&["analyze", "--marks", marks_arg(&s)]);
    assert!(text.contains("0 contested"), "{text}");
}

#[test]
fn brief_against_prints_the_students_rebuttal_with_its_quote() {
    let s = student(false);
    let brief = run(&["brief", "--side", "against", "--marks", marks_arg(&s)]);
    let at = brief
        .find(REBUTTAL)
        .unwrap_or_else(|| panic!("no rebuttal:\n{brief}"));
    let section = &brief[..at];
    let heading = section.rfind("\n## ").unwrap();
    assert!(
        section[heading..].starts_with("\n## Against the thesis itself"),
        "{}",
        &section[heading..]
    );
    let item = &brief[at..];
    let item = &item[..item.find("\n- ").unwrap_or(item.len())];
    assert!(
        item.contains("a reader's own, not in the article — by ana"),
        "{item}"
    );
    assert!(
        item.contains(&format!("> {QUOTE} (§2 ¶13, s1p13)")),
        "{item}"
    );
    assert!(item.contains("Your mark: ✓ agree"), "{item}");
    assert!(brief.contains("**Rebuttal \\+R1**"), "labelled +R1");
}

#[test]
fn brief_for_says_your_answer_where_the_student_wrote_one() {
    let without = run(&["brief", "--side", "for"]);
    let s = student(true);
    let with = run(&["brief", "--side", "for", "--marks", marks_arg(&s)]);
    let under = |brief: &str| {
        let at = brief
            .find("**Rebuttal R21**")
            .unwrap_or_else(|| panic!("no R21:\n{brief}"));
        let rest = &brief[at..];
        rest[..rest.find("\n- ").unwrap_or(rest.len())].to_string()
    };
    assert!(under(&without).contains("No answer in the map: prepare one."));
    let answered = under(&with);
    assert!(!answered.contains("No answer in the map"), "{answered}");
    assert!(
        answered.contains("  - your answer: **Rebuttal \\+R2**: Private money and public policy"),
        "{answered}"
    );
    assert!(s.answer.is_some());
}

#[test]
fn graph_argdown_parses_in_the_argdown_cli_with_the_students_nodes_tagged() {
    let s = student(false);
    let source = run(&["graph", "--marks", marks_arg(&s), "--format", "argdown"]);
    let json: Value = serde_json::from_str(&argdown_json(&source)).unwrap();
    let tags = |id: &str| -> Vec<String> {
        json["statements"][id]["members"][0]["tags"]
            .as_array()
            .unwrap_or_else(|| panic!("no statement {id}"))
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    for id in [&s.claim, &s.evidence, &s.rebuttal] {
        let t = tags(id);
        assert!(
            t.contains(&"ana".to_string()) && t.contains(&"own".to_string()),
            "{id}: {t:?}"
        );
    }
    assert!(tags(&s.rebuttal).contains(&"agree".to_string()));
    assert!(!tags("c-thesis").contains(&"ana".to_string()));
    // Her relations are the map's: the rebuttal attacks the thesis, the evidence supports her claim.
    let attacks = |from: &str, kind: &str, to: &str| {
        json["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["from"] == from && r["to"] == to && r["relationType"] == kind)
    };
    assert!(
        attacks(&s.rebuttal, "attack", "c-thesis"),
        "{}",
        json["relations"]
    );
    assert!(attacks(&s.evidence, "support", &s.claim));
}

#[test]
fn graph_dot_renders_with_the_students_nodes_styled() {
    let s = student(false);
    let dot = run(&["graph", "--marks", marks_arg(&s), "--format", "dot"]);
    let line = dot
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("\"{}\" [", s.rebuttal)))
        .unwrap();
    assert!(
        line.contains("· by ana") && line.contains("dotted") && line.contains("#1565c0"),
        "{line}"
    );
    let svg = graphviz_svg(&dot);
    assert!(svg.contains("by ana"), "the label is drawn");
}

#[test]
fn graph_kialo_aif_and_json_carry_the_students_nodes() {
    let s = student(false);
    let kialo = run(&["graph", "--marks", marks_arg(&s), "--format", "kialo"]);
    assert!(kialo.contains(&format!("Con: {REBUTTAL} [ana]")), "{kialo}");
    let aif: Value = serde_json::from_str(&run(&[
        "graph",
        "--marks",
        marks_arg(&s),
        "--format",
        "aif",
    ]))
    .unwrap();
    assert!(
        aif["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"] == format!("{OWN_CLAIM} [ana]"))
    );
    let json: Value = serde_json::from_str(&run(&[
        "graph",
        "--marks",
        marks_arg(&s),
        "--format",
        "json",
    ]))
    .unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == s.evidence.as_str())
        .unwrap();
    assert_eq!(
        (&node["origin"], &node["author"]),
        (&Value::from("reader"), &Value::from("ana"))
    );
    assert_eq!(node["paragraphs"], serde_json::json!(["s1p13"]));
    // Without --marks the graph is the article's alone.
    let plain = run(&["graph", "--format", "json"]);
    assert!(!plain.contains("\"reader\""));
}

#[test]
fn export_carries_the_students_nodes_in_json_markdown_and_w3c() {
    let s = student(false);
    let json = run(&["export", "--marks", marks_arg(&s), "--format", "json"]);
    assert_eq!(
        json,
        std::fs::read_to_string(&s.path).unwrap(),
        "the file itself"
    );

    let md = run(&["export", "--marks", marks_arg(&s), "--format", "markdown"]);
    let own = &md[md
        .find("\n# Your own arguments\n")
        .expect("a section of her own")..];
    for (label, id) in [
        ("+C1", &s.claim),
        ("+E1", &s.evidence),
        ("+R1", &s.rebuttal),
    ] {
        assert!(
            own.contains(&format!("## \\{label} (")) && own.contains(id.as_str()),
            "{own}"
        );
    }
    assert!(own.contains(&format!("> {QUOTE}")));
    assert!(
        own.contains("- rebuts C1 “DeepSeek's success mocks govern…”"),
        "{own}"
    );
    assert!(
        own.contains(&format!("- supports +C1 “{OWN_CLAIM}”")),
        "{own}"
    );

    let w3c: Value = serde_json::from_str(&run(&[
        "export",
        "--marks",
        marks_arg(&s),
        "--format",
        "w3c",
    ]))
    .unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    assert_eq!(w3c["total"], items.len());
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), items.len(), "ids unique");
    let of = |id: &str| {
        items
            .iter()
            .find(|i| {
                i["id"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/readers/ana/additions/{id}"))
            })
            .unwrap_or_else(|| panic!("no annotation for {id}"))
    };
    let doc = article();
    let paragraph = &doc.paragraph("s1p13").unwrap().1.zh;
    for id in [&s.evidence, &s.rebuttal] {
        let a = of(id);
        let sel = &a["target"]["selector"];
        assert_eq!(sel["type"], "TextQuoteSelector");
        assert_eq!(sel["exact"], QUOTE);
        let whole = format!(
            "{}{}{}",
            sel["prefix"].as_str().unwrap(),
            QUOTE,
            sel["suffix"].as_str().unwrap()
        );
        assert!(paragraph.contains(&whole), "{whole}");
        assert!(a["target"]["source"].as_str().unwrap().ends_with("#s1p13"));
    }
    // Her rebuttal answers the thesis's words; her own claim answers nothing.
    assert_eq!(of(&s.rebuttal)["motivation"], "replying");
    assert_eq!(of(&s.rebuttal)["body"][0]["value"], REBUTTAL);
    assert_eq!(of(&s.rebuttal)["body"][0]["purpose"], "replying");
    assert_eq!(of(&s.claim)["motivation"], "commenting");
    assert_eq!(of(&s.claim)["body"][0]["value"], OWN_CLAIM);
    assert_eq!(
        of(&s.evidence)["motivation"],
        "commenting",
        "it supports her own claim"
    );

    // The page shows her nodes as hers.
    let html = run(&["export", "--marks", marks_arg(&s), "--format", "html"]);
    assert!(html.contains("says nothing about the policy as a whole") && html.contains(OWN_CLAIM));
    assert_eq!(
        html.matches("a reader&#39;s own, not in the article — by ana</span><span class=\"l-zh\" lang=\"zh\">读者自己添加,不在原文中 —— 作者:ana</span>")
            .count(),
        3
    );
}

#[test]
fn marks_orphans_lists_additions_the_document_cannot_place() {
    let s = student(false);
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&s.path).unwrap()).unwrap();
    file["additions"][1]["quote"] = Value::from("words the article never says");
    file["additions"][2]["relations"][0]["to"] = Value::from("c-gone");
    std::fs::write(&s.path, file.to_string()).unwrap();
    let out = run(&["marks", "--orphans", "--marks", marks_arg(&s)]);
    assert!(
        out.contains(&format!("+E1\t{}\taddition\t", s.evidence))
            && out.contains("its quote is no longer in paragraph s1p13"),
        "{out}"
    );
    assert!(
        out.contains("answers c-gone, which the document no longer has"),
        "{out}"
    );
    assert!(!out.contains(&s.claim), "{out}");
    // And the file is kept as it was.
    assert_eq!(
        serde_json::from_str::<Value>(&std::fs::read_to_string(&s.path).unwrap()).unwrap(),
        file
    );
    let _: &Path = &s.path;
}

/// A classmate's marks file: `marks` on (node, stance), and optionally an
/// addition of their own rebutting Ana's rebuttal.
fn classmate(dir: &Path, name: &str, marks: &[(&str, Stance)], answers: Option<&str>) -> PathBuf {
    let doc = article();
    let mut m = Marks::new(&doc, Some(name.into()));
    if let Some(to) = answers {
        let mut d = Draft::new(
            NodeKind::Rebuttal,
            Bilingual {
                zh: "政策并没有资助 DeepSeek".into(),
                en: String::new(),
            },
        );
        d.relations.push(relation(to, RelationKind::Rebuts));
        m.add_addition(d);
    }
    let mut file: Value = serde_json::from_str(&m.to_json(&doc)).unwrap();
    file["marks"] = marks
        .iter()
        .map(|(node, stance)| {
            serde_json::json!({"node": node, "stance": stance.name(), "at": "2026-12-01T00:00:00Z"})
        })
        .collect();
    let path = dir.join(format!("{name}.marks.json"));
    std::fs::write(&path, file.to_string()).unwrap();
    path
}

#[test]
fn merge_lists_every_students_additions_under_what_they_answer_with_classmates_votes() {
    let ana = student(false);
    let dir = tempfile::tempdir().unwrap();
    let ben = classmate(
        dir.path(),
        "ben",
        &[(&ana.rebuttal, Stance::Dispute)],
        Some(&ana.rebuttal),
    );
    let cara = classmate(
        dir.path(),
        "cara",
        &[(&ana.rebuttal, Stance::Agree), ("c-thesis", Stance::Agree)],
        None,
    );
    let files = [
        marks_arg(&ana),
        ben.to_str().unwrap(),
        cara.to_str().unwrap(),
    ];

    let json = run(&[&["merge", "--format", "json"][..], &files[..]].concat());
    let class: Value = serde_json::from_str(&json).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schemas/class.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = jsonschema::validator_for(&schema)
        .unwrap()
        .iter_errors(&class)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let additions = class["additions"].as_array().unwrap();
    assert_eq!(additions.len(), 4, "ana's three and ben's one");
    let rebuttal = additions
        .iter()
        .find(|a| a["addition"]["id"] == ana.rebuttal.as_str())
        .unwrap();
    assert_eq!(rebuttal["reader"], "ana");
    assert_eq!(
        (&rebuttal["agree"], &rebuttal["dispute"]),
        (&Value::from(1), &Value::from(1)),
        "ana's own agree is not a classmate's"
    );
    let bens = additions.iter().find(|a| a["reader"] == "ben").unwrap();
    assert_ne!(
        bens["addition"]["id"],
        ana.rebuttal.as_str(),
        "ids never collide"
    );

    let table = run(&[&["merge", "--format", "table"][..], &files[..]].concat());
    let section = &table[table
        .find("The students' own arguments\n")
        .expect("a section")..];
    let thesis_at = section
        .find("C1 “DeepSeek's success mocks govern…”\n")
        .expect("grouped under the thesis");
    let mine = section
        .find("+R1 “One startup's success says nothing about the policy as a whole.” — by ana — classmates: 1 agree, 1 dispute")
        .unwrap_or_else(|| panic!("{section}"));
    assert!(thesis_at < mine);
    let under_mine = section
        .find("+R1 “One startup's success says noth…”\n")
        .unwrap_or_else(|| panic!("ben's answer grouped under ana's rebuttal:\n{section}"));
    assert!(
        section[under_mine..].contains("— by ben — classmates: 0 agree, 0 dispute"),
        "{section}"
    );
    assert!(
        section.contains("answering no node\n  +C1 “小团队也能在管制下突破” — by ana"),
        "{section}"
    );

    let md = run(&[&["merge", "--format", "markdown"][..], &files[..]].concat());
    assert!(md.contains("## The students' own arguments"), "{md}");
    assert!(md.contains(&format!("  > {QUOTE}")), "{md}");

    let zh = run(&[
        &["merge", "--ui", "zh", "--format", "table"][..],
        &files[..],
    ]
    .concat());
    assert!(
        zh.contains("学生自己的论证") && zh.contains("作者:ana —— 同学:1 人同意,1 人反对"),
        "{zh}"
    );
}

#[test]
fn graph_json_with_the_students_nodes_loads_back_as_a_document() {
    let s = student(false);
    let json = run(&["graph", "--marks", marks_arg(&s), "--format", "json"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("with-ana.json");
    std::fs::write(&file, &json).unwrap();
    let path = file.to_str().unwrap();
    let out = stance(&["check", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Loaded back, the student's nodes keep their origin and author, and the
    // graph it gives is the one written.
    let again = run(&["graph", path, "--format", "json"]);
    let (before, after): (Value, Value) = (
        serde_json::from_str(&json).unwrap(),
        serde_json::from_str(&again).unwrap(),
    );
    assert_eq!(before["nodes"], after["nodes"]);
    // The same relations (the loader puts undercuts last).
    let sorted = |v: &Value| {
        let mut r: Vec<String> = v["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        r.sort();
        r
    };
    assert_eq!(sorted(&before), sorted(&after));
    assert!(
        sorted(&after)
            .iter()
            .any(|r| r.contains(s.rebuttal.as_str()))
    );
    let node = after["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == s.rebuttal.as_str())
        .unwrap();
    assert_eq!(
        (&node["origin"], &node["author"]),
        (&Value::from("reader"), &Value::from("ana"))
    );
}
