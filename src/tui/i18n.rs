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
    no_node: "No node is tied to this paragraph. Move on, or pick one in the outline.",
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
    no_node: "此段没有关联的论点。继续阅读,或在大纲中选择。",
    too_small: "终端太小,无法显示。请至少调整到",
    search_prompt: "搜索",
    no_match: "无匹配",
    matches: "个匹配",
    lang_zh: "中文",
    lang_en: "English",
    lang_both: "中文 + English",
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
};
