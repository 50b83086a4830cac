//! The dataset's record types, exactly as written in the RON files under `data/`.
//!
//! Text and lists are copy-on-write: the bundled data is compiled into the binary as
//! static values (build.rs bakes it with databake), so start-up reads it in place, while
//! overlay files parse into owned values of the same types.

use databake::Bake;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text in the data: borrowed from the binary for bundled records, owned for overlays.
pub type Text = Cow<'static, str>;
/// A list in the data: borrowed from the binary for bundled records, owned for overlays.
pub type List<T> = Cow<'static, [T]>;

/// `data/dataset.ron`: facts about the dataset as a whole.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct DatasetInfo {
    /// The date the data was last reviewed against the sources (YYYY-MM-DD).
    pub as_of: Text,
    pub review_note: Text,
    /// Referrals every answer for this asker carries, when the plan does not already.
    #[serde(default)]
    pub asker_referrals: List<(Asker, Referral)>,
    pub emergency: Emergency,
    /// What the hotline's own page promises a caller, in one line of htref's words, for
    /// the client's sheet: a frightened client reads whether calling is safe.
    pub hotline_assurance: Assurance,
}

/// One line of htref's own words summarizing what its sources promise, in both languages.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Assurance {
    pub text: Text,
    pub text_es: Text,
    pub sources: List<Text>,
}

impl Assurance {
    /// The line in Spanish when asked, else in English.
    pub fn text_in(&self, in_spanish: bool) -> &str {
        super::said(&self.text, Some(&self.text_es), in_spanish)
    }
}

/// General emergency guidance: the one number carried without a source.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    pub number: Text,
    pub message: Text,
    pub note: Text,
}

/// One source document.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub publisher: Text,
    pub title: Text,
    /// A few words that name the document beside an answer ("State Department fact sheet").
    pub short: Text,
    /// `short` as a Spanish answer says it: htref's own words (the title and publisher are
    /// the document's own and stay as written).
    #[serde(default, skip_serializing)]
    pub short_es: Option<Text>,
    /// Publication date (YYYY-MM-DD) when the document states one.
    pub date: Option<Text>,
    /// A period the document can be placed in when it has no date.
    pub approx: Option<Text>,
    pub currency: Text,
    pub contributed: Text,
    /// `approx`, `currency` and `contributed` as a Spanish answer says them: htref's own
    /// words about the document.
    #[serde(default, skip_serializing)]
    pub approx_es: Option<Text>,
    #[serde(default, skip_serializing)]
    pub currency_es: Option<Text>,
    #[serde(default, skip_serializing)]
    pub contributed_es: Option<Text>,
    /// For an organization's own official page (not a seed document): its https address.
    #[serde(default)]
    pub url: Option<Text>,
    /// When htref's copy of an official page was read (YYYY-MM-DD): an undated page ages
    /// from this date.
    #[serde(default)]
    pub read: Option<Text>,
}

/// Where an organization sits in the tree of federal government.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, Bake,
)]
#[databake(path = crate::data::model)]
pub enum OrgKind {
    Department,
    Agency,
    Office,
    Program,
    Initiative,
    Campaign,
    TaskForce,
    Hotline,
    Interagency,
    /// Outside the federal departments: named by the sources as a partner or grantee.
    Partner,
}

impl OrgKind {
    pub const ALL: [OrgKind; 10] = [
        OrgKind::Department,
        OrgKind::Agency,
        OrgKind::Office,
        OrgKind::Program,
        OrgKind::Initiative,
        OrgKind::Campaign,
        OrgKind::TaskForce,
        OrgKind::Hotline,
        OrgKind::Interagency,
        OrgKind::Partner,
    ];

    /// The kebab-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Department => "department",
            OrgKind::Agency => "agency",
            OrgKind::Office => "office",
            OrgKind::Program => "program",
            OrgKind::Initiative => "initiative",
            OrgKind::Campaign => "campaign",
            OrgKind::TaskForce => "task-force",
            OrgKind::Hotline => "hotline",
            OrgKind::Interagency => "interagency",
            OrgKind::Partner => "partner",
        }
    }

    /// The kind as a Spanish answer names it ("oficina").
    pub fn as_str_es(self) -> &'static str {
        match self {
            OrgKind::Department => "departamento",
            OrgKind::Agency => "agencia",
            OrgKind::Office => "oficina",
            OrgKind::Program => "programa",
            OrgKind::Initiative => "iniciativa",
            OrgKind::Campaign => "campaña",
            OrgKind::TaskForce => "grupo de trabajo",
            OrgKind::Hotline => "línea de ayuda",
            OrgKind::Interagency => "organismo interinstitucional",
            OrgKind::Partner => "organización local",
        }
    }

    /// The kind in the answer's language: the English is the command line's own word.
    pub fn said(self, in_spanish: bool) -> &'static str {
        if in_spanish {
            self.as_str_es()
        } else {
            self.as_str()
        }
    }
}

/// What kind of help an organization gives, which decides its place for each kind of asker:
/// a survivor sees help and services before tip lines, a police officer the reverse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
pub enum Track {
    /// The national hotline: help for anyone, any time.
    Help,
    /// Services and benefits for victims and survivors.
    #[default]
    Services,
    /// Immigration relief and case status.
    Immigration,
    /// Lines that take reports of trafficking crimes.
    Report,
    /// Investigating agencies and enforcement.
    Investigation,
    /// Prosecuting offices.
    Prosecution,
    /// Research, data, policy, awareness, grant funding and international programs: no
    /// direct help for one victim.
    Information,
}

impl Track {
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Help => "help",
            Track::Services => "services",
            Track::Immigration => "immigration",
            Track::Report => "report",
            Track::Investigation => "investigation",
            Track::Prosecution => "prosecution",
            Track::Information => "information",
        }
    }
}

/// Who is asking. The sources restrict some lines to some callers (lawyers and advocates,
/// federal benefit representatives); the answer's order and notes follow the asker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
pub enum Asker {
    Public,
    Survivor,
    Advocate,
    Attorney,
    LawEnforcement,
    Benefits,
    Educator,
}

impl Asker {
    pub fn as_str(self) -> &'static str {
        match self {
            Asker::Public => "public",
            Asker::Survivor => "survivor",
            Asker::Advocate => "advocate",
            Asker::Attorney => "attorney",
            Asker::LawEnforcement => "law-enforcement",
            Asker::Benefits => "benefits",
            Asker::Educator => "educator",
        }
    }

    /// How a note names the asker: "a survivor", "law enforcement".
    pub fn described(self) -> &'static str {
        match self {
            Asker::Public => "the public",
            Asker::Survivor => "a survivor",
            Asker::Advocate => "an advocate",
            Asker::Attorney => "an attorney",
            Asker::LawEnforcement => "law enforcement",
            Asker::Benefits => "a benefits representative",
            Asker::Educator => "an educator",
        }
    }

    /// The asker in the answer's language.
    pub fn described_in(self, in_spanish: bool) -> &'static str {
        if in_spanish {
            self.described_es()
        } else {
            self.described()
        }
    }

    /// How a Spanish answer names the asker.
    pub fn described_es(self) -> &'static str {
        match self {
            Asker::Public => "el público",
            Asker::Survivor => "una persona sobreviviente",
            Asker::Advocate => "una persona que apoya a víctimas",
            Asker::Attorney => "un abogado o abogada",
            Asker::LawEnforcement => "las autoridades policiales",
            Asker::Benefits => "personal de beneficios",
            Asker::Educator => "un educador o educadora",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Stable slug; never reused for another organization.
    pub id: Text,
    /// Current name, from the newest source that states it ungarbled.
    pub name: Text,
    pub acronym: Option<Text>,
    /// Old names, other spellings and garbled forms, each with where it was seen.
    #[serde(default)]
    pub aliases: List<Alias>,
    pub kind: OrgKind,
    /// Defaults to services, the usual kind of local partner.
    #[serde(default)]
    pub track: Track,
    /// Police, investigators or prosecutors of crimes (ICE, the FBI, DOJ's prosecutors and
    /// the task forces they lead); what sits under one is too. A caller who fears or
    /// refuses the police does not get these first (docs/ordering.md). Labor agencies that
    /// investigate employers (WHD, OSHA, EEOC) are not.
    #[serde(default)]
    pub law_enforcement: bool,
    /// The organization it sits under; `None` for departments and independent bodies.
    pub parent: Option<Text>,
    /// Why an organization with no parent is not a department.
    pub independent: Option<Text>,
    /// `independent` in Spanish.
    #[serde(default, skip_serializing)]
    pub independent_es: Option<Text>,
    /// Two-letter state code for state or local bodies; federal ones are nationwide.
    pub state: Option<Text>,
    pub summary: Text,
    /// `summary` in Spanish: htref's own words, like the English (a test checks every
    /// bundled organization has one; a local file's may leave it out).
    #[serde(default)]
    pub summary_es: Option<Text>,
    #[serde(default)]
    pub roles: List<Role>,
    #[serde(default)]
    pub contacts: List<Contact>,
    /// Why there is no way to reach it: it publishes no public contact point (an
    /// interagency body, a policy office), or it no longer exists. Never another office's
    /// number.
    pub no_contact: Option<Text>,
    /// `no_contact` in Spanish.
    #[serde(default)]
    pub no_contact_es: Option<Text>,
    /// How to reach an office with no public line of its own, as its own page or its
    /// parent's says: another office's line, always shown labelled as a route.
    #[serde(default)]
    pub route: Option<Route>,
    /// Relations other than the parent: "funded by", "partner in" and so on.
    #[serde(default)]
    pub links: List<Link>,
    /// Bundled records must cite sources; a local overlay's own file is its source.
    #[serde(default)]
    pub sources: List<Text>,
    /// In an overlay: replace the bundled organization with this id.
    #[serde(default)]
    pub overrides: bool,
    /// In an overlay: the area a local partner serves ("Baltimore City").
    pub service_area: Option<Text>,
    /// Set by the loader for an entry from an overlay file: the file's path.
    #[serde(skip)]
    pub origin: Option<Text>,
    /// Set for a service from the local database: its feed, so that its row says "local"
    /// first.
    #[serde(skip)]
    pub feed: Option<Text>,
    /// Set for a service from the local database: its record's id in its feed, to find it
    /// in the directory it came from.
    #[serde(skip)]
    pub feed_record: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: Text,
    pub note: Text,
    /// `note` in Spanish (the name is a name, and stays as written).
    #[serde(default, skip_serializing)]
    pub note_es: Option<Text>,
    /// The organization's own name in Spanish, as its own Spanish pages write it: a Spanish
    /// answer calls it so (a Spanish-speaking client knows the line by that name).
    #[serde(default, skip_serializing)]
    pub spanish: bool,
    pub sources: List<Text>,
}

impl Route {
    /// How the route reads in the answer's language (English where no Spanish is given).
    pub fn label_in(&self, spanish: bool) -> &str {
        super::said(&self.label, self.label_es.as_deref(), spanish)
    }
}

/// The way an office without a public line is reached: the line of the office that
/// answers for it ("through the FBI: tips.fbi.gov"). A cited page must send people there
/// for this office's work; a department's switchboard is no route.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The organization that answers.
    pub via: Text,
    /// Its contacts to show, by id, best first.
    pub contacts: List<Text>,
    /// How the route reads beside the number: "through the FBI".
    pub label: Text,
    /// The same in a Spanish answer: "a través del FBI" (a test checks every route has one).
    #[serde(default)]
    pub label_es: Option<Text>,
    pub sources: List<Text>,
}

/// What an organization does, or when to go there.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub text: Text,
    /// `text` in Spanish (htref's own words about what its sources say).
    #[serde(default)]
    pub text_es: Option<Text>,
    pub sources: List<Text>,
}

impl Role {
    /// What it does, in Spanish when asked and the data says it in Spanish.
    pub fn text_in(&self, in_spanish: bool) -> &str {
        super::said(&self.text, self.text_es.as_deref(), in_spanish)
    }
}

impl Organization {
    /// Its name, or in Spanish the name its own Spanish pages give it, when it has one.
    pub fn name_in(&self, in_spanish: bool) -> &str {
        self.aliases
            .iter()
            .find(|alias| in_spanish && alias.spanish)
            .map_or(&self.name, |alias| &alias.name)
    }

    /// The summary, in Spanish when asked and the data says it in Spanish.
    pub fn summary_in(&self, in_spanish: bool) -> &str {
        super::said(&self.summary, self.summary_es.as_deref(), in_spanish)
    }

    /// Why it sits outside any department, in Spanish when asked and given.
    pub fn independent_in(&self, in_spanish: bool) -> Option<&str> {
        self.independent
            .as_deref()
            .map(|en| super::said(en, self.independent_es.as_deref(), in_spanish))
    }

    /// Why it has no line, in Spanish when asked and the data says it in Spanish.
    pub fn no_contact_in(&self, in_spanish: bool) -> Option<&str> {
        self.no_contact
            .as_deref()
            .map(|en| super::said(en, self.no_contact_es.as_deref(), in_spanish))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub to: Text,
    pub relation: Text,
    /// `relation` in Spanish ("financiado por").
    #[serde(default, skip_serializing)]
    pub relation_es: Option<Text>,
    pub sources: List<Text>,
}

/// How a contact is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
pub enum ContactKind {
    /// A phone number to call.
    Voice,
    /// A TTY or relay number.
    Tty,
    /// A text/SMS number or short code.
    Text,
    /// A live chat, with its web address where the organization's own site gives one.
    Chat,
    /// A language option the sources name without a separate number.
    Language,
    /// A video phone number (American Sign Language).
    Video,
    /// An online report or complaint form, or a contact web page: an official https address.
    Web,
    /// An email address.
    Email,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Voice => "voice",
            ContactKind::Tty => "tty",
            ContactKind::Text => "text",
            ContactKind::Chat => "chat",
            ContactKind::Language => "language",
            ContactKind::Video => "video",
            ContactKind::Web => "web",
            ContactKind::Email => "email",
        }
    }

    /// How a person would say the kind before the number: "Phone", "TTY", "Text".
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Voice => "Phone",
            ContactKind::Tty => "TTY",
            ContactKind::Text => "Text",
            ContactKind::Chat => "Live chat",
            ContactKind::Language => "Language option",
            ContactKind::Video => "Video phone",
            ContactKind::Web => "Online",
            ContactKind::Email => "Email",
        }
    }

    /// The kind as a Spanish answer names it.
    pub fn label_es(self) -> &'static str {
        match self {
            ContactKind::Voice => "Teléfono",
            ContactKind::Tty => "TTY",
            ContactKind::Text => "Mensaje de texto",
            ContactKind::Chat => "Chat en vivo",
            ContactKind::Language => "Opción de idioma",
            ContactKind::Video => "Videollamada",
            ContactKind::Web => "En línea",
            ContactKind::Email => "Correo electrónico",
        }
    }

    /// The kind in the answer's language.
    pub fn label_in(self, in_spanish: bool) -> &'static str {
        if in_spanish {
            self.label_es()
        } else {
            self.label()
        }
    }

    /// Whether this kind of contact must carry a number.
    pub fn needs_number(self) -> bool {
        matches!(
            self,
            ContactKind::Voice | ContactKind::Tty | ContactKind::Text | ContactKind::Video
        )
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Text,
    pub kind: ContactKind,
    pub label: Text,
    /// `label` as a Spanish answer says it: names stay, the words around them change.
    #[serde(default, skip_serializing)]
    pub label_es: Option<Text>,
    /// The number as a person should dial it.
    pub number: Option<Text>,
    /// Other ways the sources write the same number (e.g. a vanity form).
    #[serde(default)]
    pub other_forms: List<Text>,
    /// Digits for matching: ten for a U.S. number (no leading 1), or a short code.
    pub digits: Option<Text>,
    /// For a web form, contact page or chat: the official https address.
    #[serde(default)]
    pub url: Option<Text>,
    /// For an email contact: the address.
    #[serde(default)]
    pub email: Option<Text>,
    pub hours: Option<Text>,
    /// `hours` as a Spanish answer says them ("24/7" needs none).
    #[serde(default)]
    pub hours_es: Option<Text>,
    #[serde(default)]
    pub languages: List<Text>,
    pub reach: Option<Text>,
    /// `reach`, `audience` and `note` as a Spanish answer says them: htref's own words, like
    /// the English (a test checks every bundled contact has each one its English has; a
    /// local file's may leave them out).
    #[serde(default)]
    pub reach_es: Option<Text>,
    /// Who may call, where the sources restrict it.
    pub audience: Option<Text>,
    #[serde(default)]
    pub audience_es: Option<Text>,
    /// The askers the line is meant for, when the sources restrict it; empty for anyone.
    #[serde(default)]
    pub for_askers: List<Asker>,
    /// htref's own suggestion, not from the sources, for anyone else ("ask your advocate to
    /// call"); always shown labelled as such.
    pub others: Option<Text>,
    #[serde(default, skip_serializing)]
    pub others_es: Option<Text>,
    pub note: Option<Text>,
    #[serde(default)]
    pub note_es: Option<Text>,
    /// Why to check the line before relying on it, when no current official page confirms
    /// it (a number only a seed gives, beside an official page that points elsewhere).
    #[serde(default)]
    pub verify: Option<Text>,
    #[serde(default, skip_serializing)]
    pub verify_es: Option<Text>,
    #[serde(default)]
    pub sources: List<Text>,
    /// Other organizations a cited source gives this line for (a page lists ICE's tip line
    /// under its Human Smuggling and Trafficking Unit): only they may show it on their card.
    #[serde(default)]
    pub also_for: List<Text>,
    /// The needs whose answers may show this line, when its source gives it for one purpose
    /// (OTIP's Child Protection Specialists line is for cases of minors); empty for any. An
    /// answer that names the office shows it regardless.
    #[serde(default)]
    pub for_needs: List<Text>,
    /// Set when newer official pages send people elsewhere: the line is history, never
    /// offered in an answer, shown only on the office's full card and to `phone`.
    #[serde(default)]
    pub superseded: Option<Superseded>,
}

/// Why a line is no longer offered: the newer official pages that replace it.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Superseded {
    /// What those pages say to use instead, in a sentence.
    pub note: Text,
    #[serde(default, skip_serializing)]
    pub note_es: Option<Text>,
    /// The contacts to use instead, when htref carries them.
    #[serde(default)]
    pub instead: List<Text>,
    /// The sources (official pages) that supersede it.
    pub sources: List<Text>,
}

/// An overlay's correction of a bundled contact (a number that no longer works), kept
/// beside the original so the output can show both.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct ContactOverride {
    /// The bundled contact's id.
    pub contact: Text,
    /// The number to dial instead, as written; none to say the line no longer works.
    pub number: Option<Text>,
    pub note: Text,
    /// When the override was checked (YYYY-MM-DD).
    pub date: Text,
    /// Filled in by the loader.
    #[serde(skip)]
    pub original_number: Option<Text>,
    #[serde(skip)]
    pub original_digits: Option<Text>,
    #[serde(skip)]
    pub file: Text,
}

/// Whose question a need is, which decides the order of its answer (docs/ordering.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
pub enum Side {
    /// A victim's situation: help, services and immigration relief lead; enforcement
    /// follows, unless the asker is law enforcement or the query also reports a crime.
    Victim,
    /// Reporting a crime or a suspect: the lines that take reports lead.
    Report,
    /// Anything else (research, policy, funding, jobs): the data's order stands.
    #[default]
    Other,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Victim => "victim",
            Side::Report => "report",
            Side::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: Text,
    pub label: Text,
    /// The label as a Spanish answer says it: htref's own words, like `label` (a test
    /// checks every need has one).
    #[serde(default)]
    pub label_es: Option<Text>,
    /// Whether someone may be in immediate danger: answers then lead with 911.
    #[serde(default)]
    pub danger: bool,
    /// Whose question it is: a victim's, a report, or other.
    #[serde(default)]
    pub side: Side,
    /// Words and phrases people use for this need.
    pub terms: List<Text>,
    /// Scales the need's match score; below 1 for catch-all needs ("help") so that a
    /// specific need described in the same words ranks first.
    #[serde(default = "full_weight")]
    pub weight: f64,
    #[serde(default)]
    pub examples: List<Text>,
    /// How a Spanish speaker might say the need: shown by `needs` in Spanish, never read
    /// by the matcher.
    #[serde(default, skip_serializing)]
    pub examples_es: List<Text>,
    /// More specific needs that make this one redundant when they match too: a child sold
    /// online is a child victim, but the child sex trafficking need already says where to go.
    #[serde(default)]
    pub yields_to: List<Text>,
    /// The needs a minor's case of this kind goes to ("sex trafficking" of a 16-year-old is
    /// child sex trafficking; forced labor of a 14-year-old is also child labor), taken when
    /// the question gives a minor's age and no adult's.
    #[serde(default)]
    pub for_minors: List<Text>,
    /// Whether this need is for adults alone, so that a minor's case leaves it for
    /// `for_minors` instead of keeping both.
    #[serde(default)]
    pub adults_only: bool,
    /// Whether this need is a child's by its nature (child sexual abuse material): read
    /// only where the question names a child or a minor's age, as the needs that
    /// `for_minors` names are.
    #[serde(default)]
    pub minors_only: bool,
    /// Whether the need is about a child someone else has (parental abduction): an
    /// adult's age said of the words that name the child ("his daughter, 19, was taken
    /// to Tijuana") rules it out, as it rules out a minors' need.
    #[serde(default)]
    pub about_a_child: bool,
    /// Whether the need places the person abroad: with danger now, the answer gives the
    /// State Department's around-the-clock line for U.S. citizens abroad beside 911.
    #[serde(default)]
    pub abroad: bool,
    /// Whether the learned weights may add this need only when the reader found a country
    /// someone went or was taken to: words say what happened, not where, and "the victim
    /// is a U.S. citizen" is no citizen abroad until the question says where.
    #[serde(default)]
    pub learned_only_abroad: bool,
    /// Best first.
    pub referrals: List<Referral>,
    /// Why the referrals carry no phone number, when none of them does.
    pub no_contact: Option<Text>,
    #[serde(default, skip_serializing)]
    pub no_contact_es: Option<Text>,
}

fn full_weight() -> f64 {
    1.0
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    pub org: Text,
    pub why: Text,
    /// `why` as a Spanish answer says it: htref's own words, like `why` (a test checks
    /// every bundled referral has one; a local file's may leave it out).
    #[serde(default)]
    pub why_es: Option<Text>,
    pub sources: List<Text>,
    /// Contacts to show, by id, when they are not the organization's own.
    #[serde(default)]
    pub contacts: List<Text>,
    /// The askers this referral is for, when it is not for anyone (prosecution guidance is
    /// for prosecutors and police); empty for anyone.
    #[serde(default)]
    pub for_askers: List<Asker>,
    /// Needs beside which this referral is not made: NCMEC is a minor victim's referral
    /// for sexual exploitation or a missing child, never on a child-labor case.
    #[serde(default)]
    pub unless_needs: List<Text>,
    /// Set by the loader for a referral from an overlay file: the file's path.
    #[serde(skip)]
    pub origin: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: Text,
    pub topic: Text,
    /// `topic` in Spanish; the claims are the sources' own words and stay as written.
    #[serde(default, skip_serializing)]
    pub topic_es: Option<Text>,
    /// Organizations the conflict is about.
    pub subjects: List<Text>,
    /// Newest source first.
    pub claims: List<Claim>,
    pub resolution: Text,
    #[serde(default, skip_serializing)]
    pub resolution_es: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub text: Text,
    pub sources: List<Text>,
}

/// Everything htref knows, as loaded: the bundled data, plus any overlays merged over it.
#[derive(Debug, Clone, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
pub struct Dataset {
    pub info: DatasetInfo,
    pub sources: List<Source>,
    pub organizations: List<Organization>,
    /// The file each organization came from, parallel to `organizations`.
    pub organization_files: List<Text>,
    pub needs: List<Need>,
    pub conflicts: List<Conflict>,
    pub vocabulary: Vocabulary,
    /// Numbers overlays corrected, each with the original beside it. Kept apart from the
    /// contacts: few have one, and a slot in every contact would double its size.
    pub overrides: List<ContactOverride>,
}

impl Vocabulary {
    /// The vocabulary as build.rs bakes it, from the texts of `data/vocabulary.ron` and
    /// `data/rules/reading.ron`: analyzed, with its rules (tests and tools read it so).
    pub fn read(vocabulary: &str, rules: &str) -> Result<Vocabulary, String> {
        let mut read: Vocabulary =
            ron::from_str(vocabulary).map_err(|e| format!("data/vocabulary.ron: {e}"))?;
        read.analyze();
        read.rules = crate::matching::rules::parse(rules)?;
        // A rule's Spanish phrase is matched as a Spanish question is read: through the
        // lexicon ("en este momento" is read "right now"), so both forms are kept.
        let mut rules = read.rules.clone();
        rules.add_readings(|phrase| read.spanish_reading(phrase));
        read.rules = rules;
        Ok(read)
    }

    /// A phrase with a word that is not English, as a Spanish question is read; `None`
    /// when it reads the same or is English.
    fn spanish_reading(&self, phrase: &str) -> Option<String> {
        use crate::matching::{normalize, reading::language, words};
        let tokens = normalize::tokens(phrase);
        if tokens.iter().all(|t| words::is_english(&t.text)) {
            return None;
        }
        let read: Vec<String> = language::translate(tokens, self, language::Lang::Es)
            .into_iter()
            .map(|t| t.text)
            .filter(|t| !t.is_empty())
            .collect();
        let read = read.join(" ");
        (read != phrase).then_some(read)
    }

    /// Writes the phrases the reader looks for as its own tokens ("I'm a lawyer" -> "im a
    /// lawyer"), and sorts the Spanish lexicon and the word lists for look-ups: build.rs
    /// does this once, so no question analyzes the data's words again.
    pub fn analyze(&mut self) {
        use crate::matching::normalize::analyzed;
        for country in self.countries.to_mut() {
            *country = Cow::Owned(analyzed(country));
        }
        // Sorted so the travel reader finds those that begin with a word by halves.
        self.countries.to_mut().sort();
        for (phrase, _) in self.asker_words.to_mut() {
            *phrase = Cow::Owned(analyzed(phrase));
        }
        for (key, _) in self.spanish.to_mut() {
            *key = Cow::Owned(analyzed(key));
        }
        self.spanish.to_mut().sort();
        // Sorted here so the normalizer searches them where they lie (normalize::Normalizer).
        self.stopwords.to_mut().sort();
        self.spellings.to_mut().sort();
        self.synonyms.to_mut().sort();
        self.compounds.to_mut().sort();
    }
}

/// Words the matcher treats specially; kept in data so they can be reviewed like the rest.
#[derive(Debug, Clone, Default, Deserialize, Serialize, Bake)]
#[databake(path = crate::data::model)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Words that carry no meaning for matching ("the", "my").
    pub stopwords: List<Text>,
    /// Other spellings mapped to the one the terms use (British to U.S., shorthand).
    pub spellings: List<(Text, Text)>,
    /// Words read as one concept after spelling and ages ("juvenile" -> "child").
    pub synonyms: List<(Text, Text)>,
    /// Ordinary English words that are never corrected as typos of a term.
    pub common_words: List<Text>,
    /// Terms that mean something here only beside another match ("report", "complaint"):
    /// a query that matches nothing else matches nothing ("complaint about a dog").
    #[serde(default)]
    pub weak_terms: List<Text>,
    /// Words that say who is asking ("lawyer", "my client"), read when --as is not given;
    /// the first listed phrase found wins, so the most telling come first.
    #[serde(default)]
    pub asker_words: List<(Text, Asker)>,
    /// Spanish words and phrases (accents folded) and the English words they stand for,
    /// through which a Spanish question is read; build.rs sorts it for look-ups.
    #[serde(default)]
    pub spanish: List<(Text, Text)>,
    /// Country names (lower case, accents folded): where someone travels or comes from.
    #[serde(default)]
    pub countries: List<Text>,
    /// Phrases read as one word, in terms and questions alike, because together they mean
    /// something their words do not ("sexual harassment" is not sex; a "graduate student" is no
    /// child).
    #[serde(default)]
    pub compounds: List<Text>,
    /// The reader's rules (`data/rules/reading.ron`), which build.rs reads into the
    /// vocabulary it bakes; a vocabulary read from its own file alone has none.
    #[serde(skip)]
    pub rules: crate::matching::rules::ReadingRules,
}
