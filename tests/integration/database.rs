//! The local database: HSDS feeds imported into SQLite under their names, listed and
//! removed, and their services offered by need and place. Every test makes its database in
//! a temporary folder of its own (`--db`, or `XDG_DATA_HOME` for the default one).

use crate::util::{htref, json, referral_ids, run, without_hotline};
use serde_json::Value;

const FEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/feeds/regional-211.json"
);

/// A fresh folder and the database path in it, with the regional feed imported.
fn imported() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db").to_str().unwrap().to_string();
    let (code, out, err) = run(&["data", "import", FEED, "--db", &db]);
    // The feed has records htref cannot keep whole: reported, the rest imported, exit 3.
    assert_eq!(code, 3, "{out}{err}");
    (dir, db)
}

fn local_rows(answer: &Value) -> Vec<String> {
    answer["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].as_str().is_some_and(|id| id.starts_with("local-")))
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_feed_imports_lists_replaces_and_removes_by_name() {
    let (_dir, db) = imported();
    let (_, feeds) = json(&["data", "feeds", "--db", &db]);
    let list = feeds["feeds"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{feeds}");
    assert_eq!(list[0]["name"], "regional-211.json");
    assert_eq!(list[0]["services"], 3, "{feeds}");
    assert_eq!(
        list[0]["merged"], 1,
        "the feed's copy of the hotline: {feeds}"
    );
    // Importing it again replaces its records; another name keeps both.
    run(&["data", "import", FEED, "--db", &db]);
    run(&["data", "import", FEED, "--db", &db, "--name", "second"]);
    let (_, feeds) = json(&["data", "feeds", "--db", &db]);
    let services: Vec<i64> = feeds["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["services"].as_i64().unwrap())
        .collect();
    assert_eq!(services, [3, 3], "{feeds}");
    let (code, out, _) = run(&["data", "remove", "second", "--db", &db]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&["data", "remove", "nope", "--db", &db]);
    assert_eq!(code, 1);
    assert!(out.contains("regional-211.json"), "{out}");
}

#[test]
fn a_feed_that_fails_leaves_the_database_as_it_was() {
    let (dir, db) = imported();
    let broken = dir.path().join("regional-211.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let (code, _, err) = run(&["data", "import", broken.to_str().unwrap(), "--db", &db]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("not JSON") && without_hotline(&err).lines().count() == 1,
        "{err}"
    );
    let (_, feeds) = json(&["data", "feeds", "--db", &db]);
    assert_eq!(feeds["feeds"][0]["services"], 3, "{feeds}");
}

#[test]
fn what_cannot_be_kept_is_reported_with_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let (_, _, err) = run(&["data", "import", FEED, "--db", db.to_str().unwrap()]);
    for (record, why) in [
        (
            "a1000000-0000-4000-8000-000000000003",
            "not one plain address",
        ),
        (
            "a1000000-0000-4000-8000-000000000031",
            "left out (not a web address)",
        ),
        (
            "a1000000-0000-4000-8000-000000000031",
            "area code cannot exist",
        ),
        (
            "a1000000-0000-4000-8000-000000000005",
            "same organization as an earlier record",
        ),
    ] {
        assert!(
            err.lines().any(|l| l.contains(record) && l.contains(why)),
            "{record} {why}: {err}"
        );
    }
    // An email with a line break never reaches an answer.
    let (_, answer) = json(&[
        "who-handles",
        "t visa application help",
        "--all",
        "--where",
        "MD",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!answer.to_string().contains("Bcc"), "{answer}");
}

#[test]
fn services_are_offered_where_they_serve() {
    let (_dir, db) = imported();
    let ask = |place: &str| {
        json(&[
            "who-handles",
            "I was trafficked and need shelter, and my boss owes me unpaid wages",
            "--all",
            "--db",
            &db,
            "--where",
            place,
        ])
        .1
    };
    let md = local_rows(&ask("Maryland"));
    assert!(md.iter().any(|n| n.contains("Chesapeake")), "{md:?}");
    assert!(!md.iter().any(|n| n.contains("Buckeye")), "{md:?}");
    let columbus = local_rows(&ask("Columbus, OH"));
    assert!(
        columbus.iter().any(|n| n.contains("Buckeye")),
        "{columbus:?}"
    );
    assert!(
        !columbus.iter().any(|n| n.contains("Chesapeake")),
        "{columbus:?}"
    );
    // A ZIP code reaches the services at that postal code.
    let zip = ask("43215");
    assert!(
        local_rows(&zip).iter().any(|n| n.contains("Buckeye")),
        "{zip}"
    );
    // A ZIP whose prefix the USPS list does not cover has no state: only its own services,
    // and the answer says the state is unknown and how to give it.
    let unknown = ask("21201");
    assert!(
        local_rows(&unknown)
            .iter()
            .all(|n| !n.contains("Chesapeake")),
        "{unknown}"
    );
    let note = unknown["local"]["note"].as_str().unwrap_or_default();
    assert!(note.contains("State unknown for ZIP 21201"), "{note}");
    // Given with its state, or in a prefix the list covers (206: SOUTHERN MD), the ZIP also
    // reaches the state's services, with no note.
    for place in ["21201, MD", "Baltimore, MD 21201", "20601"] {
        let answer = ask(place);
        assert!(
            local_rows(&answer).iter().any(|n| n.contains("Chesapeake")),
            "{place}: {answer}"
        );
        assert!(
            !local_rows(&answer).iter().any(|n| n.contains("Buckeye")),
            "{place}"
        );
        assert!(answer["local"]["note"].is_null(), "{place}: {answer}");
    }
}

#[test]
fn a_local_row_says_local_first_and_never_stands_above_the_hotline() {
    let (_dir, db) = imported();
    let (_, plain, _) = run(&[
        "who-handles",
        "I was trafficked and need shelter",
        "--where",
        "MD",
        "--db",
        &db,
        "--plain",
    ]);
    let row = plain
        .lines()
        .find(|l| l.contains("Chesapeake"))
        .unwrap_or_else(|| panic!("{plain}"));
    assert!(
        row.split_once(". ").unwrap().1.starts_with("local: "),
        "{row}"
    );
    assert!(
        plain.find("1-888-373-7888").unwrap() < plain.find("Chesapeake").unwrap(),
        "{plain}"
    );
    // Provenance names the feed and the import date, never a bundled source.
    assert!(
        plain.contains("regional-211.json (local), imported "),
        "{plain}"
    );
    // The feed's copy of the hotline is no second row.
    let (_, answer) = json(&[
        "who-handles",
        "need help",
        "--where",
        "MD",
        "--db",
        &db,
        "--all",
    ]);
    let hotlines = answer["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["name"].as_str().unwrap().contains("Hotline"))
        .count();
    assert_eq!(hotlines, 1, "{answer}");
}

#[test]
fn a_shelter_is_housing_not_a_report_to_police() {
    let (_dir, db) = imported();
    let (_, answer) = json(&[
        "who-handles",
        "report trafficking to the police",
        "--where",
        "MD",
        "--db",
        &db,
        "--all",
    ]);
    assert!(
        local_rows(&answer).is_empty(),
        "{:?}",
        referral_ids(&answer)
    );
}

#[test]
fn without_a_place_the_database_waits_and_says_how_to_pick_one() {
    let (_dir, db) = imported();
    let (_, answer) = json(&["who-handles", "need shelter", "--db", &db]);
    assert!(local_rows(&answer).is_empty());
    assert_eq!(answer["local"]["services_left_out"], 3, "{answer}");
    assert!(
        answer["local"]["note"]
            .as_str()
            .unwrap()
            .contains("--where")
    );
    // HTREF_WHERE gives the place.
    let out = htref()
        .env("HTREF_WHERE", "MD")
        .args(["who-handles", "need shelter", "--db", &db, "--json"])
        .output()
        .unwrap();
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!local_rows(&answer).is_empty(), "{answer}");
}

#[test]
fn a_broken_default_database_is_a_warning_and_a_named_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let default = dir.path().join("htref/local.db");
    std::fs::create_dir_all(default.parent().unwrap()).unwrap();
    for junk in [&b""[..], b"this is not a database at all, just text"] {
        std::fs::write(&default, junk).unwrap();
        let out = htref()
            .env("XDG_DATA_HOME", dir.path())
            .args(["who-handles", "labor", "--plain"])
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("warning") && stderr.contains("local.db"),
            "{stderr}"
        );
        assert!(stdout.contains("1-888-373-7888"), "{stdout}");
        let (code, _, err) = run(&["who-handles", "labor", "--db", default.to_str().unwrap()]);
        assert_eq!(code, 3, "{err}");
        assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    }
}

#[test]
fn a_place_that_is_no_place_is_a_usage_error() {
    let (code, _, err) = run(&["who-handles", "labor", "--where", "Atlantis"]);
    assert_eq!(code, 2);
    assert!(err.contains("--where") && err.contains("Atlantis"), "{err}");
}

/// A city given without its state is no error of spelling: htref names the states that
/// have a place of that name (a gazetteer's list, `data/places/us-places.tsv`) and asks for one.
#[test]
fn a_place_many_states_have_is_asked_for_with_its_states_named() {
    let (code, _, err) = run(&["who-handles", "labor", "--where", "Springfield"]);
    assert_eq!(code, 2);
    let first = err.lines().next().unwrap();
    for state in ["IL", "MA", "MO", "OR"] {
        assert!(first.contains(&format!(" {state},")), "{first}");
    }
    assert!(first.contains("`Springfield, "), "{first}");
    assert!(
        err.contains("1-888-373-7888"),
        "the hotline still answers: {err}"
    );
    let (_, _, err) = run(&["who-handles", "labor", "--where", "fresno"]);
    assert!(err.contains("CA, TX"), "{err}");
    // With its state it is a place.
    let (code, _, err) = run(&["who-handles", "labor", "--where", "Springfield, IL"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn no_bundled_id_starts_like_a_local_one() {
    let data = htref::data::bundled();
    assert!(
        data.organizations
            .iter()
            .all(|o| !o.id.starts_with(htref::data::local_services::ID_PREFIX))
    );
}

#[test]
fn phone_and_show_look_in_the_database_in_any_place() {
    let (_dir, db) = imported();
    let (code, answer) = json(&["phone", "410-555-0151", "--db", &db]);
    assert_eq!(code, 0, "{answer}");
    assert!(answer.to_string().contains("Chesapeake"), "{answer}");
    let (code, card, _) = run(&[
        "show",
        "Buckeye Worker Justice Center",
        "--db",
        &db,
        "--plain",
    ]);
    assert_eq!(code, 0, "{card}");
    assert!(card.contains("614-555-0161"), "{card}");
    // Every phone type and its extension is kept: the fax is kept in the database but is
    // no line to call; the extension goes with the number.
    let (_, card, _) = run(&[
        "show",
        "Chesapeake Survivor Housing",
        "--db",
        &db,
        "--plain",
    ]);
    assert!(
        card.contains("extension 2") && !card.contains("0153"),
        "{card}"
    );
    assert!(
        card.contains("Maryland") && card.contains("Adults 18"),
        "{card}"
    );
}

#[test]
fn a_tabular_package_imports_its_areas_locations_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    std::fs::create_dir(&package).unwrap();
    let write = |name: &str, text: &str| std::fs::write(package.join(name), text).unwrap();
    // A byte-order mark before the first header, a row with a field too many.
    write(
        "organizations.csv",
        "\u{feff}id,name,description\no1,Harbor Help Center,Case management for survivors\no2,Extra,x,unexpected\n",
    );
    write(
        "services.csv",
        "id,organization_id,name,description,status\ns1,o1,Survivor case management,Case management and shelter referrals for trafficking victims,active\n",
    );
    write(
        "phones.csv",
        "id,service_id,number,type,extension\np1,s1,410-555-0181,voice,12\n",
    );
    write(
        "service_areas.csv",
        "id,service_id,name\na1,s1,\"Baltimore, MD\"\n",
    );
    write(
        "languages.csv",
        "id,service_id,name,code\nl1,s1,Spanish,es\n",
    );
    let db = dir.path().join("local.db");
    let (code, out, err) = run(&[
        "data",
        "import",
        package.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.contains("organizations.csv row 3") && err.contains("left out"),
        "{err}"
    );
    let (_, answer) = json(&[
        "who-handles",
        "trafficking victim needs case management and shelter",
        "--where",
        "Baltimore, MD",
        "--db",
        db.to_str().unwrap(),
        "--all",
    ]);
    assert!(
        local_rows(&answer)
            .iter()
            .any(|n| n.contains("Harbor Help")),
        "{answer}"
    );
    let (_, elsewhere) = json(&[
        "who-handles",
        "trafficking victim needs case management and shelter",
        "--where",
        "Denver, CO",
        "--db",
        db.to_str().unwrap(),
        "--all",
    ]);
    assert!(local_rows(&elsewhere).is_empty(), "{elsewhere}");
}

#[test]
fn a_line_break_in_a_file_name_is_escaped_wherever_the_name_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let name = "feed\nPhone: 1-800-555-0199.json";
    let feed = dir.path().join(name);
    std::fs::copy(FEED, &feed).unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (_, out, err) = run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    for text in [&out, &err] {
        assert!(
            !text.lines().any(|l| l.starts_with("Phone:")),
            "a forged line: {text}"
        );
    }
    let (_, answer, _) = run(&[
        "who-handles",
        "need shelter",
        "--where",
        "MD",
        "--db",
        db,
        "--plain",
    ]);
    assert!(!answer.lines().any(|l| l.starts_with("Phone:")), "{answer}");
    // The feed's name, taken from the file's, is one line.
    assert!(
        answer.contains("from feed Phone: 1-800-555-0199.json (local)"),
        "{answer}"
    );
    // A broken feed's error names the file on one line.
    std::fs::write(&feed, "[").unwrap();
    let (_, _, err) = run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
}

#[test]
fn export_carries_the_local_records_marked_as_local() {
    let (_dir, db) = imported();
    let (_, export) = json(&["export", "--db", &db]);
    let local: Vec<&Value> = export["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["local_file"]
                .as_str()
                .is_some_and(|f| f.contains("(local)"))
        })
        .collect();
    assert_eq!(local.len(), 3, "{local:?}");
    let bundled = htref::data::bundled();
    for org in local {
        let id = org["id"].as_str().unwrap();
        assert!(id.starts_with("local-"), "{id}");
        assert!(bundled.organizations.iter().all(|o| o.id != id));
    }
}

#[test]
fn every_export_format_carries_the_local_services() {
    // The export reads the database a service at a time (never merged whole into the
    // data): each format gets every service, after the bundled records, in import order.
    let (dir, db) = imported();
    let (_, own) = json(&["export", "--db", &db]);
    let local: Vec<String> = own["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str().filter(|id| id.starts_with("local-")))
        .map(str::to_string)
        .collect();
    assert_eq!(local.len(), 3, "{local:?}");
    let (code, csv, err) = run(&["export", "--format", "csv", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let csv_ids: Vec<&str> = csv
        .lines()
        .filter_map(|l| l.split(',').next())
        .filter(|id| id.starts_with("local-"))
        .collect();
    for id in &local {
        assert!(csv_ids.contains(&id.as_str()), "{id}: {csv}");
    }
    assert!(csv.contains("https://housing.example.org/shelter"), "{csv}");
    let (_, hsds, _) = run(&["export", "--format", "hsds", "--db", &db]);
    let hsds: Value = serde_json::from_str(&hsds).unwrap();
    let package = dir.path().join("package");
    let (code, _, err) = run(&[
        "export",
        "--format",
        "hsds",
        "--db",
        &db,
        "--output",
        package.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let organizations = std::fs::read_to_string(package.join("organizations.csv")).unwrap();
    let hsds = hsds.as_array().unwrap();
    assert_eq!(hsds.len(), own["organizations"].as_array().unwrap().len());
    for org in hsds {
        let id = org["id"].as_str().unwrap();
        assert!(organizations.contains(id), "{id} in the package");
    }
    assert!(
        organizations.contains("Chesapeake Survivor Housing"),
        "{organizations}"
    );
}

/// The local records of an export: each name with its numbers, in a stable order.
fn local_records(export: &Value) -> Vec<(String, Vec<String>)> {
    let mut records: Vec<(String, Vec<String>)> = export["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["local_file"].is_string())
        .map(|o| {
            let mut digits: Vec<String> = o["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c["digits"].as_str().map(str::to_string))
                .collect();
            digits.sort();
            (o["name"].as_str().unwrap().to_string(), digits)
        })
        .collect();
    records.sort();
    records
}

#[test]
fn export_then_import_then_export_gives_the_same_records() {
    let (dir, db) = imported();
    let (_, first) = json(&["export", "--db", &db]);
    let (_, hsds, _) = run(&["export", "--format", "hsds", "--db", &db]);
    let feed = dir.path().join("export.json");
    std::fs::write(&feed, hsds).unwrap();
    let again = dir.path().join("again.db");
    let again = again.to_str().unwrap();
    run(&["data", "import", feed.to_str().unwrap(), "--db", again]);
    let (_, second) = json(&["export", "--db", again]);
    let (a, b) = (local_records(&first), local_records(&second));
    assert!(!a.is_empty());
    // The second import names each record "Organization: Service" as the first export
    // wrote it, so compare the numbers, and the names as far as the first export's go.
    assert_eq!(
        a.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(),
        b.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(),
        "{a:?}\n{b:?}"
    );
    for ((name_a, _), (name_b, _)) in a.iter().zip(&b) {
        assert!(name_b.starts_with(name_a.as_str()), "{name_a} / {name_b}");
    }
}

#[test]
fn a_record_with_a_value_out_of_range_is_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.json");
    std::fs::write(
        &feed,
        r#"[{"name": "Good Shelter", "services": [{"name": "Shelter for trafficking survivors", "status": "active"}]},
            {"name": "Odd Record", "year_incorporated": 1e400},
            {"name": "Other Good Clinic", "services": [{"name": "Legal help with T visas", "status": "active"}]}]"#,
    )
    .unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("record 2") && err.contains("out of range"),
        "{err}"
    );
    let (_, feeds) = json(&["data", "feeds", "--db", db]);
    assert_eq!(feeds["feeds"][0]["organizations"], 2, "{feeds}");
}

#[test]
fn a_name_too_long_to_read_aloud_is_cut_and_reported() {
    // 700 characters: cut to 300 when read. Over 20 MB: cut to 64 KiB by the reader first,
    // so the record costs no more memory than a short one.
    for (repeats, reports) in [
        (
            100,
            &["record o1: name of 699 characters cut to its first 300"][..],
        ),
        (
            3_000_000,
            &["longer than 64 KiB cut", "cut to its first 300"],
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let feed = dir.path().join("feed.json");
        let long = "Harbor ".repeat(repeats);
        std::fs::write(
            &feed,
            format!(r#"[{{"id": "o1", "name": "{long}", "services": [{{"name": "Shelter for trafficking survivors", "status": "active"}}]}}]"#),
        )
        .unwrap();
        let db = dir.path().join("local.db");
        let (code, _, err) = run(&[
            "data",
            "import",
            feed.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert_eq!(code, 3, "{err}");
        for report in reports {
            assert!(err.contains(report), "{repeats}: {err}");
        }
    }
}

#[test]
fn a_broken_record_a_bad_byte_or_an_open_text_costs_that_record_only() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.json");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        b"[\n{\"id\": \"o1\", \"name\": \"Good Shelter\", \"services\": [{\"name\": \"Shelter for trafficking survivors\", \"status\": \"active\"}]},\n",
    );
    // A missing comma between two fields.
    bytes.extend_from_slice(b"{\"id\": \"o2\" \"name\": \"Missing Comma\"},\n");
    // A byte that is not UTF-8 inside a name.
    bytes.extend_from_slice(b"{\"id\": \"o3\", \"name\": \"Caf\xe9 Legal Clinic\", \"services\": [{\"name\": \"Legal help with T visas\", \"status\": \"active\"}]},\n");
    // A text that is never closed on its line.
    bytes.extend_from_slice(b"{\"id\": \"o4\", \"name\": \"Open Quote\n},\n");
    bytes.extend_from_slice(
        b"{\"id\": \"o5\", \"name\": \"Last Good Clinic\", \"services\": [{\"name\": \"Counseling for survivors\", \"status\": \"active\"}]}\n]\n",
    );
    std::fs::write(&feed, bytes).unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("record 2 (line 3)"), "{err}");
    assert!(
        err.contains("record 3 (line 4)") && err.contains("not UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("record 4 (line 5)") && err.contains("never closed"),
        "{err}"
    );
    assert!(
        !err.contains("record 1 ") && !err.contains("record 5 "),
        "{err}"
    );
    let (_, feeds) = json(&["data", "feeds", "--db", db]);
    // Records 1, 3 (its byte read as a replacement character) and 5.
    assert_eq!(feeds["feeds"][0]["organizations"], 3, "{feeds}");
}

#[test]
fn show_counts_every_local_service_with_the_name_not_only_those_listed() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<Value> = (0..25)
        .map(|n| {
            serde_json::json!({
                "id": format!("o{n}"),
                "name": format!("Harbor Resource Center {n}"),
                "services": [{"id": format!("s{n}"), "name": "Drop-in help",
                    "phones": [{"id": format!("p{n}"), "number": format!("410-555-01{n:02}")}]}],
            })
        })
        .collect();
    let feed = dir.path().join("centers.json");
    std::fs::write(&feed, serde_json::to_vec(&records).unwrap()).unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    run(&["data", "import", feed.to_str().unwrap(), "--db", db]);
    let (_, bundled, _) = run(&["show", "Center"]);
    let bundled: usize = bundled.split_whitespace().next().unwrap().parse().unwrap();
    let (code, out, _) = run(&["show", "Center", "--db", db]);
    assert_eq!(code, 1, "{out}");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{} organizations have", bundled + 25)),
        "{first}"
    );
    assert!(first.contains("the first"), "{first}");
}
