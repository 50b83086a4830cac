//! Importing feeds at their edges: a feed too large for an overlay, texts an overlay may not
//! hold, a package's rows that point nowhere or cannot be read, another program's database,
//! an import killed or starved of disk, a folder htref cannot write, a link in a package.
//! Every file is made in a temporary folder of the test's own.

use crate::util::{htref_std, in_clean_env, json, run, without_hotline};
use std::fmt::Write as _;
use std::path::Path;

const FEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/feeds/regional-211.json"
);

/// A JSON feed of `count` organizations with one service each, as scripts/gen-feed.py
/// writes them: shelters and legal clinics spread over states, numbers in 555-01XX.
fn write_feed(path: &Path, count: usize) {
    const STATES: [&str; 5] = ["OH", "TX", "CA", "NY", "FL"];
    let mut text = String::from("[\n");
    for i in 0..count {
        let state = STATES[i % STATES.len()];
        let _ = write!(
            text,
            r#"{{"id": "org-{i:07}", "name": "Shelter {i} of {state}", "description": "Emergency shelter and housing for survivors of trafficking.", "services": [{{"id": "svc-{i:07}", "name": "Shelter {i}", "description": "Emergency shelter and housing for survivors of trafficking.", "status": "active", "service_areas": [{{"id": "area-{i:07}", "name": "{state}"}}], "phones": [{{"id": "ph-{i:07}", "number": "202-555-01{:02}", "type": "voice"}}]}}]}}"#,
            i % 100
        );
        text.push_str(if i + 1 < count { ",\n" } else { "\n" });
    }
    text.push_str("]\n");
    std::fs::write(path, text).unwrap();
}

/// A temporary folder with the regional feed imported into `local.db` there.
fn imported() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db").to_str().unwrap().to_string();
    let (code, out, err) = run(&["data", "import", FEED, "--db", &db]);
    assert_eq!(code, 3, "the feed's reported records: {out}{err}");
    (dir, db)
}

/// The names of the local services an answer for shelter in Maryland lists, and its stderr.
fn maryland_shelters(db: &str) -> (Vec<String>, String) {
    let output = crate::util::htref()
        .args([
            "who-handles",
            "need shelter",
            "--where",
            "MD",
            "--db",
            db,
            "--json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names = answer["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].as_str().is_some_and(|id| id.starts_with("local-")))
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    (names, stderr)
}

#[test]
fn a_feed_past_five_thousand_organizations_is_refused_as_an_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("state-211.json");
    write_feed(&feed, 5_001);
    let (code, out, err) = run(&["data", "import", feed.to_str().unwrap(), "--to-overlay"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing is written: {}", out.len());
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    assert!(
        err.contains("more than 5000 organizations") && err.contains("`htref data import "),
        "{err}"
    );
    // A package is counted before it is joined.
    let package = dir.path().join("package");
    std::fs::create_dir(&package).unwrap();
    let mut rows = String::from("id,name\n");
    for i in 0..5_001 {
        let _ = writeln!(rows, "o{i},Shelter {i}");
    }
    std::fs::write(package.join("organizations.csv"), rows).unwrap();
    let (code, out, err) = run(&["data", "import", package.to_str().unwrap(), "--to-overlay"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("`htref data import "), "{err}");
    // The help recommends the database, not an overlay, for a feed.
    let (_, help, _) = run(&["data", "--help"]);
    let examples = help.split("Examples:").nth(1).unwrap();
    assert!(!examples.contains("--to-overlay"), "{help}");
}

#[test]
fn an_overlay_past_the_limit_is_one_problem_not_one_per_reference_to_it() {
    let mut text = String::from("#![enable(implicit_some)]\nOverlay(organizations: [\n");
    for i in 0..5_001 {
        let _ = writeln!(
            text,
            "Organization(id: \"org-{i}\", name: \"Org {i}\", kind: Partner, track: Services, independent: \"A local group.\", summary: \"x\", no_contact: \"Walk in.\"),"
        );
    }
    text.push_str("], referrals: [\n");
    for i in 0..5_001 {
        let _ = writeln!(
            text,
            "LocalReferral(need: \"labor-trafficking-victim\", org: \"org-{i}\", why: \"x\"),"
        );
    }
    text.push_str("])\n");
    let path = crate::util::TempFile::new("too-many.ron", text);
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
    assert_eq!(out.lines().count(), 1, "{}", &out[..out.len().min(2000)]);
    assert!(out.contains("5001 organizations"), "{out}");
}

#[test]
fn an_overlay_from_a_feed_with_hidden_characters_passes_data_check() {
    let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
    let hostile = [
        "\u{1b}[2J",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{9b}31m",
        "\u{202e}",
        "\u{0}",
        "\u{e0041}",
        "\u{2028}",
        "\n",
        "\u{200b}",
    ];
    let mut records = Vec::new();
    for (i, h) in hostile.iter().enumerate() {
        records.push(serde_json::json!({
            "id": format!("o{i}"),
            "name": format!("Harbor{h} Shelter {i}"),
            "alternate_name": format!("HS{h}"),
            "description": format!("Emergency{h} shelter for survivors"),
            "email": format!("help{h}@example.org"),
            "url": format!("https://example.org/{h}x"),
            "phones": [{"number": format!("410-555-01{i:02}"), "description": format!("Main{h} line")}],
            "services": [{"name": format!("Shelter{h} beds"), "description": format!("Emergency shelter{h} beds"), "status": "active"}],
        }));
    }
    records.push(serde_json::json!({
        "id": "emoji",
        "name": format!("Family {family} Shelter"),
        // Long enough that the referral's reason is cut inside the emoji sequence.
        "description": format!("Shelter for families {} {family} tail", "x".repeat(180)),
    }));
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("hostile.json");
    std::fs::write(&feed, serde_json::to_string(&records).unwrap()).unwrap();
    let (code, ron, err) = run(&["data", "import", feed.to_str().unwrap(), "--to-overlay"]);
    assert_eq!(code, 3, "what was taken out is reported: {err}");
    // Records that share a reason are one line naming them ("records o0; o1").
    for (i, c) in [(0, "U+001B"), (2, "U+009B"), (3, "U+202E"), (5, "U+E0041")] {
        assert!(
            err.lines().any(|l| l.contains(c)
                && (l.contains(&format!("record o{i}:"))
                    || l.contains(&format!(" o{i};"))
                    || l.contains(&format!(" o{i})")))),
            "{c}: {err}"
        );
    }
    let path = dir.path().join("hostile.ron");
    std::fs::write(&path, &ron).unwrap();
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    // The emoji is a name's text: kept whole, and shown as it is.
    let (_, card, _) = run(&[
        "show",
        "family-shelter-emoji",
        "--data",
        path.to_str().unwrap(),
    ]);
    assert!(card.contains(family), "{card}");
}

/// A package with rows that point nowhere, a byte that is not UTF-8 and a quote never
/// closed, among rows that are good.
fn broken_package(dir: &Path) -> std::path::PathBuf {
    let package = dir.join("package");
    std::fs::create_dir(&package).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(package.join(name), bytes).unwrap();
    write(
        "organizations.csv",
        b"id,name,description\n\
          o1,Harbor Shelter,Emergency shelter for survivors\n\
          o2,Caf\xe9 Legal,T visa help\n\
          o3,Third Clinic,Counseling for survivors\n\
          o4,\"Open Quote,never closed\n\
          o5,Fifth Shelter,Housing for survivors\n",
    );
    write(
        "services.csv",
        b"id,organization_id,name,description\n\
          s1,o1,Shelter beds,Emergency shelter\n\
          s2,nowhere,Lost service,Shelter\n\
          s3,o3,Counseling,Counseling for survivors\n\
          s4,gone,Lost again,Shelter\n\
          s5,o5,Housing,Housing for survivors\n",
    );
    write(
        "phones.csv",
        b"id,service_id,number\np1,s1,410-555-0100\np2,zz,410-555-0101\np3,,410-555-0102\n",
    );
    write(
        "service_areas.csv",
        b"id,service_id,name\na1,s1,MD\na2,qq,VA\n",
    );
    package
}

#[test]
fn a_package_reports_each_row_it_does_not_keep_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let package = broken_package(dir.path());
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (code, out, err) = run(&["data", "import", package.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 3, "{out}{err}");
    for (table, row, why) in [
        ("organizations.csv", "row 3", "not UTF-8"),
        ("organizations.csv", "row 5", "never closed"),
        ("phones.csv", "row 3", "names no service"),
        ("phones.csv", "row 4", "belongs to nothing"),
        ("service_areas.csv", "row 3", "names no service"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(table) && l.contains(row) && l.contains(why)),
            "{table} {row} {why}: {err}"
        );
    }
    // Two services that name no organization: counted on one line, with their rows, and
    // kept, each under an organization named from it.
    let services: Vec<&str> = err.lines().filter(|l| l.contains("services.csv")).collect();
    assert_eq!(services.len(), 1, "{err}");
    assert!(
        services[0].contains("2 rows (rows 3, 5)")
            && services[0].contains("names no organization")
            && services[0].contains("kept under an organization named from"),
        "{err}"
    );
    // The rows after the bad byte and the open quote are read; the two services with no
    // organization are kept under their own.
    let (_, feeds) = json(&["data", "feeds", "--db", db]);
    assert_eq!(feeds["feeds"][0]["organizations"], 5, "{feeds}");
    assert_eq!(feeds["feeds"][0]["services"], 5, "{feeds}");
    assert_eq!(feeds["feeds"][0]["problems"], 7, "{feeds}");
    let (_, shown, _) = run(&["show", "Lost again", "--db", db]);
    assert!(shown.contains("Lost again"), "{shown}");
    // --verbose: each row on its own line.
    let (_, _, err) = run(&[
        "data",
        "import",
        package.to_str().unwrap(),
        "--db",
        db,
        "--verbose",
    ]);
    for (row, named) in [
        (
            "services.csv row 3:",
            "named \"Lost service\" from its service",
        ),
        (
            "services.csv row 5:",
            "named \"Lost again\" from its service",
        ),
    ] {
        assert!(
            err.lines().any(|l| l.contains(row) && l.contains(named)),
            "{row}: {err}"
        );
    }
}

#[test]
fn a_package_whose_only_organization_is_broken_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    std::fs::create_dir(&package).unwrap();
    let db = dir.path().join("local.db");
    for (bytes, why) in [
        (&b"id,name\no1,\"Open Quote\n"[..], "never closed"),
        (&b"id,name\no1,Caf\xe9\n"[..], "not UTF-8"),
    ] {
        std::fs::write(package.join("organizations.csv"), bytes).unwrap();
        let (code, _, err) = run(&[
            "data",
            "import",
            package.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert_eq!(code, 3, "{err}");
        assert!(
            err.lines()
                .any(|l| l.contains("organizations.csv row 2") && l.contains(why)),
            "{why}: {err}"
        );
    }
}

#[test]
fn a_bad_byte_in_a_header_costs_its_column_only() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(
        package.join("organizations.csv"),
        b"id,name,no\xffte\no1,Harbor Shelter,x\n",
    )
    .unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run(&["data", "import", package.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("organizations.csv row 1: the header holds a byte that is not UTF-8"),
        "{err}"
    );
    let (_, feeds) = json(&["data", "feeds", "--db", db]);
    assert_eq!(feeds["feeds"][0]["organizations"], 1, "{feeds}");
}

#[test]
fn a_link_inside_a_package_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside.csv");
    std::fs::write(&outside, "id,name\no1,Secret Shelter\n").unwrap();
    let package = dir.path().join("package");
    std::fs::create_dir(&package).unwrap();
    std::os::unix::fs::symlink(&outside, package.join("organizations.csv")).unwrap();
    let db = dir.path().join("local.db");
    for extra in [&["--db", db.to_str().unwrap()][..], &["--to-overlay"][..]] {
        let mut args = vec!["data", "import", package.to_str().unwrap()];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 3, "{err}");
        assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
        assert!(
            err.contains("organizations.csv is a link") && !err.contains("Secret"),
            "{err}"
        );
        assert!(!out.contains("Secret"), "{out}");
    }
    assert!(
        !db.exists()
            || json(&["data", "feeds", "--db", db.to_str().unwrap()]).1["feeds"]
                .as_array()
                .unwrap()
                .is_empty()
    );
}

#[test]
fn another_programs_database_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("places.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://example.org/');",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let (code, _, err) = run(&["data", "import", FEED, "--db", db.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    assert!(err.contains("another program's database"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is unchanged");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "no table of htref's was added");
}

#[test]
fn a_database_asked_for_that_does_not_exist_is_said_and_never_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let db = db.to_str().unwrap();
    for args in [
        &["data", "feeds", "--db", db][..],
        &["data", "feeds", "--json", "--db", db][..],
        &["data", "remove", "county", "--db", db][..],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 3, "{args:?}: {out}{err}");
        assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
        assert!(err.contains("typo.db does not exist"), "{err}");
    }
    // An answer says so in one line, and still answers.
    let (code, out, err) = run(&["who-handles", "need shelter", "--where", "MD", "--db", db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1-888-373-7888"), "{out}");
    assert_eq!(err.lines().count(), 1, "a warning, not an error: {err}");
    assert!(err.contains("typo.db does not exist"), "{err}");
    // The same for HTREF_DB.
    let output = crate::util::htref()
        .env("HTREF_DB", db)
        .args(["data", "feeds"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(!Path::new(db).exists(), "no file was made");
}

#[test]
fn an_import_killed_midway_leaves_the_last_committed_feeds_readable() {
    let (dir, db) = imported();
    let big = dir.path().join("big.json");
    write_feed(&big, 60_000);
    let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
    let before = size("local.db");
    let mut import = htref_std()
        .args(["data", "import", big.to_str().unwrap(), "--db", &db])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once it has written a good part of the feed (its pages spill out of memory
    // into the file or its log): waited for by what it wrote, not by the clock.
    let mut written = false;
    for _ in 0..6_000 {
        if size("local.db") + size("local.db-wal") > before + (2 << 20) {
            written = true;
            break;
        }
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended before it was killed: make the feed larger"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    import.kill().unwrap();
    import.wait().unwrap();
    assert!(written, "the import wrote nothing in two minutes");
    // The next answer reads the last committed feed, with no warning.
    assert_the_committed_feed_answers(&db);
    let (code, feeds) = json(&["data", "feeds", "--db", &db]);
    assert_eq!(code, 0, "{feeds}");
    let names: Vec<&str> = feeds["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["regional-211.json"], "{feeds}");
    let (code, out, err) = run(&["data", "remove", "regional-211.json", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_rollback_journal_left_by_an_older_import_is_rolled_back_by_the_next_answer() {
    let (dir, db) = imported();
    // An import as an htref without the write-ahead log made it, caught mid-way: the
    // database and its journal copied while the transaction has written into the file.
    let crashed = dir.path().join("crashed.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch("PRAGMA cache_size = 10; BEGIN;")
            .unwrap();
        for i in 0..5_000 {
            conn.execute(
                "INSERT INTO organizations (feed, name, description) VALUES ('half', ?1, ?2)",
                [format!("Half-imported {i}"), "x".repeat(200)],
            )
            .unwrap();
        }
        let journal = dir.path().join("local.db-journal");
        assert!(journal.exists(), "the transaction has a journal");
        std::fs::copy(&db, &crashed).unwrap();
        std::fs::copy(&journal, dir.path().join("crashed.db-journal")).unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
    }
    let crashed = crashed.to_str().unwrap();
    assert_the_committed_feed_answers(crashed);
    let (code, feeds) = json(&["data", "feeds", "--db", crashed]);
    assert_eq!(code, 0, "{feeds}");
    assert_eq!(feeds["feeds"][0]["organizations"], 3, "{feeds}");
}

#[test]
fn an_answer_during_an_import_lists_the_services_committed_before_it() {
    let (_dir, db) = imported();
    // A writer in the middle of its transaction, holding the database's write lock.
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM service_reach; DELETE FROM services;")
        .unwrap();
    assert_the_committed_feed_answers(&db);
    let (code, feeds) = json(&["data", "feeds", "--db", &db]);
    assert_eq!((code, feeds["feeds"][0]["services"].as_i64()), (0, Some(3)));
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_full_disk_is_named_not_the_feed() {
    let (dir, db) = imported();
    let big = dir.path().join("big.json");
    write_feed(&big, 20_000);
    // The files htref writes may not pass 1 MB: the system refuses its writes as a full
    // disk would (the signal for a file past the limit is ignored, so the write fails).
    let output = in_clean_env("bash")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 1000; exec \"$0\" data import \"$1\" --db \"$2\"",
            env!("CARGO_BIN_EXE_htref"),
            big.to_str().unwrap(),
            &db,
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(3), "{err}");
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    assert!(
        err.contains("the disk holding") && !err.contains("big.json") && !err.contains("HSDS"),
        "{err}"
    );
    let (_, feeds) = json(&["data", "feeds", "--db", &db]);
    assert_eq!(feeds["feeds"].as_array().unwrap().len(), 1, "{feeds}");
}

/// Whether the tests run as root, whom a folder's permissions do not stop.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// htref as a user whom a folder without write permission stops: the tests' own user, or
/// nobody when that is root.
fn htref_unprivileged(args: &[&str]) -> std::process::Output {
    let mut cmd = if running_as_root() {
        let mut cmd = in_clean_env("setpriv");
        cmd.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_htref"),
        ]);
        cmd
    } else {
        htref_std()
    };
    cmd.args(args).output().unwrap()
}

#[test]
fn an_import_into_a_folder_htref_cannot_write_names_the_folder() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = imported();
    let folder = dir.path();
    // The database is the importer's own file; only its folder is closed to writing.
    if running_as_root() {
        std::os::unix::fs::chown(&db, Some(65534), Some(65534)).unwrap();
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let fresh = folder.join("fresh.db");
    let attempts = [
        htref_unprivileged(&["data", "import", FEED, "--db", &db]),
        htref_unprivileged(&["data", "import", FEED, "--db", fresh.to_str().unwrap()]),
    ];
    // An answer still reads the database in that folder.
    let answer = htref_unprivileged(&["who-handles", "need shelter", "--where", "MD", "--db", &db]);
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    for output in attempts {
        let err = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(3), "{err}");
        assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
        assert!(
            err.contains("cannot write in the folder") && !err.contains("HSDS"),
            "{err}"
        );
    }
    let stdout = String::from_utf8(answer.stdout).unwrap();
    let stderr = String::from_utf8(answer.stderr).unwrap();
    assert_eq!(answer.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("Chesapeake Survivor Housing"),
        "{stdout}{stderr}"
    );
}

/// The last committed feed still answers, with no warning: its shelter is offered.
#[track_caller]
fn assert_the_committed_feed_answers(db: &str) {
    let (names, stderr) = maryland_shelters(db);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        names
            .iter()
            .any(|n| n.contains("Chesapeake Survivor Housing")),
        "{names:?}"
    );
}
