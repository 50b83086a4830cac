//! A Spanish answer is wholly Spanish: no English word outside the names that stay as
//! written (every organization's name and acronym from the data, and the laws, programs
//! and lines in tests/data/spanish-names.txt) and the caller's own words quoted back.
//! The questions (tests/eval/spanish-questions.txt) were written blind by a bilingual
//! advocate who saw neither the code nor htref's answers; none is in the training corpus.

use crate::util::run;
use htref::matching::words::{is_english, is_spanish};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Lower case, accents off, as data/words folds its lists.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'ï' => 'i',
            'ó' | 'ò' | 'ö' => 'o',
            'ú' | 'ù' | 'ü' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

/// Spanish words the Spanish list lacks as written (it holds base forms; `is_spanish`
/// tries regular endings only): irregular verb forms ("dice", "da", "sean", "van"), words
/// both languages spell alike ("hay", "usa", "preside"), and English words Spanish has
/// taken as they are ("internet", "web", "visa", "video", "pódcast").
const SPANISH_FORMS: [&str; 29] = [
    "dice", "da", "dan", "han", "sean", "sea", "pone", "decide", "coincide", "extras", "locales",
    "graves", "internet", "web", "visa", "visas", "chat", "fax", "hay", "va", "van", "usa",
    "preside", "describe", "protege", "video", "id", "podcast", "kit",
];

/// Whether a folded word is Spanish: in the list, a regular form of a word in it, or a
/// plural of one ("fuentes", "naciones").
fn spanish(word: &str) -> bool {
    is_spanish(word)
        || SPANISH_FORMS.contains(&word)
        || word.strip_suffix("es").is_some_and(is_spanish)
        || word.strip_suffix('s').is_some_and(is_spanish)
}

/// The names a Spanish answer keeps as written, longest first.
fn names() -> Vec<String> {
    let data = htref::data::bundled();
    let mut names: Vec<String> =
        std::fs::read_to_string(root().join("tests/data/spanish-names.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    for org in data.organizations.iter() {
        names.push(org.name.to_string());
        names.extend(org.acronym.as_deref().map(str::to_string));
        // Old names and other spellings are names too (`show` lists them).
        names.extend(org.aliases.iter().map(|a| a.name.to_string()));
    }
    // A source's publisher is its own name, cited as written (its title is quoted).
    names.extend(data.sources.iter().map(|s| s.publisher.to_string()));
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// A text less every part between a pair of `mark`s.
fn outside(text: &str, mark: char) -> String {
    text.split(mark).step_by(2).collect::<Vec<_>>().join(" ")
}

/// The English words of a Spanish answer: words in the English list and not in the
/// Spanish one, outside names, quotes, options and addresses.
fn english_words(answer: &str, names: &[String]) -> Vec<String> {
    let mut text = answer.to_string();
    for name in names {
        text = text.replace(name.as_str(), " ");
    }
    // The caller's own words, quoted back ("15 años"), stay as typed; so do htref's own
    // commands, named as they are typed ("htref show jtip", "`htref sources`").
    let uncoded = outside(&outside(&text, '"'), '`');
    let commandless = uncoded.replace("htref show", " ").replace("htref ", " ");
    // Ids are typed as they are ("hsi-victim-assistance", "labor-trafficking").
    let data = htref::data::bundled();
    let ids: std::collections::HashSet<&str> = data
        .organizations
        .iter()
        .map(|o| &*o.id)
        .chain(data.needs.iter().map(|n| &*n.id))
        .chain(data.conflicts.iter().map(|c| &*c.id))
        .chain(data.sources.iter().map(|s| &*s.id))
        .collect();
    commandless
        .split_whitespace()
        // Addresses stay as written, whatever a name left of them ("OTJ@usdoj.gov").
        .filter(|w| !w.contains('/') && !w.contains('@'))
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !ids.contains(w.trim_end_matches(|c: char| !c.is_alphanumeric())))
        // Options ("--long"), web addresses, and acronyms in capitals stay as written.
        .filter(|w| !w.starts_with("--") && (!w.contains('.') || w.ends_with('.')))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() > 1 && !w.chars().all(char::is_uppercase))
        .map(fold)
        // htref's own lists and reader: the Spanish list holds base forms, and
        // `is_spanish` tries plurals and verb endings ("fuentes", "dice").
        .filter(|w| is_english(w) && !spanish(w))
        .collect()
}

#[test]
fn a_spanish_question_gets_an_answer_with_no_english_word() {
    let names = names();
    let questions =
        std::fs::read_to_string(root().join("tests/eval/spanish-questions.txt")).unwrap();
    let mut failures = Vec::new();
    let mut asked = 0;
    for question in questions.lines().filter(|l| !l.trim().is_empty()) {
        asked += 1;
        let (code, out, _) = run(&["who-handles", question, "--plain"]);
        assert!(code == 0 || code == 1, "{question}: exit {code}");
        let found = english_words(&out, &names);
        if !found.is_empty() {
            failures.push(format!("{question}\n  {found:?}"));
        }
    }
    assert!(asked >= 30, "{asked}");
    assert!(
        failures.is_empty(),
        "English in Spanish answers:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_check_finds_english_where_it_is() {
    let found = english_words(
        "Investiga la trata; through the HSI Tip Line, weekdays",
        &names(),
    );
    assert!(
        found.contains(&"through".to_string()) && found.contains(&"weekdays".to_string()),
        "{found:?}"
    );
    assert!(!found.contains(&"tip".to_string()), "{found:?}");
}

#[test]
fn the_hotline_in_spanish_is_wholly_spanish() {
    let (code, out, _) = run(&["hotline", "--lang", "es", "--plain"]);
    assert_eq!(code, 0);
    let found = english_words(&out, &names());
    assert!(found.is_empty(), "{found:?}\n{out}");
}

/// The text of an HTML sheet: its style and tags out, a few entities read.
fn sheet_text(html: &str) -> String {
    let body = html.split("</style>").last().unwrap_or(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[test]
fn the_clients_spanish_sheet_has_no_english_word() {
    let names = names();
    let questions =
        std::fs::read_to_string(root().join("tests/eval/spanish-questions.txt")).unwrap();
    for question in questions.lines().filter(|l| !l.trim().is_empty()).take(10) {
        let (_, html, _) = run(&["who-handles", question, "--format", "html"]);
        let found = english_words(&sheet_text(&html), &names);
        assert!(found.is_empty(), "{question}: {found:?}");
    }
}

#[test]
fn needs_in_spanish_names_each_need_in_spanish() {
    let data = htref::data::bundled();
    let (code, out, _) = run(&["needs", "--lang", "es", "--plain"]);
    assert_eq!(code, 0);
    for need in data.needs.iter() {
        let spanish = need.label_es.as_deref().unwrap();
        assert!(out.contains(spanish), "{}: {out}", need.id);
        // ("Continued Presence" stays a name inside its Spanish label.)
        assert!(
            !out.contains(&format!("{}: {}", need.label, need.id)),
            "{}: the English label",
            need.id
        );
        // The English examples stay out of a Spanish listing.
        for example in need.examples.iter() {
            assert!(
                !out.contains(&format!("\"{example}\"")),
                "{}: {example}",
                need.id
            );
        }
    }
    assert!(out.contains("necesidades"), "{out}");
}

/// Why an office has no line of its own is said in Spanish in a Spanish answer's `--long`
/// view (the data's `no_contact_es`), under a Spanish label.
#[test]
fn a_spanish_long_answer_says_why_an_office_has_no_line_in_spanish() {
    let (_, long, _) = run(&[
        "who-handles",
        "presencia continuada para mi clienta",
        "--long",
        "--plain",
    ]);
    let reasons: Vec<&str> = long
        .lines()
        .filter(|l| l.trim_start().starts_with("Contacto:"))
        .collect();
    assert!(!reasons.is_empty(), "{long}");
    assert!(!long.contains("Contact: "), "{long}");
    assert!(!long.contains("No public line"), "{long}");
}

/// Every command's full view under `--lang es` is Spanish too: the field names, what each
/// office does, each line's name, hours and notes, the citations and the sources'
/// disagreements (their claims quoted as the sources wrote them).
#[test]
fn every_full_view_in_spanish_has_no_english_word() {
    let names = names();
    let data = htref::data::bundled();
    let mut failures = Vec::new();
    let mut check = |args: &[&str]| {
        let (code, out, err) = run(args);
        assert!(code == 0 || code == 1, "{args:?}: exit {code}: {err}");
        let found = english_words(&out, &names);
        if !found.is_empty() {
            failures.push(format!("{args:?}\n  {found:?}"));
        }
    };
    let questions =
        std::fs::read_to_string(root().join("tests/eval/spanish-questions.txt")).unwrap();
    for question in questions.lines().filter(|l| !l.trim().is_empty()) {
        check(&["who-handles", question, "--long", "--plain"]);
    }
    for org in data.organizations.iter() {
        check(&["show", &org.id, "--lang", "es", "--plain"]);
    }
    check(&["list", "--lang", "es", "--plain"]);
    check(&["list", "--flat", "--lang", "es", "--plain"]);
    check(&["needs", "--long", "--lang", "es", "--plain"]);
    check(&["hotline", "--long", "--lang", "es", "--plain"]);
    check(&["sources", "--lang", "es", "--plain"]);
    check(&["sources", "--conflicts", "--lang", "es", "--plain"]);
    check(&[
        "phone",
        "1-866-487-9243",
        "--long",
        "--lang",
        "es",
        "--plain",
    ]);
    assert!(
        failures.is_empty(),
        "English in Spanish full views:\n{}",
        failures.join("\n")
    );
}

/// An error under `--lang es` still ends with the hotline, said in Spanish: the language
/// is read from the arguments as typed, even when they are what failed to parse.
#[test]
fn an_error_in_spanish_ends_with_the_hotline_in_spanish() {
    for args in [
        &["who-handles", "", "--lang", "es"][..],
        &["who-handles", "trabajo", "--lang=es", "--no-such-flag"],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        let last = err.lines().last().unwrap();
        assert!(
            last.contains("sigue atendiendo") && last.contains("1-888-373-7888"),
            "{args:?}: {err}"
        );
    }
    let (_, _, err) = run(&["who-handles", ""]);
    assert!(err.contains("still answers"), "{err}");
}

/// The usage errors a Spanish-speaking call-taker meets first (an empty question, a name
/// left out, a number that is none) are said in Spanish under `--lang es`.
#[test]
fn the_first_usage_errors_are_spanish_under_lang_es() {
    let names = names();
    for args in [
        &["who-handles", " ", "--lang", "es"][..],
        &["show", " ", "--lang", "es"],
        &["phone", "abc", "--lang", "es"],
        &[
            "who-handles",
            "trabajo",
            "--where",
            "Springfield",
            "--lang",
            "es",
        ],
        &[
            "who-handles",
            "trabajo",
            "--where",
            "Atlantida",
            "--lang",
            "es",
        ],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        let first = err.lines().next().unwrap();
        let found = english_words(first.trim_start_matches("htref: error: "), &names);
        assert!(found.is_empty(), "{args:?}: {found:?} in {first}");
    }
}

/// clap's own usage errors (an unknown flag or command, a missing question, a value that
/// is not one of the choices) are said in Spanish when Spanish was asked for, by `--lang es`
/// or by a Spanish question, and the hotline still ends them. The usage line names the
/// flags as typed, and is left out of the check.
#[test]
fn a_mistyped_command_is_explained_in_spanish() {
    let names = names();
    for args in [
        &["who-handles", "trabajo", "--lang", "es", "--no-such-flag"][..],
        &["who-hanldes", "trabajo", "--lang", "es"],
        &["who-handles", "--lang", "es"],
        &["who-handles", "trabajo", "--lang", "es", "--limit", "abc"],
        &[
            "who-handles",
            "trabajo",
            "--lang",
            "es",
            "--color",
            "sometimes",
        ],
        &["who-handles", "trabajo", "--lang", "es", "--as"],
        &[
            "who-handles",
            "me quitaron el pasaporte en la granja",
            "--limt",
            "3",
        ],
        &["list", "--department", "nada", "--lang", "es"],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        let said: Vec<&str> = err
            .lines()
            .filter(|line| !line.starts_with("Uso:"))
            .collect();
        let found = english_words(&said.join("\n"), &names);
        assert!(found.is_empty(), "{args:?}: {found:?} in\n{err}");
        assert!(
            err.trim_end().ends_with("texto 233733"),
            "{args:?}: the hotline does not end\n{err}"
        );
    }
    // In English, clap's own words.
    let (_, _, err) = run(&["who-handles", "labor", "--no-such-flag"]);
    assert!(err.contains("unexpected argument"), "{err}");
}

/// A Spanish answer calls the hotline by the name its own Spanish pages give it (the data's
/// alias marked `spanish`), in the table, the footer, `hotline` and an error's last line;
/// an English answer by its English name.
#[test]
fn a_spanish_answer_calls_the_hotline_by_its_spanish_name() {
    let data = htref::data::bundled();
    let hotline = hotline_of(&data);
    let spanish: Vec<&str> = hotline
        .aliases
        .iter()
        .filter(|a| a.spanish)
        .map(|a| a.name.as_ref())
        .collect();
    assert_eq!(spanish.len(), 1, "one Spanish name: {spanish:?}");
    for org in data.organizations.iter() {
        assert!(
            org.aliases.iter().filter(|a| a.spanish).count() <= 1,
            "{}",
            org.id
        );
    }
    let (_, out, _) = run(&["who-handles", "nos quitaron los pasaportes", "--plain"]);
    assert!(
        out.matches(spanish[0]).count() >= 2,
        "row and footer:\n{out}"
    );
    let (_, out, _) = run(&["hotline", "--lang", "es", "--plain"]);
    assert!(out.contains(spanish[0]), "{out}");
    let (_, _, err) = run(&["hotline", "--lang", "es", "--no-such-flag"]);
    assert!(err.lines().last().unwrap().contains(spanish[0]), "{err}");
    let (_, out, _) = run(&["who-handles", "we had our passports taken", "--plain"]);
    assert!(
        !out.contains(spanish[0]) && out.contains(&*hotline.name),
        "{out}"
    );
}

/// The client's Spanish sheet links the hotline's own page in Spanish (a web line of the
/// data marked Spanish), shown as a person reads it; the English sheet leaves it off.
#[test]
fn the_spanish_sheet_links_the_hotlines_spanish_page() {
    let data = htref::data::bundled();
    let hotline = hotline_of(&data);
    let page = hotline
        .contacts
        .iter()
        .find(|c| {
            c.kind == htref::data::ContactKind::Web
                && c.languages.iter().all(|l| &**l == "Spanish")
                && !c.languages.is_empty()
        })
        .and_then(|c| c.url.as_deref())
        .expect("the hotline's page in Spanish");
    let (_, es, _) = run(&[
        "who-handles",
        "trabajo forzado en una granja",
        "--format",
        "html",
    ]);
    assert!(es.contains(&format!("href=\"{page}\"")), "{es}");
    assert!(!es.contains("%C3%B3n</a>"), "shown with its letters: {es}");
    let (_, en, _) = run(&["who-handles", "forced labor on a farm", "--format", "html"]);
    assert!(!en.contains(page), "{en}");
}

/// The hotline's record in the data.
fn hotline_of(data: &htref::data::Dataset) -> &htref::data::Organization {
    data.organizations
        .iter()
        .find(|o| o.id == htref::data::HOTLINE_ORG)
        .expect("the data holds the hotline")
}
