use htref::data::{ContactKind, Dataset, OrgKind};
use htref::index::Index;
use htref::phone;
use std::collections::HashSet;

fn bundled() -> Dataset {
    htref::data::bundled()
}

#[test]
fn bundled_data_has_no_problems() {
    let data = bundled();
    assert_eq!(data.problems(), vec![]);
    let seeds = data.sources.iter().filter(|s| s.url.is_none()).count();
    assert_eq!(seeds, 5, "one record per seed document");
}

#[test]
fn the_embedded_tables_are_the_ones_the_data_builds() {
    // build.rs packs the tables; stale or damaged ones would match on old terms.
    let data = bundled();
    let embedded = htref::matching::tables::bundled_tables();
    let rebuilt = htref::matching::tables::Tables::build(&data);
    assert!(
        embedded.bytes() == rebuilt.bytes() && embedded.text() == rebuilt.text(),
        "tables built now differ from the embedded ones"
    );
    assert!(
        embedded.view().terms() > 1000,
        "every need term is in the tables"
    );
}

#[test]
fn damaged_tables_are_refused_or_read_wrong_but_never_panic() {
    use htref::matching::tables::Tables;
    use std::borrow::Cow;
    let packed = htref::matching::tables::bundled_tables();
    let (text, bytes) = (packed.text(), packed.bytes().to_vec());
    let cut = Tables::from_parts(
        Cow::Borrowed(text),
        Cow::Borrowed(&bytes[..bytes.len() / 2]),
    );
    assert!(cut.is_none(), "half the tables are not read");
    let mut renamed = bytes.clone();
    renamed[0] ^= 0xff;
    assert!(
        Tables::from_parts(Cow::Borrowed(text), Cow::Owned(renamed)).is_none(),
        "not htref's tables"
    );
    // Any byte changed reads as wrong words, never a panic, and so does a text cut short.
    let short = Tables::from_parts(
        Cow::Borrowed(&text[..text.len() / 3]),
        Cow::Borrowed(&bytes[..]),
    );
    let short = short.expect("the rows are whole");
    let _ = htref::matching::Matcher::new(&bundled(), short.view()).find("labor trafficking");
    let data = bundled();
    for at in (0..bytes.len()).step_by(bytes.len() / 97) {
        let mut changed = bytes.clone();
        changed[at] ^= 0xa5;
        if let Some(tables) = Tables::from_parts(Cow::Borrowed(text), Cow::Owned(changed)) {
            let matcher = htref::matching::Matcher::new(&data, tables.view());
            let _ = matcher.find("16 year old forced to work on a farm, Department of Labor");
        }
    }
}

#[test]
fn every_number_is_well_formed_and_its_digits_agree() {
    let data = bundled();
    let mut numbers = 0;
    for org in data.organizations.iter() {
        for contact in org.contacts.iter() {
            let Some(number) = &contact.number else {
                assert!(!contact.kind.needs_number(), "{} has no number", contact.id);
                continue;
            };
            numbers += 1;
            let digits = contact.digits.as_deref().expect("digits with every number");
            for form in std::iter::once(number).chain(contact.other_forms.iter()) {
                let parsed = phone::parse(form).unwrap_or_else(|e| panic!("{form}: {e}"));
                assert_eq!(parsed.digits, digits, "{} written as {form}", contact.id);
            }
            match contact.kind {
                ContactKind::Voice | ContactKind::Video => {
                    assert_eq!(digits.len(), 10, "{}", contact.id);
                }
                ContactKind::Tty | ContactKind::Text => {
                    assert!(matches!(digits.len(), 3 | 5 | 6 | 10), "{}", contact.id);
                }
                ContactKind::Chat
                | ContactKind::Language
                | ContactKind::Web
                | ContactKind::Email => {
                    panic!("{}: a chat or language channel with a number", contact.id)
                }
            }
        }
    }
    assert!(
        numbers >= 7,
        "the sources print at least seven numbers; found {numbers}"
    );
}

#[test]
fn one_contact_per_number_even_when_written_two_ways() {
    let data = bundled();
    let mut seen = HashSet::new();
    for contact in data.organizations.iter().flat_map(|o| o.contacts.iter()) {
        // A three-digit service code is shared by design: 711 is the relay's, and the
        // hotline lists it as its TTY access.
        if let Some(digits) = contact.digits.as_ref().filter(|d| d.len() != 3) {
            assert!(
                seen.insert(digits.clone()),
                "{digits} appears as two contacts"
            );
        }
    }
}

#[test]
fn every_organization_reaches_a_department_or_says_why_not() {
    let data = bundled();
    let index = Index::new(&data);
    for (i, org) in data.organizations.iter().enumerate() {
        let top = index.ancestors(i).last().copied().unwrap_or(i);
        let top = &data.organizations[top];
        assert!(
            top.kind == OrgKind::Department || top.independent.is_some(),
            "{} sits under {}, which is neither a department nor marked independent",
            org.id,
            top.id
        );
    }
}

#[test]
fn every_need_leads_to_a_contact_or_explains_why_none() {
    let data = bundled();
    let index = Index::new(&data);
    for need in data.needs.iter() {
        let contacts: usize = need
            .referrals
            .iter()
            .map(|r| {
                let org = index.org_by_id(&r.org).expect("referral resolves");
                let route = index
                    .org(org)
                    .route
                    .as_ref()
                    .map_or(0, |r| r.contacts.len());
                index.contacts_for(org, &r.contacts).len() + route
            })
            .sum();
        assert!(
            contacts > 0 || need.no_contact.is_some(),
            "{} leads to no contact and does not say why",
            need.id
        );
    }
}

#[test]
fn the_needs_the_dataset_issue_lists_are_present() {
    let data = bundled();
    let ids: HashSet<&str> = data.needs.iter().map(|n| n.id.as_ref()).collect();
    for id in [
        "general-help",
        "immediate-danger",
        "deaf-tty",
        "text-sms",
        "spanish",
        "live-chat",
        "child-victim",
        "child-sex-trafficking",
        "child-abuse-material-online",
        "child-sex-tourism",
        "parental-abduction",
        "labor-trafficking",
        "wage-theft",
        "farmworkers",
        "child-labor-us",
        "international-labor-supply-chains",
        "workplace-safety",
        "job-discrimination",
        "jobs-training",
        "youth-education",
        "foreign-national-victim",
        "certification-letter",
        "child-eligibility-letter",
        "verify-certification",
        "t-visa",
        "u-visa",
        "continued-presence",
        "case-status",
        "report-law-enforcement",
        "human-smuggling",
        "prosecution-guidance",
        "victim-services-funding",
        "task-forces-training",
        "statistics-data",
        "research-funding",
        "csec-prevention",
        "violence-against-women",
        "trafficking-abroad",
        "nonimmigrant-visa-workers",
        "return-home",
        "benefits-services",
        "awareness-materials",
        "schools",
        "military",
        "international-aid",
        "interagency-coordination",
        "refugee-resettlement",
    ] {
        assert!(ids.contains(id), "need {id} is missing");
    }
}

#[test]
fn old_names_are_kept_as_aliases() {
    let data = bundled();
    let index = Index::new(&data);
    for (old, current) in [
        ("NHTRC", "national-hotline"),
        ("ATIP", "otip"),
        ("G/TIP", "jtip"),
        ("VAWO", "ovw"),
        ("Office of Victims of Crime", "ovc"),
        ("Labor Bureau of International Labor", "ilab"),
        ("Human Trafficking Unit", "ice-hstu"),
        ("1-866-DHS-2-ICE", "ice"),
    ] {
        let found = match phone::parse(old) {
            Ok(number) => index
                .contacts_by_digits(&number.digits)
                .iter()
                .map(|c| c.org)
                .collect(),
            Err(_) => index.orgs_named(old).to_vec(),
        };
        let ids: Vec<&str> = found
            .iter()
            .map(|&o| data.organizations[o].id.as_ref())
            .collect();
        assert_eq!(ids, [current], "{old}");
    }
}

#[test]
fn the_sources_conflicts_are_recorded() {
    let data = bundled();
    let ids: HashSet<&str> = data.conflicts.iter().map(|c| c.id.as_ref()).collect();
    for id in [
        "hotline-funder",
        "htpu-home",
        "continued-presence",
        "hstc-home",
        "ice-unit-name",
        "ceos-home",
        "ovc-name",
        "jtip-name",
        "otip-name",
        "hotline-name",
        "ovw-name",
        "ilab-name",
    ] {
        assert!(ids.contains(id), "conflict {id} is missing");
    }
}

/// One way to break the data.
type Breakage = Box<dyn Fn(&mut Dataset)>;

/// Breaks a copy of the bundled data one way at a time; each must be caught.
#[test]
fn validation_catches_each_kind_of_problem() {
    let good = bundled();
    let cases: Vec<(&str, Breakage)> = vec![
        (
            "duplicate organization id",
            Box::new(|d| {
                let copy = d.organizations[0].clone();
                d.organizations.to_mut().push(copy);
                d.organization_files.to_mut().push("test".into());
            }),
        ),
        (
            "parent `no-such-org`",
            Box::new(|d| d.organizations.to_mut()[1].parent = Some("no-such-org".into())),
        ),
        (
            "unknown organization `nowhere`",
            Box::new(|d| d.needs.to_mut()[0].referrals.to_mut()[0].org = "nowhere".into()),
        ),
        (
            "unknown source `made-up`",
            Box::new(|d| {
                d.organizations.to_mut()[0]
                    .sources
                    .to_mut()
                    .push("made-up".into());
            }),
        ),
        (
            "the organization cites no source",
            Box::new(|d| d.organizations.to_mut()[0].sources.to_mut().clear()),
        ),
        (
            "needs both `number` and `digits`",
            Box::new(|d| {
                let hotline = d
                    .organizations
                    .to_mut()
                    .iter_mut()
                    .find(|o| o.id == "national-hotline")
                    .unwrap();
                hotline.contacts.to_mut()[0].digits = None;
            }),
        ),
        (
            "but digits say",
            Box::new(|d| {
                let hotline = d
                    .organizations
                    .to_mut()
                    .iter_mut()
                    .find(|o| o.id == "national-hotline")
                    .unwrap();
                hotline.contacts.to_mut()[0].digits = Some("8005551234".into());
            }),
        ),
        (
            "no referral leads nowhere",
            Box::new(|d| d.needs.to_mut()[0].referrals.to_mut().clear()),
        ),
        (
            "unknown contact `ghost`",
            Box::new(|d| {
                d.needs.to_mut()[0].referrals.to_mut()[0].contacts = vec!["ghost".into()].into();
            }),
        ),
        (
            "duplicate need id",
            Box::new(|d| {
                let copy = d.needs[0].clone();
                d.needs.to_mut().push(copy);
            }),
        ),
        (
            "loops back",
            Box::new(|d| {
                let last = d.organizations.len() - 1;
                let last_id = d.organizations[last].id.clone();
                d.organizations.to_mut()[last].parent = Some(last_id);
            }),
        ),
        (
            "Spanish entry given twice",
            Box::new(|d| {
                let first = d.vocabulary.spanish[0].clone();
                d.vocabulary.spanish.to_mut().push(first);
            }),
        ),
    ];
    for (expected, break_it) in cases {
        let mut data = good.clone();
        break_it(&mut data);
        let problems: Vec<String> = data.problems().iter().map(ToString::to_string).collect();
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "expected a problem mentioning {expected:?}, got {problems:?}"
        );
    }
}

/// A phrase that loses all but one word to the stop-word list matches far more than it
/// says ("need food" would match "cat food"). Every such phrase must be deliberate: its one
/// remaining word is then a term of the same need on its own.
#[test]
fn no_phrase_collapses_to_a_word_its_need_does_not_list() {
    use htref::matching::normalize::Normalizer;
    let data = bundled();
    let normalizer = Normalizer::new(&data.vocabulary);
    let mut collapsed = Vec::new();
    for need in data.needs.iter() {
        for term in need.terms.iter() {
            let written = term.split_whitespace().count();
            let words = htref::matching::reading::content_words(
                &normalizer,
                &data.vocabulary.rules.words,
                term,
            );
            let listed_alone = need.terms.iter().any(|t| {
                t.split_whitespace().count() == 1
                    && words.len() == 1
                    && htref::matching::reading::content_words(
                        &normalizer,
                        &data.vocabulary.rules.words,
                        t,
                    )
                    .first()
                    .map(|w| &w.stem)
                        == Some(&words[0].stem)
            });
            // Only stop words dropping out counts: glued letters ("T visa") are one word.
            let dropped = htref::matching::reading::all_words(
                &normalizer,
                &data.vocabulary.rules.words,
                term,
            )
            .len()
                > words.len();
            if written > 1 && words.len() == 1 && dropped && !listed_alone {
                collapsed.push(format!("{}: \"{term}\" -> {}", need.id, words[0].surface));
            }
        }
    }
    assert!(
        collapsed.is_empty(),
        "phrases that collapse to one word:\n{}",
        collapsed.join("\n")
    );
}

/// The seed document behind each seed source id (../shared/seeds, cited by title in data).
const SEED_FILES: [(&str, &str); 5] = [
    ("hotline-federal-efforts", "000_6539ee7408dbbf6b.txt"),
    ("fsap-federal-agencies", "001_e6791e20a23168ff.txt"),
    ("state-2007-fact-sheet", "002_0b7d7fdb96f7741e.txt"),
    ("ojp-related-resources", "003_0c71ed9dbf83e301.txt"),
    ("ncjrs-related-resources", "004_4017c1df001cbd76.txt"),
];

/// Lower case, one space between words, straight apostrophes: how names are compared.
fn flattened(text: &str) -> String {
    text.to_lowercase()
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "reads ../shared/seeds, beside the checkout in CI; CI runs the ignored tests"]
fn every_alias_is_written_in_a_seed_it_cites_or_says_it_is_htrefs_own_form() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(
        seeds.exists(),
        "{} is not beside this checkout",
        seeds.display()
    );
    let texts: Vec<(&str, String)> = SEED_FILES
        .iter()
        .map(|(id, file)| {
            let text = std::fs::read_to_string(seeds.join(file)).expect("seed readable");
            (*id, flattened(&text))
        })
        .collect();
    let data = bundled();
    let mut unsupported = Vec::new();
    for org in data.organizations.iter() {
        for alias in org.aliases.iter() {
            let name = flattened(&alias.name);
            let in_a_seed = alias.sources.iter().any(|s| {
                texts
                    .iter()
                    .any(|(id, text)| id == s && text.contains(&name))
            });
            let cites_an_official_page = alias
                .sources
                .iter()
                .any(|s| data.source(s).is_some_and(|s| s.url.is_some()));
            if !in_a_seed && !cites_an_official_page && !alias.note.starts_with("htref's form") {
                unsupported.push(format!("{}: {}", org.id, alias.name));
            }
        }
    }
    assert!(unsupported.is_empty(), "{unsupported:#?}");
}

#[test]
fn official_pages_are_https_on_official_hosts_with_a_read_date() {
    let data = bundled();
    for source in data.sources.iter().filter(|s| s.url.is_some()) {
        let url = source.url.as_deref().unwrap();
        assert!(htref::data::is_official_url(url), "{url}");
        assert!(source.read.is_some(), "{}", source.id);
    }
    assert!(!htref::data::is_official_url("http://www.dol.gov/whd"));
    assert!(!htref::data::is_official_url(
        "https://dol.gov.example.com/"
    ));
    assert!(htref::data::is_official_url("https://report.cybertip.org/"));
}

#[test]
fn every_office_a_need_refers_to_has_a_contact_or_says_why_not() {
    let data = bundled();
    let mut silent = Vec::new();
    for need in data.needs.iter() {
        for r in need.referrals.iter() {
            let org = data.organizations.iter().find(|o| o.id == r.org).unwrap();
            if org.contacts.is_empty() && r.contacts.is_empty() && org.no_contact.is_none() {
                silent.push(format!("{} (from {})", org.id, need.id));
            }
        }
    }
    assert!(silent.is_empty(), "{silent:#?}");
}

#[test]
fn every_web_or_email_contact_has_its_address_and_cites_an_official_page() {
    let data = bundled();
    let mut seen = 0;
    for org in data.organizations.iter() {
        for c in org.contacts.iter() {
            match c.kind {
                ContactKind::Web => {
                    let url = c.url.as_deref().expect("a web contact has a url");
                    assert!(url.starts_with("https://"), "{}: {url}", c.id);
                }
                ContactKind::Email => {
                    assert!(
                        c.email.as_deref().is_some_and(|e| e.contains('@')),
                        "{}",
                        c.id
                    );
                }
                _ => continue,
            }
            seen += 1;
            let official = c
                .sources
                .iter()
                .filter_map(|s| data.source(s))
                .any(|s| s.url.is_some());
            assert!(official, "{} cites no official page", c.id);
        }
    }
    assert!(seen >= 10, "only {seen} web and email contacts");
}

#[test]
fn a_number_from_an_official_page_cites_that_page_in_phone_lookups() {
    // check-numbers.py asks exactly this: the contact's sources, and each source's url.
    let (_, sources) = crate::util::json(&["sources"]);
    let urls: std::collections::HashMap<String, String> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            Some((
                s["id"].as_str()?.to_string(),
                s["url"].as_str()?.to_string(),
            ))
        })
        .collect();
    for number in [
        "1-866-487-9243",
        "1-877-4-HSI-TIP",
        "1-800-375-5283",
        "1-800-THE-LOST",
    ] {
        let (code, answer) = crate::util::json(&["phone", number]);
        assert_eq!(code, 0, "{number}");
        let contact = &answer["matches"][0]["contact"];
        let cited: Vec<&str> = contact["sources"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| urls.get(s.as_str()?).map(String::as_str))
            .collect();
        assert!(
            cited.iter().any(|u| htref::data::is_official_url(u)),
            "{number}: {cited:?}"
        );
    }
}

#[test]
fn a_malformed_web_or_email_contact_is_refused() {
    let data = bundled();
    let mut bad = data.organizations[0]
        .contacts
        .first()
        .cloned()
        .unwrap_or_else(|| {
            data.organizations
                .iter()
                .flat_map(|o| o.contacts.iter())
                .next()
                .cloned()
                .unwrap()
        });
    bad.kind = ContactKind::Web;
    bad.number = None;
    bad.digits = None;
    bad.other_forms = std::borrow::Cow::default();
    bad.url = Some("http://example.com".into());
    let problems = htref::data::contact_problems(&bad);
    assert!(
        problems.iter().any(|p| p.contains("https://")),
        "{problems:?}"
    );
    bad.kind = ContactKind::Email;
    bad.url = None;
    bad.email = Some("not an address".into());
    let problems = htref::data::contact_problems(&bad);
    assert!(
        problems.iter().any(|p| p.contains("not an email address")),
        "{problems:?}"
    );
}

#[test]
fn a_referral_may_not_show_another_offices_line_its_sources_do_not_give_it() {
    let mut data = bundled();
    let needs = data.needs.to_mut();
    let need = needs
        .iter_mut()
        .find(|n| n.id == "child-sex-tourism")
        .unwrap();
    let referral = need
        .referrals
        .to_mut()
        .iter_mut()
        .find(|r| r.org == "ice-operation-predator")
        .unwrap();
    // The review found ICE's tip line on Operation Predator's card; no source puts it there.
    referral.contacts = vec!["ice-tip-line".into()].into();
    let problems = data.problems();
    assert!(
        problems.iter().any(|p| p.to_string().contains("also_for")),
        "{problems:?}"
    );
}

#[test]
fn no_referral_or_route_names_a_superseded_line() {
    let mut data = bundled();
    let need = data
        .needs
        .to_mut()
        .iter_mut()
        .find(|n| n.id == "report-law-enforcement")
        .unwrap();
    let referral = need
        .referrals
        .to_mut()
        .iter_mut()
        .find(|r| r.org == "ice")
        .unwrap();
    referral.contacts = vec!["ice-tip-line".into()].into();
    let hstu = data
        .organizations
        .to_mut()
        .iter_mut()
        .find(|o| o.id == "ice-hstu")
        .unwrap();
    hstu.route.as_mut().unwrap().contacts = vec!["ice-tip-line".into()].into();
    let problems: Vec<String> = data.problems().iter().map(ToString::to_string).collect();
    for what in [
        "referral names `ice-tip-line`",
        "route names `ice-tip-line`",
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(what) && p.contains("superseded")),
            "{what}: {problems:?}"
        );
    }
}

#[test]
fn every_need_has_a_spanish_label_of_its_own() {
    let data = htref::data::bundled();
    for need in data.needs.iter() {
        let spanish = need
            .label_es
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no label_es", need.id));
        assert!(!spanish.trim().is_empty(), "{}", need.id);
        assert_ne!(
            spanish, &*need.label,
            "{}: the English label again",
            need.id
        );
    }
    // A Spanish answer names its needs in Spanish.
    let (_, out, _) = crate::util::run(&["who-handles", "labor", "--lang", "es", "--plain"]);
    let labor = data
        .needs
        .iter()
        .find(|n| n.id == "labor-trafficking")
        .unwrap();
    assert!(
        out.contains(labor.label_es.as_deref().unwrap()) && !out.contains(&*labor.label),
        "{out}"
    );
}

/// What each office is and does, and why it has no line, in htref's own words: each with
/// its Spanish beside it, so `hotline`, `phone` and a Spanish answer say it in Spanish.
#[test]
fn every_office_says_what_it_does_in_spanish_too() {
    let data = htref::data::bundled();
    let mut missing = Vec::new();
    for org in data.organizations.iter() {
        let pairs = std::iter::once(("summary", Some(&*org.summary), org.summary_es.as_deref()))
            .chain(
                org.roles
                    .iter()
                    .map(|r| ("role", Some(&*r.text), r.text_es.as_deref())),
            )
            .chain(std::iter::once((
                "no_contact",
                org.no_contact.as_deref(),
                org.no_contact_es.as_deref(),
            )));
        for (field, english, spanish) in pairs {
            match (english, spanish) {
                (Some(en), Some(es)) if !es.trim().is_empty() && es != en => {}
                (None, None) => {}
                _ => missing.push(format!("{} {field}", org.id)),
            }
        }
    }
    assert!(missing.is_empty(), "no Spanish: {missing:?}");
    let hhs = data.organizations.iter().find(|o| o.id == "hhs").unwrap();
    assert_eq!(hhs.summary_in(false), &*hhs.summary);
    assert_ne!(hhs.summary_in(true), &*hhs.summary);
}

#[test]
fn every_referral_says_why_in_spanish_too() {
    let data = htref::data::bundled();
    let referrals = data
        .needs
        .iter()
        .flat_map(|n| n.referrals.iter().map(move |r| (&*n.id, r)))
        .chain(data.info.asker_referrals.iter().map(|(_, r)| ("asker", r)));
    for (need, referral) in referrals {
        let spanish = referral
            .why_es
            .as_deref()
            .unwrap_or_else(|| panic!("{need} -> {}: no why_es", referral.org));
        assert!(!spanish.trim().is_empty(), "{need} -> {}", referral.org);
        assert_ne!(
            spanish, &*referral.why,
            "{need} -> {}: the English again",
            referral.org
        );
    }
    // A Spanish answer says why in Spanish, an English one in English.
    let labor = data
        .needs
        .iter()
        .find(|n| n.id == "labor-trafficking")
        .unwrap();
    let first = &labor.referrals[0];
    let (_, es, _) = crate::util::run(&["who-handles", "labor", "--lang", "es", "--plain"]);
    assert!(
        es.contains(first.why_es.as_deref().unwrap()) && !es.contains(&*first.why),
        "{es}"
    );
    let (_, en, _) = crate::util::run(&["who-handles", "labor", "--plain"]);
    assert!(en.contains(&*first.why), "{en}");
}

#[test]
fn every_route_reads_in_spanish_too() {
    let data = htref::data::bundled();
    let mut routes = 0;
    for org in data.organizations.iter() {
        if let Some(route) = &org.route {
            routes += 1;
            let spanish = route
                .label_es
                .as_deref()
                .unwrap_or_else(|| panic!("{}: a route with no label_es", org.id));
            assert_ne!(spanish, &*route.label, "{}", org.id);
            assert_eq!(route.label_in(true), spanish);
        }
    }
    assert!(routes > 0);
    // A borrowed line says whose it is in the answer's language.
    let (_, es, _) = crate::util::run(&["who-handles", "labor", "--lang", "es", "--plain"]);
    let (_, en, _) = crate::util::run(&["who-handles", "labor", "--plain"]);
    assert!(en.contains("through the "), "{en}");
    assert!(
        !es.contains("through the ") && es.contains("a través de"),
        "{es}"
    );
}

#[test]
fn every_contact_says_in_spanish_what_it_says_in_english() {
    let data = htref::data::bundled();
    let mut said = 0;
    for org in data.organizations.iter() {
        for c in org.contacts.iter() {
            // "24/7" is the same in both.
            if c.hours.as_deref().is_some_and(|h| h != "24/7") {
                assert!(c.hours_es.is_some(), "{} hours: no Spanish", c.id);
            }
            for (field, english, spanish) in [
                ("reach", &c.reach, &c.reach_es),
                ("audience", &c.audience, &c.audience_es),
                ("note", &c.note, &c.note_es),
            ] {
                match (english, spanish) {
                    (Some(en), Some(es)) => {
                        said += 1;
                        assert_ne!(en, es, "{} {}: the English again", c.id, field);
                    }
                    (None, None) => {}
                    _ => panic!("{} {}: English and Spanish do not pair", c.id, field),
                }
            }
        }
    }
    assert!(said > 50, "{said}");
    // The Spanish answer gives the Spanish.
    let hotline = data
        .organizations
        .iter()
        .find(|o| o.id == "national-hotline")
        .unwrap();
    // The glance shows whom a line is for, else its note.
    let with_note = hotline
        .contacts
        .iter()
        .find(|c| c.note.is_some() && c.audience.is_none() && c.superseded.is_none())
        .unwrap();
    let (_, es, _) = crate::util::run(&["hotline", "--lang", "es", "--plain"]);
    assert!(es.contains(with_note.note_es.as_deref().unwrap()), "{es}");
}

/// What a full card and `--long` say in htref's own words beside the names: each line's
/// name, why it is checked or replaced, why an office stands alone, an old name's note,
/// a relation, a source's short name, what the sources disagree on and what htref shows,
/// and how a Spanish speaker says each need. Each with its Spanish, so `show` and
/// `--long` under `--lang es` say them in Spanish.
#[test]
fn every_text_a_full_view_shows_has_its_spanish() {
    let data = htref::data::bundled();
    let missing: Vec<String> = texts_with_spanish(&data)
        .into_iter()
        .filter(|(_, english, spanish)| match (english, spanish) {
            (Some(_), Some(es)) => es.trim().is_empty(),
            (None, None) => false,
            _ => true,
        })
        .map(|(what, _, _)| what)
        .collect();
    assert!(missing.is_empty(), "no Spanish: {missing:?}");
    // The Spanish card says them; the English card does not.
    let whd = data.organizations.iter().find(|o| o.id == "whd").unwrap();
    let line = &whd.contacts[0];
    let (_, es, _) = crate::util::run(&["show", "whd", "--lang", "es", "--plain"]);
    let (_, en, _) = crate::util::run(&["show", "whd", "--plain"]);
    let spanish = line.label_es.as_deref().unwrap();
    assert!(es.contains(spanish) && !en.contains(spanish), "{es}");
    assert!(es.contains("Resumen:") && en.contains("Summary:"), "{es}");
}

/// Each text of htref's own words that a full view shows, with its Spanish: (what, the
/// English, the Spanish).
type Pair<'d> = (String, Option<&'d str>, Option<&'d str>);

fn texts_with_spanish(data: &htref::data::Dataset) -> Vec<Pair<'_>> {
    let mut pairs: Vec<Pair<'_>> = Vec::new();
    for org in data.organizations.iter() {
        let id = &org.id;
        pairs.push((
            format!("{id} independent"),
            org.independent.as_deref(),
            org.independent_es.as_deref(),
        ));
        for alias in org.aliases.iter() {
            pairs.push((
                format!("{id} alias {}", alias.name),
                Some(&alias.note),
                alias.note_es.as_deref(),
            ));
        }
        for link in org.links.iter() {
            pairs.push((
                format!("{id} link {}", link.to),
                Some(&link.relation),
                link.relation_es.as_deref(),
            ));
        }
        for c in org.contacts.iter() {
            let cid = &c.id;
            pairs.push((
                format!("{cid} label"),
                Some(&c.label),
                c.label_es.as_deref(),
            ));
            pairs.push((
                format!("{cid} verify"),
                c.verify.as_deref(),
                c.verify_es.as_deref(),
            ));
            pairs.push((
                format!("{cid} others"),
                c.others.as_deref(),
                c.others_es.as_deref(),
            ));
            if let Some(old) = &c.superseded {
                pairs.push((
                    format!("{cid} superseded"),
                    Some(&old.note),
                    old.note_es.as_deref(),
                ));
            }
        }
    }
    for source in data.sources.iter() {
        let sid = &source.id;
        pairs.push((
            format!("source {sid}"),
            Some(&source.short),
            source.short_es.as_deref(),
        ));
        pairs.push((
            format!("source {sid} approx"),
            source.approx.as_deref(),
            source.approx_es.as_deref(),
        ));
        pairs.push((
            format!("source {sid} currency"),
            Some(&source.currency),
            source.currency_es.as_deref(),
        ));
        pairs.push((
            format!("source {sid} contributed"),
            Some(&source.contributed),
            source.contributed_es.as_deref(),
        ));
    }
    for conflict in data.conflicts.iter() {
        let cid = &conflict.id;
        pairs.push((
            format!("conflict {cid} topic"),
            Some(&conflict.topic),
            conflict.topic_es.as_deref(),
        ));
        pairs.push((
            format!("conflict {cid} resolution"),
            Some(&conflict.resolution),
            conflict.resolution_es.as_deref(),
        ));
    }
    for need in data.needs.iter() {
        pairs.push((
            format!("need {} no_contact", need.id),
            need.no_contact.as_deref(),
            need.no_contact_es.as_deref(),
        ));
        let first_es = need.examples_es.first().map(AsRef::as_ref);
        pairs.push((
            format!("need {} examples_es", need.id),
            Some(&need.label),
            first_es,
        ));
    }
    pairs
}
