//! Detection from a document's bytes: what the kinds' clues ask of a document, read in one
//! pass without building a `Value`.
//!
//! Every clue of every kind's [`Signature`] names a pointer. The pointers form a small tree
//! ([`Probes`], built once from the registry); reading a document descends only along that tree
//! and skips everything else, recording as bits which pointers are present, which hold an
//! expected string, and which objects have an array member with an expected prefix ([`Facts`]).
//! Each kind's signature is then a list of tests on those bits. The answers are the ones
//! [`super::detect`] gives on the parsed document (a test compares them on every document the
//! tests have): a clue about a pointer means the same here and there.

use std::sync::LazyLock;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::detect::{Clue, Signature};
use crate::registry::PAYLOADS;
use crate::validate::pointer::unescape_token;

/// What one document shows of the pointers the clues name.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Facts {
    /// Whether the document is a JSON object.
    pub(crate) object: bool,
    /// Bit `n`: the pointer of node `n` is present.
    present: u128,
    /// Bit `n`: test `n` of [`Probes::tests`] (a string value, an array member) holds.
    holds: u128,
}

/// One pointer of the tree: its members on the way to deeper pointers, and what is asked of the
/// value there.
#[derive(Debug, Default)]
struct Node {
    /// The members that lead to other nodes, by name.
    children: Vec<(String, usize)>,
    /// Strings the value may be, each with its test bit.
    equals: Vec<(&'static str, usize)>,
    /// Prefixes of member names whose values are arrays, each with its test bit.
    array_prefixes: Vec<(&'static str, usize)>,
}

impl Node {
    /// Whether the value at this node is read (rather than skipped) once it is found present.
    fn is_read(&self) -> bool {
        !(self.children.is_empty() && self.equals.is_empty() && self.array_prefixes.is_empty())
    }
}

/// What a kind's signature asks, as tests on [`Facts`].
#[derive(Clone, Debug)]
enum Check {
    Present(usize),
    Absent(usize),
    Holds(usize),
    AnyPresent(Vec<usize>),
}

/// The tree of every pointer the registry's clues name, and each kind's checks on it.
#[derive(Debug)]
pub(crate) struct Probes {
    nodes: Vec<Node>,
    tests: usize,
    /// Per kind of [`PAYLOADS`], in its order.
    kinds: Vec<Vec<Check>>,
}

/// The probes of the registry's kinds, built the first time detection reads bytes.
pub(crate) static PROBES: LazyLock<Probes> = LazyLock::new(|| {
    let mut probes = Probes {
        nodes: vec![Node::default()],
        tests: 0,
        kinds: Vec::new(),
    };
    for kind in PAYLOADS {
        let checks = probes.compile(&kind.signature);
        probes.kinds.push(checks);
    }
    assert!(
        probes.nodes.len() <= 128 && probes.tests <= 128,
        "the clues name more pointers than a document's facts hold"
    );
    probes
});

impl Probes {
    /// The node of `pointer` (RFC 6901), made if need be.
    fn node(&mut self, pointer: &str) -> usize {
        let mut at = 0;
        for token in pointer.split('/').skip(1) {
            let name = unescape_token(token);
            at = match self.nodes[at]
                .children
                .iter()
                .find(|(child, _)| *child == name)
            {
                Some(&(_, child)) => child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[at].children.push((name.into_owned(), child));
                    child
                }
            };
        }
        at
    }

    fn test(&mut self) -> usize {
        self.tests += 1;
        self.tests - 1
    }

    /// The checks of one signature.
    fn compile(&mut self, signature: &Signature) -> Vec<Check> {
        let mut checks = Vec::new();
        let clues = signature.layer.iter().map(|clue| (clue, "")).chain(
            signature
                .payload
                .iter()
                .map(|clue| (clue, signature.payload_at)),
        );
        if !signature.payload_at.is_empty() {
            checks.push(Check::Present(self.node(signature.payload_at)));
        }
        for (clue, root) in clues {
            let at = |pointer: &str| format!("{root}{pointer}");
            let check = match *clue {
                Clue::Present(pointer) => Check::Present(self.node(&at(pointer))),
                Clue::Absent(pointer) => Check::Absent(self.node(&at(pointer))),
                Clue::AnyPresent(pointers) => Check::AnyPresent(
                    pointers
                        .iter()
                        .map(|pointer| self.node(&at(pointer)))
                        .collect(),
                ),
                Clue::Equals(pointer, value) => {
                    let node = self.node(&at(pointer));
                    let test = self.test();
                    self.nodes[node].equals.push((value, test));
                    Check::Holds(test)
                }
                Clue::ArrayNamed { object, prefix } => {
                    let node = self.node(&at(object));
                    let test = self.test();
                    self.nodes[node].array_prefixes.push((prefix, test));
                    Check::Holds(test)
                }
            };
            checks.push(check);
        }
        checks
    }

    /// What the document `bytes` shows; `None` when the bytes are not one JSON document.
    pub(crate) fn read(&'static self, bytes: &[u8]) -> Option<Facts> {
        crate::validate::read_with(bytes, Root { probes: self })
    }

    /// The indices (in [`PAYLOADS`]) of the kinds whose signature `facts` meet.
    pub(crate) fn matching(&self, facts: Facts) -> impl Iterator<Item = usize> + '_ {
        let bit = |bits: u128, index: usize| bits & (1 << index) != 0;
        let holds = move |check: &Check| match check {
            Check::Present(node) => bit(facts.present, *node),
            Check::Absent(node) => !bit(facts.present, *node),
            Check::Holds(test) => bit(facts.holds, *test),
            Check::AnyPresent(nodes) => nodes.iter().any(|node| bit(facts.present, *node)),
        };
        self.kinds
            .iter()
            .enumerate()
            .filter(move |(_, checks)| checks.iter().all(holds))
            .map(|(index, _)| index)
    }
}

/// Reads a whole document into its [`Facts`].
#[derive(Clone, Copy)]
struct Root {
    probes: &'static Probes,
}

impl<'de> DeserializeSeed<'de> for Root {
    type Value = Facts;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Facts, D::Error> {
        let mut facts = Facts {
            present: 1,
            ..Facts::default()
        };
        deserializer.deserialize_any(NodeVisitor {
            probes: self.probes,
            node: 0,
            facts: &mut facts,
        })?;
        Ok(facts)
    }
}

/// The value at a node that was found present.
struct NodeSeed<'f> {
    probes: &'static Probes,
    node: usize,
    facts: &'f mut Facts,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.facts.present |= 1 << self.node;
        if self.probes.nodes[self.node].is_read() {
            deserializer.deserialize_any(NodeVisitor {
                probes: self.probes,
                node: self.node,
                facts: self.facts,
            })
        } else {
            de::Deserialize::deserialize(deserializer).map(|IgnoredAny| ())
        }
    }
}

/// What is asked of the value at a node: its string, or its members.
struct NodeVisitor<'f> {
    probes: &'static Probes,
    node: usize,
    facts: &'f mut Facts,
}

impl NodeVisitor<'_> {
    fn string(self, value: &str) {
        // The last occurrence of a repeated member is the one that counts, as in a `Value`.
        for &(expected, test) in &self.probes.nodes[self.node].equals {
            if expected == value {
                self.facts.holds |= 1 << test;
            } else {
                self.facts.holds &= !(1 << test);
            }
        }
    }
}

impl<'de> Visitor<'de> for NodeVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        self.string(value);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let node = &self.probes.nodes[self.node];
        if self.node == 0 {
            self.facts.object = true;
        }
        while let Some(name) = map.next_key_seed(Name { node })? {
            match name {
                Named::Child(child) => map.next_value_seed(NodeSeed {
                    probes: self.probes,
                    node: child,
                    facts: self.facts,
                })?,
                Named::Prefixed(tests) => {
                    let is_array = map.next_value_seed(IsArray)?;
                    for (index, &(_, test)) in node.array_prefixes.iter().enumerate() {
                        if tests & (1 << index) != 0 && is_array {
                            self.facts.holds |= 1 << test;
                        }
                    }
                }
                Named::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A member name, as far as the node cares.
enum Named {
    /// A member that leads to a node.
    Child(usize),
    /// A member whose name starts with some of the node's array prefixes (bit per prefix).
    Prefixed(u128),
    /// Any other member.
    Other,
}

/// Reads a member name and says what it is to `node`, without keeping it.
struct Name<'n> {
    node: &'n Node,
}

impl<'de> DeserializeSeed<'de> for Name<'_> {
    type Value = Named;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Named, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name<'_> {
    type Value = Named;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Named, E> {
        if let Some(&(_, child)) = self.node.children.iter().find(|(child, _)| child == name) {
            return Ok(Named::Child(child));
        }
        let prefixed = self
            .node
            .array_prefixes
            .iter()
            .enumerate()
            .filter(|(_, (prefix, _))| name.starts_with(prefix))
            .fold(0u128, |bits, (index, _)| bits | 1 << index);
        Ok(if prefixed == 0 {
            Named::Other
        } else {
            Named::Prefixed(prefixed)
        })
    }
}

/// Whether a member's value is an array (its items skipped).
struct IsArray;

impl<'de> DeserializeSeed<'de> for IsArray {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IsArray {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}
