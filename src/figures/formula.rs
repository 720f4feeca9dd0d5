//! Checked calculations: a formula's inputs, its expression, and the value the article states.
//!
//! The result of a formula is never written in a file: stance computes it from
//! the inputs and compares it with what the article says, so a reader can see
//! the article's arithmetic worked out and can change an input to see what
//! follows. The expression language is deliberately tiny — numbers, input
//! names, `+ - × ÷` (also `* /` and the article's `✖`), parentheses and
//! percentages — and the parser is hand-written so that no input can make it
//! panic, recurse without bound or run for long.
//!
//! Values are computed in base units: an input of `7.5 万元/月` counts as
//! 75 000, `20%` as 0.2, and the result is expressed in the formula's result
//! unit (`万元` divides by 10 000).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::units::{Unit, number};
use crate::model::Bilingual;

/// Deepest nesting of parentheses and signs an expression may use. Real
/// formulas need two or three levels; the limit keeps recursion shallow.
pub const MAX_DEPTH: usize = 32;

/// A calculation the article makes: named inputs, an expression over them, and what the article states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Formula {
    /// The named inputs, in the order they are shown and passed to [`Formula::evaluate`].
    pub inputs: Vec<FormulaInput>,
    /// The expression over the input names, such as `rent × months × servers × utilization`.
    pub expression: String,
    /// What the result is and its unit (the value itself is always computed).
    pub result: FormulaResult,
    /// The value the article gives for the result, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<Stated>,
}

/// One named input of a formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulaInput {
    /// The name the expression uses.
    pub name: String,
    /// What it is, in both languages.
    pub label: Bilingual,
    /// The value the article uses, in `unit`.
    pub value: f64,
    /// Its unit (`万元/月`, `%`…), which sets its scale in the calculation.
    pub unit: String,
    /// The least a reader may set it to, in `unit` (none given: zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The most a reader may set it to, in `unit` (none given: 100 for a
    /// percentage, else ten times the article's value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl FormulaInput {
    /// The range a reader may move it through: the figure's `min` and `max`,
    /// else from zero up to 100% for a percentage or ten times the article's
    /// value for anything else.
    pub fn bounds(&self) -> (f64, f64) {
        let low = self.min.unwrap_or(0.0);
        let high = self.max.unwrap_or(if self.unit.trim() == "%" {
            100.0
        } else if self.value != 0.0 {
            10.0 * self.value.abs()
        } else {
            f64::MAX
        });
        (low, high.max(low))
    }
}

/// What a formula computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulaResult {
    /// What the result is, in both languages.
    pub label: Bilingual,
    /// The unit the result is given in.
    pub unit: String,
}

/// The value the article states for a formula's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    /// The number as the article writes it.
    pub value: f64,
    /// Its unit; of the same kind as the result's (`万元` against `元` is fine).
    pub unit: String,
    /// The article's rounding: the computed value, rounded to a multiple of
    /// this, must equal `value`. Without it the two must be equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_to: Option<f64>,
}

/// Why a formula cannot be computed. Positions are 1-based characters of the expression.
#[derive(Debug, Clone, PartialEq)]
pub enum FormulaError {
    /// The expression is not well formed.
    Syntax {
        /// Where, counting characters from 1.
        at: usize,
        /// What is wrong.
        message: String,
    },
    /// The expression names something that is not one of the inputs.
    UnknownInput {
        /// Where the name starts.
        at: usize,
        /// The name.
        name: String,
    },
    /// Parentheses or signs nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// Where the limit was passed.
        at: usize,
    },
    /// A division whose divisor came to zero with these inputs.
    DivisionByZero {
        /// Where the `÷` is.
        at: usize,
    },
    /// A number too large to compute with, or not a number at all.
    NotFinite,
    /// [`Formula::evaluate`] was given the wrong number of input values.
    WrongInputCount {
        /// How many inputs the formula has.
        expected: usize,
        /// How many values were given.
        got: usize,
    },
    /// An input or the result has a unit stance does not know, so its scale is unknown.
    UnknownUnit {
        /// The unit as written.
        unit: String,
    },
}

impl FormulaError {
    /// The 1-based character of the expression the error is at, when it has one.
    pub fn at(&self) -> Option<usize> {
        match self {
            FormulaError::Syntax { at, .. }
            | FormulaError::UnknownInput { at, .. }
            | FormulaError::TooDeep { at }
            | FormulaError::DivisionByZero { at } => Some(*at),
            _ => None,
        }
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormulaError::Syntax { at, message } => write!(f, "{message} (character {at})"),
            FormulaError::UnknownInput { at, name } => write!(
                f,
                "`{name}` is not one of the formula's inputs (character {at})"
            ),
            FormulaError::TooDeep { at } => write!(
                f,
                "parentheses or signs nest more than {MAX_DEPTH} deep (character {at})"
            ),
            FormulaError::DivisionByZero { at } => {
                write!(f, "division by zero (character {at})")
            }
            FormulaError::NotFinite => write!(f, "the result is too large to compute"),
            FormulaError::WrongInputCount { expected, got } => {
                write!(
                    f,
                    "the formula has {expected} inputs, and {got} values were given"
                )
            }
            FormulaError::UnknownUnit { unit } => write!(f, "unknown unit `{unit}`"),
        }
    }
}

impl std::error::Error for FormulaError {}

/// How a formula's computed result compares with the value the article states.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// The article states no value; `computed` is in the result unit.
    Computed {
        /// The computed result, in the result unit.
        computed: f64,
    },
    /// The computed value, rounded as the article rounds (`round_to`), equals the stated one.
    /// All three numbers are in the stated unit.
    Agrees {
        /// The computed result.
        computed: f64,
        /// The computed result rounded to `round_to` (itself when there is no rounding).
        rounded: f64,
        /// What the article states.
        stated: f64,
    },
    /// It does not. All three numbers are in the stated unit.
    Differs {
        /// The computed result.
        computed: f64,
        /// The computed result rounded to `round_to` (itself when there is no rounding).
        rounded: f64,
        /// What the article states.
        stated: f64,
    },
    /// The formula cannot be computed.
    Failed(FormulaError),
}

impl Check {
    /// True unless the stated value is contradicted or nothing could be computed.
    pub fn is_ok(&self) -> bool {
        matches!(self, Check::Computed { .. } | Check::Agrees { .. })
    }

    /// How far the article is from the computation: stated − computed, in the stated unit.
    pub fn difference(&self) -> Option<f64> {
        match self {
            Check::Agrees {
                computed, stated, ..
            }
            | Check::Differs {
                computed, stated, ..
            } => Some(stated - computed),
            _ => None,
        }
    }
}

impl Formula {
    /// The input names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.inputs.iter().map(|i| i.name.as_str()).collect()
    }

    /// The input values as the article gives them, in order, ready to change and pass to [`Formula::evaluate`].
    pub fn values(&self) -> Vec<f64> {
        self.inputs.iter().map(|i| i.value).collect()
    }

    /// The unit of the result.
    pub fn result_unit(&self) -> &str {
        &self.result.unit
    }

    /// Parses the expression, resolving names to inputs. Errors carry their position.
    pub fn compile(&self) -> Result<Program, FormulaError> {
        Program::compile(&self.expression, &self.names())
    }

    /// The result with `inputs` in place of the article's values: one value per
    /// input, in order, each in that input's unit (20 for `20%`). The result is in
    /// [`Formula::result_unit`]. This is what a reader changing an input recomputes.
    pub fn evaluate(&self, inputs: &[f64]) -> Result<f64, FormulaError> {
        if inputs.len() != self.inputs.len() {
            return Err(FormulaError::WrongInputCount {
                expected: self.inputs.len(),
                got: inputs.len(),
            });
        }
        let mut scaled = Vec::with_capacity(inputs.len());
        for (input, &value) in self.inputs.iter().zip(inputs) {
            scaled.push(value * scale_of(&input.unit)?);
        }
        let raw = self.compile()?.run(&scaled)?;
        let result = raw / scale_of(&self.result.unit)?;
        if result.is_finite() {
            Ok(result)
        } else {
            Err(FormulaError::NotFinite)
        }
    }

    /// The result with the article's own inputs.
    pub fn compute(&self) -> Result<f64, FormulaError> {
        self.evaluate(&self.values())
    }

    /// The article's inputs computed and compared with the stated value.
    pub fn check(&self) -> Check {
        self.check_with(&self.values())
    }

    /// `inputs` computed and compared with the stated value.
    ///
    /// The rule: the computed value, converted to the stated unit and rounded to the
    /// nearest multiple of `round_to` (halves away from zero), must equal the stated
    /// value. The article's 7.5 万 × 12 × 128 × 20% = 2304 万元, rounded to 100, is
    /// 2300: it agrees with the 2300 万 the article states. Float noise below one part
    /// in 10¹² is ignored, so 2349.9999999 rounds like 2350.
    pub fn check_with(&self, inputs: &[f64]) -> Check {
        let computed = match self.evaluate(inputs) {
            Ok(v) => v,
            Err(e) => return Check::Failed(e),
        };
        let Some(stated) = &self.stated else {
            return Check::Computed { computed };
        };
        let (Some(result_unit), Some(stated_unit)) =
            (Unit::parse(&self.result.unit), Unit::parse(&stated.unit))
        else {
            return Check::Failed(FormulaError::UnknownUnit {
                unit: stated.unit.clone(),
            });
        };
        let computed = computed * result_unit.scale() / stated_unit.scale();
        let rounded = round_to(computed, stated.round_to);
        let close = (rounded - stated.value).abs() <= 1e-9 * stated.value.abs().max(1.0);
        if close {
            Check::Agrees {
                computed,
                rounded,
                stated: stated.value,
            }
        } else {
            Check::Differs {
                computed,
                rounded,
                stated: stated.value,
            }
        }
    }

    /// The expression with each input name replaced by `show(input)`, and operators
    /// written `× ÷ + −`: the line "with values substituted" of a worked calculation.
    pub fn substituted(&self, show: impl Fn(&FormulaInput) -> String) -> String {
        let Ok(tokens) = tokenize(&self.expression) else {
            return self.expression.clone();
        };
        let mut out = String::new();
        let mut after_open = true;
        for t in &tokens {
            let text = match &t.kind {
                Token::Number(v, percent) => {
                    format!("{}{}", number(*v), if *percent { "%" } else { "" })
                }
                Token::Name(n) => match self.inputs.iter().find(|i| &i.name == n) {
                    Some(input) => show(input),
                    None => n.clone(),
                },
                Token::Plus => "+".into(),
                Token::Minus => "−".into(),
                Token::Times => "×".into(),
                Token::Divide => "÷".into(),
                Token::Open => "(".into(),
                Token::Close => ")".into(),
            };
            if !after_open && t.kind != Token::Close {
                out.push(' ');
            }
            after_open = t.kind == Token::Open;
            out.push_str(&text);
        }
        out
    }
}

fn scale_of(unit: &str) -> Result<f64, FormulaError> {
    Unit::parse(unit)
        .map(|u| u.scale())
        .ok_or_else(|| FormulaError::UnknownUnit {
            unit: unit.to_string(),
        })
}

/// `v` rounded to the nearest multiple of `step` (halves away from zero); `v` itself
/// without a usable step. Noise below one part in 10¹² is removed first.
pub fn round_to(v: f64, step: Option<f64>) -> f64 {
    let v = tidy(v);
    match step {
        Some(s) if s.is_finite() && s > 0.0 => {
            let r = (v / s).round() * s;
            if r.is_finite() { tidy(r) } else { v }
        }
        _ => v,
    }
}

/// `v` rounded to 12 significant digits, so that 2349.9999999999995 reads as 2350.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let magnitude = v.abs().log10().floor() as i32;
    let digits = (11 - magnitude).clamp(-290, 290);
    let factor = 10f64.powi(digits);
    let r = (v * factor).round() / factor;
    if r.is_finite() { r } else { v }
}

/// A compiled expression: a sequence of stack operations, run without recursion.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    ops: Vec<Op>,
    /// Which inputs the expression uses, by index.
    used: Vec<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Number(f64),
    Input(usize),
    Negate,
    Add,
    Subtract,
    Multiply,
    /// Carries the position of the `÷` for the error if its divisor is zero.
    Divide(usize),
}

impl Program {
    /// Parses `expression` with `names` as the inputs, in order.
    pub fn compile(expression: &str, names: &[&str]) -> Result<Program, FormulaError> {
        let tokens = tokenize(expression)?;
        let mut parser = Parser {
            tokens: &tokens,
            next: 0,
            names,
            ops: Vec::new(),
            used: vec![false; names.len()],
            end: expression.chars().count() + 1,
        };
        if tokens.is_empty() {
            return Err(FormulaError::Syntax {
                at: 1,
                message: "the expression is empty".into(),
            });
        }
        parser.sum(0)?;
        if let Some(t) = parser.peek() {
            let message = if t.kind == Token::Close {
                "a `)` with no `(` before it".to_string()
            } else {
                "expected an operator (+ − × ÷) here".to_string()
            };
            return Err(FormulaError::Syntax { at: t.at, message });
        }
        Ok(Program {
            ops: parser.ops,
            used: parser.used,
        })
    }

    /// Which inputs the expression uses, by index.
    pub fn uses(&self, input: usize) -> bool {
        self.used.get(input).copied().unwrap_or(false)
    }

    /// Runs the program with `inputs` (already in base units).
    pub fn run(&self, inputs: &[f64]) -> Result<f64, FormulaError> {
        let mut stack: Vec<f64> = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            let value = match *op {
                Op::Number(v) => v,
                Op::Input(i) => *inputs.get(i).ok_or(FormulaError::WrongInputCount {
                    expected: self.used.len(),
                    got: inputs.len(),
                })?,
                Op::Negate => -pop(&mut stack)?,
                Op::Add | Op::Subtract | Op::Multiply | Op::Divide(_) => {
                    let b = pop(&mut stack)?;
                    let a = pop(&mut stack)?;
                    match *op {
                        Op::Add => a + b,
                        Op::Subtract => a - b,
                        Op::Multiply => a * b,
                        Op::Divide(at) => {
                            if b == 0.0 {
                                return Err(FormulaError::DivisionByZero { at });
                            }
                            a / b
                        }
                        _ => unreachable_op()?,
                    }
                }
            };
            if !value.is_finite() {
                return Err(FormulaError::NotFinite);
            }
            stack.push(value);
        }
        match stack.as_slice() {
            [v] => Ok(*v),
            _ => unreachable_op(),
        }
    }
}

/// The parser only emits well-formed programs; should that ever be wrong, the
/// program reports an error instead of panicking.
fn unreachable_op() -> Result<f64, FormulaError> {
    Err(FormulaError::Syntax {
        at: 1,
        message: "the expression could not be evaluated".into(),
    })
}

fn pop(stack: &mut Vec<f64>) -> Result<f64, FormulaError> {
    stack.pop().map_or_else(unreachable_op, Ok)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A number, and whether a `%` followed it (`20%` is 0.2).
    Number(f64, bool),
    Name(String),
    Plus,
    Minus,
    Times,
    Divide,
    Open,
    Close,
}

#[derive(Debug, Clone, PartialEq)]
struct Spanned {
    kind: Token,
    /// 1-based character position.
    at: usize,
}

fn tokenize(expression: &str) -> Result<Vec<Spanned>, FormulaError> {
    let chars: Vec<char> = expression.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let at = i + 1;
        let single = match c {
            '+' => Some(Token::Plus),
            // ASCII hyphen-minus, the minus sign, and the en dash people type for it.
            '-' | '−' | '–' => Some(Token::Minus),
            '*' | '×' | '✖' | '·' => Some(Token::Times),
            '/' | '÷' => Some(Token::Divide),
            '(' | '（' => Some(Token::Open),
            ')' | '）' => Some(Token::Close),
            _ => None,
        };
        if let Some(kind) = single {
            tokens.push(Spanned { kind, at });
            i += 1;
        } else if c.is_whitespace() || c == '\u{fe0f}' {
            // U+FE0F asks for the emoji form of ✖; it changes nothing here.
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let value: f64 = text.parse().map_err(|_| FormulaError::Syntax {
                at,
                message: format!("`{text}` is not a number"),
            })?;
            if !value.is_finite() {
                return Err(FormulaError::NotFinite);
            }
            let percent = chars.get(i) == Some(&'%');
            if percent {
                i += 1;
            }
            tokens.push(Spanned {
                kind: Token::Number(value, percent),
                at,
            });
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                i += 1;
            }
            tokens.push(Spanned {
                kind: Token::Name(chars[start..i].iter().collect()),
                at,
            });
        } else {
            return Err(FormulaError::Syntax {
                at,
                message: format!("unexpected character `{}`", c.escape_default()),
            });
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: &'a [Spanned],
    next: usize,
    names: &'a [&'a str],
    ops: Vec<Op>,
    used: Vec<bool>,
    /// The position just past the expression, for "expected … at the end".
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.next)
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.at)
    }

    /// sum := product (('+' | '−') product)*
    fn sum(&mut self, depth: usize) -> Result<(), FormulaError> {
        self.product(depth)?;
        while let Some(t) = self.peek() {
            let op = match t.kind {
                Token::Plus => Op::Add,
                Token::Minus => Op::Subtract,
                _ => break,
            };
            self.next += 1;
            self.product(depth)?;
            self.ops.push(op);
        }
        Ok(())
    }

    /// product := unary (('×' | '÷') unary)*
    fn product(&mut self, depth: usize) -> Result<(), FormulaError> {
        self.unary(depth)?;
        while let Some(t) = self.peek() {
            let op = match t.kind {
                Token::Times => Op::Multiply,
                Token::Divide => Op::Divide(t.at),
                _ => break,
            };
            self.next += 1;
            self.unary(depth)?;
            self.ops.push(op);
        }
        Ok(())
    }

    /// unary := ('+' | '−') unary | atom
    fn unary(&mut self, depth: usize) -> Result<(), FormulaError> {
        if depth > MAX_DEPTH {
            return Err(FormulaError::TooDeep { at: self.here() });
        }
        match self.peek().map(|t| &t.kind) {
            Some(Token::Minus) => {
                self.next += 1;
                self.unary(depth + 1)?;
                self.ops.push(Op::Negate);
                Ok(())
            }
            Some(Token::Plus) => {
                self.next += 1;
                self.unary(depth + 1)
            }
            _ => self.atom(depth),
        }
    }

    /// atom := number | name | '(' sum ')'
    fn atom(&mut self, depth: usize) -> Result<(), FormulaError> {
        let Some(t) = self.peek().cloned() else {
            return Err(FormulaError::Syntax {
                at: self.end,
                message: "the expression ends where a number or input was expected".into(),
            });
        };
        self.next += 1;
        match t.kind {
            Token::Number(v, percent) => {
                self.ops
                    .push(Op::Number(if percent { v / 100.0 } else { v }));
                Ok(())
            }
            Token::Name(name) => match self.names.iter().position(|n| *n == name) {
                Some(i) => {
                    self.ops.push(Op::Input(i));
                    if let Some(u) = self.used.get_mut(i) {
                        *u = true;
                    }
                    Ok(())
                }
                None => Err(FormulaError::UnknownInput { at: t.at, name }),
            },
            Token::Open => {
                self.sum(depth + 1)?;
                match self.peek() {
                    Some(c) if c.kind == Token::Close => {
                        self.next += 1;
                        Ok(())
                    }
                    _ => Err(FormulaError::Syntax {
                        at: self.here(),
                        message: format!("the `(` at character {} is never closed", t.at),
                    }),
                }
            }
            _ => Err(FormulaError::Syntax {
                at: t.at,
                message: "expected a number, an input name or `(` here".into(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revenue(stated: f64, round: Option<f64>) -> Formula {
        let input = |name: &str, value: f64, unit: &str| FormulaInput {
            name: name.into(),
            label: Bilingual::default(),
            value,
            unit: unit.into(),
            min: None,
            max: None,
        };
        Formula {
            inputs: vec![
                input("rent", 7.5, "万元/月"),
                input("months", 12.0, "个月"),
                input("servers", 128.0, "台"),
                input("utilization", 20.0, "%"),
            ],
            expression: "rent × months × servers × utilization".into(),
            result: FormulaResult {
                label: Bilingual::default(),
                unit: "万元".into(),
            },
            stated: Some(Stated {
                value: stated,
                unit: "万元".into(),
                round_to: round,
            }),
        }
    }

    fn eval(expr: &str, names: &[&str], inputs: &[f64]) -> Result<f64, FormulaError> {
        Program::compile(expr, names)?.run(inputs)
    }

    #[test]
    fn the_article_revenue_is_2304_and_agrees_with_2300_rounded_to_100() {
        let f = revenue(2300.0, Some(100.0));
        let v = f.compute().unwrap();
        assert!((v - 2304.0).abs() < 1e-9, "{v}");
        match f.check() {
            Check::Agrees {
                computed,
                rounded,
                stated,
            } => {
                assert!((computed - 2304.0).abs() < 1e-9);
                assert_eq!((rounded, stated), (2300.0, 2300.0));
            }
            other => panic!("{other:?}"),
        }
        // Without the rounding, 2300 is not 2304.
        let exact = revenue(2300.0, None).check();
        assert!(matches!(exact, Check::Differs { .. }), "{exact:?}");
        assert!((exact.difference().unwrap() + 4.0).abs() < 1e-9);
        // Rounded to 100, 2304 is not 2400 either.
        assert!(!revenue(2400.0, Some(100.0)).check().is_ok());
    }

    #[test]
    fn changed_inputs_recompute() {
        let f = revenue(2300.0, Some(100.0));
        let mut inputs = f.values();
        inputs[3] = 60.0;
        let v = f.evaluate(&inputs).unwrap();
        assert!((v - 6912.0).abs() < 1e-9, "{v}");
        assert!(matches!(f.check_with(&inputs), Check::Differs { .. }));
        assert_eq!(
            f.evaluate(&[1.0]),
            Err(FormulaError::WrongInputCount {
                expected: 4,
                got: 1
            })
        );
    }

    #[test]
    fn precedence_signs_parentheses_and_percentages() {
        let n: &[&str] = &["a", "b"];
        let close = |expr: &str, want: f64| {
            let v = eval(expr, n, &[2.0, 3.0]).unwrap();
            assert!((v - want).abs() < 1e-12, "{expr} = {v}, want {want}");
        };
        close("a + b * 2", 8.0);
        close("(a + b) × 2", 10.0);
        close("a - b - 1", -2.0);
        close("12 / a / b", 2.0);
        close("-a + --b", 1.0);
        close("a ✖ 50%", 1.0);
        close("a ÷ 4", 0.5);
        close("（a − b）÷ b", -1.0 / 3.0);
        close(".5 * a", 1.0);
        close("a ✖\u{fe0f} b", 6.0);
    }

    #[test]
    fn errors_say_where() {
        let n: &[&str] = &["rent"];
        let at = |expr: &str| eval(expr, n, &[1.0]).unwrap_err();
        assert_eq!(
            at("rent × rnet"),
            FormulaError::UnknownInput {
                at: 8,
                name: "rnet".into()
            }
        );
        assert_eq!(at("rent × (2 + 3").at(), Some(14));
        assert_eq!(at("rent 2").at(), Some(6));
        assert_eq!(at("rent )").at(), Some(6));
        assert_eq!(at("rent ×").at(), Some(7));
        assert_eq!(at("rent $ 2").at(), Some(6));
        assert_eq!(at("1.2.3").at(), Some(1));
        assert_eq!(at("").at(), Some(1));
        assert_eq!(at("  ").at(), Some(1));
        assert_eq!(
            at("rent / (rent - 1)"),
            FormulaError::DivisionByZero { at: 6 }
        );
        assert!(at("rent × rnet").to_string().contains("character 8"));
    }

    #[test]
    fn deep_nesting_and_huge_numbers_are_errors_not_crashes() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(matches!(
            eval(&deep, &[], &[]),
            Err(FormulaError::TooDeep { .. })
        ));
        let signs = format!("{}1", "-".repeat(10_000));
        assert!(matches!(
            eval(&signs, &[], &[]),
            Err(FormulaError::TooDeep { .. })
        ));
        let fine = format!("{}1{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert_eq!(eval(&fine, &[], &[]), Ok(1.0));
        let big = "9".repeat(400);
        assert_eq!(eval(&big, &[], &[]), Err(FormulaError::NotFinite));
        assert_eq!(
            eval("1e300 ", &[], &[]).unwrap_err().at(),
            Some(2),
            "no exponents: `e300` is a name"
        );
        let huge = "99999999999 × ".repeat(40) + "1";
        assert_eq!(eval(&huge, &[], &[]), Err(FormulaError::NotFinite));
    }

    #[test]
    fn rounding_halves_away_from_zero_and_ignores_float_noise() {
        assert_eq!(round_to(2304.0000000004, Some(100.0)), 2300.0);
        assert_eq!(round_to(2350.0, Some(100.0)), 2400.0);
        assert_eq!(round_to(2349.9999999999995, Some(100.0)), 2400.0);
        assert_eq!(round_to(-2350.0, Some(100.0)), -2400.0);
        assert_eq!(round_to(7.25, Some(0.5)), 7.5);
        assert_eq!(round_to(7.3, None), 7.3);
        assert_eq!(round_to(7.3, Some(0.0)), 7.3);
        assert_eq!(round_to(7.3, Some(-1.0)), 7.3);
    }

    #[test]
    fn substitution_writes_the_values_in() {
        let f = revenue(2300.0, Some(100.0));
        let line = f.substituted(|i| format!("{}{}", number(i.value), i.unit));
        assert_eq!(line, "7.5万元/月 × 12个月 × 128台 × 20%");
        let mut g = f.clone();
        g.expression = "(rent*2)/-months".into();
        assert_eq!(
            g.substituted(|i| i.name.to_uppercase()),
            "(RENT × 2) ÷ − MONTHS"
        );
    }
}
