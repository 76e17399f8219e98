//! Detection from a document's bytes: what the kinds' clues ask of a document, read in one
//! pass without building a `Value`.
//!
//! Every clue of every kind's [`Signature`] names a pointer. The pointers form a small tree
//! ([`Probes`], built once from the registry); reading a document descends only along that tree
//! and passes over everything else at the speed of a byte scan ([`Scanner`]), recording as bits
//! which pointers are present, which hold an expected string, and which objects have an array
//! member with an expected prefix ([`Facts`]).
//! Each kind's signature is then a list of tests on those bits. The answers are the ones
//! [`super::detect`] gives on the parsed document (a test compares them on every document the
//! tests have): a clue about a pointer means the same here and there.

use std::sync::LazyLock;

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

    /// What the document `bytes` shows; `None` when its structure is not that of one JSON
    /// document.
    pub(crate) fn read(&'static self, bytes: &[u8]) -> Option<Facts> {
        let mut scanner = Scanner {
            probes: self,
            bytes,
            at: 0,
            facts: Facts {
                present: 1,
                ..Facts::default()
            },
        };
        scanner.value(Some(0))?;
        scanner.whitespace();
        (scanner.at == bytes.len()).then_some(scanner.facts)
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

/// Reads a document's structure along the probes' tree and passes over everything else.
///
/// It reads what detection needs and no more: member names, the strings the clues expect, and
/// where each value ends. Strings and the containers off the tree are passed over eight bytes
/// at a time, containers by counting brackets without recursion, so nesting costs no stack. It does not check what it
/// passes over (a number's digits, a string's escapes): the validator, which reads every byte,
/// reports that.
struct Scanner<'b> {
    probes: &'static Probes,
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
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// The value at the current position, at `node` of the tree (`None`: passed over).
    fn value(&mut self, node: Option<usize>) -> Option<()> {
        self.whitespace();
        match (self.bytes.get(self.at)?, node) {
            (b'{', Some(node)) => self.object(node),
            (b'"', Some(node)) if !self.probes.nodes[node].equals.is_empty() => {
                let text = self.string()?;
                let decoded = decode(text)?;
                for &(expected, test) in &self.probes.nodes[node].equals {
                    // The last occurrence of a repeated member is the one that counts.
                    if expected == decoded.as_ref() {
                        self.facts.holds |= 1 << test;
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
            let raw = self.string()?;
            // A name without escapes is compared as it is written, without decoding it.
            let escaped = find_two(raw, 0, b'\\', b'\\').is_some();
            let decoded = if escaped {
                decode(raw)?
            } else {
                std::borrow::Cow::Borrowed("")
            };
            let name: &[u8] = if escaped { decoded.as_bytes() } else { raw };
            self.expect(b':')?;
            if let Some(child) = probe.child(name) {
                self.facts.present |= 1 << child;
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

    /// A string's text between its quotes (escapes left as written); the position after it.
    #[inline]
    fn string(&mut self) -> Option<&'b [u8]> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let bytes = self.bytes;
        let start = self.at + 1;
        let mut at = start;
        loop {
            at = find_two(bytes, at, b'"', b'\\')?;
            if bytes[at] == b'"' {
                self.at = at + 1;
                return Some(&bytes[start..at]);
            }
            at += 2;
            if at > bytes.len() {
                return None;
            }
        }
    }

    /// An object or array passed over: brackets counted, strings passed over.
    fn container(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.at = find_structural(self.bytes, self.at)?;
            match self.bytes[self.at] {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                // A byte the word test let through (`y`, DEL): not structural.
                _ => {}
            }
            self.at += 1;
        }
    }

    /// A number, `true`, `false` or `null`: up to the next delimiter.
    #[inline]
    fn scalar(&mut self) -> Option<()> {
        let start = self.at;
        while let Some(byte) = self.bytes.get(self.at) {
            if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.at += 1;
        }
        (self.at > start).then_some(())
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether a byte of `word` equals `byte`, as a mask with the high bit of each equal byte set
/// (exact below the first equal byte, which is all the callers read).
#[inline]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let equal = word ^ (ONES * u64::from(byte));
    equal.wrapping_sub(ONES) & !equal & HIGHS
}

/// The index, from `from`, of the first byte of `bytes` that is `a` or `b`: eight bytes at a
/// time (most strings a document holds are short, where `memchr`'s setup would dominate).
#[inline]
fn find_two(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found = equal_bytes(word, a) | equal_bytes(word, b);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|byte| *byte == a || *byte == b)
        .map(|offset| at + offset)
}

/// The index, from `from`, of the first quote or bracket of `bytes`, eight bytes at a time; it
/// may stop early at a few other bytes (`Y`, `_`, `y`, DEL), which the caller passes over.
#[inline]
fn find_structural(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // `{` and `}`, `[` and `]` differ in bits 1 and 2: one test each with those bits
        // cleared, which lets `Y`, `_`, `y` and DEL through too.
        let braces = word & !(ONES * 6);
        let found = equal_bytes(word, b'"')
            | equal_bytes(braces, b'{' & !6)
            | equal_bytes(braces, b'[' & !6);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|byte| matches!(byte, b'"' | b'{' | b'}' | b'[' | b']'))
        .map(|offset| at + offset)
}

/// A string's text with its escapes undone (borrowed when it has none); `None` when an escape
/// is not JSON.
fn decode(text: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    if find_two(text, 0, b'\\', b'\\').is_none() {
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
