use crate::util::{json, need_ids, referral_ids, run, run_wide, strings};

const DANGER_LINE: &str = "If someone is in immediate danger, call 911.";

#[test]
fn who_handles_leads_with_911_when_danger_is_possible() {
    let (code, stdout, _) = run(&[
        "who-handles",
        "workers locked in the factory and can't leave",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with(DANGER_LINE), "{stdout}");
    // Only danger now brings the 911 line: not the kind of case, a tip or a question.
    for calm in [
        "job discrimination",
        "labor",
        "trafficking statistics",
        "grant money for a shelter",
        "can I text the hotline",
        "the hotline's number for deaf callers",
        "not paid 2 months",
        "she is safe now but needs a T visa",
    ] {
        let (_, stdout, _) = run(&["who-handles", calm]);
        assert!(
            !stdout.contains("911"),
            "no danger, no 911 line: {calm}: {stdout}"
        );
    }
    let (_, answer) = json(&["who-handles", "she is locked in and can't leave"]);
    assert_eq!(answer["emergency"]["number"], "911");
}

#[test]
fn words_may_be_quoted_or_not_and_the_alias_works() {
    let (_, quoted) = json(&["who-handles", "child victim"]);
    let (_, unquoted) = json(&["who-handles", "child", "victim"]);
    let (_, alias) = json(&["who", "child", "victim"]);
    assert_eq!(referral_ids(&quoted), referral_ids(&unquoted));
    assert_eq!(referral_ids(&quoted), referral_ids(&alias));
}

#[test]
fn a_sentence_with_several_needs_gives_one_combined_plan() {
    let query = "16 year old from Honduras forced to work on a farm";
    let (code, answer) = json(&["who-handles", query, "--all"]);
    assert_eq!(code, 0);
    let needs = need_ids(&answer);
    for expected in [
        "labor-trafficking",
        "child-labor-us",
        "foreign-national-victim",
        "farmworkers",
    ] {
        assert!(
            needs.iter().any(|n| n == expected),
            "{expected} missing from {needs:?}"
        );
    }
    let ids = referral_ids(&answer);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "referrals are de-duplicated: {ids:?}"
    );
    // Each matched need's first choice is in the plan, and every referral names its needs.
    for need in answer["needs"].as_array().unwrap() {
        let first = need["referrals"][0].as_str().unwrap();
        assert!(ids.iter().any(|id| id == first), "{first} missing");
    }
    for r in answer["referrals"].as_array().unwrap() {
        for need in r["needs"].as_array().unwrap() {
            assert!(needs.iter().any(|n| n == need.as_str().unwrap()));
        }
    }
    // The text forms carry the same plan.
    // The glance table cuts the needs to one line; --long names every one.
    for args in [&["--format", "plain"][..], &["--format", "table", "--long"]] {
        let format = args[1];
        let mut all = vec!["who-handles", query, "--all"];
        all.extend_from_slice(args);
        let (code, stdout, _) = run_wide(&all);
        assert_eq!(code, 0);
        assert_eq!(
            stdout.starts_with(DANGER_LINE),
            answer["emergency"].is_object(),
            "{format}: the 911 line as the JSON says"
        );
        for need in answer["needs"].as_array().unwrap() {
            assert!(
                stdout.contains(need["label"].as_str().unwrap()),
                "{format}: {need}"
            );
        }
        for r in answer["referrals"].as_array().unwrap() {
            assert!(
                stdout.contains(r["name"].as_str().unwrap()),
                "{format}: {}",
                r["name"]
            );
        }
    }
}

#[test]
fn limit_and_all_control_how_many_referrals() {
    let (_, all) = json(&["who-handles", "labor", "--all"]);
    let total = all["total_referrals"].as_u64().unwrap();
    assert_eq!(all["referrals"].as_array().unwrap().len() as u64, total);
    let (_, two) = json(&["who-handles", "labor", "--limit", "2"]);
    assert_eq!(two["referrals"].as_array().unwrap().len(), 2);
    assert_eq!(referral_ids(&two)[..], referral_ids(&all)[..2]);
    assert_eq!(run(&["who-handles", "labor", "--limit", "0"]).0, 2);
}

#[test]
fn ranking_is_deterministic() {
    let first = run(&[
        "who-handles",
        "client's passport taken by employer",
        "--json",
    ])
    .1;
    for _ in 0..3 {
        assert_eq!(
            run(&[
                "who-handles",
                "client's passport taken by employer",
                "--json"
            ])
            .1,
            first
        );
    }
}

#[test]
fn offices_without_a_number_say_so_and_point_to_the_hotline() {
    // An office with no contact point says why, in the data's words, and borrows no
    // other office's number for it.
    let query = "who coordinates all the federal agencies against trafficking";
    let (_, stdout, _) = run(&["who-handles", query, "--plain", "--long"]);
    assert!(
        stdout.contains("Contact: A cabinet-level body of 20 agencies"),
        "{stdout}"
    );
    // At a glance: a short note on the office's own line, and no number on it.
    let (_, glance, _) = run(&["who-handles", query, "--plain"]);
    let line = glance
        .lines()
        .find(|l| l.starts_with("1. "))
        .unwrap_or_else(|| panic!("{glance}"));
    assert!(line.contains("No public line of its own"), "{line}");
    assert!(!line[3..].chars().any(|c| c.is_ascii_digit()), "{line}");
    let (_, stdout, _) = run(&["show", "pitf", "--plain"]);
    assert!(stdout.contains("Contact: A cabinet-level body"), "{stdout}");
    assert!(!stdout.contains("Phone:"), "{stdout}");
}

#[test]
fn plain_output_has_no_table_art_and_labels_every_value() {
    let (_, glance, _) = run(&["who-handles", "visa status", "--plain"]);
    assert!(!glance.contains('│') && !glance.contains('─'), "{glance}");
    // The first office and its line are on one line; the superseded VAWA helpline is not.
    let line = glance
        .lines()
        .find(|l| l.contains("1-800-375-5283"))
        .unwrap_or_else(|| panic!("no USCIS line: {glance}"));
    assert!(line.contains("USCIS"), "{line}");
    assert!(!glance.contains("527-4888"), "{glance}");
    let (_, stdout, _) = run(&["who-handles", "visa status", "--plain", "--long"]);
    assert!(!stdout.contains('│') && !stdout.contains('─'), "{stdout}");
    // One contact per line, label first, number dial-ready, who it is for on the same line.
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Phone: 1-800-375-5283"))
        .unwrap_or_else(|| panic!("no USCIS line: {stdout}"));
    assert!(line.contains("attorneys and representatives"), "{line}");
    let (_, table, _) = run(&["who-handles", "visa status", "--format", "table"]);
    assert!(table.contains('│'), "{table}");
}

#[test]
fn hotline_lists_every_channel_and_narrows_to_one() {
    let (code, stdout, _) = run(&["hotline"]);
    assert_eq!(code, 0);
    for fact in [
        "1-888-373-7888",
        "711",
        "233733",
        "Live chat",
        "Spanish",
        "24/7",
    ] {
        assert!(stdout.contains(fact), "{fact}: {stdout}");
    }
    let (_, long, _) = run(&["hotline", "--long"]);
    assert!(long.contains("24 hours"), "{long}");
    let (_, tty, _) = run(&["hotline", "--tty"]);
    assert!(tty.contains("TTY: 711"), "{tty}");
    assert!(!tty.contains("233733"), "{tty}");
    let (_, text, _) = run(&["hotline", "--text"]);
    assert!(
        text.contains("233733") && text.contains("Message and data rates may apply"),
        "{text}"
    );
    let (_, chat) = json(&["hotline", "--chat"]);
    assert_eq!(chat["contacts"][0]["kind"], "chat");
    assert!(
        chat["contacts"][0]["number"].is_null(),
        "no invented address for the chat"
    );
    let (_, spanish) = json(&["hotline", "--spanish"]);
    assert_eq!(spanish["contacts"][0]["languages"][0], "Spanish");
}

#[test]
fn phone_reads_every_written_form() {
    for (form, org) in [
        ("(888) 428-7581", "crt"),
        ("+1 866 401 5510", "otip"),
        ("18663472423", "ice"),
        ("1-866-DHS-2-ICE", "ice"),
        ("1-888-3737-888", "national-hotline"),
        ("1 888 373 7888", "national-hotline"),
        ("233733", "national-hotline"),
        ("802.527.4888", "uscis-vawa-unit"),
    ] {
        let (code, answer) = json(&["phone", form]);
        assert_eq!(code, 0, "{form}");
        assert_eq!(answer["matches"][0]["organization"]["id"], org, "{form}");
    }
    let (_, stdout, _) = run(&["phone", "802-527-4888"]);
    assert!(
        stdout.contains("is no longer offered") && stdout.contains("1-800-375-5283"),
        "says it is superseded, and what to call instead: {stdout}"
    );
    let (code, stdout, _) = run(&["phone", "(202) 555-0199"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("not in htref's data"), "{stdout}");
}

#[test]
fn show_prints_the_full_card_and_suggests_near_misses() {
    let (code, stdout, _) = run(&["show", "NHTRC"]);
    assert_eq!(code, 0);
    for fact in [
        "National Human Trafficking Hotline",
        "National Human Trafficking Resource Center",
        "1-888-373-7888",
        "Who funds the national hotline",
    ] {
        assert!(stdout.contains(fact), "{fact}: {stdout}");
    }
    let (_, card) = json(&["show", "htpu"]);
    let card = &card["organizations"][0];
    assert_eq!(card["ancestors"][0]["id"], "crt");
    assert_eq!(card["ancestors"][1]["id"], "doj");
    assert!(
        card["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "htpu-home")
    );
    let (_, dept) = json(&["show", "Department of Labor"]);
    let children: Vec<&str> = dept["organizations"][0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(children.contains(&"whd"), "{children:?}");
    let (code, stdout, _) = run(&["show", "Wage and Hour Divison"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("Did you mean: Wage and Hour Division"),
        "{stdout}"
    );
    let (code, _, _) = run(&["show", "pancake house"]);
    assert_eq!(code, 1);
}

#[test]
fn list_is_a_tree_a_table_and_filters() {
    let (code, tree, _) = run(&["list"]);
    assert_eq!(code, 0);
    assert!(
        tree.lines().any(|l| l.starts_with("Department of Justice")),
        "{tree}"
    );
    assert!(
        tree.lines()
            .any(|l| l.starts_with("    Human Trafficking Prosecution Unit")),
        "{tree}"
    );
    let (_, all) = json(&["list"]);
    let (_, offices) = json(&["list", "--kind", "office"]);
    let offices = offices["organizations"].as_array().unwrap();
    assert!(!offices.is_empty() && offices.len() < all["organizations"].as_array().unwrap().len());
    assert!(offices.iter().all(|o| o["kind"] == "office"));
    let (_, doj) = json(&["list", "--department", "DOJ"]);
    assert!(
        doj["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["department"] == "doj")
    );
    let (_, flat, _) = run(&["list", "--flat", "--format", "table"]);
    assert!(flat.contains('│'));
    assert_eq!(run(&["list", "--department", "nowhere"]).0, 2);
}

#[test]
fn needs_and_sources_describe_themselves() {
    let (_, needs) = json(&["needs"]);
    let needs = needs["needs"].as_array().unwrap();
    assert!(needs.len() >= 40);
    assert!(
        needs
            .iter()
            .all(|n| !n["examples"].as_array().unwrap().is_empty())
    );
    let (_, stdout, _) = run(&["sources"]);
    assert!(stdout.contains("2007-12-20"), "{stdout}");
    assert!(stdout.contains("Where the sources disagree"), "{stdout}");
    let (_, conflicts) = json(&["sources", "--conflicts"]);
    assert!(conflicts["sources"].as_array().unwrap().is_empty());
    let mut texts = Vec::new();
    strings(&conflicts["conflicts"], &mut texts);
    assert!(texts.iter().any(|t| t.contains("G/TIP")));
}

#[test]
fn answers_carry_their_sources_and_the_data_date() {
    let (_, answer) = json(&["who-handles", "verify certification"]);
    let first = &answer["referrals"][0];
    assert!(!first["sources"].as_array().unwrap().is_empty());
    assert_eq!(answer["dataset"]["as_of"].as_str().unwrap().len(), 10);
    let (_, stdout, _) = run(&["who-handles", "verify certification", "--long"]);
    assert!(stdout.contains("Source: "), "{stdout}");
    assert!(stdout.contains("Data as of "), "{stdout}");
    let (_, glance, _) = run(&["who-handles", "verify certification"]);
    assert!(glance.contains("Data as of "), "{glance}");
    assert!(
        glance.contains("--long"),
        "the way to the sources: {glance}"
    );
}

#[test]
fn seven_one_one_is_the_national_relay_first() {
    let (code, answer) = crate::util::json(&["phone", "711"]);
    assert_eq!(code, 0);
    let matches = answer["matches"].as_array().unwrap();
    assert_eq!(matches[0]["organization"]["id"], "relay-711", "{answer}");
    // The hotline still says it lists 711 as its TTY access.
    assert!(
        matches
            .iter()
            .any(|m| m["organization"]["id"] == "national-hotline")
    );
    let (_, plain, _) = crate::util::run(&["phone", "711", "--plain"]);
    assert!(plain.contains("relay"), "{plain}");
}

#[test]
fn show_finds_a_unique_part_of_a_name_and_lists_several() {
    let (code, export, _) = run(&["export", "--format", "json"]);
    assert_eq!(code, 0);
    let export: serde_json::Value = serde_json::from_str(&export).unwrap();
    let orgs = export["organizations"].as_array().unwrap();
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    // Every name's first words, when no other organization's names hold them.
    let mut tried = 0;
    for org in orgs {
        let name = org["name"].as_str().unwrap();
        let all = words(name);
        if all.len() < 3 {
            continue;
        }
        let part = all[..all.len() - 1].join(" ");
        let holders = orgs
            .iter()
            .filter(|o| {
                std::iter::once(o["name"].as_str().unwrap())
                    .chain(
                        o["aliases"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .filter_map(|a| a["name"].as_str()),
                    )
                    .any(|n| words(n).windows(all.len() - 1).any(|w| w.join(" ") == part))
            })
            .count();
        if holders != 1 {
            continue;
        }
        tried += 1;
        let (code, card) = json(&["show", &part]);
        assert_eq!(code, 0, "{part}");
        assert_eq!(card["organizations"][0]["id"], org["id"], "{part}");
    }
    assert!(tried >= 10, "{tried}");
    // A word many names share lists them with their ids, exit 1.
    let (code, listed) = json(&["show", "Trafficking"]);
    assert_eq!(code, 1);
    let candidates = listed["candidates"].as_array().unwrap();
    assert!(candidates.len() >= 2 && listed["organizations"].as_array().unwrap().is_empty());
    let (code, text, _) = run(&["show", "Trafficking", "--plain"]);
    assert_eq!(code, 1);
    for c in candidates {
        assert!(text.contains(c["id"].as_str().unwrap()), "{text}");
    }
}

#[test]
fn a_shared_line_names_its_owner_first_and_screen_readers_hear_hours_in_words() {
    let (_, export, _) = run(&["export", "--format", "json"]);
    let export: serde_json::Value = serde_json::from_str(&export).unwrap();
    // The owner of 711: the organization whose 711 line is listed by others too.
    let owner = export["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["contacts"].as_array().unwrap().iter().any(|c| {
                c["digits"] == "711" && !c["also_for"].as_array().is_none_or(Vec::is_empty)
            })
        })
        .expect("a relay service owns 711");
    let (_, phone) = json(&["phone", "711"]);
    assert_eq!(phone["matches"][0]["organization"]["id"], owner["id"]);
    let (_, text, _) = run(&["phone", "711", "--plain"]);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains(owner["name"].as_str().unwrap()) && !first.starts_with("711 belongs to:"),
        "{text}"
    );
    for args in [
        &["who-handles", "labor", "--spoken-digits", "--plain"][..],
        &["hotline", "--spoken-digits", "--plain"],
        &[
            "who-handles",
            "labor",
            "--spoken-digits",
            "--plain",
            "--lang",
            "es",
        ],
    ] {
        let (_, spoken, _) = run(args);
        assert!(!spoken.contains("24/7"), "{args:?}: {spoken}");
    }
    let (_, long, _) = run(&["who-handles", "deaf caller", "--long", "--plain"]);
    assert!(
        long.contains("TTY: ") && !long.contains("Phone, TTY"),
        "{long}"
    );
}

#[test]
fn hotline_and_phone_speak_spanish_in_their_own_words() {
    // The frames a Spanish answer is made of at a glance: the 911 line, the channels, whose
    // number it is. (Texts from the data's sources stay as they are written; `--long`'s
    // field labels are not Spanish yet.)
    let english = [
        "If someone is in immediate danger",
        "belongs to",
        "Whose number",
        "Phone:",
        "Text:",
        "Live chat",
        "Language option",
        "Main line",
        "Channel",
        "How to reach",
        "What it does",
        "is not in htref's data",
    ];
    for args in [
        vec!["hotline", "--lang", "es"],
        vec!["hotline", "--tty", "--lang", "es"],
        vec!["phone", "1-888-373-7888", "--lang", "es"],
        vec!["phone", "711", "--lang", "es"],
        vec!["phone", "911", "--lang", "es"],
        vec!["phone", "202-555-0100", "--lang", "es"],
    ] {
        let (_, out, _) = run(&args);
        for word in english {
            assert!(!out.contains(word), "{args:?}: {word:?} in\n{out}");
        }
    }
    let (_, out, _) = run(&["hotline", "--lang", "es"]);
    assert!(
        out.starts_with("Si alguien está en peligro inmediato, llame al 911."),
        "{out}"
    );
    assert!(
        out.contains("Teléfono") && out.contains("Mensaje de texto"),
        "{out}"
    );
    let (_, out, _) = run(&["phone", "711", "--lang", "es"]);
    assert!(out.contains("711 pertenece a"), "{out}");
}

/// `--json` in a pipe is one line (a program reads it); on a terminal it is indented for a
/// person; both are the same document.
#[test]
fn json_is_one_line_in_a_pipe_and_indented_on_a_terminal() {
    let (code, piped, _) = crate::util::run(&["who-handles", "labor", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(piped.lines().count(), 1, "{piped}");
    let on_screen = crate::util::on_pty("who-handles labor --json", 200, &[("NO_COLOR", "1")])
        .replace('\r', "");
    assert!(on_screen.lines().count() > 50, "{on_screen}");
    let piped: serde_json::Value = serde_json::from_str(&piped).unwrap();
    let shown: serde_json::Value = serde_json::from_str(&on_screen).unwrap();
    assert_eq!(piped, shown);
}
