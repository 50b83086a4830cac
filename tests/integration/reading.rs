//! The reading of a caller's situation: each failure class of the issue "Read the caller's
//! situation, not just the words", with the example that went wrong before it.

use crate::util::{json, need_ids, referral_ids, run};

fn needs(query: &str) -> Vec<String> {
    need_ids(&json(&["who-handles", query]).1)
}

fn all_referrals(query: &str) -> Vec<String> {
    referral_ids(&json(&["who-handles", query, "--all"]).1)
}

/// Whether the answer leads with the 911 line.
fn emergency(query: &str) -> bool {
    !json(&["who-handles", query]).1["emergency"].is_null()
}

/// The threats the answer's reading found (empty when none).
fn threats(query: &str) -> Vec<serde_json::Value> {
    json(&["who-handles", query]).1["reading"]["threats"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Whether any office of immigration enforcement appears anywhere in the answer.
fn immigration_shown(query: &str) -> bool {
    all_referrals(query)
        .iter()
        .any(|id| id == "ice" || id.starts_with("ice-") || id.starts_with("hsi"))
}

#[test]
fn durations_are_not_ages_and_ages_are_read() {
    for adult in [
        "not paid 2 months",
        "my client's U visa was filed 8 months ago",
        "worked there for 5 years and never got paid",
    ] {
        let found = needs(adult);
        assert!(
            !found.iter().any(|n| n.starts_with("child")),
            "{adult}: {found:?}"
        );
        assert!(
            json(&["who-handles", adult]).1["emergency"].is_null(),
            "{adult}"
        );
    }
    for minor in [
        "my niece 16 is being sold for sex",
        "I'm 17 and my boyfriend sells me",
        "mi hija de 15 años está siendo vendida por internet",
    ] {
        let found = needs(minor);
        assert!(
            found.iter().any(|n| n.starts_with("child")),
            "{minor}: {found:?}"
        );
    }
}

#[test]
fn documents_held_are_a_sign_not_an_abduction_or_danger() {
    let (_, answer) = json(&["who-handles", "the crew leader took our passports"]);
    let found = need_ids(&answer);
    assert!(
        found.contains(&"labor-trafficking".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"parental-abduction".to_string()),
        "{found:?}"
    );
    let (_, held) = json(&["who-handles", "passports held by the employer"]);
    assert!(held["emergency"].is_null());
}

#[test]
fn no_police_is_no_request_for_the_police() {
    for query in [
        "no police",
        "I don't want police, he makes me work for nothing",
        "she's afraid of the cops, he forces her to have sex with men for money",
        "wants services not police",
    ] {
        let (_, answer) = json(&["who-handles", query]);
        assert!(
            !need_ids(&answer).contains(&"report-law-enforcement".to_string()),
            "{query}"
        );
        let top: Vec<String> = referral_ids(&answer).into_iter().take(3).collect();
        assert_eq!(enforcement_among(&top), None, "{query}: {top:?}");
    }
}

/// The first police or prosecutor's office among referral ids, if any.
fn enforcement_among(ids: &[String]) -> Option<&String> {
    const ENFORCEMENT: [&str; 8] = [
        "ice",
        "fbi",
        "crt",
        "htpu",
        "ceos",
        "usao",
        "innocence-lost",
        "icac",
    ];
    ids.iter().find(|id| {
        ENFORCEMENT
            .iter()
            .any(|e| *id == e || id.starts_with(&format!("{e}-")))
    })
}

#[test]
fn the_agency_that_threatens_is_never_offered() {
    for query in [
        "employer threatening to report worker to ICE",
        "my boss says he'll have me deported",
        "el patrón amenaza con llamar a la migra",
    ] {
        assert!(
            !immigration_shown(query),
            "{query}: {:?}",
            all_referrals(query)
        );
    }
    let (_, plain, _) = run(&["who-handles", "my boss threatens to call ICE"]);
    assert!(plain.contains("ICE is not offered"), "{plain}");
    // Threatened with the police, a caller is offered no police or prosecutor at all.
    for query in [
        "the foreman says if we complain he'll have the sheriff lock us up",
        "she keeps telling the girls the cops are her friends and will arrest them",
        "el dueño dice que si me voy le va a hablar a la policía",
    ] {
        let shown = all_referrals(query);
        assert_eq!(enforcement_among(&shown), None, "{query}: {shown:?}");
    }
    let (_, plain, _) = run(&[
        "who-handles",
        "he says he'll call the cops on me if I leave the farm",
    ]);
    assert!(
        plain.contains("police and prosecutors are not offered"),
        "{plain}"
    );
}

/// Whether the answer's first referral is there because the question named it.
fn named_first(query: &str) -> Option<String> {
    let answer = json(&["who-handles", query]).1;
    let first = &answer["referrals"][0];
    let named = first["why"].as_array()?.iter().any(|w| {
        w["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("You named it"))
    });
    named.then(|| first["id"].as_str().unwrap_or_default().to_string())
}

#[test]
fn a_name_is_said_in_one_breath_not_scattered_over_a_story() {
    for query in [
        "administration for children and families",
        "the Administration for Children and Families, who runs it",
    ] {
        assert!(named_first(query).is_some(), "{query}");
    }
    // Each word of a name, far apart in a story, names nobody.
    for query in [
        "she went abroad as a nanny through an agency and the family took her passport, she writes me from the kids' tablet at night",
        "the children sleep in the van and the families of the other workers pay the administration fee",
    ] {
        assert_eq!(named_first(query), None, "{query}");
    }
}

#[test]
fn texting_in_the_story_is_no_wish_for_the_text_line() {
    for query in [
        "my neighbor's nanny texted me that the family took her passport",
        "he texts her all night telling her she owes him",
    ] {
        assert!(!needs(query).contains(&"text-sms".to_string()), "{query}");
    }
    for query in [
        "can I text the hotline",
        "she can only text, he checks her calls",
    ] {
        assert!(needs(query).contains(&"text-sms".to_string()), "{query}");
    }
}

#[test]
fn a_not_is_a_not_however_it_is_typed() {
    // The need's terms say "not paid", "doesnt pay": each negation typed any other way
    // reads the same.
    for query in [
        "the restaurant hasn't paid my aunt since october",
        "my boss didnt pay us for the last two weeks",
        "they havent paid the crew at all",
    ] {
        assert!(
            needs(query).contains(&"wage-theft".to_string()),
            "{query}: {:?}",
            needs(query)
        );
    }
}

#[test]
fn phrases_are_read_whole() {
    assert!(
        !needs("he forces her to have sex with men for money").contains(&"wage-theft".to_string())
    );
    let harassment = needs("sexual harassment at work");
    assert!(
        harassment.contains(&"job-discrimination".to_string()),
        "{harassment:?}"
    );
    assert!(
        !harassment.contains(&"sex-trafficking".to_string()),
        "{harassment:?}"
    );
    let tourism = needs("american man going to thailand to have sex with kids");
    assert!(
        tourism.contains(&"child-sex-tourism".to_string()),
        "{tourism:?}"
    );
    assert!(
        !tourism.contains(&"foreign-national-victim".to_string()),
        "{tourism:?}"
    );
}

#[test]
fn real_words_are_not_corrected() {
    for (query, never) in [
        (
            "diplomat's housekeeper not allowed to leave",
            "youth-education",
        ),
        (
            "found sexual images of kids on my husband's phone",
            "victim-services-funding",
        ),
        ("afraid of the cops", "jobs-training"),
    ] {
        let (_, answer) = json(&["who-handles", query]);
        assert_eq!(answer["corrections"], serde_json::json!([]), "{query}");
        assert!(!need_ids(&answer).contains(&never.to_string()), "{query}");
    }
    // A real typo is still read, and said.
    let (_, answer) = json(&["who-handles", "forcd labr"]);
    assert!(!answer["corrections"].as_array().unwrap().is_empty());
}

#[test]
fn forms_and_legal_terms_are_known() {
    let found = needs("detective needs the I-914 Supplement B signed");
    assert!(found.contains(&"t-visa".to_string()), "{found:?}");
    assert!(
        !found.contains(&"certification-letter".to_string()),
        "{found:?}"
    );
    assert!(needs("I-918 Supplement B").contains(&"u-visa".to_string()));
}

#[test]
fn the_asker_is_read_from_the_question() {
    for (query, role) in [
        (
            "caseworker at social services, client has a certification letter, how do I verify",
            "benefits",
        ),
        ("detective working a labor case", "law-enforcement"),
        ("my boss took my passport", "survivor"),
    ] {
        assert_eq!(json(&["who-handles", query]).1["role"], role, "{query}");
    }
}

#[test]
fn no_911_where_nobody_is_in_danger() {
    for query in [
        "trafficking statistics",
        "grant money for a trafficking shelter",
        "can I text the hotline",
        "the hotline's number for deaf callers",
        // A need that is danger in itself, told of the past in part: she got out.
        "my neighbor got out of being trafficked, she wants to move to Peru with her girl",
        "mi vecina ya salió de la trata, quiere irse a Perú con su niña",
    ] {
        assert!(
            json(&["who-handles", query]).1["emergency"].is_null(),
            "{query}"
        );
    }
    assert!(
        json(&[
            "who-handles",
            "she can't leave and he is outside the door now"
        ])
        .1["emergency"]
            .is_object()
    );
}

#[test]
fn spanish_is_understood() {
    for (query, need) in [
        (
            "me quitaron el pasaporte y no me pagan",
            "labor-trafficking",
        ),
        ("trabajo forzado", "labor-trafficking"),
        (
            "mi hija de 15 años está siendo vendida por internet",
            "child-sex-trafficking",
        ),
        (
            "mi hija de 15 anos esta siendo vendida por internet",
            "child-sex-trafficking",
        ),
    ] {
        let (_, answer) = json(&["who-handles", query]);
        assert_eq!(answer["reading"]["language"], "es", "{query}");
        assert!(
            need_ids(&answer).contains(&need.to_string()),
            "{query}: {:?}",
            need_ids(&answer)
        );
    }
}

#[test]
fn no_answer_is_a_dead_end() {
    for query in ["my neighbor's dog barks all night", "labor", "xyzzy qwerty"] {
        let (_, plain, _) = run(&["who-handles", query]);
        // The hotline with its TTY and text line, on one line, once: a row of its own,
        // or else the last line.
        let lines: Vec<&str> = plain
            .lines()
            .filter(|l| l.contains("1-888-373-7888"))
            .collect();
        assert_eq!(lines.len(), 1, "{query}: {plain}");
        for part in ["1-888-373-7888", "24/7", "TTY 711", "233733"] {
            assert!(lines[0].contains(part), "{query}: {}", lines[0]);
        }
    }
    let (code, answer) = json(&["who-handles", "my neighbor's dog barks all night"]);
    assert_eq!(code, 1);
    assert_eq!(
        answer["suggestions"],
        serde_json::json!([]),
        "nothing shares a word"
    );
}

/// A question outside htref's field (tests/eval/out-of-scope.txt) matches no need, brings
/// no 911, exits 1, and still ends on the hotline's line.
#[test]
fn a_question_outside_the_field_matches_nothing_and_is_no_dead_end() {
    let file = std::fs::read_to_string("tests/eval/out-of-scope.txt").unwrap();
    let questions: Vec<&str> = file
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(questions.len() >= 5);
    for query in questions {
        let (code, answer) = json(&["who-handles", query]);
        assert_eq!(code, 1, "{query}: {answer}");
        assert_eq!(answer["needs"], serde_json::json!([]), "{query}");
        assert!(answer["emergency"].is_null(), "{query}");
        let (_, plain, _) = run(&["who-handles", query]);
        assert!(plain.contains("1-888-373-7888"), "{query}: {plain}");
    }
}

#[test]
fn a_spanish_question_is_answered_in_spanish() {
    let (_, plain, _) = run(&[
        "who-handles",
        "me tienen encerrada en un cuarto y no puedo salir",
        "--plain",
    ]);
    assert!(
        plain.starts_with("Si alguien está en peligro inmediato, llame al 911."),
        "{plain}"
    );
    assert!(plain.contains("Necesidad"), "{plain}");
    let last = plain.lines().last().unwrap_or_default();
    assert!(
        last.contains("1-888-373-7888")
            && last.contains("texto 233733")
            && last.contains("atiende en español"),
        "{last}"
    );
    // --lang wins over the question; LANG comes after the question.
    let (_, english, _) = run(&["who-handles", "trabajo forzado", "--plain", "--lang", "en"]);
    assert!(
        english.contains("Need") && !english.contains("Necesidad"),
        "{english}"
    );
    let (_, spanish, _) = run(&["who-handles", "labor", "--plain", "--lang", "es"]);
    assert!(spanish.contains("Necesidad"), "{spanish}");
    let out = crate::util::htref()
        .env("LANG", "es_MX.UTF-8")
        .args(["who-handles", "xyzzy qwerty"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ninguna necesidad"), "{text}");
}

#[test]
fn a_spanish_answer_says_its_own_markers_in_spanish() {
    // htref's own words (what it read, whom it answers, markers, footer) follow the
    // question's language; offices' names and the sources' texts stay as written.
    let (_, plain, _) = run(&[
        "who-handles",
        "mi jefe amenaza con llamar a ICE si me quejo y no me paga",
        "--plain",
        "--all",
    ]);
    for spanish in ["Leído como", "una amenaza", "Respuesta para", "Datos al"] {
        assert!(plain.contains(spanish), "{spanish}: {plain}");
    }
    for english in [
        "Read as",
        "Answer for",
        "sources disagree",
        "No public line of its own",
        "weekdays",
        "web page; --long",
        "behind this line",
        "Data as of",
    ] {
        assert!(!plain.contains(english), "{english}: {plain}");
    }
    // The same question with --lang en has the English words.
    let (_, english, _) = run(&[
        "who-handles",
        "mi jefe amenaza con llamar a ICE si me quejo y no me paga",
        "--plain",
        "--lang",
        "en",
    ]);
    assert!(
        english.contains("Read as") && english.contains("Answer for"),
        "{english}"
    );
}

#[test]
fn the_learned_weights_add_a_need_no_term_lists_and_never_a_childs_need_for_an_adult() {
    let data = htref::data::bundled();
    let tables = htref::matching::tables::bundled();
    let model = htref::matching::bundled_model();
    assert!(model.is_some(), "build.rs bakes the weights");
    let needs = |query: &str, with_model: bool| -> Vec<String> {
        let matcher = htref::matching::Matcher::new(&data, tables);
        let matcher = if with_model {
            matcher.with_model(model)
        } else {
            matcher
        };
        matcher
            .find(query)
            .needs
            .iter()
            .map(|m| data.needs[m.need].id.to_string())
            .collect()
    };
    // Forced labor said in words no term of needs.ron holds.
    let query = "they make us sleep in the shed and lock the gate at night";
    assert!(!needs(query, false).contains(&"labor-trafficking".to_string()));
    assert!(needs(query, true).contains(&"labor-trafficking".to_string()));
    // An adult's age keeps the weights from adding a child's need.
    let adult = "boyfriend sells her on escort sites, she's 22";
    assert!(
        !needs(adult, true).iter().any(|n| n.starts_with("child")),
        "{:?}",
        needs(adult, true)
    );
}

#[test]
fn an_abbreviation_without_context_is_read_safe_and_the_other_sense_said() {
    // Alone, "CP" leads with the safer sense (a child's abuse reported) and names the other.
    let (_, answer) = json(&["who-handles", "CP"]);
    assert!(need_ids(&answer).contains(&"child-abuse-material-online".to_string()));
    let others = &answer["reading"]["ambiguous"][0]["others"];
    assert!(
        others
            .as_array()
            .is_some_and(|o| o.iter().any(|s| s == "continued presence")),
        "{others}"
    );
    let (_, plain, _) = run(&["who-handles", "CP", "--plain"]);
    assert!(plain.contains("continued presence"), "{plain}");
    // With context, one sense is read and nothing is said of the other.
    for (query, need) in [
        (
            "CP request for my client, she is a witness",
            "continued-presence",
        ),
        ("found CP on his laptop", "child-abuse-material-online"),
    ] {
        let (_, answer) = json(&["who-handles", query]);
        assert!(need_ids(&answer).contains(&need.to_string()), "{query}");
        assert_eq!(
            answer["reading"]["ambiguous"],
            serde_json::json!([]),
            "{query}"
        );
    }
    // A letter read as a visa only beside a word of a case, and never twice when written
    // out.
    assert!(
        needs("my client's T has been pending since march, can she travel")
            .contains(&"t-visa".to_string())
    );
    assert!(
        needs("how do I apply for a T visa for a client forced to work")
            .contains(&"t-visa".to_string())
    );
}

#[test]
fn a_trip_abroad_with_children_is_neither_sex_tourism_nor_an_abduction() {
    let wrong = [
        "child-sex-tourism",
        "parental-abduction",
        "immediate-danger",
    ];
    for query in [
        "my daughter is going on a trip to Mexico next month with her school",
        "taking my boys on a trip to Mexico to see their grandma",
        "our youth group is going to Guatemala on a mission trip with the kids",
    ] {
        let found = needs(query);
        assert!(
            !found.iter().any(|n| wrong.contains(&n.as_str())),
            "{query}: {found:?}"
        );
    }
    for (query, need) in [
        (
            "a man from our church is planning a trip to Cambodia to be with young boys",
            "child-sex-tourism",
        ),
        (
            "he flies to Thailand next week to have sex with kids",
            "child-sex-tourism",
        ),
        (
            "my ex took our son to Mexico and won't bring him back",
            "parental-abduction",
        ),
        (
            "my husband wants to travel abroad with our child without my consent",
            "parental-abduction",
        ),
    ] {
        assert!(needs(query).contains(&need.to_string()), "{query}");
    }
}

#[test]
fn a_child_exploited_now_is_danger_though_the_story_has_a_past() {
    // Something in the past ("ran away last week") leaves the rest in the present: a
    // child sold now, or a child's case said to happen now ("tonight", "in an hour").
    for query in [
        "my 14 year old cousin left home in the spring and a man is selling her online",
        "15 year old girl ran away from her group home last month, her pimp has her at a motel tonight",
        "she is 15 and left her foster home in may, a buyer is coming for her in an hour",
    ] {
        assert!(emergency(query), "{query}");
    }
    for query in [
        // A child's case with nothing said to happen now is a report to make today.
        "15 year old girl ran away from her group home last month and now her pictures are on an escort site",
        "I was trafficked for sex when I was 15, now I'm 30",
        "my niece was sold for sex last year when she was 14",
        "if a 15 year old were being sold online who would I call",
        "a 16 year old was sold online but she is safe now at her aunt's",
    ] {
        assert!(!emergency(query), "{query}");
    }
}

#[test]
fn harassment_at_work_and_firing_for_it_are_job_discrimination_and_a_child_touched_is_not() {
    for query in [
        "my supervisor keeps touching me and asking for sexual favors, I told HR and got fired for complaining",
        "the foreman groping women on the line, anyone who says something gets fired after reporting",
    ] {
        assert!(
            needs(query).contains(&"job-discrimination".to_string()),
            "{query}"
        );
    }
    for query in [
        "a man at church keeps touching her, she is 9",
        "her stepdad touches her at night, she is 12",
    ] {
        assert!(
            !needs(query).contains(&"job-discrimination".to_string()),
            "{query}"
        );
    }
}

#[test]
fn the_callers_words_are_quoted_as_typed_accents_and_all() {
    let (_, plain, _) = run(&[
        "who-handles",
        "mi hija de 16 años trabaja sin pago",
        "--plain",
    ]);
    assert!(plain.contains("\"16 años\""), "{plain}");
    assert!(!plain.contains("16 anos"), "{plain}");
}

#[test]
fn a_caller_who_keeps_away_from_the_police_is_not_guessed_to_want_to_report() {
    // The learned weights read "caller" and "sex" as a wish to report; the reader finds the
    // caller refuses the police, so only words that say so bring the reporting channel.
    for query in [
        "hotline volunteer: the caller refuses to involve the police, her cousin makes her sell sex",
        "intake: caller won't talk to cops, 20yo forced by her boyfriend to sell sex and drugs",
    ] {
        let (_, answer) = json(&["who-handles", query]);
        let needs: Vec<&str> = answer["needs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        assert!(needs.contains(&"sex-trafficking"), "{query}: {needs:?}");
        assert!(
            !needs.contains(&"report-law-enforcement"),
            "{query}: {needs:?}"
        );
    }
}

/// The weights may lean toward a child's case from the setting alone (a room, men): with
/// no child's age in the question they must be nearly sure, so an adult's case keeps its
/// own need and gets no child's row.
#[test]
fn a_childs_need_from_the_weights_alone_wants_a_childs_age_or_near_certainty() {
    let query = "hotel guest told me her pimp is in the room with the men right now";
    let needs = need_ids(&json(&["who-handles", query]).1);
    assert!(needs.iter().any(|n| n == "sex-trafficking"), "{needs:?}");
    assert!(!needs.iter().any(|n| n.starts_with("child")), "{needs:?}");
    // A child's age still brings the child's need.
    let needs = need_ids(
        &json(&[
            "who-handles",
            "hotel guest told me her pimp has her 15 year old sister in the room with the men",
        ])
        .1,
    );
    assert!(
        needs.iter().any(|n| n == "child-sex-trafficking"),
        "{needs:?}"
    );
}

/// However sure the weights are of the setting's words ("motel", "room"), a child's need
/// they alone read wants the question to name a child in words or give a child's age:
/// a woman's case at a motel is no child's case, a teenager's is.
#[test]
fn a_childs_need_from_the_weights_alone_wants_a_child_named() {
    let query = "she told the night clerk her boyfriend makes her go with guys at the motel \
                 and keeps the money";
    let ids = needs(query);
    assert!(!ids.iter().any(|n| n.starts_with("child")), "{ids:?}");
    let query = "a teenager told the night clerk her boyfriend makes her go with guys at the \
                 motel and keeps the money";
    let ids = needs(query);
    assert!(ids.iter().any(|n| n.starts_with("child")), "{ids:?}");
}

/// A child's word beside an adult's age describes that adult ("a girl of 20"), and the
/// answer is an adult's; a child's age anywhere in the question keeps a child's case.
#[test]
fn a_childs_word_beside_an_adults_age_is_an_adult() {
    for query in [
        "my cousin, a 20 year old girl, is made to sleep with men for money by her boyfriend",
        "mi sobrina, muchacha de 21 años, la obligan a estar con clientes en un bar",
    ] {
        let ids = needs(query);
        assert!(
            !ids.iter().any(|id| id.starts_with("child")),
            "{query}: {ids:?}"
        );
        assert!(!ids.is_empty(), "{query}: nothing read");
    }
    for query in [
        "a 20 year old and her 14 year old sister are sold to men at a motel",
        "my 30 year old sister's kids are being sold",
        "my sister is 30 and her kids are being sold by her boyfriend",
        "the 25 year old manager has children working the fryer",
    ] {
        let ids = needs(query);
        assert!(
            ids.iter().any(|id| id.starts_with("child")),
            "{query}: {ids:?}"
        );
    }
}

/// A wish to report brings the reporting channel by itself when it names someone a report
/// could be about, and never for the city's business.
#[test]
fn a_report_alone_names_someone_or_is_none_of_htrefs() {
    for query in [
        "how can I turn in my ex employer",
        "quiero denunciar a mi antiguo patrón",
        "I would like to report the contractor who brought us here",
    ] {
        let ids = needs(query);
        assert!(
            ids.iter().any(|id| id == "report-law-enforcement"),
            "{query}: {ids:?}"
        );
    }
    for query in [
        "how do I report a pothole",
        "where do I report a broken water main",
        "how can I report a stray cat in my yard",
    ] {
        let ids = needs(query);
        assert!(
            !ids.iter().any(|id| id == "report-law-enforcement"),
            "{query}: {ids:?}"
        );
    }
}

/// People shut in, taken inside by force, or held until someone pays are in danger now; a
/// person taken aside to talk is not.
#[test]
fn people_shut_in_or_held_for_pay_are_in_danger_now() {
    for query in [
        "the crew boss shut all of us inside the barn and left with the key",
        "somebody jammed the door from outside and we cant open it, we are six",
        "they are keeping my sister at the house until we pay them 3000",
        "a man just grabbed her and pulled her into a car outside the club",
        "we got locked in the back room of the shop again",
    ] {
        assert!(emergency(query), "{query}");
    }
    for query in [
        "my supervisor pulled me aside and asked if my papers were real",
        "the landlord changed the locks on the empty unit after the last tenant left",
        "he used to lock us in the shed two summers ago, now I work somewhere else",
    ] {
        assert!(!emergency(query), "{query}");
    }
}

/// Threats in more words: the agency coming for someone, the police as the boss's friends,
/// a visa to be denied, a promise of harm for going to the agency, sent to one's country.
#[test]
fn threats_in_other_words_are_read_and_their_agency_kept_out() {
    let agencies = |q: &str| -> Vec<String> {
        let answer = json(&["who-handles", q, "--all"]).1;
        answer["reading"]["threats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["agency"].as_str().unwrap().to_string())
            .collect()
    };
    for (query, agency) in [
        (
            "the owner told us the cops will be coming for anyone who quits",
            "police",
        ),
        (
            "mi patrón dice que la chota viene por nosotros si no pagamos",
            "police",
        ),
        (
            "my supervisor brags that his deputy buddy will arrest me",
            "police",
        ),
        (
            "she says she'll get my visa application denied if I complain",
            "immigration",
        ),
        (
            "the recruiter says if we go to immigration we will regret it",
            "immigration",
        ),
        (
            "el encargado dice que nos va a mandar a nuestro país",
            "immigration",
        ),
    ] {
        let read = agencies(query);
        assert!(read.iter().any(|a| a == agency), "{query}: {read:?}");
    }
    for query in [
        "can the police come to my house if I call the hotline",
        "can ICE come to my house if I call the hotline",
        "will immigration come for me if I report my boss",
        "I want to send money to my country every month",
    ] {
        let read = agencies(query);
        assert!(read.is_empty(), "{query}: {read:?}");
    }
}

/// A report said as a note's heading ("Report:"), as names or a plate given, as a formal
/// complaint, or with Spanish verb forms, is a wish to report.
#[test]
fn reports_in_other_words_bring_the_reporting_channel() {
    for query in [
        "Report: the nail salon on 5th keeps its workers passports in a safe",
        "can I give you the plate number of the van that picks up the girls",
        "we want to file a formal complaint against the labor contractor",
        "quiero reportar a la persona que vende a las muchachas",
        "Denuncia: el patrón no deja salir a los trabajadores del rancho",
    ] {
        let ids = needs(query);
        assert!(
            ids.iter().any(|id| id == "report-law-enforcement"),
            "{query}: {ids:?}"
        );
    }
    // A heading that is a label, not a wish: no report.
    let ids = needs("Question: where do survivors get free counseling");
    assert!(
        !ids.iter().any(|id| id == "report-law-enforcement"),
        "{ids:?}"
    );
}

/// A child's case with the child out of harm's way now (with the one asking, in custody,
/// home, recovered) carries no 911 line; a child sold now still does. A weapon carried in a Spanish
/// past, and the emergency room in Spanish, are no danger now.
#[test]
fn a_child_out_of_harms_way_now_needs_no_911() {
    for query in [
        "16 year old girl was being sold by her cousin over the summer, she is with us now at the group home",
        "a 15 yo boy the men made sell drugs and sex is in juvenile detention, who gives services",
        "mi hermano de 30 años trabajó en un rancho donde el capataz andaba con pistola, ahora vive conmigo",
        "trabajo en la sala de emergencias y tengo una paciente que pide ayuda con una visa T",
        // Recovered, or here with the one asking: out of it now.
        "officers recovered a 14 year old from an escort ad sting last night, who helps her now",
        "the 16 year old is here with me at the front desk, she says her boyfriend sells her to his friends",
    ] {
        assert!(!emergency(query), "{query}");
    }
    for query in [
        "a 14 year old is being sold at the motel on route 9 right now",
        "my niece is 15 and her boyfriend is selling her, she is at his place",
        "a 14 year old is being sold out of room 12 right now",
    ] {
        assert!(emergency(query), "{query}");
    }
}

/// A caller threatened with or afraid of immigration gets the hotline and services before
/// any police or prosecutor; an officer asking about such a case gets investigators.
#[test]
fn a_caller_afraid_of_deportation_sees_services_before_any_badge() {
    for query in [
        "tengo miedo que me deporten, el patrón no me paga hace dos meses y guarda mi pasaporte",
        "the owner of the salon holds our passports and says she will call ICE if we quit",
    ] {
        let ids = referral_ids(&json(&["who-handles", query]).1);
        let leading: Vec<String> = ids.iter().take(3).cloned().collect();
        assert_eq!(enforcement_among(&leading), None, "{query}: {ids:?}");
    }
    let ids = referral_ids(
        &json(&[
            "who-handles",
            "workers say the boss holds their passports and threatens to call ICE, which agency investigates",
            "--as",
            "law-enforcement",
        ])
        .1,
    );
    let leading: Vec<String> = ids.iter().take(3).cloned().collect();
    assert!(enforcement_among(&leading).is_some(), "{ids:?}");
}

/// A U.S. citizen in danger abroad is out of 911's reach: the State Department's line for
/// citizens abroad leads, and no 911 line is printed.
#[test]
fn danger_to_a_citizen_abroad_goes_to_the_line_for_citizens_abroad_not_911() {
    let query = "my cousin is an American citizen working as a maid in Kuwait and the employer locked her in the house";
    let (_, answer) = json(&["who-handles", query]);
    assert!(answer["emergency"].is_null(), "{query}");
    assert_eq!(answer["needs"][0]["id"], "citizen-abroad", "{query}");
    // On the screen the line that can help leads, as 911's would.
    let (_, text, _) = run(&["who-handles", query]);
    assert!(!text.contains("911"), "{text}");
    let first = text.lines().next().unwrap_or_default();
    assert!(first.contains("Overseas Citizens Services"), "{text}");
    // At home, the same danger is 911's.
    let query = "my cousin is an American citizen working as a maid in Ohio and the employer locked her in the house";
    assert!(
        json(&["who-handles", query]).1["emergency"].is_object(),
        "{query}"
    );
}

/// Another country's consulate here, asking for its nationals, is no U.S. citizen abroad.
#[test]
fn a_foreign_consulate_here_is_no_citizen_abroad() {
    for query in [
        "this is the Honduran consulate in Houston, two of our nationals at a poultry plant are not paid",
        "consulado de El Salvador en Dallas: un connacional trabaja sin pago en una obra",
    ] {
        let ids = needs(query);
        assert!(
            !ids.iter().any(|id| id == "citizen-abroad"),
            "{query}: {ids:?}"
        );
    }
    let ids = needs("can the US consulate help my son, he is stuck in Cancun");
    assert!(ids.iter().any(|id| id == "citizen-abroad"), "{ids:?}");
}

/// A U.S. citizen named in one sentence and the place abroad in the next is a citizen
/// abroad: the State Department's line for citizens abroad is in the answer.
#[test]
fn a_citizen_abroad_said_over_two_sentences_is_read() {
    let query = "my daughter is a US citizen, 19. She is stuck at a factory compound in Laos and they took her passport";
    let ids = needs(query);
    assert!(ids.iter().any(|id| id == "citizen-abroad"), "{ids:?}");
    let ids = needs("I am a US citizen. How do I sponsor my wife from Mexico for a green card");
    assert!(!ids.iter().any(|id| id == "citizen-abroad"), "{ids:?}");
    // The caller of themself.
    for query in [
        "I'm an American. I came to work at a resort and they took my passport, I'm in Mexico",
        "im american i came to Qatar to be a nanny and the family took my passport",
    ] {
        let ids = needs(query);
        assert!(
            ids.iter().any(|id| id == "citizen-abroad"),
            "{query}: {ids:?}"
        );
    }
}

/// A U.S. state is no foreign country for the word in its name ("New Mexico", "Nuevo
/// México"), and a small town in Spanish ("un pueblito") is no tribal land.
#[test]
fn a_state_named_for_a_country_is_home_and_a_spanish_town_is_no_tribe() {
    for query in [
        "my aunt cleans rooms at a lodge in New Mexico and the owner keeps her pay",
        "mi tía limpia cuartos en un pueblito de Nuevo México y el dueño no le paga",
    ] {
        let ids = needs(query);
        assert!(
            !ids.iter()
                .any(|n| n == "foreign-national-victim" || n == "tribal-lands"),
            "{query}: {ids:?}"
        );
    }
}

/// Where people met or were advertised ("online", "on Facebook") is no child's abuse
/// material by itself; photos asked of a child are.
#[test]
fn online_alone_is_no_childs_abuse_material() {
    let query =
        "my neighbor, 34, met a guy online who now drives her to clients and keeps the cash";
    let ids = needs(query);
    assert!(
        !ids.iter().any(|n| n == "child-abuse-material-online"),
        "{ids:?}"
    );
    let query = "a man on instagram keeps asking my 12 year old for naked photos";
    let ids = needs(query);
    assert!(
        ids.iter().any(|n| n == "child-abuse-material-online"),
        "{ids:?}"
    );
}

/// Children a worker is hired to care for are the job, not the victims: a nanny's case is
/// an adult's labor case.
#[test]
fn the_children_a_nanny_cares_for_are_no_childs_case() {
    for query in [
        "my friend takes care of the kids for a family in Dallas, no pay for months, they keep her passport",
        "mi prima cuida a los niños de un señor en Miami, no le pagan y le quitaron el pasaporte",
    ] {
        let ids = needs(query);
        assert!(
            !ids.iter().any(|n| n.starts_with("child")),
            "{query}: {ids:?}"
        );
        assert!(
            ids.iter().any(|n| n == "labor-trafficking"),
            "{query}: {ids:?}"
        );
    }
}

#[test]
fn a_caller_without_papers_or_dreading_deportation_is_not_sent_to_immigration() {
    // Said in so many words of oneself, or as a wish refused ("I don't want them to
    // deport him"), with no fear word.
    for query in [
        "we are undocumented and the smuggler says we owe him 9 thousand, is this trafficking",
        "no tengo papeles y el señor que nos cruzó dice que le debemos, eso es contrabando?",
        "mi sobrino trabaja en una fábrica sin pago y no quiero que lo deporten",
    ] {
        assert!(
            !immigration_shown(query),
            "{query}: {:?}",
            all_referrals(query)
        );
    }
}

#[test]
fn a_moment_said_now_or_soon_decides_a_childs_case_and_the_past_gives_it_back() {
    // The past ends at the pause before a word of now, or at a verb in the present.
    for query in [
        "my 15 yo sister left home last month, her pimp has her at a hotel tonight",
        "they took a 14 year old girl into the back room rn",
        "the captain hit my brother yesterday we been out for weeks and he wont bring us in",
    ] {
        assert!(emergency(query), "{query}");
    }
    for query in [
        "a 16 year old in my class has pictures on an escort site, who do I tell",
        "my old boss beat me and never paid me for the last two months",
        "la señora no me deja salir sola y escucha mis llamadas, hay un chat?",
    ] {
        assert!(!emergency(query), "{query}");
    }
}

#[test]
fn words_of_this_round_are_read_as_a_call_taker_hears_them() {
    // A child who "has" a bare number is that old; someone else's citizenship said a
    // sentence away from where they are held.
    assert!(
        needs("mi hija tiene 15 y trabaja de noche en una empacadora sin que le paguen")
            .iter()
            .any(|n| n.starts_with("child")),
        "a 15-year-old's case"
    );
    assert!(
        needs("my sister went to work as a maid in Qatar and they keep her passport. she's American, who helps her")
            .contains(&"citizen-abroad".to_string())
    );
    // A farm labor contractor is no military contractor.
    assert!(
        !needs("the labor contractor hasn't paid our crew for three weeks")
            .contains(&"military".to_string())
    );
    // Wishing someone jailed is wishing to report; a school report is not.
    assert!(
        needs("honestly i want them in jail for what they did to my cousin")
            .contains(&"report-law-enforcement".to_string())
    );
    assert!(
        !needs("writing a research report on labor trafficking for my class")
            .contains(&"report-law-enforcement".to_string())
    );
}

#[test]
fn threats_said_as_done_already_or_as_a_made_up_charge_are_threats() {
    for query in [
        "my old crew boss texted that he already reported me to immigration",
        "the grower told us anyone who complains will get sent home on the next bus",
        "el contratista dice que si vamos con el abogado le habla a la migra",
        "la dueña amenaza con llamar a la patrulla si pedimos el pago",
        "my manager says he'll file a police report for stolen tools if I quit",
    ] {
        assert!(!threats(query).is_empty(), "{query}");
    }
    // A story of long ago about other people is no threat to this caller.
    let story = "my grandpa says in the 80s a grower called the border patrol on the strikers";
    assert_eq!(threats(story), Vec::<serde_json::Value>::new(), "{story}");
}

#[test]
fn harm_going_on_is_danger_and_work_tools_and_habits_are_not() {
    for query in [
        "the crew leader is auctioning off a girl at the labor camp",
        "the manager has my coworker in a chokehold behind the packing shed",
        "el chofer no abre las puertas de la camioneta y estamos adentro",
    ] {
        assert!(emergency(query), "{query}");
    }
    for query in [
        "I cut my hand with the harvest knife last week, do they have to pay the days off",
        "they lock our phones in a cabinet during the shift, is that legal",
        "her pimp takes her money and beats her when she comes up short, she wants a shelter",
        "the supervisor forced her to work doubles all month without overtime",
    ] {
        assert!(!emergency(query), "{query}");
    }
    // A threat to take the caller's own children makes no child's case.
    assert!(
        !needs("the owner says if I leave he will call CPS and take my kids")
            .iter()
            .any(|n| n.starts_with("child")),
        "the caller's own children"
    );
}

#[test]
fn someone_hurt_and_still_on_a_job_is_danger_and_an_exit_ban_or_a_plea_by_text_is_not() {
    for query in [
        "a roofer fell two stories and is not breathing, the super says don't call anyone",
        "the wall of the ditch caved in and two men are under the dirt",
    ] {
        assert!(emergency(query), "{query}");
    }
    for query in [
        "my brother works in Kuwait, his sponsor took his passport and won't let him leave the country",
        "mi prima le mandó un mensaje a su amiga pidiendo ayuda para encontrar otro trabajo",
    ] {
        assert!(!emergency(query), "{query}");
    }
    // A threat to hand someone to immigration, said in the first person of the boss.
    let query = "el patrón le dijo te entrego a la migra si sigues preguntando por tu cheque";
    assert!(!threats(query).is_empty(), "{query}");
}

#[test]
fn a_list_joined_by_or_is_negated_whole_but_a_consequence_after_or_is_not() {
    for query in [
        "she's not locked in or chained, she can come and go",
        "they don't have a gun or a knife, they just yell at us",
        "no tienen pistola ni cuchillo, solo nos gritan",
    ] {
        assert!(!emergency(query), "{query}");
    }
    // "Or he calls immigration" is what comes of it, not one more thing negated.
    let query = "boss says don't go to the clinic or file a claim or he calls immigration on us";
    assert!(!threats(query).is_empty(), "{query}");
}

#[test]
fn a_grown_child_named_by_relation_is_no_childs_case_and_a_partners_age_keeps_one() {
    // An adult's age said of a son or a daughter: no child labor, no parental abduction.
    for query in [
        "my son 22 took a job in Laos and now his boss holds his passport",
        "my daughter who is 23 and a US citizen was taken to Tijuana by a man who is selling her",
    ] {
        let read = needs(query);
        assert!(
            !read
                .iter()
                .any(|n| n.starts_with("child") || n == "parental-abduction"),
            "{query}: {read:?}"
        );
    }
    // A minor's age beside her partner's adult one is a minor's case.
    let query = "patient is 15, says her 28 year old boyfriend sets up dates and keeps the cash";
    assert!(
        needs(query).iter().any(|n| n == "child-sex-trafficking"),
        "{query}"
    );
    // A parent abroad with a child is parental abduction before a citizen abroad.
    let query = "my ex took our 8 year old to Peru without my consent, she is a US citizen";
    assert_eq!(
        needs(query).first().map(String::as_str),
        Some("parental-abduction")
    );
}

#[test]
fn an_arrest_feared_keeps_the_police_out_of_the_lead() {
    let query = "mi sobrino de 15 vende droga para unos hombres, no quiero que lo arresten";
    let read = json(&["who-handles", query]).1;
    let avoid = read["reading"]["avoid"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        avoid.iter().any(|a| a["agency"] == "police"),
        "{query}: {avoid:?}"
    );
}

#[test]
fn child_sex_tourism_leads_over_the_place_it_happened() {
    // The weights read what happened abroad; the words "American" and a country only say
    // where: the citizen abroad is the offender, not someone to help.
    for query in [
        "a deacon at our church, an american, flies to the philippines twice a year for the young ones. who takes that",
        "my brother in law keeps going to thailand and bragging about little girls there, who investigates that",
    ] {
        let read = needs(query);
        assert!(
            read.iter().any(|n| n == "child-sex-tourism"),
            "{query}: {read:?}"
        );
        assert!(
            !read
                .iter()
                .any(|n| n == "citizen-abroad" || n == "trafficking-abroad"),
            "{query}: {read:?}"
        );
    }
}

#[test]
fn a_childs_age_said_in_the_past_is_still_her_age_now() {
    // "At 16 she left with him last month" puts the leaving in the past, not her age: a
    // girl of that age held in a motel right now is a child sold now.
    let query = "my niece, 16, ran off with a man of 30 last month and a friend says shes being sold at a motel right now";
    let answer = json(&["who-handles", query]).1;
    assert!(!answer["emergency"].is_null(), "{query}: no 911");
}

#[test]
fn drugs_sold_are_no_child_sold() {
    // Forced to sell drugs is forced crime, a labor case: no minor "sells her".
    for query in [
        "the gang makes my 15 year old brother sell drugs after school",
        "mi sobrino de 15 vende drogas para unos hombres",
    ] {
        let read = needs(query);
        assert!(
            !read.iter().any(|n| n == "child-sex-trafficking"),
            "{query}: {read:?}"
        );
    }
}

#[test]
fn a_country_graded_a_list_of_goods_and_a_us_student_abroad_are_read() {
    let query = "how does the state dept grade thailand on trafficking";
    assert!(
        needs(query).iter().any(|n| n == "trafficking-abroad"),
        "{query}"
    );
    let query = "is there a government list of goods made with forced labor, we buy cotton";
    assert_eq!(
        needs(query).first().map(String::as_str),
        Some("international-labor-supply-chains"),
        "{query}"
    );
    let query = "one of our US students interning in Qatar says her sponsor took her passport";
    assert!(
        needs(query).iter().any(|n| n == "citizen-abroad"),
        "{query}"
    );
}

#[test]
fn materials_in_a_language_are_no_interpreter_needed() {
    // The language is the posters', not a caller's.
    let query =
        "where can our clinic order free posters about trafficking in vietnamese and spanish";
    let read = needs(query);
    assert!(
        read.iter().any(|n| n == "awareness-materials"),
        "{query}: {read:?}"
    );
    assert!(
        !read.iter().any(|n| n == "spanish" || n == "other-language"),
        "{query}: {read:?}"
    );
    // Without materials the language is the caller's.
    let query = "the worker only speaks vietnamese, who can interpret";
    assert!(
        needs(query).iter().any(|n| n == "other-language"),
        "{query}"
    );
}

#[test]
fn a_word_said_again_is_read_in_its_own_sentence() {
    // "letter" said first in one sentence and again beside "verify" in the next: the
    // second one stands in the second sentence, with the word that makes it a term.
    let query =
        "a client brought in a letter from HHS. can we verify the letter before we approve snap";
    let answer = json(&["who-handles", query]).1;
    let verify = answer["needs"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["id"] == "verify-certification")
        .cloned()
        .unwrap_or_default();
    let read_together = verify["matched_terms"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|hit| {
            let words = hit["words"].as_array().cloned().unwrap_or_default();
            words.iter().any(|w| w == "verify") && words.iter().any(|w| w == "letter")
        });
    assert!(read_together, "{query}: {verify}");
}

#[test]
fn fumes_at_work_and_a_prevention_program_in_spanish_are_read() {
    let query = "the shop has no ventilation and the fumes give my sister a headache every day, who can come inspect";
    assert!(
        needs(query).iter().any(|n| n == "workplace-safety"),
        "{query}: {:?}",
        needs(query)
    );
    let query = "busco un programa de prevencion para las muchachitas de la iglesia";
    assert!(
        needs(query).iter().any(|n| n == "csec-prevention"),
        "{query}: {:?}",
        needs(query)
    );
}
