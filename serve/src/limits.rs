//! The bounds that keep the receiver's memory and work bounded whatever arrives: the largest
//! request body (413 beyond), the most documents in one request (413 beyond), how many requests
//! may wait for the store (503 with `Retry-After` beyond), and the library's own limits on each
//! document (nesting, violations per report).
//!
//! Invariant: the receiver never buffers without bound. Memory is at most about `queue` waiting
//! requests of at most `max_body_bytes` each, plus the requests being read.

use schema_types::validate::Limits as ReportLimits;

/// The bounds of one receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// The most documents one request may carry.
    pub max_documents: usize,
    /// How many requests may wait for the store.
    pub queue: usize,
}

impl Limits {
    /// The defaults: bodies of 4 MiB, 10,000 documents a request, 1,024 waiting requests.
    pub const DEFAULT: Self = Self {
        max_body_bytes: 4 * 1024 * 1024,
        max_documents: 10_000,
        queue: 1024,
    };

    /// The library's limits for one document: no document is larger than a body, and a report
    /// keeps the library's number of violations.
    pub fn report(&self) -> ReportLimits {
        ReportLimits {
            max_bytes: self.max_body_bytes,
            ..ReportLimits::DEFAULT
        }
    }
}

/// How long a client told 503 should wait before it tries again, in seconds.
pub const RETRY_AFTER_SECONDS: u32 = 1;
