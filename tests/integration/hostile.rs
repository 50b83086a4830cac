//! Hostile and broken input: odd arguments, broken overlays, text that tries to drive the
//! terminal. Each ends in a one-line error or a clean no-match, never a panic.

use crate::util::{htref, json, run};

fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("htref-hostile-{}-{name}.ron", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
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
    // 50 MB of one organization's name: valid RON up to the point where it breaks off.
    let mut text = b"Overlay(organizations: [Organization(id: \"big\", name: \"".to_vec();
    text.resize(50 * 1024 * 1024, b'x');
    let path = temp("huge", &text);
    let (code, stdout, stderr) = run(&["list", "--data", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(code, 3, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("htref-hostile-") && stderr.contains(":1:"),
        "{stderr}"
    );
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

fn hostile_overlay() -> std::path::PathBuf {
    let text = format!(
        "Overlay(organizations: [Organization(id: \"evil-clinic\", name: \"{HOSTILE}\", kind: Partner, independent: \"{HOSTILE}\", summary: \"{HOSTILE}\", contacts: [Contact(id: \"evil-line\", kind: Voice, label: \"{HOSTILE}\", number: \"1-410-555-0166\", note: \"{HOSTILE}\")])], referrals: [(need: \"labor-trafficking\", org: \"evil-clinic\", why: \"{HOSTILE}\")])"
    );
    temp("hostile-text", text.as_bytes())
}

#[test]
fn overlay_text_cannot_drive_the_terminal_in_any_text_output() {
    let path = hostile_overlay();
    let path = path.to_str().unwrap();
    for args in [
        &["who-handles", "labor", "--data", path, "--format", "plain"][..],
        &["who-handles", "labor", "--data", path, "--format", "table"],
        &[
            "who-handles",
            "labor",
            "--data",
            path,
            "--format",
            "markdown",
        ],
        &["who-handles", "labor", "--data", path, "--format", "html"],
        &["who-handles", "labor", "--data", path, "--color", "always"],
        &["phone", "1-410-555-0166", "--data", path],
        &["show", "evil-clinic", "--data", path],
        &["list", "--flat", "--data", path],
        &["export", "--format", "csv", "--data", path],
    ] {
        let output = htref().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for bad in ['\u{7}', '\u{202e}', '\u{200b}'] {
            assert!(!text.contains(bad), "{args:?} let {bad:?} through");
        }
        // Only our own color codes may start an escape, never the overlay's OSC or clear.
        assert!(
            !text.contains("\u{1b}]52"),
            "{args:?}: clipboard write passed"
        );
        assert!(!text.contains("\u{1b}[2J"), "{args:?}: screen clear passed");
        assert!(
            text.contains("Harbor"),
            "{args:?}: the rest of the text stays"
        );
    }
}

#[test]
fn json_escapes_overlay_text_instead_of_passing_it_raw() {
    let path = hostile_overlay();
    let output = htref()
        .args([
            "show",
            "evil-clinic",
            "--json",
            "--data",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let raw = String::from_utf8(output.stdout).unwrap();
    assert!(
        !raw.contains('\u{1b}') && !raw.contains('\u{7}'),
        "raw control bytes in JSON"
    );
    assert!(raw.contains("\\u001b"), "escaped as JSON: {raw}");
    // And the value itself survives for scripts that want it.
    let (_, doc) = json(&["show", "evil-clinic", "--data", path.to_str().unwrap()]);
    assert_eq!(doc["organizations"][0]["name"], HOSTILE);
}
