//! The content hash that identifies a catalogue and its calendars (`Catalogue-Version`).

use sha2::{Digest, Sha256};

/// A short hex hash of `(path, contents)` pairs, independent of their order: the same
/// files give the same version wherever they are served from. Text is hashed in its
/// canonical form (no byte-order mark, `\n` line endings, NFC), so a catalogue checked
/// out with CRLF on Windows has the same version as on Linux.
pub fn content_version<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut entries: Vec<(&str, &[u8])> = files.into_iter().collect();
    entries.sort();
    let mut hasher = Sha256::new();
    for (path, bytes) in entries {
        let bytes = crate::text::normal::canonical_bytes(bytes);
        let bytes = bytes.as_ref();
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
        // Line endings, a byte-order mark and normalisation are not content.
        assert_eq!(
            content_version([("a", "x\r\nngày\r\n".as_bytes())]),
            content_version([("a", "\u{feff}x\nnga\u{300}y\n".as_bytes())])
        );
        // Length prefixes keep ("ab", "") and ("a", "b") apart.
        assert_ne!(
            content_version([("ab", b"".as_slice())]),
            content_version([("a", b"b".as_slice())])
        );
    }
}
