use schema_runtime::validate::Validate;

#[derive(Validate)]
pub enum Level {
    #[schemars(length(min = 1))]
    Debug,
    Info,
}

fn main() {}
