//! Turns what a query matched into one ranked, de-duplicated list of referrals.
//!
//! Order: organizations the query names, then the needs' referrals taken in turns (each
//! need's first choice, then each need's second, ...), so that a sentence describing
//! several needs puts the most specific office for every one of them near the top.
//! Within a need, the data's order stands: the hotline and services before law-enforcement tip
//! lines.

use crate::index::{ContactRef, Index};
use crate::matching::{Hit, Matches};

/// Why a referral is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The query named the organization.
    Named(Hit),
    /// A matched need lists it: need index and the referral's index in that need.
    Need { need: usize, referral: usize },
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

pub fn build(index: &Index, matches: Matches) -> Plan {
    let data = index.data;
    let mut referrals: Vec<PlannedReferral> = Vec::new();
    for named in &matches.named {
        add(
            index,
            &mut referrals,
            named.org,
            Reason::Named(named.hit.clone()),
            &[],
        );
        // A named department or agency with no number of its own: show the numbers of the
        // offices under it, each labelled with its own office and audience.
        if let Some(r) = referrals.iter_mut().find(|r| r.org == named.org)
            && r.contacts.is_empty()
        {
            r.contacts = descendant_contacts(index, named.org);
        }
    }
    let longest = matches
        .needs
        .iter()
        .map(|m| data.needs[m.need].referrals.len())
        .max()
        .unwrap_or(0);
    for rank in 0..longest {
        for m in &matches.needs {
            let need = &data.needs[m.need];
            let Some(referral) = need.referrals.get(rank) else {
                continue;
            };
            let Some(org) = index.org_by_id(&referral.org) else {
                continue;
            };
            add(
                index,
                &mut referrals,
                org,
                Reason::Need {
                    need: m.need,
                    referral: rank,
                },
                &referral.contacts,
            );
        }
    }
    let danger = matches.needs.iter().any(|m| data.needs[m.need].danger);
    Plan {
        matches,
        danger,
        referrals,
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

fn add(
    index: &Index,
    referrals: &mut Vec<PlannedReferral>,
    org: usize,
    reason: Reason,
    contact_ids: &[String],
) {
    let contacts = index.contacts_for(org, contact_ids);
    match referrals.iter_mut().find(|r| r.org == org) {
        Some(existing) => {
            existing.reasons.push(reason);
            for c in contacts {
                if !existing.contacts.contains(&c) {
                    existing.contacts.push(c);
                }
            }
        }
        None => referrals.push(PlannedReferral {
            org,
            reasons: vec![reason],
            contacts,
        }),
    }
}
