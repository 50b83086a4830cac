//! Answers fit for the asker: roles, conflicts, staleness, dial-ready numbers, handouts.

use crate::util::{htref, htref_in, json, referral_ids, run};

fn position(ids: &[String], id: &str) -> usize {
    ids.iter()
        .position(|i| i == id)
        .unwrap_or_else(|| panic!("{id} missing from {ids:?}"))
}

/// A call where someone is in danger now: every answer to it leads with 911.
const DANGER: &str = "workers locked in the factory and can't leave";

#[test]
fn every_role_is_accepted_and_reported_in_json() {
    for role in [
        "public",
        "survivor",
        "advocate",
        "attorney",
        "law-enforcement",
        "benefits",
        "educator",
    ] {
        // Danger now, so that the 911 line must show whoever asks.
        let (code, answer) = json(&["who-handles", DANGER, "--as", role]);
        assert_eq!(code, 0, "{role}");
        assert_eq!(answer["role"], role);
        assert_eq!(
            answer["emergency"]["number"], "911",
            "{role}: 911 never hidden"
        );
        assert!(
            referral_ids(&answer).contains(&"national-hotline".to_string()),
            "{role}: the hotline is never hidden"
        );
        let (_, phone) = json(&["phone", "802-527-4888", "--as", role]);
        assert_eq!(phone["role"], role);
        let (_, show) = json(&["show", "orr", "--as", role]);
        assert_eq!(show["role"], role);
    }
    assert_eq!(run(&["who-handles", "labor", "--as", "king"]).0, 2);
}

#[test]
fn the_role_comes_from_htref_role_too() {
    let output = htref()
        .env("HTREF_ROLE", "attorney")
        .args(["who-handles", "visa status", "--json"])
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["role"], "attorney");
}

#[test]
fn law_enforcement_sees_investigators_first_and_the_public_sees_the_hotline_first() {
    let (_, public) = json(&["who-handles", "labor", "--all"]);
    let (_, police) = json(&["who-handles", "labor", "--all", "--as", "law-enforcement"]);
    let public = referral_ids(&public);
    let police = referral_ids(&police);
    assert_eq!(public[0], "national-hotline");
    // The FBI's Civil Rights program has no line of its own: it is behind the FBI's row.
    assert!(position(&police, "fbi") < position(&police, "national-hotline"));
    assert!(position(&police, "htpu") < position(&police, "national-hotline"));
    // Same referrals, another order.
    let mut a = public.clone();
    let mut b = police.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn a_line_for_other_callers_is_marked_not_hidden() {
    // No bundled line is kept to some askers any more (the VAWA Unit's was, and is
    // superseded): an overlay's clinic line for attorneys and advocates stands in.
    let overlay = crate::util::TempFile::new(
        "clinic.ron",
        r#"#![enable(implicit_some)]
Overlay(
    organizations: [Organization(
        id: "harbor-case-desk", name: "Harbor Immigration Case Desk", kind: Office,
        independent: "A local legal clinic.", summary: "Answers lawyers about filed cases.",
        contacts: [Contact(
            id: "harbor-case-desk-line", kind: Voice, label: "Case desk",
            number: "1-410-555-0140", for_askers: [Attorney, Advocate],
            audience: "Lawyers and advocates checking a filed case",
            others: "A survivor should ask their lawyer or advocate to call.",
        )],
    )],
    referrals: [(need: "case-status", org: "harbor-case-desk", why: "Answers lawyers about filed cases.", rank: 1)],
)"#,
    );
    let data = overlay.to_str().unwrap();
    let (_, survivor) = json(&[
        "who-handles",
        "visa status",
        "--as",
        "survivor",
        "--data",
        data,
    ]);
    let ids = referral_ids(&survivor);
    let at = position(&ids, "harbor-case-desk");
    // A survivor's answer never leads with a line not meant for survivors.
    assert!(at > 0, "{ids:?}");
    let desk = &survivor["referrals"][at]["contacts"][0];
    assert_eq!(desk["digits"], "4105550140");
    let note = desk["asker_note"].as_str().unwrap();
    assert!(note.starts_with("not meant for a survivor"), "{note}");
    assert!(note.contains("lawyer or advocate"), "{note}");
    // A survivor always also sees the hotline.
    assert!(referral_ids(&survivor).contains(&"national-hotline".to_string()));
    let (_, attorney) = json(&[
        "who-handles",
        "visa status",
        "--as",
        "attorney",
        "--data",
        data,
    ]);
    let first = &attorney["referrals"][0];
    assert_eq!(first["id"], "harbor-case-desk", "{attorney}");
    assert_eq!(first["contacts"][0]["asker_note"], "meant for an attorney");
    let (_, text, _) = run(&[
        "phone",
        "410-555-0140",
        "--as",
        "survivor",
        "--long",
        "--data",
        data,
    ]);
    assert!(text.contains("not meant for a survivor"), "{text}");
    let (_, benefits) = json(&["who-handles", "verify certification", "--as", "benefits"]);
    assert_eq!(referral_ids(&benefits)[0], "orr");
}

#[test]
fn referrals_say_who_they_are_for() {
    let (_, text, _) = run(&[
        "who-handles",
        "prosecution guidance",
        "--as",
        "survivor",
        "--long",
    ]);
    assert!(
        text.contains("Meant for: law enforcement, an attorney (not a survivor)"),
        "{text}"
    );
    let (_, answer) = json(&[
        "who-handles",
        "prosecution guidance",
        "--as",
        "law-enforcement",
    ]);
    let why = &answer["referrals"][0]["why"][0];
    assert_eq!(
        why["for_askers"],
        serde_json::json!(["law-enforcement", "attorney"])
    );
    let (_, teacher) = json(&[
        "who-handles",
        "school counselor worried",
        "--as",
        "educator",
    ]);
    // The Department of Education's line leads, then the office that took over Safe and
    // Drug-Free Schools (it publishes no contact point of its own).
    assert_eq!(referral_ids(&teacher)[..2], ["doed", "osdfs"]);
}

#[test]
fn conflicting_claims_show_side_by_side_newest_first() {
    let (_, answer) = json(&["who-handles", "hotline"]);
    let hotline = &answer["referrals"][0];
    let funder = hotline["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "hotline-funder")
        .expect("the funding conflict travels with the hotline");
    let claims = funder["claims"].as_array().unwrap();
    assert!(claims.len() >= 2);
    assert!(
        claims[0]["text"].as_str().unwrap().contains("OTIP"),
        "newest first"
    );
    for format in ["plain", "table", "markdown", "html"] {
        // Wide enough that a table does not wrap the phrase.
        let output = htref()
            .env("COLUMNS", "400")
            .args(["who-handles", "hotline", "--format", format, "--long"])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("Who funds the national hotline"), "{format}");
        assert!(text.contains("ORR"), "{format}");
    }
    // At a glance, the hotline's disagreements (its funder, its old name) are no caller's
    // concern: they never appear.
    let (_, glance, _) = run(&["who-handles", "hotline", "--plain"]);
    assert!(!glance.contains("Who funds"), "{glance}");
    assert!(!glance.contains("sources disagree"), "{glance}");
    let (_, htpu, _) = run(&["who-handles", "prosecution guidance", "--all", "--long"]);
    assert!(
        htpu.contains("established in 2007 by the Bureau of Justice Assistance"),
        "{htpu}"
    );
}

#[test]
fn stale_sources_are_named_and_the_threshold_is_a_flag() {
    // The complaint line appears only in the 2007 fact sheet.
    let (_, text, _) = run(&["phone", "1-888-428-7581", "--long"]);
    assert!(
        text.contains("based on a 2007 source: verify before relying on it"),
        "{text}"
    );
    let (_, answer) = json(&["phone", "1-888-428-7581"]);
    assert!(answer["matches"][0]["contact"]["staleness"].is_string());
    let (_, fresh, _) = run(&["phone", "1-888-428-7581", "--stale-after", "100", "--long"]);
    assert!(!fresh.contains("verify before relying on it"), "{fresh}");
    // Undated sources are not called stale; they are cited as undated.
    let (_, vawa, _) = run(&["phone", "802-527-4888", "--long"]);
    assert!(!vawa.contains("Verify:"), "{vawa}");
    assert!(vawa.contains("undated"), "{vawa}");
    // A superseded line is said to be one wherever it is asked for, and never offered.
    let (_, text, _) = run(&["phone", "1-888-428-7581"]);
    assert!(text.contains("is no longer offered"), "{text}");
    assert!(
        text.contains("1-888-373-7888"),
        "the line to use instead: {text}"
    );
    let (_, answer) = json(&[
        "who-handles",
        "report trafficking to law enforcement",
        "--all",
    ]);
    assert_eq!(answer["dataset"]["as_of"].as_str().unwrap().len(), 10);
    assert!(!answer.to_string().contains("8884287581"), "{answer}");
}

#[test]
fn numbers_are_dial_ready_in_every_form() {
    let (_, answer) = json(&["phone", "1-866-DHS-2-ICE"]);
    let contact = &answer["matches"][0]["contact"];
    assert_eq!(contact["dial"], "1-866-347-2423");
    assert_eq!(contact["e164"], "+18663472423");
    assert_eq!(contact["tel_uri"], "tel:+18663472423");
    assert_eq!(contact["vanity"][0], "1-866-DHS-2-ICE");
    assert_eq!(contact["spoken"], "1, 8 6 6, 3 4 7, 2 4 2 3");
    let (_, text, _) = run(&["phone", "1-866-DHS-2-ICE", "--long"]);
    assert!(
        text.contains("1-866-347-2423 (ICE tip line; also written 1-866-DHS-2-ICE)"),
        "{text}"
    );
    let (_, tty) = json(&["hotline", "--tty"]);
    assert!(
        tty["contacts"][0]["relay"]
            .as_str()
            .unwrap()
            .contains("dial 711")
    );
    let (_, text, _) = run(&["hotline", "--tty", "--plain", "--long"]);
    assert!(text.contains("TTY: 711"), "labels before values: {text}");
}

#[test]
fn spoken_digits_read_numbers_digit_by_digit() {
    let (_, text, _) = run(&["hotline", "--plain", "--spoken-digits"]);
    assert!(text.contains("Phone: 1, 8 8 8, 3 7 3, 7 8 8 8"), "{text}");
    assert!(text.contains("TTY: 7 1 1"), "{text}");
    // Short codes too: a screen reader would say "two hundred thirty-three thousand...".
    assert!(text.contains("Text: 2 3 3 7 3 3"), "{text}");
    // Two written forms of one number read the same: neither is said twice.
    let (_, long, _) = run(&["hotline", "--plain", "--spoken-digits", "--long"]);
    assert!(long.contains("TTY: 7 1 1"), "{long}");
    assert!(
        !long.contains("How the hotline's number is written"),
        "{long}"
    );
    assert!(!long.contains("also written"), "{long}");
    assert!(
        !text.contains("1-888-373-7888"),
        "no number left in print form: {text}"
    );
}

#[test]
fn handouts_in_markdown_and_html_carry_sources_and_date() {
    let (code, md, _) = run(&["who-handles", DANGER, "--format", "markdown"]);
    assert_eq!(code, 0);
    // The title names what was matched, not the caller's words.
    let (_, answer) = json(&["who-handles", DANGER]);
    let need = answer["needs"][0]["label"].as_str().unwrap();
    assert!(md.starts_with(&format!("# Referrals: {need}")), "{md}");
    // Paper never shows command lines.
    for hint in ["--all", "--long", "htref sources", "`htref"] {
        assert!(!md.contains(hint), "{hint} on paper: {md}");
    }
    // Headings go one level at a time.
    let levels: Vec<usize> = md
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.chars().take_while(|&c| c == '#').count())
        .collect();
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
    assert!(
        md.contains("> **If someone is in immediate danger, call 911.**"),
        "{md}"
    );
    assert!(
        md.contains("**Sources:**") || md.contains("**Source:**"),
        "{md}"
    );
    assert!(md.contains("_Generated "), "{md}");
    let (code, html, _) = run(&["hotline", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<title>National Human Trafficking Hotline</title>"));
    assert!(html.contains("1-888-373-7888"));
    assert!(html.contains("Generated "));
    // Self-contained: no scripts, no external assets (a web address is text to read).
    for external in ["<script", "<link", "src=", "url("] {
        assert!(!html.contains(external), "{external} in the handout");
    }
    let (_, sheet, _) = run(&["who-handles", "labor <b>now</b>", "--format", "html"]);
    assert!(!sheet.contains("<b>now"), "query never reaches the markup");
    // The client's sheet names no need: a page in a client's pocket tells no one what
    // the client said.
    let (_, labor) = json(&["who-handles", "labor <b>now</b>"]);
    let need = labor["needs"][0]["label"].as_str().unwrap();
    assert!(sheet.contains("<h1>") && !sheet.contains(need), "{sheet}");
    let levels: Vec<u8> = sheet
        .match_indices("<h")
        .filter_map(|(i, _)| sheet.as_bytes().get(i + 2).copied())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
}

#[test]
fn htref_writes_no_file_anywhere() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    for args in [
        &[
            "who-handles",
            "16 year old forced to work",
            "--as",
            "survivor",
        ][..],
        &["phone", "1-888-373-7888"],
        &["show", "otip", "--format", "html"],
        &["hotline", "--format", "markdown"],
    ] {
        let output = htref_in(home).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
    }
    let left: Vec<_> = std::fs::read_dir(home).unwrap().collect();
    assert!(left.is_empty(), "htref wrote {left:?}");
}

/// The promise is "who handles this, and how do I reach them": for most needs the first
/// office after the hotline must have a number or an official address of its own (or one
/// a source gives it). The rest are offices that publish none (scripts/reachability.py
/// lists them); the floor keeps the count from sliding back.
#[test]
fn most_needs_lead_to_an_office_that_can_be_reached() {
    let (_, needs) = json(&["needs"]);
    let needs = needs["needs"].as_array().unwrap();
    let mut missed = Vec::new();
    for need in needs {
        let example = need["examples"][0].as_str().unwrap();
        let (_, answer) = json(&["who-handles", example, "--all"]);
        let referrals = answer["referrals"].as_array().unwrap();
        let first = referrals
            .iter()
            .find(|r| r["id"] != "national-hotline")
            .or(referrals.first());
        let reachable = first.is_some_and(|r| {
            r["contacts"].as_array().unwrap().iter().any(|c| {
                ["digits", "url", "email"]
                    .iter()
                    .any(|k| c[*k].as_str().is_some_and(|v| !v.is_empty()))
            })
        });
        if !reachable {
            missed.push(format!(
                "{}: {}",
                need["id"],
                first.map_or("-".into(), |r| r["id"].to_string())
            ));
        }
    }
    let reached = needs.len() - missed.len();
    assert!(
        reached * 5 >= needs.len() * 4,
        "{reached} of {} needs reach their first office; missed: {missed:#?}",
        needs.len()
    );
}

#[test]
fn an_answer_that_gives_the_hotline_only_by_text_still_gives_its_phone_number() {
    // The hotline's own voice number, from its own entry, not written here.
    let (_, hotline) = json(&["hotline"]);
    let contacts = hotline["contacts"].as_array().unwrap();
    let voice = contacts.iter().find(|c| c["kind"] == "voice").unwrap();
    let number = voice["dial"].as_str().unwrap();
    for question in [
        "only have satellite texting can i text the hotline",
        "is there a number I can text instead of calling",
    ] {
        let (code, text, _) = run(&["who-handles", question, "--plain"]);
        assert_eq!(code, 0, "{question}");
        assert!(text.contains(number), "{question}: {text}");
    }
}
