//! Local overlays, data check and template, export, completions and the man page.

use crate::util::{TempFile, htref, htref_in, json, referral_ids, run, run_wide, without_hotline};
use serde_json::Value;

const LOCAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/local-task-force.ron"
);
const BROKEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/broken-overlay.ron"
);

/// An overlay named `NAME.ron` in a fresh temporary folder.
fn overlay(name: &str, text: &str) -> TempFile {
    TempFile::new(&format!("{name}.ron"), text)
}

#[test]
fn an_overlay_is_merged_and_marked_local_in_every_mode() {
    let (code, answer) = json(&["who-handles", "labor", "--data", LOCAL]);
    assert_eq!(code, 0);
    let ids = referral_ids(&answer);
    assert_eq!(
        ids[1], "harbor-county-task-force",
        "next to the first office: {ids:?}"
    );
    let local = &answer["referrals"][1];
    assert!(
        local["local"]["file"]
            .as_str()
            .unwrap()
            .ends_with("local-task-force.ron")
    );
    assert_eq!(local["local"]["overrides"], false);
    assert!(local["why"][0]["local_file"].is_string());
    assert_eq!(local["contacts"][0]["dial"], "1-410-555-0142");
    // The client's sheet (html without --long) is checked below: it names no file.
    for format in ["plain", "table", "markdown", "html"] {
        let (_, text, _) = run_wide(&[
            "who-handles",
            "labor",
            "--data",
            LOCAL,
            "--format",
            format,
            "--long",
        ]);
        assert!(
            text.contains("Harbor County Human Trafficking Task Force"),
            "{format}"
        );
        assert!(
            text.contains("local-task-force.ron"),
            "{format}: marked local"
        );
    }
    // On the client's sheet a local office is marked local, by word, not by file; a task
    // force is law enforcement, so the advocate asks for it.
    let (_, sheet, _) = run(&[
        "who-handles",
        "labor",
        "--data",
        LOCAL,
        "--format",
        "html",
        "--include-enforcement",
    ]);
    assert!(
        sheet.lines().any(
            |l| l.starts_with("<h2>Harbor County Human Trafficking Task Force")
                && l.ends_with("(local)</h2>")
        ),
        "{sheet}"
    );
    // The local number and name are found too.
    let (code, phone) = json(&["phone", "410-555-0142", "--data", LOCAL]);
    assert_eq!(code, 0);
    assert_eq!(
        phone["matches"][0]["organization"]["id"],
        "harbor-county-task-force"
    );
    let (code, _) = json(&["show", "HCHTTF", "--data", LOCAL]);
    assert_eq!(code, 0);
    let (_, list, _) = run(&["list", "--data", LOCAL]);
    assert!(list.contains("harbor-county-task-force, local:"), "{list}");
}

#[test]
fn overlays_come_from_htref_data_and_the_config_directory_too() {
    let output = htref()
        .env("HTREF_DATA", LOCAL)
        .args(["who-handles", "labor", "--json"])
        .output()
        .unwrap();
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(referral_ids(&answer).contains(&"harbor-county-task-force".to_string()));
    let config = tempfile::tempdir().unwrap();
    let config = config.path();
    std::fs::create_dir_all(config.join("htref")).unwrap();
    std::fs::copy(LOCAL, config.join("htref/overlay.ron")).unwrap();
    let output = htref()
        .env("XDG_CONFIG_HOME", config)
        .args(["who-handles", "labor", "--json"])
        .output()
        .unwrap();
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(referral_ids(&answer).contains(&"harbor-county-task-force".to_string()));
}

#[test]
fn state_keeps_local_entries_for_that_state_only() {
    let (_, md) = json(&["who-handles", "labor", "--data", LOCAL, "--state", "MD"]);
    assert!(referral_ids(&md).contains(&"harbor-county-task-force".to_string()));
    let (_, va) = json(&[
        "who-handles",
        "labor",
        "--data",
        LOCAL,
        "--state",
        "va",
        "--all",
    ]);
    let ids = referral_ids(&va);
    assert!(
        !ids.contains(&"harbor-county-task-force".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"whd".to_string()),
        "federal entries are nationwide"
    );
    // A state by name is a place; what is no place is a usage error.
    assert_eq!(run(&["list", "--state", "Maryland"]).0, 0);
    assert_eq!(run(&["list", "--where", "Atlantis"]).0, 2);
}

#[test]
fn a_colliding_id_is_an_error_unless_it_says_it_overrides() {
    let colliding = overlay(
        "collide",
        "Overlay(organizations: [Organization(id: \"whd\", name: \"Local WHD\", kind: Office, summary: \"x\")])",
    );
    let (code, stdout, stderr) = run(&[
        "who-handles",
        "labor",
        "--data",
        colliding.to_str().unwrap(),
    ]);
    assert_eq!(code, 3);
    assert!(stdout.is_empty(), "nothing printed before the error");
    assert!(
        stderr.contains(":1:42: whd: `whd` is already a bundled organization"),
        "{stderr}"
    );
    assert!(
        stderr.contains("overrides: true"),
        "says how to fix it: {stderr}"
    );
    let overriding = overlay(
        "override",
        "Overlay(organizations: [Organization(id: \"whd\", name: \"Wage and Hour Division, Harbor District Office\", kind: Office, parent: \"dol\", summary: \"Local office.\", overrides: true)])",
    );
    let (code, answer) = json(&[
        "who-handles",
        "unpaid wages",
        "--data",
        overriding.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let whd = &answer["referrals"][0];
    assert_eq!(whd["id"], "whd");
    assert_eq!(
        whd["name"],
        "Wage and Hour Division, Harbor District Office"
    );
    assert_eq!(whd["local"]["overrides"], true);
    let (_, text, _) = run(&[
        "who-handles",
        "unpaid wages",
        "--data",
        overriding.to_str().unwrap(),
        "--long",
    ]);
    assert!(text.contains("replaces the bundled entry"), "{text}");
}

#[test]
fn a_contact_override_shows_the_new_and_the_original_number() {
    let fix = overlay(
        "fix",
        "#![enable(implicit_some)]\nOverlay(contact_overrides: [(contact: \"eeoc-line\", number: \"1-410-555-0199\", note: \"Old line disconnected.\", date: \"2026-10-01\")])",
    );
    let path = fix.to_str().unwrap();
    let (_, answer) = json(&["phone", "1-410-555-0199", "--data", path]);
    let contact = &answer["matches"][0]["contact"];
    assert_eq!(contact["dial"], "1-410-555-0199");
    assert_eq!(contact["overridden"]["original_digits"], "8006694000");
    assert_eq!(contact["overridden"]["date"], "2026-10-01");
    let (_, text, _) = run(&["phone", "1-410-555-0199", "--data", path, "--long"]);
    assert!(text.contains("local override from"), "{text}");
    assert!(text.contains("the sources give 1-800-669-4000"), "{text}");
    // At a glance too: the number is marked, and the footer names the file.
    let (_, glance, _) = run(&["phone", "1-410-555-0199", "--data", path]);
    assert!(
        glance.contains("local override; the sources give 1-800-669-4000"),
        "{glance}"
    );
    assert!(glance.contains("fix"), "{glance}");
}

#[test]
fn data_check_reports_each_problem_with_line_and_column() {
    let (code, stdout, _) = run(&["data", "check", BROKEN]);
    assert_eq!(code, 3);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    for line in &lines {
        let mut parts = line.splitn(4, ':');
        assert!(
            parts.next().unwrap().ends_with("broken-overlay.ron"),
            "{line}"
        );
        let line_no: usize = parts.next().unwrap().parse().expect("a line number");
        let column: usize = parts.next().unwrap().parse().expect("a column");
        assert!(line_no > 0 && column > 0, "{line}");
    }
    assert!(
        stdout.contains("unknown need `no-such-need`; `htref needs` lists the ids"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`555-01` is not a voice number"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["data", "check", LOCAL]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("ok: "), "{stdout}");
}

#[test]
fn malformed_and_missing_overlays_fail_before_any_output() {
    let truncated = overlay(
        "truncated",
        "Overlay(organizations: [Organization(id: \"x\", ",
    );
    let wrong_type = overlay("wrongtype", "Overlay(organizations: 42)");
    let empty = overlay("empty", "  \n");
    let not_utf8 = TempFile::new("bad-utf8.ron", b"Overlay(\xff\xfe)");
    for (path, expect) in [
        (truncated.to_str().unwrap(), ":1:"),
        (wrong_type.to_str().unwrap(), ":1:"),
        (empty.to_str().unwrap(), "the file is empty"),
        (not_utf8.to_str().unwrap(), "not UTF-8"),
        ("/no/such/overlay.ron", "cannot read it"),
        ("/tmp", "is a directory"),
    ] {
        let (code, stdout, stderr) = run(&["list", "--data", path]);
        assert_eq!(code, 3, "{path}: {stderr}");
        assert!(stdout.is_empty(), "{path}: nothing printed");
        assert!(stderr.contains(expect), "{path}: {stderr}");
        assert!(!stderr.contains("panicked"));
        let (code, _, _) = run(&["data", "check", path]);
        assert_eq!(code, 3, "{path}");
    }
}

#[test]
fn the_template_is_a_valid_overlay() {
    let (code, template, _) = run(&["data", "template"]);
    assert_eq!(code, 0);
    assert!(template.starts_with("// An htref overlay"));
    let path = overlay("template", &template);
    let (code, stdout, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn hsds_export_has_every_required_field() {
    let (code, stdout, _) = run(&["export", "--format", "hsds", "--data", LOCAL]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    // A bare list of organizations, as HSDS 3.0 exchanges them.
    let orgs = doc.as_array().expect("a list of organizations");
    assert!(orgs.len() > 60);
    // No null anywhere: the schemas take a value or nothing.
    assert!(!stdout.contains(": null"), "null in the export");
    let mut phone_types = Vec::new();
    for org in orgs {
        // HSDS 3.0 organization: id, name, description required.
        for field in ["id", "name", "description"] {
            assert!(
                org[field].as_str().is_some_and(|s| !s.is_empty()),
                "organization {field}: {org}"
            );
        }
        assert_eq!(org["id"].as_str().unwrap().len(), 36, "a UUID");
        for service in org["services"].as_array().unwrap() {
            // service: id, name, status required; status from the spec's list.
            for field in ["id", "name", "status"] {
                assert!(service[field].is_string(), "service {field}");
            }
            assert_eq!(service["organization_id"], org["id"]);
            for phone in service["phones"].as_array().unwrap() {
                // phone: id and number required; type from RFC 6350.
                assert!(phone["id"].is_string() && phone["number"].is_string());
                phone_types.push(phone["type"].as_str().unwrap().to_string());
            }
            for item in service["schedules"]
                .as_array()
                .unwrap()
                .iter()
                .chain(service["languages"].as_array().unwrap())
            {
                assert!(item["id"].is_string(), "schedule and language need ids");
            }
        }
    }
    for kind in ["voice", "textphone", "text"] {
        assert!(
            phone_types.iter().any(|t| t == kind),
            "{kind} in {phone_types:?}"
        );
    }
    assert!(
        stdout.contains("Harbor County"),
        "overlay data is exported too"
    );
    // Web forms and email addresses go to the service's `url` and `email`, never null.
    let services: Vec<&Value> = orgs
        .iter()
        .flat_map(|o| o["services"].as_array().unwrap())
        .collect();
    assert!(
        services
            .iter()
            .any(|s| s["url"] == "https://civilrights.justice.gov/report/")
    );
    assert!(services.iter().any(|s| s["email"] == "tipreport@state.gov"));
    assert!(
        services
            .iter()
            .all(|s| !s["url"].is_null() || s.get("url").is_none())
    );
    // A line that answers around the clock has a structured schedule.
    let hotline = services
        .iter()
        .find(|s| s["name"] == "National Human Trafficking Hotline")
        .unwrap();
    let schedule = &hotline["schedules"][0];
    assert_eq!(schedule["freq"], "WEEKLY");
    assert_eq!(schedule["byday"], "MO,TU,WE,TH,FR,SA,SU");
    // A service speaks a language once.
    for s in &services {
        let names: Vec<&str> = s["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["name"].as_str().unwrap())
            .collect();
        let mut distinct = names.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len(), "{names:?}");
    }
    let (_, again, _) = run(&["export", "--format", "hsds", "--data", LOCAL]);
    assert_eq!(stdout, again, "ids are stable");
}

#[test]
fn csv_export_gives_every_contacts_number_or_address() {
    let (code, csv, err) = run(&["export", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let rows = crate::util::csv_rows(&csv);
    let mut addresses = 0;
    for org in htref::data::bundled().organizations.iter() {
        for c in org.contacts.iter() {
            let row = rows
                .iter()
                .find(|r| r["contact_id"] == *c.id)
                .unwrap_or_else(|| panic!("{}: no row", c.id));
            if let Some(number) = &c.number {
                assert_eq!(row["number"], **number, "{}", c.id);
            }
            if let Some(address) = c.url.as_deref().or(c.email.as_deref()) {
                assert_eq!(row["address"], address, "{}", c.id);
                addresses += 1;
            }
            assert!(
                c.number.is_some() || c.url.is_some() || c.email.is_some() || c.digits.is_none(),
                "{}",
                c.id
            );
        }
    }
    assert!(
        addresses >= 10,
        "the bundled data has web and email contacts: {addresses}"
    );
    // An address is a cell like the others: one a spreadsheet would run as a formula is
    // defused.
    let path = overlay(
        "formula-email",
        "#![enable(implicit_some)]\nOverlay(organizations: [Organization(id: \"formula-clinic\", name: \"Formula Clinic\", kind: Partner, summary: \"A clinic.\", contacts: [Contact(id: \"formula-email\", kind: Email, label: \"Email\", email: \"=1+2@example.org\")])])",
    );
    let (code, csv, err) = run(&[
        "export",
        "--format",
        "csv",
        "--data",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let rows = crate::util::csv_rows(&csv);
    let row = rows
        .iter()
        .find(|r| r["contact_id"] == "formula-email")
        .unwrap();
    assert_eq!(row["address"], "'=1+2@example.org");
}

#[test]
fn json_and_csv_exports() {
    let (code, own) = json(&["export"]);
    assert_eq!(code, 0);
    let (_, list) = json(&["list"]);
    assert_eq!(
        own["organizations"].as_array().unwrap().len(),
        list["organizations"].as_array().unwrap().len(),
        "every organization is exported"
    );
    assert!(own["needs"].as_array().unwrap().len() >= 40);
    let (code, csv, _) = run(&["export", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("organization_id,organization,department,contact_id")
    );
    let rows: Vec<&str> = lines.collect();
    let contacts: usize = htref::data::bundled()
        .organizations
        .iter()
        .map(|o| o.contacts.len())
        .sum();
    assert_eq!(rows.len(), contacts, "one row per contact");
    assert!(rows.iter().any(|r| r.contains("1-888-373-7888")));
    assert_eq!(run(&["export"]).0, 2, "export needs a --format");
    assert_eq!(run(&["list", "--format", "hsds"]).0, 2);
}

#[test]
fn completions_and_man_page_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains("who-handles"), "{shell}");
    }
    let (code, man, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH htref"),
        "roff: {}",
        &man[..80.min(man.len())]
    );
    assert!(man.contains("who\\-handles") || man.contains("who-handles"));
    assert_eq!(run(&["completions", "tcsh"]).0, 2);
    // Each subcommand has its own page with its own options.
    let (code, page, _) = run(&["man", "who-handles"]);
    assert_eq!(code, 0);
    assert!(
        page.contains("htref\\-who\\-handles") || page.contains("htref-who-handles"),
        "{page}"
    );
    for option in ["limit", "long", "no\\-pager"] {
        assert!(page.contains(option), "{option}: {page}");
    }
    let (code, page, _) = run(&["man", "export"]);
    assert_eq!(code, 0);
    assert!(page.contains("hsds"), "{page}");
    let (code, _, err) = run(&["man", "nonsense"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("who-handles"),
        "names the pages there are: {err}"
    );
}

#[test]
fn each_subcommand_help_shows_only_its_own_options() {
    let (_, who, _) = run(&["who-handles", "--help"]);
    for option in ["--limit", "--long", "--as", "--no-pager", "--json"] {
        assert!(who.contains(option), "{option}: {who}");
    }
    assert!(!who.contains("hsds") && !who.contains("csv"), "{who}");
    let (_, export, _) = run(&["export", "--help"]);
    assert!(
        export.contains("hsds") && export.contains("csv"),
        "{export}"
    );
    for option in ["--long", "--no-pager", "--spoken-digits", "--color"] {
        assert!(!export.contains(option), "{option} under export: {export}");
    }
    let (_, list, _) = run(&["list", "--help"]);
    assert!(!list.contains("--long") && !list.contains("--as"), "{list}");
    let (_, completions, _) = run(&["completions", "--help"]);
    assert!(
        !completions.contains("--data") && !completions.contains("--format"),
        "{completions}"
    );
    // An export format asked of an answer is a usage error naming what to use.
    let (code, _, err) = run(&["who-handles", "labor", "--format", "hsds"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn as_takes_the_words_people_use() {
    for (word, role) in [
        ("lawyer", "attorney"),
        ("police", "law-enforcement"),
        ("officer", "law-enforcement"),
        ("detective", "law-enforcement"),
        ("case manager", "advocate"),
        ("case-manager", "advocate"),
        ("social worker", "advocate"),
        ("teacher", "educator"),
        ("counselor", "educator"),
        ("school", "educator"),
        ("victim", "survivor"),
    ] {
        let (code, answer) = json(&["who-handles", "visa status", "--as", word]);
        assert_eq!(code, 0, "{word}");
        assert_eq!(answer["role"], role, "{word}");
    }
    let (code, _, err) = run(&["who-handles", "labor", "--as", "astronaut"]);
    assert_eq!(code, 2);
    assert!(err.contains("attorney"), "names the roles: {err}");
}

#[test]
fn clicolor_force_colors_a_pipe_and_no_color_wins() {
    let colored = |vars: &[(&str, &str)]| {
        let mut cmd = htref();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        // The 911 line is what carries color.
        let out = cmd
            .args(["who-handles", "she is locked in and can't leave"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().contains('\u{1b}')
    };
    assert!(!colored(&[]));
    assert!(colored(&[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&[("CLICOLOR_FORCE", "0")]));
    assert!(!colored(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn a_problem_in_an_overlay_names_its_line_and_column() {
    let text = "Overlay(\n    referrals: [\n        LocalReferral(need: \"no-such-need\", org: \"national-hotline\", why: \"test\"),\n    ],\n)\n";
    let path = overlay("placed-problem", text);
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("\"no-such-need\"").map(|c| (i + 1, c + 1)))
        .unwrap();
    let (code, stdout, stderr) = run(&["who-handles", "labor", "--data", path.to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(&format!("placed-problem.ron:{line}:{column}: "))
            && stderr.contains("unknown need `no-such-need`"),
        "{stderr}"
    );
}

#[test]
fn with_an_overlay_htref_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let output = htref_in(home)
        .args(["who-handles", "labor", "--data", LOCAL])
        .output()
        .unwrap();
    assert!(output.status.success());
    let top: Vec<String> = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(top.is_empty(), "nothing written: {top:?}");
}

#[test]
fn hsds_tabular_package_matches_the_json_export() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("package");
    let (code, _, err) = run(&[
        "export",
        "--format",
        "hsds",
        "--data",
        LOCAL,
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let package: Value = serde_json::from_str(&read("datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let (_, stdout, _) = run(&["export", "--format", "hsds", "--data", LOCAL]);
    let orgs: Value = serde_json::from_str(&stdout).unwrap();
    let json_ids: std::collections::HashSet<&str> = orgs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    // Every table the package names is there, with its header first.
    for resource in resources {
        let text = read(resource["path"].as_str().unwrap());
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let fields: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields, "{}", resource["path"]);
    }
    // The same organizations, by the same ids, as the JSON export.
    let csv_ids: std::collections::HashSet<String> = read("organizations.csv")
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(csv_ids.len(), json_ids.len());
    assert!(json_ids.iter().all(|id| csv_ids.contains(*id)));
    assert!(read("organizations.csv").contains("Harbor County"));
    // --output is only for the HSDS package.
    let (code, _, err) = run(&[
        "export",
        "--format",
        "csv",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
}

const COUNTY_HSDS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/county-hsds.json"
);
const SPEC_EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/hsds/examples");

/// Imports an HSDS feed into a temporary overlay file; returns its path, exit code and stderr.
fn import(name: &str, source: &str) -> (TempFile, i32, String) {
    let (code, ron, err) = run(&["data", "import", source, "--to-overlay"]);
    (overlay(name, &ron), code, err)
}

#[test]
fn an_hsds_feed_imports_and_its_services_are_offered_for_their_needs() {
    let (path, code, err) = import("county", COUNTY_HSDS);
    assert_eq!(code, 0, "{err}");
    let path = path.to_str().unwrap();
    let (code, out, _) = run(&["data", "check", path]);
    assert_eq!(code, 0, "{out}");
    for (query, org) in [
        ("unpaid wages", "harbor-workers-center"),
        (
            "t visa application help",
            "harbor-legal-aid-immigration-clinic",
        ),
        ("forced labor", "harbor-county-survivors-shelter"),
    ] {
        let (_, answer) = json(&["who-handles", query, "--all", "--data", path]);
        assert!(
            referral_ids(&answer).iter().any(|id| id.starts_with(org)),
            "{query}: {:?}",
            referral_ids(&answer)
        );
    }
    // U.S. numbers become contacts; a number outside the U.S. is kept as written.
    let (code, _) = json(&["phone", "410-555-0121", "--data", path]);
    assert_eq!(code, 0);
    let (_, card, _) = run(&["show", "Harbor Workers' Center", "--data", path]);
    assert!(card.contains("+52 55 5555 0132"), "{card}");
}

#[test]
#[ignore = "reads ../shared/hsds, beside the checkout in CI; CI runs the ignored tests"]
fn the_specifications_own_examples_import_cleanly() {
    assert!(
        std::path::Path::new(SPEC_EXAMPLES).is_dir(),
        "{SPEC_EXAMPLES} is not beside this checkout"
    );
    for example in [
        "organization_full.json",
        "organization_list.json",
        "service_full.json",
        "csv",
    ] {
        let source = format!("{SPEC_EXAMPLES}/{example}");
        let (path, code, err) = import(&example.replace('.', "-"), &source);
        assert_eq!(code, 0, "{example}: {err}");
        let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{example}: {out}");
        assert!(out.contains("1 organizations"), "{example}: {out}");
    }
}

#[test]
fn htref_s_own_export_imports_without_duplicating_the_bundled_data() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (_, exported, _) = run(&["export", "--format", "hsds", "--data", LOCAL]);
    let feed = dir.join("export.json");
    std::fs::write(&feed, exported).unwrap();
    let (path, code, err) = import("roundtrip", feed.to_str().unwrap());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("htref's own bundled records"), "{err}");
    let path = path.to_str().unwrap();
    let (code, out, _) = run(&["data", "check", path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 organizations"), "only the local one: {out}");
    // The same organization is found by its number and its name.
    let (code, phone) = json(&["phone", "410-555-0142", "--data", path]);
    assert_eq!(code, 0);
    assert!(
        phone["matches"][0]["organization"]["name"]
            .as_str()
            .unwrap()
            .contains("Harbor County"),
        "{phone}"
    );
    let (code, _, _) = run(&[
        "show",
        "Harbor County Human Trafficking Task Force",
        "--data",
        path,
    ]);
    assert_eq!(code, 0);
    // Not HSDS at all: one line naming the file, exit 3.
    let (code, _, err) = run(&["data", "import", LOCAL]);
    assert_eq!(code, 3);
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    assert!(err.contains("not JSON"), "{err}");
}

/// Every file under `dir`, with its contents, to compare a folder before and after.
fn snapshot(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let meta = path.symlink_metadata().unwrap();
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                todo.push(path);
            } else if meta.file_type().is_symlink() {
                files.push((
                    name,
                    format!("-> {}", std::fs::read_link(&path).unwrap().display()),
                ));
            } else {
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// What `export --output DIR` leaves beside DIR: no staging or old folder.
fn left_beside(parent: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".htref-"))
        .collect()
}

#[test]
fn export_force_replaces_only_its_own_export_never_a_folder_of_the_users() {
    let dir = tempfile::tempdir().unwrap();
    // A home folder: files and a folder of the user's, nothing htref wrote.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("Documents")).unwrap();
    std::fs::write(home.join("notes.txt"), "case notes").unwrap();
    std::fs::write(home.join("Documents").join("letter.txt"), "a letter").unwrap();
    // A file named like a table is still the user's.
    std::fs::write(home.join("organizations.csv"), "my own list").unwrap();
    let before = snapshot(&home);
    let out = home.to_str().unwrap();
    for force in [false, true] {
        let mut args = vec!["export", "--format", "hsds", "--output", out];
        if force {
            args.push("--force");
        }
        let (code, stdout, err) = run(&args);
        assert_eq!(code, 2, "--force {force}: {err}");
        assert!(stdout.is_empty());
        assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
        assert!(err.contains("home"), "names the folder: {err}");
        assert_eq!(snapshot(&home), before, "--force {force}: nothing touched");
    }
    assert!(
        left_beside(dir.path()).is_empty(),
        "{:?}",
        left_beside(dir.path())
    );

    // htref's own export, with its manifest, is replaced with --force.
    let package = dir.path().join("package");
    let out = package.to_str().unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out]);
    assert_eq!(code, 0, "{err}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(package.join("htref-export.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["written_by"], "htref", "{manifest}");
    let mut listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    listed.push("htref-export.json".into());
    listed.sort();
    let mut present: Vec<String> = snapshot(&package).into_iter().map(|(n, _)| n).collect();
    present.sort();
    assert_eq!(listed, present, "the manifest names every file written");
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out]);
    assert_eq!(code, 2, "not without --force: {err}");
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(package.join("datapackage.json").is_file());

    // A file the user added to the export is theirs: refused, and kept.
    std::fs::write(package.join("README.txt"), "mine").unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(without_hotline(&err).lines().count(), 1, "{err}");
    assert!(err.contains("README.txt"), "{err}");
    assert_eq!(
        std::fs::read_to_string(package.join("README.txt")).unwrap(),
        "mine"
    );
    std::fs::remove_file(package.join("README.txt")).unwrap();

    // A manifest naming a file htref never writes deletes nothing.
    let manifest_path = package.join("htref-export.json");
    let forged = std::fs::read_to_string(&manifest_path).unwrap().replace(
        "\"datapackage.json\"",
        "\"datapackage.json\", \"thesis.docx\"",
    );
    std::fs::write(&manifest_path, forged).unwrap();
    std::fs::write(package.join("thesis.docx"), "years of work").unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(package.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert!(
        left_beside(dir.path()).is_empty(),
        "{:?}",
        left_beside(dir.path())
    );
}

#[test]
fn export_output_never_follows_a_planted_link_nor_replaces_a_folder_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    let out = package.to_str().unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out]);
    assert_eq!(code, 0, "{err}");
    // A link planted where a table was written points at a file outside the folder.
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "keep me").unwrap();
    let organizations = package.join("organizations.csv");
    std::fs::remove_file(&organizations).unwrap();
    std::os::unix::fs::symlink(&outside, &organizations).unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out]);
    assert_eq!(code, 2, "a folder that is not empty: {err}");
    assert!(err.contains("--force") && err.contains("package"), "{err}");
    // htref did not write the link: it is refused, and neither it nor its target changes.
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("organizations.csv"), "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    assert!(
        organizations
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    std::fs::remove_file(&organizations).unwrap();
    let (code, _, err) = run(&["export", "--format", "hsds", "--output", out, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    assert!(
        std::fs::read_to_string(&organizations)
            .unwrap()
            .contains("Wage and Hour")
    );
    // An empty folder is filled without --force.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, _, err) = run(&[
        "export",
        "--format",
        "hsds",
        "--output",
        empty.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(empty.join("datapackage.json").is_file());
    // No staging folder is left beside it.
    assert!(
        left_beside(dir.path()).is_empty(),
        "{:?}",
        left_beside(dir.path())
    );
    // A link as the folder itself is refused.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&package, &link).unwrap();
    let (code, _, err) = run(&[
        "export",
        "--format",
        "hsds",
        "--output",
        link.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_local_entry_cites_no_bundled_source_and_no_unknown_one() {
    for (source, why) in [
        ("state-2007-fact-sheet", "bundled sources"),
        ("made-up", "unknown source"),
    ] {
        let path = overlay(
            &format!("cites-{source}"),
            &format!(
                "#![enable(implicit_some)]\nOverlay(organizations: [Organization(id: \"harbor-clinic\", name: \"Harbor Clinic\", kind: Partner, track: Services, independent: \"A local clinic.\", summary: \"A clinic.\", contacts: [Contact(id: \"harbor-clinic-line\", kind: Voice, label: \"Clinic\", number: \"410-555-0190\", sources: [\"{source}\"])])])"
            ),
        );
        let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
        assert_eq!(code, 3, "{source}: {out}");
        assert!(out.contains(why) && out.contains(source), "{out}");
    }
}

#[test]
fn an_imported_record_never_takes_a_bundled_id() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.json");
    std::fs::write(
        &feed,
        r#"[{"name": "NCMEC", "services": [{"name": "Outreach", "status": "active"}]},
            {"name": "ICE"}, {"name": "ICE"}]"#,
    )
    .unwrap();
    let (_, ron, err) = run(&["data", "import", feed.to_str().unwrap(), "--to-overlay"]);
    let path = overlay("bundled-names", &ron);
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}\n{err}\n{ron}");
    assert!(ron.contains("\"ice-2\""), "{ron}");
}

#[test]
fn an_overlay_past_five_thousand_organizations_says_to_use_the_database() {
    let mut text = String::from("#![enable(implicit_some)]\nOverlay(organizations: [\n");
    for i in 0..5_001 {
        use std::fmt::Write as _;
        let _ = writeln!(
            text,
            "Organization(id: \"org-{i}\", name: \"Org {i}\", kind: Partner, track: Services, independent: \"A local group.\", summary: \"x\", no_contact: \"Walk in.\"),"
        );
    }
    text.push_str("])\n");
    let path = overlay("too-many", &text);
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("5001 organizations") && out.contains("htref data import"),
        "{out}"
    );
}

#[test]
fn an_overlay_from_a_hostile_feed_always_passes_data_check() {
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/feeds/regional-211.json"
    );
    let (code, ron, err) = run(&["data", "import", feed, "--to-overlay"]);
    assert_eq!(code, 3, "the email with a line break is reported: {err}");
    assert!(err.contains("left out (not one plain address)"), "{err}");
    // The feed's copy of the hotline and its repeated shelter are reported, not written.
    assert!(
        err.contains("merged into it") && err.contains("same organization as an earlier record"),
        "{err}"
    );
    assert!(
        !ron.contains("The hotline, as this directory lists it"),
        "{ron}"
    );
    let path = overlay("hostile-feed", &ron);
    let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn an_overlay_line_whose_area_code_cannot_exist_is_refused() {
    for (number, ok) in [
        ("911-555-0100", false),
        ("555-555-0100", false),
        ("123-555-0100", false),
        ("410-555-0100", true),
    ] {
        let path = overlay(
            &format!("area-{}", &number[..3]),
            &format!(
                "#![enable(implicit_some)]\nOverlay(organizations: [Organization(id: \"harbor-clinic\", name: \"Harbor Clinic\", kind: Partner, track: Services, independent: \"A local clinic.\", summary: \"A clinic.\", contacts: [Contact(id: \"harbor-clinic-line\", kind: Voice, label: \"Clinic\", number: \"{number}\")])])"
            ),
        );
        let (code, out, _) = run(&["data", "check", path.to_str().unwrap()]);
        assert_eq!(code == 0, ok, "{number}: {out}");
        if !ok {
            assert!(out.contains("cannot exist"), "{out}");
        }
    }
}
