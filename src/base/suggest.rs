//! "Did you mean …?" for misspelt keys, services and choices.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Close enough means an edit distance of at most a third of the word's length
/// (at least 1); among equally close candidates the first one listed wins, so
/// the suggestion never depends on hashing order.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = strsim::levenshtein(word, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distance_is_counted_in_characters() {
        // One edit, whatever the bytes of the characters.
        assert_eq!(did_you_mean("größe", ["grösse", "grüße"]), Some("grüße"));
        assert_eq!(did_you_mean("kitten", ["sitting"]), None);
    }

    #[test]
    fn suggests_the_closest_and_only_when_close() {
        let keys = ["records_per_second", "record_size"];
        assert_eq!(
            did_you_mean("recods_per_second", keys),
            Some("records_per_second")
        );
        assert_eq!(did_you_mean("recordsize", keys), Some("record_size"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(did_you_mean("ab", ["ac", "ad"]), Some("ac"));
    }
}
