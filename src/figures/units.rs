//! Units of the numbers in figures, and how numbers are written in each language.
//!
//! A unit is written the way the article writes it: an optional magnitude
//! (`万`, `亿`…), a base (`元`, `美元`, `人`, `EFLOPS`…) and optionally a rate
//! (`/月`), as in `万元/月`; or `%` alone. The magnitude is what lets a formula
//! multiply `7.5 万元/月` by `20%` and get yuan, and lets English readers see
//! `75,000 yuan/month` rather than a number in units of ten thousand.
//!
//! Units are a closed list on purpose: a typo (`万圆`) should be caught by
//! `stance check`, not drawn as a chart with a made-up unit. Dimensions are not
//! tracked: a formula's result unit is the author's claim, and only its
//! magnitude is used.

use crate::model::Lang;

/// A magnitude written before a base unit, with its value.
const MAGNITUDES: [(&str, f64); 6] = [
    // Longest first, so that `万亿` is not read as `万` followed by a base `亿`.
    ("万亿", 1e12),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
];

/// A base unit: how it is written in Chinese, and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Base {
    zh: &'static str,
    /// English after a number other than 1 (empty for pure counts such as 个).
    en_plural: &'static str,
    /// English after the number 1, and after `/` in a rate ("yuan/month").
    en_singular: &'static str,
    /// Written before the number in English (US$5), not after it.
    en_prefix: bool,
}

const fn base(zh: &'static str, en_plural: &'static str, en_singular: &'static str) -> Base {
    Base {
        zh,
        en_plural,
        en_singular,
        en_prefix: false,
    }
}

/// Every base unit a figure may use.
const BASES: [Base; 27] = [
    base("元", "yuan", "yuan"),
    Base {
        zh: "美元",
        en_plural: "US$",
        en_singular: "US$",
        en_prefix: true,
    },
    Base {
        zh: "欧元",
        en_plural: "€",
        en_singular: "€",
        en_prefix: true,
    },
    base("人", "people", "person"),
    // Chinese counts things with a measure word; in English the label names the things.
    base("个", "", ""),
    base("台", "", ""),
    base("块", "", ""),
    base("张", "", ""),
    base("件", "", ""),
    base("项", "", ""),
    base("家", "", ""),
    base("国", "countries", "country"),
    base("卡", "GPUs", "GPU"),
    base("年", "years", "year"),
    base("个月", "months", "month"),
    base("月", "months", "month"),
    base("周", "weeks", "week"),
    base("天", "days", "day"),
    base("小时", "hours", "hour"),
    base("次", "times", "time"),
    base("倍", "times", "time"),
    base("吨", "tonnes", "tonne"),
    base("瓦", "watts", "watt"),
    base("千瓦时", "kWh", "kWh"),
    base("EFLOPS", "EFLOPS", "EFLOPS"),
    base("PFLOPS", "PFLOPS", "PFLOPS"),
    base("TFLOPS", "TFLOPS", "TFLOPS"),
];

/// What a unit is made of; the unit itself stays a string in the document, as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// What one of this unit is worth in its base (万 → 10 000; % → 0.01).
    scale: f64,
    /// None for a percentage or a bare magnitude (`万`: a count in ten thousands).
    base: Option<Base>,
    /// The base of a rate (`/月`).
    per: Option<Base>,
    percent: bool,
}

impl Unit {
    /// Reads a unit such as `万元/月`, `%`, `EFLOPS` or `亿美元`; `None` if it is not one stance knows.
    pub fn parse(s: &str) -> Option<Unit> {
        let s = s.trim();
        if s == "%" {
            return Some(Unit {
                scale: 0.01,
                base: None,
                per: None,
                percent: true,
            });
        }
        let (main, per) = match s.split_once('/') {
            Some((main, per)) => (main.trim(), Some(find_base(per.trim())?)),
            None => (s, None),
        };
        if main.is_empty() {
            return None;
        }
        // A whole base first, so that `千瓦时` is not read as `千` and an unknown `瓦时`.
        if let Some(base) = find_base(main) {
            return Some(Unit {
                scale: 1.0,
                base: Some(base),
                per,
                percent: false,
            });
        }
        MAGNITUDES.iter().find_map(|&(magnitude, scale)| {
            let rest = main.strip_prefix(magnitude)?;
            let base = if rest.is_empty() {
                None
            } else {
                Some(find_base(rest)?)
            };
            Some(Unit {
                scale,
                base,
                per,
                percent: false,
            })
        })
    }

    /// What one of this unit is worth in its base unit: 10 000 for `万元`, 0.01 for `%`.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Whether values in `self` and `other` can be compared once scaled (`万元` and `亿元` can; `元` and `美元` cannot).
    pub fn same_kind(&self, other: &Unit) -> bool {
        self.base == other.base && self.per == other.per && self.percent == other.percent
    }

    /// Every unit stance knows, described for hints: the bases, magnitudes and rates.
    pub fn known() -> String {
        let bases: Vec<&str> = BASES.iter().map(|b| b.zh).collect();
        let magnitudes: Vec<&str> = MAGNITUDES.iter().map(|m| m.0).collect();
        format!(
            "`%`, or a base ({}) with an optional magnitude before it ({}) and rate after it (`/月`)",
            bases.join(" "),
            magnitudes.join(" ")
        )
    }
}

fn find_base(s: &str) -> Option<Base> {
    BASES.iter().copied().find(|b| b.zh == s)
}

/// Writes `value` in `unit`, the way a reader of `lang` expects it.
///
/// Chinese keeps the article's own style, `2000 万`, `7.5 万元/月`, `20%`;
/// English spells magnitudes out, `20 million`, `75,000 yuan/month`, `US$30 billion`.
/// A unit stance does not know is written after the number as it is.
pub fn format_value(value: f64, unit: &str, lang: Lang) -> String {
    format_amount(value, None, unit, lang)
}

/// Writes the range `low`–`high` in `unit` (`12–18 万元/月`, `120,000–180,000 yuan/month`).
pub fn format_range(low: f64, high: f64, unit: &str, lang: Lang) -> String {
    format_amount(low, Some(high), unit, lang)
}

fn format_amount(low: f64, high: Option<f64>, unit: &str, lang: Lang) -> String {
    let Some(u) = Unit::parse(unit) else {
        let numbers = match high {
            Some(h) => format!("{}–{}", number(low), number(h)),
            None => number(low),
        };
        return join_unit(&numbers, unit.trim());
    };
    if u.percent {
        return match high {
            Some(h) => format!("{}%–{}%", number(low), number(h)),
            None => format!("{}%", number(low)),
        };
    }
    match lang {
        Lang::Zh => {
            let numbers = match high {
                Some(h) => format!("{}–{}", number(low), number(h)),
                None => number(low),
            };
            join_unit(&numbers, unit.trim())
        }
        Lang::En => english(low, high, &u),
    }
}

/// Number and unit with a space between, as the article writes them (`2000 万`).
fn join_unit(numbers: &str, unit: &str) -> String {
    if unit.is_empty() {
        numbers.to_string()
    } else {
        format!("{numbers} {unit}")
    }
}

/// English for an amount: the magnitude multiplied out and named again in English words.
fn english(low: f64, high: Option<f64>, u: &Unit) -> String {
    let (low, high) = (low * u.scale, high.map(|h| h * u.scale));
    let largest = high.map_or(low.abs(), |h| h.abs().max(low.abs()));
    let (divisor, word) = if largest >= 1e9 {
        (1e9, " billion")
    } else if largest >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let show = |v: f64| {
        if divisor > 1.0 {
            number(v / divisor)
        } else {
            grouped(v)
        }
    };
    let numbers = match high {
        Some(h) => format!("{}–{}{word}", show(low), show(h)),
        None => format!("{}{word}", show(low)),
    };
    let singular = high.is_none() && low == 1.0;
    let mut out = match u.base {
        Some(b) if b.en_prefix => format!("{}{numbers}", b.en_plural),
        Some(b) => {
            let name = if singular { b.en_singular } else { b.en_plural };
            join_unit(&numbers, name)
        }
        None => numbers,
    };
    if let Some(per) = u.per {
        out.push('/');
        out.push_str(per.en_singular);
    }
    out
}

/// A number as a person would write it: at most two decimals, no trailing zeros,
/// no thousands separators (the Chinese style, `2304`).
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    let decimals = if v.abs() >= 1.0 || v == 0.0 { 2 } else { 4 };
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    // Rounding can leave "-0" for a tiny negative number.
    if s == "-0" { "0".to_string() } else { s }
}

/// A number with thousands separators, the English style (`75,000`, `1,234.5`).
pub fn grouped(v: f64) -> String {
    let plain = number(v);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(plain.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_parse_into_magnitude_base_and_rate() {
        let u = Unit::parse("万元/月").unwrap();
        assert_eq!(u.scale(), 1e4);
        assert!(u.same_kind(&Unit::parse("元/月").unwrap()));
        assert!(!u.same_kind(&Unit::parse("万元").unwrap()));
        assert_eq!(Unit::parse("%").unwrap().scale(), 0.01);
        assert_eq!(Unit::parse("亿美元").unwrap().scale(), 1e8);
        assert_eq!(Unit::parse("万亿元").unwrap().scale(), 1e12);
        assert_eq!(Unit::parse("万").unwrap().scale(), 1e4);
        assert_eq!(Unit::parse("EFLOPS").unwrap().scale(), 1.0);
        assert_eq!(Unit::parse("千瓦时").unwrap().scale(), 1.0);
        assert_eq!(Unit::parse("万千瓦时").unwrap().scale(), 1e4);
        for bad in ["", "万圆", "亿亿", "元/", "/月", "percent", "％"] {
            assert!(Unit::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn chinese_keeps_the_article_style() {
        assert_eq!(format_value(2000.0, "万人", Lang::Zh), "2000 万人");
        assert_eq!(format_value(7.5, "万元/月", Lang::Zh), "7.5 万元/月");
        assert_eq!(format_value(20.0, "%", Lang::Zh), "20%");
        assert_eq!(
            format_range(12.0, 18.0, "万元/月", Lang::Zh),
            "12–18 万元/月"
        );
        assert_eq!(format_range(20.0, 30.0, "%", Lang::Zh), "20%–30%");
    }

    #[test]
    fn english_spells_out_the_magnitudes() {
        assert_eq!(format_value(2000.0, "万人", Lang::En), "20 million people");
        assert_eq!(format_value(300.0, "亿美元", Lang::En), "US$30 billion");
        assert_eq!(format_value(7.5, "万元/月", Lang::En), "75,000 yuan/month");
        assert_eq!(format_value(2304.0, "万元", Lang::En), "23.04 million yuan");
        assert_eq!(format_value(1.3, "万个", Lang::En), "13,000");
        assert_eq!(format_value(1.0, "人", Lang::En), "1 person");
        assert_eq!(
            format_range(12.0, 18.0, "万元/月", Lang::En),
            "120,000–180,000 yuan/month"
        );
    }

    #[test]
    fn numbers_are_tidy() {
        assert_eq!(number(2304.000000004), "2304");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(-0.0000001), "0");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(f64::NAN), "?");
        assert_eq!(grouped(1234567.5), "1,234,567.5");
        assert_eq!(grouped(-1000.0), "-1,000");
        assert_eq!(grouped(999.0), "999");
    }
}
