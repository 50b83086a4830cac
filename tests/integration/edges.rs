use crate::util::{SUBCOMMANDS, htref, htref_std, in_clean_env, json, run, without_hotline};
use std::io::Read;
use std::process::Stdio;

fn assert_one_line_error(stderr: &str) {
    let stderr = &without_hotline(stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one error line, got {stderr:?}");
    assert!(lines[0].starts_with("htref: error: "), "{stderr:?}");
    assert!(!stderr.contains("panicked"), "{stderr:?}");
}

#[test]
fn exit_codes_are_distinct() {
    assert_eq!(run(&["who-handles", "labor"]).0, 0);
    assert_eq!(run(&["who-handles", "weather tomorrow"]).0, 1);
    assert_eq!(run(&["who-handles", "--no-such-flag"]).0, 2);
    assert_eq!(run(&["phone", "not a number"]).0, 2);
    assert_eq!(run(&["phone", "(202) 555-0199"]).0, 1);
}

#[test]
fn no_match_says_so_and_suggests_needs() {
    let (code, stdout, _) = run(&["who-handles", "parking ticket"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("No need in htref's data matches"),
        "{stdout}"
    );
    assert!(stdout.contains("htref needs"), "{stdout}");
    // No referral is guessed, but the answer is never a dead end: it ends with the hotline.
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("National Human Trafficking Hotline: 1-888-373-7888"),
        "the hotline ends a no-match: {stdout}"
    );
    assert_eq!(
        stdout.matches("1-888").count(),
        1,
        "one line, no referral: {stdout}"
    );
    assert!(
        !stdout.contains("Closest needs"),
        "nothing shares a word: {stdout}"
    );
    let (code, answer) = json(&["who-handles", "parking ticket"]);
    assert_eq!(code, 1);
    assert_eq!(answer["referrals"], serde_json::json!([]));
    assert!(answer["emergency"].is_null());
}

#[test]
fn empty_and_blank_queries_are_usage_errors() {
    for args in [
        &["who-handles", ""][..],
        &["who-handles", "   \t "],
        &["show", "--"],
        &["show", "  "],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(!stderr.is_empty(), "{args:?}");
    }
    let (_, _, stderr) = run(&["who-handles", " "]);
    assert_one_line_error(&stderr);
}

#[test]
fn malformed_numbers_name_the_problem() {
    for bad in [
        "12",
        "hello",
        "+44 20 7946 0958",
        "1-800-FLOWERS-NOW",
        "88;8-373-7888",
    ] {
        let (code, stdout, stderr) = run(&["phone", bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stdout.is_empty());
        assert_one_line_error(&stderr);
        assert!(stderr.contains("not a phone number"), "{stderr}");
    }
}

#[test]
fn control_characters_in_arguments_are_not_echoed_raw() {
    let hostile = "labor \u{1b}]52;c;aGVsbG8=\u{7} \u{1b}[2J";
    let (code, stdout, stderr) = run(&["who-handles", hostile]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    let (code, stdout, _) = run(&["who-handles", "\u{1b}[2Jzzzz qqqq"]);
    assert_eq!(code, 1);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    let (_, _, stderr) = run(&["phone", "\u{1b}[31m555"]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[cfg(unix)]
#[test]
fn invalid_utf8_arguments_are_a_usage_error() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let output = htref()
        .arg("who-handles")
        .arg(OsStr::from_bytes(b"labor \xff\xfe"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("UTF-8"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn huge_arguments_end_cleanly() {
    // About the system's limit for one argument (128 KiB).
    let words = ["zebra", "quartz", "labor", "lantern", "velvet", "harbor"];
    let mut query = String::new();
    let mut i = 0;
    while query.len() < 120 * 1024 {
        query.push_str(words[i % words.len()]);
        query.push(' ');
        i += 1;
    }
    let (code, answer) = json(&["who-handles", &query]);
    assert_eq!(code, 0);
    assert!(!answer["referrals"].as_array().unwrap().is_empty());
    let (code, stdout, stderr) = run(&["show", &query]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.len() < 4096, "a long name is not echoed in full");
    let (code, _, stderr) = run(&["phone", &query]);
    assert_eq!(code, 2);
    assert_one_line_error(&stderr);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["list"][..],
        &["who-handles", "labor", "--all"],
        &["sources", "--json"],
    ] {
        let mut child = htref_std()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before htref has written (or finished writing).
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(status.code(), Some(0), "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("Linux has /dev/full");
    let output = htref_std().arg("list").stdout(full).output().unwrap();
    assert_eq!(output.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_one_line_error(&stderr);
}

#[test]
fn a_closed_standard_output_is_an_error_and_a_closed_pipe_is_not() {
    // `>&-` closes descriptor 1 before htref starts: the answer can go nowhere.
    let output = in_clean_env("sh")
        .args([
            "-c",
            "exec \"$0\" who-handles labor >&-",
            env!("CARGO_BIN_EXE_htref"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert_one_line_error(&String::from_utf8_lossy(&output.stderr));
    // /dev/null, however it was opened, is an open output.
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    let output = htref_std()
        .args(["who-handles", "labor"])
        .stdout(null)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    // A reader that stops early (`| head -1`) is no error.
    let output = in_clean_env("sh")
        .args([
            "-c",
            "\"$0\" list | head -1 >/dev/null; exit ${PIPESTATUS:-0}",
            env!("CARGO_BIN_EXE_htref"),
        ])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let colored = |args: &[&str], no_color: bool| {
        let mut cmd = htref();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap().contains('\u{1b}')
    };
    // Piped output never carries escapes unless asked for.
    assert!(!colored(
        &["who-handles", "she is locked in and can't leave"],
        false
    ));
    assert!(!colored(
        &[
            "who-handles",
            "she is locked in and can't leave",
            "--format",
            "table"
        ],
        false
    ));
    assert!(colored(
        &[
            "who-handles",
            "she is locked in and can't leave",
            "--color",
            "always"
        ],
        false
    ));
    assert!(colored(
        &[
            "who-handles",
            "she is locked in and can't leave",
            "--color",
            "always",
            "--format",
            "table"
        ],
        true
    ));
    assert!(!colored(
        &[
            "who-handles",
            "she is locked in and can't leave",
            "--color",
            "never",
            "--format",
            "table"
        ],
        false
    ));
    assert!(!colored(
        &[
            "who-handles",
            "she is locked in and can't leave",
            "--color",
            "always",
            "--json"
        ],
        false
    ));
    // An answer with no 911 line colors too when asked: the offices' names.
    assert!(colored(
        &["who-handles", "labor", "--color", "always"],
        false
    ));
    assert!(!colored(&["who-handles", "labor"], false));
}

#[test]
fn help_and_version_succeed() {
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("who-handles"));
    assert!(stdout.contains("911"));
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("htref "));
    let (_, data) = json(&["sources"]);
    let as_of = data["as_of"].as_str().unwrap();
    assert!(stdout.contains(&format!("data as of {as_of}")), "{stdout}");
    for command in SUBCOMMANDS {
        let (code, stdout, _) = run(&[command, "--help"]);
        assert_eq!(code, 0, "{command}");
        assert!(
            stdout.contains("Examples:"),
            "{command} --help shows examples"
        );
    }
}

#[test]
fn bare_htref_prints_a_short_usage_with_911_and_the_hotline() {
    let out = htref().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.lines().count() < 15, "{text}");
    for must in ["who-handles", "--help", "911", "1-888-373-7888"] {
        assert!(text.contains(must), "{must}: {text}");
    }
    // Under a Spanish locale, in Spanish, the hotline by its Spanish name.
    let out = htref().env("LANG", "es_MX.UTF-8").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(text.lines().count() < 15, "{text}");
    for must in [
        "who-handles",
        "llame al 911",
        "1-888-373-7888",
        "sigue atendiendo",
    ] {
        assert!(text.contains(must), "{must}: {text}");
    }
}

/// Descriptors 0 and 2 closed before htref starts (`<&- 2>&-`): no file htref opens may take
/// their place, or its messages would be written into the user's database. The import
/// succeeds, the database reads back whole, and an answer still has the hotline.
#[cfg(unix)]
#[test]
fn closed_standard_descriptors_never_become_a_users_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let package = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hsds-1-package");
    let status = in_clean_env("sh")
        .args([
            "-c",
            "exec \"$0\" data import \"$1\" --name closed --db \"$2\" --verbose <&- 2>&-",
            env!("CARGO_BIN_EXE_htref"),
            package,
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0), "{status:?}");
    let feeds = htref_std()
        .args(["data", "feeds", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(feeds.status.code(), Some(0), "{feeds:?}");
    assert!(String::from_utf8_lossy(&feeds.stdout).contains("closed"));
    let answer = in_clean_env("sh")
        .args([
            "-c",
            "exec \"$0\" who-handles shelter --where 98101 --db \"$1\" <&- 2>&-",
            env!("CARGO_BIN_EXE_htref"),
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&answer.stdout);
    assert_eq!(answer.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("1-888-373-7888") && stdout.contains("local: "),
        "{stdout}"
    );
}
