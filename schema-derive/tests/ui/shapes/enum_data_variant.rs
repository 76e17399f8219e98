use schema_runtime::validate::Validate;

#[derive(Validate)]
pub enum Event {
    Start,
    Stop { code: u64 },
}

fn main() {}
