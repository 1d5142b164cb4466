//! A reader of SQLite 3 database files, as much as a cookie database needs:
//! one rowid table read front to back, after the database's write-ahead
//! log is applied. No SQL is run and nothing is written.
//!
//! It follows the file format's documentation
//! (<https://www.sqlite.org/fileformat2.html>): §1.3 the database header,
//! §1.6 B-tree pages, §1.7 cell payload overflow, §2.1 the record format,
//! §2.6 the schema table, and §4 the write-ahead log (frames, salts and
//! checksums; only frames up to the last valid commit frame count, as
//! SQLite's recovery reads them).
//!
//! The input is untrusted: every page number, offset, length and varint is
//! checked, a B-tree that loops or runs deeper than SQLite's own limit is
//! an error, and a payload is never allocated beyond what the file's
//! pages could hold. Errors say which page is wrong.

use std::collections::{HashMap, HashSet};

use crate::error::Error;

/// The first 16 bytes of every SQLite 3 database.
pub(crate) const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How deep a B-tree may go (SQLite's `BTCURSOR_MAX_DEPTH`).
const MAX_DEPTH: usize = 20;

/// A value of a record (fileformat2 §2.1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// NULL.
    Null,
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text, as stored (UTF-8 databases only: see [`Database::open`]).
    Text(&'a [u8]),
    /// A blob.
    Blob(&'a [u8]),
}

/// Where a table leaf cell lies in its page.
#[derive(Clone, Copy, Debug)]
struct LeafCell {
    rowid: i64,
    /// The payload's whole size.
    size: usize,
    /// The cell's offset.
    cell: usize,
    /// Its payload's offset.
    start: usize,
    /// How much of the payload is in the page.
    local: usize,
    /// The offset past the cell (its overflow page number included).
    end: usize,
}

/// A row of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'r> {
    /// Its rowid.
    pub(crate) rowid: i64,
    values: &'r [Value<'r>],
    table: &'r Table,
}

impl<'r> Row<'r> {
    /// The bytes of column `i` (empty for NULL or no column: `None`); an
    /// error naming the column (as `column`) for a number.
    pub(crate) fn bytes(&self, i: Option<usize>, column: &str) -> Result<&'r [u8], String> {
        match i.map(|i| self.get(i)) {
            None | Some(Value::Null) => Ok(b""),
            Some(Value::Text(t) | Value::Blob(t)) => Ok(t),
            Some(Value::Integer(_) | Value::Real(_)) => {
                Err(format!("{column} is a number, not text"))
            }
        }
    }

    /// [`Row::bytes`] as UTF-8 text; an error naming the column for
    /// bytes that are not.
    pub(crate) fn text(&self, i: Option<usize>, column: &str) -> Result<&'r str, String> {
        std::str::from_utf8(self.bytes(i, column)?)
            .map_err(|_| format!("{column} is not valid UTF-8"))
    }

    /// The integer of column `i`: `None` for NULL or no column, a real
    /// truncated, an error naming the column for text or a blob.
    pub(crate) fn integer(&self, i: Option<usize>, column: &str) -> Result<Option<i64>, String> {
        match i.map(|i| self.get(i)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Integer(n)) => Ok(Some(n)),
            Some(Value::Real(x)) => Ok(Some(x as i64)),
            Some(Value::Text(_) | Value::Blob(_)) => Err(format!("{column} is not a number")),
        }
    }

    /// Whether the integer of column `i` is there and not 0.
    pub(crate) fn flag(&self, i: Option<usize>, column: &str) -> Result<bool, String> {
        Ok(self.integer(i, column)?.is_some_and(|n| n != 0))
    }

    /// The value of column `i`: the rowid for its alias, and the
    /// column's `DEFAULT` past the record's end (a column added by `ALTER
    /// TABLE ... ADD COLUMN` after the row was written), as SQLite reads
    /// them.
    pub(crate) fn get(&self, i: usize) -> Value<'r> {
        // A virtual generated column is not stored, and not computed here.
        let Some(at) = self.table.stored.get(i).copied().flatten() else {
            return Value::Null;
        };
        let value = match self.values.get(at) {
            Some(Value::Null) if self.table.rowid_alias == Some(i) => {
                return Value::Integer(self.rowid)
            }
            Some(value) => *value,
            None => match self.table.defaults.get(i) {
                Some(Literal::Integer(n)) => Value::Integer(*n),
                Some(Literal::Real(x)) => Value::Real(*x),
                Some(Literal::Text(t)) => Value::Text(t),
                Some(Literal::Blob(b)) => Value::Blob(b),
                Some(Literal::Null) | None => Value::Null,
            },
        };
        // SQLite stores a whole number in a REAL column as an integer
        // (fileformat2 §2.1), and reads an integer from a REAL column as a
        // REAL (`OP_RealAffinity`), its default's too.
        match value {
            Value::Integer(n) if self.table.affinity.get(i) == Some(&Affinity::Real) => {
                Value::Real(n as f64)
            }
            value => value,
        }
    }
}

/// A column's `DEFAULT`, when it is a literal (a sign before it
/// included), with the column's affinity applied as SQLite applies it;
/// NULL for none, and for an expression (`DEFAULT (...)`,
/// `CURRENT_TIME`), which this reader does not evaluate.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    /// NULL.
    Null,
    /// An integer (`TRUE` and `FALSE` too).
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// A string.
    Text(Vec<u8>),
    /// A blob (`X'...'`).
    Blob(Vec<u8>),
}

/// A column's type affinity (<https://www.sqlite.org/datatype3.html>
/// §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

/// A table's root page and column names, from its `CREATE TABLE`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    /// The root page of its B-tree.
    pub(crate) root: u32,
    /// The column names, in order, as declared (quotes removed).
    pub(crate) columns: Vec<String>,
    /// Each column's default.
    pub(crate) defaults: Vec<Literal>,
    /// Each column's affinity.
    pub(crate) affinity: Vec<Affinity>,
    /// Where each column is in a record: `None` for a virtual generated
    /// column, which records do not hold.
    pub(crate) stored: Vec<Option<usize>>,
    /// The column that is an alias of the rowid (`INTEGER PRIMARY
    /// KEY`): stored as NULL in records, read as the rowid.
    pub(crate) rowid_alias: Option<usize>,
}

impl Table {
    /// The index of the column named `name` (ASCII case-insensitive, as
    /// SQLite compares names).
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))
    }
}

/// An SQLite database file (and its write-ahead log), opened for reading.
pub(crate) struct Database<'a> {
    /// What errors call the input.
    what: &'static str,
    file: &'a [u8],
    page_size: usize,
    /// The page size less the bytes reserved at the end of each page.
    usable: usize,
    /// How many pages the database has.
    pages: u32,
    /// `PRAGMA user_version` (the header's offset 60): the schema
    /// version an application keeps there.
    pub(crate) user_version: u32,
}

impl std::fmt::Debug for Database<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("page_size", &self.page_size)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A page size as the header and the log write it (1 for 65536), if it
/// is one SQLite allows: a power of two from 512 to 65536.
fn page_size(raw: u32) -> Option<usize> {
    let size = if raw == 1 { 65_536 } else { raw as usize };
    (size.is_power_of_two() && (512..=65_536).contains(&size)).then_some(size)
}

/// Reads a varint (fileformat2 §1.6: big-endian, 7 bits a byte with the
/// high bit set on all but the last, the ninth byte whole) at the start
/// of `b`: its value and length.
fn varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &byte) in b.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((v << 8) | u64::from(byte), 9));
        }
        v = (v << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// The write-ahead log's checksum (fileformat2 §4.1) of `data` (a
/// multiple of 8 bytes), continued from `s`.
fn wal_checksum(data: &[u8], big_endian: bool, mut s: (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |b: &[u8]| {
            let b: [u8; 4] = [b[0], b[1], b[2], b[3]];
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        s.0 = s.0.wrapping_add(word(&pair[..4]).wrapping_add(s.1));
        s.1 = s.1.wrapping_add(word(&pair[4..]).wrapping_add(s.0));
    }
    s
}

/// What a write-ahead log holds: its committed pages.
struct Log<'a> {
    page_size: usize,
    /// The database's size in pages at the last commit.
    pages: u32,
    /// The newest committed copy of each page.
    frames: HashMap<u32, &'a [u8]>,
}

/// A row's rowid and values, for [`Database::scan`].
type Each<'e> = dyn FnMut(i64, &[Value<'_>]) -> Result<(), Error> + 'e;

/// The committed pages of a write-ahead log (fileformat2 §4), with its
/// page size and the database's size in pages at the last commit: `None`
/// for a log SQLite would ignore (too short, a bad magic, page size or
/// header checksum) or that holds no commit. Frames count up to the first
/// whose salt or checksum is wrong, and then only up to the last commit
/// frame before it, as SQLite's recovery reads them.
fn read_wal(wal: &[u8]) -> Option<Log<'_>> {
    let magic = u32_at(wal, 0)?;
    if magic & !1 != 0x377f_0682 {
        return None;
    }
    let big_endian = magic & 1 == 1;
    let size = page_size(u32_at(wal, 8)?)?;
    let header = wal.get(..32)?;
    let mut sum = wal_checksum(&header[..24], big_endian, (0, 0));
    if sum != (u32_at(header, 24)?, u32_at(header, 28)?) {
        return None;
    }
    let salt = &header[16..24];
    let (mut committed, mut pending) = (HashMap::new(), Vec::new());
    let mut db_pages = None;
    for frame in wal[32..].chunks_exact(24 + size) {
        let (head, page) = frame.split_at(24);
        if &head[8..16] != salt {
            break;
        }
        sum = wal_checksum(&head[..8], big_endian, sum);
        sum = wal_checksum(page, big_endian, sum);
        if sum != (u32_at(head, 16)?, u32_at(head, 20)?) {
            break;
        }
        let number = u32_at(head, 0)?;
        if number == 0 {
            break;
        }
        pending.push((number, page));
        let commit = u32_at(head, 4)?;
        if commit != 0 {
            committed.extend(pending.drain(..));
            db_pages = Some(commit);
        }
    }
    Some(Log {
        page_size: size,
        pages: db_pages?,
        frames: committed,
    })
}

/// The database `file` as SQLite reads it with its write-ahead log `wal`
/// (the `-wal` file beside it; fileformat2 §4): the pages of the log's
/// committed transactions written over the file's, the file cut or
/// extended to the size of the last commit. `None` when SQLite would
/// ignore the log (see [`read_wal`]), or its page size is not the
/// database's.
pub(crate) fn apply_log(file: &[u8], wal: &[u8]) -> Option<Vec<u8>> {
    let Log {
        page_size: size,
        pages,
        frames,
    } = read_wal(wal)?;
    if file.len() >= 100 && page_size(u32::from(u16_at(file, 16)?)) != Some(size) {
        return None;
    }
    // No larger than the file and the log's pages together, whatever a
    // commit frame says: a page number past those is left out (reading
    // it is an error), and a forged log cannot make this allocate more
    // than it holds.
    let file_pages = file.len() / size;
    let pages = (pages as usize).min(file_pages + frames.len());
    let mut image = file.get(..file.len().min(pages * size))?.to_vec();
    image.resize(pages * size, 0);
    for (number, page) in frames {
        let start = (number as usize - 1) * size;
        if let Some(slot) = image.get_mut(start..start + size) {
            slot.copy_from_slice(page);
        }
    }
    Some(image)
}

impl<'a> Database<'a> {
    /// Opens the database in `file` (with its log applied, if it has
    /// one: see [`apply_log`]).
    ///
    /// # Errors
    /// A [`Syntax`](crate::ErrorKind::Syntax) error (calling the input
    /// `what`) for a file that is not an SQLite 3 database or whose
    /// header is malformed; an
    /// [`Unsupported`](crate::ErrorKind::Unsupported) one for a database
    /// in UTF-16 or of a newer file format.
    pub(crate) fn open(what: &'static str, file: &'a [u8]) -> Result<Self, Error> {
        let bad = |message: &str| Error::syntax(what, None, message);
        if file.len() < 100 || !file.starts_with(MAGIC) {
            return Err(bad("not an SQLite 3 database"));
        }
        let page_size = page_size(u32::from(u16_at(file, 16).unwrap_or(0)))
            .ok_or_else(|| bad("the header's page size is not a power of two from 512 to 65536"))?;
        let usable = page_size - usize::from(file[20]);
        if usable < 480 {
            return Err(bad("the header reserves too many bytes of each page"));
        }
        if file[19] > 2 {
            return Err(Error::unsupported(
                what,
                format!(
                    "a database of file format {} (only 1 and 2 are read)",
                    file[19]
                ),
            ));
        }
        match u32_at(file, 56) {
            Some(0 | 1) => {}
            _ => {
                return Err(Error::unsupported(
                    what,
                    "a database in UTF-16 (only UTF-8 databases are read)",
                ))
            }
        }
        Ok(Database {
            what,
            file,
            page_size,
            usable,
            pages: u32::try_from(file.len() / page_size).unwrap_or(u32::MAX),
            user_version: u32_at(file, 60).unwrap_or(0),
        })
    }

    fn error(&self, page: u32, message: impl std::fmt::Display) -> Error {
        Error::syntax(self.what, None, format!("page {page}: {message}"))
    }

    /// Page `n` (1-based).
    fn page(&self, n: u32) -> Result<&'a [u8], Error> {
        if n == 0 || n > self.pages {
            return Err(Error::syntax(
                self.what,
                None,
                format!(
                    "page {n} does not exist (the database has {} pages)",
                    self.pages
                ),
            ));
        }
        let start = (n as usize - 1) * self.page_size;
        self.file
            .get(start..start + self.page_size)
            .ok_or_else(|| self.error(n, "past the end of the file (cut short?)"))
    }

    /// The table named `name` (ASCII case-insensitive), from the schema
    /// table (fileformat2 §2.6); `None` if there is none.
    ///
    /// # Errors
    /// For a malformed schema table, or a table whose `CREATE TABLE`
    /// cannot be read.
    pub(crate) fn table(&self, name: &str) -> Result<Option<Table>, Error> {
        let mut found = None;
        // sqlite_schema(type, name, tbl_name, rootpage, sql).
        self.scan(1, &mut |_, values| {
            let text = |i: usize| match values.get(i) {
                Some(Value::Text(t)) => Some(*t),
                _ => None,
            };
            if found.is_none()
                && text(0) == Some(b"table")
                && text(1).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            {
                let root = match values.get(3) {
                    Some(Value::Integer(r)) => Some(*r),
                    _ => None,
                };
                found = Some((root, text(4).map(<[u8]>::to_vec)));
            }
            Ok(())
        })?;
        let Some((root, sql)) = found else {
            return Ok(None);
        };
        let bad = |message: String| Error::syntax(self.what, None, message);
        let root = root
            .and_then(|r| u32::try_from(r).ok())
            .filter(|&r| r > 0)
            .ok_or_else(|| bad(format!("table {name}: no valid root page in the schema")))?;
        let sql = sql.ok_or_else(|| bad(format!("table {name}: no CREATE TABLE in the schema")))?;
        let table = columns(&sql)
            .ok_or_else(|| bad(format!("table {name}: its CREATE TABLE cannot be read")))?;
        Ok(Some(Table { root, ..table }))
    }

    /// Calls `each` with every row of `table`, in rowid order; stops at
    /// the first error `each` returns.
    ///
    /// # Errors
    /// For a malformed B-tree or record, and `each`'s.
    pub(crate) fn rows(
        &self,
        table: &Table,
        each: &mut dyn FnMut(Row<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.scan(table.root, &mut |rowid, values| {
            each(Row {
                rowid,
                values,
                table,
            })
        })
    }

    /// Walks the table B-tree rooted at `root` (fileformat2 §1.6) in
    /// order, calling `each` with each leaf cell's rowid and record.
    fn scan(&self, root: u32, each: &mut Each<'_>) -> Result<(), Error> {
        // Pages still to read, deepest last, with their depth.
        let mut stack = vec![(root, 1usize)];
        let mut seen = HashSet::new();
        // Each overflow page belongs to one cell: one reached again (a
        // chain shared by several cells) is an error, so a scan reads
        // each page of the file at most once.
        let mut overflow_seen = HashSet::new();
        let mut last_rowid = None;
        let mut payload = Vec::new();
        while let Some((number, depth)) = stack.pop() {
            if !seen.insert(number) {
                return Err(self.error(number, "reached twice: the B-tree loops"));
            }
            if depth > MAX_DEPTH {
                return Err(self.error(number, "the B-tree is deeper than SQLite allows"));
            }
            let page = self.page(number)?;
            let header = if number == 1 { 100 } else { 0 };
            let cells = self.cells(number, page, header)?;
            match page[header] {
                // An interior table page: children left to right, so
                // pushed right to left.
                0x05 => {
                    let right = u32_at(page, header + 8).unwrap_or(0);
                    stack.push((right, depth + 1));
                    for &cell in cells.iter().rev() {
                        let child = u32_at(page, cell)
                            .ok_or_else(|| self.error(number, "a cell runs past the page"))?;
                        stack.push((child, depth + 1));
                    }
                }
                0x0d => {
                    let cells = self.leaf_cells(number, page, &cells)?;
                    for cell in &cells {
                        // A table B-tree holds its rows in rowid order.
                        if last_rowid.is_some_and(|last| cell.rowid <= last) {
                            return Err(self.error(number, "rowids out of order"));
                        }
                        last_rowid = Some(cell.rowid);
                        let record =
                            self.payload(number, page, cell, &mut payload, &mut overflow_seen)?;
                        let mut values = Vec::new();
                        self.record(number, record, &mut values)?;
                        each(cell.rowid, &values)?;
                    }
                }
                0x02 | 0x0a => {
                    return Err(self.error(number, "an index page where a table page belongs"))
                }
                other => return Err(self.error(number, format!("unknown page type {other}"))),
            }
        }
        Ok(())
    }

    /// The cell offsets of a B-tree page whose header is at `header`.
    fn cells(&self, number: u32, page: &[u8], header: usize) -> Result<Vec<usize>, Error> {
        let kind = *page
            .get(header)
            .ok_or_else(|| self.error(number, "too short for a B-tree page"))?;
        let pointers = header + if matches!(kind, 0x02 | 0x05) { 12 } else { 8 };
        let count = usize::from(u16_at(page, header + 3).unwrap_or(0));
        let end = pointers + 2 * count;
        if end > self.usable {
            return Err(self.error(number, "more cells than the page holds"));
        }
        (0..count)
            .map(|i| {
                let at = usize::from(u16_at(page, pointers + 2 * i).unwrap_or(0));
                if at < end || at >= self.usable {
                    Err(self.error(number, format!("cell {i} points outside the page's cells")))
                } else {
                    Ok(at)
                }
            })
            .collect()
    }

    /// The cells of a table leaf page at offsets `at` (fileformat2 §1.6,
    /// §1.7): their rowids and where their payloads lie, checked not to
    /// overlap (so that the page's bytes are read once).
    fn leaf_cells(&self, number: u32, page: &[u8], at: &[usize]) -> Result<Vec<LeafCell>, Error> {
        let short = || self.error(number, "a cell runs past the page");
        let page = &page[..self.usable];
        let usable = self.usable as u64;
        let mut cells = Vec::with_capacity(at.len());
        for &cell in at {
            let (size, n) = varint(&page[cell..]).ok_or_else(short)?;
            let (rowid, m) = varint(&page[cell + n..]).ok_or_else(short)?;
            let start = cell + n + m;
            // Payload kept on a table leaf page (§1.7).
            let max_local = usable - 35;
            let local = if size <= max_local {
                size
            } else {
                let min_local = (usable - 12) * 32 / 255 - 23;
                let k = min_local + (size - min_local) % (usable - 4);
                if k <= max_local {
                    k
                } else {
                    min_local
                }
            } as usize;
            // No more than the file's pages could hold.
            if size > u64::from(self.pages) * usable {
                return Err(self.error(number, "a payload larger than the database"));
            }
            let end = start + local + if (local as u64) < size { 4 } else { 0 };
            if end > page.len() {
                return Err(short());
            }
            cells.push(LeafCell {
                rowid: rowid as i64,
                size: size as usize,
                cell,
                start,
                local,
                end,
            });
        }
        let mut spans: Vec<(usize, usize)> = cells.iter().map(|c| (c.cell, c.end)).collect();
        spans.sort_unstable();
        if spans.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(self.error(number, "cells overlap"));
        }
        Ok(cells)
    }

    /// A leaf cell's payload: in the page, or, if it overflows (§1.7),
    /// gathered into `buffer` from its chain of overflow pages, none of
    /// which may be in `overflow_seen` (each belongs to one cell).
    fn payload<'p>(
        &self,
        number: u32,
        page: &'p [u8],
        cell: &LeafCell,
        buffer: &'p mut Vec<u8>,
        overflow_seen: &mut HashSet<u32>,
    ) -> Result<&'p [u8], Error>
    where
        'a: 'p,
    {
        let local = &page[cell.start..cell.start + cell.local];
        if cell.local == cell.size {
            return Ok(local);
        }
        buffer.clear();
        buffer.extend_from_slice(local);
        let mut next = u32_at(page, cell.start + cell.local)
            .ok_or_else(|| self.error(number, "a cell runs past the page"))?;
        while buffer.len() < cell.size {
            if !overflow_seen.insert(next) {
                return Err(self.error(next, "an overflow page reached twice"));
            }
            let overflow = self.page(next)?;
            let take = (cell.size - buffer.len()).min(self.usable - 4);
            buffer.extend_from_slice(&overflow[4..4 + take]);
            next = u32_at(overflow, 0).unwrap_or(0);
        }
        Ok(buffer)
    }

    /// Decodes a record (fileformat2 §2.1) into `values`.
    fn record<'p>(
        &self,
        number: u32,
        record: &'p [u8],
        values: &mut Vec<Value<'p>>,
    ) -> Result<(), Error> {
        let bad = || self.error(number, "a malformed record");
        let (header_len, n) = varint(record).ok_or_else(bad)?;
        let header_len = usize::try_from(header_len).map_err(|_| bad())?;
        if header_len < n || header_len > record.len() {
            return Err(bad());
        }
        let (mut at, mut body) = (n, header_len);
        while at < header_len {
            let (serial, n) = varint(&record[at..header_len]).ok_or_else(bad)?;
            at += n;
            let len = match serial {
                0 | 8 | 9 => 0,
                1..=4 => serial as usize,
                5 => 6,
                6 | 7 => 8,
                10 | 11 => return Err(bad()),
                _ => usize::try_from((serial - 12) / 2).map_err(|_| bad())?,
            };
            let bytes = body
                .checked_add(len)
                .and_then(|end| record.get(body..end))
                .ok_or_else(bad)?;
            body += len;
            let int = || {
                // Big-endian two's complement of 1 to 8 bytes.
                let fill = if bytes[0] & 0x80 != 0 { 0xff } else { 0 };
                let mut eight = [fill; 8];
                eight[8 - bytes.len()..].copy_from_slice(bytes);
                i64::from_be_bytes(eight)
            };
            values.push(match serial {
                0 => Value::Null,
                1..=6 => Value::Integer(int()),
                7 => Value::Real(f64::from_bits(int() as u64)),
                8 => Value::Integer(0),
                9 => Value::Integer(1),
                s if s % 2 == 0 => Value::Blob(bytes),
                _ => Value::Text(bytes),
            });
        }
        Ok(())
    }
}

/// The column names of a `CREATE TABLE` statement (fileformat2 §2.6),
/// and the index of the rowid alias (a column whose declared type is
/// exactly `INTEGER` and that is the primary key, not `DESC`, as
/// <https://www.sqlite.org/lang_createtable.html#rowid> defines it);
/// `None` if the statement cannot be read. Only what the schema table
/// stores is understood: the list in parentheses after the name, split at
/// its top-level commas, each part a column definition (its name first,
/// quoted or not) until the first table constraint.
fn columns(sql: &[u8]) -> Option<Table> {
    let tokens = tokens(sql)?;
    let open = tokens.iter().position(|t| *t == Token::Punct(b'('))?;
    let parts = split_list(&tokens[open..])?;
    let mut names = Vec::new();
    let mut defaults = Vec::new();
    let mut affinity = Vec::new();
    let mut stored = Vec::new();
    // How many columns so far are in the record (counting them again for
    // each column cost a table of n columns n²).
    let mut in_record = 0;
    let mut integer = Vec::new();
    let mut alias = None;
    let mut table_key = None;
    for part in parts {
        let first = part.first()?;
        if TABLE_CONSTRAINTS.iter().any(|w| first.is_word(w)) {
            // `PRIMARY KEY (column)`, maybe after `CONSTRAINT name`.
            if let Some(at) = part.iter().position(|t| t.is_word("primary")) {
                let list = split_list(&part[at..])?;
                if let [[column, rest @ ..]] = &list[..] {
                    if rest.iter().all(|t| t.is_word("asc") || t.is_word("desc")) {
                        table_key = Some(column.text()?);
                    }
                }
            }
            continue;
        }
        let name = first.text()?;
        // The declared type: the words up to the first column constraint.
        let declared: Vec<&Token<'_>> = part[1..]
            .iter()
            .take_while(|t| !COLUMN_CONSTRAINTS.iter().any(|w| t.is_word(w)))
            .collect();
        let is_integer = matches!(&declared[..], [t] if t.is_word("integer"));
        let column_affinity = affinity_of(&declared);
        affinity.push(column_affinity);
        // `[GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED]`: a virtual
        // one (the default) is not in the record.
        let generated = part
            .windows(2)
            .any(|w| w[0].is_word("as") && w[1] == Token::Punct(b'('));
        let is_virtual = generated && !part.iter().any(|t| t.is_word("stored"));
        stored.push((!is_virtual).then(|| {
            in_record += 1;
            in_record - 1
        }));
        let primary = part
            .windows(2)
            .any(|w| w[0].is_word("primary") && w[1].is_word("key"));
        if is_integer && primary && !part.iter().any(|t| t.is_word("desc")) && alias.is_none() {
            alias = Some(names.len());
        }
        integer.push(is_integer);
        names.push(name);
        let default = part.iter().position(|t| t.is_word("default"));
        defaults.push(default.map_or(Literal::Null, |at| {
            literal(&part[at + 1..], column_affinity)
        }));
    }
    if let (None, Some(key)) = (alias, table_key) {
        alias = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(&key))
            .filter(|&i| integer[i]);
    }
    (!names.is_empty()).then_some(Table {
        root: 0,
        columns: names,
        defaults,
        affinity,
        stored,
        rowid_alias: alias,
    })
}

/// The affinity a declared type gives, by the rules of
/// <https://www.sqlite.org/datatype3.html> §3.1 taken in order: `INT`
/// makes it INTEGER; `CHAR`, `CLOB` or `TEXT`, TEXT; `BLOB` or no type,
/// BLOB; `REAL`, `FLOA` or `DOUB`, REAL; anything else NUMERIC.
fn affinity_of(declared: &[&Token<'_>]) -> Affinity {
    let mut text = Vec::new();
    for t in declared {
        match t {
            Token::Word(w) | Token::Quoted(w) => text.extend(w.iter().map(u8::to_ascii_uppercase)),
            Token::Punct(b) => text.push(*b),
        }
        text.push(b' ');
    }
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    if has(b"INT") {
        Affinity::Integer
    } else if has(b"CHAR") || has(b"CLOB") || has(b"TEXT") {
        Affinity::Text
    } else if has(b"BLOB") || declared.is_empty() {
        Affinity::Blob
    } else if has(b"REAL") || has(b"FLOA") || has(b"DOUB") {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// The literal that `tokens` (what follows `DEFAULT`) start with, with
/// `affinity` applied as SQLite's `valueFromExpr` applies it: an integer
/// literal that fits in 32 bits (decimal or hexadecimal, its sign
/// included) is that integer; another number literal is its text (its
/// minus sign included), under NUMERIC affinity where the column's is
/// BLOB; a string (in single quotes, or double quotes, which SQLite takes
/// for a string where no column is named) is converted as the affinity
/// says; a sign before anything else makes a number of it.
fn literal(tokens: &[Token<'_>], affinity: Affinity) -> Literal {
    let (negative, rest) = match tokens {
        [Token::Punct(b'-'), rest @ ..] => (true, rest),
        [Token::Punct(b'+'), rest @ ..] => (false, rest),
        _ => (false, tokens),
    };
    let signed = rest.len() < tokens.len();
    if let [Token::Word(w), ..] = rest {
        if w.first().is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
            if let Some(n) = int32_literal(w) {
                let n = if negative { -n } else { n };
                return with_affinity(Literal::Integer(n), affinity);
            }
            let mut text = if negative { b"-".to_vec() } else { Vec::new() };
            text.extend_from_slice(w);
            return match affinity {
                Affinity::Blob => numeric(&text).unwrap_or(Literal::Text(text)),
                _ => with_affinity(Literal::Text(text), affinity),
            };
        }
    }
    let value = match rest {
        [Token::Word(x), Token::Quoted(q), ..]
            if x.eq_ignore_ascii_case(b"x") && q.starts_with(b"'") =>
        {
            let hex = &q[1..q.len() - 1];
            match (hex.len() % 2, hex_bytes(hex)) {
                (0, Some(bytes)) => Literal::Blob(bytes),
                _ => Literal::Null,
            }
        }
        [Token::Quoted(q), ..] if q.starts_with(b"'") || q.starts_with(b"\"") => {
            with_affinity(Literal::Text(unquote(q).into_bytes()), affinity)
        }
        [t, ..] if t.is_word("true") => Literal::Integer(1),
        [t, ..] if t.is_word("false") => Literal::Integer(0),
        _ => Literal::Null,
    };
    if !signed {
        return value;
    }
    // A sign makes a number of what follows (`-'3'` is -3, `-'x'` 0).
    let number = match value {
        Literal::Text(t) => numeric(&t).unwrap_or(Literal::Integer(0)),
        Literal::Blob(_) => Literal::Integer(0),
        other => other,
    };
    let number = match (negative, number) {
        (true, Literal::Integer(n)) => match n.checked_neg() {
            Some(n) => Literal::Integer(n),
            None => Literal::Real(-(n as f64)),
        },
        (true, Literal::Real(x)) => Literal::Real(-x),
        (_, other) => other,
    };
    with_affinity(number, affinity)
}

/// An integer literal that fits in 32 bits, decimal or hexadecimal, as
/// SQLite's parser keeps one as a number (`sqlite3GetInt32`).
fn int32_literal(text: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(text).ok()?;
    let n = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => i64::from(i32::try_from(u32::from_str_radix(hex, 16).ok()?).ok()?),
        None if s.bytes().all(|b| b.is_ascii_digit()) => i64::from(s.parse::<i32>().ok()?),
        None => return None,
    };
    Some(n)
}

/// Text as NUMERIC affinity reads it: an integer if it is one (within
/// 64 bits), else a real, made an integer if whole and within 64 bits;
/// `None` if it is no number.
fn numeric(text: &[u8]) -> Option<Literal> {
    let s = std::str::from_utf8(text).ok()?.trim();
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
    {
        return None;
    }
    if let Ok(n) = s.parse::<i64>() {
        return Some(Literal::Integer(n));
    }
    let x = s.parse::<f64>().ok()?;
    Some(whole(x))
}

/// A real as NUMERIC affinity keeps it: an integer if whole and within
/// 64 bits.
fn whole(x: f64) -> Literal {
    match x.fract() == 0.0 && x.abs() < 9.223_372_036_854_775e18 {
        true => Literal::Integer(x as i64),
        false => Literal::Real(x),
    }
}

/// `value` with `affinity` applied (<https://www.sqlite.org/datatype3.html>
/// §3.1).
fn with_affinity(value: Literal, affinity: Affinity) -> Literal {
    let number = numeric;
    match (affinity, value) {
        (Affinity::Integer | Affinity::Numeric, Literal::Text(t)) => {
            number(&t).unwrap_or(Literal::Text(t))
        }
        (Affinity::Integer | Affinity::Numeric, Literal::Real(x)) => whole(x),
        (Affinity::Real, Literal::Text(t)) => match number(&t) {
            Some(Literal::Integer(n)) => Literal::Real(n as f64),
            Some(Literal::Real(x)) => Literal::Real(x),
            _ => Literal::Text(t),
        },
        (Affinity::Real, Literal::Integer(n)) => Literal::Real(n as f64),
        (Affinity::Text, Literal::Integer(n)) => Literal::Text(n.to_string().into_bytes()),
        (Affinity::Text, Literal::Real(x)) => Literal::Text(real_text(x).into_bytes()),
        (_, value) => value,
    }
}

/// A real as SQLite writes one in text: with `.0` when whole.
fn real_text(x: f64) -> String {
    match x.fract() == 0.0 && x.abs() < 1e15 {
        true => format!("{x:.1}"),
        false => format!("{x}"),
    }
}

/// Hexadecimal digits as bytes.
fn hex_bytes(hex: &[u8]) -> Option<Vec<u8>> {
    hex.chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

/// The words that start a table constraint.
const TABLE_CONSTRAINTS: [&str; 5] = ["constraint", "primary", "unique", "check", "foreign"];

/// The words that start a column constraint (and so end its type).
const COLUMN_CONSTRAINTS: [&str; 11] = [
    "constraint",
    "primary",
    "not",
    "null",
    "unique",
    "check",
    "default",
    "collate",
    "references",
    "generated",
    "as",
];

/// The parts of the parenthesised list that `tokens` starts with, split
/// at its top-level commas; `None` if it is not closed.
fn split_list<'t, 'a>(tokens: &'t [Token<'a>]) -> Option<Vec<&'t [Token<'a>]>> {
    let open = tokens.iter().position(|t| *t == Token::Punct(b'('))?;
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, open + 1);
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t {
            Token::Punct(b'(') => depth += 1,
            Token::Punct(b')') => {
                depth -= 1;
                if depth == 0 {
                    parts.push(&tokens[start..i]);
                    return Some(parts);
                }
            }
            Token::Punct(b',') if depth == 1 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// A token of a `CREATE TABLE` statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A bare word or number.
    Word(&'a [u8]),
    /// An identifier or string in quotes (`"`, `'`, `` ` ``, `[ ]`),
    /// quotes included.
    Quoted(&'a [u8]),
    /// Any other byte.
    Punct(u8),
}

impl Token<'_> {
    /// Whether this is the bare word `word` (ASCII case-insensitive).
    fn is_word(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w.eq_ignore_ascii_case(word.as_bytes()))
    }

    /// The name this token spells, quotes removed; `None` for a
    /// punctuation byte.
    fn text(&self) -> Option<String> {
        match self {
            Token::Word(w) | Token::Quoted(w) => Some(unquote(w)),
            Token::Punct(_) => None,
        }
    }
}

/// Splits SQL into tokens, skipping white space and comments; `None` for
/// an unterminated quote or comment.
fn tokens(sql: &[u8]) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sql.len() {
        let c = sql[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => i += 1,
            b'-' if sql.get(i + 1) == Some(&b'-') => {
                while i < sql.len() && sql[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if sql.get(i + 1) == Some(&b'*') => {
                let end = sql[i + 2..].windows(2).position(|w| w == b"*/")?;
                i += 2 + end + 2;
            }
            b'"' | b'\'' | b'`' | b'[' => {
                let close = if c == b'[' { b']' } else { c };
                let mut j = i + 1;
                loop {
                    match sql.get(j) {
                        None => return None,
                        // A doubled quote is one quote character.
                        Some(&q) if q == close && c != b'[' && sql.get(j + 1) == Some(&close) => {
                            j += 2
                        }
                        Some(&q) if q == close => break,
                        Some(_) => j += 1,
                    }
                }
                out.push(Token::Quoted(&sql[i..=j]));
                i = j + 1;
            }
            // A number: digits, a point, an exponent and its sign.
            c if c.is_ascii_digit()
                || (c == b'.' && sql.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                let start = i;
                while i < sql.len()
                    && (sql[i].is_ascii_alphanumeric()
                        || sql[i] == b'.'
                        || (matches!(sql[i], b'+' | b'-') && matches!(sql[i - 1], b'e' | b'E')))
                {
                    i += 1;
                }
                out.push(Token::Word(&sql[start..i]));
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 || c == b'$' => {
                let start = i;
                while i < sql.len()
                    && (sql[i].is_ascii_alphanumeric()
                        || sql[i] == b'_'
                        || sql[i] >= 0x80
                        || sql[i] == b'$')
                {
                    i += 1;
                }
                out.push(Token::Word(&sql[start..i]));
            }
            _ => {
                out.push(Token::Punct(c));
                i += 1;
            }
        }
    }
    Some(out)
}

/// An identifier without its quotes (doubled quotes made single).
fn unquote(word: &[u8]) -> String {
    let text = String::from_utf8_lossy(word);
    let mut chars = text.chars();
    match (chars.next(), text.chars().last()) {
        (Some(q @ ('"' | '\'' | '`')), Some(e)) if e == q && text.len() >= 2 => {
            let inner = &text[1..text.len() - 1];
            inner.replace(&format!("{q}{q}"), &q.to_string())
        }
        (Some('['), Some(']')) if text.len() >= 2 => text[1..text.len() - 1].to_owned(),
        _ => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    //! The fixtures of `tests/data/sqlite` were written by SQLite itself
    //! (`scripts/make_sqlite_fixtures.py`), with what SQLite reads from
    //! them beside each: the oracle.

    use super::*;
    use proptest::prelude::*;
    use serde_json::Value as Json;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/sqlite/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn expected(name: &str) -> Json {
        serde_json::from_slice(&fixture(&format!("{name}.expected.json"))).unwrap()
    }

    fn json(value: Value<'_>) -> Json {
        match value {
            Value::Null => Json::Null,
            Value::Integer(n) => n.into(),
            Value::Real(x) => serde_json::json!({ "real": x }),
            Value::Text(t) => serde_json::json!({ "text": std::str::from_utf8(t).unwrap() }),
            Value::Blob(b) => {
                let hex: String = b.iter().map(|b| format!("{b:02x}")).collect();
                serde_json::json!({ "blob": hex })
            }
        }
    }

    /// The tables of `db` as the fixtures' JSON has them.
    fn dump(db: &Database<'_>, names: &[&String]) -> Json {
        let mut tables = serde_json::Map::new();
        for &name in names {
            let table = db.table(name).unwrap().unwrap();
            let mut rows = Vec::new();
            let result = db.rows(&table, &mut |row| {
                let mut values = vec![Json::from(row.rowid)];
                values.extend((0..table.columns.len()).map(|i| json(row.get(i))));
                rows.push(Json::Array(values));
                Ok(())
            });
            let entry = match result {
                Ok(()) => serde_json::json!({ "columns": table.columns, "rows": rows }),
                Err(e) => {
                    assert!(e.to_string().contains("an index page"), "{e}");
                    serde_json::json!({ "columns": table.columns, "without_rowid": true })
                }
            };
            tables.insert(name.clone(), entry);
        }
        Json::Object(tables)
    }

    /// `file` with `wal` applied, if given and valid.
    fn logged(file: &[u8], wal: Option<&[u8]>) -> Vec<u8> {
        wal.and_then(|w| apply_log(file, w))
            .unwrap_or_else(|| file.to_vec())
    }

    fn check_tables(db: &Database<'_>, want: &Json) {
        let mut want = want.clone();
        // Virtual generated columns are not computed: read as NULL.
        for table in want.as_object_mut().unwrap().values_mut() {
            let Some(Json::Array(computed)) = table.as_object_mut().unwrap().remove("virtual")
            else {
                continue;
            };
            let columns = table["columns"].clone();
            let at: Vec<usize> = computed
                .iter()
                .map(|v| {
                    columns
                        .as_array()
                        .unwrap()
                        .iter()
                        .position(|c| c == v)
                        .unwrap()
                })
                .collect();
            for row in table["rows"].as_array_mut().unwrap() {
                for &i in &at {
                    row[i + 1] = Json::Null;
                }
            }
        }
        let names: Vec<&String> = want.as_object().unwrap().keys().collect();
        assert!(!names.is_empty());
        assert_eq!(dump(db, &names), want);
    }

    #[test]
    fn reads_what_sqlite_reads() {
        for name in ["basic", "deep"] {
            let file = fixture(&format!("{name}.sqlite"));
            let db = Database::open("test", &file).unwrap();
            check_tables(&db, &expected(name)["tables"]);
        }
        let file = fixture("basic.sqlite");
        let db = Database::open("test", &file).unwrap();
        assert_eq!(db.user_version, 42);
        let t = db.table("T").unwrap().unwrap();
        assert_eq!(t.columns[1], "odd \"name\"");
        assert_eq!(t.column("N"), Some(4));
        assert_eq!(db.table("missing").unwrap(), None);
    }

    #[test]
    fn applies_the_log_up_to_its_last_valid_commit() {
        let file = fixture("wal.sqlite");
        let wal = fixture("wal.sqlite-wal");
        let want = expected("wal");
        let states = want["states"].as_array().unwrap();
        assert_eq!(states.len(), 3);
        for state in states {
            let len = state["wal_len"].as_u64().unwrap() as usize;
            let image = logged(&file, Some(&wal[..len]));
            let db = Database::open("test", &image).unwrap();
            check_tables(&db, &state["tables"]);
            // A frame cut short, or a byte changed in the commit's last
            // frame: that commit does not count.
            if let Some(previous) = states
                .iter()
                .rev()
                .find(|s| s["wal_len"].as_u64() < Some(len as u64))
            {
                let image = logged(&file, Some(&wal[..len - 1]));
                let db = Database::open("test", &image).unwrap();
                check_tables(&db, &previous["tables"]);
                let mut changed = wal[..len].to_vec();
                changed[len - 100] ^= 1;
                let image = logged(&file, Some(&changed));
                let db = Database::open("test", &image).unwrap();
                check_tables(&db, &previous["tables"]);
            }
        }
        // Without its log, the database file holds no table yet.
        let db = Database::open("test", &file).unwrap();
        assert_eq!(db.table("t").unwrap(), None);
        // A log whose salt is not the header's is ignored.
        let mut other = wal.clone();
        other[16] ^= 1;
        let image = logged(&file, Some(&other));
        let db = Database::open("test", &image).unwrap();
        assert_eq!(db.table("t").unwrap(), None);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let utf16 = fixture("utf16.sqlite");
        let e = Database::open("test", &utf16).unwrap_err();
        assert!(
            matches!(e.kind(), crate::ErrorKind::Unsupported { .. }),
            "{e}"
        );
        let e = Database::open("test", b"# Netscape HTTP Cookie File\n").unwrap_err();
        assert_eq!(e.to_string(), "test: not an SQLite 3 database");
        // Cut short: a page past the end.
        let deep = fixture("deep.sqlite");
        let db = Database::open("test", &deep[..deep.len() / 2]).unwrap();
        let table = db.table("t").unwrap().unwrap();
        let e = db.rows(&table, &mut |_| Ok(())).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn finds_the_rowid_alias_as_sqlite_does() {
        let alias = |sql: &str| columns(sql.as_bytes()).unwrap().rowid_alias;
        assert_eq!(alias("CREATE TABLE t (a, id INTEGER PRIMARY KEY)"), Some(1));
        assert_eq!(
            alias("CREATE TABLE t (id integer primary key asc, a)"),
            Some(0)
        );
        assert_eq!(alias("CREATE TABLE t (id INTEGER PRIMARY KEY DESC)"), None);
        assert_eq!(alias("CREATE TABLE t (id INT PRIMARY KEY)"), None);
        assert_eq!(
            alias("CREATE TABLE t (id INTEGER NOT NULL, PRIMARY KEY (id))"),
            Some(0)
        );
        assert_eq!(
            alias("CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b))"),
            None
        );
        assert_eq!(
            alias("CREATE TABLE t (\"id\" INTEGER CONSTRAINT pk PRIMARY KEY)"),
            Some(0)
        );
        let table = columns(
            b"CREATE TABLE \"a(b\" ([x y] TEXT DEFAULT 'it''s', z DEFAULT -1.5e1, w DEFAULT (1))",
        )
        .unwrap();
        assert_eq!(table.columns, ["x y", "z", "w"]);
        assert_eq!(
            table.defaults,
            [
                Literal::Text(b"it's".to_vec()),
                Literal::Integer(-15),
                Literal::Null
            ]
        );
        assert!(columns(b"CREATE TABLE t (a 'unterminated)").is_none());
    }

    /// Each page of a damaged file is read at most once: cells that
    /// overlap, or share an overflow chain, are errors (a reviewer's
    /// 512 KiB file of one cell listed 28,660 times a page took 25 s and
    /// 15 GB before).
    #[test]
    fn shared_cells_and_chains_are_errors() {
        let file = fixture("deep.sqlite");
        let db = Database::open("test", &file).unwrap();
        let table = db.table("t").unwrap().unwrap();
        // Table t's leaf pages, with their cells.
        let mut leaves = Vec::new();
        for n in 2..=db.pages {
            let page = db.page(n).unwrap();
            if page[0] == 0x0d {
                let at = db.cells(n, page, 0).unwrap();
                leaves.push((n, db.leaf_cells(n, page, &at).unwrap()));
            }
        }
        let rows = |bytes: &[u8]| {
            let db = Database::open("test", bytes).unwrap();
            db.rows(&table, &mut |_| Ok(())).map_err(|e| e.to_string())
        };
        assert_eq!(rows(&file), Ok(()));
        // A second pointer to a page's first cell.
        let (n, _) = leaves.iter().find(|(_, cells)| cells.len() >= 2).unwrap();
        let mut twice = file.clone();
        let base = (*n as usize - 1) * db.page_size;
        let first = [twice[base + 8], twice[base + 9]];
        twice[base + 10..base + 12].copy_from_slice(&first);
        assert_eq!(rows(&twice), Err(format!("test: page {n}: cells overlap")));
        // A second overflowing cell continued in the first one's chain.
        let overflowing: Vec<(u32, LeafCell)> = leaves
            .iter()
            .flat_map(|(n, cells)| cells.iter().map(move |c| (*n, *c)))
            .filter(|(_, c)| c.local < c.size)
            .take(2)
            .collect();
        let [(n1, c1), (n2, c2)] = overflowing[..] else {
            panic!("two overflowing cells in the fixture");
        };
        let pointer = |n: u32, c: LeafCell| (n as usize - 1) * db.page_size + c.start + c.local;
        let mut shared = file.clone();
        let chain: [u8; 4] = file[pointer(n1, c1)..pointer(n1, c1) + 4]
            .try_into()
            .unwrap();
        shared[pointer(n2, c2)..pointer(n2, c2) + 4].copy_from_slice(&chain);
        let e = rows(&shared).unwrap_err();
        assert!(e.ends_with("an overflow page reached twice"), "{e}");
    }

    /// Reads every table of `file` (and `wal`), as a cookie database's
    /// reader would, ignoring what it finds.
    fn read_everything(file: &[u8], wal: Option<&[u8]>) {
        let image = logged(file, wal);
        let Ok(db) = Database::open("test", &image) else {
            return;
        };
        for name in ["t", "keyed", "nokey", "later", "norowid", "sqlite_schema"] {
            if let Ok(Some(table)) = db.table(name) {
                let _ = db.rows(&table, &mut |row| {
                    for i in 0..table.columns.len() + 1 {
                        let _ = row.get(i);
                    }
                    Ok(())
                });
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Changed bytes anywhere in a database or its log end in an
        /// error or in rows, never in a panic or a hang.
        #[test]
        fn damaged_files_never_panic(
            which in 0..3usize,
            changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let (mut file, mut wal) = match which {
                0 => (fixture("basic.sqlite"), None),
                1 => (fixture("deep.sqlite"), None),
                _ => (fixture("wal.sqlite"), Some(fixture("wal.sqlite-wal"))),
            };
            let target = wal.as_mut().unwrap_or(&mut file);
            for (at, byte) in changes {
                let i = at.index(target.len());
                target[i] = byte;
            }
            if let Some(cut) = cut {
                let len = cut.index(target.len());
                target.truncate(len);
            }
            read_everything(&file, wal.as_deref());
        }
    }
}
