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
    pub quit_unsaved: &'static str,
    pub saved_elsewhere: [&'static str; 3],
    pub saved_nowhere: &'static str,
    /// What keeps marks from being saved, in the order of [`crate::marks::store::Trouble`].
    pub troubles: [&'static str; 8],
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
    /// Before a node's `verify` (a fact from outside the article to check), separator included.
    pub verify: &'static str,
    pub note_unsaved_esc: &'static str,
    pub note_unsaved_quit: &'static str,
    pub undone: &'static str,
    pub nothing_to_undo: &'static str,
    pub cleared: &'static str,
    pub undo_hint: &'static str,
    pub map_levels: &'static str,
    pub map_all_levels: &'static str,
    pub scope_note: &'static str,
    pub note_node_gone: &'static str,
    pub figure_agrees: &'static str,
    pub why: Wording,
    pub tension: [&'static str; 3],
    pub figure_kinds: [&'static str; 5],
    pub figure_failed: &'static str,
    pub figure_errors: [&'static str; 2],
    pub list_keys: &'static str,
    pub section_counts: &'static str,
    pub section_keys: &'static str,
    pub legend_title: &'static str,
    pub legend_close: &'static str,
    pub legend: [(&'static str, &'static str); 15],
    // A reader's own nodes (issue 17).
    /// Said of a reader's own node, before its author's name.
    pub reader_own: &'static str,
    /// Who added a node of the reader's own when they gave no name.
    pub reader_you: &'static str,
    /// The reader's own arguments: selecting words and the form.
    pub own: &'static Own,
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
    /// The words for what keeps a marks file from being saved, with the file.
    pub fn unsaved(&self, u: &crate::marks::store::Unsaved) -> String {
        format!(
            "{} ({})",
            self.troubles[u.trouble as usize],
            crate::text::sanitize_line(&u.path.display().to_string())
        )
    }

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
}

/// A node's basis (statistic, event…) in `lang`, from the one table of the
/// known bases ([`crate::model::KNOWN_BASES`]); a basis the catalogue
/// does not know is shown as the document wrote it.
pub fn basis_name(lang: UiLang, basis: &str) -> &str {
    crate::model::KNOWN_BASES
        .iter()
        .position(|k| *k == basis)
        .map_or(basis, |i| cli_strings(lang).bases[i])
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
    note_keys: "Enter saves · Esc twice throws away",
    not_saved: "⚠ not saved:",
    locked: "another stance has these marks open",
    invalid_marks: "the marks file is left untouched:",
    no_marks_file: "⚠ no place to save marks (set HOME or use --marks)",
    exported: "marks exported to",
    export_hint: "exports them here",
    export_failed: "export failed:",
    quit_unsaved: "⚠ marks not saved: press q again to write them to a spare file and quit, any other key to keep reading",
    saved_elsewhere: [
        "your marks could not be saved:",
        "They were written to",
        "instead. Once the problem is fixed (free some space, or make the folder writable), \
         copy that file over your marks file, or open it with --marks.",
    ],
    saved_nowhere: "and no spare file could be written either. Here are your marks; copy them into a file:",
    troubles: [
        "the disk is full",
        "no permission to write there",
        "the disk can only be read",
        "a folder or file is in the way",
        "its folder is gone",
        "its lock file is a link, which stance does not follow; remove it, or keep your marks in a folder of your own (--marks)",
        "its lock file belongs to another user; keep your marks in a folder of your own (--marks)",
        "it belongs to another user, so stance neither reads nor writes it as your marks; keep your marks in a folder of your own (--marks)",
    ],
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
    verify: "⚑ verify, a fact from outside the article: ",
    note_unsaved_esc: "Your note is not saved: Esc again throws it away, Enter saves it",
    note_unsaved_quit: "Your note is not saved: Ctrl-C again quits without it, Enter saves it",
    undone: "Undone on",
    nothing_to_undo: "Nothing to undo",
    cleared: "Mark and note cleared on",
    undo_hint: "U undoes",
    map_levels: "Levels shown:",
    map_all_levels: "Every level shown",
    scope_note: "Writing a note",
    figure_agrees: "as the article states",
    note_node_gone: "This node is no longer in the document; copy your words elsewhere, then Esc twice",
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
    figure_kinds: ["bar", "change", "table", "formula", "stat"],
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
        ("⊕", "yours"),
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
    reader_own: "A READER'S OWN — not in the article, added by",
    reader_you: "you",
    own: &OWN_EN,
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
    note_keys: "Enter 保存 · 按两次 Esc 丢弃",
    not_saved: "⚠ 未保存:",
    locked: "另一个 stance 正在使用这些标记",
    invalid_marks: "标记文件保持原样:",
    no_marks_file: "⚠ 没有保存标记的位置(设置 HOME 或使用 --marks)",
    exported: "标记已导出到",
    export_hint: "导出到当前目录",
    export_failed: "导出失败:",
    quit_unsaved: "⚠ 标记未保存:再按 q 把标记写到备用文件并退出,按其他键继续阅读",
    saved_elsewhere: [
        "你的标记未能保存:",
        "它们已改写到",
        "。问题解决后(腾出磁盘空间,或让文件夹可写),用这个文件覆盖你的标记文件,或用 --marks 打开它。",
    ],
    saved_nowhere: "备用文件也无法写入。以下是你的标记,请复制到一个文件里:",
    troubles: [
        "磁盘已满",
        "没有写入权限",
        "磁盘只读",
        "有文件夹或文件挡在那里",
        "所在的文件夹已不存在",
        "它的锁文件是一个链接,stance 不会跟随;请删除它,或把标记放在你自己的文件夹里(--marks)",
        "它的锁文件属于另一个用户;请把标记放在你自己的文件夹里(--marks)",
        "它属于另一个用户,stance 不会把它当作你的标记来读写;请把标记放在你自己的文件夹里(--marks)",
    ],
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
    verify: "⚑ 待核实(文章以外的事实):",
    note_unsaved_esc: "笔记尚未保存:再按 Esc 丢弃,按 Enter 保存",
    note_unsaved_quit: "笔记尚未保存:再按 Ctrl-C 不保存并退出,按 Enter 保存",
    undone: "已撤销:",
    nothing_to_undo: "没有可撤销的改动",
    cleared: "已清除标记和笔记:",
    undo_hint: "按 U 撤销",
    map_levels: "显示层数:",
    map_all_levels: "显示全部层级",
    scope_note: "写笔记时",
    figure_agrees: "与文章一致",
    note_node_gone: "此论点已不在文档中;请先把笔记另存,再按两次 Esc",
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
    figure_kinds: ["柱状图", "前后对比", "表格", "计算", "数字"],
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
        ("⊕", "你自己的"),
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
    reader_own: "读者自己添加 —— 并非原文内容,添加者:",
    reader_you: "你",
    own: &OWN_ZH,
};

/// The command line's words (`stance analyze`, `stance brief`, `stance
/// merge`), in one language. `{0}`, `{1}`… are filled by [`fill`]. English
/// has a form for one and a form for many where the grammar needs it.
#[allow(missing_docs)]
#[derive(Debug, serde::Serialize)]
pub struct CliStrings {
    // Names of kinds and stances, as a person reads them.
    pub kind_claim: &'static str,
    pub kind_evidence: &'static str,
    pub kind_rebuttal: &'static str,
    pub stance_agree: &'static str,
    pub stance_dispute: &'static str,
    pub stance_unsure: &'static str,
    pub stance_none: &'static str,
    /// The bases of evidence the content format knows; the English names are the ones files use.
    pub bases: [&'static str; 10],
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub list_and: &'static str,
    pub clause_sep: &'static str,
    // stance analyze
    pub an_summary: &'static str,
    pub an_not_undermined: &'static str,
    pub an_weakened: &'static str,
    pub an_unsupported: &'static str,
    pub an_contested: &'static str,
    pub an_meaning: &'static str,
    pub an_disputed_yet_not_undermined: &'static str,
    pub an_line: &'static str,
    pub an_line_plain: &'static str,
    pub st_not_undermined: &'static str,
    pub st_weakened: &'static str,
    pub st_unsupported: &'static str,
    pub st_contested: &'static str,
    pub why_weakened_one: &'static str,
    pub why_weakened_many: &'static str,
    pub why_unsupported_only: &'static str,
    pub why_unsupported_all: &'static str,
    pub why_contested_one: &'static str,
    pub why_contested_many: &'static str,
    pub why_you_disputed: &'static str,
    pub why_fallen_one: &'static str,
    pub why_fallen_many: &'static str,
    pub why_undercut: &'static str,
    pub an_no_tensions: &'static str,
    pub an_tensions_one: &'static str,
    pub an_tensions_many: &'static str,
    pub tension_agree_both: &'static str,
    pub tension_agree_unsupported: &'static str,
    pub tension_dispute_supported: &'static str,
    // stance brief
    pub br_title_for: &'static str,
    pub br_title_against: &'static str,
    pub br_no_thesis: &'static str,
    pub br_thesis: &'static str,
    pub br_legend: &'static str,
    pub br_editorial: &'static str,
    pub br_unsourced: &'static str,
    pub br_tensions: &'static str,
    pub br_attacks_on_thesis: &'static str,
    pub br_against_thesis: &'static str,
    pub br_no_answer: &'static str,
    pub br_outside_fact: &'static str,
    pub br_note: &'static str,
    pub br_verify: &'static str,
    pub br_unanswered_heading: &'static str,
    pub br_all_answered: &'static str,
    pub br_unanswered_lead: &'static str,
    pub br_answer: &'static str,
    pub br_the_case: &'static str,
    pub br_other_side: &'static str,
    pub br_nothing_attacks: &'static str,
    pub br_attacks_above: &'static str,
    pub br_see_above: &'static str,
    pub br_for: &'static str,
    pub br_against_line: &'static str,
    pub br_no_rebuttal: &'static str,
    pub br_what_to_answer: &'static str,
    pub br_their_answer: &'static str,
    pub br_against: &'static str,
    pub br_support_link: &'static str,
    pub br_figure_above: &'static str,
    pub br_your_mark: &'static str,
    pub br_status: &'static str,
    pub br_class: &'static str,
    // stance merge
    pub mg_readers: &'static str,
    pub mg_node: &'static str,
    pub mg_agree: &'static str,
    pub mg_dispute: &'static str,
    pub mg_unsure: &'static str,
    pub mg_notes: &'static str,
    pub mg_split: &'static str,
    pub mg_text: &'static str,
    pub mg_title: &'static str,
    pub mg_readers_md: &'static str,
    pub mg_skipping_lock: &'static str,
    pub mg_twice: &'static str,
    pub mg_warning: &'static str,
    // stance export --format markdown
    pub ex_title: &'static str,
    pub ex_reader: &'static str,
    pub ex_updated: &'static str,
    pub ex_count: &'static str,
    /// A node's kind in a heading: claim, evidence, rebuttal, and a node the document lost.
    pub ex_kinds: [&'static str; 4],
    pub ex_note_only: &'static str,
    pub ex_editorial: &'static str,
    pub ex_note: &'static str,
    pub ex_paragraph: &'static str,
    pub ex_orphan: &'static str,
    // Every command: writing files, loading.
    pub cm_replaced: &'static str,
    pub cm_was_link: &'static str,
    pub cm_is_input: &'static str,
    pub cm_is_folder: &'static str,
    pub cm_exists: &'static str,
    pub cm_cannot_write: &'static str,
    /// Why the system refused a write: no folder, no permission, read-only,
    /// full, a file in the path, a name not allowed, anything else.
    pub io_reasons: [&'static str; 7],
    pub cm_has_errors: &'static str,
    pub cm_no_marks_file: &'static str,
    // stance marks
    pub mk_gone: &'static str,
    pub mk_none: &'static str,
    pub mk_no_orphans: &'static str,
    // A reader's own nodes (issue 17) in the command line's outputs.
    /// Said of a reader's own node: `{0}` is the reader's name.
    pub od_own_by: &'static str,
    /// The heading over a reader's own arguments in an export.
    pub od_own_title: &'static str,
    /// An addition's relations: supports `{0}`, rebuts `{0}`, undercuts the support of `{0}` for `{1}`.
    pub od_relations: [&'static str; 3],
    /// Why an addition is an orphan: its id is taken / `{0}` is gone / its quote is not in `{0}` / names no paragraph.
    pub od_orphans: [&'static str; 4],
    /// Where a reader wrote an answer to an attack in a brief.
    pub od_your_answer: &'static str,
    /// The lead of a reader's own argument in a brief.
    pub od_your_argument: &'static str,
    /// `stance merge`'s section of students' additions, and one line of it: `{0}` who, `{1}` agree, `{2}` dispute.
    pub od_class_title: &'static str,
    pub od_class_by: &'static str,
    /// Under which node a student's additions go when they answer none.
    pub od_class_unattached: &'static str,
}

/// The command line's words in `lang`.
pub fn cli_strings(lang: UiLang) -> &'static CliStrings {
    match lang {
        UiLang::En => &CLI_EN,
        UiLang::Zh => &CLI_ZH,
    }
}

/// `template` with `{0}`, `{1}`… replaced by `args` in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

static CLI_EN: CliStrings = CliStrings {
    kind_claim: "Claim",
    kind_evidence: "Evidence",
    kind_rebuttal: "Rebuttal",
    stance_agree: "✓ agree",
    stance_dispute: "✗ dispute",
    stance_unsure: "? unsure",
    stance_none: "no stance",
    bases: [
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
    ],
    colon: ": ",
    list_sep: ", ",
    list_and: " and ",
    clause_sep: "; ",
    an_summary: "{0} claims, as your marks leave them: {1}.",
    an_not_undermined: "{0} not undermined",
    an_weakened: "{0} weakened",
    an_unsupported: "{0} left unsupported",
    an_contested: "{0} contested",
    an_meaning: "“Not undermined” means nothing else you marked takes away from a claim; it does not mean you accept it.",
    an_disputed_yet_not_undermined: "Not undermined, though you dispute them yourself: {0}.",
    an_line: "{0} is {1} (your stance: {2}): {3}.",
    an_line_plain: "{0} is {1} (your stance: {2}).",
    st_not_undermined: "not undermined",
    st_weakened: "weakened",
    st_unsupported: "left unsupported",
    st_contested: "contested",
    why_weakened_one: "{0} of its {1} supports no longer counts ({2})",
    why_weakened_many: "{0} of its {1} supports no longer count ({2})",
    why_unsupported_only: "its only support no longer counts ({0})",
    why_unsupported_all: "none of its {0} supports counts any more ({1})",
    why_contested_one: "you agree with {0}, which attacks it or its support",
    why_contested_many: "you agree with {0}, which attack it or its support",
    why_you_disputed: "you disputed {0}",
    why_fallen_one: "{0} lost all its support",
    why_fallen_many: "{0} lost all their support",
    why_undercut: "you agree with an undercut of the support from {0}",
    an_no_tensions: "No tensions in your marks.",
    an_tensions_one: "1 tension in your marks:",
    an_tensions_many: "{0} tensions in your marks:",
    tension_agree_both: "You agree with {0} and also with {1}, which argues against it. Can both be right?",
    tension_agree_unsupported: "You agree with {0}, but by your own marks none of its supports ({1}) holds. What makes you accept it?",
    tension_dispute_supported: "You dispute {0}, yet you agree with everything offered for it ({1}) and with nothing against it. What is missing?",
    br_title_for: "Debate brief — for the thesis",
    br_title_against: "Debate brief — against the thesis",
    br_no_thesis: "This document names no thesis, so there are no sides to brief.",
    br_thesis: "Thesis",
    br_legend: "Nodes marked _editorial_ were added for debate; they are not in the article. ⚠ marks facts the article states without a source; ⚑ marks outside facts to check before you use them.",
    br_editorial: "editorial, not in the article",
    br_unsourced: "⚠ the article gives no source",
    br_tensions: "Tensions in your marks",
    br_attacks_on_thesis: "Attacks on the thesis itself",
    br_against_thesis: "Against the thesis itself",
    br_no_answer: "No answer in the map: prepare one.",
    br_outside_fact: "⚑ leans on an outside fact",
    br_note: "Note: ",
    br_verify: "⚑ Verify before using (outside the article): ",
    br_unanswered_heading: "Where the map has no answer",
    br_all_answered: "Every attack above has at least one answer in the map.",
    br_unanswered_lead: "Nothing in the map answers these; prepare your own answer, or concede the point:",
    br_answer: "Answer: ",
    br_the_case: "The case",
    br_other_side: "What the other side will say, and answers",
    br_nothing_attacks: "Nothing in this map attacks this line. Expect something anyway.",
    br_attacks_above: "What attacks this line is listed above, where its case is first set out.",
    br_see_above: "see above.",
    br_for: "(for {0}) ",
    br_against_line: "Against: {0}",
    br_no_rebuttal: "No rebuttal in the map attacks this line: build one, or concede it.",
    br_what_to_answer: "What to answer: the article's line",
    br_their_answer: "Their answer to {0}: ",
    br_against: "Against {0}: ",
    br_support_link: "the support {0} gives {1}",
    br_figure_above: "Figure {0}: shown above.",
    br_your_mark: "Your mark: {0}",
    br_status: "Status by your marks: {0}",
    br_class: "Class: {0} agree, {1} dispute, {2} unsure",
    mg_readers: "{0} readers: {1}",
    mg_node: "node",
    mg_agree: "agree",
    mg_dispute: "dispute",
    mg_unsure: "unsure",
    mg_notes: "notes",
    mg_split: "split",
    mg_text: "text",
    mg_title: "Where the class stands: “{0}”",
    mg_readers_md: "Readers ({0}): {1}",
    mg_skipping_lock: "skipping {0}: it is the lock of an open reader, not a marks file",
    mg_twice: "{0} appears twice ({1} and {2}); keeping the newer, {2}",
    mg_warning: "warning",
    ex_title: "Marks on “{0}”",
    ex_reader: "Reader: {0}",
    ex_updated: "Updated: {0}",
    ex_count: "{0} of {1} nodes marked.",
    ex_kinds: ["claim", "evidence", "rebuttal", "node"],
    ex_note_only: "note only",
    ex_editorial: "Editorial: added for debate, not in the article.",
    ex_note: "Note: {0}",
    ex_paragraph: "Paragraph: {0}",
    ex_orphan: "This node is no longer in the document; the mark is kept.",
    cm_replaced: "replaced {0}",
    cm_was_link: "{0} was a link; it is now a file of its own, and what it pointed to is untouched",
    cm_is_input: "not writing {0}: it is {1}, which this command reads; choose another name for the output",
    cm_is_folder: "{0} is a folder; give a file name inside it, as in `-o {0}/out.md`",
    cm_exists: "{0} already exists; choose another name or move it aside (stance never overwrites a document)",
    cm_cannot_write: "cannot write {0}: {1}",
    io_reasons: [
        "its folder does not exist; create the folder first",
        "you may not write there; choose a folder of your own",
        "the disk is read-only; choose another place",
        "the disk is full; make room and try again",
        "part of the path is a file, not a folder",
        "the name is not one this system allows",
        "the system refused; check the path and try again",
    ],
    cm_has_errors: "{0} has errors; `stance check {0}` lists them all",
    cm_no_marks_file: "no marks file: set `HOME` or `XDG_DATA_HOME`, or give one with `--marks FILE`",
    mk_gone: "(no longer in the document)",
    mk_none: "no marks yet",
    mk_no_orphans: "no orphaned marks",
    od_own_by: "a reader's own, not in the article — by {0}",
    od_own_title: "Your own arguments",
    od_relations: [
        "supports {0}",
        "rebuts {0}",
        "undercuts how {0} supports {1}",
    ],
    od_orphans: [
        "the document already has a node with this id, so it is left out of the map",
        "answers {0}, which the document no longer has",
        "its quote is no longer in paragraph {0}",
        "its quote names no paragraph",
    ],
    od_your_answer: "your answer: ",
    od_your_argument: "Your own argument: ",
    od_class_title: "The students' own arguments",
    od_class_by: "by {0} — classmates: {1} agree, {2} dispute",
    od_class_unattached: "answering no node",
};

static CLI_ZH: CliStrings = CliStrings {
    kind_claim: "主张",
    kind_evidence: "证据",
    kind_rebuttal: "反驳",
    stance_agree: "✓ 同意",
    stance_dispute: "✗ 反对",
    stance_unsure: "? 存疑",
    stance_none: "未表态",
    bases: [
        "统计数据",
        "事件",
        "政策",
        "引述",
        "例子",
        "推理",
        "类比",
        "证言",
        "定义",
        "预测",
    ],
    colon: ":",
    list_sep: "、",
    list_and: "和",
    clause_sep: ";",
    an_summary: "共 {0} 个主张,按你的标记:{1}。",
    an_not_undermined: "{0} 个未被动摇",
    an_weakened: "{0} 个被削弱",
    an_unsupported: "{0} 个失去支持",
    an_contested: "{0} 个受到反驳",
    an_meaning: "“未被动摇”只表示你标记的其他内容没有削弱这个主张,并不表示你接受它。",
    an_disputed_yet_not_undermined: "未被动摇、但你自己表示反对的:{0}。",
    an_line: "{0}{1}(你的立场:{2}):{3}。",
    an_line_plain: "{0}{1}(你的立场:{2})。",
    st_not_undermined: "未被动摇",
    st_weakened: "被削弱",
    st_unsupported: "失去支持",
    st_contested: "受到反驳",
    why_weakened_one: "它的 {1} 个支持中有 {0} 个不再成立({2})",
    why_weakened_many: "它的 {1} 个支持中有 {0} 个不再成立({2})",
    why_unsupported_only: "它唯一的支持不再成立({0})",
    why_unsupported_all: "它的 {0} 个支持都不再成立({1})",
    why_contested_one: "你同意 {0},它反驳了这个主张或它的支持",
    why_contested_many: "你同意 {0},它们反驳了这个主张或它的支持",
    why_you_disputed: "你反对 {0}",
    why_fallen_one: "{0} 失去了全部支持",
    why_fallen_many: "{0} 都失去了全部支持",
    why_undercut: "你同意一个切断 {0} 的支持的反驳",
    an_no_tensions: "你的标记中没有矛盾。",
    an_tensions_one: "你的标记中有 1 处矛盾:",
    an_tensions_many: "你的标记中有 {0} 处矛盾:",
    tension_agree_both: "你同意 {0},也同意反驳它的 {1}。两者能同时成立吗?",
    tension_agree_unsupported: "你同意 {0},但按你自己的标记,它的支持({1})都不成立。是什么让你接受它?",
    tension_dispute_supported: "你反对 {0},却同意支持它的全部内容({1}),也不同意任何反驳它的内容。还缺什么?",
    br_title_for: "辩论提纲 —— 支持论题",
    br_title_against: "辩论提纲 —— 反对论题",
    br_no_thesis: "此文档没有指明论题,因此无法分正反两方。",
    br_thesis: "论题",
    br_legend: "标为“_编者补充_”的论点是为辩论添加的,不在原文中。⚠ 表示原文未给出来源的事实;⚑ 表示使用前需要核实的文章以外的事实。",
    br_editorial: "编者补充,不在原文中",
    br_unsourced: "⚠ 原文未给出来源",
    br_tensions: "你的标记中的矛盾",
    br_attacks_on_thesis: "对论题本身的反驳",
    br_against_thesis: "反对论题本身",
    br_no_answer: "论证地图中没有回应:请自己准备一个。",
    br_outside_fact: "⚑ 依据文章以外的事实",
    br_note: "说明:",
    br_verify: "⚑ 使用前请核实(文章以外的事实):",
    br_unanswered_heading: "论证地图中没有回应的攻击",
    br_all_answered: "以上每一条攻击在论证地图中都至少有一个回应。",
    br_unanswered_lead: "论证地图中没有任何内容回应以下几点;请准备自己的回应,或承认这一点:",
    br_answer: "回应:",
    br_the_case: "论证",
    br_other_side: "对方会说什么,以及如何回应",
    br_nothing_attacks: "论证地图中没有反驳这条论证线的内容。但仍要有所准备。",
    br_attacks_above: "对这条论证线的攻击已列在上文首次展开它的地方。",
    br_see_above: "见上文。",
    br_for: "(支持 {0})",
    br_against_line: "反对:{0}",
    br_no_rebuttal: "论证地图中没有反驳这条论证线的论点:自己构建一个,或者承认它。",
    br_what_to_answer: "需要回应的:原文的论证线",
    br_their_answer: "对方对 {0} 的回应:",
    br_against: "反对 {0}:",
    br_support_link: "{0} 对 {1} 的支持",
    br_figure_above: "图表 {0}:见上文。",
    br_your_mark: "你的标记:{0}",
    br_status: "按你的标记:{0}",
    br_class: "全班:{0} 同意,{1} 反对,{2} 存疑",
    mg_readers: "{0} 位读者:{1}",
    mg_node: "论点",
    mg_agree: "同意",
    mg_dispute: "反对",
    mg_unsure: "存疑",
    mg_notes: "笔记",
    mg_split: "分布",
    mg_text: "内容",
    mg_title: "全班的立场:“{0}”",
    mg_readers_md: "读者({0}):{1}",
    mg_skipping_lock: "跳过 {0}:这是一个打开中的阅读器的锁文件,不是标记文件",
    mg_twice: "{0} 出现了两次({1} 和 {2});保留较新的 {2}",
    mg_warning: "注意",
    ex_title: "对“{0}”的标记",
    ex_reader: "读者:{0}",
    ex_updated: "更新于:{0}",
    ex_count: "{1} 个论点中已标记 {0} 个。",
    ex_kinds: ["主张", "证据", "反驳", "论点"],
    ex_note_only: "仅笔记",
    ex_editorial: "编者补充:为辩论添加,不在原文中。",
    ex_note: "笔记:{0}",
    ex_paragraph: "段落:{0}",
    ex_orphan: "文档中已没有这个论点;标记仍然保留。",
    cm_replaced: "已替换 {0}",
    cm_was_link: "{0} 原是一个链接;现在它是独立的文件,链接指向的文件未被改动",
    cm_is_input: "不写入 {0}:它就是本命令读取的 {1};请为输出另选一个名字",
    cm_is_folder: "{0} 是一个文件夹;请给出其中的文件名,例如 `-o {0}/out.md`",
    cm_exists: "{0} 已存在;请另选名字或把它移开(stance 从不覆盖文档)",
    cm_cannot_write: "无法写入 {0}:{1}",
    io_reasons: [
        "所在文件夹不存在;请先创建它",
        "你没有在那里写入的权限;请选择你自己的文件夹",
        "磁盘是只读的;请换个位置",
        "磁盘已满;请腾出空间后重试",
        "路径中有一部分是文件而不是文件夹",
        "这个名字在本系统中不被允许",
        "系统拒绝了写入;请检查路径后重试",
    ],
    cm_has_errors: "{0} 有错误;`stance check {0}` 会把它们全部列出",
    cm_no_marks_file: "没有标记文件:请设置 `HOME` 或 `XDG_DATA_HOME`,或用 `--marks FILE` 指定一个",
    mk_gone: "(文档中已没有这个论点)",
    mk_none: "还没有标记",
    mk_no_orphans: "没有孤立的标记",
    od_own_by: "读者自己添加,不在原文中 —— 作者:{0}",
    od_own_title: "你自己的论证",
    od_relations: ["支持 {0}", "反驳 {0}", "削弱 {0} 对 {1} 的支持"],
    od_orphans: [
        "文档中已有同一编号的论点,因此没有放进论证地图",
        "回应的 {0} 已不在文档中",
        "引文已不在段落 {0} 中",
        "引文没有注明段落",
    ],
    od_your_answer: "你的回应:",
    od_your_argument: "你自己的论证:",
    od_class_title: "学生自己的论证",
    od_class_by: "作者:{0} —— 同学:{1} 人同意,{2} 人反对",
    od_class_unattached: "未回应任何论点",
};

/// The reader's words for big discussions and links ([`super::discussion`]).
#[derive(Debug)]
pub struct DiscussionStrings {
    /// After `-`.
    pub folded_all: &'static str,
    /// After `+` or `0`.
    pub unfolded_all: &'static str,
    /// After a digit: `{n}` levels.
    pub folded_to: &'static str,
    /// Under a node with links, before `o` is pressed: `{n}` links.
    pub links_hidden: &'static str,
    /// Above the list of a node's links.
    pub links_title: &'static str,
    /// Before a Kialo claim's number in the node pane.
    pub kialo_number: &'static str,
    /// After the article pane is brought back beside a discussion.
    pub article_shown: &'static str,
    /// After the article pane is put away again: the claims get the width.
    pub article_hidden: &'static str,
    /// The article-pane key pressed on an article (it always has that pane).
    pub article_always: &'static str,
}

/// The discussion words in `lang`.
pub fn discussion_strings(lang: UiLang) -> &'static DiscussionStrings {
    match lang {
        UiLang::En => &DISCUSSION_EN,
        UiLang::Zh => &DISCUSSION_ZH,
    }
}

static DISCUSSION_EN: DiscussionStrings = DiscussionStrings {
    folded_all: "outline folded: Enter or l opens a branch, + unfolds everything",
    unfolded_all: "outline unfolded",
    folded_to: "outline folded to {n} levels",
    links_hidden: "🔗 {n} link(s): o shows where they lead",
    links_title: "Links",
    kialo_number: "Kialo",
    article_shown: "the article pane beside the claims",
    article_hidden: "the claims alone: the tree and the selected claim's full text",
    article_always: "an article always shows its text beside the outline",
};

static DISCUSSION_ZH: DiscussionStrings = DiscussionStrings {
    folded_all: "大纲已折叠:Enter 或 l 展开分支,+ 全部展开",
    unfolded_all: "大纲已全部展开",
    folded_to: "大纲只显示 {n} 层",
    links_hidden: "🔗 {n} 个链接:按 o 显示地址",
    links_title: "链接",
    kialo_number: "Kialo 编号",
    article_shown: "文章窗格显示在论点旁",
    article_hidden: "只看论点:论点树和所选论点的全文",
    article_always: "文章总是在大纲旁显示正文",
};

impl UiLang {
    /// The language a node's text is shown in for this interface language.
    pub fn text_lang(self) -> crate::model::Lang {
        match self {
            UiLang::En => crate::model::Lang::En,
            UiLang::Zh => crate::model::Lang::Zh,
        }
    }
}

// ---- The class folder (`--class-dir`, `stance class`, the teacher's view) ----

/// The words of the class folder, the class's reasons and the teacher's view.
#[derive(Debug)]
pub struct ClassStrings {
    /// A file still being written.
    pub half_written: &'static str,
    /// A sync engine's conflict copy.
    pub conflict_copy: &'static str,
    /// Marks on another document: {0} its id.
    pub other_document: &'static str,
    /// From a newer stance: {0} its schema.
    pub newer: &'static str,
    /// Unreadable: {0} why.
    pub unreadable: &'static str,
    /// Beyond the most files read: {0} how many files, {1} how many MiB.
    pub too_many: &'static str,
    /// One file skipped, as the head of the summary.
    pub skipped_1: &'static str,
    /// Several files skipped: {0} how many.
    pub skipped_n: &'static str,
    /// A file and why: {0} file, {1} why.
    pub skipped_one: &'static str,
    /// Between files in the summary.
    pub list_sep: &'static str,
    /// More files than shown: {0} how many more.
    pub and_more: &'static str,
    /// Another reader has the same name: {0} name, {1} their file, {2} ours.
    pub namesake_own: &'static str,
    /// Two readers of one name in the folder: {0} name, {1} their files.
    pub namesakes: &'static str,
    /// The folder cannot be read: {0} folder, {1} why.
    pub folder_unreadable: &'static str,
    /// The class folder in the status line: {0} readers.
    pub status_readers: &'static str,
    /// Heading of the reasons in the node pane.
    pub reasons: &'static str,
    /// An anonymous classmate: {0} their number.
    pub student_n: &'static str,
    /// The teacher's view's title.
    pub teacher_title: &'static str,
    /// Heading: who has marked how much.
    pub teacher_readers: &'static str,
    /// A reader's line: {0} name, {1} marks, {2} notes.
    pub teacher_reader_line: &'static str,
    /// Heading: the most divisive nodes.
    pub teacher_divisive: &'static str,
    /// Heading: nodes no one has marked: {0} how many.
    pub teacher_unmarked: &'static str,
    /// Heading: the newest notes.
    pub teacher_notes: &'static str,
    /// Nothing to show under a heading.
    pub teacher_none: &'static str,
    /// The teacher's view needs a class folder.
    pub teacher_needs_folder: &'static str,
}

static CLASS_EN: ClassStrings = ClassStrings {
    half_written: "half-written, read again when it changes",
    conflict_copy: "a conflict copy left by a sync program; merge it by hand or delete it",
    other_document: "marks on another document ({0})",
    newer: "written by a newer stance ({0}); update stance to count it",
    unreadable: "unreadable: {0}",
    too_many: "beyond what stance reads from one folder ({0} files, {1} MiB)",
    skipped_1: "1 file skipped: ",
    skipped_n: "{0} files skipped: ",
    skipped_one: "{0} ({1})",
    list_sep: "; ",
    and_more: "; and {0} more",
    namesake_own: "another reader named {0} marks in this folder ({1}); your marks go to {2}, and neither file is overwritten",
    namesakes: "two readers named {0} mark in this folder ({1}); one of you may pick another name with --reader",
    folder_unreadable: "the class folder {0} cannot be read: {1}",
    status_readers: "class: {0} readers",
    reasons: "Reasons",
    student_n: "student {0}",
    teacher_title: "The class at a glance",
    teacher_readers: "Who has marked how much",
    teacher_reader_line: "{0} — marked: {1}, notes: {2}",
    teacher_divisive: "Most divisive",
    teacher_unmarked: "Marked by no one ({0})",
    teacher_notes: "Newest notes",
    teacher_none: "none yet",
    teacher_needs_folder: "the class view needs a class folder: open with --class-dir DIR",
};

static CLASS_ZH: ClassStrings = ClassStrings {
    half_written: "写了一半,文件变化后会再读",
    conflict_copy: "同步程序留下的冲突副本;请手动合并或删除",
    other_document: "另一篇文档的标记({0})",
    newer: "由更新版本的 stance 写入({0});升级 stance 后才会计入",
    unreadable: "无法读取:{0}",
    too_many: "超出 stance 从一个文件夹读取的上限({0} 个文件,{1} MiB)",
    skipped_1: "跳过了 1 个文件:",
    skipped_n: "跳过了 {0} 个文件:",
    skipped_one: "{0}({1})",
    list_sep: ";",
    and_more: ";另有 {0} 个",
    namesake_own: "这个文件夹里已有另一位叫 {0} 的读者({1});你的标记保存到 {2},两个文件都不会被覆盖",
    namesakes: "这个文件夹里有两位叫 {0} 的读者({1});可以用 --reader 换一个名字",
    folder_unreadable: "无法读取班级文件夹 {0}:{1}",
    status_readers: "全班:{0} 位读者",
    reasons: "理由",
    student_n: "学生 {0}",
    teacher_title: "全班概览",
    teacher_readers: "谁标记了多少",
    teacher_reader_line: "{0}——标记:{1},笔记:{2}",
    teacher_divisive: "分歧最大",
    teacher_unmarked: "无人标记({0})",
    teacher_notes: "最新笔记",
    teacher_none: "暂无",
    teacher_needs_folder: "全班视图需要班级文件夹:用 --class-dir DIR 打开",
};

/// The class folder's words in `lang`.
pub fn class_strings(lang: UiLang) -> &'static ClassStrings {
    match lang {
        UiLang::En => &CLASS_EN,
        UiLang::Zh => &CLASS_ZH,
    }
}

#[cfg(test)]
mod class_words {
    use super::*;

    #[test]
    fn every_class_string_exists_in_both_languages_with_the_same_placeholders() {
        let quoted = |t: &ClassStrings| -> Vec<String> {
            format!("{t:?}")
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        let (en, zh) = (quoted(&CLASS_EN), quoted(&CLASS_ZH));
        assert_eq!(en.len(), zh.len());
        assert!(en.len() >= 25, "{en:?}");
        for (e, z) in en.iter().zip(&zh) {
            assert!(!e.is_empty() && !z.is_empty(), "{e:?} / {z:?}");
            for p in ["{0}", "{1}", "{2}"] {
                assert_eq!(e.contains(p), z.contains(p), "{e:?} / {z:?}");
            }
        }
    }
}

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
    fn every_discussion_string_exists_in_both_languages_with_the_same_placeholders() {
        let fields = |d: &'static DiscussionStrings| {
            [
                d.folded_all,
                d.unfolded_all,
                d.folded_to,
                d.links_hidden,
                d.links_title,
                d.kialo_number,
                d.article_shown,
                d.article_hidden,
                d.article_always,
            ]
        };
        let en = fields(discussion_strings(UiLang::En));
        let zh = fields(discussion_strings(UiLang::Zh));
        for (e, z) in en.iter().zip(&zh) {
            assert!(!e.is_empty() && !z.is_empty(), "{e:?} / {z:?}");
            assert_ne!(e, z, "untranslated");
            assert_eq!(placeholders(e), placeholders(z), "{e:?} / {z:?}");
        }
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

/// The reader's words for their own arguments: selecting words of the
/// article, the form for a node of their own, and how their nodes are shown.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Own {
    pub scope_select: &'static str,
    pub scope_form: &'static str,
    pub no_paragraph: &'static str,
    pub selecting: &'static str,
    pub select_first: &'static str,
    pub needs_text: &'static str,
    pub form_unsaved: &'static str,
    pub form_unsaved_quit: &'static str,
    pub form_add: &'static str,
    pub form_edit: &'static str,
    pub form_relate: &'static str,
    pub relate_from: &'static str,
    pub relate_self: &'static str,
    pub related: &'static str,
    pub answering: &'static str,
    pub field_kind: &'static str,
    pub field_target: &'static str,
    pub field_bearing: &'static str,
    pub field_link: &'static str,
    pub field_lang: &'static str,
    pub field_text: &'static str,
    pub field_note: &'static str,
    pub field_quote: &'static str,
    /// The form's line, when editing, for a node's relations after the one the
    /// form edits: its label, each relation (supports `{0}` / rebuts `{0}` /
    /// undercuts how `{0}` supports `{1}`), and that they are kept.
    pub field_also: &'static str,
    pub also_relations: [&'static str; 3],
    pub also_kept: &'static str,
    pub bearing_supports: &'static str,
    pub bearing_rebuts: &'static str,
    pub bearing_undercuts: &'static str,
    pub bearing_none: &'static str,
    pub lang_zh: &'static str,
    pub lang_en: &'static str,
    pub added: &'static str,
    pub edited: &'static str,
    pub deleted: &'static str,
    pub not_yours: &'static str,
    pub orphaned: &'static str,
    /// The list of one's own nodes that lost their place (`O`): its title, and what it says when there are none.
    pub orphans_title: &'static str,
    pub no_orphans: &'static str,
    /// `{0}`: the classmate who wrote the node the reader tried to change.
    pub theirs: &'static str,
}

static OWN_EN: Own = Own {
    scope_select: "Selecting words",
    scope_form: "Your own node",
    no_paragraph: "No paragraph here to select words in.",
    selecting: "Selecting: Space starts, w or l extends, e quotes it as evidence, r answers it, Esc stops.",
    select_first: "Select some words first: Space, then w or l.",
    needs_text: "Write what your node says first.",
    form_unsaved: "The form has changes: Esc again closes it without saving.",
    form_unsaved_quit: "The form has changes: Ctrl-C again quits without saving them.",
    form_add: "Your own node",
    form_edit: "Edit your node",
    form_relate: "Relate",
    relate_from: "Now select the node it bears on and press R there (Esc cancels):",
    relate_self: "A node cannot bear on itself: select another and press R.",
    related: "Related",
    answering: "answering",
    field_kind: "Kind",
    field_target: "Answers",
    field_bearing: "How",
    field_link: "Support",
    field_lang: "Language",
    field_text: "Words",
    field_note: "Note",
    field_quote: "Quote",
    field_also: "Also",
    also_relations: [
        "supports {0}",
        "rebuts {0}",
        "undercuts how {0} supports {1}",
    ],
    also_kept: "(kept as they are)",
    bearing_supports: "supports it",
    bearing_rebuts: "rebuts it",
    bearing_undercuts: "undercuts a support of it",
    bearing_none: "none: a claim of my own under the thesis",
    lang_zh: "中文 (Chinese)",
    lang_en: "English",
    added: "Added",
    edited: "Changed",
    deleted: "Deleted",
    not_yours: "Only your own nodes can be edited or deleted.",
    orphaned: "of your nodes lost their place in the article (kept; O lists them)",
    orphans_title: "Your nodes that lost their place",
    no_orphans: "None of your nodes lost its place in the article.",
    theirs: "{0} wrote this node: only they can change it. You can still mark it (a, d).",
};

static OWN_ZH: Own = Own {
    scope_select: "选取文字",
    scope_form: "你自己的论点",
    no_paragraph: "这里没有可以选取文字的段落。",
    selecting: "选取中:空格开始,w 或 l 扩展,e 用作证据引文,r 回应,Esc 停止。",
    select_first: "请先选取文字:按空格,再按 w 或 l。",
    needs_text: "请先写下你的论点内容。",
    form_unsaved: "表单有改动:再按一次 Esc 不保存就关闭。",
    form_unsaved_quit: "表单有改动:再按一次 Ctrl-C 不保存就退出。",
    form_add: "你自己的论点",
    form_edit: "修改你的论点",
    form_relate: "关联",
    relate_from: "现在选择它所针对的论点,在那里按 R(Esc 取消):",
    relate_self: "论点不能针对自己:请选择另一个论点再按 R。",
    related: "已关联",
    answering: "回应",
    field_kind: "类型",
    field_target: "回应对象",
    field_bearing: "关系",
    field_link: "支持",
    field_lang: "语言",
    field_text: "内容",
    field_note: "笔记",
    field_quote: "引文",
    field_also: "另外",
    also_relations: ["支持 {0}", "反驳 {0}", "削弱 {0} 对 {1} 的支持"],
    also_kept: "(保持不变)",
    bearing_supports: "支持它",
    bearing_rebuts: "反驳它",
    bearing_undercuts: "削弱它的一条支持",
    bearing_none: "无:我自己在总论点下的主张",
    lang_zh: "中文",
    lang_en: "English(英文)",
    added: "已添加",
    edited: "已修改",
    deleted: "已删除",
    not_yours: "只能修改或删除你自己的论点。",
    orphaned: "个你的论点在文章中已找不到位置(仍保留,按 O 查看)",
    orphans_title: "失去位置的你的论点",
    no_orphans: "你的论点在文章中都有位置。",
    theirs: "这是 {0} 的论点:只有作者本人能修改。你仍可以标记它(a、d)。",
};

// ---------------------------------------------------------------------------
// The HTML page (`stance export --format html`): its own words, in both
// languages. The page carries both tables and shows one at a time.

/// Every word the HTML page says of its own, in one language.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct HtmlStrings {
    /// The `lang` attribute of the page in this language.
    pub code: &'static str,
    pub skip: &'static str,
    pub contents: &'static str,
    pub source: &'static str,
    pub publisher: &'static str,
    pub author: &'static str,
    pub captured: &'static str,
    pub about_source: &'static str,
    pub article: &'static str,
    pub article_lang: &'static str,
    pub original: &'static str,
    pub translation: &'static str,
    pub both: &'static str,
    /// The button that switches the page to the other language, in that language.
    pub other_ui: &'static str,
    pub expand_all: &'static str,
    pub collapse_all: &'static str,
    pub map_title: &'static str,
    pub map_intro: &'static str,
    pub thesis: &'static str,
    pub no_thesis: &'static str,
    /// How a child bears on its parent in the tree: supports, rebuts, undercuts.
    pub relation_words: [&'static str; 3],
    pub shown_above: &'static str,
    pub not_under_thesis: &'static str,
    pub nodes_title: &'static str,
    pub kind: &'static str,
    pub origin: &'static str,
    pub from_article: &'static str,
    pub editorial: &'static str,
    pub unsourced: &'static str,
    pub verify: &'static str,
    pub quote: &'static str,
    pub paragraph: &'static str,
    pub encoder_note: &'static str,
    pub cites: &'static str,
    pub in_text: &'static str,
    pub figures_title: &'static str,
    pub derived: &'static str,
    pub range: &'static str,
    pub figure_unsourced: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub change: &'static str,
    pub inputs: &'static str,
    pub computed: &'static str,
    pub stated: &'static str,
    pub agrees: &'static str,
    pub differs: &'static str,
    pub cannot_compute: &'static str,
    pub marks_title: &'static str,
    pub reader: &'static str,
    pub no_marks: &'static str,
    pub marks_none_given: &'static str,
    pub your_mark: &'static str,
    pub your_note: &'static str,
    pub gone: &'static str,
    pub class_title: &'static str,
    pub class_intro: &'static str,
    pub class_readers: &'static str,
    pub class_split: &'static str,
    pub class_notes: &'static str,
    pub no_class: &'static str,
    /// `--class` given to an export that is not the page.
    pub class_needs_html: &'static str,
    pub footer: &'static str,
}

/// The HTML page's words in `lang`.
pub fn html_strings(lang: UiLang) -> &'static HtmlStrings {
    match lang {
        UiLang::En => &HTML_EN,
        UiLang::Zh => &HTML_ZH,
    }
}

static HTML_EN: HtmlStrings = HtmlStrings {
    code: "en",
    skip: "Skip to the article",
    contents: "Contents",
    source: "Source",
    publisher: "Published by",
    author: "Written by",
    captured: "Captured",
    about_source: "About the source",
    article: "The article",
    article_lang: "Show the article in",
    original: "the original",
    translation: "the translation",
    both: "both",
    other_ui: "中文",
    expand_all: "Open every branch",
    collapse_all: "Close every branch",
    map_title: "The argument",
    map_intro: "From the thesis down: what supports each point (+), rebuts it (−) or undercuts its support (⊘).",
    thesis: "Thesis",
    no_thesis: "The document names no thesis; every claim nothing else answers starts a tree.",
    relation_words: ["+ supports", "− rebuts", "⊘ undercuts the support of"],
    shown_above: "(shown above)",
    not_under_thesis: "Not under the thesis",
    nodes_title: "Every claim, piece of evidence and rebuttal",
    kind: "Kind",
    origin: "Origin",
    from_article: "from the article",
    editorial: "✎ editorial: added for debate, not in the article",
    unsourced: "⚠ the article gives no source for this",
    verify: "⚑ verify, a fact from outside the article:",
    quote: "Quote",
    paragraph: "Paragraph",
    encoder_note: "Note by whoever encoded the article",
    cites: "Cites",
    in_text: "Nodes in this paragraph:",
    figures_title: "Figures",
    derived: "* not given by the article: worked out from its other numbers (see the notes)",
    range: "the lighter part of a bar is a range",
    figure_unsourced: "⚠ the article gives no source for these numbers",
    before: "before",
    after: "after",
    change: "change",
    inputs: "Inputs",
    computed: "Worked out",
    stated: "The article states",
    agrees: "✓ as the article states",
    differs: "✗ not what the article states",
    cannot_compute: "cannot be worked out",
    marks_title: "The reader's marks",
    reader: "Reader",
    no_marks: "No marks yet.",
    marks_none_given: "No marks file was given (use --marks FILE).",
    your_mark: "Marked",
    your_note: "Note",
    gone: "(no longer in the document)",
    class_title: "Where the class splits",
    class_intro: "Most divisive first: ✓ agree, ✗ dispute, ? unsure.",
    class_readers: "Readers",
    class_split: "Class",
    class_notes: "Notes",
    no_class: "No class marks were given (use --class MERGED.json).",
    class_needs_html: "--class goes with --format html: the other export formats hold your own marks only",
    footer: "Written by stance. Everything is in this one file; it needs no network.",
};

static HTML_ZH: HtmlStrings = HtmlStrings {
    code: "zh",
    skip: "跳到原文",
    contents: "目录",
    source: "来源",
    publisher: "发布者",
    author: "作者",
    captured: "存档于",
    about_source: "关于来源",
    article: "原文",
    article_lang: "文章显示",
    original: "原文",
    translation: "译文",
    both: "两者",
    other_ui: "English",
    expand_all: "展开所有分支",
    collapse_all: "收起所有分支",
    map_title: "论证",
    map_intro: "从主论点往下:支持每一点的(+)、反驳它的(−)和削弱其支持的(⊘)。",
    thesis: "主论点",
    no_thesis: "文档没有指定主论点;每个无人回应的主张各自成树。",
    relation_words: ["+ 支持", "− 反驳", "⊘ 削弱其支持:"],
    shown_above: "(见上)",
    not_under_thesis: "不在主论点之下",
    nodes_title: "所有主张、证据和反驳",
    kind: "类型",
    origin: "出处",
    from_article: "出自文章",
    editorial: "✎ 编者所加:为辩论而补充,文章中没有",
    unsourced: "⚠ 文章没有给出来源",
    verify: "⚑ 待核实,来自文章之外的事实:",
    quote: "引文",
    paragraph: "段落",
    encoder_note: "编码者的备注",
    cites: "引用",
    in_text: "本段的论点:",
    figures_title: "图表",
    derived: "* 文章未直接给出:由文中其他数字推算(见备注)",
    range: "条形中颜色较浅的部分表示范围",
    figure_unsourced: "⚠ 文章没有给出这些数字的来源",
    before: "之前",
    after: "之后",
    change: "变化",
    inputs: "输入",
    computed: "计算结果",
    stated: "文章所述",
    agrees: "✓ 与文章一致",
    differs: "✗ 与文章不符",
    cannot_compute: "无法计算",
    marks_title: "读者的标记",
    reader: "读者",
    no_marks: "还没有标记。",
    marks_none_given: "没有指定标记文件(用 --marks FILE)。",
    your_mark: "标记",
    your_note: "笔记",
    gone: "(文档中已没有这个论点)",
    class_title: "全班分歧所在",
    class_intro: "分歧最大的在前:✓ 同意,✗ 反对,? 不确定。",
    class_readers: "读者",
    class_split: "全班",
    class_notes: "笔记",
    no_class: "没有指定全班的标记(用 --class MERGED.json)。",
    class_needs_html: "--class 只用于 --format html:其他导出格式只含你自己的标记",
    footer: "由 stance 生成。一切都在这一个文件里,无需网络。",
};

#[cfg(test)]
mod html_tests {
    use super::*;

    /// Both tables of the page's words are full, with the same number of strings.
    #[test]
    fn the_page_has_every_word_in_both_languages() {
        let quoted = |t: &HtmlStrings| {
            let debug = format!("{t:?}");
            debug
                .split('"')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let (en, zh) = (quoted(&HTML_EN), quoted(&HTML_ZH));
        assert_eq!(en.len(), zh.len());
        assert!(en.iter().chain(&zh).all(|s| !s.is_empty()));
        assert_ne!(en, zh);
    }
}
