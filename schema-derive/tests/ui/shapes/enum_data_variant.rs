use schema_types::validate::Validate;

#[derive(Validate)]
pub enum Event {
    Start,
    Stop { code: u64 },
}

fn main() {}
