//! Who is reading an answer, and when: the asker's role decides which lines are marked as
//! meant for someone else, and today's date decides which facts rest on stale sources.

use crate::clock::Date;
use crate::data::{Asker, Contact, Dataset, Text};
use crate::matching::reading::Lang;

#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub asker: Asker,
    /// The language of the answer's own words (texts from the sources stay as written).
    pub lang: Lang,
    pub today: Date,
    /// Years after which a dated source is stale.
    pub stale_after: u16,
}

impl Viewer {
    /// A note when a line is restricted to other callers than the asker, or meant for
    /// them, in English (the JSON's words).
    pub fn asker_note(&self, contact: &Contact) -> Option<String> {
        self.asker_note_in(contact, Lang::En)
    }

    /// The note of [`Viewer::asker_note`] in a language.
    pub fn asker_note_in(&self, contact: &Contact, lang: Lang) -> Option<String> {
        if contact.for_askers.is_empty() {
            return None;
        }
        let es = lang == Lang::Es;
        let asker = self.asker.described_in(es);
        if contact.for_askers.contains(&self.asker) {
            return Some(match lang {
                Lang::En => format!("meant for {asker}"),
                Lang::Es => format!("destinada {}", to_whom_es(asker)),
            });
        }
        let audience = contact
            .audience_in(es)
            .unwrap_or(lang.say("other callers", "otras personas"));
        let others = contact
            .others_in(es)
            .map(|o| {
                format!(
                    " {}: {o}",
                    lang.say(
                        "htref's suggestion, not from the sources",
                        "Sugerencia de htref, no de las fuentes"
                    )
                )
            })
            .unwrap_or_default();
        Some(match lang {
            Lang::En => format!(
                "not meant for {asker}: it is for {}.{others}",
                lower_first(audience)
            ),
            // "a el público" contracts to "al público".
            Lang::Es => format!(
                "no está destinada {}: es para {}.{others}",
                to_whom_es(asker),
                lower_first(audience)
            ),
        })
    }

    /// "based on a 2007 source: verify before relying on it", when every source behind a
    /// fact is dated and the newest is older than the threshold. Undated sources are not
    /// called stale; they are cited as undated. English: the JSON's words.
    pub fn staleness(&self, data: &Dataset, ids: &[Text]) -> Option<String> {
        self.staleness_in(data, ids, Lang::En)
    }

    /// The warning of [`Viewer::staleness`] in a language.
    pub fn staleness_in(&self, data: &Dataset, ids: &[Text], lang: Lang) -> Option<String> {
        let mut dates = Vec::new();
        for id in ids {
            let source = data.source(id)?;
            dates.push(Date::parse(source.date.as_deref()?)?);
        }
        dates.sort();
        dates.dedup();
        let newest = *dates.last()?;
        if newest.years_until(self.today) < i64::from(self.stale_after) {
            return None;
        }
        let year = newest.year;
        Some(match (lang, dates.len()) {
            (Lang::En, 1) => format!("based on a {year} source: verify before relying on it"),
            (Lang::En, _) => {
                format!("based on sources from {year} or earlier: verify before relying on it")
            }
            (Lang::Es, 1) => {
                format!("según una fuente de {year}: verifíquelo antes de confiar en él")
            }
            (Lang::Es, _) => {
                format!("según fuentes de {year} o anteriores: verifíquelo antes de confiar en él")
            }
        })
    }
}

/// The newest date among the dated sources behind a fact.
pub fn newest_date(data: &Dataset, ids: &[Text]) -> Option<String> {
    ids.iter()
        .filter_map(|id| data.source(id)?.date.as_deref())
        .max()
        .map(str::to_string)
}

/// "a" before a Spanish asker, contracted before "el": "al público", "a un abogado".
fn to_whom_es(asker: &str) -> String {
    match asker.strip_prefix("el ") {
        Some(rest) => format!("al {rest}"),
        None => format!("a {asker}"),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
