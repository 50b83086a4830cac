//! The rules about lines: each line serves the purpose its source gives it, an office
//! without a line of its own goes by its route, one number leads one row, a row with
//! nothing to dial never leads, and no answer is a dead end.

use super::{LEADING_ROWS, PlannedReferral, Reason, is_immigration_enforcement};
use crate::data::Asker;
use crate::data::HOTLINE_ORG;
use crate::index::{ContactRef, Index};
use crate::matching::reading::{Agency, Reading};
use crate::text::short_url;
use foldhash::HashMap;

/// A line its source gives for some needs only (OTIP's Child Protection Specialists for
/// minors' cases) leaves the rows of other needs; a row the query named keeps every line.
/// What the question is first of all (its `leading` need) narrows this further: when it is
/// a report, such a line stays only if one of its needs is a report need; when someone is
/// in danger, a line kept to needs that are neither a victim's nor a report (research,
/// funding, training, the TIP Report's submission mailboxes) leaves: a report of a crime
/// or a person in danger never gets a research mailbox.
pub(super) fn lines_for_their_purpose(
    index: &Index,
    list: &mut [PlannedReferral],
    leading: Option<usize>,
) {
    use crate::data::Side;
    let side_of = |id: &str| {
        index
            .data
            .needs
            .iter()
            .find(|need| need.id == id)
            .map(|need| need.side)
    };
    let report_led = leading.is_some_and(|n| index.data.needs[n].side == Side::Report);
    let danger_led = leading.is_some_and(|n| index.data.needs[n].danger);
    let data = index.data;
    for r in list {
        if r.reasons
            .iter()
            .any(|reason| matches!(reason, Reason::Named(_)))
        {
            continue;
        }
        let needs: Vec<&str> = r
            .reasons
            .iter()
            .filter_map(|reason| match reason {
                Reason::Need { need, .. } => Some(data.needs[*need].id.as_ref()),
                _ => None,
            })
            .collect();
        r.contacts.retain(|&c| {
            let for_needs = &index.contact(c).for_needs;
            if for_needs.is_empty() {
                return true;
            }
            let reports = for_needs.iter().any(|n| side_of(n) == Some(Side::Report));
            let only_other = for_needs.iter().all(|n| side_of(n) == Some(Side::Other));
            for_needs.iter().any(|n| needs.contains(&n.as_ref()))
                && (!report_led || reports)
                && !(danger_led && only_other)
        });
    }
}

/// An office with no line of its own is reached by its route, labelled as one; when the
/// office that answers for it is in the answer too, the two are one row: that office's,
/// in the higher of the two places, with the routed office behind its line.
pub(super) fn take_routes(index: &Index, list: &mut Vec<PlannedReferral>, reading: &Reading) {
    let offered = |org: usize| {
        !(reading.avoids(Agency::Immigration) && is_immigration_enforcement(index, org))
    };
    let mut i = 0;
    while i < list.len() {
        let org = list[i].org;
        let route = index.org(org).route.as_ref();
        let via = route.and_then(|route| index.org_by_id(&route.via));
        let (Some(route), Some(via)) = (route, via) else {
            i += 1;
            continue;
        };
        if !list[i].contacts.is_empty() || !offered(via) {
            i += 1;
            continue;
        }
        let Some(j) = list.iter().position(|r| r.org == via) else {
            let contacts = index.contacts_for(via, &route.contacts);
            // Two offices reached through one office's line are that office's row.
            let same_way = list[..i].iter().position(|r| {
                r.route
                    && index
                        .org(r.org)
                        .route
                        .as_ref()
                        .is_some_and(|r| r.via == route.via)
            });
            if let Some(j) = same_way {
                // In the earlier row's place, unless that lifts an enforcement office above
                // where this one stood (a service reached through a tip line, then an
                // investigating unit): then in this one's place.
                let lifts = super::victim_rank(super::ranked_track(index, via))
                    == super::ENFORCEMENT
                    && super::victim_rank(super::ranked_track(index, list[j].org))
                        < super::ENFORCEMENT;
                let (j, later) = if lifts {
                    let earlier = list.remove(j);
                    i -= 1;
                    let row = std::mem::replace(&mut list[i], earlier);
                    (i, row)
                } else {
                    (j, list.remove(i))
                };
                let row = &mut list[j];
                row.behind.insert(0, row.org);
                row.take_in(later);
                row.org = via;
                row.route = false;
                for c in contacts {
                    if !row.contacts.contains(&c) {
                        row.contacts.push(c);
                    }
                }
            } else {
                list[i].contacts = contacts;
                list[i].route = true;
                i += 1;
            }
            continue;
        };
        // The merged row stands in the higher of the two places, unless that would lift
        // an enforcement office to a service's place (HSI's victim assistance, reached
        // through the HSI Tip Line): then it keeps the enforcement office's own place.
        let lifts_enforcement = super::victim_rank(super::ranked_track(index, via))
            == super::ENFORCEMENT
            && super::victim_rank(super::ranked_track(index, org)) < super::ENFORCEMENT
            && i < j;
        let (first, second) = if lifts_enforcement {
            (j - 1, i)
        } else {
            (i.min(j), i.max(j))
        };
        let later = list.remove(second);
        let row = &mut list[first];
        row.reasons.extend(later.reasons);
        row.behind.extend(later.behind);
        if row.org == org {
            row.org = via;
            row.contacts = later.contacts;
        }
        row.behind.insert(0, org);
        // The merged row may itself hold a routed office still to look at: stay in place
        // only if it moved up past the current one.
        if first == i {
            i += 1;
        }
    }
}

/// What makes two contacts the same way in: the digits, the address or the email.
pub(super) fn line_key(index: &Index, at: ContactRef) -> Option<String> {
    let c = index.contact(at);
    c.digits
        .clone()
        .map(|d| d.to_string())
        .or_else(|| {
            c.url
                .as_deref()
                .map(|u| short_url(u).trim_start_matches("www.").to_lowercase())
        })
        .or_else(|| c.email.as_deref().map(str::to_lowercase))
}

/// No number or address leads two rows of one answer: each row's first line is one no row
/// above leads with, and a row whose every line already leads another is folded into
/// that row ("behind this line").
pub(super) fn each_line_once(index: &Index, list: &mut Vec<PlannedReferral>, asker: Asker) {
    let mut taken: HashMap<String, usize> = HashMap::default();
    let mut i = 0;
    while i < list.len() {
        let free: Vec<ContactRef> = list[i]
            .contacts
            .iter()
            .copied()
            .filter(|&c| line_key(index, c).is_some_and(|k| !taken.contains_key(&k)))
            .collect();
        if let Some(primary) = primary_contact(index, &free, asker) {
            list[i].primary = Some(primary);
            if let Some(key) = line_key(index, primary) {
                taken.insert(key, list[i].org);
            }
            i += 1;
            continue;
        }
        let lead = primary_contact(index, &list[i].contacts, asker)
            .and_then(|c| line_key(index, c))
            .and_then(|k| taken.get(&k).copied())
            .and_then(|org| list.iter().position(|r| r.org == org));
        match lead {
            Some(at) => {
                let folded = list.remove(i);
                list[at].take_in(folded);
            }
            None => i += 1,
        }
    }
}

/// The contact a row shows first: one the asker may use, with a number or address, a voice
/// line before a web form before a text line, and otherwise the data's order. `None` when
/// nothing listed can be reached. A line no current official page confirms (`verify`) is
/// listed on the row, never its lead: a caller dials the first number, and it must work.
pub fn primary_contact(index: &Index, contacts: &[ContactRef], asker: Asker) -> Option<ContactRef> {
    contacts
        .iter()
        .enumerate()
        .filter(|&(_, &at)| reachable(index, at) && index.contact(at).verify.is_none())
        .min_by_key(|&(position, &at)| {
            let c = index.contact(at);
            let open = c.is_open_to(asker);
            (u8::from(!open), kind_rank(c.kind), position)
        })
        .map(|(_, &at)| at)
}

/// Whether a contact carries something to dial, open or write to.
pub fn reachable(index: &Index, at: ContactRef) -> bool {
    let c = index.contact(at);
    c.digits.is_some() || c.url.is_some() || c.email.is_some()
}

/// Which kind of line to offer first when an office has several.
pub(super) fn kind_rank(kind: crate::data::ContactKind) -> u8 {
    use crate::data::ContactKind;
    match kind {
        ContactKind::Voice => 0,
        ContactKind::Web => 1,
        ContactKind::Text => 2,
        ContactKind::Email => 3,
        ContactKind::Video => 4,
        ContactKind::Tty => 5,
        ContactKind::Chat | ContactKind::Language => 6,
    }
}

/// An office nobody can reach never takes two of the first rows: after the first such
/// row, others wait until the leading rows are filled with ones that can be reached.
pub(super) fn unreachable_rows_never_lead(list: &mut Vec<PlannedReferral>) {
    let mut out = Vec::with_capacity(list.len());
    let mut waiting = Vec::new();
    let mut unreachable_leading = false;
    for r in std::mem::take(list) {
        if out.len() < LEADING_ROWS && r.primary.is_none() {
            if unreachable_leading {
                waiting.push(r);
                continue;
            }
            unreachable_leading = true;
        }
        out.push(r);
        if out.len() == LEADING_ROWS {
            out.append(&mut waiting);
        }
    }
    out.append(&mut waiting);
    *list = out;
}

/// When none of the leading rows can be reached (interagency bodies, an intelligence
/// center), the hotline stands second: the office the question is about stays first, and
/// the caller still has a number to call.
pub(super) fn never_a_dead_end(index: &Index, list: &mut Vec<PlannedReferral>, asker: Asker) {
    if list.is_empty() || list.iter().take(LEADING_ROWS).any(|r| r.primary.is_some()) {
        return;
    }
    let Some(row) = hotline_row(index, asker) else {
        return;
    };
    list.retain(|r| r.org != row.org);
    list.insert(1.min(list.len()), row);
}

/// The hotline as a row of its own, for an answer that would otherwise leave the caller
/// with no number.
pub(super) fn hotline_row(index: &Index, asker: Asker) -> Option<PlannedReferral> {
    let org = index.org_by_id(HOTLINE_ORG)?;
    let contacts = index.contacts_for(org, &[]);
    Some(PlannedReferral {
        org,
        reasons: vec![Reason::Fallback],
        primary: primary_contact(index, &contacts, asker),
        contacts,
        route: false,
        behind: Vec::new(),
    })
}
