//! Turns what a query matched into one ranked, de-duplicated list of referrals.
//!
//! Order: organizations the query names, then the needs' referrals taken in turns (each
//! need's first choice, then each need's second, ...), so that a sentence describing
//! several needs puts the most specific office for every one of them near the top.
//! Within a need, the data's order stands: the hotline and services before law-enforcement tip
//! lines.

use crate::data::{Asker, Dataset, OrgKind, Referral, Side, Text, Track};
use crate::index::{ContactRef, Index};
use crate::matching::reading::{Agency, Reading};
use crate::matching::{Hit, Matches, NamedMatch};
use foldhash::HashMap;

mod lines;

use lines::{
    each_line_once, lines_for_their_purpose, never_a_dead_end, take_routes,
    unreachable_rows_never_lead,
};
pub use lines::{primary_contact, reachable};

/// Why a referral is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The query named the organization.
    Named(Hit),
    /// A matched need lists it: need index and the referral's index in that need.
    Need { need: usize, referral: usize },
    /// The dataset adds it for this asker: index into `asker_referrals`.
    Asker(usize),
    /// No office among the leading rows can be reached: the hotline answers anyone and can
    /// point the way, so the answer is never a dead end.
    Fallback,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedReferral {
    pub org: usize,
    pub reasons: Vec<Reason>,
    pub contacts: Vec<ContactRef>,
    /// The line the answer shows first: one the asker may use that no row above shows
    /// first already; `None` when the row has nothing to dial, open or write to.
    pub primary: Option<ContactRef>,
    /// Set when the contacts are the office's route (another office's line that its page
    /// sends people to), not its own.
    pub route: bool,
    /// Offices whose only way in is this row's line ("behind this line: Innocence Lost"),
    /// folded in rather than given rows that repeat it.
    pub behind: Vec<usize>,
}

impl PlannedReferral {
    /// Folds another row into this one: its office (and what stood behind it) is behind
    /// this row's line now, and its reasons follow this row's.
    fn take_in(&mut self, other: PlannedReferral) {
        self.behind.push(other.org);
        self.behind.extend(other.behind);
        self.reasons.extend(other.reasons);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub matches: Matches,
    /// Whether any matched need may involve immediate danger.
    pub danger: bool,
    pub referrals: Vec<PlannedReferral>,
}

/// The track an office is ranked by. An office that investigates employers but is no police
/// (the Wage and Hour Division, OSHA, the EEOC) takes a worker's complaint: it ranks as a
/// line that takes reports, before police and prosecutors (docs/ordering.md).
pub(super) fn ranked_track(index: &Index, org: usize) -> Track {
    match index.org(org).track {
        Track::Investigation if !index.is_law_enforcement(org) => Track::Report,
        track => track,
    }
}

/// Where a track stands for an asker: lower comes first; ties keep the data's order, which
/// already puts help and services before tip lines where a need has both. Other askers
/// see their own kind of office first.
fn track_rank(asker: Asker, track: Track) -> u8 {
    use Track::{Help, Immigration, Investigation, Prosecution, Report, Services};
    match (asker, track) {
        // The public and survivors see the data's own order, which puts the hotline and
        // services first where they fit (a survivor's restricted lines give way in `settle`).
        (Asker::Public | Asker::Survivor, _)
        | (Asker::Advocate | Asker::Educator, Help)
        | (Asker::Attorney, Immigration)
        | (Asker::LawEnforcement, Investigation | Prosecution)
        | (Asker::Benefits, Services) => 0,
        (Asker::Advocate, Services | Immigration)
        | (Asker::Attorney, Help | Services | Prosecution)
        | (Asker::LawEnforcement, Report)
        | (Asker::Benefits, Help | Immigration) => 1,
        _ => 2,
    }
}

/// Where a track stands when victims come first (docs/ordering.md): help, services and
/// immigration relief, then lines that take reports, then enforcement, then offices that
/// fund, study or set policy and give a victim no direct help.
pub(super) fn victim_rank(track: Track) -> u8 {
    match track {
        Track::Help | Track::Services | Track::Immigration => 0,
        Track::Report => 1,
        Track::Investigation | Track::Prosecution => ENFORCEMENT,
        Track::Information => 3,
    }
}

/// Where enforcement stands when victims come first.
pub(super) const ENFORCEMENT: u8 = 2;

/// Whether a referral's lines are all meant for other askers than this one (the VAWA Unit
/// Helpline for a survivor): such a referral never stands above one with an open line.
fn restricted_for(index: &Index, contacts: &[ContactRef], asker: Asker) -> bool {
    !contacts.is_empty() && !open_for(index, contacts, asker)
}

/// Whether a referral has a line anyone (or this asker) may use.
fn open_for(index: &Index, contacts: &[ContactRef], asker: Asker) -> bool {
    contacts.iter().any(|&c| {
        let askers = &index.contact(c).for_askers;
        askers.is_empty() || askers.contains(&asker)
    })
}

/// Whether a referral leads anywhere: a line of its own or a route.
fn can_be_reached(index: &Index, org: usize, contacts: &[ContactRef]) -> bool {
    contacts.iter().any(|&c| reachable(index, c)) || index.org(org).route.is_some()
}

/// The order of a need's referrals for this asker: first those with a line meant for the
/// asker (the VAWA Unit Helpline for an attorney), then open before restricted lines, then
/// by track, then the data's order, where a row that can be reached goes before one of the
/// same track that cannot.
fn ordered<'n>(index: &Index, need: &'n [Referral], asker: Asker) -> Vec<(usize, &'n Referral)> {
    let mut referrals: Vec<(usize, &Referral)> = need.iter().enumerate().collect();
    // A restricted line gives way to open lines only: an office with no line at all is no
    // better for the asker than a line they can ask someone else to call.
    let any_open = need.iter().any(|r| {
        index
            .org_by_id(&r.org)
            .is_some_and(|org| open_for(index, &index.contacts_for(org, &r.contacts), asker))
    });
    // Keys computed once each: a need may carry thousands of local referrals.
    referrals.sort_by_cached_key(|(_, r)| {
        let Some(org) = index.org_by_id(&r.org) else {
            return (1, 1, 2);
        };
        let contacts = index.contacts_for(org, &r.contacts);
        let meant_for_asker = asker != Asker::Public
            && (r.for_askers.contains(&asker)
                || contacts
                    .iter()
                    .any(|&c| index.contact(c).for_askers.contains(&asker)));
        (
            u8::from(!meant_for_asker),
            u8::from(any_open && restricted_for(index, &contacts, asker)),
            track_rank(asker, ranked_track(index, org)),
        )
    });
    reachable_before_unreachable_of_the_same_track(index, &mut referrals);
    referrals
}

/// A referral nobody can reach never stands just above a reachable one of the same track:
/// it moves down past them (a bubble of adjacent pairs, so other tracks keep their places).
fn reachable_before_unreachable_of_the_same_track(
    index: &Index,
    referrals: &mut [(usize, &Referral)],
) {
    let facts: Vec<Option<(Track, bool)>> = referrals
        .iter()
        .map(|(_, r)| {
            let org = index.org_by_id(&r.org)?;
            let contacts = index.contacts_for(org, &r.contacts);
            Some((
                ranked_track(index, org),
                can_be_reached(index, org, &contacts),
            ))
        })
        .collect();
    let mut order: Vec<usize> = (0..referrals.len()).collect();
    let mut moved = true;
    while moved {
        moved = false;
        for i in 1..order.len() {
            if let (Some((above, false)), Some((below, true))) =
                (facts[order[i - 1]], facts[order[i]])
                && above == below
            {
                order.swap(i - 1, i);
                moved = true;
            }
        }
    }
    let sorted: Vec<(usize, &Referral)> = order.iter().map(|&i| referrals[i]).collect();
    referrals.copy_from_slice(&sorted);
}

/// Within one rank, the referrals that victims' needs brought are reordered among their own
/// places, help and relief before enforcement; what other needs brought (the Wage and Hour
/// Division for child labor) keeps its place.
fn victim_needs_first_help(index: &Index, tier: &mut [(usize, Reason, &[Text])]) {
    let data = index.data;
    let slots: Vec<usize> = (0..tier.len())
        .filter(|&i| match tier[i].1 {
            Reason::Need { need, .. } => data.needs[need].side == Side::Victim,
            _ => false,
        })
        .collect();
    let mut items: Vec<(usize, Reason, &[Text])> = slots.iter().map(|&i| tier[i].clone()).collect();
    items.sort_by_key(|(org, _, _)| victim_rank(ranked_track(index, *org)));
    for (slot, item) in slots.into_iter().zip(items) {
        tier[slot] = item;
    }
}

/// What the dataset adds for an asker (the hotline for a survivor) is appended after the
/// needs' referrals; on a victim's question it moves up to stand before enforcement.
fn help_for_the_asker_before_enforcement(index: &Index, list: &mut Vec<PlannedReferral>) {
    let rank = |r: &PlannedReferral| victim_rank(ranked_track(index, r.org));
    for i in 0..list.len() {
        if !matches!(list[i].reasons.first(), Some(Reason::Asker(_))) {
            continue;
        }
        if let Some(at) = list[..i].iter().position(|r| rank(r) > rank(&list[i])) {
            let referral = list.remove(i);
            list.insert(at, referral);
        }
    }
}

/// Whether this answer puts victims first: a victim's need matched, no need reports a
/// crime, and the asker is not law enforcement.
pub fn victims_first(data: &Dataset, matches: &Matches, asker: Asker) -> bool {
    let side = |m: &crate::matching::NeedMatch| data.needs[m.need].side;
    asker != Asker::LawEnforcement
        && matches.needs.iter().any(|m| side(m) == Side::Victim)
        && !matches.needs.iter().any(|m| side(m) == Side::Report)
}

/// A department or agency named beside a need ("DHS blue campaign", "USCIS VAWA",
/// "report a trafficker to homeland security") says whose office is meant: the first office under it in the plan
/// takes the department's place, and the department follows it.
fn qualifiers_after_their_offices(index: &Index, plan: &mut Vec<PlannedReferral>) {
    let mut i = 0;
    while i < plan.len() {
        let org = plan[i].org;
        let qualifier = matches!(index.org(org).kind, OrgKind::Department | OrgKind::Agency)
            && plan[i]
                .reasons
                .iter()
                .any(|r| matches!(r, Reason::Named(_)));
        // Only a named department or agency is looked past: a plan may hold thousands of
        // local referrals, and this scan walks the tree for each one it passes.
        let descendant = qualifier
            .then(|| {
                plan.iter()
                    .skip(i + 1)
                    .position(|r| index.is_ancestor(org, r.org))
            })
            .flatten();
        match descendant {
            Some(p) => {
                let office = plan.remove(i + 1 + p);
                plan.insert(i, office);
                i += 2;
            }
            None => i += 1,
        }
    }
}

/// The final order across needs. Within a need, `ordered` already puts open lines before
/// lines meant for other askers; across needs the needs' strength decides, so a benefits
/// worker's verification line stays first on a verification question. A survivor is the
/// exception: their answer never leads with a line not meant for them (a stable sort, so
/// the rest keeps its order; what the query named stays first).
fn settle(index: &Index, plan: &mut Vec<PlannedReferral>, asker: Asker) {
    qualifiers_after_their_offices(index, plan);
    if asker != Asker::Survivor {
        return;
    }
    let named = plan
        .iter()
        .take_while(|r| matches!(r.reasons.first(), Some(Reason::Named(_))))
        .count();
    let rest = &mut plan[named..];
    if rest.iter().any(|r| open_for(index, &r.contacts, asker)) {
        rest.sort_by_cached_key(|r| restricted_for(index, &r.contacts, asker));
    }
}

pub fn build(index: &Index, matches: Matches, asker: Asker) -> Plan {
    let data = index.data;
    let victims_first = victims_first(data, &matches, asker);
    let mut referrals = Gathered::default();
    // On a victim's question an enforcement agency the query mentions ("scared ICE will
    // deport her") does not lead: it follows the needs' referrals.
    let (leading, trailing): (Vec<&NamedMatch>, Vec<&NamedMatch>) = matches
        .named
        .iter()
        .partition(|n| !(victims_first && victim_rank(ranked_track(index, n.org)) == ENFORCEMENT));
    add_named(index, &mut referrals, &leading);
    let orders: Vec<Vec<(usize, &Referral)>> = matches
        .needs
        .iter()
        .map(|m| ordered(index, &data.needs[m.need].referrals, asker))
        .collect();
    let longest = orders.iter().map(Vec::len).max().unwrap_or(0);
    for rank in 0..longest {
        // Each need's choice at this rank, strongest need first; on a victim's question,
        // help and relief before enforcement within the rank, so a stronger need's first
        // office is never pushed below a weaker need's last.
        let mut tier: Vec<(usize, Reason, &[Text])> = Vec::new();
        for (m, order) in matches.needs.iter().zip(&orders) {
            let Some(&(position, referral)) = order.get(rank) else {
                continue;
            };
            let Some(org) = index.org_by_id(&referral.org) else {
                continue;
            };
            let beside_another = referral.unless_needs.iter().any(|id| {
                matches
                    .needs
                    .iter()
                    .any(|other| data.needs[other.need].id == *id)
            });
            if beside_another {
                continue;
            }
            let reason = Reason::Need {
                need: m.need,
                referral: position,
            };
            tier.push((org, reason, &referral.contacts));
        }
        if victims_first {
            victim_needs_first_help(index, &mut tier);
        }
        for (org, reason, contacts) in tier {
            referrals.add(index, org, reason, contacts);
        }
    }
    add_named(index, &mut referrals, &trailing);
    if !referrals.list.is_empty() {
        for (i, (for_asker, referral)) in data.info.asker_referrals.iter().enumerate() {
            let Some(org) = index.org_by_id(&referral.org) else {
                continue;
            };
            if *for_asker == asker && referrals.get_mut(org).is_none() {
                referrals.add(index, org, Reason::Asker(i), &referral.contacts);
            }
        }
    }
    // Danger is what the reader found now (data/rules/reading.ron), in scope: "she is
    // safe now" or "last year he beat her" is none, "he has a knife" is.
    let danger = matches.danger_now(&data.needs);
    let mut list = referrals.list;
    if victims_first {
        help_for_the_asker_before_enforcement(index, &mut list);
    }
    settle(index, &mut list, asker);
    as_the_reading_says(index, &mut list, &matches.reading, asker);
    let leading = matches.needs.first().map(|m| m.need);
    lines_for_their_purpose(index, &mut list, leading);
    take_routes(index, &mut list, &matches.reading);
    each_line_once(index, &mut list, asker);
    unreachable_rows_never_lead(&mut list);
    never_a_dead_end(index, &mut list, asker);
    Plan {
        matches,
        danger,
        referrals: list,
    }
}

/// The immigration enforcement agency: a caller threatened with it or afraid of it is never
/// sent to it, nor to anything under it.
pub const IMMIGRATION_ENFORCEMENT_ORG: &str = "ice";
/// Whether an office is the immigration enforcement agency or sits under it.
fn is_immigration_enforcement(index: &Index, org: usize) -> bool {
    index
        .org_by_id(IMMIGRATION_ENFORCEMENT_ORG)
        .is_some_and(|ice| org == ice || index.is_ancestor(ice, org))
}

/// How many rows lead an answer: police and prosecutors stay out of them when the caller
/// fears deportation.
pub const LEADING_ROWS: usize = 3;

/// What the reading found reshapes the answer (docs/ordering.md). An agency the caller is
/// threatened with or afraid of is not offered at all: immigration enforcement, and police
/// and prosecutors to a caller threatened with the police ("he'll have the sheriff lock us
/// up") or who fears or refuses them ("no police", "NO quiere que llamen a la policía"): to
/// that caller every badge is the threat. A caller threatened with or afraid of
/// immigration ("no tenemos papeles y me da miedo que llamen a la migra") gets the hotline
/// and services first and police and prosecutors after them, out of the first rows (left
/// out if too few others lead): to one who fears deportation any badge is a risk, and the
/// advocate decides on that call (an officer asking is answered as one).
fn as_the_reading_says(
    index: &Index,
    list: &mut Vec<PlannedReferral>,
    reading: &Reading,
    asker: Asker,
) {
    if reading.avoids(Agency::Immigration) {
        list.retain(|r| !is_immigration_enforcement(index, r.org));
    }
    let fears_deportation = reading.avoids(Agency::Immigration) && asker != Asker::LawEnforcement;
    if reading.threats.iter().any(|t| t.agency == Agency::Police) || reading.avoids(Agency::Police)
    {
        list.retain(|r| !index.is_law_enforcement(r.org));
    } else if fears_deportation {
        let (others, police): (Vec<PlannedReferral>, Vec<PlannedReferral>) = std::mem::take(list)
            .into_iter()
            .partition(|r| !index.is_law_enforcement(r.org));
        let room = others.len() >= LEADING_ROWS;
        *list = others;
        if room {
            list.extend(police);
        }
    }
}

/// Adds what the query named. A named department or agency with no number of its own
/// shows the numbers of the offices under it, each labelled with its own office and
/// audience.
fn add_named(index: &Index, referrals: &mut Gathered, named: &[&NamedMatch]) {
    for named in named {
        referrals.add(index, named.org, Reason::Named(named.hit.clone()), &[]);
        if let Some(r) = referrals.get_mut(named.org)
            && r.contacts.is_empty()
        {
            r.contacts = descendant_contacts(index, named.org);
        }
    }
}

/// Contacts of everything under an organization, nearest offices first.
fn descendant_contacts(index: &Index, org: usize) -> Vec<ContactRef> {
    let mut contacts = Vec::new();
    let mut queue = std::collections::VecDeque::from([org]);
    while let Some(current) = queue.pop_front() {
        for &child in index.children(current) {
            contacts.extend(index.contacts_for(child, &[]));
            queue.push_back(child);
        }
    }
    contacts
}

/// The referrals gathered so far, with where each organization stands among them: a need
/// with thousands of local referrals must not scan the list for every one.
#[derive(Default)]
struct Gathered {
    list: Vec<PlannedReferral>,
    position: HashMap<usize, usize>,
}

impl Gathered {
    fn get_mut(&mut self, org: usize) -> Option<&mut PlannedReferral> {
        self.position.get(&org).map(|&i| &mut self.list[i])
    }

    fn add(&mut self, index: &Index, org: usize, reason: Reason, contact_ids: &[Text]) {
        let contacts = index.contacts_for(org, contact_ids);
        if let Some(existing) = self.get_mut(org) {
            // A need's reason explains more than "you named it": it goes first.
            if matches!(reason, Reason::Need { .. })
                && matches!(existing.reasons.first(), Some(Reason::Named(_)))
            {
                existing.reasons.insert(0, reason);
            } else {
                existing.reasons.push(reason);
            }
            for c in contacts {
                if !existing.contacts.contains(&c) {
                    existing.contacts.push(c);
                }
            }
        } else {
            self.position.insert(org, self.list.len());
            self.list.push(PlannedReferral {
                org,
                reasons: vec![reason],
                contacts,
                primary: None,
                route: false,
                behind: Vec::new(),
            });
        }
    }
}
