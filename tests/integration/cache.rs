//! The overlay cache can never change an answer: damaged, cut, swapped or planted entries
//! are misses; writes never follow a planted link; special files are refused, not read.

use crate::util::htref_in;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

const LOCAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/local-task-force.ron"
);

/// A fresh home for one test case, inside the temp directory.
fn home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("htref-cache-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What an answer is: exit code and stdout. Every run must end on its own.
fn answer(home: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = htref_in(home)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The questions whose answers an overlay's cache feeds: its parsed form (phone, show),
/// the matcher's tables (who-handles) and the mark that the files passed the check.
const QUESTIONS: [&[&str]; 3] = [
    &["phone", "410-555-0142", "--data", LOCAL, "--json"],
    &["who-handles", "labor", "--data", LOCAL, "--json"],
    &[
        "show",
        "harbor-county-task-force",
        "--data",
        LOCAL,
        "--plain",
    ],
];

fn cache_files(home: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(home.join("cache/htref"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The answers with no cache at all, then a home whose cache holds every entry.
fn baseline(name: &str) -> (Vec<(Option<i32>, String)>, PathBuf) {
    let fresh = home(&format!("{name}-fresh"));
    let expected: Vec<_> = QUESTIONS.iter().map(|q| answer(&fresh, q)).collect();
    for (code, _) in &expected {
        assert_eq!(*code, Some(0));
    }
    assert!(
        cache_files(&fresh).len() >= 3,
        "overlay, tables and check mark cached: {:?}",
        cache_files(&fresh)
    );
    (expected, fresh)
}

#[derive(Debug, Clone)]
enum Damage {
    /// Flip these bits of byte `at` (taken modulo the file's length).
    Flip { at: usize, bits: u8 },
    /// Keep only this share (per 1000) of the file.
    Cut { keep: u16 },
    /// Put another entry's bytes in this entry's place.
    Swap,
}

fn damage() -> impl Strategy<Value = (usize, Damage)> {
    (
        0usize..3,
        prop_oneof![
            (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Damage::Flip { at, bits }),
            (0u16..1000).prop_map(|keep| Damage::Cut { keep }),
            Just(Damage::Swap),
        ],
    )
}

proptest! {
    // No failure file: tests write only in temporary folders.
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_damage_to_the_cache_changes_an_answer((which, damage) in damage()) {
        let (expected, home) = baseline("prop");
        let files = cache_files(&home);
        let target = &files[which % files.len()];
        let mut bytes = std::fs::read(target).unwrap();
        match damage {
            Damage::Flip { at, bits } if !bytes.is_empty() => {
                let at = at % bytes.len();
                bytes[at] ^= bits;
            }
            Damage::Flip { .. } => {}
            Damage::Cut { keep } => bytes.truncate(bytes.len() * usize::from(keep) / 1000),
            Damage::Swap => {
                let other = &files[(which + 1) % files.len()];
                bytes = std::fs::read(other).unwrap();
            }
        }
        std::fs::write(target, &bytes).unwrap();
        for (question, expected) in QUESTIONS.iter().zip(&expected) {
            prop_assert_eq!(&answer(&home, question), expected, "{:?}", question);
        }
    }
}

#[test]
fn an_entry_from_another_overlay_set_is_a_miss_not_a_panic() {
    let (expected, home) = baseline("swap-set");
    // Every entry copied over every other, the tables file among them.
    let files = cache_files(&home);
    let contents: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for (i, file) in files.iter().enumerate() {
        std::fs::write(file, &contents[(i + 1) % contents.len()]).unwrap();
    }
    for (question, expected) in QUESTIONS.iter().zip(&expected) {
        assert_eq!(&answer(&home, question), expected, "{question:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_write_never_follows_a_planted_link_and_leaves_no_temporary_file() {
    let home = home("links");
    let victim = home.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    // Run once to learn the entries' names, then plant links at every one of them.
    let (expected, _) = answer(&home, QUESTIONS[0]);
    for entry in cache_files(&home) {
        std::fs::remove_file(&entry).unwrap();
        std::os::unix::fs::symlink(&victim, &entry).unwrap();
    }
    for question in QUESTIONS {
        let (code, _) = answer(&home, question);
        assert_eq!(code, Some(0));
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(answer(&home, QUESTIONS[0]).0, expected);
    let strays: Vec<_> = cache_files(&home)
        .into_iter()
        .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[cfg(unix)]
#[test]
fn a_cache_directory_others_may_write_to_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let home = home("shared-dir");
    let dir = home.join("cache/htref");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let (code, _) = answer(&home, QUESTIONS[0]);
    assert_eq!(code, Some(0));
    assert!(cache_files(&home).is_empty(), "{:?}", cache_files(&home));
    // A fresh one is created private.
    let home = self::home("private-dir");
    answer(&home, QUESTIONS[0]);
    let mode = std::fs::metadata(home.join("cache/htref"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let home = home("special");
    let fifo = home.join("overlay.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let fifo = fifo.to_str().unwrap();
        for args in [
            &["who-handles", "labor", "--data", fifo][..],
            &["data", "check", fifo],
        ] {
            let said = refused(htref_in(&home).args(args));
            assert!(said.contains("not a regular file"), "{args:?}: {said}");
        }
        refused(
            htref_in(&home)
                .env("HTREF_DATA", fifo)
                .args(["who-handles", "labor"]),
        );
    }
    for device in ["/dev/zero", "/dev/null"] {
        let said = refused(htref_in(&home).args(["data", "check", device]));
        assert!(said.contains("not a regular file"), "{device}: {said}");
    }
}

/// Runs a command that must end on its own with a data error (exit 3); returns what it
/// said on stdout and stderr together.
#[cfg(unix)]
fn refused(command: &mut assert_cmd::Command) -> String {
    let output = command.timeout(Duration::from_secs(20)).output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{command:?}");
    String::from_utf8_lossy(&[output.stdout, output.stderr].concat()).into_owned()
}

/// Puts the default overlay into one of its broken states.
#[cfg(unix)]
type MakeDefault = fn(&Path);

/// The default overlay follows one rule in every state: missing is nothing; present but
/// not a readable regular file is a one-line warning and an answer without it.
#[cfg(unix)]
#[test]
fn a_broken_default_overlay_warns_and_never_blocks_an_answer() {
    let home = home("default");
    let config = home.join("config/htref");
    let default = config.join("overlay.ron");
    let states: [(&str, MakeDefault); 4] = [
        ("directory", |p| std::fs::create_dir_all(p).unwrap()),
        ("dangling link", |p| {
            std::os::unix::fs::symlink("/nonexistent/htref-overlay.ron", p).unwrap();
        }),
        ("fifo", |p| {
            let _ = std::process::Command::new("mkfifo").arg(p).status();
        }),
        ("device", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap();
        }),
    ];
    for (state, make) in states {
        let _ = std::fs::remove_dir_all(&config);
        std::fs::create_dir_all(&config).unwrap();
        make(&default);
        if std::fs::symlink_metadata(&default).is_err() {
            continue; // mkfifo missing
        }
        for args in [
            &["hotline", "--plain"][..],
            &["who-handles", "labor", "--plain"],
        ] {
            let output = htref_in(&home)
                .args(args)
                .timeout(Duration::from_secs(20))
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{state}: {args:?}");
            let err = String::from_utf8_lossy(&output.stderr);
            assert_eq!(err.lines().count(), 1, "{state}: one line: {err}");
            assert!(
                err.starts_with("htref: warning: the default overlay"),
                "{state}: {err}"
            );
        }
    }
    // Missing: no word about it.
    let _ = std::fs::remove_dir_all(&config);
    let output = htref_in(&home).args(["hotline"]).output().unwrap();
    assert!(output.stderr.is_empty());
}

#[test]
fn the_test_helper_keeps_htref_inside_a_temporary_folder() {
    // The helper every test uses points HOME, XDG dirs and TMPDIR at a scratch folder in
    // the temp directory: an overlay's cache lands there, never in the real home.
    let output = crate::util::htref()
        .args(["phone", "410-555-0142", "--data", LOCAL])
        .output()
        .unwrap();
    assert!(output.status.success());
    let scratch = std::env::temp_dir().join(format!("htref-tests-{}", std::process::id()));
    let cached: Vec<_> = std::fs::read_dir(scratch.join("cache/htref"))
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(!cached.is_empty(), "the cache is in the scratch folder");
}
