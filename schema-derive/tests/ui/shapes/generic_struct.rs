use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Page<T> {
    pub items: Vec<T>,
}

fn main() {}
