//! The answer as a document: at a glance (one screen), in full (`--long`, the case note)
//! and as the client's sheet (`--format html`), and the lines they share.

use super::lines::{behind_line, capitalized, echo, needs_line, read_as, truncation_note};
use super::{
    Answer, Block, Doc, Field, HOTLINE_ORG, Lang, PlannedReferral, Reason, Record, Row,
    conflict_fields, contact_field_sourced, currency_line, glance, glance_footer, local_field,
    no_number_field, org_title, placement, short_source_field, verify_fields,
};
use crate::data::ContactKind;

/// The State Department's line for U.S. citizens abroad, from abroad and from home.
const ABROAD_LINE: &str = "state-ocs-abroad";
const HOME_LINE: &str = "state-ocs-line";

impl Answer<'_> {
    /// The column headers of both views, in the answer's language.
    fn headers(&self) -> Vec<String> {
        self.words()
            .headers
            .iter()
            .map(|h| (*h).to_string())
            .collect()
    }

    /// The answer at a glance by default; everything with --long and on paper.
    pub(super) fn doc(&self) -> Doc {
        let style = self.ctx.style;
        if self.plan.referrals.is_empty() {
            self.no_match_doc()
        } else if style.format == crate::render::Format::Html && !style.long {
            self.sheet_doc()
        } else if !style.at_a_glance() {
            self.long_doc()
        } else {
            self.glance_doc()
        }
    }

    /// The client's sheet: the 911 line, the hotline and the answer's offices on one page.
    pub(super) fn sheet_doc(&self) -> Doc {
        let index = &self.ctx.index;
        // A victim's or worker's question (not law enforcement's, not a report of a crime,
        // not one that only names an office) leaves enforcement tip lines off the sheet.
        let victims_question =
            crate::plan::victims_first(index.data, &self.plan.matches, self.viewer.asker);
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
                    let why = r
                        .reasons
                        .first()
                        .filter(|reason| !matches!(reason, crate::plan::Reason::Named(_)))
                        .map(|reason| self.why_text(reason).1);
                    (r, why.unwrap_or_default())
                })
                .collect(),
            enforcement: self.include_enforcement || !victims_question,
        })
    }

    /// A need's label in the answer's language.
    fn need_name(&self, need: usize) -> &str {
        crate::describe::need_label(&self.ctx.index.data.needs[need], self.lang)
    }

    /// A handout's title names what was matched, not the caller's own words.
    pub(super) fn title(&self) -> String {
        let index = &self.ctx.index;
        let mut names: Vec<String> = self
            .plan
            .matches
            .needs
            .iter()
            .map(|m| self.need_name(m.need).to_string())
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

    pub(super) fn no_match_doc(&self) -> Doc {
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
                let (examples, eg) = match self.lang {
                    Lang::En => (&need.examples, "e.g."),
                    Lang::Es => (&need.examples_es, "p. ej.,"),
                };
                let label = self.need_name(i);
                match examples.first() {
                    Some(example) => format!("{label} ({eg} \"{example}\")"),
                    None => label.to_string(),
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

    /// Every answer ends with the hotline in one line, none is a dead end; unless one of
    /// its rows already is the hotline with its phone number, which the screen then says
    /// once (a Spanish answer keeps the line: it names the hotline's Spanish option). A row
    /// that gives only the hotline's text line is no phone number: the line stays.
    pub(super) fn end_with_hotline(&self, doc: &mut Doc) {
        let index = &self.ctx.index;
        if self.lang == Lang::En
            && self.shown().any(|r| {
                index.org(r.org).id == HOTLINE_ORG
                    && r.primary
                        .is_some_and(|c| index.contact(c).kind == ContactKind::Voice)
            })
        {
            return;
        }
        if let Some(line) = glance::hotline_line(index, self.lang) {
            doc.text(match self.lang {
                // The hotline offers an "En Español" option beside its main number: said as a
                // plain Spanish sentence.
                Lang::Es => format!("{line}; atiende en español"),
                Lang::En => line,
            });
        }
    }

    /// The needs matched (or the one need and its words), the offices named, and any
    /// word read as another.
    pub(super) fn matched_line(&self) -> String {
        let index = &self.ctx.index;
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
                    self.need_name(one.need),
                    self.words().matched,
                    words.join(", ")
                )
            }
            many => {
                let labels: Vec<&str> = many.iter().map(|m| self.need_name(m.need)).collect();
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
    pub(super) fn asker_line(&self) -> Option<String> {
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
    pub(super) fn doc_with_alert(&self) -> Doc {
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
            if let Some(line) = self.abroad_line() {
                doc.alert(line);
            }
        } else if self.plan.matches.reading.citizen_abroad.is_some()
            && !self.plan.matches.reading.danger.is_empty()
            && let Some(line) = self.abroad_line()
        {
            // A U.S. citizen in danger abroad, out of 911's reach: the line that can help
            // leads instead.
            doc.alert(line);
        }
        doc
    }

    /// With danger now and the person abroad: the State Department's line for U.S. citizens
    /// abroad, which gives emergency help around the clock, from abroad and from the U.S.
    pub(super) fn abroad_line(&self) -> Option<String> {
        let data = self.ctx.index.data;
        let matches = &self.plan.matches;
        let abroad = matches.needs.iter().any(|m| data.needs[m.need].abroad)
            || !matches.reading.destinations.is_empty();
        if !abroad {
            return None;
        }
        let index = &self.ctx.index;
        let dial = |id: &str| {
            let at = index.contact_by_id(id)?;
            index
                .contact(at)
                .digits
                .as_deref()
                .map(crate::phone::dial_form)
        };
        let (from_abroad, from_home) = (dial(ABROAD_LINE)?, dial(HOME_LINE)?);
        Some(match self.lang {
            Lang::En => format!(
                "Someone abroad: the State Department's Overseas Citizens Services gives U.S. citizens emergency help around the clock: {from_abroad} from abroad, {from_home} from the U.S. and Canada."
            ),
            Lang::Es => format!(
                "Si la persona está en el extranjero: Servicios a Ciudadanos en el Extranjero, del Departamento de Estado, ayuda a ciudadanos estadounidenses en emergencias las 24 horas: {from_abroad} desde el extranjero, {from_home} desde EE. UU. y Canadá."
            ),
        })
    }

    /// One screen: the 911 line, what was matched, one row per referral (office, the way
    /// to reach it, why), one footer line.
    pub(super) fn glance_doc(&self) -> Doc {
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
            headers: self.headers(),
            rows,
        });
        if let Some(line) = self.disputed_line() {
            doc.text(line);
        }
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

    /// The rows whose office the sources disagree about, in one line under the table: a
    /// reason to read `--long`, not to take a line in every such row. The hotline's
    /// disagreements (its funder, its old name) are no caller's concern.
    fn disputed_line(&self) -> Option<String> {
        let index = &self.ctx.index;
        let hotline = index.org_by_id(HOTLINE_ORG);
        let rows: Vec<String> = self
            .shown()
            .enumerate()
            .filter(|&(_, r)| Some(r.org) != hotline)
            .filter(|&(_, r)| glance::has_conflict(index.data, &index.org(r.org).id))
            .map(|(i, _)| (i + 1).to_string())
            .collect();
        let (last, first) = rows.split_last()?;
        let joined = |and: &str| {
            if first.is_empty() {
                last.clone()
            } else {
                format!("{} {and} {last}", first.join(", "))
            }
        };
        Some(match (self.lang, first.is_empty()) {
            (Lang::En, true) => {
                format!("Row {last}: the sources disagree about this office (--long shows how).")
            }
            (Lang::En, false) => format!(
                "Rows {}: the sources disagree about these offices (--long shows how).",
                joined("and")
            ),
            (Lang::Es, true) => format!(
                "Fila {last}: las fuentes no coinciden sobre esta oficina (--long muestra en qué)."
            ),
            (Lang::Es, false) => format!(
                "Filas {}: las fuentes no coinciden sobre estas oficinas (--long muestra en qué).",
                joined("y")
            ),
        })
    }

    pub(super) fn glance_row(&self, rank: usize, r: &PlannedReferral) -> Row {
        let index = &self.ctx.index;
        let office = format!(
            "{rank}. {}",
            glance::office_with_department(index, r.org, self.lang)
        );
        let reach = glance::reach_cell(self.ctx, &self.viewer, r.org, &r.contacts, r.primary);
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
            whole: Some(1),
        }
    }

    /// Everything: every contact with its provenance, placement, sources, verification
    /// notes and conflicts. Also the printed handout.
    pub(super) fn long_doc(&self) -> Doc {
        let index = &self.ctx.index;
        let data = index.data;
        let paper = !self.ctx.style.shows_hints();
        let lang = self.lang;
        let say = |en: &'static str, es: &'static str| lang.say(en, es).to_string();
        let mut doc = self.doc_with_alert();
        let mut matched = Vec::new();
        for m in &self.plan.matches.needs {
            let words: Vec<String> = m
                .hits
                .iter()
                .map(|h| format!("\"{}\"", h.words.join(" ")))
                .collect();
            matched.push((
                say("Need", "Necesidad"),
                format!(
                    "{} ({} {})",
                    self.need_name(m.need),
                    self.words().matched,
                    words.join(", ")
                ),
            ));
        }
        for named in &self.plan.matches.named {
            matched.push((say("Named", "Nombrada"), org_title(index, named.org)));
        }
        if let Some(words) = &self.asker_words {
            let asker = self.viewer.asker;
            matched.push((
                say("Asker", "Quién pregunta"),
                match lang {
                    Lang::En => format!(
                        "{} (the question says \"{words}\"; --as sets who is asking)",
                        asker.described()
                    ),
                    Lang::Es => format!(
                        "{} (la pregunta dice \"{words}\"; --as indica quién pregunta)",
                        asker.described_es()
                    ),
                },
            ));
        }
        for c in &self.plan.matches.corrections {
            let (typed, read) = (&c.typed, &c.read_as);
            matched.push((
                say("Read", "Leído"),
                match lang {
                    Lang::En => format!("\"{typed}\" as \"{read}\""),
                    Lang::Es => format!("\"{typed}\" como \"{read}\""),
                },
            ));
        }
        if let Some(line) = read_as(&self.plan.matches.reading, lang) {
            let head = say("Read as: ", "Leído como: ");
            matched.push((
                head.trim_end_matches([':', ' ']).to_string(),
                line.trim_start_matches(head.as_str()).to_string(),
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
            headers: self.headers(),
            records,
        });
        let shown = self.shown.len();
        if shown < self.plan.referrals.len() {
            let total = self.plan.referrals.len();
            doc.text(match (lang, paper) {
                (Lang::En, true) => format!("Showing {shown} of {total} referrals."),
                (Lang::En, false) => {
                    format!("Showing {shown} of {total} referrals; --all shows every one.")
                }
                (Lang::Es, true) => format!("Se muestran {shown} de {total} referencias."),
                (Lang::Es, false) => {
                    format!("Se muestran {shown} de {total} referencias; --all las muestra todas.")
                }
            });
        }
        doc.text(currency_line(
            data,
            self.ctx.today,
            self.ctx.style.shows_hints(),
            lang,
        ));
        self.end_with_hotline(&mut doc);
        doc
    }

    pub(super) fn record(&self, rank: usize, r: &PlannedReferral) -> Record {
        let index = &self.ctx.index;
        let lang = self.lang;
        let es = lang == Lang::Es;
        let mut fields = vec![placement(index, r.org, lang)];
        fields.extend(local_field(index, r.org, 0, lang));
        if let Some(file) = r.reasons.first().and_then(|reason| self.local_file(reason)) {
            fields.push(Field::new(
                2,
                lang.say("Local referral", "Referencia local"),
                format!("{} {file}", lang.say("from", "de")),
            ));
        }
        if !index.org(r.org).contacts.is_empty() && r.contacts.is_empty() {
            let id = &index.org(r.org).id;
            fields.push(Field::new(
                1,
                lang.say("Contact", "Contacto"),
                match lang {
                    Lang::En => format!(
                        "its lines are given for other purposes than this need (htref show {id})"
                    ),
                    Lang::Es => format!(
                        "sus líneas se dan para otros fines que esta necesidad (htref show {id})"
                    ),
                },
            ));
        } else if r.contacts.is_empty() || r.primary.is_none() {
            fields.push(no_number_field(index, r.org, 1, lang));
        }
        if let Some(route) = self.route_of(r) {
            let why = index.org(r.org).no_contact_in(es).unwrap_or_default();
            let own = lang.say("no line of its own", "sin línea propia");
            fields.push(Field::new(
                1,
                lang.say("Route", "Vía"),
                format!("{} ({own}: {why})", capitalized(route.label_in(es))),
            ));
        }
        if let Some(behind) = behind_line(index, r, lang) {
            let head = format!("{}: ", lang.say("behind this line", "detrás de esta línea"));
            fields.push(Field::new(
                1,
                lang.say("Behind this line", "Detrás de esta línea"),
                behind.trim_start_matches(head.as_str()).to_string(),
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
        fields.extend(self.reason_fields(r));
        let reason_sources = self.reason_sources(r);
        fields.extend(verify_fields(
            self.ctx,
            &self.viewer,
            &r.contacts,
            &reason_sources,
            2,
        ));
        fields.extend(short_source_field(index.data, &reason_sources, 2, lang));
        if !case_note {
            fields.extend(conflict_fields(
                index.data,
                &index.org(r.org).id,
                2,
                self.ctx.style.spoken_digits,
                lang,
            ));
        }
        Record {
            title: format!("{rank}. {}", org_title(index, r.org)),
            fields,
        }
    }

    /// Whom a referral is meant for, why it is given (the first reason in full) and the
    /// other needs it serves, by name: a referral that serves four needs does not print
    /// four near-identical paragraphs.
    fn reason_fields(&self, r: &PlannedReferral) -> Vec<Field> {
        let lang = self.lang;
        let es = lang == Lang::Es;
        let mut fields = Vec::new();
        if let Some(first) = r.reasons.first() {
            let askers = self.meant_for(first);
            if !askers.is_empty() {
                let names: Vec<&str> = askers.iter().map(|a| a.described_in(es)).collect();
                let line = if askers.contains(&self.viewer.asker) {
                    names.join(", ")
                } else {
                    format!(
                        "{} ({} {})",
                        names.join(", "),
                        lang.say("not", "no"),
                        self.viewer.asker.described_in(es)
                    )
                };
                fields.push(Field::new(2, lang.say("Meant for", "Destinada a"), line));
            }
        }
        let several_needs = self.plan.matches.needs.len() > 1;
        let asker = self.viewer.asker;
        let need_label = |reason: &Reason| match (reason, lang) {
            (Reason::Need { need, .. }, _) => self.need_name(*need).to_string(),
            (Reason::Named(hit), Lang::En) => format!("you named \"{}\"", hit.term),
            (Reason::Named(hit), Lang::Es) => format!("usted nombró \"{}\"", hit.term),
            (Reason::Asker(_), Lang::En) => format!("every answer for {}", asker.described()),
            (Reason::Asker(_), Lang::Es) => {
                format!("toda respuesta para {}", asker.described_es())
            }
            (Reason::Fallback, _) => lang
                .say(
                    "the way to reach someone",
                    "la manera de comunicarse con alguien",
                )
                .to_string(),
        };
        let why = lang.say("Why", "Por qué");
        if let Some(first) = r.reasons.first() {
            let (_, text, _) = self.why_text(first);
            let label = match first {
                Reason::Need { .. } if several_needs => format!("{why} ({})", need_label(first)),
                _ => why.to_string(),
            };
            fields.push(Field::new(2, &label, text));
        }
        if r.reasons.len() > 1 {
            let others: Vec<String> = r.reasons[1..].iter().map(need_label).collect();
            fields.push(Field::new(
                2,
                lang.say("Also for", "También para"),
                others.join("; "),
            ));
        }
        fields
    }
}
