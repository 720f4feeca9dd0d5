//! The HTML page in a real browser: Debian's headless Chromium, driven by its
//! command-line flags (`--dump-dom`, `--screenshot`, `--print-to-pdf`,
//! `--log-net-log`), loading the page from disk with script on and off.
//!
//! Chromium must be installed (`apt-get install chromium`; `.ci/run` installs
//! it when it is missing). Without it these tests fail and say so: a browser
//! test that passes without a browser proves nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

use scraper::{Html, Selector};
use stance::model::{Document, load_embedded};

/// One Chromium at a time: the machine has two cores and other work to do.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("STANCE_CHROMIUM") {
        return PathBuf::from(p);
    }
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|p| {
        std::env::split_paths(&p)
            .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
            .collect::<Vec<_>>()
    });
    std::iter::once(PathBuf::from("/usr/bin/chromium"))
        .chain(on_path)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "Chromium is not installed, and the browser tests need it: \
                 install it with `apt-get install chromium` (.ci/run does when it is missing), \
                 or name it in STANCE_CHROMIUM"
            )
        })
}

/// What one run of Chromium left behind.
struct Run {
    stdout: String,
    stderr: String,
    /// The requests pages made over the network, from Chromium's net log.
    page_requests: Vec<String>,
}

/// Runs headless Chromium on `url` with `extra` flags, in a profile of its
/// own under `dir`, logging its network activity and the pages' console.
fn run_chromium(dir: &Path, url: &str, extra: &[String]) -> Run {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let run = tempfile::tempdir_in(dir).unwrap();
    let netlog = run.path().join("net.json");
    let (out, err) = (run.path().join("stdout"), run.path().join("stderr"));
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            // Nothing leaves the machine even if a page asked; the net log still records the ask.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            run.path().join("profile").display()
        ))
        .arg(format!("--log-net-log={}", netlog.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("Chromium starts");
    // Only a hang reaches the limit; a slow machine never does.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > common::HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium hung on {url} for {:?}", common::HANG_LIMIT);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&err).unwrap_or_default();
    assert!(status.success(), "Chromium failed on {url}: {stderr}");
    Run {
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        page_requests: page_requests(&netlog),
        stderr,
    }
}

/// The network requests made on behalf of pages from disk: those whose
/// network isolation key is the `file://` site (Chromium's own background
/// requests have keys of their own). Anything but a file URL counts.
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).expect("Chromium wrote its net log");
    // Chromium may leave the log's last line unterminated when it exits; close it.
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the net log is JSON");
    let mut urls: Vec<String> = log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let p = &e["params"];
            let key = p["network_isolation_key"].as_str()?;
            let url = p["url"].as_str()?;
            (key.starts_with("file://") && !url.starts_with("file:")).then(|| url.to_string())
        })
        .collect();
    urls.dedup();
    urls
}

/// Lines the pages wrote to the console (Chromium logs them as `CONSOLE`).
fn console_lines(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .collect()
}

/// The built-in article's page, written by the real binary into `dir`.
fn write_page(dir: &Path) -> PathBuf {
    let page = dir.join("page.html");
    let o = common::stance_home(
        dir,
        &["export", "--format", "html", "-o", page.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    page
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// What the harness page measured in the frame holding the page.
struct Measured {
    /// The frame's document as it stood after loading (and acting, with script).
    dom: Html,
    results: serde_json::Value,
    run: Run,
}

/// Loads `page` in a frame of `width`×`height` inside a harness page whose
/// own script measures it; without `script`, the frame is sandboxed so the
/// page's script cannot run. With script the harness also switches the
/// language, folds and unfolds the tree and follows a link.
fn measure(dir: &Path, page: &Path, width: u32, height: u32, script: bool) -> Measured {
    measure_with(dir, page, (width, height), script, false)
}

/// As [`measure`]; with `print`, the screen prefers a dark theme and, once
/// the page is measured, the page's own print rules are applied to it as it
/// stands (what the browser does when printing, which its command line cannot
/// show otherwise), and its colours and open branches measured again.
fn measure_with(
    dir: &Path,
    page: &Path,
    (width, height): (u32, u32),
    script: bool,
    print: bool,
) -> Measured {
    let name = format!("harness-{width}-{script}-{print}.html");
    let print_js = if print { "true" } else { "false" };
    let sandbox = if script {
        ""
    } else {
        " sandbox=\"allow-same-origin\""
    };
    let act = if script { "true" } else { "false" };
    let harness = format!(
        r##"<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{{margin:0}}iframe{{border:0;display:block}}</style></head><body>
<iframe id="f"{sandbox} src="{src}" style="width:{width}px;height:{height}px"></iframe>
<pre id="out"></pre><textarea id="dom"></textarea>
<script>
var f = document.getElementById("f");
f.addEventListener("load", function () {{
  var w = f.contentWindow, d = f.contentDocument, r = {{}};
  function open() {{ return d.querySelectorAll("details[open]").length; }}
  r.title = d.title;
  r.scrollWidth = d.documentElement.scrollWidth;
  r.clientWidth = d.documentElement.clientWidth;
  r.innerWidth = w.innerWidth;
  // Elements past the right edge, for the failure message; a table in its own
  // scrolling box and text kept for screen readers only (clipped) do not count.
  r.wide = [];
  d.querySelectorAll("body *").forEach(function (e) {{
    var b = e.getBoundingClientRect();
    if (b.right > w.innerWidth + 1 && r.wide.length < 12 && !e.closest(".scroll, .sr")) r.wide.push(e.tagName + "." + e.className + " in #" + (e.closest("[id]") || {{}}).id + " " + Math.round(b.right));
  }});
  r.resources = w.performance.getEntriesByType("resource").map(function (e) {{ return e.name; }});
  r.jsShown = !d.querySelector(".js-only").hidden;
  r.details = d.querySelectorAll("details").length;
  r.openAtStart = open();
  r.background = w.getComputedStyle(d.body).backgroundColor;
  function finish() {{
    if ({print_js}) {{
      var rules = [];
      Array.prototype.forEach.call(d.styleSheets, function (sheet) {{
        Array.prototype.forEach.call(sheet.cssRules, function (rule) {{
          if (rule.media && rule.media.mediaText === "print") {{
            Array.prototype.forEach.call(rule.cssRules, function (inner) {{ rules.push(inner.cssText); }});
          }}
        }});
      }});
      r.printRules = rules.length;
      var style = d.createElement("style");
      style.textContent = rules.join("\n");
      d.head.appendChild(style);
      r.printBackground = w.getComputedStyle(d.body).backgroundColor;
      r.printColor = w.getComputedStyle(d.body).color;
      r.printControls = w.getComputedStyle(d.querySelector(".controls fieldset")).display;
      r.printOpen = open();
    }}
    document.getElementById("dom").textContent = d.documentElement.outerHTML;
    document.getElementById("out").textContent = JSON.stringify(r);
  }}
  if (!{act}) return finish();
  d.getElementById("switch-ui").click();
  r.classAfterSwitch = d.documentElement.className;
  r.langAfterSwitch = d.documentElement.lang;
  r.mapTitleAfterSwitch = d.getElementById("map-title").innerText;
  d.getElementById("switch-ui").click();
  r.mapTitleBack = d.getElementById("map-title").innerText;
  d.getElementById("collapse-all").click();
  r.openAfterCollapse = open();
  w.dispatchEvent(new Event("beforeprint"));
  r.openForPrint = open();
  w.dispatchEvent(new Event("afterprint"));
  r.openAfterPrint = open();
  d.getElementById("expand-all").click();
  r.openAfterExpand = open();
  d.getElementById("mode-original").click();
  r.translationShown = d.querySelector(".para .trans").offsetParent !== null;
  r.originalShown = d.querySelector(".para .orig").offsetParent !== null;
  d.getElementById("mode-both").click();
  var link = d.querySelector("#map ul.tree li li a.label");
  r.followed = link.getAttribute("href");
  link.click();
  setTimeout(function () {{
    r.focused = d.activeElement ? d.activeElement.id : null;
    r.hash = w.location.hash;
    finish();
  }}, 100);
}});
</script></body></html>"##,
        src = page.file_name().unwrap().to_str().unwrap(),
    );
    let path = dir.join(name);
    std::fs::write(&path, harness).unwrap();
    let mut flags = vec![
        "--dump-dom".to_string(),
        "--virtual-time-budget=5000".into(),
        format!("--window-size={},{}", width + 20, height + 200),
    ];
    if print {
        flags.push("--force-dark-mode".into());
    }
    let run = run_chromium(dir, &file_url(&path), &flags);
    let outer = Html::parse_document(&run.stdout);
    let results = outer
        .select(&sel("#out"))
        .next()
        .map(|e| e.text().collect::<String>())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| panic!("the harness measured nothing: {}", run.stderr));
    let results: serde_json::Value = serde_json::from_str(&results).unwrap();
    let dom: String = outer.select(&sel("#dom")).next().unwrap().text().collect();
    Measured {
        dom: Html::parse_document(&dom),
        results,
        run,
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

fn embedded() -> Document {
    load_embedded()
        .document
        .expect("the built-in article loads")
}

/// The title, the 55 paragraphs, every node and every relation are in the DOM.
fn assert_whole(dom: &Html, doc: &Document) {
    let title: String = dom.select(&sel("title")).next().unwrap().text().collect();
    assert_eq!(title, doc.title.get(doc.lang));
    assert_eq!(dom.select(&sel("#article div.para")).count(), 55);
    let labels = doc.labels();
    for (n, label) in doc.nodes.iter().zip(&labels) {
        let found = dom
            .select(&sel(&format!("article.node[id=\"{label}\"][data-node]")))
            .next()
            .unwrap_or_else(|| panic!("{label} ({}) is not in the DOM", n.id));
        assert_eq!(found.value().attr("data-node"), Some(n.id.as_str()));
    }
    for r in &doc.relations {
        let from = &labels[doc.node_index(&r.from).unwrap()];
        let to = &labels[doc.node_index(&r.to).unwrap()];
        let link = sel(&format!(
            "article[id=\"{from}\"] li.r-{} a[href=\"#{to}\"]",
            r.kind.name()
        ));
        assert!(
            dom.select(&link).next().is_some(),
            "{from} {:?} {to}",
            r.kind
        );
    }
}

fn assert_quiet(run: &Run) {
    // The one message a sandboxed frame gets: the browser saying it kept the
    // page's script from running, which is what the harness asked for.
    let sandboxed =
        "because the document's frame is sandboxed and the 'allow-scripts' permission is not set";
    let lines: Vec<&str> = console_lines(run)
        .into_iter()
        .filter(|l| !l.contains(sandboxed))
        .collect();
    assert_eq!(lines, Vec::<&str>::new(), "console messages");
    assert_eq!(run.page_requests, Vec::<String>::new(), "network requests");
}

#[test]
fn without_script_the_page_shows_the_whole_argument_as_nested_lists() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    let doc = embedded();
    let m = measure(dir.path(), &page, 1280, 800, false);
    assert_whole(&m.dom, &doc);
    let r = &m.results;
    assert_eq!(r["jsShown"], false, "the page's script did not run");
    assert_eq!(r["title"], doc.title.get(doc.lang));
    // The tree is nested lists, open from the start.
    assert!(r["details"].as_u64().unwrap() > 5);
    assert_eq!(r["openAtStart"], r["details"]);
    assert!(m.dom.select(&sel("#map ul.tree li ul li")).next().is_some());
    assert_eq!(r["resources"].as_array().unwrap().len(), 0);
    assert_quiet(&m.run);
}

#[test]
fn with_script_the_page_switches_language_folds_the_tree_and_follows_links() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    let doc = embedded();
    let m = measure(dir.path(), &page, 1280, 800, true);
    assert_whole(&m.dom, &doc);
    let r = &m.results;
    assert_eq!(r["jsShown"], true);
    assert_eq!(r["langAfterSwitch"], "zh");
    assert!(r["classAfterSwitch"].as_str().unwrap().contains("ui-zh"));
    assert_eq!(r["mapTitleAfterSwitch"], "论证");
    assert_eq!(r["mapTitleBack"], "The argument");
    let details = r["details"].as_u64().unwrap();
    assert!(details > 5);
    assert_eq!(r["openAfterCollapse"], 0);
    assert_eq!(r["openForPrint"], details, "printing opens the whole tree");
    assert_eq!(r["openAfterPrint"], 0, "and folds it back after");
    assert_eq!(r["openAfterExpand"], details);
    assert_eq!(r["translationShown"], false);
    assert_eq!(r["originalShown"], true);
    // Following a link from the tree lands on the node's details, focused.
    let href = r["followed"].as_str().unwrap();
    assert_eq!(r["hash"], href);
    assert_eq!(format!("#{}", r["focused"].as_str().unwrap()), href);
    assert_eq!(r["resources"].as_array().unwrap().len(), 0);
    assert_quiet(&m.run);
}

/// The PNG's width and height, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).expect("a screenshot");
    assert_eq!(&bytes[1..4], b"PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn nothing_overflows_a_desktop_screen_or_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    for (w, h) in [(1280, 800), (390, 844)] {
        for script in [true, false] {
            let m = measure(dir.path(), &page, w, h, script);
            let r = &m.results;
            assert_eq!(r["innerWidth"], w);
            assert!(
                r["scrollWidth"].as_u64().unwrap() <= r["clientWidth"].as_u64().unwrap(),
                "{w}×{h}, script {script}: the page is wider than the screen: {r}"
            );
            assert_eq!(r["wide"].as_array().unwrap().len(), 0, "{w}×{h}: {r}");
            assert_quiet(&m.run);
        }
        let shot = dir.path().join(format!("shot-{w}.png"));
        let run = run_chromium(
            dir.path(),
            &file_url(&page),
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={w},{h}"),
            ],
        );
        assert_eq!(png_size(&shot), (w, h));
        // A blank screen compresses to a few kilobytes; the page's first screen
        // of text and highlights to tens of them.
        let bytes = std::fs::metadata(&shot).unwrap().len();
        assert!(
            bytes > 30_000,
            "the {w}×{h} screenshot looks blank ({bytes} bytes)"
        );
        assert_quiet(&run);
    }
}

#[test]
fn the_page_prints_on_a_sane_number_of_pages() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    let pdf = dir.path().join("page.pdf");
    let run = run_chromium(
        dir.path(),
        &file_url(&page),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
    );
    assert_quiet(&run);
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = bytes
        .windows(11)
        .filter(|w| w.starts_with(b"/Type /Page") && !w.ends_with(b"s"))
        .count();
    // 55 paragraphs in two languages, the tree, every node's details and the
    // figures: some tens of pages, not one and not hundreds.
    assert!((10..=150).contains(&pages), "{pages} pages");
}

/// The watchers themselves can fail: a page that fetches an image and logs
/// an error is caught by both.
#[test]
fn a_page_that_fetches_or_logs_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><title>bad</title><img src=\"http://stance-test.invalid/x.png\" alt=\"\"><script>console.error(\"oops\")</script>",
    )
    .unwrap();
    let run = run_chromium(dir.path(), &file_url(&bad), &["--dump-dom".into()]);
    assert_eq!(run.page_requests, ["http://stance-test.invalid/x.png"]);
    assert_eq!(console_lines(&run).len(), 1, "{}", run.stderr);
}

/// Bright enough to be a paper background: each channel of `rgb(r, g, b)` at least 240.
fn light(css: &serde_json::Value) -> bool {
    let css = css.as_str().unwrap_or("");
    let channels: Vec<u32> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    channels.len() == 3 && channels.iter().all(|&c| c >= 240)
}

#[test]
fn printing_gives_a_light_page_with_the_tree_open_even_from_a_dark_screen() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path());
    for script in [false, true] {
        let m = measure_with(dir.path(), &page, (1280, 800), script, true);
        let r = &m.results;
        assert!(!light(&r["background"]), "the screen is dark as asked: {r}");
        assert!(r["printRules"].as_u64().unwrap() > 3, "{r}");
        assert!(light(&r["printBackground"]), "printed on white: {r}");
        assert_eq!(r["printColor"], "rgb(0, 0, 0)");
        assert_eq!(r["printControls"], "none", "the switches are not printed");
        // Without script the tree is open from the start; with it, the harness
        // folded and unfolded it, and printing opens every branch.
        assert_eq!(r["printOpen"], r["details"], "{r}");
        assert_quiet(&m.run);
    }
}

/// A page with a class from a class folder (`--class-dir`): two readers, one
/// of them with an argument of their own whose words are one long unbroken run.
fn write_class_page(dir: &Path) -> PathBuf {
    use stance::marks::additions::{AdditionRelation, Draft};
    use stance::marks::{Marks, Stance};
    use stance::model::{Bilingual, NodeKind, RelationKind};
    let doc = load_embedded().document.unwrap();
    let class = dir.join("class");
    std::fs::create_dir(&class).unwrap();
    let thesis = doc.node_index("c-thesis").unwrap();
    let mut ana = Marks::new(&doc, Some("ana".into()));
    ana.set_stance(&doc, thesis, Some(Stance::Dispute));
    let mut d = Draft::new(
        NodeKind::Rebuttal,
        Bilingual {
            zh: "一个实验室的运气不是政策".repeat(8),
            en: "One-lab's-luck-is-not-a-policy-".repeat(8),
        },
    );
    d.relations.push(AdditionRelation {
        to: "c-thesis".into(),
        kind: RelationKind::Rebuts,
        link: None,
    });
    ana.add_addition(d);
    std::fs::write(class.join("ana.marks.json"), ana.to_json(&doc)).unwrap();
    let mut bo = Marks::new(&doc, Some("bo".into()));
    bo.set_stance(&doc, thesis, Some(Stance::Agree));
    bo.set_note(&doc, thesis, &"a-note-without-a-single-space-".repeat(6));
    std::fs::write(class.join("bo.marks.json"), bo.to_json(&doc)).unwrap();
    let page = dir.join("class-page.html");
    let o = common::stance_home(
        dir,
        &[
            "export",
            "--format",
            "html",
            "--reader",
            "zed",
            "--class-dir",
            class.to_str().unwrap(),
            "-o",
            page.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    page
}

#[test]
fn a_class_folders_page_with_students_own_arguments_fits_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let page = write_class_page(dir.path());
    for script in [true, false] {
        let m = measure(dir.path(), &page, 390, 844, script);
        let r = &m.results;
        assert!(
            r["scrollWidth"].as_u64().unwrap() <= r["clientWidth"].as_u64().unwrap(),
            "script {script}: the page is wider than the phone: {r}"
        );
        assert_eq!(
            r["wide"].as_array().unwrap().len(),
            0,
            "script {script}: {r}"
        );
        assert_quiet(&m.run);
        let own: Vec<String> = m
            .dom
            .select(&sel("#class ul.class-own li.own"))
            .map(|li| li.text().collect())
            .collect();
        assert_eq!(own.len(), 1, "script {script}");
        assert!(own[0].contains("by ana"), "{}", own[0]);
        assert_eq!(m.dom.select(&sel("#class ol.class > li")).count(), 1);
    }
}
