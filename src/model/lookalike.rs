//! Ids that print alike: the same but for invisible characters (a zero-width
//! space) or letters of another script that look Latin (a Cyrillic `а`).
//!
//! Two such ids are different ids to stance but the same to a reader, so a
//! relation can point at the wrong node with nothing on screen to show it.
//! [`skeleton`] maps an id to what it looks like; two ids with the same
//! skeleton get a warning that names the characters that differ.

/// What `id` looks like: invisible characters dropped, and look-alike letters,
/// full-width forms and dashes replaced by the ASCII they resemble.
pub(crate) fn skeleton(id: &str) -> String {
    id.chars()
        .filter(|&c| !invisible(c))
        .map(|c| looks_like(c).unwrap_or(c))
        .collect()
}

/// The characters of `id` that [`skeleton`] drops or replaces, described for a
/// reader: "U+200B (an invisible character)", "U+0430 (a Cyrillic letter that looks like `a`)".
pub(crate) fn describe(id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in id.chars() {
        let said = if invisible(c) {
            format!("U+{:04X} (an invisible character)", c as u32)
        } else if let Some(a) = looks_like(c) {
            format!("U+{:04X} (`{c}`, which looks like `{a}`)", c as u32)
        } else {
            continue;
        };
        if !out.contains(&said) {
            out.push(said);
        }
    }
    out
}

fn invisible(c: char) -> bool {
    matches!(
        c as u32,
        0x00ad | 0x034f | 0x115f | 0x1160 | 0x17b4 | 0x17b5 | 0x180b..=0x180f
            | 0x200b..=0x200d | 0x2060..=0x2064 | 0x3164 | 0xfe00..=0xfe0f | 0xfeff
            | 0xffa0 | 0xe0100..=0xe01ef
    )
}

/// The ASCII character `c` is easily taken for, if it is not ASCII itself.
fn looks_like(c: char) -> Option<char> {
    let u = c as u32;
    // Full-width ASCII (Ａ, ｃ, －) as typed with a Chinese input method.
    if (0xff01..=0xff5e).contains(&u) {
        return char::from_u32(u - 0xfee0);
    }
    Some(match c {
        // Cyrillic.
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek.
        'ο' => 'o',
        'α' => 'a',
        'ν' => 'v',
        'ι' => 'i',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Dashes and minus signs.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{fe63}' => '-',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_share_a_skeleton_and_others_do_not() {
        assert_eq!(skeleton("c-main"), "c-main");
        assert_eq!(skeleton("c-m\u{200b}ain"), "c-main");
        assert_eq!(skeleton("c-mаin"), "c-main"); // Cyrillic а
        assert_eq!(skeleton("ｃ－main"), "c-main"); // full width
        assert_eq!(skeleton("c\u{2011}main"), "c-main");
        assert_ne!(skeleton("主张-市场"), skeleton("主张-市埸"));
        assert_eq!(skeleton("主张-市场"), "主张-市场");
        assert_eq!(
            describe("c-m\u{200b}аin"),
            [
                "U+200B (an invisible character)",
                "U+0430 (`а`, which looks like `a`)"
            ]
        );
    }
}
