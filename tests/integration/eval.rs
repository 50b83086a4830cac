//! Scores htref on the evaluation sets the way ../shared/eval/score.py does: the top three
//! referrals (or phone matches) must contain an expected name, alias or number.

use crate::util::json;
use serde_json::Value;
use std::path::Path;

/// Keys whose text explains or cites a result; like score.py, they earn no credit.
const SKIP_KEYS: [&str; 16] = [
    "why", "reason", "match", "explain", "source", "query", "note", "summary", "descr", "role",
    "conflict", "evidence", "term", "hit", "caveat", "warning",
];
const TOP: usize = 3;

fn texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                let key = key.to_lowercase();
                if !SKIP_KEYS.iter().any(|skip| key.contains(skip)) {
                    texts(v, out);
                }
            }
        }
        _ => {}
    }
}

fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = vec![
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>(),
    ];
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once('x')) {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !" ().+-".contains(c) && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    runs
}

fn hit(entry: &Value, alternative: &str) -> bool {
    let mut found = Vec::new();
    texts(entry, &mut found);
    if alternative.chars().all(|c| c.is_ascii_digit()) {
        return found
            .iter()
            .flat_map(|t| digit_runs(t))
            .any(|d| d == alternative || d == format!("1{alternative}"));
    }
    let wanted = alternative.to_lowercase();
    found.iter().any(|t| t.to_lowercase().contains(&wanted))
}

/// Returns None when the row passes, or a description of the failure.
fn check(kind: &str, query: &str, expect: &str) -> Option<String> {
    let command = if kind == "phone" {
        "phone"
    } else {
        "who-handles"
    };
    let (code, doc) = json(&[command, query]);
    let results = doc
        .get("referrals")
        .or_else(|| doc.get("matches"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if expect == "NOMATCH" {
        return (code != 1 || !results.is_empty()).then(|| {
            format!(
                "expected no match, got exit {code} and {} results",
                results.len()
            )
        });
    }
    if code != 0 {
        return Some(format!("exit {code}"));
    }
    let alternatives: Vec<&str> = expect.split('|').collect();
    if alternatives.contains(&"911") && doc["emergency"]["number"] == "911" {
        return None;
    }
    let top = &results[..results.len().min(TOP)];
    if top.iter().any(|e| alternatives.iter().any(|a| hit(e, a))) {
        return None;
    }
    let names: Vec<&str> = top.iter().filter_map(|e| e["name"].as_str()).collect();
    Some(format!("top {TOP}: {names:?}"))
}

/// Scores a TSV file; returns (passed, total, failures).
fn score(path: &Path) -> (usize, usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut passed = 0;
    let mut failures = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 3,
            "malformed row in {}: {line:?}",
            path.display()
        );
        match check(cols[0], cols[1], cols[2].trim()) {
            None => passed += 1,
            Some(why) => failures.push(format!(
                "{} {:?} want {} ({why})",
                cols[0], cols[1], cols[2]
            )),
        }
    }
    (passed, passed + failures.len(), failures)
}

#[track_caller]
fn assert_score(path: &Path, threshold: f64, minimum_rows: usize) {
    let (passed, total, failures) = score(path);
    assert!(
        total >= minimum_rows,
        "{} has only {total} rows",
        path.display()
    );
    #[allow(clippy::cast_precision_loss)] // a few hundred rows
    let rate = passed as f64 / total as f64;
    println!(
        "{}: {passed}/{total} = {:.1}%",
        path.display(),
        rate * 100.0
    );
    for failure in &failures {
        println!("  FAIL {failure}");
    }
    assert!(
        rate >= threshold,
        "{}: {passed}/{total} is below {threshold}:\n{}",
        path.display(),
        failures.join("\n")
    );
}

#[test]
fn own_evaluation_set_scores_at_least_95_percent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/queries.tsv");
    assert_score(&path, 0.95, 100);
}

#[test]
fn shared_dev_queries_score_at_least_95_percent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev-queries.tsv");
    if !path.exists() {
        println!("skipped: {} is not beside this checkout", path.display());
        return;
    }
    assert_score(&path, 0.95, 40);
}

#[test]
fn the_scorer_itself_can_fail() {
    assert!(check("who", "labor", "no such office anywhere").is_some());
    assert!(check("who", "labor", "NOMATCH").is_some());
    assert!(check("who", "pancakes", "wage and hour").is_some());
    assert!(check("phone", "(202) 555-0199", "national human trafficking").is_some());
}
