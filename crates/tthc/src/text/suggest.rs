//! "Did you mean …?": the closest known word to a misspelt one.

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
/// Ties go to the shorter candidate, then to the one that sorts first, so the answer
/// never depends on the order the candidates come in (a hash map's, say).
///
/// ```
/// use tthc::text::suggest;
/// assert_eq!(suggest("stpe", ["total", "step", "source"]), Some("step"));
/// assert_eq!(suggest("xyz", ["step", "total"]), None);
/// ```
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        // The distance is at least the difference in length: a candidate further off in
        // length cannot be close, and is not compared (a "word" of a megabyte, which a
        // pasted text can hold, would otherwise cost a megabyte-long row per keyword).
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.chars().count(), *c))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, with adjacent transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(suggest("stpe", ["step", "total", "source"]), Some("step"));
        assert_eq!(
            suggest("verificaton", ["verification"]),
            Some("verification")
        );
        assert_eq!(suggest("xyz", ["step", "total"]), None);
    }

    #[test]
    fn the_answer_does_not_depend_on_candidate_order() {
        // "bat" is one edit from both "cat" and "bag", which have the same length.
        let forward = suggest("bat", ["cat", "bag"]);
        let backward = suggest("bat", ["bag", "cat"]);
        assert_eq!(forward, backward);
        assert_eq!(forward, Some("bag"));
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(edit_distance("ngày", "ngyà"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("step", "step"), 0);
    }
}
