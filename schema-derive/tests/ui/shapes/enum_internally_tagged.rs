use schema_runtime::validate::Validate;

#[derive(Validate)]
#[serde(tag = "t")]
pub enum Level {
    Debug,
    Info,
}

fn main() {}
