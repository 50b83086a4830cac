//! Real-world feed forms: HSDS 1.x tabular packages (addresses in physical_addresses.csv
//! and postal_addresses.csv, joined through locations and services_at_location), a
//! package's datapackage.json given as the feed, and JSON that is no feed at all.

use crate::util::htref;

const PACKAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hsds-1-package");
const MIAMI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/feeds/miami-open211");

/// Imports `feed` into a fresh database: the folder, the database's path, and stdout.
fn import(feed: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db").to_string_lossy().into_owned();
    let out = htref()
        .args(["data", "import", feed, "--db", &db])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout.starts_with("Imported "),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db, stdout)
}

/// The local lines of a shelter answer for `place`.
fn local_shelters(db: &str, place: &str) -> Vec<String> {
    let out = htref()
        .args([
            "who-handles",
            "need shelter",
            "--all",
            "--where",
            place,
            "--db",
            db,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1-888-373-7888"), "{stdout}");
    stdout
        .lines()
        .filter(|l| l.contains("local: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn an_hsds_1_package_places_each_service_by_its_physical_or_postal_address() {
    let (_dir, db, stdout) = import(PACKAGE);
    assert!(
        stdout.contains("read as an HSDS 1.0 tabular package"),
        "{stdout}"
    );
    assert!(stdout.contains("2 organizations, 3 services"), "{stdout}");
    for seattle in ["Seattle, WA", "98101"] {
        let lines = local_shelters(&db, seattle);
        assert!(lines.iter().any(|l| l.contains("Puget Sound")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("Biscayne")), "{lines:?}");
    }
    for miami in ["Miami, FL", "33130"] {
        let lines = local_shelters(&db, miami);
        assert!(lines.iter().any(|l| l.contains("Biscayne")), "{lines:?}");
        // Bayfront Desk says nothing of shelter but its term in taxonomy.csv (linked
        // through services_taxonomy.csv), "Human Trafficking Shelters".
        assert!(
            lines.iter().any(|l| l.contains("Bayfront Desk")),
            "{lines:?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("Puget Sound")),
            "{lines:?}"
        );
    }
}

#[test]
fn a_datapackage_json_given_as_the_feed_is_the_package_it_describes() {
    let descriptor = format!("{PACKAGE}/datapackage.json");
    let (_dir, db, stdout) = import(&descriptor);
    // Named for its folder; its own name ("human_services_data") is no service.
    assert!(
        stdout.starts_with("Imported hsds-1-package (read as an HSDS 1.0 tabular package): 2 organizations, 3 services"),
        "{stdout}"
    );
    let lines = local_shelters(&db, "Miami, FL");
    assert!(lines.iter().any(|l| l.contains("Biscayne")), "{lines:?}");
    assert!(
        !lines.iter().any(|l| l.contains("human_services_data")),
        "{lines:?}"
    );
}

#[test]
fn a_json_file_that_is_neither_a_feed_nor_a_package_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    for (name, text) in [
        ("settings.json", r#"{"theme": "dark", "size": 3}"#),
        ("list.json", r#"[{"colour": "red"}, {"name": "a record"}]"#),
    ] {
        let (stderr, error) = refused_import(dir.path(), name, text.as_bytes(), &db);
        assert!(
            error.contains("neither an HSDS feed nor a data package"),
            "{stderr}"
        );
        assert!(!stderr.contains("htref: import: "), "{stderr}");
        let feeds = htref()
            .args(["data", "feeds", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        let feeds = String::from_utf8_lossy(&feeds.stdout);
        assert!(!feeds.contains(name), "{feeds}");
    }
}

#[test]
#[ignore = "reads ../shared/feeds, beside the checkout in CI; CI runs the ignored tests"]
fn the_miami_open211_package_is_offered_in_miami_and_nowhere_else() {
    for feed in [MIAMI.to_string(), format!("{MIAMI}/datapackage.json")] {
        let (_dir, db, stdout) = import(&feed);
        assert!(
            stdout.contains("read as an HSDS 1.0 tabular package"),
            "{stdout}"
        );
        // The package's addresses are in Florida: a service placed there, or one it
        // gives no place for, is never offered to a caller elsewhere.
        for elsewhere in ["Seattle, WA", "98101"] {
            let lines = local_shelters(&db, elsewhere);
            assert!(lines.is_empty(), "{elsewhere}: {lines:?}");
        }
        let lines = local_shelters(&db, "Miami, FL");
        assert!(
            lines.iter().any(|l| !l.contains("area not given")),
            "{lines:?}"
        );
        // A Miami ZIP htref's USPS list does not place: the package's own addresses
        // there say Florida, so the state's services come after the ZIP's own.
        let lines = local_shelters(&db, "33130");
        assert!(lines.len() >= 2, "{lines:?}");
    }
    // Thousands of records' problems, one line for each kind, and the taxonomy's lines.
    let dir = tempfile::tempdir().unwrap();
    let out = htref()
        .args(["data", "import", MIAMI, "--db"])
        .arg(dir.path().join("local.db"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.lines().count() + stdout.lines().count() <= 30,
        "{report}{stdout}"
    );
}

/// The rows of a CSV file of the Miami package, as maps of column to cell.
fn miami_rows(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    crate::util::csv_rows(&std::fs::read_to_string(format!("{MIAMI}/data/{file}")).unwrap())
}

/// The local rows an answer shows: each with its record's id in the feed and the answer's
/// referral.
fn local_rows(db: &str, question: &str, place: &str, all: bool) -> Vec<serde_json::Value> {
    let mut cmd = htref();
    cmd.args([
        "who-handles",
        question,
        "--json",
        "--where",
        place,
        "--db",
        db,
    ]);
    if all {
        cmd.arg("--all");
    }
    let out = cmd.output().unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let referrals = answer["referrals"].as_array().unwrap();
    assert!(
        answer["hotline"]
            .as_str()
            .is_some_and(|h| h.contains("1-888-373-7888")),
        "{question}: {answer}"
    );
    referrals
        .iter()
        .filter(|r| r["id"].as_str().is_some_and(|id| id.starts_with("local-")))
        .cloned()
        .collect()
}

#[test]
#[ignore = "reads ../shared/feeds, beside the checkout in CI; CI runs the ignored tests"]
fn miami_call_takers_get_the_directorys_services_for_their_need_and_nobody_else_does() {
    let (_dir, db, stdout) = import(MIAMI);
    // Every service is kept or merged into htref's own record, each said: the 447 whose
    // organization is missing under one named for them.
    let services = miami_rows("services.csv").len();
    let (_, feeds) = crate::util::json(&["data", "feeds", "--db", &db]);
    let feed = &feeds["feeds"][0];
    assert_eq!(
        feed["services"].as_u64().unwrap() + feed["merged"].as_u64().unwrap(),
        u64::try_from(services).unwrap(),
        "{feeds}"
    );
    assert!(
        stdout.contains("services placed in needs by their terms"),
        "{stdout}"
    );
    // A federal agency's field offices are its local offices, marked so; its own national
    // record is merged into htref's.
    let (_, shown, _) = crate::util::run(&["show", "HIALEAH FIELD OFFICE", "--db", &db]);
    assert!(
        shown.contains("A local office of the U.S. Citizenship and Immigration Services"),
        "{shown}"
    );
    // Questions written by Miami call-takers who never saw htref, with the services an
    // advocate would accept for each: the local rows of the one-screen answer are the
    // directory's services for the need, and nobody elsewhere gets a Miami service.
    // Before taxonomy and relevance (2026-12-05): 1 question of 12 had an acceptable local
    // row in each set; rows acceptable: 2 of 27 (tuned on), 1 of 29 (aside: scores only).
    let (answered, asked, accepted, rows) = miami_score(&db, "miami-questions.jsonl");
    assert!(answered * 3 >= asked * 2, "{answered} of {asked} questions");
    assert!(accepted * 10 >= rows * 3, "{accepted} of {rows} local rows");
    // Kept aside, never tuned on: its first score after the work (4 of 12 questions, 5 of
    // 27 rows) is its floor.
    let (answered, asked, accepted, rows) = miami_score(&db, "miami-questions-aside.jsonl");
    assert!(
        answered * 3 >= asked,
        "aside: {answered} of {asked} questions"
    );
    assert!(
        accepted * 100 >= rows * 18,
        "aside: {accepted} of {rows} local rows"
    );
}

/// A set of Miami questions scored on the database: questions with an acceptable local
/// row on the one-screen answer, questions, acceptable local rows, local rows. Each also
/// asked in Seattle and at 98101, where no local row may come.
fn miami_score(db: &str, file: &str) -> (usize, usize, usize, usize) {
    let questions =
        std::fs::read_to_string(format!("{}/tests/eval/{file}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    let (mut answered, mut rows, mut accepted, mut asked) = (0, 0, 0, 0);
    for line in questions.lines().filter(|l| !l.trim().is_empty()) {
        let q: serde_json::Value = serde_json::from_str(line).unwrap();
        let question = q["question"].as_str().unwrap();
        let acceptable: Vec<&str> = q["acceptable"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(serde_json::Value::as_str)
            .collect();
        asked += 1;
        let local = local_rows(db, question, q["where"].as_str().unwrap(), false);
        let good = local
            .iter()
            .filter(|r| {
                r["local"]["feed_record"]
                    .as_str()
                    .is_some_and(|id| acceptable.contains(&id))
            })
            .count();
        rows += local.len();
        accepted += good;
        answered += usize::from(good > 0);
        for elsewhere in ["Seattle, WA", "98101"] {
            let local = local_rows(db, question, elsewhere, true);
            assert!(local.is_empty(), "{question} in {elsewhere}: {local:?}");
        }
    }
    (answered, asked, accepted, rows)
}

#[test]
#[ignore = "reads ../shared/feeds, beside the checkout in CI; CI runs the ignored tests"]
fn a_miami_caller_threatened_with_an_agency_gets_none_of_its_local_offices() {
    let (_dir, db, _) = import(MIAMI);
    // Immigration enforcement, threatened: nothing under it, national or local.
    let question = "my boss says he will call ICE on me if I leave, I have no papers, I need help as a foreign national victim";
    let out = htref()
        .args([
            "who-handles",
            question,
            "--json",
            "--all",
            "--where",
            "Miami, FL",
            "--db",
            &db,
        ])
        .output()
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in answer["referrals"].as_array().unwrap() {
        assert_ne!(r["id"], "ice", "{r}");
        assert_ne!(r["parent"]["id"], "ice", "{r}");
        assert_ne!(r["parent"]["id"], "hsi", "{r}");
    }
    assert!(
        answer["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"].as_str().is_some_and(|id| id.starts_with("local-"))),
        "{answer}"
    );
    // Afraid of the police: no police or prosecutors' unit of the directory leads.
    let question = "girl 16 being sold by her boyfriend, she is scared of the police and will not talk to cops, she needs services";
    let local = local_rows(&db, question, "Miami, FL", false);
    for r in local.iter().take(3) {
        let name = r["name"].as_str().unwrap().to_lowercase();
        assert!(
            !["police", "sheriff", "state attorney"]
                .iter()
                .any(|w| name.contains(w)),
            "{r}"
        );
    }
}

/// A zip archive of `members` (name, bytes), deflated.
fn zipped(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut archive = zip::ZipWriter::new(&mut bytes);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        archive.start_file(*name, options).unwrap();
        std::io::Write::write_all(&mut archive, data).unwrap();
    }
    archive.finish().unwrap();
    bytes.into_inner()
}

#[test]
fn a_zipped_package_is_imported_as_its_folder_would_be() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture package, as a 211 publishes it: zipped, under a folder of its own.
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in walk(std::path::Path::new(PACKAGE)) {
        let name = entry
            .strip_prefix(PACKAGE)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        members.push((
            format!("export-2019/{name}"),
            std::fs::read(&entry).unwrap(),
        ));
    }
    let borrowed: Vec<(&str, &[u8])> = members
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let archive = dir.path().join("county-211.zip");
    std::fs::write(&archive, zipped(&borrowed)).unwrap();
    let (_dir, db, stdout) = import(archive.to_str().unwrap());
    assert!(
        stdout.starts_with("Imported county-211 (read as an HSDS 1.0 tabular package from a zip archive): 2 organizations, 3 services"),
        "{stdout}"
    );
    let lines = local_shelters(&db, "Miami, FL");
    assert!(lines.iter().any(|l| l.contains("Biscayne")), "{lines:?}");
    // Nothing of it is left behind in the temporary folder: the database holds it.
    let (_, feeds) = crate::util::json(&["data", "feeds", "--db", &db]);
    assert_eq!(feeds["feeds"][0]["services"], 3, "{feeds}");
}

/// Every file under a folder.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_zip_archive_that_is_no_package_or_climbs_out_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    // An empty archive's end record.
    let mut empty = b"PK\x05\x06".to_vec();
    empty.extend([0u8; 18]);
    let photos = zipped(&[("photos/a.jpg", b"not a table")]);
    let climbing = zipped(&[("../../organizations.csv", b"id,name\no1,Escaped\n")]);
    for (name, bytes, why) in [
        ("package.zip", empty, "holds no HSDS package"),
        ("photos.zip", photos, "holds no HSDS package"),
        ("feed.json", climbing, "named outside the archive's folder"),
    ] {
        let (stderr, error) = refused_import(dir.path(), name, &bytes, &db);
        assert!(error.contains(why), "{name}: {stderr}");
    }
    assert!(
        !dir.path()
            .parent()
            .unwrap()
            .join("organizations.csv")
            .exists()
    );
}

#[test]
fn a_feed_is_kept_with_its_absolute_path_and_imported_again_by_name_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let feed = dir.path().join("county.json");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/county-hsds.json"
        ),
        &feed,
    )
    .unwrap();
    // Imported by a relative path, from the feed's own folder.
    let out = htref()
        .current_dir(dir.path())
        .args(["data", "import", "county.json", "--name", "county", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c == 0 || c == 3));
    let feeds = htref()
        .args(["data", "feeds", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let feeds: serde_json::Value = serde_json::from_slice(&feeds.stdout).unwrap();
    let file = feeds["feeds"][0]["file"].as_str().unwrap();
    assert!(std::path::Path::new(file).is_absolute(), "{file}");
    assert!(file.ends_with("county.json"), "{file}");
    // Again, from elsewhere, with the name alone: the same feed, from where it was.
    let again = htref()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["data", "import", "--name", "county", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), out.status.code());
    assert!(
        String::from_utf8_lossy(&again.stdout).starts_with("Imported county "),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    // A name the database does not hold, or a file that is gone: one line, what to give.
    let unknown = htref()
        .args(["data", "import", "--name", "elsewhere", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no feed named elsewhere"));
    std::fs::remove_file(&feed).unwrap();
    let gone = htref()
        .args(["data", "import", "--name", "county", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(gone.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("give its PATH"));
}

#[test]
fn records_that_share_a_problem_are_one_line_of_the_report_unless_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.json");
    let records: Vec<serde_json::Value> = (0..40)
        .map(|i| {
            serde_json::json!({
                "id": format!("org-{i}"),
                "name": format!("Shelter {i}"),
                "url": format!("ftp://shelter-{i}.example.org"),
                "services": [],
            })
        })
        .collect();
    std::fs::write(&feed, serde_json::to_string(&records).unwrap()).unwrap();
    let db = dir.path().join("local.db");
    let run = |verbose: bool| {
        let mut cmd = htref();
        cmd.args(["data", "import"]).arg(&feed).arg("--db").arg(&db);
        if verbose {
            cmd.arg("--verbose");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(3));
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("htref: import: "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let short = run(false);
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(
        short[0].contains("40 records: web address \"…\" left out (not a web address)")
            && short[0].contains("records org-0; org-1; org-2; org-3; org-4 and 35 more"),
        "{short:?}"
    );
    let long = run(true);
    assert_eq!(long.len(), 40, "{long:?}");
    assert!(long[0].contains("ftp://shelter-0.example.org"), "{long:?}");
}

#[test]
fn a_descriptor_that_is_not_json_is_passed_over_in_a_folder_and_refused_given_alone() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    std::fs::create_dir_all(package.join("data")).unwrap();
    for entry in std::fs::read_dir(format!("{PACKAGE}/data")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), package.join("data").join(entry.file_name())).unwrap();
    }
    // HSDS's own examples ship a datapackage.json that is a link's text.
    let descriptor = package.join("datapackage.json");
    std::fs::write(&descriptor, "../../datapackage.json").unwrap();
    let (_db_dir, _db, stdout) = import(package.to_str().unwrap());
    assert!(stdout.contains("2 organizations, 3 services"), "{stdout}");
    let out = htref()
        .args(["data", "import"])
        .arg(&descriptor)
        .arg("--db")
        .arg(dir.path().join("local.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not readable JSON"), "{stderr}");
}

/// Imports `bytes` written as `name` into `db`, which must refuse it (exit 3) with exactly
/// one error line: stderr and that line.
fn refused_import(
    dir: &std::path::Path,
    name: &str,
    bytes: &[u8],
    db: &std::path::Path,
) -> (String, String) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out = htref()
        .args(["data", "import"])
        .arg(&file)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{name}");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("htref: error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    let error = errors[0].to_string();
    (stderr, error)
}
