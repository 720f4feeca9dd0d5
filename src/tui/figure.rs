//! The figure popup's state: which of a node's figures is shown, and the
//! formula inputs the reader has changed to see the result recompute.

use crate::figures::{Check, Figure};
use crate::model::Document;

/// An open figure popup.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureState {
    /// The figures it can show (indices into `doc.figures`), in order.
    pub figures: Vec<usize>,
    /// The one shown.
    pub current: usize,
    /// For a formula: the inputs as the reader has set them.
    pub inputs: Vec<f64>,
    /// For a formula: the input the keys change.
    pub input: usize,
}

impl FigureState {
    /// A popup on `figures`, showing the first.
    pub fn new(doc: &Document, figures: Vec<usize>) -> FigureState {
        let mut s = FigureState {
            figures,
            current: 0,
            inputs: Vec::new(),
            input: 0,
        };
        s.reset(doc);
        s
    }

    /// The figure shown.
    pub fn figure<'a>(&self, doc: &'a Document) -> Option<&'a Figure> {
        doc.figures.get(*self.figures.get(self.current)?)
    }

    /// Back to the article's own inputs.
    pub fn reset(&mut self, doc: &Document) {
        self.inputs = self
            .figure(doc)
            .and_then(Figure::formula)
            .map(|f| f.values())
            .unwrap_or_default();
        self.input = self.input.min(self.inputs.len().saturating_sub(1));
    }

    /// Shows the next (`by` = 1) or previous (-1) figure.
    pub fn step(&mut self, doc: &Document, by: isize) {
        let n = self.figures.len() as isize;
        if n == 0 {
            return;
        }
        self.current = (self.current as isize + by).rem_euclid(n) as usize;
        self.input = 0;
        self.reset(doc);
    }

    /// Moves the input cursor.
    pub fn select_input(&mut self, by: isize) {
        let n = self.inputs.len() as isize;
        if n > 0 {
            self.input = (self.input as isize + by).clamp(0, n - 1) as usize;
        }
    }

    /// Changes the selected input by one step up (`dir` = 1) or down (-1).
    /// A percentage moves by 5 points; anything else by a tenth of the
    /// article's value, so each press is a visible, round change.
    pub fn nudge(&mut self, doc: &Document, dir: f64) {
        let Some(f) = self.figure(doc).and_then(Figure::formula) else {
            return;
        };
        let Some(original) = f.inputs.get(self.input) else {
            return;
        };
        let step = if original.unit.trim() == "%" {
            5.0
        } else {
            nice_step(original.value.abs() / 10.0)
        };
        if let Some(v) = self.inputs.get_mut(self.input) {
            *v = ((*v + dir * step) / step).round() * step;
            if *v < 0.0 {
                *v = 0.0;
            }
        }
    }

    /// The formula's result with the reader's inputs, checked against the article.
    pub fn check(&self, doc: &Document) -> Option<Check> {
        Some(self.figure(doc)?.formula()?.check_with(&self.inputs))
    }

    /// Whether the reader has changed any input.
    pub fn changed(&self, doc: &Document) -> bool {
        self.figure(doc)
            .and_then(Figure::formula)
            .is_some_and(|f| f.values() != self.inputs)
    }
}

/// The nearest of 1, 2 or 5 times a power of ten to `x` (at least 0.1).
fn nice_step(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.1 {
        return 0.1;
    }
    let p = 10f64.powf(x.log10().floor());
    let m = x / p;
    let nice = if m < 1.5 {
        1.0
    } else if m < 3.5 {
        2.0
    } else if m < 7.5 {
        5.0
    } else {
        10.0
    };
    nice * p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(12.8), 10.0);
        assert_eq!(nice_step(0.6), 0.5);
        assert_eq!(nice_step(0.75), 1.0);
        assert_eq!(nice_step(1.2), 1.0);
        assert_eq!(nice_step(0.0), 0.1);
    }
}
