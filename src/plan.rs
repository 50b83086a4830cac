//! Turns what a query matched into one ranked, de-duplicated list of referrals.
//!
//! Order: organizations the query names, then the needs' referrals taken in turns (each
//! need's first choice, then each need's second, ...), so that a sentence describing
//! several needs puts the most specific office for every one of them near the top.
//! Within a need, the data's order stands: the hotline and services before law-enforcement tip
//! lines.

use crate::data::{Asker, Referral, Text, Track};
use crate::index::{ContactRef, Index};
use crate::matching::{Hit, Matches};
use foldhash::HashMap;

/// Why a referral is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The query named the organization.
    Named(Hit),
    /// A matched need lists it: need index and the referral's index in that need.
    Need { need: usize, referral: usize },
    /// The dataset adds it for this asker: index into `asker_referrals`.
    Asker(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedReferral {
    pub org: usize,
    pub reasons: Vec<Reason>,
    pub contacts: Vec<ContactRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub matches: Matches,
    /// Whether any matched need may involve immediate danger.
    pub danger: bool,
    pub referrals: Vec<PlannedReferral>,
}

/// Where a track stands for an asker: lower comes first; ties keep the data's order, which
/// already puts help and services before tip lines where a need has both. Other askers
/// see their own kind of office first.
fn track_rank(asker: Asker, track: Track) -> u8 {
    use Track::{Help, Immigration, Investigation, Prosecution, Report, Services};
    match (asker, track) {
        // The public sees the data's own order, which puts the hotline first where it fits.
        (Asker::Public, _)
        | (Asker::Survivor | Asker::Advocate | Asker::Educator, Help)
        | (Asker::Attorney, Immigration)
        | (Asker::LawEnforcement, Investigation | Prosecution)
        | (Asker::Benefits, Services) => 0,
        (Asker::Survivor | Asker::Advocate, Services | Immigration)
        | (Asker::Attorney, Help | Services | Prosecution)
        | (Asker::LawEnforcement, Report)
        | (Asker::Benefits, Help | Immigration) => 1,
        _ => 2,
    }
}

/// The order of a need's referrals for this asker: first those with a line meant for the
/// asker (the VAWA Unit Helpline for an attorney), then by track, then the data's order.
fn ordered<'n>(index: &Index, need: &'n [Referral], asker: Asker) -> Vec<(usize, &'n Referral)> {
    let mut referrals: Vec<(usize, &Referral)> = need.iter().enumerate().collect();
    // Keys computed once each: a need may carry thousands of local referrals.
    referrals.sort_by_cached_key(|(_, r)| {
        let Some(org) = index.org_by_id(&r.org) else {
            return (1, 2);
        };
        let meant_for_asker = asker != Asker::Public
            && (r.for_askers.contains(&asker)
                || index
                    .contacts_for(org, &r.contacts)
                    .iter()
                    .any(|&c| index.contact(c).for_askers.contains(&asker)));
        (
            u8::from(!meant_for_asker),
            track_rank(asker, index.org(org).track),
        )
    });
    referrals
}

pub fn build(index: &Index, matches: Matches, asker: Asker) -> Plan {
    let data = index.data;
    let mut referrals = Gathered::default();
    for named in &matches.named {
        referrals.add(index, named.org, Reason::Named(named.hit.clone()), &[]);
        // A named department or agency with no number of its own: show the numbers of the
        // offices under it, each labelled with its own office and audience.
        if let Some(r) = referrals.get_mut(named.org)
            && r.contacts.is_empty()
        {
            r.contacts = descendant_contacts(index, named.org);
        }
    }
    let orders: Vec<Vec<(usize, &Referral)>> = matches
        .needs
        .iter()
        .map(|m| ordered(index, &data.needs[m.need].referrals, asker))
        .collect();
    let longest = orders.iter().map(Vec::len).max().unwrap_or(0);
    for rank in 0..longest {
        for (m, order) in matches.needs.iter().zip(&orders) {
            let Some(&(position, referral)) = order.get(rank) else {
                continue;
            };
            let Some(org) = index.org_by_id(&referral.org) else {
                continue;
            };
            referrals.add(
                index,
                org,
                Reason::Need {
                    need: m.need,
                    referral: position,
                },
                &referral.contacts,
            );
        }
    }
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
    let danger = matches.needs.iter().any(|m| data.needs[m.need].danger);
    Plan {
        matches,
        danger,
        referrals: referrals.list,
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
            });
        }
    }
}
