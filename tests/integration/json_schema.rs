//! Strict mirrors of the JSON schema in docs/json-schema.md. Real output must deserialize
//! into them, so a renamed, retyped or undocumented field fails here.
// The fields exist to be checked by deserialization, not read; they mirror the JSON names.
#![allow(dead_code, clippy::struct_field_names)]

use crate::util::run;
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dataset {
    as_of: String,
    sources: usize,
    organizations: usize,
    needs: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Emergency {
    abroad: Option<String>,
    number: String,
    message: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRef {
    id: String,
    publisher: String,
    title: String,
    short: String,
    date: Option<String>,
    approx: Option<String>,
    url: Option<String>,
    read: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Contact {
    id: String,
    kind: ContactKind,
    label: String,
    number: Option<String>,
    url: Option<String>,
    email: Option<String>,
    other_forms: Vec<String>,
    digits: Option<String>,
    dial: Option<String>,
    e164: Option<String>,
    tel_uri: Option<String>,
    vanity: Vec<String>,
    spoken: Option<String>,
    relay: Option<String>,
    hours: Option<String>,
    languages: Vec<String>,
    reach: Option<String>,
    audience: Option<String>,
    for_askers: Vec<Asker>,
    others: Option<String>,
    asker_note: Option<String>,
    note: Option<String>,
    verify: Option<String>,
    superseded: Option<Superseded>,
    organization_id: String,
    sources: Vec<String>,
    staleness: Option<String>,
    overridden: Option<Override>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Superseded {
    note: String,
    instead: Vec<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Route {
    via: OrgRef,
    label: String,
    why_no_line_of_its_own: Option<String>,
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Override {
    file: String,
    date: String,
    note: String,
    original_number: Option<String>,
    original_digits: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Local {
    file: String,
    overrides: bool,
    /// A database service's id in its feed.
    #[serde(default)]
    feed_record: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Asker {
    Public,
    Survivor,
    Advocate,
    Attorney,
    LawEnforcement,
    Benefits,
    Educator,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ContactKind {
    Voice,
    Tty,
    Text,
    Chat,
    Language,
    Video,
    Web,
    Email,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum OrgKind {
    Department,
    Agency,
    Office,
    Program,
    Initiative,
    Campaign,
    TaskForce,
    Hotline,
    Interagency,
    Partner,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgRef {
    id: String,
    name: String,
    acronym: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Org {
    id: String,
    name: String,
    acronym: Option<String>,
    aliases: Vec<String>,
    kind: OrgKind,
    parent: Option<OrgRef>,
    department: Option<OrgRef>,
    state: Option<String>,
    summary: String,
    local: Option<Local>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhoHandles {
    schema_version: u32,
    command: String,
    role: Asker,
    role_from_query: Option<String>,
    query: String,
    query_truncated: bool,
    dataset: Dataset,
    emergency: Option<Emergency>,
    needs: Vec<NeedMatch>,
    referrals: Vec<Referral>,
    total_referrals: usize,
    corrections: Vec<Correction>,
    suggestions: Vec<Suggestion>,
    reading: Reading,
    local: LocalDatabase,
    hotline: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the fields are read by deserializing strictly
struct LocalDatabase {
    database: bool,
    place: Option<String>,
    services_left_out: i64,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reading {
    language: String,
    ages: Vec<Age>,
    minor_words: Vec<String>,
    durations: Vec<String>,
    avoid: Vec<AgencyWords>,
    threats: Vec<Threat>,
    documents_held: Vec<String>,
    forms: Vec<Form>,
    destinations: Vec<String>,
    danger: Vec<String>,
    no_danger: Vec<String>,
    asker: Option<ReadAsker>,
    wants: Vec<Want>,
    ambiguous: Vec<Ambiguity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ambiguity {
    words: String,
    read_as: String,
    others: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Want {
    want: String,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Age {
    years: u32,
    minor: bool,
    partner: bool,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyWords {
    agency: String,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Threat {
    agency: String,
    by: Option<String>,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    name: String,
    meaning: String,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadAsker {
    role: Asker,
    words: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedMatch {
    id: String,
    label: String,
    danger: bool,
    score: f64,
    matched_terms: Vec<MatchedTerm>,
    referrals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MatchedTerm {
    term: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Referral {
    rank: usize,
    id: String,
    name: String,
    acronym: Option<String>,
    kind: OrgKind,
    parent: Option<OrgRef>,
    department: Option<OrgRef>,
    needs: Vec<String>,
    why: Vec<Why>,
    contacts: Vec<Contact>,
    primary_contact: Option<Contact>,
    route: Option<Route>,
    behind: Vec<OrgRef>,
    no_contact_note: Option<String>,
    sources: Vec<SourceRef>,
    newest_source_date: Option<String>,
    staleness: Option<String>,
    conflicts: Vec<Conflict>,
    local: Option<Local>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Why {
    need: Option<String>,
    text: String,
    matched_terms: Vec<String>,
    for_askers: Vec<Asker>,
    local_file: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Correction {
    typed: String,
    read_as: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suggestion {
    id: String,
    label: String,
    example: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Phone {
    schema_version: u32,
    command: String,
    role: Asker,
    query: String,
    digits: String,
    dial_form: String,
    emergency: Option<Emergency>,
    matches: Vec<PhoneMatch>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneMatch {
    organization: Org,
    contact: Contact,
    conflicts: Vec<Conflict>,
    roles: Vec<String>,
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hotline {
    schema_version: u32,
    command: String,
    channels: Vec<ContactKind>,
    emergency: Emergency,
    organization: Org,
    contacts: Vec<Contact>,
    roles: Vec<String>,
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Show {
    schema_version: u32,
    command: String,
    role: Asker,
    query: String,
    organizations: Vec<OrgCard>,
    suggestions: Vec<OrgRef>,
    candidates: Vec<OrgRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgCard {
    id: String,
    name: String,
    acronym: Option<String>,
    aliases: Vec<String>,
    kind: OrgKind,
    parent: Option<OrgRef>,
    department: Option<OrgRef>,
    state: Option<String>,
    summary: String,
    local: Option<Local>,
    alias_details: Vec<AliasDetail>,
    independent: Option<String>,
    ancestors: Vec<OrgRef>,
    roles: Vec<Role>,
    contacts: Vec<Contact>,
    superseded_contacts: Vec<Contact>,
    children: Vec<OrgRef>,
    links: Vec<Link>,
    needs: Vec<String>,
    conflicts: Vec<Conflict>,
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasDetail {
    name: String,
    note: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Role {
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Link {
    relation: String,
    to: OrgRef,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Conflict {
    id: String,
    topic: String,
    subjects: Vec<String>,
    claims: Vec<Claim>,
    resolution: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Claim {
    text: String,
    sources: Vec<SourceRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct List {
    schema_version: u32,
    command: String,
    organizations: Vec<Listed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Listed {
    id: String,
    name: String,
    acronym: Option<String>,
    kind: OrgKind,
    parent: Option<String>,
    department: Option<String>,
    depth: usize,
    contacts: usize,
    local_file: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Needs {
    schema_version: u32,
    command: String,
    needs: Vec<Need>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Need {
    id: String,
    label: String,
    danger: bool,
    side: String,
    examples: Vec<String>,
    terms: Vec<String>,
    referrals: Vec<NeedReferral>,
    no_contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedReferral {
    organization_id: String,
    why: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sources {
    schema_version: u32,
    command: String,
    as_of: String,
    sources: Vec<Source>,
    conflicts: Vec<Conflict>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    id: String,
    publisher: String,
    title: String,
    short: String,
    date: Option<String>,
    approx: Option<String>,
    currency: String,
    contributed: String,
    url: Option<String>,
    read: Option<String>,
}

/// Runs a command with --json and parses it strictly; returns the exit code and value.
#[track_caller]
fn strict<T: DeserializeOwned>(args: &[&str]) -> (i32, T) {
    let mut all = args.to_vec();
    all.push("--json");
    let (code, stdout, stderr) = run(&all);
    let value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?} does not match the schema: {e}\n{stderr}"));
    (code, value)
}

/// A question that gives every piece of the reading something to find.
const READ_EVERYTHING: &str = "I'm 17, not paid 2 months, my boss threatens to call ICE, took our passports, \
    no police, I-914 Supplement B, he is going to Thailand, she is safe now";

#[test]
fn the_reading_is_in_the_json() {
    let (_, answer): (i32, WhoHandles) = strict(&["who-handles", READ_EVERYTHING]);
    let reading = answer.reading;
    assert_eq!(reading.language, "en");
    assert!(
        reading
            .ages
            .iter()
            .any(|a| a.years == 17 && a.minor && !a.partner && a.words.contains("17"))
    );
    assert!(reading.minor_words.is_empty());
    assert_eq!(reading.durations, ["2 months"]);
    assert!(
        reading
            .threats
            .iter()
            .any(|t| t.agency == "immigration" && t.by.as_deref() == Some("boss"))
    );
    assert!(
        reading
            .avoid
            .iter()
            .any(|a| a.agency == "police" && !a.words.is_empty())
    );
    assert!(!reading.documents_held.is_empty());
    assert!(
        reading.forms.iter().any(|f| f.name == "I-914 Supplement B"
            && !f.meaning.is_empty()
            && !f.words.is_empty())
    );
    assert!(!reading.destinations.is_empty());
    assert!(!reading.no_danger.is_empty());
    assert!(
        reading
            .asker
            .is_some_and(|a| matches!(a.role, Asker::Survivor) && !a.words.is_empty())
    );
    let (_, spanish): (i32, WhoHandles) = strict(&["who-handles", "trabajo forzado"]);
    assert_eq!(spanish.reading.language, "es");
    let (_, report): (i32, WhoHandles) =
        strict(&["who-handles", "my boss took our passports, who do I tell"]);
    assert!(
        report
            .reading
            .wants
            .iter()
            .any(|w| w.want == "report" && !w.words.is_empty())
    );
    let (_, short): (i32, WhoHandles) = strict(&["who-handles", "CP"]);
    assert!(short.reading.ambiguous.iter().any(|a| {
        a.words.eq_ignore_ascii_case("cp") && !a.read_as.is_empty() && !a.others.is_empty()
    }));
}

#[test]
fn who_handles_matches_the_schema() {
    for query in [
        "labor",
        "16 year old from Honduras forced to work on a farm",
        "forcd labr",
        "NHTRC",
        "weather tomorrow",
        READ_EVERYTHING,
        "me quitaron el pasaporte y no me pagan",
    ] {
        let (code, answer): (i32, WhoHandles) = strict(&["who-handles", query]);
        assert_eq!(answer.schema_version, 1);
        // Every answer carries the hotline, whatever its referrals are.
        assert!(answer.hotline.contains("1-888-373-7888"), "{query}");
        assert_eq!(answer.command, "who-handles");
        assert_eq!(code == 0, !answer.referrals.is_empty(), "{query}");
        for (i, r) in answer.referrals.iter().enumerate() {
            assert_eq!(r.rank, i + 1);
            assert!(!r.why.is_empty(), "{query}: every referral says why");
            assert_eq!(
                r.contacts.is_empty(),
                r.no_contact_note.is_some(),
                "{query}: {}",
                r.id
            );
            // The primary contact is one of the referral's contacts; a route's belongs to
            // the office that answers, and its label says it is a route.
            if let Some(primary) = &r.primary_contact {
                assert!(
                    r.contacts.iter().any(|c| c.id == primary.id),
                    "{query}: {}",
                    r.id
                );
                if let Some(route) = &r.route {
                    assert_eq!(primary.organization_id, route.via.id, "{query}: {}", r.id);
                    assert!(primary.label.starts_with("Through "), "{query}: {}", r.id);
                }
            }
        }
    }
}

#[test]
fn a_local_service_in_the_answer_matches_the_schema_and_names_its_feed_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let db = db.to_str().unwrap();
    let feed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/feeds/regional-211.json"
    );
    let (code, _, err) = run(&["data", "import", feed, "--db", db]);
    assert!(code == 0 || code == 3, "{err}");
    let (_, answer): (i32, WhoHandles) = strict(&[
        "who-handles",
        "T visa legal help",
        "--all",
        "--where",
        "MD",
        "--db",
        db,
    ]);
    let local: Vec<&Local> = answer
        .referrals
        .iter()
        .filter(|r| r.id.starts_with("local-"))
        .filter_map(|r| r.local.as_ref())
        .collect();
    assert!(!local.is_empty(), "no local row");
    assert!(local.iter().all(|l| l.feed_record.is_some()));
}

#[test]
fn the_other_commands_match_the_schema() {
    let (_, phone): (_, Phone) = strict(&["phone", "1-866-DHS-2-ICE"]);
    assert_eq!(phone.matches.len(), 1);
    let (_, phone): (_, Phone) = strict(&["phone", "911"]);
    assert!(phone.emergency.is_some());
    let (_, _): (_, Hotline) = strict(&["hotline"]);
    let (_, hotline): (_, Hotline) = strict(&["hotline", "--tty"]);
    assert_eq!(hotline.contacts.len(), 1);
    let (_, show): (_, Show) = strict(&["show", "otip"]);
    assert_eq!(show.organizations.len(), 1);
    let (code, show): (_, Show) = strict(&["show", "wage and hour divsion"]);
    assert_eq!(code, 1);
    assert!(show.organizations.is_empty() && !show.suggestions.is_empty());
    let (_, _): (_, List) = strict(&["list"]);
    let (_, _): (_, Needs) = strict(&["needs"]);
    let (_, _): (_, Sources) = strict(&["sources"]);
}

#[test]
fn a_partners_age_and_a_word_that_says_minor_are_in_the_json() {
    let (_, answer): (i32, WhoHandles) = strict(&[
        "who-handles",
        "teen girl at the motel, her boyfriend is 31 and takes her money",
    ]);
    let reading = answer.reading;
    assert_eq!(reading.minor_words, ["teen"]);
    assert!(
        reading
            .ages
            .iter()
            .any(|a| a.years == 31 && a.partner && !a.minor)
    );
}
