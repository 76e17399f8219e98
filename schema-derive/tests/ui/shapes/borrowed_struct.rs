use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Page<'a> {
    pub items: Vec<&'a str>,
}

fn main() {}
