//! Answers at a glance: on an 80x24 terminal the default answer fits the screen, no line
//! is wider than the terminal, the first number comes within the first lines, and the
//! rows read as tests/golden pins them (`bash scripts/update-golden.sh` rewrites those).
//! `--long` still carries everything the answer knows.

use crate::util::{htref, json, on_pty, run};
use std::path::Path;

const WIDTH: usize = 80;
const HEIGHT: usize = 24;
/// The first phone number must be on one of the first lines of the screen.
const FIRST_NUMBER_BY: usize = 8;
const PLAIN_LINES: usize = 30;

fn queries() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/queries.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('|'))
        .map(|(slug, query)| (slug.to_string(), query.to_string()))
        .collect()
}

/// An answer on a terminal this many columns wide (the renderer is given the width; the
/// pager only runs on a real terminal).
fn on_terminal(args: &[&str], columns: usize) -> String {
    let output = htref()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .args(["--format", "table"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The answer less its footer (everything after the last blank line), which names the
/// data's date and grows a note a year after it: what the golden files hold.
fn body(answer: &str) -> String {
    let lines: Vec<&str> = answer.lines().collect();
    let footer = lines
        .iter()
        .rposition(|l| l.is_empty())
        .unwrap_or(lines.len());
    lines[..footer].join("\n")
}

fn golden(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .trim_end()
        .to_string()
}

#[test]
fn the_default_answer_fits_an_80_by_24_terminal() {
    for (_, query) in queries() {
        let answer = on_terminal(&["who-handles", &query], WIDTH);
        let lines: Vec<&str> = answer.lines().collect();
        assert!(
            lines.len() <= HEIGHT,
            "{query}: {} lines\n{answer}",
            lines.len()
        );
        for line in &lines {
            assert!(line.chars().count() <= WIDTH, "{query}: {line:?}");
        }
        let first_number = lines
            .iter()
            .position(|l| {
                l.contains('-')
                    && l.split(|c: char| !c.is_ascii_digit() && c != '-')
                        .any(is_phone)
            })
            .unwrap_or_else(|| panic!("{query}: no number\n{answer}"));
        assert!(
            first_number < FIRST_NUMBER_BY,
            "{query}: line {}\n{answer}",
            first_number + 1
        );
        assert!(
            lines.last().unwrap().contains("--long") || answer.contains("--long"),
            "{answer}"
        );
        let (_, plain, _) = run(&["who-handles", &query, "--plain"]);
        assert!(
            plain.lines().count() <= PLAIN_LINES,
            "{query}: plain\n{plain}"
        );
    }
}

fn is_phone(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    digits >= 10 && word.matches('-').count() >= 2
}

#[test]
fn the_default_answer_reads_as_the_golden_files_say() {
    for (slug, query) in queries() {
        let table = on_terminal(&["who-handles", &query], WIDTH);
        assert_eq!(
            body(&table),
            golden(&format!("{slug}.table.txt")),
            "{query}: table"
        );
        let (_, plain, _) = run(&["who-handles", &query, "--plain"]);
        assert_eq!(
            body(&plain),
            golden(&format!("{slug}.plain.txt")),
            "{query}: plain"
        );
    }
    let hotline = on_terminal(&["hotline"], WIDTH);
    assert_eq!(body(&hotline), golden("hotline.table.txt"));
    let phone = on_terminal(&["phone", "1-866-DHS-2-ICE"], WIDTH);
    assert_eq!(body(&phone), golden("phone-ice.table.txt"));
}

#[test]
fn no_number_or_address_is_split_at_any_width() {
    let (_, hotline) = crate::util::json(&["hotline"]);
    let mut whole: Vec<String> = Vec::new();
    for c in hotline["contacts"].as_array().unwrap() {
        if let Some(dial) = c["dial"].as_str() {
            whole.push(dial.to_string());
        }
        if let Some(url) = c["url"].as_str() {
            // Shown as a person reads it: %-escaped letters as letters.
            let short = url.trim_start_matches("https://").trim_end_matches('/');
            whole.push(
                percent_encoding::percent_decode_str(short)
                    .decode_utf8_lossy()
                    .into_owned(),
            );
        }
    }
    assert!(whole.iter().any(|w| w.contains('/')), "{whole:?}");
    for columns in [10, 14, 16, 17, 20, 40, 80] {
        let answer = on_terminal(&["hotline"], columns);
        for item in &whole {
            assert!(
                answer.contains(item.as_str()),
                "{columns}: {item} split:\n{answer}"
            );
        }
    }
}

#[test]
fn every_line_fits_any_width_and_a_zero_width_terminal_reads_as_80() {
    for columns in [20, 40, 60, 100, 200] {
        for args in [
            &["who-handles", "child victim"][..],
            &["who-handles", "visa status", "--long"],
            &["hotline"],
            &["phone", "1-888-373-7888"],
        ] {
            let answer = on_terminal(args, columns);
            for line in answer.lines() {
                // Only a word on a line of its own may run over: an address or number
                // split to fit could not be typed or dialed.
                let one_word = line.split_whitespace().count() == 1;
                assert!(
                    line.chars().count() <= columns.max(20) || one_word,
                    "{columns}: {args:?}: {line:?}"
                );
            }
        }
    }
    let zero = htref()
        .env("COLUMNS", "0")
        .args(["who-handles", "child victim", "--format", "table"])
        .output()
        .unwrap();
    let zero = String::from_utf8(zero.stdout).unwrap();
    assert_eq!(zero, on_terminal(&["who-handles", "child victim"], WIDTH));
}

#[test]
fn long_carries_every_contact_source_and_disagreement() {
    for (_, query) in queries() {
        let (_, answer) = json(&["who-handles", &query]);
        let (_, long, _) = run(&["who-handles", &query, "--long", "--plain"]);
        for r in answer["referrals"].as_array().unwrap() {
            assert!(
                long.contains(r["name"].as_str().unwrap()),
                "{query}: {}",
                r["name"]
            );
            for c in r["contacts"].as_array().unwrap() {
                let shown = c["dial"]
                    .as_str()
                    .or(c["url"].as_str())
                    .or(c["email"].as_str());
                if let Some(shown) = shown {
                    assert!(long.contains(shown), "{query}: {shown}");
                }
            }
            for s in r["sources"].as_array().unwrap() {
                assert!(
                    long.contains(s["short"].as_str().unwrap()),
                    "{query}: {}",
                    s["short"]
                );
            }
            for c in r["conflicts"].as_array().unwrap() {
                assert!(
                    long.contains(c["topic"].as_str().unwrap()),
                    "{query}: {}",
                    c["topic"]
                );
            }
        }
    }
}

#[test]
fn json_names_the_contact_the_glance_shows_first() {
    let (_, answer) = json(&["who-handles", "labor"]);
    let (_, plain, _) = run(&["who-handles", "labor", "--plain"]);
    for r in answer["referrals"].as_array().unwrap() {
        let Some(dial) = r["primary_contact"]["dial"].as_str() else {
            continue;
        };
        let line = plain
            .lines()
            .find(|l| l.contains(r["name"].as_str().unwrap()))
            .unwrap_or_else(|| panic!("{}: {plain}", r["name"]));
        let reach = line.split_once(": ").map_or("", |(_, rest)| rest);
        assert!(reach.starts_with(dial), "{line} should lead with {dial}");
    }
    // A survivor's primary line is one meant for survivors when the office has one.
    let (_, survivor) = json(&["who-handles", "visa status", "--as", "survivor"]);
    for r in survivor["referrals"].as_array().unwrap() {
        let open = r["contacts"].as_array().unwrap().iter().any(|c| {
            let askers = c["for_askers"].as_array().unwrap();
            askers.is_empty() || askers.iter().any(|a| a == "survivor")
        });
        if open {
            let askers = r["primary_contact"]["for_askers"].as_array().unwrap();
            assert!(
                askers.is_empty() || askers.iter().any(|a| a == "survivor"),
                "{r}"
            );
        }
    }
}

#[test]
fn a_tall_answer_on_a_terminal_goes_through_the_pager() {
    let tall = on_pty("who-handles labor --long", 10, &[]);
    assert!(tall.starts_with("PAGED-BY-TEST-PAGER"), "{tall}");
    assert!(
        tall.contains("1-888-373-7888"),
        "the whole answer reaches the pager"
    );
    // An answer that fits the screen, --no-pager, and an empty HTREF_PAGER print directly.
    let short = on_pty("phone 911", 100, &[]);
    assert!(!short.contains("PAGED-BY-TEST-PAGER"), "{short}");
    let direct = on_pty("who-handles labor --long --no-pager", 10, &[]);
    assert!(!direct.contains("PAGED-BY-TEST-PAGER"), "{direct}");
    let off = on_pty("who-handles labor --long", 10, &[("HTREF_PAGER", "")]);
    assert!(
        !off.contains("PAGED-BY-TEST-PAGER") && off.contains("1-888-373-7888"),
        "{off}"
    );
    // A pager that cannot start: the answer is written directly.
    let broken = on_pty(
        "who-handles labor --long",
        10,
        &[("HTREF_PAGER", "/nonexistent/htref-pager")],
    );
    assert!(broken.contains("1-888-373-7888"), "{broken}");
    // The pager keeps no history of what was searched.
    assert!(tall.starts_with("PAGED-BY-TEST-PAGER history=-"), "{tall}");
    // A pager that exits without reading: one warning line, then the answer.
    let failed = on_pty("who-handles labor --long", 10, &[("HTREF_PAGER", "false")]);
    assert!(failed.contains("1-888-373-7888"), "{failed}");
    assert_eq!(
        failed
            .lines()
            .filter(|l| l.contains("pager `false` failed"))
            .count(),
        1,
        "{failed}"
    );
}

#[test]
fn needs_takes_a_line_or_two_per_need_at_80_columns_and_long_has_the_rest() {
    let (_, needs) = crate::util::json(&["needs"]);
    let needs = needs["needs"].as_array().unwrap();
    let screen = on_terminal(&["needs"], 80);
    // A row per need of at most two lines, the table's borders and header, one footer.
    assert!(screen.lines().count() <= 2 * needs.len() + 8, "{screen}");
    for need in needs {
        assert!(screen.contains(need["id"].as_str().unwrap()), "{need}");
    }
    assert!(!screen.contains("Id: "), "a cell never repeats its label");
    let long = on_terminal(&["needs", "--long"], 80);
    let goes_to = needs[0]["referrals"][0]["organization_id"]
        .as_str()
        .unwrap();
    let (_, card) = crate::util::json(&["show", goes_to]);
    let name = card["organizations"][0]["name"].as_str().unwrap();
    assert!(long.contains(name), "{long}");
}

#[test]
fn list_flat_takes_two_lines_per_organization_at_80_columns() {
    let (_, list) = crate::util::json(&["list"]);
    let orgs = list["organizations"].as_array().unwrap();
    let screen = on_terminal(&["list", "--flat"], 80);
    // Two lines a row, the header (3) and bottom border, a blank line, the footer (<= 5).
    assert!(screen.lines().count() <= 2 * orgs.len() + 10, "{screen}");
    assert!(!screen.contains("Id: "), "a cell never repeats its label");
    for org in orgs {
        let id = org["id"].as_str().unwrap();
        assert!(
            screen
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == id)),
            "{id} whole on a line"
        );
    }
}

/// The questions of one blind set (scenarios-fresh-w18: survivors, families, deaf callers
/// and older adults, 13 in Spanish), as they were typed: calls nobody shaped for a screen.
fn forty_calls() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/scenarios-fresh-w18.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["q"].as_str().unwrap().to_string()
        })
        .collect()
}

/// A word as a shell reads it inside single quotes.
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Each cell of a terminal table as one text: its lines joined, column by column, so
/// that a marker wrapped onto a second line reads whole and one cut ("…") does not.
fn table_cells(screen: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for line in screen.lines() {
        if line.starts_with('│') {
            let parts: Vec<&str> = line
                .trim_matches('│')
                .split(['┆', '│'])
                .map(str::trim)
                .collect();
            row.resize(parts.len().max(row.len()), String::new());
            for (cell, part) in row.iter_mut().zip(parts) {
                if !part.is_empty() {
                    cell.push(' ');
                    cell.push_str(part);
                }
            }
        } else if !row.is_empty() {
            cells.append(&mut row);
        }
    }
    cells.append(&mut row);
    cells
}

/// Phone numbers as the answer writes them: ten digits in dashed groups, or a short code
/// after its kind ("TTY 711", "text 233733").
fn numbers_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_digit() && c != '-') {
        let word = word.trim_matches('-');
        if is_phone(word) {
            found.push(word.to_string());
        }
    }
    found
}

/// The markers that decide whether a line may be called: for whom it is kept, and why to
/// check it first.
const MARKERS: [&str; 4] = ["only for ", "solo para ", "verify", "verifique"];

/// A marker as a row says it, from its start to the end of its clause (a plain answer's
/// rows are its numbered lines; the footer's "verify a number" is no row's).
fn markers_in(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u8>().is_ok())
        })
        .flat_map(|l| l.split([';', '·']))
        .filter_map(|part| {
            let at = MARKERS.iter().filter_map(|m| part.find(m)).min()?;
            Some(part[at..].trim().trim_end_matches(['.', ')']).to_string())
        })
        .collect()
}

/// On an 80x24 terminal (a pseudo-terminal, as a call-taker's tmux pane), forty calls as
/// typed: each answer leaves two rows for the prompt (22 lines at most) or goes through
/// the pager, and no number, TTY or marker is cut.
#[test]
fn forty_calls_on_an_80_by_24_terminal_fit_or_page_and_cut_nothing_that_decides_a_call() {
    let mut calls = forty_calls();
    assert_eq!(calls.len(), 40);
    // Two of htref's own phrasing whose rows carry a marker (a line only a 2020 page
    // gives): the blind set's answers happen to carry none.
    calls.extend(
        [
            "our county wants to start an anti-trafficking task force, any federal grants",
            "who funds local trafficking task forces",
        ]
        .map(String::from),
    );
    let mut failures = Vec::new();
    let (mut numbers, mut markers, mut paged_answers) = (0, 0, 0);
    for call in &calls {
        let screen = on_pty(
            &format!("who-handles {}", shell_quoted(call)),
            HEIGHT.try_into().unwrap(),
            &[("NO_COLOR", "1")],
        )
        .replace('\r', "");
        let paged = screen.starts_with("PAGED-BY-TEST-PAGER");
        paged_answers += usize::from(paged);
        let lines = screen.lines().count();
        if !paged && lines > HEIGHT - 2 {
            failures.push(format!("{call}: {lines} lines, not paged\n{screen}"));
        }
        // What the same answer says in plain text, which cuts nothing.
        let (_, plain, _) = run(&["who-handles", call, "--plain"]);
        let cells = table_cells(&screen).join("\n");
        for number in numbers_in(&plain) {
            numbers += 1;
            if !screen.lines().any(|l| l.contains(&number)) {
                failures.push(format!("{call}: {number} cut\n{screen}"));
            }
        }
        for marker in markers_in(&plain) {
            markers += 1;
            let words: Vec<&str> = marker.split_whitespace().collect();
            let joined: Vec<&str> = cells.split_whitespace().collect();
            if !joined.windows(words.len()).any(|w| w == words.as_slice())
                && !screen.contains(&marker)
            {
                failures.push(format!("{call}: marker \"{marker}\" cut\n{screen}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    eprintln!("{numbers} numbers, {markers} markers, {paged_answers} answers paged");
    assert!(
        numbers >= 80 && markers >= 1,
        "{numbers} numbers, {markers} markers"
    );
}

#[test]
fn the_screen_checks_find_what_is_cut() {
    let cells = table_cells(
        "┌─┐\n│ 1. WHD ┆ 1-866-487-9243; only ┆ Why │\n│        ┆ for attorneys        ┆     │\n└─┘\n",
    );
    assert_eq!(cells[1].trim(), "1-866-487-9243; only for attorneys");
    assert_eq!(
        markers_in(
            "1. USCIS: 1-800-375-5283; TTY 1-800-767-1833; only for attorneys; sources disagree\nData as of today; verify a number"
        ),
        ["only for attorneys"]
    );
    assert_eq!(numbers_in("TTY 1-800-767-1833;…"), ["1-800-767-1833"]);
    assert!(numbers_in("TTY 1-800-767-18…").is_empty());
}
