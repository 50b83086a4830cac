//! The dataset's model (the RON files under `data/`) and its consistency checks.

pub mod model;
pub mod validate;

pub use model::*;
pub use validate::{Problem, contact_problems, fits, is_official_url};

impl Dataset {
    /// Every problem the validator finds, for tests and `data check`.
    pub fn problems(&self) -> Vec<validate::Problem> {
        validate::check(self)
    }

    /// The recorded disagreements between sources about one organization, in the data's
    /// order: the one filter every view of conflicts goes through.
    pub fn conflicts_about<'s>(
        &'s self,
        org_id: &'s str,
    ) -> impl Iterator<Item = &'s Conflict> + 's {
        self.conflicts
            .iter()
            .filter(move |c| c.subjects.iter().any(|s| s.as_ref() == org_id))
    }

    /// An overlay's correction of this contact's number; the last one when several
    /// overlays correct it.
    pub fn override_of(&self, contact_id: &str) -> Option<&ContactOverride> {
        self.overrides
            .iter()
            .rev()
            .find(|fix| fix.contact == contact_id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources a list of ids cites, each once, in first-cited order; unknown ids are
    /// skipped (the validator reports them).
    pub fn sources_cited(&self, ids: &[Text]) -> Vec<&Source> {
        let mut cited: Vec<&Source> = Vec::new();
        for id in ids {
            if let Some(source) = self.source(id)
                && !cited.iter().any(|s| s.id == source.id)
            {
                cited.push(source);
            }
        }
        cited
    }
}

impl Contact {
    /// Whether this asker may use the line: it is kept to no askers, or to them among others.
    pub fn is_open_to(&self, asker: Asker) -> bool {
        self.for_askers.is_empty() || self.for_askers.contains(&asker)
    }

    /// How the line is reached (`reach`), in Spanish when asked and given.
    pub fn reach_in(&self, spanish: bool) -> Option<&str> {
        let english = self.reach.as_deref()?;
        Some(said(english, self.reach_es.as_deref(), spanish))
    }

    /// Whom the line is for (`audience`), in Spanish when asked and given.
    pub fn audience_in(&self, spanish: bool) -> Option<&str> {
        let english = self.audience.as_deref()?;
        Some(said(english, self.audience_es.as_deref(), spanish))
    }

    /// What else to know of the line (`note`), in Spanish when asked and given.
    pub fn note_in(&self, spanish: bool) -> Option<&str> {
        let english = self.note.as_deref()?;
        Some(said(english, self.note_es.as_deref(), spanish))
    }

    /// The line's name (`label`), in Spanish when asked and given.
    pub fn label_in(&self, spanish: bool) -> &str {
        said(&self.label, self.label_es.as_deref(), spanish)
    }

    /// Why to check the line (`verify`), in Spanish when asked and given.
    pub fn verify_in(&self, spanish: bool) -> Option<&str> {
        let english = self.verify.as_deref()?;
        Some(said(english, self.verify_es.as_deref(), spanish))
    }

    /// htref's suggestion for other askers (`others`), in Spanish when asked and given.
    pub fn others_in(&self, spanish: bool) -> Option<&str> {
        let english = self.others.as_deref()?;
        Some(said(english, self.others_es.as_deref(), spanish))
    }
}

impl Source {
    /// The few words that name the document, in Spanish when asked and given.
    pub fn short_in(&self, spanish: bool) -> &str {
        said(&self.short, self.short_es.as_deref(), spanish)
    }
}

impl Superseded {
    /// What the newer pages say to use instead, in Spanish when asked and given.
    pub fn note_in(&self, spanish: bool) -> &str {
        said(&self.note, self.note_es.as_deref(), spanish)
    }
}

impl Conflict {
    /// What the sources disagree on, in Spanish when asked and given.
    pub fn topic_in(&self, spanish: bool) -> &str {
        said(&self.topic, self.topic_es.as_deref(), spanish)
    }

    /// What htref shows as current and why, in Spanish when asked and given.
    pub fn resolution_in(&self, spanish: bool) -> &str {
        said(&self.resolution, self.resolution_es.as_deref(), spanish)
    }
}

impl Alias {
    /// Why the name is kept, in Spanish when asked and given.
    pub fn note_in(&self, spanish: bool) -> &str {
        said(&self.note, self.note_es.as_deref(), spanish)
    }
}

impl Link {
    /// The relation ("funded by"), in Spanish when asked and given.
    pub fn relation_in(&self, spanish: bool) -> &str {
        said(&self.relation, self.relation_es.as_deref(), spanish)
    }
}

impl Need {
    /// Why the referrals carry no number, in Spanish when asked and given.
    pub fn no_contact_in(&self, spanish: bool) -> Option<&str> {
        let english = self.no_contact.as_deref()?;
        Some(said(english, self.no_contact_es.as_deref(), spanish))
    }
}

/// A text of the data in the answer's language: its Spanish where asked and given, else
/// its English (a local file's own text may have no Spanish).
pub fn said<'a>(english: &'a str, spanish: Option<&'a str>, in_spanish: bool) -> &'a str {
    match spanish {
        Some(es) if in_spanish => es,
        _ => english,
    }
}
