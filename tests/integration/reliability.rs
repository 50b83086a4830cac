//! Nothing local hides the hotline: a broken default overlay or database, a variable set
//! once in a shell profile, a pager that reads nothing. Each answers in full with one
//! warning line; what was named on the command line may fail, and its error still ends
//! with the hotline.

use crate::util::{TempFile, htref_in, on_pty, without_hotline};
use proptest::prelude::*;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

const HOTLINE: &str = "1-888-373-7888";

/// A fresh home whose default overlay and database are where htref looks for them.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("a temporary home"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn default_overlay(&self) -> PathBuf {
        self.place(&["config", "htref", "overlay.ron"])
    }

    fn default_db(&self) -> PathBuf {
        self.place(&["data", "htref", "local.db"])
    }

    fn place(&self, parts: &[&str]) -> PathBuf {
        let path = parts
            .iter()
            .fold(self.path().to_path_buf(), |p, s| p.join(s));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        path
    }

    /// `who-handles labor` with these extra arguments and variables.
    fn answer(&self, args: &[&str], env: &[(&str, &OsStr)]) -> Output {
        let mut cmd = htref_in(self.path());
        cmd.args(["who-handles", "labor"]).args(args);
        for (name, value) in env {
            cmd.env(name, value);
        }
        cmd.output().expect("htref runs")
    }

    /// A real database of htref's, made by importing the test feed.
    fn real_db(&self, path: &Path) {
        let out = htref_in(self.path())
            .args(["data", "import", "tests/fixtures/county-hsds.json", "--db"])
            .arg(path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        // The test feed holds one number outside the U.S., reported (exit 3), kept.
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("Imported "),
            "{out:?}"
        );
    }
}

/// The whole answer, in each format a person or a program reads: exit 0, the hotline and
/// the labor answer's own office, and nothing on stderr but warning lines.
#[track_caller]
fn assert_whole_answer(home: &Home, env: &[(&str, &OsStr)], case: &str) -> String {
    let mut warnings = String::new();
    for format in [&["--plain"][..], &["--json"], &["--format", "html"]] {
        let out = home.answer(format, env);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(0), "{case} {format:?}: {stderr}");
        assert!(stdout.contains(HOTLINE), "{case} {format:?}: {stdout}");
        assert!(
            stdout.contains("Wage and Hour"),
            "{case} {format:?}: the whole answer, not only the hotline: {stdout}"
        );
        if format == ["--json"] {
            serde_json::from_str::<serde_json::Value>(&stdout)
                .unwrap_or_else(|e| panic!("{case}: --json is JSON ({e}): {stdout}"));
        }
        assert!(
            stderr.lines().all(|l| l.starts_with("htref: warning: ")),
            "{case} {format:?}: {stderr}"
        );
        warnings = stderr.into_owned();
    }
    warnings
}

/// An error for a file named on the command line: exit 3, and the hotline last.
#[track_caller]
fn assert_error_ending_with_the_hotline(out: &Output, case: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{case}: {stderr}");
    let own = without_hotline(&stderr);
    assert!(
        own.lines().any(|l| l.starts_with("htref: error: ")),
        "{case}: {stderr}"
    );
}

/// Broken overlay files as a user's machine makes them.
fn broken_overlays() -> Vec<(&'static str, Vec<u8>)> {
    let template = {
        let out = htref_in(Path::new(env!("CARGO_TARGET_TMPDIR")))
            .args(["data", "template"])
            .output()
            .unwrap();
        out.stdout
    };
    vec![
        ("empty", Vec::new()),
        ("blank", b"\n  \n".to_vec()),
        ("cut short", template[..template.len() / 2].to_vec()),
        ("not text", vec![0xff, 0xfe, 0x00, 0x9c, 0x80]),
        ("zeros", vec![0; 4096]),
        (
            "well-formed, refused by the checker",
            b"(referrals: [(need: \"no-such-need\", org: \"nobody\", why: \"x\")])".to_vec(),
        ),
    ]
}

#[test]
fn a_broken_default_overlay_costs_only_itself() {
    for (case, bytes) in broken_overlays() {
        let home = Home::new();
        std::fs::write(home.default_overlay(), &bytes).unwrap();
        let warnings = assert_whole_answer(&home, &[], case);
        assert_eq!(warnings.lines().count(), 1, "{case}: {warnings}");
        assert!(warnings.contains("overlay.ron"), "{case}: {warnings}");
        // The same file named with --data was asked for: an error, the hotline last.
        let named = home.answer(&["--data", home.default_overlay().to_str().unwrap()], &[]);
        assert_error_ending_with_the_hotline(&named, case);
    }
}

#[test]
fn a_huge_default_overlay_is_refused_from_its_size_without_being_read() {
    let home = Home::new();
    // 900 MB of zeros, sparse: it takes no disk, and reading it would take seconds.
    let file = std::fs::File::create(home.default_overlay()).unwrap();
    file.set_len(900 << 20).unwrap();
    let warnings = assert_whole_answer(&home, &[], "900 MB of zeros");
    assert!(warnings.contains("900 MB"), "{warnings}");
}

#[test]
fn a_broken_overlay_in_htref_data_is_a_warning() {
    let home = Home::new();
    let broken = TempFile::new("profile.ron", "(organizations: [");
    let warnings = assert_whole_answer(&home, &[("HTREF_DATA", broken.as_os_str())], "HTREF_DATA");
    assert!(warnings.contains("profile.ron"), "{warnings}");
}

/// Broken databases: half-written (an import killed, a disk full), random bytes, empty.
fn broken_databases(home: &Home) -> Vec<(&'static str, Vec<u8>)> {
    let real = home.path().join("real.db");
    home.real_db(&real);
    let whole = std::fs::read(&real).unwrap();
    std::fs::remove_file(&real).unwrap();
    vec![
        ("half-written", whole[..whole.len() / 2].to_vec()),
        ("only its header", whole[..100].to_vec()),
        (
            "random bytes",
            (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("empty", Vec::new()),
    ]
}

#[test]
fn a_broken_database_from_htref_db_or_the_default_place_costs_only_itself() {
    let home = Home::new();
    for (case, bytes) in broken_databases(&home) {
        let named = home.path().join("named.db");
        std::fs::write(&named, &bytes).unwrap();
        let env = [("HTREF_DB", named.as_os_str())];
        let warnings = assert_whole_answer(&home, &env, case);
        assert_eq!(warnings.lines().count(), 1, "{case}: {warnings}");
        assert!(warnings.contains("named.db"), "{case}: {warnings}");
        // The same database as the default one.
        std::fs::write(home.default_db(), &bytes).unwrap();
        assert_whole_answer(&home, &[], case);
        std::fs::remove_file(home.default_db()).unwrap();
        // Named with --db for this answer: an error that ends with the hotline.
        let flagged = home.answer(&["--db", named.to_str().unwrap()], &[]);
        assert_error_ending_with_the_hotline(&flagged, case);
        // A command that needs the database says it fails, the hotline last.
        let feeds = htref_in(home.path())
            .args(["data", "feeds"])
            .env("HTREF_DB", &named)
            .output()
            .unwrap();
        assert_ne!(feeds.status.code(), Some(0), "{case}: data feeds");
        without_hotline(&String::from_utf8_lossy(&feeds.stderr));
    }
}

#[test]
fn a_good_database_from_htref_db_still_answers_with_its_services() {
    let home = Home::new();
    let db = home.path().join("good.db");
    home.real_db(&db);
    let out = home.answer(
        &["--json"],
        &[
            ("HTREF_DB", db.as_os_str()),
            ("HTREF_WHERE", OsStr::new("Harbor County, MD")),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn bad_values_in_the_environment_are_ignored_with_a_warning_and_bad_flags_are_errors() {
    let home = Home::new();
    for (name, value, flag) in [
        ("HTREF_WHERE", "ZZ", "--where"),
        ("HTREF_WHERE", "Atlantis", "--where"),
        ("HTREF_ROLE", "bogus", "--as"),
        ("HTREF_ROLE", "lawyer, attorney", "--as"),
    ] {
        let case = format!("{name}={value}");
        let warnings = assert_whole_answer(&home, &[(name, OsStr::new(value))], &case);
        assert_eq!(warnings.lines().count(), 1, "{case}: {warnings}");
        assert!(
            warnings.contains(name) && warnings.contains("ignored"),
            "{warnings}"
        );
        // Typed as a flag for this answer, the same value is a usage error, hotline last.
        let typed = home.answer(&[flag, value], &[]);
        assert_eq!(typed.status.code(), Some(2), "{case}");
        without_hotline(&String::from_utf8_lossy(&typed.stderr));
    }
    // Good values still apply; an empty value is no value.
    let (_, role) = read_role(&home, "attorney");
    assert_eq!(role, "attorney");
    let (warnings, role) = read_role(&home, "");
    assert_eq!(role, "public");
    assert!(warnings.is_empty(), "{warnings}");
}

/// The role an answer was given under `HTREF_ROLE=value`, and stderr.
fn read_role(home: &Home, value: &str) -> (String, String) {
    let out = home.answer(&["--json"], &[("HTREF_ROLE", OsStr::new(value))]);
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        answer["role"].as_str().unwrap().to_string(),
    )
}

#[cfg(unix)]
#[test]
fn a_variable_that_is_not_utf8_is_ignored_with_a_warning() {
    use std::os::unix::ffi::OsStrExt;
    let home = Home::new();
    for name in ["HTREF_WHERE", "HTREF_ROLE"] {
        let warnings = assert_whole_answer(&home, &[(name, OsStr::from_bytes(b"M\xffD"))], name);
        assert!(warnings.contains(name), "{warnings}");
    }
}

#[test]
fn a_pager_that_ends_without_reading_leaves_the_answer_on_the_screen() {
    for pager in ["true", "sh -c exit"] {
        let screen = on_pty("who-handles labor --long", 10, &[("HTREF_PAGER", pager)]);
        assert!(screen.contains(HOTLINE), "{pager}: {screen}");
        assert!(screen.contains("Wage and Hour"), "{pager}: {screen}");
        assert!(screen.contains("without reading"), "{pager}: {screen}");
    }
}

/// How many random cases each property below tries: a few hundred in `cargo test` (CI's
/// share of time), more by hand: `HTREF_RELIABILITY_CASES=1000 cargo test reliability`.
fn cases() -> u32 {
    std::env::var("HTREF_RELIABILITY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

/// `who-handles labor` in plain text, with the hotline's number and exit 0.
#[track_caller]
fn answers_whole(home: &Home, env: &[(&str, &OsStr)]) -> Result<(), TestCaseError> {
    let out = home.answer(&["--plain"], env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert_eq!(out.status.code(), Some(0), "{}", stderr);
    prop_assert!(stdout.contains(HOTLINE), "{}", stdout);
    prop_assert!(stdout.contains("Wage and Hour"), "{}", stdout);
    prop_assert!(!stderr.contains("panicked"), "{}", stderr);
    Ok(())
}

#[cfg(unix)]
fn os(bytes: &[u8]) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(bytes).to_os_string()
}

/// Bytes a variable may hold: anything but NUL, often text.
fn variable_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(1u8..=255, 0..64),
        "\\PC{0,40}".prop_map(String::into_bytes),
    ]
}

/// Bytes a file may hold: anything, often the start of something well-formed.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2048),
        "\\(organizations: \\[\\(id: \"[a-z-]{0,10}\"\\PC{0,60}".prop_map(String::into_bytes),
        Just(b"SQLite format 3\0".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..512).prop_map(|mut tail| {
            let mut head = b"SQLite format 3\0".to_vec();
            head.append(&mut tail);
            head
        }),
    ]
}

#[cfg(unix)]
proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_in_the_default_overlay_leave_the_whole_answer(bytes in file_bytes()) {
        let home = Home::new();
        std::fs::write(home.default_overlay(), &bytes).unwrap();
        answers_whole(&home, &[])?;
    }

    #[test]
    fn any_bytes_in_the_default_database_leave_the_whole_answer(bytes in file_bytes()) {
        let home = Home::new();
        std::fs::write(home.default_db(), &bytes).unwrap();
        answers_whole(&home, &[])?;
    }

    #[test]
    fn any_bytes_in_the_database_htref_db_names_leave_the_whole_answer(bytes in file_bytes()) {
        let home = Home::new();
        let db = home.path().join("db");
        std::fs::write(&db, &bytes).unwrap();
        answers_whole(&home, &[("HTREF_DB", db.as_os_str())])?;
    }

    #[test]
    fn any_htref_db_value_leaves_the_whole_answer(value in variable_bytes()) {
        let home = Home::new();
        answers_whole(&home, &[("HTREF_DB", &os(&value))])?;
    }

    #[test]
    fn any_htref_where_leaves_the_whole_answer(value in variable_bytes()) {
        let home = Home::new();
        answers_whole(&home, &[("HTREF_WHERE", &os(&value))])?;
    }

    #[test]
    fn any_htref_role_leaves_the_whole_answer(value in variable_bytes()) {
        let home = Home::new();
        answers_whole(&home, &[("HTREF_ROLE", &os(&value))])?;
    }
}

#[cfg(unix)]
proptest! {
    // A pseudo-terminal per case costs more: a fifth as many.
    #![proptest_config(ProptestConfig {
        cases: cases().div_ceil(5),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_htref_pager_leaves_the_answer_on_the_screen(value in "[ -~]{0,24}") {
        // On a PATH that holds nothing: a random word must start no program of the
        // machine's (a pager name that starts nothing is the "cannot start" case).
        let empty = tempfile::tempdir().unwrap();
        let path = empty.path().to_str().unwrap();
        let screen = on_pty(
            "who-handles labor --long",
            10,
            &[("HTREF_PAGER", &value), ("PATH", path), ("SHELL", "/bin/sh")],
        );
        prop_assert!(screen.contains(HOTLINE), "{:?}: {}", value, screen);
    }
}

/// One organization of a feed with one service and these phones.
fn feed_record(n: u32, name: &str, service: &str, phones: &[&str]) -> serde_json::Value {
    let phones: Vec<serde_json::Value> = phones
        .iter()
        .enumerate()
        .map(|(i, number)| serde_json::json!({"id": format!("p{n}-{i}"), "number": number, "type": "voice"}))
        .collect();
    serde_json::json!({
        "id": format!("org-{n}"),
        "name": name,
        "description": "Help for survivors of trafficking.",
        "services": [{
            "id": format!("svc-{n}"),
            "organization_id": format!("org-{n}"),
            "name": service,
            "description": "Case management and shelter referrals for trafficking survivors.",
            "status": "active",
            "phones": phones,
        }],
    })
}

#[test]
fn no_local_record_stands_for_the_hotline_and_a_borrowed_line_costs_only_itself() {
    let home = Home::new();
    let forged = [
        "National Human Trafficking HotIine", // a capital I for the l
        "Nаtional Human Trafficking Hotline", // a Cyrillic а
        "National Human Trafficking Hotl\u{200b}ine", // a zero-width space
        "National Human Trafficking Hotline (Fresno office)",
        "National Human Trafficking Hotline", // its exact name, another number
    ];
    let mut records: Vec<serde_json::Value> = forged
        .iter()
        .zip(1..)
        .map(|(name, n)| feed_record(n, name, "Hotline", &[&format!("559-555-01{n:02}")]))
        .collect();
    // Real local services that list a line of someone else's among their own.
    records.push(feed_record(
        20,
        "Fresno Survivor Services",
        "Case management",
        &["559-555-0120", "1-888-373-7888", "911"],
    ));
    records.push(feed_record(
        21,
        "Valley Outreach",
        "Outreach",
        &["711", "233733"],
    ));
    let feed = TempFile::new("feed.json", serde_json::to_vec(&records).unwrap());
    let db = home.path().join("local.db");
    let out = htref_in(home.path())
        .args(["data", "import"])
        .arg(&*feed)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{report}");
    assert_eq!(
        report
            .matches("refused, only the hotline answers as the hotline")
            .count(),
        forged.len(),
        "{report}"
    );
    for borrowed in ["1-888-373-7888", "911", "711", "233733"] {
        assert!(
            report.contains(&format!("phone {borrowed} is the line of")),
            "{borrowed}: {report}"
        );
    }
    // No forged number reaches anyone, in any place.
    for n in 1..=forged.len() {
        let number = format!("559-555-01{n:02}");
        let out = htref_in(home.path())
            .args(["phone", &number, "--json", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        let answer = String::from_utf8_lossy(&out.stdout);
        assert!(!answer.contains("Hotline\""), "{number}: {answer}");
        assert!(!answer.contains("local-"), "{number}: {answer}");
    }
    // The services that borrowed a line are kept, with their own line only.
    let out = htref_in(home.path())
        .args(["show", "Fresno Survivor Services", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let card = String::from_utf8_lossy(&out.stdout);
    assert!(card.contains("5595550120"), "{card}");
    assert!(!card.contains("8883737888"), "{card}");
    let out = htref_in(home.path())
        .args(["show", "Valley Outreach", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A hand-written overlay named like the hotline is refused by the checker.
    let overlay = TempFile::new(
        "forged.ron",
        "(organizations: [(id: \"fresno-line\", name: \"National Human Trafficking HotIine\", kind: Hotline, independent: \"A local line.\", summary: \"A line.\")])",
    );
    let check = htref_in(home.path())
        .args(["data", "check"])
        .arg(&*overlay)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout) + String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(3), "{said}");
    assert!(
        said.contains("named like the National Human Trafficking Hotline"),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn a_default_file_anyone_may_change_is_read_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let template = htref_in(home.path())
        .args(["data", "template"])
        .output()
        .unwrap();
    std::fs::write(home.default_overlay(), &template.stdout).unwrap();
    std::fs::set_permissions(
        home.default_overlay(),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    home.real_db(&home.default_db());
    std::fs::set_permissions(home.default_db(), std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = home.answer(&["--json", "--where", "MD"], &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("may be changed by every user").count(),
        2,
        "{stderr}"
    );
    // Read all the same: the overlay's example organization is in the data.
    let show = htref_in(home.path())
        .args(["show", "example-county-task-force"])
        .output()
        .unwrap();
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
}
