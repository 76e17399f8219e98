//! Detection from a document's bytes: what the kinds' clues ask of a document, read in one
//! pass without building a `Value`.
//!
//! Every clue of every kind's [`Signature`] names a pointer. The pointers form a small tree
//! ([`Probes`], built once from the registry); reading a document descends only along that tree
//! and passes over everything else at the speed of a byte scan ([`Scanner`]), recording as bits
//! which pointers are present, which hold an expected string, and which objects have an array
//! member with an expected prefix ([`Facts`]).
//! Each kind's signature is then a few masks over those bits. The answers are the ones
//! [`super::detect()`] gives on the parsed document (a test compares them on every document the
//! tests have): a clue about a pointer means the same here and there.
//!
//! [`Probes::read_settling`] may stop before the end: as soon as what was read meets the
//! signature of a kind settled by validity ([`super::implied`]), the rest is left to that
//! kind's validator ([`super::judge()`]).

use std::sync::{LazyLock, OnceLock};

use memchr::memmem;

use super::detect::{Clue, Signature};
use super::implied::{Implied, Shown};
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

/// What reading a document with [`Probes::read_settling`] found.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reading {
    /// The whole document was read: what it shows.
    Facts(Facts),
    /// The members read meet the signature of this kind (its index in [`PAYLOADS`]), which is
    /// settled by validity ([`super::implied`]); the rest was not read.
    Settled(usize),
    /// The structure is not that of one JSON document.
    Malformed,
}

/// One pointer of the tree: its members on the way to deeper pointers, and what is asked of the
/// value there.
#[derive(Debug, Default)]
struct Node {
    /// The members that lead to other nodes, by name.
    children: Vec<(String, usize)>,
    /// Bit `n`: a child's name is `n` bytes long (`n` below 64; bit 63 for any longer name).
    child_lengths: u64,
    /// Strings the value may be, each with its test bit.
    equals: Vec<(&'static str, usize)>,
    /// Prefixes of member names whose values are arrays, each with its test bit.
    array_prefixes: Vec<(&'static str, usize)>,
}

impl Node {
    /// The child named `name` (as written, without escapes), compared by length first: most
    /// names of a document are no child's, and differ in length from all of them.
    #[inline]
    fn child(&self, name: &[u8]) -> Option<usize> {
        self.children
            .iter()
            .find(|(child, _)| child.len() == name.len() && child.as_bytes() == name)
            .map(|&(_, child)| child)
    }

    /// Whether the value at this node is read (rather than skipped) once it is found present.
    fn is_read(&self) -> bool {
        !(self.children.is_empty() && self.equals.is_empty() && self.array_prefixes.is_empty())
    }
}

/// What a kind's signature asks, as masks over [`Facts`].
#[derive(Clone, Debug, Default)]
struct Checks {
    /// Nodes that must be present.
    present: u128,
    /// Nodes that must be absent.
    absent: u128,
    /// Tests that must hold.
    holds: u128,
    /// Groups of nodes of which at least one must be present.
    any_present: Vec<u128>,
}

impl Checks {
    #[inline]
    fn met_by(&self, facts: &Facts) -> bool {
        facts.present & self.present == self.present
            && facts.present & self.absent == 0
            && facts.holds & self.holds == self.holds
            && self
                .any_present
                .iter()
                .all(|group| facts.present & group != 0)
    }
}

/// The tree of every pointer the registry's clues name, and each kind's checks on it.
#[derive(Debug)]
pub(crate) struct Probes {
    nodes: Vec<Node>,
    tests: usize,
    /// Per kind of [`PAYLOADS`], in its order.
    kinds: Vec<Checks>,
    /// Per node: the kinds whose signature asks for it to be present (alone or in a group).
    kinds_by_node: Vec<Vec<usize>>,
    /// Per test: the kinds whose signature asks for it to hold.
    kinds_by_test: Vec<Vec<usize>>,
    /// Per kind: whether it is settled by validity, read from its schema the first time a
    /// reading that may stop early meets its signature.
    settled: Vec<OnceLock<bool>>,
    /// Per kind derived from another: the members its signature asks to be absent, each node
    /// with its name quoted as a document writes it (see [`Scanner::settles`]).
    absent_names: Vec<Vec<(usize, memmem::Finder<'static>)>>,
}

/// The probes of the registry's kinds, built the first time detection reads bytes.
pub(crate) static PROBES: LazyLock<Probes> = LazyLock::new(|| {
    let mut probes = Probes {
        nodes: vec![Node::default()],
        tests: 0,
        kinds: Vec::new(),
        kinds_by_node: Vec::new(),
        kinds_by_test: Vec::new(),
        settled: PAYLOADS.iter().map(|_| OnceLock::new()).collect(),
        absent_names: Vec::new(),
    };
    for kind in PAYLOADS {
        let checks = probes.compile(&kind.signature);
        probes.kinds.push(checks);
    }
    assert!(
        probes.nodes.len() <= 128 && probes.tests <= 128,
        "the clues name more pointers than a document's facts hold"
    );
    let asking = |bits: fn(&Checks) -> u128, count: usize| -> Vec<Vec<usize>> {
        (0..count)
            .map(|bit| {
                (0..probes.kinds.len())
                    .filter(|&kind| bits(&probes.kinds[kind]) & (1 << bit) != 0)
                    .collect()
            })
            .collect()
    };
    let kinds_by_node = asking(
        |checks| checks.present | checks.any_present.iter().fold(0, |all, group| all | group),
        probes.nodes.len(),
    );
    let kinds_by_test = asking(|checks| checks.holds, probes.tests);
    // Only a derived layer looks ahead: a base kind that asks a member to be absent is a bare
    // Hasura payload, whose row writes its `id` first, so that what was read already tells
    // them apart; a derived kind that does is a Segment call, met by every stored message of
    // its event until Segment's `receivedAt`, written after `event`.
    let absent_names = probes
        .kinds
        .iter()
        .zip(PAYLOADS)
        .map(|(checks, kind)| {
            (0..probes.nodes.len())
                .filter(|&node| kind.derived_from.is_some() && checks.absent & (1 << node) != 0)
                .filter_map(|node| {
                    let (name, _) = probes
                        .nodes
                        .iter()
                        .flat_map(|parent| &parent.children)
                        .find(|&&(_, child)| child == node)?;
                    let quoted = format!("\"{name}\"");
                    Some((node, memmem::Finder::new(quoted.as_bytes()).into_owned()))
                })
                .collect()
        })
        .collect();
    Probes {
        kinds_by_node,
        kinds_by_test,
        absent_names,
        ..probes
    }
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
                    self.nodes[at].child_lengths |= length_bit(name.len());
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
    fn compile(&mut self, signature: &Signature) -> Checks {
        let mut checks = Checks::default();
        let clues = signature.layer.iter().map(|clue| (clue, "")).chain(
            signature
                .payload
                .iter()
                .map(|clue| (clue, signature.payload_at)),
        );
        if !signature.payload_at.is_empty() {
            checks.present |= 1 << self.node(signature.payload_at);
        }
        for (clue, root) in clues {
            let at = |pointer: &str| format!("{root}{pointer}");
            match *clue {
                Clue::Present(pointer) => checks.present |= 1 << self.node(&at(pointer)),
                Clue::Absent(pointer) => checks.absent |= 1 << self.node(&at(pointer)),
                Clue::AnyPresent(pointers) => {
                    let group = pointers
                        .iter()
                        .fold(0, |group, pointer| group | 1 << self.node(&at(pointer)));
                    checks.any_present.push(group);
                }
                Clue::Equals(pointer, value) => {
                    let node = self.node(&at(pointer));
                    let test = self.test();
                    self.nodes[node].equals.push((value, test));
                    checks.holds |= 1 << test;
                }
                Clue::ArrayNamed { object, prefix } => {
                    let node = self.node(&at(object));
                    let test = self.test();
                    self.nodes[node].array_prefixes.push((prefix, test));
                    checks.holds |= 1 << test;
                }
            }
        }
        checks
    }

    /// What the document `bytes` shows; `None` when its structure is not that of one JSON
    /// document.
    pub(crate) fn read(&'static self, bytes: &[u8]) -> Option<Facts> {
        match self.scan(bytes, false) {
            Reading::Facts(facts) => Some(facts),
            Reading::Settled(_) | Reading::Malformed => None,
        }
    }

    /// Whether kind `kind` (its index in [`PAYLOADS`]) is settled by validity.
    pub(crate) fn is_settled(&self, kind: usize) -> bool {
        *self.settled[kind].get_or_init(|| super::implied::settled_by_validity(self, kind))
    }

    /// [`Self::read`], stopped as soon as what was read meets the signature of a kind settled
    /// by validity ([`Reading::Settled`]).
    pub(crate) fn read_settling(&'static self, bytes: &[u8]) -> Reading {
        self.scan(bytes, true)
    }

    fn scan(&'static self, bytes: &[u8], settling: bool) -> Reading {
        let mut scanner = Scanner {
            probes: self,
            settling,
            settled: None,
            bytes,
            at: 0,
            facts: Facts {
                present: 1,
                ..Facts::default()
            },
        };
        let read = scanner.value(Some(0)).is_some();
        if let Some(kind) = scanner.settled {
            return Reading::Settled(kind);
        }
        scanner.whitespace();
        if read && scanner.at == bytes.len() {
            Reading::Facts(scanner.facts)
        } else {
            Reading::Malformed
        }
    }

    /// How many nodes the tree has (the root is node 0; a parent comes before its children).
    pub(crate) fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// How many tests the nodes hold.
    pub(crate) fn test_count(&self) -> usize {
        self.tests
    }

    /// The children of `node`: each member name with its node.
    pub(crate) fn children(&self, node: usize) -> impl Iterator<Item = (&str, usize)> {
        self.nodes[node]
            .children
            .iter()
            .map(|(name, child)| (name.as_str(), *child))
    }

    /// The strings the value at `node` is tested against, each with its test.
    pub(crate) fn equals(&self, node: usize) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.nodes[node].equals.iter().copied()
    }

    /// The prefixes of array members' names the object at `node` is tested for, each with its
    /// test.
    pub(crate) fn array_prefixes(
        &self,
        node: usize,
    ) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.nodes[node].array_prefixes.iter().copied()
    }

    /// Whether documents that show `shown` meet the signature of kind `kind` (its index in
    /// [`PAYLOADS`]).
    pub(crate) fn meets(&self, kind: usize, shown: &Shown) -> Implied {
        let checks = &self.kinds[kind];
        let bits = |mask: u128| (0..128).filter(move |bit| mask & (1 << bit) != 0);
        let mut met = Implied::Yes;
        for node in bits(checks.present) {
            met = met.and(shown.present[node]);
        }
        for node in bits(checks.absent) {
            met = met.and(shown.present[node].not());
        }
        for test in bits(checks.holds) {
            met = met.and(shown.holds[test]);
        }
        for group in &checks.any_present {
            let any = bits(*group)
                .map(|node| shown.present[node])
                .fold(Implied::No, Implied::or);
            met = met.and(any);
        }
        met
    }

    /// The indices (in [`PAYLOADS`]) of the kinds whose signature `facts` meet.
    pub(crate) fn matching(&self, facts: Facts) -> impl Iterator<Item = usize> + '_ {
        self.kinds
            .iter()
            .enumerate()
            .filter(move |(_, checks)| checks.met_by(&facts))
            .map(|(index, _)| index)
    }
}

/// Reads a document's structure along the probes' tree and passes over everything else.
///
/// It reads what detection needs and no more: member names, the strings the clues expect, and
/// where each value ends. Strings and the containers off the tree are passed over eight bytes
/// at a time, containers by counting brackets without recursion, so nesting costs no stack. It
/// does not check what it passes over (a number's digits, a string's escapes): the validator,
/// which reads every byte, reports that.
struct Scanner<'b> {
    probes: &'static Probes,
    /// Whether reading stops as soon as a kind is settled.
    settling: bool,
    /// The kind that stopped the reading.
    settled: Option<usize>,
    bytes: &'b [u8],
    at: usize,
    facts: Facts,
}

impl<'b> Scanner<'b> {
    #[inline]
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Consumes `byte` after optional whitespace.
    #[inline]
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// Whether one of `kinds` is settled by validity and has its signature met by what was
    /// read; if so, the reading stops there (the caller returns `None`).
    ///
    /// A member a signature asks to be absent is absent from what was read so far, not yet from
    /// the document: a stored Segment message whose `receivedAt` comes after its `event` meets
    /// its call's signature until `receivedAt` is read. Settling on the call there would cost a
    /// validation that fails and a second reading. So when the rest of the bytes name such a
    /// member of a derived kind (its quoted name, then a colon), the reading settles instead on
    /// the kind that the member's presence would settle (the stored message), if there is one,
    /// and otherwise goes on. Either way the validator's report decides, as for any settled kind: a name met
    /// ahead that belongs to a nested object, or one written with escapes, costs a validation
    /// that fails and full detection, never a wrong kind.
    #[inline(always)]
    fn settles(&mut self, kinds: &[usize]) -> bool {
        if !self.settling {
            return false;
        }
        let probes = self.probes;
        for &kind in kinds {
            if probes.kinds[kind].met_by(&self.facts) && probes.is_settled(kind) {
                self.settled = if probes.absent_names[kind].is_empty() {
                    Some(kind)
                } else {
                    self.settled_ahead(kind)
                };
                if self.settled.is_some() {
                    return true;
                }
            }
        }
        false
    }

    /// The kind to settle on when what was read meets the signature of `kind`, a derived layer
    /// that asks members to be absent ([`Self::settles`]): `kind` when the rest of the bytes
    /// name none of them, else the kind the first one named would settle, if any.
    #[inline(never)]
    fn settled_ahead(&self, kind: usize) -> Option<usize> {
        let probes = self.probes;
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let Some(&(node, _)) = probes.absent_names[kind]
            .iter()
            .find(|(_, name)| names_member(rest, name))
        else {
            return Some(kind);
        };
        let facts = Facts {
            present: self.facts.present | 1 << node,
            ..self.facts
        };
        probes.kinds_by_node[node]
            .iter()
            .copied()
            .find(|&other| probes.kinds[other].met_by(&facts) && probes.is_settled(other))
    }

    /// The value at the current position, at `node` of the tree (`None`: passed over).
    fn value(&mut self, node: Option<usize>) -> Option<()> {
        self.whitespace();
        match (self.bytes.get(self.at)?, node) {
            (b'{', Some(node)) => self.object(node),
            (b'"', Some(node)) if !self.probes.nodes[node].equals.is_empty() => {
                let (text, escaped) = self.string()?;
                let decoded = decode(text, escaped)?;
                for &(expected, test) in &self.probes.nodes[node].equals {
                    // The last occurrence of a repeated member is the one that counts.
                    if expected == decoded.as_ref() {
                        self.facts.holds |= 1 << test;
                        if self.settles(&self.probes.kinds_by_test[test]) {
                            return None;
                        }
                    } else {
                        self.facts.holds &= !(1 << test);
                    }
                }
                Some(())
            }
            (b'"', _) => self.string().map(drop),
            (b'{' | b'[', None) | (b'[', Some(_)) => self.container(),
            _ => self.scalar(),
        }
    }

    /// The members of the object at the current position, at `node`.
    fn object(&mut self, node: usize) -> Option<()> {
        if node == 0 {
            self.facts.object = true;
        }
        self.at += 1;
        self.whitespace();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Some(());
        }
        let probe = &self.probes.nodes[node];
        loop {
            self.whitespace();
            let (raw, escaped) = self.string()?;
            // A name without escapes is compared as it is written, without decoding it.
            let decoded;
            let name: &[u8] = if escaped {
                decoded = decode(raw, true)?;
                decoded.as_bytes()
            } else {
                raw
            };
            self.expect(b':')?;
            if let Some(child) = probe.child(name) {
                self.facts.present |= 1 << child;
                if self.settles(&self.probes.kinds_by_node[child]) {
                    return None;
                }
                let read = self.probes.nodes[child].is_read();
                self.value(read.then_some(child))?;
            } else if probe.array_prefixes.is_empty() {
                self.value(None)?;
            } else {
                self.whitespace();
                let is_array = self.bytes.get(self.at) == Some(&b'[');
                self.value(None)?;
                for &(prefix, test) in &probe.array_prefixes {
                    if is_array && name.starts_with(prefix.as_bytes()) {
                        self.facts.holds |= 1 << test;
                        if self.settles(&self.probes.kinds_by_test[test]) {
                            return None;
                        }
                    }
                }
            }
            self.whitespace();
            match self.bytes.get(self.at)? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string's text between its quotes (escapes left as written) and whether it has
    /// escapes; the position after it.
    #[inline]
    fn string(&mut self) -> Option<(&'b [u8], bool)> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let (end, escaped) = string_end(self.bytes, start)?;
        self.at = end + 1;
        Some((&self.bytes[start..end], escaped))
    }

    /// An object or array passed over: brackets counted, strings passed over.
    fn container(&mut self) -> Option<()> {
        let bytes = self.bytes;
        let mut at = self.at;
        let mut depth = 0usize;
        loop {
            at = find_structural(bytes, at)?;
            match bytes[at] {
                b'"' => {
                    at = string_end(bytes, at + 1)?.0;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at = at + 1;
                        return Some(());
                    }
                }
                // A byte the word test let through (`y`, DEL): not structural.
                _ => {}
            }
            at += 1;
        }
    }

    /// A number, `true`, `false` or `null`: up to the next delimiter.
    #[inline]
    fn scalar(&mut self) -> Option<()> {
        let start = self.at;
        while let Some(&byte) = self.bytes.get(self.at) {
            if ENDS_SCALAR[usize::from(byte)] {
                break;
            }
            self.at += 1;
        }
        (self.at > start).then_some(())
    }
}

/// The bytes that end a scalar: a separator, a closing bracket, whitespace.
const ENDS_SCALAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut index = 0;
    let ends = b",}] \t\n\r";
    while index < ends.len() {
        table[ends[index] as usize] = true;
        index += 1;
    }
    table
};

/// Whether `bytes` hold the quoted name `name` followed by a colon: a member so named,
/// somewhere.
fn names_member(bytes: &[u8], name: &memmem::Finder<'_>) -> bool {
    name.find_iter(bytes).any(|at| {
        bytes
            .get(at + name.needle().len()..)
            .unwrap_or_default()
            .iter()
            .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
            == Some(&b':')
    })
}

/// The bit of [`Node::child_lengths`] for a name of `length` bytes.
#[inline]
fn length_bit(length: usize) -> u64 {
    1 << length.min(63)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether a byte of `word` equals `byte`, as a mask with the high bit of each equal byte set
/// (exact below the first equal byte, which is all the callers read).
#[inline(always)]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let equal = word ^ (ONES * u64::from(byte));
    equal.wrapping_sub(ONES) & !equal & HIGHS
}

/// The eight bytes of `bytes` from `at`, when there are eight.
#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map(|chunk| u64::from_le_bytes(*chunk))
}

/// The index of the quote that ends the string whose text starts at `from`, and whether the
/// text has escapes.
#[inline(always)]
fn string_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut at = from;
    let mut escaped = false;
    loop {
        at = find_two(bytes, at, b'"', b'\\')?;
        if bytes[at] == b'"' {
            return Some((at, escaped));
        }
        escaped = true;
        at += 2;
    }
}

/// The index, from `from`, of the first byte of `bytes` that is `a` or `b`: eight bytes at a
/// time (most strings a document holds are short, where `memchr`'s setup would dominate).
#[inline(always)]
fn find_two(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    find_marked(bytes, from, |word| {
        equal_bytes(word, a) | equal_bytes(word, b)
    })
}

/// The index, from `from`, of the first quote or bracket of `bytes`, eight bytes at a time; it
/// may stop early at a few other bytes (`Y`, `_`, `y`, DEL), which the caller passes over.
#[inline(always)]
fn find_structural(bytes: &[u8], from: usize) -> Option<usize> {
    find_marked(bytes, from, |word| {
        // `{` and `}`, `[` and `]` differ in bits 1 and 2: one test each with those bits
        // cleared, which lets `Y`, `_`, `y` and DEL through too.
        let braces = word & !(ONES * 6);
        equal_bytes(word, b'"') | equal_bytes(braces, b'{' & !6) | equal_bytes(braces, b'[' & !6)
    })
}

/// The index, from `from`, of the first byte of `bytes` that `marks` marks: `marks` takes eight
/// bytes as a little-endian word and sets the high bit of each byte it is looking for (exact
/// below the first, as [`equal_bytes`] is). The last bytes, fewer than eight, are one word
/// padded with zero bytes, which no caller looks for.
#[inline(always)]
fn find_marked(bytes: &[u8], from: usize, marks: impl Fn(u64) -> u64) -> Option<usize> {
    let mut at = from;
    while let Some(word) = word_at(bytes, at) {
        let found = marks(word);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    let mut last = [0; 8];
    last[..rest.len()].copy_from_slice(rest);
    let found = marks(u64::from_le_bytes(last));
    let offset = (found.trailing_zeros() / 8) as usize;
    (offset < rest.len()).then_some(at + offset)
}

/// A string's text with its escapes undone (borrowed when it has none); `None` when an escape
/// is not JSON or the text is not UTF-8.
fn decode(text: &[u8], escaped: bool) -> Option<std::borrow::Cow<'_, str>> {
    if !escaped {
        return std::str::from_utf8(text)
            .ok()
            .map(std::borrow::Cow::Borrowed);
    }
    let mut quoted = Vec::with_capacity(text.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(text);
    quoted.push(b'"');
    serde_json::from_slice::<String>(&quoted)
        .ok()
        .map(std::borrow::Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte strings of every length up to 40 over bytes the finders look for and their near
    /// misses (one bit away, with the high bit set, the bytes the bracket test lets through).
    fn inputs() -> impl Iterator<Item = Vec<u8>> {
        const BYTES: &[u8] = b"\"\\{}[]Y_y\x7f#]\x5c\x5d\x7b\x7d\xa2\xdc\xfb\xdb\x00 az9\xff\x80";
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        (0..40).flat_map(move |length| {
            (0..30)
                .map(|_| {
                    (0..length)
                        .map(|_| {
                            state ^= state << 13;
                            state ^= state >> 7;
                            state ^= state << 17;
                            // Mostly filler, so that a word often holds nothing looked for.
                            let pick = (state % (BYTES.len() as u64 * 3)) as usize;
                            BYTES.get(pick).copied().unwrap_or(b'a')
                        })
                        .collect()
                })
                .collect::<Vec<Vec<u8>>>()
        })
    }

    #[test]
    fn a_stored_segment_message_settles_as_stored_and_its_call_as_the_call() {
        for id in [
            "appsmith/backend-call-event",
            "appsmith/backend-call-event-call",
        ] {
            let index = PAYLOADS.iter().position(|kind| kind.id == id).unwrap();
            let bytes = serde_json::to_vec(&PAYLOADS[index].fixture()).unwrap();
            let settled = match PROBES.read_settling(&bytes) {
                Reading::Settled(kind) => Some(PAYLOADS[kind].id),
                Reading::Facts(_) | Reading::Malformed => None,
            };
            assert_eq!(settled, Some(id));
        }
    }

    #[test]
    fn a_member_is_named_by_its_quoted_name_and_a_colon() {
        let name = memmem::Finder::new(b"\"receivedAt\"");
        assert!(names_member(br#"{"a": 1, "receivedAt" : 2}"#, &name));
        assert!(!names_member(
            br#"{"a": "receivedAt", "b": ["receivedAt"]}"#,
            &name
        ));
        assert!(!names_member(br#"{"a": 1, "receivedAt""#, &name));
        assert!(!names_member(b"", &name));
    }

    #[test]
    fn the_word_finders_find_what_a_byte_scan_finds() {
        for bytes in inputs() {
            for from in 0..=bytes.len() + 1 {
                let scan = |wanted: &dyn Fn(u8) -> bool| {
                    let rest = bytes.get(from..)?;
                    rest.iter()
                        .position(|byte| wanted(*byte))
                        .map(|at| from + at)
                };
                let quote_or_escape = scan(&|byte| byte == b'"' || byte == b'\\');
                assert_eq!(find_two(&bytes, from, b'"', b'\\'), quote_or_escape);
                // A structural byte, or earlier one of those the bracket test lets through.
                let structural = scan(&|byte| b"\"{}[]".contains(&byte));
                let found = find_structural(&bytes, from);
                let through = scan(&|byte| b"\"{}[]Y_y\x7f".contains(&byte));
                assert!(
                    found == structural || found == through,
                    "{bytes:?} from {from}"
                );
                assert!(structural.is_none() || found.is_some());
            }
        }
    }
}
