//! The one table of key bindings: what each key does, where, and how it is described.
//!
//! The event handler looks keys up here, the help overlay lists this table, and
//! the status line's hints come from it, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::i18n::UiLang;

/// Everything a key can ask the reader to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave stance.
    Quit,
    /// Open or close the key list.
    Help,
    /// Move focus to the next pane.
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Move down one item (a node, a paragraph, a line).
    Down,
    /// Move up one item.
    Up,
    /// Go to the first item.
    Top,
    /// Go to the last item.
    Bottom,
    /// Move one screen down.
    PageDown,
    /// Move one screen up.
    PageUp,
    /// Follow the selected relation, or open the selected item.
    Follow,
    /// Back to the previously selected node.
    Back,
    /// Forward again after going back.
    Forward,
    /// Start a search.
    Search,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// Previous section.
    PrevSection,
    /// Next section.
    NextSection,
    /// Open or close the argument map.
    Map,
    /// Cycle the article's language: Chinese, English, both.
    CycleLang,
    /// Fold the branch under the cursor.
    Collapse,
    /// Unfold the branch under the cursor.
    Expand,
    /// Close the popup or cancel the search.
    Close,
    /// Mark the selected node: agree.
    Agree,
    /// Mark the selected node: dispute.
    Dispute,
    /// Mark the selected node: unsure.
    Unsure,
    /// Clear the selected node's mark and note.
    ClearMark,
    /// Write or edit a note on the selected node.
    Note,
    /// Cycle which nodes the outline shows: all, unmarked, agreed, disputed, unsure, with notes.
    Filter,
    /// Export the marks as JSON into the current directory.
    Export,
    /// List the tensions in the reader's marks.
    Tensions,
    /// List the nodes that split the class most.
    Cruxes,
    /// List the reader's own nodes that lost their place in the article.
    OwnOrphans,
    /// Open the figures the selected node cites.
    Figures,
    /// List every figure.
    FigureIndex,
    /// Raise the selected formula input.
    Increase,
    /// Lower the selected formula input.
    Decrease,
    /// Put the formula's inputs back as the article has them.
    Reset,
    /// Undo the last change to a mark or note.
    Undo,
    /// Fold the map to show this many levels (0: unfold everything).
    Depth(u8),
    /// Widen the outline, a step at a time, then back to its normal width.
    WidenOutline,
    /// Open or close the teacher's view of the class folder.
    Teacher,
    /// Show or hide where the selected node's links lead.
    Links,
    /// In a discussion: bring the article pane back beside the claims, or put it away.
    ArticlePane,
    /// Fold the whole outline.
    FoldAll,
    /// Unfold the whole outline.
    UnfoldAll,
    // The reader's own arguments (selection mode and the add form).
    /// Start selecting words of the current paragraph.
    Select,
    /// Fix where the selection starts; moving now selects.
    SelectFrom,
    /// Move the selection's end one character left.
    CharLeft,
    /// Move it one character right.
    CharRight,
    /// Move it to the start of the word before.
    WordLeft,
    /// Move it past the next word.
    WordRight,
    /// Move it to the paragraph's start.
    LineStart,
    /// Move it to the paragraph's end.
    LineEnd,
    /// Use the selected words as the quote of a new piece of evidence.
    QuoteAsEvidence,
    /// Answer the selected words with a node of one's own.
    RespondTo,
    /// Add a node of one's own about the selected node.
    AddOwn,
    /// Edit the selected node, one's own.
    EditOwn,
    /// Delete the selected node, one's own.
    DeleteOwn,
    /// Relate one's own node to another: on one's own node, then on the other.
    Relate,
    /// Next field of the form.
    NextField,
    /// Previous field of the form.
    PrevField,
    /// Save the form.
    Save,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everywhere, even while typing a search.
    Global,
    /// The three reading panes.
    Reader,
    /// The argument map.
    Map,
    /// The key list.
    Help,
    /// A list popup: tensions, cruxes or figures.
    List,
    /// A figure.
    Figure,
    /// The note being written.
    Note,
    /// The teacher's view of the class folder.
    Teacher,
    /// Selecting words in the reading pane.
    Select,
    /// The form adding (or editing) a node of one's own.
    Form,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt (Shift is part of the character for letters).
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

impl Key {
    /// The key as written in help: `q`, `Ctrl-C`, `PgDn`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// One line of the table: keys, what they do, where, and whether the status line shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys (the first is the one shown in hints).
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// Where.
    pub scope: Scope,
    /// Description in English and Chinese.
    pub describe: (&'static str, &'static str),
    /// Shown in the status line's hints.
    pub hint: bool,
}

impl Binding {
    /// The description in `lang`.
    pub fn description(&self, lang: UiLang) -> &'static str {
        match lang {
            UiLang::En => self.describe.0,
            UiLang::Zh => self.describe.1,
        }
    }

    /// All the keys, as help shows them: `j ↓`.
    pub fn keys_label(&self) -> String {
        if let Action::Depth(_) = self.action {
            return "0–9".into();
        }
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

use Action as A;
use KeyCode as K;
use Scope as S;

/// The keymap. Order is the order of the help overlay.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    Binding { keys: &[ch('q')], action: A::Quit, scope: S::Reader, describe: ("quit", "退出"), hint: true },
    Binding { keys: &[ctrl('c')], action: A::Quit, scope: S::Global, describe: ("quit from anywhere", "随时退出"), hint: false },
    Binding { keys: &[ch('?')], action: A::Help, scope: S::Reader, describe: ("show these keys", "显示按键说明"), hint: true },
    Binding { keys: &[key(K::Tab)], action: A::FocusNext, scope: S::Reader, describe: ("next pane", "下一个窗格"), hint: true },
    Binding { keys: &[key(K::BackTab)], action: A::FocusPrev, scope: S::Reader, describe: ("previous pane", "上一个窗格"), hint: false },
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::Reader, describe: ("move down", "向下移动"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::Reader, describe: ("move up", "向上移动"), hint: false },
    Binding { keys: &[ch('g'), key(K::Home)], action: A::Top, scope: S::Reader, describe: ("go to the top", "跳到开头"), hint: false },
    Binding { keys: &[ch('G'), key(K::End)], action: A::Bottom, scope: S::Reader, describe: ("go to the bottom", "跳到末尾"), hint: false },
    Binding { keys: &[key(K::PageDown), ctrl('d')], action: A::PageDown, scope: S::Reader, describe: ("one screen down", "向下翻页"), hint: false },
    Binding { keys: &[key(K::PageUp), ctrl('u')], action: A::PageUp, scope: S::Reader, describe: ("one screen up", "向上翻页"), hint: false },
    Binding { keys: &[key(K::Enter)], action: A::Follow, scope: S::Reader, describe: ("follow the selected relation", "跳转到所选关联论点"), hint: true },
    Binding { keys: &[key(K::Backspace), ch('<'), alt(K::Left)], action: A::Back, scope: S::Reader, describe: ("back to the previous node", "返回上一个论点"), hint: true },
    Binding { keys: &[ch('>'), alt(K::Right)], action: A::Forward, scope: S::Reader, describe: ("forward again", "前进"), hint: false },
    Binding { keys: &[ch('/')], action: A::Search, scope: S::Reader, describe: ("search both languages", "搜索(中英文)"), hint: true },
    Binding { keys: &[ch('n')], action: A::NextMatch, scope: S::Reader, describe: ("next match", "下一个匹配"), hint: false },
    Binding { keys: &[ch('N')], action: A::PrevMatch, scope: S::Reader, describe: ("previous match", "上一个匹配"), hint: false },
    Binding { keys: &[ch('[')], action: A::PrevSection, scope: S::Reader, describe: ("previous section", "上一节"), hint: false },
    Binding { keys: &[ch(']')], action: A::NextSection, scope: S::Reader, describe: ("next section", "下一节"), hint: false },
    Binding { keys: &[ch('m')], action: A::Map, scope: S::Reader, describe: ("argument map", "论证地图"), hint: true },
    Binding { keys: &[ch('L')], action: A::CycleLang, scope: S::Reader, describe: ("article language: 中 / EN / both", "文章语言:中 / 英 / 双语"), hint: true },
    Binding { keys: &[ch('h'), key(K::Left)], action: A::Collapse, scope: S::Reader, describe: ("fold the outline branch", "折叠大纲分支"), hint: false },
    Binding { keys: &[ch('l'), key(K::Right)], action: A::Expand, scope: S::Reader, describe: ("unfold the outline branch", "展开大纲分支"), hint: false },
    Binding { keys: &[key(K::Esc)], action: A::Close, scope: S::Reader, describe: ("clear the search", "清除搜索"), hint: false },
    Binding { keys: &[ch('a')], action: A::Agree, scope: S::Reader, describe: ("agree with the selected node", "同意所选论点"), hint: true },
    Binding { keys: &[ch('d')], action: A::Dispute, scope: S::Reader, describe: ("dispute it", "反对所选论点"), hint: true },
    Binding { keys: &[ch('u')], action: A::Unsure, scope: S::Reader, describe: ("unsure about it", "对所选论点存疑"), hint: true },
    Binding { keys: &[ch('x')], action: A::ClearMark, scope: S::Reader, describe: ("clear its mark and note", "清除标记和笔记"), hint: false },
    Binding { keys: &[ch('U'), ctrl('z')], action: A::Undo, scope: S::Reader, describe: ("undo the last change: a mark, a note, your own node", "撤销上一次改动:标记、笔记或你自己的论点"), hint: false },
    Binding { keys: &[ch('c')], action: A::Note, scope: S::Reader, describe: ("write or edit a note on it", "写或改笔记"), hint: true },
    Binding { keys: &[ch('v')], action: A::Filter, scope: S::Reader, describe: ("show all / unmarked / agreed / disputed / unsure / noted", "筛选:全部 / 未标记 / 同意 / 反对 / 存疑 / 有笔记"), hint: false },
    Binding { keys: &[ch('t')], action: A::Tensions, scope: S::Reader, describe: ("tensions in your marks", "你的标记中的矛盾"), hint: false },
    Binding { keys: &[ch('O')], action: A::OwnOrphans, scope: S::Reader, describe: ("your nodes that lost their place in the article", "在文章中失去位置的你的论点"), hint: false },
    Binding { keys: &[ch('C')], action: A::Cruxes, scope: S::Reader, describe: ("where the class splits most (with --class)", "全班分歧最大的论点(需 --class)"), hint: false },
    Binding { keys: &[ch('f')], action: A::Figures, scope: S::Reader, describe: ("figures the selected node cites", "所选论点引用的图表"), hint: true },
    Binding { keys: &[ch('F')], action: A::FigureIndex, scope: S::Reader, describe: ("every figure in the article", "文章中的全部图表"), hint: false },
    Binding { keys: &[ch('w')], action: A::WidenOutline, scope: S::Reader, describe: ("widen the outline (again: wider, then back)", "加宽大纲(再按更宽,然后复原)"), hint: false },
    Binding { keys: &[ch('e')], action: A::Export, scope: S::Reader, describe: ("export your marks to this folder", "把标记导出到当前目录"), hint: false },
    // Big discussions: folding the whole outline, and links (tui::discussion).
    Binding { keys: &[ch('-')], action: A::FoldAll, scope: S::Reader, describe: ("fold the whole outline", "折叠整个大纲"), hint: false },
    Binding { keys: &[ch('+'), ch('=')], action: A::UnfoldAll, scope: S::Reader, describe: ("unfold the whole outline", "展开整个大纲"), hint: false },
    Binding { keys: &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9'), ch('0')], action: A::Depth(0), scope: S::Reader, describe: ("fold the outline to that many levels (0: all)", "大纲只显示这么多层(0:全部)"), hint: false },
    Binding { keys: &[ch('o')], action: A::Links, scope: S::Reader, describe: ("show where the selected node's links lead", "显示所选论点中链接的地址"), hint: false },
    Binding { keys: &[ch('P')], action: A::ArticlePane, scope: S::Reader, describe: ("in a discussion: the article pane beside the claims, or the claims alone", "讨论中:在论点旁显示文章窗格,或只看论点"), hint: false },
    // The map.
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::Map, describe: ("move down", "向下移动"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::Map, describe: ("move up", "向上移动"), hint: false },
    Binding { keys: &[ch('g'), key(K::Home)], action: A::Top, scope: S::Map, describe: ("go to the thesis", "跳到论点"), hint: false },
    Binding { keys: &[ch('G'), key(K::End)], action: A::Bottom, scope: S::Map, describe: ("go to the bottom", "跳到末尾"), hint: false },
    Binding { keys: &[key(K::PageDown), ctrl('d')], action: A::PageDown, scope: S::Map, describe: ("one screen down", "向下翻页"), hint: false },
    Binding { keys: &[key(K::PageUp), ctrl('u')], action: A::PageUp, scope: S::Map, describe: ("one screen up", "向上翻页"), hint: false },
    Binding { keys: &[ch('a')], action: A::Agree, scope: S::Map, describe: ("agree with the node under the cursor", "同意光标处的论点"), hint: true },
    Binding { keys: &[ch('d')], action: A::Dispute, scope: S::Map, describe: ("dispute it", "反对该论点"), hint: true },
    Binding { keys: &[ch('u')], action: A::Unsure, scope: S::Map, describe: ("unsure about it", "对该论点存疑"), hint: false },
    Binding { keys: &[ch('x')], action: A::ClearMark, scope: S::Map, describe: ("clear its mark and note", "清除标记和笔记"), hint: false },
    Binding { keys: &[ch('c')], action: A::Note, scope: S::Map, describe: ("write or edit a note on it", "写或改笔记"), hint: true },
    Binding { keys: &[ch('U'), ctrl('z')], action: A::Undo, scope: S::Map, describe: ("undo the last change: a mark, a note, your own node", "撤销上一次改动:标记、笔记或你自己的论点"), hint: true },
    Binding { keys: &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9'), ch('0')], action: A::Depth(0), scope: S::Map, describe: ("show that many levels (0: all)", "只显示这么多层(0:全部)"), hint: false },
    Binding { keys: &[ch('h'), key(K::Left)], action: A::Collapse, scope: S::Map, describe: ("fold the branch", "折叠分支"), hint: true },
    Binding { keys: &[ch('l'), key(K::Right)], action: A::Expand, scope: S::Map, describe: ("unfold the branch", "展开分支"), hint: true },
    Binding { keys: &[key(K::Enter)], action: A::Follow, scope: S::Map, describe: ("read this node", "阅读此论点"), hint: true },
    Binding { keys: &[key(K::Esc), ch('m'), ch('q')], action: A::Close, scope: S::Map, describe: ("close the map", "关闭地图"), hint: true },
    Binding { keys: &[ch('?')], action: A::Help, scope: S::Map, describe: ("show these keys", "显示按键说明"), hint: true },
    // Lists of tensions and cruxes.
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::List, describe: ("move down", "向下移动"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::List, describe: ("move up", "向上移动"), hint: false },
    Binding { keys: &[ch('g'), key(K::Home)], action: A::Top, scope: S::List, describe: ("go to the top", "跳到开头"), hint: false },
    Binding { keys: &[ch('G'), key(K::End)], action: A::Bottom, scope: S::List, describe: ("go to the bottom", "跳到末尾"), hint: false },
    Binding { keys: &[key(K::Enter)], action: A::Follow, scope: S::List, describe: ("go to the node", "跳到该论点"), hint: true },
    Binding { keys: &[key(K::Esc), ch('q'), ch('t'), ch('C')], action: A::Close, scope: S::List, describe: ("close the list", "关闭列表"), hint: true },
    // A figure.
    Binding { keys: &[ch('h'), key(K::Left)], action: A::Collapse, scope: S::Figure, describe: ("previous figure", "上一个图表"), hint: false },
    Binding { keys: &[ch('l'), key(K::Right)], action: A::Expand, scope: S::Figure, describe: ("next figure", "下一个图表"), hint: false },
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::Figure, describe: ("next input of a calculation", "计算的下一个输入"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::Figure, describe: ("previous input", "上一个输入"), hint: false },
    Binding { keys: &[ch('+'), ch('=')], action: A::Increase, scope: S::Figure, describe: ("raise the input", "增大该输入"), hint: true },
    Binding { keys: &[ch('-')], action: A::Decrease, scope: S::Figure, describe: ("lower the input", "减小该输入"), hint: true },
    Binding { keys: &[ch('r')], action: A::Reset, scope: S::Figure, describe: ("back to the article's numbers", "恢复文章的数字"), hint: true },
    Binding { keys: &[key(K::Esc), ch('q'), ch('f')], action: A::Close, scope: S::Figure, describe: ("close the figure", "关闭图表"), hint: true },
    Binding { keys: &[ch('?')], action: A::Help, scope: S::Figure, describe: ("show these keys", "显示按键说明"), hint: false },
    // The note being written (other keys type; arrows, Home and End move).
    Binding { keys: &[key(K::Enter)], action: A::Follow, scope: S::Note, describe: ("save the note", "保存笔记"), hint: true },
    Binding { keys: &[key(K::Esc)], action: A::Close, scope: S::Note, describe: ("throw the draft away (asks first)", "丢弃草稿(会先确认)"), hint: true },
    // The key list.
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::Help, describe: ("scroll down", "向下滚动"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::Help, describe: ("scroll up", "向上滚动"), hint: false },
    Binding { keys: &[key(K::PageDown), ch(' ')], action: A::PageDown, scope: S::Help, describe: ("one screen down", "向下翻页"), hint: false },
    Binding { keys: &[key(K::PageUp)], action: A::PageUp, scope: S::Help, describe: ("one screen up", "向上翻页"), hint: false },
    Binding { keys: &[key(K::Esc), ch('?'), ch('q')], action: A::Close, scope: S::Help, describe: ("close this list", "关闭此列表"), hint: true },
    // The class folder (--class-dir): the teacher's view.
    Binding { keys: &[ch('T')], action: A::Teacher, scope: S::Reader, describe: ("the class at a glance (with --class-dir)", "全班概览(需 --class-dir)"), hint: false },
    Binding { keys: &[ch('j'), key(K::Down)], action: A::Down, scope: S::Teacher, describe: ("scroll down", "向下滚动"), hint: false },
    Binding { keys: &[ch('k'), key(K::Up)], action: A::Up, scope: S::Teacher, describe: ("scroll up", "向上滚动"), hint: false },
    Binding { keys: &[key(K::PageDown), ch(' ')], action: A::PageDown, scope: S::Teacher, describe: ("one screen down", "向下翻页"), hint: false },
    Binding { keys: &[key(K::PageUp)], action: A::PageUp, scope: S::Teacher, describe: ("one screen up", "向上翻页"), hint: false },
    Binding { keys: &[ch('g'), key(K::Home)], action: A::Top, scope: S::Teacher, describe: ("go to the top", "跳到开头"), hint: false },
    Binding { keys: &[key(K::Esc), ch('T'), ch('q')], action: A::Close, scope: S::Teacher, describe: ("back to the article", "回到文章"), hint: true },
    Binding { keys: &[ch('?')], action: A::Help, scope: S::Teacher, describe: ("show these keys", "显示按键说明"), hint: true },
    // The reader's own arguments: selecting words, and the form.
    Binding { keys: &[ch('s')], action: A::Select, scope: S::Reader, describe: ("select words of the paragraph to quote or answer", "选取段落中的文字来引用或回应"), hint: false },
    Binding { keys: &[ch('A')], action: A::AddOwn, scope: S::Reader, describe: ("add your own claim, evidence or rebuttal to the selected node", "为所选论点添加你自己的主张、证据或反驳"), hint: false },
    Binding { keys: &[ch('E')], action: A::EditOwn, scope: S::Reader, describe: ("edit your own node", "修改你自己的论点"), hint: false },
    Binding { keys: &[ch('D')], action: A::DeleteOwn, scope: S::Reader, describe: ("delete your own node (U undoes)", "删除你自己的论点(U 可撤销)"), hint: false },
    Binding { keys: &[ch('R')], action: A::Relate, scope: S::Reader, describe: ("relate your own node to another (R on yours, then R on the other)", "把你自己的论点关联到另一个论点(先在你的论点上按 R,再在另一个上按 R)"), hint: false },
    Binding { keys: &[ch('?')], action: A::Help, scope: S::Select, describe: ("show these keys", "显示按键说明"), hint: false },
    Binding { keys: &[ch(' '), ch('v')], action: A::SelectFrom, scope: S::Select, describe: ("start the selection here (again: start over)", "从这里开始选取(再按:重新开始)"), hint: true },
    Binding { keys: &[ch('h'), key(K::Left)], action: A::CharLeft, scope: S::Select, describe: ("one character left", "左移一个字"), hint: false },
    Binding { keys: &[ch('l'), key(K::Right)], action: A::CharRight, scope: S::Select, describe: ("one character right", "右移一个字"), hint: true },
    Binding { keys: &[ch('b'), alt(K::Left)], action: A::WordLeft, scope: S::Select, describe: ("one word left (a Han character or a Latin word)", "左移一个词(一个汉字或一个西文词)"), hint: false },
    Binding { keys: &[ch('w'), alt(K::Right)], action: A::WordRight, scope: S::Select, describe: ("one word right", "右移一个词"), hint: true },
    Binding { keys: &[ch('0'), key(K::Home)], action: A::LineStart, scope: S::Select, describe: ("to the paragraph's start", "到段首"), hint: false },
    Binding { keys: &[ch('$'), key(K::End)], action: A::LineEnd, scope: S::Select, describe: ("to the paragraph's end", "到段尾"), hint: false },
    Binding { keys: &[ch('e'), key(K::Enter)], action: A::QuoteAsEvidence, scope: S::Select, describe: ("use as the quote of your evidence", "用作你的证据的引文"), hint: true },
    Binding { keys: &[ch('r')], action: A::RespondTo, scope: S::Select, describe: ("respond to this with a claim or rebuttal", "用主张或反驳回应这段话"), hint: true },
    Binding { keys: &[key(K::Esc), ch('q')], action: A::Close, scope: S::Select, describe: ("stop selecting", "停止选取"), hint: true },
    Binding { keys: &[key(K::Tab), key(K::Down)], action: A::NextField, scope: S::Form, describe: ("next field", "下一栏"), hint: true },
    Binding { keys: &[key(K::BackTab), key(K::Up)], action: A::PrevField, scope: S::Form, describe: ("previous field", "上一栏"), hint: false },
    Binding { keys: &[key(K::Left)], action: A::CharLeft, scope: S::Form, describe: ("previous choice, or left in the text", "上一个选项,或在文字中左移"), hint: false },
    Binding { keys: &[key(K::Right)], action: A::CharRight, scope: S::Form, describe: ("next choice, or right in the text", "下一个选项,或在文字中右移"), hint: false },
    Binding { keys: &[key(K::Enter), ctrl('s')], action: A::Save, scope: S::Form, describe: ("save your node", "保存你的论点"), hint: true },
    Binding { keys: &[key(K::Esc)], action: A::Close, scope: S::Form, describe: ("close the form (a changed one asks first)", "关闭表单(有改动时会先确认)"), hint: true },
];

/// The action bound to `event` in `scope` (global bindings first), if any.
pub fn lookup(scope: Scope, event: &KeyEvent) -> Option<Action> {
    let pressed = normalize(event);
    KEYMAP
        .iter()
        .filter(|b| b.scope == Scope::Global || b.scope == scope)
        .find(|b| b.keys.contains(&pressed))
        .map(|b| match (b.action, pressed.code) {
            // One binding for the digits: the digit pressed is the depth.
            (Action::Depth(_), KeyCode::Char(c)) => {
                Action::Depth(c.to_digit(10).map_or(0, |d| d as u8))
            }
            (action, _) => action,
        })
}

/// Terminals report Shift with uppercase letters and symbols inconsistently;
/// the character itself is what matters, so Shift is dropped for characters.
pub fn normalize(event: &KeyEvent) -> Key {
    let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match event.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    if matches!(code, KeyCode::BackTab) {
        mods = KeyModifiers::NONE;
    }
    Key { code, mods }
}

/// The bindings of `scope` the status line shows, in table order.
pub fn hints(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scope == scope && b.hint)
}

/// Where the reader's attention is, for the status line's hints: a pane, or
/// the popup on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The outline.
    Outline,
    /// The article.
    Reading,
    /// The node pane.
    Node,
    /// A popup: the keys of its scope.
    Popup(Scope),
}

/// One hint of the status line: the keys of some actions (looked up in
/// [`KEYMAP`], so they cannot drift) and a word or two for them.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// The actions whose first keys are shown, joined by `/`.
    pub actions: &'static [Action],
    /// What they do, in English and Chinese: short, for the status line.
    pub words: (&'static str, &'static str),
}

const fn hint(actions: &'static [Action], en: &'static str, zh: &'static str) -> Hint {
    Hint {
        actions,
        words: (en, zh),
    }
}

/// Opens the key list and the legend of symbols: first in every pane's hints.
const LEGEND: Hint = hint(&[A::Help], "keys & symbols", "按键与符号");
const PANE: Hint = hint(&[A::FocusNext], "pane", "窗格");
const QUIT: Hint = hint(&[A::Quit], "quit", "退出");
const MARK: Hint = hint(&[A::Agree, A::Dispute, A::Unsure], "mark", "标记");

/// The status line's hints for each pane, most useful first (they are cut
/// from the right when the line is full).
const OUTLINE_HINTS: &[Hint] = &[
    LEGEND,
    hint(&[A::Follow], "open", "打开"),
    hint(&[A::Collapse, A::Expand], "fold", "折叠"),
    MARK,
    hint(&[A::WidenOutline], "widen", "加宽"),
    hint(&[A::Map], "map", "地图"),
    PANE,
    QUIT,
];
const READING_HINTS: &[Hint] = &[
    LEGEND,
    hint(&[A::Down, A::Up], "paragraph", "段落"),
    hint(&[A::PrevSection, A::NextSection], "section", "节"),
    hint(&[A::CycleLang], "中/EN", "中/英"),
    hint(&[A::Search], "search", "搜索"),
    MARK,
    hint(&[A::Select], "select words", "选取文字"),
    PANE,
    QUIT,
];
const NODE_HINTS: &[Hint] = &[
    LEGEND,
    hint(&[A::Follow], "follow", "跳转"),
    hint(&[A::Back], "back", "返回"),
    MARK,
    hint(&[A::Note], "note", "笔记"),
    hint(&[A::AddOwn], "answer it", "回应"),
    hint(&[A::Figures], "figures", "图表"),
    PANE,
    QUIT,
];

/// The map's hints: how to leave it first, then what it can do, in short words
/// (its bindings' descriptions are written for the key list, too long here).
const MAP_HINTS: &[Hint] = &[
    hint(&[A::Close], "close", "关闭"),
    hint(&[A::Help], "keys", "按键"),
    MARK,
    hint(&[A::Note], "note", "笔记"),
    hint(&[A::Undo], "undo", "撤销"),
    hint(&[A::Follow], "read", "阅读"),
    hint(&[A::Collapse, A::Expand], "fold", "折叠"),
    hint(&[A::Depth(0)], "levels", "层数"),
];

/// The hints for `focus`: a pane's own list, or a popup's bindings marked as hints.
pub fn hints_for(focus: Focus) -> Vec<Hint> {
    match focus {
        Focus::Outline => OUTLINE_HINTS.to_vec(),
        Focus::Reading => READING_HINTS.to_vec(),
        Focus::Node => NODE_HINTS.to_vec(),
        Focus::Popup(Scope::Map) => MAP_HINTS.to_vec(),
        Focus::Popup(scope) => hints(scope)
            .map(|b| Hint {
                actions: std::slice::from_ref(&b.action),
                words: b.describe,
            })
            .collect(),
    }
}

impl Hint {
    /// The keys as the status line shows them: `a/d/u`, `[/]`.
    pub fn keys(&self, scope: Scope) -> String {
        self.actions
            .iter()
            .filter_map(|a| {
                KEYMAP
                    .iter()
                    .find(|b| b.action == *a && (b.scope == scope || b.scope == Scope::Global))
                    .map(|b| b.keys[0].label())
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The words in `lang`.
    pub fn words(&self, lang: UiLang) -> &'static str {
        match lang {
            UiLang::En => self.words.0,
            UiLang::Zh => self.words.1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_where_it_applies() {
        for scope in [
            Scope::Reader,
            Scope::Map,
            Scope::Help,
            Scope::List,
            Scope::Figure,
            Scope::Note,
            Scope::Teacher,
            Scope::Select,
            Scope::Form,
        ] {
            let mut seen = HashSet::new();
            for b in KEYMAP
                .iter()
                .filter(|b| b.scope == scope || b.scope == Scope::Global)
            {
                for k in b.keys {
                    assert!(seen.insert(*k), "{} is bound twice in {scope:?}", k.label());
                }
            }
        }
    }

    #[test]
    fn every_pane_hint_names_keys_that_work_in_the_reader() {
        for focus in [Focus::Outline, Focus::Reading, Focus::Node] {
            for h in hints_for(focus) {
                for a in h.actions {
                    assert!(
                        KEYMAP
                            .iter()
                            .any(|b| b.action == *a && b.scope == Scope::Reader),
                        "{h:?}: {a:?} has no key in the reader"
                    );
                }
                assert!(!h.keys(Scope::Reader).is_empty());
                assert!(!h.words.0.is_empty() && !h.words.1.is_empty(), "{h:?}");
            }
        }
    }

    #[test]
    fn every_binding_is_described_in_both_languages() {
        for b in KEYMAP {
            assert!(
                !b.describe.0.is_empty() && !b.describe.1.is_empty(),
                "{b:?}"
            );
        }
    }

    #[test]
    fn shift_and_case_are_read_as_the_character() {
        let upper_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Scope::Reader, &upper_g), Some(Action::Bottom));
        let ctrl_c = KeyEvent::new(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(lookup(Scope::Help, &ctrl_c), Some(Action::Quit));
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Scope::Reader, &back_tab), Some(Action::FocusPrev));
    }
}
