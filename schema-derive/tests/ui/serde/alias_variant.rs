use schema_runtime::validate::Validate;

#[derive(Validate)]
pub enum Level {
    #[serde(alias = "dbg")]
    Debug,
    Info,
}

fn main() {}
