//! The reader's own words, in English and Chinese, kept in one place so wording stays consistent.

/// The language of the interface (not of the article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UiLang {
    /// English.
    En,
    /// Chinese.
    Zh,
}

impl UiLang {
    /// Chinese when the locale (`LC_ALL`, `LC_MESSAGES` or `LANG`) says so, else English.
    pub fn from_env() -> UiLang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("zh") {
            UiLang::Zh
        } else {
            UiLang::En
        }
    }
}

/// Every string the reader shows, in one language. Each field is named for
/// what it labels, and the two tables below show the words themselves.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Strings {
    pub outline: &'static str,
    pub reading: &'static str,
    pub node: &'static str,
    pub map: &'static str,
    pub help: &'static str,
    pub section: &'static str,
    pub claim: &'static str,
    pub evidence: &'static str,
    pub rebuttal: &'static str,
    pub from_article: &'static str,
    pub editorial: &'static str,
    pub unsourced: &'static str,
    pub basis: &'static str,
    pub quote_in: &'static str,
    pub figures: &'static str,
    pub note: &'static str,
    pub supported_by: &'static str,
    pub rebutted_by: &'static str,
    pub undercut_by: &'static str,
    pub supports: &'static str,
    pub rebuts: &'static str,
    pub undercuts: &'static str,
    pub no_node: &'static str,
    pub too_small: &'static str,
    pub search_prompt: &'static str,
    pub no_match: &'static str,
    pub matches: &'static str,
    pub lang_zh: &'static str,
    pub lang_en: &'static str,
    pub lang_both: &'static str,
    pub seen_above: &'static str,
    pub not_in_map: &'static str,
    pub help_title: &'static str,
    pub help_footer: &'static str,
    pub scope_reader: &'static str,
    pub scope_map: &'static str,
    pub scope_help: &'static str,
    pub scope_global: &'static str,
    pub history_start: &'static str,
    pub history_end: &'static str,
    pub untitled_note: &'static str,
    pub map_legend: &'static str,
    pub marked: &'static str,
    pub orphaned: &'static str,
    pub your_stance: &'static str,
    pub your_note: &'static str,
    pub class_split: &'static str,
    pub agree: &'static str,
    pub dispute: &'static str,
    pub unsure: &'static str,
    pub note_title: &'static str,
    pub note_keys: &'static str,
    pub not_saved: &'static str,
    pub locked: &'static str,
    pub invalid_marks: &'static str,
    pub no_marks_file: &'static str,
    pub exported: &'static str,
    pub export_hint: &'static str,
    pub export_failed: &'static str,
    pub select_first: &'static str,
    pub filters: [&'static str; 6],
    pub status: &'static str,
    pub statuses: [&'static str; 4],
    pub what_if: &'static str,
    pub tensions_title: &'static str,
    pub no_tensions: &'static str,
    pub cruxes_title: &'static str,
    pub no_class: &'static str,
    pub scope_list: &'static str,
    pub scope_figure: &'static str,
    pub showing_last_good: &'static str,
    pub no_figures: &'static str,
    pub no_figures_here: &'static str,
    pub figure_title: &'static str,
    pub figures_title: &'static str,
    pub source_paragraph: &'static str,
    pub formula_inputs: &'static str,
    pub changed_inputs: &'static str,
    pub why: Wording,
    pub tension: [&'static str; 3],
    pub basis_names: [(&'static str, &'static str); 7],
    pub figure_kinds: [&'static str; 5],
    pub figure_agrees: &'static str,
    pub figure_failed: &'static str,
    pub figure_errors: [&'static str; 2],
    pub list_keys: &'static str,
    pub section_counts: &'static str,
    pub section_keys: &'static str,
    pub legend_title: &'static str,
    pub legend_close: &'static str,
    pub legend: [(&'static str, &'static str); 14],
}

/// How a claim's status is said: templates with `{c}` (the claim's label),
/// `{n}` (its supports), `{k}` (how many no longer count) and `{list}` (labels).
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Wording {
    pub stands_untouched: &'static str,
    pub stands: &'static str,
    pub weakened: &'static str,
    pub unsupported: &'static str,
    pub contested: &'static str,
    /// Why supports stopped counting, each with `{list}`: disputed, fallen, cut.
    pub reasons: [&'static str; 3],
    /// Between reasons.
    pub reasons_joiner: &'static str,
    /// Before the reasons, and at the end of the sentence.
    pub reasons_lead: &'static str,
    pub end: &'static str,
    /// Between the items of a list, and before its last.
    pub list_comma: &'static str,
    pub list_and: &'static str,
}

impl Strings {
    /// `names` as a list in this language: `C1, C2 and C3`, `C1、C2 和 C3`.
    pub fn list(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!(
                "{}{}{last}",
                init.join(self.why.list_comma),
                self.why.list_and
            ),
        }
    }

    /// Why claim `claim` has its status, in this language; `label` names a node.
    pub fn explain(
        &self,
        claim: usize,
        why: &crate::analysis::Why,
        label: &dyn Fn(usize) -> String,
    ) -> String {
        use crate::analysis::Status;
        let w = &self.why;
        let names =
            |nodes: &[usize]| self.list(&nodes.iter().map(|&n| label(n)).collect::<Vec<_>>());
        let template = match why.status {
            Status::Stands if why.supports == 0 => w.stands_untouched,
            Status::Stands => w.stands,
            Status::Weakened => w.weakened,
            Status::Unsupported => w.unsupported,
            Status::Contested => w.contested,
        };
        let mut text = template
            .replace("{c}", &label(claim))
            .replace("{n}", &why.supports.to_string())
            .replace("{k}", &why.because.len().to_string())
            .replace("{list}", &names(&why.because));
        let reasons: Vec<String> = [&why.disputed, &why.fallen, &why.cut]
            .into_iter()
            .zip(w.reasons)
            .filter(|(nodes, _)| !nodes.is_empty())
            .map(|(nodes, r)| r.replace("{list}", &names(nodes)))
            .collect();
        if !reasons.is_empty() {
            text.push_str(w.reasons_lead);
            text.push_str(&reasons.join(w.reasons_joiner));
        }
        if matches!(why.status, Status::Weakened | Status::Unsupported) {
            text.push_str(w.end);
        }
        text
    }

    /// A tension in the reader's marks, in this language: `claim` is the
    /// claim's label and `others` the labels of the other nodes involved.
    pub fn tension(
        &self,
        kind: crate::analysis::TensionKind,
        claim: &str,
        others: &[String],
    ) -> String {
        use crate::analysis::TensionKind as K;
        let template = match kind {
            K::AgreeWithClaimAndRebuttal => self.tension[0],
            K::AgreeWithUnsupported => self.tension[1],
            K::DisputeWhatYouSupport => self.tension[2],
        };
        template
            .replace("{c}", claim)
            .replace("{list}", &self.list(others))
    }

    /// A node's basis (statistic, event…) in this language; a basis the
    /// catalogue does not know is shown as the document wrote it.
    pub fn basis_name<'a>(&self, basis: &'a str) -> &'a str {
        self.basis_names
            .iter()
            .find(|(k, _)| *k == basis)
            .map_or(basis, |(_, v)| v)
    }
}

/// The strings for `lang`.
pub fn strings(lang: UiLang) -> &'static Strings {
    match lang {
        UiLang::En => &EN,
        UiLang::Zh => &ZH,
    }
}

static EN: Strings = Strings {
    outline: "Outline",
    reading: "Article",
    node: "Node",
    map: "Argument map",
    help: "Keys",
    section: "section",
    claim: "CLAIM",
    evidence: "EVIDENCE",
    rebuttal: "REBUTTAL",
    from_article: "from the article",
    editorial: "EDITORIAL — added for debate, not in the article",
    unsourced: "⚠ the article gives no source for this",
    basis: "basis",
    quote_in: "quoted from",
    figures: "figures",
    note: "note",
    supported_by: "Supported by",
    rebutted_by: "Rebutted by",
    undercut_by: "Its support is undercut by",
    supports: "Supports",
    rebuts: "Rebuts",
    undercuts: "Undercuts the support of",
    no_node: "No node is tied to this paragraph.",
    too_small: "The terminal is too small for stance. Make it at least",
    search_prompt: "Search",
    no_match: "no match",
    matches: "match",
    lang_zh: "中文",
    lang_en: "English",
    lang_both: "中文 + English",
    seen_above: "(shown above)",
    not_in_map: "Not under the thesis",
    help_title: "Keys",
    help_footer: "Esc closes",
    scope_reader: "Reading",
    scope_map: "Argument map",
    scope_help: "This list",
    scope_global: "Everywhere",
    history_start: "Nothing further back",
    history_end: "Nothing further forward",
    untitled_note: "(no heading in the article)",
    map_legend: "[+] supports  [−] rebuts  [⊘] undercuts",
    marked: "marked",
    orphaned: "marks on nodes no longer here (kept)",
    your_stance: "Your stance",
    your_note: "Your note",
    class_split: "Class",
    agree: "agree",
    dispute: "dispute",
    unsure: "unsure",
    note_title: "Note on",
    note_keys: "Enter saves · Esc cancels",
    not_saved: "⚠ not saved:",
    locked: "another stance has these marks open",
    invalid_marks: "the marks file is left untouched:",
    no_marks_file: "⚠ no place to save marks (set HOME or use --marks)",
    exported: "marks exported to",
    export_hint: "exports them here",
    export_failed: "export failed:",
    select_first: "select a node first",
    filters: [
        "all",
        "unmarked",
        "agreed",
        "disputed",
        "unsure",
        "with notes",
    ],
    status: "Status",
    statuses: ["stands", "weakened", "unsupported", "contested"],
    what_if: "If you dispute it, these lose their last support:",
    tensions_title: "Tensions in your marks",
    no_tensions: "No tensions in your marks.",
    cruxes_title: "Where the class splits most",
    no_class: "open with --class MERGED.json to see the class",
    scope_list: "Tensions, cruxes and figures",
    scope_figure: "A figure",
    showing_last_good: "showing the last version that loaded",
    no_figures: "this document has no figures",
    no_figures_here: "this node cites no figures (F lists them all)",
    figure_title: "Figure",
    figures_title: "Figures",
    source_paragraph: "from paragraph",
    formula_inputs: "inputs (j/k choose, +/- change, r reset)",
    changed_inputs: "with your inputs",
    why: Wording {
        stands_untouched: "{c} stands: nothing you marked bears on it.",
        stands: "{c} stands: all {n} of its supports still count.",
        weakened: "{c} is weakened: {k} of its {n} supports no longer count ({list})",
        unsupported: "{c} is unsupported: none of its {n} supports counts any more ({list})",
        contested: "{c} is contested: you agree with {list}, which attacks it or its support.",
        reasons: [
            "you disputed {list}",
            "{list} lost all support",
            "you agree with an undercut of the support from {list}",
        ],
        reasons_joiner: "; ",
        reasons_lead: ": ",
        end: ".",
        list_comma: ", ",
        list_and: " and ",
    },
    tension: [
        "You agree with {c} and also with {list}, which argues against it. Can both be right?",
        "You agree with {c}, but by your own marks none of its supports ({list}) holds. What makes you accept it?",
        "You dispute {c}, yet you agree with everything offered for it ({list}) and with nothing against it. What is missing?",
    ],
    basis_names: [
        ("statistic", "statistic"),
        ("event", "event"),
        ("example", "example"),
        ("reasoning", "reasoning"),
        ("quote", "quote"),
        ("policy", "policy"),
        ("testimony", "testimony"),
    ],
    figure_kinds: ["bar", "change", "table", "formula", "stat"],
    figure_agrees: "as the article states",
    figure_failed: "cannot be worked out:",
    figure_errors: [
        "an input makes it divide by zero",
        "the result is too large",
    ],
    list_keys: "Enter goes · Esc closes",
    section_counts: "{p} paragraphs · {c} claims · {e} evidence · {r} rebuttals",
    section_keys: "Enter folds it · j goes to its first node",
    legend_title: "Symbols",
    legend_close: "any key hides it",
    legend: [
        ("◆", "claim"),
        ("●", "evidence"),
        ("✕", "rebuttal"),
        ("✎", "editorial"),
        ("[E3]", "node in the text"),
        ("▌", "your paragraph"),
        ("✓", "agree"),
        ("✗", "dispute"),
        ("?", "unsure"),
        ("*", "note"),
        ("⇄", "contested"),
        ("↓", "weakened"),
        ("∅", "unsupported"),
        ("→ C10 §3", "answers C10, in §3"),
    ],
};

static ZH: Strings = Strings {
    outline: "大纲",
    reading: "原文",
    node: "论点",
    map: "论证地图",
    help: "按键",
    section: "节",
    claim: "主张",
    evidence: "证据",
    rebuttal: "反驳",
    from_article: "出自原文",
    editorial: "编者添加 —— 供辩论使用,并非原文内容",
    unsourced: "⚠ 原文未给出此说法的来源",
    basis: "依据",
    quote_in: "引自",
    figures: "图表",
    note: "备注",
    supported_by: "支持它的",
    rebutted_by: "反驳它的",
    undercut_by: "削弱其支持关系的",
    supports: "它支持",
    rebuts: "它反驳",
    undercuts: "它削弱的支持关系",
    no_node: "此段没有关联的论点。",
    too_small: "终端太小,无法显示。请至少调整到",
    search_prompt: "搜索",
    no_match: "无匹配",
    matches: "个匹配",
    lang_zh: "中文",
    lang_en: "英文",
    lang_both: "中文 + 英文",
    seen_above: "(见上文)",
    not_in_map: "不在主论点之下",
    help_title: "按键",
    help_footer: "Esc 关闭",
    scope_reader: "阅读",
    scope_map: "论证地图",
    scope_help: "本列表",
    scope_global: "任何时候",
    history_start: "已经是最早的记录",
    history_end: "已经是最新的记录",
    untitled_note: "(原文无标题)",
    map_legend: "[+] 支持  [−] 反驳  [⊘] 削弱",
    marked: "已标记",
    orphaned: "条标记所属论点已不存在(仍保留)",
    your_stance: "你的立场",
    your_note: "你的笔记",
    class_split: "全班",
    agree: "同意",
    dispute: "反对",
    unsure: "存疑",
    note_title: "笔记:",
    note_keys: "Enter 保存 · Esc 取消",
    not_saved: "⚠ 未保存:",
    locked: "另一个 stance 正在使用这些标记",
    invalid_marks: "标记文件保持原样:",
    no_marks_file: "⚠ 没有保存标记的位置(设置 HOME 或使用 --marks)",
    exported: "标记已导出到",
    export_hint: "导出到当前目录",
    export_failed: "导出失败:",
    select_first: "请先选择一个论点",
    filters: ["全部", "未标记", "同意", "反对", "存疑", "有笔记"],
    status: "状态",
    statuses: ["成立", "被削弱", "失去支持", "受到反驳"],
    what_if: "若你反对它,以下论点将失去最后的支持:",
    tensions_title: "你的标记中的矛盾",
    no_tensions: "你的标记中没有矛盾。",
    cruxes_title: "全班分歧最大的论点",
    no_class: "用 --class MERGED.json 打开以查看全班情况",
    scope_list: "矛盾、分歧与图表",
    scope_figure: "图表",
    showing_last_good: "显示上一个能加载的版本",
    no_figures: "此文档没有图表",
    no_figures_here: "此论点没有引用图表(F 列出全部)",
    figure_title: "图表",
    figures_title: "图表",
    source_paragraph: "出自段落",
    formula_inputs: "输入(j/k 选择,+/- 调整,r 恢复)",
    changed_inputs: "按你的输入",
    why: Wording {
        stands_untouched: "{c} 成立:你标记的内容都不涉及它。",
        stands: "{c} 成立:它的 {n} 条支持都仍然有效。",
        weakened: "{c} 被削弱:它的 {n} 条支持中有 {k} 条不再有效({list})",
        unsupported: "{c} 失去支持:它的 {n} 条支持都不再有效({list})",
        contested: "{c} 受到反驳:你同意 {list},它攻击了这一主张或其支持。",
        reasons: [
            "你反对 {list}",
            "{list} 自身失去了支持",
            "你同意对 {list} 所提供支持的削弱",
        ],
        reasons_joiner: ";",
        reasons_lead: ":",
        end: "。",
        list_comma: "、",
        list_and: " 和 ",
    },
    tension: [
        "你同意 {c},也同意反驳它的 {list}。两者能同时成立吗?",
        "你同意 {c},但按你自己的标记,它的支持({list})都不成立。你为什么接受它?",
        "你反对 {c},却同意支持它的全部理由({list}),也不同意任何反对它的论点。还缺什么?",
    ],
    basis_names: [
        ("statistic", "统计数据"),
        ("event", "事件"),
        ("example", "实例"),
        ("reasoning", "推理"),
        ("quote", "引述"),
        ("policy", "政策"),
        ("testimony", "证言"),
    ],
    figure_kinds: ["柱状图", "前后对比", "表格", "计算", "数字"],
    figure_agrees: "与文章一致",
    figure_failed: "无法计算:",
    figure_errors: ["某个输入使它除以零", "结果太大"],
    list_keys: "Enter 前往 · Esc 关闭",
    section_counts: "{p} 段 · {c} 个主张 · {e} 条证据 · {r} 条反驳",
    section_keys: "Enter 折叠本节 · j 移到第一个论点",
    legend_title: "符号",
    legend_close: "按任意键隐藏",
    legend: [
        ("◆", "主张"),
        ("●", "证据"),
        ("✕", "反驳"),
        ("✎", "编者添加"),
        ("[E3]", "文中论点"),
        ("▌", "当前段落"),
        ("✓", "同意"),
        ("✗", "反对"),
        ("?", "存疑"),
        ("*", "笔记"),
        ("⇄", "受到反驳"),
        ("↓", "被削弱"),
        ("∅", "失去支持"),
        ("→ C10 §3", "回应第 3 节的 C10"),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted strings of a table, in field order.
    fn quoted(table: &Strings) -> Vec<String> {
        let debug = format!("{table:?}");
        let mut out = Vec::new();
        let mut rest = debug.as_str();
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            out.push(after[..end].to_string());
            rest = &after[end + 1..];
        }
        out
    }

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..=i + j]))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_string_exists_in_both_languages_with_the_same_placeholders() {
        let (en, zh) = (quoted(&EN), quoted(&ZH));
        assert_eq!(en.len(), zh.len(), "the two tables hold as many strings");
        for (e, z) in en.iter().zip(&zh) {
            assert!(
                !e.is_empty() && !z.is_empty(),
                "an empty string: {e:?} / {z:?}"
            );
            assert_eq!(placeholders(e), placeholders(z), "{e:?} / {z:?}");
        }
    }
}
