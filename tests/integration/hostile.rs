//! Hostile and broken input: odd arguments, broken overlays, text that tries to drive the
//! terminal. Each ends in a one-line error or a clean no-match, never a panic.

use crate::util::{TempFile, htref, htref_std, json, run, without_hotline};

const BROKEN_OVERLAY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/broken-overlay.ron"
);

fn temp(name: &str, bytes: &[u8]) -> TempFile {
    TempFile::new(&format!("htref-hostile-{name}.ron"), bytes)
}

#[test]
fn a_lone_dash_and_odd_arguments_end_cleanly() {
    for args in [
        &["who-handles", "-"][..],
        &["who-handles", "--", "-x"],
        // A NUL byte cannot reach argv at all; the closest is a lone control character.
        &["who-handles", "\u{1}"],
        &["who-handles", "\u{202e}labor"],
        &["show", "-"],
        &["phone", "-"],
        &["list", "--kind", "\u{1b}[31m"],
    ] {
        let (code, _, stderr) = run(args);
        assert!(matches!(code, 0..=2), "{args:?}: exit {code}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.lines().count() <= 5, "{args:?}: {stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "{args:?}: escapes echoed: {stderr:?}"
        );
    }
}

#[test]
fn duplicate_ids_in_an_overlay_point_at_the_second_one() {
    let path = temp(
        "dup",
        b"Overlay(organizations: [\n  Organization(id: \"a-clinic\", name: \"A\", kind: Partner, summary: \"x\"),\n  Organization(id: \"a-clinic\", name: \"B\", kind: Partner, summary: \"y\"),\n])",
    );
    let (code, stdout, stderr) = run(&["list", "--data", path.to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(":3:20: a-clinic: this id is used twice"),
        "{stderr}"
    );
}

#[test]
fn a_huge_overlay_is_refused_with_a_clear_error() {
    // 50 MB of one organization's name: refused from its size, before it is read; and
    // 10 MB, under the cap, read to the place where it breaks off.
    for (megabytes, said) in [(50, "more than the 16 MB"), (10, ":1:")] {
        let mut text = b"Overlay(organizations: [Organization(id: \"big\", name: \"".to_vec();
        text.resize(megabytes * 1024 * 1024, b'x');
        let path = temp("huge", &text);
        let (code, stdout, stderr) = run(&["list", "--data", path.to_str().unwrap()]);
        assert_eq!(code, 3, "{stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("htref-hostile-") && stderr.contains(said),
            "{stderr}"
        );
        assert!(without_hotline(&stderr).contains(said), "{stderr}");
    }
}

#[test]
fn deeply_nested_input_is_an_error_not_a_stack_overflow() {
    let mut text = b"Overlay(organizations: ".to_vec();
    text.extend(std::iter::repeat_n(b'[', 100_000));
    let path = temp("deep", &text);
    let (code, stdout, stderr) = run(&["list", "--data", path.to_str().unwrap()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!stderr.contains("overflow"), "{stderr}");
}

const HOSTILE: &str = "Harbor \u{1b}]52;c;aGVsbG8=\u{7}Clinic\u{1b}[2J \u{202e}kcatta\u{200b}";

fn hostile_overlay() -> TempFile {
    let text = format!(
        "Overlay(organizations: [Organization(id: \"evil-clinic\", name: \"{HOSTILE}\", kind: Partner, independent: \"{HOSTILE}\", summary: \"{HOSTILE}\", contacts: [Contact(id: \"evil-line\", kind: Voice, label: \"{HOSTILE}\", number: \"1-410-555-0166\", note: \"{HOSTILE}\")])], referrals: [(need: \"labor-trafficking\", org: \"evil-clinic\", why: \"{HOSTILE}\")])"
    );
    temp("hostile-text", text.as_bytes())
}

#[test]
fn overlay_text_that_could_drive_the_terminal_is_refused_and_never_printed() {
    let path = hostile_overlay();
    let path = path.to_str().unwrap();
    for args in [
        &["who-handles", "labor", "--data", path, "--format", "plain"][..],
        &["who-handles", "labor", "--data", path, "--format", "table"],
        &["who-handles", "labor", "--data", path, "--format", "html"],
        &["who-handles", "labor", "--data", path, "--json"],
        &["phone", "1-410-555-0166", "--data", path],
        &["show", "evil-clinic", "--data", path],
        &["export", "--format", "csv", "--data", path],
        &["data", "check", path],
    ] {
        let output = htref().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(3), "{args:?}");
        let said = [output.stdout, output.stderr].concat();
        let said = String::from_utf8(said).unwrap();
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
            assert!(!said.contains(bad), "{args:?} let {bad:?} through: {said}");
        }
        assert!(
            said.contains("evil-clinic"),
            "{args:?}: names the record: {said}"
        );
        assert!(said.contains("control character"), "{args:?}: {said}");
    }
}

/// Writes an overlay into a fresh temporary file and returns its path.
fn overlay_file(name: &str, text: &str) -> TempFile {
    temp(name, text.as_bytes())
}

#[test]
fn overlay_text_cannot_forge_or_reorder_lines() {
    for (name, text) in [
        (
            "newline",
            "X\\n  Part of: Department of Justice (DOJ)\\n  Phone: 1-410-555-0100",
        ),
        ("csi", "X\\u{9b}31m"),
        ("rlo", "Clinic \\u{202e}0010-555-014"),
    ] {
        let path = overlay_file(
            name,
            &format!(
                "#![enable(implicit_some)]\nOverlay(organizations: [Organization(id: \"forged\", name: \"{text}\", kind: Office, track: Help, summary: \"A clinic.\", roles: [], contacts: [], no_contact: \"Walk in.\", sources: [])])"
            ),
        );
        let path = path.to_str().unwrap();
        let (code, out, err) = run(&["data", "check", path]);
        assert_eq!(code, 3, "{name}: {out}{err}");
        assert!(
            out.contains("line break or control character"),
            "{name}: {out}"
        );
        let (code, _, err) = run(&["list", "--data", path]);
        assert_eq!(code, 3, "{name}: refused before any answer: {err}");
    }
    // JSON escapes C1 and bidi controls that reach it from the query.
    let (_, stdout, _) = run(&["who-handles", "labor \u{202e}\u{9b}", "--json"]);
    assert!(
        !stdout.contains('\u{202e}') && !stdout.contains('\u{9b}'),
        "{stdout}"
    );
    assert!(
        stdout.contains("\\u202e") && stdout.contains("\\u009b"),
        "{stdout}"
    );
    // A sheet's text cannot start Markdown structure.
    let (_, md, _) = run(&["who-handles", "--- - x", "--format", "markdown"]);
    assert!(
        !md.lines().any(|l| l.starts_with("---") && l.len() > 3),
        "{md}"
    );
}

#[test]
fn replacing_the_hotline_locally_is_said_everywhere() {
    let path = overlay_file(
        "hotline",
        "#![enable(implicit_some)]\nOverlay(organizations: [Organization(id: \"national-hotline\", overrides: true, name: \"National Human Trafficking Hotline\", kind: Hotline, track: Help, summary: \"x\", roles: [], contacts: [Contact(id: \"fake-voice\", kind: Voice, label: \"Hotline\", number: \"1-410-555-0100\", sources: [])], sources: [])])",
    );
    let path = path.to_str().unwrap();
    for long in [false, true] {
        let mut args = vec!["hotline", "--data", path, "--plain"];
        if long {
            args.push("--long");
        }
        let (code, text, _) = run(&args);
        assert_eq!(code, 0);
        assert!(
            text.contains("replaces the bundled hotline entry"),
            "{text}"
        );
        assert!(
            text.contains("1-888-373-7888"),
            "names the bundled number: {text}"
        );
    }
    let (code, text, _) = run(&["phone", "1-888-373-7888", "--data", path]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("bundled data") && text.contains("replaces"),
        "{text}"
    );
}

#[test]
fn overrides_are_checked_precisely() {
    let path = overlay_file(
        "overrides",
        "#![enable(implicit_some)]\nOverlay(contact_overrides: [\n (contact: \"doj-complaint-line\", number: \"call-me-now\", note: \"x\", date: \"2026-13-99\"),\n (contact: \"hotline-voice\", number: \"711\", note: \"x\", date: \"2026-10-01\"),\n (contact: \"doj-complaint-line\", number: \"1-410-555-0199\", note: \"y\", date: \"2026-02-30\"),\n])",
    );
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 3);
    for expected in [
        "`call-me-now` is not a phone number",
        "cannot replace a voice line",
        "overridden twice",
        "date must be a real day",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    assert_eq!(out.matches("date must be a real day").count(), 2, "{out}");
    // The duplicate is placed at its own line, the fourth of the file.
    let twice = out
        .lines()
        .find(|l| l.contains("overridden twice"))
        .unwrap();
    assert!(twice.contains(":5:"), "{twice}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_an_error_never_a_panic() {
    assert!(
        std::path::Path::new("/dev/full").exists(),
        "Linux has /dev/full"
    );
    for args in [
        &["completions", "bash"][..],
        &["--help"],
        &["--version"],
        &["who-handles", "labor"],
        &["man"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = htref_std().args(args).stdout(full).output().unwrap();
        assert_eq!(output.status.code(), Some(4), "{args:?}");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(without_hotline(&err).lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn data_check_speaks_json_and_a_sheet_title_is_plain_text() {
    let (code, doc) = json(&["data", "check", BROKEN_OVERLAY]);
    assert_eq!(code, 3);
    assert_eq!(doc["ok"], false);
    assert!(doc["problems"][0]["line"].is_number(), "{doc}");
    let (_, html, _) = run(&["phone", "1-888-373-7888", "--format", "html"]);
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(!title.contains('<'), "{title}");
}

#[test]
fn a_huge_question_costs_no_more_than_its_first_pages() {
    // About 1 MB in eight arguments (one may be at most 128 KB on Linux).
    let chunk = "wage ".repeat(25_000);
    let words: Vec<&str> = std::iter::repeat_n(chunk.as_str(), 8).collect();
    let mut args = vec!["who-handles"];
    args.extend(&words);
    let (code, doc) = json(&args);
    assert_eq!(code, 0);
    assert_eq!(doc["query_truncated"], true);
    // Each reason once: a word repeated through the note is one matched term.
    for need in doc["needs"].as_array().unwrap() {
        let terms = need["matched_terms"].as_array().unwrap();
        let mut distinct: Vec<String> = terms.iter().map(ToString::to_string).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), terms.len(), "{terms:?}");
    }
    args.push("--plain");
    let (_, text, _) = run(&args);
    assert!(
        text.contains("htref read the first 10000 characters"),
        "{}",
        &text[..text.len().min(400)]
    );
    // `show` with a pasted page compares it with no name (the bound is in show.rs's
    // unit test): it answers no-match, not after seconds.
    let mut show = vec!["show"];
    show.extend(&words);
    let (code, _, _) = run(&show);
    assert_eq!(code, 1);
}

/// A feed whose organization's name carries a line break and a fake hotline, and whose
/// description names another number and a web address.
const FORGED_HOTLINE_FEED: &str = r#"{"total_items": 1, "contents": [{
  "id": "f0000000-0000-4000-8000-000000000001",
  "name": "Harbor Clinic\nNational Trafficking Help Line: 1-800-555-0000 24/7",
  "description": "A clinic.",
  "services": [{
    "id": "f0000000-0000-4000-8000-000000000011",
    "name": "Labor trafficking help\n## Call 1-800-555-0001",
    "description": "Help for victims of labor trafficking and forced labor. Call the National Human Trafficking Hotline at 1-800-555-0002 or sign in at https://evil.example/login now.",
    "status": "active",
    "service_areas": [{"id": "sa1", "name": "Maryland"}],
    "phones": [{"id": "p1", "number": "410-555-0199", "type": "voice"}]
  }]
}]}"#;

#[test]
fn a_feeds_names_and_descriptions_are_plain_text_on_the_clients_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("forged.json");
    std::fs::write(&feed, FORGED_HOTLINE_FEED).unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (code, out, err) = run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{out}{err}");
    let ask_with = |format: &str, more: &[&str]| {
        let mut args = vec![
            "who-handles",
            "labor",
            "--where",
            "MD",
            "--db",
            db,
            "--format",
            format,
        ];
        args.extend_from_slice(more);
        let (code, text, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        assert!(
            text.contains("Harbor Clinic"),
            "the local service is offered: {text}"
        );
        text
    };
    let ask = |format: &str| ask_with(format, &[]);
    let sheet = ask("html");
    // Its own line is a link; the numbers and address in its name and description are not.
    assert!(sheet.contains("href=\"tel:+14105550199\""), "{sheet}");
    for forged in [
        "tel:+18005550000",
        "tel:+18005550001",
        "tel:+18005550002",
        "evil.example/login\"",
    ] {
        assert!(!sheet.contains(forged), "{forged} is a link: {sheet}");
    }
    assert!(!sheet.contains("<a href=\"https://evil"), "{sheet}");
    // The name is one heading on one line, which starts with the name and holds no link.
    let heading = sheet.lines().find(|l| l.contains("Harbor Clinic")).unwrap();
    assert!(
        heading.starts_with("<h2>Harbor Clinic") && heading.ends_with("</h2>"),
        "{heading}"
    );
    assert!(!heading.contains("<a"), "{heading}");
    assert!(
        !sheet
            .lines()
            .any(|l| l.contains("Help Line: 1-800") && !l.contains("Harbor Clinic")),
        "{sheet}"
    );
    // The case note: no line of the name's starts a heading or a line of its own.
    let note = ask("markdown");
    for line in note.lines() {
        assert!(
            !line
                .trim_start_matches(['#', ' '])
                .starts_with("National Trafficking Help Line: 1-800")
                && !line
                    .trim_start_matches(['#', ' '])
                    .starts_with("Call 1-800"),
            "{line}: {note}"
        );
    }
    // The full record in HTML links its line, never its description.
    let long = ask_with("html", &["--long"]);
    assert!(long.contains("href=\"tel:+14105550199\""), "{long}");
    for forged in [
        "tel:+18005550000",
        "tel:+18005550002",
        "href=\"https://evil",
    ] {
        assert!(!long.contains(forged), "{forged} is a link: {long}");
    }
}
