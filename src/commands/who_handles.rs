//! `htref who-handles NEED...`: the offices that handle a described need, best first.

use super::{Context, found};
use crate::cli::WhoHandlesArgs;
use crate::data::place::Place;
use crate::data::{Asker, Text};
use crate::describe::glance;
use crate::describe::{
    HOTLINE_ORG, conflict_fields, contact_field_sourced, currency_line, glance_footer, local_field,
    no_number_field, org_title, placement, short_source_field, verify_fields,
};
use crate::error::{DataError, UsageError};
use crate::exit_codes::ExitCode;
use crate::matching::reading::Lang;
use crate::matching::tables::TablesArchive;
use crate::matching::{Correction, Matcher, NeedMatch};
use crate::plan::{self, Plan, PlannedReferral, Reason};
use crate::render::json::{
    ConflictJson, ContactJson, DatasetJson, EmergencyJson, LocalJson, OrgRefJson, SCHEMA_VERSION,
    SourceRefJson,
};
use crate::render::{Block, Doc, Field, Record, Row};
use crate::viewer::{self, Viewer};
use serde::Serialize;
use std::io::Write;

/// How much of a long query to echo back in a message.
const ECHO_CHARS: usize = 80;

pub fn run(ctx: &Context, args: &WhoHandlesArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let query = args.need.join(" ");
    if query.trim().is_empty() {
        return Err(UsageError(
            "the need is empty: describe it in words, e.g. `htref who-handles labor`; `htref needs` lists what htref knows".into(),
        )
        .into());
    }
    // Names from overlay files can be asked for by name; the database's services are
    // offered by need and place, not by name (their tables would be built at every run).
    let local_names = ctx
        .index
        .data
        .organizations
        .iter()
        .any(|o| o.origin.is_some() && o.feed.is_none());
    // Owns an overlay's tables while the matcher reads them.
    let archive;
    let tables = if local_names {
        archive = overlay_tables(ctx);
        archive.tables().ok_or_else(|| {
            DataError("the matcher's tables for the overlays cannot be read".into())
        })?
    } else {
        crate::matching::tables::bundled_tables_unchecked()
    };
    let matcher = Matcher::new(ctx.index.data, tables);
    let matches = matcher.find(&query);
    // Without --as, the question may say who asks ("my client's U visa").
    let (asker, asker_words) = match args.asker.asker {
        Some(given) => (given.into(), None),
        None => matches
            .reading
            .asker
            .clone()
            .map_or((Asker::Public, None), |(asker, words)| (asker, Some(words))),
    };
    let mut viewer = ctx.viewer(asker);
    let plan = plan::build(&ctx.index, matches, viewer.asker);
    let suggestions = if plan.referrals.is_empty() {
        plan.matches.suggestions()
    } else {
        Vec::new()
    };
    let limit = if args.all {
        usize::MAX
    } else {
        usize::from(args.limit)
    };
    let lang = ctx
        .style
        .lang_flag
        .unwrap_or(match plan.matches.reading.language {
            Lang::Es => Lang::Es,
            Lang::En => ctx.style.lang_env,
        });
    viewer.lang = lang;
    let answer = Answer {
        ctx,
        lang,
        viewer,
        asker_words,
        query: &query,
        plan: &plan,
        shown: shown(ctx, &plan, limit),
        left_out: match (&ctx.local.db, &ctx.local.place) {
            (Some(db), None) => db
                .feeds()
                .map_or(0, |feeds| feeds.iter().map(|f| f.services).sum()),
            _ => 0,
        },
        suggestions: &suggestions,
        include_enforcement: args.include_enforcement,
    };
    ctx.emit(out, || answer.json(), || answer.doc())?;
    Ok(found(!plan.referrals.is_empty()))
}

/// The local database's services for this question in this place: the question's needs
/// are read first, then the database is asked for a few services per need.
pub fn local_services(
    data: &crate::data::Dataset,
    db: &crate::data::local_db::LocalDb,
    place: &crate::data::place::Place,
    query: &str,
) -> Result<Vec<crate::data::local_db::ServiceRow>, DataError> {
    let matcher = Matcher::new(data, crate::matching::tables::bundled_tables_unchecked());
    let found = matcher.find(query);
    let needs: Vec<&str> = found
        .needs
        .iter()
        .map(|m| data.needs[m.need].id.as_ref())
        .collect();
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    db.services_for(place, &needs, crate::data::local_services::PER_NEED)
        .map_err(DataError)
}

/// The matcher's tables with overlays' organizations among the names: built once per set
/// of overlay files and kept in the cache directory beside them.
fn overlay_tables(ctx: &Context) -> TablesArchive {
    // Built at every run: overlays hold at most a few thousand entries written by hand
    // (MAX_OVERLAY_ORGANIZATIONS); a directory's feed goes into the local database.
    TablesArchive::build(ctx.index.data)
}

struct Answer<'a> {
    ctx: &'a Context<'a>,
    /// The language of the answer's own words: --lang, else the question's, else LANG.
    lang: Lang,
    viewer: Viewer,
    /// The query's words the asker was read from, when --as was not given.
    asker_words: Option<String>,
    query: &'a str,
    plan: &'a Plan,
    /// Indexes into the plan's referrals, in the order shown.
    shown: Vec<usize>,
    /// Services in the database that no place let in (read once per answer).
    left_out: i64,
    suggestions: &'a [usize],
    /// `--include-enforcement`: the client's sheet keeps enforcement tip lines.
    include_enforcement: bool,
}

/// The referrals to show: the first `limit`, plus the hotline wherever it was cut, since
/// no asker's order may hide it.
fn shown(ctx: &Context, plan: &Plan, limit: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..plan.referrals.len().min(limit)).collect();
    let hotline = ctx.index.org_by_id(HOTLINE_ORG);
    if let Some(position) = plan.referrals.iter().position(|r| Some(r.org) == hotline)
        && !shown.contains(&position)
    {
        shown.push(position);
    }
    shown
}

/// `who-handles --json`.
#[derive(Debug, Serialize)]
pub struct WhoHandlesJson {
    pub schema_version: u32,
    pub command: &'static str,
    /// The asker the answer was ordered and annotated for (--as).
    pub role: &'static str,
    /// The query's words the role was read from, when --as was not given.
    pub role_from_query: Option<String>,
    pub query: String,
    /// True when the question was longer than the matcher reads (`MAX_QUERY_CHARS`): only
    /// its start was matched.
    pub query_truncated: bool,
    pub dataset: DatasetJson,
    /// Present when someone may be in immediate danger.
    pub emergency: Option<EmergencyJson>,
    pub needs: Vec<NeedMatchJson>,
    /// Best first, de-duplicated across needs, cut to --limit.
    pub referrals: Vec<ReferralJson>,
    /// How many referrals there are before --limit.
    pub total_referrals: usize,
    pub corrections: Vec<CorrectionJson>,
    /// Needs to try when nothing matched.
    pub suggestions: Vec<SuggestionJson>,
    /// What the question was read to say before its words were matched.
    pub reading: ReadingJson,
    /// The local database: the place asked for, and what was left out and why.
    pub local: LocalDatabaseJson,
}

/// `local` in `who-handles --json` (docs/json-schema.md).
#[derive(Debug, Serialize)]
pub struct LocalDatabaseJson {
    /// Whether a local database was found.
    pub database: bool,
    /// The place the answer is for (`--where` or `HTREF_WHERE`), as read: "Baltimore, MD".
    pub place: Option<String>,
    /// Services in the database not considered because no place was given.
    pub services_left_out: i64,
    /// One sentence for people on what the database could or could not offer.
    pub note: Option<String>,
}

/// `reading` in `who-handles --json`: what the reading found, each with the question's
/// words it came from (docs/json-schema.md).
#[derive(Debug, Serialize)]
pub struct ReadingJson {
    /// "en" or "es": the question's language.
    pub language: &'static str,
    pub ages: Vec<AgeJson>,
    /// Lengths of time, never read as ages ("2 months").
    pub durations: Vec<String>,
    /// Agencies the caller refuses or fears: their offices do not lead the answer.
    pub avoid: Vec<AgencyWordsJson>,
    /// Agencies named as a threat: never offered.
    pub threats: Vec<ThreatJson>,
    /// Documents taken or held: a sign of trafficking.
    pub documents_held: Vec<String>,
    /// Forms and legal terms the question names.
    pub forms: Vec<FormJson>,
    /// Countries someone travels or is taken to.
    pub destinations: Vec<String>,
    /// Words saying nobody is in danger now.
    pub no_danger: Vec<String>,
    /// Who the question says is asking, with its words; null when it does not say.
    pub asker: Option<AskerJson>,
}

#[derive(Debug, Serialize)]
pub struct AgeJson {
    pub years: u32,
    pub minor: bool,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct AgencyWordsJson {
    /// "immigration" or "police".
    pub agency: &'static str,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct ThreatJson {
    pub agency: &'static str,
    /// Who makes the threat, when the question says ("boss").
    pub by: Option<String>,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct FormJson {
    pub name: String,
    pub meaning: &'static str,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct AskerJson {
    pub role: &'static str,
    pub words: String,
}

impl ReadingJson {
    fn new(reading: &crate::matching::reading::Reading) -> ReadingJson {
        ReadingJson {
            language: reading.language.as_str(),
            ages: reading
                .ages
                .iter()
                .map(|a| AgeJson {
                    years: a.years,
                    minor: a.minor,
                    words: a.words.clone(),
                })
                .collect(),
            durations: reading.durations.clone(),
            avoid: reading
                .avoid
                .iter()
                .map(|a| AgencyWordsJson {
                    agency: a.agency.as_str(),
                    words: a.words.clone(),
                })
                .collect(),
            threats: reading
                .threats
                .iter()
                .map(|t| ThreatJson {
                    agency: t.agency.as_str(),
                    by: t.by.clone(),
                    words: t.words.clone(),
                })
                .collect(),
            documents_held: reading.documents_held.clone(),
            forms: reading
                .forms
                .iter()
                .map(|f| FormJson {
                    name: f.name.clone(),
                    meaning: f.meaning,
                    words: f.words.clone(),
                })
                .collect(),
            destinations: reading.destinations.clone(),
            no_danger: reading.no_danger.clone(),
            asker: reading.asker.as_ref().map(|(asker, words)| AskerJson {
                role: asker.as_str(),
                words: words.clone(),
            }),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct NeedMatchJson {
    pub id: Text,
    pub label: Text,
    pub danger: bool,
    pub score: f64,
    pub matched_terms: Vec<MatchedTermJson>,
    /// Organization ids, in the need's own order.
    pub referrals: Vec<Text>,
}

#[derive(Debug, Serialize)]
pub struct MatchedTermJson {
    pub term: String,
    pub words: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ReferralJson {
    pub rank: usize,
    pub id: Text,
    pub name: Text,
    pub acronym: Option<Text>,
    pub kind: &'static str,
    pub parent: Option<OrgRefJson>,
    pub department: Option<OrgRefJson>,
    /// Ids of the matched needs this referral serves (empty when only named).
    pub needs: Vec<String>,
    pub why: Vec<WhyJson>,
    pub contacts: Vec<ContactJson>,
    /// The contact the one-screen answer shows first (one the asker may use, a voice line
    /// before a web form), shaped like an item of `contacts`; null when none can be reached.
    pub primary_contact: Option<ContactJson>,
    /// Set when the office has no line of its own and `primary_contact` is the line of
    /// the office that answers for it, as a cited page says.
    pub route: Option<RouteJson>,
    /// Offices folded into this row because their only way in is its line.
    pub behind: Vec<OrgRefJson>,
    /// Set when there is no number to call: what to do instead.
    pub no_contact_note: Option<String>,
    pub sources: Vec<SourceRefJson>,
    /// The newest date among the dated sources behind the referral.
    pub newest_source_date: Option<String>,
    /// Set when the referral rests only on sources older than --stale-after.
    pub staleness: Option<String>,
    /// Where the sources disagree about this organization, newest claim first.
    pub conflicts: Vec<ConflictJson>,
    /// Set for an organization from a local overlay.
    pub local: Option<LocalJson>,
}

/// How an office with no line of its own is reached.
#[derive(Debug, Serialize)]
pub struct RouteJson {
    /// The office whose line it is.
    pub via: OrgRefJson,
    /// How the route reads: "through the FBI".
    pub label: Text,
    /// Why the office has no line of its own.
    pub why_no_line_of_its_own: Option<Text>,
    pub sources: Vec<SourceRefJson>,
}

#[derive(Debug, Serialize)]
pub struct WhyJson {
    /// The need this reason comes from; null when the query named the organization.
    pub need: Option<String>,
    pub text: String,
    pub matched_terms: Vec<String>,
    /// The askers this referral is meant for, when the data restricts it; empty for anyone.
    pub for_askers: Vec<&'static str>,
    /// Set when the referral comes from a local overlay: the file.
    pub local_file: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CorrectionJson {
    pub typed: String,
    pub read_as: String,
}

#[derive(Debug, Serialize)]
pub struct SuggestionJson {
    pub id: Text,
    pub label: Text,
    pub example: Option<Text>,
}

/// The answer's own words in one language; texts from the data and the sources stay as
/// they are written.
struct Words {
    /// The 911 line; `None` keeps the data's own (English) message.
    emergency: Option<&'static str>,
    need: &'static str,
    matched: &'static str,
    headers: [&'static str; 3],
    /// "{}" stands for the question.
    no_match: &'static str,
    closest: &'static str,
    run_needs: &'static str,
}

const ENGLISH: Words = Words {
    emergency: None,
    need: "Need:",
    matched: "matched",
    headers: ["Office", "How to reach", "Why"],
    no_match: "No need in htref's data matches \"{}\". htref does not guess a referral.",
    closest: "Closest needs",
    run_needs: "Run `htref needs` to see every need htref recognizes.",
};

const SPANISH: Words = Words {
    emergency: Some("Si alguien está en peligro inmediato, llame al 911."),
    need: "Necesidad:",
    matched: "coincide con",
    headers: ["Oficina", "Cómo comunicarse", "Por qué"],
    no_match: "Ninguna necesidad en los datos de htref coincide con \"{}\". htref no adivina una referencia.",
    closest: "Necesidades más cercanas",
    run_needs: "Ejecute `htref needs` para ver todas las necesidades que htref reconoce.",
};

impl Answer<'_> {
    fn words(&self) -> &'static Words {
        match self.lang {
            Lang::En => &ENGLISH,
            Lang::Es => &SPANISH,
        }
    }

    /// What the database could not offer, for the answer's own lines.
    fn local_note(&self) -> Option<String> {
        let left_out = self.left_out;
        if left_out > 0 {
            return Some(match self.lang {
                Lang::En => format!(
                    "{left_out} local services in the database are left out: give --where PLACE (MD, \"Baltimore, MD\" or a ZIP code) or set HTREF_WHERE."
                ),
                Lang::Es => format!(
                    "{left_out} servicios locales de la base de datos quedan fuera: indique --where LUGAR (MD, \"Baltimore, MD\" o un código postal) o defina HTREF_WHERE."
                ),
            });
        }
        let place = self.ctx.local.place.as_ref()?;
        self.ctx.local.db.as_ref()?;
        place.zip.is_some().then(|| {
            self.lang
                .say(
                    "A ZIP code reaches only local services at that postal code; give the state (or city and state) for services that cover a wider area.",
                    "Un código postal solo alcanza servicios locales con ese código; indique el estado (o la ciudad y el estado) para servicios de un área más amplia.",
                )
                .to_string()
        })
    }

    fn need_match(&self, need: usize) -> Option<&NeedMatch> {
        self.plan.matches.needs.iter().find(|m| m.need == need)
    }

    fn why_text(&self, reason: &Reason) -> (Option<String>, String, Vec<String>) {
        let data = self.ctx.index.data;
        match reason {
            Reason::Named(hit) => (
                None,
                format!("You named it (\"{}\").", hit.term),
                vec![hit.term.clone()],
            ),
            Reason::Need { need, referral } => {
                let n = &data.needs[*need];
                let terms = self
                    .need_match(*need)
                    .map(|m| m.hits.iter().map(|h| h.term.clone()).collect())
                    .unwrap_or_default();
                (
                    Some(n.id.to_string()),
                    n.referrals[*referral].why.to_string(),
                    terms,
                )
            }
            Reason::Asker(i) => (
                None,
                data.info.asker_referrals[*i].1.why.to_string(),
                Vec::new(),
            ),
            Reason::Fallback => (
                None,
                self.lang
                    .say(
                        "None of the offices above has a public line; the hotline answers anyone, any time, and can point the way.",
                        "Ninguna de las oficinas anteriores tiene una línea pública; la línea nacional atiende a cualquier persona, a toda hora, y puede orientar.",
                    )
                    .to_string(),
                Vec::new(),
            ),
        }
    }

    /// The overlay file a reason's referral came from, if it is local.
    fn local_file(&self, reason: &Reason) -> Option<String> {
        match reason {
            Reason::Need { need, referral } => self.ctx.index.data.needs[*need].referrals
                [*referral]
                .origin
                .as_deref()
                .map(str::to_string),
            Reason::Asker(_) | Reason::Named(_) | Reason::Fallback => None,
        }
    }

    /// The askers a reason's referral is restricted to; empty for anyone.
    fn meant_for(&self, reason: &Reason) -> &[Asker] {
        let data = self.ctx.index.data;
        match reason {
            Reason::Need { need, referral } => &data.needs[*need].referrals[*referral].for_askers,
            Reason::Asker(i) => &data.info.asker_referrals[*i].1.for_askers,
            Reason::Named(_) | Reason::Fallback => &[],
        }
    }

    fn reason_sources(&self, r: &PlannedReferral) -> Vec<Text> {
        let data = self.ctx.index.data;
        let mut ids = Vec::new();
        for reason in &r.reasons {
            match reason {
                Reason::Need { need, referral } => {
                    ids.extend(
                        data.needs[*need].referrals[*referral]
                            .sources
                            .iter()
                            .cloned(),
                    );
                }
                Reason::Named(_) | Reason::Fallback => {
                    ids.extend(self.ctx.index.org(r.org).sources.iter().cloned());
                }
                Reason::Asker(i) => {
                    ids.extend(data.info.asker_referrals[*i].1.sources.iter().cloned());
                }
            }
        }
        ids
    }

    /// The route a row's line is, when its office has none of its own.
    fn route_of(&self, r: &PlannedReferral) -> Option<&crate::data::Route> {
        r.route
            .then(|| self.ctx.index.org(r.org).route.as_ref())
            .flatten()
    }

    fn shown(&self) -> impl Iterator<Item = &PlannedReferral> {
        self.shown.iter().map(|&i| &self.plan.referrals[i])
    }

    fn referral_json(&self, rank: usize, r: &PlannedReferral) -> ReferralJson {
        let index = &self.ctx.index;
        let o = index.org(r.org);
        let reason_sources = self.reason_sources(r);
        let why: Vec<WhyJson> = r
            .reasons
            .iter()
            .map(|reason| {
                let (need, text, matched_terms) = self.why_text(reason);
                WhyJson {
                    need,
                    text,
                    matched_terms,
                    for_askers: self.meant_for(reason).iter().map(|a| a.as_str()).collect(),
                    local_file: self.local_file(reason),
                }
            })
            .collect();
        ReferralJson {
            rank,
            id: o.id.clone(),
            name: o.name.clone(),
            acronym: o.acronym.clone(),
            kind: o.kind.as_str(),
            parent: index.parent(r.org).map(|p| OrgRefJson::new(index, p)),
            department: index
                .department(r.org)
                .filter(|&d| d != r.org)
                .map(|d| OrgRefJson::new(index, d)),
            needs: why.iter().filter_map(|w| w.need.clone()).collect(),
            why,
            contacts: r
                .contacts
                .iter()
                .map(|&c| ContactJson::new(index, c, &self.viewer))
                .collect(),
            primary_contact: r.primary.map(|c| {
                let mut contact = ContactJson::new(index, c, &self.viewer);
                if let Some(route) = self.route_of(r) {
                    contact.label =
                        format!("{}: {}", capitalized(&route.label), contact.label).into();
                }
                contact
            }),
            route: self.route_of(r).map(|route| RouteJson {
                via: OrgRefJson::new(index, r.primary.map_or(r.org, |c| c.org)),
                label: route.label.clone(),
                why_no_line_of_its_own: o.no_contact.clone(),
                sources: SourceRefJson::list(index.data, &route.sources),
            }),
            behind: r
                .behind
                .iter()
                .map(|&b| OrgRefJson::new(index, b))
                .collect(),
            no_contact_note: (r.contacts.is_empty() || r.primary.is_none())
                .then(|| no_number_field(index, r.org, 0).value),
            sources: SourceRefJson::list(index.data, &reason_sources),
            newest_source_date: viewer::newest_date(index.data, &reason_sources),
            staleness: self.viewer.staleness(index.data, &reason_sources),
            conflicts: index
                .data
                .conflicts
                .iter()
                .filter(|c| c.subjects.contains(&o.id))
                .map(|c| ConflictJson::new(index.data, c))
                .collect(),
            local: LocalJson::of(o),
        }
    }

    fn need_json(&self, m: &NeedMatch) -> NeedMatchJson {
        let need = &self.ctx.index.data.needs[m.need];
        NeedMatchJson {
            id: need.id.clone(),
            label: need.label.clone(),
            danger: need.danger,
            score: (m.score * 1000.0).round() / 1000.0,
            matched_terms: m
                .hits
                .iter()
                .map(|h| MatchedTermJson {
                    term: h.term.clone(),
                    words: h.words.clone(),
                })
                .collect(),
            referrals: need.referrals.iter().map(|r| r.org.clone()).collect(),
        }
    }

    fn json(&self) -> WhoHandlesJson {
        let data = self.ctx.index.data;
        WhoHandlesJson {
            schema_version: SCHEMA_VERSION,
            command: "who-handles",
            role: self.viewer.asker.as_str(),
            role_from_query: self.asker_words.clone(),
            query: self.query.to_string(),
            query_truncated: crate::matching::bounded(self.query).1,
            dataset: DatasetJson::new(data),
            emergency: self.plan.danger.then(|| EmergencyJson::new(data)),
            needs: self
                .plan
                .matches
                .needs
                .iter()
                .map(|m| self.need_json(m))
                .collect(),
            // Nothing matched: no referral is guessed (the plain answer still ends with
            // the hotline).
            referrals: self
                .shown()
                .enumerate()
                .map(|(i, r)| self.referral_json(i + 1, r))
                .collect(),
            local: LocalDatabaseJson {
                database: self.ctx.local.db.is_some(),
                place: self.ctx.local.place.as_ref().map(Place::describe),
                services_left_out: self.left_out,
                note: self.local_note(),
            },
            total_referrals: self.plan.referrals.len(),
            corrections: self
                .plan
                .matches
                .corrections
                .iter()
                .map(|c: &Correction| CorrectionJson {
                    typed: c.typed.clone(),
                    read_as: c.read_as.clone(),
                })
                .collect(),
            suggestions: self
                .suggestions
                .iter()
                .map(|&i| {
                    let need = &data.needs[i];
                    SuggestionJson {
                        id: need.id.clone(),
                        label: need.label.clone(),
                        example: need.examples.first().cloned(),
                    }
                })
                .collect(),
            reading: ReadingJson::new(&self.plan.matches.reading),
        }
    }

    /// The answer at a glance by default; everything with --long and on paper.
    fn doc(&self) -> Doc {
        let style = self.ctx.style;
        if self.plan.referrals.is_empty() {
            self.no_match_doc()
        } else if style.format == crate::render::Format::Html && !style.long {
            self.sheet_doc()
        } else if style.long || style.format.is_paper() {
            self.long_doc()
        } else {
            self.glance_doc()
        }
    }

    /// The client's sheet: the 911 line, the hotline and the answer's offices on one page.
    fn sheet_doc(&self) -> Doc {
        let index = &self.ctx.index;
        let reports_a_crime =
            !crate::plan::victims_first(index.data, &self.plan.matches, self.viewer.asker)
                && !self.plan.matches.needs.is_empty();
        crate::describe::handout::sheet(&crate::describe::handout::SheetInput {
            ctx: self.ctx,
            viewer: &self.viewer,
            lang: self.lang,
            // The sheet leaves some rows off (enforcement, offices without a line): the
            // answer's later rows fill their places.
            referrals: self
                .plan
                .referrals
                .iter()
                .map(|r| {
                    let why = r.reasons.first().map(|reason| self.why_text(reason).1);
                    (r, why.unwrap_or_default())
                })
                .collect(),
            enforcement: self.include_enforcement
                || self.viewer.asker == Asker::LawEnforcement
                || reports_a_crime,
        })
    }

    /// A handout's title names what was matched, not the caller's own words.
    fn title(&self) -> String {
        let index = &self.ctx.index;
        let mut names: Vec<String> = self
            .plan
            .matches
            .needs
            .iter()
            .map(|m| index.data.needs[m.need].label.to_string())
            .collect();
        names.extend(
            self.plan
                .matches
                .named
                .iter()
                .map(|n| org_title(index, n.org)),
        );
        format!("Referrals: {}", names.join("; "))
    }

    fn no_match_doc(&self) -> Doc {
        let data = self.ctx.index.data;
        let mut doc = Doc {
            title: Some("htref: no match".to_string()),
            language: Some(self.lang.as_str()),
            ..Doc::default()
        };
        doc.text(self.words().no_match.replace("{}", &echo(self.query)));
        let tries: Vec<String> = self
            .suggestions
            .iter()
            .map(|&i| {
                let need = &data.needs[i];
                match need.examples.first() {
                    Some(example) => format!("{} (e.g. \"{example}\")", need.label),
                    None => need.label.to_string(),
                }
            })
            .collect();
        if !tries.is_empty() {
            doc.push(Block::Fields(
                tries
                    .into_iter()
                    .map(|t| (self.words().closest.to_string(), t))
                    .collect(),
            ));
        }
        doc.text(self.words().run_needs);
        self.end_with_hotline(&mut doc);
        doc
    }

    /// Every answer ends with the hotline in one line: none is a dead end.
    fn end_with_hotline(&self, doc: &mut Doc) {
        if let Some(line) = glance::hotline_line(&self.ctx.index, self.lang) {
            doc.text(match self.lang {
                // The hotline offers an En Español option beside its main number.
                Lang::Es => format!("{line}; opción En Español"),
                Lang::En => line,
            });
        }
    }

    /// The needs matched (or the one need and its words), the offices named, and any
    /// word read as another.
    fn matched_line(&self) -> String {
        let index = &self.ctx.index;
        let data = index.data;
        let needs = &self.plan.matches.needs;
        let mut matched = match needs.as_slice() {
            [] => String::new(),
            [one] => {
                let words: Vec<String> = one
                    .hits
                    .iter()
                    .map(|h| format!("\"{}\"", h.words.join(" ")))
                    .collect();
                format!(
                    "{} {} ({} {})",
                    self.words().need,
                    data.needs[one.need].label,
                    self.words().matched,
                    words.join(", ")
                )
            }
            many => {
                let labels: Vec<&str> = many.iter().map(|m| &*data.needs[m.need].label).collect();
                needs_line(&labels, self.ctx.style, self.lang)
            }
        };
        for named in &self.plan.matches.named {
            if !matched.is_empty() {
                matched.push_str(". ");
            }
            matched.push_str(self.lang.say("Named: ", "Nombrada: "));
            matched.push_str(&org_title(index, named.org));
        }
        for c in &self.plan.matches.corrections {
            let read = match self.lang {
                Lang::En => format!(" (read \"{}\" as \"{}\")", c.typed, c.read_as),
                Lang::Es => format!(" (\"{}\" leído como \"{}\")", c.typed, c.read_as),
            };
            matched.push_str(&read);
        }
        matched
    }

    /// Whom the answer is for, when the question says it ("the question says \"my boss\"").
    fn asker_line(&self) -> Option<String> {
        let words = self.asker_words.as_ref()?;
        let asker = self.viewer.asker;
        Some(match self.lang {
            Lang::En => format!(
                "Answer for {} (the question says \"{words}\"; --as sets who is asking).",
                asker.described()
            ),
            Lang::Es => format!(
                "Respuesta para {} (la pregunta dice \"{words}\"; --as indica quién pregunta).",
                asker.described_es()
            ),
        })
    }

    /// The answer's document, titled, opening with the 911 line when someone may be in
    /// danger now.
    fn doc_with_alert(&self) -> Doc {
        let mut doc = Doc {
            title: Some(self.title()),
            language: Some(self.lang.as_str()),
            ..Doc::default()
        };
        if self.plan.danger {
            doc.alert(
                self.words()
                    .emergency
                    .unwrap_or(&self.ctx.index.data.info.emergency.message)
                    .to_string(),
            );
        }
        doc
    }

    /// One screen: the 911 line, what was matched, one row per referral (office, the way
    /// to reach it, why), one footer line.
    fn glance_doc(&self) -> Doc {
        let index = &self.ctx.index;
        let data = index.data;
        let mut doc = self.doc_with_alert();
        doc.text(self.matched_line());
        if let Some(note) = truncation_note(self.query) {
            doc.text(note);
        }
        if let Some(line) = read_as(&self.plan.matches.reading, self.lang) {
            doc.text(line);
        }
        if let Some(line) = self.asker_line() {
            doc.text(line);
        }
        let rows = self
            .shown()
            .enumerate()
            .map(|(i, r)| self.glance_row(i + 1, r))
            .collect();
        doc.push(Block::Rows {
            headers: self
                .words()
                .headers
                .iter()
                .map(|h| (*h).to_string())
                .collect(),
            rows,
        });
        if let Some(note) = self.local_note() {
            doc.text(note);
        }
        let local = glance::local_files(
            index,
            self.shown().map(|r| r.org),
            self.shown().flat_map(|r| r.contacts.iter().copied()),
            self.shown().flat_map(|r| {
                r.reasons
                    .iter()
                    .filter_map(|reason| self.local_file(reason))
            }),
        );
        doc.text(glance_footer(
            data,
            self.ctx.today,
            self.shown.len(),
            self.plan.referrals.len(),
            &local,
            self.lang,
        ));
        self.end_with_hotline(&mut doc);
        doc
    }

    fn glance_row(&self, rank: usize, r: &PlannedReferral) -> Row {
        let index = &self.ctx.index;
        let office = format!("{rank}. {}", glance::office_with_department(index, r.org));
        // The hotline's disagreements (its funder, its old name) are no caller's concern.
        let hotline = Some(r.org) == index.org_by_id(HOTLINE_ORG);
        let reach = glance::reach_cell(
            self.ctx,
            &self.viewer,
            r.org,
            &r.contacts,
            r.primary,
            !hotline,
        );
        let mut why = r
            .reasons
            .first()
            .map(|reason| self.why_text(reason).1)
            .unwrap_or_default();
        // The offices a row's line answers for come first in its reason.
        if let Some(behind) = behind_line(index, r, self.lang) {
            why = format!("{}. {why}", capitalized(&behind));
        }
        Row {
            cells: vec![office, reach, why],
        }
    }

    /// Everything: every contact with its provenance, placement, sources, verification
    /// notes and conflicts. Also the printed handout.
    fn long_doc(&self) -> Doc {
        let index = &self.ctx.index;
        let data = index.data;
        let paper = self.ctx.style.format.is_paper();
        let mut doc = self.doc_with_alert();
        let mut matched = Vec::new();
        for m in &self.plan.matches.needs {
            let need = &data.needs[m.need];
            let words: Vec<String> = m
                .hits
                .iter()
                .map(|h| format!("\"{}\"", h.words.join(" ")))
                .collect();
            matched.push((
                "Need".to_string(),
                format!("{} (matched {})", need.label, words.join(", ")),
            ));
        }
        for named in &self.plan.matches.named {
            matched.push(("Named".to_string(), org_title(index, named.org)));
        }
        if let Some(words) = &self.asker_words {
            matched.push((
                "Asker".to_string(),
                format!(
                    "{} (the question says \"{words}\"; --as sets who is asking)",
                    self.viewer.asker.described()
                ),
            ));
        }
        for c in &self.plan.matches.corrections {
            matched.push((
                "Read".to_string(),
                format!("\"{}\" as \"{}\"", c.typed, c.read_as),
            ));
        }
        // The full record's field names are English; so is its reading.
        if let Some(line) = read_as(&self.plan.matches.reading, Lang::En) {
            matched.push((
                "Read as".to_string(),
                line.trim_start_matches("Read as: ").to_string(),
            ));
        }
        doc.push(Block::Fields(matched));
        if let Some(note) = truncation_note(self.query) {
            doc.text(note);
        }
        let records = self
            .shown()
            .enumerate()
            .map(|(i, r)| self.record(i + 1, r))
            .collect();
        doc.push(Block::Records {
            headers: self
                .words()
                .headers
                .iter()
                .map(|h| (*h).to_string())
                .collect(),
            records,
        });
        let shown = self.shown.len();
        if shown < self.plan.referrals.len() {
            let hint = if paper { "" } else { "; --all shows every one" };
            doc.text(format!(
                "Showing {shown} of {} referrals{hint}.",
                self.plan.referrals.len()
            ));
        }
        doc.text(currency_line(
            data,
            self.ctx.today,
            !self.ctx.style.format.is_paper(),
        ));
        self.end_with_hotline(&mut doc);
        doc
    }

    fn record(&self, rank: usize, r: &PlannedReferral) -> Record {
        let index = &self.ctx.index;
        let mut fields = vec![placement(index, r.org)];
        fields.extend(local_field(index, r.org, 0));
        if let Some(file) = r.reasons.first().and_then(|reason| self.local_file(reason)) {
            fields.push(Field::new(2, "Local referral", format!("from {file}")));
        }
        if !index.org(r.org).contacts.is_empty() && r.contacts.is_empty() {
            fields.push(Field::new(
                1,
                "Contact",
                format!(
                    "its lines are given for other purposes than this need (htref show {})",
                    index.org(r.org).id
                ),
            ));
        } else if r.contacts.is_empty() || r.primary.is_none() {
            fields.push(no_number_field(index, r.org, 1));
        }
        if let Some(route) = self.route_of(r) {
            let why = index.org(r.org).no_contact.as_deref().unwrap_or_default();
            fields.push(Field::new(
                1,
                "Route",
                format!("{} (no line of its own: {why})", capitalized(&route.label)),
            ));
        }
        if let Some(behind) = behind_line(index, r, self.lang) {
            fields.push(Field::new(
                1,
                "Behind this line",
                behind.trim_start_matches("behind this line: ").to_string(),
            ));
        }
        // The case note (Markdown without --long) cites each referral once, in one line,
        // and leaves the sources' disputes to --long.
        let case_note =
            self.ctx.style.format == crate::render::Format::Markdown && !self.ctx.style.long;
        for &c in &r.contacts {
            fields.push(contact_field_sourced(
                self.ctx,
                &self.viewer,
                c,
                1,
                !case_note,
            ));
        }
        if let Some(first) = r.reasons.first() {
            let askers = self.meant_for(first);
            if !askers.is_empty() {
                let names: Vec<&str> = askers.iter().map(|a| a.described()).collect();
                let line = if askers.contains(&self.viewer.asker) {
                    names.join(", ")
                } else {
                    format!(
                        "{} (not {})",
                        names.join(", "),
                        self.viewer.asker.described()
                    )
                };
                fields.push(Field::new(2, "Meant for", line));
            }
        }
        // The first reason in full; the other needs it serves by name, so a referral that
        // serves four needs does not print four near-identical paragraphs.
        let several_needs = self.plan.matches.needs.len() > 1;
        let need_label = |reason: &Reason| match reason {
            Reason::Need { need, .. } => index.data.needs[*need].label.to_string(),
            Reason::Named(hit) => format!("you named \"{}\"", hit.term),
            Reason::Asker(_) => format!("every answer for {}", self.viewer.asker.described()),
            Reason::Fallback => "the way to reach someone".to_string(),
        };
        if let Some(first) = r.reasons.first() {
            let (_, text, _) = self.why_text(first);
            let label = match first {
                Reason::Need { .. } if several_needs => format!("Why ({})", need_label(first)),
                _ => "Why".to_string(),
            };
            fields.push(Field::new(2, &label, text));
        }
        if r.reasons.len() > 1 {
            let others: Vec<String> = r.reasons[1..].iter().map(need_label).collect();
            fields.push(Field::new(2, "Also for", others.join("; ")));
        }
        let reason_sources = self.reason_sources(r);
        fields.extend(verify_fields(
            self.ctx,
            &self.viewer,
            &r.contacts,
            &reason_sources,
            2,
        ));
        fields.extend(short_source_field(index.data, &reason_sources, 2));
        if !case_note {
            fields.extend(conflict_fields(
                index.data,
                &index.org(r.org).id,
                2,
                self.ctx.style.spoken_digits,
            ));
        }
        Record {
            title: format!("{rank}. {}", org_title(index, r.org)),
            fields,
        }
    }
}

/// "behind this line: Innocence Lost, CEOS": the offices a row's line answers for.
fn behind_line(index: &crate::index::Index, r: &PlannedReferral, lang: Lang) -> Option<String> {
    if r.behind.is_empty() {
        return None;
    }
    let names: Vec<&str> = r
        .behind
        .iter()
        .map(|&o| {
            let org = index.org(o);
            org.acronym.as_deref().unwrap_or(&org.name)
        })
        .collect();
    Some(format!(
        "{}: {}",
        lang.say("behind this line", "detrás de esta línea"),
        names.join(", ")
    ))
}

/// "Needs: A; B; C": on a terminal table cut to one line of the width, naming how many
/// more there are, so the first number stays near the top; whole in plain text.
fn needs_line(labels: &[&str], style: crate::render::Style, lang: Lang) -> String {
    let head = lang.say("Needs:", "Necesidades:");
    let more = |kept: usize| match lang {
        Lang::En => format!("(+{} more, --long)", labels.len() - kept),
        Lang::Es => format!("(+{} más, --long)", labels.len() - kept),
    };
    let whole = format!("{head} {}", labels.join("; "));
    if style.format != crate::render::Format::Table || whole.chars().count() <= style.width {
        return whole;
    }
    for kept in (1..labels.len()).rev() {
        let line = format!("{head} {} {}", labels[..kept].join("; "), more(kept));
        if line.chars().count() <= style.width {
            return line;
        }
    }
    format!("{head} {} {}", labels[0], more(1))
}

/// One line on what the reading found where it changes the answer: "Read as: \"2
/// months\": a length of time, not an age; \"threatens to call ICE\": a threat, a sign of
/// trafficking; ICE is not offered."
fn read_as(reading: &crate::matching::reading::Reading, lang: Lang) -> Option<String> {
    use crate::matching::reading::Agency;
    let say = |en, es| lang.say(en, es);
    let mut parts: Vec<String> = Vec::new();
    for age in &reading.ages {
        let who = if age.minor {
            say("a minor", "una persona menor de edad")
        } else {
            say("an adult", "una persona adulta")
        };
        parts.push(format!("\"{}\": {who}", age.words));
    }
    for words in &reading.durations {
        let what = say(
            "a length of time or a count, not an age",
            "un tiempo o una cantidad, no una edad",
        );
        parts.push(format!("\"{words}\": {what}"));
    }
    let ice_not_offered = say("ICE is not offered", "no se ofrece ICE");
    let police_not_first = say(
        "police and prosecutors are not first",
        "la policía y la fiscalía no van primero",
    );
    for threat in &reading.threats {
        let offered = match threat.agency {
            Agency::Immigration => ice_not_offered,
            Agency::Police => police_not_first,
        };
        let sign = say(
            "a threat, a sign of trafficking",
            "una amenaza, una señal de trata",
        );
        parts.push(format!("\"{}\": {sign}; {offered}", threat.words));
    }
    for avoid in &reading.avoid {
        let effect = match avoid.agency {
            Agency::Immigration => ice_not_offered.to_string(),
            Agency::Police => format!(
                "{}, {police_not_first}",
                say(
                    "the hotline and services lead",
                    "la línea nacional y los servicios van primero"
                )
            ),
        };
        parts.push(format!("\"{}\": {effect}", avoid.words));
    }
    for words in &reading.documents_held {
        let what = say(
            "documents held, a sign of trafficking",
            "documentos retenidos, una señal de trata",
        );
        parts.push(format!("\"{words}\": {what}"));
    }
    for form in &reading.forms {
        parts.push(format!("\"{}\": {}", form.words, form.meaning));
    }
    for words in &reading.destinations {
        parts.push(format!(
            "\"{words}\": {}",
            say("abroad", "en el extranjero")
        ));
    }
    for words in &reading.no_danger {
        let what = say("no one in danger now", "nadie en peligro ahora");
        parts.push(format!("\"{words}\": {what}"));
    }
    if reading.language == crate::matching::reading::Lang::Es {
        parts.insert(0, say("in Spanish", "en español").to_string());
    }
    (!parts.is_empty()).then(|| format!("{}: {}.", say("Read as", "Leído como"), parts.join("; ")))
}

/// Said when only the start of a long question was read.
fn truncation_note(query: &str) -> Option<String> {
    crate::matching::bounded(query).1.then(|| {
        format!(
            "htref read the first {} characters of the question; ask about the rest separately.",
            crate::matching::MAX_QUERY_CHARS
        )
    })
}

/// "Through the FBI" from "through the FBI".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The start of a query, for echoing it back in one line.
fn echo(query: &str) -> String {
    let flat: String = query.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > ECHO_CHARS {
        let cut: String = flat.chars().take(ECHO_CHARS).collect();
        format!("{cut}...")
    } else {
        flat
    }
}
