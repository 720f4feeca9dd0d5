//! Random and mutated input to every loader: documents (YAML and JSON), marks
//! files, and class merges. Whatever the bytes, the loaders return (never panic)
//! within a bounded time, and what they load keeps its promises: relations join
//! real nodes, an article node's quote is in one of its paragraphs, no text holds a
//! raw control character (other than a newline), what `stance graph` writes loads
//! back, and a marks file stance writes always parses.
//!
//! The seeds are the corpus's valid files (`tests/hostile/`): the README's
//! example, its `stance graph` dump, and the files with escapes in every field.
//! Cases are few enough that the whole file runs in a few seconds in a debug build.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};
use stance::analysis::brief::{self, Context, Side};
use stance::marks::class::{self, ClassFile};
use stance::marks::export::{ExportFormat, export};
use stance::marks::{self, Marks, MarksFile};
use stance::model::{Document, Input, LoadOptions, Loaded, Origin, load, load_text};
use stance::output::{PrintLang, json::to_json, print};

const OK_YAML: &str = include_str!("hostile/content/ok.yaml");
const OK_JSON: &str = include_str!("hostile/content/ok.json");
const ESCAPES_YAML: &str = include_str!("hostile/content/escapes-everywhere.yaml");
const ESCAPES_JSON: &str = include_str!("hostile/content/escapes-everywhere.json");
const CHINESE_YAML: &str = include_str!("hostile/content/chinese-ids.yaml");
const CRLF_YAML: &str = include_str!("hostile/content/bom-crlf.yaml");
const OK_MARKS: &str = include_str!("hostile/marks/ok.json");
const ESCAPES_MARKS: &str = include_str!("hostile/marks/escapes-in-text.json");
const CHINESE_MARKS: &str = include_str!("hostile/marks/chinese.json");
const ADDITIONS_MARKS: &str = include_str!("hostile/marks/additions-ok.json");
const ADDITIONS_ESCAPES_MARKS: &str = include_str!("hostile/marks/additions-escapes.json");
const OK_CLASS: &str = include_str!("hostile/class/ok.json");
const ESCAPES_CLASS: &str = include_str!("hostile/class/escapes.json");

/// Time after which one loader call on a few KB counts as hung. Only a hang
/// reaches it: a debug build on a busy shared machine must never fail by being
/// slow (a 3 s clock here once did at a load average of 17 on 2 cores).
const HANG_LIMIT: Duration = Duration::from_secs(120);

/// The document the marks seeds belong to (`tiny-example`).
static DOC: LazyLock<Document> = LazyLock::new(|| {
    load_text("ok.yaml", OK_YAML.to_string())
        .usable()
        .cloned()
        .expect("the README example loads")
});

// ---------------------------------------------------------------------------
// What must hold of anything loaded.
// ---------------------------------------------------------------------------

/// The first character that must not be shown raw: any control but newline
/// (C0, DEL, C1), and bidirectional controls.
fn raw_control(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        let u = c as u32;
        (u < 0x20 && c != '\n')
            || (0x7f..=0x9f).contains(&u)
            || matches!(u, 0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069)
    })
}

/// Every string in `v` (keys too), with the path to it.
fn strings(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((path.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                out.push((format!("{path} (key)"), k.clone()));
                strings(item, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn assert_no_raw_controls(what: &str, v: &Value) -> Result<(), TestCaseError> {
    let mut all = Vec::new();
    strings(v, what, &mut all);
    for (path, s) in all {
        if let Some(c) = raw_control(&s) {
            return Err(TestCaseError::fail(format!(
                "{path} holds a raw U+{:04X}: {s:?}",
                c as u32
            )));
        }
    }
    Ok(())
}

fn assert_text_safe(what: &str, text: &str) -> Result<(), TestCaseError> {
    // Tabs are fine in output stance writes itself (`stance marks` is tab-separated).
    let text = text.replace('\t', " ");
    if let Some(c) = raw_control(&text) {
        let at = text.find(c).unwrap_or(0);
        let from = text.floor_char_boundary(at.saturating_sub(30));
        let to = text.ceil_char_boundary((at + 30).min(text.len()));
        return Err(TestCaseError::fail(format!(
            "{what} has a raw U+{:04X}: {:?}",
            c as u32,
            &text[from..to]
        )));
    }
    Ok(())
}

/// The promises of a loaded document; `source` is the text it came from, for messages.
fn check_loaded(loaded: &Loaded, source: &str) -> Result<(), TestCaseError> {
    assert_text_safe("the report", &loaded.report.to_string())?;
    let Some(doc) = &loaded.document else {
        prop_assert!(
            loaded.report.has_errors(),
            "no document and no error for {source:?}"
        );
        return Ok(());
    };
    let value = serde_json::to_value(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    assert_no_raw_controls("document", &value)?;

    let node_ids: HashSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    for r in &doc.relations {
        prop_assert!(
            node_ids.contains(r.from.as_str()),
            "relation from nowhere: {r:?}"
        );
        prop_assert!(
            node_ids.contains(r.to.as_str()),
            "relation to nowhere: {r:?}"
        );
        if let Some(link) = &r.link {
            prop_assert!(
                node_ids.contains(link.as_str()),
                "undercut of no link: {r:?}"
            );
        }
    }
    let ids = doc
        .nodes
        .iter()
        .map(|n| &n.id)
        .chain(doc.sections.iter().map(|s| &s.id))
        .chain(
            doc.sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(|p| &p.id)),
        );
    for id in ids {
        prop_assert!(!id.contains('\n'), "an id with a newline: {id:?}");
    }

    if loaded.usable().is_none() {
        return Ok(());
    }
    // A document without errors: quotes verbatim, references real, and it survives a dump.
    for n in &doc.nodes {
        for p in &n.paragraphs {
            prop_assert!(
                doc.paragraph(p).is_some(),
                "`{}` names paragraph `{p}`",
                n.id
            );
        }
        if n.origin == Origin::Article {
            let Some(q) = &n.quote else {
                return Err(TestCaseError::fail(format!(
                    "article node `{}` without a quote",
                    n.id
                )));
            };
            let found = n.paragraphs.iter().any(|p| {
                doc.paragraph(p)
                    .is_some_and(|(_, para)| para.text(doc.lang).contains(q.as_str()))
            });
            prop_assert!(
                found,
                "the quote of `{}` is in none of its paragraphs",
                n.id
            );
        }
    }
    if let Some(t) = &doc.thesis {
        prop_assert!(node_ids.contains(t.as_str()), "thesis `{t}` is no node");
    }
    let dump = to_json(doc);
    let again = load_text("dump.json", dump.clone());
    prop_assert!(
        again.usable().is_some(),
        "the graph dump does not load back:\n{}",
        again.report
    );
    if let Some(d) = again.usable() {
        prop_assert_eq!(to_json(d), dump, "the dump changes when loaded back");
    }
    for lang in [PrintLang::Both, PrintLang::En] {
        assert_text_safe("print", &print(doc, lang))?;
    }
    let cx = Context {
        marks: None,
        class: None,
    };
    assert_text_safe("brief", &brief::brief(doc, Side::Against, &cx))?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Mutations.
// ---------------------------------------------------------------------------

/// Text worth inserting: escapes and controls, YAML and JSON syntax, the seeds' ids.
const FRAGMENTS: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{7}",
    "\u{9b}31m",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{feff}",
    "\u{7f}",
    "\r",
    "\r\n",
    "\t",
    "\0",
    "\\e[2J",
    "\\x9b",
    "\\u202E",
    "\\u001b",
    "\\a",
    "&a ",
    "*a",
    "<<: *a\n",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    ",",
    "\"",
    "'",
    "#",
    "---\n",
    "...\n",
    "!!binary ",
    "!!str ",
    "!x ",
    "? ",
    "|\n",
    ">-\n",
    "~",
    "null",
    "算力",
    "𝕏",
    "c-main",
    "e-idle",
    "r-timing",
    "s0p1",
    "s1p1",
    "主张-市场",
    "    supports: [c-main]\n",
    "    rebuts: [e-idle]\n",
    "    undercuts: [c-main]\n",
    "  - {from: c-main, to: c-main, kind: supports}\n",
    "  - {from: c-main, to: e-idle, kind: supports}\n",
    "    origin: editorial\n",
    "    quote: \"市场\"\n",
    "\n",
    " ",
    "\"c-main\"",
    "\"stance\": \"agree\"",
    "\"note\": \"\\u001b[2J\"",
    "\"node\": \"x\"",
    "null,",
    "1e999",
    "-1",
];

/// Text that keeps a double-quoted string (YAML or JSON) well formed.
const IN_QUOTES: &[&str] = &[
    "\\u001b[2J",
    "\\u001b]0;pwned\\u0007",
    "\\u009b31m",
    "\\u202E",
    "\\u2066",
    "\\u0000",
    "\\u007f",
    "\\t",
    "\\r\\n",
    "\\n",
    "\u{202e}",
    "\u{2069}",
    "\u{feff}",
    "算力",
    "c-main",
    " ",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Inserts text just inside a double-quoted string.
    IntoString(Index, &'static str),
    DeleteRange(Index, u8),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    InsertBytes(Index, Vec<u8>),
    InsertText(Index, &'static str),
    ReplaceWord(Index, &'static str),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), 1u8..40).prop_map(|(i, n)| Mutation::DeleteRange(i, n)),
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        5 => (any::<Index>(), prop::sample::select(FRAGMENTS))
            .prop_map(|(i, f)| Mutation::InsertText(i, f)),
        3 => (any::<Index>(), prop::sample::select(FRAGMENTS))
            .prop_map(|(i, f)| Mutation::ReplaceWord(i, f)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        6 => (any::<Index>(), prop::sample::select(IN_QUOTES))
            .prop_map(|(i, f)| Mutation::IntoString(i, f)),
    ]
}

/// Byte offsets of the starts of lines, and the end.
fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        spans.push((start, bytes.len()));
    }
    spans
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::IntoString(i, t) => {
            let quotes: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'"')
                .map(|(p, _)| p + 1)
                .collect();
            if !quotes.is_empty() {
                let p = quotes[i.index(quotes.len())];
                bytes.splice(p..p, t.bytes());
            }
        }
        Mutation::DeleteRange(i, n) => {
            let start = at(i, bytes.len()).min(bytes.len());
            let end = (start + usize::from(*n)).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) => {
            let spans = line_spans(bytes);
            if spans.is_empty() {
                return;
            }
            let (s, e) = spans[i.index(spans.len())];
            if matches!(m, Mutation::DeleteLine(_)) {
                bytes.drain(s..e);
            } else {
                let line = bytes[s..e].to_vec();
                bytes.splice(e..e, line);
            }
        }
        Mutation::SwapLines(a, b) => {
            let spans = line_spans(bytes);
            if spans.len() < 2 {
                return;
            }
            let (mut x, mut y) = (a.index(spans.len()), b.index(spans.len()));
            if x == y {
                return;
            }
            if x > y {
                std::mem::swap(&mut x, &mut y);
            }
            let (xs, xe) = spans[x];
            let (ys, ye) = spans[y];
            let mut out = bytes[..xs].to_vec();
            out.extend_from_slice(&bytes[ys..ye]);
            out.extend_from_slice(&bytes[xe..ys]);
            out.extend_from_slice(&bytes[xs..xe]);
            out.extend_from_slice(&bytes[ye..]);
            *bytes = out;
        }
        Mutation::InsertBytes(i, b) => {
            let p = at(i, bytes.len()).min(bytes.len());
            bytes.splice(p..p, b.iter().copied());
        }
        Mutation::InsertText(i, t) => {
            let p = at(i, bytes.len()).min(bytes.len());
            bytes.splice(p..p, t.bytes());
        }
        Mutation::ReplaceWord(i, t) => {
            // Replace one run of word characters (an id, a key, a value) with `t`.
            let p = at(i, bytes.len()).min(bytes.len());
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80;
            let mut s = p;
            while s > 0 && word(bytes[s - 1]) {
                s -= 1;
            }
            let mut e = p;
            while e < bytes.len() && word(bytes[e]) {
                e += 1;
            }
            bytes.splice(s..e, t.bytes());
        }
        Mutation::Truncate(i) => {
            let p = at(i, bytes.len()).min(bytes.len());
            bytes.truncate(p);
        }
    }
}

fn mutated(seeds: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 0..5),
    )
        .prop_map(|(seed, ms)| {
            let mut bytes = seed.as_bytes().to_vec();
            for m in &ms {
                apply(&mut bytes, m);
            }
            bytes
        })
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    let started = Instant::now();
    let result = f();
    let took = started.elapsed();
    if took > HANG_LIMIT {
        return Err(TestCaseError::fail(format!("{what} took {took:?}")));
    }
    Ok(result)
}

// ---------------------------------------------------------------------------
// Random marks files and class files.
// ---------------------------------------------------------------------------

/// Short strings with the characters that matter: controls, bidi, CJK, quotes.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[a-z ]{0,6}",
        2 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{1,3}",
        1 => "[一-龥]{1,4}",
    ];
    prop::collection::vec(pieces, 0..4).prop_map(|v| v.concat())
}

/// A node id: mostly the document's, sometimes anything.
fn node_id() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["c-main", "e-idle", "r-timing"]).prop_map(str::to_string),
        1 => text(),
    ]
}

/// A time stamp: usually well formed; with `hostile`, sometimes anything.
fn stamp(hostile: bool) -> BoxedStrategy<Value> {
    let good =
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z".prop_map(Value::from);
    if hostile {
        prop_oneof![3 => good, 1 => text().prop_map(Value::from)].boxed()
    } else {
        good.boxed()
    }
}

fn optional(s: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    prop_oneof![3 => s, 1 => Just(Value::Null)]
}

fn mark(hostile: bool) -> impl Strategy<Value = Value> {
    (
        node_id(),
        optional(
            prop::sample::select(vec!["agree", "dispute", "unsure"]).prop_map(Value::from),
        ),
        optional(text().prop_map(Value::from)),
        stamp(hostile),
        text(),
        optional(text().prop_map(Value::from)),
    )
        .prop_map(|(node, stance, note, at, text, quote)| {
            json!({"node": node, "stance": stance, "note": note, "at": at, "text": text, "quote": quote})
        })
}

/// A reader's own node (`stance.marks/2`): mostly well formed, its
/// relations to the seeds' nodes, to one another, or to nothing.
fn addition(hostile: bool) -> impl Strategy<Value = Value> {
    let target = prop_oneof![
        3 => prop::sample::select(vec!["c-main", "e-idle", "r-timing", "r0.1", "r0.2", "gone"]).prop_map(String::from),
        1 => node_id(),
    ];
    (
        prop::sample::select(vec!["r0.1", "r0.2", "r0.3"]),
        prop::sample::select(vec!["claim", "evidence", "rebuttal"]),
        text(),
        text(),
        optional(
            prop_oneof![2 => Just("出租率普遍 20%-30%".to_string()), 1 => text()]
                .prop_map(Value::from),
        ),
        optional(prop::sample::select(vec!["s0p1", "s1p1", "nowhere"]).prop_map(Value::from)),
        prop::collection::vec(
            (target, prop::sample::select(vec!["supports", "rebuts"])),
            0..3,
        ),
        optional(text().prop_map(Value::from)),
        stamp(hostile),
    )
        .prop_map(
            |(id, kind, zh, en, quote, paragraph, relations, note, at)| {
                let relations: Vec<Value> = relations
                    .into_iter()
                    .map(|(to, kind)| json!({"to": to, "kind": kind}))
                    .collect();
                let mut a = json!({"id": id, "kind": kind, "text": {"zh": zh, "en": en},
                "relations": relations, "created": at, "updated": at});
                for (key, value) in [("quote", quote), ("paragraph", paragraph), ("note", note)] {
                    if !value.is_null() {
                        a[key] = value;
                    }
                }
                a
            },
        )
}

/// A marks file as a JSON value: mostly well formed, for the seeds' document.
fn marks_value(hostile: bool) -> impl Strategy<Value = Value> {
    (
        prop_oneof![9 => Just("stance.marks/1".to_string()), 3 => Just("stance.marks/2".to_string()), 1 => text()],
        prop_oneof![9 => Just("tiny-example".to_string()), 1 => text()],
        text(),
        optional(text().prop_map(Value::from)),
        stamp(hostile),
        stamp(hostile),
        prop::collection::vec(mark(hostile), 0..6),
        prop::collection::vec(addition(hostile), 0..4),
    )
        .prop_map(|(schema, id, title, reader, created, updated, marks, additions)| {
            let mut v = json!({
                "schema": schema,
                "document": {"id": id, "title": title, "digest": "sha256:0"},
                "reader": reader,
                "created": created,
                "updated": updated,
                "marks": marks,
            });
            if !additions.is_empty() {
                v["reader_id"] = Value::from("r0");
                v["additions"] = Value::from(additions);
            }
            v
        })
}

/// The text of a marks file: a random one, or a seed with mutations.
fn marks_text(hostile: bool) -> impl Strategy<Value = String> {
    const SEEDS: &[&str] = &[
        OK_MARKS,
        ESCAPES_MARKS,
        CHINESE_MARKS,
        ADDITIONS_MARKS,
        ADDITIONS_ESCAPES_MARKS,
    ];
    prop_oneof![
        2 => marks_value(hostile).prop_map(|v| v.to_string()),
        1 => mutated(SEEDS).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// `v` with only the first mark on each node.
fn one_mark_per_node(mut v: Value) -> Value {
    if let Some(marks) = v.get_mut("marks").and_then(Value::as_array_mut) {
        let mut seen = HashSet::new();
        marks.retain(|m| seen.insert(m["node"].to_string()));
    }
    v
}

/// The promises of a parsed marks file: its text fields are safe, and what
/// stance writes from it parses again to the same marks.
fn check_marks(file: MarksFile, doc: &Document) -> Result<Marks, TestCaseError> {
    let mut fields = vec![&file.document.id, &file.document.title];
    fields.extend(file.reader.as_ref());
    for m in &file.marks {
        fields.extend([&m.node, &m.text]);
        fields.extend(m.note.as_ref());
        fields.extend(m.quote.as_ref());
    }
    for a in &file.additions {
        fields.extend([&a.id, &a.text.zh, &a.text.en]);
        fields.extend([&a.quote, &a.paragraph, &a.note].into_iter().flatten());
        fields.extend(a.relations.iter().map(|r| &r.to));
    }
    for f in fields {
        if let Some(c) = raw_control(f) {
            return Err(TestCaseError::fail(format!(
                "a parsed marks field holds a raw U+{:04X}: {f:?}",
                c as u32
            )));
        }
    }
    let marks = Marks::from_file(file);
    let written = marks.to_json(doc);
    let reread = marks::parse("written.json", &written, Some(doc)).map_err(|r| {
        TestCaseError::fail(format!(
            "what stance writes does not parse:\n{r}\n{written}"
        ))
    })?;
    let again = Marks::from_file(reread);
    let keys = |m: &Marks| m.by_node.keys().cloned().collect::<BTreeSet<_>>();
    prop_assert_eq!(keys(&again), keys(&marks));
    for (id, m) in &marks.by_node {
        prop_assert_eq!(again.stance(id), m.stance);
        prop_assert_eq!(&again.by_node[id].note, &m.note);
    }
    prop_assert_eq!(again.additions(), marks.additions());
    // The reader's own nodes join the map; what cannot be placed is reported.
    let overlay = marks.with_overlay(doc);
    let doc = &overlay.doc;
    let a = stance::analysis::analyze(doc, &marks);
    for lang in [stance::tui::i18n::UiLang::En, stance::tui::i18n::UiLang::Zh] {
        assert_text_safe(
            "analysis",
            &stance::analysis::to_text(doc, &marks, &a, lang),
        )?;
    }
    let cx = Context {
        marks: Some(&marks),
        class: None,
    };
    assert_text_safe("brief with marks", &brief::brief(doc, Side::For, &cx))?;
    Ok(marks)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutated documents, through `load_text` and through the file reader.
    #[test]
    fn mutated_documents_load_or_are_refused_safely(
        bytes in mutated(&[OK_YAML, OK_JSON, ESCAPES_YAML, ESCAPES_JSON, CHINESE_YAML, CRLF_YAML]),
    ) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let loaded = timed("load_text", || load_text("mutated.yaml", text.clone()))?;
        check_loaded(&loaded, &text)?;

        // The same bytes from a file: the reader's checks (NUL, UTF-8, size) come first.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutated.yaml");
        std::fs::write(&path, &bytes).unwrap();
        let options = LoadOptions { max_bytes: 1024 * 1024 };
        let from_file = timed("load", || load(&Input::File(path.clone()), options))?;
        check_loaded(&from_file, &text)?;
        if bytes.contains(&0) || std::str::from_utf8(&bytes).is_err() {
            prop_assert!(from_file.report.has_errors(), "binary or non-UTF-8 bytes were accepted");
            prop_assert!(from_file.document.is_none());
        } else {
            prop_assert_eq!(
                from_file.usable().map(to_json),
                loaded.usable().map(to_json),
                "the file and the text load differently"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random and mutated marks files: parsed or refused, never a panic; what
    /// parses is safe and survives being written and read again.
    #[test]
    fn random_marks_files_parse_or_are_refused_safely(text in marks_text(false)) {
        let doc = &*DOC;
        let parsed = timed("marks::parse", || marks::parse("random.json", &text, Some(doc)))?;
        match parsed {
            Ok(file) => {
                prop_assert_eq!(&file.document.id, &doc.id);
                check_marks(file, doc)?;
            }
            Err(report) => {
                prop_assert!(report.has_errors());
                assert_text_safe("the marks report", &report.to_string())?;
            }
        }
        // Without a document (as `merge` reads them), the same text never panics either.
        let _ = marks::parse("random.json", &text, None);
    }

    /// Random groups of marks files merged as a class: the counts add up and the
    /// output is safe.
    #[test]
    fn random_classes_merge_safely(
        files in prop::collection::vec((marks_value(false), "[a-z]{1,8}"), 1..5),
    ) {
        let doc = &*DOC;
        let mut parsed = Vec::new();
        for (value, name) in &files {
            // One mark per node and file (a file that repeats a node is a known bug, below).
            let value = one_mark_per_node(value.clone());
            if let Ok(f) = marks::parse(&format!("{name}.json"), &value.to_string(), None) {
                parsed.push((format!("{name}.json"), f));
            }
        }
        let merged = timed("merge", || class::merge(parsed.clone()))?;
        let Ok((c, warnings)) = merged else {
            // Refused: only for no files, or files for different documents.
            let ids: HashSet<&str> = parsed.iter().map(|(_, f)| f.document.id.as_str()).collect();
            prop_assert!(parsed.is_empty() || ids.len() > 1);
            return Ok(());
        };
        let readers: HashSet<&String> = c.readers.iter().collect();
        prop_assert_eq!(readers.len(), c.readers.len(), "a reader counted twice");
        for n in &c.nodes {
            prop_assert!(n.votes() <= c.readers.len(), "{} votes from {} readers", n.votes(), c.readers.len());
            for note in &n.notes {
                prop_assert!(readers.contains(&note.reader));
            }
        }
        for w in &warnings {
            assert_text_safe("a merge warning", &stance::text::sanitize_line(&w.to_string()))?;
        }
        assert_text_safe("the class table", &class::table(&c))?;
        assert_text_safe("the class markdown", &class::markdown(&c))?;
        let json = serde_json::to_string(&c).unwrap();
        let back: ClassFile = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &c);
        // And the class beside the document in a brief.
        let by_node = c.nodes.iter().map(|n| (n.node.clone(), n.clone())).collect();
        let cx = Context { marks: None, class: Some(&by_node) };
        assert_text_safe("brief with a class", &brief::brief(doc, Side::For, &cx))?;
    }

    /// Class files as `stance read --class` and `brief --class` read them, with
    /// believable counts: the drawing code never panics and the bar has its width.
    #[test]
    fn class_files_with_believable_counts_draw(
        seed in prop::sample::select(vec![OK_CLASS, ESCAPES_CLASS]),
        counts in prop::collection::vec((0usize..1000, 0usize..1000, 0usize..1000), 1..4),
        width in 0usize..40,
    ) {
        let mut c: ClassFile = serde_json::from_str(seed).unwrap();
        for (n, (a, d, u)) in c.nodes.iter_mut().zip(counts) {
            (n.agree, n.dispute, n.unsure) = (a, d, u);
        }
        for n in &c.nodes {
            let bar = class::bar(n, width);
            prop_assert_eq!(bar.chars().count(), width);
            let _ = (n.votes(), n.contest());
        }
        let _ = class::table(&c);
        let _ = class::markdown(&c);
    }
}

// ---------------------------------------------------------------------------
// Known bugs: these fail today.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]

    fn every_string_of_a_parsed_marks_file_is_safe(text in marks_text(true)) {
        let doc = &*DOC;
        if let Ok(file) = marks::parse("random.json", &text, Some(doc)) {
            assert_no_raw_controls("marks file", &serde_json::to_value(&file).unwrap())?;
            let marks = Marks::from_file(file);
            for format in [ExportFormat::Json, ExportFormat::Markdown, ExportFormat::W3c] {
                assert_text_safe(&format!("export {format:?}"), &export(doc, &marks, format))?;
            }
        }
    }
}

#[test]

fn a_marks_file_with_a_byte_order_mark_parses() {
    let text = format!("\u{feff}{OK_MARKS}");
    let parsed = marks::parse("bom.json", &text, Some(&DOC));
    assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
}

#[test]

fn a_reader_named_after_a_hostile_file_is_shown_harmlessly() {
    let mut file = marks::parse("ok.json", OK_MARKS, None).unwrap();
    file.reader = None;
    let (c, _) = class::merge(vec![("evil\u{1b}[2J\u{202e}.json".to_string(), file)]).unwrap();
    for (what, text) in [
        ("table", class::table(&c)),
        ("markdown", class::markdown(&c)),
    ] {
        assert!(raw_control(&text).is_none(), "{what}: {text:?}");
    }
}

#[test]

fn class_files_with_absurd_counts_draw_without_panicking() {
    let mut c: ClassFile = serde_json::from_str(OK_CLASS).unwrap();
    for n in &mut c.nodes {
        (n.agree, n.dispute, n.unsure) = (usize::MAX, usize::MAX, 1);
    }
    let drawn = std::panic::catch_unwind(|| {
        c.nodes
            .iter()
            .map(|n| (class::bar(n, 10), n.votes(), n.contest()))
            .collect::<Vec<_>>()
    });
    assert!(drawn.is_ok(), "drawing a class split panicked");
}

#[test]

fn a_reader_who_repeats_a_node_counts_once() {
    let mut value: Value = serde_json::from_str(OK_MARKS).unwrap();
    let first = value["marks"][0].clone();
    let marks = value["marks"].as_array_mut().unwrap();
    for _ in 0..99 {
        marks.push(first.clone());
    }
    let file = marks::parse("stuffed.json", &value.to_string(), None).unwrap();
    let (c, _) = class::merge(vec![("stuffed.json".to_string(), file)]).unwrap();
    for n in &c.nodes {
        assert!(
            n.votes() <= c.readers.len(),
            "`{}` has {} votes from {} reader(s)",
            n.node,
            n.votes(),
            c.readers.len()
        );
    }
}
