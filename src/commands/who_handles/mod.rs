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
use crate::matching::tables::Tables;
use crate::matching::{Correction, Matcher, Matches, NeedMatch};
use crate::plan::{self, Plan, PlannedReferral, Reason};
use crate::render::json::{
    ConflictJson, ContactJson, DatasetJson, EmergencyJson, LocalJson, OrgRefJson, SCHEMA_VERSION,
    SourceRefJson,
};
use crate::render::{Block, Doc, Field, Record, Row};
use crate::viewer::{self, Viewer};
use serde::Serialize;
use std::io::Write;

mod json;
mod lines;
mod views;

pub fn run(ctx: &Context, args: &WhoHandlesArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let query = args.need.join(" ");
    if query.trim().is_empty() {
        return Err(UsageError(
            ctx.lang()
                .say(
                    "the need is empty: describe it in words, e.g. `htref who-handles labor`; `htref needs` lists what htref knows",
                    "la necesidad está vacía: descríbala con palabras, p. ej., `htref who-handles \"trabajo forzado\"`; `htref needs` enumera lo que htref conoce",
                )
                .into(),
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
    let overlay;
    let tables = if local_names {
        overlay = overlay_tables(ctx);
        overlay.view()
    } else {
        crate::matching::tables::bundled()
    };
    // The local services were looked up for the same question over the same bundled
    // tables; with overlays' names among the tables it is read again, names and all.
    let matches = match &ctx.local.matches {
        Some(matches) if !local_names => matches.clone(),
        _ => Matcher::new(ctx.index.data, tables)
            .with_model(crate::matching::bundled_model())
            .find(&query),
    };
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
) -> Result<(Vec<crate::data::local_db::ServiceRow>, Matches), DataError> {
    let matcher = Matcher::new(data, crate::matching::tables::bundled())
        .with_model(crate::matching::bundled_model());
    let found = matcher.find(query);
    // Each need with the question's words it was found by, which choose among the
    // services that fit it as well ("food" for a food bank).
    let plain = &crate::hsds::taxonomy::Taxonomy::bundled().plain_words;
    let needs: Vec<(&str, Vec<String>)> = found
        .needs
        .iter()
        .map(|m| {
            let mut words: Vec<String> = m
                .hits
                .iter()
                .flat_map(|h| h.words.iter().chain(std::iter::once(&h.term)))
                .flat_map(|w| w.split(' '))
                .map(str::to_lowercase)
                .filter(|w| w.chars().count() > 2 && !plain.contains(w))
                .collect();
            words.sort();
            words.dedup();
            (data.needs[m.need].id.as_ref(), words)
        })
        .collect();
    if needs.is_empty() {
        return Ok((Vec::new(), found));
    }
    let rows = db
        .services_for(place, &needs, crate::data::local_services::PER_NEED)
        .map_err(DataError)?;
    Ok((rows, found))
}

/// The matcher's tables with overlays' organizations among the names, built at every run
/// (overlays are small; large data lives in the local database).
fn overlay_tables(ctx: &Context) -> Tables<'static> {
    // Built at every run: overlays hold at most a few thousand entries written by hand
    // (MAX_OVERLAY_ORGANIZATIONS); a directory's feed goes into the local database.
    Tables::build(ctx.index.data)
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
    emergency: Some(crate::describe::EMERGENCY_ES),
    need: "Necesidad:",
    matched: "coincide con",
    headers: ["Oficina", "Cómo comunicarse", "Por qué"],
    no_match: "Ninguna necesidad en los datos de htref coincide con \"{}\". htref no adivina una referencia.",
    closest: "Necesidades más cercanas",
    run_needs: "Ejecute `htref needs` para ver todas las necesidades que htref reconoce.",
};

impl Answer<'_> {
    pub(super) fn words(&self) -> &'static Words {
        match self.lang {
            Lang::En => &ENGLISH,
            Lang::Es => &SPANISH,
        }
    }

    /// What the database could not offer, for the answer's own lines.
    pub(super) fn local_note(&self) -> Option<String> {
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
        let zip = place.zip.as_deref().filter(|_| place.state.is_none())?;
        let (covered, _) = crate::data::place::zip_coverage();
        Some(match self.lang {
            Lang::En => format!(
                "State unknown for ZIP {zip} (the USPS list htref carries covers {covered} ZIP prefixes): local services at that ZIP and near it are shown, and those of the state your directory's own addresses there are in; give its state too (--where \"{zip}, MD\", with the state's own code) for services that cover the state."
            ),
            Lang::Es => format!(
                "Estado desconocido para el código postal {zip} (la lista del USPS que htref incluye cubre {covered} prefijos): solo se muestran servicios locales con ese código; indique también el estado (--where \"{zip}, MD\", con el código de su estado) para servicios que cubren el estado."
            ),
        })
    }

    pub(super) fn need_match(&self, need: usize) -> Option<&NeedMatch> {
        self.plan.matches.needs.iter().find(|m| m.need == need)
    }

    pub(super) fn why_text(&self, reason: &Reason) -> (Option<String>, String, Vec<String>) {
        let data = self.ctx.index.data;
        match reason {
            Reason::Named(hit) => (
                None,
                match self.lang {
                    Lang::En => format!("You named it (\"{}\").", hit.term),
                    Lang::Es => format!("Usted la nombró (\"{}\").", hit.term),
                },
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
                    crate::describe::referral_why(&n.referrals[*referral], self.lang).to_string(),
                    terms,
                )
            }
            Reason::Asker(i) => (
                None,
                crate::describe::referral_why(&data.info.asker_referrals[*i].1, self.lang)
                    .to_string(),
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
    pub(super) fn local_file(&self, reason: &Reason) -> Option<String> {
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
    pub(super) fn meant_for(&self, reason: &Reason) -> &[Asker] {
        let data = self.ctx.index.data;
        match reason {
            Reason::Need { need, referral } => &data.needs[*need].referrals[*referral].for_askers,
            Reason::Asker(i) => &data.info.asker_referrals[*i].1.for_askers,
            Reason::Named(_) | Reason::Fallback => &[],
        }
    }

    pub(super) fn reason_sources(&self, r: &PlannedReferral) -> Vec<Text> {
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
    pub(super) fn route_of(&self, r: &PlannedReferral) -> Option<&crate::data::Route> {
        r.route
            .then(|| self.ctx.index.org(r.org).route.as_ref())
            .flatten()
    }

    pub(super) fn shown(&self) -> impl Iterator<Item = &PlannedReferral> {
        self.shown.iter().map(|&i| &self.plan.referrals[i])
    }
}
