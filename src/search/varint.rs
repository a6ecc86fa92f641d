//! Unsigned LEB128 varints: the number encoding of every binary index file.
//!
//! Small numbers (deltas between document ids and positions) take one byte,
//! and the client decodes them with a five-line loop (`readVarint` in
//! `search-decode.js`), so no compression library is needed on either side.

/// Appends `n` to `out` as an unsigned LEB128 varint.
pub fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a varint at `*at`, advancing it: the tests of the writer, and an
/// index updated in place, which decodes the pages it changes.
pub fn get(data: &[u8], at: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let byte = data[*at];
        *at += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return n;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_and_is_short_for_small_numbers() {
        for n in [0u64, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as u64] {
            let mut buf = Vec::new();
            super::put(&mut buf, n);
            let mut at = 0;
            assert_eq!(super::get(&buf, &mut at), n);
            assert_eq!(at, buf.len());
        }
        let mut buf = Vec::new();
        super::put(&mut buf, 127);
        assert_eq!(buf.len(), 1);
        super::put(&mut buf, 128);
        assert_eq!(buf.len(), 3);
    }
}
