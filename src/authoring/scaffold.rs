//! From a plain-text or Markdown article to a document skeleton an author fills in.
//!
//! [`scaffold`] finds the article's title, sections and paragraphs and writes
//! them as authoring YAML: every paragraph verbatim with an empty translation,
//! stable ids (`s0` for an opening without a heading, `s1`, `s1p3`…), and a
//! commented example of a claim, a piece of evidence and an editorial
//! rebuttal that quote the article itself, so that removing the `# ` in front
//! of them gives a document that loads.
//!
//! # How the article is split
//!
//! * **Paragraphs** are separated by blank lines; the lines of one paragraph
//!   are joined (with a space between Latin text, with nothing where Chinese
//!   is involved, since a line break in Chinese is not a space). When the text
//!   has no blank line at all after its title, as Chinese text copied from a
//!   web page often has not, every line is a paragraph.
//! * **The title** is the first line (a Markdown `# Title` without its `#`s,
//!   or the `title:` of YAML front matter).
//! * **Headings.** In Markdown (a `.md` file, or any `#` heading or `===`/`---`
//!   underlined heading in the text), exactly the Markdown headings, of any
//!   level. In plain text, a line standing alone is a heading when all of:
//!   it is one line between blank lines; it is at most [`HEADING_MAX_WIDTH`]
//!   display columns wide (20 Chinese characters, or about six English
//!   words); it holds a letter; it does not end with punctuation that ends or
//!   continues a sentence (`。.!?…;:,、—`, full-width or not, also before a
//!   closing quote or bracket); it is not a list item (`- `, `* `, `• `); it is
//!   not the first paragraph after the title (that is a lede, a subtitle or a
//!   byline more often than a heading); and the paragraph after it exists and
//!   is not itself such a line (a heading introduces text: a run of short
//!   lines is a list or a verse, and a short last line is a sign-off).
//! * Markdown markup is removed from the text (emphasis, links, inline code,
//!   list and quote markers, horizontal rules, HTML comments, images), so
//!   quotes can be copied from what the reader shows.

use std::fmt::Write as _;
use std::path::Path;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::{Lang, SCHEMA};

/// Widest line, in display columns, that plain text can have as a heading.
///
/// Twenty Chinese characters or about six English words: the built-in
/// article's headings are 4 to 18 columns, and English headings run longer
/// than Chinese ones for the same content.
pub const HEADING_MAX_WIDTH: usize = 40;

/// The file name the scaffold's `$schema` line refers to, next to the YAML file.
///
/// A relative path, resolved by YAML language servers against the YAML
/// file's own folder: stance's users have the binary, not the repository, so
/// the schema is written beside the document (`stance new` does it, or
/// `stance schema > content.schema.json`).
pub const SCHEMA_FILE_NAME: &str = "content.schema.json";

/// What the untitled opening is called, in each language.
const OPENING: (&str, &str) = ("开篇", "Opening");

/// The article as found in a text: its title and its sections in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The title: the first line or heading, or a name made from the file name
    /// when the text has none.
    pub title: String,
    /// The sections in order; the first has no heading when the article opens
    /// without one.
    pub sections: Vec<ArticleSection>,
}

/// One section of an [`Article`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSection {
    /// The heading as written, or `None` for an opening without one.
    pub heading: Option<String>,
    /// The paragraphs' text, in order.
    pub paragraphs: Vec<String>,
}

/// Scaffolds authoring YAML from an article's text, with the `$schema` line
/// pointing at [`SCHEMA_FILE_NAME`] beside the YAML file.
///
/// `lang` is the article's language (its text becomes the original, the other
/// language is left empty for the translation); `source_name` is the article's
/// file name, which gives the document's id and says whether it is Markdown.
/// The result loads with warnings only (missing translations), whatever the text.
pub fn scaffold(text: &str, lang: Lang, source_name: &str) -> String {
    scaffold_with_schema(text, lang, source_name, SCHEMA_FILE_NAME)
}

/// Like [`scaffold`], with the `$schema` line pointing at `schema_ref` (a URL,
/// or a path relative to the YAML file).
pub fn scaffold_with_schema(text: &str, lang: Lang, source_name: &str, schema_ref: &str) -> String {
    let article = split_article(text, source_name);
    render(&article, lang, source_name, schema_ref)
}

/// Finds the title, sections and paragraphs of an article (see the module
/// documentation for the rules). `source_name` says whether it is Markdown.
pub fn split_article(text: &str, source_name: &str) -> Article {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Windows and old Mac line endings, so that no `\r` is left inside a line.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let front = take_front_matter(&mut lines);
    let markdown = front.is_some() || is_markdown_name(source_name) || has_markdown_heading(&lines);
    let mut blocks = if markdown {
        markdown_blocks(&lines)
    } else {
        plain_blocks(&lines)
    };
    let title = match front.flatten() {
        Some(t) => {
            // The same title repeated as the first heading is not a section.
            if matches!(blocks.first(), Some(Block::Heading(h)) if *h == t) {
                blocks.remove(0);
            }
            t
        }
        None if blocks.is_empty() => String::new(),
        None => match blocks.remove(0) {
            Block::Heading(h) | Block::Code(h) => h,
            Block::Text(mut lines) => {
                let first = lines.remove(0);
                if !lines.is_empty() {
                    // The rest of the title's block is the article's first paragraph.
                    blocks.insert(0, Block::Text(lines));
                }
                first
            }
        },
    };
    let title = if markdown {
        strip_inline(&title)
    } else {
        title
    };
    let title = if title.trim().is_empty() {
        match document_id(source_name) {
            id if id == "article" => "Untitled".to_string(),
            id => id,
        }
    } else {
        title
    };
    assemble(title, blocks, markdown)
}

/// Groups the blocks after the title into sections.
fn assemble(title: String, blocks: Vec<Block>, markdown: bool) -> Article {
    let candidate: Vec<bool> = blocks
        .iter()
        .map(|b| !markdown && b.is_heading_candidate())
        .collect();
    // What a heading standing alone must introduce: text that is not itself a
    // heading of either sort.
    let introduces: Vec<bool> = blocks
        .iter()
        .zip(&candidate)
        .map(|(b, &c)| !c && !matches!(b, Block::Heading(_)))
        .collect();
    let mut sections: Vec<ArticleSection> = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let heading = match &block {
            Block::Heading(h) => Some(h.clone()),
            Block::Text(lines) if candidate[i] && i > 0 && introduces.get(i + 1) == Some(&true) => {
                lines.first().cloned()
            }
            _ => None,
        };
        if let Some(h) = heading {
            let h = if markdown { strip_inline(&h) } else { h };
            if h.trim().is_empty() {
                // Markup with no text (`# ``  ```): no title to give a section.
                continue;
            }
            sections.push(ArticleSection {
                heading: Some(h),
                paragraphs: Vec::new(),
            });
            continue;
        }
        let text = match block {
            Block::Text(lines) => {
                let joined = join_lines(&lines);
                if markdown {
                    strip_inline(&joined)
                } else {
                    joined
                }
            }
            Block::Code(c) => c,
            Block::Heading(_) => continue,
        };
        if text.trim().is_empty() {
            continue;
        }
        match sections.last_mut() {
            Some(s) => s.paragraphs.push(text),
            None => sections.push(ArticleSection {
                heading: None,
                paragraphs: vec![text],
            }),
        }
    }
    Article { title, sections }
}

/// A run of text between blank lines, a Markdown heading, or a fenced code block.
#[derive(Debug)]
enum Block {
    /// The lines of a paragraph, each trimmed.
    Text(Vec<String>),
    /// A heading as written, without its markup.
    Heading(String),
    /// The content of a fenced code block, its lines joined by spaces.
    Code(String),
}

impl Block {
    /// Whether plain text could have this block as a heading standing alone.
    fn is_heading_candidate(&self) -> bool {
        let Block::Text(lines) = self else {
            return false;
        };
        let [line] = lines.as_slice() else {
            return false;
        };
        let trimmed = line.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
        UnicodeWidthStr::width(line.as_str()) <= HEADING_MAX_WIDTH
            && line.chars().any(char::is_alphabetic)
            && !trimmed.ends_with(|c: char| SENTENCE_PUNCTUATION.contains(&c))
            && !["- ", "* ", "• ", "· "].iter().any(|m| line.starts_with(m))
    }
}

/// Punctuation that ends a sentence or says it goes on: a line ending with one is text.
const SENTENCE_PUNCTUATION: [char; 21] = [
    '.', '。', '．', '!', '！', '?', '？', '…', ';', '；', ':', '：', ',', '，', '、', '—', '–',
    '-', '～', '~', '‥',
];

/// Closing quotes and brackets, looked through to the punctuation before them.
const CLOSERS: [char; 14] = [
    '"', '\'', '”', '’', '）', ')', '」', '』', '】', '》', '〉', ']', '〕', '»',
];

/// Blocks of plain text: blank-line separated, or one per line when the text
/// after the title has no blank line at all. An `===` or `---` line under a
/// single line makes that line a heading.
fn plain_blocks(lines: &[&str]) -> Vec<Block> {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let body_has_blank = first.is_some_and(|f| {
        let body = &lines[f + 1..];
        let last = body.iter().rposition(|l| !l.trim().is_empty());
        let start = body.iter().position(|l| !l.trim().is_empty());
        match (start, last) {
            (Some(s), Some(e)) => body[s..=e].iter().any(|l| l.trim().is_empty()),
            _ => false,
        }
    });
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut current, &mut blocks);
        } else if current.len() == 1 && is_setext_underline(t) {
            blocks.push(Block::Heading(current.remove(0)));
        } else {
            current.push(t.to_string());
            // One paragraph per line when there are no blank lines; the title
            // line always stands alone. Either waits for an underline below it.
            let underlined = lines
                .get(i + 1)
                .is_some_and(|n| is_setext_underline(n.trim()));
            if (!body_has_blank || first == Some(i)) && !underlined {
                flush(&mut current, &mut blocks);
            }
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// Blocks of Markdown: headings, paragraphs, list items (one paragraph each),
/// block quotes and fenced code; horizontal rules and HTML comments are dropped.
fn markdown_blocks(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fence: Option<(char, usize, Vec<String>)> = None;
    let mut in_comment = false;
    for line in lines {
        if let Some((c, n, body)) = fence.as_mut() {
            let t = line.trim();
            if t.chars().all(|x| x == *c) && t.chars().count() >= *n {
                let code = std::mem::take(body).join(" ");
                if !code.trim().is_empty() {
                    blocks.push(Block::Code(code.trim().to_string()));
                }
                fence = None;
            } else {
                body.push(line.trim().to_string());
            }
            continue;
        }
        let mut t = line.trim();
        if in_comment {
            if let Some(end) = t.find("-->") {
                in_comment = false;
                t = t[end + 3..].trim();
                if t.is_empty() {
                    continue;
                }
            } else {
                continue;
            }
        }
        if let Some(rest) = t.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(end) if rest[end + 3..].trim().is_empty() => continue,
                Some(_) => {}
                None => {
                    flush(&mut current, &mut blocks);
                    in_comment = true;
                    continue;
                }
            }
        }
        // Block quotes: the text inside counts as text.
        while let Some(rest) = t.strip_prefix('>') {
            t = rest.trim();
        }
        if t.is_empty() {
            flush(&mut current, &mut blocks);
            continue;
        }
        if let Some((c, n)) = fence_open(t) {
            flush(&mut current, &mut blocks);
            fence = Some((c, n, Vec::new()));
            continue;
        }
        if let Some(h) = atx_heading(t) {
            flush(&mut current, &mut blocks);
            if !h.is_empty() {
                blocks.push(Block::Heading(h));
            }
            continue;
        }
        if !current.is_empty() && is_setext_underline(t) {
            let heading = join_lines(&current);
            current.clear();
            blocks.push(Block::Heading(heading));
            continue;
        }
        if is_thematic_break(t) {
            flush(&mut current, &mut blocks);
            continue;
        }
        if let Some(item) = list_item(t) {
            flush(&mut current, &mut blocks);
            current.push(item.to_string());
            continue;
        }
        if is_image_only(t) {
            continue;
        }
        current.push(t.to_string());
    }
    if let Some((_, _, body)) = fence {
        // An unclosed fence runs to the end of the text, as in CommonMark.
        let code = body.join(" ");
        if !code.trim().is_empty() {
            blocks.push(Block::Code(code.trim().to_string()));
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn flush(current: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if !current.is_empty() {
        blocks.push(Block::Text(std::mem::take(current)));
    }
}

/// `# Heading` (up to six `#`, then a space or nothing), without the `#`s,
/// including closing ones.
fn atx_heading(t: &str) -> Option<String> {
    let level = t.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim()
    } else {
        rest
    };
    Some(text.to_string())
}

fn is_setext_underline(t: &str) -> bool {
    t.chars().count() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

fn is_thematic_break(t: &str) -> bool {
    let marks: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.iter().all(|&c| c == m))
}

fn fence_open(t: &str) -> Option<(char, usize)> {
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// The text of a list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`), if `t` is one.
fn list_item(t: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim_start());
        }
    }
    None
}

fn is_image_only(t: &str) -> bool {
    t.starts_with("![") && t.ends_with(')') && t.matches("](").count() == 1
}

/// Whether any line is a Markdown heading: `# x`, or a line underlined with
/// `===`/`---` (a `---` under a blank line is a rule, not a heading).
fn has_markdown_heading(lines: &[&str]) -> bool {
    lines.iter().enumerate().any(|(i, l)| {
        let t = l.trim();
        atx_heading(t).is_some_and(|h| !h.is_empty())
            || (i > 0
                && is_setext_underline(t)
                && !lines[i - 1].trim().is_empty()
                && !is_setext_underline(lines[i - 1].trim())
                && (i < 2 || lines[i - 2].trim().is_empty()))
    })
}

fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".mdown", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Removes YAML front matter (`---` … `---` at the very top): `None` when
/// there is none, else its `title:` if it has one.
fn take_front_matter(lines: &mut Vec<&str>) -> Option<Option<String>> {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return None;
    }
    let end = lines
        .iter()
        .skip(1)
        .take(200)
        .position(|l| matches!(l.trim(), "---" | "..."))?
        + 1;
    let title = lines[1..end]
        .iter()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| {
            let t = t.trim();
            let unquoted = t
                .strip_prefix('"')
                .and_then(|x| x.strip_suffix('"'))
                .or_else(|| t.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
                .unwrap_or(t);
            unquoted.to_string()
        })
        .filter(|t| !t.trim().is_empty());
    lines.drain(..=end);
    Some(title)
}

/// Joins the lines of one paragraph: a space between Latin text, nothing where
/// a line ends or starts with a wide (Chinese) character.
fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let last_wide = out.chars().last().is_some_and(is_wide);
        let first_wide = line.chars().next().is_some_and(is_wide);
        if !out.is_empty() && !last_wide && !first_wide {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn is_wide(c: char) -> bool {
    UnicodeWidthChar::width(c) == Some(2)
}

/// How far ahead a link's `(url)` or an autolink's `>` may be: far enough for
/// any real link.
const INLINE_REACH: usize = 2_000;

/// Removes inline Markdown: `**strong**`, `*em*`, `_em_`, `` `code` ``,
/// `[text](url)`, `![alt](url)`, `<https://autolinks>` and backslash escapes.
///
/// Every search is prepared in one pass over the text (matching brackets,
/// the next `)`, `>` and space), so the work is linear whatever the text
/// holds, and nothing recurses, so nesting cannot exhaust the stack.
fn strip_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut drop = emphasis_delimiters(&chars);
    drop_link_syntax(&chars, &mut drop);
    let next_gt = next_of(&chars, |c| c == '>');
    let next_space = next_of(&chars, char::is_whitespace);
    let mut out = String::with_capacity(s.len());
    // Backtick run lengths known to have no closing run further on.
    let mut unclosed: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            _ if drop[i] => i += 1,
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = run_length(&chars, i);
                let close = if unclosed.contains(&n) {
                    None
                } else {
                    // A closing run found is consumed with everything before
                    // it, and a length with none is remembered: each character
                    // is scanned a bounded number of times.
                    let found = (i + n..chars.len()).find(|&j| {
                        chars[j] == '`' && chars[j - 1] != '`' && run_length(&chars, j) == n
                    });
                    if found.is_none() {
                        unclosed.push(n);
                    }
                    found
                };
                match close {
                    Some(j) => {
                        let inner: String = chars[i + n..j].iter().collect();
                        out.push_str(inner.trim());
                        i = j + n;
                    }
                    None => {
                        out.extend(&chars[i..i + n]);
                        i += n;
                    }
                }
            }
            '<' => {
                let rest = |prefix: &str| {
                    prefix
                        .chars()
                        .enumerate()
                        .all(|(k, p)| chars.get(i + 1 + k) == Some(&p))
                };
                let j = next_gt[i];
                let url = (rest("http://") || rest("https://") || rest("mailto:"))
                    && j < chars.len()
                    && j - i <= INLINE_REACH
                    && next_space[i] > j;
                if url {
                    out.extend(&chars[i + 1..j]);
                    i = j + 1;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// For each position, where the next character matching `is` is (the text's
/// length when there is none).
fn next_of(chars: &[char], is: impl Fn(char) -> bool) -> Vec<usize> {
    let mut next = vec![chars.len(); chars.len()];
    let mut seen = chars.len();
    for (i, &c) in chars.iter().enumerate().rev() {
        if is(c) {
            seen = i;
        }
        next[i] = seen;
    }
    next
}

/// Marks the syntax of links and images to drop: `[`, `](url)` and an
/// image's `!`, keeping the text between the brackets in place.
fn drop_link_syntax(chars: &[char], drop: &mut [bool]) {
    let next_paren = next_of(chars, |c| c == ')');
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' if i == 0 || chars[i - 1] != '\\' => open.push(i),
            ']' if i == 0 || chars[i - 1] != '\\' => {
                let Some(start) = open.pop() else { continue };
                if chars.get(i + 1) != Some(&'(') {
                    continue;
                }
                let end = next_paren[i];
                if end >= chars.len() || end - i > INLINE_REACH {
                    continue;
                }
                drop[start] = true;
                if start > 0 && chars[start - 1] == '!' {
                    drop[start - 1] = true;
                }
                drop[i..=end].iter_mut().for_each(|d| *d = true);
            }
            _ => {}
        }
    }
}

fn run_length(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|&&x| x == chars[i]).count()
}

/// Which characters are emphasis delimiters to drop: runs of one to three `*`
/// or `_` that touch text on the side they open or close, paired with the
/// nearest earlier run of the same kind, as CommonMark pairs them (simplified).
/// A lone `*` (as in `5 * 3`) and `_` inside a word (snake_case) stay.
fn emphasis_delimiters(chars: &[char]) -> Vec<bool> {
    let mut drop = vec![false; chars.len()];
    // Open runs waiting for their closer: (start, character, length).
    let mut open: Vec<(usize, char, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '*' && c != '_' {
            i += 1;
            continue;
        }
        let n = run_length(chars, i);
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + n).copied();
        let in_word = c == '_'
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        let escaped = prev == Some('\\');
        if n <= 3 && !in_word && !escaped {
            let closes = prev.is_some_and(|x| !x.is_whitespace());
            let opens = next.is_some_and(|x| !x.is_whitespace());
            // Only the few most recent openers are looked at, so that the work
            // stays linear on a line of unpaired delimiters.
            let partner = closes
                .then(|| {
                    open.iter()
                        .rev()
                        .take(8)
                        .position(|&(_, oc, on)| oc == c && on == n)
                        .map(|back| open.len() - 1 - back)
                })
                .flatten();
            if let Some(k) = partner {
                let (start, _, len) = open[k];
                drop[start..start + len].iter_mut().for_each(|d| *d = true);
                drop[i..i + n].iter_mut().for_each(|d| *d = true);
                open.truncate(k);
            } else if opens {
                open.push((i, c, n));
            }
        }
        i += n;
    }
    drop
}

/// The document id for an article file: its name without folders and
/// extension, lowercased, with anything but letters, digits, `-`, `_` and `.`
/// turned into `-`; `article` when nothing is left (as for standard input, `-`).
pub fn document_id(source_name: &str) -> String {
    let stem = Path::new(source_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_matches(['-', '.']).chars().take(64).collect();
    let id = id.trim_end_matches(['-', '.']).to_string();
    if id.is_empty() {
        "article".to_string()
    } else {
        id
    }
}

/// The article's language for `stance new` without `--lang` ([`Lang::guess`]).
pub fn guess_lang(text: &str) -> Lang {
    Lang::guess([text])
}

/// Writes the YAML.
fn render(article: &Article, lang: Lang, source_name: &str, schema_ref: &str) -> String {
    let (orig, other) = (lang.code(), lang.other().code());
    let id = document_id(source_name);
    let shown_name = crate::text::sanitize_line(source_name).replace('\n', " ");
    let mut y = String::new();
    let file = if shown_name.is_empty() {
        "the article".to_string()
    } else {
        shown_name
    };
    let _ = writeln!(y, "# yaml-language-server: $schema={schema_ref}");
    let _ = writeln!(y, "#");
    let _ = writeln!(
        y,
        "# Scaffolded from {file} by `stance new`. What is left to do:"
    );
    let _ = writeln!(
        y,
        "#   1. Check the sections and paragraphs against the article; fix the title of the"
    );
    let _ = writeln!(
        y,
        "#      untitled opening if there is one (it is a label, not the article's)."
    );
    let _ = writeln!(
        y,
        "#   2. Translate: fill in each `{other}: \"\"` (until then `stance check` warns)."
    );
    let _ = writeln!(
        y,
        "#   3. Mark the argument under `nodes:`; an example is there to copy."
    );
    let _ = writeln!(
        y,
        "# `stance check FILE` lists what is wrong and what the encoding still lacks;"
    );
    let _ = writeln!(
        y,
        "# `stance read FILE` shows it. Format reference: README.md, \"The content format\"."
    );
    let _ = writeln!(y, "schema: {SCHEMA}");
    let _ = writeln!(y, "id: {}", crate::model::yaml_quoted(&id));
    let _ = writeln!(y, "lang: {orig}");
    let _ = writeln!(y, "title: {}", text_pair(lang, &article.title, ""));
    let _ = writeln!(
        y,
        "# Where the article comes from (every field is optional):"
    );
    let _ = writeln!(y, "# source:");
    let _ = writeln!(y, "#   publisher: \"\"");
    let _ = writeln!(y, "#   author: \"\"");
    let _ = writeln!(y, "#   url: \"\"");
    let _ = writeln!(
        y,
        "#   captured: \"\"              # when it was captured, such as \"2026-03-04\""
    );
    let _ = writeln!(
        y,
        "# thesis: c-main               # the id of the article's main claim, once it is marked"
    );

    let _ = writeln!(y, "sections:");
    // A text with no paragraphs still gets its opening section, empty, so the
    // document has a place for them (`stance check` warns that it is empty)
    // and every view has a section to show.
    let placeholder = [ArticleSection {
        heading: None,
        paragraphs: Vec::new(),
    }];
    let sections = if article.sections.is_empty() {
        &placeholder[..]
    } else {
        &article.sections[..]
    };
    // The untitled opening is `s0`, so headed sections count from 1 either way.
    let first_number = if sections.first().is_some_and(|s| s.heading.is_none()) {
        0
    } else {
        1
    };
    let mut first_paragraphs: Vec<String> = Vec::new();
    for (number, section) in (first_number..).zip(sections) {
        let sid = format!("s{number}");
        let _ = writeln!(y, "  - id: {sid}");
        match &section.heading {
            None => {
                let _ = writeln!(
                    y,
                    "    untitled: true              # the article has no heading here; the title is a label"
                );
                let (zh, en) = OPENING;
                let title = match lang {
                    Lang::Zh => text_pair(lang, zh, en),
                    Lang::En => text_pair(lang, en, zh),
                };
                let _ = writeln!(y, "    title: {title}");
            }
            Some(h) => {
                let _ = writeln!(y, "    title: {}", text_pair(lang, h, ""));
            }
        }
        if section.paragraphs.is_empty() {
            let _ = writeln!(y, "    paragraphs: []");
        } else {
            let _ = writeln!(y, "    paragraphs:");
        }
        for (p, text) in section.paragraphs.iter().enumerate() {
            let pid = format!("{sid}p{}", p + 1);
            let _ = writeln!(y, "      - id: {pid}");
            let _ = writeln!(y, "        {orig}: {}", crate::model::yaml_quoted(text));
            let _ = writeln!(y, "        {other}: \"\"");
            if first_paragraphs.len() < 4 {
                first_paragraphs.push(pid.clone());
                first_paragraphs.push(text.clone());
            }
        }
    }
    example_nodes(&mut y, lang, &first_paragraphs);
    y
}

/// The commented example: a claim, evidence for it and an editorial rebuttal,
/// quoting the first paragraphs so that uncommenting them gives a valid document.
fn example_nodes(y: &mut String, lang: Lang, first: &[String]) {
    let (claim_para, claim_text) = match first {
        [id, text, ..] => (id.as_str(), text.as_str()),
        _ => ("s1p1", ""),
    };
    let (evidence_para, evidence_text) = match first {
        [_, _, id, text, ..] => (id.as_str(), text.as_str()),
        _ => (claim_para, claim_text),
    };
    let claim_quote = fragment(claim_text);
    let evidence_quote = fragment(evidence_text);
    let placeholder = "<words copied exactly from the paragraph>";
    let q = |s: &str| crate::model::yaml_quoted(if s.is_empty() { placeholder } else { s });
    let pair = |zh: &str, en: &str| match lang {
        Lang::Zh => text_pair(lang, zh, en),
        Lang::En => text_pair(lang, en, zh),
    };
    let lines = [
        "# The argument: claims, evidence and rebuttals. To start, replace `[]` with entries".to_string(),
        "# like these (remove the `# ` in front of each line; most editors do it with Ctrl-/),".to_string(),
        "# then say what each one is in your words. A quote is copied exactly from its paragraph.".to_string(),
        "nodes: []".to_string(),
        "#   - id: c-main".to_string(),
        "#     kind: claim".to_string(),
        format!(
            "#     text: {}",
            pair("用一句话写出文章在这里的主张", "What the article claims here, in one sentence")
        ),
        format!("#     quote: {}", q(&claim_quote)),
        format!("#     paragraphs: [{claim_para}]"),
        "#   - id: e-example".to_string(),
        "#     kind: evidence".to_string(),
        "#     basis: statistic           # or event, policy, quote, example, reasoning, analogy, testimony, definition, prediction".to_string(),
        "#     sourced: false             # the article gives no source for it".to_string(),
        format!("#     text: {}", pair("文章为它举出的事实", "The fact the article offers for it")),
        format!("#     quote: {}", q(&evidence_quote)),
        format!("#     paragraphs: [{evidence_para}]"),
        "#     supports: [c-main]".to_string(),
        "#   - id: r-example".to_string(),
        "#     kind: rebuttal".to_string(),
        "#     origin: editorial          # yours, not the article's: it needs no quote".to_string(),
        format!("#     text: {}", pair("反方会怎么说", "What the other side would say")),
        format!("#     paragraphs: [{claim_para}]"),
        "# Relations can be written on a node (`supports:` above) or listed here:".to_string(),
        "relations: []".to_string(),
        "#   - {from: r-example, to: c-main, kind: rebuts}".to_string(),
    ];
    for l in lines {
        y.push_str(&l);
        y.push('\n');
    }
}

/// A short verbatim piece of a paragraph for the example quote: up to its
/// first clause-ending punctuation, at most about 32 columns, cut at a space in
/// Latin text.
fn fragment(text: &str) -> String {
    const CLAUSE_END: [char; 14] = [
        ',', '，', '。', '.', ';', '；', '?', '？', '!', '！', ':', '：', '、', '…',
    ];
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        if CLAUSE_END.contains(&c) && out.chars().any(char::is_alphanumeric) {
            break;
        }
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > 32 {
            // Cut Latin text at a space rather than inside a word.
            if c.is_ascii_alphanumeric()
                && out.ends_with(|x: char| x.is_ascii_alphanumeric())
                && let Some(cut) = out.rfind(' ')
                && out[..cut].chars().any(char::is_alphanumeric)
            {
                out.truncate(cut);
            }
            break;
        }
        width += w;
        out.push(c);
    }
    out.trim().to_string()
}

/// `{zh: "…", en: "…"}` with the original language first.
fn text_pair(lang: Lang, original: &str, translation: &str) -> String {
    format!(
        "{{{}: {}, {}: {}}}",
        lang.code(),
        crate::model::yaml_quoted(original),
        lang.other().code(),
        crate::model::yaml_quoted(translation)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_headings_lose_their_marks() {
        assert_eq!(atx_heading("## Part one ##").as_deref(), Some("Part one"));
        assert_eq!(atx_heading("# C#").as_deref(), Some("C#"));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("####### seven"), None);
    }

    #[test]
    fn inline_markup_is_removed_and_lone_stars_stay() {
        assert_eq!(
            strip_inline("**Bold** and *em* and `code` and [a link](http://x.y)"),
            "Bold and em and code and a link"
        );
        assert_eq!(strip_inline("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(strip_inline("snake_case_name"), "snake_case_name");
        assert_eq!(strip_inline(r"\*not em\*"), "*not em*");
    }

    #[test]
    fn pathological_markup_costs_linear_time() {
        // Each of these took time quadratic in its length before the searches were bounded.
        for line in [
            "[".repeat(200_000),
            "*a ".repeat(70_000),
            "a* ".repeat(70_000),
            "`".repeat(3) + &"x`".repeat(100_000),
            "<".repeat(200_000),
            "](".repeat(100_000),
        ] {
            let started = std::time::Instant::now();
            let out = strip_inline(&line);
            assert!(out.len() <= line.len());
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "{:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn ids_come_from_the_file_name() {
        assert_eq!(document_id("/tmp/My Article (2025).txt"), "my-article-2025");
        assert_eq!(document_id("-"), "article");
        assert_eq!(document_id("文章.md"), "文章");
        assert_eq!(document_id(""), "article");
    }

    #[test]
    fn chinese_lines_join_without_a_space() {
        let lines = vec![
            "政府".to_string(),
            "市场".to_string(),
            "and".to_string(),
            "more".to_string(),
        ];
        assert_eq!(join_lines(&lines), "政府市场and more");
    }
}
