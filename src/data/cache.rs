//! The cache of what htref builds from overlay files (their parsed form, the matcher's
//! tables, the mark that they passed the check), so a large directory loads fast.
//!
//! The rule: a cache can never change an answer. Each entry carries the key it was stored
//! under and a checksum of its bytes, both bound to this build (its version, cache format
//! and bundled data); an entry that is damaged, cut short, copied from another key or made
//! by another build is a miss, and htref builds the thing again from the files. The
//! directory is private (created 0700; one that others may write to is not used), entries
//! are written to exclusively created temporary files with unpredictable names and renamed
//! into place, and the whole cache is kept under a size cap, oldest entries first out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_seed};

/// What an entry starts with; the digit is the envelope's own version.
const MAGIC: &[u8; 8] = b"HTREFC2\0";
const HEADER: usize = 8 + 8 + 8 + 8;
/// Raised whenever what an entry holds changes shape, so old entries are never misread.
const CACHE_FORMAT: &str = "4";
/// The most the cache keeps; past it the oldest entries are removed.
const CAP_BYTES: u64 = 1 << 30;
/// A temporary file older than this was left by a run that died; it is removed.
const STRAY_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// This build, as every key and checksum takes it in: entries made by another version,
/// cache format or bundled dataset never match.
pub fn build_seed() -> u64 {
    let mut hasher = Xxh3::new();
    for part in [
        CACHE_FORMAT,
        env!("CARGO_PKG_VERSION"),
        env!("HTREF_DATA_AS_OF"),
        env!("HTREF_DATA_HASH"),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.digest()
}

/// A verified entry, held whole: its payload is read in place, not copied out.
#[derive(Debug)]
pub struct Entry {
    bytes: Vec<u8>,
}

impl Entry {
    pub fn payload(&self) -> &[u8] {
        &self.bytes[HEADER..]
    }
}

/// A private cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// htref's cache directory (XDG on Linux), when it is, or can be made, private.
    pub fn open() -> Option<Cache> {
        Cache::at(&dirs::cache_dir()?.join("htref"))
    }

    /// The cache in `dir`, created 0700 when missing; `None` when it is not a directory
    /// of its own (a link, a file) or others may write to it.
    pub fn at(dir: &Path) -> Option<Cache> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).ok()?;
        let meta = std::fs::symlink_metadata(dir).ok()?;
        if !meta.is_dir() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if meta.permissions().mode() & 0o022 != 0 {
                return None;
            }
        }
        Some(Cache {
            dir: dir.to_path_buf(),
        })
    }

    fn path(&self, kind: &str, key: u64) -> PathBuf {
        self.dir.join(format!("{kind}-{key:016x}.bin"))
    }

    /// The bytes stored under this kind and key, when the entry is whole and its own.
    pub fn load(&self, kind: &str, key: u64) -> Option<Entry> {
        let path = self.path(kind, key);
        // Only a regular file, never a link, FIFO or device (which could hang or never end).
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.file_type().is_file() || meta.len() > CAP_BYTES {
            return None;
        }
        let mut file = std::fs::File::open(&path).ok()?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
        Read::by_ref(&mut file)
            .take(CAP_BYTES)
            .read_to_end(&mut bytes)
            .ok()?;
        open_envelope(&bytes, key)?;
        Some(Entry { bytes })
    }

    /// Stores bytes under this kind and key. Any failure leaves the cache as it was and
    /// leaves no temporary file behind.
    pub fn store(&self, kind: &str, key: u64, payload: &[u8]) {
        let Ok(mut temporary) = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(&self.dir)
        else {
            return;
        };
        // No fsync: an entry a crash left torn fails its checksum and is rebuilt.
        if temporary.write_all(&envelope(payload, key)).is_err() {
            return;
        }
        // `persist` renames over the entry; on failure the temporary file is removed.
        if temporary.persist(self.path(kind, key)).is_ok() {
            self.prune();
        }
    }

    /// Keeps the cache under its cap, oldest entries first, and removes temporary files
    /// a run that died left behind.
    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        let mut kept = Vec::new();
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(now);
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(".tmp-") {
                if now.duration_since(modified).unwrap_or_default() > STRAY_AFTER {
                    let _ = std::fs::remove_file(entry.path());
                }
                continue;
            }
            kept.push((modified, meta.len(), entry.path()));
        }
        let mut total: u64 = kept.iter().map(|(_, len, _)| len).sum();
        kept.sort();
        for (_, len, path) in kept {
            if total <= CAP_BYTES {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }
}

/// An entry's bytes: magic, the key, the payload's length, a checksum over the payload
/// seeded with the key and this build, then the payload.
fn envelope(payload: &[u8], key: u64) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(payload, key).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of an entry, when it is this key's and every byte is as stored.
fn open_envelope(bytes: &[u8], key: u64) -> Option<&[u8]> {
    let header = bytes.get(..HEADER)?;
    let word = |i: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&header[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let payload = &bytes[HEADER..];
    let whole = &header[..8] == MAGIC
        && word(8) == key
        && word(16) == payload.len() as u64
        && word(24) == checksum(payload, key);
    whole.then_some(payload)
}

fn checksum(payload: &[u8], key: u64) -> u64 {
    xxh3_64_with_seed(payload, key ^ build_seed())
}

#[cfg(test)]
mod tests {
    use super::{HEADER, envelope, open_envelope};

    #[test]
    fn an_entry_opens_only_whole_and_under_its_own_key() {
        let sealed = envelope(b"payload", 7);
        assert_eq!(open_envelope(&sealed, 7), Some(&b"payload"[..]));
        assert_eq!(open_envelope(&sealed, 8), None, "another key's slot");
        assert_eq!(
            open_envelope(&sealed[..sealed.len() - 1], 7),
            None,
            "cut short"
        );
        for i in 0..sealed.len() {
            let mut flipped = sealed.clone();
            flipped[i] ^= 0x10;
            assert_eq!(open_envelope(&flipped, 7), None, "byte {i} flipped");
        }
        assert_eq!(open_envelope(&sealed[..HEADER - 1], 7), None);
        assert_eq!(open_envelope(b"", 7), None);
    }
}
