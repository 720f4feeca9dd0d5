//! A generated Kialo discussion of any size, in Kialo's newer layout, for tests
//! of big discussions (the real ones run to thousands of claims).

use std::fmt::Write;

/// A Kialo discussion of `claims` claims (the thesis included): eight main
/// branches under the thesis, three answers under every claim below, breadth
/// first, alternating Pro and Con. Every claim's text names its number, and
/// every seventh is long (some 400 characters), as real claims are.
pub fn discussion(claims: usize) -> String {
    let mut out = String::from("Discussion Name: generated\nA generated discussion\n\n");
    out.push_str("1. Thesis:\n  Claim 1 is the thesis of a generated discussion.\n\n");
    // Breadth first: (number, depth) of each claim, in the order written out
    // below (depth first, as Kialo writes them).
    let mut children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut numbers = vec!["1".to_string()];
    let mut queue = std::collections::VecDeque::from([0usize]);
    while numbers.len() < claims {
        let Some(parent) = queue.pop_front() else {
            break;
        };
        let width = if parent == 0 { 8 } else { 3 };
        for k in 1..=width {
            if numbers.len() >= claims {
                break;
            }
            let child = numbers.len();
            numbers.push(format!("{}.{k}", numbers[parent]));
            children.push(Vec::new());
            children[parent].push(child);
            queue.push_back(child);
        }
    }
    let mut stack: Vec<usize> = children[0].iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        let number = &numbers[i];
        let depth = number.matches('.').count();
        let indent = "  ".repeat(depth);
        let side = if i % 2 == 1 { "Pro" } else { "Con" };
        let mut text = format!("Claim {number} says something about the claim it answers.");
        if i % 7 == 0 {
            text.push_str(&" It goes on at length, as real claims do, with reasons and".repeat(6));
            text.push_str(&format!(" ends with the words end of {number}."));
        }
        let _ = write!(out, "{indent}{number}. {side}:\n{indent}  {text}\n\n");
        stack.extend(children[i].iter().rev());
    }
    out
}
