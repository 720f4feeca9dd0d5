//! Realistic synthetic stance documents, for benchmarks at any size.
//!
//! ```sh
//! cargo run --release --example synth -- --nodes 100000 [--seed N] > big.yaml
//! ```
//!
//! The output is YAML in the authoring format that passes `stance check` with no
//! errors. It is shaped like the built-in article, scaled up:
//!
//! * the argument is a debate tree: a thesis, main lines under it (4 for a
//!   thousand nodes, up to 40 for a hundred thousand), then sub-claims with
//!   evidence, rebuttals, counter-rebuttals and some undercuts, at depths of
//!   5 to 10 and fan-outs of 1 to 8, as in large Kialo discussions. The mix of
//!   kinds (about 30% claims, 45% evidence, 25% rebuttals), of editorial
//!   nodes (most rebuttals, some evidence), of bases and of unsourced evidence
//!   follows the article; 3% of the evidence supports a second claim, and
//!   undercuts of those are written under `relations:` with a `link`.
//! * the article is written in the order of the argument: sections of 4 to 16
//!   paragraphs, each paragraph mixed Chinese and English (`AI 算力`, `2024 年`,
//!   `H100`) of the article's lengths (about 40 characters of Chinese and
//!   150 of English translation), a quarter of them carrying no node; every
//!   article node quotes a verbatim clause of its paragraph, and some list a
//!   second paragraph they draw on.
//! * a few `stat` figures (one per 400 paragraphs), cited by evidence.
//!
//! The same `--seed` and `--nodes` always give the same bytes. Options:
//! `--omit-paragraphs F` leaves `paragraphs:` out on a fraction F of article
//! nodes (stance then finds the paragraph from the quote), to measure that path.

use std::fmt::Write as _;
use std::io::Write as _;

/// SplitMix64: small, fast, and good enough for shaping text and trees.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ZH_WORDS: &[&str] = &[
    "政府",
    "市场",
    "企业",
    "产业政策",
    "补贴",
    "管制",
    "算力",
    "芯片",
    "显卡",
    "需求",
    "供给",
    "价格",
    "成本",
    "投资",
    "回报",
    "效率",
    "竞争",
    "合作",
    "创新",
    "监管",
    "规划",
    "资源",
    "配置",
    "风险",
    "数据",
    "模型",
    "算法",
    "开源",
    "软件",
    "硬件",
    "服务器",
    "机房",
    "出租率",
    "利用率",
    "营收",
    "利润",
    "税款",
    "财政资金",
    "基础设施",
    "战略",
    "安全",
    "出口",
    "进口",
    "配额",
    "禁令",
    "法令",
    "用户",
    "消费者",
    "创业团队",
    "工程师",
    "研究者",
    "大学",
    "课堂",
    "学生",
    "老师",
    "辩论",
    "证据",
    "理由",
    "结论",
    "前提",
    "假设",
    "例子",
    "统计",
    "报告",
    "行业人士",
    "官员",
    "专家",
    "媒体",
    "全球",
    "国内",
    "海外",
    "地方",
    "中央",
    "短期",
    "长期",
    "今年",
    "去年",
    "上半年",
    "未来",
    "现在",
    "过去",
    "迅速",
    "缓慢",
    "明显",
    "普遍",
    "少数",
    "多数",
    "一部分",
    "整个行业",
    "这个问题",
    "这种做法",
    "这条路",
    "新路子",
    "组合拳",
    "层层加码",
    "一窝蜂",
    "遍地开花",
    "蹭蹭涨",
    "腰斩",
    "回本",
    "库存",
    "闲置",
    "浪费",
    "纠正",
    "淘汰",
    "扶持",
    "限制",
    "封锁",
    "绕开",
    "失效",
    "判断",
    "决定",
    "说了算",
    "不该插手",
    "更高效",
    "更便宜",
    "更难",
    "更多",
    "更少",
    "最重要",
    "最大",
    "最好",
    "并不",
    "其实",
    "反而",
    "甚至",
    "只会",
    "也许",
    "可能",
    "必然",
    "注定",
    "确实",
];

const ZH_JOINERS: &[&str] = &[
    "的", "了", "在", "和", "但", "而", "就", "也", "都", "把", "让", "被", "对", "从", "向", "是",
    "有", "没有", "会", "能", "要", "还", "又", "才", "却",
];

const MIXED: &[&str] = &[
    "AI", "GPU", "DeepSeek", "OpenAI", "Nvidia", "H100", "A800", "EFLOPS", "ChatGPT", "API", "R1",
    "Claude", "TPU", "LLM", "SaaS", "CUDA",
];

const ZH_NUMBERS: &[&str] = &[
    "2024 年",
    "2025 年 1 月",
    "300 亿美元",
    "5000 亿美元",
    "20%-30%",
    "10%",
    "65%",
    "40%",
    "1.3 万个",
    "246 EFLOPS",
    "7.5 万",
    "12-18 万/月",
    "2300 万",
    "128 台",
    "4 万块",
    "24 国",
    "140 多个国家",
    "两周",
    "几十年",
    "一百来人",
];

const EN_WORDS: &[&str] = &[
    "the",
    "government",
    "market",
    "companies",
    "industrial",
    "policy",
    "subsidies",
    "controls",
    "computing",
    "power",
    "chips",
    "GPUs",
    "demand",
    "supply",
    "prices",
    "costs",
    "investment",
    "returns",
    "efficiency",
    "competition",
    "cooperation",
    "innovation",
    "regulation",
    "planning",
    "resources",
    "allocation",
    "risk",
    "data",
    "models",
    "algorithms",
    "open-source",
    "software",
    "hardware",
    "servers",
    "occupancy",
    "utilization",
    "revenue",
    "profit",
    "taxes",
    "public",
    "money",
    "infrastructure",
    "strategic",
    "security",
    "export",
    "quotas",
    "ban",
    "users",
    "consumers",
    "startup",
    "team",
    "engineers",
    "students",
    "teachers",
    "debate",
    "evidence",
    "reason",
    "conclusion",
    "premise",
    "example",
    "statistics",
    "industry",
    "insiders",
    "officials",
    "experts",
    "global",
    "domestic",
    "short",
    "long",
    "term",
    "this",
    "year",
    "first",
    "half",
    "future",
    "quickly",
    "slowly",
    "clearly",
    "generally",
    "most",
    "some",
    "many",
    "whole",
    "problem",
    "approach",
    "new",
    "way",
    "surged",
    "collapsed",
    "halved",
    "idle",
    "wasted",
    "corrected",
    "weeded",
    "out",
    "supported",
    "restricted",
    "blocked",
    "bypassed",
    "failed",
    "judged",
    "decided",
    "should",
    "not",
    "interfere",
    "cheaper",
    "harder",
    "more",
    "fewer",
    "biggest",
    "best",
    "actually",
    "even",
    "only",
    "perhaps",
    "possibly",
    "inevitably",
    "bound",
    "to",
    "fail",
    "indeed",
    "and",
    "but",
    "while",
    "because",
    "so",
    "of",
    "in",
    "on",
    "for",
    "with",
    "by",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "will",
    "can",
    "could",
    "would",
    "a",
    "an",
    "it",
    "they",
    "their",
];

const EN_TERMS: &[&str] = &[
    "AI",
    "GPU",
    "DeepSeek",
    "OpenAI",
    "Nvidia",
    "H100",
    "EFLOPS",
    "ChatGPT",
    "Stargate",
    "30 billion dollars",
    "20%-30%",
    "65%",
    "40%",
    "in 2024",
    "in January 2025",
    "24 countries",
    "about a hundred people",
    "75,000 yuan a month",
    "23 million a year",
];

const ZH_END: &[&str] = &["。", "。", "。", "?", "!"];
const EN_END: &[&str] = &[".", ".", ".", "?", "!"];

const BASES: &[&str] = &[
    "statistic",
    "event",
    "policy",
    "example",
    "reasoning",
    "quote",
    "testimony",
    "analogy",
    "prediction",
    "definition",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Claim,
    Evidence,
    Rebuttal,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Supports,
    Rebuts,
    Undercuts,
}

struct Node {
    id: String,
    kind: Kind,
    editorial: bool,
    /// The node it bears on, and how (None for the thesis).
    parent: Option<(usize, Rel)>,
    /// For evidence: a second claim it supports (undercuts of it then need a link).
    also: Option<usize>,
    /// Where it sits: (section, paragraph within section), filled in by the layout.
    at: (usize, usize),
    /// An earlier paragraph it also draws on.
    also_para: Option<(usize, usize)>,
    quote: Option<String>,
    figure: Option<usize>,
    /// Leave `paragraphs:` out (stance finds it from the quote).
    omit_paragraphs: bool,
}

struct Paragraph {
    zh: String,
    en: String,
}

struct Section {
    title_zh: String,
    title_en: String,
    paragraphs: Vec<Paragraph>,
}

struct Figure {
    at: (usize, usize),
}

struct Gen {
    rng: Rng,
    nodes: Vec<Node>,
    counts: [usize; 3],
}

impl Gen {
    fn add(&mut self, kind: Kind, parent: Option<(usize, Rel)>) -> usize {
        let (slot, prefix) = match kind {
            Kind::Claim => (0, "c"),
            Kind::Evidence => (1, "e"),
            Kind::Rebuttal => (2, "r"),
        };
        self.counts[slot] += 1;
        let editorial = match kind {
            Kind::Claim => false,
            Kind::Evidence => self.rng.chance(0.15),
            Kind::Rebuttal => self.rng.chance(0.85),
        };
        self.nodes.push(Node {
            id: format!("{prefix}-{}", self.counts[slot]),
            kind,
            editorial,
            parent,
            also: None,
            at: (0, 0),
            also_para: None,
            quote: None,
            figure: None,
            omit_paragraphs: false,
        });
        self.nodes.len() - 1
    }

    /// Splits `budget` among `slots` with random weights (each slot's weight from `weights`).
    fn split(&mut self, budget: usize, weights: &[f64]) -> Vec<usize> {
        if weights.is_empty() {
            return Vec::new();
        }
        let w: Vec<f64> = weights
            .iter()
            .map(|&x| x * (0.3 + (self.rng.next() >> 11) as f64 / (1u64 << 53) as f64))
            .collect();
        let total: f64 = w.iter().sum();
        let mut out: Vec<usize> = w
            .iter()
            .map(|x| (budget as f64 * x / total).floor() as usize)
            .collect();
        let mut left = budget - out.iter().sum::<usize>();
        while left > 0 {
            let i = self.rng.below(out.len());
            out[i] += 1;
            left -= 1;
        }
        out
    }

    /// Grows the subtree under `p` with exactly `budget` more nodes, depth first,
    /// so that a line of argument is contiguous in node order (as it is in the article).
    fn grow(&mut self, p: usize, budget: usize, depth: usize) {
        if budget == 0 {
            return;
        }
        let kind = self.nodes[p].kind;
        // (kind, relation, weight of the subtree budget it takes)
        let mut plan: Vec<(Kind, Rel, f64)> = Vec::new();
        match kind {
            Kind::Claim => {
                let evidence = self.rng.range(1, 2);
                let rebuttals = [0, 0, 1, 1, 1, 2][self.rng.below(6)];
                // Sub-claims carry the depth; more of them while there is budget to spend.
                let subclaims = if budget > 12 {
                    self.rng.range(2, 4)
                } else if budget > 5 {
                    self.rng.range(0, 2)
                } else {
                    0
                };
                for _ in 0..subclaims {
                    plan.push((Kind::Claim, Rel::Supports, 1.0));
                }
                for _ in 0..evidence {
                    plan.push((Kind::Evidence, Rel::Supports, 0.06));
                }
                for _ in 0..rebuttals {
                    plan.push((Kind::Rebuttal, Rel::Rebuts, 0.12));
                }
            }
            Kind::Evidence => {
                let attacks = self.rng.range(1, 2);
                for _ in 0..attacks {
                    let rel = if self.rng.chance(0.45) {
                        Rel::Undercuts
                    } else {
                        Rel::Rebuts
                    };
                    plan.push((Kind::Rebuttal, rel, 1.0));
                }
            }
            Kind::Rebuttal => {
                // A counter-rebuttal, evidence for the rebuttal, or both.
                match self.rng.below(3) {
                    0 => plan.push((Kind::Rebuttal, Rel::Rebuts, 1.0)),
                    1 => plan.push((Kind::Evidence, Rel::Supports, 0.5)),
                    _ => {
                        plan.push((Kind::Evidence, Rel::Supports, 0.5));
                        plan.push((Kind::Rebuttal, Rel::Rebuts, 1.0));
                    }
                }
            }
        }
        // Deep branches taper off: past depth 9, only leaves.
        if depth > 9 {
            plan.retain(|(k, _, _)| *k != Kind::Claim);
        }
        if plan.len() > budget {
            // Keep evidence first for claims (every claim should have some support).
            plan.sort_by(|a, b| {
                let rank = |k: Kind| match k {
                    Kind::Evidence => 0,
                    Kind::Rebuttal => 1,
                    Kind::Claim => 2,
                };
                rank(a.0).cmp(&rank(b.0))
            });
            plan.truncate(budget);
        }
        if plan.is_empty() {
            return;
        }
        let rest = budget - plan.len();
        let weights: Vec<f64> = plan.iter().map(|x| x.2).collect();
        let mut shares = self.split(rest, &weights);
        // Exchanges under evidence and rebuttals stay short (a dozen nodes at most);
        // what they would take beyond that goes to the sub-claims, which carry the depth.
        let claims: Vec<usize> = (0..plan.len())
            .filter(|&i| plan[i].0 == Kind::Claim)
            .collect();
        if kind == Kind::Claim {
            let mut excess = 0;
            for (i, share) in shares.iter_mut().enumerate() {
                let cap = if self.rng.chance(0.35) {
                    self.rng.range(1, 6)
                } else {
                    0
                };
                if plan[i].0 != Kind::Claim && *share > cap {
                    excess += *share - cap;
                    *share = cap;
                }
            }
            if claims.is_empty() && excess > 0 {
                // No sub-claim yet: one more takes the rest.
                plan.push((Kind::Claim, Rel::Supports, 1.0));
                shares.push(excess - 1);
            } else {
                for k in 0..excess {
                    shares[claims[k % claims.len()]] += 1;
                }
            }
        }
        for ((k, rel, _), share) in plan.into_iter().zip(shares) {
            // Undercuts attack evidence's link; anything else under evidence rebuts it.
            let rel = if rel == Rel::Undercuts && kind != Kind::Evidence {
                Rel::Rebuts
            } else {
                rel
            };
            let c = self.add(k, Some((p, rel)));
            self.grow(c, share, depth + 1);
        }
    }
}

fn zh_clause(rng: &mut Rng, min_chars: usize) -> String {
    let mut s = String::new();
    let mut chars = 0;
    while chars < min_chars {
        let roll = rng.below(100);
        let piece = if roll < 8 {
            format!(" {} ", rng.pick(MIXED))
        } else if roll < 13 {
            format!(" {} ", rng.pick(ZH_NUMBERS))
        } else if roll < 45 {
            rng.pick(ZH_JOINERS).to_string()
        } else {
            rng.pick(ZH_WORDS).to_string()
        };
        // Latin words and numbers ride along; the length counts Chinese characters.
        chars += piece.chars().filter(|c| !c.is_ascii()).count();
        s.push_str(&piece);
    }
    // No spaces at the ends, and none doubled where two mixed pieces meet.
    let s = s.trim().replace("  ", " ");
    s.replace(" ,", ",")
}

/// A Chinese sentence: clauses joined by full-width commas.
fn zh_sentence(rng: &mut Rng, clauses: usize) -> Vec<String> {
    (0..clauses)
        .map(|i| {
            let c = {
                let len = rng.range(3, 10);
                zh_clause(rng, len)
            };
            if i + 1 == clauses {
                format!("{c}{}", rng.pick(ZH_END))
            } else {
                format!("{c},")
            }
        })
        .collect()
}

fn en_text(rng: &mut Rng, min_chars: usize) -> String {
    let mut s = String::with_capacity(min_chars + 16);
    let mut sentence_start = true;
    let mut words_in_sentence = 0;
    while s.len() < min_chars {
        if !s.is_empty() {
            s.push(' ');
        }
        let w = if rng.chance(0.07) {
            rng.pick(EN_TERMS)
        } else {
            rng.pick(EN_WORDS)
        };
        if sentence_start {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
            sentence_start = false;
        } else {
            s.push_str(w);
        }
        words_in_sentence += 1;
        if words_in_sentence > 6 && rng.chance(0.12) {
            s.push_str(rng.pick(EN_END));
            sentence_start = true;
            words_in_sentence = 0;
        } else if words_in_sentence > 3 && rng.chance(0.06) {
            s.push(',');
        }
    }
    if !sentence_start {
        s.push('.');
    }
    s
}

/// A YAML double-quoted scalar, written as stance's own importers write them.
fn q(s: &str) -> String {
    stance::model::yaml_quoted(s)
}

fn para_id(at: (usize, usize)) -> String {
    format!("s{}p{}", at.0, at.1 + 1)
}

struct Args {
    nodes: usize,
    seed: u64,
    omit: f64,
}

fn args() -> Args {
    let mut a = Args {
        nodes: 1000,
        seed: 1,
        omit: 0.0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next();
        let bad = |what: &str| -> ! {
            eprintln!(
                "synth: {what}\nusage: synth --nodes N [--seed N] [--omit-paragraphs FRACTION]"
            );
            std::process::exit(2)
        };
        if !matches!(flag.as_str(), "--nodes" | "--seed" | "--omit-paragraphs") {
            bad(&format!("unknown option {flag}"))
        }
        let Some(v) = value else {
            bad(&format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--nodes" => a.nodes = v.parse().unwrap_or_else(|_| bad("--nodes: a number")),
            "--seed" => a.seed = v.parse().unwrap_or_else(|_| bad("--seed: a number")),
            "--omit-paragraphs" => {
                a.omit = v
                    .parse()
                    .unwrap_or_else(|_| bad("--omit-paragraphs: a fraction"))
            }
            _ => bad(&format!("unknown option {flag}")),
        }
    }
    if a.nodes == 0 {
        eprintln!("synth: --nodes must be at least 1");
        std::process::exit(2);
    }
    a
}

fn main() {
    let args = args();
    let text = generate(args.nodes, args.seed, args.omit);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}

/// The whole document as YAML.
pub fn generate(total: usize, seed: u64, omit: f64) -> String {
    let mut g = Gen {
        rng: Rng(seed ^ 0x5eed_0f57_a9ce),
        nodes: Vec::with_capacity(total),
        counts: [0; 3],
    };

    // ---- the argument ----
    let thesis = g.add(Kind::Claim, None);
    let lines = (total / 2500).clamp(4, 40).min(total - 1);
    if lines > 0 {
        let rest = total - 1 - lines;
        let shares = g.split(rest, &vec![1.0; lines]);
        for share in shares {
            let c = g.add(Kind::Claim, Some((thesis, Rel::Supports)));
            g.grow(c, share, 1);
        }
    }
    debug_assert_eq!(g.nodes.len(), total);

    // Some evidence supports a second claim: the nearest claim before its parent
    // that is not its parent (a claim never leads back to evidence, so no cycle).
    for i in 0..g.nodes.len() {
        let n = &g.nodes[i];
        if n.kind != Kind::Evidence {
            continue;
        }
        let Some((parent, Rel::Supports)) = n.parent else {
            continue;
        };
        if g.nodes[parent].kind != Kind::Claim || !g.rng.chance(0.03) {
            continue;
        }
        if let Some(other) = (0..parent)
            .rev()
            .take(40)
            .find(|&j| g.nodes[j].kind == Kind::Claim)
        {
            g.nodes[i].also = Some(other);
        }
    }

    // ---- the article: nodes placed in order, paragraphs written around their quotes ----
    let mut rng = Rng(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0xa11ce);
    let mut sections: Vec<Section> = Vec::new();
    let mut figures: Vec<Figure> = Vec::new();
    let mut section_left = 0usize;
    let mut next = 0usize;
    let mut paragraph_count = 0usize;
    let mut main_line = usize::MAX;
    while next < g.nodes.len() {
        // A new main line, or a full section, starts a section.
        let line_of_next = top_line(&g.nodes, next);
        if section_left == 0 || (line_of_next != main_line && rng.chance(0.8)) {
            main_line = line_of_next;
            section_left = rng.range(4, 16);
            let (title_zh, title_en) = if sections.is_empty() {
                ("开篇".to_string(), "Opening".to_string())
            } else {
                {
                    let len = rng.range(4, 10);
                    (zh_clause(&mut rng, len), en_text(&mut rng, 20))
                }
            };
            sections.push(Section {
                title_zh,
                title_en: title_en.trim_end_matches(['.', '?', '!']).to_string(),
                paragraphs: Vec::new(),
            });
        }
        section_left -= 1;
        let s = sections.len() - 1;
        let p = sections[s].paragraphs.len();
        paragraph_count += 1;
        // A quarter of the paragraphs carry no node (transitions, rhetorical questions).
        let hosted = if rng.chance(0.25) && !sections[s].paragraphs.is_empty() {
            0
        } else {
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4][rng.below(20)]
        };
        let members: Vec<usize> = (next..(next + hosted).min(g.nodes.len())).collect();
        next += members.len();
        // Clauses: one per article node quoted here, plus padding, in sentences.
        let quoted: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&n| !g.nodes[n].editorial)
            .collect();
        let clauses_wanted = (quoted.len() + rng.range(1, 3)).max(2);
        let mut clauses: Vec<String> = Vec::new();
        while clauses.len() < clauses_wanted {
            let k = rng.range(1, 3);
            clauses.extend(zh_sentence(&mut rng, k));
        }
        // Give each quoted node a distinct clause (sometimes two in a row).
        let mut slots: Vec<usize> = (0..clauses.len()).collect();
        for i in (1..slots.len()).rev() {
            let j = rng.below(i + 1);
            slots.swap(i, j);
        }
        for (k, &n) in quoted.iter().enumerate() {
            let c = slots[k];
            let mut quote = clauses[c].clone();
            if c + 1 < clauses.len() && rng.chance(0.5) {
                quote.push_str(&clauses[c + 1]);
            }
            // Quotes usually leave out the closing punctuation of their sentence.
            if rng.chance(0.5) {
                quote = quote
                    .trim_end_matches(['。', ',', '?', '!'])
                    .trim_end()
                    .to_string();
            }
            if quote.trim().is_empty() {
                quote = clauses[c].clone();
            }
            g.nodes[n].quote = Some(quote);
        }
        let zh: String = clauses.concat();
        let en = en_text(&mut rng, zh.chars().count() * 36 / 10);
        sections[s].paragraphs.push(Paragraph { zh, en });
        for &n in &members {
            g.nodes[n].at = (s, p);
            // A fifth of the nodes also draw on an earlier paragraph of their section.
            if p > 0 && rng.chance(0.2) {
                g.nodes[n].also_para = Some((s, rng.below(p)));
            }
            if !g.nodes[n].editorial && g.nodes[n].quote.is_some() && rng.chance(omit) {
                g.nodes[n].omit_paragraphs = true;
                g.nodes[n].also_para = None;
            }
        }
        // A figure every 400 paragraphs or so, cited by the evidence shown there.
        if paragraph_count % 400 == 200
            && let Some(&e) = members.iter().find(|&&n| g.nodes[n].kind == Kind::Evidence)
        {
            g.nodes[e].figure = Some(figures.len());
            figures.push(Figure { at: (s, p) });
        }
    }

    // A quote stance has to find must be in exactly one paragraph; others keep `paragraphs:`.
    if omit > 0.0 {
        for n in g.nodes.iter_mut().filter(|n| n.omit_paragraphs) {
            let quote = n.quote.as_deref().unwrap_or_default();
            let holding = sections
                .iter()
                .flat_map(|s| &s.paragraphs)
                .filter(|p| p.zh.contains(quote))
                .take(2)
                .count();
            n.omit_paragraphs = holding == 1;
        }
    }

    // ---- write it out ----
    let mut out = String::with_capacity(total * 700);
    let _ = writeln!(
        out,
        "# A synthetic stance document: {total} nodes, seed {seed}.\n\
         # Made by `cargo run --release --example synth -- --nodes {total} --seed {seed}`."
    );
    out.push_str("schema: stance/1\n");
    let _ = writeln!(out, "id: synth-{total}-{seed}");
    out.push_str("lang: zh\n");
    let _ = writeln!(
        out,
        "title:\n  zh: {}\n  en: {}",
        q(&format!("合成辩论:{}", zh_clause(&mut rng, 8))),
        q(&format!("A synthetic debate of {total} nodes"))
    );
    out.push_str(
        "source:\n  publisher: \"stance's synthetic generator (examples/synth.rs)\"\n  author: \"nobody: the text is random\"\n  captured: \"generated\"\n  notes: \"For benchmarks only. Words are drawn at random, so sentences do not make sense.\"\n",
    );
    let _ = writeln!(out, "thesis: {}\n\nsections:", g.nodes[0].id);
    for (s, sec) in sections.iter().enumerate() {
        let _ = writeln!(out, "  - id: s{s}");
        if s == 0 {
            out.push_str("    untitled: true\n");
        }
        let _ = writeln!(
            out,
            "    title: {{zh: {}, en: {}}}\n    paragraphs:",
            q(&sec.title_zh),
            q(&sec.title_en)
        );
        for (p, para) in sec.paragraphs.iter().enumerate() {
            let _ = writeln!(
                out,
                "      - id: {}\n        zh: {}\n        en: {}",
                para_id((s, p)),
                q(&para.zh),
                q(&para.en)
            );
        }
    }

    if !figures.is_empty() {
        out.push_str("\nfigures:\n");
        for (i, f) in figures.iter().enumerate() {
            let value = 10 + rng.below(90);
            let growth = 5 + rng.below(60);
            let _ = writeln!(
                out,
                "  - id: f-{}\n    kind: stat\n    title: {{zh: {}, en: {}}}\n    paragraph: {}\n    sourced: false\n    items:\n      - label: {{zh: 算力规模, en: Computing capacity}}\n        value: {value}\n        unit: EFLOPS\n      - label: {{zh: 同比增长, en: Year-on-year growth}}\n        value: {growth}\n        unit: \"%\"",
                i + 1,
                q(&zh_clause(&mut rng, 6)),
                q(en_text(&mut rng, 24).trim_end_matches('.')),
                para_id(f.at)
            );
        }
    }

    out.push_str("\nnodes:\n");
    // Relations written under `relations:` rather than on the node.
    let mut listed: Vec<String> = Vec::new();
    for i in 0..g.nodes.len() {
        let n = &g.nodes[i];
        let kind = match n.kind {
            Kind::Claim => "claim",
            Kind::Evidence => "evidence",
            Kind::Rebuttal => "rebuttal",
        };
        let _ = writeln!(out, "  - id: {}\n    kind: {kind}", n.id);
        if n.editorial {
            out.push_str("    origin: editorial\n");
        } else if rng.chance(0.5) {
            out.push_str("    origin: article\n");
        }
        if n.kind == Kind::Evidence {
            let _ = writeln!(out, "    basis: {}", rng.pick(BASES));
        }
        let len = rng.range(8, 34);
        let zh = zh_clause(&mut rng, len);
        let en = en_text(&mut rng, zh.chars().count() * 32 / 10);
        let _ = writeln!(out, "    text:\n      zh: {}\n      en: {}", q(&zh), q(&en));
        if let Some(quote) = &n.quote {
            let _ = writeln!(out, "    quote: {}", q(quote));
        }
        if !n.omit_paragraphs {
            match n.also_para {
                Some(a) => {
                    let _ = writeln!(out, "    paragraphs: [{}, {}]", para_id(n.at), para_id(a));
                }
                None => {
                    let _ = writeln!(out, "    paragraphs: [{}]", para_id(n.at));
                }
            }
        }
        if n.kind == Kind::Evidence && rng.chance(0.3) {
            out.push_str("    sourced: false\n");
        }
        if let Some(f) = n.figure {
            let _ = writeln!(out, "    figures: [f-{}]", f + 1);
        }
        if rng.chance(0.1) {
            let len = rng.range(60, 200);
            let note = en_text(&mut rng, len);
            let prefix = if rng.chance(0.4) {
                "Outside fact — verify before using: "
            } else {
                ""
            };
            let _ = writeln!(out, "    note: {}", q(&format!("{prefix}{note}")));
        }
        match n.parent {
            None => {}
            Some((p, Rel::Supports)) => {
                let to = &g.nodes[p].id;
                match n.also {
                    Some(o) => {
                        let _ = writeln!(out, "    supports: [{to}, {}]", g.nodes[o].id);
                    }
                    // One support in twenty is written under `relations:`.
                    None if rng.chance(0.05) => {
                        listed.push(format!("  - {{from: {}, to: {to}, kind: supports}}", n.id))
                    }
                    None => {
                        let _ = writeln!(out, "    supports: [{to}]");
                    }
                }
            }
            Some((p, Rel::Rebuts)) => {
                let _ = writeln!(out, "    rebuts: [{}]", g.nodes[p].id);
            }
            Some((p, Rel::Undercuts)) => {
                let target = &g.nodes[p];
                match (target.also, target.parent) {
                    // Evidence supporting two claims: say which link is cut.
                    (Some(_), Some((claim, _))) => listed.push(format!(
                        "  - {{from: {}, to: {}, kind: undercuts, link: {}}}",
                        n.id, target.id, g.nodes[claim].id
                    )),
                    _ => {
                        let _ = writeln!(out, "    undercuts: [{}]", target.id);
                    }
                }
            }
        }
        out.push('\n');
    }
    if !listed.is_empty() {
        out.push_str("relations:\n");
        for l in listed {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

/// The main line (child of the thesis) that node `i` belongs to.
fn top_line(nodes: &[Node], mut i: usize) -> usize {
    while let Some((p, _)) = nodes[i].parent {
        if p == 0 {
            return i;
        }
        i = p;
    }
    i
}
