use schema_types::validate::Validate;

#[derive(Validate)]
pub enum Level {
    #[serde(alias = "dbg")]
    Debug,
    Info,
}

fn main() {}
