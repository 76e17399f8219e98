//! The privacy inventory: what in each payload can point at a person or a machine.
//!
//! Every member of every payload is classified in its type, next to its doc comment, with
//! `#[schemars(extend("x-privacy" = "<class>"))]`; the class reaches the published schema as the
//! `x-privacy` annotation (standard validators ignore it), and this module reads it back from the
//! schema, so the inventory and the schema cannot disagree. An object member is classified
//! through its own members; every other member (a scalar, an array of scalars, a free-form map)
//! carries a class from [`Class`].

use std::fmt;

use serde::Serialize;

use crate::registry::PayloadKind;
use crate::schema_walk;

/// The vendor keyword that carries a member's class in the published schemas.
pub const KEYWORD: &str = "x-privacy";

/// What a member holds, from the point of view of an auditor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// A random identifier of an installation, database, instance, sample or execution
    /// (`instance_uid`, `execution_id`): stable for a machine, meaningless elsewhere.
    RandomId,
    /// An identifier a product's database gives a record (an Appsmith ObjectId of an instance,
    /// app, page or organisation; a collector's row number).
    RecordId,
    /// An identifier of a customer account or licence (`license_jti`, `client_id`, `tenantId`).
    AccountId,
    /// A hash of a user identifier (SHA-256 of a username, normally an e-mail address): a
    /// pseudonym, the same for one person everywhere.
    HashedIdentifier,
    /// An IP address.
    NetworkAddress,
    /// A place: a city, a region, a country.
    Location,
    /// A way to reach a person: an e-mail address or a name.
    Contact,
    /// Software and device details: user agent, browser, operating system, architecture.
    Device,
    /// A URL or a route of a web application.
    Url,
    /// A name given to user content (an application, page, data source or query name).
    ContentName,
    /// Text a person typed in a form (a setup-form answer).
    FreeText,
    /// An error message or stack trace.
    Diagnostic,
    /// A product or library version.
    Version,
    /// A point in time.
    Timestamp,
    /// A number of things, a size or a duration.
    Count,
    /// A yes/no setting or outcome.
    Flag,
    /// A value from a fixed or product-defined set (a CI vendor, a mode, an event name, a type).
    Category,
    /// A digest or signature that is not derived from a person (an HMAC of a random message).
    Digest,
}

impl Class {
    /// Every class, in the order of the documentation.
    pub const ALL: [Class; 18] = [
        Self::RandomId,
        Self::RecordId,
        Self::AccountId,
        Self::HashedIdentifier,
        Self::NetworkAddress,
        Self::Location,
        Self::Contact,
        Self::Device,
        Self::Url,
        Self::ContentName,
        Self::FreeText,
        Self::Diagnostic,
        Self::Version,
        Self::Timestamp,
        Self::Count,
        Self::Flag,
        Self::Category,
        Self::Digest,
    ];

    /// The class's name in schemas and reports (`random-id`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::RandomId => "random-id",
            Self::RecordId => "record-id",
            Self::AccountId => "account-id",
            Self::HashedIdentifier => "hashed-identifier",
            Self::NetworkAddress => "network-address",
            Self::Location => "location",
            Self::Contact => "contact",
            Self::Device => "device",
            Self::Url => "url",
            Self::ContentName => "content-name",
            Self::FreeText => "free-text",
            Self::Diagnostic => "diagnostic",
            Self::Version => "version",
            Self::Timestamp => "timestamp",
            Self::Count => "count",
            Self::Flag => "flag",
            Self::Category => "category",
            Self::Digest => "digest",
        }
    }

    /// The class named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|class| class.name() == name)
    }

    /// What a member of this class can point at.
    pub const fn identifies(self) -> Identifies {
        match self {
            Self::Contact | Self::HashedIdentifier => Identifies::Person,
            Self::NetworkAddress | Self::Location | Self::Device => Identifies::PersonOrMachine,
            Self::RandomId | Self::RecordId => Identifies::Machine,
            Self::AccountId => Identifies::Organisation,
            Self::Url | Self::ContentName | Self::FreeText | Self::Diagnostic => {
                Identifies::Possibly
            }
            Self::Version
            | Self::Timestamp
            | Self::Count
            | Self::Flag
            | Self::Category
            | Self::Digest => Identifies::Nothing,
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a member can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Identifies {
    /// A person, directly (contact) or as a stable pseudonym (hash).
    Person,
    /// A person or the machine they use (an address, a place, a device).
    PersonOrMachine,
    /// A machine or an installation.
    Machine,
    /// A customer organisation.
    Organisation,
    /// Possibly a person or an organisation, depending on what was typed or named.
    Possibly,
    /// Nothing on its own.
    Nothing,
}

/// One member of a payload with its class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Where the member is, as a JSON Pointer template: `/usageData/*/user` (`*` for any array
    /// item, `{name}` for any member of an open map).
    pub pointer: String,
    /// Its class.
    pub class: Class,
    /// What it can point at.
    pub identifies: Identifies,
    /// For a kind with eras: the eras whose documents carry the member (which versions of the
    /// emitter send it), oldest first; empty for a kind of one shape, every version of which
    /// sends it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<String>,
}

/// A payload's inventory: every classified member, in schema order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Inventory {
    /// The payload id.
    pub payload: &'static str,
    /// Every classified member.
    pub members: Vec<Member>,
}

impl Inventory {
    /// The inventory of `kind`'s `members`, unless reading them found `problems`.
    fn unless_unclassified(
        kind: &PayloadKind,
        members: Vec<Member>,
        problems: Vec<String>,
    ) -> Result<Self, Unclassified> {
        if problems.is_empty() {
            Ok(Self {
                payload: kind.id,
                members,
            })
        } else {
            Err(Unclassified(problems))
        }
    }

    /// The members that can point at a person, a machine or an organisation.
    pub fn identifying(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|member| member.identifies != Identifies::Nothing)
    }

    /// The pointers of the members of `class`, in schema order.
    pub fn pointers_of(&self, class: Class) -> Vec<&str> {
        self.members
            .iter()
            .filter(|member| member.class == class)
            .map(|member| member.pointer.as_str())
            .collect()
    }
}

/// Problems found while reading the classes back from a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unclassified(pub Vec<String>);

impl fmt::Display for Unclassified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "members without a valid `{KEYWORD}` class: {}",
            self.0.join(", ")
        )
    }
}

impl std::error::Error for Unclassified {}

/// The inventory of `kind`, read from its published schema. For a kind with eras, each member
/// once per class, with the eras that send it, in the order of the oldest era that does.
pub fn inventory(kind: &PayloadKind) -> Result<Inventory, Unclassified> {
    let schema = kind.schema();
    let eras = schema_walk::eras(&schema).map_err(|error| Unclassified(vec![error.to_string()]))?;
    if eras.is_empty() {
        return inventory_of(kind, |visit| schema_walk::walk(&schema, visit));
    }
    let mut members: Vec<Member> = Vec::new();
    let mut problems = Vec::new();
    for era in &eras {
        let walked = inventory_of(kind, |visit| schema_walk::walk_era(&schema, era, visit));
        match walked {
            Ok(inventory) => {
                for member in inventory.members {
                    let same = members.iter_mut().find(|known| {
                        known.pointer == member.pointer && known.class == member.class
                    });
                    match same {
                        Some(known) => known.eras.push(era.name.to_owned()),
                        None => members.push(Member {
                            eras: vec![era.name.to_owned()],
                            ..member
                        }),
                    }
                }
            }
            Err(Unclassified(found)) => problems.extend(found),
        }
    }
    Inventory::unless_unclassified(kind, members, problems)
}

/// The inventory of the members `walk` visits.
fn inventory_of<'a>(
    kind: &PayloadKind,
    walk: impl FnOnce(
        &mut dyn FnMut(&schema_walk::Member<'a>) -> bool,
    ) -> Result<(), schema_walk::RefError>,
) -> Result<Inventory, Unclassified> {
    let mut members = Vec::new();
    let mut problems = Vec::new();
    let walked = walk(&mut |member| {
        let pointer = &member.document_pointer;
        // A member's own class, else the class its type declares (a newtype such as a metric
        // label); an unclassified object is classified through its own members.
        match member.annotation(KEYWORD) {
            Some(class) => match class.as_str().and_then(Class::from_name) {
                Some(class) => members.push(Member {
                    pointer: pointer.clone(),
                    class,
                    identifies: class.identifies(),
                    eras: Vec::new(),
                }),
                None => problems.push(format!("{pointer} (unknown class {class})")),
            },
            None if member.inner.is_some() => return true,
            None => problems.push(pointer.clone()),
        }
        false
    });
    if let Err(error) = walked {
        problems.push(error.to_string());
    }
    Inventory::unless_unclassified(kind, members, problems)
}
