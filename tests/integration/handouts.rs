//! The client's sheet (`--format html`) and the advocate's case note (`--format markdown`).

use crate::util::{json, run};
use serde_json::Value;
use std::collections::HashSet;

/// The five headline questions the sheet must fit on one page for.
const HEADLINES: [&str; 5] = [
    "labor",
    "child victim",
    "foreign national",
    "visa status",
    "16 year old from Honduras forced to work on a farm",
];

/// The `tel:` links of every line of a police or immigration agency (or of an office under
/// one), read from the exported dataset.
fn enforcement_tel_links() -> HashSet<String> {
    let (code, export, err) = run(&["export", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let export: Value = serde_json::from_str(&export).unwrap();
    let orgs = export["organizations"].as_array().unwrap();
    let by_id = |id: &str| orgs.iter().find(|o| o["id"] == id);
    let enforcement = |org: &Value| {
        let mut at = Some(org);
        while let Some(o) = at {
            if o["law_enforcement"] == true {
                return true;
            }
            at = o["parent"].as_str().and_then(by_id);
        }
        false
    };
    let hotline = tel_links_of(by_id("national-hotline").unwrap());
    orgs.iter()
        .filter(|o| enforcement(o))
        .flat_map(tel_links_of)
        // A line an enforcement office shares with the hotline (none today) stays allowed.
        .filter(|link| !hotline.contains(link))
        .collect()
}

fn tel_links_of(org: &Value) -> HashSet<String> {
    org["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["digits"].as_str())
        .filter(|d| d.len() == 10)
        .map(|d| format!("href=\"tel:+1{d}\""))
        .collect()
}

#[test]
fn a_victims_sheet_has_911_the_hotline_links_and_no_enforcement_tip_line() {
    let enforcement = enforcement_tel_links();
    assert!(!enforcement.is_empty());
    let (_, hotline) = json(&["hotline"]);
    let hotline_digits = hotline["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| c["digits"].as_str().filter(|d| d.len() == 10))
        .unwrap()
        .to_string();
    for question in HEADLINES {
        let (code, sheet, err) = run(&["who-handles", question, "--format", "html"]);
        assert_eq!(code, 0, "{question}: {err}");
        assert!(sheet.contains("911"), "{question}: {sheet}");
        assert!(
            sheet.contains(&format!("href=\"tel:+1{hotline_digits}\"")),
            "{question}: {sheet}"
        );
        assert!(sheet.contains("<a href=\"https://"), "{question}: {sheet}");
        for advocate_only in ["Sources disagree", "Source:", "from: ", "verify before"] {
            assert!(
                !sheet.contains(advocate_only),
                "{question}: {advocate_only}"
            );
        }
        for link in &enforcement {
            assert!(
                !sheet.contains(link.as_str()),
                "{question}: {link} on a victim's sheet"
            );
        }
    }
    // The advocate may ask for them; law enforcement gets them.
    for extra in [&["--include-enforcement"][..], &["--as", "law-enforcement"]] {
        let mut args = vec!["who-handles", "labor", "--format", "html"];
        args.extend_from_slice(extra);
        let (_, sheet, _) = run(&args);
        assert!(
            enforcement.iter().any(|link| sheet.contains(link.as_str())),
            "{extra:?}: {sheet}"
        );
    }
}

#[test]
fn the_sheet_speaks_the_clients_language() {
    let (_, spanish, _) = run(&[
        "who-handles",
        "nos quitaron los pasaportes en la granja",
        "--format",
        "html",
    ]);
    assert!(spanish.contains("<html lang=\"es\">"), "{spanish}");
    assert!(
        spanish.contains("911") && spanish.contains("Llame"),
        "{spanish}"
    );
    let (_, asked, _) = run(&["who-handles", "labor", "--format", "html", "--lang", "es"]);
    assert!(asked.contains("<html lang=\"es\">"), "{asked}");
    let (_, english, _) = run(&["who-handles", "labor", "--format", "html"]);
    assert!(english.contains("<html lang=\"en\">"));
    for english_word in ["Call<", "What it does", "Generated "] {
        assert!(!asked.contains(english_word), "{english_word}: {asked}");
    }
}

#[test]
fn the_case_note_cites_each_referral_in_one_line_and_disputes_only_with_long() {
    let (_, note, _) = run(&["who-handles", "labor", "--format", "markdown"]);
    let referrals = note.lines().filter(|l| l.starts_with("## ")).count();
    let sources = note
        .lines()
        .filter(|l| l.starts_with("- **Source:**") || l.starts_with("- **Sources:**"))
        .count();
    assert!(referrals >= 3 && sources >= referrals - 1, "{note}");
    assert!(!note.contains("Sources disagree"), "{note}");
    assert!(!note.contains("; from: "), "{note}");
    let (_, long, _) = run(&["who-handles", "labor", "--format", "markdown", "--long"]);
    assert!(
        long.contains("Sources disagree") && long.contains("; from: "),
        "{long}"
    );
}

/// Prints the sheets with headless Chromium (Debian's `chromium`, installed by CI) on
/// Letter and on A4 and counts the pages of each PDF.
#[test]
#[ignore = "needs chromium and pdfinfo; CI installs them and runs ignored tests"]
fn the_five_headline_sheets_print_on_one_page_of_letter_and_of_a4() {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    // The headlines, and ten questions written blind (every fourth of one set).
    let blind = std::fs::read_to_string("tests/eval/scenarios-fresh-w14.jsonl").unwrap();
    let blind: Vec<String> = blind
        .lines()
        .step_by(4)
        .take(10)
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["q"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let questions: Vec<&str> = HEADLINES
        .iter()
        .copied()
        .chain(blind.iter().map(String::as_str))
        .collect();
    for (i, question) in questions.iter().enumerate() {
        for lang in ["en", "es"] {
            let (_, sheet, _) = run(&["who-handles", question, "--format", "html", "--lang", lang]);
            for size in ["letter", "A4"] {
                let html = dir.path().join(format!("{i}-{lang}-{size}.html"));
                let pdf = dir.path().join(format!("{i}-{lang}-{size}.pdf"));
                let page = format!("@page{{size:{size}}}</style>");
                std::fs::write(&html, sheet.replacen("</style>", &page, 1)).unwrap();
                let printed = std::process::Command::new("chromium")
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!(
                        "--user-data-dir={}",
                        dir.path().join("profile").display()
                    ))
                    .arg(format!("--print-to-pdf={}", pdf.display()))
                    .arg(format!("file://{}", html.display()))
                    .env("HOME", dir.path())
                    .output()
                    .expect("chromium runs");
                assert!(
                    printed.status.success() && pdf.exists(),
                    "{question} {size}"
                );
                let info = std::process::Command::new("pdfinfo")
                    .arg(&pdf)
                    .output()
                    .unwrap();
                let info = String::from_utf8_lossy(&info.stdout);
                let pages: usize = info
                    .lines()
                    .find_map(|l| l.strip_prefix("Pages:"))
                    .and_then(|n| n.trim().parse().ok())
                    .expect("pdfinfo gives the page count");
                counts.push(format!("{question} ({lang}, {size}): {pages}"));
                assert_eq!(
                    pages, 1,
                    "{question} ({lang}, {size}) prints on {pages} pages"
                );
            }
        }
    }
    eprintln!("{}", counts.join("\n"));
}

#[test]
fn an_office_the_question_names_or_a_report_keeps_its_tip_lines_on_the_sheet() {
    let enforcement = enforcement_tel_links();
    for question in ["report a trafficker", "HSI tip line"] {
        let (code, sheet, _) = run(&["who-handles", question, "--format", "html"]);
        assert_eq!(code, 0, "{question}");
        assert!(
            enforcement.iter().any(|link| sheet.contains(link.as_str())),
            "{question}: {sheet}"
        );
    }
}

/// A line for one kind of case stays off another's sheet: the child-exploitation tip line
/// (NCMEC's, "someone offering a child for sex") is on a child's sexual-exploitation case,
/// never on a child's labor case (`unless_needs` in data/needs.ron).
#[test]
fn a_childs_labor_case_carries_no_child_sex_line() {
    let ncmec_on = |question: &str| {
        let (code, answer) = json(&["who-handles", question, "--all"]);
        assert_eq!(code, 0, "{question}");
        answer["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "ncmec")
    };
    for question in [
        "a 15 year old picking strawberries 12 hours a day for a labor contractor",
        "my nephew is 14 and the restaurant owner has him washing dishes until 2am for no pay",
    ] {
        assert!(!ncmec_on(question), "{question}");
    }
    for question in [
        "someone is selling a 14 year old girl online",
        "a minor victim of trafficking, where can she get help",
    ] {
        assert!(ncmec_on(question), "{question}");
    }
}

/// The sheet says, in the client's language, that the hotline can be called without a name
/// and is not the police or immigration (its own page), and what each office does.
#[test]
fn the_sheet_says_the_hotline_is_confidential_and_what_each_office_does() {
    for (lang, privacy, what) in [
        ("en", "Your privacy", "What it does"),
        ("es", "Su privacidad", "Qué hace"),
    ] {
        for question in HEADLINES {
            let (code, sheet, err) =
                run(&["who-handles", question, "--format", "html", "--lang", lang]);
            assert_eq!(code, 0, "{err}");
            assert_eq!(sheet.matches(privacy).count(), 1, "{sheet}");
            let offices = sheet.matches("<section>").count();
            // The hotline's section has no "what it does": the others each have one.
            assert!(offices >= 2, "{sheet}");
            assert_eq!(
                sheet.matches(what).count(),
                offices - 1,
                "{question}: {sheet}"
            );
        }
    }
}
