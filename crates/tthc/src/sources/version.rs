//! The content hash that identifies a catalogue and its calendars (`Catalogue-Version`).

use sha2::{Digest, Sha256};

/// A short hex hash of `(path, contents)` pairs, independent of their order: the same
/// files give the same version wherever they are served from.
pub fn content_version<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut entries: Vec<(&str, &[u8])> = files.into_iter().collect();
    entries.sort();
    let mut hasher = Sha256::new();
    for (path, bytes) in entries {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_does_not_matter_but_content_and_names_do() {
        let a = content_version([("a", b"1".as_slice()), ("b", b"2".as_slice())]);
        let b = content_version([("b", b"2".as_slice()), ("a", b"1".as_slice())]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        assert_ne!(
            a,
            content_version([("a", b"1".as_slice()), ("b", b"3".as_slice())])
        );
        assert_ne!(
            a,
            content_version([("a", b"1".as_slice()), ("c", b"2".as_slice())])
        );
        // Length prefixes keep ("ab", "") and ("a", "b") apart.
        assert_ne!(
            content_version([("ab", b"".as_slice())]),
            content_version([("a", b"b".as_slice())])
        );
    }
}
