//! A minimal ZIP writer, enough for a .docx: STORED entries (no compression), CRC-32, no
//! ZIP64 (every size must fit in 32 bits, far beyond a contract). Fixed timestamps, so the
//! same input always gives the same bytes.

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: a contract is at most a
/// few hundred kB, and a table would cost a kB of wasm.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// 1980-01-01 00:00, the earliest DOS date.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A ZIP archive of `(path, contents)` entries, in order.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        // The fields a local header and its central directory record share.
        let mut common = Vec::with_capacity(26);
        put(&mut common, &[20, 0, 0]); // version needed 2.0, flags, method 0 = stored
        put(&mut common, &[DOS_TIME, DOS_DATE]);
        common.extend_from_slice(&crc32(data).to_le_bytes());
        let size = (data.len() as u32).to_le_bytes();
        common.extend_from_slice(&size); // compressed size
        common.extend_from_slice(&size); // uncompressed size
        put(&mut common, &[name.len() as u16, 0]); // name length, no extra field

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        put(&mut central, &[20]); // made by 2.0 (MS-DOS attributes)
        central.extend_from_slice(&common);
        put(&mut central, &[0, 0, 0, 0, 0]); // comment length, disk, internal and external (4 bytes) attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (at, size, count) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    put(&mut out, &[0, 0, count, count]);
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    put(&mut out, &[0]); // no comment
    out
}

fn put(out: &mut Vec<u8>, fields: &[u16]) {
    for f in fields {
        out.extend_from_slice(&f.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn layout() {
        let z = zip(&[("a.txt", b"hi"), ("b/c.xml", b"<x/>")]);
        assert_eq!(&z[..4], b"PK\x03\x04");
        // local headers 30 + name + data each, then central records 46 + name each, then 22.
        assert_eq!(
            z.len(),
            (30 + 5 + 2) + (30 + 7 + 4) + (46 + 5) + (46 + 7) + 22
        );
        let eocd = &z[z.len() - 22..];
        assert_eq!(&eocd[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([eocd[10], eocd[11]]), 2);
    }
}
