//! Answers at a glance: the one contact to show first, and the short markers that stand in
//! for long notes, so a referral fits one table row (or two lines of plain text) and the
//! office and its number come first. `--long` shows everything these summarize.

use crate::context::Context;
use crate::data::{Asker, ContactKind, Dataset};
use crate::index::{ContactRef, Index};
use crate::matching::reading::Lang;
use crate::phone;
use crate::render::Row;
use crate::viewer::{self, Viewer};

use crate::plan::reachable;

/// "24/7" or "weekdays", when the line's hours say so plainly; nothing otherwise.
pub fn hours_marker(hours: &str) -> Option<&'static str> {
    hours_marker_in(hours, Lang::En)
}

/// The hours marker in the answer's language ("24/7" is read the same in both).
pub fn hours_marker_in(hours: &str, lang: Lang) -> Option<&'static str> {
    if crate::text::is_round_the_clock(hours) {
        Some("24/7")
    } else if ["monday", "weekday"]
        .iter()
        .any(|w| hours.to_lowercase().contains(w))
    {
        Some(lang.say("weekdays", "días laborables"))
    } else {
        None
    }
}

/// Addresses longer than this are named by their site in a shared cell; `--long` and
/// JSON carry the whole address (a cut address would lead nowhere).
const URL_IN_CELL: usize = 30;

/// How a contact reads in one short line: "1-888-373-7888 24/7", "tips.fbi.gov". On a row
/// of its own (a channel of the hotline) it needs no kind and has room for any address;
/// beside other lines it says "TTY" or "text", and a long address shrinks to its site.
pub fn contact_brief(index: &Index, at: ContactRef, own_row: bool, lang: Lang) -> String {
    let c = index.contact(at);
    let mut text = match (&c.digits, &c.url, &c.email) {
        (Some(digits), _, _) => {
            let number = phone::dial_form(digits);
            match c.kind {
                _ if own_row => number,
                ContactKind::Tty => format!("TTY {number}"),
                ContactKind::Text => format!("{} {number}", lang.say("text", "texto")),
                ContactKind::Video => format!("video {number}"),
                _ => number,
            }
        }
        (None, Some(url), _) => {
            let address = short_url(url);
            if own_row || address.len() <= URL_IN_CELL {
                address.to_string()
            } else {
                let site = address.split('/').next().unwrap_or(&address);
                format!(
                    "{site} ({})",
                    lang.say("web page; --long", "página web; --long")
                )
            }
        }
        (None, None, Some(email)) => email.to_string(),
        (None, None, None) => c.label.to_string(),
    };
    if let Some(marker) = c.hours.as_deref().and_then(|h| hours_marker_in(h, lang)) {
        text.push(' ');
        text.push_str(marker);
    }
    text
}

/// The hotline in one line, ending every `who-handles` answer so that none is a dead end:
/// "National Human Trafficking Hotline: 1-888-373-7888 24/7 · TTY 711 · text 233733".
pub fn hotline_line(index: &Index, lang: Lang) -> Option<String> {
    let hotline = index.org_by_id(super::HOTLINE_ORG)?;
    let contacts = index.contacts_for(hotline, &[]);
    let voice = contacts
        .iter()
        .copied()
        .find(|&at| index.contact(at).kind == ContactKind::Voice && reachable(index, at))?;
    let mut parts = vec![contact_brief(index, voice, true, lang)];
    for kind in [ContactKind::Tty, ContactKind::Text] {
        if let Some(&at) = contacts
            .iter()
            .find(|&&at| index.contact(at).kind == kind && reachable(index, at))
        {
            parts.push(contact_brief(index, at, false, lang));
        }
    }
    Some(format!(
        "{}: {}",
        index.org(hotline).name_in(lang == Lang::Es),
        parts.join(" · ")
    ))
}

pub use crate::text::short_url;

/// The askers a line is for, as a marker says them: "attorneys and advocates".
fn askers_plural(askers: &[Asker], lang: Lang) -> String {
    let names: Vec<&str> = askers.iter().map(|&a| asker_plural(a, lang)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.say("and", "y")),
    }
}

/// One kind of asker as a marker or a sheet says them: "attorneys", "abogados".
pub fn asker_plural(asker: Asker, lang: Lang) -> &'static str {
    match asker {
        Asker::Public => lang.say("the public", "el público"),
        Asker::Survivor => lang.say("survivors", "sobrevivientes"),
        Asker::Advocate => lang.say("advocates", "defensores de víctimas"),
        Asker::Attorney => lang.say("attorneys", "abogados"),
        Asker::LawEnforcement => lang.say("law enforcement", "las autoridades policiales"),
        Asker::Benefits => lang.say("benefits representatives", "personal de beneficios"),
        Asker::Educator => lang.say("educators", "educadores"),
    }
}

/// The "how to reach" cell of a referral at a glance: the primary contact, the TTY and
/// text lines as short additions, then markers for what `--long` explains (a line for
/// other askers, a number on an old source). That the sources disagree about an office is
/// said once under the table ([`has_conflict`]), not in a cell never cut.
pub fn reach_cell(
    ctx: &Context,
    viewer: &Viewer,
    org: usize,
    contacts: &[ContactRef],
    primary: Option<ContactRef>,
) -> String {
    let index = &ctx.index;
    let lang = viewer.lang;
    let Some(primary) = primary else {
        let o = index.org(org);
        return if !o.contacts.is_empty() {
            // Its lines are given for other purposes (OVC's training line is no line for
            // a grant seeker).
            format!(
                "{} (htref show {})",
                lang.say("No line for this need", "Ninguna línea para esta necesidad"),
                o.id
            )
        } else if o.no_contact.is_some() {
            lang.say(
                "No public line of its own (--long says why)",
                "Sin línea pública propia (--long dice por qué)",
            )
            .to_string()
        } else {
            lang.say(
                "No contact in htref's sources",
                "Ningún contacto en las fuentes de htref",
            )
            .to_string()
        };
    };
    // The first line is the number or address alone, so it is never cut; the TTY and text
    // lines and the markers share the second.
    let mut extras = Vec::new();
    for &at in contacts {
        let kind = index.contact(at).kind;
        if at != primary
            && matches!(kind, ContactKind::Tty | ContactKind::Text)
            && reachable(index, at)
        {
            extras.push(contact_brief(index, at, false, lang));
        }
    }
    let mut markers = contact_markers(index, viewer, primary);
    // A local service whose feed gives no area is shown for any place, and says so.
    if index.org(org).feed.is_some()
        && index.org(org).service_area.as_deref()
            == Some(crate::data::local_services::AREA_NOT_GIVEN)
    {
        markers.push(crate::data::local_services::AREA_NOT_GIVEN.to_string());
    }
    // A borrowed line says whose it is before anything else.
    if let Some(route) = index.org(org).route.as_ref().filter(|_| primary.org != org) {
        markers.insert(0, route.label_in(lang == Lang::Es).to_string());
    }
    let second: Vec<String> = [extras.join(" · "), markers.join("; ")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    let mut cell = contact_brief(index, primary, false, lang);
    if !second.is_empty() {
        cell.push('\n');
        cell.push_str(&second.join("; "));
    }
    cell
}

/// What a line needs said beside it at a glance: a number a local file replaced (and what
/// the sources give), a line meant for other askers, a number resting on an old source.
fn contact_markers(index: &Index, viewer: &Viewer, at: ContactRef) -> Vec<String> {
    let c = index.contact(at);
    let lang = viewer.lang;
    let mut markers = Vec::new();
    if c.superseded.is_some() {
        // Only `phone` and a full card show such a line: it is history, not a number.
        markers.push(lang.say("no longer offered", "ya no se ofrece").to_string());
        return markers;
    }
    if let Some(fix) = index.data.override_of(&c.id) {
        let original = fix.original_digits.as_deref().map_or_else(
            || lang.say("no number", "ningún número").to_string(),
            phone::dial_form,
        );
        markers.push(format!(
            "{} {original}",
            lang.say(
                "local override; the sources give",
                "corrección local; las fuentes dan"
            )
        ));
    } else if let Some(year) = stale_year(index.data, viewer, &c.sources) {
        markers.push(match lang {
            Lang::En => format!("verify: {year} source"),
            Lang::Es => format!("verifique: fuente de {year}"),
        });
    } else if c.verify.is_some() {
        markers.push(
            lang.say(
                "verify (--long says why)",
                "verifique (--long dice por qué)",
            )
            .to_string(),
        );
    }
    if !c.is_open_to(viewer.asker) {
        markers.push(format!(
            "{} {}",
            lang.say("only for", "solo para"),
            askers_plural(&c.for_askers, lang)
        ));
    }
    markers
}

/// The local files behind what an answer shows (its organizations, overridden numbers and
/// any `more`, such as the files of local referrals), each once, for its footer.
pub fn local_files(
    index: &Index,
    orgs: impl IntoIterator<Item = usize>,
    contacts: impl IntoIterator<Item = ContactRef>,
    more: impl IntoIterator<Item = String>,
) -> Vec<String> {
    let mut files: Vec<String> = orgs
        .into_iter()
        .filter_map(|o| index.org(o).origin.as_deref().map(str::to_string))
        .chain(
            contacts
                .into_iter()
                .filter_map(|c| index.data.override_of(&index.contact(c).id))
                .map(|fix| fix.file.to_string()),
        )
        .chain(more)
        .collect();
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    files
}

/// The year of the newest source behind a fact, when every one is stale.
fn stale_year(data: &Dataset, viewer: &Viewer, sources: &[crate::data::Text]) -> Option<String> {
    viewer.staleness(data, sources)?;
    viewer::newest_date(data, sources).map(|d| d.chars().take(4).collect())
}

/// Whether the sources disagree about an organization.
pub fn has_conflict(data: &Dataset, org_id: &str) -> bool {
    data.conflicts_about(org_id).next().is_some()
}

/// "Office on Trafficking in Persons (OTIP), HHS": an office and, when it has one, its
/// department's acronym.
pub fn office_with_department(index: &Index, org: usize, lang: Lang) -> String {
    // A service from the local database says so first, where no cut can reach it.
    if index.org(org).feed.is_some() {
        return format!("local: {}", super::org_title(index, org));
    }
    let department = index
        .department(org)
        .filter(|&d| d != org)
        .map(|d| {
            let d = index.org(d);
            format!(", {}", d.acronym.as_deref().unwrap_or(&d.name))
        })
        .unwrap_or_default();
    let local = if index.org(org).origin.is_some() {
        " (local)"
    } else {
        ""
    };
    format!(
        "{}{department}{local}",
        super::org_title_in(index, org, lang)
    )
}

/// One line of one office at a glance: its kind or label, the number or address with its
/// hours marker, markers under it, and who it is for: in a third cell, or (`about_below`,
/// for two-column tables whose addresses need the room) on the reach cell's second line.
pub fn contact_row(
    ctx: &Context,
    viewer: &Viewer,
    at: ContactRef,
    title: String,
    about_below: bool,
) -> Row {
    let index = &ctx.index;
    let c = index.contact(at);
    let mut reach = if reachable(index, at) {
        contact_brief(index, at, true, viewer.lang)
    } else {
        viewer
            .lang
            .say(
                "offered; htref's sources give no number or address",
                "ofrecido; las fuentes de htref no dan número ni dirección",
            )
            .to_string()
    };
    let markers = contact_markers(index, viewer, at);
    if !markers.is_empty() {
        reach.push('\n');
        reach.push_str(&markers.join("; "));
    }
    let spanish = viewer.lang == Lang::Es;
    let about = c
        .audience_in(spanish)
        .or(c.note_in(spanish))
        .unwrap_or(&c.label)
        .to_string();
    if about_below {
        reach.push('\n');
        reach.push_str(&about);
        return Row::new(vec![title, reach]);
    }
    // Whom a line is for may be cut; its number and markers may not.
    Row {
        cells: vec![title, reach, about],
        whole: Some(1),
    }
}

#[cfg(test)]
mod tests {
    use super::{hours_marker, short_url};

    #[test]
    fn hours_read_as_short_markers_only_when_plain() {
        assert_eq!(
            hours_marker("24 hours a day, 7 days a week, every day of the year"),
            Some("24/7")
        );
        assert_eq!(hours_marker("Monitored around the clock"), Some("24/7"));
        assert_eq!(
            hours_marker("Monday through Friday, 8 a.m. to 8 p.m. ET"),
            Some("weekdays")
        );
        assert_eq!(hours_marker("By appointment"), None);
    }

    #[test]
    fn addresses_lose_their_scheme_and_trailing_slash() {
        assert_eq!(short_url("https://tips.fbi.gov/"), "tips.fbi.gov");
        assert_eq!(
            short_url("https://report.cybertip.org"),
            "report.cybertip.org"
        );
    }
}
