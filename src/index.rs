//! Look-up tables over a loaded dataset, built once at start: by id, by name, by phone
//! digits, and the organization tree.

use crate::data::{Contact, Dataset, Organization, Text};
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Where a contact lives: which organization, which of its contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContactRef {
    pub org: usize,
    pub contact: usize,
}

pub struct Index<'d> {
    pub data: &'d Dataset,
    org_by_id: HashMap<&'d str, usize>,
    need_by_id: HashMap<&'d str, usize>,
    contact_by_id: HashMap<&'d str, ContactRef>,
    /// Phone digits -> the contacts that give them. Built on first use: only `phone`
    /// looks a number up.
    contacts_by_digits: OnceLock<HashMap<String, Vec<ContactRef>>>,
    /// Lower-cased name, acronym, alias or id -> organizations. Built on first use: only
    /// `show` and `list` look organizations up by name, and it is most of the index's cost.
    org_by_name: OnceLock<HashMap<String, Vec<usize>>>,
    /// Each organization's children, in the dataset's order: those of organization `i`
    /// are `child_orgs[child_start[i]..child_start[i + 1]]` (two tables, not one list each).
    child_orgs: Vec<usize>,
    child_start: Vec<usize>,
}

impl<'d> Index<'d> {
    pub fn new(data: &'d Dataset) -> Index<'d> {
        // Sized up front: growing the tables as they fill was a third of the index's cost.
        let contacts = data.organizations.iter().map(|o| o.contacts.len()).sum();
        let mut index = Index {
            data,
            org_by_id: HashMap::with_capacity(data.organizations.len()),
            need_by_id: data
                .needs
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.as_ref(), i))
                .collect(),
            contact_by_id: HashMap::with_capacity(contacts),
            contacts_by_digits: OnceLock::new(),
            org_by_name: OnceLock::new(),
            child_orgs: Vec::new(),
            child_start: Vec::new(),
        };
        for (org_index, org) in data.organizations.iter().enumerate() {
            index.org_by_id.insert(&org.id, org_index);
            for (contact_index, contact) in org.contacts.iter().enumerate() {
                let at = ContactRef {
                    org: org_index,
                    contact: contact_index,
                };
                index.contact_by_id.insert(&contact.id, at);
            }
        }
        let mut pairs: Vec<(usize, usize)> = data
            .organizations
            .iter()
            .enumerate()
            .filter_map(|(org_index, org)| {
                let parent = index.org_by_id.get(org.parent.as_deref()?)?;
                Some((*parent, org_index))
            })
            .collect();
        // Stable: each parent's children keep the dataset's order.
        pairs.sort_by_key(|&(parent, _)| parent);
        index.child_orgs = pairs.iter().map(|&(_, child)| child).collect();
        index.child_start = (0..=data.organizations.len())
            .map(|org| pairs.partition_point(|&(parent, _)| parent < org))
            .collect();
        index
    }

    pub fn org(&self, i: usize) -> &'d Organization {
        &self.data.organizations[i]
    }

    pub fn contact(&self, at: ContactRef) -> &'d Contact {
        &self.data.organizations[at.org].contacts[at.contact]
    }

    pub fn org_by_id(&self, id: &str) -> Option<usize> {
        self.org_by_id.get(id).copied()
    }

    pub fn need_by_id(&self, id: &str) -> Option<usize> {
        self.need_by_id.get(id).copied()
    }

    pub fn contact_by_id(&self, id: &str) -> Option<ContactRef> {
        self.contact_by_id.get(id).copied()
    }

    pub fn contacts_by_digits(&self, digits: &str) -> &[ContactRef] {
        self.contacts_by_digits
            .get_or_init(|| {
                let mut by_digits: HashMap<String, Vec<ContactRef>> = HashMap::new();
                for (org, o) in self.data.organizations.iter().enumerate() {
                    for (contact, c) in o.contacts.iter().enumerate() {
                        if let Some(digits) = &c.digits {
                            by_digits
                                .entry(digits.to_string())
                                .or_default()
                                .push(ContactRef { org, contact });
                        }
                    }
                }
                by_digits
            })
            .get(digits)
            .map_or(&[], Vec::as_slice)
    }

    /// Organizations whose id, name, acronym or alias is exactly `name` (any case, any
    /// punctuation).
    pub fn orgs_named(&self, name: &str) -> &[usize] {
        self.org_by_name()
            .get(&name_key(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Organizations one of whose names holds the query's words in order, as whole words
    /// ("Wage and Hour" in "Wage and Hour Division"), or whose names start with them.
    pub fn orgs_named_in_part(&self, query: &str) -> Vec<usize> {
        let wanted = name_words(query);
        // "and", "of" alone would name half the data.
        if wanted.iter().map(String::len).sum::<usize>() < 3 {
            return Vec::new();
        }
        self.data
            .organizations
            .iter()
            .enumerate()
            .filter(|(_, org)| {
                names_of(org).any(|name| {
                    let words = name_words(name);
                    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Every name key with the organization it belongs to, for suggestions.
    pub fn name_keys(&self) -> impl Iterator<Item = (&str, &[usize])> {
        self.org_by_name()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    fn org_by_name(&self) -> &HashMap<String, Vec<usize>> {
        self.org_by_name.get_or_init(|| {
            let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
            for (org_index, org) in self.data.organizations.iter().enumerate() {
                for key in names_of(org) {
                    let entry = by_name.entry(name_key(key)).or_default();
                    if !entry.contains(&org_index) {
                        entry.push(org_index);
                    }
                }
            }
            by_name
        })
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.child_orgs[self.child_start[i]..self.child_start[i + 1]]
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        self.org(i)
            .parent
            .as_deref()
            .and_then(|p| self.org_by_id(p))
    }

    /// The organization's ancestors, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = self.parent(i);
        // The validator rejects cycles; the length bound keeps a bad overlay harmless.
        while let Some(p) = current {
            if chain.contains(&p) || chain.len() > self.data.organizations.len() {
                break;
            }
            chain.push(p);
            current = self.parent(p);
        }
        chain
    }

    /// Whether `ancestor` is above `org` in the tree.
    pub fn is_ancestor(&self, ancestor: usize, org: usize) -> bool {
        self.ancestors(org).contains(&ancestor)
    }

    /// Whether the organization, or one it sits under, is police or prosecutors.
    pub fn is_law_enforcement(&self, i: usize) -> bool {
        self.org(i).law_enforcement
            || self
                .ancestors(i)
                .iter()
                .any(|&a| self.org(a).law_enforcement)
    }

    /// The department at the top of the organization's chain, if it has one.
    pub fn department(&self, i: usize) -> Option<usize> {
        let top = self.ancestors(i).last().copied().unwrap_or(i);
        (self.org(top).kind == crate::data::OrgKind::Department).then_some(top)
    }

    /// The contacts of an organization, or those a referral names instead.
    /// An organization's lines that newer official pages replace, for its full card.
    pub fn superseded_of(&self, org: usize) -> Vec<ContactRef> {
        (0..self.org(org).contacts.len())
            .map(|contact| ContactRef { org, contact })
            .filter(|&at| self.contact(at).superseded.is_some())
            .collect()
    }

    pub fn contacts_for(&self, org: usize, named: &[Text]) -> Vec<ContactRef> {
        if named.is_empty() {
            // A superseded line is history: never offered, shown only by `superseded`.
            (0..self.org(org).contacts.len())
                .map(|contact| ContactRef { org, contact })
                .filter(|&at| self.contact(at).superseded.is_none())
                .collect()
        } else {
            named
                .iter()
                .filter_map(|id| self.contact_by_id(id))
                .filter(|&at| self.contact(at).superseded.is_none())
                .collect()
        }
    }
}

fn names_of(org: &Organization) -> impl Iterator<Item = &str> {
    [org.id.as_ref(), org.name.as_ref()]
        .into_iter()
        .chain(org.acronym.as_deref())
        .chain(org.aliases.iter().map(|a| a.name.as_ref()))
}

/// A name's words, lower case, letters and digits only: "U.S. Citizenship" is
/// `["u", "s", "citizenship"]`.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Lower case with only letters and digits kept: "J/TIP", "j-tip" and "jtip" agree.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
