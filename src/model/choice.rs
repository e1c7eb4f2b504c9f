//! Keys that take one of a fixed set of names (`capacity_mode =
//! "provisioned"`): the names a scenario writes, and the enum they stand for.

/// A fixed set of names that a key accepts (`capacity_mode = "provisioned"`).
pub trait Choice: Copy + PartialEq + 'static {
    const CHOICES: &'static [(&'static str, Self)];

    fn as_str(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(name, _)| name)
    }
}

/// Declares an enum whose values a scenario names in snake_case.
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $crate::model::choice::Choice for $name {
            const CHOICES: &'static [(&'static str, Self)] = &[$(($text, Self::$variant),)*];
        }

        impl $name {
            /// The names a scenario may write, in order.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];
        }
    };
}
pub(crate) use choice;
