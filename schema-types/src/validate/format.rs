//! STUB: replaced by the formats helper.
#![allow(missing_docs)]
pub fn is_uuid(t: &str) -> bool {
    t.len() == 36
}
pub fn is_date_time(t: &str) -> bool {
    t.len() > 10
}
pub fn is_email(t: &str) -> bool {
    t.contains('@')
}
pub fn is_ipv4(t: &str) -> bool {
    t.parse::<std::net::Ipv4Addr>().is_ok()
}
pub fn is_ipv6(t: &str) -> bool {
    t.parse::<std::net::Ipv6Addr>().is_ok()
}
