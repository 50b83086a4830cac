//! `who-handles --json`: the answer's schema (docs/json-schema.md) and how the plan
//! fills it.

use super::lines::capitalized;
use super::{
    Answer, ConflictJson, ContactJson, Correction, DatasetJson, EmergencyJson, LocalJson,
    NeedMatch, OrgRefJson, Place, PlannedReferral, SCHEMA_VERSION, Serialize, SourceRefJson, Text,
    no_number_field, viewer,
};

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
    /// The hotline in one line, in every answer (whether or not a referral is the
    /// hotline): no answer is a dead end.
    pub hotline: String,
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
    /// Words that say the person is a minor without an age ("teen", "underage").
    pub minor_words: Vec<String>,
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
    /// Words saying someone may be in danger now: the 911 line.
    pub danger: Vec<String>,
    /// Words saying nobody is in danger now, or danger words out of the present.
    pub no_danger: Vec<String>,
    /// Who the question says is asking, with its words; null when it does not say.
    pub asker: Option<AskerJson>,
    /// What the caller wants of the call ("report"), with its words.
    pub wants: Vec<WantJson>,
    /// Abbreviations read without context in their safer sense ("CP" alone), with the
    /// other senses the answer names.
    pub ambiguous: Vec<AmbiguityJson>,
}

#[derive(Debug, Serialize)]
pub struct AmbiguityJson {
    /// As written ("CP").
    pub words: String,
    /// The sense read (its words, as the matcher read them).
    pub read_as: String,
    /// The other senses, each to ask about in its own words.
    pub others: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct WantJson {
    /// "report".
    pub want: &'static str,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct AgeJson {
    pub years: u32,
    pub minor: bool,
    /// An adult's age said of a partner or buyer ("her boyfriend is 34"), not the victim's.
    pub partner: bool,
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
                    partner: a.of_partner,
                    words: a.words.clone(),
                })
                .collect(),
            minor_words: reading.minor_named.clone(),
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
            danger: reading.danger.clone(),
            no_danger: reading.no_danger.clone(),
            asker: reading.asker.as_ref().map(|(asker, words)| AskerJson {
                role: asker.as_str(),
                words: words.clone(),
            }),
            wants: reading
                .wants
                .iter()
                .map(|w| WantJson {
                    want: w.want.as_str(),
                    words: w.words.clone(),
                })
                .collect(),
            ambiguous: reading
                .ambiguous
                .iter()
                .map(|a| AmbiguityJson {
                    words: a.words.clone(),
                    read_as: a.read_as.clone(),
                    others: a.others.clone(),
                })
                .collect(),
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

impl Answer<'_> {
    pub(super) fn referral_json(&self, rank: usize, r: &PlannedReferral) -> ReferralJson {
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
            no_contact_note: (r.contacts.is_empty() || r.primary.is_none()).then(|| {
                no_number_field(index, r.org, 0, crate::matching::reading::Lang::En).value
            }),
            sources: SourceRefJson::list(index.data, &reason_sources),
            newest_source_date: viewer::newest_date(index.data, &reason_sources),
            staleness: self.viewer.staleness(index.data, &reason_sources),
            conflicts: index
                .data
                .conflicts_about(&o.id)
                .map(|c| ConflictJson::new(index.data, c))
                .collect(),
            local: LocalJson::of(o),
        }
    }

    pub(super) fn need_json(&self, m: &NeedMatch) -> NeedMatchJson {
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

    pub(super) fn json(&self) -> WhoHandlesJson {
        let data = self.ctx.index.data;
        WhoHandlesJson {
            schema_version: SCHEMA_VERSION,
            command: "who-handles",
            role: self.viewer.asker.as_str(),
            role_from_query: self.asker_words.clone(),
            query: self.query.to_string(),
            query_truncated: crate::matching::bounded(self.query).1,
            dataset: DatasetJson::new(data),
            emergency: self.plan.danger.then(|| EmergencyJson {
                abroad: self.abroad_line(),
                ..EmergencyJson::new(data)
            }),
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
            hotline: crate::describe::glance::hotline_line(&self.ctx.index, self.lang)
                .unwrap_or_else(|| "National Human Trafficking Hotline: 1-888-373-7888".into()),
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
}
