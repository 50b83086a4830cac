//! The advocate's review (docs/ordering.md): the safety rules of the ordering policy, over
//! every need and every asker, and each defect the review found.

use crate::util::{json, need_ids, referral_ids, run};
use htref::data::{Asker, Side, Track};
use htref::index::Index;
use htref::matching::{Matches, NeedMatch};
use htref::plan;

const ASKERS: [Asker; 7] = [
    Asker::Public,
    Asker::Survivor,
    Asker::Advocate,
    Asker::Attorney,
    Asker::LawEnforcement,
    Asker::Benefits,
    Asker::Educator,
];

fn is_enforcement(track: Track) -> bool {
    matches!(track, Track::Investigation | Track::Prosecution)
}

fn is_help(track: Track) -> bool {
    matches!(track, Track::Help | Track::Services | Track::Immigration)
}

/// The plan for one need alone, as if the query had matched only it.
fn plan_for(index: &Index, need: usize, asker: Asker) -> plan::Plan {
    let matches = Matches {
        needs: vec![NeedMatch {
            need,
            score: 1.0,
            hits: Vec::new(),
            positions: Vec::new(),
        }],
        ..Matches::default()
    };
    plan::build(index, matches, asker)
}

/// Whether a referral's lines are all meant for other askers.
fn restricted(index: &Index, r: &plan::PlannedReferral, asker: Asker) -> bool {
    !r.contacts.is_empty()
        && r.contacts.iter().all(|&c| {
            let askers = &index.contact(c).for_askers;
            !askers.is_empty() && !askers.contains(&asker)
        })
}

fn open(index: &Index, r: &plan::PlannedReferral, asker: Asker) -> bool {
    r.contacts.iter().any(|&c| {
        let askers = &index.contact(c).for_askers;
        askers.is_empty() || askers.contains(&asker)
    })
}

#[test]
fn on_a_victims_need_no_enforcement_agency_stands_above_help_or_relief() {
    let data = htref::data::bundled();
    let index = Index::new(&data);
    let mut problems = Vec::new();
    for (n, need) in data.needs.iter().enumerate() {
        if need.side != Side::Victim {
            continue;
        }
        for asker in ASKERS.into_iter().filter(|a| *a != Asker::LawEnforcement) {
            // Rows nobody can reach are set aside: an office with no public line never
            // takes two of the first rows, so enforcement may pass it.
            let tracks: Vec<Track> = plan_for(&index, n, asker)
                .referrals
                .iter()
                .filter(|r| r.primary.is_some())
                .map(|r| index.org(r.org).track)
                .collect();
            let first_enforcement = tracks.iter().position(|t| is_enforcement(*t));
            let last_help = tracks.iter().rposition(|t| is_help(*t));
            if let (Some(e), Some(h)) = (first_enforcement, last_help)
                && e < h
            {
                problems.push(format!("{} for {}: {tracks:?}", need.id, asker.as_str()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_line_meant_for_other_askers_never_stands_above_an_open_line() {
    let data = htref::data::bundled();
    let index = Index::new(&data);
    let mut problems = Vec::new();
    for (n, need) in data.needs.iter().enumerate() {
        for asker in ASKERS {
            let plan = plan_for(&index, n, asker);
            let first_restricted = plan
                .referrals
                .iter()
                .position(|r| restricted(&index, r, asker));
            let last_open = plan.referrals.iter().rposition(|r| open(&index, r, asker));
            if let (Some(r), Some(o)) = (first_restricted, last_open)
                && r < o
            {
                problems.push(format!("{} for {}", need.id, asker.as_str()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_survivors_answer_never_leads_with_a_line_not_meant_for_survivors() {
    let data = htref::data::bundled();
    for need in data.needs.iter() {
        for example in need.examples.iter() {
            let (_, answer) = json(&["who-handles", example, "--as", "survivor"]);
            let Some(first) = answer["referrals"].get(0) else {
                continue;
            };
            let contacts = first["contacts"].as_array().unwrap();
            let all_elsewhere = !contacts.is_empty()
                && contacts.iter().all(|c| {
                    let askers = c["for_askers"].as_array().unwrap();
                    !askers.is_empty() && !askers.iter().any(|a| a == "survivor")
                });
            assert!(!all_elsewhere, "{example:?} leads with {}", first["id"]);
        }
    }
}

#[test]
fn every_needs_own_examples_reach_it() {
    let data = htref::data::bundled();
    let mut misses = Vec::new();
    for need in data.needs.iter() {
        for example in need.examples.iter() {
            let (_, answer) = json(&["who-handles", example]);
            if !need_ids(&answer).iter().any(|id| *id == need.id) {
                misses.push(format!("{}: {example:?}", need.id));
            }
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn fear_or_worry_alone_is_not_immediate_danger_but_danger_words_are() {
    for calm in [
        "afraid",
        "I am scared",
        "worried about my son's grades",
        "undocumented woman afraid of deportation",
        // "Beat" told as what happened, with nothing saying it goes on now.
        "my old boss beat me and never paid me for the summer",
    ] {
        let (_, answer) = json(&["who-handles", calm]);
        assert!(answer["emergency"].is_null(), "{calm:?} says call 911");
    }
    for danger in [
        "he has a gun",
        "she is locked in and can't leave",
        "he is beating her",
    ] {
        let (_, answer) = json(&["who-handles", danger]);
        assert_eq!(answer["emergency"]["number"], "911", "{danger:?}");
    }
}

#[test]
fn a_frightened_undocumented_victim_meets_help_and_relief_before_enforcement() {
    for query in [
        "undocumented woman afraid of deportation",
        "my client is undocumented and scared ICE will deport her",
    ] {
        let (_, answer) = json(&["who-handles", query, "--all"]);
        let ids = referral_ids(&answer);
        let at = |id: &str| ids.iter().position(|x| x == id).unwrap_or(usize::MAX);
        let relief = at("otip").min(at("uscis"));
        assert!(relief < usize::MAX, "{query:?}: {ids:?}");
        assert!(relief < at("ice"), "{query:?}: {ids:?}");
        assert!(relief < at("ice-hstu"), "{query:?}: {ids:?}");
    }
}

#[test]
fn a_child_victim_first_meets_an_office_that_helps_children() {
    let (_, answer) = json(&["who-handles", "child victim", "--all"]);
    let ids = referral_ids(&answer);
    assert_eq!(ids[0], "national-hotline");
    // Not the Office for Victims of Crime, which funds pilot sites and takes no calls.
    assert_ne!(ids[1], "ovc", "{ids:?}");
    let letter = ids.iter().position(|x| x == "otip").unwrap();
    let ovc = ids.iter().position(|x| x == "ovc").unwrap();
    assert!(letter < ovc && letter <= 3, "{ids:?}");
}

#[test]
fn operation_predator_never_shows_the_ice_tip_line_as_its_own() {
    for query in [
        "child sex tourism",
        "child pornography",
        "15 year old being sold online",
    ] {
        let (_, answer) = json(&["who-handles", query, "--all"]);
        for r in answer["referrals"].as_array().unwrap() {
            // Its only way in is a labelled route (the HSI Tip Line), never ICE's old line
            // as if it were the unit's own.
            if r["id"] == "ice-operation-predator" {
                assert!(r["route"].is_object(), "{query:?}: {r}");
                assert!(!r.to_string().contains("8663472423"), "{query:?}: {r}");
            }
        }
    }
}

#[test]
fn a_visa_application_does_not_offer_the_line_for_submitted_cases() {
    for query in [
        "apply for a T visa",
        "U visa application",
        "how do I apply for a T visa",
    ] {
        let (_, answer) = json(&["who-handles", query, "--all"]);
        let ids = referral_ids(&answer);
        assert!(
            !ids.contains(&"uscis-vawa-unit".to_string()),
            "{query:?}: {ids:?}"
        );
        assert_eq!(ids[0], "uscis", "{query:?}");
    }
    // A lawyer checking a filed case still gets it, first: behind the USCIS Contact
    // Center, which USCIS now names for it; never the superseded 2007-era helpline.
    let (_, answer) = json(&["who-handles", "status of my client's T visa"]);
    let first = &answer["referrals"][0];
    assert_eq!(first["id"], "uscis", "{answer}");
    assert!(
        first["behind"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"] == "uscis-vawa-unit"),
        "{first}"
    );
    assert_eq!(first["primary_contact"]["digits"], "8003755283", "{first}");
    assert!(!answer.to_string().contains("8025274888"), "{answer}");
    assert!(answer["role_from_query"].is_string());
}

#[test]
fn a_parental_abduction_is_not_an_eligibility_letter_question() {
    let (_, answer) = json(&[
        "who-handles",
        "my ex took our son to another country",
        "--all",
    ]);
    assert_eq!(need_ids(&answer), ["parental-abduction"]);
    // The State Department's Office of Children's Issues and NCMEC take it; CEOS
    // prosecutes.
    assert_eq!(referral_ids(&answer), ["state-oci", "ncmec", "ceos"]);
}

#[test]
fn missed_kinds_of_questions_now_reach_their_office() {
    let first_office = |query: &str| {
        let (_, answer) = json(&["who-handles", query]);
        referral_ids(&answer)
            .into_iter()
            .find(|id| id != "national-hotline")
            .unwrap_or_default()
    };
    // A trafficking crime is a criminal civil rights matter: the FBI investigates it first
    // (a U.S. Attorney's civil rights page), and the Criminal Section is behind its line.
    assert_eq!(
        first_office("civil rights complaint about trafficking"),
        "fbi"
    );
    assert_eq!(
        first_office("my boss keeps sexually harassing me at work"),
        "eeoc"
    );
    assert_eq!(first_office("analysis of smuggling networks"), "hstc");
}

#[test]
fn an_everyday_complaint_sharing_one_word_with_a_need_is_no_match() {
    for query in [
        "complaint about my neighbor's dog",
        "I want to report a pothole",
        "my boss is always late",
        "complaint about a restaurant",
    ] {
        let (code, answer) = json(&["who-handles", query]);
        assert_eq!(code, 1, "{query:?}");
        assert_eq!(answer["referrals"], serde_json::json!([]), "{query:?}");
    }
}

#[test]
fn who_asks_or_where_it_happens_is_no_need_of_its_own() {
    // The setting or the asker's role said once ("the contractor", "an advocate",
    // "services") brings no need beside the needs the call is about.
    for (query, not) in [
        (
            "the roofing contractor kept our passports and pays us nothing",
            "military",
        ),
        (
            "looking for an advocate who speaks Tagalog for a survivor of forced labor",
            "case-status",
        ),
    ] {
        let (_, answer) = json(&["who-handles", query]);
        let needs: Vec<&str> = answer["needs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|n| n["id"].as_str())
            .collect();
        assert!(!needs.is_empty(), "{query:?}");
        assert!(!needs.contains(&not), "{query:?}: {needs:?}");
    }
}

#[test]
fn guidance_not_from_the_sources_is_labelled_as_such() {
    let (_, text, _) = run(&["hotline", "--tty", "--plain", "--long"]);
    assert!(
        text.contains("general guidance, not from htref's sources: dial 711"),
        "{text}"
    );
    let (_, text, _) = run(&[
        "phone",
        "802-527-4888",
        "--as",
        "survivor",
        "--plain",
        "--long",
    ]);
    assert!(
        text.contains("htref's suggestion, not from the sources"),
        "{text}"
    );
}

#[test]
fn ice_says_how_many_offices_it_has() {
    let (_, text, _) = run(&["show", "ice", "--plain"]);
    assert!(
        text.contains("200 offices in the U.S. and 70 overseas"),
        "{text}"
    );
}

#[test]
fn innocence_lost_is_not_named_crimes_against_children() {
    // The seeds name Crimes Against Children as the FBI program the initiative sits in;
    // the bare name is no alias (and is easily read as the ICAC Task Forces).
    let data = htref::data::bundled();
    let innocence = data
        .organizations
        .iter()
        .find(|o| o.id == "innocence-lost")
        .unwrap();
    assert!(
        innocence
            .aliases
            .iter()
            .all(|a| a.name != "Crimes Against Children")
    );
    let (_, answer) = json(&["show", "Crimes Against Children"]);
    let ids: Vec<&str> = answer["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"innocence-lost"), "{ids:?}");
}

/// The row's primary contact as a comparable key: digits, address or email.
fn primary_key(r: &serde_json::Value) -> Option<String> {
    let p = &r["primary_contact"];
    ["digits", "url", "email"]
        .iter()
        .find_map(|k| p[*k].as_str().map(str::to_string))
}

#[test]
fn no_number_leads_two_rows_of_any_answer() {
    let data = htref::data::bundled();
    for need in data.needs.iter() {
        for example in need.examples.iter() {
            let (_, answer) = json(&["who-handles", example, "--all"]);
            let mut seen = std::collections::HashSet::new();
            for r in answer["referrals"].as_array().unwrap() {
                if let Some(key) = primary_key(r) {
                    assert!(
                        seen.insert(key.clone()),
                        "{example:?}: {key} leads two rows"
                    );
                }
            }
        }
    }
}

#[test]
fn an_office_without_a_line_is_reached_by_a_labelled_route_or_behind_its_line() {
    // Alone, Innocence Lost is reached through the FBI, labelled as a route.
    let (_, answer) = json(&["who-handles", "domestic minor sex trafficking", "--all"]);
    let rows = answer["referrals"].as_array().unwrap();
    let fbi = rows
        .iter()
        .find(|r| r["behind"].to_string().contains("innocence-lost") || r["id"] == "innocence-lost")
        .unwrap_or_else(|| panic!("{answer}"));
    assert_eq!(fbi["primary_contact"]["organization_id"], "fbi", "{fbi}");
    // The channel that takes the report leads: the CyberTipline before the investigators.
    let ids = referral_ids(&answer);
    let after_hotline: Vec<&String> = ids.iter().filter(|i| *i != "national-hotline").collect();
    assert_eq!(after_hotline[0], "ncmec", "{ids:?}");
    // ICAC has no line of its own: its reports go to the CyberTipline, so it is behind
    // NCMEC's row rather than a row that repeats NCMEC's number.
    let (_, images) = json(&["who-handles", "child pornography on a computer", "--all"]);
    let ncmec = images["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ncmec")
        .unwrap_or_else(|| panic!("{images}"));
    assert!(ncmec["behind"].to_string().contains("icac"), "{ncmec}");
}

#[test]
fn a_line_given_for_one_purpose_stays_out_of_other_needs_rows() {
    // OTIP's Child Protection Specialists are for minors' cases; an adult's certification
    // question gets the certification line.
    let (_, adult) = json(&[
        "who-handles",
        "certification letter for an adult victim",
        "--all",
    ]);
    let text = adult.to_string();
    assert!(!text.contains("2022054582"), "{text}");
    let otip = adult["referrals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "otip")
        .unwrap();
    assert_eq!(otip["primary_contact"]["digits"], "8664015510");
    // OVC's training line is no line for a grant seeker.
    let (_, grants) = json(&[
        "who-handles",
        "grant money for a trafficking shelter",
        "--all",
    ]);
    assert!(!grants.to_string().contains("8666828822"), "{grants}");
    // The Civil Rights Division's form and main line are for civil matters without threats
    // or injury: not on a trafficking crime's rows.
    let (_, crime) = json(&[
        "who-handles",
        "report trafficking to law enforcement",
        "--all",
    ]);
    assert!(!crime.to_string().contains("2025143847"), "{crime}");
    // The Criminal Section's own line is for prosecutors' work, never a line for reports.
    assert!(!crime.to_string().contains("2025143204"), "{crime}");
    let (_, guidance) = json(&[
        "who-handles",
        "prosecutor needs guidance on a forced labor indictment",
        "--as",
        "law-enforcement",
    ]);
    let first_three = &guidance["referrals"].as_array().unwrap()[..3];
    assert!(
        first_three
            .iter()
            .any(|r| r["primary_contact"]["digits"] == "2025143204"),
        "{guidance}"
    );
    // OVC's funding page is for grant seekers: not on a victim's rows.
    let (_, victim) = json(&[
        "who-handles",
        "I was trafficked and need a place to stay",
        "--all",
    ]);
    assert!(
        !victim.to_string().contains("how-to-apply-for-funding"),
        "{victim}"
    );
}

#[test]
fn niosh_sits_where_its_own_pages_put_it() {
    let data = htref::data::bundled();
    let parent_of = |id: &str| {
        data.organizations
            .iter()
            .find(|o| o.id == id)
            .and_then(|o| o.parent.as_deref().map(str::to_string))
    };
    assert_eq!(parent_of("niosh").as_deref(), Some("cdc"));
    assert_eq!(parent_of("cdc").as_deref(), Some("hhs"));
}

#[test]
fn the_first_office_after_the_hotline_can_be_reached_for_most_needs() {
    let data = htref::data::bundled();
    let mut reached = 0;
    let mut misses = Vec::new();
    for need in data.needs.iter() {
        let (_, answer) = json(&["who-handles", &need.examples[0], "--all"]);
        let rows = answer["referrals"].as_array().unwrap();
        let first = rows
            .iter()
            .find(|r| r["id"] != "national-hotline")
            .or(rows.first());
        match first {
            Some(r) if primary_key(r).is_some() => reached += 1,
            // Every other one says, from its data, why its office has no public channel.
            Some(r) => {
                assert!(r["no_contact_note"].is_string(), "{}: {r}", need.id);
                misses.push(need.id.to_string());
            }
            None => misses.push(need.id.to_string()),
        }
    }
    // 46 of 50 on 2026-12-03; 49 of 53 on 2026-12-05 (the issue asks 47 of 50): raise
    // this as offices' pages are found. The misses: an intelligence center, the
    // interagency task force, a state task force and the return program, each with a
    // cited reason.
    assert!(
        reached >= 49 && reached + 4 >= data.needs.len(),
        "{reached} of {}: {misses:?}",
        data.needs.len()
    );
}

#[test]
fn no_superseded_or_unverified_line_leads_any_of_the_first_three_rows() {
    let data = htref::data::bundled();
    let index = Index::new(&data);
    // The data has such lines (else this test proves nothing).
    let all = data.organizations.iter().flat_map(|o| o.contacts.iter());
    assert!(all.clone().any(|c| c.superseded.is_some()));
    assert!(all.clone().any(|c| c.verify.is_some()));
    let mut problems = Vec::new();
    for (n, need) in data.needs.iter().enumerate() {
        for asker in ASKERS {
            let plan = plan_for(&index, n, asker);
            for r in plan.referrals.iter().take(3) {
                let Some(primary) = r.primary else { continue };
                let c = index.contact(primary);
                if c.superseded.is_some() || c.verify.is_some() {
                    problems.push(format!("{} for {}: {}", need.id, asker.as_str(), c.id));
                }
                // A superseded line is never listed on a row at all.
                for &listed in &r.contacts {
                    if index.contact(listed).superseded.is_some() {
                        problems.push(format!(
                            "{} for {}: lists {}",
                            need.id,
                            asker.as_str(),
                            index.contact(listed).id
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_superseded_line_is_said_to_be_one_by_phone_and_never_offered_by_who_handles() {
    let data = htref::data::bundled();
    for c in data
        .organizations
        .iter()
        .flat_map(|o| o.contacts.iter())
        .filter(|c| c.superseded.is_some())
    {
        let digits = c.digits.as_deref().expect("a superseded line had a number");
        let (_, text, _) = crate::util::run(&["phone", digits]);
        assert!(text.contains("is no longer offered"), "{}: {text}", c.id);
        // Never in any answer to the needs' own examples, --all included.
        for need in data.needs.iter() {
            let (_, answer) = json(&["who-handles", &need.examples[0], "--all"]);
            let rows = answer["referrals"].as_array().unwrap();
            for row in rows {
                for contact in row["contacts"].as_array().unwrap() {
                    assert_ne!(contact["digits"], digits, "{}: {}", need.id, c.id);
                }
            }
        }
    }
}

#[test]
fn a_us_citizen_in_trouble_abroad_reaches_the_line_for_citizens_abroad() {
    let (_, answer) = json(&["who-handles", "U.S. citizen held by an employer overseas"]);
    let first = &answer["referrals"][0];
    assert_eq!(first["id"], "state-ocs", "{answer}");
    assert_eq!(first["primary_contact"]["digits"], "8884074747");
    // The line from abroad is on the row too.
    assert!(first.to_string().contains("2025014444"), "{first}");
    // The Office of Children's Issues reaches its callers on the same line, as a labelled
    // route: one number leads one row.
    let (_, abduction) = json(&["who-handles", "my ex took our son to another country"]);
    let oci = &abduction["referrals"][0];
    assert_eq!(oci["id"], "state-oci", "{abduction}");
    assert!(
        oci["route"]["label"]
            .as_str()
            .unwrap()
            .contains("U.S. citizens abroad")
    );
}

#[test]
fn a_person_in_danger_never_gets_a_research_mailbox() {
    let (_, answer) = json(&[
        "who-handles",
        "she is locked in a room in Thailand right now and he has a gun",
        "--all",
    ]);
    assert!(answer["emergency"].is_object(), "{answer}");
    assert!(!answer.to_string().contains("tipreport"), "{answer}");
    let (_, report) = json(&[
        "who-handles",
        "report trafficking on a U.S. base overseas",
        "--all",
    ]);
    assert!(!report.to_string().contains("tipreport"), "{report}");
    // Asked for the TIP Report itself, the mailboxes are there.
    let (_, tip) = json(&[
        "who-handles",
        "how do I send information for the TIP report",
    ]);
    assert!(tip.to_string().contains("tipreport"), "{tip}");
}

#[test]
fn tribal_lands_and_visa_certifications_reach_offices_whose_pages_say_so() {
    let (_, tribal) = json(&[
        "who-handles",
        "tribal police asking who to call about a trafficking case",
    ]);
    let ids = referral_ids(&tribal);
    assert!(ids.iter().take(3).any(|id| id == "bia-ojs"), "{ids:?}");
    let (_, cert) = json(&[
        "who-handles",
        "who can sign the supplement b",
        "--as",
        "attorney",
    ]);
    let ids = referral_ids(&cert);
    for signer in ["whd", "eeoc", "osha"] {
        assert!(ids.contains(&signer.to_string()), "{signer}: {ids:?}");
    }
    assert_eq!(ids[0], "whd", "{ids:?}");
}

#[test]
fn a_us_territory_is_not_read_as_abroad() {
    let (_, answer) = json(&["who-handles", "workers trafficked at a farm in Puerto Rico"]);
    let needs = crate::util::need_ids(&answer);
    assert!(
        !needs
            .iter()
            .any(|n| n == "trafficking-abroad" || n == "international-labor-supply-chains"),
        "{needs:?}"
    );
    assert!(
        answer["reading"]["destinations"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn danger_abroad_gives_the_line_for_citizens_abroad_beside_911() {
    let (_, abroad) = json(&[
        "who-handles",
        "my daughter is locked in a hotel room in Mexico right now and he has a gun",
    ]);
    let line = abroad["emergency"]["abroad"]
        .as_str()
        .unwrap_or_else(|| panic!("{abroad}"));
    assert!(
        line.contains("1-202-501-4444") && line.contains("1-888-407-4747"),
        "{line}"
    );
    let (_, home) = json(&["who-handles", "she is locked in the basement right now"]);
    assert!(home["emergency"].is_object());
    assert!(home["emergency"]["abroad"].is_null(), "{home}");
    // Abroad without danger: no 911, no emergency line.
    let (_, trip) = json(&["who-handles", "U.S. citizen held by an employer overseas"]);
    assert!(trip["emergency"].is_null(), "{trip}");
}

/// The need ids of a question's answer.
fn needs_of(query: &str) -> Vec<String> {
    let (_, answer) = json(&["who-handles", query]);
    need_ids(&answer)
}

#[test]
fn a_language_other_than_english_or_spanish_is_its_own_need_and_sign_language_is_not_it() {
    // The hotline's own page: more than 200 languages through interpreters.
    let needs = needs_of("the two new hires speak only Karen and the owner keeps their pay");
    assert!(needs.iter().any(|n| n == "other-language"), "{needs:?}");
    assert!(!needs.iter().any(|n| n == "spanish"), "{needs:?}");
    let needs = needs_of("deaf client needs a sign language interpreter for an interview");
    assert!(needs.iter().any(|n| n == "deaf-tty"), "{needs:?}");
    assert!(!needs.iter().any(|n| n == "other-language"), "{needs:?}");
    let needs = needs_of("my neighbor only speaks Spanish and her boss took her ID");
    assert!(!needs.iter().any(|n| n == "other-language"), "{needs:?}");
    // A language said not to be spoken is not the line offered.
    for text in [
        "the girls speak K'iche' and barely any Spanish, the owner holds their pay",
        "he doesn't speak Spanish, only Q'anjob'al, and needs an interpreter",
    ] {
        let needs = needs_of(text);
        assert!(
            needs.iter().any(|n| n == "other-language"),
            "{text}: {needs:?}"
        );
        assert!(!needs.iter().any(|n| n == "spanish"), "{text}: {needs:?}");
    }
}

#[test]
fn a_us_citizen_said_in_spanish_who_went_to_work_abroad_is_a_citizen_abroad() {
    let needs = needs_of(
        "mi tía es ciudadana estadounidense, se fue a trabajar a Dubái y no la dejan salir",
    );
    assert!(needs.iter().any(|n| n == "citizen-abroad"), "{needs:?}");
}

#[test]
fn a_us_citizen_and_a_place_abroad_in_one_clause_is_a_citizen_abroad_and_only_then() {
    let needs = needs_of(
        "my brother, an american citizen, is stuck at a call center compound in Myanmar and they beat the ones who want out",
    );
    assert_eq!(
        needs.first().map(String::as_str),
        Some("citizen-abroad"),
        "{needs:?}"
    );
    // Read by the need's words too, it still leads, and a capital is abroad.
    let needs = needs_of(
        "my cousin is an american citizen, flew to Kinshasa for a wedding and her uncle took her passport, the job there pays her nothing",
    );
    assert_eq!(
        needs.first().map(String::as_str),
        Some("citizen-abroad"),
        "{needs:?}"
    );
    // The citizen is the caller, at home; the one abroad is someone else.
    let needs = needs_of(
        "I'm a US citizen in Texas. My friend in Ghana paid a recruiter and now works unpaid on a farm",
    );
    assert!(!needs.iter().any(|n| n == "citizen-abroad"), "{needs:?}");
    // The citizen abroad is the offender.
    let needs = needs_of("a US citizen pays for sex with minors in Thailand, who investigates");
    assert!(!needs.iter().any(|n| n == "citizen-abroad"), "{needs:?}");
}

#[test]
fn a_childs_case_by_its_nature_needs_a_child_named() {
    // An adult's pictures posted or held over them: no child's case, however worded.
    for text in [
        "the guy I dated posts my pics on escort sites and keeps what they pay",
        "un hombre me pide dinero o manda mis fotos a mi familia, tengo 30 años",
    ] {
        let needs = needs_of(text);
        assert!(
            !needs.iter().any(|n| n == "child-abuse-material-online"),
            "{text}: {needs:?}"
        );
    }
    // A child named, or a game most of whose players are children: it is.
    for text in [
        "a man keeps asking my 13 year old for pics on instagram",
        "someone on roblox is offering my son robux for photos",
    ] {
        let needs = needs_of(text);
        assert!(
            needs.iter().any(|n| n == "child-abuse-material-online"),
            "{text}: {needs:?}"
        );
    }
}

#[test]
fn a_citizen_in_a_small_country_is_a_citizen_abroad() {
    let needs = needs_of(
        "my son is a US citizen, his fishing boat is docked in Mauritius and the captain has his passport",
    );
    assert_eq!(
        needs.first().map(String::as_str),
        Some("citizen-abroad"),
        "{needs:?}"
    );
}

#[test]
fn children_named_as_someones_family_or_charge_are_no_childs_case() {
    // Cared for at work, gone home to, joined again: the adult's case.
    for text in [
        "the family I nanny for takes my wages for rent and I mind their 2 toddlers all day",
        "she escaped the farm and only wants to fly back to her children in Lagos",
        "mi clienta trabaja cuidando 4 niños sin pago y le quitaron el pasaporte",
    ] {
        let needs = needs_of(text);
        assert!(
            !needs.iter().any(|n| n.starts_with("child")),
            "{text}: {needs:?}"
        );
    }
    // Children who are themselves harmed stay a child's case.
    for text in [
        "her kids are being made to sell candy until midnight for the landlord",
        "a man is alone with my children right now and won't leave",
    ] {
        let needs = needs_of(text);
        assert!(
            needs.iter().any(|n| n.starts_with("child")),
            "{text}: {needs:?}"
        );
    }
}

#[test]
fn the_rez_is_tribal_land_and_sex_made_to_be_had_is_sex_trafficking() {
    let needs = needs_of("my sister lives on the rez and her boyfriend rents her out to truckers");
    assert!(needs.iter().any(|n| n == "tribal-lands"), "{needs:?}");
    let needs = needs_of("the landlord made my roommate sleep with him when we were short");
    assert!(needs.iter().any(|n| n == "sex-trafficking"), "{needs:?}");
}

#[test]
fn a_lone_u_is_you_and_the_u_visa_only_beside_a_word_of_a_case() {
    for text in [
        "can u help me find a shelter tonight",
        "pls tell me what u think i should do",
    ] {
        let needs = needs_of(text);
        assert!(!needs.iter().any(|n| n == "u-visa"), "{text}: {needs:?}");
    }
    let needs = needs_of("her U petition has been pending for four years");
    assert!(
        needs.iter().any(|n| n == "u-visa" || n == "case-status"),
        "{needs:?}"
    );
}

#[test]
fn a_caller_who_refuses_the_police_is_offered_no_police_or_prosecutor_at_all() {
    for text in [
        "my sister got away from the man who sold her, she wants a safe place and counseling but no police",
        "la señora quiere terapia pero no quiere que llamen a la policía",
    ] {
        let (_, answer) = json(&["who-handles", text, "--all"]);
        let ids: Vec<&str> = answer["referrals"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["id"].as_str())
            .collect();
        assert!(ids.contains(&"national-hotline"), "{text}: {ids:?}");
        for police in [
            "fbi",
            "fbi-vsd",
            "ice",
            "hsi-victim-assistance",
            "crt-criminal-section",
        ] {
            assert!(!ids.contains(&police), "{text}: {ids:?}");
        }
    }
}
