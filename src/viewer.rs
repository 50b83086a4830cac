//! Who is reading an answer, and when: the asker's role decides which lines are marked as
//! meant for someone else, and today's date decides which facts rest on stale sources.

use crate::clock::Date;
use crate::data::{Asker, Contact, Dataset, Text};

#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub asker: Asker,
    /// The language of the answer's own words (texts from the sources stay as written).
    pub lang: crate::matching::reading::Lang,
    pub today: Date,
    /// Years after which a dated source is stale.
    pub stale_after: u16,
}

impl Viewer {
    /// A note when a line is restricted to other callers than the asker, or meant for them.
    pub fn asker_note(&self, contact: &Contact) -> Option<String> {
        if contact.for_askers.is_empty() {
            return None;
        }
        if contact.for_askers.contains(&self.asker) {
            return Some(format!("meant for {}", self.asker.described()));
        }
        let audience = contact.audience.as_deref().unwrap_or("other callers");
        let others = contact
            .others
            .as_deref()
            .map(|o| format!(" htref's suggestion, not from the sources: {o}"))
            .unwrap_or_default();
        Some(format!(
            "not meant for {}: it is for {}.{others}",
            self.asker.described(),
            lower_first(audience)
        ))
    }

    /// "based on a 2007 source: verify before relying on it", when every source behind a
    /// fact is dated and the newest is older than the threshold. Undated sources are not
    /// called stale; they are cited as undated.
    pub fn staleness(&self, data: &Dataset, ids: &[Text]) -> Option<String> {
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
        Some(if dates.len() == 1 {
            format!(
                "based on a {} source: verify before relying on it",
                newest.year
            )
        } else {
            format!(
                "based on sources from {} or earlier: verify before relying on it",
                newest.year
            )
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

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
